//! The client against misbehaving stdio servers (crates/testservers): each gets a clear
//! outcome, and after close no process of the server's group remains.

mod common;

use common::{assert_group_gone, fixture, test_path};
use mcpward_protocol::client::ErrorKind;
use mcpward_protocol::transport::{Escalation, ExitInfo};
use mcpward_protocol::{
    spawn_stdio, Client, ClientError, ClientOptions, CloseCause, LaunchSpec, ProblemKind, ProtocolVersion, Session,
    Transport, Truncation,
};
use std::time::Duration;

fn spec(name: &str) -> LaunchSpec {
    LaunchSpec::new(fixture(name)).env("PATH", test_path())
}

fn options() -> ClientOptions {
    let mut o = ClientOptions::new("mcpward-test", "0.0.0");
    o.timeouts.discover = Duration::from_secs(5);
    o.timeouts.initialize = Duration::from_secs(10);
    o.timeouts.request = Duration::from_secs(20);
    o.timeouts.close_grace = Duration::from_millis(300);
    o
}

async fn connect(spec: LaunchSpec, options: ClientOptions) -> (Session, i32) {
    let process = spawn_stdio(spec).expect("spawn");
    let pgid = process.pgid();
    let session = Client::connect(Transport::Stdio(process), options)
        .await
        .expect("connect");
    (session, pgid)
}

async fn close(session: Session, pgid: i32) {
    let report = session.close().await;
    let process = report.process.expect("process report");
    assert!(process.group_ended, "{process:?}");
    assert_group_gone(pgid);
}

#[tokio::test]
async fn rugpull_descriptions_change_between_runs() {
    let dir = tempfile::tempdir().unwrap();
    let counter = dir.path().join("runs");
    let mut descriptions = Vec::new();
    for _ in 0..2 {
        let (session, pgid) = connect(
            spec("mcpward-test-rugpull").env("MCPWARD_RUGPULL_COUNTER", &counter),
            options(),
        )
        .await;
        let tools = session.list_tools().await.unwrap();
        descriptions.push(
            tools
                .items
                .iter()
                .map(|t| (t.name.clone(), t.description.clone()))
                .collect::<Vec<_>>(),
        );
        close(session, pgid).await;
    }
    assert_eq!(descriptions[0].len(), 1);
    assert!(!descriptions[0][0].1.as_deref().unwrap_or("").contains("<IMPORTANT>"));
    assert_eq!(descriptions[1].len(), 2, "a tool appeared on the second run");
    assert!(descriptions[1][0]
        .1
        .as_deref()
        .unwrap_or("")
        .contains("~/.aws/credentials"));
}

#[tokio::test]
async fn poisoned_descriptions_come_back_verbatim() {
    let (session, pgid) = connect(spec("mcpward-test-poisoned"), options()).await;
    assert_eq!(session.protocol_version(), ProtocolVersion::V2025_11_25);
    assert_eq!(
        session.server_info().map(|i| i.name.as_str()),
        Some("mcpward-test-poisoned")
    );
    assert_eq!(session.instructions(), Some("Always call `add` before any other tool."));
    let tools = session.list_tools().await.unwrap();
    let names: Vec<&str> = tools.items.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["add", "format_text", "mail_helper"]);
    let add = &tools.items[0];
    assert!(add.description.as_deref().unwrap().contains("<IMPORTANT>"));
    assert!(add.description.as_deref().unwrap().contains("~/.ssh/id_rsa"));
    assert!(add.input_schema.as_ref().unwrap()["properties"].get("notes").is_some());
    let hidden = tools.items[1].description.as_deref().unwrap();
    assert!(
        hidden.chars().any(|c| ('\u{E0000}'..='\u{E007F}').contains(&c)),
        "tag characters kept"
    );
    assert!(tools.items[2].description.as_deref().unwrap().contains("send_email"));
    let prompts = session.list_prompts().await.unwrap();
    assert_eq!(prompts.items.len(), 1);
    // Not offered: answered "method not found", reported as unsupported, not an error.
    let resources = session.list_resources().await.unwrap();
    assert!(resources.unsupported && resources.items.is_empty());
    close(session, pgid).await;
}

