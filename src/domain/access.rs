//! Operators of a store and their roles: what each may do.

use serde::{Deserialize, Serialize};

use super::DomainError;

/// admin: everything, including operators. hr: all pipeline work. manager: own department only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Hr,
    Manager,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Hr => "hr",
            Role::Manager => "manager",
        }
    }

    pub fn parse(text: &str) -> Result<Self, DomainError> {
        match text.trim() {
            "admin" => Ok(Role::Admin),
            "hr" => Ok(Role::Hr),
            "manager" => Ok(Role::Manager),
            other => Err(DomainError::from(super::msg::Msg::NotOneOf {
                field: "role".into(),
                value: other.into(),
                allowed: "admin / hr / manager".into(),
            })),
        }
    }
}

/// A person allowed to use the store, identified by OS user name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operator {
    pub user: String,
    pub role: Role,
    /// A manager's department; managers see and act on nothing else.
    pub department: Option<String>,
}

impl Operator {
    pub fn validate(&self) -> Result<(), DomainError> {
        super::ids::check_code("user", &self.user)?;
        if let Some(d) = &self.department {
            super::text::required_line("department", d, super::text::NAME_CHARS)?;
        }
        if self.role == Role::Manager && self.department.is_none() {
            return Err(DomainError::from(super::msg::Msg::ManagerNeedsDepartment {
                user: self.user.clone(),
            }));
        }
        Ok(())
    }

    /// May this operator act on records of `department`?
    pub fn covers_department(&self, department: &str) -> bool {
        match self.role {
            Role::Admin | Role::Hr => true,
            Role::Manager => self.department.as_deref() == Some(department),
        }
    }
}
