//! 人事大数据 from the command line: the demo's pinned gaps come out as its departments'
//! largest, each with the courses the policy maps to the dimension.

mod common;

use common::{EmployeeSheet, Store};

#[test]
fn the_demos_department_gaps_are_found_with_courses_that_close_them() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui"]);
    let gaps: serde_json::Value = serde_json::from_str(&s.ok(&["insight", "gaps", "--json"])).unwrap();
    let rows = gaps.as_array().unwrap();
    for field in
        ["department", "dimension", "department_avg", "company_avg", "gap", "n", "recommended_courses"]
    {
        assert!(rows[0].get(field).is_some(), "{field} missing");
    }
    let worst_of = |department: &str| rows.iter().find(|r| r["department"] == department).unwrap().clone();
    let sales = worst_of("市场营销部");
    assert_eq!(sales["dimension"], "团队管理", "{sales}");
    assert!(sales["gap"].as_f64().unwrap() < -5.0, "{sales}");
    let it = worst_of("信息技术部");
    assert_eq!(it["dimension"], "沟通协调", "{it}");
    // the courses are of the categories the policy names for team management
    let courses: serde_json::Value = serde_json::from_str(&s.ok(&["export", "courses"])).unwrap();
    for code in sales["recommended_courses"].as_array().unwrap() {
        let course = courses.as_array().unwrap().iter().find(|c| c["code"] == *code).unwrap();
        assert!(["leadership", "management"].contains(&course["category"].as_str().unwrap()), "{course}");
    }
    let text = s.ok(&["--lang", "zh", "insight", "gaps"]);
    assert!(text.lines().next().unwrap().starts_with("市场营销部  团队管理："), "{text}");
    // a policy naming a dimension it does not assess is refused
    let policy = s
        .ok(&["policy", "show"])
        .replace("[insight.recommend]", "[insight.recommend]\n\"魅力\" = [\"general\"]");
    let err = s.fails(&["policy", "set", s.file("p.toml", &policy).to_str().unwrap()]);
    assert!(err.contains("insight.recommend"), "{err}");
}

#[test]
fn headline_rates_come_month_by_month_against_their_targets() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "300"]);
    let r: serde_json::Value = serde_json::from_str(&s.ok(&[
        "insight",
        "rates",
        "--json",
        "--from",
        "2026-09-01",
        "--to",
        "2026-11-20",
    ]))
    .unwrap();
    let months = r["months"].as_array().unwrap();
    let names: Vec<&str> = months.iter().map(|m| m["month"].as_str().unwrap()).collect();
    assert_eq!(names, ["2026-09", "2026-10", "2026-11"]);
    for m in months {
        for field in ["training_coverage", "reflection_submission", "engagement", "appointment_rate"] {
            let v = m[field].as_f64().unwrap_or_else(|| panic!("{field} in {m}"));
            assert!((0.0..=100.0).contains(&v), "{field} {v}");
        }
        assert!(m["live"].as_u64().unwrap() > 0);
    }
    // the demo's appointments (October) show in October and after, not before
    assert_eq!(months[0]["appointment_rate"].as_f64(), Some(0.0));
    assert!(months[2]["appointment_rate"].as_f64().unwrap() > 0.0, "{r}");
    assert_eq!(r["appointment_rate_target"], 60);
    let text = s.ok(&["--lang", "zh", "insight", "rates", "--from", "2026-01-01", "--to", "2026-11-20"]);
    assert!(text.contains("培训覆盖率") && text.contains("目标 100%") && text.contains("2026-11"), "{text}");
    assert!(text.contains('█'), "a sparkline per rate: {text}");
    let err = s.fails(&["--lang", "en", "insight", "rates", "--from", "2026-11-01", "--to", "2026-01-01"]);
    assert!(err.contains("--to"), "{err}");
}

#[test]
fn each_course_shows_its_completers_ranking_before_and_after_with_a_caution_when_few() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "300"]);
    // the demo's courses were completed in 2026, rated at the year's end: nothing yet
    let rows: serde_json::Value = serde_json::from_str(&s.ok(&["insight", "courses", "--json"])).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 0);
    assert!(s.ok(&["--lang", "zh", "insight", "courses"]).contains("还没有可比较的数据"));
    // the 2026 ratings arrive: every member ranked 10 points nearer the top than in 2025
    let perf: serde_json::Value = serde_json::from_str(&s.ok(&["export", "performance"])).unwrap();
    let mut csv = String::from("employee_id,year,grade,rank_pct\n");
    for p in perf.as_array().unwrap().iter().filter(|p| p["year"] == 2025) {
        let pct = (p["rank_pct"].as_f64().unwrap() - 10.0).max(0.0);
        csv.push_str(&format!(
            "{},2026,{},{pct:.1}\n",
            p["employee_id"].as_str().unwrap(),
            p["grade"].as_str().unwrap()
        ));
    }
    s.ok(&["import", "performance", s.file("p2026.csv", &csv).to_str().unwrap()]);
    let rows: serde_json::Value = serde_json::from_str(&s.ok(&["insight", "courses", "--json"])).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(!rows.is_empty(), "completers now have rankings in both years");
    assert!(rows.iter().all(|r| r["change"].as_f64().unwrap() <= 0.0), "everyone moved up: {rows:?}");
    for r in rows {
        let (b, a, c) = (
            r["before_pct"].as_f64().unwrap(),
            r["after_pct"].as_f64().unwrap(),
            r["change"].as_f64().unwrap(),
        );
        assert!((0.0..=100.0).contains(&b) && (0.0..=100.0).contains(&a), "{r}");
        assert!((a - b - c).abs() < 0.11, "change is after minus before: {r}");
        assert_eq!(r["small_sample"].as_bool(), Some(r["n"].as_u64().unwrap() < 10), "{r}");
    }
    let text = s.ok(&["--lang", "zh", "insight", "courses"]);
    assert!(text.contains("完成前一年") && text.contains("人）"), "{text}");
    if rows.iter().any(|r| r["small_sample"] == true) {
        assert!(text.contains("样本少"), "{text}");
    }
}

