//! Training reads: per-person enrollments and per-course figures of a pool.

use std::collections::HashMap;

use super::engine::Engine;
use super::query::{Answer, CourseStat, EnrollmentView};
use super::ServiceResult;
use crate::domain::access::Operator;
use crate::domain::pool::{Member, MemberState};
use crate::domain::training::{Course, Enrollment};
use crate::domain::Date;
use crate::store::keys;

impl Engine {
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
