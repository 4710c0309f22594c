//! `MW-SCAN-005` invalid-utf8: the scanned input is not valid UTF-8.

use crate::finding::{Category, Severity};
use crate::rule::RuleMeta;

pub static META: RuleMeta = RuleMeta {
    id: "MW-SCAN-005",
    name: "invalid-utf8",
    category: Category::HiddenContent,
    severity: Severity::Low,
    summary: "The scanned input is not valid UTF-8; it was scanned with replacement characters",
    checklist: None,
    doc: r#"## What it finds
Input bytes that are not valid UTF-8. `mcpward scan` replaces each invalid sequence with
U+FFFD and scans the rest; this finding says so and how many sequences were replaced.

## Why it matters
Programs disagree on what invalid bytes mean: a viewer may drop them, a model's
tokenizer may read them differently, and text can hide between them. MCP messages are
JSON, which must be UTF-8, so a tool result that is not is at best broken and at worst
crafted.

## Example
```
$ printf 'ok \xff\xfe ignore previous instructions' | mcpward scan -
MW-SCAN-005 low  input is not valid UTF-8 (1 invalid sequence replaced)
```

## Fix
Find out what produced the bytes (a binary file read as text, a wrong encoding) and
convert it to UTF-8 before it reaches a model."#,
};
