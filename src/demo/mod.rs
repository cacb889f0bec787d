//! The demo organisation: generated deterministically from the ingredients in `data/`
//! (600 employees by default, any size with `--employees`) and loaded through the service
//! in chunks, so memory stays flat however large the organisation.

pub mod cases;
pub mod ingredients;
pub mod people;
pub mod pipeline;
pub mod rng;

use std::collections::HashMap;

use crate::domain::org::{Department, EmploymentStatus, Rank};
use crate::service::command::Dataset;
use crate::service::{Answer, Command, Query, Service};
use cases::Case;
use ingredients::Ingredients;
use rng::Rng;

pub const DEFAULT_EMPLOYEES: usize = 600;
pub const DEFAULT_SEED: u64 = 2026;
/// Employees per load batch.
const CHUNK: usize = 2000;
/// Above this size, employees outside the pools also hand in course reflections, so a
/// 100k organisation has about 50k reflections.
const SCALE_THRESHOLD: usize = 1000;

/// What a demo load wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub employees: usize,
    pub members: usize,
    pub enrollments: usize,
    pub reflections: usize,
    pub evaluations: usize,
}

/// Generates the organisation and loads it into the (empty) store behind `service`.
pub fn load(
    service: &Service,
    employees: usize,
    seed: u64,
    progress: &mut dyn FnMut(&DemoSummary),
) -> anyhow::Result<DemoSummary> {
    let ing = Ingredients::bundled()?;
    let Answer::Policy(policy) = service.query(Query::Policy)? else {
        anyhow::bail!("the service answered a policy query with something else");
    };
    let mut rng = Rng::new(seed);
    let mut people = people::generate(&ing, employees, &mut rng);
    let plan = pipeline::plan_pools(&mut people, &policy, people::LONG_NAME_INDEX);
    let mut case_of: HashMap<usize, Case> = HashMap::new();
    for &(_, i, case) in &plan.members {
        case_of.insert(i, case);
        match case {
            Case::LeftCompany => people[i].status = EmploymentStatus::Left,
            Case::Appointed => people[i].rank = Rank::SectionChief,
            _ => {}
        }
    }
    let appointed: Vec<usize> = plan.members.iter().filter(|m| m.2 == Case::Appointed).map(|m| m.1).collect();
    let (vacancies, appointments) = pipeline::vacancies(&people, &appointed, &ing);
    let dept_index: HashMap<&str, usize> =
        ing.org.departments.iter().enumerate().map(|(k, d)| (d.name.as_str(), k)).collect();

    service.execute(Command::BeginLoad { demo: true })?;
    let mut summary = DemoSummary::default();
    let first = Dataset {
        departments: ing
            .org
            .departments
            .iter()
            .map(|d| Department { name: d.name.clone(), sections: d.sections.clone() })
            .collect(),
        courses: ing.courses.clone(),
        pools: plan.pools.clone(),
        vacancies,
        operators: pipeline::operators(&ing),
        ..Dataset::default()
    };
    service.execute(Command::LoadChunk(Box::new(first)))?;
    for start in (0..people.len()).step_by(CHUNK) {
        let end = (start + CHUNK).min(people.len());
        let mut data = Dataset::default();
        for (i, e) in people.iter().enumerate().take(end).skip(start) {
            let reviewer = pipeline::manager_user(dept_index[e.department.as_str()]);
            match case_of.get(&i) {
                Some(&case) => {
                    data.enrollments.extend(pipeline::member_enrollments(&mut rng, e, case, &ing.courses));
                    data.reflections.extend(pipeline::member_reflections(&mut rng, &ing, e, case, &reviewer));
                    data.evaluations.extend(pipeline::evaluations(&mut rng, &ing, &policy, e, case));
                    data.grants.extend(pipeline::grants(&mut rng, e, case));
                }
                None => {
                    let how_many = 6 + rng.below(9);
                    data.enrollments.extend(pipeline::staff_enrollments(&mut rng, e, &ing.courses, how_many));
                    if employees > SCALE_THRESHOLD && e.status == EmploymentStatus::Active && rng.chance(0.42)
                    {
                        data.reflections.push(pipeline::staff_reflection(&mut rng, &ing, e));
                    }
                }
            }
        }
        data.employees = people[start..end].to_vec();
        summary.employees += data.employees.len();
        summary.enrollments += data.enrollments.len();
        summary.reflections += data.reflections.len();
        summary.evaluations += data.evaluations.len();
        service.execute(Command::LoadChunk(Box::new(data)))?;
        progress(&summary);
    }
    let last = Dataset {
        members: plan
            .members
            .iter()
            .map(|&(pool, i, case)| pipeline::member(pool, &people[i], case))
            .collect(),
        appointments,
        redemptions: plan
            .members
            .iter()
            .filter(|m| m.2 == Case::Redeemed)
            .map(|m| (people[m.1].id.clone(), pipeline::REDEMPTION))
            .collect(),
        ..Dataset::default()
    };
    summary.members = last.members.len();
    service.execute(Command::LoadChunk(Box::new(last)))?;
    service.execute(Command::FinishLoad)?;
    Ok(summary)
}
