//! Error codes: JSON-RPC 2.0's own and the ones MCP assigns.

/// Invalid JSON was received.
pub const PARSE_ERROR: i64 = -32700;
/// The JSON sent is not a valid request object.
pub const INVALID_REQUEST: i64 = -32600;
/// The method does not exist or is not available.
pub const METHOD_NOT_FOUND: i64 = -32601;
/// Invalid method parameters.
pub const INVALID_PARAMS: i64 = -32602;
/// Internal error.
pub const INTERNAL_ERROR: i64 = -32603;

/// MCP 2025-11-25 and earlier: resource not found (2026-07-28 uses -32602 instead).
pub const RESOURCE_NOT_FOUND: i64 = -32002;
/// MCP 2025-11-25 only: URL elicitation required.
pub const URL_ELICITATION_REQUIRED: i64 = -32042;

/// MCP 2026-07-28: HTTP headers do not match the body (`HeaderMismatch`).
pub const HEADER_MISMATCH: i64 = -32020;
/// MCP 2026-07-28: the request needs a client capability that was not declared.
pub const MISSING_REQUIRED_CLIENT_CAPABILITY: i64 = -32021;
/// MCP 2026-07-28: the request's protocol version is not supported; `data.supported` lists them.
pub const UNSUPPORTED_PROTOCOL_VERSION: i64 = -32022;

/// Whether `code` is one of the errors only a 2026-07-28 ("modern") server sends.
///
/// The versioning page of 2026-07-28 keys the legacy fallback on this: a recognised modern
/// error means the server is modern (retry with a supported version, do not fall back to
/// `initialize`); anything else means a legacy server.
pub fn is_modern_error(code: i64) -> bool {
    matches!(
        code,
        HEADER_MISMATCH | MISSING_REQUIRED_CLIENT_CAPABILITY | UNSUPPORTED_PROTOCOL_VERSION
    )
}
