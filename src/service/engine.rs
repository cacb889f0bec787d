//! The in-process executor of requests: resolves the operator, checks the role, runs the
//! command against the store in one atomic batch with its audit record.

use std::path::Path;
use std::sync::Mutex;

use super::changes::Changes;
use super::command::{Command, Outcome};
use super::query::{Answer, Query};
use super::{authz, Reply, Request, RequestBody, Response, ServiceError, ServiceResult, Transport};
use crate::domain::access::{Operator, Role};
use crate::domain::done::Done;
use crate::domain::msg::{Msg, Who};
use crate::domain::org::Employee;
use crate::domain::policy::Policy;
use crate::domain::Timestamp;
use crate::store::{keys, Store, Tx, SCHEMA_VERSION};

pub struct Engine {
    pub(super) store: Store,
    /// Commands run one at a time: a read-validate-write never races another.
    gate: Mutex<()>,
    /// The parsed policy, read once; dropped when a command replaces it.
    policy: Mutex<Option<Policy>>,
    /// Queries that read a whole pool or more take turns, as many at once as there are
    /// cores: more would only hold more answers in memory, not finish sooner.
    heavy: Turns,
}

/// A counting gate: at most `limit` holders at once.
struct Turns {
    taken: Mutex<usize>,
    freed: std::sync::Condvar,
    limit: usize,
}

impl Turns {
    fn new() -> Turns {
        let limit = std::thread::available_parallelism().map_or(2, |n| n.get());
        Turns { taken: Mutex::new(0), freed: std::sync::Condvar::new(), limit }
    }

    fn take(&self) -> TurnGuard<'_> {
        let mut taken = self.taken.lock().unwrap_or_else(|p| p.into_inner());
        while *taken >= self.limit {
            taken = self.freed.wait(taken).unwrap_or_else(|p| p.into_inner());
        }
        *taken += 1;
        TurnGuard(self)
    }
}

struct TurnGuard<'a>(&'a Turns);

impl Drop for TurnGuard<'_> {
    fn drop(&mut self) {
        *self.0.taken.lock().unwrap_or_else(|p| p.into_inner()) -= 1;
        self.0.freed.notify_one();
    }
}

impl Engine {
    /// Opens the store; with `create`, a store never initialised gets the default policy
    /// and `creator` as its admin (without it, such a directory is refused).
    pub fn open(path: &Path, creator: &str, create: bool) -> ServiceResult<Engine> {
        let store = Store::open(path, creator)?;
        if store.schema()?.is_none() && !create {
            return Err(ServiceError::invalid(crate::domain::msg::Msg::NotAStore {
                path: path.display().to_string(),
            }));
        }
        Engine::init(store, creator)
    }

    /// The engine over `store`; a store never initialised gets the schema, the default
    /// policy and `creator` as its admin, in one audited batch.
    fn init(store: Store, creator: &str) -> ServiceResult<Engine> {
        if store.schema()?.is_none() {
            let mut tx = Tx::new(&store);
            tx.put_unaudited(keys::SCHEMA, &SCHEMA_VERSION);
            tx.put(keys::POLICY, &Policy::default().to_toml())?;
            tx.put(
                &keys::operator(creator),
                &Operator { user: creator.to_string(), role: Role::Admin, department: None },
            )?;
            let done =
                Done::StoreCreated { path: store.path().display().to_string(), admin: creator.to_string() };
            tx.commit(
                creator,
                "init_store",
                crate::locale::done::render(&done, crate::locale::Lang::En),
                now(),
                true,
            )?;
        }
        Ok(Engine { store, gate: Mutex::new(()), policy: Mutex::new(None), heavy: Turns::new() })
    }

