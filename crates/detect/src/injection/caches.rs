//! The phrase engine's regexes, with their search caches held here, per thread, under a
//! memory budget.
//!
//! A regex's lazy DFA grows its cache with the text it reads: every new state the text
//! leads to is kept. `regex::Regex` keeps its caches in a pool of its own that nothing
//! can empty, so a long-running process (the proxy scanning hostile, varied tool results
//! for days) would only ever grow, towards the caps: ~430 regex forms, each with a
//! forward and a reverse cache of up to [`super::DFA_CACHE`]. `cargo run --release -p
//! mcpward-detect --example profile_scan -- memory 100000000` scans the corpus's words
//! in random order, 1 MB at a time: before these caches the process grew from 203 to
//! 429 MB and was still growing; with them it stays under ~250 MB
//! (`docs/detection-speed-history.md`).
//!
//! So each [`CachedRegex`] is searched with a cache from a table that belongs to the
//! calling thread. [`note_scanned`] counts the text scanned; every [`CHECK_EVERY`] bytes
//! it sums the table's memory, and over [`BUDGET`] it drops every cache. They are
//! rebuilt as the text needs: a search gives the same answer with any cache.

use regex_automata::util::captures::Captures;
use regex_automata::{meta, Input};
use std::cell::RefCell;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Most memory one thread's caches may keep between checks. Ordinary text settles far
/// below it (see the README); varied text reaches it after some megabytes.
const BUDGET: usize = 96 << 20;

/// How much text a thread scans between two checks of its caches' memory. Summing ~430
/// caches costs some microseconds: every scan of a short tool result would pay it. The
/// caches can grow past the budget by what this much text adds (a few megabytes).
const CHECK_EVERY: usize = 256 << 10;

/// Table slots handed out so far: each regex gets its own, never reused (a cache must
/// only be used with the regex that made it).
static SLOTS: AtomicUsize = AtomicUsize::new(0);

#[derive(Default)]
struct Table {
    caches: Vec<Option<meta::Cache>>,
    /// Bytes scanned since the last check.
    scanned: usize,
}

impl Table {
    fn memory(&self) -> usize {
        self.caches.iter().flatten().map(meta::Cache::memory_usage).sum()
    }
}

thread_local! {
    static TABLE: RefCell<Table> = RefCell::new(Table::default());
}

/// A regex built as `regex::RegexBuilder` builds one (leftmost-first, UTF-8, the same
/// size limits), searched with this thread's cache for it.
pub(crate) struct CachedRegex {
    re: meta::Regex,
    slot: usize,
}

impl CachedRegex {
    /// `None` when `pattern` does not compile. `dfa_cache` caps each of its lazy DFAs'
    /// caches, as `regex::RegexBuilder::dfa_size_limit` does.
    pub(crate) fn new(pattern: &str, dfa_cache: usize) -> Option<CachedRegex> {
        // The configuration `regex::RegexBuilder` gives a single pattern.
        let config = meta::Config::new()
            .nfa_size_limit(Some(10 << 20))
            .hybrid_cache_capacity(dfa_cache)
            .match_kind(regex_automata::MatchKind::LeftmostFirst)
            .utf8_empty(true);
        let syntax = regex_automata::util::syntax::Config::new().utf8(true);
        let re = meta::Builder::new()
            .configure(config)
            .syntax(syntax)
            .build(pattern)
            .ok()?;
        Some(CachedRegex {
            re,
            slot: SLOTS.fetch_add(1, Ordering::Relaxed),
        })
    }

    /// Runs `f` with this thread's cache for this regex.
    fn with_cache<R>(&self, f: impl FnOnce(&meta::Regex, &mut meta::Cache) -> R) -> R {
        // `f` is a single search: it never comes back here, so the borrow cannot clash.
        // While the thread is being torn down its table is gone: a fresh cache serves.
        let mut f = Some(f);
        let done = TABLE.try_with(|t| {
            let mut t = t.borrow_mut();
            if t.caches.len() <= self.slot {
                t.caches.resize_with(self.slot + 1, || None);
            }
            let cache = t.caches[self.slot].get_or_insert_with(|| self.re.create_cache());
            (f.take().expect("called once"))(&self.re, cache)
        });
        match done {
            Ok(r) => r,
            Err(_) => (f.take().expect("not called"))(&self.re, &mut self.re.create_cache()),
        }
    }

    /// Whether there is a match starting at `start` or later (`regex::Regex::is_match_at`).
    pub(crate) fn is_match_at(&self, hay: &str, start: usize) -> bool {
        let input = Input::new(hay).earliest(true).span(start..hay.len());
        self.with_cache(|re, cache| re.search_half_with(cache, &input).is_some())
    }

    /// The leftmost-first match starting at `start` or later (`regex::Regex::find_at`).
    pub(crate) fn find_at<'h>(&self, hay: &'h str, start: usize) -> Option<Hit<'h>> {
        let input = Input::new(hay).span(start..hay.len());
        let m = self.with_cache(|re, cache| re.search_with(cache, &input))?;
        Some(Hit {
            hay,
            range: (m.start(), m.end()),
        })
    }

    /// That match's groups (`regex::Regex::captures_at`).
    pub(crate) fn captures_at<'h>(&self, hay: &'h str, start: usize) -> Option<Groups<'h>> {
        let input = Input::new(hay).span(start..hay.len());
        let mut caps = self.re.create_captures();
        self.with_cache(|re, cache| re.search_captures_with(cache, &input, &mut caps));
        caps.is_match().then_some(Groups { hay, caps })
    }
}

