//! `cadre vacancy open|list|shortlist|appoint|reverse` and `cadre bench`: the pipeline's
//! last step from the command line, JSON for scripts.

use std::io::Write;

use serde::Serialize;

use super::out::Out;
use super::VacancyAction;
use crate::domain::msg::Who;
use crate::domain::vacancy::{Vacancy, VacancyStatus};
use crate::domain::Date;
use crate::locale::{labels, Lang};
use crate::service::vacancies::{BenchRow, ShortlistRow};
use crate::service::{Command, Service, ServiceError};

fn today() -> Date {
    chrono::Local::now().date_naive()
}

/// A vacancy as `vacancy list --json` prints it.
#[derive(Serialize)]
struct ListedVacancy<'a> {
    id: u32,
    department: &'a str,
    section: &'a str,
    rank: &'static str,
    reason: &'static str,
    opened: Date,
    due: Option<Date>,
    status: &'static str,
    filled_by: Option<&'a str>,
}

/// A shortlist row as `vacancy shortlist --json` prints it.
#[derive(Serialize)]
struct ListedCandidate<'a> {
    employee_id: &'a str,
    name: &'a str,
    department: &'a str,
    pool_id: u32,
    level: &'static str,
    composite: f64,
    priority: bool,
    failing_gates: &'a [crate::domain::readiness::GateKind],
}

/// Bench strength as `bench --json` prints it.
#[derive(Serialize)]
struct ListedBench<'a> {
    department: &'a str,
    rank: &'static str,
    expected_vacancies: u32,
    ready_now: u32,
    ready_1_2: u32,
    developing: u32,
    short: bool,
    /// The last day to act on the expected vacancies.
    act_by: Option<Date>,
    months_left: Option<u32>,
}

/// One decimal, as the readiness report shows it.
fn shown(x: f32) -> f64 {
    crate::domain::text::one_decimal(f64::from(x))
}

fn gate_words(lang: Lang, row: &ShortlistRow) -> String {
    match crate::report::failing_gates(lang, &row.failing_gates) {
        None => crate::locale::vacancy::texts(lang).every_gate.to_string(),
        Some(words) => format!("{}{words}", lang.pick("未过：", "failing: ")),
    }
}

pub fn run(service: &Service, lang: Lang, action: VacancyAction, out: &mut Out) -> anyhow::Result<()> {
    match action {
        VacancyAction::Open { department, section, rank, due, reason, opens, forecast } => {
            let vacancy = Vacancy {
                id: 0,
                department,
                section: section.unwrap_or_default(),
                rank,
                opens_on: opens.unwrap_or_else(today),
                status: if forecast { VacancyStatus::Forecast } else { VacancyStatus::Open },
                reason,
                due: Some(due),
            };
            let outcome = service.execute(Command::AddVacancy(vacancy))?;
            out.line(lang.say_done(&outcome.done))?;
        }
        VacancyAction::List { json } => {
            let list = service.vacancies()?;
            if json {
                let rows: Vec<ListedVacancy> = list
                    .iter()
                    .map(|v| ListedVacancy {
                        id: v.id,
                        department: &v.department,
                        section: &v.section,
                        rank: v.rank.code(),
                        reason: v.reason.code(),
                        opened: v.opened,
                        due: v.due,
                        status: v.status.code(),
                        filled_by: v.filled_by.as_ref().map(|e| e.as_str()),
                    })
                    .collect();
                serde_json::to_writer(&mut *out, &rows)?;
                writeln!(out)?;
            } else if list.is_empty() {
                out.line(
                    lang.pick(
                        "还没有岗位空缺：cadre vacancy open …",
                        "no vacancies yet: cadre vacancy open …",
                    ),
                )?;
            } else {
                let on = today();
                for v in &list {
                    let who = v.filled_by.as_ref().map(|id| {
                        lang.who(&Who::new(id.as_str(), v.filled_by_name.clone().unwrap_or_default()))
                    });
                    let line = crate::locale::cli::VacancyLine {
                        id: v.id,
                        department: &v.department,
                        section: &v.section,
                        rank: v.rank,
                        reason: v.reason,
                        status: v.status,
                        opened: v.opened,
                        due: v.due,
                    };
                    out.line(crate::locale::cli::vacancy_line(lang, &line, on, who.as_deref()))?;
                }
            }
        }
        VacancyAction::Shortlist { vacancy, json, on } => {
            let rows = service.shortlist(vacancy, on.unwrap_or_else(today))?;
            if json {
                let listed: Vec<ListedCandidate> = rows
                    .iter()
                    .map(|r| ListedCandidate {
                        employee_id: r.employee_id.as_str(),
                        name: &r.name,
                        department: &r.department,
                        pool_id: r.pool_id,
                        level: r.level.code(),
                        composite: shown(r.composite),
                        priority: r.priority,
                        failing_gates: &r.failing_gates,
                    })
                    .collect();
                serde_json::to_writer(&mut *out, &listed)?;
                writeln!(out)?;
            } else if rows.is_empty() {
                out.line(crate::locale::cli::nobody_for_vacancy(lang, vacancy))?;
            } else {
                for (i, r) in rows.iter().enumerate() {
                    out.line(format!(
                        "{:>3}. {}  {}  {}  {:.1}{}  {}",
                        i + 1,
                        lang.who(&Who::new(r.employee_id.as_str(), r.name.clone())),
                        r.department,
                        crate::report::level(lang, r.level),
                        r.composite,
                        if r.priority { lang.pick("  ★前20%", "  ★top 20%") } else { "" },
                        gate_words(lang, r),
                    ))?;
                }
            }
        }
        VacancyAction::Appoint { vacancy, employee, reason, on, pool } => {
            // an unknown person is named as such, not as "not on the shortlist"
            service.employee(employee.clone())?;
            // the pool: the one named, else the shortlist's (the pool the person is live in)
            let pool_id = match pool {
                Some(p) => super::pool::find_pool(service, &p)?.id,
                None => service
                    .shortlist(vacancy, on.unwrap_or_else(today))?
                    .into_iter()
                    .find(|r| r.employee_id == employee)
                    .map(|r| r.pool_id)
                    .ok_or_else(|| {
                        ServiceError::invalid(crate::domain::msg::Msg::NotOnShortlist {
                            who: Who::id(employee.as_str()),
                            vacancy,
                        })
                    })?,
            };
            let outcome = service.execute(Command::Appoint {
                vacancy_id: vacancy,
                pool_id,
                employee_id: employee,
                seen: None,
                reason: reason.unwrap_or_default(),
                on,
            })?;
            out.line(lang.say_done(&outcome.done))?;
        }
        VacancyAction::Reverse { vacancy, reason } => {
            let outcome = service.execute(Command::ReverseAppointment { vacancy_id: vacancy, reason })?;
            out.line(lang.say_done(&outcome.done))?;
        }
    }
    Ok(())
}

