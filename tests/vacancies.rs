//! The pipeline's last step: a vacancy, its ranked shortlist, the appointment that changes
//! the organisation and the pools (a reason when the person is not ready now), its
//! reversal, bench strength, and a manager's view.

mod common;

use std::sync::Arc;

use cadre::domain::access::Role;
use cadre::service::engine::Engine;
use cadre::service::{Command, Service};
use common::Store;

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("json")
}

#[test]
fn a_vacancy_is_filled_from_its_shortlist_and_the_organisation_follows() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "300"]);
    let out = s.ok(&[
        "--lang",
        "en",
        "vacancy",
        "open",
        "--department",
        "财务部",
        "--section",
        "会计核算室",
        "--rank",
        "section_chief",
        "--due",
        "2027-03-31",
        "--reason",
        "retirement",
    ]);
    assert!(out.contains("vacancy"), "{out}");
    // a post that does not exist, a rank no pool prepares, a due date before the opening
    let err = s.fails(&[
        "--lang",
        "en",
        "vacancy",
        "open",
        "--department",
        "Finance",
        "--rank",
        "section_chief",
        "--due",
        "2027-03-31",
    ]);
    assert!(err.contains("no department named 'Finance'"), "{err}");
    let err = s.fails(&[
        "--lang",
        "en",
        "vacancy",
        "open",
        "--department",
        "财务部",
        "--section",
        "不存在室",
        "--rank",
        "section_chief",
        "--due",
        "2027-03-31",
    ]);
    assert!(err.contains("has no section named '不存在室'"), "{err}");
    let err = s.fails(&[
        "--lang",
        "en",
        "vacancy",
        "open",
        "--department",
        "财务部",
        "--rank",
        "staff",
        "--due",
        "2027-03-31",
    ]);
    assert!(err.contains("rank"), "{err}");
    let err = s.fails(&[
        "--lang",
        "en",
        "vacancy",
        "open",
        "--department",
        "财务部",
        "--rank",
        "section_chief",
        "--opens",
        "2027-05-01",
        "--due",
        "2027-03-31",
    ]);
    assert!(err.contains("before the opening date"), "{err}");
    let err = s.fails(&["--lang", "en", "vacancy", "reverse", "999", "--reason", "x"]);
    assert!(err.contains("no vacancy 999"), "{err}");
    let list = json(&s.ok(&["vacancy", "list", "--json"]));
    let v = list
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["department"] == "财务部" && v["status"] == "open")
        .unwrap()
        .clone();
    for field in ["id", "department", "section", "rank", "reason", "opened", "due", "status", "filled_by"] {
        assert!(v.get(field).is_some(), "{field} missing from {v}");
    }
    assert_eq!(v["reason"], "retirement");
    assert_eq!(v["due"], "2027-03-31");
    let id = v["id"].as_u64().unwrap().to_string();

    // ranked: ready now first, then the priority flag, then the composite
    let shortlist = json(&s.ok(&["vacancy", "shortlist", &id, "--json"]));
    let rows = shortlist.as_array().unwrap();
    assert!(!rows.is_empty());
    let order =
        |l: &str| ["ready_now", "ready_in_1_2_years", "developing"].iter().position(|x| *x == l).unwrap();
    for pair in rows.windows(2) {
        assert!(
            order(pair[0]["level"].as_str().unwrap()) <= order(pair[1]["level"].as_str().unwrap()),
            "{pair:?}"
        );
    }
    for field in ["employee_id", "name", "department", "level", "composite", "priority", "failing_gates"] {
        assert!(rows[0].get(field).is_some(), "{field} missing");
    }
    let first = rows[0].clone();
    assert_eq!(first["level"], "ready_now", "the demo has someone ready now: {first}");
    let who = first["employee_id"].as_str().unwrap().to_string();
    let err = s.fails(&["--lang", "en", "vacancy", "appoint", &id, &who, "--on", "2020-01-01"]);
    assert!(err.contains("the effective date 2020-01-01 must be between"), "{err}");
    let forecast =
        list.as_array().unwrap().iter().find(|v| v["status"] == "forecast").unwrap()["id"].to_string();
    let err = s.fails(&["--lang", "en", "vacancy", "appoint", &forecast, &who, "--pool", "1"]);
    assert!(err.contains("is a forecast"), "{err}");

    // the same person also nominated in a second pool of the same rank: left behind on appointment
    s.ok(&["pool", "create", "second", "--year", "2027", "--rank", "section_chief"]);
    let pools = json(&s.ok(&["pool", "list", "--json"]));
    let second = pools.as_array().unwrap().iter().find(|p| p["name"] == "second").unwrap()["id"]
        .as_u64()
        .unwrap()
        .to_string();
    s.ok(&["pool", "nominate", &second, &who, "--reason", "也可考虑"]);

    let out = s.ok(&["--lang", "en", "vacancy", "appoint", &id, &who, "--on", "2026-12-01"]);
    assert!(out.contains(&format!("appointed to vacancy {id}")), "{out}");
    let people = json(&s.ok(&["export", "employees"]));
    let person = people.as_array().unwrap().iter().find(|e| e["id"] == who.as_str()).unwrap();
    assert_eq!(person["rank"], "section_chief");
    assert_eq!(person["department"], "财务部");
    assert_eq!(person["section"], "会计核算室");
    let list = json(&s.ok(&["vacancy", "list", "--json"]));
    let v = list.as_array().unwrap().iter().find(|v| v["id"].as_u64() == id.parse::<u64>().ok()).unwrap();
    assert_eq!(v["status"], "filled");
    assert_eq!(v["filled_by"], who.as_str());
    let members = json(&s.ok(&["export", "pool", "--pool", &second]));
    assert_eq!(members[0]["state"], "withdrawn", "the other pool let the person go");
    let pools = json(&s.ok(&["pool", "list", "--json"]));
    let from = first["pool_id"].as_u64().unwrap();
    let pool = pools.as_array().unwrap().iter().find(|p| p["id"].as_u64() == Some(from)).unwrap();
    assert!(pool["appointment_rate"].as_f64().unwrap() > 0.0, "{pool}");
    assert_eq!(pool["appointment_rate_target"], 60);
    assert!(s.ok(&["--lang", "zh", "pool", "list"]).contains("任用率"));
    assert!(s.ok(&["check"]).contains("no problems"));

    // a filled vacancy takes nobody else
    let other = rows[1]["employee_id"].as_str().unwrap();
    let err = s.fails(&["--lang", "en", "vacancy", "appoint", &id, other]);
    assert!(err.contains(&format!("vacancy {id} is already filled")), "{err}");

    // taken back with a reason: the former post again, the vacancy open, check clean
    let err = s.fails(&["--lang", "en", "vacancy", "reverse", &id, "--reason", " "]);
    assert!(err.contains("reason"), "{err}");
    let out = s.ok(&["--lang", "en", "vacancy", "reverse", &id, "--reason", "the decision was withdrawn"]);
    assert!(out.contains("taken back"), "{out}");
    let people = json(&s.ok(&["export", "employees"]));
    let person = people.as_array().unwrap().iter().find(|e| e["id"] == who.as_str()).unwrap();
    assert_eq!(person["rank"], "staff");
    assert!(s.ok(&["check"]).contains("no problems"));
    let list = json(&s.ok(&["vacancy", "list", "--json"]));
    assert_eq!(
        list.as_array().unwrap().iter().find(|v| v["id"].as_u64() == id.parse::<u64>().ok()).unwrap()
            ["status"],
        "open"
    );
}

