//! The gate's promise checked against real text: every match of every rule, found by
//! searching the whole normalised text, lies within the rule's reach and contains one of
//! its pieces in the gate stream. A rule whose pattern the derivation misreads fails
//! here with the match that escaped.

use std::path::Path;

use super::{engine, window};

/// Strings from the labelled corpus where the rules match: malicious tool descriptions
/// and injected outputs (JSON string values), plus whole files.
pub(super) fn texts() -> Vec<String> {
    use crate::hidden::dump_inputs::{files_under, json_file_strings};
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files = Vec::new();
    for dir in ["malicious", "injected"] {
        files_under(&root.join(dir), &mut files);
    }
    let mut out = Vec::new();
    for path in files {
        if let Ok(text) = std::fs::read_to_string(&path) {
            json_file_strings(&text, false, &mut out);
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Every match of every gated rule in the corpus texts: the rule's index, the rule,
/// the match, and the gate stream of the match alone.
fn for_each_gated_match(mut f: impl FnMut(usize, &super::CompiledRule, &str, &[u8])) {
    let e = engine();
    let texts = texts();
    assert!(texts.len() > 300, "corpus not found: {} texts", texts.len());
    let ungated: Vec<usize> = e.ungated.iter().map(|&id| id as usize).collect();
    let mut checked = 0;
    for text in &texts {
        let norm = super::search_views(text);
        for (i, rule) in e.rules.iter().enumerate() {
            if ungated.contains(&i) {
                continue;
            }
            let hay = match rule.view {
                super::View::Light => norm.text.as_str(),
                super::View::Folded => norm.folded.as_str(),
            };
            let Some(re) = rule.regex(false) else {
                panic!("{} does not compile", rule.id)
            };
            for m in window::in_area(re, hay, 0..hay.len()) {
                checked += 1;
                let span = norm.original_range(m.range());
                let stream = window::Stream::new(text, span);
                f(i, rule, m.as_str(), &stream.units);
            }
        }
    }
    assert!(checked > 500, "only {checked} matches checked");
}

/// Where each piece of `pieces` occurs in `units`.
fn occurrences<'p>(units: &[u8], pieces: &[&'p [u8]]) -> Vec<(usize, &'p [u8])> {
    let mut out = Vec::new();
    for &p in pieces {
        out.extend(
            units
                .windows(p.len())
                .enumerate()
                .filter(|(_, w)| *w == p)
                .map(|(at, _)| (at, p)),
        );
    }
    out
}

/// The pieces of each search (`per_pattern`: the searches of each gate pattern), or of
/// each further set (`per_pattern`: the sets of each gate pattern).
fn sets_of<'e>(e: &'e super::Engine, per_pattern: &'e [Vec<u32>], count: usize) -> Vec<Vec<&'e [u8]>> {
    let mut sets: Vec<Vec<&[u8]>> = vec![Vec::new(); count];
    for (piece, ids) in e.gate_pieces.iter().zip(per_pattern) {
        for &id in ids {
            sets[id as usize].push(piece);
        }
    }
    sets
}

#[test]
fn every_match_lies_within_reach_of_a_piece() {
    let e = engine();
    let pieces_of = sets_of(e, &e.piece_searches, e.rules.len() + 2);
    for_each_gated_match(|i, rule, matched, units| {
        assert!(
            matched.len() <= rule.reach.max(1),
            "{}: match of {} bytes beyond its reach {}: {matched:?}",
            rule.id,
            matched.len(),
            rule.reach,
        );
        // A piece, no farther from the match's edges than the rule's sides say (the
        // stream has a space at each end that the match does not).
        let last = units.len().saturating_sub(1);
        let found = occurrences(units, &pieces_of[i]).iter().any(|&(at, p)| {
            at.saturating_sub(1) <= rule.left.any && last.saturating_sub(at + p.len()) <= rule.right.any
        });
        assert!(
            found,
            "{}: no piece within reach in the stream of its match {matched:?} (stream {:?})",
            rule.id,
            String::from_utf8_lossy(units)
        );
    });
}

/// What the further sets rely on (see `gate::Second`): a match holds a piece, and for
/// each further set of its rule a piece of that set on the side the set stands on,
/// overlapping the piece by one unit at most.
#[test]
fn every_match_holds_a_piece_of_each_further_set_on_its_side() {
    let e = engine();
    let pieces_of = sets_of(e, &e.piece_searches, e.rules.len() + 2);
    let set_pieces = sets_of(e, &e.piece_sets, e.set_after.len());
    let mut checked = 0;
    for_each_gated_match(|i, rule, matched, units| {
        let pieces = occurrences(units, &pieces_of[i]);
        for &k in &e.search_sets[i] {
            checked += 1;
            let after = e.set_after[k as usize];
            let further = occurrences(units, &set_pieces[k as usize]);
            let found = pieces.iter().any(|&(at, p)| {
                further.iter().any(|&(bt, q)| {
                    if after {
                        bt + 1 >= at + p.len()
                    } else {
                        bt + q.len() <= at + 1
                    }
                })
            });
            assert!(
                found,
                "{}: no piece of set {k} {} its piece in the stream of its match {matched:?} (stream {:?})",
                rule.id,
                if after { "after" } else { "before" },
                String::from_utf8_lossy(units)
            );
        }
    });
    assert!(checked > 300, "only {checked} (match, set) pairs checked");
}

#[test]
fn only_known_rules_run_ungated() {
    // A new rule that no piece can gate runs on every window of every text: it must be
    // a decision, not an accident.
    let e = engine();
    let mut names: Vec<&str> = e.ungated.iter().map(|&id| e.search_name(id)).collect();
    names.sort();
    assert_eq!(
        names,
        vec![
            "fake-authority.addressing-the-model",
            "fake-authority.chat-template",
            "fake-authority.vocative",
            "tool-shadowing.when-other-tool",
        ]
    );
}

/// Reaches and sides are capped at the windows' overlap (a match longer than that
/// could not be found across a window boundary anyway). Inside one window, though, a
/// match longer than its capped reach could fall outside its area: so no rule may
/// reach further than the overlap, and the cap never bites.
#[test]
fn no_rule_reaches_further_than_the_window_overlap() {
    let e = engine();
    let names: Vec<&str> = e.capped.iter().map(|&id| e.search_name(id)).collect();
    assert!(
        names.is_empty(),
        "reach or sides beyond the overlap ({}): {names:?}",
        super::OVERLAP
    );
}

/// What widening areas over long runs relies on (see `gate::UNBOUNDED_REPEAT`): every
/// unbounded repetition in a rule repeats either characters that are never blank, or
/// only separators (which the stream writes as one unit however many there are).
#[test]
fn unbounded_repetitions_are_blank_free_or_separators() {
    use regex_syntax::hir::{Class, Hir, HirKind};
    fn chars_of(h: &Hir, out: &mut Vec<(char, char)>) -> bool {
        match h.kind() {
            HirKind::Literal(l) => match std::str::from_utf8(&l.0) {
                Ok(s) => {
                    out.extend(s.chars().map(|c| (c, c)));
                    true
                }
                Err(_) => false,
            },
            HirKind::Class(Class::Unicode(u)) => {
                out.extend(u.iter().map(|r| (r.start(), r.end())));
                true
            }
            HirKind::Class(Class::Bytes(b)) => {
                out.extend(b.iter().map(|r| (char::from(r.start()), char::from(r.end()))));
                true
            }
            HirKind::Capture(c) => chars_of(&c.sub, out),
            HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().all(|x| chars_of(x, out)),
            HirKind::Repetition(r) => chars_of(&r.sub, out),
            HirKind::Empty | HirKind::Look(_) => true,
        }
    }
    fn check(h: &Hir, id: &str, bad: &mut Vec<String>) {
        match h.kind() {
            HirKind::Repetition(r) => {
                if r.max.is_none() {
                    let mut ranges = Vec::new();
                    let known = chars_of(&r.sub, &mut ranges);
                    let has = |f: &dyn Fn(char) -> bool| {
                        ranges
                            .iter()
                            .any(|&(lo, hi)| (lo as u32..=hi as u32).filter_map(char::from_u32).any(f))
                    };
                    let blank = has(&|c: char| c.is_whitespace());
                    let kept = has(&|c: char| !super::gate::is_separator(c));
                    if !known || (blank && kept) {
                        bad.push(format!("{id}: {}", r.sub));
                    }
                }
                check(&r.sub, id, bad);
            }
            HirKind::Capture(c) => check(&c.sub, id, bad),
            HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().for_each(|x| check(x, id, bad)),
            _ => {}
        }
    }
    let e = engine();
    let mut bad = Vec::new();
    for rule in &e.rules {
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(&rule.pattern)
            .expect("rules parse");
        check(&hir, rule.id, &mut bad);
    }
    assert!(
        bad.is_empty(),
        "unbounded repetitions holding blanks and words: {bad:#?}"
    );
}

thread_local! {
    /// When set, every search runs on whole windows (see `areas`): the reference.
    pub(super) static WHOLE_WINDOWS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The gated engine against the same engine searching every rule over whole windows,
/// on corpus injections disguised the ways the gate could get wrong: padding between
/// words (long junk words, runs of blanks, newlines, invisible characters), leetspeak
/// and case, JSON escapes, text before and after, and positions across window
/// boundaries. Any signal the reference finds and the gate misses is a gate bug.
#[test]
fn gated_scans_find_what_whole_window_scans_find() {
    use crate::injection::{scan, ScanContext};
    let mut rng = crate::hidden::dump_inputs::support::Rng::new(0x9E37_79B9_7F4A_7C15);
    let mut next = move |n: usize| rng.below(n);
    let samples: Vec<String> = texts().into_iter().filter(|t| t.len() < 600).collect();
    assert!(samples.len() > 200);
    // Junk words longer than the gate's bound for an unbounded repetition, and longer
    // than all of a rule's gap words together may be.
    let junk = format!(" {} ", "x".repeat(900));
    let joined = format!(" {} ", "x-".repeat(450));
    let pads = [
        junk.as_str(),
        joined.as_str(),
        " ",
        "   \n\n  ",
        "\u{200B}",
        " — ",
        " ¡ ",
    ];
    let mut checked = 0;
    let mut missed = Vec::new();
    for (k, sample) in samples.iter().enumerate() {
        // Disguise: replace some spaces by a padding, change case, maybe leet.
        let mut t = String::new();
        for (i, word) in sample.split(' ').enumerate() {
            if i > 0 {
                t.push_str(if next(4) == 0 { pads[next(pads.len())] } else { " " });
            }
            match next(15) {
                0 => t.push_str(&word.to_uppercase()),
                1 => t.push_str(&word.replace('e', "3").replace('o', "0")),
                // Full-width letters (NFKC folds them back).
                2 => t.extend(word.chars().map(|c| match c {
                    'a'..='z' => char::from_u32(c as u32 - 'a' as u32 + 0xFF41).unwrap_or(c),
                    c => c,
                })),
                // Cyrillic look-alikes.
                3 => t.push_str(
                    &word
                        .replace('a', "\u{430}")
                        .replace('o', "\u{43E}")
                        .replace('e', "\u{435}"),
                ),
                // Split by a soft hyphen in the middle.
                4 if word.len() > 3 && word.is_char_boundary(2) => {
                    t.push_str(&word[..2]);
                    t.push('\u{AD}');
                    t.push_str(&word[2..]);
                }
                // Glued to a `@` or `$` (the stream folds them into the word, the light
                // view keeps them), to letters of another script, to a digit, or
                // between sentence ends.
                5 => t.push_str(&format!("x@{word}")),
                6 => t.push_str(&format!("{word}$s")),
                7 => t.push_str(&format!("é{word}ß")),
                8 => t.push_str(&format!("{word}4u")),
                9 => t.push_str(&format!(".{word}.")),
                _ => t.push_str(word),
            }
        }
        // Sometimes put it right across the first window boundary.
        let text = if k % 12 == 0 {
            let lead = super::CHUNK - 1 - next(t.len().max(1));
            format!("{}{t} and then some ordinary text follows.", "z ".repeat(lead / 2))
        } else {
            format!("Tool result follows. {t} End of result.")
        };
        for ctx in [ScanContext::ToolResult, ScanContext::ToolDescription] {
            WHOLE_WINDOWS.with(|w| w.set(true));
            let reference = scan(&text, ctx);
            WHOLE_WINDOWS.with(|w| w.set(false));
            let gated = scan(&text, ctx);
            checked += 1;
            for s in &reference.signals {
                let found = gated
                    .signals
                    .iter()
                    .any(|g| g.kind == s.kind && g.span.start < s.span.end && s.span.start < g.span.end);
                if !found {
                    missed.push(format!(
                        "{:?} {:?} in {:?}",
                        s.kind,
                        s.evidence,
                        &text[text.len().saturating_sub(t.len() + 40)..]
                    ));
                }
            }
        }
    }
    assert!(checked > 400);
    assert!(
        missed.is_empty(),
        "{} signals missed by the gate, e.g. {:#?}",
        missed.len(),
        &missed[..missed.len().min(8)]
    );
}

/// `gates.bin` (see `gate_cache`) is exactly what the rules derive now: every rule's
/// gate, in the engine's order, and nothing else. With `MCPWARD_WRITE_GATES=1` the test
/// writes the file instead of failing (after a change to a rule or to the derivation).
#[test]
fn committed_gates_are_what_the_rules_derive() {
    use super::{gate, gate_cache, rule_defs};
    let defs = rule_defs();
    let jobs: Vec<(&str, super::View)> = defs.iter().map(|(d, p)| (p.as_str(), d.view)).collect();
    // derive_on never reads the file, so the file cannot vouch for itself.
    let derived = gate::derive_on(&jobs, 2);
    let entries: Vec<(u64, gate::Gate)> = jobs
        .iter()
        .zip(derived)
        .filter_map(|(&(p, view), g)| Some((gate_cache::key(p, view), g.ok()?)))
        .collect();
    assert_eq!(entries.len(), jobs.len(), "every rule's pattern parses");
    assert!(jobs.len() > 200, "only {} rules", jobs.len());
    let bytes = gate_cache::encode(&entries);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/injection/gates.bin");
    if std::env::var_os("MCPWARD_WRITE_GATES").is_some() {
        // This build holds the file as it was; the next one checks what was written.
        std::fs::write(&path, &bytes).expect("write gates.bin");
        return;
    }
    let committed = std::fs::read(&path).expect("gates.bin");
    assert!(
        committed == bytes,
        "gates.bin is not what the rules derive: MCPWARD_WRITE_GATES=1 cargo test -p mcpward-detect --lib committed_gates"
    );
    // What the file holds reads back as what was written, and the engine takes it.
    assert_eq!(gate_cache::decode(&bytes), Some(entries.clone()));
    let in_file = gate_cache::committed();
    for (&(p, view), (_, g)) in jobs.iter().zip(&entries) {
        assert_eq!(in_file.get(&gate_cache::key(p, view)), Some(g));
    }
}

/// Patterns the file lacks (a rule changed and the file not yet rewritten) are derived,
/// and every gate comes back in the order of the patterns, whichever way it was found.
#[test]
fn gates_the_file_lacks_are_derived_in_their_place() {
    use super::{gate, rule_defs, View};
    let defs = rule_defs();
    let (a, b) = (&defs[0], &defs[defs.len() - 1]);
    let jobs: Vec<(&str, View)> = vec![
        (a.1.as_str(), a.0.view),
        (r"(?i)\bno rule has this pattern\s+at all\b", View::Folded),
        (b.1.as_str(), b.0.view),
        (r"(?i)\bnor this one\b", View::Light),
        ("(unclosed", View::Light),
    ];
    let in_file = super::gate_cache::committed();
    let held: Vec<bool> = jobs
        .iter()
        .map(|&(p, view)| in_file.contains_key(&super::gate_cache::key(p, view)))
        .collect();
    assert_eq!(held, [true, false, true, false, false]);
    let gates = gate::derive_all(&jobs);
    assert!(gates[4].is_err());
    assert_eq!(gates, gate::derive_on(&jobs, 1));
}

#[test]
fn a_damaged_gates_file_is_refused_whole() {
    use super::{gate, gate_cache};
    let g = gate::Gate {
        pieces: vec![b"send all".to_vec(), b"forward".to_vec()],
        reach: 120,
        left: gate::Side { any: 10, ascii: 8 },
        right: gate::Side { any: 30, ascii: 20 },
        seconds: vec![gate::Second {
            pieces: vec![b"user".to_vec()],
            after: true,
        }],
    };
    let bytes = gate_cache::encode(&[(7, g.clone()), (9, g.clone())]);
    assert_eq!(gate_cache::decode(&bytes), Some(vec![(7, g.clone()), (9, g)]));
    // Every truncation, a byte too many, another magic: nothing at all, never a panic.
    for n in 0..bytes.len() {
        assert_eq!(gate_cache::decode(&bytes[..n]), None, "{n}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(gate_cache::decode(&longer), None);
    assert_eq!(gate_cache::decode(b"MWG0\x01\0\0\0"), None);
    // A count far beyond the file ends at the file's end.
    let mut huge = b"MWG1".to_vec();
    huge.extend_from_slice(&u32::MAX.to_le_bytes());
    huge.extend_from_slice(&[0xff; 64]);
    assert_eq!(gate_cache::decode(&huge), None);
}
