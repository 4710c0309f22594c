//! Launch parsing on real-world command lines, and the static rules
//! unpinned-package, untrusted-publisher, exec-capability, read-only-available
//! and toxic-flow, over configs parsed from client-shaped JSON/TOML text.

mod common;

use common::{assert_four_part_doc, assert_no_leak, run1, severities, DESKTOP_PATH, HOME};
use mcpward_analyze::knowledge::{self, PublisherTrust};
use mcpward_analyze::launch::{launch_spec, Ecosystem, Runner};
use mcpward_analyze::{find_rule, ChecklistItem, Finding, Severity};
use mcpward_config::parse::Format;
use mcpward_config::{Client, ConfigFile, Scope, ServerEntry};
use serde_json::json;
use std::path::Path;

// ---------------------------------------------------------------- helpers

fn config(client: Client, path: &str, format: Format, text: &str) -> ConfigFile {
    common::config(client, Scope::User, Path::new(path), format, text)
}

/// A Claude Desktop config from a `mcpServers` JSON value.
fn desktop(servers: serde_json::Value) -> ConfigFile {
    let text = json!({ "mcpServers": servers }).to_string();
    config(Client::ClaudeDesktop, DESKTOP_PATH, Format::Json, &text)
}

fn cursor(servers: serde_json::Value) -> ConfigFile {
    let text = json!({ "mcpServers": servers }).to_string();
    config(Client::Cursor, "/Users/you/.cursor/mcp.json", Format::Json, &text)
}

/// One stdio entry `command args…` as Claude Desktop would hold it.
fn entry(command: &str, args: &[&str]) -> ServerEntry {
    let file = desktop(json!({ "s": { "command": command, "args": args } }));
    file.servers.into_iter().next().expect("one server")
}

fn run(rule: &str, files: &[ConfigFile]) -> Vec<Finding> {
    common::run(rule, files, Path::new(HOME))
}

// ---------------------------------------------------------------- launch parsing

struct Case {
    command: &'static str,
    args: &'static [&'static str],
    runner: Runner,
    ecosystem: Option<Ecosystem>,
    package: Option<&'static str>,
    pinned: bool,
    /// Index into `args` where the server's own arguments start.
    at: Option<usize>,
}

const fn case(
    command: &'static str,
    args: &'static [&'static str],
    runner: Runner,
    ecosystem: Option<Ecosystem>,
    package: Option<&'static str>,
    pinned: bool,
    at: Option<usize>,
) -> Case {
    Case {
        command,
        args,
        runner,
        ecosystem,
        package,
        pinned,
        at,
    }
}

use Ecosystem::{Docker, Local, Npm, Pypi};

