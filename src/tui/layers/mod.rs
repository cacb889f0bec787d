//! What opens on top of a panel: help, the message log, the `:` line, search, a prompt, a
//! confirmation, a text box, a form, a picker. The shell gives keys to the top layer;
//! Esc closes it, wherever it is.

pub mod boxes;
pub mod help;
pub mod line;
pub mod prompt;

use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear};
use ratatui::Frame;

use super::action::Action;
use super::ctx::Ctx;
use super::job::{Job, Target, Ticket};
use super::keymap::Section;

pub use boxes::{Confirm, Form, FormField, Picker, TextBox};
pub use help::{Help, Log};
pub use prompt::{CommandLine, Prompt, Search};

/// What a layer hands to the panel that opened it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Picked(String),
    Form(Vec<String>),
}

/// A search step, for the panel in front.
#[derive(Debug, Clone, PartialEq)]
pub enum SearchStep {
    /// The query as typed so far: jump to the first match from where the search began.
    Typed(String),
    /// Enter: keep the selection and remember the query for n / N.
    Accept(String),
    /// Esc: back to where the search began.
    Cancel,
}

/// What a key did to a layer.
pub enum Out {
    Stay,
    /// Closed without a result; a draft the panel may keep for next time.
    Close(Option<Value>),
    /// A result for the panel; the layer stays open until what it starts succeeds.
    Submit(Value),
    /// The confirmation's requests (sent as they are).
    Run(Vec<(Ticket, Job)>),
    /// An action for the panel or the shell (the `:` line; scrolling the page beneath).
    Act(Action),
    Search(SearchStep),
    /// Closed with a problem for the status line (an unknown command).
    Problem(String),
}

pub enum Layer {
    Help(Help),
    Log(Log),
    CommandLine(CommandLine),
    Search(Search),
    Prompt(Prompt),
    Confirm(Confirm),
    TextBox(Box<TextBox>),
    Form(Form),
    Picker(Picker),
}

impl Layer {
    /// The keymap sections its keys resolve in, first first.
    pub fn chain(&self) -> Vec<Section> {
        match self {
            Layer::Help(_) => vec![Section::Help],
            Layer::Log(_) => vec![Section::Log],
            Layer::CommandLine(_) | Layer::Search(_) | Layer::Prompt(_) => vec![Section::Input],
            Layer::Confirm(_) => vec![Section::Confirm],
            Layer::TextBox(_) => vec![Section::Text],
            Layer::Form(_) => vec![Section::Form, Section::Input],
            Layer::Picker(_) => vec![Section::Picker, Section::Input],
        }
    }

    pub fn act(&mut self, action: Action, ctx: &Ctx) -> Out {
        match self {
            Layer::Help(l) => l.act(action),
            Layer::Log(l) => l.act(action, ctx),
            Layer::CommandLine(l) => l.act(action, ctx),
            Layer::Search(l) => l.act(action),
            Layer::Prompt(l) => l.act(action),
            Layer::Confirm(l) => l.act(action),
            Layer::TextBox(l) => l.act(action),
            Layer::Form(l) => l.act(action),
            Layer::Picker(l) => l.act(action, ctx),
        }
    }

    /// A character typed (keys no section binds).
    pub fn typed(&mut self, c: char, ctx: &Ctx) -> Out {
        match self {
            Layer::CommandLine(l) => {
                l.input.insert(c);
                Out::Stay
            }
            Layer::Search(l) => {
                l.input.insert(c);
                Out::Search(SearchStep::Typed(l.input.text().to_string()))
            }
            Layer::Prompt(l) => {
                l.input.insert(c);
                Out::Stay
            }
            Layer::TextBox(l) => {
                l.area.insert_char(c);
                Out::Stay
            }
            Layer::Form(l) => {
                l.fields[l.focus].input.insert(c);
                Out::Stay
            }
            Layer::Picker(l) => {
                l.filter.insert(c);
                l.refilter(ctx);
                Out::Stay
            }
            Layer::Help(_) | Layer::Log(_) | Layer::Confirm(_) => Out::Stay,
        }
    }

