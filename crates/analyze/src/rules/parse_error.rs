//! `MW-CFG-001` parse-error: a configuration file, or one entry in it, that
//! could not be read.

use crate::finding::{Category, Severity};
use crate::rule::{Context, FindingBuilder, Rule, RuleMeta};
use crate::Finding;

pub struct ParseError;

static META: RuleMeta = RuleMeta {
    id: "MW-CFG-001",
    name: "parse-error",
    category: Category::ParseError,
    severity: Severity::Medium,
    summary: "A client configuration file, or one server entry in it, could not be read",
    checklist: None,
    doc: r#"## What it finds
A configuration file that is not valid JSON/JSONC/TOML/YAML, is not UTF-8, is too
large, is a directory, cannot be opened, or a server entry whose shape the client
would reject (for example `args` that is not a list).

## Why it matters
A file mcpward cannot read is a file it cannot vouch for. The client may still read
part of it (or a future version may), so servers in it run unchecked. A broken entry
often hides a half-finished edit, the moment a token is most likely pasted in.

## Example
```jsonc
{ "mcpServers": { "github": { "command": "npx" "args": [] } } }   // missing comma
```

## Fix
Correct the syntax at the line shown; the client will refuse the file too. Then run
`mcpward audit` again so the servers in it are checked."#,
};

impl Rule for ParseError {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for file in cx.files {
            for problem in &file.problems {
                let b = FindingBuilder::new(&META, problem.message.clone())
                    .file(file)
                    .at(problem.pos)
                    .identity(problem.message.as_str())
                    .fix("Correct the file at the line shown (the client rejects it too), then audit again.");
                let b = match &problem.server {
                    Some(server) => b.server_name(server),
                    None => b,
                };
                b.push(cx, out);
            }
        }
    }
}
