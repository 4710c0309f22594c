//! A server that initializes normally, then crashes in the middle of its tools/list
//! response: half a frame, a message on stderr, exit code 70. It starts a grandchild
//! `sleep` first, which the crash leaves behind in its process group.

use mcpward_testservers::{serve, Answer, Info};
use serde_json::{json, Value};

fn main() {
    match std::process::Command::new("sleep").arg("1000").spawn() {
        Ok(child) => eprintln!("crash: grandchild sleep pid {}", child.id()),
        Err(e) => eprintln!("crash: could not start sleep: {e}"),
    }
    let info = Info {
        name: "mcpward-test-crash",
        capabilities: json!({"tools": {}}),
        instructions: None,
    };
    serve(info, |req, out| match req.method.as_str() {
        "tools/list" => {
            let id = req.id.clone().unwrap_or(Value::Null);
            out.raw(format!("{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":{{\"tools\":[{{\"name\":\"half").as_bytes());
            eprintln!("fatal: simulated crash in tools/list");
            std::process::exit(70);
        }
        "ping" => Some(Answer::Result(json!({}))),
        _ => None,
    });
}
