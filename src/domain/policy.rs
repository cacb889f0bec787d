//! The policy: every threshold, weight and points rule, with the seeds' numbers as defaults.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::org::Rank;

/// Rules that propose candidates for a pool (资格审核).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilityRules {
    pub min_tenure_years: f64,
    /// Latest performance rank must be within the top this-many percent.
    pub max_performance_rank_pct: f32,
    pub min_team_management: u32,
    pub require_career_plan: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilityByRank {
    pub section_chief: EligibilityRules,
    pub department_manager: EligibilityRules,
}

impl EligibilityByRank {
    /// The rules for a pool targeting `rank` (staff pools use the section-chief rules).
    pub fn for_rank(&self, rank: Rank) -> &EligibilityRules {
        match rank {
            Rank::DepartmentManager => &self.department_manager,
            Rank::SectionChief | Rank::Staff => &self.section_chief,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReflectionPolicy {
    /// Below this score a reflection can only be returned for a rewrite.
    pub pass_score: u8,
    /// Number of reflection stages per pool year.
    pub stages: u8,
    /// Target share of due reflections handed in, in percent.
    pub submission_rate_target: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentPolicy {
    /// A 360 overall below this removes the member from the pool.
    pub min_360: u8,
    /// A theory test below this sends the member back to training.
    pub min_theory: u8,
    /// The 360 dimensions rated.
    pub dimensions: Vec<String>,
    /// Points taken off the cadre component when training completion is below 100 %.
    pub training_incomplete_penalty: u8,
    /// Share of a reserve section chief's annual performance made of the cadre items, percent.
    pub cadre_component_weight: u8,
}

/// Points from score `min` upwards map to performance score `score`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointsBand {
    pub min: u32,
    pub score: u8,
    #[serde(default)]
    pub improvement_plan: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointsPolicy {
    pub course_completed: u32,
    pub exam_passed: u32,
    pub reflection_shared: u32,
    pub practice_case: u32,
    pub practice_case_with_result: u32,
    /// Completion points of strategic courses are multiplied by this.
    pub strategic_multiplier: u32,
    /// Share of the performance score made of the points mapping, percent.
    pub performance_weight: u8,
    /// Highest `min` first is not required; the band with the largest `min` ≤ balance wins.
    pub bands: Vec<PointsBand>,
    pub promotion_application_at: u32,
    pub bonus_at: u32,
    pub bonus_amount_yuan: u32,
}

impl PointsPolicy {
    /// The performance score and improvement-plan flag for a points balance.
    pub fn performance_for(&self, balance: i64) -> (u8, bool) {
        self.bands
            .iter()
            .filter(|b| balance >= i64::from(b.min))
            .max_by_key(|b| b.min)
            .map_or((0, true), |b| (b.score, b.improvement_plan))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub quantitative: u8,
    pub qualitative: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadinessPolicy {
    /// Core courses need an exam score at least this.
    pub core_exam_min: u8,
    /// Points needed before a promotion application.
    pub min_points: u32,
    /// Members in the top this-many percent by performance get priority for a vacancy.
    pub priority_top_pct: u8,
    /// Share of training in the promotion review, percent.
    pub training_weight: u8,
    pub weights: Weights,
    /// Per-department overrides of `weights` (e.g. sales 70 / 30).
    #[serde(default)]
    pub department_weights: BTreeMap<String, Weights>,
    /// Months of training before a forecast vacancy opens.
    pub lead_months: u8,
    #[serde(default)]
    pub levels: LevelRules,
    #[serde(default)]
    pub composite: CompositeMix,
    #[serde(default)]
    pub estimate: EstimateRules,
    #[serde(default)]
    pub nine_box: NineBoxCuts,
}

/// Composite scores that separate the readiness levels (not in the seeds: house defaults).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelRules {
    /// Every gate passed and a composite at least this: ready now.
    pub ready_now_min: u8,
    /// A composite at least this, with what is left doable within `ready_soon_max_weeks`:
    /// ready in 1–2 years.
    pub ready_soon_min: u8,
    pub ready_soon_max_weeks: u32,
}

impl Default for LevelRules {
    fn default() -> Self {
        LevelRules { ready_now_min: 80, ready_soon_min: 75, ready_soon_max_weeks: 104 }
    }
}

/// How the quantitative and qualitative parts of the composite are divided. Training takes
/// `training_weight` of the whole; performance and theory share the rest of the
/// quantitative part; 360, the superior's evaluation and the reflections share the
/// qualitative part. Each pair or triple sums to 100.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompositeMix {
    pub performance: u8,
    pub theory: u8,
    pub three_sixty: u8,
    pub superior: u8,
    pub reflections: u8,
}

impl Default for CompositeMix {
    fn default() -> Self {
        CompositeMix { performance: 60, theory: 40, three_sixty: 50, superior: 30, reflections: 20 }
    }
}

/// What the "what is left" estimates assume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EstimateRules {
    /// Study hours a member fits into a week next to the job.
    pub study_hours_per_week: f32,
    /// Weeks to rewrite a reflection and have it reviewed again.
    pub rewrite_weeks: u32,
    /// Weeks of retraining before a theory retake.
    pub retrain_weeks: u32,
    /// Weeks to carry out an improvement case and have it approved.
    pub improvement_case_weeks: u32,
    /// Points a member earns in a typical week.
    pub points_per_week: u32,
}

impl Default for EstimateRules {
    fn default() -> Self {
        EstimateRules {
            study_hours_per_week: 4.0,
            rewrite_weeks: 2,
            retrain_weeks: 8,
            improvement_case_weeks: 6,
            points_per_week: 5,
        }
    }
}

/// The 9-box grid's cut points: performance (100 − rank percentile) and potential (the
/// qualitative score), each [low/medium, medium/high].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NineBoxCuts {
    pub performance: [u8; 2],
    pub potential: [u8; 2],
}

impl Default for NineBoxCuts {
    fn default() -> Self {
        NineBoxCuts { performance: [80, 90], potential: [75, 85] }
    }
}

impl ReadinessPolicy {
    pub fn weights_for(&self, department: &str) -> &Weights {
        self.department_weights.get(department).unwrap_or(&self.weights)
    }
}

/// The headline rates the seeds report, in percent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    pub training_coverage: u8,
    pub reflection_submission: u8,
    pub appointment_rate: u8,
}

/// When an unfinished course counts as behind schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingPolicy {
    /// A course's hours are expected to accrue evenly over this many days before its due date.
    pub schedule_days: u32,
    /// Behind the straight-line schedule by more than this share of the expected hours,
    /// percent, is "at risk".
    pub at_risk_margin_pct: u8,
}

