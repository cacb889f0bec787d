//! A person as messages name them: by id here; the service fills in the name.

use crate::domain::msg::Who;
use crate::domain::org::EmployeeId;

pub(super) fn who(id: &EmployeeId) -> Who {
    Who::id(id.as_str())
}
