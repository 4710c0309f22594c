//! Reporters: one [`Report`] (findings, the servers they were found in, errors)
//! rendered as a terminal table, JSON, SARIF 2.1.0 or Markdown.
//!
//! Every renderer returns a `String`; the CLI decides where it goes. Everything
//! that reaches a report from a configuration file is hostile: secrets are
//! redacted when the [`ServerSummary`] is built (env values are never kept at
//! all), and the text renderers neutralise control and invisible characters so a
//! server name cannot repaint the terminal or hide text in a PR comment.

mod json;
mod markdown;
mod sarif;
mod table;

use crate::finding::{Finding, Severity};
use crate::rule::display_path;
use crate::secret_names::hides_value;
use crate::url::Url;
use mcpward_config::{Client, ConfigFile, Scope, ServerEntry, Transport};
use mcpward_detect::secrets;
use serde::{Serialize, Serializer};
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::str::FromStr;

pub use sarif::SARIF_SCHEMA;

/// The version of mcpward that wrote a report.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Everything one command reports. Build it with [`Report::new`], render it with [`render`].
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// mcpward's version.
    pub version: String,
    /// In the canonical order ([`crate::sort_findings`]); suppressed ones included.
    pub findings: Vec<Finding>,
    pub servers: Vec<ServerSummary>,
    /// Usage or runtime problems (a config that could not be parsed is a finding, not an error).
    pub errors: Vec<String>,
    /// The configuration files that were read, servers or not.
    pub files: Vec<PathBuf>,
    /// The home directory discovery used; kept so callers that only hold the
    /// report can still show paths as `~/…` (renderers take it from [`RenderOptions`]).
    pub home: PathBuf,
    /// `mcpward inspect`: how each server went and what it offered (empty for `audit`;
    /// the JSON report then has no `inspected` key).
    pub inspected: Vec<crate::inspect::InspectedServer>,
}

/// One configured server, as reports list it. Holds no secret: the command line
/// and URL are redacted, and of the environment and headers only names are kept.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServerSummary {
    #[serde(serialize_with = "ser_client")]
    pub client: Client,
    #[serde(serialize_with = "ser_scope")]
    pub scope: Scope,
    #[serde(serialize_with = "ser_path")]
    pub file: PathBuf,
    pub line: Option<u32>,
    pub name: String,
    /// `stdio`, `http`, `sse` or `unknown`.
    pub transport: &'static str,
    /// Command and arguments as one shell-quoted line, secrets redacted.
    pub command: Option<String>,
    /// Remote URL, with user info and secret-looking query values redacted.
    pub url: Option<String>,
    /// Names of the environment variables the client sets (never their values).
    pub env: Vec<String>,
    /// Names of the HTTP headers the client sends (never their values).
    pub headers: Vec<String>,
    pub disabled: bool,
    pub project: Option<String>,
}

impl ServerSummary {
    pub fn from_entry(entry: &ServerEntry) -> ServerSummary {
        let (command, url) = match &entry.transport {
            Transport::Stdio { .. } => {
                let parts = entry.command_line();
                (
                    if parts.is_empty() {
                        None
                    } else {
                        Some(redact_command(&parts))
                    },
                    None,
                )
            }
            Transport::Http { url, .. } => (None, Some(redact_url(url.as_str()))),
            Transport::Unknown => (None, None),
        };
        ServerSummary {
            client: entry.client,
            scope: entry.scope,
            file: entry.file.clone(),
            line: (entry.pos.line > 0).then_some(entry.pos.line),
            name: entry.name.clone(),
            transport: entry.transport.kind(),
            command,
            url,
            env: entry.env().iter().map(|(k, _)| k.value.clone()).collect(),
            headers: entry.headers().iter().map(|(k, _)| k.value.clone()).collect(),
            disabled: entry.disabled,
            project: entry.project.clone(),
        }
    }
}

