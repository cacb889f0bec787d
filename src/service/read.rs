//! Queries answered from the store, within the asking operator's scope.

use serde::de::DeserializeOwned;

use super::engine::Engine;
use super::query::{Answer, Page, PointsSummary, Query, Record, RecordKind, StoreInfo};
use super::{ServiceError, ServiceResult};
use crate::domain::access::{Operator, Role};
use crate::domain::msg::Msg;
use crate::domain::org::Employee;
use crate::domain::training::{PointsEvent, Redemption};
use crate::store::{keys, SCHEMA_VERSION};

/// The most records one page may hold.
pub const MAX_PAGE: usize = 5000;

impl Engine {
    pub(super) fn read(&self, op: &Operator, query: Query) -> ServiceResult<Answer> {
        let store = &self.store;
        match query {
            Query::WhoAmI => Ok(Answer::WhoAmI(StoreInfo {
                path: store.path().display().to_string(),
                operator: op.clone(),
                schema: store.schema()?.unwrap_or(SCHEMA_VERSION),
                demo: store.contains(keys::DEMO)?,
                incomplete: store.contains(keys::LOADING)?,
                has_employees: store.scan_raw(keys::EMPLOYEE.as_bytes()).next().is_some(),
            })),
            Query::Policy => Ok(Answer::Policy(Box::new(self.policy()?))),
            Query::Operators => Ok(Answer::Operators(
                store
                    .scan::<Operator>(keys::OPERATOR.as_bytes(), None)
                    .map(|r| r.map(|(_, o)| o))
                    .collect::<Result<_, _>>()?,
            )),
            Query::Employee { id } => {
                super::authz::require_department_of(op, &self.store, &id, "read_person")?;
                let e = store
                    .get::<Employee>(&keys::employee(&id))?
                    .ok_or_else(|| ServiceError::not_found(Msg::NoEmployee { id: id.to_string() }))?;
                Ok(Answer::Employee(Box::new(e)))
            }
            Query::Page { kind, pool, after, limit } => {
                self.page(op, kind, pool, after, limit.clamp(1, MAX_PAGE))
            }
            Query::Points { employee_id } => {
                super::authz::require_department_of(op, &self.store, &employee_id, "read_person")?;
                let balance = store.get::<i64>(&keys::balance(&employee_id))?.unwrap_or(0);
                let policy = self.policy()?;
                let (performance_score, improvement_plan) = policy.points.performance_for(balance);
                let events = collect::<PointsEvent>(self, &keys::points_of(&employee_id))?;
                let redemptions = collect::<Redemption>(self, &keys::redemptions_of(&employee_id))?;
                Ok(Answer::Points(PointsSummary {
                    employee_id,
                    balance,
                    performance_score,
                    improvement_plan,
                    events,
                    redemptions,
                }))
            }
            Query::Pools => Ok(Answer::Pools(collect(self, keys::POOL.as_bytes())?)),
            Query::Members { pool } => self.members(op, pool),
            Query::MemberMetrics { employee_ids, pool, on } => self.member_metrics(
                op,
                &employee_ids,
                pool,
                on.unwrap_or_else(|| chrono::Local::now().date_naive()),
            ),
            Query::Screen { pool, on } => self.screen(op, pool, on),
            Query::Vacancies => Ok(Answer::Vacancies(self.vacancies(op)?)),
            Query::Gaps => Ok(Answer::Gaps(self.gaps(op)?)),
            Query::Plan { pool } => {
                store
                    .get::<crate::domain::pool::Pool>(&keys::pool(pool))?
                    .ok_or_else(|| ServiceError::not_found(Msg::NoPool { id: pool }))?;
                Ok(Answer::Plan(store.get::<crate::domain::training::Plan>(&keys::plan(pool))?))
            }
            Query::PlanPreview { plan } => Ok(Answer::PlanPreview(self.plan_preview(op, &plan)?)),
            Query::Shortlist { vacancy, on } => Ok(Answer::Shortlist(self.shortlist(op, vacancy, on)?)),
            Query::Bench { on } => Ok(Answer::Bench(self.bench(op, on)?)),
            Query::PoolReports { pool } => Ok(Answer::PoolReports(Box::new(self.pool_reports(op, pool)?))),
            Query::CourseEffects { pool } => Ok(Answer::CourseEffects(self.course_effects(op, pool)?)),
            Query::CourseRoster { pool, course, on } => {
                Ok(Answer::CourseRoster(self.roster(op, pool, &course, on)?))
            }
            Query::Rates { pool, from, to } => Ok(Answer::Rates(Box::new(self.rates(op, pool, from, to)?))),
            Query::RemindersSent { on } => {
                Ok(Answer::RemindersSent(collect(self, &keys::reminders_sent_on(on))?))
            }
            Query::AppointmentRates => Ok(Answer::AppointmentRates {
                rates: self.appointment_rates(op)?,
                target: self.policy()?.targets.appointment_rate,
            }),
            Query::Outlook { on } => Ok(Answer::Outlook(Box::new(self.outlook(op, on)?))),
            Query::ReflectionQueue { state, department, after, limit } => {
                self.queue(op, state, department, after, limit.clamp(1, MAX_PAGE))
            }
            Query::Reflection { id } => {
                let r = store
                    .get::<crate::domain::reflection::Reflection>(&keys::reflection(id))?
                    .ok_or_else(|| ServiceError::not_found(Msg::NoReflection { id }))?;
                if op.role == Role::Manager {
                    super::authz::require_department_of(op, &self.store, &r.employee_id, "read_reflections")?;
                }
                Ok(Answer::Reflection(Box::new(r)))
            }
            Query::Reflections { employee_id } => {
                super::authz::require_department_of(op, &self.store, &employee_id, "read_reflections")?;
                let mut list = Vec::new();
                for entry in store.scan::<u64>(&keys::reflection_index_of(&employee_id), None) {
                    let (_, id) = entry?;
                    if let Some(r) =
                        store.get::<crate::domain::reflection::Reflection>(&keys::reflection(id))?
                    {
                        list.push(r);
                    }
                }
                list.sort_by_key(|r| r.stage);
                Ok(Answer::Reflections(list))
            }
            Query::SubmissionRate { pool } => self.submission_rate(op, pool),
            Query::Remind { on, pool } => self.remind(op, on, pool),
            Query::Enrollments { employee_id } => self.enrollments(op, &employee_id),
            Query::CourseStats { pool, on } => self.course_stats(op, pool, on),
            Query::Counts => {
                // a manager's badge counts its own department's queue
                let pending_reflections = match (&op.role, &op.department) {
                    (Role::Manager, Some(d)) => self.store.count(&keys::pending_of_department(d)),
                    _ => self.store.get::<i64>(keys::PENDING_COUNT)?.unwrap_or(0).max(0) as usize,
                };
                Ok(Answer::Counts(super::query::Counts { pending_reflections }))
            }
            Query::Readiness { pool, on, policy } => {
                Ok(Answer::Readiness(Box::new(self.readiness(op, pool, on, policy.map(|p| *p))?)))
            }
            Query::ReadinessFacts { pool } => {
                Ok(Answer::ReadinessFacts(Box::new(self.readiness_facts(op, pool)?)))
            }
            Query::StageReviews { employee_id } => {
                if op.role == crate::domain::access::Role::Manager {
                    super::authz::require_department_of(op, &self.store, &employee_id, "read_stage_reviews")?;
                }
                Ok(Answer::StageReviews(self.stage_reviews(&employee_id)?))
            }
            Query::CandidateReport { pool, employee_id, on } => {
                Ok(Answer::CandidateReport(Box::new(self.candidate_report(op, pool, &employee_id, on)?)))
            }
            Query::Check => Ok(Answer::Check(self.check()?)),
        }
    }

