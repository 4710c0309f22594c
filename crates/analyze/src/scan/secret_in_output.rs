//! `MW-SCAN-004` secret-in-output: a credential in text a tool returns (or any scanned
//! text).

use crate::finding::{Category, Severity};
use crate::rule::RuleMeta;

pub static META: RuleMeta = RuleMeta {
    id: "MW-SCAN-004",
    name: "secret-in-output",
    category: Category::SecretInOutput,
    severity: Severity::High,
    summary: "A credential appears in the scanned text (tool output, file, log)",
    checklist: None,
    doc: r#"## What it finds
Credentials in the scanned text: provider tokens with a documented format (GitHub,
AWS, Slack, OpenAI, Anthropic, Stripe… more than 130 kinds, checksums verified where
the format has one), private keys, passwords in URLs, and `NAME=value` assignments with
secret-like names. Placeholders (`<your-token>`, `sk-...`, `${VAR}`) are not reported.
Known formats are high severity, unverified ones medium, bare assignments low. The
evidence shows only the type prefix and four characters, with a keyed fingerprint.

## Why it matters
The seed's first threat is a server that "can leak tokens". A secret in a tool result
ends up in the model's context, the chat history and whatever the model sends next;
from there it is one prompt injection away from leaving.

## Example
```
tool output: deployed with ghp_…a1b2 (github-pat, fp:3f9c1e)
```

## Fix
Rotate the credential (re-issue it, least privilege), then find why the tool returns
it. At run time set `output.secrets = "redact"` (or `"block"`) for the server."#,
};
