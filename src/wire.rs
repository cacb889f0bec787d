//! The protocol between `cadre serve` and its clients over a Unix socket: length-prefixed
//! frames of JSON messages or raw bytes (backup and restore streams), a versioned handshake,
//! size limits, and reads that give up on a frame left half-sent.
//!
//! A frame is a u32 little-endian length, then that many bytes: a kind byte and the
//! payload. `J` is a JSON message; a long one is sent as `j` frames of `CHUNK` bytes and a
//! last `J`, so neither side holds more than a chunk of it to send. `B` is a chunk of a
//! byte stream. The client opens with `Hello`; the server answers `Welcome` or `Refused`
//! (another protocol, or a user who is not an operator).

use std::io::{ErrorKind, Read, Write};
use std::time::{Duration, Instant};

use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::service::changes::Changes;
use crate::service::command::Outcome;
use crate::service::{BackupInfo, RequestBody, Response, ServiceError};

/// The protocol this build speaks (2: reminders travel as people, courses and rows).
pub const PROTOCOL: u32 = 2;
/// The largest frame either side accepts.
pub const MAX_FRAME: usize = 64 << 20;
/// The largest message (all its `j` frames and the `J`) either side accepts.
pub const MAX_MESSAGE: usize = 1 << 30;
/// A backup or restore stream moves in chunks of this size.
pub const CHUNK: usize = 1 << 20;
/// How long a frame may take to arrive once its first byte has.
pub const FRAME_PATIENCE: Duration = Duration::from_secs(30);

/// The program and its version, as the handshake compares them.
pub fn program() -> String {
    format!("cadre {}", env!("CARGO_PKG_VERSION"))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "msg", rename_all = "snake_case")]
pub enum ClientMsg {
    Hello {
        protocol: u32,
        program: String,
    },
    /// A command or a query.
    Call {
        id: u64,
        body: RequestBody,
    },
    /// Stream a backup to me: `B` frames, then `BackupDone`.
    Backup {
        id: u64,
    },
    /// A restore: the backup follows as `B` frames, an empty one last.
    Restore {
        id: u64,
        force: bool,
    },
    /// Send me a notice after every commit past `after` (and one now if I missed some).
    Subscribe {
        after: u64,
    },
    /// The server's state (`cadre status`).
    Status {
        id: u64,
    },
}

/// Who the server is, for the handshake and `cadre status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerInfo {
    pub program: String,
    pub protocol: u32,
    pub pid: u32,
    pub store: String,
    pub schema: u32,
    /// The connecting user, as the kernel says, and the operator's role.
    pub user: String,
    pub role: String,
    /// The audit sequence now.
    pub seq: u64,
}

/// One connected client, as `cadre status` lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientInfo {
    pub user: String,
    pub uid: u32,
    pub pid: i32,
    pub since: String,
    pub subscribed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerStatus {
    pub pid: u32,
    pub program: String,
    pub store: String,
    pub schema: u32,
    pub socket: String,
    pub started: String,
    pub uptime_secs: u64,
    pub seq: u64,
    pub clients: Vec<ClientInfo>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "msg", rename_all = "snake_case")]
pub enum ServerMsg {
    Welcome { info: ServerInfo },
    Refused { error: ServiceError },
    Reply { id: u64, seq: u64, result: Result<Response, ServiceError> },
    BackupDone { id: u64, result: Result<BackupInfo, ServiceError> },
    Restored { id: u64, result: Result<Box<Outcome>, ServiceError> },
    Notice { changes: Changes },
    Status { id: u64, status: ServerStatus },
}

/// One frame read.
#[derive(Debug)]
pub enum Frame<T> {
    Msg(T),
    Bytes(Vec<u8>),
}

/// Why a frame could not be read.
#[derive(Debug, thiserror::Error)]
pub enum WireError {
    #[error("the other side closed the connection")]
    Closed,
    #[error("a frame of {0} bytes is larger than the {MAX_FRAME} allowed")]
    TooLarge(usize),
    #[error("a frame took longer than {FRAME_PATIENCE:?} to arrive")]
    Slow,
    #[error("not a cadre frame: {0}")]
    Garbage(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl WireError {
    /// The socket has no data yet (a read timeout between frames: the peer is idle).
    pub fn is_idle(&self) -> bool {
        matches!(self, WireError::Io(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut))
    }
}

fn write_frame(w: &mut impl Write, kind: u8, payload: &[u8]) -> Result<(), WireError> {
    let len = payload.len() + 1;
    if len > MAX_FRAME {
        return Err(WireError::TooLarge(len));
    }
    let mut head = [0u8; 5];
    head[..4].copy_from_slice(&(len as u32).to_le_bytes());
    head[4] = kind;
    w.write_all(&head)?;
    w.write_all(payload)?;
    w.flush()?;
    Ok(())
}

/// JSON written in frames of `CHUNK` bytes: `j` for each full one, `J` for the last.
struct Chunked<'a, W: Write> {
    out: &'a mut W,
    buf: Vec<u8>,
}

impl<W: Write> Write for Chunked<'_, W> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        while self.buf.len() >= CHUNK {
            let rest = self.buf.split_off(CHUNK);
            write_frame(self.out, b'j', &self.buf).map_err(|e| std::io::Error::other(e.to_string()))?;
            self.buf = rest;
        }
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Sends one message.
pub fn send<T: Serialize>(w: &mut impl Write, msg: &T) -> Result<(), WireError> {
    let mut chunked = Chunked { out: w, buf: Vec::new() };
    serde_json::to_writer(&mut chunked, msg).map_err(|e| match e.io_error_kind() {
        Some(kind) => WireError::Io(std::io::Error::from(kind)),
        None => WireError::Garbage(e.to_string()),
    })?;
    let Chunked { out, buf } = chunked;
    write_frame(out, b'J', &buf)
}

