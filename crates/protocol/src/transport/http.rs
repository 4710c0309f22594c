//! Streamable HTTP (2025-03-26 and later) and the legacy HTTP+SSE transport (2024-11-05).
//!
//! Streamable HTTP: every message is a POST to the MCP endpoint with
//! `Accept: application/json, text/event-stream`; a request is answered by a JSON body or
//! by an SSE stream carrying notifications and then the response. `Mcp-Session-Id` from
//! the initialize response is sent on every later request (2025-03-26..2025-11-25) and the
//! session is ended with DELETE; `MCP-Protocol-Version` is sent after negotiation
//! (2025-06-18 and later) and on every 2026-07-28 request with `Mcp-Method`/`Mcp-Name`.
//!
//! Legacy fallback (Auto mode, per "Backwards Compatibility" in the 2025-11-25 transports
//! page): when POSTing `initialize` fails with 400, 404 or 405 and the body is not a
//! modern JSON-RPC error, GET the URL as an SSE stream, wait for the `endpoint` event, then
//! POST every message there; all responses arrive on that stream.
//!
//! Bounded everywhere: bodies and events are limited to the frame limit, every wait has a
//! timeout, redirects are followed only within the same origin (caller headers such as a
//! bearer token must not travel to another host), and so is the legacy POST endpoint.

use super::sse::{SseItem, SseParser};
use super::{CloseCause, Incoming, Link, LinkLimits, OutKind, Outgoing, TransportError};
use crate::jsonrpc::codes::is_modern_error;
use crate::jsonrpc::{Id, Message, Outcome};
use crate::mcp::ProtocolVersion;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, CONTENT_TYPE};
use reqwest::{StatusCode, Url};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot, Semaphore};
use tokio::task::{AbortHandle, JoinHandle, JoinSet};

/// Which HTTP transport to speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMode {
    /// Streamable HTTP, falling back to legacy HTTP+SSE when `initialize` is refused.
    Auto,
    /// Streamable HTTP only.
    StreamableHttp,
    /// The 2024-11-05 HTTP+SSE transport only (the URL is the SSE endpoint).
    LegacySse,
}

/// An HTTP server to connect to.
#[derive(Clone)]
pub struct HttpSpec {
    pub url: String,
    /// Extra headers (e.g. `Authorization: Bearer …`, resolved by the caller).
    pub headers: Vec<(String, String)>,
    pub mode: HttpMode,
}

impl std::fmt::Debug for HttpSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Header values are credentials more often than not.
        let names: Vec<&str> = self.headers.iter().map(|(k, _)| k.as_str()).collect();
        f.debug_struct("HttpSpec")
            .field("url", &crate::redact::for_display(&self.url, 200))
            .field("headers", &names)
            .field("mode", &self.mode)
            .finish()
    }
}

impl HttpSpec {
    pub fn new(url: impl Into<String>) -> Self {
        HttpSpec {
            url: url.into(),
            headers: Vec::new(),
            mode: HttpMode::Auto,
        }
    }

    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn mode(mut self, mode: HttpMode) -> Self {
        self.mode = mode;
        self
    }
}

/// Requests in flight at once.
const MAX_CONCURRENT: usize = 16;
/// Bytes of an error body kept for the message.
const ERROR_BODY: usize = 64 * 1024;
const MAX_SESSION_ID: usize = 1024;
const MAX_REDIRECTS: usize = 5;

