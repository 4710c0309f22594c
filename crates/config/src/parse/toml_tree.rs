//! TOML (Codex CLI) into the located node tree, using the `toml` crate's
//! span-keeping parser.

use super::{offset_to_pos, ParseError, MAX_DEPTH};
use crate::node::{Located, Node, NodeKind};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

pub fn parse(text: &str) -> Result<Node, ParseError> {
    let table = DeTable::parse(text).map_err(|e| ParseError {
        pos: offset_to_pos(text, e.span().map_or(0, |s| s.start)),
        message: first_line(e.message()),
    })?;
    let span = table.span();
    convert_table(text, table.get_ref(), span.start, 0)
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("invalid TOML").trim().to_owned()
}

fn convert_table(text: &str, table: &DeTable<'_>, start: usize, depth: usize) -> Result<Node, ParseError> {
    if depth > MAX_DEPTH {
        return Err(ParseError {
            pos: offset_to_pos(text, start),
            message: format!("nesting deeper than {MAX_DEPTH} levels"),
        });
    }
    let mut entries = Vec::with_capacity(table.len());
    for (key, value) in table.iter() {
        let key_pos = offset_to_pos(text, key.span().start);
        let node = convert_value(text, value, depth + 1)?;
        entries.push((Located::new(key.get_ref().to_string(), key_pos), node));
    }
    Ok(Node::new(NodeKind::Object(entries), offset_to_pos(text, start)))
}

fn convert_value(text: &str, value: &Spanned<DeValue<'_>>, depth: usize) -> Result<Node, ParseError> {
    let start = value.span().start;
    let pos = offset_to_pos(text, start);
    if depth > MAX_DEPTH {
        return Err(ParseError {
            pos,
            message: format!("nesting deeper than {MAX_DEPTH} levels"),
        });
    }
    let kind = match value.get_ref() {
        DeValue::String(s) => NodeKind::String(s.to_string()),
        DeValue::Integer(i) => NodeKind::Number(i.to_string()),
        DeValue::Float(f) => NodeKind::Number(f.to_string()),
        DeValue::Boolean(b) => NodeKind::Bool(*b),
        DeValue::Datetime(d) => NodeKind::String(d.to_string()),
        DeValue::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items.iter() {
                out.push(convert_value(text, item, depth + 1)?);
            }
            NodeKind::Array(out)
        }
        DeValue::Table(t) => return convert_table(text, t, start, depth),
    };
    Ok(Node::new(kind, pos))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::Pos;

    #[test]
    fn codex_shape_with_positions() {
        let doc = parse(
            "model = \"o3\"\n\n[mcp_servers.docs]\ncommand = \"npx\"\nargs = [\"-y\", \"pkg\"]\nenv = { A = \"b\" }\n",
        )
        .unwrap();
        let docs = doc.path(&["mcp_servers", "docs"]).unwrap();
        assert_eq!(docs.get("command").unwrap().as_str(), Some("npx"));
        assert_eq!(docs.get("command").unwrap().pos, Pos::new(4, 11));
        assert_eq!(docs.get("args").unwrap().as_array().unwrap()[1].as_str(), Some("pkg"));
        assert_eq!(docs.path(&["env", "A"]).unwrap().as_str(), Some("b"));
    }

    #[test]
    fn errors_have_positions() {
        let err = parse("a = 1\nb = = 2\n").unwrap_err();
        assert_eq!(err.pos.line, 2);
    }
}
