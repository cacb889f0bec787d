//! Rules enforced by the service for every caller: roles and department scope, checked
//! member transitions with their audit, the points ledger, redemptions.

use std::sync::Arc;

use cadre::domain::access::Role;
use cadre::domain::pool::MemberState;
use cadre::domain::reflection::Decision;
use cadre::domain::training::RedemptionKind;
use cadre::service::command::{Grant, GrantKind};
use cadre::service::engine::Engine;
use cadre::service::{Answer, Command, Query, Record, RecordKind, Service, ServiceError};

struct Fixture {
    _dir: tempfile::TempDir,
    engine: Arc<Engine>,
}

const ADMIN: &str = "admin_user";

impl Fixture {
    /// A small demo store, created by ADMIN.
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let engine = Arc::new(Engine::open(&dir.path().join("db"), ADMIN, true).unwrap());
        let f = Fixture { _dir: dir, engine };
        cadre::demo::load(&f.as_user(ADMIN), 240, 3, &mut |_| {}).unwrap();
        f
    }

    fn as_user(&self, user: &str) -> Service {
        Service::new(Box::new(self.engine.clone()), user.to_string())
    }
}

fn audit_len(s: &Service) -> usize {
    page(s, RecordKind::Audit, None).len()
}

fn page(s: &Service, kind: RecordKind, pool: Option<u32>) -> Vec<Record> {
    let mut all = Vec::new();
    cadre::io::export::for_each_record(s, kind, pool, |r| {
        all.push(r);
        Ok(())
    })
    .unwrap();
    all
}

fn member_state(s: &Service, pool: u32, id: &str) -> MemberState {
    page(s, RecordKind::Members, Some(pool))
        .into_iter()
        .find_map(|r| match r {
            Record::Member(m) if m.employee_id == id => Some(m.state),
            _ => None,
        })
        .unwrap()
}

fn first_member_in(s: &Service, state: MemberState) -> cadre::domain::org::EmployeeId {
    page(s, RecordKind::Members, Some(1))
        .into_iter()
        .find_map(|r| match r {
            Record::Member(m) if m.state == state => Some(m.employee_id),
            _ => None,
        })
        .unwrap()
}

#[test]
fn an_unknown_user_is_denied_with_how_to_fix_it() {
    let f = Fixture::new();
    let err = f.as_user("stranger").query(Query::Policy).unwrap_err();
    assert!(
        matches!(&err, ServiceError::Denied(m) if m.to_string().contains("cadre operator add stranger --role hr")),
        "{err}"
    );
}

#[test]
fn only_an_admin_manages_operators() {
    let f = Fixture::new();
    let admin = f.as_user(ADMIN);
    let add = |role| Command::AddOperator { user: "x".into(), role, department: None };
    assert!(matches!(f.as_user("hr_demo").execute(add(Role::Hr)), Err(ServiceError::Denied(_))));
    admin.execute(add(Role::Hr)).unwrap();
    let err = admin.execute(add(Role::Manager)).unwrap_err();
    assert!(err.to_string().contains("a manager needs --department"), "{err}");
    let err = admin
        .execute(Command::AddOperator {
            user: "m".into(),
            role: Role::Manager,
            department: Some("不存在部".into()),
        })
        .unwrap_err();
    assert!(err.to_string().contains("no department named '不存在部'"), "{err}");
}

#[test]
fn a_manager_reviews_only_its_own_department_and_runs_nothing_else() {
    let f = Fixture::new();
    let admin = f.as_user(ADMIN);
    let pending: Vec<_> = page(&admin, RecordKind::Reflections, None)
        .into_iter()
        .filter_map(|r| match r {
            Record::Reflection(r) if r.state == cadre::domain::reflection::ReflectionState::Pending => {
                Some(r)
            }
            _ => None,
        })
        .collect();
    let target = pending.first().expect("the demo has pending reflections");
    let Answer::Employee(e) = admin.query(Query::Employee { id: target.employee_id.clone() }).unwrap() else {
        panic!()
    };
    let Answer::Operators(ops) = admin.query(Query::Operators).unwrap() else { panic!() };
    let own = ops.iter().find(|o| o.department.as_deref() == Some(e.department.as_str())).unwrap();
    let other = ops
        .iter()
        .find(|o| o.role == Role::Manager && o.department.as_deref() != Some(e.department.as_str()))
        .unwrap();
    let review = Command::ReviewReflection {
        id: target.id,
        score: 88,
        comment: "好".into(),
        decision: Decision::Accept,
        seen: None,
    };
    let before = audit_len(&admin);
    let err = f.as_user(&other.user).execute(review.clone()).unwrap_err();
    assert!(matches!(&err, ServiceError::Denied(m) if m.to_string().contains("review reflections")), "{err}");
    assert_eq!(audit_len(&admin), before, "a denied command writes nothing");
    f.as_user(&own.user).execute(review).unwrap();
    let err = f
        .as_user(&own.user)
        .execute(Command::CreatePool {
            name: "x".into(),
            year: 2026,
            target_rank: cadre::domain::org::Rank::SectionChief,
        })
        .unwrap_err();
    assert!(matches!(err, ServiceError::Denied(_)));
    // a manager's pages hold only its department
    let seen = page(&f.as_user(&other.user), RecordKind::Employees, None);
    assert!(!seen.is_empty());
    assert!(seen.iter().all(
        |r| matches!(r, Record::Employee(x) if Some(x.department.as_str()) == other.department.as_deref())
    ));
    assert!(matches!(
        f.as_user(&other.user).query(Query::Employee { id: e.id.clone() }),
        Err(ServiceError::Denied(_))
    ));
}

