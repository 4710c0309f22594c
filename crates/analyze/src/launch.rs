//! How a server is launched: the launcher (`npx`, `uvx`, `docker run`, a shell…),
//! the package it fetches and whether that package is pinned, and where the
//! server's own arguments begin.
//!
//! Rules never re-parse command lines themselves; they call [`launch_spec`].
//! Every command line is hostile input: parsing never panics, never recurses
//! more than [`MAX_DEPTH`] wrappers deep (`env` → `cmd /c` → `bash -c` → …), and
//! treats anything it does not recognise as an opaque binary.
//!
//! What is recognised:
//!
//! | launcher | package taken from |
//! |---|---|
//! | `npx`, `npm exec` / `npm x`, `bunx` / `bun x`, `pnpm dlx` / `pnpx`, `yarn dlx` | the first positional, or `--package` / `-p` |
//! | `uvx`, `uv tool run`, `pipx run` | the first positional, or `--from` / `--spec` |
//! | `uv run`, `python -m`, `python script.py`, `node file.js`, `bun file.ts` | local code (no registry) |
//! | `deno run` | `npm:` / `jsr:` specifiers, remote URLs, local files |
//! | `docker run`, `podman run` (also `container run`) | the image |
//! | `bash -c`, `sh -c`, `zsh -c`, `cmd /c`, `powershell -Command`, `pwsh -c`, `-EncodedCommand` | a single simple command inside is unwrapped; anything compound stays a [`Runner::Shell`] |
//! | `env FOO=1 …` | the command after the assignments |
//! | anything else | a direct binary ([`Runner::Binary`]) |
//!
//! Program names are matched on their base name, case-insensitively, without
//! `.exe` / `.cmd` / `.bat`, so `/usr/local/bin/npx`, `npx.cmd` and
//! `C:\Program Files\nodejs\npx.cmd` are all `npx`.

use mcpward_config::{ServerEntry, Transport};
use mcpward_detect::secrets::{self, FingerprintKey};

/// How many wrappers (`env`, shells) are unwrapped before giving up.
pub const MAX_DEPTH: u8 = 4;

/// Longest shell script that is split into words; longer ones stay opaque.
const MAX_SCRIPT: usize = 16 * 1024;

/// The program that starts the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Runner {
    Npx,
    NpmExec,
    Bunx,
    PnpmDlx,
    YarnDlx,
    Uvx,
    UvToolRun,
    /// `uv run`: runs a local project or script.
    UvRun,
    PipxRun,
    /// `python -m module`.
    PythonModule,
    /// `python path/to/script.py`.
    PythonScript,
    /// `python -c CODE`: inline code.
    PythonInline,
    /// `node file.js`, `bun file.ts`.
    Node,
    /// `node -e CODE` / `node -p CODE`: inline code.
    NodeInline,
    Deno,
    Docker,
    Podman,
    /// A shell running an inline script that is more than one simple command.
    Shell,
    /// A program run directly (`mcp-grafana`, `/opt/bin/server`, `bash script.sh`).
    Binary,
    /// A remote server reached over HTTP/SSE.
    Remote,
    /// No command and no URL.
    Unknown,
}

impl Runner {
    pub fn as_str(self) -> &'static str {
        match self {
            Runner::Npx => "npx",
            Runner::NpmExec => "npm exec",
            Runner::Bunx => "bunx",
            Runner::PnpmDlx => "pnpm dlx",
            Runner::YarnDlx => "yarn dlx",
            Runner::Uvx => "uvx",
            Runner::UvToolRun => "uv tool run",
            Runner::UvRun => "uv run",
            Runner::PipxRun => "pipx run",
            Runner::PythonModule => "python -m",
            Runner::PythonScript => "python",
            Runner::PythonInline => "python -c",
            Runner::Node => "node",
            Runner::NodeInline => "node -e",
            Runner::Deno => "deno run",
            Runner::Docker => "docker run",
            Runner::Podman => "podman run",
            Runner::Shell => "shell",
            Runner::Binary => "binary",
            Runner::Remote => "remote",
            Runner::Unknown => "unknown",
        }
    }

    /// Launchers that download a package from a registry at start-up.
    pub fn fetches_package(self) -> bool {
        matches!(
            self,
            Runner::Npx
                | Runner::NpmExec
                | Runner::Bunx
                | Runner::PnpmDlx
                | Runner::YarnDlx
                | Runner::Uvx
                | Runner::UvToolRun
                | Runner::PipxRun
                | Runner::Deno
                | Runner::Docker
                | Runner::Podman
        )
    }
}

/// Where a package comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ecosystem {
    Npm,
    Pypi,
    Docker,
    /// `jsr:` specifiers and remote module URLs run by Deno.
    Deno,
    /// Code already on disk: a script, a module, a binary. Nothing is fetched.
    Local,
}

impl Ecosystem {
    pub fn as_str(self) -> &'static str {
        match self {
            Ecosystem::Npm => "npm",
            Ecosystem::Pypi => "pypi",
            Ecosystem::Docker => "docker",
            Ecosystem::Deno => "deno",
            Ecosystem::Local => "local",
        }
    }
}

/// The package a launcher runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    pub ecosystem: Ecosystem,
    /// `@scope/name`, `name`, an image name without tag (`mcp/github`,
    /// `ghcr.io/github/github-mcp-server`), a script path, or a VCS/URL source as written.
    pub name: String,
    /// The version spec as written: `1.2.3`, `^1.2`, `latest`, `==1.2.3`, `>=1`;
    /// for images the tag. `None` when absent.
    pub version: Option<String>,
    /// An image digest (`sha256:…`), when given.
    pub digest: Option<String>,
    /// Exactly one immutable version: npm exact semver, PyPI `==X.Y.Z` (or
    /// `uvx pkg@X.Y.Z`), an image digest, a VCS commit hash.
    pub pinned: bool,
    /// The specifier exactly as written on the command line.
    pub spec: String,
}

impl Package {
    /// Whether the name is a VCS or URL source rather than a registry name.
    pub fn is_url_source(&self) -> bool {
        is_url_like(&self.name)
    }
}

/// An environment variable set on the command line (`docker -e`, `env FOO=1`).
/// The value may be a secret: it is kept for rules that compare it (e.g. a
/// read-only switch) and is never shown, not even by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct EnvSetting {
    pub name: String,
    /// `None` for `docker -e NAME` (value taken from the launcher's environment).
    pub value: Option<String>,
}

impl std::fmt::Debug for EnvSetting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = if self.value.is_some() { "<set>" } else { "<inherited>" };
        write!(f, "{}={}", self.name, shown)
    }
}

/// Launcher options that matter to rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LaunchFlags {
    /// `npx -y` / `--yes`: install without asking.
    pub yes: bool,
    /// `--package` / `-p` values (npx, npm exec, bunx, pnpm/yarn dlx) and pipx `--spec`.
    pub packages: Vec<String>,
    /// `uvx --from` / `uv tool run --from`.
    pub from: Option<String>,
    /// `uvx --with` requirements.
    pub with: Vec<String>,
    /// A registry other than the default: `--registry`, `--index-url`, `--index`…
    pub registries: Vec<String>,
    /// `npx -c CMD`, `npm exec -c CMD`, `pnpm dlx -c`: the command goes through a shell.
    pub shell_mode: Option<String>,
    /// docker `-v` / `--volume` / `--mount`, as written.
    pub volumes: Vec<String>,
    /// docker `--network` / `--net`.
    pub network: Option<String>,
    /// docker `--privileged`.
    pub privileged: bool,
    /// docker `--cap-add`.
    pub cap_add: Vec<String>,
    /// docker `-e` / `--env`, and `env NAME=VALUE` prefixes.
    pub env: Vec<EnvSetting>,
    /// docker `--env-file`.
    pub env_files: Vec<String>,
    /// deno permission flags: `-A`, `--allow-*`.
    pub deno_permissions: Vec<String>,
}

/// A shell around the server command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShellWrap {
    /// The shell's base name: `bash`, `sh`, `cmd`, `powershell`…
    pub shell: String,
    /// The script it runs (for `-EncodedCommand`, the encoded text as written).
    pub script: String,
    /// PowerShell `-EncodedCommand`: the script is base64 and cannot be read as written.
    pub encoded: bool,
    /// More than one simple command: pipes, `;`, `&&`, redirections, `$(…)`.
    pub compound: bool,
}

/// Everything known about how one server is started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaunchSpec {
    pub runner: Runner,
    /// The launcher's base name, lower-case, without `.exe`/`.cmd` (`npx`, `docker`, `mcp-grafana`).
    pub program: String,
    pub package: Option<Package>,
    /// Index into the entry's `args` (not counting `command`) where the server's own
    /// arguments begin; equal to `args.len()` when it has none. `None` when they came
    /// out of a shell string and so have no position of their own.
    pub server_args_at: Option<usize>,
    /// The server's own arguments.
    pub server_args: Vec<String>,
    pub flags: LaunchFlags,
    /// Set when the command is wrapped in (or is) a shell.
    pub shell: Option<ShellWrap>,
    /// Remote servers: the URL.
    pub url: Option<String>,
}

impl LaunchSpec {
    fn new(runner: Runner, program: &str) -> Self {
        LaunchSpec {
            runner,
            program: program.to_owned(),
            package: None,
            server_args_at: None,
            server_args: Vec::new(),
            flags: LaunchFlags::default(),
            shell: None,
            url: None,
        }
    }

    /// The value of an environment variable set on the command line, if any
    /// (`Some(None)` when it is passed through without a value).
    pub fn env_value(&self, name: &str) -> Option<Option<&str>> {
        self.flags
            .env
            .iter()
            .rev()
            .find(|e| e.name == name)
            .map(|e| e.value.as_deref())
    }
}