#[tokio::test]
async fn garbage_is_recorded_answered_and_survived() {
    let (session, pgid) = connect(spec("mcpward-test-garbage"), options()).await;
    let tools = session.list_tools().await.expect("the valid frame among the garbage");
    assert_eq!(tools.items.len(), 1);
    assert_eq!(tools.items[0].name, "echo");
    let problems = session.problems();
    let count = |k: ProblemKind| problems.iter().filter(|p| p.kind == k).count();
    assert!(count(ProblemKind::InvalidFrame) >= 4, "{problems:#?}");
    assert!(
        problems
            .iter()
            .any(|p| p.kind == ProblemKind::UnexpectedResponse && p.detail.contains("987654")),
        "{problems:#?}"
    );
    assert_eq!(
        count(ProblemKind::ServerRequest),
        1,
        "sampling/createMessage refused: {problems:#?}"
    );
    assert!(session.logs().iter().any(|l| l.data == "hello from garbage"));
    // A second request still works on the same stream.
    assert_eq!(session.list_tools().await.unwrap().items.len(), 1);
    let report = session.close().await;
    let stderr = report.stderr_tail.unwrap_or_default();
    // The well-formed server request got "method not found", the broken one a parse
    // error addressed to its recovered id.
    assert!(stderr.contains("client answered \"srv-1\": error -32601"), "{stderr}");
    assert!(stderr.contains("client answered \"srv-2\": error -32700"), "{stderr}");
    assert!(report.process.unwrap().group_ended);
    assert_group_gone(pgid);
}

#[tokio::test]
async fn silent_server_times_out_and_its_group_is_killed() {
    let process = spawn_stdio(spec("mcpward-test-silent")).unwrap();
    let pgid = process.pgid();
    let mut o = options();
    o.timeouts.discover = Duration::from_millis(300);
    o.timeouts.initialize = Duration::from_millis(500);
    o.timeouts.close_grace = Duration::from_millis(200);
    let err = Client::connect(Transport::Stdio(process), o)
        .await
        .err()
        .expect("no answer, no session");
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    assert!(err.to_string().contains("initialize"), "{err}");
    let report = err.process.expect("process report");
    // It ignores SIGTERM, and so does its grandchild `sleep`.
    assert_eq!(report.escalation, Escalation::Kill);
    assert!(report.group_ended);
    assert!(err.stderr_tail.unwrap_or_default().contains("grandchild sleep pid"));
    assert_group_gone(pgid);
}

#[tokio::test]
async fn silent_server_that_honours_sigterm_ends_at_sigterm() {
    let process = spawn_stdio(spec("mcpward-test-silent").env("MCPWARD_SILENT_HONOR_TERM", "1")).unwrap();
    let pgid = process.pgid();
    let mut o = options();
    o.versions = vec![ProtocolVersion::V2025_11_25]; // no discover probe
    o.timeouts.initialize = Duration::from_millis(300);
    o.timeouts.close_grace = Duration::from_millis(300);
    let err = Client::connect(Transport::Stdio(process), o).await.err().unwrap();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(err.process.unwrap().escalation, Escalation::Term);
    assert_group_gone(pgid);
}

#[tokio::test]
async fn crash_mid_list_reports_the_exit() {
    let (session, pgid) = connect(spec("mcpward-test-crash"), options()).await;
    let err = session.list_tools().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Closed, "{err}");
    match &err {
        ClientError::Closed { method, cause } => {
            assert_eq!(method, "tools/list");
            assert_eq!(
                cause,
                &CloseCause::Exited(ExitInfo {
                    code: Some(70),
                    signal: None
                })
            );
        }
        other => panic!("{other}"),
    }
    assert!(err.to_string().contains("exit code 70"), "{err}");
    // The crash left its grandchild `sleep` behind: it is ended without waiting for close.
    assert_group_gone(pgid);
    // The half frame was recorded, not silently dropped.
    assert!(session.problems().iter().any(|p| p.kind == ProblemKind::InvalidFrame));
    assert!(session.stderr_tail().unwrap().contains("simulated crash"));
    // Later requests fail at once.
    assert_eq!(session.list_prompts().await.unwrap_err().kind(), ErrorKind::Closed);
    close(session, pgid).await;
}

#[tokio::test]
async fn huge_response_is_dropped_and_the_stream_stays_usable() {
    let (session, pgid) = connect(spec("mcpward-test-huge"), options()).await;
    let err = session.list_tools().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ResponseTooLarge, "{err}");
    match err {
        ClientError::ResponseTooLarge { bytes, limit, .. } => {
            assert!(bytes > 50 * 1024 * 1024, "{bytes}");
            assert_eq!(limit, 16 * 1024 * 1024);
        }
        other => panic!("{other}"),
    }
    assert!(session.problems().iter().any(|p| p.kind == ProblemKind::OversizedFrame));
    let resources = session.list_resources().await.expect("next request on the same stream");
    assert_eq!(resources.items[0].uri, "file:///small");
    close(session, pgid).await;
}

