//! Kiro: `~/.kiro/settings/mcp.json` and project `.kiro/settings/mcp.json`,
//! `{"mcpServers": {NAME: {command, args, env, disabled, autoApprove, disabledTools} | {url, headers}}}`.
//!
//! Checked against kiro.dev/docs/mcp/configuration: `autoApprove` lists tools run
//! without asking (`"*"` for all of them, kept as written), `disabledTools` hides
//! tools, `disabled: true` turns the server off, `${VAR}` expands in `env` and
//! `headers`. Kiro CLI (the former Amazon Q Developer CLI) also reads agent files
//! with `mcpServers` and `allowedTools` (`@server`, `@server/tool`); `allowedTools`
//! is applied to the servers of the same file. clients.md lists only `mcpServers`.

use super::Extractor;
use crate::node::Node;

pub(super) fn extract(x: &mut Extractor, root: &Node) {
    if let Some(map) = root.get("mcpServers") {
        x.server_map(map);
    }
    if let Some(list) = root.get("allowedTools") {
        x.apply_allowed_tools(list);
    }
}
