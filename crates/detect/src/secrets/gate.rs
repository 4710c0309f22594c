//! Where the keyword automaton has to run. Most text holds no keyword that
//! could lead to a finding, and walking the automaton over every byte is the
//! cost of a scan; so the byte classifier (`prefilter.rs`) marks what every
//! finding needs, and the automaton runs only over small regions around those
//! marks. Each keyword target has a *gate* saying which mark it needs:
//!
//! - `Word`: variable-name keywords (`NAME=value` assignments, `Bearer `, the
//!   names of named rules). Each contains one of [`WORDS`] (case-insensitively,
//!   checked when the engine is built), and the automaton runs around every
//!   word occurrence that can matter: one followed, after its name, by an
//!   assignment separator; `bearer`; or one near a run of token characters
//!   long enough to be a named rule's value (see [`WordUse::Named`]).
//! - `Pem`: `-----BEGIN `, a word whose occurrences are the hits.
//! - `At`: `://` and `sentry` of credentials in URLs, found from the `@` that
//!   every such match holds (the `://` is the nearest `/` before it).
//! - `T1` / `T2`: token formats. A match is a run of token characters at least
//!   20 long in `[A-Za-z0-9_-]` (or 30 in that plus `.+/=~%$`), and its keyword
//!   sits inside that run (at most 5 bytes before it for `hvs.` and `:AA`);
//!   the automaton runs over such runs only. (The classifier's alphabets hold
//!   a few more bytes: longer runs only widen the regions.)
//! - `Discord`: bot tokens may match without their keyword at the start, so
//!   every keyword whose window can reach a run long enough to hold one is kept.
//!
//! Why dropping the other keyword hits changes nothing. A rule's regex runs
//! over the merged windows around its hits; if every match a window group
//! reports lies inside the window of a hit that is kept, the smaller groups
//! left after dropping hits report exactly the same matches (leftmost-first
//! matching over a window depends only on the bytes of the matches it finds,
//! and the windows are as long as the longest match). Token rules' matches
//! start at, or hold at a fixed place, one of their keywords, and that hit's
//! window holds the match: those hits are the ones kept. Discord tokens and
//! named rules (whose names match in any case, not only the keyword's
//! spellings) can also be found through a neighbour's window, so every hit
//! whose window can meet such a match is kept. A `NAME=value` hit without a
//! separator has no value, and `Bearer `/PEM hits are all kept.
//!
//! Keeping hits that cannot matter is harmless, so regions of every kind are
//! merged and scanned once, and a hit found in them stands for all its
//! targets gated `Word`, `T1`, `T2` or `Discord`.

use super::generic;
use super::prefilter::{self, Kernel, Masks, Tables};
use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::Anchored;

/// Which classifier mark a keyword target needs (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gate {
    Word,
    Pem,
    At,
    T1,
    T2,
    Discord,
}

/// How a hit was found (see [`Gates::collect`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// By the automaton, in a region around a word or a token run.
    Region,
    /// From an `@`.
    At,
    /// As the PEM header word.
    Pem,
}

impl Found {
    /// Whether a hit found this way stands for its targets gated `g`.
    pub(crate) fn covers(self, g: Gate) -> bool {
        match self {
            Found::Region => matches!(g, Gate::Word | Gate::T1 | Gate::T2 | Gate::Discord),
            Found::At => g == Gate::At,
            Found::Pem => g == Gate::Pem,
        }
    }
}

