//! Where a rule can match, read from its own pattern.
//!
//! The phrase rules are built from everyday words ("tell the user", "send it to"), so
//! running each over every window costs a regex pass per rule. Instead, each rule's
//! syntax tree says two things the engine can use without trusting hand-written lists:
//! - **required pieces**: strings one of which every match contains. For
//!   `(?:ignore|disregard)\s(?:all\s)?previous\sinstructions` the candidates are
//!   {ignore, disregard}, {previous instructions} and {all previous instructions,
//!   previous instructions}…; the one rarest in ordinary text is chosen.
//! - **reach**: the longest a match can be, in bytes of the normalised view.
//!
//! A rule then runs only within its reach of one of its pieces (see [`super::scan_window`]).
//! When the pattern is a sequence, a **second set** from another part of it (the rarest
//! not overlapping the pieces' part; see [`Second`]) must also occur within that reach,
//! on its side of the piece: two everyday words in order are much rarer than one.
//!
//! Pieces live in the **gate stream** (built in [`super::window`]): the folded view with
//! every run of separators (whitespace and punctuation other than sentence ends, the
//! characters the rules' word separator matches) written as one space. So a pattern's
//! `{sep}` between two words is one space of the stream, and a piece may span words
//! ("send all", "before answering"), which is what makes it rare.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use regex_syntax::hir::{Class, Hir, HirKind, Look};

use super::rules::View;

/// Shorter pieces are useless as gates (they occur everywhere).
pub(crate) const MIN_PIECE: usize = 3;
/// A set of strings growing beyond this (a product of alternations) is not used.
const MAX_PIECES: usize = 1024;
/// A rule's pieces (the union over the branches of a top-level alternation) beyond this
/// leave the rule ungated.
const MAX_RULE_PIECES: usize = 8192;
/// Characters counted for one unbounded repetition (`+`, `*`, `{n,}`) when bounding a
/// match's length. A longer run (a junk word padding a phrase apart) would put the
/// phrase out of reach, so the stream records every blank-free stretch longer than this
/// and areas are widened over them (see `window::Stream::long_runs`). The rules'
/// unbounded repetitions are of blank-free classes or of separators, which the stream
/// writes as one unit; a new rule that repeats a group holding a blank without bound
/// would escape this.
pub(crate) const UNBOUNDED_REPEAT: u32 = 64;

/// What a rule's pattern guarantees about its matches.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Gate {
    /// Every match contains one of these, in the gate stream. Empty: no usable set, the
    /// rule runs on the whole window.
    pub pieces: Vec<Vec<u8>>,
    /// Longest match in bytes when every unbounded repetition counts as
    /// [`UNBOUNDED_REPEAT`] repetitions: how far from a piece the rule is searched.
    pub reach: usize,
    /// How far a match reaches before the start of one of its pieces, and after its end
    /// (at most `reach` each; usually much less: a piece at a pattern's start has
    /// nothing before it).
    pub left: Side,
    pub right: Side,
    /// Further sets every match also contains, each from a part of the pattern before
    /// or after the part the pieces come from, the parts apart (see [`Second`]; at most
    /// [`MAX_SECONDS`]); none when the pattern is not a sequence with such parts.
    pub seconds: Vec<Second>,
}

/// Further sets taken per rule. Each costs the piece automaton hits; on the corpus's
/// real outputs one set took the areas from 12.3x to 9.4x the stream, a second one
/// only to 9.1x, and saved no time.
pub(crate) const MAX_SECONDS: usize = 1;

/// A further (second) set of required pieces, for rules that are a sequence of parts:
/// an area opened by a piece is searched only when one of these also occurs in it, on
/// the side of the piece the part stands on. Both sets are everyday words, but the two
/// together within a rule's reach, in order, are much rarer than either.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Second {
    pub pieces: Vec<Vec<u8>>,
    /// Whether the part comes after the pieces' part (else before). In the stream the
    /// two parts may share the separator between them, so a piece of one may overlap
    /// a piece of the other by one unit, never more.
    pub after: bool,
}

/// Sentence ends: the rules' word separator stops at them, so the stream keeps them.
pub(crate) fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | '。' | '！' | '？')
}

/// Whether the stream writes a character of the views as (part of) a separator: the
/// characters the rules' word separator `[^\p{L}\p{N}.!?;。！？]` matches.
pub(crate) fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        return !(c.is_ascii_alphanumeric() || is_sentence_end(c));
    }
    !(is_letter_or_number(c) || is_sentence_end(c))
}

