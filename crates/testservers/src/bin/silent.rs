//! A server that never answers, ignores SIGTERM (unless `MCPWARD_SILENT_HONOR_TERM` is set)
//! and starts a grandchild `sleep`, so only killing the whole process group ends it. It
//! does not exit when its stdin closes either.

use std::io::Read;
use std::time::Duration;

fn main() {
    if std::env::var_os("MCPWARD_SILENT_HONOR_TERM").is_none() {
        // SAFETY: setting a signal disposition to SIG_IGN installs no handler code; the
        // ignored disposition is inherited by the `sleep` started below.
        unsafe {
            libc::signal(libc::SIGTERM, libc::SIG_IGN);
        }
    }
    match std::process::Command::new("sleep").arg("1000").spawn() {
        Ok(child) => eprintln!("silent: grandchild sleep pid {}", child.id()),
        Err(e) => eprintln!("silent: could not start sleep: {e}"),
    }
    let mut sink = [0u8; 4096];
    let mut stdin = std::io::stdin();
    while let Ok(n) = stdin.read(&mut sink) {
        if n == 0 {
            break;
        }
    }
    loop {
        std::thread::sleep(Duration::from_secs(60));
    }
}