/// Shortest `[A-Za-z0-9_-]` run a `T1` token holds.
pub(crate) const T1_MIN: usize = 20;
/// Bytes a `T1` keyword may start before its run (`hvs.` then the token).
pub(crate) const T1_BEFORE: usize = 5;
/// Shortest `T2` run a `T2` token holds.
pub(crate) const T2_MIN: usize = 30;
/// Shortest Discord bot token: `[MNO]` + 23 + `.` + 6 + `.` + 27.
pub(crate) const DISCORD_MIN: usize = 59;
/// A Discord keyword hit opens the window `[hit - 8, hit + 88)` (rule span
/// 80 plus the engine's margin of 8): hits that far around a run are kept.
const DISCORD_BEFORE: usize = 88;
const DISCORD_AFTER: usize = 8 + 2;
/// `user:password` of a URL credential: 128 + `:` + 256 bytes.
const MAX_USERINFO: usize = 128 + 1 + 256;
/// Host bytes before `sentry` in a Sentry DSN.
const MAX_SENTRY_HOST: usize = 100;
const PEM_WORD: &[u8] = b"-----BEGIN ";
/// How much longer than its span a named rule's match can be: the prefix
/// before the name keyword (33), the rest of the name (under 64) and the
/// separators, quotes and scheme word (24) fit in 128.
const NAMED_SLACK: usize = 128;

/// A word every `Word`-gated keyword contains, and the fingerprint the
/// classifier looks for: `len` bytes at `off` (a 3-byte fingerprint accepts
/// any fourth byte), in one of eight buckets. Buckets group fingerprints whose
/// nibbles overlap, so that ordinary text rarely matches a bucket by accident
/// (chosen by measuring prose, code, JSON and real tool output).
struct Word {
    text: &'static [u8],
    off: usize,
    len: usize,
    bucket: u8,
}

const fn w(text: &'static [u8], off: usize, len: usize, bucket: u8) -> Word {
    Word { text, off, len, bucket }
}

/// The PEM header is a word too, but not a region: its occurrences are the hits.
const PEM_WORD_INDEX: usize = WORDS.len() - 1;

const WORDS: &[Word] = &[
    w(b"key", 0, 3, 0),
    w(b"snyk", 0, 4, 0),
    w(b"token", 0, 4, 1),
    w(b"-pat", 0, 4, 1),
    w(b"twilio", 0, 4, 1),
    w(b"auth", 0, 4, 2),
    w(b"azure", 0, 4, 2),
    w(b"bearer", 2, 4, 2),
    w(b"heroku", 1, 4, 2),
    w(b"pass", 0, 4, 3),
    w(b"asana", 0, 4, 3),
    w(b"_pat", 0, 4, 4),
    w(b"okta", 0, 4, 4),
    w(b"postmark", 1, 4, 4),
    w(b"algolia", 1, 4, 5),
    w(b"vercel", 2, 4, 5),
    w(b"netlify", 0, 4, 5),
    w(b"mailgun", 1, 4, 5),
    w(b"cred", 0, 4, 6),
    w(b"mistral", 0, 4, 6),
    w(b"secret", 0, 4, 7),
    w(b"cohere", 0, 4, 7),
    w(b"-----begin ", 4, 4, 6),
];

/// What a `Word`-gated keyword target needs before its hits can matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordUse {
    /// `NAME=value`: a separator after the name (see `generic::assignment_at`).
    Assign,
    /// Nothing known: every hit is kept.
    Always,
    /// A named rule (`DD_API_KEY=...`): every match holds a run of at least
    /// `min_run` bytes of the `T1` (or `T2`) alphabet, and a hit opens the
    /// window `[hit - back, hit + span)`.
    Named {
        t2: bool,
        min_run: usize,
        back: usize,
        span: usize,
    },
}

/// A named rule's condition on the runs around one word occurrence `q`: a run
/// of `min_run` or more of the `T1` (or `T2`) alphabet meeting
/// `[q - before, q + after)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Near {
    t2: bool,
    min_run: usize,
    before: usize,
    after: usize,
}

/// What a word occurrence can lead to, over every `Word` keyword holding it.
#[derive(Debug, Clone, Default)]
struct WordInfo {
    /// How far before and after the word such a keyword reaches.
    reach: (usize, usize),
    assign: bool,
    always: bool,
    /// Indices into `Gates::nears`.
    named: Vec<usize>,
}

