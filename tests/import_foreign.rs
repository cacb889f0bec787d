//! Real HR data in without a script: foreign exports through mappings that use every
//! feature, a starter mapping from the file, grouped errors with physical line numbers,
//! re-imports that never undo work, and pools from the command line.

mod common;

use common::foreign::{self, us_employees, us_performance, us_training};
use common::Store;

const ROWS: usize = 3000;

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("json")
}

#[test]
fn a_foreign_export_and_its_training_log_become_a_screened_admitted_pool() {
    let s = Store::new();
    s.ok(&["init"]);
    let employees = s.file("hr.csv", &us_employees(ROWS));
    let performance = s.file("perf.csv", &us_performance(ROWS));
    let training = s.file("training.csv", &us_training(ROWS));

    // the starter mapping matches columns, detects the date format and lists the titles
    let starter = s.ok(&["--lang", "en", "import", "employees", employees.to_str().unwrap(), "--init-map"]);
    for want in [
        "id = \"Emp No\"",
        "name = \"{First Name} {Last Name}\"",
        "left_on = \"Exit Date\"",
        "formats = [\"%m/%d/%Y\"]",
        "\"Production Technician I\" = \"TODO\"",
    ] {
        assert!(starter.contains(want), "{want} missing from\n{starter}");
    }
    let written = s.path("starter.toml");
    s.ok(&[
        "import",
        "employees",
        employees.to_str().unwrap(),
        "--init-map",
        "-o",
        written.to_str().unwrap(),
    ]);
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&written).unwrap().permissions().mode() & 0o777, 0o600);
    // imported as it comes, the starter is refused on its TODOs, grouped
    let err = s.fails(&[
        "--lang",
        "en",
        "import",
        "employees",
        employees.to_str().unwrap(),
        "--map",
        written.to_str().unwrap(),
    ]);
    assert!(err.contains("into 'TODO', which is not one of ours"), "caught when the mapping is read: {err}");
    // a starter is never written over a mapping someone filled in
    let again = s.fails(&[
        "--lang",
        "en",
        "import",
        "employees",
        employees.to_str().unwrap(),
        "--init-map",
        "-o",
        written.to_str().unwrap(),
    ]);
    assert!(again.contains("already exists"), "{again}");

    let map = s.file("hr.toml", foreign::US_EMPLOYEES_MAP);
    let out = s.ok(&[
        "--lang",
        "en",
        "import",
        "employees",
        employees.to_str().unwrap(),
        "--map",
        map.to_str().unwrap(),
    ]);
    assert!(out.contains(&format!("{ROWS} added")), "{out}");
    let people = json(&s.ok(&["export", "employees"]));
    let first = &people[0];
    assert_eq!(first["id"], "20000");
    assert_eq!(first["rank"], "section_chief", "'Unit Manager' matched ignoring case");
    assert!(first["name"].as_str().unwrap().contains(' '), "first and last joined: {first}");
    assert_eq!(people[1]["hire_date"].as_str().unwrap().len(), 10);
    let left: Vec<&serde_json::Value> =
        people.as_array().unwrap().iter().filter(|p| p["status"] == "left").collect();
    assert_eq!(left.len(), ROWS / 40, "every 40th person left");
    assert!(left.iter().all(|p| p["left_on"].as_str().unwrap().starts_with("2024-")));
    assert!(people.as_array().unwrap().iter().all(|p| !p["department"].as_str().unwrap().ends_with(' ')));

    let map = s.file("perf.toml", foreign::US_PERFORMANCE_MAP);
    let out = s.ok(&["import", "performance", performance.to_str().unwrap(), "--map", map.to_str().unwrap()]);
    assert!(out.contains(&format!("{} added", ROWS * 3)), "{out}");
    let first = json(&s.ok(&["export", "employees"]))[0].clone();
    let latest = first["performance"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(latest["grade"], "A");
    assert!(latest["rank_pct"].as_f64().unwrap() < 30.0, "a 5 of 5 is near the top: {latest}");

    // the training log: titles instead of codes, outcomes deciding completion
    let map = s.file("training.toml", foreign::US_TRAINING_MAP);
    let err = s.fails(&[
        "--lang",
        "en",
        "import",
        "enrollments",
        training.to_str().unwrap(),
        "--map",
        map.to_str().unwrap(),
        "--allow-extra",
    ]);
    assert!(err.contains("no course 'Leading Teams'"), "{err}");
    assert!(err.contains("--create-courses"), "{err}");
    let out = s.ok(&[
        "--lang",
        "en",
        "import",
        "enrollments",
        training.to_str().unwrap(),
        "--map",
        map.to_str().unwrap(),
        "--allow-extra",
        "--create-courses",
    ]);
    assert!(out.contains("4 courses created: IMP-001"), "{out}");
    let enrollments = json(&s.ok(&["export", "enrollments"]));
    let log = us_training(ROWS);
    let completed_rows = log.lines().filter(|l| l.contains(",Completed,") || l.contains(",Passed,")).count();
    let completed = enrollments.as_array().unwrap().iter().filter(|e| !e["completed_on"].is_null()).count();
    assert_eq!(completed, completed_rows);
    // points are dated at the completion, not today
    let points = s.ok(&["points", "20000"]);
    assert!(points.contains("2025-"), "{points}");

    // pools from the command line
    let out = s.ok(&[
        "--lang",
        "en",
        "pool",
        "create",
        "Reserve 2026",
        "--year",
        "2026",
        "--rank",
        "section_chief",
    ]);
    assert!(out.contains("pool 1 'Reserve 2026' created"), "{out}");
    let screened = json(&s.ok(&["pool", "screen", "1", "--json"]));
    let eligible = screened.as_array().unwrap().len();
    assert!(eligible > 50, "{eligible} eligible");
    assert!(screened[0]["checks"].as_array().unwrap().iter().all(|c| c["passed"] == true));
    let out =
        s.ok(&["--lang", "en", "pool", "nominate", "Reserve 2026", "--eligible", "--reason", "screened"]);
    assert!(out.contains(&format!("nominated {eligible} to pool 1")), "{out}");
    let out = s.ok(&["--lang", "en", "pool", "admit", "1", "--all-nominated"]);
    assert!(out.contains(&format!("{eligible} admitted to pool 1")), "{out}");
    let shown = json(&s.ok(&["pool", "show", "1", "--json"]));
    let admitted =
        shown["members"].as_array().unwrap().iter().filter(|m| m["member"]["state"] == "admitted").count();
    assert_eq!(admitted, eligible);
    let list = s.ok(&["--lang", "zh", "pool", "list"]);
    assert!(
        list.contains("Reserve 2026") && list.contains(&format!("已入池 {eligible}"))
            || list.contains(&format!("{eligible}")),
        "{list}"
    );
    let check = s.ok(&["check"]);
    assert!(check.contains("no problems"), "{check}");
}