/// `\p{L}` or `\p{N}` as the regex engine defines them (its Unicode tables, not the
/// standard library's, which may be of another Unicode version: a letter one side
/// knows and the other does not would let a word separator slip past the gate).
fn is_letter_or_number(c: char) -> bool {
    static RANGES: OnceLock<Vec<(char, char)>> = OnceLock::new();
    let ranges = RANGES.get_or_init(|| {
        let parsed = regex_syntax::ParserBuilder::new().build().parse(r"[\p{L}\p{N}]");
        match parsed.as_ref().map(Hir::kind) {
            Ok(HirKind::Class(Class::Unicode(u))) => u.iter().map(|r| (r.start(), r.end())).collect(),
            // Cannot happen (a fixed, valid class); the standard library's idea is close.
            _ => Vec::new(),
        }
    });
    if ranges.is_empty() {
        return c.is_alphanumeric();
    }
    let i = ranges.partition_point(|&(_, hi)| hi < c);
    ranges.get(i).is_some_and(|&(lo, _)| lo <= c)
}

/// How a character of a pattern appears in the gate stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Char(char),
    Sep,
    /// Depends on the word around it (leetspeak is undone only in words with a letter):
    /// as written (digit, or `@`/`$` as a separator) or as the letter.
    Either(Leet),
}

/// A character the stream writes as written or as a letter: (as written, letter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Leet(char, char);

impl Leet {
    fn units(self) -> [Unit; 2] {
        let written = if self.0.is_ascii_digit() {
            Unit::Char(self.0)
        } else {
            Unit::Sep
        };
        [written, Unit::Char(self.1)]
    }
}

/// The stream's counterpart of a pattern character. Folded-view patterns meet the stream
/// as written (the stream undoes leetspeak as that view does, so a `@` or `$` left in the
/// view stands outside a word: a separator). Light-view patterns keep digits, `@` and `$`
/// that the stream may turn into letters, and `l` that it turns into `i`.
fn unit(c: char, view: View) -> Unit {
    let leet = match c {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        _ => '\0',
    };
    match c {
        '@' | '$' if view == View::Folded => Unit::Sep,
        _ if leet != '\0' && view == View::Light => Unit::Either(Leet(c, leet)),
        'l' => Unit::Char('i'),
        c if is_separator(c) => Unit::Sep,
        c => Unit::Char(c),
    }
}

/// How a literal of the folded view appears in the stream (separator runs as one space,
/// kept at the edges: "para " needs the separator after it).
pub(crate) fn in_stream(literal: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for c in literal.chars() {
        push_unit(&mut out, unit(c, View::Folded));
    }
    out
}

/// The strings one unit can be.
fn unit_strings(u: Unit) -> Strings {
    let one = |u: Unit| {
        let mut s = Vec::new();
        push_unit(&mut s, u);
        s
    };
    match u {
        Unit::Either(l) => l.units().into_iter().map(one).collect(),
        u => vec![one(u)],
    }
}

/// Classes already classified, per view and member ranges.
type ClassCache = FastMap<(View, Vec<(char, char)>), ClassUnits>;

/// The derivation's tables are keyed by short strings and range lists it looks up
/// hundreds of thousands of times at start; FNV-1a hashes them several times faster
/// than the default hasher, and none of the keys comes from outside the program.
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Derives gates, remembering the classes it has classified (the word separator is one
/// large negated class used hundreds of times).
#[derive(Default)]
pub(crate) struct Deriver {
    classes: ClassCache,
}

impl Deriver {
    /// The gate of a pattern (already folded and with ASCII word boundaries) that reads
    /// `view`.
    pub(crate) fn derive(&mut self, pattern: &str, view: View) -> Result<Gate, String> {
        derive_with(pattern, view, &mut self.classes)
    }
}

/// The gates of many patterns, in order: each from `gates.bin` when the file holds it
/// (see [`super::gate_cache`]), the others derived on up to four threads (each with its
/// own [`Deriver`]; rules are dealt out in turn, so the costly ones, large alternations,
/// spread over the threads).
pub(crate) fn derive_all(jobs: &[(&str, View)]) -> Vec<Result<Gate, String>> {
    let committed = super::gate_cache::committed();
    let cached: Vec<Option<Gate>> = jobs
        .iter()
        .map(|&(pattern, view)| committed.get(&super::gate_cache::key(pattern, view)).cloned())
        .collect();
    drop(committed);
    let missing: Vec<(&str, View)> = jobs
        .iter()
        .zip(&cached)
        .filter(|(_, c)| c.is_none())
        .map(|(&job, _)| job)
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut derived = derive_on(&missing, threads.clamp(1, 4)).into_iter();
    cached
        .into_iter()
        .map(|c| match c {
            Some(gate) => Ok(gate),
            None => derived
                .next()
                .unwrap_or_else(|| Err("gate derivation lost a result".to_string())),
        })
        .collect()
}

/// [`derive_all`] on `threads` threads (at least one).
pub(crate) fn derive_on(jobs: &[(&str, View)], threads: usize) -> Vec<Result<Gate, String>> {
    let threads = threads.max(1);
    let derive_share = |k: usize| {
        let mut deriver = Deriver::default();
        (k..jobs.len())
            .step_by(threads)
            .map(|i| deriver.derive(jobs[i].0, jobs[i].1))
            .collect::<Vec<_>>()
    };
    let shares: Vec<Vec<Result<Gate, String>>> = std::thread::scope(|scope| {
        let spawned: Vec<_> = (1..threads)
            .map(|k| {
                (
                    k,
                    std::thread::Builder::new().spawn_scoped(scope, move || derive_share(k)),
                )
            })
            .collect();
        let mut shares = vec![derive_share(0)];
        for (k, handle) in spawned {
            // A thread that could not start (or failed) leaves its share to this one.
            let share = match handle {
                Ok(h) => h.join().unwrap_or_else(|_| derive_share(k)),
                Err(_) => derive_share(k),
            };
            shares.push(share);
        }
        shares
    });
    let mut shares: Vec<_> = shares.into_iter().map(Vec::into_iter).collect();
    (0..jobs.len())
        .map(|i| {
            shares[i % threads]
                .next()
                .unwrap_or_else(|| Err("gate derivation lost a result".to_string()))
        })
        .collect()
}

/// [`Deriver::derive`] without a shared cache.
#[cfg(test)]
pub(crate) fn derive(pattern: &str, view: View) -> Result<Gate, String> {
    derive_with(pattern, view, &mut FastMap::default())
}

fn derive_with(pattern: &str, view: View, classes: &mut ClassCache) -> Result<Gate, String> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .map_err(|e| e.to_string())?;
    let mut cx = Cx { view, classes };
    let (primary, seconds) = cx.required_sets(&hir);
    let (pieces, left, right) = match primary {
        Some(c) => (c.pieces, c.left, c.right),
        None => (Vec::new(), Side::default(), Side::default()),
    };
    Ok(Gate {
        seconds,
        pieces,
        left,
        right,
        reach: bounded_len(&hir, false),
    })
}

