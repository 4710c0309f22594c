//! Launching a stdio MCP server as a child process, and ending it with everything it started.
//!
//! The child runs in its own process group so that terminating it reaches the processes it
//! spawned too (`npx` → `node`, `uv` → `python`, a shell → `sleep`): on close, exit or
//! timeout the group gets SIGTERM, then SIGKILL after a grace period, and the leader is
//! reaped. Its stderr is kept in a bounded ring buffer for error messages.
//!
//! [`spawn_stdio`] is the one place a server process is created, so the sandbox can wrap it.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::AsyncReadExt;
use tokio::process::{ChildStdin, ChildStdout, Command};
use tokio::sync::watch;

/// Default size of the stderr tail kept per process.
pub const DEFAULT_STDERR_TAIL: usize = 64 * 1024;

/// What to start.
#[derive(Debug, Clone)]
pub struct LaunchSpec {
    /// The program. Give an absolute path, or put `PATH` in `env`: with a cleared
    /// environment, the lookup uses the child's `PATH`.
    pub program: OsString,
    pub args: Vec<OsString>,
    /// The child's environment: exactly these variables (plus the parent's when
    /// `inherit_env` is set). The launcher decides what a server may see.
    pub env: Vec<(OsString, OsString)>,
    /// Pass the whole parent environment through (off by default).
    pub inherit_env: bool,
    pub cwd: Option<PathBuf>,
    /// How many bytes of stderr to keep (the last ones).
    pub stderr_tail_bytes: usize,
}

impl LaunchSpec {
    pub fn new(program: impl Into<OsString>) -> Self {
        LaunchSpec {
            program: program.into(),
            args: Vec::new(),
            env: Vec::new(),
            inherit_env: false,
            cwd: None,
            stderr_tail_bytes: DEFAULT_STDERR_TAIL,
        }
    }

    pub fn arg(mut self, arg: impl Into<OsString>) -> Self {
        self.args.push(arg.into());
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: Into<OsString>>(mut self, args: I) -> Self {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn env(mut self, key: impl Into<OsString>, value: impl Into<OsString>) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn inherit_env(mut self, inherit: bool) -> Self {
        self.inherit_env = inherit;
        self
    }

    pub fn cwd(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cwd = Some(dir.into());
        self
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SpawnError {
    #[error("could not start `{program}`: {source}")]
    Start { program: String, source: std::io::Error },
    #[error("the child's {0} was not piped")]
    Pipe(&'static str),
    #[error("the child has no process id (it exited at once)")]
    NoPid,
}

/// How a process ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExitInfo {
    pub code: Option<i32>,
    pub signal: Option<i32>,
}

impl ExitInfo {
    fn from_status(status: std::process::ExitStatus) -> Self {
        use std::os::unix::process::ExitStatusExt;
        ExitInfo {
            code: status.code(),
            signal: status.signal(),
        }
    }

    pub fn success(&self) -> bool {
        self.code == Some(0)
    }
}

impl fmt::Display for ExitInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.code, self.signal) {
            (Some(c), _) => write!(f, "exit code {c}"),
            (None, Some(s)) => write!(f, "killed by signal {s}"),
            (None, None) => f.write_str("unknown exit status"),
        }
    }
}

/// The last bytes a process wrote to stderr.
#[derive(Clone, Debug, Default)]
pub struct StderrTail {
    inner: Arc<Mutex<Ring>>,
}

#[derive(Debug, Default)]
struct Ring {
    bytes: VecDeque<u8>,
    cap: usize,
    total: u64,
}

impl StderrTail {
    pub fn new(cap: usize) -> Self {
        StderrTail {
            inner: Arc::new(Mutex::new(Ring {
                bytes: VecDeque::new(),
                cap,
                total: 0,
            })),
        }
    }

    pub(crate) fn push(&self, chunk: &[u8]) {
        let Ok(mut ring) = self.inner.lock() else { return };
        ring.total += chunk.len() as u64;
        let cap = ring.cap;
        let chunk = if chunk.len() > cap {
            &chunk[chunk.len() - cap..]
        } else {
            chunk
        };
        let overflow = (ring.bytes.len() + chunk.len()).saturating_sub(cap);
        ring.bytes.drain(..overflow);
        ring.bytes.extend(chunk);
    }

