//! A unit of change: reads see the pending writes; commit applies every write and the
//! command's audit record in one atomic sled batch.

use std::collections::BTreeMap;

use serde::{de::DeserializeOwned, Serialize};

use super::{chain, codec, journal, keys, Store, StoreResult};
use crate::domain::audit::{AuditChange, AuditEvent};
use crate::domain::Timestamp;

pub use super::journal::BATCH_WRITES;

/// What an upsert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    Added,
    Changed,
    Unchanged,
}

pub struct Tx<'s> {
    pub(super) store: &'s Store,
    pub(super) writes: BTreeMap<Vec<u8>, Option<Vec<u8>>>,
    changes: Vec<AuditChange>,
    /// Writes that changed a value, audited or not.
    changed: usize,
    /// The writes replace every record of the store (a restore).
    pub(super) replaces_all: bool,
}

impl<'s> Tx<'s> {
    pub fn new(store: &'s Store) -> Tx<'s> {
        Tx { store, writes: BTreeMap::new(), changes: Vec::new(), changed: 0, replaces_all: false }
    }

    /// Marks the writes as a whole new store (every old record is removed by them).
    pub fn replace_all(&mut self) {
        self.replaces_all = true;
    }

    /// The pending writes, for a migration that writes its own batch.
    pub(super) fn into_writes(self) -> BTreeMap<Vec<u8>, Option<Vec<u8>>> {
        self.writes
    }

    pub fn store(&self) -> &'s Store {
        self.store
    }

    fn raw(&self, key: &[u8]) -> StoreResult<Option<Vec<u8>>> {
        match self.writes.get(key) {
            Some(pending) => Ok(pending.clone()),
            None => Ok(self.store.get_raw(key)?.map(|v| v.to_vec())),
        }
    }

    /// Reads a record as this transaction would leave it.
    pub fn get<T: DeserializeOwned>(&self, key: &[u8]) -> StoreResult<Option<T>> {
        match self.raw(key)? {
            None => Ok(None),
            Some(bytes) => codec::decode(&bytes).map(Some).map_err(|e| self.store.corrupt(key, e)),
        }
    }

    pub fn exists(&self, key: &[u8]) -> StoreResult<bool> {
        match self.writes.get(key) {
            Some(pending) => Ok(pending.is_some()),
            None => self.store.contains(key),
        }
    }

    /// Every record under a prefix as this transaction would leave them, in key order.
    /// For small per-person prefixes: the store's records are read in full.
    pub fn scan_merged<T: DeserializeOwned>(&self, prefix: &[u8]) -> StoreResult<Vec<T>> {
        let mut merged: BTreeMap<Vec<u8>, Vec<u8>> = BTreeMap::new();
        for item in self.store.scan_raw(prefix) {
            let (k, v) = item?;
            merged.insert(k.to_vec(), v.to_vec());
        }
        for (k, v) in self.writes.range(prefix.to_vec()..).take_while(|(k, _)| k.starts_with(prefix)) {
            match v {
                Some(v) => merged.insert(k.clone(), v.clone()),
                None => merged.remove(k),
            };
        }
        merged.into_iter().map(|(k, v)| codec::decode(&v).map_err(|e| self.store.corrupt(&k, e))).collect()
    }

    /// Rebuilds the readiness facts of everyone these writes touch (see `summary`).
    fn refresh_summaries(&mut self) -> StoreResult<()> {
        super::due_index::refresh(self)?;
        super::gap_index::refresh(self)?;
        let touched = super::summary::touched(self.writes.iter());
        super::summary::refresh(self, touched)
    }

    /// Writes a record derived from others (not audited: its sources are).
    pub(super) fn put_derived<T: Serialize>(&mut self, key: &[u8], value: &T) {
        self.writes.insert(key.to_vec(), Some(codec::encode(value)));
    }

    /// Removes a derived record if there is one.
    pub(super) fn remove_derived(&mut self, key: &[u8]) -> StoreResult<()> {
        if self.writes.get(key).is_some_and(Option::is_some) || self.store.contains(key)? {
            self.writes.insert(key.to_vec(), None);
        }
        Ok(())
    }

    /// Writes a record and records its before → after in the audit. Returns whether
    /// anything changed (writing an identical value is not a change).
    pub fn put<T: Serialize + DeserializeOwned>(&mut self, key: &[u8], value: &T) -> StoreResult<bool> {
        let before: Option<T> = self.get(key)?;
        let bytes = codec::encode(value);
        if before.as_ref().map(codec::encode).as_deref() == Some(bytes.as_slice()) {
            return Ok(false);
        }
        self.changes.push(AuditChange {
            key: keys::display(key),
            before: before.map(|b| to_json(&b)),
            after: Some(to_json(value)),
        });
        self.writes.insert(key.to_vec(), Some(bytes));
        self.changed += 1;
        Ok(true)
    }