struct Shared {
    client: reqwest::Client,
    url: Url,
    headers: HeaderMap,
    mode: HttpMode,
    session_id: Mutex<Option<String>>,
    legacy_endpoint: Mutex<Option<Url>>,
    sse_task: Mutex<Option<AbortHandle>>,
    last_version: Mutex<Option<ProtocolVersion>>,
    incoming: mpsc::Sender<Incoming>,
    limits: LinkLimits,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub(crate) struct HttpControl {
    writer: JoinHandle<()>,
    shared: Arc<Shared>,
}

pub(crate) async fn open(spec: HttpSpec, limits: LinkLimits) -> Result<Link, TransportError> {
    let url = Url::parse(&spec.url).map_err(|e| TransportError::InvalidUrl(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(TransportError::InvalidUrl(format!(
            "scheme `{}` is not http or https",
            url.scheme()
        )));
    }
    let mut headers = HeaderMap::new();
    for (name, value) in &spec.headers {
        let n = HeaderName::from_bytes(name.as_bytes()).map_err(|_| TransportError::InvalidHeader(name.clone()))?;
        let mut v = HeaderValue::from_str(value).map_err(|_| TransportError::InvalidHeader(name.clone()))?;
        v.set_sensitive(true);
        headers.append(n, v);
    }
    let client = reqwest::Client::builder()
        .connect_timeout(limits.connect_timeout)
        .redirect(reqwest::redirect::Policy::custom(|attempt| {
            let same = attempt
                .previous()
                .first()
                .is_some_and(|first| same_origin(first, attempt.url()));
            if attempt.previous().len() > MAX_REDIRECTS || !same {
                attempt.stop()
            } else {
                attempt.follow()
            }
        }))
        .build()
        .map_err(|e| TransportError::Http(error_text(&e)))?;

    let (out_tx, out_rx) = mpsc::channel::<Outgoing>(super::QUEUE);
    let (in_tx, in_rx) = mpsc::channel::<Incoming>(super::QUEUE);
    let shared = Arc::new(Shared {
        client,
        url,
        headers,
        mode: spec.mode,
        session_id: Mutex::new(None),
        legacy_endpoint: Mutex::new(None),
        sse_task: Mutex::new(None),
        last_version: Mutex::new(None),
        incoming: in_tx,
        limits,
    });
    if spec.mode == HttpMode::LegacySse {
        open_legacy(&shared).await?;
    }
    let writer = tokio::spawn(write_loop(shared.clone(), out_rx));
    Ok(Link {
        tx: out_tx,
        rx: in_rx,
        control: super::Control::Http(HttpControl { writer, shared }),
    })
}

async fn write_loop(shared: Arc<Shared>, mut rx: mpsc::Receiver<Outgoing>) {
    let mut tasks = JoinSet::new();
    let permits = Arc::new(Semaphore::new(MAX_CONCURRENT));
    while let Some(out) = rx.recv().await {
        while tasks.try_join_next().is_some() {}
        if out.version.is_some() {
            *lock(&shared.last_version) = out.version;
        }
        if matches!(out.kind, OutKind::Request { .. }) {
            // Requests run concurrently (a slow tools/call must not hold up the rest);
            // notifications and responses are sent in order, before what follows them.
            let Ok(permit) = permits.clone().acquire_owned().await else {
                break;
            };
            let shared = shared.clone();
            tasks.spawn(async move {
                send_request(&shared, out).await;
                drop(permit);
            });
        } else {
            send_other(&shared, out).await;
        }
    }
    // Dropping `tasks` aborts requests still in flight: the session is closing.
}

impl HttpControl {
    pub async fn close(self) {
        self.writer.abort();
        if let Some(task) = lock(&self.shared.sse_task).take() {
            task.abort();
        }
        let session = lock(&self.shared.session_id).clone();
        let on_legacy = lock(&self.shared.legacy_endpoint).is_some();
        if let (Some(session), false) = (session, on_legacy) {
            // Ending the session is a courtesy (the server may answer 405): bounded, and
            // its outcome does not matter.
            let mut headers = self.shared.headers.clone();
            insert(&mut headers, "mcp-session-id", &session);
            if let Some(v) = *lock(&self.shared.last_version) {
                if v.sends_version_header() {
                    insert(&mut headers, "mcp-protocol-version", v.as_str());
                }
            }
            let req = self
                .shared
                .client
                .delete(self.shared.url.clone())
                .headers(headers)
                .send();
            let _ = tokio::time::timeout(Duration::from_secs(2), req).await;
        }
    }
}

fn insert(headers: &mut HeaderMap, name: &'static str, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        headers.insert(HeaderName::from_static(name), v);
    }
}

fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme() && a.host_str() == b.host_str() && a.port_or_known_default() == b.port_or_known_default()
}

