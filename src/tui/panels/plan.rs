//! The courses tab's plan view: the pool's development plan (培养计划), general courses
//! and each department's, with due dates; adding or removing a course shows whom the
//! change enrolls before it is confirmed, and goes through `set_plan`.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::Frame;

use super::{draw_table, fit_columns, placeholder, Column, Styled};
use crate::domain::pool::PoolId;
use crate::domain::training::{Plan, PlanCourse};
use crate::domain::Date;
use crate::service::changes::Topic;
use crate::service::command::Command;
use crate::service::command::Command::SetPlan;
use crate::service::query::CourseStat;
use crate::service::vacancy_types::PlanEnrollment;
use crate::service::{Answer, Query};
use crate::tui::action::{Action, Panel};
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Effects, Note, Reply, Step, Target, Want};
use crate::tui::fresh::Fetched;
use crate::tui::layers::{Confirm, Form, FormField, Layer, Value};
use crate::tui::list::ListCursor;

/// The most people a confirmation names before it says how many more.
const NAMED: usize = 12;

/// One line of the plan: the department it is for (none: everyone) and the course.
pub type PlanLine = (Option<String>, PlanCourse);

pub struct PlanEditor {
    /// The panel it answers to (the courses tab, or the insight tab's recommendations).
    panel: Panel,
    of: Option<PoolId>,
    pub plan: Fetched<Option<Plan>>,
    pub cursor: ListCursor,
    /// The add form is open.
    adding: bool,
    /// A changed plan waiting for its preview, the line saying what changed, and the
    /// form's values (opened again with the problem if the preview is refused).
    pending: Option<(Plan, String, Vec<String>)>,
}

impl Default for PlanEditor {
    fn default() -> Self {
        PlanEditor::for_panel(Panel::Courses)
    }
}

impl PlanEditor {
    pub fn for_panel(panel: Panel) -> PlanEditor {
        PlanEditor {
            panel,
            of: None,
            plan: Fetched::new(&[Topic::Plans, Topic::Courses]),
            cursor: ListCursor::default(),
            adding: false,
            pending: None,
        }
    }
}

fn say(text: impl Into<String>) -> Effects {
    vec![Effect::Say(Note::error(text))]
}

impl PlanEditor {
    /// The plan's lines: everyone's first, then each department's.
    pub fn lines(&self) -> Vec<PlanLine> {
        let Some(Some(plan)) = self.plan.value() else { return Vec::new() };
        let mut out: Vec<PlanLine> = plan.general.iter().map(|c| (None, c.clone())).collect();
        for (d, list) in &plan.by_department {
            out.extend(list.iter().map(|c| (Some(d.clone()), c.clone())));
        }
        out
    }

    fn current(&self, pool: PoolId) -> Plan {
        match self.plan.value() {
            Some(Some(p)) => p.clone(),
            _ => Plan { pool_id: pool, general: Vec::new(), by_department: Default::default() },
        }
    }

    pub fn refresh(&mut self, ctx: &Ctx, pool: PoolId) -> Effects {
        if self.of != Some(pool) {
            self.of = Some(pool);
            self.plan.reset();
            self.cursor = ListCursor::default();
        }
        if self.plan.ask(&ctx.clock) {
            return vec![Effect::query(Target::Panel(self.panel), Want::Plan(pool), Query::Plan { pool })];
        }
        Vec::new()
    }

