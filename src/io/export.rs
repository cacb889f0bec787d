//! `cadre export`: records page by page from the service, as a JSON array or as CSV whose
//! columns are the import columns (so an export imports back unchanged).

use std::io::Write;

use serde::Serialize;

use super::ImportKind;
use crate::domain::assessment::EvaluationKind;
use crate::domain::org::Employee;
use crate::domain::pool::{Member, StateChange};
use crate::domain::reflection::Decision;
use crate::service::query::Page;
use crate::service::{Answer, Query, Record, RecordKind, Service};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    Employees,
    Performance,
    Courses,
    Pool,
    Enrollments,
    Reflections,
    Evaluations,
    Points,
    Audit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
}

const PAGE: usize = 2000;

/// Calls `each` for every record of `kind`, a page at a time.
pub fn for_each_record(
    service: &Service,
    kind: RecordKind,
    pool: Option<u32>,
    mut each: impl FnMut(Record) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut after = None;
    loop {
        let Answer::Page(Page { records, next }) =
            service.query(Query::Page { kind, pool, after, limit: PAGE })?
        else {
            anyhow::bail!("the service answered a page query with something else");
        };
        for r in records {
            each(r)?;
        }
        match next {
            Some(n) => after = Some(n),
            None => return Ok(()),
        }
    }
}

/// A pool member as exported: the member with the person's name and unit.
#[derive(Serialize)]
struct PoolRow {
    pool_id: u32,
    employee_id: String,
    name: String,
    department: String,
    section: String,
    state: &'static str,
    history: Vec<StateChange>,
}

/// The CSV columns: an import kind's own columns, so exports import back unchanged.
fn csv_header(kind: ExportKind) -> Vec<&'static str> {
    let import = |k: ImportKind| k.column_names();
    match kind {
        ExportKind::Employees => import(ImportKind::Employees),
        ExportKind::Performance => import(ImportKind::Performance),
        ExportKind::Courses => import(ImportKind::Courses),
        ExportKind::Enrollments => import(ImportKind::Enrollments),
        ExportKind::Reflections => import(ImportKind::Reflections),
        ExportKind::Evaluations => import(ImportKind::Evaluations),
        ExportKind::Pool => {
            vec![
                "pool_id",
                "employee_id",
                "name",
                "department",
                "section",
                "state",
                "since",
                "reason",
                "operator",
            ]
        }
        ExportKind::Points => vec!["seq", "employee_id", "points", "cause", "reason", "operator", "at"],
        ExportKind::Audit => vec!["seq", "at", "operator", "command", "summary", "changes"],
    }
}

/// A course as its import columns: what the CSV export and the catalogue form show.
pub fn course_row(c: &crate::domain::training::Course) -> Vec<String> {
    vec![
        c.code.clone(),
        c.title.clone(),
        c.category.code().to_string(),
        c.hours.to_string(),
        yes(c.required),
        yes(c.core),
        yes(c.strategic),
        opt(c.exam_pass_mark),
        opt(c.completion_points),
    ]
}

fn yes(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The CSV rows one record becomes (several for an employee's performance or a
/// reflection's versions).
fn csv_rows(kind: ExportKind, record: &Record) -> Vec<Vec<String>> {
    match (kind, record) {
        (ExportKind::Employees, Record::Employee(e)) => vec![vec![
            e.id.to_string(),
            e.name.clone(),
            e.department.clone(),
            e.section.clone(),
            e.rank.zh().to_string(),
            e.hire_date.to_string(),
            e.status.code().to_string(),
            e.skills.join(";"),
            e.certifications.join(";"),
            e.projects.join(";"),
            e.team_management.join(";"),
            e.aspiration.clone(),
            yes(e.wants_management),
            e.left_on.map(|d| d.to_string()).unwrap_or_default(),
        ]],
        (ExportKind::Performance, Record::Employee(e)) => e
            .performance
            .iter()
            .map(|p| {
                vec![
                    e.id.to_string(),
                    p.year.to_string(),
                    p.grade.letter().to_string(),
                    p.rank_pct.to_string(),
                ]
            })
            .collect(),
        (ExportKind::Courses, Record::Course(c)) => vec![course_row(c)],
        (ExportKind::Enrollments, Record::Enrollment(e)) => vec![vec![
            e.employee_id.to_string(),
            e.course_code.clone(),
            e.due.to_string(),
            e.hours_done.to_string(),
            e.hours_required.to_string(),
            opt(e.completed_on),
            e.attempts.iter().map(|a| format!("{}@{}", a.score, a.on)).collect::<Vec<_>>().join(";"),
        ]],
        (ExportKind::Reflections, Record::Reflection(r)) => r
            .versions
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let review = v.review.as_ref();
                vec![
                    r.employee_id.to_string(),
                    r.stage.to_string(),
                    (i + 1).to_string(),
                    v.title.clone(),
                    v.body.clone(),
                    v.submitted_at.to_rfc3339(),
                    opt(review.map(|x| x.score)),
                    review.map(|x| x.comment.clone()).unwrap_or_default(),
                    review
                        .map(|x| if x.decision == Decision::Accept { "accept" } else { "return" })
                        .unwrap_or_default()
                        .to_string(),
                    review.map(|x| x.reviewer.clone()).unwrap_or_default(),
                    opt(review.map(|x| x.at.to_rfc3339())),
                ]
            })
            .collect(),
        (ExportKind::Evaluations, Record::Evaluation(e)) => {
            let (relation, dimension) = match &e.kind {
                EvaluationKind::ThreeSixty { relation, dimension } => {
                    (relation.code().to_string(), dimension.clone())
                }
                _ => (String::new(), String::new()),
            };
            vec![vec![
                e.employee_id.to_string(),
                e.year.to_string(),
                e.kind.code().to_string(),
                relation,
                dimension,
                e.score.to_string(),
                e.on.to_string(),
            ]]
        }
        (ExportKind::Points, Record::Points(p)) => vec![vec![
            p.seq.to_string(),
            p.employee_id.to_string(),
            p.points.to_string(),
            p.cause.code().to_string(),
            p.reason.clone(),
            p.operator.clone(),
            p.at.to_rfc3339(),
        ]],
        (ExportKind::Audit, Record::Audit(a)) => vec![vec![
            a.seq.to_string(),
            a.at.to_rfc3339(),
            a.operator.clone(),
            a.command.clone(),
            a.summary.clone(),
            a.changes.len().to_string(),
        ]],
        _ => vec![],
    }
}

