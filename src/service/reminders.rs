//! Reminders: every unfinished course of an active employee that is overdue or behind its
//! straight-line schedule, with the department manager to copy; of everyone, read from
//! the due-date index alone, or of one pool's current members, read member by member.

use super::engine::Engine;
use super::query::Answer;
use super::reminder_types::{LateCourse, LateManager, LateRow, RemindersBuilder};
use super::{ServiceError, ServiceResult};
use crate::domain::access::Operator;
use crate::domain::org::{Employee, EmployeeId, EmploymentStatus};
use crate::domain::pool::{Member, MemberState, PoolId};
use crate::domain::training::{Course, Enrollment, Progress, Standing};
use crate::domain::Date;
use crate::store::due_index::DueEntryRef;
use crate::store::{codec, keys, Store};

impl Engine {
    /// By due date (the most overdue first, then those behind schedule due soonest), then
    /// by person and course. Everyone's are read from the due-date index, in its order, up
    /// to the last day that can matter (today plus the schedule window); its entries name
    /// the person, so no enrollment or employee record is read.
    pub(super) fn remind(&self, op: &Operator, on: Date, pool: Option<PoolId>) -> ServiceResult<Answer> {
        let policy = self.policy()?.training;
        let judge =
            |p: Progress| Standing::of_unfinished(p, on, policy.schedule_days, policy.at_risk_margin_pct);
        let courses = self
            .store
            .scan::<Course>(keys::COURSE.as_bytes(), None)
            .map(|r| r.map(|(_, c)| LateCourse { code: c.code, title: c.title }))
            .collect::<Result<Vec<_>, _>>()?;
        let mut list = RemindersBuilder::with_courses(courses);
        let list = match pool {
            None => {
                let horizon = on + chrono::Days::new(u64::from(policy.schedule_days));
                // many entries share a day: the last one read is kept
                let mut last_day: Option<(String, Date)> = None;
                for item in self.store.scan_raw(keys::DUE.as_bytes()) {
                    let (key, value) = item?;
                    // `due/<day>/<employee>/<course>`, read in place: ids and course codes
                    // hold no `/` or `%`, so their key segments are themselves
                    let Some(rest) = key.strip_prefix(keys::DUE.as_bytes()) else { continue };
                    let mut parts = std::str::from_utf8(rest).unwrap_or_default().splitn(3, '/');
                    let (Some(day), Some(employee), Some(course)) =
                        (parts.next(), parts.next(), parts.next())
                    else {
                        continue;
                    };
                    let due = match &last_day {
                        Some((text, date)) if text == day => *date,
                        _ => {
                            let Ok(date) = day.parse::<Date>() else { continue };
                            last_day = Some((day.to_string(), date));
                            date
                        }
                    };
                    if due > horizon {
                        break;
                    }
                    let entry: DueEntryRef = codec::decode_borrowed(&value).map_err(|err| {
                        ServiceError::store(crate::domain::msg::Msg::StoreFailed {
                            detail: format!("{}: {err}", keys::display(&key)),
                        })
                    })?;
                    let progress = entry.progress(due);
                    let Some(standing) = late(judge(progress)) else { continue };
                    let Some(head) = entry.person.filter(|h| op.covers_department(h.department)) else {
                        continue;
                    };
                    let person = match list.person(employee) {
                        Some(at) => at,
                        None => {
                            let Ok(id) = EmployeeId::parse(employee) else { continue };
                            self.manager_of(&mut list, head.department)?;
                            list.add_person(id, head.name, head.department, head.section)
                        }
                    };
                    let course = list.course(course);
                    list.push(row(person, course, progress, standing));
                }
                list.finish_in_order()
            }
            Some(pool) => {
                for item in self.store.scan::<Member>(&keys::members_of(pool), None) {
                    let (_, m) = item?;
                    if !matches!(
                        m.state,
                        MemberState::Nominated | MemberState::Admitted | MemberState::Appointed
                    ) {
                        continue;
                    }
                    let Some(p) =
                        self.store.get::<Employee>(&keys::employee(m.employee_id.as_str()))?.filter(|p| {
                            p.status == EmploymentStatus::Active && op.covers_department(&p.department)
                        })
                    else {
                        continue;
                    };
                    let mut person = None;
                    for item in self.store.scan::<Enrollment>(&keys::enrollments_of(p.id.as_str()), None) {
                        let (_, e) = item?;
                        if e.completed_on.is_some() {
                            continue;
                        }
                        let progress = Progress {
                            due: e.due,
                            hours_done: e.hours_done,
                            hours_required: e.hours_required,
                        };
                        let Some(standing) = late(judge(progress)) else { continue };
                        let at = match person {
                            Some(at) => at,
                            None => {
                                self.manager_of(&mut list, &p.department)?;
                                *person.insert(list.add_person(
                                    p.id.clone(),
                                    &p.name,
                                    &p.department,
                                    &p.section,
                                ))
                            }
                        };
                        let course = list.course(&e.course_code);
                        list.push(row(at, course, progress, standing));
                    }
                }
                list.finish()
            }
        };
        Ok(Answer::Reminders(list))
    }

    /// Records the department's first active manager, once per department.
    fn manager_of(&self, list: &mut RemindersBuilder, department: &str) -> ServiceResult<()> {
        if !list.knows_manager_of(department) {
            list.set_manager_of(department, first_manager(&self.store, department)?);
        }
        Ok(())
    }
}

fn first_manager(store: &Store, department: &str) -> ServiceResult<Option<LateManager>> {
    let first = store.scan::<String>(&keys::managers_of(department), None).next().transpose()?;
    Ok(first.map(|(key, name)| LateManager {
        name,
        employee_id: keys::segments(&key, keys::MANAGER).and_then(|s| s.get(1)?.parse().ok()),
    }))
}

/// Days overdue and whether only behind schedule, for a late course.
fn late(standing: Standing) -> Option<(i64, bool)> {
    match standing {
        Standing::Overdue { days } => Some((days, false)),
        Standing::AtRisk { .. } => Some((0, true)),
        Standing::Done | Standing::OnTrack => None,
    }
}

fn row(person: u32, course: u32, p: Progress, (days_overdue, at_risk): (i64, bool)) -> LateRow {
    LateRow {
        person,
        course,
        due: p.due,
        days_overdue,
        at_risk,
        hours_done: p.hours_done,
        hours_left: (p.hours_required - p.hours_done).max(0.0),
    }
}