/// One command-line word and, when it is one of the entry's `args`, its index there.
#[derive(Debug, Clone)]
struct Tok {
    s: String,
    arg: Option<usize>,
}

/// Describes how `entry` is launched.
pub fn launch_spec(entry: &ServerEntry) -> LaunchSpec {
    match &entry.transport {
        Transport::Http { url, .. } => {
            let mut spec = LaunchSpec::new(Runner::Remote, "");
            spec.url = Some(url.value.clone());
            spec
        }
        Transport::Unknown => LaunchSpec::new(Runner::Unknown, ""),
        Transport::Stdio { command, args, .. } => {
            let mut toks: Vec<Tok> = Vec::with_capacity(args.len() + 1);
            if let Some(c) = command {
                toks.push(Tok {
                    s: c.value.clone(),
                    arg: None,
                });
            }
            toks.extend(args.iter().enumerate().map(|(i, a)| Tok {
                s: a.value.clone(),
                arg: Some(i),
            }));
            let total_args = args.len();
            parse(toks, 0, total_args)
        }
    }
}

/// Parses a command line given as words (the first is the program); for tests
/// and for callers that have a command line but no entry.
pub fn launch_spec_from_words(words: &[&str]) -> LaunchSpec {
    let toks: Vec<Tok> = words
        .iter()
        .enumerate()
        .map(|(i, w)| Tok {
            s: (*w).to_owned(),
            arg: i.checked_sub(1),
        })
        .collect();
    parse(toks, 0, words.len().saturating_sub(1))
}

/// The base name of a program: last path component, lower-case, without a
/// Windows executable suffix.
pub fn program_name(path: &str) -> String {
    let base = path.rsplit(['/', '\\']).next().unwrap_or(path).to_lowercase();
    for suffix in [".exe", ".cmd", ".bat", ".com", ".ps1"] {
        if let Some(stem) = base.strip_suffix(suffix) {
            if !stem.is_empty() {
                return stem.to_owned();
            }
        }
    }
    base
}

fn parse(mut toks: Vec<Tok>, depth: u8, total_args: usize) -> LaunchSpec {
    // `"command": "npx -y pkg"` with the whole line in one string: split it when
    // the first word is a launcher we know, as a shell would if the client used one.
    let split_first = toks.first().and_then(|first| {
        let trimmed = first.s.trim();
        if !trimmed.contains(char::is_whitespace) || trimmed.len() > MAX_SCRIPT {
            return None;
        }
        let words = split_words(trimmed, !trimmed.contains('\\'));
        let launcher = words.first().is_some_and(|w0| is_known_launcher(&program_name(w0)));
        launcher.then_some(words)
    });
    if let Some(words) = split_first {
        let mut replaced: Vec<Tok> = words.into_iter().map(|s| Tok { s, arg: None }).collect();
        replaced.extend(toks.drain(1..));
        toks = replaced;
    }
    let Some(first) = toks.first() else {
        return LaunchSpec::new(Runner::Unknown, "");
    };
    let prog = program_name(first.s.trim());
    let rest = &toks[1..];
    let mut spec = match prog.as_str() {
        "env" if depth < MAX_DEPTH => return parse_env(rest, depth, total_args),
        "npx" => parse_npm_like(Runner::Npx, &prog, rest, total_args),
        "pnpx" => parse_npm_like(Runner::PnpmDlx, &prog, rest, total_args),
        "bunx" => parse_npm_like(Runner::Bunx, &prog, rest, total_args),
        "npm" => match sub(rest, &[]) {
            Some((i, "exec" | "x")) => parse_npm_like(Runner::NpmExec, &prog, &rest[i + 1..], total_args),
            _ => binary(&prog, &toks, total_args),
        },
        "pnpm" => match sub(rest, &["--dir", "-C", "--filter", "-F", "--workspace-root"]) {
            Some((i, "dlx")) => parse_npm_like(Runner::PnpmDlx, &prog, &rest[i + 1..], total_args),
            _ => binary(&prog, &toks, total_args),
        },
        "yarn" => match sub(rest, &["--cwd"]) {
            Some((i, "dlx")) => parse_npm_like(Runner::YarnDlx, &prog, &rest[i + 1..], total_args),
            _ => binary(&prog, &toks, total_args),
        },
        "bun" => match sub(rest, &["--cwd", "--config", "-c"]) {
            Some((i, "x")) => parse_npm_like(Runner::Bunx, &prog, &rest[i + 1..], total_args),
            Some((i, "run")) => parse_script(Runner::Node, &prog, &rest[i + 1..], total_args),
            _ => parse_script(Runner::Node, &prog, rest, total_args),
        },
        "uvx" => parse_uvx(Runner::Uvx, &prog, rest, total_args),
        "uv" => parse_uv(&prog, rest, total_args),
        "pipx" => match sub(rest, &[]) {
            Some((i, "run")) => parse_pipx(&prog, &rest[i + 1..], total_args),
            _ => binary(&prog, &toks, total_args),
        },
        "node" | "nodejs" => parse_node(&prog, rest, total_args),
        "deno" => parse_deno(&prog, rest, total_args),
        "docker" | "podman" | "nerdctl" => parse_docker(&prog, rest, total_args, &toks),
        "bash" | "sh" | "zsh" | "dash" | "ksh" | "ash" | "fish" => parse_posix_shell(&prog, rest, depth, total_args),
        "cmd" => parse_cmd(&prog, rest, depth, total_args),
        "powershell" | "pwsh" => parse_powershell(&prog, rest, depth, total_args),
        p if is_python(p) => parse_python(&prog, rest, total_args),
        _ => binary(&prog, &toks, total_args),
    };
    if spec.program.is_empty() {
        spec.program = prog;
    }
    spec
}

fn is_known_launcher(p: &str) -> bool {
    matches!(
        p,
        "npx"
            | "pnpx"
            | "bunx"
            | "npm"
            | "pnpm"
            | "yarn"
            | "bun"
            | "uvx"
            | "uv"
            | "pipx"
            | "node"
            | "deno"
            | "docker"
            | "podman"
            | "env"
    ) || is_python(p)
}

fn is_python(p: &str) -> bool {
    if p == "py" || p == "pypy" || p == "pypy3" {
        return true;
    }
    match p.strip_prefix("python") {
        Some(rest) => rest.chars().all(|c| c.is_ascii_digit() || c == '.'),
        None => false,
    }
}

/// Finds the first non-option word of `toks` (skipping options, and the value of
/// those named in `takes_value`); returns its index and text.
fn sub<'a>(toks: &'a [Tok], takes_value: &[&str]) -> Option<(usize, &'a str)> {
    let mut i = 0;
    while let Some(t) = toks.get(i) {
        let s = t.s.as_str();
        if s.starts_with('-') {
            if takes_value.contains(&s) {
                i += 1;
            }
            i += 1;
            continue;
        }
        return Some((i, s));
    }
    None
}

/// Where the server's own arguments start, in the entry's `args` numbering.
fn args_at(toks: &[Tok], k: usize, total_args: usize) -> Option<usize> {
    match toks.get(k) {
        Some(t) => t.arg,
        None => match toks.last() {
            Some(t) => t.arg.map(|i| i + 1),
            // Nothing after the launcher: the server has no arguments of its own.
            None => Some(total_args),
        },
    }
}

fn rest_strings(toks: &[Tok], k: usize) -> Vec<String> {
    toks.get(k..).unwrap_or(&[]).iter().map(|t| t.s.clone()).collect()
}

fn binary(prog: &str, toks: &[Tok], total_args: usize) -> LaunchSpec {
    let mut spec = LaunchSpec::new(Runner::Binary, prog);
    let path = toks.first().map(|t| t.s.trim().to_owned()).unwrap_or_default();
    spec.package = Some(Package {
        ecosystem: Ecosystem::Local,
        name: prog.to_owned(),
        version: None,
        digest: None,
        pinned: false,
        spec: path,
    });
    spec.server_args_at = args_at(toks, 1, total_args);
    spec.server_args = rest_strings(toks, 1);
    spec
}

/// `--name=value` → (`--name`, Some(value)); `--name` → (`--name`, None).
fn split_eq(s: &str) -> (&str, Option<&str>) {
    match s.split_once('=') {
        Some((n, v)) if n.starts_with("--") => (n, Some(v)),
        _ => (s, None),
    }
}

// ---------------------------------------------------------------------------
// npm family

