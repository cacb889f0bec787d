//! The readiness panel: the ranked list with level badges and composites, the selected
//! member's gate checklist, the 9-box grid, and the what-if editor with who changes level.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::Theme;
use crate::domain::readiness::{Level, Verdict};
use crate::report;
use crate::tui::app::{App, Mode};
use crate::tui::i18n::Lang;
use crate::tui::readiness::{cell_at, Knob};
use crate::tui::text;

fn zh(app: &App) -> bool {
    app.lang == Lang::Zh
}

fn level_style(theme: &Theme, level: Level) -> Style {
    match level {
        Level::ReadyNow => theme.good(),
        Level::Disqualified => theme.error(),
        _ => Style::default(),
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let r = &app.readiness;
    let [title, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let mut head = vec![app.pool().map_or(app.lang.t().no_pool.to_string(), |p| p.name.clone())];
    for level in Level::ALL {
        let n = r.verdicts.iter().filter(|v| v.level == level).count();
        head.push(format!("{} {n}", report::level_badge(app.lang, level)));
    }
    let mut spans = Vec::new();
    // A what-if comes first, so that it is seen at any width.
    if let (Some(draft), Some(stored)) = (&r.draft, &r.stored) {
        let moved: Vec<String> = Knob::ALL
            .iter()
            .filter(|k| k.get(draft) != k.get(stored))
            .map(|k| format!("{} {}->{}", k.key(), k.get(stored), k.get(draft)))
            .collect();
        let label = if zh(app) { "假设分析(未保存)" } else { "WHAT-IF (unsaved)" };
        let who = if zh(app) {
            format!("{} 人等级变化", r.changes.len())
        } else {
            format!("{} change level", r.changes.len())
        };
        let moved = if moved.is_empty() { "-".to_string() } else { moved.join(", ") };
        spans.push(Span::styled(format!("{label}: {moved} | {who} | "), theme.error()));
    }
    spans.push(Span::styled(head.join(" | "), theme.accent()));
    frame.render_widget(Paragraph::new(Line::from(spans)), title);
    if r.facts.is_none() {
        frame.render_widget(Paragraph::new(app.lang.t().loading), body);
        return;
    }
    let wide = area.width >= super::SIDE_PANE_WIDTH;
    let (list_area, detail_area) = if wide {
        let [l, d] = Layout::horizontal([Constraint::Min(50), Constraint::Length(60)]).areas(body);
        (l, Some(d))
    } else if r.detail {
        (Rect::default(), Some(body))
    } else {
        (body, None)
    };
    if list_area.height > 0 {
        if r.nine_box {
            draw_nine_box(frame, app, list_area, theme);
        } else {
            draw_list(frame, app, list_area, theme);
        }
    }
    if let Some(d) = detail_area {
        draw_detail(frame, app, d, theme);
    }
    if matches!(app.mode, Mode::WhatIf) {
        draw_what_if(frame, app, area, theme);
    }
}

fn row_line(app: &App, rank: usize, v: &Verdict, width: usize) -> String {
    let facts = app.readiness.facts_of(&v.employee_id);
    let name = facts.map_or("", |f| f.name.as_str());
    let dept = facts.map_or("", |f| f.department.as_str());
    let changed = app.readiness.changes.iter().any(|c| c.employee_id == v.employee_id);
    let head = format!(
        "{}{rank:>4} {} {:>5.1} {} ",
        if changed { "*" } else { " " },
        text::fit(report::level_badge(app.lang, v.level), 8),
        v.composite.total,
        if v.priority { "P" } else { " " },
    );
    let rest = width.saturating_sub(text::width(&head));
    let name_w = 12.min(rest);
    let dept_w = 12.min(rest.saturating_sub(name_w + 1));
    let left_w = rest.saturating_sub(name_w + dept_w + 2);
    let left = report::left_summary(app.lang, &v.todo, v.weeks_left);
    format!("{head}{} {} {}", text::fit(name, name_w), text::fit(dept, dept_w), text::truncate(&left, left_w))
}

fn draw_list(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let r = &app.readiness;
    let width = area.width as usize;
    let mut lines = Vec::new();
    for (i, v) in r.verdicts.iter().enumerate().skip(r.cursor.offset).take(area.height as usize) {
        let line = row_line(app, i + 1, v, width);
        let style = level_style(theme, v.level);
        lines.push(Line::from(Span::styled(
            line,
            if i == r.cursor.selected { style.patch(theme.selected()) } else { style },
        )));
    }
    if r.verdicts.is_empty() {
        lines.push(Line::from(if zh(app) {
            "本池没有在池或不合格的成员"
        } else {
            "No admitted or disqualified members in this pool"
        }));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_nine_box(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let r = &app.readiness;
    let [grid, members] = Layout::vertical([Constraint::Length(8), Constraint::Min(1)]).areas(area);
    let (perf, pot) = if zh(app) { ("绩效", "潜力") } else { ("perf", "pot") };
    let band = |b: u8| match (zh(app), b) {
        (true, 2) => "高",
        (true, 1) => "中",
        (true, _) => "低",
        (false, 2) => "high",
        (false, 1) => "mid",
        (false, _) => "low",
    };
    let mut counts = [0usize; 9];
    for v in &r.verdicts {
        let b = r.nine_box_of(v);
        counts[usize::from(2 - b.potential) * 3 + usize::from(2 - b.performance)] += 1;
    }
    let cell_w = (grid.width.saturating_sub(8) / 3).max(10) as usize;
    let mut lines = Vec::new();
    let mut header = format!("{:8}", "");
    for p in [2u8, 1, 0] {
        header.push_str(&text::fit(&format!(" {perf} {}", band(p)), cell_w));
    }
    lines.push(Line::from(Span::styled(header, theme.dim())));
    for row in 0..3 {
        let potential = 2 - row as u8;
        let mut spans = vec![Span::styled(text::fit(&format!("{pot} {}", band(potential)), 8), theme.dim())];
        for col in 0..3 {
            let index = row * 3 + col;
            let label = text::fit(&format!(" [{:>3}]", counts[index]), cell_w);
            let style = if index == r.cell { theme.selected() } else { Style::default() };
            spans.push(Span::styled(label, style));
        }
        lines.push(Line::from(spans));
        lines.push(Line::from(""));
    }
    frame.render_widget(Paragraph::new(lines), grid);
    let cell = cell_at(r.cell);
    let title = format!(
        " {} {}/{} {} ",
        if zh(app) { "格" } else { "cell" },
        band(cell.performance),
        band(cell.potential),
        if zh(app) { "(绩效/潜力)" } else { "(performance/potential)" }
    );
    let block = Block::default().borders(Borders::TOP).title(Span::styled(title, theme.accent()));
    let inner = block.inner(members);
    frame.render_widget(block, members);
    let in_cell = r.in_cell();
    let mut lines = Vec::new();
    for (i, v) in in_cell.iter().enumerate().skip(r.cell_cursor.offset).take(inner.height as usize) {
        let line = row_line(app, i + 1, v, inner.width as usize);
        let style = level_style(theme, v.level);
        lines.push(Line::from(Span::styled(
            line,
            if i == r.cell_cursor.selected { style.patch(theme.selected()) } else { style },
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_detail(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let r = &app.readiness;
    let block = Block::default().borders(Borders::LEFT);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let push = |lines: &mut Vec<Line>, s: String, style: Style| {
        lines.push(Line::from(Span::styled(text::truncate(&s, width), style)));
    };
    if r.draft.is_some() {
        let title = if zh(app) { "假设分析: 等级变化" } else { "What-if: level changes" };
        push(&mut lines, title.into(), theme.error());
        for c in r.changes.iter().take(6) {
            let name = r.facts_of(&c.employee_id).map_or("", |f| f.name.as_str());
            push(
                &mut lines,
                format!(
                    " {name} {}: {} -> {}",
                    c.employee_id,
                    report::level(app.lang, c.from),
                    report::level(app.lang, c.to)
                ),
                Style::default(),
            );
        }
        if r.changes.len() > 6 {
            push(&mut lines, format!(" ... +{}", r.changes.len() - 6), theme.dim());
        }
        lines.push(Line::from(""));
    }
    let Some(v) = r.selected() else {
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    };
    if let Some(f) = r.facts_of(&v.employee_id) {
        push(
            &mut lines,
            format!("{} ({}) {}/{}", f.name, f.employee_id, f.department, f.section),
            theme.accent(),
        );
    }
    let zh = zh(app);
    push(
        &mut lines,
        format!(
            "{} {}  {} {:.1}{}",
            if zh { "等级" } else { "Level" },
            report::level(app.lang, v.level),
            if zh { "综合分" } else { "composite" },
            v.composite.total,
            if v.priority {
                if zh {
                    "  绩效前列优先"
                } else {
                    "  priority"
                }
            } else {
                ""
            }
        ),
        level_style(theme, v.level),
    );
    push(&mut lines, (if zh { "门槛" } else { "Gates" }).into(), theme.dim());
    for g in &v.gates {
        push(
            &mut lines,
            format!(
                " {} {} {}",
                if g.passed { "✓" } else { "✗" },
                report::gate_name(app.lang, g.gate),
                report::gate_value(app.lang, g)
            ),
            if g.passed { Style::default() } else { theme.error() },
        );
    }
    if !v.todo.is_empty() {
        push(&mut lines, (if zh { "剩余事项" } else { "Still to do" }).into(), theme.dim());
        for t in &v.todo {
            push(&mut lines, format!(" - {}", report::todo(app.lang, t)), Style::default());
        }
    }
    if let Some(f) = r.facts_of(&v.employee_id) {
        // in the policy's order of dimensions
        let order = |d: &str| r.policy().and_then(|p| p.assessment.dimensions.iter().position(|x| x == d));
        let mut dims: Vec<&(String, f32)> = f.dimensions_360().iter().collect();
        dims.sort_by_key(|(d, _)| order(d).unwrap_or(usize::MAX));
        let dims: Vec<String> = dims.iter().map(|(d, s)| format!("{d} {s:.0}")).collect();
        if !dims.is_empty() {
            push(&mut lines, format!("360: {}", dims.join(", ")), Style::default());
        }
    }
    push(&mut lines, (if zh { "综合分构成" } else { "Composite" }).into(), theme.dim());
    let parts: Vec<String> = v
        .composite
        .parts
        .iter()
        .map(|p| {
            let s = p.score.map_or("-".to_string(), |s| format!("{s:.0}"));
            format!("{} {s}x{:.0}%", report::component_name(app.lang, p.component), p.weight)
        })
        .collect();
    for chunk in parts.chunks(3) {
        push(&mut lines, format!(" {}", chunk.join("  ")), Style::default());
    }
    let c = &v.cadre_component;
    push(
        &mut lines,
        format!(
            "{} {:.1}{} x{}% = {:.1}",
            if zh { "后备干部考核" } else { "Cadre component" },
            c.score,
            if c.penalty > 0 { format!(" (-{})", c.penalty) } else { String::new() },
            c.weight,
            c.contribution
        ),
        Style::default(),
    );
    if let Some((id, reviews)) = &r.reviews {
        if id == &v.employee_id && !reviews.is_empty() {
            push(&mut lines, (if zh { "阶段评估" } else { "Stage reviews" }).into(), theme.dim());
            for sr in reviews {
                let (kind, rec) = if zh {
                    (sr.kind.zh(), sr.recommendation.zh())
                } else {
                    (sr.kind.code(), sr.recommendation.code())
                };
                push(
                    &mut lines,
                    format!(" {} {kind}: {rec}, {}", sr.year, sr.comment.replace('\n', " ")),
                    Style::default(),
                );
                for reply in &sr.replies {
                    let who = match (zh, reply.objection) {
                        (true, true) => "异议",
                        (true, false) => "答复",
                        (false, true) => "objection",
                        (false, false) => "answer",
                    };
                    let style =
                        if reply.objection && sr.objection_open() { theme.error() } else { Style::default() };
                    push(&mut lines, format!("   {who}: {}", reply.text.replace('\n', " ")), style);
                }
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_what_if(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let r = &app.readiness;
    let (Some(draft), Some(stored)) = (&r.draft, &r.stored) else { return };
    let height = (Knob::ALL.len() as u16 + 4).min(area.height);
    let width = 52.min(area.width);
    let rect = Rect {
        x: area.x + area.width.saturating_sub(width) / 2,
        y: area.y + area.height.saturating_sub(height) / 2,
        width,
        height,
    };
    let title = if zh(app) {
        " 假设分析: j/k 选择, +/- 调整, Enter 完成 "
    } else {
        " What-if: j/k choose, +/- change, Enter done "
    };
    let block = Block::default().borders(Borders::ALL).title(Span::styled(title, theme.accent()));
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    let mut lines = Vec::new();
    for (i, k) in Knob::ALL.iter().enumerate() {
        let line = format!(
            "{} {} {} -> {}",
            if i == r.knob { ">" } else { " " },
            text::fit(k.key(), 32),
            k.get(stored),
            k.get(draft)
        );
        let style = if i == r.knob { theme.selected() } else { Style::default() };
        lines.push(Line::from(Span::styled(text::truncate(&line, inner.width as usize), style)));
    }
    let who = if zh(app) {
        format!("{} 人等级变化; u 放弃, A 应用为政策", r.changes.len())
    } else {
        format!("{} change level; u discards, A applies", r.changes.len())
    };
    lines.push(Line::from(Span::styled(text::truncate(&who, inner.width as usize), theme.error())));
    frame.render_widget(Paragraph::new(lines), inner);
}