#[test]
fn a_chinese_export_imports_through_its_mapping_with_messages_in_chinese() {
    let s = Store::new();
    s.ok(&["init"]);
    let file = s.file("员工.csv", &foreign::zh_employees(200));
    let map = s.file("员工.toml", foreign::ZH_EMPLOYEES_MAP);
    let out = s.ok(&[
        "--lang",
        "zh",
        "import",
        "employees",
        file.to_str().unwrap(),
        "--map",
        map.to_str().unwrap(),
    ]);
    assert!(out.contains("新增 200"), "{out}");
    let people = json(&s.ok(&["export", "employees"]));
    assert_eq!(people[0]["id"], "Z0000");
    assert_eq!(people[0]["name"].as_str().unwrap().chars().count(), 3, "{}", people[0]);
    assert!(people.as_array().unwrap().iter().any(|p| p["rank"] == "section_chief"));
    // a value table without a default names the nearest key, in Chinese
    let strict = s.file(
        "严格.toml",
        &foreign::ZH_EMPLOYEES_MAP.replace("\"*\" = \"普通员工\"\n", "\"技术员\" = \"普通员工\"\n"),
    );
    let err = s.fails(&[
        "--lang",
        "zh",
        "import",
        "employees",
        file.to_str().unwrap(),
        "--map",
        strict.to_str().unwrap(),
    ]);
    assert!(err.contains("不在 严格.toml 的 [values.rank] 中"), "{err}");
    assert!(err.contains("未写入任何内容"), "{err}");
    for line in err.lines() {
        // two lowercase Latin words in a row, apart from names and keys, is English
        let words: Vec<&str> = line
            .split_whitespace()
            .map(|t| t.trim_matches(|c: char| ",.:;()'\"“”（）：，".contains(c)))
            .filter(|w| w.len() > 1 && w.chars().all(|c| c.is_ascii_lowercase()))
            .collect();
        assert!(words.len() < 2, "English in a Chinese session: {line}");
    }
}

