//! Where MCP clients keep their configuration, and finding those files.
//!
//! Three ways in: [`known_locations`] (every client's documented paths under a
//! home directory and the system directories), [`identify`] (what a given file
//! is, from its name and parents), and [`search_dir`] (a bounded walk of a
//! directory for known file names). [`discover`] puts them together and also
//! follows Claude Code's list of projects to their project-scope files.

use crate::load::load_file;
use crate::model::{Client, ConfigFile, Scope};
use crate::node::Node;
use crate::parse::Format;
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

/// One place a configuration file may be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub client: Client,
    pub scope: Scope,
    pub format: Format,
}

impl Location {
    fn new(path: PathBuf, client: Client, scope: Scope, format: Format) -> Self {
        Location {
            path,
            client,
            scope,
            format,
        }
    }
}

/// Inputs to discovery. Every path is explicit so tests (and users) can point
/// discovery at a fake home tree.
#[derive(Debug, Clone)]
pub struct DiscoverOptions {
    pub home: PathBuf,
    /// `XDG_CONFIG_HOME`, when set (Linux clients honour it).
    pub xdg_config_home: Option<PathBuf>,
    /// `%APPDATA%`, when set (Windows).
    pub appdata: Option<PathBuf>,
    /// `CODEX_HOME`, when set.
    pub codex_home: Option<PathBuf>,
    /// Root under which system-wide (managed) files are looked for: `/` for the
    /// real machine, `None` to skip them (a fake home, or tests).
    pub system_root: Option<PathBuf>,
}

impl DiscoverOptions {
    /// Options for a home directory only, no system files.
    pub fn for_home(home: impl Into<PathBuf>) -> Self {
        DiscoverOptions {
            home: home.into(),
            xdg_config_home: None,
            appdata: None,
            codex_home: None,
            system_root: None,
        }
    }
}

/// The VS Code-family editors whose user directory may hold MCP settings
/// (their own, and Cline's, which runs inside any of them).
const VSCODE_FAMILY: &[&str] = &["Code", "Code - Insiders", "VSCodium", "Cursor", "Windsurf"];
const CLINE_STORAGE: &str = "globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json";

