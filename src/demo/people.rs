//! Generated employees: names, units, ranks, tenure, three years of performance, profiles.

use super::ingredients::Ingredients;
use super::rng::Rng;
use crate::domain::org::{Employee, EmploymentStatus, Grade, PerformanceRecord, Rank};
use crate::domain::Date;

/// The first year of the three performance years.
pub const FIRST_PERFORMANCE_YEAR: u16 = 2023;

/// Grade for a rank percentile (top x %).
pub fn grade_for(pct: f32) -> Grade {
    match pct {
        p if p <= 10.0 => Grade::S,
        p if p <= 30.0 => Grade::A,
        p if p <= 70.0 => Grade::B,
        p if p <= 90.0 => Grade::C,
        _ => Grade::D,
    }
}

/// Every (department, section) in order, flattened.
pub fn units(ing: &Ingredients) -> Vec<(usize, String)> {
    ing.org
        .departments
        .iter()
        .enumerate()
        .flat_map(|(d, spec)| spec.sections.iter().map(move |s| (d, s.clone())))
        .collect()
}

/// Employee number `i` (0-based) as 工号.
pub fn employee_id(i: usize) -> crate::domain::org::EmployeeId {
    format!("E{:06}", i + 1).parse().expect("E and six digits is an id")
}

/// The index of the employee who carries the long name (a future pool member).
pub const LONG_NAME_INDEX: usize = 200;

pub fn generate(ing: &Ingredients, n: usize, rng: &mut Rng) -> Vec<Employee> {
    let units = units(ing);
    let mut first_section_of = vec![usize::MAX; ing.org.departments.len()];
    for (u, (d, _)) in units.iter().enumerate() {
        first_section_of[*d] = first_section_of[*d].min(u);
    }
    (0..n)
        .map(|i| {
            let u = i % units.len();
            let slot = i / units.len();
            let (d, section) = &units[u];
            let rank = match slot {
                0 => Rank::SectionChief,
                1 if first_section_of[*d] == u => Rank::DepartmentManager,
                _ => Rank::Staff,
            };
            let name = if i == LONG_NAME_INDEX {
                ing.names.long_name.clone()
            } else {
                let given_len = 1 + rng.below(2);
                let mut name = rng.pick(&ing.names.surnames).clone();
                for _ in 0..given_len {
                    name.push_str(rng.pick(&ing.names.given).as_str());
                }
                name
            };
            let years_back = match rank {
                Rank::DepartmentManager => 12 + rng.below(10),
                Rank::SectionChief => 6 + rng.below(12),
                Rank::Staff => rng.below(18),
            } as i64;
            let hire_date = Date::from_ymd_opt(2025, 12, 31).expect("valid date")
                - chrono::Days::new((years_back * 365 + rng.below(365) as i64) as u64);
            let quality = rng.range_f(0.0, 100.0);
            let performance = (0..3)
                .map(|k| {
                    let pct = (quality + rng.range_f(-12.0, 12.0)).clamp(0.5, 100.0);
                    let pct = (pct * 2.0).round() / 2.0;
                    PerformanceRecord::new(FIRST_PERFORMANCE_YEAR + k, grade_for(pct), pct).expect("in range")
                })
                .collect();
            let team = match rank {
                Rank::Staff => rng.below(3).saturating_sub(1),
                _ => 1 + rng.below(2),
            };
            let aspiration_idx = rng.below(ing.profile.aspirations.len());
            let p = &ing.profile;
            Employee {
                id: employee_id(i),
                name,
                department: ing.org.departments[*d].name.clone(),
                section: section.clone(),
                rank,
                hire_date,
                status: if rng.chance(0.015) { EmploymentStatus::Left } else { EmploymentStatus::Active },
                performance,
                skills: pick_some(rng, &p.skills, 1, 3),
                certifications: pick_some(rng, &p.certifications, 0, 3),
                projects: pick_some(rng, &p.projects, 0, 3),
                team_management: pick_some(rng, &p.team_management, team, 1),
                aspiration: p.aspirations[aspiration_idx].clone(),
                wants_management: matches!(aspiration_idx, 0 | 2 | 3),
                left_on: None,
            }
        })
        .collect()
}

/// Between `min` and `min + spread - 1` distinct items.
fn pick_some(rng: &mut Rng, items: &[String], min: usize, spread: usize) -> Vec<String> {
    let k = min + rng.below(spread);
    rng.sample(items, k).into_iter().cloned().collect()
}
