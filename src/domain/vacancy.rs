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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vacancy {
    pub id: VacancyId,
    pub department: String,
    pub section: String,
    pub rank: Rank,
    pub opens_on: Date,
    pub status: VacancyStatus,
}

/// A member appointed to a vacancy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Appointment {
    pub vacancy_id: VacancyId,
    pub employee_id: EmployeeId,
    pub pool_id: u32,
    pub operator: String,
    pub at: Timestamp,
}
