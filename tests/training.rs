//! Training from the command line: `cadre points` (balance, mapped performance score,
//! entries) and `cadre remind` (overdue and behind-schedule courses).

mod common;

use common::{EmployeeSheet, Store};
use serde_json::Value;

#[test]
fn points_show_the_balance_its_performance_score_and_every_entry() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui"]);
    let redeemed: Vec<Value> = serde_json::from_str(&s.ok(&["export", "points"])).unwrap();
    let someone = redeemed[0]["employee_id"].as_str().unwrap().to_string();
    let json: Value = serde_json::from_str(&s.ok(&["points", &someone, "--json"])).unwrap();
    let sum: i64 = json["events"].as_array().unwrap().iter().map(|e| e["points"].as_i64().unwrap()).sum();
    assert_eq!(json["balance"].as_i64().unwrap(), sum);
    let score = json["performance_score"].as_u64().unwrap();
    let expected = match sum {
        b if b >= 120 => 100,
        b if b >= 100 => 90,
        _ => 80,
    };
    assert_eq!(score, expected);
    let text = s.ok(&["points", &someone]);
    assert!(text.starts_with(&format!("{someone}: {sum} points -> performance score {expected}")), "{text}");
    let err = s.fails(&["points", "NOBODY"]);
    assert!(err.contains("no employee NOBODY"), "{err}");
}

#[test]
fn remind_lists_overdue_and_behind_schedule_courses_of_active_people_against_a_fixed_date() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "300"]);
    let list: Vec<Value> = serde_json::from_str(&s.ok(&["remind", "--json", "--on", "2026-11-20"])).unwrap();
    assert!(!list.is_empty());
    for field in
        ["employee_id", "name", "course", "title", "due", "days_overdue", "at_risk", "hours_left", "manager"]
    {
        assert!(list[0].get(field).is_some(), "documented field {field}");
    }
    let overdue: Vec<i64> = list.iter().map(|r| r["days_overdue"].as_i64().unwrap()).collect();
    assert!(overdue.windows(2).all(|w| w[0] >= w[1]), "most overdue first");
    for r in &list {
        let due = chrono::NaiveDate::parse_from_str(r["due"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        let days = (chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap() - due).num_days();
        if r["at_risk"] == true {
            assert!(days <= 0, "behind schedule only before the due date: {r}");
        } else {
            assert_eq!(r["days_overdue"].as_i64().unwrap(), days, "{r}");
        }
        assert!(r["hours_left"].as_f64().unwrap() > 0.0);
    }
    let left: Vec<Value> = serde_json::from_str(&s.ok(&["export", "employees"])).unwrap();
    let gone: Vec<&str> =
        left.iter().filter(|e| e["status"] == "left").map(|e| e["id"].as_str().unwrap()).collect();
    assert!(
        list.iter().all(|r| !gone.contains(&r["employee_id"].as_str().unwrap())),
        "people who left are not reminded"
    );
    // a year earlier nothing of 2026 is overdue yet
    let early: Vec<Value> = serde_json::from_str(&s.ok(&["remind", "--json", "--on", "2025-06-01"])).unwrap();
    assert!(early.iter().all(|r| r["days_overdue"] == 0 && r["at_risk"] == false) && early.is_empty());
}

/// The rows of one person in a `remind --json` answer.
fn rows_of(list: &[Value], id: &str) -> Vec<Value> {
    list.iter().filter(|r| r["employee_id"] == id).cloned().collect()
}

#[test]
fn reminders_follow_a_person_renamed_moved_or_gone_and_check_stays_clean() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "300"]);
    let remind = ["remind", "--json", "--on", "2026-11-20"];
    let list: Vec<Value> = serde_json::from_str(&s.ok(&remind)).unwrap();
    let id = list[0]["employee_id"].as_str().unwrap().to_string();
    let before = rows_of(&list, &id);
    // the person's row of the employee export, and a department of someone else
    let sheet = EmployeeSheet::export(&s);
    let col = |name: &str| sheet.col(name);
    let mut row = sheet.row_of(&id);
    let (department, section) = sheet.elsewhere(&row);
    // renamed and moved: every row says so, with the new department's manager
    row[col("name")] = "欧阳改名".into();
    row[col("department")] = department.clone();
    row[col("section")] = section.clone();
    sheet.import_row(&s, "moved.csv", &row);
    let list: Vec<Value> = serde_json::from_str(&s.ok(&remind)).unwrap();
    let after = rows_of(&list, &id);
    assert_eq!(after.len(), before.len(), "{after:?}");
    let their_manager =
        list.iter().find(|r| r["department"] == department.as_str() && r["employee_id"] != *id);
    for r in &after {
        assert_eq!(
            (r["name"].as_str(), r["department"].as_str()),
            (Some("欧阳改名"), Some(department.as_str()))
        );
        assert_eq!(r["section"], section.as_str());
        if let Some(m) = their_manager {
            assert_eq!(r["manager"], m["manager"], "{r}");
        }
    }
    assert!(s.ok(&["check"]).contains("no problems found"));
    // gone: no longer reminded
    row[col("status")] = "left".into();
    row[col("left_on")] = "2026-11-01".into();
    sheet.import_row(&s, "left.csv", &row);
    let list: Vec<Value> = serde_json::from_str(&s.ok(&remind)).unwrap();
    assert!(rows_of(&list, &id).is_empty());
    assert!(s.ok(&["check"]).contains("no problems found"));
}

