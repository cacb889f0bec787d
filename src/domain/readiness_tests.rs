//! Readiness rules at their boundaries: every gate, the levels, the composite weights per
//! department, the −5 rule, the 9-box, priority and what-if diffs.

use std::collections::BTreeMap;

use super::assessment::{EvaluationKind, RaterRelation};
use super::org::{Grade, PerformanceRecord, Rank};
use super::pool::MemberState;
use super::readiness::*;
use super::readiness_score::*;
use super::reflection::ReflectionState;
use super::training::{Course, CourseCategory};
use super::Date;
use crate::domain::policy::Policy;

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).unwrap()
}

fn catalogue() -> BTreeMap<String, Course> {
    let course = |code: &str, core: bool, exam: Option<u8>| Course {
        code: code.into(),
        title: code.into(),
        category: CourseCategory::Leadership,
        hours: 8.0,
        required: true,
        core,
        strategic: false,
        exam_pass_mark: exam,
        completion_points: None,
    };
    [course("CORE1", true, Some(60)), course("CORE2", true, None), course("GEN", false, Some(60))]
        .into_iter()
        .map(|c| (c.code.clone(), c))
        .collect()
}

/// A member who passes every gate with room to spare.
fn ready() -> MemberFacts {
    let done = |code: &str, exam: Option<u8>| CourseFact {
        course: code.into(),
        completed: true,
        best_exam: exam,
        hours_left: 0.0,
        due: day(2026, 9, 30),
    };
    MemberFacts {
        employee_id: "E1".parse().unwrap(),
        name: "测试".into(),
        department: "研发部".into(),
        section: "一室".into(),
        rank: Rank::Staff,
        state: MemberState::Admitted,
        hire_date: day(2015, 3, 1),
        performance: vec![PerformanceRecord::new(2025, Grade::A, 10.0).unwrap()],
        summary: PersonSummary {
            courses: vec![done("CORE1", Some(90)), done("CORE2", None), done("GEN", Some(70))],
            assessments: assessments(Some(85.0), &[90.0]),
            stages: (1..=3)
                .map(|stage| StageFact {
                    stage,
                    state: ReflectionState::Accepted,
                    score: Some(85),
                    versions: 1,
                })
                .collect(),
            improvement_case: true,
            points: 120,
        },
        stage_reviews: Vec::new(),
    }
}

fn verdict(f: &MemberFacts, policy: &Policy) -> Verdict {
    let courses = catalogue();
    evaluate(f, &Context { policy, courses: &courses, min_tenure_years: 3.0, on: day(2026, 11, 20) })
}

fn gate(v: &Verdict, kind: GateKind) -> &Gate {
    v.gates.iter().find(|g| g.gate == kind).unwrap()
}

/// Six 360 ratings (three rater groups × two dimensions) at `three_sixty`, the superior's
/// 88, and the theory sittings of 2026 in order.
fn assessments(three_sixty: Option<f32>, theory: &[f32]) -> Assessments {
    let mut scores = Vec::new();
    for relation in [RaterRelation::Superior, RaterRelation::Peer, RaterRelation::Subordinate] {
        for dimension in ["团队管理", "沟通协调"] {
            if let Some(score) = three_sixty {
                scores.push(ScoreFact {
                    year: 2026,
                    kind: EvaluationKind::ThreeSixty { relation, dimension: dimension.into() },
                    score,
                });
            }
        }
    }
    scores.push(ScoreFact { year: 2026, kind: EvaluationKind::Superior, score: 88.0 });
    for &score in theory {
        scores.push(ScoreFact { year: 2026, kind: EvaluationKind::Theory, score });
    }
    Assessments::from_scores(&scores)
}

fn set_360(f: &mut MemberFacts, score: f32) {
    f.summary.assessments = assessments(Some(score), &[90.0]);
}

#[test]
fn a_member_passing_everything_is_ready_now_with_every_gate_shown() {
    let v = verdict(&ready(), &Policy::default());
    assert_eq!(v.level, Level::ReadyNow);
    assert_eq!(v.gates.len(), 7);
    assert!(v.gates.iter().all(|g| g.passed));
    assert!(v.todo.is_empty());
    // 30 training + 18×0.9 + 12×0.9 + 20×0.85 + 12×0.88 + 8×0.85
    assert!((v.composite.total - 91.4).abs() < 0.05, "{}", v.composite.total);
}

