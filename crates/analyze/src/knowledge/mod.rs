//! What mcpward knows about well-known MCP servers and their publishers, offline.
//!
//! Two tables, both plain data reviewed by hand:
//!
//! - [`servers::SERVERS`]: well-known servers by npm name, PyPI name, container
//!   image, binary name and remote host — display name, publisher trust,
//!   capabilities (filesystem, exec/shell, internet-reading, credentialed write,
//!   database write, private data, browser automation) and the server's
//!   read-only switch when it has one. Every read-only switch listed was checked
//!   against the server's own documentation or repository (the `source` field
//!   says where); servers whose switch could not be verified have none here.
//! - [`publishers`]: trusted npm scopes, PyPI names and prefixes, and container
//!   image namespaces, used for packages that are not in the server table.
//!
//! Trusted npm scopes (npm enforces scope ownership, so a scope is a publisher):
//! `@modelcontextprotocol` (the MCP project's reference servers),
//! `@anthropic-ai` (Anthropic), and vendors publishing their own service's
//! server: `@supabase`, `@cloudflare`, `@stripe`, `@github`, `@notionhq`,
//! `@sentry`, `@browserbasehq`, `@upstash`, `@playwright` (Microsoft),
//! `@azure` (Microsoft), `@microsoft`, `@brave`, `@neondatabase`, `@paypal`,
//! `@heroku`, `@e2b`.
//!
//! Trusted PyPI names: the MCP project's reference servers by exact name
//! (`mcp-server-fetch`, `mcp-server-git`, `mcp-server-time`, `mcp-server-sqlite`,
//! `mcp-server-sentry`); the `mcp-server-*` pattern itself is NOT trusted,
//! anyone can register such a name. Prefix `awslabs.` (AWS Labs); PyPI does not
//! reserve prefixes, so a look-alike is possible — `mcpward vet` checks the
//! actual publisher.
//!
//! Trusted image namespaces: `mcp/` on Docker Hub (Docker's MCP catalog),
//! `ghcr.io/github/`, `mcr.microsoft.com/`, `grafana/`, `mongodb/`, `hashicorp/`.
//!
//! Adding a server: one [`KnownServer`] entry in `servers.rs`. Adding a
//! read-only switch: verify it in the server's docs first, write the URL in
//! `source`, and list it in the `MW-RO-001` rule doc (a test checks both).

pub mod publishers;
pub mod servers;

use crate::launch::{Ecosystem, LaunchSpec, Package, Runner};
use crate::url::{host_lowercase, Url};
use mcpward_config::ServerEntry;

/// How much the publisher of a server is trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PublisherTrust {
    /// Not in any list: an unverified community package.
    Unknown,
    /// A known community project (listed so its capabilities are known), not the
    /// underlying service's own.
    Community,
    /// The underlying service's own organisation (GitHub, Stripe, Supabase…).
    Vendor,
    /// The MCP project's reference servers, or Anthropic's.
    Reference,
}

impl PublisherTrust {
    pub fn as_str(self) -> &'static str {
        match self {
            PublisherTrust::Unknown => "unverified",
            PublisherTrust::Community => "community",
            PublisherTrust::Vendor => "vendor-official",
            PublisherTrust::Reference => "official reference",
        }
    }

    /// The seed's first checklist item: "the underlying service OR a known/trusted org".
    pub fn is_trusted(self) -> bool {
        matches!(self, PublisherTrust::Vendor | PublisherTrust::Reference)
    }
}

/// What a server can do. A server has several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Capability {
    /// Reads local files.
    FilesystemRead,
    /// Writes, moves or deletes local files.
    FilesystemWrite,
    /// Runs shell commands or arbitrary code.
    Exec,
    /// Brings content from the open internet into the model (fetch, search,
    /// scraping): an untrusted content source, where prompt injection comes from.
    InternetRead,
    /// Acts with the user's credentials on a service: posts, sends, pays, pushes,
    /// creates tickets.
    CredentialedWrite,
    /// Changes data in a database.
    DatabaseWrite,
    /// Reads data that is the user's (mail, documents, repositories, databases).
    PrivateData,
    /// Drives a web browser.
    Browser,
}