    /// The kept tail as text, with known-format secrets redacted.
    pub fn text(&self) -> String {
        let bytes: Vec<u8> = match self.inner.lock() {
            Ok(ring) => ring.bytes.iter().copied().collect(),
            Err(_) => return String::new(),
        };
        crate::redact::redact_multiline(&String::from_utf8_lossy(&bytes))
    }

    /// Total bytes written to stderr, kept or not.
    pub fn total_bytes(&self) -> u64 {
        self.inner.lock().map(|r| r.total).unwrap_or(0)
    }
}

/// A running stdio server: its pipes and the guard that ends it.
pub struct StdioProcess {
    pub stdin: ChildStdin,
    pub stdout: ChildStdout,
    pub guard: ProcessGuard,
}

impl StdioProcess {
    /// Process group id (equal to the leader's pid).
    pub fn pgid(&self) -> i32 {
        self.guard.pgid()
    }
}

/// Starts a stdio server in its own process group, stdin/stdout piped, stderr captured.
///
/// Must be called inside a tokio runtime.
pub fn spawn_stdio(spec: LaunchSpec) -> Result<StdioProcess, SpawnError> {
    let mut cmd = Command::new(&spec.program);
    cmd.args(&spec.args);
    if !spec.inherit_env {
        cmd.env_clear();
    }
    cmd.envs(spec.env.iter().map(|(k, v)| (k, v)));
    if let Some(dir) = &spec.cwd {
        cmd.current_dir(dir);
    }
    cmd.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        // Own group: the whole tree can be signalled at once, and a terminal's ^C meant
        // for us does not reach the server directly.
        .process_group(0);
    let mut child = cmd.spawn().map_err(|source| SpawnError::Start {
        program: spec.program.to_string_lossy().into_owned(),
        source,
    })?;
    let Some(pid) = child.id() else {
        return Err(SpawnError::NoPid);
    };
    let stdin = child.stdin.take().ok_or(SpawnError::Pipe("stdin"))?;
    let stdout = child.stdout.take().ok_or(SpawnError::Pipe("stdout"))?;
    let stderr = child.stderr.take().ok_or(SpawnError::Pipe("stderr"))?;

    let tail = StderrTail::new(spec.stderr_tail_bytes.max(1));
    let sink = tail.clone();
    tokio::spawn(async move {
        let mut stderr = stderr;
        let mut buf = vec![0u8; 8192];
        while let Ok(n) = stderr.read(&mut buf).await {
            if n == 0 {
                break;
            }
            sink.push(&buf[..n]);
        }
    });

    let pgid = i32::try_from(pid).map_err(|_| SpawnError::NoPid)?;
    let (exit_tx, exit_rx) = watch::channel(None);
    let watcher = tokio::spawn(async move {
        let info = match child.wait().await {
            Ok(status) => ExitInfo::from_status(status),
            Err(_) => ExitInfo {
                code: None,
                signal: None,
            },
        };
        let _ = exit_tx.send(Some(info));
        // The server is gone; whatever it left running in its group is an orphan with
        // nobody to stop it. End it now rather than at close.
        if group_has_live_member(pgid) {
            signal_group(pgid, libc::SIGTERM);
            let deadline = Instant::now() + ORPHAN_GRACE;
            while group_has_live_member(pgid) && Instant::now() < deadline {
                tokio::time::sleep(POLL).await;
            }
            if group_has_live_member(pgid) {
                signal_group(pgid, libc::SIGKILL);
            }
        }
    });
    Ok(StdioProcess {
        stdin,
        stdout,
        guard: ProcessGuard {
            pgid,
            exit: exit_rx,
            stderr: tail,
            done: false,
            _watcher: watcher,
        },
    })
}

/// How far termination had to go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escalation {
    /// The process exited by itself (after its stdin closed).
    None,
    /// SIGTERM to the group was enough.
    Term,
    /// SIGKILL to the group was needed.
    Kill,
}

/// What [`ProcessGuard::terminate`] did.
#[derive(Debug, Clone)]
pub struct ExitReport {
    pub exit: Option<ExitInfo>,
    pub escalation: Escalation,
    /// Whether no live process of the group remained. Members that already exited may
    /// still wait a moment to be reaped by their new parent (init), during which
    /// `kill(-pgid, 0)` keeps succeeding; see [`group_exists`].
    pub group_ended: bool,
    /// Whether the group had vanished entirely (`kill(-pgid, 0)` failed with ESRCH) when
    /// terminate returned.
    pub group_gone: bool,
}

