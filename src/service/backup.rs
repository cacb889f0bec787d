//! Backups: a consistent snapshot of every record in one file, verified before restore.
//!
//! Format: `CADREBK1`, then per record a u32 key length, the key, a u32 value length and
//! the value (little-endian), then `END!` and the FNV-1a 64 checksum of everything before.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::Path;

use super::engine::{Applied, Engine};
use super::query::Answer;
use super::{ServiceError, ServiceResult};
use crate::store::{keys, Tx};

const MAGIC: &[u8; 8] = b"CADREBK1";
const TRAILER: &[u8; 4] = b"END!";

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

fn io_err(path: &Path, e: std::io::Error) -> ServiceError {
    ServiceError::store(format!("{}: {e}", path.display()))
}

impl Engine {
    /// Writes the snapshot to a temporary file beside `path`, then renames it into place.
    pub(super) fn backup(&self, path: &Path) -> ServiceResult<Answer> {
        let tmp = path.with_extension("partial");
        let file = File::create(&tmp).map_err(|e| io_err(&tmp, e))?;
        let mut out = BufWriter::new(file);
        let mut sum = Fnv::new();
        let mut write = |out: &mut BufWriter<File>, bytes: &[u8]| -> ServiceResult<()> {
            sum.update(bytes);
            out.write_all(bytes).map_err(|e| io_err(&tmp, e))
        };
        write(&mut out, MAGIC)?;
        let mut records = 0u64;
        for pair in self.store.scan_raw(b"") {
            let (k, v) = pair?;
            write(&mut out, &(k.len() as u32).to_le_bytes())?;
            write(&mut out, &k)?;
            write(&mut out, &(v.len() as u32).to_le_bytes())?;
            write(&mut out, &v)?;
            records += 1;
        }
        write(&mut out, TRAILER)?;
        let digest = sum.0;
        out.write_all(&digest.to_le_bytes()).map_err(|e| io_err(&tmp, e))?;
        let file = out.into_inner().map_err(|e| io_err(&tmp, e.into_error()))?;
        file.sync_all().map_err(|e| io_err(&tmp, e))?;
        let bytes = file.metadata().map_err(|e| io_err(&tmp, e))?.len();
        std::fs::rename(&tmp, path).map_err(|e| io_err(path, e))?;
        Ok(Answer::BackedUp { records, bytes })
    }

    /// Replaces every record with the backup's, in one batch. The restoring admin stays
    /// an operator so it cannot lock itself out.
    pub(super) fn restore(
        &self,
        tx: &mut Tx,
        path: &str,
        force: bool,
        op: &crate::domain::access::Operator,
    ) -> ServiceResult<Applied> {
        let path = Path::new(path);
        let pairs = read_backup(path)?;
        let holds_data =
            [keys::EMPLOYEE, keys::COURSE, keys::POOL].iter().any(|p| self.store.count(p.as_bytes()) > 0);
        if holds_data && !force {
            return Err(ServiceError::invalid(format!(
                "the store at {} is not empty; restore with --force to replace it",
                self.store.path().display()
            )));
        }
        for pair in self.store.scan_raw(b"") {
            let (k, _) = pair?;
            tx.remove_raw(k.to_vec());
        }
        let n = pairs.len();
        let me = keys::operator(&op.user);
        let keeps_me = pairs.iter().any(|(k, _)| *k == me);
        for (k, v) in pairs {
            tx.put_raw(k, v);
        }
        if !keeps_me {
            tx.put_raw(me, crate::store::codec::encode(op));
        }
        Ok(Applied::summary(format!("restored {n} records from {}", path.display())))
    }
}

/// Reads and verifies a backup; nothing is returned unless the whole file checks out.
pub(super) fn read_backup(path: &Path) -> ServiceResult<Vec<(Vec<u8>, Vec<u8>)>> {
    let mut data = Vec::new();
    File::open(path).and_then(|mut f| f.read_to_end(&mut data)).map_err(|e| io_err(path, e))?;
    let bad = |why: &str| {
        ServiceError::invalid(format!(
            "{} is not a usable cadre backup: {why}; nothing was restored",
            path.display()
        ))
    };
    if data.len() < MAGIC.len() + TRAILER.len() + 8 || &data[..8] != MAGIC {
        return Err(bad("wrong header"));
    }
    let body_end = data.len() - 8;
    let mut sum = Fnv::new();
    sum.update(&data[..body_end]);
    let stored = u64::from_le_bytes(data[body_end..].try_into().expect("8 bytes"));
    if sum.0 != stored || &data[body_end - 4..body_end] != TRAILER {
        return Err(bad("checksum mismatch (truncated or altered)"));
    }
    let mut pos = MAGIC.len();
    let end = body_end - 4;
    let mut pairs = Vec::new();
    let take = |pos: &mut usize, n: usize| -> Result<&[u8], ServiceError> {
        if *pos + n > end {
            return Err(bad("record runs past the end"));
        }
        let s = &data[*pos..*pos + n];
        *pos += n;
        Ok(s)
    };
    while pos < end {
        let klen = u32::from_le_bytes(take(&mut pos, 4)?.try_into().expect("4")) as usize;
        let k = take(&mut pos, klen)?.to_vec();
        let vlen = u32::from_le_bytes(take(&mut pos, 4)?.try_into().expect("4")) as usize;
        let v = take(&mut pos, vlen)?.to_vec();
        pairs.push((k, v));
    }
    if !pairs.iter().any(|(k, _)| k == keys::SCHEMA) {
        return Err(bad("no schema record"));
    }
    Ok(pairs)
}