/// Command lines from the seeds and from popular servers' READMEs.
const CASES: &[Case] = &[
    case(
        "npx",
        &[
            "-y",
            "@modelcontextprotocol/server-filesystem",
            "/Users/you/projects/myapp",
        ],
        Runner::Npx,
        Some(Npm),
        Some("@modelcontextprotocol/server-filesystem"),
        false,
        Some(2),
    ),
    case(
        "npx",
        &["-y", "@modelcontextprotocol/server-github"],
        Runner::Npx,
        Some(Npm),
        Some("@modelcontextprotocol/server-github"),
        false,
        Some(2),
    ),
    case(
        "uvx",
        &["mcp-server-fetch"],
        Runner::Uvx,
        Some(Pypi),
        Some("mcp-server-fetch"),
        false,
        Some(1),
    ),
    case(
        "uvx",
        &["mcp-server-git", "--repository", "/path/to/git/repo"],
        Runner::Uvx,
        Some(Pypi),
        Some("mcp-server-git"),
        false,
        Some(1),
    ),
    case(
        "uvx",
        &["mcp-server-time", "--local-timezone=America/New_York"],
        Runner::Uvx,
        Some(Pypi),
        Some("mcp-server-time"),
        false,
        Some(1),
    ),
    case(
        "docker",
        &[
            "run",
            "-i",
            "--rm",
            "-e",
            "GITHUB_PERSONAL_ACCESS_TOKEN",
            "ghcr.io/github/github-mcp-server",
        ],
        Runner::Docker,
        Some(Docker),
        Some("ghcr.io/github/github-mcp-server"),
        false,
        Some(6),
    ),
    case(
        "npx",
        &["-y", "@playwright/mcp@latest"],
        Runner::Npx,
        Some(Npm),
        Some("@playwright/mcp"),
        false,
        Some(2),
    ),
    case(
        "npx",
        &["@playwright/mcp@0.0.41", "--headless"],
        Runner::Npx,
        Some(Npm),
        Some("@playwright/mcp"),
        true,
        Some(1),
    ),
    case(
        "cmd",
        &["/c", "npx", "-y", "@modelcontextprotocol/server-brave-search"],
        Runner::Npx,
        Some(Npm),
        Some("@modelcontextprotocol/server-brave-search"),
        false,
        Some(4),
    ),
    case(
        "pnpm",
        &[
            "dlx",
            "@supabase/mcp-server-supabase@latest",
            "--read-only",
            "--project-ref=abc",
        ],
        Runner::PnpmDlx,
        Some(Npm),
        Some("@supabase/mcp-server-supabase"),
        false,
        Some(2),
    ),
    case(
        "bunx",
        &["@wonderwhy-er/desktop-commander@latest"],
        Runner::Bunx,
        Some(Npm),
        Some("@wonderwhy-er/desktop-commander"),
        false,
        Some(1),
    ),
    case(
        "uv",
        &["tool", "run", "--from", "x==1", "x"],
        Runner::UvToolRun,
        Some(Pypi),
        Some("x"),
        true,
        Some(5),
    ),
    case(
        "deno",
        &["run", "-A", "npm:@modelcontextprotocol/server-memory"],
        Runner::Deno,
        Some(Npm),
        Some("@modelcontextprotocol/server-memory"),
        false,
        Some(3),
    ),
    case(
        "npx",
        &["-y", "@upstash/context7-mcp"],
        Runner::Npx,
        Some(Npm),
        Some("@upstash/context7-mcp"),
        false,
        Some(2),
    ),
    case(
        "npx",
        &["-y", "firecrawl-mcp"],
        Runner::Npx,
        Some(Npm),
        Some("firecrawl-mcp"),
        false,
        Some(2),
    ),
    case(
        "npx",
        &["-y", "mongodb-mcp-server@latest", "--readOnly"],
        Runner::Npx,
        Some(Npm),
        Some("mongodb-mcp-server"),
        false,
        Some(2),
    ),
    case(
        "uvx",
        &["awslabs.eks-mcp-server@latest", "--allow-write"],
        Runner::Uvx,
        Some(Pypi),
        Some("awslabs.eks-mcp-server"),
        false,
        Some(1),
    ),
    case(
        "uvx",
        &[
            "--from",
            "git+https://github.com/redis/mcp-redis.git",
            "redis-mcp-server",
            "--url",
            "redis://localhost:6379/0",
        ],
        Runner::Uvx,
        Some(Pypi),
        Some("git+https://github.com/redis/mcp-redis.git"),
        false,
        Some(3),
    ),
    case(
        "npx",
        &["-y", "@stripe/mcp", "--tools=all"],
        Runner::Npx,
        Some(Npm),
        Some("@stripe/mcp"),
        false,
        Some(2),
    ),
    case(
        "npx",
        &["mcp-remote", "https://mcp.linear.app/sse"],
        Runner::Npx,
        Some(Npm),
        Some("mcp-remote"),
        false,
        Some(1),
    ),
    case(
        "docker",
        &["run", "-i", "--rm", "mcp/fetch"],
        Runner::Docker,
        Some(Docker),
        Some("mcp/fetch"),
        false,
        Some(4),
    ),
    case(
        "docker",
        &[
            "run",
            "-i",
            "--rm",
            "--mount",
            "type=bind,src=/Users/you/Desktop,dst=/projects/Desktop",
            "mcp/filesystem",
            "/projects",
        ],
        Runner::Docker,
        Some(Docker),
        Some("mcp/filesystem"),
        false,
        Some(6),
    ),
    case(
        "python",
        &["-m", "mcp_server_fetch"],
        Runner::PythonModule,
        Some(Local),
        Some("mcp_server_fetch"),
        false,
        Some(2),
    ),
    case(
        "uv",
        &["--directory", "/ABSOLUTE/PATH/TO/weather", "run", "weather.py"],
        Runner::UvRun,
        Some(Local),
        Some("weather.py"),
        false,
        Some(4),
    ),
    case(
        "node",
        &["/path/to/build/index.js"],
        Runner::Node,
        Some(Local),
        Some("/path/to/build/index.js"),
        false,
        Some(1),
    ),
    case(
        "npx",
        &["-y", "@azure/mcp@latest", "server", "start", "--read-only"],
        Runner::Npx,
        Some(Npm),
        Some("@azure/mcp"),
        false,
        Some(2),
    ),
    case(
        "npx",
        &["-y", "kubernetes-mcp-server@latest", "--read-only"],
        Runner::Npx,
        Some(Npm),
        Some("kubernetes-mcp-server"),
        false,
        Some(2),
    ),
    case(
        "docker",
        &[
            "run",
            "--rm",
            "-i",
            "-e",
            "GRAFANA_URL",
            "-e",
            "GRAFANA_API_KEY",
            "mcp/grafana",
            "-t",
            "stdio",
        ],
        Runner::Docker,
        Some(Docker),
        Some("mcp/grafana"),
        false,
        Some(8),
    ),
    case(
        "mcp-grafana",
        &["--disable-write"],
        Runner::Binary,
        Some(Local),
        Some("mcp-grafana"),
        false,
        Some(0),
    ),
    case(
        "uvx",
        &["mcp-atlassian", "--read-only"],
        Runner::Uvx,
        Some(Pypi),
        Some("mcp-atlassian"),
        false,
        Some(1),
    ),
    case(
        "npx",
        &["-y", "@notionhq/notion-mcp-server"],
        Runner::Npx,
        Some(Npm),
        Some("@notionhq/notion-mcp-server"),
        false,
        Some(2),
    ),
    case(
        "npx",
        &["-y", "tavily-mcp@0.1.4"],
        Runner::Npx,
        Some(Npm),
        Some("tavily-mcp"),
        true,
        Some(2),
    ),
    case(
        "pipx",
        &["run", "mcp-server-sqlite", "--db-path", "test.db"],
        Runner::PipxRun,
        Some(Pypi),
        Some("mcp-server-sqlite"),
        false,
        Some(2),
    ),
    case(
        "yarn",
        &["dlx", "@sentry/mcp-server"],
        Runner::YarnDlx,
        Some(Npm),
        Some("@sentry/mcp-server"),
        false,
        Some(2),
    ),
    case(
        "powershell",
        &["-NoProfile", "-Command", "npx -y @brave/brave-search-mcp-server"],
        Runner::Npx,
        Some(Npm),
        Some("@brave/brave-search-mcp-server"),
        false,
        None,
    ),
    case(
        "/usr/local/bin/npx",
        &["-y", "@heroku/mcp-server"],
        Runner::Npx,
        Some(Npm),
        Some("@heroku/mcp-server"),
        false,
        Some(2),
    ),
    case(
        "env",
        &[
            "NODE_OPTIONS=--max-old-space-size=4096",
            "npx",
            "-y",
            "@browserbasehq/mcp-server-browserbase",
        ],
        Runner::Npx,
        Some(Npm),
        Some("@browserbasehq/mcp-server-browserbase"),
        false,
        Some(4),
    ),
    case(
        "npm",
        &["exec", "-y", "--", "@paypal/mcp", "--tools=all"],
        Runner::NpmExec,
        Some(Npm),
        Some("@paypal/mcp"),
        false,
        Some(4),
    ),
    case(
        "npx.cmd",
        &["-y", "exa-mcp-server"],
        Runner::Npx,
        Some(Npm),
        Some("exa-mcp-server"),
        false,
        Some(2),
    ),
    case(
        "docker",
        &["run", "-i", "--rm", "ghcr.io/sooperset/mcp-atlassian:latest"],
        Runner::Docker,
        Some(Docker),
        Some("ghcr.io/sooperset/mcp-atlassian"),
        false,
        Some(4),
    ),
    case(
        "bash",
        &["-c", "curl -fsSL https://example.com/install.sh | sh"],
        Runner::Shell,
        None,
        None,
        false,
        None,
    ),
];

