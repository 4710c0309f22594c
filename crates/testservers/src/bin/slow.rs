//! A well-behaved server that takes `MCPWARD_SLOW_MS` milliseconds (default 1000) before
//! it reads its first message: a stand-in for a slow `npx` start, used to show that
//! inspecting many servers takes about as long as the slowest one, not the sum.

use mcpward_testservers::{serve, tool, Answer, Info};
use serde_json::json;
use std::time::Duration;

fn main() {
    let ms: u64 = std::env::var("MCPWARD_SLOW_MS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    std::thread::sleep(Duration::from_millis(ms));
    let info = Info {
        name: "mcpward-test-slow",
        capabilities: json!({"tools": {}}),
        instructions: None,
    };
    serve(info, |req, _out| match req.method.as_str() {
        "tools/list" => Some(Answer::Result(json!({ "tools": [
            tool("get_time", "Get the current time.", json!({})),
        ]}))),
        _ => None,
    });
}