    /// Pasted text (bracketed paste keeps a reflection's line breaks).
    pub fn paste(&mut self, text: &str, ctx: &Ctx) -> Out {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        match self {
            Layer::TextBox(l) => {
                l.area.insert_str(crate::locale::sanitize(&text));
            }
            Layer::CommandLine(l) => l.input.insert_str(text.trim()),
            Layer::Prompt(l) => l.input.insert_str(text.trim()),
            Layer::Form(l) => l.fields[l.focus].input.insert_str(text.trim()),
            Layer::Search(l) => {
                l.input.insert_str(text.trim());
                return Out::Search(SearchStep::Typed(l.input.text().to_string()));
            }
            Layer::Picker(l) => {
                l.filter.insert_str(text.trim());
                l.refilter(ctx);
            }
            Layer::Help(_) | Layer::Log(_) | Layer::Confirm(_) => {}
        }
        Out::Stay
    }

    /// The panel a result goes to.
    pub fn to(&self) -> Option<Target> {
        match self {
            Layer::Prompt(l) => Some(l.to),
            Layer::TextBox(l) => Some(l.to),
            Layer::Form(l) => Some(l.to),
            Layer::Picker(l) => Some(l.to),
            _ => None,
        }
    }

    /// A problem with what was submitted, shown inside the layer (it stays open).
    pub fn set_problem(&mut self, problem: Option<String>) {
        match self {
            Layer::Prompt(l) => l.problem = problem,
            Layer::TextBox(l) => l.problem = problem,
            Layer::Form(l) => l.problem = problem,
            Layer::Confirm(l) => l.problem = problem,
            _ => {}
        }
    }

    /// Whether the layer waits for a command's outcome (shown as busy).
    pub fn set_busy(&mut self, busy: bool) {
        match self {
            Layer::Prompt(l) => l.busy = busy,
            Layer::TextBox(l) => l.busy = busy,
            Layer::Form(l) => l.busy = busy,
            Layer::Confirm(l) => l.busy = busy,
            _ => {}
        }
    }

    /// Whether what was typed stays when the command fails (a confirmation just closes).
    pub fn keeps_text(&self) -> bool {
        matches!(self, Layer::Prompt(_) | Layer::TextBox(_) | Layer::Form(_))
    }

    /// Whether it sits on the bottom line (the panel stays fully visible above).
    pub fn on_bottom_line(&self) -> bool {
        matches!(self, Layer::CommandLine(_) | Layer::Search(_))
    }

    /// Draws it; returns where the terminal cursor goes, if anywhere.
    pub fn draw(&self, frame: &mut Frame, ctx: &Ctx) -> Option<Position> {
        match self {
            Layer::Help(l) => l.draw(frame, ctx),
            Layer::Log(l) => l.draw(frame, ctx),
            Layer::CommandLine(l) => return l.draw(frame, ctx),
            Layer::Search(l) => return l.draw(frame, ctx),
            Layer::Prompt(l) => return l.draw(frame, ctx),
            Layer::Confirm(l) => l.draw(frame, ctx),
            Layer::TextBox(l) => return l.draw(frame, ctx),
            Layer::Form(l) => return l.draw(frame, ctx),
            Layer::Picker(l) => return l.draw(frame, ctx),
        }
        None
    }
}

/// A box of at most `width` × `height` cells in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height.min(area.height))]).flex(Flex::Center).areas(area);
    let [h] = Layout::horizontal([Constraint::Length(width.min(area.width))]).flex(Flex::Center).areas(v);
    h
}

/// Clears `area` and frames it with a title above and a key hint below; returns the inside.
pub fn framed(frame: &mut Frame, area: Rect, title: &str, hint: &str, ctx: &Ctx) -> Rect {
    let theme = &ctx.theme;
    let width = area.width.saturating_sub(4) as usize;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {} ", crate::tui::text::truncate(title, width)), theme.accent()))
        .title_bottom(format!(" {} ", crate::tui::text::truncate(hint, width)));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    inner
}

/// `key label  key label`: the keys of some actions in `chain`, for a layer's hint line.
pub fn hint(ctx: &Ctx, chain: &[Section], actions: &[(Action, &str)]) -> String {
    actions
        .iter()
        .filter_map(|(a, label)| {
            let keys = ctx.keymap.keys_for(chain, *a);
            (!keys.is_empty()).then(|| format!("{keys} {label}"))
        })
        .collect::<Vec<_>>()
        .join("  ")
}
