//! Schema migrations, oldest first. Each step rewrites the store in one atomic batch,
//! with an audit record, so a crash mid-way leaves the old schema intact.
//!
//! - schema 1: values were JSON.
//! - schema 2: values are postcard (about a third of the size).
//! - schema 3: readiness facts per pool member (`rdy/<pool>/<emp>`).
//! - schema 4: the audit is a hash chain with the store's state digest (`chain`).
//! - schema 5: reflections keep reviews taken back (`reopened`); a review queue per
//!   department (`refd/<dept>/…`) for managers.
//! - schema 6: employees keep an exit date; vacancies a reason and a due date;
//!   appointments their reason and former post; the due-date and managers' indexes.
//! - schema 7: pools keep the day their cohort closed.

use serde::{de::DeserializeOwned, Deserialize, Serialize};

use super::legacy::LegacyAuditEvent;
use super::{codec, keys, Store, StoreError, StoreResult, SCHEMA_VERSION};
use crate::domain::access::Operator;
use crate::domain::assessment::Evaluation;
use crate::domain::audit::AuditEvent;
use crate::domain::org::{Department, Employee};
use crate::domain::policy::Policy;
use crate::domain::pool::{Member, Pool};
use crate::domain::reflection::Reflection;
use crate::domain::training::{Course, Enrollment, PointsEvent, Redemption};
use crate::domain::vacancy::{Appointment, Vacancy};

/// Runs every step from `from` up to the current schema, as `operator`.
pub fn run(store: &Store, from: u32, operator: &str) -> StoreResult<()> {
    let mut version = from;
    if (2..6).contains(&from) {
        // before any step decodes an employee in the current layout
        employees_with_left_on(store)?;
    }
    if (2..7).contains(&from) {
        // likewise for pools
        pools_with_closing(store)?;
    }
    while version < SCHEMA_VERSION {
        match version {
            1 => json_to_postcard(store, operator)?,
            2 => build_summaries(store, operator)?,
            3 => seal_audit(store, operator)?,
            4 => reopened_and_department_queues(store, operator)?,
            5 => seal_left_on(store, operator)?,
            6 => seal_pool_closing(store, operator)?,
            7 => reindex_due_with_people(store, operator)?,
            other => {
                return Err(StoreError::Corrupt {
                    path: store.path().to_path_buf(),
                    reason: format!("no migration from schema {other}"),
                })
            }
        }
        version += 1;
    }
    Ok(())
}

/// An employee as schemas 2–5 kept it: no exit date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct LegacyEmployee {
    id: crate::domain::org::EmployeeId,
    name: String,
    department: String,
    section: String,
    rank: crate::domain::org::Rank,
    hire_date: crate::domain::Date,
    status: crate::domain::org::EmploymentStatus,
    performance: Vec<crate::domain::org::PerformanceRecord>,
    skills: Vec<String>,
    certifications: Vec<String>,
    projects: Vec<String>,
    team_management: Vec<String>,
    aspiration: String,
    wants_management: bool,
}

/// A vacancy as schemas 2–5 kept it: no reason, no due date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct LegacyVacancy {
    id: crate::domain::vacancy::VacancyId,
    department: String,
    section: String,
    rank: crate::domain::org::Rank,
    opens_on: crate::domain::Date,
    status: crate::domain::vacancy::VacancyStatus,
}

/// An appointment as schemas 2–5 kept it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct LegacyAppointment {
    vacancy_id: crate::domain::vacancy::VacancyId,
    employee_id: crate::domain::org::EmployeeId,
    pool_id: u32,
    operator: String,
    at: crate::domain::Timestamp,
}

