//! `MW-SEC-002` secret-in-git: a config file with a literal secret that git tracks,
//! or a secret that any commit of the file ever held.
//!
//! Talks to the `git` program, read-only and offline: `rev-parse`, `ls-files`,
//! `check-ignore`, `log` and `cat-file`. No secret is ever passed on a git
//! command line: history is read and scanned here, compared by keyed fingerprint.

use super::hardcoded_secret::literal_secrets;
use crate::finding::{Category, ChecklistItem, Severity};
use crate::rule::{Context, FindingBuilder, Rule, RuleMeta};
use crate::Finding;
use mcpward_config::{clients, parse, ConfigFile};
use mcpward_detect::secrets::{self, Confidence};
use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub struct SecretInGit;

static META: RuleMeta = RuleMeta {
    id: "MW-SEC-002",
    name: "secret-in-git",
    category: Category::SecretInGit,
    severity: Severity::Critical,
    summary: "A config file with a literal secret that git tracks, or a secret in the file's git history",
    checklist: Some(ChecklistItem::TokenViaReference),
    doc: r#"## What it finds
For each configuration file inside a git work tree:
- a literal secret (see `hardcoded-secret`) in a file git tracks: the next commit, if not
  an earlier one, publishes it (**critical**);
- a secret that any of the file's last 200 commits (on any branch or ref) contained,
  whether it is still in the file or was removed since: "was committed in `3f9c1e2`"
  (**critical** for known token formats, **high** for high-entropy values under
  secret-like names);
- a file with a literal secret that is not tracked but not ignored either, so `git add .`
  would commit it (**low**).

mcpward runs the `git` program read-only and offline (`rev-parse`, `ls-files`,
`check-ignore`, `log`, `cat-file`), with prompts and repository hooks such as
`core.fsmonitor` disabled and each command time-bounded. No secret is ever put on a git
command line. Without git, or outside a repository, the rule reports nothing.

## Why it matters
The seed: "Never hardcode a token in a config file that lives in Git", and for the
case this rule finds: "Rotate immediately, even if the repo is private. Once a token
enters Git history, treat it as public — you cannot reliably scrub history across forks
and CI caches."

## Example
```text
.mcp.json  (tracked)   "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_…"     -> committed in 3f9c1e2
```

## Fix
1. Rotate the credential now: issue a new one, revoke the old one, and check the
   provider's access log for use you did not make.
2. Replace the value with a reference (`${GITHUB_TOKEN}`, `${env:…}`, `${input:…}`).
3. Stop tracking real configs: `git rm --cached <file>`, add it to `.gitignore`, and commit
   a redacted template (`mcpward template <file>`) instead. Rewriting history is optional
   clean-up, never a substitute for rotation."#,
};

/// Commits of one file's history that are read.
const MAX_COMMITS: usize = 200;
/// Largest historical version of a file that is read.
const MAX_BLOB: u64 = 16 * 1024 * 1024;
/// Total bytes of history read for one file.
const MAX_TOTAL: u64 = 64 * 1024 * 1024;
/// Wall-clock bound of one git command.
const GIT_TIMEOUT: Duration = Duration::from_secs(15);

impl Rule for SecretInGit {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut seen = HashSet::new();
        for file in cx.files {
            if seen.insert(file.path.clone()) {
                check_file(cx, file, out);
            }
        }
    }
}

/// One secret seen in one historical version of the file.
struct Historical {
    commit: String,
    location: String,
    kind: &'static str,
    confidence: Confidence,
    described: String,
}

