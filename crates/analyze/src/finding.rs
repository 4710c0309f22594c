//! What a rule reports: one [`Finding`], with the fixed vocabulary of DESIGN.md.

use mcpward_config::{Client, Pos};
use serde::{Serialize, Serializer};
use std::path::PathBuf;

/// How bad a finding is. Ordered: `Info < Low < Medium < High < Critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|v| v.as_str().eq_ignore_ascii_case(s))
    }
}

impl Serialize for Severity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! categories {
    ($($variant:ident => $id:literal,)*) => {
        /// The fixed finding categories of DESIGN.md; scripts match on these strings.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Category { $($variant,)* }

        impl Category {
            pub const ALL: &'static [Category] = &[$(Category::$variant,)*];
            pub fn as_str(self) -> &'static str {
                match self { $(Category::$variant => $id,)* }
            }
        }
    };
}

categories! {
    FilesystemScope => "filesystem-scope",
    HardcodedSecret => "hardcoded-secret",
    SecretInGit => "secret-in-git",
    ConfigPermissions => "config-permissions",
    UnpinnedPackage => "unpinned-package",
    UntrustedPublisher => "untrusted-publisher",
    SupplyChain => "supply-chain",
    ExecCapability => "exec-capability",
    WriteCapability => "write-capability",
    ReadOnlyAvailable => "read-only-available",
    ToxicFlow => "toxic-flow",
    InsecureTransport => "insecure-transport",
    AutoApprove => "auto-approve",
    ToolPoisoning => "tool-poisoning",
    HiddenContent => "hidden-content",
    ToolShadowing => "tool-shadowing",
    NameCollision => "name-collision",
    RugPull => "rug-pull",
    PromptInjection => "prompt-injection",
    SecretInOutput => "secret-in-output",
    UnexpectedProcess => "unexpected-process",
    TokenRotation => "token-rotation",
    ParseError => "parse-error",
}

impl Serialize for Category {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The eight items of the seed's pre-install checklist ("MCP install audit").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChecklistItem {
    /// Maintainer is the underlying service OR a known/trusted org
    TrustedMaintainer = 1,
    /// Source repo has a recent commit (last 60 days)
    RecentCommit = 2,
    /// Tool list inspected — no surprise exec/shell/eval tools
    ToolListInspected = 3,
    /// Token scoped to least privilege (re-issued, not edited)
    TokenLeastPrivilege = 4,
    /// Read-only mode enabled where the workflow allows it
    ReadOnlyMode = 5,
    /// Filesystem paths point to a single project, not $HOME
    FilesystemSingleProject = 6,
    /// Token reference is via env / inputs / VAR — not hardcoded
    TokenViaReference = 7,
    /// Calendar reminder set for 90-day rotation
    RotationReminder = 8,
}

impl ChecklistItem {
    pub const ALL: [ChecklistItem; 8] = [
        ChecklistItem::TrustedMaintainer,
        ChecklistItem::RecentCommit,
        ChecklistItem::ToolListInspected,
        ChecklistItem::TokenLeastPrivilege,
        ChecklistItem::ReadOnlyMode,
        ChecklistItem::FilesystemSingleProject,
        ChecklistItem::TokenViaReference,
        ChecklistItem::RotationReminder,
    ];

    /// The item's number in the seed's list (1–8).
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The item's text, as the seed words it.
    pub fn text(self) -> &'static str {
        match self {
            ChecklistItem::TrustedMaintainer => "Maintainer is the underlying service OR a known/trusted org",
            ChecklistItem::RecentCommit => "Source repo has a recent commit (last 60 days)",
            ChecklistItem::ToolListInspected => "Tool list inspected — no surprise exec/shell/eval tools",
            ChecklistItem::TokenLeastPrivilege => "Token scoped to least privilege (re-issued, not edited)",
            ChecklistItem::ReadOnlyMode => "Read-only mode enabled where the workflow allows it",
            ChecklistItem::FilesystemSingleProject => "Filesystem paths point to a single project, not $HOME",
            ChecklistItem::TokenViaReference => "Token reference is via env / inputs / VAR — not hardcoded",
            ChecklistItem::RotationReminder => "Calendar reminder set for 90-day rotation",
        }
    }

    /// A short stable id, used in JSON (`checklist` field).
    pub fn id(self) -> &'static str {
        match self {
            ChecklistItem::TrustedMaintainer => "trusted-maintainer",
            ChecklistItem::RecentCommit => "recent-commit",
            ChecklistItem::ToolListInspected => "tool-list-inspected",
            ChecklistItem::TokenLeastPrivilege => "token-least-privilege",
            ChecklistItem::ReadOnlyMode => "read-only-mode",
            ChecklistItem::FilesystemSingleProject => "filesystem-single-project",
            ChecklistItem::TokenViaReference => "token-via-reference",
            ChecklistItem::RotationReminder => "rotation-reminder",
        }
    }
}

impl Serialize for ChecklistItem {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// Why a finding does not count against `--fail-on`: the user accepted it on purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suppression {
    /// `ignore` (command line), `baseline` (baseline file) or `allow` (mcpward config).
    pub kind: String,
    /// Where the acceptance is written (file:line), when it is written somewhere.
    pub source: Option<String>,
    /// The reason the user gave, if any.
    pub reason: Option<String>,
}

/// One finding. Field names and meanings are a contract (DESIGN.md, "A finding in JSON").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable rule id, e.g. `MW-FS-001`.
    pub rule: &'static str,
    pub category: Category,
    pub severity: Severity,
    #[serde(serialize_with = "ser_client")]
    pub client: Option<Client>,
    pub server: Option<String>,
    /// Serialised lossily: a path that is not UTF-8 must not fail the report.
    #[serde(serialize_with = "ser_path")]
    pub file: Option<PathBuf>,
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    pub message: String,
    /// What was seen; secrets are always redacted before they get here.
    pub evidence: Option<String>,
    pub fix: String,
    pub checklist: Option<ChecklistItem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool: Option<String>,
    /// A stable identity across runs (SARIF `partialFingerprints`, baselines).
    pub fingerprint: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<Suppression>,
}

fn ser_client<S: Serializer>(c: &Option<Client>, s: S) -> Result<S::Ok, S::Error> {
    match c {
        Some(c) => s.serialize_str(c.id()),
        None => s.serialize_none(),
    }
}

fn ser_path<S: Serializer>(p: &Option<PathBuf>, s: S) -> Result<S::Ok, S::Error> {
    match p {
        Some(p) => s.serialize_str(&p.to_string_lossy()),
        None => s.serialize_none(),
    }
}

impl Finding {
    /// Sets position fields from a source position.
    pub fn at(mut self, pos: Pos) -> Self {
        if pos.line > 0 {
            self.line = Some(pos.line);
            self.column = Some(pos.col);
        }
        self
    }
}
