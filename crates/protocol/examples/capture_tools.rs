//! Starts an MCP server over stdio, lists what it offers and prints it as one JSON
//! document: the detection corpus (`crates/detect/corpus/benign/`) is captured with it
//! from real servers, so the benign side of the quality figures is what servers really
//! say, not text we wrote.
//!
//! ```text
//! cargo run -p mcpward-protocol --example capture_tools -- \
//!     [--label KEY=VALUE]... [--env KEY=VALUE]... [--cwd DIR] \
//!     [--call TOOL JSON_ARGS]... [--read-resource URI]... [--get-prompt NAME JSON_ARGS]... \
//!     -- COMMAND [ARGS...]
//! ```
//!
//! The server sees only `PATH`, `HOME` and the `--env` values (secrets it asks for can
//! be given dummy values: many servers list their tools without a valid token). Output:
//! `{"source": {labels…}, "serverInfo", "protocolVersion", "instructions", "tools",
//! "prompts", "resources", "calls": [{"tool", "arguments", "result"|"error"}], …}`.
//! Exit code 2 when the server cannot be started or does not answer `tools/list`.

use mcpward_protocol::{Client, ClientOptions, LaunchSpec, Transport};
use serde_json::{json, Map, Value};
use std::process::ExitCode;
use std::time::Duration;

struct Args {
    labels: Map<String, Value>,
    env: Vec<(String, String)>,
    cwd: Option<String>,
    calls: Vec<(String, Value)>,
    resources: Vec<String>,
    prompts: Vec<(String, Value)>,
    command: Vec<String>,
}