/// A set of pieces and how often one of them is expected in ordinary text.
#[derive(Debug, Clone)]
struct Candidate {
    pieces: Vec<Vec<u8>>,
    cost: f64,
    /// How far a match can extend before a piece's start, and after its end.
    left: Side,
    right: Side,
}

/// A length bound in bytes of the views, in any text and in ASCII text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Side {
    pub any: usize,
    pub ascii: usize,
}

impl Side {
    fn of(hir: &Hir) -> Side {
        Side {
            any: bounded_len(hir, false),
            ascii: bounded_len(hir, true),
        }
    }

    fn plus(self, o: Side) -> Side {
        Side {
            any: self.any.saturating_add(o.any),
            ascii: self.ascii.saturating_add(o.ascii),
        }
    }

    pub(crate) fn max(self, o: Side) -> Side {
        Side {
            any: self.any.max(o.any),
            ascii: self.ascii.max(o.ascii),
        }
    }
}

impl Candidate {
    /// The candidate placed anywhere inside a part `len` long: a match can extend that
    /// far on either side of the piece.
    fn within(mut self, len: Side) -> Candidate {
        self.left = len;
        self.right = len;
        self
    }
}

/// What one more piece costs the gate, in the units of [`frequency`].
const PIECE_COST: f64 = 1e-5;

impl Candidate {
    /// The candidate made of `strings` (edges trimmed, pieces containing another piece
    /// dropped: the shorter one is found wherever the longer is).
    fn of(strings: Vec<Vec<u8>>) -> Option<Candidate> {
        Candidate::of_at_most(strings, MAX_PIECES)
    }

    fn of_at_most(strings: Vec<Vec<u8>>, max: usize) -> Option<Candidate> {
        let trimmed = dedup(strings);
        if trimmed.is_empty() || trimmed.len() > max || !trimmed.iter().all(|p| usable(p)) {
            return None;
        }
        // Quadratic: only for small sets; larger ones keep their redundant pieces, which
        // only cost the automaton a few states.
        let pieces: Vec<Vec<u8>> = if trimmed.len() <= 32 {
            trimmed
                .iter()
                .filter(|p| !trimmed.iter().any(|q| q.len() < p.len() && contains(p, q)))
                .cloned()
                .collect()
        } else {
            trimmed
        };
        // Every piece also costs the automaton states: of two sets about as rare, the
        // smaller one wins.
        let cost = pieces.iter().map(|p| frequency(p) + PIECE_COST).sum();
        Some(Candidate {
            pieces,
            cost,
            left: Side::default(),
            right: Side::default(),
        })
    }
}

fn cheaper(a: Option<Candidate>, b: Option<Candidate>) -> Option<Candidate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.cost < a.cost { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// The children of a sequence a candidate comes from (see [`Cx::concat_candidates`]).
type Part = std::ops::RangeInclusive<usize>;

/// Index of the cheapest of the candidates whose part `keep` accepts, the first among
/// equals (as [`cheaper`] keeps).
fn cheapest(all: &[(Candidate, Part)], keep: impl Fn(&Part) -> bool) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, (c, part)) in all.iter().enumerate() {
        if keep(part) && best.is_none_or(|b| c.cost < all[b].0.cost) {
            best = Some(i);
        }
    }
    best
}

