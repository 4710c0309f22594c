//! Verdict dump for the injection engine: runs `injection::scan` over a large, varied
//! input set and prints every verdict (level, score, each signal's kind, span and
//! weight), so a speed change can be checked to change nothing:
//!
//!     DUMP_ROOT=/copy/of/crates/detect cargo run --release -p mcpward-detect --example dump_injection > before.txt
//!     (change the engine)
//!     DUMP_ROOT=/copy/of/crates/detect cargo run --release -p mcpward-detect --example dump_injection > after.txt
//!     diff before.txt after.txt
//!
//! Inputs: every JSON string and every file of the labelled corpus, every line and file
//! of this crate's sources and tests, the benchmark generators' texts, and mutations of
//! the corpus (invisible characters, escapes, whitespace runs, leetspeak) from a fixed seed.
#[path = "../benches/support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::fmt::Write as _;
use std::path::Path;

use mcpward_detect::injection::{self, ScanContext};

fn walk(dir: &Path, out: &mut Vec<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if let Ok(s) = std::fs::read_to_string(&p) {
            out.push(s);
        }
    }
}

fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

fn main() {
    // DUMP_ROOT: read the inputs from another copy of this crate (a fixed snapshot, so
    // that editing the sources does not change the input set between two dumps).
    let root_buf = std::env::var_os("DUMP_ROOT").map(std::path::PathBuf::from);
    let root = root_buf.as_deref().unwrap_or(Path::new(env!("CARGO_MANIFEST_DIR")));
    let mut files = Vec::new();
    walk(&root.join("corpus"), &mut files);
    walk(&root.join("src"), &mut files);
    walk(&root.join("tests"), &mut files);
    let mut inputs: Vec<String> = Vec::new();
    for f in &files {
        inputs.push(f.clone());
        for line in f.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                strings(&v, &mut inputs);
            } else {
                inputs.push(line.to_string());
            }
        }
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(f) {
            strings(&v, &mut inputs);
        }
    }
    inputs.sort();
    inputs.dedup();
    let base = inputs.len();
    type Gen = fn(usize) -> String;
    let gens: [Gen; 8] = [
        support::benign,
        support::near_miss,
        support::injection_salad,
        support::injection_salad_obfuscated,
        support::secrets_soup,
        support::secrets_long_values,
        support::hidden_markup,
        support::encoded_runs,
    ];
    for g in gens {
        for len in [1_000, 10_000, 200_000] {
            inputs.push(g(len));
        }
    }
    // Mutations: each mutation applied to samples of the corpus.
    let mut rng = support::Rng::new(0xD0_0D);
    let inserts = [
        "\u{200B}",
        "\u{E0041}",
        "\u{202E}",
        "\u{1B}[8m",
        "<!--",
        "-->",
        "&#105;",
        "\\u0069",
        "\\n\\n",
        "                                                                                          ",
        "\r\n",
        "Ι",
        "о",
        "3",
        "1",
        "0",
        "@",
        "\t",
        "\u{FEFF}",
        "ﬁ",
        "Ｉｇｎｏｒｅ",
    ];
    for i in 0..base {
        if i % 7 != 0 {
            continue;
        }
        let s = &inputs[i];
        let mut t = String::new();
        for (k, c) in s.char_indices() {
            if rng.chance(3) {
                t.push_str(rng.pick(&inserts));
            }
            if k % 97 == 0 && rng.chance(20) {
                t.push_str(&c.to_uppercase().to_string());
            } else {
                t.push(c);
            }
        }
        inputs.push(t);
    }
    // DUMP_SHOW=3,17: print those inputs instead (to read what a changed line scanned).
    if let Ok(show) = std::env::var("DUMP_SHOW") {
        for i in show.split(',').filter_map(|x| x.trim().parse::<usize>().ok()) {
            if let Some(t) = inputs.get(i) {
                println!("--- {i} ({} bytes)\n{}", t.len(), t.escape_debug());
            }
        }
        return;
    }
    let mut out = String::new();
    for (i, text) in inputs.iter().enumerate() {
        for ctx in [ScanContext::ToolResult, ScanContext::ToolDescription] {
            let v = injection::scan(text, ctx);
            let _ = write!(out, "{i} {ctx:?} {:?} {:.4}", v.level, v.score);
            for s in &v.signals {
                let _ = write!(out, " | {:?} {:?} {:.3}", s.kind, s.span, s.weight);
            }
            out.push('\n');
        }
    }
    eprintln!("{} inputs", inputs.len());
    print!("{out}");
}
