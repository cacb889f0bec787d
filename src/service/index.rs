//! Secondary indexes kept in the same batch as the records they index.

use super::ServiceResult;
use crate::domain::reflection::{Reflection, ReflectionState};
use crate::store::{keys, Tx};

/// Keeps `refp/<id>` present exactly while the reflection is pending, and the count of
/// them, so the tab badge costs one read.
pub(super) fn sync_pending(tx: &mut Tx, reflection: &Reflection) -> ServiceResult<()> {
    let key = keys::pending_reflection(reflection.id);
    let pending = reflection.state == ReflectionState::Pending;
    let delta: i64 = if pending && !tx.exists(&key)? {
        tx.put_unaudited(&key, &());
        1
    } else if !pending && tx.exists(&key)? {
        tx.remove_raw(key);
        -1
    } else {
        0
    };
    if delta != 0 {
        let count = tx.get::<i64>(keys::PENDING_COUNT)?.unwrap_or(0) + delta;
        tx.put_unaudited(keys::PENDING_COUNT, &count);
    }
    Ok(())
}
