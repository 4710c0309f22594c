//! A driver for profiling the engines (criterion's harness is in the way of `perf`):
//! times one engine, or the full scan, over benign text and prints the rate.
//!
//!     cargo run --release -p mcpward-detect --example profile_scan -- <full|secrets|hidden|injection|learned|gate|areas|pieces|words|memory> [bytes] [iterations]
//!     PROFILE_FILE=some.txt …   # scan (the first bytes of) a file instead
//!     PROFILE_GEN=near_miss …   # the bench's text dense with near-misses instead
//!     PROFILE_GEN=salad …       # the bench's worst case (injection phrases) instead
//!     PROFILE_FILE=crates/detect/corpus/benign/outputs …   # a directory: every JSON
//!                               # string of its .json/.jsonl files, blank-line separated
//!     cargo run --release -p mcpward-detect --example profile_scan -- areas [bytes]
//!
//! `learned` times the learned model's pass alone (`learned::scan`, part of `injection`).
//! `gate` times the phrase engine's first stage alone: windows, gate streams, the
//! piece automaton and the areas, without searching them (`injection::coverage`).
//! `areas` times nothing: it prints how much of the text the phrase rules must search
//! (the engine's cost), per rule, largest first.
//! `pieces` times the piece automaton alone, in both its forms (see `injection::pieces`):
//! what each takes to build, and a pass over the windows' streams (built once, untimed).
//! `words` times the least a word-level first stage would do (not an engine of this
//! crate): split the raw bytes into ASCII words, fold their case and look each up in
//! the gate's vocabulary (`injection::gate_words`), next to a `memchr` pass over the
//! same bytes. It bounds from above what such a stage could reach as a plain loop.
//!
//! `memory` times nothing either: it scans text that keeps the regexes' lazy DFAs
//! meeting new states (the words of the corpus's benign outputs in a fixed random
//! order, `bytes` of it, 50 MB by default) one megabyte at a time, as a long-running
//! proxy scans tool results, and prints the process's memory every 5 MB.
//!
//! The memory the phrase engine's search caches hold at the end is printed with the
//! rate (they are dropped when they pass their budget: see `injection::caches`).
//!
//! Compilation of the patterns is timed apart ("warm") and not counted in the rate.
//! The README's speed table comes from the criterion benchmarks; its coverage figures
//! and the rate on the corpus's real outputs come from this (commands there).

// The dump harness's input module, for its file walk and the bench generators.
#[path = "dump_hidden/inputs.rs"]
#[allow(dead_code)]
mod inputs;
use inputs::{floor_boundary, support};
use mcpward_detect::injection::{self, ScanContext};
use mcpward_detect::{hidden, secrets};
use std::time::Instant;
fn main() {
    let which = std::env::args().nth(1).unwrap_or_else(|| "full".into());
    let size: usize = std::env::args().nth(2).map(|s| s.parse().unwrap()).unwrap_or(1_000_000);
    let iters: usize = std::env::args().nth(3).map(|s| s.parse().unwrap()).unwrap_or(20);
    let t0 = Instant::now();
    injection::warm_up();
    secrets::warm();
    eprintln!("warm {:?}", t0.elapsed());
    if which == "memory" {
        memory(std::env::args().nth(2).map_or(50_000_000, |s| s.parse().unwrap()));
        return;
    }
    // PROFILE_FILE: scan the first `size` bytes of a file instead of generated text.
    let text = match std::env::var("PROFILE_FILE") {
        Ok(path) if std::path::Path::new(&path).is_dir() => corpus_text(&path, size),
        Ok(path) => {
            let t = std::fs::read_to_string(path).unwrap();
            t[..floor_boundary(&t, size)].to_string()
        }
        // PROFILE_GEN=near_miss: the bench's text dense with near-misses.
        Err(_) if std::env::var("PROFILE_GEN").as_deref() == Ok("near_miss") => support::near_miss(size),
        // PROFILE_GEN=salad: the bench's worst case, text made of injection phrases.
        Err(_) if std::env::var("PROFILE_GEN").as_deref() == Ok("salad") => support::injection_salad(size),
        Err(_) => support::benign(size),
    };
    if which == "words" {
        words(&text, iters);
        return;
    }
    if which == "pieces" {
        let Some(t) = injection::piece_automata(&text, iters) else {
            eprintln!("the piece automaton could not be built");
            std::process::exit(1);
        };
        let rate = |d: std::time::Duration| text.len() as f64 / d.as_secs_f64() / 1e9;
        eprintln!(
            "stream {} units, {} hits a pass ({} with the fast form)\ncompact NFA: built in {:?}, {:?}/pass ({:.3} GB/s of text)\nfast DFA:    built in {:?}, {:?}/pass ({:.3} GB/s of text)",
            t.stream_units,
            t.hits,
            t.fast_hits,
            t.compact_build,
            t.compact_pass,
            rate(t.compact_pass),
            t.fast_build,
            t.fast_pass,
            rate(t.fast_pass)
        );
        return;
    }
    if which == "areas" {
        let c = injection::coverage(&text);
        let ratio = |u: usize| u as f64 / c.stream_units.max(1) as f64;
        eprintln!(
            "stream {} units; searched {} ({:.1}x the stream); in some area {:.0}%, in an area of a gated rule {:.0}%",
            c.stream_units,
            c.searched_units(),
            ratio(c.searched_units()),
            100.0 * ratio(c.covered_units),
            100.0 * ratio(c.covered_by_gated_units)
        );
        for (id, units, ungated) in c.searches.iter().take(25) {
            let how = if *ungated { "  (ungated: whole windows)" } else { "" };
            eprintln!("{units:>10} {:>5.2}x  {id}{how}", ratio(*units));
        }
        return;
    }
    let t = Instant::now();
    let mut n = 0;
    for _ in 0..iters {
        n += match which.as_str() {
            "secrets" => secrets::scan_text(&text).len(),
            "hidden" => hidden::scan(&text).signals.len(),
            "injection" => injection::scan(&text, ScanContext::ToolResult).signals.len(),
            "learned" => usize::from(mcpward_detect::learned::scan(&text, ScanContext::ToolResult).is_some()),
            "gate" => injection::coverage(&text).searches.len(),
            _ => secrets::scan_text(&text).len() + injection::scan(&text, ScanContext::ToolResult).signals.len(),
        };
    }
    let el = t.elapsed();
    eprintln!(
        "{which} {n} results, {} bytes: {:?}/iter {:.3} GB/s; search caches {:.1} MB",
        text.len(),
        el / iters as u32,
        (text.len() * iters) as f64 / el.as_secs_f64() / 1e9,
        injection::search_cache_memory() as f64 / 1e6
    );
}