/// A piece is usable when it has [`MIN_PIECE`] bytes besides its edge spaces, or is a
/// whole short word (" ai ": spaces on both sides).
fn usable(piece: &[u8]) -> bool {
    let core = piece.trim_ascii();
    core.len() >= MIN_PIECE || (core.len() >= 2 && piece.first() == Some(&b' ') && piece.last() == Some(&b' '))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

/// A set of strings of the stream (`" "` is one separator run).
type Strings = Vec<Vec<u8>>;

/// How a class appears in the stream.
#[derive(Debug, Clone)]
pub(crate) enum ClassUnits {
    /// Only separators: one separator run.
    Sep,
    /// A few characters (separators among them written as `" "`).
    Few(Strings),
    /// Too many, or some the stream may change.
    Unknown,
}

/// Derivation state: the view the pattern reads, and the class cache.
struct Cx<'c> {
    view: View,
    classes: &'c mut ClassCache,
}

impl Cx<'_> {
    /// A set of pieces every match of `hir` contains one of, the rarest found, or `None`;
    /// with how far a match reaches on each side of a piece.
    fn required(&mut self, hir: &Hir) -> Option<Candidate> {
        let len = Side::of(hir);
        match hir.kind() {
            HirKind::Capture(c) => self.required(&c.sub),
            HirKind::Literal(_) => {
                let whole = self.exact(hir).and_then(Candidate::of);
                cheaper(whole, self.literal_segment(hir)).map(|c| c.within(len))
            }
            HirKind::Repetition(r) if r.min >= 1 => {
                let whole = if r.max == Some(r.min) {
                    self.exact(hir).and_then(Candidate::of)
                } else {
                    None
                };
                cheaper(whole, self.required(&r.sub)).map(|c| c.within(len))
            }
            HirKind::Alternation(children) => {
                // Every branch needs a set: a match is a match of one of them.
                let mut pieces = Vec::new();
                let (mut left, mut right) = (Side::default(), Side::default());
                for child in children {
                    let c = self.required(child)?;
                    left = left.max(c.left);
                    right = right.max(c.right);
                    pieces.extend(c.pieces);
                }
                let mut c = Candidate::of_at_most(pieces, MAX_RULE_PIECES)?;
                c.left = left;
                c.right = right;
                Some(c)
            }
            HirKind::Concat(children) => {
                let mut all = self.concat_candidates(children);
                cheapest(&all, |_| true).map(|i| all.swap_remove(i).0)
            }
            _ => self.exact(hir).and_then(Candidate::of).map(|c| c.within(len)),
        }
    }

    /// The candidates of a sequence, with the children each comes from, in the order
    /// [`Cx::required`] weighs them: each child alone, and each run of neighbouring
    /// children whose strings are all known (their product: longer, rarer pieces). A
    /// match reaches as far as the children before and after the part can.
    fn concat_candidates(&mut self, children: &[Hir]) -> Vec<(Candidate, Part)> {
        let lens: Vec<Side> = children.iter().map(Side::of).collect();
        let sum = |parts: &[Side]| parts.iter().fold(Side::default(), |a, &b| a.plus(b));
        let before = |i: usize| sum(&lens[..i]);
        let after = |i: usize| sum(&lens[i..]);
        let mut out = Vec::new();
        for (i, child) in children.iter().enumerate() {
            if let Some(mut c) = self.required(child) {
                c.left = c.left.plus(before(i));
                c.right = c.right.plus(after(i + 1));
                out.push((c, i..=i));
            }
        }
        // Each child's strings once (runs from every start meet them again).
        let exact: Vec<Option<Strings>> = children.iter().map(|c| self.exact(c)).collect();
        for start in 0..children.len() {
            let mut acc: Option<Strings> = Some(vec![Vec::new()]);
            for (end, strings) in exact.iter().enumerate().skip(start) {
                acc = match (acc, strings.clone()) {
                    (Some(a), Some(b)) => product(a, b),
                    _ => None,
                };
                let Some(strings) = &acc else { break };
                let run = sum(&lens[start..=end]);
                if let Some(mut c) = Candidate::of(strings.clone()) {
                    c.left = before(start).plus(run);
                    c.right = run.plus(after(end + 1));
                    out.push((c, start..=end));
                }
            }
        }
        out
    }

    /// [`Cx::required`] for a whole pattern, and when the pattern is a sequence, up to
    /// [`MAX_SECONDS`] further sets, rarest first, each from a part of it that overlaps
    /// neither the first set's part nor the parts already taken.
    fn required_sets(&mut self, hir: &Hir) -> (Option<Candidate>, Vec<Second>) {
        let mut top = hir;
        while let HirKind::Capture(c) = top.kind() {
            top = &c.sub;
        }
        let HirKind::Concat(children) = top.kind() else {
            return (self.required(hir), Vec::new());
        };
        let all = self.concat_candidates(children);
        let Some(first) = cheapest(&all, |_| true) else {
            return (None, Vec::new());
        };
        let part = &all[first].1;
        let apart = |a: &Part, b: &Part| a.start() > b.end() || a.end() < b.start();
        let mut taken = vec![part.clone()];
        let mut seconds = Vec::new();
        while seconds.len() < MAX_SECONDS {
            let Some(k) = cheapest(&all, |p| taken.iter().all(|t| apart(p, t))) else {
                break;
            };
            let (c, other) = &all[k];
            taken.push(other.clone());
            seconds.push(Second {
                pieces: c.pieces.clone(),
                after: other.start() > part.end(),
            });
        }
        (Some(all[first].0.clone()), seconds)
    }

    /// The longest stretch of a literal the stream is sure to show as written.
    fn literal_segment(&self, hir: &Hir) -> Option<Candidate> {
        let HirKind::Literal(lit) = hir.kind() else { return None };
        let text = std::str::from_utf8(&lit.0).ok()?;
        let mut best: Vec<u8> = Vec::new();
        let mut cur: Vec<u8> = Vec::new();
        for c in text.chars() {
            match unit(c, self.view) {
                Unit::Either(_) => cur.clear(),
                u => {
                    push_unit(&mut cur, u);
                    if cur.trim_ascii().len() > best.len() {
                        best = cur.trim_ascii().to_vec();
                    }
                }
            }
        }
        Candidate::of(vec![best])
    }

    /// Every string `hir` can appear as in the stream, when there are few; `None`
    /// otherwise. Zero-width assertions are the empty string.
    fn exact(&mut self, hir: &Hir) -> Option<Strings> {
        match hir.kind() {
            HirKind::Empty => Some(vec![Vec::new()]),
            // Line and text edges are separators (or the stream's edge spaces); a word
            // boundary is nothing the stream shows.
            HirKind::Look(look) => Some(match look {
                Look::Start | Look::End | Look::StartLF | Look::EndLF | Look::StartCRLF | Look::EndCRLF => {
                    vec![b" ".to_vec()]
                }
                _ => vec![Vec::new()],
            }),
            HirKind::Literal(lit) => {
                let text = std::str::from_utf8(&lit.0).ok()?;
                let mut acc = vec![Vec::new()];
                for c in text.chars() {
                    acc = product(acc, unit_strings(unit(c, self.view)))?;
                }
                Some(acc)
            }
            HirKind::Class(class) => match self.class_units(class) {
                ClassUnits::Sep => Some(vec![b" ".to_vec()]),
                ClassUnits::Few(strings) => Some(strings),
                ClassUnits::Unknown => None,
            },
            HirKind::Capture(c) => self.exact(&c.sub),
            HirKind::Repetition(r) => {
                // A repeated separator is one run, however long.
                if let HirKind::Class(class) = r.sub.kind() {
                    if matches!(self.class_units(class), ClassUnits::Sep) {
                        return Some(if r.min == 0 {
                            vec![Vec::new(), b" ".to_vec()]
                        } else {
                            vec![b" ".to_vec()]
                        });
                    }
                }
                let max = r.max?;
                if max > 3 {
                    return None;
                }
                let sub = self.exact(&r.sub)?;
                let mut out = Vec::new();
                let mut acc = vec![Vec::new()];
                for n in 0..=max {
                    if n >= r.min {
                        out.extend(acc.iter().cloned());
                    }
                    if n < max {
                        acc = product(acc, sub.clone())?;
                    }
                }
                limit(dedup(out))
            }
            HirKind::Concat(children) => {
                let mut acc = vec![Vec::new()];
                for child in children {
                    acc = product(acc, self.exact(child)?)?;
                }
                Some(acc)
            }
            HirKind::Alternation(children) => {
                let mut out = Vec::new();
                for child in children {
                    out.extend(self.exact(child)?);
                }
                limit(dedup(out))
            }
        }
    }

    fn class_units(&mut self, class: &Class) -> ClassUnits {
        let ranges: Vec<(char, char)> = match class {
            Class::Unicode(u) => u.iter().map(|r| (r.start(), r.end())).collect(),
            Class::Bytes(b) => b.iter().map(|r| (char::from(r.start()), char::from(r.end()))).collect(),
        };
        let key = (self.view, ranges);
        if let Some(known) = self.classes.get(&key) {
            return known.clone();
        }
        let known = classify(&key.1, self.view);
        self.classes.insert(key, known.clone());
        known
    }
}

