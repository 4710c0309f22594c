//! Trusted publishers, for packages that are not in the server table.
//!
//! The seed: "Servers published under @modelcontextprotocol, @anthropic, or
//! well-known vendor namespaces (@supabase, @cloudflare, @stripe) carry more
//! trust than anonymous packages." npm scopes are owned by one npm user or
//! organisation, so a scope identifies its publisher; PyPI has no namespaces,
//! so only exact names (and one vendor prefix, with that caveat) are listed.
//! Each vendor scope below was checked to be the vendor's own (the vendor's
//! docs or repository publish its MCP server under it).

use super::PublisherTrust;
use crate::launch::{Ecosystem, Package};

/// npm scopes and the trust they carry.
pub const NPM_SCOPES: &[(&str, PublisherTrust)] = &[
    ("@modelcontextprotocol", PublisherTrust::Reference),
    // The seed writes `@anthropic`; Anthropic's npm scope is `@anthropic-ai`.
    ("@anthropic-ai", PublisherTrust::Reference),
    ("@supabase", PublisherTrust::Vendor),
    ("@cloudflare", PublisherTrust::Vendor),
    ("@stripe", PublisherTrust::Vendor),
    ("@github", PublisherTrust::Vendor),
    ("@notionhq", PublisherTrust::Vendor),
    ("@sentry", PublisherTrust::Vendor),
    ("@browserbasehq", PublisherTrust::Vendor),
    ("@upstash", PublisherTrust::Vendor),
    // Microsoft's Playwright team publishes `@playwright/mcp`.
    ("@playwright", PublisherTrust::Vendor),
    ("@azure", PublisherTrust::Vendor),
    ("@microsoft", PublisherTrust::Vendor),
    ("@brave", PublisherTrust::Vendor),
    ("@neondatabase", PublisherTrust::Vendor),
    ("@paypal", PublisherTrust::Vendor),
    ("@heroku", PublisherTrust::Vendor),
    ("@e2b", PublisherTrust::Vendor),
];

/// PyPI names of the MCP project's reference servers. Exact names only: the
/// `mcp-server-*` pattern is open to anyone.
pub const PYPI_NAMES: &[(&str, PublisherTrust)] = &[
    ("mcp-server-fetch", PublisherTrust::Reference),
    ("mcp-server-git", PublisherTrust::Reference),
    ("mcp-server-time", PublisherTrust::Reference),
    ("mcp-server-sqlite", PublisherTrust::Reference),
    ("mcp-server-sentry", PublisherTrust::Reference),
];

/// PyPI name prefixes (normalised, see [`super::normalize_pypi`]). PyPI does
/// not reserve prefixes; `mcpward vet` confirms the uploading account.
pub const PYPI_PREFIXES: &[(&str, PublisherTrust)] = &[("awslabs-", PublisherTrust::Vendor)];

/// Image namespaces (registry and path prefix, normalised as [`crate::launch::parse_image`] does).
pub const IMAGE_NAMESPACES: &[(&str, PublisherTrust)] = &[
    // Docker Hub `mcp/`: Docker's MCP catalog, images built and signed by Docker.
    ("mcp/", PublisherTrust::Vendor),
    ("ghcr.io/github/", PublisherTrust::Vendor),
    ("mcr.microsoft.com/", PublisherTrust::Vendor),
    ("grafana/", PublisherTrust::Vendor),
    ("mongodb/", PublisherTrust::Vendor),
    ("hashicorp/", PublisherTrust::Vendor),
];

/// Trust of a package from the lists alone.
pub fn trust(pkg: &Package) -> PublisherTrust {
    let name = pkg.name.as_str();
    match pkg.ecosystem {
        // JSR scopes are not npm scopes; none is listed yet.
        Ecosystem::Deno => PublisherTrust::Unknown,
        Ecosystem::Npm => {
            if pkg.is_url_source() {
                return PublisherTrust::Unknown;
            }
            let Some(scope) = name.split('/').next().filter(|s| s.starts_with('@')) else {
                return PublisherTrust::Unknown;
            };
            NPM_SCOPES
                .iter()
                .find(|(s, _)| s.eq_ignore_ascii_case(scope))
                .map_or(PublisherTrust::Unknown, |(_, t)| *t)
        }
        Ecosystem::Pypi => {
            if pkg.is_url_source() {
                return PublisherTrust::Unknown;
            }
            let n = super::normalize_pypi(name);
            PYPI_NAMES
                .iter()
                .find(|(p, _)| super::normalize_pypi(p) == n)
                .or_else(|| PYPI_PREFIXES.iter().find(|(p, _)| n.starts_with(p)))
                .map_or(PublisherTrust::Unknown, |(_, t)| *t)
        }
        Ecosystem::Docker => IMAGE_NAMESPACES
            .iter()
            .find(|(ns, _)| name.starts_with(ns))
            .map_or(PublisherTrust::Unknown, |(_, t)| *t),
        Ecosystem::Local => PublisherTrust::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::launch::{parse_image, parse_npm_spec, parse_pypi_spec};

    #[test]
    fn scopes_prefixes_namespaces() {
        assert_eq!(trust(&parse_npm_spec("@stripe/mcp@1.0.0")), PublisherTrust::Vendor);
        assert_eq!(
            trust(&parse_npm_spec("@modelcontextprotocol/server-x")),
            PublisherTrust::Reference
        );
        assert_eq!(trust(&parse_npm_spec("@stripe-fans/mcp")), PublisherTrust::Unknown);
        assert_eq!(trust(&parse_npm_spec("stripe-mcp")), PublisherTrust::Unknown);
        assert_eq!(
            trust(&parse_npm_spec("github:modelcontextprotocol/servers")),
            PublisherTrust::Unknown
        );
        assert_eq!(
            trust(&parse_pypi_spec("mcp-server-fetch==1.0")),
            PublisherTrust::Reference
        );
        assert_eq!(trust(&parse_pypi_spec("mcp-server-fetch2")), PublisherTrust::Unknown);
        assert_eq!(trust(&parse_pypi_spec("mcp-server-anything")), PublisherTrust::Unknown);
        assert_eq!(
            trust(&parse_pypi_spec("awslabs.core-mcp-server")),
            PublisherTrust::Vendor
        );
        assert_eq!(trust(&parse_image("docker.io/mcp/anything:1")), PublisherTrust::Vendor);
        assert_eq!(trust(&parse_image("mcpx/anything")), PublisherTrust::Unknown);
        assert_eq!(trust(&parse_image("ghcr.io/githubx/thing")), PublisherTrust::Unknown);
    }
}
