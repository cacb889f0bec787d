//! Reminders: every unfinished course of an active employee that is overdue or behind its
//! straight-line schedule, with the department manager to copy. One pass over the
//! employees and one over the enrollments.

use std::collections::HashMap;

use super::engine::Engine;
use super::query::{Answer, Reminder};
use super::ServiceResult;
use crate::domain::access::Operator;
use crate::domain::org::{Employee, EmploymentStatus, Rank};
use crate::domain::training::{Course, Enrollment, Standing};
use crate::domain::Date;
use crate::store::keys;

impl Engine {
    pub(super) fn remind(&self, op: &Operator, on: Date) -> ServiceResult<Answer> {
        let policy = self.policy()?.training;
        let mut people: HashMap<String, (String, String, String)> = HashMap::new();
        let mut managers: HashMap<String, String> = HashMap::new();
        for item in self.store.scan::<Employee>(keys::EMPLOYEE.as_bytes(), None) {
            let (_, e) = item?;
            if e.status != EmploymentStatus::Active || !op.covers_department(&e.department) {
                continue;
            }
            if e.rank == Rank::DepartmentManager {
                managers.entry(e.department.clone()).or_insert_with(|| e.name.clone());
            }
            people.insert(e.id, (e.name, e.department, e.section));
        }
        let titles: HashMap<String, String> = self
            .store
            .scan::<Course>(keys::COURSE.as_bytes(), None)
            .map(|r| r.map(|(_, c)| (c.code, c.title)))
            .collect::<Result<_, _>>()?;
        let mut out = Vec::new();
        for item in self.store.scan::<Enrollment>(keys::ENROLLMENT.as_bytes(), None) {
            let (_, e) = item?;
            let (days_overdue, at_risk) =
                match e.standing(on, policy.schedule_days, policy.at_risk_margin_pct) {
                    Standing::Overdue { days } => (days, false),
                    Standing::AtRisk { .. } => (0, true),
                    Standing::Done | Standing::OnTrack => continue,
                };
            let Some((name, department, section)) = people.get(&e.employee_id) else { continue };
            out.push(Reminder {
                manager: managers.get(department).cloned(),
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
}
