//! The live rules, one file each. Adding a rule: write the file, add it to [`all`]; its
//! id must be new and its doc must have the four parts.

mod exec_capability;
mod hidden_content;
mod name_collision;
mod rug_pull;
mod tool_poisoning;
mod tool_shadowing;
mod toxic_flow;
mod write_capability;

use super::{clip, LiveContext, LiveRule};
use crate::rule::{FindingBuilder, RuleMeta};
use crate::Finding;
use mcpward_detect::injection::{Signal, Verdict};
use mcpward_detect::verdict::NOISE_FLOOR;

/// Every live rule, in the order `mcpward rules` lists them.
pub fn all() -> Vec<&'static dyn LiveRule> {
    vec![
        &tool_poisoning::ToolPoisoning,
        &hidden_content::HiddenContent,
        &tool_shadowing::ToolShadowing,
        &name_collision::NameCollision,
        &exec_capability::ExecCapability,
        &write_capability::WriteCapability,
        &toxic_flow::ToxicFlow,
        &rug_pull::RugPull,
    ]
}

/// The strongest signals that `keep` accepts (noise left out), as evidence text:
/// `"<IMPORTANT>" (fake-authority); …`. Signal evidence is already bounded, made visible
/// and secret-redacted by the scanner.
pub(crate) fn signal_evidence(v: &Verdict, keep: impl Fn(&Signal) -> bool) -> String {
    let mut sigs: Vec<&Signal> = v
        .signals
        .iter()
        .filter(|s| s.weight >= NOISE_FLOOR && keep(s))
        .collect();
    sigs.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.span.start.cmp(&b.span.start)));
    sigs.truncate(4);
    sigs.iter()
        .map(|s| format!("{:?} ({})", clip(&s.evidence, 120), s.kind))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Caps findings of one rule per server at [`super::MAX_FINDINGS_PER_SERVER`], adding one
/// finding that counts the rest.
pub(crate) struct Capped {
    counts: Vec<usize>,
}

impl Capped {
    pub fn new(cx: &LiveContext<'_>) -> Capped {
        Capped {
            counts: vec![0; cx.servers.len()],
        }
    }

    /// Whether another finding about `server` may be emitted.
    pub fn take(&mut self, server: usize) -> bool {
        match self.counts.get_mut(server) {
            Some(n) => {
                *n += 1;
                *n <= super::MAX_FINDINGS_PER_SERVER
            }
            None => false,
        }
    }

    /// Emits the "… and N more" findings.
    pub fn finish(self, cx: &LiveContext<'_>, meta: &'static RuleMeta, what: &str, out: &mut Vec<Finding>) {
        for (server, n) in self.counts.into_iter().enumerate() {
            if n > super::MAX_FINDINGS_PER_SERVER {
                let more = n - super::MAX_FINDINGS_PER_SERVER;
                let b = FindingBuilder::new(
                    meta,
                    format!("… and {more} more {what} on this server (not listed one by one)"),
                )
                .fix("Treat the whole server as untrusted until every one of them is reviewed.");
                cx.emit(server, b, "overflow", out);
            }
        }
    }
}
