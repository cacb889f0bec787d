//! Drawing the courses panel: the member list beside the selected person's courses (a
//! gauge each; overdue, behind schedule and a failed core exam stand out), the per-course
//! table, the overdue list; the pool's coverage against its target in the summary.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use super::courses::{list_height, CoursesPanel, View as Shown};
use super::{draw_table, fit_columns, placeholder, Column, Styled};
use crate::domain::training::Standing;
use crate::io::table::Cell;
use crate::service::query::EnrollmentView;
use crate::tui::component::{Table, View};
use crate::tui::ctx::Ctx;
use crate::tui::text;

const MEMBER_LIST_WIDTH: u16 = 34;

/// An ASCII gauge: terminals disagree on the width of block glyphs.
fn gauge(done: f32, of: f32, cells: usize) -> String {
    let filled = if of > 0.0 { ((done / of).clamp(0.0, 1.0) * cells as f32).round() as usize } else { 0 };
    format!("[{}{}]", "#".repeat(filled), "-".repeat(cells - filled))
}

/// What stands out about an enrollment: overdue, behind schedule, a failed core exam.
fn concern(ctx: &Ctx, v: &EnrollmentView) -> Option<String> {
    let t = ctx.t();
    let policy = ctx.policy()?;
    let e = &v.enrollment;
    if v.course.core {
        if let Some(best) = e.best_score() {
            let need = policy.readiness.core_exam_min.max(v.course.exam_pass_mark.unwrap_or(0));
            if best < need {
                return Some(t.core_exam_failed(best, need));
            }
        }
    }
    match e.standing(ctx.today, policy.training.schedule_days, policy.training.at_risk_margin_pct) {
        Standing::Overdue { days } => Some(t.overdue_by(days)),
        Standing::AtRisk { .. } => Some(t.behind_schedule.to_string()),
        _ => None,
    }
}

fn course_line(ctx: &Ctx, v: &EnrollmentView, width: usize) -> (String, bool) {
    let t = ctx.t();
    let e = &v.enrollment;
    let mut tail = format!(" {}/{}{}", e.hours_done, e.hours_required, t.hours_unit);
    if let Some(best) = e.best_score() {
        tail.push_str(&format!(" {} {best}", t.exam));
        if e.attempts.len() > 1 {
            tail.push_str(&format!(
                "({})",
                e.attempts.iter().map(|a| a.score.to_string()).collect::<Vec<_>>().join(",")
            ));
        }
    }
    let worry = concern(ctx, v);
    match (&worry, e.completed_on) {
        (Some(w), _) => tail.push_str(&format!(" {w}")),
        (None, Some(_)) => tail.push_str(&format!(" {}", t.completed)),
        (None, None) => tail.push_str(&format!(" {} {}", t.due, e.due)),
    }
    let mark = if v.course.core { "*" } else { " " };
    let name = format!("{mark}{} {}", v.course.code, v.course.title);
    let g = gauge(e.hours_done, e.hours_required, if width < 60 { 5 } else { 10 });
    let name_w = width.saturating_sub(text::width(&g) + text::width(&tail) + 1).max(8);
    (format!("{} {g}{tail}", text::fit(&name, name_w)), worry.is_some())
}

fn draw(c: &CoursesPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = ctx.t();
    if ctx.pool().is_none() {
        placeholder(frame, area, ctx, if ctx.pools.value().is_some() { t.no_pool_yet } else { t.loading });
        return;
    }
    match c.view {
        Shown::ByMember => {
            let [left, right] =
                Layout::horizontal([Constraint::Length(MEMBER_LIST_WIDTH), Constraint::Min(20)]).areas(area);
            draw_members(c, frame, left, ctx);
            draw_member_courses(c, frame, right, ctx);
        }
        Shown::ByCourse if c.roster.is_open() => c.roster.draw(frame, area, ctx),
        Shown::ByCourse => draw_courses(c, frame, area, ctx),
        Shown::Overdue => draw_overdue(c, frame, area, ctx),
        Shown::Plan => c.plan.draw(frame, area, ctx, c.stats.value().map(|s| s.0.as_slice())),
    }
}

fn draw_members(c: &CoursesPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = ctx.t();
    let Some(rows) = c.members.value() else {
        placeholder(frame, area, ctx, t.loading);
        return;
    };
    let cols = vec![Column::new(t.pool_columns[0], 10, 0), Column::new(t.pool_columns[2], 12, 1).growing()];
    let shown = fit_columns(&cols, area.width as usize);
    let window: Vec<Vec<Styled>> = c
        .visible
        .iter()
        .skip(c.cursor.offset)
        .take(list_height(area))
        .map(|&i| {
            vec![(rows[i].name.clone(), Style::default()), (rows[i].department.clone(), Style::default())]
        })
        .collect();
    draw_table(frame, area, ctx, &cols, &shown, window, c.cursor.selected.checked_sub(c.cursor.offset));
}

