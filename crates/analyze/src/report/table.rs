//! The terminal report (the default): findings grouped by client, then server,
//! one block each, and a closing summary line.
//!
//! ```text
//! Claude Desktop
//!   github  stdio  ~/.config/Claude/claude_desktop_config.json:3
//!     CRITICAL  MW-SEC-001 hardcoded-secret
//!               A GitHub token is written into the config
//!               → ~/.config/Claude/claude_desktop_config.json:7
//!               evidence: GITHUB_TOKEN=ghp_…a1b2 (github-pat, fp:3f9c1e)
//!               fix: Reference it from the environment instead.
//! ```
//!
//! Colour is plain ANSI, and only when asked for; every string that came from a
//! config is neutralised first, so a server name cannot send escape sequences.

use super::{
    location, neutralize, plural, sections, severity_counts, suppressed, suppression_text, RenderOptions, Report,
};
use crate::finding::{Finding, Severity};
use crate::launch::shorten;
use crate::rule::display_path;
use std::fmt::Write as _;

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";

/// Findings are indented this much; their detail lines this much more.
const FINDING_INDENT: usize = 4;
const BADGE_WIDTH: usize = 8;
const DETAIL_INDENT: usize = FINDING_INDENT + BADGE_WIDTH + 2;
/// Evidence is a quote, not the whole file.
const MAX_EVIDENCE: usize = 240;

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_owned()
        }
    }

    fn badge(&self, s: Severity) -> String {
        let text = format!("{:<BADGE_WIDTH$}", s.as_str().to_ascii_uppercase());
        let code = match s {
            Severity::Critical => "\x1b[1;97;41m",
            Severity::High => "\x1b[1;31m",
            Severity::Medium => "\x1b[1;33m",
            Severity::Low => "\x1b[36m",
            Severity::Info => DIM,
        };
        self.paint(code, &text)
    }
}

pub(super) fn render(report: &Report, opts: &RenderOptions<'_>) -> String {
    let st = Style { color: opts.color };
    let width = opts.width.max(40);
    let mut out = String::new();

    let mut current_client = None;
    let mut first = true;
    for section in sections(report) {
        if first || section.client != current_client {
            if !first {
                out.push('\n');
            }
            let title = section.client.map_or("Other", |c| c.display_name());
            let _ = writeln!(out, "{}", st.paint(BOLD, title));
            current_client = section.client;
            first = false;
        }
        let heading = match section.server {
            Some(name) => {
                let mut h = format!("  {}", st.paint(BOLD, &neutralize(name)));
                if let Some(s) = section.summary {
                    h.push_str("  ");
                    h.push_str(s.transport);
                    if s.disabled {
                        h.push_str(" (disabled)");
                    }
                }
                let line = section.summary.and_then(|s| s.line);
                if let Some(loc) = location(opts.home, section.file, line) {
                    h.push_str("  ");
                    h.push_str(&st.paint(DIM, &neutralize(&loc)));
                }
                h
            }
            None => {
                let file = section
                    .file
                    .map_or_else(|| "(no file)".to_owned(), |f| display_path(opts.home, f));
                format!("  {}  {}", st.paint(BOLD, &neutralize(&file)), st.paint(DIM, "(file)"))
            }
        };
        if section.findings.is_empty() {
            let _ = writeln!(out, "{heading}  {}", st.paint(DIM, "no findings"));
            continue;
        }
        let _ = writeln!(out, "{heading}");
        for f in &section.findings {
            finding_block(&mut out, f, &st, opts, width);
        }
    }

    let hidden: Vec<&Finding> = suppressed(report).collect();
    if !hidden.is_empty() {
        if !first {
            out.push('\n');
        }
        let _ = writeln!(out, "{}", st.paint(BOLD, &format!("Suppressed ({})", hidden.len())));
        for f in hidden {
            let mut line = format!("  {:<BADGE_WIDTH$}  {}", f.severity.as_str(), f.rule);
            if let Some(server) = &f.server {
                line.push_str("  ");
                line.push_str(&neutralize(server));
            }
            if let Some(loc) = location(opts.home, f.file.as_deref(), f.line) {
                line.push_str("  ");
                line.push_str(&neutralize(&loc));
            }
            let _ = writeln!(out, "{line}");
            let why = format!("by {}", suppression_text(f));
            for l in wrap(&neutralize(&why), width, DETAIL_INDENT) {
                let _ = writeln!(out, "{}", st.paint(DIM, &l));
            }
        }
        first = false;
    }

    if !report.errors.is_empty() {
        if !first {
            out.push('\n');
        }
        let _ = writeln!(out, "{}", st.paint(BOLD, &format!("Errors ({})", report.errors.len())));
        for e in &report.errors {
            for (i, l) in wrap(&neutralize(e), width, 4).into_iter().enumerate() {
                if i == 0 {
                    let _ = writeln!(out, "  ! {}", l.trim_start());
                } else {
                    let _ = writeln!(out, "{l}");
                }
            }
        }
        first = false;
    }

    if !first {
        out.push('\n');
    }
    let sum = report.summary();
    let mut line = format!("{}{}", plural(sum.total(), "finding"), severity_counts(&sum));
    let _ = write!(
        line,
        ", {} suppressed; {} in {}",
        sum.suppressed,
        plural(sum.servers, "server"),
        plural(sum.files, "file")
    );
    let _ = writeln!(out, "{}", st.paint(BOLD, &line));
    let failing = sum.at_or_above(opts.fail_on);
    if failing > 0 {
        let hint = format!(
            "{} at or above {} (--fail-on): fix them, or accept one on purpose with --ignore RULE, \
             a baseline file, or an [[allow]] entry (with a reason) in mcpward.toml.",
            plural(failing, "finding"),
            opts.fail_on
        );
        for l in wrap(&hint, width, 0) {
            let _ = writeln!(out, "{l}");
        }
    }
    out
}

