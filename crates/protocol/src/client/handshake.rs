//! Version negotiation across both eras.
//!
//! Modern (2026-07-28, `basic/versioning.mdx` and `basic/transports/stdio.mdx` "Backward
//! Compatibility"): probe with `server/discover` carrying the preferred modern version in
//! `_meta`. A `DiscoverResult` means modern; `UnsupportedProtocolVersionError` (-32022)
//! means modern with other versions (pick from `data.supported`, do not fall back); any
//! other error, an HTTP 4xx without a modern error, or no answer within the probe timeout
//! means legacy — the fallback is deliberately not keyed to one error code.
//!
//! Legacy (2024-11-05 .. 2025-11-25, `basic/lifecycle.mdx`): `initialize` with the newest
//! legacy version offered; accept `result.protocolVersion` if we offered it, otherwise fail
//! clearly; then `notifications/initialized`.

use super::core::Core;
use super::error::ClientError;
use super::{ClientOptions, ProblemKind, SessionInfo};
use crate::jsonrpc::codes;
use crate::mcp::{meta, Implementation, ProtocolVersion, ServerCapabilities};
use crate::transport::TransportError;
use serde_json::{json, Map, Value};

enum Probe {
    Modern(Box<SessionInfo>),
    /// The server is modern and named these versions.
    Supported(Vec<String>),
    Legacy,
}

pub(crate) fn client_capabilities(options: &ClientOptions) -> Value {
    if options.declare_roots {
        json!({"roots": {"listChanged": false}})
    } else {
        json!({})
    }
}

/// Adds the per-request `_meta` fields of a modern request to `params`.
pub(crate) fn with_meta(params: Option<Value>, version: ProtocolVersion, options: &ClientOptions) -> Value {
    let mut obj = match params {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    };
    let meta_value = obj.entry("_meta").or_insert_with(|| json!({}));
    if !meta_value.is_object() {
        *meta_value = json!({});
    }
    if let Some(m) = meta_value.as_object_mut() {
        m.insert(meta::PROTOCOL_VERSION.into(), json!(version.as_str()));
        m.insert(
            meta::CLIENT_INFO.into(),
            json!({"name": options.name, "version": options.version}),
        );
        m.insert(meta::CLIENT_CAPABILITIES.into(), client_capabilities(options));
    }
    Value::Object(obj)
}

fn parse_object(method: &str, raw: &serde_json::value::RawValue) -> Result<Map<String, Value>, ClientError> {
    match serde_json::from_str::<Value>(raw.get()) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(ClientError::InvalidResponse {
            method: method.into(),
            reason: "result is not an object".into(),
        }),
        Err(e) => Err(ClientError::InvalidResponse {
            method: method.into(),
            reason: e.to_string(),
        }),
    }
}

fn string_list(v: Option<&Value>) -> Option<Vec<String>> {
    let list = v?.as_array()?;
    Some(
        list.iter()
            .filter_map(Value::as_str)
            .take(64)
            .map(|s| crate::redact::truncate_chars(s, 64))
            .collect(),
    )
}

/// Newest version in `offered` (newest first) that the server named.
fn pick(offered: &[ProtocolVersion], server: &[String]) -> Option<ProtocolVersion> {
    offered.iter().copied().find(|v| server.iter().any(|s| s == v.as_str()))
}

fn unsupported(offered: &[ProtocolVersion], server: Vec<String>) -> ClientError {
    ClientError::UnsupportedVersion {
        offered: offered.iter().map(|v| v.as_str().to_string()).collect(),
        server,
    }
}