impl Capability {
    pub fn as_str(self) -> &'static str {
        match self {
            Capability::FilesystemRead => "filesystem read",
            Capability::FilesystemWrite => "filesystem write",
            Capability::Exec => "command execution",
            Capability::InternetRead => "internet reading",
            Capability::CredentialedWrite => "credentialed write",
            Capability::DatabaseWrite => "database write",
            Capability::PrivateData => "private data",
            Capability::Browser => "browser automation",
        }
    }
}

/// A documented switch that makes a server read-only, or that makes a
/// read-only-by-default server writable.
#[derive(Debug, Clone, Copy)]
pub struct ReadOnlySwitch {
    /// Arguments that turn read-only on. `--read-only` also matches
    /// `--read-only=true`; `--access-mode=restricted` also matches the two words
    /// `--access-mode restricted`.
    pub args: &'static [&'static str],
    /// Environment variables that turn it on when set to a true value.
    pub env: &'static [&'static str],
    /// Remote servers: a URL path segment that selects read-only (`/readonly`).
    pub url_segment: Option<&'static str>,
    /// Remote servers: a query parameter `key=value` that selects read-only.
    pub url_query: Option<(&'static str, &'static str)>,
    /// Remote servers: headers that turn it on when set to a true value.
    pub headers: &'static [&'static str],
    /// The server is read-only unless one of `write_args` / `write_env` is given.
    pub default_read_only: bool,
    pub write_args: &'static [&'static str],
    pub write_env: &'static [&'static str],
    /// How to switch it on, for the finding's fix.
    pub how: &'static str,
    /// Where the switch is documented (checked when the entry was written).
    pub source: &'static str,
}

impl ReadOnlySwitch {
    pub const NONE: ReadOnlySwitch = ReadOnlySwitch {
        args: &[],
        env: &[],
        url_segment: None,
        url_query: None,
        headers: &[],
        default_read_only: false,
        write_args: &[],
        write_env: &[],
        how: "",
        source: "",
    };
}

/// One well-known server.
#[derive(Debug)]
pub struct KnownServer {
    /// Stable key, e.g. `github`, `filesystem`.
    pub id: &'static str,
    pub display: &'static str,
    pub publisher: PublisherTrust,
    pub npm: &'static [&'static str],
    /// PyPI names as published (compared normalised: case, `_`, `.` and `-` alike).
    pub pypi: &'static [&'static str],
    /// Image names without tag, Docker Hub ones without `docker.io/`.
    pub docker: &'static [&'static str],
    /// Executable names when installed as a binary (`github-mcp-server`, `mcp-grafana`).
    pub binaries: &'static [&'static str],
    /// Remote hosts. `api.githubcopilot.com` matches that host; `.mcp.cloudflare.com`
    /// (leading dot) matches any host under it.
    pub remote: &'static [&'static str],
    pub caps: &'static [Capability],
    pub read_only: Option<ReadOnlySwitch>,
    /// A least-privilege step other than a switch (e.g. a restricted API key).
    pub note: &'static str,
}

impl KnownServer {
    pub fn has(&self, cap: Capability) -> bool {
        self.caps.contains(&cap)
    }
}

/// Local bridges that connect a stdio client to a remote server given as an
/// argument: `npx mcp-remote https://…`, `uvx mcp-proxy https://…`.
pub const BRIDGES: &[(Ecosystem, &str)] = &[(Ecosystem::Npm, "mcp-remote"), (Ecosystem::Pypi, "mcp-proxy")];

/// The remote URL a server talks to: its own URL, or the target of a bridge.
pub fn target_url(spec: &LaunchSpec) -> Option<&str> {
    if let Some(url) = &spec.url {
        return Some(url);
    }
    let pkg = spec.package.as_ref()?;
    let bridge = BRIDGES
        .iter()
        .any(|(eco, name)| *eco == pkg.ecosystem && normalize_pypi(&pkg.name) == normalize_pypi(name));
    if !bridge {
        return None;
    }
    spec.server_args
        .iter()
        .find(|a| a.starts_with("https://") || a.starts_with("http://"))
        .map(String::as_str)
}

