//! How the learned classifier (`src/learned/`) is trained: shared by
//! `examples/train_learned.rs` (writes `weights.bin`, `--cv`) and `tests/quality.rs`
//! (checks that the committed `weights.bin` is what the corpus trains).
//!
//! It learns from the corpus's `dev` half (real benign tools and outputs, the written
//! poisoned tools, the payloads and hand-written injections) and the development sets
//! of `harness::DEVELOPMENT_SETS`. It never reads the corpus's `test` half, the
//! held-out set, `devset7` or the sets of `harness::MEASURED_ONLY_SETS`, so the figures
//! measured on those stay figures on text the model has not seen.
//!
//! Logistic regression (AdaGrad, L2, fixed epochs, a fixed shuffle: the same corpus
//! trains the same bytes) over windows of `WINDOW` words. An injected output is long
//! benign text around a short attack, so it is not a positive as a whole: a first model
//! learns from every window of every positive, the second from each positive's best
//! window under the first (multiple-instance learning in its simplest form). Each
//! context's threshold is set from out-of-fold scores (see [`train`]).

#![allow(dead_code)]

use crate::harness::{self, Half};
use mcpward_detect::injection;
use mcpward_detect::learned::features::{fact_bucket, for_each_feature, DIM, FACTS};
use mcpward_detect::learned::model::{norm, Model, MIN_WORDS, WINDOW};
use serde_json::Value;

/// The development sets the model learns from (each a fold of `--cv`).
pub const DEVSETS: &[&str] = harness::DEVELOPMENT_SETS;

/// What training is told; [`Params::DEFAULT`] trains the committed weights.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub epochs: usize,
    pub rate: f32,
    pub l2: f32,
    /// Benign tools (scored by models that did not see them) allowed at or above the
    /// threshold.
    pub fp_tools: f64,
    /// The same for benign outputs.
    pub fp_outputs: f64,
    /// What a real benign text (the corpus's `dev` half) weighs against a written one.
    /// At 2, leave-one-set-out (42 folds) found 25 fewer of 3,970 poisoned tools than at
    /// 1, and its models flagged 7 of 13,566 real test-half tools against 75 (1.5: 37;
    /// 3: 2, with 51 fewer found): the real tools users run are what a false alarm
    /// costs most on, and the written hard negatives outnumber them.
    pub real_benign: f32,
}

impl Params {
    pub const DEFAULT: Params = Params {
        epochs: 60,
        rate: 0.1,
        l2: 1e-5,
        fp_tools: 0.01,
        fp_outputs: 0.02,
        real_benign: 2.0,
    };
}

/// Folds for the out-of-fold scores the thresholds are set from.
const INNER_FOLDS: u64 = 5;

/// One labelled text, as the scanner shows it to the model.
#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    /// `corpus` (the dev half), `test` (the test half) or a development set's name.
    pub set: &'static str,
    pub metadata: bool,
    pub positive: bool,
    /// A tool's [`injection::tool_document`], or an output's text.
    pub text: String,
    /// The tool definition, for tools.
    pub tool: Option<Value>,
}

/// Every item the model may learn from, and the corpus's test half (`set == "test"`),
/// which it never learns from.
pub fn items() -> Vec<Item> {
    items_of(DEVSETS)
}

