//! `mcpward`: the binary. Argument parsing, output and exit codes only; the
//! work is done by the library crates.

mod args;
mod audit;
mod checklist_cmd;
mod inspect_cmd;
mod pins_cmd;
mod rules_cmd;
mod scan_cmd;
mod sources;
mod state;
mod term;

use clap::Parser;
use std::process::ExitCode;

/// Errors that end a command with exit code 2.
#[derive(Debug)]
pub enum CliError {
    /// The command line or its inputs are wrong.
    Usage(String),
    /// Something failed at run time (writing the output, say).
    Runtime(String),
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Usage(m) | CliError::Runtime(m) => f.write_str(m),
        }
    }
}

/// What a command asks the process to exit with.
pub enum Outcome {
    /// Nothing at or above `--fail-on`.
    Clean,
    /// Findings at or above `--fail-on`.
    Findings,
}

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // Help and version are not errors.
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        args::Command::Audit(a) => audit::run(&a),
        args::Command::Checklist(a) => checklist_cmd::run(&a),
        args::Command::Rules(a) => rules_cmd::run(&a),
        args::Command::Inspect(a) => inspect_cmd::run(&a),
        args::Command::Pins(a) => pins_cmd::run(&a),
        args::Command::Scan(a) => scan_cmd::run(&a),
    };
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(e) => {
            eprintln!("mcpward: error: {e}");
            ExitCode::from(2)
        }
    }
}
