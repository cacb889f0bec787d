//! The vacancies panel (岗位任用): open, forecast and filled vacancies; Enter shows a
//! vacancy's ranked shortlist, where one key appoints (a confirmation naming the person
//! and the post, or a typed reason when the person is not ready now); a filled vacancy's
//! appointment is reversed with a reason; bench strength and the forecast per quarter are
//! the tab's other views.

use ratatui::layout::Rect;

use crate::domain::msg::Who;
use crate::domain::org::Rank;
use crate::domain::readiness_facts::Level;
use crate::domain::vacancy::{Vacancy, VacancyReason, VacancyStatus};
use crate::locale::vacancy as words;
use crate::service::changes::Topic;
use crate::service::command::Command;
use crate::service::vacancy_types::{BenchRow, Outlook, ShortlistRow, VacancyView};
use crate::service::{Answer, Query};
use crate::tui::action::{Action, Panel};
use crate::tui::component::Component;
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Effects, Note, Reply, Step, Target, Want};
use crate::tui::fresh::Fetched;
use crate::tui::layers::{Confirm, Form, FormField, Layer, TextBox, Value};
use crate::tui::list::ListCursor;
use crate::tui::search::Row;

const ME: Panel = Panel::Vacancies;
const LIST_TOPICS: &[Topic] = &[Topic::Vacancies, Topic::People];
/// What a shortlist, the bench and the forecast are judged from.
const READINESS_TOPICS: &[Topic] = &[
    Topic::Vacancies,
    Topic::Members,
    Topic::People,
    Topic::Enrollments,
    Topic::Courses,
    Topic::Reflections,
    Topic::Evaluations,
    Topic::Points,
    Topic::StageReviews,
    Topic::Pools,
    Topic::Policy,
];

/// The tab's views, in the order `V` goes through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Vacancies,
    Bench,
    Forecast,
}

#[derive(Debug, Clone)]
enum Ask {
    Open,
    Appoint { vacancy: u32, pool: u32, who: Who },
    Reverse { vacancy: u32 },
}

pub struct VacanciesPanel {
    pub(super) view: View,
    pub(super) list: Fetched<Vec<VacancyView>>,
    pub(super) cursor: ListCursor,
    /// The vacancy whose shortlist is shown.
    pub(super) shortlist_of: Option<u32>,
    pub(super) shortlist: Fetched<Vec<ShortlistRow>>,
    pub(super) short_cursor: ListCursor,
    pub(super) bench: Fetched<Vec<BenchRow>>,
    pub(super) bench_cursor: ListCursor,
    pub(super) outlook: Fetched<Outlook>,
    pub(super) outlook_scroll: u16,
    asking: Option<Ask>,
    pub(super) area: Rect,
}

impl Default for VacanciesPanel {
    fn default() -> Self {
        VacanciesPanel {
            view: View::Vacancies,
            list: Fetched::new(LIST_TOPICS),
            cursor: ListCursor::default(),
            shortlist_of: None,
            shortlist: Fetched::new(READINESS_TOPICS),
            short_cursor: ListCursor::default(),
            bench: Fetched::new(READINESS_TOPICS),
            bench_cursor: ListCursor::default(),
            outlook: Fetched::new(READINESS_TOPICS),
            outlook_scroll: 0,
            asking: None,
            area: Rect::default(),
        }
    }
}

fn say(text: impl Into<String>) -> Effects {
    vec![Effect::Say(Note::error(text))]
}

/// `人力资源部 招聘配置室 室主任`.
pub fn post(ctx: &Ctx, v: &VacancyView) -> String {
    let rank = crate::locale::labels::rank(ctx.lang, v.rank);
    if v.section.is_empty() {
        format!("{} {rank}", v.department)
    } else {
        format!("{} {} {rank}", v.department, v.section)
    }
}

impl VacanciesPanel {
    pub fn vacancies(&self) -> &[VacancyView] {
        self.list.value().map_or(&[], Vec::as_slice)
    }

    pub fn selected_vacancy(&self) -> Option<&VacancyView> {
        self.vacancies().get(self.cursor.selected)
    }

    /// The vacancy whose shortlist is open.
    pub fn shortlisted(&self) -> Option<&VacancyView> {
        let id = self.shortlist_of?;
        self.vacancies().iter().find(|v| v.id == id)
    }

    pub fn candidates(&self) -> &[ShortlistRow] {
        self.shortlist.value().map_or(&[], Vec::as_slice)
    }

    pub fn bench_rows(&self) -> &[BenchRow] {
        self.bench.value().map_or(&[], Vec::as_slice)
    }