    fn page(
        &self,
        op: &Operator,
        kind: RecordKind,
        pool: Option<u32>,
        after: Option<String>,
        limit: usize,
    ) -> ServiceResult<Answer> {
        if let (RecordKind::Members, Some(p)) = (kind, pool) {
            if !self.store.contains(&keys::pool(p))? {
                return Err(ServiceError::not_found(Msg::NoPool { id: p }));
            }
        }
        let prefix: Vec<u8> = match (kind, pool) {
            (RecordKind::Members, Some(p)) => keys::members_of(p),
            _ => prefix_of(kind).as_bytes().to_vec(),
        };
        let after = after.map(String::into_bytes);
        let mut records = Vec::new();
        let mut last_key = None;
        let mut more = false;
        for item in self.store.scan_raw_from(&prefix, after.as_deref()) {
            let (key, value) = item?;
            if records.len() == limit {
                more = true;
                break;
            }
            last_key = Some(key.to_vec());
            let record = decode_record(self, kind, &key, &value)?;
            if op.role == Role::Manager && !self.manager_may_see(op, &record)? {
                continue;
            }
            records.push(record);
        }
        Ok(Answer::Page(Page {
            records,
            next: if more { last_key.map(|k| keys::display(&k)) } else { None },
        }))
    }

    fn manager_may_see(&self, op: &Operator, record: &Record) -> ServiceResult<bool> {
        let employee_id = match record {
            Record::Employee(e) => return Ok(op.covers_department(&e.department)),
            Record::Department(d) => return Ok(op.covers_department(&d.name)),
            Record::Member(m) => &m.employee_id,
            Record::Enrollment(e) => &e.employee_id,
            Record::Reflection(r) => &r.employee_id,
            Record::Evaluation(e) => &e.employee_id,
            Record::Points(p) => &p.employee_id,
            Record::Redemption(r) => &r.employee_id,
            Record::Course(_) | Record::Pool(_) => return Ok(true),
            Record::Vacancy(_) | Record::Appointment(_) | Record::Audit(_) => return Ok(false),
        };
        Ok(self
            .store
            .get::<Employee>(&keys::employee(employee_id))?
            .is_some_and(|e| op.covers_department(&e.department)))
    }
}

