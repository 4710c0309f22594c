//! `MW-SEC-001` hardcoded-secret: a literal credential written in a server entry
//! (env, arguments, headers, URL) instead of a reference to where it is kept.
//!
//! [`literal_secrets`] is the one place that knows how to find those values; the
//! secret-in-git and config-permissions rules and the checklist reuse it.

use crate::finding::{Category, ChecklistItem, Severity};
use crate::rule::{Context, FindingBuilder, Rule, RuleMeta};
use crate::url::{percent_decode, query_pairs, Url};
use crate::Finding;
use mcpward_config::vars::literal_parts;
use mcpward_config::{Client, Pos, Scope, ServerEntry, Text, Transport};
use mcpward_detect::secrets::{self, Confidence, FingerprintKey, SecretMatch};
use std::collections::{HashMap, HashSet};

pub struct HardcodedSecret;

static META: RuleMeta = RuleMeta {
    id: "MW-SEC-001",
    name: "hardcoded-secret",
    category: Category::HardcodedSecret,
    severity: Severity::High,
    summary: "A literal credential in a server's env, arguments, headers or URL",
    checklist: Some(ChecklistItem::TokenViaReference),
    doc: r#"## What it finds
A credential written as a literal value in a server entry:
- `env` values, checked by name (`GITHUB_TOKEN`, `API_KEY`…) and by known token formats;
- arguments, including `--token=VALUE`, `--api-key VALUE`, `NAME=VALUE` (`docker -e`) and
  `Header: value` forms;
- HTTP `headers` (`Authorization: Bearer …`, `X-API-Key`);
- the server URL: known formats anywhere in it, the password of `user:password@`, and
  query parameters by name (`?api_key=`).

References are not secrets: `${GITHUB_TOKEN}`, `${env:TOKEN}`, `${input:pat}`,
`${{ secrets.X }}`, `{env:X}` are removed before scanning. The default of
`${TOKEN:-ghp_…}` *is* a literal and is scanned. Placeholders (`github_pat_...`,
`<your-token>`, `YOUR_API_KEY`) are not flagged.

Severity: critical for a known token format in a project-scope file (`.mcp.json`,
`.vscode/mcp.json`…, which are made to be committed), high for a known format elsewhere,
medium for a high-entropy value under a secret-like name with no known format.

## Why it matters
The seed's checklist: "Token reference is via env / inputs / VAR — not hardcoded". And
"Never hardcode a token in a config file that lives in Git." A literal token is read by
every tool that reads the file, copied into backups and dotfile repos, and is one
`git add .` away from being public. The evidence shown is always redacted
(`ghp_…a1b2 (github-pat, fp:3f9c1e)`).

## Example
```json
{ "mcpServers": { "github": {
    "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
    "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_…" } } } }
```

## Fix
Replace the value with a reference the client expands: `${VAR}` (Claude Code, Gemini
CLI), `${env:VAR}` (Cursor, VS Code, Windsurf), a VS Code `inputs` entry with
`"password": true` used as `${input:id}`, `${{ secrets.VAR }}` (Continue), `{env:VAR}`
(opencode), `env_vars = ["VAR"]` / `bearer_token_env_var` (Codex). Claude Desktop
expands nothing: keep its config out of git and dotfile repos and inject the value at
launch with a secrets manager (1Password CLI, Vault) or `mcpward wrap`. Then rotate the
credential: it has been on disk. A classic GitHub token (`ghp_`) should be re-issued as a
fine-grained token limited to the repositories and permissions the server needs."#,
};

/// Where in an entry a literal secret sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    Env,
    Arg,
    Header,
    Url,
    Command,
}

/// One literal secret in one server entry. Holds no raw value: only its
/// redacted description and keyed fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiteralSecret {
    /// Position of the value that holds it.
    pub pos: Pos,
    pub place: Place,
    /// For people: `env GITHUB_TOKEN`, `argument --api-key`, `header Authorization`, `URL query api_key`.
    pub location: String,
    /// For fingerprints: `env:GITHUB_TOKEN`, `arg:--api-key`, `header:Authorization`, `url:query:api_key`.
    pub identity: String,
    /// The variable or header name when there is one (used in fix text).
    pub name: Option<String>,
    pub kind: &'static str,
    pub provider: &'static str,
    pub confidence: Confidence,
    /// `ghp_…a1b2 (github-pat, fp:3f9c1e)`.
    pub described: String,
    /// Full keyed fingerprint (hex), to recognise the same secret elsewhere.
    pub fingerprint: String,
}

