//! How to reach a configured server for inspection: the exact program, arguments,
//! environment and working directory of a stdio server, or the URL and headers of a
//! remote one — with variable references expanded the way clients expand them — and how
//! to show that plan to the user without showing a secret.
//!
//! Expansion: `${VAR}`, `${VAR:-default}`, `$VAR`, `${env:VAR}` and opencode's
//! `{env:VAR}` come from mcpward's own environment (unset: empty, with a note);
//! `${userHome}` is the home directory, `${workspaceFolder}`/`${workspaceRoot}`/`${cwd}`
//! the directory mcpward runs in, `${pathSeparator}` is `/`. `${input:…}` (VS Code asks the
//! user), `${{ secrets.… }}` (Continue), `{file:…}` and other editor variables cannot be
//! resolved outside their client: the server is skipped with that reason.
//!
//! The environment a stdio server gets is what its entry sets plus a few variables a
//! launcher needs ([`PASS_THROUGH`]); nothing else of mcpward's environment.

use crate::report::{redact_command, redact_url};
use mcpward_config::vars::{find_refs, is_reference_only, RefKind};
use mcpward_config::{ServerEntry, Transport};
use mcpward_detect::secrets::{self, FingerprintKey};
use std::fmt;
use std::path::{Path, PathBuf};

/// Variables of mcpward's environment every stdio server gets (when set): what `npx`,
/// `uvx`, `node`, `python` and `docker` need to start, find their caches and reach a
/// registry through a proxy. The entry's own `env` wins over these.
pub const PASS_THROUGH: &[&str] = &[
    "PATH",
    "HOME",
    "USER",
    "LOGNAME",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "TZ",
    "TMPDIR",
    "XDG_CACHE_HOME",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "XDG_RUNTIME_DIR",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "NODE_EXTRA_CA_CERTS",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "no_proxy",
    "SYSTEMROOT",
    "APPDATA",
    "LOCALAPPDATA",
    "USERPROFILE",
];

/// Where expansion takes its values from.
pub struct Environment<'a> {
    /// mcpward's own environment.
    pub var: &'a dyn Fn(&str) -> Option<String>,
    pub home: &'a Path,
    /// The directory mcpward runs in (`${workspaceFolder}`).
    pub cwd: &'a Path,
}

/// What to start or connect to.
pub enum Plan {
    Stdio(StdioPlan),
    Http(HttpPlan),
    /// Cannot be inspected; the reason.
    Skip(String),
}

/// A local process. Holds expanded values (possibly secrets): never printed as is; use
/// the `shown_*` fields.
pub struct StdioPlan {
    pub program: String,
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    pub cwd: Option<PathBuf>,
    /// The command line as written in the config (references unexpanded), secrets redacted.
    pub shown_command: String,
    /// One line per variable the entry sets, secrets described, never raw.
    pub shown_env: Vec<String>,
    /// Names of [`PASS_THROUGH`] variables passed from mcpward's environment.
    pub passed: Vec<String>,
    /// Unset variables, unloaded env files…
    pub notes: Vec<String>,
}

impl fmt::Debug for StdioPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StdioPlan")
            .field("command", &self.shown_command)
            .field("env", &self.shown_env)
            .field("passed", &self.passed)
            .finish()
    }
}

/// A remote server. Header values may be credentials: never printed.
pub struct HttpPlan {
    pub url: String,
    pub headers: Vec<(String, String)>,
    /// `Some(true)`: legacy SSE; `Some(false)`: Streamable HTTP; `None`: try both.
    pub sse: Option<bool>,
    pub shown_url: String,
    pub header_names: Vec<String>,
    pub notes: Vec<String>,
}

impl fmt::Debug for HttpPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpPlan")
            .field("url", &self.shown_url)
            .field("headers", &self.header_names)
            .finish()
    }
}

