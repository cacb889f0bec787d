//! Drawing the reflections panel: the queue beside the reader (wide) or above it
//! (narrow); the reader wraps Chinese by UAX #14 line breaking; while reviewing, the
//! review box sits under the reader and the reader keeps at least 8 lines at 80×24.

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use super::queue::{split, Field, QueuePanel, REVIEW_HEIGHT, SIDE_BY_SIDE};
use super::{draw_table, fit_columns, placeholder, Column, Styled};
use crate::domain::reflection::{Decision, Reflection};
use crate::io::table::Cell;
use crate::service::query::QueueRow;
use crate::tui::component::{Table, View};
use crate::tui::ctx::Ctx;
use crate::tui::text;

fn waiting(ctx: &Ctx, r: &QueueRow) -> String {
    let days = (ctx.today - r.submitted_at.date_naive()).num_days().max(0);
    ctx.t().days(days)
}

fn draw(q: &QueuePanel, frame: &mut Frame, area: Rect, ctx: &Ctx) -> Option<Position> {
    let t = ctx.t();
    let reviewing = q.review.is_some();
    let (list, reader) = split(area, reviewing);
    draw_list(q, frame, list, ctx);
    let (reader, review) = if reviewing {
        let [r, b] = Layout::vertical([Constraint::Min(3), Constraint::Length(REVIEW_HEIGHT)]).areas(reader);
        (r, Some(b))
    } else {
        (reader, None)
    };
    let block =
        Block::default().borders(if area.width >= SIDE_BY_SIDE { Borders::LEFT } else { Borders::TOP });
    let inner = block.inner(reader);
    frame.render_widget(block, reader);
    match q.opened() {
        Some(r) => {
            let row = q.selected_row();
            let lines = reader_lines(q, r, row, ctx, inner.width.saturating_sub(1) as usize);
            let scroll = q.scroll.min(lines.len().saturating_sub(inner.height as usize) as u16);
            frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
        }
        None if q.rows.is_empty() => {}
        None => placeholder(frame, inner, ctx, t.loading),
    }
    review.and_then(|b| draw_review(q, frame, b, ctx))
}

fn draw_list(q: &QueuePanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = ctx.t();
    let h = &t.queue_columns;
    let name_w = q.rows.iter().map(|r| text::width(&r.name)).max().unwrap_or(6).clamp(6, 14);
    let cols = vec![
        Column::new(h[0], name_w, 0),
        Column::new(h[1], 10, 3).growing(),
        Column::new(h[2], 4, 1),
        Column::new(h[3], 4, 2),
        Column::new(h[4], 5, 4),
        Column::new(h[5], 4, 5),
    ];
    let shown = fit_columns(&cols, area.width as usize);
    if q.rows.is_empty() {
        draw_table(frame, Rect { height: 1, ..area }, ctx, &cols, &shown, Vec::new(), None);
        let what = if q.read_at.is_some() { t.empty_queue } else { t.loading };
        placeholder(frame, Rect { y: area.y + 1, height: area.height.saturating_sub(1), ..area }, ctx, what);
        return;
    }
    let height = area.height.saturating_sub(1) as usize;
    let offset = if height <= 1 { q.cursor.selected } else { q.cursor.offset };
    let window: Vec<Vec<Styled>> = q
        .rows
        .iter()
        .skip(offset)
        .take(height)
        .map(|r| {
            vec![
                (r.name.clone(), Style::default()),
                (r.department.clone(), Style::default()),
                (r.stage.to_string(), Style::default()),
                (format!("v{}", r.version), Style::default()),
                (waiting(ctx, r), Style::default()),
                (r.score.map_or("-".into(), |s| s.to_string()), Style::default()),
            ]
        })
        .collect();
    draw_table(frame, area, ctx, &cols, &shown, window, q.cursor.selected.checked_sub(offset));
}

fn review_line(ctx: &Ctx, version: usize, r: &crate::domain::reflection::Review) -> String {
    let t = ctx.t();
    let verdict = if r.decision == Decision::Accept { t.accepted } else { t.returned };
    format!(
        "v{version} {} {verdict} {} {}: {}",
        r.score,
        r.reviewer,
        r.at.format("%Y-%m-%d"),
        crate::locale::sanitize_line(&r.comment)
    )
}

/// The reflection as read: title, who and when, the text, the previous version, the
/// reviews, reopenings and replies; every paragraph wrapped to `width`.
fn reader_lines(
    q: &QueuePanel,
    r: &Reflection,
    row: Option<&QueueRow>,
    ctx: &Ctx,
    width: usize,
) -> Vec<Line<'static>> {
    let t = ctx.t();
    let theme = &ctx.theme;
    let latest = r.latest();
    let mut lines = Vec::new();
    let para = |lines: &mut Vec<Line<'static>>, text_: &str, style: Style| {
        for l in text::wrap(&crate::locale::sanitize(text_), width) {
            lines.push(Line::from(Span::styled(l, style)));
        }
    };
    para(&mut lines, &latest.title, theme.accent());
    let meta = t.reflection_meta(
        &row.map_or(String::new(), |x| {
            ctx.lang.who(&crate::domain::msg::Who { id: x.employee_id.to_string(), name: x.name.clone() })
        }),
        row.map_or("", |x| x.department.as_str()),
        r.stage,
        r.versions.len(),
        &latest.submitted_at.format("%Y-%m-%d").to_string(),
    );
    para(&mut lines, &meta, theme.dim());
    lines.push(Line::from(""));
    para(&mut lines, &latest.body, Style::default());
    if q.show_previous && r.versions.len() > 1 {
        let prev = &r.versions[r.versions.len() - 2];
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(t.previous_version(r.versions.len() - 1), theme.accent())));
        para(&mut lines, &prev.body, Style::default());
    }
    let reviews: Vec<String> = r
        .versions
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.review.as_ref().map(|rv| review_line(ctx, i + 1, rv)))
        .collect();
    if !reviews.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(t.reviews.to_string(), theme.accent())));
        for rv in reviews {
            para(&mut lines, &rv, Style::default());
        }
    }
    for ro in &r.reopened {
        let l = t.reopened_line(
            ro.version,
            &ro.by,
            &ro.at.format("%Y-%m-%d").to_string(),
            &ro.reason,
            &review_line(ctx, ro.version as usize, &ro.review),
        );
        para(&mut lines, &l, theme.dim());
    }
    if !r.replies.is_empty() {
        lines.push(Line::from(Span::styled(t.replies.to_string(), theme.accent())));
        for reply in &r.replies {
            let l = format!(
                "v{} {} {}: {}",
                reply.version,
                reply.author,
                reply.at.format("%Y-%m-%d"),
                reply.text
            );
            para(&mut lines, &l, Style::default());
        }
    }
    lines
}

