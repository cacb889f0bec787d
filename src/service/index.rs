//! Secondary indexes kept in the same batch as the records they index.

use super::ServiceResult;
use crate::domain::reflection::{Reflection, ReflectionState};
use crate::store::{keys, Tx};

/// The queue key of a reflection while it is pending.
pub(super) fn queue_key(r: &Reflection) -> Option<Vec<u8>> {
    let latest = r.versions.last()?;
    (r.state == ReflectionState::Pending).then(|| keys::pending_reflection(latest.submitted_at, r.id))
}

/// The department queue key of a reflection while it is pending.
fn department_key(r: &Reflection, department: &str) -> Option<Vec<u8>> {
    let latest = r.versions.last()?;
    (r.state == ReflectionState::Pending)
        .then(|| keys::pending_in_department(department, latest.submitted_at, r.id))
}

/// The author's department as `tx` would leave the store.
fn department_of(tx: &Tx, r: &Reflection) -> ServiceResult<String> {
    Ok(tx
        .get::<crate::domain::org::Employee>(&keys::employee(&r.employee_id))?
        .map(|e| e.department)
        .unwrap_or_default())
}

/// Moves a person's pending reflections to another department's queue (an appointment, a
/// re-import that changed their department).
pub(super) fn move_department(tx: &mut Tx, employee: &str, from: &str, to: &str) -> ServiceResult<()> {
    if from == to {
        return Ok(());
    }
    for id in tx.scan_merged::<u64>(&keys::reflection_index_of(employee))? {
        if let Some(r) = tx.get::<Reflection>(&keys::reflection(id))? {
            if let (Some(old), Some(new)) = (department_key(&r, from), department_key(&r, to)) {
                tx.remove_raw(old);
                tx.put_unaudited(&new, &());
            }
        }
    }
    Ok(())
}

/// Moves a reflection in or out of the review queue (oldest submission first), and keeps
/// the count of the queue so the tab badge costs one read.
pub(super) fn sync_pending(
    tx: &mut Tx,
    before: Option<&Reflection>,
    after: &Reflection,
) -> ServiceResult<()> {
    let old = before.and_then(queue_key);
    let new = queue_key(after);
    if old == new {
        return Ok(());
    }
    let department = department_of(tx, after)?;
    if let Some(k) = before.and_then(|b| department_key(b, &department)) {
        tx.remove_raw(k);
    }
    if let Some(k) = department_key(after, &department) {
        tx.put_unaudited(&k, &());
    }
    let mut delta = 0i64;
    if let Some(k) = old {
        tx.remove_raw(k);
        delta -= 1;
    }
    if let Some(k) = new {
        tx.put_unaudited(&k, &());
        delta += 1;
    }
    if delta != 0 {
        let count = tx.get::<i64>(keys::PENDING_COUNT)?.unwrap_or(0) + delta;
        tx.put_unaudited(keys::PENDING_COUNT, &count);
    }
    Ok(())
}
