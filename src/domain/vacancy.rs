//! Vacancies (岗位空缺), open or forecast, and the appointments that fill them.

use serde::{Deserialize, Serialize};

use super::org::{EmployeeId, Rank};
use super::{Date, Timestamp};

pub type VacancyId = u32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VacancyStatus {
    /// Expected to open (e.g. the Q3 peak); training should start earlier.
    Forecast,
    Open,
    Filled,
}

impl VacancyStatus {
    pub fn code(self) -> &'static str {
        match self {
            VacancyStatus::Forecast => "forecast",
            VacancyStatus::Open => "open",
            VacancyStatus::Filled => "filled",
        }
    }
}

/// Why a post falls vacant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VacancyReason {
    Retirement,
    Transfer,
    #[default]
    NewPost,
    Promotion,
}

impl VacancyReason {
    pub const ALL: [VacancyReason; 4] = [
        VacancyReason::Retirement,
        VacancyReason::Transfer,
        VacancyReason::NewPost,
        VacancyReason::Promotion,
    ];

    pub fn code(self) -> &'static str {
        match self {
            VacancyReason::Retirement => "retirement",
            VacancyReason::Transfer => "transfer",
            VacancyReason::NewPost => "new_post",
            VacancyReason::Promotion => "promotion",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            VacancyReason::Retirement => "退休",
            VacancyReason::Transfer => "调动",
            VacancyReason::NewPost => "新设岗位",
            VacancyReason::Promotion => "晋升",
        }
    }

    /// The code or the Chinese word.
    pub fn parse(text: &str) -> Result<VacancyReason, super::DomainError> {
        let t = text.trim();
        VacancyReason::ALL.into_iter().find(|r| t == r.code() || t == r.zh()).ok_or_else(|| {
            super::DomainError::from(super::msg::Msg::NotOneOf {
                field: "reason".into(),
                value: t.into(),
                allowed: "retirement / transfer / new_post / promotion, 退休 / 调动 / 新设岗位 / 晋升".into(),
            })
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vacancy {
    pub id: VacancyId,
    pub department: String,
    pub section: String,
    pub rank: Rank,
    pub opens_on: Date,
    pub status: VacancyStatus,
    #[serde(default)]
    pub reason: VacancyReason,
    /// When the post should be filled.
    #[serde(default)]
    pub due: Option<Date>,
}

/// Where a person sat before an appointment moved them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    pub rank: Rank,
    pub department: String,
    pub section: String,
}

/// An appointment taken back: why, by whom, when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppointmentReversal {
    pub reason: String,
    pub operator: String,
    pub at: Timestamp,
}

/// A member appointed to a vacancy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Appointment {
    pub vacancy_id: VacancyId,
    pub employee_id: EmployeeId,
    pub pool_id: u32,
    pub operator: String,
    pub at: Timestamp,
    /// Why this person when not ready now (required then), else any note.
    #[serde(default)]
    pub reason: String,
    /// The day the new rank and post take effect.
    #[serde(default)]
    pub effective: Option<Date>,
    /// The readiness level at the appointment (`ready_now`, …).
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub before: Option<Placement>,
    #[serde(default)]
    pub reversed: Option<AppointmentReversal>,
}
