//! Screens as a person sees them: the whole UI rendered into a TestBackend at 80×24 and
//! 140×40, in Chinese and English, snapshotted with insta.

use std::sync::{Arc, OnceLock};

use cadre::service::engine::Engine;
use cadre::service::Service;
use cadre::tui::action::Action;
use cadre::tui::app::App;
use cadre::tui::i18n::Lang;
use cadre::tui::keymap::Keymap;
use cadre::tui::view;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;

/// One demo store shared by every test (read-mostly; tests that write make their own).
fn shared_engine() -> Arc<Engine> {
    static STORE: OnceLock<(tempfile::TempDir, Arc<Engine>)> = OnceLock::new();
    STORE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let engine = Arc::new(Engine::open(&dir.path().join("db"), "hr", true).unwrap());
            let service = Service::new(Box::new(engine.clone()), "hr".into());
            cadre::demo::load(&service, 600, cadre::demo::DEFAULT_SEED, &mut |_| {}).unwrap();
            (dir, engine)
        })
        .1
        .clone()
}

fn service() -> Service {
    Service::new(Box::new(shared_engine()), "hr".into())
}

fn app(service: &Service, lang: Lang) -> App {
    let mut app =
        App::load(service, lang, Keymap::load(None).unwrap(), cadre::demo::pipeline::demo_today()).unwrap();
    app.info.path = "/srv/cadre".into();
    app.color = false;
    app
}

fn render(app: &mut App, service: &Service, width: u16, height: u16) -> String {
    // what the event loop does while the operator is not typing
    app.prefetch(service).unwrap();
    app.prepare(service, Rect::new(0, 0, width, height)).unwrap();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| view::draw(f, app)).unwrap();
    format!("{}", terminal.backend())
}

fn key(app: &mut App, service: &Service, code: KeyCode) {
    app.handle_key(service, KeyEvent::new(code, KeyModifiers::NONE));
}

fn type_text(app: &mut App, service: &Service, text: &str) {
    for c in text.chars() {
        key(app, service, KeyCode::Char(c));
    }
}

const SIZES: [(u16, u16); 2] = [(80, 24), (140, 40)];

fn each(name: &str, setup: impl Fn(&mut App, &Service)) {
    let s = service();
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in SIZES {
            let mut a = app(&s, lang);
            a.prepare(&s, Rect::new(0, 0, w, h)).unwrap();
            setup(&mut a, &s);
            let screen = render(&mut a, &s, w, h);
            let tag = if lang == Lang::Zh { "zh" } else { "en" };
            insta::assert_snapshot!(format!("{name}_{tag}_{w}x{h}"), screen);
        }
    }
}

#[test]
fn pool_table() {
    each("pool", |_, _| {});
}

#[test]
fn pool_table_shows_a_long_chinese_name_cut_by_width() {
    let s = service();
    let mut a = app(&s, Lang::Zh);
    let screen = render(&mut a, &s, 80, 40);
    assert!(screen.contains("欧阳娜仁托.."), "{screen}");
}

#[test]
fn help_overlay() {
    each("help", |a, s| a.update(s, Action::Help));
}

#[test]
fn screening_list() {
    each("screening", |a, s| {
        a.update(s, Action::Screen);
        a.update(s, Action::Mark);
    });
}

#[test]
fn profile_view() {
    each("profile", |a, s| {
        a.update(s, Action::Down);
        a.update(s, Action::ToggleDetail);
    });
}

#[test]
fn reason_box_with_chinese_text() {
    each("reason", |a, s| {
        a.update(s, Action::Disqualify);
        type_text(a, s, "绩效下滑，暂缓培养");
    });
}

#[test]
fn command_line_with_completions() {
    each("command", |a, s| {
        a.update(s, Action::Command);
        type_text(a, s, "sea");
    });
}

#[test]
fn search_jumps_to_a_chinese_name() {
    each("search", |a, s| {
        a.update(s, Action::Search);
        type_text(a, s, "王娜");
    });
}

fn readiness(a: &mut App, s: &Service) {
    a.update(s, Action::Tab(cadre::tui::action::Panel::Readiness));
}

#[test]
fn readiness_ranked_list_and_gate_checklist() {
    each("readiness", readiness);
    // Below 120 columns Enter shows the selected member's gate checklist in full.
    each("readiness_gates", |a, s| {
        readiness(a, s);
        a.update(s, Action::Down);
        a.update(s, Action::ToggleDetail);
    });
}

