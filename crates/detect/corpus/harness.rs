//! The quality harness: loads the labelled corpus beside this file, runs the detection
//! engines on it and counts true/false positives and negatives per task and per half.
//! Shared by `tests/quality.rs` (which fails below the thresholds) and
//! `examples/quality.rs` (which prints the confusion matrices), via `#[path]`.
//!
//! What counts as "flagged" is the rule `mcpward scan` uses:
//! - a tool definition: [`injection::scan_tool`]`(tool).flagged()` — the combined verdict
//!   of its description, title and every schema string is at least Suspicious;
//! - a tool output: [`injection::scan`]`(text, ToolResult)` is not Clean (Suspicious or
//!   Malicious);
//! - a secret: [`secrets::scan_text`] reports a match of the expected kind covering
//!   exactly the planted secret; a non-secret is a false positive when anything at all is
//!   reported.
//!
//! Every item belongs to the `dev` or the `test` half by a hash of its split key (the
//! server for real tools, the package or page for real outputs, the payload for injected
//! outputs, the kind for secrets), so near-duplicates never straddle the halves. Engine
//! work is judged on `dev`; the thresholds are enforced on `test`.
#![allow(dead_code)]

use mcpward_detect::{injection, secrets};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The development sets: written blind, read by rule work, learned from by the model
/// (`train.rs`). `devset7` and `holdout` are not among them.
pub const DEVELOPMENT_SETS: &[&str] = &[
    "devset", "devset2", "devset3", "devset4", "devset5", "devset6", "devset8", "devset9", "devset10", "devset11",
    "devset14", "devset15", "devset16", "devset17", "devset18", "devset19", "devset20", "devset21", "devset22",
    "devset23", "devset24", "devset25", "devset26", "devset27", "devset28", "devset29", "devset30", "devset31",
    "devset32", "devset33", "devset34", "devset35", "devset36", "devset37", "devset38", "devset39", "devset40",
    "devset41", "devset42", "devset43", "devset44", "devset45",
];

pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Half {
    Dev,
    Test,
}

impl Half {
    pub fn name(self) -> &'static str {
        match self {
            Half::Dev => "dev",
            Half::Test => "test",
        }
    }
}

/// FNV-1a: stable across platforms and Rust versions (unlike `DefaultHasher`).
pub fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

pub fn half_of(split_key: &str) -> Half {
    if fnv1a(split_key) % 2 == 0 {
        Half::Dev
    } else {
        Half::Test
    }
}

/// TP/FP/TN/FN with the usual ratios.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Confusion {
    pub tp: usize,
    pub fp: usize,
    pub tn: usize,
    pub fn_: usize,
}

