//! `mcpward pins list|approve`, and the pin plumbing `mcpward inspect` shares: where pins
//! are read from (the lockfile when it exists, else the store) and written to (both).

use crate::args::{FormatArg, PinsArgs, PinsCommand};
use crate::{state, CliError, Outcome};
use mcpward_analyze::inspect::canonical::sha256_hex;
use mcpward_analyze::inspect::lock::{self, Lockfile, ServerPin, TextPin, ToolPin, LOCK_FILE};
use mcpward_analyze::inspect::snapshot::Snapshot;
use mcpward_store::{HistoryEntry, Kind, ServerRecord, Store, ToolRecord};
use std::path::{Path, PathBuf};

/// Where pins live for this run.
pub struct Pins {
    /// The lockfile path (explicit or `./mcpward.lock`).
    pub lock_path: PathBuf,
    /// The lockfile, when it exists: then it is the source of pins.
    pub lock: Option<Lockfile>,
    pub store: Option<Store>,
    /// Problems opening or reading (reported as errors of the run).
    pub problems: Vec<String>,
}

impl Pins {
    pub fn open(lock_arg: Option<&Path>, state_dir: &Path) -> Result<Pins, CliError> {
        let lock_path = lock_arg.map_or_else(|| PathBuf::from(LOCK_FILE), Path::to_path_buf);
        let lock = if lock_path.is_file() {
            let text = read_bounded(&lock_path, lock::MAX_LOCK_BYTES)?;
            Some(
                Lockfile::from_json(&text)
                    .map_err(|e| CliError::Usage(format!("lockfile {}: {e}", lock_path.display())))?,
            )
        } else {
            None
        };
        let mut problems = Vec::new();
        let store = match Store::open(state_dir) {
            Ok(s) => Some(s),
            Err(e) => {
                problems.push(format!("pins store: {e}"));
                None
            }
        };
        if let Some(l) = &lock {
            problems.extend(
                l.verify()
                    .into_iter()
                    .map(|p| format!("lockfile {}: {p}", lock_path.display())),
            );
        }
        Ok(Pins {
            lock_path,
            lock,
            store,
            problems,
        })
    }

    /// The pins inspections compare with.
    pub fn current(&mut self) -> Vec<ServerPin> {
        if let Some(l) = &self.lock {
            return l.servers.clone();
        }
        match self.store.as_ref().map(|s| s.servers(Kind::Pinned)) {
            Some(Ok(records)) => records.iter().map(from_record).collect(),
            Some(Err(e)) => {
                self.problems.push(format!("reading pins from the store: {e}"));
                Vec::new()
            }
            None => Vec::new(),
        }
    }

    /// Which file or store the pins come from, for messages.
    pub fn source(&self) -> String {
        match (&self.lock, &self.store) {
            (Some(_), _) => self.lock_path.display().to_string(),
            (None, Some(s)) => s.path().display().to_string(),
            (None, None) => "(no store)".into(),
        }
    }

    /// Writes new pins: into the lockfile (created when `create_lock`, else only when it
    /// exists) and into the store, with history.
    /// `pins`: the new pin, what changed, the pin it replaces.
    pub fn write(
        &mut self,
        pins: &[(ServerPin, lock::Approved, Option<ServerPin>)],
        create_lock: bool,
    ) -> Result<(), CliError> {
        if pins.is_empty() {
            return Ok(());
        }
        if self.lock.is_some() || create_lock {
            let mut lockfile = self.lock.take().unwrap_or_default();
            for (p, _, _) in pins {
                lockfile.upsert(p.clone());
            }
            std::fs::write(&self.lock_path, lockfile.to_json())
                .map_err(|e| CliError::Runtime(format!("cannot write {}: {e}", self.lock_path.display())))?;
            self.lock = Some(lockfile);
        }
        if let Some(store) = &mut self.store {
            for (p, changes, old) in pins {
                let rec = to_record(p);
                let history = history(p, changes, old.as_ref());
                if let Err(e) = store.approve(&rec, &history) {
                    self.problems
                        .push(format!("recording the pin of {} in the store: {e}", p.key()));
                }
            }
        }
        Ok(())
    }
}

