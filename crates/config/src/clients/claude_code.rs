//! Claude Code.
//!
//! Server files (checked against code.claude.com/docs/en/mcp and /managed-mcp):
//! - `~/.claude.json`: top-level `mcpServers` (user scope, the scope given) and
//!   `projects["/abs/path"].mcpServers` (local scope: private to the user, one project);
//! - `.mcp.json` at a project root (project scope) and in plugins (plugin scope);
//! - `managed-mcp.json` (managed), "the same format as `.mcp.json`".
//!
//! Entries carry `type` (`stdio` when absent, `http`, `sse`), `command/args/env`
//! or `url/headers`; `${VAR}` and `${VAR:-default}` expand (see `vars`).
//!
//! Settings files (`~/.claude/settings.json`, `.claude/settings.json`,
//! `.claude/settings.local.json`, `managed-settings.json`) hold no servers. They hold
//! what skips the approval prompts, recorded as [`ClientSetting`](crate::ClientSetting)s:
//! - `enableAllProjectMcpServers: true` (value `"true"`): every `.mcp.json` server approved;
//! - `enabledMcpjsonServers: [NAME...]`: one setting per approved name (value = the name);
//! - `permissions.allow` rules naming MCP tools (`mcp__server`, `mcp__server__tool`):
//!   one setting per rule, key `permissions.allow`, value the rule;
//! - `permissions.defaultMode: "bypassPermissions"`: every prompt skipped.
//!
//! `~/.claude.json` holds the same approval keys per project
//! (`projects.<path>.enableAllProjectMcpServers`, `enabledMcpjsonServers`, and the
//! older `allowedTools` list); they are recorded under the plain key names, so one
//! rule reads them wherever they are.
//!
//! Differences from clients.md: it lists `allowedMcpServers`/`deniedMcpServers`
//! among the settings; those only narrow what may run and are not recorded. It does
//! not mention `permissions.allow` / `defaultMode`, which are the settings that
//! actually auto-approve MCP tool calls. A plugin `.mcp.json` may omit the
//! `mcpServers` wrapper; that shape is accepted when every top-level value looks like
//! a server. `mcpServers` inside a settings file is ignored by Claude Code, so it is
//! reported as a problem rather than listed.

use super::{looks_like_server_map, Extractor};
use crate::model::Scope;
use crate::node::{Node, NodeKind};

pub(super) fn extract(x: &mut Extractor, root: &Node) {
    approval_settings(x, root);
    if is_settings_file(x) {
        if let Some((key, _)) = root
            .as_object()
            .and_then(|entries| entries.iter().rev().find(|(k, _)| k.value == "mcpServers"))
        {
            x.problem(
                key.pos,
                None,
                "\"mcpServers\" in a Claude Code settings file is ignored; servers belong in ~/.claude.json or .mcp.json",
            );
        }
        return;
    }
    match root.get("mcpServers") {
        Some(map) => x.server_map(map),
        None if is_mcp_json(x) && looks_like_server_map(root) => x.server_map(root),
        None => {}
    }
    if let Some(projects) = root.get("projects") {
        read_projects(x, projects);
    }
}

/// `projects` in `~/.claude.json`: `{"/abs/path": {mcpServers, enabledMcpjsonServers, ...}}`.
fn read_projects(x: &mut Extractor, projects: &Node) {
    let Some(entries) = projects.as_object() else {
        if !matches!(projects.kind, NodeKind::Null) {
            x.problem(
                projects.pos,
                None,
                format!("expected an object of projects, found {}", projects.type_name()),
            );
        }
        return;
    };
    let (scope, project) = (x.scope, x.project.take());
    for (path, body) in entries {
        if body.as_object().is_none() {
            continue;
        }
        x.scope = Scope::Local;
        x.project = Some(path.value.clone());
        if let Some(map) = body.get("mcpServers") {
            x.server_map(map);
        }
        approval_settings(x, body);
    }
    x.scope = scope;
    x.project = project;
}

/// The keys that approve servers or tools without asking, wherever they sit.
fn approval_settings(x: &mut Extractor, obj: &Node) {
    if let Some(v) = obj.get("enableAllProjectMcpServers") {
        if v.as_bool() == Some(true) {
            x.setting("enableAllProjectMcpServers", v);
        }
    }
    if let Some(list) = obj.get("enabledMcpjsonServers") {
        for item in list.as_array().unwrap_or_default() {
            if item.as_str().is_some() {
                x.setting("enabledMcpjsonServers", item);
            }
        }
    }
    // Older ~/.claude.json: `projects.<path>.allowedTools`.
    if let Some(list) = obj.get("allowedTools") {
        mcp_rules(x, "allowedTools", list);
    }
    if let Some(perms) = obj.get("permissions") {
        if let Some(list) = perms.get("allow") {
            mcp_rules(x, "permissions.allow", list);
        }
        if let Some(mode) = perms.get("defaultMode") {
            if mode.as_str() == Some("bypassPermissions") {
                x.setting("permissions.defaultMode", mode);
            }
        }
    }
}

/// Permission rules that name MCP tools: `mcp__server`, `mcp__server__tool`, `mcp__server__*`.
fn mcp_rules(x: &mut Extractor, key: &str, list: &Node) {
    for item in list.as_array().unwrap_or_default() {
        if item.as_str().is_some_and(|s| s.starts_with("mcp__")) {
            x.setting(key, item);
        }
    }
}

fn file_name(x: &Extractor) -> &str {
    x.file.file_name().and_then(|n| n.to_str()).unwrap_or("")
}

fn is_settings_file(x: &Extractor) -> bool {
    matches!(
        file_name(x),
        "settings.json" | "settings.local.json" | "managed-settings.json"
    )
}

fn is_mcp_json(x: &Extractor) -> bool {
    matches!(file_name(x), ".mcp.json" | "managed-mcp.json")
}