/// `s` with its references expanded, or why it cannot be.
fn expand(s: &str, env: &Environment<'_>, notes: &mut Vec<String>) -> Result<String, String> {
    let refs = find_refs(s);
    if refs.is_empty() {
        return Ok(s.to_owned());
    }
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for r in refs {
        out.push_str(s.get(last..r.start).unwrap_or(""));
        let value = match r.kind {
            RefKind::Env | RefKind::EnvPrefixed => match (env.var)(&r.name) {
                Some(v) if !(v.is_empty() && r.default.is_some()) => v,
                _ => match &r.default {
                    Some(d) => d.clone(),
                    None => {
                        let note = format!("${{{}}} is not set in mcpward's environment: passed as empty", r.name);
                        if !notes.contains(&note) {
                            notes.push(note);
                        }
                        String::new()
                    }
                },
            },
            RefKind::Opencode if s.get(r.start..).is_some_and(|t| t.starts_with("{env:")) => {
                (env.var)(&r.name).unwrap_or_default()
            }
            RefKind::Editor => match r.name.as_str() {
                "userHome" => env.home.to_string_lossy().into_owned(),
                "workspaceFolder" | "workspaceRoot" | "cwd" => env.cwd.to_string_lossy().into_owned(),
                "pathSeparator" => "/".to_owned(),
                other => {
                    return Err(format!(
                        "it uses the editor variable ${{{other}}}, which only its client can resolve"
                    ))
                }
            },
            RefKind::Input => {
                return Err(format!(
                    "it uses ${{input:{}}}, a value only VS Code can prompt for; put the value in an environment \
                     variable and reference it as ${{env:NAME}} to inspect this server",
                    r.name
                ))
            }
            RefKind::ContinueSecret => {
                return Err(format!(
                    "it uses the Continue secret `{}`, which only Continue can resolve",
                    r.name
                ))
            }
            RefKind::Opencode => {
                return Err(format!(
                    "it reads a file through {{file:{}}}, which only opencode resolves",
                    r.name
                ))
            }
        };
        out.push_str(&value);
        last = r.end;
    }
    out.push_str(s.get(last..).unwrap_or(""));
    Ok(out)
}

/// How an environment value from the config is shown: a reference as written (with
/// whether it is set), a secret as its description, anything else as is (shortened).
fn show_env(key: &FingerprintKey, name: &str, raw: &str, env: &Environment<'_>) -> String {
    if is_reference_only(raw) {
        let set: Vec<String> = find_refs(raw)
            .iter()
            .filter(|r| matches!(r.kind, RefKind::Env | RefKind::EnvPrefixed))
            .map(|r| {
                let state = if (env.var)(&r.name).is_some() { "set" } else { "NOT SET" };
                format!("{} {state}", r.name)
            })
            .collect();
        return if set.is_empty() {
            format!("{name}={raw}")
        } else {
            format!("{name}={raw} (from mcpward's environment: {})", set.join(", "))
        };
    }
    let found = secrets::scan_named_value(name, raw);
    if !found.is_empty() {
        let mut out = String::new();
        let mut pos = 0;
        for m in &found {
            let (Some(before), Some(secret)) = (raw.get(pos..m.start), raw.get(m.start..m.end)) else {
                return format!("{name}=[hidden]");
            };
            if m.start < pos {
                continue;
            }
            out.push_str(before);
            out.push_str(&secrets::describe(key, secret, m.kind));
            pos = m.end;
        }
        out.push_str(raw.get(pos..).unwrap_or(""));
        return format!("{name}={out}");
    }
    // A secret-looking name with a value no format matched: hide it anyway (redact_command
    // applies the shown-output name list).
    let shown = redact_command(&[&format!("{name}={raw}")]);
    crate::inspect::clip(&shown, 200)
}

