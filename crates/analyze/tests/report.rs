//! Reporters and suppression, end to end: golden files for every format (set
//! `UPDATE_GOLDEN=1` to rewrite them), the JSON and SARIF contracts, escaping,
//! and each way of accepting a finding.

use mcpward_analyze::report::{render, OutputFormat, RenderOptions, Report};
use mcpward_analyze::suppress::{self, Allow, Baseline, Error as SuppressError};
use mcpward_analyze::{Category, ChecklistItem, Finding, FindingBuilder, RuleMeta, Severity};
use mcpward_config::{Client, ConfigFile, Format, Located, Pos, Scope, ServerEntry, Transport, TrustSettings};
use serde_json::Value;
use std::path::{Path, PathBuf};

const HOME: &str = "/home/user";
/// A well-formed (fake) GitHub token: it must never appear in any output.
const TOKEN: &str = "ghp_0123456789abcdefghijABCDEFGHIJklmnop";
const URL_PASSWORD: &str = "hunter2hunter2";
const URL_TOKEN: &str = "abc123def456ghi789";
const HEADER_SECRET: &str = "Zx9vQ2mLp0Rt7YwK3sJd";
const TODAY: suppress::Date = (2026, 3, 1);

macro_rules! meta {
    ($name:ident, $id:literal, $rname:literal, $cat:expr, $sev:expr, $check:expr) => {
        static $name: RuleMeta = RuleMeta {
            id: $id,
            name: $rname,
            category: $cat,
            severity: $sev,
            summary: concat!("Test rule ", $id),
            checklist: $check,
            doc: concat!("## What it finds\nTest rule ", $id, ".\n\n## Fix\nNothing."),
        };
    };
}

meta!(
    SEC,
    "MW-TEST-SEC",
    "test-secret",
    Category::HardcodedSecret,
    Severity::Critical,
    Some(ChecklistItem::TokenViaReference)
);
meta!(
    EXPIRY,
    "MW-TEST-EXP",
    "test-expiry",
    Category::TokenRotation,
    Severity::High,
    None
);
meta!(
    FS,
    "MW-TEST-FS",
    "test-fs",
    Category::FilesystemScope,
    Severity::High,
    Some(ChecklistItem::FilesystemSingleProject)
);
meta!(
    NET,
    "MW-TEST-NET",
    "test-net",
    Category::InsecureTransport,
    Severity::Medium,
    None
);
meta!(
    AUTO,
    "MW-TEST-AUTO",
    "test-auto",
    Category::AutoApprove,
    Severity::Low,
    None
);
meta!(
    CFG,
    "MW-TEST-CFG",
    "test-cfg",
    Category::ParseError,
    Severity::Medium,
    None
);
meta!(
    INFO,
    "MW-TEST-INFO",
    "test-info",
    Category::ReadOnlyAvailable,
    Severity::Info,
    Some(ChecklistItem::ReadOnlyMode)
);
meta!(
    ROT,
    "MW-TEST-ROT",
    "test-rotation",
    Category::TokenRotation,
    Severity::Low,
    Some(ChecklistItem::RotationReminder)
);

fn home() -> &'static Path {
    Path::new(HOME)
}

fn text(s: &str, line: u32, col: u32) -> Located<String> {
    Located::new(s.to_owned(), Pos::new(line, col))
}

fn stdio(cmd: &str, args: &[&str], env: &[(&str, &str)]) -> Transport {
    Transport::Stdio {
        command: Some(text(cmd, 1, 1)),
        args: args.iter().map(|a| text(a, 1, 1)).collect(),
        env: env.iter().map(|(k, v)| (text(k, 1, 1), text(v, 1, 1))).collect(),
        cwd: None,
        env_files: Vec::new(),
    }
}

fn entry(client: Client, scope: Scope, file: &str, line: u32, name: &str, transport: Transport) -> ServerEntry {
    ServerEntry {
        client,
        scope,
        file: PathBuf::from(file),
        pos: Pos::new(line, 5),
        name: name.to_owned(),
        project: None,
        transport,
        disabled: false,
        trust: TrustSettings::default(),
    }
}

const CLAUDE: &str = "/home/user/.config/Claude/claude_desktop_config.json";
const CURSOR: &str = "/home/user/project/.cursor/mcp.json";
const VSCODE: &str = "/home/user/project/.vscode/mcp.json";
/// A server name written to attack the reader: terminal escapes, Markdown, HTML.
const EVIL: &str = "\u{1b}[2Jnotes|`x`<b>";

