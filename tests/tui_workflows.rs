//! The operator's workflows through the shell, in-process: keys in, the store read back.
//! Reopening and undoing a review, a manager's session, pinyin search over every page of
//! the queue, exporting a list, status lines that belong to their tab and fade, a
//! what-if made the policy, figures fresh after a review, and keys only from the keymap.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use cadre::domain::access::Role;
use cadre::domain::reflection::ReflectionState;
use cadre::locale::Lang;
use cadre::service::command::Command;
use cadre::service::engine::Engine;
use cadre::service::Service;
use cadre::tui::action::Panel;
use cadre::tui::keymap::{Key, Keymap};
use cadre::tui::layers::Layer;
use cadre::tui::theme::Theme;
use common::shell::{press, render, shell};

const WIDE: (u16, u16) = (140, 40);

/// A demo store of its own, and the engine (for services acting as other operators).
fn store() -> (tempfile::TempDir, Arc<Engine>, Service) {
    let dir = tempfile::tempdir().unwrap();
    let engine = Arc::new(Engine::open(&dir.path().join("db"), "hr", true).unwrap());
    let service = Service::new(Box::new(engine.clone()), "hr".into());
    cadre::demo::load(&service, 600, cadre::demo::DEFAULT_SEED, &mut |_| {}).unwrap();
    (dir, engine, service)
}

fn first_pending(service: &Service) -> cadre::service::query::QueueRow {
    service.reflection_queue(Some(ReflectionState::Pending), None, None, 1).unwrap().0.remove(0)
}

#[test]
fn an_accepted_review_is_reopened_with_a_reason_and_its_points_reversed() {
    let (_d, _e, s) = store();
    let row = first_pending(&s);
    let before = s.points(row.employee_id.clone()).unwrap().balance;
    let mut sh = shell(&s, Lang::Zh, WIDE);
    press(&mut sh, &s, "3 <Enter> 88 <C-a>");
    let after_review = s.points(row.employee_id.clone()).unwrap().balance;
    assert!(after_review > before, "an accepted reflection grants points");
    // the accepted one is found under the accepted filter and reopened
    press(&mut sh, &s, "f");
    assert!(matches!(sh.top_layer(), Some(Layer::Picker(_))));
    // the picker narrows as you type
    press(&mut sh, &s, "已通过 <Enter>");
    let screen = render(&mut sh, &s, WIDE);
    assert!(screen.contains("已通过 |"), "{screen}");
    press(&mut sh, &s, &format!("/{} <Enter>", row.name));
    press(&mut sh, &s, "z");
    let screen = render(&mut sh, &s, WIDE);
    assert!(screen.contains("重新打开评审"), "{screen}");
    // an empty reason is refused and the box stays
    press(&mut sh, &s, "<C-s>");
    assert!(matches!(sh.top_layer(), Some(Layer::TextBox(_))));
    press(&mut sh, &s, "分数录入错误，应为78 <C-s>");
    assert!(sh.top_layer().is_none(), "the box closes once the reopening is recorded");
    // the person's accepted reflection the search found (the first of theirs) is pending again
    let theirs = s.reflections(row.employee_id.clone()).unwrap();
    let reopened: Vec<_> = theirs.iter().filter(|r| !r.reopened.is_empty()).collect();
    assert_eq!(reopened.len(), 1, "{theirs:?}");
    assert_eq!(reopened[0].state, ReflectionState::Pending);
    assert_eq!(reopened[0].reopened[0].reason, "分数录入错误，应为78");
    assert!(s.points(row.employee_id.clone()).unwrap().balance < after_review, "its points went back");
}

#[test]
fn undo_takes_back_my_last_review_after_a_confirmation() {
    let (_d, _e, s) = store();
    let row = first_pending(&s);
    let mut sh = shell(&s, Lang::Zh, WIDE);
    press(&mut sh, &s, "U");
    assert_eq!(sh.note().unwrap().text, "本次会话还没有可撤销的操作");
    press(&mut sh, &s, "3 <Enter> 86 <C-a>");
    assert_eq!(s.reflection(row.id).unwrap().state, ReflectionState::Accepted);
    press(&mut sh, &s, "U");
    let screen = render(&mut sh, &s, WIDE);
    assert!(screen.contains("撤销我的上一步") && screen.contains(&row.name), "{screen}");
    press(&mut sh, &s, "n");
    assert_eq!(s.reflection(row.id).unwrap().state, ReflectionState::Accepted, "n keeps it");
    press(&mut sh, &s, "U y");
    assert_eq!(s.reflection(row.id).unwrap().state, ReflectionState::Pending);
    // the queue shows it again, without a key to refresh it
    let screen = render(&mut sh, &s, WIDE);
    assert!(screen.contains(&row.name), "{screen}");
}

