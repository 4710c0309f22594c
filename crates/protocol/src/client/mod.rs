//! An MCP client: connect, negotiate, list what the server offers, close.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use mcpward_protocol::{Client, ClientOptions, LaunchSpec, Transport};
//! let spec = LaunchSpec::new("/usr/bin/node").arg("server.js").env("PATH", "/usr/bin:/bin");
//! let session = Client::connect(Transport::stdio(spec)?, ClientOptions::new("mcpward", "0.1.0")).await?;
//! let tools = session.list_tools().await?;
//! for tool in &tools.items {
//!     println!("{}", tool.name);
//! }
//! session.close().await;
//! # Ok(()) }
//! ```

mod core;
mod error;
mod handshake;
mod listing;

pub use error::{ClientError, ConnectError, ErrorKind};
pub use listing::{Listing, Truncation};

use crate::jsonrpc::DEFAULT_MAX_FRAME;
use crate::mcp::{
    Implementation, LogEntry, Prompt, ProtocolVersion, Resource, ResourceTemplate, ServerCapabilities, Tool,
};
use crate::transport::{self, CloseCause, CloseReport, LinkLimits, Transport};
use core::{Core, CoreConfig};
use serde_json::Value;
use std::time::Duration;

/// How long each step may take.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// Establishing an HTTP connection; waiting for the legacy SSE `endpoint` event.
    pub connect: Duration,
    /// The `server/discover` probe. A legacy server may never answer it, so this is short.
    pub discover: Duration,
    /// The `initialize` request.
    pub initialize: Duration,
    /// Every other request.
    pub request: Duration,
    /// On close: how long the server gets to exit after its input closes, and again after
    /// SIGTERM, before SIGKILL.
    pub close_grace: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            discover: Duration::from_secs(5),
            initialize: Duration::from_secs(30),
            request: Duration::from_secs(30),
            close_grace: Duration::from_secs(2),
        }
    }
}

/// Bounds on what a server can make us hold.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest message (one stdio line, one HTTP body, one SSE event).
    pub max_frame_bytes: usize,
    /// Requests awaiting an answer at once.
    pub max_pending: usize,
    /// Pages fetched per list (a server may return cursors forever).
    pub max_pages: usize,
    /// Items kept per list.
    pub max_items: usize,
    /// Log notifications kept (the newest).
    pub max_log_entries: usize,
    /// Problems kept (the newest).
    pub max_problems: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_frame_bytes: DEFAULT_MAX_FRAME,
            max_pending: 256,
            max_pages: 100,
            max_items: 10_000,
            max_log_entries: 200,
            max_problems: 200,
        }
    }
}

/// Who we are and what we accept.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// `clientInfo.name`.
    pub name: String,
    /// `clientInfo.version`.
    pub version: String,
    /// Versions offered; the newest is tried first. Default: all of them.
    pub versions: Vec<ProtocolVersion>,
    /// Declare the `roots` capability (and answer `roots/list` with no roots).
    pub declare_roots: bool,
    pub timeouts: Timeouts,
    pub limits: Limits,
}

impl ClientOptions {
    pub fn new(name: impl Into<String>, version: impl Into<String>) -> Self {
        ClientOptions {
            name: name.into(),
            version: version.into(),
            versions: ProtocolVersion::ALL.to_vec(),
            declare_roots: false,
            timeouts: Timeouts::default(),
            limits: Limits::default(),
        }
    }
}

/// Something odd the session saw and kept a note of (bounded; newest kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    /// Bounded, secrets redacted.
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// A line that is not a JSON-RPC message.
    InvalidFrame,
    /// A message over the size limit, dropped.
    OversizedFrame,
    /// A response nobody asked for (unknown or expired id, or no id).
    UnexpectedResponse,
    /// The server sent us a request (sampling, elicitation, roots…).
    ServerRequest,
    /// A transport-level note (HTTP refusal, ignored SSE event, unanswered probe…).
    Transport,
}

/// What negotiation established.
#[derive(Debug, Clone)]
pub(crate) struct SessionInfo {
    version: ProtocolVersion,
    server_info: Option<Implementation>,
    capabilities: ServerCapabilities,
    instructions: Option<String>,
    supported_versions: Vec<String>,
}

/// Entry point.
pub struct Client;