#[test]
fn member_transitions_are_checked_audited_and_illegal_ones_change_nothing() {
    let f = Fixture::new();
    let hr = f.as_user("hr_demo");
    let id = first_member_in(&hr, MemberState::Nominated);
    let before = audit_len(&hr);
    let err = hr
        .execute(Command::TransitionMember {
            pool_id: 1,
            employee_id: id.clone(),
            to: MemberState::Disqualified,
            reason: " ".into(),
            seen: None,
        })
        .unwrap_err();
    assert!(err.to_string().contains("needs a reason"), "{err}");
    let err = hr
        .execute(Command::Appoint {
            vacancy_id: 3,
            pool_id: 1,
            employee_id: id.clone(),
            seen: None,
            reason: String::new(),
            on: None,
        })
        .unwrap_err();
    assert!(err.to_string().contains("only an admitted member can be appointed"), "{err}");
    assert_eq!(audit_len(&hr), before);
    assert_eq!(member_state(&hr, 1, &id), MemberState::Nominated);

    hr.execute(Command::TransitionMember {
        pool_id: 1,
        employee_id: id.clone(),
        to: MemberState::Admitted,
        reason: "审核通过".into(),
        seen: None,
    })
    .unwrap();
    let audit = page(&hr, RecordKind::Audit, None);
    let Some(Record::Audit(last)) = audit.last() else { panic!() };
    assert_eq!(last.command, "transition_member");
    assert_eq!(last.operator, "hr_demo");
    assert_eq!(last.changes.len(), 1);
    assert!(last.changes[0].before.as_deref().unwrap().contains("\"state\":\"nominated\""));
    assert!(last.changes[0].after.as_deref().unwrap().contains("\"state\":\"admitted\""));

    let appoint = |id: &cadre::domain::org::EmployeeId| Command::Appoint {
        vacancy_id: 3,
        pool_id: 1,
        employee_id: id.clone(),
        seen: None,
        reason: "岗位急需".into(),
        on: None,
    };
    hr.execute(appoint(&id)).unwrap();
    assert_eq!(member_state(&hr, 1, &id), MemberState::Appointed);
    let err = hr.execute(appoint(&id)).unwrap_err();
    assert!(err.to_string().contains("already filled"), "{err}");
    let Answer::Check(problems) = hr.query(Query::Check).unwrap() else { panic!() };
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn leaving_the_company_moves_live_memberships_to_left_and_keeps_records() {
    let f = Fixture::new();
    let hr = f.as_user("hr_demo");
    let id = first_member_in(&hr, MemberState::Admitted);
    hr.execute(Command::MarkLeft { employee_id: id.clone(), on: "2026-11-30".parse().unwrap() }).unwrap();
    assert_eq!(member_state(&hr, 1, &id), MemberState::Left);
    let Answer::Employee(e) = hr.query(Query::Employee { id: id.clone() }).unwrap() else { panic!() };
    assert_eq!(e.status, cadre::domain::org::EmploymentStatus::Left);
    let err =
        hr.execute(Command::Nominate { pool_id: 2, employee_ids: vec![id], reason: "x".into() }).unwrap_err();
    assert!(err.to_string().contains("has left the company"), "{err}");
}

#[test]
fn points_reversal_is_a_new_entry_and_redemptions_happen_once() {
    let f = Fixture::new();
    let hr = f.as_user("hr_demo");
    let id = first_member_in(&hr, MemberState::Admitted);
    let points = |s: &Service| match s.query(Query::Points { employee_id: id.clone() }).unwrap() {
        Answer::Points(p) => p,
        _ => panic!(),
    };
    let start = points(&hr);
    let grant = hr
        .execute(Command::GrantPoints(Grant {
            employee_id: id.clone(),
            kind: GrantKind::PracticeCase { with_result: true },
            reason: "成果案例".into(),
            on: None,
        }))
        .unwrap();
    assert_eq!(points(&hr).balance, start.balance + 20);
    let seq = grant.created.unwrap();
    hr.execute(Command::ReversePoints { employee_id: id.clone(), seq, reason: "重复录入".into() }).unwrap();
    let after = points(&hr);
    assert_eq!(after.balance, start.balance);
    assert_eq!(after.events.len(), start.events.len() + 2, "the original entry stays");
    let err = hr
        .execute(Command::ReversePoints { employee_id: id.clone(), seq, reason: "again".into() })
        .unwrap_err();
    assert!(err.to_string().contains("already reversed"), "{err}");

    let need = 100 - after.balance.min(100);
    if need > 0 {
        hr.execute(Command::GrantPoints(Grant {
            employee_id: id.clone(),
            kind: GrantKind::Manual { points: need as i32 },
            reason: "补录".into(),
            on: None,
        }))
        .unwrap();
    }
    hr.execute(Command::Redeem { employee_id: id.clone(), kind: RedemptionKind::PromotionApplication })
        .unwrap();
    let err = hr
        .execute(Command::Redeem { employee_id: id.clone(), kind: RedemptionKind::PromotionApplication })
        .unwrap_err();
    assert!(err.to_string().contains("already redeemed promotion application"), "{err}");
    let Answer::Check(problems) = hr.query(Query::Check).unwrap() else { panic!() };
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn a_bonus_below_its_threshold_is_refused() {
    let f = Fixture::new();
    let hr = f.as_user("hr_demo");
    let id = first_member_in(&hr, MemberState::Nominated);
    let err = hr.execute(Command::Redeem { employee_id: id, kind: RedemptionKind::Bonus }).unwrap_err();
    assert!(err.to_string().contains("bonus needs 200"), "{err}");
}

#[test]
fn the_admin_who_restores_a_backup_stays_an_operator() {
    let a = Fixture::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b.cbk");
    a.as_user(ADMIN).backup(&mut std::fs::File::create(&file).unwrap()).unwrap();
    let other = Arc::new(Engine::open(&dir.path().join("other"), "someone_else", true).unwrap());
    let s = Service::new(Box::new(other), "someone_else".into());
    s.restore(&mut std::fs::File::open(&file).unwrap(), false).unwrap();
    let Answer::Operators(ops) = s.query(Query::Operators).unwrap() else { panic!() };
    assert!(ops.iter().any(|o| o.user == "someone_else" && o.role == Role::Admin), "{ops:?}");
    assert!(ops.iter().any(|o| o.user == ADMIN));
}

#[test]
fn a_manager_records_reviews_and_sees_readiness_only_in_its_own_department() {
    use cadre::domain::assessment::{Recommendation, StageReview, StageReviewKind};
    let f = Fixture::new();
    let admin = f.as_user(ADMIN);
    let on = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let Answer::Readiness(all) = admin.query(Query::Readiness { pool: 1, on, policy: None }).unwrap() else {
        panic!()
    };
    let target = &all.rows[0];
    let Answer::Operators(ops) = admin.query(Query::Operators).unwrap() else { panic!() };
    let own = ops.iter().find(|o| o.department.as_deref() == Some(target.department.as_str())).unwrap();
    // a manager of another department that has members in the pool
    let other = ops
        .iter()
        .find(|o| {
            o.role == Role::Manager
                && o.department.as_deref() != Some(target.department.as_str())
                && all.rows.iter().any(|r| Some(r.department.as_str()) == o.department.as_deref())
        })
        .unwrap();
    let review = Command::RecordStageReview(StageReview {
        employee_id: target.employee_id.clone(),
        year: 2026,
        kind: StageReviewKind::JulyInitial,
        recommendation: Recommendation::Promote,
        comment: "计划完成率 100%，绩效提升".into(),
        reviewer: "someone else".into(),
        on,
        replies: vec![],
    });
    let before = audit_len(&admin);
    let err = f.as_user(&other.user).execute(review.clone()).unwrap_err();
    assert!(
        matches!(&err, ServiceError::Denied(m) if m.to_string().contains("record stage reviews")),
        "{err}"
    );
    assert_eq!(audit_len(&admin), before);
    f.as_user(&own.user).execute(review).unwrap();
    let Answer::CandidateReport(report) =
        admin.query(Query::CandidateReport { pool: 1, employee_id: target.employee_id.clone(), on }).unwrap()
    else {
        panic!()
    };
    assert_eq!(
        report.facts.stage_reviews[0].reviewer, own.user,
        "the reviewer is the operator, not the request"
    );
    // A manager's readiness list holds its own department only.
    let Answer::Readiness(mine) =
        f.as_user(&other.user).query(Query::Readiness { pool: 1, on, policy: None }).unwrap()
    else {
        panic!()
    };
    assert!(!mine.rows.is_empty() && mine.rows.len() < all.rows.len());
    assert!(mine.rows.iter().all(|r| Some(r.department.as_str()) == other.department.as_deref()));
    // A what-if policy that does not validate is refused, naming the key.
    let mut bad = cadre::domain::policy::Policy::default();
    bad.readiness.levels.ready_soon_min = 99;
    let err = admin.query(Query::Readiness { pool: 1, on, policy: Some(Box::new(bad)) }).unwrap_err();
    assert!(err.to_string().contains("readiness.levels.ready_soon_min = 99"), "{err}");
}
