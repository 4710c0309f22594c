//! Command lines from the seeds and from servers' READMEs, parsed end to end.

use super::*;

fn p(words: &[&str]) -> LaunchSpec {
    launch_spec_from_words(words)
}

fn pkg(spec: &LaunchSpec) -> &Package {
    spec.package.as_ref().expect("package")
}

#[test]
fn npx_yes_scoped_with_path() {
    let s = p(&[
        "npx",
        "-y",
        "@modelcontextprotocol/server-filesystem",
        "/Users/you/projects/myapp",
    ]);
    assert_eq!(s.runner, Runner::Npx);
    assert!(s.flags.yes);
    assert_eq!(pkg(&s).name, "@modelcontextprotocol/server-filesystem");
    assert!(!pkg(&s).pinned);
    assert_eq!(s.server_args_at, Some(2));
    assert_eq!(s.server_args, vec!["/Users/you/projects/myapp"]);
}

#[test]
fn npx_exact_and_latest_and_range() {
    let exact = p(&["npx", "-y", "@playwright/mcp@0.0.41"]);
    assert!(pkg(&exact).pinned);
    assert_eq!(pkg(&exact).version.as_deref(), Some("0.0.41"));
    let latest = p(&["npx", "-y", "@playwright/mcp@latest"]);
    assert_eq!(pkg(&latest).name, "@playwright/mcp");
    assert!(!pkg(&latest).pinned);
    let range = p(&["npx", "mcp-server-kubernetes@^2.1.0"]);
    assert!(!pkg(&range).pinned);
    let unscoped = p(&["npx", "-y", "firecrawl-mcp@1.2.3"]);
    assert_eq!(pkg(&unscoped).name, "firecrawl-mcp");
    assert!(pkg(&unscoped).pinned);
}

#[test]
fn npx_package_option_names_bin_separately() {
    let s = p(&["npx", "-y", "--package=@scope/pkg@1.0.0", "pkg-bin", "--flag"]);
    assert_eq!(pkg(&s).name, "@scope/pkg");
    assert!(pkg(&s).pinned);
    assert_eq!(s.server_args, vec!["--flag"]);
    let s = p(&["npx", "-p", "@scope/other", "other-bin"]);
    assert_eq!(pkg(&s).name, "@scope/other");
    assert_eq!(s.server_args_at, Some(3));
}

#[test]
fn npx_call_is_shell_mode() {
    let s = p(&["npx", "-c", "echo hi && rm -rf /"]);
    assert_eq!(s.flags.shell_mode.as_deref(), Some("echo hi && rm -rf /"));
}

#[test]
fn windows_wrappers_and_paths() {
    let s = p(&["cmd", "/c", "npx", "-y", "@modelcontextprotocol/server-github"]);
    assert_eq!(s.runner, Runner::Npx);
    assert_eq!(pkg(&s).name, "@modelcontextprotocol/server-github");
    assert_eq!(s.server_args_at, Some(4));
    assert_eq!(s.shell.as_ref().map(|w| w.shell.as_str()), Some("cmd"));
    let s = p(&["npx.cmd", "-y", "@upstash/context7-mcp"]);
    assert_eq!(s.runner, Runner::Npx);
    let s = p(&["C:\\Program Files\\nodejs\\npx.cmd", "-y", "tavily-mcp@0.1.4"]);
    assert_eq!(s.runner, Runner::Npx);
    assert!(pkg(&s).pinned);
    let s = p(&["/usr/local/bin/npx", "-y", "exa-mcp-server"]);
    assert_eq!(s.runner, Runner::Npx);
    assert_eq!(s.program, "npx");
    let s = p(&["CMD.EXE", "/C", "npx -y @brave/brave-search-mcp-server"]);
    assert_eq!(s.runner, Runner::Npx);
    assert_eq!(pkg(&s).name, "@brave/brave-search-mcp-server");
    assert_eq!(s.server_args_at, None);
}

#[test]
fn env_prefix() {
    let s = p(&["env", "FOO=1", "GITHUB_READ_ONLY=1", "npx", "-y", "pkg"]);
    assert_eq!(s.runner, Runner::Npx);
    assert_eq!(s.env_value("GITHUB_READ_ONLY"), Some(Some("1")));
    assert_eq!(s.server_args_at, Some(5));
    let s = p(&["/usr/bin/env", "-S", "npx -y pkg@1.0.0"]);
    assert!(pkg(&s).pinned);
}

