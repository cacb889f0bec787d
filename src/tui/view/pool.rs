//! The pool table: only the visible window of rows is built, columns chosen by priority to
//! fit the width, cells cut by display width.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::Theme;
use crate::service::query::MemberRow;
use crate::tui::app::App;
use crate::tui::text;

/// A column: header index, width in cells, priority (lower is kept first).
struct Col {
    header: usize,
    width: usize,
    priority: u8,
}

const COLS: [Col; 11] = [
    Col { header: 0, width: 12, priority: 0 },
    Col { header: 1, width: 18, priority: 2 },
    Col { header: 2, width: 8, priority: 9 },
    Col { header: 3, width: 6, priority: 4 },
    Col { header: 4, width: 10, priority: 3 },
    Col { header: 5, width: 10, priority: 1 },
    Col { header: 6, width: 8, priority: 5 },
    Col { header: 7, width: 8, priority: 7 },
    Col { header: 8, width: 5, priority: 8 },
    Col { header: 9, width: 6, priority: 6 },
    Col { header: 10, width: 8, priority: 10 },
];

/// The columns that fit in `width`, in display order.
fn fitting(width: usize) -> Vec<&'static Col> {
    let mut by_priority: Vec<&Col> = COLS.iter().collect();
    by_priority.sort_by_key(|c| c.priority);
    let mut used = 2;
    let mut keep = Vec::new();
    for c in by_priority {
        if used + c.width < width {
            used += c.width + 1;
            keep.push(c.header);
        }
    }
    COLS.iter().filter(|c| keep.contains(&c.header)).collect()
}

fn cell(app: &App, row: &MemberRow, header: usize) -> String {
    let t = app.lang.t();
    let m = app.metrics.get(&row.member.employee_id);
    match header {
        0 => row.name.clone(),
        1 => format!("{}/{}", row.department, row.section),
        2 => app.lang.rank(row.rank).to_string(),
        3 => format!("{:.1}{}", (app.today - row.hire_date).num_days() as f64 / 365.25, t.years),
        4 => row.grades.iter().map(|g| g.1.letter()).collect::<Vec<_>>().join(" "),
        5 => app.lang.state(row.member.state).to_string(),
        6 => m.map_or("..".into(), |m| {
            (m.courses_completed * 100)
                .checked_div(m.courses_enrolled)
                .map_or("-".into(), |pct| format!("{pct}%"))
        }),
        // the accepted score of each stage: "85 88 -"
        7 => m.map_or("..".into(), |m| {
            m.stage_scores
                .iter()
                .map(|s| s.map_or("-".to_string(), |v| v.to_string()))
                .collect::<Vec<_>>()
                .join(" ")
        }),
        8 => m.map_or("..".into(), |m| m.overall_360.map_or("-".into(), |v| format!("{v:.0}"))),
        9 => m.map_or("..".into(), |m| m.points.to_string()),
        _ => m.map_or("..".into(), |m| {
            m.level.map_or("-".into(), |l| crate::report::level_badge(app.lang, l).to_string())
        }),
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let t = app.lang.t();
    let cols = fitting(area.width as usize);
    let mut lines = Vec::with_capacity(area.height as usize);
    let (sort_col, ascending) = app.sort;
    let mut title = format!(
        "{}  {}: {}{}",
        app.pool().map_or(t.no_pool, |p| p.name.as_str()),
        t.sorted_by,
        t.columns[sort_col.header()],
        if ascending { "+" } else { "-" }
    );
    if app.department_filter.is_some() || app.state_filter.is_some() {
        title.push_str(&format!(
            "  {}: {} / {}",
            t.filter,
            app.department_filter.as_deref().unwrap_or(t.all),
            app.state_filter.map_or(t.all, |s| app.lang.state(s))
        ));
    }
    lines.push(Line::from(Span::styled(text::truncate(&title, area.width as usize), theme.accent())));
    let header: String = cols.iter().map(|c| text::fit(t.columns[c.header], c.width) + " ").collect();
    lines.push(Line::from(Span::styled(format!("  {header}"), theme.dim())));
    let height = area.height.saturating_sub(2) as usize;
    for (pos, &i) in app.visible.iter().enumerate().skip(app.cursor.offset).take(height) {
        let row = &app.rows[i];
        let text: String = cols.iter().map(|c| text::fit(&cell(app, row, c.header), c.width) + " ").collect();
        let line = format!("  {text}");
        lines.push(if pos == app.cursor.selected {
            Line::from(Span::styled(line, theme.selected()))
        } else {
            Line::from(line)
        });
    }
    frame.render_widget(Paragraph::new(lines), area);
}
