//! YAML (Continue) into the located node tree, built from yaml-rust2's
//! marked event stream so each value keeps its line.

use super::{ParseError, MAX_DEPTH};
use crate::node::{Located, Node, NodeKind, Pos};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Anchors and aliases are resolved by copying, so a "billion laughs" document
/// could expand exponentially; the total node count is capped instead.
const MAX_NODES: usize = 1_000_000;

pub fn parse(text: &str) -> Result<Node, ParseError> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    parser.load(&mut builder, false).map_err(|e| ParseError {
        pos: marker_pos(e.marker()),
        message: e.info().to_owned(),
    })?;
    if let Some(err) = builder.error {
        return Err(err);
    }
    Ok(builder
        .root
        .unwrap_or_else(|| Node::new(NodeKind::Null, Pos::new(1, 1))))
}

fn marker_pos(m: &Marker) -> Pos {
    // yaml-rust2 lines are 1-based, columns 0-based.
    Pos::new(m.line() as u32, m.col() as u32 + 1)
}

enum Frame {
    Seq(Pos, Vec<Node>, usize),
    Map(Pos, Vec<(Located<String>, Node)>, Option<Located<String>>, usize),
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Node>,
    anchors: std::collections::HashMap<usize, Node>,
    nodes: usize,
    error: Option<ParseError>,
}

impl Builder {
    fn fail(&mut self, pos: Pos, message: String) {
        if self.error.is_none() {
            self.error = Some(ParseError { pos, message });
        }
    }

    fn push_value(&mut self, node: Node, anchor: usize) {
        self.nodes += count_nodes(&node);
        if self.nodes > MAX_NODES {
            let pos = node.pos;
            self.fail(pos, format!("more than {MAX_NODES} values (alias expansion?)"));
            return;
        }
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Seq(_, items, _)) => items.push(node),
            Some(Frame::Map(_, entries, pending, _)) => match pending.take() {
                None => {
                    let key = node
                        .scalar_text()
                        .unwrap_or_else(|| format!("<{} key>", node.type_name()));
                    *pending = Some(Located::new(key, node.pos));
                }
                Some(key) => entries.push((key, node)),
            },
        }
    }
}

fn count_nodes(node: &Node) -> usize {
    match &node.kind {
        NodeKind::Array(items) => 1 + items.iter().map(count_nodes).sum::<usize>(),
        NodeKind::Object(entries) => 1 + entries.iter().map(|(_, v)| count_nodes(v)).sum::<usize>(),
        _ => 1,
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        let pos = marker_pos(&mark);
        match ev {
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) if self.stack.len() >= MAX_DEPTH => {
                let _ = anchor;
                self.fail(pos, format!("nesting deeper than {MAX_DEPTH} levels"));
            }
            Event::SequenceStart(anchor, _) => self.stack.push(Frame::Seq(pos, Vec::new(), anchor)),
            Event::MappingStart(anchor, _) => self.stack.push(Frame::Map(pos, Vec::new(), None, anchor)),
            Event::SequenceEnd => {
                if let Some(Frame::Seq(p, items, anchor)) = self.stack.pop() {
                    self.push_value(Node::new(NodeKind::Array(items), p), anchor);
                }
            }
            Event::MappingEnd => {
                if let Some(Frame::Map(p, entries, _, anchor)) = self.stack.pop() {
                    self.push_value(Node::new(NodeKind::Object(entries), p), anchor);
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                let plain = style == TScalarStyle::Plain && tag.is_none();
                let kind = if plain {
                    plain_scalar(value)
                } else {
                    NodeKind::String(value)
                };
                self.push_value(Node::new(kind, pos), anchor);
            }
            Event::Alias(id) => match self.anchors.get(&id).cloned() {
                Some(mut node) => {
                    node.pos = pos;
                    self.push_value(node, 0);
                }
                None => self.fail(pos, "alias to an unknown anchor".into()),
            },
            Event::StreamStart | Event::StreamEnd | Event::DocumentStart | Event::DocumentEnd | Event::Nothing => {}
        }
    }
}

/// YAML 1.2 core-schema resolution of an untagged plain scalar.
fn plain_scalar(value: String) -> NodeKind {
    match value.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => NodeKind::Null,
        "true" | "True" | "TRUE" => NodeKind::Bool(true),
        "false" | "False" | "FALSE" => NodeKind::Bool(false),
        v if looks_numeric(v) => NodeKind::Number(value),
        _ => NodeKind::String(value),
    }
}

fn looks_numeric(v: &str) -> bool {
    let body = v.strip_prefix(['-', '+']).unwrap_or(v);
    !body.is_empty()
        && (body.parse::<f64>().is_ok()
            && body
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
            || body
                .strip_prefix("0x")
                .is_some_and(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continue_shape_with_positions() {
        let doc = parse("name: cfg\nmcpServers:\n  - name: sqlite\n    command: npx\n    args:\n      - -y\n      - pkg\n    port: 8080\n").unwrap();
        let servers = doc.get("mcpServers").unwrap().as_array().unwrap();
        assert_eq!(servers[0].get("name").unwrap().as_str(), Some("sqlite"));
        assert_eq!(servers[0].get("command").unwrap().pos, Pos::new(4, 14));
        assert!(matches!(servers[0].get("port").unwrap().kind, NodeKind::Number(_)));
        assert_eq!(
            servers[0].get("args").unwrap().as_array().unwrap()[1].as_str(),
            Some("pkg")
        );
    }

    #[test]
    fn quoted_scalars_stay_strings() {
        let doc = parse("a: 'true'\nb: \"123\"\nc: true\n").unwrap();
        assert_eq!(doc.get("a").unwrap().as_str(), Some("true"));
        assert_eq!(doc.get("b").unwrap().as_str(), Some("123"));
        assert_eq!(doc.get("c").unwrap().as_bool(), Some(true));
    }

    #[test]
    fn alias_bombs_are_bounded() {
        let mut s = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            s.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n",
                p = i - 1
            ));
        }
        assert!(parse(&s).is_err());
    }

    #[test]
    fn syntax_errors_have_positions() {
        let err = parse("a: [1, 2\nb: c\n").unwrap_err();
        assert!(err.pos.line >= 1);
        assert!(parse("key: \"unterminated\n").is_err());
    }

    #[test]
    fn deep_nesting_is_an_error() {
        assert!(parse(&"[".repeat(10_000)).is_err());
    }
}
