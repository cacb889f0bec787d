//! The bundled demo organisation has a case for every rule of the domain.

mod common;

use std::collections::BTreeMap;

use common::Store;
use serde_json::Value;

fn json(s: &Store, kind: &str) -> Vec<Value> {
    serde_json::from_str(&s.ok(&["export", kind])).unwrap()
}

#[test]
fn the_demo_shows_every_rule_with_an_edge_case() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui"]);
    let employees = json(&s, "employees");
    assert_eq!(employees.len(), 600);
    let ranks: BTreeMap<String, usize> = employees.iter().fold(BTreeMap::new(), |mut m, e| {
        *m.entry(e["rank"].as_str().unwrap().to_string()).or_default() += 1;
        m
    });
    assert_eq!(ranks.len(), 3, "{ranks:?}");
    assert!(employees.iter().all(|e| e["performance"].as_array().unwrap().len() == 3));
    assert!(employees.iter().any(|e| e["name"].as_str().unwrap().chars().count() >= 8), "a long name");

    let pool = s.ok(&["export", "pool", "--format", "csv"]);
    let members = pool.lines().count() - 1;
    assert!((35..=45).contains(&members), "about 40 members, got {members}");
    for state in ["nominated", "admitted", "disqualified", "withdrawn", "left", "appointed"] {
        assert!(pool.contains(&format!(",{state},")), "a member {state}");
    }
    assert!(pool.contains("360测评 68 分"), "disqualified by a 360 of 68");
    let managers = s.ok(&["export", "pool", "--pool", "2", "--format", "csv"]);
    assert!(managers.lines().count() > 3, "a department-manager pool with members:\n{managers}");

    let reflections = json(&s, "reflections");
    assert!((50..=80).contains(&reflections.len()), "about 70 reflections, got {}", reflections.len());
    let states: Vec<&str> = reflections.iter().map(|r| r["state"].as_str().unwrap()).collect();
    for state in ["pending", "returned", "accepted"] {
        assert!(states.contains(&state), "a reflection {state}");
    }
    let scores: Vec<u64> = reflections
        .iter()
        .flat_map(|r| r["versions"].as_array().unwrap().iter())
        .filter_map(|v| v["review"]["score"].as_u64())
        .collect();
    assert!(scores.contains(&79), "a reflection scored 79");
    assert!(reflections.iter().any(|r| r["versions"].as_array().unwrap().len() == 2), "a rewrite");

    let courses = s.ok(&["export", "courses", "--format", "csv"]);
    assert_eq!(courses.lines().count() - 1, 20);
    assert!(
        courses.lines().any(|l| l.contains(",strategy,") && l.contains(",yes,yes,yes,")),
        "a core strategic course"
    );

    let enrollments = json(&s, "enrollments");
    let overdue = enrollments
        .iter()
        .filter(|e| e["completed_on"].is_null() && e["due"].as_str().unwrap() < "2026-11-20")
        .count();
    assert!(overdue > 0, "an overdue course");

    let evaluations = json(&s, "evaluations");
    let mean = |dept: Option<&str>, dim: &str| {
        let ids: Vec<&str> = employees
            .iter()
            .filter(|e| dept.is_none_or(|d| e["department"] == d))
            .map(|e| e["id"].as_str().unwrap())
            .collect();
        let xs: Vec<f64> = evaluations
            .iter()
            .filter(|e| {
                ids.contains(&e["employee_id"].as_str().unwrap())
                    && e["kind"]["three_sixty"]["dimension"] == dim
            })
            .map(|e| e["score"].as_f64().unwrap())
            .collect();
        xs.iter().sum::<f64>() / xs.len() as f64
    };
    assert!(
        mean(Some("市场营销部"), "团队管理") + 5.0 < mean(None, "团队管理"),
        "sales lags the company on team management"
    );
    assert!(
        evaluations.iter().any(|e| e["kind"] == "theory" && e["score"].as_f64().unwrap() < 60.0),
        "a failed theory test"
    );

    let points = json(&s, "points");
    assert!(
        points.iter().any(|p| p["points"] == 20 && p["cause"]["course_completed"].is_object()),
        "a strategic course counting double"
    );
    assert!(s.ok(&["check"]).contains("no problems found"));
}

#[test]
fn the_same_seed_gives_the_same_organisation() {
    let a = Store::new();
    let b = Store::new();
    a.ok(&["demo", "--no-tui", "--employees", "300", "--seed", "5"]);
    b.ok(&["demo", "--no-tui", "--employees", "300", "--seed", "5"]);
    for kind in ["employees", "enrollments", "reflections"] {
        assert_eq!(
            a.ok(&["export", kind, "--format", "csv"]),
            b.ok(&["export", kind, "--format", "csv"]),
            "{kind}"
        );
    }
}