impl Confusion {
    pub fn add(&mut self, positive: bool, flagged: bool) {
        match (positive, flagged) {
            (true, true) => self.tp += 1,
            (true, false) => self.fn_ += 1,
            (false, true) => self.fp += 1,
            (false, false) => self.tn += 1,
        }
    }
    pub fn positives(&self) -> usize {
        self.tp + self.fn_
    }
    pub fn negatives(&self) -> usize {
        self.fp + self.tn
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// False positives as a share of the negatives.
    pub fn fp_rate(&self) -> f64 {
        ratio(self.fp, self.fp + self.tn)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// One labelled item and what the engine said.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub id: String,
    pub class: String,
    pub half: Half,
    pub positive: bool,
    pub flagged: bool,
    /// Score and signal kinds, for the miss/false-alarm listing.
    pub detail: String,
}

/// Every signal the engine reports for a text, read as a tool's description and as a
/// tool result (the `--explain-text` of the example).
pub fn explain_text(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (what, context) in [
        ("as a tool description", injection::ScanContext::ToolDescription),
        ("as a tool result", injection::ScanContext::ToolResult),
    ] {
        let v = injection::scan(text, context);
        out.push(format!("{what}: {}", verdict_detail(&v)));
        for sig in &v.signals {
            out.push(format!("    {} {:.2} {}", sig.kind.id(), sig.weight, sig.evidence));
        }
    }
    out
}

/// Every signal the engine reports for one corpus item, by id (the `--explain` of the
/// example): tool ids are `server/tool` or the malicious item's id.
pub fn explain(id: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut show = |what: &str, v: &injection::Verdict| {
        out.push(format!("{what}: {}", verdict_detail(v)));
        for sig in &v.signals {
            out.push(format!("    {} {:.2} {}", sig.kind.id(), sig.weight, sig.evidence));
        }
    };
    let tools = benign_tools()
        .into_iter()
        .map(|b| {
            (
                format!("{}/{}", b.server, b.tool["name"].as_str().unwrap_or("")),
                b.tool,
            )
        })
        .chain(malicious_tools().into_iter().map(|(i, _, t)| (i, t)));
    for (tid, tool) in tools {
        if tid == id {
            for f in injection::scan_tool(&tool).fields {
                show(&f.path, &f.verdict);
            }
        }
    }
    let benign = benign_outputs();
    for b in &benign {
        if b.id == id {
            show(&b.id, &injection::scan(&b.text, injection::ScanContext::ToolResult));
        }
    }
    for (oid, _, _, text) in injected_outputs(&benign) {
        if oid == id {
            show(&oid, &injection::scan(&text, injection::ScanContext::ToolResult));
        }
    }
    // The development sets (never the held-out one: reading its signals is tuning).
    for dev in DEVELOPMENT_SETS.iter().map(|d| corpus_dir().join(d)) {
        for file in [
            "injected.jsonl",
            "benign-outputs.jsonl",
            "poisoned-tools.jsonl",
            "benign-tools.jsonl",
        ] {
            let path = dev.join(file);
            if !path.is_file() {
                continue;
            }
            for item in read_jsonl(&path).into_iter().filter(|i| s(i, "id") == id) {
                if item.get("tool").is_some() {
                    for f in injection::scan_tool(&item["tool"]).fields {
                        show(&f.path, &f.verdict);
                    }
                } else {
                    show(
                        id,
                        &injection::scan(&s(&item, "text"), injection::ScanContext::ToolResult),
                    );
                }
            }
        }
    }
    out
}

/// The outcomes of one task.
#[derive(Debug, Clone)]
pub struct Task {
    pub name: &'static str,
    pub outcomes: Vec<Outcome>,
}

impl Task {
    pub fn confusion(&self, half: Option<Half>) -> Confusion {
        let mut c = Confusion::default();
        for o in self.outcomes.iter().filter(|o| half.is_none_or(|h| o.half == h)) {
            c.add(o.positive, o.flagged);
        }
        c
    }

    /// Confusion per class (positives and negatives have their own classes).
    pub fn by_class(&self, half: Option<Half>) -> BTreeMap<String, Confusion> {
        let mut m: BTreeMap<String, Confusion> = BTreeMap::new();
        for o in self.outcomes.iter().filter(|o| half.is_none_or(|h| o.half == h)) {
            m.entry(o.class.clone()).or_default().add(o.positive, o.flagged);
        }
        m
    }

    pub fn errors(&self, half: Option<Half>) -> impl Iterator<Item = &Outcome> {
        self.outcomes
            .iter()
            .filter(move |o| o.positive != o.flagged && half.is_none_or(|h| o.half == h))
    }
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn read_jsonl(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect()
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    v
}

fn s(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or("").to_owned()
}

fn verdict_detail(v: &injection::Verdict) -> String {
    let mut kinds: Vec<&str> = v.signals.iter().map(|s| s.kind.id()).collect();
    kinds.dedup();
    format!("{} {:.2} [{}]", v.level.as_str(), v.score, kinds.join(","))
}

// ---------------------------------------------------------------- tool definitions

/// A real tool from a captured `tools/list`.
pub struct BenignTool {
    pub server: String,
    pub tool: Value,
}

pub fn benign_tools() -> Vec<BenignTool> {
    let mut out = Vec::new();
    for path in files(&corpus_dir().join("benign/tools"), "json") {
        let doc = read_json(&path);
        let server = doc["source"]["server"].as_str().unwrap_or("?").to_owned();
        for t in doc["tools"].as_array().into_iter().flatten() {
            out.push(BenignTool {
                server: server.clone(),
                tool: t.clone(),
            });
        }
    }
    out
}

pub fn malicious_tools() -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for path in files(&corpus_dir().join("malicious/tools"), "json") {
        let doc = read_json(&path);
        let technique = s(&doc, "technique");
        for item in doc["items"].as_array().into_iter().flatten() {
            assert_eq!(item["label"], "malicious", "{}: {}", path.display(), item["id"]);
            out.push((s(item, "id"), technique.clone(), item["tool"].clone()));
        }
    }
    out
}

pub fn tools_task() -> Task {
    let mut outcomes = Vec::new();
    for b in benign_tools() {
        let scan = injection::scan_tool(&b.tool);
        outcomes.push(Outcome {
            id: format!("{}/{}", b.server, scan.name),
            class: "benign (real servers)".into(),
            half: half_of(&format!("server:{}", b.server)),
            positive: false,
            flagged: scan.flagged(),
            detail: verdict_detail(&scan.verdict),
        });
    }
    for (id, technique, tool) in malicious_tools() {
        let scan = injection::scan_tool(&tool);
        outcomes.push(Outcome {
            id: id.clone(),
            class: format!("malicious: {technique}"),
            half: half_of(&format!("malicious:{id}")),
            positive: true,
            flagged: scan.flagged(),
            detail: verdict_detail(&scan.verdict),
        });
    }
    Task {
        name: "poisoned tool definitions",
        outcomes,
    }
}

// ---------------------------------------------------------------- tool outputs

/// A real text a tool could return.
#[derive(Debug, Clone)]
pub struct BenignOutput {
    pub id: String,
    pub group: String,
    pub kind: String,
    pub text: String,
}

pub fn benign_outputs() -> Vec<BenignOutput> {
    let dir = corpus_dir().join("benign/outputs");
    let mut out = Vec::new();
    for path in files(&dir, "jsonl") {
        for item in read_jsonl(&path) {
            out.push(BenignOutput {
                id: s(&item, "id"),
                group: s(&item, "group"),
                kind: s(&item, "kind"),
                text: s(&item, "text"),
            });
        }
    }
    // Results of real tool calls, as the servers returned them.
    let captured = dir.join("captured");
    let mut docs: Vec<PathBuf> = files(&captured, "json");
    docs.extend(files(&corpus_dir().join("benign/tools"), "json"));
    for path in docs {
        let doc = read_json(&path);
        let server = doc["source"]["server"].as_str().unwrap_or("?").to_owned();
        for (i, call) in doc["calls"].as_array().into_iter().flatten().enumerate() {
            let tool = s(call, "tool");
            let result = &call["result"];
            let mut parts: Vec<String> = result["content"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|c| c["text"].as_str().map(str::to_owned))
                .collect();
            if let Some(sc) = result.get("structuredContent") {
                parts.push(sc.to_string());
            }
            for (j, text) in parts.into_iter().enumerate() {
                if text.trim().is_empty() {
                    continue;
                }
                out.push(BenignOutput {
                    id: format!("captured:{server}:{tool}#{i}.{j}"),
                    group: format!("captured:{server}:{i}"),
                    kind: "tool-result".into(),
                    text,
                });
            }
        }
    }
    out
}

pub struct Payload {
    pub id: String,
    pub language: String,
    pub text: String,
}

pub fn payloads() -> Vec<Payload> {
    let doc = read_json(&corpus_dir().join("injected/payloads.json"));
    doc["payloads"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| Payload {
            id: s(p, "id"),
            language: s(p, "language"),
            text: s(p, "text"),
        })
        .collect()
}

/// How a payload is planted in a benign output.
pub const CARRIERS: &[&str] = &[
    "html-comment",
    "hidden-div",
    "github-issue",
    "json-field",
    "paragraph",
    "tag-chars",
    "base64",
    "zero-width",
    "whitespace",
    "appended",
    "code-comment",
    "email",
];

/// The largest char boundary of `s` at or before `i`.
pub fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A paragraph boundary near the middle (or the middle itself).
fn middle(host: &str) -> usize {
    let mid = floor_char(host, host.len() / 2);
    match host[mid..].find("\n\n").or_else(|| host[mid..].find('\n')) {
        Some(i) => mid + i,
        None => mid,
    }
}

fn excerpt(host: &str, n: usize) -> &str {
    &host[..floor_char(host, n)]
}

pub fn b64(data: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let v = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[((v >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Plants `payload` in `host` with `carrier`.
pub fn plant(carrier: &str, host: &str, payload: &str, n: u64) -> String {
    let at = middle(host);
    let (before, after) = host.split_at(at);
    match carrier {
        "html-comment" => format!("{before}\n<!-- {payload} -->\n{after}"),
        "hidden-div" => format!("{before}\n<div style=\"display:none\">{payload}</div>\n{after}"),
        "github-issue" => {
            let title: String = host.lines().find(|l| !l.trim().is_empty()).unwrap_or("Bug").chars().take(80).collect();
            let issue = json!({
                "number": 100 + n % 900,
                "title": title,
                "state": "open",
                "user": {"login": "contributor"},
                "body": format!("{}\n\n{payload}", excerpt(host, 1500)),
                "comments": 2,
            });
            serde_json::to_string_pretty(&issue).unwrap_or_default()
        }
        "json-field" => {
            let doc = json!({"results": [
                {"title": "Result 1", "url": "https://docs.example.org/a", "snippet": excerpt(host, 600)},
                {"title": "Result 2", "url": "https://blog.example.net/b", "snippet": payload},
            ]});
            serde_json::to_string(&doc).unwrap_or_default()
        }
        "paragraph" => format!("{before}\n\n{payload}\n\n{after}"),
        "tag-chars" => {
            let hidden: String = payload
                .chars()
                .filter(char::is_ascii)
                .map(|c| char::from_u32(0xE0000 + c as u32).unwrap_or(' '))
                .collect();
            // Non-ASCII payloads cannot be written in tag characters: they stay visible.
            let visible: String = payload.chars().filter(|c| !c.is_ascii()).collect();
            if visible.is_empty() {
                format!("{before}{hidden}{after}")
            } else {
                format!("{before}\n\n{payload}\n\n{after}")
            }
        }
        "base64" => format!("{before}\n\nencoded note: {}\n\n{after}", b64(payload.as_bytes())),
        "zero-width" => {
            let mut out = String::new();
            for (i, c) in payload.chars().enumerate() {
                out.push(c);
                if i % 3 == 2 && c.is_alphabetic() {
                    out.push('\u{200B}');
                }
            }
            format!("{before}\n\n{out}\n\n{after}")
        }
        "whitespace" => format!("{before}{}{payload}{after}", " ".repeat(200)),
        "appended" => format!("{host}\n\n---\n\n{payload}\n"),
        "code-comment" => {
            let commented: String = payload.lines().map(|l| format!("// {l}\n")).collect();
            format!("{before}\n\n```js\n{commented}const ready = true;\n```\n\n{after}")
        }
        "email" => format!(
            "From: updates@newsletter.example.com\nTo: you@example.org\nSubject: Weekly digest\n\n{}\n\n{payload}\n\nUnsubscribe: https://newsletter.example.com/u",
            excerpt(host, 1200)
        ),
        _ => format!("{host}\n{payload}"),
    }
}

/// (id, carrier, split key, text) of every injected output: generated payload × carrier
/// on a benign host from the payload's own half, then the hand-written set.
pub fn injected_outputs(benign: &[BenignOutput]) -> Vec<(String, String, String, String)> {
    let mut out = Vec::new();
    for p in payloads() {
        let key = format!("payload:{}", p.id);
        let half = half_of(&key);
        let hosts: Vec<&BenignOutput> = benign
            .iter()
            .filter(|b| half_of(&b.group) == half && b.text.len() >= 400)
            .collect();
        assert!(!hosts.is_empty(), "no benign host in half {half:?}");
        for carrier in CARRIERS {
            let n = fnv1a(&format!("{}/{carrier}", p.id));
            let host = hosts[(n % hosts.len() as u64) as usize];
            out.push((
                format!("{}@{carrier}", p.id),
                format!("generated: {carrier}"),
                key.clone(),
                plant(carrier, &host.text, &p.text, n),
            ));
        }
    }
    for item in read_jsonl(&corpus_dir().join("injected/handwritten.jsonl")) {
        let id = s(&item, "id");
        out.push((id.clone(), "hand-written".into(), id, s(&item, "text")));
    }
    out
}

pub fn outputs_task() -> Task {
    let benign = benign_outputs();
    let mut outcomes = Vec::new();
    for b in &benign {
        let v = injection::scan(&b.text, injection::ScanContext::ToolResult);
        outcomes.push(Outcome {
            id: b.id.clone(),
            class: format!("benign: {}", b.kind),
            half: half_of(&b.group),
            positive: false,
            flagged: !v.is_clean(),
            detail: verdict_detail(&v),
        });
    }
    for (id, class, key, text) in injected_outputs(&benign) {
        let v = injection::scan(&text, injection::ScanContext::ToolResult);
        outcomes.push(Outcome {
            id,
            class: format!("injected: {class}"),
            half: half_of(&key),
            positive: true,
            flagged: !v.is_clean(),
            detail: verdict_detail(&v),
        });
    }
    Task {
        name: "injected tool outputs",
        outcomes,
    }
}

// ---------------------------------------------------------------- secrets

pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number below `n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick(&mut self, alphabet: &str, n: usize) -> String {
        let a = alphabet.as_bytes();
        (0..n)
            .map(|_| a[(self.next() % a.len() as u64) as usize] as char)
            .collect()
    }
}

fn alphabet(name: &str) -> Option<&'static str> {
    Some(match name {
        "ALNUM" => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        "UPPER" => "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
        "LOWER" => "abcdefghijklmnopqrstuvwxyz0123456789",
        "LETTERS" => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "HEX" => "0123456789abcdef",
        "DIGITS" => "0123456789",
        "TOKEN" => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-",
        "B64" => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
        "BECH32" => "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
        "AZURE" => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-",
        _ => return None,
    })
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn b64url(data: &[u8]) -> String {
    b64(data).trim_end_matches('=').replace('+', "-").replace('/', "_")
}

/// Expands one `{NAME...}` directive of formats.json.
fn directive(r: &mut Rng, d: &str) -> String {
    let (name, arg) = d.split_once(':').unwrap_or((d, ""));
    if let Some(a) = alphabet(name) {
        return r.pick(a, arg.parse().unwrap_or(16));
    }
    match name {
        "GITHUB" => {
            let random = r.pick(alphabet("ALNUM").unwrap_or_default(), 30);
            let mut n = u64::from(crc32(random.as_bytes()));
            let digits = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
            let mut tail = [b'0'; 6];
            for slot in tail.iter_mut().rev() {
                *slot = digits[(n % 62) as usize];
                n /= 62;
            }
            format!("{random}{}", String::from_utf8_lossy(&tail))
        }
        "UUID" => format!(
            "{}-{}-4{}-a{}-{}",
            r.pick("0123456789abcdef", 8),
            r.pick("0123456789abcdef", 4),
            r.pick("0123456789abcdef", 3),
            r.pick("0123456789abcdef", 3),
            r.pick("0123456789abcdef", 12)
        ),
        "PEM" | "PEMJ" => {
            let nl = if name == "PEM" { "\n" } else { "\\n" };
            let b = alphabet("B64").unwrap_or_default();
            let lines: Vec<String> = (0..12).map(|_| r.pick(b, 64)).collect();
            format!("-----BEGIN {arg}-----{nl}{}{nl}-----END {arg}-----", lines.join(nl))
        }
        "JWT" | "JWT_SUPABASE" => {
            let payload = if name == "JWT" {
                format!(
                    r#"{{"sub":"{}","iat":1700000000,"name":"x"}}"#,
                    r.pick(alphabet("ALNUM").unwrap_or_default(), 12)
                )
            } else {
                format!(
                    r#"{{"iss":"supabase","ref":"{}","role":"service_role","iat":1700000000,"exp":2000000000}}"#,
                    r.pick(alphabet("LOWER").unwrap_or_default(), 20)
                )
            };
            format!(
                "{}.{}.{}",
                b64url(br#"{"alg":"HS256","typ":"JWT"}"#),
                b64url(payload.as_bytes()),
                r.pick(alphabet("TOKEN").unwrap_or_default(), 43)
            )
        }
        "DISCORD_ID" => {
            let id = format!("1{}", r.pick("0123456789", 17));
            b64url(id.as_bytes())
        }
        "NUM" => {
            let (a, b) = arg.split_once('-').unwrap_or(("1", "9"));
            let (a, b): (u64, u64) = (a.parse().unwrap_or(1), b.parse().unwrap_or(9));
            (a + r.next() % (b - a + 1)).to_string()
        }
        // Not a directive (a literal brace in the template).
        _ => format!("{{{d}}}"),
    }
}

/// Expands every `{…}` directive of `template` except `{SECRET}`.
pub fn expand(r: &mut Rng, template: &str, secret: Option<&str>) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let d = &after[..close];
        let is_directive = !d.is_empty()
            && d.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "_: -".contains(c));
        if d == "SECRET" {
            out.push_str(secret.unwrap_or(""));
        } else if is_directive {
            out.push_str(&directive(r, d));
        } else {
            // A literal brace (JSON in a template): keep it and look inside.
            out.push('{');
            rest = after;
            continue;
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Secret samples: (kind, text, the secret).
pub fn secret_positives(seed: u64) -> Vec<(String, String, String)> {
    let doc = read_json(&corpus_dir().join("secrets/formats.json"));
    let mut r = Rng(0x9E37_79B9_7F4A_7C15 ^ seed.wrapping_mul(0x1000_0000_01B3));
    let mut out = Vec::new();
    for f in doc["formats"].as_array().into_iter().flatten() {
        let kind = s(f, "kind");
        let secret = expand(&mut r, &s(f, "value"), None);
        let surround = s(f, "surround");
        if surround == "contexts" {
            out.push((kind.clone(), secret.clone(), secret.clone()));
            out.push((
                kind.clone(),
                format!(r#"{{"mcpServers":{{"x":{{"command":"npx","env":{{"SERVICE_TOKEN":"{secret}"}}}}}}}}"#),
                secret.clone(),
            ));
            out.push((
                kind,
                format!("tool output: the value ({secret}) was returned, ok"),
                secret,
            ));
        } else if let Some(name) = surround.strip_prefix("named:") {
            out.push((kind.clone(), format!("export {name}={secret}\n"), secret.clone()));
            out.push((
                kind.clone(),
                format!(r#"{{"env": {{"{name}": "{secret}"}}}}"#),
                secret.clone(),
            ));
            out.push((kind, format!("{}: '{secret}'", name.to_ascii_lowercase()), secret));
        } else if let Some(text) = surround.strip_prefix("one:") {
            let text = expand(&mut r, text, Some(&secret));
            out.push((kind, text, secret));
        }
    }
    out
}

/// Non-secrets: (class, label, text or `NAME=value` for named values, is_named).
pub fn not_secrets() -> Vec<(String, String, Option<String>)> {
    let doc = read_json(&corpus_dir().join("secrets/not-secrets.json"));
    let mut out = Vec::new();
    for p in doc["values"].as_array().into_iter().flatten().filter_map(Value::as_str) {
        for text in [
            p.to_owned(),
            format!(r#"{{"env": {{"GITHUB_TOKEN": "{p}"}}}}"#),
            format!("API_KEY={p}"),
            format!("Authorization: Bearer {p}"),
        ] {
            out.push(("placeholder".into(), text, None));
        }
        for name in ["GITHUB_TOKEN", "OPENAI_API_KEY", "DB_PASSWORD", "AWS_SECRET_ACCESS_KEY"] {
            out.push(("placeholder".into(), p.to_owned(), Some(name.to_owned())));
        }
    }
    for t in doc["texts"].as_array().into_iter().flatten().filter_map(Value::as_str) {
        out.push(("placeholder".into(), t.to_owned(), None));
    }
    let mut r = Rng(99);
    for t in doc["look_alikes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        for _ in 0..3 {
            out.push(("look-alike".into(), expand(&mut r, t, None), None));
        }
    }
    out
}

pub fn secrets_task() -> Task {
    let mut outcomes = Vec::new();
    for seed in 1..=4u64 {
        for (i, (kind, text, secret)) in secret_positives(seed).into_iter().enumerate() {
            let found = secrets::scan_text(&text);
            let hit = found.iter().any(|m| m.kind == kind && m.text(&text) == secret);
            let got: Vec<&str> = found.iter().map(|m| m.kind).collect();
            outcomes.push(Outcome {
                id: format!("{kind}#{seed}.{i}"),
                class: "secret (generated)".into(),
                half: half_of(&format!("kind:{kind}")),
                positive: true,
                flagged: hit,
                detail: format!("found {got:?}"),
            });
        }
    }
    for (i, (class, text, name)) in not_secrets().into_iter().enumerate() {
        let found = match &name {
            Some(n) => secrets::scan_named_value(n, &text),
            None => secrets::scan_text(&text),
        };
        let got: Vec<&str> = found.iter().map(|m| m.kind).collect();
        outcomes.push(Outcome {
            // The text is a placeholder, never a secret: safe to show.
            id: format!("{class}#{i}"),
            class: format!("not a secret: {class}"),
            half: half_of(&format!("not-secret:{text}")),
            positive: false,
            flagged: !found.is_empty(),
            detail: format!("{got:?} in {:?}", text.chars().take(80).collect::<String>()),
        });
    }
    Task {
        name: "secrets",
        outcomes,
    }
}

/// Placeholders the engine is known to report (each with why); listed, not counted, so
/// the figures stay honest while the fix is pending. Returns (value, name, still reported).
pub fn known_secret_misses() -> Vec<(String, String, bool)> {
    let doc = read_json(&corpus_dir().join("secrets/not-secrets.json"));
    let mut out = Vec::new();
    for k in doc["known_misses"].as_array().into_iter().flatten() {
        let value = s(k, "value");
        for name in k["names"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            let reported = !secrets::scan_named_value(name, &value).is_empty();
            out.push((value.clone(), name.to_owned(), reported));
        }
    }
    out
}

/// Secrets reported in the REAL benign outputs (READMEs, man pages…): informational, as
/// a real document may legitimately quote an example token.
pub fn secrets_in_benign_outputs() -> Vec<(String, Vec<&'static str>)> {
    benign_outputs()
        .into_iter()
        .filter_map(|b| {
            let found = secrets::scan_text(&b.text);
            (!found.is_empty()).then(|| (b.id, found.iter().map(|m| m.kind).collect()))
        })
        .collect()
}

// ---------------------------------------------------------------- thresholds and report

/// (task, minimum recall, maximum FP rate), enforced on the `test` half. Secrets must
/// have NO false positive at all on placeholders and look-alikes (both halves).
pub const THRESHOLDS: &[(&str, f64, f64)] = &[
    ("secrets", 0.98, 0.0),
    ("poisoned tool definitions", 0.95, 0.01),
    ("injected tool outputs", 0.90, 0.01),
];

// ---------------------------------------------------------------- held-out set

/// The held-out set (`corpus/holdout/`, see its README): written by someone who had not
/// seen the engine or the rest of the corpus, to measure and never to tune. Every item
/// counts as `test`; its benign items are hard negatives written to look like attacks.
pub fn holdout_tools_task() -> Task {
    blind_tools_task("holdout", "held-out tool definitions", Engine::Whole)
}

/// See [`holdout_outputs_task`].
pub fn holdout_outputs_task() -> Task {
    blind_outputs_task("holdout", "held-out tool outputs", Engine::Whole)
}

/// The development sets ([`DEVELOPMENT_SETS`]): written blind like the held-out set, by
/// other sessions and helpers, for rule work to look at (their misses are listed). The
/// learned model is trained on them (`corpus/train.rs`), so they measure the rules
/// alone: what the whole engine finds in its own training data says nothing. Two tasks
/// a set, tools then outputs, named `development-set-N …` (`devsetN/`).
pub fn devset_tasks() -> Vec<Task> {
    let e = Engine::RulesOnly;
    DEVELOPMENT_SETS
        .iter()
        .flat_map(|&set| {
            let label = set.replacen("devset", "development-set-", 1);
            let label = label.trim_end_matches('-');
            let name = |what: &str| -> &'static str { Box::leak(format!("{label} {what} (rules)").into_boxed_str()) };
            [
                blind_tools_task(set, name("tool definitions"), e),
                blind_outputs_task(set, name("tool outputs"), e),
            ]
        })
        .collect()
}

/// The seventh development set (`corpus/devset7/`), written blind like the others and
/// added after the learned model: neither the rules nor the model were made with it,
/// so it is a second measurement on unseen text beside the held-out set. Measured with
/// the whole engine and with the rules alone, to show what the model adds.
pub fn devset7_tasks() -> Vec<Task> {
    blind_set_tasks("devset7")
}

/// The development sets written blind after the model was first trained and kept out of
/// its training, measured like `devset7` (see README): the twelfth and thirteenth
/// lowered the leave-one-set-out tool figures when added to the training; the
/// forty-sixth to forty-ninth were written while the forty-second to forty-fifth
/// (measured only until then) were moved into the training, so that the model trained
/// on them is measured on sets it has not seen.
pub const MEASURED_ONLY_SETS: &[&str] = &["devset12", "devset13", "devset46", "devset47", "devset48", "devset49"];

/// [`MEASURED_ONLY_SETS`]' tasks, four a set (see [`blind_set_tasks`]).
pub fn measured_only_tasks() -> Vec<Task> {
    MEASURED_ONLY_SETS.iter().flat_map(|set| blind_set_tasks(set)).collect()
}

/// A blind set's tools and outputs, with the whole engine and with the rules alone (how
/// a new set is first measured, before anyone reads it).
pub fn blind_set_tasks(set: &str) -> Vec<Task> {
    let name = |what: &str| -> &'static str { Box::leak(format!("{set} {what}").into_boxed_str()) };
    vec![
        blind_tools_task(set, name("tool definitions"), Engine::Whole),
        blind_outputs_task(set, name("tool outputs"), Engine::Whole),
        blind_tools_task(set, name("tool definitions (rules)"), Engine::RulesOnly),
        blind_outputs_task(set, name("tool outputs (rules)"), Engine::RulesOnly),
    ]
}

/// What judges a blind set's items.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Engine {
    /// What `mcpward scan` reports: the rules and the learned model.
    Whole,
    /// The rules without the learned model (for the sets the model learned from).
    RulesOnly,
}

/// Tool definitions of a blind set: `poisoned-tools.jsonl` and `benign-tools.jsonl`.
fn blind_tools_task(set: &str, name: &'static str, engine: Engine) -> Task {
    let files = [("poisoned-tools.jsonl", true), ("benign-tools.jsonl", false)];
    blind_task(set, name, files, "poisoned", |item| {
        let verdict = match engine {
            Engine::Whole => injection::scan_tool(&item["tool"]).verdict,
            Engine::RulesOnly => rules_only_tool_verdict(&item["tool"]),
        };
        (verdict.level >= injection::Level::Suspicious, verdict_detail(&verdict))
    })
}

/// A tool's combined verdict without the learned model's signal: what the rules alone
/// say of it (`scan_tool`'s fields are scanned by the rules; the model's signal is
/// added once, over the whole tool).
pub fn rules_only_tool_verdict(tool: &Value) -> injection::Verdict {
    let signals = injection::scan_tool(tool).verdict.signals;
    injection::Verdict::from_signals(
        signals
            .into_iter()
            .filter(|s| s.kind != injection::SignalKind::LearnedInjection)
            .collect(),
    )
}

/// Tool outputs of a blind set: `injected.jsonl` and `benign-outputs.jsonl`.
fn blind_outputs_task(set: &str, name: &'static str, engine: Engine) -> Task {
    let files = [("injected.jsonl", true), ("benign-outputs.jsonl", false)];
    blind_task(set, name, files, "injected", |item| {
        let text = s(item, "text");
        let v = match engine {
            Engine::Whole => injection::scan(&text, injection::ScanContext::ToolResult),
            Engine::RulesOnly => injection::scan_rules(&text, injection::ScanContext::ToolResult),
        };
        (!v.is_clean(), verdict_detail(&v))
    })
}

/// The outcomes of a blind set's positive and negative files, each item judged by
/// `judge` (flagged, detail); every item counts as `test`.
fn blind_task(
    set: &str,
    name: &'static str,
    files: [(&str, bool); 2],
    positive_label: &str,
    judge: impl Fn(&Value) -> (bool, String),
) -> Task {
    let dir = corpus_dir().join(set);
    let mut outcomes = Vec::new();
    for (file, positive) in files {
        for item in read_jsonl(&dir.join(file)) {
            let (flagged, detail) = judge(&item);
            outcomes.push(Outcome {
                id: s(&item, "id"),
                class: if positive {
                    format!("{positive_label}: {}", s(&item, "technique"))
                } else {
                    "benign (hard negatives)".into()
                },
                half: Half::Test,
                positive,
                flagged,
                detail,
            });
        }
    }
    Task { name, outcomes }
}

/// A blind set's figures (held-out or development): one row each and the detections per class. The
/// individual misses are listed only when asked (`errors`): for the held-out set,
/// reading them is tuning.
pub fn render_holdout(tasks: &[Task], errors: bool) -> String {
    let mut out = String::new();
    for t in tasks {
        let c = t.confusion(None);
        out.push_str(&format!(
            "\n== {} ==\n{:>6} {:>6} {:>6} {:>6}  {:>9} {:>7} {:>8}\n{}\n",
            t.name,
            "TP",
            "FN",
            "FP",
            "TN",
            "precision",
            "recall",
            "FP rate",
            figures(&c)
        ));
        push_by_class(t, &mut out);
        if errors {
            for o in t.errors(None) {
                let what = if o.positive { "missed     " } else { "false alarm" };
                out.push_str(&format!("    {what} {}: {}\n", o.id, o.detail));
            }
        }
    }
    out
}

/// A confusion's counts and rates, aligned under the tables' headers.
fn figures(c: &Confusion) -> String {
    format!(
        "{:>6} {:>6} {:>6} {:>6}  {:>8.1}% {:>6.1}% {:>7.2}%",
        c.tp,
        c.fn_,
        c.fp,
        c.tn,
        c.precision() * 100.0,
        c.recall() * 100.0,
        c.fp_rate() * 100.0
    )
}

/// One line per class: how many of its positives were detected, or of its negatives
/// flagged.
fn push_by_class(t: &Task, out: &mut String) {
    for (class, c) in t.by_class(None) {
        if c.positives() > 0 {
            out.push_str(&format!("    {class:<44} detected {:>4}/{:<4}\n", c.tp, c.positives()));
        } else {
            out.push_str(&format!("    {class:<44} flagged  {:>4}/{:<4}\n", c.fp, c.negatives()));
        }
    }
}

pub fn all_tasks() -> Vec<Task> {
    vec![secrets_task(), tools_task(), outputs_task()]
}

/// The confusion matrices and figures, as printed by the example and the test.
pub fn render(tasks: &[Task], verbose: bool, errors_in: Option<Half>) -> String {
    let mut out = String::new();
    for t in tasks {
        out.push_str(&format!("\n== {} ==\n", t.name));
        out.push_str(&format!(
            "{:<6} {:>6} {:>6} {:>6} {:>6}  {:>9} {:>7} {:>8}\n",
            "half", "TP", "FN", "FP", "TN", "precision", "recall", "FP rate"
        ));
        for (label, half) in [("dev", Some(Half::Dev)), ("test", Some(Half::Test)), ("all", None)] {
            let c = t.confusion(half);
            out.push_str(&format!("{label:<6} {}\n", figures(&c)));
        }
        out.push_str("  by class (all halves):\n");
        push_by_class(t, &mut out);
        let errors: Vec<&Outcome> = t.errors(errors_in).collect();
        if !errors.is_empty() {
            out.push_str(&format!(
                "  errors in {} ({}):\n",
                errors_in.map_or("both halves", Half::name),
                errors.len()
            ));
            for o in errors.iter().take(if verbose { usize::MAX } else { 25 }) {
                let what = if o.positive { "missed     " } else { "false alarm" };
                out.push_str(&format!("    [{}] {what} {}: {}\n", o.half.name(), o.id, o.detail));
            }
        }
    }
    out
}