/// Text of a reqwest error with its causes ("connection refused" lives in a source), the
/// URL left out and secrets redacted.
fn error_text(e: &reqwest::Error) -> String {
    let mut text = String::new();
    if e.is_timeout() {
        text.push_str("timed out: ");
    }
    let mut current: Option<&dyn std::error::Error> = Some(e);
    let mut first = true;
    while let Some(err) = current {
        let part = err.to_string();
        if !first {
            text.push_str(": ");
        }
        text.push_str(&part);
        first = false;
        current = err.source();
    }
    if let Some(url) = e.url() {
        text = text.replace(url.as_str(), "<url>");
    }
    crate::redact::for_display(&text, 400)
}

/// `Mcp-Name` / `Mcp-Param-*` value encoding of 2026-07-28: plain when it is header-safe
/// ASCII without surrounding whitespace, else `=?base64?…?=`.
pub(crate) fn header_value_encoding(value: &str) -> String {
    let safe = !value.is_empty()
        && value.bytes().all(|b| (0x20..=0x7e).contains(&b) || b == b'\t')
        && value.trim() == value
        && !(value.starts_with("=?base64?") && value.ends_with("?="));
    if safe {
        value.to_string()
    } else {
        format!("=?base64?{}?=", base64(value.as_bytes()))
    }
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn post_headers(shared: &Shared, out: &Outgoing, streamable: bool) -> HeaderMap {
    let mut h = shared.headers.clone();
    h.insert(ACCEPT, HeaderValue::from_static("application/json, text/event-stream"));
    h.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if !streamable {
        return h;
    }
    if let Some(session) = lock(&shared.session_id).as_deref() {
        insert(&mut h, "mcp-session-id", session);
    }
    if let Some(v) = out.version {
        if v.sends_version_header() {
            insert(&mut h, "mcp-protocol-version", v.as_str());
        }
        if v.is_modern() {
            let method = match &out.kind {
                OutKind::Request { method, .. } | OutKind::Notification { method } => Some(method.as_str()),
                OutKind::Response => None,
            };
            if let Some(m) = method {
                insert(&mut h, "mcp-method", &header_value_encoding(m));
            }
            if let Some(name) = &out.mcp_name {
                insert(&mut h, "mcp-name", &header_value_encoding(name));
            }
        }
    }
    h
}

async fn deliver(shared: &Shared, item: Incoming) {
    let _ = shared.incoming.send(item).await;
}

async fn fail(shared: &Shared, id: Id, error: TransportError) {
    deliver(shared, Incoming::SendFailed { id, error }).await;
}

enum Body {
    Complete(Vec<u8>),
    TooLarge(u64),
    Failed(String),
}

async fn read_body(resp: &mut reqwest::Response, max: usize, within: Duration) -> Body {
    if let Some(len) = resp.content_length() {
        if len > max as u64 {
            return Body::TooLarge(len);
        }
    }
    let mut body = Vec::new();
    let mut total = 0u64;
    let deadline = tokio::time::Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, resp.chunk()).await {
            Err(_) => return Body::Failed(format!("reading the body timed out after {within:?}")),
            Ok(Err(e)) => return Body::Failed(error_text(&e)),
            Ok(Ok(None)) => break,
            Ok(Ok(Some(chunk))) => {
                total += chunk.len() as u64;
                if total > max as u64 {
                    // Keep draining? No: the connection is dropped with the response.
                    return Body::TooLarge(total);
                }
                body.extend_from_slice(&chunk);
            }
        }
    }
    Body::Complete(body)
}

