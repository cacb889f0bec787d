//! The layers on the bottom line: the `:` command line with its matching commands listed
//! above as you type, `/` search with "match 2/5", and a one-line prompt (a number of
//! hours, a score, a path).

use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::line::Line as Input;
use super::{Out, SearchStep, Value};
use crate::tui::action::{Action, Panel, WORDS};
use crate::tui::ctx::Ctx;
use crate::tui::job::Target;
use crate::tui::keymap::Section;
use crate::tui::text;

fn bottom(frame: &Frame) -> Rect {
    let a = frame.area();
    Rect::new(a.x, a.y + a.height.saturating_sub(1), a.width, 1)
}

/// The `:` line.
#[derive(Default)]
pub struct CommandLine {
    pub input: Input,
    /// What was typed before Tab began cycling through the candidates.
    typed: Option<String>,
}

/// A command the `:` line offers: its words and what it does.
fn candidates(ctx: &Ctx, prefix: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |word: String, desc: String| {
        if word.starts_with(prefix) && !out.iter().any(|(w, _)| *w == word) {
            out.push((word, desc));
        }
    };
    let sections = [
        Section::Panel(ctx.panel),
        Section::Global,
        Section::Panel(Panel::Pool),
        Section::Panel(Panel::Courses),
        Section::Panel(Panel::Reflections),
        Section::Panel(Panel::Readiness),
        Section::Panel(Panel::Vacancies),
        Section::Panel(Panel::Insight),
    ];
    for s in sections {
        for b in ctx.keymap.bindings(s) {
            if ctx.may(b.action) {
                add(b.action.to_string(), b.desc(ctx.lang).to_string());
            }
        }
    }
    for w in WORDS {
        if let Ok(a) = Action::parse(w) {
            if ctx.may(a) && is_panel_action(a) {
                add(w.to_string(), String::new());
            }
        }
    }
    out
}

/// Actions that make sense typed on the `:` line (not a layer's own keys).
fn is_panel_action(a: Action) -> bool {
    !matches!(
        a,
        Action::Submit
            | Action::Cancel
            | Action::ClearLine
            | Action::Complete
            | Action::NextField
            | Action::PrevField
            | Action::Yes
            | Action::No
            | Action::Accept
            | Action::Return
            | Action::Increase
            | Action::Decrease
            | Action::Discard
            | Action::ApplyPolicy
            | Action::Left
            | Action::Right
            | Action::WordLeft
            | Action::WordRight
            | Action::LineStart
            | Action::LineEnd
            | Action::DeleteBack
            | Action::DeleteForward
            | Action::DeleteWord
            | Action::Newline
            | Action::Tab(_)
    )
}

/// What the `:` line's text means: an action, or the problem with it.
pub fn parse_command(text: &str) -> Result<Action, String> {
    match text.trim() {
        "q" | "q!" | "qa" | "wq" | "x" => Ok(Action::Quit),
        "h" => Ok(Action::Help),
        other => Action::parse(other),
    }
}

impl CommandLine {
    pub fn act(&mut self, action: Action, ctx: &Ctx) -> Out {
        match action {
            Action::Cancel => return Out::Close(None),
            Action::Submit => {
                let line = self.input.text().trim().to_string();
                if line.is_empty() {
                    return Out::Close(None);
                }
                return match parse_command(&line) {
                    Ok(a) if ctx.may(a) => Out::Act(a),
                    Ok(_) => Out::Problem(ctx.t().not_for_role.to_string()),
                    Err(_) => Out::Problem(format!("{}: :{line}", ctx.t().unknown_command)),
                };
            }
            Action::Complete => {
                let typed = self.typed.get_or_insert_with(|| self.input.text().to_string()).clone();
                let options = candidates(ctx, &typed);
                if !options.is_empty() {
                    let now = self.input.text();
                    let pick =
                        options.iter().position(|(w, _)| w == now).map_or(0, |i| i + 1) % options.len();
                    self.input.set(options[pick].0.clone());
                }
                return Out::Stay;
            }
            other => {
                self.input.edit(other);
            }
        }
        self.typed = None;
        Out::Stay
    }

