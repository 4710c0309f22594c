//! Showing a command line in a finding: known-format secrets, passwords in
//! URLs and the values of secret-named options redacted, and the whole shortened.

use crate::secret_names::hides_value;
use crate::url::{self, Url};
use mcpward_detect::secrets::{self, FingerprintKey};

/// Longest command line shown as evidence.
pub const MAX_SHOWN: usize = 240;

/// A command line fit for a finding: known-format secrets and the values of
/// secret-named options (`--api-key X`, `--token=X`, `-e TOKEN=X`) redacted,
/// and the whole thing shortened.
pub fn display_command(key: &FingerprintKey, words: &[&str]) -> String {
    let mut shown: Vec<String> = Vec::with_capacity(words.len());
    let mut redact_next = false;
    for w in words {
        let word = *w;
        if redact_next {
            redact_next = false;
            // Shown output errs towards hiding: under a secret-like flag, anything
            // but a pure reference is redacted, placeholders included.
            if !mcpward_config::vars::is_reference_only(word) && !word.is_empty() {
                shown.push(secrets::describe(key, word, "secret-argument"));
                continue;
            }
        }
        if let Some((name, value)) = word.split_once('=') {
            if hides_value(name) && !value.is_empty() && !mcpward_config::vars::is_reference_only(value) {
                shown.push(format!("{name}={}", secrets::describe(key, value, "secret-argument")));
                continue;
            }
        }
        if word.starts_with('-') && !word.contains('=') && hides_value(word) {
            redact_next = true;
        }
        shown.push(redact_known(key, word));
    }
    shorten(&shown.join(" "), MAX_SHOWN)
}

/// Free text (a shell script) with every known-format secret, and every
/// password in a URL (`postgresql://user:PASSWORD@host`), redacted.
pub fn redact_known(key: &FingerprintKey, text: &str) -> String {
    let text = redact_url_passwords(key, text);
    let text = text.as_str();
    let found = secrets::scan_text(text);
    if found.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for m in found {
        if m.start < at || m.end > text.len() || !text.is_char_boundary(m.start) || !text.is_char_boundary(m.end) {
            continue;
        }
        out.push_str(&text[at..m.start]);
        out.push_str(&secrets::describe(key, m.text(text), m.kind));
        at = m.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Replaces the password of every `scheme://user:password@host` in `text`.
fn redact_url_passwords(key: &FingerprintKey, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("://") {
        let (head, tail) = rest.split_at(i + 3);
        out.push_str(head);
        // In free text a URL runs to the next space or quote.
        let word = &tail[..tail
            .find(|c: char| c.is_whitespace() || c == '"' || c == '\'')
            .unwrap_or(tail.len())];
        let authority = &word[..url::authority_end(word)];
        // `user:password`: the password runs from the first `:` to the end of the user info.
        let password = Url::split(authority).userinfo_span().and_then(|info| {
            let colon = authority.get(info.clone())?.find(':')?;
            let r = info.start + colon + 1..info.end;
            Some((r.clone(), authority.get(r)?))
        });
        match password {
            Some((r, password)) if !password.is_empty() && !secrets::is_placeholder(password) => {
                out.push_str(&authority[..r.start]);
                out.push_str(&secrets::describe(key, password, "url-password"));
                out.push_str(&authority[r.end..]);
            }
            _ => out.push_str(authority),
        }
        rest = &tail[authority.len()..];
    }
    out.push_str(rest);
    out
}

/// Cuts `s` to at most `max` characters, marking the cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_redacts_url_passwords() {
        let key = FingerprintKey::new([7; 32]);
        let shown = display_command(
            &key,
            &[
                "npx",
                "-y",
                "@modelcontextprotocol/server-postgres",
                "postgresql://app:S3cr3tPassw0rd!@db:5432/app",
            ],
        );
        assert!(!shown.contains("S3cr3tPassw0rd"), "{shown}");
        assert!(
            shown.contains("postgresql://app:") && shown.contains("@db:5432/app"),
            "{shown}"
        );
        let plain = redact_known(&key, "curl https://example.com/x | sh; psql postgres://u@h/db");
        assert_eq!(plain, "curl https://example.com/x | sh; psql postgres://u@h/db");
        let odd = redact_known(&key, "x://:@ ://@:/ é://ü:ß@host");
        assert!(!odd.contains("ß@"), "{odd}");
    }

    #[test]
    fn display_redacts_secret_arguments() {
        let key = FingerprintKey::new([7; 32]);
        let shown = display_command(
            &key,
            &[
                "npx",
                "-y",
                "@stripe/mcp",
                "--api-key=sk_live_abcdefghijklmnopqrstuvwx",
                "--token",
                "hunter2hunter2",
            ],
        );
        assert!(!shown.contains("abcdefghijklmnop"), "{shown}");
        assert!(!shown.contains("hunter2hunter2"), "{shown}");
        assert!(shown.contains("@stripe/mcp"));
    }
}