#[test]
fn launch_parsing_real_world_command_lines() {
    assert!(CASES.len() >= 30);
    for c in CASES {
        let e = entry(c.command, c.args);
        let spec = launch_spec(&e);
        let line = format!("{} {}", c.command, c.args.join(" "));
        assert_eq!(spec.runner, c.runner, "runner of `{line}`");
        assert_eq!(
            spec.package.as_ref().map(|p| p.ecosystem),
            c.ecosystem,
            "ecosystem of `{line}`"
        );
        assert_eq!(
            spec.package.as_ref().map(|p| p.name.as_str()),
            c.package,
            "package of `{line}`"
        );
        assert_eq!(
            spec.package.as_ref().is_some_and(|p| p.pinned),
            c.pinned,
            "pinned of `{line}`"
        );
        assert_eq!(spec.server_args_at, c.at, "server args of `{line}`");
    }
}

#[test]
fn launch_remote_and_flags() {
    let file = desktop(json!({
        "linear": { "url": "https://mcp.linear.app/sse" },
        "gh": { "command": "docker", "args": ["run", "-i", "--rm", "--network", "none", "--privileged",
                 "-v", "/Users/you/code:/code", "-e", "GITHUB_READ_ONLY=1", "ghcr.io/github/github-mcp-server"] }
    }));
    let remote = launch_spec(&file.servers[0]);
    assert_eq!(remote.runner, Runner::Remote);
    assert_eq!(remote.url.as_deref(), Some("https://mcp.linear.app/sse"));
    let gh = launch_spec(&file.servers[1]);
    assert_eq!(gh.flags.network.as_deref(), Some("none"));
    assert!(gh.flags.privileged);
    assert_eq!(gh.flags.volumes, vec!["/Users/you/code:/code"]);
    assert_eq!(gh.env_value("GITHUB_READ_ONLY"), Some(Some("1")));
    // The value of an env setting never shows in Debug output.
    assert!(!format!("{:?}", gh.flags).contains("=1"));
}

