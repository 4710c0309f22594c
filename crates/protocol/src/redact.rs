//! Making peer-supplied text safe to put in a message: secrets redacted, length bounded,
//! control characters escaped. Servers echo environment, tokens and arbitrary bytes into
//! errors and stderr; nothing that reaches a Display impl may carry them raw.

use mcpward_detect::secrets;

/// Redacts known-format secrets in `text` (`ghp_…a1b2`).
pub fn redact_secrets(text: &str) -> String {
    let found = secrets::scan_text(text);
    if found.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for m in found {
        if m.start < at {
            continue; // overlapping matches: the first one already covered this span
        }
        out.push_str(&text[at..m.start]);
        out.push_str(&secrets::redact(m.text(text), m.kind));
        at = m.end;
    }
    out.push_str(&text[at..]);
    out
}

/// One-line, bounded, redacted form of peer text for error messages.
pub fn for_display(text: &str, max_chars: usize) -> String {
    let short = truncate_chars(text, max_chars.saturating_mul(2));
    let redacted = redact_secrets(&short);
    let mut out = String::new();
    for (n, c) in redacted.chars().enumerate() {
        if n >= max_chars {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// At most `max` chars of `text`, cut on a char boundary.
pub fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => text[..i].to_string(),
        None => text.to_string(),
    }
}

/// Redacted text, keeping line breaks (for multi-line stderr tails).
pub fn redact_multiline(text: &str) -> String {
    text.lines().map(redact_secrets).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted_and_text_bounded() {
        let token = format!("ghp_{}", "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8");
        let shown = for_display(&format!("bad token {token}\nnext"), 200);
        assert!(!shown.contains(&token), "{shown}");
        assert!(shown.contains("\\n"), "control characters escaped: {shown}");
        assert_eq!(for_display(&"x".repeat(50), 10).chars().count(), 11);
    }
}
