//! The byte classifier behind the keyword prefilter: one pass over the text,
//! 64 bytes at a time, that marks
//! - where a *word* fingerprint may start (secret-like variable-name words:
//!   `token`, `key`, `secret`, vendor names, `-----BEGIN`...): four bytes
//!   matched against eight buckets of nibble masks, the "Teddy" technique,
//!   case-insensitive;
//! - `@` (URL credentials);
//! - bytes of two token alphabets, `T1 ⊇ [A-Za-z0-9_-]` and
//!   `T2 ⊇ T1 ∪ [.+/=~%$]`, whose long runs are where token formats live.
//!
//! The engine turns these bit masks into small regions and runs the keyword
//! automaton only there (see `gate.rs`). Nothing here decides a result: a
//! missed bit would lose a finding, an extra bit costs a little time (so the
//! alphabets may hold a few more bytes than named, see [`RECTS`]).
//!
//! x86-64 with AVX2 uses `pshufb` nibble lookups (32 bytes per step); other
//! machines use no classifier at all and the engine scans every byte with the
//! automaton instead. [`block_scalar`] is the reference definition of every
//! mask; the tests check the vector code against it.

/// One 64-byte block, one bit per byte: bit `j` is the byte at `base + j`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Masks {
    /// A word fingerprint (4 bytes, or 3 and any byte) may start here.
    pub words: u64,
    /// `@`.
    pub at: u64,
    /// `[A-Za-z0-9_-]` and `^ ~ =`.
    pub t1: u64,
    /// `T1` and `$ % + . / @`.
    pub t2: u64,
}

/// Bytes read past a block: a fingerprint starting at its last byte reads 3 more.
pub(crate) const LOOKAHEAD: usize = 3;
const BLOCK: usize = 64;

/// Nibble lookup tables of the word fingerprints: byte `x` at fingerprint
/// position `k` is allowed in bucket `b` iff bit `b` is set in both
/// `lo[k][x & 15]` and `hi[k][x >> 4]`.
#[derive(Debug, Clone)]
pub(crate) struct Tables {
    lo: [[u8; 16]; 4],
    hi: [[u8; 16]; 4],
}

/// Character-class rectangles (a set of low nibbles times a set of high
/// nibbles), one bit each. Merging `^ ~ =` into the letter and digit
/// rectangles leaves a bit free for `@`, which T2 also holds: then T2 is
/// "any bit", `@` the top bit and `$ % + . /` bit 5, each read by one
/// `movemask`, and T1 is T2 without those two.
const CLASS_LO: [u8; 16] = class_table(true);
const CLASS_HI: [u8; 16] = class_table(false);
const T2_ONLY_BIT: u8 = 0x20;
const AT_BIT: u8 = 0x80;

/// `(low nibbles, high nibbles)` of each class bit, in bit order.
const RECTS: [(&[u8], &[u8]); 8] = [
    (&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], &[4, 6]), // A-O a-o
    (&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14], &[5, 7]),              // P-Z p-z ^ ~
    (&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 13], &[3]),                     // 0-9 =
    (&[15], &[5]),                                                   // _
    (&[13], &[2]),                                                   // -
    (&[4, 5, 11, 14, 15], &[2]),                                     // $ % + . /
    (&[], &[]),                                                      // (unused)
    (&[0], &[4]),                                                    // @
];

const fn class_table(low: bool) -> [u8; 16] {
    let mut t = [0u8; 16];
    let mut bit = 0;
    while bit < RECTS.len() {
        let nibbles = if low { RECTS[bit].0 } else { RECTS[bit].1 };
        let mut i = 0;
        while i < nibbles.len() {
            t[nibbles[i] as usize] |= 1 << bit;
            i += 1;
        }
        bit += 1;
    }
    t
}

/// Fingerprint position `k` accepting any byte.
pub(crate) const ANY: u8 = 0;

impl Tables {
    /// `fingerprints`: `(bytes, bucket)`; a letter stands for both cases, a
    /// shorter fingerprint accepts any byte at its missing positions, and
    /// [`ANY`] accepts any byte. Buckets are `0..8`.
    pub(crate) fn new(fingerprints: &[(&[u8], u8)]) -> Tables {
        let mut t = Tables {
            lo: [[0; 16]; 4],
            hi: [[0; 16]; 4],
        };
        for &(fp, bucket) in fingerprints {
            let bit = 1u8 << (bucket & 7);
            for k in 0..4 {
                match fp.get(k).copied() {
                    None | Some(ANY) => {
                        for n in 0..16 {
                            t.lo[k][n] |= bit;
                            t.hi[k][n] |= bit;
                        }
                    }
                    Some(b) => {
                        for x in [b.to_ascii_lowercase(), b.to_ascii_uppercase()] {
                            t.lo[k][usize::from(x & 15)] |= bit;
                            t.hi[k][usize::from(x >> 4)] |= bit;
                        }
                    }
                }
            }
        }
        t
    }