    /// An engine over a fresh scratch store in the system's temporary directory.
    pub fn scratch(creator: &str) -> ServiceResult<Engine> {
        let store = Store::scratch_in(&std::env::temp_dir())?;
        Engine::init(store, creator)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub(super) fn policy(&self) -> ServiceResult<Policy> {
        let mut cached = self.policy.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(p) = cached.as_ref() {
            return Ok(p.clone());
        }
        let policy = match self.store.get::<String>(keys::POLICY)? {
            None => Policy::default(),
            Some(text) => Policy::from_toml(&text).map_err(|e| {
                ServiceError::store(Msg::PolicyUnusable {
                    store: self.store.path().display().to_string(),
                    detail: e.to_string(),
                })
            })?,
        };
        *cached = Some(policy.clone());
        Ok(policy)
    }

    fn operator_of(&self, user: &str) -> ServiceResult<Operator> {
        self.store.get::<Operator>(&keys::operator(user))?.ok_or_else(|| {
            ServiceError::denied(Msg::NotAnOperator {
                user: user.to_string(),
                store: self.store.path().display().to_string(),
            })
        })
    }

    fn execute(&self, op: &Operator, command: Command) -> ServiceResult<Outcome> {
        authz::check_command(op, &command, &self.store)?;
        let name = command.name();
        let at = now();
        let mut tx = Tx::new(&self.store);
        let applied = match command {
            Command::BeginLoad { demo } => self.begin_load(&mut tx, demo)?,
            Command::LoadChunk(data) => self.load_chunk(&mut tx, *data, op, at)?,
            Command::FinishLoad => self.finish_load(&mut tx)?,
            Command::ClearDemo => self.clear_demo(&mut tx)?,
            Command::ReopenReview { id, reason } => self.reopen_review(&mut tx, id, &reason, op, at)?,
            Command::Undo { audit_seq } => self.undo(&mut tx, audit_seq, op, at)?,
            Command::AddOperator { user, role, department } => {
                self.add_operator(&mut tx, user, role, department)?
            }
            Command::SetPolicy { toml, seen } => {
                let policy = Policy::from_toml(&toml)
                    .map_err(|e| ServiceError::invalid(Msg::PolicyInvalid { problem: e }))?;
                if let Some(seen) = seen {
                    // compared as the policy reads back, whatever spacing the stored text has
                    let current = tx.get::<String>(keys::POLICY)?.unwrap_or_default();
                    let current = Policy::from_toml(&current).map(|p| p.to_toml()).unwrap_or(current);
                    if policy_digest(&current) != seen {
                        let (operator, at) = self.last_change("set_policy")?;
                        return Err(ServiceError::conflict(Msg::PolicyChangedMeanwhile { operator, at }));
                    }
                }
                tx.put(keys::POLICY, &policy.to_toml())?;
                Applied::new(Done::PolicyReplaced)
            }
            Command::ImportEmployees { source, rows, dry_run } => {
                self.import_employees(&mut tx, &source, rows, dry_run)?
            }
            Command::ImportPerformance { source, rows, dry_run } => {
                self.import_performance(&mut tx, &source, rows, dry_run)?
            }
            Command::ImportCourses { source, rows, dry_run } => {
                self.import_courses(&mut tx, &source, rows, dry_run)?
            }
            Command::ImportEnrollments { source, rows, dry_run, allow_regress, create_courses } => self
                .import_enrollments(
                    &mut tx,
                    &source,
                    rows,
                    (dry_run, allow_regress, create_courses),
                    op,
                    at,
                )?,
            Command::ImportReflections { source, rows, dry_run, allow_regress } => {
                self.import_reflections(&mut tx, &source, rows, (dry_run, allow_regress), op, at)?
            }
            Command::ImportEvaluations { source, rows, dry_run } => {
                self.import_evaluations(&mut tx, &source, rows, dry_run)?
            }
            c @ (Command::SetPlan(_)
            | Command::RecordReminder { .. }
            | Command::UpsertCourse(_)
            | Command::Enroll { .. }
            | Command::RecordProgress { .. }) => self.apply_training(&mut tx, c, op, at)?,
            c @ (Command::RecordEvaluation(_)
            | Command::RecordStageReview(_)
            | Command::ReplyStageReview { .. }) => self.apply_assessment(&mut tx, c, op, at)?,
            other => self.apply_pipeline(&mut tx, other, op, at)?,
        };
        let mut done = applied.done;
        if let Some(who) = done.who_mut() {
            self.name(&tx, who);
        }
        let summary = crate::locale::done::render(&done, crate::locale::Lang::En);
        if applied.dry_run {
            let changes = Changes::default();
            return Ok(Outcome {
                audit_seq: None,
                summary,
                done,
                import: applied.import,
                created: None,
                changes,
            });
        }
        let mut changes = Changes::from_keys(0, tx.keys());
        let durable = true;
        let seq = tx.commit(&op.user, name, summary.clone(), at, durable)?;
        changes.seq = seq;
        if name == "set_policy" {
            *self.policy.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
        }
        if name == "clear_demo" || name == "load_chunk" {
            changes = Changes::everything(seq);
        }
        Ok(Outcome {
            audit_seq: Some(seq),
            summary,
            done,
            import: applied.import,
            created: applied.created,
            changes,
        })
    }

    /// Fills in the name of a person a message names by id.
    fn name(&self, tx: &Tx, who: &mut Who) {
        if who.name.is_empty() {
            if let Ok(Some(e)) = tx.get::<Employee>(&keys::employee(&who.id)) {
                who.name = e.name;
            }
        }
    }

    /// An error with the person it names given by name.
    fn named(&self, mut e: ServiceError) -> ServiceError {
        let msg = match &mut e {
            ServiceError::Denied(m)
            | ServiceError::NotFound(m)
            | ServiceError::Invalid(m)
            | ServiceError::Conflict(m)
            | ServiceError::Store(m) => m,
            ServiceError::Rows { .. } => return e,
        };
        if let Some(who) = msg.who_mut() {
            self.name(&Tx::new(&self.store), who);
        }
        e
    }

    fn add_operator(
        &self,
        tx: &mut Tx,
        user: String,
        role: Role,
        department: Option<String>,
    ) -> ServiceResult<Applied> {
        let operator = Operator { user: user.trim().to_string(), role, department };
        operator.validate()?;
        let current = tx.get::<Operator>(&keys::operator(&operator.user))?;
        if current.is_some_and(|c| c.role == Role::Admin) && role != Role::Admin {
            let admins = self
                .store
                .scan::<Operator>(keys::OPERATOR.as_bytes(), None)
                .filter(|r| r.as_ref().is_ok_and(|(_, o)| o.role == Role::Admin))
                .count();
            if admins <= 1 {
                return Err(ServiceError::invalid(crate::domain::msg::Msg::LastAdmin {
                    user: operator.user,
                }));
            }
        }
        if let Some(d) = &operator.department {
            if !tx.exists(&keys::department(d))? {
                return Err(ServiceError::not_found(Msg::NoDepartment { name: d.clone() }));
            }
        }
        tx.put(&keys::operator(&operator.user), &operator)?;
        Ok(Applied::new(Done::OperatorSet {
            user: operator.user,
            role: role.code().to_string(),
            department: operator.department,
        }))
    }

    fn begin_load(&self, tx: &mut Tx, demo: bool) -> ServiceResult<Applied> {
        if self.store.count(keys::EMPLOYEE.as_bytes()) > 0 {
            return Err(ServiceError::invalid(Msg::StoreHasEmployees {
                path: self.store.path().display().to_string(),
            }));
        }
        tx.put_unaudited(keys::LOADING, &"load under way".to_string());
        if demo {
            tx.put_unaudited(keys::DEMO, &"demo".to_string());
        }
        Ok(Applied::new(Done::LoadStarted { demo }))
    }

    fn clear_demo(&self, tx: &mut Tx) -> ServiceResult<Applied> {
        if !tx.exists(keys::DEMO)? {
            return Err(ServiceError::invalid(Msg::NotADemo {
                path: self.store.path().display().to_string(),
            }));
        }
        let keep = |k: &[u8]| {
            [keys::SCHEMA, keys::POLICY, keys::DEMO, keys::CHAIN].contains(&k)
                || k == keys::sequence("audit").as_slice()
                || k.starts_with(keys::OPERATOR.as_bytes())
                || k.starts_with(keys::AUDIT.as_bytes())
        };
        let mut cleared = 0usize;
        for pair in self.store.scan_raw(b"") {
            let (k, _) = pair?;
            if !keep(&k) {
                tx.remove_raw(k.to_vec());
                cleared += 1;
            }
        }
        Ok(Applied::new(Done::DemoCleared { records: cleared }))
    }

    fn finish_load(&self, tx: &mut Tx) -> ServiceResult<Applied> {
        if !tx.exists(keys::LOADING)? {
            return Err(ServiceError::invalid(Msg::NoLoad));
        }
        tx.delete::<String>(keys::LOADING)?;
        Ok(Applied::new(Done::LoadFinished))
    }
}

/// The digest of a policy text, as a what-if remembers the policy it started from.
/// The digest a `set_policy` names as `seen`: of the policy as `Policy::to_toml` writes it.
pub fn policy_digest(toml: &str) -> crate::domain::audit::Digest {
    use sha2::Digest as _;
    crate::domain::audit::Digest(sha2::Sha256::digest(toml.as_bytes()).into())
}

impl Engine {
    /// Who ran the latest `command`, and when (from the audit, newest first).
    pub(super) fn last_change(&self, command: &str) -> ServiceResult<(String, String)> {
        for pair in self.store.scan_raw_rev(keys::AUDIT.as_bytes()).take(10_000) {
            let (_, v) = pair?;
            if let Ok(e) = crate::store::codec::decode::<crate::domain::audit::AuditEvent>(&v) {
                if e.command == command {
                    return Ok((e.operator, stamp(e.at)));
                }
            }
        }
        Ok((String::new(), String::new()))
    }
}

/// A moment as people read it in a message: local date and time to the minute.
pub(super) fn stamp(at: Timestamp) -> String {
    at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string()
}

/// What a command handler produced, before commit.
#[derive(Debug)]
pub(super) struct Applied {
    pub done: Done,
    pub import: Option<super::ImportReport>,
    pub created: Option<u64>,
    pub dry_run: bool,
}

impl Applied {
    pub fn new(done: Done) -> Applied {
        Applied { done, import: None, created: None, dry_run: false }
    }
}

pub(super) fn now() -> Timestamp {
    chrono::Utc::now()
}

impl Engine {
    /// Carries out one request for `user`. Commands run one at a time (each atomic with its
    /// audit record, durable before it returns); queries run at once, beside them.
    pub fn handle(&self, user: &str, body: RequestBody) -> ServiceResult<Reply> {
        match body {
            RequestBody::Command(c) => {
                let _turn = self.gate.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                let op = self.operator_of(user)?;
                let outcome = self.execute(&op, c).map_err(|e| self.named(e))?;
                let seq = match outcome.audit_seq {
                    Some(s) => s,
                    None => self.seq()?,
                };
                Ok(Reply { seq, response: Response::Done(Box::new(outcome)) })
            }
            RequestBody::Query(q) => {
                let _turn = q.is_heavy().then(|| self.heavy.take());
                let op = self.operator_of(user)?;
                let seq = self.seq()?;
                let answer = self.answer(&op, q).map_err(|e| self.named(e))?;
                Ok(Reply { seq, response: Response::Answer(answer) })
            }
        }
    }

