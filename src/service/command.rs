//! Commands: every change to the store, as plain serialisable data.

use serde::{Deserialize, Serialize};

use crate::domain::access::Role;
use crate::domain::assessment::{Evaluation, StageReview, StageReviewKind};
use crate::domain::msg::Msg;
use crate::domain::org::{Department, Employee, EmployeeId, PerformanceRecord, Rank};
use crate::domain::pool::{Member, MemberState, Pool, PoolId};
use crate::domain::reflection::{Decision, Reflection, ReflectionId};
use crate::domain::training::{Course, Enrollment, RedemptionKind};
use crate::domain::vacancy::{Vacancy, VacancyId};
use crate::domain::Date;

/// A record with the input line it came from, so problems name the line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sourced<T> {
    pub line: u64,
    pub record: T,
    /// Optional columns that were blank or absent on the line: they keep the stored
    /// value on a re-import (empty with `--clear-blank`, so blanks clear).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blank: Vec<String>,
}

/// A performance row of an import: whose, and the year's record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PerformanceRow {
    pub employee_id: EmployeeId,
    pub record: PerformanceRecord,
}

/// Everything a bulk load writes (the demo organisation, a chunk at a time).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Dataset {
    pub departments: Vec<Department>,
    pub employees: Vec<Employee>,
    pub courses: Vec<Course>,
    pub pools: Vec<Pool>,
    pub members: Vec<Member>,
    pub enrollments: Vec<Enrollment>,
    /// Ids are assigned by the store; the given ones are ignored.
    pub reflections: Vec<Reflection>,
    /// Sequence numbers are assigned by the store.
    pub evaluations: Vec<Evaluation>,
    /// Manual and practice-case grants: (employee, points, practice case with result?, reason).
    pub grants: Vec<Grant>,
    pub vacancies: Vec<Vacancy>,
    pub appointments: Vec<crate::domain::vacancy::Appointment>,
    pub redemptions: Vec<(EmployeeId, RedemptionKind)>,
    pub operators: Vec<crate::domain::access::Operator>,
}