#[test]
fn the_seeds_reports_rank_points_courses_and_redemptions() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "300"]);
    let r: serde_json::Value = serde_json::from_str(&s.ok(&["insight", "reports", "--json"])).unwrap();
    let points: Vec<i64> =
        r["points"].as_array().unwrap().iter().map(|p| p["points"].as_i64().unwrap()).collect();
    assert!(!points.is_empty() && points.len() <= 20);
    assert!(points.windows(2).all(|w| w[0] >= w[1]), "highest first: {points:?}");
    let courses = r["courses"].as_array().unwrap();
    assert!(courses.windows(2).all(|w| w[0]["enrolled"].as_u64() >= w[1]["enrolled"].as_u64()));
    assert!(courses.iter().all(|c| c["completed"].as_u64() <= c["enrolled"].as_u64()));
    assert!(r["redeemed"].as_u64() <= r["eligible"].as_u64(), "{r}");
    let text = s.ok(&["--lang", "zh", "insight", "reports"]);
    assert!(text.contains("积分排行") && text.contains("课程热度") && text.contains("积分兑换率"), "{text}");
}

/// (department, dimension) → (sum, n) of the latest year, recounted from the exports.
fn recount(s: &Store) -> std::collections::BTreeMap<(String, String), (f64, u64)> {
    let people: Vec<serde_json::Value> = serde_json::from_str(&s.ok(&["export", "employees"])).unwrap();
    let department: std::collections::HashMap<&str, &str> =
        people.iter().map(|p| (p["id"].as_str().unwrap(), p["department"].as_str().unwrap())).collect();
    let evaluations: Vec<serde_json::Value> =
        serde_json::from_str(&s.ok(&["export", "evaluations"])).unwrap();
    let latest = evaluations.iter().map(|e| e["year"].as_u64().unwrap()).max().unwrap();
    let mut out = std::collections::BTreeMap::new();
    for e in evaluations.iter().filter(|e| e["year"].as_u64() == Some(latest)) {
        let dimension = match &e["kind"] {
            serde_json::Value::String(kind) => kind.clone(),
            kind => kind["three_sixty"]["dimension"].as_str().unwrap().to_string(),
        };
        let Some(d) = department.get(e["employee_id"].as_str().unwrap()) else { continue };
        let slot: &mut (f64, u64) = out.entry((d.to_string(), dimension)).or_default();
        slot.0 += e["score"].as_f64().unwrap();
        slot.1 += 1;
    }
    out
}

/// Every heatmap cell agrees with a recount: its n, and its average to the decimal shown.
fn assert_gaps_match_a_recount(s: &Store) {
    let counted = recount(s);
    let gaps: Vec<serde_json::Value> = serde_json::from_str(&s.ok(&["insight", "gaps", "--json"])).unwrap();
    assert_eq!(gaps.len(), counted.len());
    for g in &gaps {
        let key =
            (g["department"].as_str().unwrap().to_string(), g["dimension"].as_str().unwrap().to_string());
        let (sum, n) = counted[&key];
        assert_eq!(g["n"].as_u64(), Some(n), "{g}");
        assert!((g["department_avg"].as_f64().unwrap() - sum / n as f64).abs() <= 0.051, "{g}");
    }
}

#[test]
fn the_heatmap_follows_people_who_move_and_agrees_with_a_recount() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "300"]);
    assert_gaps_match_a_recount(&s);
    // someone assessed moves to another department
    let evaluations: Vec<serde_json::Value> =
        serde_json::from_str(&s.ok(&["export", "evaluations"])).unwrap();
    let id = evaluations[0]["employee_id"].as_str().unwrap().to_string();
    let sheet = EmployeeSheet::export(&s);
    let mut row = sheet.row_of(&id);
    let (department, section) = sheet.elsewhere(&row);
    row[sheet.col("department")] = department;
    row[sheet.col("section")] = section;
    let before = recount(&s);
    sheet.import_row(&s, "moved.csv", &row);
    assert_ne!(recount(&s), before, "the move changes the counts");
    assert_gaps_match_a_recount(&s);
    assert!(s.ok(&["check"]).contains("no problems found"));
}
