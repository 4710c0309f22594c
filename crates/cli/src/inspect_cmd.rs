//! `mcpward inspect`: connect to every configured server in parallel, collect what it
//! offers, analyse it (`mcpward_analyze::inspect`), compare with pins, render.
//!
//! Safe to run: before a local server is started, the exact command line and environment
//! (secrets described, never shown) are printed and the user is asked; without a terminal
//! to ask on, `--yes` is required. Every server is started through [`launch`], the one
//! place the sandbox will wrap. Each server has its own deadline; a server that fails is
//! reported and never stops the others; every process group is ended before we return.

use crate::args::{FormatArg, InspectArgs};
use crate::pins_cmd::{read_bounded, to_record, Pins};
use crate::{sources, state, term, CliError, Outcome};
use mcpward_analyze::inspect::lock::ServerPin;
use mcpward_analyze::inspect::plan::{self, Environment, HttpPlan, Plan, StdioPlan};
use mcpward_analyze::inspect::snapshot::{
    Outcome as ServerOutcome, PromptArgSnapshot, PromptSnapshot, ResourceSnapshot, ServerInfo, ServerSnapshot,
    Snapshot, TemplateSnapshot, ToolSnapshot, MAX_SNAPSHOT_BYTES,
};
use mcpward_analyze::inspect::{analyse, render};
use mcpward_analyze::report::{self, OutputFormat, RenderOptions, Report, ServerSummary};
use mcpward_analyze::suppress;
use mcpward_config::{Client, Scope, ServerEntry};
use mcpward_detect::secrets::FingerprintKey;
use mcpward_protocol::transport::{group_exists, HttpMode, HttpSpec, StdioProcess};
use mcpward_protocol::{
    spawn_stdio, Client as McpClient, ClientOptions, LaunchSpec, ProblemKind, SpawnError, Transport,
};
use std::collections::HashMap;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Bytes of a failed server's stderr kept in the report.
const STDERR_KEPT: usize = 2000;

pub fn run(args: &InspectArgs) -> Result<Outcome, CliError> {
    let home = sources::home(&args.source.discovery)?;
    let state_dir = state::state_dir(&home);
    let (key, key_note) = state::fingerprint_key(&state_dir);
    let mut errors: Vec<String> = key_note.into_iter().collect();

    let live = args.from.is_none();
    let (mut snapshot, files) = match &args.from {
        Some(path) => {
            let text = read_bounded(path, MAX_SNAPSHOT_BYTES)?;
            let snap =
                Snapshot::from_json(&text).map_err(|e| CliError::Usage(format!("snapshot {}: {e}", path.display())))?;
            (snap, Vec::new())
        }
        None => inspect_live(args, &key, &home, &mut errors)?,
    };
    // Live text and snapshot text are analysed after the same redaction.
    snapshot.redact_secrets();

    if let Some(path) = &args.snapshot {
        std::fs::write(path, snapshot.to_json())
            .map_err(|e| CliError::Runtime(format!("cannot write {}: {e}", path.display())))?;
    }

    let mut pins = Pins::open(args.lock.as_deref(), &state_dir)?;
    let current = pins.current();
    let analysis = analyse(&snapshot.servers, &current, &home);

    if live {
        record_observations(&mut pins, &snapshot);
    }
    if args.pin {
        pin_new(&mut pins, &snapshot, &current)?;
    } else {
        let unpinned = snapshot
            .servers
            .iter()
            .filter(|s| s.tools_complete() && !current.iter().any(|p| p.client == s.client && p.server == s.name))
            .count();
        if unpinned > 0 && args.output.format == FormatArg::Table {
            eprintln!("mcpward: {unpinned} server(s) not pinned yet; `mcpward inspect --pin` records their tools so a later change is caught");
        }
    }
    let changed = analysis
        .servers
        .iter()
        .filter(|s| s.pin == mcpward_analyze::inspect::PinStatus::Changed)
        .count();
    if changed > 0 {
        eprintln!(
            "mcpward: {changed} pinned server(s) changed (pins from {}); review the diff and approve with `mcpward pins approve SERVER`",
            pins.source()
        );
    }
    errors.append(&mut pins.problems);

    for s in &snapshot.servers {
        if s.outcome == ServerOutcome::Failed {
            errors.push(format!(
                "{}: {}",
                s.key(),
                s.error.as_deref().unwrap_or("inspection failed")
            ));
        }
    }

    let mut findings = analysis.findings;
    let rep = suppress::apply(&mut findings, &args.ignore, None, &[], state::today());
    findings.extend(rep.findings);
    for unknown in &rep.unknown_ignores {
        errors.push(format!("--ignore {unknown}: no such rule (see `mcpward rules`)"));
    }
    let mut report = Report::new(&[], findings, errors, &home);
    report.servers = snapshot.servers.iter().filter_map(summary).collect();
    report.files = files;
    report.inspected = analysis.servers;
    let any_failed = snapshot.servers.iter().any(|s| s.outcome == ServerOutcome::Failed);
    emit(&report, args, &home)?;

    let fail_on = args.output.fail_on.threshold();
    if fail_on.is_some_and(|sev| suppress::exit_worthy(&report.findings, sev)) {
        return Ok(Outcome::Findings);
    }
    if any_failed {
        return Err(CliError::Runtime(
            "at least one server could not be inspected (see the report)".into(),
        ));
    }
    Ok(Outcome::Clean)
}

