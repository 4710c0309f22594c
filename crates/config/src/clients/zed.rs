//! Zed: `~/.config/zed/settings.json` (macOS too), project `.zed/settings.json`. JSONC.
//!
//! Checked against zed.dev/docs/ai/mcp: `context_servers` is an object map.
//! - custom stdio: `{NAME: {command, args, env}}` (older files add `"source": "custom"`);
//! - the oldest custom form: `{NAME: {"command": {path, args, env}, "settings": {...}}}`;
//! - remote: `{NAME: {url, headers}}` (OAuth when no `Authorization` header);
//! - extension-provided servers: `{NAME: {"settings": {...}}}` with no command; the
//!   extension knows how to start them, so they are listed with an unknown transport;
//! - `enabled: false` turns a server off.
//!
//! Settings that approve tool calls without asking: `agent.always_allow_tool_actions:
//! true` (before v0.224) and `agent.tool_permissions.default: "allow"` (since),
//! recorded under those dotted keys.
//!
//! Differences from clients.md: remote `url`/`headers` and `enabled` are not in it.
//! An extension server's `settings` can hold credentials, which the model has no
//! place for yet.

use super::Extractor;
use crate::node::Node;

pub(super) fn extract(x: &mut Extractor, root: &Node) {
    if let Some(map) = root.get("context_servers") {
        x.server_map(map);
    }
    if let Some(v) = root.path(&["agent", "always_allow_tool_actions"]) {
        if v.as_bool() == Some(true) {
            x.setting("agent.always_allow_tool_actions", v);
        }
    }
    if let Some(v) = root.path(&["agent", "tool_permissions", "default"]) {
        if v.as_str() == Some("allow") {
            x.setting("agent.tool_permissions.default", v);
        }
    }
}
