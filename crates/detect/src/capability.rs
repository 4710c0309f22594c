//! Capability labels for a tool: what calling it can do, from its name, description,
//! input-schema property names and annotations, each label with its reasons.
//!
//! Annotations (`readOnlyHint`, `destructiveHint`, `openWorldHint`, `idempotentHint`)
//! are claims of the server: they add labels but never remove one found elsewhere. When
//! they contradict the other evidence (a `delete_file` tool with `readOnlyHint: true`) the
//! disagreement is recorded, both on the label and in [`ToolLabels::disagreements`].

use std::collections::BTreeMap;

use serde_json::Value;

/// What a tool can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Capability {
    Read,
    Write,
    Destructive,
    Exec,
    NetworkEgress,
    /// Returns content written by third parties (web pages, emails, issues): an injection vector.
    UntrustedContentSource,
    /// Returns the user's private data (files, mail, databases, secrets).
    PrivateDataSource,
}

impl Capability {
    pub const ALL: &'static [Capability] = &[
        Capability::Read,
        Capability::Write,
        Capability::Destructive,
        Capability::Exec,
        Capability::NetworkEgress,
        Capability::UntrustedContentSource,
        Capability::PrivateDataSource,
    ];

    /// Stable kebab-case id.
    pub fn id(self) -> &'static str {
        match self {
            Capability::Read => "read",
            Capability::Write => "write",
            Capability::Destructive => "destructive",
            Capability::Exec => "exec",
            Capability::NetworkEgress => "network-egress",
            Capability::UntrustedContentSource => "untrusted-content-source",
            Capability::PrivateDataSource => "private-data-source",
        }
    }
}

/// Where a reason came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    Name,
    Description,
    Schema,
    Annotation,
    /// Follows from another label (destructive implies write).
    Implied,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reason {
    pub source: Source,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Label {
    pub capability: Capability,
    pub reasons: Vec<Reason>,
}

/// The labels of one tool.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ToolLabels {
    /// In [`Capability`] order.
    pub labels: Vec<Label>,
    /// Where the server's annotations contradict the other evidence.
    pub disagreements: Vec<String>,
}

impl ToolLabels {
    pub fn has(&self, c: Capability) -> bool {
        self.labels.iter().any(|l| l.capability == c)
    }

    pub fn get(&self, c: Capability) -> Option<&Label> {
        self.labels.iter().find(|l| l.capability == c)
    }

    pub fn capabilities(&self) -> impl Iterator<Item = Capability> + '_ {
        self.labels.iter().map(|l| l.capability)
    }
}

/// Tool annotations as sent in `tools/list`. Absent means unknown: the spec's defaults
/// are not assumed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Annotations {
    pub read_only: Option<bool>,
    pub destructive: Option<bool>,
    pub idempotent: Option<bool>,
    pub open_world: Option<bool>,
}

impl Annotations {
    /// Reads the `annotations` object; anything malformed is ignored.
    pub fn from_json(v: &Value) -> Annotations {
        let get = |k: &str| v.get(k).and_then(Value::as_bool);
        Annotations {
            read_only: get("readOnlyHint"),
            destructive: get("destructiveHint"),
            idempotent: get("idempotentHint"),
            open_world: get("openWorldHint"),
        }
    }
}

/// Labels a tool. `annotations` is the tool's `annotations` object, if any.
pub fn label_tool(
    name: &str,
    description: &str,
    input_schema: Option<&Value>,
    annotations: Option<&Value>,
) -> ToolLabels {
    let mut acc = Acc::default();
    // Nouns (files, issues, inbox) make a tool a *source* only if it reads: `write_file`
    // is not a private-data source, `read_file` is. They are applied once all verbs are in.
    let mut nouns = Vec::new();
    from_name(name, &mut acc, &mut nouns);
    from_description(description, &mut acc, &mut nouns);
    if let Some(schema) = input_schema {
        let mut props = Vec::new();
        collect_properties(schema, 0, &mut props);
        from_schema(&props, &mut acc, &mut nouns);
    }
    let ann = annotations.map(Annotations::from_json).unwrap_or_default();
    apply_annotations(name, ann, &mut acc);
    if acc.map.contains_key(&Read) {
        for (cap, source, detail) in nouns {
            acc.add(cap, source, detail);
        }
    }
    if acc.map.contains_key(&Capability::Destructive) {
        acc.add(Capability::Write, Source::Implied, "destructive implies write".into());
    }
    ToolLabels {
        labels: acc
            .map
            .into_iter()
            .map(|(capability, reasons)| Label { capability, reasons })
            .collect(),
        disagreements: acc.disagreements,
    }
}