/// Whether `m` is (or contains) the response to `id`.
fn answers(m: &Message, id: &Id) -> bool {
    match m {
        Message::Response(r) => r.id.as_ref() == Some(id),
        Message::Batch(items) => items.iter().any(|i| answers(i, id)),
        _ => false,
    }
}

/// A response that came back on our POST is ours even when the server could not echo the id.
fn adopt(m: Message, id: &Id) -> Message {
    match m {
        Message::Response(mut r) if r.id.is_none() => {
            r.id = Some(id.clone());
            Message::Response(r)
        }
        other => other,
    }
}

async fn send_request(shared: &Shared, out: Outgoing) {
    let OutKind::Request { id, method } = out.kind.clone() else {
        return;
    };
    let legacy = lock(&shared.legacy_endpoint).clone();
    if let Some(endpoint) = legacy {
        post_legacy(shared, &endpoint, &out, Some(&id)).await;
        return;
    }
    let sent_session = lock(&shared.session_id).is_some();
    let headers = post_headers(shared, &out, true);
    let req = shared
        .client
        .post(shared.url.clone())
        .headers(headers)
        .body(out.bytes.clone())
        .send();
    let timeout = shared.limits.request_timeout;
    let mut resp = match tokio::time::timeout(timeout, req).await {
        Err(_) => return fail(shared, id, TransportError::Timeout(timeout)).await,
        Ok(Err(e)) => return fail(shared, id, TransportError::Http(error_text(&e))).await,
        Ok(Ok(r)) => r,
    };
    let status = resp.status();
    remember_session(shared, &resp, &method).await;

    if status.is_success() {
        if status == StatusCode::ACCEPTED || status == StatusCode::NO_CONTENT {
            return fail(shared, id, TransportError::NoResponse).await;
        }
        let content_type = resp
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        if content_type.starts_with("text/event-stream") {
            return read_response_stream(shared, resp, &id).await;
        }
        match read_body(&mut resp, shared.limits.max_frame, timeout).await {
            Body::Complete(bytes) => {
                let m = adopt(Message::parse(&bytes), &id);
                let answered = answers(&m, &id);
                deliver(shared, Incoming::Message(m)).await;
                if !answered {
                    fail(shared, id, TransportError::StreamEnded).await;
                }
            }
            Body::TooLarge(bytes) => fail(shared, id, TransportError::TooLarge { bytes }).await,
            Body::Failed(e) => fail(shared, id, TransportError::Http(e)).await,
        }
        return;
    }

    let body = match read_body(&mut resp, ERROR_BODY, Duration::from_secs(5)).await {
        Body::Complete(b) => b,
        _ => Vec::new(),
    };
    let parsed = if body.iter().any(|b| !b.is_ascii_whitespace()) {
        Some(Message::parse(&body))
    } else {
        None
    };
    let error_response = match parsed {
        Some(Message::Response(r)) if matches!(r.outcome, Outcome::Error(_)) => Some(r),
        _ => None,
    };
    let modern = error_response
        .as_ref()
        .is_some_and(|r| matches!(&r.outcome, Outcome::Error(e) if is_modern_error(e.code)));
    let preview = crate::redact::for_display(&String::from_utf8_lossy(&body), 300);

    if shared.mode == HttpMode::Auto && method == "initialize" && matches!(status.as_u16(), 400 | 404 | 405) && !modern
    {
        match open_legacy(shared).await {
            Ok(endpoint) => {
                post_legacy(shared, &endpoint, &out, Some(&id)).await;
            }
            Err(e) => {
                let body = format!("{preview} (legacy HTTP+SSE fallback failed: {e})");
                fail(
                    shared,
                    id,
                    TransportError::HttpStatus {
                        status: status.as_u16(),
                        body,
                    },
                )
                .await;
            }
        }
        return;
    }
    if status == StatusCode::NOT_FOUND && sent_session {
        return fail(shared, id, TransportError::SessionExpired).await;
    }
    match error_response {
        // The server explained itself in JSON-RPC: hand that on as the answer.
        Some(r) => deliver(shared, Incoming::Message(adopt(Message::Response(r), &id))).await,
        None => {
            fail(
                shared,
                id,
                TransportError::HttpStatus {
                    status: status.as_u16(),
                    body: preview,
                },
            )
            .await
        }
    }
}

