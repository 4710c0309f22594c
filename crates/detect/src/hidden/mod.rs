//! Content a human reviewer cannot see but a model reads: Unicode tag characters,
//! zero-width and other invisible format characters, bidi controls, variation-selector
//! smuggling, terminal escapes, control characters, HTML comments, text pushed away by
//! long whitespace, invisible markup and look-alike letters mixed into Latin words.
//!
//! Every pass here is linear in the input and allocates only for what it finds. Weights
//! are context-free; [`crate::injection::scan`] adjusts them for the [`crate::verdict::ScanContext`]
//! and re-scans decoded payloads (tag characters, variation selectors) for instructions.

use std::ops::Range;

use crate::neutralize::{excerpt_in, visible_excerpt};
use crate::verdict::{Signal, SignalKind, Sink};

mod markup;
mod skip;

/// Runs of this many whitespace characters or more, followed by text, count as hiding.
pub const WHITESPACE_RUN: usize = 80;

/// What [`scan`] found.
#[derive(Debug, Clone, Default)]
pub struct HiddenScan {
    /// Context-free weights.
    pub signals: Vec<Signal>,
    /// Byte ranges of the original text that a person would not see when rendered
    /// (comment bodies, hidden elements, text after a whitespace run). Instructions found
    /// inside them weigh more.
    pub regions: Vec<Range<usize>>,
    /// Text decoded from invisible carriers (tag characters, variation selectors).
    pub payloads: Vec<DecodedPayload>,
}

/// Text recovered from an invisible carrier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedPayload {
    /// Where the carrier sits in the original text.
    pub span: Range<usize>,
    pub text: String,
    pub via: SignalKind,
}

/// Classification of a single character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Plain,
    Tag,
    Invisible,
    Bidi,
    Selector,
    C0,
    C1,
    Esc,
}

pub(crate) fn class_of(c: char) -> Class {
    match c as u32 {
        0x1B => Class::Esc,
        0x00..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F => Class::C0,
        0x80..=0x9F => Class::C1,
        0x00AD
        | 0x034F
        | 0x115F
        | 0x1160
        | 0x17B4
        | 0x17B5
        | 0x180E
        | 0x200B..=0x200D
        | 0x2060..=0x2065
        | 0x206A..=0x206F
        | 0x3164
        | 0xFEFF
        | 0xFFA0
        | 0xFFF9..=0xFFFB
        | 0x1D173..=0x1D17A
        | 0x1BCA0..=0x1BCA3 => Class::Invisible,
        0x061C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069 => Class::Bidi,
        0xFE00..=0xFE0F | 0xE0100..=0xE01EF => Class::Selector,
        0xE0000..=0xE007F => Class::Tag,
        _ => Class::Plain,
    }
}

/// Kind of a terminal escape sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Esc {
    /// `ESC [ … m`; `conceal` when it contains SGR 8 (hidden text).
    Sgr { conceal: bool },
    /// Any other CSI: cursor movement, erase, modes.
    Csi,
    /// `ESC ] code ; …` terminated by BEL or ST (or the end of the text).
    Osc { code: u32 },
    /// DCS, SOS, PM, APC strings.
    Str,
    /// Two- or three-byte escapes (`ESC c`, `ESC ( B`…).
    Short,
    /// A lone ESC.
    Lone,
}

/// One hidden item found by [`Items`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ItemKind {
    /// A run of tag characters (not an emoji flag sequence).
    Tags,
    Invisible(char),
    Bidi(char),
    /// Two or more consecutive variation selectors.
    Selectors,
    /// A single variation selector where none belongs.
    StraySelector,
    C0(u8),
    LoneCr,
    C1(char),
    Escape(Esc),
    /// A Cyrillic/Greek look-alike next to a Latin letter.
    Confusable(char),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    pub range: Range<usize>,
    pub kind: ItemKind,
}

/// Iterates over hidden items in order, in one forward pass.
pub(crate) struct Items<'a> {
    text: &'a str,
    pos: usize,
    /// End of the last item returned (confusables aside, which neutralising keeps).
    /// A selector or joiner right after it has no real base character: the one before
    /// it is hidden content that [`crate::neutralize`] replaces or removes.
    last_end: usize,
    /// Where the next bytes that may start an item are.
    specials: skip::Specials,
}

