//! Secondary indexes kept in the same batch as the records they index.

use super::ServiceResult;
use crate::domain::reflection::{Reflection, ReflectionState};
use crate::store::{keys, Tx};

/// The queue key of a reflection while it is pending.
pub(super) fn queue_key(r: &Reflection) -> Option<Vec<u8>> {
    (r.state == ReflectionState::Pending).then(|| keys::pending_reflection(r.latest().submitted_at, r.id))
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
