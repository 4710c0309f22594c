//! The Markdown report, for PR comments and issues: a summary table by severity,
//! then one section per client and server, then what was accepted on purpose.
//!
//! Config-derived text is hostile here too: it is neutralised, Markdown syntax in
//! it is escaped (so a server name cannot inject links, images or HTML), and
//! names, paths and evidence go into code spans whose fences outgrow any
//! backticks inside them.

use super::{location, neutralize, plural, sections, severity_counts, suppressed, RenderOptions, Report};
use crate::finding::{Finding, Severity};
use crate::launch::shorten;
use crate::rule::display_path;
use std::fmt::Write as _;

const MAX_EVIDENCE: usize = 300;

pub(super) fn render(report: &Report, opts: &RenderOptions<'_>) -> String {
    let sum = report.summary();
    let mut out = String::from("## mcpward report\n\n");

    let mut line = format!("**{}**{}", plural(sum.total(), "finding"), severity_counts(&sum));
    let _ = write!(
        line,
        ", {} suppressed · {} in {} · mcpward {}",
        sum.suppressed,
        plural(sum.servers, "server"),
        plural(sum.files, "file"),
        md_text(&report.version)
    );
    let _ = writeln!(out, "{line}\n");

    out.push_str("| Severity | Findings |\n| :-- | --: |\n");
    for s in Severity::ALL {
        let _ = writeln!(out, "| {} | {} |", s.as_str(), sum.count(s));
    }
    let _ = writeln!(out, "| suppressed | {} |\n", sum.suppressed);

    let failing = sum.at_or_above(opts.fail_on);
    if failing > 0 {
        let _ = writeln!(
            out,
            "**{} at or above `{}`** (the `--fail-on` threshold).\n",
            plural(failing, "finding"),
            opts.fail_on
        );
    }

    let all = sections(report);
    let mut i = 0;
    while i < all.len() {
        let client = all[i].client;
        let mut j = i;
        while j < all.len() && all[j].client == client {
            j += 1;
        }
        let group = &all[i..j];
        i = j;
        if group.iter().all(|s| s.findings.is_empty()) {
            continue;
        }
        let _ = writeln!(out, "### {}\n", client.map_or("Other", |c| c.display_name()));
        let mut quiet = Vec::new();
        for section in group {
            let Some(name) = section.server else {
                let file = section
                    .file
                    .map_or_else(|| "(no file)".to_owned(), |f| display_path(opts.home, f));
                let _ = writeln!(out, "#### {} (file)\n", md_code(&file, false));
                findings_list(&mut out, &section.findings, opts);
                continue;
            };
            if section.findings.is_empty() {
                quiet.push(md_code(name, false));
                continue;
            }
            let mut heading = format!("#### {}", md_code(name, false));
            if let Some(s) = section.summary {
                let _ = write!(heading, " · {}", s.transport);
                if s.disabled {
                    heading.push_str(" (disabled)");
                }
            }
            if let Some(loc) = location(opts.home, section.file, section.summary.and_then(|s| s.line)) {
                let _ = write!(heading, " · {}", md_code(&loc, false));
            }
            let _ = writeln!(out, "{heading}\n");
            findings_list(&mut out, &section.findings, opts);
        }
        if !quiet.is_empty() {
            let _ = writeln!(out, "No findings: {}.\n", quiet.join(", "));
        }
    }

    let hidden: Vec<&Finding> = suppressed(report).collect();
    if !hidden.is_empty() {
        let _ = writeln!(out, "### Suppressed ({})\n", hidden.len());
        out.push_str("| Severity | Rule | Client | Server | Location | Accepted by | Reason |\n");
        out.push_str("| --- | --- | --- | --- | --- | --- | --- |\n");
        for f in hidden {
            let Some(s) = &f.suppressed else { continue };
            let by = match &s.source {
                Some(src) => format!("{} ({})", md_text(&s.kind), md_code(src, true)),
                None => md_text(&s.kind),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                f.severity,
                md_code(f.rule, true),
                f.client.map_or("", |c| c.id()),
                f.server.as_deref().map(|s| md_code(s, true)).unwrap_or_default(),
                location(opts.home, f.file.as_deref(), f.line)
                    .map(|l| md_code(&l, true))
                    .unwrap_or_default(),
                by,
                s.reason.as_deref().map(md_text).unwrap_or_default(),
            );
        }
        out.push('\n');
    }

    if !report.errors.is_empty() {
        let _ = writeln!(out, "### Errors\n");
        for e in &report.errors {
            let _ = writeln!(out, "- {}", md_text(e));
        }
        out.push('\n');
    }

    // One trailing newline, whatever the last section was.
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

fn findings_list(out: &mut String, findings: &[&Finding], opts: &RenderOptions<'_>) {
    for f in findings {
        let mut head = format!(
            "- **{}** {} {}: {}",
            f.severity,
            md_code(f.rule, false),
            f.category,
            md_text(&f.message)
        );
        if let Some(tool) = &f.tool {
            let _ = write!(head, " (tool {})", md_code(tool, false));
        }
        let _ = writeln!(out, "{head}");
        if let Some(loc) = location(opts.home, f.file.as_deref(), f.line) {
            let _ = writeln!(out, "  - at {}", md_code(&loc, false));
        }
        if let Some(ev) = &f.evidence {
            let _ = writeln!(out, "  - evidence: {}", md_code(&shorten(ev, MAX_EVIDENCE), false));
        }
        if !f.fix.is_empty() {
            let _ = writeln!(out, "  - fix: {}", md_text(&f.fix));
        }
    }
    out.push('\n');
}

/// Plain text with every character Markdown (or GFM tables, or HTML) would act
/// on escaped; newlines and other controls are neutralised first.
pub(crate) fn md_text(s: &str) -> String {
    let s = neutralize(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out
}

/// A code span around `s`: the fence is one backtick longer than the longest run
/// inside, padded with a space when `s` starts or ends with a backtick. In a GFM
/// table cell `|` must still be escaped, even inside code.
pub(crate) fn md_code(s: &str, in_table: bool) -> String {
    let mut s = neutralize(s);
    if in_table {
        s = s.replace('|', "\\|");
    }
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') || s.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escaping() {
        assert_eq!(
            md_text("a|b `c` *d* [x](y) <img>"),
            r"a\|b \`c\` \*d\* \[x\](y) \<img\>"
        );
        assert_eq!(md_text("line\nbreak & co"), r"line\\u{a}break &amp; co");
    }

    #[test]
    fn code_spans() {
        assert_eq!(md_code("plain", false), "`plain`");
        assert_eq!(md_code("a`b", false), "``a`b``");
        assert_eq!(md_code("`x``", false), "``` `x`` ```");
        assert_eq!(md_code("a|b", true), r"`a\|b`");
        assert_eq!(md_code("a|b", false), "`a|b`");
    }
}
