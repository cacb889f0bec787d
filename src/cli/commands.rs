//! What each subcommand does, through the service only.

use std::io::Write;
use std::path::Path;

use anyhow::bail;

use super::out::{self, Out};
use super::{
    default_db, Cli, Cmd, OperatorAction, PolicyAction, ReflectionAction, ReportAction, StageReviewAction,
};
use crate::client::local::Need;
use crate::client::Target;
use crate::domain::access::Operator;
use crate::io::private_file::write_private;
use crate::io::{export, import, limits};
use crate::locale::{cli as say, Lang};
use crate::service::{Answer, Command, Query, Service};
use std::path::PathBuf;

pub use super::session::Session;

pub fn run(cli: Cli, lang: Lang) -> anyhow::Result<i32> {
    let db =
        cli.db.clone().or_else(|| std::env::var_os("CADRE_DB").filter(|v| !v.is_empty()).map(PathBuf::from));
    let target =
        Target { db_named: db.is_some(), db: db.unwrap_or_else(default_db), socket: cli.socket.clone() };
    let session = Session { lang, target };
    let db = session.target.db.clone();
    let ui = cli_ui(&cli);
    let Some(command) = cli.command else {
        let (service, feed) = session.open_with_feed(Need::Existing)?;
        return crate::tui::run(service, feed, &ui).map(|_| 0);
    };
    let mut out = Out::new();
    match command {
        Cmd::Demo { employees, seed, no_tui } => {
            super::demo::demo(&session, employees.unwrap_or(crate::demo::DEFAULT_EMPLOYEES), seed, &mut out)?;
            if !no_tui {
                out.flush()?;
                let (service, feed) = session.open_with_feed(Need::Existing)?;
                crate::tui::run(service, feed, &ui)?;
            }
        }
        Cmd::Init => super::demo::init(&session, &mut out)?,
        Cmd::Serve => {
            let socket = session.target.socket.clone();
            crate::server::serve(&db, socket, &mut |s| out::note(say::serving(lang, &db, s)))?;
        }
        Cmd::Status { json } => super::status::status(&session, json, &mut out)?,
        Cmd::Import {
            kind,
            file,
            map,
            dry_run,
            allow_extra,
            clear_blank,
            allow_regress,
            create_courses,
            init_map,
            output,
        } => {
            if init_map {
                super::import::init_map(lang, kind, &file, output.as_deref(), &mut out)?;
            } else {
                let options =
                    import::ReadOptions { dry_run, allow_extra, clear_blank, allow_regress, create_courses };
                super::import::import(&session, kind, &file, map.as_deref(), options, &mut out)?;
            }
        }
        Cmd::Export { kind, format, output, pool } => {
            let service = session.open(Need::Existing)?;
            let pool = match (kind, pool) {
                (export::ExportKind::Pool, None) => Some(newest_pool(&service)?),
                (_, Some(p)) => Some(super::pool::find_pool(&service, &p)?.id),
                (_, None) => None,
            };
            match output {
                Some(path) => {
                    let n = write_private(&path, |file| export::export(&service, kind, format, pool, file))?;
                    out::note(say::records_written(lang, n, &path));
                }
                None => {
                    export::export(&service, kind, format, pool, &mut out)?;
                }
            }
        }
        Cmd::Remind { send: true, notify, dry_run, on, .. } => {
            let service = session.open(Need::Existing)?;
            super::remind::send(&service, lang, notify, on.unwrap_or_else(today), dry_run, &mut out)?;
        }
        Cmd::Remind { json, on, pool, .. } => {
            let service = session.open(Need::Existing)?;
            let on = on.unwrap_or_else(today);
            let pool = match pool.as_deref() {
                Some(named) => Some(super::pool::find_pool(&service, named)?.id),
                None => None,
            };
            let Answer::Reminders(list) = service.query(Query::Remind { on, pool })? else {
                bail!("unexpected answer")
            };
            if json {
                serde_json::to_writer(&mut out, &list.as_json_rows())?;
                writeln!(out)?;
            } else {
                for r in list.iter() {
                    let line = say::ReminderLine {
                        employee_id: r.employee_id,
                        name: r.name,
                        department: r.department,
                        section: r.section,
                        course: r.course,
                        title: r.title,
                        due: r.due,
                        days_overdue: r.days_overdue,
                        at_risk: r.at_risk,
                        hours_left: r.hours_left,
                        manager: r.manager,
                    };
                    out.line(say::reminder(lang, &line))?;
                }
            }
        }
        Cmd::Readiness { pool, json, on } => {
            let service = session.open(Need::Existing)?;
            let pool = pool_or_newest(&service, pool.as_deref())?;
            super::readiness::list(&service, pool, on.unwrap_or_else(today), json, lang, &mut out)?;
        }
        Cmd::Report { action } => {
            let service = session.open(Need::Existing)?;
            match action {
                ReportAction::Readiness { pool, format, output, on } => {
                    let pool = pool_or_newest(&service, pool.as_deref())?;
                    let on = on.unwrap_or_else(today);
                    super::readiness::pool_report(
                        &service,
                        pool,
                        on,
                        format,
                        output.as_ref(),
                        lang,
                        &mut out,
                    )?;
                }
                ReportAction::Candidate { employee, pool, json, output, on } => {
                    let pool = pool_or_newest(&service, pool.as_deref())?;
                    let on = on.unwrap_or_else(today);
                    let args = super::readiness::CandidateArgs { pool, employee_id: employee, on, json };
                    super::readiness::candidate_report(&service, args, output.as_ref(), lang, &mut out)?;
                }
            }
        }
        Cmd::StageReview { action } => {
            let service = session.open(Need::Existing)?;
            let outcome = match action {
                StageReviewAction::Record { employee, kind, year, recommend, comment, on } => {
                    let on = on.unwrap_or_else(today);
                    super::readiness::record_review(&service, employee, year, &kind, &recommend, comment, on)?
                }
                StageReviewAction::Object(reply) => super::readiness::reply_review(&service, reply, true)?,
                StageReviewAction::Answer(reply) => super::readiness::reply_review(&service, reply, false)?,
            };
            out.line(lang.say_done(&outcome.done))?;
        }
        Cmd::Points { employee, json } => {
            let service = session.open(Need::Existing)?;
            let Answer::Points(p) = service.query(Query::Points { employee_id: employee })? else {
                bail!("unexpected answer")
            };
            if json {
                serde_json::to_writer_pretty(&mut out, &p)?;
                writeln!(out)?;
            } else {
                let score = (p.performance_score, p.improvement_plan);
                for line in say::points(lang, &p.employee_id, p.balance, score, &p.events, &p.redemptions) {
                    out.line(line)?;
                }
            }
        }
        Cmd::Check => {
            let service = session.open(Need::Existing)?;
            let Answer::Check(problems) = service.query(Query::Check)? else { bail!("unexpected answer") };
            if problems.is_empty() {
                out.line(say::no_problems(lang, &db))?;
            } else {
                for p in &problems {
                    out.line(p)?;
                }
                out.flush()?;
                out::note(say::problems_found(lang, problems.len(), &db));
                return Ok(2);
            }
        }
        Cmd::Backup { file } => {
            let service = session.open(Need::Existing)?;
            let info = write_private(&file, |sink| Ok(service.backup(sink)?))?;
            out.line(say::backed_up(lang, info.records, info.bytes, &file))?;
        }
        Cmd::Restore { file, force } => {
            let mut source = limits::open_input(&file, crate::service::backup_limit())?;
            let service = session.open(Need::MayCreate)?;
            let outcome = service.restore(&mut source, force)?;
            out.line(lang.say_done(&outcome.done))?;
        }
        Cmd::Policy { action } => {
            let service = session.open(Need::Existing)?;
            match action {
                PolicyAction::Show => {
                    let Answer::Policy(p) = service.query(Query::Policy)? else { bail!("unexpected answer") };
                    write!(out, "{}", p.to_toml())?;
                }
                PolicyAction::Set { file } => {
                    let toml = limits::read_text(&file, limits::MAX_SMALL_FILE)?;
                    crate::domain::policy::Policy::from_toml(&toml).map_err(|e| {
                        let said = lang.say(&crate::domain::msg::Msg::PolicyInvalid { problem: e });
                        anyhow::anyhow!("{}: {said}", file.display())
                    })?;
                    out.line(lang.say_done(&service.execute(Command::SetPolicy { toml, seen: None })?.done))?;
                }
            }
        }
        Cmd::Vacancy { action } => {
            let service = session.open(Need::Existing)?;
            super::vacancy::run(&service, lang, action, &mut out)?;
        }
        Cmd::Plan { action } => {
            let service = session.open(Need::Existing)?;
            super::pool::plan(&service, lang, action, &mut out)?;
        }
        Cmd::Insight { action: super::InsightAction::Reports { pool, json } } => {
            let service = session.open(Need::Existing)?;
            let pool = pool_or_newest(&service, pool.as_deref())?;
            let r = service.pool_reports(pool)?;
            if json {
                serde_json::to_writer(&mut out, &r)?;
                writeln!(out)?;
            } else {
                for line in crate::report::insight::lines(lang, &r) {
                    out.line(line)?;
                }
            }
        }
        Cmd::Insight { action: super::InsightAction::Courses { pool, json } } => {
            let service = session.open(Need::Existing)?;
            let pool = pool_or_newest(&service, pool.as_deref())?;
            let rows = service.course_effects(pool)?;
            if json {
                serde_json::to_writer(&mut out, &rows)?;
                writeln!(out)?;
            } else if rows.is_empty() {
                out.line(crate::locale::insight::no_effects(lang))?;
            } else {
                for r in &rows {
                    out.line(crate::locale::insight::effect_line(
                        lang,
                        &r.course,
                        &r.title,
                        (r.before_pct, r.after_pct, r.change),
                        r.n,
                        r.small_sample,
                    ))?;
                }
            }
        }
        Cmd::Insight { action: super::InsightAction::Rates { pool, json, from, to } } => {
            let service = session.open(Need::Existing)?;
            let pool = pool_or_newest(&service, pool.as_deref())?;
            super::rates::print(&service, lang, pool, (from, to.unwrap_or_else(today)), json, &mut out)?;
        }
        Cmd::Insight { action: super::InsightAction::Gaps { json } } => {
            let service = session.open(Need::Existing)?;
            let rows = service.gaps()?;
            if json {
                serde_json::to_writer(&mut out, &rows)?;
                writeln!(out)?;
            } else {
                for r in &rows {
                    let line = say::GapLine {
                        department: &r.department,
                        dimension: &r.dimension,
                        department_avg: r.department_avg,
                        company_avg: r.company_avg,
                        gap: r.gap,
                        n: r.n,
                        courses: &r.recommended_courses,
                    };
                    out.line(say::gap_line(lang, &line))?;
                }
            }
        }
        Cmd::Bench { json } => {
            let service = session.open(Need::Existing)?;
            super::vacancy::bench(&service, lang, json, &mut out)?;
        }
        Cmd::Forecast { json, on } => {
            let service = session.open(Need::Existing)?;
            super::vacancy::forecast(&service, lang, json, on, &mut out)?;
        }
        Cmd::Pool { action } => {
            let service = session.open(Need::Existing)?;
            super::pool::run(&service, lang, action, &mut out)?;
        }
        Cmd::Operator { action } => {
            let service = session.open(Need::Existing)?;
            match action {
                OperatorAction::Add { user, role, department } => {
                    out.line(
                        lang.say_done(
                            &service.execute(Command::AddOperator { user, role, department })?.done,
                        ),
                    )?;
                }
                OperatorAction::List => {
                    let Answer::Operators(ops) = service.query(Query::Operators)? else {
                        bail!("unexpected answer")
                    };
                    for Operator { user, role, department } in ops {
                        out.line(format!("{user}\t{}\t{}", role.code(), department.unwrap_or_default()))?;
                    }
                }
            }
        }
        Cmd::Undo { seq } => {
            let service = session.open(Need::Existing)?;
            out.line(lang.say_done(&service.execute(Command::Undo { audit_seq: seq })?.done))?;
        }
        Cmd::Apply { file } => {
            let service = session.open(Need::MayCreate)?;
            return super::apply::apply(&service, &file, lang, &mut out);
        }
        Cmd::Reflection { action } => {
            let service = session.open(Need::Existing)?;
            let command = match action {
                ReflectionAction::Submit { employee, stage, title, file } => {
                    let body = if file == Path::new("-") {
                        limits::read_stdin_text(limits::MAX_TEXT_FILE)?
                    } else {
                        limits::read_text(&file, limits::MAX_TEXT_FILE)?
                    };
                    let title = title.unwrap_or_else(|| {
                        body.lines()
                            .find(|l| !l.trim().is_empty())
                            .unwrap_or("")
                            .trim_start_matches('#')
                            .trim()
                            .to_string()
                    });
                    super::reflections::submit_or_rewrite(&service, employee, stage, title, body)?
                }
                ReflectionAction::Reply { id, text } => Command::Reply { id, text },
                ReflectionAction::Reopen { id, reason } => Command::ReopenReview { id, reason },
            };
            out.line(lang.say_done(&service.execute(command)?.done))?;
        }
        Cmd::Reflections { pending, json } => {
            let service = session.open(Need::Existing)?;
            super::reflections::list(&service, pending, json, &mut out)?;
        }
    }
    out.flush()?;
    Ok(0)
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn cli_ui(cli: &Cli) -> crate::tui::UiOptions {
    crate::tui::UiOptions { lang: cli.lang.clone(), keymap: cli.keymap.clone() }
}

/// The pool of the latest year; the first created of that year.
/// The pool named (by number or name), else the newest.
fn pool_or_newest(service: &Service, named: Option<&str>) -> anyhow::Result<u32> {
    match named {
        Some(text) => Ok(super::pool::find_pool(service, text)?.id),
        None => newest_pool(service),
    }
}

pub(super) fn newest_pool(service: &Service) -> anyhow::Result<u32> {
    let Answer::Pools(pools) = service.query(Query::Pools)? else { bail!("unexpected answer") };
    let mut newest: Option<(u16, u32)> = None;
    for p in pools {
        if newest.is_none_or(|(year, _)| p.year > year) {
            newest = Some((p.year, p.id));
        }
    }
    newest
        .map(|(_, id)| id)
        .ok_or_else(|| crate::service::ServiceError::not_found(crate::domain::msg::Msg::NoPools).into())
}