/// The classifier tables and what the engine needs to act on its marks.
pub(crate) struct Gates {
    tables: Tables,
    words: Vec<WordInfo>,
    /// Every distinct named-rule condition.
    nears: Vec<Near>,
    /// Word indices per bucket.
    by_bucket: [Vec<usize>; 8],
    /// Keyword ids (automaton pattern ids) found without the automaton.
    colon_slash: usize,
    sentry: usize,
    pem: usize,
}

/// Pattern ids of the keywords the classifier finds itself.
pub(crate) struct Specials {
    pub colon_slash: usize,
    pub sentry: usize,
    pub pem: usize,
}

impl Gates {
    /// `patterns[i]` is keyword `i`; `uses[i]` what its `Word`-gated targets
    /// need (empty if it has none). `None` if such a keyword holds no word
    /// (then the engine must scan every byte).
    pub(crate) fn new(patterns: &[String], uses: &[Vec<WordUse>], specials: Specials) -> Option<Gates> {
        let mut words = vec![WordInfo::default(); WORDS.len()];
        let mut nears: Vec<Near> = Vec::new();
        for (p, us) in patterns.iter().zip(uses).filter(|(_, u)| !u.is_empty()) {
            let lower = p.to_ascii_lowercase();
            let mut found = false;
            for (wi, word) in WORDS.iter().enumerate() {
                for (at, _) in lower
                    .as_bytes()
                    .windows(word.text.len())
                    .enumerate()
                    .filter(|(_, s)| *s == word.text)
                {
                    found = true;
                    let info = &mut words[wi];
                    info.reach.0 = info.reach.0.max(at);
                    info.reach.1 = info.reach.1.max(lower.len() - at - word.text.len());
                    for &u in us {
                        match u {
                            WordUse::Assign => info.assign = true,
                            WordUse::Always => info.always = true,
                            WordUse::Named {
                                t2,
                                min_run,
                                back,
                                span,
                            } => {
                                // A match m within reach of a hit h's window
                                // [h - back, h + span) holds a run inside
                                // (h - back - |m|, h + span + |m|), and
                                // |m| <= span + NAMED_SLACK (name, separators
                                // and value; the span counts the value).
                                let longest = span + NAMED_SLACK;
                                let (before, after) = (at + back + longest, span + longest);
                                // One condition per word and run kind, as wide as any.
                                match info
                                    .named
                                    .iter()
                                    .find(|&&n| nears[n].t2 == t2 && nears[n].min_run == min_run)
                                {
                                    Some(&n) => {
                                        nears[n].before = nears[n].before.max(before);
                                        nears[n].after = nears[n].after.max(after);
                                    }
                                    None => {
                                        nears.push(Near {
                                            t2,
                                            min_run,
                                            before,
                                            after,
                                        });
                                        info.named.push(nears.len() - 1);
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if !found {
                return None;
            }
        }
        let fingerprints: Vec<(&[u8], u8)> = WORDS
            .iter()
            .map(|w| (&w.text[w.off..w.off + w.len], w.bucket))
            .collect();
        let mut by_bucket: [Vec<usize>; 8] = Default::default();
        for (wi, w) in WORDS.iter().enumerate() {
            by_bucket[usize::from(w.bucket & 7)].push(wi);
        }
        Some(Gates {
            tables: Tables::new(&fingerprints),
            words,
            nears,
            by_bucket,
            colon_slash: specials.colon_slash,
            sentry: specials.sentry,
            pem: specials.pem,
        })
    }

    /// Every keyword hit that can matter, as `emit(found, pattern, start, end)`.
    /// Hits `Found::Region` may act on their targets gated `Word`, `T1`, `T2`
    /// or `Discord` (the regions cover every such hit that matters; the other
    /// hits they contain are real and harmless); `Found::At` and `Found::Pem`
    /// hits on the targets with that gate. Region hits come in text order
    /// (the order a full scan reports them).
    pub(crate) fn collect(
        &self,
        kernel: Kernel,
        text: &[u8],
        ac: &DFA,
        emit: &mut impl FnMut(Found, usize, usize, usize),
    ) {
        let mut sink = Sink {
            gates: self,
            text,
            emit,
            words: Vec::new(),
            t1: Vec::new(),
            t2: Vec::new(),
            runs1: Runs::new(T1_MIN),
            runs2: Runs::new(T2_MIN),
        };
        prefilter::for_each_block(kernel, &self.tables, text, &mut sink);
        let Sink {
            emit,
            mut words,
            mut t1,
            mut t2,
            mut runs1,
            mut runs2,
            ..
        } = sink;
        runs1.finish(text.len(), &mut t1);
        runs2.finish(text.len(), &mut t2);
        let mut regions: Vec<(usize, usize)> = Vec::new();
        // Nearly sorted already (fingerprints sit up to 2 bytes into words).
        words.sort_unstable();
        let mut near = NearRuns::new(if words.is_empty() { &[] } else { &self.nears }, &t1, &t2);
        let mut names = NameEnds::default();
        for (q, wi) in words {
            let (Some(word), Some(info)) = (WORDS.get(wi), self.words.get(wi)) else {
                continue;
            };
            if info.always
                || (info.assign && names.assignment_possible(text, q, word.text.len(), info.reach.1))
                || info.named.iter().any(|&n| near.holds(n, q))
            {
                let end = q + word.text.len();
                regions.push((q.saturating_sub(info.reach.0), (end + info.reach.1).min(text.len())));
            }
        }
        regions.extend(t1.iter().map(|&(s, e)| (s.saturating_sub(T1_BEFORE), e)));
        for &(s, e) in &t2 {
            regions.push(if e - s >= DISCORD_MIN {
                (s.saturating_sub(DISCORD_BEFORE), e + DISCORD_AFTER)
            } else {
                (s, e)
            });
        }
        run_automaton(ac, text, &mut regions, emit);
    }

    /// A word fingerprint may start at `p`: for each word it could belong
    /// to, if the word is there, the region its keywords can cover.
    fn word_at(
        &self,
        text: &[u8],
        p: usize,
        out: &mut Vec<(usize, usize)>,
        emit: &mut impl FnMut(Found, usize, usize, usize),
    ) {
        // `out` gets `(position, word index)` of each word found.
        let at = |i: usize| text.get(i).copied().unwrap_or(0);
        let buckets = self.tables.buckets([at(p), at(p + 1), at(p + 2), at(p + 3)]);
        for wi in Bits(u64::from(buckets)).flat_map(|b| self.by_bucket[b].iter().copied()) {
            let word = &WORDS[wi];
            if p < word.off {
                continue;
            }
            let q = p - word.off;
            let end = q + word.text.len();
            if wi == PEM_WORD_INDEX {
                if text.get(q..end) == Some(PEM_WORD) {
                    emit(Found::Pem, self.pem, q, end);
                }
            } else if text.get(q..end).is_some_and(|s| s.eq_ignore_ascii_case(word.text)) {
                out.push((q, wi));
            }
        }
    }

    /// `@` at `i`: URL credentials and Sentry DSNs end or start there.
    fn at_sign(&self, text: &[u8], i: usize, emit: &mut impl FnMut(Found, usize, usize, usize)) {
        if let Some(h) = url_scheme_before(text, i) {
            emit(Found::At, self.colon_slash, h, h + 3);
        }
        let limit = text.len().min(i + 1 + MAX_SENTRY_HOST + 6);
        let host_end = (i + 1..limit).find(|&k| !is_host_byte(text[k])).unwrap_or(limit);
        let last = (i + 1 + MAX_SENTRY_HOST).min(host_end.saturating_sub(6));
        for s in i + 1..=last {
            if text[s..].starts_with(b"sentry") {
                emit(Found::At, self.sentry, s, s + 6);
            }
        }
    }
}

/// What the classifier's blocks turn into.
struct Sink<'g, 't, E> {
    gates: &'g Gates,
    text: &'t [u8],
    emit: &'g mut E,
    /// Word occurrences: `(position, word index)`.
    words: Vec<(usize, usize)>,
    t1: Vec<(usize, usize)>,
    t2: Vec<(usize, usize)>,
    runs1: Runs,
    runs2: Runs,
}

impl<E: FnMut(Found, usize, usize, usize)> prefilter::BlockSink for Sink<'_, '_, E> {
    /// Most blocks hold no mark and touch no long run: a few bit operations.
    #[inline(always)]
    fn block(&mut self, base: usize, m: Masks) {
        if m.words | m.at == 0 && self.runs1.quiet(m.t1, T1_MIN) && self.runs2.quiet(m.t2, T2_MIN) {
            self.runs1.carry(m.t1);
            self.runs2.carry(m.t2);
        } else {
            self.marked(base, m);
        }
    }
}

impl<E: FnMut(Found, usize, usize, usize)> Sink<'_, '_, E> {
    #[inline(never)]
    fn marked(&mut self, base: usize, m: Masks) {
        for p in Bits(m.words) {
            self.gates.word_at(self.text, base + p, &mut self.words, self.emit);
        }
        for p in Bits(m.at) {
            self.gates.at_sign(self.text, base + p, self.emit);
        }
        if self.runs1.quiet(m.t1, T1_MIN) {
            self.runs1.carry(m.t1);
        } else {
            self.runs1.block(base, m.t1, &mut self.t1);
        }
        if self.runs2.quiet(m.t2, T2_MIN) {
            self.runs2.carry(m.t2);
        } else {
            self.runs2.block(base, m.t2, &mut self.t2);
        }
    }
}

/// A cursor per [`Near`] condition over the runs it looks at: word
/// occurrences come in increasing order, so every cursor only moves forward.
struct NearRuns<'n> {
    nears: &'n [Near],
    cursors: Vec<usize>,
    t1: &'n [(usize, usize)],
    t2: &'n [(usize, usize)],
}

impl<'n> NearRuns<'n> {
    fn new(nears: &'n [Near], t1: &'n [(usize, usize)], t2: &'n [(usize, usize)]) -> NearRuns<'n> {
        NearRuns {
            nears,
            cursors: vec![0; nears.len()],
            t1,
            t2,
        }
    }

    /// Whether condition `n` holds for the word occurrence at `q` (not below
    /// any `q` asked before).
    fn holds(&mut self, n: usize, q: usize) -> bool {
        let (Some(near), Some(c)) = (self.nears.get(n), self.cursors.get_mut(n)) else {
            return true;
        };
        let runs = if near.t2 { self.t2 } else { self.t1 };
        let (lo, hi) = (q.saturating_sub(near.before), q.saturating_add(near.after));
        // Runs too short for this condition never count; runs ending by `lo`
        // no longer do.
        while runs.get(*c).is_some_and(|&(s, e)| e <= lo || e - s < near.min_run) {
            *c += 1;
        }
        runs.get(*c).is_some_and(|&(s, _)| s < hi)
    }
}

/// Where the name around a word occurrence ends, remembered for the next
/// occurrences of the same name (so a long name is walked once).
#[derive(Default)]
struct NameEnds {
    /// The last name walked: `[from, end)` are name bytes, `end` is not.
    last: Option<(usize, usize)>,
}

impl NameEnds {
    /// Whether a `NAME=value` keyword holding the word at `q..q + len` (and
    /// reaching at most `after` bytes past it) can have a value: its name
    /// must end within `generic::MAX_NAME` bytes of it (else it is glued to
    /// more name) and be followed by a separator, as `generic::assignment_at`
    /// requires.
    fn assignment_possible(&mut self, text: &[u8], q: usize, len: usize, after: usize) -> bool {
        let from = q + len;
        let end = match self.last {
            Some((f, e)) if f <= from && from <= e => e,
            _ => {
                let mut e = from;
                while e < text.len() && generic::is_name_byte(text[e]) {
                    e += 1;
                }
                self.last = Some((from, e));
                e
            }
        };
        end <= from + after + generic::MAX_NAME && generic::separator_after_name(text, end)
    }
}

/// The `://` a URL credential ending in the `@` at `at` must have: the
/// nearest `/` before it, over bytes a `user:password` may hold.
fn url_scheme_before(text: &[u8], at: usize) -> Option<usize> {
    let lowest = at.saturating_sub(MAX_USERINFO + 1);
    let mut j = at;
    while j > lowest {
        j -= 1;
        let c = text[j];
        if matches!(c, b'/' | b'@' | b'"' | b'\'' | b'<' | b'>' | b'\\') || matches!(c, b'\t'..=b'\r' | b' ') {
            return (c == b'/' && j >= 2 && text[j - 1] == b'/' && text[j - 2] == b':').then(|| j - 2);
        }
    }
    None
}

fn is_host_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'.' || c == b'-'
}

/// Merges `regions` and reports every keyword the automaton finds in them,
/// region by region in text order.
fn run_automaton(
    ac: &DFA,
    text: &[u8],
    regions: &mut Vec<(usize, usize)>,
    emit: &mut impl FnMut(Found, usize, usize, usize),
) {
    regions.sort_unstable();
    let mut merged = 0;
    for i in 0..regions.len() {
        let (s, e) = regions[i];
        if merged > 0 && s <= regions[merged - 1].1 {
            regions[merged - 1].1 = regions[merged - 1].1.max(e);
        } else {
            regions[merged] = (s, e);
            merged += 1;
        }
    }
    regions.truncate(merged);
    let slice = |&(s, e): &(usize, usize)| (s, text.get(s..e.min(text.len())).unwrap_or(&[]));
    // Two regions at a time: the automaton's steps are a chain of dependent
    // loads, and two independent chains run in the time of one. The second
    // region's hits wait until the first is done, so the order is kept.
    let mut later: Vec<(usize, usize, usize)> = Vec::new();
    for pair in regions.chunks(2) {
        let (a0, a) = slice(&pair[0]);
        let (b0, b) = pair.get(1).map_or((0, &[][..]), slice);
        each_keyword2(
            ac,
            a,
            b,
            &mut |p, s, e| emit(Found::Region, p, a0 + s, a0 + e),
            &mut |p, s, e| later.push((p, b0 + s, b0 + e)),
        );
        for (p, s, e) in later.drain(..) {
            emit(Found::Region, p, s, e);
        }
    }
}

/// [`each_keyword`] over `a` and `b` in lockstep.
fn each_keyword2(
    ac: &DFA,
    a: &[u8],
    b: &[u8],
    fa: &mut impl FnMut(usize, usize, usize),
    fb: &mut impl FnMut(usize, usize, usize),
) {
    let Ok(start) = ac.start_state(Anchored::No) else {
        return;
    };
    let (mut sa, mut sb) = (start, start);
    let n = a.len().min(b.len());
    for (i, (&x, &y)) in a.iter().zip(b).enumerate() {
        sa = ac.next_state(Anchored::No, sa, x);
        sb = ac.next_state(Anchored::No, sb, y);
        if ac.is_special(sa) {
            report(ac, sa, i, fa);
        }
        if ac.is_special(sb) {
            report(ac, sb, i, fb);
        }
    }
    let (rest, mut sid, f): (&[u8], _, &mut dyn FnMut(usize, usize, usize)) =
        if a.len() > n { (a, sa, fa) } else { (b, sb, fb) };
    for (i, &x) in rest.iter().enumerate().skip(n) {
        sid = ac.next_state(Anchored::No, sid, x);
        if ac.is_special(sid) {
            report(ac, sid, i, f);
        }
    }
}

/// The keywords that end at `i` (inclusive) in special state `sid`.
#[inline]
fn report(
    ac: &DFA,
    sid: aho_corasick::automaton::StateID,
    i: usize,
    f: &mut (impl FnMut(usize, usize, usize) + ?Sized),
) {
    if ac.is_match(sid) {
        for k in 0..ac.match_len(sid) {
            let p = ac.match_pattern(sid, k);
            f(p.as_usize(), i + 1 - ac.pattern_len(p), i + 1);
        }
    }
}

/// Every keyword occurrence in `hay`, overlapping ones included, as
/// `f(pattern, start, end)`: ordered by end, then as the automaton lists the
/// matches of a state (the order of `AhoCorasick::find_overlapping_iter`).
/// The unanchored automaton has no dead state, so every byte is looked at.
pub(crate) fn each_keyword(ac: &DFA, hay: &[u8], mut f: impl FnMut(usize, usize, usize)) {
    let Ok(mut sid) = ac.start_state(Anchored::No) else {
        return;
    };
    for (i, &b) in hay.iter().enumerate() {
        sid = ac.next_state(Anchored::No, sid, b);
        if ac.is_special(sid) {
            report(ac, sid, i, &mut f);
        }
    }
}

/// Positions of the set bits of a mask, lowest first.
struct Bits(u64);

impl Iterator for Bits {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let p = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(p)
    }
}

/// Maximal runs of set bits across consecutive blocks, reported when at
/// least `min` (17..=64) long.
struct Runs {
    min: usize,
    /// Length of the run that reaches the end of the last block.
    open: usize,
}

impl Runs {
    fn new(min: usize) -> Runs {
        Runs { min, open: 0 }
    }

    /// Whether block `m` touches no run of `min` or more (so no run of
    /// `self.min` or more when `min <= self.min`): the usual case for text.
    #[inline(always)]
    fn quiet(&self, m: u64, min: usize) -> bool {
        m != u64::MAX && self.open + (m.trailing_ones() as usize) < min && !has_run(m, min)
    }

    /// Follows a [`Runs::quiet`] block.
    #[inline(always)]
    fn carry(&mut self, m: u64) {
        self.open = m.leading_ones() as usize;
    }

    #[inline(never)]
    fn block(&mut self, base: usize, m: u64, out: &mut Vec<(usize, usize)>) {
        if m == u64::MAX {
            self.open += 64;
            return;
        }
        let low = m.trailing_ones() as usize;
        if self.open + low >= self.min {
            out.push((base - self.open, base + low));
        }
        let high = m.leading_ones() as usize;
        // Both ends are below 64 because `m` has a clear bit.
        let inner = m & !((1u64 << low) - 1) & !(u64::MAX.checked_shl(64 - high as u32).unwrap_or(0));
        // Starts of the inner runs at least `min` long.
        let mut starts = run_starts(inner, self.min) & !(inner << 1);
        while starts != 0 {
            let s = starts.trailing_zeros() as usize;
            let len = (inner >> s).trailing_ones() as usize;
            out.push((base + s, base + s + len));
            starts &= starts - 1;
        }
        self.open = high;
    }

    fn finish(&mut self, end: usize, out: &mut Vec<(usize, usize)>) {
        if self.open >= self.min {
            out.push((end - self.open, end));
        }
        self.open = 0;
    }
}

/// Bits `j` of `x` followed by `min - 1` more set bits (`min` in 17..=64).
#[inline(always)]
fn run_starts(x: u64, min: usize) -> u64 {
    let x2 = x & (x >> 1);
    let x4 = x2 & (x2 >> 2);
    let x8 = x4 & (x4 >> 4);
    let x16 = x8 & (x8 >> 8);
    if min <= 32 {
        x16 & (x16 >> (min - 16))
    } else {
        let x32 = x16 & (x16 >> 16);
        x32 & (x32 >> (min - 32))
    }
}

/// Whether `x` has `min` (17..=64) consecutive set bits.
#[inline(always)]
fn has_run(x: u64, min: usize) -> bool {
    run_starts(x, min) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_inside_their_words() {
        for w in WORDS {
            assert!(
                w.off + w.len <= w.text.len() && (3..=4).contains(&w.len),
                "{:?}",
                w.text
            );
            assert!(
                w.len == 4 || w.off + w.len == w.text.len(),
                "3-byte fingerprints end their word"
            );
            assert!(w.bucket < 8);
            assert!(!w.text.contains(&super::prefilter::ANY));
        }
    }

    /// With `quiet_min`, blocks [`Runs::quiet`] for that length skip the exact path.
    fn runs(min: usize, quiet_min: Option<usize>, bits: &[bool]) -> Vec<(usize, usize)> {
        let mut r = Runs::new(min);
        let mut out = Vec::new();
        for (b, chunk) in bits.chunks(64).enumerate() {
            let m = chunk
                .iter()
                .enumerate()
                .fold(0u64, |m, (i, &x)| m | (u64::from(x) << i));
            match quiet_min {
                Some(q) if r.quiet(m, q) => r.carry(m),
                _ => r.block(b * 64, m, &mut out),
            }
        }
        r.finish(bits.len(), &mut out);
        out
    }

    fn runs_naive(min: usize, bits: &[bool]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < bits.len() {
            if !bits[i] {
                i += 1;
                continue;
            }
            let s = i;
            while i < bits.len() && bits[i] {
                i += 1;
            }
            if i - s >= min {
                out.push((s, i));
            }
        }
        out
    }

    #[test]
    fn runs_across_blocks_match_a_plain_scan() {
        let mut state = 0x1234_5678_9ABC_DEF1u64;
        for round in 0..3000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 400) as usize;
            // Long runs of ones broken by short gaps, so every boundary case shows up.
            let mut bits = Vec::with_capacity(len);
            let mut s = state;
            while bits.len() < len {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                let run = (s % 80) as usize;
                bits.extend(std::iter::repeat_n(true, run));
                bits.extend(std::iter::repeat_n(false, ((s >> 8) % 3) as usize));
            }
            bits.truncate(len);
            for min in [17, 20, 30, 33, 59, 64] {
                let want = runs_naive(min, &bits);
                assert_eq!(runs(min, None, &bits), want, "round {round} min {min}");
                for q in [17, min] {
                    if q <= min {
                        assert_eq!(runs(min, Some(q), &bits), want, "round {round} min {min} quiet {q}");
                    }
                }
            }
        }
    }

    #[test]
    fn automaton_walk_reports_like_find_overlapping_iter() {
        let patterns = ["a", "ab", "bab", "abab", "b", "key", "_key", "api_key", "ke", "MT", "M"];
        let dfa = DFA::builder().prefilter(false).build(patterns).ok();
        let ac = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(patterns)
            .ok();
        let (Some(dfa), Some(ac)) = (dfa, ac) else {
            panic!("automata build");
        };
        let mut state = 7u64;
        for round in 0..300 {
            let mut text = Vec::new();
            for _ in 0..(round % 60) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.extend_from_slice(
                    [&b"a"[..], b"b", b"ab", b"_", b"key", b"api", b"MT", b" ", b"\xff"][(state % 9) as usize],
                );
            }
            let want: Vec<(usize, usize, usize)> = ac
                .find_overlapping_iter(&text)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            let mut got = Vec::new();
            each_keyword(&dfa, &text, |p, s, e| got.push((p, s, e)));
            assert_eq!(got, want, "round {round}");
            // Regions, two at a time: each region's hits, in region order.
            let cut = text.len() / 3;
            let mut regions = vec![(0, cut), ((cut + 1).min(text.len()), text.len())];
            let mut want2 = Vec::new();
            for &(s0, e0) in &regions {
                each_keyword(&dfa, &text[s0..e0], |p, s, e| want2.push((p, s0 + s, s0 + e)));
            }
            let mut got2 = Vec::new();
            run_automaton(&dfa, &text, &mut regions, &mut |_, p, s, e| got2.push((p, s, e)));
            assert_eq!(got2, want2, "round {round}");
        }
    }

    #[test]
    fn url_scheme_is_the_nearest_slash() {
        let t = b"see postgres://user:pa:ss@db and https://a.b/c@d";
        let at = t.iter().position(|&c| c == b'@').unwrap_or(0);
        assert_eq!(url_scheme_before(t, at), Some(12));
        let at2 = t.iter().rposition(|&c| c == b'@').unwrap_or(0);
        assert_eq!(url_scheme_before(t, at2), None);
    }
}
