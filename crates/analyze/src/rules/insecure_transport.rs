//! `MW-NET-001` insecure-transport: a remote server reached over plain `http://`
//! or `ws://`, or a URL that carries credentials (user:password, `?token=`).

use crate::finding::{Category, Severity};
use crate::rule::{Context, FindingBuilder, Rule, RuleMeta};
use crate::url::{is_loopback, query_pairs, Url};
use crate::Finding;
use mcpward_config::vars::{find_refs, literal_parts};
use mcpward_config::{ServerEntry, Text, Transport};
use mcpward_detect::secrets::is_placeholder;

pub struct InsecureTransport;

static META: RuleMeta = RuleMeta {
    id: "MW-NET-001",
    name: "insecure-transport",
    category: Category::InsecureTransport,
    severity: Severity::High,
    summary: "A remote MCP server reached over plain HTTP/WebSocket, or a URL that carries credentials",
    checklist: None,
    doc: r#"## What it finds
- A remote server (`url`, `serverUrl`, `httpUrl`) whose scheme is `http://` or `ws://`
  and whose host is not loopback (`localhost`, `127.0.0.0/8`, `::1`, `0.0.0.0`).
  When that server also gets an `Authorization`-like header or a credential in the URL,
  the finding is critical: the credential crosses the network in clear text.
- Credentials written into a URL: `https://user:password@host/…`, or query parameters
  such as `?token=`, `access_token=`, `api_key=`, `key=`, `secret=`, `password=`, `sig=`.
- Arguments of a local bridge (`mcp-remote`, `supergateway`, `mcp-proxy`) that point it at
  a plain-HTTP remote server, and other plain-HTTP URL arguments (medium).

URLs are split by hand and treated as hostile text: a URL that cannot be read is skipped,
never guessed. A host written as a variable (`http://${HOST}/mcp`) is skipped too.

## Why it matters
The seed's threat model: "A network-capable server can make outbound requests to arbitrary
hosts", and an MCP connection carries tool calls, their results and usually a token. Over
plain HTTP anyone on the path (café Wi-Fi, a corporate proxy) reads and can rewrite them,
including the tool descriptions the model obeys. A token in a URL ends up in proxy logs,
shell history and error messages, which is why the seed says "Keep tokens out of
committed files" and to pass them by reference.

## Example
```json
{ "mcpServers": { "tracker": { "url": "http://mcp.example.com/sse?api_key=…" } } }
```

## Fix
Use `https://` (or `wss://`) for every server that is not on this machine. Move
credentials out of the URL into a header that references a variable, e.g.
`"headers": {"Authorization": "Bearer ${TRACKER_TOKEN}"}`, and rotate any credential that
was written in the URL."#,
};

/// Query parameter names that carry credentials.
fn is_credential_param(name: &str) -> bool {
    let n = name.to_ascii_lowercase().replace(['-', '.'], "_");
    const EXACT: &[&str] = &[
        "key",
        "apikey",
        "api_key",
        "token",
        "access_token",
        "auth",
        "auth_token",
        "secret",
        "password",
        "pass",
        "pwd",
        "sig",
        "signature",
        "client_secret",
        "private_token",
        "sessionid",
        "session",
        "jwt",
        "bearer",
        "code",
    ];
    EXACT.contains(&n.as_str())
        || ["token", "secret", "password", "apikey", "api_key"]
            .iter()
            .any(|w| n.contains(w))
}

/// A URL for display: scheme, host, port and path shape only; userinfo and
/// query values are replaced, path segments that look like keys are hidden.
fn redacted_url(parts: &Url<'_>) -> String {
    let mut s = format!("{}://", parts.scheme().unwrap_or_default());
    if let Some(u) = parts.userinfo() {
        match u.split_once(':') {
            Some((user, _)) if !looks_secret(user) => s.push_str(&format!("{user}:…@")),
            _ => s.push_str("…@"),
        }
    }
    if parts.host().contains(':') {
        s.push_str(&format!("[{}]", parts.host()));
    } else {
        s.push_str(parts.host());
    }
    if let Some(p) = parts.port() {
        s.push(':');
        s.push_str(p);
    }
    let path: Vec<&str> = parts
        .path()
        .split('/')
        .map(|seg| if looks_secret(seg) { "…" } else { seg })
        .collect();
    s.push_str(&path.join("/"));
    if let Some(q) = parts.query() {
        let names: Vec<String> = query_pairs(q).into_iter().map(|(k, _)| format!("{k}=…")).collect();
        s.push('?');
        s.push_str(&names.join("&"));
    }
    s
}

