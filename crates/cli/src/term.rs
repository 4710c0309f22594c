//! Terminal concerns: whether to colour, and writing the report out.

use crate::CliError;
use std::io::{IsTerminal, Write};
use std::path::Path;

/// Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org).
pub fn use_color(no_color_flag: bool, to_file: bool) -> bool {
    !no_color_flag
        && !to_file
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::io::stdout().is_terminal()
}

/// Writes the rendered report to `path` or standard output. A closed pipe
/// (`mcpward audit | head`) is not an error.
pub fn emit(text: &str, path: Option<&Path>) -> Result<(), CliError> {
    match path {
        Some(p) => std::fs::write(p, text).map_err(|e| CliError::Runtime(format!("cannot write {}: {e}", p.display()))),
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(CliError::Runtime(format!("cannot write to standard output: {e}")))
                }
                _ => Ok(()),
            }
        }
    }
}

/// The terminal width from `COLUMNS`, when set (no ioctl: the table wraps at a
/// sane default otherwise).
pub fn width() -> Option<usize> {
    std::env::var("COLUMNS").ok()?.parse().ok().filter(|w| *w >= 40)
}
