//! Capability labels from name, description, schema and annotations.

use mcpward_detect::capability::{label_tool, Capability, Source, ToolLabels};
use serde_json::json;

use Capability::*;

#[track_caller]
fn caps(labels: &ToolLabels) -> Vec<Capability> {
    labels.capabilities().collect()
}

#[track_caller]
fn has_all(labels: &ToolLabels, want: &[Capability]) {
    for c in want {
        assert!(labels.has(*c), "missing {c:?} in {:#?}", labels);
        assert!(
            !labels.get(*c).map(|l| l.reasons.is_empty()).unwrap_or(true),
            "{c:?} without reasons"
        );
    }
}

#[track_caller]
fn has_none(labels: &ToolLabels, unwanted: &[Capability]) {
    for c in unwanted {
        assert!(!labels.has(*c), "unexpected {c:?} in {:#?}", labels);
    }
}

#[test]
fn filesystem_reference_server() {
    let read = label_tool(
        "read_text_file",
        "Read the complete contents of a file from the file system as text. Handles various text encodings and provides detailed error messages if the file cannot be read. Only works within allowed directories.",
        Some(&json!({"type": "object", "properties": {"path": {"type": "string"}, "head": {"type": "number"}}})),
        Some(&json!({"readOnlyHint": true})),
    );
    has_all(&read, &[Read, PrivateDataSource]);
    has_none(&read, &[Write, Destructive, Exec, NetworkEgress]);
    assert!(read.disagreements.is_empty());

    let write = label_tool(
        "write_file",
        "Create a new file or completely overwrite an existing file with new content. Use with caution as it will overwrite existing files without warning.",
        Some(&json!({"type": "object", "properties": {"path": {"type": "string"}, "content": {"type": "string"}}})),
        Some(&json!({"readOnlyHint": false, "destructiveHint": true, "idempotentHint": true})),
    );
    has_all(&write, &[Write, Destructive]);
    has_none(&write, &[PrivateDataSource, Exec, NetworkEgress]);

    let list = label_tool(
        "list_directory",
        "Get a detailed listing of all files and directories in a specified path.",
        None,
        None,
    );
    has_all(&list, &[Read, PrivateDataSource]);
    has_none(&list, &[Write, Destructive]);

    let mv = label_tool("move_file", "Move or rename files and directories.", None, None);
    has_all(&mv, &[Write]);
    has_none(&mv, &[Exec, NetworkEgress]);
}

#[test]
fn fetch_reference_server() {
    let fetch = label_tool(
        "fetch",
        "Fetches a URL from the internet and optionally extracts its contents as markdown.",
        Some(
            &json!({"type": "object", "properties": {"url": {"type": "string"}, "max_length": {"type": "integer"}, "raw": {"type": "boolean"}}}),
        ),
        Some(&json!({"readOnlyHint": true, "openWorldHint": true})),
    );
    has_all(&fetch, &[Read, NetworkEgress, UntrustedContentSource]);
    has_none(&fetch, &[Write, Destructive, Exec]);
}

#[test]
fn github_and_git() {
    let issues = label_tool(
        "list_issues",
        "List issues in a GitHub repository with filtering options",
        Some(&json!({"type": "object", "properties": {"owner": {}, "repo": {}, "state": {}}})),
        None,
    );
    has_all(&issues, &[Read, NetworkEgress, UntrustedContentSource]);
    has_none(&issues, &[Write, Destructive]);

    let create = label_tool("create_issue", "Create a new issue in a GitHub repository", None, None);
    has_all(&create, &[Write, NetworkEgress]);
    has_none(&create, &[Destructive, UntrustedContentSource]);

    let push = label_tool(
        "push_files",
        "Push multiple files to a GitHub repository in a single commit",
        None,
        None,
    );
    has_all(&push, &[Write, NetworkEgress]);

    let status = label_tool("git_status", "Shows the working tree status", None, None);
    has_all(&status, &[Read]);
    has_none(&status, &[Write, Destructive, Exec]);

    let reset = label_tool("git_reset", "Unstages all staged changes", None, None);
    has_all(&reset, &[Destructive, Write]);
}

#[test]
fn exec_tools() {
    let shell = label_tool(
        "run_command",
        "Executes a shell command and returns its output.",
        Some(&json!({"properties": {"command": {"type": "string"}, "cwd": {"type": "string"}}})),
        None,
    );
    has_all(&shell, &[Exec]);
    let eval = label_tool("evaluate", "Evaluate JavaScript in the page", None, None);
    has_all(&eval, &[Exec]);
    let py = label_tool("run", "Runs arbitrary Python code in a sandbox.", None, None);
    has_all(&py, &[Exec]);
    let tests = label_tool(
        "run_query",
        "Run a read-only SQL query against the database.",
        None,
        None,
    );
    has_none(&tests, &[Exec]);
    has_all(&tests, &[Read, PrivateDataSource]);
    let sql = label_tool(
        "execute_sql",
        "Execute a SQL statement.",
        Some(&json!({"properties": {"sql": {}}})),
        None,
    );
    has_none(&sql, &[Exec]);
    has_all(&sql, &[Write, Read]);
}

