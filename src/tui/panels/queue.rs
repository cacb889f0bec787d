//! The reflections panel: the review queue (pending first, oldest first) a page at a time,
//! the open reflection, and the review: a score, then a comment that wraps as typed;
//! Ctrl-A accepts, Ctrl-R returns, and the next one opens in its place. Esc from the
//! comment goes back to the score and keeps the comment; a review that fails keeps both.
//! Also: reopening a review (with a reason) and handing in a returned one's rewrite.

use std::collections::HashMap;

use ratatui::layout::Rect;
use tui_textarea::TextArea;

use crate::domain::msg::Who;
use crate::domain::pool::PoolId;
use crate::domain::reflection::{Decision, Reflection, ReflectionState};
use crate::service::changes::Topic;
use crate::service::command::Command;
use crate::service::query::QueueRow;
use crate::service::{Answer, Query};

use crate::tui::action::{Action, Panel};
use crate::tui::component::Component;
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Effects, Note, Reply, Step, Target, Want};
use crate::tui::fresh::Fetched;
use crate::tui::keymap::Section;
use crate::tui::layers::boxes::{edit_area, text_area};
use crate::tui::layers::line::Line as Input;
use crate::tui::layers::{Layer, Picker, TextBox, Value};
use crate::tui::list::ListCursor;
use crate::tui::search::Row;
use ratatui::layout::{Constraint, Layout};

const ME: Panel = Panel::Reflections;
/// Rows read per page: a screenful or two.
pub const PAGE: usize = 64;
const QUEUE_TOPICS: &[Topic] = &[Topic::Reflections, Topic::People];

/// Which field of the review has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Score,
    Comment,
}

/// A review being written.
pub struct Review {
    pub id: u64,
    pub who: Who,
    pub stage: u8,
    /// The versions the reviewer read (a rewrite handed in meanwhile refuses the review).
    pub seen: u32,
    pub score: Input,
    pub comment: TextArea<'static>,
    pub focus: Field,
    pub busy: bool,
    pub problem: Option<String>,
}

#[derive(Debug, Clone)]
enum Ask {
    State,
    Department,
    Reopen { id: u64 },
    Rewrite { id: u64 },
}

pub struct QueuePanel {
    /// `None` shows every state.
    pub(super) state: Option<ReflectionState>,
    pub(super) department: Option<String>,
    pub(super) rows: Vec<QueueRow>,
    /// The cursor of the next page; `None` when every row is read.
    pub(super) next: Option<String>,
    /// The sequence the list was read at (its first page).
    pub(super) read_at: Option<u64>,
    generation: u64,
    loading: bool,
    /// The page on its way is the first of a reload (it replaces the list).
    first_pending: bool,
    /// The clock's attempt when reading the list last failed.
    failed_at: Option<u64>,
    /// Read every page (a search is on).
    want_all: bool,
    pub(super) cursor: ListCursor,
    pub(super) open: Fetched<Reflection>,
    pub(super) open_id: Option<u64>,
    pub(super) scroll: u16,
    pub(super) show_previous: bool,
    pub(super) submission: Fetched<(u32, u32)>,
    submission_pool: Option<PoolId>,
    pub(super) review: Option<Review>,
    /// Reviews left unfinished: score and comment by reflection.
    drafts: HashMap<u64, (String, String)>,
    rewrite_drafts: HashMap<u64, String>,
    asking: Option<Ask>,
    pub(super) area: Rect,
}

impl Default for QueuePanel {
    fn default() -> Self {
        QueuePanel {
            state: Some(ReflectionState::Pending),
            department: None,
            rows: Vec::new(),
            next: None,
            read_at: None,
            generation: 0,
            loading: false,
            first_pending: false,
            failed_at: None,
            want_all: false,
            cursor: ListCursor::default(),
            open: Fetched::new(&[Topic::Reflections]),
            open_id: None,
            scroll: 0,
            show_previous: false,
            submission: Fetched::new(&[Topic::Reflections, Topic::Members]),
            submission_pool: None,
            review: None,
            drafts: HashMap::new(),
            rewrite_drafts: HashMap::new(),
            asking: None,
            area: Rect::default(),
        }
    }
}

fn say(text: impl Into<String>) -> Effects {
    vec![Effect::Say(Note::error(text))]
}

impl QueuePanel {
    pub fn selected_row(&self) -> Option<&QueueRow> {
        self.rows.get(self.cursor.selected)
    }