impl<'a> Items<'a> {
    pub(crate) fn new(text: &'a str) -> Items<'a> {
        Items {
            text,
            pos: 0,
            last_end: usize::MAX,
            specials: skip::Specials::default(),
        }
    }

    /// The character before `pos`, unless it belongs to a hidden item.
    fn base_before(&self, pos: usize) -> Option<char> {
        if pos == self.last_end {
            None
        } else {
            char_before(self.text, pos)
        }
    }
}

fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..).and_then(|s| s.chars().next())
}

fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos).and_then(|s| s.chars().next_back())
}

impl Iterator for Items<'_> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let item = self.next_item()?;
        if !matches!(item.kind, ItemKind::Confusable(_)) {
            self.last_end = item.range.end;
        }
        Some(item)
    }
}

impl Items<'_> {
    fn next_item(&mut self) -> Option<Item> {
        let text = self.text;
        let bytes = text.as_bytes();
        loop {
            // Printable ASCII, tab and line breaks are never hidden: skip them a block at
            // a time.
            self.pos = self.specials.next(bytes, self.pos);
            let start = self.pos;
            let &b = bytes.get(start)?;
            if b < 0x80 {
                match b {
                    b'\t' | b'\n' | 0x0B | 0x0C | 0x20..=0x7E => {
                        self.pos += 1;
                        continue;
                    }
                    b'\r' => {
                        self.pos += 1;
                        if self.pos == bytes.len() || bytes[self.pos] == b'\n' {
                            continue;
                        }
                        return Some(Item {
                            range: start..self.pos,
                            kind: ItemKind::LoneCr,
                        });
                    }
                    0x1B => {
                        let (len, esc) = escape_len(bytes, start);
                        self.pos = start + len;
                        return Some(Item {
                            range: start..self.pos,
                            kind: ItemKind::Escape(esc),
                        });
                    }
                    _ => {
                        self.pos += 1;
                        return Some(Item {
                            range: start..self.pos,
                            kind: ItemKind::C0(b),
                        });
                    }
                }
            }
            // Most non-ASCII text (accents, CJK, punctuation, emoji) is plain: skip it
            // by its first bytes without decoding.
            if let Some(len) = skip::plain_len(bytes, start) {
                self.pos += len;
                // Words in other scripts are runs of them.
                while let Some(len) = skip::plain_len(bytes, self.pos) {
                    self.pos += len;
                }
                continue;
            }
            let Some(c) = char_at(text, start) else {
                // Not on a char boundary cannot happen for &str input; stop rather than loop.
                self.pos = bytes.len();
                return None;
            };
            self.pos += c.len_utf8();
            match class_of(c) {
                Class::Plain => {
                    if crate::normalize::is_latin_confusable(c) {
                        let prev = char_before(text, start);
                        let next = char_at(text, self.pos);
                        if prev.is_some_and(|p| p.is_ascii_alphabetic())
                            || next.is_some_and(|n| n.is_ascii_alphabetic())
                        {
                            return Some(Item {
                                range: start..self.pos,
                                kind: ItemKind::Confusable(c),
                            });
                        }
                    }
                }
                Class::Tag => {
                    while let Some(n) = char_at(text, self.pos) {
                        if class_of(n) != Class::Tag {
                            break;
                        }
                        self.pos += n.len_utf8();
                    }
                    if is_flag_sequence(text, start, self.pos) {
                        continue;
                    }
                    return Some(Item {
                        range: start..self.pos,
                        kind: ItemKind::Tags,
                    });
                }
                Class::Selector => {
                    let mut count = 1;
                    while let Some(n) = char_at(text, self.pos) {
                        if class_of(n) != Class::Selector {
                            break;
                        }
                        self.pos += n.len_utf8();
                        count += 1;
                    }
                    if count >= 2 {
                        return Some(Item {
                            range: start..self.pos,
                            kind: ItemKind::Selectors,
                        });
                    }
                    if !is_legit_selector(c, self.base_before(start)) {
                        return Some(Item {
                            range: start..self.pos,
                            kind: ItemKind::StraySelector,
                        });
                    }
                }
                Class::Invisible => {
                    if is_legit_invisible(c, start, self.base_before(start), char_at(text, self.pos)) {
                        continue;
                    }
                    return Some(Item {
                        range: start..self.pos,
                        kind: ItemKind::Invisible(c),
                    });
                }
                Class::Bidi => {
                    return Some(Item {
                        range: start..self.pos,
                        kind: ItemKind::Bidi(c),
                    })
                }
                Class::C1 => {
                    return Some(Item {
                        range: start..self.pos,
                        kind: ItemKind::C1(c),
                    })
                }
                // ESC and C0 are ASCII and handled above.
                Class::C0 | Class::Esc => {}
            }
        }
    }
}

