//! The scanner. Keyword hits come from one pass of a byte classifier
//! (`prefilter.rs`) that marks the few places a finding can start, and the
//! Aho-Corasick automaton of every rule keyword runs only over small regions
//! around those marks (`gate.rs`); text without marks costs that one pass.
//! Without the vector classifier (non-x86 CPUs), the automaton walks every
//! byte instead; both give the same hits that matter, so the same results.
//! Each rule's regex then runs only over merged windows around its own
//! keyword hits, so the total regex work is linear in the text whatever the
//! input. Regexes are compiled once, lazily per rule, and use only bounded
//! repetitions.

use super::gate::{self, Found, Gate, Gates, WordUse};
use super::generic;
use super::placeholder::is_placeholder_strict;
use super::prefilter::Kernel;
use super::rules::{Edge, Pat, Rule, RULES};
use super::validate::{self, is_git_sha, is_uuid, Check};
use super::{kinds, Confidence, SecretMatch};
use aho_corasick::dfa::DFA;
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
    ac: Option<DFA>,
    /// Per keyword: what a hit asks for, and the classifier mark it needs.
    targets: Vec<Vec<(Target, Gate)>>,
    /// `None` if the keywords do not fit the classifier (then every byte is scanned).
    gates: Option<Gates>,
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
pub(crate) const PEM_MAX: usize = 16 * 1024;

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

/// Token rules whose keyword and token hold `.+/=~%$` (the `T2` alphabet);
/// every other prefix/token rule is `T1` (see `gate.rs`): its match is a run
/// of at least `gate::T1_MIN` bytes of `[A-Za-z0-9_-]` holding its keyword
/// (or starting at most `gate::T1_BEFORE` bytes after it). A new rule that
/// fits neither must be given its own gate.
const T2_KINDS: &[&str] = &[
    "slack-config-token",
    "slack-webhook-url",
    "stripe-webhook-secret",
    "google-oauth-refresh-token",
    "google-oauth-access-token",
    "azure-storage-account-key",
    "azure-shared-access-key",
    "azure-sas-token",
    "azure-ad-client-secret",
    "terraform-cloud-token",
    "doppler-token",
    "onepassword-service-account-token",
    "atlassian-api-token",
    "airtable-pat",
    "grafana-cloud-token",
    "grafana-api-key",
    "sentry-org-token",
    "planetscale-token",
    "flyio-token",
    "sendgrid-api-key",
    "discord-webhook-url",
    "teams-webhook-url",
    "braintree-access-token",
    "mapbox-secret-token",
    "dropbox-token",
    "jwt",
];

/// Credentials in URLs: every match holds an `@` (see `gate.rs`).
const AT_KINDS: &[&str] = &["database-url-password", "basic-auth-url-password", "sentry-dsn-secret"];

/// Named rules: the shortest run their value always holds, in the `T1`
/// alphabet (`[A-Za-z0-9_-]`) or, when marked, the `T2` one (`T1` and
/// `.+/=~%$`), read off the value regex in `rules.rs` (keep them in step).
/// A named rule missing here keeps all its keyword hits.
const NAMED_VALUE_RUNS: &[(&str, bool, usize)] = &[
    ("aws-secret-access-key", true, 40),
    ("aws-session-token", true, 100),
    ("azure-openai-key", false, 32),
    ("mistral-api-key", false, 32),
    ("cohere-api-key", false, 40),
    ("asana-pat", false, 32),
    ("datadog-api-key", false, 32),
    ("datadog-app-key", false, 40),
    ("algolia-api-key", false, 32),
    ("cloudflare-api-token", false, 40),
    ("cloudflare-global-api-key", false, 37),
    ("vercel-token", false, 24),
    ("netlify-token", false, 40),
    ("heroku-api-key", false, 36),
    ("snyk-token", false, 36),
    ("twilio-auth-token", false, 32),
    ("mailgun-api-key", false, 50),
    ("postmark-server-token", false, 36),
    ("okta-api-token", false, 42),
];

/// What a `Word`-gated target `t` needs before its hits can matter.
fn word_use(t: Target) -> WordUse {
    match t {
        Target::Assign => WordUse::Assign,
        Target::Rule(i) => match RULES.get(usize::from(i)) {
            Some(r) if matches!(r.pat, Pat::Named { .. }) => NAMED_VALUE_RUNS
                .iter()
                .find(|(kind, _, _)| *kind == r.kind)
                .map_or(WordUse::Always, |&(_, t2, min_run)| WordUse::Named {
                    t2,
                    min_run,
                    back: usize::from(r.back) + MARGIN,
                    span: r.span as usize + MARGIN,
                }),
            _ => WordUse::Always,
        },
        Target::Bearer | Target::Pem => WordUse::Always,
    }
}

