//! The undo journal that keeps large commands all-or-nothing. sled batches are atomic but
//! costly when large, so a command with many writes first stores the before-image of every
//! key it will touch, then writes in small batches, then drops the journal together with
//! its last batch. A store opened with a journal left behind is rolled back to the
//! before-images: the interrupted command never happened.

use serde::{Deserialize, Serialize};

/// Up to this many writes go into one sled batch. sled keeps a batch's log buffers in
/// memory until it is sealed, so a 100k-write batch costs gigabytes; larger commands are
/// applied through the undo journal in batches of this size.
pub const BATCH_WRITES: usize = 1000;
use super::{chain, codec, keys, Store, StoreResult};
use crate::domain::audit::AuditEvent;

use super::keys::JOURNAL;

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

/// Rolls back a command interrupted mid-write, if any; records the rollback in the audit,
/// as `operator` (the one opening the store).
pub(super) fn recover(store: &Store, operator: &str) -> StoreResult<Option<String>> {
    let Some(journal) = store.get::<Journal>(JOURNAL)? else {
        return Ok(None);
    };
    let command = journal.command.clone();
    apply_in_batches(store, journal.before)?;
    // the before-images put the chain head back as it was before the command
    let head = chain::head(store)?;
    let seq = head.seq + 1;
    let mut event = AuditEvent {
        seq,
        at: chrono::Utc::now(),
        operator: operator.to_string(),
        command: "recover".into(),
        summary: format!("rolled back an interrupted {command}: it was not applied"),
        changes: vec![],
        state: Default::default(),
        hash: Default::default(),
    };
    let head = chain::seal(&head, head.state, &mut event);
    let mut last = sled::Batch::default();
    last.insert(keys::audit(seq), codec::encode(&event));
    last.insert(keys::sequence("audit"), codec::encode(&seq));
    last.insert(keys::CHAIN, codec::encode(&head));
    last.remove(JOURNAL);
    store.apply(last, true)?;
    Ok(Some(command))
}

/// `recover` for a store of an older schema, before it is migrated: the audit record is
/// written in that schema's layout.
pub(super) fn recover_legacy(store: &Store, schema: u32, operator: &str) -> StoreResult<()> {
    let Some(journal) = store.get::<Journal>(JOURNAL)? else {
        return Ok(());
    };
    if schema < 2 {
        return Err(super::StoreError::Corrupt {
            path: store.path().to_path_buf(),
            reason: "schema 1 store with an interrupted command".into(),
        });
    }
    let command = journal.command.clone();
    apply_in_batches(store, journal.before)?;
    let seq = store.get::<u64>(&keys::sequence("audit"))?.unwrap_or(0) + 1;
    let event = super::legacy::LegacyAuditEvent {
        seq,
        at: chrono::Utc::now(),
        operator: operator.to_string(),
        command: "recover".into(),
        summary: format!("rolled back an interrupted {command}: it was not applied"),
        changes: vec![],
    };
    let mut last = sled::Batch::default();
    last.insert(keys::audit(seq), codec::encode(&event));
    last.insert(keys::sequence("audit"), codec::encode(&seq));
    last.remove(JOURNAL);
    store.apply(last, true)
}