/// The plan for one server entry.
pub fn plan(entry: &ServerEntry, env: &Environment<'_>, key: &FingerprintKey) -> Plan {
    match &entry.transport {
        Transport::Stdio {
            command,
            args,
            env: entry_env,
            cwd,
            env_files,
        } => {
            let Some(command) = command.as_ref().filter(|c| !c.as_str().trim().is_empty()) else {
                return Plan::Skip("the entry has no command".into());
            };
            let mut notes = Vec::new();
            let result = (|| -> Result<StdioPlan, String> {
                let program = expand(command.as_str(), env, &mut notes)?;
                let args = args
                    .iter()
                    .map(|a| expand(a.as_str(), env, &mut notes))
                    .collect::<Result<Vec<_>, _>>()?;
                let mut vars: Vec<(String, String)> = PASS_THROUGH
                    .iter()
                    .filter_map(|k| (env.var)(k).map(|v| ((*k).to_owned(), v)))
                    .collect();
                let passed: Vec<String> = vars.iter().map(|(k, _)| k.clone()).collect();
                let mut shown_env = Vec::new();
                for (k, v) in entry_env {
                    let value = expand(v.as_str(), env, &mut notes)?;
                    vars.retain(|(name, _)| name != k.as_str());
                    vars.push((k.value.clone(), value));
                    shown_env.push(show_env(key, k.as_str(), v.as_str(), env));
                }
                let cwd = match cwd {
                    Some(c) => Some(PathBuf::from(expand(c.as_str(), env, &mut notes)?)),
                    None => None,
                };
                if !env_files.is_empty() {
                    notes.push(format!(
                        "{} env file(s) named by the entry were not loaded",
                        env_files.len()
                    ));
                }
                let words: Vec<&str> = entry.command_line();
                Ok(StdioPlan {
                    program,
                    args,
                    env: vars,
                    cwd,
                    shown_command: redact_command(&words),
                    shown_env,
                    passed: passed
                        .into_iter()
                        .filter(|p| !entry_env.iter().any(|(k, _)| k.as_str() == p))
                        .collect(),
                    notes: Vec::new(),
                })
            })();
            match result {
                Ok(mut p) => {
                    p.notes = notes;
                    Plan::Stdio(p)
                }
                Err(reason) => Plan::Skip(format!("not started: {reason}")),
            }
        }
        Transport::Http { url, headers, sse } => {
            let mut notes = Vec::new();
            let result = (|| -> Result<HttpPlan, String> {
                let expanded = expand(url.as_str(), env, &mut notes)?;
                let headers = headers
                    .iter()
                    .map(|(k, v)| Ok((k.value.clone(), expand(v.as_str(), env, &mut notes)?)))
                    .collect::<Result<Vec<_>, String>>()?;
                Ok(HttpPlan {
                    url: expanded,
                    header_names: headers.iter().map(|(k, _)| k.clone()).collect(),
                    headers,
                    sse: *sse,
                    shown_url: redact_url(url.as_str()),
                    notes: Vec::new(),
                })
            })();
            match result {
                Ok(mut p) => {
                    p.notes = notes;
                    Plan::Http(p)
                }
                Err(reason) => Plan::Skip(format!("not connected: {reason}")),
            }
        }
        Transport::Unknown => Plan::Skip("the entry names neither a command nor a URL".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mcpward_config::{Client, Located, Pos, Scope, TrustSettings};

    fn text(s: &str) -> Located<String> {
        Located::new(s.to_owned(), Pos::new(1, 1))
    }

    fn stdio(command: &str, args: &[&str], env: &[(&str, &str)]) -> ServerEntry {
        ServerEntry {
            client: Client::ClaudeDesktop,
            scope: Scope::User,
            file: PathBuf::from("/h/c.json"),
            pos: Pos::new(2, 3),
            name: "s".into(),
            project: None,
            transport: Transport::Stdio {
                command: Some(text(command)),
                args: args.iter().map(|a| text(a)).collect(),
                env: env.iter().map(|(k, v)| (text(k), text(v))).collect(),
                cwd: None,
                env_files: Vec::new(),
            },
            disabled: false,
            trust: TrustSettings::default(),
        }
    }

    const PAT: &str = "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";

    fn vars(k: &str) -> Option<String> {
        match k {
            "PATH" => Some("/usr/bin".into()),
            "HOME" => Some("/h".into()),
            "GITHUB_TOKEN" => Some(PAT.into()),
            "SECRET_ONLY_IN_MCPWARD" => Some("nope".into()),
            _ => None,
        }
    }

    fn env() -> Environment<'static> {
        Environment {
            var: &vars,
            home: Path::new("/h"),
            cwd: Path::new("/work"),
        }
    }

    fn key() -> FingerprintKey {
        FingerprintKey::new([7; 32])
    }

    #[test]
    fn expands_references_and_passes_only_what_is_needed() {
        let e = stdio(
            "npx",
            &["-y", "server", "${userHome}/code", "--token", "${GITHUB_TOKEN}"],
            &[
                ("GITHUB_TOKEN", "${GITHUB_TOKEN}"),
                ("MODE", "${UNSET_VAR:-ro}"),
                ("EMPTY", "$NOT_SET"),
            ],
        );
        let Plan::Stdio(p) = plan(&e, &env(), &key()) else {
            panic!()
        };
        assert_eq!(p.program, "npx");
        assert_eq!(p.args, vec!["-y", "server", "/h/code", "--token", PAT]);
        let get = |k: &str| p.env.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert_eq!(get("GITHUB_TOKEN"), Some(PAT));
        assert_eq!(get("MODE"), Some("ro"));
        assert_eq!(get("EMPTY"), Some(""));
        assert_eq!(get("PATH"), Some("/usr/bin"));
        assert_eq!(
            get("SECRET_ONLY_IN_MCPWARD"),
            None,
            "mcpward's own environment is not inherited"
        );
        assert!(p.notes.iter().any(|n| n.contains("NOT_SET")), "{:?}", p.notes);
        // What is shown never contains the secret.
        let shown = format!("{} {:?} {:?}", p.shown_command, p.shown_env, p);
        assert!(!shown.contains(PAT), "{shown}");
        assert!(p.shown_command.contains("${GITHUB_TOKEN}"), "{}", p.shown_command);
        assert!(p.shown_env[0].contains("set"), "{:?}", p.shown_env);
        assert_eq!(p.passed, vec!["PATH", "HOME"]);
    }

    #[test]
    fn literal_secrets_are_described_not_shown() {
        let e = stdio(
            "node",
            &["s.js", &format!("--api-key={PAT}")],
            &[("GITHUB_TOKEN", PAT), ("DB_PASSWORD", "hunter2hunter2")],
        );
        let Plan::Stdio(p) = plan(&e, &env(), &key()) else {
            panic!()
        };
        let shown = format!("{} {:?}", p.shown_command, p.shown_env);
        assert!(!shown.contains(PAT) && !shown.contains("hunter2hunter2"), "{shown}");
        assert!(p.shown_env[0].contains("github"), "{:?}", p.shown_env);
        assert!(p.shown_env[0].contains("fp:"), "{:?}", p.shown_env);
    }

    #[test]
    fn unresolvable_references_skip_the_server() {
        let e = stdio("npx", &["server"], &[("TOKEN", "${input:pat}")]);
        match plan(&e, &env(), &key()) {
            Plan::Skip(why) => assert!(why.contains("input:pat"), "{why}"),
            _ => panic!("expected a skip"),
        }
        let mut e = stdio("", &[], &[]);
        assert!(matches!(plan(&e, &env(), &key()), Plan::Skip(_)));
        e.transport = Transport::Unknown;
        assert!(matches!(plan(&e, &env(), &key()), Plan::Skip(_)));
    }

    #[test]
    fn http_headers_are_expanded_and_hidden() {
        let mut e = stdio("x", &[], &[]);
        e.transport = Transport::Http {
            url: text("https://api.example.com/mcp?key=${GITHUB_TOKEN}"),
            headers: vec![(text("Authorization"), text("Bearer ${GITHUB_TOKEN}"))],
            sse: None,
        };
        let Plan::Http(p) = plan(&e, &env(), &key()) else {
            panic!()
        };
        assert_eq!(p.headers[0].1, format!("Bearer {PAT}"));
        assert!(p.url.ends_with(PAT));
        assert!(!format!("{} {:?}", p.shown_url, p).contains(PAT));
    }
}
