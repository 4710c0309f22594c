//! Secrets with no known format, recognised by the name they are stored
//! under: `*_TOKEN`, `*_KEY`, `*_SECRET`, `PASSWORD`, `*_PAT`, `x-api-key`,
//! `Authorization: Bearer …`. Named values (env vars, headers) are judged at
//! medium confidence; `NAME=value` found inside free text at low confidence.

use super::placeholder::{is_placeholder_strict, segments};
use super::validate::{is_digest, is_uuid};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameClass {
    NotSecret,
    Password,
    Secret,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strictness {
    /// The value is known to sit under this name (config env, header).
    Named,
    /// The name and value were parsed out of free text.
    FreeText,
}

const PASSWORD_WORDS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "pwd",
    "pass",
    "passw",
    "dbpass",
    "dbpassword",
];

const SECRET_WORDS: &[&str] = &[
    "token",
    "secret",
    "secrets",
    "apikey",
    "key",
    "pat",
    "auth",
    "authorization",
    "credential",
    "credentials",
    "creds",
    "bearer",
    "accesstoken",
    "authtoken",
    "apitoken",
    "secretkey",
    "privatekey",
    "accesskey",
    "clientsecret",
    "sessiontoken",
    "signingkey",
    "masterkey",
    "encryptionkey",
    "privkey",
    "passkey",
    "jwt",
];

/// A last segment that makes the value metadata about a secret, not the secret.
const EXCLUDED_LAST: &[&str] = &[
    "id",
    "ids",
    "path",
    "paths",
    "file",
    "filename",
    "files",
    "dir",
    "directory",
    "url",
    "uri",
    "urls",
    "endpoint",
    "host",
    "hostname",
    "port",
    "name",
    "names",
    "type",
    "kind",
    "header",
    "prefix",
    "suffix",
    "format",
    "alg",
    "algorithm",
    "length",
    "len",
    "size",
    "ttl",
    "expiry",
    "expires",
    "expiration",
    "expire",
    "region",
    "version",
    "mode",
    "hint",
    "field",
    "env",
    "var",
    "count",
    "max",
    "min",
    "timeout",
    "enabled",
    "disabled",
    "enable",
    "disable",
    "required",
    "location",
    "ref",
    "store",
    "provider",
    "source",
    "policy",
    "usage",
    "limit",
    "limits",
    "user",
    "username",
    "email",
    "scope",
    "scopes",
    "audience",
    "issuer",
    "method",
    "strategy",
    "command",
    "cmd",
    "rotation",
    "rotated",
    "created",
    "updated",
    "age",
    "days",
    "label",
    "description",
    "desc",
    "help",
    "pattern",
    "regex",
    "template",
    "placeholder",
    "example",
    "sock",
    "socket",
    "helper",
    "level",
    "count",
    "budget",
];

/// Words that make a name public by design (publishable keys, anon keys).
const PUBLIC_WORDS: &[&str] = &["public", "publishable", "pub", "anon"];

/// Qualifiers that make `*_KEY` a lookup key rather than a credential.
const KEY_QUALIFIERS: &[&str] = &[
    "sort",
    "primary",
    "partition",
    "cache",
    "foreign",
    "idempotency",
    "hot",
    "lookup",
    "routing",
    "object",
    "dedup",
    "row",
    "map",
    "group",
    "hash",
    "index",
    "unique",
    "search",
    "composite",
    "shortcut",
    "keyboard",
    "translation",
    "i18n",
    "storage",
    "redis",
    "s3",
    "bucket",
    "cursor",
    "page",
    "next",
    "dedupe",
    "event",
    "metric",
];

const NON_SECRET_VALUES: &[&str] = &[
    "true", "false", "yes", "no", "on", "off", "enabled", "disabled", "default", "auto", "required", "optional",
    "none", "null", "stdin", "stdout", "keychain", "keyring", "prompt", "inherit",
];

/// `s` is one of `list` (ASCII case-insensitively; the lists are lowercase).
fn in_list(s: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(s))
}

