//! Containers: `docker run`, `podman run`, `nerdctl run` (also `container run`),
//! and image references.

use super::words::{skip_options, split_eq, Tok};
use super::{binary, Ecosystem, EnvSetting, LaunchSpec, Package, Runner};

pub(super) fn parse_docker(prog: &str, toks: &[Tok], total_args: usize, all: &[Tok]) -> LaunchSpec {
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
    let mut i = skip_options(toks, 0, GLOBAL_VALUE, |_| {});
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
    spec.set_server_args(toks, i, total_args);
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