#[test]
fn a_pools_reminders_are_its_current_members_rows_of_the_whole_list() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "300"]);
    let all: Vec<Value> = serde_json::from_str(&s.ok(&["remind", "--json", "--on", "2026-11-20"])).unwrap();
    let pool: Vec<Value> =
        serde_json::from_str(&s.ok(&["remind", "--json", "--on", "2026-11-20", "--pool", "1"])).unwrap();
    assert!(!pool.is_empty() && pool.len() < all.len(), "{} of {}", pool.len(), all.len());
    let ids: std::collections::HashSet<&str> =
        pool.iter().map(|r| r["employee_id"].as_str().unwrap()).collect();
    let expected: Vec<&Value> =
        all.iter().filter(|r| ids.contains(r["employee_id"].as_str().unwrap())).collect();
    assert_eq!(pool.iter().collect::<Vec<_>>(), expected, "the same rows, in the same order");
    // the text lines name the same people
    let text = s.ok(&["remind", "--on", "2026-11-20", "--pool", "1"]);
    assert_eq!(text.lines().count(), pool.len());
    // sending goes to everyone: a pool is a listing only
    let err = s.fails(&["remind", "--send", "--pool", "1"]);
    assert!(err.contains("--pool") || err.contains("--send"), "{err}");
}

#[test]
fn a_schema_7_store_opens_with_its_due_date_index_rebuilt_and_assessment_sums_counted() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "300"]);
    let remind = ["remind", "--json", "--on", "2026-11-20"];
    let before = s.ok(&remind);
    let gaps = ["insight", "gaps", "--json"];
    let gaps_before = s.ok(&gaps);
    {
        // schema 7 kept a copy of the enrollment in each entry; the state digest of the
        // chain head is kept in step, as schema 7 itself would have kept it
        use cadre::store::{chain::ChainHead, keys};
        let db = sled::open(s.db()).unwrap();
        let mut head: ChainHead = postcard::from_bytes(&db.get(keys::CHAIN).unwrap().unwrap()).unwrap();
        let mut rewrite = |key: &[u8], value: Option<Vec<u8>>| {
            let old = match &value {
                Some(v) => db.insert(key, v.clone()),
                None => db.remove(key),
            };
            head.state.sub(key, &old.unwrap().unwrap());
            if let Some(v) = &value {
                head.state.add(key, v);
            }
        };
        let entries: Vec<_> = db.scan_prefix(keys::DUE).map(Result::unwrap).collect();
        assert!(!entries.is_empty());
        for (key, _) in entries {
            let text = std::str::from_utf8(&key).unwrap().to_string();
            let parts: Vec<&str> = text.trim_start_matches(keys::DUE).split('/').collect();
            let enrollment = db.get(keys::enrollment(parts[1], parts[2])).unwrap().unwrap();
            rewrite(&key, Some(enrollment.to_vec()));
        }
        // and no assessment sums
        let sums: Vec<_> = db.scan_prefix(keys::GAP).map(Result::unwrap).collect();
        assert!(!sums.is_empty());
        for (key, _) in sums {
            rewrite(&key, None);
        }
        rewrite(keys::SCHEMA, Some(postcard::to_stdvec(&7u32).unwrap()));
        db.insert(keys::CHAIN, postcard::to_stdvec(&head).unwrap()).unwrap();
        db.flush().unwrap();
    }
    assert_eq!(s.ok(&remind), before);
    assert_eq!(s.ok(&gaps), gaps_before);
    assert!(s.ok(&["check"]).contains("no problems found"));
    assert!(s.ok(&["export", "audit"]).contains("schema 7 → 8"));
    // an entry naming someone else is found by `check`
    {
        use cadre::store::due_index::{DueEntry, DueHead};
        let db = sled::open(s.db()).unwrap();
        let (key, value) = db.scan_prefix(cadre::store::keys::DUE).next().unwrap().unwrap();
        let mut entry: DueEntry = postcard::from_bytes(&value).unwrap();
        let head = entry.person.take().unwrap();
        entry.person = Some(DueHead { name: "冒名".into(), ..head });
        db.insert(key, postcard::to_stdvec(&entry).unwrap()).unwrap();
        db.flush().unwrap();
    }
    let problems = s.run(&["check"]);
    let text =
        String::from_utf8_lossy(&problems.stdout).to_string() + &String::from_utf8_lossy(&problems.stderr);
    assert!(text.contains("due-date index"), "{text}");
}
