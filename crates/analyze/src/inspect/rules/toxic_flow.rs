//! `MW-FLOW-002` toxic-flow (live): the "lethal trifecta" among the tools one client
//! offers the model — untrusted content in, private data, a way out.

use crate::finding::{Category, Severity};
use crate::inspect::{LiveContext, LiveRule};
use crate::rule::{FindingBuilder, RuleMeta};
use crate::Finding;
use mcpward_detect::capability::Capability;

pub struct ToxicFlow;

pub(crate) static META: RuleMeta = RuleMeta {
    id: "MW-FLOW-002",
    name: "lethal-trifecta",
    category: Category::ToxicFlow,
    severity: Severity::High,
    summary: "One client's tools together read untrusted content, read private data and can send data out",
    checklist: None,
    doc: r#"## What it finds
For each client, across all of its servers that were inspected, the three legs of the
"lethal trifecta", from the tools' capability labels:
- a **source of untrusted content**: a tool returning text written by third parties (web
  pages, search results, e-mail, issues, chat messages);
- **access to private data**: a tool returning the user's files, mail, databases, secrets;
- a **public sink**: a tool that sends data out (HTTP requests, messages, e-mail, posts).

When all three are present — in one server or spread over several — one finding for the
client, on the server of the first sink, naming tools of each leg. (`MW-FLOW-001` judges the
same risk from the configuration alone, by server identity.)

## Why it matters
The seed, item 5: "A web-search or web-scraping MCP can return content that contains
injected instructions. The model may follow those instructions … never combine an
internet-reading MCP with a credentialed-write MCP under an autonomous agent without an
approval gate." With all three legs in one context, a single injected page can make the
model read your private data and send it out, with no tool misbehaving on its own.

## Example
A client with `fetch` (untrusted web content), `filesystem` (`read_text_file` on your
project) and `slack` (`post_message`).

## Fix
Break a leg: move the internet-reading or the sending server to a different client (or
profile); restrict the private-data server to one project; or require approval for the sink
tools (`mcpward wrap` with `tools.approve`) so nothing leaves without a human saying yes."#,
};

/// Tools named per leg in the message.
const SHOWN: usize = 3;

impl LiveRule for ToxicFlow {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &LiveContext<'_>, out: &mut Vec<Finding>) {
        for (client, members) in cx.clients() {
            let leg = |cap: Capability| -> Vec<(usize, &str)> {
                let mut v = Vec::new();
                for &i in &members {
                    let Some(labels) = cx.labels.get(i) else { continue };
                    for (t, l) in cx.servers[i].tools.iter().zip(labels) {
                        if l.has(cap) {
                            v.push((i, t.name.as_str()));
                        }
                    }
                }
                v
            };
            let untrusted = leg(Capability::UntrustedContentSource);
            let private = leg(Capability::PrivateDataSource);
            let sinks = leg(Capability::NetworkEgress);
            if untrusted.is_empty() || private.is_empty() || sinks.is_empty() {
                continue;
            }
            let describe = |v: &[(usize, &str)]| {
                let mut parts: Vec<String> = v
                    .iter()
                    .take(SHOWN)
                    .map(|(i, t)| format!("{}/{}", cx.servers[*i].name, t.escape_debug()))
                    .collect();
                if v.len() > SHOWN {
                    parts.push(format!("… {} more", v.len() - SHOWN));
                }
                parts.join(", ")
            };
            let shown_client = mcpward_config::Client::from_id(&client).map_or(client.as_str(), |c| c.display_name());
            let message = format!(
                "The tools of {shown_client} combine untrusted content ({}), private data ({}) and a way out ({}): \
                 one injected text can make the model send private data out",
                describe(&untrusted),
                describe(&private),
                describe(&sinks)
            );
            let (sink_server, sink_tool) = sinks[0];
            let b = FindingBuilder::new(&META, message)
                .tool(sink_tool.to_owned())
                .evidence(format!(
                    "untrusted: {}; private: {}; sink: {}",
                    describe(&untrusted),
                    describe(&private),
                    describe(&sinks)
                ))
                .fix(
                    "Move the internet-reading or the sending server to another client, narrow the private-data \
                     server, or require approval for the sink tools (mcpward wrap with tools.approve).",
                );
            cx.emit(sink_server, b, "trifecta", out);
        }
    }
}
