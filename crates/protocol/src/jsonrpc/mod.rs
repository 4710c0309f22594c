//! JSON-RPC 2.0: ids, the message envelope, framing and request tracking.

pub mod codes;
mod framing;
mod id;
mod message;
mod pending;
pub mod recover;

pub use framing::{Frame, FrameReader, FrameWriter, OversizedFrame, DEFAULT_MAX_FRAME};
pub use id::Id;
pub use message::{ErrorObject, Extra, Invalid, InvalidKind, Message, Notification, Outcome, Request, Response};
pub use pending::{Pending, PendingError, PendingRequests};

impl Frame {
    /// Decodes a frame. An oversized frame is never parsed (its bytes are gone).
    pub fn into_message(self) -> Result<Message, OversizedFrame> {
        match self {
            Frame::Line(bytes) | Frame::Unterminated(bytes) => Ok(Message::parse(&bytes)),
            Frame::Oversized(o) => Err(o),
        }
    }
}
