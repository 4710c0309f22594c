//! Findings: the static rules over client configurations, suppression, and the
//! reporters that turn findings into table / JSON / SARIF / Markdown text.
//!
//! Nothing here prints; the CLI decides where text goes.

pub mod checklist;
pub mod finding;
pub mod inspect;
pub mod knowledge;
pub mod launch;
pub mod report;
pub mod rule;
pub mod rules;
pub mod scan;
mod secret_names;
pub mod suppress;
pub mod url;

pub use finding::{Category, ChecklistItem, Finding, Severity, Suppression};
pub use rule::{Context, FindingBuilder, Rule, RuleMeta};

/// Runs `rules` over the context and returns the findings, most severe first,
/// then by file and line so output is stable.
pub fn run_rules(cx: &Context<'_>, rules: &[&dyn Rule]) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in rules {
        rule.check(cx, &mut out);
    }
    sort_findings(&mut out);
    out
}

/// The canonical order of findings in every output.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.file.cmp(&b.file))
            .then_with(|| a.line.cmp(&b.line))
            .then_with(|| a.rule.cmp(b.rule))
            .then_with(|| a.fingerprint.cmp(&b.fingerprint))
    });
}

/// Every rule's metadata: the static rules, then the findings suppression
/// itself reports (expired and unused allows), then the live (inspection) rules.
pub fn all_metas() -> Vec<&'static RuleMeta> {
    rules::all()
        .into_iter()
        .map(|r| r.meta())
        .chain(suppress::rule_metas())
        .chain(inspect::live_metas())
        .chain(scan::metas())
        .collect()
}

/// Looks a rule up by id (`MW-FS-001`) or name (`filesystem-scope`), case-insensitively.
pub fn find_meta(id_or_name: &str) -> Option<&'static RuleMeta> {
    all_metas()
        .into_iter()
        .find(|m| m.id.eq_ignore_ascii_case(id_or_name) || m.name.eq_ignore_ascii_case(id_or_name))
}

/// Looks a static rule up by id (`MW-FS-001`) or name (`filesystem-scope`), case-insensitively.
pub fn find_rule(id_or_name: &str) -> Option<&'static dyn Rule> {
    rules::all()
        .into_iter()
        .find(|r| r.meta().id.eq_ignore_ascii_case(id_or_name) || r.meta().name.eq_ignore_ascii_case(id_or_name))
}
