//! The automaton that finds the gate's patterns (pieces, further sets, context words)
//! in a window's stream: the first half of the engine's first stage.
//!
//! Two forms, the same hits. A compact NFA over every pattern is built at start: ~1 MB
//! and ~12 ms, which every `mcpward scan` pays. A DFA runs about twice as fast alone
//! (~5 ms against ~11 ms a pass over the real outputs' stream; `profile_scan -- pieces`
//! times both builds and passes), and in place `profile_scan -- gate` went from ~18 to
//! ~13 ms/MB. But it takes ~48 ms and ~17 MB to build, more than a short scan saves; so
//! it is built once a process has
//! scanned [`FAST_AFTER`] bytes (a proxy, or a large input) or asked for it with
//! `warm_up`. Only the ASCII patterns go into the DFA: the few hundred holding non-ASCII
//! letters would double its alphabet and its size, and they cannot occur in a stream
//! that is all ASCII, so a small NFA of them runs only around the non-ASCII bytes of
//! a stream that has some.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::window::non_ascii_runs;

/// Bytes a process scans before the fast form is built: its ~50 ms then cost less than
/// what the compact form would lose on what is left.
pub(crate) const FAST_AFTER: usize = 4 << 20;

pub(crate) struct PieceFinder {
    /// Every pattern, in the order of `ids`.
    compact: AhoCorasick,
    /// For each automaton pattern, its index among the gate's patterns.
    ids: Vec<usize>,
    patterns: Vec<Vec<u8>>,
    fast: OnceLock<Option<Fast>>,
    scanned: AtomicUsize,
}

struct Fast {
    ascii: AhoCorasick,
    ascii_ids: Vec<usize>,
    /// The patterns holding a non-ASCII byte (`None`: there are none).
    other: Option<AhoCorasick>,
    other_ids: Vec<usize>,
    /// The longest of those patterns.
    other_longest: usize,
}

impl PieceFinder {
    /// The finder of `patterns`, which stand for the gate's patterns `ids`; `None` when
    /// the automaton cannot be built (the engine then finds nothing, as before).
    pub(crate) fn new(patterns: Vec<Vec<u8>>, ids: Vec<usize>) -> Option<PieceFinder> {
        let compact = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .ok()?;
        Some(PieceFinder {
            compact,
            ids,
            patterns,
            fast: OnceLock::new(),
            scanned: AtomicUsize::new(0),
        })
    }

    /// The finder of the gate's `patterns` as the engine searches them: every pattern
    /// but the blank ones (a space is in every stream; the engine marks those seen).
    pub(crate) fn of_gate(patterns: &[Vec<u8>]) -> Option<PieceFinder> {
        let searched: Vec<usize> = (0..patterns.len())
            .filter(|&i| patterns[i].iter().any(|&b| b != b' '))
            .collect();
        PieceFinder::new(searched.iter().map(|&i| patterns[i].clone()).collect(), searched)
    }

    /// [`PieceFinder::each`] with the compact form, or (`fast`) with the fast form,
    /// built first if need be: for timing the two apart (`coverage::piece_automata`).
    pub(crate) fn each_in_form(&self, fast: bool, units: &[u8], ascii: bool, mut hit: impl FnMut(usize, Range<usize>)) {
        let form = if fast { self.fast() } else { None };
        self.each_with(form, units, ascii, &mut hit);
    }

    /// Builds the fast form now (for a process that will scan a lot).
    pub(crate) fn warm(&self) {
        let _ = self.fast();
    }

    /// Counts `bytes` as scanned, building the fast form once the total passes
    /// [`FAST_AFTER`].
    pub(crate) fn note_scanned(&self, bytes: usize) {
        let before = self.scanned.fetch_add(bytes, Ordering::Relaxed);
        if before.saturating_add(bytes) >= FAST_AFTER {
            self.warm();
        }
    }

    fn fast(&self) -> Option<&Fast> {
        self.fast.get_or_init(|| self.build_fast()).as_ref()
    }

