//! Tokens and hashed features: what the learned classifier reads.
//!
//! Words are runs of letters and digits, lower-cased; a Han or kana character is a
//! word of its own (those scripts write no blanks, and a character pair carries what a
//! word pair does elsewhere). Features are the hashes of each word and of each pair of
//! neighbouring words, folded into [`DIM`] buckets. Numbers are one word, long runs
//! of letters and digits (hashes, keys, base64) another: their values say nothing
//! about intent. A long run of letters alone (`onExitDefinitionLabelString`,
//! `Datenschutzgrundverordnung`) is a word like any other: when every long run was the
//! one word, the model learned that word from the encoded payloads of its positives and
//! flagged source code for its identifiers.
//!
//! Two words are not features at all: `example` and `fake`. The blind sets that teach
//! the model write every address under `example.com` and every key with `FAKE` in it,
//! the real texts it learns from do not, and a model that learned those words would
//! learn who wrote the text, not what it asks.

use unicode_normalization::char::is_combining_mark;

/// Bits of the feature space: 2^20 one-byte weights (1 MiB). The training text held
/// about 430,000 distinct words and word pairs when this was chosen (38 sets; 480,000
/// with 42, as `train_learned` prints them), 1.6 for each of 2^18 buckets.
/// Leave-one-set-out (34 folds, `docs/detection-quality-history.md`),
/// tools and outputs found by rules and model: 18 bits 2553 and 2199, 19 bits 2598
/// and 2210, 20 bits 2623 and 2227, 22 bits 2590 and 2237, with about as many hard
/// negatives flagged at each.
pub const BITS: u32 = 20;
/// Buckets of the feature space.
pub const DIM: usize = 1 << BITS;
const MASK: u32 = (DIM - 1) as u32;

/// Words of more characters than this, with a digit among them, are values (hashes,
/// keys, encoded data), not words.
const MAX_WORD: usize = 24;

const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;

/// The hash every number gets.
const NUMBER: u32 = 0x6e75_6d30;
/// The hash every over-long word gets.
const LONG: u32 = 0x6c6f_6e67;
/// What a text's first word is paired with.
const START: u32 = 0x7374_7274;

const fn fnv(word: &[u8]) -> u32 {
    let mut h = FNV_OFFSET;
    let mut i = 0;
    while i < word.len() {
        h ^= word[i] as u32;
        h = h.wrapping_mul(FNV_PRIME);
        i += 1;
    }
    h
}

/// The hash [`for_each_word`] gives the word `w` (written as one word).
pub fn fnv_lower(w: &str) -> u32 {
    let mut h = FNV_OFFSET;
    for b in w.to_lowercase().bytes() {
        h = (h ^ b as u32).wrapping_mul(FNV_PRIME);
    }
    h
}

/// Words that are not features (see the module docs).
const SKIPPED: [u32; 2] = [fnv(b"example"), fnv(b"fake")];

/// Mixes a hash so that nearby inputs land in distant buckets.
#[inline]
fn mix(mut h: u32) -> u32 {
    h ^= h >> 16;
    h = h.wrapping_mul(0x7feb_352d);
    h ^= h >> 15;
    h = h.wrapping_mul(0x846c_a68b);
    h ^ (h >> 16)
}

/// The buckets of a word (`unigram`) and of it with the word before it (`pair`).
#[inline]
pub fn buckets(prev: u32, word: u32) -> [u32; 2] {
    let unigram = mix(word) & MASK;
    let pair = mix(prev.rotate_left(13) ^ word.wrapping_mul(0x9e37_79b1) ^ 0x5bd1_e995) & MASK;
    [unigram, pair]
}

/// Whether `c` is written without blanks between words (Han, kana).
#[inline]
fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Calls `f(hash, start, end)` for every word of `text`, in order; `start..end` is its
/// byte range in `text`.
pub fn for_each_word(text: &str, mut f: impl FnMut(u32, usize, usize)) {
    let bytes = text.as_bytes();
    let mut word = Word::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                if word.len == 0 {
                    word.start = i;
                }
                word.push_byte(b.to_ascii_lowercase());
                word.chars += 1;
            } else if word.len > 0 {
                word.emit(i, &mut f);
            }
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
        let n = c.len_utf8();
        if is_unspaced(c) {
            if word.len > 0 {
                word.emit(i, &mut f);
            }
            word.start = i;
            let mut buf = [0u8; 4];
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                word.push_byte(b);
            }
            word.digits = false;
            word.emit(i + n, &mut f);
        } else if c.is_alphanumeric() || (word.len > 0 && is_combining_mark(c)) {
            // A combining mark (a Devanagari virama, an Arabic vowel sign) belongs to
            // the word it marks.
            if word.len == 0 {
                word.start = i;
            }
            word.digits &= c.is_numeric();
            word.chars += 1;
            let mut buf = [0u8; 4];
            for l in c.to_lowercase() {
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    word.push_byte(b);
                }
            }
            // A non-ASCII letter is not a digit even when `push_byte` saw none.
            word.letters = true;
        } else if word.len > 0 {
            word.emit(i, &mut f);
        }
        i += n;
    }
    if word.len > 0 {
        word.emit(bytes.len(), &mut f);
    }
}

