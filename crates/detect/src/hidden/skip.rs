//! Block scans that find the few bytes the hidden-content passes care about, so the
//! common case (printable ASCII) costs a handful of vector instructions per 32 bytes.
//!
//! The loops work on fixed-size blocks with branch-free predicates and an OR/AND
//! reduction, which the compiler turns into SIMD on every target (SSE2 on x86-64);
//! only a block that has something in it is looked at byte by byte.

/// Block size of the scans. A whitespace run long enough to report (more than
/// [`super::WHITESPACE_RUN`] characters, so at least 81 bytes) always contains a whole
/// block aligned to a multiple of it: a run of `2 * BLOCK - 1` bytes does.
pub(super) const BLOCK: usize = 32;

const _: () = assert!(super::WHITESPACE_RUN + 1 >= 2 * BLOCK - 1);

/// Bytes where a hidden item may start: C0 controls other than tab, LF, VT and FF (a
/// CR needs a look at the next byte), DEL, and every non-ASCII byte.
#[inline(always)]
fn is_special(b: u8) -> bool {
    // Written as signed compares, which SSE2 has: `b + 1` is below 0x21 (signed) exactly
    // when `b` is outside 0x20..=0x7E, and `b + 0x77` is below -124 exactly when `b` is in
    // 0x09..=0x0C (tab, LF, VT, FF).
    let unprintable = (b.wrapping_add(1) as i8) < 0x21;
    let tab_to_ff = (b.wrapping_add(0x77) as i8) < -124;
    unprintable & !tab_to_ff
}

/// Width of the bit masks of special bytes.
const WIDE: usize = 64;

/// Finds the special bytes (see [`is_special`]) of a text in order. Blocks of 64 bytes
/// are tested with SIMD; a block with special bytes in it is turned into a bit mask once,
/// so the item scan visits each of them without scanning the block again.
#[derive(Debug)]
pub(super) struct Specials {
    /// Offset of the block `mask` describes; `usize::MAX` before the first.
    start: usize,
    /// Bit `k`: `start + k` is special (bits past the end of the text are clear).
    mask: u64,
}

impl Default for Specials {
    fn default() -> Specials {
        Specials {
            start: usize::MAX,
            mask: 0,
        }
    }
}

impl Specials {
    /// Offset of the first special byte at or after `pos`, or `bytes.len()`. Calls must
    /// not go back (`pos` at least the previous call's `pos`).
    pub(super) fn next(&mut self, bytes: &[u8], pos: usize) -> usize {
        let mut from = pos;
        if let Some(shift) = pos.checked_sub(self.start).filter(|&s| s < WIDE) {
            let rest = self.mask & (u64::MAX << shift);
            if rest != 0 {
                return self.start + rest.trailing_zeros() as usize;
            }
            from = self.start + WIDE;
        }
        let (start, mask) = next_block(bytes, from).unwrap_or((bytes.len(), 0));
        self.start = start;
        self.mask = mask;
        if mask == 0 {
            bytes.len()
        } else {
            start + mask.trailing_zeros() as usize
        }
    }
}

/// The first block at or after `from` with a special byte: its start and mask.
fn next_block(bytes: &[u8], from: usize) -> Option<(usize, u64)> {
    let mut at = from.min(bytes.len());
    for chunk in bytes[at..].chunks_exact(WIDE) {
        let Ok(block) = <&[u8; WIDE]>::try_from(chunk) else {
            break;
        };
        let any = block.iter().fold(0u8, |acc, &b| acc | u8::from(is_special(b)));
        if any != 0 {
            return Some((at, mask_of(block)));
        }
        at += WIDE;
    }
    let mut tail = [b' '; WIDE];
    let rest = &bytes[at..];
    tail[..rest.len()].copy_from_slice(rest);
    let mask = mask_of(&tail);
    (mask != 0).then_some((at, mask))
}

/// Bit `k` set when `block[k]` is special: a flag byte per byte (SIMD), then each 8-byte
/// word of flags gathered into 8 bits by a multiplication (flag `k` of a word lands on bit
/// `56 + k` of the product, and no two partial products carry into each other).
#[inline(always)]
fn mask_of(block: &[u8; WIDE]) -> u64 {
    let mut flags = [0u8; WIDE];
    for (f, &b) in flags.iter_mut().zip(block) {
        *f = u8::from(is_special(b));
    }
    let mut mask = 0u64;
    for (w, word) in flags.chunks_exact(8).enumerate() {
        let mut le = [0u8; 8];
        le.copy_from_slice(word);
        let bits = u64::from_le_bytes(le).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        mask |= bits << (8 * w);
    }
    mask
}

