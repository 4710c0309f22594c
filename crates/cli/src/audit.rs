//! `mcpward audit`: discover, run every static rule, apply accepted findings,
//! render, and map what is left to the exit code.

use crate::args::{AuditArgs, FormatArg, OutputArgs};
use crate::sources;
use crate::{state, term, CliError, Outcome};
use mcpward_analyze::report::{self, OutputFormat, RenderOptions, Report};
use mcpward_analyze::suppress::{self, Allow, Baseline};
use mcpward_analyze::{rules, run_rules, Context, Severity};
use std::path::{Path, PathBuf};

pub fn run(args: &AuditArgs) -> Result<Outcome, CliError> {
    let src = sources::load(&args.source.paths, &args.source.discovery)?;
    let state_dir = state::state_dir(&src.home);
    let (key, key_note) = state::fingerprint_key(&state_dir);
    let cx = Context::new(&src.files, &src.home, &key);
    let mut findings = run_rules(&cx, &rules::all());
    // Problems reaching the paths asked for are errors of the run.
    let mut errors = src.errors.clone();
    errors.extend(key_note);

    if let Some(path) = &args.write_baseline {
        let text = suppress::write_baseline(&findings);
        std::fs::write(path, text).map_err(|e| CliError::Runtime(format!("cannot write {}: {e}", path.display())))?;
        eprintln!(
            "mcpward: wrote {} finding(s) to baseline {}",
            findings.len(),
            path.display()
        );
        return Ok(Outcome::Clean);
    }

    let baseline = args.baseline.as_deref().map(read_baseline).transpose()?;
    let allows = read_allows(args.config.as_deref(), &state_dir)?;
    let rep = suppress::apply(&mut findings, &args.ignore, baseline.as_ref(), &allows, state::today());
    findings.extend(rep.findings);
    for unknown in &rep.unknown_ignores {
        errors.push(format!("--ignore {unknown}: no such rule (see `mcpward rules`)"));
    }

    let report = Report::new(&src.files, findings, errors, &src.home);
    render_and_exit(&report, &args.output, &src.home)
}

/// Renders, writes, and decides the exit code from unsuppressed findings.
pub fn render_and_exit(report: &Report, out: &OutputArgs, home: &Path) -> Result<Outcome, CliError> {
    let format = match out.format {
        FormatArg::Table => OutputFormat::Table,
        FormatArg::Json => OutputFormat::Json,
        FormatArg::Sarif => OutputFormat::Sarif,
        FormatArg::Markdown => OutputFormat::Markdown,
    };
    let fail_on = out.fail_on.threshold();
    let mut opts = RenderOptions::new(home);
    opts.color = term::use_color(out.no_color, out.output.is_some());
    opts.fail_on = fail_on.unwrap_or(Severity::Critical);
    opts.sarif_base = std::env::current_dir().ok();
    if let Some(w) = term::width() {
        opts.width = w;
    }
    let text = report::render(report, format, &opts);
    term::emit(&text, out.output.as_deref())?;
    // Errors reaching the path (a directory that does not exist) are usage errors.
    if !report.errors.is_empty() && report.files.is_empty() {
        return Err(CliError::Usage(report.errors.join("; ")));
    }
    Ok(match fail_on {
        Some(sev) if suppress::exit_worthy(&report.findings, sev) => Outcome::Findings,
        _ => Outcome::Clean,
    })
}

fn read_baseline(path: &Path) -> Result<Baseline, CliError> {
    let text = read_text(path)?;
    suppress::load_baseline(&text).map_err(|e| CliError::Usage(format!("baseline {}: {e}", path.display())))
}

/// `--config FILE`, else `./mcpward.toml`, else `<state>/config.toml`; absent is fine.
fn read_allows(explicit: Option<&Path>, state_dir: &Path) -> Result<Vec<Allow>, CliError> {
    let path: Option<PathBuf> = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => [PathBuf::from("mcpward.toml"), state_dir.join("config.toml")]
            .into_iter()
            .find(|p| p.is_file()),
    };
    let Some(path) = path else { return Ok(Vec::new()) };
    let text = read_text(&path)?;
    suppress::parse_allows(&text, &path).map_err(|e| CliError::Usage(e.to_string()))
}

fn read_text(path: &Path) -> Result<String, CliError> {
    let meta = std::fs::metadata(path).map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))?;
    if meta.len() > 16 * 1024 * 1024 {
        return Err(CliError::Usage(format!("{}: too large", path.display())));
    }
    std::fs::read_to_string(path).map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))
}
