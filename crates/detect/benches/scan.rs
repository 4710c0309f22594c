//! The full scan of one text, as the proxy will run it on every tool result:
//! `secrets::scan_text` + `injection::scan(…, ToolResult)`. `injection::scan` already
//! runs `hidden::scan` (and re-scans decoded payloads), so hidden content is not counted
//! twice; the `components` group times each engine alone.
//!
//! Every group also times a plain `memchr` pass (counting newlines) over the same bytes
//! in the same run: the floor no scanner can beat, and a yardstick that cancels out the
//! machine. `scripts/bench-detect.sh` runs this and prints each scan as a ratio to it.
//!
//! Groups (all with `Throughput::Bytes`):
//! - `benign`: prose, markdown, code and JSON at 1 KB, 10 KB, 1 MB and 100 MB;
//! - `near_miss`: text dense with things that look like findings and are not;
//! - `worst`: the most expensive inputs for the matchers (their own vocabularies, keyword
//!   soups, long counted runs, markup), the injection salad at 1 MB and 10 MB to show the
//!   time is linear in the input;
//! - `components`: each engine alone on 1 MB of benign text.

mod support;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput};
use mcpward_detect::injection::{self, ScanContext};
use mcpward_detect::{hidden, secrets};

const KB: usize = 1000;
const MB: usize = 1000 * KB;

/// The full scan of one tool result. Returns a count so nothing is optimised away.
fn full_scan(text: &str) -> usize {
    let secrets = secrets::scan_text(text);
    let verdict = injection::scan(text, ScanContext::ToolResult);
    secrets.len() + verdict.signals.len()
}

fn baseline(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

fn size_label(len: usize) -> String {
    if len >= MB {
        format!("{}MB", len / MB)
    } else {
        format!("{}KB", len / KB)
    }
}

/// Large inputs take seconds per scan: ten samples of one scan each.
fn configure(group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>, len: usize) {
    if len >= 10 * MB {
        group.sampling_mode(SamplingMode::Flat);
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(1));
        group.measurement_time(Duration::from_secs(1));
    } else if len >= MB {
        group.sampling_mode(SamplingMode::Flat);
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(2));
    } else {
        group.sampling_mode(SamplingMode::Auto);
        group.sample_size(30);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(2));
    }
}

/// Times the full scan and the memchr baseline on `text`, under `label`.
fn scan_and_baseline(group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>, label: &str, text: &str) {
    configure(group, text.len());
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_with_input(BenchmarkId::new("scan", label), text, |b, t| {
        b.iter(|| full_scan(black_box(t)))
    });
    group.bench_with_input(BenchmarkId::new("memchr", label), text, |b, t| {
        b.iter(|| baseline(black_box(t.as_bytes())))
    });
}

fn warm() {
    // Compile every pattern before timing: the proxy does this once at start.
    injection::warm_up();
    secrets::warm();
}

fn benign(c: &mut Criterion) {
    warm();
    let mut group = c.benchmark_group("benign");
    for len in [KB, 10 * KB, MB, 100 * MB] {
        let text = support::benign(len);
        scan_and_baseline(&mut group, &size_label(len), &text);
    }
    group.finish();
}

fn near_miss(c: &mut Criterion) {
    warm();
    let mut group = c.benchmark_group("near_miss");
    for len in [10 * KB, MB] {
        let text = support::near_miss(len);
        scan_and_baseline(&mut group, &size_label(len), &text);
    }
    group.finish();
}

/// Builds an input of the given length.
type Generator = fn(usize) -> String;

fn worst(c: &mut Criterion) {
    warm();
    let mut group = c.benchmark_group("worst");
    // The linearity check: the same construction at 1 MB and 10 MB.
    for len in [MB, 10 * MB] {
        let text = support::injection_salad(len);
        scan_and_baseline(&mut group, &format!("injection-salad/{}", size_label(len)), &text);
    }
    let others: [(&str, Generator); 5] = [
        ("injection-salad-obfuscated", support::injection_salad_obfuscated),
        ("secrets-soup", support::secrets_soup),
        ("secrets-long-values", support::secrets_long_values),
        ("hidden-markup", support::hidden_markup),
        ("encoded-runs", support::encoded_runs),
    ];
    for (name, make) in others {
        let text = make(MB);
        scan_and_baseline(&mut group, &format!("{name}/1MB"), &text);
    }
    group.finish();
}

fn components(c: &mut Criterion) {
    warm();
    let text = support::benign(MB);
    let mut group = c.benchmark_group("components");
    configure(&mut group, text.len());
    group.throughput(Throughput::Bytes(text.len() as u64));
    let id = |name: &str| BenchmarkId::new(name, "1MB");
    group.bench_with_input(id("secrets"), &text, |b, t| {
        b.iter(|| secrets::scan_text(black_box(t)).len())
    });
    group.bench_with_input(id("injection"), &text, |b, t| {
        b.iter(|| injection::scan(black_box(t), ScanContext::ToolResult).signals.len())
    });
    group.bench_with_input(id("hidden"), &text, |b, t| {
        b.iter(|| hidden::scan(black_box(t)).signals.len())
    });
    group.bench_with_input(id("neutralize"), &text, |b, t| {
        b.iter(|| mcpward_detect::neutralize::neutralize(black_box(t)).len())
    });
    group.bench_with_input(id("memchr"), &text, |b, t| b.iter(|| baseline(black_box(t.as_bytes()))));
    group.finish();
}

criterion_group!(benches, benign, near_miss, worst, components);
criterion_main!(benches);
