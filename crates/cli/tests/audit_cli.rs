//! `mcpward audit` end to end: exit codes, formats, suppression, and golden
//! output for the bundled examples.

mod common;
use common::*;
use std::path::Path;

const RISKY: &str = r#"{
  "mcpServers": {
    "fs": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/"]},
    "time": {"command": "uvx", "args": ["mcp-server-time==0.6.2"]}
  }
}"#;

#[test]
fn exit_codes_follow_fail_on() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".cursor/mcp.json", RISKY);
    let state = fixed_state();
    let run = |fail_on: &str| {
        mcpward(
            &["audit", ".", "--fail-on", fail_on],
            dir.path(),
            state.path(),
            dir.path(),
        )
    };
    assert_eq!(run("critical").status.code(), Some(1));
    assert_eq!(run("high").status.code(), Some(1));
    assert_eq!(run("never").status.code(), Some(0));
    let clean = tempfile::tempdir().unwrap();
    write(
        clean.path(),
        ".cursor/mcp.json",
        r#"{"mcpServers": {"time": {"command": "uvx", "args": ["mcp-server-time==0.6.2"]}}}"#,
    );
    let out = mcpward(
        &["audit", ".", "--fail-on", "medium"],
        clean.path(),
        state.path(),
        clean.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn every_format_renders() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".cursor/mcp.json", RISKY);
    let state = fixed_state();
    for format in ["table", "json", "sarif", "markdown"] {
        let out = mcpward(
            &["audit", ".", "-f", format, "--fail-on", "never"],
            dir.path(),
            state.path(),
            dir.path(),
        );
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains("MW-FS-001"), "{format}: {text}");
        assert!(!text.contains('\u{1b}'), "{format}: no colour with NO_COLOR");
    }
    let sarif = json(&mcpward(
        &["audit", ".", "-f", "sarif"],
        dir.path(),
        state.path(),
        dir.path(),
    ));
    assert_eq!(sarif["version"], "2.1.0");
    // Relative to the working directory, so code scanning can place the alert.
    let uri = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, ".cursor/mcp.json", "{sarif:#}");
}

#[test]
fn ignore_baseline_and_allow_suppress_and_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, ".cursor/mcp.json", RISKY);
    let state = fixed_state();
    let critical = |out: &std::process::Output| {
        json(out)["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "MW-FS-001" && f["severity"] == "critical")
            .map(|f| f["suppressed"]["kind"].as_str().unwrap_or("none").to_owned())
            .collect::<Vec<_>>()
    };

    // --ignore by name.
    let out = mcpward(
        &[
            "audit",
            ".",
            "-f",
            "json",
            "--fail-on",
            "critical",
            "--ignore",
            "filesystem-scope",
        ],
        d,
        state.path(),
        d,
    );
    assert_eq!(critical(&out), ["ignore"]);
    assert_eq!(out.status.code(), Some(0));

    // A baseline written now accepts exactly today's findings.
    let out = mcpward(&["audit", ".", "--write-baseline", "baseline.json"], d, state.path(), d);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = mcpward(
        &[
            "audit",
            ".",
            "-f",
            "json",
            "--fail-on",
            "info",
            "--baseline",
            "baseline.json",
        ],
        d,
        state.path(),
        d,
    );
    assert_eq!(critical(&out), ["baseline"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    // An inline allow with a reason, in ./mcpward.toml.
    write(
        d,
        "mcpward.toml",
        "[[allow]]\nrule = \"MW-FS-001\"\nserver = \"fs\"\nreason = \"throwaway VM\"\n",
    );
    let out = mcpward(
        &["audit", ".", "-f", "json", "--fail-on", "critical"],
        d,
        state.path(),
        d,
    );
    assert_eq!(critical(&out), ["allow"]);
    assert_eq!(out.status.code(), Some(0));

    // A broken mcpward.toml is a usage error that names the line.
    write(d, "mcpward.toml", "[[allow]]\nrule = \n");
    let out = mcpward(&["audit", "."], d, state.path(), d);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("mcpward.toml:2"), "{}", stderr(&out));
}

#[test]
fn rules_list_and_explain() {
    let dir = tempfile::tempdir().unwrap();
    let state = fixed_state();
    let out = mcpward(&["rules", "-f", "json"], dir.path(), state.path(), dir.path());
    let list = json(&out);
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    for id in [
        "MW-FS-001",
        "MW-SEC-001",
        "MW-SEC-002",
        "MW-SEC-003",
        "MW-NET-001",
        "MW-APR-001",
        "MW-CFG-001",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    let out = mcpward(
        &["rules", "explain", "filesystem-scope"],
        dir.path(),
        state.path(),
        dir.path(),
    );
    let text = stdout(&out);
    for part in ["## What it finds", "## Why it matters", "## Example", "## Fix"] {
        assert!(text.contains(part), "{part}: {text}");
    }
    let out = mcpward(
        &["rules", "explain", "MW-NOPE-999"],
        dir.path(),
        state.path(),
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
}

/// The bundled examples, as JSON and SARIF, compared with golden files. The
/// examples are copied out of the repository first (mode 0600, no git), so the
/// rules that depend on the checkout — git history, file modes — have nothing
/// to say and the golden is the same on every machine. `UPDATE_GOLDEN=1`
/// rewrites them.
#[test]
fn golden_examples() {
    let copy = tempfile::tempdir().unwrap();
    copy_tree(&repo_root().join("examples"), &copy.path().join("examples"));
    let state = fixed_state();
    let home = tempfile::tempdir().unwrap();
    for (format, file) in [("json", "examples.json"), ("sarif", "examples.sarif")] {
        let out = mcpward(
            &["audit", "examples/", "-f", format],
            home.path(),
            state.path(),
            copy.path(),
        );
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        // The version changes with every release; the golden should not.
        // Nor should the temporary directory SARIF names as its %SRCROOT%.
        let text = stdout(&out)
            .replace(env!("CARGO_PKG_VERSION"), "VERSION")
            .replace(&copy.path().display().to_string(), "/WORKDIR");
        assert!(
            !text.contains("secret-in-git") || format == "sarif",
            "a git-dependent finding leaked in"
        );
        let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(file);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&golden, &text).unwrap();
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_default();
        assert!(
            want == text,
            "{file} differs from the golden; rerun with UPDATE_GOLDEN=1 and review the diff"
        );
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&dest, std::fs::Permissions::from_mode(0o600)).unwrap();
            }
        }
    }
}