async fn remember_session(shared: &Shared, resp: &reqwest::Response, method: &str) {
    let Some(value) = resp.headers().get("mcp-session-id") else {
        return;
    };
    let valid = value.as_bytes().len() <= MAX_SESSION_ID
        && !value.as_bytes().is_empty()
        && value.as_bytes().iter().all(|b| (0x21..=0x7e).contains(b));
    if !valid {
        deliver(
            shared,
            Incoming::Problem("ignored an Mcp-Session-Id that is not visible ASCII".into()),
        )
        .await;
        return;
    }
    let Ok(text) = value.to_str() else { return };
    let mut session = lock(&shared.session_id);
    // The session is assigned with the initialize response; later headers do not move it.
    if method == "initialize" || session.is_none() {
        *session = Some(text.to_string());
    }
}

/// Reads a POST's SSE stream until it carries the response to `id`.
async fn read_response_stream(shared: &Shared, mut resp: reqwest::Response, id: &Id) {
    let mut parser = SseParser::new(shared.limits.max_frame);
    let mut items = Vec::new();
    // The client gives up at its own timeout; this bounds the stream reader likewise.
    let deadline = tokio::time::Instant::now() + shared.limits.request_timeout + Duration::from_secs(1);
    loop {
        let chunk = match tokio::time::timeout_at(deadline, resp.chunk()).await {
            Err(_) => return,
            Ok(Err(e)) => return fail(shared, id.clone(), TransportError::Http(error_text(&e))).await,
            Ok(Ok(None)) => break,
            Ok(Ok(Some(chunk))) => chunk,
        };
        parser.feed(&chunk, &mut items);
        for item in items.drain(..) {
            match item {
                SseItem::Event(ev) => {
                    if !matches!(ev.event.as_deref(), None | Some("message")) {
                        let name = crate::redact::for_display(ev.event.as_deref().unwrap_or(""), 60);
                        deliver(shared, Incoming::Problem(format!("ignored SSE event of type `{name}`"))).await;
                        continue;
                    }
                    if ev.data.trim().is_empty() {
                        continue; // a priming event (id only)
                    }
                    let m = Message::parse(ev.data.as_bytes());
                    let done = answers(&m, id);
                    deliver(shared, Incoming::Message(m)).await;
                    if done {
                        return;
                    }
                }
                SseItem::TooLarge { bytes } => {
                    // One request per POST stream: an oversized event here is its response
                    // (or a flood in front of it); either way the request cannot succeed.
                    return fail(shared, id.clone(), TransportError::TooLarge { bytes: bytes as u64 }).await;
                }
            }
        }
    }
    fail(shared, id.clone(), TransportError::StreamEnded).await;
}

/// Notifications and responses: delivered in order, answered with 202.
async fn send_other(shared: &Shared, out: Outgoing) {
    let legacy = lock(&shared.legacy_endpoint).clone();
    if let Some(endpoint) = legacy {
        post_legacy(shared, &endpoint, &out, None).await;
        return;
    }
    let headers = post_headers(shared, &out, true);
    let req = shared
        .client
        .post(shared.url.clone())
        .headers(headers)
        .body(out.bytes.clone())
        .send();
    let what = match &out.kind {
        OutKind::Notification { method } => method.clone(),
        _ => "a response".to_string(),
    };
    match tokio::time::timeout(shared.limits.request_timeout, req).await {
        Ok(Ok(r)) if r.status().is_success() => {}
        Ok(Ok(r)) => {
            let msg = format!("the server refused {what}: HTTP {}", r.status().as_u16());
            deliver(shared, Incoming::Problem(msg)).await;
        }
        Ok(Err(e)) => {
            deliver(
                shared,
                Incoming::Problem(format!("sending {what} failed: {}", error_text(&e))),
            )
            .await
        }
        Err(_) => deliver(shared, Incoming::Problem(format!("sending {what} timed out"))).await,
    }
}