/// England/Scotland/Wales flags are U+1F3F4 followed by tag letters and U+E007F.
fn is_flag_sequence(text: &str, start: usize, end: usize) -> bool {
    let run = &text[start..end];
    char_before(text, start) == Some('\u{1F3F4}') && run.ends_with('\u{E007F}') && run.chars().count() <= 8
}

/// Emoji and text presentation selectors after a symbol or keycap base, and ideographic
/// variation selectors after CJK, are how these characters are meant to be used.
fn is_legit_selector(c: char, prev: Option<char>) -> bool {
    let Some(prev) = prev else { return false };
    match c as u32 {
        0xFE0E | 0xFE0F => !prev.is_ascii() || matches!(prev, '0'..='9' | '#' | '*'),
        0xE0100..=0xE01EF | 0xFE00..=0xFE0D => !prev.is_ascii() && class_of(prev) == Class::Plain,
        _ => false,
    }
}

/// ZWJ/ZWNJ join emoji and shape Arabic and Indic scripts; a BOM may open a text.
/// A joiner before hidden content joins nothing that stays (it would be left stray
/// once that content is removed).
fn is_legit_invisible(c: char, pos: usize, prev: Option<char>, next: Option<char>) -> bool {
    match c {
        '\u{200C}' | '\u{200D}' => {
            prev.is_some_and(|p| !p.is_ascii()) && next.is_some_and(|n| !n.is_ascii() && class_of(n) == Class::Plain)
        }
        '\u{FEFF}' => pos == 0,
        _ => false,
    }
}

/// Length and kind of the escape sequence starting with ESC at `start`. Linear: an
/// unterminated string sequence runs to the end of the text (as a terminal would treat it)
/// and the scan resumes there.
pub(crate) fn escape_len(bytes: &[u8], start: usize) -> (usize, Esc) {
    let Some(&intro) = bytes.get(start + 1) else {
        return (1, Esc::Lone);
    };
    match intro {
        b'[' => {
            let mut i = start + 2;
            let params_start = i;
            while i < bytes.len() && (0x30..=0x3F).contains(&bytes[i]) {
                i += 1;
            }
            let params = &bytes[params_start..i];
            while i < bytes.len() && (0x20..=0x2F).contains(&bytes[i]) {
                i += 1;
            }
            match bytes.get(i) {
                Some(&fin) if (0x40..=0x7E).contains(&fin) => {
                    let kind = if fin == b'm' {
                        let conceal = params.split(|&b| b == b';' || b == b':').any(|p| p == b"8");
                        Esc::Sgr { conceal }
                    } else {
                        Esc::Csi
                    };
                    (i + 1 - start, kind)
                }
                _ => (i - start, Esc::Csi),
            }
        }
        b']' => {
            let mut i = start + 2;
            let mut code: u32 = 0;
            let mut digits = 0;
            while i < bytes.len() && bytes[i].is_ascii_digit() && digits < 6 {
                code = code * 10 + u32::from(bytes[i] - b'0');
                digits += 1;
                i += 1;
            }
            let code = if digits == 0 { u32::MAX } else { code };
            (string_end(bytes, i) - start, Esc::Osc { code })
        }
        b'P' | b'X' | b'^' | b'_' => (string_end(bytes, start + 2) - start, Esc::Str),
        0x20..=0x2F => {
            let mut i = start + 1;
            while i < bytes.len() && (0x20..=0x2F).contains(&bytes[i]) {
                i += 1;
            }
            match bytes.get(i) {
                Some(&fin) if (0x30..=0x7E).contains(&fin) => (i + 1 - start, Esc::Short),
                _ => (i - start, Esc::Short),
            }
        }
        0x30..=0x7E => (2, Esc::Short),
        _ => (1, Esc::Lone),
    }
}

