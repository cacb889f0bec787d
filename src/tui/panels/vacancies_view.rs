//! Drawing the vacancies panel: the list of vacancies (overdue ones marked), a vacancy's
//! shortlist under its title, bench strength with the short departments marked, and the
//! forecast as a bar chart per quarter with the plan starts and appointment rates below.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph, Wrap};
use ratatui::Frame;

use super::vacancies::{post, VacanciesPanel, View};
use super::{draw_table, fit_columns, placeholder, title_line, Column, Styled};
use crate::domain::forecast::peak;
use crate::domain::readiness_facts::Level;
use crate::domain::vacancy::VacancyStatus;
use crate::io::table::Cell;
use crate::locale::vacancy as words;
use crate::locale::Lang;
use crate::service::vacancy_types::{BenchRow, ShortlistRow, VacancyView};
use crate::tui::component::{Table, View as Draw};
use crate::tui::ctx::Ctx;

/// Whether a vacancy is past its due date and still unfilled.
fn overdue(ctx: &Ctx, v: &VacancyView) -> bool {
    v.status == VacancyStatus::Open && v.due.is_some_and(|d| d < ctx.today)
}

fn list_columns(ctx: &Ctx) -> Vec<Column> {
    let h = &words::texts(ctx.lang).list_columns;
    vec![
        Column::new(h[0], 4, 0),
        Column::new(h[1], 10, 0),
        Column::new(h[2], 10, 2).growing(),
        Column::new(h[3], 8, 1),
        Column::new(h[4], 8, 4),
        Column::new(h[5], 6, 0),
        Column::new(h[6], 10, 5),
        Column::new(h[7], 10, 3),
        Column::new(h[8], 6, 3),
        Column::new(h[9], 8, 1),
    ]
}

fn list_row(ctx: &Ctx, v: &VacancyView) -> Vec<Styled> {
    let lang = ctx.lang;
    let plain = Style::default();
    let status_style = match v.status {
        VacancyStatus::Open if overdue(ctx, v) => ctx.theme.error(),
        VacancyStatus::Open => ctx.theme.warn(),
        VacancyStatus::Forecast => ctx.theme.dim(),
        VacancyStatus::Filled => ctx.theme.good(),
    };
    let days = match v.status {
        VacancyStatus::Open if v.opened <= ctx.today => words::days(lang, (ctx.today - v.opened).num_days()),
        _ => "-".into(),
    };
    let status = if overdue(ctx, v) {
        format!("{}!", words::status(lang, v.status))
    } else {
        words::status(lang, v.status).to_string()
    };
    vec![
        (v.id.to_string(), plain),
        (v.department.clone(), plain),
        (v.section.clone(), plain),
        (crate::locale::labels::rank(lang, v.rank).to_string(), plain),
        (words::reason(lang, v.reason).to_string(), plain),
        (status, status_style),
        (v.opened.to_string(), plain),
        (
            v.due.map_or("-".into(), |d| d.to_string()),
            if overdue(ctx, v) { ctx.theme.error() } else { plain },
        ),
        (days, plain),
        (v.filled_by_name.clone().unwrap_or_default(), plain),
    ]
}

fn shortlist_columns(ctx: &Ctx) -> Vec<Column> {
    let h = &words::texts(ctx.lang).shortlist_columns;
    vec![
        Column::new(h[0], 3, 0),
        Column::new(h[1], 7, 0),
        Column::new(h[2], 2, 2),
        Column::new(h[3], 8, 0),
        Column::new(h[4], 8, 3),
        Column::new(h[5], 10, 1),
        Column::new(h[6], 6, 1),
        Column::new(h[7], 16, 2).growing(),
    ]
}

fn gates(lang: Lang, r: &ShortlistRow) -> String {
    crate::report::failing_gates(lang, &r.failing_gates)
        .unwrap_or_else(|| words::texts(lang).every_gate.to_string())
}

fn shortlist_row(ctx: &Ctx, rank: usize, r: &ShortlistRow) -> Vec<Styled> {
    let plain = Style::default();
    let level = if r.level == Level::ReadyNow { ctx.theme.good() } else { plain };
    vec![
        (rank.to_string(), plain),
        (crate::report::level_badge(ctx.lang, r.level).to_string(), level),
        (
            if r.priority { words::texts(ctx.lang).priority.to_string() } else { String::new() },
            ctx.theme.accent(),
        ),
        (r.name.clone(), plain),
        (r.employee_id.to_string(), plain),
        (r.department.clone(), plain),
        (format!("{:.1}", r.composite), plain),
        (gates(ctx.lang, r), if r.failing_gates.is_empty() { ctx.theme.dim() } else { plain }),
    ]
}