fn parse_npm_like(runner: Runner, prog: &str, toks: &[Tok], total_args: usize) -> LaunchSpec {
    let mut spec = LaunchSpec::new(runner, prog);
    // Options whose value is the next word (when not written `--opt=value`).
    const VALUE: &[&str] = &[
        "--package",
        "-p",
        "--call",
        "--registry",
        "--cache",
        "--userconfig",
        "--loglevel",
        "--node-options",
        "--script-shell",
        "--workspace",
        "-w",
        "--prefix",
        "--allow-build",
        "--cwd",
    ];
    let mut i = 0;
    let mut positional: Option<usize> = None;
    while let Some(t) = toks.get(i) {
        let s = t.s.as_str();
        if s == "--" {
            i += 1;
            if positional.is_none() && toks.get(i).is_some() {
                positional = Some(i);
                i += 1;
            }
            break;
        }
        if !s.starts_with('-') || s == "-" {
            positional = Some(i);
            i += 1;
            // `npm exec pkg -- args`: the separator belongs to npm, not to the server.
            if runner == Runner::NpmExec && toks.get(i).is_some_and(|t| t.s == "--") {
                i += 1;
            }
            break;
        }
        let (name, inline) = split_eq(s);
        // `-c` is `--call` for npx/npm exec, shell mode for pnpm dlx.
        let is_shell_mode_flag = runner == Runner::PnpmDlx && matches!(name, "-c" | "--shell-mode");
        let takes_value = !is_shell_mode_flag && (VALUE.contains(&name) || (name == "-c" && runner != Runner::YarnDlx));
        let value = if takes_value && inline.is_none() {
            i += 1;
            toks.get(i).map(|t| t.s.as_str())
        } else {
            inline
        };
        match name {
            "-y" | "--yes" => spec.flags.yes = true,
            "--package" | "-p" => {
                if let Some(v) = value {
                    spec.flags.packages.push(v.to_owned());
                }
            }
            "-c" | "--call" if !is_shell_mode_flag => spec.flags.shell_mode = value.map(str::to_owned),
            "-c" | "--shell-mode" => spec.flags.shell_mode = Some(String::new()),
            "--registry" => {
                if let Some(v) = value {
                    spec.flags.registries.push(v.to_owned());
                }
            }
            _ => {}
        }
        i += 1;
    }
    // With `--package`, the positional is the bin to run; the package is the option's value.
    let pkg_spec = spec
        .flags
        .packages
        .first()
        .cloned()
        .or_else(|| positional.and_then(|p| toks.get(p)).map(|t| t.s.clone()));
    if let Some(ps) = pkg_spec {
        spec.package = Some(parse_npm_spec(&ps));
    }
    let k = match positional {
        Some(_) => i,
        None => toks.len(),
    };
    spec.server_args_at = args_at(toks, k, total_args);
    spec.server_args = rest_strings(toks, k);
    spec
}

/// Parses an npm package specifier: `name`, `name@1.2.3`, `@scope/name@^1`,
/// a git/URL source, or a local path.
pub fn parse_npm_spec(raw: &str) -> Package {
    let s = raw.trim();
    let s = s.strip_prefix("npm:").unwrap_or(s);
    if is_path_like(s) {
        return local_package(s, raw);
    }
    if is_url_like(s) || is_github_shorthand(s) {
        let pinned = s
            .rsplit_once('#')
            .is_some_and(|(_, rev)| rev.len() == 40 && rev.chars().all(|c| c.is_ascii_hexdigit()));
        return Package {
            ecosystem: Ecosystem::Npm,
            name: s.to_owned(),
            version: None,
            digest: None,
            pinned,
            spec: raw.to_owned(),
        };
    }
    let split_at = if let Some(rest) = s.strip_prefix('@') {
        rest.find('@').map(|i| i + 1)
    } else {
        s.find('@')
    };
    let (name, version) = match split_at {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let version = version.filter(|v| !v.is_empty());
    Package {
        ecosystem: Ecosystem::Npm,
        name: name.to_owned(),
        version: version.map(str::to_owned),
        digest: None,
        pinned: version.is_some_and(is_exact_semver),
        spec: raw.to_owned(),
    }
}

/// `1.2.3`, `v1.2.3`, `=1.2.3`, `1.2.3-beta.1+build`: one exact version.
/// Ranges (`^`, `~`, `>=`, `1.x`, `1.2`), tags (`latest`, `next`) and `*` are not.
pub fn is_exact_semver(v: &str) -> bool {
    let v = v.trim();
    let v = v.strip_prefix('=').unwrap_or(v);
    let v = v.strip_prefix('v').unwrap_or(v);
    let (core, rest) = match v.find(['-', '+']) {
        Some(i) => (&v[..i], &v[i..]),
        None => (v, ""),
    };
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        && rest
            .chars()
            .skip(1)
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '+')
        && rest.len() != 1
}

fn is_path_like(s: &str) -> bool {
    s.starts_with('.')
        || s.starts_with('/')
        || s.starts_with('~')
        || s.starts_with("file:")
        || s.contains('\\')
        || (s.len() > 2 && s.as_bytes().get(1) == Some(&b':') && s.as_bytes()[0].is_ascii_alphabetic())
}

fn is_url_like(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    lower.contains("://")
        || lower.starts_with("git+")
        || lower.starts_with("github:")
        || lower.starts_with("gitlab:")
        || lower.starts_with("bitbucket:")
        || lower.starts_with("gist:")
}

/// `user/repo` (npm's GitHub shorthand), as opposed to `@scope/name`.
fn is_github_shorthand(s: &str) -> bool {
    !s.starts_with('@') && s.contains('/')
}

fn local_package(name: &str, raw: &str) -> Package {
    Package {
        ecosystem: Ecosystem::Local,
        name: name.to_owned(),
        version: None,
        digest: None,
        pinned: false,
        spec: raw.to_owned(),
    }
}

// ---------------------------------------------------------------------------
// Python family

fn parse_uv(prog: &str, toks: &[Tok], total_args: usize) -> LaunchSpec {
    // uv's global options may come before the subcommand (`uv --directory D run x`).
    const GLOBAL_VALUE: &[&str] = &[
        "--directory",
        "--project",
        "--cache-dir",
        "--config-file",
        "--python",
        "-p",
        "--color",
        "--python-preference",
        "--allow-insecure-host",
    ];
    let mut i = 0;
    while let Some(t) = toks.get(i) {
        let s = t.s.as_str();
        if !s.starts_with('-') {
            break;
        }
        let (name, inline) = split_eq(s);
        if GLOBAL_VALUE.contains(&name) && inline.is_none() {
            i += 1;
        }
        i += 1;
    }
    match toks.get(i).map(|t| t.s.as_str()) {
        Some("tool") if toks.get(i + 1).is_some_and(|t| t.s == "run") => {
            parse_uvx(Runner::UvToolRun, prog, &toks[i + 2..], total_args)
        }
        Some("run") => parse_uv_run(prog, &toks[i + 1..], total_args),
        _ => binary(prog, &prepend_prog(prog, toks), total_args),
    }
}

fn prepend_prog(prog: &str, toks: &[Tok]) -> Vec<Tok> {
    let mut v = vec![Tok {
        s: prog.to_owned(),
        arg: None,
    }];
    v.extend(toks.iter().cloned());
    v
}

fn parse_uv_run(prog: &str, toks: &[Tok], total_args: usize) -> LaunchSpec {
    let mut spec = LaunchSpec::new(Runner::UvRun, prog);
    let mut i = 0;
    while let Some(t) = toks.get(i) {
        let s = t.s.as_str();
        if s == "--" {
            i += 1;
            break;
        }
        if !s.starts_with('-') {
            break;
        }
        let (name, inline) = split_eq(s);
        if UV_VALUE.contains(&name) || matches!(name, "--module" | "-m" | "--package") {
            let v = match inline {
                Some(v) => Some(v.to_owned()),
                None => {
                    i += 1;
                    toks.get(i).map(|t| t.s.clone())
                }
            };
            match (name, v) {
                ("--with", Some(v)) => spec.flags.with.push(v),
                ("--from", Some(v)) => spec.flags.from = Some(v),
                ("--index" | "--index-url" | "--extra-index-url" | "--default-index", Some(v)) => {
                    spec.flags.registries.push(v)
                }
                _ => {}
            }
        }
        i += 1;
    }
    if let Some(t) = toks.get(i) {
        spec.package = Some(local_package(&t.s, &t.s));
        i += 1;
    }
    spec.server_args_at = args_at(toks, i, total_args);
    spec.server_args = rest_strings(toks, i);
    spec
}

/// uv options (run / tool run) whose value is the next word.
const UV_VALUE: &[&str] = &[
    "--from",
    "--with",
    "--with-editable",
    "--with-requirements",
    "--python",
    "-p",
    "--index",
    "--index-url",
    "--extra-index-url",
    "--default-index",
    "--find-links",
    "-f",
    "--directory",
    "--project",
    "--config-file",
    "--cache-dir",
    "--refresh-package",
    "--reinstall-package",
    "--upgrade-package",
    "-P",
    "--exclude-newer",
    "--index-strategy",
    "--keyring-provider",
    "--resolution",
    "--prerelease",
    "--color",
    "--python-preference",
    "--env-file",
    "--constraints",
    "--constraint",
    "-c",
    "--overrides",
    "--build-constraints",
    "-b",
    "--allow-insecure-host",
    "--link-mode",
    "--config-setting",
    "-C",
    "--no-binary-package",
    "--no-build-package",
];

fn parse_uvx(runner: Runner, prog: &str, toks: &[Tok], total_args: usize) -> LaunchSpec {
    let mut spec = LaunchSpec::new(runner, prog);
    let mut i = 0;
    let mut positional = None;
    while let Some(t) = toks.get(i) {
        let s = t.s.as_str();
        if s == "--" {
            i += 1;
            if toks.get(i).is_some() {
                positional = Some(i);
                i += 1;
            }
            break;
        }
        if !s.starts_with('-') {
            positional = Some(i);
            i += 1;
            break;
        }
        let (name, inline) = split_eq(s);
        if UV_VALUE.contains(&name) {
            let v = match inline {
                Some(v) => Some(v.to_owned()),
                None => {
                    i += 1;
                    toks.get(i).map(|t| t.s.clone())
                }
            };
            match (name, v) {
                ("--from", Some(v)) => spec.flags.from = Some(v),
                ("--with", Some(v)) => spec.flags.with.push(v),
                ("--index" | "--index-url" | "--extra-index-url" | "--default-index", Some(v)) => {
                    spec.flags.registries.push(v)
                }
                _ => {}
            }
        }
        i += 1;
    }
    let pkg = spec
        .flags
        .from
        .clone()
        .or_else(|| positional.and_then(|p| toks.get(p)).map(|t| t.s.clone()));
    if let Some(p) = pkg {
        spec.package = Some(parse_pypi_spec(&p));
    }
    let k = if positional.is_some() { i } else { toks.len() };
    spec.server_args_at = args_at(toks, k, total_args);
    spec.server_args = rest_strings(toks, k);
    spec
}

