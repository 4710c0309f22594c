//! `MW-EXE-002` exec-capability (live): tools that can run commands or code on the host,
//! from what the server really offers (`MW-EXE-001` judges the configuration).

use super::Capped;
use crate::finding::{Category, ChecklistItem, Severity};
use crate::inspect::{clip, LiveContext, LiveRule};
use crate::rule::{FindingBuilder, RuleMeta};
use crate::Finding;
use mcpward_detect::capability::{Capability, ToolLabels};

pub struct ExecCapability;

pub(crate) static META: RuleMeta = RuleMeta {
    id: "MW-EXE-002",
    name: "exec-tool",
    category: Category::ExecCapability,
    severity: Severity::High,
    summary: "A server offers a tool that runs shell commands or code",
    checklist: Some(ChecklistItem::ToolListInspected),
    doc: r#"## What it finds
Every tool the server actually lists that mcpward's capability labeller marks `exec`: tool
names and descriptions about running commands, shells, scripts or code (`run_command`,
`execute`, `shell`, `eval`, `exec`, `run_python`, `terminal`…), and input schemas with a
`command`/`script`/`code` parameter. One finding per tool, with the reasons the label was
given. Annotations cannot talk a tool out of the label (`readOnlyHint: true` on `exec` is
recorded as a disagreement).

## Why it matters
The seed's checklist item 3: "Tool list inspected — no surprise exec/shell/eval tools", and
"Many community MCPs include "exec" or "shell" tools that let the model run arbitrary
commands — that is rarely what you actually want … Look for: exec, shell, run, eval, os.* —
these are write/exec capabilities." A tool that runs commands runs them with your account:
one injected web page or issue is enough to ask for `curl … | sh`.

## Example
```json
{ "name": "execute_command",
  "description": "Execute a terminal command and return its output.",
  "inputSchema": { "type": "object", "properties": { "command": { "type": "string" } } } }
```

## Fix
If the workflow does not need command execution, use a focused server without it, or hide
the tool (client `excludeTools`/`disabled_tools`, or `mcpward wrap` with `tools.deny`). If it
does, run the server sandboxed (`mcpward run`) and require approval for every call
(`tools.approve`)."#,
};

/// The reasons of one label as evidence.
pub(crate) fn reasons(labels: &ToolLabels, cap: Capability) -> String {
    labels
        .get(cap)
        .map(|l| {
            l.reasons
                .iter()
                .take(4)
                .map(|r| clip(&r.detail, 80))
                .collect::<Vec<_>>()
                .join("; ")
        })
        .unwrap_or_default()
}

impl LiveRule for ExecCapability {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &LiveContext<'_>, out: &mut Vec<Finding>) {
        let mut cap = Capped::new(cx);
        for (i, s) in cx.servers.iter().enumerate() {
            let Some(labels) = cx.labels.get(i) else { continue };
            for (t, l) in s.tools.iter().zip(labels) {
                if !l.has(Capability::Exec) || !cap.take(i) {
                    continue;
                }
                let b = FindingBuilder::new(
                    &META,
                    format!("Tool `{}` can run commands or code on the host", t.name.escape_debug()),
                )
                .tool(t.name.clone())
                .evidence(reasons(l, Capability::Exec))
                .fix(
                    "Hide the tool if the workflow does not need it (excludeTools / mcpward wrap with tools.deny); \
                     otherwise run the server sandboxed and require approval for each call.",
                );
                cx.emit(i, b, &format!("tool/{}", t.name), out);
            }
        }
        cap.finish(cx, &META, "exec tools", out);
    }
}
