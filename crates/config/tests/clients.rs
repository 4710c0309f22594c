//! Per-client extraction, driven by realistic configuration files in
//! `tests/fixtures/clients/` (shapes taken from each client's documentation).
//!
//! Positions are checked against the fixture text itself: `line_of` finds the line
//! of a distinctive snippet, so a test fails if the parser's line numbers drift.

use mcpward_config::clients::{self, Extracted};
use mcpward_config::parse::{parse_str, Format};
use mcpward_config::{Client, Scope, ServerEntry, Text, Transport};
use std::path::{Path, PathBuf};

fn fixture_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/clients")
        .join(rel)
}

/// Reads, parses and extracts one fixture; returns its text too, for `line_of`.
fn load(client: Client, scope: Scope, rel: &str, format: Format) -> (String, Extracted) {
    let path = fixture_path(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let root = parse_str(format, &text).unwrap_or_else(|e| panic!("{rel}: {e}"));
    (text.clone(), clients::extract(client, scope, &path, &root))
}

fn extract_str(client: Client, scope: Scope, file: &str, format: Format, text: &str) -> Extracted {
    let root = parse_str(format, text).unwrap_or_else(|e| panic!("{e}"));
    clients::extract(client, scope, Path::new(file), &root)
}

/// 1-based line of the first occurrence of `needle` (after `after`, when given).
fn line_of(text: &str, needle: &str) -> u32 {
    line_after(text, "", needle)
}

fn line_after(text: &str, after: &str, needle: &str) -> u32 {
    let start = text.find(after).unwrap_or_else(|| panic!("fixture lacks {after:?}"));
    let at = start
        + text[start..]
            .find(needle)
            .unwrap_or_else(|| panic!("fixture lacks {needle:?} after {after:?}"));
    1 + text[..at].matches('\n').count() as u32
}

fn server<'a>(x: &'a Extracted, name: &str) -> &'a ServerEntry {
    x.servers.iter().find(|s| s.name == name).unwrap_or_else(|| {
        let names: Vec<_> = x.servers.iter().map(|s| s.name.as_str()).collect();
        panic!("no server {name:?}; have {names:?}")
    })
}

fn names(x: &Extracted) -> Vec<&str> {
    x.servers.iter().map(|s| s.name.as_str()).collect()
}

fn strs(v: &[Text]) -> Vec<&str> {
    v.iter().map(|t| t.as_str()).collect()
}

