//! The talent-pool panel: the chosen pool's members (sorted by a shown column, filtered by
//! department and state from pickers), the figures of the rows in view, the selected
//! person's profile; the screening list with marks; and the pool's steps — nominate the
//! marked, admit, disqualify (final), withdraw, left the company, hand in a reflection or
//! the rewrite of a returned one — each confirmed, naming who.

use std::collections::{HashMap, HashSet};

use ratatui::layout::Rect;

use crate::domain::msg::Who;
use crate::domain::org::{Employee, EmployeeId};
use crate::domain::pool::{MemberState, PoolId};
use crate::domain::reflection::{Reflection, ReflectionState};
use crate::service::changes::Topic;
use crate::service::command::Command;
use crate::service::query::{Candidate, MemberMetrics, MemberRow};
use crate::service::{Answer, Query};

use super::{fit_columns, Column};
use crate::tui::action::{Action, Panel};
use crate::tui::component::Component;
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Effects, Note, Reply, Step, Target, Want};
use crate::tui::fresh::Fetched;
use crate::tui::layers::{Confirm, Layer, Picker, TextBox, Value};
use crate::tui::list::ListCursor;
use crate::tui::search::Row;
use crate::tui::text;
use ratatui::layout::{Constraint, Layout};

const ME: Panel = Panel::Pool;
/// What the member figures are read from.
pub const METRIC_TOPICS: &[Topic] = &[
    Topic::Members,
    Topic::Enrollments,
    Topic::Reflections,
    Topic::Evaluations,
    Topic::Points,
    Topic::Policy,
];
/// Figures asked in one request at most.
const METRICS_BATCH: usize = 500;

/// The pool table's columns, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Name,
    Id,
    Department,
    Rank,
    Tenure,
    Performance,
    State,
    Training,
    Reflections,
    Score360,
    Points,
    Readiness,
}

impl Col {
    pub const ALL: [Col; 12] = [
        Col::Name,
        Col::Id,
        Col::Department,
        Col::Rank,
        Col::Tenure,
        Col::Performance,
        Col::State,
        Col::Training,
        Col::Reflections,
        Col::Score360,
        Col::Points,
        Col::Readiness,
    ];

    pub fn index(self) -> usize {
        Col::ALL.iter().position(|c| *c == self).expect("listed")
    }

    /// Whether its values come from the member figures.
    pub fn needs_metrics(self) -> bool {
        matches!(self, Col::Training | Col::Reflections | Col::Score360 | Col::Points | Col::Readiness)
    }
}

/// What a layer opened by this panel is for.
#[derive(Debug, Clone)]
enum Ask {
    Department,
    State,
    /// A reason for disqualifying or withdrawing.
    Reason {
        to: MemberState,
        who: Who,
        seen: u32,
    },
    /// A new reflection for a stage, or the next version of a returned one.
    Reflection {
        who: Who,
        stage: u8,
        rewrite_of: Option<u64>,
    },
}

/// The screening list.
#[derive(Debug, Default)]
pub struct Screening {
    pub candidates: Fetched<Vec<Candidate>>,
    pub pool: PoolId,
    pub marked: HashSet<EmployeeId>,
    pub cursor: ListCursor,
    pub detail: bool,
}

impl Default for Fetched<Vec<Candidate>> {
    fn default() -> Self {
        Fetched::new(&[Topic::Members, Topic::People, Topic::Policy])
    }
}

pub struct PoolPanel {
    pub(super) pool: Option<PoolId>,
    pub(super) rows: Fetched<Vec<MemberRow>>,
    /// Indices into the rows after filter and sort.
    pub(super) visible: Vec<usize>,
    pub(super) cursor: ListCursor,
    pub(super) sort: (Col, bool),
    pub(super) department: Option<String>,
    pub(super) state: Option<MemberState>,
    /// Figures by person, with the sequence they were read at.
    pub(super) metrics: HashMap<EmployeeId, (MemberMetrics, u64)>,
    metrics_asked: HashSet<EmployeeId>,
    metrics_batch: u64,
    /// The clock's attempt when reading figures last failed.
    metrics_failed: Option<u64>,
    pub(super) profile: Fetched<Employee>,
    pub(super) profile_of: Option<EmployeeId>,
    /// The profile fills the panel (narrow screens, or Enter).
    pub(super) detail: bool,
    pub(super) pane_scroll: u16,
    pub(super) screening: Option<Screening>,
    /// Members marked on the table, for admitting together.
    pub(super) marked: HashSet<EmployeeId>,
    /// A cohort step's layer is open (new pool, rename).
    cohort: Option<super::pool_cohort::CohortAsk>,
    /// A person whose reflections are being read for `r`.
    reflections_of: Option<Who>,
    asking: Option<Ask>,
    /// Text typed and not handed in, by person and purpose, for next time.
    drafts: HashMap<(EmployeeId, u8), String>,
    pub(super) area: Rect,
}

