//! Cursor pagination for the list methods, bounded: a hostile server can return
//! `nextCursor` forever, repeat a cursor, or send more items than anyone needs.

use super::error::ClientError;
use super::Session;
use crate::jsonrpc::codes;
use serde_json::{json, Value};
use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Why a listing stopped before the server said it was complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truncation {
    /// `max_pages` pages were fetched and the server still had a cursor.
    PageLimit(usize),
    /// `max_items` items were kept; the rest were dropped.
    ItemLimit(usize),
    /// The server sent a cursor it had sent before (it would loop forever).
    RepeatedCursor,
}

/// Everything a list method returned.
#[derive(Debug, Clone)]
pub struct Listing<T> {
    pub items: Vec<T>,
    /// Pages fetched.
    pub pages: usize,
    /// Items that could not be read, with why (bounded).
    pub invalid: Vec<String>,
    /// Set when the listing is incomplete.
    pub truncated: Option<Truncation>,
    /// The server answered "method not found" (it does not offer this list).
    pub unsupported: bool,
}

impl<T> Default for Listing<T> {
    fn default() -> Self {
        Listing {
            items: Vec::new(),
            pages: 0,
            invalid: Vec::new(),
            truncated: None,
            unsupported: false,
        }
    }
}

const MAX_INVALID_NOTES: usize = 100;

pub(crate) async fn list_all<T>(
    session: &Session,
    method: &str,
    key: &str,
    decode: fn(Value) -> Result<T, String>,
) -> Result<Listing<T>, ClientError> {
    let limits = *session.limits();
    let mut listing = Listing::default();
    let mut cursor: Option<String> = None;
    let mut seen = HashSet::new();
    loop {
        let params = cursor.take().map(|c| json!({ "cursor": c }));
        let result = match session.request(method, params).await {
            Ok(r) => r,
            Err(ClientError::Rpc {
                code: codes::METHOD_NOT_FOUND,
                ..
            }) if listing.pages == 0 => {
                listing.unsupported = true;
                return Ok(listing);
            }
            Err(e) => return Err(e),
        };
        listing.pages += 1;
        let invalid = |reason: String| ClientError::InvalidResponse {
            method: method.to_string(),
            reason,
        };
        let Value::Object(mut result) = result else {
            return Err(invalid("result is not an object".into()));
        };
        let items = match result.remove(key) {
            Some(Value::Array(items)) => items,
            Some(_) => return Err(invalid(format!("`{key}` is not an array"))),
            None => return Err(invalid(format!("no `{key}` array"))),
        };
        for (index, item) in items.into_iter().enumerate() {
            if listing.items.len() >= limits.max_items {
                listing.truncated = Some(Truncation::ItemLimit(limits.max_items));
                return Ok(listing);
            }
            match decode(item) {
                Ok(v) => listing.items.push(v),
                Err(reason) => {
                    if listing.invalid.len() < MAX_INVALID_NOTES {
                        listing
                            .invalid
                            .push(format!("page {} item {index}: {reason}", listing.pages));
                    }
                }
            }
        }
        match result.remove("nextCursor") {
            None | Some(Value::Null) => return Ok(listing),
            Some(Value::String(next)) => {
                // Remember cursors by hash: a server may send huge ones.
                let mut h = DefaultHasher::new();
                next.hash(&mut h);
                if !seen.insert(h.finish()) {
                    listing.truncated = Some(Truncation::RepeatedCursor);
                    return Ok(listing);
                }
                if listing.pages >= limits.max_pages {
                    listing.truncated = Some(Truncation::PageLimit(limits.max_pages));
                    return Ok(listing);
                }
                cursor = Some(next);
            }
            Some(_) => return Err(invalid("`nextCursor` is not a string".into())),
        }
    }
}
