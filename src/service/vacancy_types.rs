//! What the later queries answer: a vacancy as lists show it, a shortlist row, bench
//! strength, the forecast, a department's assessment gap, a plan's preview, monthly rates,
//! a course's roster (a leaf module, so the query types and the engine need not import
//! each other).

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

/// One month's rates, percent with one decimal (none when nobody was live).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthRates {
    /// `2026-07`.
    pub month: String,
    pub live: u32,
    /// Live members with a course completed by the month's end.
    pub training_coverage: Option<f64>,
    /// Reflections handed in by the month's end over those due (the stages opened so far).
    pub reflection_submission: Option<f64>,
    /// Live members with points activity in the month.
    pub engagement: Option<f64>,
    /// Appointed within a year of admission over admitted and appointed.
    pub appointment_rate: Option<f64>,
    pub average_points: Option<f64>,
}

/// The rates of a pool over a span, with the targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rates {
    pub pool_id: PoolId,
    pub months: Vec<MonthRates>,
    pub training_coverage_target: u8,
    pub reflection_submission_target: u8,
    pub appointment_rate_target: u8,
}

/// One person's enrollment in the course.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RosterRow {
    pub employee_id: crate::domain::org::EmployeeId,
    pub name: String,
    pub department: String,
    pub hours_done: f32,
    pub hours_required: f32,
    pub due: Date,
    pub completed_on: Option<Date>,
    /// Days past due (0 when not overdue).
    pub days_overdue: i64,
    pub at_risk: bool,
    pub best_exam: Option<u8>,
}

/// Whether a course moves performance: its completers' company ranking ("top x %") in the
/// year before they completed it and in the year they did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseEffect {
    pub course: String,
    pub title: String,
    /// Completers with a ranking in both years.
    pub n: u32,
    pub before_pct: f64,
    pub after_pct: f64,
    /// After minus before: negative is a move towards the top.
    pub change: f64,
    /// Too few completers to read much into it.
    pub small_sample: bool,
}

/// One line of the points ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointsRank {
    pub employee_id: EmployeeId,
    pub name: String,
    pub department: String,
    pub points: i64,
}

/// A course's popularity in a pool: enrolled and completed members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoursePopularity {
    pub course: String,
    pub title: String,
    pub enrolled: u32,
    pub completed: u32,
}

/// The seeds' reports of a pool: the points ranking (top 20), the courses by popularity
/// with their completion, and the redemption rate (members who redeemed over those whose
/// balance reached the first redemption, or who redeemed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoolReports {
    pub pool_id: PoolId,
    pub points: Vec<PointsRank>,
    pub courses: Vec<CoursePopularity>,
    pub eligible: u32,
    pub redeemed: u32,
}