/// How [`plain_len`] decides on a character by its first byte.
mod rule {
    /// Needs a closer look (ASCII, a continuation byte, or a lead of hidden characters).
    pub const LOOK: u8 = 0;
    /// Always plain.
    pub const PLAIN: u8 = 1;
    /// U+0080-U+00BF: plain from U+00A0, but U+00AD (soft hyphen).
    pub const C2: u8 = 2;
    /// U+0340-U+037F: plain below U+0370, but U+034F (combining grapheme joiner).
    pub const CD: u8 = 3;
    /// U+0380-U+05BF (Greek, Cyrillic, Armenian): look-alikes count only next to an ASCII
    /// letter (a non-ASCII neighbour's bytes are all non-ASCII).
    pub const LOOK_ALIKE: u8 = 4;
    /// U+2000-U+2FFF: plain but U+200B-U+200F, U+202A-U+202E and U+2060-U+206F (dashes,
    /// quotes and arrows are here).
    pub const E2: u8 = 5;
    /// U+10000-U+3FFFF: plain but the Brahmic shorthand controls (U+1BCA0) and the musical
    /// symbol formatting controls (U+1D173).
    pub const F0: u8 = 6;
}

/// The [`rule`] for each first byte.
const RULES: [u8; 256] = {
    let mut t = [rule::LOOK; 256];
    let mut b = 0xC2;
    while b <= 0xF4 {
        t[b] = match b {
            0xC2 => rule::C2,
            0xCD => rule::CD,
            0xCE..=0xD6 => rule::LOOK_ALIKE,
            // U+0600-U+063F holds U+061C; U+1000-U+1FFF, U+3000-U+3FFF, U+F000-U+FFFF and
            // planes 12-15 hold invisible characters, selectors and tags.
            0xD8 | 0xE1 | 0xE3 | 0xEF | 0xF3 => rule::LOOK,
            0xE2 => rule::E2,
            0xF0 => rule::F0,
            _ => rule::PLAIN,
        };
        b += 1;
    }
    t
};

/// Length of the character at `i` (a char boundary of UTF-8 text) when its bytes and
/// its neighbours' show that the item scan passes over it: it is
/// [`Class::Plain`](super::Class) and not a Latin look-alike next to a Latin letter.
/// `None` when it needs a closer look.
///
/// Branch-free but for the result: text mixes accented letters, punctuation and other
/// scripts at random, and a branch on the first byte would be mispredicted all the time.
#[inline(always)]
pub(super) fn plain_len(bytes: &[u8], i: usize) -> Option<usize> {
    let at = |k: usize| bytes.get(k).copied().unwrap_or(0);
    let (lead, second, third) = (at(i), at(i + 1), at(i + 2));
    let before = at(i.wrapping_sub(1));
    let c2 = second >= 0xA0 && second != 0xAD;
    let cd = second < 0xB0 && second != 0x8F;
    let look_alike = !before.is_ascii_alphabetic() && !third.is_ascii_alphabetic();
    let e2 = match second {
        0x80 => !matches!(third, 0x8B..=0x8F | 0xAA..=0xAE),
        0x81 => !matches!(third, 0xA0..=0xAF),
        _ => true,
    };
    let f0 = second != 0x9B && second != 0x9D;
    let verdicts = (1u8 << rule::PLAIN)
        | (u8::from(c2) << rule::C2)
        | (u8::from(cd) << rule::CD)
        | (u8::from(look_alike) << rule::LOOK_ALIKE)
        | (u8::from(e2) << rule::E2)
        | (u8::from(f0) << rule::F0);
    let plain = verdicts >> RULES[usize::from(lead)] & 1 != 0;
    // 2 bytes for C2..DF, 3 for E0..EF, 4 for F0..F4.
    let len = 2 + usize::from(lead >= 0xE0) + usize::from(lead >= 0xF0);
    plain.then_some(len)
}

/// Bytes that cannot be part of a blank character (see `is_blank` in the parent): a
/// printable ASCII character, a control other than tab..CR, or a UTF-8 lead byte other
/// than those of U+0085/U+00A0 (C2), U+1680/U+115F/U+1160 (E1), U+2000-U+205F/U+2800
/// (E2), U+3000/U+3164 (E3) and U+FFA0 (EF).
#[inline(always)]
fn breaks_blank(b: u8) -> bool {
    let printable = b as i8 > 0x20;
    let control = b < 0x20 && b.wrapping_sub(0x09) >= 5;
    let lead = b >= 0xC0 && !matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF);
    printable | control | lead
}

