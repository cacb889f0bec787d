//! The reflections panel: the queue (pending first, oldest first), the reader with the
//! whole text wrapped by display width, earlier versions, reviews and replies, and the
//! review box while scoring.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::Theme;
use crate::domain::reflection::{Decision, Reflection, ReflectionState};
use crate::tui::app::{App, Mode};
use crate::tui::i18n::Lang;
use crate::tui::text;

fn state_label(lang: Lang, s: Option<ReflectionState>) -> &'static str {
    let t = lang.t();
    match s {
        Some(ReflectionState::Pending) => t.states[0],
        Some(ReflectionState::Returned) => t.states[1],
        Some(ReflectionState::Accepted) => t.states[2],
        None => t.states[3],
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let t = app.lang.t();
    let q = &app.queue;
    let [title, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let mut head = format!(
        "{} | {} | {}",
        t.queue_title,
        state_label(app.lang, q.state),
        q.department.as_deref().unwrap_or(t.all)
    );
    if let Some((done, expected)) = q.submission.filter(|(_, e)| *e > 0) {
        let target = app.lang.t().target;
        head.push_str(&format!(
            " | {} {done}/{expected} = {}% ({target} {}%)",
            t.submission_rate,
            done * 100 / expected,
            app.submission_target
        ));
    }
    frame.render_widget(
        Paragraph::new(Span::styled(text::truncate(&head, area.width as usize), theme.accent())),
        title,
    );
    let (list_area, reader_area) = if area.width >= super::SIDE_PANE_WIDTH {
        let [l, r] = Layout::horizontal([Constraint::Length(52), Constraint::Min(30)]).areas(body);
        (l, r)
    } else {
        let rows = super::queue_rows(frame.area()) as u16;
        let [l, r] = Layout::vertical([Constraint::Length(rows + 1), Constraint::Min(3)]).areas(body);
        (l, r)
    };
    draw_list(frame, app, list_area, theme);
    let reviewing = matches!(app.mode, Mode::Score { .. } | Mode::Comment { .. });
    let (reader_area, review_area) = if reviewing {
        let h = if matches!(app.mode, Mode::Comment { .. }) { 7 } else { 3 };
        let [r, b] = Layout::vertical([Constraint::Min(1), Constraint::Length(h)]).areas(reader_area);
        (r, Some(b))
    } else {
        (reader_area, None)
    };
    draw_reader(frame, app, reader_area, theme);
    if let Some(b) = review_area {
        draw_review_box(frame, app, b, theme);
    }
}

/// The cells of the visible rows only.
fn draw_list(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let t = app.lang.t();
    let q = &app.queue;
    let widths = [10, 10, 4, 4, 6, 5];
    let header: String = t.queue_columns.iter().zip(widths).map(|(h, w)| text::fit(h, w) + " ").collect();
    let mut lines = vec![Line::from(Span::styled(format!(" {header}"), theme.dim()))];
    if q.rows.is_empty() {
        lines.push(Line::from(t.empty_queue));
    }
    let height = area.height.saturating_sub(1) as usize;
    for (i, r) in q.rows.iter().enumerate().skip(q.cursor.offset).take(height) {
        let days = (app.today - r.submitted_at.date_naive()).num_days().max(0);
        let waiting = if app.lang == Lang::Zh { format!("{days}天") } else { format!("{days}d") };
        let cells = [
            r.name.clone(),
            r.department.clone(),
            r.stage.to_string(),
            format!("v{}", r.version),
            waiting,
            r.score.map_or("-".into(), |s| s.to_string()),
        ];
        let line: String = cells.iter().zip(widths).map(|(c, w)| text::fit(c, w) + " ").collect();
        let line = format!(" {line}");
        lines.push(if i == q.cursor.selected {
            Line::from(Span::styled(line, theme.selected()))
        } else {
            Line::from(line)
        });
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn review_line(app: &App, version: usize, r: &crate::domain::reflection::Review) -> String {
    let t = app.lang.t();
    let verdict = if r.decision == Decision::Accept { t.accepted } else { t.returned };
    format!("v{version} {} {verdict} {} {}: {}", r.score, r.reviewer, r.at.format("%Y-%m-%d"), r.comment)
}

fn draw_reader(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let t = app.lang.t();
    let block = Block::default().borders(Borders::LEFT | Borders::TOP);
    let Some(r) = &app.queue.open else {
        frame.render_widget(Paragraph::new("").block(block), area);
        return;
    };
    let row = app.queue.rows.iter().find(|x| x.id == r.id);
    let latest = r.latest();
    let mut lines = vec![
        Line::from(Span::styled(latest.title.clone(), theme.accent())),
        Line::from(Span::styled(
            format!(
                "{} ({}), {}, {} {}, {} {}/{}, {} {}",
                row.map_or("", |x| x.name.as_str()),
                r.employee_id,
                row.map_or("", |x| x.department.as_str()),
                t.stage,
                r.stage,
                t.version,
                r.versions.len(),
                r.versions.len(),
                t.submitted,
                latest.submitted_at.format("%Y-%m-%d")
            ),
            theme.dim(),
        )),
        Line::from(""),
    ];
    lines.extend(latest.body.lines().map(|l| Line::from(l.to_string())));
    if app.queue.show_previous && r.versions.len() > 1 {
        let prev = &r.versions[r.versions.len() - 2];
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!("-- {} (v{}) --", t.previous_version, r.versions.len() - 1),
            theme.accent(),
        )));
        lines.extend(prev.body.lines().map(|l| Line::from(l.to_string())));
    }
    reviews_and_replies(app, r, &mut lines, theme);
    let scroll = app.queue.scroll;
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).scroll((scroll, 0)),
        area,
    );
}

fn reviews_and_replies(app: &App, r: &Reflection, lines: &mut Vec<Line<'static>>, theme: &Theme) {
    let t = app.lang.t();
    let reviews: Vec<String> = r
        .versions
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.review.as_ref().map(|rv| review_line(app, i + 1, rv)))
        .collect();
    if !reviews.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(t.reviews.to_string(), theme.accent())));
        lines.extend(reviews.into_iter().map(Line::from));
    }
    if !r.replies.is_empty() {
        lines.push(Line::from(Span::styled(t.replies.to_string(), theme.accent())));
        for reply in &r.replies {
            lines.push(Line::from(format!(
                "v{} {} {}: {}",
                reply.version,
                reply.author,
                reply.at.format("%Y-%m-%d"),
                reply.text
            )));
        }
    }
}

fn draw_review_box(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let t = app.lang.t();
    frame.render_widget(Clear, area);
    match &app.mode {
        Mode::Score { digits } => {
            let block = Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(format!(" {} ", t.score_prompt), theme.accent()));
            frame.render_widget(Paragraph::new(format!("{digits}_")).block(block), area);
        }
        Mode::Comment { score, input } => {
            let block = Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(format!(" {score} | {} ", t.comment_prompt), theme.accent()));
            let inner = block.inner(area);
            frame.render_widget(block, area);
            frame.render_widget(&**input, inner);
        }
        _ => {}
    }
}
