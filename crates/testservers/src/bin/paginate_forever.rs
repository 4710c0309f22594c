//! A server that answers every tools/list page with one tool and a new `nextCursor`,
//! forever; with `MCPWARD_PAGINATE_MODE=repeat` it returns the same cursor every time.

use mcpward_testservers::{serve, tool, Answer, Info};
use serde_json::{json, Value};

fn main() {
    let repeat = std::env::var("MCPWARD_PAGINATE_MODE").is_ok_and(|m| m == "repeat");
    let info = Info {
        name: "mcpward-test-paginate-forever",
        capabilities: json!({"tools": {}}),
        instructions: None,
    };
    serve(info, |req, _out| match req.method.as_str() {
        "tools/list" => {
            let page: u64 = req
                .params
                .get("cursor")
                .and_then(Value::as_str)
                .and_then(|c| c.strip_prefix("page-"))
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            let next = if repeat {
                "page-again".to_string()
            } else {
                format!("page-{}", page + 1)
            };
            Some(Answer::Result(json!({
                "tools": [tool(&format!("tool_{page}"), "One more tool.", json!({}))],
                "nextCursor": next,
            })))
        }
        _ => None,
    });
}
