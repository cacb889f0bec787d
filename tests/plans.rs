//! Development plans and recorded progress through the service: plan assignment reaches
//! later admissions, hours complete a course, exams are kept with their retakes, and the
//! points rules follow.

use std::sync::Arc;

use cadre::domain::pool::MemberState;
use cadre::domain::training::{Plan, PlanCourse};
use cadre::service::engine::Engine;
use cadre::service::{Answer, Command, Query, Record, RecordKind, Service};

fn service() -> (tempfile::TempDir, Service) {
    let dir = tempfile::tempdir().unwrap();
    let engine = Arc::new(Engine::open(&dir.path().join("db"), "hr", true).unwrap());
    let s = Service::new(Box::new(engine), "hr".into());
    cadre::demo::load(&s, 240, 3, &mut |_| {}).unwrap();
    (dir, s)
}

fn members(s: &Service, state: MemberState) -> Vec<cadre::domain::org::EmployeeId> {
    let mut out = Vec::new();
    cadre::io::export::for_each_record(s, RecordKind::Members, Some(1), |r| {
        if let Record::Member(m) = r {
            if m.state == state {
                out.push(m.employee_id);
            }
        }
        Ok(())
    })
    .unwrap();
    out
}

fn enrolled(s: &Service, employee: &str, course: &str) -> Option<cadre::domain::training::Enrollment> {
    let mut found = None;
    cadre::io::export::for_each_record(s, RecordKind::Enrollments, None, |r| {
        if let Record::Enrollment(e) = r {
            if e.employee_id == employee && e.course_code == course {
                found = Some(e);
            }
        }
        Ok(())
    })
    .unwrap();
    found
}

fn balance(s: &Service, employee: &str) -> i64 {
    match s.query(Query::Points { employee_id: employee.parse().unwrap() }).unwrap() {
        Answer::Points(p) => p.balance,
        _ => unreachable!(),
    }
}

fn day(text: &str) -> cadre::domain::Date {
    text.parse().unwrap()
}

#[test]
fn a_plan_enrolls_admitted_members_now_and_later_admissions_on_admission() {
    let (_dir, s) = service();
    let admitted = members(&s, MemberState::Admitted);
    let nominated = members(&s, MemberState::Nominated);
    let plan = Plan {
        pool_id: 1,
        general: vec![PlanCourse { course: "L104".into(), due: day("2027-03-31") }],
        by_department: [(
            "市场营销部".to_string(),
            vec![PlanCourse { course: "P401".into(), due: day("2027-04-30") }],
        )]
        .into_iter()
        .collect(),
    };
    s.execute(Command::SetPlan(plan)).unwrap();
    assert!(admitted.iter().all(|id| enrolled(&s, id, "L104").is_some()));
    assert!(enrolled(&s, &nominated[0], "L104").is_none(), "only admitted members are enrolled");
    s.execute(Command::TransitionMember {
        pool_id: 1,
        employee_id: nominated[0].clone(),
        to: MemberState::Admitted,
        reason: "审核通过".into(),
        seen: None,
    })
    .unwrap();
    let later = enrolled(&s, &nominated[0], "L104").expect("a later admission is enrolled in the plan");
    assert_eq!((later.hours_done, later.due), (0.0, day("2027-03-31")));
    let err = s
        .execute(Command::SetPlan(Plan {
            pool_id: 1,
            general: vec![PlanCourse { course: "NOPE".into(), due: day("2027-01-01") }],
            by_department: Default::default(),
        }))
        .unwrap_err();
    assert!(err.to_string().contains("no course NOPE"), "{err}");
    let Answer::Check(problems) = s.query(Query::Check).unwrap() else { panic!() };
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn hours_complete_a_course_exams_keep_retakes_and_points_follow_the_rules() {
    let (_dir, s) = service();
    let who = members(&s, MemberState::Admitted)[0].clone();
    s.execute(Command::Enroll { employee_id: who.clone(), course: "S203".into(), due: day("2027-06-30") })
        .unwrap();
    let start = balance(&s, &who);
    let record = |hours: f32, exam: Option<u8>| Command::RecordProgress {
        employee_id: who.clone(),
        course: "S203".into(),
        hours,
        exam_score: exam,
        on: day("2027-01-15"),
    };
    s.execute(record(4.0, None)).unwrap();
    assert_eq!(enrolled(&s, &who, "S203").unwrap().hours_done, 4.0);
    assert_eq!(balance(&s, &who), start, "no points before completion");
    s.execute(record(8.0, Some(55))).unwrap();
    let e = enrolled(&s, &who, "S203").unwrap();
    assert_eq!(e.completed_on, Some(day("2027-01-15")), "12 of 12 hours completes the course");
    assert_eq!(
        balance(&s, &who),
        start + 15,
        "the course names its own 15 points; a failed exam earns nothing"
    );
    s.execute(record(0.0, Some(72))).unwrap();
    let e = enrolled(&s, &who, "S203").unwrap();
    assert_eq!(e.attempts.iter().map(|a| a.score).collect::<Vec<_>>(), vec![55, 72], "retakes are kept");
    assert_eq!(balance(&s, &who), start + 20, "the passed retake earns the exam points");
    let err = s.execute(record(0.0, Some(101))).unwrap_err();
    assert!(err.to_string().contains("outside 0–100"), "{err}");
    let err = s.execute(record(0.0, None)).unwrap_err();
    assert!(err.to_string().contains("nothing to record"), "{err}");
    let err = s
        .execute(Command::Enroll { employee_id: who.clone(), course: "S203".into(), due: day("2027-06-30") })
        .unwrap_err();
    assert!(err.to_string().contains("already enrolled"), "{err}");
    let Answer::Check(problems) = s.query(Query::Check).unwrap() else { panic!() };
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn the_demo_has_one_redemption_and_practice_cases_earn_ten_or_twenty() {
    let (_dir, s) = service();
    let mut redemptions = 0;
    cadre::io::export::for_each_record(&s, RecordKind::Redemptions, None, |r| {
        redemptions += usize::from(matches!(r, Record::Redemption(_)));
        Ok(())
    })
    .unwrap();
    assert_eq!(redemptions, 1);
    let who = members(&s, MemberState::Admitted)[1].clone();
    let start = balance(&s, &who);
    for with_result in [false, true] {
        s.execute(Command::GrantPoints(cadre::service::command::Grant {
            employee_id: who.clone(),
            kind: cadre::service::command::GrantKind::PracticeCase { with_result },
            reason: "实践案例".into(),
            on: None,
        }))
        .unwrap();
    }
    assert_eq!(balance(&s, &who), start + 30, "+10 for a practice case, +20 with a concrete result");
}