    /// The plan view's own actions and its moves; `None` for what the panel handles.
    pub fn update(&mut self, ctx: &Ctx, action: Action, height: usize) -> Option<Effects> {
        use Action::*;
        let t = crate::locale::vacancy::plan_texts(ctx.lang);
        let n = self.lines().len();
        match action {
            Down | Up | PageDown | PageUp | Top | Bottom => {
                self.cursor.set_height(height, n);
                self.cursor.apply(action, n);
                Some(Vec::new())
            }
            PlanAdd => {
                let Some(pool) = self.of else { return Some(say(ctx.t().no_pool)) };
                if self.plan.value().is_none() {
                    return Some(say(ctx.t().loading));
                }
                let _ = pool;
                let due = ctx.today.checked_add_days(chrono::Days::new(90)).unwrap_or(ctx.today);
                let values = [t.everyone.to_string(), String::new(), due.to_string()];
                Some(self.add_form(ctx, &values, None))
            }
            PlanRemove => {
                let Some(pool) = self.of else { return Some(say(ctx.t().no_pool)) };
                let lines = self.lines();
                let Some((dept, pc)) = lines.get(self.cursor.selected).cloned() else {
                    return Some(say(t.empty));
                };
                let mut plan = self.current(pool);
                match &dept {
                    None => plan.general.retain(|c| c.course != pc.course),
                    Some(d) => {
                        if let Some(list) = plan.by_department.get_mut(d) {
                            list.retain(|c| c.course != pc.course);
                            if list.is_empty() {
                                plan.by_department.remove(d);
                            }
                        }
                    }
                }
                let what = t.removed(dept.as_deref(), &pc.course);
                let confirm = Confirm::new(
                    t.confirm_title,
                    vec![what, t.removal_keeps.to_string()],
                    vec![crate::tui::job::command(self.panel, Step::Plan, SetPlan(plan))],
                );
                Some(vec![Effect::open(Layer::Confirm(confirm))])
            }
            _ => None,
        }
    }

    pub fn on_reply(&mut self, ctx: &Ctx, want: &Want, reply: Reply) -> Option<Effects> {
        match (want, reply) {
            (Want::Plan(pool), Reply::Answer(Answer::Plan(plan), seq)) if Some(*pool) == self.of => {
                let n = plan
                    .as_ref()
                    .map_or(0, |p| p.general.len() + p.by_department.values().map(Vec::len).sum::<usize>());
                self.plan.set(plan, seq);
                self.cursor.clamp(n);
                Some(Vec::new())
            }
            (Want::Plan(_), Reply::Failed(_)) => {
                self.plan.failed(&ctx.clock);
                Some(Vec::new())
            }
            (Want::PlanPreview, Reply::Answer(Answer::PlanPreview(list), _)) => {
                let Some((plan, what, _)) = self.pending.take() else { return Some(Vec::new()) };
                Some(self.confirm(ctx, plan, what, &list))
            }
            (Want::PlanPreview, Reply::Failed(e)) => {
                // the form again, as typed, with what is wrong
                let Some((_, _, values)) = self.pending.take() else { return Some(say(e.say(ctx.lang))) };
                Some(self.add_form(ctx, &values, Some(e.say(ctx.lang))))
            }
            _ => None,
        }
    }

    fn add_form(&mut self, ctx: &Ctx, values: &[String], problem: Option<String>) -> Effects {
        let t = crate::locale::vacancy::plan_texts(ctx.lang);
        let fields = vec![
            FormField::new(t.fields[0], values[0].clone(), t.scope_hint),
            FormField::new(t.fields[1], values[1].clone(), t.course_hint),
            FormField::new(t.fields[2], values[2].clone(), "YYYY-MM-DD"),
        ];
        self.adding = true;
        let mut form = Form::new(self.panel, t.add_title, fields, 1);
        form.problem = problem;
        vec![Effect::open(Layer::Form(form))]
    }

    /// The confirmation naming whom the change enrolls.
    fn confirm(&self, ctx: &Ctx, plan: Plan, what: String, list: &[PlanEnrollment]) -> Effects {
        let t = crate::locale::vacancy::plan_texts(ctx.lang);
        let mut lines = vec![what, t.enrolls(list.len())];
        let names: Vec<String> = list
            .iter()
            .take(NAMED)
            .map(|p| {
                ctx.lang.who(&crate::domain::msg::Who { id: p.employee_id.to_string(), name: p.name.clone() })
            })
            .collect();
        if !names.is_empty() {
            let more = list.len().saturating_sub(NAMED);
            let mut named = names.join(ctx.t().list_sep);
            if more > 0 {
                named.push_str(&t.and_more(more));
            }
            lines.push(named);
        }
        let confirm = Confirm::new(
            t.confirm_title,
            lines,
            vec![crate::tui::job::command(self.panel, Step::Plan, Command::SetPlan(plan))],
        );
        vec![Effect::open(Layer::Confirm(confirm))]
    }