#[test]
fn someone_not_ready_now_is_appointed_only_with_a_reason_and_only_to_a_post_of_the_pools_rank() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "300"]);
    s.ok(&["vacancy", "open", "--department", "财务部", "--rank", "section_chief", "--due", "2027-03-31"]);
    let list = json(&s.ok(&["vacancy", "list", "--json"]));
    let id = list[0]["id"].as_u64().unwrap().to_string();
    let shortlist = json(&s.ok(&["vacancy", "shortlist", &id, "--json"]));
    let not_ready =
        shortlist.as_array().unwrap().iter().find(|r| r["level"] != "ready_now").expect("someone not ready");
    let who = not_ready["employee_id"].as_str().unwrap();
    let err = s.fails(&["--lang", "zh", "vacancy", "appoint", &id, who]);
    assert!(err.contains("任用需写明理由"), "{err}");
    assert!(err.contains(not_ready["name"].as_str().unwrap()), "named by name: {err}");
    s.ok(&["vacancy", "appoint", &id, who, "--reason", "唯一熟悉该业务的人选"]);
    assert!(s.ok(&["export", "audit"]).contains("唯一熟悉该业务的人选"), "the reason is kept");

    // a department-manager post is not filled from a section-chief pool
    s.ok(&[
        "vacancy",
        "open",
        "--department",
        "财务部",
        "--rank",
        "department_manager",
        "--due",
        "2027-03-31",
    ]);
    let list = json(&s.ok(&["vacancy", "list", "--json"]));
    let dm = list[0]["id"].as_u64().unwrap().to_string();
    let someone = shortlist.as_array().unwrap().iter().find(|r| r["employee_id"] != who).unwrap();
    let err = s.fails(&[
        "--lang",
        "en",
        "vacancy",
        "appoint",
        &dm,
        someone["employee_id"].as_str().unwrap(),
        "--pool",
        "1",
    ]);
    assert!(err.contains("is a department manager post; pool 1 prepares section chief"), "{err}");
    assert!(s.ok(&["check"]).contains("no problems"));
}