impl Report {
    /// Gathers the servers of `files` and sorts `findings` into the canonical order.
    pub fn new(files: &[ConfigFile], mut findings: Vec<Finding>, errors: Vec<String>, home: &Path) -> Report {
        crate::sort_findings(&mut findings);
        Report {
            version: VERSION.to_owned(),
            findings,
            servers: files
                .iter()
                .flat_map(|f| f.servers.iter())
                .map(ServerSummary::from_entry)
                .collect(),
            errors,
            files: files.iter().map(|f| f.path.clone()).collect(),
            home: home.to_path_buf(),
            inspected: Vec::new(),
        }
    }

    /// Counts by severity (unsuppressed findings only), suppressed findings, servers, files.
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            servers: self.servers.len(),
            files: self.files.len(),
            ..Summary::default()
        };
        for f in &self.findings {
            if f.suppressed.is_some() {
                s.suppressed += 1;
                continue;
            }
            match f.severity {
                Severity::Critical => s.critical += 1,
                Severity::High => s.high += 1,
                Severity::Medium => s.medium += 1,
                Severity::Low => s.low += 1,
                Severity::Info => s.info += 1,
            }
        }
        s
    }
}

/// The `summary` object of the JSON report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub critical: usize,
    pub high: usize,
    pub medium: usize,
    pub low: usize,
    pub info: usize,
    /// Findings accepted on purpose (ignored, baselined or allowed); not in the counts above.
    pub suppressed: usize,
    pub servers: usize,
    pub files: usize,
}

impl Summary {
    pub fn count(&self, severity: Severity) -> usize {
        match severity {
            Severity::Critical => self.critical,
            Severity::High => self.high,
            Severity::Medium => self.medium,
            Severity::Low => self.low,
            Severity::Info => self.info,
        }
    }

    /// Unsuppressed findings.
    pub fn total(&self) -> usize {
        Severity::ALL.iter().map(|s| self.count(*s)).sum()
    }

    /// Unsuppressed findings at or above `fail_on`.
    pub fn at_or_above(&self, fail_on: Severity) -> usize {
        Severity::ALL
            .iter()
            .filter(|s| **s >= fail_on)
            .map(|s| self.count(*s))
            .sum()
    }
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    #[default]
    Table,
    Json,
    Sarif,
    Markdown,
}

impl OutputFormat {
    pub const ALL: [OutputFormat; 4] = [
        OutputFormat::Table,
        OutputFormat::Json,
        OutputFormat::Sarif,
        OutputFormat::Markdown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OutputFormat::Table => "table",
            OutputFormat::Json => "json",
            OutputFormat::Sarif => "sarif",
            OutputFormat::Markdown => "markdown",
        }
    }
}

impl std::fmt::Display for OutputFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An output format name that is not one of `table|json|sarif|markdown`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown output format {0:?} (expected table, json, sarif or markdown)")]
pub struct UnknownFormat(pub String);

impl FromStr for OutputFormat {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "table" | "text" => Ok(OutputFormat::Table),
            "json" => Ok(OutputFormat::Json),
            "sarif" => Ok(OutputFormat::Sarif),
            "markdown" | "md" => Ok(OutputFormat::Markdown),
            _ => Err(UnknownFormat(s.chars().take(40).collect())),
        }
    }
}

/// How to render. Build with [`RenderOptions::new`] and adjust fields.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions<'a> {
    /// ANSI colour in the table (the CLI decides: `NO_COLOR`, TTY).
    pub color: bool,
    /// Paths under it are shown as `~/…` (table, Markdown).
    pub home: &'a Path,
    /// The `--fail-on` threshold, for the summary hint.
    pub fail_on: Severity,
    /// SARIF: file URIs under this directory are written relative to it, with
    /// `uriBaseId` `%SRCROOT%` (what code scanning needs to place an alert in the
    /// repository). Other paths become absolute `file://` URIs.
    pub sarif_base: Option<PathBuf>,
    /// Table: wrap text at this many columns.
    pub width: usize,
}

impl<'a> RenderOptions<'a> {
    pub fn new(home: &'a Path) -> Self {
        RenderOptions {
            color: false,
            home,
            fail_on: Severity::High,
            sarif_base: None,
            width: 100,
        }
    }
}