fn parse_pipx(prog: &str, toks: &[Tok], total_args: usize) -> LaunchSpec {
    let mut spec = LaunchSpec::new(Runner::PipxRun, prog);
    const VALUE: &[&str] = &["--spec", "--python", "--pip-args", "--index-url", "-i", "--backend"];
    let mut i = 0;
    let mut positional = None;
    while let Some(t) = toks.get(i) {
        let s = t.s.as_str();
        if s == "--" {
            i += 1;
            if toks.get(i).is_some() {
                positional = Some(i);
                i += 1;
            }
            break;
        }
        if !s.starts_with('-') {
            positional = Some(i);
            i += 1;
            break;
        }
        let (name, inline) = split_eq(s);
        if VALUE.contains(&name) {
            let v = match inline {
                Some(v) => Some(v.to_owned()),
                None => {
                    i += 1;
                    toks.get(i).map(|t| t.s.clone())
                }
            };
            match (name, v) {
                ("--spec", Some(v)) => spec.flags.packages.push(v),
                ("--index-url" | "-i", Some(v)) => spec.flags.registries.push(v),
                _ => {}
            }
        }
        i += 1;
    }
    let pkg = spec
        .flags
        .packages
        .first()
        .cloned()
        .or_else(|| positional.and_then(|p| toks.get(p)).map(|t| t.s.clone()));
    if let Some(p) = pkg {
        spec.package = Some(parse_pypi_spec(&p));
    }
    let k = if positional.is_some() { i } else { toks.len() };
    spec.server_args_at = args_at(toks, k, total_args);
    spec.server_args = rest_strings(toks, k);
    spec
}

/// Parses a Python requirement as launchers accept it: `name`, `name==1.2.3`,
/// `name[extra]>=1`, `name@1.2.3` / `name@latest` (uvx), a VCS URL or a path.
pub fn parse_pypi_spec(raw: &str) -> Package {
    let s = raw.trim();
    if is_url_like(s) {
        // `git+https://host/repo@<commit>`: pinned only to a full commit hash.
        let pinned = s.rsplit_once('@').is_some_and(|(_, rev)| {
            let rev = rev.split(['#', '&']).next().unwrap_or(rev);
            rev.len() == 40 && rev.chars().all(|c| c.is_ascii_hexdigit())
        });
        return Package {
            ecosystem: Ecosystem::Pypi,
            name: s.to_owned(),
            version: None,
            digest: None,
            pinned,
            spec: raw.to_owned(),
        };
    }
    if is_path_like(s) || s.ends_with(".whl") || s.ends_with(".tar.gz") {
        return local_package(s, raw);
    }
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-'))
        .unwrap_or(s.len());
    let name = &s[..end];
    let mut rest = s[end..].trim_start();
    // Extras: `name[cli]==1.0`.
    if rest.starts_with('[') {
        rest = match rest.find(']') {
            Some(close) => rest[close + 1..].trim_start(),
            None => "",
        };
    }
    // Environment markers do not change the version.
    let rest = rest.split(';').next().unwrap_or("").trim();
    let version = if rest.is_empty() { None } else { Some(rest.to_owned()) };
    let pinned = if let Some(v) = rest.strip_prefix("===") {
        is_exact_pep440(v)
    } else if let Some(v) = rest.strip_prefix("==") {
        is_exact_pep440(v)
    } else if let Some(v) = rest.strip_prefix('@') {
        is_exact_pep440(v)
    } else {
        false
    };
    Package {
        ecosystem: Ecosystem::Pypi,
        name: if name.is_empty() { s.to_owned() } else { name.to_owned() },
        version,
        digest: None,
        pinned,
        spec: raw.to_owned(),
    }
}

/// One exact PEP 440 version: starts with a digit, no wildcard, no second clause.
fn is_exact_pep440(v: &str) -> bool {
    let v = v.trim();
    let v = v.strip_prefix('v').unwrap_or(v);
    v.chars().next().is_some_and(|c| c.is_ascii_digit())
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '!' | '-' | '_'))
}

fn parse_python(prog: &str, toks: &[Tok], total_args: usize) -> LaunchSpec {
    let mut i = 0;
    while let Some(t) = toks.get(i) {
        let s = t.s.as_str();
        if s == "-" || !s.starts_with('-') {
            break;
        }
        if s == "--" {
            i += 1;
            break;
        }
        if let Some(m) = s.strip_prefix("-m") {
            let (module, next) = if m.is_empty() {
                (toks.get(i + 1).map(|t| t.s.clone()), i + 2)
            } else {
                (Some(m.to_owned()), i + 1)
            };
            let mut spec = LaunchSpec::new(Runner::PythonModule, prog);
            if let Some(m) = module {
                spec.package = Some(local_package(&m, &m));
            }
            spec.server_args_at = args_at(toks, next, total_args);
            spec.server_args = rest_strings(toks, next);
            return spec;
        }
        if let Some(c) = s.strip_prefix("-c") {
            let code = if c.is_empty() {
                toks.get(i + 1).map(|t| t.s.clone())
            } else {
                Some(c.to_owned())
            };
            let mut spec = LaunchSpec::new(Runner::PythonInline, prog);
            spec.shell = code.map(|script| ShellWrap {
                shell: prog.to_owned(),
                compound: true,
                encoded: false,
                script,
            });
            let next = if c.is_empty() { i + 2 } else { i + 1 };
            spec.server_args_at = args_at(toks, next, total_args);
            spec.server_args = rest_strings(toks, next);
            return spec;
        }
        // `-X opt`, `-W arg` take a value when not joined.
        if s == "-X" || s == "-W" {
            i += 1;
        }
        i += 1;
    }
    let mut spec = LaunchSpec::new(Runner::PythonScript, prog);
    if let Some(t) = toks.get(i) {
        spec.package = Some(local_package(&t.s, &t.s));
        i += 1;
    }
    spec.server_args_at = args_at(toks, i, total_args);
    spec.server_args = rest_strings(toks, i);
    spec
}

// ---------------------------------------------------------------------------
// JavaScript runtimes

fn parse_node(prog: &str, toks: &[Tok], total_args: usize) -> LaunchSpec {
    const VALUE: &[&str] = &[
        "-r",
        "--require",
        "--import",
        "--loader",
        "--experimental-loader",
        "-C",
        "--conditions",
        "--title",
        "--env-file",
        "--input-type",
    ];
    let mut i = 0;
    while let Some(t) = toks.get(i) {
        let s = t.s.as_str();
        if s == "--" {
            i += 1;
            break;
        }
        if !s.starts_with('-') || s == "-" {
            break;
        }
        let (name, inline) = split_eq(s);
        if matches!(name, "-e" | "--eval" | "-p" | "--print" | "-pe") {
            let code = match inline {
                Some(v) => Some(v.to_owned()),
                None => toks.get(i + 1).map(|t| t.s.clone()),
            };
            let next = if inline.is_some() { i + 1 } else { i + 2 };
            let mut spec = LaunchSpec::new(Runner::NodeInline, prog);
            spec.shell = code.map(|script| ShellWrap {
                shell: prog.to_owned(),
                compound: true,
                encoded: false,
                script,
            });
            spec.server_args_at = args_at(toks, next, total_args);
            spec.server_args = rest_strings(toks, next);
            return spec;
        }
        if VALUE.contains(&name) && inline.is_none() {
            i += 1;
        }
        i += 1;
    }
    parse_script(Runner::Node, prog, &toks[i.min(toks.len())..], total_args)
}

/// `RUNTIME script args…`: local code.
fn parse_script(runner: Runner, prog: &str, toks: &[Tok], total_args: usize) -> LaunchSpec {
    let mut spec = LaunchSpec::new(runner, prog);
    let mut i = 0;
    // Skip runtime flags (bun's `--bun`, `--watch`…) before the script.
    while toks.get(i).is_some_and(|t| t.s.starts_with('-') && t.s != "-") {
        i += 1;
    }
    if let Some(t) = toks.get(i) {
        spec.package = Some(local_package(&t.s, &t.s));
        i += 1;
    }
    spec.server_args_at = args_at(toks, i, total_args);
    spec.server_args = rest_strings(toks, i);
    spec
}

fn parse_deno(prog: &str, toks: &[Tok], total_args: usize) -> LaunchSpec {
    let mut spec = LaunchSpec::new(Runner::Deno, prog);
    let mut i = match toks.first().map(|t| t.s.as_str()) {
        Some("run") => 1,
        Some(s) if s.starts_with('-') || s.contains(':') || s.contains('.') => 0,
        _ => return binary(prog, &prepend_prog(prog, toks), total_args),
    };
    const VALUE: &[&str] = &[
        "-c",
        "--config",
        "--import-map",
        "--cert",
        "--location",
        "--seed",
        "--ext",
        "--v8-flags",
    ];
    while let Some(t) = toks.get(i) {
        let s = t.s.as_str();
        if !s.starts_with('-') {
            break;
        }
        let (name, inline) = split_eq(s);
        let is_permission = s == "-A"
            || name == "--allow-all"
            || name.starts_with("--allow-")
            || (s.len() == 2 && matches!(s, "-R" | "-W" | "-N" | "-E" | "-S" | "-I" | "-P"));
        if is_permission {
            spec.flags.deno_permissions.push(s.to_owned());
        }
        if VALUE.contains(&name) && inline.is_none() {
            i += 1;
        }
        i += 1;
    }
    if let Some(t) = toks.get(i) {
        let s = t.s.trim();
        spec.package = Some(if let Some(npm) = s.strip_prefix("npm:") {
            let mut p = parse_npm_spec(npm);
            p.spec = s.to_owned();
            p
        } else if let Some(jsr) = s.strip_prefix("jsr:") {
            let mut p = parse_npm_spec(jsr);
            p.ecosystem = Ecosystem::Deno;
            p.spec = s.to_owned();
            p
        } else if s.contains("://") {
            Package {
                ecosystem: Ecosystem::Deno,
                name: s.to_owned(),
                version: None,
                digest: None,
                pinned: url_has_exact_version(s),
                spec: s.to_owned(),
            }
        } else {
            local_package(s, s)
        });
        i += 1;
    }
    spec.server_args_at = args_at(toks, i, total_args);
    spec.server_args = rest_strings(toks, i);
    spec
}

