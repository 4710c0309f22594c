//! Newline-delimited framing with a hard size limit.
//!
//! MCP's stdio transport sends one JSON-RPC message per line. A peer that never sends a
//! newline, or sends a 50 MB line, must not make us buffer without bound: a line longer
//! than the limit is consumed up to its newline (keeping only its first and last bytes,
//! for id recovery) and reported as [`Frame::Oversized`]; the stream stays usable.

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};

/// Default hard limit on one frame: 16 MiB.
pub const DEFAULT_MAX_FRAME: usize = 16 * 1024 * 1024;

/// How much of an oversized frame's start and end is kept.
const KEEP: usize = 4096;

/// One unit read off the stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    /// A complete line, without its `\n` (and without a trailing `\r`).
    Line(Vec<u8>),
    /// A line longer than the limit; its bytes were consumed and dropped.
    Oversized(OversizedFrame),
    /// Bytes at end of stream that were not terminated by a newline (a partial frame).
    Unterminated(Vec<u8>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OversizedFrame {
    /// Length of the whole line in bytes.
    pub length: u64,
    /// Its first bytes.
    pub head: Vec<u8>,
    /// Its last bytes.
    pub tail: Vec<u8>,
}

impl OversizedFrame {
    /// The request id this frame carried, if it can be read from its head or tail.
    pub fn recover_id(&self) -> Option<super::Id> {
        super::recover::scan_head(&self.head)
            .id
            .or_else(|| super::recover::scan_tail(&self.tail))
    }
}

/// Reads frames from any byte stream.
pub struct FrameReader<R> {
    inner: BufReader<R>,
    max: usize,
    line: Vec<u8>,
    /// Set while the current line is over the limit.
    over: Option<OversizedFrame>,
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    /// `max` is the largest frame accepted, in bytes (at least 1).
    pub fn new(reader: R, max: usize) -> Self {
        FrameReader {
            inner: BufReader::with_capacity(64 * 1024, reader),
            max: max.max(1),
            line: Vec::new(),
            over: None,
        }
    }

    /// The next frame, or `None` at end of stream. Blank lines are skipped.
    pub async fn next_frame(&mut self) -> std::io::Result<Option<Frame>> {
        loop {
            let buf = self.inner.fill_buf().await?;
            if buf.is_empty() {
                if let Some(over) = self.over.take() {
                    return Ok(Some(Frame::Oversized(over)));
                }
                let rest = std::mem::take(&mut self.line);
                return Ok(if is_blank(&rest) {
                    None
                } else {
                    Some(Frame::Unterminated(rest))
                });
            }
            let (chunk_len, newline) = match memchr::memchr(b'\n', buf) {
                Some(i) => (i, true),
                None => (buf.len(), false),
            };
            let chunk = &buf[..chunk_len];
            if let Some(over) = self.over.as_mut() {
                over.length += chunk.len() as u64;
                push_tail(&mut over.tail, chunk);
            } else if self.line.len() + chunk.len() > self.max {
                let mut head = std::mem::take(&mut self.line);
                let mut tail = Vec::new();
                push_tail(&mut tail, &head);
                push_tail(&mut tail, chunk);
                let length = (head.len() + chunk.len()) as u64;
                if head.len() < KEEP {
                    let need = (KEEP - head.len()).min(chunk.len());
                    head.extend_from_slice(&chunk[..need]);
                }
                head.truncate(KEEP);
                head.shrink_to_fit();
                self.over = Some(OversizedFrame { length, head, tail });
            } else {
                self.line.extend_from_slice(chunk);
            }
            self.inner.consume(chunk_len + usize::from(newline));
            if !newline {
                continue;
            }
            if let Some(mut over) = self.over.take() {
                if over.tail.last() == Some(&b'\r') {
                    over.tail.pop();
                }
                return Ok(Some(Frame::Oversized(over)));
            }
            let mut line = std::mem::take(&mut self.line);
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            if is_blank(&line) {
                continue;
            }
            if line.capacity() > 1024 * 1024 {
                // Do not keep a large allocation alive for the next, usually small, line.
                self.line = Vec::new();
            }
            return Ok(Some(Frame::Line(line)));
        }
    }
}

fn push_tail(tail: &mut Vec<u8>, bytes: &[u8]) {
    if bytes.len() >= KEEP {
        tail.clear();
        tail.extend_from_slice(&bytes[bytes.len() - KEEP..]);
        return;
    }
    tail.extend_from_slice(bytes);
    if tail.len() > KEEP {
        let cut = tail.len() - KEEP;
        tail.drain(..cut);
    }
}

fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(|b| b.is_ascii_whitespace())
}

