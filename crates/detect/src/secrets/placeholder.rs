//! Values that stand in for a secret: variable references, masks, template
//! words, documented example keys, and strings with too little information to
//! be a credential. Precise rules only: the word `example` inside a random
//! token must not turn a real leak into a "placeholder".

use super::validate::{is_digest, is_uuid};

/// Keys published in provider documentation. Matching them is noise.
const DOCUMENTED_EXAMPLES: &[&str] = &[
    "AKIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "AKIAI44QH8DHBEXAMPLE",
    "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
    "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
    "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
    "sk_test_26PHem9AhJZvU623DfE1x4sd",
    "rk_test_26PHem9AhJZvU623DfE1x4sd",
    "pk_test_TYooMQauvdEDq54NiTphI7jx",
    "whsec_1234567890abcdef",
    "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    "gho_16C7e42F292c6912E7710c838347Ae178B4a",
    "ghp_abcdefghijklmnopqrstuvwxyzABCD012345",
];

/// Whole values that carry no secret (case-insensitive).
const LOW_INFORMATION: &[&str] = &[
    "token",
    "secret",
    "password",
    "passwd",
    "apikey",
    "api_key",
    "api-key",
    "key",
    "none",
    "null",
    "nil",
    "undefined",
    "empty",
    "string",
    "value",
    "test",
    "testing",
    "demo",
    "foo",
    "bar",
    "baz",
    "foobar",
    "admin",
    "root",
    "guest",
    "user",
    "pass",
    "changeit",
    "letmein",
    "default",
    "n/a",
    "na",
    "tbd",
    "todo",
    "true",
    "false",
    "secret_key",
    "access_token",
    "auth_token",
    "bearer",
    "my-token",
    "my_token",
    "mytoken",
    "mysecret",
    "mypassword",
    "supersecret",
    "s3cr3t",
];

/// Segments (split on punctuation and lower→upper case changes) that mark a
/// template value. Four letters or more, so a random token hits one by chance
/// with negligible probability.
const TEMPLATE_WORDS: &[&str] = &[
    "your",
    "yours",
    "example",
    "examples",
    "examplekey",
    "sample",
    "dummy",
    "fake",
    "placeholder",
    "redacted",
    "changeme",
    "replaceme",
    "replace",
    "insert",
    "here",
    "todo",
    "fixme",
    "mock",
    "foobar",
    "xxxx",
    "xxxxx",
    "xxxxxx",
    "demo",
];

/// Reference syntaxes resolved by a client or secret manager at launch.
const REFERENCE_PREFIXES: &[&str] = &[
    "op://",
    "env:",
    "keyring:",
    "file:",
    "cmd:",
    "vault:",
    "secret:",
    "secretref:",
    "awssm:",
    "arn:aws:secretsmanager:",
    "arn:aws:ssm:",
    "sm://",
    "gcpsm://",
    "azkv://",
    "ref+",
    "bw://",
    "doppler://",
    "infisical://",
];

/// True for values that stand in for a secret rather than being one, and for
/// values that are identifiers rather than credentials (UUIDs, git SHAs, SHA-1 digests
/// and key fingerprints, in either case).
/// Under an explicit secret name, [`super::scan_named_value`] still flags a
/// UUID or SHA-shaped value: some providers issue tokens of that shape.
pub fn is_placeholder(value: &str) -> bool {
    let v = strip_quotes(value.trim());
    is_placeholder_strict(v) || is_uuid(v) || is_digest(v)
}

/// [`is_placeholder`] without the identifier shapes.
pub(crate) fn is_placeholder_strict(value: &str) -> bool {
    let v = strip_quotes(value.trim());
    if v.is_empty() {
        return true;
    }
    if DOCUMENTED_EXAMPLES.contains(&v) || is_reference(v) || is_masked(v) {
        return true;
    }
    let lower = v.to_ascii_lowercase();
    if LOW_INFORMATION.contains(&lower.as_str()) {
        return true;
    }
    // AWS documentation marks every sample credential with an EXAMPLE suffix.
    if v.ends_with("EXAMPLE") || v.ends_with("EXAMPLEKEY") {
        return true;
    }
    if has_template_word(v) {
        return true;
    }
    let body = strip_known_prefix(v);
    low_information_body(body) || is_glued_template(body)
}

