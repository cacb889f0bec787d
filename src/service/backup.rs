//! Backups: a consistent snapshot of every record, streamed to the caller (who writes the
//! file on its own side), and restores that check everything before touching the store.
//!
//! Format 2: `CADREBK2`; per record a u32 key length, the key, a u32 value length and the
//! value (little-endian); `END!`; the audit chain's head (u64 sequence, 32-byte hash);
//! SHA-256 of everything before. Format 1 (`CADREBK1`, FNV-1a 64, no head) still restores.
//!
//! A restore reads the whole backup into a scratch store beside the real one, migrates an
//! older schema forward, decodes and checks every record, verifies the audit chain and the
//! state digest, and compares the backup's chain with the store's own: a backup edited after
//! it was written is refused. Only then is the store replaced, in one audited command.

use std::io::{Read, Write};

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::command::Outcome;
use super::engine::{now, Engine};
use super::{ServiceError, ServiceResult};
use crate::domain::access::Operator;
use crate::domain::audit::{AuditEvent, Digest};
use crate::domain::msg::Msg;
use crate::store::{chain, codec, keys, records, Store, Tx, SCHEMA_VERSION};

const MAGIC_V1: &[u8; 8] = b"CADREBK1";
const MAGIC_V2: &[u8; 8] = b"CADREBK2";
const TRAILER: &[u8; 4] = b"END!";
/// The longest key a backup may hold.
const MAX_KEY: usize = 4096;
/// The largest record a backup may hold.
const MAX_VALUE: usize = 64 << 20;
/// The largest backup a restore reads (it is held in memory while checked).
pub const MAX_BACKUP: u64 = 8 << 30;

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupInfo {
    pub records: u64,
    pub bytes: u64,
    /// The audit chain's head at the snapshot.
    pub head_seq: u64,
    pub head_hash: Digest,
}

/// Counts and hashes what passes through to the sink.
struct Sealed<'a> {
    sink: &'a mut dyn Write,
    hash: Sha256,
    bytes: u64,
}

impl Sealed<'_> {
    fn put(&mut self, data: &[u8]) -> std::io::Result<()> {
        self.hash.update(data);
        self.bytes += data.len() as u64;
        self.sink.write_all(data)
    }
}

fn bad(why: Msg) -> ServiceError {
    ServiceError::invalid(Msg::BackupUnusable { why: Box::new(why) })
}

fn why(text: &str) -> Msg {
    Msg::Text { text: text.to_string() }
}

impl Engine {
    /// Streams the snapshot into `sink`. Commands wait meanwhile, so it is consistent.
    pub(super) fn backup_to(&self, sink: &mut dyn Write) -> ServiceResult<BackupInfo> {
        let io = |e: std::io::Error| ServiceError::store(Msg::io("backup", &e));
        let head = chain::head(&self.store)?;
        let mut out = Sealed { sink, hash: Sha256::new(), bytes: 0 };
        out.put(MAGIC_V2).map_err(io)?;
        let mut records = 0u64;
        for pair in self.store.scan_raw(b"") {
            let (k, v) = pair?;
            out.put(&(k.len() as u32).to_le_bytes()).map_err(io)?;
            out.put(&k).map_err(io)?;
            out.put(&(v.len() as u32).to_le_bytes()).map_err(io)?;
            out.put(&v).map_err(io)?;
            records += 1;
        }
        out.put(TRAILER).map_err(io)?;
        out.put(&head.seq.to_le_bytes()).map_err(io)?;
        out.put(&head.hash.0).map_err(io)?;
        let digest: [u8; 32] = out.hash.clone().finalize().into();
        out.sink.write_all(&digest).map_err(io)?;
        out.sink.flush().map_err(io)?;
        Ok(BackupInfo { records, bytes: out.bytes + 32, head_seq: head.seq, head_hash: head.hash })
    }

    /// Replaces every record with the backup's once all of it checks out.
    pub(super) fn restore_from(
        &self,
        op: &Operator,
        source: &mut dyn Read,
        force: bool,
    ) -> ServiceResult<Outcome> {
        let mut data = Vec::new();
        source
            .take(MAX_BACKUP + 1)
            .read_to_end(&mut data)
            .map_err(|e| ServiceError::store(Msg::io("backup", &e)))?;
        if data.len() as u64 > MAX_BACKUP {
            return Err(bad(Msg::TooLarge { what: "backup".into(), max: MAX_BACKUP }));
        }
        let parsed = parse(&data)?;
        drop(data);
        let holds_data = [keys::EMPLOYEE, keys::COURSE, keys::POOL]
            .iter()
            .any(|p| self.store.scan_raw(p.as_bytes()).next().is_some());
        if holds_data && !force {
            return Err(ServiceError::invalid(Msg::RestoreNeedsForce {
                store: self.store.path().display().to_string(),
            }));
        }
        let scratch = Store::scratch_in(self.store.path())?;
        for (k, v) in &parsed.pairs {
            scratch.put_scratch(k, v)?;
        }
        let schema =
            scratch.get::<u32>(keys::SCHEMA).map_err(|_| bad(why("the schema record does not decode")))?;
        let schema = match schema {
            None => return Err(bad(why("no schema record"))),
            Some(0) => return Err(bad(Msg::BackupSchema { found: 0, newest: SCHEMA_VERSION })),
            Some(s) if s > SCHEMA_VERSION => {
                return Err(bad(Msg::BackupSchema { found: s, newest: SCHEMA_VERSION }))
            }
            Some(s) => s,
        };
        if let Some(head) = parsed.head {
            // the chain as written must be whole before anything is migrated
            let written = chain::head(&scratch).map_err(|e| bad(why(&e.to_string())))?;
            if schema >= 4 && (written.seq != head.0 || written.hash != head.1) {
                return Err(bad(why("its audit chain head does not match its trailer")));
            }
            if schema >= 4 {
                if let Some(first) = chain::verify(&scratch)?.first() {
                    return Err(bad(first.msg()));
                }
            }
            self.same_history(head.0, &head.1)?;
        }
        scratch.migrate_scratch(schema, &op.user).map_err(|e| bad(why(&e.to_string())))?;
        for pair in scratch.scan_raw(b"") {
            let (k, v) = pair?;
            if let Err(problem) = records::check(&k, &v) {
                return Err(bad(Msg::BackupRecord { key: keys::display(&k), problem }));
            }
        }
        if let Some(first) = chain::verify(&scratch)?.first() {
            return Err(bad(first.msg()));
        }
        self.replace_with(&scratch, op, parsed.pairs.len(), parsed.format)
    }

