//! Gemini CLI: `~/.gemini/settings.json`, project `.gemini/settings.json`, system
//! `/etc/gemini-cli/settings.json` (and `system-defaults.json`).
//!
//! Checked against geminicli.com/docs/tools/mcp-server and the configuration
//! reference: `mcpServers: {NAME: {command, args, env, cwd, timeout, trust,
//! includeTools, excludeTools} | {url, headers} | {httpUrl, headers}}`. Transport is
//! chosen by key: `httpUrl` is Streamable HTTP, `url` is SSE (newer versions accept
//! `type: "http"` with `url` for Streamable HTTP, which the reader honours), `command`
//! is stdio. `trust: true` skips every confirmation for the server. `$VAR` and
//! `${VAR}` expand in `env`.
//!
//! `mcp.allowed` / `mcp.excluded` (v1 settings: `allowMCPServers` /
//! `excludeMCPServers`) decide which servers connect at all: a server of this file
//! that is excluded, or missing from a present allow-list, is marked disabled (it
//! stays listed). Lists in another settings file are not seen here.
//!
//! Not recorded: YOLO mode cannot be set in `settings.json` (command line only);
//! `general.defaultApprovalMode` accepts `default`, `auto_edit` and `plan`, none of
//! which auto-approves MCP tools. OAuth settings (`oauth.clientSecret`) have no place
//! in the model yet. clients.md matches, except that it omits the v1 spellings.

use super::Extractor;
use crate::node::Node;

pub(super) fn extract(x: &mut Extractor, root: &Node) {
    if let Some(map) = root.get("mcpServers") {
        x.server_map(map);
    }
    let excluded = names(
        root.path(&["mcp", "excluded"])
            .or_else(|| root.get("excludeMCPServers")),
    );
    let allowed = root
        .path(&["mcp", "allowed"])
        .or_else(|| root.get("allowMCPServers"))
        .filter(|n| n.as_array().is_some())
        .map(|n| names(Some(n)));
    for entry in x.servers_mut() {
        let shut_out = excluded.iter().any(|n| n == &entry.name)
            || allowed.as_ref().is_some_and(|a| !a.iter().any(|n| n == &entry.name));
        if shut_out {
            entry.disabled = true;
        }
    }
}

fn names(list: Option<&Node>) -> Vec<String> {
    list.and_then(Node::as_array)
        .unwrap_or_default()
        .iter()
        .filter_map(|n| n.as_str().map(str::to_owned))
        .collect()
}
