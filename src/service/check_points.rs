//! `cadre check`, points part: every standing ledger event whose cause no longer holds
//! (a completion taken back, an exam no longer passed, a reflection no longer accepted).

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
