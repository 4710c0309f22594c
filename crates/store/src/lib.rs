//! mcpward's durable state: one SQLite database, `mcpward.db`, in the state directory the
//! CLI chooses (`MCPWARD_HOME`, or the platform data directory).
//!
//! - The schema is created and upgraded by numbered migrations ([`MIGRATIONS`]); the
//!   applied number is SQLite's `user_version`. A database written by a newer mcpward is
//!   refused rather than half-understood.
//! - Only fingerprints and public surfaces are kept, never a secret value: pins hold the
//!   canonical JSON of tools (what a server tells every client) and their SHA-256.
//! - The file is created with mode 0600 in a directory of mode 0700; concurrent mcpward
//!   processes wait for each other (busy timeout) instead of failing.
//!
//! Tables (migration 1):
//! - `servers`: one row per (kind, client, server) — `kind` is `pinned` (approved by the
//!   user) or `observed` (what the latest inspection saw) — with the launch identity, the
//!   reported package version and the instructions.
//! - `pins`: the approved tools: client, server identity, tool name, sha256, canonical
//!   JSON, approved_at, package version.
//! - `observations`: the tools the latest inspection saw, same shape (what
//!   `mcpward pins approve` approves).
//! - `pin_history`: every approval, tool by tool (added / changed / removed, old and new
//!   hash, when).

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The database file name inside the state directory.
pub const DB_FILE: &str = "mcpward.db";

/// The schema, one migration per entry; entry `n` brings the schema to version `n + 1`.
/// Append only: a published migration is never edited.
pub const MIGRATIONS: &[&str] = &[r#"
CREATE TABLE servers (
    kind                TEXT NOT NULL CHECK (kind IN ('pinned', 'observed')),
    client              TEXT NOT NULL,
    server              TEXT NOT NULL,
    identity            TEXT NOT NULL,
    launch              TEXT,
    server_name         TEXT,
    package_version     TEXT,
    instructions_sha256 TEXT,
    instructions        TEXT,
    recorded_at         TEXT NOT NULL,
    PRIMARY KEY (kind, client, server)
);
CREATE TABLE pins (
    client          TEXT NOT NULL,
    server          TEXT NOT NULL,
    identity        TEXT NOT NULL,
    tool            TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    canonical       TEXT NOT NULL,
    approved_at     TEXT NOT NULL,
    package_version TEXT,
    PRIMARY KEY (client, server, tool)
);
CREATE TABLE observations (
    client          TEXT NOT NULL,
    server          TEXT NOT NULL,
    identity        TEXT NOT NULL,
    tool            TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    canonical       TEXT NOT NULL,
    seen_at         TEXT NOT NULL,
    package_version TEXT,
    PRIMARY KEY (client, server, tool)
);
CREATE TABLE pin_history (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    client     TEXT NOT NULL,
    server     TEXT NOT NULL,
    tool       TEXT,
    action     TEXT NOT NULL,
    old_sha256 TEXT,
    new_sha256 TEXT
);
"#];

/// What went wrong with the store. Messages name the file, never a value.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the state directory {path}: {source}")]
    Dir { path: PathBuf, source: std::io::Error },
    #[error("cannot open the store {path}: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("the store {path} has schema version {found}, newer than this mcpward understands ({supported}); upgrade mcpward")]
    TooNew { path: PathBuf, found: i64, supported: i64 },
    #[error("migrating the store to schema version {version} failed: {source}")]
    Migrate { version: i64, source: rusqlite::Error },
    #[error("store query failed: {0}")]
    Sql(#[from] rusqlite::Error),
}

/// Pinned (approved) or observed (latest seen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pinned,
    Observed,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Pinned => "pinned",
            Kind::Observed => "observed",
        }
    }

    fn tool_table(self) -> &'static str {
        match self {
            Kind::Pinned => "pins",
            Kind::Observed => "observations",
        }
    }

    fn time_column(self) -> &'static str {
        match self {
            Kind::Pinned => "approved_at",
            Kind::Observed => "seen_at",
        }
    }
}

