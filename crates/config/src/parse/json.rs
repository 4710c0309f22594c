//! A tolerant JSON parser: strict JSON, plus the JSONC and JSON5 extensions
//! MCP clients accept (comments, trailing commas, single-quoted strings,
//! unquoted keys, hex numbers, `Infinity`/`NaN`, line continuations).
//!
//! Written by hand rather than with serde_json because findings must cite the
//! line of every value, and because VS Code, Zed and opencode configs are JSONC.
//! Nesting depth is bounded so a hostile file cannot exhaust the stack.

use super::{ParseError, MAX_DEPTH};
use crate::node::{Located, Node, NodeKind, Pos};

/// Parses a whole document. A UTF-8 byte-order mark is skipped.
pub fn parse(text: &str) -> Result<Node, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut p = Parser {
        src: text.as_bytes(),
        at: 0,
        line: 1,
        col: 1,
    };
    p.skip_trivia()?;
    let node = p.value(0)?;
    p.skip_trivia()?;
    if p.at < p.src.len() {
        return Err(p.error("unexpected content after the end of the document"));
    }
    Ok(node)
}

struct Parser<'a> {
    src: &'a [u8],
    at: usize,
    line: u32,
    col: u32,
}

impl Parser<'_> {
    fn pos(&self) -> Pos {
        Pos::new(self.line, self.col)
    }

    fn error(&self, message: impl Into<String>) -> ParseError {
        ParseError {
            pos: self.pos(),
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.at).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<u8> {
        self.src.get(self.at + offset).copied()
    }

    /// Advances one byte, keeping line and (character) column up to date.
    fn bump(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        if b == b'\n' {
            self.line += 1;
            self.col = 1;
        } else if b & 0xC0 != 0x80 {
            // Count characters, not UTF-8 continuation bytes.
            self.col += 1;
        }
        Some(b)
    }

    fn skip_trivia(&mut self) -> Result<(), ParseError> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => {
                    self.bump();
                }
                Some(b'/') if self.peek_at(1) == Some(b'/') => {
                    while let Some(b) = self.peek() {
                        if b == b'\n' {
                            break;
                        }
                        self.bump();
                    }
                }
                Some(b'/') if self.peek_at(1) == Some(b'*') => {
                    let start = self.pos();
                    self.bump();
                    self.bump();
                    loop {
                        match self.bump() {
                            Some(b'*') if self.peek() == Some(b'/') => {
                                self.bump();
                                break;
                            }
                            Some(_) => {}
                            None => {
                                return Err(ParseError {
                                    pos: start,
                                    message: "unterminated block comment".into(),
                                })
                            }
                        }
                    }
                }
                // Non-breaking space, line/paragraph separators and other Unicode
                // white space that JSON5 allows between tokens.
                Some(0xC2) if self.peek_at(1) == Some(0xA0) => {
                    self.bump();
                    self.bump();
                }
                Some(0xE2) if self.peek_at(1) == Some(0x80) && matches!(self.peek_at(2), Some(0xA8 | 0xA9)) => {
                    self.bump();
                    self.bump();
                    self.bump();
                }
                _ => return Ok(()),
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.error(format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        let pos = self.pos();
        match self.peek() {
            None => Err(self.error("unexpected end of input, expected a value")),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(q @ (b'"' | b'\'')) => {
                let s = self.string(q)?;
                Ok(Node::new(NodeKind::String(s), pos))
            }
            Some(b'-' | b'+' | b'.' | b'0'..=b'9') => self.number(),
            Some(b) if is_ident_start(b) => {
                let word = self.identifier()?;
                let kind = match word.as_str() {
                    "true" => NodeKind::Bool(true),
                    "false" => NodeKind::Bool(false),
                    "null" => NodeKind::Null,
                    "Infinity" | "NaN" => NodeKind::Number(word),
                    _ => {
                        return Err(ParseError {
                            pos,
                            message: format!("unexpected word `{}`, expected a value", truncate(&word)),
                        })
                    }
                };
                Ok(Node::new(kind, pos))
            }
            Some(_) => Err(self.error(format!(
                "unexpected character {}, expected a value",
                self.describe_here()
            ))),
        }
    }

    fn describe_here(&self) -> String {
        let rest = &self.src[self.at..];
        let end = rest.len().min(4);
        match std::str::from_utf8(&rest[..end]) {
            Ok(s) => s.chars().next().map(|c| format!("{c:?}")).unwrap_or_default(),
            Err(e) => std::str::from_utf8(&rest[..e.valid_up_to()])
                .ok()
                .and_then(|s| s.chars().next())
                .map(|c| format!("{c:?}"))
                .unwrap_or_else(|| format!("byte 0x{:02x}", rest[0])),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Node, ParseError> {
        let pos = self.pos();
        self.bump(); // {
        let mut entries = Vec::new();
        loop {
            self.skip_trivia()?;
            match self.peek() {
                Some(b'}') => {
                    self.bump();
                    return Ok(Node::new(NodeKind::Object(entries), pos));
                }
                None => {
                    return Err(ParseError {
                        pos,
                        message: "unterminated object (missing `}`)".into(),
                    })
                }
                _ => {}
            }
            let key_pos = self.pos();
            let key = match self.peek() {
                Some(q @ (b'"' | b'\'')) => self.string(q)?,
                Some(b) if is_ident_start(b) => self.identifier()?,
                _ => return Err(self.error(format!("expected a key or `}}`, found {}", self.describe_here()))),
            };
            self.skip_trivia()?;
            if self.peek() != Some(b':') {
                return Err(self.error(format!("expected `:` after key \"{}\"", truncate(&key))));
            }
            self.bump();
            self.skip_trivia()?;
            let value = self.value(depth + 1)?;
            entries.push((Located::new(key, key_pos), value));
            self.skip_trivia()?;
            match self.peek() {
                Some(b',') => {
                    self.bump();
                }
                Some(b'}') => {}
                _ => {
                    return Err(self.error(format!(
                        "expected `,` or `}}` in object, found {}",
                        self.describe_here()
                    )))
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Node, ParseError> {
        let pos = self.pos();
        self.bump(); // [
        let mut items = Vec::new();
        loop {
            self.skip_trivia()?;
            match self.peek() {
                Some(b']') => {
                    self.bump();
                    return Ok(Node::new(NodeKind::Array(items), pos));
                }
                None => {
                    return Err(ParseError {
                        pos,
                        message: "unterminated array (missing `]`)".into(),
                    })
                }
                _ => {}
            }
            items.push(self.value(depth + 1)?);
            self.skip_trivia()?;
            match self.peek() {
                Some(b',') => {
                    self.bump();
                }
                Some(b']') => {}
                _ => return Err(self.error(format!("expected `,` or `]` in array, found {}", self.describe_here()))),
            }
        }
    }

    fn string(&mut self, quote: u8) -> Result<String, ParseError> {
        let start = self.pos();
        self.bump();
        let mut out: Vec<u8> = Vec::new();
        loop {
            let Some(b) = self.bump() else {
                return Err(ParseError {
                    pos: start,
                    message: "unterminated string".into(),
                });
            };
            match b {
                b if b == quote => break,
                b'\\' => self.escape(&mut out)?,
                b'\n' => {
                    return Err(ParseError {
                        pos: start,
                        message: "unterminated string (line break inside a string)".into(),
                    })
                }
                _ => out.push(b),
            }
        }
        // The input is a &str and escapes push whole characters, so this holds.
        String::from_utf8(out).map_err(|_| ParseError {
            pos: start,
            message: "string is not valid UTF-8".into(),
        })
    }

    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), ParseError> {
        let pos = self.pos();
        let Some(e) = self.bump() else {
            return Err(self.error("unterminated escape sequence"));
        };
        let ch = match e {
            b'"' => '"',
            b'\'' => '\'',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'v' => '\u{b}',
            b'0' => '\0',
            // JSON5 line continuation: the escaped line break is dropped.
            b'\n' => return Ok(()),
            b'\r' => {
                if self.peek() == Some(b'\n') {
                    self.bump();
                }
                return Ok(());
            }
            b'x' => {
                let v = self.hex_digits(2)?;
                char::from_u32(v).unwrap_or('\u{fffd}')
            }
            b'u' => {
                let hi = self.hex_digits(4)?;
                if (0xD800..0xDC00).contains(&hi) && self.peek() == Some(b'\\') && self.peek_at(1) == Some(b'u') {
                    self.bump();
                    self.bump();
                    let lo = self.hex_digits(4)?;
                    if (0xDC00..0xE000).contains(&lo) {
                        let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                        char::from_u32(c).unwrap_or('\u{fffd}')
                    } else {
                        // A lone high surrogate followed by something else: keep both, visibly.
                        push_char(out, '\u{fffd}');
                        char::from_u32(lo).unwrap_or('\u{fffd}')
                    }
                } else {
                    char::from_u32(hi).unwrap_or('\u{fffd}')
                }
            }
            // JSON5 allows any other character to be escaped as itself.
            other if other.is_ascii() => other as char,
            _ => {
                return Err(ParseError {
                    pos,
                    message: "invalid escape sequence".into(),
                })
            }
        };
        push_char(out, ch);
        Ok(())
    }

    fn hex_digits(&mut self, n: usize) -> Result<u32, ParseError> {
        let mut v = 0u32;
        for _ in 0..n {
            let d = self
                .peek()
                .and_then(|b| (b as char).to_digit(16))
                .ok_or_else(|| self.error("invalid hexadecimal escape"))?;
            self.bump();
            v = v * 16 + d;
        }
        Ok(v)
    }

    fn number(&mut self) -> Result<Node, ParseError> {
        let pos = self.pos();
        let start = self.at;
        if matches!(self.peek(), Some(b'-' | b'+')) {
            self.bump();
        }
        if self.peek().is_some_and(is_ident_start) {
            let word = self.identifier()?;
            if word != "Infinity" && word != "NaN" {
                return Err(ParseError {
                    pos,
                    message: "invalid number".into(),
                });
            }
        } else if self.peek() == Some(b'0') && matches!(self.peek_at(1), Some(b'x' | b'X')) {
            self.bump();
            self.bump();
            let digits_start = self.at;
            while self.peek().is_some_and(|b| b.is_ascii_hexdigit()) {
                self.bump();
            }
            if self.at == digits_start {
                return Err(ParseError {
                    pos,
                    message: "invalid hexadecimal number".into(),
                });
            }
        } else {
            let mut digits = 0;
            while let Some(b) = self.peek() {
                match b {
                    b'0'..=b'9' => digits += 1,
                    b'.' => {}
                    b'e' | b'E' => {
                        if matches!(self.peek_at(1), Some(b'+' | b'-')) {
                            self.bump();
                        }
                    }
                    _ => break,
                }
                self.bump();
            }
            if digits == 0 {
                return Err(ParseError {
                    pos,
                    message: "invalid number".into(),
                });
            }
        }
        // The slice is ASCII by construction.
        let text = String::from_utf8_lossy(&self.src[start..self.at]).into_owned();
        Ok(Node::new(NodeKind::Number(text), pos))
    }

    fn identifier(&mut self) -> Result<String, ParseError> {
        let start = self.at;
        while self.peek().is_some_and(|b| is_ident_start(b) || b.is_ascii_digit()) {
            self.bump();
        }
        Ok(String::from_utf8_lossy(&self.src[start..self.at]).into_owned())
    }
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b'$'
}

fn push_char(out: &mut Vec<u8>, c: char) {
    let mut buf = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

fn truncate(s: &str) -> String {
    if s.chars().count() > 40 {
        let mut t: String = s.chars().take(40).collect();
        t.push('…');
        t
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_json_with_positions() {
        let doc = parse("{\n  \"a\": [1, \"x\"],\n  \"b\": {\"c\": true}\n}").unwrap();
        let a = doc.get("a").unwrap();
        assert_eq!(a.pos, Pos::new(2, 8));
        assert_eq!(a.as_array().unwrap()[1].as_str(), Some("x"));
        assert_eq!(doc.path(&["b", "c"]).unwrap().as_bool(), Some(true));
        assert_eq!(doc.path(&["b", "c"]).unwrap().pos, Pos::new(3, 14));
    }

    #[test]
    fn jsonc_comments_and_trailing_commas() {
        let doc = parse("// top\n{ /* inline */ \"servers\": {\"x\": 1,}, // end\n}").unwrap();
        assert!(doc.get("servers").unwrap().get("x").is_some());
    }

    #[test]
    fn json5_extensions() {
        let doc = parse("{unquoted: 'single', hex: 0x1F, inf: -Infinity, dot: .5, multi: 'a\\\nb',}").unwrap();
        assert_eq!(doc.get("unquoted").unwrap().as_str(), Some("single"));
        assert_eq!(doc.get("multi").unwrap().as_str(), Some("ab"));
        assert!(matches!(doc.get("hex").unwrap().kind, NodeKind::Number(_)));
    }

    #[test]
    fn escapes_and_surrogates() {
        let doc = parse(r#"{"s": "\u00e9\ud83d\ude00\n\t\"", "lone": "\ud800x"}"#).unwrap();
        assert_eq!(doc.get("s").unwrap().as_str(), Some("é😀\n\t\""));
        assert_eq!(doc.get("lone").unwrap().as_str(), Some("\u{fffd}x"));
    }

    #[test]
    fn columns_count_characters() {
        let doc = parse("{\"é\": 1, \"k\": 2}").unwrap();
        assert_eq!(doc.get("k").unwrap().pos, Pos::new(1, 15));
    }

    #[test]
    fn errors_carry_positions() {
        let err = parse("{\n  \"a\": 1\n  \"b\": 2\n}").unwrap_err();
        assert_eq!(err.pos.line, 3);
        let err = parse("{\"a\": \"open").unwrap_err();
        assert!(err.message.contains("unterminated string"), "{}", err.message);
        assert!(parse("").is_err());
        assert!(parse("{} x").is_err());
        assert!(parse("/* never closed").is_err());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        let err = parse(&deep).unwrap_err();
        assert!(err.message.contains("nesting"), "{}", err.message);
    }

    #[test]
    fn duplicate_keys_last_wins_but_all_kept() {
        let doc = parse(r#"{"a": 1, "a": 2}"#).unwrap();
        assert_eq!(doc.get("a").unwrap().scalar_text().as_deref(), Some("2"));
        assert_eq!(doc.as_object().unwrap().len(), 2);
    }
}
