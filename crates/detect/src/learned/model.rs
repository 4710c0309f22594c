//! The classifier: a linear model over [`features`](super::features), read in windows.
//!
//! A tool result of 100 KB may hide one sentence; a score over the whole text would
//! drown it. The model scores every run of [`WINDOW`] words (one pass, a running sum
//! of the words' weights and of the concept facts true in the window) and keeps the
//! best, with its span. Memory is a few fixed arrays, whatever the text's length.

use super::features::{fact_bucket, for_each_feature, DIM, FACTS, MAX_FACTS_PER_WORD};
use std::ops::Range;

/// Words in a window: a long paragraph, more than any one instruction needs. Chosen
/// by leave-one-set-out (README): from 24 to 128 words, tools were found more often up
/// to ~80 and real tools flagged more often beyond it; outputs peaked at 64 to 88.
pub const WINDOW: usize = 80;
/// Texts of fewer words are not scored: a tool's name, a title, a log line or one turn
/// of a transcript gives the model too little to judge ("User: how do I reset my
/// password? Assistant: Open Settings." has the words of an attack and none of its
/// intent), and the rules read short texts well. Leave-one-set-out figures were no
/// lower with 16 than with 8.
pub const MIN_WORDS: usize = 16;

/// Weights quantised to `i8` (stored as their `u8` bytes; `scale` per unit), a bias
/// for tool metadata and one for content, and the logit from which a window is
/// reported in each.
#[derive(Debug, Clone)]
pub struct Model<W: AsRef<[u8]>> {
    pub weights: W,
    pub scale: f32,
    /// `[metadata, content]`.
    pub bias: [f32; 2],
    /// `[metadata, content]`.
    pub threshold: [f32; 2],
}

/// The best window of a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Best {
    pub logit: f32,
    /// Byte range of the window's words in the scanned text.
    pub span: Range<usize>,
}

/// Magic of the weights file.
const MAGIC: &[u8; 4] = b"MWL1";
/// Bytes before the weights: magic, scale, two biases, two thresholds.
const HEADER: usize = 4 + 5 * 4;

impl<'a> Model<&'a [u8]> {
    /// Reads a weights file ([`Model::to_bytes`]); `None` when it is not one.
    pub fn from_bytes(bytes: &'a [u8]) -> Option<Model<&'a [u8]>> {
        if bytes.len() != HEADER + DIM || &bytes[..4] != MAGIC {
            return None;
        }
        let f = |i: usize| f32::from_le_bytes(bytes[4 + 4 * i..8 + 4 * i].try_into().unwrap_or([0; 4]));
        Some(Model {
            weights: &bytes[HEADER..],
            scale: f(0),
            bias: [f(1), f(2)],
            threshold: [f(3), f(4)],
        })
    }
}

impl<W: AsRef<[u8]>> Model<W> {
    /// The weights file: magic, `scale`, biases, thresholds (little-endian `f32`), then
    /// one `i8` per bucket.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + DIM);
        out.extend_from_slice(MAGIC);
        for v in [
            self.scale,
            self.bias[0],
            self.bias[1],
            self.threshold[0],
            self.threshold[1],
        ] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(self.weights.as_ref());
        out
    }

    /// The best-scoring window of `text` (`None` for a text of fewer than
    /// [`MIN_WORDS`] words): the whole
    /// text when it has at most [`WINDOW`] words, else the best run of exactly
    /// [`WINDOW`] words. Either way the sum of its words' and its concept facts'
    /// weights (each fact once) is multiplied by its length's [`norm`], as in training,
    /// less [`PER_WINDOWS`] per log of the number of windows.
    pub fn best_window(&self, text: &str, metadata: bool) -> Option<Best> {
        let w = self.weights.as_ref();
        if w.len() != DIM {
            return None;
        }
        let weight = |bucket: u32| i32::from(w[bucket as usize] as i8);
        // Ring of the last WINDOW words: their buckets' sum, starts and facts; how many
        // words of the window make each fact true, and what the true facts weigh.
        let mut parts = [0i32; WINDOW];
        let mut starts = [0usize; WINDOW];
        let mut ring_facts = [[0u16; MAX_FACTS_PER_WORD]; WINDOW];
        let mut ring_lens = [0u8; WINDOW];
        let mut counts = [0u16; FACTS];
        let mut n = 0usize;
        let (mut words_sum, mut facts_sum) = (0i32, 0i32);
        let mut last_end = 0;
        let mut best: Option<(i32, usize, usize)> = None;
        for_each_feature(text, |buckets, facts, start, end| {
            let slot = n % WINDOW;
            if n >= WINDOW {
                words_sum -= parts[slot];
                for &fact in &ring_facts[slot][..usize::from(ring_lens[slot])] {
                    counts[usize::from(fact)] -= 1;
                    if counts[usize::from(fact)] == 0 {
                        facts_sum -= weight(fact_bucket(fact));
                    }
                }
            }
            parts[slot] = weight(buckets[0]) + weight(buckets[1]);
            words_sum += parts[slot];
            for &fact in facts {
                if counts[usize::from(fact)] == 0 {
                    facts_sum += weight(fact_bucket(fact));
                }
                counts[usize::from(fact)] += 1;
            }
            ring_facts[slot][..facts.len()].copy_from_slice(facts);
            ring_lens[slot] = facts.len() as u8;
            starts[slot] = start;
            n += 1;
            last_end = end;
            let sum = words_sum + facts_sum;
            if n >= WINDOW && best.is_none_or(|(s, _, _)| sum > s) {
                best = Some((sum, starts[n % WINDOW], end));
            }
        });
        let sum = words_sum + facts_sum;
        let (sum, start, end, words) = match best {
            Some((sum, start, end)) => (sum, start, end, WINDOW),
            None if n >= MIN_WORDS => (sum, starts[0], last_end, n),
            None => return None,
        };
        let bias = self.bias[usize::from(!metadata)];
        let windows = (n + 1).saturating_sub(WINDOW).max(1) as f32;
        Some(Best {
            logit: bias + self.scale * sum as f32 * norm(words) - PER_WINDOWS * windows.ln(),
            span: start..end,
        })
    }