/// End (exclusive) of a string sequence body starting at `from`: after BEL, `ESC \`, or
/// the C1 ST (U+009C); the end of the text if unterminated.
fn string_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(off) = memchr::memchr3(0x07, 0x1B, 0xC2, &bytes[i.min(bytes.len())..]) {
        let at = i + off;
        match bytes[at] {
            0x07 => return at + 1,
            0x1B => {
                if bytes.get(at + 1) == Some(&b'\\') {
                    return at + 2;
                }
                // Another escape starts: this string ends unterminated just before it.
                return at;
            }
            _ => {
                if bytes.get(at + 1) == Some(&0x9C) {
                    return at + 2;
                }
                i = at + 1;
            }
        }
    }
    bytes.len()
}

/// Decodes a run of tag characters to the ASCII it hides (U+E0020–U+E007E). Language
/// tag and cancel markers are dropped.
pub fn decode_tags(run: &str) -> String {
    run.chars()
        .filter_map(|c| {
            let v = (c as u32).wrapping_sub(0xE0000);
            (0x20..=0x7E).contains(&v).then(|| char::from(v as u8))
        })
        .collect()
}

/// Decodes a run of variation selectors with the byte scheme used for smuggling:
/// U+FE00–FE0F are bytes 0–15, U+E0100–E01EF are bytes 16–255.
pub fn decode_selectors(run: &str) -> Vec<u8> {
    run.chars()
        .filter_map(|c| match c as u32 {
            v @ 0xFE00..=0xFE0F => Some((v - 0xFE00) as u8),
            v @ 0xE0100..=0xE01EF => Some((v - 0xE0100 + 16) as u8),
            _ => None,
        })
        .collect()
}

/// Finds hidden content in `text`.
pub fn scan(text: &str) -> HiddenScan {
    let mut sink = Sink::new();
    let mut out = HiddenScan::default();
    scan_items(text, &mut sink, &mut out);
    scan_comments(text, &mut sink, &mut out);
    scan_whitespace(text, &mut sink, &mut out);
    markup::scan(text, &mut sink, &mut out);
    out.signals = sink.signals;
    out.signals.sort_by_key(|s| s.span.start);
    out
}

/// Bytes of visible text that may separate two invisible characters and still count as
/// one group: enough to cover a word split letter by letter.
const GROUP_GAP: usize = 8;

struct Group {
    kind: SignalKind,
    span: Range<usize>,
    count: usize,
    max: f32,
}

fn flush_group(text: &str, g: Option<Group>, sink: &mut Sink) {
    let Some(g) = g else { return };
    let extra = (g.count.saturating_sub(1) as f32 * 0.1).min(0.45);
    let weight = (g.max + extra).min(0.65);
    if sink.wants(g.kind, weight) {
        let noun = if g.kind == SignalKind::Bidi {
            "bidi control"
        } else {
            "invisible character"
        };
        let plural = if g.count == 1 { "" } else { "s" };
        let evidence = format!("{} {noun}{plural}: {}", g.count, excerpt_in(text, g.span.clone(), 60));
        sink.push(Signal {
            kind: g.kind,
            span: g.span,
            evidence,
            weight,
        });
    }
}