/// Re-encodes every record under `prefix` from its old layout; a record already in the
/// new layout (a crash half-way, a store migrated from JSON) is kept. The chain's running
/// state digest follows each record rewritten.
fn reencode_prefix<Old, New>(
    store: &Store,
    prefix: &str,
    head: &mut Option<super::chain::ChainHead>,
    convert: impl Fn(Old) -> New,
) -> StoreResult<()>
where
    Old: DeserializeOwned,
    New: Serialize + DeserializeOwned,
{
    let mut batch = sled::Batch::default();
    let mut n = 0usize;
    for pair in store.scan_raw(prefix.as_bytes()) {
        let (k, v) = pair?;
        if matches!(postcard::take_from_bytes::<New>(&v), Ok((_, rest)) if rest.is_empty()) {
            continue;
        }
        let old: Old = codec::decode(&v).map_err(|e| store.corrupt(&k, e))?;
        let bytes = codec::encode(&convert(old));
        if let Some(h) = head.as_mut() {
            h.state.sub(&k, &v);
            h.state.add(&k, &bytes);
        }
        batch.insert(k, bytes);
        n += 1;
        if n.is_multiple_of(10_000) {
            if let Some(h) = head.as_ref() {
                batch.insert(keys::CHAIN, codec::encode(h));
            }
            store.apply(std::mem::take(&mut batch), false)?;
        }
    }
    if let Some(h) = head.as_ref() {
        batch.insert(keys::CHAIN, codec::encode(h));
    }
    store.apply(batch, true)
}

/// Schema 5 → 6, first half (run before any step decodes these records in the current
/// layout): employees gain an exit date, vacancies a reason and a due date, appointments
/// their reason, effective date, level, former placement and reversal.
fn employees_with_left_on(store: &Store) -> StoreResult<()> {
    // schemas 4 and 5 have a chain; before, `seal_audit` computes its state afresh
    let mut head = store.get::<super::chain::ChainHead>(keys::CHAIN)?;
    reencode_prefix(store, keys::EMPLOYEE, &mut head, |old: LegacyEmployee| Employee {
        id: old.id,
        name: old.name,
        department: old.department,
        section: old.section,
        rank: old.rank,
        hire_date: old.hire_date,
        status: old.status,
        performance: old.performance,
        skills: old.skills,
        certifications: old.certifications,
        projects: old.projects,
        team_management: old.team_management,
        aspiration: old.aspiration,
        wants_management: old.wants_management,
        left_on: None,
    })?;
    reencode_prefix(store, keys::VACANCY, &mut head, |old: LegacyVacancy| Vacancy {
        id: old.id,
        department: old.department,
        section: old.section,
        rank: old.rank,
        opens_on: old.opens_on,
        status: old.status,
        reason: Default::default(),
        due: None,
    })?;
    reencode_prefix(store, keys::APPOINTMENT, &mut head, |old: LegacyAppointment| Appointment {
        vacancy_id: old.vacancy_id,
        employee_id: old.employee_id,
        pool_id: old.pool_id,
        operator: old.operator,
        at: old.at,
        reason: String::new(),
        effective: None,
        level: String::new(),
        before: None,
        reversed: None,
    })
}

/// A pool as schemas 2–6 kept it: no closing day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct LegacyPool {
    id: crate::domain::pool::PoolId,
    name: String,
    year: u16,
    target_rank: crate::domain::org::Rank,
    rules: crate::domain::policy::EligibilityRules,
}

/// Schema 6 → 7, first half (before any step decodes a pool in the current layout).
fn pools_with_closing(store: &Store) -> StoreResult<()> {
    let mut head = store.get::<super::chain::ChainHead>(keys::CHAIN)?;
    reencode_prefix(store, keys::POOL, &mut head, |old: LegacyPool| Pool {
        id: old.id,
        name: old.name,
        year: old.year,
        target_rank: old.target_rank,
        rules: old.rules,
        closed: None,
    })
}

/// Schema 6 → 7, second half: the audited step.
fn seal_pool_closing(store: &Store, operator: &str) -> StoreResult<()> {
    let mut tx = super::Tx::new(store);
    tx.put_derived(keys::SCHEMA, &7u32);
    tx.commit(
        operator,
        "migrate_schema",
        "schema 6 → 7: pools keep the day their cohort closed".to_string(),
        chrono::Utc::now(),
        true,
    )?;
    Ok(())
}

