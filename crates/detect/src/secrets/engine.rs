//! The scanner. One Aho-Corasick pass finds every rule keyword; text without
//! a keyword costs that pass and nothing else. Each rule's regex then runs
//! only over merged windows around its own keyword hits, so the total regex
//! work is linear in the text whatever the input. Regexes are compiled once,
//! lazily per rule, and use only bounded repetitions.

use super::generic;
use super::placeholder::is_placeholder_strict;
use super::rules::{Edge, Rule, RULES};
use super::validate::{self, is_git_sha, is_uuid, Check};
use super::{kinds, Confidence, SecretMatch};
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// What a keyword hit asks for.
#[derive(Debug, Clone, Copy)]
enum Target {
    Rule(u16),
    Pem,
    Assign,
    Bearer,
}

struct Engine {
    ac: Option<AhoCorasick>,
    targets: Vec<Vec<Target>>,
    regexes: Vec<OnceLock<Option<Compiled>>>,
}

struct Compiled {
    re: Regex,
    has_secret_group: bool,
}

/// Name words whose `NAME=value` assignments the generic scanner parses.
const ASSIGN_WORDS: &[&str] = &[
    "token",
    "secret",
    "password",
    "passwd",
    "passphrase",
    "api_key",
    "apikey",
    "api-key",
    "_key",
    "-key",
    "Key",
    "credential",
    "auth",
    "_pat",
    "-pat",
];
const BEARER_WORDS: &[&str] = &["Bearer ", "bearer ", "BEARER "];
const PEM_WORD: &str = "-----BEGIN ";

/// Bytes added around each window so the edge checks see real neighbours.
const MARGIN: usize = 8;
/// Longest PEM block looked at (a 16k-bit RSA key is ~12 KiB).
const PEM_MAX: usize = 16 * 1024;

/// Case variants of a variable-name keyword: as written, lower, UPPER,
/// Capitalized, camelCase and PascalCase of its `_`/`-` separated words.
fn variants(k: &str) -> Vec<String> {
    let mut v = vec![k.to_string(), k.to_ascii_lowercase(), k.to_ascii_uppercase()];
    let words: Vec<&str> = k.split(['_', '-']).filter(|w| !w.is_empty()).collect();
    let cap = |w: &str| {
        let mut c = w.to_ascii_lowercase();
        if let Some(f) = c.get_mut(0..1) {
            f.make_ascii_uppercase();
        }
        c
    };
    v.push(cap(k));
    if words.len() > 1 {
        let pascal: String = words.iter().map(|w| cap(w)).collect();
        let mut camel = pascal.clone();
        if let Some(f) = camel.get_mut(0..1) {
            f.make_ascii_lowercase();
        }
        v.push(pascal);
        v.push(camel);
    }
    v.sort();
    v.dedup();
    v
}

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| {
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<Target>> = Vec::new();
        let mut add = |word: String, t: Target| {
            let id = *ids.entry(word.clone()).or_insert_with(|| {
                patterns.push(word);
                targets.push(Vec::new());
                patterns.len() - 1
            });
            targets[id].push(t);
        };
        for (i, r) in RULES.iter().enumerate() {
            for k in r.keywords {
                if r.any_case {
                    for v in variants(k) {
                        add(v, Target::Rule(i as u16));
                    }
                } else {
                    add((*k).to_string(), Target::Rule(i as u16));
                }
            }
        }
        add(PEM_WORD.to_string(), Target::Pem);
        for w in ASSIGN_WORDS {
            for v in variants(w) {
                add(v, Target::Assign);
            }
        }
        for w in BEARER_WORDS {
            add((*w).to_string(), Target::Bearer);
        }
        for t in &mut targets {
            t.sort_by_key(|t| match t {
                Target::Rule(i) => u32::from(*i),
                Target::Pem => 1 << 20,
                Target::Assign => 2 << 20,
                Target::Bearer => 3 << 20,
            });
            t.dedup_by_key(|t| match t {
                Target::Rule(i) => u32::from(*i),
                Target::Pem => 1 << 20,
                Target::Assign => 2 << 20,
                Target::Bearer => 3 << 20,
            });
        }
        Engine {
            // Building from fixed literals cannot fail; if it ever did, the
            // scanner would report nothing rather than panic. A full DFA (about
            // 1 MiB for these keywords): this pass runs over every byte of every
            // text, and the default NFA walks it 2-3 times slower.
            ac: AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&patterns)
                .ok(),
            targets,
            regexes: RULES.iter().map(|_| OnceLock::new()).collect(),
        }
    })
}