#[test]
fn knowledge_identifies_and_trusts() {
    let e = entry("npx", &["-y", "@stripe/mcp", "--tools=all"]);
    let spec = launch_spec(&e);
    let k = knowledge::identify(&e, &spec).expect("stripe is known");
    assert_eq!(k.id, "stripe");
    assert_eq!(k.publisher, PublisherTrust::Vendor);
    let bridge = entry("npx", &["-y", "mcp-remote", "https://api.githubcopilot.com/mcp/"]);
    let spec = launch_spec(&bridge);
    assert_eq!(knowledge::identify(&bridge, &spec).map(|k| k.id), Some("github"));
}

// ---------------------------------------------------------------- MW-SUP-001 unpinned-package

#[test]
fn unpinned_reports_floating_versions() {
    let f = run1(
        "unpinned-package",
        desktop(json!({
            "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@latest", "/Users/you/code/app"] },
            "fetch": { "command": "uvx", "args": ["mcp-server-fetch"] },
            "gh": { "command": "docker", "args": ["run", "-i", "--rm", "ghcr.io/github/github-mcp-server"] },
            "tagged": { "command": "docker", "args": ["run", "-i", "--rm", "mcp/time:1.2"] },
            "range": { "command": "npx", "args": ["some-mcp@^1.2.0"] }
        })),
    );
    assert_eq!(f.len(), 5, "{f:#?}");
    let by = |name: &str| f.iter().find(|x| x.server.as_deref() == Some(name)).expect(name);
    assert_eq!(by("fs").severity, Severity::Medium);
    assert!(by("fs").message.contains("@latest"));
    assert!(by("fs").fix.contains("@modelcontextprotocol/server-filesystem@X.Y.Z"));
    assert!(by("fs").evidence.as_deref().unwrap_or("").contains("-y"));
    assert!(by("fetch").fix.contains("mcp-server-fetch@X.Y.Z"));
    assert!(by("gh").fix.contains("ghcr.io/github/github-mcp-server@sha256:"));
    assert_eq!(by("tagged").severity, Severity::Low);
    assert!(by("range").message.contains("^1.2.0"));
    assert_eq!(by("fs").rule, "MW-SUP-001");
    // Points at the argument holding the package.
    assert!(by("fs").line.is_some());
}

