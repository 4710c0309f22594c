//! Transports: stdio child processes, Streamable HTTP (with the legacy HTTP+SSE fallback),
//! and any pair of byte streams.
//!
//! Internally every transport is a [`Link`]: a queue of outgoing messages and a queue of
//! incoming events, served by background tasks, so the client logic is the same for all.

pub(crate) mod http;
pub(crate) mod process;
pub mod sse;

use crate::jsonrpc::{Frame, FrameReader, FrameWriter, Id, Message, OversizedFrame};
use crate::mcp::ProtocolVersion;
pub use http::{HttpMode, HttpSpec};
pub use process::{
    group_exists, spawn_stdio, Escalation, ExitInfo, ExitReport, LaunchSpec, ProcessGuard, SpawnError, StderrTail,
    StdioProcess, DEFAULT_STDERR_TAIL,
};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// Where the server is.
pub enum Transport {
    /// A started child process (see [`spawn_stdio`]).
    Stdio(StdioProcess),
    /// A URL: Streamable HTTP, legacy HTTP+SSE, or the first then the second.
    Http(HttpSpec),
    /// Any byte streams carrying newline-delimited JSON-RPC (tests, sockets).
    Streams {
        reader: Box<dyn AsyncRead + Send + Unpin>,
        writer: Box<dyn AsyncWrite + Send + Unpin>,
    },
}

impl Transport {
    /// Spawns the server (through [`spawn_stdio`]) and wraps it.
    pub fn stdio(spec: LaunchSpec) -> Result<Transport, SpawnError> {
        spawn_stdio(spec).map(Transport::Stdio)
    }

    /// Streamable HTTP, falling back to legacy HTTP+SSE as the specification describes.
    pub fn http(url: impl Into<String>) -> Transport {
        Transport::Http(HttpSpec::new(url))
    }

    pub fn streams(
        reader: impl AsyncRead + Send + Unpin + 'static,
        writer: impl AsyncWrite + Send + Unpin + 'static,
    ) -> Transport {
        Transport::Streams {
            reader: Box::new(reader),
            writer: Box::new(writer),
        }
    }
}

/// A transport-level failure.
#[derive(Debug, Clone, thiserror::Error)]
pub enum TransportError {
    #[error("i/o error: {0}")]
    Io(String),
    #[error("HTTP request failed: {0}")]
    Http(String),
    #[error("HTTP status {status}{}", body_suffix(.body))]
    HttpStatus { status: u16, body: String },
    #[error("the server answered a request with 202 Accepted and no response")]
    NoResponse,
    #[error("the response stream ended before the response arrived")]
    StreamEnded,
    #[error("the server ended the HTTP session (404 for our Mcp-Session-Id)")]
    SessionExpired,
    #[error("invalid URL: {0}")]
    InvalidUrl(String),
    #[error("invalid HTTP header `{0}`")]
    InvalidHeader(String),
    #[error("legacy HTTP+SSE transport: {0}")]
    LegacySse(String),
    #[error("timed out after {0:?}")]
    Timeout(Duration),
    #[error("the response is larger than the limit ({bytes} bytes)")]
    TooLarge { bytes: u64 },
}

fn body_suffix(body: &str) -> String {
    if body.is_empty() {
        String::new()
    } else {
        format!(": {body}")
    }
}

/// Why a link closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CloseCause {
    /// The peer closed its output (for a process: stdout reached end of file).
    Eof,
    /// The process exited.
    Exited(ExitInfo),
    ReadError(String),
    /// The legacy SSE stream, which carries every response, ended.
    StreamEnded,
    /// We closed it.
    Local,
}

impl std::fmt::Display for CloseCause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CloseCause::Eof => f.write_str("the server closed its output"),
            CloseCause::Exited(info) => write!(f, "the server process exited ({info})"),
            CloseCause::ReadError(e) => write!(f, "reading from the server failed: {e}"),
            CloseCause::StreamEnded => f.write_str("the server's event stream ended"),
            CloseCause::Local => f.write_str("the session was closed"),
        }
    }
}

/// What a message is, as far as a transport needs to know.
#[derive(Debug, Clone)]
pub(crate) enum OutKind {
    Request { id: Id, method: String },
    Notification { method: String },
    Response,
}

/// One message to send.
#[derive(Debug, Clone)]
pub(crate) struct Outgoing {
    pub bytes: Vec<u8>,
    pub kind: OutKind,
    /// The negotiated (or, for modern requests, the requested) version, for HTTP headers.
    pub version: Option<ProtocolVersion>,
    /// `params.name` / `params.uri` of tools/call, prompts/get, resources/read (`Mcp-Name`).
    pub mcp_name: Option<String>,
}

/// One thing that happened on the link.
#[derive(Debug)]
pub(crate) enum Incoming {
    Message(Message),
    Oversized(OversizedFrame),
    /// Bytes at the end of the stream without a newline: a message cut off by the peer's
    /// exit. Recorded; the close that follows is what fails waiting requests.
    Truncated(Vec<u8>),
    /// A request could not be delivered or answered at the transport level.
    SendFailed {
        id: Id,
        error: TransportError,
    },
    /// Something worth recording that is not a message.
    Problem(String),
    Closed(CloseCause),
}

