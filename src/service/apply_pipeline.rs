//! Single-record pipeline commands: pools and members, reflections and reviews, points,
//! vacancies and appointments.

use super::command::{Command, Grant, GrantKind};
use super::engine::{Applied, Engine};
use super::points::Stamp;
use super::{authz, points, ServiceError, ServiceResult};
use crate::domain::access::Operator;
use crate::domain::org::{Employee, EmploymentStatus};
use crate::domain::policy::Policy;
use crate::domain::pool::{Member, MemberState, Pool};
use crate::domain::reflection::{Reflection, ReflectionState, ReflectionVersion};
use crate::domain::training::{PointsCause, PointsEvent};
use crate::domain::vacancy::{Appointment, Vacancy, VacancyStatus};
use crate::domain::Timestamp;
use crate::store::{keys, Tx};

fn not_found(what: String) -> ServiceError {
    ServiceError::not_found(what)
}

impl Engine {
    pub(super) fn apply_pipeline(
        &self,
        tx: &mut Tx,
        command: Command,
        op: &Operator,
        at: Timestamp,
    ) -> ServiceResult<Applied> {
        let policy = self.policy()?;
        match command {
            Command::CreatePool { name, year, target_rank } => {
                if name.trim().is_empty() {
                    return Err(ServiceError::invalid("a pool needs a name"));
                }
                let id = tx.next_seq("pool")? as u32;
                let pool = Pool {
                    id,
                    name: name.trim().to_string(),
                    year,
                    target_rank,
                    rules: policy.eligibility.for_rank(target_rank).clone(),
                };
                tx.put(&keys::pool(id), &pool)?;
                Ok(Applied {
                    created: Some(u64::from(id)),
                    ..Applied::summary(format!("pool {id} '{}' created", pool.name))
                })
            }
            Command::Nominate { pool_id, employee_ids, reason } => {
                self.pool(tx, pool_id)?;
                for id in &employee_ids {
                    let employee = self.employee(tx, id)?;
                    if employee.status == EmploymentStatus::Left {
                        return Err(ServiceError::invalid(format!("{id} has left the company")));
                    }
                    let key = keys::member(pool_id, id);
                    if let Some(m) = tx.get::<Member>(&key)? {
                        return Err(ServiceError::invalid(format!(
                            "{id} is already in pool {pool_id} ({})",
                            m.state.code()
                        )));
                    }
                    tx.put(
                        &key,
                        &Member::nominate(pool_id, id.clone(), reason.clone(), op.user.clone(), at),
                    )?;
                }
                Ok(Applied::summary(format!("nominated {} to pool {pool_id}", employee_ids.join(", "))))
            }
            Command::TransitionMember { pool_id, employee_id, to, reason } => {
                if to == MemberState::Appointed {
                    return Err(ServiceError::invalid("appointment goes through `appoint` with a vacancy"));
                }
                let key = keys::member(pool_id, &employee_id);
                let mut member = tx
                    .get::<Member>(&key)?
                    .ok_or_else(|| not_found(format!("{employee_id} is not in pool {pool_id}")))?;
                member.transition(to, &reason, &op.user, at)?;
                tx.put(&key, &member)?;
                if to == MemberState::Admitted {
                    super::apply_training::enroll_in_plan(tx, pool_id, &employee_id)?;
                }
                Ok(Applied::summary(format!("{employee_id} in pool {pool_id}: {}", to.code())))
            }
            Command::MarkLeft { employee_id, on } => self.mark_left(tx, &employee_id, on, op, at),
            Command::SubmitReflection { employee_id, stage, title, body } => {
                self.employee(tx, &employee_id)?;
                if stage == 0 || stage > policy.reflection.stages {
                    return Err(ServiceError::invalid(format!(
                        "stage {stage} is outside 1–{}",
                        policy.reflection.stages
                    )));
                }
                if body.trim().is_empty() {
                    return Err(ServiceError::invalid("the reflection text is empty"));
                }
                let index = keys::reflection_index(&employee_id, stage);
                if let Some(id) = tx.get::<u64>(&index)? {
                    return Err(ServiceError::invalid(format!(
                        "{employee_id} already has reflection {id} for stage {stage}; a rewrite goes through resubmit"
                    )));
                }
                let id = tx.next_seq("reflection")?;
                let reflection = Reflection {
                    id,
                    employee_id: employee_id.clone(),
                    stage,
                    versions: vec![ReflectionVersion { title, body, submitted_at: at, review: None }],
                    state: ReflectionState::Pending,
                    replies: vec![],
                };
                tx.put(&index, &id)?;
                tx.put(&keys::reflection(id), &reflection)?;
                super::index::sync_pending(tx, None, &reflection)?;
                Ok(Applied {
                    created: Some(id),
                    ..Applied::summary(format!("reflection {id} of {employee_id}, stage {stage}, submitted"))
                })
            }
            Command::ReviewReflection { id, score, comment, decision } => {
                let key = keys::reflection(id);
                let mut r =
                    tx.get::<Reflection>(&key)?.ok_or_else(|| not_found(format!("no reflection {id}")))?;
                authz::require_department_of(op, self, &r.employee_id, "review reflections")?;
                let before = r.clone();
                r.review(score, &comment, decision, policy.reflection.pass_score, &op.user, at)?;
                tx.put(&key, &r)?;
                super::index::sync_pending(tx, Some(&before), &r)?;
                if r.state == ReflectionState::Accepted && !self.reflection_points_given(tx, &r)? {
                    points::append(
                        tx,
                        Stamp { operator: &op.user, at, audited: true },
                        &r.employee_id,
                        policy.points.reflection_shared as i32,
                        PointsCause::ReflectionShared { reflection: id },
                        format!("心得第{}阶段通过", r.stage),
                    )?;
                }
                Ok(Applied::summary(format!(
                    "reflection {id} of {}: {score}, {}",
                    r.employee_id,
                    r.state.code()
                )))
            }
            Command::ResubmitReflection { id, title, body } => {
                let key = keys::reflection(id);
                let mut r =
                    tx.get::<Reflection>(&key)?.ok_or_else(|| not_found(format!("no reflection {id}")))?;
                let before = r.clone();
                r.resubmit(title, body, at)?;
                tx.put(&key, &r)?;
                super::index::sync_pending(tx, Some(&before), &r)?;
                Ok(Applied::summary(format!("reflection {id} rewritten: version {}", r.versions.len())))
            }
            Command::Reply { id, text } => {
                let key = keys::reflection(id);
                let mut r =
                    tx.get::<Reflection>(&key)?.ok_or_else(|| not_found(format!("no reflection {id}")))?;
                if text.trim().is_empty() {
                    return Err(ServiceError::invalid("a reply needs text"));
                }
                if r.versions.iter().all(|v| v.review.is_none()) {
                    return Err(ServiceError::invalid(format!("reflection {id} has no review to reply to")));
                }
                r.replies.push(crate::domain::reflection::Reply {
                    version: r.versions.len() as u32,
                    author: op.user.clone(),
                    text: text.trim().to_string(),
                    at,
                });
                tx.put(&key, &r)?;
                Ok(Applied::summary(format!("reply on reflection {id}")))
            }
            Command::GrantPoints(grant) => {
                self.employee(tx, &grant.employee_id)?;
                let seq = self.grant(tx, &policy, &grant, op, at, true)?;
                Ok(Applied {
                    created: Some(seq),
                    ..Applied::summary(format!("points granted to {}: {}", grant.employee_id, grant.reason))
                })
            }
            Command::ReversePoints { employee_id, seq, reason } => {
                if reason.trim().is_empty() {
                    return Err(ServiceError::invalid("a reversal needs a reason"));
                }
                let original = tx
                    .get::<PointsEvent>(&keys::points(&employee_id, seq))?
                    .ok_or_else(|| not_found(format!("{employee_id} has no points entry {seq}")))?;
                if matches!(original.cause, PointsCause::Reversal { .. }) {
                    return Err(ServiceError::invalid(format!("entry {seq} is itself a reversal")));
                }
                let already = tx
                    .store()
                    .scan::<PointsEvent>(&keys::points_of(&employee_id), None)
                    .filter_map(Result::ok)
                    .any(|(_, e)| e.cause == PointsCause::Reversal { of: seq });
                if already {
                    return Err(ServiceError::invalid(format!("entry {seq} was already reversed")));
                }
                let new_seq = points::append(
                    tx,
                    Stamp { operator: &op.user, at, audited: true },
                    &employee_id,
                    -original.points,
                    PointsCause::Reversal { of: seq },
                    reason,
                )?;
                Ok(Applied {
                    created: Some(new_seq),
                    ..Applied::summary(format!("points entry {seq} of {employee_id} reversed"))
                })
            }
            Command::Redeem { employee_id, kind } => {
                self.employee(tx, &employee_id)?;
                points::redeem(
                    tx,
                    &policy.points,
                    Stamp { operator: &op.user, at, audited: true },
                    &employee_id,
                    kind,
                )?;
                Ok(Applied::summary(format!("{employee_id} redeemed {}", kind.code())))
            }
            Command::AddVacancy(mut vacancy) => {
                vacancy.id = tx.next_seq("vacancy")? as u32;
                vacancy.status = if vacancy.status == VacancyStatus::Filled {
                    VacancyStatus::Open
                } else {
                    vacancy.status
                };
                tx.put(&keys::vacancy(vacancy.id), &vacancy)?;
                Ok(Applied {
                    created: Some(u64::from(vacancy.id)),
                    ..Applied::summary(format!(
                        "vacancy {} in {} / {}",
                        vacancy.id, vacancy.department, vacancy.section
                    ))
                })
            }
            Command::Appoint { vacancy_id, pool_id, employee_id } => {
                let vkey = keys::vacancy(vacancy_id);
                let mut vacancy =
                    tx.get::<Vacancy>(&vkey)?.ok_or_else(|| not_found(format!("no vacancy {vacancy_id}")))?;
                if vacancy.status == VacancyStatus::Filled {
                    return Err(ServiceError::invalid(format!("vacancy {vacancy_id} is already filled")));
                }
                let mkey = keys::member(pool_id, &employee_id);
                let mut member = tx
                    .get::<Member>(&mkey)?
                    .ok_or_else(|| not_found(format!("{employee_id} is not in pool {pool_id}")))?;
                member.transition(MemberState::Appointed, &format!("vacancy {vacancy_id}"), &op.user, at)?;
                let mut employee = self.employee(tx, &employee_id)?;
                employee.rank = vacancy.rank;
                employee.department = vacancy.department.clone();
                employee.section = vacancy.section.clone();
                vacancy.status = VacancyStatus::Filled;
                tx.put(&mkey, &member)?;
                tx.put(&keys::employee(&employee_id), &employee)?;
                tx.put(&vkey, &vacancy)?;
                tx.put(
                    &keys::appointment(vacancy_id),
                    &Appointment {
                        vacancy_id,
                        employee_id: employee_id.clone(),
                        pool_id,
                        operator: op.user.clone(),
                        at,
                    },
                )?;
                Ok(Applied::summary(format!("{employee_id} appointed to vacancy {vacancy_id}")))
            }
            other => Err(ServiceError::invalid(format!("{} is not a pipeline command", other.name()))),
        }
    }

