//! One client connection: the kernel says who it is, the handshake checks versions and
//! that the user is an operator, then its requests are answered one after another. A
//! client that sends garbage, an oversized frame or half a frame loses its own
//! connection and nothing else.

use std::io::{BufReader, Write};
use std::os::unix::net::UnixStream;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::hub::Writer;
use super::{peer, Shared};
use crate::domain::msg::Msg;
use crate::service::changes::Changes;
use crate::service::{RequestBody, Response, ServiceError, Transport};
use crate::wire::{self, ClientInfo, ClientMsg, Frame, ServerInfo, ServerMsg, WireError};

/// How often an idle connection looks at the stop flag.
const TICK: Duration = Duration::from_millis(250);
/// How long a client has to say hello.
const HELLO_PATIENCE: Duration = Duration::from_secs(10);

fn send(writer: &Writer, msg: &ServerMsg) -> Result<(), WireError> {
    let mut w = writer.lock().unwrap_or_else(|p| p.into_inner());
    wire::send(&mut *w, msg)
}

/// Waits for the next message, `None` when the connection ends (closed, garbage, too
/// large, too slow) or the server stops while it is idle.
fn next(reader: &mut BufReader<UnixStream>, shared: &Shared) -> Option<Frame<ClientMsg>> {
    loop {
        match wire::recv::<ClientMsg>(reader) {
            Ok(frame) => return Some(frame),
            Err(e) if e.is_idle() => {
                if shared.stop.load(Ordering::SeqCst) {
                    return None;
                }
            }
            Err(_) => return None,
        }
    }
}

/// Serves one connection until it ends.
pub fn serve(shared: Arc<Shared>, stream: UnixStream) {
    let client = shared.next_client.fetch_add(1, Ordering::SeqCst);
    let Ok(who) = peer::peer(&stream) else { return };
    if stream.set_read_timeout(Some(TICK)).is_err()
        || stream.set_write_timeout(Some(Duration::from_secs(5))).is_err()
    {
        return;
    }
    let Ok(write_half) = stream.try_clone() else { return };
    let writer: Writer = Arc::new(Mutex::new(write_half));
    let mut reader = BufReader::new(stream);

    let started = std::time::Instant::now();
    let hello = loop {
        match wire::recv::<ClientMsg>(&mut reader) {
            Ok(Frame::Msg(m)) => break m,
            Err(e) if e.is_idle() && started.elapsed() < HELLO_PATIENCE => continue,
            _ => return,
        }
    };
    let refuse = |error: ServiceError| {
        let _ = send(&writer, &ServerMsg::Refused { error });
    };
    match hello {
        ClientMsg::Hello { protocol, program } if protocol == wire::PROTOCOL => {
            let _ = program;
        }
        ClientMsg::Hello { protocol, program } => {
            return refuse(ServiceError::invalid(Msg::ProtocolMismatch {
                theirs: format!("{program} (protocol {protocol})"),
                ours: format!("{} (protocol {})", wire::program(), wire::PROTOCOL),
            }))
        }
        _ => return,
    }
    let Some(user) = crate::service::user_name(who.uid) else {
        return refuse(ServiceError::denied(Msg::NoUserName { uid: who.uid }));
    };
    let operator = match shared.engine.operator(&user) {
        Ok(op) => op,
        Err(e) => return refuse(e),
    };
    let info = ServerInfo {
        program: wire::program(),
        protocol: wire::PROTOCOL,
        pid: std::process::id(),
        store: shared.engine.store().path().display().to_string(),
        schema: crate::store::SCHEMA_VERSION,
        user: user.clone(),
        role: operator.role.code().to_string(),
        seq: shared.engine.seq().unwrap_or(0),
    };
    if send(&writer, &ServerMsg::Welcome { info }).is_err() {
        return;
    }
    let since = chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string();
    let client_info = ClientInfo { user: user.clone(), uid: who.uid, pid: who.pid, since, subscribed: false };
    shared.hub.join(client, client_info, writer.clone());
    while let Some(frame) = next(&mut reader, &shared) {
        let Frame::Msg(msg) = frame else { break };
        if !answer(&shared, client, &user, msg, &writer, &mut reader) {
            break;
        }
    }
    shared.hub.leave(client);
}

