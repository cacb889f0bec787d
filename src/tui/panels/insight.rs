//! The insight panel (人事大数据): departments × assessment dimensions as a heatmap of
//! averages against the company's, the largest gaps ranked with the courses that close
//! them — one key adds a recommended course to the pool's plan for that department, after
//! a confirmation naming whom it enrolls — and the pool's headline rates by month.

use chrono::Datelike;
use ratatui::layout::Rect;

use super::plan::PlanEditor;
use crate::domain::pool::PoolId;
use crate::service::changes::Topic;
use crate::service::vacancy_types::{CourseEffect, GapRow, PoolReports, Rates};
use crate::service::{Answer, Query};
use crate::tui::action::{Action, Panel};
use crate::tui::component::Component;
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Effects, Note, Reply, Target, Want};
use crate::tui::fresh::Fetched;
use crate::tui::layers::{Layer, Picker, Value};
use crate::tui::list::ListCursor;
use crate::tui::search::Row;

const ME: Panel = Panel::Insight;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Gaps,
    Rates,
    Courses,
    Reports,
}

pub struct InsightPanel {
    pub(super) view: View,
    pub(super) gaps: Fetched<Vec<GapRow>>,
    /// Over the shortfalls, the largest first.
    pub(super) cursor: ListCursor,
    pub(super) rates: Fetched<Rates>,
    rates_of: Option<PoolId>,
    /// Which courses move performance, for the chosen pool.
    pub(super) effects: Fetched<Vec<CourseEffect>>,
    effects_of: Option<PoolId>,
    /// The seeds' reports of the chosen pool.
    pub(super) reports: Fetched<PoolReports>,
    reports_of: Option<PoolId>,
    pub(super) scroll: u16,
    /// The pool's plan, for adding a recommended course.
    pub(super) plan: PlanEditor,
    /// The department a course is being picked for.
    picking: Option<String>,
    pub(super) area: Rect,
}

impl Default for InsightPanel {
    fn default() -> Self {
        InsightPanel {
            view: View::Gaps,
            gaps: Fetched::new(&[Topic::Evaluations, Topic::People, Topic::Courses, Topic::Policy]),
            cursor: ListCursor::default(),
            rates: Fetched::new(&[
                Topic::Members,
                Topic::Enrollments,
                Topic::Reflections,
                Topic::Points,
                Topic::Pools,
                Topic::Policy,
            ]),
            rates_of: None,
            effects: Fetched::new(&[Topic::Enrollments, Topic::People, Topic::Members, Topic::Courses]),
            effects_of: None,
            reports: Fetched::new(&[Topic::Points, Topic::Enrollments, Topic::Members, Topic::Courses]),
            reports_of: None,
            scroll: 0,
            plan: PlanEditor::for_panel(ME),
            picking: None,
            area: Rect::default(),
        }
    }
}

fn say(text: impl Into<String>) -> Effects {
    vec![Effect::Say(Note::error(text))]
}

impl InsightPanel {
    /// The shortfalls (department below the company), the largest first.
    /// (The gaps come ranked, the largest shortfall first.)
    pub fn shortfalls(&self) -> Vec<&GapRow> {
        self.gaps.value().map_or(Vec::new(), |g| g.iter().filter(|r| r.gap < 0.0).collect())
    }

    pub fn selected_gap(&self) -> Option<&GapRow> {
        self.shortfalls().get(self.cursor.selected).copied()
    }

    /// Rows of the ranked list that fit under the heatmap.
    pub(super) fn list_height(&self) -> usize {
        let departments = self.gaps.value().map_or(0, |g| {
            let mut d: Vec<&str> = g.iter().map(|r| r.department.as_str()).collect();
            d.sort_unstable();
            d.dedup();
            d.len()
        });
        // the heatmap: a header, the departments and the company; the list: a title
        (self.area.height as usize).saturating_sub(departments + 4)
    }

    fn pick_course(&mut self, ctx: &Ctx) -> Effects {
        let t = crate::locale::insight::texts(ctx.lang);
        if ctx.pool().is_none() {
            return say(ctx.t().no_pool);
        }
        let Some(gap) = self.selected_gap().cloned() else { return say(t.no_gap) };
        if gap.recommended_courses.is_empty() {
            return say(t.no_course_for(&gap.dimension));
        }
        let options = gap.recommended_courses.iter().map(|c| (c.clone(), c.clone())).collect();
        self.picking = Some(gap.department.clone());
        vec![Effect::open(Layer::Picker(Picker::new(
            ME,
            t.pick_title(&gap.department, &gap.dimension),
            options,
            "",
        )))]
    }
}

impl Component for InsightPanel {
    fn panel(&self) -> Panel {
        ME
    }

