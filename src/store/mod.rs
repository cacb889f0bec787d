//! The sled store: one directory, one tree of prefixed keys, atomic batches with their
//! audit record, schema version and migrations. Only the service layer uses it.

pub mod chain;
pub mod codec;
pub mod due_index;
pub mod gap_index;
mod journal;
pub mod keys;
mod legacy;
pub mod migrate;
pub mod records;
pub mod summary;
mod tx;

use std::fs::DirBuilder;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

pub use tx::{Tx, Upsert};

/// The layout version this build writes. Older stores are migrated on open.
pub const SCHEMA_VERSION: u32 = 8;

/// How long opening waits for a lock that a closing process is about to release.
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_millis(750);

/// sled's page cache: its 1 GB default is far above what an HR server should give us.
const CACHE_BYTES: u64 = 32 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the store at {0} is in use by another cadre process; close it and try again")]
    InUse(PathBuf),
    #[error("the store at {path} was written by a newer cadre (schema {found}, this build reads up to {SCHEMA_VERSION})")]
    TooNew { path: PathBuf, found: u32 },
    #[error("cannot use {path} as a store: {reason}")]
    Unusable { path: PathBuf, reason: String },
    #[error("the store at {path} is damaged: {reason}")]
    Corrupt { path: PathBuf, reason: String },
    #[error("store I/O failed at {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: sled::Error,
    },
}

pub type StoreResult<T> = Result<T, StoreError>;

/// An open store. Exclusive to this process (sled holds a file lock).
pub struct Store {
    db: sled::Db,
    path: PathBuf,
}

impl Store {
    /// Opens (creating when missing) the store directory, migrating an older schema and
    /// rolling back an interrupted command; `operator` is named in their audit records.
    pub fn open(path: &Path, operator: &str) -> StoreResult<Store> {
        let store = Store::open_raw(path)?;
        match store.schema()? {
            None => {}
            Some(v) if v == SCHEMA_VERSION => {}
            Some(v) if v > SCHEMA_VERSION => {
                return Err(StoreError::TooNew { path: path.to_path_buf(), found: v })
            }
            Some(v) => {
                journal::recover_legacy(&store, v, operator)?;
                migrate::run(&store, v, operator)?;
            }
        }
        journal::recover(&store, operator)?;
        Ok(store)
    }

