//! The JSON-RPC 2.0 envelope, decoded just enough to route it.
//!
//! `params`, `result` and `error.data` stay raw JSON ([`RawValue`]) and unknown top-level
//! members are kept in order ([`Extra`]): a proxy decodes only what it polices and forwards
//! the rest unchanged. Nothing here panics on hostile input; anything that is not a valid
//! message becomes [`Message::Invalid`] with what could be recovered (id, method).

use super::id::{json_string, Id};
use super::recover;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use std::fmt;

/// Unknown top-level members, in the order they arrived.
pub type Extra = Vec<(String, Box<RawValue>)>;

/// One decoded frame.
#[derive(Debug, Clone)]
pub enum Message {
    Request(Request),
    Notification(Notification),
    Response(Response),
    /// A JSON array of messages (allowed by JSON-RPC and by MCP 2025-03-26 only).
    Batch(Vec<Message>),
    Invalid(Invalid),
}

#[derive(Debug, Clone)]
pub struct Request {
    pub id: Id,
    pub method: String,
    pub params: Option<Box<RawValue>>,
    pub extra: Extra,
}

#[derive(Debug, Clone)]
pub struct Notification {
    pub method: String,
    pub params: Option<Box<RawValue>>,
    pub extra: Extra,
}

#[derive(Debug, Clone)]
pub struct Response {
    /// `None` only for an error response with `"id": null` (the peer could not read our id).
    pub id: Option<Id>,
    pub outcome: Outcome,
    pub extra: Extra,
}

#[derive(Debug, Clone)]
pub enum Outcome {
    Result(Box<RawValue>),
    Error(ErrorObject),
}

/// The `error` member of a response.
#[derive(Debug, Clone)]
pub struct ErrorObject {
    pub code: i64,
    pub message: String,
    pub data: Option<Box<RawValue>>,
    pub extra: Extra,
}

/// Why a frame is not a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvalidKind {
    /// Not JSON at all (JSON-RPC answers with -32700).
    Parse,
    /// JSON, but not a JSON-RPC message (JSON-RPC answers with -32600).
    Structure,
}

/// A frame that is not a valid message, with what could be recovered from it.
#[derive(Debug, Clone)]
pub struct Invalid {
    pub raw: Vec<u8>,
    pub kind: InvalidKind,
    pub reason: String,
    /// The request id, when one could be read (so the frame can be answered).
    pub id: Option<Id>,
    /// The method, when one could be read (then the frame was meant as a request).
    pub method: Option<String>,
}

impl Message {
    /// Decodes one frame (one line, without its newline).
    pub fn parse(bytes: &[u8]) -> Message {
        let first = bytes.iter().position(|b| !b.is_ascii_whitespace()).map(|i| bytes[i]);
        match first {
            Some(b'{') => parse_object_bytes(bytes),
            Some(b'[') => parse_batch(bytes),
            _ => invalid(bytes, InvalidKind::Parse, "not a JSON object or array".to_string()),
        }
    }

