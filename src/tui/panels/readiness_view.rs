//! Drawing the readiness panel: the ranked list under its header with what is left, the
//! 9-box grid, the gate checklist beside (wide) or in place (Enter), and the what-if
//! editor with its thresholds named in the session's language.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use super::readiness::{cell_at, list_height, ReadinessPanel};
use super::what_if::Knob;
use super::{draw_table, fit_columns, placeholder, Column, Styled};
use crate::domain::readiness::{Level, Verdict};
use crate::io::table::Cell;
use crate::report;
use crate::tui::component::{Table, View};
use crate::tui::ctx::Ctx;
use crate::tui::layers::{centered, framed, hint};
use crate::tui::text;

const SIDE_PANE_WIDTH: u16 = 120;
const DETAIL_WIDTH: u16 = 50;

fn level_style(ctx: &Ctx, level: Level) -> Style {
    match level {
        Level::ReadyNow => ctx.theme.good(),
        Level::Disqualified => ctx.theme.error(),
        _ => Style::default(),
    }
}

fn draw(r: &ReadinessPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = ctx.t();
    if ctx.pool().is_none() {
        placeholder(frame, area, ctx, if ctx.pools.value().is_some() { t.no_pool_yet } else { t.loading });
        return;
    }
    if r.facts.value().is_none() {
        placeholder(frame, area, ctx, t.counting);
        return;
    }
    let (list, detail) = if area.width >= SIDE_PANE_WIDTH {
        let [l, d] = Layout::horizontal([Constraint::Min(60), Constraint::Length(DETAIL_WIDTH)]).areas(area);
        (Some(l), Some(d))
    } else if r.detail {
        (None, Some(area))
    } else {
        (Some(area), None)
    };
    if let Some(l) = list {
        if r.nine_box {
            draw_nine_box(r, frame, l, ctx);
        } else {
            draw_list(r, frame, l, ctx);
        }
    }
    if let Some(d) = detail {
        draw_detail(r, frame, d, ctx);
    }
    if r.knob.is_some() {
        draw_what_if(r, frame, area, ctx);
    }
}

fn columns(ctx: &Ctx) -> Vec<Column> {
    let h = &ctx.t().readiness_columns;
    vec![
        Column::new(h[0], 4, 0),
        Column::new(h[1], 7, 0),
        Column::new(h[2], 5, 1),
        Column::new(h[3], 8, 0),
        Column::new(h[4], 10, 3),
        Column::new(h[5], 8, 2),
        Column::new(h[6], 20, 1).growing(),
    ]
}

fn row(r: &ReadinessPanel, ctx: &Ctx, rank: usize, v: &Verdict) -> Vec<Styled> {
    let f = r.facts_of(&v.employee_id);
    let changed = r.changes.iter().any(|c| c.employee_id == v.employee_id);
    let level = level_style(ctx, v.level);
    vec![
        (format!("{}{rank}", if changed { "*" } else { "" }), Style::default()),
        (report::level_badge(ctx.lang, v.level).to_string(), level),
        (format!("{:.1}", v.composite.total), Style::default()),
        (f.map_or(String::new(), |f| f.name.clone()), Style::default()),
        (f.map_or(String::new(), |f| f.department.clone()), Style::default()),
        (v.weeks_left.map_or("-".into(), |w| report::duration(ctx.lang, w)), Style::default()),
        (report::left_summary(ctx.lang, &v.todo, None), Style::default()),
    ]
}

fn draw_list(r: &ReadinessPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = ctx.t();
    let cols = columns(ctx);
    let shown = fit_columns(&cols, area.width as usize);
    if r.verdicts.is_empty() {
        draw_table(frame, Rect { height: 1, ..area }, ctx, &cols, &shown, Vec::new(), None);
        placeholder(
            frame,
            Rect { y: area.y + 1, height: area.height.saturating_sub(1), ..area },
            ctx,
            t.nobody_ranked,
        );
        return;
    }
    let window: Vec<Vec<Styled>> = r
        .verdicts
        .iter()
        .enumerate()
        .skip(r.cursor.offset)
        .take(list_height(area))
        .map(|(i, v)| row(r, ctx, i + 1, v))
        .collect();
    draw_table(frame, area, ctx, &cols, &shown, window, r.cursor.selected.checked_sub(r.cursor.offset));
}