/// Renders `report` in `format`. The text always ends with a newline.
pub fn render(report: &Report, format: OutputFormat, opts: &RenderOptions<'_>) -> String {
    match format {
        OutputFormat::Table => table::render(report, opts),
        OutputFormat::Json => json::render(report),
        OutputFormat::Sarif => sarif::render(report, opts),
        OutputFormat::Markdown => markdown::render(report, opts),
    }
}

// ---------------------------------------------------------------------------
// Redaction of what a server summary shows.

/// A command line as one shell-quoted string, with secrets in arguments redacted:
/// known token formats anywhere, and high-entropy values given as `--token=…`,
/// `--token …`, `API_KEY=…` or `Authorization: …`.
pub fn redact_command(parts: &[&str]) -> String {
    let mut out = Vec::with_capacity(parts.len());
    let mut prev: Option<&str> = None;
    for part in parts {
        let mut ranges: Vec<Range<usize>> = secrets::scan_text(part).into_iter().map(|m| m.start..m.end).collect();
        if let Some(at) = part.find(['=', ':']) {
            let name = part[..at].trim_start_matches('-');
            let value_start = at + 1;
            ranges.extend(named_value_ranges(name, &part[value_start..], value_start));
        }
        if let Some(flag) = prev.filter(|p| p.starts_with('-') && !p.contains('=')) {
            if !part.starts_with('-') {
                ranges.extend(named_value_ranges(flag.trim_start_matches('-'), part, 0));
            }
        }
        let redacted = replace_ranges(part, ranges);
        // A URL argument (a database URL, say) may carry a password in its user info.
        let redacted = if redacted.contains("://") {
            redact_url(&redacted)
        } else {
            redacted
        };
        out.push(shell_quote(&redacted));
        prev = Some(part);
    }
    out.join(" ")
}

/// A URL with user info, secret-looking query values and known-format secrets redacted.
pub fn redact_url(url: &str) -> String {
    let mut ranges: Vec<Range<usize>> = secrets::scan_text(url).into_iter().map(|m| m.start..m.end).collect();
    let parts = Url::split(url);
    if let (Some(userinfo), Some(span)) = (parts.userinfo(), parts.userinfo_span()) {
        // Keep a user name, hide the password; a lone user info may itself be a token.
        match userinfo.find(':') {
            Some(colon) => ranges.push(span.start + colon + 1..span.end),
            None => ranges.push(span),
        }
    }
    // A `?` inside the fragment (`#/x?token=…`) starts a query too: shown output
    // errs towards hiding.
    let query = parts.query_span().or_else(|| {
        let fragment = parts.fragment_span()?;
        let q = fragment.start + url.get(fragment)?.find('?')? + 1;
        Some(q..url[q..].find('#').map_or(url.len(), |i| q + i))
    });
    if let Some(q) = query {
        let mut start = q.start;
        for pair in url[q].split('&') {
            if let Some((name, value)) = pair.split_once('=') {
                ranges.extend(named_value_ranges(name, value, start + name.len() + 1));
            }
            start += pair.len() + 1;
        }
    }
    replace_ranges(url, ranges)
}

/// What to hide of `value`, written under `name`, as ranges shifted by `offset`.
/// Shown output errs towards hiding: under a secret-like name everything but a
/// pure reference is hidden, placeholders included.
fn named_value_ranges(name: &str, value: &str, offset: usize) -> Vec<Range<usize>> {
    if !value.is_empty() && hides_value(name) && !mcpward_config::vars::is_reference_only(value) {
        let whole = offset..offset + value.len();
        return vec![whole];
    }
    secrets::scan_named_value(name, value)
        .into_iter()
        .map(|m| offset + m.start..offset + m.end)
        .collect()
}

/// Replaces each (merged) range of `text` with `secrets::redact` of it.
fn replace_ranges(text: &str, mut ranges: Vec<Range<usize>>) -> String {
    ranges.retain(|r| r.start < r.end && r.end <= text.len());
    if ranges.is_empty() {
        return text.to_owned();
    }
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for r in merged {
        // Ranges come from regex matches and ASCII delimiters, so they sit on
        // char boundaries; `get` keeps a surprise from becoming a panic.
        let (Some(before), Some(secret)) = (text.get(pos..r.start), text.get(r.clone())) else {
            return "[redacted]".to_owned();
        };
        out.push_str(before);
        out.push_str(&secrets::redact(secret, "secret"));
        pos = r.end;
    }
    out.push_str(text.get(pos..).unwrap_or(""));
    out
}

