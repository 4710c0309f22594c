//! A format-neutral document tree that remembers where every value came from.
//!
//! Every parser (JSON/JSONC/JSON5, TOML, YAML) produces this tree, so client
//! extractors are written once against it and every finding can cite `file:line`.

use serde::Serialize;

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub const fn new(line: u32, col: u32) -> Self {
        Pos { line, col }
    }
}

/// A value together with the position it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Located<T> {
    pub value: T,
    pub pos: Pos,
}

impl<T> Located<T> {
    pub fn new(value: T, pos: Pos) -> Self {
        Located { value, pos }
    }
}

impl Located<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// One node of a parsed configuration document.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub pos: Pos,
}

/// The shape of a node. Numbers keep their source text: configs never do
/// arithmetic, and this way no precision is lost or invented.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Node>),
    /// Keys in document order; duplicates are kept (the last one wins for `get`,
    /// as in JavaScript, but a rule may still look at all of them).
    Object(Vec<(Located<String>, Node)>),
}

impl Node {
    pub fn new(kind: NodeKind, pos: Pos) -> Self {
        Node { kind, pos }
    }

    /// The value under `key` of an object node (the last one when duplicated).
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            NodeKind::Object(entries) => entries.iter().rev().find(|(k, _)| k.value == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Follows a path of object keys.
    pub fn path(&self, keys: &[&str]) -> Option<&Node> {
        keys.iter().try_fold(self, |node, key| node.get(key))
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::String(s) => Some(s),
            _ => None,
        }
    }

    /// A string node as a located string.
    pub fn located_str(&self) -> Option<Located<String>> {
        self.as_str().map(|s| Located::new(s.to_owned(), self.pos))
    }

    pub fn as_bool(&self) -> Option<bool> {
        match &self.kind {
            NodeKind::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[(Located<String>, Node)]> {
        match &self.kind {
            NodeKind::Object(entries) => Some(entries),
            _ => None,
        }
    }

    /// Scalars rendered as text (numbers and booleans too), for places such as
    /// `env` values where clients coerce whatever they are given to a string.
    pub fn scalar_text(&self) -> Option<String> {
        match &self.kind {
            NodeKind::String(s) => Some(s.clone()),
            NodeKind::Number(n) => Some(n.clone()),
            NodeKind::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// A short name for the node's type, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            NodeKind::Null => "null",
            NodeKind::Bool(_) => "boolean",
            NodeKind::Number(_) => "number",
            NodeKind::String(_) => "string",
            NodeKind::Array(_) => "array",
            NodeKind::Object(_) => "object",
        }
    }
}
