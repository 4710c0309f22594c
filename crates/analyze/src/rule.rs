//! The rule interface: static metadata (id, category, docs) plus a check over
//! the whole set of configuration files.

use crate::finding::{Category, ChecklistItem, Finding, Severity};
use mcpward_config::{ConfigFile, Pos, ServerEntry};
use mcpward_detect::secrets::FingerprintKey;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// What `mcpward rules` lists and `mcpward rules explain` prints.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable id, e.g. `MW-FS-001`. Never reused once published.
    pub id: &'static str,
    /// Stable kebab-case name, accepted wherever an id is (`--ignore filesystem-scope`).
    pub name: &'static str,
    pub category: Category,
    /// Default severity; a finding may raise or lower it with reason.
    pub severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// The seed checklist item the rule enforces, if any.
    pub checklist: Option<ChecklistItem>,
    /// The long doc, in four parts: what it finds, why it matters, example, fix.
    pub doc: &'static str,
}

/// A static check. Rules are pure over the [`Context`]; the few that must look
/// at the file system (permissions, git, symlinks) do so through it.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
}

/// Everything a rule may look at.
pub struct Context<'a> {
    pub files: &'a [ConfigFile],
    /// The home directory discovery used (for `~` display and "is this $HOME?").
    pub home: &'a Path,
    /// Key for secret fingerprints, so the same secret is recognisable across
    /// runs without being stored.
    pub key: &'a FingerprintKey,
}

impl<'a> Context<'a> {
    pub fn new(files: &'a [ConfigFile], home: &'a Path, key: &'a FingerprintKey) -> Self {
        Context { files, home, key }
    }

    /// Every server entry of every file, in discovery order.
    pub fn servers(&self) -> impl Iterator<Item = &'a ServerEntry> + 'a {
        self.files.iter().flat_map(|f| f.servers.iter())
    }

    /// Shows a path with the home directory as `~`.
    pub fn display_path(&self, p: &Path) -> String {
        display_path(self.home, p)
    }
}

/// Shows a path with `home` as `~`.
pub fn display_path(home: &Path, p: &Path) -> String {
    match p.strip_prefix(home) {
        Ok(rest) if !home.as_os_str().is_empty() => {
            if rest.as_os_str().is_empty() {
                "~".to_owned()
            } else {
                format!("~/{}", rest.display())
            }
        }
        _ => p.display().to_string(),
    }
}

/// Builds a [`Finding`] step by step; `finish` computes the stable fingerprint.
pub struct FindingBuilder {
    finding: Finding,
    identity: String,
}

impl FindingBuilder {
    pub fn new(meta: &'static RuleMeta, message: impl Into<String>) -> Self {
        FindingBuilder {
            finding: Finding {
                rule: meta.id,
                category: meta.category,
                severity: meta.severity,
                client: None,
                server: None,
                file: None,
                line: None,
                column: None,
                message: message.into(),
                evidence: None,
                fix: String::new(),
                checklist: meta.checklist,
                tool: None,
                fingerprint: String::new(),
                suppressed: None,
            },
            identity: String::new(),
        }
    }

    /// About one server entry: client, server name, file and the entry's position.
    pub fn server(mut self, entry: &ServerEntry) -> Self {
        self.finding.client = Some(entry.client);
        self.finding.server = Some(entry.name.clone());
        self.finding.file = Some(entry.file.clone());
        self.at(entry.pos)
    }

    /// Names the server without taking its position (e.g. a broken entry).
    pub fn server_name(mut self, name: &str) -> Self {
        self.finding.server = Some(name.to_owned());
        self
    }

    /// About a file as a whole.
    pub fn file(mut self, file: &ConfigFile) -> Self {
        self.finding.client = Some(file.client);
        self.finding.file = Some(file.path.clone());
        self
    }

    pub fn path(mut self, path: PathBuf) -> Self {
        self.finding.file = Some(path);
        self
    }

    /// Points at a more precise position than the entry's.
    pub fn at(mut self, pos: Pos) -> Self {
        self.finding = self.finding.at(pos);
        self
    }

    /// [`FindingBuilder::at`] when the position is known (e.g. from
    /// [`crate::launch::word_pos`]); otherwise keeps the one it has.
    pub fn at_if(self, pos: Option<Pos>) -> Self {
        match pos {
            Some(pos) => self.at(pos),
            None => self,
        }
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.finding.severity = severity;
        self
    }

    pub fn evidence(mut self, evidence: impl Into<String>) -> Self {
        self.finding.evidence = Some(evidence.into());
        self
    }

    pub fn fix(mut self, fix: impl Into<String>) -> Self {
        self.finding.fix = fix.into();
        self
    }

    pub fn tool(mut self, tool: impl Into<String>) -> Self {
        self.finding.tool = Some(tool.into());
        self
    }

    pub fn checklist(mut self, item: Option<ChecklistItem>) -> Self {
        self.finding.checklist = item;
        self
    }

    /// What distinguishes this finding from others of the same rule on the same
    /// server (an env var name, an argument). Part of the fingerprint; must not
    /// contain a raw secret, and should not contain line numbers, so that the
    /// fingerprint survives edits elsewhere in the file.
    pub fn identity(mut self, identity: impl Into<String>) -> Self {
        self.identity = identity.into();
        self
    }

    /// Computes the fingerprint (with `home` shown as `~` so it is the same on
    /// every machine) and returns the finding.
    pub fn finish(mut self, home: &Path) -> Finding {
        let f = &mut self.finding;
        let mut h = Sha256::new();
        for part in [
            f.rule,
            f.client.map_or("", |c| c.id()),
            &f.file.as_deref().map(|p| display_path(home, p)).unwrap_or_default(),
            f.server.as_deref().unwrap_or(""),
            f.tool.as_deref().unwrap_or(""),
            &self.identity,
        ] {
            h.update(part.as_bytes());
            h.update([0u8]);
        }
        let digest = h.finalize();
        f.fingerprint = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
        self.finding
    }

    /// Finishes the finding into `out`.
    pub fn push(self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        out.push(self.finish(cx.home));
    }
}
