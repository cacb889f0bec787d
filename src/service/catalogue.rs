//! The course catalogue as an enrollment import meets it: courses by code, then by title;
//! with `--create-courses`, new ones by title.

use std::collections::HashMap;

use super::ServiceResult;
use crate::domain::training::{Course, Enrollment};
use crate::store::{keys, Tx};

/// The day an enrollment's exam was first passed, if it was.
pub(super) fn first_pass(course: &Course, e: &Enrollment) -> Option<crate::domain::Date> {
    let mark = course.exam_pass_mark?;
    e.attempts.iter().filter(|a| a.score >= mark).map(|a| a.on).min()
}

/// A title as the catalogue compares it: trimmed, lower case, inner spaces collapsed.
fn title_key(title: &str) -> String {
    title.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Courses looked up by code, then by title; with `--create-courses`, new ones by title.
#[derive(Default)]
pub(super) struct Catalogue {
    by_code: HashMap<String, Option<Course>>,
    by_title: Option<HashMap<String, Course>>,
    pub(super) created: Vec<Course>,
}

impl Catalogue {
    pub(super) fn find(&mut self, tx: &Tx, text: &str) -> ServiceResult<Option<Course>> {
        if crate::domain::ids::check_code("course", text).is_ok() {
            if !self.by_code.contains_key(text) {
                let c = tx.get::<Course>(&keys::course(text))?;
                self.by_code.insert(text.to_string(), c);
            }
            if let Some(c) = &self.by_code[text] {
                return Ok(Some(c.clone()));
            }
        }
        if self.by_title.is_none() {
            let mut titles = HashMap::new();
            for item in tx.store().scan::<Course>(keys::COURSE.as_bytes(), None) {
                let (_, c) = item?;
                titles.entry(title_key(&c.title)).or_insert(c);
            }
            self.by_title = Some(titles);
        }
        let key = title_key(text);
        let titles = self.by_title.as_ref().expect("read above");
        Ok(titles.get(&key).or_else(|| self.created.iter().find(|c| title_key(&c.title) == key)).cloned())
    }

    /// A catalogue entry for a title met in an enrollment: a generated code (`IMP-001`…),
    /// category general, the row's required hours (else its hours done, else 8).
    pub(super) fn create(&mut self, tx: &Tx, e: &Enrollment) -> ServiceResult<Course> {
        let mut n = self.created.len() + 1;
        let code = loop {
            let code = format!("IMP-{n:03}");
            if !tx.exists(&keys::course(&code))? {
                break code;
            }
            n += 1;
        };
        let hours = [e.hours_required, e.hours_done].into_iter().find(|h| *h > 0.0).unwrap_or(8.0);
        let course = Course {
            code,
            title: e.course_code.clone(),
            category: crate::domain::training::CourseCategory::General,
            hours,
            required: false,
            core: false,
            strategic: false,
            exam_pass_mark: None,
            completion_points: None,
        };
        course.validate()?;
        self.created.push(course.clone());
        Ok(course)
    }
}