/// Every literal secret of `entry`, in file order. References are stripped first
/// (their `:-default` kept), placeholders are not secrets.
pub fn literal_secrets(entry: &ServerEntry, key: &FingerprintKey) -> Vec<LiteralSecret> {
    let mut c = Collector {
        key,
        out: Vec::new(),
        seen: HashSet::new(),
        counts: HashMap::new(),
    };
    match &entry.transport {
        Transport::Stdio { command, args, env, .. } => {
            if let Some(cmd) = command {
                let lit = literal_parts(&cmd.value);
                c.add(
                    Place::Command,
                    "command",
                    "command",
                    None,
                    cmd.pos,
                    &lit,
                    secrets::scan_text(&lit),
                );
            }
            c.args(args);
            for (name, value) in env {
                let lit = literal_parts(&value.value);
                let found = secrets::scan_named_value(&name.value, &lit);
                c.add(
                    Place::Env,
                    &format!("env {}", name.value),
                    &format!("env:{}", name.value),
                    Some(&name.value),
                    value.pos,
                    &lit,
                    found,
                );
            }
        }
        Transport::Http { url, headers, .. } => {
            c.url(url);
            for (name, value) in headers {
                let lit = literal_parts(&value.value);
                let found = secrets::scan_named_value(&name.value, &lit);
                c.add(
                    Place::Header,
                    &format!("header {}", name.value),
                    &format!("header:{}", name.value),
                    Some(&name.value),
                    value.pos,
                    &lit,
                    found,
                );
            }
        }
        Transport::Unknown => {}
    }
    c.out
}

struct Collector<'k> {
    key: &'k FingerprintKey,
    out: Vec<LiteralSecret>,
    /// (position, fingerprint): the same secret found twice in one value
    /// (by format and by name) is reported once.
    seen: HashSet<(Pos, String)>,
    counts: HashMap<String, usize>,
}

impl Collector<'_> {
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        place: Place,
        location: &str,
        identity: &str,
        name: Option<&str>,
        pos: Pos,
        haystack: &str,
        found: Vec<SecretMatch>,
    ) {
        for m in found {
            let Some(raw) = haystack.get(m.start..m.end) else {
                continue;
            };
            let fingerprint = secrets::fingerprint(self.key, raw);
            if !self.seen.insert((pos, fingerprint.clone())) {
                continue;
            }
            // A second secret at the same location gets its own identity.
            let n = self.counts.entry(identity.to_owned()).or_insert(0);
            *n += 1;
            let identity = if *n == 1 {
                identity.to_owned()
            } else {
                format!("{identity}#{n}")
            };
            self.out.push(LiteralSecret {
                pos,
                place,
                location: location.to_owned(),
                identity,
                name: name.map(str::to_owned),
                kind: m.kind,
                provider: m.provider,
                confidence: m.confidence,
                described: secrets::describe(self.key, raw, m.kind),
                fingerprint,
            });
        }
    }

    fn args(&mut self, args: &[Text]) {
        // The name of a `--api-key` flag whose value is the next argument.
        let mut pending: Option<String> = None;
        for (i, arg) in args.iter().enumerate() {
            let lit = literal_parts(&arg.value);
            let flag_for_this = pending.take();
            if let Some((name, value, shown)) = named_arg(&lit) {
                let found = secrets::scan_named_value(name, value);
                // `value` is a sub-slice of `lit` (named_arg only trims and splits it).
                let off = value.as_ptr() as usize - lit.as_ptr() as usize;
                let found = shift(found, off);
                self.add(
                    Place::Arg,
                    &format!("argument {shown}"),
                    &format!("arg:{shown}"),
                    Some(name),
                    arg.pos,
                    &lit,
                    found,
                );
            } else if let Some(flag) = flag_for_this.filter(|_| !lit.trim_start().starts_with('-')) {
                let found = secrets::scan_named_value(&flag, &lit);
                self.add(
                    Place::Arg,
                    &format!("argument after --{flag}"),
                    &format!("arg:--{flag}"),
                    Some(&flag),
                    arg.pos,
                    &lit,
                    found,
                );
            } else {
                let found = secrets::scan_text(&lit);
                self.add(
                    Place::Arg,
                    &format!("argument {}", i + 1),
                    &format!("arg:{}", i + 1),
                    None,
                    arg.pos,
                    &lit,
                    found,
                );
            }
            if let Some(flag) = lit.trim().strip_prefix("--").or_else(|| lit.trim().strip_prefix('-')) {
                if !flag.is_empty() && !flag.contains('=') && is_name(flag, b"-_") {
                    pending = Some(flag.to_owned());
                }
            }
        }
    }

    fn url(&mut self, url: &Text) {
        let lit = literal_parts(&url.value);
        if let Some(parts) = Url::parse(lit.trim()) {
            if let Some(userinfo) = parts.userinfo() {
                // `user:password@` or a bare token before `@`.
                let (name, value) = match userinfo.split_once(':') {
                    Some((_, pw)) => ("password", pw),
                    None => ("token", userinfo),
                };
                let decoded = percent_decode(value);
                let found = secrets::scan_named_value(name, &decoded);
                self.add(
                    Place::Url,
                    "URL credentials",
                    "url:userinfo",
                    Some(name),
                    url.pos,
                    &decoded,
                    found,
                );
            }
            if let Some(q) = parts.query() {
                for (name, value) in query_pairs(q) {
                    let found = secrets::scan_named_value(&name, &value);
                    self.add(
                        Place::Url,
                        &format!("URL query {name}"),
                        &format!("url:query:{name}"),
                        Some(&name),
                        url.pos,
                        &value,
                        found,
                    );
                }
            }
        }
        let found = secrets::scan_text(&lit);
        self.add(Place::Url, "URL", "url", None, url.pos, &lit, found);
    }
}

