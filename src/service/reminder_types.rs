//! The reminders' answer (`cadre remind`): each person, manager and course kept once and
//! every overdue or behind-schedule course a small row pointing at them, so that a whole
//! company's list is built, sent and sorted without copying a name per row.

use std::hash::BuildHasher;

use serde::{Deserialize, Serialize};

use crate::domain::org::EmployeeId;
use crate::domain::Date;

/// One overdue or at-risk course of one person, as `cadre remind --json` writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reminder {
    pub employee_id: EmployeeId,
    pub name: String,
    pub department: String,
    pub section: String,
    pub course: String,
    pub title: String,
    pub due: Date,
    /// Days past the due date; 0 when the course is only behind schedule.
    pub days_overdue: i64,
    pub at_risk: bool,
    pub hours_done: f32,
    pub hours_left: f32,
    /// The department manager (部门经理) to copy, by name.
    pub manager: Option<String>,
    /// The manager's 工号 (where the digest goes).
    #[serde(default)]
    pub manager_id: Option<EmployeeId>,
}

/// A reminder borrowed from a [`Reminders`] list: the same fields, in the same order and
/// with the same names in JSON, as [`Reminder`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ReminderRef<'a> {
    pub employee_id: &'a EmployeeId,
    pub name: &'a str,
    pub department: &'a str,
    pub section: &'a str,
    pub course: &'a str,
    pub title: &'a str,
    pub due: Date,
    pub days_overdue: i64,
    pub at_risk: bool,
    pub hours_done: f32,
    pub hours_left: f32,
    pub manager: Option<&'a str>,
    pub manager_id: Option<&'a EmployeeId>,
}

impl ReminderRef<'_> {
    pub fn to_owned(&self) -> Reminder {
        Reminder {
            employee_id: self.employee_id.clone(),
            name: self.name.to_string(),
            department: self.department.to_string(),
            section: self.section.to_string(),
            course: self.course.to_string(),
            title: self.title.to_string(),
            due: self.due,
            days_overdue: self.days_overdue,
            at_risk: self.at_risk,
            hours_done: self.hours_done,
            hours_left: self.hours_left,
            manager: self.manager.map(str::to_string),
            manager_id: self.manager_id.cloned(),
        }
    }
}

/// A person with something late.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LatePerson {
    pub employee_id: EmployeeId,
    pub name: String,
    pub department: String,
    pub section: String,
    /// Index into `managers`: the department's manager.
    pub manager: Option<u32>,
}

/// A department manager to copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LateManager {
    pub name: String,
    pub employee_id: Option<EmployeeId>,
}

/// A course, by code and title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LateCourse {
    pub code: String,
    pub title: String,
}

/// One late course of one person; sent between server and client as a bare tuple, a
/// third of the bytes of named fields over a company's list.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(from = "LateTuple", into = "LateTuple")]
pub struct LateRow {
    pub person: u32,
    pub course: u32,
    pub due: Date,
    pub days_overdue: i64,
    pub at_risk: bool,
    pub hours_done: f32,
    pub hours_left: f32,
}

/// [`LateRow`]'s fields in order.
type LateTuple = (u32, u32, Date, i64, bool, f32, f32);

impl From<LateTuple> for LateRow {
    fn from((person, course, due, days_overdue, at_risk, hours_done, hours_left): LateTuple) -> LateRow {
        LateRow { person, course, due, days_overdue, at_risk, hours_done, hours_left }
    }
}

impl From<LateRow> for LateTuple {
    fn from(r: LateRow) -> LateTuple {
        (r.person, r.course, r.due, r.days_overdue, r.at_risk, r.hours_done, r.hours_left)
    }
}

/// Every overdue or behind-schedule course of a query, by due date: the most overdue
/// first, then those behind schedule that are due soonest; then by person and course.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(try_from = "UncheckedReminders")]
pub struct Reminders {
    pub people: Vec<LatePerson>,
    pub managers: Vec<LateManager>,
    pub courses: Vec<LateCourse>,
    pub rows: Vec<LateRow>,
}

/// A list as it arrives from the other end, before its indices are checked.
#[derive(Deserialize)]
struct UncheckedReminders {
    people: Vec<LatePerson>,
    managers: Vec<LateManager>,
    courses: Vec<LateCourse>,
    rows: Vec<LateRow>,
}

impl TryFrom<UncheckedReminders> for Reminders {
    type Error = String;

    fn try_from(u: UncheckedReminders) -> Result<Reminders, String> {
        let past = u.people.iter().any(|p| p.manager.is_some_and(|m| m as usize >= u.managers.len()))
            || u.rows
                .iter()
                .any(|r| r.person as usize >= u.people.len() || r.course as usize >= u.courses.len());
        if past {
            return Err("a reminder points past the people, managers or courses sent with it".into());
        }
        Ok(Reminders { people: u.people, managers: u.managers, courses: u.courses, rows: u.rows })
    }
}

