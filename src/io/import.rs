//! Reading import CSV files into service commands. Every bad row is reported as
//! `FILE:LINE: column: problem`; a file with any bad row produces no command at all.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use super::mapping::Mapping;
use super::parse::{split_list, Row};
use super::{limits, ImportKind};
use crate::domain::assessment::{Evaluation, EvaluationKind, RaterRelation};
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
}

/// A file read into a command, with warnings for a person (columns left unread).
pub struct ParsedFile {
    pub command: Command,
    pub warnings: Vec<Msg>,
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
    read(kind, &path.display().to_string(), file, mapping, options, progress)
}

fn csv_error(source: &str, line: u64, e: &csv::Error) -> RowProblem {
    let problem = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => Msg::NotUtf8 { path: source.to_string() },
        csv::ErrorKind::Io(io) => limits::over_limit(io).unwrap_or_else(|| Msg::io(source, io)),
        _ => Msg::Text { text: e.to_string() },
    };
    RowProblem { line, column: "-".into(), problem }
}

/// Reads CSV text from any reader; `source` names it in problems.
pub fn read(
    kind: ImportKind,
    source: &str,
    input: impl Read,
    mapping: &Mapping,
    options: ReadOptions,
    progress: &mut dyn FnMut(u64),
) -> Result<ParsedFile, ServiceError> {
    let input = limits::Limited::new(input, source, limits::MAX_CSV_FILE, limits::MAX_CSV_LINE);
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
    let mut index: HashMap<&'static str, usize> = HashMap::new();
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
    let read_headers: Vec<&str> = kind.columns().iter().map(|&(c, _)| mapping.header_for(c)).collect();
    for h in headers.iter().filter(|h| !h.is_empty() && !read_headers.contains(&h.as_str())) {
        let msg = Msg::HeaderUnknown { header: h.clone(), columns: kind.column_names().join(", ") };
        if options.allow_extra {
            warnings.push(msg);
        } else {
            problems.push(RowProblem { line: 1, column: h.clone(), problem: msg });
        }
    }
    for &(column, required) in kind.columns() {
        let header = mapping.header_for(column);
        match headers.iter().position(|h| h == header) {
            Some(i) => {
                index.insert(column, i);
            }
            None if required => problems.push(RowProblem {
                line: 1,
                column: column.to_string(),
                problem: if header == column {
                    Msg::ColumnMissing { headers: headers.join(", ") }
                } else {
                    Msg::MappedColumnMissing { header: header.to_string() }
                },
            }),
            None => {}
        }
    }
    if !problems.is_empty() {
        return Err(ServiceError::Rows { file: source.to_string(), problems });
    }
    let dry_run = options.dry_run;
    let mut builder = Builder::new(kind);
    let mut record = csv::StringRecord::new();
    let mut rows = 0u64;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(rows + 2, |p| p.line());
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
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(rows + 1, |p| p.line());
        let mut row = Row::new(line, &record, &index, mapping);
        if record.len() != headers.len() {
            row.fail("-", format!("{} fields where the header has {}", record.len(), headers.len()));
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
        builder.add(&mut row);
        problems.append(&mut row.problems);
        if rows.is_multiple_of(10_000) {
            progress(rows);
        }
    }
    progress(rows);
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        return Err(ServiceError::Rows { file: source.to_string(), problems });
    }
    Ok(ParsedFile { command: builder.into_command(source.to_string(), dry_run), warnings })
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