#[test]
fn readiness_nine_box_with_the_members_of_a_cell() {
    each("readiness_nine_box", |a, s| {
        readiness(a, s);
        a.update(s, Action::ToggleNineBox);
    });
}

#[test]
fn readiness_what_if_editor_lists_who_changes_level() {
    each("readiness_what_if", |a, s| {
        readiness(a, s);
        a.update(s, Action::WhatIf);
        key(a, s, KeyCode::Char('-'));
        key(a, s, KeyCode::Char('-'));
    });
}

#[test]
fn a_what_if_changes_levels_and_discarding_it_leaves_the_policy_alone() {
    use cadre::domain::readiness::Level;
    let s = service();
    let mut a = app(&s, Lang::En);
    readiness(&mut a, &s);
    let level_of = |a: &App, name: &str| {
        let f = a.readiness.facts.as_ref().unwrap().members.iter().find(|f| f.name == name).unwrap();
        a.readiness.verdicts.iter().find(|v| v.employee_id == f.employee_id).unwrap().level
    };
    let held_back = "欧阳娜仁托娅·巴特尔";
    assert_eq!(level_of(&a, held_back), Level::ReadySoon);
    a.update(&s, Action::WhatIf);
    key(&mut a, &s, KeyCode::Char('-'));
    assert!(a.readiness.changes.is_empty(), "79 still fails a stage scored 78");
    key(&mut a, &s, KeyCode::Char('-'));
    assert_eq!(a.readiness.draft.as_ref().unwrap().reflection.pass_score, 78);
    assert_eq!(level_of(&a, held_back), Level::ReadyNow);
    assert_eq!(a.readiness.changes.len(), 1);
    key(&mut a, &s, KeyCode::Enter);
    a.update(&s, Action::DiscardWhatIf);
    assert_eq!(level_of(&a, held_back), Level::ReadySoon);
    let cadre::service::Answer::Policy(p) = s.query(cadre::service::Query::Policy).unwrap() else { panic!() };
    assert_eq!(p.reflection.pass_score, 80);
    // An invalid step is refused with the key named, and the draft stays valid.
    a.update(&s, Action::WhatIf);
    for _ in 0..8 {
        key(&mut a, &s, KeyCode::Char('j'));
    }
    for _ in 0..8 {
        key(&mut a, &s, KeyCode::Char('+'));
    }
    let (msg, is_error) = a.message.clone().unwrap();
    assert!(is_error && msg.contains("readiness.weights"), "{msg}");
    assert!(a.readiness.draft.as_ref().unwrap().validate().is_ok());
}

#[test]
fn a_tiny_terminal_asks_for_more_room() {
    let s = service();
    for lang in [Lang::Zh, Lang::En] {
        let mut a = app(&s, lang);
        let screen = render(&mut a, &s, 50, 10);
        insta::assert_snapshot!(format!("tiny_{}", if lang == Lang::Zh { "zh" } else { "en" }), screen);
    }
}

#[test]
fn sorting_and_filtering_change_the_rows() {
    let s = service();
    let mut a = app(&s, Lang::En);
    let before: Vec<String> = a.visible.iter().map(|&i| a.rows[i].member.employee_id.to_string()).collect();
    a.update(&s, Action::SortNext); // rank
    a.update(&s, Action::SortNext); // tenure
    let by_tenure: Vec<_> = a.visible.iter().map(|&i| a.rows[i].hire_date).collect();
    assert!(
        by_tenure.windows(2).all(|w| w[0] >= w[1]),
        "longest tenure first… reversed order is newest first"
    );
    a.update(&s, Action::FilterState);
    assert!(a.visible.iter().all(|&i| a.rows[i].member.state == cadre::domain::pool::MemberState::Nominated));
    assert!(a.visible.len() < before.len());
    a.update(&s, Action::ClearFilters);
    assert_eq!(a.visible.len(), before.len());
}

#[test]
fn search_next_and_previous_wrap_around() {
    let s = service();
    let mut a = app(&s, Lang::Zh);
    a.update(&s, Action::Search);
    type_text(&mut a, &s, "部");
    key(&mut a, &s, KeyCode::Enter);
    let first = a.cursor.selected;
    a.update(&s, Action::SearchNext);
    assert_ne!(a.cursor.selected, first);
    a.update(&s, Action::SearchPrev);
    assert_eq!(a.cursor.selected, first);
    a.update(&s, Action::Search);
    type_text(&mut a, &s, "不存在的人");
    assert!(a.message.as_ref().unwrap().0.contains("没有匹配"));
    key(&mut a, &s, KeyCode::Esc);
    assert_eq!(a.cursor.selected, first, "Esc returns to where the search started");
}

