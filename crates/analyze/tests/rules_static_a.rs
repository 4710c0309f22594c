//! Behaviour of the static rules filesystem-scope, hardcoded-secret, secret-in-git,
//! config-permissions, insecure-transport and auto-approve, over configs parsed
//! from JSON text (and real files, symlinks, permissions and git repositories
//! in temporary directories).

mod common;

use common::{assert_four_part_doc, assert_no_leak, key, run, run1, severities, DESKTOP_PATH, HOME};
use mcpward_analyze::rules::hardcoded_secret::{literal_secrets, Place};
use mcpward_analyze::{find_rule, ChecklistItem, Severity};
use mcpward_config::parse::{parse_str, Format};
use mcpward_config::{clients, Client, ClientSetting, ConfigFile, Pos, Scope};
use std::path::{Path, PathBuf};
use std::process::Command;

// ---------------------------------------------------------------- helpers

/// A classic GitHub token of the right shape (built at run time so that this
/// source file holds no token-shaped literal).
fn fake_ghp() -> String {
    // The 30-character body followed by its base62 CRC32, as GitHub issues them.
    format!("{}_{}{}", "ghp", "u8jzPde0IgxLd6GncfBAepfJBd0Kh8", "024xXH")
}

/// A high-entropy value with no known format.
const GENERIC: &str = "Qm9vT2x8Zk3pLr7Wv2Ys";

fn config(client: Client, scope: Scope, path: &Path, json: &str) -> ConfigFile {
    common::config(client, scope, path, Format::Json, json)
}

fn desktop(json: &str) -> ConfigFile {
    config(Client::ClaudeDesktop, Scope::User, Path::new(DESKTOP_PATH), json)
}

