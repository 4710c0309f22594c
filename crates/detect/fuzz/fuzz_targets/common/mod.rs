//! Invariants shared by the fuzz targets. Each check panics with a message naming the
//! broken promise, so libFuzzer reports it as a crash with the input that broke it.
#![allow(dead_code)]

use mcpward_detect::hidden::HiddenScan;
use mcpward_detect::injection::{ScanContext, Verdict};
use mcpward_detect::neutralize::{neutralize, neutralize_with, Mode};
use mcpward_detect::secrets::{self, Confidence, FingerprintKey, SecretMatch};
use mcpward_detect::verdict::level_for;
use std::borrow::Cow;

pub const CONTEXTS: [ScanContext; 6] = [
    ScanContext::ToolDescription,
    ScanContext::ParameterDescription,
    ScanContext::ToolResult,
    ScanContext::PromptText,
    ScanContext::ResourceText,
    ScanContext::ServerInstructions,
];

/// The first byte picks a scan context; the rest is the text (lossy UTF-8, as a proxy
/// would decode bytes it did not produce).
pub fn split(data: &[u8]) -> (ScanContext, Cow<'_, str>) {
    match data.split_first() {
        Some((&b, rest)) => (CONTEXTS[usize::from(b) % CONTEXTS.len()], String::from_utf8_lossy(rest)),
        None => (ScanContext::ToolResult, Cow::Borrowed("")),
    }
}

pub fn check_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(start <= end, "{what}: start {start} > end {end}");
    assert!(end <= text.len(), "{what}: end {end} beyond text length {}", text.len());
    assert!(
        text.is_char_boundary(start),
        "{what}: start {start} not on a char boundary"
    );
    assert!(text.is_char_boundary(end), "{what}: end {end} not on a char boundary");
}

fn count(hay: &str, needle: &str) -> usize {
    hay.match_indices(needle).count()
}

/// Matches are in bounds, sorted, disjoint; redaction and description never show them.
pub fn check_secrets(text: &str, found: &[SecretMatch]) {
    let key = FingerprintKey::new([7; 32]);
    let mut last_end = 0;
    for m in found {
        check_span(text, m.start, m.end, "secret match");
        assert!(m.start < m.end, "empty secret match at {}", m.start);
        assert!(
            m.start >= last_end,
            "secret matches overlap or are unsorted at {}",
            m.start
        );
        last_end = m.end;
        let secret = m.text(text);
        assert!(!secret.is_empty());
        if secret.chars().count() >= 3 {
            let r = secrets::redact(secret, m.kind);
            assert!(!r.contains(secret), "redaction {r:?} contains the {} secret", m.kind);
            // Besides the redaction, a description holds only the kind's name and a
            // fingerprint, which a short secret may be part of by chance ("aut" in
            // "basic-auth-url-password"): check its shape rather than search it.
            let d = secrets::describe(&key, secret, m.kind);
            let rest = d
                .strip_prefix(r.as_str())
                .unwrap_or_else(|| panic!("description {d:?} is not {r:?} first"));
            let fp = rest
                .strip_prefix(&format!(" ({}, fp:", m.kind))
                .and_then(|t| t.strip_suffix(')'))
                .unwrap_or_else(|| panic!("description {d:?} holds more than the redaction, kind and fingerprint"));
            assert!(
                fp.len() == 6 && fp.bytes().all(|b| b.is_ascii_hexdigit()),
                "fingerprint {fp:?} in {d:?}"
            );
        }
    }
    let redacted = secrets::redact_in(text, found);
    for m in found {
        let secret = m.text(text);
        if secret.len() >= 8 {
            assert!(
                count(&redacted, secret) < count(text, secret),
                "redact_in left the {} secret at {}..{} in place",
                m.kind,
                m.start,
                m.end
            );
        }
    }
}

