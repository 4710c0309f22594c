//! The client's engine: sends requests, routes everything that comes back.
//!
//! One dispatcher task consumes the link's incoming events: responses go to the request
//! waiting for them (by id), server→client requests are answered (ping; roots/list when
//! roots were declared; everything else "method not found"), log notifications are kept
//! (bounded), and whatever is malformed is answered when addressable and recorded, never
//! dropped silently.

use super::error::ClientError;
use super::{Problem, ProblemKind};
use crate::jsonrpc::codes;
use crate::jsonrpc::{Id, Message, Notification, Outcome, PendingError, PendingRequests, Request, Response};
use crate::mcp::{LogEntry, ProtocolVersion};
use crate::transport::{CloseCause, CloseReport, Control, Incoming, Link, OutKind, Outgoing, TransportError};
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

/// How a waiting request ends.
pub(crate) enum Reply {
    Response(Response),
    Failed(TransportError),
    TooLarge(u64),
    Invalid(String),
    Closed(CloseCause),
}

struct State {
    pending: PendingRequests<oneshot::Sender<Reply>>,
    closed: Option<CloseCause>,
}

pub(crate) struct Shared {
    state: Mutex<State>,
    logs: Mutex<VecDeque<LogEntry>>,
    problems: Mutex<VecDeque<Problem>>,
    next_id: AtomicU64,
    /// The negotiated version, once known: replies to server requests carry it (HTTP headers).
    version: Mutex<Option<ProtocolVersion>>,
    roots: bool,
    max_logs: usize,
    max_problems: usize,
    max_frame: usize,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Shared {
    fn record(&self, kind: ProblemKind, detail: impl Into<String>) {
        let mut p = lock(&self.problems);
        if p.len() >= self.max_problems {
            p.pop_front();
        }
        p.push_back(Problem {
            kind,
            detail: crate::redact::for_display(&detail.into(), 500),
        });
    }

    fn take(&self, id: &Id) -> Option<oneshot::Sender<Reply>> {
        lock(&self.state).pending.take(id).map(|p| p.value)
    }

    fn close_all(&self, cause: CloseCause) {
        let drained = {
            let mut state = lock(&self.state);
            if state.closed.is_none() {
                state.closed = Some(cause.clone());
            }
            state.pending.drain()
        };
        for (_, p) in drained {
            let _ = p.value.send(Reply::Closed(cause.clone()));
        }
    }

    pub fn closed(&self) -> Option<CloseCause> {
        lock(&self.state).closed.clone()
    }

    pub fn logs(&self) -> Vec<LogEntry> {
        lock(&self.logs).iter().cloned().collect()
    }

    pub fn problems(&self) -> Vec<Problem> {
        lock(&self.problems).iter().cloned().collect()
    }
}

/// Settings the core needs.
pub(crate) struct CoreConfig {
    pub roots: bool,
    pub max_pending: usize,
    pub max_logs: usize,
    pub max_problems: usize,
    pub max_frame: usize,
    pub is_http: bool,
}

pub(crate) struct Core {
    pub shared: Arc<Shared>,
    tx: mpsc::Sender<Outgoing>,
    dispatcher: JoinHandle<()>,
    pub control: Control,
    is_http: bool,
}

impl Core {
    pub fn start(link: Link, config: CoreConfig) -> Core {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                pending: PendingRequests::new(config.max_pending.max(1)),
                closed: None,
            }),
            logs: Mutex::new(VecDeque::new()),
            problems: Mutex::new(VecDeque::new()),
            next_id: AtomicU64::new(1),
            version: Mutex::new(None),
            roots: config.roots,
            max_logs: config.max_logs,
            max_problems: config.max_problems.max(1),
            max_frame: config.max_frame,
        });
        let Link { tx, rx, control } = link;
        let dispatcher = tokio::spawn(dispatch(shared.clone(), rx, tx.clone()));
        Core {
            shared,
            tx,
            dispatcher,
            control,
            is_http: config.is_http,
        }
    }

    /// Sends a request and waits for its result (raw JSON).
    pub async fn request(
        &self,
        method: &str,
        params: Option<Value>,
        timeout: Duration,
        version: Option<ProtocolVersion>,
        cancel_on_timeout: bool,
    ) -> Result<Box<RawValue>, ClientError> {
        let mcp_name = match method {
            "tools/call" | "prompts/get" => params.as_ref().and_then(|p| p.get("name")),
            "resources/read" => params.as_ref().and_then(|p| p.get("uri")),
            _ => None,
        }
        .and_then(Value::as_str)
        .map(str::to_string);
        let params = match params {
            Some(p) => Some(serde_json::value::to_raw_value(&p).map_err(|e| ClientError::Options(e.to_string()))?),
            None => None,
        };
        let id = Id::from(self.shared.next_id.fetch_add(1, Ordering::Relaxed));
        let bytes = Message::Request(Request::new(id.clone(), method, params)).to_vec();
        let (reply_tx, reply_rx) = oneshot::channel();
        {
            let mut state = lock(&self.shared.state);
            if let Some(cause) = &state.closed {
                return Err(ClientError::Closed {
                    method: method.to_string(),
                    cause: cause.clone(),
                });
            }
            state
                .pending
                .insert(id.clone(), method, reply_tx)
                .map_err(|e| match e {
                    PendingError::Full { max } => ClientError::TooManyPending { max },
                    PendingError::DuplicateId(_) => ClientError::Options("request id reused".into()),
                })?;
        }
        let out = Outgoing {
            bytes,
            kind: OutKind::Request {
                id: id.clone(),
                method: method.to_string(),
            },
            version,
            mcp_name,
        };
        let deadline = tokio::time::Instant::now() + timeout;
        let timed_out = || ClientError::Timeout {
            what: method.to_string(),
            after: timeout,
        };
        match tokio::time::timeout_at(deadline, self.tx.send(out)).await {
            Ok(Ok(())) => {}
            Ok(Err(_)) => {
                self.shared.take(&id);
                return Err(self.closed_error(method));
            }
            Err(_) => {
                self.shared.take(&id);
                return Err(timed_out());
            }
        }
        match tokio::time::timeout_at(deadline, reply_rx).await {
            Ok(Ok(reply)) => self.reply_result(method, reply),
            Ok(Err(_)) => Err(self.closed_error(method)),
            Err(_) => {
                self.shared.take(&id);
                // Streamable HTTP of 2026-07-28 cancels by closing the stream (which
                // aborting the POST does); elsewhere the peer is told.
                let modern_http = self.is_http && version.is_some_and(ProtocolVersion::is_modern);
                if cancel_on_timeout && !modern_http {
                    let params = serde_json::json!({"requestId": id, "reason": "timeout"});
                    self.notify("notifications/cancelled", Some(params), version);
                }
                Err(timed_out())
            }
        }
    }

    fn closed_error(&self, method: &str) -> ClientError {
        ClientError::Closed {
            method: method.to_string(),
            cause: self.shared.closed().unwrap_or(CloseCause::Local),
        }
    }

    fn reply_result(&self, method: &str, reply: Reply) -> Result<Box<RawValue>, ClientError> {
        match reply {
            Reply::Response(r) => match r.outcome {
                Outcome::Result(raw) => Ok(raw),
                Outcome::Error(e) => Err(ClientError::Rpc {
                    method: method.to_string(),
                    code: e.code,
                    message: crate::redact::truncate_chars(&e.message, 2000),
                    data: e.data.map(|d| crate::redact::truncate_chars(d.get(), 64 * 1024)),
                }),
            },
            Reply::Failed(TransportError::TooLarge { bytes }) | Reply::TooLarge(bytes) => {
                Err(ClientError::ResponseTooLarge {
                    method: method.to_string(),
                    bytes,
                    limit: self.shared.max_frame,
                })
            }
            Reply::Failed(e) => Err(ClientError::Transport(e)),
            Reply::Invalid(reason) => Err(ClientError::InvalidResponse {
                method: method.to_string(),
                reason,
            }),
            Reply::Closed(cause) => Err(ClientError::Closed {
                method: method.to_string(),
                cause,
            }),
        }
    }

    pub fn record(&self, kind: ProblemKind, detail: impl Into<String>) {
        self.shared.record(kind, detail);
    }

    /// Records the negotiated version (used for replies to server requests).
    pub fn set_version(&self, version: ProtocolVersion) {
        *lock(&self.shared.version) = Some(version);
    }

    /// Queues a notification; never waits (a peer that does not read cannot block us).
    pub fn notify(&self, method: &str, params: Option<Value>, version: Option<ProtocolVersion>) {
        let params = params.and_then(|p| serde_json::value::to_raw_value(&p).ok());
        let bytes = Message::Notification(Notification::new(method, params)).to_vec();
        let out = Outgoing {
            bytes,
            kind: OutKind::Notification {
                method: method.to_string(),
            },
            version,
            mcp_name: None,
        };
        if self.tx.try_send(out).is_err() {
            self.shared
                .record(ProblemKind::Transport, format!("could not queue {method}"));
        }
    }

    /// Stops the dispatcher and closes the link.
    pub async fn shutdown(self, grace: Duration) -> CloseReport {
        let Core {
            shared,
            tx,
            dispatcher,
            control,
            ..
        } = self;
        dispatcher.abort();
        let _ = dispatcher.await;
        drop(tx);
        shared.close_all(CloseCause::Local);
        control.close(grace).await
    }
}

