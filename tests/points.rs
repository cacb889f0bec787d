//! `cadre points`: the ledger balance, the performance score it maps to, every entry.

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
