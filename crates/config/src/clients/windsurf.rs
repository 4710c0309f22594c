//! Windsurf (Cascade): `~/.codeium/windsurf/mcp_config.json`,
//! `{"mcpServers": {NAME: {command, args, env} | {serverUrl, headers}}}`.
//!
//! Checked against vendor setup pages that quote Windsurf's docs (no page of
//! docs.windsurf.com itself was in the searchable corpus): a remote
//! server is `serverUrl` (not `url`, which clients.md also says); some vendor pages
//! write `url` with `type: "streamable-http"`, so `url` is read too rather than
//! dropping a server Windsurf may still load. `${env:VAR}` interpolates in
//! `command`, `args`, `env`, `serverUrl` and `headers`; `disabled: true` turns a
//! server off and `disabledTools` hides tools (read as excluded tools).
//! `alwaysAllow` / `autoApprove` are not documented for Windsurf but are read if
//! present. Not in clients.md: `headers` and `disabledTools`.

use super::Extractor;
use crate::node::Node;

pub(super) fn extract(x: &mut Extractor, root: &Node) {
    if let Some(map) = root.get("mcpServers") {
        x.server_map(map);
    }
}