/// The server `entry` runs, when it is a known one. A bridge to a known remote
/// server is that server.
pub fn identify(entry: &ServerEntry, spec: &LaunchSpec) -> Option<&'static KnownServer> {
    let _ = entry;
    if let Some(url) = target_url(spec) {
        if let Some(known) = by_url(url) {
            return Some(known);
        }
        if spec.url.is_some() {
            return None;
        }
    }
    let pkg = spec.package.as_ref()?;
    by_package(pkg, spec.runner)
}

/// Whether a server runs with its read-only switch on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnlyState {
    /// On; the string says how it was seen (`--read-only`, `GITHUB_READ_ONLY=1`, default).
    On(String),
    /// The switch exists and is not used.
    Off,
    /// Read-only by default, turned off by the given argument or variable.
    WriteEnabled(String),
}

/// Reads the state of `sw` for `entry` from its arguments, environment
/// (the entry's `env` and `docker -e` / `env` prefixes), URL and headers.
pub fn read_only_state(entry: &ServerEntry, spec: &LaunchSpec, sw: &ReadOnlySwitch) -> ReadOnlyState {
    let args = &spec.server_args;
    if sw.default_read_only {
        if let Some(a) = sw.write_args.iter().find(|a| arg_present(args, a)) {
            return ReadOnlyState::WriteEnabled((*a).to_owned());
        }
        if let Some(e) = sw.write_env.iter().find(|e| env_truthy(entry, spec, e)) {
            return ReadOnlyState::WriteEnabled(format!("{e}=true"));
        }
        return ReadOnlyState::On("read-only by default".to_owned());
    }
    if let Some(a) = sw.args.iter().find(|a| arg_present(args, a)) {
        return ReadOnlyState::On((*a).to_owned());
    }
    if let Some(e) = sw.env.iter().find(|e| env_truthy(entry, spec, e)) {
        return ReadOnlyState::On(format!("{e} set"));
    }
    if let Some(url) = target_url(spec) {
        let url = Url::split(url);
        if let Some(seg) = sw.url_segment {
            if url.path().split('/').any(|p| p.eq_ignore_ascii_case(seg)) {
                return ReadOnlyState::On(format!("/{seg} URL"));
            }
        }
        if let Some((k, v)) = sw.url_query {
            let on = url
                .query()
                .unwrap_or_default()
                .split('&')
                .any(|kv| match kv.split_once('=') {
                    Some((qk, qv)) => qk == k && qv.eq_ignore_ascii_case(v),
                    None => false,
                });
            if on {
                return ReadOnlyState::On(format!("{k}={v} in the URL"));
            }
        }
    }
    for h in sw.headers {
        let in_entry = entry
            .headers()
            .iter()
            .any(|(n, v)| n.value.eq_ignore_ascii_case(h) && truthy(&v.value));
        let in_args = bridge_headers(args).any(|(n, v)| n.eq_ignore_ascii_case(h) && truthy(v));
        if in_entry || in_args {
            return ReadOnlyState::On(format!("{h} header"));
        }
    }
    ReadOnlyState::Off
}

/// `--read-only` (also `--read-only=true`), or `--opt=value` (also `--opt value`).
fn arg_present(args: &[String], want: &str) -> bool {
    if let Some((name, value)) = want.split_once('=') {
        return args
            .iter()
            .enumerate()
            .any(|(i, a)| a == want || (a == name && args.get(i + 1).is_some_and(|n| n.eq_ignore_ascii_case(value))));
    }
    args.iter().any(|a| {
        a == want
            || a.strip_prefix(want)
                .and_then(|rest| rest.strip_prefix('='))
                .is_some_and(truthy)
    })
}

fn env_truthy(entry: &ServerEntry, spec: &LaunchSpec, name: &str) -> bool {
    let from_entry = || {
        entry
            .env()
            .iter()
            .rev()
            .find(|(k, _)| k.value == name)
            .map(|(_, v)| truthy(&v.value))
    };
    match spec.env_value(name) {
        Some(Some(v)) => truthy(v),
        // `docker -e NAME`: the value comes from the entry's environment.
        Some(None) => from_entry().unwrap_or(false),
        None => from_entry().unwrap_or(false),
    }
}