#[test]
fn bench_strength_marks_departments_short_of_ready_people() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "300"]);
    let bench = json(&s.ok(&["bench", "--json"]));
    let rows = bench.as_array().unwrap();
    assert!(!rows.is_empty());
    for r in rows {
        for field in
            ["department", "rank", "expected_vacancies", "ready_now", "ready_1_2", "developing", "short"]
        {
            assert!(r.get(field).is_some(), "{field} missing from {r}");
        }
        let short = r["expected_vacancies"].as_u64() > r["ready_now"].as_u64();
        assert_eq!(r["short"].as_bool(), Some(short), "{r}");
    }
    assert!(rows.iter().any(|r| r["short"] == true), "the demo has a department short of ready people");
    let text = s.ok(&["--lang", "zh", "bench"]);
    assert!(text.contains("储备不足"), "{text}");
    // a pool by its name wherever a pool is asked for
    let pools = json(&s.ok(&["pool", "list", "--json"]));
    let name = pools[0]["name"].as_str().unwrap();
    assert_eq!(s.ok(&["readiness", "--pool", name, "--json"]), s.ok(&["readiness", "--pool", "1", "--json"]));
    assert_eq!(s.ok(&["export", "pool", "--pool", name]), s.ok(&["export", "pool", "--pool", "1"]));
}

#[test]
fn a_manager_sees_its_departments_vacancies_and_shortlists_and_cannot_appoint() {
    let dir = tempfile::tempdir().unwrap();
    let engine = Arc::new(Engine::open(&dir.path().join("db"), "admin_user", true).unwrap());
    let admin = Service::new(Box::new(engine.clone()), "admin_user".into());
    cadre::demo::load(&admin, 240, 3, &mut |_| {}).unwrap();
    let ops = admin.operators().unwrap();
    let manager = ops.iter().find(|o| o.role == Role::Manager).unwrap().clone();
    let department = manager.department.clone().unwrap();
    let as_manager = Service::new(Box::new(engine.clone()), manager.user.clone());
    let seen = as_manager.vacancies().unwrap();
    assert!(seen.iter().all(|v| v.department == department), "only its own department's vacancies");
    let all = admin.vacancies().unwrap();
    if let Some(own) = all
        .iter()
        .find(|v| v.department == department && v.status != cadre::domain::vacancy::VacancyStatus::Filled)
    {
        let on = chrono::Local::now().date_naive();
        let rows = as_manager.shortlist(own.id, on).unwrap();
        assert!(rows.iter().all(|r| r.department == department));
    }
    let foreign = all.iter().find(|v| v.department != department).unwrap();
    assert!(as_manager.shortlist(foreign.id, chrono::Local::now().date_naive()).is_err());
    let err = as_manager
        .execute(Command::Appoint {
            vacancy_id: foreign.id,
            pool_id: 1,
            employee_id: "E000001".parse().unwrap(),
            seen: None,
            reason: String::new(),
            on: None,
        })
        .unwrap_err();
    assert!(err.to_string().contains("appoint"), "{err}");
}

