//! Per-client extraction: from a parsed document to [`ServerEntry`] values.
//!
//! Most clients store servers as a map `{NAME: {command, args, env, url, ...}}`
//! under some key; [`Extractor::server_map`] reads that shape with the union of
//! the per-client spellings (`serverUrl`, `httpUrl`, `environment`, ...), and each
//! client module only says where the map is and what else the file holds.

mod amazon_q;
mod claude_code;
mod claude_desktop;
mod cline;
mod codex;
mod continue_dev;
mod cursor;
mod gemini;
mod kiro;
mod opencode;
mod vscode;
mod windsurf;
mod zed;

use crate::model::{Client, ClientSetting, ParseProblem, Scope, ServerEntry, Text, Transport, TrustSettings};
use crate::node::{Located, Node, NodeKind, Pos};
use std::path::{Path, PathBuf};

/// What one file yields.
#[derive(Debug, Default)]
pub struct Extracted {
    pub servers: Vec<ServerEntry>,
    pub settings: Vec<ClientSetting>,
    pub problems: Vec<ParseProblem>,
}

/// Reads the servers and settings of `client` out of a parsed document.
pub fn extract(client: Client, scope: Scope, file: &Path, root: &Node) -> Extracted {
    let mut x = Extractor::new(client, scope, file);
    if root.as_object().is_none() && !matches!(root.kind, NodeKind::Null) {
        x.problem(
            root.pos,
            None,
            format!("expected an object at the top level, found {}", root.type_name()),
        );
        return x.done();
    }
    match client {
        Client::ClaudeDesktop => claude_desktop::extract(&mut x, root),
        Client::ClaudeCode => claude_code::extract(&mut x, root),
        Client::Cursor => cursor::extract(&mut x, root),
        Client::VsCode => vscode::extract(&mut x, root),
        Client::Windsurf => windsurf::extract(&mut x, root),
        Client::GeminiCli => gemini::extract(&mut x, root),
        Client::Zed => zed::extract(&mut x, root),
        Client::Cline => cline::extract(&mut x, root),
        Client::Continue => continue_dev::extract(&mut x, root),
        Client::Codex => codex::extract(&mut x, root),
        Client::Opencode => opencode::extract(&mut x, root),
        Client::Kiro => kiro::extract(&mut x, root),
        Client::AmazonQ => amazon_q::extract(&mut x, root),
    }
    x.done()
}

/// Collects entries, settings and problems for one file.
pub struct Extractor {
    pub client: Client,
    pub scope: Scope,
    pub file: PathBuf,
    /// Set while reading `projects.<path>` of `~/.claude.json`.
    pub project: Option<String>,
    out: Extracted,
}

impl Extractor {
    fn new(client: Client, scope: Scope, file: &Path) -> Self {
        Extractor {
            client,
            scope,
            file: file.to_path_buf(),
            project: None,
            out: Extracted::default(),
        }
    }

    fn done(self) -> Extracted {
        self.out
    }

    pub fn problem(&mut self, pos: Pos, server: Option<&str>, message: impl Into<String>) {
        self.out.problems.push(ParseProblem {
            pos,
            message: message.into(),
            server: server.map(str::to_owned),
        });
    }

    /// Records a client-wide setting that widens auto-approval.
    pub fn setting(&mut self, key: &str, value: &Node) {
        let text = value.scalar_text().unwrap_or_else(|| value.type_name().to_owned());
        self.out.settings.push(ClientSetting {
            key: key.to_owned(),
            value: text,
            pos: value.pos,
        });
    }

    pub fn push(&mut self, entry: ServerEntry) {
        self.out.servers.push(entry);
    }

    /// Reads `{NAME: {...}, ...}`. A value of the wrong type is a problem and
    /// the other entries are still read.
    pub fn server_map(&mut self, map: &Node) {
        let Some(entries) = map.as_object() else {
            if !matches!(map.kind, NodeKind::Null) {
                self.problem(
                    map.pos,
                    None,
                    format!("expected an object of servers, found {}", map.type_name()),
                );
            }
            return;
        };
        for (name, body) in entries {
            if let Some(entry) = self.server(&name.value, name.pos, body) {
                self.push(entry);
            }
        }
    }

