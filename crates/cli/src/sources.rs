//! Turning `[PATH...] --home --client` into loaded configuration files.

use crate::args::DiscoveryArgs;
use crate::state;
use crate::CliError;
use mcpward_config::{discover, discover_paths, Client, ConfigFile, DiscoverOptions};
use std::path::PathBuf;

/// The configuration files to analyse, and what went wrong finding them.
pub struct Sources {
    pub files: Vec<ConfigFile>,
    /// Problems with the paths themselves (a path that does not exist).
    pub errors: Vec<String>,
    pub home: PathBuf,
}

/// `--home`, or $HOME.
pub fn home(discovery: &DiscoveryArgs) -> Result<PathBuf, CliError> {
    match &discovery.home {
        Some(h) => Ok(h.clone()),
        None => state::home_dir().ok_or_else(|| CliError::Usage("HOME is not set; pass --home DIR".into())),
    }
}

/// The given `paths`, or (none given) every client's configuration found by `discovery`.
pub fn load(paths: &[PathBuf], args: &DiscoveryArgs) -> Result<Sources, CliError> {
    let clients = parse_clients(&args.clients)?;
    let home = home(args)?;
    let found = if paths.is_empty() {
        if !home.is_dir() {
            return Err(CliError::Usage(format!(
                "home directory {} does not exist",
                home.display()
            )));
        }
        let env_path = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
        // System files belong to the real machine: not looked at for a fake home.
        let system = !args.no_system && args.home.is_none();
        discover(&DiscoverOptions {
            home: home.clone(),
            xdg_config_home: env_path("XDG_CONFIG_HOME"),
            appdata: env_path("APPDATA"),
            codex_home: env_path("CODEX_HOME"),
            system_root: system.then(|| PathBuf::from("/")),
        })
    } else {
        discover_paths(paths, Some(&home))
    };
    let files = found
        .files
        .into_iter()
        .filter(|f| clients.is_empty() || clients.contains(&f.client))
        .collect();
    Ok(Sources {
        files,
        errors: found.errors.iter().map(ToString::to_string).collect(),
        home,
    })
}

fn parse_clients(ids: &[String]) -> Result<Vec<Client>, CliError> {
    ids.iter()
        .map(|id| {
            Client::from_id(id).ok_or_else(|| {
                let known: Vec<&str> = Client::ALL.iter().map(|c| c.id()).collect();
                CliError::Usage(format!("unknown client `{id}`; known clients: {}", known.join(", ")))
            })
        })
        .collect()
}