    /// Refuses a backup whose audit history differs from this store's own.
    fn same_history(&self, seq: u64, hash: &Digest) -> ServiceResult<()> {
        if seq == 0 {
            return Ok(());
        }
        if let Some(event) = self.store.get::<AuditEvent>(&keys::audit(seq)).ok().flatten() {
            if event.hash != *hash {
                return Err(bad(Msg::BackupHistory { seq }));
            }
        }
        Ok(())
    }

    fn replace_with(&self, scratch: &Store, op: &Operator, n: usize, format: u8) -> ServiceResult<Outcome> {
        let mut tx = Tx::new(&self.store);
        for pair in self.store.scan_raw(b"") {
            let (k, _) = pair?;
            tx.remove_raw(k.to_vec());
        }
        let me = keys::operator(&op.user);
        let mut keeps_me = false;
        for pair in scratch.scan_raw(b"") {
            let (k, v) = pair?;
            keeps_me |= *k == *me;
            tx.put_raw(k.to_vec(), v.to_vec());
        }
        if !keeps_me {
            // the restoring admin stays an operator, so it cannot lock itself out
            tx.put_raw(me, codec::encode(op));
        }
        tx.replace_all();
        let done = crate::domain::done::Done::Restored { records: n, format };
        let summary = crate::locale::done::render(&done, crate::locale::Lang::En);
        let seq = tx.commit(&op.user, "restore", summary.clone(), now(), true)?;
        let changes = super::changes::Changes::everything(seq);
        Ok(Outcome { audit_seq: Some(seq), summary, done, import: None, created: None, changes })
    }
}

/// A backup file's records and chain head, its checksum verified.
struct Parsed {
    format: u8,
    pairs: Vec<(Vec<u8>, Vec<u8>)>,
    head: Option<(u64, Digest)>,
}

struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn update(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

fn parse(data: &[u8]) -> ServiceResult<Parsed> {
    let altered = || bad(why("checksum mismatch (truncated or altered)"));
    if data.len() < 8 {
        return Err(bad(why("wrong header")));
    }
    let (format, records_end, head) = match &data[..8] {
        m if m == MAGIC_V2 => {
            if data.len() < 8 + 4 + 8 + 32 + 32 {
                return Err(altered());
            }
            let body_end = data.len() - 32;
            let digest: [u8; 32] = Sha256::digest(&data[..body_end]).into();
            if digest[..] != data[body_end..] {
                return Err(altered());
            }
            let trailer = body_end - 44;
            if &data[trailer..trailer + 4] != TRAILER {
                return Err(altered());
            }
            let seq = u64::from_le_bytes(data[trailer + 4..trailer + 12].try_into().expect("8 bytes"));
            let hash = Digest(data[trailer + 12..trailer + 44].try_into().expect("32 bytes"));
            (2, trailer, Some((seq, hash)))
        }
        m if m == MAGIC_V1 => {
            if data.len() < 8 + 4 + 8 {
                return Err(altered());
            }
            let body_end = data.len() - 8;
            let mut sum = Fnv::new();
            sum.update(&data[..body_end]);
            let stored = u64::from_le_bytes(data[body_end..].try_into().expect("8 bytes"));
            if sum.0 != stored || &data[body_end - 4..body_end] != TRAILER {
                return Err(altered());
            }
            (1, body_end - 4, None)
        }
        _ => return Err(bad(why("wrong header"))),
    };
    let mut pos = 8;
    let mut pairs = Vec::new();
    let take = |pos: &mut usize, n: usize| -> ServiceResult<&[u8]> {
        if *pos + n > records_end {
            return Err(bad(why("a record runs past the end")));
        }
        let s = &data[*pos..*pos + n];
        *pos += n;
        Ok(s)
    };
    while pos < records_end {
        let klen = u32::from_le_bytes(take(&mut pos, 4)?.try_into().expect("4")) as usize;
        if klen == 0 || klen > MAX_KEY {
            return Err(bad(why("a key of impossible length")));
        }
        let k = take(&mut pos, klen)?.to_vec();
        let vlen = u32::from_le_bytes(take(&mut pos, 4)?.try_into().expect("4")) as usize;
        if vlen > MAX_VALUE {
            return Err(bad(why("a record of impossible length")));
        }
        let v = take(&mut pos, vlen)?.to_vec();
        pairs.push((k, v));
    }
    Ok(Parsed { format, pairs, head })
}