fn emit(report: &Report, args: &InspectArgs, home: &Path) -> Result<(), CliError> {
    let out = &args.output;
    let format = match out.format {
        FormatArg::Table => OutputFormat::Table,
        FormatArg::Json => OutputFormat::Json,
        FormatArg::Sarif => OutputFormat::Sarif,
        FormatArg::Markdown => OutputFormat::Markdown,
    };
    let mut opts = RenderOptions::new(home);
    opts.color = term::use_color(out.no_color, out.output.is_some());
    opts.sarif_base = std::env::current_dir().ok();
    if let Some(w) = term::width() {
        opts.width = w;
    }
    let mut text = String::new();
    if format == OutputFormat::Table {
        text.push_str(&render::table(&report.inspected, &opts));
    }
    text.push_str(&report::render(report, format, &opts));
    term::emit(&text, out.output.as_deref())
}

/// A report's server line, from the snapshot (so `--from` reports the same servers).
fn summary(s: &ServerSnapshot) -> Option<ServerSummary> {
    let transport: &'static str = match s.transport.as_str() {
        "stdio" => "stdio",
        "http" => "http",
        "sse" => "sse",
        _ => "unknown",
    };
    let scope = match s.scope.as_str() {
        "local" => Scope::Local,
        "project" => Scope::Project,
        "managed" => Scope::Managed,
        "plugin" => Scope::Plugin,
        _ => Scope::User,
    };
    Some(ServerSummary {
        client: Client::from_id(&s.client)?,
        scope,
        file: PathBuf::from(s.file.clone().unwrap_or_default()),
        line: s.line,
        name: s.name.clone(),
        transport,
        command: (transport == "stdio").then(|| s.launch.clone()).flatten(),
        url: (transport != "stdio").then(|| s.launch.clone()).flatten(),
        env: s.env.clone(),
        headers: s.headers.clone(),
        disabled: false,
        project: s.project.clone(),
    })
}

/// Stores what each fully listed server offers now: what `mcpward pins approve` approves.
fn record_observations(pins: &mut Pins, snapshot: &Snapshot) {
    let now = mcpward_store::now_rfc3339();
    let Some(store) = pins.store.as_mut() else { return };
    for s in snapshot.servers.iter().filter(|s| s.tools_complete()) {
        let rec = to_record(&ServerPin::from_snapshot(s, &now));
        if let Err(e) = store.put_server(mcpward_store::Kind::Observed, &rec) {
            pins.problems
                .push(format!("recording what {} offers in the store: {e}", s.key()));
            return;
        }
    }
}

