//! Filling vacancies (岗位任用): the ranked shortlist of a post, the appointment that moves
//! a member into it (a reason when the member is not ready now), its audited reversal,
//! and bench strength per department and rank.

use std::collections::BTreeMap;

use super::engine::{Applied, Engine};
use super::who::who;
use super::{ServiceError, ServiceResult};
use crate::domain::access::Operator;
use crate::domain::done::Done;
use crate::domain::msg::{Msg, Who};
use crate::domain::org::{EmployeeId, EmploymentStatus, Rank};
use crate::domain::pool::{Member, MemberState, Pool, PoolId};
use crate::domain::readiness::{Context, MemberFacts};
use crate::domain::readiness_facts::Level;
use crate::domain::vacancy::{
    Appointment, AppointmentReversal, Placement, Vacancy, VacancyId, VacancyStatus,
};
use crate::domain::{Date, Timestamp};
use crate::store::{keys, Tx};

pub use super::vacancy_types::{BenchRow, ShortlistRow, VacancyView};

/// The last day to act on a vacancy: an open one's due date (its opening when none), a
/// forecast one's opening less the lead months training needs.
fn act_by(v: &Vacancy, lead_months: u8) -> Date {
    match v.status {
        VacancyStatus::Forecast => {
            v.opens_on.checked_sub_months(chrono::Months::new(u32::from(lead_months))).unwrap_or(v.opens_on)
        }
        _ => v.due.unwrap_or(v.opens_on),
    }
}

pub(super) fn level_order(level: Level) -> u8 {
    match level {
        Level::ReadyNow => 0,
        Level::ReadySoon => 1,
        Level::Developing => 2,
        Level::Disqualified => 3,
    }
}

impl Engine {
    fn pools_for(&self, rank: Rank) -> ServiceResult<Vec<Pool>> {
        let mut out = Vec::new();
        for item in self.store.scan::<Pool>(keys::POOL.as_bytes(), None) {
            let (_, pool) = item?;
            if pool.target_rank == rank {
                out.push(pool);
            }
        }
        Ok(out)
    }

    fn vacancy(&self, id: VacancyId) -> ServiceResult<Vacancy> {
        self.store
            .get::<Vacancy>(&keys::vacancy(id))?
            .ok_or_else(|| ServiceError::not_found(Msg::NoVacancy { id }))
    }

    /// Every vacancy a person may see (a manager: its own department's): open, forecast,
    /// filled, the newest first within each.
    pub(super) fn vacancies(&self, op: &Operator) -> ServiceResult<Vec<VacancyView>> {
        let mut out = Vec::new();
        for item in self.store.scan::<Vacancy>(keys::VACANCY.as_bytes(), None) {
            let (_, v) = item?;
            if !op.covers_department(&v.department) {
                continue;
            }
            let appointment =
                self.store.get::<Appointment>(&keys::appointment(v.id))?.filter(|a| a.reversed.is_none());
            let (filled_by, filled_by_name) = match appointment {
                Some(a) => {
                    let name = self
                        .store
                        .get::<crate::domain::org::Employee>(&keys::employee(&a.employee_id))?
                        .map(|e| e.name);
                    (Some(a.employee_id), name)
                }
                None => (None, None),
            };
            out.push(VacancyView {
                id: v.id,
                department: v.department,
                section: v.section,
                rank: v.rank,
                reason: v.reason,
                opened: v.opens_on,
                due: v.due,
                status: v.status,
                filled_by,
                filled_by_name,
            });
        }
        // open first, then forecast, then filled; the newest first within each
        let order = |s: VacancyStatus| match s {
            VacancyStatus::Open => 0,
            VacancyStatus::Forecast => 1,
            VacancyStatus::Filled => 2,
        };
        out.sort_by_key(|v| (order(v.status), std::cmp::Reverse(v.id)));
        Ok(out)
    }

