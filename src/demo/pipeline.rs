//! Generated pipeline records for the demo: pools and members with a case for every rule,
//! enrollments, reflections with reviews, assessments, practice cases and vacancies.

use chrono::{NaiveDate, TimeZone, Utc};

pub use super::cases::Case;
use super::ingredients::Ingredients;
use super::rng::Rng;
use crate::domain::access::{Operator, Role};
use crate::domain::assessment::{Evaluation, EvaluationKind, RaterRelation};
use crate::domain::eligibility;
use crate::domain::org::{Employee, EmploymentStatus, Rank};
use crate::domain::policy::Policy;
use crate::domain::pool::{Member, MemberState, Pool};
use crate::domain::reflection::{Decision, Reflection, ReflectionState, ReflectionVersion, Review};
use crate::domain::training::{Course, Enrollment, ExamAttempt, RedemptionKind};
use crate::domain::vacancy::{Appointment, Vacancy, VacancyStatus};
use crate::domain::{Date, Timestamp};
use crate::service::command::{Grant, GrantKind};

/// The day the demo is set on: due dates and reviews are placed around it.
pub fn demo_today() -> Date {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid date")
}

pub const POOL_YEAR: u16 = 2026;

fn day(y: i32, m: u32, d: u32) -> Date {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn at(date: Date, hour: u32) -> Timestamp {
    Utc.from_utc_datetime(&date.and_hms_opt(hour, 0, 0).expect("valid time"))
}

pub struct PoolPlan {
    pub pools: Vec<Pool>,
    /// (pool, employee index, case)
    pub members: Vec<(u32, usize, Case)>,
}

/// Chooses members among eligible employees, spread across the organisation.
pub fn plan_pools(employees: &mut [Employee], policy: &Policy, long_name_index: usize) -> PoolPlan {
    let today = demo_today();
    let chief_rules = policy.eligibility.section_chief.clone();
    let manager_rules = policy.eligibility.department_manager.clone();
    let pools = vec![
        Pool {
            id: 1,
            name: format!("{POOL_YEAR}年后备室主任"),
            year: POOL_YEAR,
            target_rank: Rank::SectionChief,
            rules: chief_rules.clone(),
            closed: None,
        },
        Pool {
            id: 2,
            name: format!("{POOL_YEAR}年后备部门经理"),
            year: POOL_YEAR,
            target_rank: Rank::DepartmentManager,
            rules: manager_rules.clone(),
            closed: None,
        },
    ];
    // The long-named employee qualifies, so the truncation shows in the pool table.
    if let Some(e) = employees.get_mut(long_name_index) {
        e.status = EmploymentStatus::Active;
        e.rank = Rank::Staff;
        e.hire_date = day(2018, 4, 9);
        for p in &mut e.performance {
            p.rank_pct = p.rank_pct.min(18.0);
            p.grade = super::people::grade_for(p.rank_pct);
        }
    }
    let n = employees.len();
    let want_chiefs = (n / 15).max(12);
    let want_managers = (n / 100).max(3);
    let eligible = |e: &Employee, target: Rank, rules| {
        eligibility::is_eligible(&eligibility::screen(e, target, rules, today))
    };
    let chief_pool: Vec<usize> =
        (0..n).filter(|&i| eligible(&employees[i], Rank::SectionChief, &chief_rules)).collect();
    let mut chosen: Vec<usize> = spread(&chief_pool, want_chiefs);
    if employees.len() > long_name_index && !chosen.contains(&long_name_index) {
        chosen.pop();
        chosen.insert(chosen.len().min(15), long_name_index);
    }
    let total = chosen.len();
    let mut members: Vec<(u32, usize, Case)> =
        chosen.iter().enumerate().map(|(j, &i)| (1, i, Case::for_index(j, total))).collect();
    // The manager pool draws on section chiefs, so nobody is in both pools. The best
    // chiefs by performance get a management career plan, so the pool is never empty.
    let mut chiefs: Vec<usize> = (0..n)
        .filter(|&i| {
            employees[i].rank == Rank::SectionChief && employees[i].status == EmploymentStatus::Active
        })
        .collect();
    chiefs.sort_by(|&a, &b| {
        let pct = |i: usize| employees[i].latest_performance().map_or(100.0, |p| p.rank_pct);
        pct(a).total_cmp(&pct(b))
    });
    for &i in chiefs.iter().take(want_managers) {
        let e = &mut employees[i];
        if let Some(p) = e.performance.last_mut() {
            p.rank_pct = p.rank_pct.min(manager_rules.max_performance_rank_pct);
            p.grade = super::people::grade_for(p.rank_pct);
        }
        e.wants_management = true;
        e.aspiration = "希望三年内走向部门管理岗位，带好更大的团队".into();
        if e.team_management.is_empty() {
            e.team_management.push("牵头跨室协作项目组（8 人）".into());
        }
    }
    let manager_pool: Vec<usize> = (0..n)
        .filter(|&i| {
            employees[i].rank == Rank::SectionChief
                && eligible(&employees[i], Rank::DepartmentManager, &manager_rules)
        })
        .collect();
    for (j, i) in spread(&manager_pool, want_managers).into_iter().enumerate() {
        members.push((2, i, if j == 0 { Case::Nominated } else { Case::Admitted }));
    }
    PoolPlan { pools, members }
}

/// `k` items evenly spaced through `items`.
fn spread(items: &[usize], k: usize) -> Vec<usize> {
    if items.len() <= k {
        return items.to_vec();
    }
    (0..k).map(|j| items[j * items.len() / k]).collect()
}

/// The member record with its history, for the case it plays.
pub fn member(pool: u32, e: &Employee, case: Case) -> Member {
    let mut m = Member::nominate(
        pool,
        e.id.clone(),
        "资格审核通过：司龄与绩效排名符合规则".into(),
        "hr_demo".into(),
        at(day(2026, 1, 12), 9),
    );
    let step = |m: &mut Member, to: MemberState, reason: &str, date: Date| {
        m.transition(to, reason, "hr_demo", at(date, 10)).expect("demo transitions are legal");
    };
    if case == Case::Nominated {
        return m;
    }
    step(&mut m, MemberState::Admitted, "人力资源部审核入池", day(2026, 1, 26));
    match case {
        Case::Low360 => step(
            &mut m,
            MemberState::Disqualified,
            "360测评 68 分，低于 70 分，移出后备池",
            day(2026, 10, 15),
        ),
        Case::LeftCompany => step(&mut m, MemberState::Left, "离职 2026-08-31", day(2026, 9, 1)),
        Case::Withdrew => {
            step(&mut m, MemberState::Withdrawn, "个人原因申请退出：家庭原因需调往外地", day(2026, 5, 20))
        }
        Case::Appointed => step(&mut m, MemberState::Appointed, "任用至岗位空缺", day(2026, 10, 30)),
        _ => {}
    }
    m
}

fn score(rng: &mut Rng, lo: f32, hi: f32) -> u8 {
    rng.range_f(lo, hi).round() as u8
}

/// Required courses for members, plus a department elective.
fn member_courses<'a>(courses: &'a [Course], department: &str) -> Vec<&'a Course> {
    let elective = match department {
        "市场营销部" => "P401",
        "信息技术部" | "网络运维部" => "P402",
        "客户服务部" => "P404",
        "工程建设部" => "P405",
        "财务部" | "审计监察部" => "M304",
        _ => "P403",
    };
    courses.iter().filter(|c| c.required || c.code == elective || c.code == "S202").collect()
}

