//! Credential detection, redaction and keyed fingerprints.
//!
//! API contract used by the rest of mcpward (keep it stable):
//! - [`scan_text`]: every known-format secret in free text (args, URLs, files,
//!   tool results), plus `NAME=value` assignments with secret-like names at
//!   low confidence.
//! - [`scan_named_value`]: a value under a name (`GITHUB_TOKEN=...`, a header):
//!   known formats first, then high-entropy values under secret-like names.
//! - [`is_placeholder`]: `<your-token>`, `YOUR_API_KEY`, `xxxx`, `changeme`...
//! - [`redact()`] / [`redact_in`] / [`describe`]: `ghp_…a1b2` and
//!   `ghp_…a1b2 (github-pat, fp:3f9c1e)`.
//! - [`FingerprintKey`] / [`fingerprint`]: HMAC-SHA256, so a secret can be recognised
//!   later without being stored.
//! - [`kind_info`] / [`all_kinds`]: provider, description and rotation hint of
//!   every kind.
//!
//! Scanning is one pass of a vectorised byte classifier that marks where a
//! rule keyword could lead to a finding (`prefilter.rs`, `gate.rs`); the
//! Aho-Corasick automaton of the rules' keywords runs only around those marks
//! (over every byte on CPUs without the classifier), and regexes run only
//! around keyword hits (see `engine.rs`). Time is linear in the input; no
//! input makes it panic, and every offset it returns is on a char boundary.

mod engine;
mod gate;
mod generic;
mod kinds;
mod placeholder;
mod prefilter;
mod redact;
mod rules;
mod validate;

use hmac::{Hmac, Mac};
use sha2::Sha256;

pub(crate) use engine::PEM_MAX;
pub use kinds::{all_kinds, kind_info, KindInfo, SeverityHint};
pub use placeholder::is_placeholder;
pub use redact::{describe, redact, redact_in};

/// How sure a match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// A secret-like `NAME=value` assignment found inside free text.
    Low,
    /// High entropy under a secret-like name, no known format; or a known
    /// format whose checksum did not verify.
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
    /// The secret itself (empty if the range does not belong to `haystack`).
    pub fn text<'t>(&self, haystack: &'t str) -> &'t str {
        haystack.get(self.start..self.end).unwrap_or("")
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
    use std::fmt::Write;
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key.0).expect("HMAC accepts any key length");
    mac.update(secret.as_bytes());
    let mut out = String::with_capacity(64);
    for b in mac.finalize().into_bytes() {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Every secret in `text`: known formats (high confidence, medium when a
/// checksum fails), bearer tokens (medium) and secret-like `NAME=value`
/// assignments (low). Non-overlapping, sorted by start.
pub fn scan_text(text: &str) -> Vec<SecretMatch> {
    engine::scan(text, engine::Options { assignments: true })
}

/// Secrets in a value that is stored under `name` (an env var or header name).
/// Offsets are into `value`. Known formats win; otherwise a value under a
/// secret-like name that looks like a credential is reported at medium
/// confidence (`generic-secret`, or `generic-password` for password names).
pub fn scan_named_value(name: &str, value: &str) -> Vec<SecretMatch> {
    // Scanning `NAME=value` lets the rules that key on the name (Datadog,
    // Azure, legacy Cloudflare...) see it; matches inside the name are dropped.
    let mut combined = String::with_capacity(name.len() + 1 + value.len());
    combined.push_str(name);
    combined.push('=');
    combined.push_str(value);
    let off = name.len() + 1;
    let found: Vec<SecretMatch> = engine::scan(&combined, engine::Options { assignments: false })
        .into_iter()
        .filter(|m| m.start >= off)
        .map(|m| SecretMatch {
            start: m.start - off,
            end: m.end - off,
            ..m
        })
        .collect();
    if !found.is_empty() {
        return found;
    }
    if let Some((start, end, class)) = generic::named_value(name, value) {
        let kind = if class == generic::NameClass::Password {
            "generic-password"
        } else {
            "generic-secret"
        };
        return vec![SecretMatch {
            kind,
            provider: "generic",
            start,
            end,
            confidence: Confidence::Medium,
        }];
    }
    // Assignments inside the value (`Server=db;Password=...`).
    scan_text(value)
}

/// Compiles every rule now rather than on first use. Optional: long-running
/// callers (the proxy) call it at start so no tool result pays compile time.
pub fn warm() {
    engine::warm();
}

/// Shannon entropy in bits per character.
pub fn shannon_entropy(s: &str) -> f64 {
    if s.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for b in s.bytes() {
        counts[b as usize] += 1;
    }
    let n = s.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_bounds() {
        assert_eq!(shannon_entropy(""), 0.0);
        assert_eq!(shannon_entropy("aaaa"), 0.0);
        assert!((shannon_entropy("abcd") - 2.0).abs() < 1e-9);
    }

    #[test]
    fn fingerprint_is_keyed_hex() {
        let a = fingerprint(&FingerprintKey::new([1; 32]), "s");
        let b = fingerprint(&FingerprintKey::new([2; 32]), "s");
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
    }

    #[test]
    fn describe_shape() {
        let k = FingerprintKey::new([7; 32]);
        let d = describe(&k, "ghp_0123456789abcdefghijklmnopqrstuvwxyz", "github-pat");
        assert!(d.starts_with("ghp_…wxyz (github-pat, fp:"), "{d}");
        assert!(!d.contains("0123"));
    }
}
