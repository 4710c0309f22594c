//! Credential detection, redaction and keyed fingerprints.
//!
//! API contract used by the rest of mcpward (keep it stable):
//! - [`scan_text`]: every known-format secret in free text (args, URLs, files).
//! - [`scan_named_value`]: a value under a name (`GITHUB_TOKEN=...`, a header):
//!   known formats first, then high-entropy values under secret-like names.
//! - [`is_placeholder`]: `<your-token>`, `YOUR_API_KEY`, `xxxx`, `changeme`...
//! - [`redact`] / [`describe`]: `ghp_…a1b2` and `ghp_…a1b2 (github-pat, fp:3f9c1e)`.
//! - [`FingerprintKey`] / [`fingerprint`]: HMAC-SHA256, so a secret can be recognised
//!   later without being stored.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How sure a match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// High entropy under a secret-like name, no known format.
    Medium,
    /// A provider's documented format (prefix, length, alphabet, checksum).
    High,
}

/// One secret found, by byte range into the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretMatch {
    /// Stable kebab-case kind, e.g. `github-pat`, `aws-access-key-id`, `generic-secret`.
    pub kind: &'static str,
    /// Human name of the provider, e.g. `GitHub`.
    pub provider: &'static str,
    pub start: usize,
    pub end: usize,
    pub confidence: Confidence,
}

impl SecretMatch {
    pub fn text<'t>(&self, haystack: &'t str) -> &'t str {
        &haystack[self.start..self.end]
    }
}

/// A 32-byte key for [`fingerprint`]. The CLI keeps one per installation.
#[derive(Clone)]
pub struct FingerprintKey([u8; 32]);

impl FingerprintKey {
    pub fn new(bytes: [u8; 32]) -> Self {
        FingerprintKey(bytes)
    }
}

impl std::fmt::Debug for FingerprintKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FingerprintKey(…)")
    }
}

/// Keyed fingerprint of a secret: lowercase hex HMAC-SHA256 (64 chars).
pub fn fingerprint(key: &FingerprintKey, secret: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key.0).expect("HMAC accepts any key length");
    mac.update(secret.as_bytes());
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// Shows a secret's recognisable prefix and last four characters only:
/// `ghp_…a1b2`. Short secrets show no tail at all.
pub fn redact(secret: &str, _kind: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    let prefix_len = known_prefix_len(secret).min(chars.len() / 3);
    let prefix: String = chars[..prefix_len].iter().collect();
    if chars.len() < 16 {
        return format!("{prefix}…");
    }
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{prefix}…{tail}")
}

/// `ghp_…a1b2 (github-pat, fp:3f9c1e)`: the form secrets take in every output.
pub fn describe(key: &FingerprintKey, secret: &str, kind: &str) -> String {
    let fp = fingerprint(key, secret);
    format!("{} ({kind}, fp:{})", redact(secret, kind), &fp[..6])
}

fn known_prefix_len(secret: &str) -> usize {
    const PREFIXES: &[&str] = &[
        "github_pat_",
        "ghp_",
        "gho_",
        "ghu_",
        "ghs_",
        "ghr_",
        "glpat-",
        "xoxb-",
        "xoxp-",
        "sk-ant-",
        "sk-",
        "AKIA",
    ];
    PREFIXES.iter().find(|p| secret.starts_with(**p)).map_or(0, |p| p.len())
}

/// Every known-format secret in `text`.
pub fn scan_text(text: &str) -> Vec<SecretMatch> {
    let mut out = Vec::new();
    for (kind, provider, re) in patterns() {
        for m in re.find_iter(text) {
            if !is_placeholder(m.as_str()) {
                out.push(SecretMatch {
                    kind,
                    provider,
                    start: m.start(),
                    end: m.end(),
                    confidence: Confidence::High,
                });
            }
        }
    }
    out.sort_by_key(|m| m.start);
    out
}

/// Secrets in a value that is stored under `name` (an env var or header name).
pub fn scan_named_value(name: &str, value: &str) -> Vec<SecretMatch> {
    let found = scan_text(value);
    if !found.is_empty() {
        return found;
    }
    let upper = name.to_ascii_uppercase();
    let secret_like = [
        "TOKEN",
        "KEY",
        "SECRET",
        "PASSWORD",
        "PASSWD",
        "AUTHORIZATION",
        "CREDENTIAL",
    ]
    .iter()
    .any(|w| upper.contains(w));
    let candidate = value.trim().strip_prefix("Bearer ").unwrap_or(value.trim());
    if secret_like && candidate.len() >= 12 && !is_placeholder(candidate) && shannon_entropy(candidate) >= 3.0 {
        let start = value.find(candidate).unwrap_or(0);
        return vec![SecretMatch {
            kind: "generic-secret",
            provider: "generic",
            start,
            end: start + candidate.len(),
            confidence: Confidence::Medium,
        }];
    }
    Vec::new()
}

/// True for values that stand in for a secret rather than being one.
pub fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    let lower = v.to_ascii_lowercase();
    v.is_empty()
        || v.starts_with('<') && v.ends_with('>')
        || lower.contains("your_")
        || lower.contains("your-")
        || lower.contains("xxxx")
        || ["changeme", "placeholder", "example", "redacted", "dummy"]
            .iter()
            .any(|w| lower.contains(w))
        || v.contains("${")
        || v.ends_with("...")
        || v.ends_with('…')
}

/// Shannon entropy in bits per character.
pub fn shannon_entropy(s: &str) -> f64 {
    let mut counts = [0u32; 256];
    for b in s.bytes() {
        counts[b as usize] += 1;
    }
    let n = s.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / n;
            -p * p.log2()
        })
        .sum()
}

fn patterns() -> &'static [(&'static str, &'static str, regex::Regex)] {
    use std::sync::OnceLock;
    static P: OnceLock<Vec<(&'static str, &'static str, regex::Regex)>> = OnceLock::new();
    P.get_or_init(|| {
        [
            ("github-pat", "GitHub", r"\bghp_[A-Za-z0-9]{36}\b"),
            ("github-fine-grained-pat", "GitHub", r"\bgithub_pat_[A-Za-z0-9_]{82}\b"),
            ("aws-access-key-id", "AWS", r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b"),
            (
                "slack-bot-token",
                "Slack",
                r"\bxoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24}\b",
            ),
            (
                "anthropic-api-key",
                "Anthropic",
                r"\bsk-ant-api03-[A-Za-z0-9_\-]{93}AA\b",
            ),
        ]
        .into_iter()
        .map(|(k, p, re)| (k, p, regex::Regex::new(re).expect("static pattern")))
        .collect()
    })
}