/// [`items`] with other development sets (the trainer's `SETS`, for experiments).
pub fn items_of(sets: &[&'static str]) -> Vec<Item> {
    let mut items = Vec::new();
    let half = |key: &str| {
        if harness::half_of(key) == Half::Dev {
            "corpus"
        } else {
            "test"
        }
    };
    for b in harness::benign_tools() {
        let set = half(&format!("server:{}", b.server));
        items.push(tool_item(
            format!("{}/{}", b.server, b.tool["name"]),
            set,
            false,
            &b.tool,
        ));
    }
    for (id, _, tool) in harness::malicious_tools() {
        let set = half(&format!("malicious:{id}"));
        items.push(tool_item(id, set, true, &tool));
    }
    let benign = harness::benign_outputs();
    for b in &benign {
        items.push(output_item(b.id.clone(), half(&b.group), false, &b.text));
    }
    // The corpus's positives: each payload as written, and the hand-written results
    // (a generated one is a payload planted in a benign output, which is a negative).
    for p in harness::payloads() {
        let set = half(&format!("payload:{}", p.id));
        items.push(output_item(p.id.clone(), set, true, &p.text));
    }
    for (id, carrier, key, text) in harness::injected_outputs(&benign) {
        if carrier == "hand-written" {
            items.push(output_item(id, half(&key), true, &text));
        }
    }
    for &set in sets {
        let dir = harness::corpus_dir().join(set);
        for (file, positive, tools) in [
            ("poisoned-tools.jsonl", true, true),
            ("benign-tools.jsonl", false, true),
            ("injected.jsonl", true, false),
            ("benign-outputs.jsonl", false, false),
        ] {
            for row in harness::read_jsonl(&dir.join(file)) {
                let id = row["id"].as_str().unwrap_or("?").to_owned();
                items.push(if tools {
                    tool_item(id, set, positive, &row["tool"])
                } else {
                    output_item(id, set, positive, row["text"].as_str().unwrap_or(""))
                });
            }
        }
    }
    items
}

fn tool_item(id: String, set: &'static str, positive: bool, tool: &Value) -> Item {
    Item {
        id,
        set,
        metadata: true,
        positive,
        text: injection::tool_document(tool).text,
        tool: Some(tool.clone()),
    }
}

fn output_item(id: String, set: &'static str, positive: bool, text: &str) -> Item {
    Item {
        id,
        set,
        metadata: false,
        positive,
        text: text.to_owned(),
        tool: None,
    }
}

/// A model trained on `items`, with thresholds set from out-of-fold scores: a model's
/// scores on its own training negatives are lower than on any text it has not seen, and
/// a threshold set from them lets through far more than the target on new text.
pub fn train(items: &[&Item], p: Params) -> Model<Vec<u8>> {
    let mut model = fit_items(items, p);
    let mut scores: [Vec<f32>; 2] = [Vec::new(), Vec::new()];
    for fold in 0..INNER_FOLDS {
        let in_fold = |i: &Item| harness::fnv1a(&i.id) % INNER_FOLDS == fold;
        let rest: Vec<&Item> = items.iter().copied().filter(|i| !in_fold(i)).collect();
        let m = fit_items(&rest, p);
        for i in items.iter().filter(|i| in_fold(i) && !i.positive) {
            let logit = m.best_window(&i.text, i.metadata).map_or(f32::MIN, |b| b.logit);
            scores[usize::from(!i.metadata)].push(logit);
        }
    }
    let [meta, content] = scores;
    model.threshold = [threshold(meta, p.fp_tools), threshold(content, p.fp_outputs)];
    model
}

/// Feature buckets of each window of `text` (windows of WINDOW words, half
/// overlapping; a shorter text is one window), each with its length's `norm`. A text
/// of fewer than MIN_WORDS words has none: the model does not score it.
fn windows(text: &str) -> Vec<Window> {
    let mut words: Vec<([u32; 2], Vec<u16>)> = Vec::new();
    for_each_feature(text, |b, facts, _, _| words.push((b, facts.to_vec())));
    if words.len() < MIN_WORDS {
        return Vec::new();
    }
    if words.len() <= WINDOW {
        return vec![window(&words)];
    }
    let mut out = Vec::new();
    let mut start = 0;
    loop {
        let end = (start + WINDOW).min(words.len());
        out.push(window(&words[end - WINDOW..end]));
        if end == words.len() {
            break;
        }
        start += WINDOW / 2;
    }
    out
}

/// A window's features: each bucket its words hold, and each fact, once (as the model
/// reads them).
fn window(words: &[([u32; 2], Vec<u16>)]) -> Window {
    let mut features: Vec<u32> = words.iter().flat_map(|(b, _)| *b).collect();
    features.sort_unstable();
    features.dedup();
    let mut seen = [false; FACTS];
    for &fact in words.iter().flat_map(|(_, f)| f) {
        if !std::mem::replace(&mut seen[usize::from(fact)], true) {
            features.push(fact_bucket(fact));
        }
    }
    Window {
        norm: norm(words.len()),
        features,
    }
}

#[derive(Clone)]
struct Window {
    features: Vec<u32>,
    /// The value of each feature ([`norm`] of the window's length).
    norm: f32,
}

struct Example {
    window: Window,
    metadata: bool,
    positive: bool,
    weight: f32,
}

struct Float {
    w: Vec<f32>,
    bias: [f32; 2],
}

impl Float {
    fn logit(&self, w: &Window, metadata: bool) -> f32 {
        self.bias[usize::from(!metadata)] + w.norm * w.features.iter().map(|&i| self.w[i as usize]).sum::<f32>()
    }
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

fn fit(examples: &[Example], p: Params) -> Float {
    let mut m = Float {
        w: vec![0.0; DIM],
        bias: [0.0; 2],
    };
    let mut g2 = vec![0.0f32; DIM];
    let mut gb2 = [0.0f32; 2];
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = harness::Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..p.epochs {
        // Fisher-Yates with the harness's fixed-seed generator.
        for i in (1..order.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            order.swap(i, j);
        }
        for &k in &order {
            let ex = &examples[k];
            let y = if ex.positive { 1.0 } else { 0.0 };
            let g = (sigmoid(m.logit(&ex.window, ex.metadata)) - y) * ex.weight;
            for &i in &ex.window.features {
                let i = i as usize;
                let grad = g * ex.window.norm + p.l2 * m.w[i];
                g2[i] += grad * grad;
                m.w[i] -= p.rate * grad / (g2[i].sqrt() + 1e-6);
            }
            let b = usize::from(!ex.metadata);
            gb2[b] += g * g;
            m.bias[b] -= p.rate * g / (gb2[b].sqrt() + 1e-6);
        }
    }
    m
}

fn fit_items(items: &[&Item], p: Params) -> Model<Vec<u8>> {
    let item_windows: Vec<Vec<Window>> = items.iter().map(|i| windows(&i.text)).collect();
    // Round one: every window of a positive counts, together as much as one item.
    let mut examples = Vec::new();
    for (item, ws) in items.iter().zip(&item_windows) {
        for w in ws {
            examples.push(Example {
                window: w.clone(),
                metadata: item.metadata,
                positive: item.positive,
                weight: item_weight(item, p) / if item.positive { ws.len() as f32 } else { 1.0 },
            });
        }
    }
    balance(&mut examples);
    let first = fit(&examples, p);
    // Round two: each positive's best window under the first model.
    let mut examples = Vec::new();
    for (item, ws) in items.iter().zip(&item_windows) {
        let best = if item.positive {
            ws.iter()
                .max_by(|a, b| first.logit(a, item.metadata).total_cmp(&first.logit(b, item.metadata)))
        } else {
            None
        };
        for w in ws {
            if item.positive && !best.is_some_and(|b| std::ptr::eq(b, w)) {
                continue;
            }
            examples.push(Example {
                window: w.clone(),
                metadata: item.metadata,
                positive: item.positive,
                weight: item_weight(item, p),
            });
        }
    }
    balance(&mut examples);
    quantise(&fit(&examples, p))
}

/// What an item weighs before balancing: a real benign text (the corpus's `dev` half)
/// [`Params::real_benign`], anything else 1.
fn item_weight(item: &Item, p: Params) -> f32 {
    if !item.positive && item.set == "corpus" {
        p.real_benign
    } else {
        1.0
    }
}

/// Positives and negatives of each context weigh the same in total.
fn balance(examples: &mut [Example]) {
    for metadata in [true, false] {
        let total = |positive: bool| -> f32 {
            examples
                .iter()
                .filter(|e| e.metadata == metadata && e.positive == positive)
                .map(|e| e.weight)
                .sum()
        };
        let (p, n) = (total(true), total(false));
        if p > 0.0 && n > 0.0 {
            for e in examples.iter_mut().filter(|e| e.metadata == metadata && e.positive) {
                e.weight *= n / p;
            }
        }
    }
}

/// The lowest logit that at most `target` of the negatives reach.
fn threshold(mut negatives: Vec<f32>, target: f64) -> f32 {
    negatives.sort_by(|a, b| b.total_cmp(a));
    let allowed = (negatives.len() as f64 * target).floor() as usize;
    negatives.get(allowed).map_or(0.0, |&x| x + 1e-3)
}

fn quantise(m: &Float) -> Model<Vec<u8>> {
    let max = m.w.iter().fold(0.0f32, |a, &w| a.max(w.abs())).max(1e-6);
    let scale = max / 127.0;
    let weights =
        m.w.iter()
            .map(|&w| (w / scale).round().clamp(-127.0, 127.0) as i8 as u8)
            .collect();
    Model {
        weights,
        scale,
        bias: m.bias,
        threshold: [0.0; 2],
    }
}

/// Where the committed weights are.
pub fn weights_path() -> std::path::PathBuf {
    harness::corpus_dir().join("../src/learned/weights.bin")
}
