//! A terminal backend that writes fewer bytes over SSH: it knows where the cursor stands
//! after each glyph (two cells after a Chinese character), so it moves the cursor only
//! when the changed cells are not adjacent, and then by the shortest sequence; and it keeps
//! a copy of the screen, so a short gap between changed cells is written out (a space is
//! one byte, a cursor move three or more) when that is cheaper.

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
    /// What the terminal shows, cell by cell (row-major), as far as this backend wrote it.
    screen: Vec<Cell>,
    width: u16,
    /// A size of its own, when not writing to a terminal (benchmarks, tests).
    fixed: Option<Size>,
}

/// The longest gap written out rather than moved over.
const MAX_FILL: u16 = 8;

/// Bytes of `ESC [ n C`.
fn move_right_bytes(n: u16) -> usize {
    if n == 1 {
        3
    } else {
        3 + n.to_string().len()
    }
}

impl<W: Write> SshBackend<W> {
    pub fn new(out: W) -> SshBackend<W> {
        SshBackend { out, screen: Vec::new(), width: 0, fixed: None }
    }

    /// A backend for a screen of this size that is not a terminal.
    pub fn with_size(out: W, width: u16, height: u16) -> SshBackend<W> {
        SshBackend { out, screen: Vec::new(), width: 0, fixed: Some(Size { width, height }) }
    }

    fn cell(&self, x: u16, y: u16) -> Option<&Cell> {
        self.screen.get(usize::from(y) * usize::from(self.width) + usize::from(x))
    }

    /// The cells from `from` to `to` (exclusive) on row `y` as text, when all of them have
    /// the pen's style: writing them moves the cursor as far as a move would.
    fn fill(&self, y: u16, from: u16, to: u16, pen: (Color, Color, Modifier)) -> Option<String> {
        // a gap that starts under the right half of a wide glyph is not written out
        if from > 0 && self.cell(from - 1, y).is_some_and(|c| UnicodeWidthStr::width(c.symbol()) > 1) {
            return None;
        }
        let mut text = String::new();
        let mut x = from;
        while x < to {
            let c = self.cell(x, y)?;
            if (c.fg, c.bg, c.modifier) != pen {
                return None;
            }
            let symbol = c.symbol();
            let w = UnicodeWidthStr::width(symbol).max(1) as u16;
            if x + w > to {
                return None;
            }
            text.push_str(symbol);
            x += w;
        }
        Some(text)
    }

    pub fn writer(&self) -> &W {
        &self.out
    }

