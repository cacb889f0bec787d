//! Cell-level parsing of import rows: mapped values, dates in several formats, numbers,
//! lists and yes/no, each failure recorded as a problem naming the column.

use std::collections::HashMap;

use chrono::{NaiveDate, TimeZone, Utc};

use super::mapping::Mapping;
use crate::domain::{Date, Timestamp};
use crate::service::RowProblem;

/// One CSV row being read, collecting problems instead of stopping at the first.
pub struct Row<'a> {
    pub line: u64,
    record: &'a csv::StringRecord,
    index: &'a HashMap<&'static str, usize>,
    mapping: &'a Mapping,
    pub problems: Vec<RowProblem>,
}

impl<'a> Row<'a> {
    pub fn new(
        line: u64,
        record: &'a csv::StringRecord,
        index: &'a HashMap<&'static str, usize>,
        mapping: &'a Mapping,
    ) -> Row<'a> {
        Row { line, record, index, mapping, problems: Vec::new() }
    }

    pub fn fail(&mut self, column: &str, problem: impl Into<crate::domain::msg::Msg>) {
        self.problems.push(RowProblem {
            line: self.line,
            column: column.to_string(),
            problem: problem.into(),
        });
    }

    /// The mapped, trimmed text of a column ("" when the column is absent or empty).
    pub fn text(&self, column: &str) -> String {
        let raw = self.index.get(column).and_then(|i| self.record.get(*i)).unwrap_or("");
        self.mapping.value(column, raw.trim()).trim().to_string()
    }

    /// An employee number (工号) that must be present and well formed.
    pub fn employee_id(&mut self, column: &str) -> Option<crate::domain::org::EmployeeId> {
        self.parsed(column, |t| crate::domain::org::EmployeeId::parse(t).map_err(|e| e.to_string()))
    }

    /// A value that must be present.
    pub fn required(&mut self, column: &str) -> String {
        let t = self.text(column);
        if t.is_empty() {
            self.fail(column, "is empty");
        }
        t
    }

    /// Parses with `parse`, recording its error under the column.
    pub fn parsed<T>(&mut self, column: &str, parse: impl FnOnce(&str) -> Result<T, String>) -> Option<T> {
        let t = self.required(column);
        if t.is_empty() {
            return None;
        }
        match parse(&t) {
            Ok(v) => Some(v),
            Err(e) => {
                self.fail(column, e);
                None
            }
        }
    }

    pub fn number<T: std::str::FromStr>(&mut self, column: &str, what: &str) -> Option<T> {
        self.parsed(column, |t| t.parse::<T>().map_err(|_| format!("'{t}' is not {what}")))
    }

    pub fn optional_number<T: std::str::FromStr>(&mut self, column: &str, what: &str) -> Option<T> {
        if self.text(column).is_empty() {
            None
        } else {
            self.number(column, what)
        }
    }

    pub fn date(&mut self, column: &str) -> Option<Date> {
        let formats = self.mapping.dates.formats.clone();
        self.parsed(column, |t| parse_date(t, &formats))
    }

    pub fn optional_date(&mut self, column: &str) -> Option<Date> {
        if self.text(column).is_empty() {
            None
        } else {
            self.date(column)
        }
    }

    /// A moment: RFC 3339, or a date (taken as midnight UTC).
    pub fn timestamp(&mut self, column: &str) -> Option<Timestamp> {
        let formats = self.mapping.dates.formats.clone();
        self.parsed(column, |t| parse_timestamp(t, &formats))
    }

    pub fn flag(&mut self, column: &str) -> bool {
        let t = self.text(column);
        match parse_flag(&t) {
            Ok(b) => b,
            Err(e) => {
                self.fail(column, e);
                false
            }
        }
    }

    /// A `;`-separated list (full-width `；` too).
    pub fn list(&self, column: &str) -> Vec<String> {
        split_list(&self.text(column))
    }
}

pub fn split_list(text: &str) -> Vec<String> {
    text.split([';', '；']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

pub fn parse_flag(text: &str) -> Result<bool, String> {
    match text.trim().to_lowercase().as_str() {
        "" | "no" | "n" | "false" | "0" | "否" => Ok(false),
        "yes" | "y" | "true" | "1" | "是" => Ok(true),
        other => Err(format!("'{other}' is not yes/no")),
    }
}

/// ISO `%Y-%m-%d` first, then `%Y/%m/%d`, then the mapping's formats.
pub fn parse_date(text: &str, formats: &[String]) -> Result<Date, String> {
    let t = text.trim();
    ["%Y-%m-%d", "%Y/%m/%d"]
        .iter()
        .copied()
        .chain(formats.iter().map(String::as_str))
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
        .ok_or_else(|| {
            let mut tried = vec!["%Y-%m-%d".to_string(), "%Y/%m/%d".to_string()];
            tried.extend(formats.iter().cloned());
            format!("'{t}' is not a date (formats tried: {})", tried.join(", "))
        })
}

pub fn parse_timestamp(text: &str, formats: &[String]) -> Result<Timestamp, String> {
    let t = text.trim();
    if let Ok(ts) = chrono::DateTime::parse_from_rfc3339(t) {
        return Ok(ts.with_timezone(&Utc));
    }
    if let Ok(naive) = chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M") {
        return Ok(Utc.from_utc_datetime(&naive));
    }
    parse_date(t, formats).map(|d| Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_iso_slashes_and_mapped_formats() {
        let f = vec!["%d.%m.%Y".to_string(), "%Y年%m月%d日".to_string()];
        let want: Date = "2021-03-04".parse().unwrap();
        for t in ["2021-03-04", "2021/03/04", "04.03.2021", "2021年03月04日"] {
            assert_eq!(parse_date(t, &f).unwrap(), want, "{t}");
        }
        let err = parse_date("2023-13-01", &[]).unwrap_err();
        assert!(err.starts_with("'2023-13-01' is not a date"), "{err}");
    }

    #[test]
    fn lists_split_on_both_semicolons() {
        assert_eq!(split_list("PMP；CPA; 一级建造师 ;"), vec!["PMP", "CPA", "一级建造师"]);
    }
}
