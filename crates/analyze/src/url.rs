//! URLs, split by hand: `scheme://[userinfo@]host[:port][/path][?query][#fragment]`.
//!
//! Every URL that reaches analyze came from a configuration file or a command
//! line, so it is hostile text: splitting never panics (every cut is at an ASCII
//! delimiter found in the text, so on a char boundary), never allocates more
//! than the input, and never decodes or normalises anything it was not asked to.
//! There is no validation beyond what [`Url::parse`] documents: a URL that
//! cannot be read is the caller's to skip, never guessed at.

use std::ops::Range;

/// A URL split into its parts, each a byte range of the text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url<'a> {
    text: &'a str,
    scheme: Option<Range<usize>>,
    userinfo: Option<Range<usize>>,
    host: Range<usize>,
    port: Option<Range<usize>>,
    path: Range<usize>,
    query: Option<Range<usize>>,
    fragment: Option<Range<usize>>,
    /// The host was written in brackets (`[::1]`), as IP literals are.
    bracketed: bool,
    /// A `[` opened an IP literal that no `]` closed.
    unclosed_bracket: bool,
}

impl<'a> Url<'a> {
    /// Splits a well-formed absolute URL. `None` unless there is a `://` after a
    /// non-empty scheme of letters, digits and `+-.`, and every `[` around the host
    /// is closed. The text is taken as given (trim it first if needed).
    pub fn parse(text: &'a str) -> Option<Url<'a>> {
        let url = Url::split(text);
        let scheme = url.scheme()?;
        let scheme_ok = !scheme.is_empty() && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b));
        (scheme_ok && !url.unclosed_bracket).then_some(url)
    }

    /// Splits whatever is given, as far as it goes: without `://` there is no
    /// scheme and the text starts with the authority (`user@host:1/path`), and an
    /// unclosed `[` takes the rest of the authority as the host. For text that is
    /// only to be shown or looked up, where [`Url::parse`] would give up.
    pub fn split(text: &'a str) -> Url<'a> {
        let (scheme, after_scheme) = match text.find("://") {
            Some(i) => (Some(0..i), i + 3),
            None => (None, 0),
        };
        let (fragment, end) = match find_from(text, after_scheme, &['#']) {
            Some(h) => (Some(h + 1..text.len()), h),
            None => (None, text.len()),
        };
        let authority_end = find_from(&text[..end], after_scheme, &['/', '?']).unwrap_or(end);
        let (userinfo, host_start) = match text[after_scheme..authority_end].rfind('@') {
            Some(at) => (Some(after_scheme..after_scheme + at), after_scheme + at + 1),
            None => (None, after_scheme),
        };
        let hostport = &text[host_start..authority_end];
        let bracketed = hostport.starts_with('[');
        let mut unclosed_bracket = false;
        let (host, port) = if let Some(inner) = hostport.strip_prefix('[') {
            let inner_start = host_start + 1;
            match inner.find(']') {
                Some(close) => {
                    let after = inner_start + close + 1;
                    let port = text[after..authority_end]
                        .starts_with(':')
                        .then(|| after + 1..authority_end);
                    (inner_start..inner_start + close, port)
                }
                None => {
                    unclosed_bracket = true;
                    (inner_start..authority_end, None)
                }
            }
        } else {
            match hostport.rfind(':') {
                Some(c) => (host_start..host_start + c, Some(host_start + c + 1..authority_end)),
                None => (host_start..authority_end, None),
            }
        };
        let (path, query) = match find_from(&text[..end], authority_end, &['?']) {
            Some(q) => (authority_end..q, Some(q + 1..end)),
            None => (authority_end..end, None),
        };
        Url {
            text,
            scheme,
            userinfo,
            host,
            port,
            path,
            query,
            fragment,
            bracketed,
            unclosed_bracket,
        }
    }

    /// As written (compare it case-insensitively).
    pub fn scheme(&self) -> Option<&'a str> {
        self.part(&self.scheme)
    }

    /// Everything before the last `@` of the authority (`user:password`, a token).
    pub fn userinfo(&self) -> Option<&'a str> {
        self.part(&self.userinfo)
    }

    /// Where [`Url::userinfo`] sits in the text.
    pub fn userinfo_span(&self) -> Option<Range<usize>> {
        self.userinfo.clone()
    }

    /// The host as written, without the brackets of an IP literal (`::1` for
    /// `[::1]`); may be empty.
    pub fn host(&self) -> &'a str {
        self.text.get(self.host.clone()).unwrap_or("")
    }

    /// The host was written in brackets (`[::1]`), as an IP literal is.
    pub fn host_in_brackets(&self) -> bool {
        self.bracketed
    }

    pub fn port(&self) -> Option<&'a str> {
        self.part(&self.port)
    }

    /// From the first `/` after the authority to the query or fragment; may be empty.
    pub fn path(&self) -> &'a str {
        self.text.get(self.path.clone()).unwrap_or("")
    }

    /// After the first `?` of the path, up to the fragment.
    pub fn query(&self) -> Option<&'a str> {
        self.part(&self.query)
    }

    /// Where [`Url::query`] sits in the text.
    pub fn query_span(&self) -> Option<Range<usize>> {
        self.query.clone()
    }

    /// After the first `#`.
    pub fn fragment(&self) -> Option<&'a str> {
        self.part(&self.fragment)
    }

    /// Where [`Url::fragment`] sits in the text.
    pub fn fragment_span(&self) -> Option<Range<usize>> {
        self.fragment.clone()
    }

    fn part(&self, range: &Option<Range<usize>>) -> Option<&'a str> {
        range.clone().and_then(|r| self.text.get(r))
    }
}

