//! A rewritten pattern tree back to pattern text, exactly.
//!
//! The ASCII twins (`ascii`), the small forms (`symbols`) and the relaxed tests
//! (`relax`) parse a rule's pattern, rewrite the tree and compile its text. The tree's
//! own `Display` (regex-syntax 0.8) does not group a repetition whose operand is itself
//! a repetition: `(?:[a-c]{1,4})?` prints as `[a-c]{1,4}?`, which parses back as a lazy
//! `{1,4}`: one to four, not none to four. A rewritten rule then matched less than the
//! rule. This printer wraps every sequence, alternation and repetition operand in a
//! non-capturing group, which the parser drops again, and leaves the leaves (classes,
//! literals, look-arounds) to `Display`, which prints those alone correctly.

use std::fmt::Write;

use regex_syntax::hir::{Hir, HirKind};

/// `hir` as pattern text that parses back to the same tree.
pub(crate) fn pattern(hir: &Hir) -> String {
    let mut out = String::new();
    write(hir, &mut out);
    out
}

fn write(hir: &Hir, out: &mut String) {
    match hir.kind() {
        HirKind::Empty => out.push_str("(?:)"),
        HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => {
            // A literal of several characters prints as its characters: group it, so a
            // repetition after it repeats all of them.
            out.push_str("(?:");
            let _ = write!(out, "{hir}");
            out.push(')');
        }
        HirKind::Capture(c) => {
            match &c.name {
                Some(name) => {
                    let _ = write!(out, "(?P<{name}>");
                }
                None => out.push('('),
            }
            write(&c.sub, out);
            out.push(')');
        }
        HirKind::Repetition(r) => {
            out.push_str("(?:");
            write(&r.sub, out);
            out.push(')');
            match (r.min, r.max) {
                (0, Some(1)) => out.push('?'),
                (0, None) => out.push('*'),
                (1, None) => out.push('+'),
                (min, None) => {
                    let _ = write!(out, "{{{min},}}");
                }
                (min, Some(max)) if min == max => {
                    let _ = write!(out, "{{{min}}}");
                }
                (min, Some(max)) => {
                    let _ = write!(out, "{{{min},{max}}}");
                }
            }
            if !r.greedy {
                out.push('?');
            }
        }
        HirKind::Concat(children) => {
            out.push_str("(?:");
            for c in children {
                write(c, out);
            }
            out.push(')');
        }
        HirKind::Alternation(children) => {
            out.push_str("(?:");
            for (i, c) in children.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                write(c, out);
            }
            out.push(')');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(p: &str) -> Hir {
        regex_syntax::ParserBuilder::new().build().parse(p).unwrap()
    }

    /// The printed tree parses back to the tree (the engine's patterns compile from it).
    fn round_trips(p: &str) -> bool {
        let h = parse(p);
        parse(&pattern(&h)) == h
    }

    #[test]
    fn nested_repetitions_keep_their_meaning() {
        for p in [
            "(?:a{1,4})?",
            "(?:[a-c]{1,4})?x",
            "(?:a+)?",
            "(?:a+?)*",
            "(?:a{2})*",
            "(?:a?)+",
            "(?:ab)+",
            r"(?:\s{1,3}){0,2}?",
        ] {
            assert!(round_trips(p), "{p} -> {}", pattern(&parse(p)));
        }
        // What `Display` makes of the first: a different pattern.
        assert_ne!(parse(&parse("(?:a{1,4})?").to_string()), parse("(?:a{1,4})?"));
    }

    #[test]
    fn every_kind_of_node_round_trips() {
        for p in [
            "",
            "abc",
            r"(?i)ignore\s(?:all\s)?previous",
            r"(?m)^\s*note:$",
            r"\bword\b",
            r"(?P<x>send|forward)\s(it)",
            r"[^\p{L}\p{N}.!?;]{1,4}",
            "a|b|",
            r"\x{4E00}[一-鿿]+?",
        ] {
            assert!(round_trips(p), "{p} -> {}", pattern(&parse(p)));
        }
    }

    #[test]
    fn every_rule_and_its_rewritten_forms_round_trip() {
        let mut checked = 0;
        for (id, p) in super::super::rule_patterns() {
            let forms = [
                Some(p.clone()),
                super::super::ascii::twin(&p),
                super::super::symbol_stand_ins().small_form(&p),
                super::super::relax::relaxed(&p),
            ];
            for form in forms.into_iter().flatten() {
                assert!(round_trips(&form), "{id}: {form}");
                checked += 1;
            }
        }
        assert!(checked > 400, "{checked}");
    }
}
