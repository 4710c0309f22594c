//! JavaScript runtimes running local code: `node file.js`, `node -e CODE`,
//! `bun file.ts`.

use super::words::{split_eq, Tok};
use super::{inline_code, local_code, LaunchSpec, Runner};

pub(super) fn parse_node(prog: &str, toks: &[Tok], total_args: usize) -> LaunchSpec {
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
            let (code, next) = match inline {
                Some(v) => (Some(v.to_owned()), i + 1),
                None => (toks.get(i + 1).map(|t| t.s.clone()), i + 2),
            };
            return inline_code(Runner::NodeInline, prog, code, toks, next, total_args);
        }
        if VALUE.contains(&name) && inline.is_none() {
            i += 1;
        }
        i += 1;
    }
    parse_script(Runner::Node, prog, &toks[i.min(toks.len())..], total_args)
}

/// `RUNTIME script args…`: local code.
pub(super) fn parse_script(runner: Runner, prog: &str, toks: &[Tok], total_args: usize) -> LaunchSpec {
    let mut i = 0;
    // Skip runtime flags (bun's `--bun`, `--watch`…) before the script.
    while toks.get(i).is_some_and(|t| t.s.starts_with('-') && t.s != "-") {
        i += 1;
    }
    local_code(LaunchSpec::new(runner, prog), toks, i, total_args)
}
