//! Discovery under a fake home: every client's file at its documented place is
//! found, parsed, and attributed to the right client and scope.

mod common;
use common::*;

#[test]
fn every_client_is_discovered_under_a_fake_home() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let server = r#"{"command": "uvx", "args": ["mcp-server-time==0.6.2"]}"#;
    let files = [
        (
            ".config/Claude/claude_desktop_config.json",
            format!(r#"{{"mcpServers": {{"desktop": {server}}}}}"#),
            "claude-desktop",
            "desktop",
        ),
        (
            "Library/Application Support/Claude/claude_desktop_config.json",
            format!(r#"{{"mcpServers": {{"desktop-mac": {server}}}}}"#),
            "claude-desktop",
            "desktop-mac",
        ),
        (
            ".claude.json",
            format!(r#"{{"mcpServers": {{"code": {server}}}}}"#),
            "claude-code",
            "code",
        ),
        (
            ".cursor/mcp.json",
            format!(r#"{{"mcpServers": {{"cursor": {server}}}}}"#),
            "cursor",
            "cursor",
        ),
        (
            ".config/Code/User/mcp.json",
            format!("{{\n// jsonc\n\"servers\": {{\"vscode\": {server},}}}}"),
            "vs-code",
            "vscode",
        ),
        (
            ".codeium/windsurf/mcp_config.json",
            r#"{"mcpServers": {"windsurf": {"serverUrl": "https://mcp.example.com/mcp"}}}"#.to_owned(),
            "windsurf",
            "windsurf",
        ),
        (
            ".gemini/settings.json",
            r#"{"mcpServers": {"gemini": {"httpUrl": "https://mcp.example.com/mcp"}}}"#.to_owned(),
            "gemini-cli",
            "gemini",
        ),
        (
            ".config/zed/settings.json",
            r#"{"context_servers": {"zed": {"command": {"path": "uvx", "args": ["x"]}}}}"#.to_owned(),
            "zed",
            "zed",
        ),
        (
            ".cline/data/settings/cline_mcp_settings.json",
            format!(r#"{{"mcpServers": {{"cline": {server}}}}}"#),
            "cline",
            "cline",
        ),
        (
            ".continue/config.yaml",
            "mcpServers:\n  - name: continue\n    command: uvx\n    args: [x]\n".to_owned(),
            "continue",
            "continue",
        ),
        (
            ".codex/config.toml",
            "[mcp_servers.codex]\ncommand = \"uvx\"\nargs = [\"x\"]\n".to_owned(),
            "codex",
            "codex",
        ),
        (
            ".config/opencode/opencode.json",
            r#"{"mcp": {"opencode": {"type": "local", "command": ["uvx", "x"]}}}"#.to_owned(),
            "opencode",
            "opencode",
        ),
        (
            ".kiro/settings/mcp.json",
            format!(r#"{{"mcpServers": {{"kiro": {server}}}}}"#),
            "kiro",
            "kiro",
        ),
        (
            ".aws/amazonq/mcp.json",
            format!(r#"{{"mcpServers": {{"amazonq": {server}}}}}"#),
            "amazon-q",
            "amazonq",
        ),
    ];
    for (rel, body, _, _) in &files {
        write(h, rel, body);
    }
    // A project Claude Code knows about: its .mcp.json is audited too.
    let project = h.join("code/app");
    write(
        &project,
        ".mcp.json",
        &format!(r#"{{"mcpServers": {{"project": {server}}}}}"#),
    );
    let claude = format!(
        r#"{{"mcpServers": {{"code": {server}}}, "projects": {{{:?}: {{"mcpServers": {{"local": {server}}}}}}}}}"#,
        project.display().to_string()
    );
    write(h, ".claude.json", &claude);

    let state = fixed_state();
    let out = mcpward(
        &["audit", "--no-system", "--format", "json", "--fail-on", "never"],
        h,
        state.path(),
        h,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    let servers = report["servers"].as_array().expect("servers");
    let has = |client: &str, name: &str, scope: Option<&str>| {
        servers
            .iter()
            .any(|s| s["client"] == client && s["name"] == name && scope.is_none_or(|sc| s["scope"] == sc))
    };
    for (_, _, client, name) in &files {
        assert!(has(client, name, None), "{client}/{name} not discovered: {servers:#?}");
    }
    assert!(has("claude-code", "local", Some("local")), "projects.<path>.mcpServers");
    assert!(
        has("claude-code", "project", Some("project")),
        "project .mcp.json of a known project"
    );
    assert_eq!(report["errors"].as_array().map(Vec::len), Some(0), "{report:#}");
}

#[test]
fn client_filter_and_unknown_client() {
    let home = tempfile::tempdir().unwrap();
    write(
        home.path(),
        ".cursor/mcp.json",
        r#"{"mcpServers": {"a": {"command": "x"}}}"#,
    );
    write(
        home.path(),
        ".gemini/settings.json",
        r#"{"mcpServers": {"b": {"command": "x"}}}"#,
    );
    let state = fixed_state();
    let out = mcpward(
        &["audit", "--client", "cursor", "-f", "json", "--fail-on", "never"],
        home.path(),
        state.path(),
        home.path(),
    );
    let report = json(&out);
    let names: Vec<&str> = report["servers"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(names, ["a"]);
    let out = mcpward(
        &["audit", "--client", "notepad"],
        home.path(),
        state.path(),
        home.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown client"), "{}", stderr(&out));
}

#[test]
fn an_empty_home_is_clean() {
    let home = tempfile::tempdir().unwrap();
    let state = fixed_state();
    let out = mcpward(
        &["audit", "--no-system", "-f", "json"],
        home.path(),
        state.path(),
        home.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["findings"].as_array().map(Vec::len), Some(0));
}