impl Client {
    /// Opens the transport and negotiates a protocol version. On failure the server is shut
    /// down (its process group ended) before the error is returned.
    pub async fn connect(transport: Transport, options: ClientOptions) -> Result<Session, ConnectError> {
        let is_http = matches!(transport, Transport::Http(_));
        let limits = LinkLimits {
            max_frame: options.limits.max_frame_bytes.max(1024),
            connect_timeout: options.timeouts.connect,
            request_timeout: options.timeouts.request,
        };
        let link = match transport::open(transport, limits).await {
            Ok(link) => link,
            Err(e) => {
                return Err(ConnectError {
                    error: e.into(),
                    stderr_tail: None,
                    process: None,
                })
            }
        };
        let core = Core::start(
            link,
            CoreConfig {
                roots: options.declare_roots,
                max_pending: options.limits.max_pending,
                max_logs: options.limits.max_log_entries,
                max_problems: options.limits.max_problems,
                max_frame: limits.max_frame,
                is_http,
            },
        );
        match handshake::negotiate(&core, &options).await {
            Ok(info) => Ok(Session { core, info, options }),
            Err(error) => {
                let report = core.shutdown(options.timeouts.close_grace).await;
                Err(ConnectError {
                    error,
                    stderr_tail: report.stderr_tail,
                    process: report.process,
                })
            }
        }
    }
}

/// A connected server.
pub struct Session {
    core: Core,
    info: SessionInfo,
    options: ClientOptions,
}

impl Session {
    /// The negotiated protocol version.
    pub fn protocol_version(&self) -> ProtocolVersion {
        self.info.version
    }

    /// Versions the server named (`supportedVersions` of `server/discover`, or the one
    /// `initialize` settled on).
    pub fn server_versions(&self) -> &[String] {
        &self.info.supported_versions
    }

    /// `serverInfo` (self-reported).
    pub fn server_info(&self) -> Option<&Implementation> {
        self.info.server_info.as_ref()
    }

    /// The server's `instructions`, as sent (peer text: analyse before showing).
    pub fn instructions(&self) -> Option<&str> {
        self.info.instructions.as_deref()
    }

    pub fn capabilities(&self) -> &ServerCapabilities {
        &self.info.capabilities
    }

    /// Sends any request and returns its result. On 2026-07-28 the per-request `_meta`
    /// is added and `resultType` checked.
    pub async fn request(&self, method: &str, params: Option<Value>) -> Result<Value, ClientError> {
        let version = self.info.version;
        let params = if version.is_modern() {
            Some(handshake::with_meta(params, version, &self.options))
        } else {
            params
        };
        let raw = self
            .core
            .request(method, params, self.options.timeouts.request, Some(version), true)
            .await?;
        let value: Value = serde_json::from_str(raw.get()).map_err(|e| ClientError::InvalidResponse {
            method: method.into(),
            reason: e.to_string(),
        })?;
        if version.is_modern() {
            if let Some(obj) = value.as_object() {
                handshake::check_result_type(method, obj)?;
            }
        }
        Ok(value)
    }

    /// `tools/list`, every page (bounded).
    pub async fn list_tools(&self) -> Result<Listing<Tool>, ClientError> {
        listing::list_all(self, "tools/list", "tools", Tool::from_value).await
    }

    /// `resources/list`, every page (bounded).
    pub async fn list_resources(&self) -> Result<Listing<Resource>, ClientError> {
        listing::list_all(self, "resources/list", "resources", Resource::from_value).await
    }

    /// `resources/templates/list`, every page (bounded).
    pub async fn list_resource_templates(&self) -> Result<Listing<ResourceTemplate>, ClientError> {
        listing::list_all(
            self,
            "resources/templates/list",
            "resourceTemplates",
            ResourceTemplate::from_value,
        )
        .await
    }

    /// `prompts/list`, every page (bounded).
    pub async fn list_prompts(&self) -> Result<Listing<Prompt>, ClientError> {
        listing::list_all(self, "prompts/list", "prompts", Prompt::from_value).await
    }

    /// `notifications/message` the server sent (the newest, bounded).
    pub fn logs(&self) -> Vec<LogEntry> {
        self.core.shared.logs()
    }

    /// What the session noticed: malformed frames, unexpected responses, server requests.
    pub fn problems(&self) -> Vec<Problem> {
        self.core.shared.problems()
    }

    /// Why the connection ended, if it has.
    pub fn closed(&self) -> Option<CloseCause> {
        self.core.shared.closed()
    }

    /// The end of the server's stderr, secrets redacted (stdio only).
    pub fn stderr_tail(&self) -> Option<String> {
        self.core.control.stderr().map(|s| s.text())
    }

    /// The server's process group (stdio only).
    pub fn process_group(&self) -> Option<i32> {
        self.core.control.process_group()
    }