/// The first of `delims` in `text[from..]`, as an index into `text`.
fn find_from(text: &str, from: usize, delims: &[char]) -> Option<usize> {
    text.get(from..)?.find(delims).map(|i| from + i)
}

/// Where the authority that starts `text` ends: at the first `/`, `?` or `#`.
pub fn authority_end(text: &str) -> usize {
    text.find(['/', '?', '#']).unwrap_or(text.len())
}

/// The lower-case host of a URL (with or without a scheme), for looking it up:
/// without user info or port, an IP literal with its brackets (`[::1]`). `None`
/// when there is none. Outside brackets the host stops at the first `:`, so
/// that `h:1:2` (not a valid authority) looks up `h`.
pub fn host_lowercase(url: &str) -> Option<String> {
    let parts = Url::split(url.trim());
    if parts.host_in_brackets() {
        return Some(format!("[{}]", parts.host().to_ascii_lowercase()));
    }
    let host = parts.host().split(':').next().unwrap_or_default();
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// `name=value` pairs of a query string, in order; values percent-decoded.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (percent_decode(k), percent_decode(v)),
            None => (percent_decode(p), String::new()),
        })
        .collect()
}

/// Decodes `%XX` and `+`; malformed escapes are kept as written.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (hex(b[i + 1]), hex(b[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// True when connecting to `host` (as [`Url::host`] gives it) stays on this machine.
pub fn is_loopback(host: &str) -> bool {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    if h == "localhost" || h.ends_with(".localhost") || h == "0.0.0.0" {
        return true;
    }
    if let Some(v4) = parse_ipv4(&h) {
        return v4[0] == 127;
    }
    match parse_ipv6(&h) {
        // `::1`, the unspecified `::` (which connects locally), and IPv4-mapped 127/8.
        Some(g) => {
            g == [0, 0, 0, 0, 0, 0, 0, 1] || g == [0; 8] || g[..5] == [0; 5] && g[5] == 0xffff && g[6] >> 8 == 127
        }
        None => false,
    }
}

fn parse_ipv6(h: &str) -> Option<[u16; 8]> {
    let h = h.split_once('%').map_or(h, |(a, _)| a);
    fn groups(s: &str) -> Option<Vec<u16>> {
        if s.is_empty() {
            return Some(Vec::new());
        }
        let parts: Vec<&str> = s.split(':').collect();
        let mut out = Vec::new();
        for (i, p) in parts.iter().enumerate() {
            if i + 1 == parts.len() && p.contains('.') {
                let v4 = parse_ipv4(p)?;
                out.push(u16::from(v4[0]) << 8 | u16::from(v4[1]));
                out.push(u16::from(v4[2]) << 8 | u16::from(v4[3]));
            } else if (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_hexdigit()) {
                out.push(u16::from_str_radix(p, 16).ok()?);
            } else {
                return None;
            }
        }
        Some(out)
    }
    let (head, tail) = match h.split_once("::") {
        Some((a, b)) if !b.contains("::") => (groups(a)?, Some(groups(b)?)),
        Some(_) => return None,
        None => (groups(h)?, None),
    };
    let mut out = [0u16; 8];
    match tail {
        None if head.len() == 8 => out.copy_from_slice(&head),
        Some(tail) if head.len() + tail.len() <= 7 => {
            out[..head.len()].copy_from_slice(&head);
            out[8 - tail.len()..].copy_from_slice(&tail);
        }
        _ => return None,
    }
    Some(out)
}