fn strip_quotes(v: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

fn is_reference(v: &str) -> bool {
    if v.contains("${") || (v.contains("{{") && v.contains("}}")) {
        return true;
    }
    let b = v.as_bytes();
    // $VAR, $(cmd), $env:X — but not a bcrypt hash ($2b$...).
    if b.first() == Some(&b'$')
        && b.get(1)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_' || *c == b'(')
    {
        return true;
    }
    // %VAR% (Windows).
    if b.len() > 2 && b[0] == b'%' && b[b.len() - 1] == b'%' && is_identifier(&v[1..v.len() - 1]) {
        return true;
    }
    // <your-token>, [YOUR_TOKEN], {token}, and sk-<key> style fill-ins.
    if let (Some(open), Some(close)) = (v.find('<'), v.rfind('>')) {
        if open < close {
            return true;
        }
    }
    if b.len() > 2 {
        let (first, last) = (b[0], b[b.len() - 1]);
        if matches!((first, last), (b'[', b']') | (b'{', b'}')) && is_identifier(&v[1..v.len() - 1]) {
            return true;
        }
    }
    let lower = v.to_ascii_lowercase();
    REFERENCE_PREFIXES.iter().any(|p| lower.starts_with(p))
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b':' | b' '))
}

/// Ellipses, asterisks, bullets and runs of x: the value was masked or elided.
fn is_masked(v: &str) -> bool {
    if v.contains("...") || v.contains('…') || v.contains("***") || v.contains("••") || v.contains("###") {
        return true;
    }
    let mut run = 0usize;
    let mut longest = 0usize;
    let mut xs = 0usize;
    for c in v.bytes() {
        if c == b'x' || c == b'X' {
            run += 1;
            xs += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    // A run of six x's is ~1e-8 likely in a random base62 token; four x's plus
    // a high share of x's catches `xxxx-1234-xxxx` shapes.
    longest >= 6 || (longest >= 4 && xs * 4 >= v.len())
}

/// Splits on non-alphanumerics and on lower→upper case changes.
pub(crate) fn segments(v: &str) -> Segments<'_> {
    Segments { v, pos: 0 }
}

/// Iterator of [`segments`]; allocates nothing.
pub(crate) struct Segments<'a> {
    v: &'a str,
    pos: usize,
}

impl<'a> Iterator for Segments<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let b = self.v.as_bytes();
        let mut i = self.pos;
        while i < b.len() && !b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i >= b.len() {
            self.pos = i;
            return None;
        }
        let start = i;
        i += 1;
        while i < b.len()
            && b[i].is_ascii_alphanumeric()
            && !(b[i - 1].is_ascii_lowercase() && b[i].is_ascii_uppercase())
        {
            i += 1;
        }
        self.pos = i;
        // Both ends sit next to ASCII bytes (or the ends of `v`): char boundaries.
        self.v.get(start..i)
    }
}

fn has_template_word(v: &str) -> bool {
    segments(v).any(|s| {
        s.len() >= 4 && s.len() <= 11 && {
            let lower = s.to_ascii_lowercase();
            TEMPLATE_WORDS.contains(&lower.as_str())
        }
    })
}

/// Words a fill-in value is glued from when it has no separators: `yourtokenhere`,
/// `tokengoeshere`, `myapikey`, `insertyourkeyhere`.
const GLUE_WORDS: &[&str] = &[
    "your", "my", "our", "the", "here", "goes", "go", "insert", "enter", "put", "paste", "replace", "add", "with",
    "api", "key", "keys", "token", "secret", "password", "pass", "pwd", "passwd", "access", "personal", "auth",
    "bearer", "client", "app", "private", "github", "gitlab", "openai", "slack", "aws", "value", "real", "actual",
    "new", "own", "this", "db", "database", "pat", "id",
];

/// At least one of these must occur: they make a glued value a fill-in, not a word.
const GLUE_MARKERS: &[&str] = &[
    "your", "my", "our", "here", "goes", "insert", "enter", "paste", "replace",
];