fn compiled(i: usize) -> Option<&'static Compiled> {
    let e = engine();
    e.regexes
        .get(i)?
        .get_or_init(|| {
            let re = Regex::new(&RULES.get(i)?.regex_source()).ok()?;
            let has_secret_group = re.capture_names().any(|n| n == Some("s"));
            Some(Compiled { re, has_secret_group })
        })
        .as_ref()
}

/// Compiles every regex now instead of on first use (for long-running
/// callers such as the proxy, so the first tool result pays no compile time).
pub(crate) fn warm() {
    for i in 0..RULES.len() {
        let _ = compiled(i);
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Options {
    /// Parse `NAME=value` assignments with secret-like names (low confidence).
    pub assignments: bool,
}

#[derive(Debug, Clone, Copy)]
struct Cand {
    kind: &'static str,
    start: usize,
    end: usize,
    conf: Confidence,
    /// Lower wins when two candidates overlap with equal confidence.
    priority: u32,
}

const PRIO_PEM: u32 = 0;
const PRIO_RULE: u32 = 1;
const PRIO_PAIR: u32 = 10_000;
const PRIO_BEARER: u32 = 20_000;
const PRIO_ASSIGN: u32 = 30_000;

fn floor_boundary(t: &str, mut i: usize) -> usize {
    i = i.min(t.len());
    while i > 0 && !t.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(t: &str, mut i: usize) -> usize {
    i = i.min(t.len());
    while i < t.len() && !t.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Every secret in `text`, non-overlapping, sorted by start.
pub(crate) fn scan(text: &str, opts: Options) -> Vec<SecretMatch> {
    let eng = engine();
    let Some(ac) = eng.ac.as_ref() else {
        return Vec::new();
    };
    let mut windows: Vec<(u16, usize, usize)> = Vec::new();
    let mut pem_hits: Vec<usize> = Vec::new();
    let mut assign_hits: Vec<(usize, usize)> = Vec::new();
    let mut bearer_hits: Vec<(usize, usize)> = Vec::new();
    for m in ac.find_overlapping_iter(text) {
        let Some(ts) = eng.targets.get(m.pattern().as_usize()) else {
            continue;
        };
        for t in ts {
            match *t {
                Target::Rule(r) => {
                    let Some(rule) = RULES.get(usize::from(r)) else {
                        continue;
                    };
                    let ws = m.start().saturating_sub(usize::from(rule.back) + MARGIN);
                    let we = m.start().saturating_add(rule.span as usize + MARGIN);
                    windows.push((r, ws, we));
                }
                Target::Pem => pem_hits.push(m.start()),
                Target::Assign if opts.assignments => assign_hits.push((m.start(), m.end())),
                Target::Assign => {}
                Target::Bearer => bearer_hits.push((m.start(), m.end())),
            }
        }
    }
    if windows.is_empty() && pem_hits.is_empty() && assign_hits.is_empty() && bearer_hits.is_empty() {
        return Vec::new();
    }

    let mut cands: Vec<Cand> = Vec::new();
    let mut anchors: Vec<Cand> = Vec::new();
    run_rules(text, windows, &mut cands, &mut anchors);
    scan_pem(text, &mut pem_hits, &mut cands);
    pair_aws(text, &mut cands);
    pair_twilio(text, &anchors, &mut cands);
    for (s, e) in bearer_hits {
        if let Some((vs, ve)) = generic::bearer_at(text, s, e) {
            cands.push(Cand {
                kind: "bearer-token",
                start: vs,
                end: ve,
                conf: Confidence::Medium,
                priority: PRIO_BEARER,
            });
        }
    }
    let mut last_name: (usize, usize) = (usize::MAX, 0);
    for (s, e) in assign_hits {
        if s >= last_name.0 && e <= last_name.1 {
            continue;
        }
        let (name, value) = generic::assignment_at(text, s, e);
        if let Some(name) = name {
            last_name = name;
        }
        if let Some((vs, ve)) = value {
            cands.push(Cand {
                kind: "generic-assignment",
                start: vs,
                end: ve,
                conf: Confidence::Low,
                priority: PRIO_ASSIGN,
            });
        }
    }
    resolve(cands)
}

fn run_rules(text: &str, mut windows: Vec<(u16, usize, usize)>, cands: &mut Vec<Cand>, anchors: &mut Vec<Cand>) {
    windows.sort_unstable();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < windows.len() {
        let (r, ws, mut we) = windows[i];
        let mut j = i + 1;
        while j < windows.len() && windows[j].0 == r && windows[j].1 <= we {
            we = we.max(windows[j].2);
            j += 1;
        }
        i = j;
        let idx = usize::from(r);
        let (Some(rule), Some(c)) = (RULES.get(idx), compiled(idx)) else {
            continue;
        };
        let ws = floor_boundary(text, ws);
        let we = ceil_boundary(text, we);
        let Some(hay) = text.get(ws..we) else {
            continue;
        };
        let mut report = |ms: usize, me: usize, ss: usize, se: usize| {
            let (ms, me, ss, se) = (ms + ws, me + ws, ss + ws, se + ws);
            if ms > 0 && rule.left.touches(bytes[ms - 1]) {
                return;
            }
            if me < bytes.len() && rule.right.touches(bytes[me]) {
                return;
            }
            let Some(secret) = text.get(ss..se) else {
                return;
            };
            if let Some(conf) = judge(rule, secret) {
                // One JWT pass serves both kinds: Supabase's service_role key
                // is a JWT with that role claim.
                let kind =
                    if rule.check == Check::Jwt && validate::run(Check::SupabaseServiceRole, secret, conf).is_some() {
                        "supabase-service-role-key"
                    } else {
                        rule.kind
                    };
                let c = Cand {
                    kind,
                    start: ss,
                    end: se,
                    conf,
                    priority: PRIO_RULE + idx as u32,
                };
                if rule.emit {
                    cands.push(c);
                } else {
                    anchors.push(c);
                }
            }
        };
        if c.has_secret_group {
            for caps in c.re.captures_iter(hay) {
                let (Some(m), Some(s)) = (caps.get(0), caps.name("s")) else {
                    continue;
                };
                report(m.start(), m.end(), s.start(), s.end());
            }
        } else {
            for m in c.re.find_iter(hay) {
                report(m.start(), m.end(), m.start(), m.end());
            }
        }
    }
}

/// Placeholder filter, then the rule's structural check.
fn judge(rule: &Rule, secret: &str) -> Option<Confidence> {
    if is_placeholder_strict(secret) || (!rule.ids_ok && (is_uuid(secret) || is_git_sha(secret))) {
        return None;
    }
    validate::run(rule.check, secret, rule.confidence)
}

/// PEM private key blocks, parsed by hand: a regex over a 16 KiB body would
/// be a needlessly large automaton.
fn scan_pem(text: &str, hits: &mut [usize], cands: &mut Vec<Cand>) {
    hits.sort_unstable();
    let b = text.as_bytes();
    let mut covered = 0;
    for &s in hits.iter() {
        if s < covered {
            continue;
        }
        let label_start = s + PEM_WORD.len();
        let Some(rest) = text.get(label_start..ceil_boundary(text, label_start + 48)) else {
            continue;
        };
        let Some(dash) = rest.find("-----") else {
            continue;
        };
        let label = &rest[..dash];
        if !label
            .bytes()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b' ')
        {
            continue;
        }
        let kind = match label {
            "OPENSSH PRIVATE KEY" => "openssh-private-key",
            "ENCRYPTED PRIVATE KEY" => "encrypted-private-key",
            "PGP PRIVATE KEY BLOCK" => "pgp-private-key",
            l if l == "PRIVATE KEY" || l.ends_with(" PRIVATE KEY") => "private-key",
            _ => continue,
        };
        let body_start = label_start + dash + 5;
        let limit = ceil_boundary(text, body_start + PEM_MAX);
        let Some(region) = text.get(body_start..limit) else {
            continue;
        };
        // The first `-----` after the header must open the END line; another
        // BEGIN (or anything else) first means the block was cut off there.
        let dashes = memchr::memmem::find(region.as_bytes(), b"-----");
        let (body_len, end) = match dashes.filter(|&q| region[q..].starts_with("-----END ")) {
            Some(q) => {
                let after = body_start + q + 9;
                let close = text
                    .get(after..ceil_boundary(text, after + 48))
                    .and_then(|t| t.find("-----"))
                    .map_or(after, |c| after + c + 5);
                (q, close)
            }
            None => {
                // Truncated output still leaks the key: report up to where
                // the base64 body stops.
                let cut = dashes.unwrap_or(region.len());
                let n = region.as_bytes()[..cut]
                    .iter()
                    .copied()
                    .take_while(|c| c.is_ascii_alphanumeric() || b"+/=\r\n\t \\:,-".contains(c))
                    .count();
                (n, body_start + n)
            }
        };
        let body = &region[..body_len];
        let payload = body.bytes().filter(u8::is_ascii_alphanumeric).count();
        if payload < 64 || body.contains("...") || body.contains('…') || body.contains('<') || is_masked_body(body) {
            continue;
        }
        let kind = if kind == "private-key" && body.contains("ENCRYPTED") {
            "encrypted-private-key"
        } else if kind == "private-key" && near(text, s, end, b"service_account") {
            "gcp-service-account-key"
        } else {
            kind
        };
        let end = end.min(b.len());
        covered = end;
        cands.push(Cand {
            kind,
            start: s,
            end,
            conf: Confidence::High,
            priority: PRIO_PEM,
        });
    }
}

fn is_masked_body(body: &str) -> bool {
    body.contains("xxxxxxxx") || body.contains("XXXXXXXX") || body.contains("****") || body.contains("REDACTED")
}

/// `needle` within 4 KiB before `start` or after `end`.
fn near(text: &str, start: usize, end: usize, needle: &[u8]) -> bool {
    let b = text.as_bytes();
    let before = &b[start.saturating_sub(4096)..start.min(b.len())];
    let after = &b[end.min(b.len())..(end + 4096).min(b.len())];
    memchr::memmem::find(before, needle).is_some() || memchr::memmem::find(after, needle).is_some()
}

/// A 40-character base64 string next to an AWS access key id is its secret
/// access key: that pair is how every credentials file and export looks.
fn pair_aws(text: &str, cands: &mut Vec<Cand>) {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let Some(re) = RE.get_or_init(|| Regex::new("[A-Za-z0-9/+]{40}").ok()).as_ref() else {
        return;
    };
    let ids: Vec<(usize, usize)> = cands
        .iter()
        .filter(|c| c.kind == "aws-access-key-id")
        .map(|c| (c.start, c.end))
        .collect();
    for (s, e) in ids {
        let ws = floor_boundary(text, s.saturating_sub(300));
        let we = ceil_boundary(text, e + 300);
        let Some(hay) = text.get(ws..we) else {
            continue;
        };
        for m in re.find_iter(hay) {
            let (ms, me) = (m.start() + ws, m.end() + ws);
            let b = text.as_bytes();
            if (ms > 0 && Edge::B64.touches(b[ms - 1])) || (me < b.len() && Edge::B64.touches(b[me])) {
                continue;
            }
            let v = m.as_str();
            let upper = v.bytes().any(|c| c.is_ascii_uppercase());
            let lower = v.bytes().any(|c| c.is_ascii_lowercase());
            let other = v.bytes().any(|c| c.is_ascii_digit() || c == b'/' || c == b'+');
            if !(upper && lower && other) || super::shannon_entropy(v) < 4.0 || is_placeholder_strict(v) {
                continue;
            }
            cands.push(Cand {
                kind: "aws-secret-access-key",
                start: ms,
                end: me,
                conf: Confidence::High,
                priority: PRIO_PAIR,
            });
        }
    }
}

/// 32 hex characters next to a Twilio account SID are its auth token.
fn pair_twilio(text: &str, anchors: &[Cand], cands: &mut Vec<Cand>) {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let Some(re) = RE.get_or_init(|| Regex::new("[a-f0-9]{32}").ok()).as_ref() else {
        return;
    };
    for a in anchors.iter().filter(|a| a.kind == "twilio-auth-token") {
        let ws = floor_boundary(text, a.start.saturating_sub(200));
        let we = ceil_boundary(text, a.end + 200);
        let Some(hay) = text.get(ws..we) else {
            continue;
        };
        let b = text.as_bytes();
        for m in re.find_iter(hay) {
            let (ms, me) = (m.start() + ws, m.end() + ws);
            if (ms > 0 && Edge::Alnum.touches(b[ms - 1])) || (me < b.len() && Edge::Alnum.touches(b[me])) {
                continue;
            }
            if is_placeholder_strict(m.as_str()) || super::shannon_entropy(m.as_str()) < 3.0 {
                continue;
            }
            cands.push(Cand {
                kind: "twilio-auth-token",
                start: ms,
                end: me,
                conf: Confidence::High,
                priority: PRIO_PAIR,
            });
        }
    }
}

/// Keeps the best of overlapping candidates (confidence, then specificity,
/// then length) and returns them sorted by start.
fn resolve(mut cands: Vec<Cand>) -> Vec<SecretMatch> {
    cands.sort_by(|a, b| {
        b.conf
            .cmp(&a.conf)
            .then(a.priority.cmp(&b.priority))
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    let mut taken: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for (i, c) in cands.iter().enumerate() {
        if c.end <= c.start {
            continue;
        }
        let clash_before = taken
            .range(..=c.start)
            .next_back()
            .is_some_and(|(_, (e, _))| *e > c.start);
        let clash_after = taken.range(c.start..).next().is_some_and(|(s, _)| *s < c.end);
        if !clash_before && !clash_after {
            taken.insert(c.start, (c.end, i));
        }
    }
    taken
        .into_values()
        .map(|(_, i)| {
            let c = cands[i];
            SecretMatch {
                kind: c.kind,
                provider: kinds::provider_of(c.kind),
                start: c.start,
                end: c.end,
                confidence: c.conf,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_cover_common_spellings() {
        let v = variants("dd_api_key");
        for want in ["dd_api_key", "DD_API_KEY", "ddApiKey", "DdApiKey"] {
            assert!(v.iter().any(|x| x == want), "{want} missing from {v:?}");
        }
    }

    #[test]
    fn every_regex_compiles() {
        for (i, r) in RULES.iter().enumerate() {
            assert!(compiled(i).is_some(), "rule {} failed to compile", r.kind);
        }
    }

    #[test]
    fn text_without_keywords_yields_nothing() {
        assert!(scan(
            "plain words, numbers 12345 and punctuation.",
            Options { assignments: true }
        )
        .is_empty());
    }

    #[test]
    fn overlaps_keep_the_most_confident() {
        let c = |kind, start, end, conf, priority| Cand {
            kind,
            start,
            end,
            conf,
            priority,
        };
        let out = resolve(vec![
            c("generic-assignment", 0, 10, Confidence::Low, PRIO_ASSIGN),
            c("github-pat", 2, 10, Confidence::High, PRIO_RULE),
            c("jwt", 20, 30, Confidence::High, 50),
            c("supabase-service-role-key", 20, 30, Confidence::High, 40),
        ]);
        let kinds: Vec<&str> = out.iter().map(|m| m.kind).collect();
        assert_eq!(kinds, ["github-pat", "supabase-service-role-key"]);
    }
}
