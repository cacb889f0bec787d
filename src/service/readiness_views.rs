//! Readiness queries: a pool's facts (three reads per member), its ranked verdicts under
//! the stored policy or a what-if one, and one candidate's assessment report.

use std::collections::BTreeMap;

use super::engine::Engine;
use super::{ServiceError, ServiceResult};
use crate::domain::access::Operator;
use crate::domain::assessment::{Evaluation, StageReview};
use crate::domain::msg::{Msg, Who};
use crate::domain::policy::Policy;
use crate::domain::pool::{Pool, PoolId};
use crate::domain::readiness::{is_ranked, Context, MemberFacts};
use crate::domain::reflection::Reflection;
use crate::domain::training::Course;
use crate::domain::Date;
use crate::store::keys;

pub use super::readiness_types::*;

impl Engine {
    /// The course catalogue by code.
    pub(super) fn courses(&self) -> ServiceResult<BTreeMap<String, Course>> {
        self.store
            .scan::<Course>(keys::COURSE.as_bytes(), None)
            .map(|r| r.map(|(_, c)| (c.code.clone(), c)))
            .collect::<Result<_, _>>()
            .map_err(Into::into)
    }

    pub(super) fn readiness_facts(&self, op: &Operator, pool_id: PoolId) -> ServiceResult<ReadinessFacts> {
        let pool = self
            .store
            .get::<Pool>(&keys::pool(pool_id))?
            .ok_or_else(|| ServiceError::not_found(Msg::NoPool { id: pool_id }))?;
        let courses = self.courses()?;
        // One prefix scan (the facts are kept per member in the same batch as their
        // sources), then decoding on two threads: decoding is most of the time.
        let raw = self.store.scan_encoded(&keys::readiness_facts_of(pool_id))?;
        let parts = crate::domain::halves::in_two_halves(&raw, |chunk| -> ServiceResult<Vec<MemberFacts>> {
            let mut out = Vec::with_capacity(chunk.len());
            for record in chunk {
                let f: MemberFacts = crate::store::codec::decode(record.value()).map_err(|e| {
                    ServiceError::store(Msg::StoreFailed {
                        detail: format!("{}: {e}", keys::display(record.key())),
                    })
                })?;
                if is_ranked(f.state) && op.covers_department(&f.department) {
                    out.push(f);
                }
            }
            Ok(out)
        });
        let mut facts = Vec::with_capacity(raw.len());
        for part in parts {
            facts.extend(part?);
        }
        Ok(ReadinessFacts { pool, courses, members: facts })
    }

    /// One member's facts with the stage reviews, for the candidate report.
    fn member_facts(&self, pool: PoolId, employee_id: &str) -> ServiceResult<MemberFacts> {
        let mut facts = self
            .store
            .get::<MemberFacts>(&keys::readiness_facts(pool, employee_id))?
            .ok_or_else(|| ServiceError::not_found(Msg::NotInPool { who: Who::id(employee_id), pool }))?;
        facts.stage_reviews = self.stage_reviews(employee_id)?;
        Ok(facts)
    }

    /// A person's stage reviews, oldest first (keys sort by year, then July before final).
    pub(super) fn stage_reviews(&self, employee_id: &str) -> ServiceResult<Vec<StageReview>> {
        let mut reviews: Vec<StageReview> = self
            .store
            .scan::<StageReview>(&keys::stage_reviews_of(employee_id), None)
            .map(|r| r.map(|(_, x)| x))
            .collect::<Result<_, _>>()?;
        reviews.sort_by_key(|r| (r.year, r.kind));
        Ok(reviews)
    }

    pub(super) fn readiness(
        &self,
        op: &Operator,
        pool: PoolId,
        on: Date,
        what_if: Option<Policy>,
    ) -> ServiceResult<ReadinessReport> {
        let policy = match &what_if {
            Some(p) => {
                p.validate().map_err(|e| ServiceError::invalid(Msg::PolicyInvalid { problem: e }))?;
                p.clone()
            }
            None => self.policy()?,
        };
        let facts = self.readiness_facts(op, pool)?;
        let verdicts = facts.evaluate(&policy, on);
        let by_id: std::collections::HashMap<&str, &MemberFacts> =
            facts.members.iter().map(|f| (f.employee_id.as_str(), f)).collect();
        let rows = verdicts
            .into_iter()
            .map(|v| ReadinessRow::new(by_id[v.employee_id.as_str()], v, &policy))
            .collect();
        Ok(ReadinessReport {
            pool: facts.pool,
            on,
            what_if: what_if.is_some(),
            rows,
            appointment_rate: None,
            appointment_rate_target: None,
        })
    }

    pub(super) fn candidate_report(
        &self,
        op: &Operator,
        pool_id: PoolId,
        employee_id: &str,
        on: Date,
    ) -> ServiceResult<CandidateReport> {
        let policy = self.policy()?;
        let pool = self
            .store
            .get::<Pool>(&keys::pool(pool_id))?
            .ok_or_else(|| ServiceError::not_found(Msg::NoPool { id: pool_id }))?;
        super::authz::require_department_of(op, &self.store, employee_id, "read_person")?;
        let facts = self.member_facts(pool_id, employee_id)?;
        let courses = self.courses()?;
        let cx =
            Context { policy: &policy, courses: &courses, min_tenure_years: pool.rules.min_tenure_years, on };
        // Ranked members take their row from the pool's ranking (priority is pool-wide).
        let ranked =
            self.readiness(op, pool_id, on, None)?.rows.into_iter().find(|r| r.employee_id == employee_id);
        let evaluations = self
            .store
            .scan::<Evaluation>(&keys::evaluations_of(employee_id), None)
            .map(|r| r.map(|(_, e)| e))
            .collect::<Result<_, _>>()?;
        let mut reflections = Vec::new();
        for item in self.store.scan::<u64>(&keys::reflection_index_of(employee_id), None) {
            let (_, id) = item?;
            if let Some(r) = self.store.get::<Reflection>(&keys::reflection(id))? {
                reflections.push(r);
            }
        }
        let row = ranked.unwrap_or_else(|| {
            ReadinessRow::new(&facts, crate::domain::readiness::evaluate(&facts, &cx), &policy)
        });
        Ok(CandidateReport { pool, on, facts, row, evaluations, reflections })
    }
}