impl Default for PoolPanel {
    fn default() -> Self {
        PoolPanel {
            pool: None,
            rows: Fetched::new(&[Topic::Members, Topic::People]),
            visible: Vec::new(),
            cursor: ListCursor::default(),
            sort: (Col::Department, true),
            department: None,
            state: None,
            metrics: HashMap::new(),
            metrics_asked: HashSet::new(),
            metrics_batch: 0,
            metrics_failed: None,
            profile: Fetched::new(&[Topic::People]),
            profile_of: None,
            detail: false,
            pane_scroll: 0,
            screening: None,
            marked: HashSet::new(),
            cohort: None,
            reflections_of: None,
            asking: None,
            drafts: HashMap::new(),
            area: Rect::default(),
        }
    }
}

fn who_of(row: &MemberRow) -> Who {
    Who { id: row.member.employee_id.to_string(), name: row.name.clone() }
}

impl PoolPanel {
    pub fn selected_row(&self) -> Option<&MemberRow> {
        let rows = self.rows.value()?;
        self.visible.get(self.cursor.selected).map(|&i| &rows[i])
    }

    fn selected_candidate(&self) -> Option<&Candidate> {
        let s = self.screening.as_ref()?;
        s.candidates.value()?.get(s.cursor.selected)
    }

    /// Rows of the list in view (the table, or the screening list) that fit.
    pub(super) fn list_height(&self) -> usize {
        list_height(self.area)
    }

    /// Applies filters and sort.
    pub(super) fn refilter(&mut self) {
        let Some(rows) = self.rows.value() else {
            self.visible.clear();
            return;
        };
        let keep = self.selected_row().map(|r| r.member.employee_id.clone());
        let rows_ref = rows;
        let mut visible: Vec<usize> = (0..rows_ref.len())
            .filter(|&i| {
                let r = &rows_ref[i];
                self.department.as_ref().is_none_or(|d| &r.department == d)
                    && self.state.is_none_or(|s| r.member.state == s)
            })
            .collect();
        let (col, ascending) = self.sort;
        let m = |r: &MemberRow| self.metrics.get(&r.member.employee_id).map(|(m, _)| m);
        visible.sort_by(|&a, &b| {
            let (x, y) = (&rows_ref[a], &rows_ref[b]);
            let ord = match col {
                Col::Name => x.name.cmp(&y.name),
                Col::Id => x.member.employee_id.cmp(&y.member.employee_id),
                Col::Department => (&x.department, &x.section).cmp(&(&y.department, &y.section)),
                Col::Rank => x.rank.cmp(&y.rank),
                Col::Tenure => y.hire_date.cmp(&x.hire_date),
                Col::Performance => x.grades.last().map(|g| g.1).cmp(&y.grades.last().map(|g| g.1)),
                Col::State => x.member.state.cmp(&y.member.state),
                Col::Training => {
                    let pct = |m: Option<&MemberMetrics>| {
                        m.map(|m| (m.courses_completed * 1000).checked_div(m.courses_enrolled).unwrap_or(0))
                    };
                    pct(m(x)).cmp(&pct(m(y)))
                }
                Col::Reflections => {
                    m(x).map(|m| m.reflections_accepted).cmp(&m(y).map(|m| m.reflections_accepted))
                }
                Col::Score360 => {
                    let s =
                        |m: Option<&MemberMetrics>| m.and_then(|m| m.overall_360).map(|v| (v * 10.0) as i64);
                    s(m(x)).cmp(&s(m(y)))
                }
                Col::Points => m(x).map(|m| m.points).cmp(&m(y).map(|m| m.points)),
                Col::Readiness => m(x).and_then(|m| m.level).cmp(&m(y).and_then(|m| m.level)),
            };
            let ord = if ascending { ord } else { ord.reverse() };
            ord.then_with(|| x.member.employee_id.cmp(&y.member.employee_id))
        });
        self.visible = visible;
        if let Some(id) = keep {
            if let Some(pos) = self.visible.iter().position(|&i| rows_ref[i].member.employee_id == id) {
                self.cursor.selected = pos;
            }
        }
        let len = self.visible.len();
        self.cursor.clamp(len);
    }

    /// Figures for `ids` that are missing or stale and not asked yet, in batches.
    fn ask_metrics(&mut self, ctx: &Ctx, ids: Vec<EmployeeId>) -> Effects {
        self.ask_metrics_for(ctx, ids, false)
    }

