//! Two indexes kept by every commit: unfinished enrollments by due date (`due/`, holding
//! the hours and the person's name and department), so reminders read only what can be
//! late, in one ordered scan, without reading a person; and each department's active
//! managers (`mgr/`), so a reminder names the manager without walking every employee.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{codec, keys, StoreResult, Tx};
use crate::domain::org::{Employee, EmploymentStatus, Rank};
use crate::domain::training::{Enrollment, Progress};

/// What the due-date index keeps of one unfinished enrollment (the course, the person and
/// the due date are in its key).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DueEntry {
    pub hours_done: f32,
    pub hours_required: f32,
    /// The person while they are active; none when they left or are not on record.
    pub person: Option<DueHead>,
}

/// The person, as a reminder names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueHead {
    pub name: String,
    pub department: String,
    pub section: String,
}

/// A [`DueEntry`] read in place: the same encoding, the texts borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct DueEntryRef<'a> {
    pub hours_done: f32,
    pub hours_required: f32,
    #[serde(borrow)]
    pub person: Option<DueHeadRef<'a>>,
}

/// A [`DueHead`] read in place.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct DueHeadRef<'a> {
    pub name: &'a str,
    pub department: &'a str,
    pub section: &'a str,
}

impl DueHead {
    fn of(e: &Employee) -> Option<DueHead> {
        (e.status == EmploymentStatus::Active).then(|| DueHead {
            name: e.name.clone(),
            department: e.department.clone(),
            section: e.section.clone(),
        })
    }
}

impl DueEntryRef<'_> {
    pub fn progress(&self, due: crate::domain::Date) -> Progress {
        Progress { due, hours_done: self.hours_done, hours_required: self.hours_required }
    }
}

/// The index key and value of an enrollment, when it is unfinished.
pub fn indexed(e: &Enrollment, person: Option<&Employee>) -> Option<(Vec<u8>, Vec<u8>)> {
    let key = due_key(e)?;
    let entry = DueEntry {
        hours_done: e.hours_done,
        hours_required: e.hours_required,
        person: person.and_then(DueHead::of),
    };
    Some((key, codec::encode(&entry)))
}

fn due_key(e: &Enrollment) -> Option<Vec<u8>> {
    e.completed_on.is_none().then(|| keys::due(e.due, e.employee_id.as_str(), &e.course_code))
}

fn manager_key(e: &Employee) -> Option<(Vec<u8>, String)> {
    (e.rank == Rank::DepartmentManager && e.status == EmploymentStatus::Active)
        .then(|| (keys::manager(&e.department, e.id.as_str()), e.name.clone()))
}

/// Brings both indexes in line with the batch's enrollment and employee writes: an
/// enrollment's entry is written with the person as the batch leaves them, and a change
/// of a person's name, department, section or status rewrites their entries.
pub(super) fn refresh(tx: &mut Tx) -> StoreResult<()> {
    if tx.replaces_all {
        // a restore writes the backup's own indexes
        return Ok(());
    }
    let mut removes: Vec<Vec<u8>> = Vec::new();
    let mut adds: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    let mut people: HashMap<String, Option<Employee>> = HashMap::new();
    let mut renamed: Vec<String> = Vec::new();
    for (key, value) in &tx.writes {
        if key.starts_with(keys::ENROLLMENT.as_bytes()) {
            let old = tx.store.get_raw(key)?.and_then(|v| codec::decode::<Enrollment>(&v).ok());
            let new = value.as_deref().and_then(|v| codec::decode::<Enrollment>(v).ok());
            let (old_key, new_key) = (old.as_ref().and_then(due_key), new.as_ref().and_then(due_key));
            if old_key != new_key {
                removes.extend(old_key);
            }
            if let Some(new) = new.filter(|e| e.completed_on.is_none()) {
                let id = new.employee_id.as_str();
                if !people.contains_key(id) {
                    people.insert(id.to_string(), tx.get::<Employee>(&keys::employee(id))?);
                }
                adds.extend(indexed(&new, people[id].as_ref()));
            }
        } else if key.starts_with(keys::EMPLOYEE.as_bytes()) {
            let old = tx.store.get_raw(key)?.and_then(|v| codec::decode::<Employee>(&v).ok());
            let new = value.as_deref().and_then(|v| codec::decode::<Employee>(v).ok());
            let (old_head, new_head) =
                (old.as_ref().and_then(DueHead::of), new.as_ref().and_then(DueHead::of));
            if old_head != new_head {
                if let Some(e) = new.as_ref().or(old.as_ref()) {
                    renamed.push(e.id.as_str().to_string());
                }
            }
            let (old, new) = (old.as_ref().and_then(manager_key), new.as_ref().and_then(manager_key));
            if old != new {
                removes.extend(old.map(|(k, _)| k));
                adds.extend(new.map(|(k, name)| (k, codec::encode(&name))));
            }
        }
    }
    // the stored unfinished enrollments of a person whose head changed (those this batch
    // writes were indexed above)
    for id in renamed {
        let person = tx.get::<Employee>(&keys::employee(&id))?;
        for item in tx.store.scan_raw(&keys::enrollments_of(&id)) {
            let (k, v) = item?;
            if tx.writes.contains_key(k.as_ref()) {
                continue;
            }
            if let Ok(e) = codec::decode::<Enrollment>(&v) {
                adds.extend(indexed(&e, person.as_ref()));
            }
        }
    }
    for k in removes {
        tx.writes.insert(k, None);
    }
    for (k, v) in adds {
        tx.writes.insert(k, Some(v));
    }
    Ok(())
}

/// Both indexes built from scratch (the schema 6 and 8 migrations): whatever they held is
/// dropped, then every unfinished enrollment and every active department manager indexed.
pub(super) fn build(tx: &mut Tx) -> StoreResult<usize> {
    let store = tx.store;
    for prefix in [keys::DUE, keys::MANAGER] {
        for item in store.scan_raw(prefix.as_bytes()) {
            let (k, _) = item?;
            tx.writes.insert(k.to_vec(), None);
        }
    }
    let mut people: HashMap<String, Employee> = HashMap::new();
    for item in store.scan_raw(keys::EMPLOYEE.as_bytes()) {
        let (_, v) = item?;
        if let Ok(e) = codec::decode::<Employee>(&v) {
            if let Some((k, name)) = manager_key(&e) {
                tx.writes.insert(k, Some(codec::encode(&name)));
            }
            people.insert(e.id.as_str().to_string(), e);
        }
    }
    let mut n = 0;
    for item in store.scan_raw(keys::ENROLLMENT.as_bytes()) {
        let (_, v) = item?;
        let Ok(e) = codec::decode::<Enrollment>(&v) else { continue };
        if let Some((k, entry)) = indexed(&e, people.get(e.employee_id.as_str())) {
            tx.writes.insert(k, Some(entry));
            n += 1;
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_reads_in_place_as_it_was_written() {
        let head = DueHead {
            name: "王五".into(), department: "信息技术部".into(), section: "平台组".into()
        };
        let entry = DueEntry { hours_done: 3.5, hours_required: 12.0, person: Some(head) };
        let bytes = codec::encode(&entry);
        let read: DueEntryRef = codec::decode_borrowed(&bytes).unwrap();
        assert_eq!((read.hours_done, read.hours_required), (3.5, 12.0));
        let person = read.person.unwrap();
        assert_eq!((person.name, person.department, person.section), ("王五", "信息技术部", "平台组"));
        let gone = codec::encode(&DueEntry { person: None, ..entry });
        assert_eq!(codec::decode_borrowed::<DueEntryRef>(&gone).unwrap().person, None);
    }
}
