//! Records as older schemas kept them, read by the migrations and the journal.

use serde::{Deserialize, Serialize};

use crate::domain::audit::AuditChange;
use crate::domain::Timestamp;

/// An audit event as schemas 1–3 kept it: no chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct LegacyAuditEvent {
    pub seq: u64,
    pub at: Timestamp,
    pub operator: String,
    pub command: String,
    pub summary: String,
    pub changes: Vec<AuditChange>,
}
