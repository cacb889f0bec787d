//! Reading import CSV files into service commands through a mapping, every problem of
//! structure and values found in one pass; a file with any problem writes nothing.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use super::builder::Builder;
use super::mapping::Mapping;
use super::parse::{Layout, Row};
use super::{limits, ImportKind};
use crate::domain::import_msg::ImportMsg;
use crate::domain::msg::Msg;
use crate::service::{Command, RowProblem, ServiceError};

/// How a file is read.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    pub dry_run: bool,
    /// Columns the import does not know are listed as warnings instead of refused.
    pub allow_extra: bool,
    /// Blank optional cells clear stored values instead of keeping them.
    pub clear_blank: bool,
    /// A re-import may undo recorded work (points reversed).
    pub allow_regress: bool,
    /// Enrollments naming an unknown course title create the course.
    pub create_courses: bool,
}

/// A file read into a command, with warnings for a person (columns left unread) and the
/// problems of its rows (the command then holds only the rows that read well, so the
/// service can add what it finds, e.g. unknown employees, in the same report).
pub struct ParsedFile {
    pub command: Command,
    pub warnings: Vec<Msg>,
    pub problems: Vec<RowProblem>,
}

/// Reads `path` as a CSV of `kind`. `progress` is called every 10,000 rows.
pub fn read_file(
    kind: ImportKind,
    path: &Path,
    mapping: &Mapping,
    options: ReadOptions,
    progress: &mut dyn FnMut(u64),
) -> Result<ParsedFile, ServiceError> {
    let file = limits::open_input(path, limits::MAX_CSV_FILE)?;
    read_all(kind, &path.display().to_string(), file, mapping, options, progress)
}

pub(super) fn csv_error(source: &str, line: u64, e: &csv::Error) -> RowProblem {
    let problem = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => Msg::NotUtf8 { path: source.to_string() },
        csv::ErrorKind::Io(io) => limits::over_limit(io).unwrap_or_else(|| Msg::io(source, io)),
        _ => Msg::Text { text: e.to_string() },
    };
    RowProblem { line, column: "-".into(), problem }
}

/// Reads CSV text from any reader; `source` names it in problems. Any problem refuses the
/// whole file.
pub fn read(
    kind: ImportKind,
    source: &str,
    input: impl Read,
    mapping: &Mapping,
    options: ReadOptions,
    progress: &mut dyn FnMut(u64),
) -> Result<ParsedFile, ServiceError> {
    let mut parsed = read_all(kind, source, input, mapping, options, progress)?;
    if parsed.problems.is_empty() {
        Ok(parsed)
    } else {
        parsed.problems.sort_by_key(|p| p.line);
        Err(ServiceError::Rows { file: source.to_string(), problems: parsed.problems })
    }
}

/// A CSV reader within the input limits, where its lines end, and its header (an Excel
/// byte-order mark and surrounding spaces trimmed).
pub(super) type CsvReader<R> = csv::Reader<limits::Limited<R>>;

pub(super) fn open_csv<R: Read>(
    input: R,
    source: &str,
) -> Result<(CsvReader<R>, limits::Newlines, Vec<String>), ServiceError> {
    let (input, newlines) =
        limits::Limited::new(input, source, limits::MAX_CSV_FILE, limits::MAX_CSV_LINE).with_newlines();
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let headers = reader
        .headers()
        .map_err(|e| ServiceError::Rows {
            file: source.to_string(),
            problems: vec![csv_error(source, 1, &e)],
        })?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    Ok((reader, newlines, headers))
}

/// The physical line a record starts on (CRLF and quoted newlines counted as a text
/// editor counts them), from the byte offset where it starts.
fn physical_line(record: &csv::StringRecord, newlines: &limits::Newlines, fallback: u64) -> u64 {
    record.position().map_or(fallback, |p| newlines.line_of(p.byte()))
}

