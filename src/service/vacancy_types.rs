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