    /// The first cell where the copy of the screen differs from `buffer` (a debugging aid
    /// for the benchmark and tests).
    pub fn differs_from(&self, buffer: &ratatui::buffer::Buffer) -> Option<(u16, u16, String, String)> {
        for y in 0..buffer.area.height {
            let mut skip = 0;
            for x in 0..buffer.area.width {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let want = buffer[(x, y)].symbol();
                skip = UnicodeWidthStr::width(want).saturating_sub(1);
                let have = self.cell(x, y).map_or("?", |c| c.symbol());
                if want != have {
                    return Some((x, y, want.to_string(), have.to_string()));
                }
            }
        }
        None
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
        let changed: Vec<(u16, u16, Cell)> = content.map(|(x, y, c)| (x, y, c.clone())).collect();
        // the copy of the screen follows what is about to be written
        if let Ok(size) = self.size() {
            if size.width != self.width
                || self.screen.len() != usize::from(size.width) * usize::from(size.height)
            {
                self.width = size.width;
                self.screen = vec![Cell::default(); usize::from(size.width) * usize::from(size.height)];
            }
        }
        // the copy follows the frame: the cells a wide glyph covers are reset, as the frame
        // resets them (and as the diff never mentions them)
        for (x, y, c) in &changed {
            let i = usize::from(*y) * usize::from(self.width) + usize::from(*x);
            if let Some(slot) = self.screen.get_mut(i) {
                *slot = c.clone();
            }
            let width = UnicodeWidthStr::width(c.symbol()).max(1);
            for k in 1..width {
                if usize::from(*x) + k < usize::from(self.width) {
                    if let Some(slot) = self.screen.get_mut(i + k) {
                        *slot = Cell::default();
                    }
                }
            }
        }
        let mut buf: Vec<u8> = Vec::with_capacity(changed.len() * 4);
        let w = &mut buf;
        let (mut fg, mut bg, mut modifier) = (Color::Reset, Color::Reset, Modifier::empty());
        // where the terminal's cursor is after what was written, when known
        let mut at: Option<(u16, u16)> = None;
        // per row, where the blank tail begins (every cell from there to the edge is blank)
        let blank = Cell::default();
        let width = usize::from(self.width);
        let mut tails: Vec<Option<u16>> = vec![None; self.screen.len() / width.max(1)];
        let screen = &self.screen;
        let mut tail_of = |y: u16| -> u16 {
            *tails[usize::from(y)].get_or_insert_with(|| {
                let row = &screen[usize::from(y) * width..usize::from(y) * width + width];
                (row.iter().rposition(|c| *c != blank).map_or(0, |i| i + 1)) as u16
            })
        };
        let mut erased_row: Option<u16> = None;
        for (x, y, cell) in &changed {
            let (x, y) = (*x, *y);
            if erased_row == Some(y) {
                continue;
            }
            // a changed blank cell in the row's blank tail: erase to the end of the line
            let row_known = (usize::from(y) + 1) * width <= self.screen.len();
            if row_known && *cell == blank && x + 4 < self.width && x >= tail_of(y) {
                match at {
                    Some((cx, cy)) if cx == x && cy == y => {}
                    Some((cx, cy)) if cy == y && x > cx && x - cx == 1 => w.extend_from_slice(b"\x1b[C"),
                    Some((cx, cy)) if cy == y && x > cx => queue!(w, MoveRight(x - cx))?,
                    _ => queue!(w, MoveTo(x, y))?,
                }
                if fg != Color::Reset || bg != Color::Reset || !modifier.is_empty() {
                    queue!(w, SetAttribute(Attribute::Reset))?;
                    fg = Color::Reset;
                    bg = Color::Reset;
                    modifier = Modifier::empty();
                }
                w.extend_from_slice(b"\x1b[K");
                erased_row = Some(y);
                at = Some((x, y));
                continue;
            }
            match at {
                Some((cx, cy)) if cx == x && cy == y => {}
                Some((cx, cy)) if cy == y && x > cx => {
                    let gap = x - cx;
                    let filled = (gap <= MAX_FILL)
                        .then(|| self.fill(y, cx, x, (fg, bg, modifier)))
                        .flatten()
                        .filter(|t| t.len() <= move_right_bytes(gap));
                    match filled {
                        Some(text) => w.extend_from_slice(text.as_bytes()),
                        None if gap == 1 => w.extend_from_slice(b"\x1b[C"),
                        None => queue!(w, MoveRight(gap))?,
                    }
                }
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
        self.out.write_all(&buf)
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
        self.screen.iter_mut().for_each(|c| *c = Cell::default());
        queue!(self.out, Clear(CtClear::All))
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // what is left on screen is no longer known cell by cell
        self.screen.clear();
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
        if let Some(size) = self.fixed {
            return Ok(size);
        }
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
        let mut b = SshBackend::with_size(Vec::new(), before.area.width, before.area.height);
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
        // one absolute move at the start; the unchanged spaces between are written, not moved over
        assert_eq!(text.matches('H').count(), 1, "{text:?}");
        assert!(text.contains("张伟 销售部 在池"), "{text:?}");
        assert!(text.len() < "张伟 销售部 在池".len() + 10, "{} bytes: {text:?}", text.len());
    }
}

#[cfg(test)]
mod screen_tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    /// What a terminal shows after the bytes, row by row.
    fn shown(parser: &vt100::Parser, w: u16, h: u16) -> Vec<String> {
        (0..h).map(|y| parser.screen().contents_between(y, 0, y, w)).collect()
    }

    fn expected(b: &Buffer) -> Vec<String> {
        (0..b.area.height)
            .map(|y| {
                let mut s = String::new();
                let mut skip = 0;
                for x in 0..b.area.width {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    let sym = b[(x, y)].symbol();
                    skip = UnicodeWidthStr::width(sym).saturating_sub(1);
                    s.push_str(sym);
                }
                s.trim_end().to_string()
            })
            .collect()
    }

    #[test]
    fn the_terminal_shows_exactly_the_buffer_after_every_draw() {
        let (w, h) = (30u16, 6u16);
        let area = Rect::new(0, 0, w, h);
        let mut backend = SshBackend::with_size(Vec::new(), w, h);
        let mut parser = vt100::Parser::new(h, w, 0);
        let mut before = Buffer::empty(area);
        let texts = [
            "张伟 销售部 在池 12",
            "王芳  财务部  已入池",
            "a b c d e f g",
            "欧阳娜仁托娅 . 8.4年",
            "",
            "hr_demo 资格审核通过",
        ];
        let mut seed = 7u64;
        for round in 0..200 {
            let mut after = Buffer::empty(area);
            for y in 0..h {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let t = texts[(seed >> 33) as usize % texts.len()];
                let x = ((seed >> 20) % 4) as u16;
                let style = if (seed >> 40).is_multiple_of(3) {
                    Style::default().add_modifier(Modifier::REVERSED)
                } else {
                    Style::default()
                };
                after.set_string(x, y, t, style);
            }
            let diff = before.diff(&after);
            backend.out.clear();
            backend.draw(diff.into_iter()).unwrap();
            parser.process(&backend.out);
            assert_eq!(
                shown(&parser, w, h).iter().map(|l| l.trim_end().to_string()).collect::<Vec<_>>(),
                expected(&after),
                "round {round}"
            );
            before = after;
        }
    }
}