fn check_file(cx: &Context<'_>, file: &ConfigFile, out: &mut Vec<Finding>) {
    let Some(repo) = Repo::find(&file.path) else {
        return;
    };
    let current: Vec<_> = file
        .servers
        .iter()
        .flat_map(|e| literal_secrets(e, cx.key).into_iter().map(move |s| (e, s)))
        .collect();
    let tracked = repo.is_tracked();
    let history = repo.history_secrets(file, cx);
    let repo_shown = cx.display_path(&repo.top);

    let mut reported = HashSet::new();
    for (entry, s) in &current {
        let committed = history.get(&s.fingerprint);
        let (message, identity) = match (committed, tracked) {
            (Some(h), _) => (
                format!(
                    "{} of server \"{}\" holds a secret that was committed to git in {} ({repo_shown})",
                    s.location,
                    entry.name,
                    short(&h.commit)
                ),
                format!("committed:{}", s.identity),
            ),
            (None, true) => (
                format!(
                    "{} of server \"{}\" holds a secret in a file git tracks ({repo_shown}): the next commit publishes it",
                    s.location, entry.name
                ),
                format!("tracked:{}", s.identity),
            ),
            (None, false) => continue,
        };
        reported.insert(s.fingerprint.clone());
        FindingBuilder::new(&META, message)
            .server(entry)
            .at(s.pos)
            .severity(Severity::Critical)
            .evidence(format!("{}: {}", s.location, s.described))
            .fix(fix_text(&file.path, committed.is_some()))
            .identity(identity)
            .push(cx, out);
    }

    // Secrets that history holds but the file no longer does.
    let mut gone: Vec<(&String, &Historical)> = history.iter().filter(|(fp, _)| !reported.contains(*fp)).collect();
    gone.sort_by(|a, b| a.1.location.cmp(&b.1.location).then_with(|| a.0.cmp(b.0)));
    for (fp, h) in gone {
        if current.iter().any(|(_, s)| &s.fingerprint == fp) {
            continue;
        }
        let severity = match h.confidence {
            Confidence::High => Severity::Critical,
            Confidence::Medium => Severity::High,
            Confidence::Low => Severity::Medium,
        };
        FindingBuilder::new(
            &META,
            format!(
                "a {} ({}) was committed in {} and is no longer in the file, but git history keeps it ({repo_shown})",
                if h.confidence == Confidence::High {
                    "credential"
                } else {
                    "likely credential"
                },
                h.location,
                short(&h.commit)
            ),
        )
        .file(file)
        .severity(severity)
        .evidence(format!("{}: {}", h.location, h.described))
        .fix(format!(
            "Rotate this {} credential now — removing it from the file does not remove it from history, which is \
             public to anyone with a clone, fork or CI cache. Then check the provider's access log.",
            h.kind
        ))
        .identity(format!("history:{}:{}", h.location, &fp[..fp.len().min(16)]))
        .push(cx, out);
    }

    if !tracked && !current.is_empty() && repo.is_ignored() == Some(false) {
        FindingBuilder::new(
            &META,
            format!(
                "{} holds a literal secret inside a git work tree ({repo_shown}) and is not ignored: `git add .` \
                 would commit it",
                cx.display_path(&file.path)
            ),
        )
        .file(file)
        .at(current[0].1.pos)
        .severity(Severity::Low)
        .evidence(format!("{}: {}", current[0].1.location, current[0].1.described))
        .fix(format!(
            "Add `{}` to .gitignore (or .git/info/exclude), and move the secret out of the file.",
            repo.rel
        ))
        .identity("not-ignored")
        .push(cx, out);
    }
}

fn fix_text(path: &Path, committed: bool) -> String {
    let mut s = String::new();
    if committed {
        s.push_str(
            "Rotate the credential now: once in git history it is public — history cannot be scrubbed reliably \
             across forks and CI caches. ",
        );
    } else {
        s.push_str("Rotate the credential (it may already have been committed or pushed). ");
    }
    s.push_str(&format!(
        "Replace the value with a reference (`${{VAR}}`, `${{env:VAR}}`, `${{input:id}}`), stop tracking the real \
         config (`git rm --cached '{}'`, add it to .gitignore) and commit a redacted template (`mcpward template`).",
        path.display()
    ));
    s
}

fn short(commit: &str) -> &str {
    commit.get(..7).unwrap_or(commit)
}

/// The repository a file is in, and the file's path relative to its top.
struct Repo {
    top: PathBuf,
    /// `/`-separated path from the top, as git spells it.
    rel: String,
}