/// Sends a chunk of a byte stream (an empty chunk ends it).
pub fn send_bytes(w: &mut impl Write, bytes: &[u8]) -> Result<(), WireError> {
    write_frame(w, b'B', bytes)
}

/// Reads exactly `buf.len()` bytes; once started, waits at most `FRAME_PATIENCE`.
fn read_full(r: &mut impl Read, buf: &mut [u8], started: &mut Option<Instant>) -> Result<(), WireError> {
    let mut pos = 0;
    while pos < buf.len() {
        match r.read(&mut buf[pos..]) {
            Ok(0) => return Err(WireError::Closed),
            Ok(n) => {
                pos += n;
                started.get_or_insert_with(Instant::now);
            }
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => match started {
                None => return Err(WireError::Io(e)),
                Some(t) if t.elapsed() > FRAME_PATIENCE => return Err(WireError::Slow),
                Some(_) => continue,
            },
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) if matches!(e.kind(), ErrorKind::ConnectionReset | ErrorKind::BrokenPipe) => {
                return Err(WireError::Closed)
            }
            Err(e) => return Err(WireError::Io(e)),
        }
    }
    Ok(())
}

/// Reads one frame (all the frames of a long message). A read timeout before its first
/// byte comes back as an idle error (`is_idle`), so a caller can wait on a quiet peer; a
/// frame left half-sent is `Slow`.
pub fn recv<T: DeserializeOwned>(r: &mut impl Read) -> Result<Frame<T>, WireError> {
    let mut started = None;
    let mut message = Vec::new();
    loop {
        let mut head = [0u8; 5];
        read_full(r, &mut head, &mut started)?;
        let len = u32::from_le_bytes(head[..4].try_into().expect("4 bytes")) as usize;
        if len == 0 || len > MAX_FRAME {
            return Err(WireError::TooLarge(len));
        }
        if message.len() + len > MAX_MESSAGE {
            return Err(WireError::TooLarge(message.len() + len));
        }
        let mut payload = vec![0u8; len - 1];
        read_full(r, &mut payload, &mut started)?;
        match head[4] {
            b'j' => message.extend_from_slice(&payload),
            b'J' => {
                let json = if message.is_empty() {
                    payload
                } else {
                    message.extend_from_slice(&payload);
                    message
                };
                return serde_json::from_slice(&json)
                    .map(Frame::Msg)
                    .map_err(|e| WireError::Garbage(e.to_string()));
            }
            b'B' if message.is_empty() => return Ok(Frame::Bytes(payload)),
            other => return Err(WireError::Garbage(format!("frame kind {other:#04x}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_bytes_cross_and_bad_frames_are_named() {
        let mut buf = Vec::new();
        send(&mut buf, &ClientMsg::Subscribe { after: 7 }).unwrap();
        send_bytes(&mut buf, b"abc").unwrap();
        let mut r = std::io::Cursor::new(buf);
        assert!(matches!(recv::<ClientMsg>(&mut r).unwrap(), Frame::Msg(ClientMsg::Subscribe { after: 7 })));
        assert!(matches!(recv::<ClientMsg>(&mut r).unwrap(), Frame::Bytes(b) if b == b"abc"));
        assert!(matches!(recv::<ClientMsg>(&mut r), Err(WireError::Closed)));

        let huge = [0xff, 0xff, 0xff, 0x7f, b'J'];
        assert!(matches!(recv::<ClientMsg>(&mut &huge[..]), Err(WireError::TooLarge(_))));
        let mut junk = 5u32.to_le_bytes().to_vec();
        junk.extend_from_slice(b"Jnope");
        assert!(matches!(recv::<ClientMsg>(&mut &junk[..]), Err(WireError::Garbage(_))));
        // a long message crosses in several frames
        let long = ClientMsg::Hello { protocol: 1, program: "x".repeat(CHUNK * 2 + 10) };
        let mut buf = Vec::new();
        send(&mut buf, &long).unwrap();
        assert!(buf.len() > CHUNK * 2 + 15, "three frames");
        match recv::<ClientMsg>(&mut std::io::Cursor::new(buf)).unwrap() {
            Frame::Msg(ClientMsg::Hello { program, .. }) => assert_eq!(program.len(), CHUNK * 2 + 10),
            other => panic!("{other:?}"),
        }
        // a long message crosses in several frames
        let long = ClientMsg::Hello { protocol: 1, program: "x".repeat(CHUNK * 2 + 10) };
        let mut buf = Vec::new();
        send(&mut buf, &long).unwrap();
        assert!(buf.len() > CHUNK * 2 + 15, "three frames");
        match recv::<ClientMsg>(&mut std::io::Cursor::new(buf)).unwrap() {
            Frame::Msg(ClientMsg::Hello { program, .. }) => assert_eq!(program.len(), CHUNK * 2 + 10),
            other => panic!("{other:?}"),
        }
        let mut cut = 100u32.to_le_bytes().to_vec();
        cut.extend_from_slice(b"J{\"msg\"");
        assert!(matches!(recv::<ClientMsg>(&mut &cut[..]), Err(WireError::Closed)));
    }
}
