//! The ASCII runs of [`walk`] (in [`normalize_window`] here, `Stream::new` in the
//! injection window) must give exactly what the per-character walk gives. [`cases`] is
//! the input set both are checked on: every ASCII byte (and a few others) in every
//! position of short texts, leetspeak, separator runs, line ends, the bench generators'
//! texts and seeded random text (ASCII, and ASCII with other characters), each with
//! windows that start and end mid-word.

use std::ops::Range;

use super::*;

use crate::hidden::dump_inputs::support;
// Seeded: the same cases on every run.
use support::Rng;

const TEMPLATES: &[&str] = &[
    "",
    "ab cd",
    "1gn0r3 x",
    "Hello, World.",
    "a@b.c",
    "$HOME/l33t",
    "4ll  \t\n p@$$w0rd!",
    "x\r\ny",
    "l",
    "L1 7",
    "h3ll0; 42?",
];

const WORDS: &[&str] = &[
    "1gn0r3",
    "p@$$w0rd",
    "h3ll0",
    "l33t",
    "4ll",
    "$HOME",
    "a@b.c",
    "IGNORE",
    "Previous",
    "1337",
    "2024",
    "@",
    "$",
    "$$",
    "@@",
    "l",
    "L",
    "ll1",
    "r00t",
    "5ecret",
    "$ecret",
    "4",
    "7h3",
    "x@",
    "@x",
    "0l",
    "l0",
    "e-mail",
    "it's",
    "end.",
    "what?!",
    "semi;colon",
    "under_score",
    "back\\slash",
    "{json:1}",
    "[a](b)",
    "<tag>",
];

const SEPARATORS: &[&str] = &[
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\x0b",
    "\x0c",
    " \n ",
    "\t\t",
    "\n\n",
    ". ",
    "! ",
    "? ",
    "; ",
    ", ",
    " - ",
    "...",
    "\x01",
    "\x7f",
    "\x1b[31m",
    "\x1b",
    "",
    "@",
    "$",
    " \x00 ",
    "\u{200b}",
    "\u{a0}",
    "é",
    "—",
    "\u{2028}",
    "\u{85}",
    "\u{e0041}",
    "ﬁ",
    "Ａ",
    "İ",
    "К",
    "\u{301}",
];

/// Every ASCII byte (and a few other characters) inserted at, and written over, every
/// position of each template.
fn every_byte_everywhere(out: &mut Vec<String>) {
    let others = ['é', '\u{200b}', '\u{a0}', 'ﬁ', '\u{2028}', 'К'];
    for t in TEMPLATES {
        for at in 0..=t.len() {
            for c in (0u8..0x80).map(char::from).chain(others) {
                let mut ins = t.to_string();
                ins.insert(at, c);
                out.push(ins);
                if at < t.len() {
                    let mut over = t.to_string();
                    over.replace_range(at..at + 1, c.encode_utf8(&mut [0; 4]));
                    out.push(over);
                }
            }
        }
    }
}

/// Text over an alphabet weighted toward letters, digits, the leet and sentence
/// punctuation, whitespace and controls.
fn random_ascii(rng: &mut Rng, len: usize) -> String {
    // One character each (the space three times: it is the commonest), then pieces.
    const CHARS: &[u8] = b"aeilostrnxAEILOST0134579@$.!?;,-_/'\"   \t\n\r\x0b\x0c\x00\x01\x07\x1b\x7f";
    const PIECES: &[&str] = &[
        "  ",
        "\r\n",
        "\x1b[0m",
        "\x1b]0;t\x07",
        "ignore",
        "previous",
        "instructions",
        "1gn0r3",
        "l33t",
    ];
    let mut s = String::new();
    while s.len() < len {
        let i = rng.below(CHARS.len() + PIECES.len());
        match CHARS.get(i) {
            Some(&c) => s.push(char::from(c)),
            None => s.push_str(PIECES[i - CHARS.len()]),
        }
    }
    s
}

/// [`random_ascii`] with now and then a character the walk folds, drops or treats as
/// whitespace, so the ASCII runs start and end everywhere.
fn random_mixed(rng: &mut Rng, len: usize) -> String {
    const OTHER: &[&str] = &[
        "é",
        "\u{200b}",
        "\u{a0}",
        "İ",
        "ﬁ",
        "Ａ",
        "К",
        "о",
        "\u{2028}",
        "\u{85}",
        "\u{e0041}",
        "\u{fe0f}",
        "—",
        "’",
        "東",
        "\u{301}",
        "\u{9c}",
        "\u{2060}",
        "①",
        "ǅ",
    ];
    let mut s = String::new();
    while s.len() < len {
        if rng.below(8) == 0 {
            s.push_str(OTHER[rng.below(OTHER.len())]);
        } else {
            let n = rng.below(12);
            s.push_str(&random_ascii(rng, n));
        }
    }
    s
}

/// A long text made ASCII: each non-ASCII character becomes a space or is dropped.
fn ascii_only(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            c if c.is_ascii() => Some(c),
            c if u32::from(c) % 2 == 0 => Some(' '),
            _ => None,
        })
        .collect()
}