/// Every JSON string value of the `.json` and `.jsonl` files under `dir` (in
/// directory order, sorted), joined by blank lines, up to `size` bytes: real tool output from the corpus.
fn corpus_text(dir: &str, size: usize) -> String {
    let mut files = Vec::new();
    inputs::files_under(std::path::Path::new(dir), &mut files);
    files.retain(|p| p.extension().is_some_and(|e| e == "json" || e == "jsonl"));
    let mut parts = Vec::new();
    for f in files {
        let t = std::fs::read_to_string(&f).unwrap();
        inputs::json_file_strings(&t, false, &mut parts);
    }
    let mut text = parts.join("\n\n");
    text.truncate(floor_boundary(&text, size));
    text
}

/// See the module docs.
fn memory(size: usize) {
    let status = || {
        let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let kb = |key: &str| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                .unwrap_or(0)
        };
        format!("RSS {} MB, peak {} MB", kb("VmRSS:") / 1024, kb("VmHWM:") / 1024)
    };
    let corpus = corpus_text("crates/detect/corpus/benign/outputs", usize::MAX);
    let vocabulary: Vec<&str> = corpus.split_whitespace().collect();
    // xorshift64: the same order on every run.
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    eprintln!("{} words; after warm_up: {}", vocabulary.len(), status());
    let (mut scanned, mut chunks) = (0, 0);
    let mut chunk = String::with_capacity(1 << 20);
    while scanned < size {
        chunk.clear();
        while chunk.len() < 1 << 20 {
            chunk.push_str(vocabulary[next() as usize % vocabulary.len()]);
            chunk.push(if next() % 16 == 0 { '\n' } else { ' ' });
        }
        let _ = injection::scan(&chunk, ScanContext::ToolResult);
        scanned += chunk.len();
        chunks += 1;
        if chunks % 5 == 0 {
            eprintln!(
                "{:>4} MB scanned: {}; search caches {:.1} MB",
                scanned / 1_000_000,
                status(),
                injection::search_cache_memory() as f64 / 1e6
            );
        }
    }
}

/// See the module docs: tokenise, fold, hash (FNV-1a) and probe an open-addressing table
/// of the vocabulary's hashes; the count of words found keeps the loop from being
/// optimised away.
fn words(text: &str, iters: usize) {
    const SLOTS: usize = 1 << 16;
    const SEED: u64 = 0xcbf2_9ce4_8422_2325;
    let fnv = |h: u64, b: u8| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    let vocab = injection::gate_words();
    let mut table = vec![0u64; SLOTS];
    for w in &vocab {
        let h = w.iter().fold(SEED, |h, &b| fnv(h, b)) | 1;
        let mut i = h as usize & (SLOTS - 1);
        while table[i] != 0 {
            i = (i + 1) & (SLOTS - 1);
        }
        table[i] = h;
    }
    // A word byte folded to lower case, or 0 between words.
    let mut fold = [0u8; 256];
    for (b, f) in fold.iter_mut().enumerate() {
        let c = b as u8;
        *f = if c.is_ascii_alphabetic() {
            c.to_ascii_lowercase()
        } else if c.is_ascii_digit() || !c.is_ascii() {
            c
        } else {
            0
        };
    }
    let bytes = text.as_bytes();
    let t = Instant::now();
    let mut found = 0usize;
    for _ in 0..iters {
        let mut h = SEED;
        for &b in bytes.iter().chain(std::iter::once(&b' ')) {
            let f = fold[b as usize];
            if f != 0 {
                h = fnv(h, f);
            } else if h != SEED {
                let key = h | 1;
                let mut i = key as usize & (SLOTS - 1);
                while table[i] != 0 {
                    if table[i] == key {
                        found += 1;
                        break;
                    }
                    i = (i + 1) & (SLOTS - 1);
                }
                h = SEED;
            }
        }
    }
    let words_time = t.elapsed() / iters as u32;
    let t = Instant::now();
    let mut lines = 0;
    for _ in 0..iters {
        lines += memchr::memchr_iter(b'\n', bytes).count();
    }
    let memchr_time = t.elapsed() / iters as u32;
    let rate = |d: std::time::Duration| text.len() as f64 / d.as_secs_f64() / 1e9;
    eprintln!(
        "words: {} vocabulary words; {} found/iter in {} bytes: {:?}/iter {:.3} GB/s; memchr {:?}/iter {:.2} GB/s ({} lines)",
        vocab.len(),
        found / iters,
        text.len(),
        words_time,
        rate(words_time),
        memchr_time,
        rate(memchr_time),
        lines / iters
    );
}