#[test]
fn a_disqualification_warns_it_is_final_and_undo_says_so_too() {
    let (_d, _e, s) = store();
    let mut sh = shell(&s, Lang::Zh, WIDE);
    // the third row is a live member
    press(&mut sh, &s, "j j x 两次考核不合格 <C-s>");
    let screen = render(&mut sh, &s, WIDE);
    assert!(screen.contains("此操作不可撤销"), "{screen}");
    press(&mut sh, &s, "y U y");
    let note = sh.note().unwrap();
    assert!(note.error && note.text.contains("不能撤销"), "{note:?}");
}

#[test]
fn a_review_keeps_its_comment_through_esc_and_a_refused_score() {
    let (_d, _e, s) = store();
    let row = first_pending(&s);
    let mut sh = shell(&s, Lang::Zh, WIDE);
    press(&mut sh, &s, "3 <Enter> 85 <Tab> 请补充案例 <Esc>");
    let screen = render(&mut sh, &s, WIDE);
    assert!(screen.contains("请补充案例"), "back at the score, the comment is still there:\n{screen}");
    // a score outside 0-100 is refused with the range; nothing is stored
    press(&mut sh, &s, "<Backspace> <Backspace> 105 <C-r>");
    let screen = render(&mut sh, &s, WIDE);
    assert!(screen.contains("分数须为 0–100"), "{screen}");
    assert_eq!(s.reflection(row.id).unwrap().state, ReflectionState::Pending);
    // leave, come back: the draft is restored
    press(&mut sh, &s, "<Esc> j k <Enter>");
    let screen = render(&mut sh, &s, WIDE);
    assert!(screen.contains("105") && screen.contains("请补充案例"), "{screen}");
    press(&mut sh, &s, "<Backspace> <Backspace> <Backspace> 72 <C-r>");
    let r = s.reflection(row.id).unwrap();
    assert_eq!(r.state, ReflectionState::Returned);
    assert_eq!(r.latest().review.as_ref().unwrap().comment, "请补充案例");
}

#[test]
fn a_managers_session_shows_its_department_and_only_its_own_actions() {
    let (_d, engine, s) = store();
    let row = first_pending(&s);
    s.execute(Command::AddOperator {
        user: "mgr".into(),
        role: Role::Manager,
        department: Some(row.department.clone()),
    })
    .unwrap();
    let mine = s
        .reflection_queue(Some(ReflectionState::Pending), Some(row.department.clone()), None, 100)
        .unwrap()
        .0
        .len();
    let all = s.counts().unwrap().pending_reflections;
    assert!(mine < all);
    let m = Service::new(Box::new(engine), "mgr".into());
    let mut sh = shell(&m, Lang::Zh, WIDE);
    let screen = render(&mut sh, &m, WIDE);
    assert!(
        screen.contains(&format!("3 心得点评 ({mine})")),
        "the badge counts the manager's department:\n{screen}"
    );
    assert!(screen.contains("部门经理"), "{screen}");
    // the hint bar and help offer no staff actions
    let hints = screen.lines().last().unwrap();
    assert!(!hints.contains("资格审核") && !hints.contains("取消资格") && hints.contains("搜索"), "{hints}");
    press(&mut sh, &m, "?");
    let help = render(&mut sh, &m, WIDE);
    assert!(!help.contains("取消资格（不可撤销）") && !help.contains("e         资格审核"), "{help}");
    assert!(help.contains("搜索"), "{help}");
    press(&mut sh, &m, "<Esc> e");
    assert_eq!(sh.note().unwrap().text, "您的角色不能执行此操作");
    // the `:` line offers only what the role may do
    press(&mut sh, &m, ": scr");
    let line = render(&mut sh, &m, WIDE);
    assert!(!line.contains("screen "), "{line}");
    press(&mut sh, &m, "<Esc>");
    // the queue lists the department's reflections, and the manager reviews one
    press(&mut sh, &m, "3");
    let queue = render(&mut sh, &m, WIDE);
    assert!(queue.contains(&row.name), "{queue}");
    press(&mut sh, &m, "<Enter> 90 <C-a>");
    assert_eq!(s.reflection(row.id).unwrap().state, ReflectionState::Accepted);
}

