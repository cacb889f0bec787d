//! Training commands: development plans and the enrollments they create, per-member
//! additions, and recorded progress with the points it earns.

use super::command::Command;
use super::engine::{Applied, Engine};
use super::points::{self, Stamp};
use super::who::who;
use super::{ServiceError, ServiceResult};
use crate::domain::access::Operator;
use crate::domain::done::Done;
use crate::domain::msg::Msg;
use crate::domain::org::{Employee, EmployeeId};
use crate::domain::pool::{Member, MemberState, Pool};
use crate::domain::training::{Course, Enrollment, ExamAttempt, Plan};
use crate::domain::{Date, Timestamp};
use crate::store::{keys, Tx};

fn course(tx: &Tx, code: &str) -> ServiceResult<Course> {
    tx.get::<Course>(&keys::course(code))?
        .ok_or_else(|| ServiceError::not_found(Msg::NoCourse { course: code.to_string() }))
}

/// Enrolls `employee` in a course unless already enrolled. Returns whether it did.
fn enroll(tx: &mut Tx, employee: &EmployeeId, code: &str, due: Date) -> ServiceResult<bool> {
    let key = keys::enrollment(employee, code);
    if tx.exists(&key)? {
        return Ok(false);
    }
    let c = course(tx, code)?;
    let e = Enrollment {
        employee_id: employee.clone(),
        course_code: code.to_string(),
        hours_done: 0.0,
        hours_required: c.hours,
        due,
        attempts: vec![],
        completed_on: None,
    };
    tx.put(&key, &e)?;
    Ok(true)
}

/// Enrolls a newly admitted member in its pool's plan: called in the admission's batch.
pub(super) fn enroll_in_plan(tx: &mut Tx, pool: u32, employee_id: &EmployeeId) -> ServiceResult<usize> {
    let Some(plan) = tx.get::<Plan>(&keys::plan(pool))? else { return Ok(0) };
    let Some(e) = tx.get::<Employee>(&keys::employee(employee_id))? else { return Ok(0) };
    let mut n = 0;
    for pc in plan.courses_for(&e.department) {
        n += usize::from(enroll(tx, employee_id, &pc.course, pc.due)?);
    }
    Ok(n)
}

