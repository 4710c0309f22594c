//! Hostile and broken files: each becomes a finding (or a clear error) naming
//! the file, never a panic, and the audit of everything else goes on.

mod common;
use common::*;

fn parse_errors(report: &serde_json::Value) -> Vec<(String, Option<u64>, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["category"] == "parse-error")
        .map(|f| {
            (
                f["file"].as_str().unwrap_or("").to_owned(),
                f["line"].as_u64(),
                f["message"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[test]
fn every_kind_of_bad_file_is_a_finding_and_the_rest_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // One good file that must still be audited.
    write(
        d,
        "good/.cursor/mcp.json",
        r#"{"mcpServers": {"fs": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/"]}}}"#,
    );
    // Syntax error with a line number.
    write(
        d,
        "syntax/.cursor/mcp.json",
        "{\n  \"mcpServers\": {\n    \"a\": {\"command\": \"x\"}\n    \"b\": {}\n  }\n}\n",
    );
    // Invalid UTF-8 and a binary file.
    let p = d.join("utf8/.cursor/mcp.json");
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, b"{\"mcpServers\": {\"a\": {\"command\": \"\xff\xfe\"}}}").unwrap();
    let p = d.join("binary/.cursor/mcp.json");
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0").unwrap();
    // Deep nesting: 100 000 levels.
    write(
        d,
        "deep/.cursor/mcp.json",
        &format!("{{\"mcpServers\": {}", "[".repeat(100_000)),
    );
    // A config that is a directory.
    std::fs::create_dir_all(d.join("dir/.cursor/mcp.json")).unwrap();
    // One bad entry among good ones.
    write(
        d,
        "entry/.cursor/mcp.json",
        r#"{"mcpServers": {"bad": "not an object", "ok": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/"]}}}"#,
    );
    #[cfg(unix)]
    {
        // A symlink loop and a dangling link, where a config is expected.
        std::fs::create_dir_all(d.join("loop/.cursor")).unwrap();
        std::os::unix::fs::symlink("mcp.json", d.join("loop/.cursor/mcp.json")).unwrap();
        std::fs::create_dir_all(d.join("dangling/.cursor")).unwrap();
        std::os::unix::fs::symlink("/nonexistent/mcp.json", d.join("dangling/.cursor/mcp.json")).unwrap();
        // A directory symlink loop must not trap the walk.
        std::os::unix::fs::symlink("..", d.join("good/up")).unwrap();
    }

    let state = fixed_state();
    let out = mcpward(
        &["audit", ".", "-f", "json", "--fail-on", "critical"],
        d,
        state.path(),
        d,
    );
    let report = json(&out);
    let errors = parse_errors(&report);
    let find = |dir: &str| {
        errors
            .iter()
            .find(|(f, _, _)| f.contains(&format!("{dir}/.cursor")))
            .cloned()
    };
    assert_eq!(find("syntax").and_then(|e| e.1), Some(4), "{errors:#?}");
    assert!(find("utf8").is_some_and(|e| e.2.contains("UTF-8")), "{errors:#?}");
    assert!(find("binary").is_some(), "{errors:#?}");
    assert!(find("deep").is_some_and(|e| e.2.contains("nesting")), "{errors:#?}");
    assert!(find("dir").is_some_and(|e| e.2.contains("directory")), "{errors:#?}");
    assert!(find("entry").is_some_and(|e| e.2.contains("bad")), "{errors:#?}");
    #[cfg(unix)]
    {
        assert!(
            find("loop").is_some_and(|e| e.2.contains("symbolic links")),
            "{errors:#?}"
        );
        assert!(find("dangling").is_some(), "{errors:#?}");
    }
    // The good file and the good entry are still audited: `/` is a critical finding for both.
    let fs_findings = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["category"] == "filesystem-scope" && f["severity"] == "critical")
        .count();
    assert_eq!(fs_findings, 2, "{report:#}");
    assert_eq!(out.status.code(), Some(1), "critical findings exit 1: {}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn huge_file_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("claude_desktop_config.json");
    let f = std::fs::File::create(&p).unwrap();
    // Sparse: 65 MiB on paper, nothing on disk.
    f.set_len(65 * 1024 * 1024).unwrap();
    let state = fixed_state();
    let out = mcpward(
        &["audit", p.to_str().unwrap(), "-f", "json", "--fail-on", "never"],
        dir.path(),
        state.path(),
        dir.path(),
    );
    let errors = parse_errors(&json(&out));
    assert!(errors.iter().any(|e| e.2.contains("limit")), "{errors:#?}");
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_a_finding() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), ".cursor/mcp.json", r#"{"mcpServers": {}}"#);
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&p).is_ok() {
        // Running as root: permission bits do not stop reads, so there is nothing to test.
        eprintln!("skipped: this process can read a mode-000 file (root)");
        return;
    }
    let state = fixed_state();
    let out = mcpward(
        &["audit", ".", "-f", "json", "--fail-on", "never"],
        dir.path(),
        state.path(),
        dir.path(),
    );
    let errors = parse_errors(&json(&out));
    assert!(errors.iter().any(|e| e.2.contains("permission denied")), "{errors:#?}");
}

#[test]
fn missing_path_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let state = fixed_state();
    let out = mcpward(&["audit", "does/not/exist"], dir.path(), state.path(), dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("does/not/exist"), "{}", stderr(&out));
}

#[test]
fn bad_flags_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let state = fixed_state();
    for args in [
        &["audit", "--format", "xml"][..],
        &["audit", "--fail-on", "severe"],
        &["frobnicate"],
    ] {
        let out = mcpward(args, dir.path(), state.path(), dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    let out = mcpward(&["--help"], dir.path(), state.path(), dir.path());
    assert_eq!(out.status.code(), Some(0));
}
