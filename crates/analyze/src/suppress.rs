//! Accepting a known finding on purpose, and saying so in every report.
//!
//! Three ways, applied in this order (the first that matches is recorded):
//! - `--ignore RULE` (id or name): kind `ignore`.
//! - `[[allow]]` entries in mcpward's own config (`mcpward.toml`,
//!   `$MCPWARD_HOME/config.toml`), each with a required reason and an optional
//!   expiry date: kind `allow`, source `file:line`.
//! - A baseline file (`mcpward-baseline.json`) of fingerprints: kind `baseline`.
//!
//! Suppressed findings stay in the output (marked); only unsuppressed ones count
//! for the exit code ([`exit_worthy`]). An allow that has expired no longer
//! applies and yields an info finding `MW-ALW-001`; an allow that matched nothing
//! yields an info finding `MW-ALW-002` (findings rather than errors: they carry
//! `file:line`, show in every format, never change the exit code at the default
//! `--fail-on`, and can themselves be ignored).

use crate::finding::{Category, Finding, Severity, Suppression};
use crate::rule::{FindingBuilder, RuleMeta};
use mcpward_config::Client;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

pub const KIND_IGNORE: &str = "ignore";
pub const KIND_BASELINE: &str = "baseline";
pub const KIND_ALLOW: &str = "allow";

/// The conventional name of a baseline file.
pub const BASELINE_FILE: &str = "mcpward-baseline.json";

/// Larger inputs are refused rather than parsed (a baseline of 16 MiB is
/// already some hundred thousand findings).
const MAX_INPUT: usize = 16 * 1024 * 1024;

/// A (year, month, day) date; tuples compare in calendar order.
pub type Date = (i32, u32, u32);

/// Why a baseline or allow list could not be read. Every variant says where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("{source_name}:{line}:{column}: {message}")]
    Syntax {
        source_name: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{source_name}: too large ({size} bytes; the limit is {MAX_INPUT})")]
    TooLarge { source_name: String, size: usize },
    #[error("{source_name}:{line}: {message}")]
    Invalid {
        source_name: String,
        line: usize,
        message: String,
    },
}

// ---------------------------------------------------------------------------
// Baseline

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<BaselineEntry>,
}

/// One accepted finding. Only the fingerprint matches; the rest is for people
/// reading the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    pub fingerprint: String,
    pub rule: String,
    #[serde(default)]
    pub server: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

impl Baseline {
    pub fn contains(&self, fingerprint: &str) -> bool {
        self.findings.iter().any(|e| e.fingerprint == fingerprint)
    }
}

/// A baseline accepting every finding given (once each, sorted so that the file
/// diffs well), pretty-printed with a trailing newline.
pub fn write_baseline(findings: &[Finding]) -> String {
    let mut entries: Vec<BaselineEntry> = findings
        .iter()
        .map(|f| BaselineEntry {
            fingerprint: f.fingerprint.clone(),
            rule: f.rule.to_owned(),
            server: f.server.clone(),
            reason: None,
        })
        .collect();
    entries.sort_by(|a, b| (&a.rule, &a.server, &a.fingerprint).cmp(&(&b.rule, &b.server, &b.fingerprint)));
    entries.dedup_by(|a, b| a.fingerprint == b.fingerprint);
    let b = Baseline {
        version: 1,
        findings: entries,
    };
    match serde_json::to_string_pretty(&b) {
        Ok(mut s) => {
            s.push('\n');
            s
        }
        Err(_) => "{\"version\":1,\"findings\":[]}\n".to_owned(),
    }
}

/// Reads a baseline; errors carry the line and column (source name `mcpward-baseline.json`).
pub fn load_baseline(text: &str) -> Result<Baseline, Error> {
    let source_name = BASELINE_FILE.to_owned();
    if text.len() > MAX_INPUT {
        return Err(Error::TooLarge {
            source_name,
            size: text.len(),
        });
    }
    let b: Baseline = serde_json::from_str(text).map_err(|e| Error::Syntax {
        source_name: source_name.clone(),
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })?;
    if b.version != 1 {
        return Err(Error::Invalid {
            source_name,
            line: line_of_key(text, "version"),
            message: format!(
                "unsupported baseline version {} (this mcpward reads version 1)",
                b.version
            ),
        });
    }
    if let Some(i) = b.findings.iter().position(|e| e.fingerprint.trim().is_empty()) {
        return Err(Error::Invalid {
            source_name,
            line: nth_line_of_key(text, "fingerprint", i),
            message: format!("finding {} has an empty fingerprint", i + 1),
        });
    }
    Ok(b)
}