    pub(crate) fn limits(&self) -> &Limits {
        &self.options.limits
    }

    /// Ends the session: closes the server's input; for a process, waits, then SIGTERM and
    /// SIGKILL to its group; for HTTP, DELETEs the session.
    pub async fn close(self) -> CloseReport {
        let grace = self.options.timeouts.close_grace;
        self.core.shutdown(grace).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jsonrpc::{FrameReader, FrameWriter, Message, Outcome};

    /// A 2025-03-26 server on in-memory streams that sends a batch with a log notification
    /// and two requests before answering tools/list; returns what the client answered.
    async fn batch_server(
        reader: tokio::io::ReadHalf<tokio::io::DuplexStream>,
        writer: tokio::io::WriteHalf<tokio::io::DuplexStream>,
    ) -> Vec<(String, String)> {
        let mut r = FrameReader::new(reader, 1 << 20);
        let mut w = FrameWriter::new(writer);
        let mut answers = Vec::new();
        while let Ok(Some(frame)) = r.next_frame().await {
            let Ok(msg) = frame.into_message() else { continue };
            let reply = match msg {
                Message::Request(req) => {
                    let id = req.id.to_json();
                    match req.method.as_str() {
                        "initialize" => format!(
                            r#"{{"jsonrpc":"2.0","id":{id},"result":{{"protocolVersion":"2025-03-26","capabilities":{{"tools":{{}}}},"serverInfo":{{"name":"batchy","version":"1"}}}}}}"#
                        ),
                        "tools/list" => {
                            let batch = r#"[{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"warning","logger":"b","data":{"n":1}}},{"jsonrpc":"2.0","id":"p1","method":"ping"},{"jsonrpc":"2.0","id":"p2","method":"roots/list"}]"#;
                            w.write_frame(batch.as_bytes()).await.unwrap();
                            format!(r#"{{"jsonrpc":"2.0","id":{id},"result":{{"tools":[{{"name":"t"}}]}}}}"#)
                        }
                        _ => format!(r#"{{"jsonrpc":"2.0","id":{id},"error":{{"code":-32601,"message":"nope"}}}}"#),
                    }
                }
                Message::Response(resp) => {
                    let id = resp.id.map(|i| i.to_json()).unwrap_or_default();
                    let what = match resp.outcome {
                        Outcome::Result(r) => r.get().to_string(),
                        Outcome::Error(e) => e.code.to_string(),
                    };
                    answers.push((id, what));
                    continue;
                }
                _ => continue,
            };
            w.write_frame(reply.as_bytes()).await.unwrap();
        }
        answers
    }

    async fn run(declare_roots: bool) -> Vec<(String, String)> {
        let (client_side, server_side) = tokio::io::duplex(64 * 1024);
        let (cr, cw) = tokio::io::split(client_side);
        let (sr, sw) = tokio::io::split(server_side);
        let server = tokio::spawn(batch_server(sr, sw));
        let mut options = ClientOptions::new("t", "0");
        options.declare_roots = declare_roots;
        let session = Client::connect(Transport::streams(cr, cw), options).await.unwrap();
        assert_eq!(session.protocol_version(), ProtocolVersion::V2025_03_26);
        assert_eq!(session.server_info().unwrap().name, "batchy");
        let tools = session.list_tools().await.unwrap();
        assert_eq!(tools.items[0].name, "t");
        let logs = session.logs();
        assert_eq!(logs.len(), 1);
        assert_eq!(
            (logs[0].level.as_str(), logs[0].data.as_str()),
            ("warning", r#"{"n":1}"#)
        );
        assert!(session.process_group().is_none() && session.stderr_tail().is_none());
        // Give the dispatcher's replies time to be written before closing.
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        session.close().await;
        server.await.unwrap()
    }

    #[tokio::test]
    async fn batches_are_routed_and_server_requests_answered() {
        let answers = run(false).await;
        assert!(answers.contains(&("\"p1\"".into(), "{}".into())), "{answers:?}");
        assert!(
            answers.contains(&("\"p2\"".into(), "-32601".into())),
            "roots not declared: {answers:?}"
        );
        let answers = run(true).await;
        assert!(
            answers.contains(&("\"p2\"".into(), r#"{"roots":[]}"#.into())),
            "{answers:?}"
        );
    }

    #[test]
    fn default_options_offer_every_version() {
        let o = ClientOptions::new("a", "b");
        assert_eq!(o.versions.len(), 5);
        assert_eq!(o.limits.max_frame_bytes, 16 * 1024 * 1024);
    }
}