    /// `ahead`: rows not on screen yet (the request does not hold a frame back).
    fn ask_metrics_for(&mut self, ctx: &Ctx, ids: Vec<EmployeeId>, ahead: bool) -> Effects {
        if self.metrics_failed == Some(ctx.clock.attempt) {
            return Vec::new();
        }
        let missing: Vec<EmployeeId> = ids
            .into_iter()
            .filter(|id| !self.metrics_asked.contains(id))
            .filter(|id| self.metrics.get(id).is_none_or(|(_, at)| ctx.clock.stale(*at, METRIC_TOPICS)))
            .collect();
        let mut effects = Vec::new();
        for chunk in missing.chunks(METRICS_BATCH) {
            self.metrics_batch += 1;
            self.metrics_asked.extend(chunk.iter().cloned());
            let want = if ahead {
                Want::MetricsAhead(self.metrics_batch)
            } else {
                Want::Metrics(self.metrics_batch)
            };
            effects.push(Effect::query(
                Target::Panel(ME),
                want,
                Query::MemberMetrics { employee_ids: chunk.to_vec(), pool: self.pool, on: Some(ctx.today) },
            ));
        }
        effects
    }

    /// The ids of the rows in view, and of a page either side (read ahead, so paging does
    /// not wait; a frame does not wait for them).
    fn window_ids(&self) -> (Vec<EmployeeId>, Vec<EmployeeId>) {
        let Some(rows) = self.rows.value() else { return (Vec::new(), Vec::new()) };
        let h = self.list_height().max(1);
        let id = |i: &usize| rows[*i].member.employee_id.clone();
        let shown: Vec<EmployeeId> = self.visible.iter().skip(self.cursor.offset).take(h).map(id).collect();
        let before =
            self.visible.iter().skip(self.cursor.offset.saturating_sub(h)).take(h.min(self.cursor.offset));
        let after = self.visible.iter().skip(self.cursor.offset + h).take(h);
        (shown, after.chain(before).map(id).collect())
    }

    fn all_ids(&self) -> Vec<EmployeeId> {
        let Some(rows) = self.rows.value() else { return Vec::new() };
        self.visible.iter().map(|&i| rows[i].member.employee_id.clone()).collect()
    }

    /// The person whose profile shows: the selected member, or candidate on the
    /// screening list.
    fn profile_wanted(&self) -> Option<EmployeeId> {
        match &self.screening {
            Some(_) => self.selected_candidate().map(|c| c.employee_id.clone()),
            None => self.selected_row().map(|r| r.member.employee_id.clone()),
        }
    }

    fn say(text: impl Into<String>) -> Effects {
        vec![Effect::Say(Note::error(text))]
    }

    // ---- the steps -------------------------------------------------------------------

    fn advance(&mut self, ctx: &Ctx) -> Effects {
        let t = ctx.t();
        let Some(pool) = ctx.pool() else { return Self::say(t.no_pool) };
        if let Some(s) = &self.screening {
            let Some(list) = s.candidates.value() else { return Vec::new() };
            let chosen: Vec<&Candidate> = if s.marked.is_empty() {
                self.selected_candidate().into_iter().collect()
            } else {
                list.iter().filter(|c| s.marked.contains(&c.employee_id)).collect()
            };
            if chosen.is_empty() {
                return Self::say(t.nothing_marked);
            }
            let names: Vec<String> = chosen
                .iter()
                .map(|c| ctx.lang.who(&Who { id: c.employee_id.to_string(), name: c.name.clone() }))
                .collect();
            let command = Command::Nominate {
                pool_id: pool.id,
                employee_ids: chosen.iter().map(|c| c.employee_id.clone()).collect(),
                reason: t.nominate_reason.to_string(),
            };
            let confirm = Confirm::new(
                t.nominate_title,
                vec![t.nominate_question(names.len(), &pool.name), names.join(t.list_sep)],
                vec![crate::tui::job::command(ME, Step::Nominate, command)],
            );
            return vec![Effect::open(Layer::Confirm(confirm))];
        }
        if !self.marked.is_empty() {
            return self.admit_marked(ctx, pool);
        }
        let Some(row) = self.selected_row() else { return Vec::new() };
        let who = who_of(row);
        match row.member.state {
            MemberState::Nominated => {
                let command = Command::TransitionMember {
                    pool_id: pool.id,
                    employee_id: row.member.employee_id.clone(),
                    to: MemberState::Admitted,
                    reason: String::new(),
                    seen: Some(row.member.history.len() as u32),
                };
                let confirm = Confirm::new(
                    t.admit_title,
                    vec![t.admit_question(&ctx.lang.who(&who), &pool.name)],
                    vec![crate::tui::job::command(ME, Step::Transition, command)],
                );
                vec![Effect::open(Layer::Confirm(confirm))]
            }
            state => Self::say(
                t.cannot_admit(&ctx.lang.who(&who), crate::locale::labels::member_state(ctx.lang, state)),
            ),
        }
    }

