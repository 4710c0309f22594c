//! `mcpward rules` and `mcpward rules explain ID`.

use crate::args::{FormatArg, RulesArgs, RulesCommand};
use crate::{CliError, Outcome};

pub fn run(args: &RulesArgs) -> Result<Outcome, CliError> {
    let text = match &args.command {
        Some(RulesCommand::Explain { rule }) => {
            let m = mcpward_analyze::find_meta(rule)
                .ok_or_else(|| CliError::Usage(format!("no rule `{rule}`; `mcpward rules` lists them")))?;
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
                let list: Vec<serde_json::Value> = mcpward_analyze::all_metas()
                    .iter()
                    .map(|m| {
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
                for m in mcpward_analyze::all_metas() {
                    s.push_str(&format!(
                        "{:<12} {:<22} {:<9} {}\n",
                        m.id,
                        m.name,
                        m.severity.as_str(),
                        m.summary
                    ));
                }
                s.push_str("\n`mcpward rules explain ID` prints a rule's documentation.\n");
                s
            }
        },
    };
    crate::term::emit(&text, None)?;
    Ok(Outcome::Clean)
}
