//! Reading import CSV files into service commands through a mapping, every problem of
//! structure and values found in one pass; a file with any problem writes nothing.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use super::mapping::Mapping;
use super::parse::{split_list, Layout, Row};
use super::{limits, ImportKind};
use crate::domain::assessment::{Evaluation, EvaluationKind, RaterRelation};
use crate::domain::import_msg::{Expected, ImportMsg};
use crate::domain::msg::Msg;
use crate::domain::org::{Employee, EmploymentStatus, Grade, PerformanceRecord, Rank};
use crate::domain::reflection::{Decision, Review};
use crate::domain::training::{Course, CourseCategory, Enrollment, ExamAttempt};
use crate::service::command::{PerformanceRow, ReflectionRow};
use crate::service::{Command, RowProblem, ServiceError, Sourced};

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

fn csv_error(source: &str, line: u64, e: &csv::Error) -> RowProblem {
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
    let (input, newlines) =
        limits::Limited::new(input, source, limits::MAX_CSV_FILE, limits::MAX_CSV_LINE).with_newlines();
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ServiceError::Rows {
            file: source.to_string(),
            problems: vec![csv_error(source, 1, &e)],
        })?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
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
    let command = builder.into_command(source.to_string(), options);
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

/// Accumulates parsed records of one kind.
enum Builder {
    Employees(Vec<Sourced<Employee>>),
    Performance(Vec<Sourced<PerformanceRow>>),
    Courses(Vec<Sourced<Course>>),
    Enrollments(Vec<Sourced<Enrollment>>),
    Reflections(Vec<Sourced<ReflectionRow>>),
    Evaluations(Vec<Sourced<Evaluation>>),
}

fn domain<T>(r: Result<T, crate::domain::DomainError>) -> Result<T, Box<Msg>> {
    r.map_err(|e| e.0)
}

fn sourced<T>(row: &Row, record: T) -> Sourced<T> {
    Sourced { line: row.line, record, blank: row.blank() }
}

/// A score or percentage 0–100 with decimals.
fn hundred(t: &str, expected: Expected) -> Result<f32, ImportMsg> {
    let v: f32 = t
        .trim_end_matches('%')
        .trim()
        .parse()
        .map_err(|_| ImportMsg::NotValid { value: t.to_string(), expected })?;
    if v.is_finite() && (0.0..=100.0).contains(&v) {
        Ok(v)
    } else {
        Err(ImportMsg::NotValid { value: t.to_string(), expected })
    }
}

impl Builder {
    fn new(kind: ImportKind) -> Builder {
        match kind {
            ImportKind::Employees => Builder::Employees(vec![]),
            ImportKind::Performance => Builder::Performance(vec![]),
            ImportKind::Courses => Builder::Courses(vec![]),
            ImportKind::Enrollments => Builder::Enrollments(vec![]),
            ImportKind::Reflections => Builder::Reflections(vec![]),
            ImportKind::Evaluations => Builder::Evaluations(vec![]),
        }
    }