#[test]
fn a_plan_is_shown_and_set_from_the_command_line() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "300"]);
    let courses = json(&s.ok(&["export", "courses"]));
    let course = courses[0]["code"].as_str().unwrap().to_string();
    let other = courses[1]["code"].as_str().unwrap().to_string();
    let file = s.file(
        "plan.toml",
        &format!("[[general]]\ncourse = \"{course}\"\ndue = \"2027-06-30\"\n\n[[by_department.\"财务部\"]]\ncourse = \"{other}\"\ndue = \"2027-09-30\"\n"),
    );
    let out = s.ok(&["--lang", "en", "plan", "set", "1", file.to_str().unwrap()]);
    assert!(out.contains("plan"), "{out}");
    let text = s.ok(&["--lang", "zh", "plan", "show", "1"]);
    assert!(
        text.contains("培养计划") && text.contains("截止 2027-06-30") && text.contains("财务部"),
        "{text}"
    );
    let shown = json(&s.ok(&["plan", "show", "1", "--json"]));
    assert_eq!(shown["general"].as_array().unwrap().len(), 1);
    assert_eq!(shown["by_department"]["财务部"][0]["due"], "2027-09-30");
    for (text, want) in [
        (format!("[[by_department.\"不存在部\"]]\ncourse = \"{course}\"\ndue = \"2027-06-30\"\n"), "no department named '不存在部'"),
        (format!("[[general]]\ncourse = \"{course}\"\ndue = \"2027-06-30\"\n[[general]]\ncourse = \"{course}\"\ndue = \"2027-09-30\"\n"), "twice"),
        (format!("[[general]]\ncourse = \"{course}\"\ndue = \"2027-06-30\"\ndur = \"x\"\n"), "dur"),
    ] {
        let err = s.fails(&["--lang", "en", "plan", "set", "1", s.file("p.toml", &text).to_str().unwrap()]);
        assert!(err.contains(want), "{want}: {err}");
    }
    let bad = s.file("bad.toml", "[[general]]\ncourse = 3\n");
    let err = s.fails(&["--lang", "zh", "plan", "set", "1", bad.to_str().unwrap()]);
    assert!(err.contains("第 2 行"), "{err}");
    s.ok(&["pool", "create", "empty", "--year", "2027", "--rank", "section_chief"]);
    assert!(s.ok(&["--lang", "en", "plan", "show", "empty"]).contains("has no development plan yet"));
}

#[test]
fn the_forecast_finds_the_q3_peak_and_when_short_departments_must_start() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "300"]);
    let f = json(&s.ok(&["forecast", "--json", "--on", "2026-11-20"]));
    let quarters = f["quarters"].as_array().unwrap();
    assert_eq!(quarters.len(), 4, "the policy's four quarters");
    assert_eq!((quarters[0]["year"].as_u64(), quarters[0]["quarter"].as_u64()), (Some(2026), Some(4)));
    let peak = quarters
        .iter()
        .max_by(|a, b| a["expected"].as_f64().unwrap().total_cmp(&b["expected"].as_f64().unwrap()))
        .unwrap();
    assert_eq!((peak["year"].as_u64(), peak["quarter"].as_u64()), (Some(2027), Some(3)), "{f}");
    // Q3 history: 6, 7 and 6 filled posts in 2024–2026, averaged
    assert!((peak["history"].as_f64().unwrap() - 19.0 / 3.0).abs() < 0.06, "{peak}");
    // a department whose peak is Q3 starts its plan three months before: 2027-04
    let starts = f["plan_starts"].as_array().unwrap();
    assert!(!starts.is_empty(), "the demo has departments short of ready people");
    let q3 = starts.iter().find(|s| s["peak"] == "2027-Q3").expect("a Q3 peak department");
    assert_eq!(q3["start_by"], "2027-04-01");
    assert_eq!(q3["months_left"], 4);
    for s in starts {
        assert!(s["expected"].as_u64() > s["ready_now"].as_u64(), "{s}");
    }
    let text = s.ok(&["--lang", "zh", "forecast", "--on", "2026-11-20"]);
    assert!(
        text.contains("2027年Q3") && text.contains("▲ 高峰") && text.contains("最迟 2027-04 启动培养"),
        "{text}"
    );

    // a known departure (an exit date ahead) of a section chief adds to its quarter
    let people = json(&s.ok(&["export", "employees"]));
    let chief = people
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["rank"] == "section_chief" && e["status"] == "active")
        .expect("a section chief");
    let csv = format!(
        "id,name,department,section,rank,hire_date,left_on\n{},{},{},{},section_chief,{},2027-02-15\n",
        chief["id"].as_str().unwrap(),
        chief["name"].as_str().unwrap(),
        chief["department"].as_str().unwrap(),
        chief["section"].as_str().unwrap(),
        chief["hire_date"].as_str().unwrap(),
    );
    let file = s.file("leaver.csv", &csv);
    s.ok(&["import", "employees", file.to_str().unwrap(), "--allow-extra"]);
    let f = json(&s.ok(&["forecast", "--json", "--on", "2026-11-20"]));
    assert_eq!(f["quarters"][1]["departures"], 1, "{f}");
    // a lead time out of range is refused by the policy
    let policy = s.ok(&["policy", "show"]).replace("plan_lead_months = 3", "plan_lead_months = 30");
    let file = s.file("p.toml", &policy);
    let err = s.fails(&["--lang", "en", "policy", "set", file.to_str().unwrap()]);
    assert!(err.contains("vacancy.plan_lead_months") && err.contains("1–24"), "{err}");
}

