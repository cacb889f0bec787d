//! Queries: every read of the store, paged so that no answer has to hold a whole store.

use serde::{Deserialize, Serialize};

use crate::domain::access::Operator;
use crate::domain::assessment::Evaluation;
use crate::domain::audit::AuditEvent;
use crate::domain::eligibility::RuleCheck;
use crate::domain::org::{Department, Employee, EmployeeId, EmploymentStatus, Grade, Rank};
use crate::domain::policy::Policy;
use crate::domain::pool::{Member, Pool, PoolId};
use crate::domain::reflection::Reflection;
use crate::domain::training::{Course, Enrollment, PointsEvent, Redemption};
use crate::domain::vacancy::{Appointment, Vacancy};

pub use super::reminder_types::{Reminder, ReminderRef, Reminders};

/// The kinds of records a page can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Departments,
    Employees,
    Courses,
    Pools,
    Members,
    Enrollments,
    Reflections,
    Evaluations,
    Points,
    Redemptions,
    Vacancies,
    Appointments,
    Audit,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Record {
    Department(Department),
    Employee(Employee),
    Course(Course),
    Pool(Pool),
    Member(Member),
    Enrollment(Enrollment),
    Reflection(Reflection),
    Evaluation(Evaluation),
    Points(PointsEvent),
    Redemption(Redemption),
    Vacancy(Vacancy),
    Appointment(Appointment),
    Audit(AuditEvent),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "query", rename_all = "snake_case")]
pub enum Query {
    /// The asking operator and the store's state.
    WhoAmI,
    Policy,
    Operators,
    Employee {
        id: EmployeeId,
    },
    /// Up to `limit` records of a kind, after the cursor of the previous page.
    /// `pool` narrows members to one pool.
    Page {
        kind: RecordKind,
        pool: Option<PoolId>,
        after: Option<String>,
        limit: usize,
    },
    /// A person's points: balance, mapped performance score, events.
    Points {
        employee_id: EmployeeId,
    },
    /// Every pool, oldest first.
    Pools,
    /// The members of a pool with what the pool table shows of each person.
    Members {
        pool: PoolId,
    },
    /// Training, reflection, 360 and points figures of some employees (the visible rows).
    /// With `pool`, each member's readiness level in that pool too.
    MemberMetrics {
        employee_ids: Vec<EmployeeId>,
        #[serde(default)]
        pool: Option<PoolId>,
        /// The day readiness is judged on [default: today].
        #[serde(default)]
        on: Option<crate::domain::Date>,
    },
    /// Eligibility screening: employees outside the pool who pass every rule, with each
    /// rule's value and verdict.
    Screen {
        pool: PoolId,
        on: crate::domain::Date,
    },
    /// The review queue: pending reflections oldest first, or all of one state (or every
    /// state) by id; a page at a time after the cursor of the previous page.
    ReflectionQueue {
        state: Option<crate::domain::reflection::ReflectionState>,
        department: Option<String>,
        after: Option<String>,
        limit: usize,
    },
    /// One reflection with every version, review and reply.
    Reflection {
        id: u64,
    },
    /// One person's reflections, every stage, with versions, reviews and replies.
    Reflections {
        employee_id: EmployeeId,
    },
    /// The pool's reflection submission rate: reflections handed in by live members over
    /// live members × the stages opened so far (the highest stage anyone handed in).
    SubmissionRate {
        pool: PoolId,
    },
    /// Enrollments of active employees that are overdue or behind schedule on `on`: of
    /// one pool's current members (nominated, admitted, appointed), or of everyone.
    Remind {
        on: crate::domain::Date,
        pool: Option<PoolId>,
    },
    /// One person's enrollments with their courses, in course order.
    Enrollments {
        employee_id: EmployeeId,
    },
    /// Per course, over the pool's live members: enrolled, completed, average best exam;
    /// and the pool's training coverage.
    CourseStats {
        pool: PoolId,
        on: crate::domain::Date,
    },
    /// A pool's readiness on `on`: its admitted and disqualified members ranked, each with
    /// level, composite and every gate. With `policy`, computed under that policy instead
    /// of the stored one (a what-if; nothing is saved).
    Readiness {
        pool: PoolId,
        on: crate::domain::Date,
        #[serde(default)]
        policy: Option<Box<Policy>>,
    },
    /// What readiness is computed from (for a client that runs what-ifs itself).
    ReadinessFacts {
        pool: PoolId,
    },
    /// A person's stage reviews with objections and answers, oldest first.
    StageReviews {
        employee_id: EmployeeId,
    },
    /// One candidate's comprehensive assessment report (综合考核报告).
    CandidateReport {
        pool: PoolId,
        employee_id: EmployeeId,
        on: crate::domain::Date,
    },
    /// A pool's development plan (none when not set).
    Plan {
        pool: PoolId,
    },
    /// The enrollments a plan would add, nothing written.
    PlanPreview {
        plan: Box<crate::domain::training::Plan>,
    },
    /// Departments' assessment averages against the company's, largest shortfall first.
    Gaps,
    /// Every vacancy (a manager: its department's): open, forecast, filled; newest first.
    Vacancies,
    /// A vacancy's ranked candidates.
    Shortlist {
        vacancy: u32,
        on: crate::domain::Date,
    },
    /// Bench strength per department and target rank.
    Bench {
        on: crate::domain::Date,
    },
    /// Vacancies expected per quarter, who must start training when, appointment rates.
    Outlook {
        on: crate::domain::Date,
    },
    /// The seeds' reports of a pool: points ranking, course popularity, redemption rate.
    PoolReports {
        pool: PoolId,
    },
    /// Which courses move performance: each course's completers' ranking before and after.
    CourseEffects {
        pool: PoolId,
    },
    /// A course's people in a pool, the most overdue first.
    CourseRoster {
        pool: PoolId,
        course: String,
        on: crate::domain::Date,
    },
    /// A pool's headline rates at the end of each month from `from` to `to`.
    Rates {
        pool: PoolId,
        from: crate::domain::Date,
        to: crate::domain::Date,
    },
    /// The reminders sent on a day (channel and recipient).
    RemindersSent {
        on: crate::domain::Date,
    },
    /// Every pool's appointment rate and the policy's target (the vacancies tab's title).
    AppointmentRates,
    /// Headline counts (the reflections tab's pending badge).
    Counts,
    /// Integrity check: dangling references, impossible states, ledger balances.
    Check,
}