/// The classifier mark a hit for `t` needs (see `gate.rs`).
fn gate_of(t: Target) -> Gate {
    match t {
        Target::Assign | Target::Bearer => Gate::Word,
        Target::Pem => Gate::Pem,
        Target::Rule(i) => match RULES.get(usize::from(i)) {
            Some(r) if matches!(r.pat, Pat::Named { .. }) => Gate::Word,
            Some(r) if AT_KINDS.contains(&r.kind) => Gate::At,
            Some(r) if r.kind == "discord-bot-token" => Gate::Discord,
            Some(r) if T2_KINDS.contains(&r.kind) => Gate::T2,
            _ => Gate::T1,
        },
    }
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
        let targets: Vec<Vec<(Target, Gate)>> = targets
            .into_iter()
            .map(|ts| ts.into_iter().map(|t| (t, gate_of(t))).collect())
            .collect();
        let uses: Vec<Vec<WordUse>> = targets
            .iter()
            .map(|ts| {
                ts.iter()
                    .filter(|(_, g)| *g == Gate::Word)
                    .map(|&(t, _)| word_use(t))
                    .collect()
            })
            .collect();
        let id = |w: &str| patterns.iter().position(|p| p == w);
        let gates = match (id("://"), id("sentry"), id(PEM_WORD)) {
            (Some(colon_slash), Some(sentry), Some(pem)) => Gates::new(
                &patterns,
                &uses,
                gate::Specials {
                    colon_slash,
                    sentry,
                    pem,
                },
            ),
            _ => None,
        };
        Engine {
            // Building from fixed literals cannot fail; if it ever did, the
            // scanner would report nothing rather than panic. A full DFA (about
            // 1 MiB for these keywords): where the automaton walks, it walks
            // every byte, and the default NFA walks it 2-3 times slower.
            ac: DFA::builder().prefilter(false).build(&patterns).ok(),
            targets,
            gates,
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

/// Keyword hits, sorted out by what they ask for.
#[derive(Default)]
struct Hits {
    windows: Vec<(u16, usize, usize)>,
    pem: Vec<usize>,
    assign: Vec<(usize, usize)>,
    bearer: Vec<(usize, usize)>,
}

impl Hits {
    /// Records a hit of keyword `pattern` at `start..end`: the targets it
    /// stands for when found that way (all of them when `None`).
    fn add(&mut self, eng: &Engine, opts: Options, found: Option<Found>, pattern: usize, start: usize, end: usize) {
        let Some(ts) = eng.targets.get(pattern) else {
            return;
        };
        for &(t, g) in ts {
            if found.is_some_and(|f| !f.covers(g)) {
                continue;
            }
            match t {
                Target::Rule(r) => {
                    let Some(rule) = RULES.get(usize::from(r)) else {
                        continue;
                    };
                    let ws = start.saturating_sub(usize::from(rule.back) + MARGIN);
                    let we = start.saturating_add(rule.span as usize + MARGIN);
                    self.windows.push((r, ws, we));
                }
                Target::Pem => self.pem.push(start),
                Target::Assign if opts.assignments => self.assign.push((start, end)),
                Target::Assign => {}
                Target::Bearer => self.bearer.push((start, end)),
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.windows.is_empty() && self.pem.is_empty() && self.assign.is_empty() && self.bearer.is_empty()
    }
}

/// Every keyword hit that can lead to a finding: through the classifier when
/// `kernel` is given, otherwise by walking the automaton over every byte.
fn gather(eng: &Engine, ac: &DFA, text: &str, opts: Options, kernel: Option<Kernel>) -> Hits {
    let mut hits = Hits::default();
    match (eng.gates.as_ref(), kernel) {
        (Some(gates), Some(kernel)) => {
            gates.collect(kernel, text.as_bytes(), ac, &mut |found, pattern, start, end| {
                hits.add(eng, opts, Some(found), pattern, start, end);
            });
        }
        _ => {
            gate::each_keyword(ac, text.as_bytes(), |pattern, start, end| {
                hits.add(eng, opts, None, pattern, start, end);
            });
        }
    }
    hits
}

/// Every secret in `text`, non-overlapping, sorted by start.
pub(crate) fn scan(text: &str, opts: Options) -> Vec<SecretMatch> {
    scan_using(text, opts, Kernel::best())
}

/// [`scan`] with the classifier `kernel`, or none (every byte through the automaton).
fn scan_using(text: &str, opts: Options, kernel: Option<Kernel>) -> Vec<SecretMatch> {
    let eng = engine();
    let Some(ac) = eng.ac.as_ref() else {
        return Vec::new();
    };
    let hits = gather(eng, ac, text, opts, kernel);
    if hits.is_empty() {
        return Vec::new();
    }
    let Hits {
        windows,
        pem: mut pem_hits,
        assign: assign_hits,
        bearer: bearer_hits,
    } = hits;

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
            if rule.left.touches_before(bytes, ms) {
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
            if Edge::B64.touches_before(b, ms) || (me < b.len() && Edge::B64.touches(b[me])) {
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
            if Edge::Alnum.touches_before(b, ms) || (me < b.len() && Edge::Alnum.touches(b[me])) {
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

    /// xorshift64*, so the inputs are the same on every run.
    fn next(state: &mut u64) -> u64 {
        *state ^= *state >> 12;
        *state ^= *state << 25;
        *state ^= *state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Text dense with everything the classifier keys on: every keyword in
    /// several cases, separators, token runs of every alphabet and length
    /// around the thresholds, URLs with credentials, PEM blocks, non-ASCII.
    fn dense_text(seed: u64, len: usize, keywords: &[String]) -> String {
        const ALPHABETS: &[&str] = &[
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            "0123456789abcdef",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-",
        ];
        const PIECES: &[&str] = &[
            " ",
            " ",
            "\n",
            "\n",
            "=",
            ": ",
            ":=",
            "=>",
            "\"",
            "'",
            "\\\"",
            "`",
            ",",
            ";",
            ".",
            "/",
            "@",
            "://",
            "Bearer ",
            "bearer  ",
            "token ",
            "-----BEGIN RSA PRIVATE KEY-----\n",
            "-----END RSA PRIVATE KEY-----",
            "https://user:",
            "postgres://admin:",
            "@db.example.com/x",
            "sentry.io",
            "é",
            "東京",
            "\u{200B}",
            "\t",
            "sv=2024-01-01&sr=b&sig=",
            "service_account",
            "my_",
            "_KEY",
            "Api",
            "SECRET_",
            "x-api-key",
            "AKIA",
            "MT",
            "NDk",
            "OD",
            ".",
            "Q~",
            ":AA",
            "NRAL",
            "-us1",
            "T3BlbkFJ",
            "eyJ",
            "eyJhbGciOiJIUzI1NiJ9",
        ];
        let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let mut out = String::new();
        while out.len() < len {
            match next(&mut s) % 10 {
                0..=2 => {
                    let k = &keywords[(next(&mut s) % keywords.len() as u64) as usize];
                    match next(&mut s) % 4 {
                        0 => out.push_str(&k.to_ascii_uppercase()),
                        1 => out.push_str(&k.to_ascii_lowercase()),
                        _ => out.push_str(k),
                    }
                }
                3..=5 => {
                    let a = ALPHABETS[(next(&mut s) % ALPHABETS.len() as u64) as usize].as_bytes();
                    let n = [
                        4u64, 8, 16, 19, 20, 21, 24, 29, 30, 31, 32, 36, 40, 43, 58, 59, 64, 86, 120,
                    ][(next(&mut s) % 19) as usize];
                    for _ in 0..n {
                        out.push(char::from(a[(next(&mut s) % a.len() as u64) as usize]));
                    }
                }
                _ => out.push_str(PIECES[(next(&mut s) % PIECES.len() as u64) as usize]),
            }
        }
        out
    }

    #[test]
    fn classifier_path_matches_the_full_scan() {
        let patterns: Vec<String> = {
            let mut v: Vec<String> = RULES
                .iter()
                .flat_map(|r| r.keywords.iter().map(|k| (*k).to_string()))
                .collect();
            v.extend(ASSIGN_WORDS.iter().map(|w| (*w).to_string()));
            v.extend(BEARER_WORDS.iter().map(|w| (*w).to_string()));
            v.push(PEM_WORD.to_string());
            v
        };
        assert!(engine().gates.is_some(), "every word-gated keyword holds a word");
        let mut kernels = vec![Kernel::Scalar];
        kernels.extend(Kernel::best());
        let mut findings = 0;
        for seed in 0..120u64 {
            let text = dense_text(seed, 64 + (seed as usize * 97) % 3000, &patterns);
            for assignments in [true, false] {
                let opts = Options { assignments };
                let full = scan_using(&text, opts, None);
                findings += full.len();
                for &k in &kernels {
                    assert_eq!(
                        scan_using(&text, opts, Some(k)),
                        full,
                        "seed {seed} {k:?} {assignments}"
                    );
                }
            }
        }
        assert!(findings > 100, "the inputs should hold findings ({findings})");
    }

    /// Matches the rules find only through a neighbouring keyword's window:
    /// a Discord token whose first keyword is 12 bytes in, a named rule's
    /// name in odd case. The classifier keeps those neighbours.
    #[test]
    fn classifier_keeps_the_keywords_that_stretch_windows() {
        let token = "MDAwMDAwMDAwMTIzNDU2Nzg5.AbCdEf.abcdefghijklmnopqrstuvwxyzABCDE";
        let mut found = 0;
        let mut kernels = vec![Kernel::Scalar];
        kernels.extend(Kernel::best());
        for gap in [0usize, 10, 20, 40, 70, 79, 80, 85, 86, 87, 88, 100] {
            let pad = " ".repeat(gap);
            for text in [
                format!("MT{pad}{token}"),
                format!("mistral{pad}mIsTrAl_API_kEy=Ab3dEf7hIj1kLm2nOp4qRs5tUv6wXy8z"),
                format!("mIsTrAl-key: Ab3dEf7hIj1kLm2nOp4qRs5tUv6wXy8z{pad}MISTRAL"),
            ] {
                let opts = Options { assignments: true };
                let full = scan_using(&text, opts, None);
                found += full.len();
                for &k in &kernels {
                    assert_eq!(scan_using(&text, opts, Some(k)), full, "{text}");
                }
            }
        }
        assert!(found > 10, "{found}");
    }

    #[test]
    fn token_rule_keywords_fit_their_alphabet() {
        let t1 = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
        let t2 = |c: u8| t1(c) || b".+/=~%$".contains(&c);
        for (i, r) in RULES.iter().enumerate() {
            for k in r.keywords {
                match gate_of(Target::Rule(i as u16)) {
                    // `hvs.` and `:AA` sit just before their token's run.
                    Gate::T1 if r.kind == "vault-token" || r.kind == "telegram-bot-token" => {}
                    Gate::T1 => assert!(k.bytes().all(t1), "{}: {k}", r.kind),
                    Gate::T2 | Gate::Discord => assert!(k.bytes().all(t2), "{}: {k}", r.kind),
                    _ => {}
                }
            }
        }
    }

    /// What the hand tables promise the gates (see [`T2_KINDS`] and `gate.rs`): every
    /// match of a `T1` rule holds a run of at least `T1_MIN` bytes of `[A-Za-z0-9_-]`, a
    /// `T2` rule's one of `T2_MIN` in that and `.+/=~%$`, and a named rule's value one as
    /// long as `NAMED_VALUE_RUNS` says, in the alphabet it says. Read off each rule's own
    /// regex, so a rule edited out of its table's shape (a shorter body, a new character
    /// in it) fails here instead of going quietly unscanned where the gate drops it.
    #[test]
    fn rule_regexes_hold_the_runs_their_gates_need() {
        use regex_syntax::hir::{Class, Hir, HirKind};
        let t1 = |c: u32| c < 0x80 && (char::from(c as u8).is_ascii_alphanumeric() || c == 0x5f || c == 0x2d);
        let t2 = |c: u32| t1(c) || (c < 0x80 && b".+/=~%$".contains(&(c as u8)));
        let mut bad = Vec::new();
        for (i, r) in RULES.iter().enumerate() {
            let (pattern, wide, need) = match (r.pat, gate_of(Target::Rule(i as u16))) {
                (Pat::Raw(p), Gate::T1) => (p, false, super::super::gate::T1_MIN),
                (Pat::Raw(p), Gate::T2) => (p, true, super::super::gate::T2_MIN),
                (Pat::Named { value, .. }, _) => match NAMED_VALUE_RUNS.iter().find(|(k, _, _)| *k == r.kind) {
                    Some(&(_, wide, run)) => (value, wide, run),
                    None => continue,
                },
                _ => continue,
            };
            let hir = regex_syntax::ParserBuilder::new()
                .build()
                .parse(pattern)
                .expect("rules parse");
            let ok: &dyn Fn(u32) -> bool = if wide { &t2 } else { &t1 };
            let run = Run::of(&hir, ok);
            // Token rules' keywords begin their matches, so the run must begin there;
            // these few hold theirs further in (a URL's host or path, `sig=`, `hvs.`,
            // `:AA`), and only the run's length is read here (the run after the keyword
            // is what the secrets tests' samples exercise).
            const KEYWORD_INSIDE: &[&str] = &[
                "slack-webhook-url",
                "discord-webhook-url",
                "teams-webhook-url",
                "azure-sas-token",
                "vault-token",
                "telegram-bot-token",
            ];
            let starts = matches!(r.pat, Pat::Raw(_)) && !KEYWORD_INSIDE.contains(&r.kind);
            let held = if starts { run.start } else { run.best };
            if held < need {
                bad.push(format!(
                    "{}: every match holds a run of {held}, the gate needs {need}",
                    r.kind
                ));
            }
        }
        assert!(bad.is_empty(), "rules out of their gate's shape: {bad:#?}");

        /// The run of alphabet bytes every match of a pattern is sure to hold: at its
        /// start, at its end, anywhere; whether the whole match is such a run; its
        /// shortest length.
        #[derive(Clone, Copy)]
        struct Run {
            start: usize,
            end: usize,
            best: usize,
            whole: bool,
            len: usize,
        }
        impl Run {
            fn all(len: usize) -> Run {
                Run {
                    start: len,
                    end: len,
                    best: len,
                    whole: true,
                    len,
                }
            }
            fn none(len: usize) -> Run {
                Run {
                    start: 0,
                    end: 0,
                    best: 0,
                    whole: false,
                    len,
                }
            }
            fn then(self, b: Run) -> Run {
                Run {
                    start: if self.whole { self.len + b.start } else { self.start },
                    end: if b.whole { b.len + self.end } else { b.end },
                    best: self.best.max(b.best).max(self.end + b.start),
                    whole: self.whole && b.whole,
                    len: self.len + b.len,
                }
            }
            fn or(self, b: Run) -> Run {
                Run {
                    start: self.start.min(b.start),
                    end: self.end.min(b.end),
                    best: self.best.min(b.best),
                    whole: self.whole && b.whole,
                    len: self.len.min(b.len),
                }
            }
            fn of(h: &Hir, ok: &dyn Fn(u32) -> bool) -> Run {
                let class = |ranges: Vec<(u32, u32)>| {
                    if ranges.iter().all(|&(lo, hi)| (lo..=hi).all(ok)) {
                        Run::all(1)
                    } else {
                        Run::none(1)
                    }
                };
                match h.kind() {
                    HirKind::Empty | HirKind::Look(_) => Run::all(0),
                    HirKind::Literal(l) => {
                        l.0.iter()
                            .map(|&b| if ok(u32::from(b)) { Run::all(1) } else { Run::none(1) })
                            .fold(Run::all(0), Run::then)
                    }
                    HirKind::Class(Class::Unicode(u)) => {
                        class(u.iter().map(|r| (r.start() as u32, r.end() as u32)).collect())
                    }
                    HirKind::Class(Class::Bytes(b)) => {
                        class(b.iter().map(|r| (u32::from(r.start()), u32::from(r.end()))).collect())
                    }
                    HirKind::Capture(c) => Run::of(&c.sub, ok),
                    HirKind::Repetition(rep) => {
                        let sub = Run::of(&rep.sub, ok);
                        match rep.min {
                            // May be empty: sure of nothing, and it may split a run.
                            0 if sub.whole => Run::all(0),
                            0 => Run::none(0),
                            n => (1..n).fold(sub, |acc, _| acc.then(sub)),
                        }
                    }
                    HirKind::Concat(v) => v.iter().map(|x| Run::of(x, ok)).fold(Run::all(0), Run::then),
                    HirKind::Alternation(v) => v.iter().map(|x| Run::of(x, ok)).reduce(Run::or).unwrap_or(Run::all(0)),
                }
            }
        }
    }

    #[test]
    fn every_named_rule_has_its_value_run() {
        // Without an entry a named rule still works, but its keywords are
        // then scanned around wherever they occur.
        for r in RULES.iter().filter(|r| matches!(r.pat, Pat::Named { .. })) {
            assert!(
                NAMED_VALUE_RUNS.iter().any(|(k, _, _)| *k == r.kind),
                "{} is missing from NAMED_VALUE_RUNS",
                r.kind
            );
        }
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
