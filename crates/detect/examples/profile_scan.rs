//! A driver for profiling the engines (criterion's harness is in the way of `perf`):
//! times one engine, or the full scan, over benign text and prints the rate.
//!
//!     cargo run --release -p mcpward-detect --example profile_scan -- <full|secrets|hidden|injection> [bytes] [iterations]
//!     PROFILE_FILE=some.txt …   # scan (the first bytes of) a file instead
//!     cargo run --release -p mcpward-detect --example profile_scan -- areas [bytes]
//!
//! `areas` times nothing: it prints how much of the text the phrase rules must search
//! (the engine's cost, see `injection::coverage`), per rule, largest first.
//!
//! Compilation of the patterns is timed apart ("warm") and not counted in the rate.
//! Figures for the README come from the criterion benchmarks, not from this.
#[path = "../benches/support/mod.rs"]
#[allow(dead_code)]
mod support;
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
    // PROFILE_FILE: scan the first `size` bytes of a file instead of generated text.
    let text = match std::env::var("PROFILE_FILE") {
        Ok(path) => {
            let t = std::fs::read_to_string(path).unwrap();
            let mut end = size.min(t.len());
            while !t.is_char_boundary(end) {
                end -= 1;
            }
            t[..end].to_string()
        }
        Err(_) => support::benign(size),
    };
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
            _ => secrets::scan_text(&text).len() + injection::scan(&text, ScanContext::ToolResult).signals.len(),
        };
    }
    let el = t.elapsed();
    eprintln!(
        "{which} {n} {:?}/iter {:.3} GB/s",
        el / iters as u32,
        (size * iters) as f64 / el.as_secs_f64() / 1e9
    );
}
