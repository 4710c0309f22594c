//! The MCP objects an inspection reads: server identity, capabilities, tools, resources,
//! resource templates, prompts, log messages.
//!
//! Each keeps the object exactly as the server sent it (`raw`, member order preserved) next
//! to the few fields decoded from it; decoding is lenient (a field of the wrong type reads
//! as absent) because the point is to look at what a hostile server says, not to reject it.

use serde_json::{Map, Value};

fn str_field(obj: &Map<String, Value>, key: &str) -> Option<String> {
    obj.get(key).and_then(Value::as_str).map(str::to_string)
}

fn bool_field(obj: &Map<String, Value>, key: &str) -> Option<bool> {
    obj.get(key).and_then(Value::as_bool)
}

/// Several optional string members at once, in the order of `keys` (each read as `str_field` does).
fn str_fields<const N: usize>(obj: &Map<String, Value>, keys: [&str; N]) -> [Option<String>; N] {
    keys.map(|k| str_field(obj, k))
}

/// The object and its one required string member (`name`, `uri`…): how every item starts.
/// Anything else missing or mistyped reads as absent; these two are what identify the item.
fn object_with<'a>(raw: &'a Value, what: &str, key: &str) -> Result<(&'a Map<String, Value>, String), String> {
    let obj = raw.as_object().ok_or_else(|| format!("{what} is not an object"))?;
    let id = str_field(obj, key).ok_or_else(|| format!("{what} has no string `{key}`"))?;
    Ok((obj, id))
}

/// `serverInfo` / `io.modelcontextprotocol/serverInfo`: self-reported, never proof of anything.
#[derive(Debug, Clone, PartialEq)]
pub struct Implementation {
    pub name: String,
    pub version: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub website_url: Option<String>,
    pub raw: Value,
}

impl Implementation {
    pub fn from_value(raw: Value) -> Result<Self, String> {
        let (obj, name) = object_with(&raw, "implementation info", "name")?;
        Ok(Implementation {
            name,
            version: str_field(obj, "version"),
            title: str_field(obj, "title"),
            description: str_field(obj, "description"),
            website_url: str_field(obj, "websiteUrl"),
            raw,
        })
    }
}

/// What the server says it offers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ServerCapabilities {
    pub raw: Map<String, Value>,
}

impl ServerCapabilities {
    pub fn from_value(raw: Value) -> Self {
        match raw {
            Value::Object(map) => ServerCapabilities { raw: map },
            _ => ServerCapabilities::default(),
        }
    }

    fn has(&self, key: &str) -> bool {
        self.raw.get(key).is_some_and(|v| !v.is_null())
    }

    pub fn tools(&self) -> bool {
        self.has("tools")
    }

    pub fn resources(&self) -> bool {
        self.has("resources")
    }

    pub fn prompts(&self) -> bool {
        self.has("prompts")
    }

    pub fn logging(&self) -> bool {
        self.has("logging")
    }

    pub fn completions(&self) -> bool {
        self.has("completions")
    }

