//! One line of typed text with a cursor: what the command line, search, prompts, form
//! fields and pickers' filters type into. Editing comes from the keymap's actions.

use ratatui::layout::Position;
use unicode_width::UnicodeWidthChar;

use crate::tui::action::Action;
use crate::tui::text;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    text: String,
    /// The cursor, in chars.
    cursor: usize,
    /// The most chars it takes.
    max: Option<usize>,
}

impl Line {
    pub fn new(text: impl Into<String>) -> Line {
        let text = text.into();
        let cursor = text.chars().count();
        Line { text, cursor, max: None }
    }

    /// At most `max` chars (a score takes 3).
    pub fn limited(mut self, max: usize) -> Line {
        self.max = Some(max);
        self
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn set(&mut self, text: impl Into<String>) {
        self.text = text.into();
        self.cursor = self.text.chars().count();
    }

    fn byte(&self, chars: usize) -> usize {
        self.text.char_indices().nth(chars).map_or(self.text.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, c: char) {
        if self.max.is_some_and(|m| self.text.chars().count() >= m) || c.is_control() {
            return;
        }
        let at = self.byte(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    pub fn insert_str(&mut self, s: &str) {
        for c in s.chars().map(|c| if c == '\n' || c == '\t' { ' ' } else { c }) {
            self.insert(c);
        }
    }

    /// Applies an editing action; false when the action is not an editing one.
    pub fn edit(&mut self, action: Action) -> bool {
        let len = self.text.chars().count();
        match action {
            Action::Left => self.cursor = self.cursor.saturating_sub(1),
            Action::Right => self.cursor = (self.cursor + 1).min(len),
            Action::LineStart => self.cursor = 0,
            Action::LineEnd => self.cursor = len,
            Action::DeleteBack if self.cursor > 0 => {
                let at = self.byte(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
            }
            Action::DeleteForward if self.cursor < len => {
                let at = self.byte(self.cursor);
                self.text.remove(at);
            }
            Action::DeleteWord => {
                let chars: Vec<char> = self.text.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1] == ' ' {
                    start -= 1;
                }
                while start > 0 && chars[start - 1] != ' ' {
                    start -= 1;
                }
                let (a, b) = (self.byte(start), self.byte(self.cursor));
                self.text.replace_range(a..b, "");
                self.cursor = start;
            }
            Action::ClearLine => {
                self.text.clear();
                self.cursor = 0;
            }
            Action::DeleteBack | Action::DeleteForward => {}
            _ => return false,
        }
        true
    }

    /// The text to show in `width` cells, and the cursor's column within it: the end of
    /// a long line stays in view.
    pub fn view(&self, width: usize) -> (String, u16) {
        let before: String = self.text.chars().take(self.cursor).collect();
        let cursor_col = text::width(&before);
        if cursor_col < width {
            return (text::truncate(&self.text, width), cursor_col as u16);
        }
        // drop chars from the front until the cursor fits
        let mut skip = 0;
        let mut col = cursor_col;
        for c in self.text.chars() {
            if col < width {
                break;
            }
            col -= c.width().unwrap_or(0);
            skip += 1;
        }
        let shown: String = self.text.chars().skip(skip).collect();
        (text::truncate(&shown, width), col as u16)
    }

    /// Where the terminal cursor goes when this line is drawn at `at`, `width` wide.
    pub fn cursor_at(&self, at: Position, width: usize) -> Position {
        let (_, col) = self.view(width);
        Position::new(at.x + col, at.y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_by_actions() {
        let mut l = Line::new("张伟 80");
        l.edit(Action::DeleteBack);
        l.insert('5');
        assert_eq!(l.text(), "张伟 85");
        l.edit(Action::DeleteWord);
        assert_eq!(l.text(), "张伟 ");
        l.edit(Action::LineStart);
        l.insert('[');
        assert_eq!(l.text(), "[张伟 ");
        l.edit(Action::ClearLine);
        assert_eq!(l.text(), "");
        let mut score = Line::default().limited(3);
        score.insert_str("1005");
        assert_eq!(score.text(), "100");
    }

    #[test]
    fn a_long_line_keeps_the_cursor_in_view() {
        let l = Line::new("一二三四五六七八九十");
        let (shown, col) = l.view(8);
        assert!(shown.ends_with("十"), "{shown}");
        assert!(col <= 8);
    }
}