#[test]
fn search_in_the_queue_reaches_every_page_by_pinyin() {
    let (_d, _e, s) = store();
    let all = s.reflection_queue(None, None, None, 5000).unwrap().0;
    let last = all.last().unwrap().clone();
    let mut sh = shell(&s, Lang::Zh, WIDE);
    // every state, so the list is longer than a page
    press(&mut sh, &s, "3 f");
    press(&mut sh, &s, "<Up> <Up> <Up> <Up> <Down> <Down> <Down> <Enter>");
    use pinyin::ToPinyin;
    let initials: String = last.name.as_str().to_pinyin().flatten().map(|p| p.first_letter()).collect();
    press(&mut sh, &s, &format!("/ {initials}"));
    let screen = render(&mut sh, &s, WIDE);
    assert!(screen.contains("匹配 1/"), "{screen}");
    press(&mut sh, &s, "<Enter>");
    let screen = render(&mut sh, &s, WIDE);
    assert!(
        screen.contains(&format!("{}（{}）", last.name, last.employee_id)) || screen.contains(&last.name),
        "{screen}"
    );
}

#[test]
fn the_list_in_view_is_exported_to_a_private_csv_and_xlsx() {
    let (dir, _e, s) = store();
    let mut sh = shell(&s, Lang::Zh, WIDE);
    let csv = dir.path().join("pool.csv");
    press(&mut sh, &s, "<C-o> <C-u>");
    press(&mut sh, &s, csv.to_str().unwrap());
    press(&mut sh, &s, "<Enter>");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("姓名,工号,部门/科室"), "{text}");
    assert_eq!(text.lines().count(), 41, "a header and the 40 members");
    let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&csv).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);
    assert!(sh.note().unwrap().text.contains("已写入 40 行"), "{:?}", sh.note());
    // a name that is neither .csv nor .xlsx is refused in the prompt
    press(&mut sh, &s, "4 <C-o> <C-u> report.txt <Enter>");
    assert!(matches!(sh.top_layer(), Some(Layer::Prompt(_))));
    let xlsx = dir.path().join("readiness.xlsx");
    press(&mut sh, &s, "<C-u>");
    press(&mut sh, &s, xlsx.to_str().unwrap());
    press(&mut sh, &s, "<Enter>");
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
}

#[test]
fn a_status_message_belongs_to_its_tab_fades_and_stays_in_the_log() {
    let (_d, _e, s) = store();
    let mut sh = shell(&s, Lang::Zh, WIDE);
    press(&mut sh, &s, "c");
    assert_eq!(sh.note().unwrap().text, "已清除筛选");
    press(&mut sh, &s, "2");
    assert!(sh.note().is_none(), "another tab has its own status line");
    press(&mut sh, &s, "1");
    assert!(sh.note().is_some());
    assert!(sh.tick(Instant::now() + Duration::from_secs(6)));
    assert!(sh.note().is_none(), "gone after a few seconds");
    press(&mut sh, &s, "j");
    for _ in 0..120 {
        press(&mut sh, &s, "c");
    }
    assert_eq!(sh.ctx.log.len(), 100, "the log keeps the last 100");
    press(&mut sh, &s, "M");
    assert!(matches!(sh.top_layer(), Some(Layer::Log(_))));
}

