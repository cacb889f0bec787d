//! Overlays: the help screen generated from the keymap, and the reason box.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::Theme;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::i18n::Lang;
use crate::tui::keymap::Scope;
use crate::tui::text;

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height.min(area.height))]).flex(Flex::Center).areas(area);
    let [h] = Layout::horizontal([Constraint::Length(width.min(area.width))]).flex(Flex::Center).areas(v);
    h
}

pub fn help(frame: &mut Frame, app: &App, scroll: usize, theme: &Theme) {
    let t = app.lang.t();
    let area = centered(frame.area(), 64, frame.area().height.saturating_sub(2));
    let mut lines = Vec::new();
    let scope = app.scope();
    let panel_title = match scope {
        Scope::Screening => "screening".to_string(),
        Scope::Panel(p) => t.tabs[p.index()].to_string(),
        Scope::Global => String::new(),
    };
    for (title, s) in [(panel_title, scope), (t.help_global.to_string(), Scope::Global)] {
        let bindings = app.keymap.bindings(s);
        if bindings.is_empty() {
            continue;
        }
        lines.push(Line::from(Span::styled(title, theme.accent())));
        for b in bindings {
            let desc = if app.lang == Lang::Zh { &b.desc_zh } else { &b.desc };
            lines.push(Line::from(format!("  {} {}  ({})", text::fit(&b.label(), 12), desc, b.action)));
        }
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {} ", t.help_title), theme.accent()))
        .title_bottom(format!(" {} ", t.help_close));
    let inner_height = area.height.saturating_sub(2) as usize;
    let scroll = scroll.min(lines.len().saturating_sub(inner_height));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll as u16, 0)), area);
}

pub fn reason(
    frame: &mut Frame,
    app: &App,
    action: Action,
    name: &str,
    input: &tui_textarea::TextArea<'static>,
    theme: &Theme,
) {
    let t = app.lang.t();
    let area = centered(frame.area(), 60, 5);
    let what = match (app.lang, action) {
        (Lang::Zh, Action::Disqualify) => "取消资格",
        (Lang::Zh, _) => "退出人才池",
        (Lang::En, Action::Disqualify) => "Disqualify",
        (Lang::En, _) => "Withdraw",
    };
    let title = format!(" {what}: {name} - {} ", t.reason_for);
    text_box(frame, area, title, t.reason_hint, input, theme);
}

/// A cleared, framed box holding a text area: title on top, key hint below.
fn text_box(
    frame: &mut Frame,
    area: Rect,
    title: String,
    hint: &str,
    input: &tui_textarea::TextArea<'static>,
    theme: &Theme,
) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title, theme.accent()))
        .title_bottom(format!(" {hint} "));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    frame.render_widget(input, inner);
}

/// The box a reflection is pasted into (bracketed paste keeps its line breaks).
pub fn submit(
    frame: &mut Frame,
    app: &App,
    name: &str,
    stage: u8,
    input: &tui_textarea::TextArea<'static>,
    theme: &Theme,
) {
    let t = app.lang.t();
    let area = centered(
        frame.area(),
        frame.area().width.saturating_sub(8).min(100),
        frame.area().height.saturating_sub(6),
    );
    text_box(frame, area, format!(" {name}: {} {stage} ", t.submit_title), t.submit_hint, input, theme);
}

/// The catalogue form: a label and a one-line field per course attribute.
pub fn course_form(
    frame: &mut Frame,
    app: &App,
    fields: &[tui_textarea::TextArea<'static>],
    focus: usize,
    theme: &Theme,
) {
    let t = app.lang.t();
    form(frame, (t.course_form_title, t.course_form_hint), &t.course_fields, fields, focus, theme);
}

/// A form of single-line fields with their labels, the focused one highlighted.
pub fn form(
    frame: &mut Frame,
    (title, hint): (&str, &str),
    labels: &[&str],
    fields: &[tui_textarea::TextArea<'static>],
    focus: usize,
    theme: &Theme,
) {
    let area = centered(frame.area(), 70, fields.len() as u16 + 2);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), theme.accent()))
        .title_bottom(format!(" {hint} "));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let label_width = labels.iter().map(|l| text::width(l)).max().unwrap_or(0).clamp(8, 30) as u16 + 1;
    for (i, field) in fields.iter().enumerate() {
        if i as u16 >= inner.height {
            break;
        }
        let row = Rect::new(inner.x, inner.y + i as u16, inner.width, 1);
        let [label, value] =
            Layout::horizontal([Constraint::Length(label_width), Constraint::Min(1)]).areas(row);
        let style = if i == focus { theme.selected() } else { theme.dim() };
        let name = labels.get(i).copied().unwrap_or("");
        frame.render_widget(
            Paragraph::new(Span::styled(text::fit(name, label_width as usize - 1), style)),
            label,
        );
        frame.render_widget(field, value);
    }
}
