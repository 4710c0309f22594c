//! Equivalence harness for the hidden-content pass and the injection engine: runs
//! `hidden::scan` (and optionally `injection::scan`, `neutralize_with`) over a large,
//! varied input set (see `inputs.rs`) and writes every result, Debug-formatted, to a file,
//! so a speed change can be checked to leave every output unchanged (diff two dumps).
//!
//! ```text
//! cargo run --release -p mcpward-detect --example dump_hidden -- OUT [--root DIR] [--injection OUT2] [--neutralize OUT3]
//! cargo run --release -p mcpward-detect --example dump_hidden -- --time
//! ```
//! `--root` is a directory holding the `crates/` tree to read inputs from (default: the
//! current directory; pass a snapshot taken before the change, since the sources are
//! inputs too). `--injection OUT2` also dumps `injection::scan` verdicts (as a tool result
//! and as a tool description: level, score, every signal with span, weight and evidence),
//! which check the phrase engine and exercise the carrier views and the encoded-blob pass
//! end to end;
//! `--neutralize OUT3` dumps `neutralize_with` in both modes (it shares the item scan).
//!
//! The private carrier and encoded passes are dumped by the `dump` tests inside
//! `injection::carrier` and `injection::encoded`, which read the same inputs:
//! `MCPWARD_DUMP_ROOT=DIR MCPWARD_DUMP_CARRIER=OUT MCPWARD_DUMP_ENCODED=OUT2 \
//!  cargo test --release -p mcpward-detect --lib dump`.

mod inputs;

use std::io::Write;
use std::path::PathBuf;

use mcpward_detect::hidden;
use mcpward_detect::injection::{self, ScanContext};
use mcpward_detect::neutralize::{neutralize_with, Mode};

fn arg_after(args: &[String], flag: &str) -> Option<String> {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

/// One unit repeated: inputs that put one pass's rare bytes everywhere.
const REPEATED: [(&str, &str); 12] = [
    ("repeat <", "<"),
    ("repeat <a", "<a "),
    ("repeat <div hidden", "<div hidden "),
    ("repeat ]:", "]:"),
    ("repeat md comment", "\n[//]: "),
    ("repeat md comment open", "[//]: # (x"),
    ("repeat space", " "),
    ("repeat nbsp", "\u{a0}"),
    ("repeat <!-", "<!-"),
    ("repeat latin+cyrillic", "a\u{43e}"),
    ("repeat zero-width", "a\u{200B}"),
    ("repeat ESC [", "\u{1b}["),
];

/// The best of 10 rounds of `hidden::scan` on `text`, printed.
fn time_one(name: &str, text: &str) {
    let iters = (20_000_000 / text.len().max(1)).max(1);
    let best = (0..10)
        .map(|_| {
            let t = std::time::Instant::now();
            for _ in 0..iters {
                std::hint::black_box(hidden::scan(std::hint::black_box(text)));
            }
            t.elapsed() / iters as u32
        })
        .min()
        .unwrap_or_default();
    let gbs = text.len() as f64 / best.as_secs_f64().max(1e-12) / 1e9;
    println!(
        "hidden::scan {name:>27} {:>8} bytes: {best:>10.2?} {gbs:7.3} GB/s",
        text.len()
    );
}

/// `--time`: `hidden::scan` on each bench generator's text and on repeated units, to
/// compare builds (before and after a change) on benign and adversarial input alike.
fn time_generators() {
    for (name, make) in inputs::GENERATORS {
        for len in [10_000, 1_000_000] {
            time_one(name, &make(len));
        }
    }
    for (name, unit) in REPEATED {
        time_one(name, &unit.repeat(1_000_000 / unit.len()));
    }
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--time") {
        time_generators();
        return Ok(());
    }
    let Some(out) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!("usage: dump_hidden OUT [--root DIR] [--injection OUT2] [--neutralize OUT3] | --time");
        std::process::exit(2);
    };
    let root = PathBuf::from(arg_after(&args, "--root").unwrap_or_else(|| ".".into()));
    let mut hidden_out = std::io::BufWriter::new(std::fs::File::create(out)?);
    let mut injection_out = match arg_after(&args, "--injection") {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p)?)),
        None => None,
    };
    let mut neutralize_out = match arg_after(&args, "--neutralize") {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p)?)),
        None => None,
    };
    let mut count = 0usize;
    let mut bytes = 0usize;
    let mut err = Ok(());
    let started = std::time::Instant::now();
    inputs::for_each(&root, &mut |label, text| {
        count += 1;
        bytes += text.len();
        let h = hidden::scan(text);
        let r = writeln!(hidden_out, "== {label} ({} bytes)\n{h:?}", text.len());
        if r.is_err() && err.is_ok() {
            err = r;
        }
        if let Some(w) = injection_out.as_mut() {
            // Both contexts: weights and caps differ between results and descriptions.
            let result = injection::scan(text, ScanContext::ToolResult);
            let description = injection::scan(text, ScanContext::ToolDescription);
            let r = writeln!(w, "== {label} ({} bytes)\n{result:?}\n{description:?}", text.len());
            if r.is_err() && err.is_ok() {
                err = r;
            }
        }
        if let Some(w) = neutralize_out.as_mut() {
            let shown = neutralize_with(text, Mode::Show);
            let removed = neutralize_with(text, Mode::Remove);
            let r = writeln!(w, "== {label} ({} bytes)\n{shown:?}\n{removed:?}", text.len());
            if r.is_err() && err.is_ok() {
                err = r;
            }
        }
    });
    err?;
    hidden_out.flush()?;
    for w in [injection_out.as_mut(), neutralize_out.as_mut()].into_iter().flatten() {
        w.flush()?;
    }
    eprintln!("{count} inputs, {bytes} bytes, {:?}", started.elapsed());
    Ok(())
}