#[test]
fn a_what_if_becomes_the_policy_after_a_confirmation_naming_what_moves() {
    let (_d, _e, s) = store();
    let mut sh = shell(&s, Lang::Zh, WIDE);
    press(&mut sh, &s, "4 W - -");
    let screen = render(&mut sh, &s, WIDE);
    assert!(screen.contains("心得及格分") && screen.contains("80 → 78"), "{screen}");
    press(&mut sh, &s, "A");
    let screen = render(&mut sh, &s, WIDE);
    assert!(screen.contains("心得及格分: 80 → 78"), "{screen}");
    assert!(screen.contains("人等级变化"), "{screen}");
    press(&mut sh, &s, "y");
    assert_eq!(s.policy().unwrap().reflection.pass_score, 78);
    assert!(!render(&mut sh, &s, WIDE).contains("假设分析（未保存）"));
}

#[test]
fn after_a_review_the_pool_shows_the_new_points_without_a_refresh_key() {
    let (_d, _e, s) = store();
    let row = first_pending(&s);
    let mut sh = shell(&s, Lang::Zh, WIDE);
    press(&mut sh, &s, &format!("/{} <Enter>", row.name));
    let before = s.points(row.employee_id.clone()).unwrap().balance;
    let screen = render(&mut sh, &s, WIDE);
    assert!(screen.contains(&format!("积分: {before}")), "{screen}");
    press(&mut sh, &s, "3 <Enter> 90 <C-a> 1");
    let after = s.points(row.employee_id.clone()).unwrap().balance;
    assert!(after > before);
    let screen = render(&mut sh, &s, WIDE);
    assert!(screen.contains(&format!("积分: {after}")), "{screen}");
}

#[test]
fn every_key_the_ui_reacts_to_comes_from_the_keymap() {
    // the sources: no key codes outside the keymap and the terminal reader
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let mut stack = vec![root];
    let mut found = Vec::new();
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if name == "keymap.rs" || name == "input.rs" || !name.ends_with(".rs") {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            if text.contains("KeyCode::") {
                found.push(p.display().to_string());
            }
        }
    }
    assert!(found.is_empty(), "keys named outside the keymap: {found:?}");

    // a keymap without bindings: no key does anything
    let (_d, _e, s) = store();
    let empty = Keymap::parse("", "empty").unwrap();
    let mut sh = cadre::tui::session(Lang::Zh, cadre::demo::pipeline::demo_today(), empty, Theme::plain());
    sh.resize(ratatui::layout::Rect::new(0, 0, 140, 40));
    cadre::tui::settle(&mut sh, &s);
    let mut keys: Vec<Key> =
        "qj?/:123456789aAbBcCdDeEfgGhHkKlLmMnNoOpPrRsStTuUvVwWxXyYzZ +-".chars().map(Key::char).collect();
    for k in [
        "<Enter>",
        "<Esc>",
        "<Tab>",
        "<BackTab>",
        "<Down>",
        "<PageDown>",
        "<C-c>",
        "<C-d>",
        "<C-o>",
        "<Space>",
    ] {
        keys.push(Key::parse(k).unwrap());
    }
    for k in keys {
        sh.key(k);
        cadre::tui::settle(&mut sh, &s);
        assert!(!sh.quit, "{k:?} quit");
        assert!(sh.top_layer().is_none(), "{k:?} opened a layer");
        assert_eq!(sh.ctx.panel, Panel::Pool, "{k:?} switched tabs");
    }

    // a user's keymap moves quit to Q: q searches instead
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.toml");
    std::fs::write(
        &path,
        "[global]\nkeys = [{ on = \"q\", run = \"search\" }, { on = \"Q\", run = \"quit\" }]\n",
    )
    .unwrap();
    let mine = Keymap::load(Some(&path)).unwrap();
    let mut sh = cadre::tui::session(Lang::Zh, cadre::demo::pipeline::demo_today(), mine, Theme::plain());
    cadre::tui::settle(&mut sh, &s);
    sh.key(Key::char('q'));
    assert!(!sh.quit && matches!(sh.top_layer(), Some(Layer::Search(_))));
    sh.key(Key::parse("<Esc>").unwrap());
    sh.key(Key::char('Q'));
    assert!(sh.quit);
}

