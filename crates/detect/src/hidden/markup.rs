//! Markup that renders invisibly: elements hidden by their style or the `hidden`
//! attribute, and markdown comments (`[//]: # (…)`).
//!
//! This used to be one regex over the whole text (its second alternative starts with a
//! multi-line `^`, so it had no literal to skip ahead with). It is now two anchored
//! regexes run only where a match can start, which finds the same matches in the same
//! order:
//! - an element match starts at a `<` and, since nothing in it but its last byte is a `<`
//!   or `>`, ends at the first `>` after it, with no `<` in between: that tag is the whole
//!   haystack of [`Patterns::element`];
//! - a markdown comment starts at a line start (up to three blanks, then `[`), holds `]:`
//!   within its first few bytes, and cannot cross a line break: that line is the whole
//!   haystack of [`Patterns::comment`].
//!
//! Candidates of both kinds are tried in the order of their start; the earliest match
//! wins and the next search starts where it ends, as the single regex searched.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use memchr::memmem;
use regex::Regex;

use super::{ceil_char, push_region, HiddenScan};
use crate::neutralize::excerpt_in;
use crate::verdict::{Signal, SignalKind, Sink};

struct Patterns {
    /// An opening tag that hides its element, anchored at its `<`.
    element: Regex,
    /// A markdown comment, anchored at its line start.
    comment: Regex,
    /// Words one of which every hidden element's tag contains (ASCII case-insensitive),
    /// to pass over ASCII tags without running [`Patterns::element`].
    keywords: AhoCorasick,
}

/// Shortest element match in bytes: `<`, a letter, a blank and `hidden`, `>`.
const MIN_ELEMENT: usize = 10;

/// A markdown comment's `]:` comes at most 3 blanks, `[` and `comment` (7 letters) after
/// its line start; looking back further than this for the line start is never needed.
const COMMENT_LOOKBACK: usize = 64;

fn patterns() -> Option<&'static Patterns> {
    static P: OnceLock<Option<Patterns>> = OnceLock::new();
    P.get_or_init(|| {
        let element = Regex::new(concat!(
            r#"(?i)\A<([a-z][a-z0-9]{0,15})(?:\s[^<>]{0,300}?)?(?:display\s*:\s*none|visibility\s*:\s*hidden"#,
            r#"|font-size\s*:\s*0(?:\.0+)?\s*(?:px|pt|em|rem|%)?\s*[;"']|opacity\s*:\s*0(?:\.0+)?\s*[;"']"#,
            r#"|color\s*:\s*transparent|\shidden(?-u:\b))[^<>]{0,300}>"#,
        ))
        .ok()?;
        let comment =
            Regex::new(r#"(?i)\A[ \t]{0,3}\[(?://|comment|_|#)\]:[ \t]*(?:#|<>)?[ \t]*[("]([^)"\n]{0,500})"#).ok()?;
        let keywords = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["display", "visibility", "font-size", "opacity", "color", "hidden"])
            .ok()?;
        Some(Patterns {
            element,
            comment,
            keywords,
        })
    })
    .as_ref()
}

pub(super) fn warm_up() {
    let _ = patterns();
}

/// What trying an element at a `<` found.
enum Element {
    /// The match and its tag name's range.
    Match(Range<usize>, Range<usize>),
    /// No match; the next `<` is at or after this offset (the text's length if none).
    NextFrom(usize),
}

/// Tries an element match at the `<` at `at`.
fn element_at(p: &Patterns, text: &str, at: usize) -> Element {
    let bytes = text.as_bytes();
    // The tag name starts with a letter, `K` (Kelvin) or `ſ` (long s) (case-insensitive
    // `[a-z]`): an ASCII byte other than a letter rules a match out, and a run of `<<<`
    // costs a byte each.
    if bytes
        .get(at + 1)
        .is_some_and(|b| b.is_ascii() && !b.is_ascii_alphabetic())
    {
        return Element::NextFrom(at + 1);
    }
    let Some(stop) = bytes.get(at + 1..).and_then(|rest| memchr::memchr2(b'<', b'>', rest)) else {
        return Element::NextFrom(bytes.len());
    };
    let close = at + 1 + stop;
    if bytes[close] == b'<' {
        return Element::NextFrom(close);
    }
    // No `<` between `at` and the `>` at `close`.
    let no_match = Element::NextFrom(close + 1);
    if close + 1 - at < MIN_ELEMENT {
        return no_match;
    }
    let Some(tag) = text.get(at..close + 1) else {
        return no_match;
    };
    // In ASCII the keywords can only be written in ASCII; elsewhere Unicode case
    // folding (`ſ` for `s`) is left to the regex.
    if tag.is_ascii() && !p.keywords.is_match(tag) {
        return no_match;
    }
    let Some(caps) = p.element.captures(tag) else {
        return no_match;
    };
    match (caps.get(0), caps.get(1)) {
        (Some(m), Some(name)) => Element::Match(at + m.start()..at + m.end(), at + name.start()..at + name.end()),
        _ => no_match,
    }
}

