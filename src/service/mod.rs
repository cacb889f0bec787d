//! The service layer: serde-serialisable commands and queries, the only door to the store.
//! Callers hold a [`Service`], which sends a [`Request`] through a [`Transport`]; today the
//! transport is the in-process [`engine::Engine`], later it can be a socket to a shared
//! server without touching the callers.

pub mod command;
pub mod engine;
pub mod query;

mod apply_assessment;
mod apply_bulk;
mod apply_pipeline;
mod apply_training;
mod authz;
mod backup;
mod check;
mod index;
mod points;
mod read;
pub mod readiness_views;
mod training_views;
mod views;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::domain::msg::Msg;

pub use backup::BackupInfo;

/// The largest backup a restore accepts, in bytes.
pub fn backup_limit() -> u64 {
    backup::MAX_BACKUP
}
pub use command::{Command, ImportReport, Outcome, Sourced};
pub use query::{Answer, Query, Record, RecordKind};

/// What a caller asks: who is asking, and a command or a query.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Request {
    pub operator: String,
    pub body: RequestBody,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestBody {
    Command(Command),
    Query(Query),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    Done(Outcome),
    Answer(Answer),
}

/// A problem with one input row, reported as `FILE:LINE: column: problem`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowProblem {
    pub line: u64,
    pub column: String,
    pub problem: Msg,
}

/// Why a request was not carried out. Nothing was written in every case. Each carries a
/// message code with its parameters; the edge words it in the session's language.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ServiceError {
    #[error("{0}")]
    Denied(Box<Msg>),
    #[error("{0}")]
    NotFound(Box<Msg>),
    #[error("{0}")]
    Invalid(Box<Msg>),
    #[error("{}", format_rows(.file, .problems, crate::locale::Lang::En))]
    Rows { file: String, problems: Vec<RowProblem> },
    #[error("{0}")]
    Store(Box<Msg>),
}

impl ServiceError {
    pub fn denied(m: impl Into<Msg>) -> Self {
        ServiceError::Denied(Box::new(m.into()))
    }
    pub fn not_found(m: impl Into<Msg>) -> Self {
        ServiceError::NotFound(Box::new(m.into()))
    }
    pub fn invalid(m: impl Into<Msg>) -> Self {
        ServiceError::Invalid(Box::new(m.into()))
    }
    pub fn store(m: impl Into<Msg>) -> Self {
        ServiceError::Store(Box::new(m.into()))
    }

    /// The error worded for a person reading `lang`.
    pub fn say(&self, lang: crate::locale::Lang) -> String {
        match self {
            ServiceError::Denied(m)
            | ServiceError::NotFound(m)
            | ServiceError::Invalid(m)
            | ServiceError::Store(m) => lang.say(m),
            ServiceError::Rows { file, problems } => format_rows(file, problems, lang),
        }
    }
}

fn format_rows(source: &str, problems: &[RowProblem], lang: crate::locale::Lang) -> String {
    let mut lines: Vec<String> = problems
        .iter()
        .map(|p| format!("{source}:{}: {}: {}", p.line, p.column, lang.say(&p.problem)))
        .collect();
    lines.push(match lang {
        crate::locale::Lang::Zh => format!("{source} 中有 {} 行有问题；什么都没有写入", problems.len()),
        crate::locale::Lang::En => format!(
            "{} bad row{} in {source}; nothing was written",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        ),
    });
    lines.join("\n")
}

impl From<crate::store::StoreError> for ServiceError {
    fn from(e: crate::store::StoreError) -> Self {
        use crate::store::StoreError as E;
        let path = |p: &Path| p.display().to_string();
        ServiceError::store(match e {
            E::InUse(p) => Msg::StoreInUse { path: path(&p) },
            E::TooNew { path: p, found } => {
                Msg::StoreTooNew { path: path(&p), found, newest: crate::store::SCHEMA_VERSION }
            }
            E::Unusable { path: p, reason } => Msg::StoreDamaged { path: path(&p), detail: reason },
            E::Corrupt { path: p, reason } => Msg::StoreDamaged { path: path(&p), detail: reason },
            E::Io { path: p, source } => Msg::Io { path: path(&p), error: source.to_string() },
        })
    }
}

