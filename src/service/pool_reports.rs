//! The seeds' reports of a pool (积分排行、课程热度与完成率、兑换率): the points ranking,
//! each course's popularity and completion, and how many who could redeem points did.

use super::engine::Engine;
use super::ServiceResult;
use crate::domain::access::Operator;
use crate::domain::org::Employee;
use crate::domain::pool::{Member, MemberState};
use crate::domain::training::{Course, Enrollment, Redemption};
use crate::store::keys;

pub use super::vacancy_types::{CoursePopularity, PointsRank, PoolReports};

/// The ranking's length.
const TOP: usize = 20;

impl Engine {
    pub(super) fn pool_reports(&self, op: &Operator, pool: u32) -> ServiceResult<PoolReports> {
        let policy = self.policy()?;
        let mut points: Vec<PointsRank> = Vec::new();
        let mut courses: std::collections::BTreeMap<String, (u32, u32)> = Default::default();
        let (mut eligible, mut redeemed) = (0u32, 0u32);
        for item in self.store.scan::<Member>(&keys::members_of(pool), None) {
            let (_, m) = item?;
            if !matches!(m.state, MemberState::Admitted | MemberState::Appointed) {
                continue;
            }
            let id = m.employee_id.as_str();
            let Some(e) = self.store.get::<Employee>(&keys::employee(id))? else { continue };
            if !op.covers_department(&e.department) {
                continue;
            }
            let balance = self.store.get::<i64>(&keys::balance(id))?.unwrap_or(0);
            let has_redeemed =
                self.store.scan::<Redemption>(&keys::redemptions_of(id), None).next().is_some();
            if balance >= i64::from(policy.points.promotion_application_at) || has_redeemed {
                eligible += 1;
                redeemed += u32::from(has_redeemed);
            }
            points.push(PointsRank {
                employee_id: m.employee_id.clone(),
                name: e.name,
                department: e.department,
                points: balance,
            });
            for item in self.store.scan::<Enrollment>(&keys::enrollments_of(id), None) {
                let (_, en) = item?;
                let c = courses.entry(en.course_code).or_default();
                c.0 += 1;
                c.1 += u32::from(en.completed_on.is_some());
            }
        }
        points.sort_by(|a, b| b.points.cmp(&a.points).then(a.name.cmp(&b.name)));
        points.truncate(TOP);
        let mut popularity: Vec<CoursePopularity> = Vec::new();
        for item in self.store.scan::<Course>(keys::COURSE.as_bytes(), None) {
            let (_, c) = item?;
            let (enrolled, completed) = courses.get(&c.code).copied().unwrap_or_default();
            if enrolled > 0 {
                popularity.push(CoursePopularity { course: c.code, title: c.title, enrolled, completed });
            }
        }
        popularity.sort_by(|a, b| b.enrolled.cmp(&a.enrolled).then(a.course.cmp(&b.course)));
        Ok(PoolReports { pool_id: pool, points, courses: popularity, eligible, redeemed })
    }
}