/// Points given by hand or for a practice case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grant {
    pub employee_id: EmployeeId,
    pub kind: GrantKind,
    pub reason: String,
    /// The day the practice happened [default: today].
    #[serde(default)]
    pub on: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GrantKind {
    /// A practice case (+10), or one with a concrete result (+20), per the policy.
    PracticeCase { with_result: bool },
    /// Any number of points, with a reason.
    Manual { points: i32 },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    AddOperator {
        user: String,
        role: Role,
        department: Option<String>,
    },
    /// Replaces the policy with a validated TOML text. `seen`: the digest of the policy the
    /// operator based the change on; when another operator changed it since, it is refused.
    SetPolicy {
        toml: String,
        #[serde(default)]
        seen: Option<crate::domain::audit::Digest>,
    },

    ImportEmployees {
        source: String,
        rows: Vec<Sourced<Employee>>,
        dry_run: bool,
    },
    ImportPerformance {
        source: String,
        rows: Vec<Sourced<PerformanceRow>>,
        dry_run: bool,
    },
    ImportCourses {
        source: String,
        rows: Vec<Sourced<Course>>,
        dry_run: bool,
    },
    ImportEnrollments {
        source: String,
        rows: Vec<Sourced<Enrollment>>,
        dry_run: bool,
        /// Let the import lower progress (uncomplete, remove sittings, fewer hours);
        /// points whose cause no longer holds are reversed in the same batch.
        #[serde(default)]
        allow_regress: bool,
        /// A course named by a title the catalogue does not have becomes a new course.
        #[serde(default)]
        create_courses: bool,
    },
    /// Rows are versions of reflections, keyed by (employee, stage, version).
    ImportReflections {
        source: String,
        rows: Vec<Sourced<ReflectionRow>>,
        dry_run: bool,
        /// Let the import take back an acceptance or drop versions (points reversed).
        #[serde(default)]
        allow_regress: bool,
    },
    ImportEvaluations {
        source: String,
        rows: Vec<Sourced<Evaluation>>,
        dry_run: bool,
    },

    CreatePool {
        name: String,
        year: u16,
        target_rank: Rank,
    },
    /// Gives a pool another name (unique among pools).
    RenamePool {
        pool_id: PoolId,
        name: String,
    },
    /// Closes a cohort: no more nominations or admissions.
    ClosePool {
        pool_id: PoolId,
        #[serde(default)]
        on: Option<Date>,
    },
    Nominate {
        pool_id: PoolId,
        employee_ids: Vec<EmployeeId>,
        reason: String,
    },
    /// `seen`: the length of the member's history the operator saw; when it changed since,
    /// the command is refused saying who changed it and when.
    TransitionMember {
        pool_id: PoolId,
        employee_id: EmployeeId,
        to: MemberState,
        reason: String,
        #[serde(default)]
        seen: Option<u32>,
    },
    /// The person left the company: status left, and left in every live pool.
    MarkLeft {
        employee_id: EmployeeId,
        on: Date,
    },

    SubmitReflection {
        employee_id: EmployeeId,
        stage: u8,
        title: String,
        body: String,
    },
    /// `seen`: the number of versions the reviewer read; a rewrite handed in since, or a
    /// review by someone else, refuses it with who and when.
    ReviewReflection {
        id: ReflectionId,
        score: u8,
        comment: String,
        decision: Decision,
        #[serde(default)]
        seen: Option<u32>,
    },
    ResubmitReflection {
        id: ReflectionId,
        title: String,
        body: String,
    },

    /// Takes back the latest review of a reflection (admins and HR), with a reason kept
    /// beside the review; points it earned are reversed.
    ReopenReview {
        id: ReflectionId,
        reason: String,
    },
    /// Reverses the operator's own command `audit_seq` where the domain allows it: an
    /// admission, a review, a points grant, recorded hours or an exam. Audited as a command
    /// of its own; final states (disqualified, withdrawn, left, appointed) cannot be undone.
    Undo {
        audit_seq: u64,
    },

    /// The candidate's reply or objection to the latest review, or the reviewer's answer.
    Reply {
        id: ReflectionId,
        text: String,
    },

    /// Sets a pool's development plan and enrolls every admitted member in its courses;
    /// members admitted later are enrolled on admission.
    SetPlan(crate::domain::training::Plan),
    /// Adds a course to the catalogue or replaces one (by code).
    UpsertCourse(Course),
    /// A per-member addition to the plan.
    Enroll {
        employee_id: EmployeeId,
        course: String,
        due: Date,
    },
    /// Hours studied and/or an exam sitting; completion, exam and points follow the rules.
    RecordProgress {
        employee_id: EmployeeId,
        course: String,
        hours: f32,
        exam_score: Option<u8>,
        on: Date,
    },

    GrantPoints(Grant),
    /// Cancels ledger entry `seq` with a reversing entry.
    ReversePoints {
        employee_id: EmployeeId,
        seq: u64,
        reason: String,
    },
    Redeem {
        employee_id: EmployeeId,
        kind: RedemptionKind,
    },

    /// One assessment result: a 360 rating by a rater group on a dimension, the
    /// superior's evaluation, or a theory test sitting (retakes are further sittings).
    RecordEvaluation(Evaluation),
    /// The July initial or year-end final review of a member, with its recommendation.
    /// Recording the same review again replaces it (the audit keeps the old one).
    RecordStageReview(StageReview),
    /// The candidate's objection to a stage review (`objection`), or the answer to it.
    ReplyStageReview {
        employee_id: EmployeeId,
        year: u16,
        kind: StageReviewKind,
        text: String,
        objection: bool,
    },

    AddVacancy(Vacancy),
    Appoint {
        vacancy_id: VacancyId,
        pool_id: PoolId,
        employee_id: EmployeeId,
        #[serde(default)]
        seen: Option<u32>,
        /// Why this person, required when the member is not ready now.
        #[serde(default)]
        reason: String,
        /// The day the new rank and post take effect [default: today].
        #[serde(default)]
        on: Option<Date>,
    },
    /// A reminder's outcome: sent (recorded for the day, so it is not sent again) or
    /// failed (only audited, and tried again on the next run).
    RecordReminder {
        on: Date,
        channel: String,
        recipient: String,
        people: u32,
        items: u32,
        /// The failure, worded by the channel; none when the message was taken.
        #[serde(default)]
        failure: Option<String>,
    },
    /// Takes an appointment back with a reason (the former rank and post restored).
    ReverseAppointment {
        vacancy_id: VacancyId,
        reason: String,
    },

    /// Starts a multi-batch load into an empty store; the store is marked incomplete
    /// until `FinishLoad`.
    BeginLoad {
        demo: bool,
    },
    LoadChunk(Box<Dataset>),
    FinishLoad,
    /// Empties a demo store (an interrupted demo load) for a new load; refused on any
    /// store that is not a demo. Operators, the policy and the audit stay.
    ClearDemo,
}

/// One reflection version of an import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReflectionRow {
    pub employee_id: EmployeeId,
    pub stage: u8,
    pub version: u32,
    pub title: String,
    pub body: String,
    pub submitted_at: crate::domain::Timestamp,
    pub review: Option<crate::domain::reflection::Review>,
}