/// `--pin`: pins for the servers that have none in the current source.
fn pin_new(pins: &mut Pins, snapshot: &Snapshot, current: &[ServerPin]) -> Result<(), CliError> {
    let now = mcpward_store::now_rfc3339();
    let new: Vec<(ServerPin, mcpward_analyze::inspect::lock::Approved, Option<ServerPin>)> = snapshot
        .servers
        .iter()
        .filter(|s| s.tools_complete())
        .filter(|s| !current.iter().any(|p| p.client == s.client && p.server == s.name))
        .map(|s| (ServerPin::from_snapshot(s, &now), Vec::new(), None))
        .collect();
    let skipped = snapshot.servers.iter().filter(|s| !s.tools_complete()).count();
    let n = new.len();
    pins.write(&new, true)?;
    eprintln!(
        "mcpward: pinned {n} server(s) in {}{}",
        pins.source(),
        if skipped > 0 {
            format!("; {skipped} not pinned (their tools could not be listed completely)")
        } else {
            String::new()
        }
    );
    Ok(())
}

// ---------------------------------------------------------------------------
// Live inspection.

/// One thing to connect to, and the entries (possibly in several clients) it serves.
struct Job {
    name: String,
    target: Target,
    entries: Vec<usize>,
}

enum Target {
    Stdio(LaunchSpec),
    Http(HttpSpec),
}

/// What inspecting one target found (entry-independent).
#[derive(Default)]
struct Collected {
    outcome: ServerOutcome,
    error: Option<String>,
    stderr_tail: Option<String>,
    elapsed_ms: u64,
    protocol_version: Option<String>,
    server_info: Option<ServerInfo>,
    instructions: Option<String>,
    tools: Vec<ToolSnapshot>,
    resources: Vec<ResourceSnapshot>,
    resource_templates: Vec<TemplateSnapshot>,
    prompts: Vec<PromptSnapshot>,
    incomplete: Vec<String>,
    notes: Vec<String>,
    /// The list being fetched (for a timeout message).
    in_progress: Option<&'static str>,
}

impl Collected {
    fn failed(error: String, started: Instant) -> Collected {
        Collected {
            outcome: ServerOutcome::Failed,
            error: Some(error),
            elapsed_ms: started.elapsed().as_millis() as u64,
            ..Collected::default()
        }
    }
}

