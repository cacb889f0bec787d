//! Queries shaped for the TUI's panels: pool tables, member figures, screening.

use super::engine::Engine;
use super::query::{Answer, Candidate, MemberMetrics, MemberRow};
use super::{ServiceError, ServiceResult};
use crate::domain::access::{Operator, Role};
use crate::domain::assessment::{Evaluation, EvaluationKind};
use crate::domain::eligibility;
use crate::domain::org::Employee;
use crate::domain::pool::{Member, Pool};
use crate::domain::reflection::{Reflection, ReflectionState};
use crate::domain::training::Enrollment;
use crate::domain::Date;
use crate::store::keys;

impl Engine {
    pub(super) fn members(&self, op: &Operator, pool: u32) -> ServiceResult<Answer> {
        if self.store.get::<Pool>(&keys::pool(pool))?.is_none() {
            return Err(ServiceError::NotFound(format!("no pool {pool}")));
        }
        let members: Vec<Member> = self
            .store
            .scan::<Member>(&keys::members_of(pool), None)
            .map(|r| r.map(|(_, m)| m))
            .collect::<Result<_, _>>()?;
        // Two workers: looking up thousands of employees is most of the first frame.
        let half = members.len().div_ceil(2).max(1);
        let parts: Vec<ServiceResult<Vec<MemberRow>>> = std::thread::scope(|scope| {
            let workers: Vec<_> =
                members.chunks(half).map(|chunk| scope.spawn(move || self.member_rows(op, chunk))).collect();
            workers.into_iter().map(|w| w.join().expect("member lookup worker")).collect()
        });
        let mut rows = Vec::with_capacity(members.len());
        for part in parts {
            rows.extend(part?);
        }
        Ok(Answer::Members(rows))
    }

    fn member_rows(&self, op: &Operator, members: &[Member]) -> ServiceResult<Vec<MemberRow>> {
        let mut rows = Vec::with_capacity(members.len());
        for member in members {
            let Some(e) = self.store.get::<Employee>(&keys::employee(&member.employee_id))? else {
                continue;
            };
            if !op.covers_department(&e.department) {
                continue;
            }
            rows.push(MemberRow {
                grades: e.recent_grades(3),
                member: member.clone(),
                name: e.name,
                department: e.department,
                section: e.section,
                rank: e.rank,
                hire_date: e.hire_date,
                status: e.status,
            });
        }
        Ok(rows)
    }

    pub(super) fn member_metrics(&self, op: &Operator, ids: &[String]) -> ServiceResult<Answer> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids.iter().take(500) {
            if op.role == Role::Manager {
                super::authz::require_department_of(op, self, id, "read the figures")?;
            }
            let mut m = MemberMetrics {
                employee_id: id.clone(),
                courses_enrolled: 0,
                courses_completed: 0,
                reflections_submitted: 0,
                reflections_accepted: 0,
                overall_360: None,
                points: self.store.get::<i64>(&keys::balance(id))?.unwrap_or(0),
            };
            for item in self.store.scan::<Enrollment>(&keys::enrollments_of(id), None) {
                let (_, e) = item?;
                m.courses_enrolled += 1;
                m.courses_completed += u32::from(e.completed_on.is_some());
            }
            let evaluations: Vec<Evaluation> = self
                .store
                .scan::<Evaluation>(&keys::evaluations_of(id), None)
                .map(|r| r.map(|(_, e)| e))
                .collect::<Result<_, _>>()?;
            let latest = evaluations
                .iter()
                .filter(|e| matches!(e.kind, EvaluationKind::ThreeSixty { .. }))
                .map(|e| e.year)
                .max();
            m.overall_360 = latest.and_then(|y| crate::domain::assessment::overall_360(&evaluations, y));
            let policy = self.policy()?;
            for stage in 1..=policy.reflection.stages {
                if let Some(rid) = self.store.get::<u64>(&keys::reflection_index(id, stage))? {
                    if let Some(r) = self.store.get::<Reflection>(&keys::reflection(rid))? {
                        m.reflections_submitted += 1;
                        m.reflections_accepted += u32::from(r.state == ReflectionState::Accepted);
                    }
                }
            }
            out.push(m);
        }
        Ok(Answer::MemberMetrics(out))
    }

    /// Walks every employee once: an explicit action, never on the keystroke path.
    pub(super) fn screen(&self, op: &Operator, pool: u32, on: Date) -> ServiceResult<Answer> {
        let pool = self
            .store
            .get::<Pool>(&keys::pool(pool))?
            .ok_or_else(|| ServiceError::NotFound(format!("no pool {pool}")))?;
        let mut out = Vec::new();
        for item in self.store.scan::<Employee>(keys::EMPLOYEE.as_bytes(), None) {
            let (_, e) = item?;
            if !op.covers_department(&e.department) || self.store.contains(&keys::member(pool.id, &e.id))? {
                continue;
            }
            let checks = eligibility::screen(&e, pool.target_rank, &pool.rules, on);
            if eligibility::is_eligible(&checks) {
                out.push(Candidate {
                    employee_id: e.id,
                    name: e.name,
                    department: e.department,
                    section: e.section,
                    rank: e.rank,
                    checks,
                });
            }
        }
        Ok(Answer::Candidates(out))
    }
}
