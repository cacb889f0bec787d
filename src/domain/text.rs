//! Checks for text, numbers and dates from outside: lengths, control characters and
//! plausible ranges, with the limits every entry point shares.
//!
//! | field | limit |
//! |---|---|
//! | a name, department, section, pool name | 64 characters |
//! | a title, list item, course title | 200 characters |
//! | a reason, reply, comment | 4,000 characters |
//! | a reflection text, career plan | 65,536 characters |
//! | a list (skills, projects, …) | 100 items |
//! | a date | 1900-01-01 to 2100-12-31 |
//! | a year | 1900 to 2100 |
//!
//! One-line fields take no control characters at all; texts take newlines and tabs.

use super::msg::Msg;
use super::{Date, DomainError};

pub const NAME_CHARS: usize = 64;
pub const TITLE_CHARS: usize = 200;
pub const NOTE_CHARS: usize = 4000;
pub const TEXT_CHARS: usize = 65_536;
pub const LIST_ITEMS: usize = 100;
pub const FIRST_YEAR: u16 = 1900;
pub const LAST_YEAR: u16 = 2100;

fn err(msg: Msg) -> DomainError {
    DomainError::from(msg)
}

/// A one-line field: no control characters, at most `max` characters.
pub fn line(field: &str, text: &str, max: usize) -> Result<(), DomainError> {
    if text.chars().any(char::is_control) {
        return Err(err(Msg::FieldControlChar { field: field.into() }));
    }
    length(field, text, max)
}

/// A required one-line field.
pub fn required_line(field: &str, text: &str, max: usize) -> Result<(), DomainError> {
    if text.trim().is_empty() {
        return Err(err(Msg::FieldEmpty { field: field.into() }));
    }
    line(field, text, max)
}

/// A text of several lines: newlines and tabs, no other control characters.
pub fn text(field: &str, text: &str, max: usize) -> Result<(), DomainError> {
    if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r') {
        return Err(err(Msg::FieldControlChar { field: field.into() }));
    }
    length(field, text, max)
}

fn length(field: &str, text: &str, max: usize) -> Result<(), DomainError> {
    let chars = text.chars().count();
    if chars > max {
        return Err(err(Msg::FieldTooLong { field: field.into(), chars, max }));
    }
    Ok(())
}

/// A list of one-line items.
pub fn list(field: &str, items: &[String]) -> Result<(), DomainError> {
    if items.len() > LIST_ITEMS {
        return Err(err(Msg::OutOfRange {
            field: field.into(),
            value: items.len().to_string(),
            min: "0".into(),
            max: LIST_ITEMS.to_string(),
        }));
    }
    items.iter().try_for_each(|i| line(field, i, TITLE_CHARS))
}

/// A date between 1900 and 2100.
pub fn date(field: &str, d: Date) -> Result<(), DomainError> {
    let first = Date::from_ymd_opt(FIRST_YEAR.into(), 1, 1).expect("a date");
    let last = Date::from_ymd_opt(LAST_YEAR.into(), 12, 31).expect("a date");
    if d < first || d > last {
        return Err(err(Msg::DateOutOfRange {
            field: field.into(),
            date: d.to_string(),
            min: first.to_string(),
            max: last.to_string(),
        }));
    }
    Ok(())
}

/// A year between 1900 and 2100.
pub fn year(field: &str, y: u16) -> Result<(), DomainError> {
    range(field, y, FIRST_YEAR, LAST_YEAR)
}

/// A number above 0 and at most `max` (NaN and infinities are outside).
pub fn positive(field: &str, v: f32, max: f32) -> Result<(), DomainError> {
    if v.is_nan() || v <= 0.0 || v > max {
        return Err(err(Msg::OutOfRange {
            field: field.into(),
            value: v.to_string(),
            min: "0 (exclusive)".into(),
            max: max.to_string(),
        }));
    }
    Ok(())
}

/// A number within `min..=max` (NaN and infinities are outside every range).
pub fn range<T: PartialOrd + std::fmt::Display>(
    field: &str,
    v: T,
    min: T,
    max: T,
) -> Result<(), DomainError> {
    if v >= min && v <= max {
        Ok(())
    } else {
        Err(err(Msg::OutOfRange {
            field: field.into(),
            value: v.to_string(),
            min: min.to_string(),
            max: max.to_string(),
        }))
    }
}

/// A figure as reports show it: one decimal.
pub fn one_decimal(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_refuse_control_characters_and_texts_keep_newlines() {
        assert!(line("title", "心得\u{1b}[2J", TITLE_CHARS).is_err());
        assert!(line("title", "a\nb", TITLE_CHARS).is_err());
        assert!(text("body", "第一段\n\t第二段", TEXT_CHARS).is_ok());
        assert!(text("body", "x\u{0}", TEXT_CHARS).is_err());
        assert!(line("name", &"张".repeat(65), NAME_CHARS).is_err());
    }

    #[test]
    fn numbers_and_dates_out_of_range_are_named() {
        assert!(range("hours", f32::NAN, 0.0, 1000.0).is_err());
        assert!(range("hours", f32::INFINITY, 0.0, 1000.0).is_err());
        assert!(range("hours", 8.0, 0.0, 1000.0).is_ok());
        assert!(date("hire_date", "0000-01-01".parse().unwrap()).is_err());
        assert!(date("hire_date", "9999-12-31".parse().unwrap()).is_err());
        assert!(year("year", 0).is_err());
        let e = year("year", 65535).unwrap_err();
        assert!(e.to_string().contains("65535"), "{e}");
    }
}
