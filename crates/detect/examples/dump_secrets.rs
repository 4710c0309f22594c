//! Equivalence harness for speed work on `secrets`: runs `secrets::scan_text` (and
//! `secrets::scan_named_value` on name/value pairs) over a large, varied, deterministic
//! input set and writes every result to a file. Dump before a change, dump after, diff.
//!
//! ```text
//! cargo run --release -p mcpward-detect --example dump_secrets -- /work/wt/secrets-before.txt [CRATES_DIR]
//! ```
//!
//! `CRATES_DIR` (default: this workspace's `crates/`) is where the corpus and
//! sources are read; give a fixed copy when the sources themselves change.
//!
//! Inputs: every file of `crates/detect/corpus` (whole, and each JSON string value, and
//! each JSON `"key": "value"` pair as a named value), every file and line of
//! `crates/detect/src`, `crates/detect/tests` and `crates/*/tests`, the quality harness's
//! secret samples and non-secrets, the bench generators at 1 KB..1 MB with random slices,
//! random mutations of short samples (invisible characters, escapes, markup, CRLF,
//! keywords, random token runs, case flips, deletions) and every truncation of short
//! samples at each char boundary. Named values also come from `NAME=value`,
//! `NAME: value` and `"key": "value"` shapes found in the text inputs.
//! Reads no network; writes only the file it is given.

// The dump_hidden harness's input module: its file walk, bench generators and RNG.
#[path = "dump_hidden/inputs.rs"]
#[allow(dead_code)]
mod inputs;

#[path = "../corpus/harness.rs"]
mod harness;

use harness::fnv1a;
use inputs::support::Rng;
use inputs::{files_under, floor_boundary as floor_char, GENERATORS};
use mcpward_detect::secrets;
use serde_json::Value;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// `n` characters drawn from `alphabet`.
fn run(r: &mut Rng, alphabet: &[u8], n: usize) -> String {
    let mut out = String::with_capacity(n);
    r.chars(alphabet, n, &mut out);
    out
}

/// Collects the inputs and writes each result as one line.
struct Dump {
    out: String,
    texts: usize,
    named: usize,
}

impl Dump {
    fn text(&mut self, id: &str, text: &str) {
        let found = secrets::scan_text(text);
        let _ = writeln!(self.out, "T {id} len={} h={:016x} {:?}", text.len(), fnv1a(text), found);
        self.texts += 1;
    }

    fn named(&mut self, id: &str, name: &str, value: &str) {
        let found = secrets::scan_named_value(name, value);
        let _ = writeln!(
            self.out,
            "N {id} name={:?} len={} h={:016x} {:?}",
            name.chars().take(80).collect::<String>(),
            value.len(),
            fnv1a(value),
            found
        );
        self.named += 1;
    }
}

/// Every string value of a JSON document, and every `"key": "string"` pair.
fn json_strings(v: &Value, strings: &mut Vec<String>, pairs: &mut Vec<(String, String)>) {
    match v {
        Value::String(s) => strings.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| json_strings(x, strings, pairs)),
        Value::Object(o) => {
            for (k, x) in o {
                strings.push(k.clone());
                if let Value::String(s) = x {
                    pairs.push((k.clone(), s.clone()));
                }
                json_strings(x, strings, pairs);
            }
        }
        _ => {}
    }
}

/// `NAME=value`, `NAME: value`, `"key": "value"` shapes in free text.
fn assignment_pairs(text: &str, pairs: &mut Vec<(String, String)>) {
    static SHAPES: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = SHAPES.get_or_init(|| {
        regex::Regex::new(
            r#"["']?([A-Za-z_][A-Za-z0-9_.-]{0,63})["']?[ \t]{0,3}(?::=|=|:)[ \t]{0,3}(?:"([^"\n]{0,300})"|'([^'\n]{0,300})'|([^\s"',;}]{1,300}))"#,
        )
        .expect("static regex")
    });
    for c in re.captures_iter(text) {
        let name = c.get(1).map_or("", |m| m.as_str());
        let value = c.get(2).or(c.get(3)).or(c.get(4)).map_or("", |m| m.as_str());
        pairs.push((name.to_string(), value.to_string()));
        // The raw value with its quotes, as a config loader might pass it.
        if let Some(all) = c.get(0) {
            let raw = &text[c.get(1).map_or(all.start(), |m| m.end())..all.end()];
            let v = raw.trim_start_matches(['"', '\'', ' ', '\t', ':', '=']);
            if v != value {
                pairs.push((name.to_string(), v.to_string()));
            }
        }
    }
}

