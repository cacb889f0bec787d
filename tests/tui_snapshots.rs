//! Screens as a person sees them: the shell with its four panels and every layer rendered
//! into a TestBackend at 80×24 and 140×40, in Chinese and English, snapshotted with insta.
//! Answers from the store are settled before each frame (the UI gets them from workers).

mod common;

use std::sync::{Arc, OnceLock};

use cadre::locale::Lang;
use cadre::service::engine::Engine;
use cadre::service::Service;
use common::shell::{press, render, shell};

/// One demo store shared by the read-only tests.
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

const SIZES: [(u16, u16); 2] = [(80, 24), (140, 40)];

/// Snapshots `keys` pressed from the start, in both languages at both sizes.
fn each(name: &str, keys: &str) {
    let s = service();
    for lang in [Lang::Zh, Lang::En] {
        for size in SIZES {
            let mut sh = shell(&s, lang, size);
            press(&mut sh, &s, keys);
            let screen = render(&mut sh, &s, size);
            let tag = if lang == Lang::Zh { "zh" } else { "en" };
            insta::assert_snapshot!(format!("{name}_{tag}_{}x{}", size.0, size.1), screen);
        }
    }
}

#[test]
fn pool_table_and_profile() {
    each("pool", "");
    each("profile", "j j <Enter>");
}

#[test]
fn screening_list_with_marks() {
    each("screening", "e <Space> <Space>");
    each("nominate_confirm", "e <Space> <Space> a");
}

#[test]
fn help_groups_keys_per_action() {
    each("help", "?");
}

#[test]
fn command_line_lists_matching_commands() {
    each("command", ": s");
}

#[test]
fn search_by_pinyin_shows_the_match_count() {
    each("search", "/ wn");
}

#[test]
fn pickers_confirmations_and_text_boxes() {
    each("picker_department", "d");
    each("reason_box", "j j x 连续两年考核不达标");
    each("disqualify_confirm", "j j x 连续两年考核不达标 <C-s>");
}

#[test]
fn courses_views_and_the_hours_prompt() {
    each("courses_member", "2");
    each("courses_course", "2 V");
    each("courses_overdue", "2 V V");
    each("hours_prompt", "2 h 500 <Enter>");
    each("course_form", "2 V E");
    each("courses_roster", "2 V <Enter>");
    each("courses_plan", "2 V V V");
}

#[test]
fn reflection_queue_reader_and_review() {
    each("queue", "3");
    each("review", "3 <Enter> 8 5 <Tab> 思路清晰，案例具体；建议补充量化结果。");
    each("review_refused_score", "3 <Enter> 1 0 5 <C-a>");
}

#[test]
fn readiness_list_gates_nine_box_and_what_if() {
    each("readiness", "4");
    each("readiness_gates", "4 j <Enter>");
    each("readiness_nine_box", "4 b");
    each("readiness_what_if", "4 W + + j -");
    each("assessment_form", "4 m");
}

#[test]
fn vacancies_shortlist_appointment_bench_and_forecast() {
    each("vacancies", "5");
    each("vacancies_shortlist", "5 j j <Enter>");
    each("vacancies_appoint_confirm", "5 j j <Enter> i");
    each("vacancies_appoint_reason", "5 j j <Enter> G i");
    each("vacancies_bench", "5 V");
    each("vacancies_forecast", "5 V V");
    each("vacancy_form", "5 +");
}

#[test]
fn insight_heatmap_recommendations_and_rates() {
    each("insight", "6");
    each("insight_pick", "6 I");
    each("insight_rates", "6 V");
    each("insight_courses", "6 V V");
    each("insight_reports", "6 V V V");
}

#[test]
fn the_message_log_keeps_what_was_said() {
    each("log", "c n M");
}

#[test]
fn a_tiny_terminal_asks_for_more_room() {
    let s = service();
    for lang in [Lang::Zh, Lang::En] {
        let mut sh = shell(&s, lang, (50, 10));
        let screen = render(&mut sh, &s, (50, 10));
        assert!(screen.contains("60×16"), "{screen}");
    }
}

