//! JSON-RPC request ids.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use std::fmt;

/// A JSON-RPC request id: a number or a string.
///
/// Numbers keep their JSON text unchanged (`7`, `-1`, `1.5e3`, `18446744073709551616`):
/// a response must echo the id it answers, and re-encoding through `f64` would change
/// large or fractional ids. Strings are compared by value, not by escape spelling.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Id {
    /// The number's JSON text, exactly as received.
    Number(String),
    String(String),
}

impl Id {
    /// Reads an id out of raw JSON. `null`, booleans, arrays and objects are not ids.
    pub fn from_raw(raw: &RawValue) -> Result<Id, String> {
        let text = raw.get().trim();
        match text.as_bytes().first() {
            Some(b'"') => serde_json::from_str::<String>(text)
                .map(Id::String)
                .map_err(|e| e.to_string()),
            Some(b'-' | b'0'..=b'9') => {
                // The text came out of serde_json already, so it is a valid JSON number.
                Ok(Id::Number(text.to_string()))
            }
            Some(b'n') => Err("id is null".to_string()),
            _ => Err("id must be a string or a number".to_string()),
        }
    }

    /// The id as JSON text (`7` or `"abc"`).
    pub fn to_json(&self) -> String {
        match self {
            Id::Number(n) => n.clone(),
            Id::String(s) => json_string(s),
        }
    }

    /// The id as an integer, when it is one that fits.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Id::Number(n) => n.parse().ok(),
            Id::String(_) => None,
        }
    }
}

pub(crate) fn json_string(s: &str) -> String {
    // Serialising a &str cannot fail.
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

impl From<u64> for Id {
    fn from(n: u64) -> Self {
        Id::Number(n.to_string())
    }
}

impl From<i64> for Id {
    fn from(n: i64) -> Self {
        Id::Number(n.to_string())
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Self {
        Id::String(s.to_string())
    }
}

impl From<String> for Id {
    fn from(s: String) -> Self {
        Id::String(s)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json())
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Id::String(s) => serializer.serialize_str(s),
            Id::Number(n) => {
                let raw = RawValue::from_string(n.clone()).map_err(serde::ser::Error::custom)?;
                raw.serialize(serializer)
            }
        }
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        Id::from_raw(&raw).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(s: &str) -> Box<RawValue> {
        RawValue::from_string(s.to_string()).unwrap()
    }

    #[test]
    fn numbers_keep_their_text() {
        assert_eq!(
            Id::from_raw(&raw("18446744073709551616")).unwrap().to_json(),
            "18446744073709551616"
        );
        assert_eq!(Id::from_raw(&raw("1.50")).unwrap().to_json(), "1.50");
        assert_eq!(Id::from_raw(&raw("-3")).unwrap().as_i64(), Some(-3));
    }

    #[test]
    fn strings_compare_by_value() {
        assert_eq!(Id::from_raw(&raw(r#""\u0061""#)).unwrap(), Id::from("a"));
        assert_eq!(Id::from("a\"b").to_json(), r#""a\"b""#);
    }

    #[test]
    fn non_ids_are_rejected() {
        for bad in ["null", "true", "[1]", "{}"] {
            assert!(Id::from_raw(&raw(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn serde_round_trip() {
        let id: Id = serde_json::from_str("42").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "42");
        let id: Id = serde_json::from_str("\"x\"").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"x\"");
    }
}
