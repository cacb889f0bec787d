//! The command line: clap definitions, the store location, and one-line errors.

mod apply;
mod commands;
mod demo;
mod import;
pub mod out;
mod pool;
mod rates;
mod readiness;
mod reflections;
mod remind;
mod session;
mod status;
mod vacancy;
mod values;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::domain::access::Role;
use crate::io::export::{ExportKind, Format};
use crate::io::ImportKind;

#[derive(Debug, Parser)]
#[command(
    name = "cadre",
    version,
    about = "Run a reserve-cadre (后备干部) development pipeline from the terminal"
)]
pub struct Cli {
    /// The store directory [default: $XDG_DATA_HOME/cadre, or ~/.local/share/cadre]; env CADRE_DB
    #[arg(long, global = true, value_name = "DIR")]
    pub db: Option<PathBuf>,
    /// The socket of a `cadre serve` to use [default: the store's own server, if one runs]
    #[arg(long, global = true, env = "CADRE_SOCKET", value_name = "PATH")]
    pub socket: Option<PathBuf>,
    /// UI language [default: from LC_ALL / LC_MESSAGES / LANG]
    #[arg(long, global = true, value_parser = ["zh", "en"])]
    pub lang: Option<String>,
    /// A keymap file whose bindings shadow the defaults
    #[arg(long, global = true, value_name = "FILE")]
    pub keymap: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Create a fresh store holding the demo organisation, then open the TUI
    Demo {
        /// Generate an organisation of this many employees instead of the bundled one
        #[arg(long)]
        employees: Option<usize>,
        /// Seed of the generator
        #[arg(long, default_value_t = crate::demo::DEFAULT_SEED)]
        seed: u64,
        /// Only create the store
        #[arg(long)]
        no_tui: bool,
    },
    /// Create an empty store (the current user is its admin), in an empty or absent directory
    Init,
    /// Serve the store to every TUI and command on a Unix socket (--socket, else DIR/cadre.sock)
    Serve,
    /// The server serving the store: pid, uptime, store, schema, connected clients
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Import a CSV file (all-or-nothing: any problem and nothing is written). A blank
    /// cell keeps the stored value; progress is never undone without --allow-regress
    Import {
        #[arg(value_enum)]
        kind: ImportKind,
        file: PathBuf,
        /// A TOML mapping of foreign headers, templates, constants, values, derived columns and dates
        #[arg(long, value_name = "MAP.toml")]
        map: Option<PathBuf>,
        /// Report what would be added or changed, field by field; write nothing
        #[arg(long)]
        dry_run: bool,
        /// Leave out columns the import does not know (listed as warnings) instead of refusing the file
        #[arg(long)]
        allow_extra: bool,
        /// Blank cells clear stored values (by default they keep them)
        #[arg(long)]
        clear_blank: bool,
        /// Allow the import to undo recorded work (a completion, an exam, hours, an acceptance); the points it earned are reversed
        #[arg(long)]
        allow_regress: bool,
        /// Enrollments naming a course title the catalogue lacks create that course (codes IMP-001…)
        #[arg(long)]
        create_courses: bool,
        /// Write a starter mapping from the file's header and values instead of importing
        #[arg(long)]
        init_map: bool,
        /// With --init-map: write the mapping to this file (default: standard output)
        #[arg(short, long, value_name = "MAP.toml", requires = "init_map")]
        output: Option<PathBuf>,
    },
    /// Export records as JSON (default) or CSV
    Export {
        #[arg(value_enum)]
        kind: ExportKind,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
        /// Write to this file instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The pool to export members of, by number or name [default: the newest]
        #[arg(long)]
        pool: Option<String>,
    },
    /// Hand in or answer reflections (心得)
    Reflection {
        #[command(subcommand)]
        action: ReflectionAction,
    },
    /// List reflections for scripts (JSON lines with --json)
    Reflections {
        /// Only the review queue, oldest first
        #[arg(long)]
        pending: bool,
        #[arg(long)]
        json: bool,
    },
    /// Overdue and behind-schedule courses, most overdue first (for a daily cron job)
    Remind {
        #[arg(long, conflicts_with = "send")]
        json: bool,
        /// Send each person their own digest and each department manager theirs, through
        /// the channels of the notify file (once a day per channel and recipient)
        #[arg(long)]
        send: bool,
        /// The notify file [default: $XDG_CONFIG_HOME/cadre/notify.toml]
        #[arg(long, value_name = "FILE", requires = "send")]
        notify: Option<PathBuf>,
        /// With --send: print what would go where, send nothing
        #[arg(long, requires = "send")]
        dry_run: bool,
        /// Only the current members of this pool (by number or name) [default: everyone]
        #[arg(long, value_name = "POOL", conflicts_with = "send")]
        pool: Option<String>,
        /// The day to judge against [default: today]
        #[arg(value_parser = day, long)]
        on: Option<chrono::NaiveDate>,
    },
    /// Promotion readiness of a pool: members ranked by level and composite, with every
    /// failed gate and what is left (JSON with --json: see the README for the fields)
    Readiness {
        /// The pool, by number or name [default: the newest]
        #[arg(long)]
        pool: Option<String>,
        #[arg(long)]
        json: bool,
        /// The day to judge against [default: today]
        #[arg(value_parser = day, long)]
        on: Option<chrono::NaiveDate>,
    },
    /// Reports for leadership: a pool's readiness, or one candidate's assessment report
    Report {
        #[command(subcommand)]
        action: ReportAction,
    },
    /// Stage reviews (阶段评估): record one, object to one, answer an objection
    StageReview {
        #[command(subcommand)]
        action: StageReviewAction,
    },
    /// A person's training points: balance, the performance score it maps to, every entry
    Points {
        employee: crate::domain::org::EmployeeId,
        #[arg(long)]
        json: bool,
    },
    /// Check integrity: dangling references, impossible states, ledger balances
    Check,
    /// Write a consistent snapshot of the store to FILE
    Backup { file: PathBuf },
    /// Replace the store's contents with a backup
    Restore {
        file: PathBuf,
        /// Replace a store that already holds data
        #[arg(long)]
        force: bool,
    },
    /// Show or replace the policy (thresholds, weights, points rules)
    Policy {
        #[command(subcommand)]
        action: PolicyAction,
    },
    /// Vacancies (岗位任用): open, list, shortlist, appoint, reverse
    Vacancy {
        #[command(subcommand)]
        action: VacancyAction,
    },
    /// A pool's development plan (培养计划): show it, or set it from a TOML file
    Plan {
        #[command(subcommand)]
        action: PlanAction,
    },
    /// 人事大数据: department gaps against the company, with the courses that close them
    Insight {
        #[command(subcommand)]
        action: InsightAction,
    },
    /// Bench strength per department and target rank: expected vacancies against people ready
    Bench {
        #[arg(long)]
        json: bool,
    },
    /// Vacancies expected per quarter, which short departments must start training by when,
    /// and every pool's appointment rate
    Forecast {
        #[arg(long)]
        json: bool,
        /// The day to forecast from [default: today]
        #[arg(value_parser = day, long)]
        on: Option<crate::domain::Date>,
    },
    /// Talent pools: create, list, show, screen for eligibility, nominate, admit
    Pool {
        #[command(subcommand)]
        action: PoolAction,
    },
    /// Manage who may use the store
    Operator {
        #[command(subcommand)]
        action: OperatorAction,
    },
    /// Undo your own command SEQ (the audit's sequence number) where it can be undone: an
    /// admission, a review, a points grant, recorded hours or an exam; audited
    Undo { seq: u64 },
    /// Apply service commands given as JSON lines (FILE or - for stdin); one JSON result
    /// line per command, printed once the command is on disk
    Apply {
        #[arg(default_value = "-")]
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReflectionAction {
    /// Submit a reflection (UTF-8 text or Markdown) from FILE, or - for standard input;
    /// a returned reflection's rewrite becomes its next version
    Submit {
        #[arg(long)]
        employee: crate::domain::org::EmployeeId,
        #[arg(long)]
        stage: u8,
        /// The title [default: the first line of the text]
        #[arg(long)]
        title: Option<String>,
        file: PathBuf,
    },
    /// Record the candidate's reply or objection to a review, or the reviewer's answer
    Reply { id: u64, text: String },
    /// Take back the latest review of a reflection (admin, hr): it is pending again, the
    /// review is kept with the reason, points it earned are reversed
    Reopen {
        id: u64,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReportAction {
    /// The pool's readiness report (晋升准备度报告)
    Readiness {
        /// The pool, by number or name [default: the newest]
        #[arg(long)]
        pool: Option<String>,
        #[arg(long, value_enum, default_value = "md")]
        format: crate::report::pool::ReportFormat,
        /// Write to this file (written whole or not at all); needed for xlsx on a terminal
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[arg(value_parser = day, long)]
        on: Option<chrono::NaiveDate>,
    },
    /// One candidate's comprehensive assessment report (综合考核报告), Markdown or JSON
    Candidate {
        employee: crate::domain::org::EmployeeId,
        /// The pool, by number or name [default: the newest]
        #[arg(long)]
        pool: Option<String>,
        #[arg(long)]
        json: bool,
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[arg(value_parser = day, long)]
        on: Option<chrono::NaiveDate>,
    },
}

#[derive(Debug, Subcommand)]
pub enum StageReviewAction {
    /// Record the July initial or year-end final review of a member
    Record {
        employee: crate::domain::org::EmployeeId,
        /// july_initial (初评) or year_end_final (终评)
        #[arg(long)]
        kind: String,
        #[arg(long)]
        year: u16,
        /// promote, keep_developing or remove
        #[arg(long)]
        recommend: String,
        #[arg(long)]
        comment: String,
        /// The day of the review [default: today]
        #[arg(value_parser = day, long)]
        on: Option<chrono::NaiveDate>,
    },
    /// Record the candidate's objection to a review
    Object(ReviewReply),
    /// Answer the open objection to a review
    Answer(ReviewReply),
}

/// Which review a reply is about, and its text.
#[derive(Debug, clap::Args)]
pub struct ReviewReply {
    pub employee: crate::domain::org::EmployeeId,
    /// july_initial (初评) or year_end_final (终评)
    #[arg(long)]
    pub kind: String,
    #[arg(long)]
    pub year: u16,
    pub text: String,
}

#[derive(Debug, Subcommand)]
pub enum PolicyAction {
    /// Print the policy in force as TOML
    Show,
    /// Replace the policy with a TOML file (validated first)
    Set { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum InsightAction {
    /// Each department's average per assessment dimension (360 dimensions, theory,
    /// superior) against the company's, the largest shortfall first, with recommended courses
    Gaps {
        #[arg(long)]
        json: bool,
    },
    /// The seeds' reports: the points ranking, courses by popularity with their completion,
    /// and the redemption rate
    Reports {
        /// The pool, by number or name [default: the newest]
        #[arg(long)]
        pool: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Which courses move performance: each course's completers' company ranking the year
    /// before and the year they completed it, with how many it rests on
    Courses {
        /// The pool, by number or name [default: the newest]
        #[arg(long)]
        pool: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A pool's headline rates at the end of each month — training coverage, reflection
    /// submission, engagement, appointment rate, average points — against their targets
    Rates {
        /// The pool, by number or name [default: the newest]
        #[arg(long)]
        pool: Option<String>,
        #[arg(long)]
        json: bool,
        /// The first month [default: January of the pool's year]
        #[arg(value_parser = day, long)]
        from: Option<crate::domain::Date>,
        /// The last month [default: today]
        #[arg(value_parser = day, long)]
        to: Option<crate::domain::Date>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PlanAction {
    /// The pool's general courses and each department's, with due dates
    Show {
        pool: String,
        #[arg(long)]
        json: bool,
    },
    /// Replace the pool's plan from a TOML file ([[general]] and [[by_department."部门"]]
    /// tables of `course` and `due`); every admitted member is enrolled in what is new
    Set { pool: String, file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum VacancyAction {
    /// Open a vacancy (or a forecast one with --forecast)
    Open {
        #[arg(long)]
        department: String,
        #[arg(long)]
        section: Option<String>,
        /// section_chief or department_manager (or 室主任 / 部门经理)
        #[arg(long, value_parser = pool::parse_rank)]
        rank: crate::domain::org::Rank,
        /// When the post should be filled
        #[arg(value_parser = day, long, value_name = "YYYY-MM-DD")]
        due: crate::domain::Date,
        /// retirement, transfer, new_post or promotion (or 退休 / 调动 / 新设岗位 / 晋升)
        #[arg(long, default_value = "new_post", value_parser = parse_vacancy_reason)]
        reason: crate::domain::vacancy::VacancyReason,
        /// The day it opens [default: today]
        #[arg(value_parser = day, long, value_name = "YYYY-MM-DD")]
        opens: Option<crate::domain::Date>,
        /// Expected, not yet open (e.g. a Q3 retirement)
        #[arg(long)]
        forecast: bool,
    },
    /// Every vacancy: open, forecast and filled
    List {
        #[arg(long)]
        json: bool,
    },
    /// The ranked candidates of a vacancy: ready now first, then the top 20 %, then the composite
    Shortlist {
        vacancy: u32,
        #[arg(long)]
        json: bool,
        #[arg(value_parser = day, long, value_name = "YYYY-MM-DD")]
        on: Option<crate::domain::Date>,
    },
    /// Appoint a member: appointed, rank and post changed, the vacancy filled, other pools left;
    /// someone not ready now needs --reason
    Appoint {
        vacancy: u32,
        employee: crate::domain::org::EmployeeId,
        #[arg(long)]
        reason: Option<String>,
        /// The effective date [default: today]
        #[arg(value_parser = day, long, value_name = "YYYY-MM-DD")]
        on: Option<crate::domain::Date>,
        /// The pool the person is appointed from, by number or name [default: the shortlist's]
        #[arg(long)]
        pool: Option<String>,
    },
    /// Take an appointment back with a reason: the former rank and post restored, the vacancy open
    Reverse {
        vacancy: u32,
        #[arg(long)]
        reason: String,
    },
}

fn parse_vacancy_reason(s: &str) -> Result<crate::domain::vacancy::VacancyReason, String> {
    crate::domain::vacancy::VacancyReason::parse(s).map_err(|e| crate::locale::Lang::En.say(&e.0))
}

#[derive(Debug, Subcommand)]
pub enum PoolAction {
    /// Create a pool for a year and a target rank (its rules copied from the policy)
    Create {
        name: String,
        #[arg(long)]
        year: u16,
        /// section_chief or department_manager (or 室主任 / 部门经理)
        #[arg(long, value_parser = pool::parse_rank)]
        rank: crate::domain::org::Rank,
    },
    /// Give a pool (by number or name) another name
    Rename { pool: String, name: String },
    /// Close a cohort: no more nominations or admissions; its members stay and may still
    /// be appointed
    Close {
        pool: String,
        /// The closing day [default: today]
        #[arg(value_parser = day, long)]
        on: Option<crate::domain::Date>,
    },
    /// Every pool with its members counted by state
    List {
        #[arg(long)]
        json: bool,
    },
    /// One pool (by number or name) and its members
    Show {
        pool: String,
        #[arg(long)]
        json: bool,
    },
    /// Eligibility screening: who outside the pool passes every rule, with each rule's value
    Screen {
        pool: String,
        #[arg(long)]
        json: bool,
        /// The day tenure is counted to [default: today]
        #[arg(value_parser = day, long, value_name = "YYYY-MM-DD")]
        on: Option<crate::domain::Date>,
    },
    /// Nominate people by employee id, or everyone the screening finds (--eligible); one audited step
    Nominate {
        pool: String,
        employees: Vec<String>,
        #[arg(long)]
        eligible: bool,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Admit nominated people by employee id, or every nominee (--all-nominated); all are
    /// checked before anyone is admitted
    Admit {
        pool: String,
        employees: Vec<String>,
        #[arg(long)]
        all_nominated: bool,
        #[arg(long, default_value = "")]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum OperatorAction {
    Add {
        user: String,
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// A manager's department
        #[arg(long)]
        department: Option<String>,
    },
    List,
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).map_err(|e| e.to_string())
}

/// The default store directory: `$XDG_DATA_HOME/cadre` or `~/.local/share/cadre`.
pub fn default_db() -> PathBuf {
    match std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir).join("cadre"),
        None => {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_else(|| ".".into())).join(".local/share/cadre")
        }
    }
}

/// Runs the command line; returns the process exit code.
pub fn main() -> i32 {
    // Everything cadre creates (stores, exports, reports, backups) is its owner's alone.
    // SAFETY: umask only sets this process's file-creation mask.
    unsafe {
        libc::umask(0o077);
    }
    let cli = Cli::parse();
    let lang = crate::locale::Lang::detect(cli.lang.as_deref());
    match commands::run(cli, lang) {
        Ok(code) => code,
        Err(e) if out::is_broken_pipe(&e) => 0,
        Err(e) => {
            out::note(error_words(&e, lang));
            1
        }
    }
}

/// An error in the session's language: coded messages are worded, the rest as they are.
fn error_words(e: &anyhow::Error, lang: crate::locale::Lang) -> String {
    if let Some(s) = e.downcast_ref::<crate::service::ServiceError>() {
        return s.say(lang);
    }
    if let Some(f) = e.downcast_ref::<crate::io::private_file::FileError>() {
        return lang.say(&f.msg());
    }
    if let Some(d) = e.downcast_ref::<crate::domain::DomainError>() {
        return lang.say(&d.0);
    }
    format!("{e:#}")
}

/// A day typed on the command line: `YYYY-MM-DD`, from 1900-01-01 to 2100-12-31, said in
/// the language of the environment (the `--lang` flag is not read yet when it is parsed).
pub fn day(text: &str) -> Result<chrono::NaiveDate, String> {
    let lang = crate::locale::Lang::detect(None);
    let d = chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        lang.pick("应为 YYYY-MM-DD 格式的日期".to_string(), "expected a date as YYYY-MM-DD".to_string())
    })?;
    crate::domain::text::date("date", d).map_err(|e| lang.say(&e.0))?;
    Ok(d)
}
