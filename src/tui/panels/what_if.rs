//! The what-if editor's thresholds and weights: each reads and moves one policy value,
//! within its range; the names people read come from the locale.

use crate::domain::policy::Policy;

/// One adjustable threshold or weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Knob {
    ReflectionPass,
    Min360,
    MinTheory,
    CoreExam,
    MinPoints,
    ReadyNow,
    ReadySoon,
    Quantitative,
    TrainingWeight,
    PriorityTop,
}

impl Knob {
    pub const ALL: [Knob; 10] = [
        Knob::ReflectionPass,
        Knob::Min360,
        Knob::MinTheory,
        Knob::CoreExam,
        Knob::MinPoints,
        Knob::ReadyNow,
        Knob::ReadySoon,
        Knob::Quantitative,
        Knob::TrainingWeight,
        Knob::PriorityTop,
    ];

    /// The policy key it changes (the locale names it).
    pub fn key(self) -> &'static str {
        match self {
            Knob::ReflectionPass => "reflection.pass_score",
            Knob::Min360 => "assessment.min_360",
            Knob::MinTheory => "assessment.min_theory",
            Knob::CoreExam => "readiness.core_exam_min",
            Knob::MinPoints => "readiness.min_points",
            Knob::ReadyNow => "readiness.levels.ready_now_min",
            Knob::ReadySoon => "readiness.levels.ready_soon_min",
            Knob::Quantitative => "readiness.weights.quantitative",
            Knob::TrainingWeight => "readiness.training_weight",
            Knob::PriorityTop => "readiness.priority_top_pct",
        }
    }

    pub fn get(self, p: &Policy) -> i64 {
        match self {
            Knob::ReflectionPass => p.reflection.pass_score.into(),
            Knob::Min360 => p.assessment.min_360.into(),
            Knob::MinTheory => p.assessment.min_theory.into(),
            Knob::CoreExam => p.readiness.core_exam_min.into(),
            Knob::MinPoints => p.readiness.min_points.into(),
            Knob::ReadyNow => p.readiness.levels.ready_now_min.into(),
            Knob::ReadySoon => p.readiness.levels.ready_soon_min.into(),
            Knob::Quantitative => p.readiness.weights.quantitative.into(),
            Knob::TrainingWeight => p.readiness.training_weight.into(),
            Knob::PriorityTop => p.readiness.priority_top_pct.into(),
        }
    }

    fn step(self) -> i64 {
        match self {
            Knob::MinPoints | Knob::Quantitative | Knob::TrainingWeight | Knob::PriorityTop => 5,
            _ => 1,
        }
    }

    /// The lowest and highest value it takes.
    pub fn range(self) -> (i64, i64) {
        match self {
            Knob::MinPoints => (0, 1000),
            _ => (0, 100),
        }
    }

    /// The policy with this knob moved by `steps`; `None` outside its range.
    pub fn moved(self, p: &Policy, steps: i64) -> Option<Policy> {
        let v = self.get(p) + steps * self.step();
        let (lo, hi) = self.range();
        if v < lo || v > hi {
            return None;
        }
        let pct = u8::try_from(v).ok();
        let mut q = p.clone();
        match self {
            Knob::ReflectionPass => q.reflection.pass_score = pct?,
            Knob::Min360 => q.assessment.min_360 = pct?,
            Knob::MinTheory => q.assessment.min_theory = pct?,
            Knob::CoreExam => q.readiness.core_exam_min = pct?,
            Knob::MinPoints => q.readiness.min_points = u32::try_from(v).ok()?,
            Knob::ReadyNow => q.readiness.levels.ready_now_min = pct?,
            Knob::ReadySoon => q.readiness.levels.ready_soon_min = pct?,
            Knob::Quantitative => {
                q.readiness.weights.quantitative = pct?;
                q.readiness.weights.qualitative = 100 - pct?;
            }
            Knob::TrainingWeight => q.readiness.training_weight = pct?,
            Knob::PriorityTop => q.readiness.priority_top_pct = pct?,
        }
        Some(q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_knob_moves_within_its_range_and_the_weights_stay_whole() {
        let p = Policy::default();
        let q = Knob::Quantitative.moved(&p, 1).unwrap();
        assert_eq!(q.readiness.weights.quantitative + q.readiness.weights.qualitative, 100);
        let mut top = p.clone();
        top.reflection.pass_score = 100;
        assert!(Knob::ReflectionPass.moved(&top, 1).is_none());
        assert_eq!(Knob::ReflectionPass.moved(&top, -1).unwrap().reflection.pass_score, 99);
    }

    #[test]
    fn every_knob_has_a_name_in_both_languages() {
        for k in Knob::ALL {
            for lang in [crate::locale::Lang::Zh, crate::locale::Lang::En] {
                assert_ne!(lang.tui().knob(k.key()), "?", "{k:?}");
            }
        }
    }
}