/// serde_json appends " at line L column C"; the error says it already.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

fn line_of_key(text: &str, key: &str) -> usize {
    nth_line_of_key(text, key, 0)
}

/// The line of the `n`th occurrence of `"key"` (best effort, 1 when not found).
fn nth_line_of_key(text: &str, key: &str, n: usize) -> usize {
    let needle = format!("\"{key}\"");
    text.match_indices(&needle).nth(n).map_or(1, |(i, _)| line_at(text, i))
}

fn line_at(text: &str, byte: usize) -> usize {
    text.as_bytes()[..byte.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

fn column_at(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    let start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
    text.get(start..byte).map_or(1, |s| s.chars().count() + 1)
}

// ---------------------------------------------------------------------------
// [[allow]] in mcpward's config

/// One `[[allow]]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allow {
    /// Rule id or name, as written.
    pub rule: String,
    /// Absent: any server (and findings about a file as a whole).
    pub server: Option<String>,
    pub client: Option<Client>,
    pub fingerprint: Option<String>,
    pub reason: String,
    /// The allow applies while today is before this date.
    pub expires: Option<Date>,
    /// The config file it is written in, as given to [`parse_allows`].
    pub file: PathBuf,
    pub line: usize,
}

impl Allow {
    /// `mcpward.toml:12`.
    pub fn source(&self) -> String {
        format!("{}:{}", self.file.display(), self.line)
    }

    fn matches(&self, f: &Finding) -> bool {
        rule_matches(&self.rule, f.rule)
            && self.server.as_deref().is_none_or(|s| f.server.as_deref() == Some(s))
            && self.client.is_none_or(|c| f.client == Some(c))
            && self.fingerprint.as_deref().is_none_or(|fp| fp == f.fingerprint)
    }

    fn expired(&self, today: Date) -> bool {
        self.expires.is_some_and(|e| today >= e)
    }

    fn describe(&self) -> String {
        let mut s = format!("allow for {}", self.rule);
        if let Some(server) = &self.server {
            s.push_str(&format!(" on server {server}"));
        }
        if let Some(client) = self.client {
            s.push_str(&format!(" in {}", client.id()));
        }
        if let Some(fp) = &self.fingerprint {
            s.push_str(&format!(" (fingerprint {fp})"));
        }
        s
    }
}

#[derive(Deserialize)]
struct AllowFile {
    #[serde(default)]
    allow: Vec<toml::Spanned<RawAllow>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAllow {
    rule: String,
    server: Option<String>,
    client: Option<String>,
    fingerprint: Option<String>,
    reason: Option<String>,
    expires: Option<toml::Value>,
}

/// Reads the `[[allow]]` entries of an mcpward config (other tables are left to
/// their own readers). `path` names the file in messages and in each allow's source.
pub fn parse_allows(text: &str, path: &Path) -> Result<Vec<Allow>, Error> {
    let source_name = path.display().to_string();
    if text.len() > MAX_INPUT {
        return Err(Error::TooLarge {
            source_name,
            size: text.len(),
        });
    }
    let file: AllowFile = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        Error::Syntax {
            source_name: source_name.clone(),
            line: line_at(text, at),
            column: column_at(text, at),
            message: e.message().trim().to_owned(),
        }
    })?;
    let mut out = Vec::with_capacity(file.allow.len());
    for spanned in file.allow {
        let line = entry_line(text, spanned.span().start);
        let raw = spanned.into_inner();
        let invalid = |message: String| Error::Invalid {
            source_name: source_name.clone(),
            line,
            message,
        };
        if raw.rule.trim().is_empty() {
            return Err(invalid("[[allow]] needs a non-empty `rule`".into()));
        }
        let reason = raw.reason.filter(|r| !r.trim().is_empty()).ok_or_else(|| {
            invalid(format!(
                "[[allow]] for {} needs a `reason`: say why it is accepted",
                raw.rule
            ))
        })?;
        let client = match raw.client.as_deref() {
            None => None,
            Some(id) => Some(Client::from_id(id).ok_or_else(|| {
                let known: Vec<&str> = Client::ALL.iter().map(|c| c.id()).collect();
                invalid(format!("unknown client {id:?} (known: {})", known.join(", ")))
            })?),
        };
        let expires = match &raw.expires {
            None => None,
            Some(v) => Some(
                parse_date_value(v)
                    .ok_or_else(|| invalid("`expires` must be a date such as 2027-01-01 (quoted or not)".into()))?,
            ),
        };
        out.push(Allow {
            rule: raw.rule.trim().to_owned(),
            server: raw.server,
            client,
            fingerprint: raw.fingerprint.map(|f| f.trim().to_owned()).filter(|f| !f.is_empty()),
            reason: reason.trim().to_owned(),
            expires,
            file: path.to_path_buf(),
            line,
        });
    }
    Ok(out)
}