fn draw_nine_box(r: &ReadinessPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = ctx.t();
    let [grid, members] = Layout::vertical([Constraint::Length(7), Constraint::Min(1)]).areas(area);
    let mut counts = [0usize; 9];
    for v in &r.verdicts {
        let b = r.nine_box_of(ctx, v);
        counts[usize::from(2 - b.potential) * 3 + usize::from(2 - b.performance)] += 1;
    }
    let label_w = 10;
    let cell_w = ((grid.width as usize).saturating_sub(label_w) / 3).max(10);
    let mut lines = Vec::new();
    let mut header = " ".repeat(label_w);
    for p in [2u8, 1, 0] {
        header.push_str(&text::fit(&format!(" {} {}", t.performance_axis, t.band(p)), cell_w));
    }
    lines.push(Line::from(Span::styled(header, ctx.theme.dim())));
    for row in 0..3 {
        let potential = 2 - row as u8;
        let mut spans = vec![Span::styled(
            text::fit(&format!("{} {}", t.potential_axis, t.band(potential)), label_w),
            ctx.theme.dim(),
        )];
        for col in 0..3 {
            let index = row * 3 + col;
            let label = text::fit(&format!(" [{:>4}]", counts[index]), cell_w);
            let style = if index == r.cell { ctx.theme.selected() } else { Style::default() };
            spans.push(Span::styled(label, style));
        }
        lines.push(Line::from(spans));
        lines.push(Line::from(""));
    }
    frame.render_widget(Paragraph::new(lines), grid);
    let cell = cell_at(r.cell);
    let in_cell = r.in_cell(ctx);
    let title = t.cell_title(t.band(cell.performance), t.band(cell.potential), in_cell.len());
    let block = Block::default().borders(Borders::TOP).title(Span::styled(title, ctx.theme.accent()));
    let inner = block.inner(members);
    frame.render_widget(block, members);
    let cols = columns(ctx);
    let shown = fit_columns(&cols, inner.width as usize);
    let window: Vec<Vec<Styled>> = in_cell
        .iter()
        .enumerate()
        .skip(r.cell_cursor.offset)
        .take(list_height(inner))
        .map(|(_, v)| {
            let rank = r.verdicts.iter().position(|x| x.employee_id == v.employee_id).map_or(0, |i| i + 1);
            row(r, ctx, rank, v)
        })
        .collect();
    draw_table(
        frame,
        inner,
        ctx,
        &cols,
        &shown,
        window,
        r.cell_cursor.selected.checked_sub(r.cell_cursor.offset),
    );
}

