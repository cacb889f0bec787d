//! A terminal backend that writes fewer bytes over SSH: it knows where the cursor stands
//! after each glyph (two cells after a Chinese character), so it moves the cursor only
//! when the changed cells are not adjacent, and then by the shortest sequence.

use std::io::{self, Write};

use crossterm::cursor::{Hide, MoveRight, MoveTo, Show};
use crossterm::queue;
use crossterm::style::{Attribute, Print, SetAttribute, SetBackgroundColor, SetForegroundColor};
use crossterm::terminal::{Clear, ClearType as CtClear};
use ratatui::backend::{Backend, ClearType, IntoCrossterm, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

pub struct SshBackend<W: Write> {
    out: W,
}

impl<W: Write> SshBackend<W> {
    pub fn new(out: W) -> SshBackend<W> {
        SshBackend { out }
    }

    pub fn writer(&self) -> &W {
        &self.out
    }
}

/// Writes the attributes of `to` (after a reset when one had to be turned off).
fn modifiers(w: &mut impl Write, from: Modifier, to: Modifier) -> io::Result<bool> {
    let removed = from - to;
    let mut reset = false;
    let add = if removed.is_empty() {
        to - from
    } else {
        queue!(w, SetAttribute(Attribute::Reset))?;
        reset = true;
        to
    };
    for (m, a) in [
        (Modifier::BOLD, Attribute::Bold),
        (Modifier::DIM, Attribute::Dim),
        (Modifier::ITALIC, Attribute::Italic),
        (Modifier::UNDERLINED, Attribute::Underlined),
        (Modifier::REVERSED, Attribute::Reverse),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink),
        (Modifier::HIDDEN, Attribute::Hidden),
    ] {
        if add.contains(m) {
            queue!(w, SetAttribute(a))?;
        }
    }
    Ok(reset)
}

impl<W: Write> Backend for SshBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let w = &mut self.out;
        let (mut fg, mut bg, mut modifier) = (Color::Reset, Color::Reset, Modifier::empty());
        // where the terminal's cursor is after what was written, when known
        let mut at: Option<(u16, u16)> = None;
        for (x, y, cell) in content {
            match at {
                Some((cx, cy)) if cx == x && cy == y => {}
                Some((cx, cy)) if cy == y && x > cx => queue!(w, MoveRight(x - cx))?,
                _ => queue!(w, MoveTo(x, y))?,
            }
            if cell.modifier != modifier {
                if modifiers(w, modifier, cell.modifier)? {
                    // a reset also cleared the colours
                    fg = Color::Reset;
                    bg = Color::Reset;
                }
                modifier = cell.modifier;
            }
            if cell.fg != fg {
                queue!(w, SetForegroundColor(cell.fg.into_crossterm()))?;
                fg = cell.fg;
            }
            if cell.bg != bg {
                queue!(w, SetBackgroundColor(cell.bg.into_crossterm()))?;
                bg = cell.bg;
            }
            let symbol = cell.symbol();
            queue!(w, Print(symbol))?;
            let width = UnicodeWidthStr::width(symbol).max(1) as u16;
            at = Some((x.saturating_add(width), y));
        }
        if fg != Color::Reset || bg != Color::Reset || !modifier.is_empty() {
            queue!(w, SetAttribute(Attribute::Reset))?;
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        queue!(self.out, Hide)
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        queue!(self.out, Show)
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        crossterm::cursor::position().map(|(x, y)| Position { x, y })
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        queue!(self.out, MoveTo(p.x, p.y))
    }

    fn clear(&mut self) -> io::Result<()> {
        queue!(self.out, Clear(CtClear::All))
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        let what = match clear_type {
            ClearType::All => CtClear::All,
            ClearType::AfterCursor => CtClear::FromCursorDown,
            ClearType::BeforeCursor => CtClear::FromCursorUp,
            ClearType::CurrentLine => CtClear::CurrentLine,
            ClearType::UntilNewLine => CtClear::UntilNewLine,
        };
        queue!(self.out, Clear(what))
    }

    fn size(&self) -> io::Result<Size> {
        let (width, height) = crossterm::terminal::size()?;
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let s = crossterm::terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size { width: s.columns, height: s.rows },
            pixels: Size { width: s.width, height: s.height },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    fn diff_bytes(before: &Buffer, after: &Buffer) -> Vec<u8> {
        let mut b = SshBackend::new(Vec::new());
        b.draw(before.diff(after).into_iter()).unwrap();
        b.writer().clone()
    }

    #[test]
    fn a_line_of_chinese_is_one_move_and_its_glyphs() {
        let area = Rect::new(0, 0, 40, 2);
        let before = Buffer::empty(area);
        let mut after = Buffer::empty(area);
        after.set_string(0, 1, "张伟 销售部 在池", ratatui::style::Style::default());
        let bytes = diff_bytes(&before, &after);
        let text = String::from_utf8(bytes).unwrap();
        // one absolute move at the start, one short move over the unchanged spaces
        assert_eq!(text.matches('H').count(), 1, "{text:?}");
        assert!(text.contains("张伟"), "{text:?}");
        assert!(text.len() < "张伟 销售部 在池".len() + 20, "{} bytes: {text:?}", text.len());
    }
}
