//! Best-effort recovery of `id` and `method` from frames that are not valid JSON or are
//! too large to parse: enough to answer a broken request with an addressed error, or to
//! fail the one pending request an oversized response belonged to.

use super::id::Id;
use serde_json::value::RawValue;

/// Longest string value captured while scanning (ids and method names are short).
const MAX_CAPTURE: usize = 1024;

/// What a scan found among the top-level members.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Found {
    pub id: Option<Id>,
    pub method: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
enum Tok<'a> {
    Open,
    Close,
    Colon,
    Comma,
    /// A complete string literal, quotes included (`None` when too long to keep).
    Str(Option<&'a [u8]>),
    /// A bare literal: number, true, false, null (or garbage).
    Lit(&'a [u8]),
}

/// Lexes JSON-ish bytes; stops quietly at the end, including inside a string.
fn lex(bytes: &[u8]) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b'}' | b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b':' => {
                out.push(Tok::Colon);
                i += 1;
            }
            b',' => {
                out.push(Tok::Comma);
                i += 1;
            }
            b'"' => {
                let start = i;
                i += 1;
                let mut closed = false;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => i += 2,
                        b'"' => {
                            i += 1;
                            closed = true;
                            break;
                        }
                        _ => i += 1,
                    }
                }
                if !closed {
                    return out;
                }
                let end = i.min(bytes.len());
                let s = &bytes[start..end];
                out.push(Tok::Str(if s.len() <= MAX_CAPTURE { Some(s) } else { None }));
            }
            b if b.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < bytes.len() && !matches!(bytes[i], b'{' | b'[' | b'}' | b']' | b':' | b',' | b'"') {
                    if bytes[i].is_ascii_whitespace() {
                        break;
                    }
                    i += 1;
                }
                out.push(Tok::Lit(&bytes[start..i]));
            }
        }
        if out.len() > 100_000 {
            // Enough: the members we look for come early or not at all.
            break;
        }
    }
    out
}

fn id_from_token(tok: &Tok<'_>) -> Option<Id> {
    let bytes = match tok {
        Tok::Str(Some(s)) => *s,
        Tok::Lit(l) => *l,
        _ => return None,
    };
    let text = std::str::from_utf8(bytes).ok()?;
    // Validate through serde_json so a recovered id is always well-formed JSON.
    let raw: Box<RawValue> = serde_json::from_str(text).ok()?;
    Id::from_raw(&raw).ok()
}

fn string_from_token(tok: &Tok<'_>) -> Option<String> {
    match tok {
        Tok::Str(Some(s)) => serde_json::from_slice::<String>(s).ok(),
        _ => None,
    }
}

/// Scans from the start of a frame for top-level `id` and `method` members.
pub fn scan_head(bytes: &[u8]) -> Found {
    let toks = lex(bytes);
    let mut found = Found::default();
    if toks.first() != Some(&Tok::Open) {
        return found;
    }
    let mut depth = 0usize;
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Tok::Open => depth += 1,
            Tok::Close => depth = depth.saturating_sub(1),
            Tok::Str(key) if depth == 1 && toks.get(i + 1) == Some(&Tok::Colon) => {
                // A key at the top level (a value would not be followed by a colon).
                let key = key.and_then(|k| std::str::from_utf8(k).ok());
                if let Some(value) = toks.get(i + 2) {
                    match key {
                        Some("\"id\"") if found.id.is_none() => found.id = id_from_token(value),
                        Some("\"method\"") if found.method.is_none() => found.method = string_from_token(value),
                        _ => {}
                    }
                }
                i += 2;
                continue;
            }
            _ => {}
        }
        if depth == 0 && i > 0 {
            break;
        }
        i += 1;
    }
    found
}

/// Reads the id from the end of a frame whose start is lost, as written by SDKs that put
/// `id` last: `…,"id":7}` or `…,"id":7,"jsonrpc":"2.0"}`. Anything else yields `None`.
pub fn scan_tail(tail: &[u8]) -> Option<Id> {
    // The tail was cut at an arbitrary byte, possibly inside a string: when lexing from the
    // cut does not give the expected ending, lex again from just after the first quote,
    // which restores the string parity in that case.
    scan_tail_from(tail).or_else(|| {
        let q = memchr::memchr(b'"', tail)?;
        scan_tail_from(&tail[q + 1..])
    })
}

fn scan_tail_from(tail: &[u8]) -> Option<Id> {
    let toks = lex(tail);
    let n = toks.len();
    // Expect: Str("id") Colon Value [Comma Str("jsonrpc") Colon Str] Close, then nothing.
    if n < 4 || toks[n - 1] != Tok::Close {
        return None;
    }
    let try_at = |end: usize| -> Option<Id> {
        // toks[end] is the id value; toks[end-1] a colon; toks[end-2] the "id" key;
        // toks[end-3] the comma or opening brace before it.
        if end < 3 {
            return None;
        }
        if toks[end - 1] != Tok::Colon || toks[end - 2] != Tok::Str(Some(b"\"id\"")) {
            return None;
        }
        if !matches!(toks[end - 3], Tok::Comma | Tok::Open) {
            return None;
        }
        id_from_token(&toks[end])
    };
    if let Some(id) = try_at(n - 2) {
        return Some(id);
    }
    // `"id":7,"jsonrpc":"2.0"}`
    if n >= 8
        && toks[n - 2] == Tok::Str(Some(b"\"2.0\""))
        && toks[n - 3] == Tok::Colon
        && toks[n - 4] == Tok::Str(Some(b"\"jsonrpc\""))
        && toks[n - 5] == Tok::Comma
    {
        return try_at(n - 6);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_finds_top_level_members_only() {
        let f = scan_head(br#"{"params":{"id":9,"method":"inner"},"id":"x","method":"tools/call","#);
        assert_eq!(f.id, Some(Id::from("x")));
        assert_eq!(f.method.as_deref(), Some("tools/call"));
        assert_eq!(scan_head(b"garbage").id, None);
        assert_eq!(scan_head(br#"{"jsonrpc":"2.0","id":12"#).id, Some(Id::from(12u64)));
        // A truncated id value is not guessed.
        assert_eq!(scan_head(br#"{"id":"abc"#).id, None);
    }

    #[test]
    fn tail_reads_trailing_ids() {
        assert_eq!(
            scan_tail(br#"aaaa"}]},"jsonrpc":"2.0","id":41}"#),
            Some(Id::from(41u64))
        );
        assert_eq!(
            scan_tail(br#"xx"}]},"id":"q-1","jsonrpc":"2.0"}"#),
            Some(Id::from("q-1"))
        );
        assert_eq!(scan_tail(br#"xx"}]}}"#), None);
        assert_eq!(
            scan_tail(br#"{"id":5}}"#),
            None,
            "nested object's id is not the frame's"
        );
        assert_eq!(scan_tail(br#""id":5"#), None);
        // Cut inside a string: the first lexing has the quotes inverted, the retry does not.
        assert_eq!(scan_tail(br#"ab c"},"jsonrpc":"2.0","id":9}"#), Some(Id::from(9u64)));
    }
}
