//! The points ledger: events appended by the policy's rules when their cause happens,
//! with the per-person balance kept in the same batch.

use super::{ServiceError, ServiceResult};
use crate::domain::msg::Msg;
use crate::domain::training::MAX_EVENT_POINTS;

/// The largest balance, either way: ten million points is far beyond any real ledger.
pub const MAX_BALANCE: u64 = 10_000_000;
use crate::domain::org::EmployeeId;
use crate::domain::policy::PointsPolicy;
use crate::domain::training::{Course, Enrollment, PointsCause, PointsEvent, Redemption, RedemptionKind};
use crate::domain::Timestamp;
use crate::store::{keys, Tx};

/// A rule's points as a ledger figure: at most `MAX_EVENT_POINTS`, never wrapped.
pub(super) fn rule_points(points: u32) -> ServiceResult<i32> {
    if points > MAX_EVENT_POINTS {
        return Err(ServiceError::invalid(Msg::OutOfRange {
            field: "points".into(),
            value: points.to_string(),
            min: "0".into(),
            max: MAX_EVENT_POINTS.to_string(),
        }));
    }
    Ok(points as i32)
}

/// Points for completing `course`: its own figure when set, else the policy's, times the
/// strategic multiplier for strategic courses (checked: never wraps).
pub(super) fn completion_points(policy: &PointsPolicy, course: &Course) -> ServiceResult<i32> {
    let points = match course.completion_points {
        Some(own) => Some(own),
        None if course.strategic => policy.course_completed.checked_mul(policy.strategic_multiplier),
        None => Some(policy.course_completed),
    };
    rule_points(points.unwrap_or(u32::MAX))
}

fn passed(course: &Course, enrollment: Option<&Enrollment>) -> bool {
    match (course.exam_pass_mark, enrollment.and_then(Enrollment::best_score)) {
        (Some(mark), Some(best)) => best >= mark,
        _ => false,
    }
}

/// The events an enrollment change earns: completion and a first passed exam.
pub(super) fn for_enrollment_change(
    policy: &PointsPolicy,
    course: &Course,
    before: Option<&Enrollment>,
    after: &Enrollment,
) -> ServiceResult<Vec<(i32, PointsCause, String)>> {
    let mut events = Vec::new();
    let was_complete = before.is_some_and(|b| b.completed_on.is_some());
    if after.completed_on.is_some() && !was_complete {
        events.push((
            completion_points(policy, course)?,
            PointsCause::CourseCompleted { course: course.code.clone() },
            format!("完成课程 {}", course.title),
        ));
    }
    if passed(course, Some(after)) && !passed(course, before) {
        events.push((
            rule_points(policy.exam_passed)?,
            PointsCause::ExamPassed { course: course.code.clone() },
            format!("考试通过 {}", course.title),
        ));
    }
    Ok(events)
}

/// Who writes a ledger change and when; `audited` records before → after of each write
/// (bulk loads only count them in the summary).
#[derive(Debug, Clone, Copy)]
pub(super) struct Stamp<'a> {
    pub operator: &'a str,
    pub at: Timestamp,
    pub audited: bool,
}

/// Appends one event and moves the balance.
pub(super) fn append(
    tx: &mut Tx,
    stamp: Stamp,
    employee_id: &EmployeeId,
    points: i32,
    cause: PointsCause,
    reason: String,
) -> ServiceResult<u64> {
    let Stamp { operator, at, audited } = stamp;
    let seq = tx.next_seq("points")?;
    let event = PointsEvent {
        seq,
        employee_id: employee_id.clone(),
        points,
        cause,
        reason,
        operator: operator.to_string(),
        at,
    };
    let balance_key = keys::balance(employee_id);
    let balance = tx
        .get::<i64>(&balance_key)?
        .unwrap_or(0)
        .checked_add(i64::from(points))
        .filter(|b| b.unsigned_abs() <= MAX_BALANCE)
        .ok_or_else(|| ServiceError::invalid(Msg::PointsOverflow { who: super::who::who(employee_id) }))?;
    if audited {
        tx.put(&keys::points(employee_id, seq), &event)?;
        tx.put(&balance_key, &balance)?;
    } else {
        tx.put_unaudited(&keys::points(employee_id, seq), &event);
        tx.put_unaudited(&balance_key, &balance);
    }
    Ok(seq)
}