    /// The add form handed back: the changed plan goes to the preview first.
    pub fn on_input(&mut self, ctx: &Ctx, value: &Value) -> Option<Effects> {
        if !self.adding {
            return None;
        }
        let Value::Form(values) = value else { return None };
        let t = crate::locale::vacancy::plan_texts(ctx.lang);
        let tt = ctx.t();
        let pool = self.of?;
        let scope = values[0].trim();
        let department =
            (!scope.is_empty() && scope != t.everyone && scope != "all").then(|| scope.to_string());
        let course = values[1].trim().to_string();
        if course.is_empty() {
            return Some(say(tt.field_problem(t.fields[1], t.course_hint)));
        }
        let Ok(due) = values[2].parse() else {
            return Some(say(tt.field_problem(t.fields[2], &tt.not_a_date(&values[2]))));
        };
        let _ = pool;
        Some(self.preview(ctx, department, course, due, values.clone()))
    }

    /// Adds a course to the plan for everyone or a department: asks whom it enrolls, and
    /// the answer opens the confirmation (the insight tab's recommendations).
    pub fn propose(&mut self, ctx: &Ctx, department: Option<String>, course: String, due: Date) -> Effects {
        if self.of.is_none() || self.plan.value().is_none() {
            return say(ctx.t().loading);
        }
        let t = crate::locale::vacancy::plan_texts(ctx.lang);
        let values = vec![
            department.clone().unwrap_or_else(|| t.everyone.to_string()),
            course.clone(),
            due.to_string(),
        ];
        self.preview(ctx, department, course, due, values)
    }

    fn preview(
        &mut self,
        ctx: &Ctx,
        department: Option<String>,
        course: String,
        due: Date,
        values: Vec<String>,
    ) -> Effects {
        let t = crate::locale::vacancy::plan_texts(ctx.lang);
        let Some(pool) = self.of else { return Vec::new() };
        let mut plan = self.current(pool);
        let entry = PlanCourse { course: course.clone(), due };
        match &department {
            None => plan.general.push(entry),
            Some(d) => plan.by_department.entry(d.clone()).or_default().push(entry),
        }
        self.pending = Some((plan.clone(), t.added(department.as_deref(), &course, due), values));
        vec![Effect::query(
            Target::Panel(self.panel),
            Want::PlanPreview,
            Query::PlanPreview { plan: Box::new(plan) },
        )]
    }

    pub fn on_closed(&mut self) {
        self.adding = false;
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx, stats: Option<&[CourseStat]>) {
        let t = crate::locale::vacancy::plan_texts(ctx.lang);
        if self.plan.value().is_none() {
            return placeholder(frame, area, ctx, ctx.t().loading);
        }
        let h = &t.columns;
        let cols = vec![
            Column::new(h[0], 10, 0),
            Column::new(h[1], 8, 0),
            Column::new(h[2], 16, 1).growing(),
            Column::new(h[3], 10, 0),
        ];
        let shown = fit_columns(&cols, area.width as usize);
        let lines = self.lines();
        if lines.is_empty() {
            draw_table(frame, Rect { height: 1, ..area }, ctx, &cols, &shown, Vec::new(), None);
            let rest = Rect { y: area.y + 1, height: area.height.saturating_sub(1), ..area };
            return placeholder(frame, rest, ctx, t.empty);
        }
        let title = |code: &str| {
            stats
                .and_then(|s| s.iter().find(|c| c.course.code == code))
                .map_or(String::new(), |c| c.course.title.clone())
        };
        let plain = Style::default();
        let rows: Vec<Vec<Styled>> = lines
            .iter()
            .skip(self.cursor.offset)
            .take(area.height.saturating_sub(1) as usize)
            .map(|(d, pc)| {
                vec![
                    (
                        d.clone().unwrap_or_else(|| t.everyone.to_string()),
                        if d.is_none() { ctx.theme.accent() } else { plain },
                    ),
                    (pc.course.clone(), plain),
                    (title(&pc.course), plain),
                    (pc.due.to_string(), if pc.due < ctx.today { ctx.theme.error() } else { plain }),
                ]
            })
            .collect();
        draw_table(
            frame,
            area,
            ctx,
            &cols,
            &shown,
            rows,
            self.cursor.selected.checked_sub(self.cursor.offset),
        );
    }
}