#[test]
fn unpinned_evidence_hides_connection_string_passwords() {
    let password = "S3cr3tPassw0rd!x9";
    let url = format!("postgresql://app:{password}@db.internal:5432/app");
    let f = run1(
        "unpinned-package",
        desktop(json!({ "pg": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres", url] } })),
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_no_leak(&f, password);
}

#[test]
fn unpinned_accepts_pins_and_local_code() {
    let digest = format!("mcp/fetch@sha256:{}", "0123456789abcdef".repeat(4));
    let f = run1(
        "unpinned-package",
        desktop(json!({
            "a": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/p"] },
            "b": { "command": "uvx", "args": ["mcp-server-fetch@2025.4.7"] },
            "c": { "command": "uvx", "args": ["--from", "mcp-server-git==2025.1.14", "mcp-server-git"] },
            "d": { "command": "docker", "args": ["run", "-i", "--rm", digest] },
            "e": { "command": "node", "args": ["/Users/you/mcp/build/index.js"] },
            "f": { "command": "python", "args": ["-m", "mcp_server_time"] },
            "g": { "url": "https://mcp.stripe.com" },
            "h": { "command": "pipx", "args": ["run", "--spec", "mcp-server-sqlite==2025.4.25", "mcp-server-sqlite"] }
        })),
    );
    assert!(f.is_empty(), "{f:#?}");
}

// ---------------------------------------------------------------- MW-SUP-002 untrusted-publisher

#[test]
fn untrusted_reports_unknown_and_community() {
    let f = run1(
        "untrusted-publisher",
        desktop(json!({
            "slack": { "command": "npx", "args": ["-y", "slack-mcp-server-pro"] },
            "jira": { "command": "uvx", "args": ["mcp-atlassian"] },
            "git": { "command": "npx", "args": ["-y", "github:someone/some-mcp"] },
            "img": { "command": "docker", "args": ["run", "-i", "--rm", "someone/mcp-thing"] }
        })),
    );
    assert_eq!(f.len(), 4, "{f:#?}");
    let by = |name: &str| f.iter().find(|x| x.server.as_deref() == Some(name)).expect(name);
    assert_eq!(by("slack").severity, Severity::Medium);
    assert!(by("slack")
        .message
        .contains("unverified community package — review source, publisher, downloads"));
    assert!(by("slack").fix.contains("mcpward vet slack-mcp-server-pro"));
    assert_eq!(by("jira").severity, Severity::Low);
    assert_eq!(by("git").severity, Severity::Medium);
    assert_eq!(by("img").severity, Severity::Medium);
    assert!(f.iter().all(|x| x.checklist == Some(ChecklistItem::TrustedMaintainer)));
}

#[test]
fn untrusted_accepts_trusted_publishers() {
    let f = run1(
        "untrusted-publisher",
        desktop(json!({
            "a": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/p"] },
            "b": { "command": "npx", "args": ["-y", "@stripe/mcp", "--tools=all"] },
            "c": { "command": "uvx", "args": ["mcp-server-fetch"] },
            "d": { "command": "docker", "args": ["run", "-i", "--rm", "mcp/anything"] },
            "e": { "command": "uvx", "args": ["awslabs.core-mcp-server@latest"] },
            "f": { "command": "npx", "args": ["-y", "mongodb-mcp-server", "--readOnly"] },
            "g": { "command": "docker", "args": ["run", "-i", "--rm", "ghcr.io/github/github-mcp-server"] },
            "h": { "command": "node", "args": ["/Users/you/own-server/index.js"] },
            "i": { "url": "https://evil.example/mcp" },
            "j": { "command": "cmd", "args": ["/c", "npx", "-y", "@playwright/mcp@latest"] }
        })),
    );
    assert!(f.is_empty(), "{f:#?}");
}

// ---------------------------------------------------------------- MW-EXE-001 exec-capability

#[test]
fn exec_reports_exec_servers_and_shell_launchers() {
    let f = run1(
        "exec-capability",
        desktop(json!({
            "desktop": { "command": "npx", "args": ["-y", "@wonderwhy-er/desktop-commander"] },
            "installer": { "command": "bash", "args": ["-c", "curl -fsSL https://example.com/mcp.sh | sh"] },
            "encoded": { "command": "powershell", "args": ["-NoProfile", "-EncodedCommand", "SQBFAFgAIAAoAGkAdwByACkA"] },
            "script": { "command": "sh", "args": ["-c", "cd /opt/mcp && ./server --stdio"] },
            "inline": { "command": "python", "args": ["-c", "import mcp_thing; mcp_thing.main()"] },
            "guess": { "command": "npx", "args": ["-y", "super-terminal-mcp"] },
            "k8s": { "command": "npx", "args": ["-y", "kubernetes-mcp-server@latest"] }
        })),
    );
    let by = |name: &str| f.iter().find(|x| x.server.as_deref() == Some(name)).expect(name);
    assert_eq!(by("desktop").severity, Severity::High);
    assert!(by("desktop").message.contains("Desktop Commander"));
    assert_eq!(by("installer").severity, Severity::Critical);
    assert!(by("installer").message.contains("pipe to shell"));
    assert_eq!(by("encoded").severity, Severity::Critical);
    assert_eq!(by("script").severity, Severity::High);
    assert_eq!(by("inline").severity, Severity::High);
    assert_eq!(by("guess").severity, Severity::Medium);
    assert!(by("guess").message.contains("guessed"));
    assert_eq!(by("k8s").severity, Severity::High);
    assert_eq!(f.len(), 7, "{f:#?}");
    assert!(f.iter().all(|x| x.checklist == Some(ChecklistItem::ToolListInspected)));
}

#[test]
fn exec_ignores_plain_wrappers_and_focused_servers() {
    let f = run1(
        "exec-capability",
        desktop(json!({
            "win": { "command": "cmd", "args": ["/c", "npx", "-y", "@modelcontextprotocol/server-memory"] },
            "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/you/code"] },
            "local": { "command": "bash", "args": ["/Users/you/mcp/start.sh"] },
            "sh1": { "command": "sh", "args": ["-c", "npx -y @modelcontextprotocol/server-everything"] },
            "scoped": { "command": "npx", "args": ["-y", "@executeautomation/playwright-mcp-server"] },
            "k8s": { "command": "npx", "args": ["-y", "kubernetes-mcp-server@latest", "--read-only"] }
        })),
    );
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn exec_evidence_redacts_tokens_in_scripts() {
    let token = format!("{}_{}", "ghp", "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8");
    let script = format!("GITHUB_TOKEN={token} npx -y some-server && echo ok");
    let f = run1(
        "exec-capability",
        desktop(json!({ "s": { "command": "bash", "args": ["-c", script] } })),
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_no_leak(&f, &token);
}

// ---------------------------------------------------------------- MW-RO-001 read-only-available

#[test]
fn read_only_reports_missing_switches() {
    let key = format!("{}_{}", "sk_live", "51HqLyjWDarjtT1zdp7dcQWxyz0123456789");
    let f = run1(
        "read-only-available",
        desktop(json!({
            "gh": { "command": "docker", "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"] },
            "ghremote": { "url": "https://api.githubcopilot.com/mcp/" },
            "supa": { "command": "npx", "args": ["-y", "@supabase/mcp-server-supabase@latest", "--project-ref=abc"] },
            "eks": { "command": "uvx", "args": ["awslabs.eks-mcp-server@latest", "--allow-write"] },
            "mongo": { "command": "npx", "args": ["-y", "mongodb-mcp-server"], "env": { "MDB_MCP_READ_ONLY": "false" } },
            "stripe": { "command": "npx", "args": ["-y", "@stripe/mcp", "--tools=all", format!("--api-key={key}")] },
            // `docker run --read-only` makes the container's filesystem read-only; the server never sees it.
            "dockerflag": { "command": "docker", "args": ["run", "-i", "--rm", "--read-only", "ghcr.io/github/github-mcp-server"] }
        })),
    );
    let by = |name: &str| f.iter().find(|x| x.server.as_deref() == Some(name)).expect(name);
    assert!(by("gh").fix.contains("GITHUB_READ_ONLY=1"));
    assert!(by("ghremote").fix.contains("/readonly"));
    assert!(by("supa").fix.contains("--read-only"));
    assert!(by("eks").message.contains("--allow-write"));
    assert!(by("mongo").fix.contains("--readOnly"));
    assert_eq!(by("stripe").severity, Severity::Low);
    assert!(by("stripe").fix.contains("rk_"));
    assert!(by("dockerflag").message.contains("GitHub"));
    assert_eq!(f.len(), 7, "{f:#?}");
    assert!(f.iter().all(|x| x.checklist == Some(ChecklistItem::ReadOnlyMode)));
    assert_no_leak(&f, &key);
}

#[test]
fn read_only_accepts_switches_in_args_env_url_and_headers() {
    let f = run1(
        "read-only-available",
        desktop(json!({
            "gh1": { "command": "docker", "args": ["run", "-i", "--rm", "-e", "GITHUB_READ_ONLY=1", "ghcr.io/github/github-mcp-server"] },
            "gh2": { "command": "docker", "args": ["run", "-i", "--rm", "-e", "GITHUB_READ_ONLY", "ghcr.io/github/github-mcp-server"],
                     "env": { "GITHUB_READ_ONLY": "1" } },
            "gh3": { "command": "github-mcp-server", "args": ["stdio", "--read-only"] },
            "gh4": { "url": "https://api.githubcopilot.com/mcp/readonly" },
            "gh5": { "url": "https://api.githubcopilot.com/mcp/", "headers": { "X-MCP-Readonly": "true" } },
            "gh6": { "command": "npx", "args": ["-y", "mcp-remote", "https://api.githubcopilot.com/mcp/", "--header", "X-MCP-Readonly: true"] },
            "supa": { "url": "https://mcp.supabase.com/mcp?project_ref=abc&read_only=true" },
            "eks": { "command": "uvx", "args": ["awslabs.eks-mcp-server@latest"] },
            "pg": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres", "postgresql://localhost/db"] },
            "graf": { "command": "mcp-grafana", "args": ["--disable-write"] },
            "pro": { "command": "uvx", "args": ["postgres-mcp", "--access-mode", "restricted"] },
            "atl": { "command": "uvx", "args": ["mcp-atlassian"], "env": { "READ_ONLY_MODE": "true" } },
            "sqlite": { "command": "uvx", "args": ["mcp-server-sqlite", "--db-path", "x.db"] },
            "unknown": { "command": "npx", "args": ["-y", "whatever-mcp"] },
            "stripe": { "command": "npx", "args": ["-y", "@stripe/mcp", "--tools=all", "--api-key=${STRIPE_KEY}"] }
        })),
    );
    assert!(f.is_empty(), "{f:#?}");
}

// ---------------------------------------------------------------- MW-FLOW-001 toxic-flow

#[test]
fn toxic_flow_reports_source_sink_pairs() {
    let f = run1(
        "toxic-flow",
        desktop(json!({
            "fetch": { "command": "uvx", "args": ["mcp-server-fetch"] },
            "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"] },
            "time": { "command": "uvx", "args": ["mcp-server-time"] }
        })),
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    let x = &f[0];
    assert_eq!(x.rule, "MW-FLOW-001");
    assert_eq!(x.severity, Severity::High);
    assert_eq!(x.server.as_deref(), Some("github"), "points at the sink");
    assert!(x.message.contains("\"fetch\"") && x.message.contains("\"github\""));
    assert!(x
        .fix
        .contains("Separate clients, or require approval for irreversible actions"));
}

#[test]
fn toxic_flow_is_critical_when_the_sink_is_auto_approved() {
    let f = run1(
        "toxic-flow",
        desktop(json!({
            "search": { "command": "npx", "args": ["-y", "@brave/brave-search-mcp-server"] },
            "browser": { "command": "npx", "args": ["-y", "@playwright/mcp@latest"] },
            "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                        "alwaysAllow": ["get_issue", "create_pull_request"] },
            "files": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/you/code"] }
        })),
    );
    // One finding per sink, naming both sources.
    assert_eq!(f.len(), 2, "{f:#?}");
    let gh: Vec<_> = f.iter().filter(|x| x.server.as_deref() == Some("github")).collect();
    assert_eq!(gh.len(), 1);
    assert_eq!(gh[0].severity, Severity::Critical);
    assert!(gh[0].message.contains("\"search\"") && gh[0].message.contains("\"browser\""));
    assert!(gh[0].message.contains("create_pull_request") && !gh[0].message.contains("get_issue,"));
    let files: Vec<_> = f.iter().filter(|x| x.server.as_deref() == Some("files")).collect();
    assert!(files.iter().all(|x| x.severity == Severity::Medium));
    let prints: std::collections::BTreeSet<_> = f.iter().map(|x| x.fingerprint.clone()).collect();
    assert_eq!(prints.len(), 2, "one fingerprint per sink");
}

#[test]
fn toxic_flow_read_only_auto_approvals_keep_high() {
    let f = run1(
        "toxic-flow",
        desktop(json!({
            "fetch": { "command": "uvx", "args": ["mcp-server-fetch"] },
            "slack": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-slack"],
                       "alwaysAllow": ["slack_list_channels", "get_users", "listMessages"] }
        })),
    );
    // `slack_list_channels` starts with `slack`: it is not a plain read by its first word.
    assert_eq!(severities(&f), vec![Severity::Critical], "{f:#?}");
    let f = run1(
        "toxic-flow",
        desktop(json!({
            "fetch": { "command": "uvx", "args": ["mcp-server-fetch"] },
            "slack": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-slack"],
                       "alwaysAllow": ["get_users", "listMessages"] }
        })),
    );
    assert_eq!(severities(&f), vec![Severity::High], "{f:#?}");
}

