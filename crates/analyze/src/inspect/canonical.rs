//! Canonical JSON and SHA-256: the fingerprint recipe of pins.
//!
//! Canonical form: object keys sorted by their UTF-16 code units is what RFC 8785 asks;
//! mcpward sorts by Unicode scalar values (byte order of UTF-8), which agrees for every key
//! outside the supplementary planes and is simpler to reproduce with any tool (`jq -S -c`
//! sorts the same way). No insignificant whitespace; strings escaped as serde_json escapes
//! them; numbers as serde_json prints them. The recipe is part of the lockfile format: if it
//! ever changes, [`crate::inspect::lock::LOCK_VERSION`] changes with it.

use serde_json::Value;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// `value` as canonical JSON text.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Null | Value::Bool(_) | Value::Number(_) => out.push_str(&value.to_string()),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                if let Some(v) = map.get(key) {
                    write_canonical(v, out);
                }
            }
            out.push('}');
        }
    }
}

fn write_string(s: &str, out: &mut String) {
    // serde_json cannot fail to serialise a string.
    match serde_json::to_string(s) {
        Ok(quoted) => out.push_str(&quoted),
        Err(_) => out.push_str("\"\""),
    }
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// SHA-256 of the canonical JSON of `value`, with the canonical text.
pub fn fingerprint(value: &Value) -> (String, String) {
    let text = canonical_json(value);
    (sha256_hex(text.as_bytes()), text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_are_sorted_at_every_level_and_whitespace_dropped() {
        let v: Value =
            serde_json::from_str(r#"{ "b": 1, "a": { "z": [ 1, 2.5, "x\n" ], "y": null }, "c": true }"#).unwrap();
        assert_eq!(
            canonical_json(&v),
            r#"{"a":{"y":null,"z":[1,2.5,"x\n"]},"b":1,"c":true}"#
        );
    }

    #[test]
    fn member_order_does_not_change_the_hash_but_content_does() {
        let a = json!({"name": "t", "description": "d", "inputSchema": {"type": "object"}});
        let b: Value =
            serde_json::from_str(r#"{"inputSchema":{"type":"object"},"description":"d","name":"t"}"#).unwrap();
        assert_eq!(fingerprint(&a).0, fingerprint(&b).0);
        let c = json!({"name": "t", "description": "d ", "inputSchema": {"type": "object"}});
        assert_ne!(fingerprint(&a).0, fingerprint(&c).0);
    }

    #[test]
    fn known_digest() {
        // sha256("{}")
        assert_eq!(
            sha256_hex(b"{}"),
            "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
        );
        assert_eq!(canonical_json(&json!("\u{e0041}")), "\"\u{e0041}\"");
    }
}