#[test]
fn marking_left_asks_first_and_only_y_confirms() {
    let dir = tempfile::tempdir().unwrap();
    let s = Service::new(Box::new(Engine::open(&dir.path().join("db"), "hr", true).unwrap()), "hr".into());
    cadre::demo::load(&s, 200, 1, &mut |_| {}).unwrap();
    let mut a = app(&s, Lang::En);
    a.prepare(&s, Rect::new(0, 0, 100, 25)).unwrap();
    let live = a.visible.iter().position(|&i| !a.rows[i].member.state.is_final()).unwrap();
    a.cursor.select(live, a.visible.len());
    let id = a.selected_row().unwrap().member.employee_id.clone();
    a.update(&s, Action::MarkLeft);
    let screen = render(&mut a, &s, 100, 24);
    assert!(screen.contains("left the company? y confirms"), "{screen}");
    key(&mut a, &s, KeyCode::Char('n'));
    let state = |a: &App| a.rows.iter().find(|r| r.member.employee_id == id).unwrap().member.state;
    assert_ne!(state(&a), cadre::domain::pool::MemberState::Left, "any other key cancels");
    a.update(&s, Action::MarkLeft);
    key(&mut a, &s, KeyCode::Char('y'));
    assert_eq!(state(&a), cadre::domain::pool::MemberState::Left);
}

#[test]
fn tab_cycles_command_completions_and_enter_runs_the_action() {
    let s = service();
    let mut a = app(&s, Lang::En);
    a.update(&s, Action::Command);
    type_text(&mut a, &s, "tab");
    let mut seen = Vec::new();
    for _ in 0..4 {
        key(&mut a, &s, KeyCode::Tab);
        if let cadre::tui::app::Mode::Command { text, .. } = &a.mode {
            seen.push(text.clone());
        }
    }
    assert_eq!(seen, ["tab_next", "tab_prev", "tab", "tab_next"]);
    key(&mut a, &s, KeyCode::Enter);
    assert_eq!(a.panel, cadre::tui::action::Panel::Courses);
    a.update(&s, Action::Command);
    type_text(&mut a, &s, "tab nowhere");
    key(&mut a, &s, KeyCode::Enter);
    assert!(a.message.as_ref().unwrap().0.contains("'nowhere' is not a panel"));
}

#[test]
fn reflection_queue_and_reader() {
    each("queue", |a, s| a.update(s, Action::Tab(cadre::tui::action::Panel::Reflections)));
}

#[test]
fn reflection_review_box_with_a_chinese_comment() {
    each("review", |a, s| {
        a.update(s, Action::Tab(cadre::tui::action::Panel::Reflections));
        key(a, s, KeyCode::Enter);
        type_text(a, s, "75");
        key(a, s, KeyCode::Enter);
        type_text(a, s, "缺乏团队管理的实际案例，请补充");
    });
}

#[test]
fn a_rewritten_reflection_shows_its_previous_version_and_reviews() {
    each("versions", |a, s| {
        a.update(s, Action::Tab(cadre::tui::action::Panel::Reflections));
        a.update(s, Action::FilterState); // returned
        a.update(s, Action::FilterState); // accepted
        let two = a.queue.rows.iter().position(|r| r.version == 2).expect("a rewritten reflection");
        let len = a.queue.rows.len();
        a.queue.cursor.select(two, len);
        a.update(s, Action::ToggleVersions);
    });
}