/// `s` ends with `suffix` (ASCII case-insensitively).
fn ends_with_ci(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len() && s.as_bytes()[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// Whether a name (env var, header, JSON key) says its value is a secret.
pub(crate) fn classify_name(name: &str) -> NameClass {
    if name.is_empty() || name.len() > 128 {
        return NameClass::NotSecret;
    }
    // One pass over the segments, compared ASCII case-insensitively (as if
    // lowercased); the verdict below weighs what it saw in a fixed order.
    let mut last: Option<&str> = None;
    let (mut public, mut password, mut secret) = (false, false, false);
    for s in segments(name) {
        public |= in_list(s, PUBLIC_WORDS);
        // Joined lowercase names (`pgpassword`, `githubtoken`) end with the word.
        password |= in_list(s, PASSWORD_WORDS) || ends_with_ci(s, "password") || ends_with_ci(s, "passwd");
        let is_secret = in_list(s, SECRET_WORDS)
            || ["token", "secret", "apikey", "secretkey", "privatekey", "accesskey"]
                .iter()
                .any(|w| s.len() > w.len() && ends_with_ci(s, w));
        if is_secret {
            let qualified_key = s.eq_ignore_ascii_case("key") && last.is_some_and(|p| in_list(p, KEY_QUALIFIERS));
            secret |= !qualified_key;
        }
        last = Some(s);
    }
    let Some(last) = last else {
        return NameClass::NotSecret;
    };
    if in_list(last, EXCLUDED_LAST) || public {
        NameClass::NotSecret
    } else if password {
        NameClass::Password
    } else if secret {
        NameClass::Secret
    } else {
        NameClass::NotSecret
    }
}

/// Whether `v`, stored under a name of class `class`, looks like a real
/// credential rather than a setting, a path, a reference or a word.
pub(crate) fn accept_value(v: &str, class: NameClass, strict: Strictness) -> bool {
    let n = v.len();
    if n == 0 || n > 4096 || !v.is_ascii() || class == NameClass::NotSecret {
        return false;
    }
    if is_placeholder_strict(v) {
        return false;
    }
    // Identifiers, not credentials; providers that do issue UUID-shaped
    // tokens (Heroku, Postmark, Snyk) have their own named rules.
    if is_uuid(v) || is_digest(v) {
        return false;
    }
    if in_list(v, NON_SECRET_VALUES) || v.contains("://") || looks_like_path(v) || looks_like_email(v) {
        return false;
    }
    let has_space = v.bytes().any(|b| b.is_ascii_whitespace());
    let classes = char_classes(v);
    let has_digit = v.bytes().any(|b| b.is_ascii_digit());
    match class {
        NameClass::NotSecret => false,
        NameClass::Password => {
            if has_space {
                return strict == Strictness::Named && n >= 12;
            }
            match strict {
                Strictness::Named => n >= 6,
                Strictness::FreeText => n >= 8 && classes >= 2 && has_digit,
            }
        }
        NameClass::Secret => {
            if has_space || n < 16 || v.bytes().all(|b| b.is_ascii_digit()) {
                return false;
            }
            let e = super::shannon_entropy(v);
            if v.bytes().all(|b| b.is_ascii_hexdigit()) {
                return n >= 32 && e >= 3.0;
            }
            let min_entropy = match strict {
                Strictness::Named => 3.0,
                Strictness::FreeText => 3.3,
            };
            let enough_shape = has_digit || (strict == Strictness::Named && n >= 24 && e >= 3.5);
            classes >= 2 && e >= min_entropy && enough_shape
        }
    }
}

/// Lowercase, uppercase, digit, other: how many of the four occur.
fn char_classes(v: &str) -> usize {
    let mut c = [false; 4];
    for b in v.bytes() {
        let i = if b.is_ascii_lowercase() {
            0
        } else if b.is_ascii_uppercase() {
            1
        } else if b.is_ascii_digit() {
            2
        } else {
            3
        };
        c[i] = true;
    }
    c.iter().filter(|x| **x).count()
}

fn looks_like_path(v: &str) -> bool {
    let b = v.as_bytes();
    let rooted = v.starts_with('/')
        || v.starts_with("~/")
        || v.starts_with("./")
        || v.starts_with("../")
        || v.starts_with('\\')
        || (b.len() > 2 && b[0].is_ascii_alphabetic() && b[1] == b':' && (b[2] == b'\\' || b[2] == b'/'));
    let slashes = v.bytes().filter(|&c| c == b'/' || c == b'\\').count();
    rooted && !v.contains('+') && !v.contains('=') && (slashes >= 2 || v.contains('.'))
}

fn looks_like_email(v: &str) -> bool {
    match v.split_once('@') {
        Some((user, domain)) => !user.is_empty() && domain.contains('.') && !domain.contains('@'),
        None => false,
    }
}

/// Strips an HTTP auth scheme (`Bearer `, `Basic `, `token `, `Bot `) and
/// returns the offset where the credential starts.
fn after_scheme(v: &str) -> usize {
    for scheme in ["bearer", "basic", "token", "bot", "apikey"] {
        let n = scheme.len();
        let (Some(head), Some(sep)) = (v.get(..n), v.as_bytes().get(n)) else {
            continue;
        };
        if v.len() > n + 1 && head.eq_ignore_ascii_case(scheme) && sep.is_ascii_whitespace() {
            let rest = &v[n..];
            return n + (rest.len() - rest.trim_start().len());
        }
    }
    0
}

/// The generic secret in a named value: byte range into `value` and whether
/// the name was password-like.
pub(crate) fn named_value(name: &str, value: &str) -> Option<(usize, usize, NameClass)> {
    let class = classify_name(name);
    if class == NameClass::NotSecret {
        return None;
    }
    let trimmed = value.trim();
    let mut start = value.len() - value.trim_start().len();
    let mut end = start + trimmed.len();
    for q in [b'"', b'\''] {
        let b = value.as_bytes();
        if end - start >= 2 && b[start] == q && b[end - 1] == q {
            start += 1;
            end -= 1;
        }
    }
    start += after_scheme(&value[start..end]);
    let candidate = &value[start..end];
    accept_value(candidate, class, Strictness::Named).then_some((start, end, class))
}

/// Bytes allowed in a variable or key name.
pub(crate) fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
}

/// Bytes that end an unquoted value.
fn ends_value(b: u8) -> bool {
    b.is_ascii_whitespace()
        || matches!(
            b,
            b',' | b';' | b'&' | b')' | b'(' | b']' | b'[' | b'}' | b'{' | b'"' | b'\'' | b'<' | b'>' | b'`' | b'\\'
        )
}

pub(crate) const MAX_NAME: usize = 64;
const MAX_VALUE: usize = 512;

/// Parses `NAME = value` around a name keyword found at `hit..hit_end`:
/// returns the name's span (so other keywords inside the same name are not
/// parsed again) and the accepted value's span. Handles env/shell, JSON (also
/// escaped), YAML, TOML and header forms.
pub(crate) fn assignment_at(text: &str, hit: usize, hit_end: usize) -> (Option<Span>, Option<Span>) {
    match parse_assignment(text, hit, hit_end) {
        Some((name, value)) => (Some(name), value),
        None => (None, None),
    }
}

/// A byte range into the scanned text.
type Span = (usize, usize);
type Parsed = (Span, Option<Span>);

fn parse_assignment(text: &str, hit: usize, hit_end: usize) -> Option<Parsed> {
    let b = text.as_bytes();
    let mut ns = hit;
    while ns > 0 && hit - ns < MAX_NAME && is_name_byte(b[ns - 1]) {
        ns -= 1;
    }
    let mut ne = hit_end;
    while ne < b.len() && ne - hit_end < MAX_NAME && is_name_byte(b[ne]) {
        ne += 1;
    }
    // A name glued to more name characters than we looked at is not a name.
    if (ns > 0 && is_name_byte(b[ns - 1])) || (ne < b.len() && is_name_byte(b[ne])) {
        return None;
    }
    let name = text.get(ns..ne)?;
    // Without a separator there is no value whatever the name says: the
    // cheap test first.
    if !separator_after_name(b, ne) {
        return Some(((ns, ne), None));
    }
    let class = classify_name(name);
    if class == NameClass::NotSecret {
        return Some(((ns, ne), None));
    }
    Some(((ns, ne), value_after(text, class, ne)))
}

/// Whether a name ending at `ne` is followed by a separator, as
/// [`value_after`] requires before it looks for a value.
pub(crate) fn separator_after_name(b: &[u8], ne: usize) -> bool {
    separator_at(b, skip_blanks(b, skip_quote(b, ne))).is_some()
}

/// Length of the `=`, `:=`, `=>` or `:` separator at `p` (not `==` or `::`).
fn separator_at(b: &[u8], p: usize) -> Option<usize> {
    match (b.get(p), b.get(p + 1)) {
        (Some(b':'), Some(b'=')) | (Some(b'='), Some(b'>')) => Some(2),
        (Some(b'='), Some(b'=')) | (Some(b':'), Some(b':')) => None,
        (Some(b'=' | b':'), _) => Some(1),
        _ => None,
    }
}

/// The accepted value after a secret-like name ending at `ne`.
fn value_after(text: &str, class: NameClass, ne: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut p = ne;
    p = skip_quote(b, p);
    p = skip_blanks(b, p);
    let sep_len = separator_at(b, p)?;
    p = skip_blanks(b, p + sep_len);
    let (mut vs, ve) = match quote_at(b, p) {
        Some((q, after)) => {
            let close = find_close(b, after, q)?;
            (after, close)
        }
        None => {
            let mut e = p;
            while e < b.len() && e - p < MAX_VALUE && !ends_value(b[e]) {
                e += 1;
            }
            if e - p >= MAX_VALUE {
                return None;
            }
            // `Authorization: Bearer xyz`: the scheme is followed by the value.
            if e < b.len() && b[e] == b' ' {
                let word = text.get(p..e)?;
                if ["bearer", "basic", "token", "bot"]
                    .iter()
                    .any(|s| word.eq_ignore_ascii_case(s))
                {
                    let s2 = skip_blanks(b, e);
                    let mut e2 = s2;
                    while e2 < b.len() && e2 - s2 < MAX_VALUE && !ends_value(b[e2]) {
                        e2 += 1;
                    }
                    return accept(text, class, s2, e2);
                }
            }
            (p, e)
        }
    };
    vs += after_scheme(text.get(vs..ve)?);
    accept(text, class, vs, ve)
}

fn accept(text: &str, class: NameClass, vs: usize, ve: usize) -> Option<(usize, usize)> {
    let v = text.get(vs..ve)?;
    accept_value(v, class, Strictness::FreeText).then_some((vs, ve))
}

fn skip_blanks(b: &[u8], mut p: usize) -> usize {
    let start = p;
    while p < b.len() && p - start < 4 && (b[p] == b' ' || b[p] == b'\t') {
        p += 1;
    }
    p
}

/// Skips a closing quote after a name, also the escaped `\"` of JSON in JSON.
fn skip_quote(b: &[u8], p: usize) -> usize {
    match (b.get(p), b.get(p + 1)) {
        (Some(b'\\'), Some(b'"' | b'\'')) => p + 2,
        (Some(b'"' | b'\''), _) => p + 1,
        _ => p,
    }
}

/// An opening quote at `p`: the quote byte and where the value starts.
fn quote_at(b: &[u8], p: usize) -> Option<(u8, usize)> {
    match (b.get(p), b.get(p + 1)) {
        (Some(b'\\'), Some(&q @ (b'"' | b'\''))) => Some((q, p + 2)),
        (Some(&q @ (b'"' | b'\'' | b'`')), _) => Some((q, p + 1)),
        _ => None,
    }
}

fn find_close(b: &[u8], from: usize, q: u8) -> Option<usize> {
    let end = (from + MAX_VALUE).min(b.len());
    let mut i = from;
    while i < end {
        if b[i] == q {
            // `\"` closes an escaped JSON string.
            return Some(if i > from && b[i - 1] == b'\\' { i - 1 } else { i });
        }
        if b[i] == b'\n' {
            return None;
        }
        i += 1;
    }
    None
}

/// Token after `Bearer ` at `after` (the keyword's end): its span when it
/// looks like a credential.
pub(crate) fn bearer_at(text: &str, hit: usize, after: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    if hit > 0 && b[hit - 1].is_ascii_alphanumeric() {
        return None;
    }
    let s = skip_blanks(b, after);
    let mut e = s;
    while e < b.len()
        && e - s < 4096
        && (b[e].is_ascii_alphanumeric() || matches!(b[e], b'.' | b'_' | b'~' | b'+' | b'/' | b'=' | b'-'))
    {
        e += 1;
    }
    let tok = text.get(s..e)?;
    if tok.len() < 20 || e - s >= 4096 || is_placeholder_strict(tok) || is_uuid(tok) || is_digest(tok) {
        return None;
    }
    (char_classes(tok) >= 2 && super::shannon_entropy(tok) >= 3.0).then_some((s, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        use NameClass::*;
        for (n, c) in [
            ("GITHUB_TOKEN", Secret),
            ("GITHUB_PERSONAL_ACCESS_TOKEN", Secret),
            ("OPENAI_API_KEY", Secret),
            ("x-api-key", Secret),
            ("Authorization", Secret),
            ("apiKey", Secret),
            ("APIKEY", Secret),
            ("clientSecret", Secret),
            ("GITLAB_PAT", Secret),
            ("DB_PASSWORD", Password),
            ("PGPASSWORD", Password),
            ("githubtoken", Secret),
            ("MAX_TOKENS", NotSecret),
            ("TOKEN_URL", NotSecret),
            ("AWS_ACCESS_KEY_ID", NotSecret),
            ("STRIPE_PUBLISHABLE_KEY", NotSecret),
            ("SORT_KEY", NotSecret),
            ("PASSWORD_FILE", NotSecret),
            ("HOME", NotSecret),
        ] {
            assert_eq!(classify_name(n), c, "{n}");
        }
    }

    #[test]
    fn values() {
        use NameClass::*;
        use Strictness::*;
        assert!(accept_value("q8Zr2LmX9vT4kP7wN3bY6cJ1", Secret, Named));
        assert!(!accept_value("${GITHUB_TOKEN}", Secret, Named));
        assert!(!accept_value("/home/me/.config/token.json", Secret, Named));
        assert!(!accept_value("true", Secret, Named));
        assert!(!accept_value("process.env.OPENAI_API_KEY", Secret, FreeText));
        assert!(accept_value("hunter2x", Password, Named));
        assert!(!accept_value("hunter", Password, FreeText));
        assert!(!accept_value("550e8400-e29b-41d4-a716-446655440000", Secret, Named));
        assert!(!accept_value("550e8400-e29b-41d4-a716-446655440000", Secret, FreeText));
        // A key fingerprint (and a commit) is an identifier; mixed case is not a digest.
        let fingerprint = "9554F04D7259F04124DE6B476D5A82AC7E37093B";
        assert!(!accept_value(fingerprint, Secret, FreeText));
        assert!(!accept_value(&fingerprint.to_ascii_lowercase(), Secret, FreeText));
        let mixed: String = fingerprint
            .chars()
            .enumerate()
            .map(|(i, c)| if i % 3 == 0 { c.to_ascii_lowercase() } else { c })
            .collect();
        assert!(accept_value(&mixed, Secret, FreeText));
    }

    #[test]
    fn assignments_in_text() {
        let t = r#"config: {"api_key": "q8Zr2LmX9vT4kP7wN3bY6cJ1", "max_tokens": 4096}"#;
        let hit = t.find("api_key").unwrap_or(0);
        let (s, e) = assignment_at(t, hit, hit + 7).1.unwrap_or((0, 0));
        assert_eq!(&t[s..e], "q8Zr2LmX9vT4kP7wN3bY6cJ1");
        let t2 = "Authorization: Bearer q8Zr2LmX9vT4kP7wN3bY6cJ1";
        let h2 = t2.find("Authorization").unwrap_or(0);
        let (s2, e2) = assignment_at(t2, h2, h2 + 13).1.unwrap_or((0, 0));
        assert_eq!(&t2[s2..e2], "q8Zr2LmX9vT4kP7wN3bY6cJ1");
        assert!(assignment_at("if token == other", 3, 8).1.is_none());
    }
}