    /// The rows of what is shown, and its cursor.
    fn shown(&mut self) -> (usize, &mut ListCursor) {
        match (self.view, self.shortlist_of) {
            (View::Vacancies, Some(_)) => (self.candidates().len(), &mut self.short_cursor),
            (View::Vacancies, None) => (self.vacancies().len(), &mut self.cursor),
            (View::Bench, _) => (self.bench_rows().len(), &mut self.bench_cursor),
            (View::Forecast, _) => (0, &mut self.bench_cursor),
        }
    }

    pub(super) fn list_height(&self) -> usize {
        // the views' bar and the header; the shortlist has its title line too
        let title = usize::from(self.shortlist_of.is_some());
        (self.area.height as usize).saturating_sub(2 + title)
    }

    fn open_form(&mut self, ctx: &Ctx) -> Effects {
        let t = words::texts(ctx.lang);
        let f = &t.open_fields;
        let reasons: Vec<&str> = VacancyReason::ALL.iter().map(|r| words::reason(ctx.lang, *r)).collect();
        let ranks = crate::locale::labels::management_ranks(ctx.lang);
        let due = ctx.today.checked_add_days(chrono::Days::new(90)).unwrap_or(ctx.today);
        let fields = vec![
            FormField::new(f[0], "", ""),
            FormField::new(f[1], "", ""),
            FormField::new(f[2], crate::locale::labels::rank(ctx.lang, Rank::SectionChief), ranks),
            FormField::new(f[3], words::reason(ctx.lang, VacancyReason::Retirement), reasons.join("/")),
            FormField::new(f[4], due.to_string(), "YYYY-MM-DD"),
            FormField::new(f[5], words::status(ctx.lang, VacancyStatus::Open), t.open_statuses),
            FormField::new(f[6], ctx.today.to_string(), "YYYY-MM-DD"),
        ];
        self.asking = Some(Ask::Open);
        vec![Effect::open(Layer::Form(Form::new(ME, t.open_title, fields, 0)))]
    }

    fn vacancy_from_form(&self, ctx: &Ctx, values: &[String]) -> Result<Vacancy, String> {
        let tt = ctx.t();
        let t = words::texts(ctx.lang);
        let f = &t.open_fields;
        let lang = ctx.lang;
        let date = |i: usize| -> Result<crate::domain::Date, String> {
            values[i].parse().map_err(|_| tt.field_problem(f[i], &tt.not_a_date(&values[i])))
        };
        let rank = crate::locale::labels::management_rank(lang, &values[2])
            .ok_or_else(|| tt.field_problem(f[2], t.unknown_rank))?;
        let reason = VacancyReason::ALL
            .into_iter()
            .find(|r| words::reason(lang, *r) == values[3])
            .map_or_else(|| VacancyReason::parse(&values[3]).map_err(|e| lang.say(&e.0)), Ok)?;
        let status = [VacancyStatus::Open, VacancyStatus::Forecast]
            .into_iter()
            .find(|s| words::status(lang, *s) == values[5] || s.code() == values[5])
            .ok_or_else(|| tt.field_problem(f[5], &format!("'{}' ({})", values[5], t.open_statuses)))?;
        Ok(Vacancy {
            id: 0,
            department: values[0].clone(),
            section: values[1].clone(),
            rank,
            opens_on: date(6)?,
            status,
            reason,
            due: Some(date(4)?),
        })
    }

    fn appoint(&mut self, ctx: &Ctx) -> Effects {
        let t = words::texts(ctx.lang);
        let (Some(vacancy), View::Vacancies) = (self.shortlisted().cloned(), self.view) else {
            return say(t.open_shortlist_first);
        };
        if vacancy.status == VacancyStatus::Filled {
            return say(t.filled_already);
        }
        let Some(row) = self.candidates().get(self.short_cursor.selected).cloned() else { return Vec::new() };
        let who = Who { id: row.employee_id.to_string(), name: row.name.clone() };
        let post = post(ctx, &vacancy);
        let title = words::appoint_line(ctx.lang, &ctx.lang.who(&who), &post, vacancy.id);
        let level = crate::report::level(ctx.lang, row.level);
        if row.level == Level::ReadyNow {
            let lines = vec![
                words::appoint_line(ctx.lang, &ctx.lang.who(&who), &post, vacancy.id),
                words::appoint_facts(ctx.lang, level, row.composite, ctx.today),
                t.leaves_pools.to_string(),
            ];
            let command = Command::Appoint {
                vacancy_id: vacancy.id,
                pool_id: row.pool_id,
                employee_id: row.employee_id.clone(),
                seen: None,
                reason: String::new(),
                on: Some(ctx.today),
            };
            let confirm = Confirm::new(
                t.appoint_title,
                lines,
                vec![crate::tui::job::command(ME, Step::Vacancy, command)],
            );
            return vec![Effect::open(Layer::Confirm(confirm))];
        }
        // not ready now: the reason is typed, in a form that names the person and the post
        let fields = vec![
            FormField::new(t.appoint_fields[0], "", words::reason_hint(ctx.lang, level)),
            FormField::new(t.appoint_fields[1], ctx.today.to_string(), "YYYY-MM-DD"),
        ];
        self.asking = Some(Ask::Appoint { vacancy: vacancy.id, pool: row.pool_id, who });
        vec![Effect::open(Layer::Form(Form::new(ME, title, fields, 0)))]
    }