    fn build_fast(&self) -> Option<Fast> {
        let (ascii, other): (Vec<usize>, Vec<usize>) =
            (0..self.patterns.len()).partition(|&k| self.patterns[k].is_ascii());
        let build = |ks: &[usize], kind| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(kind))
                .build(ks.iter().map(|&k| &self.patterns[k]))
                .ok()
        };
        let ascii_dfa = build(&ascii, AhoCorasickKind::DFA)?;
        let other_nfa = if other.is_empty() {
            None
        } else {
            Some(build(&other, AhoCorasickKind::ContiguousNFA)?)
        };
        Some(Fast {
            ascii: ascii_dfa,
            ascii_ids: ascii.iter().map(|&k| self.ids[k]).collect(),
            other: other_nfa,
            other_longest: other.iter().map(|&k| self.patterns[k].len()).max().unwrap_or(0),
            other_ids: other.iter().map(|&k| self.ids[k]).collect(),
        })
    }

    /// Calls `hit` with the gate pattern and the range of every occurrence of every
    /// pattern in `units` (overlapping ones included; in no promised order). `ascii`:
    /// whether every unit is ASCII.
    pub(crate) fn each(&self, units: &[u8], ascii: bool, mut hit: impl FnMut(usize, Range<usize>)) {
        self.each_with(self.fast.get().and_then(Option::as_ref), units, ascii, &mut hit);
    }

    fn each_with(&self, fast: Option<&Fast>, units: &[u8], ascii: bool, hit: &mut impl FnMut(usize, Range<usize>)) {
        let Some(fast) = fast else {
            for m in self.compact.find_overlapping_iter(units) {
                hit(self.ids[m.pattern().as_usize()], m.start()..m.end());
            }
            return;
        };
        for m in fast.ascii.find_overlapping_iter(units) {
            hit(fast.ascii_ids[m.pattern().as_usize()], m.start()..m.end());
        }
        let Some(other) = fast.other.as_ref().filter(|_| !ascii) else {
            return;
        };
        // A pattern with a non-ASCII byte occurs only around such a byte of the stream:
        // search just there (most text has a few, far apart), in the runs' neighbourhoods
        // merged, so that no occurrence is found twice.
        let reach = fast.other_longest.saturating_sub(1);
        let mut spans: Vec<Range<usize>> = Vec::new();
        for run in non_ascii_runs(units) {
            let span = run.start.saturating_sub(reach)..(run.end + reach).min(units.len());
            match spans.last_mut() {
                Some(last) if span.start <= last.end => last.end = span.end,
                _ => spans.push(span),
            }
        }
        for span in spans {
            for m in other.find_overlapping_iter(&units[span.clone()]) {
                hit(
                    fast.other_ids[m.pattern().as_usize()],
                    span.start + m.start()..span.start + m.end(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(f: &PieceFinder, fast: bool, units: &[u8]) -> Vec<(usize, Range<usize>)> {
        let mut out = Vec::new();
        f.each_in_form(fast, units, units.is_ascii(), |p, r| out.push((p, r)));
        out.sort_by_key(|(p, r)| (r.start, r.end, *p));
        out
    }

    #[test]
    fn both_forms_find_the_same_hits() {
        let patterns: Vec<Vec<u8>> = ["send", "send all", "all", "für", "ür d", " ai ", "ai"]
            .iter()
            .map(|p| p.as_bytes().to_vec())
            .collect();
        let ids: Vec<usize> = (100..100 + patterns.len()).collect();
        let f = PieceFinder::new(patterns, ids).unwrap();
        // Non-ASCII runs near each other (their neighbourhoods merge) and far apart.
        let far = format!("für{}für", " x".repeat(40));
        for text in [
            " send all of it to ai ",
            " für die ai send all ",
            " für für ür d ",
            &far,
            " nothing here ",
            "",
        ] {
            let compact = hits(&f, false, text.as_bytes());
            assert_eq!(compact, hits(&f, true, text.as_bytes()), "{text:?}");
        }
        assert_eq!(hits(&f, true, far.as_bytes()).len(), 2);
        assert_eq!(hits(&f, true, " für für ür d ".as_bytes()).len(), 3);
        assert_eq!(hits(&f, true, " für die ".as_bytes()).len(), 2);
    }

    #[test]
    fn the_engine_finds_the_same_hits_with_both_forms() {
        // The corpus's injections, in English and the other languages the rules read. A
        // finder of its own, built as the engine builds its one: asking the engine's for
        // the fast form would switch every later test of this process to it.
        let patterns = &super::super::engine().gate_pieces;
        let f = &PieceFinder::of_gate(patterns).unwrap();
        let (mut checked, mut non_ascii) = (0, 0);
        for text in &super::super::gate_tests::texts() {
            let stream = super::super::window::Stream::new(text, 0..text.len());
            let compact = hits(f, false, &stream.units);
            checked += compact.len();
            non_ascii += compact.iter().filter(|(p, _)| !patterns[*p].is_ascii()).count();
            assert_eq!(compact, hits(f, true, &stream.units));
        }
        assert!(
            checked > 5_000 && non_ascii > 50,
            "only {checked} hits, {non_ascii} of non-ASCII patterns"
        );
    }

    #[test]
    fn the_fast_form_is_built_after_enough_text() {
        let f = PieceFinder::new(vec![b"abc".to_vec()], vec![0]).unwrap();
        f.note_scanned(FAST_AFTER - 1);
        assert!(f.fast.get().is_none());
        f.note_scanned(1);
        assert!(f.fast.get().is_some_and(Option::is_some));
    }
}