    /// The admitted members of every pool for the vacancy's rank, ranked: ready now
    /// first, then the top-20 % flag, then the composite; the vacancy's own department
    /// first among equals when the policy says so (`vacancy.same_department_first`).
    pub(super) fn shortlist(
        &self,
        op: &Operator,
        id: VacancyId,
        on: Date,
    ) -> ServiceResult<Vec<ShortlistRow>> {
        let vacancy = self.vacancy(id)?;
        if !op.covers_department(&vacancy.department) {
            return Err(ServiceError::denied(Msg::Denied {
                user: op.user.clone(),
                role: op.role.code().into(),
                action: "read_vacancies".into(),
            }));
        }
        // judged from the stored facts of each pool's admitted members: no member records
        // read, no report rows built, a person in two pools once
        let policy = self.policy()?;
        let mut rows: Vec<ShortlistRow> = Vec::new();
        let mut seen: std::collections::HashSet<EmployeeId> = std::collections::HashSet::new();
        for pool in self.pools_for(vacancy.rank)? {
            let facts = self.readiness_facts(op, pool.id)?;
            let admitted: std::collections::HashMap<&str, &MemberFacts> = facts
                .members
                .iter()
                .filter(|f| f.state == MemberState::Admitted)
                .map(|f| (f.employee_id.as_str(), f))
                .collect();
            for v in facts.evaluate(&policy, on) {
                let Some(f) = admitted.get(v.employee_id.as_str()) else { continue };
                if v.level == Level::Disqualified || !seen.insert(v.employee_id.clone()) {
                    continue;
                }
                rows.push(ShortlistRow {
                    failing_gates: v.gates.iter().filter(|g| !g.passed).map(|g| g.gate).collect(),
                    name: f.name.clone(),
                    department: f.department.clone(),
                    employee_id: v.employee_id,
                    pool_id: pool.id,
                    level: v.level,
                    composite: v.composite.total,
                    priority: v.priority,
                });
            }
        }
        let own_first = policy.vacancy.same_department_first;
        let elsewhere = |r: &ShortlistRow| own_first && r.department != vacancy.department;
        rows.sort_by(|a, b| {
            level_order(a.level)
                .cmp(&level_order(b.level))
                .then(b.priority.cmp(&a.priority))
                .then(elsewhere(a).cmp(&elsewhere(b)))
                .then(b.composite.total_cmp(&a.composite))
        });
        Ok(rows)
    }

    /// Per department and target rank: vacancies expected against people ready.
    pub(super) fn bench(&self, op: &Operator, on: Date) -> ServiceResult<Vec<BenchRow>> {
        let mut table: BTreeMap<(String, Rank), BenchRow> = BTreeMap::new();
        let row = |department: &str, rank: Rank| -> BenchRow {
            BenchRow {
                department: department.to_string(),
                rank,
                expected_vacancies: 0,
                ready_now: 0,
                ready_1_2: 0,
                developing: 0,
                short: false,
                act_by: None,
                months_left: None,
            }
        };
        let policy = self.policy()?;
        let lead = policy.vacancy.plan_lead_months;
        for item in self.store.scan::<Vacancy>(keys::VACANCY.as_bytes(), None) {
            let (_, v) = item?;
            if v.status != VacancyStatus::Filled && op.covers_department(&v.department) {
                let entry =
                    table.entry((v.department.clone(), v.rank)).or_insert_with(|| row(&v.department, v.rank));
                entry.expected_vacancies += 1;
                let act_by = act_by(&v, lead);
                entry.act_by = Some(entry.act_by.map_or(act_by, |d| d.min(act_by)));
            }
        }
        for rank in [Rank::SectionChief, Rank::DepartmentManager] {
            // a person in two pools of one rank counts once, at the better level
            let mut best: BTreeMap<EmployeeId, (String, Level)> = BTreeMap::new();
            for pool in self.pools_for(rank)? {
                // verdicts straight from the stored facts (no report rows built)
                let facts = self.readiness_facts(op, pool.id)?;
                let department: std::collections::HashMap<&str, &str> =
                    facts.members.iter().map(|f| (f.employee_id.as_str(), f.department.as_str())).collect();
                for v in facts.evaluate(&policy, on) {
                    let dept =
                        department.get(v.employee_id.as_str()).copied().unwrap_or_default().to_string();
                    let slot = best.entry(v.employee_id).or_insert((dept, v.level));
                    if level_order(v.level) < level_order(slot.1) {
                        slot.1 = v.level;
                    }
                }
            }
            for (department, level) in best.into_values() {
                let entry = table.entry((department.clone(), rank)).or_insert_with(|| row(&department, rank));
                match level {
                    Level::ReadyNow => entry.ready_now += 1,
                    Level::ReadySoon => entry.ready_1_2 += 1,
                    Level::Developing => entry.developing += 1,
                    Level::Disqualified => {}
                }
            }
        }
        let mut out: Vec<BenchRow> = table.into_values().collect();
        for r in &mut out {
            r.short = r.expected_vacancies > r.ready_now;
            r.months_left = r.act_by.map(|d| crate::domain::forecast::months_until(on, d));
        }
        Ok(out)
    }

