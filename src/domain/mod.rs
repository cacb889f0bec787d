//! Pure domain types and rules of the reserve-cadre pipeline: no I/O, no terminal, no store.

pub mod access;
pub mod assessment;
pub mod audit;
pub mod eligibility;
pub mod org;
pub mod pool;
pub mod readiness;
pub mod readiness_score;
#[cfg(test)]
mod readiness_tests;
pub mod reflection;
pub mod training;
pub mod vacancy;

use chrono::{DateTime, NaiveDate, Utc};

/// A moment recorded by the store (UTC).
pub type Timestamp = DateTime<Utc>;
/// A calendar day (hire dates, due dates).
pub type Date = NaiveDate;

/// A rule of the domain was broken; the message says which and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[error("{0}")]
pub struct DomainError(pub String);

impl DomainError {
    pub fn new(message: impl Into<String>) -> Self {
        DomainError(message.into())
    }
}
