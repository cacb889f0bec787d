//! Cell-level parsing of import rows: each of our columns read from its source (a header,
//! a template, a constant, a condition, a derived value) and translated by the mapping;
//! dates in several formats, numbers, lists and yes/no, each failure naming the column.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{NaiveDate, TimeZone, Utc};

use super::mapping::{normal, template, ColumnSpec, Derive, Mapping, Part};
use super::ImportKind;
use crate::domain::import_msg::{Expected, ImportMsg};
use crate::domain::msg::Msg;
use crate::domain::{Date, Timestamp};
use crate::service::RowProblem;

/// Where one of our columns is read from in this file.
#[derive(Debug, Clone)]
enum Source {
    Absent,
    Parts(Vec<Cell>),
    Constant(String),
    When { from: usize, when: Vec<(usize, Vec<String>)> },
    Derived,
}

#[derive(Debug, Clone)]
enum Cell {
    Text(String),
    Header(usize),
}

/// A mapping fitted to a file's header: the source of each of our columns.
pub struct Layout<'m> {
    kind: ImportKind,
    headers: Vec<String>,
    mapping: &'m Mapping,
    sources: Vec<Source>,
    /// Headers something reads.
    pub read: Vec<bool>,
    /// The exit-date header of `[derive] left_on`.
    pub left_on: Option<usize>,
    /// Our columns derived as percentiles: (column position, header, higher is better).
    pub percentiles: Vec<(usize, usize, bool)>,
}

fn find(headers: &[String], name: &str) -> Option<usize> {
    let wanted = normal(name);
    headers.iter().position(|h| normal(h) == wanted)
}

impl<'m> Layout<'m> {
    /// Fits `mapping` to `headers`; problems name headers the mapping reads but the file
    /// lacks, and required columns with no source.
    pub fn new(kind: ImportKind, headers: &[String], mapping: &'m Mapping) -> (Layout<'m>, Vec<RowProblem>) {
        let mut problems = Vec::new();
        let mut read = vec![false; headers.len()];
        let map_name = if mapping.name.is_empty() { "MAP.toml".to_string() } else { mapping.name.clone() };
        let header = |name: &str, column: &str, read: &mut Vec<bool>, problems: &mut Vec<RowProblem>| {
            let found = find(headers, name);
            match found {
                Some(i) => read[i] = true,
                None => problems.push(RowProblem {
                    line: 1,
                    column: column.to_string(),
                    problem: ImportMsg::MappedHeaderMissing {
                        header: name.to_string(),
                        map: map_name.clone(),
                    }
                    .into(),
                }),
            }
            found
        };
        let mut sources = Vec::new();
        let mut percentiles = Vec::new();
        for (pos, &(column, required)) in kind.columns().iter().enumerate() {
            let source = if let Some(constant) = mapping.constants.get(column) {
                Source::Constant(constant.trim().to_string())
            } else if let Some(Derive::Percentile { percentile_of, higher_is_better }) =
                mapping.derive.get(column)
            {
                match header(percentile_of, column, &mut read, &mut problems) {
                    Some(i) => {
                        percentiles.push((pos, i, *higher_is_better));
                        Source::Derived
                    }
                    None => Source::Absent,
                }
            } else {
                match mapping.columns.get(column) {
                    Some(ColumnSpec::Header(spec)) => {
                        let mut cells = Vec::new();
                        for part in template(spec) {
                            match part {
                                Part::Text(t) => cells.push(Cell::Text(t)),
                                Part::Header(h) => {
                                    if let Some(i) = header(&h, column, &mut read, &mut problems) {
                                        cells.push(Cell::Header(i));
                                    }
                                }
                            }
                        }
                        if cells.iter().any(|c| matches!(c, Cell::Header(_))) {
                            Source::Parts(cells)
                        } else {
                            Source::Absent
                        }
                    }
                    Some(ColumnSpec::When { from, when }) => {
                        let from = header(from, column, &mut read, &mut problems);
                        let when: Vec<(usize, Vec<String>)> = when
                            .iter()
                            .filter_map(|(h, values)| {
                                header(h, column, &mut read, &mut problems)
                                    .map(|i| (i, values.iter().map(|v| normal(v)).collect()))
                            })
                            .collect();
                        match from {
                            Some(from) => Source::When { from, when },
                            None => Source::Absent,
                        }
                    }
                    None => match find(headers, column) {
                        Some(i) => {
                            read[i] = true;
                            Source::Parts(vec![Cell::Header(i)])
                        }
                        None => {
                            if required && !problems.iter().any(|p| p.column == column) {
                                problems.push(RowProblem {
                                    line: 1,
                                    column: column.to_string(),
                                    problem: Msg::ColumnMissing { headers: headers.join(", ") },
                                });
                            }
                            Source::Absent
                        }
                    },
                }
            };
            sources.push(source);
        }
        let left_on = match mapping.derive.get(super::mapping::LEFT_ON) {
            Some(Derive::Header(h)) if kind == ImportKind::Employees => {
                header(h, super::mapping::LEFT_ON, &mut read, &mut problems)
            }
            _ => None,
        };
        (Layout { kind, headers: headers.to_vec(), mapping, sources, read, left_on, percentiles }, problems)
    }