async fn dispatch(shared: Arc<Shared>, mut rx: mpsc::Receiver<Incoming>, tx: mpsc::Sender<Outgoing>) {
    while let Some(item) = rx.recv().await {
        match item {
            Incoming::Message(m) => handle_message(&shared, &tx, m),
            Incoming::Oversized(o) => {
                let id = o.recover_id();
                shared.record(
                    ProblemKind::OversizedFrame,
                    format!("dropped a {}-byte message (limit {})", o.length, shared.max_frame),
                );
                if let Some(waiter) = id.and_then(|id| shared.take(&id)) {
                    let _ = waiter.send(Reply::TooLarge(o.length));
                }
            }
            Incoming::Truncated(bytes) => {
                let preview = crate::redact::for_display(&String::from_utf8_lossy(&bytes), 120);
                shared.record(
                    ProblemKind::InvalidFrame,
                    format!("partial message at end of stream: {preview}"),
                );
            }
            Incoming::SendFailed { id, error } => match shared.take(&id) {
                Some(waiter) => {
                    let _ = waiter.send(Reply::Failed(error));
                }
                None => shared.record(ProblemKind::Transport, error.to_string()),
            },
            Incoming::Problem(text) => shared.record(ProblemKind::Transport, text),
            Incoming::Closed(cause) => {
                shared.close_all(cause);
                return;
            }
        }
    }
    shared.close_all(CloseCause::Eof);
}