    /// Writes a record without a before → after entry (bulk loads; the summary says what).
    pub fn put_unaudited<T: Serialize>(&mut self, key: &[u8], value: &T) {
        self.writes.insert(key.to_vec(), Some(codec::encode(value)));
        self.changed += 1;
    }

    /// Adds a record silently (the summary counts it) or, when one exists, replaces it
    /// with its before → after in the audit.
    pub fn upsert<T: Serialize + DeserializeOwned>(&mut self, key: &[u8], value: &T) -> StoreResult<Upsert> {
        if self.exists(key)? {
            Ok(if self.put(key, value)? { Upsert::Changed } else { Upsert::Unchanged })
        } else {
            self.put_unaudited(key, value);
            Ok(Upsert::Added)
        }
    }

    /// Notes a change in the audit that the record writes alone would not show
    /// (e.g. one year's performance inside an employee record).
    pub fn note_change<B: Serialize, A: Serialize>(
        &mut self,
        key: String,
        before: Option<&B>,
        after: Option<&A>,
    ) {
        self.changes.push(AuditChange { key, before: before.map(to_json), after: after.map(to_json) });
    }

    /// Raw writes for restore: the bytes are already encoded records.
    pub fn put_raw(&mut self, key: Vec<u8>, value: Vec<u8>) {
        self.writes.insert(key, Some(value));
        self.changed += 1;
    }

    pub fn remove_raw(&mut self, key: Vec<u8>) {
        self.writes.insert(key, None);
        self.changed += 1;
    }

    /// Removes a record, keeping its last value in the audit.
    pub fn delete<T: Serialize + DeserializeOwned>(&mut self, key: &[u8]) -> StoreResult<()> {
        if let Some(before) = self.get::<T>(key)? {
            self.changes.push(AuditChange {
                key: keys::display(key),
                before: Some(to_json(&before)),
                after: None,
            });
            self.writes.insert(key.to_vec(), None);
            self.changed += 1;
        }
        Ok(())
    }

    /// The next number of a named sequence (1, 2, …), kept in the same batch.
    pub fn next_seq(&mut self, name: &str) -> StoreResult<u64> {
        let key = keys::sequence(name);
        let next = self.get::<u64>(&key)?.unwrap_or(0) + 1;
        self.writes.insert(key, Some(codec::encode(&next)));
        Ok(next)
    }

    /// The keys this transaction writes so far.
    pub fn keys(&self) -> impl Iterator<Item = &[u8]> {
        self.writes.keys().map(Vec::as_slice)
    }

    /// Number of writes that changed something.
    pub fn changed(&self) -> usize {
        self.changed
    }

    /// Applies all writes together with one audit event. Returns the audit sequence number.
    pub fn commit(
        mut self,
        operator: &str,
        command: &str,
        summary: String,
        at: Timestamp,
        durable: bool,
    ) -> StoreResult<u64> {
        self.refresh_summaries()?;
        let prev = self.get::<chain::ChainHead>(keys::CHAIN)?.unwrap_or_default();
        let seq = self.next_seq("audit")?;
        let state = self.state_after(prev.state)?;
        let mut event = AuditEvent {
            seq,
            at,
            operator: operator.to_string(),
            command: command.to_string(),
            summary,
            changes: std::mem::take(&mut self.changes),
            state: Default::default(),
            hash: Default::default(),
        };
        let head = chain::seal(&prev, state, &mut event);
        self.writes.insert(keys::audit(seq), Some(codec::encode(&event)));
        self.writes.insert(keys::CHAIN.to_vec(), Some(codec::encode(&head)));
        if self.writes.len() <= BATCH_WRITES {
            let mut batch = sled::Batch::default();
            for (k, v) in self.writes {
                match v {
                    Some(v) => batch.insert(k, v),
                    None => batch.remove(k),
                }
            }
            self.store.apply(batch, durable)?;
        } else {
            journal::apply_journaled(self.store, command, self.writes)?;
        }
        Ok(seq)
    }
}

impl Tx<'_> {
    /// The state digest once these writes are applied to a store whose digest is `before`.
    fn state_after(&self, before: chain::StateSum) -> StoreResult<chain::StateSum> {
        let mut state = if self.replaces_all { chain::StateSum::default() } else { before };
        for (key, value) in &self.writes {
            if !chain::in_state(key) {
                continue;
            }
            if !self.replaces_all {
                if let Some(old) = self.store.get_raw(key)? {
                    state.sub(key, &old);
                }
            }
            if let Some(new) = value {
                state.add(key, new);
            }
        }
        Ok(state)
    }
}

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("records serialise to JSON")
}