fn history(p: &ServerPin, changes: &lock::Approved, old: Option<&ServerPin>) -> Vec<HistoryEntry> {
    if changes.is_empty() {
        return vec![HistoryEntry {
            at: p.pinned_at.clone(),
            client: p.client.clone(),
            server: p.server.clone(),
            tool: None,
            action: "pinned".into(),
            old_sha256: None,
            new_sha256: None,
        }];
    }
    changes
        .iter()
        .map(|(tool, action)| HistoryEntry {
            at: p.pinned_at.clone(),
            client: p.client.clone(),
            server: p.server.clone(),
            tool: Some(tool.clone()),
            action: (*action).to_owned(),
            old_sha256: old.and_then(|o| o.tool(tool)).map(|t| t.sha256.clone()),
            new_sha256: p.tool(tool).map(|t| t.sha256.clone()),
        })
        .collect()
}

/// A pin as the store keeps it. The identity is a hash of the redacted launch line, so it
/// tells servers apart without holding a secret.
pub fn to_record(p: &ServerPin) -> ServerRecord {
    ServerRecord {
        client: p.client.clone(),
        server: p.server.clone(),
        identity: format!("sha256:{}", sha256_hex(p.launch.as_deref().unwrap_or("").as_bytes())),
        launch: p.launch.clone(),
        server_name: p.server_name.clone(),
        package_version: p.package_version.clone(),
        instructions_sha256: p.instructions.as_ref().map(|i| i.sha256.clone()),
        instructions: p.instructions.as_ref().map(|i| i.text.clone()),
        recorded_at: p.pinned_at.clone(),
        tools: p
            .tools
            .iter()
            .map(|t| ToolRecord {
                name: t.name.clone(),
                sha256: t.sha256.clone(),
                canonical: t.canonical.clone(),
                at: p.pinned_at.clone(),
            })
            .collect(),
    }
}

pub fn from_record(r: &ServerRecord) -> ServerPin {
    ServerPin {
        client: r.client.clone(),
        server: r.server.clone(),
        launch: r.launch.clone(),
        server_name: r.server_name.clone(),
        package_version: r.package_version.clone(),
        pinned_at: r.recorded_at.clone(),
        instructions: r.instructions.as_ref().map(|text| TextPin {
            sha256: r.instructions_sha256.clone().unwrap_or_default(),
            text: text.clone(),
        }),
        tools: r
            .tools
            .iter()
            .map(|t| ToolPin {
                name: t.name.clone(),
                sha256: t.sha256.clone(),
                canonical: t.canonical.clone(),
            })
            .collect(),
    }
}

pub fn read_bounded(path: &Path, max: usize) -> Result<String, CliError> {
    let meta = std::fs::metadata(path).map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))?;
    if meta.len() > max as u64 {
        return Err(CliError::Usage(format!("{}: larger than {max} bytes", path.display())));
    }
    std::fs::read_to_string(path).map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))
}

pub fn run(args: &PinsArgs) -> Result<Outcome, CliError> {
    let home = state::home_dir().unwrap_or_default();
    let state_dir = state::state_dir(&home);
    match &args.command {
        PinsCommand::List { lock, format } => list(lock.as_deref(), &state_dir, *format),
        PinsCommand::Approve {
            server,
            tools,
            client,
            all,
            from,
            lock,
        } => approve(
            server.as_deref(),
            tools,
            client.as_deref(),
            *all,
            from.as_deref(),
            lock.as_deref(),
            &state_dir,
        ),
    }
}

fn list(lock: Option<&Path>, state_dir: &Path, format: FormatArg) -> Result<Outcome, CliError> {
    let mut pins = Pins::open(lock, state_dir)?;
    let current = pins.current();
    for p in &pins.problems {
        eprintln!("mcpward: warning: {p}");
    }
    let text = match format {
        FormatArg::Json => Lockfile {
            servers: current,
            ..Lockfile::default()
        }
        .to_json(),
        _ => {
            let mut out = format!("Pins from {}\n", pins.source());
            if current.is_empty() {
                out.push_str("  none (mcpward inspect --pin records them)\n");
            }
            for p in &current {
                out.push_str(&format!(
                    "  {}  {} tool(s)  version {}  pinned {}\n",
                    crate::inspect_cmd::safe(&p.key()),
                    p.tools.len(),
                    crate::inspect_cmd::safe(p.package_version.as_deref().unwrap_or("?")),
                    crate::inspect_cmd::safe(&p.pinned_at)
                ));
                for t in &p.tools {
                    out.push_str(&format!(
                        "    {}  {}\n",
                        &t.sha256[..t.sha256.len().min(16)],
                        crate::inspect_cmd::safe(&t.name)
                    ));
                }
            }
            out
        }
    };
    crate::term::emit(&text, None)?;
    Ok(Outcome::Clean)
}