fn usage() -> String {
    "usage: capture_tools [--label K=V]... [--env K=V]... [--cwd DIR] [--call TOOL JSON]... \
     [--read-resource URI]... [--get-prompt NAME JSON]... -- COMMAND [ARGS...]"
        .to_owned()
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mut a = Args {
        labels: Map::new(),
        env: Vec::new(),
        cwd: None,
        calls: Vec::new(),
        resources: Vec::new(),
        prompts: Vec::new(),
        command: Vec::new(),
    };
    let kv = |s: Option<String>, what: &str| -> Result<(String, String), String> {
        let s = s.ok_or_else(|| format!("{what} needs KEY=VALUE"))?;
        let (k, v) = s
            .split_once('=')
            .ok_or_else(|| format!("{what} needs KEY=VALUE, got {s:?}"))?;
        Ok((k.to_owned(), v.to_owned()))
    };
    let json_arg = |s: Option<String>, what: &str| -> Result<Value, String> {
        let s = s.ok_or_else(|| format!("{what} needs a JSON object"))?;
        serde_json::from_str(&s).map_err(|e| format!("{what}: bad JSON {s:?}: {e}"))
    };
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--label" => {
                let (k, v) = kv(it.next(), "--label")?;
                a.labels.insert(k, Value::String(v));
            }
            "--env" => a.env.push(kv(it.next(), "--env")?),
            "--cwd" => a.cwd = Some(it.next().ok_or("--cwd needs a directory")?),
            "--call" => {
                let tool = it.next().ok_or("--call needs TOOL JSON")?;
                a.calls.push((tool, json_arg(it.next(), "--call")?));
            }
            "--read-resource" => a.resources.push(it.next().ok_or("--read-resource needs a URI")?),
            "--get-prompt" => {
                let name = it.next().ok_or("--get-prompt needs NAME JSON")?;
                a.prompts.push((name, json_arg(it.next(), "--get-prompt")?));
            }
            "--" => {
                a.command.extend(it.by_ref());
            }
            "-h" | "--help" => return Err(usage()),
            other => return Err(format!("unknown argument {other:?}\n{}", usage())),
        }
    }
    if a.command.is_empty() {
        return Err(usage());
    }
    Ok(a)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            return ExitCode::from(2);
        }
    };
    match rt.block_on(capture(args)) {
        Ok(doc) => match serde_json::to_string_pretty(&doc) {
            Ok(text) => {
                println!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("cannot serialise: {e}");
                ExitCode::from(2)
            }
        },
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

async fn capture(args: Args) -> Result<Value, String> {
    let mut spec = LaunchSpec::new(&args.command[0]).args(&args.command[1..]);
    for name in ["PATH", "HOME", "LANG"] {
        if let Some(v) = std::env::var_os(name) {
            spec = spec.env(name, v);
        }
    }
    for (k, v) in &args.env {
        spec = spec.env(k, v);
    }
    if let Some(dir) = &args.cwd {
        spec = spec.cwd(dir);
    }
    let transport = Transport::stdio(spec).map_err(|e| e.to_string())?;
    let mut options = ClientOptions::new("mcpward-capture", env!("CARGO_PKG_VERSION"));
    options.timeouts.initialize = Duration::from_secs(60);
    options.timeouts.request = Duration::from_secs(60);
    let session = Client::connect(transport, options).await.map_err(|e| {
        format!(
            "cannot connect: {e}\nstderr:\n{}",
            e.stderr_tail.as_deref().unwrap_or_default()
        )
    })?;

    let mut doc = Map::new();
    doc.insert("source".into(), Value::Object(args.labels.clone()));
    doc.insert(
        "serverInfo".into(),
        session.server_info().map_or(Value::Null, |i| i.raw.clone()),
    );
    doc.insert(
        "protocolVersion".into(),
        Value::String(session.protocol_version().as_str().to_owned()),
    );
    doc.insert(
        "instructions".into(),
        session
            .instructions()
            .map_or(Value::Null, |s| Value::String(s.to_owned())),
    );

    let tools = match session.list_tools().await {
        Ok(l) => l,
        Err(e) => {
            let tail = session.stderr_tail().unwrap_or_default();
            session.close().await;
            return Err(format!("tools/list failed: {e}\nstderr:\n{tail}"));
        }
    };
    doc.insert(
        "tools".into(),
        Value::Array(tools.items.iter().map(|t| t.raw.clone()).collect()),
    );
    // Prompts and resources are optional: a server that does not offer them is fine.
    if let Ok(p) = session.list_prompts().await {
        if !p.unsupported {
            doc.insert(
                "prompts".into(),
                Value::Array(p.items.iter().map(|x| x.raw.clone()).collect()),
            );
        }
    }
    if let Ok(r) = session.list_resources().await {
        if !r.unsupported {
            doc.insert(
                "resources".into(),
                Value::Array(r.items.iter().map(|x| x.raw.clone()).collect()),
            );
        }
    }

    let mut calls = Vec::new();
    for (tool, arguments) in &args.calls {
        let params = json!({"name": tool, "arguments": arguments});
        let outcome = session.request("tools/call", Some(params)).await;
        calls.push(match outcome {
            Ok(result) => json!({"tool": tool, "arguments": arguments, "result": result}),
            Err(e) => json!({"tool": tool, "arguments": arguments, "error": e.to_string()}),
        });
    }
    if !calls.is_empty() {
        doc.insert("calls".into(), Value::Array(calls));
    }
    let mut reads = Vec::new();
    for uri in &args.resources {
        let outcome = session.request("resources/read", Some(json!({"uri": uri}))).await;
        reads.push(match outcome {
            Ok(result) => json!({"uri": uri, "result": result}),
            Err(e) => json!({"uri": uri, "error": e.to_string()}),
        });
    }
    if !reads.is_empty() {
        doc.insert("resourceReads".into(), Value::Array(reads));
    }
    let mut gets = Vec::new();
    for (name, arguments) in &args.prompts {
        let params = json!({"name": name, "arguments": arguments});
        let outcome = session.request("prompts/get", Some(params)).await;
        gets.push(match outcome {
            Ok(result) => json!({"prompt": name, "arguments": arguments, "result": result}),
            Err(e) => json!({"prompt": name, "arguments": arguments, "error": e.to_string()}),
        });
    }
    if !gets.is_empty() {
        doc.insert("promptGets".into(), Value::Array(gets));
    }
    session.close().await;
    Ok(Value::Object(doc))
}