fn inspect_live(
    args: &InspectArgs,
    key: &FingerprintKey,
    home: &Path,
    errors: &mut Vec<String>,
) -> Result<(Snapshot, Vec<PathBuf>), CliError> {
    let src = sources::load(&args.source.paths, &args.source.discovery)?;
    if !src.errors.is_empty() && src.files.is_empty() {
        return Err(CliError::Usage(src.errors.join("; ")));
    }
    errors.extend(src.errors.iter().cloned());
    let entries: Vec<&ServerEntry> = src
        .files
        .iter()
        .flat_map(|f| f.servers.iter())
        .filter(|e| args.servers.is_empty() || args.servers.contains(&e.name))
        .filter(|e| !e.disabled || args.include_disabled || args.servers.contains(&e.name))
        .collect();
    for name in &args.servers {
        if !entries.iter().any(|e| &e.name == name) {
            return Err(CliError::Usage(format!(
                "no configured server is named `{}`",
                safe(name)
            )));
        }
    }
    let files: Vec<PathBuf> = src.files.iter().map(|f| f.path.clone()).collect();

    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    let var = |k: &str| std::env::var(k).ok();
    let env = Environment {
        var: &var,
        home,
        cwd: &cwd,
    };
    let plans: Vec<Plan> = entries.iter().map(|e| plan::plan(e, &env, key)).collect();

    let mut snapshots: Vec<ServerSnapshot> = entries.iter().map(|e| base_snapshot(e)).collect();
    let stdio: Vec<usize> = (0..entries.len())
        .filter(|i| matches!(plans[*i], Plan::Stdio(_)))
        .collect();
    let mut approved = true;
    if !stdio.is_empty() {
        show_plans(&entries, &plans, &stdio, home);
        approved = confirm(args.yes, stdio.len())?;
    }

    // Identical launches (the same server in several clients) run once.
    let mut jobs: Vec<Job> = Vec::new();
    let mut by_launch: HashMap<String, usize> = HashMap::new();
    for (i, p) in plans.iter().enumerate() {
        let (launch_key, target) = match p {
            Plan::Skip(why) => {
                snapshots[i].error = Some(why.clone());
                continue;
            }
            Plan::Stdio(_) if !approved => {
                snapshots[i].error = Some("not started: declined at the prompt".into());
                continue;
            }
            Plan::Stdio(sp) => (launch_identity_stdio(sp), Target::Stdio(launch_spec(sp))),
            Plan::Http(hp) => (launch_identity_http(hp), Target::Http(http_spec(hp))),
        };
        match by_launch.get(&launch_key) {
            Some(&j) => jobs[j].entries.push(i),
            None => {
                by_launch.insert(launch_key, jobs.len());
                jobs.push(Job {
                    name: format!("{}/{}", entries[i].client, entries[i].name),
                    target,
                    entries: vec![i],
                });
            }
        }
        let notes = match p {
            Plan::Stdio(sp) => &sp.notes,
            Plan::Http(hp) => &hp.notes,
            Plan::Skip(_) => continue,
        };
        snapshots[i].notes.extend(notes.iter().cloned());
    }

    let timeout = Duration::from_secs(args.timeout);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .map_err(|e| CliError::Runtime(format!("cannot start the async runtime: {e}")))?;
    // Compile the detection engines while the servers start: their one-time cost overlaps
    // the wait instead of adding to it.
    let warm = std::thread::spawn(|| {
        mcpward_detect::injection::warm_up();
        mcpward_detect::secrets::warm();
    });
    let results = runtime.block_on(run_all(&jobs, timeout, args.jobs as usize));
    let _ = warm.join();
    // Background tasks (stderr readers of exited servers) must not keep us waiting.
    runtime.shutdown_timeout(Duration::from_millis(500));

    for (job, c) in jobs.iter().zip(results) {
        for &i in &job.entries {
            let s = &mut snapshots[i];
            s.outcome = c.outcome;
            s.error = c.error.clone();
            s.stderr_tail = c.stderr_tail.clone();
            s.elapsed_ms = c.elapsed_ms;
            s.protocol_version = c.protocol_version.clone();
            s.server_info = c.server_info.clone();
            s.instructions = c.instructions.clone();
            s.tools = c.tools.clone();
            s.resources = c.resources.clone();
            s.resource_templates = c.resource_templates.clone();
            s.prompts = c.prompts.clone();
            s.incomplete = c.incomplete.clone();
            s.notes.extend(c.notes.iter().cloned());
            if job.entries.len() > 1 {
                s.notes
                    .push(format!("started once for {} identical entries", job.entries.len()));
            }
        }
    }
    Ok((Snapshot::new(snapshots), files))
}

fn base_snapshot(e: &ServerEntry) -> ServerSnapshot {
    let summary = ServerSummary::from_entry(e);
    let mut s = ServerSnapshot::new(e.client.id(), e.scope.id(), &e.name, e.transport.kind());
    s.file = Some(e.file.to_string_lossy().into_owned());
    s.line = (e.pos.line > 0).then_some(e.pos.line);
    s.project = e.project.clone();
    s.launch = summary.command.or(summary.url);
    s.env = summary.env;
    s.headers = summary.headers;
    s
}

fn launch_identity_stdio(p: &StdioPlan) -> String {
    let mut env: Vec<&(String, String)> = p.env.iter().collect();
    env.sort();
    format!("stdio\u{0}{}\u{0}{:?}\u{0}{:?}\u{0}{:?}", p.program, p.args, env, p.cwd)
}

fn launch_identity_http(p: &HttpPlan) -> String {
    format!("http\u{0}{}\u{0}{:?}\u{0}{:?}", p.url, p.headers, p.sse)
}

