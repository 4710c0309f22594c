//! `MW-COL-001` name-collision: two servers of one client offering a tool with the same
//! name, or with names that look the same.

use crate::finding::{Category, ChecklistItem, Severity};
use crate::inspect::{LiveContext, LiveRule};
use crate::rule::{FindingBuilder, RuleMeta};
use crate::Finding;
use std::collections::BTreeMap;

pub struct NameCollision;

pub(crate) static META: RuleMeta = RuleMeta {
    id: "MW-COL-001",
    name: "name-collision",
    category: Category::NameCollision,
    severity: Severity::Medium,
    summary: "Servers of one client offer tools with the same or look-alike names",
    checklist: Some(ChecklistItem::ToolListInspected),
    doc: r#"## What it finds
Within one client, tools of different servers whose names are:
- **the same** (`search` in two servers) — **medium**;
- **look-alike**: equal once case, `_`/`-`/`.`/spaces, invisible characters and Cyrillic or
  Greek letters that look Latin are set aside (`send_email` vs `send-Email` vs `sеnd_email`
  with a Cyrillic `е`) — **high**, because that is how an impersonating tool is named.

One finding per group of colliding names, on the server listed last, naming all of them.

## Why it matters
Checklist item 3 asks for the tool list to be inspected before a server is trusted; a
collision means that list does not say which server a call goes to. Clients resolve clashes
differently (first wins, last wins, a prefix, or the model picks), and the model picks by
description — which the newer server controls. The seed's threat model: "A poorly-configured
or malicious server can read files, exfiltrate data, or execute arbitrary code": a look-alike
`send_email` receives the message you meant for the real one.

## Example
```json
{ "mcpServers": {
  "gmail":  { "command": "npx", "args": ["-y", "@gongrzhe/server-gmail-autoauth-mcp"] },
  "helper": { "command": "npx", "args": ["-y", "mail-helper-mcp"] } } }
```
both offering `send_email`.

## Fix
Keep one of the two servers, or move one to a different client or profile. If both are
needed, hide the duplicate tool in one of them (client `excludeTools`/`disabled_tools`, or
`mcpward wrap` with `tools.deny`)."#,
};

/// Look-alike letters (Cyrillic, Greek, fullwidth digits are not needed: names are short
/// identifiers) mapped to the Latin letter they imitate.
fn latin(c: char) -> char {
    match c {
        'а' | 'α' => 'a',
        'в' | 'β' => 'b',
        'с' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'ε' | 'ё' => 'e',
        'һ' => 'h',
        'і' | 'ι' | 'ї' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'м' | 'μ' => 'm',
        'п' | 'η' => 'n',
        'о' | 'ο' | 'σ' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'υ' | 'ц' => 'u',
        'ν' => 'v',
        'ԝ' | 'ω' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        'ʐ' => 'z',
        'ı' => 'i',
        _ => c,
    }
}

fn invisible(c: char) -> bool {
    matches!(c as u32, 0x00AD | 0x034F | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F
        | 0xFE00..=0xFE0F | 0xFEFF | 0xE0000..=0xE007F)
}

/// What a name looks like: lowercase, separators and invisible characters dropped,
/// look-alike letters made Latin.
pub(crate) fn skeleton(name: &str) -> String {
    name.chars()
        .filter(|c| !invisible(*c) && !matches!(c, '_' | '-' | '.' | ' '))
        .flat_map(char::to_lowercase)
        .map(latin)
        .collect()
}

impl LiveRule for NameCollision {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &LiveContext<'_>, out: &mut Vec<Finding>) {
        for (_client, members) in cx.clients() {
            // skeleton -> (server index, tool name), in config order.
            let mut groups: BTreeMap<String, Vec<(usize, &str)>> = BTreeMap::new();
            for &i in &members {
                for t in &cx.servers[i].tools {
                    let entry = groups.entry(skeleton(&t.name)).or_default();
                    // One server listing a name twice is not a collision between servers.
                    if !entry.iter().any(|(s, n)| *s == i && *n == t.name) {
                        entry.push((i, t.name.as_str()));
                    }
                }
            }
            for (skel, group) in groups {
                let mut servers: Vec<usize> = group.iter().map(|(s, _)| *s).collect();
                servers.dedup();
                if servers.len() < 2 || skel.is_empty() {
                    continue;
                }
                let names: Vec<&str> = group.iter().map(|(_, n)| *n).collect();
                let same = names.iter().all(|n| *n == names[0]);
                let listing: Vec<String> = group
                    .iter()
                    .map(|(s, n)| format!("`{}` ({})", n.escape_debug(), cx.servers[*s].name))
                    .collect();
                let (severity, message) = if same {
                    (
                        Severity::Medium,
                        format!(
                            "{} servers of this client offer a tool named `{}`: {}",
                            servers.len(),
                            names[0].escape_debug(),
                            listing.join(", ")
                        ),
                    )
                } else {
                    (
                        Severity::High,
                        format!("Tools with look-alike names in one client: {}", listing.join(", ")),
                    )
                };
                let last = group.last().map_or(0, |(s, _)| *s);
                let b = FindingBuilder::new(&META, message)
                    .severity(severity)
                    .tool(group.last().map_or("", |(_, n)| *n).to_owned())
                    .evidence(listing.join(", "))
                    .fix(
                        "Keep one of the servers, move one to another client, or hide the duplicate tool \
                         (excludeTools / mcpward wrap with tools.deny).",
                    );
                cx.emit(last, b, &format!("collision/{skel}"), out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeletons() {
        assert_eq!(skeleton("send_email"), skeleton("Send-Email"));
        assert_eq!(skeleton("send_email"), skeleton("s\u{435}nd_email"));
        assert_eq!(skeleton("send_email"), skeleton("send\u{200b}_email"));
        assert_ne!(skeleton("send_email"), skeleton("send_mail"));
    }
}