/// `https://deno.land/x/mod@v1.2.3/mod.ts`: an exact version in the URL path.
fn url_has_exact_version(url: &str) -> bool {
    url.split('/')
        .filter_map(|seg| seg.rsplit_once('@'))
        .any(|(_, v)| is_exact_semver(v))
}

// ---------------------------------------------------------------------------
// Containers

fn parse_docker(prog: &str, toks: &[Tok], total_args: usize, all: &[Tok]) -> LaunchSpec {
    const GLOBAL_VALUE: &[&str] = &[
        "--context",
        "-c",
        "-H",
        "--host",
        "--config",
        "-l",
        "--log-level",
        "--tlscacert",
        "--tlscert",
        "--tlskey",
        "--url",
        "--connection",
        "--root",
        "--runroot",
    ];
    let mut i = 0;
    while let Some(t) = toks.get(i) {
        let s = t.s.as_str();
        if !s.starts_with('-') {
            break;
        }
        let (name, inline) = split_eq(s);
        if GLOBAL_VALUE.contains(&name) && inline.is_none() {
            i += 1;
        }
        i += 1;
    }
    match toks.get(i).map(|t| t.s.as_str()) {
        Some("run") => i += 1,
        Some("container") if toks.get(i + 1).is_some_and(|t| t.s == "run") => i += 2,
        _ => return binary(prog, all, total_args),
    }
    let runner = if prog == "podman" {
        Runner::Podman
    } else {
        Runner::Docker
    };
    let mut spec = LaunchSpec::new(runner, prog);
    // `docker run` options whose value is the next word.
    const VALUE: &[&str] = &[
        "-e",
        "--env",
        "-v",
        "--volume",
        "--mount",
        "--network",
        "--net",
        "--name",
        "-p",
        "--publish",
        "-w",
        "--workdir",
        "-u",
        "--user",
        "--entrypoint",
        "--env-file",
        "-l",
        "--label",
        "--label-file",
        "--cap-add",
        "--cap-drop",
        "--security-opt",
        "--platform",
        "--pull",
        "--add-host",
        "--device",
        "-m",
        "--memory",
        "--memory-swap",
        "--cpus",
        "--cpu-shares",
        "-c",
        "--tmpfs",
        "--ulimit",
        "--restart",
        "-h",
        "--hostname",
        "--dns",
        "--dns-search",
        "--ipc",
        "--pid",
        "--runtime",
        "--gpus",
        "--log-driver",
        "--log-opt",
        "--cidfile",
        "--group-add",
        "--expose",
        "--volumes-from",
        "--userns",
        "--uts",
        "--shm-size",
        "--stop-signal",
        "--stop-timeout",
        "--health-cmd",
        "--annotation",
        "--attach",
        "-a",
        "--link",
        "--mac-address",
        "--ip",
        "--ip6",
        "--network-alias",
        "--pids-limit",
        "--storage-opt",
        "--sysctl",
        "--isolation",
        "--cgroupns",
        "--cgroup-parent",
        "--detach-keys",
    ];
    while let Some(t) = toks.get(i) {
        let s = t.s.as_str();
        if s == "--" {
            i += 1;
            break;
        }
        if !s.starts_with('-') || s == "-" {
            break;
        }
        let (name, inline) = if s.starts_with("--") {
            split_eq(s)
        } else if s.len() > 2 && s.is_char_boundary(2) && VALUE.contains(&&s[..2]) {
            // `-eNAME=1`, `-v/a:/b`: short option with its value joined.
            (&s[..2], Some(&s[2..]))
        } else {
            (s, None)
        };
        let takes_value = VALUE.contains(&name);
        let value = if takes_value && inline.is_none() {
            i += 1;
            toks.get(i).map(|t| t.s.as_str())
        } else {
            inline
        };
        match name {
            "-e" | "--env" => {
                if let Some(v) = value {
                    let (n, val) = match v.split_once('=') {
                        Some((n, val)) => (n, Some(val.to_owned())),
                        None => (v, None),
                    };
                    spec.flags.env.push(EnvSetting {
                        name: n.to_owned(),
                        value: val,
                    });
                }
            }
            "-v" | "--volume" | "--mount" => spec.flags.volumes.extend(value.map(str::to_owned)),
            "--network" | "--net" => spec.flags.network = value.map(str::to_owned),
            "--privileged" => spec.flags.privileged = !matches!(value, Some("false")),
            "--cap-add" => spec.flags.cap_add.extend(value.map(str::to_owned)),
            "--env-file" => spec.flags.env_files.extend(value.map(str::to_owned)),
            _ => {}
        }
        i += 1;
    }
    if let Some(t) = toks.get(i) {
        spec.package = Some(parse_image(&t.s));
        i += 1;
    }
    spec.server_args_at = args_at(toks, i, total_args);
    spec.server_args = rest_strings(toks, i);
    spec
}

/// Parses an image reference: `[registry/]path[:tag][@sha256:digest]`. Docker Hub
/// spellings are normalised (`docker.io/mcp/x` and `index.docker.io/library/x` → `mcp/x`, `x`).
pub fn parse_image(raw: &str) -> Package {
    let s = raw.trim();
    let (rest, digest) = match s.split_once('@') {
        Some((r, d)) => (r, Some(d.to_owned())),
        None => (s, None),
    };
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest[last_slash..].rfind(':') {
        Some(c) => (&rest[..last_slash + c], Some(rest[last_slash + c + 1..].to_owned())),
        None => (rest, None),
    };
    let mut name = name.to_ascii_lowercase();
    for hub in [
        "docker.io/",
        "index.docker.io/",
        "registry-1.docker.io/",
        "registry.hub.docker.com/",
    ] {
        if let Some(r) = name.strip_prefix(hub) {
            name = r.to_owned();
            break;
        }
    }
    if let Some(r) = name.strip_prefix("library/") {
        name = r.to_owned();
    }
    let pinned = digest.as_deref().is_some_and(|d| {
        d.strip_prefix("sha256:")
            .is_some_and(|h| h.len() == 64 && h.chars().all(|c| c.is_ascii_hexdigit()))
    });
    Package {
        ecosystem: Ecosystem::Docker,
        name,
        version: tag.filter(|t| !t.is_empty()),
        digest,
        pinned,
        spec: raw.to_owned(),
    }
}

// ---------------------------------------------------------------------------
// env and shells

fn parse_env(toks: &[Tok], depth: u8, total_args: usize) -> LaunchSpec {
    let mut env = Vec::new();
    let mut i = 0;
    while let Some(t) = toks.get(i) {
        let s = t.s.as_str();
        if s == "--" {
            i += 1;
            continue;
        }
        if s.starts_with('-') {
            // `-u NAME`, `-C DIR` take a value; `-S STRING` splits a whole command line.
            if matches!(s, "-u" | "--unset" | "-C" | "--chdir") {
                i += 1;
            } else if matches!(s, "-S" | "--split-string") {
                if let Some(line) = toks.get(i + 1) {
                    if line.s.len() <= MAX_SCRIPT && depth < MAX_DEPTH {
                        let mut inner: Vec<Tok> = split_words(&line.s, true)
                            .into_iter()
                            .map(|s| Tok { s, arg: None })
                            .collect();
                        inner.extend(toks.get(i + 2..).unwrap_or(&[]).iter().cloned());
                        let mut spec = parse_env(&inner, depth + 1, total_args);
                        spec.flags.env.splice(0..0, env);
                        return spec;
                    }
                }
                i += 1;
            }
            i += 1;
            continue;
        }
        match s.split_once('=') {
            Some((name, value)) if !name.is_empty() && !name.contains('/') => {
                env.push(EnvSetting {
                    name: name.to_owned(),
                    value: Some(value.to_owned()),
                });
                i += 1;
            }
            _ => break,
        }
    }
    let inner = toks.get(i..).unwrap_or(&[]).to_vec();
    let mut spec = if inner.is_empty() {
        LaunchSpec::new(Runner::Unknown, "env")
    } else {
        parse(inner, depth + 1, total_args)
    };
    spec.flags.env.splice(0..0, env);
    spec
}

fn parse_posix_shell(prog: &str, toks: &[Tok], depth: u8, total_args: usize) -> LaunchSpec {
    let mut i = 0;
    let mut has_c = false;
    while let Some(t) = toks.get(i) {
        let s = t.s.as_str();
        if s == "--" {
            i += 1;
            break;
        }
        if !(s.starts_with('-') || s.starts_with('+')) || s == "-" {
            break;
        }
        if s == "-o" || s == "+o" || s == "-O" || s == "+O" || s == "--rcfile" || s == "--init-file" {
            i += 1;
        } else if !s.starts_with("--") && s[1..].contains('c') {
            has_c = true;
        }
        i += 1;
    }
    if has_c {
        let script = toks.get(i).map(|t| t.s.clone()).unwrap_or_default();
        return shell_script(prog, script, false, depth, total_args, true);
    }
    // `bash server.sh args`: a local script, run like a binary.
    let mut spec = LaunchSpec::new(Runner::Binary, prog);
    if let Some(t) = toks.get(i) {
        spec.package = Some(local_package(&t.s, &t.s));
        i += 1;
    }
    spec.server_args_at = args_at(toks, i, total_args);
    spec.server_args = rest_strings(toks, i);
    spec
}