    /// Encodes the message as one line of JSON, without the newline. An [`Invalid`]
    /// message encodes to its raw bytes.
    pub fn to_vec(&self) -> Vec<u8> {
        let mut out = String::new();
        match self {
            Message::Invalid(inv) => return inv.raw.clone(),
            Message::Batch(items) => {
                out.push('[');
                for (i, m) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&String::from_utf8_lossy(&m.to_vec()));
                }
                out.push(']');
            }
            Message::Request(r) => {
                out.push_str("{\"jsonrpc\":\"2.0\",\"id\":");
                out.push_str(&r.id.to_json());
                out.push_str(",\"method\":");
                out.push_str(&json_string(&r.method));
                push_member(&mut out, "params", r.params.as_deref());
                push_extra(&mut out, &r.extra);
                out.push('}');
            }
            Message::Notification(n) => {
                out.push_str("{\"jsonrpc\":\"2.0\",\"method\":");
                out.push_str(&json_string(&n.method));
                push_member(&mut out, "params", n.params.as_deref());
                push_extra(&mut out, &n.extra);
                out.push('}');
            }
            Message::Response(r) => {
                out.push_str("{\"jsonrpc\":\"2.0\",\"id\":");
                match &r.id {
                    Some(id) => out.push_str(&id.to_json()),
                    None => out.push_str("null"),
                }
                match &r.outcome {
                    Outcome::Result(v) => push_member(&mut out, "result", Some(v)),
                    Outcome::Error(e) => {
                        out.push_str(",\"error\":{\"code\":");
                        out.push_str(&e.code.to_string());
                        out.push_str(",\"message\":");
                        out.push_str(&json_string(&e.message));
                        push_member(&mut out, "data", e.data.as_deref());
                        push_extra(&mut out, &e.extra);
                        out.push('}');
                    }
                }
                push_extra(&mut out, &r.extra);
                out.push('}');
            }
        }
        out.into_bytes()
    }

    /// The id of a request or response, if any.
    pub fn id(&self) -> Option<&Id> {
        match self {
            Message::Request(r) => Some(&r.id),
            Message::Response(r) => r.id.as_ref(),
            Message::Invalid(i) => i.id.as_ref(),
            Message::Notification(_) | Message::Batch(_) => None,
        }
    }

    /// The method of a request or notification, if any.
    pub fn method(&self) -> Option<&str> {
        match self {
            Message::Request(r) => Some(&r.method),
            Message::Notification(n) => Some(&n.method),
            Message::Invalid(i) => i.method.as_deref(),
            Message::Response(_) | Message::Batch(_) => None,
        }
    }
}

impl Request {
    pub fn new(id: Id, method: impl Into<String>, params: Option<Box<RawValue>>) -> Self {
        Request {
            id,
            method: method.into(),
            params,
            extra: Vec::new(),
        }
    }
}

impl Notification {
    pub fn new(method: impl Into<String>, params: Option<Box<RawValue>>) -> Self {
        Notification {
            method: method.into(),
            params,
            extra: Vec::new(),
        }
    }
}

impl Response {
    pub fn result(id: Id, result: Box<RawValue>) -> Self {
        Response {
            id: Some(id),
            outcome: Outcome::Result(result),
            extra: Vec::new(),
        }
    }

    pub fn error(id: Option<Id>, code: i64, message: impl Into<String>) -> Self {
        Response {
            id,
            outcome: Outcome::Error(ErrorObject {
                code,
                message: message.into(),
                data: None,
                extra: Vec::new(),
            }),
            extra: Vec::new(),
        }
    }
}

impl Invalid {
    /// The error response JSON-RPC prescribes for this frame, when it can be addressed:
    /// only frames that carry a readable id and a method (they were meant as requests).
    /// A broken *response* must not be answered, or two peers could loop forever.
    pub fn error_reply(&self) -> Option<Response> {
        let id = self.id.clone()?;
        self.method.as_ref()?;
        let (code, text) = match self.kind {
            InvalidKind::Parse => (super::codes::PARSE_ERROR, "Parse error"),
            InvalidKind::Structure => (super::codes::INVALID_REQUEST, "Invalid Request"),
        };
        Some(Response::error(Some(id), code, format!("{text}: {}", self.reason)))
    }
}

impl fmt::Display for ErrorObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (code {})",
            crate::redact::for_display(&self.message, 300),
            self.code
        )
    }
}

fn push_member(out: &mut String, key: &str, value: Option<&RawValue>) {
    if let Some(v) = value {
        out.push(',');
        out.push_str(&json_string(key));
        out.push(':');
        out.push_str(v.get());
    }
}

fn push_extra(out: &mut String, extra: &Extra) {
    for (k, v) in extra {
        push_member(out, k, Some(v));
    }
}

fn invalid(bytes: &[u8], kind: InvalidKind, reason: String) -> Message {
    let found = recover::scan_head(bytes);
    Message::Invalid(Invalid {
        raw: bytes.to_vec(),
        kind,
        reason,
        id: found.id,
        method: found.method,
    })
}