#[test]
fn a_reimport_keeps_stored_values_and_refuses_to_undo_work_unless_allowed() {
    let s = Store::new();
    s.ok(&["init"]);
    s.ok(&["import", "employees", s.file("e.csv", common::EMPLOYEES_CSV).to_str().unwrap()]);
    s.ok(&[
        "import",
        "courses",
        s.file("c.csv", "code,title,category,hours,core,exam_pass_mark\nL101,领导力基础,leadership,8,yes,80\nM201,团队管理,management,24,no,\n")
            .to_str()
            .unwrap(),
    ]);
    let progress = s.file(
        "p.csv",
        "employee_id,course,due,hours_done,completed_on,exams\nE1,L101,2026-06-30,8,2026-03-01,85@2026-03-01\nE1,M201,2026-06-30,12,,\n",
    );
    s.ok(&["import", "enrollments", progress.to_str().unwrap()]);
    let before = s.ok(&["points", "E1"]);
    assert!(before.contains("2026-03-01"), "points dated at the event: {before}");

    // the plan file has only who, what and when: progress stays
    let plan = s.file("plan.csv", "employee_id,course,due\nE1,L101,2026-09-30\nE1,M201,2026-09-30\n");
    let dry = s.ok(&["--lang", "en", "import", "enrollments", plan.to_str().unwrap(), "--dry-run"]);
    assert!(dry.contains("line 2 enr/E1/L101: due 2026-06-30 → 2026-09-30"), "{dry}");
    assert!(dry.contains("fields changed: due ×2"), "{dry}");
    s.ok(&["import", "enrollments", plan.to_str().unwrap()]);
    let rows = json(&s.ok(&["export", "enrollments"]));
    assert_eq!(rows[0]["completed_on"], "2026-03-01");
    assert_eq!(rows[0]["hours_done"], 8.0);
    assert_eq!(rows[0]["attempts"].as_array().unwrap().len(), 1);
    assert_eq!(rows[1]["hours_done"], 12.0);
    assert_eq!(s.ok(&["points", "E1"]), before, "no points moved");

    // a file that would undo work is refused, naming the person and what
    let undo =
        s.file("undo.csv", "employee_id,course,due,hours_done,completed_on,exams\nE1,L101,2026-09-30,2,,\n");
    let err = s.fails(&["--lang", "en", "import", "enrollments", undo.to_str().unwrap(), "--clear-blank"]);
    assert!(
        err.contains("张伟 (E1): course '领导力基础', completed on 2026-03-01, would become uncompleted"),
        "{err}"
    );
    assert!(err.contains("the exam of '领导力基础' on 2026-03-01 (85) would be removed"), "{err}");
    assert!(err.contains("--allow-regress"), "{err}");
    assert_eq!(s.ok(&["points", "E1"]), before);
    // allowed: the points they earned are reversed in the same batch, check stays clean
    let out = s.ok(&[
        "--lang",
        "en",
        "import",
        "enrollments",
        undo.to_str().unwrap(),
        "--clear-blank",
        "--allow-regress",
    ]);
    assert!(out.contains("2 points events reversed (15 points)"), "completion 10 and exam 5: {out}");
    assert!(out.contains("3 recorded steps undone"), "{out}");
    let after = s.ok(&["points", "E1"]);
    assert!(after.contains("reversal"), "{after}");
    assert!(s.ok(&["check"]).contains("no problems"));
    let rows = json(&s.ok(&["export", "enrollments"]));
    assert!(rows[0]["completed_on"].is_null());
    assert_eq!(
        rows[1]["hours_done"], 12.0,
        "a column the file lacks keeps its value even with --clear-blank"
    );
}

#[test]
fn a_file_with_a_bad_value_in_every_row_prints_a_short_grouped_report() {
    let s = Store::new();
    s.ok(&["init"]);
    let mut text = String::from("id,name,department,section,rank,hire_date\r\n");
    for i in 0..3000 {
        text.push_str(&format!("X{i},某某,生产部,一组,Production Technician I,2015-01-01\r\n"));
    }
    let file = s.file("bad.csv", &text);
    let map = s.file("m.toml", "[values.rank]\n\"Unit Manager\" = \"室主任\"\n");
    let err = s.fails(&[
        "--lang",
        "en",
        "import",
        "employees",
        file.to_str().unwrap(),
        "--map",
        map.to_str().unwrap(),
    ]);
    assert!(err.lines().count() <= 25, "{} lines:\n{err}", err.lines().count());
    assert!(err.contains("rank: 'Production Technician I' is not in [values.rank] of m.toml"), "{err}");
    assert!(err.contains("×3,000 (lines 2, 3, 4, 5, 6, 7, 8, 9, …)"), "CRLF lines are physical: {err}");
    assert!(err.contains("add them under [values.rank] in m.toml, or a \"*\" default"), "{err}");
    assert!(
        err.contains("3,000 bad rows in") && err.trim_end().ends_with("bad.csv; nothing was written"),
        "{err}"
    );
    assert_eq!(
        json(&s.ok(&["export", "employees"])).as_array().map(Vec::len),
        Some(0),
        "nothing was written"
    );
}