const INSERTS: &[&str] = &[
    "\u{200B}",
    "\u{200C}",
    "\u{2060}",
    "\u{FEFF}",
    "\u{202E}",
    "\u{E0041}",
    "\u{1b}[31m",
    "\u{1b}[0m",
    "<!--",
    "-->",
    "&#x41;",
    "&#65;",
    "&amp;",
    "\\u0041",
    "\\u00",
    "\\n",
    "\\\"",
    "   ",
    "\t",
    "\t \t",
    "\r\n",
    "\n",
    "\r",
    "é",
    "Ж",
    "ß",
    "東",
    "👍",
    "İ",
    "K",
    "\"",
    "'",
    "`",
    "=",
    ": ",
    ":=",
    "=>",
    "==",
    "::",
    "${",
    "}",
    "<",
    ">",
    "...",
    "…",
    "xxxxxx",
    "EXAMPLE",
    "your",
    "token=",
    "TOKEN=",
    "Token: ",
    "api_key: ",
    "\"api_key\": \"",
    "apiKey=",
    "API-KEY=",
    "_key=",
    "-key: ",
    "Key=",
    "secret=",
    "SECRET_",
    "password=",
    "PASSWORD=",
    "passwd:",
    "auth=",
    "Authorization: ",
    "Bearer ",
    "bearer ",
    "BEARER ",
    "credential=",
    "_pat=",
    "-----BEGIN ",
    "-----BEGIN RSA PRIVATE KEY-----\n",
    "-----END RSA PRIVATE KEY-----",
    "-----",
    "://",
    "https://",
    "postgres://u:",
    "@host",
    "AKIA",
    "eyJ",
    "ghp_",
    "sk-",
    "sk_",
    "xoxb-",
    "glpat-",
    "AC",
    "SK",
    "MT",
    "-us",
    "key-",
    "pat",
    "Q~",
    ":AA",
    "sig=",
    "sv=2024-01-01&",
    "AccountKey=",
    "dd_api_key=",
    "twilio_auth_token=",
    "aws_secret_access_key = ",
    "session_token=",
    "NRAL",
    "A3-",
    "sl.",
    "1//0",
    "service_account",
];

const B62: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX: &[u8] = b"0123456789abcdef";
const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const TOKEN: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

/// One random edit of `s`.
fn mutate(r: &mut Rng, s: &str) -> String {
    let at = floor_char(s, r.below(s.len() + 1));
    let mut out = String::with_capacity(s.len() + 64);
    match r.below(10) {
        0..=3 => {
            out.push_str(&s[..at]);
            out.push_str(r.pick(INSERTS));
            out.push_str(&s[at..]);
        }
        4 => {
            let alpha = [B62, HEX, B64, TOKEN][r.below(4)];
            let n = [4, 8, 16, 20, 32, 36, 40, 43, 64, 86, 100, 130][r.below(12)];
            out.push_str(&s[..at]);
            out.push_str(&run(r, alpha, n));
            out.push_str(&s[at..]);
        }
        5 => {
            let end = floor_char(s, at + r.below(16));
            out.push_str(&s[..at]);
            out.push_str(&s[end..]);
        }
        6 => {
            let end = floor_char(s, at + 1 + r.below(24));
            out.push_str(&s[..at]);
            if r.below(2) == 0 {
                out.push_str(&s[at..end].to_ascii_uppercase());
            } else {
                out.push_str(&s[at..end].to_ascii_lowercase());
            }
            out.push_str(&s[end..]);
        }
        7 => {
            // Replace one character by another byte class.
            let end = floor_char(s, at + 1);
            let end = if end == at { s.len().min(at + 4) } else { end };
            let end = floor_char(s, end);
            out.push_str(&s[..at]);
            out.push_str(r.pick(&["a", "Z", "0", "_", "-", ".", "/", "+", "=", " ", "\n", "é"]));
            out.push_str(&s[end..]);
        }
        8 => {
            let end = floor_char(s, at + r.below(40));
            out.push_str(&s[..end]);
            out.push_str(&s[at..]);
        }
        _ => {
            let ws = ["  ", "\t\t", "\n\n", "\r\n\r\n", "        "][r.below(5)];
            out.push_str(&s[..at]);
            out.push_str(ws);
            out.push_str(&s[at..]);
        }
    }
    out
}