pub(crate) async fn negotiate(core: &Core, options: &ClientOptions) -> Result<SessionInfo, ClientError> {
    let mut offered = options.versions.clone();
    offered.sort();
    offered.dedup();
    offered.reverse();
    if offered.is_empty() {
        return Err(ClientError::Options("no protocol version to offer".into()));
    }
    let newest_modern = offered.iter().copied().find(|v| v.is_modern());
    let newest_legacy = offered.iter().copied().find(|v| !v.is_modern());

    if let Some(v) = newest_modern {
        match discover(core, options, v).await? {
            Probe::Modern(info) => return Ok(*info),
            Probe::Supported(server) => return settle(core, options, &offered, server).await,
            Probe::Legacy => {}
        }
    }
    let Some(legacy) = newest_legacy else {
        return Err(unsupported(&offered, Vec::new()));
    };
    match initialize(core, options, legacy, &offered).await {
        // A modern server refusing `initialize` names its versions (the probe timed out,
        // or was not sent because only legacy versions were offered).
        Err(ClientError::Rpc {
            code: codes::UNSUPPORTED_PROTOCOL_VERSION,
            data: Some(data),
            ..
        }) => {
            let server = serde_json::from_str::<Value>(&data)
                .ok()
                .and_then(|d| string_list(d.get("supported")))
                .unwrap_or_default();
            match pick(&offered, &server) {
                Some(v) if v.is_modern() => match discover(core, options, v).await? {
                    Probe::Modern(info) => Ok(*info),
                    _ => Err(unsupported(&offered, server)),
                },
                _ => Err(unsupported(&offered, server)),
            }
        }
        other => other,
    }
}

/// The server is modern and named its versions: use the best common one.
async fn settle(
    core: &Core,
    options: &ClientOptions,
    offered: &[ProtocolVersion],
    server: Vec<String>,
) -> Result<SessionInfo, ClientError> {
    match pick(offered, &server) {
        Some(v) if v.is_modern() => match discover(core, options, v).await? {
            Probe::Modern(info) => Ok(*info),
            _ => Err(unsupported(offered, server)),
        },
        // A dual-era server may list legacy versions too.
        Some(v) => initialize(core, options, v, offered).await,
        None => Err(unsupported(offered, server)),
    }
}

async fn discover(core: &Core, options: &ClientOptions, version: ProtocolVersion) -> Result<Probe, ClientError> {
    let params = with_meta(None, version, options);
    let method = "server/discover";
    let answer = core
        .request(method, Some(params), options.timeouts.discover, Some(version), false)
        .await;
    let raw = match answer {
        Ok(raw) => raw,
        Err(ClientError::Rpc {
            code: codes::UNSUPPORTED_PROTOCOL_VERSION,
            data,
            ..
        }) => {
            let server = data
                .and_then(|d| serde_json::from_str::<Value>(&d).ok())
                .and_then(|d| string_list(d.get("supported")))
                .unwrap_or_default();
            return Ok(Probe::Supported(server));
        }
        Err(e @ ClientError::Rpc { code, .. }) if codes::is_modern_error(code) => return Err(e),
        Err(ClientError::Rpc { .. })
        | Err(ClientError::InvalidResponse { .. })
        | Err(ClientError::Transport(
            TransportError::HttpStatus { .. } | TransportError::NoResponse | TransportError::StreamEnded,
        )) => return Ok(Probe::Legacy),
        Err(ClientError::Timeout { .. }) => {
            core.record(
                ProblemKind::Transport,
                "server/discover got no answer: treating the server as legacy",
            );
            return Ok(Probe::Legacy);
        }
        Err(e) => return Err(e),
    };
    let result = match parse_object(method, &raw) {
        Ok(r) => r,
        Err(_) => return Ok(Probe::Legacy),
    };
    let Some(supported) = string_list(result.get("supportedVersions")) else {
        // Not a DiscoverResult: a legacy server that answers anything with something.
        return Ok(Probe::Legacy);
    };
    if !supported.iter().any(|s| s == version.as_str()) {
        return Ok(Probe::Supported(supported));
    }
    check_result_type(method, &result)?;
    core.set_version(version);
    let server_info = result
        .get("_meta")
        .and_then(|m| m.get(meta::SERVER_INFO))
        .and_then(|s| Implementation::from_value(s.clone()).ok());
    Ok(Probe::Modern(Box::new(SessionInfo {
        version,
        server_info,
        capabilities: ServerCapabilities::from_value(result.get("capabilities").cloned().unwrap_or(Value::Null)),
        instructions: result.get("instructions").and_then(Value::as_str).map(str::to_string),
        supported_versions: supported,
    })))
}

