//! The one normalised model of an MCP server entry, whatever client it came from.

use crate::node::{Located, Pos};
use crate::parse::Format;
use serde::Serialize;
use std::path::PathBuf;

/// The MCP clients whose configuration mcpward understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Client {
    ClaudeDesktop,
    ClaudeCode,
    Cursor,
    VsCode,
    Windsurf,
    GeminiCli,
    Zed,
    Cline,
    Continue,
    Codex,
    Opencode,
    Kiro,
    AmazonQ,
}

impl Client {
    pub const ALL: [Client; 13] = [
        Client::ClaudeDesktop,
        Client::ClaudeCode,
        Client::Cursor,
        Client::VsCode,
        Client::Windsurf,
        Client::GeminiCli,
        Client::Zed,
        Client::Cline,
        Client::Continue,
        Client::Codex,
        Client::Opencode,
        Client::Kiro,
        Client::AmazonQ,
    ];

    /// The stable identifier used in JSON output and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Client::ClaudeDesktop => "claude-desktop",
            Client::ClaudeCode => "claude-code",
            Client::Cursor => "cursor",
            Client::VsCode => "vs-code",
            Client::Windsurf => "windsurf",
            Client::GeminiCli => "gemini-cli",
            Client::Zed => "zed",
            Client::Cline => "cline",
            Client::Continue => "continue",
            Client::Codex => "codex",
            Client::Opencode => "opencode",
            Client::Kiro => "kiro",
            Client::AmazonQ => "amazon-q",
        }
    }

    /// The name people know the client by.
    pub fn display_name(self) -> &'static str {
        match self {
            Client::ClaudeDesktop => "Claude Desktop",
            Client::ClaudeCode => "Claude Code",
            Client::Cursor => "Cursor",
            Client::VsCode => "VS Code",
            Client::Windsurf => "Windsurf",
            Client::GeminiCli => "Gemini CLI",
            Client::Zed => "Zed",
            Client::Cline => "Cline",
            Client::Continue => "Continue",
            Client::Codex => "Codex CLI",
            Client::Opencode => "opencode",
            Client::Kiro => "Kiro",
            Client::AmazonQ => "Amazon Q",
        }
    }

    pub fn from_id(id: &str) -> Option<Client> {
        Client::ALL.into_iter().find(|c| c.id() == id)
    }
}

impl std::fmt::Display for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// Where in a client's hierarchy a configuration applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// The user's own, for every project (e.g. `~/.cursor/mcp.json`).
    User,
    /// One project, private to the user (Claude Code `projects.<path>.mcpServers`).
    Local,
    /// Checked into a project (`.mcp.json`, `.vscode/mcp.json`).
    Project,
    /// Installed by an administrator (`managed-mcp.json`, `/etc/...`).
    Managed,
    /// Brought by a plugin or extension.
    Plugin,
}

impl Scope {
    pub fn id(self) -> &'static str {
        match self {
            Scope::User => "user",
            Scope::Local => "local",
            Scope::Project => "project",
            Scope::Managed => "managed",
            Scope::Plugin => "plugin",
        }
    }
}

/// A string value with its position: every value a finding may cite.
pub type Text = Located<String>;

/// How the client reaches the server.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Transport {
    /// A local process speaking MCP over stdin/stdout.
    Stdio {
        command: Option<Text>,
        args: Vec<Text>,
        /// Environment given to the process, in file order.
        env: Vec<(Text, Text)>,
        cwd: Option<Text>,
        /// Files the client loads environment variables from (VS Code `envFile`).
        env_files: Vec<Text>,
    },
    /// A remote server over Streamable HTTP or the legacy HTTP+SSE transport.
    Http {
        url: Text,
        headers: Vec<(Text, Text)>,
        /// `Some(true)` when the client config says SSE, `Some(false)` for
        /// Streamable HTTP, `None` when the config does not say.
        sse: Option<bool>,
    },
    /// An entry that names no command and no URL (e.g. a Zed extension server,
    /// or a broken entry); kept so rules and listings still see it.
    Unknown,
}

impl Transport {
    pub fn kind(&self) -> &'static str {
        match self {
            Transport::Stdio { .. } => "stdio",
            Transport::Http { sse: Some(true), .. } => "sse",
            Transport::Http { .. } => "http",
            Transport::Unknown => "unknown",
        }
    }
}

/// Client-side settings that change how much the user is asked before a tool runs.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TrustSettings {
    /// Tools the client runs without asking (Cline `alwaysAllow`, Windsurf/Kiro `autoApprove`).
    pub always_allow: Vec<Text>,
    /// Gemini CLI `trust: true`: every confirmation skipped for this server.
    pub trust: Option<Located<bool>>,
    /// Tools the client exposes (allow-list), when the config narrows them.
    pub include_tools: Vec<Text>,
    /// Tools the client hides.
    pub exclude_tools: Vec<Text>,
}

impl TrustSettings {
    pub fn is_empty(&self) -> bool {
        self.always_allow.is_empty()
            && self.trust.is_none()
            && self.include_tools.is_empty()
            && self.exclude_tools.is_empty()
    }
}

/// One MCP server as configured in one client file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServerEntry {
    pub client: Client,
    pub scope: Scope,
    pub file: PathBuf,
    /// Position of the entry (its key, or its list item) in `file`.
    pub pos: Pos,
    pub name: String,
    /// The project a local-scope entry belongs to (Claude Code `projects.<path>`).
    pub project: Option<String>,
    pub transport: Transport,
    pub disabled: bool,
    pub trust: TrustSettings,
}

impl ServerEntry {
    /// The command and its arguments as plain strings (empty for remote servers).
    pub fn command_line(&self) -> Vec<&str> {
        match &self.transport {
            Transport::Stdio { command, args, .. } => command
                .iter()
                .map(|c| c.as_str())
                .chain(args.iter().map(|a| a.as_str()))
                .collect(),
            _ => Vec::new(),
        }
    }

    pub fn env(&self) -> &[(Text, Text)] {
        match &self.transport {
            Transport::Stdio { env, .. } => env,
            _ => &[],
        }
    }

    pub fn url(&self) -> Option<&Text> {
        match &self.transport {
            Transport::Http { url, .. } => Some(url),
            _ => None,
        }
    }

    pub fn headers(&self) -> &[(Text, Text)] {
        match &self.transport {
            Transport::Http { headers, .. } => headers,
            _ => &[],
        }
    }
}

/// A client setting that skips confirmation for more than one server at a time
/// (per-server ones live in [`TrustSettings`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClientSetting {
    /// The key as written, e.g. `enableAllProjectMcpServers` or `approval_policy`.
    pub key: String,
    /// The value as written, rendered as text.
    pub value: String,
    pub pos: Pos,
}

/// A problem found while reading a file: the whole file (syntax) or one entry (shape).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParseProblem {
    pub pos: Pos,
    pub message: String,
    /// The server entry concerned, when only one entry is affected.
    pub server: Option<String>,
}

/// One configuration file, read and normalised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub client: Client,
    pub scope: Scope,
    pub format: Format,
    pub servers: Vec<ServerEntry>,
    /// Settings that widen auto-approval (see [`ClientSetting`]).
    pub settings: Vec<ClientSetting>,
    pub problems: Vec<ParseProblem>,
}
