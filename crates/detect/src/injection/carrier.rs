//! Escapes a carrier format puts between the reader and the words: JSON string escapes
//! (an API response returned as a tool result: `\n\nIgnore…`, `\u0069gnore`) and HTML
//! character references (an RSS description, a page's source: `&lt;!--`, `&#105;gnore`).
//!
//! Each escape is decoded in place and padded to its original length, so byte offsets are
//! unchanged and every span found in a view points at the original text. Two views differ
//! only in the padding:
//! - [`Views::shown`] pads with spaces: the text as a reader sees it, for hidden-content
//!   detection, encoded blobs and evidence;
//! - [`Views::phrases`] pads with DEL (U+007F), which the normaliser and the prefilter drop,
//!   so an escape inside a word (`ig&#110;ore`) does not split it.
//!
//! Escapes are ASCII, so every offset of a view is a char boundary of the original too.
//! One linear pass; nothing is allocated for text without a backslash or an ampersand
//! that starts a known escape.

/// Padding the phrase view uses: a control character the normaliser drops.
const DROP: char = '\u{7f}';

/// The two decoded views of a text (same length as the text).
#[derive(Debug, Clone)]
pub(crate) struct Views {
    pub shown: String,
    pub phrases: String,
}

/// Decodes the escapes of `text`; `None` when there is none.
pub(crate) fn views(text: &str) -> Option<Views> {
    let bytes = text.as_bytes();
    let first = memchr::memchr2(b'\\', b'&', bytes)?;
    let mut shown = String::new();
    let mut phrases = String::new();
    let mut copied = 0;
    let mut i = first;
    let mut changed = false;
    while i < bytes.len() {
        let Some(rel) = memchr::memchr2(b'\\', b'&', &bytes[i..]) else {
            break;
        };
        i += rel;
        let (decoded, len) = if bytes[i] == b'\\' {
            json_escape(text, i)
        } else {
            html_reference(text, i)
        };
        let len = len.min(bytes.len() - i).max(1);
        match decoded {
            Some(c) if c.len_utf8() <= len => {
                if !changed {
                    shown.reserve(text.len());
                    phrases.reserve(text.len());
                    changed = true;
                }
                shown.push_str(&text[copied..i]);
                phrases.push_str(&text[copied..i]);
                let pad = len - c.len_utf8();
                // In the shown view the character stays adjacent to what it belongs to:
                // padding goes before it (`&lt;!--` reads `   <!--`), except after a
                // closing `>` (`--&gt;` reads `-->   `). In the phrase view the padding is
                // dropped anyway; the character comes first so a match starting with it
                // maps to the start of the escape.
                let pad_after = c == '>';
                if !pad_after {
                    shown.extend(std::iter::repeat_n(' ', pad));
                }
                shown.push(c);
                if pad_after {
                    shown.extend(std::iter::repeat_n(' ', pad));
                }
                phrases.push(c);
                phrases.extend(std::iter::repeat_n(DROP, pad));
                copied = i + len;
            }
            _ => {}
        }
        i += len;
    }
    if !changed {
        return None;
    }
    shown.push_str(&text[copied..]);
    phrases.push_str(&text[copied..]);
    Some(Views { shown, phrases })
}

fn hex4(text: &str, at: usize) -> Option<u32> {
    let h = text.get(at..at + 4)?;
    if h.bytes().all(|b| b.is_ascii_hexdigit()) {
        u32::from_str_radix(h, 16).ok()
    } else {
        None
    }
}

/// A JSON escape at `i` (a backslash): the character and the escape's length. Escapes of
/// surrogate pairs become one character; lone surrogates and unknown escapes stay.
fn json_escape(text: &str, i: usize) -> (Option<char>, usize) {
    match text.as_bytes().get(i + 1) {
        // A newline escape becomes a newline, as the reader of the JSON sees it.
        Some(b'n') | Some(b'r') => (Some('\n'), 2),
        Some(b't') | Some(b'b') | Some(b'f') => (Some(' '), 2),
        Some(b'"') => (Some('"'), 2),
        Some(b'\\') => (Some('\\'), 2),
        Some(b'/') => (Some('/'), 2),
        Some(b'u') => match hex4(text, i + 2) {
            Some(hi @ 0xD800..=0xDBFF) => match (text.get(i + 6..i + 8), hex4(text, i + 8)) {
                (Some("\\u"), Some(lo @ 0xDC00..=0xDFFF)) => {
                    (char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)), 12)
                }
                _ => (None, 6),
            },
            Some(0xDC00..=0xDFFF) => (None, 6),
            None => (None, 2),
            Some(cp) => (char::from_u32(cp), 6),
        },
        _ => (None, 1),
    }
}

