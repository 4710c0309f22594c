//! `MW-SUP-002` untrusted-publisher: a server package from a publisher that is
//! neither the underlying service nor a known, trusted organisation.

use crate::finding::{Category, ChecklistItem, Severity};
use crate::knowledge::{self, PublisherTrust};
use crate::launch::{launch_spec, redact_known, word_pos};
use crate::rule::{Context, FindingBuilder, Rule, RuleMeta};
use crate::Finding;

pub struct UntrustedPublisher;

static META: RuleMeta = RuleMeta {
    id: "MW-SUP-002",
    name: "untrusted-publisher",
    category: Category::UntrustedPublisher,
    severity: Severity::Medium,
    summary: "A server package whose publisher is not the service itself or a known trusted organisation",
    checklist: Some(ChecklistItem::TrustedMaintainer),
    doc: r#"## What it finds
Server packages fetched from a registry (npm, PyPI, container images, `deno run npm:`)
whose publisher is not on mcpward's trusted list:
- **medium**: not on any list — an unverified community package — and packages installed
  straight from a git or tarball URL;
- **low**: a known community project (in mcpward's server table, so its capabilities are
  known) that is not published by the service it talks to.

The trusted list lives in `crates/analyze/src/knowledge/` (`publishers.rs` for namespaces,
`servers.rs` for individual servers) and is printed here:
- npm scopes (npm enforces scope ownership): `@modelcontextprotocol` (MCP reference
  servers), `@anthropic-ai` (Anthropic), and vendor namespaces `@supabase`, `@cloudflare`,
  `@stripe`, `@github`, `@notionhq`, `@sentry`, `@browserbasehq`, `@upstash`, `@playwright`
  (Microsoft), `@azure`, `@microsoft`, `@brave`, `@neondatabase`, `@paypal`, `@heroku`, `@e2b`;
- PyPI: the MCP reference servers by exact name (`mcp-server-fetch`, `mcp-server-git`,
  `mcp-server-time`, `mcp-server-sqlite`, `mcp-server-sentry` — not the `mcp-server-*`
  pattern, which anyone can register) and the `awslabs.` prefix (AWS Labs);
- images: Docker Hub `mcp/` (Docker's MCP catalog), `ghcr.io/github/`, `mcr.microsoft.com/`,
  `grafana/`, `mongodb/`, `hashicorp/`;
- unscoped vendor packages named in the server table, e.g. `mongodb-mcp-server`,
  `firecrawl-mcp`, `exa-mcp-server`, `tavily-mcp`, `mcp-grafana`.

Local scripts and binaries are not reported (nothing is fetched), nor are remote URLs.

## Why it matters
The seed's checklist item 1: "Maintainer is the underlying service OR a known/trusted org".
And: "Servers published under @modelcontextprotocol, @anthropic, or well-known vendor
namespaces (@supabase, @cloudflare, @stripe) carry more trust than anonymous packages."
"Community MCPs vary; treat the unverified ones the way you would treat any unsigned binary
downloaded from the internet." An MCP server runs with your user's permissions and sees
the tokens you give it.

## Example
```json
{ "mcpServers": { "slack": { "command": "npx", "args": ["-y", "slack-mcp-server-pro"] } } }
```

## Fix
Prefer the service's own server when one exists. Otherwise review the package before
trusting it — `mcpward vet <package>` (coming) automates this — with the seed's criteria:
a public source repository you have read ("for most npm packages it is short enough to
review in 10 minutes"), the publisher's identity and publish history on the registry,
download volume and age, and the dependency surface (`npm ls`). Then pin the version you
reviewed (`MW-SUP-001`). If you accept the package, suppress this finding for it."#,
};

impl Rule for UntrustedPublisher {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for entry in cx.servers() {
            let spec = launch_spec(entry);
            let Some(pkg) = spec.fetched_package() else { continue };
            let (trust, known) = knowledge::publisher_of(pkg, spec.runner);
            if trust.is_trusted() {
                continue;
            }
            let name = redact_known(cx.key, &pkg.name);
            let (severity, message) = if pkg.is_url_source() {
                (
                    Severity::Medium,
                    format!("{name} is installed straight from a source URL: no registry, no publisher identity, no download history"),
                )
            } else {
                match (trust, known) {
                    (PublisherTrust::Community, Some(k)) => (
                        Severity::Low,
                        format!(
                            "{name} ({}) is a known community package, not a vendor or reference publisher — review source, publisher, downloads",
                            k.display
                        ),
                    ),
                    _ => (
                        Severity::Medium,
                        format!("{name}: unverified community package — review source, publisher, downloads"),
                    ),
                }
            };
            let fix = format!(
                "Prefer the service's own server if there is one. Otherwise check it before trusting it: \
                 `mcpward vet {name}` (coming), or by hand with the seed's criteria — public source you have \
                 read, publisher identity and publish history, download volume and age, dependency surface \
                 (`npm ls`) — then pin the version you reviewed."
            );
            FindingBuilder::new(&META, message)
                .server(entry)
                .at_if(word_pos(entry, |w| {
                    !pkg.spec.is_empty() && w.contains(pkg.spec.as_str())
                }))
                .severity(severity)
                .evidence(format!("{} {} ({})", pkg.ecosystem.as_str(), name, trust.as_str()))
                .fix(fix)
                .identity(name.as_str())
                .push(cx, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::knowledge::publishers::{IMAGE_NAMESPACES, NPM_SCOPES, PYPI_NAMES, PYPI_PREFIXES};

    /// `mcpward rules explain` must show the whole trusted list.
    #[test]
    fn doc_lists_every_trusted_publisher() {
        for (scope, _) in NPM_SCOPES {
            assert!(META.doc.contains(&format!("`{scope}`")), "{scope} missing from the doc");
        }
        for (name, _) in PYPI_NAMES {
            assert!(META.doc.contains(&format!("`{name}`")), "{name} missing from the doc");
        }
        for (prefix, _) in PYPI_PREFIXES {
            assert!(
                META.doc.contains(prefix.trim_end_matches('-')),
                "{prefix} missing from the doc"
            );
        }
        for (ns, _) in IMAGE_NAMESPACES {
            assert!(META.doc.contains(&format!("`{ns}`")), "{ns} missing from the doc");
        }
    }
}
