//! The HTTP transports against a scripted HTTP/1.1 server on a free local port: what the
//! client sends (headers, session id, version, DELETE) and how it reads JSON and SSE
//! answers, the legacy fallback, and the origin rules that keep credentials on the host.

use mcpward_protocol::client::ErrorKind;
use mcpward_protocol::transport::{HttpMode, HttpSpec};
use mcpward_protocol::{Client, ClientOptions, ProtocolVersion, Transport};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path: String,
    headers: HashMap<String, String>,
    body: Value,
}

impl Seen {
    fn rpc_method(&self) -> &str {
        self.body.get("method").and_then(Value::as_str).unwrap_or("")
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}

enum Reply {
    Json {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: String,
    },
    /// SSE events written one by one with a pause between.
    Sse {
        events: Vec<String>,
        hold_open: bool,
    },
    Status(u16),
    Redirect(String),
}

type Handler = Arc<dyn Fn(&Seen) -> Reply + Send + Sync>;

struct FakeServer {
    port: u16,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl FakeServer {
    async fn start(handler: impl Fn(&Seen) -> Reply + Send + Sync + 'static) -> FakeServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let handler: Handler = Arc::new(handler);
        let record = seen.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let handler = handler.clone();
                let record = record.clone();
                tokio::spawn(async move {
                    let _ = serve_one(stream, handler, record).await;
                });
            }
        });
        FakeServer { port, seen }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

async fn serve_one(mut stream: TcpStream, handler: Handler, record: Arc<Mutex<Vec<Seen>>>) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let head_end = loop {
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or("").split(' ');
    let method = first.next().unwrap_or("").to_string();
    let path = first.next().unwrap_or("").to_string();
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let len: usize = headers.get("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < len {
        let mut chunk = vec![0u8; len - body.len()];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    let seen = Seen {
        method,
        path,
        headers,
        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
    };
    record.lock().unwrap().push(seen.clone());
    match handler(&seen) {
        Reply::Json { status, headers, body } => {
            let mut out = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (k, v) in headers {
                out.push_str(&format!("{k}: {v}\r\n"));
            }
            out.push_str("\r\n");
            out.push_str(&body);
            stream.write_all(out.as_bytes()).await?;
        }
        Reply::Status(status) => {
            let out = format!("HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            stream.write_all(out.as_bytes()).await?;
        }
        Reply::Redirect(location) => {
            let out =
                format!("HTTP/1.1 307 X\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            stream.write_all(out.as_bytes()).await?;
        }
        Reply::Sse { events, hold_open } => {
            stream
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n")
                .await?;
            for e in events {
                stream.write_all(e.as_bytes()).await?;
                stream.flush().await?;
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            if hold_open {
                tokio::time::sleep(Duration::from_secs(30)).await;
            }
        }
    }
    stream.shutdown().await
}

fn ok(id: &Value, result: Value) -> String {
    json!({"jsonrpc": "2.0", "id": id, "result": result}).to_string()
}

fn options() -> ClientOptions {
    let mut o = ClientOptions::new("mcpward-test", "0.0.0");
    o.timeouts.discover = Duration::from_secs(5);
    o.timeouts.initialize = Duration::from_secs(10);
    o.timeouts.request = Duration::from_secs(10);
    o.timeouts.connect = Duration::from_secs(5);
    o
}

/// A 2025-11-25 Streamable HTTP server with sessions, answering tools/list over SSE.
fn legacy_streamable(seen: &Seen) -> Reply {
    let id = seen.body.get("id").cloned().unwrap_or(Value::Null);
    match (seen.method.as_str(), seen.rpc_method()) {
        ("POST", "server/discover") => Reply::Json {
            status: 400,
            headers: vec![],
            body:
                r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32000,"message":"Bad Request: Server not initialized"}}"#
                    .into(),
        },
        ("POST", "initialize") => Reply::Json {
            status: 200,
            headers: vec![("Mcp-Session-Id", "sess-123".into())],
            body: ok(
                &id,
                json!({"protocolVersion":"2025-11-25","capabilities":{"tools":{}},"serverInfo":{"name":"fake","version":"1"}}),
            ),
        },
        ("POST", "notifications/initialized") => Reply::Status(202),
        ("POST", "tools/list") if seen.header("mcp-session-id") == Some("sess-123") => {
            let response = ok(
                &id,
                json!({"tools":[{"name":"from_sse","description":"d","inputSchema":{"type":"object"}}]}),
            );
            let (a, b) = response.split_at(response.find("\"result\"").unwrap());
            Reply::Sse {
                events: vec![
                    ": keep-alive\n\n".into(),
                    "id: e1\ndata:\n\n".into(),
                    "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\",\"data\":\"working\"}}\n\n".into(),
                    "event: something-else\ndata: ignored\n\n".into(),
                    // The response, its data split over two lines at a JSON boundary.
                    format!("id: e2\r\ndata: {a}\r\ndata: {b}\r\n\r\n"),
                ],
                hold_open: true,
            }
        }
        ("POST", _) => Reply::Status(400),
        ("DELETE", _) => Reply::Status(200),
        _ => Reply::Status(405),
    }
}

#[tokio::test]
async fn streamable_http_session_headers_and_sse_response() {
    let server = FakeServer::start(legacy_streamable).await;
    let spec = HttpSpec::new(server.url("/mcp"))
        .mode(HttpMode::StreamableHttp)
        .header("X-Api-Key", "k-123");
    let session = Client::connect(Transport::Http(spec), options())
        .await
        .expect("connect");
    assert_eq!(session.protocol_version(), ProtocolVersion::V2025_11_25);
    let tools = session.list_tools().await.unwrap();
    assert_eq!(tools.items[0].name, "from_sse");
    assert!(session.logs().iter().any(|l| l.data == "working"));
    session.close().await;

    let seen = server.seen();
    let by = |m: &str| {
        seen.iter()
            .find(|s| s.rpc_method() == m)
            .cloned()
            .unwrap_or_else(|| panic!("no {m}"))
    };
    let discover = by("server/discover");
    assert_eq!(discover.header("mcp-protocol-version"), Some("2026-07-28"));
    assert_eq!(discover.header("mcp-method"), Some("server/discover"));
    let init = by("initialize");
    assert!(init.header("accept").unwrap().contains("application/json"));
    assert!(init.header("accept").unwrap().contains("text/event-stream"));
    assert_eq!(init.header("mcp-session-id"), None);
    assert_eq!(init.header("mcp-protocol-version"), None);
    assert_eq!(init.header("x-api-key"), Some("k-123"));
    let list = by("tools/list");
    assert_eq!(list.header("mcp-session-id"), Some("sess-123"));
    assert_eq!(list.header("mcp-protocol-version"), Some("2025-11-25"));
    assert_eq!(list.header("mcp-method"), None, "Mcp-Method belongs to 2026-07-28 only");
    assert_eq!(
        by("notifications/initialized").header("mcp-session-id"),
        Some("sess-123")
    );
    let delete = seen.iter().find(|s| s.method == "DELETE").expect("DELETE on close");
    assert_eq!(delete.header("mcp-session-id"), Some("sess-123"));
    assert_eq!(delete.path, "/mcp");
}

#[tokio::test]
async fn expired_session_is_reported() {
    let server = FakeServer::start(|seen| match seen.rpc_method() {
        "tools/list" => Reply::Status(404),
        _ => legacy_streamable(seen),
    })
    .await;
    let spec = HttpSpec::new(server.url("/mcp")).mode(HttpMode::StreamableHttp);
    let session = Client::connect(Transport::Http(spec), options()).await.unwrap();
    let err = session.list_tools().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport);
    assert!(err.to_string().contains("ended the HTTP session"), "{err}");
    session.close().await;
}

#[tokio::test]
async fn modern_http_server_gets_per_request_metadata() {
    let server = FakeServer::start(|seen| {
        let id = seen.body.get("id").cloned().unwrap_or(Value::Null);
        match seen.rpc_method() {
            "server/discover" => Reply::Json {
                status: 200,
                headers: vec![],
                body: ok(
                    &id,
                    json!({"resultType":"complete","supportedVersions":["2026-07-28"],
                    "capabilities":{"tools":{}},"instructions":"modern","ttlMs":0,"cacheScope":"public",
                    "_meta":{"io.modelcontextprotocol/serverInfo":{"name":"modern-fake","version":"2"}}}),
                ),
            },
            "tools/list" => Reply::Json {
                status: 200,
                headers: vec![],
                body: ok(
                    &id,
                    json!({"resultType":"complete","tools":[{"name":"t","inputSchema":{"type":"object"}}]}),
                ),
            },
            "prompts/list" => Reply::Json {
                status: 200,
                headers: vec![],
                body: ok(&id, json!({"resultType":"input_required","requestState":"opaque"})),
            },
            _ => Reply::Json {
                status: 404,
                headers: vec![],
                body: r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32601,"message":"Method not found"}}"#.into(),
            },
        }
    })
    .await;
    let session = Client::connect(Transport::http(server.url("/mcp")), options())
        .await
        .unwrap();
    assert_eq!(session.protocol_version(), ProtocolVersion::V2026_07_28);
    assert_eq!(session.server_info().map(|i| i.name.as_str()), Some("modern-fake"));
    assert_eq!(session.instructions(), Some("modern"));
    assert_eq!(session.list_tools().await.unwrap().items[0].name, "t");
    // MRTR is not something an inspection client does: a clear error, not a hang.
    assert_eq!(
        session.list_prompts().await.unwrap_err().kind(),
        ErrorKind::InputRequired
    );
    // "Method not found" arrives as HTTP 404 with a JSON-RPC body: an unsupported list.
    assert!(session.list_resources().await.unwrap().unsupported);
    session.close().await;

