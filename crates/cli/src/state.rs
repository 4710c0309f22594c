//! Where mcpward keeps its own state and configuration.
//!
//! `MCPWARD_HOME` overrides everything (tests use it). Otherwise state lives in
//! the platform's data directory (`$XDG_DATA_HOME/mcpward`, default
//! `~/.local/share/mcpward`; `~/Library/Application Support/mcpward` on macOS).

use mcpward_detect::secrets::FingerprintKey;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The user's home directory: `HOME` (or `USERPROFILE` on Windows).
pub fn home_dir() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// Where mcpward keeps its state (see the module doc).
///
/// State belongs to the user running mcpward, so it follows the real `HOME`,
/// not `--home` (a tree being audited must not get a key file written into it);
/// `fallback_home` is used only when `HOME` is unset.
pub fn state_dir(fallback_home: &Path) -> PathBuf {
    if let Some(dir) = std::env::var_os("MCPWARD_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let real = home_dir();
    let home = real.as_deref().unwrap_or(fallback_home);
    if cfg!(target_os = "macos") {
        return home.join("Library/Application Support/mcpward");
    }
    match std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        Some(d) => PathBuf::from(d).join("mcpward"),
        None => home.join(".local/share/mcpward"),
    }
}

/// The fingerprint key: 32 random bytes in `<state>/fingerprint.key` (mode 0600),
/// created on first use. If it cannot be stored, an ephemeral key is used and the
/// returned note says fingerprints will differ between runs.
pub fn fingerprint_key(state: &Path) -> (FingerprintKey, Option<String>) {
    let path = state.join("fingerprint.key");
    if let Ok(bytes) = std::fs::read(&path) {
        if let Ok(arr) = <[u8; 32]>::try_from(bytes.as_slice()) {
            return (FingerprintKey::new(arr), None);
        }
    }
    let key = random_bytes();
    match store_key(&path, &key) {
        Ok(()) => (FingerprintKey::new(key), None),
        Err(e) => (
            FingerprintKey::new(key),
            Some(format!(
                "could not store the fingerprint key at {} ({e}); secret fingerprints will differ between runs",
                path.display()
            )),
        ),
    }
}

fn store_key(path: &Path, key: &[u8; 32]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(key)?;
    f.sync_all()
}

/// 32 bytes from the operating system's random source.
fn random_bytes() -> [u8; 32] {
    let mut out = [0u8; 32];
    if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
        use std::io::Read;
        if f.read_exact(&mut out).is_ok() {
            return out;
        }
    }
    // No /dev/urandom (Windows): std's hasher keys are seeded from the OS per process.
    use std::hash::{BuildHasher, Hasher};
    for (i, chunk) in out.chunks_mut(8).enumerate() {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_usize(i);
        chunk.copy_from_slice(&h.finish().to_le_bytes());
    }
    out
}

/// Today's date (UTC) as (year, month, day), for allow-list expiry.
pub fn today() -> (i32, u32, u32) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_780), (2026, 11, 23));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn key_is_created_once_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let (k1, note) = fingerprint_key(dir.path());
        assert!(note.is_none());
        let (k2, _) = fingerprint_key(dir.path());
        let fp = |k: &FingerprintKey| mcpward_detect::secrets::fingerprint(k, "x");
        assert_eq!(fp(&k1), fp(&k2));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("fingerprint.key"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0);
        }
    }
}
