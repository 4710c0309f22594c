//! The only forms in which a secret leaves this crate: `ghp_…a1b2` and
//! `ghp_…a1b2 (github-pat, fp:3f9c1e)`. Never more than the type prefix plus
//! four characters; secrets under 16 characters show no tail at all.

use super::{fingerprint, FingerprintKey, SecretMatch};

/// Type prefixes that are safe to show: they name the format, not the secret.
/// Longest first, so `sk-ant-api03-` wins over `sk-`.
const PREFIXES: &[&str] = &[
    "-----BEGIN OPENSSH PRIVATE KEY-----",
    "-----BEGIN ENCRYPTED PRIVATE KEY-----",
    "-----BEGIN PGP PRIVATE KEY BLOCK-----",
    "-----BEGIN RSA PRIVATE KEY-----",
    "-----BEGIN DSA PRIVATE KEY-----",
    "-----BEGIN EC PRIVATE KEY-----",
    "-----BEGIN PRIVATE KEY-----",
    "pypi-AgENdGVzdC5weXBpLm9yZw",
    "pypi-AgEIcHlwaS5vcmc",
    "https://hooks.slack.com/services/",
    "https://hooks.slack.com/workflows/",
    "https://discord.com/api/webhooks/",
    "https://discordapp.com/api/webhooks/",
    "access_token$production$",
    "access_token$sandbox$",
    "AGE-SECRET-KEY-1",
    "sk-ant-admin01-",
    "sk-ant-api03-",
    "sk-ant-oat01-",
    "sk-ant-ort01-",
    "sk-svcacct-",
    "github_pat_",
    "xoxe.xoxp-",
    "xoxe.xoxb-",
    "lin_oauth_",
    "sb_secret_",
    "sk-admin-",
    "sk-or-v1-",
    "dckr_pat_",
    "dckr_oat_",
    "pscale_tkn_",
    "pscale_pw_",
    "pscale_oauth_",
    "sk_live_",
    "rk_live_",
    "sk_test_",
    "rk_test_",
    "sk-proj-",
    "lin_api_",
    "api_org_",
    "glagent-",
    "dop_v1_",
    "doo_v1_",
    "dor_v1_",
    "sntrys_",
    "sntryu_",
    "GOCSPX-",
    "glsoat-",
    "glffct-",
    "sq0atp-",
    "sq0csp-",
    "secret_",
    "glpat-",
    "glptt-",
    "gloas-",
    "glimt-",
    "glcbt-",
    "glrtr-",
    "whsec_",
    "CFPAT-",
    "ATATT3",
    "ATCTT3",
    "shpat_",
    "shpca_",
    "shppa_",
    "shpss_",
    "tvly-",
    "lsv2_",
    "pcsk_",
    "figd_",
    "PMAK-",
    "NRAK-",
    "NRII-",
    "HRKU-",
    "xoxb-",
    "xoxp-",
    "xoxa-",
    "xoxo-",
    "xoxs-",
    "xoxr-",
    "xoxe-",
    "xapp-",
    "gldt-",
    "glrt-",
    "glft-",
    "glwt-",
    "pplx-",
    "glsa_",
    "bkua_",
    "napi_",
    "cfut_",
    "cfat_",
    "ops_",
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "npm_",
    "gsk_",
    "xai-",
    "cfk_",
    "sbp_",
    "sgp_",
    "rnd_",
    "nfp_",
    "vcp_",
    "vci_",
    "vca_",
    "vcr_",
    "vck_",
    "ntn_",
    "glc_",
    "fm2_",
    "fo1_",
    "AKIA",
    "ASIA",
    "ABIA",
    "ACCA",
    "AIza",
    "ATBB",
    "EAAA",
    "dapi",
    "hvs.",
    "hvb.",
    "hvr.",
    "ya29.",
    "pul-",
    "key-",
    "r8_",
    "hf_",
    "SG.",
    "fc-",
    "sk-",
    "sk_",
    "SK",
];

/// The longest known type prefix `secret` starts with (maybe empty).
pub(crate) fn known_prefix(secret: &str) -> &str {
    let best = PREFIXES
        .iter()
        .filter(|p| secret.starts_with(**p))
        .max_by_key(|p| p.len())
        .map_or(0, |p| p.len());
    &secret[..best]
}

/// Shows a secret's recognisable prefix and last four characters only:
/// `ghp_…a1b2`. Short secrets (under 16 characters) show no tail at all, and
/// the prefix never covers more than half of the secret.
pub fn redact(secret: &str, _kind: &str) -> String {
    let n = secret.chars().count();
    let mut prefix = known_prefix(secret);
    if prefix.len() * 2 > n {
        prefix = "";
    }
    if n < 16 {
        return format!("{prefix}…");
    }
    let tail_start = secret.char_indices().nth(n - 4).map_or(secret.len(), |(i, _)| i);
    format!("{prefix}…{}", &secret[tail_start..])
}

/// `ghp_…a1b2 (github-pat, fp:3f9c1e)`: the form secrets take in every output.
pub fn describe(key: &FingerprintKey, secret: &str, kind: &str) -> String {
    let fp = fingerprint(key, secret);
    format!("{} ({kind}, fp:{})", redact(secret, kind), &fp[..6])
}

/// `text` with every match replaced by its redaction; every other byte is
/// kept. Matches that overlap an earlier one, or whose offsets are not valid
/// for `text`, are skipped rather than trusted.
pub fn redact_in(text: &str, matches: &[SecretMatch]) -> String {
    let mut order: Vec<&SecretMatch> = matches.iter().collect();
    order.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for m in order {
        if m.start < pos || m.end <= m.start {
            continue;
        }
        let (Some(before), Some(secret)) = (text.get(pos..m.start), text.get(m.start..m.end)) else {
            continue;
        };
        out.push_str(before);
        out.push_str(&redact(secret, m.kind));
        pos = m.end;
    }
    out.push_str(text.get(pos..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::Confidence;

    #[test]
    fn keeps_prefix_and_four_tail_chars() {
        assert_eq!(
            redact("ghp_0123456789abcdefghijklmnopqrstuvwxyz", "github-pat"),
            "ghp_…wxyz"
        );
        assert_eq!(redact("sk-ant-api03-abcdefghijklmnop1234", "x"), "sk-ant-api03-…1234");
        assert_eq!(redact("tooshort12345", "x"), "…");
        assert_eq!(redact("ghp_1234567", "github-pat"), "ghp_…");
        assert_eq!(redact("ghp_123", "github-pat"), "…");
    }

    #[test]
    fn redact_in_preserves_other_bytes() {
        let text = "a=ghp_0123456789abcdefghijklmnopqrstuvwxyz é b";
        let m = SecretMatch {
            kind: "github-pat",
            provider: "GitHub",
            start: 2,
            end: 42,
            confidence: Confidence::High,
        };
        assert_eq!(redact_in(text, std::slice::from_ref(&m)), "a=ghp_…wxyz é b");
        let bad = SecretMatch {
            start: 44,
            end: 45,
            ..m
        };
        assert_eq!(redact_in(text, &[bad]), text);
    }
}