#[test]
fn a_long_mixed_reflection_wraps_by_display_width() {
    let s = service();
    let mut a = app(&s, Lang::Zh);
    a.update(&s, Action::Tab(cadre::tui::action::Panel::Reflections));
    render(&mut a, &s, 80, 40);
    let open = a.queue.open.as_mut().unwrap();
    open.versions.last_mut().unwrap().body = "第一季度专线扩容项目中，我们把37项任务分解给6名同事，项目比计划提前5天交付，客户满意度达到98%。Looking back, the biggest change is mindset: plan the week around the team first. 这一点说起来简单，做起来需要持续的自我提醒，2026年下半年继续改进。".repeat(2);
    let mut terminal = Terminal::new(TestBackend::new(80, 40)).unwrap();
    terminal.draw(|f| view::draw(f, &a)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    for y in 0..buffer.area.height {
        // a wide glyph covers the cell after it
        let mut width = 0;
        let mut x = 0;
        while x < buffer.area.width {
            let w = cadre::tui::text::width(buffer[(x, y)].symbol()).max(1);
            width += w;
            x += w as u16;
        }
        assert!(width <= 80, "line {y} is {width} cells wide");
    }
    insta::assert_snapshot!("queue_long_mixed_text_zh_80x40", format!("{}", terminal.backend()));
}

#[test]
fn courses_by_member_and_by_course() {
    each("courses_member", |a, s| {
        a.update(s, Action::Down);
        a.update(s, Action::Tab(cadre::tui::action::Panel::Courses));
    });
    each("courses_course", |a, s| {
        a.update(s, Action::Tab(cadre::tui::action::Panel::Courses));
        a.update(s, Action::ToggleView);
    });
}

#[test]
fn recording_hours_and_an_exam_from_the_keyboard_moves_the_gauge_and_the_points() {
    let dir = tempfile::tempdir().unwrap();
    let s = Service::new(Box::new(Engine::open(&dir.path().join("db"), "hr", true).unwrap()), "hr".into());
    cadre::demo::load(&s, 600, cadre::demo::DEFAULT_SEED, &mut |_| {}).unwrap();
    let mut a = app(&s, Lang::En);
    a.update(&s, Action::Tab(cadre::tui::action::Panel::Courses));
    render(&mut a, &s, 140, 40);
    // the first member with an unfinished course that has an exam
    let (member, course) = loop {
        if let Some(i) = a.training.enrollments.iter().position(|v| {
            v.enrollment.completed_on.is_none()
                && v.course.exam_pass_mark.is_some()
                && v.enrollment.hours_left() <= 4.0
        }) {
            break (a.selected_row().unwrap().member.employee_id.clone(), i);
        }
        a.update(&s, Action::Down);
        render(&mut a, &s, 140, 40);
    };
    a.training.course = course;
    let before_points = a.training.points.as_ref().unwrap().balance;
    let code = a.training.enrollments[course].enrollment.course_code.clone();
    for k in [KeyCode::Char('h'), KeyCode::Char('4'), KeyCode::Enter] {
        key(&mut a, &s, k);
    }
    let e = &a.training.enrollments.iter().find(|v| v.enrollment.course_code == code).unwrap().enrollment;
    assert!(e.completed_on.is_some(), "4 hours finish the course: {e:?}");
    for k in [KeyCode::Char('t'), KeyCode::Char('8'), KeyCode::Char('5'), KeyCode::Enter] {
        key(&mut a, &s, k);
    }
    let after = a.training.points.as_ref().unwrap().balance;
    assert!(
        after >= before_points + 15,
        "completion and a passed exam earn points: {before_points} -> {after}"
    );
    let screen = render(&mut a, &s, 140, 40);
    assert!(screen.contains("[##########]") && screen.contains("exam 85"), "{screen}");
    assert!(a.message.as_ref().unwrap().0.contains(member.as_str()), "{:?}", a.message);
}

#[test]
fn the_catalogue_form_adds_a_course_and_names_a_bad_field() {
    let dir = tempfile::tempdir().unwrap();
    let s = Service::new(Box::new(Engine::open(&dir.path().join("db"), "hr", true).unwrap()), "hr".into());
    cadre::demo::load(&s, 200, 1, &mut |_| {}).unwrap();
    let mut a = app(&s, Lang::Zh);
    a.update(&s, Action::Tab(cadre::tui::action::Panel::Courses));
    a.update(&s, Action::ToggleView);
    render(&mut a, &s, 100, 30);
    a.update(&s, Action::NewCourse);
    let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    type_text(&mut a, &s, "P406");
    key(&mut a, &s, KeyCode::Tab);
    type_text(&mut a, &s, "跨文化沟通");
    key(&mut a, &s, KeyCode::Tab);
    key(&mut a, &s, KeyCode::Tab);
    type_text(&mut a, &s, "六");
    a.handle_key(&s, ctrl_s);
    assert!(a.message.as_ref().unwrap().0.contains("hours: '六' is not a number"), "{:?}", a.message);
    let screen = render(&mut a, &s, 100, 30);
    insta::assert_snapshot!("course_form_zh_100x30", screen);
    key(&mut a, &s, KeyCode::Backspace);
    type_text(&mut a, &s, "6");
    a.handle_key(&s, ctrl_s);
    assert!(matches!(a.mode, cadre::tui::app::Mode::Normal), "saved and closed");
    let mut found = None;
    cadre::io::export::for_each_record(&s, cadre::service::RecordKind::Courses, None, |r| {
        if let cadre::service::Record::Course(c) = r {
            if c.code == "P406" {
                found = Some(c);
            }
        }
        Ok(())
    })
    .unwrap();
    let c = found.expect("the course is in the catalogue");
    assert_eq!((c.title.as_str(), c.hours, c.exam_pass_mark), ("跨文化沟通", 6.0, Some(60)));
}

#[test]
fn applying_a_what_if_asks_first_then_sets_the_policy_through_the_audit() {
    let dir = tempfile::tempdir().unwrap();
    let s = Service::new(Box::new(Engine::open(&dir.path().join("db"), "hr", true).unwrap()), "hr".into());
    cadre::demo::load(&s, 600, cadre::demo::DEFAULT_SEED, &mut |_| {}).unwrap();
    let mut a = app(&s, Lang::En);
    readiness(&mut a, &s);
    a.update(&s, Action::ApplyWhatIf);
    assert!(a.message.as_ref().unwrap().0.contains("no what-if to apply"));
    a.update(&s, Action::WhatIf);
    key(&mut a, &s, KeyCode::Char('-'));
    key(&mut a, &s, KeyCode::Enter);
    a.update(&s, Action::ApplyWhatIf);
    let screen = render(&mut a, &s, 100, 24);
    assert!(screen.contains("Make the what-if the policy (audited)? y confirms"), "{screen}");
    key(&mut a, &s, KeyCode::Char('n'));
    let policy = |s: &Service| {
        let cadre::service::Answer::Policy(p) = s.query(cadre::service::Query::Policy).unwrap() else {
            panic!()
        };
        p.reflection.pass_score
    };
    assert_eq!(policy(&s), 80, "anything but y keeps the policy");
    a.update(&s, Action::ApplyWhatIf);
    key(&mut a, &s, KeyCode::Char('y'));
    assert_eq!(policy(&s), 79);
    assert!(a.readiness.draft.is_none());
    let page = s
        .query(cadre::service::Query::Page {
            kind: cadre::service::RecordKind::Audit,
            pool: None,
            after: None,
            limit: 100_000,
        })
        .unwrap();
    let text = format!("{page:?}");
    assert!(
        text.contains("set_policy") && text.contains("pass_score = 79"),
        "the audit keeps before and after"
    );
    // The assessment form records a theory sitting; a bad score is named and nothing is written.
    a.update(&s, Action::RecordAssessment);
    let screen = render(&mut a, &s, 100, 24);
    assert!(screen.contains("Record an assessment"), "{screen}");
    type_text(&mut a, &s, "abc");
    a.handle_key(&s, KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert!(a.message.as_ref().unwrap().0.contains("score: 'abc' is not a number"));
    assert!(matches!(a.mode, cadre::tui::app::Mode::Form { .. }));
    key(&mut a, &s, KeyCode::Esc);
    // A stage review, the candidate's objection and its answer, each a form; the detail
    // pane shows them, the open objection until it is answered.
    let save = |a: &mut App| a.handle_key(&s, KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    a.update(&s, Action::RecordStageReview);
    type_text(&mut a, &s, "计划完成率 90%");
    save(&mut a);
    assert!(a.message.as_ref().unwrap().0.contains("year_end_final: keep_developing"), "{:?}", a.message);
    a.update(&s, Action::ReplyStageReview);
    type_text(&mut a, &s, "项目成果未计入");
    save(&mut a);
    let screen = render(&mut a, &s, 140, 40);
    assert!(screen.contains("Stage reviews") && screen.contains("objection: 项目成果未计入"), "{screen}");
    a.update(&s, Action::ReplyStageReview);
    type_text(&mut a, &s, "已补计，结论不变");
    save(&mut a);
    let screen = render(&mut a, &s, 140, 40);
    assert!(screen.contains("answer: 已补计，结论不变"), "{screen}");
}
