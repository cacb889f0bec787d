//! Queries shaped for the TUI's panels: pool tables, member figures, screening.

use super::engine::Engine;
use super::query::{Answer, Candidate, MemberMetrics, MemberRow, QueueRow};
use super::{ServiceError, ServiceResult};
use crate::domain::access::{Operator, Role};
use crate::domain::assessment::{Evaluation, EvaluationKind};
use crate::domain::eligibility;
use crate::domain::org::{Employee, EmployeeId};
use crate::domain::pool::{Member, Pool};
use crate::domain::readiness::{evaluate, is_ranked, Context, MemberFacts};
use crate::domain::reflection::{Reflection, ReflectionState};
use crate::domain::training::Enrollment;
use crate::domain::Date;
use crate::store::keys;

impl Engine {
    pub(super) fn members(&self, op: &Operator, pool: u32) -> ServiceResult<Answer> {
        if self.store.get::<Pool>(&keys::pool(pool))?.is_none() {
            return Err(ServiceError::not_found(crate::domain::msg::Msg::NoPool { id: pool }));
        }
        let members: Vec<Member> = self
            .store
            .scan::<Member>(&keys::members_of(pool), None)
            .map(|r| r.map(|(_, m)| m))
            .collect::<Result<_, _>>()?;
        // Two workers: looking up thousands of employees is most of the first frame.
        let parts = crate::domain::halves::in_two_halves(&members, |chunk| self.member_rows(op, chunk));
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

    pub(super) fn member_metrics(
        &self,
        op: &Operator,
        ids: &[EmployeeId],
        pool: Option<u32>,
        on: Date,
    ) -> ServiceResult<Answer> {
        let policy = self.policy()?;
        let stages = policy.reflection.stages;
        let readiness = match pool {
            Some(id) => match self.store.get::<Pool>(&keys::pool(id))? {
                Some(p) => Some((p, self.courses()?)),
                None => None,
            },
            None => None,
        };
        let mut out = Vec::with_capacity(ids.len());
        for id in ids.iter().take(500) {
            if op.role == Role::Manager {
                super::authz::require_department_of(op, &self.store, id, "read_figures")?;
            }
            let mut m = MemberMetrics {
                employee_id: id.clone(),
                courses_enrolled: 0,
                courses_completed: 0,
                reflections_submitted: 0,
                reflections_accepted: 0,
                stage_scores: Vec::new(),
                overall_360: None,
                points: self.store.get::<i64>(&keys::balance(id))?.unwrap_or(0),
                level: None,
            };
            if let Some((pool, courses)) = &readiness {
                if let Some(f) = self.store.get::<MemberFacts>(&keys::readiness_facts(pool.id, id))? {
                    if is_ranked(f.state) {
                        let cx = Context {
                            policy: &policy,
                            courses,
                            min_tenure_years: pool.rules.min_tenure_years,
                            on,
                        };
                        m.level = Some(evaluate(&f, &cx).level);
                    }
                }
            }
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
            for stage in 1..=stages {
                let mut accepted = None;
                if let Some(rid) = self.store.get::<u64>(&keys::reflection_index(id, stage))? {
                    if let Some(r) = self.store.get::<Reflection>(&keys::reflection(rid))? {
                        m.reflections_submitted += 1;
                        if r.state == ReflectionState::Accepted {
                            m.reflections_accepted += 1;
                            accepted = r.latest().review.as_ref().map(|x| x.score);
                        }
                    }
                }
                m.stage_scores.push(accepted);
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
            .ok_or_else(|| ServiceError::not_found(crate::domain::msg::Msg::NoPool { id: pool }))?;
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

    pub(super) fn queue(
        &self,
        op: &Operator,
        state: Option<ReflectionState>,
        department: Option<String>,
        after: Option<String>,
        limit: usize,
    ) -> ServiceResult<Answer> {
        let by_queue = state == Some(ReflectionState::Pending);
        // a manager's queue, or one department's, reads that department's index only
        let department = match (&op.role, &op.department) {
            (Role::Manager, Some(own)) => match department {
                Some(d) if &d != own => return Ok(Answer::Queue { rows: vec![], next: None }),
                _ => Some(own.clone()),
            },
            _ => department,
        };
        let prefix: Vec<u8> = match (&department, by_queue) {
            (Some(d), true) => keys::pending_of_department(d),
            (_, true) => keys::PENDING_REFLECTION.as_bytes().to_vec(),
            (_, false) => keys::REFLECTION.as_bytes().to_vec(),
        };
        let mut rows = Vec::new();
        let mut next = None;
        for item in self.store.scan_raw_from(&prefix, after.as_deref().map(str::as_bytes)) {
            let (key, value) = item?;
            let id = if by_queue {
                let k = keys::display(&key);
                k.rsplit('/').next().and_then(|s| s.parse::<u64>().ok()).unwrap_or(0)
            } else {
                0
            };
            let r: Reflection = if by_queue {
                match self.store.get::<Reflection>(&keys::reflection(id))? {
                    Some(r) => r,
                    None => continue,
                }
            } else {
                crate::store::codec::decode(&value).map_err(|e| ServiceError::store(e.to_string()))?
            };
            if state.is_some_and(|s| s != r.state) {
                continue;
            }
            let Some(e) = self.store.get::<Employee>(&keys::employee(&r.employee_id))? else { continue };
            if !op.covers_department(&e.department) || department.as_ref().is_some_and(|d| d != &e.department)
            {
                continue;
            }
            if rows.len() == limit {
                break;
            }
            next = Some(keys::display(&key));
            let latest = r.latest();
            rows.push(QueueRow {
                id: r.id,
                employee_id: r.employee_id.clone(),
                name: e.name,
                department: e.department,
                stage: r.stage,
                version: r.versions.len() as u32,
                state: r.state,
                submitted_at: latest.submitted_at,
                score: r.versions.iter().rev().find_map(|v| v.review.as_ref().map(|x| x.score)),
            });
        }
        let next = if rows.len() == limit { next } else { None };
        Ok(Answer::Queue { rows, next })
    }

    pub(super) fn submission_rate(&self, op: &Operator, pool: u32) -> ServiceResult<Answer> {
        let stages = self.policy()?.reflection.stages;
        let mut live = 0u32;
        let mut submitted = 0u32;
        let mut opened = 0u8;
        for item in self.store.scan::<Member>(&keys::members_of(pool), None) {
            let (_, m) = item?;
            if !matches!(
                m.state,
                crate::domain::pool::MemberState::Admitted | crate::domain::pool::MemberState::Appointed
            ) {
                continue;
            }
            if op.role == Role::Manager
                && super::authz::require_department_of(op, &self.store, &m.employee_id, "read_person")
                    .is_err()
            {
                continue;
            }
            live += 1;
            for stage in 1..=stages {
                if self.store.contains(&keys::reflection_index(&m.employee_id, stage))? {
                    submitted += 1;
                    opened = opened.max(stage);
                }
            }
        }
        Ok(Answer::SubmissionRate { submitted, expected: live * u32::from(opened) })
    }
}
