//! The JSON report: the contract of DESIGN.md ("A finding in JSON"), plus a
//! `summary` object after the contract's four keys.

use super::{Report, ServerSummary, Summary};
use crate::finding::Finding;
use serde::Serialize;
use std::borrow::Cow;
use std::path::PathBuf;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: &'a str,
    findings: Vec<Cow<'a, Finding>>,
    servers: &'a [ServerSummary],
    errors: &'a [String],
    summary: Summary,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    inspected: &'a [crate::inspect::InspectedServer],
}

pub(super) fn render(report: &Report) -> String {
    let doc = JsonReport {
        version: &report.version,
        findings: report.findings.iter().map(utf8_safe).collect(),
        servers: &report.servers,
        errors: &report.errors,
        summary: report.summary(),
        inspected: &report.inspected,
    };
    match serde_json::to_string_pretty(&doc) {
        Ok(mut s) => {
            s.push('\n');
            s
        }
        // Unreachable with the types above (no map keys, paths made UTF-8); still a
        // well-formed document rather than a panic.
        Err(e) => format!(
            "{}\n",
            serde_json::json!({ "version": report.version, "findings": [], "servers": [], "errors": [e.to_string()] })
        ),
    }
}

/// serde refuses to serialise a `PathBuf` that is not UTF-8; such a path (it came
/// from the file system) is written lossily instead of failing the report.
pub(super) fn utf8_safe(f: &Finding) -> Cow<'_, Finding> {
    match &f.file {
        Some(p) if p.to_str().is_none() => {
            let mut f = f.clone();
            f.file = Some(PathBuf::from(p.to_string_lossy().into_owned()));
            Cow::Owned(f)
        }
        _ => Cow::Borrowed(f),
    }
}