impl Reminders {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = ReminderRef<'_>> + '_ {
        self.rows.iter().map(|row| self.view(row))
    }

    /// Every row as an owned [`Reminder`].
    pub fn to_vec(&self) -> Vec<Reminder> {
        self.iter().map(|r| r.to_owned()).collect()
    }

    /// The rows as `cadre remind --json` writes them: one object per row.
    pub fn as_json_rows(&self) -> JsonRows<'_> {
        JsonRows(self)
    }

    fn view(&self, row: &LateRow) -> ReminderRef<'_> {
        let person = &self.people[row.person as usize];
        let course = &self.courses[row.course as usize];
        let manager = person.manager.map(|m| &self.managers[m as usize]);
        ReminderRef {
            employee_id: &person.employee_id,
            name: &person.name,
            department: &person.department,
            section: &person.section,
            course: &course.code,
            title: &course.title,
            due: row.due,
            days_overdue: row.days_overdue,
            at_risk: row.at_risk,
            hours_done: row.hours_done,
            hours_left: row.hours_left,
            manager: manager.map(|m| m.name.as_str()),
            manager_id: manager.and_then(|m| m.employee_id.as_ref()),
        }
    }

    /// By due date, then by person and course, as the due-date index's keys sort
    /// (`due/<day>/<employee>/<course>`).
    fn sort(&mut self) {
        let people = &self.people;
        let courses = &self.courses;
        self.rows.sort_by(|a, b| {
            a.due
                .cmp(&b.due)
                .then_with(|| {
                    as_key_segment(&people[a.person as usize].employee_id)
                        .cmp(as_key_segment(&people[b.person as usize].employee_id))
                })
                .then_with(|| courses[a.course as usize].code.cmp(&courses[b.course as usize].code))
        });
    }
}

/// An id's bytes as they sort inside a key, followed by the `/` that ends its segment (ids
/// hold no `/` or `%`, so the segment is the id itself): `E1/` sorts after `E1-2/`.
fn as_key_segment(id: &str) -> impl Iterator<Item = u8> + '_ {
    id.bytes().chain(std::iter::once(b'/'))
}

/// A [`Reminders`] list written as the array of flat objects scripts read.
pub struct JsonRows<'a>(&'a Reminders);

impl Serialize for JsonRows<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter())
    }
}

/// A person's place in the list, found by id: an id of up to 16 bytes (most are) is kept
/// in the table itself, so that finding it reads the table and nothing else.
struct PersonSlot {
    short_id: [u8; 16],
    len: usize,
    at: u32,
}

impl PersonSlot {
    fn new(id: &str, at: u32) -> PersonSlot {
        let mut short_id = [0u8; 16];
        let n = id.len().min(16);
        short_id[..n].copy_from_slice(&id.as_bytes()[..n]);
        PersonSlot { short_id, len: id.len(), at }
    }

    fn holds(&self, id: &str, people: &[LatePerson]) -> bool {
        if self.len != id.len() {
            return false;
        }
        if id.len() <= 16 {
            return self.short_id[..id.len()] == *id.as_bytes();
        }
        people[self.at as usize].employee_id.as_str() == id
    }
}

/// Builds a [`Reminders`] list: each person, manager and course is added once, by key.
#[derive(Default)]
pub struct RemindersBuilder {
    list: Reminders,
    person_at: hashbrown::HashTable<PersonSlot>,
    hasher: hashbrown::DefaultHashBuilder,
    manager_at: hashbrown::HashMap<String, Option<u32>>,
    course_at: hashbrown::HashMap<String, u32>,
}

impl RemindersBuilder {
    /// The catalogue's courses, so that rows name them by title.
    pub fn with_courses(courses: impl IntoIterator<Item = LateCourse>) -> RemindersBuilder {
        let mut b = RemindersBuilder::default();
        for c in courses {
            b.course_at.insert(c.code.clone(), b.list.courses.len() as u32);
            b.list.courses.push(c);
        }
        b
    }

    /// The person's index, when they were added before.
    pub fn person(&self, employee_id: &str) -> Option<u32> {
        let people = &self.list.people;
        self.person_at
            .find(self.hasher.hash_one(employee_id), |slot| slot.holds(employee_id, people))
            .map(|s| s.at)
    }

    /// Whether the department's manager was looked up before.
    pub fn knows_manager_of(&self, department: &str) -> bool {
        self.manager_at.contains_key(department)
    }

