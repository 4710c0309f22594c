//! Prints the detection quality on the labelled corpus (`crates/detect/corpus/`):
//! confusion matrices per task for the `dev` and `test` halves, per-class detection
//! counts, and the misses and false alarms.
//!
//! ```text
//! cargo run -p mcpward-detect --release --example quality [-- --all]
//! ```
//! `--all` lists every error instead of the first 25 per task; `--errors dev` (or `test`)
//! lists only that half's errors; `--explain ID` prints every signal for one item;
//! `--explain-text` every signal for the text on stdin, read as a tool's description
//! and as a tool result (for rule work on a phrasing); `--first-measure SET` only a
//! blind set's figures (`corpus/SET/`), with the whole engine and with the rules alone,
//! without its misses (how a new set is measured before anyone reads it).
//! The held-out set's figures follow; its misses are listed only with
//! `--holdout-errors` (reading them is tuning: see `corpus/holdout/README.md`). The
//! development sets' (`harness::DEVELOPMENT_SETS`, written blind for rule work; the
//! rules alone, since the learned model is trained on them) follow, their misses with
//! `--devset-errors`; then the seventh set's (`devset7/`, whole engine and rules alone;
//! its misses with `--devset7-errors`); then the measured-only sets'
//! (`harness::MEASURED_ONLY_SETS`, the same way, never their misses).

#[path = "../corpus/harness.rs"]
mod harness;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let verbose = args.iter().any(|a| a == "--all");
    // `--errors dev` lists only the dev half's errors: engine work looks at those only.
    let errors_in = match args.iter().position(|a| a == "--errors").and_then(|i| args.get(i + 1)) {
        Some(h) if h == "dev" => Some(harness::Half::Dev),
        Some(h) if h == "test" => Some(harness::Half::Test),
        _ => None,
    };
    // `--first-measure SET`: a new blind set's figures, whole engine and rules alone.
    if let Some(set) = args
        .iter()
        .position(|a| a == "--first-measure")
        .and_then(|i| args.get(i + 1))
    {
        print!("{}", harness::render_holdout(&harness::blind_set_tasks(set), false));
        return;
    }
    if args.iter().any(|a| a == "--explain-text") {
        let mut text = String::new();
        if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut text) {
            eprintln!("stdin: {e}");
            std::process::exit(2);
        }
        for line in harness::explain_text(&text) {
            println!("{line}");
        }
        return;
    }
    if let Some(id) = args.iter().position(|a| a == "--explain").and_then(|i| args.get(i + 1)) {
        for line in harness::explain(id) {
            println!("{line}");
        }
        return;
    }
    let tasks = harness::all_tasks();
    print!("{}", harness::render(&tasks, verbose, errors_in));
    println!("\n-- held-out set (corpus/holdout: written blind, never tuned on; all of it counts) --");
    let holdout = [harness::holdout_tools_task(), harness::holdout_outputs_task()];
    print!(
        "{}",
        harness::render_holdout(&holdout, args.iter().any(|a| a == "--holdout-errors"))
    );
    if std::path::Path::new(&harness::corpus_dir().join("devset")).is_dir() {
        println!("\n-- development set (corpus/devset: written blind; rule work looks at it) --");
        print!(
            "{}",
            harness::render_holdout(&harness::devset_tasks(), args.iter().any(|a| a == "--devset-errors"))
        );
    }
    println!("\n-- seventh development set (corpus/devset7: written blind; neither the rules nor the model were made with it) --");
    print!(
        "{}",
        harness::render_holdout(&harness::devset7_tasks(), args.iter().any(|a| a == "--devset7-errors"))
    );
    println!("\n-- measured-only development sets (written blind; measured only, like the seventh) --");
    print!("{}", harness::render_holdout(&harness::measured_only_tasks(), false));
    let leaks = harness::secrets_in_benign_outputs();
    println!(
        "\nsecrets reported in real benign outputs (informational): {}",
        leaks.len()
    );
    for (id, kinds) in leaks.iter().take(if verbose { usize::MAX } else { 10 }) {
        println!("    {id}: {kinds:?}");
    }
    for (value, name, reported) in harness::known_secret_misses() {
        println!(
            "known placeholder false positive (not counted): {value:?} under {name}: {}",
            if reported {
                "still reported"
            } else {
                "FIXED, move it back to values"
            }
        );
    }
    println!("\nthresholds (test half):");
    for (name, recall, fp_rate) in harness::THRESHOLDS {
        let Some(t) = tasks.iter().find(|t| t.name == *name) else {
            continue;
        };
        let c = t.confusion(Some(harness::Half::Test));
        let ok = c.recall() >= *recall && c.fp_rate() <= *fp_rate;
        println!(
            "    {name:<28} recall {:>6.2}% (min {:.0}%)  FP rate {:>5.2}% (max {:.0}%)  {}",
            c.recall() * 100.0,
            recall * 100.0,
            c.fp_rate() * 100.0,
            fp_rate * 100.0,
            if ok { "ok" } else { "BELOW" }
        );
    }
}
