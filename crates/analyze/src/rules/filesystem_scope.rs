//! `MW-FS-001` filesystem-scope: a filesystem server (or a container) given `/`,
//! the home directory, a parent of it, or a directory that holds credentials.

use crate::finding::{Category, ChecklistItem, Severity};
use crate::rule::{Context, FindingBuilder, Rule, RuleMeta};
use crate::Finding;
use mcpward_config::vars::find_refs;
use mcpward_config::{ServerEntry, Text};
use std::path::{Path, PathBuf};

pub struct FilesystemScope;

static META: RuleMeta = RuleMeta {
    id: "MW-FS-001",
    name: "filesystem-scope",
    category: Category::FilesystemScope,
    severity: Severity::Critical,
    summary: "A filesystem server or container mount that reaches /, $HOME, a parent of it, or a credential store",
    checklist: Some(ChecklistItem::FilesystemSingleProject),
    doc: r#"## What it finds
The directories a filesystem server is allowed to reach, or a container is given:
- filesystem servers, recognised by their package or program name: anything containing
  `server-filesystem` (`@modelcontextprotocol/server-filesystem`, `mcp-server-filesystem`
  and forks), `mcp-filesystem-server` (mark3labs, Go), `rust-mcp-filesystem`,
  `filesystem-mcp-rs`. Their allowed roots are the arguments after the package that are
  not flags;
- `docker run` / `podman run` bind mounts (`-v SRC:DST`, `--volume`, `--mount
  type=bind,source=SRC`), whose sources are host paths.

A root is **critical** when it is `/` (or `C:\`), a home directory (`~`, `$HOME`,
`${HOME}`, `%USERPROFILE%`, the audited home, `/Users/<name>`, `/home/<name>`,
`C:\Users\<name>`), or a place that holds credentials, or a parent of one: `~/.ssh`,
`~/.aws`, `~/.gnupg`, `~/.config`, `~/.kube`, `~/.docker`, `~/.netrc`,
`~/.password-store`, `~/.local/share/keyrings`, `~/Library/Keychains`, browser profiles
(Chrome, Chromium, Edge, Brave, Firefox, Safari on Linux/macOS/Windows), client configs
that hold other servers' tokens, password-manager exports (`*.1pux`, `*.kdbx`…), `/etc`,
`/root`, `/proc`, the Docker socket. It is **high** for a parent of home (`/Users`,
`/home`, `C:\Users`). More than one root is reported once at **low**, listing them.

A root that is a symlink is resolved on this machine: the server allows the target, so the
finding names it, and a target that is home or a credential store escalates. Roots
written with other references (`${workspaceFolder}`) or relative paths are skipped, not
guessed.

## Why it matters
The seed: "Filesystem paths point to a single project, not $HOME", and "Pass a single
project directory, never $HOME and never /. … Every additional allowlisted path expands
the blast radius — be deliberate." With `/Users/you` allowed, "agent can now read your
dotfiles, password manager exports, SSH keys, and everything else under $HOME". A
filesystem server "can read any file your account can read — including SSH keys, browser
profiles, and credential stores."

## Example
```json
"args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/you"]
```

## Fix
Allow one project directory: `"/Users/you/code/this-one-project"`. Remove roots no
workflow needs. Point symlinked roots at the real directory you mean. For containers,
mount only the project (`-v ~/code/proj:/projects/proj:ro`), never `/`, `$HOME` or the
Docker socket."#,
};

/// Program or package names of filesystem servers whose non-flag arguments are roots.
const FS_SERVERS: &[&str] = &[
    "server-filesystem",
    "mcp-filesystem-server",
    "rust-mcp-filesystem",
    "filesystem-mcp-rs",
];

/// Places under a home directory that hold credentials or secrets, with what they hold.
const HOME_SENSITIVE: &[(&str, &str)] = &[
    (".ssh", "SSH keys"),
    (".aws", "AWS credentials"),
    (".gnupg", "GPG keys"),
    (".config", "application credentials (gh, gcloud, browsers…)"),
    (".kube", "Kubernetes credentials"),
    (".docker", "Docker registry credentials"),
    (".netrc", "login credentials"),
    (".git-credentials", "git credentials"),
    (".npmrc", "npm tokens"),
    (".pypirc", "PyPI tokens"),
    (".azure", "Azure credentials"),
    (".vault-token", "a Vault token"),
    (".terraform.d", "Terraform credentials"),
    (".password-store", "a password store"),
    (".local/share/keyrings", "the desktop keyring"),
    (".mozilla", "Firefox profiles"),
    (".claude.json", "MCP client configuration with other servers' tokens"),
    (".claude", "MCP client configuration"),
    (".cursor", "MCP client configuration"),
    (".codex", "MCP client configuration"),
    (".gemini", "MCP client configuration"),
    (".codeium", "MCP client configuration"),
    (".kiro", "MCP client configuration"),
    ("Library/Keychains", "keychains"),
    ("Library/Cookies", "browser cookies"),
    ("Library/Safari", "the Safari profile"),
    ("Library/Application Support/Google/Chrome", "the Chrome profile"),
    ("Library/Application Support/Chromium", "the Chromium profile"),
    ("Library/Application Support/Microsoft Edge", "the Edge profile"),
    ("Library/Application Support/BraveSoftware", "the Brave profile"),
    ("Library/Application Support/Firefox", "Firefox profiles"),
    ("Library/Application Support/Claude", "MCP client configuration"),
    ("Library/Application Support/1Password", "the 1Password store"),
    ("AppData/Local/Google/Chrome/User Data", "the Chrome profile"),
    ("AppData/Local/Microsoft/Edge/User Data", "the Edge profile"),
    ("AppData/Local/BraveSoftware", "the Brave profile"),
    ("AppData/Roaming/Mozilla/Firefox", "Firefox profiles"),
    ("AppData/Roaming/Claude", "MCP client configuration"),
    ("AppData/Roaming/Microsoft/Credentials", "Windows credentials"),
    ("AppData/Local/Microsoft/Credentials", "Windows credentials"),
    ("AppData/Roaming/Microsoft/Protect", "Windows DPAPI keys"),
];

/// Absolute places that hold secrets or control the machine.
const ABS_SENSITIVE: &[(&str, &str)] = &[
    ("etc", "system configuration and password hashes"),
    ("private/etc", "system configuration"),
    ("root", "the root user's home"),
    ("var/root", "the root user's home"),
    ("proc", "every process's environment (/proc/*/environ)"),
    ("var/run/docker.sock", "the Docker socket (root on the host)"),
    ("run/docker.sock", "the Docker socket (root on the host)"),
];

/// File names of password-manager exports and databases.
fn is_password_export(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [".1pux", ".1pif", ".kdbx", ".kdb", ".agilekeychain", ".opvault"]
        .iter()
        .any(|e| n.ends_with(e))
        || ["bitwarden_export", "lastpass_export", "1password export", "keepass"]
            .iter()
            .any(|p| n.starts_with(p))
}

/// A path after normalisation: an optional Windows drive and its components.
#[derive(Debug, Clone, PartialEq, Eq)]
struct NPath {
    /// `c:` for `C:\…`; `None` for Unix paths.
    drive: Option<String>,
    comps: Vec<String>,
}

impl NPath {
    fn show(&self) -> String {
        match &self.drive {
            Some(d) => format!("{}\\{}", d.to_ascii_uppercase(), self.comps.join("\\")),
            None => format!("/{}", self.comps.join("/")),
        }
    }

    fn starts_with(&self, other: &NPath) -> bool {
        self.drive == other.drive
            && self.comps.len() >= other.comps.len()
            && self
                .comps
                .iter()
                .zip(&other.comps)
                .all(|(a, b)| a.eq_ignore_ascii_case(b))
    }

    fn join(&self, rel: &str) -> NPath {
        let mut p = self.clone();
        p.comps.extend(rel.split('/').map(str::to_owned));
        p
    }
}

/// Splits an absolute path into components, resolving `.` and `..` by text.
/// Returns `None` for relative or unreadable paths.
fn parse_abs(s: &str) -> Option<NPath> {
    let b = s.as_bytes();
    let (drive, rest) = if b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':' {
        if b.len() > 2 && b[2] != b'\\' && b[2] != b'/' {
            return None; // `C:foo` is relative to the drive's current directory.
        }
        (Some(s[..2].to_ascii_lowercase()), &s[2..])
    } else if s.starts_with("\\\\") {
        return None; // UNC share: not this machine's disk.
    } else if s.starts_with('/') {
        (None, s)
    } else {
        return None;
    };
    let mut comps: Vec<String> = Vec::new();
    let seps: &[char] = if drive.is_some() { &['\\', '/'] } else { &['/'] };
    for c in rest.split(seps) {
        match c {
            "" | "." => {}
            ".." => {
                comps.pop();
            }
            c => comps.push(c.to_owned()),
        }
    }
    Some(NPath { drive, comps })
}

/// Home-directory spellings a root may start with.
const HOME_PREFIXES: &[&str] = &[
    "~",
    "${HOME}",
    "$HOME",
    "${env:HOME}",
    "${userHome}",
    "%USERPROFILE%",
    "%HOME%",
    "$env:USERPROFILE",
    "${env:USERPROFILE}",
];

/// Resolves a root as written to an absolute path, expanding the home spellings
/// with `home`. Other references make it unknowable here: `None`.
fn resolve(raw: &str, home: &NPath) -> Option<NPath> {
    let raw = raw.trim().trim_matches('"');
    for p in HOME_PREFIXES {
        if let Some(rest) = raw.strip_prefix(p) {
            if !(rest.is_empty() || rest.starts_with('/') || rest.starts_with('\\')) {
                continue; // `~user`, `$HOMEDIR`
            }
            if has_refs(rest) || home.comps.is_empty() {
                return None;
            }
            let mut out = home.clone();
            let seps: &[char] = &['/', '\\'];
            for c in rest.split(seps) {
                match c {
                    "" | "." => {}
                    ".." => {
                        out.comps.pop();
                    }
                    c => out.comps.push(c.to_owned()),
                }
            }
            return Some(out);
        }
    }
    if has_refs(raw) {
        return None;
    }
    parse_abs(raw)
}

fn has_refs(s: &str) -> bool {
    !find_refs(s).is_empty() || s.contains('%') && s.matches('%').count() >= 2
}

/// Why a root is too wide.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Reach {
    Root,
    /// The audited home, or another user's.
    Home {
        ours: bool,
    },
    HomeParent,
    /// Is, is inside, or contains a place that holds secrets.
    Sensitive {
        place: String,
        what: &'static str,
        contains: bool,
    },
}

impl Reach {
    fn severity(&self) -> Severity {
        match self {
            Reach::HomeParent => Severity::High,
            _ => Severity::Critical,
        }
    }

    fn describe(&self, shown: &str) -> String {
        match self {
            Reach::Root => format!("the whole file system (`{shown}`)"),
            Reach::Home { ours: true } => format!("your whole home directory (`{shown}`)"),
            Reach::Home { ours: false } => format!("a whole home directory (`{shown}`)"),
            Reach::HomeParent => format!("`{shown}`, the parent of every user's home directory"),
            Reach::Sensitive {
                place,
                what,
                contains: false,
            } => format!("`{shown}`, inside `{place}` ({what})"),
            Reach::Sensitive {
                place,
                what,
                contains: true,
            } => format!("`{shown}`, which contains `{place}` ({what})"),
        }
    }
}

/// Classifies an absolute path; `None` when it is narrow enough.
fn classify(p: &NPath, home: &NPath) -> Option<Reach> {
    if p.comps.is_empty() {
        return Some(Reach::Root);
    }
    let homes = |q: &NPath| -> Option<(bool, NPath)> {
        if !home.comps.is_empty() && q.starts_with(home) {
            return Some((true, home.clone()));
        }
        // Someone's home, even if not the one audited (a config copied from
        // another machine still means "all of that user's files").
        let first = q.comps.first()?.to_ascii_lowercase();
        let is_homes_dir = matches!(first.as_str(), "users" | "home");
        if is_homes_dir && q.comps.len() >= 2 {
            let who = q.comps[1].to_ascii_lowercase();
            if !matches!(who.as_str(), "shared" | "public" | "default" | "all users") {
                return Some((
                    false,
                    NPath {
                        drive: q.drive.clone(),
                        comps: q.comps[..2].to_vec(),
                    },
                ));
            }
        }
        if q.drive.is_none() && first == "root" {
            return Some((
                false,
                NPath {
                    drive: None,
                    comps: q.comps[..1].to_vec(),
                },
            ));
        }
        None
    };

    if let Some((ours, h)) = homes(p) {
        if p.comps.len() == h.comps.len() {
            return Some(Reach::Home { ours });
        }
        for (rel, what) in HOME_SENSITIVE {
            let s = h.join(rel);
            if p.starts_with(&s) {
                return Some(Reach::Sensitive {
                    place: format!("~/{rel}"),
                    what,
                    contains: false,
                });
            }
            if s.starts_with(p) {
                return Some(Reach::Sensitive {
                    place: format!("~/{rel}"),
                    what,
                    contains: true,
                });
            }
        }
    } else {
        // The audited home's parents, and the directories of all homes.
        let parent_of_home = !home.comps.is_empty() && home.starts_with(p);
        let homes_dir = p.comps.len() == 1
            && (p.comps[0].eq_ignore_ascii_case("users") || p.drive.is_none() && p.comps[0] == "home");
        if parent_of_home || homes_dir {
            return Some(Reach::HomeParent);
        }
    }
    if p.drive.is_none() {
        let root = NPath {
            drive: None,
            comps: Vec::new(),
        };
        for (rel, what) in ABS_SENSITIVE {
            let s = root.join(rel);
            if p.starts_with(&s) {
                return Some(Reach::Sensitive {
                    place: format!("/{rel}"),
                    what,
                    contains: false,
                });
            }
            if s.starts_with(p) {
                return Some(Reach::Sensitive {
                    place: format!("/{rel}"),
                    what,
                    contains: true,
                });
            }
        }
    }
    if p.comps.last().is_some_and(|n| is_password_export(n)) {
        return Some(Reach::Sensitive {
            place: p.show(),
            what: "a password-manager export",
            contains: false,
        });
    }
    None
}

/// One directory the server (or container) can reach, as written in the config.
struct Root<'a> {
    text: &'a Text,
    /// The host path, when the argument holds more (`SRC:DST` of a mount).
    host_part: String,
}

/// The roots of a filesystem server: non-flag arguments after the package.
fn fs_roots(entry: &ServerEntry) -> Option<Vec<Root<'_>>> {
    let mcpward_config::Transport::Stdio { command, args, .. } = &entry.transport else {
        return None;
    };
    let is_fs = |s: &str| {
        let s = s.to_ascii_lowercase();
        FS_SERVERS.iter().any(|p| s.contains(p))
    };
    let after = if command.as_ref().is_some_and(|c| is_fs(&c.value)) {
        0
    } else {
        args.iter().position(|a| is_fs(&a.value))? + 1
    };
    Some(
        args[after..]
            .iter()
            .filter(|a| !a.value.trim_start().starts_with('-') && !a.value.trim().is_empty())
            .map(|a| Root {
                text: a,
                host_part: a.value.clone(),
            })
            .collect(),
    )
}

/// Bind-mount sources of `docker run` / `podman run`.
fn container_roots(entry: &ServerEntry) -> Option<Vec<Root<'_>>> {
    let mcpward_config::Transport::Stdio { command, args, .. } = &entry.transport else {
        return None;
    };
    let cmd = command.as_ref()?.value.to_ascii_lowercase();
    let base = cmd.rsplit(['/', '\\']).next().unwrap_or(&cmd);
    let base = base.strip_suffix(".exe").unwrap_or(base);
    if !matches!(base, "docker" | "podman" | "nerdctl") || !args.iter().any(|a| a.value == "run") {
        return None;
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].value.as_str();
        let (spec, at, mount) = if a == "-v" || a == "--volume" {
            i += 1;
            (args.get(i).map(|t| t.value.as_str()), i, false)
        } else if let Some(v) = a.strip_prefix("--volume=").or_else(|| a.strip_prefix("-v=")) {
            (Some(v), i, false)
        } else if a == "--mount" {
            i += 1;
            (args.get(i).map(|t| t.value.as_str()), i, true)
        } else if let Some(v) = a.strip_prefix("--mount=") {
            (Some(v), i, true)
        } else {
            (None, i, false)
        };
        if let (Some(spec), Some(text)) = (spec, args.get(at)) {
            let src = if mount { mount_source(spec) } else { volume_source(spec) };
            if let Some(src) = src {
                out.push(Root {
                    text,
                    host_part: src.to_owned(),
                });
            }
        }
        i += 1;
    }
    Some(out)
}

/// `SRC:DST[:opts]`, minding a Windows drive letter in SRC.
fn volume_source(spec: &str) -> Option<&str> {
    let b = spec.as_bytes();
    let skip = if b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && (b[2] == b'\\' || b[2] == b'/') {
        2
    } else {
        0
    };
    let end = spec[skip..].find(':').map_or(spec.len(), |p| p + skip);
    let src = &spec[..end];
    // A named volume (`data:/data`) is not a host path.
    (src.starts_with(['/', '~', '$', '%', '\\']) || skip > 0).then_some(src)
}

/// `type=bind,source=SRC,target=DST`.
fn mount_source(spec: &str) -> Option<&str> {
    let mut bind = true;
    let mut src = None;
    for kv in spec.split(',') {
        match kv.split_once('=') {
            Some(("type", t)) => bind = t == "bind",
            Some(("source" | "src", s)) => src = Some(s),
            _ => {}
        }
    }
    src.filter(|_| bind)
}

impl Rule for FilesystemScope {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let home = parse_abs(&cx.home.to_string_lossy()).unwrap_or(NPath {
            drive: None,
            comps: Vec::new(),
        });
        // The home as the file system spells it (macOS: /var → /private/var).
        let real_home = std::fs::canonicalize(cx.home)
            .ok()
            .and_then(|p| parse_abs(&p.to_string_lossy()))
            .filter(|p| !p.comps.is_empty());
        for entry in cx.servers() {
            let (roots, container) = match container_roots(entry) {
                Some(r) => (r, true),
                None => match fs_roots(entry) {
                    Some(r) => (r, false),
                    None => continue,
                },
            };
            let what = if container {
                "container of server"
            } else {
                "filesystem server"
            };
            for root in &roots {
                check_root(cx, entry, root, &home, real_home.as_ref(), what, container, out);
            }
            if roots.len() > 1 {
                let list: Vec<String> = roots.iter().map(|r| r.host_part.clone()).collect();
                FindingBuilder::new(
                    &META,
                    format!(
                        "{what} \"{}\" is allowed {} roots; each one widens the blast radius",
                        entry.name,
                        roots.len()
                    ),
                )
                .server(entry)
                .at(roots[1].text.pos)
                .severity(Severity::Low)
                .evidence(list.join(", "))
                .fix("Keep only the roots a workflow needs; prefer one project directory per server.")
                .identity("roots")
                .push(cx, out);
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn check_root(
    cx: &Context<'_>,
    entry: &ServerEntry,
    root: &Root<'_>,
    home: &NPath,
    real_home: Option<&NPath>,
    what: &str,
    container: bool,
    out: &mut Vec<Finding>,
) {
    let Some(path) = resolve(&root.host_part, home) else {
        return;
    };
    let shown = show(cx, &path);
    let lexical = classify(&path, home);
    // Symlinks: the server resolves its roots, so the target is what is allowed.
    let link = symlink_target(&path);
    let target_reach = link
        .as_ref()
        .and_then(|(t, _)| classify(t, home).or_else(|| real_home.and_then(|rh| classify(t, rh))));
    let fix = if container {
        "Mount only the project directory the server needs (e.g. `-v ~/code/this-one-project:/projects/p:ro`); \
         never `/`, the home directory, a credential directory or the Docker socket."
    } else {
        "Allow a single project directory instead, e.g. `~/code/this-one-project`; every extra or wider root \
         expands what the agent can read and change."
    };
    let verb = if container { "mounts" } else { "is allowed" };
    let identity = format!("root:{}", display_path_str(cx, &path));

    match (&link, lexical, target_reach) {
        (Some((target, is_link)), lex, Some(reach)) if lex.as_ref().is_none_or(|l| reach.severity() > l.severity()) => {
            let tshown = show(cx, target);
            let how = if *is_link { "a symlink to" } else { "resolves to" };
            FindingBuilder::new(
                &META,
                format!(
                    "{what} \"{}\" {verb} `{shown}`, {how} {}",
                    entry.name,
                    reach.describe(&tshown)
                ),
            )
            .server(entry)
            .at(root.text.pos)
            .severity(reach.severity())
            .evidence(format!("{shown} -> {tshown}"))
            .fix(format!(
                "{fix} Point the root at the real directory you mean, not a link."
            ))
            .identity(identity)
            .push(cx, out);
        }
        (_, Some(reach), _) => {
            FindingBuilder::new(
                &META,
                format!("{what} \"{}\" {verb} {}", entry.name, reach.describe(&shown)),
            )
            .server(entry)
            .at(root.text.pos)
            .severity(reach.severity())
            .evidence(root.host_part.clone())
            .fix(fix)
            .identity(identity)
            .push(cx, out);
        }
        (Some((target, true)), None, None) => {
            let tshown = show(cx, target);
            FindingBuilder::new(
                &META,
                format!(
                    "{what} \"{}\" {verb} `{shown}`, a symlink: the server allows its target `{tshown}` instead",
                    entry.name
                ),
            )
            .server(entry)
            .at(root.text.pos)
            .severity(Severity::Medium)
            .evidence(format!("{shown} -> {tshown}"))
            .fix("Point the root at the real directory you mean, so the config says what the server can reach.")
            .identity(identity)
            .push(cx, out);
        }
        _ => {}
    }
}

/// The real path of `p` when it differs from `p` because of a symlink: `(target,
/// the root itself is a link)`. Missing paths and errors give `None`.
fn symlink_target(p: &NPath) -> Option<(NPath, bool)> {
    if p.drive.is_some() != cfg!(windows) {
        return None; // A path for another OS: nothing to look at here.
    }
    let native = to_path(p);
    let is_link = std::fs::symlink_metadata(&native).ok()?.file_type().is_symlink();
    let real = std::fs::canonicalize(&native).ok()?;
    let real = parse_abs(&real.to_string_lossy())?;
    if is_link {
        return Some((real, true));
    }
    // A link further up (e.g. `~/work` → elsewhere) matters only if it changes
    // what the root is; the caller compares classifications.
    (real != *p).then_some((real, false))
}

fn to_path(p: &NPath) -> PathBuf {
    match &p.drive {
        Some(d) => PathBuf::from(format!("{d}\\{}", p.comps.join("\\"))),
        None => PathBuf::from(format!("/{}", p.comps.join("/"))),
    }
}

fn display_path_str(cx: &Context<'_>, p: &NPath) -> String {
    if p.drive.is_some() {
        return p.show();
    }
    cx.display_path(Path::new(&p.show()))
}

fn show(cx: &Context<'_>, p: &NPath) -> String {
    display_path_str(cx, p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn home() -> NPath {
        parse_abs("/Users/me").unwrap()
    }

    fn reach(s: &str) -> Option<Reach> {
        classify(&resolve(s, &home())?, &home())
    }

    #[test]
    fn normalises() {
        assert_eq!(parse_abs("/a/./b/../c").unwrap().comps, vec!["a", "c"]);
        assert_eq!(parse_abs("C:\\Users\\Me").unwrap().drive.as_deref(), Some("c:"));
        assert!(parse_abs("relative/x").is_none());
        assert!(parse_abs("C:rel").is_none());
        assert!(parse_abs("\\\\server\\share").is_none());
        assert_eq!(resolve("~/code/..", &home()), Some(home()));
        assert_eq!(resolve("${HOME}", &home()), Some(home()));
        assert_eq!(
            resolve("%USERPROFILE%\\code", &home()).unwrap().comps,
            vec!["Users", "me", "code"]
        );
        assert!(resolve("${workspaceFolder}", &home()).is_none());
        assert!(resolve("$HOMEDIR/x", &home()).is_none());
        assert!(resolve("/a/${X}/b", &home()).is_none());
    }

    #[test]
    fn classifies() {
        assert_eq!(reach("/"), Some(Reach::Root));
        assert_eq!(reach("C:\\"), Some(Reach::Root));
        assert_eq!(reach("~"), Some(Reach::Home { ours: true }));
        assert_eq!(reach("/Users/me/"), Some(Reach::Home { ours: true }));
        assert_eq!(reach("/home/bob"), Some(Reach::Home { ours: false }));
        assert_eq!(reach("C:\\Users\\bob"), Some(Reach::Home { ours: false }));
        assert_eq!(reach("/Users"), Some(Reach::HomeParent));
        assert_eq!(reach("/home"), Some(Reach::HomeParent));
        assert_eq!(reach("C:\\Users"), Some(Reach::HomeParent));
        assert!(matches!(
            reach("~/.ssh"),
            Some(Reach::Sensitive { contains: false, .. })
        ));
        assert!(matches!(
            reach("~/.ssh/keys"),
            Some(Reach::Sensitive { contains: false, .. })
        ));
        assert!(matches!(
            reach("~/Library"),
            Some(Reach::Sensitive { contains: true, .. })
        ));
        assert!(matches!(reach("/home/bob/.aws"), Some(Reach::Sensitive { .. })));
        assert!(matches!(
            reach("C:\\Users\\bob\\AppData\\Local\\Google\\Chrome\\User Data\\Default"),
            Some(Reach::Sensitive { .. })
        ));
        assert!(matches!(reach("/etc"), Some(Reach::Sensitive { .. })));
        assert!(matches!(reach("/etc/ssl/private"), Some(Reach::Sensitive { .. })));
        assert!(matches!(
            reach("/var/run"),
            Some(Reach::Sensitive { contains: true, .. })
        ));
        assert!(matches!(reach("/data/vault.kdbx"), Some(Reach::Sensitive { .. })));
        assert_eq!(reach("~/code/project"), None);
        assert_eq!(reach("/Users/me/code/proj/.config"), None);
        assert_eq!(reach("/srv/data"), None);
        assert_eq!(reach("/Users/Shared/x"), None);
    }

    #[test]
    fn mounts() {
        assert_eq!(volume_source("/:/host"), Some("/"));
        assert_eq!(volume_source("C:\\Users\\me:/data:ro"), Some("C:\\Users\\me"));
        assert_eq!(volume_source("named:/data"), None);
        assert_eq!(volume_source("~/x:/x"), Some("~/x"));
        assert_eq!(mount_source("type=bind,source=/home/me,target=/h"), Some("/home/me"));
        assert_eq!(mount_source("type=volume,source=v,target=/h"), None);
    }
}
