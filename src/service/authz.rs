//! Who may do what: admin everything, hr all pipeline work, a manager only reviews and
//! reads within its own department. Checked here, on every request, not in the UI.

use super::command::Command;
use super::engine::Engine;
use super::query::Query;
use super::{ServiceError, ServiceResult};
use crate::domain::access::{Operator, Role};
use crate::store::keys;

fn deny(op: &Operator, what: &str) -> ServiceError {
    ServiceError::denied(format!("{} ({}) may not {what}", op.user, op.role.code()))
}

pub(super) fn check_command(op: &Operator, command: &Command, engine: &Engine) -> ServiceResult<()> {
    match (op.role, command) {
        (Role::Admin, _) => Ok(()),
        (_, Command::AddOperator { .. }) => Err(deny(op, "manage operators")),
        (_, Command::ClearDemo) => Err(deny(op, "clear a demo store")),
        (Role::Hr, _) => Ok(()),
        (Role::Manager, Command::ReviewReflection { id, .. } | Command::Reply { id, .. }) => {
            let reflection = engine
                .store
                .get::<crate::domain::reflection::Reflection>(&keys::reflection(*id))?
                .ok_or_else(|| ServiceError::not_found(format!("no reflection {id}")))?;
            require_department_of(op, engine, &reflection.employee_id, "review reflections")
        }
        (Role::Manager, Command::RecordEvaluation(e)) => {
            require_department_of(op, engine, &e.employee_id, "record assessments")
        }
        (Role::Manager, Command::RecordStageReview(r)) => {
            require_department_of(op, engine, &r.employee_id, "record stage reviews")
        }
        (Role::Manager, Command::ReplyStageReview { employee_id, .. }) => {
            require_department_of(op, engine, employee_id, "answer stage reviews")
        }
        (Role::Manager, other) => Err(deny(op, &format!("run {}", other.name()))),
    }
}

/// A manager may act only on employees of its own department.
pub(super) fn require_department_of(
    op: &Operator,
    engine: &Engine,
    employee_id: &str,
    what: &str,
) -> ServiceResult<()> {
    let employee = engine
        .store
        .get::<crate::domain::org::Employee>(&keys::employee(employee_id))?
        .ok_or_else(|| ServiceError::not_found(format!("no employee {employee_id}")))?;
    if op.covers_department(&employee.department) {
        Ok(())
    } else {
        Err(deny(
            op,
            &format!(
                "{what} of {employee_id} in {} (only {})",
                employee.department,
                op.department.as_deref().unwrap_or("-")
            ),
        ))
    }
}

/// Only an admin may do `what`.
pub(super) fn require_admin(op: &Operator, what: &str) -> ServiceResult<()> {
    if op.role == Role::Admin {
        Ok(())
    } else {
        Err(deny(op, what))
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
        ) => Err(deny(op, "read the audit, vacancies or appointments")),
        _ => Ok(()),
    }
}
