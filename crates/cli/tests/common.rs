//! Running the real binary in tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A state directory with a fixed fingerprint key, so secret fingerprints in
/// output are the same on every machine.
pub fn fixed_state() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write_fixed_key(dir.path());
    dir
}

/// Puts the fixed fingerprint key into an existing state directory.
pub fn write_fixed_key(state: &Path) {
    std::fs::write(state.join("fingerprint.key"), [42u8; 32]).expect("write key");
}

/// `mcpward args…` in a clean, controlled environment (only PATH is inherited), not yet run.
pub fn command(args: &[&str], home: &Path, state: &Path, cwd: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mcpward"));
    cmd.args(args)
        .current_dir(cwd)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("MCPWARD_HOME", state)
        .env("NO_COLOR", "1");
    cmd
}

/// Runs `mcpward` with a clean, controlled environment.
pub fn mcpward(args: &[&str], home: &Path, state: &Path, cwd: &Path) -> Output {
    command(args, home, state, cwd).output().expect("run mcpward")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", stdout(o), stderr(o)))
}

pub fn write(root: &Path, rel: &str, body: &str) -> PathBuf {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(&p, body).expect("write");
    p
}