fn bench_columns(ctx: &Ctx) -> Vec<Column> {
    let h = &words::texts(ctx.lang).bench_columns;
    vec![
        Column::new(h[0], 10, 0),
        Column::new(h[1], 8, 0),
        Column::new(h[2], 4, 0),
        Column::new(h[3], 4, 0),
        Column::new(h[4], 4, 2),
        Column::new(h[5], 4, 3),
        Column::new(h[6], 12, 1).growing(),
    ]
}

fn bench_row(ctx: &Ctx, b: &BenchRow) -> Vec<Styled> {
    let plain = Style::default();
    let t = words::texts(ctx.lang);
    let state = match (b.short, b.months_left) {
        (true, Some(m)) => format!("{} · {}", t.short, words::months_left(ctx.lang, m)),
        (true, None) => t.short.to_string(),
        (false, _) => String::new(),
    };
    vec![
        (b.department.clone(), plain),
        (crate::locale::labels::rank(ctx.lang, b.rank).to_string(), plain),
        (b.expected_vacancies.to_string(), plain),
        (b.ready_now.to_string(), if b.short { ctx.theme.error() } else { ctx.theme.good() }),
        (b.ready_1_2.to_string(), plain),
        (b.developing.to_string(), plain),
        (state, ctx.theme.error()),
    ]
}

/// The views' names with the one shown marked: `[空缺] 储备强度 空缺预测`.
fn view_bar(p: &VacanciesPanel, ctx: &Ctx, width: u16) -> Line<'static> {
    let t = words::texts(ctx.lang);
    let mut spans = Vec::new();
    for (i, name) in t.views.iter().enumerate() {
        let on = matches!((i, p.view), (0, View::Vacancies) | (1, View::Bench) | (2, View::Forecast));
        let style = if on { ctx.theme.tab() } else { ctx.theme.dim() };
        spans.push(Span::styled(format!(" {name} "), style));
    }
    let keys = ctx.keymap.keys_for(
        &[crate::tui::keymap::Section::Panel(crate::tui::action::Panel::Vacancies)],
        crate::tui::action::Action::CycleView,
    );
    spans.push(Span::styled(format!(" ({keys})"), ctx.theme.dim()));
    let line = Line::from(spans);
    if line.width() > width as usize {
        return title_line(t.views[p.view as usize], width, ctx);
    }
    line
}