/// A JSON object's members as raw values, in order, duplicates included.
struct RawObject(Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for RawObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawObject;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawObject, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value: Box<RawValue> = map.next_value()?;
                    out.push((key, value));
                }
                Ok(RawObject(out))
            }
        }
        deserializer.deserialize_map(V)
    }
}

fn parse_batch(bytes: &[u8]) -> Message {
    let items: Vec<Box<RawValue>> = match serde_json::from_slice(bytes) {
        Ok(items) => items,
        Err(e) => return invalid(bytes, InvalidKind::Parse, e.to_string()),
    };
    if items.is_empty() {
        return invalid(bytes, InvalidKind::Structure, "empty batch".to_string());
    }
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let b = item.get().as_bytes();
        if b.first() == Some(&b'{') {
            out.push(parse_object_bytes(b));
        } else {
            // Batches do not nest, and a bare value is not a message.
            out.push(invalid(
                b,
                InvalidKind::Structure,
                "batch element is not an object".to_string(),
            ));
        }
    }
    Message::Batch(out)
}

fn parse_object_bytes(bytes: &[u8]) -> Message {
    match serde_json::from_slice::<RawObject>(bytes) {
        Ok(obj) => classify(bytes, obj.0),
        Err(e) => invalid(bytes, InvalidKind::Parse, e.to_string()),
    }
}

/// Turns an object's members into a message, checking the JSON-RPC rules.
fn classify(bytes: &[u8], members: Vec<(String, Box<RawValue>)>) -> Message {
    let mut jsonrpc = None;
    let mut id = None;
    let mut method = None;
    let mut params = None;
    let mut result = None;
    let mut error = None;
    let mut extra = Vec::new();
    for (key, value) in members {
        let slot = match key.as_str() {
            "jsonrpc" => &mut jsonrpc,
            "id" => &mut id,
            "method" => &mut method,
            "params" => &mut params,
            "result" => &mut result,
            "error" => &mut error,
            _ => {
                extra.push((key, value));
                continue;
            }
        };
        if slot.is_some() {
            // Two parsers may disagree on which duplicate wins; a proxy must not let a
            // peer pick the one it polices and the one the server acts on.
            return structure_error(bytes, format!("duplicate member `{key}`"));
        }
        *slot = Some(value);
    }

    match jsonrpc.as_deref().map(RawValue::get) {
        Some("\"2.0\"") => {}
        Some(_) => return structure_error(bytes, "`jsonrpc` is not \"2.0\"".to_string()),
        None => return structure_error(bytes, "missing `jsonrpc`".to_string()),
    }

    let id = match id {
        None => None,
        Some(raw) if raw.get().trim() == "null" => Some(None),
        Some(raw) => match Id::from_raw(&raw) {
            Ok(id) => Some(Some(id)),
            Err(reason) => return structure_error(bytes, reason),
        },
    };

    if let Some(params) = &params {
        if !matches!(params.get().trim_start().as_bytes().first(), Some(b'{' | b'[')) {
            return structure_error(bytes, "`params` must be an object or an array".to_string());
        }
    }

    if let Some(method) = method {
        let method = match serde_json::from_str::<String>(method.get()) {
            Ok(m) => m,
            Err(_) => return structure_error(bytes, "`method` is not a string".to_string()),
        };
        if result.is_some() || error.is_some() {
            return structure_error(bytes, "a request cannot carry `result` or `error`".to_string());
        }
        return match id {
            None => Message::Notification(Notification { method, params, extra }),
            Some(None) => structure_error(bytes, "request id must not be null".to_string()),
            Some(Some(id)) => Message::Request(Request {
                id,
                method,
                params,
                extra,
            }),
        };
    }

    if params.is_some() {
        return structure_error(bytes, "`params` without `method`".to_string());
    }
    let Some(id) = id else {
        return structure_error(bytes, "response without `id`".to_string());
    };
    let outcome = match (result, error) {
        (Some(r), None) => {
            if id.is_none() {
                return structure_error(bytes, "result response with null id".to_string());
            }
            Outcome::Result(r)
        }
        (None, Some(e)) => match parse_error_object(&e) {
            Ok(e) => Outcome::Error(e),
            Err(reason) => return structure_error(bytes, reason),
        },
        (Some(_), Some(_)) => return structure_error(bytes, "both `result` and `error`".to_string()),
        (None, None) => return structure_error(bytes, "neither `method`, `result` nor `error`".to_string()),
    };
    Message::Response(Response { id, outcome, extra })
}

