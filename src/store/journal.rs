//! The undo journal that keeps large commands all-or-nothing. sled batches are atomic but
//! costly when large, so a command with many writes first stores the before-image of every
//! key it will touch, then writes in small batches, then drops the journal together with
//! its last batch. A store opened with a journal left behind is rolled back to the
//! before-images: the interrupted command never happened.

use serde::{Deserialize, Serialize};

use super::tx::BATCH_WRITES;
use super::{codec, keys, Store, StoreResult};
use crate::domain::audit::AuditEvent;

pub(super) const JOURNAL: &[u8] = b"m/journal";

#[derive(Debug, Serialize, Deserialize)]
struct Journal {
    command: String,
    /// Every key the command writes, with its value before (None: the key was absent).
    before: Vec<(Vec<u8>, Option<Vec<u8>>)>,
}

fn apply_in_batches<I>(store: &Store, writes: I) -> StoreResult<()>
where
    I: IntoIterator<Item = (Vec<u8>, Option<Vec<u8>>)>,
{
    let mut batch = sled::Batch::default();
    let mut n = 0;
    for (k, v) in writes {
        match v {
            Some(v) => batch.insert(k, v),
            None => batch.remove(k),
        }
        n += 1;
        if n == BATCH_WRITES {
            store.apply(std::mem::take(&mut batch), false)?;
            n = 0;
        }
    }
    if n > 0 {
        store.apply(batch, false)?;
    }
    Ok(())
}

/// Writes a large command through the journal. The last write (the audit record) and the
/// journal's removal share the final batch, which is flushed before this returns.
pub(super) fn apply_journaled(
    store: &Store,
    command: &str,
    writes: std::collections::BTreeMap<Vec<u8>, Option<Vec<u8>>>,
) -> StoreResult<()> {
    let mut before = Vec::with_capacity(writes.len());
    for key in writes.keys() {
        before.push((key.clone(), store.get_raw(key)?.map(|v| v.to_vec())));
    }
    let journal = Journal { command: command.to_string(), before };
    let mut first = sled::Batch::default();
    first.insert(JOURNAL, codec::encode(&journal));
    store.apply(first, true)?;
    drop(journal);
    apply_in_batches(store, writes)?;
    let mut last = sled::Batch::default();
    last.remove(JOURNAL);
    store.apply(last, true)
}

/// Rolls back a command interrupted mid-write, if any; records the rollback in the audit.
pub(super) fn recover(store: &Store) -> StoreResult<Option<String>> {
    let Some(journal) = store.get::<Journal>(JOURNAL)? else {
        return Ok(None);
    };
    let command = journal.command.clone();
    apply_in_batches(store, journal.before)?;
    let seq = store.get::<u64>(&keys::sequence("audit"))?.unwrap_or(0) + 1;
    let event = AuditEvent {
        seq,
        at: chrono::Utc::now(),
        operator: crate::service::os_user(),
        command: "recover".into(),
        summary: format!("rolled back an interrupted {command}: it was not applied"),
        changes: vec![],
    };
    let mut last = sled::Batch::default();
    last.insert(keys::audit(seq), codec::encode(&event));
    last.insert(keys::sequence("audit"), codec::encode(&seq));
    last.remove(JOURNAL);
    store.apply(last, true)?;
    Ok(Some(command))
}
