//! `env` prefixes and shells: `bash -c`, `sh -c`, `cmd /c`, `powershell
//! -Command`, `pwsh`, `-EncodedCommand`. A script that is one simple command is
//! unwrapped and parsed as that command; anything else stays a [`Runner::Shell`].

use super::words::{rest_strings, split_words, Tok};
use super::{binary_after, local_code, parse, EnvSetting, LaunchSpec, Runner, ShellWrap, MAX_DEPTH, MAX_SCRIPT};

pub(super) fn parse_env(toks: &[Tok], depth: u8, total_args: usize) -> LaunchSpec {
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
                        let mut inner = Tok::unplaced_all(split_words(&line.s, true));
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

pub(super) fn parse_posix_shell(prog: &str, toks: &[Tok], depth: u8, total_args: usize) -> LaunchSpec {
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
    local_code(LaunchSpec::new(Runner::Binary, prog), toks, i, total_args)
}

pub(super) fn parse_cmd(prog: &str, toks: &[Tok], depth: u8, total_args: usize) -> LaunchSpec {
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
        return binary_after(prog, toks, total_args);
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

pub(super) fn parse_powershell(prog: &str, toks: &[Tok], depth: u8, total_args: usize) -> LaunchSpec {
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
            return local_code(LaunchSpec::new(Runner::Binary, prog), toks, i + 1, total_args);
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
        return local_code(LaunchSpec::new(Runner::Binary, prog), toks, i, total_args);
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
            let toks = Tok::unplaced_all(words);
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
