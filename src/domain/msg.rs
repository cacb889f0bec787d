//! Messages as codes with parameters: what the domain, the store and the service say to a
//! person, worded in Chinese or English only at the edge (`crate::locale`).

use serde::{Deserialize, Serialize};

/// A person named in a message: the name with the 工号 in brackets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Who {
    pub id: String,
    /// Empty when the person is not (or no longer) in the store.
    pub name: String,
}

impl Who {
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Who {
        Who { id: id.into(), name: name.into() }
    }

    /// Someone known only by id.
    pub fn id(id: impl Into<String>) -> Who {
        Who { id: id.into(), name: String::new() }
    }
}

/// One message. `code` (the variant's snake_case name) and the fields are stable: clients
/// and scripts see them in JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Msg {
    /// Words not yet given a code (kept for messages from outside cadre, e.g. the OS).
    Text {
        text: String,
    },
    /// An operating-system error on a path.
    Io {
        path: String,
        error: String,
    },

    // ids and text fields
    IdEmpty {
        what: String,
    },
    IdBadChar {
        what: String,
        id: String,
        ch: String,
    },
    IdTooLong {
        what: String,
        chars: usize,
        max: usize,
    },
    FieldTooLong {
        field: String,
        chars: usize,
        max: usize,
    },
    FieldControlChar {
        field: String,
    },
    FieldEmpty {
        field: String,
    },
    OutOfRange {
        field: String,
        value: String,
        min: String,
        max: String,
    },
    NotANumber {
        field: String,
        value: String,
    },
    DateOutOfRange {
        field: String,
        date: String,
        min: String,
        max: String,
    },

    // stores
    NoStore {
        path: String,
    },
    NotAStore {
        path: String,
    },
    StoreExists {
        path: String,
    },
    NotADemo {
        path: String,
    },
    NoPools,
    BinaryToTerminal,
    LineTooLong {
        what: String,
        line: u64,
        max: usize,
    },
    NotUtf8 {
        path: String,
    },

    // files
    /// `why`: directory, symlink, not_regular, read_only, no_name, no_temporary.
    FileRefused {
        path: String,
        why: String,
    },

    // backups
    BackupUnusable {
        why: Box<Msg>,
    },
    TooLarge {
        what: String,
        max: u64,
    },
    RestoreNeedsForce {
        store: String,
    },
    BackupSchema {
        found: u32,
        newest: u32,
    },
    BackupRecord {
        key: String,
        problem: String,
    },
    BackupHistory {
        seq: u64,
    },
    ChainLink {
        seq: u64,
        at: String,
        command: String,
        operator: String,
    },
    ChainGap {
        after: u64,
        next: u64,
    },
    ChainUnreadable {
        seq: u64,
        why: String,
    },
    ChainHead {
        head_seq: u64,
        last_seq: u64,
    },
    ChainState {
        seq: u64,
    },

    // identity and roles
    NoUserName {
        uid: u32,
    },
    NotAnOperator {
        user: String,
        store: String,
    },
    LastAdmin {
        user: String,
    },
}
