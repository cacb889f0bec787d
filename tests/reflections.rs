//! Reflections end to end from the command line: submit, review rules, rewrite, reply, the
//! queue order, and the JSON fields scripts rely on.

mod common;

use common::{Store, EMPLOYEES_CSV};
use serde_json::Value;

fn lines(s: &Store, args: &[&str]) -> Vec<Value> {
    s.ok(args).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn apply(s: &Store, command: Value) -> Value {
    let input = s.file("cmd.jsonl", &format!("{command}\n"));
    let out = s.run(&["apply", input.to_str().unwrap()]);
    serde_json::from_str(String::from_utf8_lossy(&out.stdout).trim()).unwrap()
}

#[test]
fn submit_review_rewrite_and_reply_keep_every_version() {
    let s = Store::new();
    s.ok(&["import", "employees", s.file("e.csv", EMPLOYEES_CSV).to_str().unwrap()]);
    let text = s.file("r1.md", "# 第一阶段心得\n\n带领小组完成了专线扩容，提前 5 天交付。\n");
    let out = s.ok(&["reflection", "submit", "--employee", "E1", "--stage", "1", text.to_str().unwrap()]);
    assert!(out.contains("submitted"), "{out}");
    let queue = lines(&s, &["reflections", "--pending", "--json"]);
    assert_eq!(queue.len(), 1);
    let id = queue[0]["id"].as_u64().unwrap();
    for field in [
        "id",
        "employee_id",
        "stage",
        "version",
        "state",
        "score",
        "comment",
        "reviewer",
        "submitted_at",
        "reviewed_at",
    ] {
        assert!(queue[0].get(field).is_some(), "documented field {field}");
    }
    assert_eq!(queue[0]["state"], "pending");

    // 79 cannot be accepted; returning needs a comment; 101 is out of range
    let accept79 = apply(
        &s,
        serde_json::json!({"command": "review_reflection", "id": id, "score": 79, "comment": "", "decision": "accept"}),
    );
    assert!(accept79["error"].as_str().unwrap().contains("below 80"), "{accept79}");
    let bare = apply(
        &s,
        serde_json::json!({"command": "review_reflection", "id": id, "score": 75, "comment": " ", "decision": "return"}),
    );
    assert!(bare["error"].as_str().unwrap().contains("needs a comment"), "{bare}");
    let high = apply(
        &s,
        serde_json::json!({"command": "review_reflection", "id": id, "score": 101, "comment": "x", "decision": "return"}),
    );
    assert!(high["error"].as_str().unwrap().contains("outside 0–100"), "{high}");
    let ret = apply(
        &s,
        serde_json::json!({"command": "review_reflection", "id": id, "score": 75, "comment": "缺乏团队管理的实际案例", "decision": "return"}),
    );
    assert!(ret.get("ok").is_some(), "{ret}");
    assert!(lines(&s, &["reflections", "--pending", "--json"]).is_empty());

    s.ok(&["reflection", "reply", &id.to_string(), "案例在第二段，请再看一下"]);
    let rewrite = s.file("r2.md", "# 第一阶段心得（重写）\n\n补充：我牵头 6 人小组的具体做法……\n");
    let out = s.ok(&["reflection", "submit", "--employee", "E1", "--stage", "1", rewrite.to_str().unwrap()]);
    assert!(out.contains("version 2"), "a rewrite of a returned reflection is its next version: {out}");
    let accept = apply(
        &s,
        serde_json::json!({"command": "review_reflection", "id": id, "score": 85, "comment": "", "decision": "accept"}),
    );
    assert!(accept.get("ok").is_some(), "{accept}");

    let all: Vec<Value> = serde_json::from_str(&s.ok(&["export", "reflections"])).unwrap();
    let r = &all[0];
    assert_eq!(r["state"], "accepted");
    assert_eq!(r["versions"].as_array().unwrap().len(), 2);
    assert_eq!(r["versions"][0]["review"]["score"], 75);
    assert_eq!(r["versions"][1]["review"]["score"], 85);
    assert_eq!(r["replies"][0]["text"], "案例在第二段，请再看一下");
    let points = s.ok(&["export", "points", "--format", "csv"]);
    assert!(points.contains(",E1,3,reflection_shared,"), "accepting shares the reflection: {points}");
    assert!(s.ok(&["check"]).contains("no problems found"));
}

#[test]
fn the_queue_is_oldest_first_and_a_second_submission_for_a_stage_is_refused() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "300"]);
    let queue = lines(&s, &["reflections", "--pending", "--json"]);
    assert!(queue.len() > 3);
    let times: Vec<&str> = queue.iter().map(|r| r["submitted_at"].as_str().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "oldest first: {times:?}");
    let first = &queue[0];
    let f = s.file("again.txt", "又一篇");
    let err = s.fails(&[
        "reflection",
        "submit",
        "--employee",
        first["employee_id"].as_str().unwrap(),
        "--stage",
        &first["stage"].to_string(),
        f.to_str().unwrap(),
    ]);
    assert!(err.contains("already has a stage"), "{err}");
}