    pub fn draw(&self, frame: &mut Frame, ctx: &Ctx) -> Option<Position> {
        let line = bottom(frame);
        let width = line.width.saturating_sub(1) as usize;
        let (shown, col) = self.input.view(width);
        frame.render_widget(Clear, line);
        frame.render_widget(Paragraph::new(format!(":{shown}")), line);
        // the matching commands, above the line
        let prefix = self.typed.as_deref().unwrap_or(self.input.text()).trim();
        let options = candidates(ctx, prefix);
        let room = frame.area().height.saturating_sub(4) as usize;
        let shown_n = options.len().min(8).min(room);
        if shown_n > 0 {
            let word_w = options.iter().map(|(w, _)| text::width(w)).max().unwrap_or(8) + 2;
            let box_w = (frame.area().width as usize).min(word_w + 32) as u16;
            let area = Rect::new(line.x, line.y.saturating_sub(shown_n as u16), box_w, shown_n as u16);
            let mut lines: Vec<Line> = options
                .iter()
                .take(shown_n)
                .map(|(w, d)| {
                    let style =
                        if w == self.input.text() { ctx.theme.selected() } else { ctx.theme.accent() };
                    Line::from(vec![
                        Span::styled(text::fit(w, word_w), style),
                        Span::raw(text::truncate(d, (box_w as usize).saturating_sub(word_w))),
                    ])
                })
                .collect();
            if options.len() > shown_n {
                let more = format!("… +{}", options.len() - shown_n);
                if let Some(last) = lines.last_mut() {
                    *last = Line::from(Span::styled(more, ctx.theme.dim()));
                }
            }
            frame.render_widget(Clear, area);
            frame.render_widget(Paragraph::new(lines), area);
        }
        Some(Position::new(line.x + 1 + col, line.y))
    }
}

/// `/`: searching the list in front; the shell reports where the matches are.
pub struct Search {
    pub input: Input,
    /// (the selected match, number of matches) once searched.
    pub found: Option<(usize, usize)>,
}

impl Search {
    pub fn new(initial: &str) -> Search {
        Search { input: Input::new(initial), found: None }
    }

    pub fn act(&mut self, action: Action) -> Out {
        match action {
            Action::Cancel => Out::Search(SearchStep::Cancel),
            Action::Submit => Out::Search(SearchStep::Accept(self.input.text().to_string())),
            other => {
                if self.input.edit(other) {
                    Out::Search(SearchStep::Typed(self.input.text().to_string()))
                } else {
                    Out::Stay
                }
            }
        }
    }

    pub fn draw(&self, frame: &mut Frame, ctx: &Ctx) -> Option<Position> {
        let t = ctx.t();
        let line = bottom(frame);
        let status = match self.found {
            _ if self.input.text().is_empty() => t.search_hint.to_string(),
            Some((at, of)) => t.search_matches(at, of),
            None => t.no_match.to_string(),
        };
        let status_w = text::width(&status) as u16 + 2;
        let width = line.width.saturating_sub(status_w + 1) as usize;
        let (shown, col) = self.input.view(width);
        frame.render_widget(Clear, line);
        let style = if self.found.is_none() && !self.input.text().is_empty() {
            ctx.theme.error()
        } else {
            ctx.theme.dim()
        };
        let pad = width.saturating_sub(text::width(&shown));
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::raw(format!("/{shown}{}", " ".repeat(pad))),
                Span::styled(format!("  {status}"), style),
            ])),
            line,
        );
        Some(Position::new(line.x + 1 + col, line.y))
    }
}

/// One line asked for: a number of hours, a score, a path. The panel checks it; a problem
/// keeps the prompt open with what was typed.
pub struct Prompt {
    pub title: String,
    pub input: Input,
    pub to: Target,
    pub problem: Option<String>,
    pub busy: bool,
}

impl Prompt {
    pub fn new(to: impl Into<Target>, title: impl Into<String>, initial: &str) -> Prompt {
        Prompt { title: title.into(), input: Input::new(initial), to: to.into(), problem: None, busy: false }
    }

    pub fn act(&mut self, action: Action) -> Out {
        match action {
            Action::Cancel => Out::Close(None),
            Action::Submit if !self.busy => Out::Submit(Value::Text(self.input.text().trim().to_string())),
            other => {
                if self.input.edit(other) {
                    self.problem = None;
                }
                Out::Stay
            }
        }
    }

    /// A box over the status and hint lines: the question as its title, the line typed,
    /// and the problem with it (or the keys).
    pub fn draw(&self, frame: &mut Frame, ctx: &Ctx) -> Option<Position> {
        let t = ctx.t();
        let screen = frame.area();
        let area = Rect::new(
            screen.x,
            screen.y + screen.height.saturating_sub(4),
            screen.width,
            4.min(screen.height),
        );
        let keys = super::hint(ctx, &[Section::Input], &[(Action::Submit, t.ok), (Action::Cancel, t.cancel)]);
        let inner = super::framed(frame, area, &self.title, &keys, ctx);
        let input = Rect { height: 1, ..inner };
        let note = Rect { y: inner.y + 1, height: 1, ..inner };
        let (shown, col) = self.input.view(input.width.saturating_sub(1) as usize);
        frame.render_widget(Paragraph::new(shown), input);
        let (text_, style) = match (&self.problem, self.busy) {
            (_, true) => (t.working.to_string(), ctx.theme.dim()),
            (Some(p), _) => (p.clone(), ctx.theme.error()),
            (None, _) => (String::new(), ctx.theme.dim()),
        };
        frame.render_widget(
            Paragraph::new(Span::styled(text::truncate(&text_, note.width as usize), style)),
            note,
        );
        Some(Position::new(input.x + col, input.y))
    }
}
