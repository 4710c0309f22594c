//! Live inspection: rules over what servers really offer (tools, resources, resource
//! templates, prompts, instructions), the snapshot model, pins and their diffs.
//!
//! The CLI connects to the servers and fills a [`snapshot::Snapshot`]; everything here is
//! pure over that snapshot and the pins, so `mcpward inspect --from FILE` reproduces the
//! findings of a live run exactly.
//!
//! - [`snapshot`]: the serde model of what was seen.
//! - [`canonical`]: canonical JSON and SHA-256 (the pin recipe).
//! - [`lock`]: pins, the `mcpward.lock` file, comparing and approving.
//! - [`diff`]: a line/word text diff and a JSON path diff.
//! - [`plan`]: how to start or reach a configured server (references expanded, the
//!   environment it gets) and how to show that without a secret.
//! - [`rules`]: one file per live rule; [`live_rules`] lists them.
//! - [`render`]: the per-server part of the terminal report.

pub mod canonical;
pub mod diff;
pub mod lock;
pub mod plan;
pub mod render;
pub mod rules;
pub mod snapshot;

use crate::finding::Finding;
use crate::rule::{FindingBuilder, RuleMeta};
use lock::{PinDiff, ServerPin, ToolChange};
use mcpward_config::Client;
use mcpward_detect::capability::{label_tool, ToolLabels};
use mcpward_detect::injection::{scan, scan_tool, ScanContext, Verdict};
use serde::Serialize;
use serde_json::Value;
use snapshot::{Outcome, ServerInfo, ServerSnapshot};
use std::path::{Path, PathBuf};

/// A rule over inspected servers.
pub trait LiveRule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &LiveContext<'_>, out: &mut Vec<Finding>);
}

/// Every live rule, in the order `mcpward rules` lists them.
pub fn live_rules() -> Vec<&'static dyn LiveRule> {
    rules::all()
}

/// The metadata of every live rule.
pub fn live_metas() -> Vec<&'static RuleMeta> {
    live_rules().into_iter().map(|r| r.meta()).collect()
}

/// One model-visible text of a server that the injection scanner had something to say
/// about (texts without any signal are not kept).
#[derive(Debug, Clone)]
pub struct ScannedText {
    /// Index into [`LiveContext::servers`].
    pub server: usize,
    /// The tool the text belongs to, if any.
    pub tool: Option<String>,
    /// What the text is, for messages: "the description of tool `add`".
    pub what: String,
    /// Stable id of the place (part of finding fingerprints): `tool/add/description`.
    pub id: String,
    pub verdict: Verdict,
}

/// Everything a live rule may look at, computed once.
pub struct LiveContext<'a> {
    pub servers: &'a [ServerSnapshot],
    /// For `~` in fingerprints and paths.
    pub home: &'a Path,
    /// `labels[server][tool]`, parallel to `servers[server].tools`.
    pub labels: Vec<Vec<ToolLabels>>,
    /// Texts with at least one signal.
    pub texts: Vec<ScannedText>,
    /// Per server: the comparison with its pin (`None`: not pinned, or tools not listed).
    pub pins: Vec<Option<PinDiff>>,
}

impl<'a> LiveContext<'a> {
    /// Labels every tool, scans every text, compares with `pins`.
    pub fn new(servers: &'a [ServerSnapshot], pins: &[ServerPin], home: &'a Path) -> LiveContext<'a> {
        let labels = servers
            .iter()
            .map(|s| {
                s.tools
                    .iter()
                    .map(|t| {
                        label_tool(
                            &t.name,
                            t.description.as_deref().unwrap_or(""),
                            t.input_schema.as_ref(),
                            t.annotations.as_ref(),
                        )
                    })
                    .collect()
            })
            .collect();
        let mut texts = Vec::new();
        for (i, s) in servers.iter().enumerate() {
            collect_texts(i, s, &mut texts);
        }
        let pins = servers
            .iter()
            .map(|s| {
                if !s.outcome.has_tools() {
                    return None;
                }
                pins.iter()
                    .find(|p| p.client == s.client && p.server == s.name)
                    .map(|p| lock::compare(p, s))
            })
            .collect();
        LiveContext {
            servers,
            home,
            labels,
            texts,
            pins,
        }
    }

    /// Indices of the servers of each client, in order, skipping servers whose tools
    /// were not listed.
    pub fn clients(&self) -> Vec<(String, Vec<usize>)> {
        let mut out: Vec<(String, Vec<usize>)> = Vec::new();
        for (i, s) in self.servers.iter().enumerate() {
            if !s.outcome.has_tools() {
                continue;
            }
            match out.iter_mut().find(|(c, _)| *c == s.client) {
                Some((_, v)) => v.push(i),
                None => out.push((s.client.clone(), vec![i])),
            }
        }
        out
    }

    /// Finishes a finding about `servers[server]`: server name, file and line, client,
    /// and a fingerprint from `identity` (which must hold no line number and no secret).
    pub fn emit(&self, server: usize, builder: FindingBuilder, identity: &str, out: &mut Vec<Finding>) {
        let Some(s) = self.servers.get(server) else { return };
        let mut b = builder
            .server_name(&s.name)
            .identity(format!("{}\u{1f}{identity}", s.client));
        if let Some(file) = &s.file {
            b = b.path(PathBuf::from(file));
        }
        let mut f = b.finish(self.home);
        f.client = Client::from_id(&s.client);
        f.line = s.line.filter(|l| *l > 0);
        out.push(f);
    }
}

