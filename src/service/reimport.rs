//! Re-imports that never undo work by accident: blank cells keep stored values, changes
//! are shown field by field, and a regression (a completion, a sitting, hours, an
//! acceptance taken back) is refused unless allowed, its points then reversed.

use serde::Serialize;

use super::command::{FieldChange, ImportReport, RecordChange, MAX_SHOWN_CHANGES};
use super::points::{self, Stamp};
use super::{RowProblem, ServiceResult};
use crate::domain::import_msg::ImportMsg;
use crate::domain::msg::{Msg, Who};
use crate::domain::org::{Employee, EmployeeId};
use crate::domain::training::{Course, Enrollment, PointsCause, PointsEvent};
use crate::domain::Timestamp;
use crate::store::{keys, Tx};

fn blank(columns: &[String], column: &str) -> bool {
    columns.iter().any(|c| c == column)
}

/// An employee row's blank optional cells take the stored values.
pub(super) fn keep_employee(old: &Employee, new: &mut Employee, columns: &[String]) {
    let keep = |c: &str| blank(columns, c);
    if keep("status") {
        new.status = old.status;
        if new.left_on.is_none() {
            new.left_on = old.left_on;
        }
    }
    if keep("skills") {
        new.skills = old.skills.clone();
    }
    if keep("certifications") {
        new.certifications = old.certifications.clone();
    }
    if keep("projects") {
        new.projects = old.projects.clone();
    }
    if keep("team_management") {
        new.team_management = old.team_management.clone();
    }
    if keep("aspiration") {
        new.aspiration = old.aspiration.clone();
    }
    if keep("wants_management") {
        new.wants_management = old.wants_management;
    }
    if keep("left_on") && new.left_on.is_none() && new.status == old.status {
        new.left_on = old.left_on;
    }
    if keep("section") && new.section.is_empty() {
        new.section = old.section.clone();
    }
}

/// A course row's blank optional cells take the stored values.
pub(super) fn keep_course(old: &Course, new: &mut Course, columns: &[String]) {
    let keep = |c: &str| blank(columns, c);
    if keep("required") {
        new.required = old.required;
    }
    if keep("core") {
        new.core = old.core;
    }
    if keep("strategic") {
        new.strategic = old.strategic;
    }
    if keep("exam_pass_mark") {
        new.exam_pass_mark = old.exam_pass_mark;
    }
    if keep("completion_points") {
        new.completion_points = old.completion_points;
    }
}

/// An enrollment row's blank optional cells take the stored values.
pub(super) fn keep_enrollment(old: &Enrollment, new: &mut Enrollment, columns: &[String]) {
    let keep = |c: &str| blank(columns, c);
    if keep("hours_done") {
        new.hours_done = old.hours_done;
    }
    if keep("hours_required") {
        new.hours_required = old.hours_required;
    }
    if keep("completed_on") {
        new.completed_on = old.completed_on;
    }
    if keep("exams") {
        new.attempts = old.attempts.clone();
    }
}

/// A training log's second row for the same person and course (a retake, a resit): the
/// latest due date and completion, the most hours, every exam sitting. A column is blank
/// only when blank on both rows.
pub(super) fn merge_retake(
    first: &mut Enrollment,
    first_blank: &mut Vec<String>,
    again: Enrollment,
    blank: &[String],
) {
    first.due = first.due.max(again.due);
    first.hours_done = first.hours_done.max(again.hours_done);
    first.hours_required = first.hours_required.max(again.hours_required);
    first.completed_on = first.completed_on.max(again.completed_on);
    for a in again.attempts {
        if !first.attempts.contains(&a) {
            first.attempts.push(a);
        }
    }
    first.attempts.sort_by_key(|a| a.on);
    first_blank.retain(|c| blank.contains(c));
}

/// What replacing `before` with `after` would undo, each with the column it is about.
pub(super) fn enrollment_regressions(
    before: &Enrollment,
    after: &Enrollment,
    course: &Course,
    who: &mut dyn FnMut() -> ServiceResult<Who>,
) -> ServiceResult<Vec<(&'static str, Msg)>> {
    let undone_completion = before.completed_on.filter(|_| after.completed_on.is_none());
    let removed: Vec<_> = before.attempts.iter().filter(|a| !after.attempts.contains(a)).collect();
    let lowered = after.hours_done < before.hours_done;
    if undone_completion.is_none() && removed.is_empty() && !lowered {
        return Ok(Vec::new());
    }
    // the person is named only when there is something to say
    let who = who()?;
    let mut out = Vec::new();
    if let Some(on) = undone_completion {
        out.push((
            "completed_on",
            ImportMsg::Uncompleted { who: who.clone(), course: course.title.clone(), on: on.to_string() }
                .into(),
        ));
    }
    for a in removed {
        out.push((
            "exams",
            ImportMsg::ExamRemoved {
                who: who.clone(),
                course: course.title.clone(),
                score: a.score,
                on: a.on.to_string(),
            }
            .into(),
        ));
    }
    if lowered {
        out.push((
            "hours_done",
            ImportMsg::HoursLowered {
                who,
                course: course.title.clone(),
                from: format!("{}", before.hours_done),
                to: format!("{}", after.hours_done),
            }
            .into(),
        ));
    }
    Ok(out)
}