async fn post_legacy(shared: &Shared, endpoint: &Url, out: &Outgoing, id: Option<&Id>) {
    let headers = post_headers(shared, out, false);
    let req = shared
        .client
        .post(endpoint.clone())
        .headers(headers)
        .body(out.bytes.clone())
        .send();
    let problem = match tokio::time::timeout(shared.limits.request_timeout, req).await {
        Ok(Ok(r)) if r.status().is_success() => return, // the answer comes on the SSE stream
        Ok(Ok(r)) => TransportError::HttpStatus {
            status: r.status().as_u16(),
            body: String::new(),
        },
        Ok(Err(e)) => TransportError::Http(error_text(&e)),
        Err(_) => TransportError::Timeout(shared.limits.request_timeout),
    };
    match id {
        Some(id) => fail(shared, id.clone(), problem).await,
        None => deliver(shared, Incoming::Problem(format!("legacy POST failed: {problem}"))).await,
    }
}

/// Opens the legacy SSE stream and waits for its `endpoint` event.
async fn open_legacy(shared: &Shared) -> Result<Url, TransportError> {
    if let Some(endpoint) = lock(&shared.legacy_endpoint).clone() {
        return Ok(endpoint);
    }
    let mut headers = shared.headers.clone();
    headers.insert(ACCEPT, HeaderValue::from_static("text/event-stream"));
    let wait = shared.limits.connect_timeout;
    let resp = match tokio::time::timeout(wait, shared.client.get(shared.url.clone()).headers(headers).send()).await {
        Err(_) => return Err(TransportError::LegacySse(format!("GET timed out after {wait:?}"))),
        Ok(Err(e)) => return Err(TransportError::LegacySse(error_text(&e))),
        Ok(Ok(r)) => r,
    };
    if !resp.status().is_success() {
        return Err(TransportError::LegacySse(format!(
            "GET returned HTTP {}",
            resp.status().as_u16()
        )));
    }
    let is_sse = resp
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("text/event-stream"));
    if !is_sse {
        return Err(TransportError::LegacySse("GET did not return an event stream".into()));
    }
    let (endpoint_tx, endpoint_rx) = oneshot::channel();
    let task = tokio::spawn(legacy_stream(
        shared.incoming.clone(),
        shared.url.clone(),
        shared.limits.max_frame,
        resp,
        endpoint_tx,
    ));
    if let Some(old) = lock(&shared.sse_task).replace(task.abort_handle()) {
        old.abort();
    }
    match tokio::time::timeout(wait, endpoint_rx).await {
        Ok(Ok(Ok(endpoint))) => {
            *lock(&shared.legacy_endpoint) = Some(endpoint.clone());
            Ok(endpoint)
        }
        Ok(Ok(Err(e))) => {
            task.abort();
            Err(e)
        }
        _ => {
            task.abort();
            Err(TransportError::LegacySse(format!(
                "no `endpoint` event within {wait:?}"
            )))
        }
    }
}

fn resolve_endpoint(base: &Url, data: &str) -> Result<Url, TransportError> {
    let endpoint = base
        .join(data.trim())
        .map_err(|e| TransportError::LegacySse(format!("the `endpoint` event is not a URL: {e}")))?;
    if !same_origin(base, &endpoint) {
        // Our POSTs carry the caller's headers (credentials): never to another origin.
        let origin = endpoint.origin().ascii_serialization();
        return Err(TransportError::LegacySse(format!(
            "refused an `endpoint` on another origin ({})",
            crate::redact::for_display(&origin, 100)
        )));
    }
    Ok(endpoint)
}