    /// The marked members admitted together, after one confirmation naming them; those
    /// marked who are not nominated are named and nobody is admitted.
    fn admit_marked(&mut self, ctx: &Ctx, pool: &crate::domain::pool::Pool) -> Effects {
        let t = ctx.t();
        let Some(rows) = self.rows.value() else { return Vec::new() };
        let marked: Vec<&MemberRow> =
            rows.iter().filter(|r| self.marked.contains(&r.member.employee_id)).collect();
        let not_nominated: Vec<String> = marked
            .iter()
            .filter(|r| r.member.state != MemberState::Nominated)
            .map(|r| ctx.lang.who(&who_of(r)))
            .collect();
        if !not_nominated.is_empty() {
            return Self::say(t.marked_not_nominated(&not_nominated.join(t.list_sep)));
        }
        if marked.is_empty() {
            return Self::say(t.nothing_marked);
        }
        let names: Vec<String> = marked.iter().map(|r| ctx.lang.who(&who_of(r))).collect();
        let commands = marked
            .iter()
            .map(|r| {
                crate::tui::job::command(
                    ME,
                    Step::Transition,
                    Command::TransitionMember {
                        pool_id: pool.id,
                        employee_id: r.member.employee_id.clone(),
                        to: MemberState::Admitted,
                        reason: String::new(),
                        seen: Some(r.member.history.len() as u32),
                    },
                )
            })
            .collect();
        let confirm = Confirm::new(
            t.admit_title,
            vec![t.admit_many_question(names.len(), &pool.name), names.join(t.list_sep)],
            commands,
        );
        vec![Effect::open(Layer::Confirm(confirm))]
    }

    fn ask_reason(&mut self, ctx: &Ctx, to: MemberState) -> Effects {
        let t = ctx.t();
        let Some(row) = self.selected_row() else { return Vec::new() };
        let who = who_of(row);
        if !row.member.state.next_states().contains(&to) {
            let state = crate::locale::labels::member_state(ctx.lang, row.member.state);
            return Self::say(t.no_longer_live(&ctx.lang.who(&who), state));
        }
        let purpose = if to == MemberState::Disqualified { 1 } else { 2 };
        let draft = self.drafts.get(&(row.member.employee_id.clone(), purpose)).cloned().unwrap_or_default();
        let title = t.reason_title(to == MemberState::Disqualified, &ctx.lang.who(&who));
        let mut bx = TextBox::new(ME, title, &draft);
        if to == MemberState::Disqualified {
            bx.context = vec![t.cannot_undo.to_string()];
        }
        self.asking = Some(Ask::Reason { to, who, seen: row.member.history.len() as u32 });
        vec![Effect::open(Layer::TextBox(Box::new(bx)))]
    }

    fn mark_left(&mut self, ctx: &Ctx) -> Effects {
        let t = ctx.t();
        let Some(row) = self.selected_row() else { return Vec::new() };
        let who = ctx.lang.who(&who_of(row));
        let command = Command::MarkLeft { employee_id: row.member.employee_id.clone(), on: ctx.today };
        let confirm = Confirm::new(
            t.left_title,
            vec![t.left_question(&who, &ctx.today.to_string())],
            vec![crate::tui::job::command(ME, Step::MarkLeft, command)],
        )
        .final_step();
        vec![Effect::open(Layer::Confirm(confirm))]
    }

    /// `r`: reads the person's reflections first, to tell a rewrite from a new stage.
    fn ask_reflection(&mut self, ctx: &Ctx) -> Effects {
        let _ = ctx;
        let Some(row) = self.selected_row() else { return Vec::new() };
        let who = who_of(row);
        let id = row.member.employee_id.clone();
        self.reflections_of = Some(who);
        vec![Effect::query(
            Target::Panel(ME),
            Want::PersonReflections(id.clone()),
            Query::Reflections { employee_id: id },
        )]
    }

    fn open_reflection_box(&mut self, ctx: &Ctx, who: Who, list: &[Reflection]) -> Effects {
        let t = ctx.t();
        let id: EmployeeId = match who.id.parse() {
            Ok(id) => id,
            Err(_) => return Vec::new(),
        };
        let returned = list.iter().find(|r| r.state == ReflectionState::Returned);
        let (ask, title, context, text) = match returned {
            Some(r) => {
                let latest = r.latest();
                let mut context = vec![t.rewrite_of(r.stage, r.versions.len() as u32 + 1)];
                if let Some(review) = &latest.review {
                    context.push(t.returned_with(&review.reviewer, review.score, &review.comment));
                }
                let draft = self.drafts.get(&(id.clone(), 3)).cloned();
                let text = draft.unwrap_or_else(|| format!("{}\n{}", latest.title, latest.body));
                (
                    Ask::Reflection { who: who.clone(), stage: r.stage, rewrite_of: Some(r.id) },
                    t.rewrite_title(&ctx.lang.who(&who), r.stage),
                    context,
                    text,
                )
            }
            None => {
                let stage = list.iter().map(|r| r.stage).max().map_or(1, |s| s.saturating_add(1));
                let draft = self.drafts.get(&(id.clone(), 3)).cloned().unwrap_or_default();
                (
                    Ask::Reflection { who: who.clone(), stage, rewrite_of: None },
                    t.submit_title(&ctx.lang.who(&who), stage),
                    vec![t.submit_hint.to_string()],
                    draft,
                )
            }
        };
        let mut bx = TextBox::new(ME, title, &text);
        bx.context = context;
        bx.tall = true;
        self.asking = Some(ask);
        vec![Effect::open(Layer::TextBox(Box::new(bx)))]
    }

