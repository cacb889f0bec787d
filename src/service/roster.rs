//! A course's people in a pool: every live member enrolled in it with their hours, due
//! date, standing and best exam (the courses tab's by-course view, Enter).

use super::engine::Engine;
pub use super::vacancy_types::RosterRow;
use super::ServiceResult;
use crate::domain::access::Operator;
use crate::domain::org::Employee;
use crate::domain::pool::{Member, MemberState};
use crate::domain::training::{Enrollment, Standing};
use crate::domain::Date;
use crate::store::keys;

impl Engine {
    /// The pool's live members enrolled in `course` (a manager: its department's), the most
    /// overdue first, then the least done.
    pub(super) fn roster(
        &self,
        op: &Operator,
        pool: u32,
        course: &str,
        on: Date,
    ) -> ServiceResult<Vec<RosterRow>> {
        let training = self.policy()?.training;
        let mut out = Vec::new();
        for item in self.store.scan::<Member>(&keys::members_of(pool), None) {
            let (_, m) = item?;
            if !matches!(m.state, MemberState::Admitted | MemberState::Appointed) {
                continue;
            }
            let Some(e) = self.store.get::<Enrollment>(&keys::enrollment(m.employee_id.as_str(), course))?
            else {
                continue;
            };
            let Some(person) = self.store.get::<Employee>(&keys::employee(m.employee_id.as_str()))? else {
                continue;
            };
            if !op.covers_department(&person.department) {
                continue;
            }
            let (days_overdue, at_risk) =
                match e.standing(on, training.schedule_days, training.at_risk_margin_pct) {
                    Standing::Overdue { days } => (days, false),
                    Standing::AtRisk { .. } => (0, true),
                    Standing::Done | Standing::OnTrack => (0, false),
                };
            out.push(RosterRow {
                best_exam: e.best_score(),
                employee_id: m.employee_id,
                name: person.name,
                department: person.department,
                hours_done: e.hours_done,
                hours_required: e.hours_required,
                due: e.due,
                completed_on: e.completed_on,
                days_overdue,
                at_risk,
            });
        }
        out.sort_by(|a, b| {
            b.days_overdue
                .cmp(&a.days_overdue)
                .then(b.at_risk.cmp(&a.at_risk))
                .then(a.completed_on.is_some().cmp(&b.completed_on.is_some()))
                .then(
                    (a.hours_done / a.hours_required.max(0.1))
                        .total_cmp(&(b.hours_done / b.hours_required.max(0.1))),
                )
        });
        Ok(out)
    }
}