/// Writes frames to any byte stream.
pub struct FrameWriter<W> {
    inner: W,
}

impl<W: AsyncWrite + Unpin> FrameWriter<W> {
    pub fn new(writer: W) -> Self {
        FrameWriter { inner: writer }
    }

    /// Writes one message and a newline, then flushes.
    ///
    /// A `\n` inside valid JSON can only be insignificant whitespace (inside strings it must
    /// be escaped), so replacing it with a space keeps the message identical while making
    /// sure it stays one frame.
    pub async fn write_frame(&mut self, json: &[u8]) -> std::io::Result<()> {
        if memchr::memchr(b'\n', json).is_some() {
            let cleaned: Vec<u8> = json.iter().map(|&b| if b == b'\n' { b' ' } else { b }).collect();
            self.inner.write_all(&cleaned).await?;
        } else {
            self.inner.write_all(json).await?;
        }
        self.inner.write_all(b"\n").await?;
        self.inner.flush().await
    }

    pub fn into_inner(self) -> W {
        self.inner
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn frames(input: &[u8], max: usize) -> Vec<Frame> {
        let mut r = FrameReader::new(input, max);
        let mut out = Vec::new();
        while let Some(f) = r.next_frame().await.unwrap() {
            out.push(f);
        }
        out
    }

    #[tokio::test]
    async fn lines_crlf_and_blank_lines() {
        let got = frames(b"{\"a\":1}\r\n\n  \r\n{\"b\":2}\n", 100).await;
        assert_eq!(
            got,
            vec![Frame::Line(b"{\"a\":1}".to_vec()), Frame::Line(b"{\"b\":2}".to_vec())]
        );
    }

    #[tokio::test]
    async fn oversized_line_is_skipped_and_stream_stays_usable() {
        let mut input = b"{\"ok\":1}\n".to_vec();
        let prefix = b"{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":\"";
        input.extend_from_slice(prefix);
        input.extend(std::iter::repeat_n(b'x', 100_000));
        input.extend_from_slice(b"\"}\n{\"ok\":2}\n");
        let got = frames(&input, 1000).await;
        assert_eq!(got.len(), 3);
        assert_eq!(got[0], Frame::Line(b"{\"ok\":1}".to_vec()));
        match &got[1] {
            Frame::Oversized(o) => {
                assert_eq!(o.length, (prefix.len() + 100_000 + 2) as u64);
                assert!(o.head.starts_with(b"{\"jsonrpc\""));
                assert!(o.tail.ends_with(b"xx\"}"));
                assert_eq!(o.recover_id(), Some(crate::jsonrpc::Id::from(3u64)));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(got[2], Frame::Line(b"{\"ok\":2}".to_vec()));
    }

    #[tokio::test]
    async fn exact_limit_is_accepted_one_more_is_not() {
        let got = frames(b"12345\n123456\n", 5).await;
        assert_eq!(got[0], Frame::Line(b"12345".to_vec()));
        assert!(matches!(got[1], Frame::Oversized(OversizedFrame { length: 6, .. })));
    }

    #[tokio::test]
    async fn partial_frame_at_eof() {
        let got = frames(b"{\"a\":1}\n{\"jsonrpc\":", 100).await;
        assert_eq!(got[1], Frame::Unterminated(b"{\"jsonrpc\":".to_vec()));
        let got = frames(b"{\"a\":1}\n   ", 100).await;
        assert_eq!(got.len(), 1);
    }

    #[tokio::test]
    async fn writer_keeps_one_message_per_line() {
        let mut w = FrameWriter::new(Vec::new());
        w.write_frame(b"{\n\"a\": \"x\\ny\"\n}").await.unwrap();
        assert_eq!(w.into_inner(), b"{ \"a\": \"x\\ny\" }\n".to_vec());
    }
}