fn enrollment(rng: &mut Rng, e: &Employee, c: &Course, due: Date, progress: Progress) -> Enrollment {
    let (hours_done, completed_on, attempts) = match progress {
        Progress::Done { exam_min } => {
            // finished before the due date, and never after the demo's day
            let done_on =
                (due - chrono::Days::new(5 + rng.below(40) as u64)).min(demo_today() - chrono::Days::new(1));
            let attempts = c
                .exam_pass_mark
                .map(|_| vec![ExamAttempt { score: score(rng, exam_min, 98.0), on: done_on }])
                .unwrap_or_default();
            (c.hours, Some(done_on), attempts)
        }
        // unfinished means at least an hour to go
        Progress::Partial(share) => ((c.hours * share).floor().min(c.hours - 1.0).max(0.0), None, vec![]),
    };
    Enrollment {
        employee_id: e.id.clone(),
        course_code: c.code.clone(),
        hours_done,
        hours_required: c.hours,
        due,
        attempts,
        completed_on,
    }
}

#[derive(Clone, Copy)]
enum Progress {
    Done { exam_min: f32 },
    Partial(f32),
}

/// A member's enrollments: mostly done, some in progress, a few overdue, per case.
pub fn member_enrollments(rng: &mut Rng, e: &Employee, case: Case, courses: &[Course]) -> Vec<Enrollment> {
    let today = demo_today();
    let list = member_courses(courses, &e.department);
    list.iter()
        .enumerate()
        .map(|(k, c)| {
            let due = day(2026, 3 + (k as u32 % 10), 28);
            let progress = match case {
                Case::Nominated => Progress::Partial(0.0),
                Case::Redeemed | Case::Appointed | Case::ReadyNow | Case::LastReturned => {
                    Progress::Done { exam_min: 84.0 }
                }
                Case::CoreCourseOpen if c.code == "M301" => Progress::Partial(0.5),
                Case::CoreCourseOpen => Progress::Done { exam_min: 85.0 },
                _ if due > today => Progress::Partial(rng.range_f(0.2, 0.9)),
                _ if rng.chance(0.12) => Progress::Partial(rng.range_f(0.3, 0.8)),
                _ => Progress::Done { exam_min: 62.0 },
            };
            enrollment(rng, e, c, due, progress)
        })
        .collect()
}

