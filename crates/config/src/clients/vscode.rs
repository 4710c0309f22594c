//! VS Code (GitHub Copilot agent mode).
//!
//! Checked against code.visualstudio.com/docs/copilot/reference/mcp-configuration:
//! - `mcp.json` (user profile since 1.102, workspace `.vscode/mcp.json`):
//!   `{"servers": {NAME: {type, command, args, env, envFile} | {type, url, headers}},
//!   "inputs": [{type: "promptString", id, description, password}]}`; `type` is
//!   `stdio`, `http` or `sse` (`http` falls back to SSE, so `sse` stays unknown
//!   unless `type` says `sse`);
//! - `settings.json`, the older home: `"mcp": {"servers": {...}}` (also written as
//!   the flat key `"mcp.servers"`);
//! - dev containers: `devcontainer.json` `customizations.vscode.mcp.servers`.
//!
//! JSONC. `${input:id}`, `${env:VAR}` and `${workspaceFolder}` are references, not
//! literals (see `vars`). `sandboxEnabled` servers have tool confirmations
//! auto-approved, but inside a sandbox; that is not recorded as trust.
//!
//! Settings that approve every tool call (user `settings.json`):
//! `chat.tools.global.autoApprove: true` and its older name `chat.tools.autoApprove: true`,
//! flat or nested, recorded under the flat key.
//!
//! Differences from clients.md: dev containers and the flat `mcp.servers` key are
//! not in it, nor the auto-approve settings.

use super::Extractor;
use crate::node::Node;

const AUTO_APPROVE_KEYS: [&str; 2] = ["chat.tools.global.autoApprove", "chat.tools.autoApprove"];

pub(super) fn extract(x: &mut Extractor, root: &Node) {
    if let Some(map) = root.get("servers") {
        x.server_map(map);
    }
    if let Some(map) = root.path(&["mcp", "servers"]) {
        x.server_map(map);
    }
    if let Some(map) = root.get("mcp.servers") {
        x.server_map(map);
    }
    if let Some(map) = root.path(&["customizations", "vscode", "mcp", "servers"]) {
        x.server_map(map);
    }
    for key in AUTO_APPROVE_KEYS {
        let parts: Vec<&str> = key.split('.').collect();
        let value = root.get(key).or_else(|| root.path(&parts));
        if let Some(v) = value {
            if v.as_bool() == Some(true) {
                x.setting(key, v);
            }
        }
    }
}