    fn add(&mut self, row: &mut Row, today: crate::domain::Date, future_exits: &mut Vec<u64>) {
        match self {
            Builder::Employees(out) => {
                let id = row.employee_id("id");
                let name = row.required("name");
                let department = row.required("department");
                let section = row.text("section");
                let rank = row.parsed("rank", |t| domain(Rank::parse(t)));
                let hire_date = row.date("hire_date");
                let mut status = EmploymentStatus::parse(&row.text("status")).unwrap_or_else(|e| {
                    row.fail("status", *e.0);
                    EmploymentStatus::Active
                });
                let left_on = match row.left_on(today) {
                    Some((day, false)) => {
                        status = EmploymentStatus::Left;
                        Some(day)
                    }
                    Some((_, true)) => {
                        future_exits.push(row.line);
                        None
                    }
                    None => None,
                };
                let wants_management = row.flag("wants_management");
                if let (Some(id), Some(rank), Some(hire_date)) = (id, rank, hire_date) {
                    let mut record = sourced(
                        row,
                        Employee {
                            id,
                            name,
                            department,
                            section,
                            rank,
                            hire_date,
                            status,
                            performance: vec![],
                            skills: row.list("skills"),
                            certifications: row.list("certifications"),
                            projects: row.list("projects"),
                            team_management: row.list("team_management"),
                            aspiration: row.text("aspiration"),
                            wants_management,
                            left_on,
                        },
                    );
                    if left_on.is_some() {
                        record.blank.retain(|c| c != "status");
                    }
                    out.push(record);
                }
            }
            Builder::Performance(out) => {
                let employee_id = row.employee_id("employee_id");
                let year = row.number::<u16>("year", Expected::Year);
                let grade = row.parsed("grade", |t| domain(Grade::parse(t)));
                let pct = row.parsed("rank_pct", |t| hundred(t, Expected::Percentage));
                if let (Some(employee_id), Some(year), Some(grade), Some(pct)) =
                    (employee_id, year, grade, pct)
                {
                    match PerformanceRecord::new(year, grade, pct) {
                        Ok(record) => {
                            let r = sourced(row, PerformanceRow { employee_id, record });
                            out.push(r)
                        }
                        Err(e) => {
                            let column = String::from(e.0.field().unwrap_or("rank_pct"));
                            row.fail(&column, *e.0)
                        }
                    }
                }
            }
            Builder::Courses(out) => {
                let code = row.required("code");
                let title = row.required("title");
                let category = row.parsed("category", |t| domain(CourseCategory::parse(t)));
                let hours = row.number::<f32>("hours", Expected::Hours);
                let exam_pass_mark = row.optional_number::<u8>("exam_pass_mark", Expected::Mark);
                if let Some(m) = exam_pass_mark.filter(|m| *m > 100) {
                    row.fail(
                        "exam_pass_mark",
                        ImportMsg::NotValid { value: m.to_string(), expected: Expected::Mark },
                    );
                }
                let completion_points = row.optional_number::<u32>("completion_points", Expected::Points);
                let (required, core, strategic) =
                    (row.flag("required"), row.flag("core"), row.flag("strategic"));
                if let (Some(category), Some(hours)) = (category, hours) {
                    let course = Course {
                        code,
                        title,
                        category,
                        hours,
                        required,
                        core,
                        strategic,
                        exam_pass_mark,
                        completion_points,
                    };
                    match course.validate() {
                        Ok(()) => out.push(sourced(row, course)),
                        Err(e) => {
                            let column = String::from(e.0.field().unwrap_or("record"));
                            row.fail(&column, *e.0)
                        }
                    }
                }
            }
            Builder::Enrollments(out) => {
                let employee_id = row.employee_id("employee_id");
                let course_code = row.required("course");
                let due = row.date("due");
                let hours_done = row.optional_number::<f32>("hours_done", Expected::Hours).unwrap_or(0.0);
                // blank: the stored figure, or the course's hours for a new enrollment
                let hours_required =
                    row.optional_number::<f32>("hours_required", Expected::Hours).unwrap_or(0.0);
                if !row.text("hours_required").is_empty() {
                    if let Err(e) = crate::domain::text::positive(
                        "hours_required",
                        hours_required,
                        crate::domain::training::MAX_HOURS,
                    ) {
                        row.fail("hours_required", *e.0);
                    }
                }
                let completed_on = row.optional_date("completed_on");
                let mut attempts = Vec::new();
                for item in split_list(&row.text("exams")) {
                    let (score, date) = item.split_once('@').unwrap_or((&item, ""));
                    let score = match score.trim().parse::<u8>() {
                        Ok(s) if s <= 100 => s,
                        _ => {
                            row.fail(
                                "exams",
                                ImportMsg::NotValid {
                                    value: score.trim().to_string(),
                                    expected: Expected::Score,
                                },
                            );
                            continue;
                        }
                    };
                    let on = if date.is_empty() { completed_on.or(due) } else { row.date_of("exams", date) };
                    if let Some(on) = on {
                        attempts.push(ExamAttempt { score, on });
                    }
                }
                if hours_done < 0.0 || !hours_done.is_finite() {
                    row.fail(
                        "hours_done",
                        ImportMsg::NotValid { value: row.text("hours_done"), expected: Expected::Hours },
                    );
                }
                if let (Some(employee_id), Some(due)) = (employee_id, due) {
                    let record = Enrollment {
                        employee_id,
                        course_code,
                        hours_done,
                        hours_required,
                        due,
                        attempts,
                        completed_on,
                    };
                    out.push(sourced(row, record));
                }
            }
            Builder::Reflections(out) => {
                let employee_id = row.employee_id("employee_id");
                let stage = row.number::<u8>("stage", Expected::Stage);
                let version = row.optional_number::<u32>("version", Expected::Version).unwrap_or(1);
                let title = row.text("title");
                let body = row.required("body");
                let submitted_at = if row.text("submitted_at").is_empty() {
                    Some(chrono::Utc::now())
                } else {
                    row.timestamp("submitted_at")
                };
                let score = row.optional_number::<u8>("score", Expected::Score);
                if let Some(s) = score.filter(|s| *s > 100) {
                    row.fail(
                        "score",
                        ImportMsg::NotValid { value: s.to_string(), expected: Expected::Score },
                    );
                }
                let decision = match row.text("decision").to_lowercase().as_str() {
                    "" => None,
                    "accept" | "accepted" | "通过" => Some(Decision::Accept),
                    "return" | "returned" | "退回" => Some(Decision::Return),
                    other => {
                        row.fail(
                            "decision",
                            ImportMsg::NotValid { value: other.into(), expected: Expected::Decision },
                        );
                        None
                    }
                };
                let review = match (score, decision) {
                    (Some(score), Some(decision)) => {
                        let at = if row.text("reviewed_at").is_empty() {
                            submitted_at
                        } else {
                            row.timestamp("reviewed_at")
                        };
                        at.map(|at| Review {
                            score,
                            comment: row.text("comment"),
                            decision,
                            reviewer: row.text("reviewer"),
                            at,
                        })
                    }
                    (None, None) => None,
                    _ => {
                        row.fail("decision", ImportMsg::NeedScoreAndDecision);
                        None
                    }
                };
                if let (Some(employee_id), Some(stage), Some(submitted_at)) =
                    (employee_id, stage, submitted_at)
                {
                    let record =
                        ReflectionRow { employee_id, stage, version, title, body, submitted_at, review };
                    out.push(sourced(row, record));
                }
            }
            Builder::Evaluations(out) => {
                let employee_id = row.employee_id("employee_id");
                let year = row.number::<u16>("year", Expected::Year);
                let kind_text = row.required("kind");
                let kind = match kind_text.to_lowercase().as_str() {
                    "360" => {
                        let relation = row.parsed("relation", |t| domain(RaterRelation::parse(t)));
                        let dimension = row.required("dimension");
                        relation.map(|relation| EvaluationKind::ThreeSixty { relation, dimension })
                    }
                    "superior" | "上级评价" => Some(EvaluationKind::Superior),
                    "theory" | "理论测试" => Some(EvaluationKind::Theory),
                    "" => None,
                    other => {
                        row.fail(
                            "kind",
                            ImportMsg::NotValid { value: other.into(), expected: Expected::EvaluationKind },
                        );
                        None
                    }
                };
                let score = row.parsed("score", |t| hundred(t, Expected::Score));
                let on = row.date("date");
                if let (Some(employee_id), Some(year), Some(kind), Some(score), Some(on)) =
                    (employee_id, year, kind, score, on)
                {
                    let record = Evaluation { seq: 0, employee_id, year, kind, score, on };
                    out.push(sourced(row, record));
                }
            }
        }
    }