/// Findings of one rule about one server are capped here; the rest are counted in one
/// last finding, so a server with ten thousand poisoned tools cannot flood the report.
pub const MAX_FINDINGS_PER_SERVER: usize = 50;

/// One model-visible text of a server, before scanning.
pub struct TextRef<'s> {
    pub tool: Option<&'s str>,
    pub what: String,
    pub id: String,
    pub text: &'s str,
    pub ctx: ScanContext,
}

/// Every text of `s` the model will see: instructions; tool names, titles, descriptions
/// and every prose string of their schemas and annotations; prompt titles, descriptions
/// and argument descriptions; resource and template names, titles and descriptions.
/// Resource and template descriptions are metadata written by the server author, so they
/// are scanned like tool descriptions.
pub fn server_texts(s: &ServerSnapshot) -> Vec<TextRef<'_>> {
    fn add<'s>(
        out: &mut Vec<TextRef<'s>>,
        tool: Option<&'s str>,
        what: String,
        id: String,
        text: &'s str,
        ctx: ScanContext,
    ) {
        out.push(TextRef {
            tool,
            what,
            id,
            text,
            ctx,
        });
    }
    let mut out = Vec::new();
    if let Some(i) = &s.instructions {
        add(
            &mut out,
            None,
            "the server's instructions".into(),
            "instructions".into(),
            i.as_str(),
            ScanContext::ServerInstructions,
        );
    }
    for t in &s.tools {
        let n = t.name.as_str();
        add(
            &mut out,
            Some(n),
            format!("the name of tool `{n}`"),
            format!("tool/{n}/name"),
            n,
            ScanContext::ToolDescription,
        );
        if let Some(title) = &t.title {
            add(
                &mut out,
                Some(n),
                format!("the title of tool `{n}`"),
                format!("tool/{n}/title"),
                title,
                ScanContext::ToolDescription,
            );
        }
        if let Some(d) = &t.description {
            add(
                &mut out,
                Some(n),
                format!("the description of tool `{n}`"),
                format!("tool/{n}/description"),
                d,
                ScanContext::ToolDescription,
            );
        }
        for (key, schema) in [
            ("inputSchema", &t.input_schema),
            ("outputSchema", &t.output_schema),
            ("annotations", &t.annotations),
        ] {
            let Some(schema) = schema else { continue };
            let mut strings = Vec::new();
            schema_strings(schema, key, 0, &mut strings);
            for (path, text) in strings {
                add(
                    &mut out,
                    Some(n),
                    format!("`{path}` of tool `{n}`"),
                    format!("tool/{n}/{path}"),
                    text,
                    ScanContext::ParameterDescription,
                );
            }
        }
    }
    for p in &s.prompts {
        let n = &p.name;
        for (field, text) in [("title", &p.title), ("description", &p.description)] {
            if let Some(text) = text {
                add(
                    &mut out,
                    None,
                    format!("the {field} of prompt `{n}`"),
                    format!("prompt/{n}/{field}"),
                    text,
                    ScanContext::PromptText,
                );
            }
        }
        for a in &p.arguments {
            if let Some(d) = &a.description {
                add(
                    &mut out,
                    None,
                    format!("the description of argument `{}` of prompt `{n}`", a.name),
                    format!("prompt/{n}/arg/{}", a.name),
                    d,
                    ScanContext::PromptText,
                );
            }
        }
    }
    for r in &s.resources {
        for (field, text) in [("name", &r.name), ("title", &r.title), ("description", &r.description)] {
            if let Some(text) = text {
                add(
                    &mut out,
                    None,
                    format!("the {field} of resource `{}`", r.uri),
                    format!("resource/{}/{field}", r.uri),
                    text,
                    ScanContext::ToolDescription,
                );
            }
        }
    }
    for r in &s.resource_templates {
        for (field, text) in [("name", &r.name), ("title", &r.title), ("description", &r.description)] {
            if let Some(text) = text {
                add(
                    &mut out,
                    None,
                    format!("the {field} of resource template `{}`", r.uri_template),
                    format!("template/{}/{field}", r.uri_template),
                    text,
                    ScanContext::ToolDescription,
                );
            }
        }
    }
    out
}