/// See [`ClassUnits`]. Walks every member once (a negated class has a million; the
/// result is cached per class).
fn classify(ranges: &[(char, char)], view: View) -> ClassUnits {
    let mut all_sep = true;
    let mut few: Vec<Unit> = Vec::new();
    let mut count = 0usize;
    for &(lo, hi) in ranges {
        for c in (lo as u32..=hi as u32)
            .filter_map(char::from_u32)
            .filter(|&c| in_views(c))
        {
            count += 1;
            let u = unit(c, view);
            if u != Unit::Sep {
                all_sep = false;
            }
            if count <= 4 {
                few.push(u);
            } else if !all_sep {
                return ClassUnits::Unknown;
            }
        }
    }
    if all_sep {
        return ClassUnits::Sep;
    }
    let strings = few.into_iter().flat_map(unit_strings).collect();
    ClassUnits::Few(dedup(strings))
}

/// Whether a character can occur in the views at all: they are compatibility-decomposed
/// with combining marks removed, so `！` (folded into a pattern's separator class as a
/// member) never does.
fn in_views(c: char) -> bool {
    if c.is_ascii() {
        return true;
    }
    if unicode_normalization::char::is_combining_mark(c) {
        return false;
    }
    let mut same = true;
    unicode_normalization::char::decompose_compatible(c, |d| same &= d == c);
    same
}

