//! What readiness queries answer: a pool's facts (for a client that judges what-ifs
//! itself), the ranked report, one candidate's report.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::assessment::Evaluation;
use crate::domain::org::EmployeeId;
use crate::domain::policy::Policy;
use crate::domain::pool::Pool;
use crate::domain::readiness::{Context, Gate, Level, MemberFacts, Todo, Verdict};
use crate::domain::readiness_score::{evaluate_pool, nine_box, CadreComponent, NineBox, Part};
use crate::domain::reflection::Reflection;
use crate::domain::training::Course;
use crate::domain::Date;

/// What a pool's readiness is computed from: the pool, the course catalogue and the facts
/// of every ranked member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadinessFacts {
    pub pool: Pool,
    pub courses: BTreeMap<String, Course>,
    pub members: Vec<MemberFacts>,
}

impl ReadinessFacts {
    pub fn context<'a>(&'a self, policy: &'a Policy, on: Date) -> Context<'a> {
        Context { policy, courses: &self.courses, min_tenure_years: self.pool.rules.min_tenure_years, on }
    }

    /// Every ranked member's verdict, best first.
    pub fn evaluate(&self, policy: &Policy, on: Date) -> Vec<Verdict> {
        evaluate_pool(&self.members, &self.context(policy, on))
    }
}

/// One line of `cadre readiness --json` and of the readiness report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadinessRow {
    pub employee_id: EmployeeId,
    pub name: String,
    pub department: String,
    pub section: String,
    pub level: Level,
    pub composite: f32,
    pub priority: bool,
    pub gates: Vec<Gate>,
    pub todo: Vec<Todo>,
    pub weeks_left: Option<u32>,
    pub parts: Vec<Part>,
    pub cadre_component: CadreComponent,
    pub nine_box: NineBox,
}

impl ReadinessRow {
    pub fn new(facts: &MemberFacts, verdict: Verdict, policy: &Policy) -> ReadinessRow {
        ReadinessRow {
            employee_id: verdict.employee_id,
            name: facts.name.clone(),
            department: facts.department.clone(),
            section: facts.section.clone(),
            level: verdict.level,
            nine_box: nine_box(&verdict.composite, policy),
            composite: verdict.composite.total,
            priority: verdict.priority,
            gates: verdict.gates,
            todo: verdict.todo,
            weeks_left: verdict.weeks_left,
            parts: verdict.composite.parts,
            cadre_component: verdict.cadre_component,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadinessReport {
    pub pool: Pool,
    pub on: Date,
    /// True when computed under a policy other than the stored one.
    pub what_if: bool,
    pub rows: Vec<ReadinessRow>,
    /// The pool's appointment rate (appointed within a year over admitted), filled in by
    /// whoever writes the report out.
    #[serde(default)]
    pub appointment_rate: Option<crate::domain::forecast::AppointmentRate>,
    /// The policy's target, percent.
    #[serde(default)]
    pub appointment_rate_target: Option<u8>,
}

/// One candidate's comprehensive assessment report (综合考核报告).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateReport {
    pub pool: Pool,
    pub on: Date,
    pub facts: MemberFacts,
    pub row: ReadinessRow,
    /// Every assessment result, oldest first (for trends).
    pub evaluations: Vec<Evaluation>,
    pub reflections: Vec<Reflection>,
}