fn launch_spec(p: &StdioPlan) -> LaunchSpec {
    let mut spec = LaunchSpec::new(&p.program).args(&p.args);
    for (k, v) in &p.env {
        spec = spec.env(k, v);
    }
    if let Some(dir) = &p.cwd {
        spec = spec.cwd(dir);
    }
    spec
}

fn http_spec(p: &HttpPlan) -> HttpSpec {
    let mode = match p.sse {
        Some(true) => HttpMode::LegacySse,
        Some(false) => HttpMode::StreamableHttp,
        None => HttpMode::Auto,
    };
    let mut spec = HttpSpec::new(&p.url).mode(mode);
    for (k, v) in &p.headers {
        spec = spec.header(k, v);
    }
    spec
}

/// The one place `mcpward inspect` starts a server process. When the sandbox lands, this
/// is where it wraps the launch (one line).
fn launch(spec: LaunchSpec) -> Result<StdioProcess, SpawnError> {
    spawn_stdio(spec)
}

/// Text from configs or servers, made safe for a terminal: control, bidi and invisible
/// characters shown as escapes.
pub fn safe(s: &str) -> String {
    let shown = mcpward_detect::neutralize::neutralize(s);
    shown
        .chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

fn show_plans(entries: &[&ServerEntry], plans: &[Plan], stdio: &[usize], home: &Path) {
    let mut out = String::new();
    out.push_str(&format!(
        "mcpward inspect will start {} local MCP server process(es), with your user's permissions, to list what they offer:\n",
        stdio.len()
    ));
    for &i in stdio {
        let Plan::Stdio(p) = &plans[i] else { continue };
        let e = entries[i];
        let file = mcpward_analyze::rule::display_path(home, &e.file);
        out.push_str(&format!(
            "  {}/{}  ({}{})\n",
            e.client,
            safe(&e.name),
            safe(&file),
            if e.pos.line > 0 {
                format!(":{}", e.pos.line)
            } else {
                String::new()
            }
        ));
        out.push_str(&format!("      command: {}\n", safe(&p.shown_command)));
        for line in &p.shown_env {
            out.push_str(&format!("      env:     {}\n", safe(line)));
        }
        if !p.passed.is_empty() {
            out.push_str(&format!("      from mcpward's environment: {}\n", p.passed.join(", ")));
        }
        if let Some(dir) = &p.cwd {
            out.push_str(&format!("      cwd:     {}\n", safe(&dir.to_string_lossy())));
        }
        for n in &p.notes {
            out.push_str(&format!("      note:    {}\n", safe(n)));
        }
    }
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(out.as_bytes());
    let _ = err.flush();
}

/// `--yes`, or a "y" on a terminal. Without a terminal and without `--yes`: a usage error.
fn confirm(yes: bool, n: usize) -> Result<bool, CliError> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Usage(format!(
            "refusing to start {n} local server process(es) without confirmation: standard input is not a \
             terminal to ask on; review the commands above and pass --yes to start them"
        )));
    }
    eprint!("Start them? [y/N] ");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::Runtime(format!("cannot read the answer: {e}")))?;
    let yes = matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes");
    if !yes {
        eprintln!("mcpward: not starting the local servers");
    }
    Ok(yes)
}

// ---------------------------------------------------------------------------
// The parallel run.

/// A line on stderr that rewrites itself, only when stderr is a terminal.
struct Progress {
    enabled: bool,
    total: usize,
}

impl Progress {
    fn update(&self, done: usize, pending: &[&str]) {
        if !self.enabled {
            return;
        }
        let mut waiting = pending.iter().take(3).map(|n| safe(n)).collect::<Vec<_>>().join(", ");
        if pending.len() > 3 {
            waiting.push_str(&format!(", +{}", pending.len() - 3));
        }
        let line = format!(
            "inspecting servers: {done}/{} done{}",
            self.total,
            if waiting.is_empty() {
                String::new()
            } else {
                format!("; waiting for {waiting}")
            }
        );
        let shown: String = line
            .chars()
            .take(term::width().unwrap_or(100).saturating_sub(1))
            .collect();
        eprint!("\r\x1b[K{shown}");
        let _ = std::io::stderr().flush();
    }

