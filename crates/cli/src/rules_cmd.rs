//! `mcpward rules` and `mcpward rules explain ID`.

use crate::args::{FormatArg, RulesArgs, RulesCommand};
use crate::{CliError, Outcome};
use mcpward_analyze::rules;

pub fn run(args: &RulesArgs) -> Result<Outcome, CliError> {
    let text = match &args.command {
        Some(RulesCommand::Explain { rule }) => {
            let r = mcpward_analyze::find_rule(rule)
                .ok_or_else(|| CliError::Usage(format!("no rule `{rule}`; `mcpward rules` lists them")))?;
            let m = r.meta();
            let checklist = m
                .checklist
                .map(|c| format!("Checklist: item {} — {}\n", c.number(), c.text()))
                .unwrap_or_default();
            format!(
                "{} {} ({}, default severity {})\n{}\n{}\n{}\n",
                m.id,
                m.name,
                m.category,
                m.severity,
                m.summary,
                checklist,
                m.doc.trim_end()
            )
        }
        None => match args.format {
            FormatArg::Json => {
                let list: Vec<serde_json::Value> = rules::all()
                    .iter()
                    .map(|r| {
                        let m = r.meta();
                        serde_json::json!({
                            "id": m.id,
                            "name": m.name,
                            "category": m.category.as_str(),
                            "severity": m.severity.as_str(),
                            "summary": m.summary,
                            "checklist": m.checklist.map(|c| c.id()),
                        })
                    })
                    .collect();
                let mut s = serde_json::to_string_pretty(&list).map_err(|e| CliError::Runtime(e.to_string()))?;
                s.push('\n');
                s
            }
            _ => {
                let mut s = String::new();
                for r in rules::all() {
                    let m = r.meta();
                    s.push_str(&format!("{:<12} {:<22} {:<9} {}\n", m.id, m.name, m.severity.as_str(), m.summary));
                }
                s.push_str("\n`mcpward rules explain ID` prints a rule's documentation.\n");
                s
            }
        },
    };
    crate::term::emit(&text, None)?;
    Ok(Outcome::Clean)
}