#[test]
fn a_cohort_is_created_renamed_and_closed_and_the_marked_are_admitted_together() {
    let (_d, engine, s) = store();
    let nominated: Vec<_> = s
        .members(1)
        .unwrap()
        .into_iter()
        .filter(|m| m.member.state == cadre::domain::pool::MemberState::Nominated)
        .take(2)
        .collect();
    assert_eq!(nominated.len(), 2, "the demo pool has people nominated");
    let mut sh = shell(&s, Lang::Zh, WIDE);
    for m in &nominated {
        press(&mut sh, &s, &format!("/{} <Enter> <Space>", m.name));
    }
    let screen = render(&mut sh, &s, WIDE);
    assert!(screen.contains("已标记 2"), "{screen}");
    press(&mut sh, &s, "a");
    let screen = render(&mut sh, &s, WIDE);
    assert!(screen.contains("将以下 2 人正式纳入"), "{screen}");
    assert!(screen.contains(&nominated[0].name) && screen.contains(&nominated[1].name), "{screen}");
    press(&mut sh, &s, "y");
    for m in &nominated {
        let now = s.members(1).unwrap().into_iter().find(|r| r.member.employee_id == m.member.employee_id);
        assert_eq!(now.unwrap().member.state, cadre::domain::pool::MemberState::Admitted, "{}", m.name);
    }

    // a new cohort, renamed, closed: then nobody is nominated into it
    press(&mut sh, &s, "P <C-u> 2027年试点 <C-s>");
    let pools = s.pools().unwrap();
    let new = pools.iter().find(|p| p.name == "2027年试点").expect("created from the form");
    assert_eq!(new.rules, s.policy().unwrap().eligibility.section_chief, "rules from the policy");
    while sh.ctx.pool != Some(new.id) {
        press(&mut sh, &s, "p");
    }
    press(&mut sh, &s, "T <C-u> 2027年试点班 <Enter>");
    assert!(s.pools().unwrap().iter().any(|p| p.id == new.id && p.name == "2027年试点班"));
    press(&mut sh, &s, "C y");
    let closed = s.pools().unwrap().into_iter().find(|p| p.id == new.id).unwrap();
    assert_eq!(closed.closed, Some(cadre::demo::pipeline::demo_today()));
    let screen = render(&mut sh, &s, WIDE);
    assert!(screen.contains("2027年试点班（已结束）"), "{screen}");
    let err = s
        .execute(Command::Nominate {
            pool_id: new.id,
            employee_ids: vec![nominated[0].member.employee_id.clone()],
            reason: String::new(),
        })
        .unwrap_err();
    assert!(err.to_string().contains("closed"), "{err}");

    // a manager sees the vacancies tab and cannot appoint
    let dept = nominated[0].department.clone();
    s.execute(Command::AddOperator {
        user: "mgr".into(),
        role: Role::Manager,
        department: Some(dept.clone()),
    })
    .unwrap();
    let m = Service::new(Box::new(engine), "mgr".into());
    let mut sh = shell(&m, Lang::Zh, WIDE);
    press(&mut sh, &m, "5");
    let screen = render(&mut sh, &m, WIDE);
    assert!(!screen.contains("i 任命"), "no appoint key for a manager: {screen}");
    let filled_before = s.vacancies().unwrap().iter().filter(|v| v.filled_by.is_some()).count();
    press(&mut sh, &m, "<Enter> i");
    let screen = render(&mut sh, &m, WIDE);
    assert!(screen.contains("您的角色不能执行此操作"), "{screen}");
    assert_eq!(s.vacancies().unwrap().iter().filter(|v| v.filled_by.is_some()).count(), filled_before);
}

