//! Helpers shared by the protocol integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// `<target>/<profile>` of the running test binary (`…/debug/deps/<test>` → `…/debug`).
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("current exe");
    exe.parent().and_then(Path::parent).expect("profile dir").to_path_buf()
}

/// Path to one of the fixture servers of `crates/testservers`, building them once per test
/// run (a no-op when `cargo test --workspace` already built them).
pub fn fixture(name: &str) -> PathBuf {
    static BUILT: OnceLock<Result<(), String>> = OnceLock::new();
    let built = BUILT.get_or_init(|| {
        let profile = profile_dir();
        let target = profile.parent().expect("target dir").to_path_buf();
        let mut cmd = std::process::Command::new(env!("CARGO"));
        cmd.args(["build", "--quiet", "-p", "mcpward-testservers", "--bins"])
            .current_dir(workspace_root())
            .env("CARGO_TARGET_DIR", &target);
        if profile.file_name().is_some_and(|n| n == "release") {
            cmd.arg("--release");
        }
        match cmd.status() {
            Ok(s) if s.success() => Ok(()),
            Ok(s) => Err(format!("building mcpward-testservers failed: {s}")),
            Err(e) => Err(format!("could not run cargo to build mcpward-testservers: {e}")),
        }
    });
    if let Err(e) = built {
        panic!("{e}");
    }
    let path = profile_dir().join(name);
    assert!(path.exists(), "fixture server {} was not built", path.display());
    path
}

/// The PATH the test servers get (their environment is otherwise empty).
pub fn test_path() -> String {
    std::env::var("PATH").unwrap_or_else(|_| "/usr/local/bin:/usr/bin:/bin".to_string())
}

/// Asserts that no process of the group remains: `kill(-pgid, 0)` fails with ESRCH.
/// Exited members may wait for init to reap them (some container inits take seconds),
/// hence the bounded poll.
pub fn assert_group_gone(pgid: i32) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        // SAFETY: signal 0 only probes for existence.
        let rc = unsafe { libc::kill(-pgid, 0) };
        let errno = std::io::Error::last_os_error().raw_os_error();
        if rc == -1 && errno == Some(libc::ESRCH) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "process group {pgid} still exists (rc {rc}, errno {errno:?})"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}
