//! MCP protocol revisions and what each one changes on the wire.

use std::fmt;

/// A protocol revision this crate speaks.
///
/// Checked against the specification repository (modelcontextprotocol/modelcontextprotocol):
/// `schema/<version>/schema.ts` and `docs/specification/<version>/basic/*`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum ProtocolVersion {
    /// Initialize handshake; HTTP+SSE transport.
    V2024_11_05,
    /// Streamable HTTP; JSON-RPC batches allowed (only in this revision).
    V2025_03_26,
    /// `MCP-Protocol-Version` header; batches removed; elicitation.
    V2025_06_18,
    /// Last initialize-based ("legacy") revision; tasks, URL elicitation.
    V2025_11_25,
    /// "Modern": no initialize; `server/discover`; per-request `_meta` carrying version,
    /// client info and capabilities; MRTR (`resultType: "input_required"`); no sessions.
    V2026_07_28,
}

impl ProtocolVersion {
    /// Every revision, oldest first.
    pub const ALL: [ProtocolVersion; 5] = [
        ProtocolVersion::V2024_11_05,
        ProtocolVersion::V2025_03_26,
        ProtocolVersion::V2025_06_18,
        ProtocolVersion::V2025_11_25,
        ProtocolVersion::V2026_07_28,
    ];

    /// The newest revision.
    pub const LATEST: ProtocolVersion = ProtocolVersion::V2026_07_28;

    /// The newest initialize-based revision.
    pub const LATEST_LEGACY: ProtocolVersion = ProtocolVersion::V2025_11_25;

    pub fn as_str(self) -> &'static str {
        match self {
            ProtocolVersion::V2024_11_05 => "2024-11-05",
            ProtocolVersion::V2025_03_26 => "2025-03-26",
            ProtocolVersion::V2025_06_18 => "2025-06-18",
            ProtocolVersion::V2025_11_25 => "2025-11-25",
            ProtocolVersion::V2026_07_28 => "2026-07-28",
        }
    }

    pub fn parse(s: &str) -> Option<ProtocolVersion> {
        ProtocolVersion::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Per-request `_meta` instead of an initialize handshake (2026-07-28 and later).
    pub fn is_modern(self) -> bool {
        self >= ProtocolVersion::V2026_07_28
    }

    /// JSON-RPC batches: added in 2025-03-26, removed in 2025-06-18.
    pub fn allows_batches(self) -> bool {
        self == ProtocolVersion::V2025_03_26
    }

    /// Whether HTTP requests carry `MCP-Protocol-Version` (required from 2025-06-18; a
    /// 2025-03-26 server assumes its own version without it, so it is sent only from then on).
    pub fn sends_version_header(self) -> bool {
        self >= ProtocolVersion::V2025_06_18
    }

    /// Whether Streamable HTTP has protocol-level sessions (`Mcp-Session-Id`, DELETE):
    /// 2025-03-26 through 2025-11-25.
    pub fn has_http_sessions(self) -> bool {
        (ProtocolVersion::V2025_03_26..=ProtocolVersion::V2025_11_25).contains(&self)
    }
}

impl fmt::Display for ProtocolVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_eras() {
        for v in ProtocolVersion::ALL {
            assert_eq!(ProtocolVersion::parse(v.as_str()), Some(v));
        }
        assert_eq!(ProtocolVersion::parse("2025-01-01"), None);
        assert!(ProtocolVersion::V2026_07_28.is_modern());
        assert!(!ProtocolVersion::V2025_11_25.is_modern());
        assert!(ProtocolVersion::V2025_03_26.allows_batches());
        assert!(!ProtocolVersion::V2025_06_18.allows_batches());
        assert!(!ProtocolVersion::V2024_11_05.has_http_sessions());
        assert!(ProtocolVersion::V2025_11_25.has_http_sessions());
        assert!(!ProtocolVersion::V2026_07_28.has_http_sessions());
    }
}
