//! What one inspection saw, as data: the snapshot `--snapshot FILE` writes and
//! `--from FILE` reads back, so the same findings can be reproduced offline.
//!
//! Field names are snake_case for mcpward's own structure; MCP objects keep the
//! protocol's member names (`inputSchema`, `uriTemplate`…) so they read like MCP.
//! Nothing secret is kept: the launch command and URL are redacted, of the environment
//! and headers only names are kept, and known-format secrets in server-sent text are
//! redacted by [`Snapshot::redact_secrets`] before anything is analysed.

use mcpward_detect::secrets;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The snapshot format; bumped on incompatible changes.
pub const SNAPSHOT_FORMAT: u32 = 1;

/// Largest snapshot file accepted by [`Snapshot::from_json`].
pub const MAX_SNAPSHOT_BYTES: usize = 256 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub format: u32,
    /// The mcpward version that took it.
    pub mcpward: String,
    pub servers: Vec<ServerSnapshot>,
}

/// How the inspection of one server went. The default is `Skipped`: nothing was seen yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Connected; every list the server offers was read.
    Ok,
    /// Connected and listed its tools, but another list failed or was cut short.
    Partial,
    /// Could not connect, or could not list its tools.
    Failed,
    /// Not started (an unresolvable `${input:…}`, no command, the user declined…).
    #[default]
    Skipped,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Partial => "partial",
            Outcome::Failed => "failed",
            Outcome::Skipped => "skipped",
        }
    }

    /// Whether the tool list is known (pins can be compared and recorded).
    pub fn has_tools(self) -> bool {
        matches!(self, Outcome::Ok | Outcome::Partial)
    }
}

/// `serverInfo`, as the server reports itself (a claim, not proof).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerInfo {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// One server: where it is configured, how it was reached, and what it offered.
/// `Default` is an unnamed server that was not inspected; [`ServerSnapshot::new`] names it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ServerSnapshot {
    /// Client id (`claude-desktop`…).
    pub client: String,
    /// Scope id (`user`, `project`…).
    pub scope: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// `stdio`, `http`, `sse` or `unknown`.
    pub transport: String,
    /// The command line or URL, secrets redacted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub launch: Option<String>,
    /// Names of the environment variables the config sets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub env: Vec<String>,
    /// Names of the HTTP headers the config sends.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<String>,
    pub outcome: Outcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The end of the server's stderr (failed servers only; secrets redacted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stderr_tail: Option<String>,
    #[serde(default)]
    pub elapsed_ms: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_info: Option<ServerInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    #[serde(default)]
    pub tools: Vec<ToolSnapshot>,
    #[serde(default)]
    pub resources: Vec<ResourceSnapshot>,
    #[serde(default)]
    pub resource_templates: Vec<TemplateSnapshot>,
    #[serde(default)]
    pub prompts: Vec<PromptSnapshot>,
    /// Lists that were cut short or failed (`tools`, `resources`, `resource_templates`,
    /// `prompts`): what is missing from them is unknown, not absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub incomplete: Vec<String>,
    /// What else the inspection noticed (bounded).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl ServerSnapshot {
    /// A server that was not inspected, with why.
    pub fn new(client: &str, scope: &str, name: &str, transport: &str) -> ServerSnapshot {
        ServerSnapshot {
            client: client.to_owned(),
            scope: scope.to_owned(),
            name: name.to_owned(),
            transport: transport.to_owned(),
            ..ServerSnapshot::default()
        }
    }

    /// `client/name`: how pins and messages name a server.
    pub fn key(&self) -> String {
        format!("{}/{}", self.client, self.name)
    }

    pub fn tools_complete(&self) -> bool {
        self.outcome.has_tools() && !self.incomplete.iter().any(|l| l == "tools")
    }

    fn strings_mut(&mut self, f: &mut dyn FnMut(&mut String)) {
        for s in [&mut self.instructions, &mut self.error, &mut self.stderr_tail]
            .into_iter()
            .flatten()
        {
            f(s);
        }
        self.notes.iter_mut().for_each(&mut *f);
        for t in &mut self.tools {
            for s in [&mut t.title, &mut t.description].into_iter().flatten() {
                f(s);
            }
            for v in [&mut t.input_schema, &mut t.output_schema, &mut t.annotations]
                .into_iter()
                .flatten()
            {
                value_strings_mut(v, f);
            }
        }
        let resources = self
            .resources
            .iter_mut()
            .map(|r| [&mut r.name, &mut r.title, &mut r.description]);
        let templates = self
            .resource_templates
            .iter_mut()
            .map(|r| [&mut r.name, &mut r.title, &mut r.description]);
        resources.chain(templates).flatten().flatten().for_each(&mut *f);
        for p in &mut self.prompts {
            for s in [&mut p.title, &mut p.description].into_iter().flatten() {
                f(s);
            }
            for a in &mut p.arguments {
                if let Some(d) = &mut a.description {
                    f(d);
                }
            }
        }
    }
}