fn scan_items(text: &str, sink: &mut Sink, out: &mut HiddenScan) {
    let mut group: Option<Group> = None;
    for item in Items::new(text) {
        let r = item.range.clone();
        let grouped = match item.kind {
            ItemKind::Invisible(_) => Some((SignalKind::ZeroWidth, 0.2)),
            ItemKind::Bidi(c) => Some((SignalKind::Bidi, bidi_weight(c))),
            ItemKind::Confusable(_) => Some((SignalKind::MixedScript, 0.25)),
            _ => None,
        };
        if let Some((kind, w)) = grouped {
            match &mut group {
                Some(g) if g.kind == kind && r.start <= g.span.end + GROUP_GAP => {
                    g.span.end = r.end;
                    g.count += 1;
                    g.max = g.max.max(w);
                }
                _ => {
                    flush_group(text, group.take(), sink);
                    group = Some(Group {
                        kind,
                        span: r,
                        count: 1,
                        max: w,
                    });
                }
            }
            continue;
        }
        let run = &text[r.clone()];
        match item.kind {
            ItemKind::Tags => {
                let decoded = decode_tags(run);
                let weight = if decoded.is_empty() { 0.5 } else { 0.8 };
                let evidence = format!("⟨TAG:{}⟩", clip(&visible_excerpt(&decoded, 100), 120));
                sink.push(Signal {
                    kind: SignalKind::TagChars,
                    span: r.clone(),
                    evidence,
                    weight,
                });
                if !decoded.is_empty() {
                    out.payloads.push(DecodedPayload {
                        span: r,
                        text: decoded,
                        via: SignalKind::TagChars,
                    });
                }
            }
            ItemKind::Selectors => {
                let bytes = decode_selectors(run);
                let decoded = String::from_utf8(bytes).ok().filter(|s| is_mostly_printable(s));
                let (weight, evidence) = match &decoded {
                    Some(s) => (0.7, format!("⟨VS:{}⟩", visible_excerpt(s, 100))),
                    None => (0.4, format!("{} variation selectors in a row", run.chars().count())),
                };
                sink.push(Signal {
                    kind: SignalKind::VariationSelector,
                    span: r.clone(),
                    evidence,
                    weight,
                });
                if let Some(text) = decoded {
                    out.payloads.push(DecodedPayload {
                        span: r,
                        text,
                        via: SignalKind::VariationSelector,
                    });
                }
            }
            ItemKind::StraySelector => push(sink, text, SignalKind::VariationSelector, r, 0.15, ""),
            ItemKind::Escape(esc) => {
                let (weight, what) = escape_weight(esc);
                push(sink, text, SignalKind::AnsiEscape, r, weight, what);
            }
            ItemKind::C0(_) | ItemKind::C1(_) => push(sink, text, SignalKind::ControlChar, r, 0.2, ""),
            ItemKind::LoneCr => push(
                sink,
                text,
                SignalKind::ControlChar,
                r,
                0.15,
                "carriage return without newline: ",
            ),
            ItemKind::Invisible(_) | ItemKind::Bidi(_) | ItemKind::Confusable(_) => {}
        }
    }
    flush_group(text, group, sink);
}

fn push(sink: &mut Sink, text: &str, kind: SignalKind, span: Range<usize>, weight: f32, what: &str) {
    if sink.wants(kind, weight) {
        // Show a little of what follows a control so the evidence says what it hides.
        let end = ceil_char(text, (span.end + 40).min(text.len()));
        let evidence = format!("{what}{}", excerpt_in(text, span.start..end, 60));
        sink.push(Signal {
            kind,
            span,
            evidence,
            weight,
        });
    }
}

fn bidi_weight(c: char) -> f32 {
    match c {
        '\u{202D}' | '\u{202E}' => 0.5,
        '\u{200E}' | '\u{200F}' | '\u{061C}' => 0.15,
        _ => 0.3,
    }
}

fn escape_weight(esc: Esc) -> (f32, &'static str) {
    match esc {
        Esc::Sgr { conceal: false } => (0.1, ""),
        Esc::Sgr { conceal: true } => (0.55, "concealed text: "),
        Esc::Csi => (0.3, "cursor/erase control: "),
        Esc::Osc { code: 52 } => (0.85, "OSC 52 clipboard write: "),
        Esc::Osc { code: 8 } => (0.4, "OSC 8 hyperlink: "),
        Esc::Osc { .. } => (0.25, "OSC: "),
        Esc::Str => (0.4, "DCS/APC string: "),
        Esc::Short | Esc::Lone => (0.2, ""),
    }
}

