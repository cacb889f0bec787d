//! Who may do what: admin everything, hr all pipeline work, a manager only reviews and
//! reads within its own department. Checked here, on every request, not in the UI.

use super::command::Command;
use super::query::Query;
use super::{ServiceError, ServiceResult};
use crate::domain::access::{Operator, Role};
use crate::domain::msg::{Msg, Who};
use crate::store::keys;
use crate::store::Store;

fn deny(op: &Operator, action: &str) -> ServiceError {
    ServiceError::denied(Msg::Denied {
        user: op.user.clone(),
        role: op.role.code().into(),
        action: action.into(),
    })
}

pub(super) fn check_command(op: &Operator, command: &Command, store: &Store) -> ServiceResult<()> {
    match (op.role, command) {
        (Role::Admin, _) => Ok(()),
        (_, Command::AddOperator { .. }) => Err(deny(op, "manage_operators")),
        (_, Command::ClearDemo) => Err(deny(op, "clear_demo")),
        (Role::Hr, _) => Ok(()),
        (Role::Manager, Command::ReviewReflection { id, .. } | Command::Reply { id, .. }) => {
            let reflection = store
                .get::<crate::domain::reflection::Reflection>(&keys::reflection(*id))?
                .ok_or_else(|| ServiceError::not_found(Msg::NoReflection { id: *id }))?;
            require_department_of(op, store, &reflection.employee_id, "review_reflections")
        }
        (Role::Manager, Command::RecordEvaluation(e)) => {
            require_department_of(op, store, &e.employee_id, "record_assessments")
        }
        (Role::Manager, Command::RecordStageReview(r)) => {
            require_department_of(op, store, &r.employee_id, "record_stage_reviews")
        }
        (Role::Manager, Command::ReplyStageReview { employee_id, .. }) => {
            require_department_of(op, store, employee_id, "answer_stage_reviews")
        }
        (Role::Manager, other) => Err(deny(op, other.name())),
    }
}

/// A manager may act only on employees of its own department; `action` says what was
/// attempted (a code the locale words).
pub(super) fn require_department_of(
    op: &Operator,
    store: &Store,
    employee_id: &str,
    action: &str,
) -> ServiceResult<()> {
    let employee = store
        .get::<crate::domain::org::Employee>(&keys::employee(employee_id))?
        .ok_or_else(|| ServiceError::not_found(Msg::NoEmployee { id: employee_id.to_string() }))?;
    if op.covers_department(&employee.department) {
        Ok(())
    } else {
        Err(ServiceError::denied(Msg::OutOfScope {
            action: action.to_string(),
            user: op.user.clone(),
            who: Who::new(employee_id, employee.name),
            department: employee.department,
            own: op.department.clone().unwrap_or_default(),
        }))
    }
}

/// Only an admin may do `action`.
pub(super) fn require_admin(op: &Operator, action: &str) -> ServiceResult<()> {
    if op.role == Role::Admin {
        Ok(())
    } else {
        Err(deny(op, action))
    }
}

pub(super) fn check_query(op: &Operator, query: &Query) -> ServiceResult<()> {
    match (op.role, query) {
        (Role::Admin, _) => Ok(()),
        (
            Role::Manager,
            Query::Page {
                kind:
                    super::RecordKind::Audit | super::RecordKind::Vacancies | super::RecordKind::Appointments,
                ..
            },
        ) => Err(deny(op, "read_audit")),
        _ => Ok(()),
    }
}