/// Every documented location under the home directory (all platforms' layouts:
/// a path that does not exist costs one `stat`, and a home copied from a Mac
/// onto a Linux box is still audited) and, if asked, the system directories.
pub fn known_locations(opts: &DiscoverOptions) -> Vec<Location> {
    use Client::*;
    use Format::*;
    use Scope::*;
    let h = &opts.home;
    let mac_support = h.join("Library/Application Support");
    let appdata = opts.appdata.clone().unwrap_or_else(|| h.join("AppData/Roaming"));
    let mut config_dirs = vec![h.join(".config")];
    if let Some(x) = &opts.xdg_config_home {
        if !config_dirs.contains(x) {
            config_dirs.insert(0, x.clone());
        }
    }
    let mut out = Vec::new();
    let mut add = |path: PathBuf, client, scope, format| out.push(Location::new(path, client, scope, format));

    // Claude Desktop.
    add(
        mac_support.join("Claude/claude_desktop_config.json"),
        ClaudeDesktop,
        User,
        Json,
    );
    add(
        appdata.join("Claude/claude_desktop_config.json"),
        ClaudeDesktop,
        User,
        Json,
    );
    for c in &config_dirs {
        add(c.join("Claude/claude_desktop_config.json"), ClaudeDesktop, User, Json);
    }
    // Claude Code: servers in ~/.claude.json, auto-approval in the settings files.
    add(h.join(".claude.json"), ClaudeCode, User, Json);
    add(h.join(".claude/settings.json"), ClaudeCode, User, Json);
    add(h.join(".claude/settings.local.json"), ClaudeCode, User, Json);
    // Cursor, Windsurf, Kiro, Amazon Q, Gemini CLI, Cline (standalone).
    add(h.join(".cursor/mcp.json"), Cursor, User, Json);
    add(h.join(".codeium/windsurf/mcp_config.json"), Windsurf, User, Json);
    add(h.join(".kiro/settings/mcp.json"), Kiro, User, Json);
    add(h.join(".aws/amazonq/mcp.json"), AmazonQ, User, Json);
    add(h.join(".gemini/settings.json"), GeminiCli, User, Json);
    add(
        h.join(".cline/data/settings/cline_mcp_settings.json"),
        Cline,
        User,
        Json,
    );
    // VS Code family user directories: VS Code's own MCP files and Cline's.
    for editor in VSCODE_FAMILY {
        let mut user_dirs = vec![mac_support.join(editor).join("User"), appdata.join(editor).join("User")];
        user_dirs.extend(config_dirs.iter().map(|c| c.join(editor).join("User")));
        for dir in user_dirs {
            if *editor != "Cursor" && *editor != "Windsurf" {
                add(dir.join("mcp.json"), VsCode, User, Json);
                add(dir.join("settings.json"), VsCode, User, Json);
            }
            add(dir.join(CLINE_STORAGE), Cline, User, Json);
        }
    }
    // Zed (~/.config/zed on macOS too), Windows build under %APPDATA%.
    for c in &config_dirs {
        add(c.join("zed/settings.json"), Zed, User, Json);
        add(c.join("opencode/opencode.json"), Opencode, User, Json);
        add(c.join("opencode/opencode.jsonc"), Opencode, User, Json);
    }
    add(appdata.join("Zed/settings.json"), Zed, User, Json);
    // Continue.
    add(h.join(".continue/config.yaml"), Continue, User, Yaml);
    add(h.join(".continue/config.json"), Continue, User, Json);
    // Codex CLI.
    let codex = opts.codex_home.clone().unwrap_or_else(|| h.join(".codex"));
    add(codex.join("config.toml"), Codex, User, Toml);

    if let Some(root) = &opts.system_root {
        add(root.join("etc/claude-code/managed-mcp.json"), ClaudeCode, Managed, Json);
        add(
            root.join("etc/claude-code/managed-settings.json"),
            ClaudeCode,
            Managed,
            Json,
        );
        add(
            root.join("Library/Application Support/ClaudeCode/managed-mcp.json"),
            ClaudeCode,
            Managed,
            Json,
        );
        add(
            root.join("Library/Application Support/ClaudeCode/managed-settings.json"),
            ClaudeCode,
            Managed,
            Json,
        );
        add(
            root.join("Program Files/ClaudeCode/managed-mcp.json"),
            ClaudeCode,
            Managed,
            Json,
        );
        add(root.join("etc/gemini-cli/settings.json"), GeminiCli, Managed, Json);
        add(root.join("etc/codex/config.toml"), Codex, Managed, Toml);
    }
    out
}

/// Directories of per-file configs: every `*.yaml`/`*.yml`/`*.json` inside is one config.
fn config_dirs_under(base: &Path) -> Vec<(PathBuf, Client)> {
    vec![
        (base.join(".continue/mcpServers"), Client::Continue),
        (base.join(".aws/amazonq/agents"), Client::AmazonQ),
        (base.join(".aws/amazonq/cli-agents"), Client::AmazonQ),
    ]
}

/// Project-scope files relative to a project root.
const PROJECT_FILES: &[(&str, Client, Format)] = &[
    (".mcp.json", Client::ClaudeCode, Format::Json),
    (".claude/settings.json", Client::ClaudeCode, Format::Json),
    (".claude/settings.local.json", Client::ClaudeCode, Format::Json),
    (".cursor/mcp.json", Client::Cursor, Format::Json),
    (".vscode/mcp.json", Client::VsCode, Format::Json),
    (".vscode/settings.json", Client::VsCode, Format::Json),
    (".gemini/settings.json", Client::GeminiCli, Format::Json),
    (".zed/settings.json", Client::Zed, Format::Json),
    (".continue/config.yaml", Client::Continue, Format::Yaml),
    (".codex/config.toml", Client::Codex, Format::Toml),
    ("opencode.json", Client::Opencode, Format::Json),
    ("opencode.jsonc", Client::Opencode, Format::Json),
    (".kiro/settings/mcp.json", Client::Kiro, Format::Json),
    (".amazonq/mcp.json", Client::AmazonQ, Format::Json),
    (".devcontainer/devcontainer.json", Client::VsCode, Format::Json),
];