#[test]
fn annotations_are_hints_and_disagreements_are_recorded() {
    let sneaky = label_tool(
        "delete_file",
        "Deletes a file.",
        None,
        Some(&json!({"readOnlyHint": true})),
    );
    has_all(&sneaky, &[Destructive, Write, Read]);
    assert!(!sneaky.disagreements.is_empty());
    assert!(
        sneaky
            .disagreements
            .iter()
            .any(|d| d.contains("readOnlyHint") && d.contains("delete_file")),
        "{:?}",
        sneaky.disagreements
    );
    let destructive = sneaky.get(Destructive).map(|l| l.reasons.clone()).unwrap_or_default();
    assert!(destructive.iter().any(|r| r.source == Source::Name));
    assert!(destructive
        .iter()
        .any(|r| r.source == Source::Annotation && r.detail.contains("contradicts")));

    let not_destructive = label_tool(
        "drop_table",
        "Drops a table.",
        None,
        Some(&json!({"destructiveHint": false})),
    );
    has_all(&not_destructive, &[Destructive]);
    assert!(!not_destructive.disagreements.is_empty());

    let closed = label_tool(
        "fetch_url",
        "Fetch a web page",
        None,
        Some(&json!({"openWorldHint": false})),
    );
    has_all(&closed, &[NetworkEgress]);
    assert!(closed.disagreements.iter().any(|d| d.contains("openWorldHint")));

    // Annotations alone add labels.
    let opaque = label_tool(
        "frobnicate",
        "Does the thing.",
        None,
        Some(&json!({"destructiveHint": true, "openWorldHint": true})),
    );
    has_all(&opaque, &[Destructive, Write, NetworkEgress]);
    let mutating = label_tool(
        "frobnicate",
        "Does the thing.",
        None,
        Some(&json!({"readOnlyHint": false})),
    );
    has_all(&mutating, &[Write]);

    // Malformed annotations are ignored rather than trusted.
    let weird = label_tool(
        "get_weather",
        "Get the weather",
        None,
        Some(&json!({"readOnlyHint": "yes", "destructiveHint": 1})),
    );
    has_all(&weird, &[Read]);
    has_none(&weird, &[Destructive]);
    assert!(weird.disagreements.is_empty());
}

#[test]
fn communication_and_private_sources() {
    let send = label_tool(
        "send_email",
        "Send an email to the given recipients.",
        Some(&json!({"properties": {"to": {}, "subject": {}, "body": {}, "bcc": {}}})),
        None,
    );
    has_all(&send, &[Write, NetworkEgress]);
    has_none(&send, &[PrivateDataSource]);

    let inbox = label_tool(
        "search_emails",
        "Search the user's inbox for messages matching a query.",
        None,
        None,
    );
    has_all(&inbox, &[Read, PrivateDataSource, UntrustedContentSource]);

    let cal = label_tool("get_events", "Reads the user's calendar events.", None, None);
    has_all(&cal, &[Read, PrivateDataSource]);
    has_none(&cal, &[Write]);

    let secrets = label_tool("get_secret", "Return a secret value from the vault.", None, None);
    has_all(&secrets, &[Read, PrivateDataSource]);
}

#[test]
fn negations_and_unknown_tools() {
    let safe = label_tool(
        "list_files",
        "List files. This tool does not delete or overwrite anything.",
        None,
        None,
    );
    has_none(&safe, &[Destructive, Write]);
    let nothing = label_tool("ping2", "Returns pong.", None, None);
    has_none(&nothing, &[Write, Destructive, Exec, PrivateDataSource]);
    assert!(caps(&label_tool("", "", None, None)).is_empty());
    // Hostile sizes are bounded.
    let big = "delete ".repeat(100_000);
    let labels = label_tool(&big, &big, Some(&json!({"properties": {}})), Some(&json!([])));
    assert!(labels.get(Destructive).map(|l| l.reasons.len()).unwrap_or(0) <= 8);
}