/// Schema 7 → 8: the due-date index keeps the person's name and department with the hours
/// instead of a copy of the enrollment; assessment sums per year, department and dimension.
fn reindex_due_with_people(store: &Store, operator: &str) -> StoreResult<()> {
    let mut tx = super::Tx::new(store);
    let unfinished = super::due_index::build(&mut tx)?;
    let sums = super::gap_index::build(&mut tx)?;
    tx.put_derived(keys::SCHEMA, &8u32);
    tx.commit(
        operator,
        "migrate_schema",
        format!("schema 7 → 8: {unfinished} unfinished enrollments indexed by due date with the person's name and department; {sums} assessment sums by year, department and dimension"),
        chrono::Utc::now(),
        true,
    )?;
    Ok(())
}

/// Schema 5 → 6, second half: the audited step.
fn seal_left_on(store: &Store, operator: &str) -> StoreResult<()> {
    let mut tx = super::Tx::new(store);
    let unfinished = super::due_index::build(&mut tx)?;
    tx.put_derived(keys::SCHEMA, &6u32);
    tx.commit(
        operator,
        "migrate_schema",
        format!("schema 5 → 6: employees keep the day they left; vacancies their reason and due date; appointments their reason and former post; {unfinished} unfinished enrollments indexed by due date"),
        chrono::Utc::now(),
        true,
    )?;
    Ok(())
}

/// Schema 3 → 4: every audit event re-encoded with its link in the hash chain (events
/// from before have no recorded state), then one event sealing the store's state now.
/// Written in batches; a crash mid-way leaves schema 3 with some events already in the
/// new layout, which a second run reads as they are.
fn seal_audit(store: &Store, operator: &str) -> StoreResult<()> {
    let mut prev = crate::domain::audit::Digest::default();
    let mut last_seq = 0;
    let mut batch = sled::Batch::default();
    let mut in_batch = 0;
    for pair in store.scan_raw(keys::AUDIT.as_bytes()) {
        let (k, v) = pair?;
        let legacy = match codec::decode::<LegacyAuditEvent>(&v) {
            Ok(e) => e,
            Err(_) => {
                let e: AuditEvent = codec::decode(&v).map_err(|e| store.corrupt(&k, e))?;
                LegacyAuditEvent {
                    seq: e.seq,
                    at: e.at,
                    operator: e.operator,
                    command: e.command,
                    summary: e.summary,
                    changes: e.changes,
                }
            }
        };
        let mut event = AuditEvent {
            seq: legacy.seq,
            at: legacy.at,
            operator: legacy.operator,
            command: legacy.command,
            summary: legacy.summary,
            changes: legacy.changes,
            state: Default::default(),
            hash: Default::default(),
        };
        event.hash = super::chain::event_hash(&prev, &event);
        prev = event.hash;
        last_seq = event.seq;
        batch.insert(k.to_vec(), codec::encode(&event));
        in_batch += 1;
        if in_batch == super::journal::BATCH_WRITES {
            store.apply(std::mem::take(&mut batch), false)?;
            in_batch = 0;
        }
    }
    store.apply(batch, false)?;
    // the state once this step's last batch has set the schema to 4
    let mut state = super::chain::state_of(store)?;
    if let Some(old) = store.get_raw(keys::SCHEMA)? {
        state.sub(keys::SCHEMA, &old);
    }
    state.add(keys::SCHEMA, &codec::encode(&4u32));
    let seq = last_seq.max(store.get::<u64>(&keys::sequence("audit"))?.unwrap_or(0)) + 1;
    let mut event = AuditEvent {
        seq,
        at: chrono::Utc::now(),
        operator: operator.to_string(),
        command: "migrate_schema".into(),
        summary: format!("schema 3 → 4: the audit is a hash chain ({last_seq} earlier events linked)"),
        changes: vec![],
        state: Default::default(),
        hash: Default::default(),
    };
    let prev_head = super::chain::ChainHead { seq: last_seq, hash: prev, state };
    let head = super::chain::seal(&prev_head, state, &mut event);
    let mut last = sled::Batch::default();
    last.insert(keys::audit(seq), codec::encode(&event));
    last.insert(keys::sequence("audit"), codec::encode(&seq));
    last.insert(keys::CHAIN, codec::encode(&head));
    last.insert(keys::SCHEMA, codec::encode(&4u32));
    store.apply(last, true)
}