/// The first `<` at or after `from`.
fn next_lt(bytes: &[u8], from: usize) -> Option<usize> {
    match bytes.get(from) {
        Some(b'<') => Some(from),
        Some(_) => memchr::memchr(b'<', &bytes[from..]).map(|n| from + n),
        None => None,
    }
}

/// A markdown comment match starting at the line start `at`.
fn comment_at(p: &Patterns, text: &str, at: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let end = memchr::memchr(b'\n', bytes.get(at..)?).map_or(bytes.len(), |n| at + n);
    let line = text.get(at..end)?;
    // Before its `]:` a comment has blanks, `[` and an opener without `]`, so that `]:`
    // is the line's first; after it, blanks and one of `#`, `<`, `(` or `"`. Lines
    // without that are passed over without running the regex.
    let colon = memchr::memmem::find(&line.as_bytes()[..line.len().min(COMMENT_LOOKBACK)], b"]:")?;
    let after = line.as_bytes()[colon + 2..].iter().find(|&&b| b != b' ' && b != b'\t');
    if !matches!(after, Some(b'#' | b'<' | b'(' | b'"')) {
        return None;
    }
    let m = p.comment.find(line)?;
    Some(at + m.start()..at + m.end())
}

/// The first line start at or after `from` with a `]:` close enough to it for a
/// markdown comment (every one holds a `]:`; a `]` is rare, so memchr looks for that).
fn next_comment_line(bytes: &[u8], from: usize) -> Option<usize> {
    let mut q = from;
    while let Some(off) = memchr::memchr(b']', bytes.get(q..)?) {
        let colon = q + off;
        if bytes.get(colon + 1) != Some(&b':') {
            q = colon + 1;
            continue;
        }
        let back = colon.saturating_sub(COMMENT_LOOKBACK);
        let line = match memchr::memrchr(b'\n', &bytes[back..colon]) {
            Some(n) => Some(back + n + 1),
            None => (back == 0).then_some(0),
        };
        match line {
            Some(line) if line >= from => return Some(line),
            _ => q = colon + 1,
        }
    }
    None
}

pub(super) fn scan(text: &str, sink: &mut Sink, out: &mut HiddenScan) {
    let bytes = text.as_bytes();
    // Both kinds need one of these bytes; skip the patterns otherwise.
    if memchr::memchr2(b'<', b'[', bytes).is_none() {
        return;
    }
    let Some(p) = patterns() else { return };
    let mut element = next_lt(bytes, 0);
    let mut comment = next_comment_line(bytes, 0);
    let mut found = 0;
    while found < 4 * crate::verdict::MAX_PER_KIND {
        // At the same offset the element pattern came first (and a comment cannot
        // start with `<` anyway).
        let (at, is_element) = match (element, comment) {
            (Some(e), Some(c)) if c < e => (c, false),
            (Some(e), _) => (e, true),
            (None, Some(c)) => (c, false),
            (None, None) => break,
        };
        let hit = if is_element {
            match element_at(p, text, at) {
                Element::Match(m, name) => Some((m, Some(name))),
                Element::NextFrom(from) => {
                    element = next_lt(bytes, from);
                    continue;
                }
            }
        } else {
            comment_at(p, text, at).map(|m| (m, None))
        };
        let Some((m, name)) = hit else {
            comment = next_comment_line(bytes, at + 1);
            continue;
        };
        found += 1;
        let end = m.end;
        report(text, m, name, sink, out);
        if element.is_some_and(|e| e < end) {
            element = next_lt(bytes, end);
        }
        if comment.is_some_and(|c| c < end) {
            comment = next_comment_line(bytes, end);
        }
    }
}

/// Reports one match: `m`, and the element's tag name (`None` for a markdown comment).
fn report(text: &str, m: Range<usize>, name: Option<Range<usize>>, sink: &mut Sink, out: &mut HiddenScan) {
    let (span, region) = match &name {
        Some(name) => {
            // The hidden content runs to the element's close tag (searched in a
            // bounded window) or, failing that, a short stretch after the open tag.
            let window_end = ceil_char(text, (m.end + 4096).min(text.len()));
            let close = format!("</{}", text[name.clone()].to_ascii_lowercase());
            let hay = text[m.end..window_end].to_ascii_lowercase();
            let content_end = match memmem::find(hay.as_bytes(), close.as_bytes()) {
                Some(off) => m.end + off,
                None => ceil_char(text, (m.end + 200).min(text.len())),
            };
            (m.start..content_end.max(m.end), m.end..content_end.max(m.end))
        }
        None => (m.clone(), m),
    };
    // Markdown comments (`[//]: # (badges)`) label README sections all the time; they
    // weigh like HTML comments, hidden elements more.
    let weight = if name.is_some() { 0.45 } else { 0.2 };
    if sink.wants(SignalKind::InvisibleMarkup, weight) {
        let evidence = excerpt_in(text, span.clone(), 120);
        sink.push(Signal {
            kind: SignalKind::InvisibleMarkup,
            span,
            evidence,
            weight,
        });
    }
    push_region(out, region);
}
