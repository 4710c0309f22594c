//! Which requests are waiting for an answer, and what method each one was.
//!
//! A JSON-RPC response does not say what it answers; only its id does. Remembering the
//! method of every outstanding request id (one table per direction: requests we sent,
//! requests the peer sent) lets a response be typed by the request it answers. The table
//! is bounded so a peer cannot grow it without limit.

use super::id::Id;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// One outstanding request.
#[derive(Debug)]
pub struct Pending<V> {
    pub method: String,
    pub since: Instant,
    pub value: V,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PendingError {
    #[error("too many requests awaiting an answer (limit {max})")]
    Full { max: usize },
    #[error("request id {0} is already awaiting an answer")]
    DuplicateId(Id),
}

/// Outstanding requests of one direction, keyed by id, with a bound on their number.
#[derive(Debug)]
pub struct PendingRequests<V = ()> {
    entries: HashMap<Id, Pending<V>>,
    max: usize,
}

impl<V> PendingRequests<V> {
    pub fn new(max: usize) -> Self {
        PendingRequests {
            entries: HashMap::new(),
            max,
        }
    }

    /// Records a request. Fails when the id is already outstanding (JSON-RPC requires
    /// unique ids among outstanding requests) or when the table is full.
    pub fn insert(&mut self, id: Id, method: impl Into<String>, value: V) -> Result<(), PendingError> {
        if self.entries.contains_key(&id) {
            return Err(PendingError::DuplicateId(id));
        }
        if self.entries.len() >= self.max {
            return Err(PendingError::Full { max: self.max });
        }
        self.entries.insert(
            id,
            Pending {
                method: method.into(),
                since: Instant::now(),
                value,
            },
        );
        Ok(())
    }

    /// The method of an outstanding request.
    pub fn method_of(&self, id: &Id) -> Option<&str> {
        self.entries.get(id).map(|p| p.method.as_str())
    }

    /// Removes and returns the request a response answers.
    pub fn take(&mut self, id: &Id) -> Option<Pending<V>> {
        self.entries.remove(id)
    }

    pub fn contains(&self, id: &Id) -> bool {
        self.entries.contains_key(id)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Removes and returns the requests outstanding for longer than `age`.
    pub fn expire(&mut self, age: Duration) -> Vec<(Id, Pending<V>)> {
        let now = Instant::now();
        let old: Vec<Id> = self
            .entries
            .iter()
            .filter(|(_, p)| now.duration_since(p.since) > age)
            .map(|(id, _)| id.clone())
            .collect();
        old.into_iter()
            .filter_map(|id| self.entries.remove(&id).map(|p| (id, p)))
            .collect()
    }

    /// Removes and returns every outstanding request (the connection ended).
    pub fn drain(&mut self) -> Vec<(Id, Pending<V>)> {
        self.entries.drain().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_by_method_and_bounded() {
        let mut p = PendingRequests::new(2);
        p.insert(Id::from(1u64), "tools/list", ()).unwrap();
        assert_eq!(
            p.insert(Id::from(1u64), "x", ()),
            Err(PendingError::DuplicateId(Id::from(1u64)))
        );
        p.insert(Id::from("1"), "tools/call", ()).unwrap();
        assert_eq!(p.insert(Id::from(3u64), "x", ()), Err(PendingError::Full { max: 2 }));
        assert_eq!(p.method_of(&Id::from("1")), Some("tools/call"));
        assert_eq!(p.take(&Id::from(1u64)).unwrap().method, "tools/list");
        assert!(p.take(&Id::from(1u64)).is_none());
        assert_eq!(p.len(), 1);
        assert_eq!(p.drain().len(), 1);
        assert!(p.is_empty());
    }

    #[test]
    fn expiry() {
        let mut p = PendingRequests::new(10);
        p.insert(Id::from(1u64), "a", 1).unwrap();
        assert!(p.expire(Duration::from_secs(60)).is_empty());
        std::thread::sleep(Duration::from_millis(5));
        let gone = p.expire(Duration::from_millis(1));
        assert_eq!(gone.len(), 1);
        assert_eq!(gone[0].1.value, 1);
    }
}