impl Repo {
    fn find(file: &Path) -> Option<Repo> {
        let real = std::fs::canonicalize(file).ok()?;
        let dir = real.parent()?;
        // Most configs live outside any repository; a `.git` entry somewhere above
        // is a cheap necessary condition, and spares a process per file.
        if !dir.ancestors().any(|d| d.join(".git").symlink_metadata().is_ok()) {
            return None;
        }
        let out = git(dir, &["rev-parse", "--show-toplevel"], None, 64 * 1024)?;
        if !out.ok {
            return None;
        }
        let top = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim_end_matches(['\n', '\r']));
        let top = std::fs::canonicalize(&top).unwrap_or(top);
        let rel = real.strip_prefix(&top).ok()?;
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if rel.is_empty() {
            return None;
        }
        Some(Repo {
            top,
            rel: rel.join("/"),
        })
    }

    /// A pathspec that matches exactly this file, whatever characters it has.
    fn pathspec(&self) -> String {
        format!(":(literal){}", self.rel)
    }

    fn is_tracked(&self) -> bool {
        let spec = self.pathspec();
        git(&self.top, &["ls-files", "-z", "--", &spec], None, 1024 * 1024)
            .is_some_and(|o| o.ok && !o.stdout.is_empty())
    }

    /// `Some(true)` ignored, `Some(false)` not ignored, `None` unknown.
    fn is_ignored(&self) -> Option<bool> {
        let o = git(&self.top, &["check-ignore", "-q", "--", &self.rel], None, 1024)?;
        match o.code {
            Some(0) => Some(true),
            Some(1) => Some(false),
            _ => None,
        }
    }

    /// Every secret in the file's history, by fingerprint, with the oldest commit
    /// (within the bound) that held it.
    fn history_secrets(&self, file: &ConfigFile, cx: &Context<'_>) -> HashMap<String, Historical> {
        let mut found: HashMap<String, Historical> = HashMap::new();
        let n = MAX_COMMITS.to_string();
        let spec = self.pathspec();
        // `--full-history`: without it, a secret added and removed on a merged
        // branch is pruned away as TREESAME.
        let args = [
            "log",
            "--all",
            "--full-history",
            "--no-renames",
            "--no-ext-diff",
            "--no-textconv",
            "--no-abbrev",
            "--raw",
            "--format=commit %H",
            "-n",
            &n,
            "--",
            &spec,
        ];
        let Some(log) = git(&self.top, &args, None, 8 * 1024 * 1024).filter(|o| o.ok) else {
            return found;
        };
        let log = String::from_utf8_lossy(&log.stdout);
        // Blob → the commit that introduced it (newest first in the log, so the
        // last assignment is the oldest commit).
        let mut blobs: Vec<String> = Vec::new();
        let mut blob_commit: HashMap<String, String> = HashMap::new();
        let mut commit = String::new();
        for line in log.lines() {
            if let Some(c) = line.strip_prefix("commit ") {
                commit = c.trim().to_owned();
            } else if let Some(raw) = line.strip_prefix(':') {
                let fields: Vec<&str> = raw.split_whitespace().collect();
                for (i, oid) in fields.iter().enumerate().skip(2).take(2) {
                    if !is_oid(oid) || oid.bytes().all(|b| b == b'0') {
                        continue;
                    }
                    if !blob_commit.contains_key(*oid) {
                        blobs.push((*oid).to_owned());
                    }
                    // The new side was introduced by this commit; the old side
                    // existed before it (the commit is then an upper bound).
                    if i == 3 || !blob_commit.contains_key(*oid) {
                        blob_commit.insert((*oid).to_owned(), commit.clone());
                    }
                }
            }
        }
        if blobs.is_empty() {
            return found;
        }
        for (oid, text) in self.read_blobs(&blobs) {
            let Some(commit) = blob_commit.get(&oid) else { continue };
            for s in scan_version(file, &text, cx) {
                // Keep the oldest commit: the log lists newest first.
                found.insert(
                    s.0,
                    Historical {
                        commit: commit.clone(),
                        location: s.1,
                        kind: s.2,
                        confidence: s.3,
                        described: s.4,
                    },
                );
            }
        }
        found
    }

    /// Reads blobs through one `cat-file --batch-check` and one `cat-file --batch`,
    /// skipping any that are too large.
    fn read_blobs(&self, oids: &[String]) -> Vec<(String, String)> {
        let mut input = oids.join("\n");
        input.push('\n');
        let Some(check) = git(
            &self.top,
            &["cat-file", "--batch-check"],
            Some(input.into_bytes()),
            4 * 1024 * 1024,
        ) else {
            return Vec::new();
        };
        let mut want = Vec::new();
        let mut total = 0u64;
        for line in String::from_utf8_lossy(&check.stdout).lines() {
            let f: Vec<&str> = line.split(' ').collect();
            if let [oid, "blob", size] = f[..] {
                let Ok(size) = size.parse::<u64>() else { continue };
                if size <= MAX_BLOB && total + size <= MAX_TOTAL {
                    total += size;
                    want.push(oid.to_owned());
                }
            }
        }
        if want.is_empty() {
            return Vec::new();
        }
        let mut input = want.join("\n");
        input.push('\n');
        let cap = (total + 128 * want.len() as u64) as usize;
        let Some(batch) = git(&self.top, &["cat-file", "--batch"], Some(input.into_bytes()), cap) else {
            return Vec::new();
        };
        parse_batch(&batch.stdout)
    }
}