/// Owns a server's process group; terminates it on [`terminate`](Self::terminate), and
/// SIGKILLs the group when dropped without that.
pub struct ProcessGuard {
    pgid: i32,
    exit: watch::Receiver<Option<ExitInfo>>,
    stderr: StderrTail,
    done: bool,
    /// Reaps the leader; detached on drop, it ends when the leader does.
    _watcher: tokio::task::JoinHandle<()>,
}

impl fmt::Debug for ProcessGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProcessGuard")
            .field("pgid", &self.pgid)
            .field("done", &self.done)
            .finish()
    }
}

/// How often group membership is polled while waiting for it to empty.
const POLL: Duration = Duration::from_millis(10);
/// How long orphans left by an exited leader get between SIGTERM and SIGKILL.
const ORPHAN_GRACE: Duration = Duration::from_secs(1);
/// How long to wait for exited members to be reaped by their new parent (init). Usually
/// instant; some container inits reap late, and waiting longer would only slow close.
const REAP_WAIT: Duration = Duration::from_millis(500);

impl ProcessGuard {
    pub fn pgid(&self) -> i32 {
        self.pgid
    }

    pub fn stderr(&self) -> &StderrTail {
        &self.stderr
    }

    /// The exit status, if the leader has exited.
    pub fn exit_status(&self) -> Option<ExitInfo> {
        *self.exit.borrow()
    }

    /// A receiver that turns `Some` when the leader exits.
    pub fn exit_watch(&self) -> watch::Receiver<Option<ExitInfo>> {
        self.exit.clone()
    }

    /// Waits up to `within` for the leader to exit.
    pub async fn wait_exit(&self, within: Duration) -> Option<ExitInfo> {
        wait_exit(self.exit.clone(), within).await
    }

    /// Ends the group: waits `grace` for the leader to exit by itself (callers close its
    /// stdin first), then SIGTERM to the group, `grace` again, then SIGKILL; reaps the
    /// leader and waits (bounded) until no member of the group remains.
    pub async fn terminate(mut self, grace: Duration) -> ExitReport {
        let pgid = self.pgid;
        let mut escalation = Escalation::None;
        if !self.settled_within(grace).await {
            escalation = Escalation::Term;
            signal_group(pgid, libc::SIGTERM);
            if !self.settled_within(grace).await {
                escalation = Escalation::Kill;
                signal_group(pgid, libc::SIGKILL);
                let _ = self.settled_within(Duration::from_secs(5)).await;
            }
        }
        // Only zombies can be left: dead, waiting for init to reap them.
        let deadline = Instant::now() + REAP_WAIT;
        while group_exists(pgid) && Instant::now() < deadline {
            tokio::time::sleep(POLL).await;
        }
        self.done = true;
        ExitReport {
            exit: self.exit_status(),
            escalation,
            group_ended: !group_has_live_member(pgid),
            group_gone: !group_exists(pgid),
        }
    }

