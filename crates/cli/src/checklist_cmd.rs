//! `mcpward checklist [SERVER]`: the seed's pre-install checklist per server.

use crate::args::{ChecklistArgs, FormatArg};
use crate::{sources, state, term, CliError, Outcome};
use mcpward_analyze::checklist::{self, Status};
use mcpward_analyze::{rules, run_rules, Context};

pub fn run(args: &ChecklistArgs) -> Result<Outcome, CliError> {
    let src = sources::load(&args.source.paths, &args.source.discovery)?;
    let (key, _) = state::fingerprint_key(&state::state_dir(&src.home));
    let cx = Context::new(&src.files, &src.home, &key);
    let findings = run_rules(&cx, &rules::all());
    let mut lists = checklist::checklist(&cx, &findings);
    if let Some(name) = &args.server {
        lists.retain(|l| &l.server == name);
        if lists.is_empty() {
            return Err(CliError::Usage(format!(
                "no server named `{name}` in the configurations read"
            )));
        }
    }
    let text = match args.format {
        FormatArg::Json => {
            let mut s = serde_json::to_string_pretty(&serde_json::json!({
                "version": env!("CARGO_PKG_VERSION"),
                "servers": lists,
                "errors": src.errors,
            }))
            .map_err(|e| CliError::Runtime(e.to_string()))?;
            s.push('\n');
            s
        }
        FormatArg::Markdown => checklist::render_markdown(&lists, &src.home),
        FormatArg::Table => checklist::render_table(&lists, &src.home, term::use_color(args.no_color, false)),
        FormatArg::Sarif => {
            return Err(CliError::Usage(
                "checklist supports --format table, json or markdown".into(),
            ))
        }
    };
    term::emit(&text, None)?;
    // A failed item is a finding-level result: exit 1 as audit does for findings.
    let any_fail = lists.iter().filter(|l| !l.disabled).any(|l| l.count(Status::Fail) > 0);
    Ok(if any_fail { Outcome::Findings } else { Outcome::Clean })
}
