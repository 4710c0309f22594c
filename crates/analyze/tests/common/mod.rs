//! Helpers shared by the integration tests: configuration files parsed from
//! client-shaped text, rules run over them, and checks every rule test makes.

// Each test binary compiles this module and uses only part of it.
#![allow(dead_code)]

use mcpward_analyze::{find_rule, Context, Finding, RuleMeta, Severity};
use mcpward_config::parse::{parse_str, Format};
use mcpward_config::{clients, Client, ConfigFile, Scope};
use mcpward_detect::secrets::FingerprintKey;
use std::path::Path;

/// The home directory the rule tests run with.
pub const HOME: &str = "/Users/you";

/// Where Claude Desktop keeps its config under [`HOME`] on macOS.
pub const DESKTOP_PATH: &str = "/Users/you/Library/Application Support/Claude/claude_desktop_config.json";

pub fn key() -> FingerprintKey {
    FingerprintKey::new([7u8; 32])
}

/// `text` parsed as `client`'s config at `path`, as discovery builds it; parse
/// problems are kept in the file for the caller to look at.
pub fn parse_config(client: Client, scope: Scope, path: &Path, format: Format, text: &str) -> ConfigFile {
    let node = parse_str(format, text).expect("test config parses");
    let x = clients::extract(client, scope, path, &node);
    ConfigFile {
        path: path.to_path_buf(),
        client,
        scope,
        format,
        servers: x.servers,
        settings: x.settings,
        problems: x.problems,
    }
}

/// [`parse_config`] of a config that must have no problems.
pub fn config(client: Client, scope: Scope, path: &Path, format: Format, text: &str) -> ConfigFile {
    let file = parse_config(client, scope, path, format, text);
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    file
}

/// The findings of one rule (by id or name) over `files`.
pub fn run(rule: &str, files: &[ConfigFile], home: &Path) -> Vec<Finding> {
    let rule = find_rule(rule).unwrap_or_else(|| panic!("rule {rule} is registered"));
    let k = key();
    let cx = Context::new(files, home, &k);
    let mut out = Vec::new();
    rule.check(&cx, &mut out);
    out
}

/// [`run`] over one file, with [`HOME`] as the home directory.
pub fn run1(rule: &str, file: ConfigFile) -> Vec<Finding> {
    run(rule, &[file], Path::new(HOME))
}

pub fn severities(f: &[Finding]) -> Vec<Severity> {
    f.iter().map(|f| f.severity).collect()
}

/// No finding shows `raw` anywhere a user or a log could see it.
pub fn assert_no_leak(findings: &[Finding], raw: &str) {
    for f in findings {
        let json = serde_json::to_string(f).expect("finding serialises");
        assert!(!json.contains(raw), "raw secret leaked in {json}");
        assert!(!f.message.contains(raw) && !f.fix.contains(raw) && !f.fingerprint.contains(raw));
        assert!(!f.evidence.as_deref().unwrap_or("").contains(raw));
    }
}

/// The rule doc has the four parts `mcpward rules explain` shows.
pub fn assert_four_part_doc(meta: &RuleMeta) {
    for part in ["## What it finds", "## Why it matters", "## Example", "## Fix"] {
        assert!(meta.doc.contains(part), "{} doc lacks {part}", meta.id);
    }
}