fn draw_detail(r: &ReadinessPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = ctx.t();
    let block = Block::default().borders(Borders::LEFT);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width.saturating_sub(1) as usize;
    let mut lines: Vec<Line> = Vec::new();
    let push = |lines: &mut Vec<Line>, s: String, style: Style| {
        for l in text::wrap(&s, width) {
            lines.push(Line::from(Span::styled(l, style)));
        }
    };
    if !r.changes.is_empty() {
        push(&mut lines, t.level_changes(r.changes.len()), ctx.theme.error());
        for c in r.changes.iter().take(5) {
            let name = r.facts_of(&c.employee_id).map_or("", |f| f.name.as_str());
            push(
                &mut lines,
                format!(" {name}: {} → {}", report::level(ctx.lang, c.from), report::level(ctx.lang, c.to)),
                Style::default(),
            );
        }
        if r.changes.len() > 5 {
            push(&mut lines, format!(" … +{}", r.changes.len() - 5), ctx.theme.dim());
        }
        lines.push(Line::from(""));
    }
    let Some(v) = r.selected(ctx) else {
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    };
    if let Some(f) = r.facts_of(&v.employee_id) {
        push(
            &mut lines,
            format!("{} ({}) {}/{}", f.name, f.employee_id, f.department, f.section),
            ctx.theme.accent(),
        );
    }
    let priority = if v.priority { format!("  {}", t.priority) } else { String::new() };
    push(
        &mut lines,
        format!(
            "{} {}  {} {:.1}{priority}",
            t.level_label,
            report::level(ctx.lang, v.level),
            t.composite,
            v.composite.total
        ),
        level_style(ctx, v.level),
    );
    push(&mut lines, t.gates.to_string(), ctx.theme.dim());
    for g in &v.gates {
        push(
            &mut lines,
            format!(
                " {} {} {}",
                if g.passed { "✓" } else { "✗" },
                report::gate_name(ctx.lang, g.gate),
                report::gate_value(ctx.lang, g)
            ),
            if g.passed { Style::default() } else { ctx.theme.error() },
        );
    }
    if !v.todo.is_empty() {
        push(&mut lines, t.still_to_do.to_string(), ctx.theme.dim());
        for todo in &v.todo {
            push(&mut lines, format!(" - {}", report::todo(ctx.lang, todo)), Style::default());
        }
    }
    if let Some(f) = r.facts_of(&v.employee_id) {
        let order = |d: &str| r.policy(ctx).and_then(|p| p.assessment.dimensions.iter().position(|x| x == d));
        let mut dims: Vec<&(String, f32)> = f.dimensions_360().iter().collect();
        dims.sort_by_key(|(d, _)| order(d).unwrap_or(usize::MAX));
        let dims: Vec<String> = dims.iter().map(|(d, s)| format!("{d} {s:.0}")).collect();
        if !dims.is_empty() {
            push(&mut lines, format!("360: {}", dims.join(", ")), Style::default());
        }
    }
    push(&mut lines, t.composite_parts.to_string(), ctx.theme.dim());
    let parts: Vec<String> = v
        .composite
        .parts
        .iter()
        .map(|p| {
            let s = p.score.map_or("-".to_string(), |s| format!("{s:.0}"));
            format!("{} {s}×{:.0}%", report::component_name(ctx.lang, p.component), p.weight)
        })
        .collect();
    push(&mut lines, format!(" {}", parts.join("  ")), Style::default());
    let c = &v.cadre_component;
    push(
        &mut lines,
        format!(
            "{} {:.1}{} ×{}% = {:.1}",
            t.cadre_component,
            c.score,
            if c.penalty > 0 { format!(" (-{})", c.penalty) } else { String::new() },
            c.weight,
            c.contribution
        ),
        Style::default(),
    );
    if let Some(reviews) = r.reviews.value().filter(|_| true) {
        if !reviews.is_empty() {
            push(&mut lines, t.stage_reviews.to_string(), ctx.theme.dim());
            for sr in reviews {
                push(
                    &mut lines,
                    format!(
                        " {} {}: {}, {}",
                        sr.year,
                        t.review_kind(sr.kind),
                        t.recommendation(sr.recommendation),
                        crate::locale::sanitize_line(&sr.comment)
                    ),
                    Style::default(),
                );
                for reply in &sr.replies {
                    let who = if reply.objection { t.objection_word } else { t.answer_word };
                    let style = if reply.objection && sr.objection_open() {
                        ctx.theme.error()
                    } else {
                        Style::default()
                    };
                    push(
                        &mut lines,
                        format!("   {who}: {}", crate::locale::sanitize_line(&reply.text)),
                        style,
                    );
                }
            }
        }
    }
    let scroll = r.detail_scroll.min(lines.len().saturating_sub(inner.height as usize) as u16);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

fn draw_what_if(r: &ReadinessPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = ctx.t();
    let (Some(draft), Some(stored), Some(k)) = (&r.draft, ctx.policy(), r.knob) else { return };
    let name_w = Knob::ALL.iter().map(|k| text::width(t.knob(k.key()))).max().unwrap_or(10);
    let width = (name_w as u16 + 20).max(44).min(area.width);
    let rect = centered(area, width, Knob::ALL.len() as u16 + 4);
    let keys = hint(
        ctx,
        &[crate::tui::keymap::Section::WhatIf],
        &[
            (crate::tui::action::Action::Increase, t.raise),
            (crate::tui::action::Action::Decrease, t.lower),
            (crate::tui::action::Action::Discard, t.discard),
            (crate::tui::action::Action::ApplyPolicy, t.apply),
        ],
    );
    let inner = framed(frame, rect, t.what_if_title, &keys, ctx);
    let mut lines = Vec::new();
    for (i, knob) in Knob::ALL.iter().enumerate() {
        let (from, to) = (knob.get(stored), knob.get(draft));
        let line = format!(
            "{} {} {from:>4} → {to:<4}",
            if i == k { ">" } else { " " },
            text::fit(t.knob(knob.key()), name_w)
        );
        let style = if i == k {
            ctx.theme.selected()
        } else if from != to {
            ctx.theme.warn()
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(text::truncate(&line, inner.width as usize), style)));
    }
    lines.push(Line::from(Span::styled(
        text::truncate(&t.level_changes(r.changes.len()), inner.width as usize),
        ctx.theme.error(),
    )));
    frame.render_widget(Paragraph::new(lines), inner);
}

