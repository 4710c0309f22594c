//! `MW-SCAN-003` hidden-content: content a person reviewing the text cannot see but the
//! model reads.

use crate::finding::{Category, Severity};
use crate::rule::RuleMeta;

pub static META: RuleMeta = RuleMeta {
    id: "MW-SCAN-003",
    name: "hidden-content",
    category: Category::HiddenContent,
    severity: Severity::Medium,
    summary: "Text contains content a reviewer cannot see (invisible Unicode, escapes, hidden markup)",
    checklist: None,
    doc: r#"## What it finds
Unicode tag characters, zero-width and other invisible characters inside words,
bidirectional controls, variation-selector runs, terminal escape sequences, HTML
comments and invisible markup, text pushed out of view by long whitespace, and
look-alike letters mixed into Latin words, when together they reach a suspicious
level. Only the hidden part of the evidence is judged here; what it says is judged by
prompt-injection (MW-SCAN-001) and tool-poisoning (MW-SCAN-002).

## Why it matters
The seed's threat is instructions "hidden in a web page": what a human approves is not
what the model reads when part of the text is invisible. Hidden content in a tool
description defeats the checklist's "Tool list inspected" item.

## Example
```
Returns the current time.\u{E0049}\u{E0067}\u{E006E}…   (Unicode tag characters, invisible)
```

## Fix
Look at the evidence (invisible characters are shown as escapes). Strip the hidden
content, or keep `output.neutralize = true` (the default) in the mcpward policy so it is
made visible or removed before a client sees it."#,
};
