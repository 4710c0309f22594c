//! Codex CLI: `$CODEX_HOME/config.toml` (default `~/.codex/config.toml`),
//! `/etc/codex/config.toml`, project `.codex/config.toml` (trusted projects only). TOML.
//!
//! Checked against the Codex `docs/config.md` and its server parser
//! (`codex-rs/config/src/mcp_types.rs`):
//! - stdio: `[mcp_servers.NAME]` `command`, `args`, `env` (table), `env_vars`
//!   (names forwarded from the parent environment: strings or `{name, source}`),
//!   `cwd`;
//! - Streamable HTTP: `url`, `bearer_token_env_var`, `http_headers` (literal values),
//!   `env_http_headers` (values are variable NAMES); an inline `bearer_token` is
//!   rejected by Codex but still read here, since the secret is in the file;
//! - `enabled = false` turns a server off; `enabled_tools` / `disabled_tools` narrow
//!   its tools; `default_tools_approval_mode = "approve"` runs every tool of the
//!   server without asking (recorded as `trust`), `[mcp_servers.NAME.tools.TOOL]
//!   approval_mode = "approve"` one tool (recorded as an allowed tool).
//!
//! Names of variables are turned into references so the model says where the value
//! comes from without pretending it is literal: each `env_vars` name `V` becomes the
//! env pair `V = "${V}"`, each `env_http_headers` pair `H = "V"` the header
//! `H: ${V}`, and `bearer_token_env_var = "V"` the header `Authorization: ${V}`
//! (positions are those of the names). An inline `bearer_token` becomes an
//! `Authorization` header with the literal value.
//!
//! Client-wide settings recorded: `approval_policy = "never"` (no prompt, ever) and
//! `sandbox_mode = "danger-full-access"` (no sandbox), at the top level under those
//! keys and in profiles as `profiles.NAME.approval_policy` / `profiles.NAME.sandbox_mode`.
//! The other values (`untrusted`, `on-failure`, `on-request`, granular tables;
//! `read-only`, `workspace-write`) are not recorded.
//!
//! Differences from clients.md: `default_tools_approval_mode` and per-tool
//! `approval_mode`, `env_vars` items as tables, and the inline `bearer_token` are not in it.

use super::Extractor;
use crate::model::{Text, Transport};
use crate::node::{Located, Node, NodeKind};

pub(super) fn extract(x: &mut Extractor, root: &Node) {
    if let Some(servers) = root.get("mcp_servers") {
        read_servers(x, servers);
    }
    policy(x, root, "");
    if let Some(profiles) = root.get("profiles").and_then(Node::as_object) {
        for (name, body) in profiles {
            policy(x, body, &format!("profiles.{}.", name.value));
        }
    }
}

fn policy(x: &mut Extractor, table: &Node, prefix: &str) {
    if let Some(v) = table.get("approval_policy") {
        if v.as_str() == Some("never") {
            x.setting(&format!("{prefix}approval_policy"), v);
        }
    }
    if let Some(v) = table.get("sandbox_mode") {
        if v.as_str() == Some("danger-full-access") {
            x.setting(&format!("{prefix}sandbox_mode"), v);
        }
    }
}

fn read_servers(x: &mut Extractor, servers: &Node) {
    let Some(entries) = servers.as_object() else {
        x.problem(
            servers.pos,
            None,
            format!(
                "\"mcp_servers\" should be a table of servers, found {}",
                servers.type_name()
            ),
        );
        return;
    };
    for (name, body) in entries {
        let Some(mut entry) = x.server(&name.value, name.pos, body) else {
            continue;
        };
        let name = name.value.as_str();
        match &mut entry.transport {
            Transport::Stdio { env, .. } => env.extend(env_vars(x, name, body)),
            Transport::Http { headers, sse, .. } => {
                headers.extend(http_refs(x, name, body));
                // Codex speaks Streamable HTTP only.
                *sse = Some(false);
            }
            Transport::Unknown => {}
        }
        if let Some(mode) = body.get("default_tools_approval_mode") {
            if mode.as_str() == Some("approve") {
                entry.trust.trust = Some(Located::new(true, mode.pos));
            }
        }
        if let Some(tools) = body.get("tools").and_then(Node::as_object) {
            for (tool, settings) in tools {
                if settings.get("approval_mode").and_then(Node::as_str) == Some("approve") {
                    entry.trust.always_allow.push(tool.clone());
                }
            }
        }
        x.push(entry);
    }
}

/// `env_vars = ["A", {name = "B", source = "remote"}]` as `A = "${A}"`, `B = "${B}"`.
fn env_vars(x: &mut Extractor, server: &str, body: &Node) -> Vec<(Text, Text)> {
    let Some(list) = body.get("env_vars") else {
        return Vec::new();
    };
    let Some(items) = list.as_array() else {
        x.problem(
            list.pos,
            Some(server),
            format!(
                "\"env_vars\" of server \"{server}\" should be a list, found {}",
                list.type_name()
            ),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let name = match &item.kind {
            NodeKind::String(s) => Some(s.clone()),
            NodeKind::Object(_) => item.get("name").and_then(Node::as_str).map(str::to_owned),
            _ => None,
        };
        match name {
            Some(n) => out.push((
                Located::new(n.clone(), item.pos),
                Located::new(format!("${{{n}}}"), item.pos),
            )),
            None => x.problem(
                item.pos,
                Some(server),
                format!("an \"env_vars\" item of server \"{server}\" names no variable"),
            ),
        }
    }
    out
}

/// `env_http_headers`, `bearer_token_env_var` and the inline `bearer_token` as headers.
fn http_refs(x: &mut Extractor, server: &str, body: &Node) -> Vec<(Text, Text)> {
    let mut out = Vec::new();
    if let Some(map) = body.get("env_http_headers") {
        for (header, var) in x.string_map(server, "env_http_headers", map) {
            let value = Located::new(format!("${{{}}}", var.value), var.pos);
            out.push((header, value));
        }
    }
    for key in ["bearer_token_env_var", "bearer_token"] {
        let Some((k, v)) = body
            .as_object()
            .and_then(|entries| entries.iter().rev().find(|(k, _)| k.value == key))
        else {
            continue;
        };
        if let Some(value) = x.string(server, key, v) {
            let value = if key == "bearer_token_env_var" {
                Located::new(format!("${{{}}}", value.value), value.pos)
            } else {
                value
            };
            out.push((Located::new("Authorization".to_owned(), k.pos), value));
        }
    }
    out
}