/// A person as a regression names them: the name with the 工号.
pub(super) fn named(tx: &Tx, id: &EmployeeId) -> ServiceResult<Who> {
    Ok(match tx.get::<Employee>(&keys::employee(id))? {
        Some(e) => Who::new(id.as_str(), e.name),
        None => Who::id(id.as_str()),
    })
}

/// Regressions as problems of their lines (a refused import).
pub(super) fn as_problems(found: Vec<(u64, &'static str, Msg)>) -> Vec<RowProblem> {
    found
        .into_iter()
        .map(|(line, column, problem)| RowProblem { line, column: column.into(), problem })
        .collect()
}

/// Reverses the employee's standing events whose cause `gone` says no longer holds;
/// returns how many and their points.
pub(super) fn reverse_where(
    tx: &mut Tx,
    stamp: Stamp,
    employee: &EmployeeId,
    gone: impl Fn(&PointsCause) -> bool,
    reason: &str,
) -> ServiceResult<(usize, i64)> {
    let ledger = tx.scan_merged::<PointsEvent>(&keys::points_of(employee))?;
    let standing: Vec<PointsEvent> = ledger
        .iter()
        .filter(|e| gone(&e.cause))
        .filter(|e| !ledger.iter().any(|x| x.cause == PointsCause::Reversal { of: e.seq }))
        .cloned()
        .collect();
    let mut total = 0i64;
    for e in &standing {
        points::append(
            tx,
            stamp,
            employee,
            -e.points,
            PointsCause::Reversal { of: e.seq },
            reason.to_string(),
        )?;
        total += i64::from(e.points);
    }
    Ok((standing.len(), total))
}

fn shown(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "—".into(),
        serde_json::Value::String(s) if s.is_empty() => "—".into(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) if items.is_empty() => "—".into(),
        serde_json::Value::Array(items) if items.iter().all(|i| i.is_string()) => {
            items.iter().filter_map(|i| i.as_str()).collect::<Vec<_>>().join("; ")
        }
        other => other.to_string(),
    }
}

/// Notes in the report what changes from `before` to `after`, field by field (the first
/// `MAX_SHOWN_CHANGES` records in full, every field counted).
pub(super) fn note_diff<T: Serialize>(
    report: &mut ImportReport,
    key: &[u8],
    line: u64,
    before: &T,
    after: &T,
) {
    let (Ok(serde_json::Value::Object(b)), Ok(serde_json::Value::Object(a))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return;
    };
    let mut fields = Vec::new();
    for (field, new) in &a {
        let old = b.get(field).unwrap_or(&serde_json::Value::Null);
        if old != new {
            *report.fields.entry(field.clone()).or_default() += 1;
            fields.push(FieldChange { field: field.clone(), before: shown(old), after: shown(new) });
        }
    }
    if !fields.is_empty() && report.changes.len() < MAX_SHOWN_CHANGES {
        report.changes.push(RecordChange { key: keys::display(key), line, fields });
    }
}

/// Midday's end of a day, as events dated at a day are stamped (18:00 UTC).
pub(super) fn at_day(day: crate::domain::Date) -> Timestamp {
    day.and_hms_opt(18, 0, 0).expect("a valid time").and_utc()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::training::{CourseCategory, ExamAttempt};

    fn enrollment(hours: f32, done: bool, scores: &[u8]) -> Enrollment {
        Enrollment {
            employee_id: "E1".parse().unwrap(),
            course_code: "L1".into(),
            hours_done: hours,
            hours_required: 8.0,
            due: "2026-09-30".parse().unwrap(),
            attempts: scores
                .iter()
                .map(|s| ExamAttempt { score: *s, on: "2026-09-01".parse().unwrap() })
                .collect(),
            completed_on: done.then(|| "2026-09-01".parse().unwrap()),
        }
    }

    fn course() -> Course {
        Course {
            code: "L1".into(),
            title: "领导力".into(),
            category: CourseCategory::Leadership,
            hours: 8.0,
            required: true,
            core: true,
            strategic: false,
            exam_pass_mark: Some(80),
            completion_points: None,
        }
    }

    #[test]
    fn blank_cells_keep_what_is_stored_and_given_cells_replace_it() {
        let old = enrollment(8.0, true, &[85]);
        let mut plan = enrollment(0.0, false, &[]);
        plan.hours_required = 0.0;
        keep_enrollment(
            &old,
            &mut plan,
            &["hours_done".into(), "hours_required".into(), "completed_on".into(), "exams".into()],
        );
        assert_eq!(plan, old);
        let mut given = enrollment(4.0, false, &[]);
        keep_enrollment(&old, &mut given, &["completed_on".into(), "exams".into()]);
        assert_eq!(given.hours_done, 4.0);
        assert_eq!(given.completed_on, old.completed_on);
    }

    #[test]
    fn undoing_a_completion_a_sitting_or_hours_is_a_regression() {
        let old = enrollment(8.0, true, &[85]);
        let found =
            enrollment_regressions(&old, &enrollment(4.0, false, &[]), &course(), &mut || Ok(Who::id("E1")))
                .unwrap();
        let columns: Vec<&str> = found.iter().map(|(c, _)| *c).collect();
        assert_eq!(columns, ["completed_on", "exams", "hours_done"]);
        let none = enrollment_regressions(&old, &enrollment(8.0, true, &[85, 90]), &course(), &mut || {
            panic!("nobody is named when nothing regresses")
        });
        assert!(none.unwrap().is_empty());
    }
}