    fn pool(&self, tx: &Tx, id: u32) -> ServiceResult<Pool> {
        tx.get::<Pool>(&keys::pool(id))?.ok_or_else(|| not_found(format!("no pool {id}")))
    }

    fn employee(&self, tx: &Tx, id: &str) -> ServiceResult<Employee> {
        tx.get::<Employee>(&keys::employee(id))?.ok_or_else(|| not_found(format!("no employee {id}")))
    }

    fn reflection_points_given(&self, tx: &Tx, r: &Reflection) -> ServiceResult<bool> {
        Ok(tx
            .store()
            .scan::<PointsEvent>(&keys::points_of(&r.employee_id), None)
            .filter_map(Result::ok)
            .any(|(_, e)| e.cause == PointsCause::ReflectionShared { reflection: r.id }))
    }

    fn mark_left(
        &self,
        tx: &mut Tx,
        id: &str,
        on: crate::domain::Date,
        op: &Operator,
        at: Timestamp,
    ) -> ServiceResult<Applied> {
        let mut employee = self.employee(tx, id)?;
        if employee.status == EmploymentStatus::Left {
            return Err(ServiceError::invalid(format!("{id} has already left")));
        }
        employee.status = EmploymentStatus::Left;
        tx.put(&keys::employee(id), &employee)?;
        let mut moved = 0;
        let pools: Vec<Pool> = tx
            .store()
            .scan::<Pool>(keys::POOL.as_bytes(), None)
            .filter_map(Result::ok)
            .map(|(_, p)| p)
            .collect();
        for pool in pools {
            let key = keys::member(pool.id, id);
            if let Some(mut m) = tx.get::<Member>(&key)? {
                if !m.state.is_final() {
                    m.transition(MemberState::Left, &format!("离职 {on}"), &op.user, at)?;
                    tx.put(&key, &m)?;
                    moved += 1;
                }
            }
        }
        Ok(Applied::summary(format!("{id} left on {on}; left {moved} pool(s)")))
    }

