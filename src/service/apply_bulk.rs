//! Bulk commands: imports (all-or-nothing, every bad row reported) and chunked loads.

use std::collections::{BTreeMap, HashMap};

use super::command::{Dataset, ImportReport, PerformanceRow, ReflectionRow, Sourced};
use super::engine::{Applied, Engine};
use super::points::Stamp;
use super::{points, RowProblem, ServiceError, ServiceResult};
use crate::domain::access::Operator;
use crate::domain::assessment::{Evaluation, EvaluationKind};
use crate::domain::done::Done;
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
            problems.push(problem(
                row.line,
                column,
                format!("duplicate {column} {k} (also on line {first})"),
            ));
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
                    employee.performance = old.performance;
                }
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
                problems.push(problem(
                    row.line,
                    "year",
                    format!("{id} has {} twice (also on line {first})", row.record.record.year),
                ));
            }
            by_employee.entry(id).or_default().push(row);
        }
        let mut employees = Vec::new();
        for (id, rows) in by_employee {
            match tx.get::<Employee>(&keys::employee(&id))? {
                Some(e) => employees.push((e, rows)),
                None => problems
                    .extend(rows.iter().map(|r| problem(r.line, "employee_id", format!("no employee {id}")))),
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
            let what = tx.upsert(&key, &row.record)?;
            count(&mut report, what, &key);
        }
        Ok(finish(report, "courses", source, dry_run))
    }

    pub(super) fn import_enrollments(
        &self,
        tx: &mut Tx,
        source: &str,
        rows: Vec<Sourced<Enrollment>>,
        dry_run: bool,
        op: &Operator,
        at: Timestamp,
    ) -> ServiceResult<Applied> {
        let policy = self.policy()?;
        let mut problems = Vec::new();
        let mut courses: HashMap<String, Option<Course>> = HashMap::new();
        let mut seen: HashMap<(EmployeeId, String), u64> = HashMap::new();
        let mut valid = Vec::with_capacity(rows.len());
        for row in rows {
            let mut e = row.record;
            if !tx.exists(&keys::employee(&e.employee_id))? {
                problems.push(problem(row.line, "employee_id", format!("no employee {}", e.employee_id)));
            }
            if !courses.contains_key(&e.course_code) {
                let c = tx.get::<Course>(&keys::course(&e.course_code))?;
                courses.insert(e.course_code.clone(), c);
            }
            let Some(course) = courses[&e.course_code].clone() else {
                problems.push(problem(row.line, "course", format!("no course {}", e.course_code)));
                continue;
            };
            if e.hours_required <= 0.0 {
                e.hours_required = course.hours;
            }
            if let Err(err) = e.validate() {
                problems.push(problem(row.line, "record", *err.0));
            }
            if let Some(first) = seen.insert((e.employee_id.clone(), e.course_code.clone()), row.line) {
                problems.push(problem(
                    row.line,
                    "course",
                    format!(
                        "{} is enrolled in {} twice (also on line {first})",
                        e.employee_id, e.course_code
                    ),
                ));
            }
            valid.push((e, course));
        }
        reject(source, problems)?;
        let mut report = ImportReport::default();
        for (e, course) in valid {
            let key = keys::enrollment(&e.employee_id, &e.course_code);
            let before = tx.get::<Enrollment>(&key)?;
            for (pts, cause, reason) in
                points::for_enrollment_change(&policy.points, &course, before.as_ref(), &e)?
            {
                points::append(
                    tx,
                    Stamp { operator: &op.user, at, audited: false },
                    &e.employee_id,
                    pts,
                    cause,
                    reason,
                )?;
            }
            let what = tx.upsert(&key, &e)?;
            count(&mut report, what, &key);
        }
        Ok(finish(report, "enrollments", source, dry_run))
    }

    pub(super) fn import_reflections(
        &self,
        tx: &mut Tx,
        source: &str,
        rows: Vec<Sourced<ReflectionRow>>,
        dry_run: bool,
        op: &Operator,
        at: Timestamp,
    ) -> ServiceResult<Applied> {
        let policy = self.policy()?;
        let pass = policy.reflection.pass_score;
        let mut problems = Vec::new();
        let mut groups: BTreeMap<(EmployeeId, u8), Vec<Sourced<ReflectionRow>>> = BTreeMap::new();
        for row in rows {
            if !tx.exists(&keys::employee(&row.record.employee_id))? {
                problems.push(problem(
                    row.line,
                    "employee_id",
                    format!("no employee {}", row.record.employee_id),
                ));
            }
            if row.record.stage == 0 || row.record.stage > policy.reflection.stages {
                problems.push(problem(
                    row.line,
                    "stage",
                    format!("stage {} is outside 1–{}", row.record.stage, policy.reflection.stages),
                ));
            }
            if let Some(r) = &row.record.review {
                if r.score > 100 {
                    problems.push(problem(row.line, "score", format!("score {} is outside 0–100", r.score)));
                } else if r.decision == Decision::Accept && r.score < pass {
                    problems.push(problem(
                        row.line,
                        "score",
                        format!("accepted with {} but the pass score is {pass}", r.score),
                    ));
                }
            }
            groups.entry((row.record.employee_id.clone(), row.record.stage)).or_default().push(row);
        }
        let mut built = Vec::new();
        for ((employee_id, stage), mut rows) in groups {
            rows.sort_by_key(|r| r.record.version);
            let first_line = rows[0].line;
            if let Some((i, r)) = rows.iter().enumerate().find(|(i, r)| r.record.version != *i as u32 + 1) {
                problems.push(problem(
                    r.line,
                    "version",
                    format!(
                        "{employee_id} stage {stage}: version {} where {} was expected",
                        r.record.version,
                        i + 1
                    ),
                ));
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
                problems.push(problem(
                    first_line,
                    "decision",
                    format!(
                        "{employee_id} stage {stage}: every version but the last must have been returned"
                    ),
                ));
                continue;
            }
            if let Err(e) = reflection.validate() {
                let column = e.0.field().unwrap_or("record").to_string();
                problems.push(problem(first_line, &column, *e.0));
                continue;
            }
            built.push(reflection);
        }
        reject(source, problems)?;
        let mut report = ImportReport::default();
        for mut reflection in built {
            let index = keys::reflection_index(&reflection.employee_id, reflection.stage);
            let before = match tx.get::<u64>(&index)? {
                Some(id) => tx.get::<Reflection>(&keys::reflection(id))?,
                None => None,
            };
            let was_accepted = before.as_ref().is_some_and(|b| b.state == ReflectionState::Accepted);
            let what = match before.clone() {
                Some(b) => {
                    reflection.id = b.id;
                    reflection.replies = b.replies;
                    tx.upsert(&keys::reflection(b.id), &reflection)?
                }
                None => {
                    reflection.id = tx.next_seq("reflection")?;
                    tx.put_unaudited(&index, &reflection.id);
                    tx.upsert(&keys::reflection(reflection.id), &reflection)?
                }
            };
            super::index::sync_pending(tx, before.as_ref(), &reflection)?;
            if reflection.state == ReflectionState::Accepted && !was_accepted {
                points::append(
                    tx,
                    Stamp { operator: &op.user, at, audited: false },
                    &reflection.employee_id,
                    points::rule_points(policy.points.reflection_shared)?,
                    PointsCause::ReflectionShared { reflection: reflection.id },
                    format!("心得第{}阶段通过", reflection.stage),
                )?;
            }
            count(&mut report, what, &keys::reflection(reflection.id));
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
                problems.push(problem(row.line, "employee_id", format!("no employee {}", e.employee_id)));
            }
            if let Err(err) = e.validate() {
                problems.push(problem(row.line, "score", *err.0));
            }
            if let EvaluationKind::ThreeSixty { dimension, .. } = &e.kind {
                if !policy.assessment.dimensions.contains(dimension) {
                    problems.push(problem(
                        row.line,
                        "dimension",
                        format!(
                            "'{dimension}' is not a 360 dimension of the policy ({})",
                            policy.assessment.dimensions.join(", ")
                        ),
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

    /// One chunk of a load: records are written as given, ids assigned, and the points
    /// rules applied to completions and accepted reflections as they would be live.
    pub(super) fn load_chunk(
        &self,
        tx: &mut Tx,
        data: Dataset,
        op: &Operator,
        at: Timestamp,
    ) -> ServiceResult<Applied> {
        if !tx.exists(keys::LOADING)? {
            return Err(ServiceError::invalid(Msg::LoadNotStarted));
        }
        let policy = self.policy()?;
        // every record is checked before any is written
        for m in &data.members {
            if !m.history_is_consistent() {
                return Err(ServiceError::invalid(Msg::Internal {
                    what: format!("member {} of pool {}: inconsistent history", m.employee_id, m.pool_id),
                }));
            }
        }
        for e in &data.enrollments {
            e.validate()?;
        }
        for r in &data.reflections {
            r.validate()?;
        }
        for e in &data.evaluations {
            e.validate()?;
        }
        for d in &data.departments {
            crate::domain::text::required_line("department", &d.name, crate::domain::text::NAME_CHARS)?;
            crate::domain::text::list("section", &d.sections)?;
        }
        let counts =
            (data.employees.len(), data.enrollments.len(), data.reflections.len(), data.evaluations.len());
        for d in &data.departments {
            tx.put_unaudited(&keys::department(&d.name), d);
        }
        for e in &data.employees {
            e.validate()?;
            tx.put_unaudited(&keys::employee(&e.id), e);
        }
        for c in &data.courses {
            c.validate()?;
            tx.put_unaudited(&keys::course(&c.code), c);
        }
        for p in &data.pools {
            tx.put_unaudited(&keys::pool(p.id), p);
            bump_sequence(tx, "pool", u64::from(p.id))?;
        }
        for m in &data.members {
            tx.put_unaudited(&keys::member(m.pool_id, &m.employee_id), m);
        }
        let mut courses: HashMap<String, Course> = HashMap::new();
        for e in &data.enrollments {
            if !courses.contains_key(&e.course_code) {
                let c = tx.get::<Course>(&keys::course(&e.course_code))?.ok_or_else(|| {
                    ServiceError::not_found(Msg::NoCourse { course: e.course_code.clone() })
                })?;
                courses.insert(e.course_code.clone(), c);
            }
            let course = &courses[&e.course_code];
            let when = e.completed_on.map_or(at, |d| d.and_hms_opt(18, 0, 0).expect("valid time").and_utc());
            for (pts, cause, reason) in points::for_enrollment_change(&policy.points, course, None, e)? {
                points::append(
                    tx,
                    Stamp { operator: &op.user, at: when, audited: false },
                    &e.employee_id,
                    pts,
                    cause,
                    reason,
                )?;
            }
            tx.put_unaudited(&keys::enrollment(&e.employee_id, &e.course_code), e);
        }
        for mut r in data.reflections {
            r.id = tx.next_seq("reflection")?;
            tx.put_unaudited(&keys::reflection_index(&r.employee_id, r.stage), &r.id);
            if r.state == ReflectionState::Accepted {
                let when = r.latest().review.as_ref().map_or(at, |rv| rv.at);
                points::append(
                    tx,
                    Stamp { operator: &op.user, at: when, audited: false },
                    &r.employee_id,
                    points::rule_points(policy.points.reflection_shared)?,
                    PointsCause::ReflectionShared { reflection: r.id },
                    format!("心得第{}阶段通过", r.stage),
                )?;
            }
            tx.put_unaudited(&keys::reflection(r.id), &r);
            super::index::sync_pending(tx, None, &r)?;
        }
        for mut e in data.evaluations {
            e.seq = tx.next_seq("evaluation")?;
            tx.put_unaudited(&keys::evaluation(&e.employee_id, e.seq), &e);
        }
        for g in &data.grants {
            self.grant(tx, &policy, g, op, at, false)?;
        }
        for v in &data.vacancies {
            tx.put_unaudited(&keys::vacancy(v.id), v);
            bump_sequence(tx, "vacancy", u64::from(v.id))?;
        }
        for a in &data.appointments {
            tx.put_unaudited(&keys::appointment(a.vacancy_id), a);
        }
        for o in &data.operators {
            o.validate()?;
            tx.put_unaudited(&keys::operator(&o.user), o);
        }
        for (employee, kind) in &data.redemptions {
            points::redeem(
                tx,
                &policy.points,
                Stamp { operator: &op.user, at, audited: false },
                employee,
                *kind,
            )?;
        }
        Ok(Applied::new(Done::Loaded {
            employees: counts.0,
            enrollments: counts.1,
            reflections: counts.2,
            evaluations: counts.3,
        }))
    }
}

fn bump_sequence(tx: &mut Tx, name: &str, at_least: u64) -> ServiceResult<()> {
    let key = keys::sequence(name);
    if tx.get::<u64>(&key)?.unwrap_or(0) < at_least {
        tx.put_unaudited(&key, &at_least);
    }
    Ok(())
}