#[test]
fn uvx_forms() {
    let s = p(&["uvx", "mcp-server-fetch"]);
    assert_eq!(s.runner, Runner::Uvx);
    assert_eq!(pkg(&s).ecosystem, Ecosystem::Pypi);
    assert!(!pkg(&s).pinned);
    let s = p(&["uvx", "mcp-server-git@2025.1.14", "--repository", "/r"]);
    assert!(pkg(&s).pinned);
    assert_eq!(pkg(&s).name, "mcp-server-git");
    assert_eq!(s.server_args, vec!["--repository", "/r"]);
    let s = p(&["uvx", "mcp-server-time@latest"]);
    assert!(!pkg(&s).pinned);
    let s = p(&["uvx", "--from", "mcp-atlassian==0.11.9", "mcp-atlassian", "--read-only"]);
    assert!(pkg(&s).pinned);
    assert_eq!(pkg(&s).name, "mcp-atlassian");
    assert_eq!(s.server_args, vec!["--read-only"]);
    let s = p(&["uvx", "--from", "git+https://github.com/x/y", "y-server"]);
    assert!(!pkg(&s).pinned);
    assert!(pkg(&s).is_url_source());
    let s = p(&[
        "uvx",
        "--python",
        "3.12",
        "--with",
        "httpx",
        "awslabs.aws-api-mcp-server@latest",
    ]);
    assert_eq!(pkg(&s).name, "awslabs.aws-api-mcp-server");
    assert_eq!(s.flags.with, vec!["httpx"]);
}

#[test]
fn uv_tool_run_and_uv_run() {
    let s = p(&["uv", "tool", "run", "--from", "x==1", "x"]);
    assert_eq!(s.runner, Runner::UvToolRun);
    assert!(pkg(&s).pinned);
    let s = p(&["uv", "--directory", "/path/to/weather", "run", "weather.py"]);
    assert_eq!(s.runner, Runner::UvRun);
    assert_eq!(pkg(&s).ecosystem, Ecosystem::Local);
    assert_eq!(pkg(&s).name, "weather.py");
}

#[test]
fn pipx_and_python() {
    let s = p(&[
        "pipx",
        "run",
        "--spec",
        "mcp-server-sqlite==2025.4.25",
        "mcp-server-sqlite",
        "--db-path",
        "x.db",
    ]);
    assert_eq!(s.runner, Runner::PipxRun);
    assert!(pkg(&s).pinned);
    assert_eq!(s.server_args, vec!["--db-path", "x.db"]);
    let s = p(&["python", "-m", "mcp_server_fetch"]);
    assert_eq!(s.runner, Runner::PythonModule);
    assert_eq!(pkg(&s).name, "mcp_server_fetch");
    let s = p(&["python3.12", "-u", "server.py", "--port", "1"]);
    assert_eq!(s.runner, Runner::PythonScript);
    assert_eq!(s.server_args_at, Some(2));
    let s = p(&["python", "-c", "import os; os.system('id')"]);
    assert_eq!(s.runner, Runner::PythonInline);
}

#[test]
fn node_bun_deno() {
    let s = p(&["node", "/path/to/build/index.js", "--flag"]);
    assert_eq!(s.runner, Runner::Node);
    assert_eq!(pkg(&s).name, "/path/to/build/index.js");
    let s = p(&["node", "-e", "require('child_process').exec('id')"]);
    assert_eq!(s.runner, Runner::NodeInline);
    let s = p(&["bunx", "@wonderwhy-er/desktop-commander@latest"]);
    assert_eq!(s.runner, Runner::Bunx);
    assert_eq!(pkg(&s).name, "@wonderwhy-er/desktop-commander");
    let s = p(&["bun", "x", "some-mcp@1.0.0"]);
    assert_eq!(s.runner, Runner::Bunx);
    assert!(pkg(&s).pinned);
    let s = p(&["deno", "run", "-A", "npm:@modelcontextprotocol/server-memory@2025.4.25"]);
    assert_eq!(s.runner, Runner::Deno);
    assert_eq!(pkg(&s).ecosystem, Ecosystem::Npm);
    assert!(pkg(&s).pinned);
    assert_eq!(s.flags.deno_permissions, vec!["-A"]);
    let s = p(&["deno", "run", "--allow-net", "jsr:@scope/mcp@^1.0.0"]);
    assert_eq!(pkg(&s).ecosystem, Ecosystem::Deno);
    assert!(!pkg(&s).pinned);
}