/// Score and level agree; every span is in bounds; no evidence shows a secret that the
/// secrets engine finds in the whole text.
pub fn check_verdict(text: &str, v: &Verdict, secrets_in_text: &[SecretMatch]) {
    assert!(
        v.score.is_finite() && (0.0..=1.0).contains(&v.score),
        "score {}",
        v.score
    );
    assert_eq!(v.level, level_for(v.score), "level does not match score {}", v.score);
    for w in v.signals.windows(2) {
        assert!(w[0].span.start <= w[1].span.start, "signals not sorted by start");
    }
    for s in &v.signals {
        check_span(text, s.span.start, s.span.end, s.kind.id());
        assert!(
            s.weight.is_finite() && (0.0..=1.0).contains(&s.weight),
            "{} weight {}",
            s.kind.id(),
            s.weight
        );
        for m in secrets_in_text.iter().filter(|m| m.confidence >= Confidence::Medium) {
            let secret = m.text(text);
            if secret.len() >= 16 {
                // The same characters may stand elsewhere inside a longer token, which is
                // not this secret (nor any): only a free-standing occurrence counts.
                let ev = s.evidence.as_bytes();
                let free = s.evidence.match_indices(secret).any(|(at, _)| {
                    let before = at.checked_sub(1).map(|i| ev[i]);
                    let after = ev.get(at + secret.len()).copied();
                    !before.is_some_and(|b| b.is_ascii_alphanumeric())
                        && !after.is_some_and(|b| b.is_ascii_alphanumeric())
                });
                assert!(!free, "{} evidence shows a raw {} secret", s.kind.id(), m.kind);
                check_no_fragment(text, secret, m.kind, &s.evidence, s.kind.id());
            }
        }
    }
}

/// Evidence shows no 12-byte piece of `secret` that occurs nowhere else in the text (so
/// can only have come from the secret) and is not part of its redaction: a secret cut
/// by an excerpt leaks that way without ever appearing whole.
fn check_no_fragment(text: &str, secret: &str, kind: &str, evidence: &str, what: &str) {
    const PIECE: usize = 12;
    let redacted = secrets::redact(secret, kind);
    let mut at = 0;
    while at + PIECE <= secret.len() {
        if let Some(piece) = secret.get(at..at + PIECE) {
            if evidence.contains(piece) && !redacted.contains(piece) && count(text, piece) == count(secret, piece) {
                panic!("{what} evidence shows part of a {kind} secret");
            }
        }
        at += 4;
    }
}

pub fn check_hidden(text: &str, h: &HiddenScan) {
    for s in &h.signals {
        check_span(text, s.span.start, s.span.end, s.kind.id());
        assert!(s.weight.is_finite() && (0.0..=1.0).contains(&s.weight));
    }
    for r in &h.regions {
        check_span(text, r.start, r.end, "hidden region");
    }
    for p in &h.payloads {
        check_span(text, p.span.start, p.span.end, "decoded payload");
    }
}

/// Shown hidden content is visible, removal is idempotent, and text with nothing hidden
/// comes back untouched.
pub fn check_neutralize(text: &str) {
    let shown = neutralize(text);
    if let Cow::Borrowed(b) = &shown {
        assert_eq!(*b, text, "borrowed output differs from the input");
    }
    assert!(
        matches!(neutralize(&shown), Cow::Borrowed(_)),
        "neutralised text still has hidden content: {:?}",
        neutralize(&shown)
    );
    let removed = neutralize_with(text, Mode::Remove);
    let again = neutralize_with(&removed, Mode::Remove);
    assert_eq!(again, removed, "removal is not idempotent");
    assert!(removed.len() <= text.len(), "removal made the text longer");

    // The same text restricted to characters that are never hidden is left alone.
    let plain: String = text.chars().filter(|&c| is_plainly_visible(c)).collect();
    assert!(
        matches!(neutralize(&plain), Cow::Borrowed(_)),
        "plain text was changed: {plain:?}"
    );
    assert!(
        matches!(neutralize_with(&plain, Mode::Remove), Cow::Borrowed(_)),
        "plain text was changed: {plain:?}"
    );
}

/// Printable ASCII, tab, newline, and letters of scripts without invisible or
/// formatting characters (Latin-1 letters, Greek, Cyrillic, CJK ideographs).
fn is_plainly_visible(c: char) -> bool {
    matches!(c, ' '..='~' | '\t' | '\n')
        || matches!(c as u32, 0xC0..=0xFF | 0x0391..=0x03C9 | 0x0400..=0x04FF | 0x4E00..=0x9FFF)
}

pub fn check_normalize(text: &str) {
    let n = mcpward_detect::normalize::normalize(text);
    assert_eq!(n.text.len(), n.folded.len(), "folded view has a different length");
    let len = n.text.len();
    for (a, b) in [
        (0, len),
        (0, 1),
        (len / 3, len / 2),
        (len.saturating_sub(1), len),
        (len, len + 10),
    ] {
        let r = n.original_range(a..b);
        check_span(text, r.start, r.end, "normalised range");
    }
}