#[test]
fn the_360_gate_disqualifies_below_70_and_passes_at_70() {
    let policy = Policy::default();
    let mut f = ready();
    set_360(&mut f, 70.0);
    let v = verdict(&f, &policy);
    assert!(gate(&v, GateKind::ThreeSixty).passed);
    assert_ne!(v.level, Level::Disqualified);
    set_360(&mut f, 68.0);
    let v = verdict(&f, &policy);
    let g = gate(&v, GateKind::ThreeSixty);
    assert_eq!((g.value, g.threshold, g.passed), (Some(68.0), 70.0, false));
    assert_eq!(v.level, Level::Disqualified);
}

#[test]
fn the_theory_gate_sends_a_59_to_retraining_and_a_retake_counts() {
    let policy = Policy::default();
    let mut f = ready();
    f.summary.assessments = assessments(Some(85.0), &[60.0]);
    assert!(gate(&verdict(&f, &policy), GateKind::Theory).passed);
    f.summary.assessments = assessments(Some(85.0), &[59.0]);
    let v = verdict(&f, &policy);
    assert!(!gate(&v, GateKind::Theory).passed);
    assert!(v.todo.contains(&Todo::Theory { weeks: 8 }));
    assert_ne!(v.level, Level::ReadyNow);
    // The retake of the same year stands.
    f.summary.assessments = assessments(Some(85.0), &[59.0, 75.0]);
    assert!(gate(&verdict(&f, &policy), GateKind::Theory).passed);
}

#[test]
fn a_core_course_needs_completion_and_an_exam_of_80() {
    let policy = Policy::default();
    let mut f = ready();
    f.summary.courses[0].best_exam = Some(80);
    assert!(gate(&verdict(&f, &policy), GateKind::CoreCourses).passed);
    f.summary.courses[0].best_exam = Some(79);
    let v = verdict(&f, &policy);
    let g = gate(&v, GateKind::CoreCourses);
    assert_eq!((g.value, g.of, g.passed), (Some(1.0), Some(2), false));
    // A core course without an exam only needs completion; a non-core one never counts.
    f.summary.courses[0].best_exam = Some(90);
    f.summary.courses[2].completed = false;
    assert!(gate(&verdict(&f, &policy), GateKind::CoreCourses).passed);
}

#[test]
fn an_unfinished_core_course_alone_holds_back_with_hours_and_weeks() {
    let policy = Policy::default();
    let mut f = ready();
    f.summary.courses[1].completed = false;
    f.summary.courses[1].hours_left = 10.0;
    let v = verdict(&f, &policy);
    assert_eq!(v.failed_gates().map(|g| g.gate).collect::<Vec<_>>(), vec![GateKind::CoreCourses]);
    assert_eq!(v.level, Level::ReadySoon);
    // 10 hours at 4 hours a week.
    assert_eq!(v.todo, vec![Todo::Courses { courses: vec!["CORE2".into()], hours: 10.0, weeks: 3 }]);
    assert_eq!(v.weeks_left, Some(3));
}

#[test]
fn every_stage_reflection_must_be_accepted_at_80() {
    let policy = Policy::default();
    let mut f = ready();
    f.summary.stages[2].score = Some(80);
    assert!(gate(&verdict(&f, &policy), GateKind::Reflections).passed);
    f.summary.stages[2] =
        StageFact { stage: 3, state: ReflectionState::Returned, score: Some(79), versions: 1 };
    f.summary.stages.remove(1);
    let v = verdict(&f, &policy);
    let g = gate(&v, GateKind::Reflections);
    assert_eq!((g.value, g.of, g.passed), (Some(1.0), Some(3), false));
    assert!(v.todo.contains(&Todo::Reflections { stages: vec![2, 3], weeks: 4 }));
}

