//! Cursor: `~/.cursor/mcp.json` and project `.cursor/mcp.json`,
//! `{"mcpServers": {NAME: {command, args, env, envFile} | {url, headers}}}`.
//!
//! Checked against cursor.com/docs/mcp as quoted by developersdigest.tech and vendor
//! setup pages (userjot, mcpbundles): stdio, Streamable HTTP and SSE (a `url`
//! entry is tried as Streamable HTTP first, so `sse` stays unknown unless `type`
//! says); `${env:VAR}`, `${userHome}`, `${workspaceFolder}` interpolate; `envFile`
//! loads variables for stdio servers (from Cursor's docs as remembered, not seen in
//! the corpus; not in clients.md). Cursor's auto-run
//! ("YOLO") mode lives in its internal state database, not in these files, so it
//! cannot be read here.

use super::Extractor;
use crate::node::Node;

pub(super) fn extract(x: &mut Extractor, root: &Node) {
    if let Some(map) = root.get("mcpServers") {
        x.server_map(map);
    }
}
