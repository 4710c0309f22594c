//! A bounded Server-Sent Events parser (the WHATWG "event stream interpretation").
//!
//! Push-based: feed it body chunks as they arrive. Lines end in CRLF, LF or CR; `:` starts
//! a comment; `data` lines of one event are joined with `\n`; a blank line dispatches.
//! An event whose data grows past the limit is dropped whole and reported, so a server
//! cannot make us buffer without bound.

/// One dispatched event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseEvent {
    /// The `event:` field; `None` means the default type, "message".
    pub event: Option<String>,
    pub data: String,
    /// The last event id seen on the stream.
    pub id: Option<String>,
    /// The last `retry:` value seen on the stream, in milliseconds.
    pub retry: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SseItem {
    Event(SseEvent),
    /// An event was dropped because its data exceeded the limit.
    TooLarge {
        bytes: usize,
    },
}

#[derive(Debug)]
pub struct SseParser {
    max_event: usize,
    line: Vec<u8>,
    line_over: bool,
    last_cr: bool,
    started: bool,
    event: Option<String>,
    data: String,
    data_seen: bool,
    dropped: usize,
    id: Option<String>,
    retry: Option<u64>,
}

impl SseParser {
    /// `max_event` bounds the data of one event (and, with a margin, one line).
    pub fn new(max_event: usize) -> Self {
        SseParser {
            max_event: max_event.max(1),
            line: Vec::new(),
            line_over: false,
            last_cr: false,
            started: false,
            event: None,
            data: String::new(),
            data_seen: false,
            dropped: 0,
            id: None,
            retry: None,
        }
    }

    pub fn feed(&mut self, mut chunk: &[u8], out: &mut Vec<SseItem>) {
        if !self.started && !chunk.is_empty() {
            self.started = true;
            if let Some(rest) = chunk.strip_prefix(b"\xEF\xBB\xBF") {
                chunk = rest;
            }
        }
        let max_line = self.max_event.saturating_add(64);
        for &b in chunk {
            match b {
                b'\n' if self.last_cr => self.last_cr = false,
                b'\n' | b'\r' => {
                    self.last_cr = b == b'\r';
                    self.end_line(out);
                }
                _ => {
                    self.last_cr = false;
                    if self.line.len() < max_line {
                        self.line.push(b);
                    } else {
                        self.line_over = true;
                    }
                }
            }
        }
    }

    /// End of stream: an event not terminated by a blank line is discarded (per the spec).
    pub fn finish(&mut self) {
        self.line.clear();
        self.reset_event();
    }

    fn end_line(&mut self, out: &mut Vec<SseItem>) {
        let line = std::mem::take(&mut self.line);
        let over = std::mem::replace(&mut self.line_over, false);
        if line.is_empty() && !over {
            self.dispatch(out);
            return;
        }
        if over {
            // A line this long can only be oversized data; drop the event it belongs to.
            self.dropped = self.dropped.saturating_add(line.len()).max(self.max_event + 1);
            self.data.clear();
            return;
        }
        let text = String::from_utf8_lossy(&line);
        if text.starts_with(':') {
            return;
        }
        let (field, value) = match text.find(':') {
            Some(i) => {
                let v = &text[i + 1..];
                (&text[..i], v.strip_prefix(' ').unwrap_or(v))
            }
            None => (&text[..], ""),
        };
        match field {
            "event" => self.event = Some(value.to_string()),
            "data" => {
                self.data_seen = true;
                if self.dropped > 0 {
                    self.dropped = self.dropped.saturating_add(value.len() + 1);
                } else if self.data.len() + value.len() + 1 > self.max_event {
                    self.dropped = self.data.len() + value.len() + 1;
                    self.data = String::new();
                } else {
                    self.data.push_str(value);
                    self.data.push('\n');
                }
            }
            "id" if !value.contains('\0') => self.id = Some(value.to_string()),
            "retry" => {
                if let Ok(ms) = value.parse::<u64>() {
                    self.retry = Some(ms);
                }
            }
            _ => {}
        }
    }

    fn dispatch(&mut self, out: &mut Vec<SseItem>) {
        if self.dropped > 0 {
            out.push(SseItem::TooLarge { bytes: self.dropped });
        } else if self.data_seen {
            let mut data = std::mem::take(&mut self.data);
            if data.ends_with('\n') {
                data.pop();
            }
            out.push(SseItem::Event(SseEvent {
                event: self.event.take().filter(|e| !e.is_empty()),
                data,
                id: self.id.clone(),
                retry: self.retry,
            }));
        }
        self.reset_event();
    }

    fn reset_event(&mut self) {
        self.event = None;
        self.data.clear();
        self.data_seen = false;
        self.dropped = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_chunks(chunks: &[&[u8]], max: usize) -> Vec<SseItem> {
        let mut p = SseParser::new(max);
        let mut out = Vec::new();
        for c in chunks {
            p.feed(c, &mut out);
        }
        p.finish();
        out
    }

    fn ev(event: Option<&str>, data: &str, id: Option<&str>) -> SseItem {
        SseItem::Event(SseEvent {
            event: event.map(str::to_string),
            data: data.to_string(),
            id: id.map(str::to_string),
            retry: None,
        })
    }

    #[test]
    fn fields_comments_and_multiline_data() {
        let got = parse_chunks(
            &[b"\xEF\xBB\xBF: keep-alive\n\nevent: endpoint\ndata: /messages?s=1\n\nid: 7\ndata: {\"a\":\ndata:1}\n\n"],
            1000,
        );
        assert_eq!(
            got,
            vec![
                ev(Some("endpoint"), "/messages?s=1", None),
                ev(None, "{\"a\":\n1}", Some("7"))
            ]
        );
    }

    #[test]
    fn any_line_ending_and_split_chunks() {
        let got = parse_chunks(&[b"data: a\r", b"\n\r\ndata: b\r\rdata", b": c\n", b"\n"], 1000);
        assert_eq!(got, vec![ev(None, "a", None), ev(None, "b", None), ev(None, "c", None)]);
    }

    #[test]
    fn priming_event_without_data_is_not_dispatched_and_incomplete_event_is_dropped() {
        let got = parse_chunks(&[b"id: 1\n\nretry: 50\ndata: x\n\ndata: never finished\n"], 1000);
        assert_eq!(
            got,
            vec![SseItem::Event(SseEvent {
                event: None,
                data: "x".into(),
                id: Some("1".into()),
                retry: Some(50)
            })]
        );
    }

    #[test]
    fn oversized_events_are_dropped_and_reported() {
        let big = "x".repeat(5000);
        let body = format!(
            "data: {big}\n\ndata: {}\ndata: {}\n\ndata: ok\n\n",
            &big[..600],
            &big[..600]
        );
        let got = parse_chunks(&[body.as_bytes()], 1000);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(matches!(got[0], SseItem::TooLarge { .. }));
        assert!(matches!(got[1], SseItem::TooLarge { .. }));
        assert_eq!(got[2], ev(None, "ok", None));
    }
}
