//! Secondary indexes kept in the same batch as the records they index.

use super::ServiceResult;
use crate::domain::reflection::{Reflection, ReflectionState};
use crate::store::{keys, Tx};

/// Keeps `refp/<id>` present exactly while the reflection is pending.
pub(super) fn sync_pending(tx: &mut Tx, reflection: &Reflection) -> ServiceResult<()> {
    let key = keys::pending_reflection(reflection.id);
    let pending = reflection.state == ReflectionState::Pending;
    if pending && !tx.exists(&key)? {
        tx.put_unaudited(&key, &());
    } else if !pending && tx.exists(&key)? {
        tx.remove_raw(key);
    }
    Ok(())
}
