//! `mcpward scan [FILE|-]`: read bounded input, let `mcpward_analyze::scan` find
//! prompt injection, tool poisoning, hidden content and secrets, render like `audit`.

use crate::args::{ScanArgs, ScanContextArg};
use crate::{audit, state, CliError, Outcome};
use mcpward_analyze::report::Report;
use mcpward_analyze::scan::{self, ScanOptions, MAX_INPUT};
use mcpward_detect::injection::ScanContext;
use std::io::Read;
use std::path::{Path, PathBuf};

pub fn run(args: &ScanArgs) -> Result<Outcome, CliError> {
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
    let (bytes, file) = read_input(args.input.as_deref())?;
    let (key, key_note) = state::fingerprint_key(&state::state_dir(&home));
    let context = match args.context {
        ScanContextArg::ToolResult => ScanContext::ToolResult,
        ScanContextArg::ToolDescription => ScanContext::ToolDescription,
        ScanContextArg::Resource => ScanContext::ResourceText,
        ScanContextArg::Prompt => ScanContext::PromptText,
        ScanContextArg::ServerInstructions => ScanContext::ServerInstructions,
    };
    let opts = ScanOptions {
        context,
        file: file.clone(),
        home: &home,
        key: &key,
    };
    let outcome = scan::scan_bytes(&bytes, &opts);
    drop(bytes);
    for note in outcome.notes.iter().chain(key_note.iter()) {
        eprintln!("mcpward: note: {note}");
    }
    let mut report = Report::new(&[], outcome.findings, Vec::new(), &home);
    report.files = file.into_iter().collect();
    audit::render_and_exit(&report, &args.output, &home)
}

/// The whole input, at most [`MAX_INPUT`] bytes (more is refused, not truncated: a
/// verdict on part of a file would read as a verdict on all of it).
fn read_input(path: Option<&Path>) -> Result<(Vec<u8>, Option<PathBuf>), CliError> {
    let limit = MAX_INPUT as u64;
    let too_large = |what: &str| {
        CliError::Usage(format!(
            "{what} is larger than {} MiB; split it and scan the parts",
            MAX_INPUT >> 20
        ))
    };
    match path {
        None => read_stream(std::io::stdin().lock(), limit)
            .map(|b| (b, None))
            .map_err(|e| match e {
                ReadError::TooLarge => too_large("standard input"),
                ReadError::Io(e) => CliError::Runtime(format!("cannot read standard input: {e}")),
            }),
        Some(p) if p.as_os_str() == "-" => read_input(None),
        Some(p) => {
            let meta = std::fs::metadata(p).map_err(|e| CliError::Usage(format!("{}: {e}", p.display())))?;
            if meta.is_dir() {
                return Err(CliError::Usage(format!("{}: is a directory", p.display())));
            }
            if meta.len() > limit {
                return Err(too_large(&p.display().to_string()));
            }
            let f = std::fs::File::open(p).map_err(|e| CliError::Usage(format!("{}: {e}", p.display())))?;
            let bytes = read_stream(f, limit).map_err(|e| match e {
                ReadError::TooLarge => too_large(&p.display().to_string()),
                ReadError::Io(e) => CliError::Usage(format!("{}: {e}", p.display())),
            })?;
            Ok((bytes, Some(p.to_path_buf())))
        }
    }
}

enum ReadError {
    TooLarge,
    Io(std::io::Error),
}

/// Reads at most `limit` bytes; one more byte means the input is too large (a FIFO or a
/// growing file can exceed what its metadata said).
fn read_stream(r: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut buf = Vec::new();
    r.take(limit + 1).read_to_end(&mut buf).map_err(ReadError::Io)?;
    if buf.len() as u64 > limit {
        return Err(ReadError::TooLarge);
    }
    Ok(buf)
}