    fn pick_department(&mut self, ctx: &Ctx) -> Effects {
        let t = ctx.t();
        let Some(rows) = self.rows.value() else { return Vec::new() };
        let mut departments: Vec<&str> = rows.iter().map(|r| r.department.as_str()).collect();
        departments.sort_unstable();
        departments.dedup();
        let mut options = vec![(t.all.to_string(), String::new())];
        options.extend(departments.into_iter().map(|d| (d.to_string(), d.to_string())));
        self.asking = Some(Ask::Department);
        let current = self.department.clone().unwrap_or_default();
        vec![Effect::open(Layer::Picker(Picker::new(ME, t.pick_department, options, &current)))]
    }

    fn pick_state(&mut self, ctx: &Ctx) -> Effects {
        let t = ctx.t();
        let mut options = vec![(t.all.to_string(), String::new())];
        options.extend(
            MemberState::ALL.iter().map(|s| {
                (crate::locale::labels::member_state(ctx.lang, *s).to_string(), s.code().to_string())
            }),
        );
        self.asking = Some(Ask::State);
        let current = self.state.map(|s| s.code().to_string()).unwrap_or_default();
        vec![Effect::open(Layer::Picker(Picker::new(ME, t.pick_state, options, &current)))]
    }

    fn sort_next(&mut self, ctx: &Ctx) -> Effects {
        let t = ctx.t();
        // only the columns on screen
        let shown = shown_columns(self, ctx);
        let at = shown.iter().position(|c| *c == self.sort.0).map_or(0, |i| (i + 1) % shown.len().max(1));
        let Some(&next) = shown.get(at) else { return Vec::new() };
        self.sort = (next, true);
        let mut effects = Vec::new();
        if next.needs_metrics() {
            let ids = self.all_ids();
            effects = self.ask_metrics(ctx, ids);
        }
        self.refilter();
        effects.push(Effect::Say(Note::info(format!("{}: {}", t.sorted_by, t.pool_columns[next.index()]))));
        effects
    }
}

impl Component for PoolPanel {
    fn panel(&self) -> Panel {
        ME
    }

    fn refresh(&mut self, ctx: &Ctx) -> Effects {
        let mut effects = Vec::new();
        if self.pool != ctx.pool {
            self.pool = ctx.pool;
            self.rows.reset();
            self.visible.clear();
            self.cursor = ListCursor::default();
            self.metrics.clear();
            self.metrics_asked.clear();
            self.screening = None;
        }
        let Some(pool) = self.pool else { return effects };
        if self.rows.ask(&ctx.clock) {
            effects.push(Effect::query(Target::Panel(ME), Want::Members(pool), Query::Members { pool }));
        }
        if let Some(s) = &mut self.screening {
            if s.candidates.ask(&ctx.clock) {
                effects.push(Effect::query(
                    Target::Panel(ME),
                    Want::Screen(s.pool),
                    Query::Screen { pool: s.pool, on: ctx.today },
                ));
            }
        }
        let (shown, ahead) = self.window_ids();
        effects.extend(self.ask_metrics(ctx, shown));
        effects.extend(self.ask_metrics_for(ctx, ahead, true));
        let wanted = self.profile_wanted();
        if wanted != self.profile_of {
            self.profile_of = wanted;
            self.profile.reset();
            self.pane_scroll = 0;
        }
        if let Some(id) = &self.profile_of {
            if self.profile.ask(&ctx.clock) {
                effects.push(Effect::query(
                    Target::Panel(ME),
                    Want::Profile(id.clone()),
                    Query::Employee { id: id.clone() },
                ));
            }
        }
        effects
    }