    fn finish(&self) {
        if self.enabled {
            eprint!("\r\x1b[K");
            let _ = std::io::stderr().flush();
        }
    }
}

async fn run_all(jobs: &[Job], timeout: Duration, parallel: usize) -> Vec<Collected> {
    let progress = Progress {
        enabled: std::io::stderr().is_terminal() && !jobs.is_empty(),
        total: jobs.len(),
    };
    let gate = Arc::new(tokio::sync::Semaphore::new(parallel.max(1)));
    let mut set = tokio::task::JoinSet::new();
    let mut ids = HashMap::new();
    for (i, job) in jobs.iter().enumerate() {
        let target = match &job.target {
            Target::Stdio(spec) => Target::Stdio(spec.clone()),
            Target::Http(spec) => Target::Http(spec.clone()),
        };
        let gate = gate.clone();
        let handle = set.spawn(async move {
            let _permit = gate.acquire_owned().await;
            inspect_one(target, timeout).await
        });
        ids.insert(handle.id(), i);
    }
    let mut results: Vec<Option<Collected>> = jobs.iter().map(|_| None).collect();
    let mut done = 0;
    progress.update(0, &jobs.iter().map(|j| j.name.as_str()).collect::<Vec<_>>());
    while let Some(joined) = set.join_next_with_id().await {
        let (id, collected) = match joined {
            Ok((id, c)) => (id, c),
            Err(e) => (
                e.id(),
                Collected::failed(format!("internal error while inspecting: {e}"), Instant::now()),
            ),
        };
        if let Some(&i) = ids.get(&id) {
            results[i] = Some(collected);
        }
        done += 1;
        let pending: Vec<&str> = jobs
            .iter()
            .zip(&results)
            .filter(|(_, r)| r.is_none())
            .map(|(j, _)| j.name.as_str())
            .collect();
        progress.update(done, &pending);
    }
    progress.finish();
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Collected::failed("internal error: no result".into(), Instant::now())))
        .collect()
}

