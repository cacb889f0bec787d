//! What readiness is judged from: one member's facts (courses, stages, scores, the person),
//! the context of a judgement, and the levels it gives.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::assessment::{EvaluationKind, StageReview};
use super::org::{EmployeeId, PerformanceRecord, Rank};
use super::pool::MemberState;
use super::reflection::ReflectionState;
use super::training::Course;
use super::Date;
use crate::domain::policy::Policy;

/// One course of a person as readiness sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseFact {
    pub course: String,
    pub completed: bool,
    pub best_exam: Option<u8>,
    pub hours_left: f32,
    pub due: Date,
}

/// One stage's reflection as readiness sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageFact {
    pub stage: u8,
    pub state: ReflectionState,
    /// The latest review's score.
    pub score: Option<u8>,
    pub versions: u32,
}

/// One assessment result without its bookkeeping (what `Assessments` is built from).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreFact {
    pub year: u16,
    pub kind: EvaluationKind,
    pub score: f32,
}

/// One year's figure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct YearScore {
    pub year: u16,
    pub score: f32,
}

/// A person's assessment results, aggregated when the summary is built so that reading
/// a pool decodes a few numbers per person, not every rating.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Assessments {
    /// Per year with 360 ratings, oldest first: the mean over rater groups and dimensions.
    pub overall_360: Vec<YearScore>,
    /// The latest 360 year's mean per dimension, by name.
    pub dimensions: Vec<(String, f32)>,
    /// Per year, the best theory sitting (retakes count), oldest first.
    pub theory: Vec<YearScore>,
    /// Per year, the best superior's evaluation, oldest first.
    pub superior: Vec<YearScore>,
}

impl Assessments {
    pub fn from_scores<'a>(scores: impl IntoIterator<Item = &'a ScoreFact>) -> Assessments {
        let mut sums: BTreeMap<u16, (f32, u32)> = BTreeMap::new();
        let mut dims: BTreeMap<u16, BTreeMap<&str, (f32, u32)>> = BTreeMap::new();
        let mut theory: BTreeMap<u16, f32> = BTreeMap::new();
        let mut superior: BTreeMap<u16, f32> = BTreeMap::new();
        for s in scores {
            match &s.kind {
                EvaluationKind::ThreeSixty { dimension, .. } => {
                    let y = sums.entry(s.year).or_default();
                    y.0 += s.score;
                    y.1 += 1;
                    let d = dims.entry(s.year).or_default().entry(dimension.as_str()).or_default();
                    d.0 += s.score;
                    d.1 += 1;
                }
                EvaluationKind::Theory => {
                    let best = theory.entry(s.year).or_insert(s.score);
                    *best = best.max(s.score);
                }
                EvaluationKind::Superior => {
                    let best = superior.entry(s.year).or_insert(s.score);
                    *best = best.max(s.score);
                }
            }
        }
        let by_year =
            |m: BTreeMap<u16, f32>| m.into_iter().map(|(year, score)| YearScore { year, score }).collect();
        Assessments {
            overall_360: sums
                .into_iter()
                .map(|(year, (sum, n))| YearScore { year, score: sum / n as f32 })
                .collect(),
            dimensions: dims
                .into_iter()
                .next_back()
                .map(|(_, d)| {
                    d.into_iter().map(|(name, (sum, n))| (name.to_string(), sum / n as f32)).collect()
                })
                .unwrap_or_default(),
            theory: by_year(theory),
            superior: by_year(superior),
        }
    }
}

/// Everything readiness reads of one person besides the employee and member records,
/// rebuilt in the same batch as any change to the person's enrollments, evaluations,
/// reflections or points.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub courses: Vec<CourseFact>,
    pub assessments: Assessments,
    pub stages: Vec<StageFact>,
    /// An improvement (practice) case approved by the manager is on the ledger, unreversed.
    pub improvement_case: bool,
    pub points: i64,
}

/// What readiness needs to know of one member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberFacts {
    pub employee_id: EmployeeId,
    pub name: String,
    pub department: String,
    pub section: String,
    pub rank: Rank,
    pub state: MemberState,
    pub hire_date: Date,
    pub performance: Vec<PerformanceRecord>,
    pub summary: PersonSummary,
    #[serde(default)]
    pub stage_reviews: Vec<StageReview>,
}

impl MemberFacts {
    /// The results readiness weighs, read once.
    pub fn assessed(&self) -> Assessed {
        Assessed {
            overall_360: self.overall_360().map(|(_, s)| s),
            theory: self.theory(),
            superior: self.superior(),
            completion_pct: self.completion_pct(),
        }
    }

    /// The latest year with any 360 score, and that year's mean over every rater group
    /// and dimension.
    pub fn overall_360(&self) -> Option<(u16, f32)> {
        self.summary.assessments.overall_360.last().map(|y| (y.year, y.score))
    }

    /// The latest year's best theory score (retakes count; the best sitting stands).
    pub fn theory(&self) -> Option<f32> {
        self.summary.assessments.theory.last().map(|y| y.score)
    }

    /// The latest year's superior's evaluation.
    pub fn superior(&self) -> Option<f32> {
        self.summary.assessments.superior.last().map(|y| y.score)
    }

    /// Per dimension, the latest 360 year's mean over rater groups.
    pub fn dimensions_360(&self) -> &[(String, f32)] {
        &self.summary.assessments.dimensions
    }

    pub fn latest_performance(&self) -> Option<&PerformanceRecord> {
        self.performance.iter().max_by_key(|p| p.year)
    }

    /// Training completion over every enrolled course, percent (100 with none enrolled).
    pub fn completion_pct(&self) -> f32 {
        let n = self.summary.courses.len();
        if n == 0 {
            return 100.0;
        }
        let done = self.summary.courses.iter().filter(|c| c.completed).count();
        done as f32 * 100.0 / n as f32
    }
}

/// A member's assessment results and training completion, read once per evaluation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Assessed {
    pub overall_360: Option<f32>,
    pub theory: Option<f32>,
    pub superior: Option<f32>,
    pub completion_pct: f32,
}

/// The four readiness levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    ReadyNow,
    #[serde(rename = "ready_in_1_2_years")]
    ReadySoon,
    Developing,
    Disqualified,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::ReadyNow, Level::ReadySoon, Level::Developing, Level::Disqualified];

    pub fn code(self) -> &'static str {
        match self {
            Level::ReadyNow => "ready_now",
            Level::ReadySoon => "ready_in_1_2_years",
            Level::Developing => "developing",
            Level::Disqualified => "disqualified",
        }
    }
}

/// What readiness is checked against besides the facts.
pub struct Context<'a> {
    pub policy: &'a Policy,
    /// The course catalogue: which courses are core and which have exams.
    pub courses: &'a BTreeMap<String, Course>,
    /// The pool's tenure rule.
    pub min_tenure_years: f64,
    pub on: Date,
}