    /// Reads `[{name: NAME, ...}, ...]` (Continue). Each item's position is the
    /// entry's position; an item without a usable name is a problem and is still
    /// listed, under its index, so the rules see what it would run.
    pub fn server_list(&mut self, list: &Node) {
        let Some(items) = list.as_array() else {
            if !matches!(list.kind, NodeKind::Null) {
                self.problem(
                    list.pos,
                    None,
                    format!("expected a list of servers, found {}", list.type_name()),
                );
            }
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let name = match item.get("name").and_then(Node::scalar_text) {
                Some(n) if !n.is_empty() => n,
                _ => {
                    // Hub blocks are referenced as `uses: owner/block`.
                    let fallback = item
                        .get("uses")
                        .and_then(Node::as_str)
                        .map_or_else(|| format!("#{}", i + 1), str::to_owned);
                    if item.as_object().is_some() && item.get("uses").is_none() {
                        self.problem(
                            item.pos,
                            Some(&fallback),
                            format!("server {} of the list has no \"name\"", i + 1),
                        );
                    }
                    fallback
                }
            };
            if let Some(entry) = self.server(&name, item.pos, item) {
                self.push(entry);
            }
        }
    }

    /// The entries read so far, for client modules that adjust them once the
    /// whole file is known (Gemini `mcp.excluded`, Amazon Q `allowedTools`).
    pub fn servers_mut(&mut self) -> &mut [ServerEntry] {
        &mut self.out.servers
    }

    /// Applies an agent's `allowedTools` (Amazon Q / Kiro CLI agent format) to
    /// the servers of this file: `@server` trusts every tool of the server,
    /// `@server/tool` allows one tool; `*` and `?` glob both parts. Built-in
    /// tool names (no `@`) are not about MCP servers and are skipped.
    pub fn apply_allowed_tools(&mut self, list: &Node) {
        let Some(items) = list.as_array() else {
            if !matches!(list.kind, NodeKind::Null) {
                self.problem(
                    list.pos,
                    None,
                    format!(
                        "\"allowedTools\" should be a list of strings, found {}",
                        list.type_name()
                    ),
                );
            }
            return;
        };
        for item in items {
            let Some(rule) = item.as_str() else { continue };
            let Some(rest) = rule.strip_prefix('@') else { continue };
            let (server_pat, tool) = match rest.split_once('/') {
                Some((s, t)) => (s, Some(t)),
                None => (rest, None),
            };
            for entry in &mut self.out.servers {
                if !glob_match(server_pat, &entry.name) {
                    continue;
                }
                match tool {
                    None | Some("*") => {
                        entry.trust.trust = Some(Located::new(true, item.pos));
                    }
                    Some(t) => entry.trust.always_allow.push(Located::new(t.to_owned(), item.pos)),
                }
            }
        }
    }

    /// Reads one server entry in the common shape. Returns `None` (and records a
    /// problem) when the entry is not an object.
    pub fn server(&mut self, name: &str, pos: Pos, body: &Node) -> Option<ServerEntry> {
        if body.as_object().is_none() {
            self.problem(
                body.pos,
                Some(name),
                format!("server \"{name}\" should be an object, found {}", body.type_name()),
            );
            return None;
        }
        let transport = self.transport(name, body);
        let disabled = body.get("disabled").and_then(Node::as_bool).unwrap_or(false)
            || body.get("enabled").and_then(Node::as_bool) == Some(false);
        let trust = self.trust(name, body);
        Some(ServerEntry {
            client: self.client,
            scope: self.scope,
            file: self.file.clone(),
            pos,
            name: name.to_owned(),
            project: self.project.clone(),
            transport,
            disabled,
            trust,
        })
    }