/// Courses for an employee outside the pools: the general required ones and electives.
pub fn staff_enrollments(
    rng: &mut Rng,
    e: &Employee,
    courses: &[Course],
    how_many: usize,
) -> Vec<Enrollment> {
    let today = demo_today();
    let picks = rng.sample(courses, how_many.min(courses.len()));
    picks
        .into_iter()
        .enumerate()
        .map(|(k, c)| {
            let due = day(2026, 1 + (k as u32 % 12), 25);
            let progress = if due > today || rng.chance(0.15) {
                Progress::Partial(rng.range_f(0.0, 0.9))
            } else {
                Progress::Done { exam_min: 58.0 }
            };
            enrollment(rng, e, c, due, progress)
        })
        .collect()
}

fn body(rng: &mut Rng, ing: &Ingredients) -> String {
    let k = 3 + rng.below(3);
    rng.sample(&ing.texts.paragraphs, k).into_iter().cloned().collect::<Vec<_>>().join("\n\n")
}

fn version(rng: &mut Rng, ing: &Ingredients, stage: u8, submitted: Date) -> ReflectionVersion {
    let title = ing.texts.titles[(stage as usize * 3 + rng.below(3)) % ing.texts.titles.len()].clone();
    ReflectionVersion { title, body: body(rng, ing), submitted_at: at(submitted, 20), review: None }
}

fn review(score: u8, comment: &str, decision: Decision, reviewer: &str, on: Date) -> Option<Review> {
    Some(Review {
        score,
        comment: comment.to_string(),
        decision,
        reviewer: reviewer.to_string(),
        at: at(on, 15),
    })
}

