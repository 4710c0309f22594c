//! The table of well-known MCP servers. See the module doc of [`super`] for
//! what each field means and how to add one.
//!
//! Verification: every `read_only` switch below was looked up in the server's
//! own README, docs site or repository before it was written down; `source`
//! is where. Package names were checked against published configs and
//! registries. Capabilities describe what the server's tools can do when fully
//! enabled, from its documented tool list.
//!
//! Not listed as read-only switches, on purpose:
//! - Stripe (`@stripe/mcp`): permissions come from the API key; use a restricted
//!   key (`rk_…`) — documented in the Stripe agent toolkit README (see `note`).
//! - Notion (`@notionhq/notion-mcp-server`): capabilities are set on the Notion
//!   integration, not on the command line (unverified as a launch switch).
//! - Cloudflare, Linear, Atlassian remote, Sentry: no documented read-only switch found.
//! - SQLite reference server (`mcp-server-sqlite`): none; it writes by design.
//! - Desktop Commander: exec server, no read-only mode.
//! - DBHub (`@bytebase/dbhub`): its `readonly` option lives in a TOML file, and
//!   GHSA-mwwr-p57h-56pf shows it did not enforce read-only; not listed.

use super::Capability::{
    Browser, CredentialedWrite, DatabaseWrite, Exec, FilesystemRead, FilesystemWrite, InternetRead, PrivateData,
};
use super::PublisherTrust::{Community, Reference, Vendor};
use super::{KnownServer, ReadOnlySwitch};

/// Base for entries: empty lists everywhere.
const BLANK: KnownServer = KnownServer {
    id: "",
    display: "",
    publisher: Community,
    npm: &[],
    pypi: &[],
    docker: &[],
    binaries: &[],
    remote: &[],
    caps: &[],
    read_only: None,
    note: "",
};