    /// The open reflection, when it is the selected one.
    pub fn opened(&self) -> Option<&Reflection> {
        self.open.value().filter(|r| Some(r.id) == self.open_id)
    }

    fn page(&mut self, after: Option<String>, limit: usize) -> Effect {
        self.loading = true;
        Effect::query(
            Target::Panel(ME),
            Want::QueuePage(self.generation),
            Query::ReflectionQueue { state: self.state, department: self.department.clone(), after, limit },
        )
    }

    /// Reads the list again from the start (a filter changed, or the queue did).
    fn reload(&mut self) -> Effect {
        self.generation += 1;
        self.first_pending = true;
        let limit = self.rows.len().clamp(PAGE, crate::service::MAX_PAGE);
        self.page(None, limit)
    }

    fn restart(&mut self) -> Effect {
        self.rows.clear();
        self.cursor = ListCursor::default();
        self.read_at = None;
        self.reload()
    }

    fn start_review(&mut self, ctx: &Ctx) -> Effects {
        let t = ctx.t();
        let Some(r) = self.opened() else { return Vec::new() };
        if r.state != ReflectionState::Pending {
            return say(t.only_pending);
        }
        let Some(row) = self.selected_row() else { return Vec::new() };
        let (id, stage, seen) = (r.id, r.stage, r.versions.len() as u32);
        let who = Who { id: row.employee_id.to_string(), name: row.name.clone() };
        let (score, comment) = self.drafts.remove(&id).unwrap_or_default();
        self.review = Some(Review {
            id,
            who,
            stage,
            seen,
            score: Input::new(score).limited(3),
            comment: text_area(&comment),
            focus: Field::Score,
            busy: false,
            problem: None,
        });
        Vec::new()
    }

    /// Ctrl-A / Ctrl-R: the score must be 0–100; the review goes to the service and
    /// stays open (busy) until it is recorded.
    fn decide(&mut self, ctx: &Ctx, decision: Decision) -> Effects {
        let t = ctx.t();
        let Some(rv) = &mut self.review else { return Vec::new() };
        if rv.busy {
            return Vec::new();
        }
        let typed = rv.score.text().trim().to_string();
        let score = match typed.parse::<u16>() {
            Ok(s) if s <= 100 => s as u8,
            _ => {
                rv.problem = Some(t.score_range(&typed));
                rv.focus = Field::Score;
                return Vec::new();
            }
        };
        rv.busy = true;
        rv.problem = None;
        let command = Command::ReviewReflection {
            id: rv.id,
            score,
            comment: rv.comment.lines().join("\n").trim().to_string(),
            decision,
            seen: Some(rv.seen),
        };
        vec![Effect::command(ME, Step::Review, command)]
    }

    fn review_key(&mut self, ctx: &Ctx, action: Action) -> Effects {
        let Some(rv) = &mut self.review else { return Vec::new() };
        match action {
            Action::Accept => return self.decide(ctx, Decision::Accept),
            Action::Return => return self.decide(ctx, Decision::Return),
            Action::PaneDown => self.scroll = self.scroll.saturating_add(3),
            Action::PaneUp => self.scroll = self.scroll.saturating_sub(3),
            Action::NextField | Action::PrevField => {
                rv.focus = if rv.focus == Field::Score { Field::Comment } else { Field::Score }
            }
            // Enter on the score goes on to the comment
            Action::Submit if rv.focus == Field::Score => rv.focus = Field::Comment,
            Action::Back | Action::Cancel if rv.focus == Field::Comment => rv.focus = Field::Score,
            Action::Back | Action::Cancel => {
                if !rv.busy {
                    let rv = self.review.take().expect("reviewing");
                    let comment = rv.comment.lines().join("\n");
                    if !rv.score.text().is_empty() || !comment.trim().is_empty() {
                        self.drafts.insert(rv.id, (rv.score.text().to_string(), comment));
                    }
                }
            }
            other => match rv.focus {
                Field::Score => {
                    rv.score.edit(other);
                }
                Field::Comment => {
                    edit_area(&mut rv.comment, other);
                }
            },
        }
        Vec::new()
    }