/// The line of the `[[allow]]` header that opens the table whose body starts at
/// `body` (spans of array-of-tables entries may start at the header or the body).
fn entry_line(text: &str, body: usize) -> usize {
    let body = body.min(text.len());
    let before = text.get(..body).unwrap_or("");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    if text.get(line_start..).is_some_and(|l| l.trim_start().starts_with("[[")) {
        return line_at(text, line_start);
    }
    match before.rfind("[[") {
        Some(i) => line_at(text, i),
        None => line_at(text, body),
    }
}

fn parse_date_value(v: &toml::Value) -> Option<Date> {
    match v {
        toml::Value::String(s) => parse_date(s),
        // An unquoted TOML date (`expires = 2027-01-01`); times are not accepted.
        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
            let d = dt.date?;
            valid_date(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        }
        _ => None,
    }
}

/// `YYYY-MM-DD`, a real calendar date.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = s.get(0..4)?.parse().ok()?;
    let m: u32 = s.get(5..7)?.parse().ok()?;
    let d: u32 = s.get(8..10)?.parse().ok()?;
    valid_date(y, m, d)
}

fn valid_date(y: i32, m: u32, d: u32) -> Option<Date> {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (d >= 1 && d <= days).then_some((y, m, d))
}

/// Today's date in UTC, from the system clock (the CLI's "today"; tests pass their own).
pub fn today_utc() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 to a calendar date (proleptic Gregorian; H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> Date {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

// ---------------------------------------------------------------------------
// Applying

static ALLOW_EXPIRED: RuleMeta = RuleMeta {
    id: "MW-ALW-001",
    name: "allow-expired",
    category: Category::ParseError,
    severity: Severity::Info,
    summary: "An [[allow]] entry in mcpward's config has passed its expiry date and no longer applies",
    checklist: None,
    doc: r#"## What it finds
An `[[allow]]` entry in `mcpward.toml` (or `$MCPWARD_HOME/config.toml`) whose
`expires` date has come. The findings it accepted are reported again.

## Why it matters
An acceptance is a decision made at one time, for reasons true at that time. The
seed's checklist asks for a calendar reminder for token rotation for the same
reason: what was acceptable once must be looked at again.

## Example
```toml
[[allow]]
rule = "MW-SEC-001"
server = "github"
reason = "legacy runner, token is read-only"
expires = "2025-01-01"
```

## Fix
Fix the finding, or renew the allow with a new `expires` date and a reason that
is still true."#,
};

static ALLOW_UNUSED: RuleMeta = RuleMeta {
    id: "MW-ALW-002",
    name: "allow-unused",
    category: Category::ParseError,
    severity: Severity::Info,
    summary: "An [[allow]] entry in mcpward's config matched no finding",
    checklist: None,
    doc: r#"## What it finds
An `[[allow]]` entry that accepted no finding in this run: the problem was fixed,
the server renamed, or the rule id mistyped.

## Why it matters
A stale acceptance is a blank cheque: if the problem comes back (a token pasted
into the config again), it is silently accepted.

## Example
```toml
[[allow]]
rule = "MW-SEC-001"
server = "github-old"     # no such server any more
reason = "…"
```

## Fix
Delete the entry, or correct its `rule`, `server`, `client` or `fingerprint`.
(When auditing only some clients, entries for the others also show here.)"#,
};

/// The metadata of the findings this module produces (for `rules explain` and SARIF).
pub fn rule_metas() -> [&'static RuleMeta; 2] {
    [&ALLOW_EXPIRED, &ALLOW_UNUSED]
}

/// What [`apply`] did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SuppressionReport {
    pub ignored: usize,
    pub allowed: usize,
    pub baselined: usize,
    /// `--ignore` values that name no known rule and matched no finding (likely typos).
    pub unknown_ignores: Vec<String>,
    /// Allows that have expired (they suppressed nothing).
    pub expired: Vec<Allow>,
    /// Allows that are in force but matched nothing.
    pub unmatched: Vec<Allow>,
    /// Baseline entries whose finding is gone (fixed, or the config moved).
    pub stale_baseline: usize,
    /// Info findings about expired and unmatched allows: append them to the
    /// report's findings (they are already subject to `--ignore`).
    pub findings: Vec<Finding>,
}

impl SuppressionReport {
    pub fn suppressed(&self) -> usize {
        self.ignored + self.allowed + self.baselined
    }
}

/// Marks findings accepted on purpose; they stay in the list. Findings already
/// suppressed are left as they are. `today` decides which allows have expired.
pub fn apply(
    findings: &mut [Finding],
    rules_ignored: &[String],
    baseline: Option<&Baseline>,
    allows: &[Allow],
    today: Date,
) -> SuppressionReport {
    let mut rep = SuppressionReport::default();
    let (live, expired): (Vec<&Allow>, Vec<&Allow>) = allows.iter().partition(|a| !a.expired(today));
    let mut allow_used = vec![false; live.len()];
    let mut ignore_used = vec![false; rules_ignored.len()];
    let mut baseline_used: HashSet<&str> = HashSet::new();
    let mut expired_hits = vec![0usize; expired.len()];
    // A baseline may list many thousands of fingerprints; look them up by hash.
    let mut baseline_index: HashMap<&str, &BaselineEntry> = HashMap::new();
    for e in baseline.map_or(&[][..], |b| &b.findings[..]) {
        baseline_index.entry(e.fingerprint.as_str()).or_insert(e);
    }

    for f in findings.iter_mut() {
        let ignore_hit = rules_ignored.iter().position(|r| rule_matches(r, f.rule));
        if let Some(i) = ignore_hit {
            ignore_used[i] = true;
        }
        let allow_hit = live.iter().position(|a| a.matches(f));
        // Every matching allow counts as used, not just the one recorded.
        for (i, a) in live.iter().enumerate() {
            if a.matches(f) {
                allow_used[i] = true;
            }
        }
        for (i, a) in expired.iter().enumerate() {
            if a.matches(f) {
                expired_hits[i] += 1;
            }
        }
        let in_baseline = baseline_index.get(f.fingerprint.as_str()).copied().inspect(|e| {
            baseline_used.insert(e.fingerprint.as_str());
        });
        if f.suppressed.is_some() {
            continue;
        }
        if let Some(i) = ignore_hit {
            f.suppressed = Some(Suppression {
                kind: KIND_IGNORE.into(),
                source: Some(format!("--ignore {}", rules_ignored[i])),
                reason: None,
            });
            rep.ignored += 1;
        } else if let Some(i) = allow_hit {
            let a = live[i];
            f.suppressed = Some(Suppression {
                kind: KIND_ALLOW.into(),
                source: Some(a.source()),
                reason: Some(a.reason.clone()),
            });
            rep.allowed += 1;
        } else if let Some(e) = in_baseline {
            f.suppressed = Some(Suppression {
                kind: KIND_BASELINE.into(),
                source: Some(BASELINE_FILE.into()),
                reason: e.reason.clone(),
            });
            rep.baselined += 1;
        }
    }

    rep.unknown_ignores = rules_ignored
        .iter()
        .zip(&ignore_used)
        .filter(|(r, used)| !**used && crate::find_meta(r).is_none() && !is_own_rule(r))
        .map(|(r, _)| r.clone())
        .collect();
    if let Some(b) = baseline {
        let fps: HashSet<&str> = b.findings.iter().map(|e| e.fingerprint.as_str()).collect();
        rep.stale_baseline = fps.len() - fps.intersection(&baseline_used).count();
    }

    for (a, hits) in expired.iter().zip(&expired_hits) {
        let (y, m, d) = a.expires.unwrap_or_default();
        let mut msg = format!(
            "The {} expired on {y:04}-{m:02}-{d:02} and no longer applies (reason given: {})",
            a.describe(),
            a.reason
        );
        if *hits > 0 {
            msg.push_str(&format!("; {} it covered reported again", plural_findings(*hits)));
        }
        rep.findings.push(own_finding(
            &ALLOW_EXPIRED,
            a,
            msg,
            "Fix the finding, or renew the allow with a new `expires` date and a reason that still holds.",
        ));
        rep.expired.push((*a).clone());
    }
    for (a, used) in live.iter().zip(&allow_used) {
        if !*used {
            let msg = format!("The {} matched no finding", a.describe());
            rep.findings.push(own_finding(
                &ALLOW_UNUSED,
                a,
                msg,
                "Delete the entry, or correct its rule, server, client or fingerprint.",
            ));
            rep.unmatched.push((*a).clone());
        }
    }
    for f in &mut rep.findings {
        if let Some(r) = rules_ignored.iter().find(|r| rule_matches(r, f.rule)) {
            f.suppressed = Some(Suppression {
                kind: KIND_IGNORE.into(),
                source: Some(format!("--ignore {r}")),
                reason: None,
            });
        }
    }
    rep
}

fn plural_findings(n: usize) -> String {
    if n == 1 {
        "1 finding".into()
    } else {
        format!("{n} findings")
    }
}

fn own_finding(meta: &'static RuleMeta, a: &Allow, message: String, fix: &str) -> Finding {
    let mut identity = format!("{}\0{}\0", a.rule, a.server.as_deref().unwrap_or(""));
    identity.push_str(a.client.map_or("", |c| c.id()));
    identity.push('\0');
    identity.push_str(a.fingerprint.as_deref().unwrap_or(""));
    let mut f = FindingBuilder::new(meta, message)
        .fix(fix)
        .identity(identity)
        .finish(Path::new(""));
    // The allow's file and line are where to act; they are left out of the
    // fingerprint so that moving the entry does not make it a new finding.
    f.file = Some(a.file.clone());
    f.line = u32::try_from(a.line).ok().filter(|l| *l > 0);
    f.server = a.server.clone();
    f.client = a.client;
    // Shown under the category of what was allowed, when that rule is known.
    if let Some(r) = crate::find_rule(&a.rule) {
        f.category = r.meta().category;
    }
    f
}

fn is_own_rule(id_or_name: &str) -> bool {
    rule_metas()
        .iter()
        .any(|m| m.id.eq_ignore_ascii_case(id_or_name) || m.name.eq_ignore_ascii_case(id_or_name))
}

/// Whether `pattern` (an id or a rule name, any case) names the rule `rule_id`.
pub fn rule_matches(pattern: &str, rule_id: &str) -> bool {
    let pattern = pattern.trim();
    if pattern.eq_ignore_ascii_case(rule_id) {
        return true;
    }
    if let Some(m) = crate::find_meta(pattern) {
        return m.id == rule_id;
    }
    rule_metas()
        .iter()
        .any(|m| m.name.eq_ignore_ascii_case(pattern) && m.id == rule_id)
}

/// True when an unsuppressed finding is at or above `fail_on`: exit code 1.
pub fn exit_worthy(findings: &[Finding], fail_on: Severity) -> bool {
    findings.iter().any(|f| f.suppressed.is_none() && f.severity >= fail_on)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2027-01-01"), Some((2027, 1, 1)));
        assert_eq!(parse_date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2027-13-01"), None);
        assert_eq!(parse_date("2027-1-01"), None);
        assert_eq!(parse_date("２０２７-01-01"), None);
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(20_513), (2026, 3, 1));
    }

    #[test]
    fn positions() {
        let t = "ab\ncdé\nx";
        assert_eq!(line_at(t, 0), 1);
        assert_eq!(line_at(t, 3), 2);
        assert_eq!(column_at(t, 7), 4);
        assert_eq!(line_at(t, 999), 3);
    }
}