#[test]
fn the_improvement_case_points_and_tenure_gates_hold_at_their_edges() {
    let policy = Policy::default();
    let mut f = ready();
    f.summary.points = 100;
    assert!(gate(&verdict(&f, &policy), GateKind::Points).passed);
    f.summary.points = 99;
    let v = verdict(&f, &policy);
    assert!(!gate(&v, GateKind::Points).passed);
    assert!(v.todo.contains(&Todo::Points { missing: 1, weeks: 1 }));
    f.summary.points = 120;
    f.summary.improvement_case = false;
    assert!(!gate(&verdict(&f, &policy), GateKind::ImprovementCase).passed);
    f.summary.improvement_case = true;
    f.hire_date = day(2023, 11, 20);
    assert!(gate(&verdict(&f, &policy), GateKind::Tenure).passed);
    f.hire_date = day(2024, 11, 20);
    let v = verdict(&f, &policy);
    assert!(!gate(&v, GateKind::Tenure).passed);
    assert!(matches!(v.todo[0], Todo::Tenure { weeks: 53..=54, .. }), "{:?}", v.todo);
}

#[test]
fn levels_follow_the_composite_when_gates_pass_and_the_estimate_when_not() {
    let mut policy = Policy::default();
    let f = ready();
    // The same member under a stricter ready-now mark: all gates pass, composite short.
    policy.readiness.levels.ready_now_min = 95;
    let v = verdict(&f, &policy);
    assert_eq!(v.level, Level::ReadySoon);
    assert!(matches!(v.todo.last(), Some(Todo::Composite { missing }) if (*missing - 3.6).abs() < 0.05));
    policy.readiness.levels.ready_soon_min = 95;
    assert_eq!(verdict(&f, &policy).level, Level::Developing);
    // No 360 at all: developing, never ready soon, and the todo says to run one.
    let mut f = ready();
    f.summary.assessments = assessments(None, &[90.0]);
    let v = verdict(&f, &Policy::default());
    assert_eq!(v.level, Level::Developing);
    assert!(v.todo.contains(&Todo::Assess360));
    // More than two years of work left: developing.
    let mut f = ready();
    f.hire_date = day(2025, 1, 1);
    let v = verdict(&f, &Policy::default());
    assert_eq!(v.level, Level::ReadySoon, "{:?}", v.todo);
    f.hire_date = day(2026, 1, 1);
    assert_eq!(verdict(&f, &Policy::default()).level, Level::Developing);
    // A member the pool disqualified stays disqualified.
    let mut f = ready();
    f.state = MemberState::Disqualified;
    assert_eq!(verdict(&f, &Policy::default()).level, Level::Disqualified);
}

#[test]
fn sales_weighs_the_quantitative_part_70_30() {
    let policy = Policy::default();
    let mut f = ready();
    let weights = |v: &Verdict| v.composite.parts.iter().map(|p| p.weight).collect::<Vec<_>>();
    assert_eq!(weights(&verdict(&f, &policy)), vec![30.0, 18.0, 12.0, 20.0, 12.0, 8.0]);
    f.department = "销售部".into();
    let v = verdict(&f, &policy);
    assert_eq!(weights(&v), vec![30.0, 24.0, 16.0, 15.0, 9.0, 6.0]);
    assert!((v.composite.parts.iter().map(|p| p.weight).sum::<f32>() - 100.0).abs() < 1e-3);
}

#[test]
fn incomplete_training_costs_five_points_of_the_cadre_component() {
    let policy = Policy::default();
    let mut f = ready();
    let c = cadre_component(&f, &policy);
    // (85 + 88 + 90 + 100) / 4
    assert_eq!((c.score, c.penalty, c.weight), (90.8, 0, 25));
    assert_eq!(c.contribution, 22.7);
    f.summary.courses[2].completed = false;
    let c = cadre_component(&f, &policy);
    // (85 + 88 + 90 + 66.7) / 4 − 5
    assert_eq!((c.penalty, c.completion_pct), (5, 66.7));
    assert!((c.score - 77.4).abs() < 0.05, "{}", c.score);
}