/// The points for a reflection accepted by a review, dated at that review (bulk paths:
/// loads and imports; unaudited, the summary counts them).
pub(super) fn reflection_accepted(
    tx: &mut Tx,
    policy: &PointsPolicy,
    operator: &str,
    r: &crate::domain::reflection::Reflection,
    otherwise: Timestamp,
) -> ServiceResult<u64> {
    let at = r.latest().review.as_ref().map_or(otherwise, |rv| rv.at);
    append(
        tx,
        Stamp { operator, at, audited: false },
        &r.employee_id,
        rule_points(policy.reflection_shared)?,
        PointsCause::ReflectionShared { reflection: r.id },
        format!("心得第{}阶段通过", r.stage),
    )
}

/// Records a redemption once; refused below the threshold or the second time.
pub(super) fn redeem(
    tx: &mut Tx,
    policy: &PointsPolicy,
    stamp: Stamp,
    employee_id: &EmployeeId,
    kind: RedemptionKind,
) -> ServiceResult<()> {
    let Stamp { operator, at, audited } = stamp;
    let key = keys::redemption(employee_id, kind.code());
    if let Some(earlier) = tx.get::<Redemption>(&key)? {
        return Err(ServiceError::invalid(Msg::AlreadyRedeemed {
            who: super::who::who(employee_id),
            kind: kind.code().into(),
            on: earlier.at.format("%Y-%m-%d").to_string(),
        }));
    }
    let balance = tx.get::<i64>(&keys::balance(employee_id))?.unwrap_or(0);
    let needed = match kind {
        RedemptionKind::PromotionApplication => policy.promotion_application_at,
        RedemptionKind::Bonus => policy.bonus_at,
    };
    if balance < i64::from(needed) {
        return Err(ServiceError::invalid(Msg::NotEnoughPoints {
            who: super::who::who(employee_id),
            balance,
            kind: kind.code().into(),
            needed,
        }));
    }
    let redemption = Redemption {
        employee_id: employee_id.clone(),
        kind,
        balance_at_redemption: balance,
        operator: operator.to_string(),
        at,
    };
    if audited {
        tx.put(&key, &redemption)?;
    } else {
        tx.put_unaudited(&key, &redemption);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::policy::Policy;
    use crate::domain::training::{CourseCategory, ExamAttempt};

    fn course(strategic: bool, own: Option<u32>) -> Course {
        Course {
            code: "C1".into(),
            title: "战略管理".into(),
            category: CourseCategory::Strategy,
            hours: 8.0,
            required: true,
            core: false,
            strategic,
            exam_pass_mark: Some(60),
            completion_points: own,
        }
    }

    fn enrollment(done: bool, scores: &[u8]) -> Enrollment {
        Enrollment {
            employee_id: "E1".parse().unwrap(),
            course_code: "C1".into(),
            hours_done: if done { 8.0 } else { 2.0 },
            hours_required: 8.0,
            due: "2026-09-30".parse().unwrap(),
            attempts: scores
                .iter()
                .map(|s| ExamAttempt { score: *s, on: "2026-09-01".parse().unwrap() })
                .collect(),
            completed_on: done.then(|| "2026-09-01".parse().unwrap()),
        }
    }

    #[test]
    fn strategic_courses_count_double_unless_they_name_their_own_points() {
        let p = Policy::default().points;
        assert_eq!(completion_points(&p, &course(false, None)).unwrap(), 10);
        assert_eq!(completion_points(&p, &course(true, None)).unwrap(), 20);
        assert_eq!(completion_points(&p, &course(true, Some(15))).unwrap(), 15);
        let mut huge = p.clone();
        huge.strategic_multiplier = u32::MAX;
        assert!(completion_points(&huge, &course(true, None)).is_err(), "a wrapping multiply");
        assert!(completion_points(&p, &course(false, Some(4_000_000_000))).is_err());
    }

    #[test]
    fn a_retake_that_passes_earns_the_exam_points_once() {
        let p = Policy::default().points;
        let c = course(false, None);
        let failed = enrollment(true, &[55]);
        let first = for_enrollment_change(&p, &c, None, &failed).unwrap();
        assert_eq!(first.len(), 1, "completion only: {first:?}");
        let retake = enrollment(true, &[55, 72]);
        let second = for_enrollment_change(&p, &c, Some(&failed), &retake).unwrap();
        assert_eq!(second.len(), 1);
        assert_eq!(second[0].0, 5);
        let third = enrollment(true, &[55, 72, 90]);
        assert!(for_enrollment_change(&p, &c, Some(&retake), &third).unwrap().is_empty());
    }
}