/// `cadre bench`: per department and target rank, vacancies expected against people ready.
pub fn bench(service: &Service, lang: Lang, json: bool, out: &mut Out) -> anyhow::Result<()> {
    let rows: Vec<BenchRow> = service.bench(today())?;
    if json {
        let listed: Vec<ListedBench> = rows
            .iter()
            .map(|r| ListedBench {
                department: &r.department,
                rank: r.rank.code(),
                expected_vacancies: r.expected_vacancies,
                ready_now: r.ready_now,
                ready_1_2: r.ready_1_2,
                developing: r.developing,
                short: r.short,
                act_by: r.act_by,
                months_left: r.months_left,
            })
            .collect();
        serde_json::to_writer(&mut *out, &listed)?;
        writeln!(out)?;
        return Ok(());
    }
    for r in &rows {
        let line = crate::locale::cli::BenchLine {
            department: &r.department,
            expected_vacancies: r.expected_vacancies,
            ready_now: r.ready_now,
            ready_1_2: r.ready_1_2,
            developing: r.developing,
            short: r.short,
            act_by: r.months_left.zip(r.act_by),
        };
        out.line(crate::locale::cli::bench_line(lang, &line, labels::rank(lang, r.rank)))?;
    }
    Ok(())
}

/// `cadre forecast`: vacancies expected per quarter, the departments that must start
/// training and by when, and every pool's appointment rate.
pub fn forecast(
    service: &Service,
    lang: Lang,
    json: bool,
    on: Option<Date>,
    out: &mut Out,
) -> anyhow::Result<()> {
    let outlook = service.outlook(on.unwrap_or_else(today))?;
    if json {
        #[derive(Serialize)]
        struct Quarter {
            year: i32,
            quarter: u8,
            expected: f64,
            history: f64,
            recorded: u32,
            departures: u32,
        }
        #[derive(Serialize)]
        struct Start<'a> {
            department: &'a str,
            rank: &'static str,
            expected: u32,
            ready_now: u32,
            peak: Option<String>,
            start_by: Date,
            months_left: u32,
        }
        #[derive(Serialize)]
        struct Rate<'a> {
            pool_id: u32,
            name: &'a str,
            appointed_within_year: u32,
            base: u32,
            rate: Option<f64>,
            target: u8,
        }
        #[derive(Serialize)]
        struct Listed<'a> {
            on: Date,
            lead_months: u8,
            quarters: Vec<Quarter>,
            plan_starts: Vec<Start<'a>>,
            appointment_rates: Vec<Rate<'a>>,
        }
        let listed = Listed {
            on: outlook.on,
            lead_months: outlook.lead_months,
            quarters: outlook
                .quarters
                .iter()
                .map(|c| Quarter {
                    year: c.quarter.year,
                    quarter: c.quarter.q,
                    expected: shown(c.expected()),
                    history: shown(c.history),
                    recorded: c.recorded,
                    departures: c.departures,
                })
                .collect(),
            plan_starts: outlook
                .starts
                .iter()
                .map(|s| Start {
                    department: &s.department,
                    rank: s.rank.code(),
                    expected: s.expected,
                    ready_now: s.ready_now,
                    peak: s.peak.map(|q| format!("{}-Q{}", q.year, q.q)),
                    start_by: s.start_by,
                    months_left: s.months_left,
                })
                .collect(),
            appointment_rates: outlook
                .rates
                .iter()
                .map(|r| Rate {
                    pool_id: r.pool_id,
                    name: &r.name,
                    appointed_within_year: r.rate.appointed_in_year,
                    base: r.rate.base,
                    rate: r.rate.percent(),
                    target: outlook.rate_target,
                })
                .collect(),
        };
        serde_json::to_writer(&mut *out, &listed)?;
        writeln!(out)?;
        return Ok(());
    }
    let say = crate::locale::vacancy::quarter_line;
    out.line(crate::locale::vacancy::forecast_heading(lang, outlook.lead_months))?;
    let peak = crate::domain::forecast::peak(&outlook.quarters).map(|c| c.quarter);
    for c in &outlook.quarters {
        out.line(format!("  {}", say(lang, c, Some(c.quarter) == peak)))?;
    }
    if outlook.starts.is_empty() {
        out.line(crate::locale::vacancy::nobody_short(lang))?;
    }
    for s in &outlook.starts {
        out.line(format!("⚠ {}", crate::locale::vacancy::plan_start(lang, s)))?;
    }
    for r in &outlook.rates {
        out.line(crate::locale::vacancy::rate_line(lang, r, outlook.rate_target))?;
    }
    Ok(())
}