/// Longest reference considered: `&#x10FFFF;` and the named ones below.
const MAX_REFERENCE: usize = 10;

/// An HTML character reference at `i` (an ampersand): the character and the reference's
/// length. Only the references that hide markup or letters are decoded: the five XML
/// ones, `&nbsp;`, and numeric references (not controls, which would only add noise).
fn html_reference(text: &str, i: usize) -> (Option<char>, usize) {
    let bytes = text.as_bytes();
    let end = (i + MAX_REFERENCE).min(bytes.len());
    let Some(semi) = bytes[i + 1..end].iter().position(|&b| b == b';') else {
        return (None, 1);
    };
    let body = &text[i + 1..i + 1 + semi];
    let len = semi + 2;
    let c = match body {
        "lt" | "LT" => Some('<'),
        "gt" | "GT" => Some('>'),
        "amp" | "AMP" => Some('&'),
        "quot" | "QUOT" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let num = body.strip_prefix('#');
            let value = match num {
                Some(n) if n.starts_with(['x', 'X']) => u32::from_str_radix(&n[1..], 16).ok(),
                Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => n.parse().ok(),
                _ => None,
            };
            value
                .and_then(char::from_u32)
                .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        }
    };
    match c {
        Some(c) => (Some(c), len),
        None => (None, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_not_copied() {
        assert!(views("nothing to decode here").is_none());
        assert!(views("a & b; c \\q").is_none());
    }

    #[test]
    fn json_escapes_keep_offsets() {
        let t = r#"{"body": "text\n\nIgnore \"all\" \u0070revious"}"#;
        let v = views(t).unwrap_or_else(|| panic!("no views"));
        assert_eq!(v.shown.len(), t.len());
        assert_eq!(v.phrases.len(), t.len());
        assert!(v.shown.contains("\nIgnore"));
        assert!(v.shown.contains("     previous"));
        assert!(v.phrases.contains("p\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}revious"));
    }

    #[test]
    fn html_references_inside_words_and_markup() {
        let t = "&lt;!-- ig&#110;ore &#x70;revious --&gt; &amp;copy; &bogus; &#1;";
        let v = views(t).unwrap_or_else(|| panic!("no views"));
        assert_eq!(v.shown.len(), t.len());
        assert!(v.shown.starts_with("   <!--"), "{}", v.shown);
        assert!(v.shown.contains("-->"), "{}", v.shown);
        let kept: String = v.phrases.chars().filter(|&c| c != DROP).collect();
        assert!(kept.contains("ignore previous"), "{kept}");
        assert!(kept.contains("&bogus;") && kept.contains("&#1;"), "{kept}");
        for (i, _) in t.char_indices() {
            assert!(v.shown.is_char_boundary(i) && v.phrases.is_char_boundary(i));
        }
    }

    #[test]
    fn truncated_escapes_at_the_end() {
        for t in [
            "x\\",
            "x\\u12",
            "x&#",
            "x&#x",
            "x&lt",
            "\\ud800",
            "&#xD800;",
            "&#99999999;",
        ] {
            if let Some(v) = views(t) {
                assert_eq!(v.shown.len(), t.len(), "{t}");
            }
        }
    }
}

/// Equivalence dump for speed work: with `MCPWARD_DUMP_CARRIER=OUT` (and
/// `MCPWARD_DUMP_ROOT=DIR`, a snapshot of the worktree's `crates/` tree), writes the views
/// of every input of the `dump_hidden` example to OUT. Does nothing otherwise.
#[cfg(test)]
mod dump {
    /// FNV-1a, so long views are compared by a stable digest.
    fn digest(s: &str) -> u64 {
        s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        })
    }

    #[test]
    #[ignore = "equivalence dump for speed work, run by hand (see above)"]
    fn dump_views() -> std::io::Result<()> {
        crate::hidden::dump_each("MCPWARD_DUMP_CARRIER", |text| match super::views(text) {
            None => "None".to_string(),
            Some(v) if v.shown.len() <= 300 => format!("{:?} {:?}", v.shown, v.phrases),
            Some(v) => format!(
                "len {} {} shown {:016x} phrases {:016x}",
                v.shown.len(),
                v.phrases.len(),
                digest(&v.shown),
                digest(&v.phrases)
            ),
        })
    }
}
