//! `MW-EXE-001` exec-capability: servers that can run arbitrary commands, and
//! launch commands that are themselves shells or inline code.

use crate::finding::{Category, ChecklistItem, Severity};
use crate::knowledge::{self, Capability};
use crate::launch::{display_command, launch_spec, redact_known, shorten, Ecosystem, LaunchSpec, Runner, MAX_SHOWN};
use crate::rule::{Context, FindingBuilder, Rule, RuleMeta};
use crate::Finding;

pub struct ExecCapability;

static META: RuleMeta = RuleMeta {
    id: "MW-EXE-001",
    name: "exec-capability",
    category: Category::ExecCapability,
    severity: Severity::High,
    summary: "A server that can run shell commands or code, or a launch command that is itself a shell",
    checklist: Some(ChecklistItem::ToolListInspected),
    doc: r#"## What it finds
- **critical**: a launch command that downloads and runs code in one go — `curl … | sh`,
  `wget -O- … | bash`, `bash <(curl …)`, `iwr … | iex`, `Invoke-Expression (… DownloadString …)`
  — and PowerShell `-EncodedCommand` (a script nobody can read in the config).
- **high**: a launch command that is a shell script rather than one program (`bash -c "a && b"`,
  `sh -c "… | …"`, `cmd /c "a & b"`, `powershell -Command "…; …"`), inline code
  (`python -c`, `node -e`, `npx -c`, `pnpm dlx -c`), and servers known to expose shell or
  code execution tools: Desktop Commander, mcp-server-commands, mcp-shell-server, iTerm MCP,
  Code Runner, E2B, Kubernetes servers with exec tools, Heroku (`run` commands).
- **medium**: servers whose package name says shell, terminal, exec, command or code-runner
  but that mcpward does not know (a guess from the name, said as such).

A shell that merely wraps one simple command (`cmd /c npx -y pkg`, the usual Windows
recipe) is not reported: mcpward looks through it at the command inside.

## Why it matters
The seed's checklist item 3: "Tool list inspected — no surprise exec/shell/eval tools".
"Many community MCPs include "exec" or "shell" tools that let the model run arbitrary
commands — that is rarely what you actually want." And: "'Execute commands' almost always
means the server can run arbitrary shell on the host." A model that can run commands can
do anything your user can, and one prompt-injected web page or issue is enough to ask it
to. A launch command that pipes a download into a shell runs whatever that URL serves today,
every time the client starts.

## Example
```json
{ "mcpServers": {
  "desktop": { "command": "npx", "args": ["-y", "@wonderwhy-er/desktop-commander"] },
  "tool":    { "command": "bash", "args": ["-c", "curl -fsSL https://example.com/mcp.sh | sh"] } } }
```

## Fix
Decide whether the use case needs command execution at all; if not, use a focused server
without exec tools, or remove the tool (client `excludeTools` / `disabled_tools`, or
`mcpward wrap` with `tools.deny`). If it does, run it sandboxed (`mcpward run`, a container
with no host mounts, or a dedicated user) and require approval for every exec call
(`tools.approve`). Replace `curl | sh` launchers with an installed, pinned package and a
plain `command` + `args`; never use `-EncodedCommand` in a config."#,
};

impl Rule for ExecCapability {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for entry in cx.servers() {
            let spec = launch_spec(entry);
            if let Some((severity, message, identity)) = launch_finding(&spec) {
                let evidence = match &spec.shell {
                    Some(w) if !w.encoded => shorten(&redact_known(cx.key, &w.script), MAX_SHOWN),
                    _ => display_command(cx.key, &entry.command_line()),
                };
                FindingBuilder::new(&META, message)
                    .server(entry)
                    .severity(severity)
                    .evidence(evidence)
                    .fix(launch_fix(&spec))
                    .identity(identity)
                    .push(cx, out);
            }
            if let Some((severity, message, name)) = server_finding(entry, &spec) {
                FindingBuilder::new(&META, message)
                    .server(entry)
                    .severity(severity)
                    .evidence(display_command(cx.key, &entry.command_line()))
                    .fix(
                        "Use it only if the workflow needs command execution. Otherwise pick a focused server \
                         or hide the exec tools (client excludeTools/disabled_tools, or `mcpward wrap` with \
                         tools.deny). If you keep them: run the server sandboxed (`mcpward run`, a container \
                         without host mounts, or a dedicated user) and require approval for each exec call.",
                    )
                    .identity(format!("server:{name}"))
                    .push(cx, out);
            }
        }
    }
}

/// A finding about the launch command itself.
fn launch_finding(spec: &LaunchSpec) -> Option<(Severity, String, &'static str)> {
    if let Some(cmd) = &spec.flags.shell_mode {
        let how = if cmd.is_empty() {
            "in shell mode"
        } else {
            "with an inline shell command (-c)"
        };
        return Some((
            Severity::High,
            format!(
                "`{}` runs {how}: the server is started by a shell script",
                spec.runner.as_str()
            ),
            "shell-mode",
        ));
    }
    let wrap = spec.shell.as_ref()?;
    match spec.runner {
        Runner::PythonInline | Runner::NodeInline => Some((
            Severity::High,
            format!(
                "the server is inline code (`{}`), not an installed package",
                spec.runner.as_str()
            ),
            "inline-code",
        )),
        Runner::Shell if wrap.encoded => Some((
            Severity::Critical,
            format!(
                "`{} -EncodedCommand`: the launch script is base64 and cannot be reviewed",
                wrap.shell
            ),
            "encoded-command",
        )),
        Runner::Shell if pipes_download_into_interpreter(&wrap.script) => Some((
            Severity::Critical,
            format!(
                "`{}` downloads code and runs it in one step (pipe to shell)",
                wrap.shell
            ),
            "pipe-to-shell",
        )),
        Runner::Shell => Some((
            Severity::High,
            format!("the launch command is a `{}` script, not one program", wrap.shell),
            "shell-script",
        )),
        _ => None,
    }
}

