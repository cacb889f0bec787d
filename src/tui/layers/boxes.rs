//! The boxed layers: a confirmation naming who and what (and whether it can be undone), a
//! text box that wraps as it is typed, a form of one-line fields, and a picker that
//! filters its list as you type (pinyin too).

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use tui_textarea::{CursorMove, TextArea, WrapMode};

use super::line::Line as Input;
use super::{centered, framed, hint, Out, Value};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::job::Target;
use crate::tui::job::{Job, Ticket};
use crate::tui::keymap::Section;
use crate::tui::search::{Matcher, Row};
use crate::tui::text;

/// A question before something that changes a record: who, what, and what follows.
pub struct Confirm {
    pub title: String,
    pub lines: Vec<String>,
    /// Shown in the error style: it cannot be undone.
    pub final_step: bool,
    then: Option<Vec<(Ticket, Job)>>,
    pub problem: Option<String>,
    pub busy: bool,
}

impl Confirm {
    pub fn new(title: impl Into<String>, lines: Vec<String>, then: Vec<(Ticket, Job)>) -> Confirm {
        Confirm {
            title: title.into(),
            lines,
            final_step: false,
            then: Some(then),
            problem: None,
            busy: false,
        }
    }

    /// Marks it as a step that cannot be undone.
    pub fn final_step(mut self) -> Confirm {
        self.final_step = true;
        self
    }

    pub fn act(&mut self, action: Action) -> Out {
        match action {
            Action::Yes if !self.busy => match self.then.take() {
                Some(requests) => Out::Run(requests),
                None => Out::Close(None),
            },
            Action::No => Out::Close(None),
            _ => Out::Stay,
        }
    }

    pub fn draw(&self, frame: &mut Frame, ctx: &Ctx) {
        let t = ctx.t();
        let screen = frame.area();
        let width = screen.width.saturating_sub(4).min(72);
        let inner_w = width.saturating_sub(2) as usize;
        let mut body: Vec<Line> = Vec::new();
        for l in &self.lines {
            for part in text::wrap(l, inner_w) {
                body.push(Line::from(part));
            }
        }
        if self.final_step {
            for part in text::wrap(t.cannot_undo, inner_w) {
                body.push(Line::from(Span::styled(part, ctx.theme.error())));
            }
        }
        if let Some(p) = &self.problem {
            body.push(Line::from(Span::styled(text::truncate(p, inner_w), ctx.theme.error())));
        }
        if self.busy {
            body.push(Line::from(Span::styled(t.working, ctx.theme.dim())));
        }
        let area = centered(screen, width, body.len() as u16 + 2);
        let keys = hint(ctx, &[Section::Confirm], &[(Action::Yes, t.yes), (Action::No, t.no)]);
        let inner = framed(frame, area, &self.title, &keys, ctx);
        frame.render_widget(Paragraph::new(body), inner);
    }
}

/// Several lines of text: a reason, a reflection, a reply. Wraps as typed; Esc keeps a
/// draft with the panel for next time.
pub struct TextBox {
    pub title: String,
    /// Shown above the text (the review comment a rewrite answers).
    pub context: Vec<String>,
    pub area: TextArea<'static>,
    pub to: Target,
    /// Most of the screen (a reflection) rather than a few lines (a reason).
    pub tall: bool,
    pub problem: Option<String>,
    pub busy: bool,
}

/// A text area that wraps by words and glyphs (Chinese has no spaces), without the
/// underlined cursor line.
pub fn text_area(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(if text.is_empty() {
        vec![String::new()]
    } else {
        text.lines().map(str::to_string).collect()
    });
    area.set_cursor_line_style(Style::default());
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    area
}

/// Applies a text-editing action to a text area; false when it is not one.
pub fn edit_area(area: &mut TextArea<'static>, action: Action) -> bool {
    match action {
        Action::Newline => area.insert_newline(),
        Action::Left => area.move_cursor(CursorMove::Back),
        Action::Right => area.move_cursor(CursorMove::Forward),
        Action::Up => area.move_cursor(CursorMove::Up),
        Action::Down => area.move_cursor(CursorMove::Down),
        Action::WordLeft => area.move_cursor(CursorMove::WordBack),
        Action::WordRight => area.move_cursor(CursorMove::WordForward),
        Action::LineStart => area.move_cursor(CursorMove::Head),
        Action::LineEnd => area.move_cursor(CursorMove::End),
        Action::DeleteBack => {
            area.delete_char();
        }
        Action::DeleteForward => {
            area.delete_next_char();
        }
        Action::DeleteWord => {
            area.delete_word();
        }
        Action::ClearLine => {
            area.delete_line_by_head();
        }
        _ => return false,
    }
    true
}

