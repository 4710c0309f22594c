//! Parsers from bytes to the located [`Node`] tree, one per file format.

mod json;
mod toml_tree;
mod yaml_tree;

use crate::node::{Node, Pos};
use serde::Serialize;

/// Deepest nesting any parser accepts. Real MCP configs are under ten levels
/// deep; this bound keeps a hostile file from exhausting the stack.
pub const MAX_DEPTH: usize = 128;

/// Largest configuration file read, in bytes. Real ones are kilobytes;
/// `~/.claude.json` can reach a few megabytes with project history.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The syntax of a configuration file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// JSON, read tolerantly: comments, trailing commas and JSON5 syntax are accepted,
    /// since the clients that read these files accept them too.
    Json,
    Toml,
    Yaml,
}

/// Why a document could not be parsed, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{pos_line}:{pos_col}: {message}", pos_line = pos.line, pos_col = pos.col)]
pub struct ParseError {
    pub pos: Pos,
    pub message: String,
}

/// Parses `bytes` in `format`. Invalid UTF-8 is an error that names the line
/// of the first bad byte, because clients reject such files too.
pub fn parse_bytes(format: Format, bytes: &[u8]) -> Result<Node, ParseError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = 1 + memchr_count(b'\n', valid);
            let col = 1 + valid
                .iter()
                .rev()
                .take_while(|&&b| b != b'\n')
                .filter(|&&b| b & 0xC0 != 0x80)
                .count() as u32;
            return Err(ParseError {
                pos: Pos::new(line, col),
                message: format!(
                    "not valid UTF-8 (byte 0x{:02x} at offset {}); is this a binary file?",
                    bytes[e.valid_up_to()],
                    e.valid_up_to()
                ),
            });
        }
    };
    parse_str(format, text)
}

/// Parses `text` in `format`.
pub fn parse_str(format: Format, text: &str) -> Result<Node, ParseError> {
    if text.as_bytes().contains(&0) {
        let at = text.as_bytes().iter().position(|&b| b == 0).unwrap_or(0);
        let line = 1 + memchr_count(b'\n', &text.as_bytes()[..at]);
        return Err(ParseError {
            pos: Pos::new(line, 1),
            message: "contains a NUL byte; is this a binary file?".into(),
        });
    }
    match format {
        Format::Json => json::parse(text),
        Format::Toml => toml_tree::parse(text),
        Format::Yaml => yaml_tree::parse(text),
    }
}

fn memchr_count(needle: u8, hay: &[u8]) -> u32 {
    hay.iter().filter(|&&b| b == needle).count() as u32
}

/// Converts a byte offset in `text` to a 1-based line and character column.
pub(crate) fn offset_to_pos(text: &str, offset: usize) -> Pos {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = 1 + memchr_count(b'\n', before);
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let col = 1 + before[line_start..].iter().filter(|&&b| b & 0xC0 != 0x80).count() as u32;
    Pos::new(line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_the_line() {
        let err = parse_bytes(Format::Json, b"{\n\"a\": \"\xff\"}").unwrap_err();
        assert_eq!(err.pos, Pos::new(2, 7));
        assert!(err.message.contains("UTF-8"));
    }

    #[test]
    fn nul_bytes_are_rejected_in_every_format() {
        for f in [Format::Json, Format::Toml, Format::Yaml] {
            assert!(parse_bytes(f, b"a = 1\n\0\0").is_err());
        }
    }

    #[test]
    fn offsets_to_positions() {
        assert_eq!(offset_to_pos("ab\ncé d", 6), Pos::new(2, 3));
    }
}
