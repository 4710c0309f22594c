//! `MW-APR-001` auto-approve: client settings that run tools without asking —
//! per server (`alwaysAllow`, `autoApprove`, Gemini `trust`) or client-wide
//! (Claude Code `enableAllProjectMcpServers`, Codex `approval_policy = "never"`).

use crate::finding::{Category, Severity};
use crate::rule::{Context, FindingBuilder, Rule, RuleMeta};
use crate::Finding;

pub struct AutoApprove;

static META: RuleMeta = RuleMeta {
    id: "MW-APR-001",
    name: "auto-approve",
    category: Category::AutoApprove,
    severity: Severity::High,
    summary: "Tools or servers that the client runs without asking the user first",
    checklist: None,
    doc: r#"## What it finds
- Per server: Cline `alwaysAllow`, Windsurf/Kiro `autoApprove` lists (the tools are
  listed; **critical** for `*` wildcards, **high** when a tool name reads as a write or
  exec action — write, edit, delete, exec, run, shell, push, send, create, move, drop…;
  **medium** otherwise), and Gemini CLI `"trust": true` (**high**: every confirmation
  for that server is skipped).
- Client-wide: Claude Code `enableAllProjectMcpServers: true` (**high**: any repository
  you open can add and start servers from its `.mcp.json`), Codex
  `approval_policy = "never"` and `sandbox_mode = "danger-full-access"` (**high**).

## Why it matters
The seed: "require human approval for anything irreversible (file deletion, transactions,
message sends); never combine an internet-reading MCP with a credentialed-write MCP under an
autonomous agent without an approval gate." Auto-approval removes that gate: one
prompt-injected web page or issue comment is enough to make the model call a write tool,
and no one is asked. The seed also says to "Enable Claude's built-in tool-call
confirmation prompts".

## Example
```json
{ "mcpServers": { "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
  "alwaysAllow": ["get_issue", "create_pull_request", "push_files"] } } }
```

## Fix
Auto-approve only read tools you have inspected (`get_*`, `list_*`, `search_*`), never
`*`. Remove Gemini `trust: true`. In Claude Code approve project servers one by one
(`enabledMcpjsonServers`) instead of `enableAllProjectMcpServers`. In Codex use
`approval_policy = "on-request"` (or `untrusted`) and `sandbox_mode = "workspace-write"`.
`mcpward wrap` with `tools.approve` puts a human gate outside the client."#,
};

/// Words that mark a tool as one that changes something or runs code.
const RISKY_WORDS: &[&str] = &[
    "write", "edit", "delete", "remove", "rm", "exec", "execute", "run", "shell", "bash", "cmd", "command", "terminal",
    "eval", "spawn", "kill", "push", "send", "post", "publish", "create", "update", "upsert", "insert", "modify",
    "patch", "put", "set", "move", "rename", "copy", "drop", "truncate", "merge", "commit", "deploy", "install",
    "upload", "transfer", "pay", "charge", "refund", "invite", "grant", "apply", "script",
];

/// Splits `create_pull_request`, `pushFiles`, `fs.write-file` into lower-case words.
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// True when a tool name reads as a write or exec action.
pub(crate) fn is_risky_tool(name: &str) -> bool {
    words(name).iter().any(|w| RISKY_WORDS.contains(&w.as_str()))
}

impl Rule for AutoApprove {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for entry in cx.servers() {
            let allow = &entry.trust.always_allow;
            if !allow.is_empty() {
                let wildcard = allow.iter().any(|t| t.value.contains('*'));
                let risky: Vec<&str> = allow
                    .iter()
                    .map(|t| t.value.as_str())
                    .filter(|t| is_risky_tool(t))
                    .collect();
                let (severity, why) = if wildcard {
                    (
                        Severity::Critical,
                        "a wildcard: every tool, present and future, runs unasked".to_owned(),
                    )
                } else if !risky.is_empty() {
                    (
                        Severity::High,
                        format!("including tools that change things or run code ({})", risky.join(", ")),
                    )
                } else {
                    (Severity::Medium, "read tools only, by their names".to_owned())
                };
                let listed: Vec<&str> = allow.iter().map(|t| t.value.as_str()).collect();
                FindingBuilder::new(
                    &META,
                    format!(
                        "{} auto-approves {} tool(s) of server \"{}\" without asking: {why}",
                        entry.client.display_name(),
                        allow.len(),
                        entry.name
                    ),
                )
                .server(entry)
                .at(allow[0].pos)
                .severity(severity)
                .evidence(format!("auto-approved: {}", listed.join(", ")))
                .fix(
                    "Auto-approve only read tools you have inspected (never `*`); remove write, delete, send and \
                     exec tools from the list so each call is confirmed.",
                )
                .identity("always-allow")
                .push(cx, out);
            }
            if let Some(t) = entry.trust.trust.as_ref().filter(|t| t.value) {
                FindingBuilder::new(
                    &META,
                    format!(
                        "{} trusts server \"{}\": every tool call confirmation for it is skipped",
                        entry.client.display_name(),
                        entry.name
                    ),
                )
                .server(entry)
                .at(t.pos)
                .severity(Severity::High)
                .evidence("trust: true")
                .fix(format!(
                    "Remove `\"trust\": true` so {} asks before each tool call of this server.",
                    entry.client.display_name()
                ))
                .identity("trust")
                .push(cx, out);
            }
        }

        for file in cx.files {
            for s in &file.settings {
                let key = s.key.rsplit('.').next().unwrap_or(&s.key);
                let value = s.value.trim().trim_matches('"').to_ascii_lowercase();
                let (message, fix) = match (key, value.as_str()) {
                    ("enableAllProjectMcpServers", "true") => (
                        "Claude Code starts every server of any project's .mcp.json without asking: a repository \
                         you clone can add servers",
                        "Remove `enableAllProjectMcpServers`, and approve project servers one by one with \
                         `enabledMcpjsonServers`.",
                    ),
                    ("approval_policy", "never") => (
                        "Codex never asks before running commands or tools (approval_policy = \"never\")",
                        "Use `approval_policy = \"on-request\"` (or \"untrusted\") so irreversible actions are \
                         confirmed.",
                    ),
                    ("sandbox_mode", "danger-full-access") => (
                        "Codex runs commands without its sandbox (sandbox_mode = \"danger-full-access\")",
                        "Use `sandbox_mode = \"workspace-write\"` (or \"read-only\").",
                    ),
                    _ => continue,
                };
                FindingBuilder::new(&META, message)
                    .file(file)
                    .at(s.pos)
                    .severity(Severity::High)
                    .evidence(format!("{} = {}", s.key, s.value))
                    .fix(fix)
                    .identity(format!("setting:{}", s.key))
                    .push(cx, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn risky_names() {
        for t in [
            "write_file",
            "pushFiles",
            "create_pull_request",
            "run-command",
            "execute_sql",
            "DeleteRepo",
            "fs.move",
        ] {
            assert!(is_risky_tool(t), "{t}");
        }
        for t in [
            "get_issue",
            "list_directory",
            "search_code",
            "read_text_file",
            "runtime_info",
            "settings_get",
        ] {
            assert!(!is_risky_tool(t), "{t}");
        }
    }
}
