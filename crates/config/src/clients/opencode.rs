//! opencode: `~/.config/opencode/opencode.json(c)`, project `opencode.json(c)` or
//! `.opencode/opencode.json(c)`. JSONC.
//!
//! Checked against opencode.ai/docs/mcp-servers (V1) and opencode.ai/v2/docs/mcp-servers:
//! - V1: `mcp: {NAME: {type: "local", command: [cmd, ...args], environment, enabled}
//!   | {type: "remote", url, headers, enabled, oauth}}`;
//! - V2: the same entries one level down, `mcp.servers: {NAME: ...}`, with `disabled:
//!   true` instead of `enabled: false`, and `cwd`.
//!
//! `command` is an array whose first item is the program. A remote server is tried as
//! Streamable HTTP, then SSE, so `sse` stays unknown. `{env:VAR}` / `{file:path}`
//! are references (see `vars`).
//!
//! Differences from clients.md: the V2 `mcp.servers` nesting, `disabled` and `cwd`.
//! A V1 server literally named `servers` is told apart from the V2 map by its own
//! `type`/`command`/`url` keys.

use super::Extractor;
use crate::node::Node;

pub(super) fn extract(x: &mut Extractor, root: &Node) {
    let Some(mcp) = root.get("mcp") else { return };
    match mcp.get("servers") {
        Some(servers) if is_v2_map(servers) => x.server_map(servers),
        _ => x.server_map(mcp),
    }
}

fn is_v2_map(node: &Node) -> bool {
    node.as_object().is_some() && ["type", "command", "url"].iter().all(|k| node.get(k).is_none())
}
