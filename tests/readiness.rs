//! Readiness end to end from the command line: the demo pool at every level with its
//! reasons, the documented JSON fields, the reports in four formats, stage reviews with
//! an objection, and assessments refused without touching the store.

mod common;

use common::Store;
use serde_json::{json, Value};

const ON: &str = "2026-11-20";

fn demo() -> Store {
    let s = Store::new();
    s.ok(&["demo", "--no-tui"]);
    s
}

fn readiness(s: &Store) -> Vec<Value> {
    serde_json::from_str(&s.ok(&["readiness", "--json", "--on", ON])).unwrap()
}

fn failed(row: &Value) -> Vec<&str> {
    row["gates"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["passed"] == false)
        .map(|g| g["gate"].as_str().unwrap())
        .collect()
}

fn apply(s: &Store, command: Value) -> Value {
    let input = s.file("cmd.jsonl", &format!("{command}\n"));
    let out = s.run(&["apply", input.to_str().unwrap()]);
    serde_json::from_str(String::from_utf8_lossy(&out.stdout).trim()).unwrap()
}

fn audit_len(s: &Store) -> usize {
    serde_json::from_str::<Vec<Value>>(&s.ok(&["export", "audit"])).unwrap().len()
}

#[test]
fn the_demo_pool_shows_every_level_with_its_reasons() {
    let s = demo();
    let rows = readiness(&s);
    for field in
        ["employee_id", "name", "department", "level", "composite", "priority", "gates", "todo", "weeks_left"]
    {
        assert!(rows[0].get(field).is_some(), "field {field} in {}", rows[0]);
    }
    for field in ["gate", "value", "threshold", "passed"] {
        assert!(rows[0]["gates"][0].get(field).is_some(), "gate field {field}");
    }
    for level in ["ready_now", "ready_in_1_2_years", "developing", "disqualified"] {
        assert!(rows.iter().any(|r| r["level"] == level), "a member {level}");
    }
    // Ranked: level first, then composite.
    let order = ["ready_now", "ready_in_1_2_years", "developing", "disqualified"];
    let rank = |r: &Value| order.iter().position(|l| r["level"] == *l).unwrap();
    assert!(rows.windows(2).all(|w| rank(&w[0]) < rank(&w[1])
        || (rank(&w[0]) == rank(&w[1]) && w[0]["composite"].as_f64() >= w[1]["composite"].as_f64())));

    // Disqualified by a 360 of 68, and the gate says so with value and threshold.
    let out = rows.iter().find(|r| r["level"] == "disqualified").unwrap();
    let gate = out["gates"].as_array().unwrap().iter().find(|g| g["gate"] == "three_sixty").unwrap();
    assert_eq!(
        (gate["value"].as_f64(), gate["threshold"].as_f64(), &gate["passed"]),
        (Some(68.0), Some(70.0), &json!(false))
    );

    // Held back only by an unfinished core course, with what is left and how long.
    let held = rows
        .iter()
        .find(|r| failed(r) == ["core_courses"])
        .unwrap_or_else(|| panic!("a member held back only by a core course"));
    assert_eq!(held["level"], "ready_in_1_2_years");
    assert_eq!(held["todo"][0]["todo"], "courses");
    assert!(held["weeks_left"].as_u64().unwrap() >= 1);

    // Top 20% by performance get priority: ceil(live × 20%).
    let live = rows.iter().filter(|r| r["level"] != "disqualified").count();
    let flagged = rows.iter().filter(|r| r["priority"] == true).count();
    assert_eq!(flagged, (live * 20).div_ceil(100));

    // The text list explains in Chinese.
    let text = s.ok(&["--lang", "zh", "readiness", "--on", ON]);
    assert!(text.contains("360测评 68 < 70"), "{text}");
    assert!(text.contains("可立即任用") && text.contains("不合格"), "{text}");
    assert!(s.ok(&["check"]).contains("no problems found"));
}