impl Default for TrainingPolicy {
    fn default() -> Self {
        TrainingPolicy { schedule_days: 90, at_risk_margin_pct: 10 }
    }
}

/// Which course categories close a gap in each assessment dimension (人事大数据: a
/// department weak in team management gets leadership and management courses). Keys are
/// the 360 dimensions, `theory` and `superior`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InsightPolicy {
    pub recommend: std::collections::BTreeMap<String, Vec<super::training::CourseCategory>>,
}

impl Default for InsightPolicy {
    fn default() -> Self {
        use super::training::CourseCategory as C;
        let recommend = [
            ("团队管理", vec![C::Leadership, C::Management]),
            ("沟通协调", vec![C::Management, C::General]),
            ("专业能力", vec![C::Professional]),
            ("战略思维", vec![C::Strategy]),
            ("theory", vec![C::Strategy, C::General]),
            ("superior", vec![C::Leadership]),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        InsightPolicy { recommend }
    }
}

/// The forecast of vacancies: how far ahead it looks and how early a short department
/// must start training (the seed: section-chief vacancies peak in Q3, training starts
/// three months before).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VacancyPolicy {
    /// Months before the peak quarter a plan must start, 1–24.
    pub plan_lead_months: u8,
    /// Quarters the forecast covers from the current one, 1–12.
    pub forecast_quarters: u8,
    /// A shortlist puts the vacancy's own department first among equals.
    #[serde(default = "yes")]
    pub same_department_first: bool,
}

fn yes() -> bool {
    true
}

impl Default for VacancyPolicy {
    fn default() -> Self {
        VacancyPolicy { plan_lead_months: 3, forecast_quarters: 4, same_department_first: true }
    }
}

/// The whole policy. `Policy::default()` is the seeds' numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub eligibility: EligibilityByRank,
    pub reflection: ReflectionPolicy,
    pub assessment: AssessmentPolicy,
    pub points: PointsPolicy,
    pub readiness: ReadinessPolicy,
    pub targets: Targets,
    #[serde(default)]
    pub training: TrainingPolicy,
    #[serde(default)]
    pub insight: InsightPolicy,
    #[serde(default)]
    pub vacancy: VacancyPolicy,
}

/// The policy text shipped as the default, with comments for operators.
pub const DEFAULT_POLICY_TOML: &str = include_str!("policy_default.toml");

