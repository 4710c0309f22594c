//! The seed's pre-install checklist, per server: each of the eight items
//! pass / fail / unknown, with the reason.
//!
//! Items are judged from the findings of the static rules (a finding that
//! names an item fails it) and from what the configuration itself shows (a
//! trusted publisher, a single filesystem root, a token passed by reference).
//! What only a later command can know is `unknown`, naming that command:
//! nothing is claimed that was not checked.

use crate::finding::{ChecklistItem, Finding, Severity};
use crate::knowledge::{self, Capability};
use crate::launch::{launch_spec, LaunchSpec};
use crate::rule::{display_path, Context};
use crate::rules::hardcoded_secret::literal_secrets;
use crate::secret_names::carries_credential;
use mcpward_config::{vars, Client, ServerEntry};
use serde::Serialize;
use std::path::PathBuf;

/// One item's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    Unknown,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemResult {
    pub item: ChecklistItem,
    pub number: u8,
    pub text: &'static str,
    pub status: Status,
    pub reason: String,
    /// The rules whose findings decided a `fail`.
    pub rules: Vec<&'static str>,
}

/// The checklist of one configured server.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServerChecklist {
    pub client: &'static str,
    pub scope: &'static str,
    pub file: PathBuf,
    pub line: u32,
    pub server: String,
    pub disabled: bool,
    pub items: Vec<ItemResult>,
}

impl ServerChecklist {
    pub fn count(&self, status: Status) -> usize {
        self.items.iter().filter(|i| i.status == status).count()
    }
}

/// The checklist of every server in the context. `findings` are the static
/// rules' findings over the same context (suppressed ones still count: the
/// checklist states facts, not what the user chose to accept).
pub fn checklist(cx: &Context<'_>, findings: &[Finding]) -> Vec<ServerChecklist> {
    cx.servers()
        .map(|entry| server_checklist(cx, entry, findings))
        .collect()
}

fn server_checklist(cx: &Context<'_>, entry: &ServerEntry, findings: &[Finding]) -> ServerChecklist {
    let mine: Vec<&Finding> = findings
        .iter()
        .filter(|f| {
            f.client == Some(entry.client)
                && f.server.as_deref() == Some(entry.name.as_str())
                && f.file.as_deref() == Some(entry.file.as_path())
        })
        .collect();
    let spec = launch_spec(entry);
    let known = knowledge::identify(entry, &spec);
    let creds = Credentials::of(cx, entry);
    let items = ChecklistItem::ALL
        .iter()
        .map(|&item| {
            let failing: Vec<&&Finding> = mine
                .iter()
                .filter(|f| f.checklist == Some(item) && f.severity > Severity::Info)
                .collect();
            let (status, reason) = if let Some(worst) = failing.iter().max_by_key(|f| f.severity) {
                (Status::Fail, worst.message.clone())
            } else {
                judge(item, entry, &spec, known, &creds)
            };
            let mut rules: Vec<&'static str> = failing.iter().map(|f| f.rule).collect();
            rules.sort_unstable();
            rules.dedup();
            ItemResult {
                item,
                number: item.number(),
                text: item.text(),
                status,
                reason,
                rules,
            }
        })
        .collect();
    ServerChecklist {
        client: entry.client.id(),
        scope: entry.scope.id(),
        file: entry.file.clone(),
        line: entry.pos.line,
        server: entry.name.clone(),
        disabled: entry.disabled,
        items,
    }
}

/// What the entry shows about credentials.
struct Credentials {
    /// Literal secrets (redacted descriptions).
    literal: Vec<String>,
    /// Any classic GitHub token among them.
    classic_github: bool,
    /// Names of env vars / headers that carry a credential by reference.
    referenced: Vec<String>,
}

impl Credentials {
    fn of(cx: &Context<'_>, entry: &ServerEntry) -> Credentials {
        let lits = literal_secrets(entry, cx.key);
        let classic_github = lits.iter().any(|s| s.kind == "github-pat");
        let mut referenced = Vec::new();
        for (name, value) in entry.env().iter().chain(entry.headers()) {
            if carries_credential(&name.value) && !vars::find_refs(&value.value).is_empty() {
                referenced.push(name.value.clone());
            }
        }
        Credentials {
            literal: lits.into_iter().map(|s| s.described).collect(),
            classic_github,
            referenced,
        }
    }

    fn any(&self) -> bool {
        !self.literal.is_empty() || !self.referenced.is_empty()
    }
}

