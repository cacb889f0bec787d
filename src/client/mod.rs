//! How a command or the TUI reaches the store: through `cadre serve` when a server serves
//! it, otherwise by opening it in this process — never opening a store a server owns.
//!
//! Where a server is looked for, in order: the socket given (`--socket`, `CADRE_SOCKET`);
//! the socket the store's own `serve.json` names, or `cadre.sock` inside the store
//! directory; and when no store was named, the system socket `/run/cadre/cadre.sock`.

pub mod local;
pub mod socket;

use std::path::{Path, PathBuf};

use crate::domain::msg::Msg;
use crate::service::{Service, ServiceError, ServiceResult};
use socket::SocketTransport;

/// The system-wide socket of the shared-server set-up (see `contrib/cadre.service`).
pub const SYSTEM_SOCKET: &str = "/run/cadre/cadre.sock";

/// What the command line says about where the store is.
#[derive(Debug, Clone)]
pub struct Target {
    /// The store directory (`--db`, `CADRE_DB`, or the default).
    pub db: PathBuf,
    /// Whether the store was named (by `--db` or `CADRE_DB`) rather than defaulted.
    pub db_named: bool,
    /// A socket named by `--socket` or `CADRE_SOCKET`.
    pub socket: Option<PathBuf>,
}

/// A service over a server's socket, and the transport for notices.
pub fn over_socket(socket: &Path) -> ServiceResult<(Service, std::sync::Arc<SocketTransport>)> {
    let transport = std::sync::Arc::new(SocketTransport::connect(socket)?);
    let user = transport.info().user.clone();
    Ok((Service::new(Box::new(ArcSocket(transport.clone())), user), transport))
}

/// An `Arc` of the socket transport, as the service's transport.
struct ArcSocket(std::sync::Arc<SocketTransport>);

impl crate::service::Transport for ArcSocket {
    fn call(&self, request: crate::service::Request) -> ServiceResult<crate::service::Reply> {
        self.0.call(request)
    }
    fn backup(
        &self,
        operator: &str,
        sink: &mut dyn std::io::Write,
    ) -> ServiceResult<crate::service::BackupInfo> {
        self.0.backup(operator, sink)
    }
    fn restore(
        &self,
        operator: &str,
        source: &mut dyn std::io::Read,
        force: bool,
    ) -> ServiceResult<crate::service::command::Outcome> {
        self.0.restore(operator, source, force)
    }
}

/// A connection to the server that serves `target`, if one answers.
pub fn find_server(target: &Target, system: bool) -> ServiceResult<Option<SocketTransport>> {
    if let Some(s) = &target.socket {
        // named: it must answer
        return SocketTransport::connect(s).map(Some);
    }
    let mut candidates = Vec::new();
    if let Some(served) = crate::server::served(&target.db) {
        candidates.push(served.socket);
    }
    candidates.push(crate::server::default_socket(&target.db));
    if system && !target.db_named {
        candidates.push(PathBuf::from(SYSTEM_SOCKET));
    }
    for socket in candidates {
        if socket.exists() {
            if let Ok(t) = SocketTransport::connect(&socket) {
                return Ok(Some(t));
            }
        }
    }
    Ok(None)
}

/// The connection a command uses: the server's when one serves the store, otherwise the
/// store opened here under `need`. `system`: the system socket may be used when no store
/// was named (not for `demo` and `init`, which make stores of their own).
pub fn connect(
    target: &Target,
    need: local::Need,
    system: bool,
) -> ServiceResult<(Service, Option<std::sync::Arc<SocketTransport>>)> {
    if let Some(transport) = find_server(target, system)? {
        check_store(&transport, target)?;
        let transport = std::sync::Arc::new(transport);
        let user = transport.info().user.clone();
        let service = Service::new(Box::new(ArcSocket(transport.clone())), user);
        return Ok((service, Some(transport)));
    }
    match local::open(&target.db, need) {
        Ok(service) => Ok((service, None)),
        Err(ServiceError::Store(m)) if matches!(*m, Msg::StoreInUse { .. }) => {
            match crate::server::served(&target.db) {
                Some(s) => Err(ServiceError::invalid(Msg::ServedElsewhere {
                    store: target.db.display().to_string(),
                    pid: s.pid,
                    socket: s.socket.display().to_string(),
                })),
                None => Err(ServiceError::Store(m)),
            }
        }
        Err(e) => Err(e),
    }
}

/// A server reached by an explicit socket while a store was named must serve that store.
fn check_store(transport: &SocketTransport, target: &Target) -> ServiceResult<()> {
    if !target.db_named || target.socket.is_none() {
        return Ok(());
    }
    let serves = PathBuf::from(&transport.info().store);
    let same = match (serves.canonicalize(), target.db.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => serves == target.db,
    };
    if same {
        Ok(())
    } else {
        Err(ServiceError::invalid(Msg::WrongStore {
            socket: transport.socket().display().to_string(),
            serves: serves.display().to_string(),
            asked: target.db.display().to_string(),
        }))
    }
}