#[test]
fn a_course_added_to_the_plan_names_whom_it_enrolls_before_it_is_set() {
    let (_d, _e, s) = store();
    s.execute(Command::UpsertCourse(cadre::domain::training::Course {
        code: "N900".into(),
        title: "谈判技巧".into(),
        category: cadre::domain::training::CourseCategory::Professional,
        hours: 8.0,
        required: false,
        core: false,
        strategic: false,
        exam_pass_mark: None,
        completion_points: None,
    }))
    .unwrap();
    let admitted: Vec<_> = s
        .members(1)
        .unwrap()
        .into_iter()
        .filter(|m| {
            m.member.state == cadre::domain::pool::MemberState::Admitted && m.department == "市场营销部"
        })
        .collect();
    assert!(!admitted.is_empty());
    let mut sh = shell(&s, Lang::Zh, WIDE);
    press(&mut sh, &s, "2 V V V");
    let screen = render(&mut sh, &s, WIDE);
    assert!(screen.contains("该人才池还没有培养计划"), "{screen}");
    // an unknown course is named before anything is asked
    press(&mut sh, &s, "I NOPE <C-s>");
    // the form again as typed, the problem in it
    let screen = render(&mut sh, &s, WIDE);
    assert!(screen.contains("课程目录中没有 NOPE") && screen.contains("加入培养计划"), "{screen}");
    assert!(matches!(sh.top_layer(), Some(Layer::Form(_))));
    press(
        &mut sh,
        &s,
        "<Backspace> <Backspace> <Backspace> <Backspace> N900 <Up> <Backspace> <Backspace> 市场营销部 <C-s>",
    );
    let screen = render(&mut sh, &s, WIDE);
    assert!(screen.contains(&format!("将为以下 {} 人次新增报名", admitted.len())), "{screen}");
    assert!(screen.contains(&admitted[0].name), "{screen}");
    assert!(s.plan(1).unwrap().is_none(), "nothing set before the confirmation");
    press(&mut sh, &s, "y");
    let plan = s.plan(1).unwrap().expect("set");
    assert_eq!(plan.by_department["市场营销部"][0].course, "N900");
    let enrolled = s.enrollments(admitted[0].member.employee_id.clone()).unwrap();
    assert!(enrolled.iter().any(|e| e.course.code == "N900"), "enrolled on confirmation");
    // removing it keeps the enrollment
    press(&mut sh, &s, "D y");
    assert!(s.plan(1).unwrap().unwrap().by_department.is_empty());
    let enrolled = s.enrollments(admitted[0].member.employee_id.clone()).unwrap();
    assert!(enrolled.iter().any(|e| e.course.code == "N900"));
}

/// The count in the overdue view's status line: `逾期与落后 (N)`.
fn overdue_count(screen: &str) -> usize {
    let at = screen.find("逾期与落后 (").expect("the overdue view") + "逾期与落后 (".len();
    screen[at..].split(')').next().unwrap().parse().unwrap()
}

/// The hours prompt on screen: (employee id, course code, hours left).
fn hours_prompt(screen: &str) -> (String, String, String) {
    let line = screen.lines().find(|l| l.contains("本次学时（剩余")).unwrap_or_else(|| panic!("{screen}"));
    let left = line.split("剩余 ").nth(1).unwrap().split('）').next().unwrap().to_string();
    let (who, course) = line.split_once(" — ").unwrap();
    let id = who.rsplit('（').next().unwrap().trim_end_matches('）').to_string();
    (id, course.split_whitespace().next().unwrap().to_string(), left)
}

#[test]
fn hours_are_recorded_from_the_overdue_view_and_enter_lands_on_the_course() {
    let (_d, _e, s) = store();
    let mut sh = shell(&s, Lang::Zh, WIDE);
    press(&mut sh, &s, "2 V V");
    let before = overdue_count(&render(&mut sh, &s, WIDE));
    // `h` asks for the hours of the selected row's course, naming the person
    press(&mut sh, &s, "h");
    let (id, course, left) = hours_prompt(&render(&mut sh, &s, WIDE));
    press(&mut sh, &s, &format!("{left} <Enter>"));
    let screen = render(&mut sh, &s, WIDE);
    assert_eq!(overdue_count(&screen), before - 1, "{screen}");
    let done = s.enrollments(cadre::domain::org::EmployeeId::parse(&id).unwrap()).unwrap();
    assert!(done.iter().any(|v| v.course.code == course && v.enrollment.completed_on.is_some()), "{course}");
    // Enter goes to the person with that course chosen; Esc comes back
    let row = screen.lines().nth(2).unwrap().split_whitespace().nth(2).unwrap().to_string();
    press(&mut sh, &s, "<Enter> h");
    let (_, chosen, _) = hours_prompt(&render(&mut sh, &s, WIDE));
    assert_eq!(chosen, row);
    press(&mut sh, &s, "<Esc> <Esc>");
    assert_eq!(overdue_count(&render(&mut sh, &s, WIDE)), before - 1);
}

