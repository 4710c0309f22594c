//! `MW-WRT-001` write-capability: servers whose tools change or delete data.

use super::exec_capability::reasons;
use crate::finding::{Category, ChecklistItem, Severity};
use crate::inspect::{LiveContext, LiveRule};
use crate::rule::{FindingBuilder, RuleMeta};
use crate::Finding;
use mcpward_detect::capability::Capability;

pub struct WriteCapability;

pub(crate) static META: RuleMeta = RuleMeta {
    id: "MW-WRT-001",
    name: "write-tools",
    category: Category::WriteCapability,
    severity: Severity::Low,
    summary: "A server offers tools that write, change or delete data",
    checklist: Some(ChecklistItem::ReadOnlyMode),
    doc: r#"## What it finds
One finding per server listing its tools that mcpward's capability labeller marks `write`
or `destructive` (create, update, edit, move, send, delete, drop, …) — tools already
reported as `exec` by `MW-EXE-002` are not repeated. **medium** when at least one tool is
destructive (deletes, overwrites, drops), **low** otherwise. Annotations
(`destructiveHint`, `readOnlyHint`) add labels but never remove one.

## Why it matters
The seed: "Read-only by default, write only when proven. Every database, ticket-tracker,
and write-capable MCP should start in read-only mode … Most teams never need write
capabilities on most MCPs." And item 5: "require human approval for anything irreversible
(file deletion, transactions, message sends)". Knowing which tools write is the first step
to either.

## Example
`@modelcontextprotocol/server-filesystem` lists `write_file`, `edit_file`,
`create_directory` and `move_file` next to its read tools.

## Fix
Turn on the server's read-only mode if it has one (see `MW-RO-001`), or hide the write
tools the workflow does not need; put the irreversible ones behind approval (`mcpward wrap`
with `tools.approve`)."#,
};

impl LiveRule for WriteCapability {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &LiveContext<'_>, out: &mut Vec<Finding>) {
        for (i, s) in cx.servers.iter().enumerate() {
            let Some(labels) = cx.labels.get(i) else { continue };
            let mut writes = Vec::new();
            let mut destructive = Vec::new();
            let mut evidence = Vec::new();
            for (t, l) in s.tools.iter().zip(labels) {
                if l.has(Capability::Exec) || !(l.has(Capability::Write) || l.has(Capability::Destructive)) {
                    continue;
                }
                let name = t.name.escape_debug().to_string();
                if l.has(Capability::Destructive) {
                    if evidence.len() < 6 {
                        evidence.push(format!("{name}: {}", reasons(l, Capability::Destructive)));
                    }
                    destructive.push(name.clone());
                } else if evidence.len() < 6 {
                    evidence.push(format!("{name}: {}", reasons(l, Capability::Write)));
                }
                writes.push(name);
            }
            if writes.is_empty() {
                continue;
            }
            let shown = |v: &[String]| {
                let mut s = v.iter().take(12).cloned().collect::<Vec<_>>().join(", ");
                if v.len() > 12 {
                    s.push_str(&format!(", … ({} more)", v.len() - 12));
                }
                s
            };
            let mut message = format!("{} tool(s) can change data: {}", writes.len(), shown(&writes));
            if !destructive.is_empty() {
                message.push_str(&format!(" — destructive: {}", shown(&destructive)));
            }
            let b = FindingBuilder::new(&META, message)
                .severity(if destructive.is_empty() {
                    Severity::Low
                } else {
                    Severity::Medium
                })
                .evidence(evidence.join("; "))
                .fix(
                    "Use the server's read-only mode where the workflow allows, hide write tools it does not \
                     need, and require approval for irreversible ones (mcpward wrap with tools.approve).",
                );
            cx.emit(i, b, "write-tools", out);
        }
    }
}