fn domain<T, E: std::fmt::Display>(r: Result<T, E>) -> Result<T, String> {
    r.map_err(|e| e.to_string())
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

    fn add(&mut self, row: &mut Row) {
        let line = row.line;
        match self {
            Builder::Employees(out) => {
                let id = row.employee_id("id");
                let name = row.required("name");
                let department = row.required("department");
                let section = row.text("section");
                let rank = row.parsed("rank", |t| domain(Rank::parse(t)));
                let hire_date = row.date("hire_date");
                let status = EmploymentStatus::parse(&row.text("status")).unwrap_or_else(|e| {
                    row.fail("status", *e.0);
                    EmploymentStatus::Active
                });
                let wants_management = row.flag("wants_management");
                if let (Some(id), Some(rank), Some(hire_date)) = (id, rank, hire_date) {
                    out.push(Sourced {
                        line,
                        record: Employee {
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
                        },
                    });
                }
            }
            Builder::Performance(out) => {
                let employee_id = row.employee_id("employee_id");
                let year = row.number::<u16>("year", "a year");
                let grade = row.parsed("grade", |t| domain(Grade::parse(t)));
                let pct = row.parsed("rank_pct", |t| {
                    let v: f32 =
                        t.trim_end_matches('%').parse().map_err(|_| format!("'{t}' is not a percentage"))?;
                    if (0.0..=100.0).contains(&v) {
                        Ok(v)
                    } else {
                        Err(format!("{v} is outside 0–100"))
                    }
                });
                if let (Some(employee_id), Some(year), Some(grade), Some(pct)) =
                    (employee_id, year, grade, pct)
                {
                    match PerformanceRecord::new(year, grade, pct) {
                        Ok(record) => {
                            out.push(Sourced { line, record: PerformanceRow { employee_id, record } })
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
                let hours = row.number::<f32>("hours", "a number of hours");
                let exam_pass_mark = row.optional_number::<u8>("exam_pass_mark", "a mark 0–100");
                if exam_pass_mark.is_some_and(|m| m > 100) {
                    row.fail("exam_pass_mark", "is above 100");
                }
                let completion_points = row.optional_number::<u32>("completion_points", "a number of points");
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
                        Ok(()) => out.push(Sourced { line, record: course }),
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
                let hours_done = row.optional_number::<f32>("hours_done", "a number of hours").unwrap_or(0.0);
                // blank: the course's hours (filled in by the service); given: above 0
                let hours_required =
                    row.optional_number::<f32>("hours_required", "a number of hours").unwrap_or(0.0);
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
                            row.fail("exams", format!("'{score}' is not a score 0–100"));
                            continue;
                        }
                    };
                    let on = if date.is_empty() {
                        completed_on.or(due)
                    } else {
                        super::parse::parse_date(date, &[]).map_err(|e| row.fail("exams", e)).ok()
                    };
                    if let Some(on) = on {
                        attempts.push(ExamAttempt { score, on });
                    }
                }
                if hours_done < 0.0 {
                    row.fail("hours_done", "is negative");
                }
                if let (Some(employee_id), Some(due)) = (employee_id, due) {
                    out.push(Sourced {
                        line,
                        record: Enrollment {
                            employee_id,
                            course_code,
                            hours_done,
                            hours_required,
                            due,
                            attempts,
                            completed_on,
                        },
                    });
                }
            }
            Builder::Reflections(out) => {
                let employee_id = row.employee_id("employee_id");
                let stage = row.number::<u8>("stage", "a stage number");
                let version = row.optional_number::<u32>("version", "a version number").unwrap_or(1);
                let title = row.text("title");
                let body = row.required("body");
                let submitted_at = if row.text("submitted_at").is_empty() {
                    Some(chrono::Utc::now())
                } else {
                    row.timestamp("submitted_at")
                };
                let score = row.optional_number::<u8>("score", "a score 0–100");
                if score.is_some_and(|s| s > 100) {
                    row.fail("score", format!("{} is outside 0–100", score.unwrap_or_default()));
                }
                let decision = match row.text("decision").as_str() {
                    "" => None,
                    "accept" | "accepted" | "通过" => Some(Decision::Accept),
                    "return" | "returned" | "退回" => Some(Decision::Return),
                    other => {
                        row.fail("decision", format!("'{other}' is not accept / return"));
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
                        row.fail("decision", "a review needs both a score and a decision");
                        None
                    }
                };
                if let (Some(employee_id), Some(stage), Some(submitted_at)) =
                    (employee_id, stage, submitted_at)
                {
                    out.push(Sourced {
                        line,
                        record: ReflectionRow {
                            employee_id,
                            stage,
                            version,
                            title,
                            body,
                            submitted_at,
                            review,
                        },
                    });
                }
            }
            Builder::Evaluations(out) => {
                let employee_id = row.employee_id("employee_id");
                let year = row.number::<u16>("year", "a year");
                let kind_text = row.required("kind");
                let kind = match kind_text.as_str() {
                    "360" => {
                        let relation = row.parsed("relation", |t| domain(RaterRelation::parse(t)));
                        let dimension = row.required("dimension");
                        relation.map(|relation| EvaluationKind::ThreeSixty { relation, dimension })
                    }
                    "superior" | "上级评价" => Some(EvaluationKind::Superior),
                    "theory" | "理论测试" => Some(EvaluationKind::Theory),
                    "" => None,
                    other => {
                        row.fail("kind", format!("'{other}' is not 360 / superior / theory"));
                        None
                    }
                };
                let score = row.parsed("score", |t| {
                    let v: f32 = t.parse().map_err(|_| format!("'{t}' is not a score"))?;
                    if (0.0..=100.0).contains(&v) {
                        Ok(v)
                    } else {
                        Err(format!("{v} is outside 0–100"))
                    }
                });
                let on = row.date("date");
                if let (Some(employee_id), Some(year), Some(kind), Some(score), Some(on)) =
                    (employee_id, year, kind, score, on)
                {
                    out.push(Sourced {
                        line,
                        record: Evaluation { seq: 0, employee_id, year, kind, score, on },
                    });
                }
            }
        }
    }

    fn into_command(self, source: String, dry_run: bool) -> Command {
        match self {
            Builder::Employees(rows) => Command::ImportEmployees { source, rows, dry_run },
            Builder::Performance(rows) => Command::ImportPerformance { source, rows, dry_run },
            Builder::Courses(rows) => Command::ImportCourses { source, rows, dry_run },
            Builder::Enrollments(rows) => Command::ImportEnrollments { source, rows, dry_run },
            Builder::Reflections(rows) => Command::ImportReflections { source, rows, dry_run },
            Builder::Evaluations(rows) => Command::ImportEvaluations { source, rows, dry_run },
        }
    }
}
