//! What a reminder says: one digest per person (their own overdue and at-risk courses) and
//! one per department manager (their people's), worded in zh or en from templates the
//! notify file may replace.

use std::collections::BTreeMap;

use super::config::Templates;
use crate::domain::org::EmployeeId;
use crate::domain::Date;
use crate::locale::Lang;
use crate::service::query::{Reminder, Reminders};

/// Whom a digest is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Person,
    Manager,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Person => "person",
            Role::Manager => "manager",
        }
    }
}

/// One message to one person.
#[derive(Debug, Clone)]
pub struct Digest {
    pub role: Role,
    pub to: EmployeeId,
    pub name: String,
    pub items: Vec<Reminder>,
}

impl Digest {
    /// `person:E000123`: how the audit and the sent-record name it.
    pub fn recipient(&self) -> String {
        format!("{}:{}", self.role.code(), self.to)
    }

    /// People the digest is about.
    pub fn people(&self) -> usize {
        let mut ids: Vec<&EmployeeId> = self.items.iter().map(|r| &r.employee_id).collect();
        ids.sort();
        ids.dedup();
        ids.len()
    }
}

/// Each person's own digest, then each manager's digest of their department's people.
pub fn digests(reminders: &Reminders) -> Vec<Digest> {
    let mut people: BTreeMap<EmployeeId, Digest> = BTreeMap::new();
    let mut managers: BTreeMap<EmployeeId, Digest> = BTreeMap::new();
    for r in reminders.iter().map(|r| r.to_owned()) {
        people
            .entry(r.employee_id.clone())
            .or_insert_with(|| Digest {
                role: Role::Person,
                to: r.employee_id.clone(),
                name: r.name.clone(),
                items: Vec::new(),
            })
            .items
            .push(r.clone());
        // the whole department, the manager's own courses included: a manager no channel
        // reaches as a person still reads them in the digest the group robot carries
        if let (Some(id), Some(name)) = (&r.manager_id, &r.manager) {
            managers
                .entry(id.clone())
                .or_insert_with(|| Digest {
                    role: Role::Manager,
                    to: id.clone(),
                    name: name.clone(),
                    items: Vec::new(),
                })
                .items
                .push(r.clone());
        }
    }
    people.into_values().chain(managers.into_values()).collect()
}

/// One line of a digest, as Markdown.
fn line(lang: Lang, r: &Reminder, with_name: bool) -> String {
    let who = if with_name { format!("{}（{}） ", r.name, r.employee_id) } else { String::new() };
    let state = if r.days_overdue > 0 {
        lang.pick(format!("已逾期 {} 天", r.days_overdue), format!("{} days overdue", r.days_overdue))
    } else {
        lang.pick("进度落后".to_string(), "behind schedule".to_string())
    };
    lang.pick(
        format!("- {who}{} {}：{state}，截止 {}，还差 {:.1} 学时", r.course, r.title, r.due, r.hours_left),
        format!("- {who}{} {}: {state}, due {}, {:.1} hours left", r.course, r.title, r.due, r.hours_left),
    )
}

/// The digest's title and Markdown body.
pub fn render(d: &Digest, lang: Lang, templates: &Templates, on: Date) -> (String, String) {
    let lines: Vec<String> = d.items.iter().map(|r| line(lang, r, d.role == Role::Manager)).collect();
    let (title, default) = match (d.role, lang) {
        (Role::Person, Lang::Zh) => (
            format!("培训提醒（{on}）"),
            "### 培训提醒（{date}）\n{name}，您好：以下 {count} 门课程需要尽快完成：\n\n{lines}\n\n请登录学习平台补齐学时。".to_string(),
        ),
        (Role::Person, Lang::En) => (
            format!("Training reminder ({on})"),
            "### Training reminder ({date})\nDear {name}, these {count} courses need finishing soon:\n\n{lines}\n\nPlease catch up on the learning platform.".to_string(),
        ),
        (Role::Manager, Lang::Zh) => (
            format!("部门培训进度提醒（{on}）"),
            "### 部门培训进度提醒（{date}）\n{name}，您好：部门中以下 {count} 项学习已逾期或进度落后：\n\n{lines}\n\n请督促相关同事按期完成。".to_string(),
        ),
        (Role::Manager, Lang::En) => (
            format!("Your team's training ({on})"),
            "### Your team's training ({date})\nDear {name}, {count} courses in your department are overdue or behind:\n\n{lines}\n\nPlease help them finish on time.".to_string(),
        ),
    };
    let own = match (d.role, lang) {
        (Role::Person, Lang::Zh) => &templates.person_zh,
        (Role::Person, Lang::En) => &templates.person_en,
        (Role::Manager, Lang::Zh) => &templates.manager_zh,
        (Role::Manager, Lang::En) => &templates.manager_en,
    };
    let body = own
        .as_deref()
        .unwrap_or(&default)
        .replace("{name}", &d.name)
        .replace("{date}", &on.to_string())
        .replace("{count}", &d.items.len().to_string())
        .replace("{lines}", &lines.join("\n"));
    (title, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::reminder_types::{LateCourse, LateManager, LateRow, RemindersBuilder};

    #[test]
    fn a_managers_digest_holds_the_whole_department_their_own_courses_too() {
        let id = |s: &str| EmployeeId::parse(s).unwrap();
        let mut b =
            RemindersBuilder::with_courses([LateCourse { code: "L101".into(), title: "领导力".into() }]);
        b.set_manager_of(
            "综合办公室",
            Some(LateManager { name: "丁平".into(), employee_id: Some(id("E59")) }),
        );
        let manager = b.add_person(id("E59"), "丁平", "综合办公室", "秘书科");
        let staff = b.add_person(id("E60"), "廖帆", "综合办公室", "秘书科");
        let course = b.course("L101");
        let due = chrono::NaiveDate::from_ymd_opt(2026, 3, 28).unwrap();
        for person in [manager, staff] {
            b.push(LateRow {
                person,
                course,
                due,
                days_overdue: 9,
                at_risk: false,
                hours_done: 0.0,
                hours_left: 4.0,
            });
        }
        let all = digests(&b.finish());
        let to_manager = all.iter().find(|d| d.role == Role::Manager).unwrap();
        assert_eq!(to_manager.to, id("E59"));
        assert_eq!(to_manager.items.len(), 2, "{to_manager:?}");
        assert_eq!(to_manager.people(), 2);
        assert_eq!(all.iter().filter(|d| d.role == Role::Person).count(), 2);
    }
}
