//! Promotion readiness (晋升准备度): a member's facts checked gate by gate against the
//! policy, a level, and what is left to do with an estimate of how long it takes.

use serde::{Deserialize, Serialize};

use super::org::EmployeeId;
use super::pool::MemberState;
pub use super::readiness_facts::*;
use super::readiness_score::{cadre_component_of, composite_of, CadreComponent, Composite};

/// The hard gates, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GateKind {
    Tenure,
    ThreeSixty,
    Theory,
    CoreCourses,
    Reflections,
    ImprovementCase,
    Points,
}

impl GateKind {
    pub fn code(self) -> &'static str {
        match self {
            GateKind::Tenure => "tenure",
            GateKind::ThreeSixty => "three_sixty",
            GateKind::Theory => "theory",
            GateKind::CoreCourses => "core_courses",
            GateKind::Reflections => "reflections",
            GateKind::ImprovementCase => "improvement_case",
            GateKind::Points => "points",
        }
    }
}

/// One gate's verdict: the member's value, the threshold, and whether it passed.
/// `value` is `None` when there is nothing to measure yet (no 360, no theory test).
///
/// Outside (JSON), each figure keeps its unit: a measured gate is `value` against
/// `threshold`; a counted gate (core courses, stages) is `done` of `of`, each at `mark` or
/// better.
#[derive(Debug, Clone, PartialEq)]
pub struct Gate {
    pub gate: GateKind,
    /// A counted gate: how many are done.
    pub value: Option<f64>,
    /// A counted gate: the mark each must reach.
    pub threshold: f64,
    pub passed: bool,
    /// For counted gates (courses, stages): how many there are.
    pub of: Option<u32>,
}

impl Serialize for Gate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(if self.of.is_some() { 5 } else { 4 }))?;
        m.serialize_entry("gate", &self.gate)?;
        match self.of {
            Some(of) => {
                m.serialize_entry("done", &self.value.map_or(0, |v| v.round().max(0.0) as u32))?;
                m.serialize_entry("of", &of)?;
                m.serialize_entry("mark", &self.threshold)?;
            }
            None => {
                m.serialize_entry("value", &self.value)?;
                m.serialize_entry("threshold", &self.threshold)?;
            }
        }
        m.serialize_entry("passed", &self.passed)?;
        m.end()
    }
}

/// Either shape of a gate, as it comes back.
#[derive(Deserialize)]
struct GateIn {
    gate: GateKind,
    #[serde(default)]
    value: Option<f64>,
    #[serde(default)]
    threshold: Option<f64>,
    #[serde(default)]
    done: Option<u32>,
    #[serde(default)]
    of: Option<u32>,
    #[serde(default)]
    mark: Option<f64>,
    passed: bool,
}

impl<'de> Deserialize<'de> for Gate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Gate, D::Error> {
        let g = GateIn::deserialize(d)?;
        Ok(Gate {
            gate: g.gate,
            value: g.done.map(f64::from).or(g.value),
            threshold: g.mark.or(g.threshold).unwrap_or(0.0),
            passed: g.passed,
            of: g.of,
        })
    }
}

/// Something left to do before the member is ready, with its estimate in weeks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "todo", rename_all = "snake_case")]
pub enum Todo {
    /// Core courses to finish (or whose exam to retake to the core mark).
    Courses {
        courses: Vec<String>,
        hours: f32,
        weeks: u32,
    },
    /// Stages to hand in or rewrite.
    Reflections {
        stages: Vec<u8>,
        weeks: u32,
    },
    ImprovementCase {
        weeks: u32,
    },
    Points {
        missing: i64,
        weeks: u32,
    },
    /// Retraining and a theory retake (or a first sitting).
    Theory {
        weeks: u32,
    },
    /// No 360 yet: one has to be run.
    Assess360,
    Tenure {
        years: f64,
        weeks: u32,
    },
    /// Every gate passed; the composite is below the ready-now mark.
    Composite {
        missing: f32,
    },
}

impl Todo {
    pub fn weeks(&self) -> Option<u32> {
        match self {
            Todo::Courses { weeks, .. }
            | Todo::Reflections { weeks, .. }
            | Todo::ImprovementCase { weeks }
            | Todo::Points { weeks, .. }
            | Todo::Theory { weeks }
            | Todo::Tenure { weeks, .. } => Some(*weeks),
            Todo::Assess360 | Todo::Composite { .. } => None,
        }
    }
}

/// The verdict on one member, with every reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    pub employee_id: EmployeeId,
    pub level: Level,
    pub composite: Composite,
    pub gates: Vec<Gate>,
    pub todo: Vec<Todo>,
    /// The longest of the todo items, in weeks (they run side by side).
    pub weeks_left: Option<u32>,
    pub cadre_component: CadreComponent,
    /// Top `priority_top_pct` by performance among the pool's ranked members.
    pub priority: bool,
}

impl Verdict {
    pub fn failed_gates(&self) -> impl Iterator<Item = &Gate> {
        self.gates.iter().filter(|g| !g.passed)
    }
}

/// Members whose readiness is ranked: those still in the pool and those disqualified.
pub fn is_ranked(state: MemberState) -> bool {
    matches!(state, MemberState::Admitted | MemberState::Disqualified)
}

