//! MCP on top of JSON-RPC: revisions, method names, and the objects an inspection reads.

mod method;
mod types;
mod version;

pub use method::Method;
pub use types::{
    Implementation, LogEntry, Prompt, PromptArgument, Resource, ResourceTemplate, ServerCapabilities, Tool,
    ToolAnnotations,
};
pub use version::ProtocolVersion;

/// `_meta` keys of the 2026-07-28 revision (basic/index.mdx, "Per-request protocol fields").
pub mod meta {
    pub const PROTOCOL_VERSION: &str = "io.modelcontextprotocol/protocolVersion";
    pub const CLIENT_INFO: &str = "io.modelcontextprotocol/clientInfo";
    pub const CLIENT_CAPABILITIES: &str = "io.modelcontextprotocol/clientCapabilities";
    pub const LOG_LEVEL: &str = "io.modelcontextprotocol/logLevel";
    pub const SERVER_INFO: &str = "io.modelcontextprotocol/serverInfo";
    pub const SUBSCRIPTION_ID: &str = "io.modelcontextprotocol/subscriptionId";
}
