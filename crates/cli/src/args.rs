//! The command line. Every command that reports findings takes the same
//! output options ([`OutputArgs`]) so scripts can rely on them.

use clap::{Args, Parser, Subcommand, ValueEnum};
use mcpward_analyze::Severity;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "mcpward",
    version,
    about = "Least privilege for MCP servers: audit client configs, inspect servers, enforce at run time",
    long_about = None,
    after_help = "Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage or runtime error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every MCP client configuration on this machine (or the given paths). Static: no server is started.
    Audit(AuditArgs),
    /// The seeds' eight-item pre-install checklist, per server: pass / fail / unknown, with the reason.
    Checklist(ChecklistArgs),
    /// List the rules, or print one rule's documentation.
    Rules(RulesArgs),
    /// Start (or connect to) each configured server, list its tools, resources and prompts,
    /// classify the tools, find poisoning and hidden content, compare with pins.
    Inspect(InspectArgs),
    /// The pins of servers' tools (`mcpward.lock` and the store): list them, approve changes.
    Pins(PinsArgs),
    /// Scan text, a tool result or a tools/list result (file or stdin) for prompt injection,
    /// tool poisoning, hidden content and secrets.
    Scan(ScanArgs),
}

/// `mcpward audit`'s sources: the configuration paths are positional.
#[derive(Debug, Args)]
pub struct SourceArgs {
    /// Files or directories to audit instead of discovering every client's configuration.
    /// A directory is searched for the file names MCP clients use.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub discovery: DiscoveryArgs,
}

/// The sources of commands that take a positional SERVER: the paths are `--path`.
#[derive(Debug, Args)]
pub struct PathSourceArgs {
    /// Configuration files or directories to read instead of discovering every client's.
    #[arg(long = "path", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub discovery: DiscoveryArgs,
}

/// How configurations are discovered when no path is given (every command that reads them).
#[derive(Debug, Args)]
pub struct DiscoveryArgs {
    /// Home directory to discover configurations under (default: $HOME).
    #[arg(long, value_name = "DIR")]
    pub home: Option<PathBuf>,
    /// Only these clients (repeatable): claude-desktop, claude-code, cursor, vs-code, windsurf,
    /// gemini-cli, zed, cline, continue, codex, opencode, kiro, amazon-q.
    #[arg(long = "client", value_name = "CLIENT")]
    pub clients: Vec<String>,
    /// Skip system-wide (managed) configuration files such as /etc/claude-code/managed-mcp.json.
    #[arg(long)]
    pub no_system: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Table,
    Json,
    Sarif,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    Critical,
    High,
    Medium,
    Low,
    Info,
    /// Never fail on findings (exit 0 unless an error occurs).
    Never,
}

