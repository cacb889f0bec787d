//! 人事大数据: each department's assessment averages against the company's, per 360
//! dimension, theory test and superior evaluation, the gaps ranked, each with the catalogue
//! courses the policy says close it.

use std::collections::{BTreeMap, HashMap};

use super::engine::Engine;
use super::ServiceResult;
use crate::domain::access::Operator;
use crate::domain::assessment::{Evaluation, EvaluationKind};
use crate::domain::org::Employee;
use crate::domain::training::Course;
use crate::store::keys;

pub use super::vacancy_types::GapRow;

/// The dimension an evaluation counts in.
fn dimension(kind: &EvaluationKind) -> String {
    match kind {
        EvaluationKind::ThreeSixty { dimension, .. } => dimension.clone(),
        EvaluationKind::Theory => "theory".into(),
        EvaluationKind::Superior => "superior".into(),
    }
}

impl Engine {
    /// The latest year's results: every department × dimension with its average, the
    /// company's, the gap (department minus company) and how many results it rests on;
    /// the largest shortfall first. A manager sees its own department against the company.
    pub(super) fn gaps(&self, op: &Operator) -> ServiceResult<Vec<GapRow>> {
        let policy = self.policy()?;
        // the department of each person assessed, read once per person (not every employee)
        let mut department_of: HashMap<String, Option<String>> = HashMap::new();
        let mut evaluations = Vec::new();
        let mut latest = 0u16;
        for item in self.store.scan::<Evaluation>(keys::EVALUATION.as_bytes(), None) {
            let (_, e) = item?;
            latest = latest.max(e.year);
            evaluations.push(e);
        }
        // (sum, n) per department and dimension, and per dimension for the company
        let mut by_department: BTreeMap<(String, String), (f64, u32)> = BTreeMap::new();
        let mut company: HashMap<String, (f64, u32)> = HashMap::new();
        for e in evaluations.iter().filter(|e| e.year == latest) {
            if !department_of.contains_key(e.employee_id.as_str()) {
                let department = self
                    .store
                    .get::<Employee>(&keys::employee(e.employee_id.as_str()))?
                    .map(|p| p.department);
                department_of.insert(e.employee_id.to_string(), department);
            }
            let Some(Some(department)) = department_of.get(e.employee_id.as_str()) else { continue };
            let dim = dimension(&e.kind);
            let d = by_department.entry((department.clone(), dim.clone())).or_default();
            d.0 += f64::from(e.score);
            d.1 += 1;
            let c = company.entry(dim).or_default();
            c.0 += f64::from(e.score);
            c.1 += 1;
        }
        let courses: Vec<Course> = self
            .store
            .scan::<Course>(keys::COURSE.as_bytes(), None)
            .map(|r| r.map(|(_, c)| c))
            .collect::<Result<_, _>>()?;
        let round = crate::domain::text::one_decimal;
        let mut out = Vec::new();
        for ((department, dim), (sum, n)) in by_department {
            if !op.covers_department(&department) {
                continue;
            }
            let (csum, cn) = company[&dim];
            let (avg, cavg) = (round(sum / f64::from(n)), round(csum / f64::from(cn)));
            // only a shortfall is something to close
            let categories = if avg < cavg {
                policy.insight.recommend.get(&dim).cloned().unwrap_or_default()
            } else {
                vec![]
            };
            let recommended_courses = courses
                .iter()
                .filter(|c| categories.contains(&c.category))
                .take(5)
                .map(|c| c.code.clone())
                .collect();
            out.push(GapRow {
                department,
                dimension: dim,
                department_avg: avg,
                company_avg: cavg,
                gap: round(avg - cavg),
                n,
                recommended_courses,
            });
        }
        out.sort_by(|a, b| a.gap.total_cmp(&b.gap));
        Ok(out)
    }
}