impl Command {
    /// The same import as a dry run (other commands unchanged).
    pub fn into_dry_run(self) -> Command {
        match self {
            Command::ImportEmployees { source, rows, .. } => {
                Command::ImportEmployees { source, rows, dry_run: true }
            }
            Command::ImportPerformance { source, rows, .. } => {
                Command::ImportPerformance { source, rows, dry_run: true }
            }
            Command::ImportCourses { source, rows, .. } => {
                Command::ImportCourses { source, rows, dry_run: true }
            }
            Command::ImportEnrollments { source, rows, allow_regress, create_courses, .. } => {
                Command::ImportEnrollments { source, rows, dry_run: true, allow_regress, create_courses }
            }
            Command::ImportReflections { source, rows, allow_regress, .. } => {
                Command::ImportReflections { source, rows, dry_run: true, allow_regress }
            }
            Command::ImportEvaluations { source, rows, .. } => {
                Command::ImportEvaluations { source, rows, dry_run: true }
            }
            other => other,
        }
    }

    /// The command's name in the audit.
    pub fn name(&self) -> &'static str {
        match self {
            Command::AddOperator { .. } => "add_operator",
            Command::SetPolicy { .. } => "set_policy",
            Command::ImportEmployees { .. } => "import_employees",
            Command::ImportPerformance { .. } => "import_performance",
            Command::ImportCourses { .. } => "import_courses",
            Command::ImportEnrollments { .. } => "import_enrollments",
            Command::ImportReflections { .. } => "import_reflections",
            Command::ImportEvaluations { .. } => "import_evaluations",
            Command::CreatePool { .. } => "create_pool",
            Command::RenamePool { .. } => "rename_pool",
            Command::ClosePool { .. } => "close_pool",
            Command::Nominate { .. } => "nominate",
            Command::TransitionMember { .. } => "transition_member",
            Command::MarkLeft { .. } => "mark_left",
            Command::SubmitReflection { .. } => "submit_reflection",
            Command::ReviewReflection { .. } => "review_reflection",
            Command::ResubmitReflection { .. } => "resubmit_reflection",
            Command::Reply { .. } => "reply",
            Command::ReopenReview { .. } => "reopen_review",
            Command::Undo { .. } => "undo",
            Command::SetPlan(_) => "set_plan",
            Command::RecordReminder { .. } => "record_reminder",
            Command::UpsertCourse(_) => "upsert_course",
            Command::Enroll { .. } => "enroll",
            Command::RecordProgress { .. } => "record_progress",
            Command::GrantPoints(_) => "grant_points",
            Command::ReversePoints { .. } => "reverse_points",
            Command::Redeem { .. } => "redeem",
            Command::RecordEvaluation(_) => "record_evaluation",
            Command::RecordStageReview(_) => "record_stage_review",
            Command::ReplyStageReview { .. } => "reply_stage_review",
            Command::AddVacancy(_) => "add_vacancy",
            Command::Appoint { .. } => "appoint",
            Command::ReverseAppointment { .. } => "reverse_appointment",
            Command::BeginLoad { .. } => "begin_load",
            Command::LoadChunk(_) => "load_chunk",
            Command::FinishLoad => "finish_load",
            Command::ClearDemo => "clear_demo",
        }
    }
}

/// What an import added or changed (also the answer of a dry run).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// Keys of changed records (the first 50).
    pub changed_keys: Vec<String>,
    pub dry_run: bool,
    /// Field by field, the first `MAX_SHOWN_CHANGES` changed records.
    #[serde(default)]
    pub changes: Vec<RecordChange>,
    /// How many changed records changed each field.
    #[serde(default)]
    pub fields: std::collections::BTreeMap<String, usize>,
    /// Work the import undoes (only with `--allow-regress`; refused otherwise).
    #[serde(default)]
    pub regressions: Vec<Msg>,
    /// Points reversed, courses created.
    #[serde(default)]
    pub notes: Vec<Msg>,
}

/// How many changed records an import report shows field by field.
pub const MAX_SHOWN_CHANGES: usize = 20;

/// One changed record of an import: its key, its line and each field before → after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordChange {
    pub key: String,
    pub line: u64,
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

impl ImportReport {
    pub fn line(&self, what: &str) -> String {
        format!(
            "{}{what}: {} added, {} changed, {} unchanged",
            if self.dry_run { "dry run, nothing written — " } else { "" },
            self.added,
            self.changed,
            self.unchanged
        )
    }
}

/// The result of an applied command.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// The audit record written with the change; `None` for a dry run or a no-op load.
    pub audit_seq: Option<u64>,
    /// What was done, in English (as the audit keeps it).
    pub summary: String,
    /// What was done, as a code with parameters (`done`), for each client's language.
    pub done: crate::domain::done::Done,
    pub import: Option<ImportReport>,
    /// Ids the command created (pool id, reflection id, ledger seq…).
    pub created: Option<u64>,
    /// What the commit changed, for the change notices (empty for a dry run).
    #[serde(default)]
    pub changes: super::changes::Changes,
}