#[test]
fn the_appointment_rate_counts_appointments_within_a_year_and_a_reversal_reopens_the_post() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "300"]);
    let rate = |s: &Store| {
        let f = json(&s.ok(&["forecast", "--json"]));
        let r = f["appointment_rates"][0].clone();
        (r["appointed_within_year"].as_u64().unwrap(), r["base"].as_u64().unwrap())
    };
    let (before, base) = rate(&s);
    let open = json(&s.ok(&["vacancy", "list", "--json"]));
    let id = open.as_array().unwrap().iter().find(|v| v["status"] == "open").unwrap()["id"].to_string();
    let shortlist = json(&s.ok(&["vacancy", "shortlist", &id, "--json"]));
    let who = shortlist[0]["employee_id"].as_str().unwrap();
    s.ok(&["vacancy", "appoint", &id, who, "--reason", "岗位急需"]);
    assert_eq!(rate(&s), (before + 1, base), "one more appointed, the base unchanged");
    let text = s.ok(&["--lang", "zh", "pool", "list"]);
    assert!(text.contains("一年内任用率"), "{text}");
    let report = s.ok(&["--lang", "zh", "report", "readiness", "--pool", "1"]);
    assert!(report.contains(&format!("一年内任用率：{} / {base}", before + 1)), "{report}");
    s.ok(&["vacancy", "reverse", &id, "--reason", "任命决定撤回"]);
    let list = json(&s.ok(&["vacancy", "list", "--json"]));
    let v = list.as_array().unwrap().iter().find(|v| v["id"].as_u64() == id.parse().ok()).unwrap();
    assert_eq!(v["status"], "open", "a post opening later is still open after a reversal");
    assert_eq!(rate(&s).0, before);
}

#[test]
fn the_policy_decides_whether_the_own_department_comes_first_among_equals() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "300"]);
    s.ok(&[
        "vacancy",
        "open",
        "--department",
        "人力资源部",
        "--rank",
        "section_chief",
        "--due",
        "2027-03-31",
    ]);
    let list = json(&s.ok(&["vacancy", "list", "--json"]));
    let id = list[0]["id"].to_string();
    let order = |s: &Store| -> Vec<String> {
        json(&s.ok(&["vacancy", "shortlist", &id, "--json"]))
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["employee_id"].as_str().unwrap().to_string())
            .collect()
    };
    let own_first = order(&s);
    let policy =
        s.ok(&["policy", "show"]).replace("same_department_first = true", "same_department_first = false");
    let file = s.file("p.toml", &policy);
    s.ok(&["policy", "set", file.to_str().unwrap()]);
    let by_score = order(&s);
    assert_eq!(own_first.len(), by_score.len());
    assert_ne!(own_first, by_score, "the demo has an own-department candidate behind a higher composite");
}