impl From<crate::domain::DomainError> for ServiceError {
    fn from(e: crate::domain::DomainError) -> Self {
        ServiceError::Invalid(e.0)
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;

/// Carries requests to whatever executes them.
pub trait Transport: Send + Sync {
    fn call(&self, request: Request) -> ServiceResult<Response>;
    /// Streams a consistent snapshot of the whole store into `sink` (admins only).
    fn backup(&self, operator: &str, sink: &mut dyn std::io::Write) -> ServiceResult<BackupInfo>;
    /// Replaces the store with the backup read from `source`, checked whole first
    /// (admins only; `force` when the store holds data).
    fn restore(&self, operator: &str, source: &mut dyn std::io::Read, force: bool) -> ServiceResult<Outcome>;
}

/// The handle every caller (TUI, CLI, importers) uses.
pub struct Service {
    transport: Box<dyn Transport>,
    operator: String,
}

impl Service {
    /// Opens the store at `path` in this process, acting as the OS user; with `create`, a
    /// directory without a store gets a new one with that user as its admin.
    pub fn open_local(path: &Path, create: bool) -> ServiceResult<Service> {
        let user = os_user()?;
        let engine = engine::Engine::open(path, &user, create)?;
        Ok(Service::new(Box::new(engine), user))
    }

    /// An empty store that lives only as long as the returned service (a private
    /// directory removed when dropped): where a dry run checks a file when no store exists.
    pub fn scratch() -> ServiceResult<Service> {
        let user = os_user()?;
        let engine = engine::Engine::scratch(&user)?;
        Ok(Service::new(Box::new(engine), user))
    }

    pub fn new(transport: Box<dyn Transport>, operator: String) -> Service {
        Service { transport, operator }
    }

    pub fn operator(&self) -> &str {
        &self.operator
    }

    pub fn execute(&self, command: Command) -> ServiceResult<Outcome> {
        match self
            .transport
            .call(Request { operator: self.operator.clone(), body: RequestBody::Command(command) })?
        {
            Response::Done(outcome) => Ok(outcome),
            Response::Answer(_) => {
                Err(ServiceError::store(Msg::Internal { what: "a command got a query answer".into() }))
            }
        }
    }

    /// A snapshot of the store, written into `sink` on the caller's side.
    pub fn backup(&self, sink: &mut dyn std::io::Write) -> ServiceResult<BackupInfo> {
        self.transport.backup(&self.operator, sink)
    }

    /// Replaces the store with a backup read from `source`.
    pub fn restore(&self, source: &mut dyn std::io::Read, force: bool) -> ServiceResult<Outcome> {
        self.transport.restore(&self.operator, source, force)
    }

    pub fn query(&self, query: Query) -> ServiceResult<Answer> {
        match self
            .transport
            .call(Request { operator: self.operator.clone(), body: RequestBody::Query(query) })?
        {
            Response::Answer(answer) => Ok(answer),
            Response::Done(_) => {
                Err(ServiceError::store(Msg::Internal { what: "a query got a command outcome".into() }))
            }
        }
    }
}

/// The OS user running this process: the operator of every command it sends. Fails
/// closed: a uid without a passwd entry is nobody, whatever `$USER` says.
pub fn os_user() -> ServiceResult<String> {
    // SAFETY: geteuid cannot fail.
    let uid = unsafe { libc::geteuid() };
    user_name(uid).ok_or_else(|| ServiceError::denied(Msg::NoUserName { uid }))
}

/// The user name of `uid` from the passwd database, if it has one.
pub fn user_name(uid: u32) -> Option<String> {
    let mut buf = vec![0 as libc::c_char; 4096];
    // SAFETY: getpwuid_r writes into `pwd` and `buf`, both owned here and large enough
    // (an ERANGE answer is taken as no name); `result` points into them or is null.
    unsafe {
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let rc = libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result);
        if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        std::ffi::CStr::from_ptr(pwd.pw_name).to_str().ok().filter(|n| !n.is_empty()).map(str::to_string)
    }
}
