//! The command line. Every command that reports findings takes the same
//! output options ([`OutputArgs`]) so scripts can rely on them.

use clap::{Args, Parser, Subcommand, ValueEnum};
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
}

#[derive(Debug, Args)]
pub struct SourceArgs {
    /// Files or directories to audit instead of discovering every client's configuration.
    /// A directory is searched for the file names MCP clients use.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
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
    /// Configuration files or directories to read (default: discover).
    #[arg(long = "path", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_name = "DIR")]
    pub home: Option<PathBuf>,
    #[arg(long = "client", value_name = "CLIENT")]
    pub clients: Vec<String>,
    #[arg(long)]
    pub no_system: bool,
    /// Output format (table, json or markdown).
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    #[arg(long)]
    pub no_color: bool,
}

impl ChecklistArgs {
    pub fn source(&self) -> SourceArgs {
        SourceArgs {
            paths: self.paths.clone(),
            home: self.home.clone(),
            clients: self.clients.clone(),
            no_system: self.no_system,
        }
    }
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
