//! What the pipeline's last queries answer: a vacancy as lists show it, a shortlist row,
//! bench strength, a department's assessment gap (a leaf module, so the query types and
//! the engine need not import each other).

use serde::{Deserialize, Serialize};

use crate::domain::org::{EmployeeId, Rank};
use crate::domain::pool::PoolId;
use crate::domain::readiness_facts::Level;
use crate::domain::vacancy::{VacancyId, VacancyReason, VacancyStatus};
use crate::domain::Date;

/// A vacancy as lists show it: who filled it, when it is filled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VacancyView {
    pub id: VacancyId,
    pub department: String,
    pub section: String,
    pub rank: Rank,
    pub reason: VacancyReason,
    pub opened: Date,
    pub due: Option<Date>,
    pub status: VacancyStatus,
    pub filled_by: Option<EmployeeId>,
    pub filled_by_name: Option<String>,
}

/// One candidate of a vacancy's shortlist, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShortlistRow {
    pub employee_id: EmployeeId,
    pub name: String,
    pub department: String,
    pub pool_id: PoolId,
    pub level: Level,
    pub composite: f32,
    pub priority: bool,
    /// The gates not passed (`core_courses`, `points`… in JSON).
    pub failing_gates: Vec<crate::domain::readiness::GateKind>,
}

/// Bench strength of one department for one target rank.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchRow {
    pub department: String,
    pub rank: Rank,
    /// Open and forecast vacancies.
    pub expected_vacancies: u32,
    pub ready_now: u32,
    pub ready_1_2: u32,
    pub developing: u32,
    /// More vacancies expected than people ready now.
    pub short: bool,
    /// The last day to act on the expected vacancies: the earliest due date of an open one,
    /// or a forecast one's opening less the policy's lead months.
    pub act_by: Option<Date>,
    /// Whole months from today until `act_by` (0: act now).
    pub months_left: Option<u32>,
}

/// One department's average in one assessment dimension against the company's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GapRow {
    pub department: String,
    /// A 360 dimension, `theory` or `superior`.
    pub dimension: String,
    pub department_avg: f64,
    pub company_avg: f64,
    /// Department minus company: negative is a shortfall.
    pub gap: f64,
    /// Results the department's average rests on.
    pub n: u32,
    /// Catalogue courses of the categories the policy maps to the dimension.
    pub recommended_courses: Vec<String>,
}

pub use crate::domain::forecast::{PlanStart, PoolRate};

/// What lies ahead of the pipeline: vacancies per quarter, who must start training when,
/// and the appointment rate of every pool against its target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outlook {
    pub on: Date,
    pub lead_months: u8,
    /// The company's quarters from the current one.
    pub quarters: Vec<crate::domain::forecast::QuarterCell>,
    pub starts: Vec<PlanStart>,
    pub rates: Vec<PoolRate>,
    /// Percent.
    pub rate_target: u8,
}

/// One enrollment a plan would add.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanEnrollment {
    pub employee_id: crate::domain::org::EmployeeId,
    pub name: String,
    pub department: String,
    pub course: String,
}
