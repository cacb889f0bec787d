//! `cadre pool create|list|show|screen|nominate|admit`: from an empty store to a screened,
//! admitted pool with commands (each step audited, as in the TUI).

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::bail;
use serde::Serialize;

use crate::domain::forecast::AppointmentRate;

use super::out::Out;
use super::{PlanAction, PoolAction};
use crate::domain::msg::{Msg, Who};
use crate::domain::org::{EmployeeId, Rank};
use crate::domain::pool::{MemberState, Pool, PoolId};
use crate::locale::{cli as say, Lang};
use crate::service::{Command, Service, ServiceError};

/// A pool named by its number or its exact name.
pub(super) fn find_pool(service: &Service, text: &str) -> anyhow::Result<Pool> {
    let pools = service.pools()?;
    match text.trim().parse::<PoolId>() {
        Ok(id) => pools
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| ServiceError::not_found(Msg::NoPool { id }).into()),
        Err(_) => pools
            .into_iter()
            .find(|p| p.name == text.trim())
            .ok_or_else(|| ServiceError::not_found(Msg::NoPoolNamed { pool: text.to_string() }).into()),
    }
}

/// The people named, each once; nobody is an error.
fn distinct(mut people: Vec<EmployeeId>, lang: Lang) -> anyhow::Result<Vec<EmployeeId>> {
    if people.is_empty() {
        bail!(say::nobody_named(lang));
    }
    people.sort();
    people.dedup();
    Ok(people)
}

fn ids(texts: &[String]) -> anyhow::Result<Vec<EmployeeId>> {
    texts.iter().map(|t| t.parse::<EmployeeId>().map_err(anyhow::Error::from)).collect()
}

#[derive(Serialize)]
struct PoolLine<'a> {
    #[serde(flatten)]
    pool: &'a Pool,
    members: BTreeMap<&'static str, usize>,
    /// Appointed within a year of admission over admitted and appointed members, percent
    /// (none before any admission).
    appointment_rate: Option<f64>,
    appointment_rate_target: u8,
}

/// Members per state, and the appointment rate (appointed within a year of admission
/// over admitted and appointed members).
fn counts(
    service: &Service,
    pool: PoolId,
) -> anyhow::Result<(BTreeMap<&'static str, usize>, AppointmentRate)> {
    let mut by_state = BTreeMap::new();
    let rows = service.members(pool)?;
    for row in &rows {
        *by_state.entry(row.member.state.code()).or_default() += 1;
    }
    Ok((by_state, AppointmentRate::of(rows.iter().map(|r| &r.member))))
}

fn state_counts(lang: Lang, counts: &BTreeMap<&'static str, usize>) -> String {
    let parts: Vec<String> = MemberState::ALL
        .iter()
        .filter_map(|s| {
            counts.get(s.code()).map(|n| format!("{} {n}", crate::locale::labels::member_state(lang, *s)))
        })
        .collect();
    if parts.is_empty() {
        lang.pick("无成员", "no members").to_string()
    } else {
        parts.join(lang.pick("，", ", "))
    }
}