/// One server's recorded surface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerRecord {
    pub client: String,
    pub server: String,
    /// What the server is (a hash of its redacted launch command or URL).
    pub identity: String,
    /// The redacted launch command or URL, for people.
    pub launch: Option<String>,
    pub server_name: Option<String>,
    pub package_version: Option<String>,
    pub instructions_sha256: Option<String>,
    pub instructions: Option<String>,
    /// RFC 3339 UTC.
    pub recorded_at: String,
    /// Sorted by name.
    pub tools: Vec<ToolRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolRecord {
    pub name: String,
    pub sha256: String,
    pub canonical: String,
    /// When it was approved (pins) or seen (observations).
    pub at: String,
}

/// One approval, as `pin_history` keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub at: String,
    pub client: String,
    pub server: String,
    /// `None` for the server as a whole (first pin, instructions).
    pub tool: Option<String>,
    /// `pinned`, `added`, `changed`, `removed`.
    pub action: String,
    pub old_sha256: Option<String>,
    pub new_sha256: Option<String>,
}

/// The store. Not `Sync`: open one per thread.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

/// How long a writer waits for another mcpward process holding the database.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

impl Store {
    /// Opens (creating when needed) `dir/mcpward.db` and brings its schema up to date.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        create_private_dir(dir).map_err(|source| StoreError::Dir {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = dir.join(DB_FILE);
        precreate_private_file(&path).map_err(|source| StoreError::Dir {
            path: path.clone(),
            source,
        })?;
        let conn = Connection::open(&path).map_err(|source| StoreError::Open {
            path: path.clone(),
            source,
        })?;
        Store::init(conn, path)
    }

    /// A throw-away store (tests).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory().map_err(|source| StoreError::Open {
            path: PathBuf::from(":memory:"),
            source,
        })?;
        Store::init(conn, PathBuf::from(":memory:"))
    }

    fn init(conn: Connection, path: PathBuf) -> Result<Store, StoreError> {
        let open_err = |source| StoreError::Open {
            path: path.clone(),
            source,
        };
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", true).map_err(open_err)?;
        let mut store = Store { conn, path };
        store.migrate()?;
        Ok(store)
    }

    /// Where the database is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version (the number of migrations applied).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let supported = MIGRATIONS.len() as i64;
        // Take the write lock before reading the version, so two processes opening a new
        // store at once do not both run migration 1.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|source| StoreError::Migrate { version: 0, source })?;
        let found: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > supported {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found,
                supported,
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
            let version = i as i64 + 1;
            tx.execute_batch(sql)
                .and_then(|()| tx.pragma_update(None, "user_version", version))
                .map_err(|source| StoreError::Migrate { version, source })?;
        }
        tx.commit().map_err(|source| StoreError::Migrate {
            version: supported,
            source,
        })?;
        Ok(())
    }

    /// The recorded surface of one server.
    pub fn server(&self, kind: Kind, client: &str, server: &str) -> Result<Option<ServerRecord>, StoreError> {
        let row = self
            .conn
            .query_row(
                "SELECT identity, launch, server_name, package_version, instructions_sha256, instructions, recorded_at \
                 FROM servers WHERE kind = ?1 AND client = ?2 AND server = ?3",
                params![kind.as_str(), client, server],
                |r| {
                    Ok(ServerRecord {
                        client: client.to_owned(),
                        server: server.to_owned(),
                        identity: r.get(0)?,
                        launch: r.get(1)?,
                        server_name: r.get(2)?,
                        package_version: r.get(3)?,
                        instructions_sha256: r.get(4)?,
                        instructions: r.get(5)?,
                        recorded_at: r.get(6)?,
                        tools: Vec::new(),
                    })
                },
            )
            .optional()?;
        let Some(mut rec) = row else { return Ok(None) };
        rec.tools = self.tools(kind, client, server)?;
        Ok(Some(rec))
    }

    fn tools(&self, kind: Kind, client: &str, server: &str) -> Result<Vec<ToolRecord>, StoreError> {
        let sql = format!(
            "SELECT tool, sha256, canonical, {} FROM {} WHERE client = ?1 AND server = ?2 ORDER BY tool",
            kind.time_column(),
            kind.tool_table()
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![client, server], |r| {
            Ok(ToolRecord {
                name: r.get(0)?,
                sha256: r.get(1)?,
                canonical: r.get(2)?,
                at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Every server recorded as `kind`, sorted by client and name.
    pub fn servers(&self, kind: Kind) -> Result<Vec<ServerRecord>, StoreError> {
        let keys: Vec<(String, String)> = {
            let mut stmt = self
                .conn
                .prepare("SELECT client, server FROM servers WHERE kind = ?1 ORDER BY client, server")?;
            let rows = stmt.query_map(params![kind.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        let mut out = Vec::with_capacity(keys.len());
        for (client, server) in keys {
            if let Some(rec) = self.server(kind, &client, &server)? {
                out.push(rec);
            }
        }
        Ok(out)
    }

    /// Replaces the record of one server (its row and all its tools) in one transaction.
    pub fn put_server(&mut self, kind: Kind, rec: &ServerRecord) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        put_server_tx(&tx, kind, rec)?;
        tx.commit()?;
        Ok(())
    }

    /// Records an approval: the new pin of the server and the history of what changed,
    /// atomically.
    pub fn approve(&mut self, rec: &ServerRecord, history: &[HistoryEntry]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        put_server_tx(&tx, Kind::Pinned, rec)?;
        for h in history {
            tx.execute(
                "INSERT INTO pin_history (at, client, server, tool, action, old_sha256, new_sha256) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![h.at, h.client, h.server, h.tool, h.action, h.old_sha256, h.new_sha256],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The approvals of one server, oldest first.
    pub fn history(&self, client: &str, server: &str) -> Result<Vec<HistoryEntry>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT at, tool, action, old_sha256, new_sha256 FROM pin_history \
             WHERE client = ?1 AND server = ?2 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![client, server], |r| {
            Ok(HistoryEntry {
                at: r.get(0)?,
                client: client.to_owned(),
                server: server.to_owned(),
                tool: r.get(1)?,
                action: r.get(2)?,
                old_sha256: r.get(3)?,
                new_sha256: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Forgets one server (both kinds). Returns whether anything was removed.
    pub fn remove_server(&mut self, client: &str, server: &str) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let n = tx.execute(
            "DELETE FROM servers WHERE client = ?1 AND server = ?2",
            params![client, server],
        )?;
        tx.execute(
            "DELETE FROM pins WHERE client = ?1 AND server = ?2",
            params![client, server],
        )?;
        tx.execute(
            "DELETE FROM observations WHERE client = ?1 AND server = ?2",
            params![client, server],
        )?;
        tx.commit()?;
        Ok(n > 0)
    }
}

fn put_server_tx(tx: &Transaction<'_>, kind: Kind, rec: &ServerRecord) -> Result<(), StoreError> {
    tx.execute(
        "INSERT OR REPLACE INTO servers (kind, client, server, identity, launch, server_name, package_version, \
         instructions_sha256, instructions, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            kind.as_str(),
            rec.client,
            rec.server,
            rec.identity,
            rec.launch,
            rec.server_name,
            rec.package_version,
            rec.instructions_sha256,
            rec.instructions,
            rec.recorded_at
        ],
    )?;
    let table = kind.tool_table();
    tx.execute(
        &format!("DELETE FROM {table} WHERE client = ?1 AND server = ?2"),
        params![rec.client, rec.server],
    )?;
    let sql = format!(
        "INSERT OR REPLACE INTO {table} (client, server, identity, tool, sha256, canonical, {}, package_version) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        kind.time_column()
    );
    let mut stmt = tx.prepare(&sql)?;
    for t in &rec.tools {
        stmt.execute(params![
            rec.client,
            rec.server,
            rec.identity,
            t.name,
            t.sha256,
            t.canonical,
            t.at,
            rec.package_version
        ])?;
    }
    Ok(())
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// Creates the database file with mode 0600 before SQLite does (SQLite would use the
/// umask, typically 0644).
#[cfg(unix)]
fn precreate_private_file(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(not(unix))]
fn precreate_private_file(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

/// The current time as RFC 3339 UTC with seconds (`2026-05-05T12:00:00Z`).
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    rfc3339(secs)
}

/// Seconds since the Unix epoch as RFC 3339 UTC.
pub fn rfc3339(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Days to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(tools: &[(&str, &str)]) -> ServerRecord {
        ServerRecord {
            client: "claude-desktop".into(),
            server: "weather".into(),
            identity: "sha256:abc".into(),
            launch: Some("node server.js".into()),
            server_name: Some("w".into()),
            package_version: Some("1.0.0".into()),
            instructions_sha256: None,
            instructions: None,
            recorded_at: "2026-01-01T00:00:00Z".into(),
            tools: tools
                .iter()
                .map(|(n, h)| ToolRecord {
                    name: (*n).into(),
                    sha256: (*h).into(),
                    canonical: format!("{{\"name\":\"{n}\"}}"),
                    at: "2026-01-01T00:00:00Z".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn migrations_run_once_and_record_the_version() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
        drop(store);
        // Re-opening does not re-run migration 1 (it would fail: tables exist).
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(DB_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "{mode:o}");
        }
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open(dir.path()).unwrap();
            store.conn.pragma_update(None, "user_version", 99).unwrap();
        }
        let err = Store::open(dir.path()).unwrap_err();
        assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
    }

    #[test]
    fn pins_and_observations_are_separate_and_replaced_whole() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(store
            .server(Kind::Pinned, "claude-desktop", "weather")
            .unwrap()
            .is_none());
        store
            .put_server(Kind::Pinned, &record(&[("b", "2"), ("a", "1")]))
            .unwrap();
        store.put_server(Kind::Observed, &record(&[("a", "9")])).unwrap();
        let pinned = store
            .server(Kind::Pinned, "claude-desktop", "weather")
            .unwrap()
            .unwrap();
        assert_eq!(
            pinned
                .tools
                .iter()
                .map(|t| (t.name.as_str(), t.sha256.as_str()))
                .collect::<Vec<_>>(),
            vec![("a", "1"), ("b", "2")]
        );
        let seen = store
            .server(Kind::Observed, "claude-desktop", "weather")
            .unwrap()
            .unwrap();
        assert_eq!(seen.tools.len(), 1);
        // Replacing drops tools that are gone.
        store.put_server(Kind::Pinned, &record(&[("a", "1")])).unwrap();
        assert_eq!(store.servers(Kind::Pinned).unwrap()[0].tools.len(), 1);
        assert!(store.remove_server("claude-desktop", "weather").unwrap());
        assert!(store.servers(Kind::Pinned).unwrap().is_empty());
        assert!(store.servers(Kind::Observed).unwrap().is_empty());
    }

    #[test]
    fn approvals_keep_history() {
        let mut store = Store::open_in_memory().unwrap();
        let h = HistoryEntry {
            at: "2026-01-02T00:00:00Z".into(),
            client: "claude-desktop".into(),
            server: "weather".into(),
            tool: Some("a".into()),
            action: "changed".into(),
            old_sha256: Some("1".into()),
            new_sha256: Some("9".into()),
        };
        store.approve(&record(&[("a", "9")]), std::slice::from_ref(&h)).unwrap();
        assert_eq!(store.history("claude-desktop", "weather").unwrap(), vec![h]);
        assert_eq!(
            store
                .server(Kind::Pinned, "claude-desktop", "weather")
                .unwrap()
                .unwrap()
                .tools[0]
                .sha256,
            "9"
        );
    }

    #[test]
    fn hostile_names_are_just_data() {
        let mut store = Store::open_in_memory().unwrap();
        let mut rec = record(&[("x'); DROP TABLE pins; --", "1")]);
        rec.server = "a\"b'c".into();
        store.put_server(Kind::Pinned, &rec).unwrap();
        assert_eq!(store.servers(Kind::Pinned).unwrap(), vec![rec]);
    }

    #[test]
    fn timestamps() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400 + 3661), "2000-02-29T01:01:01Z");
        assert_eq!(rfc3339(1_795_392_000), "2026-11-23T00:00:00Z");
        assert!(now_rfc3339().starts_with("20"));
    }
}
