//! The service layer: serde-serialisable commands and queries, the only door to the store.
//! Callers hold a [`Service`], which sends a [`Request`] through a [`Transport`]; today the
//! transport is the in-process [`engine::Engine`], later it can be a socket to a shared
//! server without touching the callers.

pub mod changes;
pub mod command;
pub mod engine;
pub mod query;

mod apply_assessment;
mod apply_bulk;
mod apply_pipeline;
mod apply_training;
mod authz;
mod backup;
mod catalogue;
mod check;
mod check_points;
pub mod course_effect;
mod handle;
mod identity;
mod index;
mod insight;
mod load;
mod outlook;
pub mod plan_preview;
mod points;
pub mod pool_reports;
pub mod rates;
mod read;
mod reimport;
pub mod roster;
pub use read::MAX_PAGE;
pub mod readiness_types;
pub mod readiness_views;
pub mod reminder_types;
mod reminders;
mod training_views;
mod undo;
pub mod vacancies;
pub mod vacancy_types;
mod views;
mod who;

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
    Done(Box<Outcome>),
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
    /// Someone else changed what the request was based on since it was read.
    #[error("{0}")]
    Conflict(Box<Msg>),
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
    pub fn conflict(m: impl Into<Msg>) -> Self {
        ServiceError::Conflict(Box::new(m.into()))
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
            | ServiceError::Conflict(m)
            | ServiceError::Store(m) => lang.say(m),
            ServiceError::Rows { file, problems } => format_rows(file, problems, lang),
        }
    }
}

fn format_rows(source: &str, problems: &[RowProblem], lang: crate::locale::Lang) -> String {
    let problems: Vec<crate::locale::import::Problem> = problems
        .iter()
        .map(|p| crate::locale::import::Problem { line: p.line, column: &p.column, problem: &p.problem })
        .collect();
    crate::locale::import::grouped(source, &problems, lang)
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
            E::Io { path: p, source } => {
                Msg::Io { path: path(&p), error: source.to_string(), kind: String::new() }
            }
        })
    }
}

impl From<crate::domain::DomainError> for ServiceError {
    fn from(e: crate::domain::DomainError) -> Self {
        ServiceError::Invalid(e.0)
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;

pub use handle::{Reply, Service, Transport};
pub use identity::{os_user, user_name};
