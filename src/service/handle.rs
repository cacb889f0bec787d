//! The handle every caller uses (`Service`), the transports it sends requests through
//! (the in-process engine, or a socket to `cadre serve`), and one typed method per query,
//! so no caller unpacks a general answer.

use std::path::Path;

use super::command::{Command, Outcome};
use super::query::*;
use super::readiness_types::{CandidateReport, ReadinessFacts, ReadinessReport};
use super::{engine, BackupInfo, Request, RequestBody, Response, ServiceError, ServiceResult};
use crate::domain::access::Operator;
use crate::domain::assessment::StageReview;
use crate::domain::msg::Msg;
use crate::domain::org::{Employee, EmployeeId};
use crate::domain::policy::Policy;
use crate::domain::pool::{Pool, PoolId};
use crate::domain::reflection::{Reflection, ReflectionState};
use crate::domain::Date;

/// A response with the audit sequence the store was at when it was read (a screen stamps
/// what it shows with it; a change notice with a later sequence makes it stale).
#[derive(Debug, Clone)]
pub struct Reply {
    pub seq: u64,
    pub response: Response,
}

/// Carries requests to whatever executes them.
pub trait Transport: Send + Sync {
    fn call(&self, request: Request) -> ServiceResult<Reply>;
    /// Streams a consistent snapshot of the whole store into `sink` (admins only).
    fn backup(&self, operator: &str, sink: &mut dyn std::io::Write) -> ServiceResult<BackupInfo>;
    /// Replaces the store with the backup read from `source`, checked whole first
    /// (admins only; `force` when the store holds data).
    fn restore(&self, operator: &str, source: &mut dyn std::io::Read, force: bool) -> ServiceResult<Outcome>;
}

/// The handle every caller (TUI, CLI, importers) uses.
pub struct Service {
    transport: Box<dyn Transport>,
    operator: String,
}

impl Service {
    /// Opens the store at `path` in this process, acting as the OS user; with `create`, a
    /// directory without a store gets a new one with that user as its admin.
    pub fn open_local(path: &Path, create: bool) -> ServiceResult<Service> {
        let user = super::os_user()?;
        let engine = engine::Engine::open(path, &user, create)?;
        Ok(Service::new(Box::new(engine), user))
    }

    /// An empty store that lives only as long as the returned service (a private
    /// directory removed when dropped): where a dry run checks a file when no store exists.
    pub fn scratch() -> ServiceResult<Service> {
        let user = super::os_user()?;
        let engine = engine::Engine::scratch(&user)?;
        Ok(Service::new(Box::new(engine), user))
    }

    pub fn new(transport: Box<dyn Transport>, operator: String) -> Service {
        Service { transport, operator }
    }

    pub fn operator(&self) -> &str {
        &self.operator
    }

    pub fn execute(&self, command: Command) -> ServiceResult<Outcome> {
        let request = Request { operator: self.operator.clone(), body: RequestBody::Command(command) };
        match self.transport.call(request)?.response {
            Response::Done(outcome) => Ok(*outcome),
            Response::Answer(_) => Err(unexpected("a command")),
        }
    }

    /// A snapshot of the store, written into `sink` on the caller's side.
    pub fn backup(&self, sink: &mut dyn std::io::Write) -> ServiceResult<BackupInfo> {
        self.transport.backup(&self.operator, sink)
    }

    /// Replaces the store with a backup read from `source`.
    pub fn restore(&self, source: &mut dyn std::io::Read, force: bool) -> ServiceResult<Outcome> {
        self.transport.restore(&self.operator, source, force)
    }

    /// Any query, with the audit sequence it was answered at.
    pub fn query_at(&self, query: Query) -> ServiceResult<(Answer, u64)> {
        let request = Request { operator: self.operator.clone(), body: RequestBody::Query(query) };
        let reply = self.transport.call(request)?;
        match reply.response {
            Response::Answer(answer) => Ok((answer, reply.seq)),
            Response::Done(_) => Err(unexpected("a query")),
        }
    }

    /// Any query (scripts and the wire; callers in cadre use the typed methods below).
    pub fn query(&self, query: Query) -> ServiceResult<Answer> {
        self.query_at(query).map(|(a, _)| a)
    }
}

fn unexpected(what: &str) -> ServiceError {
    ServiceError::store(Msg::Internal { what: format!("the answer to {what} was of another kind") })
}