fn parse_ipv4(h: &str) -> Option<[u8; 4]> {
    let mut out = [0u8; 4];
    let mut n = 0;
    for part in h.split('.') {
        if n == 4 || part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out[n] = part.parse().ok()?;
        n += 1;
    }
    (n == 4).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_part() {
        let u = Url::parse("https://u:p@Example.com:8443/a/b?x=1&token=abc#frag").unwrap();
        assert_eq!(u.scheme(), Some("https"));
        assert_eq!(u.userinfo(), Some("u:p"));
        assert_eq!(u.host(), "Example.com");
        assert_eq!(u.port(), Some("8443"));
        assert_eq!(u.path(), "/a/b");
        assert_eq!(u.query(), Some("x=1&token=abc"));
        assert_eq!(u.fragment(), Some("frag"));
        let text = "https://u:p@h/x?q=1";
        let u = Url::parse(text).unwrap();
        assert_eq!(u.userinfo_span().map(|r| &text[r]), Some("u:p"));
        assert_eq!(u.query_span().map(|r| &text[r]), Some("q=1"));
        let u = Url::parse("http://[::1]:3000/mcp").unwrap();
        assert_eq!(u.host(), "::1");
        assert_eq!(u.port(), Some("3000"));
        let u = Url::parse("http://h?a=/b").unwrap();
        assert_eq!((u.path(), u.query()), ("", Some("a=/b")));
        let u = Url::parse("http://h/p#f?x=1").unwrap();
        assert_eq!((u.path(), u.query(), u.fragment()), ("/p", None, Some("f?x=1")));
        assert_eq!(Url::parse("http://h").map(|u| (u.path(), u.port())), Some(("", None)));
    }

    #[test]
    fn parse_rejects_what_is_not_a_url() {
        for s in ["not a url", "http://[::1/x", "://h", "a b://h", "é://h", "h/p://x"] {
            assert!(Url::parse(s).is_none(), "{s}");
        }
    }

    #[test]
    fn split_takes_what_there_is() {
        let u = Url::split("alice:pw@db.example:5432/app?sslmode=off");
        assert_eq!(u.scheme(), None);
        assert_eq!(u.userinfo(), Some("alice:pw"));
        assert_eq!(u.host(), "db.example");
        assert_eq!(u.path(), "/app");
        assert_eq!(u.query(), Some("sslmode=off"));
        let u = Url::split("http://[::1");
        assert_eq!(u.host(), "::1");
        assert!(Url::parse("http://[::1").is_none());
        // The last `@` ends the user info: `@` is not allowed in a host.
        assert_eq!(Url::split("https://a@b@c/x").userinfo(), Some("a@b"));
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host_lowercase("https://user:pw@Mcp.Example.com:8443/x?y").as_deref(),
            Some("mcp.example.com")
        );
        assert_eq!(host_lowercase(" http://[::1]:3000/mcp ").as_deref(), Some("[::1]"));
        assert_eq!(host_lowercase("example.com/mcp").as_deref(), Some("example.com"));
        assert_eq!(host_lowercase(""), None);
        assert_eq!(host_lowercase("https:///x"), None);
        assert_eq!(host_lowercase("http://h:1:2/x").as_deref(), Some("h"));
        assert_eq!(host_lowercase("http://[::1").as_deref(), Some("[::1]"));
        assert_eq!(authority_end("u:p@h:1/x"), 7);
        assert_eq!(authority_end("h#x/y"), 1);
        assert_eq!(authority_end("h"), 1);
    }

    #[test]
    fn hostile_urls_do_not_panic() {
        for s in [
            "",
            "://",
            "a://",
            "@",
            "://@",
            "?=&=",
            "x://a@b?c=d=e&&f",
            "é://ü@ß?ä=ö",
            "http://@",
            "http://[",
            "http://]:",
            "http://[]:",
            "http://[::1]x:y",
            "http://%",
            "http://h/?%",
            "http://h/?a=%Z",
            "http://h/?a=%e2%8",
            "ws://é:ü@ñ/ß?ä=ö",
            "http://h:/?&&==&",
            "#://x",
            "a#b://c@d",
            "x://:@ ://@:/ é://ü:ß@host",
        ] {
            for u in [Some(Url::split(s)), Url::parse(s)].into_iter().flatten() {
                let _ = (u.scheme(), u.userinfo(), u.port(), u.path(), u.fragment());
                let _ = is_loopback(u.host());
                if let Some(q) = u.query() {
                    let _ = query_pairs(q);
                }
            }
            let _ = host_lowercase(s);
            let _ = authority_end(s);
        }
        assert_eq!(percent_decode("%41%"), "A%");
        assert_eq!(percent_decode("%4"), "%4");
        assert_eq!(percent_decode("a+b%20c"), "a b c");
        assert_eq!(
            query_pairs("a=1&&b&c=%41"),
            vec![
                ("a".to_owned(), "1".to_owned()),
                ("b".to_owned(), String::new()),
                ("c".to_owned(), "A".to_owned())
            ]
        );
    }

    #[test]
    fn loopback() {
        for h in [
            "localhost",
            "LOCALHOST",
            "127.0.0.1",
            "127.1.2.3",
            "::1",
            "0:0:0:0:0:0:0:1",
            "0.0.0.0",
            "::ffff:127.0.0.1",
            "a.localhost",
        ] {
            assert!(is_loopback(h), "{h}");
        }
        for h in [
            "example.com",
            "10.0.0.1",
            "128.0.0.1",
            "localhost.example.com",
            "::2",
            "1::1",
            "1277.0.0.1",
            "127.0.0",
        ] {
            assert!(!is_loopback(h), "{h}");
        }
    }
}
