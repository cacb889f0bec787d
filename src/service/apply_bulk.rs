//! Imports: all-or-nothing, every bad row reported; a re-import keeps what blank cells
//! do not say and refuses to undo work unless allowed.

use std::collections::{BTreeMap, HashMap};

use super::catalogue::{first_pass, Catalogue};
use super::command::{ImportReport, PerformanceRow, ReflectionRow, Sourced};
use super::engine::{Applied, Engine};
use super::points::Stamp;
use super::reimport;
use super::{points, RowProblem, ServiceError, ServiceResult};
use crate::domain::access::Operator;
use crate::domain::assessment::{Evaluation, EvaluationKind};
use crate::domain::done::Done;
use crate::domain::import_msg::ImportMsg;
use crate::domain::msg::Msg;
use crate::domain::org::{Department, Employee, EmployeeId};
use crate::domain::reflection::{Decision, Reflection, ReflectionState};
use crate::domain::training::{Course, Enrollment, PointsCause};
use crate::domain::Timestamp;
use crate::store::{keys, Tx, Upsert};

fn problem(line: u64, column: &str, text: impl Into<crate::domain::msg::Msg>) -> RowProblem {
    RowProblem { line, column: column.to_string(), problem: text.into() }
}

/// Each record's own checks, and its key unique within the file.
fn validate_unique<'a, T>(
    rows: &'a [Sourced<T>],
    column: &str,
    key: impl Fn(&'a T) -> &'a str,
    validate: impl Fn(&T) -> Result<(), crate::domain::DomainError>,
) -> Vec<RowProblem> {
    let mut problems = Vec::new();
    let mut seen: HashMap<&str, u64> = HashMap::new();
    for row in rows {
        if let Err(e) = validate(&row.record) {
            problems.push(problem(row.line, "record", *e.0));
        }
        let k = key(&row.record);
        if let Some(first) = seen.insert(k, row.line) {
            problems.push(problem(row.line, column, ImportMsg::Twice { key: k.to_string(), first }));
        }
    }
    problems
}

fn reject(source: &str, mut problems: Vec<RowProblem>) -> ServiceResult<()> {
    if problems.is_empty() {
        return Ok(());
    }
    problems.sort_by_key(|p| p.line);
    Err(ServiceError::Rows { file: source.to_string(), problems })
}

fn count(report: &mut ImportReport, what: Upsert, key: &[u8]) {
    match what {
        Upsert::Added => report.added += 1,
        Upsert::Changed => {
            report.changed += 1;
            if report.changed_keys.len() < 50 {
                report.changed_keys.push(keys::display(key));
            }
        }
        Upsert::Unchanged => report.unchanged += 1,
    }
}

fn finish(report: ImportReport, what: &str, source: &str, dry_run: bool) -> Applied {
    let report = ImportReport { dry_run, ..report };
    Applied {
        done: Done::Imported {
            what: what.to_string(),
            source: source.to_string(),
            added: report.added,
            changed: report.changed,
            unchanged: report.unchanged,
            dry_run,
        },
        import: Some(report),
        created: None,
        dry_run,
    }
}

/// Adds the employee's section to its department, creating either when new.
fn ensure_unit(
    tx: &mut Tx,
    cache: &mut BTreeMap<String, Department>,
    employee: &Employee,
) -> ServiceResult<()> {
    if !cache.contains_key(&employee.department) {
        let existing = tx.get::<Department>(&keys::department(&employee.department))?;
        cache.insert(
            employee.department.clone(),
            existing.unwrap_or(Department { name: employee.department.clone(), sections: vec![] }),
        );
    }
    let dept = cache.get_mut(&employee.department).expect("inserted above");
    if !employee.section.is_empty() && !dept.sections.contains(&employee.section) {
        dept.sections.push(employee.section.clone());
    }
    Ok(())
}

