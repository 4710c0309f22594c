//! Client errors.

use crate::redact::for_display;
use crate::transport::{CloseCause, ExitReport, TransportError};
use std::fmt;
use std::time::Duration;

/// Why a client operation failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ClientError {
    #[error(transparent)]
    Transport(#[from] TransportError),
    #[error("{what} timed out after {after:?}")]
    Timeout { what: String, after: Duration },
    #[error("{method}: {cause}")]
    Closed { method: String, cause: CloseCause },
    #[error("no common protocol version: we offer {}, the server {}", offered.join(", "), describe_server(server))]
    UnsupportedVersion { offered: Vec<String>, server: Vec<String> },
    #[error(
        "{method}: the server answered with error {} (code {code})",
        for_display(message, 300)
    )]
    Rpc {
        method: String,
        code: i64,
        /// As the server sent it; shown redacted and bounded.
        message: String,
        /// `error.data` as JSON text, if any (bounded).
        data: Option<String>,
    },
    #[error("{method}: invalid response: {reason}")]
    InvalidResponse { method: String, reason: String },
    #[error("{method}: the response is larger than the {limit}-byte limit ({bytes} bytes)")]
    ResponseTooLarge { method: String, bytes: u64, limit: usize },
    #[error("too many requests awaiting an answer (limit {max})")]
    TooManyPending { max: usize },
    #[error(
        "{method}: the server needs more input (resultType \"input_required\"), which this client does not provide"
    )]
    InputRequired { method: String },
    #[error("invalid client options: {0}")]
    Options(String),
}

fn describe_server(server: &[String]) -> String {
    if server.is_empty() {
        "named none".to_string()
    } else {
        let shown: Vec<String> = server.iter().take(10).map(|v| for_display(v, 40)).collect();
        format!("supports {}", shown.join(", "))
    }
}

/// The kind of a [`ClientError`], for matching without its details.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    Transport,
    Timeout,
    Closed,
    UnsupportedVersion,
    Rpc,
    InvalidResponse,
    ResponseTooLarge,
    TooManyPending,
    InputRequired,
    Options,
}

impl ClientError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            ClientError::Transport(TransportError::TooLarge { .. }) => ErrorKind::ResponseTooLarge,
            ClientError::Transport(_) => ErrorKind::Transport,
            ClientError::Timeout { .. } => ErrorKind::Timeout,
            ClientError::Closed { .. } => ErrorKind::Closed,
            ClientError::UnsupportedVersion { .. } => ErrorKind::UnsupportedVersion,
            ClientError::Rpc { .. } => ErrorKind::Rpc,
            ClientError::InvalidResponse { .. } => ErrorKind::InvalidResponse,
            ClientError::ResponseTooLarge { .. } => ErrorKind::ResponseTooLarge,
            ClientError::TooManyPending { .. } => ErrorKind::TooManyPending,
            ClientError::InputRequired { .. } => ErrorKind::InputRequired,
            ClientError::Options(_) => ErrorKind::Options,
        }
    }

    /// The JSON-RPC error code, for [`ClientError::Rpc`].
    pub fn rpc_code(&self) -> Option<i64> {
        match self {
            ClientError::Rpc { code, .. } => Some(*code),
            _ => None,
        }
    }
}

/// A failed [`connect`](crate::Client::connect), with what the server left behind.
#[derive(Debug)]
pub struct ConnectError {
    pub error: ClientError,
    /// The end of the server's stderr, secrets redacted (stdio only).
    pub stderr_tail: Option<String>,
    /// How the server process was ended (stdio only).
    pub process: Option<ExitReport>,
}

impl ConnectError {
    pub fn kind(&self) -> ErrorKind {
        self.error.kind()
    }
}

impl fmt::Display for ConnectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not connect to the MCP server: {}", self.error)
    }
}

impl std::error::Error for ConnectError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}