    /// The member's level in the pool on a day, from its readiness facts.
    fn level_of(&self, tx: &Tx, pool: &Pool, employee_id: &EmployeeId, on: Date) -> ServiceResult<Level> {
        let facts =
            tx.get::<MemberFacts>(&keys::readiness_facts(pool.id, employee_id))?.ok_or_else(|| {
                ServiceError::not_found(Msg::NotInPool { who: who(employee_id), pool: pool.id })
            })?;
        let policy = self.policy()?;
        let courses = self.courses()?;
        let cx =
            Context { policy: &policy, courses: &courses, min_tenure_years: pool.rules.min_tenure_years, on };
        Ok(crate::domain::readiness::evaluate(&facts, &cx).level)
    }

    /// Appoints a member to a vacancy: the member appointed, the person's rank and post
    /// changed, the vacancy filled, the person withdrawn from other live pools — one batch.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn appoint(
        &self,
        tx: &mut Tx,
        request: (VacancyId, PoolId, EmployeeId),
        seen: Option<u32>,
        reason: &str,
        on: Option<Date>,
        op: &Operator,
        at: Timestamp,
    ) -> ServiceResult<Applied> {
        let (vacancy_id, pool_id, employee_id) = request;
        crate::domain::text::text("reason", reason, crate::domain::text::NOTE_CHARS)?;
        let mut vacancy = tx
            .get::<Vacancy>(&keys::vacancy(vacancy_id))?
            .ok_or_else(|| ServiceError::not_found(Msg::NoVacancy { id: vacancy_id }))?;
        if vacancy.status == VacancyStatus::Filled {
            return Err(ServiceError::invalid(Msg::VacancyFilled { id: vacancy_id }));
        }
        let today = at.date_naive();
        if vacancy.status == VacancyStatus::Forecast && vacancy.opens_on > today {
            return Err(ServiceError::invalid(Msg::VacancyNotOpenYet {
                id: vacancy_id,
                opens: vacancy.opens_on.to_string(),
            }));
        }
        // effective from the opening (or today, when it opened before), within a year
        let earliest = vacancy.opens_on.min(today);
        let latest = today.max(vacancy.opens_on) + chrono::Days::new(366);
        let on = on.unwrap_or_else(|| today.max(vacancy.opens_on));
        if on < earliest || on > latest {
            return Err(ServiceError::invalid(Msg::EffectiveDateOutside {
                on: on.to_string(),
                from: earliest.to_string(),
                to: latest.to_string(),
            }));
        }
        let pool = self.pool(tx, pool_id)?;
        if pool.target_rank != vacancy.rank {
            return Err(ServiceError::invalid(Msg::VacancyOtherRank {
                vacancy: vacancy_id,
                rank: vacancy.rank.code().into(),
                pool: pool_id,
                pool_rank: pool.target_rank.code().into(),
            }));
        }
        let mut employee = self.employee(tx, &employee_id)?;
        if employee.status == EmploymentStatus::Left {
            return Err(ServiceError::invalid(Msg::PersonLeft { who: who(&employee_id) }));
        }
        let mkey = keys::member(pool_id, &employee_id);
        let mut member = tx.get::<Member>(&mkey)?.ok_or_else(|| {
            ServiceError::not_found(Msg::NotInPool { who: who(&employee_id), pool: pool_id })
        })?;
        super::apply_pipeline::changed_meanwhile(&member, seen)?;
        // the state rules first (only an admitted member is appointed), then readiness
        member.clone().transition(MemberState::Appointed, "-", &op.user, at)?;
        let level = self.level_of(tx, &pool, &employee_id, on)?;
        if level != Level::ReadyNow && reason.trim().is_empty() {
            return Err(ServiceError::invalid(Msg::AppointNeedsReason {
                who: who(&employee_id),
                level: level.code().into(),
            }));
        }
        let note = if reason.trim().is_empty() {
            format!("vacancy {vacancy_id}")
        } else {
            reason.trim().to_string()
        };
        member.transition(MemberState::Appointed, &note, &op.user, at)?;
        tx.put(&mkey, &member)?;
        // the other pools the person is live in let them go
        for item in tx.store().scan::<Pool>(keys::POOL.as_bytes(), None) {
            let (_, other) = item?;
            if other.id == pool_id {
                continue;
            }
            let okey = keys::member(other.id, &employee_id);
            if let Some(mut m) = tx.get::<Member>(&okey)? {
                if matches!(m.state, MemberState::Nominated | MemberState::Admitted) {
                    m.transition(
                        MemberState::Withdrawn,
                        &format!("appointed: vacancy {vacancy_id}"),
                        &op.user,
                        at,
                    )?;
                    tx.put(&okey, &m)?;
                }
            }
        }
        let before = Placement {
            rank: employee.rank,
            department: employee.department.clone(),
            section: employee.section.clone(),
        };
        super::index::move_department(tx, &employee_id, &employee.department, &vacancy.department)?;
        employee.rank = vacancy.rank;
        employee.department = vacancy.department.clone();
        employee.section = vacancy.section.clone();
        tx.put(&keys::employee(&employee_id), &employee)?;
        vacancy.status = VacancyStatus::Filled;
        tx.put(&keys::vacancy(vacancy_id), &vacancy)?;
        tx.put(
            &keys::appointment(vacancy_id),
            &Appointment {
                vacancy_id,
                employee_id: employee_id.clone(),
                pool_id,
                operator: op.user.clone(),
                at,
                reason: reason.trim().to_string(),
                effective: Some(on),
                level: level.code().into(),
                before: Some(before),
                reversed: None,
            },
        )?;
        Ok(Applied::new(Done::Appointed { who: who(&employee_id), vacancy: vacancy_id }))
    }

    /// Takes an appointment back with a reason: the member admitted again, the person's
    /// former rank and post restored, the vacancy open. Audited; nothing is deleted.
    pub(super) fn reverse_appointment(
        &self,
        tx: &mut Tx,
        vacancy_id: VacancyId,
        reason: &str,
        op: &Operator,
        at: Timestamp,
    ) -> ServiceResult<Applied> {
        let reason = reason.trim();
        crate::domain::text::required_line("reason", reason, crate::domain::text::NOTE_CHARS)?;
        if !tx.exists(&keys::vacancy(vacancy_id))? {
            return Err(ServiceError::not_found(Msg::NoVacancy { id: vacancy_id }));
        }
        let akey = keys::appointment(vacancy_id);
        let mut appointment = tx
            .get::<Appointment>(&akey)?
            .filter(|a| a.reversed.is_none())
            .ok_or_else(|| ServiceError::not_found(Msg::NoAppointment { vacancy: vacancy_id }))?;
        let employee_id = appointment.employee_id.clone();
        let mkey = keys::member(appointment.pool_id, &employee_id);
        if let Some(mut member) = tx.get::<Member>(&mkey)? {
            member.reverse_appointment(reason, &op.user, at)?;
            tx.put(&mkey, &member)?;
        }
        if let Some(before) = &appointment.before {
            let mut employee = self.employee(tx, &employee_id)?;
            super::index::move_department(tx, &employee_id, &employee.department, &before.department)?;
            employee.rank = before.rank;
            employee.department = before.department.clone();
            employee.section = before.section.clone();
            tx.put(&keys::employee(&employee_id), &employee)?;
        }
        if let Some(mut vacancy) = tx.get::<Vacancy>(&keys::vacancy(vacancy_id))? {
            // only an open vacancy can be filled: it is open again
            vacancy.status = VacancyStatus::Open;
            tx.put(&keys::vacancy(vacancy_id), &vacancy)?;
        }
        appointment.reversed =
            Some(AppointmentReversal { reason: reason.to_string(), operator: op.user.clone(), at });
        tx.put(&akey, &appointment)?;
        Ok(Applied::new(Done::AppointmentReversed {
            who: Who::id(employee_id.as_str()),
            vacancy: vacancy_id,
        }))
    }
}
