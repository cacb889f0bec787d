//! Single-record pipeline commands: pools and members, reflections and reviews, points,
//! vacancies and appointments.

use super::command::{Command, Grant, GrantKind};
use super::engine::{Applied, Engine};
use super::points::Stamp;
use super::{authz, points, ServiceError, ServiceResult};
use crate::domain::access::Operator;
use crate::domain::done::Done;
use crate::domain::msg::{Msg, Who};
use crate::domain::org::{Employee, EmployeeId, EmploymentStatus};
use crate::domain::policy::Policy;
use crate::domain::pool::{Member, MemberState, Pool};
use crate::domain::reflection::{check_submission, Reflection, ReflectionState, ReflectionVersion};
use crate::domain::text::{self, NAME_CHARS, NOTE_CHARS};
use crate::domain::training::{PointsCause, PointsEvent, MAX_EVENT_POINTS};
use crate::domain::vacancy::VacancyStatus;
use crate::domain::Timestamp;
use crate::store::{keys, Tx};

use super::who::who;

/// Refuses a decision about a member whose history moved on since the operator saw it.
pub(super) fn changed_meanwhile(member: &Member, seen: Option<u32>) -> ServiceResult<()> {
    let Some(seen) = seen else { return Ok(()) };
    if member.history.len() as u32 == seen {
        return Ok(());
    }
    let last = member.history.last().expect("a member has a history");
    Err(ServiceError::conflict(Msg::MemberChangedMeanwhile {
        who: who(&member.employee_id),
        operator: last.operator.clone(),
        at: super::engine::stamp(last.at),
        state: member.state,
    }))
}