fn summary(r: &ReadinessPanel, ctx: &Ctx) -> String {
    let t = ctx.t();
    let Some(pool) = ctx.pool() else { return t.no_pool.to_string() };
    let mut parts = vec![pool.name.clone()];
    if r.draft.is_some() {
        parts.push(t.what_if_unsaved(r.changes.len()));
    }
    for level in Level::ALL {
        let n = r.verdicts.iter().filter(|v| v.level == level).count();
        parts.push(format!("{} {n}", report::level_badge(ctx.lang, level)));
    }
    parts.join(" | ")
}

/// The ranked list as judged (a what-if included), for export.
fn table(r: &ReadinessPanel, ctx: &Ctx) -> Option<Table> {
    let t = ctx.t();
    let lang = ctx.lang;
    let rows: Vec<(usize, Verdict, String, String)> = r
        .verdicts
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let f = r.facts_of(&v.employee_id);
            (
                i + 1,
                v.clone(),
                f.map_or(String::new(), |f| f.name.clone()),
                f.map_or(String::new(), |f| f.department.clone()),
            )
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let headings: Vec<String> = t.readiness_export_columns.iter().map(|s| s.to_string()).collect();
    Some(Table {
        name: "readiness",
        build: Box::new(move |_| {
            let cells = rows
                .iter()
                .map(|(rank, v, name, dept)| {
                    vec![
                        Cell::int(*rank as i64),
                        Cell::text(v.employee_id.to_string()),
                        Cell::text(name),
                        Cell::text(dept),
                        Cell::text(report::level(lang, v.level)),
                        Cell::Number(f64::from(v.composite.total), 1),
                        v.weeks_left.map_or(Cell::text(""), Cell::int),
                        Cell::text(
                            v.failed_gates()
                                .map(|g| report::gate_name(lang, g.gate))
                                .collect::<Vec<_>>()
                                .join(", "),
                        ),
                        Cell::text(
                            v.todo.iter().map(|x| report::todo(lang, x)).collect::<Vec<_>>().join("; "),
                        ),
                    ]
                })
                .collect();
            Ok((headings, cells))
        }),
    })
}

impl View for ReadinessPanel {
    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) -> Option<ratatui::layout::Position> {
        draw(self, frame, area, ctx);
        None
    }

    fn summary(&self, ctx: &Ctx) -> String {
        summary(self, ctx)
    }

    fn table(&self, ctx: &Ctx) -> Option<Table> {
        table(self, ctx)
    }
}
