//! A request for the worker and its way back: the ticket naming who asked and what, the
//! job itself (a query, a command, a file task), and what comes back.

use std::path::PathBuf;

use crate::domain::org::EmployeeId;
use crate::domain::pool::PoolId;
use crate::service::command::{Command, Outcome};
use crate::service::{Answer, Query, Service, ServiceError};

use super::action::Panel;

/// Who an answer goes back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Shell,
    Panel(Panel),
}

impl From<Panel> for Target {
    fn from(p: Panel) -> Target {
        Target::Panel(p)
    }
}

/// What was asked, so that an answer that arrives late (the selection moved on) is
/// recognised and dropped.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Want {
    Info,
    Pools,
    Policy,
    Counts,
    Members(PoolId),
    Metrics(u64),
    /// Figures of rows just off screen, read ahead of a move.
    MetricsAhead(u64),
    Profile(EmployeeId),
    Screen(PoolId),
    PersonReflections(EmployeeId),
    Enrollments(EmployeeId),
    Points(EmployeeId),
    CourseStats(PoolId),
    Overdue(PoolId),
    QueuePage(u64),
    Reflection(u64),
    Submission(PoolId),
    Facts(PoolId),
    Reviews(EmployeeId),
    Vacancies,
    Plan(PoolId),
    Roster(String),
    Gaps,
    MonthRates(PoolId),
    CourseEffects(PoolId),
    PoolReports(PoolId),
    PlanPreview,
    Shortlist(u32),
    Bench,
    Outlook,
    Rates,
    /// A command; the word says which (for the follow-up).
    Step(Step),
    /// A file written by a task.
    File,
}

/// The commands a screen sends, for what follows their outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Nominate,
    Transition,
    MarkLeft,
    Submit,
    Review,
    Reopen,
    Undo,
    Progress,
    Course,
    Assessment,
    Policy,
    Vacancy,
    Cohort,
    Plan,
}

/// Where an answer goes and what it answers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ticket {
    pub to: Target,
    pub want: Want,
}

impl Ticket {
    pub fn new(to: Target, want: Want) -> Ticket {
        Ticket { to, want }
    }
}

/// Work done away from the screen that is not a plain query or command: writing an
/// export or a report. Returns the file written and how many rows it holds.
pub type Task = Box<dyn FnOnce(&Service) -> Result<(PathBuf, u64), String> + Send>;

/// One request for the worker.
pub enum Job {
    Query(Query),
    Command(Command),
    Task(Task),
}

impl Job {
    /// Whether it reads a whole pool or more (sent apart from what keystrokes wait for).
    pub fn is_heavy(&self) -> bool {
        match self {
            Job::Query(q) => q.is_heavy(),
            Job::Command(_) => false,
            Job::Task(_) => true,
        }
    }
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Job::Query(q) => write!(f, "Query({q:?})"),
            Job::Command(c) => write!(f, "Command({})", c.name()),
            Job::Task(_) => f.write_str("Task"),
        }
    }
}

/// What came back.
#[derive(Debug)]
pub enum Reply {
    /// A query's answer and the audit sequence it was read at.
    Answer(Answer, u64),
    Done(Box<Outcome>),
    Wrote(PathBuf, u64),
    Failed(ServiceError),
    /// A task's own failure, already worded.
    TaskFailed(String),
}

/// A status-line message.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub text: String,
    pub error: bool,
}

impl Note {
    pub fn info(text: impl Into<String>) -> Note {
        Note { text: text.into(), error: false }
    }
    pub fn error(text: impl Into<String>) -> Note {
        Note { text: text.into(), error: true }
    }
}

/// A command for the worker on behalf of `panel` (what a confirmation runs on yes).
pub fn command(panel: Panel, step: Step, command: Command) -> (Ticket, Job) {
    (Ticket::new(Target::Panel(panel), Want::Step(step)), Job::Command(command))
}