/// Connects, lists everything, closes. Never takes much longer than `timeout` plus the
/// close grace; the process group is gone when it returns.
async fn inspect_one(target: Target, timeout: Duration) -> Collected {
    let started = Instant::now();
    let mut options = ClientOptions::new("mcpward", env!("CARGO_PKG_VERSION"));
    options.timeouts.connect = timeout.min(Duration::from_secs(10));
    options.timeouts.discover = (timeout / 4).min(Duration::from_secs(5));
    options.timeouts.initialize = timeout
        .saturating_sub(options.timeouts.discover)
        .max(Duration::from_millis(500));
    options.timeouts.request = timeout;
    // Servers get their input closed, then half a second, then SIGTERM, then SIGKILL.
    options.timeouts.close_grace = Duration::from_millis(500);
    let grace = options.timeouts.close_grace;

    let (transport, stderr, pgid) = match target {
        Target::Stdio(spec) => match launch(spec) {
            Ok(process) => {
                let tail = process.guard.stderr().clone();
                let pgid = process.pgid();
                (Transport::Stdio(process), Some(tail), Some(pgid))
            }
            Err(e) => return Collected::failed(format!("could not start the server: {e}"), started),
        },
        Target::Http(spec) => (Transport::Http(spec), None, None),
    };
    let tail_text = |max: usize| {
        stderr.as_ref().map(|t| {
            let text = t.text();
            let n = text.chars().count();
            text.chars().skip(n.saturating_sub(max)).collect::<String>()
        })
    };

    // The backstop: connect has its own timeouts; this only catches a hang beyond them.
    let deadline = tokio::time::Instant::now() + timeout;
    let connect = tokio::time::timeout_at(
        deadline + grace * 4 + Duration::from_secs(5),
        McpClient::connect(transport, options),
    )
    .await;
    let session = match connect {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => {
            let mut c = Collected::failed(describe_connect_error(&e, timeout), started);
            c.stderr_tail = e
                .stderr_tail
                .map(|t| last_chars(&t, STDERR_KEPT))
                .or_else(|| tail_text(STDERR_KEPT));
            if let Some(exit) = &e.process {
                if !exit.group_ended {
                    c.notes
                        .push("processes of its group were still alive after it was stopped".into());
                }
            }
            return c;
        }
        Err(_) => {
            // The connect future was dropped: its process guard SIGKILLed the group.
            let mut c = Collected::failed(format!("no answer within {}s", timeout.as_secs()), started);
            c.stderr_tail = tail_text(STDERR_KEPT);
            wait_group_gone(pgid).await;
            return c;
        }
    };

    let mut c = Collected::failed(String::new(), started);
    c.error = None;
    c.protocol_version = Some(session.protocol_version().as_str().to_owned());
    c.server_info = session.server_info().map(|i| ServerInfo {
        name: i.name.clone(),
        version: i.version.clone(),
        title: i.title.clone(),
    });
    c.instructions = session.instructions().map(str::to_owned);
    let listed = tokio::time::timeout_at(deadline, collect(&session, &mut c)).await;
    if listed.is_err() {
        let what = c.in_progress.unwrap_or("listing");
        if c.outcome == ServerOutcome::Failed {
            c.error = Some(format!("{what} did not answer within {}s", timeout.as_secs()));
        } else {
            c.outcome = ServerOutcome::Partial;
            c.incomplete.push(what.to_owned());
            c.notes
                .push(format!("{what} did not answer within {}s", timeout.as_secs()));
        }
    }
    let mut problems: HashMap<&'static str, usize> = HashMap::new();
    for p in session.problems() {
        let what = match p.kind {
            ProblemKind::InvalidFrame => "line(s) that were not JSON-RPC",
            ProblemKind::OversizedFrame => "message(s) over the size limit, dropped",
            ProblemKind::UnexpectedResponse => "response(s) to nothing we asked",
            ProblemKind::ServerRequest => "request(s) from the server, refused or answered",
            ProblemKind::Transport => "transport note(s)",
        };
        *problems.entry(what).or_default() += 1;
    }
    let mut problems: Vec<(&str, usize)> = problems.into_iter().collect();
    problems.sort();
    for (what, n) in problems {
        c.notes.push(format!("the server sent {n} {what}"));
    }
    let report = session.close().await;
    if let Some(exit) = &report.process {
        if exit.escalation == mcpward_protocol::transport::Escalation::Kill {
            c.notes.push("it did not exit when asked and was killed".into());
        }
        if !exit.group_ended {
            c.notes
                .push("processes of its group were still alive after it was stopped".into());
        }
    }
    if c.outcome == ServerOutcome::Failed {
        c.stderr_tail = report
            .stderr_tail
            .map(|t| last_chars(&t, STDERR_KEPT))
            .or_else(|| tail_text(STDERR_KEPT));
    }
    wait_group_gone(pgid).await;
    c.elapsed_ms = started.elapsed().as_millis() as u64;
    c
}