impl Query {
    /// Whether it reads a whole pool or more: such queries take turns in the engine, and a
    /// screen sends them apart from the small ones a keystroke waits for.
    pub fn is_heavy(&self) -> bool {
        matches!(
            self,
            Query::Members { .. }
                | Query::Screen { .. }
                | Query::Readiness { .. }
                | Query::ReadinessFacts { .. }
                | Query::CandidateReport { .. }
                | Query::CourseStats { .. }
                | Query::SubmissionRate { .. }
                | Query::Remind { .. }
                | Query::Shortlist { .. }
                | Query::Bench { .. }
                | Query::Outlook { .. }
                | Query::PlanPreview { .. }
                | Query::Rates { .. }
                | Query::CourseRoster { .. }
                | Query::CourseEffects { .. }
                | Query::PoolReports { .. }
                | Query::AppointmentRates
                | Query::Gaps
                | Query::Check
        ) || matches!(self, Query::Page { limit, .. } if *limit > 200)
    }
}

/// A page of records and the cursor for the next one (`None` at the end).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub records: Vec<Record>,
    pub next: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoreInfo {
    pub path: String,
    pub operator: Operator,
    pub schema: u32,
    pub demo: bool,
    pub incomplete: bool,
    /// The store holds at least one employee (a cheap look, not a count).
    pub has_employees: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointsSummary {
    pub employee_id: EmployeeId,
    pub balance: i64,
    pub performance_score: u8,
    pub improvement_plan: bool,
    pub events: Vec<PointsEvent>,
    pub redemptions: Vec<Redemption>,
}

/// One row of the pool table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberRow {
    pub member: Member,
    pub name: String,
    pub department: String,
    pub section: String,
    pub rank: Rank,
    pub hire_date: crate::domain::Date,
    pub status: EmploymentStatus,
    /// The last three years' grades, oldest first.
    pub grades: Vec<(u16, Grade)>,
}