impl TextBox {
    pub fn new(to: impl Into<Target>, title: impl Into<String>, text: &str) -> TextBox {
        TextBox {
            title: title.into(),
            context: Vec::new(),
            area: text_area(text),
            to: to.into(),
            tall: false,
            problem: None,
            busy: false,
        }
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn act(&mut self, action: Action) -> Out {
        match action {
            Action::Cancel => {
                let draft = self.text();
                Out::Close((!draft.trim().is_empty()).then_some(Value::Text(draft)))
            }
            Action::Submit if !self.busy => Out::Submit(Value::Text(self.text())),
            other => {
                if edit_area(&mut self.area, other) {
                    self.problem = None;
                }
                Out::Stay
            }
        }
    }

    pub fn draw(&self, frame: &mut Frame, ctx: &Ctx) -> Option<Position> {
        let t = ctx.t();
        let screen = frame.area();
        let width = screen.width.saturating_sub(4).min(100);
        let inner_w = width.saturating_sub(2) as usize;
        let context: Vec<String> = self.context.iter().flat_map(|c| text::wrap(c, inner_w)).collect();
        let height = if self.tall {
            screen.height.saturating_sub(2)
        } else {
            (context.len() as u16 + 8).min(screen.height.saturating_sub(2))
        };
        let area = centered(screen, width, height);
        let keys = hint(ctx, &[Section::Text], &[(Action::Submit, t.save), (Action::Cancel, t.cancel)]);
        let inner = framed(frame, area, &self.title, &keys, ctx);
        let shown_context = context.len().min(inner.height.saturating_sub(3) as usize / 2);
        let [above, text_area, below] = Layout::vertical([
            Constraint::Length(shown_context as u16),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        let lines: Vec<Line> = context
            .iter()
            .take(shown_context)
            .map(|c| Line::from(Span::styled(c.clone(), ctx.theme.dim())))
            .collect();
        frame.render_widget(Paragraph::new(lines), above);
        frame.render_widget(&self.area, text_area);
        let (note, style) = match (&self.problem, self.busy) {
            (_, true) => (t.working.to_string(), ctx.theme.dim()),
            (Some(p), _) => (p.clone(), ctx.theme.error()),
            (None, _) => {
                (t.characters(self.text().chars().filter(|c| !c.is_whitespace()).count()), ctx.theme.dim())
            }
        };
        frame.render_widget(
            Paragraph::new(Span::styled(text::truncate(&note, below.width as usize), style)),
            below,
        );
        None
    }
}

/// One field of a form: a label, the value typed, and what it takes.
pub struct FormField {
    pub label: String,
    pub input: Input,
    /// The values it takes or its range, shown beside it.
    pub hint: String,
}

impl FormField {
    pub fn new(label: impl Into<String>, value: impl Into<String>, hint: impl Into<String>) -> FormField {
        FormField { label: label.into(), input: Input::new(value), hint: hint.into() }
    }
}

pub struct Form {
    pub title: String,
    pub fields: Vec<FormField>,
    pub focus: usize,
    pub to: Target,
    pub problem: Option<String>,
    pub busy: bool,
}

impl Form {
    pub fn new(
        to: impl Into<Target>,
        title: impl Into<String>,
        fields: Vec<FormField>,
        focus: usize,
    ) -> Form {
        let focus = focus.min(fields.len().saturating_sub(1));
        Form { title: title.into(), fields, focus, to: to.into(), problem: None, busy: false }
    }

    pub fn act(&mut self, action: Action) -> Out {
        let n = self.fields.len().max(1);
        match action {
            Action::Cancel => return Out::Close(None),
            Action::Submit if !self.busy => {
                return Out::Submit(Value::Form(
                    self.fields.iter().map(|f| f.input.text().trim().to_string()).collect(),
                ))
            }
            Action::NextField => self.focus = (self.focus + 1) % n,
            Action::PrevField => self.focus = (self.focus + n - 1) % n,
            other => {
                if self.fields[self.focus].input.edit(other) {
                    self.problem = None;
                }
            }
        }
        Out::Stay
    }

    pub fn draw(&self, frame: &mut Frame, ctx: &Ctx) -> Option<Position> {
        let t = ctx.t();
        let screen = frame.area();
        let width = screen.width.saturating_sub(4).min(90);
        let area = centered(screen, width, self.fields.len() as u16 + 4);
        let keys = hint(
            ctx,
            &[Section::Form],
            &[(Action::NextField, t.next_field), (Action::Submit, t.save), (Action::Cancel, t.cancel)],
        );
        let inner = framed(frame, area, &self.title, &keys, ctx);
        let label_w = self.fields.iter().map(|f| text::width(&f.label)).max().unwrap_or(8).min(20) + 1;
        let hint_w = self.fields.iter().map(|f| text::width(&f.hint)).max().unwrap_or(0).min(30);
        let value_w = (inner.width as usize).saturating_sub(label_w + hint_w + 2).max(8);
        let mut cursor = None;
        for (i, f) in self.fields.iter().enumerate() {
            if i as u16 >= inner.height {
                break;
            }
            let y = inner.y + i as u16;
            let focused = i == self.focus;
            let (shown, col) = f.input.view(value_w);
            let label_style = if focused { ctx.theme.selected() } else { Style::default() };
            let line = Line::from(vec![
                Span::styled(text::fit(&f.label, label_w - 1), label_style),
                Span::raw(" "),
                Span::styled(
                    text::fit(&shown, value_w),
                    if focused { ctx.theme.header() } else { Style::default() },
                ),
                Span::raw(" "),
                Span::styled(text::truncate(&f.hint, hint_w), ctx.theme.dim()),
            ]);
            frame.render_widget(Paragraph::new(line), Rect::new(inner.x, y, inner.width, 1));
            if focused {
                cursor = Some(Position::new(inner.x + label_w as u16 + col, y));
            }
        }
        let last = Rect::new(inner.x, inner.y + inner.height.saturating_sub(1), inner.width, 1);
        let (note, style) = match (&self.problem, self.busy) {
            (_, true) => (t.working.to_string(), ctx.theme.dim()),
            (Some(p), _) => (p.clone(), ctx.theme.error()),
            (None, _) => (String::new(), Style::default()),
        };
        frame.render_widget(
            Paragraph::new(Span::styled(text::truncate(&note, last.width as usize), style)),
            last,
        );
        cursor
    }
}

/// A list to choose from; typing narrows it (names by pinyin too).
pub struct Picker {
    pub title: String,
    /// (label shown, value handed back).
    options: Vec<(String, String)>,
    pub filter: Input,
    shown: Vec<usize>,
    cursor: usize,
    pub to: Target,
    matcher: Matcher,
}

impl Picker {
    /// `current`: the value chosen now (the cursor starts on it).
    pub fn new(
        to: impl Into<Target>,
        title: impl Into<String>,
        options: Vec<(String, String)>,
        current: &str,
    ) -> Picker {
        let cursor = options.iter().position(|(_, v)| v == current).unwrap_or(0);
        let shown = (0..options.len()).collect();
        Picker {
            title: title.into(),
            options,
            filter: Input::default(),
            shown,
            cursor,
            to: to.into(),
            matcher: Matcher::default(),
        }
    }

    pub fn refilter(&mut self, _ctx: &Ctx) {
        let q = self.filter.text().to_string();
        self.shown = if q.trim().is_empty() {
            (0..self.options.len()).collect()
        } else {
            let m = &mut self.matcher;
            (0..self.options.len())
                .filter(|&i| {
                    m.matches(&Row { name: &self.options[i].0, id: &self.options[i].1, department: "" }, &q)
                })
                .collect()
        };
        self.cursor = 0;
    }

    pub fn act(&mut self, action: Action, ctx: &Ctx) -> Out {
        match action {
            Action::Cancel => return Out::Close(None),
            Action::Submit => {
                return match self.shown.get(self.cursor) {
                    Some(&i) => Out::Submit(Value::Picked(self.options[i].1.clone())),
                    None => Out::Stay,
                }
            }
            Action::Down => self.cursor = (self.cursor + 1).min(self.shown.len().saturating_sub(1)),
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            other => {
                if self.filter.edit(other) {
                    self.refilter(ctx);
                }
            }
        }
        Out::Stay
    }

    pub fn draw(&self, frame: &mut Frame, ctx: &Ctx) -> Option<Position> {
        let t = ctx.t();
        let screen = frame.area();
        // wide enough for the longest option and the whole title, as the screen allows
        let label_w = self.options.iter().map(|(l, _)| text::width(l)).max().unwrap_or(10);
        let width =
            (label_w.max(text::width(&self.title)) as u16 + 6).clamp(30, screen.width.saturating_sub(4));
        let rows = (self.options.len() as u16).clamp(1, screen.height.saturating_sub(8));
        let area = centered(screen, width, rows + 4);
        let keys = hint(
            ctx,
            &[Section::Picker, Section::Input],
            &[(Action::Submit, t.choose), (Action::Cancel, t.cancel)],
        );
        let inner = framed(frame, area, &self.title, &keys, ctx);
        let [filter, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
        let (shown_filter, col) = self.filter.view(filter.width.saturating_sub(2) as usize);
        frame.render_widget(
            Paragraph::new(Line::from(vec![Span::styled("> ", ctx.theme.dim()), Span::raw(shown_filter)])),
            filter,
        );
        let height = list.height as usize;
        let offset = self.cursor.saturating_sub(height.saturating_sub(1));
        let lines: Vec<Line> = self
            .shown
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(pos, &i)| {
                let label = text::fit(&self.options[i].0, list.width as usize);
                if pos == self.cursor {
                    Line::from(Span::styled(label, ctx.theme.selected()))
                } else {
                    Line::from(label)
                }
            })
            .collect();
        if lines.is_empty() {
            frame.render_widget(Paragraph::new(Span::styled(t.no_match, ctx.theme.dim())), list);
        } else {
            frame.render_widget(Paragraph::new(lines), list);
        }
        Some(Position::new(filter.x + 2 + col, filter.y))
    }
}
