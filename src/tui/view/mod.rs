//! Drawing: a pure function of the model. Tabs, the focused panel, the status line and the
//! hint bar (or the prompt being typed), and overlays on top.

mod overlay;
mod pool;
mod profile;
mod queue;
mod readiness;
mod screening;
mod training;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::action::Panel;
use super::app::{App, Mode};
use super::keymap::Scope;
use super::text;

/// The smallest terminal the UI draws in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 12;
/// From this width the profile sits beside the pool table.
pub const SIDE_PANE_WIDTH: u16 = 120;
const PROFILE_WIDTH: u16 = 46;

/// Rows of the pool or screening list that fit in a terminal of this size.
pub fn list_rows(size: Rect) -> usize {
    size.height.saturating_sub(5) as usize
}

/// Rows of the reflection queue that fit: beside the reader on wide terminals, above it
/// on narrow ones.
pub fn queue_rows(size: Rect) -> usize {
    let body = size.height.saturating_sub(4);
    if size.width >= SIDE_PANE_WIDTH {
        body.saturating_sub(1) as usize
    } else {
        (body / 3).clamp(3, 8) as usize
    }
}

pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn accent(&self) -> Style {
        if self.color {
            Style::default().fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }
    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }
    pub fn error(&self) -> Style {
        if self.color {
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }
    pub fn good(&self) -> Style {
        if self.color {
            Style::default().fg(Color::Green)
        } else {
            Style::default()
        }
    }
}

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let theme = Theme { color: app.color };
    let t = app.lang.t();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!("{} {MIN_WIDTH}x{MIN_HEIGHT} ({}x{})", t.too_small, area.width, area.height);
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    let [tabs, main, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_tabs(frame, app, tabs, &theme);
    match app.panel {
        Panel::Pool => match &app.screening {
            Some(s) => screening::draw(frame, app, s, main, &theme),
            None if app.show_detail => profile::draw(frame, app, main, &theme),
            None => {
                if area.width >= SIDE_PANE_WIDTH {
                    let [left, right] =
                        Layout::horizontal([Constraint::Min(40), Constraint::Length(PROFILE_WIDTH)])
                            .areas(main);
                    pool::draw(frame, app, left, &theme);
                    profile::draw(frame, app, right, &theme);
                } else {
                    pool::draw(frame, app, main, &theme);
                }
            }
        },
        Panel::Reflections => queue::draw(frame, app, main, &theme),
        Panel::Courses => training::draw(frame, app, main, &theme),
        Panel::Readiness => readiness::draw(frame, app, main, &theme),
    }
    draw_status(frame, app, status, &theme);
    match &app.mode {
        Mode::Search { query, .. } => frame.render_widget(Paragraph::new(format!("/{query}")), hints),
        Mode::ConfirmPolicy => {
            let ask = match app.lang {
                super::i18n::Lang::Zh => {
                    "将假设分析保存为政策（记入审计）？按 y 确认，其他键取消".to_string()
                }
                super::i18n::Lang::En => {
                    "Make the what-if the policy (audited)? y confirms, any other key cancels".to_string()
                }
            };
            frame.render_widget(Paragraph::new(Span::styled(ask, theme.error())), hints);
        }
        Mode::Confirm { name, .. } => {
            let ask = match app.lang {
                super::i18n::Lang::Zh => format!("确认 {name} 已离职？按 y 确认，其他键取消"),
                super::i18n::Lang::En => {
                    format!("Has {name} left the company? y confirms, any other key cancels")
                }
            };
            frame.render_widget(Paragraph::new(Span::styled(ask, theme.error())), hints);
        }
        Mode::Command { text, .. } => {
            let options = super::action::Action::complete(text.split_whitespace().next().unwrap_or(""));
            let tail = if text.is_empty() || options.len() <= 1 {
                String::new()
            } else {
                format!("   [{}]", options.join(" "))
            };
            frame.render_widget(
                Paragraph::new(text::truncate(&format!(":{text}{tail}"), hints.width as usize)),
                hints,
            );
        }
        _ => draw_hints(frame, app, hints, &theme),
    }
    match &app.mode {
        Mode::Help { scroll } => overlay::help(frame, app, *scroll, &theme),
        Mode::Reason { action, name, input, .. } => overlay::reason(frame, app, *action, name, input, &theme),
        Mode::Submit { name, stage, input, .. } => overlay::submit(frame, app, name, *stage, input, &theme),
        Mode::CourseForm { fields, focus } => overlay::course_form(frame, app, fields, *focus, &theme),
        Mode::Form { purpose, name, fields, focus, .. } => {
            let title = format!("{}: {name}", purpose.title(app.lang));
            overlay::form(
                frame,
                (&title, t.course_form_hint),
                purpose.labels(app.lang),
                fields,
                *focus,
                &theme,
            )
        }
        _ => {}
    }
}

fn draw_tabs(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let t = app.lang.t();
    let mut spans = Vec::new();
    for p in Panel::ALL {
        let mut label = format!(" {} {} ", p.index() + 1, t.tabs[p.index()]);
        if p == Panel::Reflections && app.pending_reflections > 0 {
            label = format!(" {} {} ({}) ", p.index() + 1, t.tabs[p.index()], app.pending_reflections);
        }
        let style =
            if p == app.panel { theme.selected().add_modifier(Modifier::BOLD) } else { Style::default() };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw("|"));
    }
    spans.pop();
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_status(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let t = app.lang.t();
    let pool = app.pool().map_or(t.no_pool.to_string(), |p| p.name.clone());
    let left = format!(
        "{} {} | {} {} ({}) | {} | {} {}, {} {}",
        t.store,
        app.info.path,
        t.operator,
        app.info.operator.user,
        app.info.operator.role.code(),
        pool,
        t.members,
        app.rows.len(),
        t.shown,
        app.visible.len()
    );
    let line = match &app.message {
        Some((msg, is_error)) => {
            let style = if *is_error { theme.error() } else { theme.good() };
            let room = (area.width as usize).saturating_sub(text::width(msg) + 3);
            Line::from(vec![
                Span::styled(text::fit(&left, room), theme.dim()),
                Span::raw(" | "),
                Span::styled(msg.clone(), style),
            ])
        }
        None => Line::from(Span::styled(text::truncate(&left, area.width as usize), theme.dim())),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// Help and quit first, then the focused scope's bindings, then the global ones: one key
/// per action, as many as fit.
fn draw_hints(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    use super::action::Action;
    let global = app.keymap.bindings(Scope::Global);
    let first = global.iter().filter(|b| matches!(b.action, Action::Help | Action::Quit));
    let rest = app.keymap.bindings(app.scope()).iter().chain(global.iter().filter(|b| b.keys.len() == 1));
    let mut seen = Vec::new();
    let mut spans = Vec::new();
    let mut used = 0;
    for b in first.chain(rest) {
        if seen.contains(&b.action) {
            continue;
        }
        seen.push(b.action);
        let desc = if app.lang == super::i18n::Lang::Zh { &b.desc_zh } else { &b.desc };
        let w = text::width(&format!("{} {desc}  ", b.label()));
        if used + w > area.width as usize {
            break;
        }
        used += w;
        spans.push(Span::styled(b.label(), theme.accent()));
        spans.push(Span::raw(format!(" {desc}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