    /// A note where a grade and its derived percentile disagree strongly: a top grade
    /// (S, A) in the lower half, or the lowest (D) in the top fifth.
    fn grade_disagreements(&self) -> Option<Msg> {
        let Builder::Performance(rows) = self else { return None };
        let lines: Vec<u64> = rows
            .iter()
            .filter(|r| {
                let p = &r.record.record;
                (matches!(p.grade, Grade::S | Grade::A) && p.rank_pct > 50.0)
                    || (p.grade == Grade::D && p.rank_pct < 20.0)
            })
            .map(|r| r.line)
            .collect();
        (!lines.is_empty()).then(|| {
            ImportMsg::GradeDisagrees {
                count: lines.len(),
                lines: crate::domain::import_msg::first_lines(&lines),
            }
            .into()
        })
    }

    /// `--clear-blank`: blank cells clear stored values; columns the file does not have
    /// still keep them.
    fn clear_blank(&mut self, absent: &[&str]) {
        fn clear<T>(rows: &mut [Sourced<T>], absent: &[&str]) {
            rows.iter_mut().for_each(|r| r.blank.retain(|c| absent.contains(&c.as_str())));
        }
        match self {
            Builder::Employees(r) => clear(r, absent),
            Builder::Performance(r) => clear(r, absent),
            Builder::Courses(r) => clear(r, absent),
            Builder::Enrollments(r) => clear(r, absent),
            Builder::Reflections(r) => clear(r, absent),
            Builder::Evaluations(r) => clear(r, absent),
        }
    }

    fn into_command(self, source: String, options: ReadOptions) -> Command {
        let ReadOptions { dry_run, allow_regress, create_courses, .. } = options;
        match self {
            Builder::Employees(rows) => Command::ImportEmployees { source, rows, dry_run },
            Builder::Performance(rows) => Command::ImportPerformance { source, rows, dry_run },
            Builder::Courses(rows) => Command::ImportCourses { source, rows, dry_run },
            Builder::Enrollments(rows) => {
                Command::ImportEnrollments { source, rows, dry_run, allow_regress, create_courses }
            }
            Builder::Reflections(rows) => Command::ImportReflections { source, rows, dry_run, allow_regress },
            Builder::Evaluations(rows) => Command::ImportEvaluations { source, rows, dry_run },
        }
    }
}