/// `--header "Name: value"` / `--header Name:value` arguments of a bridge.
fn bridge_headers(args: &[String]) -> impl Iterator<Item = (&str, &str)> {
    args.windows(2)
        .filter(|w| w[0] == "--header" || w[0] == "-H")
        .filter_map(|w| w[1].split_once(':'))
        .map(|(n, v)| (n.trim(), v.trim()))
}

/// Looks a package up in the server table.
pub fn by_package(pkg: &Package, runner: Runner) -> Option<&'static KnownServer> {
    let name = pkg.name.as_str();
    match pkg.ecosystem {
        Ecosystem::Npm => servers::SERVERS.iter().find(|s| s.npm.contains(&name)),
        Ecosystem::Pypi => {
            let n = normalize_pypi(name);
            servers::SERVERS
                .iter()
                .find(|s| s.pypi.iter().any(|p| normalize_pypi(p) == n))
        }
        Ecosystem::Docker => servers::SERVERS.iter().find(|s| s.docker.contains(&name)),
        Ecosystem::Deno => None,
        Ecosystem::Local => {
            // `python -m mcp_server_fetch`, an installed `mcp-server-fetch` or
            // `github-mcp-server` binary: the module or binary name names the package.
            let base = crate::launch::program_name(name);
            let base = base.strip_suffix(".py").unwrap_or(&base).to_owned();
            let n = normalize_pypi(&base);
            servers::SERVERS.iter().find(|s| {
                s.binaries.contains(&base.as_str())
                    || (matches!(runner, Runner::PythonModule | Runner::Binary)
                        && (s.pypi.iter().any(|p| normalize_pypi(p) == n) || s.npm.contains(&base.as_str())))
            })
        }
    }
}

/// Looks a remote URL up in the server table.
pub fn by_url(url: &str) -> Option<&'static KnownServer> {
    let host = host_lowercase(url)?;
    // Exact hosts first, so a specific entry wins over a `.suffix` one.
    servers::SERVERS
        .iter()
        .find(|s| s.remote.iter().any(|r| !r.starts_with('.') && *r == host))
        .or_else(|| {
            servers::SERVERS
                .iter()
                .find(|s| s.remote.iter().any(|r| r.starts_with('.') && host.ends_with(r)))
        })
}