/// A member's reflections per stage: stage 1 mostly reviewed, stage 2 mixed, per case.
pub fn member_reflections(
    rng: &mut Rng,
    ing: &Ingredients,
    e: &Employee,
    case: Case,
    reviewer: &str,
) -> Vec<Reflection> {
    let mut out = Vec::new();
    let make = |stage: u8, versions: Vec<ReflectionVersion>, state| Reflection {
        id: 0,
        employee_id: e.id.clone(),
        stage,
        versions,
        state,
        replies: vec![],
        reopened: vec![],
    };
    if matches!(case, Case::Nominated | Case::Withdrew) {
        return out;
    }
    let s1 = day(2026, 4, 10 + rng.below(15) as u32);
    match case {
        Case::Reflection79 => {
            let mut v = version(rng, ing, 1, s1);
            v.review = review(
                79,
                &ing.texts.return_comments[0],
                Decision::Return,
                reviewer,
                s1 + chrono::Days::new(6),
            );
            out.push(make(1, vec![v], ReflectionState::Returned));
        }
        Case::Rewritten => {
            let mut v1 = version(rng, ing, 1, s1);
            v1.review = review(
                75,
                &ing.texts.return_comments[0],
                Decision::Return,
                reviewer,
                s1 + chrono::Days::new(5),
            );
            let mut v2 = version(rng, ing, 1, s1 + chrono::Days::new(14));
            v2.review = review(
                85,
                &ing.texts.accept_comments[0],
                Decision::Accept,
                reviewer,
                s1 + chrono::Days::new(18),
            );
            out.push(make(1, vec![v1, v2], ReflectionState::Accepted));
        }
        _ => {
            if rng.chance(0.1) && case == Case::Admitted {
                let d = day(2026, 11, 3 + rng.below(14) as u32);
                out.push(make(1, vec![version(rng, ing, 1, d)], ReflectionState::Pending));
            } else {
                let mut v = version(rng, ing, 1, s1);
                let sc = score(rng, 80.0, 95.0);
                v.review = review(
                    sc,
                    rng.pick(&ing.texts.accept_comments).as_str(),
                    Decision::Accept,
                    reviewer,
                    s1 + chrono::Days::new(7),
                );
                out.push(make(1, vec![v], ReflectionState::Accepted));
            }
        }
    }
    // The strongest members have handed in every stage, the third early in November.
    let complete =
        matches!(case, Case::ReadyNow | Case::LastReturned | Case::CoreCourseOpen | Case::Redeemed);
    if matches!(case, Case::LeftCompany) || (!complete && rng.chance(0.4)) {
        return out;
    }
    let s2 = day(2026, 10, 5 + rng.below(25) as u32);
    let mut v = version(rng, ing, 2, s2);
    let state = if complete || rng.chance(0.3) {
        let sc = score(rng, 81.0, 93.0);
        v.review = review(
            sc,
            rng.pick(&ing.texts.accept_comments).as_str(),
            Decision::Accept,
            reviewer,
            s2 + chrono::Days::new(4),
        );
        ReflectionState::Accepted
    } else {
        ReflectionState::Pending
    };
    out.push(make(2, vec![v], state));
    if complete {
        let s3 = day(2026, 11, 2 + rng.below(8) as u32);
        let mut v = version(rng, ing, 3, s3);
        if case == Case::LastReturned {
            v.review = review(
                78,
                &ing.texts.return_comments[0],
                Decision::Return,
                reviewer,
                s3 + chrono::Days::new(3),
            );
            out.push(make(3, vec![v], ReflectionState::Returned));
        } else {
            v.review = review(
                score(rng, 82.0, 94.0),
                rng.pick(&ing.texts.accept_comments).as_str(),
                Decision::Accept,
                reviewer,
                s3 + chrono::Days::new(3),
            );
            out.push(make(3, vec![v], ReflectionState::Accepted));
        }
    }
    out
}

/// A course reflection by an employee outside the pools (scale runs only).
pub fn staff_reflection(rng: &mut Rng, ing: &Ingredients, e: &Employee) -> Reflection {
    let d = day(2026, 6, 1 + rng.below(28) as u32);
    let v = version(rng, ing, 1, d);
    Reflection {
        id: 0,
        employee_id: e.id.clone(),
        stage: 1,
        versions: vec![v],
        state: ReflectionState::Pending,
        replies: vec![],
        reopened: vec![],
    }
}