/// Fields named in a tool finding's message; the rest are counted.
const MAX_FIELDS_NAMED: usize = 4;

/// Scans what the model reads of `s`. A tool is judged as one text with
/// [`scan_tool`] (all its fields combined, so an attack split across the description and
/// a parameter counts as a whole) — the rule for "this tool is poisoned" that
/// `mcpward scan` shares; its name is scanned on its own. Every other text (instructions,
/// prompts, resources, templates) is scanned by itself.
fn collect_texts(server: usize, s: &ServerSnapshot, out: &mut Vec<ScannedText>) {
    let mut push = |tool: Option<&str>, what: String, id: String, verdict: Verdict| {
        if !verdict.signals.is_empty() {
            out.push(ScannedText {
                server,
                tool: tool.map(str::to_owned),
                what,
                id,
                verdict,
            });
        }
    };
    for t in &s.tools {
        let n = t.name.as_str();
        let whole = scan_tool(&t.pin_value());
        let mut fields: Vec<&str> = whole.fields.iter().map(|f| f.path.as_str()).collect();
        if fields.len() > MAX_FIELDS_NAMED {
            let more = fields.len() - MAX_FIELDS_NAMED;
            fields.truncate(MAX_FIELDS_NAMED);
            let note = format!("{more} more field(s)");
            push(
                Some(n),
                format!("tool `{}` ({}, {note})", n.escape_debug(), fields.join(", ")),
                tool_id(n),
                whole.verdict,
            );
        } else {
            push(
                Some(n),
                format!("tool `{}` ({})", n.escape_debug(), fields.join(", ")),
                tool_id(n),
                whole.verdict,
            );
        }
        push(
            Some(n),
            format!("the name of tool `{}`", n.escape_debug()),
            format!("tool/{n}/name"),
            scan(n, ScanContext::ToolDescription),
        );
    }
    for t in server_texts(s).into_iter().filter(|t| t.tool.is_none()) {
        if t.text.is_empty() {
            continue;
        }
        push(None, t.what, t.id, scan(t.text, t.ctx));
    }
}

/// The id of a tool's combined scan in [`LiveContext::texts`].
pub fn tool_id(name: &str) -> String {
    format!("tool/{name}")
}

impl ScannedText {
    /// Whether this scan covers the text with id `id` (a tool's combined scan covers every
    /// field of the tool except its name).
    pub fn covers(&self, id: &str) -> bool {
        if self.id == id {
            return true;
        }
        match id.strip_prefix(self.id.as_str()) {
            Some(rest) => self.id.starts_with("tool/") && rest.starts_with('/') && rest != "/name",
            None => false,
        }
    }
}

/// Schema keys whose string values are vocabulary, not prose.
const VOCABULARY_KEYS: &[&str] = &["type", "format", "$schema", "$ref", "$id", "pattern"];
/// Nesting followed into a schema; deeper strings are not scanned one by one.
const MAX_SCHEMA_DEPTH: usize = 16;

/// Every prose string of a schema (descriptions, titles, defaults, enum values, examples)
/// and every non-ASCII property name, with its path. The model reads the whole schema.
fn schema_strings<'v>(v: &'v Value, path: &str, depth: usize, out: &mut Vec<(String, &'v str)>) {
    if depth > MAX_SCHEMA_DEPTH {
        return;
    }
    match v {
        Value::String(s) => out.push((path.to_owned(), s)),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                schema_strings(item, &format!("{path}[{i}]"), depth + 1, out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                if VOCABULARY_KEYS.contains(&k.as_str()) && item.is_string() {
                    continue;
                }
                let child = format!("{path}.{k}");
                if !k.is_ascii() {
                    out.push((format!("{child} (name)"), k));
                }
                schema_strings(item, &child, depth + 1, out);
            }
        }
        _ => {}
    }
}

