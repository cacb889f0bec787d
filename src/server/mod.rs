//! `cadre serve`: one long-running process owns the store and answers every TUI and
//! command on a Unix socket, with the operator taken from the kernel (the peer's uid),
//! queries beside commands, and a change notice to every screen after each commit.
//!
//! The socket's directory decides who may connect: inside the store directory (the
//! default) only its owner can; in a group-owned runtime directory (`/run/cadre`, see
//! `contrib/cadre.service`) the members of that group. The socket itself is 0660.
//! SIGTERM and SIGINT stop accepting, let requests under way finish, flush and exit 0.

mod conn;
mod hub;
pub mod peer;

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::domain::msg::Msg;
use crate::service::engine::Engine;
use crate::service::{ServiceError, ServiceResult};
use crate::wire::ServerStatus;

/// Where a running server says it is, beside the store it serves (`serve.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Served {
    pub pid: u32,
    pub socket: PathBuf,
    pub started: String,
}

/// The default socket of a store: inside its directory.
pub fn default_socket(db: &Path) -> PathBuf {
    db.join("cadre.sock")
}

/// The file beside a store naming the server that serves it.
pub fn served_file(db: &Path) -> PathBuf {
    db.join("serve.json")
}

/// What `serve.json` says, if it is there and names a live process.
pub fn served(db: &Path) -> Option<Served> {
    let text = std::fs::read_to_string(served_file(db)).ok()?;
    let s: Served = serde_json::from_str(&text).ok()?;
    // SAFETY: kill with signal 0 only asks whether the process exists.
    let alive = unsafe { libc::kill(s.pid as i32, 0) } == 0;
    alive.then_some(s)
}

/// What every connection shares.
pub(crate) struct Shared {
    pub engine: Engine,
    pub hub: hub::Hub,
    pub stop: AtomicBool,
    pub next_client: AtomicU64,
    pub started: Instant,
    pub started_at: String,
    pub socket: PathBuf,
}

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(_: libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

fn install_signals() {
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe {
        libc::signal(libc::SIGTERM, on_signal as *const () as libc::sighandler_t);
        libc::signal(libc::SIGINT, on_signal as *const () as libc::sighandler_t);
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
}

pub(crate) fn status(shared: &Shared) -> ServerStatus {
    ServerStatus {
        pid: std::process::id(),
        program: crate::wire::program(),
        store: shared.engine.store().path().display().to_string(),
        schema: crate::store::SCHEMA_VERSION,
        socket: shared.socket.display().to_string(),
        started: shared.started_at.clone(),
        uptime_secs: shared.started.elapsed().as_secs(),
        seq: shared.engine.seq().unwrap_or(0),
        clients: shared.hub.clients(),
    }
}

/// One thread per client would give glibc's allocator an arena per thread, each keeping
/// what a large answer once needed; two arenas keep the server's memory near what it uses.
fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only tunes the allocator; called before the threads start.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Binds the socket, replacing only a dead socket file (never anything else).
fn bind(socket: &Path) -> ServiceResult<UnixListener> {
    let io = |e: std::io::Error| ServiceError::store(Msg::io(socket.display().to_string(), &e));
    if let Ok(meta) = std::fs::symlink_metadata(socket) {
        if !meta.file_type().is_socket() {
            return Err(ServiceError::invalid(Msg::FileRefused {
                path: socket.display().to_string(),
                why: "not_regular".into(),
            }));
        }
        if UnixStream::connect(socket).is_ok() {
            return Err(ServiceError::invalid(Msg::SocketInUse { socket: socket.display().to_string() }));
        }
        std::fs::remove_file(socket).map_err(io)?;
    }
    let listener = UnixListener::bind(socket).map_err(io)?;
    std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o660)).map_err(io)?;
    Ok(listener)
}

/// Serves the store at `db` on `socket` until SIGTERM or SIGINT. `ready` is told the
/// socket once clients can connect.
pub fn serve(db: &Path, socket: Option<PathBuf>, ready: &mut dyn FnMut(&Path)) -> ServiceResult<()> {
    limit_arenas();
    let user = crate::service::os_user()?;
    let socket = socket.unwrap_or_else(|| default_socket(db));
    let engine = match Engine::open(db, &user, false) {
        Ok(e) => e,
        Err(e) => {
            if let (ServiceError::Store(m), Some(s)) = (&e, served(db)) {
                if matches!(**m, Msg::StoreInUse { .. }) {
                    return Err(ServiceError::invalid(Msg::AlreadyServed {
                        store: db.display().to_string(),
                        pid: s.pid,
                        socket: s.socket.display().to_string(),
                    }));
                }
            }
            return Err(e);
        }
    };
    install_signals();
    let listener = bind(&socket)?;
    listener
        .set_nonblocking(true)
        .map_err(|e| ServiceError::store(Msg::io(socket.display().to_string(), &e)))?;
    let started_at = chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string();
    let served_now = Served { pid: std::process::id(), socket: socket.clone(), started: started_at.clone() };
    let _ = std::fs::write(served_file(db), serde_json::to_vec(&served_now).unwrap_or_default());
    let shared = Arc::new(Shared {
        engine,
        hub: hub::Hub::default(),
        stop: AtomicBool::new(false),
        next_client: AtomicU64::new(1),
        started: Instant::now(),
        started_at,
        socket: socket.clone(),
    });
    ready(&socket);
    let mut handlers = Vec::new();
    while !STOP.load(Ordering::SeqCst) {
        match listener.accept() {
            Ok((stream, _)) => {
                let _ = stream.set_nonblocking(false);
                let shared = shared.clone();
                handlers.push(std::thread::spawn(move || conn::serve(shared, stream)));
                handlers.retain(|h| !h.is_finished());
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(20))
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    // stop: no new clients; requests under way finish, idle connections close
    shared.stop.store(true, Ordering::SeqCst);
    drop(listener);
    let _ = std::fs::remove_file(&socket);
    let deadline = Instant::now() + Duration::from_secs(30);
    for h in handlers {
        while !h.is_finished() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    shared.engine.store().flush()?;
    if served(db).is_some_and(|s| s.pid == std::process::id()) {
        let _ = std::fs::remove_file(served_file(db));
    }
    Ok(())
}