    fn update(&mut self, ctx: &Ctx, action: Action) -> Effects {
        use Action::*;
        let t = ctx.t();
        let height = self.list_height();
        if let Some(s) = &mut self.screening {
            let len = s.candidates.value().map_or(0, Vec::len);
            s.cursor.set_height(height, len);
            match action {
                Down | Up | PageDown | PageUp | Top | Bottom => {
                    s.cursor.apply(action, len);
                    return Vec::new();
                }
                Mark => {
                    if let Some(c) = s.candidates.value().and_then(|l| l.get(s.cursor.selected)) {
                        if !s.marked.remove(&c.employee_id) {
                            s.marked.insert(c.employee_id.clone());
                        }
                    }
                    s.cursor.apply(Down, len);
                    return Vec::new();
                }
                Open => {
                    s.detail = !s.detail;
                    return Vec::new();
                }
                Back if s.detail => {
                    s.detail = false;
                    return Vec::new();
                }
                Back => {
                    self.screening = None;
                    return Vec::new();
                }
                Advance => return self.advance(ctx),
                Screen => return Vec::new(),
                PaneDown => self.pane_scroll = self.pane_scroll.saturating_add(3),
                PaneUp => self.pane_scroll = self.pane_scroll.saturating_sub(3),
                ClearFilters | FilterDepartment | FilterState | SortNext | SortReverse => {
                    return Self::say(t.not_on_screening)
                }
                _ => return Self::say(t.leave_screening_first),
            }
            return Vec::new();
        }
        let len = self.visible.len();
        self.cursor.set_height(height, len);
        match action {
            Down | Up | PageDown | PageUp | Top | Bottom => self.cursor.apply(action, len),
            Open => {
                self.detail = !self.detail;
                self.pane_scroll = 0;
            }
            Back if self.detail => self.detail = false,
            Back => {}
            PaneDown => self.pane_scroll = self.pane_scroll.saturating_add(3),
            PaneUp => self.pane_scroll = self.pane_scroll.saturating_sub(3),
            NewPool => {
                self.cohort = Some(super::pool_cohort::CohortAsk::New);
                return super::pool_cohort::new_pool_form(ctx);
            }
            RenamePool | ClosePool => {
                let Some(pool) = ctx.pool() else { return Self::say(t.no_pool) };
                if action == ClosePool {
                    return super::pool_cohort::close_confirm(ctx, pool);
                }
                self.cohort = Some(super::pool_cohort::CohortAsk::Rename(pool.id));
                return super::pool_cohort::rename_prompt(ctx, pool);
            }
            Mark => {
                if let Some(id) = self.selected_row().map(|r| r.member.employee_id.clone()) {
                    if !self.marked.remove(&id) {
                        self.marked.insert(id);
                    }
                }
                self.cursor.apply(Down, len);
            }
            Screen => {
                let Some(pool) = self.pool else { return Self::say(t.no_pool) };
                self.screening = Some(Screening { pool, ..Screening::default() });
                self.detail = false;
            }
            Advance => return self.advance(ctx),
            Disqualify => return self.ask_reason(ctx, MemberState::Disqualified),
            Withdraw => return self.ask_reason(ctx, MemberState::Withdrawn),
            MarkLeft => return self.mark_left(ctx),
            SubmitReflection => return self.ask_reflection(ctx),
            SortNext => return self.sort_next(ctx),
            SortReverse => {
                self.sort.1 = !self.sort.1;
                self.refilter();
            }
            FilterDepartment => return self.pick_department(ctx),
            FilterState => return self.pick_state(ctx),
            ClearFilters => {
                self.department = None;
                self.state = None;
                self.refilter();
                return vec![Effect::Say(Note::info(t.filters_cleared))];
            }
            _ => return Self::say(t.not_on_tab(t.tabs[ME.index()])),
        }
        Vec::new()
    }