    /// The audit sequence of the last committed command.
    pub fn seq(&self) -> ServiceResult<u64> {
        Ok(crate::store::chain::head(&self.store)?.seq)
    }

    /// The operator `user` is, or why not.
    pub fn operator(&self, user: &str) -> ServiceResult<Operator> {
        self.operator_of(user)
    }
}

impl Transport for Engine {
    fn call(&self, request: Request) -> ServiceResult<Reply> {
        self.handle(&request.operator, request.body)
    }

    fn backup(&self, operator: &str, sink: &mut dyn std::io::Write) -> ServiceResult<super::BackupInfo> {
        let _turn = self.gate.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let op = self.operator_of(operator)?;
        authz::require_admin(&op, "back_up")?;
        self.backup_to(sink)
    }

    fn restore(&self, operator: &str, source: &mut dyn std::io::Read, force: bool) -> ServiceResult<Outcome> {
        let _turn = self.gate.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let op = self.operator_of(operator)?;
        authz::require_admin(&op, "restore")?;
        let outcome = self.restore_from(&op, source, force)?;
        *self.policy.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
        Ok(outcome)
    }
}

/// One engine can serve several callers (e.g. tests acting as different operators).
impl Transport for std::sync::Arc<Engine> {
    fn call(&self, request: Request) -> ServiceResult<Reply> {
        self.as_ref().call(request)
    }
    fn backup(&self, operator: &str, sink: &mut dyn std::io::Write) -> ServiceResult<super::BackupInfo> {
        self.as_ref().backup(operator, sink)
    }
    fn restore(&self, operator: &str, source: &mut dyn std::io::Read, force: bool) -> ServiceResult<Outcome> {
        self.as_ref().restore(operator, source, force)
    }
}

impl Engine {
    fn answer(&self, op: &Operator, query: Query) -> ServiceResult<Answer> {
        authz::check_query(op, &query)?;
        self.read(op, query)
    }
}