pub fn run(service: &Service, lang: Lang, action: PoolAction, out: &mut Out) -> anyhow::Result<()> {
    match action {
        PoolAction::Create { name, year, rank } => {
            let outcome = service.execute(Command::CreatePool { name, year, target_rank: rank })?;
            out.line(lang.say_done(&outcome.done))?;
        }
        PoolAction::Rename { pool, name } => {
            let pool = find_pool(service, &pool)?;
            let outcome = service.execute(Command::RenamePool { pool_id: pool.id, name })?;
            out.line(lang.say_done(&outcome.done))?;
        }
        PoolAction::Close { pool, on } => {
            let pool = find_pool(service, &pool)?;
            let outcome = service.execute(Command::ClosePool { pool_id: pool.id, on })?;
            out.line(lang.say_done(&outcome.done))?;
        }
        PoolAction::List { json } => {
            let pools = service.pools()?;
            let target = service.policy()?.targets.appointment_rate;
            if json {
                let mut lines = Vec::new();
                for p in &pools {
                    let (members, rate) = counts(service, p.id)?;
                    let appointment_rate = rate.percent();
                    lines.push(PoolLine {
                        pool: p,
                        members,
                        appointment_rate,
                        appointment_rate_target: target,
                    });
                }
                serde_json::to_writer(&mut *out, &lines)?;
                writeln!(out)?;
            } else if pools.is_empty() {
                out.line(say::no_pools(lang))?;
            } else {
                for p in &pools {
                    let (c, rate) = counts(service, p.id)?;
                    out.line(say::pool_line(lang, p, &state_counts(lang, &c)))?;
                    if let Some(rate) = rate.percent() {
                        out.line(say::appointment_rate(lang, rate, target))?;
                    }
                }
            }
        }
        PoolAction::Show { pool, json } => {
            let pool = find_pool(service, &pool)?;
            let members = service.members(pool.id)?;
            if json {
                #[derive(Serialize)]
                struct Shown<'a> {
                    pool: &'a Pool,
                    members: &'a [crate::service::query::MemberRow],
                }
                serde_json::to_writer(&mut *out, &Shown { pool: &pool, members: &members })?;
                writeln!(out)?;
            } else {
                let (c, _) = counts(service, pool.id)?;
                out.line(say::pool_line(lang, &pool, &state_counts(lang, &c)))?;
                for row in &members {
                    out.line(format!(
                        "  {}  {}  {}  {}",
                        crate::locale::labels::member_state(lang, row.member.state),
                        lang.who(&Who::new(row.member.employee_id.as_str(), row.name.clone())),
                        row.department,
                        crate::locale::labels::rank(lang, row.rank),
                    ))?;
                }
            }
        }
        PoolAction::Screen { pool, json, on } => {
            let pool = find_pool(service, &pool)?;
            let on = on.unwrap_or_else(|| chrono::Local::now().date_naive());
            let candidates = service.screen(pool.id, on)?;
            if json {
                serde_json::to_writer(&mut *out, &candidates)?;
                writeln!(out)?;
            } else {
                out.line(say::screened(lang, &pool, candidates.len()))?;
                for c in &candidates {
                    let checks: Vec<String> = c
                        .checks
                        .iter()
                        .map(|k| {
                            let value = crate::locale::labels::rule_value(lang, k.rule, &k.value);
                            let mark = if k.passed { "✓" } else { "✗" };
                            match value {
                                Some(v) => {
                                    format!("{} {v} {mark}", crate::locale::labels::rule(lang, k.rule))
                                }
                                None => format!("{} {mark}", crate::locale::labels::rule(lang, k.rule)),
                            }
                        })
                        .collect();
                    out.line(format!(
                        "  {}  {}  {}",
                        lang.who(&Who::new(c.employee_id.as_str(), c.name.clone())),
                        c.department,
                        checks.join(lang.pick("，", ", "))
                    ))?;
                }
            }
        }
        PoolAction::Nominate { pool, employees, eligible, reason } => {
            let pool = find_pool(service, &pool)?;
            // one screening: the eligible to add, and the named who fail a rule to point out
            let passing: Vec<EmployeeId> = service
                .screen(pool.id, chrono::Local::now().date_naive())?
                .into_iter()
                .map(|c| c.employee_id)
                .collect();
            let mut people = ids(&employees)?;
            if eligible {
                if passing.is_empty() {
                    bail!(say::nobody_eligible(lang, &pool));
                }
                people.extend(passing.iter().cloned());
            }
            let people = distinct(people, lang)?;
            let outside: Vec<EmployeeId> =
                people.iter().filter(|id| !passing.contains(id)).cloned().collect();
            let outcome =
                service.execute(Command::Nominate { pool_id: pool.id, employee_ids: people, reason })?;
            out.line(lang.say_done(&outcome.done))?;
            if !outside.is_empty() {
                let names: Vec<String> = outside
                    .iter()
                    .take(10)
                    .map(|id| {
                        let name = service.employee(id.clone()).map(|e| e.name).unwrap_or_default();
                        lang.who(&Who::new(id.as_str(), name))
                    })
                    .collect();
                super::out::note(say::nominated_outside_rules(
                    lang,
                    outside.len(),
                    &names.join(lang.pick("、", ", ")),
                ));
            }
        }
        PoolAction::Admit { pool, employees, all_nominated, reason } => {
            let pool = find_pool(service, &pool)?;
            let members = service.members(pool.id)?;
            let mut people = ids(&employees)?;
            if all_nominated {
                people.extend(
                    members
                        .iter()
                        .filter(|m| m.member.state == MemberState::Nominated)
                        .map(|m| m.member.employee_id.clone()),
                );
                if people.is_empty() {
                    bail!(say::nobody_nominated(lang, &pool));
                }
            }
            let people = distinct(people, lang)?;
            // every person is checked before anyone is admitted
            for id in &people {
                let Some(row) = members.iter().find(|m| &m.member.employee_id == id) else {
                    return Err(ServiceError::not_found(Msg::NotInPool {
                        who: Who::id(id.as_str()),
                        pool: pool.id,
                    })
                    .into());
                };
                if row.member.state != MemberState::Nominated {
                    return Err(ServiceError::invalid(Msg::AlreadyInState {
                        who: Who::new(id.as_str(), row.name.clone()),
                        state: row.member.state,
                        pool: pool.id,
                    })
                    .into());
                }
            }
            for id in &people {
                let outcome = service.execute(Command::TransitionMember {
                    pool_id: pool.id,
                    employee_id: id.clone(),
                    to: MemberState::Admitted,
                    reason: reason.clone(),
                    seen: None,
                })?;
                if people.len() <= 20 {
                    out.line(lang.say_done(&outcome.done))?;
                }
            }
            out.line(say::admitted(lang, &pool, people.len()))?;
        }
    }
    Ok(())
}