#[test]
fn one_pass_reports_values_references_and_physical_lines_together() {
    let s = Store::new();
    s.ok(&["init"]);
    s.ok(&["import", "employees", s.file("e.csv", common::EMPLOYEES_CSV).to_str().unwrap()]);
    // a quoted newline on line 2 pushes the next record to line 4
    let file = s.file(
        "eval.csv",
        "employee_id,year,kind,relation,dimension,score,date\r\nE1,2025,theory,,,\"9\r\n1\",2025-05-01\r\nNOBODY,2025,theory,,,88,2025-05-01\r\nE2,2025,theory,,,abc,2025-05-01\r\n",
    );
    let err = s.fails(&["--lang", "en", "import", "evaluations", file.to_str().unwrap()]);
    assert!(err.contains("eval.csv:2: score:"), "{err}");
    assert!(err.contains("eval.csv:4: employee_id: no employee NOBODY"), "{err}");
    assert!(err.contains("eval.csv:5: score: 'abc' is not a score 0–100"), "{err}");
    assert!(err.contains("employees are imported first"), "{err}");
    assert!(err.contains("3 bad rows"), "{err}");
}

#[test]
fn a_date_format_that_swaps_day_and_month_is_caught() {
    let s = Store::new();
    s.ok(&["init"]);
    let file = s.file(
        "e.csv",
        "id,name,department,section,rank,hire_date\nE1,张伟,生产部,一组,普通员工,03/04/2015\nE2,李娜,生产部,一组,普通员工,12/25/2016\n",
    );
    let map = s.file("m.toml", "[dates]\nformats = [\"%d/%m/%Y\"]\n");
    let err = s.fails(&[
        "--lang",
        "en",
        "import",
        "employees",
        file.to_str().unwrap(),
        "--map",
        map.to_str().unwrap(),
    ]);
    assert!(err.contains("'12/25/2016' is not a date"), "{err}");
    assert!(err.contains("it reads as %m/%d/%Y: day and month may be the other way round"), "{err}");
    // two formats in one mapping that read one column both ways
    let both = s.file("both.toml", "[dates]\nformats = [\"%d/%m/%Y\", \"%m/%d/%Y\"]\n");
    let err = s.fails(&[
        "--lang",
        "en",
        "import",
        "employees",
        file.to_str().unwrap(),
        "--map",
        both.to_str().unwrap(),
    ]);
    assert!(err.contains("days and months may be swapped"), "{err}");
}

#[test]
fn pool_commands_take_a_new_user_from_an_empty_store_to_an_admitted_pool() {
    let s = Store::new();
    s.ok(&["init"]);
    assert!(s.ok(&["--lang", "en", "pool", "list"]).contains("no pools yet"));
    s.ok(&["import", "employees", s.file("e.csv", common::EMPLOYEES_CSV).to_str().unwrap()]);
    s.ok(&[
        "import",
        "performance",
        s.file("p.csv", "employee_id,year,grade,rank_pct\nE1,2025,A,5\nE3,2025,B,60\n").to_str().unwrap(),
    ]);
    let err = s.fails(&["--lang", "zh", "pool", "create", "2026 后备", "--year", "2026", "--rank", "总监"]);
    assert!(err.contains("总监"), "{err}");
    let out = s.ok(&["--lang", "zh", "pool", "create", "2026 后备", "--year", "2026", "--rank", "室主任"]);
    assert!(out.contains("已新建人才池 1"), "{out}");
    let screen = s.ok(&["--lang", "zh", "pool", "screen", "2026 后备", "--on", "2026-01-01"]);
    assert!(screen.contains("1 人符合全部条件"), "{screen}");
    assert!(screen.contains("张伟（E1）") && screen.contains("司龄"), "{screen}");
    let err = s.fails(&["--lang", "zh", "pool", "admit", "1", "E1"]);
    assert!(err.contains("张伟") || err.contains("E1"), "{err}");
    let err = s.fails(&["--lang", "zh", "pool", "show", "9"]);
    assert!(err.contains("没有编号为 9 的人才池"), "{err}");
    let err = s.fails(&["--lang", "zh", "pool", "show", "不存在"]);
    assert!(err.contains("没有编号或名称为“不存在”的人才池"), "{err}");
    let out = s.run(&["--lang", "en", "pool", "nominate", "1", "E1", "E3", "--reason", "绩效前 5%"]);
    assert!(out.status.success());
    let note = String::from_utf8_lossy(&out.stderr);
    assert!(
        note.contains("1 of them do not pass every screening rule") && note.contains("王芳 (E3)"),
        "{note}"
    );
    let out = s.ok(&["--lang", "zh", "pool", "admit", "1", "E1"]);
    assert!(out.contains("已将 1 人纳入人才池 1"), "{out}");
    let shown = s.ok(&["--lang", "zh", "pool", "show", "1"]);
    assert!(shown.contains("张伟（E1）"), "{shown}");
    let list = json(&s.ok(&["pool", "list", "--json"]));
    assert_eq!(list[0]["members"]["admitted"], 1);
    s.ok(&["pool", "create", "空池", "--year", "2027", "--rank", "section_chief"]);
    let err = s.fails(&["--lang", "en", "pool", "admit", "空池", "--all-nominated"]);
    assert!(err.contains("nobody is nominated in pool 2"), "{err}");
}

