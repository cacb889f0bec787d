//! Drawing the talent-pool panel: the member table with columns fitted to the width (only
//! the rows in view are built), the screening list with each rule's verdict, the profile
//! beside (wide screens) or in place (Enter); and the list as a table for export.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::pool::{columns, list_height, split, Col, PoolPanel, METRIC_TOPICS};
use super::{draw_table, fit_columns, placeholder, profile, Column, Styled};
use crate::domain::readiness::Level;
use crate::domain::Date;
use crate::io::table::Cell;
use crate::locale::Lang;
use crate::service::query::{Candidate, MemberMetrics, MemberRow};
use crate::tui::component::{Table, View};
use crate::tui::ctx::Ctx;
use crate::tui::text;

fn cell(lang: Lang, today: Date, row: &MemberRow, m: Option<&MemberMetrics>, col: Col) -> String {
    let t = lang.tui();
    let pending = || "..".to_string();
    match col {
        Col::Name => row.name.clone(),
        Col::Id => row.member.employee_id.to_string(),
        Col::Department => format!("{}/{}", row.department, row.section),
        Col::Rank => crate::locale::labels::rank(lang, row.rank).to_string(),
        Col::Tenure => format!("{:.1}{}", (today - row.hire_date).num_days() as f64 / 365.25, t.years),
        Col::Performance => row.grades.iter().map(|g| g.1.letter()).collect::<Vec<_>>().join(" "),
        Col::State => crate::locale::labels::member_state(lang, row.member.state).to_string(),
        Col::Training => m.map_or_else(pending, |m| {
            (m.courses_completed * 100)
                .checked_div(m.courses_enrolled)
                .map_or("-".into(), |pct| format!("{pct}%"))
        }),
        Col::Reflections => m.map_or_else(pending, |m| {
            let s: Vec<String> =
                m.stage_scores.iter().map(|s| s.map_or("-".to_string(), |v| v.to_string())).collect();
            if s.is_empty() {
                "-".into()
            } else {
                s.join(" ")
            }
        }),
        Col::Score360 => m.map_or_else(pending, |m| m.overall_360.map_or("-".into(), |v| format!("{v:.0}"))),
        Col::Points => m.map_or_else(pending, |m| m.points.to_string()),
        Col::Readiness => m.map_or_else(pending, |m| {
            m.level.map_or("-".into(), |l| crate::report::level_badge(lang, l).to_string())
        }),
    }
}

fn draw(p: &PoolPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = ctx.t();
    if ctx.pool().is_none() {
        let what = if ctx.pools.value().is_some() { t.no_pool_yet } else { t.loading };
        placeholder(frame, area, ctx, what);
        return;
    }
    if let Some(s) = &p.screening {
        let (list, side) = split(area);
        if s.detail && side.is_none() {
            draw_candidate_detail(p, frame, area, ctx);
            return;
        }
        draw_screening(p, frame, list, ctx);
        if let Some(side) = side {
            if s.detail {
                draw_candidate_detail(p, frame, side, ctx);
            } else {
                draw_profile(p, frame, side, ctx);
            }
        }
        return;
    }
    let (table, side) = split(area);
    if p.detail && side.is_none() {
        draw_profile(p, frame, area, ctx);
        return;
    }
    draw_members(p, frame, table, ctx);
    if let Some(side) = side {
        draw_profile(p, frame, side, ctx);
    }
}