fn files() -> Vec<ConfigFile> {
    let claude = vec![
        entry(
            Client::ClaudeDesktop,
            Scope::User,
            CLAUDE,
            3,
            "github",
            stdio(
                "npx",
                &["-y", "@modelcontextprotocol/server-github"],
                &[("GITHUB_PERSONAL_ACCESS_TOKEN", TOKEN)],
            ),
        ),
        entry(
            Client::ClaudeDesktop,
            Scope::User,
            CLAUDE,
            10,
            "filesystem",
            stdio(
                "npx",
                &["-y", "@modelcontextprotocol/server-filesystem", "/home/user"],
                &[],
            ),
        ),
        entry(
            Client::ClaudeDesktop,
            Scope::User,
            CLAUDE,
            15,
            "fetch",
            stdio("uvx", &["mcp-server-fetch"], &[]),
        ),
        entry(
            Client::ClaudeDesktop,
            Scope::User,
            CLAUDE,
            19,
            "time",
            stdio("uvx", &["mcp-server-time", "--local-timezone", "Europe/Paris"], &[]),
        ),
    ];
    let cursor = vec![
        entry(
            Client::Cursor,
            Scope::Project,
            CURSOR,
            4,
            "remote",
            Transport::Http {
                url: text(
                    &format!("https://deploy:{URL_PASSWORD}@mcp.example.com/mcp?token={URL_TOKEN}&region=eu"),
                    5,
                    14,
                ),
                headers: vec![(
                    text("Authorization", 6, 7),
                    text(&format!("Bearer {HEADER_SECRET}"), 6, 24),
                )],
                sse: None,
            },
        ),
        entry(
            Client::Cursor,
            Scope::Project,
            CURSOR,
            9,
            EVIL,
            stdio("node", &["notes.js", &format!("--token={TOKEN}")], &[]),
        ),
    ];
    let mut db = entry(
        Client::VsCode,
        Scope::Project,
        VSCODE,
        2,
        "db",
        stdio("docker", &["run", "-i", "db-mcp"], &[]),
    );
    db.disabled = true;
    let file = |path: &str, client, scope, servers| ConfigFile {
        path: PathBuf::from(path),
        client,
        scope,
        format: Format::Json,
        servers,
        settings: Vec::new(),
        problems: Vec::new(),
    };
    vec![
        file(CLAUDE, Client::ClaudeDesktop, Scope::User, claude),
        file(CURSOR, Client::Cursor, Scope::Project, cursor),
        file(VSCODE, Client::VsCode, Scope::Project, vec![db]),
    ]
}

fn find<'a>(files: &'a [ConfigFile], name: &str) -> &'a ServerEntry {
    files
        .iter()
        .flat_map(|f| f.servers.iter())
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("fixture has no server {name}"))
}

fn findings(files: &[ConfigFile]) -> Vec<Finding> {
    let h = home();
    let s = |n| find(files, n);
    vec![
        FindingBuilder::new(&SEC, "A GitHub personal access token is written into the config")
            .server(s("github"))
            .at(Pos::new(7, 41))
            .evidence("GITHUB_PERSONAL_ACCESS_TOKEN=ghp_…mnop (github-pat, fp:3f9c1e)")
            .fix("Move the token out of the file: reference it as ${env:GITHUB_PERSONAL_ACCESS_TOKEN}.")
            .identity("GITHUB_PERSONAL_ACCESS_TOKEN")
            .finish(h),
        FindingBuilder::new(&EXPIRY, "The token has no expiry date")
            .server(s("github"))
            .at(Pos::new(7, 41))
            .fix("Re-issue the token with a 90-day expiry.")
            .identity("GITHUB_PERSONAL_ACCESS_TOKEN")
            .finish(h),
        FindingBuilder::new(
            &FS,
            "The filesystem server can read and write your whole home directory, which includes SSH keys, \
             browser profiles and every other project you have ever checked out",
        )
        .server(s("filesystem"))
        .at(Pos::new(12, 9))
        .evidence("/home/user")
        .fix("Point it at one project directory, e.g. ~/code/this-project.")
        .identity("/home/user")
        .finish(h),
        FindingBuilder::new(&NET, "The URL carries credentials in its user info")
            .server(s("remote"))
            .at(Pos::new(5, 14))
            .evidence("https://deploy:…@mcp.example.com/mcp")
            .fix("Send credentials in a header from an input variable instead.")
            .finish(h),
        FindingBuilder::new(&NET, "The server is reached over plain HTTP")
            .server(s("fetch"))
            .severity(Severity::High)
            .fix("Use https.")
            .finish(h),
        FindingBuilder::new(&AUTO, "Tools run without confirmation: write_file | `rm -rf` <script>")
            .server(s(EVIL))
            .at(Pos::new(11, 7))
            .tool("write_file")
            .evidence("\"alwaysAllow\": [\"write_file\"] | `x`")
            .fix("Remove write_file from alwaysAllow.")
            .finish(h),
        FindingBuilder::new(&CFG, "Unexpected token `}` in the config")
            .file(&files[1])
            .at(Pos::new(20, 3))
            .evidence("}")
            .fix("Correct the syntax at the line shown.")
            .finish(h),
        FindingBuilder::new(&INFO, "This server offers a read-only mode")
            .server(s("db"))
            .fix("Pass --read-only.")
            .finish(h),
        FindingBuilder::new(&ROT, "The token was first seen 120 days ago")
            .server(s("remote"))
            .at(Pos::new(6, 24))
            .fix("Rotate it and set a 90-day reminder.")
            .finish(h),
    ]
}