pub static SERVERS: &[KnownServer] = &[
    // ---- MCP reference servers (modelcontextprotocol/servers) -------------------
    KnownServer {
        id: "filesystem",
        display: "Filesystem (MCP reference)",
        publisher: Reference,
        npm: &["@modelcontextprotocol/server-filesystem"],
        docker: &["mcp/filesystem"],
        caps: &[FilesystemRead, FilesystemWrite, PrivateData],
        ..BLANK
    },
    KnownServer {
        id: "fetch",
        display: "Fetch (MCP reference)",
        publisher: Reference,
        pypi: &["mcp-server-fetch"],
        docker: &["mcp/fetch"],
        binaries: &["mcp-server-fetch"],
        caps: &[InternetRead],
        ..BLANK
    },
    KnownServer {
        id: "git",
        display: "Git (MCP reference)",
        publisher: Reference,
        pypi: &["mcp-server-git"],
        docker: &["mcp/git"],
        binaries: &["mcp-server-git"],
        caps: &[FilesystemRead, FilesystemWrite, PrivateData],
        ..BLANK
    },
    KnownServer {
        id: "time",
        display: "Time (MCP reference)",
        publisher: Reference,
        pypi: &["mcp-server-time"],
        docker: &["mcp/time"],
        binaries: &["mcp-server-time"],
        ..BLANK
    },
    KnownServer {
        id: "memory",
        display: "Memory (MCP reference)",
        publisher: Reference,
        npm: &["@modelcontextprotocol/server-memory"],
        docker: &["mcp/memory"],
        ..BLANK
    },
    KnownServer {
        id: "sequential-thinking",
        display: "Sequential Thinking (MCP reference)",
        publisher: Reference,
        npm: &["@modelcontextprotocol/server-sequential-thinking"],
        docker: &["mcp/sequentialthinking"],
        ..BLANK
    },
    KnownServer {
        id: "everything",
        display: "Everything (MCP reference test server)",
        publisher: Reference,
        npm: &["@modelcontextprotocol/server-everything"],
        docker: &["mcp/everything"],
        ..BLANK
    },
    // Archived reference servers (modelcontextprotocol/servers-archived): still
    // installable under the official scope, no longer maintained.
    KnownServer {
        id: "github-reference",
        display: "GitHub (archived MCP reference server)",
        publisher: Reference,
        npm: &["@modelcontextprotocol/server-github"],
        docker: &["mcp/github"],
        caps: &[CredentialedWrite, PrivateData],
        note: "Archived: GitHub's own server (ghcr.io/github/github-mcp-server) replaces it and has a read-only mode.",
        ..BLANK
    },
    KnownServer {
        id: "gitlab-reference",
        display: "GitLab (archived MCP reference server)",
        publisher: Reference,
        npm: &["@modelcontextprotocol/server-gitlab"],
        docker: &["mcp/gitlab"],
        caps: &[CredentialedWrite, PrivateData],
        ..BLANK
    },
    KnownServer {
        id: "slack-reference",
        display: "Slack (archived MCP reference server)",
        publisher: Reference,
        npm: &["@modelcontextprotocol/server-slack"],
        docker: &["mcp/slack"],
        caps: &[CredentialedWrite, PrivateData],
        ..BLANK
    },
    KnownServer {
        id: "postgres-reference",
        display: "PostgreSQL (archived MCP reference server)",
        publisher: Reference,
        npm: &["@modelcontextprotocol/server-postgres"],
        docker: &["mcp/postgres"],
        caps: &[PrivateData],
        // Read-only by design (queries run in a READ ONLY transaction); archived
        // after that guard was shown to be bypassable, so no write switch exists.
        read_only: Some(ReadOnlySwitch {
            default_read_only: true,
            how: "It is read-only by design; connect it with a read-only database role as well.",
            source: "https://github.com/modelcontextprotocol/servers-archived/tree/main/src/postgres",
            ..ReadOnlySwitch::NONE
        }),
        ..BLANK
    },
    KnownServer {
        id: "sqlite-reference",
        display: "SQLite (archived MCP reference server)",
        publisher: Reference,
        pypi: &["mcp-server-sqlite"],
        docker: &["mcp/sqlite"],
        binaries: &["mcp-server-sqlite"],
        caps: &[DatabaseWrite, FilesystemWrite, PrivateData],
        ..BLANK
    },
    KnownServer {
        id: "puppeteer-reference",
        display: "Puppeteer (archived MCP reference server)",
        publisher: Reference,
        npm: &["@modelcontextprotocol/server-puppeteer"],
        docker: &["mcp/puppeteer"],
        caps: &[Browser, InternetRead],
        ..BLANK
    },
    KnownServer {
        id: "brave-search-reference",
        display: "Brave Search (archived MCP reference server)",
        publisher: Reference,
        npm: &["@modelcontextprotocol/server-brave-search"],
        caps: &[InternetRead],
        ..BLANK
    },
    KnownServer {
        id: "google-maps-reference",
        display: "Google Maps (archived MCP reference server)",
        publisher: Reference,
        npm: &["@modelcontextprotocol/server-google-maps"],
        docker: &["mcp/google-maps"],
        ..BLANK
    },
    KnownServer {
        id: "gdrive-reference",
        display: "Google Drive (archived MCP reference server)",
        publisher: Reference,
        npm: &["@modelcontextprotocol/server-gdrive"],
        docker: &["mcp/gdrive"],
        caps: &[PrivateData],
        ..BLANK
    },
    KnownServer {
        id: "sentry-reference",
        display: "Sentry (archived MCP reference server)",
        publisher: Reference,
        pypi: &["mcp-server-sentry"],
        docker: &["mcp/sentry"],
        caps: &[PrivateData],
        ..BLANK
    },
    KnownServer {
        id: "redis-reference",
        display: "Redis (archived MCP reference server)",
        publisher: Reference,
        npm: &["@modelcontextprotocol/server-redis"],
        docker: &["mcp/redis"],
        caps: &[DatabaseWrite, PrivateData],
        ..BLANK
    },
    KnownServer {
        id: "aws-kb-retrieval-reference",
        display: "AWS KB Retrieval (archived MCP reference server)",
        publisher: Reference,
        npm: &["@modelcontextprotocol/server-aws-kb-retrieval"],
        docker: &["mcp/aws-kb-retrieval-server"],
        caps: &[PrivateData],
        ..BLANK
    },
    // ---- Vendor-official servers -------------------------------------------------
    KnownServer {
        id: "github",
        display: "GitHub MCP Server (GitHub)",
        publisher: Vendor,
        docker: &["ghcr.io/github/github-mcp-server"],
        binaries: &["github-mcp-server"],
        remote: &["api.githubcopilot.com"],
        caps: &[CredentialedWrite, PrivateData],
        read_only: Some(ReadOnlySwitch {
            args: &["--read-only"],
            env: &["GITHUB_READ_ONLY"],
            url_segment: Some("readonly"),
            headers: &["X-MCP-Readonly"],
            how: "add `--read-only` to the server's arguments or set GITHUB_READ_ONLY=1; remote: use \
                  https://api.githubcopilot.com/mcp/readonly or the header `X-MCP-Readonly: true`",
            source: "https://github.com/github/github-mcp-server/blob/main/docs/remote-server.md",
            ..ReadOnlySwitch::NONE
        }),
        ..BLANK
    },
    KnownServer {
        id: "supabase",
        display: "Supabase MCP Server (Supabase)",
        publisher: Vendor,
        npm: &["@supabase/mcp-server-supabase"],
        remote: &["mcp.supabase.com"],
        caps: &[DatabaseWrite, CredentialedWrite, PrivateData],
        read_only: Some(ReadOnlySwitch {
            args: &["--read-only"],
            url_query: Some(("read_only", "true")),
            how: "add `--read-only` to the server's arguments; remote: add `read_only=true` to the URL",
            source: "https://github.com/supabase-community/supabase-mcp#read-only-mode",
            ..ReadOnlySwitch::NONE
        }),
        ..BLANK
    },
    KnownServer {
        id: "stripe",
        display: "Stripe MCP Server (Stripe)",
        publisher: Vendor,
        npm: &["@stripe/mcp"],
        docker: &["mcp/stripe"],
        remote: &["mcp.stripe.com"],
        caps: &[CredentialedWrite, PrivateData],
        note: "Tool permissions follow the API key: use a restricted key (rk_…) with only the permissions \
               the workflow needs (https://github.com/stripe/agent-toolkit).",
        ..BLANK
    },
    KnownServer {
        id: "notion",
        display: "Notion MCP Server (Notion)",
        publisher: Vendor,
        npm: &["@notionhq/notion-mcp-server"],
        docker: &["mcp/notion"],
        remote: &["mcp.notion.com"],
        caps: &[CredentialedWrite, PrivateData],
        note: "Give the Notion integration only the capabilities it needs (e.g. read content only).",
        ..BLANK
    },
    KnownServer {
        id: "linear",
        display: "Linear remote MCP (Linear)",
        publisher: Vendor,
        remote: &["mcp.linear.app"],
        caps: &[CredentialedWrite, PrivateData],
        ..BLANK
    },
    KnownServer {
        id: "atlassian-remote",
        display: "Atlassian remote MCP (Atlassian)",
        publisher: Vendor,
        remote: &["mcp.atlassian.com"],
        caps: &[CredentialedWrite, PrivateData],
        ..BLANK
    },
    KnownServer {
        id: "sentry",
        display: "Sentry MCP Server (Sentry)",
        publisher: Vendor,
        npm: &["@sentry/mcp-server"],
        remote: &["mcp.sentry.dev"],
        caps: &[CredentialedWrite, PrivateData],
        ..BLANK
    },
    KnownServer {
        id: "cloudflare-docs",
        display: "Cloudflare documentation MCP (Cloudflare)",
        publisher: Vendor,
        remote: &["docs.mcp.cloudflare.com"],
        ..BLANK
    },
    KnownServer {
        id: "cloudflare",
        display: "Cloudflare MCP servers (Cloudflare)",
        publisher: Vendor,
        npm: &["@cloudflare/mcp-server-cloudflare"],
        remote: &[".mcp.cloudflare.com"],
        caps: &[CredentialedWrite, PrivateData],
        ..BLANK
    },
    KnownServer {
        id: "grafana",
        display: "Grafana MCP Server (Grafana Labs)",
        publisher: Vendor,
        pypi: &["mcp-grafana"],
        docker: &["grafana/mcp-grafana", "mcp/grafana"],
        binaries: &["mcp-grafana"],
        caps: &[CredentialedWrite, PrivateData],
        read_only: Some(ReadOnlySwitch {
            args: &["--disable-write"],
            how: "add `--disable-write` to the server's arguments",
            source: "https://github.com/grafana/mcp-grafana#readme",
            ..ReadOnlySwitch::NONE
        }),
        ..BLANK
    },
    KnownServer {
        id: "mongodb",
        display: "MongoDB MCP Server (MongoDB)",
        publisher: Vendor,
        npm: &["mongodb-mcp-server"],
        docker: &["mongodb/mongodb-mcp-server", "mcp/mongodb"],
        caps: &[DatabaseWrite, PrivateData],
        read_only: Some(ReadOnlySwitch {
            args: &["--readOnly"],
            env: &["MDB_MCP_READ_ONLY"],
            how: "add `--readOnly` to the server's arguments or set MDB_MCP_READ_ONLY=true",
            source: "https://www.mongodb.com/docs/mcp-server/security-best-practices",
            ..ReadOnlySwitch::NONE
        }),
        ..BLANK
    },
    KnownServer {
        id: "azure",
        display: "Azure MCP Server (Microsoft)",
        publisher: Vendor,
        npm: &["@azure/mcp"],
        docker: &["mcr.microsoft.com/azure-sdk/azure-mcp"],
        binaries: &["azmcp"],
        caps: &[CredentialedWrite, PrivateData],
        read_only: Some(ReadOnlySwitch {
            args: &["--read-only"],
            how: "add `--read-only` after `server start`",
            source: "https://github.com/microsoft/mcp/blob/main/servers/Azure.Mcp.Server/docs/azmcp-commands.md",
            ..ReadOnlySwitch::NONE
        }),
        ..BLANK
    },
    KnownServer {
        id: "neon",
        display: "Neon MCP Server (Neon)",
        publisher: Vendor,
        npm: &["@neondatabase/mcp-server-neon"],
        remote: &["mcp.neon.tech"],
        caps: &[DatabaseWrite, CredentialedWrite, PrivateData],
        // Verified for the remote server only (header); the local package's
        // switch is unverified and not listed.
        read_only: Some(ReadOnlySwitch {
            headers: &["X-READ-ONLY"],
            how: "remote: send the header `X-READ-ONLY: true` (or grant only the `read` OAuth scope)",
            source: "https://github.com/neondatabase/mcp-server-neon/blob/main/landing/README.md",
            ..ReadOnlySwitch::NONE
        }),
        ..BLANK
    },
    KnownServer {
        id: "aws-api",
        display: "AWS API MCP Server (AWS Labs)",
        publisher: Vendor,
        pypi: &["awslabs.aws-api-mcp-server"],
        caps: &[CredentialedWrite, PrivateData],
        read_only: Some(ReadOnlySwitch {
            env: &["READ_OPERATIONS_ONLY"],
            how: "set READ_OPERATIONS_ONLY=true in the server's environment",
            source: "https://awslabs.github.io/mcp/servers/aws-api-mcp-server",
            ..ReadOnlySwitch::NONE
        }),
        ..BLANK
    },
    KnownServer {
        id: "aws-eks",
        display: "Amazon EKS MCP Server (AWS Labs)",
        publisher: Vendor,
        pypi: &["awslabs.eks-mcp-server"],
        caps: &[CredentialedWrite, PrivateData],
        read_only: Some(ReadOnlySwitch {
            default_read_only: true,
            write_args: &["--allow-write"],
            how: "drop `--allow-write` (the server is read-only without it)",
            source: "https://awslabs.github.io/mcp/servers/eks-mcp-server",
            ..ReadOnlySwitch::NONE
        }),
        ..BLANK
    },
    KnownServer {
        id: "aws-s3-tables",
        display: "Amazon S3 Tables MCP Server (AWS Labs)",
        publisher: Vendor,
        pypi: &["awslabs.s3-tables-mcp-server"],
        caps: &[DatabaseWrite, PrivateData],
        read_only: Some(ReadOnlySwitch {
            default_read_only: true,
            write_args: &["--allow-write"],
            how: "drop `--allow-write` (the server is read-only without it)",
            source: "https://awslabs.github.io/mcp/servers/s3-tables-mcp-server",
            ..ReadOnlySwitch::NONE
        }),
        ..BLANK
    },
    KnownServer {
        id: "aws-ecs",
        display: "Amazon ECS MCP Server (AWS Labs)",
        publisher: Vendor,
        pypi: &["awslabs.ecs-mcp-server"],
        caps: &[CredentialedWrite, PrivateData],
        read_only: Some(ReadOnlySwitch {
            default_read_only: true,
            write_env: &["ALLOW_WRITE"],
            how: "set ALLOW_WRITE=false (or remove it; false is the default)",
            source: "https://awslabs.github.io/mcp/servers/ecs-mcp-server",
            ..ReadOnlySwitch::NONE
        }),
        ..BLANK
    },
    KnownServer {
        id: "playwright",
        display: "Playwright MCP (Microsoft)",
        publisher: Vendor,
        npm: &["@playwright/mcp"],
        docker: &["mcr.microsoft.com/playwright/mcp", "mcp/playwright"],
        caps: &[Browser, InternetRead],
        ..BLANK
    },
    KnownServer {
        id: "browserbase",
        display: "Browserbase MCP Server (Browserbase)",
        publisher: Vendor,
        npm: &["@browserbasehq/mcp-server-browserbase", "@browserbasehq/mcp"],
        caps: &[Browser, InternetRead],
        ..BLANK
    },
    KnownServer {
        id: "brave-search",
        display: "Brave Search MCP Server (Brave)",
        publisher: Vendor,
        npm: &["@brave/brave-search-mcp-server"],
        docker: &["mcp/brave-search"],
        caps: &[InternetRead],
        ..BLANK
    },
    KnownServer {
        id: "firecrawl",
        display: "Firecrawl MCP Server (Firecrawl)",
        publisher: Vendor,
        npm: &["firecrawl-mcp"],
        docker: &["mcp/firecrawl"],
        remote: &["mcp.firecrawl.dev"],
        caps: &[InternetRead],
        ..BLANK
    },
    KnownServer {
        id: "exa",
        display: "Exa MCP Server (Exa)",
        publisher: Vendor,
        npm: &["exa-mcp-server"],
        remote: &["mcp.exa.ai"],
        caps: &[InternetRead],
        ..BLANK
    },
    KnownServer {
        id: "tavily",
        display: "Tavily MCP Server (Tavily)",
        publisher: Vendor,
        npm: &["tavily-mcp"],
        remote: &["mcp.tavily.com"],
        caps: &[InternetRead],
        ..BLANK
    },
    KnownServer {
        id: "context7",
        display: "Context7 (Upstash)",
        publisher: Vendor,
        npm: &["@upstash/context7-mcp"],
        remote: &["mcp.context7.com"],
        // Library docs gathered from public repositories: third-party text.
        caps: &[InternetRead],
        ..BLANK
    },
    KnownServer {
        id: "deepwiki",
        display: "DeepWiki (Cognition)",
        publisher: Vendor,
        remote: &["mcp.deepwiki.com"],
        caps: &[InternetRead],
        ..BLANK
    },
    KnownServer {
        id: "paypal",
        display: "PayPal MCP Server (PayPal)",
        publisher: Vendor,
        npm: &["@paypal/mcp"],
        remote: &["mcp.paypal.com"],
        caps: &[CredentialedWrite, PrivateData],
        ..BLANK
    },
    KnownServer {
        id: "square",
        display: "Square remote MCP (Block)",
        publisher: Vendor,
        remote: &["mcp.squareup.com"],
        caps: &[CredentialedWrite, PrivateData],
        ..BLANK
    },
    KnownServer {
        id: "heroku",
        display: "Heroku MCP Server (Heroku)",
        publisher: Vendor,
        npm: &["@heroku/mcp-server"],
        caps: &[CredentialedWrite, Exec],
        ..BLANK
    },
    KnownServer {
        id: "e2b",
        display: "E2B MCP Server (E2B)",
        publisher: Vendor,
        npm: &["@e2b/mcp-server"],
        pypi: &["e2b-mcp-server"],
        // Code runs in E2B's cloud sandbox, not on the host; still arbitrary code.
        caps: &[Exec],
        ..BLANK
    },
    KnownServer {
        id: "asana",
        display: "Asana remote MCP (Asana)",
        publisher: Vendor,
        remote: &["mcp.asana.com"],
        caps: &[CredentialedWrite, PrivateData],
        ..BLANK
    },
    KnownServer {
        id: "vercel",
        display: "Vercel remote MCP (Vercel)",
        publisher: Vendor,
        remote: &["mcp.vercel.com"],
        caps: &[CredentialedWrite, PrivateData],
        ..BLANK
    },
    KnownServer {
        id: "zapier",
        display: "Zapier MCP (Zapier)",
        publisher: Vendor,
        remote: &["mcp.zapier.com"],
        // Acts in whatever apps the user connected: mail, chat, payments.
        caps: &[CredentialedWrite, PrivateData],
        ..BLANK
    },
    // ---- Known community servers (capabilities known, publisher not the service) ----
    KnownServer {
        id: "mcp-remote",
        display: "mcp-remote (community stdio-to-remote bridge)",
        publisher: Community,
        npm: &["mcp-remote"],
        note: "A bridge: what it can do is what the remote server behind it can do.",
        ..BLANK
    },
    KnownServer {
        id: "mcp-proxy",
        display: "mcp-proxy (community stdio-to-remote bridge)",
        publisher: Community,
        pypi: &["mcp-proxy"],
        note: "A bridge: what it can do is what the remote server behind it can do.",
        ..BLANK
    },
    KnownServer {
        id: "mcp-atlassian",
        display: "MCP Atlassian (community, Jira/Confluence)",
        publisher: Community,
        pypi: &["mcp-atlassian"],
        docker: &["ghcr.io/sooperset/mcp-atlassian", "mcp/atlassian"],
        caps: &[CredentialedWrite, PrivateData],
        read_only: Some(ReadOnlySwitch {
            args: &["--read-only"],
            env: &["READ_ONLY_MODE"],
            how: "add `--read-only` to the server's arguments or set READ_ONLY_MODE=true",
            source: "https://github.com/sooperset/mcp-atlassian/blob/main/.env.example",
            ..ReadOnlySwitch::NONE
        }),
        ..BLANK
    },
    KnownServer {
        id: "kubernetes",
        display: "Kubernetes MCP Server (containers/kubernetes-mcp-server)",
        publisher: Community,
        npm: &["kubernetes-mcp-server"],
        pypi: &["kubernetes-mcp-server"],
        docker: &[
            "ghcr.io/containers/kubernetes-mcp-server",
            "quay.io/manusa/kubernetes_mcp_server",
        ],
        binaries: &["kubernetes-mcp-server"],
        // `pods_exec` / `pods_run` run commands in the cluster.
        caps: &[CredentialedWrite, Exec, PrivateData],
        read_only: Some(ReadOnlySwitch {
            args: &["--read-only"],
            how: "add `--read-only` to the server's arguments (or at least `--disable-destructive`)",
            source: "https://github.com/containers/kubernetes-mcp-server#configuration",
            ..ReadOnlySwitch::NONE
        }),
        ..BLANK
    },
    KnownServer {
        id: "kubernetes-flux159",
        display: "mcp-server-kubernetes (community)",
        publisher: Community,
        npm: &["mcp-server-kubernetes"],
        caps: &[CredentialedWrite, Exec, PrivateData],
        ..BLANK
    },
    KnownServer {
        id: "postgres-mcp-pro",
        display: "Postgres MCP Pro (Crystal DBA)",
        publisher: Community,
        pypi: &["postgres-mcp"],
        docker: &["crystaldba/postgres-mcp"],
        binaries: &["postgres-mcp"],
        caps: &[DatabaseWrite, PrivateData],
        read_only: Some(ReadOnlySwitch {
            args: &["--access-mode=restricted"],
            how: "add `--access-mode=restricted` to the server's arguments",
            source: "https://github.com/crystaldba/postgres-mcp#readme",
            ..ReadOnlySwitch::NONE
        }),
        ..BLANK
    },
    KnownServer {
        id: "desktop-commander",
        display: "Desktop Commander (community)",
        publisher: Community,
        npm: &["@wonderwhy-er/desktop-commander"],
        docker: &["mcp/desktop-commander"],
        caps: &[Exec, FilesystemRead, FilesystemWrite, PrivateData],
        ..BLANK
    },
    KnownServer {
        id: "mcp-server-commands",
        display: "mcp-server-commands (community)",
        publisher: Community,
        npm: &["mcp-server-commands"],
        caps: &[Exec],
        ..BLANK
    },
    KnownServer {
        id: "mcp-shell-server",
        display: "mcp-shell-server (community)",
        publisher: Community,
        pypi: &["mcp-shell-server"],
        binaries: &["mcp-shell-server"],
        caps: &[Exec],
        ..BLANK
    },
    KnownServer {
        id: "iterm-mcp",
        display: "iTerm MCP (community)",
        publisher: Community,
        npm: &["iterm-mcp"],
        caps: &[Exec],
        ..BLANK
    },
    KnownServer {
        id: "code-runner",
        display: "Code Runner MCP (community)",
        publisher: Community,
        npm: &["mcp-server-code-runner"],
        caps: &[Exec],
        ..BLANK
    },
    KnownServer {
        id: "playwright-executeautomation",
        display: "Playwright MCP Server (ExecuteAutomation, community)",
        publisher: Community,
        npm: &["@executeautomation/playwright-mcp-server"],
        caps: &[Browser, InternetRead],
        ..BLANK
    },
    KnownServer {
        id: "browsermcp",
        display: "Browser MCP (community; drives your logged-in browser)",
        publisher: Community,
        npm: &["@browsermcp/mcp"],
        // It acts inside the user's own browser profile, with its sessions.
        caps: &[Browser, InternetRead, CredentialedWrite, PrivateData],
        ..BLANK
    },
    KnownServer {
        id: "gmail-autoauth",
        display: "Gmail AutoAuth MCP (community)",
        publisher: Community,
        npm: &["@gongrzhe/server-gmail-autoauth-mcp"],
        caps: &[CredentialedWrite, PrivateData],
        ..BLANK
    },
    KnownServer {
        id: "slack-zencoder",
        display: "Slack MCP Server (Zencoder, community)",
        publisher: Community,
        npm: &["@zencoderai/slack-mcp-server"],
        caps: &[CredentialedWrite, PrivateData],
        ..BLANK
    },
];
