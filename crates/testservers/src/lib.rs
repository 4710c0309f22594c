//! Just enough of an MCP stdio server for the misbehaving fixtures in `src/bin/`.
//!
//! Plain std I/O, one request at a time. `initialize` answers with the version in
//! `MCPWARD_TEST_PROTOCOL_VERSION` (default 2025-11-25). When that version is 2026-07-28
//! the server is "modern": it answers `server/discover` and refuses `initialize` with
//! -32022; otherwise `server/discover` is an unknown method, as on real legacy servers.

use serde_json::{json, Value};
use std::io::{BufRead, Write};

pub const MODERN: &str = "2026-07-28";

/// The protocol version this fixture speaks.
pub fn protocol_version() -> String {
    std::env::var("MCPWARD_TEST_PROTOCOL_VERSION").unwrap_or_else(|_| "2025-11-25".to_string())
}

/// One request (or notification, when `id` is `None`) from the client.
pub struct Req {
    pub id: Option<Value>,
    pub method: String,
    pub params: Value,
    /// The whole message.
    pub raw: Value,
}

/// What a handler answers.
pub enum Answer {
    Result(Value),
    Error(i64, String),
    /// The handler wrote (or deliberately did not write) the answer itself.
    Handled,
}

/// Writes to stdout; also lets fixtures write raw bytes.
pub struct Out {
    stdout: std::io::Stdout,
    modern: bool,
}

impl Out {
    pub fn raw(&mut self, bytes: &[u8]) {
        let mut lock = self.stdout.lock();
        let _ = lock.write_all(bytes);
        let _ = lock.flush();
    }

    pub fn send(&mut self, v: &Value) {
        let mut line = v.to_string();
        line.push('\n');
        self.raw(line.as_bytes());
    }

    pub fn result(&mut self, id: &Value, mut result: Value) {
        if self.modern {
            if let Some(obj) = result.as_object_mut() {
                obj.entry("resultType").or_insert(json!("complete"));
            }
        }
        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
    }

    pub fn error(&mut self, id: &Value, code: i64, message: &str) {
        self.send(&json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}}));
    }
}

/// Who the fixture says it is.
pub struct Info {
    pub name: &'static str,
    pub capabilities: Value,
    pub instructions: Option<&'static str>,
}

/// Serves stdin until it closes. `handle` gets every request other than initialize,
/// server/discover and ping; responses from the client are passed to it too (method "").
pub fn serve(info: Info, mut handle: impl FnMut(&Req, &mut Out) -> Option<Answer>) {
    let version = protocol_version();
    let modern = version == MODERN;
    let mut out = Out {
        stdout: std::io::stdout(),
        modern,
    };
    let stdin = std::io::stdin();
    let mut line = String::new();
    loop {
        line.clear();
        match stdin.lock().read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let Ok(msg) = serde_json::from_str::<Value>(line.trim()) else {
            out.send(&json!({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}));
            continue;
        };
        let req = Req {
            id: msg.get("id").cloned(),
            method: msg.get("method").and_then(Value::as_str).unwrap_or("").to_string(),
            params: msg.get("params").cloned().unwrap_or(Value::Null),
            raw: msg.clone(),
        };
        let Some(id) = req.id.clone() else {
            continue; // notifications need no answer
        };
        if req.method.is_empty() {
            // A response to one of our requests.
            let _ = handle(&req, &mut out);
            continue;
        }
        let answer = match req.method.as_str() {
            "initialize" if modern => {
                let requested = req.params.get("protocolVersion").cloned().unwrap_or(Value::Null);
                out.send(&json!({"jsonrpc":"2.0","id":id,"error":{"code":-32022,
                    "message":"this server speaks 2026-07-28 only",
                    "data":{"supported":[MODERN],"requested":requested}}}));
                Answer::Handled
            }
            "initialize" => Answer::Result(json!({
                "protocolVersion": version,
                "capabilities": info.capabilities,
                "serverInfo": {"name": info.name, "version": "0.0.1"},
                "instructions": info.instructions,
            })),
            "server/discover" if modern => Answer::Result(json!({
                "supportedVersions": [MODERN],
                "capabilities": info.capabilities,
                "instructions": info.instructions,
                "ttlMs": 0,
                "cacheScope": "private",
                "_meta": {"io.modelcontextprotocol/serverInfo": {"name": info.name, "version": "0.0.1"}},
            })),
            "ping" => Answer::Result(json!({})),
            _ => handle(&req, &mut out).unwrap_or(Answer::Error(-32601, "Method not found".to_string())),
        };
        match answer {
            Answer::Result(r) => out.result(&id, r),
            Answer::Error(code, message) => out.error(&id, code, &message),
            Answer::Handled => {}
        }
    }
}

/// A minimal tool object.
pub fn tool(name: &str, description: &str, properties: Value) -> Value {
    json!({
        "name": name,
        "description": description,
        "inputSchema": {"type": "object", "properties": properties},
    })
}
