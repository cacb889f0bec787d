//! The courses tab's by-course view, opened on one course (Enter): the pool's people
//! enrolled in it, the most overdue first, with hours, due date, standing and best exam.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{draw_table, fit_columns, placeholder, title_line, Column, Styled};
use crate::domain::pool::PoolId;
use crate::service::changes::Topic;
use crate::service::vacancy_types::RosterRow;
use crate::service::{Answer, Query};
use crate::tui::action::{Action, Panel};
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Effects, Reply, Target, Want};
use crate::tui::fresh::Fetched;
use crate::tui::list::ListCursor;

pub struct Roster {
    /// The pool and the course (code, title) shown.
    pub of: Option<(PoolId, String, String)>,
    pub rows: Fetched<Vec<RosterRow>>,
    pub cursor: ListCursor,
}

impl Default for Roster {
    fn default() -> Self {
        Roster {
            of: None,
            rows: Fetched::new(&[Topic::Enrollments, Topic::Members, Topic::People, Topic::Policy]),
            cursor: ListCursor::default(),
        }
    }
}

impl Roster {
    pub fn open(&mut self, pool: PoolId, code: String, title: String) {
        self.of = Some((pool, code, title));
        self.rows.reset();
        self.cursor = ListCursor::default();
    }

    pub fn close(&mut self) {
        self.of = None;
        self.rows.reset();
    }

    pub fn is_open(&self) -> bool {
        self.of.is_some()
    }

    pub fn refresh(&mut self, ctx: &Ctx, pool: Option<PoolId>) -> Effects {
        let Some((of_pool, code, _)) = self.of.clone() else { return Vec::new() };
        if Some(of_pool) != pool {
            self.close();
            return Vec::new();
        }
        if self.rows.ask(&ctx.clock) {
            let query = Query::CourseRoster { pool: of_pool, course: code.clone(), on: ctx.today };
            return vec![Effect::query(Target::Panel(Panel::Courses), Want::Roster(code), query)];
        }
        Vec::new()
    }

    pub fn moved(&mut self, action: Action, height: usize) {
        let n = self.rows.value().map_or(0, Vec::len);
        self.cursor.set_height(height, n);
        self.cursor.apply(action, n);
    }

    pub fn on_reply(&mut self, ctx: &Ctx, want: &Want, reply: Reply) {
        let Want::Roster(code) = want else { return };
        if self.of.as_ref().map(|o| &o.1) != Some(code) {
            return;
        }
        match reply {
            Reply::Answer(Answer::CourseRoster(rows), seq) => {
                let n = rows.len();
                self.rows.set(rows, seq);
                self.cursor.clamp(n);
            }
            Reply::Failed(_) => self.rows.failed(&ctx.clock),
            _ => {}
        }
    }

    pub fn summary(&self, ctx: &Ctx) -> String {
        let t = crate::locale::vacancy::roster_texts(ctx.lang);
        let rows = self.rows.value().map_or(&[][..], Vec::as_slice);
        let overdue = rows.iter().filter(|r| r.days_overdue > 0).count();
        let done = rows.iter().filter(|r| r.completed_on.is_some()).count();
        self.of
            .as_ref()
            .map_or(String::new(), |(_, code, title)| t.summary(code, title, rows.len(), done, overdue))
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let t = crate::locale::vacancy::roster_texts(ctx.lang);
        let tt = ctx.t();
        let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        frame.render_widget(Paragraph::new(title_line(&self.summary(ctx), head.width, ctx)), head);
        let Some(rows) = self.rows.value() else { return placeholder(frame, body, ctx, tt.counting) };
        if rows.is_empty() {
            return placeholder(frame, body, ctx, t.nobody);
        }
        let h = &t.columns;
        let cols = vec![
            Column::new(h[0], 8, 0),
            Column::new(h[1], 10, 1),
            Column::new(h[2], 11, 0),
            Column::new(h[3], 10, 2),
            Column::new(h[4], 12, 0).growing(),
            Column::new(h[5], 6, 3),
        ];
        let shown = fit_columns(&cols, body.width as usize);
        let plain = Style::default();
        let window: Vec<Vec<Styled>> = rows
            .iter()
            .skip(self.cursor.offset)
            .take(body.height.saturating_sub(1) as usize)
            .map(|r| {
                let (state, style) = if let Some(d) = r.completed_on {
                    (t.done_on(d), ctx.theme.good())
                } else if r.days_overdue > 0 {
                    (tt.overdue_by(r.days_overdue), ctx.theme.error())
                } else if r.at_risk {
                    (tt.behind_schedule.to_string(), ctx.theme.warn())
                } else {
                    (t.on_track.to_string(), plain)
                };
                vec![
                    (r.name.clone(), plain),
                    (r.department.clone(), plain),
                    (format!("{:.1}/{:.1}", r.hours_done, r.hours_required), plain),
                    (r.due.to_string(), plain),
                    (state, style),
                    (r.best_exam.map_or("-".into(), |s| s.to_string()), plain),
                ]
            })
            .collect();
        draw_table(
            frame,
            body,
            ctx,
            &cols,
            &shown,
            window,
            self.cursor.selected.checked_sub(self.cursor.offset),
        );
    }
}