fn draw_members(p: &PoolPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = ctx.t();
    let Some(rows) = p.rows.value() else {
        placeholder(frame, area, ctx, t.loading);
        return;
    };
    let cols = columns(p, ctx);
    let shown = fit_columns(&cols, area.width as usize);
    let height = list_height(area);
    let window: Vec<Vec<Styled>> = p
        .visible
        .iter()
        .skip(p.cursor.offset)
        .take(height)
        .map(|&i| {
            let r = &rows[i];
            let m = p.metrics.get(&r.member.employee_id).map(|(m, _)| m);
            Col::ALL
                .iter()
                .map(|c| {
                    let marked = p.marked.contains(&r.member.employee_id);
                    let style = match c {
                        Col::Name if marked => ctx.theme.marked(),
                        Col::Readiness if m.and_then(|m| m.level) == Some(Level::ReadyNow) => {
                            ctx.theme.good()
                        }
                        _ if c.needs_metrics() && m.is_none() => ctx.theme.dim(),
                        _ => Style::default(),
                    };
                    let text = cell(ctx.lang, ctx.today, r, m, *c);
                    // a mark shows without colour too
                    let text = if marked && *c == Col::Name { format!("✓{text}") } else { text };
                    (text, style)
                })
                .collect()
        })
        .collect();
    let selected = p.cursor.selected.checked_sub(p.cursor.offset);
    if p.visible.is_empty() {
        let what = if rows.is_empty() { t.pool_empty } else { t.filter_empty };
        draw_table(frame, Rect { height: 1, ..area }, ctx, &cols, &shown, Vec::new(), None);
        placeholder(frame, Rect { y: area.y + 1, height: area.height.saturating_sub(1), ..area }, ctx, what);
        return;
    }
    draw_table(frame, area, ctx, &cols, &shown, window, selected);
}

fn draw_profile(p: &PoolPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let e = p.profile.value().filter(|e| Some(&e.id) == p.profile_of.as_ref());
    let row = p.selected_row().filter(|_| p.screening.is_none());
    let m = e.and_then(|e| p.metrics.get(&e.id)).map(|(m, _)| m);
    let history = row.map_or(&[][..], |r| r.member.history.as_slice());
    profile::draw(frame, area, ctx, e.map(|e| (e, m, history)), p.pane_scroll);
}