/// Appends a unit to a stream string; a separator after a separator is the same run.
fn push_unit(s: &mut Vec<u8>, u: Unit) {
    match u {
        Unit::Sep => {
            if s.last() != Some(&b' ') {
                s.push(b' ');
            }
        }
        Unit::Char(c) => {
            let mut buf = [0u8; 4];
            s.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
        // Callers expand these first (see `unit_strings`).
        Unit::Either(_) => {}
    }
}

/// Every concatenation of a string of `a` with one of `b`, separator runs joined.
fn product(a: Strings, b: Strings) -> Option<Strings> {
    if a.len().saturating_mul(b.len()) > MAX_PIECES {
        return None;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in &a {
        for y in &b {
            let mut s = x.clone();
            let skip = usize::from(s.last() == Some(&b' ') && y.first() == Some(&b' '));
            s.extend_from_slice(&y[skip..]);
            out.push(s);
        }
    }
    Some(dedup(out))
}

fn dedup(mut v: Strings) -> Strings {
    v.sort();
    v.dedup();
    v
}

fn limit(v: Strings) -> Option<Strings> {
    (v.len() <= MAX_PIECES).then_some(v)
}

/// Estimated frequency of a piece per word of ordinary text: a function word is very
/// frequent, another common word less so, a fragment of common words less again, and
/// anything else rare, rarer the longer it is. A word with a space on both sides is a
/// whole word; at an open edge it may be part of a longer one. Several words together
/// are rarer than their first by roughly how often each following word occurs.
fn frequency(piece: &[u8]) -> f64 {
    let text = String::from_utf8_lossy(piece);
    // Index of the last word (no list of words: this runs for every candidate piece).
    let last = text.bytes().filter(|&b| b == b' ').count();
    let mut f = 1.0;
    let mut first = true;
    for (i, w) in text.split(' ').enumerate() {
        if w.is_empty() {
            continue;
        }
        // Bounded on the left unless it is the piece's start, on the right unless its end.
        let whole = i > 0 && i < last;
        let fw = word_frequency(w, whole);
        // Words are not independent ("of the" is common): a following word divides by
        // less than its own frequency would.
        f *= if first { fw } else { (fw * 4.0).min(1.0) };
        first = false;
    }
    f
}

/// See [`frequency`]; remembered per word (the same words recur in every rule), in
/// one table for whole words and one for open-edged ones, looked up without
/// allocating.
fn word_frequency(w: &str, whole: bool) -> f64 {
    use super::lexicon::{COMMON_WORDS, FUNCTION_WORDS};
    thread_local! {
        static KNOWN: std::cell::RefCell<[FastMap<String, f64>; 2]> = std::cell::RefCell::new(Default::default());
    }
    if let Some(f) = KNOWN.with(|k| k.borrow()[usize::from(whole)].get(w).copied()) {
        return f;
    }
    let f = {
        if FUNCTION_WORDS.contains(&w) {
            0.04
        } else if COMMON_WORDS.contains(&w) {
            0.003
        } else if whole {
            0.0005
        } else {
            let inside = FUNCTION_WORDS
                .iter()
                .chain(COMMON_WORDS)
                .filter(|c| c.len() > w.len() && c.contains(w))
                .count() as f64;
            let len = w.len().max(1) as f64;
            0.0005 * inside + 0.0005 * (4.0 / len).powi(2)
        }
    };
    KNOWN.with(|k| k.borrow_mut()[usize::from(whole)].insert(w.to_string(), f));
    f
}

/// Maximum match length with unbounded repetitions bounded (see [`Gate::reach`]).
/// `ascii`: count a class as one byte (in ASCII text no character is longer).
///
/// A part that can hold no blank (a word, a URL, `\S{1,300}`) lies inside one run of
/// the text's non-blank characters: it is no longer than [`UNBOUNDED_REPEAT`] units
/// unless that run is a long run, and areas are widened over those (see
/// `window::Stream::long_runs`). Counting it in full instead would count a word made of
/// repeated dotted parts as 64 × 64 characters.
fn bounded_len(hir: &Hir, ascii: bool) -> usize {
    measure(hir, ascii).0
}

/// Whether no match of `hir` holds a blank (see [`measure`]).
pub(crate) fn blank_free(hir: &Hir) -> bool {
    measure(hir, true).1
}

/// [`bounded_len`] of `hir`, and whether it is blank-free: whether no match of it holds
/// a character the normaliser's walk reports as a blank (whitespace, which the views
/// show as a space or a line break). One pass: the derivation asks for the length of
/// every node of every rule.
fn measure(hir: &Hir, ascii: bool) -> (usize, bool) {
    static BLANKS: OnceLock<Vec<char>> = OnceLock::new();
    let blanks = BLANKS.get_or_init(|| ('\0'..='\u{3000}').filter(|c| c.is_whitespace()).collect());
    let (len, free) = match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => (0, true),
        HirKind::Literal(lit) => (
            lit.0.len(),
            std::str::from_utf8(&lit.0).is_ok_and(|t| !t.chars().any(char::is_whitespace)),
        ),
        HirKind::Class(class) => {
            let len = if ascii {
                1
            } else {
                hir.properties().maximum_len().unwrap_or(4)
            };
            let free = match class {
                // Ranges are sorted and disjoint: one search per blank.
                Class::Unicode(u) => {
                    let ranges = u.ranges();
                    !blanks.iter().any(|&b| {
                        let i = ranges.partition_point(|r| r.end() < b);
                        ranges.get(i).is_some_and(|r| r.start() <= b)
                    })
                }
                Class::Bytes(c) => !blanks
                    .iter()
                    .filter(|b| b.is_ascii())
                    .any(|&b| c.iter().any(|r| char::from(r.start()) <= b && b <= char::from(r.end()))),
            };
            (len, free)
        }
        HirKind::Capture(c) => measure(&c.sub, ascii),
        HirKind::Repetition(r) => {
            let times = r.max.unwrap_or(r.min.max(UNBOUNDED_REPEAT));
            let (len, free) = measure(&r.sub, ascii);
            (len.saturating_mul(times as usize), free)
        }
        HirKind::Concat(children) => children.iter().fold((0usize, true), |(len, free), c| {
            let (l, f) = measure(c, ascii);
            (len.saturating_add(l), free && f)
        }),
        HirKind::Alternation(children) => children.iter().fold((0usize, true), |(len, free), c| {
            let (l, f) = measure(c, ascii);
            (len.max(l), free && f)
        }),
    };
    let run = UNBOUNDED_REPEAT as usize;
    (if free && len > run { run } else { len }, free)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEP: &str = super::super::rules::SEP;

    fn pieces_in(pattern: &str, view: View) -> Vec<String> {
        derive(pattern, view)
            .unwrap()
            .pieces
            .iter()
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect()
    }

    fn pieces(pattern: &str) -> Vec<String> {
        pieces_in(pattern, View::Folded)
    }

    #[test]
    fn a_concatenation_takes_its_rarest_words_together() {
        let pattern = r"(?:ignore|disregard)\s(?:all\s)?(?:previous|prior)\sinstructions";
        let p = pieces(pattern);
        // Two rare words together, and fewer pieces than the verb-first products.
        assert_eq!(p, vec!["previous instructions", "prior instructions"]);
        let g = derive(pattern, View::Folded).unwrap();
        // `\s` can be a three-byte space (U+3000), three of them.
        assert_eq!(g.reach, "disregard all previous instructions".len() + 3 * 2);
        // The pieces are the last words: a match reaches less far after them than its
        // whole length (the verb comes before).
        assert!(
            g.right.ascii < "disregard all previous instructions".len(),
            "{:?}",
            g.right
        );
        assert!(g.left.ascii >= "disregard all ".len(), "{:?}", g.left);
    }

    #[test]
    fn the_word_separator_is_one_space_of_the_stream() {
        let p = pieces(&format!(r"\b(?:must|shaii){SEP}(?:send|forward){SEP}aii\b"));
        assert!(p.iter().all(|x| x.ends_with(" aii")), "{p:?}");
        assert!(
            p.contains(&"send aii".to_string()) || p.contains(&"must send aii".to_string()),
            "{p:?}"
        );
        // Punctuation in a literal is a separator too, and runs of them are one.
        assert_eq!(pieces(r"do\s?-\s?not\stell"), vec!["do not teii".to_string()]);
    }

    #[test]
    fn an_alternation_needs_every_branch_gated() {
        assert_eq!(pieces(r"(?:ignore|disregard)\sit"), vec!["disregard it", "ignore it"]);
        assert!(pieces(r"(?:ignore|x)").is_empty());
    }

    #[test]
    fn optional_parts_and_large_classes_gate_nothing() {
        assert!(pieces(r"(?:secret)?\w{3}").is_empty());
        let g = derive(r"[a-z]+", View::Folded).unwrap();
        assert_eq!(g.reach, UNBOUNDED_REPEAT as usize);
    }

    #[test]
    fn characters_the_stream_may_change_are_both_ways_in_light_pieces() {
        // `4` is `a` in "base64" (a word with letters) but `4` in "2024".
        assert_eq!(
            pieces_in(r"base64\sdata", View::Light),
            vec!["base64 data".to_string(), "base6a data".to_string()]
        );
        assert_eq!(pieces_in(r"\.ssh/id_rsa", View::Light), vec![".ssh id rsa".to_string()]);
        // In the folded view a `@` left over stands outside a word.
        assert_eq!(pieces(r"send\s@\s?them"), vec!["send them".to_string()]);
    }

    fn seconds_of(pattern: &str) -> Vec<(Vec<String>, bool)> {
        derive(pattern, View::Folded)
            .unwrap()
            .seconds
            .iter()
            .map(|s| {
                (
                    s.pieces
                        .iter()
                        .map(|p| String::from_utf8_lossy(p).into_owned())
                        .collect(),
                    s.after,
                )
            })
            .collect()
    }

    #[test]
    fn a_sequence_takes_a_further_set_from_a_part_apart_and_knows_its_side() {
        // The rare part is the object, at the end: the further set comes from the verb
        // before it. (Words in between that no set can name keep the parts apart;
        // without them the whole sequence is one rarer set.)
        let s = seconds_of(r"\b(?:send|forward)\s[^\n]{0,40}\sto\s(?:attacker|exfiltrator)\b");
        assert_eq!(s.len(), 1, "{s:?}");
        assert!(!s[0].1, "the verb stands before the pieces: {s:?}");
        assert!(s[0].0.iter().any(|p| p.contains("send")), "{s:?}");
        assert!(s[0].0.iter().any(|p| p.contains("forward")), "{s:?}");
        // Rare part first: the further set is after it.
        let s = seconds_of(r"\b(?:exfiltrate|siphon)\s[^\n]{0,40}\s(?:server|host)\b");
        assert_eq!(s.len(), 1, "{s:?}");
        assert!(s[0].1, "the further part stands after the pieces: {s:?}");
    }

    #[test]
    fn a_sequence_wrapped_in_groups_is_still_a_sequence() {
        let plain = derive(
            r"\b(?:send|forward)\s[^\n]{0,40}\sto\s(?:attacker|exfiltrator)\b",
            View::Folded,
        )
        .unwrap();
        let wrapped = derive(
            r"((?:\b(?:send|forward)\s[^\n]{0,40}\sto\s(?:attacker|exfiltrator)\b))",
            View::Folded,
        )
        .unwrap();
        assert_eq!(plain.seconds.len(), 1);
        assert_eq!(plain.seconds, wrapped.seconds);
        assert_eq!(plain.pieces, wrapped.pieces);
    }

    #[test]
    fn the_further_set_never_shares_a_part_with_the_pieces() {
        // Every piece of the further set comes from a part apart from the first set's:
        // no string of one set is a piece of the other.
        for pattern in [
            r"\b(?:send|forward)\s[^\n]{0,40}\sto\s(?:attacker|exfiltrator)\b",
            r"\bignore\s[^\n]{0,20}\s(?:previous|prior)\sinstructions\b",
            r"\bdo\snot\s(?:tell|inform)\s[^\n]{0,20}\suser\b",
        ] {
            let g = derive(pattern, View::Folded).unwrap();
            for s in &g.seconds {
                for p in &s.pieces {
                    assert!(!g.pieces.contains(p), "{pattern}: {p:?} in both sets");
                }
            }
        }
    }

    #[test]
    fn an_alternation_or_a_single_part_has_no_further_set() {
        assert!(seconds_of(r"(?:ignore previous instructions|do not tell the user)").is_empty());
        assert!(seconds_of(r"instructions").is_empty());
        // A sequence whose other parts gate nothing (optional, or large classes).
        assert!(seconds_of(r"\w{1,5}\sinstructions").is_empty());
    }

    #[test]
    fn common_words_cost_more_than_rare_ones() {
        assert!(frequency(b"the") > frequency(b"instructions"));
        assert!(frequency(b"you") > frequency(b"you are now"));
        assert!(frequency(b"ignore") > frequency(b"ignore previous"));
    }
}