const ALLOWS: &str = r#"# mcpward's own config
[[allow]]
rule = "MW-TEST-NET"
server = "fetch"
client = "claude-desktop"
reason = "internal mirror | only reachable over the VPN"

[[allow]]
rule = "MW-TEST-AUTO"
reason = "was a demo"
expires = 2026-02-01
"#;

fn allows() -> Vec<Allow> {
    match suppress::parse_allows(ALLOWS, Path::new("mcpward.toml")) {
        Ok(a) => a,
        Err(e) => panic!("fixture allows: {e}"),
    }
}

/// The fixed report every golden file is rendered from.
fn fixture() -> Report {
    let files = files();
    let mut all = findings(&files);
    let baseline = Baseline {
        version: 1,
        findings: vec![suppress::BaselineEntry {
            fingerprint: all[1].fingerprint.clone(),
            rule: all[1].rule.to_owned(),
            server: Some("github".into()),
            reason: Some("token is re-issued quarterly by the platform team".into()),
        }],
    };
    let rep = suppress::apply(&mut all, &["mw-test-rot".into()], Some(&baseline), &allows(), TODAY);
    assert_eq!((rep.ignored, rep.allowed, rep.baselined), (1, 1, 1), "{rep:?}");
    all.extend(rep.findings);
    let mut report = Report::new(
        &files,
        all,
        vec!["could not read /home/user/.codeium/windsurf/mcp_config.json: permission denied".into()],
        home(),
    );
    // Goldens must not change with every release.
    report.version = "0.0.0-test".into();
    report
}

fn opts() -> RenderOptions<'static> {
    RenderOptions::new(home())
}

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        }
        std::fs::write(&path, actual).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1 to create it)", path.display()));
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from the golden file at line {}:\n  golden: {:?}\n  actual: {:?}\n\
             (if the change is intended, rerun with UPDATE_GOLDEN=1 and review the diff)\n--- actual ---\n{actual}",
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line),
        );
    }
}

fn parse(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON: {e}\n{s}"))
}