#[derive(Default)]
struct Acc {
    map: BTreeMap<Capability, Vec<Reason>>,
    disagreements: Vec<String>,
}

impl Acc {
    fn add(&mut self, c: Capability, source: Source, detail: String) {
        let reasons = self.map.entry(c).or_default();
        if reasons.len() < 8 && !reasons.iter().any(|r| r.source == source && r.detail == detail) {
            reasons.push(Reason { source, detail });
        }
    }

    fn has_other_than(&self, c: Capability, source: Source) -> bool {
        self.map.get(&c).is_some_and(|rs| rs.iter().any(|r| r.source != source))
    }
}

use Capability::*;

const READ_VERBS: &[&str] = &[
    "get",
    "read",
    "list",
    "search",
    "find",
    "convert",
    "query",
    "show",
    "view",
    "describe",
    "lookup",
    "look",
    "cat",
    "head",
    "tail",
    "retrieve",
    "load",
    "inspect",
    "status",
    "info",
    "count",
    "stat",
    "ls",
    "grep",
    "select",
    "fetch",
    "download",
    "diff",
    "log",
    "check",
    "explore",
    "tree",
    "glob",
    "scan",
    "summarize",
    "analyze",
    "print",
    "export",
    "watch",
    "browse",
    "navigate",
    "screenshot",
    "snapshot",
    "peek",
    "poll",
    "receive",
    "recv",
    "return",
    "returns",
];
const WRITE_VERBS: &[&str] = &[
    "write",
    "create",
    "update",
    "edit",
    "set",
    "put",
    "add",
    "insert",
    "upload",
    "save",
    "modify",
    "patch",
    "append",
    "rename",
    "move",
    "mv",
    "copy",
    "cp",
    "commit",
    "push",
    "merge",
    "send",
    "publish",
    "post",
    "comment",
    "reply",
    "assign",
    "upsert",
    "mkdir",
    "store",
    "apply",
    "replace",
    "enable",
    "disable",
    "archive",
    "install",
    "deploy",
    "schedule",
    "book",
    "submit",
    "approve",
    "fork",
    "transfer",
    "pay",
    "invite",
    "register",
    "init",
    "import",
    "sync",
    "configure",
    "change",
    "toggle",
    "mark",
    "lock",
    "unlock",
    "fill",
    "type",
    "click",
    "press",
    "drag",
    "hover",
    "tweet",
    "notify",
    "email",
    "message",
    "order",
    "purchase",
    "buy",
    "charge",
    "refund",
    "grant",
    // Closing a page, tab or connection loses no data.
    "close",
];
const DESTRUCTIVE_VERBS: &[&str] = &[
    "delete",
    "remove",
    "rm",
    "rmdir",
    "drop",
    "destroy",
    "purge",
    "truncate",
    "wipe",
    "erase",
    "kill",
    "terminate",
    "revoke",
    "uninstall",
    "unlink",
    "prune",
    "shutdown",
    "format",
    "overwrite",
    "discard",
    "reset",
    "clear",
    "flush",
    "evict",
    "ban",
    "deactivate",
    "expunge",
    "nuke",
    "force",
    "cancel",
    "unpublish",
];
const EXEC_WORDS: &[&str] = &[
    "exec",
    "execute",
    "shell",
    "bash",
    "sh",
    "zsh",
    "powershell",
    "pwsh",
    "cmd",
    "command",
    "eval",
    "evaluate",
    "spawn",
    "subprocess",
    "terminal",
    "interpreter",
    "repl",
    "sandbox",
    "applescript",
    "osascript",
];
/// After "run"/"execute": what makes it code execution rather than a query or a test report.
const EXEC_OBJECTS: &[&str] = &[
    "code",
    "script",
    "command",
    "commands",
    "python",
    "node",
    "js",
    "javascript",
    "shell",
    "bash",
    "program",
    "binary",
    "process",
    "snippet",
    "notebook",
    "cell",
    "terminal",
    "ruby",
    "perl",
    "php",
    "typescript",
    "deno",
];
const NETWORK_WORDS: &[&str] = &[
    "fetch",
    "http",
    "https",
    "request",
    "url",
    "uri",
    "web",
    "browse",
    "navigate",
    "download",
    "upload",
    "email",
    "mail",
    "gmail",
    "smtp",
    "slack",
    "discord",
    "telegram",
    "whatsapp",
    "sms",
    "webhook",
    "api",
    "curl",
    "wget",
    "tweet",
    "twitter",
    "ping",
    "dns",
    "socket",
    "scrape",
    "crawl",
    "websearch",
    "google",
    "internet",
    "github",
    "gitlab",
    "jira",
    "linear",
    "notion",
    "stripe",
    "s3",
    "cloudflare",
    "supabase",
    "sentry",
    "figma",
    "salesforce",
    "hubspot",
    "shopify",
    "teams",
    "zoom",
    "openai",
    "anthropic",
    "bing",
    "brave",
    "tavily",
    "perplexity",
    "exa",
    "firecrawl",
];
const UNTRUSTED_WORDS: &[&str] = &[
    "fetch",
    "browse",
    "navigate",
    "scrape",
    "crawl",
    "web",
    "url",
    "download",
    "websearch",
    "email",
    "inbox",
    "mail",
    "gmail",
    "issue",
    "issues",
    "comment",
    "comments",
    "pull",
    "pr",
    "review",
    "reviews",
    "tweet",
    "tweets",
    "post",
    "posts",
    "message",
    "messages",
    "chat",
    "feed",
    "rss",
    "news",
    "page",
    "website",
    "ticket",
    "tickets",
    "thread",
    "threads",
    "forum",
    "reddit",
    "snapshot",
    "screenshot",
];
const PRIVATE_WORDS: &[&str] = &[
    "file",
    "files",
    "directory",
    "directories",
    "dir",
    "folder",
    "fs",
    "filesystem",
    "email",
    "inbox",
    "mail",
    "gmail",
    "message",
    "messages",
    "dm",
    "chat",
    "calendar",
    "event",
    "events",
    "contacts",
    "contact",
    "drive",
    "document",
    "documents",
    "doc",
    "docs",
    "notes",
    "note",
    "database",
    "db",
    "sql",
    "postgres",
    "mysql",
    "sqlite",
    "mongo",
    "redis",
    "secret",
    "secrets",
    "credential",
    "credentials",
    "password",
    "passwords",
    "vault",
    "keychain",
    "env",
    "environment",
    "history",
    "photos",
    "photo",
    "location",
    "health",
    "bank",
    "account",
    "accounts",
    "transactions",
    "payments",
    "customer",
    "customers",
    "profile",
    "private",
    "clipboard",
    "screen",
    "memory",
    "memories",
    "repo",
    "repository",
    "repositories",
    "table",
    "tables",
    "record",
    "records",
    "ssh",
];