/// `--rank` of `pool create`: the code, the Chinese or the English title.
pub fn parse_rank(text: &str) -> Result<Rank, String> {
    Rank::parse(text).map_err(|e| crate::locale::Lang::En.say(&e.0))
}

/// A plan file: `[[general]]` and `[[by_department."部门"]]` entries of `course` and `due`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanFile {
    #[serde(default)]
    general: Vec<crate::domain::training::PlanCourse>,
    #[serde(default)]
    by_department: BTreeMap<String, Vec<crate::domain::training::PlanCourse>>,
}

/// `cadre plan show|set`.
pub fn plan(service: &Service, lang: Lang, action: PlanAction, out: &mut Out) -> anyhow::Result<()> {
    match action {
        PlanAction::Show { pool, json } => {
            let pool = find_pool(service, &pool)?;
            let plan = service.plan(pool.id)?;
            if json {
                serde_json::to_writer(&mut *out, &plan)?;
                writeln!(out)?;
                return Ok(());
            }
            let Some(plan) = plan else {
                out.line(say::no_plan(lang, &pool))?;
                return Ok(());
            };
            out.line(say::plan_heading(lang, &pool, None))?;
            for c in &plan.general {
                out.line(format!("  {}  {}", c.course, say::due(lang, c.due)))?;
            }
            for (department, courses) in &plan.by_department {
                out.line(say::plan_heading(lang, &pool, Some(department)))?;
                for c in courses {
                    out.line(format!("  {}  {}", c.course, say::due(lang, c.due)))?;
                }
            }
        }
        PlanAction::Set { pool, file } => {
            let pool = find_pool(service, &pool)?;
            let text = crate::io::limits::read_text(&file, crate::io::limits::MAX_SMALL_FILE)?;
            let parsed: PlanFile = toml::from_str(&text).map_err(|e| {
                ServiceError::invalid(crate::domain::import_msg::ImportMsg::MapSyntax {
                    map: file.display().to_string(),
                    syntax: Box::new(crate::domain::policy_error::PolicyError::syntax(&e, &text)),
                })
            })?;
            let plan = crate::domain::training::Plan {
                pool_id: pool.id,
                general: parsed.general,
                by_department: parsed.by_department,
            };
            let outcome = service.execute(Command::SetPlan(plan))?;
            out.line(lang.say_done(&outcome.done))?;
        }
    }
    Ok(())
}
