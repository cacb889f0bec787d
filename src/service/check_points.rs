//! `cadre check`, points part: every standing ledger event whose cause no longer holds
//! (a completion taken back, an exam no longer passed, a reflection no longer accepted),
//! and the due-date index against the enrollments.

use std::collections::{HashMap, HashSet};

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

/// The due-date index holds exactly the unfinished enrollments.
pub(super) fn due_index(store: &Store) -> StoreResult<Vec<String>> {
    let mut expected: HashSet<Vec<u8>> = HashSet::new();
    for item in store.scan::<Enrollment>(keys::ENROLLMENT.as_bytes(), None) {
        let (_, e) = item?;
        if e.completed_on.is_none() {
            expected.insert(keys::due(e.due, e.employee_id.as_str(), &e.course_code));
        }
    }
    let mut out = Vec::new();
    for item in store.scan_raw(keys::DUE.as_bytes()) {
        let (k, v) = item?;
        let current = keys::segments(&k, keys::DUE)
            .and_then(|s| store.get_raw(&keys::enrollment(s.get(1)?, s.get(2)?)).ok().flatten());
        let copy_differs = current.as_deref() != Some(v.as_ref());
        if (!expected.remove(k.as_ref()) || copy_differs) && out.len() < 3 {
            out.push(format!(
                "{}: indexed as unfinished, but no such unfinished enrollment",
                keys::display(&k)
            ));
        }
    }
    for k in expected.iter().take(3) {
        out.push(format!("{}: an unfinished enrollment missing from the due-date index", keys::display(k)));
    }
    Ok(out)
}