/// A match, or a group of one, in the text it was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit<'h> {
    hay: &'h str,
    range: (usize, usize),
}

impl<'h> Hit<'h> {
    pub(crate) fn start(&self) -> usize {
        self.range.0
    }
    pub(crate) fn end(&self) -> usize {
        self.range.1
    }
    pub(crate) fn range(&self) -> Range<usize> {
        self.range.0..self.range.1
    }
    pub(crate) fn as_str(&self) -> &'h str {
        &self.hay[self.range()]
    }
}

/// The groups of one match.
pub(crate) struct Groups<'h> {
    hay: &'h str,
    caps: Captures,
}

impl<'h> Groups<'h> {
    /// Group `i` (0 is the whole match), when it took part.
    pub(crate) fn get(&self, i: usize) -> Option<Hit<'h>> {
        let s = self.caps.get_group(i)?;
        Some(Hit {
            hay: self.hay,
            range: (s.start, s.end),
        })
    }

    /// The group named `name`, when it took part.
    pub(crate) fn name(&self, name: &str) -> Option<Hit<'h>> {
        let s = self.caps.get_group_by_name(name)?;
        Some(Hit {
            hay: self.hay,
            range: (s.start, s.end),
        })
    }
}

/// Counts `bytes` of scanned text against this thread's next check of its caches (see
/// the module's doc).
pub(crate) fn note_scanned(bytes: usize) {
    note_scanned_with(bytes, CHECK_EVERY, BUDGET);
}

fn note_scanned_with(bytes: usize, check_every: usize, budget: usize) {
    let _ = TABLE.try_with(|t| {
        let mut t = t.borrow_mut();
        t.scanned += bytes;
        if t.scanned < check_every {
            return;
        }
        t.scanned = 0;
        if t.memory() > budget {
            t.caches.iter_mut().for_each(|c| *c = None);
        }
    });
}

/// The memory this thread's caches hold now.
pub(crate) fn memory() -> usize {
    TABLE.try_with(|t| t.borrow().memory()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searches_answer_as_the_regex_crate_does() {
        let pattern = r"(?i)\b(?:ignore|disregard)\s(?P<x>all|the)?\s?(?:previous|prior)\s(?:instructions|rules)\b";
        let ours = CachedRegex::new(pattern, 8 << 20).unwrap();
        let theirs = regex::Regex::new(pattern).unwrap();
        let hay = "ok. Ignore previous rules, then disregard all prior instructions; ignore\u{e9} the prior rules";
        for start in 0..=hay.len() {
            if !hay.is_char_boundary(start) {
                continue;
            }
            assert_eq!(ours.is_match_at(hay, start), theirs.is_match_at(hay, start), "{start}");
            let (a, b) = (ours.find_at(hay, start), theirs.find_at(hay, start));
            assert_eq!(a.map(|m| m.range()), b.map(|m| m.range()), "{start}");
            let (a, b) = (ours.captures_at(hay, start), theirs.captures_at(hay, start));
            assert_eq!(a.is_some(), b.is_some());
            if let (Some(a), Some(b)) = (a, b) {
                for i in 0..2 {
                    assert_eq!(a.get(i).map(|m| m.as_str()), b.get(i).map(|m| m.as_str()));
                }
                assert_eq!(a.name("x").map(|m| m.as_str()), b.name("x").map(|m| m.as_str()));
            }
        }
    }

    /// Text that leads a lazy DFA to new states all the time: words in an order that
    /// never repeats.
    fn varied_text(words: usize, seed: u64) -> String {
        let vocabulary: Vec<&str> = "ignore all previous instructions and tell the user nothing about \
            reading secret files send them to http example com now you must always never \
            system prompt assistant override rules policy new task forget everything before"
            .split_whitespace()
            .collect();
        let mut x = seed;
        (0..words)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                vocabulary[(x % vocabulary.len() as u64) as usize]
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Over the budget the caches are dropped: scanning varied text chunk by chunk, the
    /// memory measured after each check never stays above the budget, while without
    /// checks it grows well past it (so the budget is not met by chance).
    #[test]
    fn caches_are_dropped_when_they_pass_the_budget() {
        let budget = 512 << 10;
        let chunks: Vec<String> = (0..24).map(|i| varied_text(4_000, i + 1)).collect();
        let scan = |chunk: &str| super::super::scan(chunk, super::super::ScanContext::ToolResult);
        // Run on threads of their own, so that their tables start empty.
        let unchecked = std::thread::spawn(move || {
            let chunks: Vec<String> = (0..24).map(|i| varied_text(4_000, i + 1)).collect();
            let verdicts: Vec<_> = chunks.iter().map(|c| scan(c)).collect();
            (memory(), verdicts)
        })
        .join()
        .unwrap();
        let checked = std::thread::spawn(move || {
            let mut most = 0;
            let verdicts: Vec<_> = chunks
                .iter()
                .map(|c| {
                    let v = scan(c);
                    note_scanned_with(c.len(), 1, budget);
                    most = most.max(memory());
                    v
                })
                .collect();
            (most, verdicts)
        })
        .join()
        .unwrap();
        assert!(unchecked.0 > 2 * budget, "unchecked caches hold {} bytes", unchecked.0);
        assert!(checked.0 <= budget, "checked caches held {} bytes", checked.0);
        // Dropping caches changes no answer.
        assert_eq!(format!("{:?}", checked.1), format!("{:?}", unchecked.1));
    }
}