    fn transport(&mut self, name: &str, body: &Node) -> Transport {
        let url = ["url", "serverUrl", "httpUrl"]
            .iter()
            .find_map(|k| body.get(k).map(|n| (*k, n)));
        let command = body.get("command");
        if command.is_none() {
            if let Some((key, url_node)) = url {
                // A URL is text; a number or boolean there is a mistake, not a URL.
                let url = match &url_node.kind {
                    NodeKind::String(u) => Located::new(u.clone(), url_node.pos),
                    NodeKind::Null => return Transport::Unknown,
                    _ => {
                        self.problem(
                            url_node.pos,
                            Some(name),
                            format!(
                                "\"{key}\" of server \"{name}\" should be a string, found {}",
                                url_node.type_name()
                            ),
                        );
                        return Transport::Unknown;
                    }
                };
                let kind = transport_kind(body);
                let sse = match (key, kind) {
                    ("httpUrl", _) => Some(false),
                    (_, "sse") => Some(true),
                    (_, "http" | "streamable-http" | "streamableHttp" | "streamable_http" | "streamablehttp") => {
                        Some(false)
                    }
                    // Gemini CLI: `url` means SSE, `httpUrl` Streamable HTTP.
                    ("url", _) if self.client == Client::GeminiCli => Some(true),
                    _ => None,
                };
                let mut headers = Vec::new();
                for key in ["headers", "http_headers", "requestInit", "requestOptions"] {
                    if let Some(h) = body.get(key) {
                        // `requestInit` (MCP SDK style) and `requestOptions` (Continue)
                        // wrap the headers one level down.
                        let h = if matches!(key, "requestInit" | "requestOptions") {
                            h.get("headers")
                        } else {
                            Some(h)
                        };
                        if let Some(h) = h {
                            headers.extend(self.string_map(name, key, h));
                        }
                    }
                }
                return Transport::Http { url, headers, sse };
            }
            return Transport::Unknown;
        }
        let mut args = Vec::new();
        let mut env = Vec::new();
        let command = match command {
            // opencode and some others: `command: ["npx", "-y", "pkg"]`.
            Some(c) if c.as_array().is_some() => {
                let mut parts = self.string_list(name, "command", c).into_iter();
                let first = parts.next();
                args.extend(parts);
                first
            }
            // Older Zed: `command: {path, args, env}`.
            Some(c) if c.as_object().is_some() => {
                if let Some(a) = c.get("args") {
                    args.extend(self.string_list(name, "command.args", a));
                }
                if let Some(e) = c.get("env") {
                    env.extend(self.string_map(name, "command.env", e));
                }
                match c.get("path") {
                    Some(p) => self.string(name, "command.path", p),
                    None => {
                        self.problem(
                            c.pos,
                            Some(name),
                            format!("\"command\" of server \"{name}\" is an object without \"path\""),
                        );
                        None
                    }
                }
            }
            Some(c) => self.string(name, "command", c),
            None => None,
        };
        if let Some(a) = body.get("args") {
            args.extend(self.string_list(name, "args", a));
        }
        for key in ["env", "environment"] {
            if let Some(e) = body.get(key) {
                env.extend(self.string_map(name, key, e));
            }
        }
        let cwd = body.get("cwd").and_then(|c| self.string(name, "cwd", c));
        let env_files = body
            .get("envFile")
            .and_then(|c| self.string(name, "envFile", c))
            .into_iter()
            .collect();
        Transport::Stdio {
            command,
            args,
            env,
            cwd,
            env_files,
        }
    }

    fn trust(&mut self, name: &str, body: &Node) -> TrustSettings {
        let mut t = TrustSettings::default();
        for key in ["alwaysAllow", "autoApprove"] {
            if let Some(n) = body.get(key) {
                t.always_allow.extend(self.string_list(name, key, n));
            }
        }
        if let Some(n) = body.get("trust") {
            match n.as_bool() {
                Some(b) => t.trust = Some(Located::new(b, n.pos)),
                None => self.problem(
                    n.pos,
                    Some(name),
                    format!("\"trust\" of server \"{name}\" should be true or false"),
                ),
            }
        }
        for key in ["includeTools", "enabled_tools"] {
            if let Some(n) = body.get(key) {
                t.include_tools.extend(self.string_list(name, key, n));
            }
        }
        for key in ["excludeTools", "disabled_tools", "disabledTools"] {
            if let Some(n) = body.get(key) {
                t.exclude_tools.extend(self.string_list(name, key, n));
            }
        }
        t
    }

    /// A string value; other scalars are coerced (clients do), anything else is a problem.
    pub fn string(&mut self, server: &str, key: &str, node: &Node) -> Option<Text> {
        match &node.kind {
            NodeKind::String(s) => Some(Located::new(s.clone(), node.pos)),
            NodeKind::Number(_) | NodeKind::Bool(_) => node.scalar_text().map(|s| Located::new(s, node.pos)),
            NodeKind::Null => None,
            _ => {
                self.problem(
                    node.pos,
                    Some(server),
                    format!(
                        "\"{key}\" of server \"{server}\" should be a string, found {}",
                        node.type_name()
                    ),
                );
                None
            }
        }
    }

    /// A list of strings. A lone string is accepted as a one-item list.
    pub fn string_list(&mut self, server: &str, key: &str, node: &Node) -> Vec<Text> {
        match &node.kind {
            NodeKind::Array(items) => items.iter().filter_map(|i| self.string(server, key, i)).collect(),
            NodeKind::String(_) => self.string(server, key, node).into_iter().collect(),
            NodeKind::Null => Vec::new(),
            _ => {
                self.problem(
                    node.pos,
                    Some(server),
                    format!(
                        "\"{key}\" of server \"{server}\" should be a list of strings, found {}",
                        node.type_name()
                    ),
                );
                Vec::new()
            }
        }
    }

