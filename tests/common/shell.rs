//! The UI's shell driven in-process: keys in keymap notation, answers settled before each
//! frame, the screen read back as text.
#![allow(dead_code)]

use cadre::locale::Lang;
use cadre::service::Service;
use cadre::tui::keymap::{Key, Keymap};
use cadre::tui::shell::Shell;
use cadre::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;

/// A shell on `service` in `lang`, laid out for a terminal of `(w, h)`, its first reads done.
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
pub fn clock_free(screen: &str) -> String {
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