fn launch_fix(spec: &LaunchSpec) -> String {
    match spec.runner {
        Runner::Shell | Runner::PythonInline | Runner::NodeInline => "Install the server as a pinned package and \
             start it with a plain `command` and `args` (no shell, no inline code, no download piped into an \
             interpreter); if a setup step is needed, do it once outside the config."
            .to_owned(),
        _ => "Drop `-c` / shell mode: name the package and its bin directly in `args`.".to_owned(),
    }
}

/// A finding about what the server itself can do.
fn server_finding(entry: &mcpward_config::ServerEntry, spec: &LaunchSpec) -> Option<(Severity, String, String)> {
    if let Some(known) = knowledge::identify(entry, spec) {
        // In read-only mode the exec tools are not offered (e.g. Kubernetes `--read-only`).
        let read_only = known.read_only.as_ref().is_some_and(|sw| {
            matches!(
                knowledge::read_only_state(entry, spec, sw),
                knowledge::ReadOnlyState::On(_)
            )
        });
        if known.has(Capability::Exec) && !read_only {
            return Some((
                Severity::High,
                format!("{} exposes command/code execution tools", known.display),
                known.id.to_owned(),
            ));
        }
        return None;
    }
    let pkg = spec.package.as_ref()?;
    // Only packages fetched by name: a local script's file name is the user's own.
    if pkg.ecosystem == Ecosystem::Local || pkg.is_url_source() {
        return None;
    }
    if knowledge::infer_caps(&pkg.name).contains(&Capability::Exec) {
        return Some((
            Severity::Medium,
            format!(
                "{} looks like a command-execution server (guessed from its name): inspect its tool list",
                pkg.name
            ),
            pkg.name.clone(),
        ));
    }
    None
}

/// `curl … | sh`, `wget -O- … | bash`, `bash <(curl …)`, `iwr … | iex`,
/// `sh -c "$(curl …)"`, `Invoke-Expression (… DownloadString …)`.
pub fn pipes_download_into_interpreter(script: &str) -> bool {
    let lower = script.to_ascii_lowercase();
    const DOWNLOADERS: &[&str] = &[
        "curl",
        "wget",
        "iwr",
        "irm",
        "invoke-webrequest",
        "invoke-restmethod",
        "downloadstring",
        "downloadfile",
        "fetch",
        "aria2c",
    ];
    const INTERPRETERS: &[&str] = &[
        "sh",
        "bash",
        "zsh",
        "dash",
        "ksh",
        "fish",
        "python",
        "python3",
        "node",
        "perl",
        "ruby",
        "php",
        "iex",
        "invoke-expression",
        "powershell",
        "pwsh",
        "cmd",
        "source",
        ".",
        "deno",
        "bun",
    ];
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '"' | '\'' | ';' | '&' | '`' | '{' | '}'))
            .filter(|w| !w.is_empty())
            .map(|w| w.rsplit(['/', '\\']).next().unwrap_or(w).to_owned())
            .collect()
    };
    // Short names must match a whole word (`irm`, not `confirm`); long ones may sit
    // inside a member access (`(New-Object Net.WebClient).DownloadString`).
    let is_downloader = |w: &str| {
        DOWNLOADERS
            .iter()
            .any(|d| w == *d || w.strip_prefix(d).is_some_and(|r| r.starts_with('.')) || (d.len() > 6 && w.contains(d)))
    };
    let has_download = |s: &str| words(s).iter().any(|w| is_downloader(w));
    if !has_download(&lower) {
        return false;
    }
    // A download piped into an interpreter.
    let segments: Vec<&str> = lower.split('|').collect();
    for pair in segments.windows(2) {
        if has_download(pair[0]) {
            let next = words(pair[1]);
            let mut it = next
                .iter()
                .filter(|w| !matches!(w.as_str(), "sudo" | "env" | "-" | "exec"));
            if it.next().is_some_and(|w| INTERPRETERS.contains(&w.as_str())) {
                return true;
            }
        }
    }
    // Process substitution / command substitution handed to an interpreter, or PowerShell's iex.
    lower.contains("<(curl")
        || lower.contains("<(wget")
        || lower.contains("$(curl")
        || lower.contains("$(wget")
        || lower.contains("`curl")
        || words(&lower).iter().any(|w| w == "iex" || w == "invoke-expression")
}

#[cfg(test)]
mod tests {
    use super::pipes_download_into_interpreter as p2s;

    #[test]
    fn pipe_to_shell_forms() {
        assert!(p2s("curl -fsSL https://x.sh/install | sh"));
        assert!(p2s("curl -fsSL https://x.sh/install | sudo bash -s -- --yes"));
        assert!(p2s("wget -qO- https://x | bash"));
        assert!(p2s("bash <(curl -s https://x)"));
        assert!(p2s("sh -c \"$(curl -fsSL https://x)\""));
        assert!(p2s("iwr https://x/i.ps1 | iex"));
        assert!(p2s("iex ((New-Object Net.WebClient).DownloadString('https://x'))"));
        assert!(p2s("/usr/bin/curl https://x | /bin/sh"));
        assert!(!p2s("curl -o /tmp/x https://x && ls"));
        assert!(!p2s("cat file | sh"));
        assert!(!p2s("echo confirm | sh"));
        assert!(!p2s("npx -y pkg | tee log"));
        assert!(!p2s(""));
    }
}
