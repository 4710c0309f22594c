//! A learned second opinion on prompt injection: a linear model over word, word-pair and
//! concept features ([`features`], [`concepts`]), trained offline on the labelled
//! corpus and compiled into the binary.
//!
//! The phrase rules of [`crate::injection`] recognise the phrasings they were written
//! from; an attacker who says the same thing in another register (a changelog line, a
//! legal clause, a polite request in the third person) passes them. The model reads
//! what phrase lists cannot enumerate: the mix of words an instruction to an assistant
//! is made of. It is a signal like any other ([`SignalKind::LearnedInjection`]), with a
//! span (the best window of [`model::WINDOW`] words) and a weight, so callers still see
//! why a text was reported.
//!
//! No model is downloaded and nothing is learned at run time: `weights.bin` is written
//! by `cargo run -p mcpward-detect --release --example train_learned` from the corpus's
//! `dev` half and the development sets (never the `test` half, the held-out set,
//! `devset7` or the measured-only sets: see `corpus/train.rs`), and read here with
//! `include_bytes!`. The same command with `--check` verifies that the
//! committed file is what the corpus trains.

pub mod concepts;
pub mod features;
pub mod model;

use crate::verdict::{ScanContext, Signal, SignalKind};
use model::{probability, Model};
use std::ops::Range;
use std::sync::OnceLock;

/// The trained weights (see the module docs).
static WEIGHTS: &[u8] = include_bytes!("weights.bin");

/// The compiled-in model; `None` only if `weights.bin` is not a weights file, which a
/// test rules out.
pub fn embedded() -> Option<&'static Model<&'static [u8]>> {
    static MODEL: OnceLock<Option<Model<&'static [u8]>>> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(WEIGHTS)).as_ref()
}

/// Weight of a window at the threshold; it rises to [`TOP_WEIGHT`] as the model grows
/// sure. At the threshold alone a text is Suspicious (the verdict's lowest report), so
/// the model can report what no rule saw, but not call it Malicious by itself.
const BASE_WEIGHT: f32 = 0.32;
const TOP_WEIGHT: f32 = 0.6;

/// The model's signal for `text`, if its best window reaches the context's threshold.
pub fn scan(text: &str, ctx: ScanContext) -> Option<Signal> {
    signal(embedded()?, text, ctx)
}

/// The embedded model's [`Finding`] in `text`, for callers that report the signal in a
/// part of the text (a tool's field) or at another span (a decoded payload's carrier).
pub(crate) fn find_embedded(text: &str, ctx: ScanContext) -> Option<Finding> {
    find(embedded()?, text, ctx)
}

/// [`scan`] with a given model (the trainer measures candidates with it).
pub fn signal<W: AsRef<[u8]>>(model: &Model<W>, text: &str, ctx: ScanContext) -> Option<Signal> {
    let found = find(model, text, ctx)?;
    Some(found.signal(text, found.span.clone()))
}

/// What the model found in a text: its best window, how sure it is, and the signal's
/// weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The window's byte range in the scanned text.
    pub span: Range<usize>,
    pub probability: f32,
    pub weight: f32,
}

impl Finding {
    /// The signal, its span and evidence in `text` (the scanned text, or the part of it
    /// a caller reports the signal in: one field of a tool).
    pub fn signal(&self, text: &str, span: Range<usize>) -> Signal {
        Signal {
            kind: SignalKind::LearnedInjection,
            evidence: format!(
                "model p={:.2}: {}",
                self.probability,
                crate::neutralize::excerpt_in(text, span.clone(), 120)
            ),
            span,
            weight: self.weight,
        }
    }
}

/// The model's [`Finding`] in `text`, if its best window reaches the context's threshold.
pub fn find<W: AsRef<[u8]>>(model: &Model<W>, text: &str, ctx: ScanContext) -> Option<Finding> {
    let metadata = ctx.is_metadata();
    let best = model.best_window(text, metadata)?;
    let threshold = model.threshold(metadata);
    if best.logit < threshold {
        return None;
    }
    let (p, p0) = (probability(best.logit), probability(threshold));
    let sure = if p0 < 1.0 {
        ((p - p0) / (1.0 - p0)).clamp(0.0, 1.0)
    } else {
        1.0
    };
    Some(Finding {
        span: best.span,
        probability: p,
        weight: BASE_WEIGHT + (TOP_WEIGHT - BASE_WEIGHT) * sure,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_weights_load() {
        let m = embedded().expect("weights.bin is a weights file");
        assert!(m.scale > 0.0 && m.scale.is_finite());
        assert!(m.threshold.iter().all(|t| t.is_finite()));
    }
}