    /// Records the department's manager (or that it has none).
    pub fn set_manager_of(&mut self, department: &str, manager: Option<LateManager>) {
        let at = manager.map(|m| {
            self.list.managers.push(m);
            self.list.managers.len() as u32 - 1
        });
        self.manager_at.insert(department.to_string(), at);
    }

    /// Adds a person; their department's manager must be recorded first.
    pub fn add_person(
        &mut self,
        employee_id: EmployeeId,
        name: &str,
        department: &str,
        section: &str,
    ) -> u32 {
        let at = self.list.people.len() as u32;
        let (people, hasher) = (&self.list.people, &self.hasher);
        let slot = PersonSlot::new(employee_id.as_str(), at);
        self.person_at.insert_unique(hasher.hash_one(employee_id.as_str()), slot, |slot| {
            hasher.hash_one(people[slot.at as usize].employee_id.as_str())
        });
        self.list.people.push(LatePerson {
            manager: self.manager_at.get(department).copied().flatten(),
            employee_id,
            name: name.to_string(),
            department: department.to_string(),
            section: section.to_string(),
        });
        at
    }

    /// A course's index; a code not in the catalogue is added without a title.
    pub fn course(&mut self, code: &str) -> u32 {
        if let Some(&at) = self.course_at.get(code) {
            return at;
        }
        let at = self.list.courses.len() as u32;
        self.course_at.insert(code.to_string(), at);
        self.list.courses.push(LateCourse { code: code.to_string(), title: String::new() });
        at
    }

    pub fn push(&mut self, row: LateRow) {
        self.list.rows.push(row);
    }

    /// The list, by due date, person and course.
    pub fn finish(mut self) -> Reminders {
        self.list.sort();
        self.list
    }

    /// The list as pushed, for rows pushed by due date, person and course already (the
    /// due-date index's own order).
    pub fn finish_in_order(self) -> Reminders {
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> EmployeeId {
        EmployeeId::parse(s).unwrap()
    }

    #[test]
    fn rows_read_as_the_flat_reminders_scripts_know() {
        let mut b = RemindersBuilder::with_courses([LateCourse {
            code: "M301".into(),
            title: "团队管理".into(),
        }]);
        b.set_manager_of(
            "市场营销部",
            Some(LateManager { name: "周\"经理\"".into(), employee_id: Some(id("E9")) }),
        );
        b.set_manager_of("信息技术部", None);
        let p = b.add_person(id("E2"), "李四", "市场营销部", "华东");
        let q = b.add_person(id("E1"), "张三", "信息技术部", "平台");
        let due = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        let m301 = b.course("M301");
        let x = b.course("X1");
        let row = |person, course, days_overdue, at_risk| LateRow {
            person,
            course,
            due,
            days_overdue,
            at_risk,
            hours_done: 2.5,
            hours_left: 5.5,
        };
        // `E1` after `E1-2`, as the index keys `due/<day>/E1-2/…` and `due/<day>/E1/…` sort
        b.set_manager_of("审计监察部", None);
        let dash = b.add_person(id("E1-2"), "赵六", "审计监察部", "一室");
        b.push(row(dash, m301, 3, false));
        let later = LateRow { due: due + chrono::Days::new(20), ..row(q, x, 0, true) };
        b.push(later);
        b.push(row(p, m301, 3, false));
        b.push(row(q, m301, 3, false));
        let list = b.finish();
        let owned = list.to_vec();
        // by due date (the most overdue first), then by person and course
        let order: Vec<(&str, &str)> =
            owned.iter().map(|r| (r.employee_id.as_str(), r.course.as_str())).collect();
        assert_eq!(order, [("E1-2", "M301"), ("E1", "M301"), ("E2", "M301"), ("E1", "X1")]);
        let key = |id| crate::store::keys::due(due, id, "M301");
        assert!(key("E1-2") < key("E1") && key("E1") < key("E2"), "the index's own order");
        assert_eq!(owned[2].manager.as_deref(), Some("周\"经理\""));
        assert_eq!(owned[2].manager_id, Some(id("E9")));
        assert_eq!(owned[1].manager, None);
        assert_eq!(owned[3].title, "");
        // the JSON is byte for byte that of the owned reminders
        assert_eq!(
            serde_json::to_string(&list.as_json_rows()).unwrap(),
            serde_json::to_string(&owned).unwrap()
        );
        // and the list crosses the wire whole; a row pointing past the people sent is refused
        let wire = serde_json::to_string(&list).unwrap();
        assert_eq!(serde_json::from_str::<Reminders>(&wire).unwrap(), list);
        let mut broken = list.clone();
        broken.rows[0].person = 9;
        let err = serde_json::from_str::<Reminders>(&serde_json::to_string(&broken).unwrap()).unwrap_err();
        assert!(err.to_string().contains("points past"), "{err}");
    }
}