    fn ask_reopen(&mut self, ctx: &Ctx) -> Effects {
        let t = ctx.t();
        let (Some(r), Some(row)) = (self.opened(), self.selected_row()) else { return Vec::new() };
        if r.state == ReflectionState::Pending {
            return say(t.nothing_to_reopen);
        }
        let who = Who { id: row.employee_id.to_string(), name: row.name.clone() };
        let mut bx = TextBox::new(ME, t.reopen_title(&ctx.lang.who(&who), r.stage), "");
        bx.context = vec![t.reopen_explained.to_string()];
        self.asking = Some(Ask::Reopen { id: r.id });
        vec![Effect::open(Layer::TextBox(Box::new(bx)))]
    }

    fn ask_rewrite(&mut self, ctx: &Ctx) -> Effects {
        let t = ctx.t();
        let (Some(r), Some(row)) = (self.opened(), self.selected_row()) else { return Vec::new() };
        if r.state != ReflectionState::Returned {
            return say(t.rewrite_only_returned);
        }
        let who = Who { id: row.employee_id.to_string(), name: row.name.clone() };
        let latest = r.latest();
        let mut context = vec![t.rewrite_of(r.stage, r.versions.len() as u32 + 1)];
        if let Some(review) = &latest.review {
            context.push(t.returned_with(&review.reviewer, review.score, &review.comment));
        }
        let text = self
            .rewrite_drafts
            .get(&r.id)
            .cloned()
            .unwrap_or_else(|| format!("{}\n{}", latest.title, latest.body));
        let mut bx = TextBox::new(ME, t.rewrite_title(&ctx.lang.who(&who), r.stage), &text);
        bx.context = context;
        bx.tall = true;
        self.asking = Some(Ask::Rewrite { id: r.id });
        vec![Effect::open(Layer::TextBox(Box::new(bx)))]
    }

    fn pick_state(&mut self, ctx: &Ctx) -> Effects {
        let t = ctx.t();
        let mut options: Vec<(String, String)> =
            [ReflectionState::Pending, ReflectionState::Returned, ReflectionState::Accepted]
                .iter()
                .map(|s| {
                    (crate::locale::labels::reflection_state(ctx.lang, *s).to_string(), s.code().to_string())
                })
                .collect();
        options.push((t.all.to_string(), String::new()));
        self.asking = Some(Ask::State);
        let current = self.state.map(|s| s.code().to_string()).unwrap_or_default();
        vec![Effect::open(Layer::Picker(Picker::new(ME, t.pick_state, options, &current)))]
    }

    fn pick_department(&mut self, ctx: &Ctx) -> Effects {
        let t = ctx.t();
        let mut departments: Vec<&str> = self.rows.iter().map(|r| r.department.as_str()).collect();
        if let Some(d) = &self.department {
            departments.push(d);
        }
        departments.sort_unstable();
        departments.dedup();
        let mut options = vec![(t.all.to_string(), String::new())];
        options.extend(departments.into_iter().map(|d| (d.to_string(), d.to_string())));
        self.asking = Some(Ask::Department);
        let current = self.department.clone().unwrap_or_default();
        vec![Effect::open(Layer::Picker(Picker::new(ME, t.pick_department, options, &current)))]
    }

    pub(super) fn list_height(&self) -> usize {
        list_height(self.area, self.review.is_some())
    }
}

impl Component for QueuePanel {
    fn panel(&self) -> Panel {
        ME
    }

    fn refresh(&mut self, ctx: &Ctx) -> Effects {
        let mut effects = Vec::new();
        let stale = self.read_at.is_none_or(|at| ctx.clock.stale(at, QUEUE_TOPICS));
        if stale && !self.loading && self.failed_at != Some(ctx.clock.attempt) {
            effects.push(self.reload());
        } else if !self.loading
            && self.next.is_some()
            && (self.want_all || self.cursor.selected + self.list_height() * 2 >= self.rows.len())
        {
            let after = self.next.clone();
            effects.push(self.page(after, PAGE));
        }
        let wanted = self.selected_row().map(|r| r.id);
        if wanted != self.open_id && self.review.is_none() {
            self.open_id = wanted;
            self.open.reset();
            self.scroll = 0;
        }
        if let Some(id) = self.open_id {
            if self.open.ask(&ctx.clock) {
                effects.push(Effect::query(
                    Target::Panel(ME),
                    Want::Reflection(id),
                    Query::Reflection { id },
                ));
            }
        }
        if self.submission_pool != ctx.pool {
            self.submission_pool = ctx.pool;
            self.submission.reset();
        }
        if let Some(pool) = self.submission_pool {
            if self.submission.ask(&ctx.clock) {
                effects.push(Effect::query(
                    Target::Panel(ME),
                    Want::Submission(pool),
                    Query::SubmissionRate { pool },
                ));
            }
        }
        effects
    }