fn draw_review(q: &QueuePanel, frame: &mut Frame, area: Rect, ctx: &Ctx) -> Option<Position> {
    let t = ctx.t();
    let rv = q.review.as_ref()?;
    let keys = crate::tui::layers::hint(
        ctx,
        &[crate::tui::keymap::Section::Review],
        &[
            (crate::tui::action::Action::Accept, t.accept),
            (crate::tui::action::Action::Return, t.return_for_rewrite),
            (crate::tui::action::Action::NextField, t.score_or_comment),
            (crate::tui::action::Action::Back, t.back),
        ],
    );
    let inner = crate::tui::layers::framed(
        frame,
        area,
        &t.review_title(&ctx.lang.who(&rv.who), rv.stage),
        &keys,
        ctx,
    );
    let [score_line, comment] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let label = format!("{}: ", t.score_label);
    let (shown, col) = rv.score.view(4);
    let (note, note_style) = match (&rv.problem, rv.busy) {
        (_, true) => (t.working.to_string(), ctx.theme.dim()),
        (Some(p), _) => (p.clone(), ctx.theme.error()),
        (None, _) => (t.score_hint(ctx.policy().map_or(80, |p| p.reflection.pass_score)), ctx.theme.dim()),
    };
    let score_style = if rv.focus == Field::Score { ctx.theme.header() } else { Style::default() };
    let room = (score_line.width as usize).saturating_sub(text::width(&label) + 6);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(label.clone(), ctx.theme.accent()),
            Span::styled(text::fit(&shown, 4), score_style),
            Span::raw("  "),
            Span::styled(text::truncate(&note, room), note_style),
        ])),
        score_line,
    );
    let mut area_widget = rv.comment.clone();
    if rv.comment.is_empty() {
        area_widget.set_placeholder_text(t.comment_placeholder);
        area_widget.set_placeholder_style(ctx.theme.dim());
    }
    if rv.focus != Field::Comment {
        area_widget.set_cursor_style(Style::default());
    }
    frame.render_widget(&area_widget, comment);
    (rv.focus == Field::Score)
        .then(|| Position::new(score_line.x + text::width(&label) as u16 + col, score_line.y))
}

/// The queue as shown (its filter), every page, for export.
fn table(q: &QueuePanel, ctx: &Ctx) -> Table {
    let t = ctx.t();
    let mut rows = q.rows.clone();
    let (state, department, next) = (q.state, q.department.clone(), q.next.clone());
    let headings = vec![
        t.export_id.to_string(),
        t.queue_columns[0].to_string(),
        t.queue_columns[1].to_string(),
        t.queue_columns[2].to_string(),
        t.queue_columns[3].to_string(),
        t.export_state.to_string(),
        t.export_submitted.to_string(),
        t.queue_columns[5].to_string(),
    ];
    let lang = ctx.lang;
    Table {
        name: "reflections",
        build: Box::new(move |service| {
            let mut after = next;
            while let Some(cursor) = after {
                let (more, n) = service
                    .reflection_queue(state, department.clone(), Some(cursor), crate::service::MAX_PAGE)
                    .map_err(|e| e.say(lang))?;
                rows.extend(more);
                after = n;
            }
            let cells = rows
                .iter()
                .map(|r| {
                    vec![
                        Cell::text(r.employee_id.to_string()),
                        Cell::text(&r.name),
                        Cell::text(&r.department),
                        Cell::int(r.stage),
                        Cell::int(r.version),
                        Cell::text(crate::locale::labels::reflection_state(lang, r.state)),
                        Cell::text(r.submitted_at.format("%Y-%m-%d %H:%M").to_string()),
                        r.score.map_or(Cell::text(""), Cell::int),
                    ]
                })
                .collect();
            Ok((headings, cells))
        }),
    }
}

impl View for QueuePanel {
    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) -> Option<Position> {
        draw(self, frame, area, ctx)
    }

    fn summary(&self, ctx: &Ctx) -> String {
        let t = ctx.t();
        let state = self.state.map_or(t.all, |s| crate::locale::labels::reflection_state(ctx.lang, s));
        let mut s = t.queue_summary(
            state,
            self.department.as_deref().unwrap_or(t.all),
            self.rows.len(),
            self.next.is_some(),
        );
        if let (Some((done, expected)), Some(policy)) = (self.submission.value(), ctx.policy()) {
            if *expected > 0 {
                s.push_str(&format!(
                    " | {}",
                    t.submission_rate(*done, *expected, policy.targets.reflection_submission)
                ));
            }
        }
        s
    }

    fn table(&self, ctx: &Ctx) -> Option<Table> {
        Some(table(self, ctx))
    }
}
