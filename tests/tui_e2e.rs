//! End to end: the real binary in a pseudo-terminal, keys typed, the screen read back
//! through a terminal emulator; then the store checked from the command line.

mod common;

use common::pty::Pty;
use common::Store;

/// The line of the screen holding `needle`.
fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen.lines().find(|l| l.contains(needle)).unwrap_or("")
}

#[test]
fn screen_nominate_admit_disqualify_quit_and_find_it_all_stored() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui"]);
    let db = s.db();
    let db = db.to_str().unwrap();
    let mut pty = Pty::spawn(&["--db", db, "--lang", "zh"], 140, 40);
    pty.wait_for("后备人才池");
    pty.wait_for("2026年后备室主任");

    // switch tabs and back
    pty.send("4");
    pty.wait_for("可任用 5");
    pty.send("1");
    pty.wait_for("近三年绩效");

    // search a Chinese name: the profile beside the table follows the selection
    pty.send("/王娜\r");
    pty.wait_for("王娜 (E");

    // screening, mark two, nominate
    pty.send("e");
    pty.wait_for("资格审核：符合全部规则的候选人");
    pty.send("  ");
    pty.wait_for("已标记 2");
    pty.send("c");
    let screen = pty.wait_for("已提名 2: ");
    let names: Vec<String> = line_with(&screen, "已提名 2: ")
        .split("已提名 2: ")
        .nth(1)
        .unwrap()
        .trim()
        .split('、')
        .map(str::to_string)
        .collect();
    assert_eq!(names.len(), 2, "{screen}");

    // admit the first
    pty.send(&format!("/{}\r", names[0]));
    pty.wait_for(&format!("{} (E", names[0]));
    pty.send("a");
    pty.wait_for(&format!("{}: 已入池", names[0]));

    // disqualify the second with a Chinese reason typed into the reason box
    pty.send(&format!("/{}\r", names[1]));
    pty.wait_for(&format!("{} (E", names[1]));
    pty.send("x");
    pty.wait_for("取消资格:");
    pty.send("绩效下滑，暂缓培养");
    pty.wait_for("绩效下滑，暂缓培养");
    pty.send("\r");
    pty.wait_for(&format!("{}: 已取消资格", names[1]));

    pty.send("q");
    assert!(pty.wait_exit().success());
    assert!(!pty.alternate_screen(), "the terminal is back on the main screen");

    // reopen: the disqualified member's history shows the reason
    let mut again = Pty::spawn(&["--db", db, "--lang", "zh"], 140, 40);
    again.wait_for("2026年后备室主任");
    again.send(&format!("/{}\r", names[1]));
    again.wait_for("绩效下滑，暂缓培养");
    again.send("q");
    again.wait_exit();

    let pool = s.ok(&["export", "pool", "--format", "csv"]);
    let row = |name: &str| {
        pool.lines()
            .find(|l| l.contains(&format!(",{name},")))
            .unwrap_or_else(|| panic!("{name} not in pool:\n{pool}"))
            .to_string()
    };
    assert!(row(&names[0]).contains(",admitted,"), "{}", row(&names[0]));
    let second = row(&names[1]);
    assert!(second.contains(",disqualified,") && second.contains("绩效下滑，暂缓培养"), "{second}");
    let me = cadre::service::os_user().unwrap();
    assert!(second.ends_with(&format!(",{me}")), "the operator is recorded: {second}");
    let audit = s.ok(&["export", "audit", "--format", "csv"]);
    assert!(audit.contains(",nominate,") && audit.contains(",transition_member,"), "{audit}");
}

#[test]
fn a_malformed_user_keymap_is_a_startup_error_on_a_usable_terminal() {
    let s = Store::new();
    s.ok(&["init"]);
    let bad = s.file(
        "keys.toml",
        "[pool]\nkeys = [{ on = \"<C-\", run = \"admit\" }, { on = \"z\", run = \"explode\" }]\n",
    );
    let db = s.db();
    let mut pty = Pty::spawn(&["--db", db.to_str().unwrap(), "--keymap", bad.to_str().unwrap()], 100, 20);
    let status = pty.wait_exit();
    assert!(!status.success());
    let screen = pty.screen();
    assert!(screen.contains("[pool] entry 1"), "{screen}");
    assert!(screen.contains("'<C-' is not a key"), "{screen}");
    assert!(!pty.alternate_screen(), "never left the main screen");
}

#[test]
fn a_tiny_terminal_asks_for_room_and_redraws_on_resize() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "200"]);
    let db = s.db();
    let mut pty = Pty::spawn(&["--db", db.to_str().unwrap(), "--lang", "en"], 50, 10);
    pty.wait_for("Terminal too small: need at least 60x12");
    pty.resize(100, 30);
    pty.wait_for("Talent pool");
    pty.send("?");
    pty.wait_for("Run screening");
    pty.send("\x1b");
    pty.send("q");
    assert!(pty.wait_exit().success());
    assert!(!pty.alternate_screen());
}