#[test]
fn the_mapping_says_what_it_never_used_and_retakes_merge() {
    let s = Store::new();
    s.ok(&["init"]);
    let employees = s.file("hr.csv", &us_employees(200));
    // a typo'd key hidden by the "*" default is pointed out
    let typo = s.file("typo.toml", &foreign::US_EMPLOYEES_MAP.replace("\"unit manager\"", "\"unit manger\""));
    let out = s.run(&[
        "--lang",
        "en",
        "import",
        "employees",
        employees.to_str().unwrap(),
        "--map",
        typo.to_str().unwrap(),
        "--dry-run",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("'unit manger' in [values.rank] of typo.toml matched no row"), "{err}");
    assert!(err.contains("'Unit Manager'"), "the values that fell to the default are shown: {err}");
    s.ok(&[
        "import",
        "employees",
        employees.to_str().unwrap(),
        "--map",
        s.file("hr.toml", foreign::US_EMPLOYEES_MAP).to_str().unwrap(),
    ]);
    // a condition no row meets is pointed out
    let log = s.file(
        "log.csv",
        "Employee ID,Program,Outcome,Date,Due Date\n20000,Leading Teams,Failed,3/1/2025,12/31/2025\n20000,Leading Teams,Passed,4/2/2025,12/31/2025\n20001,Leading Teams,Incomplete,,12/31/2025\n",
    );
    let wrong = s.file(
        "wrong.toml",
        &foreign::US_TRAINING_MAP.replace("[\"Completed\", \"Passed\"]", "[\"Complete\", \"Pass\"]"),
    );
    let out = s.run(&[
        "--lang",
        "en",
        "import",
        "enrollments",
        log.to_str().unwrap(),
        "--map",
        wrong.to_str().unwrap(),
        "--create-courses",
        "--dry-run",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("held on no row") && err.contains("Failed, Incomplete, Passed"), "{err}");
    // a failed sitting then a pass of the same program: one enrollment, completed
    let map = s.file("training.toml", foreign::US_TRAINING_MAP);
    let out = s.ok(&[
        "--lang",
        "en",
        "import",
        "enrollments",
        log.to_str().unwrap(),
        "--map",
        map.to_str().unwrap(),
        "--create-courses",
    ]);
    assert!(
        out.contains("2 added") && out.contains("1 row of the same person and course merged as retakes"),
        "{out}"
    );
    let rows = json(&s.ok(&["export", "enrollments"]));
    assert_eq!(rows[0]["completed_on"], "2025-04-02");
    // a pool name is one pool's
    s.ok(&["pool", "create", "R", "--year", "2026", "--rank", "section_chief"]);
    let err = s.fails(&["--lang", "en", "pool", "create", "R", "--year", "2027", "--rank", "section_chief"]);
    assert!(err.contains("pool 1 is already called 'R'"), "{err}");
    // exit dates: after today the person stays active, with a note; the CSV export keeps them
    let future = s.file("f.csv", "id,name,department,section,rank,hire_date,left_on\nQ1,甲,生产部,一组,普通员工,2015-01-01,2099-01-01\nQ2,乙,生产部,一组,普通员工,2015-01-01,2024-05-01\n");
    let out = s.run(&["--lang", "en", "import", "employees", future.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 exit date after today, kept as active"));
    let csv = s.ok(&["export", "employees", "--format", "csv"]);
    assert!(csv.lines().next().unwrap().ends_with(",left_on"), "{csv}");
    assert!(csv.contains("Q2,乙,生产部,一组,普通员工,2015-01-01,left,,,,,,no,2024-05-01"), "{csv}");
    // the date ahead is kept: a known departure for the vacancy forecast
    assert!(csv.contains("Q1,甲,生产部,一组,普通员工,2015-01-01,active,,,,,,no,2099-01-01"), "{csv}");
}