#[test]
fn labels_serialize_with_kebab_ids() {
    let l = label_tool("fetch", "Fetches a URL from the internet", None, None);
    let v = serde_json::to_value(&l).unwrap_or_default();
    let ids: Vec<&str> = v["labels"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l["capability"].as_str())
        .collect();
    assert!(
        ids.contains(&"network-egress") && ids.contains(&"untrusted-content-source"),
        "{ids:?}"
    );
    for c in Capability::ALL {
        assert_eq!(serde_json::to_value(c).unwrap_or_default(), json!(c.id()));
    }
}

#[test]
fn nouns_that_look_like_network_or_content() {
    // Graph relations have `from`/`to` but no message body: nothing is sent.
    let rel = label_tool(
        "create_relations",
        "Create multiple new relations between entities in the knowledge graph",
        Some(
            &json!({"properties": {"relations": {"type": "array", "items": {"properties": {
            "from": {}, "to": {}, "relationType": {}}}}}}),
        ),
        None,
    );
    has_all(&rel, &[Write]);
    has_none(&rel, &[NetworkEgress]);
    // With a body the same `to` is an address.
    let mail = label_tool(
        "compose",
        "Compose a note.",
        Some(&json!({"properties": {"to": {}, "body": {}}})),
        None,
    );
    has_all(&mail, &[NetworkEgress]);

    let demo = label_tool(
        "get-annotated-message",
        "Demonstrates how annotations can be used to provide metadata about content.",
        Some(&json!({"properties": {"messageType": {}, "includeImage": {}}})),
        None,
    );
    has_none(&demo, &[UntrustedContentSource, NetworkEgress]);
    let slack = label_tool("slack_get_message", "Get a message.", None, None);
    has_all(&slack, &[UntrustedContentSource]);

    let log = label_tool(
        "list_network_requests",
        "Lists the most recent requests for the target page since the last navigation.",
        None,
        None,
    );
    has_none(&log, &[NetworkEgress]);

    let who = label_tool("whoami", "Get the user's name and email address.", None, None);
    has_none(&who, &[UntrustedContentSource]);

    let web = label_tool("tavily_search", "Search the web for current information.", None, None);
    has_all(&web, &[UntrustedContentSource]);
}

#[test]
fn compression_and_browser_names_are_not_egress_by_themselves() {
    let gz = label_tool(
        "gzip-file-as-resource",
        "Compresses a single file using gzip compression, allowing it to be downloaded in a subsequent request.",
        Some(&json!({"properties": {"name": {}, "outputType": {}}})),
        None,
    );
    has_none(&gz, &[NetworkEgress]);
    // A parameter declared as a URI is evidence of egress whatever its name.
    let gz_url = label_tool(
        "gzip-file-as-resource",
        "Compresses a single file using gzip compression.",
        Some(&json!({"properties": {"data": {"type": "string", "format": "uri"}}})),
        None,
    );
    has_all(&gz_url, &[NetworkEgress]);

    let hover = label_tool("puppeteer_hover", "Hover an element on the page", None, None);
    has_none(&hover, &[NetworkEgress, Destructive]);
    let nav = label_tool("puppeteer_navigate", "Navigate to a URL", None, None);
    has_all(&nav, &[NetworkEgress, UntrustedContentSource]);
    let close = label_tool("browser_close", "Close the page", None, None);
    has_none(&close, &[Destructive, NetworkEgress]);
}

#[test]
fn exec_needs_code_not_just_the_word() {
    let calc = label_tool(
        "calculate",
        "Calculates/evaluates the given expression.",
        Some(&json!({"properties": {"expression": {}}})),
        None,
    );
    has_none(&calc, &[Exec]);
    let kill = label_tool(
        "kill_process",
        "Terminate a running process by PID. This command can be referenced as \"DC: ...\" in your instructions.",
        Some(&json!({"properties": {"pid": {}}})),
        None,
    );
    has_all(&kill, &[Destructive]);
    has_none(&kill, &[Exec]);
    let ls = label_tool(
        "list_directory",
        "Get a listing of files. Use this instead of 'execute_command' with ls/dir commands.",
        None,
        None,
    );
    has_none(&ls, &[Exec]);
    let geo = label_tool(
        "geocode",
        "Geocode",
        Some(&json!({"properties": {"countryCode": {}}})),
        None,
    );
    has_none(&geo, &[Exec]);
    let js = label_tool(
        "evaluate_script",
        "Evaluate JavaScript inside the target page.",
        None,
        None,
    );
    has_all(&js, &[Exec]);
    let sh = label_tool(
        "start",
        "Start.",
        Some(&json!({"properties": {"initScript": {}}})),
        None,
    );
    has_all(&sh, &[Exec]);
    let sql = label_tool(
        "run_query",
        "Execute SQL queries. Scalar subqueries are supported: execute scalar subqueries freely.",
        None,
        None,
    );
    has_none(&sql, &[Exec]);
}