/// One typed method per query: `name(args) -> Reply = Query::… => Answer::… => value`.
macro_rules! typed_queries {
    ($( $(#[$doc:meta])* $name:ident ( $($arg:ident : $ty:ty),* ) -> $reply:ty = $query:expr => $pat:pat => $out:expr ;)*) => {
        impl Service {
            $(
                $(#[$doc])*
                pub fn $name(&self, $($arg: $ty),*) -> ServiceResult<$reply> {
                    match self.query($query)? {
                        $pat => Ok($out),
                        _ => Err(unexpected(stringify!($name))),
                    }
                }
            )*
        }
    };
}

typed_queries! {
    /// The asking operator and the store's state.
    who_am_i() -> StoreInfo = Query::WhoAmI => Answer::WhoAmI(i) => i;
    policy() -> Policy = Query::Policy => Answer::Policy(p) => *p;
    operators() -> Vec<Operator> = Query::Operators => Answer::Operators(o) => o;
    employee(id: EmployeeId) -> Employee = Query::Employee { id } => Answer::Employee(e) => *e;
    /// Up to `limit` records of a kind after a cursor.
    page(kind: RecordKind, pool: Option<PoolId>, after: Option<String>, limit: usize) -> Page
        = Query::Page { kind, pool, after, limit } => Answer::Page(p) => p;
    points(employee_id: EmployeeId) -> PointsSummary = Query::Points { employee_id } => Answer::Points(p) => p;
    pools() -> Vec<Pool> = Query::Pools => Answer::Pools(p) => p;
    members(pool: PoolId) -> Vec<MemberRow> = Query::Members { pool } => Answer::Members(m) => m;
    member_metrics(employee_ids: Vec<EmployeeId>, pool: Option<PoolId>, on: Option<Date>) -> Vec<MemberMetrics>
        = Query::MemberMetrics { employee_ids, pool, on } => Answer::MemberMetrics(m) => m;
    screen(pool: PoolId, on: Date) -> Vec<Candidate> = Query::Screen { pool, on } => Answer::Candidates(c) => c;
    gaps() -> Vec<super::vacancy_types::GapRow> = Query::Gaps => Answer::Gaps(g) => g;
    plan(pool: PoolId) -> Option<crate::domain::training::Plan> = Query::Plan { pool } => Answer::Plan(p) => p;
    vacancies() -> Vec<super::vacancy_types::VacancyView> = Query::Vacancies => Answer::Vacancies(v) => v;
    shortlist(vacancy: u32, on: Date) -> Vec<super::vacancy_types::ShortlistRow>
        = Query::Shortlist { vacancy, on } => Answer::Shortlist(s) => s;
    bench(on: Date) -> Vec<super::vacancy_types::BenchRow> = Query::Bench { on } => Answer::Bench(b) => b;
    /// The enrollments a plan would add.
    plan_preview(plan: Box<crate::domain::training::Plan>) -> Vec<super::vacancy_types::PlanEnrollment>
        = Query::PlanPreview { plan } => Answer::PlanPreview(p) => p;
    /// Points ranking, course popularity, redemption rate.
    pool_reports(pool: PoolId) -> super::vacancy_types::PoolReports
        = Query::PoolReports { pool } => Answer::PoolReports(r) => *r;
    /// Which courses move performance.
    course_effects(pool: PoolId) -> Vec<super::vacancy_types::CourseEffect>
        = Query::CourseEffects { pool } => Answer::CourseEffects(e) => e;
    /// A pool's headline rates by month.
    rates(pool: PoolId, from: Date, to: Date) -> super::vacancy_types::Rates
        = Query::Rates { pool, from, to } => Answer::Rates(r) => *r;
    /// The reminders sent on a day.
    reminders_sent(on: Date) -> Vec<crate::domain::reminder::SentReminder>
        = Query::RemindersSent { on } => Answer::RemindersSent(r) => r;
    /// Every pool's appointment rate and the target.
    appointment_rates() -> (Vec<super::vacancy_types::PoolRate>, u8)
        = Query::AppointmentRates => Answer::AppointmentRates { rates, target } => (rates, target);
    /// Vacancies per quarter, plan starts, appointment rates.
    outlook(on: Date) -> super::vacancy_types::Outlook = Query::Outlook { on } => Answer::Outlook(o) => *o;
    /// A page of the review queue, and the cursor of the next.
    reflection_queue(state: Option<ReflectionState>, department: Option<String>, after: Option<String>, limit: usize)
        -> (Vec<QueueRow>, Option<String>)
        = Query::ReflectionQueue { state, department, after, limit } => Answer::Queue { rows, next } => (rows, next);
    reflection(id: u64) -> Reflection = Query::Reflection { id } => Answer::Reflection(r) => *r;
    /// One person's reflections, by stage.
    reflections(employee_id: EmployeeId) -> Vec<Reflection>
        = Query::Reflections { employee_id } => Answer::Reflections(r) => r;
    /// Reflections handed in and expected.
    submission_rate(pool: PoolId) -> (u32, u32)
        = Query::SubmissionRate { pool } => Answer::SubmissionRate { submitted, expected } => (submitted, expected);
    /// Overdue and behind-schedule courses, of one pool's current members or of everyone.
    remind(on: Date, pool: Option<PoolId>) -> Reminders = Query::Remind { on, pool } => Answer::Reminders(r) => r;
    enrollments(employee_id: EmployeeId) -> Vec<EnrollmentView>
        = Query::Enrollments { employee_id } => Answer::Enrollments(e) => e;
    /// Per-course figures, live members trained, live members.
    course_stats(pool: PoolId, on: Date) -> (Vec<CourseStat>, u32, u32)
        = Query::CourseStats { pool, on } => Answer::CourseStats { courses, trained, members } => (courses, trained, members);
    readiness(pool: PoolId, on: Date, policy: Option<Box<Policy>>) -> ReadinessReport
        = Query::Readiness { pool, on, policy } => Answer::Readiness(r) => *r;
    readiness_facts(pool: PoolId) -> ReadinessFacts = Query::ReadinessFacts { pool } => Answer::ReadinessFacts(f) => *f;
    stage_reviews(employee_id: EmployeeId) -> Vec<StageReview>
        = Query::StageReviews { employee_id } => Answer::StageReviews(r) => r;
    candidate_report(pool: PoolId, employee_id: EmployeeId, on: Date) -> CandidateReport
        = Query::CandidateReport { pool, employee_id, on } => Answer::CandidateReport(r) => *r;
    counts() -> Counts = Query::Counts => Answer::Counts(c) => c;
    /// Integrity problems; empty when the store is sound.
    check() -> Vec<String> = Query::Check => Answer::Check(p) => p;
}
