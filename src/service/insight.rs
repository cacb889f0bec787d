//! 人事大数据: each department's assessment averages against the company's, per 360
//! dimension, theory test and superior evaluation, the gaps ranked, each with the catalogue
//! courses the policy says close it. Read from the sums kept with every write.

use std::collections::{BTreeMap, HashMap};

use super::engine::Engine;
use super::ServiceResult;
use crate::domain::access::Operator;
use crate::domain::training::Course;
use crate::store::gap_index::ScoreSum;
use crate::store::keys;

pub use super::vacancy_types::GapRow;

impl Engine {
    /// The latest year's results: every department × dimension with its average, the
    /// company's, the gap (department minus company) and how many results it rests on;
    /// the largest shortfall first. A manager sees its own department against the company.
    pub(super) fn gaps(&self, op: &Operator) -> ServiceResult<Vec<GapRow>> {
        let policy = self.policy()?;
        // the sums kept with every write: the latest year's, per department and dimension
        let latest = match self.store.scan_raw_rev(keys::GAP.as_bytes()).next().transpose()? {
            Some((key, _)) => keys::segments(&key, keys::GAP)
                .and_then(|s| s.first().and_then(|y| y.parse::<u16>().ok()))
                .unwrap_or_default(),
            None => 0,
        };
        let mut by_department: BTreeMap<(String, String), ScoreSum> = BTreeMap::new();
        let mut company: HashMap<String, ScoreSum> = HashMap::new();
        for item in self.store.scan::<ScoreSum>(&keys::gaps_of(latest), None) {
            let (key, sum) = item?;
            let Some([_, department, dim]) =
                keys::segments(&key, keys::GAP).and_then(|s| <[String; 3]>::try_from(s).ok())
            else {
                continue;
            };
            let c = company.entry(dim.clone()).or_default();
            c.milli += sum.milli;
            c.n += sum.n;
            by_department.insert((department, dim), sum);
        }
        let courses: Vec<Course> = self
            .store
            .scan::<Course>(keys::COURSE.as_bytes(), None)
            .map(|r| r.map(|(_, c)| c))
            .collect::<Result<_, _>>()?;
        let round = crate::domain::text::one_decimal;
        let mut out = Vec::new();
        for ((department, dim), sum) in by_department {
            if !op.covers_department(&department) {
                continue;
            }
            let (avg, cavg) = (round(sum.average()), round(company[&dim].average()));
            let n = u32::try_from(sum.n).unwrap_or(u32::MAX);
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