    /// Whether, within `within`, the leader exited and no live member of the group remains.
    async fn settled_within(&mut self, within: Duration) -> bool {
        let deadline = Instant::now() + within;
        loop {
            if self.exit_status().is_some() && !group_has_live_member(self.pgid) {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(POLL).await;
        }
    }
}

impl Drop for ProcessGuard {
    fn drop(&mut self) {
        if !self.done {
            // Backstop for a guard dropped without terminate(): nothing of the group may
            // outlive its owner. The watcher task reaps the leader.
            signal_group(self.pgid, libc::SIGKILL);
        }
    }
}

pub(crate) async fn wait_exit(mut rx: watch::Receiver<Option<ExitInfo>>, within: Duration) -> Option<ExitInfo> {
    let waited = match tokio::time::timeout(within, rx.wait_for(Option::is_some)).await {
        Ok(Ok(v)) => *v,
        _ => None,
    };
    waited.or(*rx.borrow())
}

fn signal_group(pgid: i32, sig: libc::c_int) {
    if pgid <= 1 {
        return; // never signal "every process" or init's group
    }
    // SAFETY: kill(2) with a negative pid signals a process group; no memory is involved.
    unsafe {
        libc::kill(-pgid, sig);
    }
}

/// Whether any process (zombies included) is still in the group.
pub fn group_exists(pgid: i32) -> bool {
    if pgid <= 1 {
        return false;
    }
    // SAFETY: signal 0 only checks for existence and permission.
    let rc = unsafe { libc::kill(-pgid, 0) };
    if rc == 0 {
        return true;
    }
    std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// Whether a member of the group is still alive (zombies do not count: they are dead and
/// only wait to be reaped by their parent, which for orphans is init).
fn group_has_live_member(pgid: i32) -> bool {
    #[cfg(target_os = "linux")]
    {
        if let Some(live) = linux_live_members(pgid) {
            return live;
        }
    }
    group_exists(pgid)
}

#[cfg(target_os = "linux")]
fn linux_live_members(pgid: i32) -> Option<bool> {
    let dir = std::fs::read_dir("/proc").ok()?;
    for entry in dir.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|s| s.parse::<i32>().ok()) else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // "pid (comm) state ppid pgrp ..."; comm may contain spaces and parentheses.
        let Some(close) = stat.rfind(')') else { continue };
        let mut fields = stat[close + 1..].split_whitespace();
        let state = fields.next().unwrap_or("");
        let _ppid = fields.next();
        let pgrp = fields.next().and_then(|s| s.parse::<i32>().ok());
        if pgrp == Some(pgid) && state != "Z" && state != "X" {
            return Some(true);
        }
    }
    Some(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ring_keeps_the_last_bytes() {
        let t = StderrTail::new(8);
        t.push(b"hello ");
        t.push(b"world!");
        assert_eq!(t.text(), "o world!");
        t.push(b"0123456789ABCDEF");
        assert_eq!(t.text(), "89ABCDEF");
        assert_eq!(t.total_bytes(), 28);
    }

    #[tokio::test]
    async fn group_is_terminated_with_its_grandchildren() {
        let spec = LaunchSpec::new("/bin/sh")
            .args(["-c", "trap '' TERM; sleep 300 & echo started >&2; wait"])
            .env("PATH", "/usr/bin:/bin");
        let proc = spawn_stdio(spec).unwrap();
        let pgid = proc.pgid();
        let StdioProcess { stdin, stdout, guard } = proc;
        drop(stdin);
        drop(stdout);
        let start = Instant::now();
        let report = guard.terminate(Duration::from_millis(200)).await;
        // sh ignores SIGTERM and waits on sleep (which inherits the ignored TERM): only
        // SIGKILL ends them.
        assert_eq!(report.escalation, Escalation::Kill, "{report:?}");
        assert!(report.group_ended, "group {pgid} still has live members");
        // Exited members may wait for init to reap them; then the group is gone.
        let deadline = Instant::now() + Duration::from_secs(15);
        while group_exists(pgid) {
            assert!(Instant::now() < deadline, "group {pgid} still exists");
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(start.elapsed() < Duration::from_secs(20));
    }

    #[tokio::test]
    async fn env_is_not_inherited_by_default() {
        std::env::set_var("MCPWARD_TEST_PARENT_ONLY", "1");
        let spec = LaunchSpec::new("/bin/sh")
            .args(["-c", "env >&2"])
            .env("ONLY_THIS", "yes");
        let proc = spawn_stdio(spec).unwrap();
        let guard = proc.guard;
        let exit = guard.wait_exit(Duration::from_secs(5)).await;
        assert_eq!(exit.map(|e| e.success()), Some(true));
        let mut text = String::new();
        for _ in 0..100 {
            text = guard.stderr().text();
            if text.contains("ONLY_THIS") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(text.contains("ONLY_THIS=yes"), "{text}");
        assert!(!text.contains("MCPWARD_TEST_PARENT_ONLY"), "{text}");
        let report = guard.terminate(Duration::from_millis(100)).await;
        assert_eq!(report.escalation, Escalation::None);
    }

    #[tokio::test]
    async fn missing_program_is_a_spawn_error() {
        let err = spawn_stdio(LaunchSpec::new("/nonexistent/mcpward-no-such-server"))
            .err()
            .unwrap();
        assert!(matches!(err, SpawnError::Start { .. }), "{err}");
    }
}