#[test]
fn toxic_flow_codex_never_ask_is_critical() {
    let toml = r#"
approval_policy = "never"
[mcp_servers.fetch]
command = "uvx"
args = ["mcp-server-fetch"]
[mcp_servers.notion]
command = "npx"
args = ["-y", "@notionhq/notion-mcp-server"]
"#;
    let f = run1(
        "toxic-flow",
        config(Client::Codex, "/Users/you/.codex/config.toml", Format::Toml, toml),
    );
    assert_eq!(severities(&f), vec![Severity::Critical], "{f:#?}");
}

#[test]
fn toxic_flow_negatives() {
    // Disabled source.
    let f = run1(
        "toxic-flow",
        desktop(json!({
            "fetch": { "command": "uvx", "args": ["mcp-server-fetch"], "disabled": true },
            "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"] }
        })),
    );
    assert!(f.is_empty(), "{f:#?}");
    // Source and sink in different clients.
    let a = desktop(json!({ "fetch": { "command": "uvx", "args": ["mcp-server-fetch"] } }));
    let b = cursor(json!({ "stripe": { "url": "https://mcp.stripe.com" } }));
    assert!(run("toxic-flow", &[a, b]).is_empty());
    // Sink in read-only mode is no sink.
    let f = run1(
        "toxic-flow",
        desktop(json!({
            "exa": { "url": "https://mcp.exa.ai/mcp" },
            "github": { "command": "docker", "args": ["run", "-i", "--rm", "-e", "GITHUB_READ_ONLY=1", "ghcr.io/github/github-mcp-server"] }
        })),
    );
    assert!(f.is_empty(), "{f:#?}");
    // No write capability at all.
    let f = run1(
        "toxic-flow",
        desktop(json!({
            "fetch": { "command": "uvx", "args": ["mcp-server-fetch"] },
            "time": { "command": "uvx", "args": ["mcp-server-time"] },
            "memory": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"] }
        })),
    );
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn toxic_flow_spans_files_of_one_client() {
    let user = cursor(json!({ "fetch": { "command": "uvx", "args": ["mcp-server-fetch"] } }));
    let project = config(
        Client::Cursor,
        "/Users/you/code/app/.cursor/mcp.json",
        Format::Json,
        &json!({ "mcpServers": { "linear": { "url": "https://mcp.linear.app/sse" } } }).to_string(),
    );
    let f = run("toxic-flow", &[user, project]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].server.as_deref(), Some("linear"));
    assert!(f[0].evidence.as_deref().unwrap_or("").contains("~/.cursor/mcp.json"));
}