    /// The threshold for the context.
    pub fn threshold(&self, metadata: bool) -> f32 {
        self.threshold[usize::from(!metadata)]
    }
}

/// What a window of `words` words multiplies its sum by: the square root of its
/// length, counted as at least [`SHORT`] words. Without it a long text was more suspect
/// for its length (the corpus's poisoned tools are long and real tools short, so `the`
/// and `of` weighed for an attack); with the plain root, a ten-word line weighed nearly
/// like a paragraph ("Works with Claude, Gemini and Codex; it can read and send files").
pub fn norm(words: usize) -> f32 {
    1.0 / (words.max(SHORT) as f32).sqrt()
}

/// See [`norm`].
pub const SHORT: usize = WINDOW / 2;

/// What the best window's logit gives up per natural log of the number of windows a text
/// has. The best of many windows is higher by chance alone: an 82 KB real tool schema or
/// a 6 KB source file has thousands, and its best rose above the threshold on words like
/// `the`, `background` and `region`. Leave-one-set-out (README, where it says how this
/// was measured: ten sets, before the long-word change), with 0, 0.1, 0.2 and 0.3:
/// the model found 397, 395, 391 and 387 of 840 poisoned tools and 940, 984, 992 and 972
/// of 1,270 injected outputs, and flagged 2, 0, 0 and 0 of the folds' 3,230 real tools.
pub const PER_WINDOWS: f32 = 0.2;

/// The logistic function.
pub fn probability(logit: f32) -> f32 {
    1.0 / (1.0 + (-logit).exp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learned::features::for_each_feature;

    fn model_liking(word_text: &str) -> Model<Vec<u8>> {
        let mut weights = vec![0u8; DIM];
        for_each_feature(word_text, |buckets, facts, _, _| {
            for b in buckets.into_iter().chain(facts.iter().map(|&f| fact_bucket(f))) {
                weights[b as usize] = 10;
            }
        });
        Model {
            weights,
            scale: 1.0,
            bias: [-1.0, -2.0],
            threshold: [0.0, 0.0],
        }
    }

    #[test]
    fn the_best_of_many_windows_gives_up_per_log_of_their_number() {
        let m = model_liking("steal everything");
        let one = format!("steal everything {}", "cat ".repeat(WINDOW - 2));
        let many = format!("{one}{}", "cat ".repeat(3 * WINDOW));
        let (a, b) = (
            m.best_window(&one, false).unwrap(),
            m.best_window(&many, false).unwrap(),
        );
        // The same best window, of the same words; only the number of windows differs.
        assert_eq!(a.span, b.span);
        let windows = (3 * WINDOW + 1) as f32;
        assert!(
            (a.logit - b.logit - PER_WINDOWS * windows.ln()).abs() < 1e-4,
            "{a:?} {b:?}"
        );
    }

    #[test]
    fn the_best_window_is_found_and_spanned() {
        let m = model_liking("steal everything");
        let filler = "the cat sat on a mat ".repeat(40);
        let text = format!("{filler}please steal everything now {filler}");
        let best = m.best_window(&text, false).unwrap();
        assert!(best.logit > 0.0, "{best:?}");
        assert!(text[best.span.clone()].contains("steal everything"), "{best:?}");
        // Metadata has its own bias.
        let meta = m.best_window(&text, true).unwrap();
        assert!((meta.logit - best.logit - 1.0).abs() < 1e-4);
        assert!(m.best_window("  ,;  ", false).is_none());
        assert!(m.best_window("steal everything", false).is_none());
    }

    #[test]
    fn weights_round_trip_and_bad_files_are_refused() {
        let m = model_liking("abc");
        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes).unwrap();
        assert_eq!(back.weights, &m.weights[..]);
        assert_eq!((back.scale, back.bias, back.threshold), (m.scale, m.bias, m.threshold));
        assert!(Model::from_bytes(&bytes[1..]).is_none());
        let mut bad = bytes.clone();
        bad[0] = b'X';
        assert!(Model::from_bytes(&bad).is_none());
    }
}
