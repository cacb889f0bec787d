//! What is wrong with a policy file, naming the key: a problem the locale words in the
//! session's language (the English `Display` is for logs and tests).

use serde::{Deserialize, Serialize};

/// What is wrong with a policy file, naming the key; worded per language by the locale
/// (the English here is for logs and tests).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum PolicyError {
    /// The file does not read as a policy: where, and what kind of mistake.
    #[error("line {line}, column {column}: {detail}")]
    Syntax { line: usize, column: usize, kind: SyntaxKind, detail: String },
    #[error("{key} = {value} is outside {range}")]
    OutOfRange { key: String, value: String, range: String },
    #[error("{key} must have at least one")]
    AtLeastOne { key: String },
    #[error("points.bands needs a band with min = 0")]
    NoZeroBand,
    #[error("{key} names '{name}' twice")]
    Twice { key: String, name: String },
    #[error("{key}: '{name}' is not a name (at most 64 characters, no control characters)")]
    NotAName { key: String, name: String },
    #[error("{key}: '{name}' is not a 360 dimension of the policy, nor theory or superior")]
    NotADimension { key: String, name: String },
    #[error("{key} = {value} is below {other} = {other_value}")]
    Below { key: String, value: String, other: String, other_value: String },
    #[error("{key} = {value} is above {other} = {other_value}")]
    Above { key: String, value: String, other: String, other_value: String },
    #[error("{key}: {parts} = {sum}, not 100")]
    NotHundred { key: String, parts: String, sum: u32 },
}

/// The kind of a mistake in a policy file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SyntaxKind {
    /// A number outside what the setting takes.
    NumberRange,
    /// A value of the wrong type (text for a number…).
    WrongType,
    UnknownKey,
    MissingKey,
    /// Not TOML at all.
    Grammar,
}

impl PolicyError {
    /// From the TOML reader's error: the line, column and kind of mistake.
    pub(crate) fn syntax(e: &toml::de::Error, text: &str) -> PolicyError {
        let detail = e.message().split_whitespace().collect::<Vec<_>>().join(" ");
        let (line, column) = match e.span() {
            Some(span) => {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                (line, column)
            }
            None => (0, 0),
        };
        let kind = if detail.starts_with("invalid value") {
            SyntaxKind::NumberRange
        } else if detail.starts_with("invalid type") {
            SyntaxKind::WrongType
        } else if detail.starts_with("unknown field") {
            SyntaxKind::UnknownKey
        } else if detail.starts_with("missing field") {
            SyntaxKind::MissingKey
        } else {
            SyntaxKind::Grammar
        };
        PolicyError::Syntax { line, column, kind, detail }
    }
}