/// One tool as reports list it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InspectedTool {
    pub name: String,
    /// Capability ids (`read`, `write`, `exec`…).
    pub capabilities: Vec<&'static str>,
    /// The labels with their reasons.
    pub labels: ToolLabels,
}

/// How a server's surface compares with its pin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PinStatus {
    /// No pin recorded (see `mcpward inspect --pin`).
    Unpinned,
    /// Same as pinned.
    Unchanged,
    /// Differs from the pin (see `changes`).
    Changed,
    /// Not compared: the tools were not listed.
    NotCompared,
}

/// The per-server part of an inspection report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InspectedServer {
    pub client: String,
    pub server: String,
    pub outcome: Outcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stderr_tail: Option<String>,
    pub elapsed_ms: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_info: Option<ServerInfo>,
    pub instructions: bool,
    pub tools: Vec<InspectedTool>,
    pub resources: usize,
    pub resource_templates: usize,
    pub prompts: usize,
    pub pin: PinStatus,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<ToolChange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instructions_diff: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub incomplete: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// The result of [`analyse`].
#[derive(Debug, Clone)]
pub struct Analysis {
    /// In the canonical order.
    pub findings: Vec<Finding>,
    /// Parallel to the servers analysed.
    pub servers: Vec<InspectedServer>,
}

/// Runs every live rule over `servers`, comparing with `pins`.
pub fn analyse(servers: &[ServerSnapshot], pins: &[ServerPin], home: &Path) -> Analysis {
    let cx = LiveContext::new(servers, pins, home);
    let mut findings = Vec::new();
    for rule in live_rules() {
        rule.check(&cx, &mut findings);
    }
    crate::sort_findings(&mut findings);
    let inspected = servers
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let diff = cx.pins.get(i).cloned().flatten();
            let pinned = pins.iter().any(|p| p.client == s.client && p.server == s.name);
            let pin = match (&diff, s.outcome.has_tools(), pinned) {
                (_, false, _) => PinStatus::NotCompared,
                (_, true, false) => PinStatus::Unpinned,
                (Some(d), true, true) if !d.is_empty() => PinStatus::Changed,
                _ => PinStatus::Unchanged,
            };
            let diff = diff.unwrap_or_default();
            InspectedServer {
                client: s.client.clone(),
                server: s.name.clone(),
                outcome: s.outcome,
                error: s.error.clone(),
                stderr_tail: s.stderr_tail.clone(),
                elapsed_ms: s.elapsed_ms,
                protocol_version: s.protocol_version.clone(),
                server_info: s.server_info.clone(),
                instructions: s.instructions.is_some(),
                tools: s
                    .tools
                    .iter()
                    .zip(cx.labels.get(i).map(Vec::as_slice).unwrap_or_default())
                    .map(|(t, l)| InspectedTool {
                        name: t.name.clone(),
                        capabilities: l.capabilities().map(|c| c.id()).collect(),
                        labels: l.clone(),
                    })
                    .collect(),
                resources: s.resources.len(),
                resource_templates: s.resource_templates.len(),
                prompts: s.prompts.len(),
                pin,
                changes: diff.tools,
                instructions_diff: diff.instructions,
                incomplete: s.incomplete.clone(),
                notes: s.notes.clone(),
            }
        })
        .collect();
    Analysis {
        findings,
        servers: inspected,
    }
}

/// Shortens `s` to `max` characters, marking the cut.
pub(crate) fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tool_scan_covers_its_fields_but_not_its_name_or_other_tools() {
        let t = ScannedText {
            server: 0,
            tool: Some("add".into()),
            what: String::new(),
            id: tool_id("add"),
            verdict: Verdict::clean(),
        };
        assert!(t.covers("tool/add"));
        assert!(t.covers("tool/add/description"));
        assert!(t.covers("tool/add/inputSchema.properties.a.description"));
        assert!(!t.covers("tool/add/name"));
        assert!(!t.covers("tool/addition/description"));
        assert!(!t.covers("instructions"));
        assert_eq!(clip("abcdef", 3), "abc…");
        assert_eq!(clip("abc", 3), "abc");
    }
}
