//! `MW-SCAN-001` prompt-injection: instructions aimed at the model in text that passes
//! through a tool (a tool result, a resource, a prompt, any text given to `mcpward scan`).

use crate::finding::{Category, Severity};
use crate::rule::RuleMeta;

pub static META: RuleMeta = RuleMeta {
    id: "MW-SCAN-001",
    name: "prompt-injection",
    category: Category::PromptInjection,
    severity: Severity::High,
    summary: "Text a tool returns (or any scanned text) carries instructions aimed at the model",
    checklist: None,
    doc: r#"## What it finds
Text that tells the model what to do instead of informing it: "ignore previous
instructions", fake `<system>` blocks and chat-template tokens, "do not tell the user",
demands to read credential files or to send the conversation somewhere, markdown
images whose URL carries data out, in any supported language and also when hidden
(HTML comments, invisible markup, Unicode tag characters, base64). Suspicious verdicts
are medium, malicious ones high.

## Why it matters
The seed warns that a server "can read your SSH keys, leak tokens, run shell commands,
or obey instructions hidden in a web page": a model cannot tell data from instructions,
so a web page, an issue or a file it reads through a tool can steer every other tool it
has.

## Example
```
$ curl -s https://example.com/page | mcpward scan -
MW-SCAN-001 high  prompt injection in the text: override, secrecy, exfil-link (score 0.93)
```

## Fix
Treat the source as hostile: do not feed it to an agent that also holds private data
or can send data out. At run time, set `output.injection = "flag"`, `"redact"` or
`"block"` for the server in the mcpward policy."#,
};
