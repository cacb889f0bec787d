//! Whom a development plan would enroll before it is set: the pool's admitted members not
//! yet enrolled in a course the plan gives their department.

use super::engine::Engine;
pub use super::vacancy_types::PlanEnrollment;
use super::{ServiceError, ServiceResult};
use crate::domain::access::Operator;
use crate::domain::msg::Msg;
use crate::domain::org::Employee;
use crate::domain::pool::{Member, MemberState, Pool};
use crate::domain::training::Plan;
use crate::store::keys;

impl Engine {
    /// The enrollments `plan` would add (a manager: its department's), nothing written.
    pub(super) fn plan_preview(&self, op: &Operator, plan: &Plan) -> ServiceResult<Vec<PlanEnrollment>> {
        self.store
            .get::<Pool>(&keys::pool(plan.pool_id))?
            .ok_or_else(|| ServiceError::not_found(Msg::NoPool { id: plan.pool_id }))?;
        for pc in plan.general.iter().chain(plan.by_department.values().flatten()) {
            if !self.store.contains(&keys::course(&pc.course))? {
                return Err(ServiceError::not_found(Msg::NoCourse { course: pc.course.clone() }));
            }
        }
        for department in plan.by_department.keys() {
            if !self.store.contains(&keys::department(department))? {
                return Err(ServiceError::not_found(Msg::NoDepartment { name: department.clone() }));
            }
        }
        let mut out = Vec::new();
        for item in self.store.scan::<Member>(&keys::members_of(plan.pool_id), None) {
            let (_, m) = item?;
            if m.state != MemberState::Admitted {
                continue;
            }
            let Some(e) = self.store.get::<Employee>(&keys::employee(m.employee_id.as_str()))? else {
                continue;
            };
            if !op.covers_department(&e.department) {
                continue;
            }
            for pc in plan.courses_for(&e.department) {
                if !self.store.contains(&keys::enrollment(m.employee_id.as_str(), &pc.course))? {
                    out.push(PlanEnrollment {
                        employee_id: m.employee_id.clone(),
                        name: e.name.clone(),
                        department: e.department.clone(),
                        course: pc.course.clone(),
                    });
                }
            }
        }
        Ok(out)
    }
}
