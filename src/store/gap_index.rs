//! Assessment sums kept by every commit: per year, department and dimension, the sum of the
//! scores (in thousandths of a point, so that adding and taking away is exact) and their
//! count, under `gap/<year>/<department>/<dimension>`. The insight tab's heatmap of
//! departments against the company is then one small prefix read, whatever the store size.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::{codec, keys, Store, StoreResult, Tx};
use crate::domain::assessment::Evaluation;
use crate::domain::org::Employee;

/// The scores of one year, department and dimension.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreSum {
    pub milli: i64,
    pub n: i64,
}

impl ScoreSum {
    pub fn average(&self) -> f64 {
        self.milli as f64 / 1000.0 / self.n as f64
    }
}

fn milli(score: f32) -> i64 {
    (f64::from(score) * 1000.0).round() as i64
}

/// Where an evaluation counts, given the department of its person.
fn slot(e: &Evaluation, department: &str) -> Vec<u8> {
    keys::gap(e.year, department, e.kind.dimension())
}

/// Changes to the sums, by key.
#[derive(Default)]
struct Deltas(BTreeMap<Vec<u8>, ScoreSum>);

impl Deltas {
    fn add(&mut self, e: &Evaluation, department: Option<&str>, sign: i64) {
        if let Some(d) = department {
            let s = self.0.entry(slot(e, d)).or_default();
            s.milli += sign * milli(e.score);
            s.n += sign;
        }
    }
}

/// Brings the sums in line with the batch: an evaluation written counts with its person's
/// department as the batch leaves it, in place of what it counted before; a person moved
/// to another department (or added, or removed) takes their stored evaluations along.
pub(super) fn refresh(tx: &mut Tx) -> StoreResult<()> {
    if tx.replaces_all {
        // a restore writes the backup's own sums
        return Ok(());
    }
    let store = tx.store;
    // each person's department before the batch and after it, read once per person
    let mut before: HashMap<String, Option<String>> = HashMap::new();
    let mut after: HashMap<String, Option<String>> = HashMap::new();
    let mut deltas = Deltas::default();
    let mut moved: Vec<(String, Option<String>, Option<String>)> = Vec::new();
    for (key, value) in &tx.writes {
        if key.starts_with(keys::EVALUATION.as_bytes()) {
            let old = store.get_raw(key)?.and_then(|v| codec::decode::<Evaluation>(&v).ok());
            let new = value.as_deref().and_then(|v| codec::decode::<Evaluation>(v).ok());
            if let Some(o) = &old {
                let id = o.employee_id.as_str();
                if !before.contains_key(id) {
                    let department = store.get::<Employee>(&keys::employee(id))?.map(|e| e.department);
                    before.insert(id.to_string(), department);
                }
                deltas.add(o, before[id].as_deref(), -1);
            }
            if let Some(n) = &new {
                let id = n.employee_id.as_str();
                if !after.contains_key(id) {
                    let department = tx.get::<Employee>(&keys::employee(id))?.map(|e| e.department);
                    after.insert(id.to_string(), department);
                }
                deltas.add(n, after[id].as_deref(), 1);
            }
        } else if key.starts_with(keys::EMPLOYEE.as_bytes()) {
            let old = store.get_raw(key)?.and_then(|v| codec::decode::<Employee>(&v).ok());
            let new = value.as_deref().and_then(|v| codec::decode::<Employee>(v).ok());
            let (was, now) = (old.as_ref().map(|e| &e.department), new.as_ref().map(|e| &e.department));
            if was != now {
                if let Some(e) = new.as_ref().or(old.as_ref()) {
                    moved.push((e.id.as_str().to_string(), was.cloned(), now.cloned()));
                }
            }
        }
    }
    for (id, was, now) in moved {
        for item in store.scan_raw(&keys::evaluations_of(&id)) {
            let (k, v) = item?;
            if tx.writes.contains_key(k.as_ref()) {
                continue;
            }
            if let Ok(e) = codec::decode::<Evaluation>(&v) {
                deltas.add(&e, was.as_deref(), -1);
                deltas.add(&e, now.as_deref(), 1);
            }
        }
    }
    for (key, d) in deltas.0 {
        if d == ScoreSum::default() {
            continue;
        }
        let now = tx.get::<ScoreSum>(&key)?.unwrap_or_default();
        let next = ScoreSum { milli: now.milli + d.milli, n: now.n + d.n };
        tx.writes.insert(key, (next.n != 0).then(|| codec::encode(&next)));
    }
    Ok(())
}

/// Every sum from the evaluations and the people on record.
pub fn compute(store: &Store) -> StoreResult<BTreeMap<Vec<u8>, ScoreSum>> {
    let mut department_of: HashMap<String, String> = HashMap::new();
    for item in store.scan_raw(keys::EMPLOYEE.as_bytes()) {
        let (_, v) = item?;
        if let Ok(e) = codec::decode::<Employee>(&v) {
            department_of.insert(e.id.as_str().to_string(), e.department);
        }
    }
    let mut deltas = Deltas::default();
    for item in store.scan_raw(keys::EVALUATION.as_bytes()) {
        let (_, v) = item?;
        if let Ok(e) = codec::decode::<Evaluation>(&v) {
            deltas.add(&e, department_of.get(e.employee_id.as_str()).map(String::as_str), 1);
        }
    }
    Ok(deltas.0)
}

/// The sums built from scratch (the schema 8 migration): whatever they held is dropped.
pub(super) fn build(tx: &mut Tx) -> StoreResult<usize> {
    let store = tx.store;
    for item in store.scan_raw(keys::GAP.as_bytes()) {
        let (k, _) = item?;
        tx.writes.insert(k.to_vec(), None);
    }
    let sums = compute(store)?;
    let n = sums.len();
    for (k, s) in sums {
        tx.writes.insert(k, Some(codec::encode(&s)));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousandths_add_and_take_away_exactly() {
        let scores = [87.3f32, 91.25, 66.0, 79.9];
        let total: i64 = scores.iter().map(|&s| milli(s)).sum();
        let back = scores.iter().fold(total, |t, &s| t - milli(s));
        assert_eq!(back, 0);
        let s = ScoreSum { milli: scores.iter().map(|&s| milli(s)).sum(), n: 4 };
        assert!((s.average() - 81.1125).abs() < 1e-9);
    }
}
