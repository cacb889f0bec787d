//! Opening a store in this process, without creating one by mistake: reading
//! commands and `check` only open a store that exists; `demo`, `init`, `import`, `apply`
//! and `restore` may create one, and only in an empty or absent directory.

use std::path::Path;

use crate::domain::msg::Msg;
use crate::service::{Service, ServiceError};

/// What a command needs of the store directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// A store that exists already.
    Existing,
    /// A store, created when the directory is absent or empty.
    MayCreate,
}

/// What is at a store path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Nothing,
    EmptyDir,
    Store,
    /// A file, or a directory holding something other than a cadre store.
    Other,
}

/// Looks at `dir` without changing anything.
pub fn look(dir: &Path) -> Found {
    match std::fs::symlink_metadata(dir) {
        Err(_) => Found::Nothing,
        Ok(m) if !m.is_dir() => Found::Other,
        Ok(_) => {
            if dir.join("conf").is_file() && dir.join("db").is_file() {
                Found::Store
            } else if std::fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(false) {
                Found::EmptyDir
            } else {
                Found::Other
            }
        }
    }
}

/// Opens the store at `db` in this process as the OS user.
pub fn open(db: &Path, need: Need) -> Result<Service, ServiceError> {
    let path = db.display().to_string();
    match (look(db), need) {
        (Found::Store, _) => Service::open_local(db, false),
        (Found::Nothing | Found::EmptyDir, Need::MayCreate) => Service::open_local(db, true),
        (Found::Nothing | Found::EmptyDir, Need::Existing) => {
            Err(ServiceError::not_found(Msg::NoStore { path }))
        }
        (Found::Other, _) => Err(ServiceError::invalid(Msg::NotAStore { path })),
    }
}