    /// A map of strings (`env`, `headers`). A list of `KEY=VALUE` strings is accepted too.
    pub fn string_map(&mut self, server: &str, key: &str, node: &Node) -> Vec<(Text, Text)> {
        match &node.kind {
            NodeKind::Object(entries) => entries
                .iter()
                .filter_map(|(k, v)| self.string(server, key, v).map(|v| (k.clone(), v)))
                .collect(),
            NodeKind::Array(items) => {
                // `["KEY=VALUE"]` for env, `["Name: value"]` for headers (mcphost style).
                let header_like = key.contains("header") || matches!(key, "requestInit" | "requestOptions");
                let (sep, shape) = if header_like {
                    (':', "Name: value")
                } else {
                    ('=', "KEY=VALUE")
                };
                let mut out = Vec::new();
                for item in items {
                    match item.as_str().and_then(|s| s.split_once(sep)) {
                        Some((k, v)) => out.push((
                            Located::new(k.trim().to_owned(), item.pos),
                            Located::new(if header_like { v.trim() } else { v }.to_owned(), item.pos),
                        )),
                        None => self.problem(
                            item.pos,
                            Some(server),
                            format!("an item of \"{key}\" of server \"{server}\" is not \"{shape}\""),
                        ),
                    }
                }
                out
            }
            NodeKind::Null => Vec::new(),
            _ => {
                self.problem(
                    node.pos,
                    Some(server),
                    format!(
                        "\"{key}\" of server \"{server}\" should be an object, found {}",
                        node.type_name()
                    ),
                );
                Vec::new()
            }
        }
    }
}

/// The transport a server entry declares, under any of the spellings clients use.
fn transport_kind(body: &Node) -> &str {
    ["type", "transport", "transportType"]
        .iter()
        .find_map(|k| body.get(k).and_then(Node::as_str))
        .unwrap_or("")
}

/// Whether `node` is itself a map of servers (`{NAME: {command|url...}}`), for
/// files that may omit the `mcpServers` wrapper (Claude Code plugin `.mcp.json`).
pub fn looks_like_server_map(node: &Node) -> bool {
    let Some(entries) = node.as_object() else {
        return false;
    };
    !entries.is_empty()
        && entries.iter().all(|(_, v)| {
            ["command", "url", "serverUrl", "httpUrl", "type"]
                .iter()
                .any(|k| v.get(k).is_some())
        })
}

/// Longest name or pattern [`glob_match`] compares; longer ones never match, which
/// keeps the quadratic worst case of a hostile pattern small.
const MAX_GLOB_LEN: usize = 256;

/// `*` (any run) and `?` (one character) matching, case-sensitive, as in the
/// Amazon Q agent format.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    if pattern.len() > MAX_GLOB_LEN || name.len() > MAX_GLOB_LEN {
        return false;
    }
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ni));
            pi += 1;
        } else if let Some((sp, sn)) = star {
            pi = sp + 1;
            ni = sn + 1;
            star = Some((sp, sn + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("git", "git"));
        assert!(glob_match("git-*", "git-server"));
        assert!(glob_match("*", "anything"));
        assert!(glob_match("f?tch", "fetch"));
        assert!(glob_match("*-mcp", "db-mcp"));
        assert!(!glob_match("git-*", "github"));
        assert!(!glob_match("fetch", "Fetch"));
        assert!(!glob_match("a", &"a".repeat(300)));
    }

    #[test]
    fn server_map_shapes() {
        let pos = Pos::new(1, 1);
        let server = Node::new(
            NodeKind::Object(vec![(
                Located::new("command".into(), pos),
                Node::new(NodeKind::String("x".into()), pos),
            )]),
            pos,
        );
        let map = Node::new(NodeKind::Object(vec![(Located::new("a".into(), pos), server)]), pos);
        assert!(looks_like_server_map(&map));
        let settings = Node::new(
            NodeKind::Object(vec![(
                Located::new("theme".into(), pos),
                Node::new(NodeKind::String("dark".into()), pos),
            )]),
            pos,
        );
        assert!(!looks_like_server_map(&settings));
        assert!(!looks_like_server_map(&Node::new(NodeKind::Object(vec![]), pos)));
    }
}
