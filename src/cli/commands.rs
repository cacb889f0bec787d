//! What each subcommand does, through the service only.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use anyhow::{bail, Context};

use super::{
    default_db, Cli, Cmd, OperatorAction, PolicyAction, ReflectionAction, ReportAction, StageReviewAction,
};
use crate::domain::access::Operator;
use crate::io::mapping::Mapping;
use crate::io::{export, import};
use crate::service::{Answer, Command, Query, Service};

pub fn run(cli: Cli) -> anyhow::Result<i32> {
    let db = cli.db.clone().unwrap_or_else(default_db);
    let ui = cli_ui(&cli);
    let lang = crate::tui::i18n::Lang::detect(cli.lang.as_deref());
    let Some(command) = cli.command else {
        let service = open_existing(&db)?;
        return crate::tui::run(&service, &ui).map(|_| 0);
    };
    match command {
        Cmd::Demo { employees, seed, no_tui } => {
            demo(&db, employees.unwrap_or(crate::demo::DEFAULT_EMPLOYEES), seed)?;
            if !no_tui {
                let service = Service::open_local(&db)?;
                crate::tui::run(&service, &ui)?;
            }
            Ok(0)
        }
        Cmd::Import { kind, file, map, dry_run } => {
            let mapping = match &map {
                Some(path) => Mapping::load(path, kind)?,
                None => Mapping::default(),
            };
            let tty = std::io::stderr().is_terminal();
            let mut progress = |rows: u64| {
                if tty && rows >= 10_000 {
                    eprint!("\rread {rows} rows…");
                }
            };
            let command = import::read_file(kind, &file, &mapping, dry_run, &mut progress);
            if tty {
                eprint!("\r\x1b[K");
            }
            let service = Service::open_local(&db)?;
            let outcome = service.execute(command?)?;
            println!("{}", outcome.summary);
            if let Some(report) = outcome.import.filter(|r| r.dry_run && !r.changed_keys.is_empty()) {
                for key in report.changed_keys {
                    println!("  would change {key}");
                }
            }
            Ok(0)
        }
        Cmd::Export { kind, format, output, pool } => {
            let service = open_existing(&db)?;
            let pool = match (kind, pool) {
                (export::ExportKind::Pool, None) => Some(newest_pool(&service)?),
                (_, p) => p,
            };
            match output {
                Some(path) => {
                    let n = super::write_atomically(&path, |file| {
                        export::export(&service, kind, format, pool, file)
                    })?;
                    eprintln!("{n} records written to {}", path.display());
                }
                None => {
                    let stdout = std::io::stdout();
                    let mut out = std::io::BufWriter::new(stdout.lock());
                    export::export(&service, kind, format, pool, &mut out)?;
                }
            }
            Ok(0)
        }
        Cmd::Remind { json, on } => {
            let service = open_existing(&db)?;
            let on = on.unwrap_or_else(|| chrono::Local::now().date_naive());
            let Answer::Reminders(list) = service.query(Query::Remind { on })? else {
                bail!("unexpected answer")
            };
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            if json {
                serde_json::to_writer(&mut out, &list)?;
                writeln!(out)?;
            } else {
                for r in &list {
                    let standing = if r.at_risk {
                        "behind schedule".to_string()
                    } else {
                        format!("{} days overdue", r.days_overdue)
                    };
                    writeln!(
                        out,
                        "{}\t{}\t{}/{}\t{} {}\tdue {}\t{standing}\t{:.0} h left\tmanager {}",
                        r.employee_id,
                        r.name,
                        r.department,
                        r.section,
                        r.course,
                        r.title,
                        r.due,
                        r.hours_left,
                        r.manager.as_deref().unwrap_or("-")
                    )?;
                }
            }
            out.flush()?;
            Ok(0)
        }
        Cmd::Readiness { pool, json, on } => {
            let service = open_existing(&db)?;
            let pool = match pool {
                Some(p) => p,
                None => newest_pool(&service)?,
            };
            super::readiness::list(&service, pool, on.unwrap_or_else(today), json, lang)?;
            Ok(0)
        }
        Cmd::Report { action } => {
            let service = open_existing(&db)?;
            match action {
                ReportAction::Readiness { pool, format, output, on } => {
                    let pool = match pool {
                        Some(p) => p,
                        None => newest_pool(&service)?,
                    };
                    let on = on.unwrap_or_else(today);
                    super::readiness::pool_report(&service, pool, on, format, output.as_ref(), lang)?;
                }
                ReportAction::Candidate { employee, pool, json, output, on } => {
                    let pool = match pool {
                        Some(p) => p,
                        None => newest_pool(&service)?,
                    };
                    let on = on.unwrap_or_else(today);
                    super::readiness::candidate_report(
                        &service,
                        pool,
                        employee,
                        on,
                        json,
                        output.as_ref(),
                        lang,
                    )?;
                }
            }
            Ok(0)
        }
        Cmd::StageReview { action } => {
            let service = open_existing(&db)?;
            match action {
                StageReviewAction::Record { employee, kind, year, recommend, comment, on } => {
                    let on = on.unwrap_or_else(today);
                    super::readiness::record_review(&service, employee, year, &kind, &recommend, comment, on)?
                }
                StageReviewAction::Object(reply) => super::readiness::reply_review(&service, reply, true)?,
                StageReviewAction::Answer(reply) => super::readiness::reply_review(&service, reply, false)?,
            }
            Ok(0)
        }
        Cmd::Points { employee, json } => {
            let service = open_existing(&db)?;
            let Answer::Points(p) = service.query(Query::Points { employee_id: employee })? else {
                bail!("unexpected answer")
            };
            if json {
                println!("{}", serde_json::to_string_pretty(&p)?);
            } else {
                println!(
                    "{}: {} points -> performance score {}{}",
                    p.employee_id,
                    p.balance,
                    p.performance_score,
                    if p.improvement_plan { " (improvement plan required)" } else { "" }
                );
                for e in &p.events {
                    println!(
                        "  {:>5}  {:+4}  {:<26} {}  {}",
                        e.seq,
                        e.points,
                        e.cause.code(),
                        e.at.format("%Y-%m-%d"),
                        e.reason
                    );
                }
                for r in &p.redemptions {
                    println!(
                        "  redeemed {} at {} points on {}",
                        r.kind.code(),
                        r.balance_at_redemption,
                        r.at.format("%Y-%m-%d")
                    );
                }
            }
            Ok(0)
        }
        Cmd::Check => {
            let service = open_existing(&db)?;
            let Answer::Check(problems) = service.query(Query::Check)? else { bail!("unexpected answer") };
            if problems.is_empty() {
                println!("{}: no problems found", db.display());
                Ok(0)
            } else {
                for p in &problems {
                    println!("{p}");
                }
                eprintln!("cadre: {} problem(s) in {}", problems.len(), db.display());
                Ok(2)
            }
        }
        Cmd::Backup { file } => {
            let service = open_existing(&db)?;
            let absolute = std::path::absolute(&file)?;
            let Answer::BackedUp { records, bytes } =
                service.query(Query::Backup { path: absolute.display().to_string() })?
            else {
                bail!("unexpected answer")
            };
            println!("{records} records ({bytes} bytes) backed up to {}", file.display());
            Ok(0)
        }
        Cmd::Restore { file, force } => {
            let service = Service::open_local(&db)?;
            let absolute = std::path::absolute(&file)?;
            let outcome =
                service.execute(Command::Restore { path: absolute.display().to_string(), force })?;
            println!("{}", outcome.summary);
            Ok(0)
        }
        Cmd::Policy { action } => {
            let service = Service::open_local(&db)?;
            match action {
                PolicyAction::Show => {
                    let Answer::Policy(p) = service.query(Query::Policy)? else { bail!("unexpected answer") };
                    print!("{}", p.to_toml());
                }
                PolicyAction::Set { file } => {
                    let toml = std::fs::read_to_string(&file)
                        .with_context(|| format!("cannot read {}", file.display()))?;
                    crate::domain::policy::Policy::from_toml(&toml)
                        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
                    println!("{}", service.execute(Command::SetPolicy { toml })?.summary);
                }
            }
            Ok(0)
        }
        Cmd::Operator { action } => {
            let service = Service::open_local(&db)?;
            match action {
                OperatorAction::Add { user, role, department } => {
                    println!("{}", service.execute(Command::AddOperator { user, role, department })?.summary);
                }
                OperatorAction::List => {
                    let Answer::Operators(ops) = service.query(Query::Operators)? else {
                        bail!("unexpected answer")
                    };
                    for Operator { user, role, department } in ops {
                        println!("{user}\t{}\t{}", role.code(), department.unwrap_or_default());
                    }
                }
            }
            Ok(0)
        }
        Cmd::Apply { file } => apply(&db, &file),
        Cmd::Reflection { action } => {
            let service = Service::open_local(&db)?;
            let command = match action {
                ReflectionAction::Submit { employee, stage, title, file } => {
                    let body = if file == Path::new("-") {
                        std::io::read_to_string(std::io::stdin())?
                    } else {
                        std::fs::read_to_string(&file)
                            .with_context(|| format!("cannot read {} as UTF-8 text", file.display()))?
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
            };
            println!("{}", service.execute(command)?.summary);
            Ok(0)
        }
        Cmd::Reflections { pending, json } => {
            let service = open_existing(&db)?;
            super::reflections::list(&service, pending, json)?;
            Ok(0)
        }
    }
}

/// Opens a store that must already exist: reading a mistyped `--db` should not create an
/// empty store.
fn open_existing(db: &Path) -> anyhow::Result<Service> {
    if !db.exists() {
        bail!(
            "no store at {}: create one with `cadre demo` or `cadre import employees FILE`, or point --db / CADRE_DB at yours",
            db.display()
        );
    }
    Service::open_local(db)
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn cli_ui(cli: &Cli) -> crate::tui::UiOptions {
    crate::tui::UiOptions { lang: cli.lang.clone(), keymap: cli.keymap.clone() }
}

/// The pool of the latest year; the first created of that year.
fn newest_pool(service: &Service) -> anyhow::Result<u32> {
    let mut newest: Option<(u16, u32)> = None;
    export::for_each_record(service, crate::service::RecordKind::Pools, None, |r| {
        if let crate::service::Record::Pool(p) = r {
            if newest.is_none_or(|(year, _)| p.year > year) {
                newest = Some((p.year, p.id));
            }
        }
        Ok(())
    })?;
    newest.map(|(_, id)| id).context("the store has no pool")
}

/// Creates the demo store, refusing to touch a store that holds a real organisation.
fn demo(db: &Path, employees: usize, seed: u64) -> anyhow::Result<()> {
    if db.is_dir() && std::fs::read_dir(db)?.next().is_some() {
        let service = Service::open_local(db)?;
        let Answer::WhoAmI(info) = service.query(Query::WhoAmI)? else { bail!("unexpected answer") };
        drop(service);
        if info.has_employees && !info.demo {
            bail!(
                "the store at {} holds a real organisation, not a demo; run the demo elsewhere with --db DIR",
                db.display()
            );
        }
        std::fs::remove_dir_all(db)
            .with_context(|| format!("cannot clear the demo store at {}", db.display()))?;
    }
    let service = Service::open_local(db)?;
    let tty = std::io::stderr().is_terminal();
    let summary = crate::demo::load(&service, employees, seed, &mut |s| {
        if tty {
            eprint!("\rloading… {}/{employees} employees", s.employees);
        }
    })?;
    if tty {
        eprint!("\r\x1b[K");
    }
    println!(
        "demo store at {}: {} employees, {} pool members, {} enrollments, {} reflections, {} evaluations",
        db.display(),
        summary.employees,
        summary.members,
        summary.enrollments,
        summary.reflections,
        summary.evaluations
    );
    Ok(())
}

/// `cadre apply`: one JSON command per line, one JSON result per line once durable.
fn apply(db: &Path, file: &Path) -> anyhow::Result<i32> {
    let service = Service::open_local(db)?;
    let input: Box<dyn BufRead> = if file == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(file).with_context(|| format!("cannot read {}", file.display()))?,
        ))
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = 0;
    for (n, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let result = match serde_json::from_str::<Command>(&line) {
            Err(e) => serde_json::json!({"line": n + 1, "error": format!("not a command: {e}")}),
            Ok(command) => match service.execute(command) {
                Ok(outcome) => serde_json::json!({"line": n + 1, "ok": outcome}),
                Err(e) => serde_json::json!({"line": n + 1, "error": e.to_string()}),
            },
        };
        if result.get("error").is_some() {
            failed += 1;
        }
        writeln!(out, "{result}")?;
        out.flush()?;
    }
    Ok(if failed > 0 { 1 } else { 0 })
}
