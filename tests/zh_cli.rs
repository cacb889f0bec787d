//! A Chinese session's command line: every refusal and error is worded in Chinese (names
//! and codes aside), scanned for English phrases.

mod common;

use common::Store;

/// An English phrase in a line: two or more Latin words in a row, one of them lowercase.
/// Commands in backticks are code, not prose.
fn english_phrase(line: &str) -> Option<String> {
    let line: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    let mut run: Vec<&str> = Vec::new();
    let mut best: Option<String> = None;
    let flush = |run: &mut Vec<&str>, best: &mut Option<String>| {
        if run.len() >= 2 && run.iter().any(|w| w.chars().all(|c| c.is_ascii_lowercase())) {
            best.get_or_insert_with(|| run.join(" "));
        }
        run.clear();
    };
    for token in line.split([' ', '\t']) {
        let word = token.trim_matches(|c: char| ",.:;()'\"".contains(c));
        if word.len() >= 2 && word.chars().all(|c| c.is_ascii_alphabetic()) {
            run.push(word);
        } else {
            flush(&mut run, &mut best);
        }
        // a list (`id, name, department`) is names, not a sentence
        if token.ends_with([',', ';', '、']) {
            flush(&mut run, &mut best);
        }
    }
    flush(&mut run, &mut best);
    best
}

#[test]
fn chinese_errors_of_the_command_line_hold_no_english_phrase() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "200"]);
    let missing = s.path("missing.csv");
    let bad_header = s.file(
        "bad.csv",
        "工号,姓名,部门,科室,职级,入职日期,状态,颜色\nE1,张三,销售部,一室,staff,2020-01-01,active,红\n",
    );
    let bad_row = s.file(
        "row.csv",
        "employee_id,name,department,section,rank,hire_date,status\nE1,张三,销售部,一室,staff,2020-13-45,active\n",
    );
    let bad_policy = s.file("p.toml", "[reflection]\npass_score = 300\n");
    let nowhere = s.path("nowhere");
    // imports through a mapping: an unmapped value, a bad mapping, a date the other way
    // round, unknown people and courses, and a re-import that would undo work
    let titles =
        s.file("t.csv", "工号,姓名,部门,科室,职务,入职日期\nQ1,张三,销售部,一室,技术员,12/25/2019\n");
    let titles_map = s.file("t.toml", "[columns]\nid = \"工号\"\nname = \"姓名\"\ndepartment = \"部门\"\nsection = \"科室\"\nrank = \"职务\"\nhire_date = \"入职日期\"\n[values.rank]\n\"科长\" = \"室主任\"\n[dates]\nformats = [\"%d/%m/%Y\"]\n");
    let bad_map = s.file("b.toml", "[columns]\nbirthday = \"生日\"\n");
    let broken_map = s.file("x.toml", "[columns\nid = 1\n");
    let refs = s.file("r.csv", "employee_id,course,due\nNOBODY,没有这门课,2026-12-31\n");
    let enrollments: serde_json::Value = serde_json::from_str(&s.ok(&["export", "enrollments"])).unwrap();
    let done =
        enrollments.as_array().unwrap().iter().find(|e| !e["completed_on"].is_null()).expect("a completion");
    let undo = s.file(
        "u.csv",
        &format!(
            "employee_id,course,due,hours_done,completed_on\n{},{},2026-12-31,0,\n",
            done["employee_id"].as_str().unwrap(),
            done["course_code"].as_str().unwrap()
        ),
    );
    let cases: Vec<Vec<&str>> = vec![
        vec!["import", "employees", titles.to_str().unwrap(), "--map", titles_map.to_str().unwrap()],
        vec!["import", "employees", titles.to_str().unwrap(), "--map", bad_map.to_str().unwrap()],
        vec!["import", "employees", titles.to_str().unwrap(), "--map", broken_map.to_str().unwrap()],
        vec!["import", "enrollments", refs.to_str().unwrap()],
        vec!["import", "enrollments", undo.to_str().unwrap(), "--clear-blank"],
        vec!["pool", "show", "没有的池"],
        vec!["pool", "admit", "1"],
        vec!["import", "employees", missing.to_str().unwrap()],
        vec!["import", "employees", bad_header.to_str().unwrap()],
        vec!["import", "employees", bad_row.to_str().unwrap()],
        vec!["policy", "set", bad_policy.to_str().unwrap()],
        vec!["points", "E999999"],
        vec!["undo", "999999"],
        vec!["reflection", "reopen", "999999", "--reason", "x"],
        vec!["export", "pool", "--pool", "999"],
        vec!["init"],
    ];
    let mut found = Vec::new();
    for args in &cases {
        let mut full = vec!["--lang", "zh"];
        full.extend(args.iter().copied());
        let out = s.run(&full);
        assert!(!out.status.success(), "{args:?} should fail");
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(err.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{args:?}: not Chinese: {err}");
        for line in err.lines() {
            if let Some(p) = english_phrase(line) {
                found.push(format!("{args:?}: '{p}' in: {line}"));
            }
        }
    }
    let other = common::cadre(&nowhere, &["--lang", "zh", "export", "pool"]);
    let err = String::from_utf8_lossy(&other.stderr).into_owned();
    assert!(!other.status.success());
    for line in err.lines() {
        if let Some(p) = english_phrase(line) {
            found.push(format!("no store: '{p}' in: {line}"));
        }
    }
    assert!(found.is_empty(), "English in Chinese errors:\n{}", found.join("\n"));
}