fn draw(p: &VacanciesPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let [bar, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    frame.render_widget(Paragraph::new(view_bar(p, ctx, bar.width)), bar);
    match p.view {
        View::Vacancies if p.shortlist_of.is_some() => draw_shortlist(p, frame, body, ctx),
        View::Vacancies => draw_list(p, frame, body, ctx),
        View::Bench => draw_bench(p, frame, body, ctx),
        View::Forecast => draw_forecast(p, frame, body, ctx),
    }
}

fn draw_list(p: &VacanciesPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = words::texts(ctx.lang);
    let Some(list) = p.list.value() else { return placeholder(frame, area, ctx, ctx.t().loading) };
    let cols = list_columns(ctx);
    let shown = fit_columns(&cols, area.width as usize);
    if list.is_empty() {
        draw_table(frame, Rect { height: 1, ..area }, ctx, &cols, &shown, Vec::new(), None);
        let rest = Rect { y: area.y + 1, height: area.height.saturating_sub(1), ..area };
        return placeholder(frame, rest, ctx, t.no_vacancies);
    }
    let rows = list
        .iter()
        .skip(p.cursor.offset)
        .take(area.height.saturating_sub(1) as usize)
        .map(|v| list_row(ctx, v))
        .collect();
    draw_table(frame, area, ctx, &cols, &shown, rows, p.cursor.selected.checked_sub(p.cursor.offset));
}

fn draw_shortlist(p: &VacanciesPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = words::texts(ctx.lang);
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    if let Some(v) = p.shortlisted() {
        let ready = p.candidates().iter().filter(|r| r.level == Level::ReadyNow).count();
        let title = words::shortlist_title(ctx.lang, v.id, &post(ctx, v), p.candidates().len(), ready);
        frame.render_widget(Paragraph::new(title_line(&title, head.width, ctx)), head);
    }
    let Some(rows) = p.shortlist.value() else { return placeholder(frame, body, ctx, ctx.t().counting) };
    let cols = shortlist_columns(ctx);
    let shown = fit_columns(&cols, body.width as usize);
    if rows.is_empty() {
        draw_table(frame, Rect { height: 1, ..body }, ctx, &cols, &shown, Vec::new(), None);
        let rest = Rect { y: body.y + 1, height: body.height.saturating_sub(1), ..body };
        return placeholder(frame, rest, ctx, t.nobody_on_shortlist);
    }
    let c = &p.short_cursor;
    let window = rows
        .iter()
        .enumerate()
        .skip(c.offset)
        .take(body.height.saturating_sub(1) as usize)
        .map(|(i, r)| shortlist_row(ctx, i + 1, r))
        .collect();
    draw_table(frame, body, ctx, &cols, &shown, window, c.selected.checked_sub(c.offset));
}

fn draw_bench(p: &VacanciesPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let Some(rows) = p.bench.value() else { return placeholder(frame, area, ctx, ctx.t().counting) };
    let cols = bench_columns(ctx);
    let shown = fit_columns(&cols, area.width as usize);
    if rows.is_empty() {
        return placeholder(frame, area, ctx, words::texts(ctx.lang).no_bench);
    }
    let c = &p.bench_cursor;
    let window = rows
        .iter()
        .skip(c.offset)
        .take(area.height.saturating_sub(1) as usize)
        .map(|b| bench_row(ctx, b))
        .collect();
    draw_table(frame, area, ctx, &cols, &shown, window, c.selected.checked_sub(c.offset));
}

fn draw_forecast(p: &VacanciesPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = words::texts(ctx.lang);
    let lang = ctx.lang;
    let Some(o) = p.outlook.value() else { return placeholder(frame, area, ctx, ctx.t().counting) };
    let chart_h = if area.height >= 30 { 12 } else { 8 };
    let [chart, rest] = Layout::vertical([Constraint::Length(chart_h), Constraint::Min(1)]).areas(area);
    let top = peak(&o.quarters).map(|c| c.quarter);
    let bars: Vec<Bar> = o
        .quarters
        .iter()
        .map(|c| {
            let style = if Some(c.quarter) == top { ctx.theme.error() } else { ctx.theme.accent() };
            Bar::default()
                .value((f64::from(c.expected()) * 10.0).round() as u64)
                .text_value(format!("{:.1}", c.expected()))
                .label(Line::from(format!("{}Q{}", c.quarter.year % 100, c.quarter.q)))
                .style(style)
                .value_style(style.add_modifier(ratatui::style::Modifier::REVERSED))
        })
        .collect();
    let n = o.quarters.len().max(1) as u16;
    let bar_width = ((chart.width.saturating_sub(2)) / n).saturating_sub(2).clamp(4, 12);
    let title = words::forecast_heading(lang, o.lead_months);
    let widget = BarChart::default()
        .block(Block::default().title(Line::from(Span::styled(title, ctx.theme.header()))))
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_width)
        .bar_gap(2);
    frame.render_widget(widget, chart);
    let mut lines: Vec<Line> = Vec::new();
    for c in &o.quarters {
        let peak_mark = Some(c.quarter) == top;
        lines.push(Line::from(Span::styled(
            words::quarter_line(lang, c, peak_mark),
            if peak_mark { ctx.theme.error() } else { ctx.theme.dim() },
        )));
    }
    lines.push(Line::from(Span::styled(t.plan_starts.to_string(), ctx.theme.header())));
    if o.starts.is_empty() {
        lines.push(Line::from(Span::styled(words::nobody_short(lang).to_string(), ctx.theme.good())));
    }
    for s in &o.starts {
        let style = if s.months_left == 0 { ctx.theme.error() } else { ctx.theme.warn() };
        lines.push(Line::from(Span::styled(format!("⚠ {}", words::plan_start(lang, s)), style)));
    }
    lines.push(Line::from(Span::styled(t.rates.to_string(), ctx.theme.header())));
    for r in &o.rates {
        lines.push(Line::from(words::rate_line(lang, r, o.rate_target)));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((p.outlook_scroll, 0)), rest);
}