/// The SARIF golden keeps only the rules the results use: every registered rule
/// is listed in real output, and the list grows with every new rule.
fn sarif_for_golden(s: &str) -> String {
    let mut v = parse(s);
    let used: Vec<String> = v["runs"][0]["results"]
        .as_array()
        .map(|r| {
            r.iter()
                .filter_map(|r| r["ruleId"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    if let Some(rules) = v["runs"][0]["tool"]["driver"]["rules"].as_array_mut() {
        rules.retain(|r| r["id"].as_str().is_some_and(|id| used.iter().any(|u| u == id)));
    }
    if let Some(results) = v["runs"][0]["results"].as_array_mut() {
        for r in results {
            if let Some(o) = r.as_object_mut() {
                o.remove("ruleIndex");
            }
        }
    }
    format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
}

// ---------------------------------------------------------------------------
// Golden files

#[test]
fn golden_json() {
    golden("report.json", &render(&fixture(), OutputFormat::Json, &opts()));
}

#[test]
fn golden_sarif() {
    let mut o = opts();
    o.sarif_base = Some(PathBuf::from("/home/user/project"));
    golden(
        "report.sarif",
        &sarif_for_golden(&render(&fixture(), OutputFormat::Sarif, &o)),
    );
}

#[test]
fn golden_markdown() {
    golden("report.md", &render(&fixture(), OutputFormat::Markdown, &opts()));
}

#[test]
fn golden_table() {
    golden("report.txt", &render(&fixture(), OutputFormat::Table, &opts()));
}

// ---------------------------------------------------------------------------
// Contracts

#[test]
fn no_secret_in_any_format() {
    let report = fixture();
    let mut o = opts();
    o.color = true;
    for format in OutputFormat::ALL {
        let out = render(&report, format, &o);
        for secret in [TOKEN, URL_PASSWORD, URL_TOKEN, HEADER_SECRET] {
            assert!(!out.contains(secret), "{format} output contains {secret}:\n{out}");
        }
    }
    // The env var and header are still named.
    let json = parse(&render(&report, OutputFormat::Json, &o));
    let github = json["servers"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["name"] == "github"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(github["env"], serde_json::json!(["GITHUB_PERSONAL_ACCESS_TOKEN"]));
    let remote = json["servers"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["name"] == "remote"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(remote["headers"], serde_json::json!(["Authorization"]));
    assert!(remote["url"]
        .as_str()
        .is_some_and(|u| u.contains("region=eu") && u.contains("deploy:")));
}

#[test]
fn json_contract_keys() {
    let v = parse(&render(&fixture(), OutputFormat::Json, &opts()));
    let top = v
        .as_object()
        .map(|o| o.keys().cloned().collect::<Vec<_>>())
        .unwrap_or_default();
    assert_eq!(&top[..4], ["version", "findings", "servers", "errors"], "{top:?}");
    assert!(v["errors"].as_array().is_some_and(|e| e.len() == 1));
    let findings = v["findings"].as_array().cloned().unwrap_or_default();
    assert!(findings.len() >= 9);
    for f in &findings {
        for key in [
            "rule",
            "category",
            "severity",
            "client",
            "server",
            "file",
            "line",
            "message",
            "evidence",
            "fix",
            "checklist",
        ] {
            assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
        }
        let sev = f["severity"].as_str().unwrap_or("");
        assert!(Severity::parse(sev).is_some(), "severity {sev}");
        let cat = f["category"].as_str().unwrap_or("");
        assert!(Category::ALL.iter().any(|c| c.as_str() == cat), "category {cat}");
    }
    assert!(findings.iter().any(|f| f["tool"] == "write_file"));
    assert!(findings.iter().any(|f| f["checklist"] == "token-via-reference"));
    let sec = findings
        .iter()
        .find(|f| f["rule"] == "MW-TEST-SEC")
        .cloned()
        .unwrap_or_default();
    assert_eq!(sec["client"], "claude-desktop");
    assert_eq!(sec["file"], CLAUDE);
    assert_eq!(sec["line"], 7);
    // Summary counts unsuppressed findings only.
    assert_eq!(v["summary"]["suppressed"], 3);
    assert_eq!(v["summary"]["critical"], 1);
    assert_eq!(v["summary"]["servers"], 7);
    assert_eq!(v["summary"]["files"], 3);
    let servers = v["servers"].as_array().cloned().unwrap_or_default();
    for key in [
        "client",
        "scope",
        "file",
        "line",
        "name",
        "transport",
        "command",
        "url",
        "env",
        "disabled",
        "project",
    ] {
        assert!(servers.iter().all(|s| s.get(key).is_some()), "server lacks {key}");
    }
}

#[test]
fn sarif_structure() {
    let report = fixture();
    let mut o = opts();
    o.sarif_base = Some(PathBuf::from("/home/user/project"));
    let v = parse(&render(&report, OutputFormat::Sarif, &o));
    assert_eq!(v["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
    assert_eq!(v["version"], "2.1.0");
    let runs = v["runs"].as_array().cloned().unwrap_or_default();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "mcpward");
    assert!(driver["informationUri"]
        .as_str()
        .is_some_and(|u| u.starts_with("https://")));
    assert_eq!(driver["semanticVersion"], "0.0.0-test");

    let rules = driver["rules"].as_array().cloned().unwrap_or_default();
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "duplicate rule ids: {ids:?}");
    // Every registered rule is described from its doc, with GitHub's severity score.
    for r in mcpward_analyze::rules::all() {
        let m = r.meta();
        let d = rules.iter().find(|d| d["id"] == m.id).cloned().unwrap_or_default();
        assert_eq!(d["shortDescription"]["text"], m.summary, "{}", m.id);
        assert_eq!(d["help"]["markdown"], m.doc, "{}", m.id);
        assert!(d["fullDescription"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        if m.severity > Severity::Info {
            let score: f64 = d["properties"]["security-severity"]
                .as_str()
                .unwrap_or("x")
                .parse()
                .unwrap_or(-1.0);
            assert!((0.1..=10.0).contains(&score), "{}: {score}", m.id);
            assert!(d["properties"]["tags"]
                .as_array()
                .is_some_and(|t| t.iter().any(|t| t == "security")));
        }
    }
    for d in &rules {
        let level = d["defaultConfiguration"]["level"].as_str().unwrap_or("");
        assert!(["error", "warning", "note"].contains(&level));
    }

    let results = run["results"].as_array().cloned().unwrap_or_default();
    assert_eq!(results.len(), report.findings.len());
    for (r, f) in results.iter().zip(&report.findings) {
        assert_eq!(r["ruleId"], f.rule);
        let idx = r["ruleIndex"].as_u64().unwrap_or(u64::MAX) as usize;
        assert_eq!(
            rules.get(idx).map(|d| &d["id"]),
            Some(&r["ruleId"]),
            "ruleIndex of {}",
            f.rule
        );
        let want = match f.severity {
            Severity::Critical | Severity::High => "error",
            Severity::Medium => "warning",
            Severity::Low | Severity::Info => "note",
        };
        assert_eq!(r["level"], want);
        assert!(r["message"]["text"].as_str().is_some_and(|t| t.starts_with(&f.message)));
        assert_eq!(r["partialFingerprints"]["mcpward/v1"], f.fingerprint.as_str());
        let loc = &r["locations"][0]["physicalLocation"];
        assert!(loc["region"]["startLine"].as_u64().is_some_and(|l| l >= 1), "{r}");
        assert!(loc["artifactLocation"]["uri"].as_str().is_some_and(|u| !u.is_empty()));
        assert_eq!(r["suppressions"].is_array(), f.suppressed.is_some(), "{r}");
        if f.suppressed.is_some() {
            assert_eq!(r["suppressions"][0]["kind"], "external");
            assert!(r["suppressions"][0]["justification"]
                .as_str()
                .is_some_and(|j| !j.is_empty()));
        }
        assert_eq!(r["properties"]["category"], f.category.as_str());
    }
    // Inside the base: relative with %SRCROOT%; outside it: an absolute file:// URI.
    let uri_of = |rule: &str| {
        results
            .iter()
            .find(|r| r["ruleId"] == rule)
            .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"].clone())
            .unwrap_or_default()
    };
    assert_eq!(uri_of("MW-TEST-CFG")["uri"], ".cursor/mcp.json");
    assert_eq!(uri_of("MW-TEST-CFG")["uriBaseId"], "%SRCROOT%");
    assert_eq!(
        uri_of("MW-TEST-SEC")["uri"],
        "file:///home/user/.config/Claude/claude_desktop_config.json"
    );
    assert!(uri_of("MW-TEST-SEC").get("uriBaseId").is_none());
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        "file:///home/user/project/"
    );
    // The error is a tool notification, not a result.
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);

    // Without a base, absolute paths are absolute URIs; a relative path stays relative.
    let v = parse(&render(&report, OutputFormat::Sarif, &opts()));
    for r in v["runs"][0]["results"].as_array().cloned().unwrap_or_default() {
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].clone();
        if r["ruleId"] == "MW-ALW-001" {
            assert_eq!(uri, "mcpward.toml");
        } else {
            assert!(
                uri.as_str().is_some_and(|u| u.starts_with("file:///home/user/")),
                "{uri}"
            );
        }
    }
}

#[test]
fn sarif_fingerprints_survive_line_changes() {
    let files = files();
    let github = find(&files, "github");
    let at = |line: u32, server: &ServerEntry| {
        let f = FindingBuilder::new(&SEC, "token in config")
            .server(server)
            .at(Pos::new(line, 3))
            .identity("GITHUB_PERSONAL_ACCESS_TOKEN")
            .finish(home());
        let v = parse(&render(
            &Report::new(&files, vec![f], Vec::new(), home()),
            OutputFormat::Sarif,
            &opts(),
        ));
        let r = &v["runs"][0]["results"][0];
        (
            r["partialFingerprints"]["mcpward/v1"].as_str().unwrap_or("").to_owned(),
            r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64(),
        )
    };
    let (fp7, line7) = at(7, github);
    let (fp30, line30) = at(30, github);
    assert_eq!((line7, line30), (Some(7), Some(30)));
    assert!(!fp7.is_empty());
    assert_eq!(fp7, fp30, "moving a finding must not change its fingerprint");
    let (other, _) = at(7, find(&files, "filesystem"));
    assert_ne!(fp7, other, "a different server is a different finding");
}

#[test]
fn markdown_escapes_hostile_text() {
    let md = render(&fixture(), OutputFormat::Markdown, &opts());
    assert!(!md.contains('\u{1b}'), "raw escape in markdown");
    assert!(!md.contains("<script>"), "raw HTML in markdown:\n{md}");
    // `<b>` only inside the code span of the server name, where it is literal text.
    for line in md.lines().filter(|l| l.contains("<b>")) {
        assert!(line.contains("``\\u{1b}[2Jnotes|`x`<b>``"), "{line}");
    }
    assert!(md.contains(r"write\_file \| \`rm -rf\` \<script\>"), "{md}");
    // The server name is a code span whose fence outgrows its backticks.
    assert!(md.contains("``\\u{1b}[2Jnotes|`x`<b>``"), "{md}");
    // In the suppressed table a pipe inside the reason is escaped, so the row keeps its cells.
    let row = md
        .lines()
        .find(|l| l.contains("internal mirror"))
        .unwrap_or_else(|| panic!("no allow row:\n{md}"));
    assert!(row.contains(r"internal mirror \| only"), "{row}");
    let cells = row.replace(r"\|", "").matches('|').count();
    assert_eq!(cells, 8, "{row}");
}

#[test]
fn table_colour_only_on_request_and_never_from_input() {
    let report = fixture();
    let plain = render(&report, OutputFormat::Table, &opts());
    assert!(!plain.contains('\u{1b}'), "{plain}");
    let mut o = opts();
    o.color = true;
    let colored = render(&report, OutputFormat::Table, &o);
    assert!(colored.contains("\u{1b}[1;97;41mCRITICAL"), "{colored}");
    assert!(
        !colored.contains("\u{1b}[2J"),
        "a config value reached the terminal raw"
    );
    assert!(colored.contains("\\u{1b}[2Jnotes"));
}

#[test]
fn table_summary_and_hint() {
    let report = fixture();
    let out = render(&report, OutputFormat::Table, &opts());
    assert!(
        out.contains("7 findings (1 critical, 1 high, 2 medium, 1 low, 2 info), 3 suppressed; 7 servers in 3 files"),
        "{out}"
    );
    assert!(out.contains("2 findings at or above high"), "{out}");
    let mut o = opts();
    o.fail_on = Severity::Critical;
    assert!(render(&report, OutputFormat::Table, &o).contains("1 finding at or above critical"));
    // No findings at all: no hint.
    let empty = Report::new(&files(), Vec::new(), Vec::new(), home());
    let out = render(&empty, OutputFormat::Table, &opts());
    assert!(out.contains("0 findings, 0 suppressed; 7 servers in 3 files"), "{out}");
    assert!(!out.contains("at or above"));
    assert!(out.contains("no findings"));
}

// ---------------------------------------------------------------------------
// Suppression

fn fresh() -> Vec<Finding> {
    findings(&files())
}

fn by_rule<'a>(fs: &'a [Finding], rule: &str, server: &str) -> &'a Finding {
    fs.iter()
        .find(|f| f.rule == rule && f.server.as_deref() == Some(server))
        .unwrap_or_else(|| panic!("no {rule} on {server}"))
}

#[test]
fn ignore_by_id_or_name() {
    let mut fs = fresh();
    let rep = suppress::apply(&mut fs, &["mw-test-fs".into()], None, &[], TODAY);
    assert_eq!(rep.ignored, 1);
    let f = by_rule(&fs, "MW-TEST-FS", "filesystem");
    assert_eq!(f.suppressed.as_ref().map(|s| s.kind.as_str()), Some("ignore"));
    assert!(fs
        .iter()
        .filter(|f| f.rule != "MW-TEST-FS")
        .all(|f| f.suppressed.is_none()));

    // A registered rule by its name.
    let parse_error = FindingBuilder::new(
        mcpward_analyze::find_rule("MW-CFG-001")
            .map(|r| r.meta())
            .unwrap_or(&CFG),
        "x",
    )
    .path(PathBuf::from(CURSOR))
    .finish(home());
    let mut fs = vec![parse_error];
    let rep = suppress::apply(
        &mut fs,
        &["parse-error".into(), "no-such-rule".into()],
        None,
        &[],
        TODAY,
    );
    assert_eq!(rep.ignored, 1);
    assert!(fs[0].suppressed.is_some());
    assert_eq!(rep.unknown_ignores, vec!["no-such-rule".to_owned()]);
}

#[test]
fn allow_matches_rule_server_client_fingerprint() {
    let toml = r#"
[[allow]]
rule = "MW-TEST-FS"
server = "filesystem"
client = "cursor"          # wrong client: must not match
reason = "no"

[[allow]]
rule = "MW-TEST-FS"
server = "filesystem"
client = "claude-desktop"
fingerprint = "0000"       # wrong fingerprint: must not match
reason = "no"

[[allow]]
rule = "mw-test-fs"
server = "filesystem"
reason = "sandboxed by the OS"
expires = "2026-03-02"
"#;
    let allows = suppress::parse_allows(toml, Path::new("mcpward.toml")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(allows.iter().map(|a| a.line).collect::<Vec<_>>(), vec![2, 8, 15]);
    let mut fs = fresh();
    let rep = suppress::apply(&mut fs, &[], None, &allows, TODAY);
    assert_eq!(rep.allowed, 1);
    let f = by_rule(&fs, "MW-TEST-FS", "filesystem");
    let s = f.suppressed.clone().unwrap_or_else(|| panic!("not suppressed"));
    assert_eq!(s.kind, "allow");
    assert_eq!(s.source.as_deref(), Some("mcpward.toml:15"));
    assert_eq!(s.reason.as_deref(), Some("sandboxed by the OS"));
    // The two that did not match are reported as unused, with their lines.
    assert_eq!(rep.unmatched.iter().map(|a| a.line).collect::<Vec<_>>(), vec![2, 8]);
    let unused: Vec<&Finding> = rep.findings.iter().filter(|f| f.rule == "MW-ALW-002").collect();
    assert_eq!(unused.len(), 2);
    assert_eq!(unused[0].severity, Severity::Info);
    assert_eq!(unused[0].line, Some(2));
    assert_eq!(unused[0].file.as_deref(), Some(Path::new("mcpward.toml")));
    assert!(!suppress::exit_worthy(&rep.findings, Severity::Low));

    // The right fingerprint matches.
    let fp = by_rule(&fresh(), "MW-TEST-FS", "filesystem").fingerprint.clone();
    let toml = format!("[[allow]]\nrule = \"MW-TEST-FS\"\nfingerprint = \"{fp}\"\nreason = \"ok\"\n");
    let allows = suppress::parse_allows(&toml, Path::new("mcpward.toml")).unwrap_or_else(|e| panic!("{e}"));
    let mut fs = fresh();
    let rep = suppress::apply(&mut fs, &[], None, &allows, TODAY);
    assert_eq!((rep.allowed, rep.unmatched.len()), (1, 0));
}

#[test]
fn expired_allow_no_longer_applies() {
    let toml =
        "[[allow]]\nrule = \"MW-TEST-FS\"\nserver = \"filesystem\"\nreason = \"temporary\"\nexpires = \"2026-03-01\"\n";
    let allows = suppress::parse_allows(toml, Path::new("mcpward.toml")).unwrap_or_else(|e| panic!("{e}"));
    // The day before: in force.
    let mut fs = fresh();
    let rep = suppress::apply(&mut fs, &[], None, &allows, (2026, 2, 28));
    assert_eq!((rep.allowed, rep.expired.len()), (1, 0));
    assert!(rep.findings.is_empty());
    // On the day: expired; the finding counts again and an info finding says why.
    let mut fs = fresh();
    let rep = suppress::apply(&mut fs, &[], None, &allows, TODAY);
    assert_eq!((rep.allowed, rep.expired.len(), rep.unmatched.len()), (0, 1, 0));
    assert!(by_rule(&fs, "MW-TEST-FS", "filesystem").suppressed.is_none());
    assert!(suppress::exit_worthy(&fs, Severity::High));
    assert_eq!(rep.findings.len(), 1);
    let info = &rep.findings[0];
    assert_eq!(
        (info.rule, info.severity, info.line),
        ("MW-ALW-001", Severity::Info, Some(1))
    );
    assert!(info.message.contains("expired on 2026-03-01"), "{}", info.message);
    assert!(
        info.message.contains("1 finding it covered reported again"),
        "{}",
        info.message
    );
    // And it can itself be ignored.
    let mut fs = fresh();
    let rep = suppress::apply(&mut fs, &["allow-expired".into()], None, &allows, TODAY);
    assert!(rep.findings[0].suppressed.is_some());
    assert!(rep.unknown_ignores.is_empty());
}

#[test]
fn baseline_round_trip() {
    let mut fs = fresh();
    let mut doubled = fs.clone();
    doubled.extend(fs.clone());
    let text = suppress::write_baseline(&doubled);
    assert!(text.ends_with("}\n"));
    let b = suppress::load_baseline(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(b.version, 1);
    assert_eq!(b.findings.len(), fs.len(), "one entry per fingerprint");
    assert!(b
        .findings
        .iter()
        .all(|e| !e.fingerprint.is_empty() && !e.rule.is_empty()));
    // Written twice, the same text (stable order for diffs).
    assert_eq!(suppress::write_baseline(&fs), text);

    let rep = suppress::apply(&mut fs, &[], Some(&b), &[], TODAY);
    assert_eq!(rep.baselined, fs.len());
    assert!(fs
        .iter()
        .all(|f| f.suppressed.as_ref().is_some_and(|s| s.kind == "baseline")));
    assert!(!suppress::exit_worthy(&fs, Severity::Info));
    assert_eq!(rep.stale_baseline, 0);

    // A new problem is not in the baseline; a fixed one leaves a stale entry.
    let mut fs = fresh();
    fs.remove(0);
    let extra = FindingBuilder::new(&SEC, "another token")
        .server(find(&files(), "time"))
        .identity("OTHER")
        .finish(home());
    fs.push(extra);
    let rep = suppress::apply(&mut fs, &[], Some(&b), &[], TODAY);
    assert_eq!(rep.stale_baseline, 1);
    assert!(fs.last().is_some_and(|f| f.suppressed.is_none()));
    assert!(suppress::exit_worthy(&fs, Severity::Critical));
}

#[test]
fn suppression_order_and_exit() {
    // Ignored and allowed and baselined at once: the first way wins, counted once.
    let mut fs = fresh();
    let b = suppress::load_baseline(&suppress::write_baseline(&fs)).unwrap_or_else(|e| panic!("{e}"));
    let allows = suppress::parse_allows(
        "[[allow]]\nrule = \"MW-TEST-SEC\"\nreason = \"r\"\n",
        Path::new("mcpward.toml"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let rep = suppress::apply(&mut fs, &["MW-TEST-FS".into()], Some(&b), &allows, TODAY);
    assert_eq!(rep.ignored + rep.allowed + rep.baselined, fs.len());
    assert_eq!((rep.ignored, rep.allowed), (1, 1));
    assert_eq!(
        by_rule(&fs, "MW-TEST-SEC", "github")
            .suppressed
            .as_ref()
            .map(|s| s.kind.as_str()),
        Some("allow")
    );
    assert!(!suppress::exit_worthy(&fs, Severity::Info));
    assert!(suppress::exit_worthy(&fresh(), Severity::High));
    assert!(
        !suppress::exit_worthy(&fresh()[7..8], Severity::Low),
        "an info finding is below low"
    );
}

#[test]
fn bad_baseline_is_an_error_with_its_line() {
    let cases: &[(&str, usize, &str)] = &[
        ("{\n  \"version\": 1,\n  \"findings\": [\n    {\"fingerprint\": \"ab\" \"rule\": \"x\"}\n  ]\n}\n", 4, "expected"),
        ("{\n  \"version\": 2,\n  \"findings\": []\n}\n", 2, "version 2"),
        ("{\n  \"version\": 1,\n  \"findings\": [\n    {\"fingerprint\": \"ab\", \"rule\": \"x\", \"extra\": 1}\n  ]\n}\n", 4, "unknown field"),
        ("{\"version\": 1,\n\"findings\": [{\"fingerprint\": \"x\", \"rule\": \"r\"},\n{\"fingerprint\": \" \", \"rule\": \"r\"}]}", 3, "empty fingerprint"),
        ("", 1, "EOF"),
    ];
    for (text, line, needle) in cases {
        let err = suppress::load_baseline(text)
            .err()
            .unwrap_or_else(|| panic!("accepted: {text}"));
        let got = match &err {
            SuppressError::Syntax { line, .. } | SuppressError::Invalid { line, .. } => *line,
            SuppressError::TooLarge { .. } => 0,
        };
        assert_eq!(got, *line, "{err}");
        assert!(err.to_string().contains(needle), "{err}");
        assert!(err.to_string().starts_with("mcpward-baseline.json:"), "{err}");
    }
}

#[test]
fn bad_config_is_an_error_with_its_line() {
    let cases: &[(&str, usize, &str)] = &[
        ("[[allow]]\nrule = \"X\"\nreason = \"r\n", 3, ""),
        ("# c\n\n[[allow]]\nrule = \"X\"\nserver = \"s\"\n", 3, "reason"),
        (
            "[[allow]]\nrule = \"X\"\nreason = \"r\"\n\n[[allow]]\nrulle = \"X\"\nreason = \"r\"\n",
            6,
            "rulle",
        ),
        (
            "[[allow]]\nrule = \"X\"\nreason = \"r\"\nclient = \"notepad\"\n",
            1,
            "unknown client",
        ),
        (
            "[[allow]]\nrule = \"X\"\nreason = \"r\"\nexpires = \"2027-02-30\"\n",
            1,
            "expires",
        ),
        (
            "[[allow]]\nrule = \"X\"\nreason = \"r\"\nexpires = 2027-01-01T10:00:00Z\n",
            1,
            "expires",
        ),
        ("[[allow]]\nrule = \"\"\nreason = \"r\"\n", 1, "rule"),
        ("allow = 3\n", 1, ""),
    ];
    for (text, line, needle) in cases {
        let err = suppress::parse_allows(text, Path::new("mcpward.toml"))
            .err()
            .unwrap_or_else(|| panic!("accepted: {text}"));
        let got = match &err {
            SuppressError::Syntax { line, .. } | SuppressError::Invalid { line, .. } => *line,
            SuppressError::TooLarge { .. } => 0,
        };
        assert_eq!(got, *line, "{err}\n{text}");
        assert!(err.to_string().contains(needle), "{err}");
        assert!(err.to_string().starts_with(&format!("mcpward.toml:{line}")), "{err}");
    }
    // Other tables of the config are not this reader's business; a TOML date works unquoted.
    let ok = "[servers.fs]\nmode = \"read-only\"\n\n[[allow]]\nrule = \"X\"\nreason = \"r\"\nexpires = 2027-01-01\n";
    let allows = suppress::parse_allows(ok, Path::new("mcpward.toml")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(allows.len(), 1);
    assert_eq!((allows[0].line, allows[0].expires), (4, Some((2027, 1, 1))));
    assert_eq!(allows[0].source(), "mcpward.toml:4");
}

#[test]
fn today_is_plausible() {
    let (y, m, d) = suppress::today_utc();
    assert!(y >= 2025 && (1..=12).contains(&m) && (1..=31).contains(&d));
}

#[test]
fn hostile_inputs_are_errors_not_panics() {
    let deep_toml = format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let deep = suppress::parse_allows(&deep_toml, Path::new("mcpward.toml"));
    assert!(deep.is_err(), "{deep:?}");
    let deep_json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(suppress::load_baseline(&deep_json).is_err());
    let big = " ".repeat(17 * 1024 * 1024);
    assert!(matches!(
        suppress::load_baseline(&big),
        Err(SuppressError::TooLarge { .. })
    ));
    assert!(matches!(
        suppress::parse_allows(&big, Path::new("mcpward.toml")),
        Err(SuppressError::TooLarge { .. })
    ));
    for text in [
        "\u{0}",
        "[[allow]]\nrule = \"\u{202e}x\"\nreason = \"é\"\nexpires = \"2027-01-0\u{e9}\"\n",
        "[[allow",
    ] {
        let _ = suppress::parse_allows(text, Path::new("mcpward.toml"));
    }
}
