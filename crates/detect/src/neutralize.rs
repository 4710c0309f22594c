//! Makes hidden content harmless before text reaches a model or a terminal: invisible
//! characters, bidi controls, tag characters, variation-selector runs, terminal escapes
//! and control characters are either shown (`⟨U+200B⟩`, `␛[31m`, `⟨TAG:hidden text⟩`) or
//! removed. Everything else is preserved byte for byte, and text without hidden content
//! comes back as `Cow::Borrowed` without allocating.
//!
//! Left alone on purpose: emoji ZWJ sequences, emoji/keycap presentation selectors, flag
//! tag sequences, a leading BOM, CRLF, tabs and newlines; HTML comments and whitespace runs
//! (they are visible in the raw text a model reads and are reported by the scanner).

use std::borrow::Cow;

use crate::hidden::{decode_selectors, decode_tags, is_mostly_printable, Item, ItemKind, Items};

/// What to do with hidden content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Replace it with a visible marker (default): a reader sees that something was there.
    #[default]
    Show,
    /// Drop it. A lone carriage return becomes a newline so no text overwrites other text.
    Remove,
}

/// [`neutralize_with`] in [`Mode::Show`].
pub fn neutralize(text: &str) -> Cow<'_, str> {
    neutralize_with(text, Mode::Show)
}