/// Refuses a review of a reflection someone reviewed, or its author rewrote, meanwhile.
fn reviewed_meanwhile(r: &Reflection, seen: Option<u32>) -> ServiceResult<()> {
    if r.state != ReflectionState::Pending {
        if let Some(review) = r.versions.iter().rev().find_map(|v| v.review.as_ref()) {
            return Err(ServiceError::conflict(Msg::ReviewedMeanwhile {
                who: who(&r.employee_id),
                stage: r.stage,
                reviewer: review.reviewer.clone(),
                at: super::engine::stamp(review.at),
                score: review.score,
                state: r.state,
            }));
        }
    }
    if seen.is_some_and(|n| n != r.versions.len() as u32) {
        return Err(ServiceError::conflict(Msg::RewrittenMeanwhile {
            who: who(&r.employee_id),
            stage: r.stage,
            version: r.versions.len() as u32,
        }));
    }
    Ok(())
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
                let name = name.trim().to_string();
                text::required_line("name", &name, NAME_CHARS)?;
                text::year("year", year)?;
                for item in tx.store().scan::<Pool>(keys::POOL.as_bytes(), None) {
                    let (_, other) = item?;
                    if other.name == name {
                        return Err(ServiceError::invalid(Msg::PoolNameTaken { name, id: other.id }));
                    }
                }
                let id = u32::try_from(tx.next_seq("pool")?).map_err(|_| {
                    ServiceError::invalid(Msg::Internal { what: "pool numbers are exhausted".into() })
                })?;
                let pool = Pool {
                    id,
                    name,
                    year,
                    target_rank,
                    rules: policy.eligibility.for_rank(target_rank).clone(),
                    closed: None,
                };
                tx.put(&keys::pool(id), &pool)?;
                Ok(Applied {
                    created: Some(u64::from(id)),
                    ..Applied::new(Done::PoolCreated { pool: id, name: pool.name })
                })
            }
            Command::RenamePool { pool_id, name } => {
                let mut pool = self.pool(tx, pool_id)?;
                let name = name.trim().to_string();
                text::required_line("name", &name, NAME_CHARS)?;
                for item in tx.store().scan::<Pool>(keys::POOL.as_bytes(), None) {
                    let (_, other) = item?;
                    if other.name == name && other.id != pool_id {
                        return Err(ServiceError::invalid(Msg::PoolNameTaken { name, id: other.id }));
                    }
                }
                let from = std::mem::replace(&mut pool.name, name.clone());
                tx.put(&keys::pool(pool_id), &pool)?;
                Ok(Applied::new(Done::PoolRenamed { pool: pool_id, from, name }))
            }
            Command::ClosePool { pool_id, on } => {
                let mut pool = self.pool(tx, pool_id)?;
                let on = on.unwrap_or_else(|| at.date_naive());
                text::date("on", on)?;
                open_pool(&pool)?;
                pool.closed = Some(on);
                tx.put(&keys::pool(pool_id), &pool)?;
                Ok(Applied::new(Done::PoolClosed { pool: pool_id, name: pool.name, on: on.to_string() }))
            }
            Command::Nominate { pool_id, employee_ids, reason } => {
                open_pool(&self.pool(tx, pool_id)?)?;
                text::text("reason", &reason, NOTE_CHARS)?;
                let mut people = Vec::with_capacity(employee_ids.len());
                for id in &employee_ids {
                    let employee = self.employee(tx, id)?;
                    if employee.status == EmploymentStatus::Left {
                        return Err(ServiceError::invalid(Msg::PersonLeft { who: who(id) }));
                    }
                    let key = keys::member(pool_id, id);
                    if let Some(m) = tx.get::<Member>(&key)? {
                        return Err(ServiceError::invalid(Msg::AlreadyInPool {
                            who: who(id),
                            pool: pool_id,
                            state: m.state,
                        }));
                    }
                    tx.put(
                        &key,
                        &Member::nominate(pool_id, id.clone(), reason.clone(), op.user.clone(), at),
                    )?;
                    people.push(Who::new(id.as_str(), employee.name));
                }
                Ok(Applied::new(Done::Nominated { pool: pool_id, people }))
            }
            Command::TransitionMember { pool_id, employee_id, to, reason, seen } => {
                if to == MemberState::Appointed {
                    return Err(ServiceError::invalid(Msg::AppointThroughVacancy));
                }
                if to == MemberState::Admitted {
                    open_pool(&self.pool(tx, pool_id)?)?;
                }
                let key = keys::member(pool_id, &employee_id);
                let mut member = tx.get::<Member>(&key)?.ok_or_else(|| {
                    ServiceError::not_found(Msg::NotInPool { who: who(&employee_id), pool: pool_id })
                })?;
                changed_meanwhile(&member, seen)?;
                member.transition(to, &reason, &op.user, at)?;
                tx.put(&key, &member)?;
                let enrolled = if to == MemberState::Admitted {
                    super::apply_training::enroll_in_plan(tx, pool_id, &employee_id)?
                } else {
                    0
                };
                Ok(Applied::new(Done::MemberMoved {
                    who: who(&employee_id),
                    pool: pool_id,
                    state: to,
                    enrolled,
                }))
            }
            Command::MarkLeft { employee_id, on } => self.mark_left(tx, &employee_id, on, op, at),
            Command::SubmitReflection { employee_id, stage, title, body } => {
                self.employee(tx, &employee_id)?;
                if stage == 0 || stage > policy.reflection.stages {
                    return Err(ServiceError::invalid(Msg::StageOutOfRange {
                        stage,
                        max: policy.reflection.stages,
                    }));
                }
                check_submission(&title, &body)?;
                let index = keys::reflection_index(&employee_id, stage);
                if let Some(id) = tx.get::<u64>(&index)? {
                    let state = tx
                        .get::<Reflection>(&keys::reflection(id))?
                        .map_or(ReflectionState::Pending, |r| r.state);
                    return Err(ServiceError::invalid(Msg::ReflectionExists {
                        who: who(&employee_id),
                        stage,
                        state,
                    }));
                }
                let id = tx.next_seq("reflection")?;
                let reflection = Reflection {
                    id,
                    employee_id: employee_id.clone(),
                    stage,
                    versions: vec![ReflectionVersion { title, body, submitted_at: at, review: None }],
                    state: ReflectionState::Pending,
                    replies: vec![],
                    reopened: vec![],
                };
                tx.put(&index, &id)?;
                tx.put(&keys::reflection(id), &reflection)?;
                super::index::sync_pending(tx, None, &reflection)?;
                Ok(Applied {
                    created: Some(id),
                    ..Applied::new(Done::ReflectionSubmitted {
                        who: who(&employee_id),
                        stage,
                        reflection: id,
                    })
                })
            }
            Command::ReviewReflection { id, score, comment, decision, seen } => {
                let key = keys::reflection(id);
                let mut r = tx
                    .get::<Reflection>(&key)?
                    .ok_or_else(|| ServiceError::not_found(Msg::NoReflection { id }))?;
                authz::require_department_of(op, &self.store, &r.employee_id, "review_reflections")?;
                reviewed_meanwhile(&r, seen)?;
                let before = r.clone();
                r.review(score, &comment, decision, policy.reflection.pass_score, &op.user, at)?;
                tx.put(&key, &r)?;
                super::index::sync_pending(tx, Some(&before), &r)?;
                let mut granted = 0;
                if r.state == ReflectionState::Accepted && !self.reflection_points_given(tx, &r)? {
                    granted = points::rule_points(policy.points.reflection_shared)?;
                    points::append(
                        tx,
                        Stamp { operator: &op.user, at, audited: true },
                        &r.employee_id,
                        granted,
                        PointsCause::ReflectionShared { reflection: id },
                        format!("心得第{}阶段通过", r.stage),
                    )?;
                }
                Ok(Applied::new(Done::ReflectionReviewed {
                    who: who(&r.employee_id),
                    stage: r.stage,
                    score,
                    state: r.state,
                    points: granted,
                }))
            }
            Command::ResubmitReflection { id, title, body } => {
                let key = keys::reflection(id);
                let mut r = tx
                    .get::<Reflection>(&key)?
                    .ok_or_else(|| ServiceError::not_found(Msg::NoReflection { id }))?;
                let before = r.clone();
                r.resubmit(title, body, at)?;
                tx.put(&key, &r)?;
                super::index::sync_pending(tx, Some(&before), &r)?;
                Ok(Applied::new(Done::ReflectionRewritten {
                    who: who(&r.employee_id),
                    stage: r.stage,
                    version: r.versions.len() as u32,
                }))
            }
            Command::Reply { id, text: words } => {
                let key = keys::reflection(id);
                let mut r = tx
                    .get::<Reflection>(&key)?
                    .ok_or_else(|| ServiceError::not_found(Msg::NoReflection { id }))?;
                if words.trim().is_empty() {
                    return Err(ServiceError::invalid(Msg::FieldEmpty { field: "text".into() }));
                }
                text::text("text", &words, NOTE_CHARS)?;
                if r.versions.iter().all(|v| v.review.is_none()) {
                    return Err(ServiceError::invalid(Msg::NothingToReplyTo {
                        who: who(&r.employee_id),
                        stage: r.stage,
                    }));
                }
                r.replies.push(crate::domain::reflection::Reply {
                    version: r.versions.len() as u32,
                    author: op.user.clone(),
                    text: words.trim().to_string(),
                    at,
                });
                tx.put(&key, &r)?;
                Ok(Applied::new(Done::ReplyRecorded { who: who(&r.employee_id), stage: r.stage }))
            }
            Command::GrantPoints(grant) => {
                self.employee(tx, &grant.employee_id)?;
                let (seq, points) = self.grant(tx, &policy, &grant, op, at, true)?;
                Ok(Applied {
                    created: Some(seq),
                    ..Applied::new(Done::PointsGranted {
                        who: who(&grant.employee_id),
                        points,
                        reason: grant.reason.trim().to_string(),
                    })
                })
            }
            Command::ReversePoints { employee_id, seq, reason } => {
                if reason.trim().is_empty() {
                    return Err(ServiceError::invalid(Msg::FieldEmpty { field: "reason".into() }));
                }
                text::text("reason", &reason, NOTE_CHARS)?;
                let original = tx.get::<PointsEvent>(&keys::points(&employee_id, seq))?.ok_or_else(|| {
                    ServiceError::not_found(Msg::NoLedgerEntry { who: who(&employee_id), seq })
                })?;
                if matches!(original.cause, PointsCause::Reversal { .. }) {
                    return Err(ServiceError::invalid(Msg::EntryIsReversal { seq }));
                }
                let already = tx
                    .store()
                    .scan::<PointsEvent>(&keys::points_of(&employee_id), None)
                    .filter_map(Result::ok)
                    .any(|(_, e)| e.cause == PointsCause::Reversal { of: seq });
                if already {
                    return Err(ServiceError::invalid(Msg::AlreadyReversed { seq }));
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
                    ..Applied::new(Done::PointsReversed { who: who(&employee_id), seq })
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
                Ok(Applied::new(Done::Redeemed { who: who(&employee_id), kind: kind.code().to_string() }))
            }
            Command::AddVacancy(mut vacancy) => {
                text::required_line("department", &vacancy.department, NAME_CHARS)?;
                text::line("section", &vacancy.section, NAME_CHARS)?;
                text::date("opens_on", vacancy.opens_on)?;
                // a post of a department and section that exist, at a rank pools prepare
                let department = tx
                    .get::<crate::domain::org::Department>(&keys::department(&vacancy.department))?
                    .ok_or_else(|| {
                        ServiceError::not_found(Msg::NoDepartment { name: vacancy.department.clone() })
                    })?;
                if !vacancy.section.is_empty() && !department.sections.contains(&vacancy.section) {
                    return Err(ServiceError::not_found(Msg::NoSection {
                        department: vacancy.department.clone(),
                        section: vacancy.section.clone(),
                    }));
                }
                if vacancy.rank == crate::domain::org::Rank::Staff {
                    return Err(ServiceError::invalid(Msg::NotOneOf {
                        field: "rank".into(),
                        value: vacancy.rank.code().into(),
                        allowed: "section_chief / department_manager, 室主任 / 部门经理".into(),
                    }));
                }
                if let Some(due) = vacancy.due {
                    text::date("due", due)?;
                    if due < vacancy.opens_on {
                        return Err(ServiceError::invalid(Msg::DueBeforeOpening {
                            due: due.to_string(),
                            opens: vacancy.opens_on.to_string(),
                        }));
                    }
                }
                vacancy.id = u32::try_from(tx.next_seq("vacancy")?).map_err(|_| {
                    ServiceError::invalid(Msg::Internal { what: "vacancy numbers are exhausted".into() })
                })?;
                if vacancy.status == VacancyStatus::Filled {
                    vacancy.status = VacancyStatus::Open;
                }
                tx.put(&keys::vacancy(vacancy.id), &vacancy)?;
                Ok(Applied {
                    created: Some(u64::from(vacancy.id)),
                    ..Applied::new(Done::VacancyAdded {
                        vacancy: vacancy.id,
                        department: vacancy.department,
                        section: vacancy.section,
                    })
                })
            }
            Command::Appoint { vacancy_id, pool_id, employee_id, seen, reason, on } => {
                self.appoint(tx, (vacancy_id, pool_id, employee_id), seen, &reason, on, op, at)
            }
            Command::ReverseAppointment { vacancy_id, reason } => {
                self.reverse_appointment(tx, vacancy_id, &reason, op, at)
            }
            other => Err(ServiceError::invalid(Msg::Internal {
                what: format!("{} is not a pipeline command", other.name()),
            })),
        }
    }

    pub(super) fn pool(&self, tx: &Tx, id: u32) -> ServiceResult<Pool> {
        tx.get::<Pool>(&keys::pool(id))?.ok_or_else(|| ServiceError::not_found(Msg::NoPool { id }))
    }

    pub(super) fn employee(&self, tx: &Tx, id: &str) -> ServiceResult<Employee> {
        tx.get::<Employee>(&keys::employee(id))?
            .ok_or_else(|| ServiceError::not_found(Msg::NoEmployee { id: id.into() }))
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
        id: &EmployeeId,
        on: crate::domain::Date,
        op: &Operator,
        at: Timestamp,
    ) -> ServiceResult<Applied> {
        text::date("on", on)?;
        let mut employee = self.employee(tx, id)?;
        if employee.status == EmploymentStatus::Left {
            return Err(ServiceError::invalid(Msg::PersonLeft { who: who(id) }));
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
        Ok(Applied::new(Done::MarkedLeft { who: who(id), on: on.to_string(), pools: moved }))
    }

    /// Appends a grant per the policy's points rules; the ledger sequence and the points.
    pub(super) fn grant(
        &self,
        tx: &mut Tx,
        policy: &Policy,
        g: &Grant,
        op: &Operator,
        at: Timestamp,
        audited: bool,
    ) -> ServiceResult<(u64, i32)> {
        if g.reason.trim().is_empty() {
            return Err(ServiceError::invalid(Msg::FieldEmpty { field: "reason".into() }));
        }
        text::text("reason", &g.reason, NOTE_CHARS)?;
        let (pts, cause) = match g.kind {
            GrantKind::PracticeCase { with_result: false } => (
                points::rule_points(policy.points.practice_case)?,
                PointsCause::PracticeCase { with_result: false },
            ),
            GrantKind::PracticeCase { with_result: true } => (
                points::rule_points(policy.points.practice_case_with_result)?,
                PointsCause::PracticeCase { with_result: true },
            ),
            GrantKind::Manual { points } => {
                let max = MAX_EVENT_POINTS as i32;
                if points == 0 || points.unsigned_abs() > MAX_EVENT_POINTS {
                    return Err(ServiceError::invalid(Msg::OutOfRange {
                        field: "points".into(),
                        value: points.to_string(),
                        min: format!("-{max}"),
                        max: max.to_string(),
                    }));
                }
                (points, PointsCause::Manual)
            }
        };
        if let Some(d) = g.on {
            text::date("on", d)?;
        }
        let at = g.on.and_then(|d| d.and_hms_opt(18, 0, 0)).map_or(at, |t| t.and_utc());
        let seq = points::append(
            tx,
            Stamp { operator: &op.user, at, audited },
            &g.employee_id,
            pts,
            cause,
            g.reason.clone(),
        )?;
        Ok((seq, pts))
    }
}

/// Refuses a closed cohort (no nominations or admissions any more).
fn open_pool(pool: &Pool) -> ServiceResult<()> {
    match pool.closed {
        Some(on) => Err(ServiceError::invalid(Msg::PoolClosed {
            id: pool.id,
            name: pool.name.clone(),
            on: on.to_string(),
        })),
        None => Ok(()),
    }
}
