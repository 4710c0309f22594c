//! Structural checks run after a rule's regex matched: checksums, decoded
//! shapes (JWT, Discord), entropy. Every function here is total: any input,
//! no panic, bounded work.

use super::Confidence;

/// What a rule asks to be verified on its match before it is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Check {
    /// The regex is the whole format.
    None,
    /// GitHub's `gh?_` tokens and npm's `npm_` tokens (same design, see the
    /// npm rule): the last 6 characters are base62(CRC32(the 30 random
    /// characters)). A mismatch lowers confidence instead of dropping the
    /// match, because a token typed with one wrong character is still a leak.
    GithubCrc,
    /// A JWT whose header decodes to JSON naming an `alg`.
    Jwt,
    /// A JWT whose payload claims `"role": "service_role"` (Supabase).
    SupabaseServiceRole,
    /// Discord bot token: its first segment is base64 of a numeric user id.
    DiscordBot,
    /// The secret must carry at least this many bits of Shannon entropy per
    /// character (tenths: 30 = 3.0).
    MinEntropy(u8),
    /// A password inside a URL: not a placeholder, not a well-known default.
    UrlPassword,
}

/// Result of a check: drop, or keep with this confidence.
pub(crate) fn run(check: Check, secret: &str, base: Confidence) -> Option<Confidence> {
    match check {
        Check::None => Some(base),
        Check::GithubCrc => Some(if github_checksum_ok(secret) != Some(false) {
            base
        } else {
            Confidence::Medium
        }),
        Check::Jwt => jwt_parts(secret).map(|_| base),
        Check::SupabaseServiceRole => {
            let (_, payload) = jwt_parts(secret)?;
            let compact: Vec<u8> = payload.into_iter().filter(|b| !b.is_ascii_whitespace()).collect();
            memchr::memmem::find(&compact, br#""role":"service_role""#).map(|_| base)
        }
        Check::DiscordBot => discord_id_ok(secret).then_some(base),
        Check::MinEntropy(tenths) => (super::shannon_entropy(secret) * 10.0 >= f64::from(tenths)).then_some(base),
        Check::UrlPassword => url_password_confidence(secret),
    }
}

const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// CRC-32 (IEEE 802.3, the zlib one).
pub(crate) fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc = CRC_TABLE[((crc ^ u32::from(b)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// `n` in base62 (digits, upper, lower), left-padded with `0` to `width`.
pub(crate) fn base62(mut n: u64, width: usize) -> String {
    let mut out = Vec::with_capacity(width.max(11));
    while n > 0 {
        out.push(BASE62[(n % 62) as usize]);
        n /= 62;
    }
    while out.len() < width {
        out.push(b'0');
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// `Some(true)`/`Some(false)` for a 40-character `gh?_` or `npm_` token
/// (any 4-byte prefix) whose checksum
/// could be verified; `None` when the format carries no checksum we know.
pub(crate) fn github_checksum_ok(token: &str) -> Option<bool> {
    let body = token.get(4..)?;
    if body.len() != 36 || !body.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let (random, tail) = body.split_at(30);
    Some(base62(u64::from(crc32(random.as_bytes())), 6) == tail)
}

/// Decodes standard or URL-safe base64, padding optional. `None` on any
/// character outside both alphabets. Output is bounded by the input length.
pub(crate) fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let s = s.trim_end_matches('=');
    let mut out = Vec::with_capacity(s.len() * 3 / 4 + 1);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for b in s.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// Header and payload of a well-formed JWT (`alg` in a JSON header, JSON
/// payload), or `None`.
pub(crate) fn jwt_parts(token: &str) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut parts = token.split('.');
    let header = base64_decode(parts.next()?)?;
    let payload = base64_decode(parts.next()?)?;
    parts.next()?;
    let header_ok = header.first() == Some(&b'{') && memchr::memmem::find(&header, b"\"alg\"").is_some();
    let payload_ok = payload.first() == Some(&b'{');
    (header_ok && payload_ok).then_some((header, payload))
}

/// Discord bot tokens start with base64 of the bot's numeric snowflake id.
fn discord_id_ok(token: &str) -> bool {
    let Some(first) = token.split('.').next() else {
        return false;
    };
    match base64_decode(first) {
        Some(id) => (17..=20).contains(&id.len()) && id.iter().all(u8::is_ascii_digit),
        None => false,
    }
}

/// Passwords that appear in every tutorial and docker-compose file: a
/// hard-coded default, not a leaked credential.
const DEFAULT_PASSWORDS: &[&str] = &[
    "password",
    "pass",
    "passwd",
    "secret",
    "admin",
    "root",
    "guest",
    "postgres",
    "mysql",
    "redis",
    "mongo",
    "changeme",
    "test",
    "example",
    "user",
    "pwd",
    "x-oauth-basic",
    "sa",
    "default",
    "123456",
    "12345678",
];

fn url_password_confidence(pw: &str) -> Option<Confidence> {
    let lower = pw.to_ascii_lowercase();
    if DEFAULT_PASSWORDS.contains(&lower.as_str()) || super::placeholder::is_placeholder_strict(pw) {
        return None;
    }
    if pw.len() >= 8 && super::shannon_entropy(pw) >= 2.5 {
        Some(Confidence::High)
    } else {
        Some(Confidence::Medium)
    }
}

/// True for a canonical UUID (8-4-4-4-12 hex).
pub(crate) fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// True for a full git object id (40 lowercase hex).
pub(crate) fn is_git_sha(s: &str) -> bool {
    s.len() == 40 && s.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
}

/// A SHA-1 shape: 40 hex digits in one case. Lowercase is a git commit; uppercase is how
/// SHA-1 digests and OpenPGP key fingerprints are printed ("GPG key: 9554F04D…" in a
/// maintainers list, the one secret the corpus's real READMEs reported). Either is an
/// identifier under a secret-like name, not a credential.
pub(crate) fn is_digest(v: &str) -> bool {
    is_git_sha(v) || (v.len() == 40 && v.bytes().all(|c| matches!(c, b'0'..=b'9' | b'A'..=b'F')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_reference_vector() {
        // The standard check value for CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn base62_pads_and_orders_digits_upper_lower() {
        assert_eq!(base62(0, 6), "000000");
        assert_eq!(base62(61, 2), "0z");
        assert_eq!(base62(62, 2), "10");
        assert_eq!(base62(36, 1), "a");
    }

    #[test]
    fn github_checksum_accepts_valid_and_rejects_tampered() {
        let random = "Zq3T9vLm2XwB8nK4pR7sY1cH6dF0gJ";
        let token = format!("ghp_{random}{}", base62(u64::from(crc32(random.as_bytes())), 6));
        assert_eq!(github_checksum_ok(&token), Some(true));
        let mut tampered = token.clone();
        tampered.replace_range(10..11, if &token[10..11] == "a" { "b" } else { "a" });
        assert_eq!(github_checksum_ok(&tampered), Some(false));
        assert_eq!(github_checksum_ok("ghr_short"), None);
    }

    #[test]
    fn npm_checksum_uses_the_github_scheme() {
        let random = "k7Qm2TzR9wXc4VbN8pLs3HdY6fJ1gA";
        let tail = base62(u64::from(crc32(random.as_bytes())), 6);
        assert_eq!(github_checksum_ok(&format!("npm_{random}{tail}")), Some(true));
        let wrong = if tail == "000000" { "000001" } else { "000000" };
        assert_eq!(github_checksum_ok(&format!("npm_{random}{wrong}")), Some(false));
        assert_eq!(
            run(Check::GithubCrc, &format!("npm_{random}{wrong}"), Confidence::High),
            Some(Confidence::Medium)
        );
    }

    #[test]
    fn base64_decodes_both_alphabets_and_rejects_garbage() {
        assert_eq!(base64_decode("aGVsbG8").as_deref(), Some(&b"hello"[..]));
        assert_eq!(base64_decode("aGVsbG8=").as_deref(), Some(&b"hello"[..]));
        assert_eq!(base64_decode("-_8").as_deref(), Some(&[0xfb, 0xff][..]));
        assert!(base64_decode("a b").is_none());
    }

    #[test]
    fn jwt_shape_requires_json_header_with_alg() {
        let ok = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlc2lnbmF0dXJl";
        assert!(jwt_parts(ok).is_some());
        let no_alg = "eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJ4In0.c2lnbmF0dXJlc2lnbmF0dXJl";
        assert!(jwt_parts(no_alg).is_none());
        assert!(jwt_parts("eyJhbGciOiJIUzI1NiJ9").is_none());
    }

    #[test]
    fn uuid_and_sha_shapes() {
        assert!(is_uuid("123e4567-e89b-12d3-a456-426614174000"));
        assert!(!is_uuid("123e4567e89b12d3a456426614174000"));
        assert!(is_git_sha("d528c66e39546bf8f878ff2691928a42cacf2a3a"));
        assert!(!is_git_sha("D528C66E39546BF8F878FF2691928A42CACF2A3A"));
    }
}