/// The legacy transport's one stream: the `endpoint` event, then every server message.
async fn legacy_stream(
    incoming: mpsc::Sender<Incoming>,
    base: Url,
    max_event: usize,
    mut resp: reqwest::Response,
    endpoint_tx: oneshot::Sender<Result<Url, TransportError>>,
) {
    let mut endpoint_tx = Some(endpoint_tx);
    let mut parser = SseParser::new(max_event);
    let mut items = Vec::new();
    loop {
        let chunk = match resp.chunk().await {
            Ok(Some(c)) => c,
            Ok(None) => break,
            Err(e) => {
                let _ = incoming
                    .send(Incoming::Problem(format!("SSE stream error: {}", error_text(&e))))
                    .await;
                break;
            }
        };
        parser.feed(&chunk, &mut items);
        for item in items.drain(..) {
            let event = match item {
                SseItem::Event(ev) => ev,
                SseItem::TooLarge { bytes } => {
                    let o = crate::jsonrpc::OversizedFrame {
                        length: bytes as u64,
                        head: Vec::new(),
                        tail: Vec::new(),
                    };
                    if incoming.send(Incoming::Oversized(o)).await.is_err() {
                        return;
                    }
                    continue;
                }
            };
            let sent = match event.event.as_deref() {
                Some("endpoint") => {
                    match endpoint_tx.take() {
                        Some(tx) => {
                            let _ = tx.send(resolve_endpoint(&base, &event.data));
                        }
                        None => {
                            let _ = incoming
                                .send(Incoming::Problem("ignored a second `endpoint` event".into()))
                                .await;
                        }
                    }
                    Ok(())
                }
                None | Some("message") => {
                    if event.data.trim().is_empty() {
                        continue;
                    }
                    incoming
                        .send(Incoming::Message(Message::parse(event.data.as_bytes())))
                        .await
                }
                Some(other) => {
                    let name = crate::redact::for_display(other, 60);
                    incoming
                        .send(Incoming::Problem(format!("ignored SSE event of type `{name}`")))
                        .await
                }
            };
            if sent.is_err() {
                return;
            }
        }
    }
    parser.finish();
    match endpoint_tx.take() {
        Some(tx) => {
            let _ = tx.send(Err(TransportError::LegacySse(
                "the stream ended before the `endpoint` event".into(),
            )));
        }
        None => {
            let _ = incoming.send(Incoming::Closed(CloseCause::StreamEnded)).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_spec_examples() {
        assert_eq!(header_value_encoding("us-west1"), "us-west1");
        assert_eq!(header_value_encoding("Hello, 世界"), "=?base64?SGVsbG8sIOS4lueVjA==?=");
        assert_eq!(header_value_encoding(" padded "), "=?base64?IHBhZGRlZCA=?=");
        assert_eq!(header_value_encoding("line1\nline2"), "=?base64?bGluZTEKbGluZTI=?=");
        assert_eq!(
            header_value_encoding("=?base64?literal?="),
            "=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?="
        );
    }

    #[test]
    fn legacy_endpoint_must_stay_on_the_origin() {
        let base = Url::parse("http://127.0.0.1:3001/sse").unwrap();
        assert_eq!(
            resolve_endpoint(&base, "/message?sessionId=abc").unwrap().as_str(),
            "http://127.0.0.1:3001/message?sessionId=abc"
        );
        assert!(resolve_endpoint(&base, "http://evil.example/steal").is_err());
        assert!(resolve_endpoint(&base, "http://127.0.0.1:3002/message").is_err());
    }

    #[test]
    fn spec_debug_hides_header_values() {
        let spec = HttpSpec::new("http://x/mcp").header("Authorization", "Bearer s3cr3t-value");
        let text = format!("{spec:?}");
        assert!(!text.contains("s3cr3t"), "{text}");
        assert!(text.contains("Authorization"));
    }
}
