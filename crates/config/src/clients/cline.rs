//! Cline: `cline_mcp_settings.json` (VS Code global storage of
//! `saoudrizwan.claude-dev`, or the CLI's own settings directory),
//! `{"mcpServers": {NAME: {command, args, env, disabled, autoApprove|alwaysAllow, timeout}
//! | {type: "streamableHttp"|"sse", url, headers}}}`.
//!
//! Checked against docs.cline.bot/mcp (MCP overview, configuring MCP servers):
//! current docs write `autoApprove` where older files have `alwaysAllow`; both are
//! tools run without asking. Remote entries say `type` (`streamableHttp` or `sse`);
//! older files say `transportType: "sse"`. Newer Cline CLI docs name
//! `~/.cline/mcp.json` as the CLI's file (discovery's concern, same shape).
//! clients.md names only `alwaysAllow`.

use super::Extractor;
use crate::node::Node;

pub(super) fn extract(x: &mut Extractor, root: &Node) {
    if let Some(map) = root.get("mcpServers") {
        x.server_map(map);
    }
}
