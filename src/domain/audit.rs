//! Audit events: one per applied command, written in the same atomic batch as the change,
//! each linked to the one before by a hash (a chain that shows any edit after the fact).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Timestamp;

/// A SHA-256 value: hex in JSON, 32 bytes in the store.
#[derive(Clone, Copy, PartialEq, Eq, Default, Hash, PartialOrd, Ord)]
pub struct Digest(pub [u8; 32]);

impl Digest {
    pub fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    pub fn from_hex(text: &str) -> Option<Digest> {
        if text.len() != 64 || !text.is_ascii() {
            return None;
        }
        let mut out = [0u8; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(Digest(out))
    }

    /// The first 12 hex digits, enough to tell two apart in a message.
    pub fn short(&self) -> String {
        self.hex()[..12].to_string()
    }
}

impl std::fmt::Debug for Digest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Digest({})", self.short())
    }
}

impl Serialize for Digest {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.serialize_str(&self.hex())
        } else {
            self.0.serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for Digest {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if d.is_human_readable() {
            let text = String::deserialize(d)?;
            Digest::from_hex(&text).ok_or_else(|| serde::de::Error::custom("not a 64-digit hex digest"))
        } else {
            Ok(Digest(<[u8; 32]>::deserialize(d)?))
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub seq: u64,
    pub at: Timestamp,
    pub operator: String,
    /// The command's name, e.g. `transition_member`.
    pub command: String,
    /// A one-line summary a person can read.
    pub summary: String,
    /// The records the command changed: key, JSON before (None when new), JSON after
    /// (None when removed).
    pub changes: Vec<AuditChange>,
    /// The digest of every record in the store once this event's batch is applied (the
    /// audit itself aside): a record edited later no longer adds up to it.
    pub state: Digest,
    /// SHA-256 of the previous event's hash and this event's content.
    pub hash: Digest,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditChange {
    pub key: String,
    pub before: Option<String>,
    pub after: Option<String>,
}