fn prefix_of(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Departments => keys::DEPARTMENT,
        RecordKind::Employees => keys::EMPLOYEE,
        RecordKind::Courses => keys::COURSE,
        RecordKind::Pools => keys::POOL,
        RecordKind::Members => keys::MEMBER,
        RecordKind::Enrollments => keys::ENROLLMENT,
        RecordKind::Reflections => keys::REFLECTION,
        RecordKind::Evaluations => keys::EVALUATION,
        RecordKind::Points => keys::POINTS,
        RecordKind::Redemptions => keys::REDEMPTION,
        RecordKind::Vacancies => keys::VACANCY,
        RecordKind::Appointments => keys::APPOINTMENT,
        RecordKind::Audit => keys::AUDIT,
    }
}

fn decode<T: DeserializeOwned>(engine: &Engine, key: &[u8], value: &[u8]) -> ServiceResult<T> {
    crate::store::codec::decode(value).map_err(|e| {
        ServiceError::store(Msg::StoreDamaged {
            path: engine.store.path().display().to_string(),
            detail: format!("record {}: {e}", keys::display(key)),
        })
    })
}

fn decode_record(engine: &Engine, kind: RecordKind, key: &[u8], value: &[u8]) -> ServiceResult<Record> {
    Ok(match kind {
        RecordKind::Departments => Record::Department(decode(engine, key, value)?),
        RecordKind::Employees => Record::Employee(decode(engine, key, value)?),
        RecordKind::Courses => Record::Course(decode(engine, key, value)?),
        RecordKind::Pools => Record::Pool(decode(engine, key, value)?),
        RecordKind::Members => Record::Member(decode(engine, key, value)?),
        RecordKind::Enrollments => Record::Enrollment(decode(engine, key, value)?),
        RecordKind::Reflections => Record::Reflection(decode(engine, key, value)?),
        RecordKind::Evaluations => Record::Evaluation(decode(engine, key, value)?),
        RecordKind::Points => Record::Points(decode(engine, key, value)?),
        RecordKind::Redemptions => Record::Redemption(decode(engine, key, value)?),
        RecordKind::Vacancies => Record::Vacancy(decode(engine, key, value)?),
        RecordKind::Appointments => Record::Appointment(decode(engine, key, value)?),
        RecordKind::Audit => Record::Audit(decode(engine, key, value)?),
    })
}

pub(super) fn collect<T: DeserializeOwned>(engine: &Engine, prefix: &[u8]) -> ServiceResult<Vec<T>> {
    engine.store.scan::<T>(prefix, None).map(|r| r.map(|(_, v)| v).map_err(ServiceError::from)).collect()
}