    let seen = server.seen();
    let list = seen.iter().find(|s| s.rpc_method() == "tools/list").unwrap();
    assert_eq!(list.header("mcp-protocol-version"), Some("2026-07-28"));
    assert_eq!(list.header("mcp-method"), Some("tools/list"));
    let meta = &list.body["params"]["_meta"];
    assert_eq!(meta["io.modelcontextprotocol/protocolVersion"], "2026-07-28");
    assert_eq!(meta["io.modelcontextprotocol/clientInfo"]["name"], "mcpward-test");
    assert!(meta["io.modelcontextprotocol/clientCapabilities"].is_object());
    assert!(
        seen.iter().all(|s| s.rpc_method() != "initialize"),
        "a modern server is not initialized"
    );
    assert!(seen.iter().all(|s| s.method != "DELETE"), "no session, no DELETE");
}

#[tokio::test]
async fn legacy_endpoint_on_another_origin_is_refused() {
    let server = FakeServer::start(|seen| match seen.method.as_str() {
        "GET" => Reply::Sse {
            events: vec!["event: endpoint\ndata: http://attacker.example/steal\n\n".into()],
            hold_open: true,
        },
        _ => Reply::Status(404),
    })
    .await;
    let spec = HttpSpec::new(server.url("/sse")).header("Authorization", "Bearer secret-token-value");
    let err = Client::connect(Transport::Http(spec), options())
        .await
        .err()
        .expect("refused");
    assert_eq!(err.kind(), ErrorKind::Transport);
    let text = err.to_string();
    assert!(text.contains("another origin"), "{text}");
    assert!(!text.contains("secret-token-value"), "{text}");
}