#[test]
fn the_nine_box_places_by_performance_and_potential() {
    let policy = Policy::default();
    let f = ready();
    let v = verdict(&f, &policy);
    assert_eq!(nine_box(&v.composite, &policy), NineBox { performance: 2, potential: 2 });
    let mut f = ready();
    f.performance = vec![PerformanceRecord::new(2025, Grade::A, 20.0).unwrap()];
    set_360(&mut f, 72.0);
    let v = verdict(&f, &policy);
    // performance 80 (top 20%); potential 72×0.5 + 88×0.3 + 85×0.2 = 79.4
    assert_eq!((v.composite.performance, v.composite.potential), (Some(80.0), 79.4));
    assert_eq!(nine_box(&v.composite, &policy), NineBox { performance: 1, potential: 1 });
    f.performance = vec![PerformanceRecord::new(2025, Grade::B, 20.1).unwrap()];
    set_360(&mut f, 40.0);
    let v = verdict(&f, &policy);
    assert_eq!(nine_box(&v.composite, &policy), NineBox { performance: 0, potential: 0 });
}

fn pool(n: usize) -> Vec<MemberFacts> {
    (0..n)
        .map(|i| {
            let mut f = ready();
            f.employee_id = format!("E{i:02}").parse().unwrap();
            f.performance = vec![PerformanceRecord::new(2025, Grade::A, 1.0 + i as f32).unwrap()];
            f
        })
        .collect()
}

#[test]
fn the_top_20_percent_by_performance_get_priority_and_the_list_is_ranked() {
    let policy = Policy::default();
    let mut facts = pool(10);
    facts[0].summary.points = 50; // the best performer is no longer ready now
    let courses = catalogue();
    let cx = Context { policy: &policy, courses: &courses, min_tenure_years: 3.0, on: day(2026, 11, 20) };
    let verdicts = evaluate_pool(&facts, &cx);
    let flagged: Vec<&str> = verdicts.iter().filter(|v| v.priority).map(|v| v.employee_id.as_str()).collect();
    assert_eq!(flagged.len(), 2);
    assert!(flagged.contains(&"E00") && flagged.contains(&"E01"));
    assert_eq!(verdicts.last().unwrap().employee_id, "E00");
    assert!(verdicts.windows(2).all(|w| w[0].level < w[1].level
        || (w[0].level == w[1].level && w[0].composite.total >= w[1].composite.total)));
}

#[test]
fn a_what_if_lists_who_changes_level() {
    let policy = Policy::default();
    let mut facts = pool(3);
    facts[1].summary.stages[0].score = Some(78);
    facts[1].summary.stages[0].state = ReflectionState::Returned;
    let courses = catalogue();
    let on = day(2026, 11, 20);
    let before =
        evaluate_pool(&facts, &Context { policy: &policy, courses: &courses, min_tenure_years: 3.0, on });
    let mut lower = policy.clone();
    lower.reflection.pass_score = 75;
    let after =
        evaluate_pool(&facts, &Context { policy: &lower, courses: &courses, min_tenure_years: 3.0, on });
    let changes = level_changes(&before, &after);
    assert_eq!(changes.len(), 1);
    let c = &changes[0];
    assert_eq!((c.employee_id.as_str(), c.from, c.to), ("E01", Level::ReadySoon, Level::ReadyNow));
    // Nothing else moved, and the policy the store holds is another value entirely.
    assert_eq!(policy.reflection.pass_score, 80);
}

#[test]
fn assessments_aggregate_by_year_and_dimension() {
    let s = |year, kind, score| ScoreFact { year, kind, score };
    let three_sixty =
        |d: &str| EvaluationKind::ThreeSixty { relation: RaterRelation::Peer, dimension: d.into() };
    let a = Assessments::from_scores(&[
        s(2025, three_sixty("团队管理"), 60.0),
        s(2026, three_sixty("团队管理"), 70.0),
        s(2026, three_sixty("团队管理"), 80.0),
        s(2026, three_sixty("沟通协调"), 90.0),
        s(2026, EvaluationKind::Theory, 55.0),
        s(2026, EvaluationKind::Theory, 72.0),
        s(2025, EvaluationKind::Theory, 95.0),
    ]);
    assert_eq!(
        a.overall_360.iter().map(|y| (y.year, y.score)).collect::<Vec<_>>(),
        vec![(2025, 60.0), (2026, 80.0)]
    );
    assert_eq!(a.dimensions, vec![("团队管理".to_string(), 75.0), ("沟通协调".to_string(), 90.0)]);
    // the latest year's best sitting, not the best ever
    assert_eq!(a.theory.last().map(|y| y.score), Some(72.0));
    assert!(a.superior.is_empty());
}