    fn reverse(&mut self, ctx: &Ctx) -> Effects {
        let t = words::texts(ctx.lang);
        if self.view != View::Vacancies {
            return say(ctx.t().not_on_tab(words::texts(ctx.lang).views[0]));
        }
        let v = match self.shortlist_of {
            Some(_) => self.shortlisted(),
            None => self.selected_vacancy(),
        };
        let Some(v) = v.cloned() else { return Vec::new() };
        let Some(id) = v.filled_by.clone() else { return say(t.not_filled) };
        let who = Who { id: id.to_string(), name: v.filled_by_name.clone().unwrap_or_default() };
        let title = format!("{} · {} · {}", t.reverse_title, ctx.lang.who(&who), post(ctx, &v));
        self.asking = Some(Ask::Reverse { vacancy: v.id });
        vec![Effect::open(Layer::TextBox(Box::new(TextBox::new(ME, title, ""))))]
    }
}

impl Component for VacanciesPanel {
    fn panel(&self) -> Panel {
        ME
    }

    fn refresh(&mut self, ctx: &Ctx) -> Effects {
        let mut effects = Vec::new();
        let on = ctx.today;
        match self.view {
            View::Vacancies => {
                if self.list.ask(&ctx.clock) {
                    effects.push(Effect::query(Target::Panel(ME), Want::Vacancies, Query::Vacancies));
                }
                if let Some(vacancy) = self.shortlist_of {
                    if self.shortlist.ask(&ctx.clock) {
                        effects.push(Effect::query(
                            Target::Panel(ME),
                            Want::Shortlist(vacancy),
                            Query::Shortlist { vacancy, on },
                        ));
                    }
                }
            }
            View::Bench => {
                if self.bench.ask(&ctx.clock) {
                    effects.push(Effect::query(Target::Panel(ME), Want::Bench, Query::Bench { on }));
                }
            }
            View::Forecast => {
                if self.outlook.ask(&ctx.clock) {
                    effects.push(Effect::query(Target::Panel(ME), Want::Outlook, Query::Outlook { on }));
                }
            }
        }
        effects
    }

    fn update(&mut self, ctx: &Ctx, action: Action) -> Effects {
        use Action::*;
        let h = self.list_height();
        match action {
            Down | Up | PageDown | PageUp | Top | Bottom if self.view == View::Forecast => match action {
                Down | PageDown => self.outlook_scroll = self.outlook_scroll.saturating_add(3),
                Up | PageUp => self.outlook_scroll = self.outlook_scroll.saturating_sub(3),
                Top => self.outlook_scroll = 0,
                _ => {}
            },
            Down | Up | PageDown | PageUp | Top | Bottom => {
                let (n, cursor) = self.shown();
                cursor.set_height(h, n);
                cursor.apply(action, n);
            }
            PaneDown => self.outlook_scroll = self.outlook_scroll.saturating_add(3),
            PaneUp => self.outlook_scroll = self.outlook_scroll.saturating_sub(3),
            Open if self.view == View::Vacancies && self.shortlist_of.is_none() => {
                if let Some(id) = self.selected_vacancy().map(|v| v.id) {
                    self.shortlist_of = Some(id);
                    self.shortlist.reset();
                    self.short_cursor = ListCursor::default();
                }
            }
            Open => {}
            Back if self.shortlist_of.is_some() && self.view == View::Vacancies => self.shortlist_of = None,
            Back => {}
            CycleView => {
                self.view = match self.view {
                    View::Vacancies => View::Bench,
                    View::Bench => View::Forecast,
                    View::Forecast => View::Vacancies,
                };
            }
            NewVacancy => return self.open_form(ctx),
            Appoint => return self.appoint(ctx),
            ReverseAppointment => return self.reverse(ctx),
            _ => return say(ctx.t().not_on_tab(ctx.t().tabs[ME.index()])),
        }
        Vec::new()
    }