    /// `capabilities.<key>.listChanged`.
    pub fn list_changed(&self, key: &str) -> bool {
        self.raw
            .get(key)
            .and_then(|v| v.get("listChanged"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }
}

/// `Tool.annotations`: claims of the server, hints for classification only.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ToolAnnotations {
    pub title: Option<String>,
    pub read_only_hint: Option<bool>,
    pub destructive_hint: Option<bool>,
    pub idempotent_hint: Option<bool>,
    pub open_world_hint: Option<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tool {
    pub name: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub input_schema: Option<Value>,
    pub output_schema: Option<Value>,
    pub annotations: Option<ToolAnnotations>,
    pub raw: Value,
}

impl Tool {
    pub fn from_value(raw: Value) -> Result<Self, String> {
        let (obj, name) = object_with(&raw, "tool", "name")?;
        let annotations = obj
            .get("annotations")
            .and_then(Value::as_object)
            .map(|a| ToolAnnotations {
                title: str_field(a, "title"),
                read_only_hint: bool_field(a, "readOnlyHint"),
                destructive_hint: bool_field(a, "destructiveHint"),
                idempotent_hint: bool_field(a, "idempotentHint"),
                open_world_hint: bool_field(a, "openWorldHint"),
            });
        Ok(Tool {
            name,
            title: str_field(obj, "title"),
            description: str_field(obj, "description"),
            input_schema: obj.get("inputSchema").cloned(),
            output_schema: obj.get("outputSchema").cloned(),
            annotations,
            raw,
        })
    }
}

/// The optional string members a resource and a resource template share.
const RESOURCE_MEMBERS: [&str; 4] = ["name", "title", "description", "mimeType"];

#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    pub uri: String,
    pub name: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub mime_type: Option<String>,
    pub raw: Value,
}

impl Resource {
    pub fn from_value(raw: Value) -> Result<Self, String> {
        let (obj, uri) = object_with(&raw, "resource", "uri")?;
        let [name, title, description, mime_type] = str_fields(obj, RESOURCE_MEMBERS);
        Ok(Resource {
            uri,
            name,
            title,
            description,
            mime_type,
            raw,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResourceTemplate {
    pub uri_template: String,
    pub name: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub mime_type: Option<String>,
    pub raw: Value,
}

impl ResourceTemplate {
    pub fn from_value(raw: Value) -> Result<Self, String> {
        let (obj, uri_template) = object_with(&raw, "resource template", "uriTemplate")?;
        let [name, title, description, mime_type] = str_fields(obj, RESOURCE_MEMBERS);
        Ok(ResourceTemplate {
            uri_template,
            name,
            title,
            description,
            mime_type,
            raw,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PromptArgument {
    pub name: String,
    pub description: Option<String>,
    pub required: Option<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub name: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub arguments: Vec<PromptArgument>,
    pub raw: Value,
}

impl Prompt {
    pub fn from_value(raw: Value) -> Result<Self, String> {
        let (obj, name) = object_with(&raw, "prompt", "name")?;
        let arguments = obj
            .get("arguments")
            .and_then(Value::as_array)
            .map(|args| {
                args.iter()
                    .filter_map(Value::as_object)
                    .filter_map(|a| {
                        Some(PromptArgument {
                            name: str_field(a, "name")?,
                            description: str_field(a, "description"),
                            required: bool_field(a, "required"),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(Prompt {
            name,
            title: str_field(obj, "title"),
            description: str_field(obj, "description"),
            arguments,
            raw,
        })
    }
}

/// A `notifications/message` the server sent. `data` is the JSON text, truncated.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub level: String,
    pub logger: Option<String>,
    pub data: String,
}

/// Longest `data` kept per log entry.
pub(crate) const MAX_LOG_DATA: usize = 4096;

impl LogEntry {
    pub(crate) fn from_params(params: Option<&serde_json::value::RawValue>) -> LogEntry {
        let value: Value = params
            .and_then(|p| serde_json::from_str(p.get()).ok())
            .unwrap_or(Value::Null);
        let level = value.get("level").and_then(Value::as_str).unwrap_or("unknown");
        let logger = value
            .get("logger")
            .and_then(Value::as_str)
            .map(|s| crate::redact::truncate_chars(s, 200));
        let data = match value.get("data") {
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        };
        LogEntry {
            level: crate::redact::truncate_chars(level, 32),
            logger,
            data: crate::redact::truncate_chars(&data, MAX_LOG_DATA),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tool_decoding_is_lenient_and_keeps_raw() {
        let raw = json!({"name":"rm","description":7,"inputSchema":{"type":"object"},
            "annotations":{"readOnlyHint":"yes","destructiveHint":true},"x-extra":1});
        let t = Tool::from_value(raw.clone()).unwrap();
        assert_eq!(t.name, "rm");
        assert_eq!(t.description, None, "a non-string description reads as absent");
        let a = t.annotations.unwrap();
        assert_eq!(a.read_only_hint, None);
        assert_eq!(a.destructive_hint, Some(true));
        assert_eq!(t.raw, raw);
        assert!(Tool::from_value(json!({"description":"no name"})).is_err());
        assert!(Tool::from_value(json!("tool")).is_err());
    }

    #[test]
    fn other_items() {
        assert_eq!(
            Resource::from_value(json!({"uri":"file:///a","name":"a"})).unwrap().uri,
            "file:///a"
        );
        assert_eq!(
            Resource::from_value(json!({"name":"a"})).unwrap_err(),
            "resource has no string `uri`"
        );
        assert_eq!(Prompt::from_value(json!(1)).unwrap_err(), "prompt is not an object");
        assert_eq!(
            ResourceTemplate::from_value(json!({"uriTemplate":"x://{id}"}))
                .unwrap()
                .uri_template,
            "x://{id}"
        );
        let p = Prompt::from_value(json!({"name":"p","arguments":[{"name":"a","required":true},{"bad":1}]})).unwrap();
        assert_eq!(p.arguments.len(), 1);
        assert_eq!(p.arguments[0].required, Some(true));
        let caps = ServerCapabilities::from_value(json!({"tools":{"listChanged":true},"prompts":null}));
        assert!(caps.tools() && caps.list_changed("tools") && !caps.prompts() && !caps.resources());
    }
}
