//! Two indexes kept by every commit: unfinished enrollments by due date (`due/`, holding
//! a copy of the enrollment), so reminders and overdue views read only what can be late in
//! one ordered scan, and each department's active
//! managers (`mgr/`), so a reminder names the manager without walking every employee.

use super::{codec, keys, StoreResult, Tx};
use crate::domain::org::{Employee, EmploymentStatus, Rank};
use crate::domain::training::Enrollment;

fn due_key(e: &Enrollment) -> Option<Vec<u8>> {
    e.completed_on.is_none().then(|| keys::due(e.due, e.employee_id.as_str(), &e.course_code))
}

fn manager_key(e: &Employee) -> Option<(Vec<u8>, String)> {
    (e.rank == Rank::DepartmentManager && e.status == EmploymentStatus::Active)
        .then(|| (keys::manager(&e.department, e.id.as_str()), e.name.clone()))
}

/// Brings both indexes in line with the batch's enrollment and employee writes.
pub(super) fn refresh(tx: &mut Tx) -> StoreResult<()> {
    if tx.replaces_all {
        // a restore writes the backup's own indexes
        return Ok(());
    }
    let mut removes: Vec<Vec<u8>> = Vec::new();
    let mut adds: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    for (key, value) in &tx.writes {
        if key.starts_with(keys::ENROLLMENT.as_bytes()) {
            let old = tx.store.get_raw(key)?.and_then(|v| codec::decode::<Enrollment>(&v).ok());
            let new = value.as_deref().and_then(|v| codec::decode::<Enrollment>(v).ok());
            let (old_key, new_key) = (old.as_ref().and_then(due_key), new.as_ref().and_then(due_key));
            if old_key != new_key {
                removes.extend(old_key);
            }
            if let (Some(k), Some(bytes)) = (new_key, value) {
                adds.push((k, bytes.clone()));
            }
        } else if key.starts_with(keys::EMPLOYEE.as_bytes()) {
            let old = tx.store.get_raw(key)?.and_then(|v| codec::decode::<Employee>(&v).ok());
            let new = value.as_deref().and_then(|v| codec::decode::<Employee>(v).ok());
            let (old, new) = (old.as_ref().and_then(manager_key), new.as_ref().and_then(manager_key));
            if old != new {
                removes.extend(old.map(|(k, _)| k));
                adds.extend(new.map(|(k, name)| (k, codec::encode(&name))));
            }
        }
    }
    for k in removes {
        tx.writes.insert(k, None);
    }
    for (k, v) in adds {
        tx.writes.insert(k, Some(v));
    }
    Ok(())
}

/// Both indexes built from scratch (the schema 6 migration): every unfinished enrollment
/// and every active department manager.
pub(super) fn build(tx: &mut Tx) -> StoreResult<usize> {
    let mut n = 0;
    let store = tx.store;
    for item in store.scan_raw(keys::ENROLLMENT.as_bytes()) {
        let (_, v) = item?;
        if let Some(k) = codec::decode::<Enrollment>(&v).ok().as_ref().and_then(due_key) {
            tx.writes.insert(k, Some(v.to_vec()));
            n += 1;
        }
    }
    for item in store.scan_raw(keys::EMPLOYEE.as_bytes()) {
        let (_, v) = item?;
        if let Some((k, name)) = codec::decode::<Employee>(&v).ok().as_ref().and_then(manager_key) {
            tx.writes.insert(k, Some(codec::encode(&name)));
        }
    }
    Ok(n)
}
