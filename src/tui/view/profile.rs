//! The employee profile (员工全景档案) of the selected member: performance trend, skills,
//! certifications, projects, team management, career plan, and the state history.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use super::Theme;
use crate::tui::app::App;

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let t = app.lang.t();
    let block = Block::default().borders(Borders::LEFT).title(Span::styled(t.profile, theme.accent()));
    let (Some(e), Some(row)) = (&app.profile, app.selected_row()) else {
        frame.render_widget(Paragraph::new("").block(block), area);
        return;
    };
    let list = |items: &[String]| if items.is_empty() { t.none.to_string() } else { items.join("、") };
    let tenure = (app.today - e.hire_date).num_days() as f64 / 365.25;
    let mut lines = vec![
        Line::from(Span::styled(format!("{} ({})", e.name, e.id), theme.accent())),
        Line::from(format!("{} / {}, {}", e.department, e.section, app.lang.rank(e.rank))),
        Line::from(format!("{} {} ({tenure:.1}{})", t.hired, e.hire_date, t.years)),
        Line::from(format!(
            "{}: {}",
            t.performance,
            e.performance
                .iter()
                .map(|p| format!("{} {} {}%", p.year, p.grade.letter(), p.rank_pct))
                .collect::<Vec<_>>()
                .join(" > ")
        )),
        Line::from(format!("{}: {}", t.skills, list(&e.skills))),
        Line::from(format!("{}: {}", t.certifications, list(&e.certifications))),
        Line::from(format!("{}: {}", t.projects, list(&e.projects))),
        Line::from(format!("{}: {}", t.team_management, list(&e.team_management))),
        Line::from(format!(
            "{}: {}",
            t.aspiration,
            if e.aspiration.is_empty() { t.none } else { &e.aspiration }
        )),
        Line::from(format!(
            "{}: {}",
            t.reflection_scores,
            app.metrics.get(&e.id).map_or("..".to_string(), |m| m
                .stage_scores
                .iter()
                .enumerate()
                .map(|(i, s)| format!(
                    "{} {} {}",
                    t.stage,
                    i + 1,
                    s.map_or("-".to_string(), |v| v.to_string())
                ))
                .collect::<Vec<_>>()
                .join(", "))
        )),
        Line::from(Span::styled(t.history.to_string(), theme.accent())),
    ];
    for change in &row.member.history {
        lines.push(Line::from(format!(
            "{} {} {} {}",
            change.at.format("%Y-%m-%d"),
            app.lang.state(change.to),
            change.operator,
            change.reason
        )));
    }
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: true }), area);
}