/// What the servers offer now: from a snapshot, or the store's observations.
fn observed(from: Option<&Path>, pins: &Pins) -> Result<Vec<ServerPin>, CliError> {
    let now = mcpward_store::now_rfc3339();
    match from {
        Some(path) => {
            let text = read_bounded(path, mcpward_analyze::inspect::snapshot::MAX_SNAPSHOT_BYTES)?;
            let snap =
                Snapshot::from_json(&text).map_err(|e| CliError::Usage(format!("snapshot {}: {e}", path.display())))?;
            Ok(snap
                .servers
                .iter()
                .filter(|s| s.tools_complete())
                .map(|s| ServerPin::from_snapshot(s, &now))
                .collect())
        }
        None => match &pins.store {
            Some(store) => store
                .servers(Kind::Observed)
                .map(|v| v.iter().map(from_record).collect())
                .map_err(|e| CliError::Runtime(format!("reading the last inspection from the store: {e}"))),
            None => Err(CliError::Runtime(
                "the store could not be opened, so the last inspection is unknown; pass --from SNAPSHOT".into(),
            )),
        },
    }
}

fn approve(
    server: Option<&str>,
    tools: &[String],
    client: Option<&str>,
    all: bool,
    from: Option<&Path>,
    lock: Option<&Path>,
    state_dir: &Path,
) -> Result<Outcome, CliError> {
    let mut pins = Pins::open(lock, state_dir)?;
    let current = pins.current();
    let observed = observed(from, &pins)?;
    let selected: Vec<&ServerPin> = observed
        .iter()
        .filter(|o| all || Some(o.server.as_str()) == server)
        .filter(|o| client.is_none_or(|c| o.client == c))
        .collect();
    if selected.is_empty() {
        let what = server.map_or_else(|| "any server".to_owned(), |s| format!("a server named `{s}`"));
        return Err(CliError::Usage(format!(
            "{} has no record of {what}{}; run `mcpward inspect` on it first (or pass --from SNAPSHOT)",
            if from.is_some() {
                "the snapshot"
            } else {
                "the last inspection"
            },
            client.map(|c| format!(" in client {c}")).unwrap_or_default()
        )));
    }
    if !all {
        let clients: Vec<&str> = selected.iter().map(|o| o.client.as_str()).collect();
        if clients.len() > 1 {
            return Err(CliError::Usage(format!(
                "several clients have a server named `{}` ({}); choose one with --client",
                server.unwrap_or(""),
                clients.join(", ")
            )));
        }
    }
    let now = mcpward_store::now_rfc3339();
    let mut writes = Vec::new();
    for o in selected {
        let cur = current.iter().find(|p| p.client == o.client && p.server == o.server);
        for t in tools {
            if o.tool(t).is_none() && cur.is_none_or(|c| c.tool(t).is_none()) {
                return Err(CliError::Usage(format!(
                    "{} has no tool `{t}`, pinned or seen",
                    o.key()
                )));
            }
        }
        let (next, changes) = lock::approve(cur, o, tools, &now);
        let instructions_changed = tools.is_empty()
            && cur.is_some_and(|c| {
                c.instructions.as_ref().map(|i| &i.sha256) != next.instructions.as_ref().map(|i| &i.sha256)
            });
        if cur.is_some() && changes.is_empty() && !instructions_changed {
            if !all {
                eprintln!(
                    "mcpward: {}: nothing to approve, the pins match what was last seen",
                    crate::inspect_cmd::safe(&o.key())
                );
            }
            continue;
        }
        let summary: Vec<String> = changes
            .iter()
            .map(|(t, c)| format!("{} {c}", crate::inspect_cmd::safe(t)))
            .collect();
        eprintln!(
            "mcpward: approved {}{}{}",
            crate::inspect_cmd::safe(&o.key()),
            if summary.is_empty() {
                String::new()
            } else {
                format!(": {}", summary.join(", "))
            },
            if instructions_changed {
                " (instructions changed)"
            } else {
                ""
            }
        );
        writes.push((next, changes, cur.cloned()));
    }
    let count = writes.len();
    pins.write(&writes, false)?;
    for p in &pins.problems {
        eprintln!("mcpward: warning: {p}");
    }
    if count > 0 {
        eprintln!(
            "mcpward: pins updated in {}{}",
            pins.source(),
            match (&pins.lock, &pins.store) {
                (Some(_), Some(s)) => format!(" and {}", s.path().display()),
                _ => String::new(),
            }
        );
    }
    Ok(Outcome::Clean)
}
