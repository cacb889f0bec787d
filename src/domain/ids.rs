//! Typed identifiers from outside: an employee number (工号) accepts one documented
//! character set, so no id can reach a store key, a file name or a terminal as anything
//! but itself.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use super::msg::Msg;
use super::DomainError;

/// The longest id, in characters.
pub const MAX_ID_CHARS: usize = 32;

/// Whether `c` may appear in an id: a letter or digit of any script, `-`, `_` or `.`.
/// Not `/`, `%`, spaces, control characters or anything else.
pub fn is_id_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.')
}

/// Checks the text of an id (an employee number, a course code): 1–32 characters,
/// each a letter or digit of any script, `-`, `_` or `.`.
pub fn check_code(what: &'static str, text: &str) -> Result<(), DomainError> {
    if text.is_empty() {
        return Err(DomainError::from(Msg::IdEmpty { what: what.into() }));
    }
    if let Some(c) = text.chars().find(|c| !is_id_char(*c)) {
        return Err(DomainError::from(Msg::IdBadChar {
            what: what.into(),
            id: printable(text),
            ch: printable_char(c),
        }));
    }
    let n = text.chars().count();
    if n > MAX_ID_CHARS {
        return Err(DomainError::from(Msg::IdTooLong { what: what.into(), chars: n, max: MAX_ID_CHARS }));
    }
    Ok(())
}

/// An id shown in a message: control characters as `\u{..}`, cut at 40 characters.
pub fn printable(text: &str) -> String {
    let mut out: String = text.chars().take(40).map(printable_char).collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}

fn printable_char(c: char) -> String {
    if c.is_control() {
        format!("\\u{{{:x}}}", c as u32)
    } else {
        c.to_string()
    }
}

/// Employee number (工号): unique in the company; 1–32 letters or digits (any script),
/// `-`, `_` or `.`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(transparent)]
pub struct EmployeeId(String);

impl EmployeeId {
    /// Reads an id typed or imported by a person; surrounding spaces are dropped.
    pub fn parse(text: &str) -> Result<EmployeeId, DomainError> {
        let t = text.trim();
        check_code("employee_id", t)?;
        Ok(EmployeeId(t.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for EmployeeId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for EmployeeId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for EmployeeId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmployeeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for EmployeeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl PartialEq<str> for EmployeeId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for EmployeeId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl std::str::FromStr for EmployeeId {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EmployeeId::parse(s)
    }
}

impl<'de> Deserialize<'de> for EmployeeId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        check_code("employee_id", &text).map_err(|e| serde::de::Error::custom(e.to_string()))?;
        Ok(EmployeeId(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_take_letters_digits_and_three_marks_only() {
        for good in ["E000275", "hr-01", "a_b.c", "工号7", "X"] {
            assert!(EmployeeId::parse(good).is_ok(), "{good}");
        }
        for bad in ["E000275/Z", "E1%2F", "E 1", "E\u{0}1", "E\n1", "", "E\u{1b}[2J"] {
            assert!(EmployeeId::parse(bad).is_err(), "{bad:?}");
        }
        assert!(EmployeeId::parse(&"7".repeat(33)).is_err());
        assert_eq!(EmployeeId::parse("  E1 ").unwrap().as_str(), "E1");
    }

    #[test]
    fn a_stored_or_sent_id_is_checked_when_read() {
        let ok: EmployeeId = serde_json::from_str("\"E1\"").unwrap();
        assert_eq!(ok, "E1");
        let err = serde_json::from_str::<EmployeeId>("\"E1/Z\"").unwrap_err();
        assert!(err.to_string().contains("'/'"), "{err}");
    }
}