/// A reflection as schemas 1–4 kept it: no reviews taken back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct LegacyReflection {
    id: u64,
    employee_id: crate::domain::org::EmployeeId,
    stage: u8,
    versions: Vec<crate::domain::reflection::ReflectionVersion>,
    state: crate::domain::reflection::ReflectionState,
    replies: Vec<crate::domain::reflection::Reply>,
}

/// Schema 4 → 5: every reflection re-encoded with an empty `reopened`, and every pending
/// one in its author's department queue. One audited command (through the undo journal).
fn reopened_and_department_queues(store: &Store, operator: &str) -> StoreResult<()> {
    let mut tx = super::Tx::new(store);
    let mut n = 0usize;
    for pair in store.scan_raw(keys::REFLECTION.as_bytes()) {
        let (k, v) = pair?;
        let old: LegacyReflection = codec::decode(&v).map_err(|e| store.corrupt(&k, e))?;
        let r = Reflection {
            id: old.id,
            employee_id: old.employee_id,
            stage: old.stage,
            versions: old.versions,
            state: old.state,
            replies: old.replies,
            reopened: vec![],
        };
        if r.state == crate::domain::reflection::ReflectionState::Pending {
            if let (Some(latest), Some(e)) =
                (r.versions.last(), store.get::<Employee>(&keys::employee(&r.employee_id))?)
            {
                tx.put_derived(&keys::pending_in_department(&e.department, latest.submitted_at, r.id), &());
            }
        }
        tx.put_derived(&k, &r);
        n += 1;
    }
    tx.put_derived(keys::SCHEMA, &5u32);
    tx.commit(
        operator,
        "migrate_schema",
        format!("schema 4 → 5: {n} reflections keep reviews taken back; review queues per department"),
        chrono::Utc::now(),
        true,
    )?;
    Ok(())
}

/// Schema 2 → 3: every pool member's readiness facts, built from their records.
fn build_summaries(store: &Store, operator: &str) -> StoreResult<()> {
    let mut tx = super::Tx::new(store);
    let mut built = 0usize;
    let members: Vec<Member> = store
        .scan::<Member>(keys::MEMBER.as_bytes(), None)
        .map(|r| r.map(|(_, m)| m))
        .collect::<Result<_, _>>()?;
    for m in members {
        if let Some(facts) = super::summary::facts(&tx, m.pool_id, &m.employee_id)? {
            tx.put_unaudited(&keys::readiness_facts(m.pool_id, &m.employee_id), &facts);
            built += 1;
        }
    }
    tx.put_unaudited(keys::SCHEMA, &3u32);
    let writes = tx.into_writes();
    let seq = store.get::<u64>(&keys::sequence("audit"))?.unwrap_or(0) + 1;
    let event = LegacyAuditEvent {
        seq,
        at: chrono::Utc::now(),
        operator: operator.to_string(),
        command: "migrate_schema".into(),
        summary: format!("schema 2 → 3: readiness facts built for {built} pool members"),
        changes: vec![],
    };
    let mut batch = sled::Batch::default();
    for (k, v) in writes {
        match v {
            Some(v) => batch.insert(k, v),
            None => batch.remove(k),
        }
    }
    batch.insert(keys::audit(seq), codec::encode(&event));
    batch.insert(keys::sequence("audit"), codec::encode(&seq));
    store.apply(batch, true)?;
    Ok(())
}

fn reencode<T: Serialize + DeserializeOwned>(store: &Store, key: &[u8], json: &[u8]) -> StoreResult<Vec<u8>> {
    let value: T = serde_json::from_slice(json).map_err(|e| StoreError::Corrupt {
        path: store.path().to_path_buf(),
        reason: format!("schema 1 record {}: {e}", keys::display(key)),
    })?;
    Ok(codec::encode(&value))
}