fn finding_block(out: &mut String, f: &Finding, st: &Style, opts: &RenderOptions<'_>, width: usize) {
    let mut head = format!(
        "{}{}  {}",
        " ".repeat(FINDING_INDENT),
        st.badge(f.severity),
        st.paint(BOLD, f.rule)
    );
    let _ = write!(head, " {}", f.category);
    if let Some(tool) = &f.tool {
        let _ = write!(head, "  tool: {}", neutralize(tool));
    }
    let _ = writeln!(out, "{head}");
    for l in wrap(&neutralize(&f.message), width, DETAIL_INDENT) {
        let _ = writeln!(out, "{l}");
    }
    if let Some(loc) = location(opts.home, f.file.as_deref(), f.line) {
        let text = format!("{}{}", " ".repeat(DETAIL_INDENT), neutralize(&format!("→ {loc}")));
        let _ = writeln!(out, "{}", st.paint(DIM, &text));
    }
    if let Some(ev) = &f.evidence {
        let ev = shorten(&neutralize(ev), MAX_EVIDENCE);
        for l in wrap(&format!("evidence: {ev}"), width, DETAIL_INDENT) {
            let _ = writeln!(out, "{l}");
        }
    }
    if !f.fix.is_empty() {
        for l in wrap(&format!("fix: {}", neutralize(&f.fix)), width, DETAIL_INDENT) {
            let _ = writeln!(out, "{l}");
        }
    }
}

/// Word-wraps `text` to `width` columns with every line indented by `indent`;
/// a word longer than a line is cut. Never returns an empty list.
fn wrap(text: &str, width: usize, indent: usize) -> Vec<String> {
    let room = width.saturating_sub(indent).max(20);
    let pad = " ".repeat(indent);
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut cur_len = 0usize;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let needed = if cur_len == 0 {
                word.len()
            } else {
                cur_len + 1 + word.len()
            };
            if needed <= room {
                if cur_len > 0 {
                    cur.push(' ');
                    cur_len += 1;
                }
                cur.extend(word.iter());
                cur_len += word.len();
                break;
            }
            if cur_len > 0 {
                lines.push(format!("{pad}{cur}"));
                cur.clear();
                cur_len = 0;
                continue;
            }
            // A single word wider than the line: cut it.
            let rest = word.split_off(room);
            lines.push(format!("{pad}{}", word.iter().collect::<String>()));
            word = rest;
        }
    }
    if cur_len > 0 {
        lines.push(format!("{pad}{cur}"));
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_and_cuts() {
        assert_eq!(wrap("a b c", 40, 2), vec!["  a b c"]);
        let long = "word ".repeat(30);
        let lines = wrap(&long, 40, 4);
        assert!(lines.len() > 1);
        assert!(
            lines.iter().all(|l| l.chars().count() <= 40 && l.starts_with("    ")),
            "{lines:?}"
        );
        let lines = wrap(&"x".repeat(50), 30, 0);
        assert_eq!(lines, vec!["x".repeat(30), "x".repeat(20)]);
        assert_eq!(wrap("", 40, 3), vec![""]);
    }
}
