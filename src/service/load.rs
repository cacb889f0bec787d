//! Bulk loads (the demo organisation, a chunk at a time): records written as given, the
//! points rules applied to completions and accepted reflections as they would be live.

use std::collections::HashMap;

use super::command::Dataset;
use super::engine::{Applied, Engine};
use super::points::{self, Stamp};
use super::{ServiceError, ServiceResult};
use crate::domain::access::Operator;
use crate::domain::done::Done;
use crate::domain::msg::Msg;
use crate::domain::reflection::ReflectionState;
use crate::domain::training::Course;
use crate::domain::Timestamp;
use crate::store::{keys, Tx};

impl Engine {
    /// One chunk of a load: records are written as given, ids assigned, and the points
    /// rules applied to completions and accepted reflections as they would be live.
    pub(super) fn load_chunk(
        &self,
        tx: &mut Tx,
        data: Dataset,
        op: &Operator,
        at: Timestamp,
    ) -> ServiceResult<Applied> {
        if !tx.exists(keys::LOADING)? {
            return Err(ServiceError::invalid(Msg::LoadNotStarted));
        }
        let policy = self.policy()?;
        // every record is checked before any is written
        for m in &data.members {
            if !m.history_is_consistent() {
                return Err(ServiceError::invalid(Msg::Internal {
                    what: format!("member {} of pool {}: inconsistent history", m.employee_id, m.pool_id),
                }));
            }
        }
        for e in &data.enrollments {
            e.validate()?;
        }
        for r in &data.reflections {
            r.validate()?;
        }
        for e in &data.evaluations {
            e.validate()?;
        }
        for d in &data.departments {
            crate::domain::text::required_line("department", &d.name, crate::domain::text::NAME_CHARS)?;
            crate::domain::text::list("section", &d.sections)?;
        }
        let counts =
            (data.employees.len(), data.enrollments.len(), data.reflections.len(), data.evaluations.len());
        for d in &data.departments {
            tx.put_unaudited(&keys::department(&d.name), d);
        }
        for e in &data.employees {
            e.validate()?;
            tx.put_unaudited(&keys::employee(&e.id), e);
        }
        for c in &data.courses {
            c.validate()?;
            tx.put_unaudited(&keys::course(&c.code), c);
        }
        for p in &data.pools {
            tx.put_unaudited(&keys::pool(p.id), p);
            bump_sequence(tx, "pool", u64::from(p.id))?;
        }
        for m in &data.members {
            tx.put_unaudited(&keys::member(m.pool_id, &m.employee_id), m);
        }
        let mut courses: HashMap<String, Course> = HashMap::new();
        for e in &data.enrollments {
            if !courses.contains_key(&e.course_code) {
                let c = tx.get::<Course>(&keys::course(&e.course_code))?.ok_or_else(|| {
                    ServiceError::not_found(Msg::NoCourse { course: e.course_code.clone() })
                })?;
                courses.insert(e.course_code.clone(), c);
            }
            let course = &courses[&e.course_code];
            let when = e.completed_on.map_or(at, |d| d.and_hms_opt(18, 0, 0).expect("valid time").and_utc());
            for (pts, cause, reason) in points::for_enrollment_change(&policy.points, course, None, e)? {
                points::append(
                    tx,
                    Stamp { operator: &op.user, at: when, audited: false },
                    &e.employee_id,
                    pts,
                    cause,
                    reason,
                )?;
            }
            tx.put_unaudited(&keys::enrollment(&e.employee_id, &e.course_code), e);
        }
        for mut r in data.reflections {
            r.id = tx.next_seq("reflection")?;
            tx.put_unaudited(&keys::reflection_index(&r.employee_id, r.stage), &r.id);
            if r.state == ReflectionState::Accepted {
                points::reflection_accepted(tx, &policy.points, &op.user, &r, at)?;
            }
            tx.put_unaudited(&keys::reflection(r.id), &r);
            super::index::sync_pending(tx, None, &r)?;
        }
        for mut e in data.evaluations {
            e.seq = tx.next_seq("evaluation")?;
            tx.put_unaudited(&keys::evaluation(&e.employee_id, e.seq), &e);
        }
        for g in &data.grants {
            self.grant(tx, &policy, g, op, at, false)?;
        }
        for v in &data.vacancies {
            tx.put_unaudited(&keys::vacancy(v.id), v);
            bump_sequence(tx, "vacancy", u64::from(v.id))?;
        }
        for a in &data.appointments {
            tx.put_unaudited(&keys::appointment(a.vacancy_id), a);
        }
        for o in &data.operators {
            o.validate()?;
            tx.put_unaudited(&keys::operator(&o.user), o);
        }
        for (employee, kind) in &data.redemptions {
            points::redeem(
                tx,
                &policy.points,
                Stamp { operator: &op.user, at, audited: false },
                employee,
                *kind,
            )?;
        }
        Ok(Applied::new(Done::Loaded {
            employees: counts.0,
            enrollments: counts.1,
            reflections: counts.2,
            evaluations: counts.3,
        }))
    }
}

fn bump_sequence(tx: &mut Tx, name: &str, at_least: u64) -> ServiceResult<()> {
    let key = keys::sequence(name);
    if tx.get::<u64>(&key)?.unwrap_or(0) < at_least {
        tx.put_unaudited(&key, &at_least);
    }
    Ok(())
}
