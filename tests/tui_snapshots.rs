//! Screens as a person sees them: the shell with its four panels and every layer rendered
//! into a TestBackend at 80×24 and 140×40, in Chinese and English, snapshotted with insta.
//! Answers from the store are settled before each frame (the UI gets them from workers).

use std::sync::{Arc, OnceLock};

use cadre::locale::Lang;
use cadre::service::engine::Engine;
use cadre::service::Service;
use cadre::tui::keymap::{Key, Keymap};
use cadre::tui::shell::Shell;
use cadre::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;

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

pub fn shell(service: &Service, lang: Lang, (w, h): (u16, u16)) -> Shell {
    let mut shell = cadre::tui::session(
        lang,
        cadre::demo::pipeline::demo_today(),
        Keymap::load(None).unwrap(),
        Theme::plain(),
    );
    shell.resize(Rect::new(0, 0, w, h));
    cadre::tui::settle(&mut shell, service);
    shell
}

/// Keys in keymap notation, separated by spaces: `3 <Enter> 8 5 <C-a>`; a token longer
/// than one character that is not `<…>` is typed character by character.
pub fn press(shell: &mut Shell, service: &Service, keys: &str) {
    for token in keys.split(' ').filter(|t| !t.is_empty()) {
        if token.starts_with('<') && token.ends_with('>') {
            shell.key(Key::parse(token).unwrap());
        } else {
            for c in token.chars() {
                shell.key(Key::char(c));
            }
        }
        cadre::tui::settle(shell, service);
    }
}

pub fn render(shell: &mut Shell, service: &Service, (w, h): (u16, u16)) -> String {
    cadre::tui::settle(shell, service);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| shell.draw(f)).unwrap();
    clock_free(&screen_text(terminal.backend().buffer()))
}

/// The screen as a person reads it: one line per row, a wide glyph once.
pub fn screen_text(buffer: &ratatui::buffer::Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut skip = 0;
        for x in 0..area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            out.push_str(symbol);
        }
        out.push('\n');
    }
    out
}

/// The screen with times of day (the message log's) as `hh:mm:ss`.
fn clock_free(screen: &str) -> String {
    let chars: Vec<char> = screen.chars().collect();
    let mut out = String::with_capacity(screen.len());
    let mut i = 0;
    while i < chars.len() {
        let is_time = i + 8 <= chars.len()
            && chars[i..i + 8].iter().enumerate().all(|(k, c)| {
                if k == 2 || k == 5 {
                    *c == ':'
                } else {
                    c.is_ascii_digit()
                }
            });
        if is_time {
            out.push_str("hh:mm:ss");
            i += 8;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
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
    each("course_form", "2 V <Enter>");
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