impl Engine {
    pub(super) fn apply_training(
        &self,
        tx: &mut Tx,
        command: Command,
        op: &Operator,
        at: Timestamp,
    ) -> ServiceResult<Applied> {
        match command {
            Command::RecordReminder { on, channel, recipient, people, items, failure } => {
                crate::domain::text::required_line("channel", &channel, crate::domain::text::NAME_CHARS)?;
                crate::domain::text::required_line("recipient", &recipient, crate::domain::text::NAME_CHARS)?;
                if failure.is_none() {
                    let sent = crate::domain::reminder::SentReminder {
                        on,
                        channel: channel.clone(),
                        recipient: recipient.clone(),
                        people,
                        items,
                        operator: op.user.clone(),
                        at,
                    };
                    tx.put(&keys::reminder_sent(on, &channel, &recipient), &sent)?;
                }
                Ok(Applied::new(Done::ReminderRecorded { channel, recipient, people, items, failure }))
            }
            Command::SetPlan(plan) => {
                if tx.get::<Pool>(&keys::pool(plan.pool_id))?.is_none() {
                    return Err(ServiceError::not_found(Msg::NoPool { id: plan.pool_id }));
                }
                for pc in plan.general.iter().chain(plan.by_department.values().flatten()) {
                    course(tx, &pc.course)?;
                    crate::domain::text::date("due", pc.due)?;
                }
                for department in plan.by_department.keys() {
                    if !tx.exists(&keys::department(department))? {
                        return Err(ServiceError::not_found(Msg::NoDepartment { name: department.clone() }));
                    }
                }
                // one due date per course for a member: a course twice in what one person gets
                for list in std::iter::once(&plan.general).chain(plan.by_department.values()) {
                    for (i, pc) in list.iter().enumerate() {
                        if list[..i].iter().any(|x| x.course == pc.course)
                            || (!std::ptr::eq(list, &plan.general)
                                && plan.general.iter().any(|x| x.course == pc.course))
                        {
                            return Err(ServiceError::invalid(Msg::CourseTwiceInPlan {
                                course: pc.course.clone(),
                            }));
                        }
                    }
                }
                tx.put(&keys::plan(plan.pool_id), &plan)?;
                let members: Vec<Member> = tx
                    .store()
                    .scan::<Member>(&keys::members_of(plan.pool_id), None)
                    .map(|r| r.map(|(_, m)| m))
                    .collect::<Result<_, _>>()?;
                let mut enrolled = 0;
                for m in members.iter().filter(|m| m.state == MemberState::Admitted) {
                    enrolled += enroll_in_plan(tx, plan.pool_id, &m.employee_id)?;
                }
                Ok(Applied::new(Done::PlanSet { pool: plan.pool_id, enrolled }))
            }
            Command::UpsertCourse(c) => {
                c.validate()?;
                let new = !tx.exists(&keys::course(&c.code))?;
                tx.put(&keys::course(&c.code), &c)?;
                Ok(Applied::new(Done::CourseSaved { course: c.code, added: new }))
            }
            Command::Enroll { employee_id, course: code, due } => {
                if tx.get::<Employee>(&keys::employee(&employee_id))?.is_none() {
                    return Err(ServiceError::not_found(Msg::NoEmployee { id: employee_id.to_string() }));
                }
                crate::domain::text::date("due", due)?;
                if !enroll(tx, &employee_id, &code, due)? {
                    return Err(ServiceError::invalid(Msg::AlreadyEnrolled {
                        who: who(&employee_id),
                        course: code,
                    }));
                }
                Ok(Applied::new(Done::Enrolled {
                    who: who(&employee_id),
                    course: code,
                    due: due.to_string(),
                }))
            }
            Command::RecordProgress { employee_id, course: code, hours, exam_score, on } => {
                let key = keys::enrollment(&employee_id, &code);
                let before = tx.get::<Enrollment>(&key)?.ok_or_else(|| {
                    ServiceError::not_found(Msg::NotEnrolled { who: who(&employee_id), course: code.clone() })
                })?;
                crate::domain::text::range("hours", hours, 0.0, crate::domain::training::MAX_HOURS)?;
                crate::domain::text::date("on", on)?;
                // hours beyond what is left are refused with the range, never cut to fit
                let left = before.hours_left();
                if hours > left + 1e-3 {
                    return Err(ServiceError::invalid(Msg::HoursTooMany {
                        who: who(&employee_id),
                        course: code.clone(),
                        hours,
                        left,
                    }));
                }
                let c = course(tx, &code)?;
                let mut after = before.clone();
                after.hours_done = (after.hours_done + hours).min(after.hours_required);
                if let Some(score) = exam_score {
                    crate::domain::text::range("score", score, 0, 100)?;
                    if c.exam_pass_mark.is_none() {
                        return Err(ServiceError::invalid(Msg::NoExam { course: code.clone() }));
                    }
                    after.attempts.push(ExamAttempt { score, on });
                }
                if after.completed_on.is_none() && after.hours_done + 1e-3 >= after.hours_required {
                    after.completed_on = Some(on);
                }
                if after == before {
                    return Err(ServiceError::invalid(Msg::NothingToRecord));
                }
                let policy = self.policy()?;
                let stamp = Stamp { operator: &op.user, at, audited: true };
                for (pts, cause, reason) in
                    points::for_enrollment_change(&policy.points, &c, Some(&before), &after)?
                {
                    points::append(tx, stamp, &employee_id, pts, cause, reason)?;
                }
                tx.put(&key, &after)?;
                Ok(Applied::new(Done::ProgressRecorded {
                    who: who(&employee_id),
                    course: code,
                    done: after.hours_done,
                    required: after.hours_required,
                    exam: exam_score,
                    completed: after.completed_on.is_some() && before.completed_on.is_none(),
                }))
            }
            other => Err(ServiceError::invalid(Msg::Internal {
                what: format!("{} is not a training command", other.name()),
            })),
        }
    }
}