/// Figures of one member that later panels refine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberMetrics {
    pub employee_id: EmployeeId,
    pub courses_enrolled: u32,
    pub courses_completed: u32,
    pub reflections_submitted: u32,
    pub reflections_accepted: u32,
    /// Per stage, the score of the accepted reflection (None: not accepted yet).
    pub stage_scores: Vec<Option<u8>>,
    /// Mean of the latest year's 360 scores.
    pub overall_360: Option<f32>,
    pub points: i64,
    /// The readiness level in the asked pool (admitted and disqualified members).
    #[serde(default)]
    pub level: Option<crate::domain::readiness::Level>,
}

/// An eligible employee found by screening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub employee_id: EmployeeId,
    pub name: String,
    pub department: String,
    pub section: String,
    pub rank: Rank,
    pub checks: Vec<RuleCheck>,
}

/// One line of the review queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueRow {
    pub id: u64,
    pub employee_id: EmployeeId,
    pub name: String,
    pub department: String,
    pub stage: u8,
    pub version: u32,
    pub state: crate::domain::reflection::ReflectionState,
    pub submitted_at: crate::domain::Timestamp,
    /// The latest review's score, if any.
    pub score: Option<u8>,
}

/// An enrollment with what the courses panel shows of its course.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnrollmentView {
    pub enrollment: Enrollment,
    pub course: Course,
}

/// One course's figures over a pool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseStat {
    pub course: Course,
    pub enrolled: u32,
    pub completed: u32,
    pub overdue: u32,
    /// Mean of the members' best exam scores.
    pub average_exam: Option<f32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    pub pending_reflections: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Gaps(Vec<super::vacancy_types::GapRow>),
    Plan(Option<crate::domain::training::Plan>),
    PlanPreview(Vec<super::vacancy_types::PlanEnrollment>),
    RemindersSent(Vec<crate::domain::reminder::SentReminder>),
    Rates(Box<super::vacancy_types::Rates>),
    CourseRoster(Vec<super::vacancy_types::RosterRow>),
    CourseEffects(Vec<super::vacancy_types::CourseEffect>),
    PoolReports(Box<super::vacancy_types::PoolReports>),
    Vacancies(Vec<super::vacancy_types::VacancyView>),
    Shortlist(Vec<super::vacancy_types::ShortlistRow>),
    Bench(Vec<super::vacancy_types::BenchRow>),
    Outlook(Box<super::vacancy_types::Outlook>),
    AppointmentRates {
        rates: Vec<super::vacancy_types::PoolRate>,
        target: u8,
    },
    Pools(Vec<Pool>),
    Members(Vec<MemberRow>),
    MemberMetrics(Vec<MemberMetrics>),
    Candidates(Vec<Candidate>),
    Counts(Counts),
    Readiness(Box<super::readiness_types::ReadinessReport>),
    ReadinessFacts(Box<super::readiness_types::ReadinessFacts>),
    CandidateReport(Box<super::readiness_types::CandidateReport>),
    StageReviews(Vec<crate::domain::assessment::StageReview>),
    Reminders(Reminders),
    Enrollments(Vec<EnrollmentView>),
    /// Courses by popularity (most enrolled first); coverage = live members who completed
    /// at least one course, of all live members.
    CourseStats {
        courses: Vec<CourseStat>,
        trained: u32,
        members: u32,
    },
    Queue {
        rows: Vec<QueueRow>,
        next: Option<String>,
    },
    Reflection(Box<Reflection>),
    Reflections(Vec<Reflection>),
    SubmissionRate {
        submitted: u32,
        expected: u32,
    },
    WhoAmI(StoreInfo),
    Policy(Box<Policy>),
    Operators(Vec<Operator>),
    Employee(Box<Employee>),
    Page(Page),
    Points(PointsSummary),
    /// Problems found; empty when the store is sound.
    Check(Vec<String>),
}
