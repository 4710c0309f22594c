//! Continue: `~/.continue/config.yaml`, and block files in `.continue/mcpServers/`
//! (workspace or home).
//!
//! Checked against docs.continue.dev (config.yaml reference, "MCP" deep dive):
//! - `config.yaml` and each YAML block file are full config blocks (`name`,
//!   `version`, `schema: v1`, ...) whose `mcpServers` is a LIST of
//!   `{name, type, command, args, env, cwd, connectionTimeout}` or
//!   `{name, type: sse|streamable-http, url, requestOptions: {headers}}`; a list
//!   item's position is the entry's position;
//! - hub blocks appear as `- uses: owner/block` (with `with:` inputs) and are listed
//!   under that name with an unknown transport: the block itself lives on the hub;
//! - JSON files in `.continue/mcpServers/` are copied from other clients and use the
//!   Claude-style `{"mcpServers": {NAME: {...}}}` map, read as such;
//! - the deprecated `config.json` kept servers in
//!   `experimental.modelContextProtocolServers: [{transport: {type, command, args, env}}]`,
//!   read too, named by position when unnamed.
//!
//! `${{ secrets.NAME }}` and `${{ inputs.NAME }}` are references (see `vars`).
//! Differences from clients.md: `cwd`, `requestOptions.headers`, the `streamable-http`
//! type, hub `uses` entries and the legacy JSON list are not in it.

use super::Extractor;
use crate::node::{Node, NodeKind};

pub(super) fn extract(x: &mut Extractor, root: &Node) {
    if let Some(servers) = root.get("mcpServers") {
        match servers.kind {
            NodeKind::Object(_) => x.server_map(servers),
            _ => x.server_list(servers),
        }
    }
    if let Some(list) = root.path(&["experimental", "modelContextProtocolServers"]) {
        legacy_list(x, list);
    }
}

fn legacy_list(x: &mut Extractor, list: &Node) {
    let Some(items) = list.as_array() else {
        if !matches!(list.kind, NodeKind::Null) {
            x.problem(
                list.pos,
                None,
                format!(
                    "\"modelContextProtocolServers\" should be a list, found {}",
                    list.type_name()
                ),
            );
        }
        return;
    };
    for (i, item) in items.iter().enumerate() {
        let name = item
            .get("name")
            .and_then(Node::scalar_text)
            .unwrap_or_else(|| format!("modelContextProtocolServers[{i}]"));
        let body = item.get("transport").unwrap_or(item);
        if let Some(entry) = x.server(&name, item.pos, body) {
            x.push(entry);
        }
    }
}
