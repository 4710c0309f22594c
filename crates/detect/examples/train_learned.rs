//! Trains the learned classifier (`crates/detect/src/learned/`) and writes its weights;
//! how it trains is `corpus/train.rs`.
//!
//! ```text
//! cargo run -p mcpward-detect --release --example train_learned            # write weights.bin
//! cargo run -p mcpward-detect --release --example train_learned -- --check # compare with it
//! cargo run -p mcpward-detect --release --example train_learned -- --cv    # leave one set out
//! ```
//! `--cv` trains once per development set, each time without it, and prints what the
//! model finds in the set it did not see, beside what the rules find there and what
//! both find together, and what each fold's model flags in the corpus's test half. It
//! is how the model's figures on unseen text were measured (README). `SHOW_FP=1` lists
//! the development sets' false alarms, `SHOW_FP=test` the corpus test half's (one line
//! a fold's model), `SHOW_MISS=1` the positives neither the rules nor the model find.
//! `SETS` (comma-separated set names) replaces the development sets learned from;
//! `EPOCHS`, `RATE`, `L2`, `FP_TOOLS`, `FP_OUTPUTS` and `REAL_BENIGN` override
//! [`train::Params::DEFAULT`] for experiments; the committed weights are trained with
//! the defaults (`--check` and the quality test use those).

#[path = "../corpus/harness.rs"]
mod harness;
#[path = "../corpus/train.rs"]
mod train;

use mcpward_detect::injection::{self, ScanContext};
use mcpward_detect::learned::model::Model;
use train::{Item, Params, DEVSETS};

/// The development sets to learn from: `SETS` (comma-separated directory names under
/// `corpus/`) or [`DEVSETS`]. How the README's "more data" comparisons were made.
fn sets() -> Vec<&'static str> {
    match std::env::var("SETS") {
        Ok(list) => list
            .split(',')
            .map(|s| &*Box::leak(s.trim().to_owned().into_boxed_str()))
            .filter(|s| !s.is_empty())
            .collect(),
        Err(_) => DEVSETS.to_vec(),
    }
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn params() -> Params {
    let d = Params::DEFAULT;
    Params {
        epochs: env_or("EPOCHS", d.epochs),
        rate: env_or("RATE", d.rate),
        l2: env_or("L2", d.l2),
        fp_tools: env_or("FP_TOOLS", d.fp_tools),
        fp_outputs: env_or("FP_OUTPUTS", d.fp_outputs),
        real_benign: env_or("REAL_BENIGN", d.real_benign),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--explain") {
        explain();
        return;
    }
    // `--check` reads the committed list; experiments may name others.
    let sets = sets();
    let items = if args.iter().any(|a| a == "--check") {
        train::items()
    } else {
        train::items_of(&sets)
    };
    eprintln!(
        "{} items ({} positive)",
        items.len(),
        items.iter().filter(|i| i.positive).count()
    );
    let learn: Vec<&Item> = items.iter().filter(|i| i.set != "test").collect();
    if args.iter().any(|a| a == "--check") {
        let bytes = train::train(&learn, Params::DEFAULT).to_bytes();
        let path = train::weights_path();
        if std::fs::read(&path).unwrap_or_default() != bytes {
            eprintln!(
                "{} is not what the corpus trains: run this example without --check",
                path.display()
            );
            std::process::exit(1);
        }
        println!("weights.bin is what the corpus trains");
        return;
    }
    let rules: Vec<bool> = items.iter().map(rules_flag).collect();
    let judged: Vec<(&Item, bool)> = items.iter().zip(rules).collect();
    if args.iter().any(|a| a == "--cv") {
        cross_validate(&judged, &sets);
        return;
    }
    let model = train::train(&learn, params());
    let path = train::weights_path();
    std::fs::write(&path, model.to_bytes()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    println!(
        "wrote {} (thresholds: tools {:.2}, outputs {:.2})",
        path.display(),
        model.threshold[0],
        model.threshold[1]
    );
    let (words, pairs, filled) = vocabulary(&learn);
    println!(
        "training text: {words} distinct words and {pairs} distinct word pairs, in {filled} of {} buckets",
        mcpward_detect::learned::features::DIM
    );
    let test: Vec<(&Item, bool)> = judged.iter().copied().filter(|(i, _)| i.set == "test").collect();
    report("corpus test half", &model, &test);
}

/// How many distinct words and neighbouring-word pairs `items` hold, and how many
/// buckets their features fill: what the feature space's buckets are shared among
/// (`learned::features::BITS`).
fn vocabulary(items: &[&Item]) -> (usize, usize, usize) {
    use mcpward_detect::learned::features::{for_each_feature, for_each_word, DIM};
    use std::collections::HashSet;
    let (mut words, mut pairs) = (HashSet::new(), HashSet::new());
    let mut filled = vec![false; DIM];
    for item in items {
        let mut prev = None;
        for_each_word(&item.text, |h, _, _| {
            words.insert(h);
            pairs.insert((prev, h));
            prev = Some(h);
        });
        for_each_feature(&item.text, |buckets, _, _, _| {
            for b in buckets {
                filled[b as usize] = true;
            }
        });
    }
    (words.len(), pairs.len(), filled.iter().filter(|&&f| f).count())
}

/// `--explain`: the committed model's best window of the text on stdin (a tool
/// definition's JSON is read as its tool document), and what each word of it adds.
fn explain() {
    use mcpward_detect::learned::{embedded, features::for_each_feature};
    let mut text = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).expect("stdin");
    let (text, metadata) = match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(tool) if tool.get("name").is_some() => (injection::tool_document(&tool).text, true),
        _ => (text, false),
    };
    let Some(model) = embedded() else { return };
    let Some(best) = model.best_window(&text, metadata) else {
        return;
    };
    println!(
        "best window {:.2} (threshold {:.2}): {:?}",
        best.logit,
        model.threshold(metadata),
        &text[best.span.clone()]
    );
    use mcpward_detect::learned::features::fact_bucket;
    let weight = |b: u32| model.scale * f32::from(model.weights[b as usize] as i8);
    let mut facts_seen = std::collections::BTreeSet::new();
    for_each_feature(&text[best.span.clone()], |buckets, facts, s, e| {
        let w = &text[best.span.start + s..best.span.start + e];
        let parts: Vec<f32> = buckets.iter().map(|&b| weight(b)).collect();
        let new: Vec<f32> = facts
            .iter()
            .filter(|&&f| facts_seen.insert(f))
            .map(|&f| weight(fact_bucket(f)))
            .collect();
        println!(
            "{:>8.2} {w:<20} words {parts:.2?} new facts {new:.2?}",
            parts.iter().chain(&new).sum::<f32>()
        );
    });
}

