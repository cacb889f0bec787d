//! The readiness facts of every pool member (`rdy/<pool>/<emp>`), rebuilt in the same
//! batch as any change to the person, the membership, or the person's enrollments,
//! evaluations, reflections or points; a pool's readiness is then one prefix scan.

use std::collections::BTreeSet;

use super::{codec, keys, StoreResult, Tx};
use crate::domain::assessment::Evaluation;
use crate::domain::org::Employee;
use crate::domain::pool::{Member, Pool};
use crate::domain::readiness::{Assessments, CourseFact, MemberFacts, PersonSummary, ScoreFact, StageFact};
use crate::domain::reflection::Reflection;
use crate::domain::training::{Enrollment, PointsCause, PointsEvent};

/// The employees whose summary a set of writes makes stale.
pub(super) fn touched<'a>(
    writes: impl Iterator<Item = (&'a Vec<u8>, &'a Option<Vec<u8>>)>,
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (key, value) in writes {
        let Ok(k) = std::str::from_utf8(key) else { continue };
        let segment = |prefix: &str, n: usize| keys::segments(key, prefix).and_then(|s| s.into_iter().nth(n));
        let owner = [
            keys::ENROLLMENT,
            keys::EVALUATION,
            keys::REFLECTION_INDEX,
            keys::POINTS,
            keys::BALANCE,
            keys::EMPLOYEE,
        ]
        .iter()
        .find_map(|p| segment(p, 0))
        .or_else(|| segment(keys::MEMBER, 1));
        if let Some(id) = owner {
            out.insert(id);
        } else if k.starts_with(keys::REFLECTION) {
            if let Some(r) = value.as_deref().and_then(|v| codec::decode::<Reflection>(v).ok()) {
                out.insert(r.employee_id.to_string());
            }
        }
    }
    out
}

/// Rebuilds the facts of every pool membership of the employees `writes` touch.
pub(super) fn refresh(tx: &mut Tx, employees: BTreeSet<String>) -> StoreResult<()> {
    if employees.is_empty() {
        return Ok(());
    }
    let pools: Vec<Pool> = tx.scan_merged(keys::POOL.as_bytes())?;
    for employee in employees {
        for pool in &pools {
            let key = keys::readiness_facts(pool.id, &employee);
            match facts(tx, pool.id, &employee)? {
                Some(f) => tx.put_derived(&key, &f),
                None => tx.remove_derived(&key)?,
            }
        }
    }
    Ok(())
}

/// One member's facts as `tx` would leave the store; `None` when not a member.
pub fn facts(tx: &Tx, pool: u32, employee: &str) -> StoreResult<Option<MemberFacts>> {
    let Some(member) = tx.get::<Member>(&keys::member(pool, employee))? else { return Ok(None) };
    let Some(e) = tx.get::<Employee>(&keys::employee(employee))? else { return Ok(None) };
    Ok(Some(MemberFacts {
        summary: build(tx, employee)?,
        employee_id: e.id,
        name: e.name,
        department: e.department,
        section: e.section,
        rank: e.rank,
        state: member.state,
        hire_date: e.hire_date,
        performance: e.performance,
        stage_reviews: Vec::new(),
    }))
}

/// The summary of one employee as `tx` would leave the store.
pub fn build(tx: &Tx, employee: &str) -> StoreResult<PersonSummary> {
    let courses = tx
        .scan_merged::<Enrollment>(&keys::enrollments_of(employee))?
        .into_iter()
        .map(|e| CourseFact {
            best_exam: e.best_score(),
            hours_left: e.hours_left(),
            completed: e.completed_on.is_some(),
            due: e.due,
            course: e.course_code,
        })
        .collect();
    let scores: Vec<ScoreFact> = tx
        .scan_merged::<Evaluation>(&keys::evaluations_of(employee))?
        .into_iter()
        .map(|e| ScoreFact { year: e.year, kind: e.kind, score: e.score })
        .collect();
    let mut stages = Vec::new();
    for id in tx.scan_merged::<u64>(&keys::reflection_index_of(employee))? {
        if let Some(r) = tx.get::<Reflection>(&keys::reflection(id))? {
            stages.push(StageFact {
                stage: r.stage,
                state: r.state,
                score: r.versions.iter().rev().find_map(|v| v.review.as_ref().map(|x| x.score)),
                versions: r.versions.len() as u32,
            });
        }
    }
    let ledger = tx.scan_merged::<PointsEvent>(&keys::points_of(employee))?;
    let reversed: BTreeSet<u64> = ledger
        .iter()
        .filter_map(|e| if let PointsCause::Reversal { of } = e.cause { Some(of) } else { None })
        .collect();
    let improvement_case = ledger
        .iter()
        .any(|e| matches!(e.cause, PointsCause::PracticeCase { .. }) && !reversed.contains(&e.seq));
    Ok(PersonSummary {
        courses,
        assessments: Assessments::from_scores(&scores),
        stages,
        improvement_case,
        points: tx.get::<i64>(&keys::balance(employee))?.unwrap_or(0),
    })
}
