//! Audit events: one per applied command, written in the same atomic batch as the change.

use serde::{Deserialize, Serialize};

use super::Timestamp;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub seq: u64,
    pub at: Timestamp,
    pub operator: String,
    /// The command's name, e.g. `transition_member`.
    pub command: String,
    /// A one-line summary a person can read.
    pub summary: String,
    /// The records the command changed: key, JSON before (None when new), JSON after
    /// (None when removed).
    pub changes: Vec<AuditChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditChange {
    pub key: String,
    pub before: Option<String>,
    pub after: Option<String>,
}