    /// Our columns with no source in this file (absent: a re-import keeps them even with
    /// `--clear-blank`, which clears only cells that are there and empty).
    pub fn absent_columns(&self) -> Vec<&'static str> {
        self.kind
            .columns()
            .iter()
            .zip(&self.sources)
            .filter(|(_, s)| matches!(s, Source::Absent))
            .map(|((c, _), _)| *c)
            .collect()
    }

    /// Whether our column has no source in this file (its absence is reported once).
    fn absent(&self, pos: usize) -> bool {
        matches!(self.sources[pos], Source::Absent)
    }

    /// The raw text of our column at `pos` on a record, before value tables.
    fn raw(&self, pos: usize, record: &csv::StringRecord, derived: &[(usize, String)]) -> String {
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        match &self.sources[pos] {
            Source::Absent => String::new(),
            Source::Constant(c) => c.clone(),
            Source::Derived => {
                derived.iter().find(|(p, _)| *p == pos).map(|(_, v)| v.clone()).unwrap_or_default()
            }
            Source::Parts(cells) if cells.len() == 1 => match &cells[0] {
                Cell::Header(i) => cell(*i).to_string(),
                Cell::Text(t) => t.clone(),
            },
            Source::Parts(cells) => {
                // a template: its parts joined, runs of spaces from blank parts closed up
                if cells.iter().all(|c| match c {
                    Cell::Header(i) => cell(*i).is_empty(),
                    Cell::Text(_) => true,
                }) {
                    return String::new();
                }
                let mut out = String::new();
                for c in cells {
                    match c {
                        Cell::Header(i) => out.push_str(cell(*i)),
                        Cell::Text(t) => out.push_str(t),
                    }
                }
                out.split_whitespace().collect::<Vec<_>>().join(" ")
            }
            Source::When { from, when } => {
                if when.iter().all(|(i, values)| values.contains(&normal(cell(*i)))) {
                    cell(*from).to_string()
                } else {
                    String::new()
                }
            }
        }
    }

    /// The raw text of our column on a record (before value tables), "" without a source.
    pub fn column_text(&self, column: &str, record: &csv::StringRecord) -> String {
        match self.kind.columns().iter().position(|(c, _)| *c == column) {
            Some(pos) if !matches!(self.sources[pos], Source::Derived) => self.raw(pos, record, &[]),
            _ => String::new(),
        }
    }

    /// A header's name in the file.
    pub fn header_name(&self, index: usize) -> String {
        self.headers.get(index).cloned().unwrap_or_default()
    }

    /// The raw text of a header's cell.
    pub fn header_cell<'r>(&self, index: usize, record: &'r csv::StringRecord) -> &'r str {
        record.get(index).unwrap_or("").trim()
    }

    pub fn formats(&self) -> &[String] {
        &self.mapping.dates.formats
    }
}

/// What a file used of its mapping, for the notes after a read: value-table keys that
/// matched, values that fell to a `"*"` default, rows where a condition held.
#[derive(Debug, Default)]
pub struct Usage {
    pub keys: HashMap<&'static str, HashSet<String>>,
    pub defaulted: HashMap<&'static str, BTreeSet<String>>,
    pub when_held: HashMap<&'static str, usize>,
}

/// One CSV row being read, collecting problems instead of stopping at the first.
pub struct Row<'a> {
    pub line: u64,
    layout: &'a Layout<'a>,
    record: &'a csv::StringRecord,
    /// Our columns' translated text, by position in the kind's columns.
    cells: Vec<String>,
    pub problems: Vec<RowProblem>,
    /// (column, format) of each date read, so a column read two ways is caught.
    pub date_formats: Vec<(&'static str, String)>,
}