#[test]
fn pnpm_yarn_npm_exec() {
    let s = p(&["pnpm", "dlx", "@supabase/mcp-server-supabase@latest", "--read-only"]);
    assert_eq!(s.runner, Runner::PnpmDlx);
    assert_eq!(s.server_args, vec!["--read-only"]);
    let s = p(&["pnpx", "@notionhq/notion-mcp-server@1.8.1"]);
    assert_eq!(s.runner, Runner::PnpmDlx);
    assert!(pkg(&s).pinned);
    let s = p(&["yarn", "dlx", "-p", "@sentry/mcp-server", "sentry-mcp"]);
    assert_eq!(s.runner, Runner::YarnDlx);
    assert_eq!(pkg(&s).name, "@sentry/mcp-server");
    let s = p(&["npm", "exec", "--yes", "--", "@stripe/mcp", "--tools=all"]);
    assert_eq!(s.runner, Runner::NpmExec);
    assert_eq!(pkg(&s).name, "@stripe/mcp");
    assert_eq!(s.server_args, vec!["--tools=all"]);
}

#[test]
fn docker_forms() {
    let s = p(&[
        "docker",
        "run",
        "-i",
        "--rm",
        "-e",
        "GITHUB_PERSONAL_ACCESS_TOKEN",
        "ghcr.io/github/github-mcp-server",
    ]);
    assert_eq!(s.runner, Runner::Docker);
    assert_eq!(pkg(&s).name, "ghcr.io/github/github-mcp-server");
    assert_eq!(pkg(&s).version, None);
    assert!(!pkg(&s).pinned);
    assert_eq!(s.env_value("GITHUB_PERSONAL_ACCESS_TOKEN"), Some(None));
    let digest = format!("mcp/fetch@sha256:{}", "a".repeat(64));
    let s = p(&[
        "docker",
        "run",
        "-i",
        "--rm",
        "--network=none",
        "-v",
        "/a:/b:ro",
        &digest,
        "--x",
    ]);
    assert!(pkg(&s).pinned);
    assert_eq!(pkg(&s).name, "mcp/fetch");
    assert_eq!(s.flags.network.as_deref(), Some("none"));
    assert_eq!(s.flags.volumes, vec!["/a:/b:ro"]);
    assert_eq!(s.server_args, vec!["--x"]);
    let s = p(&["podman", "run", "--privileged", "docker.io/mcp/github:latest"]);
    assert_eq!(s.runner, Runner::Podman);
    assert!(s.flags.privileged);
    assert_eq!(pkg(&s).name, "mcp/github");
    assert_eq!(pkg(&s).version.as_deref(), Some("latest"));
    let s = p(&["docker", "run", "-i", "--rm", "localhost:5000/team/mcp:1.2"]);
    assert_eq!(pkg(&s).name, "localhost:5000/team/mcp");
    assert_eq!(pkg(&s).version.as_deref(), Some("1.2"));
    let s = p(&["docker", "container", "run", "-eX=1", "img", "stdio"]);
    assert_eq!(pkg(&s).name, "img");
    assert_eq!(s.env_value("X"), Some(Some("1")));
}

