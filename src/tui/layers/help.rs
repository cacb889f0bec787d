//! `?`: the keys of the panel in front and the global ones, one entry per action with all
//! its keys (`j/↓`), in as many columns as the screen holds; and `M`: the last messages.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{centered, framed, Out};
use crate::tui::action::{Action, Panel};
use crate::tui::ctx::Ctx;
use crate::tui::keymap::Section;
use crate::tui::text;

/// One group of the help screen.
struct Group {
    title: String,
    entries: Vec<(String, String)>,
}

pub struct Help {
    groups: Vec<Group>,
    scroll: usize,
}

impl Help {
    /// The keys for `panel` (and the mode it is in) that the operator's role may use.
    pub fn new(ctx: &Ctx, panel: Panel, mode: Option<Section>) -> Help {
        let t = ctx.t();
        let mut groups = Vec::new();
        let mut group = |title: String, section: Section| {
            let entries: Vec<(String, String)> = ctx
                .keymap
                .grouped(section)
                .into_iter()
                .filter(|(a, _, _)| ctx.may(*a))
                .map(|(_, keys, b)| (keys, b.desc(ctx.lang).to_string()))
                .collect();
            if !entries.is_empty() {
                groups.push(Group { title, entries });
            }
        };
        if let Some(m) = mode {
            group(t.help_mode.to_string(), m);
        }
        group(t.tabs[panel.index()].to_string(), Section::Panel(panel));
        group(t.help_global.to_string(), Section::Global);
        Help { groups, scroll: 0 }
    }

    pub fn act(&mut self, action: Action) -> Out {
        match action {
            Action::Back => return Out::Close(None),
            Action::Down => self.scroll += 1,
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::PageDown => self.scroll += 10,
            Action::PageUp => self.scroll = self.scroll.saturating_sub(10),
            _ => {}
        }
        Out::Stay
    }

    /// The lines in `columns` columns of `col_width` cells.
    fn lines(&self, ctx: &Ctx, columns: usize, col_width: usize, key_width: usize) -> Vec<Line<'static>> {
        let mut out = Vec::new();
        for g in &self.groups {
            out.push(Line::from(Span::styled(g.title.clone(), ctx.theme.accent())));
            let rows = g.entries.len().div_ceil(columns);
            for r in 0..rows {
                let mut spans = Vec::new();
                for c in 0..columns {
                    let Some((keys, desc)) = g.entries.get(c * rows + r) else { break };
                    spans.push(Span::styled(text::fit(keys, key_width), ctx.theme.accent()));
                    spans.push(Span::raw(text::fit(&format!(" {desc}"), col_width - key_width)));
                }
                out.push(Line::from(spans));
            }
        }
        out
    }

    pub fn draw(&self, frame: &mut Frame, ctx: &Ctx) {
        let t = ctx.t();
        let screen = frame.area();
        let entries = || self.groups.iter().flat_map(|g| g.entries.iter());
        let key_width = entries().map(|(k, _)| text::width(k)).max().unwrap_or(4).min(16) + 1;
        let desc_width = entries().map(|(_, d)| text::width(d)).max().unwrap_or(8).min(30) + 2;
        let col_width = key_width + desc_width;
        let room = screen.width.saturating_sub(4) as usize;
        let columns = (room / col_width).clamp(1, 3);
        let lines = self.lines(ctx, columns, col_width, key_width);
        let width = (columns * col_width + 2) as u16;
        let height = (lines.len() as u16 + 2).min(screen.height.saturating_sub(1));
        let area = centered(Rect { height: screen.height.saturating_sub(1), ..screen }, width, height);
        let close = super::hint(ctx, &[Section::Help], &[(Action::Back, t.close)]);
        let inner = framed(frame, area, t.help_title, &close, ctx);
        let scroll = self.scroll.min(lines.len().saturating_sub(inner.height as usize));
        frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
    }
}

/// The last messages, newest last.
#[derive(Default)]
pub struct Log {
    /// Lines scrolled up from the newest.
    back: usize,
}

impl Log {
    pub fn act(&mut self, action: Action, ctx: &Ctx) -> Out {
        match action {
            Action::Back => return Out::Close(None),
            Action::Up => self.back = (self.back + 1).min(ctx.log.len().saturating_sub(1)),
            Action::Down => self.back = self.back.saturating_sub(1),
            _ => {}
        }
        Out::Stay
    }

    pub fn draw(&self, frame: &mut Frame, ctx: &Ctx) {
        let t = ctx.t();
        let screen = frame.area();
        let area = centered(screen, screen.width.saturating_sub(4), screen.height.saturating_sub(2));
        let close = super::hint(ctx, &[Section::Log], &[(Action::Back, t.close)]);
        let inner = framed(frame, area, t.log_title, &close, ctx);
        if ctx.log.is_empty() {
            frame.render_widget(Paragraph::new(t.log_empty), inner);
            return;
        }
        let width = inner.width as usize;
        let mut lines: Vec<Line> = Vec::new();
        for m in &ctx.log {
            let head = format!("{} {} ", m.at.format("%H:%M:%S"), t.tabs[m.panel.index()]);
            let style = if m.error { ctx.theme.error() } else { ratatui::style::Style::default() };
            let body = text::wrap(&m.text, width.saturating_sub(text::width(&head)).max(10));
            for (i, part) in body.into_iter().enumerate() {
                let lead = if i == 0 { head.clone() } else { " ".repeat(text::width(&head)) };
                lines.push(Line::from(vec![Span::styled(lead, ctx.theme.dim()), Span::styled(part, style)]));
            }
        }
        let height = inner.height as usize;
        let end = lines.len().saturating_sub(self.back);
        let start = end.saturating_sub(height);
        let shown: Vec<Line> = lines.drain(start..end).collect();
        frame.render_widget(Paragraph::new(shown), inner);
    }
}