fn parse_cmd(prog: &str, toks: &[Tok], depth: u8, total_args: usize) -> LaunchSpec {
    let mut i = 0;
    let mut run = false;
    while let Some(t) = toks.get(i) {
        let s = t.s.as_str();
        if !s.starts_with('/') || s.len() > 8 {
            break;
        }
        let lower = s.to_ascii_lowercase();
        i += 1;
        if lower == "/c" || lower == "/k" || lower == "/r" {
            run = true;
            break;
        }
    }
    let rest = toks.get(i..).unwrap_or(&[]);
    if !run || rest.is_empty() {
        return binary(prog, &prepend_prog(prog, toks), total_args);
    }
    let script: String = rest.iter().map(|t| t.s.as_str()).collect::<Vec<_>>().join(" ");
    let compound = is_compound(&script, ShellKind::Cmd);
    // Separate words (`["/c", "npx", "-y", "pkg"]`) keep their positions in `args`.
    if rest.len() > 1 && !compound && depth < MAX_DEPTH {
        let mut spec = parse(rest.to_vec(), depth + 1, total_args);
        spec.shell.get_or_insert(ShellWrap {
            shell: prog.to_owned(),
            script,
            encoded: false,
            compound: false,
        });
        return spec;
    }
    shell_script(prog, script, false, depth, total_args, false)
}

fn parse_powershell(prog: &str, toks: &[Tok], depth: u8, total_args: usize) -> LaunchSpec {
    const VALUE: &[&str] = &[
        "executionpolicy",
        "ep",
        "ex",
        "windowstyle",
        "w",
        "inputformat",
        "outputformat",
        "of",
        "if",
        "configurationname",
        "workingdirectory",
        "wd",
        "version",
        "v",
        "settingsfile",
        "custompipename",
    ];
    let mut i = 0;
    while let Some(t) = toks.get(i) {
        let s = t.s.as_str();
        let Some(opt) = s.strip_prefix('-').or_else(|| s.strip_prefix('/')) else {
            break;
        };
        let opt = opt.to_ascii_lowercase();
        if opt == "c" || opt.starts_with("com") {
            let script = rest_strings(toks, i + 1).join(" ");
            return shell_script(prog, script, false, depth, total_args, true);
        }
        if opt == "e" || opt == "ec" || opt.starts_with("enc") {
            let script = toks.get(i + 1).map(|t| t.s.clone()).unwrap_or_default();
            let mut spec = LaunchSpec::new(Runner::Shell, prog);
            spec.shell = Some(ShellWrap {
                shell: prog.to_owned(),
                script,
                encoded: true,
                compound: true,
            });
            spec.server_args_at = None;
            return spec;
        }
        if opt == "f" || opt == "file" {
            let mut spec = LaunchSpec::new(Runner::Binary, prog);
            if let Some(t) = toks.get(i + 1) {
                spec.package = Some(local_package(&t.s, &t.s));
            }
            spec.server_args_at = args_at(toks, i + 2, total_args);
            spec.server_args = rest_strings(toks, i + 2);
            return spec;
        }
        if VALUE.contains(&opt.as_str()) {
            i += 1;
        }
        i += 1;
    }
    let rest = toks.get(i..).unwrap_or(&[]);
    if rest.is_empty() {
        return LaunchSpec::new(Runner::Binary, prog);
    }
    if prog == "pwsh" {
        // pwsh's default parameter is -File.
        let mut spec = LaunchSpec::new(Runner::Binary, prog);
        spec.package = rest.first().map(|t| local_package(&t.s, &t.s));
        spec.server_args_at = args_at(toks, i + 1, total_args);
        spec.server_args = rest_strings(toks, i + 1);
        return spec;
    }
    // Windows PowerShell's default parameter is -Command.
    let script = rest.iter().map(|t| t.s.as_str()).collect::<Vec<_>>().join(" ");
    shell_script(prog, script, false, depth, total_args, true)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ShellKind {
    Posix,
    Cmd,
    PowerShell,
}

fn shell_kind(prog: &str) -> ShellKind {
    match prog {
        "cmd" => ShellKind::Cmd,
        "powershell" | "pwsh" => ShellKind::PowerShell,
        _ => ShellKind::Posix,
    }
}

/// A script run by a shell: unwrapped when it is one simple command, else a [`Runner::Shell`].
fn shell_script(prog: &str, script: String, encoded: bool, depth: u8, total_args: usize, posix: bool) -> LaunchSpec {
    let kind = shell_kind(prog);
    let compound = encoded || script.len() > MAX_SCRIPT || is_compound(&script, kind);
    let wrap = ShellWrap {
        shell: prog.to_owned(),
        script: script.clone(),
        encoded,
        compound,
    };
    if !compound && depth < MAX_DEPTH {
        let words = split_words(&script, posix && kind == ShellKind::Posix);
        if !words.is_empty() {
            let toks = words.into_iter().map(|s| Tok { s, arg: None }).collect();
            let mut spec = parse(toks, depth + 1, total_args);
            spec.server_args_at = None;
            spec.shell.get_or_insert(wrap);
            return spec;
        }
    }
    let mut spec = LaunchSpec::new(Runner::Shell, prog);
    spec.shell = Some(wrap);
    spec
}

/// More than one simple command, or one whose words a static reading cannot know.
fn is_compound(script: &str, kind: ShellKind) -> bool {
    let s = script.trim();
    if s.is_empty() {
        return false;
    }
    match kind {
        ShellKind::Cmd => s.contains(['&', '|', '<', '>', '\n']),
        ShellKind::Posix => s.contains(['|', '&', ';', '<', '>', '`', '\n', '(', ')']) || s.contains("$("),
        ShellKind::PowerShell => {
            s.contains(['|', '&', ';', '<', '>', '`', '\n', '(', ')', '{', '}']) || s.contains("$(")
        }
    }
}

/// Splits a command string into words. `posix`: backslash escapes and single
/// quotes as in sh; otherwise (cmd) only double quotes group and backslashes are literal.
pub fn split_words(s: &str, posix: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            '\'' if posix => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    cur.push(q);
                }
            }
            '"' => {
                in_word = true;
                while let Some(q) = chars.next() {
                    match q {
                        '"' => break,
                        '\\' if posix => match chars.next() {
                            Some(e @ ('"' | '\\' | '$' | '`')) => cur.push(e),
                            Some(e) => {
                                cur.push('\\');
                                cur.push(e);
                            }
                            None => cur.push('\\'),
                        },
                        q => cur.push(q),
                    }
                }
            }
            '\\' if posix => {
                in_word = true;
                if let Some(e) = chars.next() {
                    cur.push(e);
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        out.push(cur);
    }
    out
}

/// Position of the first of the entry's `args` (or its `command`) for which
/// `pred` holds, so a finding can point at the very word.
pub fn word_pos(entry: &ServerEntry, pred: impl Fn(&str) -> bool) -> Option<mcpward_config::Pos> {
    match &entry.transport {
        Transport::Stdio { command, args, .. } => command
            .iter()
            .chain(args.iter())
            .find(|w| pred(w.as_str()))
            .map(|w| w.pos),
        Transport::Http { url, .. } => pred(url.as_str()).then_some(url.pos),
        Transport::Unknown => None,
    }
}

// ---------------------------------------------------------------------------
// Safe display

/// Longest command line shown as evidence.
const MAX_SHOWN: usize = 240;

/// Option names whose value is a credential even when no known format matches.
fn secret_like_name(name: &str) -> bool {
    let upper = name.trim_start_matches('-').to_ascii_uppercase().replace('-', "_");
    [
        "TOKEN",
        "KEY",
        "SECRET",
        "PASSWORD",
        "PASSWD",
        "AUTH",
        "CREDENTIAL",
        "BEARER",
    ]
    .iter()
    .any(|w| upper.contains(w))
}

/// A command line fit for a finding: known-format secrets and the values of
/// secret-named options (`--api-key X`, `--token=X`, `-e TOKEN=X`) redacted,
/// and the whole thing shortened.
pub fn display_command(key: &FingerprintKey, words: &[&str]) -> String {
    let mut shown: Vec<String> = Vec::with_capacity(words.len());
    let mut redact_next = false;
    for w in words {
        let word = *w;
        if redact_next {
            redact_next = false;
            // Shown output errs towards hiding: under a secret-like flag, anything
            // but a pure reference is redacted, placeholders included.
            if !mcpward_config::vars::is_reference_only(word) && !word.is_empty() {
                shown.push(secrets::describe(key, word, "secret-argument"));
                continue;
            }
        }
        if let Some((name, value)) = word.split_once('=') {
            if secret_like_name(name) && !value.is_empty() && !mcpward_config::vars::is_reference_only(value) {
                shown.push(format!("{name}={}", secrets::describe(key, value, "secret-argument")));
                continue;
            }
        }
        if word.starts_with('-') && !word.contains('=') && secret_like_name(word) {
            redact_next = true;
        }
        shown.push(redact_known(key, word));
    }
    shorten(&shown.join(" "), MAX_SHOWN)
}