/// Start of the first block, at a multiple of [`BLOCK`] at or after `from`, made only of
/// bytes that blank characters are made of; `None` when there is none.
pub(super) fn next_blank_block(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from.div_ceil(BLOCK) * BLOCK;
    while let Some(Ok(block)) = bytes.get(at..at + BLOCK).map(<&[u8; BLOCK]>::try_from) {
        // Printable ASCII (0x21..=0x7F, one signed comparison) rules out almost every
        // block of text: test that first.
        if !has_printable(block) {
            let breaks = block.iter().fold(0u8, |acc, &b| acc | u8::from(breaks_blank(b)));
            if breaks == 0 {
                return Some(at);
            }
        }
        at += BLOCK;
    }
    None
}

#[inline(always)]
fn has_printable(block: &[u8]) -> bool {
    block.iter().fold(0u8, |acc, &b| acc | u8::from(b as i8 > 0x20)) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_bytes() {
        for b in 0u8..=255 {
            let expected = !matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | 0x20..=0x7E);
            assert_eq!(is_special(b), expected, "{b:#x}");
        }
        // Every special byte is found, in order, whatever the length and the positions.
        for len in [0usize, 1, 5, 63, 64, 65, 127, 128, 200] {
            for step in [1usize, 3, 7, 64, 100] {
                let mut text = vec![b'a'; len];
                let mut expected = Vec::new();
                for (n, k) in (0..len).step_by(step).enumerate() {
                    text[k] = [0x80, 0x00, 0x7F, b'\r', 0xFF, 0x1B][n % 6];
                    expected.push(k);
                }
                let mut specials = Specials::default();
                let mut found = Vec::new();
                let mut pos = 0;
                while pos < len {
                    pos = specials.next(&text, pos);
                    if pos < len {
                        found.push(pos);
                        pos += 1;
                    }
                }
                assert_eq!(found, expected, "{len} {step}");
                // Jumping past some of them skips those only.
                let mut specials = Specials::default();
                let firsts: Vec<usize> = (0..len).map(|p| specials.next(&text, p)).collect();
                let direct: Vec<usize> = (0..len)
                    .map(|p| (p..len).find(|&k| is_special(text[k])).unwrap_or(len))
                    .collect();
                assert_eq!(firsts, direct, "{len} {step}");
            }
        }
    }

    #[test]
    fn plain_characters() {
        use super::super::{class_of, Class};
        use crate::normalize::is_latin_confusable;
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            for (before, after) in [("", ""), ("a", ""), ("", "z"), (" ", " "), ("é", "é"), ("Z", "9")] {
                let text = format!("{before}{c}{after}");
                let Some(len) = plain_len(text.as_bytes(), before.len()) else {
                    continue;
                };
                assert_eq!(len, c.len_utf8(), "{c:?}");
                assert_eq!(class_of(c), Class::Plain, "{c:?}");
                let latin_next_to_it = before.ends_with(|p: char| p.is_ascii_alphabetic())
                    || after.starts_with(|n: char| n.is_ascii_alphabetic());
                assert!(!(is_latin_confusable(c) && latin_next_to_it), "{text:?}");
            }
        }
        assert_eq!(plain_len("é".as_bytes(), 0), Some(2));
        assert_eq!(plain_len("東".as_bytes(), 0), Some(3));
        assert_eq!(plain_len("—".as_bytes(), 0), Some(3));
        assert_eq!(plain_len(" о ".as_bytes(), 1), Some(2));
        assert_eq!(plain_len("xо".as_bytes(), 1), None);
        assert_eq!(plain_len("\u{200B}".as_bytes(), 0), None);
        assert_eq!(plain_len(b"a", 0), None);
        assert_eq!(plain_len(b"", 0), None);
    }

    #[test]
    fn blank_bytes() {
        let mut blank_bytes = [false; 256];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if super::super::is_blank(c) {
                let mut buf = [0u8; 4];
                for &b in c.encode_utf8(&mut buf).as_bytes() {
                    blank_bytes[usize::from(b)] = true;
                }
            }
        }
        for b in 0u8..=255 {
            if blank_bytes[usize::from(b)] {
                assert!(!breaks_blank(b), "{b:#x}");
            }
        }
        let text = format!("{}{}x", "a".repeat(40), " ".repeat(70));
        assert_eq!(next_blank_block(text.as_bytes(), 0), Some(64));
        assert_eq!(next_blank_block(text.as_bytes(), 65), None);
    }
}