fn record_kind(kind: ExportKind) -> RecordKind {
    match kind {
        ExportKind::Employees | ExportKind::Performance => RecordKind::Employees,
        ExportKind::Courses => RecordKind::Courses,
        ExportKind::Pool => RecordKind::Members,
        ExportKind::Enrollments => RecordKind::Enrollments,
        ExportKind::Reflections => RecordKind::Reflections,
        ExportKind::Evaluations => RecordKind::Evaluations,
        ExportKind::Points => RecordKind::Points,
        ExportKind::Audit => RecordKind::Audit,
    }
}

fn record_json(record: &Record) -> serde_json::Result<String> {
    match record {
        Record::Department(x) => serde_json::to_string(x),
        Record::Employee(x) => serde_json::to_string(x),
        Record::Course(x) => serde_json::to_string(x),
        Record::Pool(x) => serde_json::to_string(x),
        Record::Member(x) => serde_json::to_string(x),
        Record::Enrollment(x) => serde_json::to_string(x),
        Record::Reflection(x) => serde_json::to_string(x),
        Record::Evaluation(x) => serde_json::to_string(x),
        Record::Points(x) => serde_json::to_string(x),
        Record::Redemption(x) => serde_json::to_string(x),
        Record::Vacancy(x) => serde_json::to_string(x),
        Record::Appointment(x) => serde_json::to_string(x),
        Record::Audit(x) => serde_json::to_string(x),
    }
}

/// Writes every record of `kind` to `out`. Returns the number of rows or objects.
pub fn export(
    service: &Service,
    kind: ExportKind,
    format: Format,
    pool: Option<u32>,
    out: &mut dyn Write,
) -> anyhow::Result<u64> {
    // nothing is written before the service has said yes: a refused export prints nothing
    service.query(Query::WhoAmI)?;
    let mut n = 0u64;
    match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut *out);
            w.write_record(csv_header(kind))?;
            for_each_record(service, record_kind(kind), pool, |record| {
                let rows = match &record {
                    Record::Member(m) if kind == ExportKind::Pool => {
                        vec![member_csv(&member_row(service, m)?)]
                    }
                    _ => csv_rows(kind, &record),
                };
                for row in rows {
                    w.write_record(&row)?;
                    n += 1;
                }
                Ok(())
            })?;
            w.flush()?;
        }
        Format::Json => {
            let mut opened = false;
            for_each_record(service, record_kind(kind), pool, |record| {
                let objects = match (&record, kind) {
                    (Record::Member(m), ExportKind::Pool) => vec![serde_json::to_string(&member_row(service, m)?)?],
                    (Record::Employee(e), ExportKind::Performance) => e
                        .performance
                        .iter()
                        .map(|p| {
                            serde_json::json!({"employee_id": e.id, "year": p.year, "grade": p.grade, "rank_pct": p.rank_pct})
                                .to_string()
                        })
                        .collect(),
                    _ => vec![record_json(&record)?],
                };
                for object in objects {
                    if !opened {
                        out.write_all(b"[")?;
                        opened = true;
                    }
                    out.write_all(if n == 0 { b"\n" } else { b",\n" })?;
                    out.write_all(object.as_bytes())?;
                    n += 1;
                }
                Ok(())
            })?;
            if !opened {
                out.write_all(b"[")?;
            }
            out.write_all(b"\n]\n")?;
        }
    }
    out.flush()?;
    Ok(n)
}

fn member_row(service: &Service, m: &Member) -> anyhow::Result<PoolRow> {
    let employee = match service.query(Query::Employee { id: m.employee_id.clone() })? {
        Answer::Employee(e) => *e,
        _ => anyhow::bail!("no employee {}", m.employee_id),
    };
    let Employee { name, department, section, .. } = employee;
    Ok(PoolRow {
        pool_id: m.pool_id,
        employee_id: m.employee_id.to_string(),
        name,
        department,
        section,
        state: m.state.code(),
        history: m.history.clone(),
    })
}

fn member_csv(row: &PoolRow) -> Vec<String> {
    let last = row.history.last();
    vec![
        row.pool_id.to_string(),
        row.employee_id.clone(),
        row.name.clone(),
        row.department.clone(),
        row.section.clone(),
        row.state.to_string(),
        opt(last.map(|c| c.at.to_rfc3339())),
        last.map(|c| c.reason.clone()).unwrap_or_default(),
        last.map(|c| c.operator.clone()).unwrap_or_default(),
    ]
}
