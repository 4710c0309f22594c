//! JSON-RPC and MCP for mcpward: the layer `mcpward inspect` and the runtime proxy stand on.
//!
//! - [`jsonrpc`]: newline-delimited framing with a hard size limit, an envelope that keeps
//!   `params`/`result`/`error.data` raw and unknown members in order, id→method tracking,
//!   recovery of ids from malformed or oversized frames.
//! - [`mcp`]: protocol revisions 2024-11-05 … 2026-07-28, method names, the objects an
//!   inspection reads.
//! - [`transport`]: stdio child processes in their own process group (see
//!   [`spawn_stdio`]), Streamable HTTP with the legacy HTTP+SSE fallback, byte streams.
//! - [`Client`] / [`Session`]: version negotiation across both eras, bounded pagination,
//!   answers to server→client requests, bounded log and problem records.
//!
//! Every input from a server is hostile: sizes, counts and waits are bounded, nothing
//! panics on it, and peer text that reaches an error message is bounded and redacted.

pub mod client;
pub mod jsonrpc;
pub mod mcp;
pub mod redact;
pub mod transport;

pub use client::{
    Client, ClientError, ClientOptions, ConnectError, ErrorKind, Limits, Listing, Problem, ProblemKind, Session,
    Timeouts, Truncation,
};
pub use mcp::ProtocolVersion;
pub use transport::{
    spawn_stdio, CloseCause, CloseReport, HttpMode, HttpSpec, LaunchSpec, SpawnError, StdioProcess, Transport,
    TransportError,
};
