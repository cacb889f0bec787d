//! The screening list: candidates who pass every rule, each rule with value and verdict,
//! marked with Space for nomination.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::Theme;
use crate::service::query::Candidate;
use crate::tui::app::{App, Screening};
use crate::tui::text;

/// "司龄 4.2年 >= 3年 ✓, 绩效排名 12% <= 30% ✓": the rules that tell candidates apart
/// (being active and below the target rank hold for everyone listed).
pub fn verdicts(app: &App, c: &Candidate) -> String {
    use crate::domain::eligibility::RuleKind;
    let t = app.lang.t();
    let local = |s: &str| {
        let s = s.replace(" y", t.years);
        match (app.lang, s.as_str()) {
            (crate::tui::i18n::Lang::Zh, "yes") => "是".to_string(),
            (crate::tui::i18n::Lang::Zh, "no") => "否".to_string(),
            (crate::tui::i18n::Lang::Zh, "wants management") => "有意向管理岗".to_string(),
            _ => s,
        }
    };
    c.checks
        .iter()
        .filter(|k| !matches!(k.rule, RuleKind::Active | RuleKind::RankBelowTarget))
        .map(|k| {
            format!(
                "{} {} {} {}",
                app.lang.rule(k.rule),
                local(&k.value),
                local(&k.threshold),
                if k.passed { "✓" } else { "✗" }
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn draw(frame: &mut Frame, app: &App, s: &Screening, area: Rect, theme: &Theme) {
    let t = app.lang.t();
    let mut lines = Vec::new();
    let title = format!("{}  ({}, {} {})", t.screening_title, s.candidates.len(), t.marked, s.marked.len());
    lines.push(Line::from(Span::styled(text::truncate(&title, area.width as usize), theme.accent())));
    if s.candidates.is_empty() {
        lines.push(Line::from(t.no_candidates));
    }
    let name_w = 12;
    let unit_w = 18;
    let rest = (area.width as usize).saturating_sub(name_w + unit_w + 8);
    let height = area.height.saturating_sub(2) as usize;
    lines.push(Line::from(""));
    for (i, c) in s.candidates.iter().enumerate().skip(s.cursor.offset).take(height) {
        let mark = if s.marked.contains(&i) { "[x]" } else { "[ ]" };
        let line = format!(
            "{mark} {} {} {}",
            text::fit(&c.name, name_w),
            text::fit(&format!("{}/{}", c.department, c.section), unit_w),
            text::truncate(&verdicts(app, c), rest)
        );
        lines.push(if i == s.cursor.selected {
            Line::from(Span::styled(line, theme.selected()))
        } else {
            Line::from(line)
        });
    }
    frame.render_widget(Paragraph::new(lines), area);
}