/// The reviews the queue shows on top, read from the screen: (name, stage).
fn top_of_queue(screen: &str) -> (String, String) {
    let line = screen.lines().skip_while(|l| !l.contains("候选人")).nth(1).unwrap_or("");
    let mut cells = line.split_whitespace();
    (cells.next().unwrap_or("").to_string(), cells.nth(1).unwrap_or("").to_string())
}

#[test]
fn three_reviews_in_a_row_within_the_key_budget_and_stored() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui"]);
    let db = s.db();
    let db = db.to_str().unwrap();
    let pending_before = s.ok(&["reflections", "--pending", "--json"]).lines().count();
    let mut pty = Pty::spawn(&["--db", db, "--lang", "zh"], 140, 40);
    pty.wait_for("2026年后备室主任");
    pty.send("3");
    let mut screen = pty.wait_for("候选人");
    // (score, comment, decision key); digits and comment text are not counted
    let reviews = [
        ("75", "缺乏团队管理的实际案例，请补充后重写", "\x12"),
        ("86", "", "\x01"),
        ("91", "行动计划具体，同意", "\x01"),
    ];
    let mut reviewed = Vec::new();
    for (score, comment, decide) in reviews {
        let who = top_of_queue(&screen);
        let mut keys = 0;
        pty.send("\r"); // open the score box
        keys += 1;
        pty.wait_for("分数（0–100）");
        pty.send(score);
        if !comment.is_empty() {
            pty.send("\r"); // to the comment box
            keys += 1;
            pty.wait_for("点评：Ctrl-A");
            pty.send(comment);
            pty.wait_for(comment);
        }
        pty.send(decide);
        keys += 1;
        screen = pty.wait_for(&format!("{}: ", who.0));
        assert!(keys <= 4, "a review took {keys} keys beyond the score and the comment");
        reviewed.push((who, score, comment));
    }
    pty.send("q");
    assert!(pty.wait_exit().success());

    let pending_after = s.ok(&["reflections", "--pending", "--json"]).lines().count();
    assert_eq!(pending_after, pending_before - 3);
    let all: Vec<serde_json::Value> =
        s.ok(&["reflections", "--json"]).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let me = cadre::service::os_user().unwrap();
    for ((name, _stage), score, comment) in &reviewed {
        let found = all
            .iter()
            .find(|r| {
                r["name"] == name.as_str()
                    && r["score"] == score.parse::<u64>().unwrap()
                    && r["reviewer"] == me.as_str()
            })
            .unwrap_or_else(|| panic!("review of {name} with {score} not stored"));
        let want = if *score == "75" { "returned" } else { "accepted" };
        assert_eq!(found["state"], want);
        assert_eq!(found["comment"], *comment);
    }
}

#[test]
fn a_reflection_pasted_into_the_tui_is_handed_in_with_its_line_breaks() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui"]);
    let db = s.db();
    let db = db.to_str().unwrap();
    let mut pty = Pty::spawn(&["--db", db, "--lang", "zh"], 140, 40);
    pty.wait_for("2026年后备室主任");
    pty.send("/王娜\r");
    pty.wait_for("王娜 (E");
    pty.send("r");
    pty.wait_for("提交心得，阶段");
    let text = "第三阶段心得：带队实践\n\n今年我带领 4 人小组完成了客服热线改造，Q3 满意度提升到 96%。\n下一步：把经验写成带教手册。";
    pty.send(&format!("\x1b[200~{text}\x1b[201~"));
    pty.wait_for("把经验写成带教手册");
    pty.send("\x13");
    pty.wait_for("submitted");
    pty.send("q");
    assert!(pty.wait_exit().success());
    let queue = s.ok(&["reflections", "--pending", "--json"]);
    // The newest of 王娜's pending reflections is the one just handed in.
    let id = queue
        .lines()
        .filter(|l| l.contains("\"name\":\"王娜\""))
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_u64().unwrap())
        .max()
        .unwrap_or_else(|| panic!("{queue}"));
    let all: Vec<serde_json::Value> = serde_json::from_str(&s.ok(&["export", "reflections"])).unwrap();
    let r = all.iter().find(|r| r["id"] == id).unwrap();
    assert_eq!(r["versions"][0]["title"], "第三阶段心得：带队实践");
    assert_eq!(r["versions"][0]["body"], text);
}