impl Engine {
    pub(super) fn import_employees(
        &self,
        tx: &mut Tx,
        source: &str,
        rows: Vec<Sourced<Employee>>,
        dry_run: bool,
    ) -> ServiceResult<Applied> {
        let problems = validate_unique(&rows, "id", |e| e.id.as_str(), Employee::validate);
        reject(source, problems)?;
        let mut report = ImportReport::default();
        let mut units = BTreeMap::new();
        for row in rows {
            let mut employee = row.record;
            let key = keys::employee(&employee.id);
            if let Some(old) = tx.get::<Employee>(&key)? {
                if employee.performance.is_empty() {
                    employee.performance = old.performance.clone();
                }
                reimport::keep_employee(&old, &mut employee, &row.blank);
                reimport::note_diff(&mut report, &key, row.line, &old, &employee);
                super::index::move_department(tx, &employee.id, &old.department, &employee.department)?;
            }
            ensure_unit(tx, &mut units, &employee)?;
            let what = tx.upsert(&key, &employee)?;
            count(&mut report, what, &key);
        }
        for dept in units.values() {
            tx.put(&keys::department(&dept.name), dept)?;
        }
        Ok(finish(report, "employees", source, dry_run))
    }

    pub(super) fn import_performance(
        &self,
        tx: &mut Tx,
        source: &str,
        rows: Vec<Sourced<PerformanceRow>>,
        dry_run: bool,
    ) -> ServiceResult<Applied> {
        let mut problems = Vec::new();
        let mut by_employee: BTreeMap<EmployeeId, Vec<Sourced<PerformanceRow>>> = BTreeMap::new();
        let mut seen: HashMap<(EmployeeId, u16), u64> = HashMap::new();
        for row in rows {
            let id = row.record.employee_id.clone();
            if let Some(first) = seen.insert((id.clone(), row.record.record.year), row.line) {
                let key = format!("{id} {}", row.record.record.year);
                problems.push(problem(row.line, "year", ImportMsg::Twice { key, first }));
            }
            by_employee.entry(id).or_default().push(row);
        }
        let mut employees = Vec::new();
        for (id, rows) in by_employee {
            match tx.get::<Employee>(&keys::employee(&id))? {
                Some(e) => employees.push((e, rows)),
                None => {
                    problems.extend(rows.iter().map(|r| {
                        problem(r.line, "employee_id", ImportMsg::NoEmployee { id: id.to_string() })
                    }))
                }
            }
        }
        reject(source, problems)?;
        let mut report = ImportReport::default();
        for (mut employee, rows) in employees {
            let key = keys::employee(&employee.id);
            let mut touched = false;
            for row in rows {
                let record = row.record.record;
                let old = employee.performance.iter().find(|p| p.year == record.year).copied();
                let note_key = format!("{}#performance/{}", keys::display(&key), record.year);
                match old {
                    Some(o) if o == record => report.unchanged += 1,
                    Some(o) => {
                        tx.note_change(note_key.clone(), Some(&o), Some(&record));
                        reimport::note_diff(&mut report, note_key.as_bytes(), row.line, &o, &record);
                        report.changed += 1;
                        if report.changed_keys.len() < 50 {
                            report.changed_keys.push(note_key);
                        }
                        touched = true;
                    }
                    None => {
                        report.added += 1;
                        touched = true;
                    }
                }
                employee.set_performance(record);
            }
            if touched {
                tx.put_unaudited(&key, &employee);
            }
        }
        Ok(finish(report, "performance records", source, dry_run))
    }