/// The texts the fast paths are checked on, each with the windows to check.
pub(crate) fn cases() -> Vec<(String, Vec<Range<usize>>)> {
    let mut short: Vec<String> = vec![String::new()];
    short.extend((0u8..0x80).map(|b| char::from(b).to_string()));
    for a in 0u8..0x80 {
        for b in 0u8..0x80 {
            short.push([char::from(a), char::from(b)].iter().collect());
        }
    }
    every_byte_everywhere(&mut short);
    // Words joined by every separator, and leet words against each other.
    for (i, w) in WORDS.iter().enumerate() {
        for sep in SEPARATORS {
            let next = WORDS[(i + 1) % WORDS.len()];
            short.push(format!("{w}{sep}{next}"));
            short.push(format!("{sep}{w}{sep}"));
        }
    }
    let mut rng = Rng::new(0x5eed_a5c1);
    for _ in 0..3000 {
        let len = rng.below(40);
        short.push(random_ascii(&mut rng, len));
        let len = rng.below(40);
        short.push(random_mixed(&mut rng, len));
    }
    let mut cases: Vec<(String, Vec<Range<usize>>)> = Vec::new();
    for s in short {
        // Every window of the short texts; the rest get the whole text and its trims.
        let windows = if s.len() <= 12 {
            (0..=s.len()).flat_map(|a| (a..=s.len()).map(move |b| a..b)).collect()
        } else {
            vec![0..s.len(), 1..s.len(), 0..s.len() - 1, 2..s.len() - 3]
        };
        cases.push((s, windows));
    }
    let mut long: Vec<String> = Vec::new();
    for make in [
        support::benign,
        support::near_miss,
        support::injection_salad,
        support::injection_salad_obfuscated,
        support::secrets_soup,
        support::secrets_long_values,
        support::hidden_markup,
        support::encoded_runs,
    ] {
        for len in [1_000, 20_000, 140_000] {
            let text = make(len);
            long.push(ascii_only(&text));
            long.push(text);
        }
    }
    for _ in 0..200 {
        let len = rng.below(3000);
        long.push(random_ascii(&mut rng, len));
        let len = rng.below(3000);
        long.push(random_mixed(&mut rng, len));
    }
    for s in long {
        let mut windows = vec![s.len() / 2..s.len(), 0..s.len()];
        for _ in 0..4 {
            let a = rng.below(s.len() + 1);
            let b = a + rng.below(s.len() + 1 - a);
            if s.is_char_boundary(a) && s.is_char_boundary(b) {
                windows.push(a..b);
            }
        }
        cases.push((s, windows));
    }
    // Windows outside the text.
    #[allow(clippy::reversed_empty_ranges)]
    let reversed = 5..2;
    cases.push(("abc def".to_string(), vec![3..100, 50..60, reversed]));
    cases
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'@' || b == b'$'
}

/// `fold_leet` as it was written before the table: the reference.
fn fold_leet_reference(light: &str) -> String {
    let mut bytes = light.as_bytes().to_vec();
    let mut i = 0;
    while i < bytes.len() {
        if !is_token_byte(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut has_letter = false;
        while i < bytes.len() && is_token_byte(bytes[i]) {
            has_letter |= bytes[i].is_ascii_lowercase();
            i += 1;
        }
        for b in &mut bytes[start..i] {
            *b = match *b {
                b'l' => b'i',
                b'0' if has_letter => b'o',
                b'1' if has_letter => b'i',
                b'3' if has_letter => b'e',
                b'4' | b'@' if has_letter => b'a',
                b'5' | b'$' if has_letter => b's',
                b'7' if has_letter => b't',
                other => other,
            };
        }
    }
    String::from_utf8(bytes).unwrap_or_default()
}

#[test]
fn ascii_fast_path_normalizes_as_the_walk_does() {
    let mut fast = 0usize;
    let mut checked = 0usize;
    for (text, windows) in cases() {
        for w in windows {
            let got = normalize_window(&text, w.clone());
            let want = normalize_window_general(&text, w.clone());
            assert_eq!(got, want, "{text:?} {w:?}");
            // The views' map is what `original_range` and `view_offset` read.
            for i in 0..=got.text.len() {
                assert_eq!(got.original_range(i..i + 1), want.original_range(i..i + 1));
            }
            checked += 1;
            let (_, slice) = clamp_window(&text, w);
            fast += usize::from(plain_ascii_len(slice.as_bytes()) == slice.len());
        }
    }
    // The fast path must have been taken, and often.
    assert!(fast > 100_000 && fast < checked, "{fast} of {checked}");
}

#[test]
fn plain_ascii_is_printable_ascii_and_whitespace() {
    for b in 0u8..=255 {
        let plain = (0x20..0x7F).contains(&b) || matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
        for len in [1, 31, 32, 33, 64, 65, 130] {
            for at in [0, len / 2, len - 1] {
                let mut v = vec![b'a'; len];
                v[at] = b;
                assert_eq!(
                    plain_ascii_len(&v),
                    if plain { len } else { at },
                    "{b:#x} at {at} of {len}"
                );
            }
        }
    }
    assert_eq!(plain_ascii_len(b""), 0);
}

#[test]
fn fold_leet_reads_whole_words_across_its_32_byte_blocks() {
    // A digit whose word began one or more blocks earlier, or goes on into the next.
    for at in 0..100 {
        for word in ["l33t", "4ll", "x1", "12", "@$", "p@ss", "s3cr3t"] {
            for fill in ["a", " ", "1", "l"] {
                let text = format!("{}{word}{}", fill.repeat(at), fill.repeat(100 - at));
                assert_eq!(fold_leet(&text), fold_leet_reference(&text), "{text:?}");
            }
        }
    }
}

#[test]
fn table_fold_leet_matches_the_reference() {
    for (text, _) in cases() {
        let light = normalize(&text).text;
        assert_eq!(fold_leet(&light), fold_leet_reference(&light), "{light:?}");
        // Raw text too: uppercase, controls, non-ASCII are never token bytes.
        assert_eq!(fold_leet(&text), fold_leet_reference(&text), "{text:?}");
    }
}