#[tokio::test]
async fn redirects_to_another_origin_are_not_followed() {
    let other = FakeServer::start(|_| Reply::Status(200)).await;
    let target = other.url("/mcp");
    let server = FakeServer::start(move |_| Reply::Redirect(target.clone())).await;
    let spec = HttpSpec::new(server.url("/mcp"))
        .mode(HttpMode::StreamableHttp)
        .header("Authorization", "Bearer x");
    let err = Client::connect(Transport::Http(spec), options())
        .await
        .err()
        .expect("not followed");
    assert!(err.to_string().contains("307"), "{err}");
    assert!(other.seen().is_empty(), "the credentials went to another origin");
}

#[tokio::test]
async fn same_origin_redirects_are_followed() {
    // Some frameworks redirect `/mcp` to `/mcp/`.
    let server = FakeServer::start(|seen| match seen.path.as_str() {
        "/mcp" => Reply::Redirect("/mcp/".into()),
        _ => legacy_streamable(seen),
    })
    .await;
    let spec = HttpSpec::new(server.url("/mcp")).mode(HttpMode::StreamableHttp);
    let session = Client::connect(Transport::Http(spec), options())
        .await
        .expect("redirect followed");
    assert_eq!(session.list_tools().await.unwrap().items[0].name, "from_sse");
    session.close().await;
    assert!(server
        .seen()
        .iter()
        .any(|s| s.path == "/mcp/" && s.rpc_method() == "initialize"));
}

#[tokio::test]
async fn oversized_sse_event_fails_the_request() {
    let server = FakeServer::start(|seen| match seen.rpc_method() {
        "tools/list" => Reply::Sse {
            events: vec![format!("data: {}\n\n", "x".repeat(200_000))],
            hold_open: false,
        },
        _ => legacy_streamable(seen),
    })
    .await;
    let mut o = options();
    o.limits.max_frame_bytes = 64 * 1024;
    let spec = HttpSpec::new(server.url("/mcp")).mode(HttpMode::StreamableHttp);
    let session = Client::connect(Transport::Http(spec), o).await.unwrap();
    // The handler answers tools/list before checking the session, so this is the big one.
    let err = session.list_tools().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ResponseTooLarge, "{err}");
    session.close().await;
}

#[tokio::test]
async fn unreachable_server_is_a_transport_error() {
    // A port bound but not listening refuses connections, and stays ours for the whole
    // test: a released port could be taken by a server another test starts meanwhile.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let port = socket.local_addr().unwrap().port();
    let spec = HttpSpec::new(format!("http://127.0.0.1:{port}/mcp"));
    let err = Client::connect(Transport::Http(spec), options()).await.err().unwrap();
    assert_eq!(err.kind(), ErrorKind::Transport, "{err}");
    drop(socket);
}