impl Default for Policy {
    fn default() -> Self {
        Policy::from_toml(DEFAULT_POLICY_TOML).expect("the bundled default policy is valid")
    }
}

pub use super::policy_error::{PolicyError, SyntaxKind};

fn out_of_range(key: impl Into<String>, value: impl ToString, range: &str) -> PolicyError {
    PolicyError::OutOfRange { key: key.into(), value: value.to_string(), range: range.into() }
}

impl Policy {
    /// Parses and validates a policy; unknown keys, out-of-range thresholds and
    /// weights that do not sum to 100 are errors naming the key.
    pub fn from_toml(text: &str) -> Result<Policy, PolicyError> {
        let policy: Policy = toml::from_str(text).map_err(|e| PolicyError::syntax(&e, text))?;
        policy.validate()?;
        Ok(policy)
    }

    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).expect("a policy serialises")
    }

    pub fn validate(&self) -> Result<(), PolicyError> {
        let pct = |key: &str, v: f64| -> Result<(), PolicyError> {
            if (0.0..=100.0).contains(&v) {
                Ok(())
            } else {
                Err(out_of_range(key, v, "0–100"))
            }
        };
        for (name, rules) in [
            ("section_chief", &self.eligibility.section_chief),
            ("department_manager", &self.eligibility.department_manager),
        ] {
            pct(
                &format!("eligibility.{name}.max_performance_rank_pct"),
                f64::from(rules.max_performance_rank_pct),
            )?;
            if !(0.0..=60.0).contains(&rules.min_tenure_years) {
                return Err(out_of_range(
                    format!("eligibility.{name}.min_tenure_years"),
                    rules.min_tenure_years,
                    "0–60",
                ));
            }
        }
        let r = &self.reflection;
        pct("reflection.pass_score", r.pass_score.into())?;
        pct("reflection.submission_rate_target", r.submission_rate_target.into())?;
        if r.stages == 0 {
            return Err(PolicyError::AtLeastOne { key: "reflection.stages".into() });
        }
        let a = &self.assessment;
        pct("assessment.min_360", a.min_360.into())?;
        pct("assessment.min_theory", a.min_theory.into())?;
        pct("assessment.training_incomplete_penalty", a.training_incomplete_penalty.into())?;
        pct("assessment.cadre_component_weight", a.cadre_component_weight.into())?;
        if a.dimensions.is_empty() || a.dimensions.iter().any(|d| d.trim().is_empty()) {
            return Err(PolicyError::AtLeastOne { key: "assessment.dimensions".into() });
        }
        for (i, d) in a.dimensions.iter().enumerate() {
            if a.dimensions[..i].contains(d) {
                return Err(PolicyError::Twice { key: "assessment.dimensions".into(), name: d.clone() });
            }
            if d.chars().any(char::is_control) || d.chars().count() > 64 {
                return Err(PolicyError::NotAName {
                    key: "assessment.dimensions".into(),
                    name: d.escape_debug().to_string(),
                });
            }
        }
        let p = &self.points;
        pct("points.performance_weight", p.performance_weight.into())?;
        if p.bands.is_empty() {
            return Err(PolicyError::AtLeastOne { key: "points.bands".into() });
        }
        if !p.bands.iter().any(|b| b.min == 0) {
            return Err(PolicyError::NoZeroBand);
        }
        for (i, b) in p.bands.iter().enumerate() {
            pct(&format!("points.bands[{i}].score"), b.score.into())?;
        }
        let max = crate::domain::training::MAX_EVENT_POINTS;
        for (key, v) in [
            ("course_completed", p.course_completed),
            ("exam_passed", p.exam_passed),
            ("reflection_shared", p.reflection_shared),
            ("practice_case", p.practice_case),
            ("practice_case_with_result", p.practice_case_with_result),
        ] {
            if v > max {
                return Err(out_of_range(format!("points.{key}"), v, &format!("0–{max}")));
            }
        }
        if !(1..=10).contains(&p.strategic_multiplier) {
            return Err(out_of_range("points.strategic_multiplier", p.strategic_multiplier, "1–10"));
        }
        for (key, v) in [
            ("promotion_application_at", p.promotion_application_at),
            ("bonus_at", p.bonus_at),
            ("bonus_amount_yuan", p.bonus_amount_yuan),
        ] {
            if v > 10_000_000 {
                return Err(out_of_range(format!("points.{key}"), v, "0–10000000"));
            }
        }
        for (i, b) in p.bands.iter().enumerate() {
            if b.min > 10_000_000 {
                return Err(out_of_range(format!("points.bands[{i}].min"), b.min, "0–10000000"));
            }
        }
        if p.bonus_at < p.promotion_application_at {
            return Err(PolicyError::Below {
                key: "points.bonus_at".into(),
                value: p.bonus_at.to_string(),
                other: "points.promotion_application_at".into(),
                other_value: p.promotion_application_at.to_string(),
            });
        }
        let d = &self.readiness;
        pct("readiness.core_exam_min", d.core_exam_min.into())?;
        pct("readiness.priority_top_pct", d.priority_top_pct.into())?;
        pct("readiness.training_weight", d.training_weight.into())?;
        check_weights("readiness.weights", &d.weights, d.training_weight)?;
        for (dept, w) in &d.department_weights {
            check_weights(&format!("readiness.department_weights.{dept}"), w, d.training_weight)?;
        }
        let l = &d.levels;
        pct("readiness.levels.ready_now_min", l.ready_now_min.into())?;
        pct("readiness.levels.ready_soon_min", l.ready_soon_min.into())?;
        if l.ready_soon_min > l.ready_now_min {
            return Err(PolicyError::Above {
                key: "readiness.levels.ready_soon_min".into(),
                value: l.ready_soon_min.to_string(),
                other: "readiness.levels.ready_now_min".into(),
                other_value: l.ready_now_min.to_string(),
            });
        }
        let c = &d.composite;
        let quantitative = u32::from(c.performance) + u32::from(c.theory);
        if quantitative != 100 {
            return Err(PolicyError::NotHundred {
                key: "readiness.composite".into(),
                parts: format!("performance {} + theory {}", c.performance, c.theory),
                sum: quantitative,
            });
        }
        let qualitative = u32::from(c.three_sixty) + u32::from(c.superior) + u32::from(c.reflections);
        if qualitative != 100 {
            return Err(PolicyError::NotHundred {
                key: "readiness.composite".into(),
                parts: format!(
                    "three_sixty {} + superior {} + reflections {}",
                    c.three_sixty, c.superior, c.reflections
                ),
                sum: qualitative,
            });
        }
        let e = &d.estimate;
        if !(e.study_hours_per_week > 0.0 && e.study_hours_per_week <= 80.0) {
            return Err(out_of_range(
                "readiness.estimate.study_hours_per_week",
                e.study_hours_per_week,
                "0–80",
            ));
        }
        if e.points_per_week == 0 {
            return Err(PolicyError::AtLeastOne { key: "readiness.estimate.points_per_week".into() });
        }
        for (key, cuts) in [("performance", d.nine_box.performance), ("potential", d.nine_box.potential)] {
            pct(&format!("readiness.nine_box.{key}"), cuts[1].into())?;
            if cuts[0] > cuts[1] {
                return Err(PolicyError::Above {
                    key: format!("readiness.nine_box.{key}[0]"),
                    value: cuts[0].to_string(),
                    other: format!("readiness.nine_box.{key}[1]"),
                    other_value: cuts[1].to_string(),
                });
            }
        }
        if self.training.schedule_days == 0 {
            return Err(PolicyError::AtLeastOne { key: "training.schedule_days".into() });
        }
        pct("training.at_risk_margin_pct", self.training.at_risk_margin_pct.into())?;
        let t = &self.targets;
        pct("targets.training_coverage", t.training_coverage.into())?;
        pct("targets.reflection_submission", t.reflection_submission.into())?;
        pct("targets.appointment_rate", t.appointment_rate.into())?;
        let v = &self.vacancy;
        if !(1..=24).contains(&v.plan_lead_months) {
            return Err(out_of_range("vacancy.plan_lead_months", v.plan_lead_months, "1–24"));
        }
        if !(1..=12).contains(&v.forecast_quarters) {
            return Err(out_of_range("vacancy.forecast_quarters", v.forecast_quarters, "1–12"));
        }
        for key in self.insight.recommend.keys() {
            if key != "theory" && key != "superior" && !self.assessment.dimensions.contains(key) {
                return Err(PolicyError::NotADimension {
                    key: "insight.recommend".into(),
                    name: key.clone(),
                });
            }
        }
        Ok(())
    }
}