    fn on_reply(&mut self, ctx: &Ctx, want: Want, reply: Reply) -> Effects {
        match (want, reply) {
            (Want::Vacancies, Reply::Answer(Answer::Vacancies(list), seq)) => {
                // the selection stays on the same vacancy
                let keep = self.selected_vacancy().map(|v| v.id);
                self.list.set(list, seq);
                if let Some(pos) = keep.and_then(|id| self.vacancies().iter().position(|v| v.id == id)) {
                    self.cursor.selected = pos;
                }
                let n = self.vacancies().len();
                self.cursor.clamp(n);
            }
            (Want::Vacancies, Reply::Failed(_)) => self.list.failed(&ctx.clock),
            (Want::Shortlist(id), Reply::Answer(Answer::Shortlist(rows), seq))
                if Some(id) == self.shortlist_of =>
            {
                let keep = self.candidates().get(self.short_cursor.selected).map(|r| r.employee_id.clone());
                self.shortlist.set(rows, seq);
                if let Some(pos) =
                    keep.and_then(|id| self.candidates().iter().position(|r| r.employee_id == id))
                {
                    self.short_cursor.selected = pos;
                }
                let n = self.candidates().len();
                self.short_cursor.clamp(n);
            }
            (Want::Shortlist(_), Reply::Failed(_)) => self.shortlist.failed(&ctx.clock),
            (Want::Bench, Reply::Answer(Answer::Bench(rows), seq)) => {
                self.bench.set(rows, seq);
                let n = self.bench_rows().len();
                self.bench_cursor.clamp(n);
            }
            (Want::Bench, Reply::Failed(_)) => self.bench.failed(&ctx.clock),
            (Want::Outlook, Reply::Answer(Answer::Outlook(o), seq)) => self.outlook.set(*o, seq),
            (Want::Outlook, Reply::Failed(_)) => self.outlook.failed(&ctx.clock),
            _ => {}
        }
        Vec::new()
    }

    fn on_input(&mut self, ctx: &Ctx, value: Value) -> Effects {
        let t = words::texts(ctx.lang);
        match (self.asking.clone(), value) {
            (Some(Ask::Open), Value::Form(values)) => match self.vacancy_from_form(ctx, &values) {
                Ok(v) => vec![Effect::command(ME, Step::Vacancy, Command::AddVacancy(v))],
                Err(problem) => say(problem),
            },
            (Some(Ask::Appoint { vacancy, pool, who }), Value::Form(values)) => {
                if values[0].trim().is_empty() {
                    return say(t.reason_needed);
                }
                let on = match values[1].parse() {
                    Ok(d) => d,
                    Err(_) => {
                        let tt = ctx.t();
                        return say(tt.field_problem(t.appoint_fields[1], &tt.not_a_date(&values[1])));
                    }
                };
                let Ok(employee_id) = who.id.parse() else { return Vec::new() };
                vec![Effect::command(
                    ME,
                    Step::Vacancy,
                    Command::Appoint {
                        vacancy_id: vacancy,
                        pool_id: pool,
                        employee_id,
                        seen: None,
                        reason: values[0].clone(),
                        on: Some(on),
                    },
                )]
            }
            (Some(Ask::Reverse { vacancy }), Value::Text(reason)) => vec![Effect::command(
                ME,
                Step::Vacancy,
                Command::ReverseAppointment { vacancy_id: vacancy, reason },
            )],
            _ => Vec::new(),
        }
    }

    fn on_closed(&mut self, _draft: Option<Value>) {
        self.asking = None;
    }

    fn resize(&mut self, area: Rect) {
        self.area = area;
        let h = self.list_height();
        let (n, cursor) = self.shown();
        cursor.set_height(h, n);
    }

    fn search_rows(&self) -> Vec<Row<'_>> {
        match (self.view, self.shortlist_of) {
            (View::Vacancies, Some(_)) => self
                .candidates()
                .iter()
                .map(|r| Row { name: &r.name, id: r.employee_id.as_str(), department: &r.department })
                .collect(),
            (View::Vacancies, None) => self
                .vacancies()
                .iter()
                .map(|v| Row {
                    name: v.filled_by_name.as_deref().unwrap_or(&v.section),
                    id: v.filled_by.as_ref().map_or("", |e| e.as_str()),
                    department: &v.department,
                })
                .collect(),
            (View::Bench, _) => self
                .bench_rows()
                .iter()
                .map(|b| Row { name: "", id: "", department: &b.department })
                .collect(),
            (View::Forecast, _) => Vec::new(),
        }
    }

    fn selected(&self) -> usize {
        match (self.view, self.shortlist_of) {
            (View::Vacancies, Some(_)) => self.short_cursor.selected,
            (View::Vacancies, None) => self.cursor.selected,
            _ => self.bench_cursor.selected,
        }
    }

    fn select(&mut self, _ctx: &Ctx, index: usize) -> Effects {
        let (n, cursor) = self.shown();
        cursor.select(index, n);
        Vec::new()
    }
}