fn summary(p: &VacanciesPanel, ctx: &Ctx) -> String {
    let lang = ctx.lang;
    match (p.view, p.shortlist_of) {
        (View::Vacancies, Some(_)) => {
            let ready = p.candidates().iter().filter(|r| r.level == Level::ReadyNow).count();
            p.shortlisted().map_or(String::new(), |v| {
                words::shortlist_title(lang, v.id, &post(ctx, v), p.candidates().len(), ready)
            })
        }
        (View::Vacancies, None) => {
            let count = |s: VacancyStatus| p.vacancies().iter().filter(|v| v.status == s).count();
            words::list_summary(
                lang,
                count(VacancyStatus::Open),
                count(VacancyStatus::Forecast),
                count(VacancyStatus::Filled),
            )
        }
        (View::Bench, _) => {
            let rows = p.bench_rows();
            words::bench_summary(lang, rows.iter().filter(|b| b.short).count(), rows.len())
        }
        (View::Forecast, _) => p.outlook.value().map_or(String::new(), |o| {
            peak(&o.quarters).map_or(String::new(), |c| words::quarter_line(lang, &c, true))
        }),
    }
}

fn table(p: &VacanciesPanel, ctx: &Ctx) -> Option<Table> {
    let lang = ctx.lang;
    match (p.view, p.shortlist_of) {
        (View::Vacancies, Some(_)) => {
            let rows = p.candidates().to_vec();
            let headings = words::texts(lang).shortlist_columns.iter().map(|s| s.to_string()).collect();
            Some(Table {
                name: "shortlist",
                build: Box::new(move |_| {
                    let cells = rows
                        .iter()
                        .enumerate()
                        .map(|(i, r)| {
                            vec![
                                Cell::int(i as i64 + 1),
                                Cell::text(crate::report::level(lang, r.level)),
                                Cell::text(if r.priority { "★" } else { "" }),
                                Cell::text(&r.name),
                                Cell::text(r.employee_id.to_string()),
                                Cell::text(&r.department),
                                Cell::Number(f64::from(r.composite), 1),
                                Cell::text(gates(lang, r)),
                            ]
                        })
                        .collect();
                    Ok((headings, cells))
                }),
            })
        }
        (View::Vacancies, None) => {
            let rows = p.vacancies().to_vec();
            let headings = words::texts(lang).list_columns.iter().map(|s| s.to_string()).collect();
            Some(Table {
                name: "vacancies",
                build: Box::new(move |_| {
                    let cells = rows
                        .iter()
                        .map(|v| {
                            vec![
                                Cell::int(i64::from(v.id)),
                                Cell::text(&v.department),
                                Cell::text(&v.section),
                                Cell::text(crate::locale::labels::rank(lang, v.rank)),
                                Cell::text(words::reason(lang, v.reason)),
                                Cell::text(words::status(lang, v.status)),
                                Cell::text(v.opened.to_string()),
                                Cell::text(v.due.map(|d| d.to_string()).unwrap_or_default()),
                                Cell::text(""),
                                Cell::text(v.filled_by_name.clone().unwrap_or_default()),
                            ]
                        })
                        .collect();
                    Ok((headings, cells))
                }),
            })
        }
        (View::Bench, _) => {
            let rows = p.bench_rows().to_vec();
            let headings = words::texts(lang).bench_columns.iter().map(|s| s.to_string()).collect();
            Some(Table {
                name: "bench",
                build: Box::new(move |_| {
                    let cells = rows
                        .iter()
                        .map(|b| {
                            vec![
                                Cell::text(&b.department),
                                Cell::text(crate::locale::labels::rank(lang, b.rank)),
                                Cell::int(i64::from(b.expected_vacancies)),
                                Cell::int(i64::from(b.ready_now)),
                                Cell::int(i64::from(b.ready_1_2)),
                                Cell::int(i64::from(b.developing)),
                                Cell::text(if b.short { words::texts(lang).short } else { "" }),
                            ]
                        })
                        .collect();
                    Ok((headings, cells))
                }),
            })
        }
        (View::Forecast, _) => None,
    }
}

impl Draw for VacanciesPanel {
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
