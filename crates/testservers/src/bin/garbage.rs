//! A server that surrounds every valid frame with garbage: non-JSON lines, binary bytes,
//! partial frames, an empty batch, blank and CRLF lines, a response to an id nobody used,
//! requests the client must refuse (one well-formed, one broken but addressable), and a
//! valid response split across two writes. What the client answers is logged to stderr.

use mcpward_testservers::{serve, tool, Answer, Info, Out};
use serde_json::{json, Value};
use std::time::Duration;

fn noise(out: &mut Out) {
    out.raw(b"this is not json\n");
    out.raw(b"{\"jsonrpc\":\"2.0\",\"id\":\n");
    out.raw(b"\x00\xff\xfe binary garbage\n");
    out.raw(b"[]\n");
    out.raw(b"\r\n\n");
    out.raw(b"{\"jsonrpc\":\"2.0\",\"id\":987654,\"result\":{}}\n");
    out.raw(b"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\",\"data\":\"hello from garbage\"}}\n");
    out.raw(b"{\"jsonrpc\":\"2.0\",\"id\":\"srv-1\",\"method\":\"sampling/createMessage\",\"params\":{}}\n");
    out.raw(b"{\"jsonrpc\":\"2.0\",\"id\":\"srv-2\",\"method\":\"elicitation/create\",\"params\":{\n");
}

/// A valid response, written in two pieces with a pause between, ending in CRLF.
fn split(out: &mut Out, id: &Value, result: Value) {
    let text = json!({"jsonrpc": "2.0", "id": id, "result": result}).to_string();
    let (a, b) = text.split_at(text.len() / 2);
    out.raw(a.as_bytes());
    std::thread::sleep(Duration::from_millis(30));
    out.raw(b.as_bytes());
    out.raw(b"\r\n");
}

fn main() {
    let info = Info {
        name: "mcpward-test-garbage",
        capabilities: json!({"tools": {}}),
        instructions: None,
    };
    serve(info, |req, out| {
        if req.method.is_empty() {
            // The client's answers to our requests.
            let id = req.id.clone().unwrap_or(Value::Null);
            let outcome = match req.raw.get("error").and_then(|e| e.get("code")) {
                Some(code) => format!("error {code}"),
                None => format!("result {}", req.raw.get("result").unwrap_or(&Value::Null)),
            };
            eprintln!("client answered {id}: {outcome}");
            return None;
        }
        match req.method.as_str() {
            "tools/list" => {
                noise(out);
                let id = req.id.clone().unwrap_or(Value::Null);
                split(
                    out,
                    &id,
                    json!({"tools": [tool("echo", "Echoes its input.", json!({}))]}),
                );
                Some(Answer::Handled)
            }
            _ => None,
        }
    });
    // A partial frame at end of stream.
    let mut out_raw = std::io::stdout();
    let _ = std::io::Write::write_all(&mut out_raw, b"{\"jsonrpc\":\"2.0\",\"id\":");
}