/// 2026-07-28: a result's `resultType` is "complete" (or absent, from older servers);
/// "input_required" needs the MRTR round trip this client does not do; anything else is
/// invalid ("A resultType of any value unrecognized by the client MUST be considered invalid").
pub(crate) fn check_result_type(method: &str, result: &Map<String, Value>) -> Result<(), ClientError> {
    match result.get("resultType") {
        None => Ok(()),
        Some(Value::String(s)) if s == "complete" => Ok(()),
        Some(Value::String(s)) if s == "input_required" => Err(ClientError::InputRequired { method: method.into() }),
        Some(other) => Err(ClientError::InvalidResponse {
            method: method.into(),
            reason: format!(
                "unknown resultType {}",
                crate::redact::for_display(&other.to_string(), 60)
            ),
        }),
    }
}

async fn initialize(
    core: &Core,
    options: &ClientOptions,
    version: ProtocolVersion,
    offered: &[ProtocolVersion],
) -> Result<SessionInfo, ClientError> {
    let method = "initialize";
    let params = json!({
        "protocolVersion": version.as_str(),
        "capabilities": client_capabilities(options),
        "clientInfo": {"name": options.name, "version": options.version},
    });
    // No version header on initialize itself; `initialize` must not be cancelled.
    let raw = core
        .request(method, Some(params), options.timeouts.initialize, None, false)
        .await?;
    let result = parse_object(method, &raw)?;
    let Some(chosen) = result.get("protocolVersion").and_then(Value::as_str) else {
        return Err(ClientError::InvalidResponse {
            method: method.into(),
            reason: "no string protocolVersion".into(),
        });
    };
    let legacy_offered: Vec<ProtocolVersion> = offered.iter().copied().filter(|v| !v.is_modern()).collect();
    let Some(chosen) = ProtocolVersion::parse(chosen).filter(|v| legacy_offered.contains(v)) else {
        return Err(unsupported(
            &legacy_offered,
            vec![crate::redact::truncate_chars(chosen, 64)],
        ));
    };
    let server_info = match result.get("serverInfo") {
        Some(s) => match Implementation::from_value(s.clone()) {
            Ok(i) => Some(i),
            Err(e) => {
                core.record(ProblemKind::InvalidFrame, format!("serverInfo: {e}"));
                None
            }
        },
        None => None,
    };
    core.set_version(chosen);
    core.notify("notifications/initialized", None, Some(chosen));
    Ok(SessionInfo {
        version: chosen,
        server_info,
        capabilities: ServerCapabilities::from_value(result.get("capabilities").cloned().unwrap_or(Value::Null)),
        instructions: result.get("instructions").and_then(Value::as_str).map(str::to_string),
        supported_versions: vec![chosen.as_str().to_string()],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_is_merged_into_params() {
        let opts = ClientOptions::new("mcpward", "0.1.0");
        let v = with_meta(
            Some(json!({"cursor":"c1","_meta":{"progressToken":3}})),
            ProtocolVersion::V2026_07_28,
            &opts,
        );
        assert_eq!(v["cursor"], "c1");
        assert_eq!(v["_meta"]["progressToken"], 3);
        assert_eq!(v["_meta"][meta::PROTOCOL_VERSION], "2026-07-28");
        assert_eq!(v["_meta"][meta::CLIENT_INFO]["name"], "mcpward");
        assert_eq!(v["_meta"][meta::CLIENT_CAPABILITIES], json!({}));
    }

    #[test]
    fn pick_prefers_the_newest_common_version() {
        let offered = [
            ProtocolVersion::V2026_07_28,
            ProtocolVersion::V2025_11_25,
            ProtocolVersion::V2025_06_18,
        ];
        assert_eq!(
            pick(&offered, &["2025-06-18".into(), "2025-11-25".into()]),
            Some(ProtocolVersion::V2025_11_25)
        );
        assert_eq!(pick(&offered, &["1999-01-01".into()]), None);
    }

    #[test]
    fn result_types() {
        let ok = json!({"resultType":"complete"});
        assert!(check_result_type("x", ok.as_object().unwrap()).is_ok());
        assert!(check_result_type("x", json!({}).as_object().unwrap()).is_ok());
        let more = json!({"resultType":"input_required","requestState":"abc"});
        assert!(matches!(
            check_result_type("x", more.as_object().unwrap()),
            Err(ClientError::InputRequired { .. })
        ));
        let odd = json!({"resultType":"later"});
        assert!(matches!(
            check_result_type("x", odd.as_object().unwrap()),
            Err(ClientError::InvalidResponse { .. })
        ));
    }
}
