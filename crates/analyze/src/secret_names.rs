//! Names (of options, environment variables, headers, query parameters) that
//! say their value is a credential, for when no known secret format matches.
//!
//! There are two lists on purpose, because they are used for opposite things:
//!
//! - [`hides_value`] decides what is *hidden* when a command line or URL is shown
//!   (a finding's evidence, a report's server list). Hiding too much costs a
//!   little readability, so it errs towards hiding.
//! - [`carries_credential`] decides what the checklist *claims* is a credential
//!   passed by reference ("Token reference is via env / inputs / VAR"). Claiming
//!   too much makes a pass or a rotation reminder up, so it stays narrow: no
//!   `sig`, `session` or bare `auth` (`SESSION_DIR`, `OAUTH_CALLBACK_URL`).
//!
//! `api` and `_pat` are only in the second: in shown text they would hide
//! ordinary words (`aws-api-mcp-server==1.0`, `--db-path /data/app.db`).

/// Hide the value written under a name containing one of these.
const HIDE: &[&str] = &[
    "token",
    "key",
    "secret",
    "password",
    "passwd",
    "pwd",
    "auth",
    "sig",
    "credential",
    "session",
    "bearer",
];

/// An env var or header whose name contains one of these carries a credential.
const CREDENTIAL: &[&str] = &[
    "token",
    "key",
    "secret",
    "password",
    "passwd",
    "authorization",
    "credential",
    "_pat",
    "api",
];

/// Whether a value written under `name` (`--api-key`, `-e TOKEN=…`, `?sig=…`) is
/// hidden when shown, even though no known secret format matches it.
pub(crate) fn hides_value(name: &str) -> bool {
    contains_any(name, HIDE)
}

/// Whether an env var or header named `name` carries a credential.
pub(crate) fn carries_credential(name: &str) -> bool {
    contains_any(name, CREDENTIAL)
}

fn contains_any(name: &str, words: &[&str]) -> bool {
    let lower = name.to_ascii_lowercase();
    words.iter().any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_values() {
        for n in [
            "--api-key",
            "--token",
            "GITHUB_TOKEN",
            "Authorization",
            "--client-secret",
            "db_pwd",
            "sig",
            "X-Session",
            "--bearer",
        ] {
            assert!(hides_value(n), "{n}");
        }
        for n in [
            "--db-path",
            "awslabs.aws-api-mcp-server",
            "--port",
            "--read-only",
            "mode",
            "",
        ] {
            assert!(!hides_value(n), "{n}");
        }
    }

    #[test]
    fn credential_names() {
        for n in [
            "GITHUB_PAT",
            "API_URL",
            "Authorization",
            "STRIPE_SECRET_KEY",
            "DB_PASSWORD",
        ] {
            assert!(carries_credential(n), "{n}");
        }
        for n in [
            "SESSION_DIR",
            "OAUTH_CALLBACK_URL",
            "X-Signature-Version",
            "HOME",
            "PATH",
            "",
        ] {
            assert!(!carries_credential(n), "{n}");
        }
    }
}
