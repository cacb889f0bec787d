//! Readiness scores: the weighted composite, the cadre-development component of annual
//! performance, the 9-box placement, the pool ranking with priority, and what-if diffs.

use serde::{Deserialize, Serialize};

use super::readiness_facts::{Assessed, MemberFacts};
pub use super::readiness_pool::{evaluate_pool, level_changes, LevelChange};
use super::reflection::ReflectionState;
use crate::domain::policy::Policy;

/// The parts of the composite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Component {
    Training,
    Performance,
    Theory,
    ThreeSixty,
    Superior,
    Reflections,
}

impl Component {
    pub fn code(self) -> &'static str {
        match self {
            Component::Training => "training",
            Component::Performance => "performance",
            Component::Theory => "theory",
            Component::ThreeSixty => "360",
            Component::Superior => "superior",
            Component::Reflections => "reflections",
        }
    }

    pub fn is_quantitative(self) -> bool {
        matches!(self, Component::Training | Component::Performance | Component::Theory)
    }
}

/// One part: its score (0–100; `None` when not measured, which counts as 0) and its share
/// of the composite in percent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Part {
    pub component: Component,
    pub score: Option<f32>,
    pub weight: f32,
}

/// The weighted composite with its parts, and the two halves the 9-box uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Composite {
    pub total: f32,
    pub parts: Vec<Part>,
    /// Performance as 100 − the latest rank percentile.
    pub performance: Option<f32>,
    /// The qualitative parts' weighted mean: the potential axis of the 9-box.
    pub potential: f32,
}

/// The composite under the member's department weights.
pub fn composite(facts: &MemberFacts, policy: &Policy) -> Composite {
    composite_of(facts, &facts.assessed(), policy)
}

pub(super) fn composite_of(facts: &MemberFacts, assessed: &Assessed, policy: &Policy) -> Composite {
    let r = &policy.readiness;
    let w = r.weights_for(&facts.department);
    let training = f32::from(r.training_weight);
    let rest = f32::from(w.quantitative) - training;
    let qual = f32::from(w.qualitative);
    let mix = &r.composite;
    let share = |total: f32, part: u8| total * f32::from(part) / 100.0;
    let performance = facts.latest_performance().map(|p| 100.0 - p.rank_pct);
    let reviewed: Vec<f32> = facts
        .summary
        .stages
        .iter()
        .filter(|s| s.state != ReflectionState::Pending)
        .filter_map(|s| s.score.map(f32::from))
        .collect();
    let reflections = (!reviewed.is_empty()).then(|| reviewed.iter().sum::<f32>() / reviewed.len() as f32);
    let parts = vec![
        Part { component: Component::Training, score: Some(assessed.completion_pct), weight: training },
        Part { component: Component::Performance, score: performance, weight: share(rest, mix.performance) },
        Part { component: Component::Theory, score: assessed.theory, weight: share(rest, mix.theory) },
        Part {
            component: Component::ThreeSixty,
            score: assessed.overall_360,
            weight: share(qual, mix.three_sixty),
        },
        Part { component: Component::Superior, score: assessed.superior, weight: share(qual, mix.superior) },
        Part { component: Component::Reflections, score: reflections, weight: share(qual, mix.reflections) },
    ];
    let total = parts.iter().map(|p| p.score.unwrap_or(0.0) * p.weight / 100.0).sum::<f32>();
    let potential = if qual > 0.0 {
        parts
            .iter()
            .filter(|p| !p.component.is_quantitative())
            .map(|p| p.score.unwrap_or(0.0) * p.weight / qual)
            .sum()
    } else {
        0.0
    };
    Composite { total: round1(total), parts, performance, potential: round1(potential) }
}

/// The cadre-development component of a reserve section chief's annual performance: the
/// mean of 360, the superior's evaluation, the theory test and training completion, less
/// the penalty when training is not complete; it weighs `cadre_component_weight` percent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CadreComponent {
    pub score: f32,
    pub completion_pct: f32,
    /// Points taken off because training completion is below 100% (0 when complete).
    pub penalty: u8,
    pub weight: u8,
    /// `score × weight / 100`: what it adds to the annual performance score.
    pub contribution: f32,
    /// Items with no result yet (they count as 0).
    pub missing: Vec<Component>,
}

pub fn cadre_component(facts: &MemberFacts, policy: &Policy) -> CadreComponent {
    cadre_component_of(&facts.assessed(), policy)
}

pub(super) fn cadre_component_of(assessed: &Assessed, policy: &Policy) -> CadreComponent {
    let a = &policy.assessment;
    let completion = assessed.completion_pct;
    let items = [
        (Component::ThreeSixty, assessed.overall_360),
        (Component::Superior, assessed.superior),
        (Component::Theory, assessed.theory),
        (Component::Training, Some(completion)),
    ];
    let missing = items.iter().filter(|(_, v)| v.is_none()).map(|(c, _)| *c).collect();
    let mean = items.iter().map(|(_, v)| v.unwrap_or(0.0)).sum::<f32>() / items.len() as f32;
    let penalty = if completion < 100.0 { a.training_incomplete_penalty } else { 0 };
    let score = (mean - f32::from(penalty)).max(0.0);
    CadreComponent {
        score: round1(score),
        completion_pct: round1(completion),
        penalty,
        weight: a.cadre_component_weight,
        contribution: round1(score * f32::from(a.cadre_component_weight) / 100.0),
        missing,
    }
}

/// A 9-box cell: performance and potential, each 0 = low, 1 = medium, 2 = high.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct NineBox {
    pub performance: u8,
    pub potential: u8,
}

pub fn nine_box(composite: &Composite, policy: &Policy) -> NineBox {
    let cuts = &policy.readiness.nine_box;
    let band = |v: f32, c: [u8; 2]| {
        if v >= f32::from(c[1]) {
            2
        } else if v >= f32::from(c[0]) {
            1
        } else {
            0
        }
    };
    NineBox {
        performance: band(composite.performance.unwrap_or(0.0), cuts.performance),
        potential: band(composite.potential, cuts.potential),
    }
}

fn round1(v: f32) -> f32 {
    (v * 10.0).round() / 10.0
}
