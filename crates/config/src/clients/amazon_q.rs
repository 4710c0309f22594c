//! Amazon Q Developer.
//!
//! Two shapes, both with an `mcpServers` map of `{command, args, env, timeout,
//! disabled}` or remote `{type: "http", url, headers}`:
//! - the legacy `~/.aws/amazonq/mcp.json` and workspace `.amazonq/mcp.json`;
//! - agent files (`~/.aws/amazonq/agents/default.json` for the IDE,
//!   `~/.aws/amazonq/cli-agents/*.json` for the CLI), which add `tools`,
//!   `allowedTools` and `useLegacyMcpJson`.
//!
//! Checked against docs.aws.amazon.com/amazonq (qdev-mcp, mcp-ide) and the CLI's
//! `docs/agent-format.md`. `allowedTools` lists what runs without prompting:
//! `@server` (every tool of a server) becomes `trust`, `@server/tool` an allowed
//! tool; `*`/`?` glob. It is applied to the servers of the same file only (servers
//! pulled in through `useLegacyMcpJson` live in another file). clients.md lists only
//! `mcpServers` and misses `allowedTools`.

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