fn shell_quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || "-_./:=@%+,~…^".contains(c) || (!c.is_ascii() && !c.is_control()));
    if plain {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

// ---------------------------------------------------------------------------
// Shared by the text renderers.

/// Makes hostile text safe to show: control characters (ANSI escapes, carriage
/// returns, newlines), bidirectional overrides and invisible characters are
/// shown as `\u{…}` escapes instead of acting on the terminal or the reader.
pub(crate) fn neutralize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c as u32,
            0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180E
            | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
            | 0xFEFF | 0xFFA0 | 0xFFF9..=0xFFFB | 0xE0000..=0xE007F)
}

/// `~/path:line` (or just the path when the line is unknown).
pub(crate) fn location(home: &Path, file: Option<&Path>, line: Option<u32>) -> Option<String> {
    let file = file?;
    let p = display_path(home, file);
    Some(match line {
        Some(l) if l > 0 => format!("{p}:{l}"),
        _ => p,
    })
}

/// " (1 critical, 2 high)": the unsuppressed findings by severity, or "" when there are none.
pub(crate) fn severity_counts(sum: &Summary) -> String {
    let counts: Vec<String> = Severity::ALL
        .iter()
        .filter(|s| sum.count(**s) > 0)
        .map(|s| format!("{} {}", sum.count(*s), s.as_str()))
        .collect();
    if counts.is_empty() {
        String::new()
    } else {
        format!(" ({})", counts.join(", "))
    }
}

/// "1 finding" / "2 findings".
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// One heading of the table and Markdown reports: the findings about one server
/// of one client, or about one file as a whole.
pub(crate) struct Section<'r> {
    pub client: Option<Client>,
    /// `None` for file-level findings.
    pub server: Option<&'r str>,
    pub file: Option<&'r Path>,
    pub summary: Option<&'r ServerSummary>,
    pub findings: Vec<&'r Finding>,
}

impl Section<'_> {
    fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

/// Groups the unsuppressed findings by client, then server (or file), worst
/// section first; servers without findings come last in their client.
pub(crate) fn sections(report: &Report) -> Vec<Section<'_>> {
    type Key<'k> = (Option<Client>, Option<&'k str>, Option<&'k Path>);
    // Indexed, so that a config with thousands of servers stays linear.
    let servers: HashMap<Key<'_>, &ServerSummary> = report
        .servers
        .iter()
        .map(|s| ((Some(s.client), Some(s.name.as_str()), Some(s.file.as_path())), s))
        .collect();
    let mut index: HashMap<Key<'_>, usize> = HashMap::new();
    let mut out: Vec<Section<'_>> = Vec::new();
    for f in report.findings.iter().filter(|f| f.suppressed.is_none()) {
        let key = (f.client, f.server.as_deref(), f.file.as_deref());
        match index.get(&key) {
            Some(&i) => out[i].findings.push(f),
            None => {
                index.insert(key, out.len());
                out.push(Section {
                    client: key.0,
                    server: key.1,
                    file: key.2,
                    summary: key.1.and_then(|_| servers.get(&key).copied()),
                    findings: vec![f],
                });
            }
        }
    }
    for s in &report.servers {
        let key = (Some(s.client), Some(s.name.as_str()), Some(s.file.as_path()));
        if let std::collections::hash_map::Entry::Vacant(e) = index.entry(key) {
            e.insert(out.len());
            out.push(Section {
                client: key.0,
                server: key.1,
                file: key.2,
                summary: Some(s),
                findings: Vec::new(),
            });
        }
    }
    // Clients in a fixed order, findings-less clients and "no client" last.
    out.sort_by(|a, b| {
        (a.client.is_none(), a.client)
            .cmp(&(b.client.is_none(), b.client))
            .then_with(|| a.findings.is_empty().cmp(&b.findings.is_empty()))
            .then_with(|| b.worst().cmp(&a.worst()))
            .then_with(|| a.server.is_some().cmp(&b.server.is_some()))
            .then_with(|| a.server.cmp(&b.server))
            .then_with(|| a.file.cmp(&b.file))
    });
    out
}