    pub(super) fn import_courses(
        &self,
        tx: &mut Tx,
        source: &str,
        rows: Vec<Sourced<Course>>,
        dry_run: bool,
    ) -> ServiceResult<Applied> {
        let problems = validate_unique(&rows, "code", |c| c.code.as_str(), Course::validate);
        reject(source, problems)?;
        let mut report = ImportReport::default();
        for row in rows {
            let key = keys::course(&row.record.code);
            let mut course = row.record;
            if let Some(old) = tx.get::<Course>(&key)? {
                reimport::keep_course(&old, &mut course, &row.blank);
                reimport::note_diff(&mut report, &key, row.line, &old, &course);
            }
            let what = tx.upsert(&key, &course)?;
            count(&mut report, what, &key);
        }
        Ok(finish(report, "courses", source, dry_run))
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn import_enrollments(
        &self,
        tx: &mut Tx,
        source: &str,
        rows: Vec<Sourced<Enrollment>>,
        options: (bool, bool, bool),
        op: &Operator,
        at: Timestamp,
    ) -> ServiceResult<Applied> {
        let (dry_run, allow_regress, create_courses) = options;
        let policy = self.policy()?;
        let mut problems = Vec::new();
        let mut catalogue = Catalogue::default();
        let mut regressions = Vec::new();
        // rows of one person and course are retakes: merged, in file order
        let mut grouped: Vec<(u64, Enrollment, Course, Vec<String>)> = Vec::with_capacity(rows.len());
        let mut index_of: HashMap<(EmployeeId, String), usize> = HashMap::new();
        let mut merged = 0usize;
        for row in rows {
            let Sourced { line, record: mut e, blank } = row;
            if !tx.exists(&keys::employee(&e.employee_id))? {
                problems.push(problem(
                    line,
                    "employee_id",
                    ImportMsg::NoEmployee { id: e.employee_id.to_string() },
                ));
            }
            let course = match catalogue.find(tx, &e.course_code)? {
                Some(c) => c,
                None if create_courses => catalogue.create(tx, &e)?,
                None => {
                    problems.push(problem(
                        line,
                        "course",
                        ImportMsg::NoCourse { course: e.course_code.clone() },
                    ));
                    continue;
                }
            };
            e.course_code = course.code.clone();
            match index_of.get(&(e.employee_id.clone(), e.course_code.clone())) {
                Some(&i) => {
                    let (_, first, _, first_blank) = &mut grouped[i];
                    reimport::merge_retake(first, first_blank, e, &blank);
                    merged += 1;
                }
                None => {
                    index_of.insert((e.employee_id.clone(), e.course_code.clone()), grouped.len());
                    grouped.push((line, e, course, blank));
                }
            }
        }
        let mut valid = Vec::with_capacity(grouped.len());
        for (line, mut e, course, blank) in grouped {
            e.course_code = course.code.clone();
            let key = keys::enrollment(&e.employee_id, &e.course_code);
            let before = tx.get::<Enrollment>(&key)?;
            if let Some(b) = &before {
                reimport::keep_enrollment(b, &mut e, &blank);
            }
            if e.hours_required <= 0.0 {
                e.hours_required = course.hours;
            }
            // a training log that says "completed" without hours counts the course's hours
            if e.completed_on.is_some() && blank.iter().any(|c| c == "hours_done") {
                e.hours_done = e.hours_done.max(e.hours_required);
            }
            if let Err(err) = e.validate() {
                problems.push(problem(line, "record", *err.0));
            }
            if let Some(b) = &before {
                let found = reimport::enrollment_regressions(b, &e, &course, &mut || {
                    reimport::named(tx, &e.employee_id)
                })?;
                regressions.extend(found.into_iter().map(|(column, msg)| (line, column, msg)));
            }
            valid.push((line, e, course, before));
        }
        if !allow_regress {
            problems.extend(reimport::as_problems(std::mem::take(&mut regressions)));
        }
        reject(source, problems)?;
        let mut report = ImportReport::default();
        for course in catalogue.created.iter() {
            tx.put(&keys::course(&course.code), course)?;
        }
        if !catalogue.created.is_empty() {
            let list: Vec<String> =
                catalogue.created.iter().map(|c| format!("{} {}", c.code, c.title)).collect();
            report.notes.push(ImportMsg::CoursesCreated { count: list.len(), list: list.join(", ") }.into());
        }
        let (mut reversed, mut reversed_points) = (0usize, 0i64);
        for (line, e, course, before) in valid {
            let key = keys::enrollment(&e.employee_id, &e.course_code);
            for (pts, cause, reason) in
                points::for_enrollment_change(&policy.points, &course, before.as_ref(), &e)?
            {
                // points are dated at the event they reward, not at the import
                let day = match &cause {
                    PointsCause::CourseCompleted { .. } => e.completed_on,
                    _ => first_pass(&course, &e),
                };
                let stamp =
                    Stamp { operator: &op.user, at: day.map_or(at, reimport::at_day), audited: false };
                points::append(tx, stamp, &e.employee_id, pts, cause, reason)?;
            }
            if let (true, Some(b)) = (allow_regress, &before) {
                let uncompleted = b.completed_on.is_some() && e.completed_on.is_none();
                let unpassed = first_pass(&course, b).is_some() && first_pass(&course, &e).is_none();
                if uncompleted || unpassed {
                    let code = course.code.clone();
                    let stamp = Stamp { operator: &op.user, at, audited: true };
                    let (n, pts) = reimport::reverse_where(
                        tx,
                        stamp,
                        &e.employee_id,
                        |cause| match cause {
                            PointsCause::CourseCompleted { course } => uncompleted && *course == code,
                            PointsCause::ExamPassed { course } => unpassed && *course == code,
                            _ => false,
                        },
                        &format!("重新导入撤销：{}", course.title),
                    )?;
                    reversed += n;
                    reversed_points += pts;
                }
            }
            if let Some(b) = &before {
                reimport::note_diff(&mut report, &key, line, b, &e);
            }
            let what = tx.upsert(&key, &e)?;
            count(&mut report, what, &key);
        }
        report.regressions = regressions.into_iter().map(|(_, _, m)| m).collect();
        if merged > 0 {
            report.notes.push(ImportMsg::RetakesMerged { count: merged }.into());
        }
        if reversed > 0 {
            report.notes.push(ImportMsg::PointsReversed { count: reversed, points: reversed_points }.into());
        }
        Ok(finish(report, "enrollments", source, dry_run))
    }

    pub(super) fn import_reflections(
        &self,
        tx: &mut Tx,
        source: &str,
        rows: Vec<Sourced<ReflectionRow>>,
        options: (bool, bool),
        op: &Operator,
        at: Timestamp,
    ) -> ServiceResult<Applied> {
        let (dry_run, allow_regress) = options;
        let policy = self.policy()?;
        let pass = policy.reflection.pass_score;
        let mut problems = Vec::new();
        let mut groups: BTreeMap<(EmployeeId, u8), Vec<Sourced<ReflectionRow>>> = BTreeMap::new();
        for row in rows {
            if !tx.exists(&keys::employee(&row.record.employee_id))? {
                let id = row.record.employee_id.to_string();
                problems.push(problem(row.line, "employee_id", ImportMsg::NoEmployee { id }));
            }
            if row.record.stage == 0 || row.record.stage > policy.reflection.stages {
                let (stage, stages) = (row.record.stage, policy.reflection.stages);
                problems.push(problem(row.line, "stage", ImportMsg::StageOutside { stage, stages }));
            }
            if let Some(r) = &row.record.review {
                if r.decision == Decision::Accept && r.score < pass {
                    problems.push(problem(
                        row.line,
                        "score",
                        ImportMsg::AcceptedBelowPass { score: r.score, pass },
                    ));
                }
            }
            groups.entry((row.record.employee_id.clone(), row.record.stage)).or_default().push(row);
        }
        let mut built = Vec::new();
        let mut regressions = Vec::new();
        for ((employee_id, stage), mut rows) in groups {
            rows.sort_by_key(|r| r.record.version);
            let first_line = rows[0].line;
            if let Some((i, r)) = rows.iter().enumerate().find(|(i, r)| r.record.version != *i as u32 + 1) {
                let gap = ImportMsg::VersionGap {
                    id: employee_id.to_string(),
                    stage,
                    found: r.record.version,
                    expected: i as u32 + 1,
                };
                problems.push(problem(r.line, "version", gap));
                continue;
            }
            let versions: Vec<_> = rows
                .iter()
                .map(|r| crate::domain::reflection::ReflectionVersion {
                    title: r.record.title.clone(),
                    body: r.record.body.clone(),
                    submitted_at: r.record.submitted_at,
                    review: r.record.review.clone(),
                })
                .collect();
            let state = match versions.last().and_then(|v| v.review.as_ref()) {
                None => ReflectionState::Pending,
                Some(r) if r.decision == Decision::Accept => ReflectionState::Accepted,
                Some(_) => ReflectionState::Returned,
            };
            let reflection = Reflection {
                id: 0,
                employee_id: employee_id.clone(),
                stage,
                versions,
                state,
                replies: vec![],
                reopened: vec![],
            };
            if !reflection.is_consistent() {
                let id = employee_id.to_string();
                problems.push(problem(first_line, "decision", ImportMsg::EarlierNotReturned { id, stage }));
                continue;
            }
            if let Err(e) = reflection.validate() {
                let column = e.0.field().unwrap_or("record").to_string();
                problems.push(problem(first_line, &column, *e.0));
                continue;
            }
            let before = match tx.get::<u64>(&keys::reflection_index(&employee_id, stage))? {
                Some(id) => tx.get::<Reflection>(&keys::reflection(id))?,
                None => None,
            };
            if let Some(b) = &before {
                let who = reimport::named(tx, &employee_id)?;
                if b.state == ReflectionState::Accepted && reflection.state != ReflectionState::Accepted {
                    regressions.push((
                        first_line,
                        "decision",
                        ImportMsg::Unaccepted { who: who.clone(), stage }.into(),
                    ));
                }
                if reflection.versions.len() < b.versions.len() {
                    let (from, to) = (b.versions.len(), reflection.versions.len());
                    regressions.push((
                        first_line,
                        "version",
                        ImportMsg::VersionsDropped { who, stage, from, to }.into(),
                    ));
                }
            }
            built.push((first_line, reflection, before));
        }
        if !allow_regress {
            problems.extend(reimport::as_problems(std::mem::take(&mut regressions)));
        }
        reject(source, problems)?;
        let mut report = ImportReport::default();
        let (mut reversed, mut reversed_points) = (0usize, 0i64);
        for (line, mut reflection, before) in built {
            let index = keys::reflection_index(&reflection.employee_id, reflection.stage);
            let was_accepted = before.as_ref().is_some_and(|b| b.state == ReflectionState::Accepted);
            let what = match before.clone() {
                Some(b) => {
                    reflection.id = b.id;
                    reflection.replies = b.replies.clone();
                    reflection.reopened = b.reopened.clone();
                    reimport::note_diff(&mut report, &keys::reflection(b.id), line, &b, &reflection);
                    tx.upsert(&keys::reflection(b.id), &reflection)?
                }
                None => {
                    reflection.id = tx.next_seq("reflection")?;
                    tx.put_unaudited(&index, &reflection.id);
                    tx.upsert(&keys::reflection(reflection.id), &reflection)?
                }
            };
            super::index::sync_pending(tx, before.as_ref(), &reflection)?;
            let accepted = reflection.state == ReflectionState::Accepted;
            if accepted && !was_accepted {
                points::reflection_accepted(tx, &policy.points, &op.user, &reflection, at)?;
            }
            if was_accepted && !accepted {
                let id = reflection.id;
                let (n, pts) = reimport::reverse_where(
                    tx,
                    Stamp { operator: &op.user, at, audited: true },
                    &reflection.employee_id,
                    |cause| *cause == PointsCause::ReflectionShared { reflection: id },
                    &format!("重新导入撤销：心得第{}阶段", reflection.stage),
                )?;
                reversed += n;
                reversed_points += pts;
            }
            count(&mut report, what, &keys::reflection(reflection.id));
        }
        report.regressions = regressions.into_iter().map(|(_, _, m)| m).collect();
        if reversed > 0 {
            report.notes.push(ImportMsg::PointsReversed { count: reversed, points: reversed_points }.into());
        }
        Ok(finish(report, "reflections", source, dry_run))
    }

    pub(super) fn import_evaluations(
        &self,
        tx: &mut Tx,
        source: &str,
        rows: Vec<Sourced<Evaluation>>,
        dry_run: bool,
    ) -> ServiceResult<Applied> {
        let policy = self.policy()?;
        let mut problems = Vec::new();
        for row in &rows {
            let e = &row.record;
            if !tx.exists(&keys::employee(&e.employee_id))? {
                problems.push(problem(
                    row.line,
                    "employee_id",
                    ImportMsg::NoEmployee { id: e.employee_id.to_string() },
                ));
            }
            if let Err(err) = e.validate() {
                problems.push(problem(row.line, "score", *err.0));
            }
            if let EvaluationKind::ThreeSixty { dimension, .. } = &e.kind {
                if !policy.assessment.dimensions.contains(dimension) {
                    problems.push(problem(
                        row.line,
                        "dimension",
                        Msg::NotOneOf {
                            field: "dimension".into(),
                            value: dimension.clone(),
                            allowed: policy.assessment.dimensions.join(", "),
                        },
                    ));
                }
            }
        }
        reject(source, problems)?;
        let mut report = ImportReport::default();
        for row in rows {
            let mut e = row.record;
            let same = tx
                .store()
                .scan::<Evaluation>(&keys::evaluations_of(&e.employee_id), None)
                .filter_map(Result::ok)
                .map(|(_, v)| v)
                .find(|v| v.year == e.year && v.kind == e.kind && v.on == e.on);
            e.seq = match same {
                Some(existing) => existing.seq,
                None => tx.next_seq("evaluation")?,
            };
            let key = keys::evaluation(&e.employee_id, e.seq);
            let what = tx.upsert(&key, &e)?;
            count(&mut report, what, &key);
        }
        Ok(finish(report, "evaluations", source, dry_run))
    }
}
