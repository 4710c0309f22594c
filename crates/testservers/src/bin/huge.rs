//! A server whose tools/list response is one ~50 MB line (`MCPWARD_HUGE_MB` changes the
//! size), with the id written last as some SDKs do; resources/list stays small, so a
//! client can show that the stream is still usable after dropping the huge frame.

use mcpward_testservers::{serve, Answer, Info};
use serde_json::{json, Value};

fn main() {
    let megabytes: usize = std::env::var("MCPWARD_HUGE_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    let info = Info {
        name: "mcpward-test-huge",
        capabilities: json!({"tools": {}, "resources": {}}),
        instructions: None,
    };
    serve(info, |req, out| match req.method.as_str() {
        "tools/list" => {
            let id = req.id.clone().unwrap_or(Value::Null);
            let description = "x".repeat(10_000);
            out.raw(b"{\"result\":{\"tools\":[");
            let mut written = 0usize;
            let mut i = 0usize;
            while written < megabytes * 1024 * 1024 {
                let sep = if i == 0 { "" } else { "," };
                let item = format!(
                    "{sep}{{\"name\":\"tool_{i}\",\"description\":\"{description}\",\"inputSchema\":{{\"type\":\"object\"}}}}"
                );
                written += item.len();
                out.raw(item.as_bytes());
                i += 1;
            }
            out.raw(format!("]}},\"jsonrpc\":\"2.0\",\"id\":{id}}}\n").as_bytes());
            Some(Answer::Handled)
        }
        "resources/list" => Some(Answer::Result(
            json!({"resources": [{"uri": "file:///small", "name": "small"}]}),
        )),
        _ => None,
    });
}
