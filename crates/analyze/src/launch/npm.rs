//! The npm family: `npx`, `npm exec`, `bunx` / `bun x`, `pnpm dlx` / `pnpx`,
//! `yarn dlx`, and npm package specifiers.

use super::words::{scan_options, Tok};
use super::{fetched, is_path_like, is_url_like, local_package, unversioned, Ecosystem, LaunchSpec, Package, Runner};

/// Options whose value is the next word (when not written `--opt=value`).
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

pub(super) fn parse_npm_like(runner: Runner, prog: &str, toks: &[Tok], total_args: usize) -> LaunchSpec {
    let mut spec = LaunchSpec::new(runner, prog);
    // `-c` is `--call` for npx/npm exec, shell mode for pnpm dlx.
    let is_shell_mode_flag = |name: &str| runner == Runner::PnpmDlx && matches!(name, "-c" | "--shell-mode");
    let flags = &mut spec.flags;
    let mut scan = scan_options(
        toks,
        true,
        |name| !is_shell_mode_flag(name) && (VALUE.contains(&name) || (name == "-c" && runner != Runner::YarnDlx)),
        |name, value| match name {
            "-y" | "--yes" => flags.yes = true,
            "--package" | "-p" => flags.packages.extend(value.map(str::to_owned)),
            "-c" | "--call" if !is_shell_mode_flag(name) => flags.shell_mode = value.map(str::to_owned),
            "-c" | "--shell-mode" => flags.shell_mode = Some(String::new()),
            "--registry" => flags.registries.extend(value.map(str::to_owned)),
            _ => {}
        },
    );
    // `npm exec pkg -- args`: the separator belongs to npm, not to the server.
    if runner == Runner::NpmExec
        && scan.positional.is_some()
        && !scan.after_separator
        && toks.get(scan.next).is_some_and(|t| t.s == "--")
    {
        scan.next += 1;
    }
    // With `--package`, the positional is the bin to run; the package is the option's value.
    let explicit = spec.flags.packages.first().cloned();
    fetched(spec, toks, &scan, explicit, parse_npm_spec, total_args)
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
        return unversioned(Ecosystem::Npm, s, raw, pinned);
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

/// `user/repo` (npm's GitHub shorthand), as opposed to `@scope/name`.
fn is_github_shorthand(s: &str) -> bool {
    !s.starts_with('@') && s.contains('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_semver() {
        assert!(is_exact_semver("1.2.3"));
        assert!(is_exact_semver("v1.2.3"));
        assert!(is_exact_semver("1.2.3-beta.1"));
        assert!(!is_exact_semver("1.2"));
        assert!(!is_exact_semver("^1.2.3"));
        assert!(!is_exact_semver("latest"));
        assert!(!is_exact_semver("1.2.x"));
        assert!(!is_exact_semver("1.2.3-"));
    }
}