    fn on_reply(&mut self, ctx: &Ctx, want: Want, reply: Reply) -> Effects {
        match (want, reply) {
            (Want::Members(pool), Reply::Answer(Answer::Members(rows), seq)) if Some(pool) == self.pool => {
                self.rows.set(rows, seq);
                self.refilter();
            }
            (Want::Members(_), Reply::Failed(_)) => self.rows.failed(&ctx.clock),
            (Want::Metrics(_) | Want::MetricsAhead(_), Reply::Answer(Answer::MemberMetrics(list), seq)) => {
                for m in list {
                    self.metrics_asked.remove(&m.employee_id);
                    self.metrics.insert(m.employee_id.clone(), (m, seq));
                }
                if self.sort.0.needs_metrics() {
                    self.refilter();
                }
            }
            (Want::Metrics(_) | Want::MetricsAhead(_), Reply::Failed(_)) => {
                self.metrics_asked.clear();
                self.metrics_failed = Some(ctx.clock.attempt);
            }
            (Want::Profile(id), Reply::Answer(Answer::Employee(e), seq))
                if Some(&id) == self.profile_of.as_ref() =>
            {
                self.profile.set(*e, seq)
            }
            (Want::Profile(_), Reply::Failed(_)) => self.profile.failed(&ctx.clock),
            (Want::Screen(pool), Reply::Answer(Answer::Candidates(list), seq)) => {
                if let Some(s) = self.screening.as_mut().filter(|s| s.pool == pool) {
                    let len = list.len();
                    s.candidates.set(list, seq);
                    s.cursor.clamp(len);
                }
            }
            (Want::Screen(_), Reply::Failed(_)) => {
                if let Some(s) = &mut self.screening {
                    s.candidates.failed(&ctx.clock);
                }
            }
            (Want::PersonReflections(id), Reply::Answer(Answer::Reflections(list), _)) => {
                if let Some(who) = self.reflections_of.take().filter(|w| w.id == id.as_str()) {
                    return self.open_reflection_box(ctx, who, &list);
                }
            }
            (Want::Step(Step::Nominate), Reply::Done(_)) => self.screening = None,
            (Want::Step(step), Reply::Done(_)) => {
                if step == Step::Transition {
                    // the marked were admitted together
                    self.marked.clear();
                }
                if let Some(Ask::Reason { who, to, .. }) = &self.asking {
                    let purpose = if *to == MemberState::Disqualified { 1 } else { 2 };
                    if let Ok(id) = who.id.parse() {
                        self.drafts.remove(&(id, purpose));
                    }
                }
                if let Some(Ask::Reflection { who, .. }) = &self.asking {
                    if let Ok(id) = who.id.parse() {
                        self.drafts.remove(&(id, 3));
                    }
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn on_input(&mut self, ctx: &Ctx, value: Value) -> Effects {
        let t = ctx.t();
        match (self.cohort.clone(), &value) {
            (Some(super::pool_cohort::CohortAsk::New), Value::Form(values)) => {
                return match super::pool_cohort::new_pool_command(ctx, values) {
                    Ok(command) => vec![Effect::command(ME, Step::Cohort, command)],
                    Err(problem) => Self::say(problem),
                }
            }
            (Some(super::pool_cohort::CohortAsk::Rename(pool_id)), Value::Text(name)) => {
                let command = Command::RenamePool { pool_id, name: name.clone() };
                return vec![Effect::command(ME, Step::Cohort, command)];
            }
            _ => {}
        }
        let Some(pool) = self.pool else { return Vec::new() };
        match (self.asking.clone(), value) {
            (Some(Ask::Department), Value::Picked(d)) => {
                self.department = (!d.is_empty()).then_some(d);
                self.refilter();
                Vec::new()
            }
            (Some(Ask::State), Value::Picked(s)) => {
                self.state = MemberState::ALL.into_iter().find(|x| x.code() == s);
                self.refilter();
                Vec::new()
            }
            (Some(Ask::Reason { to, who, seen }), Value::Text(reason)) => {
                if reason.trim().is_empty() {
                    return Self::say(t.reason_needed);
                }
                let Ok(id) = who.id.parse::<EmployeeId>() else { return Vec::new() };
                let purpose = if to == MemberState::Disqualified { 1 } else { 2 };
                self.drafts.insert((id.clone(), purpose), reason.clone());
                let command = Command::TransitionMember {
                    pool_id: pool,
                    employee_id: id,
                    to,
                    reason: reason.clone(),
                    seen: Some(seen),
                };
                let then = vec![crate::tui::job::command(ME, Step::Transition, command)];
                let who_text = ctx.lang.who(&who);
                let confirm = if to == MemberState::Disqualified {
                    Confirm::new(
                        t.disqualify_title,
                        vec![t.disqualify_question(&who_text), t.reason_is(&reason)],
                        then,
                    )
                    .final_step()
                } else {
                    Confirm::new(
                        t.withdraw_title,
                        vec![t.withdraw_question(&who_text), t.reason_is(&reason)],
                        then,
                    )
                    .final_step()
                };
                vec![Effect::open(Layer::Confirm(confirm))]
            }
            (Some(Ask::Reflection { who, stage, rewrite_of }), Value::Text(text)) => {
                let Ok(id) = who.id.parse::<EmployeeId>() else { return Vec::new() };
                self.drafts.insert((id.clone(), 3), text.clone());
                let mut lines = text.lines().skip_while(|l| l.trim().is_empty());
                let title = lines.next().unwrap_or("").trim_start_matches('#').trim().to_string();
                let body: String = lines.collect::<Vec<_>>().join("\n").trim().to_string();
                if title.is_empty() || body.is_empty() {
                    return Self::say(t.reflection_needs_title_and_body);
                }
                let command = match rewrite_of {
                    Some(rid) => Command::ResubmitReflection { id: rid, title, body },
                    None => Command::SubmitReflection { employee_id: id, stage, title, body },
                };
                vec![Effect::command(ME, Step::Submit, command)]
            }
            _ => Vec::new(),
        }
    }

    fn on_closed(&mut self, draft: Option<Value>) {
        self.cohort = None;
        match (&self.asking, draft) {
            (Some(Ask::Reason { to, who, .. }), Some(Value::Text(text))) => {
                if let Ok(id) = who.id.parse() {
                    let purpose = if *to == MemberState::Disqualified { 1 } else { 2 };
                    self.drafts.insert((id, purpose), text);
                }
            }
            (Some(Ask::Reflection { who, .. }), Some(Value::Text(text))) => {
                if let Ok(id) = who.id.parse() {
                    self.drafts.insert((id, 3), text);
                }
            }
            _ => {}
        }
        // a reason goes on to its confirmation; the purpose stays until the next ask
        if !matches!(self.asking, Some(Ask::Reason { .. })) {
            self.asking = None;
        }
    }

    fn resize(&mut self, area: Rect) {
        self.area = area;
        let h = self.list_height();
        let len = self.visible.len();
        self.cursor.set_height(h, len);
        if let Some(s) = &mut self.screening {
            let n = s.candidates.value().map_or(0, Vec::len);
            s.cursor.set_height(h, n);
        }
    }

    fn search_rows(&self) -> Vec<Row<'_>> {
        if let Some(s) = &self.screening {
            return s
                .candidates
                .value()
                .map(|l| {
                    l.iter()
                        .map(|c| Row { name: &c.name, id: c.employee_id.as_str(), department: &c.department })
                        .collect()
                })
                .unwrap_or_default();
        }
        let Some(rows) = self.rows.value() else { return Vec::new() };
        self.visible
            .iter()
            .map(|&i| {
                let r = &rows[i];
                Row { name: &r.name, id: r.member.employee_id.as_str(), department: &r.department }
            })
            .collect()
    }

    fn selected(&self) -> usize {
        match &self.screening {
            Some(s) => s.cursor.selected,
            None => self.cursor.selected,
        }
    }

    fn select(&mut self, _ctx: &Ctx, index: usize) -> Effects {
        match &mut self.screening {
            Some(s) => {
                let n = s.candidates.value().map_or(0, Vec::len);
                s.cursor.select(index, n);
            }
            None => {
                let n = self.visible.len();
                self.cursor.select(index, n);
            }
        }
        Vec::new()
    }
}

// ---- the table's layout (the view draws it; sorting cycles through what it shows) ----

/// From this width the profile sits beside the table.
pub const SIDE_PANE_WIDTH: u16 = 120;
const PROFILE_WIDTH: u16 = 44;

/// Rows of the table or the screening list that fit under their header.
pub fn list_height(area: Rect) -> usize {
    area.height.saturating_sub(1) as usize
}

pub(super) fn split(area: Rect) -> (Rect, Option<Rect>) {
    if area.width >= SIDE_PANE_WIDTH {
        let [l, r] = Layout::horizontal([Constraint::Min(60), Constraint::Length(PROFILE_WIDTH)]).areas(area);
        (l, Some(r))
    } else {
        (area, None)
    }
}

/// The table's columns with their natural widths (names and departments measured over
/// the rows in view and their neighbours, so scrolling does not reflow the table).
pub(super) fn columns(p: &PoolPanel, ctx: &Ctx) -> Vec<Column> {
    let t = ctx.t();
    let h = &t.pool_columns;
    let rows = p.rows.value().map(Vec::as_slice).unwrap_or(&[]);
    let sample = p.visible.iter().take(500).map(|&i| &rows[i]);
    let (mut name_w, mut dept_w) = (6, 10);
    for r in sample {
        name_w = name_w.max(text::width(&r.name));
        dept_w = dept_w.max(text::width(&r.department) + text::width(&r.section) + 1);
    }
    let state_w = crate::domain::pool::MemberState::ALL
        .iter()
        .map(|s| text::width(crate::locale::labels::member_state(ctx.lang, *s)))
        .max()
        .unwrap_or(8);
    let rank_w = crate::domain::org::Rank::ALL
        .iter()
        .map(|r| text::width(crate::locale::labels::rank(ctx.lang, *r)))
        .max()
        .unwrap_or(8);
    let mark = |c: Col| {
        let base = h[c.index()].to_string();
        if p.sort.0 == c {
            format!("{base}{}", if p.sort.1 { "↑" } else { "↓" })
        } else {
            base
        }
    };
    vec![
        Column::new(mark(Col::Name), name_w.min(16), 0),
        Column::new(mark(Col::Id), 8, 6),
        Column::new(mark(Col::Department), dept_w.min(28), 2).growing(),
        Column::new(mark(Col::Rank), rank_w, 9),
        Column::new(mark(Col::Tenure), 6, 4),
        Column::new(mark(Col::Performance), 8, 3),
        Column::new(mark(Col::State), state_w, 1),
        Column::new(mark(Col::Training), 5, 5),
        Column::new(mark(Col::Reflections), 8, 7),
        Column::new(mark(Col::Score360), 4, 8),
        Column::new(mark(Col::Points), 6, 5),
        Column::new(mark(Col::Readiness), 8, 10),
    ]
}

/// The columns shown in the table's area (what `s` cycles through).
pub fn shown_columns(p: &PoolPanel, ctx: &Ctx) -> Vec<Col> {
    let (table, _) = split(p.area);
    let cols = columns(p, ctx);
    fit_columns(&cols, table.width as usize).into_iter().map(|(i, _)| Col::ALL[i]).collect()
}