fn scan_comments(text: &str, sink: &mut Sink, out: &mut HiddenScan) {
    let bytes = text.as_bytes();
    let mut from = 0;
    // Each search starts after the previous comment, and an unclosed comment ends the
    // scan, so 100k openers without a close cost one pass.
    while let Some(open) = next_comment_open(bytes, from) {
        let body_start = open + 4;
        match memchr::memmem::find(&bytes[body_start..], b"-->") {
            Some(c) => {
                let body = body_start..body_start + c;
                let end = body.end + 3;
                let inner = &text[body.clone()];
                let letters = inner.chars().filter(|c| c.is_alphabetic()).take(3).count();
                let weight = if letters >= 2 { 0.25 } else { 0.05 };
                if sink.wants(SignalKind::HtmlComment, weight) {
                    let evidence = format!("<!--{}-->", excerpt_in(text, body.clone(), 100));
                    sink.push(Signal {
                        kind: SignalKind::HtmlComment,
                        span: open..end,
                        evidence,
                        weight,
                    });
                }
                push_region(out, body);
                from = end;
            }
            None => {
                let evidence = format!("unclosed <!--{}", excerpt_in(text, body_start..text.len(), 100));
                sink.push(Signal {
                    kind: SignalKind::HtmlComment,
                    span: open..text.len(),
                    evidence,
                    weight: 0.3,
                });
                push_region(out, body_start..text.len());
                break;
            }
        }
    }
}

/// The first `<!--` at or after `from`. A `<` is rare in text, and memchr finds it
/// faster than a substring search finds the four bytes; where `<` is dense (markup: 16
/// of them in less than 1 KiB), the substring search takes over.
fn next_comment_open(bytes: &[u8], mut from: usize) -> Option<usize> {
    let mut since = from;
    let mut misses = 0;
    loop {
        let at = from + memchr::memchr(b'<', bytes.get(from..)?)?;
        if bytes[at..].starts_with(b"<!--") {
            return Some(at);
        }
        from = at + 1;
        misses += 1;
        if misses == 16 {
            if from - since < 1024 {
                return memchr::memmem::find(&bytes[from..], b"<!--").map(|n| from + n);
            }
            (since, misses) = (from, 0);
        }
    }
}

/// Regions are capped; when full, the last one absorbs the rest so containment checks
/// stay conservative.
const MAX_REGIONS: usize = 256;

fn push_region(out: &mut HiddenScan, r: Range<usize>) {
    if out.regions.len() < MAX_REGIONS {
        out.regions.push(r);
    } else if let Some(last) = out.regions.last_mut() {
        last.end = last.end.max(r.end);
    }
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{3164}' | '\u{115F}' | '\u{1160}' | '\u{FFA0}' | '\u{2800}')
}

/// Whether the character at `i` is blank, and its length; `(false, 1)` off a char
/// boundary (which the scan never reaches).
fn blank_at(text: &str, i: usize) -> (bool, usize) {
    let bytes = text.as_bytes();
    let Some(&b) = bytes.get(i) else { return (false, 1) };
    if b < 0x80 {
        (matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C), 1)
    } else {
        match char_at(text, i) {
            Some(c) => (is_blank(c), c.len_utf8()),
            None => (false, 1),
        }
    }
}

/// Reports text that follows a run of more than [`WHITESPACE_RUN`] blank characters.
///
/// Such a run spans at least 81 bytes, so it contains a whole aligned block of bytes that
/// blank characters are made of ([`skip::next_blank_block`]); text without one is passed
/// over a block at a time. Around a candidate block the runs are measured exactly as
/// before, from the start of the run the block is in.
fn scan_whitespace(text: &str, sink: &mut Sink, out: &mut HiddenScan) {
    let bytes = text.as_bytes();
    // Everything before `done` has been scanned exactly; `done` is never inside a run.
    let mut done = 0;
    while let Some(block) = skip::next_blank_block(bytes, done) {
        let mut from = floor_char(text, block).max(done);
        while from > done {
            match char_before(text, from) {
                Some(c) if blank_at(text, from - c.len_utf8()).0 => from -= c.len_utf8(),
                _ => break,
            }
        }
        done = scan_whitespace_runs(text, from, block + skip::BLOCK, sink, out);
    }
}

