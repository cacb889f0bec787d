//! What a command did, as a code with parameters: the audit keeps it in English, each
//! client words it in its own language.

use serde::{Deserialize, Serialize};

use super::msg::Who;
use super::pool::MemberState;
use super::reflection::ReflectionState;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Done {
    StoreCreated {
        path: String,
        admin: String,
    },
    OperatorSet {
        user: String,
        role: String,
        department: Option<String>,
    },
    PolicyReplaced,
    PoolCreated {
        pool: u32,
        name: String,
    },
    ReminderRecorded {
        channel: String,
        recipient: String,
        people: u32,
        items: u32,
        failure: Option<String>,
    },
    PoolRenamed {
        pool: u32,
        from: String,
        name: String,
    },
    PoolClosed {
        pool: u32,
        name: String,
        on: String,
    },
    Nominated {
        pool: u32,
        people: Vec<Who>,
    },
    MemberMoved {
        who: Who,
        pool: u32,
        state: MemberState,
        enrolled: usize,
    },
    MarkedLeft {
        who: Who,
        on: String,
        pools: usize,
    },
    ReflectionSubmitted {
        who: Who,
        stage: u8,
        reflection: u64,
    },
    ReflectionReviewed {
        who: Who,
        stage: u8,
        score: u8,
        state: ReflectionState,
        points: i32,
    },
    ReflectionRewritten {
        who: Who,
        stage: u8,
        version: u32,
    },
    ReplyRecorded {
        who: Who,
        stage: u8,
    },
    PointsGranted {
        who: Who,
        points: i32,
        reason: String,
    },
    PointsReversed {
        who: Who,
        seq: u64,
    },
    Redeemed {
        who: Who,
        kind: String,
    },
    VacancyAdded {
        vacancy: u32,
        department: String,
        section: String,
    },
    Appointed {
        who: Who,
        vacancy: u32,
    },
    AppointmentReversed {
        who: Who,
        vacancy: u32,
    },
    PlanSet {
        pool: u32,
        enrolled: usize,
    },
    CourseSaved {
        course: String,
        added: bool,
    },
    Enrolled {
        who: Who,
        course: String,
        due: String,
    },
    ProgressRecorded {
        who: Who,
        course: String,
        done: f32,
        required: f32,
        exam: Option<u8>,
        completed: bool,
    },
    EvaluationRecorded {
        who: Who,
        kind: String,
        dimension: Option<String>,
        score: f32,
        year: u16,
    },
    StageReviewRecorded {
        who: Who,
        year: u16,
        kind: String,
        recommendation: String,
    },
    StageReviewReplied {
        who: Who,
        year: u16,
        kind: String,
        objection: bool,
    },
    /// `what`: employees, performance, courses, enrollments, reflections, evaluations.
    Imported {
        what: String,
        source: String,
        added: usize,
        changed: usize,
        unchanged: usize,
        dry_run: bool,
    },
    LoadStarted {
        demo: bool,
    },
    Loaded {
        employees: usize,
        enrollments: usize,
        reflections: usize,
        evaluations: usize,
    },
    LoadFinished,
    DemoCleared {
        records: usize,
    },
    Restored {
        records: usize,
        format: u8,
    },
    ReviewReopened {
        who: Who,
        stage: u8,
        score: u8,
        points: i32,
    },
    /// `what`: the undone command's name.
    Undone {
        seq: u64,
        what: String,
        /// The person the undone step was about.
        #[serde(default)]
        who: Option<Who>,
    },
}

impl Done {
    /// The person the outcome names, if any (the service fills in the name).
    pub fn who_mut(&mut self) -> Option<&mut Who> {
        match self {
            Done::MemberMoved { who, .. }
            | Done::MarkedLeft { who, .. }
            | Done::ReflectionSubmitted { who, .. }
            | Done::ReflectionReviewed { who, .. }
            | Done::ReflectionRewritten { who, .. }
            | Done::ReplyRecorded { who, .. }
            | Done::PointsGranted { who, .. }
            | Done::PointsReversed { who, .. }
            | Done::Redeemed { who, .. }
            | Done::Appointed { who, .. }
            | Done::AppointmentReversed { who, .. }
            | Done::Enrolled { who, .. }
            | Done::ProgressRecorded { who, .. }
            | Done::EvaluationRecorded { who, .. }
            | Done::StageReviewRecorded { who, .. }
            | Done::StageReviewReplied { who, .. }
            | Done::ReviewReopened { who, .. } => Some(who),
            Done::Undone { who: Some(who), .. } => Some(who),
            _ => None,
        }
    }
}
