//! `cadre check`, points part: every standing ledger event whose cause no longer holds
//! (a completion taken back, an exam no longer passed, a reflection no longer accepted),
//! and the due-date index against the enrollments.

use std::collections::{HashMap, HashSet};

use crate::domain::org::Employee;
use crate::domain::reflection::{Reflection, ReflectionState};
use crate::domain::training::{Course, Enrollment, PointsCause, PointsEvent};
use crate::store::{keys, Store, StoreResult};

/// One line per standing event whose cause is gone.
pub(super) fn causes_gone(store: &Store, events: &[PointsEvent]) -> StoreResult<Vec<String>> {
    let reversed: HashSet<u64> = events
        .iter()
        .filter_map(|e| match e.cause {
            PointsCause::Reversal { of } => Some(of),
            _ => None,
        })
        .collect();
    let mut courses: HashMap<String, Option<Course>> = HashMap::new();
    let mut out = Vec::new();
    for e in events.iter().filter(|e| !reversed.contains(&e.seq)) {
        let holds = match &e.cause {
            PointsCause::CourseCompleted { course } => store
                .get::<Enrollment>(&keys::enrollment(&e.employee_id, course))?
                .is_some_and(|en| en.completed_on.is_some()),
            PointsCause::ExamPassed { course } => {
                if !courses.contains_key(course) {
                    courses.insert(course.clone(), store.get::<Course>(&keys::course(course))?);
                }
                let mark = courses[course].as_ref().and_then(|c| c.exam_pass_mark);
                let best = store
                    .get::<Enrollment>(&keys::enrollment(&e.employee_id, course))?
                    .and_then(|en| en.best_score());
                matches!((mark, best), (Some(m), Some(b)) if b >= m)
            }
            PointsCause::ReflectionShared { reflection } => store
                .get::<Reflection>(&keys::reflection(*reflection))?
                .is_some_and(|r| r.state == ReflectionState::Accepted),
            _ => true,
        };
        if !holds {
            out.push(format!(
                "points {} of {} ({:+}, {}): its cause no longer holds and it was not reversed",
                e.seq,
                e.employee_id,
                e.points,
                e.cause.code()
            ));
        }
    }
    Ok(out)
}

/// The assessment sums are those of the evaluations and the people on record.
pub(super) fn gap_sums(store: &Store) -> StoreResult<Vec<String>> {
    let mut expected = crate::store::gap_index::compute(store)?;
    let mut out = Vec::new();
    for item in store.scan::<crate::store::gap_index::ScoreSum>(keys::GAP.as_bytes(), None) {
        let (k, held) = item?;
        if expected.remove(&k) != Some(held) && out.len() < 3 {
            out.push(format!(
                "{}: the assessment sum differs from the evaluations on record",
                keys::display(&k)
            ));
        }
    }
    for k in expected.keys().take(3) {
        out.push(format!("{}: an assessment sum missing", keys::display(k)));
    }
    Ok(out)
}

/// The due-date index holds exactly the unfinished enrollments, each with its hours and
/// the person as they are on record. A person whose record does not read (reported by the
/// record check) is left out.
pub(super) fn due_index(store: &Store) -> StoreResult<Vec<String>> {
    let mut expected: HashMap<Vec<u8>, Vec<u8>> = HashMap::new();
    let mut unreadable: HashSet<String> = HashSet::new();
    let mut person: Option<(String, Option<Employee>)> = None;
    for item in store.scan::<Enrollment>(keys::ENROLLMENT.as_bytes(), None) {
        let (_, e) = item?;
        let id = e.employee_id.as_str();
        if person.as_ref().is_none_or(|(p, _)| p != id) {
            let raw = store.get_raw(&keys::employee(id))?;
            let record = match raw.map(|v| crate::store::codec::decode::<Employee>(&v)) {
                Some(Err(_)) => {
                    unreadable.insert(id.to_string());
                    None
                }
                Some(Ok(p)) => Some(p),
                None => None,
            };
            person = Some((id.to_string(), record));
        }
        if unreadable.contains(id) {
            continue;
        }
        let on_record = person.as_ref().and_then(|(_, p)| p.as_ref());
        expected.extend(crate::store::due_index::indexed(&e, on_record));
    }
    let mut out = Vec::new();
    for item in store.scan_raw(keys::DUE.as_bytes()) {
        let (k, v) = item?;
        let employee = keys::segments(&k, keys::DUE).and_then(|s| s.into_iter().nth(1));
        if employee.is_some_and(|id| unreadable.contains(&id)) {
            continue;
        }
        match expected.remove(k.as_ref()) {
            Some(want) if want == v.as_ref() => {}
            Some(_) if out.len() < 3 => out.push(format!(
                "{}: the due-date index holds other hours or another name or department than the record",
                keys::display(&k)
            )),
            None if out.len() < 3 => out.push(format!(
                "{}: indexed as unfinished, but no such unfinished enrollment",
                keys::display(&k)
            )),
            _ => {}
        }
    }
    for k in expected.keys().take(3) {
        out.push(format!("{}: an unfinished enrollment missing from the due-date index", keys::display(k)));
    }
    Ok(out)
}
