//! The tamper-evident audit: every audit event carries SHA-256 of the previous event's
//! hash and its own content, and the digest of the whole store's records after its batch.
//!
//! The state digest is a sum, lane by lane, of SHA-256 over each record's key and value,
//! kept up to date by subtracting a record's old hash and adding its new one in every
//! commit. Editing, adding or removing any record outside cadre (in the sled files or in a
//! backup) leaves the records no longer adding up to the digest the last event recorded;
//! editing an event breaks its link. What it cannot catch: someone who can write the store
//! or a backup and recomputes the whole chain (a root user, or the cadre user itself) —
//! only a copy of the chain head kept elsewhere shows that, which is why a restore compares
//! the backup's chain with the store's own.

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::{codec, keys, Store, StoreResult};
use crate::domain::audit::{AuditEvent, Digest};

/// The latest event's sequence and hash, and the running state digest.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainHead {
    pub seq: u64,
    pub hash: Digest,
    pub state: StateSum,
}

/// The running sum of record hashes (four 64-bit lanes, each modulo 2^64).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateSum(pub [u64; 4]);

fn lanes(key: &[u8], value: &[u8]) -> [u64; 4] {
    let mut h = Sha256::new();
    h.update((key.len() as u64).to_le_bytes());
    h.update(key);
    h.update(value);
    let out = h.finalize();
    let mut lanes = [0u64; 4];
    for (i, lane) in lanes.iter_mut().enumerate() {
        *lane = u64::from_le_bytes(out[8 * i..8 * i + 8].try_into().expect("8 bytes"));
    }
    lanes
}

impl StateSum {
    pub fn add(&mut self, key: &[u8], value: &[u8]) {
        for (lane, h) in self.0.iter_mut().zip(lanes(key, value)) {
            *lane = lane.wrapping_add(h);
        }
    }

    pub fn sub(&mut self, key: &[u8], value: &[u8]) {
        for (lane, h) in self.0.iter_mut().zip(lanes(key, value)) {
            *lane = lane.wrapping_sub(h);
        }
    }

    pub fn digest(&self) -> Digest {
        let mut out = [0u8; 32];
        for (i, lane) in self.0.iter().enumerate() {
            out[8 * i..8 * i + 8].copy_from_slice(&lane.to_le_bytes());
        }
        Digest(out)
    }
}

/// Whether a record counts in the state digest: everything but the audit itself, its
/// counter, the chain head and an undo journal.
pub fn in_state(key: &[u8]) -> bool {
    !(key.starts_with(keys::AUDIT.as_bytes())
        || key == keys::CHAIN
        || key == super::keys::JOURNAL
        || key == keys::sequence("audit").as_slice())
}

/// The hash of an event linked to `prev`: over every field but `hash`.
pub fn event_hash(prev: &Digest, e: &AuditEvent) -> Digest {
    let content =
        codec::encode(&(prev, e.seq, e.at, &e.operator, &e.command, &e.summary, &e.changes, e.state));
    let mut h = Sha256::new();
    h.update(content);
    Digest(h.finalize().into())
}

/// The chain head as stored (a new store starts at zero).
pub fn head(store: &Store) -> StoreResult<ChainHead> {
    Ok(store.get::<ChainHead>(keys::CHAIN)?.unwrap_or_default())
}

/// The state digest of the store as it is, from every record (a full scan).
pub fn state_of(store: &Store) -> StoreResult<StateSum> {
    let mut sum = StateSum::default();
    for pair in store.scan_raw(b"") {
        let (k, v) = pair?;
        if in_state(&k) {
            sum.add(&k, &v);
        }
    }
    Ok(sum)
}

/// Seals `event` onto the chain: sets its state and hash and returns the new head.
pub fn seal(prev: &ChainHead, state: StateSum, event: &mut AuditEvent) -> ChainHead {
    event.state = state.digest();
    event.hash = event_hash(&prev.hash, event);
    ChainHead { seq: event.seq, hash: event.hash, state }
}