impl<'a> Row<'a> {
    pub fn new(
        line: u64,
        record: &'a csv::StringRecord,
        layout: &'a Layout<'a>,
        derived: &[(usize, String)],
        usage: &mut Usage,
    ) -> Row<'a> {
        let mut problems = Vec::new();
        let cells = layout
            .kind
            .columns()
            .iter()
            .enumerate()
            .map(|(pos, &(column, _))| {
                if let Source::When { when, .. } = &layout.sources[pos] {
                    let held = when
                        .iter()
                        .all(|(i, values)| values.contains(&normal(record.get(*i).unwrap_or("").trim())));
                    *usage.when_held.entry(column).or_default() += usize::from(held);
                }
                let raw = layout.raw(pos, record, derived);
                match layout.mapping.translate(column, &raw) {
                    Ok((value, key)) => {
                        match key.as_deref() {
                            Some("*") => {
                                let seen = usage.defaulted.entry(column).or_default();
                                if seen.len() < 5 {
                                    seen.insert(raw.trim().to_string());
                                }
                            }
                            Some(k) => {
                                usage.keys.entry(column).or_default().insert(k.to_string());
                            }
                            None => {}
                        }
                        value
                    }
                    Err(m) => {
                        problems.push(RowProblem { line, column: column.to_string(), problem: m.into() });
                        String::new()
                    }
                }
            })
            .collect();
        Row { line, layout, record, cells, problems, date_formats: Vec::new() }
    }

    pub fn fail(&mut self, column: &str, problem: impl Into<Msg>) {
        self.problems.push(RowProblem {
            line: self.line,
            column: column.to_string(),
            problem: problem.into(),
        });
    }

    fn position(&self, column: &str) -> Option<usize> {
        self.layout.kind.columns().iter().position(|(c, _)| *c == column)
    }

    /// The mapped, trimmed text of a column ("" when the column is absent or empty).
    pub fn text(&self, column: &str) -> String {
        self.position(column).map(|p| self.cells[p].clone()).unwrap_or_default()
    }

    /// The optional columns that are blank on this row (they keep stored values).
    pub fn blank(&self) -> Vec<String> {
        self.layout
            .kind
            .columns()
            .iter()
            .enumerate()
            .filter(|(p, (_, required))| !required && self.cells[*p].is_empty())
            .map(|(_, (c, _))| c.to_string())
            .collect()
    }

    /// An employee number (工号) that must be present and well formed.
    pub fn employee_id(&mut self, column: &str) -> Option<crate::domain::org::EmployeeId> {
        self.parsed(column, |t| crate::domain::org::EmployeeId::parse(t).map_err(|e| e.0))
    }

    /// A value that must be present (its absence from the header is reported once).
    pub fn required(&mut self, column: &str) -> String {
        let t = self.text(column);
        let reported = self.problems.iter().any(|p| p.column == column);
        let elsewhere = self.position(column).is_some_and(|p| {
            // absent: said once for the header; derived: said by the derivation
            self.layout.absent(p) || matches!(self.layout.sources[p], Source::Derived)
        });
        if t.is_empty() && !reported && !elsewhere {
            self.fail(column, ImportMsg::Empty);
        }
        t
    }

    /// Parses with `parse`, recording its error under the column.
    pub fn parsed<T, E: Into<Msg>>(
        &mut self,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
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

    pub fn number<T: std::str::FromStr>(&mut self, column: &str, expected: Expected) -> Option<T> {
        self.parsed(column, |t| {
            t.parse::<T>().map_err(|_| ImportMsg::NotValid { value: t.to_string(), expected })
        })
    }

    pub fn optional_number<T: std::str::FromStr>(&mut self, column: &str, expected: Expected) -> Option<T> {
        if self.text(column).is_empty() {
            None
        } else {
            self.number(column, expected)
        }
    }

    pub fn date(&mut self, column: &'static str) -> Option<Date> {
        let text = self.required(column);
        if text.is_empty() {
            return None;
        }
        self.date_of(column, &text)
    }

    /// Reads `text` as a date of `column`, remembering the format that read it.
    pub fn date_of(&mut self, column: &'static str, text: &str) -> Option<Date> {
        match read_date(text, self.layout.formats()) {
            Ok((date, format)) => {
                self.date_formats.push((column, format));
                Some(date)
            }
            Err(m) => {
                self.fail(column, m);
                None
            }
        }
    }

    pub fn optional_date(&mut self, column: &'static str) -> Option<Date> {
        if self.text(column).is_empty() {
            None
        } else {
            self.date(column)
        }
    }

    /// A moment: RFC 3339, `%Y-%m-%d %H:%M`, or a date (taken as midnight UTC).
    pub fn timestamp(&mut self, column: &'static str) -> Option<Timestamp> {
        let t = self.required(column);
        if t.is_empty() {
            return None;
        }
        if let Ok(ts) = chrono::DateTime::parse_from_rfc3339(&t) {
            return Some(ts.with_timezone(&Utc));
        }
        if let Ok(naive) = chrono::NaiveDateTime::parse_from_str(&t, "%Y-%m-%d %H:%M") {
            return Some(Utc.from_utc_datetime(&naive));
        }
        self.date_of(column, &t).map(|d| Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight")))
    }

    pub fn flag(&mut self, column: &str) -> bool {
        let t = self.text(column);
        match parse_flag(&t) {
            Some(b) => b,
            None => {
                self.fail(column, ImportMsg::NotValid { value: t, expected: Expected::YesNo });
                false
            }
        }
    }

    /// A `;`-separated list (full-width `；` too).
    pub fn list(&self, column: &str) -> Vec<String> {
        split_list(&self.text(column))
    }

    /// The exit date of `[derive] left_on` (or our own `left_on` column), with whether it
    /// is after today (then the person is still active).
    pub fn left_on(&mut self, today: Date) -> Option<(Date, bool)> {
        let text = match self.layout.left_on {
            Some(i) => self.layout.header_cell(i, self.record).to_string(),
            None => self.text(super::mapping::LEFT_ON),
        };
        if text.is_empty() {
            return None;
        }
        self.date_of(super::mapping::LEFT_ON, &text).map(|d| (d, d > today))
    }
}

pub fn split_list(text: &str) -> Vec<String> {
    text.split([';', '；']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

pub fn parse_flag(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "" | "no" | "n" | "false" | "0" | "否" => Some(false),
        "yes" | "y" | "true" | "1" | "是" => Some(true),
        _ => None,
    }
}

/// Formats that read day and month in some order, tried only to explain a failure.
const OTHER_ORDERS: [&str; 8] =
    ["%m/%d/%Y", "%d/%m/%Y", "%m-%d-%Y", "%d-%m-%Y", "%d.%m.%Y", "%m.%d.%Y", "%Y/%d/%m", "%Y-%d-%m"];

/// ISO `%Y-%m-%d` first, then `%Y/%m/%d`, then the mapping's formats; the date and the
/// format that read it.
pub fn read_date(text: &str, formats: &[String]) -> Result<(Date, String), ImportMsg> {
    let t = text.trim();
    let builtin = ["%Y-%m-%d", "%Y/%m/%d"];
    let tried: Vec<&str> = builtin.iter().copied().chain(formats.iter().map(String::as_str)).collect();
    if let Some((d, f)) = tried.iter().find_map(|f| NaiveDate::parse_from_str(t, f).ok().map(|d| (d, *f))) {
        return Ok((d, f.to_string()));
    }
    let reads_as = OTHER_ORDERS
        .iter()
        .find(|f| !tried.contains(f) && NaiveDate::parse_from_str(t, f).is_ok())
        .map(|f| f.to_string());
    Err(ImportMsg::NotADate { value: t.to_string(), formats: tried.join(", "), reads_as })
}

/// A date in ISO or the given formats.
#[cfg(test)]
pub fn parse_date(text: &str, formats: &[String]) -> Result<Date, ImportMsg> {
    read_date(text, formats).map(|(d, _)| d)
}

/// Formats that differ only in the order of day and month.
pub fn swapped(a: &str, b: &str) -> bool {
    let skeleton = |f: &str| f.replace("%d", "%x").replace("%m", "%x").replace("%e", "%x");
    a != b && skeleton(a) == skeleton(b)
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
        assert!(
            matches!(err, ImportMsg::NotADate { reads_as: Some(ref f), .. } if f == "%Y-%d-%m"),
            "{err:?}"
        );
    }

    #[test]
    fn a_date_in_the_other_order_says_which_format_would_read_it() {
        let f = vec!["%d/%m/%Y".to_string()];
        let err = parse_date("12/25/2024", &f).unwrap_err();
        assert!(
            matches!(err, ImportMsg::NotADate { reads_as: Some(ref r), .. } if r == "%m/%d/%Y"),
            "{err:?}"
        );
        assert!(swapped("%d/%m/%Y", "%m/%d/%Y"));
        assert!(!swapped("%Y-%m-%d", "%m/%d/%Y"));
    }

    #[test]
    fn lists_split_on_both_semicolons() {
        assert_eq!(split_list("PMP；CPA; 一级建造师 ;"), vec!["PMP", "CPA", "一级建造师"]);
    }
}
