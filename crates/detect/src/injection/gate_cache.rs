//! The rules' gates as derived when the rules last changed, compiled in.
//!
//! Deriving a gate walks the rule's syntax tree and weighs every set of pieces it could
//! require ([`super::gate`]); over every phrase rule (249 when this was written) that
//! was more than half of what one run of `mcpward scan` spent before reading its input.
//! The derivation is a pure function of the pattern and its view, so its results are
//! written once to `gates.bin` and looked up by the pattern's hash at start. A pattern
//! the file does not hold (a rule changed and the file not rewritten) is derived as
//! before: the file can make the start slower, never the answers different.
//! `gate_tests::committed_gates_are_what_the_rules_derive` fails when the file is not
//! what the rules derive, and rewrites it when asked:
//!
//! ```text
//! MCPWARD_WRITE_GATES=1 cargo test -p mcpward-detect --lib committed_gates
//! ```

use std::hash::Hasher;

use super::gate::{FastMap, Fnv, Gate, Second, Side};
use super::rules::View;

/// The committed gates (see the module docs).
static COMMITTED: &[u8] = include_bytes!("gates.bin");

const MAGIC: &[u8; 4] = b"MWG1";

/// What a pattern is looked up by: the derivation's FNV-1a over its view, its length
/// and its bytes. The patterns are the program's own, never input, so a collision is not
/// an attack surface; the length makes an accidental one rarer still.
pub(crate) fn key(pattern: &str, view: View) -> u64 {
    let mut h = Fnv::default();
    h.write(&[match view {
        View::Light => 1,
        View::Folded => 2,
    }]);
    h.write(&(pattern.len() as u64).to_le_bytes());
    h.write(pattern.as_bytes());
    h.finish()
}

/// The gates `gates.bin` holds, by [`key`]: empty when the file does not read whole.
/// Decoded when the engine is built and dropped with the derivation's other tables,
/// not kept for the life of the process.
pub(crate) fn committed() -> FastMap<u64, Gate> {
    decode(COMMITTED).unwrap_or_default().into_iter().collect()
}

/// The file's bytes for `entries`, in their order: the magic, a count, then each key and
/// gate (little-endian `u32` counts and lengths). Written by the test that checks the
/// file.
#[cfg(test)]
pub(crate) fn encode(entries: &[(u64, Gate)]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    put(&mut out, entries.len());
    for (key, gate) in entries {
        out.extend_from_slice(&key.to_le_bytes());
        put_pieces(&mut out, &gate.pieces);
        for n in [
            gate.reach,
            gate.left.any,
            gate.left.ascii,
            gate.right.any,
            gate.right.ascii,
        ] {
            put(&mut out, n);
        }
        put(&mut out, gate.seconds.len());
        for second in &gate.seconds {
            out.push(u8::from(second.after));
            put_pieces(&mut out, &second.pieces);
        }
    }
    out
}

/// The entries of a file written by [`encode`]; `None` for anything else (a truncated or
/// foreign file is ignored and every gate derived).
pub(crate) fn decode(bytes: &[u8]) -> Option<Vec<(u64, Gate)>> {
    let mut r = Reader(bytes.strip_prefix(MAGIC)?);
    let count = r.count()?;
    let mut entries = Vec::new();
    for _ in 0..count {
        let key = u64::from_le_bytes(r.take(8)?.try_into().ok()?);
        let pieces = r.pieces()?;
        let [reach, left_any, left_ascii, right_any, right_ascii] =
            [r.count()?, r.count()?, r.count()?, r.count()?, r.count()?];
        let mut seconds = Vec::new();
        for _ in 0..r.count()? {
            let after = r.take(1)?[0] != 0;
            seconds.push(Second {
                pieces: r.pieces()?,
                after,
            });
        }
        entries.push((
            key,
            Gate {
                pieces,
                reach,
                left: Side {
                    any: left_any,
                    ascii: left_ascii,
                },
                right: Side {
                    any: right_any,
                    ascii: right_ascii,
                },
                seconds,
            },
        ));
    }
    r.0.is_empty().then_some(entries)
}

#[cfg(test)]
fn put(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

#[cfg(test)]
fn put_pieces(out: &mut Vec<u8>, pieces: &[Vec<u8>]) {
    put(out, pieces.len());
    for p in pieces {
        put(out, p.len());
        out.extend_from_slice(p);
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    /// A `u32` count or length. Every loop over a count reads bytes on each turn, and
    /// `pieces` allocates no more than the bytes left, so a corrupt count ends the read
    /// at the file's end.
    fn count(&mut self) -> Option<usize> {
        let n = u32::from_le_bytes(self.take(4)?.try_into().ok()?) as usize;
        Some(n)
    }

    fn pieces(&mut self) -> Option<Vec<Vec<u8>>> {
        let n = self.count()?;
        if n > self.0.len() {
            return None;
        }
        let mut pieces = Vec::with_capacity(n);
        for _ in 0..n {
            let len = self.count()?;
            pieces.push(self.take(len)?.to_vec());
        }
        Some(pieces)
    }
}