/// The project-scope configuration files that exist in `root`.
pub fn project_locations(root: &Path) -> Vec<Location> {
    let mut out: Vec<Location> = PROJECT_FILES
        .iter()
        .map(|(rel, client, format)| Location::new(root.join(rel), *client, Scope::Project, *format))
        .filter(|l| l.path.is_file())
        .collect();
    for (dir, client) in config_dirs_under(root) {
        out.extend(files_in_config_dir(&dir, client, Scope::Project));
    }
    out
}

fn files_in_config_dir(dir: &Path, client: Client, scope: Scope) -> Vec<Location> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<Location> = read
        .flatten()
        .filter_map(|e| {
            let path = e.path();
            let format = format_by_extension(&path)?;
            Some(Location::new(path, client, scope, format))
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn format_by_extension(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()? {
        "json" | "jsonc" | "json5" => Some(Format::Json),
        "yaml" | "yml" => Some(Format::Yaml),
        "toml" => Some(Format::Toml),
        _ => None,
    }
}

/// What a file is, from its name and the directories above it. `home`, when
/// known, tells user-scope files (`~/.cursor/mcp.json`) from project ones
/// (`repo/.cursor/mcp.json`). `None` for files no client reads.
pub fn identify(path: &Path, home: Option<&Path>) -> Option<Location> {
    let name = path.file_name()?.to_str()?;
    let parts: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let parent = |n: usize| -> &str {
        parts
            .len()
            .checked_sub(n + 1)
            .and_then(|i| parts.get(i))
            .map_or("", String::as_str)
    };
    let at_home = |levels: usize| -> bool {
        let mut p = path;
        for _ in 0..levels {
            match p.parent() {
                Some(q) => p = q,
                None => return false,
            }
        }
        home.is_some_and(|h| same_dir(p, h))
    };
    let user_or_project = |levels: usize| if at_home(levels) { Scope::User } else { Scope::Project };
    let loc = |client, scope, format| Some(Location::new(path.to_path_buf(), client, scope, format));
    use Client::*;
    use Format::*;
    match name {
        "claude_desktop_config.json" => loc(ClaudeDesktop, Scope::User, Json),
        ".claude.json" => loc(ClaudeCode, Scope::User, Json),
        ".mcp.json" => loc(
            ClaudeCode,
            if parent(1) == "plugins" || parts.iter().any(|p| p == "plugins") && parts.iter().any(|p| p == ".claude") {
                Scope::Plugin
            } else {
                Scope::Project
            },
            Json,
        ),
        "managed-mcp.json" | "managed-settings.json" => loc(ClaudeCode, Scope::Managed, Json),
        "mcp_config.json" if parent(1) == "windsurf" => loc(Windsurf, Scope::User, Json),
        "cline_mcp_settings.json" => loc(Cline, Scope::User, Json),
        "opencode.json" | "opencode.jsonc" => loc(
            Opencode,
            if parent(1) == "opencode" {
                Scope::User
            } else {
                Scope::Project
            },
            Json,
        ),
        "config.yaml" | "config.yml" if parent(1) == ".continue" => loc(Continue, user_or_project(2), Yaml),
        "config.json" if parent(1) == ".continue" => loc(Continue, user_or_project(2), Json),
        _ if parent(1) == "mcpServers" && parent(2) == ".continue" => {
            loc(Continue, user_or_project(3), format_by_extension(path)?)
        }
        "config.toml" if parent(1) == ".codex" || parent(1) == "codex" => loc(
            Codex,
            if parent(1) == "codex" && parent(2) == "etc" {
                Scope::Managed
            } else {
                user_or_project(2)
            },
            Toml,
        ),
        "settings.json" | "settings.local.json" if parent(1) == ".claude" => loc(ClaudeCode, user_or_project(2), Json),
        "settings.json" if parent(1) == ".gemini" => loc(GeminiCli, user_or_project(2), Json),
        "settings.json" if parent(1) == "gemini-cli" => loc(GeminiCli, Scope::Managed, Json),
        "settings.json" if parent(1) == ".zed" => loc(Zed, Scope::Project, Json),
        "settings.json" if parent(1).eq_ignore_ascii_case("zed") => loc(Zed, Scope::User, Json),
        "settings.json" if parent(1) == ".vscode" => loc(VsCode, Scope::Project, Json),
        "settings.json" | "mcp.json" if parent(1) == "User" && is_vscode_family(parent(2)) => {
            loc(VsCode, Scope::User, Json)
        }
        "mcp.json" if parent(1) == ".vscode" => loc(VsCode, Scope::Project, Json),
        "mcp.json" if parent(1) == ".cursor" => loc(Cursor, user_or_project(2), Json),
        "mcp.json" if parent(1) == "settings" && parent(2) == ".kiro" => loc(Kiro, user_or_project(3), Json),
        "mcp.json" if parent(1) == "amazonq" || parent(1) == ".amazonq" => loc(
            AmazonQ,
            if parent(1) == "amazonq" {
                Scope::User
            } else {
                Scope::Project
            },
            Json,
        ),
        _ if (parent(1) == "agents" || parent(1) == "cli-agents") && parent(2) == "amazonq" => {
            loc(AmazonQ, Scope::User, format_by_extension(path)?)
        }
        "devcontainer.json" if parent(1) == ".devcontainer" => loc(VsCode, Scope::Project, Json),
        _ => None,
    }
}

fn is_vscode_family(dir: &str) -> bool {
    matches!(dir, "Code" | "Code - Insiders" | "VSCodium")
}

fn same_dir(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

/// Guesses the client of a file `identify` does not know, from its content:
/// for `mcpward audit some/odd-name.json`. Claude Desktop's `mcpServers` map is
/// the shape most clients share, so it is the fallback.
pub fn sniff_client(root: &Node, format: Format) -> Client {
    match format {
        Format::Toml => return Client::Codex,
        Format::Yaml => return Client::Continue,
        Format::Json => {}
    }
    if root.get("servers").is_some() || root.path(&["mcp", "servers"]).is_some() {
        Client::VsCode
    } else if root.get("context_servers").is_some() {
        Client::Zed
    } else if root.get("mcp").is_some_and(|m| m.as_object().is_some()) {
        Client::Opencode
    } else {
        Client::ClaudeDesktop
    }
}

/// Why a path given by the user could not be audited at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DiscoverError {
    #[error("{0}: no such file or directory")]
    NotFound(PathBuf),
    #[error("{path}: directory walk stopped after {limit} entries; pass a narrower directory")]
    WalkLimit { path: PathBuf, limit: usize },
    #[error("{path}: {message}")]
    Unreadable { path: PathBuf, message: String },
}

/// Bounds on a directory walk, so `mcpward audit /` finishes.
pub const MAX_WALK_DEPTH: usize = 12;
pub const MAX_WALK_ENTRIES: usize = 500_000;

/// Directories never descended into: they hold dependencies or VCS data, not configs.
const SKIP_DIRS: &[&str] = &[
    "node_modules",
    ".git",
    "target",
    ".hg",
    ".svn",
    "__pycache__",
    ".venv",
    "venv",
    ".tox",
    ".cache",
    ".npm",
    ".cargo",
    ".rustup",
];

/// Walks `dir` (not following symlinked directories, so loops cannot trap it)
/// and returns every file [`identify`] knows, plus per-file config directories.
pub fn search_dir(dir: &Path, home: Option<&Path>) -> (Vec<Location>, Vec<DiscoverError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    let mut stack = vec![(dir.to_path_buf(), 0usize)];
    let mut seen = 0usize;
    while let Some((d, depth)) = stack.pop() {
        let read = match std::fs::read_dir(&d) {
            Ok(r) => r,
            Err(e) => {
                // The root must be readable; unreadable subdirectories are normal
                // (other users' files) and only the root's failure is reported.
                if d == dir {
                    errors.push(DiscoverError::Unreadable {
                        path: d.clone(),
                        message: e.to_string(),
                    });
                }
                continue;
            }
        };
        let mut entries: Vec<_> = read.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            seen += 1;
            if seen > MAX_WALK_ENTRIES {
                errors.push(DiscoverError::WalkLimit {
                    path: dir.to_path_buf(),
                    limit: MAX_WALK_ENTRIES,
                });
                return (found, errors);
            }
            let path = entry.path();
            let Ok(ft) = entry.file_type() else { continue };
            let name = entry.file_name();
            if ft.is_dir() && name.to_string_lossy().contains('.') && identify(&path, home).is_some() {
                // A directory where a client expects its config file: loading reports it.
                found.extend(identify(&path, home));
            } else if ft.is_dir() {
                let n = name.to_string_lossy();
                if depth < MAX_WALK_DEPTH && !SKIP_DIRS.contains(&n.as_ref()) {
                    if n == "mcpServers" && d.file_name().is_some_and(|p| p == ".continue") {
                        let scope = if home.is_some_and(|h| same_dir(d.parent().unwrap_or(&d), h)) {
                            Scope::User
                        } else {
                            Scope::Project
                        };
                        found.extend(files_in_config_dir(&path, Client::Continue, scope));
                    } else {
                        stack.push((path, depth + 1));
                    }
                }
            } else if let Some(loc) = identify(&path, home) {
                // Symlinked and regular files alike: loading reports loops and dangling links.
                found.push(loc);
            }
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    (found, errors)
}

/// Everything discovery found: loaded files, and problems with the paths asked for.
#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<ConfigFile>,
    pub errors: Vec<DiscoverError>,
}

/// Loads every existing known location, then the project files of every
/// project Claude Code knows about (`projects` in `~/.claude.json`).
pub fn discover(opts: &DiscoverOptions) -> Discovered {
    let mut locations: Vec<Location> = known_locations(opts)
        .into_iter()
        .filter(|l| l.path.symlink_metadata().is_ok())
        .collect();
    for (dir, client) in config_dirs_under(&opts.home) {
        locations.extend(files_in_config_dir(&dir, client, Scope::User));
    }
    let plugins = opts.home.join(".claude/plugins");
    if plugins.is_dir() {
        let (found, _) = search_dir(&plugins, Some(&opts.home));
        locations.extend(
            found
                .into_iter()
                .filter(|l| l.path.ends_with(".mcp.json"))
                .map(|mut l| {
                    l.scope = Scope::Plugin;
                    l
                }),
        );
    }
    load_all(locations)
}

/// Loads the given paths: files are identified (or sniffed), directories searched.
pub fn discover_paths(paths: &[PathBuf], home: Option<&Path>) -> Discovered {
    let mut locations = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && p.symlink_metadata().is_err() => {
                errors.push(DiscoverError::NotFound(p.clone()));
                continue;
            }
            // A dangling link or a loop: let loading describe it as a problem of the file.
            Err(_) => {
                locations.push(
                    identify(p, home)
                        .unwrap_or_else(|| Location::new(p.clone(), Client::ClaudeDesktop, Scope::User, Format::Json)),
                );
                continue;
            }
        };
        if meta.is_dir() {
            let (found, errs) = search_dir(p, home);
            locations.extend(found);
            errors.extend(errs);
        } else {
            locations.push(identify(p, home).unwrap_or_else(|| guess_location(p)));
        }
    }
    let mut d = load_all(locations);
    d.errors.splice(0..0, errors);
    d
}

