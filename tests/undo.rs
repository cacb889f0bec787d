//! Taking things back: a review reopened with its reason and points reversed, one's own
//! steps undone where the domain allows it, final states refused with why.

mod common;

use common::Store;

fn audit(s: &Store) -> Vec<serde_json::Value> {
    serde_json::from_str(&s.ok(&["export", "audit"])).unwrap()
}

fn last_seq(s: &Store) -> String {
    audit(s).last().unwrap()["seq"].to_string()
}

fn balance(s: &Store, id: &str) -> i64 {
    let p: serde_json::Value = serde_json::from_str(&s.ok(&["points", id, "--json"])).unwrap();
    p["balance"].as_i64().unwrap()
}

fn apply(s: &Store, line: &str) -> serde_json::Value {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cadre"))
        .args(["--db", s.db().to_str().unwrap(), "apply", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), format!("{line}\n").as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    serde_json::from_str(String::from_utf8_lossy(&out.stdout).trim()).unwrap()
}

#[test]
fn an_accepted_review_is_reopened_with_its_reason_and_its_points_reversed() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "120"]);
    let first: serde_json::Value =
        serde_json::from_str(s.ok(&["reflections", "--pending", "--json"]).lines().next().unwrap()).unwrap();
    let (id, who) = (first["id"].as_u64().unwrap(), first["employee_id"].as_str().unwrap().to_string());
    let before = balance(&s, &who);
    let r = apply(
        &s,
        &format!(
            r#"{{"command":"review_reflection","id":{id},"score":90,"comment":"","decision":"accept"}}"#
        ),
    );
    assert!(r["ok"].is_object(), "{r}");
    assert_eq!(balance(&s, &who), before + 3);
    let err = s.fails(&["reflection", "reopen", &id.to_string(), "--reason", " "]);
    assert!(err.contains("reason is empty"), "{err}");
    let out = s.ok(&["reflection", "reopen", &id.to_string(), "--reason", "评分时看错了人"]);
    assert!(out.contains("taken back; pending again, -3 points"), "{out}");
    assert_eq!(balance(&s, &who), before);
    let json: Vec<serde_json::Value> = serde_json::from_str(&s.ok(&["export", "reflections"])).unwrap();
    let r = json.iter().find(|r| r["id"] == id).unwrap();
    assert_eq!(r["state"], "pending");
    assert_eq!(r["reopened"][0]["reason"], "评分时看错了人");
    assert_eq!(r["reopened"][0]["review"]["score"], 90);
    assert!(s.ok(&["reflections", "--pending", "--json"]).contains(&format!("\"id\":{id},")));
    assert!(s.ok(&["check"]).contains("no problems found"));
}

#[test]
fn ones_own_steps_are_undone_where_allowed_and_final_states_say_why() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "200"]);
    let members: Vec<serde_json::Value> =
        serde_json::from_str(&s.ok(&["export", "pool", "--pool", "1"])).unwrap();
    let with = |state: &str| -> Vec<String> {
        members
            .iter()
            .filter(|m| m["state"] == state)
            .map(|m| m["employee_id"].as_str().unwrap().to_string())
            .collect()
    };
    let (nominated, admitted) = (with("nominated"), with("admitted"));
    assert!(!nominated.is_empty() && !admitted.is_empty(), "the demo has nominated and admitted members");
    // an admission, undone: nominated again, and the history says so
    let r = apply(
        &s,
        &format!(
            r#"{{"command":"transition_member","pool_id":1,"employee_id":"{}","to":"admitted","reason":""}}"#,
            nominated[0]
        ),
    );
    assert!(r["ok"].is_object(), "{r}");
    let seq = last_seq(&s);
    let out = s.ok(&["undo", &seq]);
    assert!(out.contains(&format!("undone: event {seq}")), "{out}");
    assert!(out.contains(&format!("({})", nominated[0])), "the person is named: {out}");
    let members: Vec<serde_json::Value> =
        serde_json::from_str(&s.ok(&["export", "pool", "--pool", "1"])).unwrap();
    let m = members.iter().find(|m| m["employee_id"] == nominated[0]).unwrap();
    assert_eq!(m["state"], "nominated");
    assert_eq!(m["history"].as_array().unwrap().last().unwrap()["reason"], format!("undo #{seq}"));
    // the same event twice: what it changed has changed since
    assert!(s.fails(&["undo", &seq]).contains("has changed again since"));
    // a points grant, undone by a reversal
    let before = balance(&s, &admitted[0]);
    let r = apply(
        &s,
        &format!(
            r#"{{"command":"grant_points","employee_id":"{}","kind":{{"manual":{{"points":7}}}},"reason":"活动"}}"#,
            admitted[0]
        ),
    );
    assert!(r["ok"].is_object(), "{r}");
    s.ok(&["undo", &last_seq(&s)]);
    assert_eq!(balance(&s, &admitted[0]), before);
    // a disqualification is final
    let r = apply(
        &s,
        &format!(
            r#"{{"command":"transition_member","pool_id":1,"employee_id":"{}","to":"disqualified","reason":"不符合"}}"#,
            admitted[0]
        ),
    );
    assert!(r["ok"].is_object(), "{r}");
    let err = s.fails(&["undo", &last_seq(&s)]);
    assert!(err.contains("a final state: it cannot be undone"), "{err}");
    // a command that has no undo
    let err = s.fails(&["undo", "1"]);
    assert!(err.contains("cannot be undone"), "{err}");
    assert!(s.ok(&["check"]).contains("no problems found"));
}