/// A path segment or user name long and random enough to be a key.
fn looks_secret(seg: &str) -> bool {
    !mcpward_detect::secrets::scan_text(seg).is_empty()
        || seg.len() >= 20 && mcpward_detect::secrets::shannon_entropy(seg) >= 3.5
}

/// Commands that relay a remote server to stdio: their URL argument is the transport.
const BRIDGES: &[&str] = &[
    "mcp-remote",
    "supergateway",
    "mcp-proxy",
    "@modelcontextprotocol/inspector",
];

impl Rule for InsecureTransport {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for entry in cx.servers() {
            match &entry.transport {
                Transport::Http { url, headers, .. } => {
                    let auth_header = headers.iter().any(|(k, v)| {
                        let k = k.value.to_ascii_lowercase();
                        !v.value.trim().is_empty()
                            && (k == "authorization"
                                || k.contains("token")
                                || k.contains("key")
                                || k.contains("secret")
                                || k.contains("cookie"))
                    });
                    check_url(cx, entry, url, "url", true, auth_header, out);
                }
                Transport::Stdio { args, .. } => {
                    let bridge = entry.command_line().iter().any(|a| {
                        let a = a.to_ascii_lowercase();
                        BRIDGES.iter().any(|b| a.contains(b))
                    });
                    for (i, arg) in args.iter().enumerate() {
                        let Some(u) = url_in_arg(&arg.value) else {
                            continue;
                        };
                        let text = Text::new(u.to_owned(), arg.pos);
                        check_url(cx, entry, &text, &format!("arg:{i}"), bridge, false, out);
                    }
                }
                Transport::Unknown => {}
            }
        }
    }
}

