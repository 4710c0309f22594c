//! An ASCII twin for each pattern, exact on ASCII text.
//!
//! The rules' word classes are Unicode classes (`\p{L}`, `[^\p{L}\p{N}.!?;]`). Compiled,
//! each is an automaton over the UTF-8 encodings of tens of thousands of characters:
//! most of a rule's compile time (about 3 ms a rule, half a second for all of them on
//! the first scan that wakes them, which `mcpward scan` pays on every run) and most of
//! its memory. Yet most text a scan reads is ASCII, and on ASCII text a class can only
//! ever match its ASCII members.
//!
//! So each pattern also gets a twin with every class cut to its ASCII members and every
//! literal holding a non-ASCII character made to fail. On a haystack whose searched
//! span is ASCII the twin matches exactly where the pattern does, with the same groups
//! (captures keep their order and names, so their indexes are the same). Look-arounds
//! are kept as written: they read the character before the span, which may be anything.
//! The engine uses the twin for a region of text whose views are ASCII and the pattern
//! itself elsewhere (see `window::each_area`).

use regex_syntax::hir::{Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind};
use regex_syntax::hir::{Literal, Repetition};

/// The twin of `pattern`, or `None` when it does not parse (the pattern itself then
/// fails to compile too, and the rule is reported broken).
pub(crate) fn twin(pattern: &str) -> Option<String> {
    let hir = regex_syntax::ParserBuilder::new().build().parse(pattern).ok()?;
    Some(super::print::pattern(&cut(&hir)))
}

fn cut(hir: &Hir) -> Hir {
    let leaf = |hir: &Hir| {
        Some(match hir.kind() {
            HirKind::Class(Class::Unicode(class)) => {
                let ascii = class
                    .iter()
                    .filter(|r| r.start().is_ascii())
                    .map(|r| ClassUnicodeRange::new(r.start(), r.end().min('\x7f')));
                Hir::class(Class::Unicode(ClassUnicode::new(ascii)))
            }
            HirKind::Class(Class::Bytes(class)) => {
                let ascii = class
                    .iter()
                    .filter(|r| r.start().is_ascii())
                    .map(|r| ClassBytesRange::new(r.start(), r.end().min(0x7f)));
                Hir::class(Class::Bytes(ClassBytes::new(ascii)))
            }
            HirKind::Literal(Literal(bytes)) if !bytes.is_ascii() => Hir::fail(),
            _ => hir.clone(),
        })
    };
    // The leaf never fails, so neither does the map.
    map_leaves(hir, &leaf).unwrap_or_else(|| hir.clone())
}

/// `hir` with each leaf (class, literal, look-around, empty) replaced by what `leaf`
/// makes of it, repetitions, groups (their indexes and names kept), sequences and
/// alternations rebuilt around them; `None` as soon as `leaf` gives none. Shared by the
/// ASCII twins and the small forms (`super::symbols`).
pub(super) fn map_leaves(hir: &Hir, leaf: &impl Fn(&Hir) -> Option<Hir>) -> Option<Hir> {
    Some(match hir.kind() {
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(map_leaves(&r.sub, leaf)?),
        }),
        HirKind::Capture(c) => Hir::capture(Capture {
            index: c.index,
            name: c.name.clone(),
            sub: Box::new(map_leaves(&c.sub, leaf)?),
        }),
        HirKind::Concat(children) => Hir::concat(children.iter().map(|h| map_leaves(h, leaf)).collect::<Option<_>>()?),
        HirKind::Alternation(children) => {
            Hir::alternation(children.iter().map(|h| map_leaves(h, leaf)).collect::<Option<_>>()?)
        }
        HirKind::Class(_) | HirKind::Literal(_) | HirKind::Empty | HirKind::Look(_) => leaf(hir)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn both(pattern: &str) -> (Regex, Regex) {
        let twin = twin(pattern).unwrap();
        (Regex::new(pattern).unwrap(), Regex::new(&twin).unwrap())
    }

    #[test]
    fn the_twin_matches_ascii_text_as_the_pattern_does() {
        let cases = [
            (
                r"(?i)ignore\s(?:all\s)?previous\sinstructions",
                "Please IGNORE all previous instructions now",
            ),
            (r"\p{L}+[^\p{L}\p{N}.!?;]{1,4}(?P<x>\p{L}+)", "send it, to me. twice"),
            (r"(?i)k\w+", "Kelvin kilo"),
            (r"[^\n]{0,20}x", "abc\ndefx"),
            (r"(?:über|uber)\s+alles", "uber alles"),
        ];
        for (pattern, hay) in cases {
            let (full, twin) = both(pattern);
            let a: Vec<_> = full.captures_iter(hay).map(|c| format!("{c:?}")).collect();
            let b: Vec<_> = twin.captures_iter(hay).map(|c| format!("{c:?}")).collect();
            assert_eq!(a, b, "{pattern} on {hay:?}");
            assert!(!a.is_empty(), "{pattern} should match {hay:?}");
        }
    }

    #[test]
    fn the_twin_drops_what_only_non_ascii_text_can_match() {
        let (full, twin) = both(r"(?:über|\p{Greek}+)\s+alles");
        assert!(full.is_match("über alles") && full.is_match("λόγος alles"));
        assert!(!twin.is_match("über alles") && !twin.is_match("λόγος alles"));
        // A pattern left with nothing that can match still compiles.
        let (_, twin) = both(r"ü");
        assert!(!twin.is_match("u ü"));
    }

    #[test]
    fn captures_keep_their_names_and_indexes() {
        let (full, twin) = both(r"(a)(?P<x>b)(?:c)(?P<y>d)?");
        let names = |r: &Regex| r.capture_names().map(|n| n.map(str::to_owned)).collect::<Vec<_>>();
        assert_eq!(names(&full), names(&twin));
    }
}