/// Neutralises hidden content in `text`. Allocates only when something changes.
pub fn neutralize_with(text: &str, mode: Mode) -> Cow<'_, str> {
    let mut items = Items::new(text).filter(|i| !matches!(i.kind, ItemKind::Confusable(_)));
    let Some(first) = items.next() else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for item in std::iter::once(first).chain(items) {
        out.push_str(&text[last..item.range.start]);
        match mode {
            Mode::Show => render_item(text, &item, &mut out),
            Mode::Remove => {
                if item.kind == ItemKind::LoneCr {
                    out.push('\n');
                }
            }
        }
        last = item.range.end;
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

fn codepoint(c: char, out: &mut String) {
    use std::fmt::Write;
    let _ = write!(out, "⟨U+{:04X}⟩", c as u32);
}

fn control_picture(b: u8) -> char {
    match b {
        0x7F => '\u{2421}',
        b if b < 0x20 => char::from_u32(0x2400 + u32::from(b)).unwrap_or('\u{FFFD}'),
        _ => '\u{FFFD}',
    }
}

fn render_item(text: &str, item: &Item, out: &mut String) {
    let run = &text[item.range.clone()];
    match &item.kind {
        ItemKind::Tags => {
            out.push_str("⟨TAG:");
            out.push_str(&decode_tags(run));
            out.push('⟩');
        }
        ItemKind::Selectors => {
            let decoded = String::from_utf8(decode_selectors(run))
                .ok()
                .filter(|s| is_mostly_printable(s));
            match decoded {
                Some(s) => {
                    out.push_str("⟨VS:");
                    // The decoded bytes may themselves carry controls; show those too.
                    push_embedded(&s, out);
                    out.push('⟩');
                }
                None => {
                    use std::fmt::Write;
                    let _ = write!(out, "⟨VS×{}⟩", run.chars().count());
                }
            }
        }
        ItemKind::Invisible(c) | ItemKind::Bidi(c) | ItemKind::C1(c) => codepoint(*c, out),
        ItemKind::StraySelector => run.chars().for_each(|c| codepoint(c, out)),
        ItemKind::C0(b) => out.push(control_picture(*b)),
        ItemKind::LoneCr => out.push('\u{240D}'),
        ItemKind::Escape(_) => {
            // ESC becomes ␛ and the rest of the sequence stays readable; its own
            // controls (BEL, ST) are shown too. The rest never starts with ESC, so this
            // recursion is shallow.
            out.push('\u{241B}');
            push_embedded(&run[1..], out);
        }
        ItemKind::Confusable(_) => out.push_str(run),
    }
}

/// Shows `s`, which sits inside other output (a marker, an escape), as [`neutralize`]
/// does, except that CRs at its end are shown too: they end only this slice, and the
/// output goes on after them, so left raw they would be lone CRs.
fn push_embedded(s: &str, out: &mut String) {
    let body = s.trim_end_matches('\r');
    out.push_str(&neutralize(body));
    for _ in body.len()..s.len() {
        out.push('\u{240D}');
    }
}

/// How far past an excerpt's cut secrets are looked for: the longest credential the
/// secrets engine knows (a PEM private key) fits.
const SECRET_LOOKAHEAD: usize = 8 * 1024;
/// How far before an excerpt's start: a range may begin inside a token. A PEM block
/// is longer: its header is looked for up to the longest block the secrets engine
/// reads (see [`secrets_from`]).
const SECRET_LOOKBEHIND: usize = 512;
const PEM_HEADER: &[u8] = b"-----BEGIN ";

/// Where to start looking for the secrets around a range starting at `start`: a
/// little before it, or at the last PEM header within a block's length before it (a
/// range inside a key's body, an invisible character or a phrase found there, must
/// not quote the body as if it were text).
fn secrets_from(text: &str, start: usize) -> usize {
    use crate::hidden::floor_char;
    let near = start.saturating_sub(SECRET_LOOKBEHIND);
    let far = start.saturating_sub(crate::secrets::PEM_MAX);
    let pem = memchr::memmem::rfind(&text.as_bytes()[far..near], PEM_HEADER).map(|i| far + i);
    floor_char(text, pem.unwrap_or(near))
}

/// A short, single-line rendering of `s` for evidence (see [`excerpt_in`]).
pub(crate) fn visible_excerpt(s: &str, max_chars: usize) -> String {
    excerpt_in(s, 0..s.len(), max_chars)
}

/// A short, single-line rendering of `text[range]` for evidence: hidden content shown
/// as in [`Mode::Show`], newlines as `↵`, at most about `max_chars` characters.
///
/// Secrets are redacted BEFORE the excerpt is cut, found in the text around the range
/// (a little before it, and up to [`SECRET_LOOKAHEAD`] past the cut): a token cut in
/// two, by the range's end or the excerpt's length, is no longer recognisable by the
/// final redaction of evidence and would leave most of itself raw (`ghp_R8x2Kq9L…`).
/// A secret overlapping the range is shown whole, redacted.
pub(crate) fn excerpt_in(text: &str, range: std::ops::Range<usize>, max_chars: usize) -> String {
    use crate::hidden::{ceil_char, floor_char};
    let start = floor_char(text, range.start.min(text.len()));
    let end = ceil_char(text, range.end.clamp(start, text.len()));
    let wanted = max_chars.saturating_mul(4).saturating_add(64);
    // Render only a bounded prefix: enough input for max_chars of output.
    let shown_end = floor_char(text, end.min(start.saturating_add(wanted)));
    let from = secrets_from(text, start);
    let to = floor_char(text, shown_end.saturating_add(SECRET_LOOKAHEAD).min(text.len()));
    let found = crate::secrets::scan_text(&text[from..to]);
    let mut clipped = String::new();
    let mut pos = start;
    for m in &found {
        let (ms, me) = (m.start + from, m.end + from);
        if me <= pos || ms >= shown_end {
            continue;
        }
        clipped.push_str(&text[pos..ms.max(pos)]);
        clipped.push_str(&crate::secrets::redact(&text[ms..me], m.kind));
        pos = me;
    }
    if pos < shown_end {
        clipped.push_str(&text[pos..shown_end]);
    }
    let cut_short = shown_end < end;
    let text = clipped.as_str();
    let shown = neutralize(text);
    let mut out = String::with_capacity(max_chars.min(256) + 4);
    for (n, c) in shown.chars().enumerate() {
        if n == max_chars {
            out.push('…');
            return out;
        }
        match c {
            '\n' => out.push('↵'),
            '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    if cut_short {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_never_cuts_a_secret_in_two() {
        // Built at run time so no scanner flags this file; a syntactically valid token.
        let token = format!("ghp_{}", "R8x2Kq9LmN4pV7wT1yZ3bC6dF0gH5jA2sE8u");
        for pad in 0..120 {
            let text = format!("{} {token} and more text after it", "n".repeat(pad));
            let shown = visible_excerpt(&text, 100);
            // No run of 8 characters of the token's body survives, whole or cut.
            let body = &token[4..];
            for i in 0..body.len() - 8 {
                assert!(!shown.contains(&body[i..i + 8]), "pad {pad}: {shown:?}");
            }
            if pad < 90 {
                assert!(shown.contains("ghp_…sE8u"), "pad {pad}: redaction shown: {shown:?}");
            }
        }
    }

    #[test]
    fn plain_text_is_borrowed() {
        for t in ["", "hello", "héllo wörld 你好 👨\u{200D}👩\u{200D}👧", "a\r\nb\tc\n"] {
            assert!(matches!(neutralize(t), Cow::Borrowed(_)), "{t:?}");
            assert!(matches!(neutralize_with(t, Mode::Remove), Cow::Borrowed(_)), "{t:?}");
        }
    }

    #[test]
    fn shows_hidden_content() {
        assert_eq!(neutralize("a\u{200B}b"), "a⟨U+200B⟩b");
        assert_eq!(neutralize("\u{1b}[31mred\u{1b}[0m"), "␛[31mred␛[0m");
        assert_eq!(neutralize("x\u{7}y"), "x␇y");
        assert_eq!(neutralize("\u{1b}]0;t\u{7}"), "␛]0;t␇");
        let tags: String = "hi"
            .chars()
            .map(|c| char::from_u32(0xE0000 + c as u32).unwrap_or('?'))
            .collect();
        assert_eq!(neutralize(&format!("ok{tags}")), "ok⟨TAG:hi⟩");
    }

    #[test]
    fn carriage_returns_ending_embedded_content_are_shown() {
        // Found by the neutralize fuzz target: a DCS string cut short by the next ESC.
        let out = neutralize("\u{1b}P\0\r\u{1b}\u{1b}\r\u{1b}");
        assert!(!out.contains('\r'), "{out:?}");
        assert_eq!(out, "␛P␀␍␛␛␍␛");
        assert!(matches!(neutralize(&out), Cow::Borrowed(_)));
        assert_eq!(neutralize("\u{1b}]0;t\r\u{1b}[0m"), "␛]0;t␍␛[0m");
        // An unterminated OSC runs to the end of the text, CRs and all.
        let out = neutralize("\r\u{5}\u{5}\u{1b}]\u{FFFD}\r\r");
        assert_eq!(out, "␍␅␅␛]\u{FFFD}␍␍");
        assert!(matches!(neutralize(&out), Cow::Borrowed(_)));
        // Also found by fuzzing: selectors smuggling "\n\r", shown inside their marker.
        let out = neutralize("a\u{FE0A}\u{FE0D}b");
        assert_eq!(out, "a⟨VS:\n␍⟩b");
        assert!(matches!(neutralize(&out), Cow::Borrowed(_)));
    }

    #[test]
    fn removal_is_idempotent_around_escapes() {
        // Found by the neutralize fuzz target: the selector's base `2` was part of the
        // escape, so removing the escape left a stray selector behind.
        let once = neutralize_with("%\u{1b}2\u{FE0F}*", Mode::Remove);
        assert_eq!(once, "%*");
        assert!(matches!(neutralize_with(&once, Mode::Remove), Cow::Borrowed(_)));
        let once = neutralize_with("é\u{200D}\u{200B}ü", Mode::Remove);
        assert_eq!(once, "éü");
    }

    #[test]
    fn removes_hidden_content() {
        assert_eq!(neutralize_with("a\u{200B}b\u{202E}c", Mode::Remove), "abc");
        assert_eq!(neutralize_with("\u{1b}[31mred\u{1b}[0m", Mode::Remove), "red");
        assert_eq!(neutralize_with("safe\rEVIL", Mode::Remove), "safe\nEVIL");
    }

    #[test]
    fn excerpt_is_short_and_single_line() {
        let e = visible_excerpt(&"ab\n".repeat(1000), 10);
        assert_eq!(e.chars().count(), 11);
        assert!(e.starts_with("ab↵ab↵"));
        assert!(e.ends_with('…'));
        assert_eq!(visible_excerpt("x\u{200B}", 10), "x⟨U+200B⟩");
    }
}
