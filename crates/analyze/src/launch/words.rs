//! Command-line words: splitting a command string as a shell would, and
//! reading a launcher's options up to the word where its package or script
//! (and then the server's own arguments) begins.

/// One command-line word and, when it is one of the entry's `args`, its index there.
#[derive(Debug, Clone)]
pub(super) struct Tok {
    pub s: String,
    pub arg: Option<usize>,
}

impl Tok {
    /// A word that is not one of the entry's `args` as written (the `command`,
    /// or a word split out of a string).
    pub fn unplaced(s: String) -> Tok {
        Tok { s, arg: None }
    }

    pub fn unplaced_all(words: Vec<String>) -> Vec<Tok> {
        words.into_iter().map(Tok::unplaced).collect()
    }
}

/// Splits a command string into words. `posix`: backslash escapes and single
/// quotes as in sh; otherwise (cmd) only double quotes group and backslashes are literal.
pub fn split_words(s: &str, posix: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            '\'' if posix => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    cur.push(q);
                }
            }
            '"' => {
                in_word = true;
                while let Some(q) = chars.next() {
                    match q {
                        '"' => break,
                        '\\' if posix => match chars.next() {
                            Some(e @ ('"' | '\\' | '$' | '`')) => cur.push(e),
                            Some(e) => {
                                cur.push('\\');
                                cur.push(e);
                            }
                            None => cur.push('\\'),
                        },
                        q => cur.push(q),
                    }
                }
            }
            '\\' if posix => {
                in_word = true;
                if let Some(e) = chars.next() {
                    cur.push(e);
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        out.push(cur);
    }
    out
}

/// `--name=value` → (`--name`, Some(value)); `--name` → (`--name`, None).
pub(super) fn split_eq(s: &str) -> (&str, Option<&str>) {
    match s.split_once('=') {
        Some((n, v)) if n.starts_with("--") => (n, Some(v)),
        _ => (s, None),
    }
}

/// Finds the first non-option word of `toks` (skipping options, and the value of
/// those named in `takes_value`); returns its index and text.
pub(super) fn sub<'a>(toks: &'a [Tok], takes_value: &[&str]) -> Option<(usize, &'a str)> {
    let mut i = 0;
    while let Some(t) = toks.get(i) {
        let s = t.s.as_str();
        if s.starts_with('-') {
            if takes_value.contains(&s) {
                i += 1;
            }
            i += 1;
            continue;
        }
        return Some((i, s));
    }
    None
}

/// Where the server's own arguments start, in the entry's `args` numbering.
pub(super) fn args_at(toks: &[Tok], k: usize, total_args: usize) -> Option<usize> {
    match toks.get(k) {
        Some(t) => t.arg,
        None => match toks.last() {
            Some(t) => t.arg.map(|i| i + 1),
            // Nothing after the launcher: the server has no arguments of its own.
            None => Some(total_args),
        },
    }
}

pub(super) fn rest_strings(toks: &[Tok], k: usize) -> Vec<String> {
    toks.get(k..).unwrap_or(&[]).iter().map(|t| t.s.clone()).collect()
}

/// Where a launcher's options stop.
pub(super) struct Scan {
    /// The first positional word (the package, its bin, a script), if any.
    pub positional: Option<usize>,
    /// The index just after the positional (after the options when there is none).
    pub next: usize,
    /// The positional came after a `--`.
    pub after_separator: bool,
}

/// Reads a launcher's options up to its first positional word. `--` ends the
/// options (the word after it is the positional); a lone `-` is positional when
/// `dash_is_positional`. An option for which `takes_value` holds gets the next
/// word as its value unless written `--name=value`. `on_option(name, value)` is
/// called for every option, in order.
pub(super) fn scan_options(
    toks: &[Tok],
    dash_is_positional: bool,
    takes_value: impl Fn(&str) -> bool,
    mut on_option: impl FnMut(&str, Option<&str>),
) -> Scan {
    let mut i = 0;
    let mut positional = None;
    let mut after_separator = false;
    while let Some(t) = toks.get(i) {
        let s = t.s.as_str();
        if s == "--" {
            i += 1;
            if toks.get(i).is_some() {
                positional = Some(i);
                after_separator = true;
                i += 1;
            }
            break;
        }
        if !s.starts_with('-') || (dash_is_positional && s == "-") {
            positional = Some(i);
            i += 1;
            break;
        }
        let (name, inline) = split_eq(s);
        let value = if takes_value(name) && inline.is_none() {
            i += 1;
            toks.get(i).map(|t| t.s.as_str())
        } else {
            inline
        };
        on_option(name, value);
        i += 1;
    }
    Scan {
        positional,
        next: i,
        after_separator,
    }
}

/// Skips the options that start at `toks[i]` (and the values of those named in
/// `takes_value`, unless written `--name=value`), showing each option word as
/// written to `on_option`; returns the index of the first word that is not one.
/// Unlike [`scan_options`], `--` is just another option here.
pub(super) fn skip_options(toks: &[Tok], mut i: usize, takes_value: &[&str], mut on_option: impl FnMut(&str)) -> usize {
    while let Some(t) = toks.get(i) {
        let s = t.s.as_str();
        if !s.starts_with('-') {
            break;
        }
        on_option(s);
        let (name, inline) = split_eq(s);
        if takes_value.contains(&name) && inline.is_none() {
            i += 1;
        }
        i += 1;
    }
    i
}
