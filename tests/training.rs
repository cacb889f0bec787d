//! Training from the command line: `cadre points` (balance, mapped performance score,
//! entries) and `cadre remind` (overdue and behind-schedule courses).

mod common;

use common::Store;
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