fn draw_member_courses(c: &CoursesPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = ctx.t();
    let block = Block::default().borders(Borders::LEFT);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width.saturating_sub(1) as usize;
    let mut lines = Vec::new();
    if let Some(p) = c.points.value() {
        let mut s = t.points_line(p.balance, p.performance_score);
        if p.improvement_plan {
            s.push_str(&format!(" ({})", t.improvement_plan));
        }
        lines.push(Line::from(Span::styled(text::truncate(&s, width), ctx.theme.accent())));
    }
    match c.enrollments.value() {
        None => lines.push(Line::from(Span::styled(t.loading, ctx.theme.dim()))),
        Some(list) if list.is_empty() => lines.push(Line::from(t.no_enrollments)),
        Some(list) => {
            for (i, v) in list.iter().enumerate() {
                let (line, worry) = course_line(ctx, v, width);
                let style = if worry { ctx.theme.error() } else { Style::default() };
                let style = if i == c.course { style.patch(ctx.theme.selected()) } else { style };
                lines.push(Line::from(Span::styled(line, style)));
            }
        }
    }
    if let Some(p) = c.points.value() {
        lines.push(Line::from(""));
        let room = (inner.height as usize).saturating_sub(lines.len());
        for e in p.events.iter().rev().take(room) {
            let s = format!("{:+} {} {}", e.points, e.at.format("%Y-%m-%d"), t.points_cause(&e.cause));
            lines.push(Line::from(Span::styled(text::truncate(&s, width), ctx.theme.dim())));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_courses(c: &CoursesPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = ctx.t();
    let Some((courses, _, _)) = c.stats.value() else {
        placeholder(frame, area, ctx, t.counting);
        return;
    };
    let h = &t.course_columns;
    let title_w = courses
        .iter()
        .map(|s| text::width(&s.course.title) + text::width(&s.course.code) + 2)
        .max()
        .unwrap_or(10);
    let cols = vec![
        Column::new(h[0], title_w.min(36), 0).growing(),
        Column::new(h[1], 6, 3),
        Column::new(h[2], 5, 4),
        Column::new(h[3], 5, 1),
        Column::new(h[4], 6, 1),
        Column::new(h[5], 6, 2),
        Column::new(h[6], 5, 2),
    ];
    let shown = fit_columns(&cols, area.width as usize);
    let window: Vec<Vec<Styled>> = courses
        .iter()
        .skip(c.stats_cursor.offset)
        .take(list_height(area))
        .map(|s| {
            let mark = if s.course.core { "*" } else { " " };
            let overdue_style = if s.overdue > 0 { ctx.theme.error() } else { Style::default() };
            vec![
                (format!("{mark}{} {}", s.course.code, s.course.title), Style::default()),
                (t.category(s.course.category).to_string(), Style::default()),
                (s.course.hours.to_string(), Style::default()),
                (s.enrolled.to_string(), Style::default()),
                (
                    (s.completed * 100).checked_div(s.enrolled).map_or("-".into(), |p| format!("{p}%")),
                    Style::default(),
                ),
                (s.average_exam.map_or("-".into(), |v| format!("{v:.0}")), Style::default()),
                (s.overdue.to_string(), overdue_style),
            ]
        })
        .collect();
    draw_table(
        frame,
        area,
        ctx,
        &cols,
        &shown,
        window,
        c.stats_cursor.selected.checked_sub(c.stats_cursor.offset),
    );
}

fn draw_overdue(c: &CoursesPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = ctx.t();
    if c.overdue.rows.value().is_none() {
        placeholder(frame, area, ctx, t.counting);
        return;
    }
    if c.overdue.len() == 0 {
        placeholder(frame, area, ctx, t.nothing_overdue);
        return;
    }
    // the sorted column marked with its direction, as the pool table does
    let (sorted, descending) = c.overdue.sort;
    let h: Vec<String> = t
        .overdue_columns
        .iter()
        .enumerate()
        .map(|(i, name)| match (i == sorted, descending) {
            (true, true) => format!("{name}↓"),
            (true, false) => format!("{name}↑"),
            (false, _) => name.to_string(),
        })
        .collect();
    let cols = vec![
        Column::new(&h[0], 10, 0),
        Column::new(&h[1], 12, 3),
        Column::new(&h[2], 20, 1).growing(),
        Column::new(&h[3], 10, 2),
        // `逾期249天` and `249d overdue` whole
        Column::new(&h[4], 12, 0),
        Column::new(&h[5], 6, 4),
        Column::new(&h[6], 10, 5),
    ];
    let shown = fit_columns(&cols, area.width as usize);
    let window: Vec<Vec<Styled>> = c
        .overdue
        .iter()
        .skip(c.overdue.cursor.offset)
        .take(list_height(area))
        .map(|r| {
            let (state, style) = if r.days_overdue > 0 {
                (t.overdue_by(r.days_overdue), ctx.theme.error())
            } else {
                (t.behind_schedule.to_string(), ctx.theme.warn())
            };
            vec![
                (r.name.clone(), Style::default()),
                (r.department.clone(), Style::default()),
                (format!("{} {}", r.course, r.title), Style::default()),
                (r.due.to_string(), Style::default()),
                (state, style),
                (format!("{}", r.hours_left), Style::default()),
                (r.manager.clone().unwrap_or_default(), Style::default()),
            ]
        })
        .collect();
    draw_table(
        frame,
        area,
        ctx,
        &cols,
        &shown,
        window,
        c.overdue.cursor.selected.checked_sub(c.overdue.cursor.offset),
    );
}

fn summary(c: &CoursesPanel, ctx: &Ctx) -> String {
    let t = ctx.t();
    let Some(pool) = ctx.pool() else { return t.no_pool.to_string() };
    let view = match c.view {
        Shown::ByMember => t.by_member,
        Shown::ByCourse => t.by_course,
        Shown::Overdue => t.overdue_view,
        Shown::Plan => crate::locale::vacancy::plan_texts(ctx.lang).view,
    };
    let coverage = match (c.stats.value(), ctx.policy()) {
        (Some((_, trained, members)), Some(p)) if *members > 0 => {
            t.coverage(*trained, *members, p.targets.training_coverage)
        }
        (Some(_), _) => String::new(),
        (None, _) => t.counting.to_string(),
    };
    if c.view == Shown::Overdue {
        // how many, and the department filter, in the overdue view
        let filter = c.department.as_deref().map_or(String::new(), |d| format!(" · {d}"));
        return format!("{} | {view} ({}){filter} | {coverage}", pool.name, c.overdue.len());
    }
    format!("{} | {view} | {coverage}", pool.name)
}

/// The view's list, for export: the per-course table or the overdue list (the member
/// view exports the selected person's courses).
fn table(c: &CoursesPanel, ctx: &Ctx) -> Option<Table> {
    let t = ctx.t();
    let lang = ctx.lang;
    match c.view {
        Shown::ByCourse => {
            let (courses, _, _) = c.stats.value()?.clone();
            let headings = t.course_columns.iter().map(|s| s.to_string()).collect();
            Some(Table {
                name: "courses",
                build: Box::new(move |_| {
                    let rows = courses
                        .iter()
                        .map(|s| {
                            vec![
                                Cell::text(format!("{} {}", s.course.code, s.course.title)),
                                Cell::text(lang.tui().category(s.course.category)),
                                Cell::Number(f64::from(s.course.hours), 1),
                                Cell::int(s.enrolled),
                                (s.completed * 100)
                                    .checked_div(s.enrolled)
                                    .map_or(Cell::text("-"), Cell::int),
                                s.average_exam.map_or(Cell::text("-"), |v| Cell::Number(f64::from(v), 1)),
                                Cell::int(s.overdue),
                            ]
                        })
                        .collect();
                    Ok((headings, rows))
                }),
            })
        }
        Shown::Overdue => {
            let list: Vec<_> = c.overdue.iter().cloned().collect();
            let mut headings: Vec<String> = vec![t.export_id.to_string()];
            headings.extend(t.overdue_columns.iter().map(|s| s.to_string()));
            Some(Table {
                name: "overdue",
                build: Box::new(move |_| {
                    let t = lang.tui();
                    let rows = list
                        .iter()
                        .map(|r| {
                            vec![
                                Cell::text(r.employee_id.to_string()),
                                Cell::text(&r.name),
                                Cell::text(&r.department),
                                Cell::text(format!("{} {}", r.course, r.title)),
                                Cell::text(r.due.to_string()),
                                Cell::text(if r.days_overdue > 0 {
                                    t.overdue_by(r.days_overdue)
                                } else {
                                    t.behind_schedule.to_string()
                                }),
                                Cell::Number(f64::from(r.hours_left), 1),
                                Cell::text(r.manager.clone().unwrap_or_default()),
                            ]
                        })
                        .collect();
                    Ok((headings, rows))
                }),
            })
        }
        Shown::Plan => None,
        Shown::ByMember => {
            let list = c.enrollments.value()?.clone();
            let headings = t.enrollment_columns.iter().map(|s| s.to_string()).collect();
            Some(Table {
                name: "enrollments",
                build: Box::new(move |_| {
                    let rows = list
                        .iter()
                        .map(|v| {
                            let e = &v.enrollment;
                            vec![
                                Cell::text(e.employee_id.to_string()),
                                Cell::text(format!("{} {}", v.course.code, v.course.title)),
                                Cell::Number(f64::from(e.hours_done), 1),
                                Cell::Number(f64::from(e.hours_required), 1),
                                e.best_score().map_or(Cell::text(""), Cell::int),
                                Cell::text(e.due.to_string()),
                                Cell::text(e.completed_on.map(|d| d.to_string()).unwrap_or_default()),
                            ]
                        })
                        .collect();
                    Ok((headings, rows))
                }),
            })
        }
    }
}

impl View for CoursesPanel {
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