    /// Buckets whose fingerprint accepts these four bytes.
    pub(crate) fn buckets(&self, b: [u8; 4]) -> u8 {
        let mut m = 0xFF;
        for (k, &x) in b.iter().enumerate() {
            m &= self.lo[k][usize::from(x & 15)] & self.hi[k][usize::from(x >> 4)];
        }
        m
    }
}

fn class_of(x: u8) -> u8 {
    CLASS_LO[usize::from(x & 15)] & CLASS_HI[usize::from(x >> 4)]
}

/// The masks of the 64 bytes at the start of `b` (which holds at least
/// `64 + LOOKAHEAD` bytes). The reference for the vector code.
pub(crate) fn block_scalar(t: &Tables, b: &[u8]) -> Masks {
    let mut m = Masks::default();
    for j in 0..BLOCK {
        let x = b[j];
        let bit = 1u64 << j;
        if t.buckets([x, b[j + 1], b[j + 2], b[j + 3]]) != 0 {
            m.words |= bit;
        }
        let c = class_of(x);
        if c & AT_BIT != 0 {
            m.at |= bit;
        }
        if c != 0 && c & (AT_BIT | T2_ONLY_BIT) == 0 {
            m.t1 |= bit;
        }
        if c != 0 {
            m.t2 |= bit;
        }
    }
    m
}

/// Whether this machine runs the vector classifier.
pub(crate) fn available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Which block function to use; `Scalar` exists for tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kernel {
    #[cfg(target_arch = "x86_64")]
    Avx2,
    #[cfg_attr(not(test), allow(dead_code))]
    Scalar,
}

impl Kernel {
    /// The vector kernel if the CPU has it.
    pub(crate) fn best() -> Option<Kernel> {
        #[cfg(target_arch = "x86_64")]
        if available() {
            return Some(Kernel::Avx2);
        }
        None
    }
}

/// Receives the blocks of [`for_each_block`].
pub(crate) trait BlockSink {
    fn block(&mut self, base: usize, m: Masks);
}

impl<F: FnMut(usize, Masks)> BlockSink for F {
    #[inline(always)]
    fn block(&mut self, base: usize, m: Masks) {
        self(base, m)
    }
}