    /// Opens without looking at the schema (for migrations and their tests).
    pub fn open_raw(path: &Path) -> StoreResult<Store> {
        if path.exists() && !path.is_dir() {
            return Err(StoreError::Unusable {
                path: path.to_path_buf(),
                reason: "it is a file, not a directory".into(),
            });
        }
        if !path.exists() {
            DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(path)
                .map_err(|e| StoreError::Unusable { path: path.to_path_buf(), reason: e.to_string() })?;
            // recursive() applies the mode to the leaf; make sure umask did not widen it.
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700));
        }
        // A process that just closed the store may still hold sled's lock for a moment
        // (its flusher thread ends after it); a store really in use stays locked.
        let deadline = std::time::Instant::now() + LOCK_PATIENCE;
        let db = loop {
            match sled::Config::new().path(path).cache_capacity(CACHE_BYTES).open() {
                Ok(db) => break db,
                Err(sled::Error::Io(io))
                    if io.to_string().contains("could not acquire lock")
                        && std::time::Instant::now() < deadline =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(25));
                }
                Err(e) => {
                    return Err(match &e {
                        sled::Error::Io(io) if io.to_string().contains("could not acquire lock") => {
                            StoreError::InUse(path.to_path_buf())
                        }
                        sled::Error::Io(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
                            StoreError::Unusable {
                                path: path.to_path_buf(),
                                reason: "permission denied".into(),
                            }
                        }
                        sled::Error::Corruption { .. } | sled::Error::Unsupported(_) => {
                            StoreError::Corrupt { path: path.to_path_buf(), reason: e.to_string() }
                        }
                        _ => StoreError::Io { path: path.to_path_buf(), source: e },
                    })
                }
            }
        };
        Ok(Store { db, path: path.to_path_buf() })
    }

    /// A scratch store inside `dir` (a private directory), removed when dropped: where a
    /// restore checks and migrates a backup before touching the real store.
    pub fn scratch_in(dir: &Path) -> StoreResult<Store> {
        let path = dir.join(format!(".scratch-{}", std::process::id()));
        let db = sled::Config::new()
            .path(&path)
            .temporary(true)
            .cache_capacity(CACHE_BYTES)
            .open()
            .map_err(|e| StoreError::Io { path: path.clone(), source: e })?;
        Ok(Store { db, path })
    }

    /// Brings a scratch store holding an older schema's records to this build's schema.
    pub fn migrate_scratch(&self, from: u32, operator: &str) -> StoreResult<()> {
        if from < SCHEMA_VERSION {
            migrate::run(self, from, operator)?;
        }
        Ok(())
    }

    /// Writes one raw record (scratch stores only: no audit).
    pub fn put_scratch(&self, key: &[u8], value: &[u8]) -> StoreResult<()> {
        self.db.insert(key, value).map(|_| ()).map_err(|e| self.io(e))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn io(&self, e: sled::Error) -> StoreError {
        StoreError::Io { path: self.path.clone(), source: e }
    }

    pub(crate) fn corrupt(&self, key: &[u8], e: impl std::fmt::Display) -> StoreError {
        StoreError::Corrupt {
            path: self.path.clone(),
            reason: format!("record {}: {e}", String::from_utf8_lossy(key)),
        }
    }

    /// The schema version on disk; `None` for a store never initialised.
    pub fn schema(&self) -> StoreResult<Option<u32>> {
        self.get::<u32>(keys::SCHEMA)
    }

    pub fn is_empty(&self) -> bool {
        self.db.is_empty()
    }

    pub fn get_raw(&self, key: &[u8]) -> StoreResult<Option<sled::IVec>> {
        self.db.get(key).map_err(|e| self.io(e))
    }

    /// Reads and decodes one record.
    pub fn get<T: DeserializeOwned>(&self, key: &[u8]) -> StoreResult<Option<T>> {
        match self.get_raw(key)? {
            None => Ok(None),
            Some(bytes) => codec::decode(&bytes).map(Some).map_err(|e| self.corrupt(key, e)),
        }
    }

    pub fn contains(&self, key: &[u8]) -> StoreResult<bool> {
        self.db.contains_key(key).map_err(|e| self.io(e))
    }

    /// Records under a prefix in key order, starting after `after` (exclusive) when given.
    pub fn scan<T: DeserializeOwned>(
        &self,
        prefix: &[u8],
        after: Option<&[u8]>,
    ) -> impl Iterator<Item = StoreResult<(Vec<u8>, T)>> + '_ {
        self.scan_raw_from(prefix, after).map(move |r| {
            let (k, v) = r?;
            let value = codec::decode(&v).map_err(|e| self.corrupt(&k, e))?;
            Ok((k.to_vec(), value))
        })
    }

    /// The encoded records under a prefix, read in one pass, for decoding elsewhere (on
    /// two threads, say); no storage type leaves the store.
    pub fn scan_encoded(&self, prefix: &[u8]) -> StoreResult<Vec<Encoded>> {
        self.scan_raw(prefix).map(|r| r.map(|(key, value)| Encoded { key, value })).collect()
    }

    /// Raw pairs under a prefix (backup, migrations).
    pub fn scan_raw(
        &self,
        prefix: &[u8],
    ) -> impl Iterator<Item = StoreResult<(sled::IVec, sled::IVec)>> + '_ {
        self.scan_raw_from(prefix, None)
    }

    /// Raw pairs under a prefix, starting after `after` (exclusive) when given.
    pub fn scan_raw_from(
        &self,
        prefix: &[u8],
        after: Option<&[u8]>,
    ) -> impl Iterator<Item = StoreResult<(sled::IVec, sled::IVec)>> + '_ {
        // the first key after `after`; take_while below stops at the end of the prefix
        let iter = match after {
            Some(a) => {
                let mut start = a.to_vec();
                start.push(0);
                self.db.range(start..)
            }
            None => self.db.scan_prefix(prefix),
        };
        let prefix = prefix.to_vec();
        iter.take_while(move |r| r.as_ref().map_or(true, |(k, _)| k.starts_with(&prefix)))
            .map(move |r| r.map_err(|e| self.io(e)))
    }

    /// Raw pairs under a prefix, last key first.
    pub fn scan_raw_rev(
        &self,
        prefix: &[u8],
    ) -> impl Iterator<Item = StoreResult<(sled::IVec, sled::IVec)>> + '_ {
        self.db.scan_prefix(prefix).rev().map(move |r| r.map_err(|e| self.io(e)))
    }

    /// Number of keys under a prefix (walks the keys; for reports, not keystrokes).
    pub fn count(&self, prefix: &[u8]) -> usize {
        self.db.scan_prefix(prefix).keys().count()
    }

    /// Applies a batch atomically; with `durable` it is on disk before this returns.
    pub fn apply(&self, batch: sled::Batch, durable: bool) -> StoreResult<()> {
        self.db.apply_batch(batch).map_err(|e| self.io(e))?;
        if durable {
            self.db.flush().map_err(|e| self.io(e))?;
        }
        Ok(())
    }

    pub fn flush(&self) -> StoreResult<()> {
        self.db.flush().map(|_| ()).map_err(|e| self.io(e))
    }

    /// Bytes the store takes on disk.
    pub fn size_on_disk(&self) -> u64 {
        self.db.size_on_disk().unwrap_or(0)
    }
}

/// One record as stored: its key and its encoded value.
pub struct Encoded {
    key: sled::IVec,
    value: sled::IVec,
}

impl Encoded {
    pub fn key(&self) -> &[u8] {
        &self.key
    }

    pub fn value(&self) -> &[u8] {
        &self.value
    }
}