/// Measures the whitespace runs from `from` (a char boundary not inside a run) until
/// the first character outside a run at or after `until`; returns where it stopped.
fn scan_whitespace_runs(text: &str, from: usize, until: usize, sink: &mut Sink, out: &mut HiddenScan) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() && i < until {
        let (is_ws, len) = blank_at(text, i);
        if !is_ws {
            i += len;
            continue;
        }
        let run_start = i;
        let mut count = 0usize;
        while i < bytes.len() {
            let (is_ws, len) = blank_at(text, i);
            if !is_ws {
                break;
            }
            i += len;
            count += 1;
        }
        // Padding inside a markdown table row (`…    |`) is layout, not hiding.
        let table_padding = bytes.get(i) == Some(&b'|') && !bytes[run_start..i].contains(&b'\n');
        if count > WHITESPACE_RUN && i < bytes.len() && !table_padding {
            let tail_end = ceil_char(text, (i + 240).min(text.len()));
            let tail_end = text[i..tail_end].find('\n').map_or(tail_end, |n| i + n);
            let evidence = format!("{count} blank characters, then: {}", excerpt_in(text, i..tail_end, 80));
            sink.push(Signal {
                kind: SignalKind::WhitespaceHiding,
                span: run_start..tail_end,
                evidence,
                weight: 0.4,
            });
            push_region(out, i..text.len());
        }
    }
    i
}

pub(crate) fn warm_up() {
    markup::warm_up();
}