#[test]
fn reports_come_in_markdown_csv_json_and_excel() {
    let s = demo();
    let rows = readiness(&s);
    let md = s.ok(&["--lang", "zh", "report", "readiness", "--format", "md", "--on", ON]);
    assert!(md.starts_with("# 晋升准备度报告: 2026年后备室主任 (2026-11-20)"), "{md}");
    assert_eq!(md.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| 排名")).count(), rows.len());

    let csv = s.ok(&["report", "readiness", "--format", "csv", "--on", ON]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert!(header.iter().any(|h| h == "three_sixty_passed") && header.iter().any(|h| h == "level"));
    assert_eq!(reader.records().count(), rows.len());

    let report: Value =
        serde_json::from_str(&s.ok(&["report", "readiness", "--format", "json", "--on", ON])).unwrap();
    assert_eq!(report["rows"].as_array().unwrap().len(), rows.len());
    assert_eq!(report["what_if"], false);

    let before = audit_len(&s);
    let xlsx = s.path("readiness.xlsx");
    s.ok(&["report", "readiness", "--format", "xlsx", "-o", xlsx.to_str().unwrap(), "--on", ON]);
    let bytes = std::fs::read(&xlsx).unwrap();
    assert_eq!(&bytes[..2], b"PK", "an xlsx is a zip");
    assert!(bytes.len() > 4000);
    // the leadership sheets: rates by month, bench strength, department gaps (read with
    // Python's zipfile, which every machine here has)
    let book = std::process::Command::new("python3")
        .args([
            "-c",
            "import zipfile,sys; print(zipfile.ZipFile(sys.argv[1]).read('xl/workbook.xml').decode())",
            xlsx.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let names = String::from_utf8_lossy(&book.stdout);
    for sheet in ["Readiness", "Gates", "Rates", "Bench", "Gaps"] {
        assert!(names.contains(&format!("name=\"{sheet}\"")), "{sheet} in {names}");
    }
    assert!(!s.path("readiness.partial").exists());
    assert_eq!(audit_len(&s), before, "a report writes nothing to the store");
}

#[test]
fn a_stage_review_keeps_the_objection_and_its_answer_in_the_candidate_report() {
    let s = demo();
    let rows = readiness(&s);
    let id = rows.iter().find(|r| r["level"] == "ready_in_1_2_years").unwrap()["employee_id"]
        .as_str()
        .unwrap()
        .to_string();
    let id = id.as_str();
    let err = s.fails(&["stage-review", "answer", id, "--kind", "july", "--year", "2026", "没有异议可答复"]);
    assert!(err.contains("has no July initial review of 2026"), "{err}");
    s.ok(&[
        "stage-review",
        "record",
        id,
        "--kind",
        "july",
        "--year",
        "2026",
        "--recommend",
        "keep",
        "--comment",
        "计划完成率 80%，绩效较去年提升一档",
        "--on",
        "2026-07-15",
    ]);
    let err = s.fails(&["stage-review", "answer", id, "--kind", "july", "--year", "2026", "答复"]);
    assert!(err.contains("no open objection"), "{err}");
    s.ok(&[
        "stage-review",
        "object",
        id,
        "--kind",
        "july",
        "--year",
        "2026",
        "第二阶段项目已完成，计划完成率应为 90%",
    ]);
    s.ok(&["stage-review", "answer", id, "--kind", "july", "--year", "2026", "已核实，更正为 90%，结论不变"]);
    let err = s.fails(&[
        "stage-review",
        "record",
        id,
        "--kind",
        "final",
        "--year",
        "2026",
        "--recommend",
        "maybe",
        "--comment",
        "x",
    ]);
    assert!(err.contains("'maybe' is not a recommendation"), "{err}");

    let md = s.ok(&["--lang", "zh", "report", "candidate", id, "--on", ON]);
    for part in [
        "# 综合考核报告",
        "## 门槛",
        "## 剩余事项",
        "## 综合分构成",
        "后备干部培养考核",
        "360 总分",
        "## 阶段评估",
        "继续培养",
        "异议",
        "已核实，更正为 90%",
    ] {
        assert!(md.contains(part), "{part} in\n{md}");
    }
    let json: Value =
        serde_json::from_str(&s.ok(&["report", "candidate", id, "--json", "--on", ON])).unwrap();
    assert_eq!(json["facts"]["stage_reviews"][0]["replies"].as_array().unwrap().len(), 2);
    // The candidate report carries the pool-wide ranking's priority flag.
    let top = rows.iter().find(|r| r["priority"] == true).unwrap()["employee_id"].as_str().unwrap();
    let json: Value =
        serde_json::from_str(&s.ok(&["report", "candidate", top, "--json", "--on", ON])).unwrap();
    assert_eq!(json["row"]["priority"], true);
    assert!(s.fails(&["report", "candidate", "E999999"]).contains("no employee E999999"));
    let outsider = s.fails(&["report", "candidate", "E000001", "--pool", "1"]);
    assert!(outsider.contains("(E000001) is not in pool 1"), "{outsider}");
}

#[test]
fn an_assessment_moves_readiness_and_a_bad_one_changes_nothing() {
    let s = demo();
    let rows = readiness(&s);
    let ready = rows.iter().find(|r| r["level"] == "ready_now").unwrap();
    let id = ready["employee_id"].as_str().unwrap();
    let rating = |relation: &str, dimension: &str, score: f64| {
        json!({"command": "record_evaluation", "seq": 0, "employee_id": id, "year": 2027,
               "kind": {"three_sixty": {"relation": relation, "dimension": dimension}}, "score": score, "on": "2027-01-10"})
    };
    let before = audit_len(&s);
    let bad = apply(&s, rating("peer", "领导魅力", 60.0));
    assert!(bad["error"].as_str().unwrap().contains("'领导魅力' is not a 360 dimension"), "{bad}");
    let bad = apply(&s, rating("peer", "团队管理", 101.0));
    assert!(bad["error"].as_str().unwrap().contains("outside 0–100"), "{bad}");
    let mut missing = rating("peer", "团队管理", 60.0);
    missing["employee_id"] = json!("E999999");
    assert!(apply(&s, missing)["error"].as_str().unwrap().contains("no employee E999999"));
    assert_eq!(audit_len(&s), before, "refused assessments write nothing");

    // A new year's 360 of 65 replaces last year's for the gate: disqualified, with the reason.
    let ok = apply(&s, rating("superior", "团队管理", 65.0));
    assert!(ok.get("ok").is_some(), "{ok}");
    let after = readiness(&s);
    let row = after.iter().find(|r| r["employee_id"] == id).unwrap();
    assert_eq!(row["level"], "disqualified");
    assert_eq!(failed(row), ["three_sixty"]);
    assert!(s.ok(&["check"]).contains("no problems found"), "facts kept in step");
}

#[test]
fn each_gate_keeps_its_unit_counts_as_done_of_and_marks_as_value_threshold() {
    let s = demo();
    let rows = readiness(&s);
    let gates: Vec<&Value> = rows.iter().flat_map(|r| r["gates"].as_array().unwrap()).collect();
    let core = gates.iter().find(|g| g["gate"] == "core_courses").unwrap();
    assert!(core.get("value").is_none() && core.get("threshold").is_none(), "{core}");
    assert!(core["done"].as_u64().unwrap() <= core["of"].as_u64().unwrap(), "{core}");
    assert_eq!(core["mark"].as_f64(), Some(80.0), "the core exam mark: {core}");
    let stages = gates.iter().find(|g| g["gate"] == "reflections").unwrap();
    assert!(stages["done"].is_u64() && stages["of"].is_u64() && stages["mark"].is_number(), "{stages}");
    let theory = gates.iter().find(|g| g["gate"] == "theory").unwrap();
    assert!(theory.get("done").is_none() && theory["threshold"].as_f64() == Some(60.0), "{theory}");
}