fn value_strings_mut(v: &mut Value, f: &mut dyn FnMut(&mut String)) {
    match v {
        Value::String(s) => f(s),
        Value::Array(items) => items.iter_mut().for_each(|i| value_strings_mut(i, f)),
        Value::Object(map) => map.values_mut().for_each(|i| value_strings_mut(i, f)),
        _ => {}
    }
}

/// A tool as `tools/list` returned it (the members a pin covers, plus `title`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolSnapshot {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "inputSchema", default, skip_serializing_if = "Option::is_none")]
    pub input_schema: Option<Value>,
    #[serde(rename = "outputSchema", default, skip_serializing_if = "Option::is_none")]
    pub output_schema: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<Value>,
}

impl ToolSnapshot {
    /// The object a pin hashes: `name`, `title`, `description`, `inputSchema`,
    /// `outputSchema`, `annotations` — absent members left out. `title` is included
    /// because the model sees it as much as the description.
    pub fn pin_value(&self) -> Value {
        let mut m = serde_json::Map::new();
        m.insert("name".into(), Value::String(self.name.clone()));
        if let Some(t) = &self.title {
            m.insert("title".into(), Value::String(t.clone()));
        }
        if let Some(d) = &self.description {
            m.insert("description".into(), Value::String(d.clone()));
        }
        for (k, v) in [
            ("inputSchema", &self.input_schema),
            ("outputSchema", &self.output_schema),
            ("annotations", &self.annotations),
        ] {
            if let Some(v) = v {
                m.insert(k.into(), v.clone());
            }
        }
        Value::Object(m)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceSnapshot {
    pub uri: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "mimeType", default, skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateSnapshot {
    #[serde(rename = "uriTemplate")]
    pub uri_template: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "mimeType", default, skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PromptSnapshot {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub arguments: Vec<PromptArgSnapshot>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PromptArgSnapshot {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
}

/// Why a snapshot file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("the snapshot is larger than {MAX_SNAPSHOT_BYTES} bytes")]
    TooLarge,
    #[error("not an mcpward snapshot: {0}")]
    Invalid(String),
    #[error("snapshot format {found} is not supported (this mcpward reads format {SNAPSHOT_FORMAT})")]
    Format { found: u64 },
}

impl Snapshot {
    pub fn new(servers: Vec<ServerSnapshot>) -> Snapshot {
        Snapshot {
            format: SNAPSHOT_FORMAT,
            mcpward: crate::report::VERSION.to_owned(),
            servers,
        }
    }

    /// Pretty JSON, ending with a newline.
    pub fn to_json(&self) -> String {
        match serde_json::to_string_pretty(self) {
            Ok(mut s) => {
                s.push('\n');
                s
            }
            // No map with non-string keys, no non-UTF-8 path: cannot fail.
            Err(e) => format!("{{\"error\":{}}}\n", Value::String(e.to_string())),
        }
    }

    /// Reads a snapshot, checking its format first (a clear message for a future format).
    pub fn from_json(text: &str) -> Result<Snapshot, SnapshotError> {
        if text.len() > MAX_SNAPSHOT_BYTES {
            return Err(SnapshotError::TooLarge);
        }
        let value: Value = serde_json::from_str(text).map_err(|e| SnapshotError::Invalid(e.to_string()))?;
        match value.get("format").and_then(Value::as_u64) {
            Some(f) if f == u64::from(SNAPSHOT_FORMAT) => {}
            Some(f) => return Err(SnapshotError::Format { found: f }),
            None => return Err(SnapshotError::Invalid("no `format` number".into())),
        }
        let mut snap: Snapshot = serde_json::from_value(value).map_err(|e| SnapshotError::Invalid(e.to_string()))?;
        // A snapshot may have been written by hand or edited: apply the same redaction.
        snap.redact_secrets();
        Ok(snap)
    }

    /// Redacts known-format secrets (medium confidence or better) in every string the
    /// servers sent. Run before analysis, so live and `--from` analyses see the same text.
    pub fn redact_secrets(&mut self) {
        for s in &mut self.servers {
            s.strings_mut(&mut redact_string);
        }
    }
}

fn redact_string(s: &mut String) {
    let found: Vec<secrets::SecretMatch> = secrets::scan_text(s)
        .into_iter()
        .filter(|m| m.confidence >= secrets::Confidence::Medium)
        .collect();
    if !found.is_empty() {
        *s = secrets::redact_in(s, &found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn server() -> ServerSnapshot {
        let mut s = ServerSnapshot::new("claude-desktop", "user", "demo", "stdio");
        s.outcome = Outcome::Ok;
        s.resource_templates.push(TemplateSnapshot {
            uri_template: "x://{id}".into(),
            name: None,
            title: Some("token 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".into()),
            description: None,
            mime_type: None,
        });
        s.tools.push(ToolSnapshot {
            name: "t".into(),
            title: None,
            description: Some("uses 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".into()),
            input_schema: Some(
                json!({"type":"object","properties":{"x":{"description":"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"}}}),
            ),
            output_schema: None,
            annotations: Some(json!({"readOnlyHint": true})),
        });
        s
    }

    #[test]
    fn round_trip_and_redaction() {
        let mut snap = Snapshot::new(vec![server()]);
        snap.redact_secrets();
        let text = snap.to_json();
        assert!(!text.contains("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"), "{text}");
        assert!(text.contains("\"inputSchema\""), "{text}");
        let back = Snapshot::from_json(&text).unwrap();
        assert_eq!(back, snap);
    }

    #[test]
    fn format_is_checked() {
        assert!(matches!(
            Snapshot::from_json(r#"{"format": 99, "mcpward": "x", "servers": []}"#),
            Err(SnapshotError::Format { found: 99 })
        ));
        assert!(matches!(Snapshot::from_json("[]"), Err(SnapshotError::Invalid(_))));
        assert!(matches!(
            Snapshot::from_json(r#"{"format": 1, "mcpward": "x", "servers": [{"name": 3}]}"#),
            Err(SnapshotError::Invalid(_))
        ));
    }

    #[test]
    fn pin_value_leaves_out_absent_members() {
        let t = ToolSnapshot {
            name: "n".into(),
            title: None,
            description: None,
            input_schema: None,
            output_schema: None,
            annotations: None,
        };
        assert_eq!(t.pin_value(), json!({"name": "n"}));
        assert_eq!(server().key(), "claude-desktop/demo");
        let fresh = ServerSnapshot::new("cursor", "project", "n", "http");
        assert_eq!(
            (fresh.outcome, fresh.transport.as_str(), fresh.tools.len()),
            (Outcome::Skipped, "http", 0)
        );
    }
}