    fn mode(&self) -> Option<Vec<Section>> {
        let rv = self.review.as_ref()?;
        Some(match rv.focus {
            Field::Score => vec![Section::Review, Section::Input],
            Field::Comment => vec![Section::Review, Section::Text],
        })
    }

    /// While the score is typed, the global pane keys (J / K) scroll the reader.
    fn mode_also(&self) -> &'static [Action] {
        match &self.review {
            Some(rv) if rv.focus == Field::Score => &[Action::PaneDown, Action::PaneUp],
            _ => &[],
        }
    }

    fn typed(&mut self, ctx: &Ctx, c: char) -> Effects {
        let t = ctx.t();
        let Some(rv) = &mut self.review else { return Vec::new() };
        if rv.busy {
            return Vec::new();
        }
        match rv.focus {
            Field::Score if c.is_ascii_digit() => {
                rv.score.insert(c);
                rv.problem = None;
            }
            Field::Score => rv.problem = Some(t.score_digits.to_string()),
            Field::Comment => rv.comment.insert_char(c),
        }
        Vec::new()
    }

    fn paste(&mut self, _ctx: &Ctx, text: &str) -> Effects {
        if let Some(rv) = &mut self.review {
            match rv.focus {
                Field::Score => {
                    rv.score.insert_str(&text.chars().filter(char::is_ascii_digit).collect::<String>())
                }
                Field::Comment => {
                    rv.comment.insert_str(crate::locale::sanitize(text));
                }
            }
        }
        Vec::new()
    }

    fn update(&mut self, ctx: &Ctx, action: Action) -> Effects {
        use Action::*;
        if self.review.is_some() {
            return self.review_key(ctx, action);
        }
        let t = ctx.t();
        let len = self.rows.len();
        let h = self.list_height();
        self.cursor.set_height(h, len);
        match action {
            Down | Up | PageDown | PageUp | Top | Bottom => self.cursor.apply(action, len),
            Open => return self.start_review(ctx),
            Back => {}
            PaneDown => self.scroll = self.scroll.saturating_add(3),
            PaneUp => self.scroll = self.scroll.saturating_sub(3),
            ToggleVersions => self.show_previous = !self.show_previous,
            Reopen => return self.ask_reopen(ctx),
            SubmitReflection => return self.ask_rewrite(ctx),
            FilterState => return self.pick_state(ctx),
            FilterDepartment => return self.pick_department(ctx),
            ClearFilters => {
                self.state = Some(ReflectionState::Pending);
                self.department = None;
                return vec![self.restart(), Effect::Say(Note::info(t.filters_cleared))];
            }
            _ => return say(t.not_on_tab(t.tabs[ME.index()])),
        }
        Vec::new()
    }

    fn on_reply(&mut self, ctx: &Ctx, want: Want, reply: Reply) -> Effects {
        match (want, reply) {
            (Want::QueuePage(g), Reply::Answer(Answer::Queue { rows, next }, seq))
                if g == self.generation =>
            {
                self.loading = false;
                if std::mem::take(&mut self.first_pending) {
                    let keep = self.cursor.selected;
                    self.rows = rows;
                    self.read_at = Some(seq);
                    self.cursor.select(keep, self.rows.len());
                } else {
                    self.rows.extend(rows);
                }
                self.next = next;
                if self.next.is_none() {
                    self.want_all = false;
                }
            }
            (Want::QueuePage(g), Reply::Failed(_)) if g == self.generation => {
                self.loading = false;
                self.first_pending = false;
                self.failed_at = Some(ctx.clock.attempt);
            }
            (Want::Reflection(id), Reply::Answer(Answer::Reflection(r), seq)) if Some(id) == self.open_id => {
                self.open.set(*r, seq)
            }
            (Want::Reflection(_), Reply::Failed(_)) => self.open.failed(&ctx.clock),
            (Want::Submission(pool), Reply::Answer(Answer::SubmissionRate { submitted, expected }, seq))
                if Some(pool) == self.submission_pool =>
            {
                self.submission.set((submitted, expected), seq)
            }
            (Want::Submission(_), Reply::Failed(_)) => self.submission.failed(&ctx.clock),
            (Want::Step(Step::Review), Reply::Done(_)) => {
                if let Some(rv) = self.review.take() {
                    self.drafts.remove(&rv.id);
                }
                // the next pending one takes this one's place in the list
                self.open_id = None;
            }
            (Want::Step(Step::Review), Reply::Failed(e)) => {
                if let Some(rv) = &mut self.review {
                    rv.busy = false;
                    rv.problem = Some(e.say(ctx.lang));
                }
            }
            (Want::Step(Step::Submit), Reply::Done(_)) => {
                if let Some(Ask::Rewrite { id }) = self.asking {
                    self.rewrite_drafts.remove(&id);
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn on_input(&mut self, ctx: &Ctx, value: Value) -> Effects {
        let t = ctx.t();
        match (self.asking.clone(), value) {
            (Some(Ask::State), Value::Picked(s)) => {
                self.state = [ReflectionState::Pending, ReflectionState::Returned, ReflectionState::Accepted]
                    .into_iter()
                    .find(|x| x.code() == s);
                vec![self.restart()]
            }
            (Some(Ask::Department), Value::Picked(d)) => {
                self.department = (!d.is_empty()).then_some(d);
                vec![self.restart()]
            }
            (Some(Ask::Reopen { id, .. }), Value::Text(reason)) => {
                if reason.trim().is_empty() {
                    return say(t.reason_needed);
                }
                vec![Effect::command(
                    ME,
                    Step::Reopen,
                    Command::ReopenReview { id, reason: reason.trim().to_string() },
                )]
            }
            (Some(Ask::Rewrite { id }), Value::Text(text)) => {
                self.rewrite_drafts.insert(id, text.clone());
                let mut lines = text.lines().skip_while(|l| l.trim().is_empty());
                let title = lines.next().unwrap_or("").trim_start_matches('#').trim().to_string();
                let body = lines.collect::<Vec<_>>().join("\n").trim().to_string();
                if title.is_empty() || body.is_empty() {
                    return say(t.reflection_needs_title_and_body);
                }
                vec![Effect::command(ME, Step::Submit, Command::ResubmitReflection { id, title, body })]
            }
            _ => Vec::new(),
        }
    }

    fn on_closed(&mut self, draft: Option<Value>) {
        if let (Some(Ask::Rewrite { id }), Some(Value::Text(text))) = (&self.asking, draft) {
            self.rewrite_drafts.insert(*id, text);
        }
        self.asking = None;
    }

    fn resize(&mut self, area: Rect) {
        self.area = area;
        let h = self.list_height();
        let len = self.rows.len();
        self.cursor.set_height(h, len);
    }

    fn search_rows(&self) -> Vec<Row<'_>> {
        self.rows
            .iter()
            .map(|r| Row { name: &r.name, id: r.employee_id.as_str(), department: &r.department })
            .collect()
    }

    fn search_started(&mut self, _ctx: &Ctx) -> Effects {
        self.want_all = self.next.is_some();
        Vec::new()
    }

    fn selected(&self) -> usize {
        self.cursor.selected
    }

    fn select(&mut self, _ctx: &Ctx, index: usize) -> Effects {
        let n = self.rows.len();
        self.cursor.select(index, n);
        Vec::new()
    }
}

// ---- layout: the list beside the reader (wide) or above it (narrow) ----

/// From this width the queue sits beside the reader.
pub(super) const SIDE_BY_SIDE: u16 = 120;
pub(super) const LIST_WIDTH: u16 = 54;
/// The review box: a border, the score, the comment, a border.
pub(super) const REVIEW_HEIGHT: u16 = 7;

/// Rows of the queue that fit under its header.
pub(super) fn list_height(area: Rect, reviewing: bool) -> usize {
    let (list, _) = split(area, reviewing);
    list.height.saturating_sub(1) as usize
}

/// The list's area and the reader's.
pub(super) fn split(area: Rect, reviewing: bool) -> (Rect, Rect) {
    if area.width >= SIDE_BY_SIDE {
        let [l, r] = Layout::horizontal([Constraint::Length(LIST_WIDTH), Constraint::Min(30)]).areas(area);
        (l, r)
    } else if reviewing {
        // the reader gets the room: the list shrinks to its selected row
        let [l, r] = Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(area);
        (l, r)
    } else {
        let rows = (area.height / 3).clamp(3, 8);
        let [l, r] = Layout::vertical([Constraint::Length(rows + 1), Constraint::Min(3)]).areas(area);
        (l, r)
    }
}
