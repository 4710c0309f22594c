//! Auditing a home with 50 configuration files and 500 server entries:
//! discovery + parsing + every static rule, as `mcpward audit` does it.
//!
//! Baseline, measured in the same run: reading the same 50 files into memory
//! (the I/O floor no audit can beat). The README reports both and their ratio.

use criterion::{criterion_group, criterion_main, Criterion};
use mcpward_analyze::{rules, run_rules, Context};
use mcpward_config::{discover, DiscoverOptions};
use mcpward_detect::secrets::FingerprintKey;
use std::hint::black_box;
use std::path::{Path, PathBuf};

/// Servers of the kinds people really run, some with planted problems.
fn server_json(i: usize) -> String {
    match i % 10 {
        0 => format!(
            r#""fs{i}": {{"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/home/bench/code/p{i}"]}}"#
        ),
        1 => format!(
            r#""gh{i}": {{"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"], "env": {{"GITHUB_PERSONAL_ACCESS_TOKEN": "${{GITHUB_TOKEN}}"}}}}"#
        ),
        2 => format!(r#""fetch{i}": {{"command": "uvx", "args": ["mcp-server-fetch==2025.4.7"]}}"#),
        3 => format!(
            r#""remote{i}": {{"type": "http", "url": "https://mcp.example.com/{i}/mcp", "headers": {{"Authorization": "Bearer ${{TOKEN_{i}}}"}}}}"#
        ),
        4 => format!(
            r#""db{i}": {{"command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres@0.6.2", "postgresql://localhost/db{i}"]}}"#
        ),
        5 => format!(
            r#""slack{i}": {{"command": "npx", "args": ["-y", "@modelcontextprotocol/server-slack"], "env": {{"SLACK_BOT_TOKEN": "xoxb-not-a-real-token", "SLACK_TEAM_ID": "T{i:08}"}}}}"#
        ),
        6 => format!(r#""community{i}": {{"command": "npx", "args": ["-y", "some-community-mcp-{i}@latest"]}}"#),
        7 => format!(r#""docker{i}": {{"command": "docker", "args": ["run", "-i", "--rm", "mcp/time"]}}"#),
        8 => format!(
            r#""home{i}": {{"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/home/bench"]}}"#
        ),
        _ => format!(
            r#""py{i}": {{"command": "python", "args": ["-m", "my_server_{i}"], "env": {{"API_KEY": "k{i}Zq3vT8pLx2Rw9Nc4Hs7Jb1Mf6Kd0"}}}}"#
        ),
    }
}

/// Writes 50 files (10 servers each) at the locations discovery knows.
fn make_home(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut server = 0;
    let mut write = |rel: String, body: String| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().expect("has parent")).expect("mkdir");
        std::fs::write(&p, body).expect("write");
        files.push(p);
    };
    let mut next_servers = || {
        let s: Vec<String> = (server..server + 10).map(server_json).collect();
        server += 10;
        s.join(",\n    ")
    };
    // User-scope files of the clients with a `mcpServers` map.
    for rel in [
        ".config/Claude/claude_desktop_config.json",
        ".cursor/mcp.json",
        ".codeium/windsurf/mcp_config.json",
        ".gemini/settings.json",
        ".kiro/settings/mcp.json",
        ".aws/amazonq/mcp.json",
        ".cline/data/settings/cline_mcp_settings.json",
        ".claude.json",
    ] {
        write(
            rel.to_owned(),
            format!("{{\n  \"mcpServers\": {{\n    {}\n  }}\n}}\n", next_servers()),
        );
    }
    write(
        ".config/Code/User/mcp.json".to_owned(),
        format!(
            "{{\n  // JSONC\n  \"servers\": {{\n    {},\n  }},\n}}\n",
            next_servers()
        ),
    );
    // Project files of Claude Code's known projects make up the rest.
    let projects: Vec<String> = (0..41)
        .map(|p| root.join(format!("code/p{p}")).display().to_string())
        .collect();
    let claude = root.join(".claude.json");
    let mut doc = std::fs::read_to_string(&claude).expect("read");
    let list: Vec<String> = projects.iter().map(|p| format!("{p:?}: {{}}")).collect();
    doc =
        doc.trim_end().trim_end_matches('}').to_owned() + &format!(",\n  \"projects\": {{{}}}\n}}\n", list.join(", "));
    std::fs::write(&claude, doc).expect("write");
    for p in 0..41 {
        write(
            format!("code/p{p}/.mcp.json"),
            format!("{{\"mcpServers\": {{\n    {}\n}}}}\n", next_servers()),
        );
    }
    files
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = make_home(dir.path());
    let opts = DiscoverOptions::for_home(dir.path());
    let key = FingerprintKey::new([7; 32]);
    let rules = rules::all();

    // Sanity: the workload is what the README says it is.
    let found = discover(&opts);
    let servers: usize = found.files.iter().map(|f| f.servers.len()).sum();
    assert_eq!(found.files.len(), 50, "config files");
    assert_eq!(servers, 500, "server entries");

    let mut g = c.benchmark_group("audit_home_50_files_500_servers");
    g.bench_function("baseline_read_files", |b| {
        b.iter(|| {
            let total: usize = files.iter().map(|f| std::fs::read(f).map_or(0, |v| v.len())).sum();
            black_box(total)
        })
    });
    g.bench_function("discover_parse_and_all_rules", |b| {
        b.iter(|| {
            let found = discover(&opts);
            let cx = Context::new(&found.files, dir.path(), &key);
            black_box(run_rules(&cx, &rules).len())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
