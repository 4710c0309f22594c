//! The per-server part of `mcpward inspect`'s terminal report: how each server went, its
//! tools with their capability labels, and what changed since it was pinned. The findings
//! follow, rendered by [`crate::report`].
//!
//! Everything shown came from a server: it is neutralised (control, bidi and invisible
//! characters made visible) and bounded.

use super::snapshot::Outcome;
use super::{clip, InspectedServer, PinStatus};
use crate::report::{neutralize, RenderOptions};
use mcpward_config::Client;
use std::fmt::Write as _;

/// Tools listed one by one per server; the rest are counted.
const MAX_TOOLS_SHOWN: usize = 40;
/// Lines of stderr shown for a failed server.
const STDERR_LINES: usize = 6;

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";

fn paint(color: bool, code: &str, text: &str) -> String {
    if color {
        format!("{code}{text}{RESET}")
    } else {
        text.to_owned()
    }
}

fn seconds(ms: u64) -> String {
    format!("{:.1}s", ms as f64 / 1000.0)
}

/// The inspection section, ending with a blank line (empty when there is no server).
pub fn table(servers: &[InspectedServer], opts: &RenderOptions<'_>) -> String {
    let c = opts.color;
    let mut out = String::new();
    if servers.is_empty() {
        return out;
    }
    let mut current: Option<&str> = None;
    for s in servers {
        if current != Some(s.client.as_str()) {
            if current.is_some() {
                out.push('\n');
            }
            let title = Client::from_id(&s.client).map_or(s.client.as_str(), |cl| cl.display_name());
            let _ = writeln!(out, "{}", paint(c, BOLD, &format!("Inspected: {}", neutralize(title))));
            current = Some(&s.client);
        }
        let (code, word) = match s.outcome {
            Outcome::Ok => (GREEN, "ok"),
            Outcome::Partial => (YELLOW, "partial"),
            Outcome::Failed => (RED, "failed"),
            Outcome::Skipped => (YELLOW, "skipped"),
        };
        let mut head = format!("  {}  {}", paint(c, BOLD, &neutralize(&s.server)), paint(c, code, word));
        if let Some(info) = &s.server_info {
            let _ = write!(
                head,
                "  {} {}",
                neutralize(&clip(&info.name, 60)),
                neutralize(&clip(info.version.as_deref().unwrap_or("?"), 30))
            );
        }
        if let Some(v) = &s.protocol_version {
            let _ = write!(head, "  {}", paint(c, DIM, &format!("MCP {}", neutralize(v))));
        }
        if s.outcome != Outcome::Skipped {
            let _ = write!(head, "  {}", paint(c, DIM, &seconds(s.elapsed_ms)));
        }
        let _ = writeln!(out, "{head}");
        if let Some(e) = &s.error {
            let label = if s.outcome == Outcome::Skipped {
                paint(c, YELLOW, "why:")
            } else {
                paint(c, RED, "error:")
            };
            let _ = writeln!(out, "    {label} {}", neutralize(&clip(e, 600)));
        }
        if let Some(tail) = s.stderr_tail.as_deref().filter(|t| !t.trim().is_empty()) {
            let lines: Vec<&str> = tail.lines().filter(|l| !l.trim().is_empty()).collect();
            let from = lines.len().saturating_sub(STDERR_LINES);
            let _ = writeln!(out, "    {}", paint(c, DIM, "stderr (last lines):"));
            for l in &lines[from..] {
                let _ = writeln!(out, "      {}", paint(c, DIM, &neutralize(&clip(l, 200))));
            }
        }
        if s.outcome.has_tools() {
            let _ = writeln!(
                out,
                "    {} tool(s), {} prompt(s), {} resource(s), {} template(s){}",
                s.tools.len(),
                s.prompts,
                s.resources,
                s.resource_templates,
                if s.instructions { ", instructions" } else { "" }
            );
            let width = s
                .tools
                .iter()
                .take(MAX_TOOLS_SHOWN)
                .map(|t| neutralize(&clip(&t.name, 40)).chars().count())
                .max()
                .unwrap_or(0);
            for t in s.tools.iter().take(MAX_TOOLS_SHOWN) {
                let name = neutralize(&clip(&t.name, 40));
                let pad = width.saturating_sub(name.chars().count());
                let caps = if t.capabilities.is_empty() {
                    "-".to_owned()
                } else {
                    t.capabilities.join(", ")
                };
                let caps = if t.capabilities.contains(&"exec") || t.capabilities.contains(&"destructive") {
                    paint(c, RED, &caps)
                } else {
                    paint(c, DIM, &caps)
                };
                let _ = writeln!(out, "      {name}{}  {caps}", " ".repeat(pad));
            }
            if s.tools.len() > MAX_TOOLS_SHOWN {
                let _ = writeln!(out, "      … {} more tool(s)", s.tools.len() - MAX_TOOLS_SHOWN);
            }
        }
        for l in &s.incomplete {
            let _ = writeln!(
                out,
                "    {} {} list is incomplete",
                paint(c, YELLOW, "note:"),
                neutralize(l)
            );
        }
        for n in s.notes.iter().take(10) {
            let _ = writeln!(out, "    {} {}", paint(c, DIM, "note:"), neutralize(&clip(n, 300)));
        }
        match s.pin {
            PinStatus::Unpinned if s.outcome.has_tools() => {
                let _ = writeln!(
                    out,
                    "    {}",
                    paint(c, DIM, "pin: none (mcpward inspect --pin records one)")
                );
            }
            PinStatus::Unchanged => {
                let _ = writeln!(out, "    {}", paint(c, DIM, "pin: unchanged"));
            }
            PinStatus::Changed => {
                let _ = writeln!(out, "    {}", paint(c, RED, "pin: CHANGED since pinned"));
                for ch in &s.changes {
                    let mark = match ch.change {
                        "added" => "+",
                        "removed" => "-",
                        _ => "~",
                    };
                    let _ = writeln!(out, "      {mark} {} ({})", neutralize(&ch.tool), ch.change);
                    for l in ch.lines() {
                        let _ = writeln!(out, "          {}", neutralize(&clip(&l, 400)));
                    }
                }
                if let Some(lines) = &s.instructions_diff {
                    let _ = writeln!(out, "      ~ instructions (changed)");
                    for l in lines {
                        let _ = writeln!(out, "          {}", neutralize(&clip(l, 400)));
                    }
                }
            }
            _ => {}
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::analyse;
    use crate::inspect::lock::ServerPin;
    use crate::inspect::snapshot::{ServerSnapshot, ToolSnapshot};
    use std::path::Path;

    fn server(name: &str, description: &str) -> ServerSnapshot {
        let mut s = ServerSnapshot::new("cursor", "user", name, "stdio");
        s.outcome = Outcome::Ok;
        s.tools.push(ToolSnapshot {
            name: "run_command".into(),
            title: None,
            description: Some(description.into()),
            input_schema: Some(serde_json::json!({"type":"object","properties":{"command":{"type":"string"}}})),
            output_schema: None,
            annotations: None,
        });
        s
    }

    #[test]
    fn outcomes_labels_and_diffs_are_shown_safely() {
        let home = Path::new("/h");
        let pin = ServerPin::from_snapshot(&server("x\u{1b}[31mred", "Run a command."), "t");
        let mut failed = ServerSnapshot::new("cursor", "user", "broken", "stdio");
        failed.outcome = Outcome::Failed;
        failed.error = Some("no answer within 5s".into());
        failed.stderr_tail = Some("line one\nboom\u{1b}[2J".into());
        let mut skipped = ServerSnapshot::new("cursor", "user", "later", "stdio");
        skipped.error = Some("not started: it uses ${input:pat}".into());
        let servers = vec![server("x\u{1b}[31mred", "Run a shell command."), failed, skipped];
        let a = analyse(&servers, &[pin], home);
        let text = table(&a.servers, &RenderOptions::new(home));
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(text.contains("Inspected: Cursor"), "{text}");
        assert!(text.contains("run_command") && text.contains("exec"), "{text}");
        assert!(text.contains("pin: CHANGED"), "{text}");
        assert!(text.contains("~ Run a {+shell +}command."), "{text}");
        assert!(
            text.contains("broken  failed") && text.contains("error: no answer within 5s"),
            "{text}"
        );
        assert!(text.contains("boom"), "{text}");
        assert!(
            text.contains("later  skipped") && text.contains("why: not started"),
            "{text}"
        );
        assert!(table(&[], &RenderOptions::new(home)).is_empty());
    }
}