pub(crate) struct Link {
    pub tx: mpsc::Sender<Outgoing>,
    pub rx: mpsc::Receiver<Incoming>,
    pub control: Control,
}

pub(crate) enum Control {
    Streams {
        writer: JoinHandle<()>,
        reader: JoinHandle<()>,
        process: Option<ProcessGuard>,
    },
    Http(http::HttpControl),
}

/// What closing a link found.
#[derive(Debug, Clone, Default)]
pub struct CloseReport {
    /// For a process: how it ended and whether its group is gone.
    pub process: Option<ExitReport>,
    /// For a process: the end of its stderr (secrets redacted).
    pub stderr_tail: Option<String>,
}

const QUEUE: usize = 64;

/// Limits a link needs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LinkLimits {
    pub max_frame: usize,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
}

pub(crate) async fn open(transport: Transport, limits: LinkLimits) -> Result<Link, TransportError> {
    match transport {
        Transport::Stdio(p) => Ok(streams_link(p.stdout, p.stdin, Some(p.guard), limits)),
        Transport::Streams { reader, writer } => Ok(streams_link(reader, writer, None, limits)),
        Transport::Http(spec) => http::open(spec, limits).await,
    }
}

fn streams_link<R, W>(reader: R, writer: W, process: Option<ProcessGuard>, limits: LinkLimits) -> Link
where
    R: AsyncRead + Send + Unpin + 'static,
    W: AsyncWrite + Send + Unpin + 'static,
{
    let (out_tx, mut out_rx) = mpsc::channel::<Outgoing>(QUEUE);
    let (in_tx, in_rx) = mpsc::channel::<Incoming>(QUEUE);
    let exit = process.as_ref().map(ProcessGuard::exit_watch);

    let failures = in_tx.clone();
    let writer = tokio::spawn(async move {
        let mut w = FrameWriter::new(writer);
        while let Some(out) = out_rx.recv().await {
            if let Err(e) = w.write_frame(&out.bytes).await {
                // The peer stopped reading (usually: it exited). Fail this request now;
                // the reader reports the close.
                if let OutKind::Request { id, .. } = out.kind {
                    let _ = failures
                        .send(Incoming::SendFailed {
                            id,
                            error: TransportError::Io(e.to_string()),
                        })
                        .await;
                }
                break;
            }
        }
        // Dropping the writer closes the server's stdin: its signal to exit.
    });

    let reader = tokio::spawn(async move {
        let mut r = FrameReader::new(reader, limits.max_frame);
        let cause = loop {
            match r.next_frame().await {
                Ok(Some(frame)) => {
                    let item = match frame {
                        Frame::Line(bytes) => Incoming::Message(Message::parse(&bytes)),
                        Frame::Unterminated(bytes) => Incoming::Truncated(bytes),
                        Frame::Oversized(o) => Incoming::Oversized(o),
                    };
                    if in_tx.send(item).await.is_err() {
                        return;
                    }
                }
                Ok(None) => break CloseCause::Eof,
                Err(e) => break CloseCause::ReadError(e.to_string()),
            }
        };
        let cause = match (cause, exit) {
            (CloseCause::Eof, Some(rx)) => {
                // The output closed; if the process exited, say how.
                match process::wait_exit(rx, Duration::from_millis(500)).await {
                    Some(info) => CloseCause::Exited(info),
                    None => CloseCause::Eof,
                }
            }
            (cause, _) => cause,
        };
        let _ = in_tx.send(Incoming::Closed(cause)).await;
    });

    Link {
        tx: out_tx,
        rx: in_rx,
        control: Control::Streams {
            writer,
            reader,
            process,
        },
    }
}

impl Control {
    pub fn process_group(&self) -> Option<i32> {
        match self {
            Control::Streams { process: Some(p), .. } => Some(p.pgid()),
            _ => None,
        }
    }

    pub fn stderr(&self) -> Option<StderrTail> {
        match self {
            Control::Streams { process: Some(p), .. } => Some(p.stderr().clone()),
            _ => None,
        }
    }

    /// Shuts the link down. The caller has dropped every sender already, so the writer
    /// finishes its queue and closes the server's input.
    pub async fn close(self, grace: Duration) -> CloseReport {
        match self {
            Control::Streams {
                mut writer,
                reader,
                process,
            } => {
                if tokio::time::timeout(grace, &mut writer).await.is_err() {
                    // Blocked on a peer that does not read: give up on the rest.
                    writer.abort();
                }
                let report = match process {
                    Some(p) => {
                        let tail = p.stderr().clone();
                        let exit = p.terminate(grace).await;
                        CloseReport {
                            process: Some(exit),
                            stderr_tail: Some(tail.text()),
                        }
                    }
                    None => CloseReport::default(),
                };
                reader.abort();
                report
            }
            Control::Http(h) => {
                h.close().await;
                CloseReport::default()
            }
        }
    }
}
