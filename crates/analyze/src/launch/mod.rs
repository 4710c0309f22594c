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
//!
//! Layout: this file holds the types and the dispatch on the program name;
//! `words` the splitting of command lines and the option scanning every
//! launcher shares; `npm`, `pypi`, `node`, `deno`, `docker` and `shell` one
//! family of launchers each; `display` how a command line is shown in a finding.

mod deno;
mod display;
mod docker;
mod node;
mod npm;
mod pypi;
mod shell;
mod words;

#[cfg(test)]
mod tests;

use mcpward_config::{ServerEntry, Transport};
use words::Tok;

pub use display::{display_command, redact_known, shorten, MAX_SHOWN};
pub use docker::parse_image;
pub use npm::{is_exact_semver, parse_npm_spec};
pub use pypi::parse_pypi_spec;
pub use words::split_words;

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

    /// The package a launcher downloads from a registry at start-up: `None` for
    /// local code and for launchers that fetch nothing.
    pub fn fetched_package(&self) -> Option<&Package> {
        self.package
            .as_ref()
            .filter(|p| self.runner.fetches_package() && p.ecosystem != Ecosystem::Local)
    }

    /// Takes `toks[k..]` as the server's own arguments.
    fn set_server_args(&mut self, toks: &[Tok], k: usize, total_args: usize) {
        self.server_args_at = words::args_at(toks, k, total_args);
        self.server_args = words::rest_strings(toks, k);
    }
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
                toks.push(Tok::unplaced(c.value.clone()));
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
        let mut replaced = Tok::unplaced_all(words);
        replaced.extend(toks.drain(1..));
        toks = replaced;
    }
    let Some(first) = toks.first() else {
        return LaunchSpec::new(Runner::Unknown, "");
    };
    let prog = program_name(first.s.trim());
    let rest = &toks[1..];
    let mut spec = match prog.as_str() {
        "env" if depth < MAX_DEPTH => return shell::parse_env(rest, depth, total_args),
        "npx" => npm::parse_npm_like(Runner::Npx, &prog, rest, total_args),
        "pnpx" => npm::parse_npm_like(Runner::PnpmDlx, &prog, rest, total_args),
        "bunx" => npm::parse_npm_like(Runner::Bunx, &prog, rest, total_args),
        "npm" => match words::sub(rest, &[]) {
            Some((i, "exec" | "x")) => npm::parse_npm_like(Runner::NpmExec, &prog, &rest[i + 1..], total_args),
            _ => binary(&prog, &toks, total_args),
        },
        "pnpm" => match words::sub(rest, &["--dir", "-C", "--filter", "-F", "--workspace-root"]) {
            Some((i, "dlx")) => npm::parse_npm_like(Runner::PnpmDlx, &prog, &rest[i + 1..], total_args),
            _ => binary(&prog, &toks, total_args),
        },
        "yarn" => match words::sub(rest, &["--cwd"]) {
            Some((i, "dlx")) => npm::parse_npm_like(Runner::YarnDlx, &prog, &rest[i + 1..], total_args),
            _ => binary(&prog, &toks, total_args),
        },
        "bun" => match words::sub(rest, &["--cwd", "--config", "-c"]) {
            Some((i, "x")) => npm::parse_npm_like(Runner::Bunx, &prog, &rest[i + 1..], total_args),
            Some((i, "run")) => node::parse_script(Runner::Node, &prog, &rest[i + 1..], total_args),
            _ => node::parse_script(Runner::Node, &prog, rest, total_args),
        },
        "uvx" => pypi::parse_uvx(Runner::Uvx, &prog, rest, total_args),
        "uv" => pypi::parse_uv(&prog, rest, total_args),
        "pipx" => match words::sub(rest, &[]) {
            Some((i, "run")) => pypi::parse_pipx(&prog, &rest[i + 1..], total_args),
            _ => binary(&prog, &toks, total_args),
        },
        "node" | "nodejs" => node::parse_node(&prog, rest, total_args),
        "deno" => deno::parse_deno(&prog, rest, total_args),
        "docker" | "podman" | "nerdctl" => docker::parse_docker(&prog, rest, total_args, &toks),
        "bash" | "sh" | "zsh" | "dash" | "ksh" | "ash" | "fish" => {
            shell::parse_posix_shell(&prog, rest, depth, total_args)
        }
        "cmd" => shell::parse_cmd(&prog, rest, depth, total_args),
        "powershell" | "pwsh" => shell::parse_powershell(&prog, rest, depth, total_args),
        p if is_python(p) => pypi::parse_python(&prog, rest, total_args),
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

/// A program run directly; `toks[0]` is the program as written.
fn binary(prog: &str, toks: &[Tok], total_args: usize) -> LaunchSpec {
    let mut spec = LaunchSpec::new(Runner::Binary, prog);
    let path = toks.first().map_or("", |t| t.s.trim());
    spec.package = Some(local_package(prog, path));
    spec.set_server_args(toks, 1, total_args);
    spec
}

/// [`binary`] for a launcher whose words after the program are `rest`: a
/// subcommand it was not recognised by (`uv pip …`, `cmd /q`).
fn binary_after(prog: &str, rest: &[Tok], total_args: usize) -> LaunchSpec {
    let mut toks = vec![Tok::unplaced(prog.to_owned())];
    toks.extend(rest.iter().cloned());
    binary(prog, &toks, total_args)
}

/// `toks[i]`, when there is one, is local code (a script, a module); the words
/// after it are the server's arguments.
fn local_code(mut spec: LaunchSpec, toks: &[Tok], mut i: usize, total_args: usize) -> LaunchSpec {
    if let Some(t) = toks.get(i) {
        spec.package = Some(local_package(&t.s, &t.s));
        i += 1;
    }
    spec.set_server_args(toks, i, total_args);
    spec
}

/// `python -c CODE`, `node -e CODE`: inline code, kept as a compound "script" so
/// that rules treat it like one; the server's arguments start at `toks[next]`.
fn inline_code(
    runner: Runner,
    prog: &str,
    code: Option<String>,
    toks: &[Tok],
    next: usize,
    total_args: usize,
) -> LaunchSpec {
    let mut spec = LaunchSpec::new(runner, prog);
    spec.shell = code.map(|script| ShellWrap {
        shell: prog.to_owned(),
        compound: true,
        encoded: false,
        script,
    });
    spec.set_server_args(toks, next, total_args);
    spec
}

/// A launcher that fetches a package (npx, uvx, pipx…) after its options were
/// scanned: the package is `explicit` (`--package`, `--from`, `--spec`) or else
/// the positional word, and the server's arguments follow the positional.
fn fetched(
    mut spec: LaunchSpec,
    toks: &[Tok],
    scan: &words::Scan,
    explicit: Option<String>,
    parse_spec: fn(&str) -> Package,
    total_args: usize,
) -> LaunchSpec {
    let pkg = explicit.or_else(|| scan.positional.and_then(|p| toks.get(p)).map(|t| t.s.clone()));
    if let Some(p) = pkg {
        spec.package = Some(parse_spec(&p));
    }
    let k = if scan.positional.is_some() {
        scan.next
    } else {
        toks.len()
    };
    spec.set_server_args(toks, k, total_args);
    spec
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

/// A package named by what it is rather than by a registry name and version:
/// local code, or a VCS / URL source (`pinned` when it names a commit).
fn unversioned(ecosystem: Ecosystem, name: &str, raw: &str, pinned: bool) -> Package {
    Package {
        ecosystem,
        name: name.to_owned(),
        version: None,
        digest: None,
        pinned,
        spec: raw.to_owned(),
    }
}

fn local_package(name: &str, raw: &str) -> Package {
    unversioned(Ecosystem::Local, name, raw, false)
}