fn check_weights(key: &str, w: &Weights, training_weight: u8) -> Result<(), PolicyError> {
    let sum = u32::from(w.quantitative) + u32::from(w.qualitative);
    if sum != 100 {
        return Err(PolicyError::NotHundred {
            key: key.into(),
            parts: format!("quantitative {} + qualitative {}", w.quantitative, w.qualitative),
            sum,
        });
    }
    if w.quantitative < training_weight {
        return Err(PolicyError::Below {
            key: format!("{key}.quantitative"),
            value: w.quantitative.to_string(),
            other: "readiness.training_weight".into(),
            other_value: training_weight.to_string(),
        });
    }
    Ok(())
}

/// A TOML error as one line: the position and the message, without the source excerpt.
pub(crate) fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('|') && *l != "^")
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_seeds_numbers() {
        let p = Policy::default();
        assert_eq!(p.reflection.pass_score, 80);
        assert_eq!(p.assessment.min_360, 70);
        assert_eq!(p.assessment.min_theory, 60);
        assert_eq!(p.eligibility.section_chief.min_tenure_years, 3.0);
        assert_eq!(p.eligibility.section_chief.max_performance_rank_pct, 30.0);
        assert_eq!(p.eligibility.department_manager.max_performance_rank_pct, 15.0);
        assert_eq!(p.points.course_completed, 10);
        assert_eq!(p.readiness.weights_for("销售部").quantitative, 70);
        assert_eq!(p.readiness.weights_for("人力资源部").quantitative, 60);
    }

    #[test]
    fn points_map_to_performance_at_the_band_edges() {
        let p = Policy::default().points;
        assert_eq!(p.performance_for(99), (80, true));
        assert_eq!(p.performance_for(100), (90, false));
        assert_eq!(p.performance_for(119), (90, false));
        assert_eq!(p.performance_for(120), (100, false));
    }

    #[test]
    fn printed_policy_reads_back_equal() {
        let p = Policy::default();
        assert_eq!(Policy::from_toml(&p.to_toml()).unwrap(), p);
    }

    fn with(edit: (&str, &str)) -> String {
        assert!(DEFAULT_POLICY_TOML.contains(edit.0), "{}", edit.0);
        DEFAULT_POLICY_TOML.replacen(edit.0, edit.1, 1)
    }

    #[test]
    fn weights_not_summing_to_100_are_refused_naming_the_key() {
        let err = Policy::from_toml(&with(("quantitative = 60", "quantitative = 65"))).unwrap_err();
        assert_eq!(err.to_string(), "readiness.weights: quantitative 65 + qualitative 40 = 105, not 100");
    }

    #[test]
    fn thresholds_out_of_range_are_refused_naming_the_key() {
        let err = Policy::from_toml(&with(("min_360 = 70", "min_360 = 170"))).unwrap_err();
        assert_eq!(err.to_string(), "assessment.min_360 = 170 is outside 0–100");
    }

    #[test]
    fn unknown_keys_are_refused_naming_the_key() {
        let err = Policy::from_toml(&with(("min_360 = 70", "min_360 = 70\nmin_306 = 70"))).unwrap_err();
        assert!(err.to_string().contains("unknown field `min_306`"), "{}", err.to_string());
    }

    #[test]
    fn readiness_levels_mix_and_nine_box_are_checked_naming_the_key() {
        let err = Policy::from_toml(&with(("ready_soon_min = 75", "ready_soon_min = 85"))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "readiness.levels.ready_soon_min = 85 is above readiness.levels.ready_now_min = 80"
        );
        let err = Policy::from_toml(&with(("three_sixty = 50", "three_sixty = 55"))).unwrap_err();
        assert!(
            err.to_string().starts_with("readiness.composite: three_sixty 55 + superior 30"),
            "{}",
            err.to_string()
        );
        let err = Policy::from_toml(&with(("training_weight = 30", "training_weight = 65"))).unwrap_err();
        assert!(
            err.to_string().contains("quantitative = 60 is below readiness.training_weight = 65"),
            "{}",
            err.to_string()
        );
        let err = Policy::from_toml(&with(("performance = [80, 90]", "performance = [90, 80]"))).unwrap_err();
        assert!(err.to_string().contains("readiness.nine_box.performance"), "{}", err.to_string());
    }

    #[test]
    fn a_stored_policy_without_the_readiness_tables_reads_with_their_defaults() {
        let start = DEFAULT_POLICY_TOML.find("# Levels by composite score").unwrap();
        let end = DEFAULT_POLICY_TOML.find("[readiness.weights]").unwrap();
        let old = format!("{}{}", &DEFAULT_POLICY_TOML[..start], &DEFAULT_POLICY_TOML[end..]);
        assert_eq!(Policy::from_toml(&old).unwrap(), Policy::default());
    }
}