/// `司龄 4.2年 ≥ 3年 ✓, 绩效排名 12% ≤ 30% ✓`: the rules that tell candidates apart.
pub fn verdicts(ctx: &Ctx, c: &Candidate) -> String {
    use crate::domain::eligibility::RuleKind;
    let t = ctx.t();
    c.checks
        .iter()
        .filter(|k| !matches!(k.rule, RuleKind::Active | RuleKind::RankBelowTarget))
        .map(|k| {
            format!(
                "{} {} {} {}",
                t.rule(k.rule),
                t.check_value(&k.value),
                t.check_value(&k.threshold),
                if k.passed { "✓" } else { "✗" }
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn draw_screening(p: &PoolPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = ctx.t();
    let Some(s) = &p.screening else { return };
    let Some(list) = s.candidates.value() else {
        placeholder(frame, area, ctx, t.screening_running);
        return;
    };
    if list.is_empty() {
        placeholder(frame, area, ctx, t.no_candidates);
        return;
    }
    let name_w = list.iter().map(|c| text::width(&c.name)).max().unwrap_or(6).clamp(6, 16);
    let cols = vec![
        Column::new(t.mark_heading, 3, 0),
        Column::new(t.pool_columns[Col::Name.index()], name_w, 0),
        Column::new(t.pool_columns[Col::Department.index()], 20, 2),
        Column::new(t.screening_rules, 30, 1).growing(),
    ];
    let shown = fit_columns(&cols, area.width as usize);
    let window: Vec<Vec<Styled>> = list
        .iter()
        .skip(s.cursor.offset)
        .take(list_height(area))
        .map(|c| {
            let marked = s.marked.contains(&c.employee_id);
            vec![
                (
                    if marked { "[x]" } else { "[ ]" }.to_string(),
                    if marked { ctx.theme.marked() } else { Style::default() },
                ),
                (c.name.clone(), Style::default()),
                (format!("{}/{}", c.department, c.section), Style::default()),
                (verdicts(ctx, c), Style::default()),
            ]
        })
        .collect();
    draw_table(frame, area, ctx, &cols, &shown, window, s.cursor.selected.checked_sub(s.cursor.offset));
}

fn draw_candidate_detail(p: &PoolPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = ctx.t();
    let Some(s) = &p.screening else { return };
    let Some(c) = s.candidates.value().and_then(|l| l.get(s.cursor.selected)) else { return };
    let width = area.width.saturating_sub(2) as usize;
    let mut lines = vec![Line::from(Span::styled(
        text::truncate(&format!("{} ({}) {}/{}", c.name, c.employee_id, c.department, c.section), width),
        ctx.theme.accent(),
    ))];
    for k in &c.checks {
        let l = format!(
            "{} {}: {} ({} {})",
            if k.passed { "✓" } else { "✗" },
            t.rule(k.rule),
            t.check_value(&k.value),
            t.threshold,
            t.check_value(&k.threshold)
        );
        let style = if k.passed { Style::default() } else { ctx.theme.error() };
        lines.extend(text::wrap(&l, width).into_iter().map(|x| Line::from(Span::styled(x, style))));
    }
    let block = ratatui::widgets::Block::default().borders(ratatui::widgets::Borders::LEFT);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The list as shown, every column, for export; figures not read yet are read by the
/// worker.
fn table(p: &PoolPanel, ctx: &Ctx) -> Table {
    let t = ctx.t();
    let rows: Vec<MemberRow> =
        p.rows.value().map(|rows| p.visible.iter().map(|&i| rows[i].clone()).collect()).unwrap_or_default();
    let cached: std::collections::HashMap<_, _> = p
        .metrics
        .iter()
        .filter(|(_, (_, at))| !ctx.clock.stale(*at, METRIC_TOPICS))
        .map(|(id, (m, _))| (id.clone(), m.clone()))
        .collect();
    let headings: Vec<String> = Col::ALL.iter().map(|c| t.pool_columns[c.index()].to_string()).collect();
    let (lang, today, pool) = (ctx.lang, ctx.today, p.pool);
    Table {
        name: "pool",
        build: Box::new(move |service| {
            let mut metrics = cached;
            let missing: Vec<_> = rows
                .iter()
                .map(|r| r.member.employee_id.clone())
                .filter(|id| !metrics.contains_key(id))
                .collect();
            for chunk in missing.chunks(500) {
                for m in service.member_metrics(chunk.to_vec(), pool, Some(today)).map_err(|e| e.say(lang))? {
                    metrics.insert(m.employee_id.clone(), m);
                }
            }
            let cells = rows
                .iter()
                .map(|r| {
                    let m = metrics.get(&r.member.employee_id);
                    Col::ALL
                        .iter()
                        .map(|c| match (c, m) {
                            (Col::Points, Some(m)) => Cell::int(m.points),
                            (Col::Score360, Some(m)) => {
                                m.overall_360.map_or(Cell::text("-"), |v| Cell::Number(f64::from(v), 1))
                            }
                            (Col::Tenure, _) => Cell::Number(
                                ((today - r.hire_date).num_days() as f64 / 365.25 * 10.0).round() / 10.0,
                                1,
                            ),
                            _ => Cell::text(cell(lang, today, r, m, *c)),
                        })
                        .collect()
                })
                .collect();
            Ok((headings, cells))
        }),
    }
}

impl View for PoolPanel {
    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) -> Option<ratatui::layout::Position> {
        draw(self, frame, area, ctx);
        None
    }

    fn summary(&self, ctx: &Ctx) -> String {
        let t = ctx.t();
        let Some(pool) = ctx.pool() else { return t.no_pool.to_string() };
        if let Some(s) = &self.screening {
            let n = s.candidates.value().map_or(0, Vec::len);
            return t.screening_summary(&pool.name, n, s.marked.len());
        }
        let total = self.rows.value().map_or(0, Vec::len);
        let name = match pool.closed {
            Some(_) => format!("{}{}", pool.name, crate::locale::vacancy::cohort(ctx.lang).closed_mark),
            None => pool.name.clone(),
        };
        let mut s = t.pool_summary(&name, total, self.visible.len());
        if !self.marked.is_empty() {
            s.push_str(&t.marked_count(self.marked.len()));
        }
        if self.department.is_some() || self.state.is_some() {
            s.push_str(&format!(
                " | {}: {} / {}",
                t.filter,
                self.department.as_deref().unwrap_or(t.all),
                self.state.map_or(t.all, |st| crate::locale::labels::member_state(ctx.lang, st))
            ));
        }
        s
    }

    fn table(&self, ctx: &Ctx) -> Option<Table> {
        Some(table(self, ctx))
    }
}