fn fs_server(args: &[&str]) -> String {
    let mut all = vec!["-y", "@modelcontextprotocol/server-filesystem"];
    all.extend_from_slice(args);
    let args = serde_json::to_string(&all).unwrap();
    format!(r#"{{"mcpServers": {{"fs": {{"command": "npx", "args": {args}}}}}}}"#)
}

// ---------------------------------------------------------------- registration

#[test]
fn rules_are_registered_with_four_part_docs() {
    for id in [
        "MW-FS-001",
        "MW-SEC-001",
        "MW-SEC-002",
        "MW-SEC-003",
        "MW-NET-001",
        "MW-APR-001",
    ] {
        let rule = find_rule(id).unwrap_or_else(|| panic!("{id} registered"));
        let m = rule.meta();
        assert_eq!(m.id, id);
        assert!(find_rule(m.name).is_some(), "{} findable by name", m.name);
        assert_four_part_doc(m);
        // The "why" quotes the seed.
        assert!(m.doc.contains('"'), "{id} quotes nothing");
    }
    let ids: Vec<&str> = mcpward_analyze::rules::all().iter().map(|r| r.meta().id).collect();
    let mut dedup = ids.clone();
    dedup.sort();
    dedup.dedup();
    assert_eq!(ids.len(), dedup.len(), "duplicate rule ids: {ids:?}");
}

// ---------------------------------------------------------------- filesystem-scope

#[test]
fn fs_home_root_and_sensitive_dirs_are_critical() {
    for arg in [
        "/",
        "~",
        "$HOME",
        "${HOME}",
        "/Users/you",
        "/Users/you/code/..",
        "/home/alice",
        "~/.ssh",
        "/Users/you/.aws/",
        "~/Library",
        "~/Library/Keychains",
        "/etc",
        "C:\\Users\\you",
        "%USERPROFILE%",
        "C:\\Users\\you\\AppData\\Local\\Google\\Chrome\\User Data",
    ] {
        let f = run1("filesystem-scope", desktop(&fs_server(&[arg])));
        assert_eq!(severities(&f), vec![Severity::Critical], "{arg}: {f:#?}");
        assert_eq!(f[0].checklist, Some(ChecklistItem::FilesystemSingleProject));
        assert_eq!(f[0].server.as_deref(), Some("fs"));
        assert_eq!(f[0].client, Some(Client::ClaudeDesktop));
        assert_eq!(f[0].line, Some(1), "points at the argument");
    }
}

#[test]
fn fs_parent_of_home_is_high() {
    for arg in ["/Users", "/home", "C:\\Users"] {
        let f = run1("filesystem-scope", desktop(&fs_server(&[arg])));
        assert_eq!(severities(&f), vec![Severity::High], "{arg}: {f:#?}");
    }
}

#[test]
fn fs_single_project_is_fine() {
    for arg in [
        "/Users/you/code/this-one-project",
        "~/code/app",
        "/srv/data",
        "${workspaceFolder}",
        "relative/dir",
    ] {
        let f = run1("filesystem-scope", desktop(&fs_server(&[arg])));
        assert!(f.is_empty(), "{arg}: {f:#?}");
    }
    // Flags after the package are not roots.
    let f = run1("filesystem-scope", desktop(&fs_server(&["--verbose", "~/code/app"])));
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn fs_other_servers_are_ignored() {
    let json =
        r#"{"mcpServers": {"gh": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github", "/"]}}}"#;
    assert!(run1("filesystem-scope", desktop(json)).is_empty());
}

#[test]
fn fs_several_roots_are_noted() {
    let f = run1("filesystem-scope", desktop(&fs_server(&["~/code/a", "~/code/b"])));
    assert_eq!(severities(&f), vec![Severity::Low], "{f:#?}");
    assert!(f[0].evidence.as_deref().unwrap().contains("~/code/b"));
    // A wide root and a second one: both reported.
    let f = run1("filesystem-scope", desktop(&fs_server(&["~", "~/code/b"])));
    assert_eq!(severities(&f), vec![Severity::Critical, Severity::Low], "{f:#?}");
}

#[test]
fn fs_community_servers_and_multiline_positions() {
    let json = "{\"mcpServers\": {\"fs\": {\n  \"command\": \"mcp-filesystem-server\",\n  \"args\": [\n    \"/home/bob\"\n  ]}}}";
    let f = run1("filesystem-scope", desktop(json));
    assert_eq!(severities(&f), vec![Severity::Critical], "{f:#?}");
    assert_eq!(f[0].line, Some(4));
}

#[test]
fn fs_docker_mounts() {
    let docker = |args: &[&str]| {
        let args = serde_json::to_string(args).unwrap();
        format!(r#"{{"mcpServers": {{"fs": {{"command": "docker", "args": {args}}}}}}}"#)
    };
    let f = run1(
        "filesystem-scope",
        desktop(&docker(&[
            "run",
            "-i",
            "--rm",
            "-v",
            "/:/host:ro",
            "mcp/filesystem",
            "/host",
        ])),
    );
    assert_eq!(severities(&f), vec![Severity::Critical], "{f:#?}");
    let f = run1(
        "filesystem-scope",
        desktop(&docker(&[
            "run",
            "--mount",
            "type=bind,src=/Users/you,dst=/projects",
            "mcp/filesystem",
            "/projects",
        ])),
    );
    assert_eq!(severities(&f), vec![Severity::Critical], "{f:#?}");
    let f = run1(
        "filesystem-scope",
        desktop(&docker(&[
            "run",
            "-v",
            "/var/run/docker.sock:/var/run/docker.sock",
            "img",
        ])),
    );
    assert_eq!(severities(&f), vec![Severity::Critical], "{f:#?}");
    // A project mount, and container paths after the image, are fine.
    let f = run1(
        "filesystem-scope",
        desktop(&docker(&[
            "run",
            "-v",
            "/Users/you/code/p:/projects/p",
            "mcp/filesystem",
            "/",
        ])),
    );
    assert!(f.is_empty(), "{f:#?}");
}

#[cfg(unix)]
#[test]
fn fs_symlinked_root_is_resolved() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    let ssh = home.join(".ssh");
    let code = home.join("code");
    let elsewhere = tmp.path().join("elsewhere");
    for d in [&ssh, &code, &elsewhere] {
        std::fs::create_dir_all(d).unwrap();
    }
    let to_ssh = code.join("innocent");
    let to_elsewhere = code.join("project");
    std::os::unix::fs::symlink(&ssh, &to_ssh).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &to_elsewhere).unwrap();

    let file = |root: &Path| desktop(&fs_server(&[root.to_str().unwrap()]));

    // A link into ~/.ssh escalates to critical and names the target.
    let f = run("filesystem-scope", &[file(&to_ssh)], &home);
    assert_eq!(severities(&f), vec![Severity::Critical], "{f:#?}");
    assert!(f[0].message.contains("~/.ssh"), "{}", f[0].message);
    assert!(
        f[0].evidence.as_deref().unwrap().contains("-> ~/.ssh"),
        "{:?}",
        f[0].evidence
    );

    // A link to a harmless place is still named.
    let f = run("filesystem-scope", &[file(&to_elsewhere)], &home);
    assert_eq!(severities(&f), vec![Severity::Medium], "{f:#?}");
    assert!(
        f[0].message.contains(&elsewhere.display().to_string()),
        "{}",
        f[0].message
    );

    // The same written with `~` (expanded with the audited home).
    let f = run("filesystem-scope", &[desktop(&fs_server(&["~/code/innocent"]))], &home);
    assert_eq!(severities(&f), vec![Severity::Critical], "{f:#?}");

    // A real directory is fine.
    let f = run("filesystem-scope", &[file(&code)], &home);
    assert!(f.is_empty(), "{f:#?}");
}

// ---------------------------------------------------------------- hardcoded-secret

#[test]
fn secret_in_env_is_flagged_redacted() {
    let tok = fake_ghp();
    let json = format!(
        "{{\"mcpServers\": {{\"github\": {{\"command\": \"npx\",\n \"args\": [\"-y\", \"@modelcontextprotocol/server-github\"],\n \"env\": {{\"GITHUB_PERSONAL_ACCESS_TOKEN\": \"{tok}\"}}}}}}}}"
    );
    let f = run1("hardcoded-secret", desktop(&json));
    assert_eq!(severities(&f), vec![Severity::High], "{f:#?}");
    let x = &f[0];
    assert_eq!(x.line, Some(3), "points at the env value");
    assert_eq!(x.checklist, Some(ChecklistItem::TokenViaReference));
    assert_eq!(x.server.as_deref(), Some("github"));
    let ev = x.evidence.as_deref().unwrap();
    assert!(
        ev.contains("ghp_…") && ev.contains("github-pat") && ev.contains("fp:"),
        "{ev}"
    );
    assert!(
        x.fix.contains("rotate the credential") || x.fix.contains("Rotate"),
        "{}",
        x.fix
    );
    assert!(
        x.fix.contains("fine-grained"),
        "classic token gets the re-issue note: {}",
        x.fix
    );
    assert!(x.fix.contains("Claude Desktop expands no variables"), "{}", x.fix);
    assert_no_leak(&f, &tok);

    // In a project file it is critical, and the fix speaks the client's syntax.
    let file = config(
        Client::ClaudeDesktop,
        Scope::Project,
        Path::new("/repo/.mcp.json"),
        &json,
    );
    let f = run1("hardcoded-secret", file);
    assert_eq!(severities(&f), vec![Severity::Critical]);
    assert_no_leak(&f, &tok);
}

#[test]
fn references_and_placeholders_are_not_secrets() {
    for value in [
        "${GITHUB_TOKEN}",
        "${env:GITHUB_TOKEN}",
        "${input:github-pat}",
        "github_pat_...",
        "<your-token>",
        "YOUR_GITHUB_TOKEN",
        "",
        "short",
    ] {
        let json = format!(r#"{{"mcpServers": {{"gh": {{"command": "x", "env": {{"GITHUB_TOKEN": "{value}"}}}}}}}}"#);
        let f = run1("hardcoded-secret", desktop(&json));
        assert!(f.is_empty(), "{value}: {f:#?}");
    }
}

#[test]
fn reference_default_is_a_literal() {
    let tok = fake_ghp();
    let json = format!(r#"{{"mcpServers": {{"gh": {{"command": "x", "env": {{"GITHUB_TOKEN": "${{T:-{tok}}}"}}}}}}}}"#);
    let f = run1("hardcoded-secret", desktop(&json));
    assert_eq!(severities(&f), vec![Severity::High], "{f:#?}");
    assert_no_leak(&f, &tok);
}

#[test]
fn secrets_in_args_headers_and_urls() {
    let tok = fake_ghp();
    // --token=VALUE, --api-key VALUE (generic, by name), NAME=VALUE (docker -e).
    let json = format!(
        r#"{{"mcpServers": {{"a": {{"command": "docker", "args": ["run", "-e", "GITHUB_TOKEN={tok}", "--api-key", "{GENERIC}", "--token={tok}", "img"]}}}}}}"#
    );
    let file = desktop(&json);
    let found = literal_secrets(&file.servers[0], &key());
    let locs: Vec<&str> = found.iter().map(|s| s.location.as_str()).collect();
    assert_eq!(
        locs,
        vec!["argument GITHUB_TOKEN", "argument after --api-key", "argument --token"],
        "{found:#?}"
    );
    assert!(found.iter().all(|s| s.place == Place::Arg));
    for s in &found {
        assert!(
            !s.identity.contains(&tok) && !s.identity.contains(GENERIC),
            "{}",
            s.identity
        );
        assert!(!s.described.contains(&tok) && !s.described.contains(GENERIC));
        assert_eq!(s.fingerprint.len(), 64);
    }
    let f = run1("hardcoded-secret", file);
    assert_eq!(
        severities(&f),
        vec![Severity::High, Severity::Medium, Severity::High],
        "{f:#?}"
    );
    assert!(f[0].fix.contains("ps"), "arguments are visible in ps: {}", f[0].fix);
    assert_no_leak(&f, &tok);
    assert_no_leak(&f, GENERIC);

    // Headers and URL query parameters, by name.
    let json = format!(
        r#"{{"mcpServers": {{"r": {{"url": "https://mcp.example.com/mcp?api_key={GENERIC}&page=2", "headers": {{"Authorization": "Bearer {tok}", "X-Trace": "{GENERIC}"}}}}}}}}"#
    );
    let file = desktop(&json);
    let found = literal_secrets(&file.servers[0], &key());
    let locs: Vec<&str> = found.iter().map(|s| s.location.as_str()).collect();
    assert_eq!(locs, vec!["URL query api_key", "header Authorization"], "{found:#?}");
    let f = run1("hardcoded-secret", file);
    assert_eq!(f.len(), 2);
    assert_no_leak(&f, &tok);
    assert_no_leak(&f, GENERIC);

    // References in headers and URLs are fine.
    let json = r#"{"mcpServers": {"r": {"url": "https://h.example.org/mcp?api_key=${KEY}", "headers": {"Authorization": "Bearer ${TOKEN}"}}}}"#;
    assert!(run1("hardcoded-secret", desktop(json)).is_empty());
}

#[test]
fn generic_secret_under_secret_name_is_medium() {
    let json = format!(
        r#"{{"mcpServers": {{"s": {{"command": "x", "env": {{"STRIPE_SECRET": "{GENERIC}", "LOG_LEVEL": "{GENERIC}"}}}}}}}}"#
    );
    let f = run1("hardcoded-secret", desktop(&json));
    assert_eq!(
        severities(&f),
        vec![Severity::Medium],
        "only the secret-like name: {f:#?}"
    );
    assert!(!f[0].fix.contains("fine-grained"));
    assert_no_leak(&f, GENERIC);
}

// ---------------------------------------------------------------- secret-in-git

fn git(dir: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.invalid",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn have_git() -> bool {
    let ok = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("note: `git` is not installed; secret-in-git test skipped");
    }
    ok
}

/// A fresh git repository (`git init -q` and `init_args`), or `None` when git
/// is not installed and the test is skipped.
fn new_repo(init_args: &[&str]) -> Option<tempfile::TempDir> {
    if !have_git() {
        return None;
    }
    let tmp = tempfile::tempdir().unwrap();
    let args: Vec<&str> = ["init", "-q"].iter().chain(init_args).copied().collect();
    assert!(git(tmp.path(), &args));
    Some(tmp)
}

/// Writes `text` to `path` (inside `repo`), stages it and commits.
fn commit_file(repo: &Path, path: &Path, text: &str, message: &str) {
    std::fs::write(path, text).unwrap();
    let relative = path.strip_prefix(repo).unwrap().to_str().unwrap();
    assert!(git(repo, &["add", relative]));
    assert!(git(repo, &["commit", "-q", "-m", message]));
}

fn env_json(value: &str) -> String {
    format!(
        "{{\"mcpServers\": {{\"github\": {{\"command\": \"npx\",\n \"env\": {{\"GITHUB_TOKEN\": \"{value}\"}}}}}}}}\n"
    )
}

fn load(path: &Path) -> ConfigFile {
    let text = std::fs::read_to_string(path).unwrap();
    config(Client::ClaudeDesktop, Scope::User, path, &text)
}

#[test]
fn secret_removed_from_file_but_in_history() {
    let Some(tmp) = new_repo(&[]) else { return };
    let repo = tmp.path();
    let path = repo.join("claude_desktop_config.json");
    let tok = fake_ghp();
    commit_file(repo, &path, &env_json(&tok), "add config");
    commit_file(repo, &path, &env_json("${GITHUB_TOKEN}"), "use a reference");

    let f = run("secret-in-git", &[load(&path)], repo);
    assert_eq!(severities(&f), vec![Severity::Critical], "{f:#?}");
    assert!(f[0].message.contains("was committed in"), "{}", f[0].message);
    assert!(f[0].message.contains("env GITHUB_TOKEN"), "{}", f[0].message);
    assert!(f[0].fix.contains("Rotate"), "{}", f[0].fix);
    assert_no_leak(&f, &tok);

    // hardcoded-secret sees nothing in the current file: only history holds it.
    assert!(run("hardcoded-secret", &[load(&path)], repo).is_empty());
}

#[test]
fn secret_added_and_removed_on_a_merged_branch() {
    let Some(tmp) = new_repo(&["-b", "main"]) else { return };
    let repo = tmp.path();
    let path = repo.join("c.json");
    commit_file(repo, &path, &env_json("${GITHUB_TOKEN}"), "base");
    assert!(git(repo, &["checkout", "-q", "-b", "side"]));
    let tok = fake_ghp();
    commit_file(repo, &path, &env_json(&tok), "oops");
    commit_file(repo, &path, &env_json("${GITHUB_TOKEN}"), "undo");
    assert!(git(repo, &["checkout", "-q", "main"]));
    assert!(git(repo, &["merge", "-q", "--no-ff", "-m", "merge", "side"]));
    assert!(git(repo, &["branch", "-q", "-D", "side"]));
    // The merge is identical to main for this file; history simplification
    // would hide the side branch, the rule must not.
    let f = run("secret-in-git", &[load(&path)], repo);
    assert_eq!(severities(&f), vec![Severity::Critical], "{f:#?}");
    assert_no_leak(&f, &tok);
}

#[test]
fn secret_committed_and_still_present() {
    let Some(tmp) = new_repo(&[]) else { return };
    let repo = tmp.path();
    let sub = repo.join("conf");
    std::fs::create_dir(&sub).unwrap();
    let path = sub.join("mcp config.json");
    let tok = fake_ghp();
    commit_file(repo, &path, &env_json(&tok), "add");

    let f = run("secret-in-git", &[load(&path)], repo);
    assert_eq!(severities(&f), vec![Severity::Critical], "{f:#?}");
    assert_eq!(f[0].line, Some(2), "points at the value");
    assert!(f[0].message.contains("committed to git in"), "{}", f[0].message);
    assert_no_leak(&f, &tok);
}

#[test]
fn secret_tracked_but_not_yet_committed_and_untracked_not_ignored() {
    let Some(tmp) = new_repo(&[]) else { return };
    let repo = tmp.path();
    let path = repo.join("config.json");
    commit_file(repo, &path, &env_json("${GITHUB_TOKEN}"), "clean");
    let tok = fake_ghp();
    std::fs::write(&path, env_json(&tok)).unwrap();
    let f = run("secret-in-git", &[load(&path)], repo);
    assert_eq!(severities(&f), vec![Severity::Critical], "{f:#?}");
    assert!(f[0].message.contains("git tracks"), "{}", f[0].message);
    assert_no_leak(&f, &tok);

    // Untracked and not ignored: low advice. Ignored: nothing.
    let other = repo.join("local.json");
    std::fs::write(&other, env_json(&tok)).unwrap();
    let f = run("secret-in-git", &[load(&other)], repo);
    assert_eq!(severities(&f), vec![Severity::Low], "{f:#?}");
    assert_no_leak(&f, &tok);
    std::fs::write(repo.join(".gitignore"), "local.json\n").unwrap();
    let f = run("secret-in-git", &[load(&other)], repo);
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn secret_in_git_outside_a_repository_is_silent() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("c.json");
    std::fs::write(&path, env_json(&fake_ghp())).unwrap();
    assert!(run("secret-in-git", &[load(&path)], tmp.path()).is_empty());
    // A file that does not exist (deleted after discovery) is no error either.
    let ghost = desktop(&env_json(&fake_ghp()));
    assert!(run("secret-in-git", &[ghost], tmp.path()).is_empty());
}

// ---------------------------------------------------------------- config-permissions

#[cfg(unix)]
#[test]
fn permissions_of_config_files() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    let chmod = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    let tok = fake_ghp();
    let secret = tmp.path().join("secret.json");
    std::fs::write(&secret, env_json(&tok)).unwrap();

    chmod(&secret, 0o644);
    let f = run("config-permissions", &[load(&secret)], tmp.path());
    assert_eq!(severities(&f), vec![Severity::High], "{f:#?}");
    assert!(f[0].fix.contains("chmod 600"), "{}", f[0].fix);
    assert!(f[0].message.contains("0644"), "{}", f[0].message);
    assert_no_leak(&f, &tok);

    chmod(&secret, 0o640);
    assert_eq!(run("config-permissions", &[load(&secret)], tmp.path()).len(), 1);

    chmod(&secret, 0o600);
    assert!(run("config-permissions", &[load(&secret)], tmp.path()).is_empty());

    // No secret: readable is fine, writable by others is not.
    let clean = tmp.path().join("clean.json");
    std::fs::write(&clean, env_json("${GITHUB_TOKEN}")).unwrap();
    chmod(&clean, 0o644);
    assert!(run("config-permissions", &[load(&clean)], tmp.path()).is_empty());
    chmod(&clean, 0o666);
    let f = run("config-permissions", &[load(&clean)], tmp.path());
    assert_eq!(severities(&f), vec![Severity::High], "{f:#?}");
    assert!(f[0].message.contains("writable"), "{}", f[0].message);

    // A directory anyone can write to (no sticky bit) lets anyone replace the file.
    chmod(&clean, 0o600);
    let open = tmp.path().join("open");
    std::fs::create_dir(&open).unwrap();
    let inner = open.join("c.json");
    std::fs::write(&inner, env_json("${GITHUB_TOKEN}")).unwrap();
    chmod(&inner, 0o600);
    chmod(&open, 0o777);
    let f = run("config-permissions", &[load(&inner)], tmp.path());
    assert_eq!(severities(&f), vec![Severity::High], "{f:#?}");
    chmod(&open, 0o1777);
    assert!(run("config-permissions", &[load(&inner)], tmp.path()).is_empty());
    chmod(&open, 0o700);
}

// ---------------------------------------------------------------- insecure-transport

fn remote(url: &str, headers: &str) -> ConfigFile {
    desktop(&format!(
        r#"{{"mcpServers": {{"r": {{"url": "{url}", "headers": {{{headers}}}}}}}}}"#
    ))
}

#[test]
fn plain_http_to_remote_hosts() {
    for url in [
        "http://mcp.example.com/sse",
        "ws://10.1.2.3:9000/mcp",
        "HTTP://Example.COM",
    ] {
        let f = run1("insecure-transport", remote(url, ""));
        assert_eq!(severities(&f), vec![Severity::High], "{url}: {f:#?}");
        assert_eq!(f[0].line, Some(1));
    }
    for url in [
        "https://mcp.example.com/sse",
        "wss://mcp.example.com/ws",
        "http://localhost:3000/mcp",
        "http://127.0.0.1:8080",
        "http://[::1]:8080/mcp",
        "http://${HOST}/mcp",
        "not a url at all",
        "http://[",
    ] {
        let f = run1("insecure-transport", remote(url, ""));
        assert!(f.is_empty(), "{url}: {f:#?}");
    }
}

#[test]
fn credentials_over_plain_http_are_critical() {
    let f = run1(
        "insecure-transport",
        remote("http://mcp.example.com/mcp", r#""Authorization": "Bearer ${TOKEN}""#),
    );
    assert_eq!(severities(&f), vec![Severity::Critical], "{f:#?}");
}

#[test]
fn credentials_in_urls() {
    let f = run1(
        "insecure-transport",
        remote("https://alice:Sup3rS3cretPw@mcp.example.com/mcp", ""),
    );
    assert_eq!(severities(&f), vec![Severity::High], "{f:#?}");
    assert_no_leak(&f, "Sup3rS3cretPw");
    assert!(f[0].evidence.as_deref().unwrap().contains("alice:…@"));

    let tok = fake_ghp();
    let f = run1(
        "insecure-transport",
        remote(&format!("https://mcp.example.com/mcp?token={tok}"), ""),
    );
    assert_eq!(severities(&f), vec![Severity::High], "{f:#?}");
    assert_no_leak(&f, &tok);

    // A referenced credential in the query still ends up in logs: medium.
    let f = run1(
        "insecure-transport",
        remote("https://mcp.example.com/mcp?api_key=${KEY}", ""),
    );
    assert_eq!(severities(&f), vec![Severity::Medium], "{f:#?}");

    // Ordinary query parameters are fine.
    assert!(run1(
        "insecure-transport",
        remote("https://mcp.example.com/mcp?page=2&q=x", "")
    )
    .is_empty());
}

#[test]
fn bridge_arguments_over_plain_http() {
    let json =
        r#"{"mcpServers": {"r": {"command": "npx", "args": ["-y", "mcp-remote", "http://mcp.example.com/sse"]}}}"#;
    let f = run1("insecure-transport", desktop(json));
    assert_eq!(severities(&f), vec![Severity::High], "{f:#?}");
    let json =
        r#"{"mcpServers": {"r": {"command": "npx", "args": ["-y", "mcp-remote", "https://mcp.example.com/sse"]}}}"#;
    assert!(run1("insecure-transport", desktop(json)).is_empty());
    // A database URL with a password, as postgres servers take it.
    let json = r#"{"mcpServers": {"db": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres", "postgresql://app:Pw4Real2024@db.internal:5432/app"]}}}"#;
    let f = run1("insecure-transport", desktop(json));
    assert_eq!(severities(&f), vec![Severity::High], "{f:#?}");
    assert_no_leak(&f, "Pw4Real2024");
}

// ---------------------------------------------------------------- auto-approve

fn allow(list: &str) -> ConfigFile {
    desktop(&format!(
        r#"{{"mcpServers": {{"gh": {{"command": "npx", "args": ["-y", "x"], "alwaysAllow": {list}}}}}}}"#
    ))
}

#[test]
fn auto_approved_tools() {
    let f = run1("auto-approve", allow(r#"["get_issue", "list_commits"]"#));
    assert_eq!(severities(&f), vec![Severity::Medium], "{f:#?}");
    assert!(f[0].evidence.as_deref().unwrap().contains("get_issue, list_commits"));

    let f = run1("auto-approve", allow(r#"["get_issue", "push_files"]"#));
    assert_eq!(severities(&f), vec![Severity::High], "{f:#?}");
    assert!(f[0].message.contains("push_files"));

    let f = run1("auto-approve", allow(r#"["*"]"#));
    assert_eq!(severities(&f), vec![Severity::Critical], "{f:#?}");

    assert!(run1("auto-approve", allow("[]")).is_empty());
}

#[test]
fn gemini_trust() {
    let trusted = r#"{"mcpServers": {"s": {"command": "x", "trust": true}}}"#;
    let f = run1("auto-approve", desktop(trusted));
    assert_eq!(severities(&f), vec![Severity::High], "{f:#?}");
    let untrusted = r#"{"mcpServers": {"s": {"command": "x", "trust": false}}}"#;
    assert!(run1("auto-approve", desktop(untrusted)).is_empty());
}

#[test]
fn client_wide_settings() {
    let file = |key: &str, value: &str| {
        let mut f = desktop(r#"{"mcpServers": {}}"#);
        f.client = Client::ClaudeCode;
        f.path = PathBuf::from("/Users/you/.claude/settings.json");
        f.settings.push(ClientSetting {
            key: key.to_owned(),
            value: value.to_owned(),
            pos: Pos::new(3, 5),
        });
        f
    };
    for (k, v) in [
        ("enableAllProjectMcpServers", "true"),
        ("approval_policy", "never"),
        ("sandbox_mode", "danger-full-access"),
        ("profiles.fast.approval_policy", "never"),
    ] {
        let f = run1("auto-approve", file(k, v));
        assert_eq!(severities(&f), vec![Severity::High], "{k}: {f:#?}");
        assert_eq!(f[0].line, Some(3));
        assert!(f[0].server.is_none());
    }
    for (k, v) in [
        ("enableAllProjectMcpServers", "false"),
        ("approval_policy", "on-request"),
        ("sandbox_mode", "workspace-write"),
    ] {
        assert!(run1("auto-approve", file(k, v)).is_empty(), "{k}");
    }
}

#[test]
fn parsed_codex_and_claude_code_settings_when_available() {
    // The extractors for these clients are written alongside; when they record
    // the settings, the rule must see them. Until then this checks nothing.
    let codex = "approval_policy = \"never\"\nsandbox_mode = \"danger-full-access\"\n";
    if let Ok(node) = parse_str(Format::Toml, codex) {
        let x = clients::extract(
            Client::Codex,
            Scope::User,
            Path::new("/Users/you/.codex/config.toml"),
            &node,
        );
        if !x.settings.is_empty() {
            let file = ConfigFile {
                path: PathBuf::from("/Users/you/.codex/config.toml"),
                client: Client::Codex,
                scope: Scope::User,
                format: Format::Toml,
                servers: x.servers,
                settings: x.settings,
                problems: x.problems,
            };
            let f = run1("auto-approve", file);
            assert_eq!(severities(&f), vec![Severity::High, Severity::High], "{f:#?}");
        }
    }
}

// ---------------------------------------------------------------- hostile input

#[test]
fn hostile_values_do_not_panic() {
    let weird = [
        "",
        "~",
        "$",
        "${",
        "${}",
        "%",
        "%%",
        "C:",
        "C:\\",
        "\\\\",
        "://",
        "http://[",
        "http://@@@",
        "ws://é/ü?ß=%zz",
        "-v",
        "--mount",
        "--token=",
        "=",
        "a:b:c",
        "/\u{1}/x",
        "🦀://🦀@🦀:🦀/🦀?🦀=🦀",
        "type=bind,src",
    ];
    let mut long = "A".repeat(100_000);
    long.push_str("ghp_");
    for w in weird.iter().copied().chain([long.as_str()]) {
        let args = serde_json::to_string(&[
            "run",
            "-v",
            w,
            "--mount",
            w,
            w,
            "@modelcontextprotocol/server-filesystem",
            w,
        ])
        .unwrap();
        let w_json = serde_json::to_string(w).unwrap();
        let json = format!(
            r#"{{"mcpServers": {{
                "a": {{"command": "docker", "args": {args}, "env": {{"TOKEN": {w_json}}}, "alwaysAllow": [{w_json}]}},
                "b": {{"command": {w_json}, "args": {args}}},
                "c": {{"url": {w_json}, "headers": {{"Authorization": {w_json}}}}}
            }}}}"#
        );
        let file = desktop(&json);
        for rule in mcpward_analyze::rules::all() {
            run(rule.meta().id, std::slice::from_ref(&file), Path::new(HOME));
        }
    }
}