/// Calls `f.block(base, masks)` for every 64-byte block of `bytes`, in order.
/// Bits for positions at or past the end are clear; bytes past the end read
/// as 0 (in no class, and no fingerprint byte).
pub(crate) fn for_each_block(kernel: Kernel, t: &Tables, bytes: &[u8], f: &mut impl BlockSink) {
    let mut base = 0;
    match kernel {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `Kernel::Avx2` is only handed out by `Kernel::best`, after
        // `available()` confirmed the CPU supports AVX2.
        Kernel::Avx2 => base = unsafe { x86::blocks_avx2(t, bytes, f) },
        Kernel::Scalar => {
            while base + BLOCK + LOOKAHEAD <= bytes.len() {
                f.block(base, block_scalar(t, &bytes[base..]));
                base += BLOCK;
            }
        }
    }
    // The last bytes, zero-padded so the block function can read past them.
    let rest = &bytes[base.min(bytes.len())..];
    if rest.is_empty() {
        return;
    }
    let mut buf = [0u8; 2 * BLOCK + BLOCK + LOOKAHEAD];
    buf[..rest.len()].copy_from_slice(rest);
    let mut off = 0;
    while off < rest.len() {
        let mut m = match kernel {
            #[cfg(target_arch = "x86_64")]
            // SAFETY: as above; the slice holds 64 + LOOKAHEAD bytes.
            Kernel::Avx2 => unsafe { x86::block_avx2(t, &buf[off..off + BLOCK + LOOKAHEAD]) },
            Kernel::Scalar => block_scalar(t, &buf[off..]),
        };
        let live = rest.len() - off;
        if live < BLOCK {
            let keep = (1u64 << live) - 1;
            m.words &= keep;
            m.at &= keep;
            m.t1 &= keep;
            m.t2 &= keep;
        }
        f.block(base + off, m);
        off += BLOCK;
    }
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    //! AVX2 version of [`super::block_scalar`]. `pshufb` looks a nibble up in
    //! a 16-byte table in each 128-bit lane, so every table is broadcast to
    //! both lanes.
    use super::{BlockSink, Masks, Tables, BLOCK, CLASS_HI, CLASS_LO, LOOKAHEAD, T2_ONLY_BIT};
    use core::arch::x86_64::*;

    struct Vecs {
        lo: [__m256i; 4],
        hi: [__m256i; 4],
        class_lo: __m256i,
        class_hi: __m256i,
    }

    #[target_feature(enable = "avx2")]
    unsafe fn table(t: &[u8; 16]) -> __m256i {
        // SAFETY: reads exactly the 16 bytes of `t`.
        _mm256_broadcastsi128_si256(_mm_loadu_si128(t.as_ptr().cast()))
    }

    #[target_feature(enable = "avx2")]
    unsafe fn vecs(t: &Tables) -> Vecs {
        Vecs {
            lo: [table(&t.lo[0]), table(&t.lo[1]), table(&t.lo[2]), table(&t.lo[3])],
            hi: [table(&t.hi[0]), table(&t.hi[1]), table(&t.hi[2]), table(&t.hi[3])],
            class_lo: table(&CLASS_LO),
            class_hi: table(&CLASS_HI),
        }
    }

    /// `lo[v & 15] & hi[v >> 4]` for each byte.
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn lookup(v: __m256i, lo: __m256i, hi: __m256i) -> __m256i {
        let nib = _mm256_set1_epi8(0x0F);
        let l = _mm256_shuffle_epi8(lo, _mm256_and_si256(v, nib));
        let h = _mm256_shuffle_epi8(hi, _mm256_and_si256(_mm256_srli_epi16(v, 4), nib));
        _mm256_and_si256(l, h)
    }

    /// Bits of the bytes that are not zero.
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn nonzero(v: __m256i) -> u32 {
        !(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_setzero_si256())) as u32)
    }

    /// Masks of 32 bytes at the start of `b`, which holds at least 35 bytes.
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn half(v: &Vecs, b: &[u8]) -> (u32, u32, u32, u32) {
        assert!(b.len() >= 32 + LOOKAHEAD);
        let p = b.as_ptr();
        // SAFETY: the assert above: each load reads 32 bytes from offset <= 3.
        let v0 = _mm256_loadu_si256(p.cast());
        let v1 = _mm256_loadu_si256(p.add(1).cast());
        let v2 = _mm256_loadu_si256(p.add(2).cast());
        let v3 = _mm256_loadu_si256(p.add(3).cast());
        let w = _mm256_and_si256(
            _mm256_and_si256(lookup(v0, v.lo[0], v.hi[0]), lookup(v1, v.lo[1], v.hi[1])),
            _mm256_and_si256(lookup(v2, v.lo[2], v.hi[2]), lookup(v3, v.lo[3], v.hi[3])),
        );
        let c = lookup(v0, v.class_lo, v.class_hi);
        let at = _mm256_movemask_epi8(c) as u32;
        // Bit 5 of each byte moved to its top bit (16-bit lanes: the bits
        // crossing into the next byte land below its top bit).
        let t2_only = _mm256_movemask_epi8(_mm256_slli_epi16(c, 7 - T2_ONLY_BIT.trailing_zeros() as i32)) as u32;
        let t2 = nonzero(c);
        (nonzero(w), at, t2 & !(at | t2_only), t2)
    }

    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn block(v: &Vecs, b: &[u8]) -> Masks {
        let (w0, s0, a0, b0) = half(v, b);
        let (w1, s1, a1, b1) = half(v, &b[32..]);
        let join = |lo: u32, hi: u32| u64::from(lo) | (u64::from(hi) << 32);
        Masks {
            words: join(w0, w1),
            at: join(s0, s1),
            t1: join(a0, a1),
            t2: join(b0, b1),
        }
    }

    /// One block; `b` holds at least `64 + LOOKAHEAD` bytes.
    ///
    /// # Safety
    /// The CPU must support AVX2.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn block_avx2(t: &Tables, b: &[u8]) -> Masks {
        block(&vecs(t), b)
    }

    /// Every whole block whose lookahead is inside `bytes`; returns where the
    /// unprocessed rest starts.
    ///
    /// # Safety
    /// The CPU must support AVX2.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn blocks_avx2(t: &Tables, bytes: &[u8], f: &mut impl BlockSink) -> usize {
        let v = vecs(t);
        let mut base = 0;
        while base + BLOCK + LOOKAHEAD <= bytes.len() {
            f.block(base, block(&v, &bytes[base..]));
            base += BLOCK;
        }
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables() -> Tables {
        Tables::new(&[
            (b"key", 0),
            (b"toke", 1),
            (b"_pat", 2),
            (&[b'@', ANY, ANY, ANY], 3),
            (b"secr", 7),
        ])
    }

    /// xorshift64*, so the test inputs are the same on every run.
    fn rng(state: &mut u64) -> u64 {
        *state ^= *state >> 12;
        *state ^= *state << 25;
        *state ^= *state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn random_text(seed: u64, len: usize) -> Vec<u8> {
        const PIECES: &[&[u8]] = &[
            b"key",
            b"KEY",
            b"Token",
            b"_pat",
            b"-B",
            b"@",
            b"secret",
            b"Se",
            b" ",
            b"\n",
            b"a",
            b"Z",
            b"0",
            b"_",
            b"-",
            b".",
            b"+",
            b"/",
            b"=",
            b"~",
            b"%",
            b"$",
            b":",
            b"\xc3\xa9",
            b"\xff",
            b"\x00",
            b"`",
            b"[",
            b"{",
        ];
        let mut s = seed | 1;
        let mut out = Vec::with_capacity(len + 8);
        while out.len() < len {
            out.extend_from_slice(PIECES[(rng(&mut s) % PIECES.len() as u64) as usize]);
        }
        out.truncate(len);
        out
    }

    fn collect(kernel: Kernel, t: &Tables, text: &[u8]) -> Vec<(usize, Masks)> {
        let mut out = Vec::new();
        for_each_block(kernel, t, text, &mut |base, m| out.push((base, m)));
        out
    }

    #[test]
    fn class_tables_are_the_token_alphabets() {
        for x in 0..=255u8 {
            let t1 = x.is_ascii_alphanumeric() || b"_-^~=".contains(&x);
            let t2 = t1 || b".+/%$@".contains(&x);
            let c = class_of(x);
            assert_eq!(c != 0 && c & (AT_BIT | T2_ONLY_BIT) == 0, t1, "{x:#x}");
            assert_eq!(c != 0, t2, "{x:#x}");
            assert_eq!(c & AT_BIT != 0, x == b'@', "{x:#x}");
            assert_eq!(c & T2_ONLY_BIT != 0, b".+/%$".contains(&x), "{x:#x}");
        }
    }

    #[test]
    fn scalar_masks_mean_what_they_say() {
        let t = tables();
        let text = b"xx KEY yy toKEn _PAT a@b -----BEGIN secR";
        let blocks = collect(Kernel::Scalar, &t, text);
        assert_eq!(blocks.len(), 1);
        let m = blocks[0].1;
        let at = |needle: &[u8]| {
            text.windows(needle.len())
                .position(|w| w == needle)
                .unwrap_or(usize::MAX)
        };
        for p in [at(b"KEY"), at(b"toKEn"), at(b"_PAT"), at(b"@"), at(b"secR")] {
            assert!(m.words & (1 << p) != 0, "{p}");
        }
        assert_eq!(m.at, 1 << at(b"@"));
        assert_eq!(m.words.count_ones(), 5);
        assert!(m.t1 & (1 << at(b"KEY")) != 0 && m.t1 & (1 << at(b"@")) == 0);
    }

    #[test]
    fn vector_kernel_matches_scalar() {
        let Some(kernel) = Kernel::best() else {
            return;
        };
        let t = tables();
        for seed in 1..200u64 {
            let len = (seed as usize * 37) % 700;
            let text = random_text(seed, len);
            assert_eq!(
                collect(kernel, &t, &text),
                collect(Kernel::Scalar, &t, &text),
                "seed {seed}"
            );
        }
    }

    #[test]
    fn every_length_is_covered_and_tail_bits_are_clear() {
        let t = tables();
        for len in 0..200 {
            let text = vec![b'a'; len];
            let blocks = collect(Kernel::Scalar, &t, &text);
            assert_eq!(blocks.len(), len.div_ceil(64));
            let ones: u32 = blocks.iter().map(|(_, m)| m.t1.count_ones()).sum();
            assert_eq!(ones as usize, len);
        }
    }
}
