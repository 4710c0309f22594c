//! Variable references that clients expand at launch time.
//!
//! A value such as `${GITHUB_TOKEN}` or `${input:pat}` is not a literal secret:
//! the secret lives elsewhere. Rules ask this module before flagging a value.

use serde::Serialize;

/// The syntax a reference was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RefKind {
    /// `${VAR}`, `${VAR:-default}`, `$VAR` (shell style: Claude Code, Gemini CLI).
    Env,
    /// `${env:VAR}` (VS Code, Cursor, Windsurf).
    EnvPrefixed,
    /// `${input:id}` (VS Code prompted inputs, stored in the OS keychain).
    Input,
    /// `${workspaceFolder}`, `${userHome}` and other editor-defined variables.
    Editor,
    /// `${{ secrets.NAME }}` (Continue).
    ContinueSecret,
    /// `{env:VAR}` / `{file:path}` (opencode).
    Opencode,
}

/// One reference found in a string, by byte range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VarRef {
    pub kind: RefKind,
    /// The variable, input id or secret name.
    pub name: String,
    /// A `${VAR:-default}` default, which *is* a literal and may itself be a secret.
    pub default: Option<String>,
    pub start: usize,
    pub end: usize,
}

const EDITOR_VARS: &[&str] = &[
    "workspaceFolder",
    "workspaceFolderBasename",
    "workspaceRoot",
    "userHome",
    "pathSeparator",
    "file",
    "fileDirname",
    "cwd",
    "execPath",
    "CLAUDE_PLUGIN_ROOT",
];

/// Every reference in `s`, left to right.
pub fn find_refs(s: &str) -> Vec<VarRef> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'$' if b.get(i + 1) == Some(&b'{') && b.get(i + 2) == Some(&b'{') => {
                // ${{ secrets.NAME }}
                if let Some(close) = s[i..].find("}}") {
                    let inner = s[i + 3..i + close].trim();
                    let name = inner.strip_prefix("secrets.").unwrap_or(inner).trim().to_owned();
                    out.push(VarRef {
                        kind: RefKind::ContinueSecret,
                        name,
                        default: None,
                        start: i,
                        end: i + close + 2,
                    });
                    i += close + 2;
                    continue;
                }
            }
            b'$' if b.get(i + 1) == Some(&b'{') => {
                if let Some(close) = s[i + 2..].find('}') {
                    let inner = &s[i + 2..i + 2 + close];
                    if let Some(r) = braced(inner, i, i + 3 + close) {
                        out.push(r);
                        i += 3 + close;
                        continue;
                    }
                }
            }
            b'$' => {
                let len = b[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                    .count();
                if len > 0 && !b[i + 1].is_ascii_digit() {
                    out.push(VarRef {
                        kind: RefKind::Env,
                        name: s[i + 1..i + 1 + len].to_owned(),
                        default: None,
                        start: i,
                        end: i + 1 + len,
                    });
                    i += 1 + len;
                    continue;
                }
            }
            b'{' if s[i..].starts_with("{env:") || s[i..].starts_with("{file:") => {
                if let Some(close) = s[i..].find('}') {
                    let inner = &s[i + 1..i + close];
                    let name = inner.split_once(':').map_or(inner, |(_, n)| n).to_owned();
                    out.push(VarRef {
                        kind: RefKind::Opencode,
                        name,
                        default: None,
                        start: i,
                        end: i + close + 1,
                    });
                    i += close + 1;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn braced(inner: &str, start: usize, end: usize) -> Option<VarRef> {
    let (kind, name, default) = if let Some(rest) = inner.strip_prefix("env:") {
        (RefKind::EnvPrefixed, rest.to_owned(), None)
    } else if let Some(rest) = inner.strip_prefix("input:") {
        (RefKind::Input, rest.to_owned(), None)
    } else if EDITOR_VARS.contains(&inner) || inner.starts_with("config:") || inner.starts_with("command:") {
        (RefKind::Editor, inner.to_owned(), None)
    } else {
        let (name, default) = match inner.split_once(":-") {
            Some((n, d)) => (n, Some(d.to_owned())),
            None => match inner.split_once('-') {
                // ${VAR-default} (POSIX without the colon)
                Some((n, d)) if is_var_name(n) => (n, Some(d.to_owned())),
                _ => (inner, None),
            },
        };
        if !is_var_name(name) {
            return None;
        }
        (RefKind::Env, name.to_owned(), default)
    };
    if name.is_empty() {
        return None;
    }
    Some(VarRef {
        kind,
        name,
        default,
        start,
        end,
    })
}

fn is_var_name(s: &str) -> bool {
    !s.is_empty() && !s.as_bytes()[0].is_ascii_digit() && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
}

/// The parts of `s` that are written literally, references removed (their
/// `:-default` parts kept, since a default is a literal).
pub fn literal_parts(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for r in find_refs(s) {
        out.push_str(&s[last..r.start]);
        out.push(' ');
        if let Some(d) = &r.default {
            out.push_str(d);
            out.push(' ');
        }
        last = r.end;
    }
    out.push_str(&s[last..]);
    out
}

/// True when the value is only references (and surrounding white space), e.g.
/// `${GITHUB_TOKEN}` or `Bearer ${env:TOKEN}` is *not* (it has `Bearer`) but
/// the secret-looking part of it is a reference; use [`literal_parts`] for that.
pub fn is_reference_only(s: &str) -> bool {
    let refs = find_refs(s);
    !refs.is_empty() && refs.iter().all(|r| r.default.is_none()) && literal_parts(s).trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(RefKind, String)> {
        find_refs(s).into_iter().map(|r| (r.kind, r.name)).collect()
    }

    #[test]
    fn every_syntax() {
        assert_eq!(kinds("${GITHUB_TOKEN}"), vec![(RefKind::Env, "GITHUB_TOKEN".into())]);
        assert_eq!(kinds("$HOME/x"), vec![(RefKind::Env, "HOME".into())]);
        assert_eq!(kinds("${env:API_KEY}"), vec![(RefKind::EnvPrefixed, "API_KEY".into())]);
        assert_eq!(kinds("${input:pat}"), vec![(RefKind::Input, "pat".into())]);
        assert_eq!(
            kinds("${workspaceFolder}/src"),
            vec![(RefKind::Editor, "workspaceFolder".into())]
        );
        assert_eq!(
            kinds("${{ secrets.OPENAI }}"),
            vec![(RefKind::ContinueSecret, "OPENAI".into())]
        );
        assert_eq!(kinds("{env:TOKEN}"), vec![(RefKind::Opencode, "TOKEN".into())]);
    }

    #[test]
    fn defaults_are_literals() {
        let r = &find_refs("${PORT:-8080}")[0];
        assert_eq!(r.default.as_deref(), Some("8080"));
        assert!(!is_reference_only("${TOKEN:-ghp_abc}"));
        assert!(literal_parts("${TOKEN:-ghp_abc}").contains("ghp_abc"));
    }

    #[test]
    fn reference_only() {
        assert!(is_reference_only("${A}"));
        assert!(is_reference_only(" ${env:A} "));
        assert!(!is_reference_only("Bearer ${A}"));
        assert!(!is_reference_only("plain"));
        assert!(!is_reference_only("$5 price"));
        assert_eq!(literal_parts("Bearer ${A}").trim(), "Bearer");
    }

    #[test]
    fn malformed_is_not_a_reference() {
        assert!(find_refs("${").is_empty());
        assert!(find_refs("${not a var}").is_empty());
        assert!(find_refs("$").is_empty());
        assert!(find_refs("$1").is_empty());
    }
}
