//! The courses panel: by member (the pool's members, and the selected one's courses as
//! gauges with points and the performance score they map to) or by course (the pool's
//! per-course figures), with the pool's training coverage on top.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use super::Theme;
use crate::domain::training::Standing;
use crate::service::query::EnrollmentView;
use crate::tui::app::{App, Mode};
use crate::tui::i18n::Lang;
use crate::tui::text;

/// An ASCII gauge: terminals disagree on the width of block glyphs.
fn gauge(done: f32, of: f32, cells: usize) -> String {
    let filled = if of > 0.0 { ((done / of).clamp(0.0, 1.0) * cells as f32).round() as usize } else { 0 };
    format!("[{}{}]", "#".repeat(filled), "-".repeat(cells - filled))
}

fn standing(app: &App, e: &crate::domain::training::Enrollment) -> Standing {
    e.standing(app.today, app.schedule.0, app.schedule.1)
}

fn course_line(app: &App, v: &EnrollmentView, width: usize) -> String {
    let t = app.lang.t();
    let e = &v.enrollment;
    let mut tail = format!(" {}/{}h", e.hours_done, e.hours_required);
    if let Some(best) = e.best_score() {
        tail.push_str(&format!(" {} {best}", t.exam));
        if e.attempts.len() > 1 {
            tail.push_str(&format!(
                "({})",
                e.attempts.iter().map(|a| a.score.to_string()).collect::<Vec<_>>().join(",")
            ));
        }
    }
    match standing(app, e) {
        Standing::Overdue { days } if app.lang == Lang::Zh => {
            tail.push_str(&format!(" {}{days}天", t.overdue_days))
        }
        Standing::Overdue { days } => tail.push_str(&format!(" {} {days}d", t.overdue_days)),
        Standing::AtRisk { .. } => tail.push_str(&format!(" {} {} {}", t.due, e.due, t.behind_schedule)),
        Standing::OnTrack => tail.push_str(&format!(" {} {}", t.due, e.due)),
        Standing::Done => {}
    }
    let name = format!("{} {}", v.course.code, v.course.title);
    let g = gauge(e.hours_done, e.hours_required, 10);
    let name_w = width.saturating_sub(text::width(&g) + text::width(&tail) + 1).max(8);
    format!("{} {g}{tail}", text::fit(&name, name_w))
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let t = app.lang.t();
    let tr = &app.training;
    let [title, body, prompt] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(if matches!(app.mode, Mode::Progress { .. }) { 3 } else { 0 }),
    ])
    .areas(area);
    let coverage = match &tr.stats {
        Some((_, trained, members)) if *members > 0 => {
            format!(
                "{} {trained}/{members} = {}% ({} {}%)",
                t.coverage,
                trained * 100 / members,
                t.target,
                app.training_target
            )
        }
        Some(_) => String::new(),
        None => t.loading.to_string(),
    };
    let head = format!(
        "{} | {} | {}",
        app.pool().map_or(t.no_pool, |p| p.name.as_str()),
        if tr.by_course { t.by_course } else { t.by_member },
        coverage
    );
    frame.render_widget(
        Paragraph::new(Span::styled(text::truncate(&head, area.width as usize), theme.accent())),
        title,
    );
    if tr.by_course {
        draw_courses(frame, app, body, theme);
    } else {
        let [left, right] = Layout::horizontal([Constraint::Length(34), Constraint::Min(20)]).areas(body);
        draw_members(frame, app, left, theme);
        draw_member_courses(frame, app, right, theme);
    }
    if let Mode::Progress { exam, digits } = &app.mode {
        let label = if *exam { t.exam_prompt } else { t.hours_prompt };
        let block =
            Block::default().borders(Borders::ALL).title(Span::styled(format!(" {label} "), theme.accent()));
        frame.render_widget(Paragraph::new(format!("{digits}_")).block(block), prompt);
    }
}

fn draw_members(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let mut lines = Vec::new();
    for (pos, &i) in app.visible.iter().enumerate().skip(app.cursor.offset).take(area.height as usize) {
        let r = &app.rows[i];
        let line = format!(" {} {}", text::fit(&r.name, 12), text::fit(&r.department, 18));
        lines.push(if pos == app.cursor.selected {
            Line::from(Span::styled(line, theme.selected()))
        } else {
            Line::from(line)
        });
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_member_courses(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let t = app.lang.t();
    let tr = &app.training;
    let width = area.width.saturating_sub(1) as usize;
    let mut lines = Vec::new();
    if let Some(p) = &tr.points {
        let mut s =
            format!("{} {} -> {} {}", t.points_label, p.balance, t.performance_score, p.performance_score);
        if p.improvement_plan {
            s.push_str(&format!(" ({})", t.improvement_plan));
        }
        lines.push(Line::from(Span::styled(text::truncate(&s, width), theme.accent())));
    }
    if tr.enrollments.is_empty() {
        lines.push(Line::from(t.no_enrollments));
    }
    for (i, v) in tr.enrollments.iter().enumerate() {
        let line = course_line(app, v, width);
        // overdue and behind-schedule courses stand out
        let style = match standing(app, &v.enrollment) {
            Standing::Overdue { .. } | Standing::AtRisk { .. } => theme.error(),
            _ => ratatui::style::Style::default(),
        };
        lines.push(if i == tr.course {
            Line::from(Span::styled(line, style.patch(theme.selected())))
        } else {
            Line::from(Span::styled(line, style))
        });
    }
    if let Some(p) = &tr.points {
        lines.push(Line::from(""));
        for e in p.events.iter().rev().take(area.height.saturating_sub(lines.len() as u16 + 1) as usize) {
            let s = format!("{:+} {} {}", e.points, e.at.format("%Y-%m-%d"), e.reason);
            lines.push(Line::from(Span::styled(text::truncate(&s, width), theme.dim())));
        }
    }
    frame.render_widget(Paragraph::new(lines).block(Block::default().borders(Borders::LEFT)), area);
}

fn draw_courses(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let t = app.lang.t();
    let widths = [26, 8, 5, 6, 6, 8, 6];
    let header: String = t.course_columns.iter().zip(widths).map(|(h, w)| text::fit(h, w) + " ").collect();
    let mut lines = vec![Line::from(Span::styled(format!(" {header}"), theme.dim()))];
    if let Some((courses, _, _)) = &app.training.stats {
        let c = &app.training.stats_cursor;
        for (i, s) in courses.iter().enumerate().skip(c.offset).take(area.height.saturating_sub(1) as usize) {
            let mut name = format!("{} {}", s.course.code, s.course.title);
            if s.course.core {
                name.insert(0, '*');
            }
            let cells = [
                name,
                if app.lang == Lang::Zh {
                    s.course.category.zh().to_string()
                } else {
                    s.course.category.code().to_string()
                },
                s.course.hours.to_string(),
                s.enrolled.to_string(),
                (s.completed * 100).checked_div(s.enrolled).map_or("-".into(), |pct| format!("{pct}%")),
                s.average_exam.map_or("-".into(), |v| format!("{v:.0}")),
                s.overdue.to_string(),
            ];
            let line: String = cells.iter().zip(widths).map(|(c, w)| text::fit(c, w) + " ").collect();
            let line = format!(" {line}");
            lines.push(if i == c.selected {
                Line::from(Span::styled(line, theme.selected()))
            } else {
                Line::from(line)
            });
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}
