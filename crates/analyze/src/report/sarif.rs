//! SARIF 2.1.0, shaped for GitHub code scanning: every rule as a
//! `reportingDescriptor` (with `security-severity` so alerts sort as security
//! alerts), results with stable `partialFingerprints`, and accepted findings as
//! `suppressions` so code scanning shows them as such instead of as new alerts.

use super::{RenderOptions, Report};
use crate::finding::{Category, Finding, Severity};
use crate::rule::RuleMeta;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use std::path::{Component, Path};

/// The `$schema` of every SARIF file mcpward writes.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The `partialFingerprints` key; bump the version if the fingerprint recipe changes.
pub const FINGERPRINT_KEY: &str = "mcpward/v1";

const SRCROOT: &str = "%SRCROOT%";

/// The project's home page (the workspace `repository`).
const INFORMATION_URI: &str = "https://github.com/mcpward/mcpward";

pub(super) fn render(report: &Report, opts: &RenderOptions<'_>) -> String {
    let rules = rule_list(&report.findings);
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| result(f, &rules, opts.sarif_base.as_deref()))
        .collect();

    let mut run = Map::new();
    run.insert(
        "tool".into(),
        json!({
            "driver": {
                "name": "mcpward",
                "informationUri": INFORMATION_URI,
                "semanticVersion": report.version,
                "version": report.version,
                "rules": rules.iter().map(Descriptor::to_json).collect::<Vec<_>>(),
            }
        }),
    );
    if let Some(base) = opts.sarif_base.as_deref() {
        let mut uri = file_uri(base);
        if !uri.ends_with('/') {
            uri.push('/');
        }
        run.insert("originalUriBaseIds".into(), json!({ SRCROOT: { "uri": uri } }));
    }
    // Character columns (see `mcpward_config::Pos`), whatever the encoding.
    run.insert("columnKind".into(), json!("unicodeCodePoints"));
    run.insert("results".into(), Value::Array(results));
    run.insert(
        "invocations".into(),
        json!([{
            "executionSuccessful": report.errors.is_empty(),
            "toolExecutionNotifications": report.errors.iter().map(|e| json!({
                "level": "error",
                "message": { "text": e },
            })).collect::<Vec<_>>(),
        }]),
    );

    let doc = json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [Value::Object(run)],
    });
    match serde_json::to_string_pretty(&doc) {
        Ok(mut s) => {
            s.push('\n');
            s
        }
        Err(_) => String::from("{}\n"),
    }
}

/// What a `reportingDescriptor` is made from: a registered rule, or just the id
/// and category of a finding whose rule is not registered here (a live rule).
struct Descriptor {
    id: String,
    meta: Option<&'static RuleMeta>,
    category: Category,
    severity: Severity,
}

impl Descriptor {
    fn to_json(&self) -> Value {
        let mut d = Map::new();
        d.insert("id".into(), json!(self.id));
        let severity = self.severity;
        let mut tags = Vec::new();
        // GitHub treats a rule as a security rule (and reads `security-severity`)
        // only with the `security` tag; info-level rules are advice, not alerts.
        if severity > Severity::Info {
            tags.push("security");
        }
        tags.push(self.category.as_str());
        match self.meta {
            Some(m) => {
                d.insert("name".into(), json!(m.name));
                d.insert("shortDescription".into(), json!({ "text": m.summary }));
                d.insert(
                    "fullDescription".into(),
                    json!({ "text": doc_section(m.doc, "What it finds").unwrap_or(m.summary) }),
                );
                d.insert("help".into(), json!({ "text": m.doc, "markdown": m.doc }));
            }
            None => {
                d.insert("name".into(), json!(self.category.as_str()));
                d.insert(
                    "shortDescription".into(),
                    json!({ "text": format!("{} ({})", self.id, self.category) }),
                );
            }
        }
        d.insert("defaultConfiguration".into(), json!({ "level": level(severity) }));
        let mut props = Map::new();
        props.insert("tags".into(), json!(tags));
        if let Some(score) = security_severity(severity) {
            props.insert("security-severity".into(), json!(score));
        }
        props.insert("precision".into(), json!(precision(self.category)));
        if let Some(item) = self.meta.and_then(|m| m.checklist) {
            props.insert("checklist".into(), json!(item.id()));
        }
        d.insert("properties".into(), Value::Object(props));
        Value::Object(d)
    }
}

/// Every registered rule (so code scanning knows them all), then the rules that
/// only appear in findings, sorted by id.
fn rule_list(findings: &[Finding]) -> Vec<Descriptor> {
    let mut out: Vec<Descriptor> = crate::rules::all()
        .into_iter()
        .map(|r| r.meta())
        .chain(crate::suppress::rule_metas())
        .map(|m| Descriptor {
            id: m.id.to_owned(),
            meta: Some(m),
            category: m.category,
            severity: m.severity,
        })
        .collect();
    let known: BTreeSet<String> = out.iter().map(|d| d.id.clone()).collect();
    let mut extra: Vec<&Finding> = findings.iter().filter(|f| !known.contains(f.rule)).collect();
    extra.sort_by(|a, b| a.rule.cmp(b.rule));
    extra.dedup_by(|a, b| a.rule == b.rule);
    out.extend(extra.into_iter().map(|f| Descriptor {
        id: f.rule.to_owned(),
        meta: crate::find_meta(f.rule),
        category: f.category,
        severity: f.severity,
    }));
    out
}