fn handle_message(shared: &Shared, tx: &mpsc::Sender<Outgoing>, m: Message) {
    match m {
        Message::Response(r) => match &r.id {
            Some(id) => match shared.take(id) {
                Some(waiter) => {
                    let _ = waiter.send(Reply::Response(r));
                }
                None => shared.record(ProblemKind::UnexpectedResponse, format!("response to unknown id {id}")),
            },
            None => {
                let detail = match &r.outcome {
                    Outcome::Error(e) => format!("error without id: {e}"),
                    Outcome::Result(_) => "result without id".to_string(),
                };
                shared.record(ProblemKind::UnexpectedResponse, detail);
            }
        },
        Message::Request(req) => {
            let reply = answer(shared, &req);
            send_reply(shared, tx, reply);
        }
        Message::Notification(n) => {
            if n.method == "notifications/message" {
                let entry = LogEntry::from_params(n.params.as_deref());
                let mut logs = lock(&shared.logs);
                if logs.len() >= shared.max_logs {
                    logs.pop_front();
                }
                if shared.max_logs > 0 {
                    logs.push_back(entry);
                }
            }
        }
        Message::Batch(items) => {
            for item in items {
                handle_message(shared, tx, item);
            }
        }
        Message::Invalid(inv) => {
            let preview = crate::redact::for_display(&String::from_utf8_lossy(&inv.raw), 120);
            shared.record(ProblemKind::InvalidFrame, format!("{}: {preview}", inv.reason));
            if inv.method.is_none() {
                // A broken response: fail the request it was meant for, if we can tell.
                if let Some(waiter) = inv.id.as_ref().and_then(|id| shared.take(id)) {
                    let _ = waiter.send(Reply::Invalid(inv.reason.clone()));
                }
            } else if let Some(reply) = inv.error_reply() {
                send_reply(shared, tx, reply);
            }
        }
    }
}

fn send_reply(shared: &Shared, tx: &mpsc::Sender<Outgoing>, reply: Response) {
    let out = Outgoing {
        bytes: Message::Response(reply).to_vec(),
        kind: OutKind::Response,
        version: *lock(&shared.version),
        mcp_name: None,
    };
    // Never block the dispatcher on a peer that floods us with requests.
    if tx.try_send(out).is_err() {
        shared.record(
            ProblemKind::Transport,
            "dropped a reply to a server request (queue full or closed)",
        );
    }
}

/// Answers a server→client request. This client offers nothing but `ping` and, when
/// declared, an empty `roots/list`: no sampling, no elicitation.
fn answer(shared: &Shared, req: &Request) -> Response {
    let id = req.id.clone();
    let empty = |json: &str| RawValue::from_string(json.to_string()).ok();
    match req.method.as_str() {
        "ping" => match empty("{}") {
            Some(r) => Response::result(id, r),
            None => Response::error(Some(id), codes::INTERNAL_ERROR, "internal error"),
        },
        "roots/list" if shared.roots => {
            shared.record(
                ProblemKind::ServerRequest,
                "the server asked for roots/list (answered: none)",
            );
            match empty(r#"{"roots":[]}"#) {
                Some(r) => Response::result(id, r),
                None => Response::error(Some(id), codes::INTERNAL_ERROR, "internal error"),
            }
        }
        other => {
            let shown = crate::redact::for_display(other, 80);
            shared.record(
                ProblemKind::ServerRequest,
                format!("the server asked for {shown} (refused)"),
            );
            Response::error(
                Some(id),
                codes::METHOD_NOT_FOUND,
                format!("{shown} is not supported by this client"),
            )
        }
    }
}