/// PyPI name normalisation (PEP 503): case-insensitive, runs of `-_.` alike.
pub fn normalize_pypi(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut sep = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            sep = true;
        } else {
            if sep && !out.is_empty() {
                out.push('-');
            }
            sep = false;
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Whether a switch or header value means "on". A reference (`${VAR}`) counts as
/// on: its value is set elsewhere, and a static audit gives it the benefit of the doubt.
pub fn truthy(value: &str) -> bool {
    let v = value.trim().to_ascii_lowercase();
    !matches!(v.as_str(), "" | "false" | "f" | "no" | "n" | "0" | "off")
}

/// Publisher trust of a package, from the server table first, then the publisher lists.
pub fn publisher_of(pkg: &Package, runner: Runner) -> (PublisherTrust, Option<&'static KnownServer>) {
    if let Some(known) = by_package(pkg, runner) {
        return (known.publisher, Some(known));
    }
    (publishers::trust(pkg), None)
}

/// Capabilities guessed from a package name, for servers not in the table. Only
/// used where a guess is better than nothing (toxic flows, exec tools); every
/// finding built on a guess says so.
pub fn infer_caps(name: &str) -> Vec<Capability> {
    // The scope or registry is the publisher, not the server: `@executeautomation/…`
    // says nothing about execution.
    let last = name.rsplit('/').next().unwrap_or(name);
    let n = last.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| n.contains(w));
    let mut caps = Vec::new();
    if has(&[
        "shell",
        "terminal",
        "exec",
        "command",
        "code-runner",
        "coderunner",
        "run-code",
        "bash",
        "powershell",
    ]) {
        caps.push(Capability::Exec);
    }
    if has(&[
        "fetch",
        "scrap",
        "crawl",
        "search",
        "browser",
        "puppeteer",
        "playwright",
        "web",
    ]) {
        caps.push(Capability::InternetRead);
    }
    if has(&["browser", "puppeteer", "playwright", "selenium"]) {
        caps.push(Capability::Browser);
    }
    if has(&[
        "github",
        "gitlab",
        "slack",
        "gmail",
        "email",
        "mail",
        "stripe",
        "paypal",
        "notion",
        "linear",
        "jira",
        "atlassian",
        "discord",
        "telegram",
        "twitter",
        "whatsapp",
        "hubspot",
        "salesforce",
        "shopify",
    ]) {
        caps.push(Capability::CredentialedWrite);
    }
    if has(&[
        "postgres", "mysql", "sqlite", "mongo", "redis", "database", "-db", "supabase", "sql",
    ]) {
        caps.push(Capability::DatabaseWrite);
    }
    caps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::launch::launch_spec_from_words;

    fn known(words: &[&str]) -> Option<&'static str> {
        let spec = launch_spec_from_words(words);
        let pkg = spec.package.as_ref()?;
        by_package(pkg, spec.runner).map(|k| k.id)
    }

    #[test]
    fn identifies_by_every_route() {
        assert_eq!(
            known(&["npx", "-y", "@modelcontextprotocol/server-filesystem", "/p"]),
            Some("filesystem")
        );
        assert_eq!(known(&["uvx", "mcp-server-fetch"]), Some("fetch"));
        assert_eq!(known(&["python", "-m", "mcp_server_fetch"]), Some("fetch"));
        assert_eq!(known(&["docker", "run", "-i", "--rm", "mcp/fetch"]), Some("fetch"));
        assert_eq!(
            known(&["docker", "run", "ghcr.io/github/github-mcp-server"]),
            Some("github")
        );
        assert_eq!(known(&["/usr/local/bin/github-mcp-server", "stdio"]), Some("github"));
        assert_eq!(known(&["uvx", "MCP_Atlassian"]), Some("mcp-atlassian"));
        assert_eq!(known(&["npx", "-y", "left-pad-mcp"]), None);
        assert_eq!(
            by_url("https://api.githubcopilot.com/mcp/").map(|k| k.id),
            Some("github")
        );
        assert_eq!(
            by_url("https://docs.mcp.cloudflare.com/sse").map(|k| k.id),
            Some("cloudflare-docs")
        );
        assert_eq!(
            by_url("https://bindings.mcp.cloudflare.com/sse").map(|k| k.id),
            Some("cloudflare")
        );
        assert_eq!(by_url("https://evil.example/mcp.supabase.com").map(|k| k.id), None);
    }

    #[test]
    fn table_is_consistent() {
        let mut ids = std::collections::HashSet::new();
        for s in servers::SERVERS {
            assert!(ids.insert(s.id), "duplicate id {}", s.id);
            assert!(!s.display.is_empty());
            if let Some(ro) = &s.read_only {
                assert!(!ro.how.is_empty(), "{}: read-only switch without how", s.id);
                assert!(
                    ro.source.starts_with("https://"),
                    "{}: read-only switch without source",
                    s.id
                );
                let switches = ro.args.len()
                    + ro.env.len()
                    + ro.headers.len()
                    + usize::from(ro.url_segment.is_some())
                    + usize::from(ro.url_query.is_some())
                    + ro.write_args.len()
                    + ro.write_env.len();
                assert!(switches > 0 || ro.default_read_only, "{}: empty switch", s.id);
            }
            for r in s.remote {
                assert_eq!(*r, r.to_ascii_lowercase());
            }
        }
    }

    #[test]
    fn helpers() {
        assert_eq!(normalize_pypi("AWSLabs.EKS_mcp--server"), "awslabs-eks-mcp-server");
        assert!(truthy("1") && truthy("TRUE") && truthy("${X}"));
        assert!(!truthy("false") && !truthy(" 0 ") && !truthy("off"));
        assert!(infer_caps("mcp-shell-server").contains(&Capability::Exec));
        assert!(infer_caps("puppeteer-mcp").contains(&Capability::InternetRead));
        assert!(infer_caps("calculator-mcp").is_empty());
    }
}