fn result(f: &Finding, rules: &[Descriptor], base: Option<&Path>) -> Value {
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(f.rule));
    if let Some(i) = rules.iter().position(|d| d.id == f.rule) {
        r.insert("ruleIndex".into(), json!(i));
    }
    r.insert("level".into(), json!(level(f.severity)));
    let mut text = f.message.clone();
    if let Some(ev) = &f.evidence {
        text.push_str("\nEvidence: ");
        text.push_str(ev);
    }
    if !f.fix.is_empty() {
        text.push_str("\nFix: ");
        text.push_str(&f.fix);
    }
    r.insert("message".into(), json!({ "text": text }));
    if let Some(file) = &f.file {
        let mut artifact = Map::new();
        match base.and_then(|b| relative_uri(b, file)) {
            Some(rel) => {
                artifact.insert("uri".into(), json!(rel));
                artifact.insert("uriBaseId".into(), json!(SRCROOT));
            }
            None => {
                artifact.insert("uri".into(), json!(file_uri(file)));
            }
        }
        // GitHub places an alert only with a region, and needs startLine >= 1: a
        // finding about a file as a whole points at its first line.
        let mut region = Map::new();
        region.insert("startLine".into(), json!(f.line.filter(|l| *l > 0).unwrap_or(1)));
        if let (Some(l), Some(c)) = (f.line, f.column) {
            if l > 0 && c > 0 {
                region.insert("startColumn".into(), json!(c));
            }
        }
        r.insert(
            "locations".into(),
            json!([{ "physicalLocation": { "artifactLocation": artifact, "region": region } }]),
        );
    }
    r.insert("partialFingerprints".into(), json!({ FINGERPRINT_KEY: f.fingerprint }));
    if let Some(s) = &f.suppressed {
        let mut justification = s.kind.clone();
        if let Some(src) = &s.source {
            justification.push_str(&format!(" ({src})"));
        }
        if let Some(reason) = s.reason.as_deref().filter(|r| !r.is_empty()) {
            justification.push_str(": ");
            justification.push_str(reason);
        }
        r.insert(
            "suppressions".into(),
            json!([{ "kind": "external", "status": "accepted", "justification": justification }]),
        );
    }
    let mut props = Map::new();
    props.insert("severity".into(), json!(f.severity.as_str()));
    props.insert("category".into(), json!(f.category.as_str()));
    if let Some(c) = f.client {
        props.insert("client".into(), json!(c.id()));
    }
    if let Some(s) = &f.server {
        props.insert("server".into(), json!(s));
    }
    if let Some(t) = &f.tool {
        props.insert("tool".into(), json!(t));
    }
    if let Some(c) = f.checklist {
        props.insert("checklist".into(), json!(c.id()));
    }
    r.insert("properties".into(), Value::Object(props));
    Value::Object(r)
}

/// critical/high → error, medium → warning, low/info → note.
fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// GitHub's bands: critical ≥ 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9.
fn security_severity(s: Severity) -> Option<&'static str> {
    match s {
        Severity::Critical => Some("9.5"),
        Severity::High => Some("8.0"),
        Severity::Medium => Some("5.5"),
        Severity::Low => Some("3.0"),
        Severity::Info => None,
    }
}

/// Rules over what a server *says* (tool descriptions, outputs) guess at intent;
/// config rules read facts.
fn precision(c: Category) -> &'static str {
    match c {
        Category::ToolPoisoning
        | Category::PromptInjection
        | Category::HiddenContent
        | Category::ToolShadowing
        | Category::UnexpectedProcess
        | Category::ToxicFlow => "medium",
        _ => "high",
    }
}

/// The body of the `## {title}` section of a rule doc.
fn doc_section<'d>(doc: &'d str, title: &str) -> Option<&'d str> {
    let heading = format!("## {title}");
    let start = doc.find(&heading)? + heading.len();
    let rest = &doc[start..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    let body = rest[..end].trim();
    (!body.is_empty()).then_some(body)
}

/// `file` relative to `base`, as a URI reference (`/`-separated, percent-encoded),
/// when it lies inside `base` without `..`.
fn relative_uri(base: &Path, file: &Path) -> Option<String> {
    let rest = file.strip_prefix(base).ok()?;
    let mut parts = Vec::new();
    for c in rest.components() {
        match c {
            Component::Normal(s) => parts.push(encode(&s.to_string_lossy())),
            Component::CurDir => {}
            _ => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// An absolute `file://` URI for `path` (relative paths are written as relative references).
fn file_uri(path: &Path) -> String {
    let mut parts = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(s) => parts.push(encode(&s.to_string_lossy())),
            Component::ParentDir => parts.push("..".to_owned()),
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
    let joined = parts.join("/");
    if path.has_root() {
        format!("file:///{joined}")
    } else {
        joined
    }
}

/// Percent-encodes one path segment (RFC 3986: unreserved and sub-delims stay).
fn encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        assert_eq!(
            relative_uri(Path::new("/repo"), Path::new("/repo/.vscode/mcp.json")).as_deref(),
            Some(".vscode/mcp.json")
        );
        assert_eq!(relative_uri(Path::new("/repo"), Path::new("/other/mcp.json")), None);
        assert_eq!(relative_uri(Path::new("/repo"), Path::new("/repo/../x")), None);
        assert_eq!(
            file_uri(Path::new("/home/u/My Files/a#b.json")),
            "file:///home/u/My%20Files/a%23b.json"
        );
        assert_eq!(encode("é"), "%C3%A9");
    }

    #[test]
    fn doc_sections() {
        let doc = "## What it finds\nA thing.\n\n## Why it matters\nBecause.";
        assert_eq!(doc_section(doc, "What it finds"), Some("A thing."));
        assert_eq!(doc_section(doc, "Why it matters"), Some("Because."));
        assert_eq!(doc_section(doc, "Fix"), None);
    }
}