/// Answers one message; `false` ends the connection.
fn answer(
    shared: &Shared,
    client: u64,
    user: &str,
    msg: ClientMsg,
    writer: &Writer,
    reader: &mut BufReader<UnixStream>,
) -> bool {
    match msg {
        ClientMsg::Hello { .. } => true,
        ClientMsg::Call { id, body } => {
            let command = matches!(body, RequestBody::Command(_));
            let (seq, result) = match shared.engine.handle(user, body) {
                Ok(reply) => (reply.seq, Ok(reply.response)),
                Err(e) => (0, Err(e)),
            };
            let changes = match &result {
                Ok(Response::Done(outcome)) if command && outcome.audit_seq.is_some() => {
                    Some(outcome.changes.clone())
                }
                _ => None,
            };
            let ok = send(writer, &ServerMsg::Reply { id, seq, result }).is_ok();
            if let Some(changes) = changes {
                shared.hub.notify(&changes);
            }
            ok
        }
        ClientMsg::Backup { id } => {
            let mut chunks = Chunks { writer, buf: Vec::with_capacity(wire::CHUNK), failed: false };
            let result = Transport::backup(&shared.engine, user, &mut chunks);
            let result = result.and_then(|info| chunks.finish().map(|_| info));
            send(writer, &ServerMsg::BackupDone { id, result }).is_ok() && !chunks.failed
        }
        ClientMsg::Restore { id, force } => {
            let mut data = Vec::new();
            loop {
                match next(reader, shared) {
                    Some(Frame::Bytes(b)) if b.is_empty() => break,
                    Some(Frame::Bytes(b)) => {
                        if data.len() as u64 + b.len() as u64 > crate::service::backup_limit() {
                            let error = ServiceError::invalid(Msg::TooLarge {
                                what: "backup".into(),
                                max: crate::service::backup_limit(),
                            });
                            let _ = send(writer, &ServerMsg::Restored { id, result: Err(error) });
                            return false;
                        }
                        data.extend_from_slice(&b);
                    }
                    // the client went away mid-stream: nothing was touched
                    _ => return false,
                }
            }
            let result = Transport::restore(&shared.engine, user, &mut std::io::Cursor::new(data), force);
            let changes = result.as_ref().ok().map(|o| o.changes.clone());
            let ok = send(writer, &ServerMsg::Restored { id, result: result.map(Box::new) }).is_ok();
            if let Some(changes) = changes {
                shared.hub.notify(&changes);
            }
            ok
        }
        ClientMsg::Subscribe { after } => {
            shared.hub.subscribe(client);
            let seq = shared.engine.seq().unwrap_or(0);
            if after < seq {
                // a client that was away catches up: everything past its sequence may differ
                return send(writer, &ServerMsg::Notice { changes: Changes::everything(seq) }).is_ok();
            }
            true
        }
        ClientMsg::Status { id } => {
            let status = super::status(shared);
            send(writer, &ServerMsg::Status { id, status }).is_ok()
        }
    }
}

/// A backup's bytes as frames of `CHUNK` bytes.
struct Chunks<'a> {
    writer: &'a Writer,
    buf: Vec<u8>,
    failed: bool,
}

impl Chunks<'_> {
    fn ship(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let mut w = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let sent = wire::send_bytes(&mut *w, &self.buf);
        self.buf.clear();
        sent.map_err(|e| {
            self.failed = true;
            std::io::Error::new(std::io::ErrorKind::BrokenPipe, e.to_string())
        })
    }

    fn finish(&mut self) -> Result<(), ServiceError> {
        self.ship().map_err(|e| ServiceError::store(Msg::io("backup", &e)))
    }
}

impl Write for Chunks<'_> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= wire::CHUNK {
            self.ship()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