/// Schema 1 → 2: every value from JSON to postcard.
fn json_to_postcard(store: &Store, operator: &str) -> StoreResult<()> {
    let mut batch = sled::Batch::default();
    let mut audit_seq = 0u64;
    let mut pending = 0i64;
    for pair in store.scan_raw(b"") {
        let (key, value) = pair?;
        let k = keys::display(&key);
        let p = |prefix: &str| k.starts_with(prefix);
        let bytes = if p(keys::DEPARTMENT) {
            reencode::<Department>(store, &key, &value)?
        } else if p(keys::EMPLOYEE) {
            reencode::<Employee>(store, &key, &value)?
        } else if p(keys::POOL) {
            reencode::<Pool>(store, &key, &value)?
        } else if p(keys::MEMBER) {
            reencode::<Member>(store, &key, &value)?
        } else if p(keys::COURSE) {
            reencode::<Course>(store, &key, &value)?
        } else if p(keys::ENROLLMENT) {
            reencode::<Enrollment>(store, &key, &value)?
        } else if p(keys::REFLECTION) {
            let r: Reflection = serde_json::from_slice(&value).map_err(|e| StoreError::Corrupt {
                path: store.path().to_path_buf(),
                reason: format!("schema 1 record {k}: {e}"),
            })?;
            if r.state == crate::domain::reflection::ReflectionState::Pending {
                batch.insert(keys::pending_reflection(r.latest().submitted_at, r.id), codec::encode(&()));
                pending += 1;
            }
            codec::encode(&r)
        } else if p(keys::REFLECTION_INDEX) {
            reencode::<u64>(store, &key, &value)?
        } else if p(keys::EVALUATION) {
            reencode::<Evaluation>(store, &key, &value)?
        } else if p(keys::POINTS) {
            reencode::<PointsEvent>(store, &key, &value)?
        } else if p(keys::BALANCE) {
            reencode::<i64>(store, &key, &value)?
        } else if p(keys::REDEMPTION) {
            reencode::<Redemption>(store, &key, &value)?
        } else if p(keys::PLAN) {
            reencode::<crate::domain::training::Plan>(store, &key, &value)?
        } else if p(keys::VACANCY) {
            reencode::<Vacancy>(store, &key, &value)?
        } else if p(keys::APPOINTMENT) {
            reencode::<Appointment>(store, &key, &value)?
        } else if p(keys::OPERATOR) {
            reencode::<Operator>(store, &key, &value)?
        } else if p(keys::AUDIT) {
            reencode::<LegacyAuditEvent>(store, &key, &value)?
        } else if p(keys::SEQUENCE) {
            let v: u64 = serde_json::from_slice(&value).unwrap_or(0);
            if k == "m/seq/audit" {
                audit_seq = v;
            }
            codec::encode(&v)
        } else if key.as_ref() == keys::POLICY {
            let policy: Policy = serde_json::from_slice(&value).map_err(|e| StoreError::Corrupt {
                path: store.path().to_path_buf(),
                reason: format!("schema 1 policy: {e}"),
            })?;
            codec::encode(&policy.to_toml())
        } else if key.as_ref() == keys::SCHEMA {
            continue;
        } else if key.as_ref() == super::keys::JOURNAL {
            return Err(StoreError::Corrupt {
                path: store.path().to_path_buf(),
                reason: "schema 1 store with an interrupted command".into(),
            });
        } else if key.as_ref() == keys::PENDING_COUNT {
            continue;
        } else if key.as_ref() == keys::DEMO || key.as_ref() == keys::LOADING {
            reencode::<String>(store, &key, &value)?
        } else {
            return Err(StoreError::Corrupt {
                path: store.path().to_path_buf(),
                reason: format!("schema 1 store has an unknown key {k}"),
            });
        };
        batch.insert(key, bytes);
    }
    let seq = audit_seq + 1;
    let event = LegacyAuditEvent {
        seq,
        at: chrono::Utc::now(),
        operator: operator.to_string(),
        command: "migrate_schema".into(),
        summary: "schema 1 → 2: values re-encoded from JSON to postcard".into(),
        changes: vec![],
    };
    batch.insert(keys::audit(seq), codec::encode(&event));
    batch.insert(keys::sequence("audit"), codec::encode(&seq));
    batch.insert(keys::PENDING_COUNT, codec::encode(&pending));
    batch.insert(keys::SCHEMA, codec::encode(&2u32));
    store.apply(batch, true)
}