/// Suppressed findings, in report order.
pub(crate) fn suppressed(report: &Report) -> impl Iterator<Item = &Finding> {
    report.findings.iter().filter(|f| f.suppressed.is_some())
}

/// "baseline (mcpward-baseline.json): reason".
pub(crate) fn suppression_text(f: &Finding) -> String {
    let Some(s) = &f.suppressed else {
        return String::new();
    };
    let mut out = s.kind.clone();
    if let Some(src) = &s.source {
        out.push_str(&format!(" ({src})"));
    }
    if let Some(reason) = s.reason.as_deref().filter(|r| !r.is_empty()) {
        out.push_str(": ");
        out.push_str(reason);
    }
    out
}

fn ser_client<S: Serializer>(c: &Client, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.id())
}

fn ser_scope<S: Serializer>(c: &Scope, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.id())
}

/// Paths that are not UTF-8 are written lossily rather than failing the whole report.
fn ser_path<S: Serializer>(p: &Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&p.to_string_lossy())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAT: &str = "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";

    #[test]
    fn command_redacts_known_and_flagged_secrets() {
        let line = redact_command(&["npx", "-y", "server", "--token", "s3cr3tVALUEqwertyZXCV", PAT]);
        assert!(!line.contains(PAT), "{line}");
        assert!(!line.contains("s3cr3tVALUEqwertyZXCV"), "{line}");
        assert!(line.starts_with("npx -y server --token "), "{line}");
        let line = redact_command(&[
            "srv",
            "--api-key=s3cr3tVALUEqwertyZXCV",
            "Authorization: Bearer s3cr3tVALUEqwertyZXCV",
        ]);
        assert!(!line.contains("s3cr3tVALUEqwertyZXCV"), "{line}");
        assert!(line.contains("--api-key="), "{line}");
    }

    #[test]
    fn command_keeps_ordinary_args() {
        assert_eq!(
            redact_command(&["npx", "-y", "@modelcontextprotocol/server-filesystem", "/home/u/my dir"]),
            "npx -y @modelcontextprotocol/server-filesystem '/home/u/my dir'"
        );
        assert_eq!(redact_command(&["sh", "-c", "echo 'hi'"]), r"sh -c 'echo '\''hi'\'''");
    }

    #[test]
    fn url_redaction() {
        let u = redact_url("https://alice:hunter2hunter2@example.com/mcp?api_key=abc123&mode=ro#x");
        assert!(!u.contains("hunter2hunter2"), "{u}");
        assert!(!u.contains("abc123"), "{u}");
        assert!(u.contains("alice:"), "{u}");
        assert!(u.contains("mode=ro"), "{u}");
        assert!(u.ends_with("#x"), "{u}");
        let u = redact_url(&format!("https://{PAT}@github.com/x"));
        assert!(!u.contains(PAT), "{u}");
        assert_eq!(
            redact_url("https://example.com/mcp?key=${API_KEY}"),
            "https://example.com/mcp?key=${API_KEY}"
        );
        assert_eq!(redact_url("http://localhost:3000/sse"), "http://localhost:3000/sse");
        // Hostile shapes do not panic.
        for u in ["", "@", "://@", "?=&=", "x://a@b?c=d=e&&f", "é://ü@ß?ä=ö"] {
            let _ = redact_url(u);
        }
    }

    #[test]
    fn neutralize_escapes_terminal_controls() {
        assert_eq!(neutralize("a\x1b[31mb\u{202e}c\nd"), "a\\u{1b}[31mb\\u{202e}c\\u{a}d");
        assert_eq!(neutralize("plain ünïcode"), "plain ünïcode");
    }

    #[test]
    fn format_names() {
        for f in OutputFormat::ALL {
            assert_eq!(f.as_str().parse::<OutputFormat>(), Ok(f));
        }
        assert_eq!("MD".parse::<OutputFormat>(), Ok(OutputFormat::Markdown));
        assert!("xml".parse::<OutputFormat>().is_err());
    }
}