/// Whether the rules alone flag the item (the verdict without the model's signal).
fn rules_flag(item: &Item) -> bool {
    match &item.tool {
        Some(tool) => harness::rules_only_tool_verdict(tool).level >= injection::Level::Suspicious,
        None => !injection::scan_rules(&item.text, ScanContext::ToolResult).is_clean(),
    }
}

#[derive(Default, Clone, Copy)]
struct Counts {
    positives: usize,
    negatives: usize,
    model: (usize, usize),
    rules: (usize, usize),
    both: (usize, usize),
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.positives += o.positives;
        self.negatives += o.negatives;
        for (a, b) in [
            (&mut self.model, o.model),
            (&mut self.rules, o.rules),
            (&mut self.both, o.both),
        ] {
            a.0 += b.0;
            a.1 += b.1;
        }
    }
}

/// (found, flagged) of the model, the rules and both, over one context's items.
fn count<W: AsRef<[u8]>>(model: &Model<W>, items: &[(&Item, bool)], metadata: bool) -> Counts {
    let mut c = Counts::default();
    let ctx = if metadata {
        ScanContext::ToolDescription
    } else {
        ScanContext::ToolResult
    };
    for &(i, rules) in items.iter().filter(|(i, _)| i.metadata == metadata) {
        let m = mcpward_detect::learned::signal(model, &i.text, ctx).is_some();
        if std::env::var("SHOW_FP").is_ok_and(|v| (v == "test") == (i.set == "test")) && m && !i.positive {
            if let Some(b) = model.best_window(&i.text, metadata) {
                let e = i.text[b.span].replace('\n', " ");
                println!(
                    "false alarm {} {:.2}: {}",
                    i.id,
                    b.logit,
                    &e[..harness::floor_char(&e, 300)]
                );
            }
        }
        if std::env::var("SHOW_MISS").is_ok() && i.positive && !m && !rules && i.set != "test" {
            println!("missed {}", i.id);
        }
        let tally = |t: &mut (usize, usize), hit: bool| {
            if i.positive {
                t.0 += usize::from(hit);
            } else {
                t.1 += usize::from(hit);
            }
        };
        if i.positive {
            c.positives += 1;
        } else {
            c.negatives += 1;
        }
        tally(&mut c.model, m);
        tally(&mut c.rules, rules);
        tally(&mut c.both, m || rules);
    }
    c
}

fn print_counts(name: &str, what: &str, c: &Counts) {
    println!(
        "{name:>18} {what:>7}: model {:>3}/{:<3} ({:>2}/{:<3} flagged)  rules {:>3} ({:>2})  both {:>3} ({:>2})",
        c.model.0, c.positives, c.model.1, c.negatives, c.rules.0, c.rules.1, c.both.0, c.both.1
    );
}

fn report<W: AsRef<[u8]>>(name: &str, model: &Model<W>, items: &[(&Item, bool)]) {
    for (what, metadata) in [("tools", true), ("outputs", false)] {
        print_counts(name, what, &count(model, items, metadata));
    }
}

fn cross_validate(items: &[(&Item, bool)], sets: &[&'static str]) {
    let mut totals = [Counts::default(); 2];
    let mut test_totals = [Counts::default(); 2];
    let test: Vec<(&Item, bool)> = items.iter().copied().filter(|(i, _)| i.set == "test").collect();
    for &held in sets {
        let learn: Vec<&Item> = items
            .iter()
            .map(|(i, _)| *i)
            .filter(|i| i.set != "test" && i.set != held)
            .collect();
        let model = train::train(&learn, params());
        let unseen: Vec<(&Item, bool)> = items.iter().copied().filter(|(i, _)| i.set == held).collect();
        for (k, metadata) in [true, false].into_iter().enumerate() {
            let c = count(&model, &unseen, metadata);
            print_counts(held, ["tools", "outputs"][k], &c);
            totals[k].add(c);
            test_totals[k].add(count(&model, &test, metadata));
        }
    }
    for (k, what) in ["tools", "outputs"].iter().enumerate() {
        print_counts("all folds", what, &totals[k]);
    }
    for (k, what) in ["tools", "outputs"].iter().enumerate() {
        let c = &test_totals[k];
        println!(
            "corpus test half, every fold's model: {what} flagged {}/{}",
            c.model.1, c.negatives
        );
    }
}
