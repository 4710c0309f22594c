//! `deno run`: `npm:` and `jsr:` specifiers, remote module URLs, local files.

use super::npm::{is_exact_semver, parse_npm_spec};
use super::words::{skip_options, split_eq, Tok};
use super::{binary_after, local_package, unversioned, Ecosystem, LaunchSpec, Package, Runner};

pub(super) fn parse_deno(prog: &str, toks: &[Tok], total_args: usize) -> LaunchSpec {
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
    let start = match toks.first().map(|t| t.s.as_str()) {
        Some("run") => 1,
        Some(s) if s.starts_with('-') || s.contains(':') || s.contains('.') => 0,
        _ => return binary_after(prog, toks, total_args),
    };
    let mut spec = LaunchSpec::new(Runner::Deno, prog);
    let mut i = skip_options(toks, start, VALUE, |s| {
        if is_permission(s) {
            spec.flags.deno_permissions.push(s.to_owned());
        }
    });
    if let Some(t) = toks.get(i) {
        spec.package = Some(module_package(t.s.trim()));
        i += 1;
    }
    spec.set_server_args(toks, i, total_args);
    spec
}

/// `-A`, `--allow-*` and their one-letter forms.
fn is_permission(s: &str) -> bool {
    let (name, _) = split_eq(s);
    s == "-A"
        || name == "--allow-all"
        || name.starts_with("--allow-")
        || (s.len() == 2 && matches!(s, "-R" | "-W" | "-N" | "-E" | "-S" | "-I" | "-P"))
}

/// The module `deno run` is given.
fn module_package(s: &str) -> Package {
    if let Some(npm) = s.strip_prefix("npm:") {
        let mut p = parse_npm_spec(npm);
        p.spec = s.to_owned();
        p
    } else if let Some(jsr) = s.strip_prefix("jsr:") {
        let mut p = parse_npm_spec(jsr);
        p.ecosystem = Ecosystem::Deno;
        p.spec = s.to_owned();
        p
    } else if s.contains("://") {
        unversioned(Ecosystem::Deno, s, s, url_has_exact_version(s))
    } else {
        local_package(s, s)
    }
}

/// `https://deno.land/x/mod@v1.2.3/mod.ts`: an exact version in the URL path.
fn url_has_exact_version(url: &str) -> bool {
    url.split('/')
        .filter_map(|seg| seg.rsplit_once('@'))
        .any(|(_, v)| is_exact_semver(v))
}