/// A body of letters only (no separators, one case) that splits entirely into
/// [`GLUE_WORDS`] and contains a [`GLUE_MARKERS`] word: "yourtokenhere". A random token
/// has digits or mixed case, and does not split into this vocabulary by chance.
fn is_glued_template(body: &str) -> bool {
    let b = body.as_bytes();
    if b.len() < 8 || b.len() > 64 {
        return false;
    }
    let lower = b.iter().all(u8::is_ascii_lowercase);
    let upper = b.iter().all(u8::is_ascii_uppercase);
    if !(lower || upper) {
        return false;
    }
    let s = body.to_ascii_lowercase();
    // reach[i]: the first i bytes split into words; marked[i]: with a marker among them.
    let n = s.len();
    let mut reach = vec![false; n + 1];
    let mut marked = vec![false; n + 1];
    reach[0] = true;
    for i in 0..n {
        if !reach[i] {
            continue;
        }
        for w in GLUE_WORDS {
            if s[i..].starts_with(w) {
                let j = i + w.len();
                reach[j] = true;
                marked[j] |= marked[i] || GLUE_MARKERS.contains(w);
            }
        }
    }
    reach[n] && marked[n]
}

/// Removes a provider's type prefix (`ghp_`, `sk-proj-`, `AKIA`...), so the
/// structural checks look at the random part only.
fn strip_known_prefix(v: &str) -> &str {
    let p = super::redact::known_prefix(v);
    &v[p.len()..]
}

/// All one character, counting up (`123456`, `abcdef`), or a pattern of up
/// to 8 characters repeated (`abcabcabc`).
fn low_information_body(body: &str) -> bool {
    let b = body.as_bytes();
    if b.len() < 4 {
        return b.len() < 2;
    }
    let mut seen = [false; 256];
    let mut distinct = 0;
    for &c in b {
        if !seen[c as usize] {
            seen[c as usize] = true;
            distinct += 1;
        }
    }
    if distinct <= 2 {
        return true;
    }
    let sequential = b.windows(2).filter(|w| is_successor(w[0], w[1])).count();
    if sequential * 10 >= (b.len() - 1) * 6 {
        return true;
    }
    (1..=8).any(|p| b.len() >= 3 * p && b.iter().skip(p).zip(b.iter()).all(|(x, y)| x == y))
}

fn is_successor(a: u8, b: u8) -> bool {
    b == a.wrapping_add(1) || matches!((a, b), (b'9', b'a' | b'A' | b'0') | (b'z' | b'Z' | b'f' | b'F', b'0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_placeholders() {
        for v in [
            "${GITHUB_TOKEN}",
            "${env:GITHUB_TOKEN}",
            "${input:github_token}",
            "$GITHUB_TOKEN",
            "${{ secrets.GITHUB_TOKEN }}",
            "%GITHUB_TOKEN%",
            "{{ .Env.TOKEN }}",
            "op://vault/github/token",
            "keyring:mcpward/github",
        ] {
            assert!(is_placeholder(v), "{v}");
        }
    }

    #[test]
    fn template_words_are_found_only_as_whole_segments() {
        assert!(is_placeholder("YOUR_API_KEY"));
        assert!(is_placeholder("your-key-here"));
        assert!(is_placeholder("ntn_your_internal_integration_token_here"));
        assert!(is_placeholder("sk_test_example_key_value"));
        // `example` glued inside random characters is not a segment.
        assert!(!is_placeholder("Qz8exampleRt5Lw2Vb7Nc4Mx9Kp3"));
    }

    #[test]
    fn structure_checks() {
        assert!(is_placeholder("ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
        assert!(is_placeholder("sk_live_1234567890abcdefghijklmnop"));
        assert!(is_placeholder("abcabcabcabcabcabc"));
        assert!(!is_placeholder("k3Jd9QmZ2pLx7Rt1Wv5Yb8Nc4"));
    }

    #[test]
    fn glued_fill_ins_are_placeholders() {
        for v in [
            "ghp_yourtokenhere",
            "yourtokenhere",
            "tokengoeshere",
            "INSERTYOURKEYHERE",
            "sk-yourapikeyhere",
            "myapikeyhere",
        ] {
            assert!(is_placeholder(v), "{v}");
        }
        // Real words glued without a fill-in marker, and random bodies, stay secrets.
        for v in [
            "ghp_tokenpassword",
            "apikeysecret",
            "ghp_k3Jd9QmZ2pLx7Rt1Wv5Yb8Nc4aB2cD3eF4g",
            "hunter2hunter",
        ] {
            assert!(!is_placeholder(v), "{v}");
        }
    }

    #[test]
    fn segments_split_on_case_and_punctuation() {
        let s: Vec<&str> = segments("yourApiKey_here-NOW").collect();
        assert_eq!(s, ["your", "Api", "Key", "here", "NOW"]);
    }
}
