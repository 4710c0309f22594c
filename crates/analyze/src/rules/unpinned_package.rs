//! `MW-SUP-001` unpinned-package: a launcher that downloads the server at
//! start-up without naming one exact version.

use crate::finding::{Category, Severity};
use crate::launch::{display_command, launch_spec, redact_known, word_pos, Ecosystem, LaunchSpec, Package, Runner};
use crate::rule::{Context, FindingBuilder, Rule, RuleMeta};
use crate::Finding;

pub struct UnpinnedPackage;

static META: RuleMeta = RuleMeta {
    id: "MW-SUP-001",
    name: "unpinned-package",
    category: Category::UnpinnedPackage,
    severity: Severity::Medium,
    summary: "A server package fetched at launch without an exact version (npx/uvx/pipx/docker/deno)",
    checklist: None,
    doc: r#"## What it finds
Servers started by a launcher that downloads them every time the client starts, with no
exact version: `npx`, `npm exec`, `bunx`, `pnpm dlx`, `yarn dlx` and `deno run npm:` without
an exact semver (`@1.2.3`; ranges such as `^1.2`, tags such as `@latest` or no version at
all do not count); `uvx`, `uv tool run` and `pipx run` without `==1.2.3` (or `uvx pkg@1.2.3`,
`--from pkg==1.2.3`, `--spec pkg==1.2.3`); git sources without a full commit hash; and
container images without an `@sha256:` digest. An image with only `:latest` or no tag is
**medium**; an image with a version tag is **low** (tags can be moved, digests cannot).
Local scripts, `python -m`, `node file.js` and installed binaries fetch nothing and are not
reported.

## Why it matters
The seed: "A package with millions of weekly downloads and years of history is harder to
compromise without detection than a new package with no history. This is not a guarantee,
but it raises the bar for supply-chain attacks." An unpinned launcher runs whatever the
registry serves today: a hijacked maintainer account or a malicious release reaches your
machine on the next client start, with `npx -y` not even asking. Pinning means you run the
version you reviewed, and an update becomes a decision rather than an accident.

## Example
```json
{ "mcpServers": { "filesystem": { "command": "npx",
  "args": ["-y", "@modelcontextprotocol/server-filesystem@latest", "/Users/you/code/app"] } } }
```

## Fix
Pin the exact version you reviewed, and update it on purpose:
- npm: `npx -y @modelcontextprotocol/server-filesystem@2025.8.21` (`npm view <pkg> version`
  shows the newest).
- PyPI: `uvx mcp-server-fetch@2025.4.7` or `uvx --from 'mcp-server-fetch==2025.4.7' mcp-server-fetch`;
  `pipx run --spec 'pkg==1.2.3' pkg`.
- Images: `ghcr.io/github/github-mcp-server@sha256:<digest>` (`docker buildx imagetools inspect
  IMAGE:TAG` prints the digest).
- Git sources: end the URL with `@<full commit hash>`."#,
};

impl Rule for UnpinnedPackage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for entry in cx.servers() {
            let spec = launch_spec(entry);
            let Some(pkg) = spec.fetched_package().filter(|p| !p.pinned) else {
                continue;
            };
            // A source URL may carry a token (`https://user:TOKEN@host/…`).
            let shown = Package {
                name: redact_known(cx.key, &pkg.name),
                ..pkg.clone()
            };
            let (what, severity) = describe_version(&shown);
            let message = format!(
                "`{}` runs {} package {} {what}: whatever the registry serves at each start is what runs",
                spec.runner.as_str(),
                shown.ecosystem.as_str(),
                shown.name
            );
            let mut evidence = display_command(cx.key, &entry.command_line());
            if spec.flags.yes {
                evidence.push_str("  (-y: installs without asking)");
            }
            FindingBuilder::new(&META, message)
                .server(entry)
                .at_if(word_pos(entry, |w| {
                    w.contains(pkg.spec.as_str()) && !pkg.spec.is_empty()
                }))
                .severity(severity)
                .evidence(evidence)
                .fix(pinned_form(&spec, &shown))
                .identity(shown.name.as_str())
                .push(cx, out);
        }
    }
}

/// How the version is (not) given, and how bad that is.
fn describe_version(pkg: &Package) -> (String, Severity) {
    if pkg.is_url_source() {
        return ("from a source URL without a commit hash".to_owned(), Severity::Medium);
    }
    match (pkg.ecosystem, pkg.version.as_deref()) {
        (Ecosystem::Docker, None) => ("with no tag (= `:latest`) and no digest".to_owned(), Severity::Medium),
        (Ecosystem::Docker, Some("latest")) => ("tagged `:latest` with no digest".to_owned(), Severity::Medium),
        (Ecosystem::Docker, Some(tag)) => (
            format!("by tag `:{tag}` only (tags can be moved; no digest)"),
            Severity::Low,
        ),
        (_, None) => ("with no version".to_owned(), Severity::Medium),
        (_, Some(v)) if v.eq_ignore_ascii_case("latest") || v.eq_ignore_ascii_case("@latest") => {
            ("at `@latest`".to_owned(), Severity::Medium)
        }
        (_, Some(v)) => (format!("with the non-exact version `{v}`"), Severity::Medium),
    }
}

/// The same launch with a pinned version, as the fix shows it.
fn pinned_form(spec: &LaunchSpec, pkg: &Package) -> String {
    let name = &pkg.name;
    let form = if pkg.is_url_source() {
        format!("{name}@<full commit hash> (a 40-character commit you reviewed)")
    } else {
        match (spec.runner, pkg.ecosystem) {
            (Runner::Docker | Runner::Podman, _) => format!(
                "{name}@sha256:<digest> (get it with `docker buildx imagetools inspect {name}:{}`)",
                pkg.version.as_deref().unwrap_or("latest")
            ),
            (Runner::Uvx | Runner::UvToolRun, _) => {
                format!("{} {name}@X.Y.Z (or --from '{name}==X.Y.Z')", spec.runner.as_str())
            }
            (Runner::PipxRun, _) => format!("pipx run --spec '{name}==X.Y.Z' {name}"),
            (Runner::Deno, Ecosystem::Npm) => format!("npm:{name}@X.Y.Z"),
            (Runner::Deno, _) => format!("jsr:{name}@X.Y.Z (or a URL with @X.Y.Z)"),
            (runner, _) => format!(
                "{}{} {name}@X.Y.Z (`npm view {name} version` shows the newest)",
                runner.as_str(),
                if spec.flags.yes { " -y" } else { "" }
            ),
        }
    };
    format!("Pin the exact version you reviewed and update it on purpose: {form}.")
}