/// 360 by relation and dimension, the superior's evaluation and the theory test.
pub fn evaluations(
    rng: &mut Rng,
    ing: &Ingredients,
    policy: &Policy,
    e: &Employee,
    case: Case,
) -> Vec<Evaluation> {
    if matches!(case, Case::Nominated | Case::Withdrew) {
        return vec![];
    }
    let spec = ing.org.departments.iter().find(|d| d.name == e.department);
    let on = day(2026, 10, 12);
    let base = if matches!(case, Case::ReadyNow | Case::LastReturned) {
        rng.range_f(84.0, 90.0)
    } else {
        rng.range_f(76.0, 86.0)
    };
    let mut out = Vec::new();
    for relation in [RaterRelation::Superior, RaterRelation::Peer, RaterRelation::Subordinate] {
        for dimension in &policy.assessment.dimensions {
            let bias = spec.and_then(|s| s.bias.get(dimension)).copied().unwrap_or(0.0);
            let score = if case == Case::Low360 {
                68.0
            } else {
                (base + bias + rng.range_f(-4.0, 4.0)).clamp(40.0, 99.0).round()
            };
            out.push(Evaluation {
                seq: 0,
                employee_id: e.id.clone(),
                year: POOL_YEAR,
                kind: EvaluationKind::ThreeSixty { relation, dimension: dimension.clone() },
                score,
                on,
            });
        }
    }
    out.push(Evaluation {
        seq: 0,
        employee_id: e.id.clone(),
        year: POOL_YEAR,
        kind: EvaluationKind::Superior,
        score: rng.range_f(70.0, 95.0).round(),
        on,
    });
    let theory_bias = spec.map_or(0.0, |s| s.theory_bias);
    let theory = if case == Case::TheoryFailed {
        55.0
    } else if matches!(case, Case::ReadyNow | Case::LastReturned) {
        rng.range_f(82.0, 95.0).round()
    } else {
        (rng.range_f(66.0, 90.0) + theory_bias).min(99.0).round()
    };
    out.push(Evaluation {
        seq: 0,
        employee_id: e.id.clone(),
        year: POOL_YEAR,
        kind: EvaluationKind::Theory,
        score: theory,
        on: day(2026, 9, 20),
    });
    out
}

/// Practice-case points for some admitted members.
pub fn grants(rng: &mut Rng, e: &Employee, case: Case) -> Vec<Grant> {
    let mut out = Vec::new();
    if matches!(
        case,
        Case::Admitted
            | Case::Redeemed
            | Case::CoreCourseOpen
            | Case::Appointed
            | Case::ReadyNow
            | Case::LastReturned
    ) && (case != Case::Admitted || rng.chance(0.35))
    {
        let with_result = case != Case::Admitted || rng.chance(0.4);
        out.push(Grant {
            employee_id: e.id.clone(),
            kind: GrantKind::PracticeCase { with_result },
            reason: if with_result {
                "实践案例：流程优化后交付周期缩短 20%".into()
            } else {
                "实践案例分享：跨部门协作复盘".into()
            },
            on: Some(day(2026, 6, 18)),
        });
    }
    out
}