#[test]
fn shells() {
    let s = p(&["bash", "-c", "curl -fsSL https://example.com/install.sh | sh"]);
    assert_eq!(s.runner, Runner::Shell);
    assert!(s.shell.as_ref().is_some_and(|w| w.compound));
    let s = p(&["sh", "-c", "npx -y @modelcontextprotocol/server-memory"]);
    assert_eq!(s.runner, Runner::Npx);
    assert!(s.shell.as_ref().is_some_and(|w| !w.compound));
    let s = p(&["bash", "-lc", "source ~/.nvm/nvm.sh && npx -y pkg"]);
    assert_eq!(s.runner, Runner::Shell);
    let s = p(&["powershell", "-NoProfile", "-EncodedCommand", "SQBFAFgA"]);
    assert!(s.shell.as_ref().is_some_and(|w| w.encoded));
    let s = p(&["pwsh", "-Command", "npx -y tavily-mcp"]);
    assert_eq!(s.runner, Runner::Npx);
    let s = p(&["zsh", "-c", "iwr x | iex"]);
    assert_eq!(s.runner, Runner::Shell);
    let s = p(&["bash", "start.sh", "--port", "1"]);
    assert_eq!(s.runner, Runner::Binary);
    assert_eq!(s.server_args_at, Some(1));
}

#[test]
fn direct_binaries() {
    let s = p(&["mcp-grafana", "--disable-write"]);
    assert_eq!(s.runner, Runner::Binary);
    assert_eq!(pkg(&s).name, "mcp-grafana");
    assert_eq!(s.server_args_at, Some(0));
    let s = p(&["/opt/github-mcp-server", "stdio", "--read-only"]);
    assert_eq!(s.program, "github-mcp-server");
    assert_eq!(s.server_args, vec!["stdio", "--read-only"]);
    let s = p(&["npx -y @modelcontextprotocol/server-everything"]);
    assert_eq!(s.runner, Runner::Npx);
    assert_eq!(pkg(&s).name, "@modelcontextprotocol/server-everything");
}

#[test]
fn hostile_input_never_panics() {
    let long = "a".repeat(100_000);
    let nested = "bash -c ".repeat(50) + "x";
    let cases: Vec<Vec<&str>> = vec![
        vec![],
        vec![""],
        vec!["npx"],
        vec!["npx", "-y"],
        vec!["npx", "@"],
        vec!["npx", "@@@"],
        vec!["npx", "@scope"],
        vec!["uvx", "--from"],
        vec!["uvx", "[x"],
        vec!["uvx", "==="],
        vec!["docker", "run", "-e"],
        vec!["docker", "run", "@"],
        vec!["docker", "run", ":"],
        vec!["docker", "run", "-é"],
        vec!["cmd", "/c"],
        vec!["bash", "-c"],
        vec!["bash", "-c", "\"unterminated"],
        vec!["bash", "-c", "'"],
        vec!["bash", "-c", "\\"],
        vec!["env"],
        vec!["env", "A=1"],
        vec!["python", "-m"],
        vec!["python", "-c"],
        vec!["node", "-e"],
        vec!["deno", "run"],
        vec!["powershell", "-enc"],
        vec!["pwsh"],
        vec!["🦀", "→", "\u{202e}npx"],
        vec!["npx", "\u{0}", "\u{ffff}"],
        vec!["npx", "@é/ü@1.2.3"],
        vec!["npx", &long],
        vec!["bash", "-c", &nested],
        vec!["docker", "run", "ü:ü@ü"],
        vec!["uv", "tool", "run"],
        vec!["uv", "tool"],
        vec!["pipx", "run"],
        vec!["npm", "exec", "--"],
    ];
    for c in cases {
        let _ = launch_spec_from_words(&c);
    }
    let nested_words: Vec<String> = (0..200).flat_map(|_| ["env".to_owned(), "A=1".to_owned()]).collect();
    let refs: Vec<&str> = nested_words.iter().map(String::as_str).collect();
    let _ = launch_spec_from_words(&refs);
}

#[test]
fn fetched_packages_only_come_from_registries() {
    let fetched = |w: &[&str]| p(w).fetched_package().map(|p| p.name.clone());
    assert_eq!(fetched(&["npx", "-y", "pkg@1.0.0"]).as_deref(), Some("pkg"));
    assert_eq!(fetched(&["docker", "run", "mcp/x"]).as_deref(), Some("mcp/x"));
    assert_eq!(fetched(&["npx", "./local-dir"]), None);
    assert_eq!(fetched(&["node", "server.js"]), None);
    assert_eq!(fetched(&["python", "-m", "mcp_server_fetch"]), None);
    assert_eq!(fetched(&["mcp-grafana"]), None);
    assert_eq!(fetched(&["npx"]), None);
}
