//! Pure domain types and rules of the reserve-cadre pipeline: no I/O, no terminal, no store.

pub mod access;
pub mod assessment;
pub mod audit;
pub mod done;
pub mod eligibility;
pub mod forecast;
pub mod halves;
pub mod ids;
pub mod import_msg;
pub mod msg;
pub mod org;
pub mod policy;
pub mod policy_error;
pub mod pool;
pub mod readiness;
pub mod readiness_facts;
pub mod readiness_pool;
pub mod readiness_score;
#[cfg(test)]
mod readiness_tests;
pub mod reflection;
pub mod reminder;
pub mod states;
pub mod text;
pub mod training;
pub mod vacancy;
pub mod who;

use chrono::{DateTime, NaiveDate, Utc};

/// A moment recorded by the store (UTC).
pub type Timestamp = DateTime<Utc>;
/// A calendar day (hire dates, due dates).
pub type Date = NaiveDate;

/// A rule of the domain was broken; the message says which and why.
#[derive(Debug, Clone, PartialEq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[error("{0}")]
pub struct DomainError(pub Box<msg::Msg>);

impl DomainError {
    /// A message without a code yet (English only).
    pub fn new(message: impl Into<String>) -> Self {
        DomainError(Box::new(msg::Msg::Text { text: message.into() }))
    }
}

impl From<msg::Msg> for DomainError {
    fn from(m: msg::Msg) -> Self {
        DomainError(Box::new(m))
    }
}

impl From<String> for msg::Msg {
    fn from(text: String) -> Self {
        msg::Msg::Text { text }
    }
}

impl From<&str> for msg::Msg {
    fn from(text: &str) -> Self {
        msg::Msg::Text { text: text.to_string() }
    }
}