/// Vacancies: two filled by the appointed members, three open, two forecast for Q3, and
/// three years of filled posts peaking in Q3 (the forecast's history).
pub fn vacancies(
    employees: &[Employee],
    appointed: &[usize],
    ing: &Ingredients,
) -> (Vec<Vacancy>, Vec<Appointment>) {
    let mut vacancies = Vec::new();
    let mut appointments = Vec::new();
    for (k, &i) in appointed.iter().enumerate() {
        let e = &employees[i];
        let id = k as u32 + 1;
        vacancies.push(Vacancy {
            id,
            department: e.department.clone(),
            section: e.section.clone(),
            rank: Rank::SectionChief,
            opens_on: day(2026, 10, 1),
            status: VacancyStatus::Filled,
            reason: crate::domain::vacancy::VacancyReason::Promotion,
            due: Some(day(2026, 11, 30)),
        });
        appointments.push(Appointment {
            vacancy_id: id,
            employee_id: e.id.clone(),
            pool_id: 1,
            operator: "hr_demo".into(),
            at: at(day(2026, 10, 30), 10),
            // the second post had nobody ready now: appointed with the reason on record
            reason: if k == 1 {
                "岗位急需，池中暂无可立即任用的人选；该员工 1–2 年内可用，安排导师带教".into()
            } else {
                String::new()
            },
            effective: Some(day(2026, 11, 1)),
            level: if k == 1 { "ready_in_1_2_years".into() } else { "ready_now".into() },
            before: Some(crate::domain::vacancy::Placement {
                rank: e.rank,
                department: e.department.clone(),
                section: e.section.clone(),
            }),
            reversed: None,
        });
    }
    let depts = &ing.org.departments;
    for k in 0..5usize {
        let d = &depts[(k * 3 + 1) % depts.len()];
        let forecast = k >= 3;
        vacancies.push(Vacancy {
            id: vacancies.len() as u32 + 1,
            department: d.name.clone(),
            section: d.sections[k % d.sections.len()].clone(),
            rank: Rank::SectionChief,
            opens_on: if forecast { day(2027, 7, 1) } else { day(2026, 12, 1) },
            status: if forecast { VacancyStatus::Forecast } else { VacancyStatus::Open },
            reason: if k % 2 == 0 {
                crate::domain::vacancy::VacancyReason::Retirement
            } else {
                crate::domain::vacancy::VacancyReason::Transfer
            },
            due: Some(if forecast { day(2027, 9, 30) } else { day(2027, 2, 28) }),
        });
    }
    // three years of filled section-chief posts, most of them in Q3 (the seed's peak)
    let per_quarter: [[u32; 4]; 3] = [[1, 1, 6, 1], [1, 1, 7, 1], [1, 1, 6, 0]];
    let reasons = [
        crate::domain::vacancy::VacancyReason::Retirement,
        crate::domain::vacancy::VacancyReason::Promotion,
        crate::domain::vacancy::VacancyReason::Transfer,
    ];
    for (y, quarters) in per_quarter.iter().enumerate() {
        for (q, &n) in quarters.iter().enumerate() {
            for k in 0..n as usize {
                let id = vacancies.len() as u32 + 1;
                let d = &depts[(id as usize * 7 + k) % depts.len()];
                let opens_on =
                    day(2024 + y as i32, q as u32 * 3 + 1 + (k as u32 % 3), 1 + (k as u32 * 9) % 27);
                vacancies.push(Vacancy {
                    id,
                    department: d.name.clone(),
                    section: d.sections[k % d.sections.len()].clone(),
                    rank: Rank::SectionChief,
                    opens_on,
                    status: VacancyStatus::Filled,
                    reason: reasons[(id as usize) % reasons.len()],
                    due: opens_on.checked_add_days(chrono::Days::new(60)),
                });
            }
        }
    }
    (vacancies, appointments)
}

/// Managers' operator accounts (one per department) and an HR operator.
pub fn operators(ing: &Ingredients) -> Vec<Operator> {
    let mut out = vec![Operator { user: "hr_demo".into(), role: Role::Hr, department: None }];
    for (k, d) in ing.org.departments.iter().enumerate() {
        out.push(Operator { user: manager_user(k), role: Role::Manager, department: Some(d.name.clone()) });
    }
    out
}

pub fn manager_user(department_index: usize) -> String {
    format!("mgr{:02}", department_index + 1)
}

pub const REDEMPTION: RedemptionKind = RedemptionKind::PromotionApplication;
