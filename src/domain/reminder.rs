//! A reminder sent: to whom, through which channel, on which day (so a second run on the
//! same day sends nothing new).

use serde::{Deserialize, Serialize};

use super::{Date, Timestamp};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentReminder {
    pub on: Date,
    /// `dingtalk`, `wecom` or `email`.
    pub channel: String,
    /// `person:E000123` or `manager:E000001`.
    pub recipient: String,
    /// People and courses the message named.
    pub people: u32,
    pub items: u32,
    pub operator: String,
    pub at: Timestamp,
}