/// Moves match ranges found in a sub-slice to offsets of the whole string.
fn shift(found: Vec<SecretMatch>, off: usize) -> Vec<SecretMatch> {
    found
        .into_iter()
        .map(|mut m| {
            m.start += off;
            m.end += off;
            m
        })
        .collect()
}

/// `--token=VALUE`, `NAME=VALUE` and `Header: value` arguments: (name, value, how to show it).
fn named_arg(arg: &str) -> Option<(&str, &str, String)> {
    let t = arg.trim();
    if let Some(flag) = t.strip_prefix("--").or_else(|| t.strip_prefix('-')) {
        let (name, value) = flag.split_once('=')?;
        return (is_name(name, b"-_.") && !value.is_empty()).then(|| (name, value, format!("--{name}")));
    }
    if let Some((name, value)) = t.split_once('=') {
        if is_name(name, b"_") && !name.as_bytes()[0].is_ascii_digit() && !value.is_empty() {
            return Some((name, value, name.to_owned()));
        }
    }
    if let Some((name, value)) = t.split_once(':') {
        // `Authorization: Bearer …` as given to bridges such as mcp-remote; not
        // `https://…` and not a Windows drive (`C:\…`).
        let value = value.trim_start();
        if name.len() > 1 && is_name(name, b"-_") && !value.starts_with("//") && !value.is_empty() {
            return Some((name, value, format!("{name}:")));
        }
    }
    None
}

fn is_name(s: &str, extra: &[u8]) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || extra.contains(&b))
}

impl Rule for HardcodedSecret {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for entry in cx.servers() {
            for s in literal_secrets(entry, cx.key) {
                let severity = match (s.confidence, entry.scope) {
                    (Confidence::High, Scope::Project) => Severity::Critical,
                    (Confidence::High, _) => Severity::High,
                    (Confidence::Medium, _) => Severity::Medium,
                    (Confidence::Low, _) => Severity::Low,
                };
                let what = match s.confidence {
                    Confidence::High => format!("{} {} credential ({})", article(s.provider), s.provider, s.kind),
                    Confidence::Medium | Confidence::Low => "a value that looks like a credential".to_owned(),
                };
                let mut message = format!(
                    "{} of server \"{}\" holds {what} written literally",
                    s.location, entry.name
                );
                if entry.scope == Scope::Project {
                    message.push_str(", in a project file that is meant to be committed");
                }
                FindingBuilder::new(&META, message)
                    .server(entry)
                    .at(s.pos)
                    .severity(severity)
                    .evidence(format!("{}: {}", s.location, s.described))
                    .fix(fix_text(entry, &s))
                    .identity(s.identity.clone())
                    .push(cx, out);
            }
        }
    }
}

