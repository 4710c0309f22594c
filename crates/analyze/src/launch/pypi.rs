//! The Python family: `uvx`, `uv tool run`, `uv run`, `pipx run`, `python`
//! itself, and Python requirement specifiers.

use super::words::{scan_options, skip_options, Tok};
use super::{
    binary_after, fetched, inline_code, is_path_like, is_url_like, local_code, local_package, unversioned, Ecosystem,
    LaunchFlags, LaunchSpec, Package, Runner,
};

/// uv's global options whose value is the next word; they may come before the
/// subcommand (`uv --directory D run x`).
const UV_GLOBAL_VALUE: &[&str] = &[
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

pub(super) fn parse_uv(prog: &str, toks: &[Tok], total_args: usize) -> LaunchSpec {
    let i = skip_options(toks, 0, UV_GLOBAL_VALUE, |_| {});
    match toks.get(i).map(|t| t.s.as_str()) {
        Some("tool") if toks.get(i + 1).is_some_and(|t| t.s == "run") => {
            parse_uvx(Runner::UvToolRun, prog, &toks[i + 2..], total_args)
        }
        Some("run") => parse_uv_run(prog, &toks[i + 1..], total_args),
        _ => binary_after(prog, toks, total_args),
    }
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

/// What `uv run` and `uvx` options tell rules.
fn uv_option(flags: &mut LaunchFlags, name: &str, value: Option<&str>) {
    let Some(v) = value else { return };
    match name {
        "--with" => flags.with.push(v.to_owned()),
        "--from" => flags.from = Some(v.to_owned()),
        "--index" | "--index-url" | "--extra-index-url" | "--default-index" => flags.registries.push(v.to_owned()),
        _ => {}
    }
}

fn parse_uv_run(prog: &str, toks: &[Tok], total_args: usize) -> LaunchSpec {
    let mut spec = LaunchSpec::new(Runner::UvRun, prog);
    let flags = &mut spec.flags;
    let scan = scan_options(
        toks,
        false,
        |name| UV_VALUE.contains(&name) || matches!(name, "--module" | "-m" | "--package"),
        |name, value| uv_option(flags, name, value),
    );
    // What `uv run` runs is a local script or project command, never a download.
    local_code(spec, toks, scan.positional.unwrap_or(toks.len()), total_args)
}

pub(super) fn parse_uvx(runner: Runner, prog: &str, toks: &[Tok], total_args: usize) -> LaunchSpec {
    let mut spec = LaunchSpec::new(runner, prog);
    let flags = &mut spec.flags;
    let scan = scan_options(
        toks,
        false,
        |name| UV_VALUE.contains(&name),
        |name, value| uv_option(flags, name, value),
    );
    let explicit = spec.flags.from.clone();
    fetched(spec, toks, &scan, explicit, parse_pypi_spec, total_args)
}

pub(super) fn parse_pipx(prog: &str, toks: &[Tok], total_args: usize) -> LaunchSpec {
    const VALUE: &[&str] = &["--spec", "--python", "--pip-args", "--index-url", "-i", "--backend"];
    let mut spec = LaunchSpec::new(Runner::PipxRun, prog);
    let flags = &mut spec.flags;
    let scan = scan_options(
        toks,
        false,
        |name| VALUE.contains(&name),
        |name, value| match (name, value) {
            ("--spec", Some(v)) => flags.packages.push(v.to_owned()),
            ("--index-url" | "-i", Some(v)) => flags.registries.push(v.to_owned()),
            _ => {}
        },
    );
    let explicit = spec.flags.packages.first().cloned();
    fetched(spec, toks, &scan, explicit, parse_pypi_spec, total_args)
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
        return unversioned(Ecosystem::Pypi, s, raw, pinned);
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

pub(super) fn parse_python(prog: &str, toks: &[Tok], total_args: usize) -> LaunchSpec {
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
            let spec = LaunchSpec::new(Runner::PythonModule, prog);
            if m.is_empty() {
                return local_code(spec, toks, i + 1, total_args);
            }
            let mut spec = spec;
            spec.package = Some(local_package(m, m));
            spec.set_server_args(toks, i + 1, total_args);
            return spec;
        }
        if let Some(c) = s.strip_prefix("-c") {
            let (code, next) = if c.is_empty() {
                (toks.get(i + 1).map(|t| t.s.clone()), i + 2)
            } else {
                (Some(c.to_owned()), i + 1)
            };
            return inline_code(Runner::PythonInline, prog, code, toks, next, total_args);
        }
        // `-X opt`, `-W arg` take a value when not joined.
        if s == "-X" || s == "-W" {
            i += 1;
        }
        i += 1;
    }
    local_code(LaunchSpec::new(Runner::PythonScript, prog), toks, i, total_args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_requirements() {
        assert!(parse_pypi_spec("pkg==1.2.3").pinned);
        assert!(!parse_pypi_spec("pkg==1.2.*").pinned);
        assert!(!parse_pypi_spec("pkg>=1.2").pinned);
        assert!(parse_pypi_spec("pkg[cli]==1.0").pinned);
        assert!(!parse_pypi_spec("pkg==1.0,<2").pinned);
    }
}