/// Free text (a shell script) with every known-format secret, and every
/// password in a URL (`postgresql://user:PASSWORD@host`), redacted.
pub fn redact_known(key: &FingerprintKey, text: &str) -> String {
    let text = redact_url_passwords(key, text);
    let text = text.as_str();
    let found = secrets::scan_text(text);
    if found.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for m in found {
        if m.start < at || m.end > text.len() || !text.is_char_boundary(m.start) || !text.is_char_boundary(m.end) {
            continue;
        }
        out.push_str(&text[at..m.start]);
        out.push_str(&secrets::describe(key, m.text(text), m.kind));
        at = m.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Replaces the password of every `scheme://user:password@host` in `text`.
fn redact_url_passwords(key: &FingerprintKey, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("://") {
        let (head, tail) = rest.split_at(i + 3);
        out.push_str(head);
        let end = tail
            .find(|c: char| c == '/' || c == '?' || c == '#' || c.is_whitespace() || c == '"' || c == '\'')
            .unwrap_or(tail.len());
        let authority = &tail[..end];
        match authority
            .rfind('@')
            .and_then(|at| authority[..at].split_once(':').map(|(u, p)| (u, p, at)))
        {
            Some((user, password, at)) if !password.is_empty() && !secrets::is_placeholder(password) => {
                out.push_str(user);
                out.push(':');
                out.push_str(&secrets::describe(key, password, "url-password"));
                out.push_str(&authority[at..]);
            }
            _ => out.push_str(authority),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Cuts `s` to at most `max` characters, marking the cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(words: &[&str]) -> LaunchSpec {
        launch_spec_from_words(words)
    }

    fn pkg(spec: &LaunchSpec) -> &Package {
        spec.package.as_ref().expect("package")
    }

    #[test]
    fn npx_yes_scoped_with_path() {
        let s = p(&[
            "npx",
            "-y",
            "@modelcontextprotocol/server-filesystem",
            "/Users/you/projects/myapp",
        ]);
        assert_eq!(s.runner, Runner::Npx);
        assert!(s.flags.yes);
        assert_eq!(pkg(&s).name, "@modelcontextprotocol/server-filesystem");
        assert!(!pkg(&s).pinned);
        assert_eq!(s.server_args_at, Some(2));
        assert_eq!(s.server_args, vec!["/Users/you/projects/myapp"]);
    }

    #[test]
    fn npx_exact_and_latest_and_range() {
        let exact = p(&["npx", "-y", "@playwright/mcp@0.0.41"]);
        assert!(pkg(&exact).pinned);
        assert_eq!(pkg(&exact).version.as_deref(), Some("0.0.41"));
        let latest = p(&["npx", "-y", "@playwright/mcp@latest"]);
        assert_eq!(pkg(&latest).name, "@playwright/mcp");
        assert!(!pkg(&latest).pinned);
        let range = p(&["npx", "mcp-server-kubernetes@^2.1.0"]);
        assert!(!pkg(&range).pinned);
        let unscoped = p(&["npx", "-y", "firecrawl-mcp@1.2.3"]);
        assert_eq!(pkg(&unscoped).name, "firecrawl-mcp");
        assert!(pkg(&unscoped).pinned);
    }

    #[test]
    fn npx_package_option_names_bin_separately() {
        let s = p(&["npx", "-y", "--package=@scope/pkg@1.0.0", "pkg-bin", "--flag"]);
        assert_eq!(pkg(&s).name, "@scope/pkg");
        assert!(pkg(&s).pinned);
        assert_eq!(s.server_args, vec!["--flag"]);
        let s = p(&["npx", "-p", "@scope/other", "other-bin"]);
        assert_eq!(pkg(&s).name, "@scope/other");
        assert_eq!(s.server_args_at, Some(3));
    }

    #[test]
    fn npx_call_is_shell_mode() {
        let s = p(&["npx", "-c", "echo hi && rm -rf /"]);
        assert_eq!(s.flags.shell_mode.as_deref(), Some("echo hi && rm -rf /"));
    }

    #[test]
    fn windows_wrappers_and_paths() {
        let s = p(&["cmd", "/c", "npx", "-y", "@modelcontextprotocol/server-github"]);
        assert_eq!(s.runner, Runner::Npx);
        assert_eq!(pkg(&s).name, "@modelcontextprotocol/server-github");
        assert_eq!(s.server_args_at, Some(4));
        assert_eq!(s.shell.as_ref().map(|w| w.shell.as_str()), Some("cmd"));
        let s = p(&["npx.cmd", "-y", "@upstash/context7-mcp"]);
        assert_eq!(s.runner, Runner::Npx);
        let s = p(&["C:\\Program Files\\nodejs\\npx.cmd", "-y", "tavily-mcp@0.1.4"]);
        assert_eq!(s.runner, Runner::Npx);
        assert!(pkg(&s).pinned);
        let s = p(&["/usr/local/bin/npx", "-y", "exa-mcp-server"]);
        assert_eq!(s.runner, Runner::Npx);
        assert_eq!(s.program, "npx");
        let s = p(&["CMD.EXE", "/C", "npx -y @brave/brave-search-mcp-server"]);
        assert_eq!(s.runner, Runner::Npx);
        assert_eq!(pkg(&s).name, "@brave/brave-search-mcp-server");
        assert_eq!(s.server_args_at, None);
    }

    #[test]
    fn env_prefix() {
        let s = p(&["env", "FOO=1", "GITHUB_READ_ONLY=1", "npx", "-y", "pkg"]);
        assert_eq!(s.runner, Runner::Npx);
        assert_eq!(s.env_value("GITHUB_READ_ONLY"), Some(Some("1")));
        assert_eq!(s.server_args_at, Some(5));
        let s = p(&["/usr/bin/env", "-S", "npx -y pkg@1.0.0"]);
        assert!(pkg(&s).pinned);
    }

    #[test]
    fn uvx_forms() {
        let s = p(&["uvx", "mcp-server-fetch"]);
        assert_eq!(s.runner, Runner::Uvx);
        assert_eq!(pkg(&s).ecosystem, Ecosystem::Pypi);
        assert!(!pkg(&s).pinned);
        let s = p(&["uvx", "mcp-server-git@2025.1.14", "--repository", "/r"]);
        assert!(pkg(&s).pinned);
        assert_eq!(pkg(&s).name, "mcp-server-git");
        assert_eq!(s.server_args, vec!["--repository", "/r"]);
        let s = p(&["uvx", "mcp-server-time@latest"]);
        assert!(!pkg(&s).pinned);
        let s = p(&["uvx", "--from", "mcp-atlassian==0.11.9", "mcp-atlassian", "--read-only"]);
        assert!(pkg(&s).pinned);
        assert_eq!(pkg(&s).name, "mcp-atlassian");
        assert_eq!(s.server_args, vec!["--read-only"]);
        let s = p(&["uvx", "--from", "git+https://github.com/x/y", "y-server"]);
        assert!(!pkg(&s).pinned);
        assert!(pkg(&s).is_url_source());
        let s = p(&[
            "uvx",
            "--python",
            "3.12",
            "--with",
            "httpx",
            "awslabs.aws-api-mcp-server@latest",
        ]);
        assert_eq!(pkg(&s).name, "awslabs.aws-api-mcp-server");
        assert_eq!(s.flags.with, vec!["httpx"]);
    }

    #[test]
    fn uv_tool_run_and_uv_run() {
        let s = p(&["uv", "tool", "run", "--from", "x==1", "x"]);
        assert_eq!(s.runner, Runner::UvToolRun);
        assert!(pkg(&s).pinned);
        let s = p(&["uv", "--directory", "/path/to/weather", "run", "weather.py"]);
        assert_eq!(s.runner, Runner::UvRun);
        assert_eq!(pkg(&s).ecosystem, Ecosystem::Local);
        assert_eq!(pkg(&s).name, "weather.py");
    }

    #[test]
    fn pipx_and_python() {
        let s = p(&[
            "pipx",
            "run",
            "--spec",
            "mcp-server-sqlite==2025.4.25",
            "mcp-server-sqlite",
            "--db-path",
            "x.db",
        ]);
        assert_eq!(s.runner, Runner::PipxRun);
        assert!(pkg(&s).pinned);
        assert_eq!(s.server_args, vec!["--db-path", "x.db"]);
        let s = p(&["python", "-m", "mcp_server_fetch"]);
        assert_eq!(s.runner, Runner::PythonModule);
        assert_eq!(pkg(&s).name, "mcp_server_fetch");
        let s = p(&["python3.12", "-u", "server.py", "--port", "1"]);
        assert_eq!(s.runner, Runner::PythonScript);
        assert_eq!(s.server_args_at, Some(2));
        let s = p(&["python", "-c", "import os; os.system('id')"]);
        assert_eq!(s.runner, Runner::PythonInline);
    }

    #[test]
    fn node_bun_deno() {
        let s = p(&["node", "/path/to/build/index.js", "--flag"]);
        assert_eq!(s.runner, Runner::Node);
        assert_eq!(pkg(&s).name, "/path/to/build/index.js");
        let s = p(&["node", "-e", "require('child_process').exec('id')"]);
        assert_eq!(s.runner, Runner::NodeInline);
        let s = p(&["bunx", "@wonderwhy-er/desktop-commander@latest"]);
        assert_eq!(s.runner, Runner::Bunx);
        assert_eq!(pkg(&s).name, "@wonderwhy-er/desktop-commander");
        let s = p(&["bun", "x", "some-mcp@1.0.0"]);
        assert_eq!(s.runner, Runner::Bunx);
        assert!(pkg(&s).pinned);
        let s = p(&["deno", "run", "-A", "npm:@modelcontextprotocol/server-memory@2025.4.25"]);
        assert_eq!(s.runner, Runner::Deno);
        assert_eq!(pkg(&s).ecosystem, Ecosystem::Npm);
        assert!(pkg(&s).pinned);
        assert_eq!(s.flags.deno_permissions, vec!["-A"]);
        let s = p(&["deno", "run", "--allow-net", "jsr:@scope/mcp@^1.0.0"]);
        assert_eq!(pkg(&s).ecosystem, Ecosystem::Deno);
        assert!(!pkg(&s).pinned);
    }

    #[test]
    fn pnpm_yarn_npm_exec() {
        let s = p(&["pnpm", "dlx", "@supabase/mcp-server-supabase@latest", "--read-only"]);
        assert_eq!(s.runner, Runner::PnpmDlx);
        assert_eq!(s.server_args, vec!["--read-only"]);
        let s = p(&["pnpx", "@notionhq/notion-mcp-server@1.8.1"]);
        assert_eq!(s.runner, Runner::PnpmDlx);
        assert!(pkg(&s).pinned);
        let s = p(&["yarn", "dlx", "-p", "@sentry/mcp-server", "sentry-mcp"]);
        assert_eq!(s.runner, Runner::YarnDlx);
        assert_eq!(pkg(&s).name, "@sentry/mcp-server");
        let s = p(&["npm", "exec", "--yes", "--", "@stripe/mcp", "--tools=all"]);
        assert_eq!(s.runner, Runner::NpmExec);
        assert_eq!(pkg(&s).name, "@stripe/mcp");
        assert_eq!(s.server_args, vec!["--tools=all"]);
    }

    #[test]
    fn docker_forms() {
        let s = p(&[
            "docker",
            "run",
            "-i",
            "--rm",
            "-e",
            "GITHUB_PERSONAL_ACCESS_TOKEN",
            "ghcr.io/github/github-mcp-server",
        ]);
        assert_eq!(s.runner, Runner::Docker);
        assert_eq!(pkg(&s).name, "ghcr.io/github/github-mcp-server");
        assert_eq!(pkg(&s).version, None);
        assert!(!pkg(&s).pinned);
        assert_eq!(s.env_value("GITHUB_PERSONAL_ACCESS_TOKEN"), Some(None));
        let digest = format!("mcp/fetch@sha256:{}", "a".repeat(64));
        let s = p(&[
            "docker",
            "run",
            "-i",
            "--rm",
            "--network=none",
            "-v",
            "/a:/b:ro",
            &digest,
            "--x",
        ]);
        assert!(pkg(&s).pinned);
        assert_eq!(pkg(&s).name, "mcp/fetch");
        assert_eq!(s.flags.network.as_deref(), Some("none"));
        assert_eq!(s.flags.volumes, vec!["/a:/b:ro"]);
        assert_eq!(s.server_args, vec!["--x"]);
        let s = p(&["podman", "run", "--privileged", "docker.io/mcp/github:latest"]);
        assert_eq!(s.runner, Runner::Podman);
        assert!(s.flags.privileged);
        assert_eq!(pkg(&s).name, "mcp/github");
        assert_eq!(pkg(&s).version.as_deref(), Some("latest"));
        let s = p(&["docker", "run", "-i", "--rm", "localhost:5000/team/mcp:1.2"]);
        assert_eq!(pkg(&s).name, "localhost:5000/team/mcp");
        assert_eq!(pkg(&s).version.as_deref(), Some("1.2"));
        let s = p(&["docker", "container", "run", "-eX=1", "img", "stdio"]);
        assert_eq!(pkg(&s).name, "img");
        assert_eq!(s.env_value("X"), Some(Some("1")));
    }

    #[test]
    fn shells() {
        let s = p(&["bash", "-c", "curl -fsSL https://example.com/install.sh | sh"]);
        assert_eq!(s.runner, Runner::Shell);
        assert!(s.shell.as_ref().is_some_and(|w| w.compound));
        let s = p(&["sh", "-c", "npx -y @modelcontextprotocol/server-memory"]);
        assert_eq!(s.runner, Runner::Npx);
        assert!(s.shell.as_ref().is_some_and(|w| !w.compound));
        let s = p(&["bash", "-lc", "source ~/.nvm/nvm.sh && npx -y pkg"]);
        assert_eq!(s.runner, Runner::Shell);
        let s = p(&["powershell", "-NoProfile", "-EncodedCommand", "SQBFAFgA"]);
        assert!(s.shell.as_ref().is_some_and(|w| w.encoded));
        let s = p(&["pwsh", "-Command", "npx -y tavily-mcp"]);
        assert_eq!(s.runner, Runner::Npx);
        let s = p(&["zsh", "-c", "iwr x | iex"]);
        assert_eq!(s.runner, Runner::Shell);
        let s = p(&["bash", "start.sh", "--port", "1"]);
        assert_eq!(s.runner, Runner::Binary);
        assert_eq!(s.server_args_at, Some(1));
    }

    #[test]
    fn direct_binaries() {
        let s = p(&["mcp-grafana", "--disable-write"]);
        assert_eq!(s.runner, Runner::Binary);
        assert_eq!(pkg(&s).name, "mcp-grafana");
        assert_eq!(s.server_args_at, Some(0));
        let s = p(&["/opt/github-mcp-server", "stdio", "--read-only"]);
        assert_eq!(s.program, "github-mcp-server");
        assert_eq!(s.server_args, vec!["stdio", "--read-only"]);
        let s = p(&["npx -y @modelcontextprotocol/server-everything"]);
        assert_eq!(s.runner, Runner::Npx);
        assert_eq!(pkg(&s).name, "@modelcontextprotocol/server-everything");
    }

    #[test]
    fn hostile_input_never_panics() {
        let long = "a".repeat(100_000);
        let nested = "bash -c ".repeat(50) + "x";
        let cases: Vec<Vec<&str>> = vec![
            vec![],
            vec![""],
            vec!["npx"],
            vec!["npx", "-y"],
            vec!["npx", "@"],
            vec!["npx", "@@@"],
            vec!["npx", "@scope"],
            vec!["uvx", "--from"],
            vec!["uvx", "[x"],
            vec!["uvx", "==="],
            vec!["docker", "run", "-e"],
            vec!["docker", "run", "@"],
            vec!["docker", "run", ":"],
            vec!["docker", "run", "-é"],
            vec!["cmd", "/c"],
            vec!["bash", "-c"],
            vec!["bash", "-c", "\"unterminated"],
            vec!["bash", "-c", "'"],
            vec!["bash", "-c", "\\"],
            vec!["env"],
            vec!["env", "A=1"],
            vec!["python", "-m"],
            vec!["python", "-c"],
            vec!["node", "-e"],
            vec!["deno", "run"],
            vec!["powershell", "-enc"],
            vec!["pwsh"],
            vec!["🦀", "→", "\u{202e}npx"],
            vec!["npx", "\u{0}", "\u{ffff}"],
            vec!["npx", "@é/ü@1.2.3"],
            vec!["npx", &long],
            vec!["bash", "-c", &nested],
            vec!["docker", "run", "ü:ü@ü"],
            vec!["uv", "tool", "run"],
            vec!["uv", "tool"],
            vec!["pipx", "run"],
            vec!["npm", "exec", "--"],
        ];
        for c in cases {
            let _ = launch_spec_from_words(&c);
        }
        let nested_words: Vec<String> = (0..200).flat_map(|_| ["env".to_owned(), "A=1".to_owned()]).collect();
        let refs: Vec<&str> = nested_words.iter().map(String::as_str).collect();
        let _ = launch_spec_from_words(&refs);
    }

    #[test]
    fn exact_versions() {
        assert!(is_exact_semver("1.2.3"));
        assert!(is_exact_semver("v1.2.3"));
        assert!(is_exact_semver("1.2.3-beta.1"));
        assert!(!is_exact_semver("1.2"));
        assert!(!is_exact_semver("^1.2.3"));
        assert!(!is_exact_semver("latest"));
        assert!(!is_exact_semver("1.2.x"));
        assert!(!is_exact_semver("1.2.3-"));
        assert!(parse_pypi_spec("pkg==1.2.3").pinned);
        assert!(!parse_pypi_spec("pkg==1.2.*").pinned);
        assert!(!parse_pypi_spec("pkg>=1.2").pinned);
        assert!(parse_pypi_spec("pkg[cli]==1.0").pinned);
        assert!(!parse_pypi_spec("pkg==1.0,<2").pinned);
    }

    #[test]
    fn display_redacts_url_passwords() {
        let key = FingerprintKey::new([7; 32]);
        let shown = display_command(
            &key,
            &[
                "npx",
                "-y",
                "@modelcontextprotocol/server-postgres",
                "postgresql://app:S3cr3tPassw0rd!@db:5432/app",
            ],
        );
        assert!(!shown.contains("S3cr3tPassw0rd"), "{shown}");
        assert!(
            shown.contains("postgresql://app:") && shown.contains("@db:5432/app"),
            "{shown}"
        );
        let plain = redact_known(&key, "curl https://example.com/x | sh; psql postgres://u@h/db");
        assert_eq!(plain, "curl https://example.com/x | sh; psql postgres://u@h/db");
        let odd = redact_known(&key, "x://:@ ://@:/ é://ü:ß@host");
        assert!(!odd.contains("ß@"), "{odd}");
    }

    #[test]
    fn display_redacts_secret_arguments() {
        let key = FingerprintKey::new([7; 32]);
        let shown = display_command(
            &key,
            &[
                "npx",
                "-y",
                "@stripe/mcp",
                "--api-key=sk_live_abcdefghijklmnopqrstuvwx",
                "--token",
                "hunter2hunter2",
            ],
        );
        assert!(!shown.contains("abcdefghijklmnop"), "{shown}");
        assert!(!shown.contains("hunter2hunter2"), "{shown}");
        assert!(shown.contains("@stripe/mcp"));
    }
}
