//! Which courses move performance: for every course, the pool's members who completed it,
//! their company ranking the year before and the year of completion, averaged, with how
//! many it rests on (a caution below the policy-free floor of ten).

use std::collections::BTreeMap;

use chrono::Datelike;

use super::engine::Engine;
use super::ServiceResult;
use crate::domain::access::Operator;
use crate::domain::org::Employee;
use crate::domain::pool::{Member, MemberState};
use crate::domain::training::{Course, Enrollment};
use crate::store::keys;

pub use super::vacancy_types::CourseEffect;

/// Fewer completers than this, and the figure comes with a caution.
pub const SMALL_SAMPLE: u32 = 10;

impl Engine {
    pub(super) fn course_effects(&self, op: &Operator, pool: u32) -> ServiceResult<Vec<CourseEffect>> {
        // per course: the sums of the ranking before and after, and how many
        let mut sums: BTreeMap<String, (f64, f64, u32)> = BTreeMap::new();
        for item in self.store.scan::<Member>(&keys::members_of(pool), None) {
            let (_, m) = item?;
            if !matches!(m.state, MemberState::Admitted | MemberState::Appointed) {
                continue;
            }
            let Some(e) = self.store.get::<Employee>(&keys::employee(m.employee_id.as_str()))? else {
                continue;
            };
            if !op.covers_department(&e.department) {
                continue;
            }
            let rank = |year: i32| {
                e.performance.iter().find(|p| i32::from(p.year) == year).map(|p| f64::from(p.rank_pct))
            };
            for item in self.store.scan::<Enrollment>(&keys::enrollments_of(m.employee_id.as_str()), None) {
                let (_, en) = item?;
                let Some(done) = en.completed_on else { continue };
                if let (Some(before), Some(after)) = (rank(done.year() - 1), rank(done.year())) {
                    let s = sums.entry(en.course_code).or_default();
                    s.0 += before;
                    s.1 += after;
                    s.2 += 1;
                }
            }
        }
        let titles: BTreeMap<String, String> = self
            .store
            .scan::<Course>(keys::COURSE.as_bytes(), None)
            .map(|r| r.map(|(_, c)| (c.code, c.title)))
            .collect::<Result<_, _>>()?;
        let round = |x: f64| (x * 10.0).round() / 10.0;
        let mut out: Vec<CourseEffect> = sums
            .into_iter()
            .map(|(course, (b, a, n))| {
                let (before, after) = (b / f64::from(n), a / f64::from(n));
                CourseEffect {
                    title: titles.get(&course).cloned().unwrap_or_default(),
                    course,
                    n,
                    before_pct: round(before),
                    after_pct: round(after),
                    change: round(after - before),
                    small_sample: n < SMALL_SAMPLE,
                }
            })
            .collect();
        // the largest move towards the top first; small samples after the rest
        out.sort_by(|x, y| x.small_sample.cmp(&y.small_sample).then(x.change.total_cmp(&y.change)));
        Ok(out)
    }
}
