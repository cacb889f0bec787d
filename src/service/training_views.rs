//! Training reads: per-person enrollments, per-course figures of a pool, and reminders:
//! every unfinished course of an active employee that is overdue or behind its
//! straight-line schedule, with the department manager to copy. One pass over the
//! employees and one over the enrollments.

use std::collections::HashMap;

use super::engine::Engine;
use super::query::{Answer, CourseStat, EnrollmentView, Reminder};
use super::{ServiceError, ServiceResult};
use crate::domain::access::Operator;
use crate::domain::org::{Employee, EmploymentStatus};
use crate::domain::pool::{Member, MemberState};
use crate::domain::training::{Course, Enrollment, Standing};
use crate::domain::Date;
use crate::store::keys;

impl Engine {
    /// Every unfinished course of an active employee that is overdue or behind schedule,
    /// most overdue first. Reads the due-date index up to the last day that can matter
    /// (today plus the schedule window), not every enrollment.
    pub(super) fn remind(&self, op: &Operator, on: Date) -> ServiceResult<Answer> {
        let policy = self.policy()?.training;
        let horizon = on + chrono::Days::new(u64::from(policy.schedule_days));
        let titles: HashMap<String, String> = self
            .store
            .scan::<Course>(keys::COURSE.as_bytes(), None)
            .map(|r| r.map(|(_, c)| (c.code, c.title)))
            .collect::<Result<_, _>>()?;
        let mut people: HashMap<String, Option<(String, String, String)>> = HashMap::new();
        let mut managers: HashMap<String, Option<(String, Option<crate::domain::org::EmployeeId>)>> =
            HashMap::new();
        let mut out = Vec::new();
        for item in self.store.scan_raw(keys::DUE.as_bytes()) {
            let (key, value) = item?;
            let Some(parts) = keys::segments(&key, keys::DUE) else { continue };
            let [day, employee, _course] = parts.as_slice() else { continue };
            let Ok(day) = day.parse::<Date>() else { continue };
            if day > horizon {
                break;
            }
            let e: Enrollment = crate::store::codec::decode(&value).map_err(|err| {
                ServiceError::store(crate::domain::msg::Msg::StoreFailed {
                    detail: format!("{}: {err}", keys::display(&key)),
                })
            })?;
            let (days_overdue, at_risk) =
                match e.standing(on, policy.schedule_days, policy.at_risk_margin_pct) {
                    Standing::Overdue { days } => (days, false),
                    Standing::AtRisk { .. } => (0, true),
                    Standing::Done | Standing::OnTrack => continue,
                };
            if !people.contains_key(employee.as_str()) {
                let person = self
                    .store
                    .get::<Employee>(&keys::employee(employee))?
                    .filter(|p| p.status == EmploymentStatus::Active && op.covers_department(&p.department))
                    .map(|p| (p.name, p.department, p.section));
                people.insert(employee.clone(), person);
            }
            let Some(Some((name, department, section))) = people.get(employee.as_str()) else { continue };
            if !managers.contains_key(department.as_str()) {
                let first =
                    self.store.scan::<String>(&keys::managers_of(department), None).next().transpose()?.map(
                        |(key, name)| {
                            let id = keys::segments(&key, keys::MANAGER).and_then(|s| {
                                s.get(1).and_then(|id| id.parse::<crate::domain::org::EmployeeId>().ok())
                            });
                            (name, id)
                        },
                    );
                managers.insert(department.clone(), first);
            }
            out.push(Reminder {
                manager: managers.get(department.as_str()).cloned().flatten().map(|m| m.0),
                manager_id: managers.get(department.as_str()).cloned().flatten().and_then(|m| m.1),
                name: name.clone(),
                department: department.clone(),
                section: section.clone(),
                title: titles.get(&e.course_code).cloned().unwrap_or_default(),
                hours_left: e.hours_left(),
                hours_done: e.hours_done,
                employee_id: e.employee_id,
                course: e.course_code,
                due: e.due,
                days_overdue,
                at_risk,
            });
        }
        out.sort_by(|a, b| {
            b.days_overdue.cmp(&a.days_overdue).then_with(|| a.employee_id.cmp(&b.employee_id))
        });
        Ok(Answer::Reminders(out))
    }

    pub(super) fn enrollments(&self, op: &Operator, employee_id: &str) -> ServiceResult<Answer> {
        if op.role == crate::domain::access::Role::Manager {
            super::authz::require_department_of(op, &self.store, employee_id, "read_person")?;
        }
        let mut out = Vec::new();
        for item in self.store.scan::<Enrollment>(&keys::enrollments_of(employee_id), None) {
            let (_, enrollment) = item?;
            if let Some(course) = self.store.get::<Course>(&keys::course(&enrollment.course_code))? {
                out.push(EnrollmentView { enrollment, course });
            }
        }
        Ok(Answer::Enrollments(out))
    }

    /// Walks the pool's members' enrollments once: read at idle time by the UI.
    pub(super) fn course_stats(&self, op: &Operator, pool: u32, on: Date) -> ServiceResult<Answer> {
        let mut stats: HashMap<String, (u32, u32, u32, f32, u32)> = HashMap::new();
        let (mut trained, mut members) = (0, 0);
        for item in self.store.scan::<Member>(&keys::members_of(pool), None) {
            let (_, m) = item?;
            if !matches!(m.state, MemberState::Admitted | MemberState::Appointed) {
                continue;
            }
            if op.role == crate::domain::access::Role::Manager
                && super::authz::require_department_of(op, &self.store, &m.employee_id, "read_person")
                    .is_err()
            {
                continue;
            }
            members += 1;
            let mut any_done = false;
            for item in self.store.scan::<Enrollment>(&keys::enrollments_of(&m.employee_id), None) {
                let (_, e) = item?;
                let s = stats.entry(e.course_code.clone()).or_default();
                s.0 += 1;
                if e.completed_on.is_some() {
                    s.1 += 1;
                    any_done = true;
                }
                s.2 += u32::from(e.days_overdue(on).is_some());
                if let Some(best) = e.best_score() {
                    s.3 += f32::from(best);
                    s.4 += 1;
                }
            }
            trained += u32::from(any_done);
        }
        let mut courses = Vec::new();
        for item in self.store.scan::<Course>(keys::COURSE.as_bytes(), None) {
            let (_, course) = item?;
            let (enrolled, completed, overdue, sum, n) = stats.get(&course.code).copied().unwrap_or_default();
            courses.push(CourseStat {
                course,
                enrolled,
                completed,
                overdue,
                average_exam: (n > 0).then(|| sum / n as f32),
            });
        }
        courses.sort_by(|a, b| b.enrolled.cmp(&a.enrolled).then_with(|| a.course.code.cmp(&b.course.code)));
        Ok(Answer::CourseStats { courses, trained, members })
    }
}
