//! Messages as codes with parameters: what the domain, the store and the service say to a
//! person, worded in Chinese or English only at the edge (`crate::locale`).

use serde::{Deserialize, Serialize};

use super::states::{MemberState, ReflectionState};

pub use super::who::Who;

impl From<Box<Msg>> for Msg {
    fn from(m: Box<Msg>) -> Self {
        *m
    }
}

impl From<super::import_msg::ImportMsg> for Msg {
    fn from(m: super::import_msg::ImportMsg) -> Self {
        Msg::Import(Box::new(m))
    }
}

impl Msg {
    /// The field a message is about, for messages about one field.
    pub fn field(&self) -> Option<&str> {
        match self {
            Msg::IdEmpty { what: f }
            | Msg::IdBadChar { what: f, .. }
            | Msg::IdTooLong { what: f, .. }
            | Msg::FieldTooLong { field: f, .. }
            | Msg::FieldControlChar { field: f }
            | Msg::FieldEmpty { field: f }
            | Msg::OutOfRange { field: f, .. }
            | Msg::NotANumber { field: f, .. }
            | Msg::DateOutOfRange { field: f, .. }
            | Msg::NotOneOf { field: f, .. } => Some(f),
            Msg::ReviewBeforeSubmission => Some("reviewed_at"),
            _ => None,
        }
    }