/// Hand-built inputs at the edges of the prefilter's reasoning: matches whose
/// keyword is not where the rule expects it (a Discord token whose first
/// segment is no keyword, a named-rule name in odd case) next to a keyword
/// hit at every distance, and tokens exactly at the minimum lengths.
fn edge_cases() -> Vec<String> {
    let mut out = Vec::new();
    let gaps = [
        0usize, 1, 2, 5, 8, 12, 20, 28, 29, 30, 31, 40, 47, 48, 49, 60, 79, 80, 87, 88, 89, 100, 130, 140, 200, 260,
    ];
    // base64 of an 18-digit id holding no Discord keyword ("MT", "ND"...):
    // only a keyword elsewhere can open the window that finds it.
    // The second has its first keyword 12 bytes in: that hit's window starts
    // past the token, so a keyword before the token must stretch it.
    for discord in [
        "MDAwMDAwMDAwMDAwMDAwMDAw.AbCdEf.abcdefghijklmnopqrstuvwxyzABCDE",
        "MDAwMDAwMDAwMTIzNDU2Nzg5.AbCdEf.abcdefghijklmnopqrstuvwxyzABCDE",
    ] {
        for &gap in &gaps {
            for kw in ["MT", "ND", "OT", "Nz", "Mj"] {
                let pad = " ".repeat(gap);
                out.push(format!("{kw}{pad}{discord}"));
                out.push(format!("{discord}{pad}{kw}"));
                out.push(format!("{kw}{pad}x{discord}y"));
            }
        }
    }
    let alnum32 = "Ab3dEf7hIj1kLm2nOp4qRs5tUv6wXy8z";
    let hex32 = "0123456789abcdef0fedcba987654321";
    let b64_100 = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCdEfGhIjKlMnOpQrStUv";
    let named: &[(&str, &str, String)] = &[
        ("mistral", "mIsTrAl_API_kEy", alnum32.to_string()),
        ("mistral", "MiStRaL-key", alnum32.to_string()),
        ("dd_api_key", "Dd_Api_KEY", hex32.to_string()),
        ("vercel", "vErCeL_TOKEN", alnum32[..24].to_string()),
        ("session_token", "aws_SeSSion_TOKEN", b64_100.to_string()),
        (
            "heroku",
            "hEROKU_API_KEY",
            "123e4567-e89b-12d3-a456-426614174000".to_string(),
        ),
        ("twilio", "tWiLiO_AUTH_TOKEN", alnum32.to_string()),
        ("okta", "oKtA_token", format!("00{alnum32}Ab3dEf7h")),
        ("cohere", "CoHeRe_api_key", format!("{alnum32}Ab3dEf7h")),
    ];
    for (kw, odd, value) in named {
        for &gap in &gaps {
            let pad = " ".repeat(gap);
            for sep in ["=", ": ", " ", "=\"", ":= "] {
                out.push(format!("{kw}{pad}{odd}{sep}{value}"));
                out.push(format!("{odd}{sep}{value}{pad}{kw}"));
            }
        }
    }
    // Tokens at and around their shortest form, with neighbours that do and
    // do not continue them.
    let edges = [
        "AKIAABCDEFGHIJKLMNOP",
        "ASIA0123456789ABCDEF",
        "glpat-abcdefghij0123456789",
        "gldt-abcdefghij0123456789",
        "hvs.abcdefghij0123456789ABCD",
        "12345678:AAbcdefghij0123456789abcdefghij012",
        "whsec_abcdefghij0123456789ABCD",
        "ya29.abcdefghij0123456789abcdefghij",
        "1//0abcdefghij0123456789abcdefghij0123456789",
        "sq0atp-abcdefghij0123456789AB",
        "AC0123456789abcdef0123456789abcdef",
        "SK0123456789abcdef0123456789ABCDEF",
        "abc1Q~abcdefghij0123456789abcdefghij012",
        "0123456789abcdef0123456789abcdef-us12",
        "0123456789abcdef0123456789abcdef0123NRAL",
        "sv=2024-01-01&sr=b&sig=abcdefghij0123456789abcdefghij0123456789%2B",
        "https://0123456789abcdef0123456789abcdef:0123456789abcdef0123456789abcdef@o1.ingest.sentry.io/1",
        "postgres://admin:s3cr3tP4ssw0rd@db.internal:5432/app",
        "https://user:pa55word@example.com",
    ];
    for e in edges {
        for (l, r) in [
            ("", ""),
            (" ", " "),
            ("x", "x"),
            ("_", "_"),
            (".", "."),
            ("=", "/"),
            ("\"", "\""),
            ("-", "-"),
        ] {
            out.push(format!("{l}{e}{r}"));
            out.push(format!("{l}{}{r}", &e[..e.len() - 1]));
        }
    }
    out
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/work/wt/secrets-dump.txt".into());
    // The inputs include this crate's own sources: comparing two versions of
    // the code needs the same inputs, so another copy of `crates/` can be given.
    let root = std::env::args().nth(2).map(PathBuf::from);
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let crates_buf = root.unwrap_or_else(|| here.parent().unwrap_or(here).to_path_buf());
    let crates = crates_buf.as_path();
    let manifest_buf = crates.join("detect");
    let manifest = manifest_buf.as_path();
    let mut d = Dump {
        out: String::new(),
        texts: 0,
        named: 0,
    };
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut shorts: Vec<String> = Vec::new();

    // ---- corpus: whole files, JSON strings, key/value pairs.
    let mut corpus_files = Vec::new();
    files_under(&manifest.join("corpus"), &mut corpus_files);
    for p in &corpus_files {
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        let rel = p.strip_prefix(crates).unwrap_or(p).display().to_string();
        d.text(&format!("file:{rel}"), &text);
        let mut strings = Vec::new();
        let mut jpairs = Vec::new();
        if rel.ends_with(".jsonl") {
            for line in text.lines() {
                if let Ok(v) = serde_json::from_str::<Value>(line) {
                    json_strings(&v, &mut strings, &mut jpairs);
                }
            }
        } else if rel.ends_with(".json") {
            if let Ok(v) = serde_json::from_str::<Value>(&text) {
                json_strings(&v, &mut strings, &mut jpairs);
            }
        } else {
            for (i, line) in text.lines().enumerate() {
                d.text(&format!("line:{rel}:{i}"), line);
            }
        }
        for (i, s) in strings.iter().enumerate() {
            d.text(&format!("json:{rel}:{i}"), s);
            assignment_pairs(s, &mut pairs);
            if s.len() <= 400 {
                shorts.push(s.clone());
            }
        }
        pairs.extend(jpairs);
    }

    // ---- sources and tests: whole files and lines.
    let mut src_files = Vec::new();
    files_under(&manifest.join("src"), &mut src_files);
    if let Ok(rd) = std::fs::read_dir(crates) {
        let mut cs: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        cs.sort();
        for c in cs {
            files_under(&c.join("tests"), &mut src_files);
        }
    }
    for p in &src_files {
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        let rel = p.strip_prefix(crates).unwrap_or(p).display().to_string();
        d.text(&format!("file:{rel}"), &text);
        assignment_pairs(&text, &mut pairs);
        for (i, line) in text.lines().enumerate() {
            d.text(&format!("line:{rel}:{i}"), line);
            if !line.trim().is_empty() && line.len() <= 400 {
                shorts.push(line.to_string());
            }
        }
        if rel.ends_with(".json") {
            if let Ok(v) = serde_json::from_str::<Value>(&text) {
                let mut strings = Vec::new();
                json_strings(&v, &mut strings, &mut pairs);
                for (i, s) in strings.iter().enumerate() {
                    d.text(&format!("json:{rel}:{i}"), s);
                }
            }
        }
    }

    // ---- quality harness samples (several seeds) and non-secrets.
    for seed in 1..=8u64 {
        for (i, (kind, text, secret)) in harness::secret_positives(seed).into_iter().enumerate() {
            d.text(&format!("pos:{seed}:{i}:{kind}"), &text);
            assignment_pairs(&text, &mut pairs);
            for name in [
                "GITHUB_TOKEN",
                "API_KEY",
                "DB_PASSWORD",
                "SERVICE_TOKEN",
                "x-api-key",
                "HOME",
            ] {
                pairs.push((name.to_string(), secret.clone()));
            }
            if seed <= 2 {
                shorts.push(text);
                shorts.push(secret);
            }
        }
    }
    for (i, (class, text, name)) in harness::not_secrets().into_iter().enumerate() {
        match &name {
            Some(n) => d.named(&format!("notsecret:{i}:{class}"), n, &text),
            None => d.text(&format!("notsecret:{i}:{class}"), &text),
        }
        shorts.push(text);
    }

    // ---- edges of the prefilter's reasoning.
    for (i, t) in edge_cases().iter().enumerate() {
        d.text(&format!("edge:{i}"), t);
        shorts.push(t.clone());
    }

    // ---- bench generators, whole and in slices.
    let mut r = Rng::new(0x00D1_5EC2_E7D0_0001);
    for (name, make) in GENERATORS {
        for len in [1_000, 3_000, 10_000, 50_000, 200_000] {
            let t = make(len);
            d.text(&format!("gen:{name}:{len}"), &t);
        }
        let big = make(200_000);
        assignment_pairs(&big, &mut pairs);
        for k in 0..300 {
            let a = floor_char(&big, r.below(big.len()));
            let b = floor_char(&big, a + 1 + r.below(3000));
            d.text(&format!("slice:{name}:{k}"), &big[a..b]);
            if k < 40 && b - a <= 400 {
                shorts.push(big[a..b].to_string());
            }
        }
    }
    for name in ["benign", "near_miss"] {
        let t = if name == "benign" {
            inputs::support::benign(1_000_000)
        } else {
            inputs::support::near_miss(1_000_000)
        };
        d.text(&format!("gen:{name}:1000000"), &t);
    }

    // ---- mutations and truncations of short samples.
    shorts.sort();
    shorts.dedup();
    for (i, s) in shorts.iter().enumerate() {
        let mut m = s.clone();
        for k in 0..6 {
            m = mutate(&mut r, &m);
            d.text(&format!("mut:{i}:{k}"), &m);
            if k % 3 == 2 {
                m = s.clone();
            }
        }
    }
    // Every truncation (prefix and suffix) of a sample of the short inputs.
    let mut k = 0;
    for (i, s) in shorts.iter().enumerate() {
        if s.len() > 200 || i % 7 != 0 {
            continue;
        }
        for (b, _) in s.char_indices().skip(1) {
            d.text(&format!("pre:{i}:{b}"), &s[..b]);
            d.text(&format!("suf:{i}:{b}"), &s[b..]);
            k += 1;
        }
    }
    eprintln!("truncations: {k}");

    // ---- named values.
    pairs.sort();
    pairs.dedup();
    for (i, (n, v)) in pairs.iter().enumerate() {
        d.named(&format!("pair:{i}"), n, v);
    }
    // Mutated named values.
    let names = [
        "GITHUB_TOKEN",
        "OPENAI_API_KEY",
        "DB_PASSWORD",
        "AWS_SECRET_ACCESS_KEY",
        "DD_API_KEY",
        "twilio_auth_token",
        "Authorization",
        "x-api-key",
        "MAX_TOKENS",
        "client_secret",
    ];
    for (i, (_, v)) in pairs.iter().enumerate().filter(|(i, _)| i % 5 == 0) {
        let m = mutate(&mut r, v);
        let n = names[r.below(names.len())];
        d.named(&format!("pairmut:{i}"), n, &m);
    }

    let header = format!("# texts={} named={}\n", d.texts, d.named);
    eprint!("{header}");
    let Ok(mut f) = std::fs::File::create(&path) else {
        eprintln!("cannot write {path}");
        std::process::exit(1);
    };
    let _ = f.write_all(header.as_bytes());
    let _ = f.write_all(d.out.as_bytes());
}