/// The word being read.
struct Word {
    hash: u32,
    /// Bytes hashed.
    len: usize,
    chars: usize,
    start: usize,
    digits: bool,
    letters: bool,
    /// Whether an ASCII digit was hashed.
    any_digit: bool,
}

impl Word {
    fn new() -> Word {
        Word {
            hash: FNV_OFFSET,
            len: 0,
            chars: 0,
            start: 0,
            digits: true,
            letters: false,
            any_digit: false,
        }
    }

    #[inline]
    fn push_byte(&mut self, b: u8) {
        self.hash = (self.hash ^ b as u32).wrapping_mul(FNV_PRIME);
        self.len += 1;
        if b.is_ascii_alphabetic() {
            self.letters = true;
        }
        self.any_digit |= b.is_ascii_digit();
    }

    #[inline]
    fn emit(&mut self, end: usize, f: &mut impl FnMut(u32, usize, usize)) {
        let hash = if self.digits && !self.letters {
            NUMBER
        } else if self.chars > MAX_WORD && self.any_digit {
            LONG
        } else {
            self.hash
        };
        if !SKIPPED.contains(&hash) {
            f(hash, self.start, end);
        }
        *self = Word::new();
    }
}

/// Words back that a concept pair reaches.
pub const PAIR_REACH: usize = 12;

const CONCEPT_COUNT: usize = super::concepts::CONCEPTS.len();
/// Concept facts: "the window has a word of concept `c`" (one per concept) and "the
/// window has a word of concept `b` within [`PAIR_REACH`] words after one of concept
/// `a`" (one per ordered pair).
pub const FACTS: usize = CONCEPT_COUNT + CONCEPT_COUNT * CONCEPT_COUNT;
/// Most facts one word makes true: its concept, and a pair with each concept.
pub const MAX_FACTS_PER_WORD: usize = 1 + CONCEPT_COUNT;

/// The bucket of a concept fact.
#[inline]
pub fn fact_bucket(fact: u16) -> u32 {
    mix(0xc0c0_0000 ^ u32::from(fact)) & MASK
}

/// Calls `f(buckets, facts, start, end)` for every word of `text`: the buckets of the
/// word and of the pair it ends, and the concept facts it makes true. The model counts
/// each once per window, present or not: a list of five assistants' names is no more
/// an order to one of them than a list of one (see `model`).
pub fn for_each_feature(text: &str, mut f: impl FnMut([u32; 2], &[u16], usize, usize)) {
    let mut prev = START;
    // Word index at which each concept was last seen (plus one; 0: never).
    let mut seen = [0usize; CONCEPT_COUNT];
    let mut n = 0usize;
    let mut facts = [0u16; MAX_FACTS_PER_WORD];
    for_each_word(text, |h, s, e| {
        n += 1;
        let mut len = 0;
        if let Some(c) = super::concepts::concept(h) {
            let c = usize::from(c);
            facts[len] = c as u16;
            len += 1;
            for (other, &at) in seen.iter().enumerate() {
                if at > 0 && n - at <= PAIR_REACH {
                    facts[len] = (CONCEPT_COUNT + other * CONCEPT_COUNT + c) as u16;
                    len += 1;
                }
            }
            seen[c] = n;
        }
        f(buckets(prev, h), &facts[..len], s, e);
        prev = h;
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        for_each_word(text, |_, s, e| v.push(&text[s..e]));
        v
    }

    #[test]
    fn words_are_letter_runs_and_han_characters() {
        assert_eq!(words("Send it, NOW: to x.example!"), ["Send", "it", "NOW", "to", "x"]);
        assert_eq!(words("请忽略 above"), ["请", "忽", "略", "above"]);
        assert_eq!(words("Übertrage café"), ["Übertrage", "café"]);
    }

    #[test]
    fn case_numbers_and_long_values_fold() {
        let hashes = |t: &str| {
            let mut v = Vec::new();
            for_each_word(t, |h, _, _| v.push(h));
            v
        };
        assert_eq!(hashes("IGNORE Ignore"), hashes("ignore ignore"));
        assert_eq!(hashes("ÜBER"), hashes("über"));
        assert_eq!(hashes("42"), hashes("1999"));
        assert_eq!(
            hashes("a1b2c3d4e5f6a1b2c3d4e5f6a1"),
            hashes("zzzzzzzzzzzzzzzzzzzzzzzzzzzz9")
        );
        // Letters alone are a word, however long.
        assert_ne!(
            hashes("onExitDefinitionLabelString"),
            hashes("onExitDefinitionTitleString")
        );
        assert_ne!(hashes("send"), hashes("sent"));
    }

    #[test]
    fn hostile_text_is_read_to_the_end() {
        let text = "\u{FFFF}a\u{10FFFF}\u{0}b".repeat(1000) + &"x".repeat(100_000);
        let mut n = 0;
        let mut last = 0;
        for_each_feature(&text, |b, facts, _, e| {
            assert!(b.iter().all(|&x| (x as usize) < DIM));
            assert!(facts.iter().all(|&x| usize::from(x) < FACTS));
            n += 1;
            last = e;
        });
        assert_eq!(last, text.len());
        assert!(n > 1000);
    }
}
