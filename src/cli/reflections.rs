//! `cadre reflection submit|reply` and `cadre reflections`: the review queue for scripts.

use std::io::Write;

use anyhow::bail;
use serde::Serialize;

use crate::domain::reflection::ReflectionState;
use crate::service::query::QueueRow;
use crate::service::{Answer, Command, Query, Service};

/// Calls `each` for every row of the queue in `state` (all states when `None`), a page
/// at a time, until it returns `false`.
fn for_each_row(
    service: &Service,
    state: Option<ReflectionState>,
    mut each: impl FnMut(&QueueRow) -> anyhow::Result<bool>,
) -> anyhow::Result<()> {
    let mut after = None;
    loop {
        let Answer::Queue { rows, next } =
            service.query(Query::ReflectionQueue { state, department: None, after, limit: 1000 })?
        else {
            bail!("the service answered a queue query with something else")
        };
        for row in &rows {
            if !each(row)? {
                return Ok(());
            }
        }
        match next {
            Some(n) => after = Some(n),
            None => return Ok(()),
        }
    }
}

/// A first submission for the stage, or the rewrite of a returned one.
pub fn submit_or_rewrite(
    service: &Service,
    employee_id: crate::domain::org::EmployeeId,
    stage: u8,
    title: String,
    body: String,
) -> anyhow::Result<Command> {
    let mut returned = None;
    for_each_row(service, Some(ReflectionState::Returned), |row| {
        if row.employee_id == employee_id && row.stage == stage {
            returned = Some(row.id);
        }
        Ok(returned.is_none())
    })?;
    Ok(match returned {
        Some(id) => Command::ResubmitReflection { id, title, body },
        None => Command::SubmitReflection { employee_id, stage, title, body },
    })
}

/// One reflection as `cadre reflections --json` prints it (one JSON object per line).
#[derive(Serialize)]
struct Line<'a> {
    id: u64,
    employee_id: &'a str,
    name: &'a str,
    department: &'a str,
    stage: u8,
    version: u32,
    state: &'static str,
    submitted_at: String,
    score: Option<u8>,
    comment: Option<&'a str>,
    reviewer: Option<&'a str>,
    reviewed_at: Option<String>,
}

pub fn list(service: &Service, pending: bool, json: bool, out: &mut super::out::Out) -> anyhow::Result<()> {
    for_each_row(service, pending.then_some(ReflectionState::Pending), |row| {
        let Answer::Reflection(r) = service.query(Query::Reflection { id: row.id })? else { return Ok(true) };
        let review = r.versions.iter().rev().find_map(|v| v.review.as_ref());
        let line = Line {
            id: r.id,
            employee_id: &r.employee_id,
            name: &row.name,
            department: &row.department,
            stage: r.stage,
            version: r.versions.len() as u32,
            state: r.state.code(),
            submitted_at: r.latest().submitted_at.to_rfc3339(),
            score: review.map(|x| x.score),
            comment: review.map(|x| x.comment.as_str()),
            reviewer: review.map(|x| x.reviewer.as_str()),
            reviewed_at: review.map(|x| x.at.to_rfc3339()),
        };
        if json {
            writeln!(out, "{}", serde_json::to_string(&line)?)?;
        } else {
            writeln!(
                out,
                "{}\t{}\t{}\t{}\tstage {}\tv{}\t{}\t{}",
                line.id,
                line.employee_id,
                line.name,
                line.department,
                line.stage,
                line.version,
                line.state,
                line.score.map_or("-".to_string(), |s| s.to_string())
            )?;
        }
        Ok(true)
    })?;
    Ok(())
}
