//! Drawing the insight panel: the heatmap (a cell per department and dimension, its
//! average coloured by its gap to the company, with − / + signs that read without colour),
//! the ranked shortfalls with their courses, and the rates as sparklines against targets.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline};
use ratatui::Frame;

use super::insight::{InsightPanel, View};
use super::{placeholder, title_line};
use crate::locale::insight as words;
use crate::tui::component::View as Draw;
use crate::tui::ctx::Ctx;
use crate::tui::text;

/// A gap this large (points) stands out.
const MARKED_GAP: f64 = 5.0;
const CELL: usize = 8;
const DEPARTMENT: usize = 12;

/// The dimensions in the policy's order, then theory and the superior's evaluation.
fn dimensions(p: &InsightPanel, ctx: &Ctx) -> Vec<String> {
    let Some(rows) = p.gaps.value() else { return Vec::new() };
    let mut out: Vec<String> = ctx.policy().map(|p| p.assessment.dimensions.clone()).unwrap_or_default();
    out.push("theory".into());
    out.push("superior".into());
    out.retain(|d| rows.iter().any(|r| &r.dimension == d));
    out
}

fn draw_heatmap(p: &InsightPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let Some(rows) = p.gaps.value() else { return };
    let dims = dimensions(p, ctx);
    let mut departments: Vec<&str> = rows.iter().map(|r| r.department.as_str()).collect();
    departments.sort_unstable();
    departments.dedup();
    let mut lines = Vec::new();
    let mut header =
        vec![Span::styled(text::fit(words::texts(ctx.lang).department, DEPARTMENT), ctx.theme.header())];
    for d in &dims {
        header.push(Span::styled(
            format!(" {}", text::fit(&words::dimension_heading(ctx.lang, d), CELL)),
            ctx.theme.header(),
        ));
    }
    lines.push(Line::from(header));
    for dept in &departments {
        let mut spans = vec![Span::raw(text::fit(dept, DEPARTMENT))];
        for d in &dims {
            let cell = rows.iter().find(|r| r.department == *dept && &r.dimension == d);
            let (txt, style) = match cell {
                Some(r) if r.gap <= -MARKED_GAP => {
                    (format!("{:.0}−{:.0}", r.department_avg, -r.gap), ctx.theme.error())
                }
                Some(r) if r.gap < 0.0 => (format!("{:.0}", r.department_avg), ctx.theme.warn()),
                Some(r) if r.gap >= MARKED_GAP => {
                    (format!("{:.0}+{:.0}", r.department_avg, r.gap), ctx.theme.good())
                }
                Some(r) => (format!("{:.0}", r.department_avg), Style::default()),
                None => ("-".into(), ctx.theme.dim()),
            };
            spans.push(Span::styled(format!(" {}", text::fit(&txt, CELL)), style));
        }
        lines.push(Line::from(spans));
    }
    let mut company =
        vec![Span::styled(text::fit(words::texts(ctx.lang).company, DEPARTMENT), ctx.theme.dim())];
    for d in &dims {
        let avg =
            rows.iter().find(|r| &r.dimension == d).map_or("-".into(), |r| format!("{:.0}", r.company_avg));
        company.push(Span::styled(format!(" {}", text::fit(&avg, CELL)), ctx.theme.dim()));
    }
    lines.push(Line::from(company));
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_shortfalls(p: &InsightPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = words::texts(ctx.lang);
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    frame.render_widget(Paragraph::new(title_line(t.ranked, head.width, ctx)), head);
    let list = p.shortfalls();
    if list.is_empty() {
        return placeholder(frame, body, ctx, t.no_gap);
    }
    let width = body.width as usize;
    let lines: Vec<Line> = list
        .iter()
        .enumerate()
        .skip(p.cursor.offset)
        .take(body.height as usize)
        .map(|(i, g)| {
            let courses = if g.recommended_courses.is_empty() {
                "-".to_string()
            } else {
                g.recommended_courses.join(" ")
            };
            let line = words::gap_line(
                ctx.lang,
                &g.department,
                &words::dimension(ctx.lang, &g.dimension),
                (g.department_avg, g.company_avg, g.gap),
                g.n,
                &courses,
            );
            let style = if i == p.cursor.selected { ctx.theme.selected() } else { Style::default() };
            Line::from(Span::styled(text::fit(&line, width), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}

fn draw_rates(p: &InsightPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = words::texts(ctx.lang);
    let Some(r) = p.rates.value() else { return placeholder(frame, area, ctx, ctx.t().counting) };
    type Pick = fn(&crate::service::vacancy_types::MonthRates) -> Option<f64>;
    let series: [(usize, Pick, Option<u8>); 5] = [
        (0, |m| m.training_coverage, Some(r.training_coverage_target)),
        (1, |m| m.reflection_submission, Some(r.reflection_submission_target)),
        (2, |m| m.engagement, None),
        (3, |m| m.appointment_rate, Some(r.appointment_rate_target)),
        (4, |m| m.average_points, None),
    ];
    let first = r.months.first().map_or(String::new(), |m| m.month.clone());
    let last = r.months.last().map_or(String::new(), |m| m.month.clone());
    let heights = std::iter::once(Constraint::Length(1))
        .chain(series.iter().flat_map(|_| [Constraint::Length(1), Constraint::Length(2)]))
        .chain(std::iter::once(Constraint::Min(0)));
    let areas = Layout::vertical(heights.collect::<Vec<_>>()).split(area);
    frame.render_widget(Paragraph::new(title_line(&t.rates_title(&first, &last), area.width, ctx)), areas[0]);
    for (k, (i, pick, target)) in series.iter().enumerate() {
        let values: Vec<Option<f64>> = r.months.iter().map(pick).collect();
        let latest = values.iter().rev().flatten().next().copied();
        let below = matches!((latest, target), (Some(v), Some(t)) if v < f64::from(*t));
        let label = words::rate_label(ctx.lang, *i, latest, *target);
        let style = if below { ctx.theme.error() } else { ctx.theme.good() };
        frame.render_widget(Paragraph::new(Line::from(Span::styled(label, style))), areas[1 + k * 2]);
        let top = if *i == 4 { values.iter().flatten().fold(1.0f64, |a, b| a.max(*b)) } else { 100.0 };
        let data: Vec<u64> = values.iter().map(|v| (v.unwrap_or(0.0) / top * 100.0).round() as u64).collect();
        let spark = Sparkline::default().data(&data).max(100).style(ctx.theme.accent());
        let sa = areas[2 + k * 2];
        frame.render_widget(spark, Rect { width: sa.width.min(data.len() as u16).max(1), ..sa });
    }
}

fn draw_effects(p: &InsightPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = words::texts(ctx.lang);
    let Some(rows) = p.effects.value() else { return placeholder(frame, area, ctx, ctx.t().counting) };
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    frame.render_widget(Paragraph::new(title_line(t.effects_title, head.width, ctx)), head);
    if rows.is_empty() {
        return placeholder(frame, body, ctx, words::no_effects(ctx.lang));
    }
    let width = body.width as usize;
    let lines: Vec<Line> = rows
        .iter()
        .map(|r| {
            let line = words::effect_line(
                ctx.lang,
                &r.course,
                &r.title,
                (r.before_pct, r.after_pct, r.change),
                r.n,
                r.small_sample,
            );
            let style = if r.small_sample {
                ctx.theme.dim()
            } else if r.change < 0.0 {
                ctx.theme.good()
            } else {
                Style::default()
            };
            Line::from(Span::styled(text::fit(&line, width), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}

fn draw_reports(p: &InsightPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let Some(r) = p.reports.value() else { return placeholder(frame, area, ctx, ctx.t().counting) };
    let lines: Vec<Line> = crate::report::insight::lines(ctx.lang, r)
        .into_iter()
        .map(|l| {
            let heading = !l.starts_with(' ') && !l.is_empty() && !l.contains('：') && !l.contains(':');
            Line::from(Span::styled(l, if heading { ctx.theme.header() } else { Style::default() }))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).scroll((p.scroll, 0)), area);
}

fn draw(p: &InsightPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    if p.view == View::Reports {
        if ctx.pool().is_none() {
            return placeholder(frame, area, ctx, ctx.t().no_pool);
        }
        return draw_reports(p, frame, area, ctx);
    }
    if p.view == View::Courses {
        if ctx.pool().is_none() {
            return placeholder(frame, area, ctx, ctx.t().no_pool);
        }
        return draw_effects(p, frame, area, ctx);
    }
    if p.view == View::Rates {
        if ctx.pool().is_none() {
            return placeholder(frame, area, ctx, ctx.t().no_pool);
        }
        return draw_rates(p, frame, area, ctx);
    }
    let Some(rows) = p.gaps.value() else { return placeholder(frame, area, ctx, ctx.t().counting) };
    if rows.is_empty() {
        return placeholder(frame, area, ctx, words::texts(ctx.lang).no_results);
    }
    let mut departments: Vec<&str> = rows.iter().map(|r| r.department.as_str()).collect();
    departments.sort_unstable();
    departments.dedup();
    let map_h = departments.len() as u16 + 2;
    let [map, list] = Layout::vertical([Constraint::Length(map_h + 1), Constraint::Min(2)]).areas(area);
    draw_heatmap(p, frame, Rect { height: map_h, ..map }, ctx);
    draw_shortfalls(p, frame, list, ctx);
}

impl Draw for InsightPanel {
    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) -> Option<ratatui::layout::Position> {
        draw(self, frame, area, ctx);
        None
    }

    fn summary(&self, ctx: &Ctx) -> String {
        let t = words::texts(ctx.lang);
        match self.view {
            View::Gaps => t.gaps_summary(self.shortfalls().len()),
            View::Rates => t.views[1].to_string(),
            View::Courses => t.views[2].to_string(),
            View::Reports => t.views[3].to_string(),
        }
    }
}
