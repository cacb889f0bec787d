//! `cadre readiness`, `cadre report readiness|candidate` and `cadre stage-review`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::bail;

use super::out::{note, Out};
use crate::domain::assessment::{Recommendation, StageReview, StageReviewKind};
use crate::domain::Date;
use crate::io::private_file::write_private;
use crate::locale::{cli as say, Lang};
use crate::report::pool::ReportFormat;
use crate::service::readiness_views::{CandidateReport, ReadinessReport};
use crate::service::{Answer, Command, Outcome, Query, Service};

pub fn report(service: &Service, pool: u32, on: Date) -> anyhow::Result<ReadinessReport> {
    match service.query(Query::Readiness { pool, on, policy: None })? {
        Answer::Readiness(r) => Ok(*r),
        _ => bail!("the service answered a readiness query with something else"),
    }
}

/// The ranked list as text, or as JSON with every field.
pub fn list(
    service: &Service,
    pool: u32,
    on: Date,
    json: bool,
    lang: Lang,
    out: &mut Out,
) -> anyhow::Result<()> {
    let report = report(service, pool, on)?;
    if json {
        serde_json::to_writer(&mut *out, &report.rows)?;
        writeln!(out)?;
    } else {
        for (i, r) in report.rows.iter().enumerate() {
            let failed: Vec<String> = r
                .gates
                .iter()
                .filter(|g| !g.passed)
                .map(|g| {
                    format!(
                        "{} {}",
                        crate::report::gate_name(lang, g.gate),
                        crate::report::gate_value(lang, g)
                    )
                })
                .collect();
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{:.1}{}\t{}\t{}",
                i + 1,
                r.employee_id,
                r.name,
                r.department,
                crate::report::level(lang, r.level),
                r.composite,
                if r.priority { "\tpriority" } else { "\t" },
                if failed.is_empty() { "-".to_string() } else { failed.join("; ") },
                crate::report::left_summary(lang, &r.todo, r.weeks_left)
            )?;
        }
    }
    Ok(())
}

fn emit(
    bytes: Vec<u8>,
    output: Option<&PathBuf>,
    binary: bool,
    lang: Lang,
    out: &mut Out,
) -> anyhow::Result<()> {
    // a text report never carries control characters, wherever it goes
    let bytes = if binary {
        bytes
    } else {
        let mut clean = Vec::with_capacity(bytes.len());
        super::out::ControlFilter::default().filter(&bytes, &mut clean);
        clean
    };
    match output {
        Some(path) => {
            write_private(path, |file| Ok(file.write_all(&bytes)?))?;
            note(say::report_written(lang, path));
        }
        None if binary && std::io::IsTerminal::is_terminal(&std::io::stdout()) => {
            return Err(
                crate::service::ServiceError::invalid(crate::domain::msg::Msg::BinaryToTerminal).into()
            )
        }
        None => out.write_all(&bytes)?,
    }
    Ok(())
}

pub fn pool_report(
    service: &Service,
    pool: u32,
    on: Date,
    format: ReportFormat,
    output: Option<&PathBuf>,
    lang: Lang,
    out: &mut Out,
) -> anyhow::Result<()> {
    let mut report = report(service, pool, on)?;
    let (rates, target) = service.appointment_rates()?;
    report.appointment_rate = rates.into_iter().find(|r| r.pool_id == pool).map(|r| r.rate);
    report.appointment_rate_target = Some(target);
    let mut bytes = Vec::new();
    match format {
        ReportFormat::Md => crate::report::pool::markdown(&report, lang, &mut bytes)?,
        ReportFormat::Csv => crate::report::pool::csv(&report, lang, &mut bytes)?,
        ReportFormat::Json => crate::report::pool::json(&report, &mut bytes)?,
        ReportFormat::Xlsx => {
            // the leadership sheets: the rates since January of the pool's year, bench
            // strength and the department gaps
            let from =
                chrono::NaiveDate::from_ymd_opt(i32::from(report.pool.year), 1, 1).filter(|d| *d <= on);
            let extras = crate::report::sheets::Extras {
                rates: from.map(|from| service.rates(pool, from, on)).transpose()?,
                bench: service.bench(on)?,
                gaps: service.gaps()?,
            };
            bytes = crate::report::pool::xlsx(&report, lang, Some(&extras))?
        }
    }
    emit(bytes, output, format == ReportFormat::Xlsx, lang, out)
}

/// Whose candidate report, from which pool, judged on which day, in JSON or Markdown.
pub struct CandidateArgs {
    pub pool: u32,
    pub employee_id: crate::domain::org::EmployeeId,
    pub on: Date,
    pub json: bool,
}

pub fn candidate_report(
    service: &Service,
    args: CandidateArgs,
    output: Option<&PathBuf>,
    lang: Lang,
    out: &mut Out,
) -> anyhow::Result<()> {
    let CandidateArgs { pool, employee_id, on, json } = args;
    let Answer::CandidateReport(report) = service.query(Query::CandidateReport { pool, employee_id, on })?
    else {
        bail!("the service answered a report query with something else")
    };
    let report: CandidateReport = *report;
    let mut bytes = Vec::new();
    if json {
        serde_json::to_writer_pretty(&mut bytes, &report)?;
        bytes.push(b'\n');
    } else {
        crate::report::candidate::markdown(&report, lang, &mut bytes)?;
    }
    emit(bytes, output, false, lang, out)
}

/// `cadre stage-review record`.
pub fn record_review(
    service: &Service,
    employee_id: crate::domain::org::EmployeeId,
    year: u16,
    kind: &str,
    recommendation: &str,
    comment: String,
    on: Date,
) -> anyhow::Result<Outcome> {
    let review = StageReview {
        employee_id,
        year,
        kind: StageReviewKind::parse(kind)?,
        recommendation: Recommendation::parse(recommendation)?,
        comment,
        reviewer: String::new(),
        on,
        replies: Vec::new(),
    };
    Ok(service.execute(Command::RecordStageReview(review))?)
}

/// `cadre stage-review object|answer`.
pub fn reply_review(
    service: &Service,
    reply: super::ReviewReply,
    objection: bool,
) -> anyhow::Result<Outcome> {
    let kind = StageReviewKind::parse(&reply.kind)?;
    let command = Command::ReplyStageReview {
        employee_id: reply.employee,
        year: reply.year,
        kind,
        text: reply.text,
        objection,
    };
    Ok(service.execute(command)?)
}