#[test]
fn no_raw_secret_reaches_any_output() {
    let root = repo_root();
    let state = fixed_state();
    let home = tempfile::tempdir().unwrap();
    let secrets = [
        "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",
        "sk_live_N5N1aE6PwZPf1Qh6yYTWmE4l",
        "S3cr3tPassw0rd!",
        "Zq3vT8pLx2Rw9Nc4Hs7Jb1Mf6Kd0Yg5Ua8Ee2Wi3",
        "k9Qm2Zt7Lw4Xp8Rv3Ns6Yb1C",
    ];
    for format in ["table", "json", "sarif", "markdown"] {
        let out = mcpward(&["audit", "examples/", "-f", format], home.path(), state.path(), &root);
        let all = format!("{}{}", stdout(&out), stderr(&out));
        for s in secrets {
            assert!(!all.contains(s), "{format} output contains a raw secret");
        }
    }
}

#[test]
fn checklist_command() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".cursor/mcp.json", RISKY);
    let state = fixed_state();
    let out = mcpward(
        &["checklist", "--path", ".", "-f", "json"],
        dir.path(),
        state.path(),
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1), "a failed item exits 1: {}", stderr(&out));
    let doc = json(&out);
    let servers = doc["servers"].as_array().unwrap();
    assert_eq!(servers.len(), 2);
    for s in servers {
        assert_eq!(s["items"].as_array().map(Vec::len), Some(8));
    }
    let out = mcpward(
        &["checklist", "time", "--path", "."],
        dir.path(),
        state.path(),
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("1. Maintainer is the underlying service"));
    let out = mcpward(
        &["checklist", "nope", "--path", "."],
        dir.path(),
        state.path(),
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn unwritable_output_and_baseline_are_runtime_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".cursor/mcp.json", RISKY);
    let state = fixed_state();
    // A directory that does not exist stands in for a full or read-only disk.
    for flag in ["--output", "--write-baseline"] {
        let out = mcpward(
            &["audit", ".", flag, "no/such/dir/file.json"],
            dir.path(),
            state.path(),
            dir.path(),
        );
        assert_eq!(out.status.code(), Some(2), "{flag}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("cannot write no/such/dir/file.json"),
            "{flag}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn auditing_another_home_writes_nothing_into_it() {
    let audited = tempfile::tempdir().unwrap();
    write(audited.path(), ".cursor/mcp.json", RISKY);
    let real_home = tempfile::tempdir().unwrap();
    let args = [
        "audit",
        "--home",
        audited.path().to_str().unwrap(),
        "--fail-on",
        "never",
    ];
    let out = command(&args, real_home.path(), real_home.path(), real_home.path())
        .env_remove("MCPWARD_HOME")
        .env_remove("XDG_DATA_HOME")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The key lives in the real user's state directory, not in the tree audited.
    assert!(real_home.path().join(".local/share/mcpward/fingerprint.key").is_file());
    let mut entries: Vec<_> = std::fs::read_dir(audited.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    entries.sort();
    assert_eq!(
        entries,
        [".cursor"],
        "nothing but the config should be in the audited home"
    );
}