fn pairs(v: &[(Text, Text)]) -> Vec<(&str, &str)> {
    v.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

fn command(e: &ServerEntry) -> &str {
    match &e.transport {
        Transport::Stdio { command: Some(c), .. } => c.as_str(),
        t => panic!("{}: expected a stdio command, found {t:?}", e.name),
    }
}

fn args(e: &ServerEntry) -> Vec<&str> {
    match &e.transport {
        Transport::Stdio { args, .. } => strs(args),
        t => panic!("{}: expected stdio, found {t:?}", e.name),
    }
}

fn sse(e: &ServerEntry) -> Option<bool> {
    match &e.transport {
        Transport::Http { sse, .. } => *sse,
        t => panic!("{}: expected http, found {t:?}", e.name),
    }
}

fn settings(x: &Extracted) -> Vec<(&str, &str)> {
    x.settings.iter().map(|s| (s.key.as_str(), s.value.as_str())).collect()
}

fn assert_clean(x: &Extracted) {
    assert!(x.problems.is_empty(), "unexpected problems: {:#?}", x.problems);
}

// ---------------------------------------------------------------- Claude Code

#[test]
fn claude_code_user_file_has_user_and_local_servers() {
    let (text, x) = load(
        Client::ClaudeCode,
        Scope::User,
        "claude_code/home/.claude.json",
        Format::Json,
    );
    assert_clean(&x);
    assert_eq!(names(&x), ["github", "filesystem", "postgres"]);

    let github = server(&x, "github");
    assert_eq!(github.scope, Scope::User);
    assert_eq!(github.project, None);
    assert_eq!(github.client, Client::ClaudeCode);
    assert_eq!(github.pos.line, line_of(&text, "\"github\": {"));
    assert_eq!(
        github.url().map(|u| u.as_str()),
        Some("https://api.githubcopilot.com/mcp/")
    );
    assert_eq!(sse(github), Some(false));
    assert_eq!(pairs(github.headers()), [("Authorization", "Bearer ${GITHUB_PAT}")]);
    assert_eq!(github.headers()[0].1.pos.line, line_of(&text, "\"Authorization\""));

    let fs = server(&x, "filesystem");
    assert_eq!(
        fs.command_line(),
        [
            "npx",
            "-y",
            "@modelcontextprotocol/server-filesystem",
            "/home/dev/Documents"
        ]
    );
    assert!(fs.env().is_empty());

    let pg = server(&x, "postgres");
    assert_eq!(pg.scope, Scope::Local, "projects.<path>.mcpServers are local scope");
    assert_eq!(pg.project.as_deref(), Some("/home/dev/src/shop"));
    assert_eq!(pg.pos.line, line_of(&text, "\"postgres\": {"));
    assert_eq!(args(pg)[2], "postgresql://shop:s3cret@localhost:5432/shop");
    assert_eq!(pairs(pg.env()), [("PGSSLMODE", "disable")]);
}

#[test]
fn claude_code_user_file_records_project_approvals() {
    let (text, x) = load(
        Client::ClaudeCode,
        Scope::User,
        "claude_code/home/.claude.json",
        Format::Json,
    );
    assert_eq!(
        settings(&x),
        [
            ("enabledMcpjsonServers", "sentry"),
            ("allowedTools", "mcp__postgres__query"),
            ("enableAllProjectMcpServers", "true"),
        ]
    );
    let all = x
        .settings
        .iter()
        .find(|s| s.key == "enableAllProjectMcpServers")
        .unwrap();
    assert_eq!(all.pos.line, line_of(&text, "\"enableAllProjectMcpServers\": true"));
}

#[test]
fn claude_code_project_mcp_json() {
    let (text, x) = load(
        Client::ClaudeCode,
        Scope::Project,
        "claude_code/project/.mcp.json",
        Format::Json,
    );
    assert_clean(&x);
    assert_eq!(names(&x), ["sentry", "internal-api", "db-tools"]);
    assert!(x
        .servers
        .iter()
        .all(|s| s.scope == Scope::Project && s.project.is_none()));

    assert_eq!(sse(server(&x, "sentry")), Some(false));
    let api = server(&x, "internal-api");
    assert_eq!(sse(api), Some(true));
    assert_eq!(
        api.url().unwrap().as_str(),
        "${API_BASE_URL:-https://api.example.com}/mcp/sse"
    );
    assert_eq!(pairs(api.headers()), [("X-API-Key", "${INTERNAL_API_KEY}")]);

    let db = server(&x, "db-tools");
    assert_eq!(db.transport.kind(), "stdio", "no type means stdio");
    assert_eq!(command(db), "${CLAUDE_PROJECT_DIR}/scripts/db-mcp.sh");
    assert_eq!(args(db), ["--config", "${DB_CONFIG:-./db.json}"]);
    assert_eq!(db.env()[0].1.pos.line, line_of(&text, "\"DATABASE_URL\""));
}

#[test]
fn claude_code_settings_hold_approvals_not_servers() {
    let (_, x) = load(
        Client::ClaudeCode,
        Scope::Project,
        "claude_code/project/.claude/settings.json",
        Format::Json,
    );
    assert_clean(&x);
    assert!(x.servers.is_empty());
    assert_eq!(
        settings(&x),
        [
            ("enabledMcpjsonServers", "sentry"),
            ("enabledMcpjsonServers", "db-tools"),
            ("permissions.allow", "mcp__sentry"),
            ("permissions.allow", "mcp__db-tools__list_tables"),
        ]
    );

    let (text, x) = load(
        Client::ClaudeCode,
        Scope::Project,
        "claude_code/project/.claude/settings.local.json",
        Format::Json,
    );
    assert!(x.servers.is_empty(), "mcpServers in a settings file is not read");
    assert_eq!(x.problems.len(), 1);
    assert_eq!(x.problems[0].pos.line, line_of(&text, "\"mcpServers\""));
    assert!(x.problems[0].message.contains("ignored"));
    assert_eq!(
        settings(&x),
        [
            ("enableAllProjectMcpServers", "true"),
            ("permissions.allow", "mcp__internal-api__*"),
            ("permissions.defaultMode", "bypassPermissions"),
        ]
    );
    let mode = x.settings.iter().find(|s| s.key == "permissions.defaultMode").unwrap();
    assert_eq!(mode.pos.line, line_of(&text, "\"defaultMode\""));
}

#[test]
fn claude_code_false_approval_is_not_recorded() {
    let x = extract_str(
        Client::ClaudeCode,
        Scope::User,
        "/h/.claude/settings.json",
        Format::Json,
        r#"{"enableAllProjectMcpServers": false, "permissions": {"allow": ["Bash(ls)"], "defaultMode": "acceptEdits"}}"#,
    );
    assert!(x.settings.is_empty(), "{:?}", x.settings);
}

#[test]
fn claude_code_plugin_mcp_json_without_wrapper() {
    let (text, x) = load(
        Client::ClaudeCode,
        Scope::Plugin,
        "claude_code/plugin/.mcp.json",
        Format::Json,
    );
    assert_clean(&x);
    assert_eq!(names(&x), ["plugin-db", "plugin-api"]);
    let db = server(&x, "plugin-db");
    assert_eq!(db.scope, Scope::Plugin);
    assert_eq!(command(db), "${CLAUDE_PLUGIN_ROOT}/servers/db-server");
    assert_eq!(db.pos.line, line_of(&text, "\"plugin-db\""));
    assert_eq!(server(&x, "plugin-api").transport.kind(), "http");

    // The same flat shape in ~/.claude.json is not a server map: that file has other keys.
    let x = extract_str(
        Client::ClaudeCode,
        Scope::User,
        "/h/.claude.json",
        Format::Json,
        r#"{"theme": "dark", "numStartups": 3}"#,
    );
    assert!(x.servers.is_empty());
}

#[test]
fn claude_code_managed_mcp_json() {
    let (_, x) = load(
        Client::ClaudeCode,
        Scope::Managed,
        "claude_code/managed/managed-mcp.json",
        Format::Json,
    );
    assert_clean(&x);
    let s = server(&x, "company-internal");
    assert_eq!(s.scope, Scope::Managed);
    assert_eq!(
        s.command_line(),
        [
            "/usr/local/bin/company-mcp-server",
            "--config",
            "/etc/company/mcp-config.json"
        ]
    );
    assert_eq!(pairs(s.env()), [("COMPANY_API_URL", "https://internal.company.com")]);
}

// ---------------------------------------------------------------- Cursor, Windsurf, Kiro, Amazon Q

#[test]
fn cursor_servers() {
    let (text, x) = load(Client::Cursor, Scope::User, "cursor/mcp.json", Format::Json);
    assert_clean(&x);
    assert_eq!(names(&x), ["linear", "brave-search", "analytics", "userjot"]);
    let linear = server(&x, "linear");
    assert_eq!(linear.url().unwrap().as_str(), "https://mcp.linear.app/mcp");
    assert_eq!(
        sse(linear),
        None,
        "Cursor tries Streamable HTTP first; the file does not say"
    );
    let brave = server(&x, "brave-search");
    assert_eq!(pairs(brave.env()), [("BRAVE_API_KEY", "${env:BRAVE_API_KEY}")]);
    assert_eq!(brave.env()[0].1.pos.line, line_of(&text, "\"BRAVE_API_KEY\""));
    match &server(&x, "analytics").transport {
        Transport::Stdio { env_files, args, .. } => {
            assert_eq!(strs(env_files), ["${workspaceFolder}/.env"]);
            assert_eq!(strs(args), ["${workspaceFolder}/tools/analytics_mcp.py"]);
        }
        t => panic!("{t:?}"),
    }
    assert_eq!(sse(server(&x, "userjot")), Some(true));
}

#[test]
fn windsurf_server_url_and_disabled() {
    let (text, x) = load(Client::Windsurf, Scope::User, "windsurf/mcp_config.json", Format::Json);
    assert_clean(&x);
    let figma = server(&x, "figma");
    assert_eq!(figma.url().unwrap().as_str(), "https://mcp.figma.com/mcp");
    assert_eq!(figma.url().unwrap().pos.line, line_of(&text, "\"serverUrl\""));
    assert_eq!(pairs(figma.headers()), [("Authorization", "Bearer ${env:FIGMA_TOKEN}")]);
    let github = server(&x, "github");
    assert!(!github.disabled);
    assert_eq!(strs(&github.trust.exclude_tools), ["delete_repository", "push_files"]);
    assert!(server(&x, "puppeteer").disabled);
}

#[test]
fn kiro_auto_approve_and_disabled_tools() {
    let (text, x) = load(Client::Kiro, Scope::User, "kiro/mcp.json", Format::Json);
    assert_clean(&x);
    let docs = server(&x, "aws-docs");
    assert!(!docs.disabled);
    assert_eq!(
        strs(&docs.trust.always_allow),
        ["search_documentation", "read_documentation"]
    );
    assert_eq!(docs.trust.always_allow[0].pos.line, line_of(&text, "\"autoApprove\""));
    assert_eq!(strs(&docs.trust.exclude_tools), ["recommend"]);
    assert_eq!(
        pairs(docs.env()),
        [("FASTMCP_LOG_LEVEL", "ERROR"), ("AWS_PROFILE", "${AWS_PROFILE}")]
    );
    let api = server(&x, "api-server");
    assert_eq!(strs(&api.trust.always_allow), ["*"]);
    assert_eq!(api.headers().len(), 2);
    assert!(server(&x, "sqlite").disabled);
}

#[test]
fn amazon_q_legacy_and_agent_files() {
    let (_, x) = load(Client::AmazonQ, Scope::User, "amazon_q/mcp.json", Format::Json);
    assert_clean(&x);
    let core = server(&x, "awslabs.core-mcp-server");
    assert_eq!(core.command_line(), ["uvx", "awslabs.core-mcp-server@latest"]);
    assert!(!core.disabled);

    let (text, x) = load(Client::AmazonQ, Scope::User, "amazon_q/default.json", Format::Json);
    assert_clean(&x);
    assert_eq!(names(&x), ["fetch", "git", "git-lab"]);
    let fetch = server(&x, "fetch");
    let trust = fetch.trust.trust.as_ref().expect("@fetch allows every tool of fetch");
    assert!(trust.value);
    assert_eq!(trust.pos.line, line_after(&text, "\"allowedTools\"", "\"@fetch\""));
    let git = server(&x, "git");
    assert!(git.trust.trust.is_none());
    assert_eq!(strs(&git.trust.always_allow), ["git_status"]);
    assert_eq!(pairs(git.env()), [("GIT_CONFIG_GLOBAL", "/dev/null")]);
    let lab = server(&x, "git-lab");
    assert_eq!(
        strs(&lab.trust.always_allow),
        ["read_*"],
        "@git-*/read_* globs the server name"
    );
    assert_eq!(lab.transport.kind(), "http");
}

// ---------------------------------------------------------------- VS Code

#[test]
fn vscode_mcp_json_with_inputs_comments_and_trailing_commas() {
    let (text, x) = load(Client::VsCode, Scope::Project, "vscode/mcp.json", Format::Json);
    assert_clean(&x);
    assert_eq!(names(&x), ["perplexity", "context7", "staging"]);
    let p = server(&x, "perplexity");
    assert_eq!(p.pos.line, line_of(&text, "\"perplexity\": {"));
    assert_eq!(p.command_line(), ["npx", "-y", "server-perplexity-ask"]);
    assert_eq!(pairs(p.env()), [("PERPLEXITY_API_KEY", "${input:perplexity-key}")]);
    match &p.transport {
        Transport::Stdio { env_files, .. } => {
            assert_eq!(strs(env_files), ["${workspaceFolder}/.env"]);
            assert_eq!(env_files[0].pos.line, line_of(&text, "\"envFile\""));
        }
        t => panic!("{t:?}"),
    }
    assert_eq!(sse(server(&x, "context7")), Some(false));
    let staging = server(&x, "staging");
    assert_eq!(sse(staging), Some(true));
    assert_eq!(staging.transport.kind(), "sse");
    assert_eq!(
        pairs(staging.headers()),
        [("Authorization", "Bearer ${env:STAGING_TOKEN}")]
    );
}

#[test]
fn vscode_settings_json_and_auto_approve() {
    let (text, x) = load(Client::VsCode, Scope::User, "vscode/settings.json", Format::Json);
    assert_clean(&x);
    assert_eq!(names(&x), ["memory"]);
    assert_eq!(server(&x, "memory").pos.line, line_of(&text, "\"memory\""));
    assert_eq!(settings(&x), [("chat.tools.autoApprove", "true")]);

    let x = extract_str(
        Client::VsCode,
        Scope::User,
        "settings.json",
        Format::Json,
        r#"{"mcp.servers": {"flat": {"command": "flat-mcp"}}, "chat.tools.global.autoApprove": true, "chat.tools.autoApprove": false}"#,
    );
    assert_eq!(names(&x), ["flat"]);
    assert_eq!(settings(&x), [("chat.tools.global.autoApprove", "true")]);
}

#[test]
fn vscode_dev_container() {
    let (_, x) = load(Client::VsCode, Scope::Project, "vscode/devcontainer.json", Format::Json);
    assert_clean(&x);
    assert_eq!(
        server(&x, "playwright").command_line(),
        ["npx", "-y", "@microsoft/mcp-server-playwright"]
    );
}

// ---------------------------------------------------------------- Gemini CLI

#[test]
fn gemini_transports_trust_and_tool_filters() {
    let (text, x) = load(Client::GeminiCli, Scope::User, "gemini/settings.json", Format::Json);
    assert_clean(&x);
    assert_eq!(names(&x), ["pythonTools", "sseServer", "github", "experimental"]);

    let py = server(&x, "pythonTools");
    match &py.transport {
        Transport::Stdio { cwd, .. } => assert_eq!(cwd.as_ref().unwrap().as_str(), "./mcp-servers/python"),
        t => panic!("{t:?}"),
    }
    assert_eq!(
        pairs(py.env()),
        [
            ("DATABASE_URL", "$DB_CONNECTION_STRING"),
            ("API_KEY", "${EXTERNAL_API_KEY}")
        ]
    );
    let trust = py.trust.trust.as_ref().unwrap();
    assert!(trust.value);
    assert_eq!(trust.pos.line, line_of(&text, "\"trust\": true"));
    assert_eq!(strs(&py.trust.include_tools), ["safe_tool", "file_reader"]);

    assert_eq!(sse(server(&x, "sseServer")), Some(true), "Gemini `url` is SSE");
    let gh = server(&x, "github");
    assert_eq!(sse(gh), Some(false), "Gemini `httpUrl` is Streamable HTTP");
    assert_eq!(gh.url().unwrap().pos.line, line_of(&text, "\"httpUrl\""));
    assert_eq!(
        pairs(gh.headers()),
        [("Authorization", "Bearer example-literal-token-0000")]
    );
    assert_eq!(strs(&gh.trust.exclude_tools), ["delete_repository"]);

    let exp = server(&x, "experimental");
    assert!(exp.disabled, "listed in mcp.excluded");
    assert_eq!(exp.trust.trust.as_ref().map(|t| t.value), Some(false));
    assert!(!py.disabled && !gh.disabled);
}

#[test]
fn gemini_allow_list_disables_the_others() {
    let x = extract_str(
        Client::GeminiCli,
        Scope::User,
        "settings.json",
        Format::Json,
        r#"{"allowMCPServers": ["a"], "mcpServers": {"a": {"command": "a"}, "b": {"command": "b"}, "c": {"type": "http", "url": "https://c.example/mcp"}}}"#,
    );
    assert!(!server(&x, "a").disabled);
    assert!(server(&x, "b").disabled);
    assert!(server(&x, "c").disabled);
    assert_eq!(
        sse(server(&x, "c")),
        Some(false),
        "`type: http` overrides the `url` = SSE default"
    );
}

// ---------------------------------------------------------------- Zed

#[test]
fn zed_context_servers_in_every_shape() {
    let (text, x) = load(Client::Zed, Scope::User, "zed/settings.json", Format::Json);
    assert_clean(&x);
    assert_eq!(
        names(&x),
        [
            "local-mcp-server",
            "mcp-local-server",
            "my-context-server",
            "remote-mcp-server",
            "postgres-context-server",
            "old-server"
        ]
    );
    let local = server(&x, "local-mcp-server");
    assert_eq!(local.command_line(), ["some-command", "arg-1", "arg-2"]);
    assert_eq!(pairs(local.env()), [("LOG_LEVEL", "info")]);
    assert_eq!(local.pos.line, line_of(&text, "\"local-mcp-server\""));

    let custom = server(&x, "mcp-local-server");
    assert!(!custom.disabled);
    assert_eq!(command(custom), "uv");

    let oldest = server(&x, "my-context-server");
    assert_eq!(oldest.command_line(), ["/path/to/my-context-server", "run"]);
    assert_eq!(pairs(oldest.env()), [("RUST_LOG", "warn")]);
    match &oldest.transport {
        Transport::Stdio { command: Some(c), .. } => assert_eq!(c.pos.line, line_of(&text, "\"path\"")),
        t => panic!("{t:?}"),
    }

    let remote = server(&x, "remote-mcp-server");
    assert_eq!(remote.url().unwrap().as_str(), "https://example.com/mcp");
    assert_eq!(pairs(remote.headers()), [("Authorization", "Bearer <token>")]);

    let ext = server(&x, "postgres-context-server");
    assert_eq!(ext.transport, Transport::Unknown, "extension servers are still listed");
    assert_eq!(ext.pos.line, line_of(&text, "\"postgres-context-server\""));

    assert!(server(&x, "old-server").disabled);
    assert_eq!(settings(&x), [("agent.always_allow_tool_actions", "true")]);
}

#[test]
fn zed_tool_permissions_default_allow() {
    let x = extract_str(
        Client::Zed,
        Scope::User,
        "settings.json",
        Format::Json,
        r#"{"agent": {"tool_permissions": {"default": "allow"}, "always_allow_tool_actions": false}}"#,
    );
    assert_eq!(settings(&x), [("agent.tool_permissions.default", "allow")]);
    let x = extract_str(
        Client::Zed,
        Scope::User,
        "settings.json",
        Format::Json,
        r#"{"agent": {"tool_permissions": {"default": "confirm"}}}"#,
    );
    assert!(x.settings.is_empty());
}

// ---------------------------------------------------------------- Cline

#[test]
fn cline_auto_approve_disabled_and_remote() {
    let (text, x) = load(
        Client::Cline,
        Scope::User,
        "cline/cline_mcp_settings.json",
        Format::Json,
    );
    assert_clean(&x);
    let brave = server(&x, "brave-search");
    assert_eq!(strs(&brave.trust.always_allow), ["brave_web_search"]);
    assert_eq!(pairs(brave.env()), [("BRAVE_API_KEY", "your_api_key")]);
    let fs = server(&x, "filesystem");
    assert_eq!(
        strs(&fs.trust.always_allow),
        ["read_file", "list_directory", "write_file"]
    );
    assert_eq!(fs.trust.always_allow[2].pos.line, line_of(&text, "\"alwaysAllow\""));
    let notes = server(&x, "remote-notes");
    assert!(notes.disabled);
    assert_eq!(sse(notes), Some(false), "streamableHttp");
    assert!(notes.trust.is_empty());
    assert_eq!(sse(server(&x, "legacy-sse")), Some(true), "transportType: sse");
}

// ---------------------------------------------------------------- Continue

#[test]
fn continue_yaml_list() {
    let (text, x) = load(
        Client::Continue,
        Scope::User,
        "continue/.continue/config.yaml",
        Format::Yaml,
    );
    assert_clean(&x);
    assert_eq!(names(&x), ["SQLite", "Docs", "anthropic/memory-mcp", "Old SSE"]);

    let sqlite = server(&x, "SQLite");
    assert_eq!(sqlite.pos.line, line_of(&text, "- name: SQLite"));
    assert_eq!(
        sqlite.command_line(),
        ["uvx", "mcp-server-sqlite", "--db-path", "./test.db"]
    );
    assert_eq!(
        pairs(sqlite.env()),
        [
            ("NODE_ENV", "production"),
            ("GITHUB_TOKEN", "${{ secrets.GITHUB_TOKEN }}")
        ]
    );
    assert_eq!(sqlite.env()[1].1.pos.line, line_of(&text, "GITHUB_TOKEN:"));
    match &sqlite.transport {
        Transport::Stdio { cwd, args, .. } => {
            assert_eq!(cwd.as_ref().unwrap().as_str(), "/Users/dev/project");
            assert_eq!(args[2].pos.line, line_of(&text, "- ./test.db"));
        }
        t => panic!("{t:?}"),
    }

    let docs = server(&x, "Docs");
    assert_eq!(sse(docs), Some(false));
    assert_eq!(
        pairs(docs.headers()),
        [("Authorization", "Bearer ${{ secrets.DOCS_TOKEN }}")]
    );

    let hub = server(&x, "anthropic/memory-mcp");
    assert_eq!(hub.transport, Transport::Unknown);
    assert_eq!(hub.pos.line, line_of(&text, "- uses:"));
    assert_eq!(sse(server(&x, "Old SSE")), Some(true));
}

#[test]
fn continue_block_files_and_legacy_json() {
    let (_, x) = load(
        Client::Continue,
        Scope::Project,
        "continue/.continue/mcpServers/playwright-mcp.yaml",
        Format::Yaml,
    );
    assert_clean(&x);
    assert_eq!(
        server(&x, "Browser search").command_line(),
        ["npx", "@playwright/mcp@latest"]
    );

    let (_, x) = load(
        Client::Continue,
        Scope::Project,
        "continue/.continue/mcpServers/from-claude.json",
        Format::Json,
    );
    assert_clean(&x);
    assert_eq!(server(&x, "ctxo").command_line(), ["npx", "-y", "@ctxo/cli"]);

    let (text, x) = load(Client::Continue, Scope::User, "continue/config.json", Format::Json);
    assert_clean(&x);
    let legacy = server(&x, "modelContextProtocolServers[0]");
    assert_eq!(legacy.command_line()[0], "uvx");
    assert_eq!(legacy.pos.line, line_after(&text, "modelContextProtocolServers", "{"));
}

#[test]
fn continue_item_without_name_is_a_problem_but_listed() {
    let x = extract_str(
        Client::Continue,
        Scope::User,
        "config.yaml",
        Format::Yaml,
        "name: a\nmcpServers:\n  - command: npx\n    args: [x]\n  - name: ok\n    command: ok\n",
    );
    assert_eq!(names(&x), ["#1", "ok"]);
    assert_eq!(x.problems.len(), 1);
    assert_eq!(x.problems[0].pos.line, 3);
    assert_eq!(x.problems[0].server.as_deref(), Some("#1"));
}

// ---------------------------------------------------------------- Codex

#[test]
fn codex_servers() {
    let (text, x) = load(Client::Codex, Scope::User, "codex/config.toml", Format::Toml);
    assert_clean(&x);
    assert_eq!(names(&x), ["docs", "figma", "playwright", "github"]);

    let docs = server(&x, "docs");
    assert_eq!(docs.pos.line, line_of(&text, "[mcp_servers.docs]"));
    assert_eq!(docs.command_line(), ["npx", "-y", "@upstash/context7-mcp"]);
    assert_eq!(
        pairs(docs.env()),
        [
            ("CONTEXT7_API_KEY", "c7-live-1234"),
            ("HOME_PROXY", "${HOME_PROXY}"),
            ("CORP_TOKEN", "${CORP_TOKEN}"),
        ]
    );
    assert_eq!(docs.env()[0].1.pos.line, line_of(&text, "env = {"));
    assert_eq!(docs.env()[1].0.pos.line, line_of(&text, "env_vars ="));
    match &docs.transport {
        Transport::Stdio { cwd, .. } => assert_eq!(cwd.as_ref().unwrap().as_str(), "/Users/dev/code/docs"),
        t => panic!("{t:?}"),
    }
    assert_eq!(
        strs(&docs.trust.include_tools),
        ["resolve-library-id", "get-library-docs"]
    );

    let figma = server(&x, "figma");
    assert_eq!(sse(figma), Some(false));
    assert_eq!(
        pairs(figma.headers()),
        [
            ("X-Figma-Region", "us-east-1"),
            ("X-Org-Id", "${FIGMA_ORG_ID}"),
            ("Authorization", "${FIGMA_OAUTH_TOKEN}"),
        ]
    );
    assert_eq!(figma.headers()[2].0.pos.line, line_of(&text, "bearer_token_env_var"));
    assert_eq!(strs(&figma.trust.exclude_tools), ["delete_file"]);
    let trust = figma
        .trust
        .trust
        .as_ref()
        .expect("default_tools_approval_mode = approve");
    assert_eq!(trust.pos.line, line_of(&text, "default_tools_approval_mode"));

    let pw = server(&x, "playwright");
    assert!(pw.disabled, "enabled = false");
    assert_eq!(pairs(pw.env()), [("PLAYWRIGHT_BROWSERS_PATH", "/opt/ms-playwright")]);
    assert_eq!(pw.env()[0].1.pos.line, line_of(&text, "PLAYWRIGHT_BROWSERS_PATH"));

    let gh = server(&x, "github");
    assert_eq!(strs(&gh.trust.always_allow), ["get_me"], "only approval_mode = approve");
    assert!(gh.trust.trust.is_none());
}

#[test]
fn codex_policy_settings() {
    let (text, x) = load(Client::Codex, Scope::User, "codex/config.toml", Format::Toml);
    assert_eq!(
        settings(&x),
        [
            ("approval_policy", "never"),
            ("sandbox_mode", "danger-full-access"),
            ("profiles.ci.approval_policy", "never"),
        ]
    );
    assert_eq!(x.settings[0].pos.line, line_of(&text, "approval_policy = \"never\""));
}

#[test]
fn codex_inline_bearer_token_is_kept() {
    let x = extract_str(
        Client::Codex,
        Scope::User,
        "config.toml",
        Format::Toml,
        "[mcp_servers.api]\nurl = \"https://api.example.com/mcp\"\nbearer_token = \"sk-live-abc\"\n",
    );
    assert_clean(&x);
    assert_eq!(pairs(server(&x, "api").headers()), [("Authorization", "sk-live-abc")]);
    assert_eq!(server(&x, "api").headers()[0].1.pos.line, 3);
}

#[test]
fn codex_mcp_servers_of_the_wrong_type() {
    let x = extract_str(
        Client::Codex,
        Scope::User,
        "config.toml",
        Format::Toml,
        "mcp_servers = \"none\"\n",
    );
    assert!(x.servers.is_empty());
    assert_eq!(x.problems.len(), 1);
}

// ---------------------------------------------------------------- opencode

#[test]
fn opencode_v1() {
    let (text, x) = load(Client::Opencode, Scope::User, "opencode/opencode.jsonc", Format::Json);
    assert_clean(&x);
    assert_eq!(names(&x), ["mcp_everything", "jira", "sentry"]);
    let every = server(&x, "mcp_everything");
    assert_eq!(command(every), "npx", "first item of the command array");
    assert_eq!(args(every), ["-y", "@modelcontextprotocol/server-everything"]);
    assert_eq!(pairs(every.env()), [("MY_ENV_VAR", "my_env_var_value")]);
    assert_eq!(every.env()[0].1.pos.line, line_of(&text, "\"MY_ENV_VAR\""));
    assert!(!every.disabled);
    let jira = server(&x, "jira");
    assert_eq!(sse(jira), None);
    assert_eq!(pairs(jira.headers()), [("Authorization", "Bearer {env:JIRA_API_KEY}")]);
    assert!(server(&x, "sentry").disabled);
}

#[test]
fn opencode_v2_servers_map() {
    let (_, x) = load(
        Client::Opencode,
        Scope::Project,
        "opencode/opencode-v2.jsonc",
        Format::Json,
    );
    assert_clean(&x);
    assert_eq!(names(&x), ["everything", "my-server"]);
    match &server(&x, "everything").transport {
        Transport::Stdio { cwd, .. } => assert_eq!(cwd.as_ref().unwrap().as_str(), "."),
        t => panic!("{t:?}"),
    }
    assert!(server(&x, "my-server").disabled);

    // A V1 server that happens to be called "servers" stays a server.
    let x = extract_str(
        Client::Opencode,
        Scope::User,
        "opencode.json",
        Format::Json,
        r#"{"mcp": {"servers": {"type": "local", "command": ["srv"]}}}"#,
    );
    assert_eq!(names(&x), ["servers"]);
}

// ---------------------------------------------------------------- bad input

#[test]
fn a_bad_entry_never_sinks_the_file() {
    let (text, x) = load(Client::Cursor, Scope::User, "broken/mcp.json", Format::Json);
    assert_eq!(names(&x), ["good", "numeric-args", "bad-url", "also-good"]);

    let by_server = |name: &str| x.problems.iter().filter(|p| p.server.as_deref() == Some(name)).count();
    assert_eq!(by_server("just-a-string"), 1, "{:#?}", x.problems);
    assert_eq!(by_server("numeric-args"), 2, "args: number, env.NESTED: object");
    assert_eq!(by_server("bad-url"), 1, "url: number");
    assert_eq!(x.problems.len(), 4);

    let p = x
        .problems
        .iter()
        .find(|p| p.server.as_deref() == Some("just-a-string"))
        .unwrap();
    assert_eq!(p.pos.line, line_of(&text, "\"just-a-string\""));
    let p = x.problems.iter().find(|p| p.message.contains("\"args\"")).unwrap();
    assert_eq!(p.pos.line, line_of(&text, "\"args\": 42"));

    // The broken entries keep what could be read.
    let n = server(&x, "numeric-args");
    assert_eq!(n.command_line(), ["node"]);
    assert_eq!(pairs(n.env()), [("TOKEN", "abc")]);
    assert_eq!(server(&x, "bad-url").transport, Transport::Unknown);
    assert_eq!(
        server(&x, "also-good").url().unwrap().as_str(),
        "https://ok.example.com/mcp"
    );
    assert_eq!(server(&x, "good").command_line(), ["npx", "-y", "good-server"]);
}

#[test]
fn top_level_array_is_a_problem_for_every_client() {
    for client in Client::ALL {
        let x = extract_str(client, Scope::User, "x.json", Format::Json, r#"[{"command": "npx"}]"#);
        assert!(x.servers.is_empty(), "{client}");
        assert_eq!(x.problems.len(), 1, "{client}");
        assert!(x.problems[0].message.contains("array"), "{client}");
    }
}

#[test]
fn empty_and_null_documents_yield_nothing() {
    for client in Client::ALL {
        for (format, text) in [
            (Format::Json, "{}"),
            (Format::Json, "null"),
            (Format::Yaml, ""),
            (Format::Yaml, "# only a comment\n"),
            (Format::Toml, ""),
        ] {
            let x = extract_str(client, Scope::User, "x", format, text);
            assert!(
                x.servers.is_empty() && x.problems.is_empty() && x.settings.is_empty(),
                "{client} {text:?}"
            );
        }
    }
}

#[test]
fn null_server_maps_are_empty_not_errors() {
    let cases = [
        (Client::ClaudeDesktop, Format::Json, r#"{"mcpServers": null}"#),
        (
            Client::ClaudeCode,
            Format::Json,
            r#"{"mcpServers": null, "projects": null}"#,
        ),
        (Client::VsCode, Format::Json, r#"{"servers": null, "inputs": []}"#),
        (Client::Zed, Format::Json, r#"{"context_servers": null}"#),
        (Client::Continue, Format::Yaml, "name: x\nmcpServers:\n"),
        (Client::Opencode, Format::Json, r#"{"mcp": null}"#),
        (
            Client::GeminiCli,
            Format::Json,
            r#"{"mcpServers": null, "mcp": {"excluded": null}}"#,
        ),
    ];
    for (client, format, text) in cases {
        let x = extract_str(client, Scope::User, "x", format, text);
        assert!(x.servers.is_empty(), "{client}");
        assert!(x.problems.is_empty(), "{client}: {:?}", x.problems);
    }
}

#[test]
fn servers_of_the_wrong_type_are_one_problem() {
    let x = extract_str(
        Client::Cursor,
        Scope::User,
        "mcp.json",
        Format::Json,
        r#"{"mcpServers": ["a", "b"]}"#,
    );
    assert!(x.servers.is_empty());
    assert_eq!(x.problems.len(), 1);
    assert!(x.problems[0].message.contains("found array"));

    let x = extract_str(
        Client::Continue,
        Scope::User,
        "config.yaml",
        Format::Yaml,
        "mcpServers: just text\n",
    );
    assert_eq!(x.problems.len(), 1);
    assert_eq!(x.problems[0].pos.line, 1);
}

#[test]
fn wrong_types_inside_entries() {
    let x = extract_str(
        Client::GeminiCli,
        Scope::User,
        "settings.json",
        Format::Json,
        r#"{"mcpServers": {
  "a": {"command": ["not", "a", "string"], "trust": "yes", "includeTools": 3},
  "b": {"command": {"args": ["x"]}},
  "c": {"command": "ok", "env": ["A=1", "B"], "cwd": {"x": 1}}
}}"#,
    );
    assert_eq!(names(&x), ["a", "b", "c"]);
    // Gemini takes `command` as given; an array is read the opencode way.
    assert_eq!(server(&x, "a").command_line(), ["not", "a", "string"]);
    let msgs: Vec<_> = x
        .problems
        .iter()
        .map(|p| (p.server.as_deref().unwrap_or(""), p.pos.line))
        .collect();
    assert_eq!(
        msgs,
        [("a", 2), ("a", 2), ("b", 3), ("c", 4), ("c", 4)],
        "{:#?}",
        x.problems
    );
    assert_eq!(pairs(server(&x, "c").env()), [("A", "1")]);
}

#[test]
fn duplicate_server_names_are_all_listed() {
    let x = extract_str(
        Client::ClaudeDesktop,
        Scope::User,
        "claude_desktop_config.json",
        Format::Json,
        "{\"mcpServers\": {\n\"a\": {\"command\": \"one\"},\n\"a\": {\"command\": \"two\"}\n}}",
    );
    assert_eq!(names(&x), ["a", "a"]);
    assert_eq!(x.servers[1].pos.line, 3);
}

#[test]
fn list_forms_of_env_and_headers() {
    let x = extract_str(
        Client::Cline,
        Scope::User,
        "cline_mcp_settings.json",
        Format::Json,
        r#"{"mcpServers": {
  "s": {"command": "srv", "env": ["A=1", "URL=https://x.example/?a=b"]},
  "r": {"url": "https://r.example/mcp", "headers": ["Authorization: Bearer t", "X-Empty"]}
}}"#,
    );
    assert_eq!(
        pairs(server(&x, "s").env()),
        [("A", "1"), ("URL", "https://x.example/?a=b")]
    );
    assert_eq!(pairs(server(&x, "r").headers()), [("Authorization", "Bearer t")]);
    assert_eq!(x.problems.len(), 1);
    assert_eq!(x.problems[0].pos.line, 3);
    assert!(x.problems[0].message.contains("Name: value"));
}