#[test]
fn the_overdue_view_keeps_the_pools_people_sorts_and_filters() {
    let (_d, _e, s) = store();
    use cadre::domain::pool::MemberState;
    let members: std::collections::HashSet<String> = s
        .members(1)
        .unwrap()
        .into_iter()
        .filter(|m| {
            matches!(m.member.state, MemberState::Nominated | MemberState::Admitted | MemberState::Appointed)
        })
        .map(|m| m.member.employee_id.to_string())
        .collect();
    let mut sh = shell(&s, Lang::Zh, WIDE);
    press(&mut sh, &s, "2 V V");
    let screen = render(&mut sh, &s, WIDE);
    // the pool's current members only (the reminders cover the whole company)
    let on = cadre::demo::pipeline::demo_today();
    let all = s.remind(on, None).unwrap().to_vec();
    let in_pool: Vec<_> = all.iter().filter(|r| members.contains(r.employee_id.as_str())).cloned().collect();
    assert!(in_pool.len() < all.len(), "the demo has people overdue outside the pool");
    // the pool's read, member by member, says what the index says of them
    assert_eq!(s.remind(on, Some(1)).unwrap().to_vec(), in_pool);
    assert!(screen.contains(&format!("逾期与落后 ({})", in_pool.len())), "{screen}");
    // sorted by the next column, said on the status line
    press(&mut sh, &s, "s");
    assert!(sh.note().unwrap().text.contains("剩余学时"), "{:?}", sh.note());
    // a department filter narrows it
    let dept = all.iter().find(|r| members.contains(r.employee_id.as_str())).unwrap().department.clone();
    press(&mut sh, &s, &format!("d {dept} <Enter>"));
    let screen = render(&mut sh, &s, WIDE);
    assert!(screen.contains(&format!("· {dept}")), "{screen}");
    let table: Vec<&str> =
        screen.lines().skip(2).take_while(|l| !l.contains(" | ")).filter(|l| !l.trim().is_empty()).collect();
    assert!(!table.is_empty() && table.iter().all(|l| l.contains(&dept)), "{screen}");
}

#[test]
fn a_recommended_course_goes_into_the_plan_for_the_department_with_its_gap() {
    let (_d, _e, s) = store();
    let mut sh = shell(&s, Lang::Zh, WIDE);
    press(&mut sh, &s, "6");
    let screen = render(&mut sh, &s, WIDE);
    // the demo's pinned gaps are the two largest
    let first = screen.lines().position(|l| l.starts_with("市场营销部 · 团队管理")).expect(&screen);
    let second = screen.lines().position(|l| l.starts_with("信息技术部 · 沟通协调")).expect(&screen);
    assert!(first < second, "{screen}");
    let gap = s
        .gaps()
        .unwrap()
        .into_iter()
        .find(|g| g.department == "市场营销部" && g.dimension == "团队管理")
        .unwrap();
    // a recommended course not everyone in the department has: the confirmation names them
    let admitted: Vec<_> = s
        .members(1)
        .unwrap()
        .into_iter()
        .filter(|m| {
            m.member.state == cadre::domain::pool::MemberState::Admitted && m.department == "市场营销部"
        })
        .collect();
    let (course, missing) = gap
        .recommended_courses
        .iter()
        .map(|c| {
            let without: Vec<_> = admitted
                .iter()
                .filter(|m| {
                    !s.enrollments(m.member.employee_id.clone()).unwrap().iter().any(|e| &e.course.code == c)
                })
                .collect();
            (c.clone(), without.len())
        })
        .find(|(_, n)| *n > 0)
        .expect("a recommended course some have not taken");
    press(&mut sh, &s, &format!("I {course} <Enter>"));
    let screen = render(&mut sh, &s, WIDE);
    assert!(screen.contains(&format!("加入培养计划：市场营销部 · {course}")), "{screen}");
    assert!(screen.contains(&format!("将为以下 {missing} 人次新增报名")), "{screen}");
    press(&mut sh, &s, "y");
    let plan = s.plan(1).unwrap().expect("set");
    assert!(plan.by_department["市场营销部"].iter().any(|c| c.course == course));
    for m in &admitted {
        assert!(
            s.enrollments(m.member.employee_id.clone()).unwrap().iter().any(|e| e.course.code == course),
            "{}",
            m.name
        );
    }
}