/// Gives exited members of a killed group a moment to be reaped, so the report's "ended"
/// is true when we exit.
async fn wait_group_gone(pgid: Option<i32>) {
    let Some(pgid) = pgid else { return };
    let until = Instant::now() + Duration::from_secs(2);
    while group_exists(pgid) && Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn last_chars(s: &str, max: usize) -> String {
    let n = s.chars().count();
    s.chars().skip(n.saturating_sub(max)).collect()
}

fn describe_connect_error(e: &mcpward_protocol::ConnectError, timeout: Duration) -> String {
    let mut msg = e.error.to_string();
    if let Some(exit) = e.process.as_ref().and_then(|p| p.exit) {
        msg.push_str(&format!(" (the process ended: {exit})"));
    }
    if e.kind() == mcpward_protocol::ErrorKind::Timeout {
        msg.push_str(&format!(
            " — the server did not answer within the {}s allowed (--timeout)",
            timeout.as_secs()
        ));
    }
    msg
}

/// Lists tools (always), resources and templates (when offered), prompts (when offered).
async fn collect(session: &mcpward_protocol::Session, c: &mut Collected) {
    use mcpward_protocol::Truncation;
    let truncation = |what: &str, t: Truncation| match t {
        Truncation::PageLimit(n) => format!("{what}: stopped after {n} pages (the server kept sending cursors)"),
        Truncation::ItemLimit(n) => format!("{what}: kept the first {n} items"),
        Truncation::RepeatedCursor => format!("{what}: the server repeated a cursor (it would loop forever)"),
    };
    let caps = session.capabilities().clone();
    c.outcome = ServerOutcome::Failed;
    c.in_progress = Some("tools");
    match session.list_tools().await {
        Ok(l) => {
            if let Some(t) = l.truncated {
                c.incomplete.push("tools".into());
                c.notes.push(truncation("tools", t));
            }
            if l.unsupported {
                c.notes.push("the server does not offer tools/list".into());
            }
            for why in l.invalid.iter().take(5) {
                c.notes.push(format!("tools: unreadable item ({why})"));
            }
            c.tools = l
                .items
                .into_iter()
                .map(|t| ToolSnapshot {
                    annotations: t.raw.get("annotations").cloned(),
                    name: t.name,
                    title: t.title,
                    description: t.description,
                    input_schema: t.input_schema,
                    output_schema: t.output_schema,
                })
                .collect();
        }
        Err(e) => {
            c.error = Some(format!("listing its tools failed: {e}"));
            return;
        }
    }
    c.outcome = ServerOutcome::Ok;
    let partial = |c: &mut Collected, what: &str, e: mcpward_protocol::ClientError| {
        c.incomplete.push(what.to_owned());
        c.notes.push(format!("{what}: {e}"));
    };
    if caps.resources() {
        c.in_progress = Some("resources");
        match session.list_resources().await {
            Ok(l) => {
                if let Some(t) = l.truncated {
                    c.incomplete.push("resources".into());
                    c.notes.push(truncation("resources", t));
                }
                c.resources = l
                    .items
                    .into_iter()
                    .map(|r| ResourceSnapshot {
                        uri: r.uri,
                        name: r.name,
                        title: r.title,
                        description: r.description,
                        mime_type: r.mime_type,
                    })
                    .collect();
            }
            Err(e) => partial(c, "resources", e),
        }
        c.in_progress = Some("resource_templates");
        match session.list_resource_templates().await {
            Ok(l) => {
                if let Some(t) = l.truncated {
                    c.incomplete.push("resource_templates".into());
                    c.notes.push(truncation("resource templates", t));
                }
                c.resource_templates = l
                    .items
                    .into_iter()
                    .map(|r| TemplateSnapshot {
                        uri_template: r.uri_template,
                        name: r.name,
                        title: r.title,
                        description: r.description,
                        mime_type: r.mime_type,
                    })
                    .collect();
            }
            Err(e) => partial(c, "resource_templates", e),
        }
    }
    if caps.prompts() {
        c.in_progress = Some("prompts");
        match session.list_prompts().await {
            Ok(l) => {
                if let Some(t) = l.truncated {
                    c.incomplete.push("prompts".into());
                    c.notes.push(truncation("prompts", t));
                }
                c.prompts = l
                    .items
                    .into_iter()
                    .map(|p| PromptSnapshot {
                        name: p.name,
                        title: p.title,
                        description: p.description,
                        arguments: p
                            .arguments
                            .into_iter()
                            .map(|a| PromptArgSnapshot {
                                name: a.name,
                                description: a.description,
                                required: a.required,
                            })
                            .collect(),
                    })
                    .collect();
            }
            Err(e) => partial(c, "prompts", e),
        }
    }
    c.in_progress = None;
    if !c.incomplete.is_empty() {
        c.outcome = ServerOutcome::Partial;
    }
}