/// The verdict of an item no finding failed.
fn judge(
    item: ChecklistItem,
    entry: &ServerEntry,
    spec: &LaunchSpec,
    known: Option<&'static knowledge::KnownServer>,
    creds: &Credentials,
) -> (Status, String) {
    use ChecklistItem::*;
    match item {
        TrustedMaintainer => match (&spec.package, known) {
            (_, Some(k)) if k.publisher.is_trusted() => {
                (Status::Pass, format!("{}: {} publisher", k.display, k.publisher.as_str()))
            }
            (Some(pkg), _) => {
                let (trust, _) = knowledge::publisher_of(pkg, spec.runner);
                if trust.is_trusted() {
                    (Status::Pass, format!("{} is under a trusted namespace ({})", pkg.name, trust.as_str()))
                } else {
                    (Status::Unknown, format!("{} is not on the trusted list: needs `mcpward vet`", pkg.name))
                }
            }
            (None, _) => match entry.url() {
                Some(url) => (Status::Unknown, format!("remote server at {}: confirm the operator is the service itself", host_of(&url.value))),
                None => (Status::Unknown, "a local command, not a published package: review its source (`mcpward vet` checks published packages)".into()),
            },
        },
        RecentCommit => (Status::Unknown, "needs `mcpward vet` (repository activity is not in the config; audit is offline)".into()),
        ToolListInspected => (Status::Unknown, "needs `mcpward inspect` to list the tools the server really offers".into()),
        TokenLeastPrivilege => {
            if creds.classic_github {
                (Status::Fail, "a classic GitHub token cannot be limited to repositories: re-issue it as fine-grained".into())
            } else if !creds.any() {
                (Status::Pass, "no token in the configuration".into())
            } else {
                (Status::Unknown, "a token's scopes are known only to its provider: confirm it was issued with least privilege".into())
            }
        }
        ReadOnlyMode => match known.and_then(|k| k.read_only.as_ref().map(|s| (k, s))) {
            Some((k, switch)) if switch.default_read_only => {
                (Status::Pass, format!("{} is read-only unless told otherwise", k.display))
            }
            Some((k, _)) => (Status::Pass, format!("{}'s read-only mode is on", k.display)),
            None => match known {
                Some(k) if !k.has(Capability::CredentialedWrite) && !k.has(Capability::DatabaseWrite) && !k.has(Capability::FilesystemWrite) && !k.has(Capability::Exec) => {
                    (Status::Pass, format!("{} does not write", k.display))
                }
                Some(k) => (Status::Unknown, format!("{} has no read-only switch mcpward knows of", k.display)),
                None => (Status::Unknown, "not a server mcpward knows: check its docs for a read-only mode".into()),
            },
        },
        FilesystemSingleProject => {
            let is_fs = known.is_some_and(|k| k.has(Capability::FilesystemRead) || k.has(Capability::FilesystemWrite))
                || spec.package.as_ref().is_some_and(|p| p.name.contains("filesystem"));
            if !is_fs {
                (Status::Pass, "not a filesystem server".into())
            } else {
                (Status::Pass, "its allowed directories are neither home nor sensitive".into())
            }
        }
        TokenViaReference => {
            if !creds.referenced.is_empty() {
                (Status::Pass, format!("passed by reference: {}", creds.referenced.join(", ")))
            } else if !creds.literal.is_empty() {
                // Literal secrets fail through MW-SEC-001; reaching here means it was not reported.
                (Status::Fail, format!("literal credential: {}", creds.literal.join(", ")))
            } else {
                (Status::Pass, "no token in the configuration".into())
            }
        }
        RotationReminder => {
            if creds.any() {
                (Status::Unknown, "needs `mcpward tokens` (tracks each token's age and writes calendar reminders)".into())
            } else {
                (Status::Pass, "no token to rotate".into())
            }
        }
    }
}

fn host_of(url: &str) -> String {
    crate::url::host_lowercase(url).unwrap_or_else(|| url.chars().take(60).collect())
}

/// Terminal rendering: one block a server.
pub fn render_table(lists: &[ServerChecklist], home: &std::path::Path, color: bool) -> String {
    let paint = |s: Status| -> String {
        let (code, label) = match s {
            Status::Pass => ("32", "pass   "),
            Status::Fail => ("31;1", "FAIL   "),
            Status::Unknown => ("33", "unknown"),
        };
        if color {
            format!("\u{1b}[{code}m{label}\u{1b}[0m")
        } else {
            label.to_owned()
        }
    };
    let mut out = String::new();
    for l in lists {
        out.push_str(&format!(
            "{} ({}, {} scope{})  {}:{}\n",
            crate::report::neutralize(&l.server),
            client_name(l.client),
            l.scope,
            if l.disabled { ", disabled" } else { "" },
            display_path(home, &l.file),
            l.line
        ));
        for i in &l.items {
            out.push_str(&format!(
                "  [{}] {}. {}\n            {}\n",
                paint(i.status),
                i.number,
                i.text,
                crate::report::neutralize(&i.reason)
            ));
        }
        out.push_str(&format!(
            "  {} pass, {} fail, {} unknown\n\n",
            l.count(Status::Pass),
            l.count(Status::Fail),
            l.count(Status::Unknown)
        ));
    }
    if lists.is_empty() {
        out.push_str("No MCP servers found.\n");
    }
    out
}

/// Markdown rendering, for PR comments and issues.
pub fn render_markdown(lists: &[ServerChecklist], home: &std::path::Path) -> String {
    let mut out = String::from("# MCP pre-install checklist\n\n");
    for l in lists {
        out.push_str(&format!(
            "## `{}` ({}) — `{}:{}`\n\n| # | item | status | why |\n|---|---|---|---|\n",
            l.server.replace('`', "'"),
            client_name(l.client),
            display_path(home, &l.file),
            l.line
        ));
        for i in &l.items {
            out.push_str(&format!(
                "| {} | {} | **{}** | {} |\n",
                i.number,
                i.text,
                i.status.as_str(),
                crate::report::neutralize(&i.reason).replace('|', "\\|")
            ));
        }
        out.push('\n');
    }
    out
}

fn client_name(id: &str) -> &'static str {
    Client::from_id(id).map_or("unknown client", Client::display_name)
}
