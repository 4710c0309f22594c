//! `MW-FLOW-001` toxic-flow: one client with both a server that reads the open
//! internet and a server that can act with the user's credentials.

use crate::finding::{Category, Severity};
use crate::knowledge::{self, Capability, ReadOnlyState};
use crate::launch::launch_spec;
use crate::rule::{Context, FindingBuilder, Rule, RuleMeta};
use crate::Finding;
use mcpward_config::{Client, Scope, ServerEntry};
use std::collections::BTreeSet;
use std::path::PathBuf;

pub struct ToxicFlow;

static META: RuleMeta = RuleMeta {
    id: "MW-FLOW-001",
    name: "toxic-flow",
    category: Category::ToxicFlow,
    severity: Severity::High,
    summary: "An internet-reading server and a credentialed-write server in the same client",
    checklist: None,
    doc: r#"## What it finds
Within one client (all of its configuration files together, disabled servers left out),
every pair of:
- a **source**: a server that brings untrusted content from the internet into the model —
  fetch, browser automation (Puppeteer, Playwright, Browserbase), web search (Brave, Exa,
  Tavily), scraping (Firecrawl), documentation from public repositories (Context7, DeepWiki);
- a **sink**: a server that acts with the user's credentials — GitHub, GitLab, Slack, email,
  Stripe/PayPal/Square payments, Notion, Linear, Jira/Confluence, cloud accounts, databases
  with write access — or, less severely, writes local files.

One finding per sink, pointing at it and naming every source that can reach it. Servers
meet only when they can be loaded together: user-wide servers with everything, but the
servers of two different projects (Claude Code `projects.<path>`, project `.mcp.json`,
`.vscode/mcp.json`…) never with each other.
Severity: **critical** when the sink's tools are auto-approved (`alwaysAllow`/`autoApprove`
listing a tool that is not a plain read such as `get_*`/`list_*`/`search_*`, a `*`
wildcard, Gemini `trust: true`, or Codex `approval_policy = "never"`); **high** otherwise;
one step lower when the sink only writes local files. A sink whose read-only switch is on
(see `MW-RO-001`) is not a sink. Servers mcpward does not know are classified from their
package name, and the finding says so.

## Why it matters
The seed, item 5: "A web-search or web-scraping MCP can return content that contains
injected instructions. The model may follow those instructions, especially if the
surrounding tools have write capabilities. Mitigations: keep read-only and write tools in
separate clients when possible; require human approval for anything irreversible (file
deletion, transactions, message sends); never combine an internet-reading MCP with a
credentialed-write MCP under an autonomous agent without an approval gate." A page the
model fetched can tell it to open a pull request with your secrets, post to Slack, or
refund a payment — and with auto-approval no one is asked.

## Example
```json
{ "mcpServers": {
  "fetch":  { "command": "uvx", "args": ["mcp-server-fetch"] },
  "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
              "alwaysAllow": ["create_pull_request", "push_files"] } } }
```

## Fix
Separate clients, or require approval for irreversible actions: keep the internet-reading
server and the credentialed-write server in different clients (or profiles); otherwise
remove auto-approval from the write server's tools, turn on its read-only mode where the
workflow allows, and put irreversible tools behind a human gate (`mcpward wrap` with
`tools.approve`)."#,
};

/// Words that start a tool name that only reads.
const READ_WORDS: &[&str] = &[
    "get", "list", "search", "read", "describe", "view", "find", "show", "count", "lookup", "fetch",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum SinkKind {
    Credentialed,
    LocalFiles,
}

struct Node<'a> {
    entry: &'a ServerEntry,
    project: Option<PathBuf>,
    label: String,
    guessed: bool,
    source: bool,
    sink: Option<SinkKind>,
}

impl Rule for ToxicFlow {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let clients: BTreeSet<Client> = cx.servers().map(|e| e.client).collect();
        for client in clients {
            let nodes: Vec<Node<'_>> = cx
                .servers()
                .filter(|e| e.client == client && !e.disabled)
                .filter_map(classify)
                .collect();
            let never_ask = client_never_asks(cx, client);
            for sink in nodes.iter().filter(|n| n.sink.is_some()) {
                let mut sources: Vec<&Node<'_>> = Vec::new();
                for source in nodes.iter().filter(|n| n.source) {
                    let same_server = std::ptr::eq(source.entry, sink.entry) || source.entry.name == sink.entry.name;
                    let already = sources.iter().any(|s| s.entry.name == source.entry.name);
                    if !same_server && !already && run_together(source, sink) {
                        sources.push(source);
                    }
                }
                if !sources.is_empty() {
                    report(cx, out, &sources, sink, never_ask.as_deref());
                }
            }
        }
    }
}

