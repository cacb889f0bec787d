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
    Denied(Msg),
    #[error("{0}")]
    NotFound(Msg),
    #[error("{0}")]
    Invalid(Msg),
    #[error("{}", format_rows(.file, .problems, crate::locale::Lang::En))]
    Rows { file: String, problems: Vec<RowProblem> },
    #[error("{0}")]
    Store(Msg),
}

impl ServiceError {
    pub fn denied(m: impl Into<Msg>) -> Self {
        ServiceError::Denied(m.into())
    }
    pub fn not_found(m: impl Into<Msg>) -> Self {
        ServiceError::NotFound(m.into())
    }
    pub fn invalid(m: impl Into<Msg>) -> Self {
        ServiceError::Invalid(m.into())
    }
    pub fn store(m: impl Into<Msg>) -> Self {
        ServiceError::Store(m.into())
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
        ServiceError::store(Msg::Text { text: e.to_string() })
    }
}

impl From<crate::domain::DomainError> for ServiceError {
    fn from(e: crate::domain::DomainError) -> Self {
        ServiceError::invalid(e.0)
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;

/// Carries requests to whatever executes them.
pub trait Transport: Send + Sync {
    fn call(&self, request: Request) -> ServiceResult<Response>;
}

/// The handle every caller (TUI, CLI, importers) uses.
pub struct Service {
    transport: Box<dyn Transport>,
    operator: String,
}

impl Service {
    /// Opens the store at `path` in this process, acting as the OS user.
    pub fn open_local(path: &Path) -> anyhow::Result<Service> {
        let user = os_user();
        let engine = engine::Engine::open(path, &user)?;
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
            Response::Answer(_) => Err(ServiceError::store("a command got a query answer")),
        }
    }

    pub fn query(&self, query: Query) -> ServiceResult<Answer> {
        match self
            .transport
            .call(Request { operator: self.operator.clone(), body: RequestBody::Query(query) })?
        {
            Response::Answer(answer) => Ok(answer),
            Response::Done(_) => Err(ServiceError::store("a query got a command outcome")),
        }
    }
}

/// The OS user running this process: the operator of every command it sends.
pub fn os_user() -> String {
    // SAFETY: getpwuid returns a pointer into static storage or null; we copy the name
    // out at once and this process does not call getpwuid concurrently at start-up.
    unsafe {
        let pw = libc::getpwuid(libc::geteuid());
        if !pw.is_null() && !(*pw).pw_name.is_null() {
            if let Ok(name) = std::ffi::CStr::from_ptr((*pw).pw_name).to_str() {
                return name.to_string();
            }
        }
    }
    std::env::var("USER").unwrap_or_else(|_| format!("uid{}", unsafe { libc::geteuid() }))
}
