//! The headline rates by month (人事大数据): training coverage, reflection submission,
//! engagement, appointment rate and average points of a pool's live members, each at the
//! end of every month of a span, against the policy's targets.

use chrono::{Datelike, Months, NaiveDate};

use super::engine::Engine;
pub use super::vacancy_types::{MonthRates, Rates};
use super::{ServiceError, ServiceResult};
use crate::domain::access::Operator;
use crate::domain::msg::Msg;
use crate::domain::org::Employee;
use crate::domain::pool::{Member, MemberState, Pool, PoolId};
use crate::domain::reflection::Reflection;
use crate::domain::training::{Enrollment, PointsEvent};
use crate::domain::Date;
use crate::store::keys;

/// What one member contributes, read once.
struct Trail {
    admitted: Option<Date>,
    appointed: Option<Date>,
    /// Left the pool (withdrawn, left, disqualified) on this day.
    gone: Option<Date>,
    first_completion: Option<Date>,
    submissions: Vec<(u8, Date)>,
    points: Vec<(Date, i64)>,
}

fn pct(n: u32, of: u32) -> Option<f64> {
    (of > 0).then(|| crate::domain::text::one_decimal(f64::from(n) * 100.0 / f64::from(of)))
}

/// The last day of the month holding `d`.
fn month_end(d: Date) -> Date {
    let first = NaiveDate::from_ymd_opt(d.year(), d.month(), 1).expect("a month's first day");
    first.checked_add_months(Months::new(1)).and_then(|n| n.pred_opt()).expect("a month's last day")
}

impl Engine {
    fn trail(&self, m: &Member) -> ServiceResult<Trail> {
        let when = |to: MemberState| m.history.iter().rev().find(|c| c.to == to).map(|c| c.at.date_naive());
        let gone = match m.state {
            MemberState::Withdrawn | MemberState::Left | MemberState::Disqualified => {
                m.history.last().map(|c| c.at.date_naive())
            }
            _ => None,
        };
        let id = m.employee_id.as_str();
        let mut first_completion: Option<Date> = None;
        for item in self.store.scan::<Enrollment>(&keys::enrollments_of(id), None) {
            let (_, e) = item?;
            if let Some(d) = e.completed_on {
                first_completion = Some(first_completion.map_or(d, |f| f.min(d)));
            }
        }
        let mut submissions = Vec::new();
        for item in self.store.scan::<u64>(&keys::reflection_index_of(id), None) {
            let (_, rid) = item?;
            if let Some(r) = self.store.get::<Reflection>(&keys::reflection(rid))? {
                if let Some(v) = r.versions.first() {
                    submissions.push((r.stage, v.submitted_at.date_naive()));
                }
            }
        }
        let mut points = Vec::new();
        for item in self.store.scan::<PointsEvent>(&keys::points_of(id), None) {
            let (_, p) = item?;
            points.push((p.at.date_naive(), i64::from(p.points)));
        }
        Ok(Trail {
            admitted: when(MemberState::Admitted),
            appointed: when(MemberState::Appointed).filter(|_| m.state == MemberState::Appointed),
            gone,
            first_completion,
            submissions,
            points,
        })
    }

    /// The pool's rates at the end of every month from `from` to `to`.
    pub(super) fn rates(&self, op: &Operator, pool_id: PoolId, from: Date, to: Date) -> ServiceResult<Rates> {
        self.store
            .get::<Pool>(&keys::pool(pool_id))?
            .ok_or_else(|| ServiceError::not_found(Msg::NoPool { id: pool_id }))?;
        if to < from {
            return Err(ServiceError::invalid(Msg::NotOneOf {
                field: "--to".into(),
                value: to.to_string(),
                allowed: format!("≥ {from}"),
            }));
        }
        let policy = self.policy()?;
        let mut trails = Vec::new();
        for item in self.store.scan::<Member>(&keys::members_of(pool_id), None) {
            let (_, m) = item?;
            if op.role == crate::domain::access::Role::Manager {
                let covered = self
                    .store
                    .get::<Employee>(&keys::employee(m.employee_id.as_str()))?
                    .is_some_and(|e| op.covers_department(&e.department));
                if !covered {
                    continue;
                }
            }
            trails.push(self.trail(&m)?);
        }
        let mut months = Vec::new();
        let mut month = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).expect("a month's first day");
        // at most ten years of months
        while month <= to && months.len() < 120 {
            let start = month;
            let end = month_end(month);
            let live: Vec<&Trail> = trails
                .iter()
                .filter(|t| t.admitted.is_some_and(|d| d <= end) && t.gone.is_none_or(|g| g > end))
                .collect();
            let n = live.len() as u32;
            let covered = live.iter().filter(|t| t.first_completion.is_some_and(|d| d <= end)).count() as u32;
            let opened = live
                .iter()
                .flat_map(|t| t.submissions.iter())
                .filter(|(_, d)| *d <= end)
                .map(|(s, _)| *s)
                .max()
                .unwrap_or(0);
            let handed_in = live
                .iter()
                .map(|t| t.submissions.iter().filter(|(s, d)| *d <= end && *s <= opened).count() as u32)
                .sum::<u32>();
            let active =
                live.iter().filter(|t| t.points.iter().any(|(d, _)| *d >= start && *d <= end)).count() as u32;
            let appointed = live
                .iter()
                .filter(|t| match (t.admitted, t.appointed) {
                    (Some(a), Some(p)) => p <= end && (p - a).num_days() <= 365,
                    _ => false,
                })
                .count() as u32;
            let balance: i64 = live
                .iter()
                .map(|t| t.points.iter().filter(|(d, _)| *d <= end).map(|(_, p)| p).sum::<i64>())
                .sum();
            months.push(MonthRates {
                month: start.format("%Y-%m").to_string(),
                live: n,
                training_coverage: pct(covered, n),
                reflection_submission: pct(handed_in, n * u32::from(opened)),
                engagement: pct(active, n),
                appointment_rate: pct(appointed, n),
                average_points: (n > 0)
                    .then(|| crate::domain::text::one_decimal(balance as f64 / f64::from(n))),
            });
            month = month.checked_add_months(Months::new(1)).expect("a next month");
        }
        Ok(Rates {
            pool_id,
            months,
            training_coverage_target: policy.targets.training_coverage,
            reflection_submission_target: policy.targets.reflection_submission,
            appointment_rate_target: policy.targets.appointment_rate,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_ends_and_percentages() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(month_end(d(2026, 2, 10)), d(2026, 2, 28));
        assert_eq!(month_end(d(2024, 2, 1)), d(2024, 2, 29));
        assert_eq!(month_end(d(2026, 12, 31)), d(2026, 12, 31));
        assert_eq!(pct(1, 3), Some(33.3));
        assert_eq!(pct(0, 0), None);
    }
}