/// Whether two servers of one client can be loaded in the same session: a
/// user-wide server runs with everything, but servers of two different
/// projects never meet.
fn run_together(a: &Node<'_>, b: &Node<'_>) -> bool {
    match (&a.project, &b.project) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// The project a server belongs to: Claude Code's `projects.<path>` entries,
/// and project-scope files (the directory above the nearest dot-directory, or
/// the file's own directory for `.mcp.json` and `opencode.json`).
fn project_of(entry: &ServerEntry) -> Option<PathBuf> {
    match entry.scope {
        Scope::Local => entry.project.as_ref().map(PathBuf::from),
        Scope::Project => {
            let dir = entry.file.parent()?;
            let dotted = dir
                .ancestors()
                .take(3)
                .find(|d| d.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')));
            Some(match dotted {
                Some(d) => d.parent().unwrap_or(d).to_path_buf(),
                None => dir.to_path_buf(),
            })
        }
        Scope::User | Scope::Managed | Scope::Plugin => None,
    }
}

fn classify(entry: &ServerEntry) -> Option<Node<'_>> {
    let spec = launch_spec(entry);
    let (caps, label, guessed, read_only) = match knowledge::identify(entry, &spec) {
        Some(k) => {
            let ro = k
                .read_only
                .as_ref()
                .is_some_and(|sw| matches!(knowledge::read_only_state(entry, &spec, sw), ReadOnlyState::On(_)));
            (k.caps.to_vec(), k.display.to_owned(), false, ro)
        }
        None => {
            let pkg = spec.package.as_ref()?;
            let caps = knowledge::infer_caps(&pkg.name);
            (caps, pkg.name.clone(), true, false)
        }
    };
    let source = caps.contains(&Capability::InternetRead) || caps.contains(&Capability::Browser);
    let sink = if read_only {
        None
    } else if caps.contains(&Capability::CredentialedWrite) || caps.contains(&Capability::DatabaseWrite) {
        Some(SinkKind::Credentialed)
    } else if caps.contains(&Capability::FilesystemWrite) {
        Some(SinkKind::LocalFiles)
    } else {
        None
    };
    if !source && sink.is_none() {
        return None;
    }
    Some(Node {
        entry,
        project: project_of(entry),
        label,
        guessed,
        source,
        sink,
    })
}

/// Tools of `entry` the client runs without asking, other than plain reads.
fn auto_approved(entry: &ServerEntry) -> Vec<String> {
    let mut out = Vec::new();
    if entry.trust.trust.as_ref().is_some_and(|t| t.value) {
        out.push("trust: true".to_owned());
    }
    for tool in &entry.trust.always_allow {
        let name = tool.as_str();
        let first = name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("")
            .to_ascii_lowercase();
        // camelCase: `getIssue` starts with `get`.
        let reads = READ_WORDS.iter().any(|w| {
            first == *w || (first.starts_with(w) && name.chars().nth(w.len()).is_some_and(|c| c.is_uppercase()))
        });
        if name == "*" || !reads {
            out.push(name.to_owned());
        }
    }
    out
}

/// Client-wide "never ask" settings (Codex `approval_policy = "never"`).
fn client_never_asks(cx: &Context<'_>, client: Client) -> Option<String> {
    cx.files
        .iter()
        .filter(|f| f.client == client)
        .flat_map(|f| f.settings.iter())
        .find(|s| {
            (s.key == "approval_policy" || s.key.ends_with(".approval_policy"))
                && s.value.trim_matches(['"', '\'']).eq_ignore_ascii_case("never")
        })
        .map(|s| format!("{} = {}", s.key, s.value))
}

fn report(cx: &Context<'_>, out: &mut Vec<Finding>, sources: &[&Node<'_>], sink: &Node<'_>, never_ask: Option<&str>) {
    let kind = sink.sink.unwrap_or(SinkKind::Credentialed);
    let mut ungated = auto_approved(sink.entry);
    if let Some(setting) = never_ask {
        ungated.push(setting.to_owned());
    }
    let severity = match (kind, ungated.is_empty()) {
        (SinkKind::Credentialed, false) => Severity::Critical,
        (SinkKind::Credentialed, true) => Severity::High,
        (SinkKind::LocalFiles, false) => Severity::High,
        (SinkKind::LocalFiles, true) => Severity::Medium,
    };
    let what = match kind {
        SinkKind::Credentialed => "acts with your credentials",
        SinkKind::LocalFiles => "writes local files",
    };
    let guess = if sink.guessed || sources.iter().any(|s| s.guessed) {
        " (classified from the package name)"
    } else {
        ""
    };
    let gate = if ungated.is_empty() {
        "its tools still ask before running, but one approval of an injected request is enough".to_owned()
    } else {
        format!("with no approval gate: {} run without asking", ungated.join(", "))
    };
    let named: Vec<String> = sources
        .iter()
        .map(|s| format!("\"{}\" ({})", s.entry.name, s.label))
        .collect();
    let reads = if sources.len() == 1 { "reads" } else { "read" };
    let message = format!(
        "{} {reads} untrusted internet content and \"{}\" ({}) {what} in the same {} client{guess}; {gate}",
        named.join(", "),
        sink.entry.name,
        sink.label,
        sink.entry.client.display_name()
    );
    let from: Vec<String> = sources
        .iter()
        .map(|s| format!("{} ({})", s.entry.name, cx.display_path(&s.entry.file)))
        .collect();
    FindingBuilder::new(&META, message)
        .server(sink.entry)
        .severity(severity)
        .evidence(format!(
            "source{}: {} → sink: {} ({})",
            if sources.len() == 1 { "" } else { "s" },
            from.join(", "),
            sink.entry.name,
            cx.display_path(&sink.entry.file)
        ))
        .fix(
            "Separate clients, or require approval for irreversible actions (seed item 5: \"keep read-only and \
             write tools in separate clients when possible; require human approval for anything irreversible\"). \
             Remove auto-approval from the write server, use its read-only mode where the workflow allows, and \
             gate irreversible tools with `mcpward wrap` (tools.approve).",
        )
        // The sink alone: a new source joining the flow does not make it a new finding.
        .identity(format!("sink:{}", sink.entry.name))
        .push(cx, out);
}
