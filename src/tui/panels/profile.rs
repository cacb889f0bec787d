//! The employee profile (员工全景档案): performance trend, skills, certifications,
//! projects, team management, career plan, reflection scores and the pool history,
//! wrapped to the pane's width.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::domain::org::Employee;
use crate::domain::pool::StateChange;
use crate::service::query::MemberMetrics;
use crate::tui::ctx::Ctx;
use crate::tui::text;

/// The lines of one person's profile, `width` cells wide.
pub fn lines(
    e: &Employee,
    metrics: Option<&MemberMetrics>,
    history: &[StateChange],
    ctx: &Ctx,
    width: usize,
) -> Vec<Line<'static>> {
    let t = ctx.t();
    let theme = &ctx.theme;
    let mut out = Vec::new();
    let mut field = |label: &str, value: String| {
        let head = format!("{label}: ");
        let body = text::wrap(&format!("{head}{value}"), width);
        for (i, l) in body.into_iter().enumerate() {
            if i == 0 && l.starts_with(&head) {
                out.push(Line::from(vec![
                    Span::styled(head.clone(), theme.dim()),
                    Span::raw(l[head.len()..].to_string()),
                ]));
            } else {
                out.push(Line::from(l));
            }
        }
    };
    let list = |items: &[String]| if items.is_empty() { t.none.to_string() } else { items.join(t.list_sep) };
    field(
        t.unit,
        format!("{} / {}, {}", e.department, e.section, crate::locale::labels::rank(ctx.lang, e.rank)),
    );
    field(t.hired, format!("{} ({:.1}{})", e.hire_date, e.tenure_years(ctx.today), t.years));
    field(
        t.performance,
        e.performance
            .iter()
            .map(|p| format!("{} {} {}%", p.year, p.grade.letter(), p.rank_pct))
            .collect::<Vec<_>>()
            .join(" > "),
    );
    field(t.skills, list(&e.skills));
    field(t.certifications, list(&e.certifications));
    field(t.projects, list(&e.projects));
    field(t.team_management, list(&e.team_management));
    field(t.aspiration, if e.aspiration.is_empty() { t.none.to_string() } else { e.aspiration.clone() });
    if let Some(m) = metrics {
        let scores: Vec<String> = m
            .stage_scores
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{} {} {}", t.stage, i + 1, s.map_or("-".to_string(), |v| v.to_string())))
            .collect();
        field(t.reflection_scores, if scores.is_empty() { t.none.to_string() } else { scores.join(", ") });
        field(t.points_label, m.points.to_string());
    }
    if !history.is_empty() {
        out.push(Line::from(Span::styled(t.history.to_string(), theme.accent())));
        for change in history {
            let l = format!(
                "{} {} {} {}",
                change.at.format("%Y-%m-%d"),
                crate::locale::labels::member_state(ctx.lang, change.to),
                change.operator,
                crate::locale::sanitize_line(&change.reason)
            );
            out.extend(text::wrap(&l, width).into_iter().map(Line::from));
        }
    }
    out
}

/// Draws a profile in `area` with a left border, scrolled by `scroll` lines.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    ctx: &Ctx,
    who: Option<(&Employee, Option<&MemberMetrics>, &[StateChange])>,
    scroll: u16,
) {
    let t = ctx.t();
    let title = match who {
        Some((e, _, _)) => format!("{} ({})", e.name, e.id),
        None => t.profile.to_string(),
    };
    let block = Block::default().borders(Borders::LEFT).title(Span::styled(
        text::truncate(&title, area.width.saturating_sub(2) as usize),
        ctx.theme.accent(),
    ));
    let inner = block.inner(area);
    let body = match who {
        Some((e, m, h)) => lines(e, m, h, ctx, inner.width.saturating_sub(1) as usize),
        None => vec![Line::from(Span::styled(t.loading.to_string(), ctx.theme.dim()))],
    };
    let scroll = scroll.min(body.len().saturating_sub(inner.height as usize) as u16);
    frame.render_widget(Paragraph::new(body).block(block).scroll((scroll, 0)), area);
}