#[test]
fn toxic_flow_keeps_projects_apart() {
    let project = |dir: &str, body: serde_json::Value| {
        common::config(
            Client::ClaudeCode,
            Scope::Project,
            Path::new(&format!("/Users/you/code/{dir}/.mcp.json")),
            Format::Json,
            &json!({ "mcpServers": body }).to_string(),
        )
    };
    // A source in one project and a sink in another never run together.
    let a = project(
        "a",
        json!({ "fetch": { "command": "uvx", "args": ["mcp-server-fetch"] } }),
    );
    let b = project(
        "b",
        json!({ "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"] } }),
    );
    assert!(run("toxic-flow", &[a.clone(), b.clone()]).is_empty());
    // The same two in one project do.
    let both = project(
        "c",
        json!({
            "fetch": { "command": "uvx", "args": ["mcp-server-fetch"] },
            "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"] }
        }),
    );
    assert_eq!(run("toxic-flow", &[both]).len(), 1);
    // A user-wide sink meets every project's sources: one finding naming them.
    let user = config(
        Client::ClaudeCode,
        "/Users/you/.claude.json",
        Format::Json,
        &json!({ "mcpServers": { "slack": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-slack"] } } })
            .to_string(),
    );
    let c = project(
        "c",
        json!({ "browser": { "command": "npx", "args": ["-y", "@playwright/mcp@0.0.41"] } }),
    );
    let f = run("toxic-flow", &[user, a, b, c]);
    let slack: Vec<_> = f.iter().filter(|x| x.server.as_deref() == Some("slack")).collect();
    assert_eq!(slack.len(), 1, "{f:#?}");
    assert!(slack[0].message.contains("\"fetch\"") && slack[0].message.contains("\"browser\""));
    // b's github meets no source: fetch is in project a.
    assert!(f.iter().all(|x| x.server.as_deref() != Some("github")), "{f:#?}");
}

// ---------------------------------------------------------------- docs

#[test]
fn rule_docs_have_four_parts() {
    for id in ["MW-SUP-001", "MW-SUP-002", "MW-EXE-001", "MW-RO-001", "MW-FLOW-001"] {
        let meta = find_rule(id).expect("registered").meta();
        assert_four_part_doc(meta);
        assert!(meta.doc.contains("seed"), "{id} does not quote the seed");
    }
}