    fn refresh(&mut self, ctx: &Ctx) -> Effects {
        let mut effects = Vec::new();
        if self.gaps.ask(&ctx.clock) {
            effects.push(Effect::query(Target::Panel(ME), Want::Gaps, Query::Gaps));
        }
        let Some(pool) = ctx.pool() else { return effects };
        effects.extend(self.plan.refresh(ctx, pool.id));
        if self.view == View::Reports {
            if self.reports_of != Some(pool.id) {
                self.reports_of = Some(pool.id);
                self.reports.reset();
            }
            if self.reports.ask(&ctx.clock) {
                effects.push(Effect::query(
                    Target::Panel(ME),
                    Want::PoolReports(pool.id),
                    Query::PoolReports { pool: pool.id },
                ));
            }
        }
        if self.view == View::Courses {
            if self.effects_of != Some(pool.id) {
                self.effects_of = Some(pool.id);
                self.effects.reset();
            }
            if self.effects.ask(&ctx.clock) {
                effects.push(Effect::query(
                    Target::Panel(ME),
                    Want::CourseEffects(pool.id),
                    Query::CourseEffects { pool: pool.id },
                ));
            }
        }
        if self.view == View::Rates {
            if self.rates_of != Some(pool.id) {
                self.rates_of = Some(pool.id);
                self.rates.reset();
            }
            if self.rates.ask(&ctx.clock) {
                let from = chrono::NaiveDate::from_ymd_opt(i32::from(pool.year), 1, 1)
                    .filter(|d| *d <= ctx.today)
                    .unwrap_or_else(|| ctx.today.with_day(1).unwrap_or(ctx.today));
                effects.push(Effect::query(
                    Target::Panel(ME),
                    Want::MonthRates(pool.id),
                    Query::Rates { pool: pool.id, from, to: ctx.today },
                ));
            }
        }
        effects
    }

    fn update(&mut self, ctx: &Ctx, action: Action) -> Effects {
        use Action::*;
        let h = self.list_height();
        match action {
            Down | PageDown if self.view == View::Reports => self.scroll = self.scroll.saturating_add(3),
            Up | PageUp if self.view == View::Reports => self.scroll = self.scroll.saturating_sub(3),
            Top if self.view == View::Reports => self.scroll = 0,
            Down | Up | PageDown | PageUp | Top | Bottom => {
                let n = self.shortfalls().len();
                self.cursor.set_height(h, n);
                self.cursor.apply(action, n);
            }
            CycleView => {
                self.view = match self.view {
                    View::Gaps => View::Rates,
                    View::Rates => View::Courses,
                    View::Courses => View::Reports,
                    View::Reports => View::Gaps,
                }
            }
            Open | PlanAdd if self.view == View::Gaps => return self.pick_course(ctx),
            Open | Back => {}
            _ => return say(ctx.t().not_on_tab(ctx.t().tabs[ME.index()])),
        }
        Vec::new()
    }

    fn on_reply(&mut self, ctx: &Ctx, want: Want, reply: Reply) -> Effects {
        if matches!(want, Want::Plan(_) | Want::PlanPreview) {
            return self.plan.on_reply(ctx, &want, reply).unwrap_or_default();
        }
        match (want, reply) {
            (Want::Gaps, Reply::Answer(Answer::Gaps(rows), seq)) => {
                self.gaps.set(rows, seq);
                let n = self.shortfalls().len();
                self.cursor.clamp(n);
            }
            (Want::Gaps, Reply::Failed(_)) => self.gaps.failed(&ctx.clock),
            (Want::MonthRates(pool), Reply::Answer(Answer::Rates(r), seq)) if Some(pool) == self.rates_of => {
                self.rates.set(*r, seq)
            }
            (Want::MonthRates(_), Reply::Failed(_)) => self.rates.failed(&ctx.clock),
            (Want::CourseEffects(pool), Reply::Answer(Answer::CourseEffects(rows), seq))
                if Some(pool) == self.effects_of =>
            {
                self.effects.set(rows, seq)
            }
            (Want::CourseEffects(_), Reply::Failed(_)) => self.effects.failed(&ctx.clock),
            (Want::PoolReports(pool), Reply::Answer(Answer::PoolReports(r), seq))
                if Some(pool) == self.reports_of =>
            {
                self.reports.set(*r, seq)
            }
            (Want::PoolReports(_), Reply::Failed(_)) => self.reports.failed(&ctx.clock),
            _ => {}
        }
        Vec::new()
    }

    fn on_input(&mut self, ctx: &Ctx, value: Value) -> Effects {
        if let Some(effects) = self.plan.on_input(ctx, &value) {
            return effects;
        }
        match (self.picking.take(), value) {
            (Some(department), Value::Picked(course)) if !course.is_empty() => {
                let due = ctx.today.checked_add_days(chrono::Days::new(90)).unwrap_or(ctx.today);
                self.plan.propose(ctx, Some(department), course, due)
            }
            _ => Vec::new(),
        }
    }

    fn on_closed(&mut self, _draft: Option<Value>) {
        self.plan.on_closed();
    }

    fn resize(&mut self, area: Rect) {
        self.area = area;
        let h = self.list_height();
        let n = self.shortfalls().len();
        self.cursor.set_height(h, n);
    }

    fn search_rows(&self) -> Vec<Row<'_>> {
        self.shortfalls()
            .into_iter()
            .map(|g| Row { name: &g.dimension, id: "", department: &g.department })
            .collect()
    }

    fn selected(&self) -> usize {
        self.cursor.selected
    }

    fn select(&mut self, _ctx: &Ctx, index: usize) -> Effects {
        let n = self.shortfalls().len();
        self.cursor.select(index, n);
        Vec::new()
    }
}
