//! A transport over the socket of `cadre serve`: requests and replies as frames, backups
//! streamed to the caller's side, restores streamed from it. One reader thread takes
//! every frame off the socket and routes it: a reply to the request waiting for it, a
//! change notice to the notice queue, so a quiet screen hears of changes at once and a
//! request never waits behind a notice.

use std::collections::HashMap;
use std::io::{BufReader, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::domain::msg::Msg;
use crate::service::changes::Changes;
use crate::service::command::Outcome;
use crate::service::{BackupInfo, Reply, Request, ServiceError, ServiceResult, Transport};
use crate::wire::{self, ClientMsg, Frame, ServerInfo, ServerMsg, ServerStatus};

type Routes = Arc<Mutex<HashMap<u64, Sender<Frame<ServerMsg>>>>>;

/// A connection to a server, ready for requests.
pub struct SocketTransport {
    writer: Mutex<UnixStream>,
    routes: Routes,
    /// The request whose byte stream (a backup) the reader routes `B` frames to.
    streaming: Arc<AtomicU64>,
    notices: Mutex<Receiver<Changes>>,
    alive: Arc<AtomicBool>,
    socket: PathBuf,
    info: ServerInfo,
    next_id: AtomicU64,
}

/// How long a request may wait for its reply while the server says nothing at all.
const REPLY_PATIENCE: Duration = Duration::from_secs(600);

fn gone(socket: &Path) -> ServiceError {
    ServiceError::store(Msg::ServerGone { socket: socket.display().to_string() })
}

fn frame_id(frame: &Frame<ServerMsg>) -> Option<u64> {
    match frame {
        Frame::Msg(ServerMsg::Reply { id, .. })
        | Frame::Msg(ServerMsg::BackupDone { id, .. })
        | Frame::Msg(ServerMsg::Restored { id, .. })
        | Frame::Msg(ServerMsg::Status { id, .. }) => Some(*id),
        _ => None,
    }
}

/// Takes frames off the socket until it closes, routing each one.
fn read_loop(
    mut reader: BufReader<UnixStream>,
    routes: Routes,
    streaming: Arc<AtomicU64>,
    notices: Sender<Changes>,
    alive: Arc<AtomicBool>,
) {
    loop {
        let frame = match wire::recv::<ServerMsg>(&mut reader) {
            Ok(f) => f,
            Err(e) if e.is_idle() => continue,
            Err(_) => break,
        };
        let target = match &frame {
            Frame::Msg(ServerMsg::Notice { changes }) => {
                let _ = notices.send(changes.clone());
                continue;
            }
            Frame::Bytes(_) => Some(streaming.load(Ordering::SeqCst)),
            other => frame_id(other),
        };
        if let Some(id) = target {
            let route = routes.lock().unwrap_or_else(|p| p.into_inner()).get(&id).cloned();
            if let Some(tx) = route {
                let _ = tx.send(frame);
            }
        }
    }
    alive.store(false, Ordering::SeqCst);
    // waking every waiter: their channels close
    routes.lock().unwrap_or_else(|p| p.into_inner()).clear();
}

impl SocketTransport {
    /// Connects and shakes hands; the server says who we are.
    pub fn connect(socket: &Path) -> ServiceResult<SocketTransport> {
        let no_server = |e: &dyn std::fmt::Display| {
            ServiceError::not_found(Msg::NoServer {
                socket: socket.display().to_string(),
                error: e.to_string(),
            })
        };
        let stream = UnixStream::connect(socket).map_err(|e| no_server(&e))?;
        stream.set_read_timeout(Some(Duration::from_millis(500))).map_err(|e| no_server(&e))?;
        let mut writer = stream.try_clone().map_err(|e| no_server(&e))?;
        let mut reader = BufReader::new(stream);
        wire::send(&mut writer, &ClientMsg::Hello { protocol: wire::PROTOCOL, program: wire::program() })
            .map_err(|e| no_server(&e))?;
        let started = Instant::now();
        let info = loop {
            match wire::recv::<ServerMsg>(&mut reader) {
                Ok(Frame::Msg(ServerMsg::Welcome { info })) => break info,
                Ok(Frame::Msg(ServerMsg::Refused { error })) => return Err(error),
                Err(e) if e.is_idle() && started.elapsed() < Duration::from_secs(10) => continue,
                Err(e) => return Err(no_server(&e)),
                Ok(_) => return Err(no_server(&"an unexpected first answer")),
            }
        };
        let routes: Routes = Arc::default();
        let streaming = Arc::new(AtomicU64::new(0));
        let alive = Arc::new(AtomicBool::new(true));
        let (notice_tx, notice_rx) = channel();
        {
            let (routes, streaming, alive) = (routes.clone(), streaming.clone(), alive.clone());
            std::thread::Builder::new()
                .name("cadre-socket-reader".into())
                .spawn(move || read_loop(reader, routes, streaming, notice_tx, alive))
                .map_err(|e| no_server(&e))?;
        }
        Ok(SocketTransport {
            writer: Mutex::new(writer),
            routes,
            streaming,
            notices: Mutex::new(notice_rx),
            alive,
            socket: socket.to_path_buf(),
            info,
            next_id: AtomicU64::new(1),
        })
    }

    pub fn info(&self) -> &ServerInfo {
        &self.info
    }

    pub fn socket(&self) -> &Path {
        &self.socket
    }

    /// Whether the connection still stands.
    pub fn alive(&self) -> bool {
        self.alive.load(Ordering::SeqCst)
    }

    /// Sends `msg` (made with a fresh id) and returns where its answers will arrive.
    fn start(&self, msg: impl FnOnce(u64) -> ClientMsg) -> ServiceResult<(u64, Receiver<Frame<ServerMsg>>)> {
        if !self.alive() {
            return Err(gone(&self.socket));
        }
        let id = self.next_id.fetch_add(1, Ordering::SeqCst);
        let (tx, rx) = channel();
        self.routes.lock().unwrap_or_else(|p| p.into_inner()).insert(id, tx);
        let sent = {
            let mut w = self.writer.lock().unwrap_or_else(|p| p.into_inner());
            wire::send(&mut *w, &msg(id))
        };
        if sent.is_err() {
            self.routes.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
            return Err(gone(&self.socket));
        }
        Ok((id, rx))
    }

    fn finish(&self, id: u64) {
        self.routes.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
    }

    /// The next answer to request `id`.
    fn answer(&self, rx: &Receiver<Frame<ServerMsg>>) -> ServiceResult<Frame<ServerMsg>> {
        match rx.recv_timeout(REPLY_PATIENCE) {
            Ok(frame) => Ok(frame),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => Err(gone(&self.socket)),
        }
    }

    /// Asks for a notice after every commit past `after` (one at once if some were missed).
    pub fn subscribe(&self, after: u64) -> ServiceResult<()> {
        let mut w = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        wire::send(&mut *w, &ClientMsg::Subscribe { after }).map_err(|_| gone(&self.socket))
    }

    /// The notices that arrived; waits up to `wait` for the first when there is none.
    pub fn notices(&self, wait: Duration) -> ServiceResult<Vec<Changes>> {
        let rx = self.notices.lock().unwrap_or_else(|p| p.into_inner());
        let mut got = Vec::new();
        match rx.recv_timeout(wait) {
            Ok(c) => got.push(c),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return Err(gone(&self.socket)),
        }
        got.extend(rx.try_iter());
        if got.is_empty() && !self.alive() {
            return Err(gone(&self.socket));
        }
        Ok(got)
    }

    /// The server's state (`cadre status`).
    pub fn status(&self) -> ServiceResult<ServerStatus> {
        let (id, rx) = self.start(|id| ClientMsg::Status { id })?;
        let answer = self.answer(&rx);
        self.finish(id);
        match answer? {
            Frame::Msg(ServerMsg::Status { status, .. }) => Ok(status),
            _ => Err(gone(&self.socket)),
        }
    }
}

impl Transport for SocketTransport {
    fn call(&self, request: Request) -> ServiceResult<Reply> {
        let (id, rx) = self.start(|id| ClientMsg::Call { id, body: request.body })?;
        let answer = self.answer(&rx);
        self.finish(id);
        match answer? {
            Frame::Msg(ServerMsg::Reply { seq, result, .. }) => {
                result.map(|response| Reply { seq, response })
            }
            _ => Err(gone(&self.socket)),
        }
    }

    fn backup(&self, _operator: &str, sink: &mut dyn Write) -> ServiceResult<BackupInfo> {
        let (id, rx) = self.start(|id| ClientMsg::Backup { id })?;
        self.streaming.store(id, Ordering::SeqCst);
        let mut write_error = None;
        let result = loop {
            match self.answer(&rx) {
                Ok(Frame::Bytes(bytes)) => {
                    if write_error.is_none() {
                        write_error = sink.write_all(&bytes).err();
                    }
                }
                Ok(Frame::Msg(ServerMsg::BackupDone { result, .. })) => break result,
                Ok(_) => {}
                Err(e) => break Err(e),
            }
        };
        self.streaming.store(0, Ordering::SeqCst);
        self.finish(id);
        if let Some(e) = write_error {
            return Err(ServiceError::store(Msg::io("backup", &e)));
        }
        result
    }

    fn restore(&self, _operator: &str, source: &mut dyn Read, force: bool) -> ServiceResult<Outcome> {
        let (id, rx) = self.start(|id| ClientMsg::Restore { id, force })?;
        let mut buf = vec![0u8; wire::CHUNK];
        let sent = (|| -> ServiceResult<()> {
            loop {
                let n = source.read(&mut buf).map_err(|e| ServiceError::invalid(Msg::io("backup", &e)))?;
                let mut w = self.writer.lock().unwrap_or_else(|p| p.into_inner());
                wire::send_bytes(&mut *w, &buf[..n]).map_err(|_| gone(&self.socket))?;
                if n == 0 {
                    return Ok(());
                }
            }
        })();
        let result = sent.and_then(|()| match self.answer(&rx)? {
            Frame::Msg(ServerMsg::Restored { result, .. }) => result.map(|o| *o),
            _ => Err(gone(&self.socket)),
        });
        self.finish(id);
        result
    }
}