/// How to reference the value instead, in the syntax of the entry's client.
pub fn fix_text(entry: &ServerEntry, s: &LiteralSecret) -> String {
    let var = s
        .name
        .as_deref()
        .filter(|n| is_name(n, b"_") && s.place == Place::Env)
        .map(str::to_owned)
        .unwrap_or_else(|| default_var(entry, s));
    let mut fix = match s.place {
        Place::Arg | Place::Command => "Take the value off the command line (every local user can read arguments \
             with `ps`) and pass it in `env` instead. "
            .to_owned(),
        Place::Url => {
            "Take the credential out of the URL (URLs end up in logs) and send it in a header instead. ".to_owned()
        }
        Place::Env | Place::Header => String::new(),
    };
    // Arguments move to `env`, URL credentials to a header.
    let header = matches!(s.place, Place::Header | Place::Url);
    fix.push_str(&match entry.client {
        Client::ClaudeCode | Client::GeminiCli => {
            format!("Write `${{{var}}}` in place of the value and export {var} in the environment that starts the client.")
        }
        Client::Cursor | Client::Windsurf => format!(
            "Write `${{env:{var}}}` in place of the value and export {var} in the environment that starts the client."
        ),
        Client::VsCode => format!(
            "Declare an input (`\"inputs\": [{{\"type\": \"promptString\", \"id\": \"{id}\", \"password\": true}}]`) and \
             write `${{input:{id}}}`, which VS Code keeps in the OS keychain; or write `${{env:{var}}}`.",
            id = var.to_ascii_lowercase().replace('_', "-")
        ),
        Client::Continue => {
            format!("Write `${{{{ secrets.{var} }}}}` and keep the value in Continue's secret store.")
        }
        Client::Opencode => {
            format!("Write `{{env:{var}}}` and export {var} in the environment that starts opencode.")
        }
        Client::Codex if header => format!(
            "Use `bearer_token_env_var = \"{var}\"` (or `env_http_headers`) and export {var} where Codex starts."
        ),
        Client::Codex => format!(
            "Export {var} where Codex starts and forward it with `env_vars = [\"{var}\"]` instead of a value in `env`."
        ),
        Client::ClaudeDesktop => "Claude Desktop expands no variables: keep claude_desktop_config.json out of git \
             and dotfile repos, and inject the value at launch with a secrets manager (1Password CLI `op run`, \
             Vault) or `mcpward wrap`, which supplies it from the OS keyring."
            .to_owned(),
        _ => format!(
            "Reference {var} from the environment if the client expands variables; otherwise inject it at launch \
             with a secrets manager or `mcpward wrap`."
        ),
    });
    fix.push_str(" Then rotate the credential: it has been on disk");
    if entry.scope == Scope::Project {
        fix.push_str(" and probably in git history");
    }
    fix.push('.');
    if s.kind == "github-pat" {
        fix.push_str(
            " This is a classic GitHub token: re-issue it as a fine-grained token limited to the repositories and \
             permissions this server needs (never widen or edit the old one) — checklist: Token scoped to least \
             privilege.",
        );
    }
    fix
}

/// A variable name to suggest when the secret has none (a header, an argument).
fn default_var(entry: &ServerEntry, s: &LiteralSecret) -> String {
    let base: String = entry
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    let base = base.trim_matches('_');
    let base = if base.is_empty() { "SERVER" } else { base };
    match s.kind {
        k if k.contains("api-key") => format!("{base}_API_KEY"),
        _ => format!("{base}_TOKEN"),
    }
}

/// "a" or "an", for provider names in messages ("an Anthropic credential").
fn article(word: &str) -> &'static str {
    match word.chars().next().map(|c| c.to_ascii_lowercase()) {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_args() {
        assert_eq!(named_arg("--token=abc").map(|(n, v, _)| (n, v)), Some(("token", "abc")));
        assert_eq!(
            named_arg("API_KEY=abc").map(|(n, v, _)| (n, v)),
            Some(("API_KEY", "abc"))
        );
        assert_eq!(
            named_arg("Authorization: Bearer x").map(|(n, v, _)| (n, v)),
            Some(("Authorization", "Bearer x"))
        );
        assert!(named_arg("https://x").is_none());
        assert!(named_arg("C:\\Users").is_none());
        assert!(named_arg("--flag").is_none());
        assert!(named_arg("=x").is_none());
        assert!(named_arg("1A=x").is_none());
    }
}
