//! Records of one import kind built from the rows of a file: each kind's columns read,
//! parsed and checked, then the whole set turned into the service's import command.

use super::parse::{split_list, Row};
use super::ImportKind;
use crate::domain::assessment::{Evaluation, EvaluationKind, RaterRelation};
use crate::domain::import_msg::{Expected, ImportMsg};
use crate::domain::msg::Msg;
use crate::domain::org::{Employee, EmploymentStatus, Grade, PerformanceRecord, Rank};
use crate::domain::reflection::{Decision, Review};
use crate::domain::training::{Course, CourseCategory, Enrollment, ExamAttempt};
use crate::service::command::{PerformanceRow, ReflectionRow};
use crate::service::{Command, Sourced};

/// Accumulates parsed records of one kind.
pub(super) enum Builder {
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
    pub(super) fn new(kind: ImportKind) -> Builder {
        match kind {
            ImportKind::Employees => Builder::Employees(vec![]),
            ImportKind::Performance => Builder::Performance(vec![]),
            ImportKind::Courses => Builder::Courses(vec![]),
            ImportKind::Enrollments => Builder::Enrollments(vec![]),
            ImportKind::Reflections => Builder::Reflections(vec![]),
            ImportKind::Evaluations => Builder::Evaluations(vec![]),
        }
    }

    pub(super) fn add(&mut self, row: &mut Row, today: crate::domain::Date, future_exits: &mut Vec<u64>) {
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
                // a date not after today: the person left; a later one: still active, and
                // the date is a known departure for the vacancy forecast
                let (left_on, left_now) = match row.left_on(today) {
                    Some((day, false)) => {
                        status = EmploymentStatus::Left;
                        (Some(day), true)
                    }
                    Some((day, true)) => {
                        future_exits.push(row.line);
                        (Some(day), false)
                    }
                    None => (None, false),
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
                    if left_now {
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
    pub(super) fn grade_disagreements(&self) -> Option<Msg> {
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
    pub(super) fn clear_blank(&mut self, absent: &[&str]) {
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

    /// The import command; the flags are the ones `--dry-run`, `--allow-regress` and
    /// `--create-courses` give.
    pub(super) fn into_command(self, source: String, flags: (bool, bool, bool)) -> Command {
        let (dry_run, allow_regress, create_courses) = flags;
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
