//! A person as messages name them: the name with the 工号.

use serde::{Deserialize, Serialize};

/// A person named in a message: the name with the 工号 in brackets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Who {
    pub id: String,
    /// Empty when the person is not (or no longer) in the store.
    pub name: String,
}

impl Who {
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Who {
        Who { id: id.into(), name: name.into() }
    }

    /// Someone known only by id.
    pub fn id(id: impl Into<String>) -> Who {
        Who { id: id.into(), name: String::new() }
    }
}
