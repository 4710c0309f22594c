//! `MW-RO-001` read-only-available: a server that has a documented read-only
//! switch, launched without it.

use crate::finding::{Category, ChecklistItem, Severity};
use crate::knowledge::{self, ReadOnlyState};
use crate::launch::{display_command, launch_spec, word_pos, LaunchSpec};
use crate::rule::{Context, FindingBuilder, Rule, RuleMeta};
use crate::Finding;
use mcpward_config::ServerEntry;
use mcpward_detect::secrets;

pub struct ReadOnlyAvailable;

static META: RuleMeta = RuleMeta {
    id: "MW-RO-001",
    name: "read-only-available",
    category: Category::ReadOnlyAvailable,
    severity: Severity::Medium,
    summary: "A server with a documented read-only mode, launched without it",
    checklist: Some(ChecklistItem::ReadOnlyMode),
    doc: r#"## What it finds
Servers that document a switch making them read-only, configured without it — the
arguments, the environment (`env`, `docker -e`, `env VAR=…` prefixes), the URL and the
headers are all checked. For servers that are read-only by default, a switch that turns
writing on is reported instead.

Servers and switches mcpward knows (each checked against the server's own documentation):
- GitHub MCP Server (`ghcr.io/github/github-mcp-server`, `github-mcp-server`, remote
  `api.githubcopilot.com`): `--read-only` or `GITHUB_READ_ONLY=1`; remote: the `/readonly` URL
  or the `X-MCP-Readonly: true` header.
- Supabase (`@supabase/mcp-server-supabase`, remote `mcp.supabase.com`): `--read-only`;
  remote: `read_only=true` in the URL.
- Grafana (`mcp-grafana`, `grafana/mcp-grafana`): `--disable-write`.
- MongoDB (`mongodb-mcp-server`): `--readOnly` or `MDB_MCP_READ_ONLY=true`.
- Azure MCP Server (`@azure/mcp`, `azmcp`): `--read-only`.
- Neon (remote `mcp.neon.tech`): the `X-READ-ONLY: true` header.
- AWS API MCP Server (`awslabs.aws-api-mcp-server`): `READ_OPERATIONS_ONLY=true`.
- Amazon EKS and S3 Tables MCP Servers (`awslabs.eks-mcp-server`, `awslabs.s3-tables-mcp-server`):
  read-only unless `--allow-write`.
- Amazon ECS MCP Server (`awslabs.ecs-mcp-server`): read-only unless `ALLOW_WRITE=true`.
- MCP Atlassian (`mcp-atlassian`): `--read-only` or `READ_ONLY_MODE=true`.
- Kubernetes MCP Server (`kubernetes-mcp-server`): `--read-only`.
- Postgres MCP Pro (`postgres-mcp`): `--access-mode=restricted`.
- PostgreSQL reference server: read-only by design (never reported).

Also reported (**low**): the Stripe server started with a full secret key (`sk_…`) where a
restricted key (`rk_…`) would scope its tools. Not listed because no launch switch exists
or none could be verified: Notion (set the integration's capabilities in Notion),
Cloudflare, Linear, Sentry, the SQLite reference server, Desktop Commander.

## Why it matters
The seed's checklist item 5: "Read-only mode enabled where the workflow allows it". And:
"Every database, ticket-tracker, and write-capable MCP should start in read-only mode.
Read-only mode gives the agent enough leverage to summarise, plan, and answer questions
without ever being able to mutate state. Promote to read-write only after the workflow is
reliable and you have an audit trail. Most teams never need write capabilities on most MCPs."

## Example
```json
{ "mcpServers": { "github": { "command": "docker",
  "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"] } } }
```

## Fix
Turn the switch on — here `"-e", "GITHUB_READ_ONLY=1"` before the image, or `--read-only`
after it — and promote to read-write only once the workflow needs it and has an audit
trail. If writing is needed, keep the token's scopes narrow (seed item 1) and require
approval for irreversible tools."#,
};

impl Rule for ReadOnlyAvailable {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for entry in cx.servers() {
            let spec = launch_spec(entry);
            let Some(known) = knowledge::identify(entry, &spec) else {
                continue;
            };
            if known.id == "stripe" {
                stripe_key(cx, entry, &spec, out);
            }
            let Some(sw) = &known.read_only else { continue };
            let (message, evidence) = match knowledge::read_only_state(entry, &spec, sw) {
                ReadOnlyState::On(_) => continue,
                ReadOnlyState::Off => (
                    format!("{} has a read-only mode and runs without it", known.display),
                    display_command(cx.key, &launch_words(entry, &spec)),
                ),
                ReadOnlyState::WriteEnabled(switch) => (
                    format!(
                        "{} is read-only by default and `{switch}` turns writing on",
                        known.display
                    ),
                    switch,
                ),
            };
            FindingBuilder::new(&META, message)
                .server(entry)
                .evidence(evidence)
                .fix(format!(
                    "Start it read-only: {}. Promote to read-write only when the workflow needs it (source: {}).",
                    sw.how, sw.source
                ))
                .identity(known.id)
                .push(cx, out);
        }
    }
}

/// The command line, or the URL for a remote server.
fn launch_words<'e>(entry: &'e ServerEntry, spec: &'e LaunchSpec) -> Vec<&'e str> {
    match &spec.url {
        Some(url) => vec![url.as_str()],
        None => entry.command_line(),
    }
}

/// Stripe: tool permissions come from the key; a full secret key grants them all.
fn stripe_key(cx: &Context<'_>, entry: &ServerEntry, spec: &LaunchSpec, out: &mut Vec<Finding>) {
    let from_args = spec
        .server_args
        .iter()
        .enumerate()
        .find_map(|(i, a)| match a.split_once('=') {
            Some(("--api-key", v)) => Some(v.to_owned()),
            None if a == "--api-key" => spec.server_args.get(i + 1).cloned(),
            _ => None,
        });
    let from_env = || {
        entry
            .env()
            .iter()
            .find(|(k, _)| k.value == "STRIPE_SECRET_KEY" || k.value == "STRIPE_API_KEY")
            .map(|(_, v)| v.value.clone())
    };
    let Some(key) = from_args.or_else(from_env) else { return };
    let key = key.trim();
    if !(key.starts_with("sk_live_") || key.starts_with("sk_test_")) {
        return;
    }
    FindingBuilder::new(
        &META,
        "The Stripe server gets a full secret key (sk_…): every tool it has can act on the account",
    )
    .server(entry)
    .at_if(word_pos(entry, |w| w.contains("sk_live_") || w.contains("sk_test_")))
    .severity(Severity::Low)
    .evidence(secrets::describe(cx.key, key, "stripe-secret-key"))
    .fix(
        "Create a restricted API key (rk_…) with only the permissions the workflow needs \
         (https://dashboard.stripe.com/apikeys) and pass it instead — by reference, not pasted in the config.",
    )
    .identity("stripe-secret-key")
    .push(cx, out);
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::knowledge::servers::SERVERS;

    /// Every server with a read-only switch is named in the rule doc.
    #[test]
    fn doc_lists_every_switch() {
        for s in SERVERS.iter().filter(|s| s.read_only.is_some()) {
            let named = s
                .npm
                .iter()
                .chain(s.pypi)
                .chain(s.docker)
                .chain(s.binaries)
                .chain(s.remote);
            let mut any = false;
            for n in named {
                any |= META.doc.contains(n);
            }
            assert!(
                any || s.id == "postgres-reference",
                "{} missing from the MW-RO-001 doc",
                s.id
            );
            if let Some(ro) = &s.read_only {
                for a in ro
                    .args
                    .iter()
                    .chain(ro.env)
                    .chain(ro.headers)
                    .chain(ro.write_args)
                    .chain(ro.write_env)
                {
                    assert!(META.doc.contains(a), "{}: switch {a} missing from the doc", s.id);
                }
            }
        }
    }
}