/// Splits `cat-file --batch` output: `<oid> <type> <size>\n<content>\n`, repeated.
fn parse_batch(mut b: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    while !b.is_empty() {
        let Some(nl) = b.iter().position(|&c| c == b'\n') else {
            break;
        };
        let header = String::from_utf8_lossy(&b[..nl]).into_owned();
        b = &b[nl + 1..];
        let f: Vec<&str> = header.split(' ').collect();
        let [oid, _kind, size] = f[..] else {
            continue; // `<oid> missing`
        };
        let Ok(size) = size.parse::<usize>() else { break };
        if size > b.len() {
            break;
        }
        out.push((oid.to_owned(), String::from_utf8_lossy(&b[..size]).into_owned()));
        b = b.get(size + 1..).unwrap_or(&[]);
    }
    out
}

/// (fingerprint, location, kind, confidence, described) of every secret in one
/// historical version: its server entries as the client reads them, and any
/// known-format token anywhere in the text.
fn scan_version(
    file: &ConfigFile,
    text: &str,
    cx: &Context<'_>,
) -> Vec<(String, String, &'static str, Confidence, String)> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    if let Ok(node) = parse::parse_str(file.format, text) {
        let x = clients::extract(file.client, file.scope, &file.path, &node);
        for entry in &x.servers {
            for s in literal_secrets(entry, cx.key) {
                if seen.insert(s.fingerprint.clone()) {
                    out.push((
                        s.fingerprint,
                        format!("{} of server \"{}\"", s.location, entry.name),
                        s.kind,
                        s.confidence,
                        s.described,
                    ));
                }
            }
        }
    }
    for m in secrets::scan_text(text) {
        let Some(raw) = text.get(m.start..m.end) else { continue };
        let fp = secrets::fingerprint(cx.key, raw);
        if seen.insert(fp.clone()) {
            out.push((
                fp,
                "file text".to_owned(),
                m.kind,
                m.confidence,
                secrets::describe(cx.key, raw, m.kind),
            ));
        }
    }
    out
}

fn is_oid(s: &str) -> bool {
    (s.len() == 40 || s.len() == 64) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

struct GitOutput {
    ok: bool,
    code: Option<i32>,
    stdout: Vec<u8>,
}

/// Runs `git -C dir args…` read-only: no prompts, no pager, no optional locks,
/// no fsmonitor hook from the repository's config, environment overrides of
/// the repository location removed. Output beyond `cap` bytes and commands
/// slower than [`GIT_TIMEOUT`] are cut off. `None`: git is missing or failed
/// to run.
fn git(dir: &Path, args: &[&str], stdin: Option<Vec<u8>>, cap: usize) -> Option<GitOutput> {
    let mut cmd = Command::new("git");
    cmd.arg("--no-pager")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "core.fsmonitor=false",
            "-c",
            "core.quotePath=false",
            "-c",
            "log.showSignature=false",
        ])
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("GIT_PAGER", "cat")
        .env("LC_ALL", "C")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_OBJECT_DIRECTORY")
        .env_remove("GIT_ALTERNATE_OBJECT_DIRECTORIES")
        .env_remove("GIT_NAMESPACE")
        .env_remove("GIT_EXTERNAL_DIFF")
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = cmd.spawn().ok()?;
    let writer = match (stdin, child.stdin.take()) {
        (Some(data), Some(mut pipe)) => Some(std::thread::spawn(move || {
            let _ = pipe.write_all(&data);
        })),
        _ => None,
    };
    let mut stdout = child.stdout.take()?;
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        // One byte more than allowed tells "cut off" from "exactly cap".
        let _ = (&mut stdout).take(cap as u64 + 1).read_to_end(&mut buf);
        buf
    });
    // When the reader stops at `cap` it closes the pipe and git dies of EPIPE,
    // so waiting for the exit is bounded by the deadline alone.
    let deadline = Instant::now() + GIT_TIMEOUT;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    let stdout = reader.join().unwrap_or_default();
    if let Some(w) = writer {
        let _ = w.join();
    }
    let status = status?;
    if stdout.len() > cap {
        return None;
    }
    Some(GitOutput {
        ok: status.success(),
        code: status.code(),
        stdout,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_parsing_is_bounded() {
        let b = b"aaaa blob 3\nabc\nbbbb missing\ncccc blob 99\nshort";
        let got = parse_batch(b);
        assert_eq!(got, vec![("aaaa".to_owned(), "abc".to_owned())]);
        assert!(parse_batch(b"").is_empty());
        assert!(parse_batch(b"x blob notanumber\n").is_empty());
    }
}