/// Lowercase words of `s`. Names split camelCase too (`getUserEmails`); prose does not
/// (`GitHub` stays one word).
fn tokens(s: &str) -> Vec<String> {
    split_words(s, true)
}

fn prose_tokens(s: &str) -> Vec<String> {
    split_words(s, false)
}

fn split_words(s: &str, camel: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in s.chars().take(4096) {
        if c.is_alphanumeric() {
            if camel && c.is_uppercase() && prev_lower && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            cur.extend(c.to_lowercase());
        } else {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
        }
        if out.len() >= 2048 {
            break;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The table entry `w` matches, allowing simple inflections (`creates`, `modifies`, `pushes`).
fn in_table(w: &str, table: &[&'static str]) -> Option<&'static str> {
    let mut cands = vec![w.to_string()];
    if let Some(s) = w.strip_suffix("ies") {
        cands.push(format!("{s}y"));
    }
    if let Some(s) = w.strip_suffix("es") {
        cands.push(s.to_string());
    }
    if let Some(s) = w.strip_suffix('s') {
        cands.push(s.to_string());
    }
    cands
        .iter()
        .find_map(|c| table.iter().find(|t| **t == c.as_str()).copied())
}

/// Words that are verbs or nouns depending on position (`post_comment` vs `get_post`):
/// they count as verbs only as the first word of a name.
const NOUNISH: &[&str] = &[
    "post",
    "comment",
    "email",
    "message",
    "order",
    "type",
    "mark",
    "lock",
    "tweet",
    "log",
    "tree",
    "info",
    "status",
    "count",
    "head",
    "tail",
    "book",
    "charge",
    "change",
    "store",
    "archive",
    "record",
    "format",
    "force",
    "fill",
    "copy",
    "set",
    "notify",
    "export",
    "check",
    "watch",
    "return",
    "returns",
    "snapshot",
    "screenshot",
    "diff",
    "tree",
    "stat",
    "grant",
    "register",
    "press",
    "click",
    "hover",
];

/// Reading verbs that by themselves mean content comes from outside.
const FETCH_VERBS: &[&str] = &[
    "fetch",
    "browse",
    "navigate",
    "scrape",
    "crawl",
    "download",
    "websearch",
];

/// Words that name a communication channel: next to one of them "message" is someone's
/// message, elsewhere it is usually a log, commit or demo message.
const COMM_WORDS: &[&str] = &[
    "slack",
    "email",
    "mail",
    "gmail",
    "chat",
    "thread",
    "channel",
    "inbox",
    "dm",
    "sms",
    "discord",
    "telegram",
    "whatsapp",
    "teams",
    "conversation",
];

fn is_verb(t: &str) -> bool {
    in_table(t, READ_VERBS).is_some() || in_table(t, WRITE_VERBS).is_some() || in_table(t, DESTRUCTIVE_VERBS).is_some()
}

fn from_name(name: &str, acc: &mut Acc, nouns: &mut Vec<(Capability, Source, String)>) {
    let toks = tokens(name);
    // The verb comes first, or second after a product or API prefix (`slack_post_message`).
    let verb_slot = match toks.first() {
        Some(t) if !is_verb(t) => 1,
        _ => 0,
    };
    let comm = toks.iter().any(|t| in_table(t, COMM_WORDS).is_some());
    for (i, t) in toks.iter().enumerate() {
        let next: Vec<&str> = toks.iter().skip(i + 1).take(3).map(String::as_str).collect();
        let detail = |w: &str| format!("name \"{name}\" contains \"{w}\"");
        let as_verb = i == verb_slot || in_table(t, NOUNISH).is_none();
        let mut used_as_verb = false;
        if as_verb {
            if let Some(w) = in_table(t, DESTRUCTIVE_VERBS) {
                acc.add(Destructive, Source::Name, detail(w));
                used_as_verb = true;
            }
            if let Some(w) = in_table(t, WRITE_VERBS) {
                acc.add(Write, Source::Name, detail(w));
                used_as_verb = true;
            }
            // Reading verbs keep their noun sense: `take_screenshot` returns a screenshot.
            if let Some(w) = in_table(t, READ_VERBS) {
                acc.add(Read, Source::Name, detail(w));
            }
        }
        // A writing verb is not also the thing it acts on (`post_message` returns no post);
        // a lone "message" is not a communication (`get-annotated-message`, `commit_message`);
        // "requests" are a log of requests (`list_network_requests`), not a request.
        let noun_ok = !(used_as_verb && in_table(t, NOUNISH).is_some()) && (t != "message" || comm);
        let network_ok = t != "requests";
        if let Some(w) = exec_word(t, &next) {
            acc.add(Exec, Source::Name, detail(w));
        } else if is_sql_exec(t, &next) {
            acc.add(
                Write,
                Source::Name,
                format!("name \"{name}\" executes database statements"),
            );
            acc.add(
                Read,
                Source::Name,
                format!("name \"{name}\" executes database statements"),
            );
        }
        if let Some(w) = in_table(t, NETWORK_WORDS).filter(|_| network_ok) {
            acc.add(NetworkEgress, Source::Name, detail(w));
        }
        if let Some(w) = in_table(t, FETCH_VERBS) {
            acc.add(UntrustedContentSource, Source::Name, detail(w));
        } else if let Some(w) = in_table(t, UNTRUSTED_WORDS).filter(|_| noun_ok) {
            nouns.push((UntrustedContentSource, Source::Name, detail(w)));
        }
        if let Some(w) = in_table(t, PRIVATE_WORDS).filter(|_| noun_ok) {
            nouns.push((PrivateDataSource, Source::Name, detail(w)));
        }
    }
}

/// "execute a SQL statement", "run_query": database statements, not code execution.
fn is_sql_exec(t: &str, next: &[&str]) -> bool {
    matches!(t, "execute" | "executes" | "exec" | "run" | "runs")
        && next.iter().take(4).any(|n| {
            matches!(
                *n,
                "sql" | "query" | "queries" | "statement" | "statements" | "subquery" | "subqueries" | "cypher"
            )
        })
        && !next.iter().any(|n| EXEC_OBJECTS.contains(n))
}

fn exec_word(t: &str, next: &[&str]) -> Option<&'static str> {
    if is_sql_exec(t, next) {
        return None;
    }
    if let Some(w) = in_table(t, EXEC_WORDS) {
        return Some(w);
    }
    if matches!(
        t,
        "run" | "runs" | "execute" | "executes" | "launch" | "launches" | "invoke" | "invokes"
    ) && next.iter().any(|n| EXEC_OBJECTS.contains(n))
    {
        return Some("run");
    }
    None
}

/// Words skipped before a sentence's main verb ("Use this tool to delete…").
const LEAD_IN: &[&str] = &[
    "use", "this", "tool", "to", "allows", "allow", "you", "lets", "let", "used", "will", "can", "a", "an", "the",
    "please", "helps", "help", "for", "it", "which", "that", "may", "also", "and", "function", "i", "we", "simply",
    "quickly", "easily",
];
const NEGATIONS: &[&str] = &[
    "not", "never", "no", "without", "doesn", "don", "cannot", "can't", "won", "nor", "t",
    // "use this instead of execute_command": names another tool, not this one.
    "instead",
];

/// Words that open a description sentence as a noun far more often than as a verb
/// ("Status of the command…", "Format: /org/project").
const DESCRIPTION_NOUNS: &[&str] = &[
    "status",
    "info",
    "count",
    "tree",
    "stat",
    "head",
    "tail",
    "log",
    "diff",
    "format",
    "snapshot",
    "screenshot",
    "command",
    "shell",
    "terminal",
];

const DESCRIPTION_PHRASES: &[(&str, Capability, &str)] = &[
    ("overwrite", Destructive, "overwrites existing data"),
    ("overwrites", Destructive, "overwrites existing data"),
    ("permanently", Destructive, "acts permanently"),
    ("irreversible", Destructive, "is irreversible"),
    ("irreversibly", Destructive, "is irreversible"),
    ("undone", Destructive, "cannot be undone"),
    ("arbitrary", Exec, "runs arbitrary code or commands"),
    ("subprocess", Exec, "spawns processes"),
    ("spawn", Exec, "spawns processes"),
    ("spawns", Exec, "spawns processes"),
    ("repl", Exec, "drives an interactive interpreter"),
];

fn from_description(description: &str, acc: &mut Acc, nouns: &mut Vec<(Capability, Source, String)>) {
    for sentence in description.split(['.', '!', '?', '\n', ';']).take(64) {
        let words = prose_tokens(sentence);
        // The sentence's main verb: the first word after a lead-in.
        if let Some(pos) = words
            .iter()
            .take(8)
            .position(|w| !LEAD_IN.contains(&w.as_str()))
            .filter(|&pos| in_table(&words[pos], DESCRIPTION_NOUNS).is_none())
        {
            let verb = words[pos].as_str();
            let detail = |w: &str| format!("description: \"{w}\" …");
            if let Some(w) = in_table(verb, DESTRUCTIVE_VERBS) {
                acc.add(Destructive, Source::Description, detail(w));
            }
            // Exec from prose needs a verb and its object ("executes a shell command"), found
            // below; a sentence opening with a noun ("Command to run", "Shell: bash") is not one.
            if let Some(w) = in_table(verb, WRITE_VERBS) {
                acc.add(Write, Source::Description, detail(w));
            }
            if let Some(w) = in_table(verb, READ_VERBS) {
                acc.add(Read, Source::Description, detail(w));
            }
        }
        for (i, w) in words.iter().enumerate() {
            let negated = words[i.saturating_sub(3)..i]
                .iter()
                .any(|p| NEGATIONS.contains(&p.as_str()));
            if negated {
                continue;
            }
            let next: Vec<&str> = words.iter().skip(i + 1).take(4).map(String::as_str).collect();
            for &(p, cap, why) in DESCRIPTION_PHRASES {
                // "arbitrary" alone is vague; "arbitrary code/commands" is exec.
                let fits = p != "arbitrary" || next.iter().any(|n| EXEC_OBJECTS.contains(n));
                if w == p && fits {
                    acc.add(cap, Source::Description, format!("description: {why}"));
                }
            }
            if matches!(
                w.as_str(),
                "execute" | "executes" | "run" | "runs" | "evaluate" | "evaluates" | "eval" | "launch" | "launches"
            ) {
                // In prose the verb needs a code object: "evaluates the given expression" is
                // arithmetic, "evaluate JavaScript" is code.
                let code_object = next.iter().any(|n| EXEC_OBJECTS.contains(n));
                if let Some(e) = exec_word(w, &next).filter(|_| code_object) {
                    acc.add(
                        Exec,
                        Source::Description,
                        format!("description: \"{e}\" + \"{}\"", next.join(" ")),
                    );
                }
            }
            if let Some(n) = in_table(
                w,
                &[
                    "internet", "url", "urls", "http", "https", "webhook", "website", "online",
                ],
            ) {
                acc.add(
                    NetworkEgress,
                    Source::Description,
                    format!("description mentions \"{n}\""),
                );
            }
            // "per request", "in the browser console": in prose these are nouns of the local
            // machinery far more often than a request going out.
            if let Some(n) = in_table(w, NETWORK_WORDS)
                .filter(|n| n.len() > 3 && !matches!(*n, "fetch" | "download" | "request" | "browse"))
            {
                acc.add(
                    NetworkEgress,
                    Source::Description,
                    format!("description mentions \"{n}\""),
                );
            }
            let pair = next.first().map(|n| format!("{w} {n}"));
            let prev = if i > 0 { words[i - 1].as_str() } else { "" };
            // "email address" is an identifier, not mail; "TODO comments" and a table's
            // "comment" are the user's own text; "messages" are someone's only near a channel.
            let identifier = next.first().is_some_and(|n| matches!(*n, "address" | "addresses"));
            let own_text = w == "comment" || matches!(prev, "todo" | "fixme" | "code" | "inline" | "source");
            let comm_sentence = words.iter().any(|x| in_table(x, COMM_WORDS).is_some() && x != "email");
            let untrusted = if identifier || own_text {
                None
            } else if w == "messages" && comm_sentence {
                Some("messages".to_string())
            } else if w == "web"
                && (prev == "the"
                    || next
                        .first()
                        .is_some_and(|n| matches!(*n, "search" | "page" | "pages" | "content" | "results" | "sources")))
            {
                // "search the web", "web pages": content from the open web.
                Some("web".to_string())
            } else {
                in_table(
                    w,
                    &[
                        "internet", "url", "website", "webpage", "issue", "comment", "email", "inbox", "tweet", "rss",
                        "forum",
                    ],
                )
                .map(str::to_string)
                .or_else(|| {
                    pair.clone()
                        .filter(|p| matches!(p.as_str(), "web page" | "search results" | "pull requests"))
                })
            };
            if let Some(n) = untrusted {
                nouns.push((
                    UntrustedContentSource,
                    Source::Description,
                    format!("description mentions \"{n}\""),
                ));
            }
            let private = pair
                .clone()
                .filter(|p| {
                    matches!(
                        p.as_str(),
                        "file system" | "private repositories" | "environment variables"
                    )
                })
                .or_else(|| {
                    in_table(
                        w,
                        &[
                            "filesystem",
                            "file",
                            "directory",
                            "inbox",
                            "calendar",
                            "contacts",
                            "database",
                            "credential",
                            "secret",
                            "password",
                            "private",
                            "personal",
                        ],
                    )
                    .map(str::to_string)
                });
            if let Some(n) = private {
                nouns.push((
                    PrivateDataSource,
                    Source::Description,
                    format!("description mentions \"{n}\""),
                ));
            }
        }
    }
}

/// An input-schema property: its name and whether its schema declares a URL format.
struct Prop {
    name: String,
    uri_format: bool,
}

/// Properties of an input schema (nested objects and array items too), bounded.
fn collect_properties(schema: &Value, depth: usize, out: &mut Vec<Prop>) {
    if depth > 5 || out.len() >= 256 {
        return;
    }
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for (k, v) in props {
            if out.len() >= 256 {
                return;
            }
            let format = v.get("format").and_then(Value::as_str);
            out.push(Prop {
                name: k.clone(),
                uri_format: matches!(format, Some("uri" | "url" | "iri" | "uri-reference")),
            });
            collect_properties(v, depth + 1, out);
        }
    }
    if let Some(items) = schema.get("items") {
        collect_properties(items, depth + 1, out);
    }
}

/// Parameter names that hold code or a command when they are the whole name or its last word
/// (`command`, `initScript`); a single word inside a longer name is not enough
/// (`countryCode`, `status_check`), and `expression` is usually arithmetic or a JSONPath.
const EXEC_PARAMS: &[&str] = &[
    "command",
    "commands",
    "cmd",
    "script",
    "shell",
    "code",
    "bash",
    "powershell",
    "eval",
    "javascript",
    "python",
    "snippet",
];

/// Parameters naming where a message goes. "to", "channel" or "phone" are addresses only
/// next to a message body: `create_relations({from, to, relationType})` sends nothing.
const ADDRESS_PARAMS: &[&str] = &[
    "to",
    "email",
    "phone",
    "phone_number",
    "channel",
    "channel_id",
    "to_number",
];
const UNAMBIGUOUS_ADDRESS_PARAMS: &[&str] = &["recipient", "recipients", "cc", "bcc", "to_email", "to_address"];
const MESSAGE_BODY_PARAMS: &[&str] = &["subject", "body", "message", "text", "content", "html", "msg"];

fn from_schema(props: &[Prop], acc: &mut Acc, nouns: &mut Vec<(Capability, Source, String)>) {
    let joined_names: Vec<String> = props.iter().map(|p| tokens(&p.name).join("_")).collect();
    let has_body = joined_names.iter().any(|j| MESSAGE_BODY_PARAMS.contains(&j.as_str()));
    for (prop, joined) in props.iter().zip(&joined_names) {
        let p = &prop.name;
        let toks = tokens(p);
        let detail = format!("parameter \"{p}\"");
        let any = |set: &[&str]| toks.iter().any(|t| set.contains(&t.as_str())) || set.contains(&joined.as_str());
        let last = toks.last().map(String::as_str).unwrap_or("");
        if EXEC_PARAMS.contains(&joined.as_str()) || matches!(last, "command" | "commands" | "cmd" | "script") {
            acc.add(Exec, Source::Schema, detail.clone());
        }
        if prop.uri_format
            || any(&[
                "url", "urls", "uri", "uris", "endpoint", "webhook", "host", "hostname", "domain", "href",
            ])
        {
            acc.add(NetworkEgress, Source::Schema, detail.clone());
        }
        if UNAMBIGUOUS_ADDRESS_PARAMS.contains(&joined.as_str())
            || (has_body && ADDRESS_PARAMS.contains(&joined.as_str()))
        {
            acc.add(NetworkEgress, Source::Schema, detail.clone());
        }
        if any(&[
            "path",
            "paths",
            "file",
            "filename",
            "filepath",
            "directory",
            "dir",
            "folder",
            "sql",
        ]) {
            nouns.push((PrivateDataSource, Source::Schema, detail.clone()));
        }
        if any(&["force", "recursive", "purge"]) && acc.map.contains_key(&Destructive) {
            acc.add(Destructive, Source::Schema, detail.clone());
        }
    }
}

fn apply_annotations(name: &str, ann: Annotations, acc: &mut Acc) {
    let disagree = |acc: &mut Acc, cap: Capability, claim: &str| {
        let msg = format!("{claim} but \"{name}\" looks {}", cap.id());
        acc.add(cap, Source::Annotation, format!("contradicts {claim}"));
        acc.disagreements.push(msg);
    };
    match ann.read_only {
        Some(true) => {
            for cap in [Write, Destructive, Exec] {
                if acc.has_other_than(cap, Source::Annotation) {
                    disagree(acc, cap, "readOnlyHint: true");
                }
            }
            acc.add(Read, Source::Annotation, "readOnlyHint: true".into());
        }
        Some(false) if ![Write, Destructive, Exec].iter().any(|c| acc.map.contains_key(c)) => {
            acc.add(
                Write,
                Source::Annotation,
                "readOnlyHint: false (modifies its environment)".into(),
            );
        }
        _ => {}
    }
    match ann.destructive {
        Some(true) if ann.read_only == Some(true) => {
            acc.disagreements
                .push("destructiveHint: true contradicts readOnlyHint: true".into());
            acc.add(Destructive, Source::Annotation, "destructiveHint: true".into());
        }
        Some(true) => acc.add(Destructive, Source::Annotation, "destructiveHint: true".into()),
        Some(false) if acc.has_other_than(Destructive, Source::Annotation) => {
            disagree(acc, Destructive, "destructiveHint: false");
        }
        _ => {}
    }
    match ann.open_world {
        Some(true) => acc.add(NetworkEgress, Source::Annotation, "openWorldHint: true".into()),
        Some(false) if acc.has_other_than(NetworkEgress, Source::Annotation) => {
            disagree(acc, NetworkEgress, "openWorldHint: false");
        }
        _ => {}
    }
    if ann.idempotent == Some(true) {
        if let Some(rs) = acc.map.get_mut(&Destructive) {
            rs.push(Reason {
                source: Source::Annotation,
                detail: "idempotentHint: true (repeating has no extra effect)".into(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_splits_cases() {
        assert_eq!(tokens("getUserEmails"), ["get", "user", "emails"]);
        assert_eq!(tokens("read_text-file.v2"), ["read", "text", "file", "v2"]);
        assert_eq!(tokens("HTTPRequest"), ["httprequest"]);
    }

    #[test]
    fn inflections() {
        assert_eq!(in_table("creates", WRITE_VERBS), Some("create"));
        assert_eq!(in_table("modifies", WRITE_VERBS), Some("modify"));
        assert_eq!(in_table("pushes", WRITE_VERBS), Some("push"));
        assert_eq!(in_table("zebra", WRITE_VERBS), None);
    }
}