#[test]
fn hours_and_an_exam_score_typed_in_the_courses_panel_are_stored() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui"]);
    let db = s.db();
    let db = db.to_str().unwrap();
    // A member with an unfinished exam course at most 4 hours from the end, from the store.
    let enrollments: Vec<serde_json::Value> =
        serde_json::from_str(&s.ok(&["export", "enrollments"])).unwrap();
    let pool = s.ok(&["export", "pool", "--format", "csv"]);
    let (who, course, name) = enrollments
        .iter()
        .filter(|e| e["completed_on"].is_null())
        .filter(|e| e["hours_required"].as_f64().unwrap() - e["hours_done"].as_f64().unwrap() <= 4.0)
        .filter(|e| {
            ["L101", "L102", "L103", "M301", "M302", "M303", "S201", "S202"]
                .contains(&e["course_code"].as_str().unwrap())
        })
        .find_map(|e| {
            let id = e["employee_id"].as_str().unwrap();
            let row = pool.lines().find(|l| {
                l.starts_with("1,") && l.contains(&format!(",{id},")) && l.contains(",admitted,")
            })?;
            Some((
                id.to_string(),
                e["course_code"].as_str().unwrap().to_string(),
                row.split(',').nth(2).unwrap().to_string(),
            ))
        })
        .expect("an admitted member close to finishing a course");
    let before: serde_json::Value = serde_json::from_str(&s.ok(&["points", &who, "--json"])).unwrap();

    let mut pty = Pty::spawn(&["--db", db, "--lang", "zh"], 140, 40);
    pty.wait_for("2026年后备室主任");
    pty.send(&format!("/{name}\r"));
    pty.wait_for(&format!("{name} (E"));
    pty.send("2");
    pty.wait_for("积分");
    // move to the course: its position among the member's courses (shown in code order)
    let index = {
        let mut codes: Vec<&str> = enrollments
            .iter()
            .filter(|e| e["employee_id"] == who.as_str())
            .map(|e| e["course_code"].as_str().unwrap())
            .collect();
        codes.sort();
        codes.iter().position(|c| *c == course).unwrap()
    };
    for _ in 0..index {
        pty.send("J");
    }
    pty.send("h");
    pty.wait_for("本次学时");
    pty.send("4\r");
    pty.wait_for("completed");
    pty.send("t");
    pty.wait_for("考试成绩 0–100");
    pty.send("88\r");
    pty.wait_for("考试 88");
    pty.send("q");
    assert!(pty.wait_exit().success());

    let after: serde_json::Value = serde_json::from_str(&s.ok(&["points", &who, "--json"])).unwrap();
    let gained = after["balance"].as_i64().unwrap() - before["balance"].as_i64().unwrap();
    assert!(gained >= 15, "completion (+10 or +20) and a passed exam (+5): {gained}");
    let stored: Vec<serde_json::Value> = serde_json::from_str(&s.ok(&["export", "enrollments"])).unwrap();
    let e = stored
        .iter()
        .find(|e| e["employee_id"] == who.as_str() && e["course_code"] == course.as_str())
        .unwrap();
    assert!(!e["completed_on"].is_null(), "{e}");
    assert_eq!(e["attempts"].as_array().unwrap().last().unwrap()["score"], 88);
}

#[test]
fn readiness_nine_box_gate_list_and_a_discarded_what_if_leave_the_policy_alone() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui"]);
    let policy_before = s.ok(&["policy", "show"]);
    let db = s.db();
    let db = db.to_str().unwrap();
    let mut pty = Pty::spawn(&["--db", db, "--lang", "en"], 80, 24);
    pty.wait_for("Talent pool");
    pty.send("4");
    pty.wait_for("READY 5 | 1-2 YRS 20");
    // the 9-box and back
    pty.send("b");
    pty.wait_for("perf high");
    pty.send("b");
    pty.wait_for("    1 READY");
    // the gate list of the member held back by one reflection scored 78
    pty.send("/欧阳\r");
    let screen = pty.wait_for("    6 1-2 YRS");
    assert!(line_with(&screen, "欧阳娜仁托").contains("1 reflection"), "{screen}");
    pty.send("\r");
    let screen = pty.wait_for("Gates");
    assert!(screen.contains("✗ reflections 2/3 stages >= 80"), "{screen}");
    assert!(screen.contains("✓ 360"), "{screen}");
    pty.send("\r");
    // what-if: the reflection pass score down by two
    pty.send("w");
    pty.wait_for("What-if: j/k choose");
    pty.send("--");
    pty.wait_for("1 change level");
    pty.send("\r");
    let screen = pty.wait_for("WHAT-IF (unsaved): reflection.pass_score 80->78");
    let row = line_with(&screen, "欧阳娜仁托");
    assert!(row.starts_with('*') && row.contains("READY"), "{screen}");
    // discard: back to the stored policy
    pty.send("u");
    let screen = pty.wait_for("the policy is unchanged");
    assert!(line_with(&screen, "欧阳娜仁托").contains("1-2 YRS"), "{screen}");
    pty.send("q");
    assert!(pty.wait_exit().success());
    assert_eq!(s.ok(&["policy", "show"]), policy_before);
    assert!(!s.ok(&["export", "audit"]).contains("set_policy"));
}