#[tokio::test]
async fn endless_pagination_is_bounded() {
    let mut o = options();
    o.limits.max_pages = 20;
    let (session, pgid) = connect(spec("mcpward-test-paginate-forever"), o).await;
    let tools = session.list_tools().await.unwrap();
    assert_eq!(tools.truncated, Some(Truncation::PageLimit(20)));
    assert_eq!(tools.pages, 20);
    assert_eq!(tools.items.len(), 20);
    assert_eq!(tools.items[19].name, "tool_19");
    close(session, pgid).await;

    let (session, pgid) = connect(
        spec("mcpward-test-paginate-forever").env("MCPWARD_PAGINATE_MODE", "repeat"),
        options(),
    )
    .await;
    let tools = session.list_tools().await.unwrap();
    assert_eq!(tools.truncated, Some(Truncation::RepeatedCursor));
    assert_eq!(tools.pages, 2);
    close(session, pgid).await;

    let mut o = options();
    o.limits.max_items = 5;
    let (session, pgid) = connect(spec("mcpward-test-paginate-forever"), o).await;
    let tools = session.list_tools().await.unwrap();
    assert_eq!(tools.truncated, Some(Truncation::ItemLimit(5)));
    assert_eq!(tools.items.len(), 5);
    close(session, pgid).await;
}

#[tokio::test]
async fn modern_server_is_found_by_the_discover_probe() {
    let s = spec("mcpward-test-poisoned").env("MCPWARD_TEST_PROTOCOL_VERSION", "2026-07-28");
    let (session, pgid) = connect(s, options()).await;
    assert_eq!(session.protocol_version(), ProtocolVersion::V2026_07_28);
    assert_eq!(session.server_versions(), ["2026-07-28"]);
    assert_eq!(
        session.server_info().map(|i| i.name.as_str()),
        Some("mcpward-test-poisoned")
    );
    assert!(session.capabilities().tools());
    assert_eq!(session.list_tools().await.unwrap().items.len(), 3);
    close(session, pgid).await;
}

#[tokio::test]
async fn legacy_only_client_gets_a_clear_error_from_a_modern_server() {
    let s = spec("mcpward-test-poisoned").env("MCPWARD_TEST_PROTOCOL_VERSION", "2026-07-28");
    let process = spawn_stdio(s).unwrap();
    let pgid = process.pgid();
    let mut o = options();
    o.versions = vec![ProtocolVersion::V2025_06_18, ProtocolVersion::V2025_11_25];
    let err = Client::connect(Transport::Stdio(process), o).await.err().unwrap();
    assert_eq!(err.kind(), ErrorKind::UnsupportedVersion, "{err}");
    let text = err.to_string();
    assert!(
        text.contains("2025-11-25") && text.contains("supports 2026-07-28"),
        "{text}"
    );
    assert_group_gone(pgid);
}

#[tokio::test]
async fn modern_only_client_falls_back_to_nothing_against_a_legacy_server() {
    let process = spawn_stdio(spec("mcpward-test-poisoned")).unwrap();
    let pgid = process.pgid();
    let mut o = options();
    o.versions = vec![ProtocolVersion::V2026_07_28];
    let err = Client::connect(Transport::Stdio(process), o).await.err().unwrap();
    assert_eq!(err.kind(), ErrorKind::UnsupportedVersion, "{err}");
    assert_group_gone(pgid);
}

#[tokio::test]
async fn every_legacy_version_is_negotiated() {
    for v in ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"] {
        let s = spec("mcpward-test-poisoned").env("MCPWARD_TEST_PROTOCOL_VERSION", v);
        let (session, pgid) = connect(s, options()).await;
        assert_eq!(session.protocol_version().as_str(), v);
        assert_eq!(session.list_tools().await.unwrap().items.len(), 3);
        close(session, pgid).await;
    }
}

#[tokio::test]
async fn unknown_server_version_is_refused() {
    let s = spec("mcpward-test-poisoned").env("MCPWARD_TEST_PROTOCOL_VERSION", "1999-01-01");
    let process = spawn_stdio(s).unwrap();
    let pgid = process.pgid();
    let err = Client::connect(Transport::Stdio(process), options())
        .await
        .err()
        .unwrap();
    assert_eq!(err.kind(), ErrorKind::UnsupportedVersion);
    assert!(err.to_string().contains("1999-01-01"), "{err}");
    assert_group_gone(pgid);
}