/// Smallest char boundary at or after `i`.
pub(crate) fn ceil_char(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

/// Largest char boundary at or before `i`.
pub(crate) fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

pub(crate) fn clip(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Decoded carriers must look like text before they are worth reporting as such.
pub(crate) fn is_mostly_printable(s: &str) -> bool {
    let mut total = 0usize;
    let mut good = 0usize;
    for c in s.chars().take(4096) {
        total += 1;
        if !c.is_control() || matches!(c, '\n' | '\r' | '\t') {
            good += 1;
        }
    }
    total > 0 && good * 10 >= total * 9
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<SignalKind> {
        scan(text).signals.iter().map(|s| s.kind).collect()
    }

    #[test]
    fn classes() {
        assert_eq!(class_of('a'), Class::Plain);
        assert_eq!(class_of('\u{200B}'), Class::Invisible);
        assert_eq!(class_of('\u{202E}'), Class::Bidi);
        assert_eq!(class_of('\u{FE0F}'), Class::Selector);
        assert_eq!(class_of('\u{E0041}'), Class::Tag);
        assert_eq!(class_of('\u{1B}'), Class::Esc);
        assert_eq!(class_of('\u{9B}'), Class::C1);
        assert_eq!(class_of('\u{7}'), Class::C0);
    }

    #[test]
    fn escape_lengths() {
        assert_eq!(escape_len(b"\x1b[31mX", 0), (5, Esc::Sgr { conceal: false }));
        assert_eq!(escape_len(b"\x1b[8m", 0), (4, Esc::Sgr { conceal: true }));
        assert_eq!(escape_len(b"\x1b[2K", 0), (4, Esc::Csi));
        assert_eq!(escape_len(b"\x1b]52;c;aGk=\x07rest", 0), (12, Esc::Osc { code: 52 }));
        assert_eq!(escape_len(b"\x1b]8;;http://x\x1b\\a", 0), (15, Esc::Osc { code: 8 }));
        assert_eq!(escape_len(b"\x1b]0;title", 0), (9, Esc::Osc { code: 0 }));
        assert_eq!(escape_len(b"\x1b", 0), (1, Esc::Lone));
        assert_eq!(escape_len(b"\x1b(B", 0), (3, Esc::Short));
        assert_eq!(escape_len(b"\x1b[", 0), (2, Esc::Csi));
    }

    #[test]
    fn decoders() {
        let hidden: String = "hi!"
            .chars()
            .map(|c| char::from_u32(0xE0000 + c as u32).unwrap_or('?'))
            .collect();
        assert_eq!(decode_tags(&hidden), "hi!");
        assert_eq!(decode_selectors("\u{FE01}\u{E0100}\u{E01EF}"), vec![1, 16, 255]);
    }

    #[test]
    fn emoji_sequences_are_not_hidden_content() {
        // ZWJ family, keycap, emoji presentation, England flag (tag sequence).
        let text = "👨\u{200D}👩\u{200D}👧 1\u{FE0F}\u{20E3} ❤\u{FE0F} 🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}";
        assert!(kinds(text).is_empty(), "{:?}", scan(text).signals);
        // Persian uses ZWNJ inside words.
        assert!(kinds("می\u{200C}خواهم").is_empty());
        // A BOM at the start is an encoding marker.
        assert!(kinds("\u{FEFF}hello").is_empty());
    }

    #[test]
    fn invisible_characters_group_per_word() {
        let s = scan("i\u{200B}g\u{200B}n\u{200B}o\u{200B}r\u{200B}e all");
        assert_eq!(s.signals.len(), 1);
        assert_eq!(s.signals[0].kind, SignalKind::ZeroWidth);
        assert!(
            s.signals[0].evidence.starts_with("5 invisible characters"),
            "{}",
            s.signals[0].evidence
        );
        assert!(s.signals[0].weight >= 0.5);
    }

    #[test]
    fn selectors_and_joiners_next_to_hidden_content_are_not_legit() {
        // Found by the neutralize fuzz target: `2` belongs to the escape `ESC 2`, so the
        // selector has no base once the escape is removed.
        assert_eq!(
            kinds("%\u{1b}2\u{FE0F}x"),
            vec![SignalKind::AnsiEscape, SignalKind::VariationSelector]
        );
        assert!(kinds("%2\u{FE0F}x").is_empty());
        // A joiner between a letter and an invisible character joins nothing.
        assert_eq!(kinds("é\u{200D}\u{200B}ü"), vec![SignalKind::ZeroWidth]);
        assert_eq!(
            scan("é\u{200D}\u{200B}ü").signals[0].evidence,
            "2 invisible characters: ⟨U+200D⟩⟨U+200B⟩"
        );
        // Real emoji sequences stay clean.
        assert!(kinds("❤\u{FE0F}\u{200D}🔥 🏳\u{FE0F}\u{200D}🌈").is_empty());
    }

    #[test]
    fn mixed_script_word() {
        // Cyrillic о and е inside "ignore".
        assert_eq!(kinds("ign\u{043E}r\u{0435} this"), vec![SignalKind::MixedScript]);
        assert!(kinds("Привет, мир").is_empty());
    }

    #[test]
    fn lone_carriage_return_and_crlf() {
        assert_eq!(kinds("safe\rEVIL"), vec![SignalKind::ControlChar]);
        assert!(kinds("line one\r\nline two\r\n").is_empty());
    }

    #[test]
    fn whitespace_needs_a_long_run_and_text_after() {
        let long = format!("hello{}secret text", " ".repeat(120));
        assert_eq!(kinds(&long), vec![SignalKind::WhitespaceHiding]);
        assert!(kinds(&format!("hello{}", " ".repeat(500))).is_empty());
        assert!(kinds(&format!("hello{}x", " ".repeat(40))).is_empty());
    }
}

/// Inputs of the `dump_hidden` example, for the equivalence dumps in `injection::carrier`
/// and `injection::encoded`.
#[cfg(test)]
#[path = "../../examples/dump_hidden/inputs.rs"]
pub(crate) mod dump_inputs;

/// Writes `== label` and `line(text)` for every dump input to the file named by
/// `env_var`, reading inputs under `MCPWARD_DUMP_ROOT` (default `.`); does nothing when
/// `env_var` is unset (the dump tests run by hand).
#[cfg(test)]
pub(crate) fn dump_each(env_var: &str, mut line: impl FnMut(&str) -> String) -> std::io::Result<()> {
    use std::io::Write;
    let Ok(out) = std::env::var(env_var) else {
        return Ok(());
    };
    let root = std::env::var("MCPWARD_DUMP_ROOT").unwrap_or_else(|_| ".".into());
    let mut w = std::io::BufWriter::new(std::fs::File::create(out)?);
    let mut err = Ok(());
    dump_inputs::for_each(std::path::Path::new(&root), &mut |label, text| {
        if let Err(e) = writeln!(w, "== {label}\n{}", line(text)) {
            err = Err(e);
        }
    });
    err?;
    w.flush()
}