    /// Appends a grant per the policy's points rules.
    pub(super) fn grant(
        &self,
        tx: &mut Tx,
        policy: &Policy,
        g: &Grant,
        op: &Operator,
        at: Timestamp,
        audited: bool,
    ) -> ServiceResult<u64> {
        if g.reason.trim().is_empty() {
            return Err(ServiceError::invalid("a points grant needs a reason"));
        }
        let (pts, cause) = match g.kind {
            GrantKind::PracticeCase { with_result: false } => {
                (policy.points.practice_case as i32, PointsCause::PracticeCase { with_result: false })
            }
            GrantKind::PracticeCase { with_result: true } => (
                policy.points.practice_case_with_result as i32,
                PointsCause::PracticeCase { with_result: true },
            ),
            GrantKind::Manual { points } => {
                if points == 0 || points.abs() > 1000 {
                    return Err(ServiceError::invalid(format!(
                        "{points} points is not a grant (1–1000, or a negative correction)"
                    )));
                }
                (points, PointsCause::Manual)
            }
        };
        let at = g.on.and_then(|d| d.and_hms_opt(18, 0, 0)).map_or(at, |t| t.and_utc());
        points::append(
            tx,
            Stamp { operator: &op.user, at, audited },
            &g.employee_id,
            pts,
            cause,
            g.reason.clone(),
        )
    }
}
