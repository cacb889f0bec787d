//! `cadre check`: dangling references, impossible states, ledger balances, audit gaps.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::engine::Engine;
use super::ServiceResult;
use crate::domain::assessment::Evaluation;
use crate::domain::org::{Department, Employee, EmployeeId};
use crate::domain::pool::{Member, MemberState, Pool};
use crate::domain::readiness::MemberFacts;
use crate::domain::reflection::Reflection;
use crate::domain::training::{Course, Enrollment, PointsCause, PointsEvent, Redemption};
use crate::domain::vacancy::{Appointment, Vacancy, VacancyStatus};
use crate::store::{keys, Store};

fn all<T: serde::de::DeserializeOwned>(
    store: &Store,
    prefix: &str,
    problems: &mut Vec<String>,
) -> Vec<(String, T)> {
    let mut out = Vec::new();
    for item in store.scan::<T>(prefix.as_bytes(), None) {
        match item {
            Ok((k, v)) => out.push((keys::display(&k), v)),
            Err(e) => problems.push(e.to_string()),
        }
    }
    out
}

impl Engine {
    pub(super) fn check(&self) -> ServiceResult<Vec<String>> {
        let store = &self.store;
        let mut p = Vec::new();
        if store.contains(keys::LOADING)? {
            p.push("the store is incomplete: a load was interrupted (run `cadre demo` again or restore a backup)".to_string());
        }
        let departments: HashMap<String, Department> = all::<Department>(store, keys::DEPARTMENT, &mut p)
            .into_iter()
            .map(|(_, d)| (d.name.clone(), d))
            .collect();
        let mut employees = HashSet::new();
        for (key, e) in all::<Employee>(store, keys::EMPLOYEE, &mut p) {
            match departments.get(&e.department) {
                None => p.push(format!("{key}: department '{}' does not exist", e.department)),
                Some(d) if !e.section.is_empty() && !d.sections.contains(&e.section) => {
                    p.push(format!("{key}: section '{}' is not in {}", e.section, e.department))
                }
                _ => {}
            }
            employees.insert(e.id);
        }
        let has = |id: &str| employees.contains(id);
        let pools: HashSet<u32> =
            all::<Pool>(store, keys::POOL, &mut p).into_iter().map(|(_, x)| x.id).collect();
        // an appointment taken back stays on record but fills nothing
        let appointments: Vec<(String, Appointment)> = all::<Appointment>(store, keys::APPOINTMENT, &mut p)
            .into_iter()
            .filter(|(_, a)| a.reversed.is_none())
            .collect();
        let appointed: HashSet<(u32, EmployeeId)> =
            appointments.iter().map(|(_, a)| (a.pool_id, a.employee_id.clone())).collect();
        for (key, m) in all::<Member>(store, keys::MEMBER, &mut p) {
            if !pools.contains(&m.pool_id) {
                p.push(format!("{key}: pool {} does not exist", m.pool_id));
            }
            if !has(&m.employee_id) {
                p.push(format!("{key}: employee {} does not exist", m.employee_id));
            }
            if !m.history_is_consistent() {
                p.push(format!("{key}: state {} does not follow from its history", m.state.code()));
            }
            if m.state == MemberState::Appointed && !appointed.contains(&(m.pool_id, m.employee_id.clone())) {
                p.push(format!("{key}: appointed without an appointment record"));
            }
        }
        let vacancies: HashMap<u32, Vacancy> =
            all::<Vacancy>(store, keys::VACANCY, &mut p).into_iter().map(|(_, v)| (v.id, v)).collect();
        for (key, a) in &appointments {
            match vacancies.get(&a.vacancy_id) {
                None => p.push(format!("{key}: vacancy {} does not exist", a.vacancy_id)),
                Some(v) if v.status != VacancyStatus::Filled => {
                    p.push(format!("{key}: vacancy {} is not marked filled", v.id))
                }
                _ => {}
            }
        }
        let courses: HashSet<String> =
            all::<Course>(store, keys::COURSE, &mut p).into_iter().map(|(_, c)| c.code).collect();
        for item in store.scan::<Enrollment>(keys::ENROLLMENT.as_bytes(), None) {
            let (k, e) = match item {
                Ok(x) => x,
                Err(err) => {
                    p.push(err.to_string());
                    continue;
                }
            };
            let key = keys::display(&k);
            if !has(&e.employee_id) {
                p.push(format!("{key}: employee {} does not exist", e.employee_id));
            }
            if !courses.contains(&e.course_code) {
                p.push(format!("{key}: course {} does not exist", e.course_code));
            }
            if let Err(err) = e.validate() {
                p.push(format!("{key}: {err}"));
            }
        }
        let mut pending_seen = 0i64;
        for (key, plan) in all::<crate::domain::training::Plan>(store, keys::PLAN, &mut p) {
            if !pools.contains(&plan.pool_id) {
                p.push(format!("{key}: pool {} does not exist", plan.pool_id));
            }
            for pc in plan.general.iter().chain(plan.by_department.values().flatten()) {
                if !courses.contains(&pc.course) {
                    p.push(format!("{key}: course {} does not exist", pc.course));
                }
            }
        }
        let mut max_reflection = 0;
        for (key, r) in all::<Reflection>(store, keys::REFLECTION, &mut p) {
            max_reflection = max_reflection.max(r.id);
            if !has(&r.employee_id) {
                p.push(format!("{key}: employee {} does not exist", r.employee_id));
            }
            if !r.is_consistent() {
                p.push(format!("{key}: state {} does not match its reviews", r.state.code()));
            }
            let pending = r.state == crate::domain::reflection::ReflectionState::Pending;
            pending_seen += i64::from(pending);
            if pending && !store.contains(&keys::pending_reflection(r.latest().submitted_at, r.id))? {
                p.push(format!("{key}: pending but missing from the review queue"));
            }
            if pending {
                let department =
                    store.get::<Employee>(&keys::employee(&r.employee_id))?.map(|e| e.department);
                let indexed = department
                    .map(|d| store.contains(&keys::pending_in_department(&d, r.latest().submitted_at, r.id)))
                    .transpose()?
                    .unwrap_or(false);
                if !indexed {
                    p.push(format!("{key}: pending but missing from its department's review queue"));
                }
            }
            if store.get::<u64>(&keys::reflection_index(&r.employee_id, r.stage))? != Some(r.id) {
                p.push(format!("{key}: missing from the stage index"));
            }
        }
        let pending_keys = store.count(keys::PENDING_REFLECTION.as_bytes()) as i64;
        let department_keys = store.count(keys::PENDING_BY_DEPARTMENT.as_bytes()) as i64;
        if department_keys != pending_keys {
            p.push(format!(
                "pending reflections: {pending_keys} in the queue but {department_keys} in the department queues"
            ));
        }
        let pending_count = store.get::<i64>(keys::PENDING_COUNT)?.unwrap_or(0);
        if pending_keys != pending_count || pending_keys != pending_seen {
            p.push(format!(
                "pending reflections: {pending_seen} pending, {pending_keys} in the queue, the count says {pending_count}"
            ));
        }
        let mut max_evaluation = 0;
        for (key, e) in all::<Evaluation>(store, keys::EVALUATION, &mut p) {
            max_evaluation = max_evaluation.max(e.seq);
            if !has(&e.employee_id) {
                p.push(format!("{key}: employee {} does not exist", e.employee_id));
            }
            if let Err(err) = e.validate() {
                p.push(format!("{key}: {err}"));
            }
        }
        let mut sums: BTreeMap<EmployeeId, i64> = BTreeMap::new();
        let mut seqs: HashSet<u64> = HashSet::new();
        let mut reversals = Vec::new();
        let mut max_points = 0;
        let events = all::<PointsEvent>(store, keys::POINTS, &mut p);
        let ledger: Vec<PointsEvent> = events.iter().map(|(_, e)| e.clone()).collect();
        p.extend(super::check_points::causes_gone(store, &ledger)?);
        p.extend(super::check_points::due_index(store)?);
        p.extend(super::check_points::gap_sums(store)?);
        for (key, e) in events {
            max_points = max_points.max(e.seq);
            if !has(&e.employee_id) {
                p.push(format!("{key}: employee {} does not exist", e.employee_id));
            }
            *sums.entry(e.employee_id.clone()).or_default() += i64::from(e.points);
            seqs.insert(e.seq);
            if let PointsCause::Reversal { of } = e.cause {
                reversals.push((key, of));
            }
        }
        for (key, of) in reversals {
            if !seqs.contains(&of) {
                p.push(format!("{key}: reverses entry {of}, which does not exist"));
            }
        }
        let balances: BTreeMap<String, i64> = all::<i64>(store, keys::BALANCE, &mut p)
            .into_iter()
            .map(|(k, v)| (keys::unseg(&k[keys::BALANCE.len()..]), v))
            .collect();
        for (who, sum) in &sums {
            let stored = balances.get(who.as_str()).copied().unwrap_or(0);
            if stored != *sum {
                p.push(format!("points of {who}: balance {stored} but the ledger sums to {sum}"));
            }
        }
        for (who, stored) in &balances {
            if !sums.contains_key(who.as_str()) && *stored != 0 {
                p.push(format!("points of {who}: balance {stored} with no ledger entries"));
            }
        }
        for (key, r) in all::<Redemption>(store, keys::REDEMPTION, &mut p) {
            if !has(&r.employee_id) {
                p.push(format!("{key}: employee {} does not exist", r.employee_id));
            }
        }
        let audit_seq = store.get::<u64>(&keys::sequence("audit"))?.unwrap_or(0);
        let head = crate::store::chain::head(store)?;
        if head.seq != audit_seq {
            p.push(format!("audit: the chain ends at {} but the counter says {audit_seq}", head.seq));
        }
        for broken in crate::store::chain::verify(store)? {
            p.push(crate::locale::Lang::En.say(&broken.msg()));
        }
        let rebuild = crate::store::Tx::new(store);
        let mut with_facts = HashSet::new();
        for (key, stored) in all::<MemberFacts>(store, keys::READINESS, &mut p) {
            let rest = &key[keys::READINESS.len()..];
            let (pool, id) = rest.split_once('/').unwrap_or((rest, ""));
            let id = &keys::unseg(id);
            let pool: u32 = pool.parse().unwrap_or(0);
            match crate::store::summary::facts(&rebuild, pool, id)? {
                None => p.push(format!("{key}: readiness facts of someone not in pool {pool}")),
                Some(fresh) if fresh != stored => {
                    p.push(format!("{key}: readiness facts differ from the records"))
                }
                Some(_) => {}
            }
            with_facts.insert((pool, id.to_string()));
        }
        for (key, m) in all::<Member>(store, keys::MEMBER, &mut p) {
            if has(&m.employee_id) && !with_facts.contains(&(m.pool_id, m.employee_id.to_string())) {
                p.push(format!("{key}: no readiness facts"));
            }
        }
        for (name, max) in
            [("reflection", max_reflection), ("evaluation", max_evaluation), ("points", max_points)]
        {
            let counter = store.get::<u64>(&keys::sequence(name))?.unwrap_or(0);
            if counter < max {
                p.push(format!("sequence {name} is {counter} but id {max} is in use"));
            }
        }
        Ok(p)
    }
}
