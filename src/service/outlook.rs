//! The pipeline's outlook (岗位空缺预测): vacancies expected per quarter from the history,
//! the forecasts on record and known departures; the departments short of ready people
//! with the month their plan must start; every pool's appointment rate.

use std::collections::BTreeMap;

use super::engine::Engine;
use super::vacancy_types::{Outlook, PlanStart, PoolRate};
use super::ServiceResult;
use crate::domain::access::Operator;
use crate::domain::forecast::{self, AppointmentRate, Event, Seen};
use crate::domain::org::{Employee, EmploymentStatus, Rank};
use crate::domain::pool::{Member, Pool};
use crate::domain::vacancy::{Vacancy, VacancyStatus};
use crate::domain::Date;
use crate::store::keys;

impl Engine {
    /// What the forecast is made of, within the operator's scope: every vacancy (filled
    /// ones as history, open and forecast ones as on record) and each holder of a
    /// management rank with an exit date ahead.
    fn forecast_events(&self, op: &Operator, on: Date) -> ServiceResult<Vec<Event>> {
        let mut events = Vec::new();
        for item in self.store.scan::<Vacancy>(keys::VACANCY.as_bytes(), None) {
            let (_, v) = item?;
            if !op.covers_department(&v.department) {
                continue;
            }
            let seen = if v.status == VacancyStatus::Filled { Seen::Past } else { Seen::Recorded };
            events.push(Event { department: v.department, rank: v.rank, on: v.opens_on, seen });
        }
        for item in self.store.scan_raw(keys::EMPLOYEE.as_bytes()) {
            let (key, bytes) = item?;
            // `left_on` is an employee's last field: a trailing 0 byte is `None` (a date
            // ends in a digit), so the many without an exit date are never decoded
            if bytes.last() == Some(&0) {
                continue;
            }
            let e: Employee =
                crate::store::codec::decode(&bytes).map_err(|err| self.store.corrupt(&key, err))?;
            let leaving = e.status == EmploymentStatus::Active && e.left_on.is_some_and(|d| d >= on);
            if leaving && e.rank != Rank::Staff && op.covers_department(&e.department) {
                events.push(Event {
                    department: e.department,
                    rank: e.rank,
                    on: e.left_on.expect("checked"),
                    seen: Seen::Departure,
                });
            }
        }
        Ok(events)
    }

    pub(super) fn outlook(&self, op: &Operator, on: Date) -> ServiceResult<Outlook> {
        let policy = self.policy()?;
        let (lead, quarters) =
            (policy.vacancy.plan_lead_months, usize::from(policy.vacancy.forecast_quarters));
        let by = forecast::forecast(&self.forecast_events(op, on)?, on, quarters);
        let bench = self.bench(op, on)?;
        let mut starts = Vec::new();
        let mut seen: BTreeMap<(String, Rank), ()> = BTreeMap::new();
        for b in &bench {
            seen.insert((b.department.clone(), b.rank), ());
            let cells = by.get(&(b.department.clone(), b.rank)).map(Vec::as_slice).unwrap_or(&[]);
            let foreseen = cells.iter().map(|c| c.expected()).sum::<f32>().ceil() as u32;
            let expected = b.expected_vacancies.max(foreseen);
            if expected <= b.ready_now {
                continue;
            }
            let peak = forecast::peak(cells).map(|c| c.quarter);
            let start_by = peak.map_or(on, |q| forecast::start_plan_by(q, lead)).max(on);
            starts.push(PlanStart {
                department: b.department.clone(),
                rank: b.rank,
                expected,
                ready_now: b.ready_now,
                peak,
                start_by,
                months_left: forecast::months_until(on, start_by),
            });
        }
        // departments the forecast sees vacancies in and nobody is ready (not on the bench)
        for ((department, rank), cells) in &by {
            if seen.contains_key(&(department.clone(), *rank)) {
                continue;
            }
            let expected = cells.iter().map(|c| c.expected()).sum::<f32>().ceil() as u32;
            if let (true, Some(peak)) = (expected > 0, forecast::peak(cells)) {
                let start_by = forecast::start_plan_by(peak.quarter, lead).max(on);
                starts.push(PlanStart {
                    department: department.clone(),
                    rank: *rank,
                    expected,
                    ready_now: 0,
                    peak: Some(peak.quarter),
                    start_by,
                    months_left: forecast::months_until(on, start_by),
                });
            }
        }
        starts.sort_by(|a, b| a.start_by.cmp(&b.start_by).then(a.department.cmp(&b.department)));
        Ok(Outlook {
            on,
            lead_months: lead,
            quarters: forecast::company(&by, on, quarters),
            starts,
            rates: self.appointment_rates(op)?,
            rate_target: policy.targets.appointment_rate,
        })
    }

    /// Every pool's appointment rate (a manager: over its department's members).
    pub(super) fn appointment_rates(&self, op: &Operator) -> ServiceResult<Vec<PoolRate>> {
        let mut out = Vec::new();
        for item in self.store.scan::<Pool>(keys::POOL.as_bytes(), None) {
            let (_, pool) = item?;
            let mut members = Vec::new();
            for m in self.store.scan::<Member>(&keys::members_of(pool.id), None) {
                let (_, m) = m?;
                if op.role != crate::domain::access::Role::Manager
                    || self
                        .store
                        .get::<Employee>(&keys::employee(m.employee_id.as_str()))?
                        .is_some_and(|e| op.covers_department(&e.department))
                {
                    members.push(m);
                }
            }
            out.push(PoolRate { pool_id: pool.id, name: pool.name, rate: AppointmentRate::of(&members) });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::org::{Employee, EmploymentStatus, Rank};

    /// The forecast skips employees whose encoding ends in 0: that must mean no exit date.
    #[test]
    fn an_employee_without_an_exit_date_ends_in_a_zero_byte_and_with_one_does_not() {
        let mut e = Employee {
            id: "E1".parse().unwrap(),
            name: "甲".into(),
            department: "财务部".into(),
            section: String::new(),
            rank: Rank::SectionChief,
            hire_date: chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap(),
            status: EmploymentStatus::Active,
            performance: vec![],
            skills: vec![],
            certifications: vec![],
            projects: vec![],
            team_management: vec![],
            aspiration: String::new(),
            wants_management: false,
            left_on: None,
        };
        assert_eq!(crate::store::codec::encode(&e).last(), Some(&0));
        for day in ["2027-01-01", "2100-12-30", "1900-01-10"] {
            e.left_on = Some(day.parse().unwrap());
            assert_ne!(crate::store::codec::encode(&e).last(), Some(&0), "{day}");
        }
    }
}