/// The URL inside an argument: a bare URL, `--url=http://…`, `DSN=postgres://…`.
fn url_in_arg(v: &str) -> Option<&str> {
    let p = v.find("://")?;
    let scheme_ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.');
    let start = v[..p]
        .char_indices()
        .rev()
        .find(|(_, c)| !scheme_ok(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let rest = &v[start..];
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    (start < p).then_some(&rest[..end])
}

/// Checks one URL. `is_transport`: this URL is how the client reaches the server
/// (so plain HTTP is high); otherwise it is a plain argument (medium).
fn check_url(
    cx: &Context<'_>,
    entry: &ServerEntry,
    url: &Text,
    identity: &str,
    is_transport: bool,
    auth_header: bool,
    out: &mut Vec<Finding>,
) {
    let Some(parts) = Url::parse(url.value.trim()) else {
        return;
    };
    let scheme = parts.scheme().unwrap_or_default().to_ascii_lowercase();
    let shown = redacted_url(&parts);
    let where_ = if identity == "url" {
        "URL".to_owned()
    } else {
        "argument URL".to_owned()
    };

    // Credentials written in the URL.
    let mut creds = Vec::new();
    if let Some(u) = parts.userinfo() {
        if !literal_parts(u).trim().is_empty() && !is_placeholder(u) {
            creds.push(if u.contains(':') {
                "a user name and password".to_owned()
            } else {
                "a credential before `@`".to_owned()
            });
        }
    }
    let mut referenced = Vec::new();
    if let Some(q) = parts.query() {
        for (name, value) in query_pairs(q) {
            if !is_credential_param(&name) || value.trim().is_empty() {
                continue;
            }
            let literal = literal_parts(&value);
            if literal.trim().is_empty() && !find_refs(&value).is_empty() {
                referenced.push(name);
            } else if !is_placeholder(&value) {
                creds.push(format!("query parameter `{name}`"));
            }
        }
    }

    let plain = matches!(scheme.as_str(), "http" | "ws");
    let host_known = !parts.host().is_empty() && find_refs(parts.host()).is_empty();
    let remote_plain = plain && host_known && !is_loopback(parts.host());

    if remote_plain {
        let cleartext_secret = is_transport && (auth_header || !creds.is_empty() || !referenced.is_empty());
        let severity = if cleartext_secret {
            Severity::Critical
        } else if is_transport {
            Severity::High
        } else {
            Severity::Medium
        };
        let secure = if scheme == "ws" { "wss" } else { "https" };
        let mut message = format!(
            "server \"{}\" is reached over unencrypted {} at {}: anyone on the network path can read and rewrite its traffic",
            entry.name,
            scheme.to_ascii_uppercase(),
            parts.host()
        );
        if cleartext_secret {
            message.push_str(", including the credential sent with it");
        }
        FindingBuilder::new(&META, message)
            .server(entry)
            .at(url.pos)
            .severity(severity)
            .evidence(format!("{where_}: {shown}"))
            .fix(format!(
                "Use `{secure}://` for a server that is not on this machine (or reach it through an SSH tunnel to a \
                 loopback port); rotate any credential that was sent over the plain connection."
            ))
            .identity(format!("{identity}:plain"))
            .push(cx, out);
    }

    if !creds.is_empty() {
        FindingBuilder::new(
            &META,
            format!(
                "the {where_} of server \"{}\" carries {}: URLs end up in logs, proxies and shell history",
                entry.name,
                creds.join(" and ")
            ),
        )
        .server(entry)
        .at(url.pos)
        // A password for a database on this machine is still written down, but it
        // does not travel; a remote one does.
        .severity(if is_loopback(parts.host()) {
            Severity::Medium
        } else {
            Severity::High
        })
        .evidence(format!("{where_}: {shown}"))
        .fix(
            "Take the credential out of the URL: send it in a header that references a variable \
             (e.g. `\"Authorization\": \"Bearer ${TOKEN}\"`, or `${env:TOKEN}` in Cursor/VS Code), \
             and rotate it: it has been on disk.",
        )
        .identity(format!("{identity}:credentials"))
        .push(cx, out);
    } else if !referenced.is_empty() {
        FindingBuilder::new(
            &META,
            format!(
                "the {where_} of server \"{}\" passes a credential in the query string ({}): it will be logged by \
                 servers and proxies",
                entry.name,
                referenced.join(", ")
            ),
        )
        .server(entry)
        .at(url.pos)
        .severity(Severity::Medium)
        .evidence(format!("{where_}: {shown}"))
        .fix("Send the credential in a header (e.g. `Authorization: Bearer ${TOKEN}`) if the server accepts one.")
        .identity(format!("{identity}:query-reference"))
        .push(cx, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_hides_values() {
        let p = Url::parse("https://alice:s3cr3tpass@h.example/x?api_key=abcdef&page=2").unwrap();
        let r = redacted_url(&p);
        assert!(!r.contains("s3cr3tpass") && !r.contains("abcdef"), "{r}");
        assert!(r.contains("alice:…@") && r.contains("api_key=…"), "{r}");
        let p = Url::parse("http://[::1]:3000/mcp").unwrap();
        assert_eq!(redacted_url(&p), "http://[::1]:3000/mcp");
        for s in [
            "a://",
            "http://@",
            "http://]:",
            "http://h/?%",
            "ws://é:ü@ñ/ß?ä=ö",
            "http://h:/?&&==&",
        ] {
            let p = Url::parse(s).unwrap_or_else(|| panic!("{s} parses"));
            let _ = redacted_url(&p);
        }
    }

    #[test]
    fn credential_params() {
        for n in ["token", "API-Key", "access.token", "sig", "x_password_y", "code"] {
            assert!(is_credential_param(n), "{n}");
        }
        for n in ["page", "mode", "keyword", "session_name"] {
            assert!(!is_credential_param(n), "{n}");
        }
    }
}