impl SeverityArg {
    /// The lowest severity that makes the exit code 1; `None` for `never`.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            SeverityArg::Critical => Some(Severity::Critical),
            SeverityArg::High => Some(Severity::High),
            SeverityArg::Medium => Some(Severity::Medium),
            SeverityArg::Low => Some(Severity::Low),
            SeverityArg::Info => Some(Severity::Info),
            SeverityArg::Never => None,
        }
    }
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// Exit with 1 when an unsuppressed finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = SeverityArg::High, value_name = "SEVERITY")]
    pub fail_on: SeverityArg,
    /// Disable colour (also: NO_COLOR, or output that is not a terminal).
    #[arg(long)]
    pub no_color: bool,
    /// Write the report to a file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Do not report this rule (id or name; repeatable). Matches are listed as suppressed.
    #[arg(long, value_name = "RULE")]
    pub ignore: Vec<String>,
    /// Accept the findings recorded in this baseline file (see --write-baseline).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings as accepted, in this baseline file, and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// mcpward's own configuration, with [[allow]] entries
    /// (default: ./mcpward.toml if present, then $MCPWARD_HOME/config.toml).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ChecklistArgs {
    /// Only the server(s) with this name.
    #[arg(value_name = "SERVER")]
    pub server: Option<String>,
    #[command(flatten)]
    pub source: PathSourceArgs,
    /// Output format (table, json or markdown).
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    #[arg(long)]
    pub no_color: bool,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    pub command: Option<RulesCommand>,
    /// Output format for the list (table or json).
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Print a rule's documentation: what it finds, why it matters, an example, the fix.
    Explain {
        /// Rule id (MW-FS-001) or name (filesystem-scope).
        rule: String,
    },
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Only the server(s) with these names (default: every enabled server found).
    #[arg(value_name = "SERVER")]
    pub servers: Vec<String>,
    #[command(flatten)]
    pub source: PathSourceArgs,
    /// Also inspect entries the client has disabled.
    #[arg(long)]
    pub include_disabled: bool,
    /// Analyse a snapshot written by --snapshot instead of starting anything (offline, reproducible).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["paths", "home", "clients", "no_system", "include_disabled"])]
    pub from: Option<PathBuf>,
    /// Write what was seen (every server's tools, resources, prompts, instructions, outcome) as JSON.
    #[arg(long, value_name = "FILE")]
    pub snapshot: Option<PathBuf>,
    /// Pin the servers that have no pin yet: a SHA-256 per tool in the lockfile and the store.
    /// Changed pins are never overwritten here; approve them with `mcpward pins approve`.
    #[arg(long)]
    pub pin: bool,
    /// The lockfile (default: ./mcpward.lock). When it exists it is what inspections compare
    /// with; otherwise the store is.
    #[arg(long, value_name = "FILE")]
    pub lock: Option<PathBuf>,
    /// Start local (stdio) servers without asking. Required when standard input is not a terminal.
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Seconds each server gets to start and answer everything.
    #[arg(long, value_name = "SECS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
    /// How many servers are inspected at the same time.
    #[arg(long, value_name = "N", default_value_t = 32, value_parser = clap::value_parser!(u64).range(1..=256))]
    pub jobs: u64,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Do not report this rule (id or name; repeatable). Matches are listed as suppressed.
    #[arg(long, value_name = "RULE")]
    pub ignore: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PinsArgs {
    #[command(subcommand)]
    pub command: PinsCommand,
}

#[derive(Debug, Subcommand)]
pub enum PinsCommand {
    /// List the pinned servers and their tools.
    List {
        /// The lockfile (default: ./mcpward.lock; the store when it does not exist).
        #[arg(long, value_name = "FILE")]
        lock: Option<PathBuf>,
        /// Output format (table or json).
        #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Table)]
        format: FormatArg,
    },
    /// Approve what a server offers now (as the last `mcpward inspect` saw it, or as a
    /// snapshot has it): its pins in the lockfile and the store are replaced.
    Approve {
        /// The server to approve (its name in the client config).
        #[arg(value_name = "SERVER", required_unless_present = "all")]
        server: Option<String>,
        /// Approve only these tools (repeatable): their new form, or their removal.
        #[arg(long = "tool", value_name = "TOOL")]
        tools: Vec<String>,
        /// The client of the server, when several clients have a server of that name.
        #[arg(long, value_name = "CLIENT")]
        client: Option<String>,
        /// Approve every server that changed.
        #[arg(long, conflicts_with_all = ["server", "tools"])]
        all: bool,
        /// Take what the servers offer from this snapshot instead of the last inspection.
        #[arg(long, value_name = "FILE")]
        from: Option<PathBuf>,
        /// The lockfile (default: ./mcpward.lock, updated when it exists).
        #[arg(long, value_name = "FILE")]
        lock: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScanContextArg {
    /// Content passing through a tool (web pages, files, command output): the default.
    ToolResult,
    /// A tool description (metadata the model reads as guidance: stricter).
    ToolDescription,
    /// A resource's contents.
    Resource,
    /// A prompt a server offers.
    Prompt,
    /// A server's initialisation instructions.
    ServerInstructions,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// File to scan; `-` or nothing reads standard input. JSON is recognised: a tools/list
    /// result is judged tool by tool, a tool result by its text parts.
    #[arg(value_name = "FILE|-")]
    pub input: Option<PathBuf>,
    /// How plain text (and tool-result text) is judged.
    #[arg(long, value_enum, default_value_t = ScanContextArg::ToolResult)]
    pub context: ScanContextArg,
    #[command(flatten)]
    pub output: OutputArgs,
}