    /// The person the message names, if any (the service fills in the name).
    pub fn who_mut(&mut self) -> Option<&mut Who> {
        match self {
            Msg::AlreadyInState { who, .. }
            | Msg::FinalState { who, .. }
            | Msg::OnlyAdmittedAppointed { who }
            | Msg::BadTransition { who, .. }
            | Msg::NeedsReason { who, .. }
            | Msg::NotPending { who, .. }
            | Msg::NotReturned { who, .. }
            | Msg::NotReviewed { who, .. }
            | Msg::FinalCannotUndo { who, .. }
            | Msg::ReviewedMeanwhile { who, .. }
            | Msg::RewrittenMeanwhile { who, .. }
            | Msg::MemberChangedMeanwhile { who, .. }
            | Msg::AppointNeedsReason { who, .. }
            | Msg::NotOnShortlist { who, .. }
            | Msg::NotInPool { who, .. }
            | Msg::NotEnrolled { who, .. }
            | Msg::NoStageReview { who, .. }
            | Msg::NoLedgerEntry { who, .. }
            | Msg::AlreadyEnrolled { who, .. }
            | Msg::PersonLeft { who }
            | Msg::AlreadyInPool { who, .. }
            | Msg::ReflectionExists { who, .. }
            | Msg::NothingToReplyTo { who, .. }
            | Msg::NoOpenObjection { who, .. }
            | Msg::HoursTooMany { who, .. }
            | Msg::AlreadyRedeemed { who, .. }
            | Msg::NotEnoughPoints { who, .. }
            | Msg::PointsOverflow { who }
            | Msg::OutOfScope { who, .. } => Some(who),
            _ => None,
        }
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
    /// What an import says about a file.
    Import(Box<super::import_msg::ImportMsg>),
    /// An operating-system error on a path: its kind (`not_found`, `permission_denied`,
    /// `already_exists`, `invalid_data`…, empty when another), and the system's text.
    Io {
        path: String,
        error: String,
        #[serde(default)]
        kind: String,
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
    CompletedShort {
        done: f32,
        required: f32,
    },
    ManagerNeedsDepartment {
        user: String,
    },
    EvaluationDate {
        year: u16,
        date: String,
    },
    ReviewBeforeSubmission,
    NoVersions,

    NotOneOf {
        field: String,
        value: String,
        allowed: String,
    },

    // pools and members
    AlreadyInState {
        who: Who,
        state: MemberState,
        pool: u32,
    },
    FinalState {
        who: Who,
        from: MemberState,
        to: MemberState,
    },
    OnlyAdmittedAppointed {
        who: Who,
    },
    BadTransition {
        who: Who,
        from: MemberState,
        to: MemberState,
        next: Vec<MemberState>,
    },
    NeedsReason {
        who: Who,
        to: MemberState,
    },

    // someone else was quicker (a decision made on a stale screen)
    ReviewedMeanwhile {
        who: Who,
        stage: u8,
        reviewer: String,
        at: String,
        score: u8,
        state: ReflectionState,
    },
    RewrittenMeanwhile {
        who: Who,
        stage: u8,
        version: u32,
    },
    MemberChangedMeanwhile {
        who: Who,
        operator: String,
        at: String,
        state: MemberState,
    },
    PolicyChangedMeanwhile {
        operator: String,
        at: String,
    },

    // undo and reopen
    FinalCannotUndo {
        who: Who,
        state: MemberState,
    },
    CannotUndo {
        command: String,
    },
    NoAuditEvent {
        seq: u64,
    },
    UndoOthers {
        seq: u64,
        operator: String,
    },
    ChangedSince {
        seq: u64,
    },

    // reflections
    NotPending {
        who: Who,
        stage: u8,
        state: ReflectionState,
    },
    NotReturned {
        who: Who,
        stage: u8,
        state: ReflectionState,
    },
    BelowPassScore {
        score: u8,
        pass: u8,
    },
    ReturnNeedsComment,
    NotReviewed {
        who: Who,
        stage: u8,
    },
    ReflectionInconsistent,

    // things that are not there
    NoEmployee {
        id: String,
    },
    NoPool {
        id: u32,
    },
    /// A pool name already given to another pool.
    PoolNameTaken {
        name: String,
        id: u32,
    },
    /// A closed cohort takes no nominations or admissions.
    PoolClosed {
        id: u32,
        name: String,
        on: String,
    },
    /// A pool named by a number or name that no pool has.
    NoPoolNamed {
        pool: String,
    },
    NoCourse {
        course: String,
    },
    NoReflection {
        id: u64,
    },
    NoVacancy {
        id: u32,
    },
    NoDepartment {
        name: String,
    },
    NoSection {
        department: String,
        section: String,
    },
    /// A plan giving one person the same course twice.
    CourseTwiceInPlan {
        course: String,
    },
    /// A vacancy due before it opens.
    DueBeforeOpening {
        due: String,
        opens: String,
    },
    /// A forecast vacancy is filled once it opens.
    VacancyNotOpenYet {
        id: u32,
        opens: String,
    },
    /// An effective date outside what the vacancy allows.
    EffectiveDateOutside {
        on: String,
        from: String,
        to: String,
    },
    NotInPool {
        who: Who,
        pool: u32,
    },
    NotEnrolled {
        who: Who,
        course: String,
    },
    NoStageReview {
        who: Who,
        kind: String,
        year: u16,
    },
    NoLedgerEntry {
        who: Who,
        seq: u64,
    },

    // refusals of the pipeline
    AlreadyEnrolled {
        who: Who,
        course: String,
    },
    PersonLeft {
        who: Who,
    },
    AlreadyInPool {
        who: Who,
        pool: u32,
        state: MemberState,
    },
    AppointThroughVacancy,
    StageOutOfRange {
        stage: u8,
        max: u8,
    },
    ReflectionExists {
        who: Who,
        stage: u8,
        state: ReflectionState,
    },
    NothingToReplyTo {
        who: Who,
        stage: u8,
    },
    NoOpenObjection {
        who: Who,
        kind: String,
        year: u16,
    },
    EntryIsReversal {
        seq: u64,
    },
    AlreadyReversed {
        seq: u64,
    },
    VacancyFilled {
        id: u32,
    },
    /// A vacancy of one rank filled from a pool for another.
    VacancyOtherRank {
        vacancy: u32,
        rank: String,
        pool: u32,
        pool_rank: String,
    },
    /// Appointing someone not ready now needs a reason.
    AppointNeedsReason {
        who: Who,
        level: String,
    },
    /// Someone not among a vacancy's candidates (name the pool with --pool).
    NotOnShortlist {
        who: Who,
        vacancy: u32,
    },
    /// No standing appointment to a vacancy.
    NoAppointment {
        vacancy: u32,
    },
    NoExam {
        course: String,
    },
    NothingToRecord,
    HoursTooMany {
        who: Who,
        course: String,
        hours: f32,
        left: f32,
    },
    AlreadyRedeemed {
        who: Who,
        kind: String,
        on: String,
    },
    NotEnoughPoints {
        who: Who,
        balance: i64,
        kind: String,
        needed: u32,
    },
    PointsOverflow {
        who: Who,
    },
    NotADimension {
        dimension: String,
        dimensions: Vec<String>,
    },
    LoadNotStarted,
    NoLoad,
    StoreHasEmployees {
        path: String,
    },
    PolicyInvalid {
        problem: super::policy_error::PolicyError,
    },
    PolicyUnusable {
        store: String,
        detail: String,
    },
    /// `action`: a code such as manage_operators, restore, back_up (see the locale).
    Denied {
        user: String,
        role: String,
        action: String,
    },
    /// A manager acting on someone of another department.
    OutOfScope {
        action: String,
        user: String,
        who: Who,
        department: String,
        own: String,
    },
    /// The store's own failure; `detail` is the system's words.
    StoreFailed {
        detail: String,
    },
    StoreInUse {
        path: String,
    },
    StoreTooNew {
        path: String,
        found: u32,
        newest: u32,
    },
    StoreDamaged {
        path: String,
        detail: String,
    },
    /// A client and the service disagree about a request or an answer (a bug).
    Internal {
        what: String,
    },

    // the server
    ProtocolMismatch {
        theirs: String,
        ours: String,
    },
    SocketInUse {
        socket: String,
    },
    AlreadyServed {
        store: String,
        pid: u32,
        socket: String,
    },
    NoServer {
        socket: String,
        error: String,
    },
    ServerGone {
        socket: String,
    },
    ServedElsewhere {
        store: String,
        pid: u32,
        socket: String,
    },
    WrongStore {
        socket: String,
        serves: String,
        asked: String,
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
    HeaderTwice {
        header: String,
        first: usize,
        again: usize,
    },
    /// A required column is not in the header row (which has `headers`).
    ColumnMissing {
        headers: String,
    },
    /// The mapping reads a required column from a header the file lacks.
    MappedColumnMissing {
        header: String,
    },
    HeaderUnknown {
        header: String,
        columns: String,
    },
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

impl Msg {
    /// An operating-system error on `path`, with its kind for the locale to word.
    pub fn io(path: impl Into<String>, e: &std::io::Error) -> Msg {
        use std::io::ErrorKind as K;
        let kind = match e.kind() {
            K::NotFound => "not_found",
            K::PermissionDenied => "permission_denied",
            K::AlreadyExists => "already_exists",
            K::InvalidData => "invalid_data",
            K::StorageFull => "storage_full",
            K::ReadOnlyFilesystem => "read_only",
            K::IsADirectory => "is_a_directory",
            K::NotADirectory => "not_a_directory",
            K::ConnectionRefused | K::ConnectionReset | K::BrokenPipe => "connection",
            _ => "",
        };
        Msg::Io { path: path.into(), error: e.to_string(), kind: kind.into() }
    }
}