fn structure_error(bytes: &[u8], reason: String) -> Message {
    invalid(bytes, InvalidKind::Structure, reason)
}

fn parse_error_object(raw: &RawValue) -> Result<ErrorObject, String> {
    let members = serde_json::from_str::<RawObject>(raw.get()).map_err(|_| "`error` is not an object".to_string())?;
    let mut code = None;
    let mut message = None;
    let mut data = None;
    let mut extra = Vec::new();
    for (key, value) in members.0 {
        match key.as_str() {
            "code" if code.is_none() => code = Some(value),
            "message" if message.is_none() => message = Some(value),
            "data" if data.is_none() => data = Some(value),
            "code" | "message" | "data" => return Err(format!("duplicate member `error.{key}`")),
            _ => extra.push((key, value)),
        }
    }
    let code = code
        .and_then(|c| serde_json::from_str::<i64>(c.get()).ok())
        .ok_or_else(|| "`error.code` is not an integer".to_string())?;
    let message = message
        .and_then(|m| serde_json::from_str::<String>(m.get()).ok())
        .ok_or_else(|| "`error.message` is not a string".to_string())?;
    Ok(ErrorObject {
        code,
        message,
        data,
        extra,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(m: &Message) -> &Request {
        match m {
            Message::Request(r) => r,
            other => panic!("not a request: {other:?}"),
        }
    }

    #[test]
    fn request_keeps_params_raw_and_unknown_members_in_order() {
        let text =
            br#"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"b":1, "a":[2]},"zz":1,"aa":{"x":true}}"#;
        let m = Message::parse(text);
        let r = req(&m);
        assert_eq!(r.id, Id::from(7u64));
        assert_eq!(r.method, "tools/call");
        assert_eq!(r.params.as_ref().unwrap().get(), r#"{"b":1, "a":[2]}"#);
        let keys: Vec<_> = r.extra.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["zz", "aa"]);
        assert_eq!(
            String::from_utf8(m.to_vec()).unwrap(),
            r#"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"b":1, "a":[2]},"zz":1,"aa":{"x":true}}"#
        );
    }

    #[test]
    fn notification_response_and_error() {
        assert!(matches!(
            Message::parse(br#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#),
            Message::Notification(_)
        ));
        match Message::parse(br#"{"result":{"tools":[]},"jsonrpc":"2.0","id":"a"}"#) {
            Message::Response(Response {
                id: Some(Id::String(s)),
                outcome: Outcome::Result(r),
                ..
            }) => {
                assert_eq!(s, "a");
                assert_eq!(r.get(), r#"{"tools":[]}"#);
            }
            other => panic!("{other:?}"),
        }
        match Message::parse(br#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"bad","data":[1]}}"#) {
            Message::Response(Response {
                id: None,
                outcome: Outcome::Error(e),
                ..
            }) => {
                assert_eq!(e.code, -32700);
                assert_eq!(e.data.unwrap().get(), "[1]");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn invalid_frames_are_classified_not_dropped() {
        let cases: &[(&[u8], InvalidKind)] = &[
            (b"hello", InvalidKind::Parse),
            (b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":", InvalidKind::Parse),
            (b"\xff\xfe{}", InvalidKind::Parse),
            (br#"{"id":1,"method":"x"}"#, InvalidKind::Structure),
            (br#"{"jsonrpc":"1.0","id":1,"method":"x"}"#, InvalidKind::Structure),
            (br#"{"jsonrpc":"2.0","id":null,"method":"x"}"#, InvalidKind::Structure),
            (br#"{"jsonrpc":"2.0","id":true,"method":"x"}"#, InvalidKind::Structure),
            (br#"{"jsonrpc":"2.0","id":1,"method":7}"#, InvalidKind::Structure),
            (
                br#"{"jsonrpc":"2.0","id":1,"method":"x","params":3}"#,
                InvalidKind::Structure,
            ),
            (
                br#"{"jsonrpc":"2.0","id":1,"result":1,"error":{"code":1,"message":"m"}}"#,
                InvalidKind::Structure,
            ),
            (
                br#"{"jsonrpc":"2.0","id":1,"error":{"code":"x","message":"m"}}"#,
                InvalidKind::Structure,
            ),
            (br#"{"jsonrpc":"2.0","id":null,"result":{}}"#, InvalidKind::Structure),
            (br#"{"jsonrpc":"2.0","result":{}}"#, InvalidKind::Structure),
            (br#"[]"#, InvalidKind::Structure),
        ];
        for (bytes, kind) in cases {
            match Message::parse(bytes) {
                Message::Invalid(inv) => assert_eq!(inv.kind, *kind, "{}", String::from_utf8_lossy(bytes)),
                other => panic!("accepted {}: {other:?}", String::from_utf8_lossy(bytes)),
            }
        }
    }

    #[test]
    fn duplicate_policed_members_are_rejected() {
        let m = Message::parse(br#"{"jsonrpc":"2.0","id":1,"method":"tools/list","method":"tools/call"}"#);
        match m {
            Message::Invalid(inv) => {
                assert!(inv.reason.contains("duplicate"), "{}", inv.reason);
                assert_eq!(inv.id, Some(Id::from(1u64)));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn broken_request_gets_an_addressed_parse_error() {
        let m = Message::parse(br#"{"jsonrpc":"2.0","id":"r1","method":"tools/call","params":{"name":"#);
        let Message::Invalid(inv) = m else {
            panic!("not invalid")
        };
        let reply = inv.error_reply().expect("addressable");
        assert_eq!(reply.id, Some(Id::from("r1")));
        assert!(matches!(reply.outcome, Outcome::Error(ref e) if e.code == super::super::codes::PARSE_ERROR));
        // A broken response (no method) is recorded, never answered.
        let Message::Invalid(inv) = Message::parse(br#"{"jsonrpc":"2.0","id":3,"result":{"#) else {
            panic!()
        };
        assert_eq!(inv.id, Some(Id::from(3u64)));
        assert!(inv.error_reply().is_none());
    }

    #[test]
    fn batch_elements_are_decoded_one_by_one() {
        let m = Message::parse(br#"[{"jsonrpc":"2.0","method":"a"},{"jsonrpc":"2.0","id":2,"method":"b"},3,[]]"#);
        let Message::Batch(items) = m else {
            panic!("not a batch")
        };
        assert_eq!(items.len(), 4);
        assert!(matches!(items[0], Message::Notification(_)));
        assert!(matches!(items[1], Message::Request(_)));
        assert!(matches!(items[2], Message::Invalid(_)));
        assert!(matches!(items[3], Message::Invalid(_)));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let mut s = String::from(r#"{"jsonrpc":"2.0","id":1,"method":"x","params":{"a":"#);
        s.push_str(&"[".repeat(200_000));
        s.push_str(&"]".repeat(200_000));
        s.push_str("}}");
        // Either accepted as raw or rejected; what matters is that it returns.
        let _ = Message::parse(s.as_bytes());
        let deep = "[".repeat(500_000);
        assert!(matches!(Message::parse(deep.as_bytes()), Message::Invalid(_)));
    }

    #[test]
    fn error_response_round_trip_keeps_data() {
        let text = br#"{"jsonrpc":"2.0","id":5,"error":{"code":-32022,"message":"Unsupported protocol version","data":{"supported":["2026-07-28"],"requested":"x"}}}"#;
        let m = Message::parse(text);
        assert_eq!(m.to_vec(), text.to_vec());
    }
}