/// Reads CSV text, collecting every problem of structure and values in one pass.
/// Errors only when the input itself cannot be read (too large, unreadable).
pub fn read_all(
    kind: ImportKind,
    source: &str,
    input: impl Read,
    mapping: &Mapping,
    options: ReadOptions,
    progress: &mut dyn FnMut(u64),
) -> Result<ParsedFile, ServiceError> {
    let (mut reader, newlines, headers) = open_csv(input, source)?;
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        if let Some(j) = headers[..i].iter().position(|other| other == h) {
            problems.push(RowProblem {
                line: 1,
                column: h.clone(),
                problem: Msg::HeaderTwice { header: h.clone(), first: j + 1, again: i + 1 },
            });
        }
    }
    let (layout, mut header_problems) = Layout::new(kind, &headers, mapping);
    problems.append(&mut header_problems);
    for (i, h) in headers.iter().enumerate() {
        if h.is_empty() || layout.read[i] {
            continue;
        }
        if options.allow_extra {
            warnings.push(ImportMsg::ColumnLeftOut { header: h.clone() }.into());
        } else {
            let msg = Msg::HeaderUnknown { header: h.clone(), columns: kind.column_names().join(", ") };
            problems.push(RowProblem { line: 1, column: h.clone(), problem: msg });
        }
    }
    // every row is read first: derived columns (percentiles) need the whole file
    let mut records: Vec<(u64, csv::StringRecord)> = Vec::new();
    let mut rows = 0u64;
    loop {
        let mut record = csv::StringRecord::new();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(rows + 2, |p| newlines.line_of(p.byte()));
                let fatal = matches!(e.kind(), csv::ErrorKind::Io(_));
                problems.push(csv_error(source, line, &e));
                rows += 1;
                if fatal {
                    // the input itself failed (too large, unreadable): nothing after it counts
                    return Err(ServiceError::Rows { file: source.to_string(), problems });
                }
                continue;
            }
        }
        rows += 1;
        if rows.is_multiple_of(10_000) {
            progress(rows);
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = physical_line(&record, &newlines, rows + 1);
        records.push((line, record));
    }
    progress(rows);
    let derived = super::derive::percentiles(kind, &layout, &records, &mut problems);
    let today = chrono::Local::now().date_naive();
    let mut builder = Builder::new(kind);
    let mut usage = super::parse::Usage::default();
    let mut future_exits = Vec::new();
    let mut date_formats: BTreeMap<&'static str, BTreeMap<String, Vec<u64>>> = BTreeMap::new();
    for (i, (line, record)) in records.iter().enumerate() {
        let mut row =
            Row::new(*line, record, &layout, derived.get(i).map_or(&[][..], Vec::as_slice), &mut usage);
        if record.len() != headers.len() {
            row.fail("-", ImportMsg::FieldCount { found: record.len(), expected: headers.len() });
        }
        if let Some((i, field)) = record.iter().enumerate().find(|(_, f)| f.len() > limits::MAX_FIELD_BYTES) {
            let column = headers.get(i).cloned().unwrap_or_else(|| "-".into());
            row.fail(
                &column,
                Msg::FieldTooLong {
                    field: column.clone(),
                    chars: field.chars().count(),
                    max: limits::MAX_FIELD_BYTES,
                },
            );
        }
        builder.add(&mut row, today, &mut future_exits);
        for (column, format) in row.date_formats.drain(..) {
            date_formats.entry(column).or_default().entry(format).or_default().push(*line);
        }
        problems.append(&mut row.problems);
    }
    for (column, formats) in &date_formats {
        let used: Vec<&String> = formats.keys().collect();
        if let Some((a, b)) = used
            .iter()
            .enumerate()
            .flat_map(|(i, a)| used[i + 1..].iter().map(move |b| (*a, *b)))
            .find(|(a, b)| super::parse::swapped(a, b))
        {
            let fewer = if formats[a].len() <= formats[b].len() { a } else { b };
            let lines = &formats[fewer];
            problems.push(RowProblem {
                line: lines[0],
                column: column.to_string(),
                problem: ImportMsg::DatesMixed {
                    formats: format!("{a}, {b}"),
                    lines: crate::domain::import_msg::first_lines(lines),
                }
                .into(),
            });
        }
    }
    if !layout.percentiles.is_empty() {
        if let Some(w) = builder.grade_disagreements() {
            warnings.push(w);
        }
    }
    if !records.is_empty() {
        warnings.extend(unused(mapping, &usage, &headers, &records));
    }
    if !future_exits.is_empty() {
        let lines = &future_exits;
        warnings.push(
            ImportMsg::FutureExits {
                count: lines.len(),
                lines: crate::domain::import_msg::first_lines(lines),
            }
            .into(),
        );
    }
    if options.clear_blank {
        builder.clear_blank(&layout.absent_columns());
    }
    let flags = (options.dry_run, options.allow_regress, options.create_courses);
    let command = builder.into_command(source.to_string(), flags);
    Ok(ParsedFile { command, warnings, problems })
}

/// Notes on what the mapping never used: value-table keys no row matched while others
/// fell to the `"*"` default (a typo there changes people silently), and conditions no row
/// met (so their column is blank everywhere).
fn unused(
    mapping: &Mapping,
    usage: &super::parse::Usage,
    headers: &[String],
    records: &[(u64, csv::StringRecord)],
) -> Vec<Msg> {
    let mut out = Vec::new();
    for (column, table) in &mapping.values {
        let Some(defaulted) = usage.defaulted.get(column.as_str()) else { continue };
        let used = usage.keys.get(column.as_str());
        let idle: Vec<&str> = table
            .keys()
            .filter(|k| *k != "*" && !used.is_some_and(|u| u.contains(*k)))
            .map(String::as_str)
            .collect();
        if !idle.is_empty() {
            out.push(
                ImportMsg::KeysUnused {
                    map: mapping.name.clone(),
                    column: column.clone(),
                    keys: idle.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>().join(", "),
                    defaulted: defaulted.iter().map(|v| format!("'{v}'")).collect::<Vec<_>>().join(", "),
                }
                .into(),
            );
        }
    }
    for (column, spec) in &mapping.columns {
        let super::mapping::ColumnSpec::When { when, .. } = spec else { continue };
        if usage.when_held.get(column.as_str()).copied().unwrap_or(0) > 0 {
            continue;
        }
        let Some((header, want)) = when.iter().next() else { continue };
        let wanted = super::mapping::normal(header);
        let Some(i) = headers.iter().position(|h| super::mapping::normal(h) == wanted) else { continue };
        let seen: std::collections::BTreeSet<&str> = records
            .iter()
            .filter_map(|(_, r)| r.get(i))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .take(1000)
            .collect();
        out.push(
            ImportMsg::WhenMatchedNothing {
                column: column.clone(),
                header: header.clone(),
                want: want.join(", "),
                seen: seen.into_iter().take(8).collect::<Vec<_>>().join(", "),
            }
            .into(),
        );
    }
    out
}
