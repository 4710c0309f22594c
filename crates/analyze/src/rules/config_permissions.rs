//! `MW-SEC-003` config-permissions: a config file that other local users can read
//! (while it holds a literal secret) or write (always).

use crate::finding::{Category, ChecklistItem, Severity};
use crate::rule::{Context, Rule, RuleMeta};
use crate::Finding;

pub struct ConfigPermissions;

static META: RuleMeta = RuleMeta {
    id: "MW-SEC-003",
    name: "config-permissions",
    category: Category::ConfigPermissions,
    severity: Severity::High,
    summary: "A config file readable by other users while it holds a secret, or writable by other users",
    checklist: Some(ChecklistItem::TokenViaReference),
    doc: r#"## What it finds
On Unix (macOS, Linux):
- a configuration file that holds a literal secret (see `hardcoded-secret`) and whose
  mode lets the group or other users read it (`mode & 044`, e.g. `0644`);
- any configuration file other users can write (`mode & 002`), or whose directory other
  users can write without the sticky bit (they can replace the file).

A symlinked config is judged by the file it points to. Nothing is checked on Windows,
whose ACLs this rule does not read.

## Why it matters
The seed: "Environment variables passed in the config are readable by the server process"
— and by anyone else who can read the file. A token in a world-readable file is shared
with every account and service on the machine. A file other users can write lets them
add a server of their choosing, which then runs as you: "An MCP server runs with the
operating-system permissions of the user who launched" the client.

## Example
```text
-rw-r--r--  ~/Library/Application Support/Claude/claude_desktop_config.json   (holds ghp_…)
```

## Fix
`chmod 600 <file>` (and `chmod go-w` on its directory), then move the secret out of the
file (checklist: "Token reference is via env / inputs / VAR — not hardcoded") and rotate
it if other people share the machine."#,
};

impl Rule for ConfigPermissions {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        #[cfg(unix)]
        unix::check(&META, cx, out);
        #[cfg(not(unix))]
        let _ = (cx, out);
    }
}

#[cfg(unix)]
mod unix {
    use super::super::hardcoded_secret::literal_secrets;
    use crate::finding::Severity;
    use crate::rule::{Context, FindingBuilder, RuleMeta};
    use crate::Finding;
    use std::collections::HashSet;
    use std::os::unix::fs::PermissionsExt;
    use std::path::Path;

    pub(super) fn check(meta: &'static RuleMeta, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut seen = HashSet::new();
        for file in cx.files {
            if !seen.insert(file.path.clone()) {
                continue;
            }
            // Follows a symlink: the mode that matters is the target's.
            let Ok(md) = std::fs::metadata(&file.path) else {
                continue;
            };
            if !md.is_file() {
                continue;
            }
            let mode = md.permissions().mode() & 0o7777;
            let shown = cx.display_path(&file.path);
            let secrets: Vec<_> = file.servers.iter().flat_map(|e| literal_secrets(e, cx.key)).collect();

            if mode & 0o044 != 0 && !secrets.is_empty() {
                let who = match (mode & 0o040 != 0, mode & 0o004 != 0) {
                    (true, true) => "its group and every other user",
                    (false, true) => "every other user",
                    _ => "every member of its group",
                };
                FindingBuilder::new(
                    meta,
                    format!(
                        "{shown} holds {} literal secret(s) and is readable by {who} (mode {mode:04o})",
                        secrets.len()
                    ),
                )
                .file(file)
                .at(secrets[0].pos)
                .severity(Severity::High)
                .evidence(format!(
                    "mode {mode:04o} ({}); holds {}",
                    rwx(mode),
                    secrets[0].described
                ))
                .fix(format!(
                    "chmod 600 '{}' — then move the secret out of the file and rotate it if others share this machine.",
                    file.path.display()
                ))
                .identity("readable")
                .push(cx, out);
            }

            if mode & 0o002 != 0 {
                FindingBuilder::new(
                    meta,
                    format!(
                        "{shown} is writable by every user (mode {mode:04o}): anyone on this machine can add a server \
                         that runs as you"
                    ),
                )
                .file(file)
                .severity(Severity::High)
                .evidence(format!("mode {mode:04o} ({})", rwx(mode)))
                .fix(format!("chmod 600 '{}'", file.path.display()))
                .identity("writable")
                .push(cx, out);
            }

            if let Some(dir) = file.path.parent().filter(|d| !d.as_os_str().is_empty()) {
                if let Some(dmode) = open_dir_mode(dir) {
                    FindingBuilder::new(
                        meta,
                        format!(
                            "the directory of {shown} is writable by every user without the sticky bit (mode \
                             {dmode:04o}): anyone can replace the file"
                        ),
                    )
                    .file(file)
                    .severity(Severity::High)
                    .evidence(format!("{} mode {dmode:04o}", cx.display_path(dir)))
                    .fix(format!("chmod go-w '{}'", dir.display()))
                    .identity("dir-writable")
                    .push(cx, out);
                }
            }
        }
    }

    /// The mode of a directory others may write into and rename files in.
    fn open_dir_mode(dir: &Path) -> Option<u32> {
        let mode = std::fs::metadata(dir).ok()?.permissions().mode() & 0o7777;
        (mode & 0o002 != 0 && mode & 0o1000 == 0).then_some(mode)
    }

    /// `rw-r--r--` for 0o644.
    fn rwx(mode: u32) -> String {
        (0..9)
            .map(|i| {
                let bit = 0o400 >> i;
                if mode & bit == 0 {
                    '-'
                } else {
                    ['r', 'w', 'x'][i % 3]
                }
            })
            .collect()
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn rwx() {
            assert_eq!(super::rwx(0o644), "rw-r--r--");
            assert_eq!(super::rwx(0o600), "rw-------");
            assert_eq!(super::rwx(0o777), "rwxrwxrwx");
        }
    }
}
