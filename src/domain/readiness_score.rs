//! Readiness scores: the weighted composite, the cadre-development component of annual
//! performance, the 9-box placement, the pool ranking with priority, and what-if diffs.

use serde::{Deserialize, Serialize};

use super::org::EmployeeId;

use super::readiness::{evaluate, is_ranked, Assessed, Context, Level, MemberFacts, Verdict};
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

/// Evaluates every ranked member and orders them: level first, then composite, best
/// first. Flags the top `priority_top_pct` by performance among members still in the pool.
pub fn evaluate_pool(facts: &[MemberFacts], cx: &Context) -> Vec<Verdict> {
    let ranked: Vec<&MemberFacts> = facts.iter().filter(|f| is_ranked(f.state)).collect();
    // Large pools are evaluated on two threads (a what-if re-evaluates the whole pool).
    let mut verdicts: Vec<Verdict> = if ranked.len() >= 1000 {
        crate::halves::in_two_halves(&ranked, |chunk| {
            chunk.iter().map(|f| evaluate(f, cx)).collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect()
    } else {
        ranked.iter().map(|f| evaluate(f, cx)).collect()
    };
    let mut by_performance: Vec<(usize, f32)> = ranked
        .iter()
        .enumerate()
        .filter(|(i, _)| verdicts[*i].level != Level::Disqualified)
        .filter_map(|(i, f)| f.latest_performance().map(|p| (i, p.rank_pct)))
        .collect();
    by_performance.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let live = verdicts.iter().filter(|v| v.level != Level::Disqualified).count();
    let top = (live * usize::from(cx.policy.readiness.priority_top_pct)).div_ceil(100);
    for (i, _) in by_performance.into_iter().take(top) {
        verdicts[i].priority = true;
    }
    verdicts.sort_by(|a, b| {
        a.level
            .cmp(&b.level)
            .then(b.composite.total.total_cmp(&a.composite.total))
            .then(a.employee_id.cmp(&b.employee_id))
    });
    verdicts
}

/// A member whose level differs between two evaluations (a what-if).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelChange {
    pub employee_id: EmployeeId,
    pub from: Level,
    pub to: Level,
    pub composite_from: f32,
    pub composite_to: f32,
}

/// Who changes level from `before` to `after`, biggest moves first.
pub fn level_changes(before: &[Verdict], after: &[Verdict]) -> Vec<LevelChange> {
    let old: std::collections::HashMap<&str, &Verdict> =
        before.iter().map(|v| (v.employee_id.as_str(), v)).collect();
    let mut out: Vec<LevelChange> = after
        .iter()
        .filter_map(|n| {
            let o = old.get(n.employee_id.as_str())?;
            (o.level != n.level).then(|| LevelChange {
                employee_id: n.employee_id.clone(),
                from: o.level,
                to: n.level,
                composite_from: o.composite.total,
                composite_to: n.composite.total,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        let d = |c: &LevelChange| (c.from as i32 - c.to as i32).abs();
        d(b).cmp(&d(a)).then(a.to.cmp(&b.to)).then(a.employee_id.cmp(&b.employee_id))
    });
    out
}

fn round1(v: f32) -> f32 {
    (v * 10.0).round() / 10.0
}