/// For a file whose name no client uses: the format by extension, the client by content.
fn guess_location(path: &Path) -> Location {
    let format = format_by_extension(path).unwrap_or(Format::Json);
    let client = std::fs::read(path)
        .ok()
        .filter(|b| b.len() as u64 <= crate::parse::MAX_FILE_BYTES)
        .and_then(|b| crate::parse::parse_bytes(format, &b).ok())
        .map_or(Client::ClaudeDesktop, |root| sniff_client(&root, format));
    Location::new(path.to_path_buf(), client, Scope::User, format)
}

fn load_all(locations: Vec<Location>) -> Discovered {
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut queue: std::collections::VecDeque<Location> = locations.into();
    let mut out = Discovered::default();
    while let Some(loc) = queue.pop_front() {
        let key = loc.path.canonicalize().unwrap_or_else(|_| loc.path.clone());
        if !seen.insert(key) {
            continue;
        }
        let (file, root) = load_file(&loc.path, loc.client, loc.scope, loc.format);
        if loc.client == Client::ClaudeCode && loc.path.file_name().is_some_and(|n| n == ".claude.json") {
            if let Some(root) = &root {
                for project in claude_code_projects(root) {
                    queue.extend(project_locations(&project));
                }
            }
        }
        out.files.push(file);
    }
    out
}