/// Checks every gate, scores the composite, and decides the level.
pub fn evaluate(facts: &MemberFacts, cx: &Context) -> Verdict {
    let policy = cx.policy;
    let r = &policy.readiness;
    let est = &r.estimate;
    let mut gates = Vec::with_capacity(7);
    let mut todo = Vec::new();

    let tenure = (cx.on - facts.hire_date).num_days() as f64 / 365.25;
    let tenure_ok = tenure >= cx.min_tenure_years;
    gates.push(Gate {
        gate: GateKind::Tenure,
        value: Some(round1(tenure)),
        threshold: cx.min_tenure_years,
        passed: tenure_ok,
        of: None,
    });
    if !tenure_ok {
        let years = cx.min_tenure_years - tenure;
        todo.push(Todo::Tenure { years: round1(years), weeks: (years * 52.18).ceil() as u32 });
    }

    let assessed = facts.assessed();
    let overall = assessed.overall_360;
    let min_360 = policy.assessment.min_360;
    gates.push(Gate {
        gate: GateKind::ThreeSixty,
        value: overall.map(|v| round1(f64::from(v))),
        threshold: min_360.into(),
        passed: overall.is_some_and(|v| v >= f32::from(min_360)),
        of: None,
    });
    if overall.is_none() {
        todo.push(Todo::Assess360);
    }

    let theory = assessed.theory;
    let theory_ok = theory.is_some_and(|v| v >= f32::from(policy.assessment.min_theory));
    gates.push(Gate {
        gate: GateKind::Theory,
        value: theory.map(f64::from),
        threshold: policy.assessment.min_theory.into(),
        passed: theory_ok,
        of: None,
    });
    if !theory_ok {
        todo.push(Todo::Theory { weeks: est.retrain_weeks });
    }

    let core: Vec<&CourseFact> = facts
        .summary
        .courses
        .iter()
        .filter(|c| cx.courses.get(&c.course).is_some_and(|course| course.core))
        .collect();
    let core_done = |c: &CourseFact| {
        let has_exam = cx.courses.get(&c.course).is_some_and(|course| course.exam_pass_mark.is_some());
        c.completed && (!has_exam || c.best_exam.is_some_and(|s| s >= r.core_exam_min))
    };
    let open: Vec<&&CourseFact> = core.iter().filter(|c| !core_done(c)).collect();
    gates.push(Gate {
        gate: GateKind::CoreCourses,
        value: Some((core.len() - open.len()) as f64),
        threshold: r.core_exam_min.into(),
        passed: open.is_empty(),
        of: Some(core.len() as u32),
    });
    if !open.is_empty() {
        let hours: f32 = open.iter().map(|c| c.hours_left).sum();
        // A course with its hours done but the exam below the core mark needs a retake week.
        let retakes = open.iter().filter(|c| c.hours_left <= 0.0).count() as u32;
        let weeks = (hours / est.study_hours_per_week).ceil() as u32 + retakes;
        todo.push(Todo::Courses {
            courses: open.iter().map(|c| c.course.clone()).collect(),
            hours,
            weeks: weeks.max(1),
        });
    }

    let pass = policy.reflection.pass_score;
    let stages = policy.reflection.stages;
    // A stage passes on its latest review's score, so that a what-if on the pass score
    // shows who a different mark would let through.
    let accepted =
        |s: u8| facts.summary.stages.iter().any(|f| f.stage == s && f.score.is_some_and(|x| x >= pass));
    let missing: Vec<u8> = (1..=stages).filter(|s| !accepted(*s)).collect();
    gates.push(Gate {
        gate: GateKind::Reflections,
        value: Some(f64::from(stages - missing.len() as u8)),
        threshold: pass.into(),
        passed: missing.is_empty(),
        of: Some(stages.into()),
    });
    if !missing.is_empty() {
        todo.push(Todo::Reflections { weeks: est.rewrite_weeks * missing.len() as u32, stages: missing });
    }

    gates.push(Gate {
        gate: GateKind::ImprovementCase,
        value: Some(if facts.summary.improvement_case { 1.0 } else { 0.0 }),
        threshold: 1.0,
        passed: facts.summary.improvement_case,
        of: None,
    });
    if !facts.summary.improvement_case {
        todo.push(Todo::ImprovementCase { weeks: est.improvement_case_weeks });
    }

    let points = facts.summary.points;
    let points_ok = points >= i64::from(r.min_points);
    gates.push(Gate {
        gate: GateKind::Points,
        value: Some(points as f64),
        threshold: r.min_points.into(),
        passed: points_ok,
        of: None,
    });
    if !points_ok {
        let missing = i64::from(r.min_points) - points;
        let weeks = (missing as f64 / f64::from(est.points_per_week)).ceil() as u32;
        todo.push(Todo::Points { missing, weeks });
    }

    let composite = composite_of(facts, &assessed, policy);
    let cadre_component = cadre_component_of(&assessed, policy);
    let weeks_left = todo.iter().filter_map(Todo::weeks).max();
    let all_passed = gates.iter().all(|g| g.passed);
    let failed_360 = overall.is_some_and(|v| v < f32::from(min_360));
    let level = if failed_360 || facts.state == MemberState::Disqualified {
        Level::Disqualified
    } else if all_passed && composite.total >= f32::from(r.levels.ready_now_min) {
        Level::ReadyNow
    } else if composite.total >= f32::from(r.levels.ready_soon_min)
        && !todo.iter().any(|t| matches!(t, Todo::Assess360))
        && weeks_left.unwrap_or(0) <= r.levels.ready_soon_max_weeks
    {
        Level::ReadySoon
    } else {
        Level::Developing
    };
    if all_passed && level != Level::ReadyNow && level != Level::Disqualified {
        todo.push(Todo::Composite { missing: f32::from(r.levels.ready_now_min) - composite.total });
    }
    Verdict {
        employee_id: facts.employee_id.clone(),
        level,
        composite,
        gates,
        todo,
        weeks_left,
        cadre_component,
        priority: false,
    }
}

fn round1(v: f64) -> f64 {
    super::text::one_decimal(v)
}