/// An English phrase in a line: two or more Latin words in a row, one of them lowercase
/// (names, codes and key labels such as `ITIL Foundation`, `C-a`, `Enter` are not prose).
pub fn english_phrase(line: &str) -> Option<String> {
    let mut run: Vec<&str> = Vec::new();
    let mut best: Option<String> = None;
    let flush = |run: &mut Vec<&str>, best: &mut Option<String>| {
        if run.len() >= 2 && run.iter().any(|w| w.chars().all(|c| c.is_ascii_lowercase())) {
            best.get_or_insert_with(|| run.join(" "));
        }
        run.clear();
    };
    for token in line.split(' ') {
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
fn no_chinese_screen_holds_an_english_phrase() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut found = Vec::new();
    let mut scanned = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("tui_snapshots__") || !name.contains("_zh_") {
            continue;
        }
        scanned += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text
            .lines()
            .skip_while(|l| !l.starts_with("---"))
            .skip(1)
            .skip_while(|l| !l.starts_with("---"))
            .skip(1)
        {
            if let Some(p) = english_phrase(line) {
                found.push(format!("{name}: '{p}' in: {line}"));
            }
        }
    }
    assert!(scanned >= 40, "only {scanned} Chinese screens found");
    assert!(found.is_empty(), "English on Chinese screens:\n{}", found.join("\n"));
}

#[test]
fn the_phrase_finder_tells_prose_from_names_and_keys() {
    assert_eq!(english_phrase("Esc 关闭  the policy is unchanged"), Some("the policy is unchanged".into()));
    assert_eq!(english_phrase("证书: 华为 HCIE、ITIL Foundation"), None);
    assert_eq!(english_phrase("C-a 通过  Tab 分数/点评  Esc 返回"), None);
    assert_eq!(english_phrase("E000062 is already admitted"), Some("is already admitted".into()));
}

/// What the terminal shows after the backend's bytes equals the frame, key after key: the
/// byte-saving backend never leaves a stale glyph.
#[test]
fn the_bytes_written_rebuild_every_frame_exactly() {
    use cadre::tui::backend::SshBackend;
    let s = service();
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in SIZES {
            let mut sh = shell(&s, lang, (w, h));
            let bytes = std::rc::Rc::new(std::cell::RefCell::new(Vec::<u8>::new()));
            #[derive(Clone)]
            struct Sink(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);
            impl std::io::Write for Sink {
                fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                    self.0.borrow_mut().extend_from_slice(b);
                    Ok(b.len())
                }
                fn flush(&mut self) -> std::io::Result<()> {
                    Ok(())
                }
            }
            let area = ratatui::layout::Rect::new(0, 0, w, h);
            let mut term = ratatui::Terminal::with_options(
                SshBackend::with_size(Sink(bytes.clone()), w, h),
                ratatui::TerminalOptions { viewport: ratatui::Viewport::Fixed(area) },
            )
            .unwrap();
            let mut parser = vt100::Parser::new(h, w, 0);
            for keys in [
                "", "j", "j", "j", "<Enter>", "<Esc>", "G", "k", "2", "j", "J", "3", "j", "<Enter>", "<Esc>",
                "4", "j", "b", "b", "1", "gg", "e", "j", "<Space>", "<Esc>",
            ] {
                press(&mut sh, &s, keys);
                cadre::tui::settle(&mut sh, &s);
                let frame = term.draw(|f| sh.draw(f)).unwrap();
                let want: Vec<String> = common::shell::screen_text(frame.buffer)
                    .lines()
                    .map(|l| l.trim_end().to_string())
                    .collect();
                parser.process(&bytes.borrow());
                bytes.borrow_mut().clear();
                let got: Vec<String> = (0..h)
                    .map(|y| parser.screen().contents_between(y, 0, y, w).trim_end().to_string())
                    .collect();
                assert_eq!(got, want, "{lang:?} {w}x{h} after '{keys}'");
            }
        }
    }
}