/// Project directories listed in `~/.claude.json` (`projects` keys), which
/// exist on this machine. Their `.mcp.json` and friends are audited too.
fn claude_code_projects(root: &Node) -> Vec<PathBuf> {
    root.get("projects")
        .and_then(Node::as_object)
        .map(|entries| {
            entries
                .iter()
                .map(|(k, _)| PathBuf::from(&k.value))
                .filter(|p| p.is_absolute() && p.is_dir())
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifies_known_names() {
        let home = Path::new("/home/u");
        let id = |p: &str| identify(Path::new(p), Some(home)).map(|l| (l.client, l.scope));
        assert_eq!(id("/home/u/.cursor/mcp.json"), Some((Client::Cursor, Scope::User)));
        assert_eq!(
            id("/home/u/src/app/.cursor/mcp.json"),
            Some((Client::Cursor, Scope::Project))
        );
        assert_eq!(
            id("/home/u/src/app/.mcp.json"),
            Some((Client::ClaudeCode, Scope::Project))
        );
        assert_eq!(
            id("/home/u/.claude/plugins/x/.mcp.json"),
            Some((Client::ClaudeCode, Scope::Plugin))
        );
        assert_eq!(
            id("/home/u/.config/Code/User/mcp.json"),
            Some((Client::VsCode, Scope::User))
        );
        assert_eq!(id("/r/.vscode/mcp.json"), Some((Client::VsCode, Scope::Project)));
        assert_eq!(id("/home/u/.codex/config.toml"), Some((Client::Codex, Scope::User)));
        assert_eq!(id("/etc/codex/config.toml"), Some((Client::Codex, Scope::Managed)));
        assert_eq!(
            id("/home/u/.continue/mcpServers/db.yaml"),
            Some((Client::Continue, Scope::User))
        );
        assert_eq!(
            id("/home/u/.config/zed/settings.json"),
            Some((Client::Zed, Scope::User))
        );
        assert_eq!(
            id("/home/u/.aws/amazonq/mcp.json"),
            Some((Client::AmazonQ, Scope::User))
        );
        assert_eq!(id("/x/settings.json"), None);
        assert_eq!(id("/x/mcp.json"), None);
    }

    #[test]
    fn known_locations_cover_every_client() {
        let locs = known_locations(&DiscoverOptions::for_home("/h"));
        for c in Client::ALL {
            assert!(locs.iter().any(|l| l.client == c), "{c:?} has no location");
        }
        // Every known user location is also recognised by name.
        for l in &locs {
            let got = identify(&l.path, Some(Path::new("/h")));
            assert_eq!(got.map(|g| g.client), Some(l.client), "{}", l.path.display());
        }
    }
}