impl ChainBreak {
    /// The break as a message for a person.
    pub fn msg(&self) -> crate::domain::msg::Msg {
        use crate::domain::msg::Msg;
        match self.clone() {
            ChainBreak::Link { seq, at, command, operator } => Msg::ChainLink { seq, at, command, operator },
            ChainBreak::Gap { after, next } => Msg::ChainGap { after, next },
            ChainBreak::Unreadable { seq, why } => Msg::ChainUnreadable { seq, why },
            ChainBreak::Head { head_seq, last_seq } => Msg::ChainHead { head_seq, last_seq },
            ChainBreak::State { seq } => Msg::ChainState { seq },
        }
    }
}

/// A break found by `verify`.
#[derive(Debug, Clone, PartialEq)]
pub enum ChainBreak {
    /// The event's hash does not match its content and the previous hash.
    Link { seq: u64, at: String, command: String, operator: String },
    /// A sequence number is missing.
    Gap { after: u64, next: u64 },
    /// An event cannot be read.
    Unreadable { seq: u64, why: String },
    /// The head record does not name the last event.
    Head { head_seq: u64, last_seq: u64 },
    /// The records do not add up to the state the last event recorded.
    State { seq: u64 },
}

/// Walks the whole chain; the first broken link, then the head and the state.
pub fn verify(store: &Store) -> StoreResult<Vec<ChainBreak>> {
    let mut breaks = Vec::new();
    let mut prev = Digest::default();
    let mut last: Option<AuditEvent> = None;
    for pair in store.scan_raw(keys::AUDIT.as_bytes()) {
        let (k, v) = pair?;
        let event: AuditEvent = match codec::decode(&v) {
            Ok(e) => e,
            Err(e) => {
                let seq = keys::segments(&k, keys::AUDIT)
                    .and_then(|s| s.first().and_then(|t| t.parse().ok()))
                    .unwrap_or(0);
                breaks.push(ChainBreak::Unreadable { seq, why: e.to_string() });
                return Ok(breaks);
            }
        };
        let expected_seq = last.as_ref().map_or(1, |l| l.seq + 1);
        if event.seq != expected_seq {
            breaks.push(ChainBreak::Gap { after: expected_seq - 1, next: event.seq });
            return Ok(breaks);
        }
        if event_hash(&prev, &event) != event.hash {
            breaks.push(ChainBreak::Link {
                seq: event.seq,
                at: event.at.format("%Y-%m-%d %H:%M").to_string(),
                command: event.command.clone(),
                operator: event.operator.clone(),
            });
            return Ok(breaks);
        }
        prev = event.hash;
        last = Some(event);
    }
    let head = head(store)?;
    let last_seq = last.as_ref().map_or(0, |l| l.seq);
    if head.seq != last_seq || last.as_ref().is_some_and(|l| l.hash != head.hash) {
        breaks.push(ChainBreak::Head { head_seq: head.seq, last_seq });
    }
    if let Some(last) = &last {
        let actual = state_of(store)?;
        if actual.digest() != last.state || actual != head.state {
            breaks.push(ChainBreak::State { seq: last.seq });
        }
    }
    Ok(breaks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_sum_is_order_free_and_undoes_exactly() {
        let mut a = StateSum::default();
        a.add(b"emp/E1", b"x");
        a.add(b"emp/E2", b"y");
        let mut b = StateSum::default();
        b.add(b"emp/E2", b"y");
        b.add(b"emp/E1", b"x");
        assert_eq!(a, b);
        b.sub(b"emp/E1", b"x");
        b.add(b"emp/E1", b"z");
        assert_ne!(a, b);
        b.sub(b"emp/E1", b"z");
        b.add(b"emp/E1", b"x");
        assert_eq!(a, b);
    }

    #[test]
    fn an_edited_event_no_longer_matches_its_hash() {
        let mut e = AuditEvent {
            seq: 1,
            at: chrono::Utc::now(),
            operator: "hr".into(),
            command: "review_reflection".into(),
            summary: "85".into(),
            changes: vec![],
            state: Digest::default(),
            hash: Digest::default(),
        };
        let head = seal(&ChainHead::default(), StateSum::default(), &mut e);
        assert_eq!(event_hash(&Digest::default(), &e), head.hash);
        e.operator = "root".into();
        assert_ne!(event_hash(&Digest::default(), &e), head.hash);
    }
}
