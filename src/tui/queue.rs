//! The reflection review queue: pending first and oldest first, a page at a time; the open
//! reflection; scoring, commenting, accepting or returning, then the next one by itself.

use crate::domain::reflection::{Decision, Reflection, ReflectionState};
use crate::service::query::QueueRow;
use crate::service::{Answer, Command, Query, Service, ServiceResult};

use super::action::{Action, Panel};
use super::app::{App, Mode};
use super::list::ListCursor;

/// Rows fetched per page of the queue: a screenful or two.
const PAGE: usize = 64;

/// The queue panel's state.
#[derive(Debug, Default)]
pub struct Queue {
    /// Loaded at least once.
    pub loaded: bool,
    /// `None` shows every state.
    pub state: Option<ReflectionState>,
    pub department: Option<String>,
    pub rows: Vec<QueueRow>,
    /// Cursor of the next page; `None` when every row is loaded.
    pub next: Option<String>,
    pub cursor: ListCursor,
    /// The selected reflection in full.
    pub open: Option<Reflection>,
    pub scroll: u16,
    pub show_previous: bool,
    /// Handed in / expected for the current pool.
    pub submission: Option<(u32, u32)>,
    /// Departments seen in the loaded rows (for the department filter).
    pub departments: Vec<String>,
}

impl App {
    /// Switches panels, loading the queue the first time it is shown.
    pub(super) fn switch_to(&mut self, service: &Service, panel: Panel) -> ServiceResult<()> {
        self.panel = panel;
        if panel == Panel::Readiness {
            self.load_readiness(service)?;
        }
        if panel == Panel::Reflections && !self.queue.loaded {
            self.queue.state = Some(ReflectionState::Pending);
            self.reload_queue(service)?;
        }
        Ok(())
    }

    /// Reloads from the first page, keeping the cursor's position in the list.
    pub fn reload_queue(&mut self, service: &Service) -> ServiceResult<()> {
        let q = &mut self.queue;
        q.loaded = true;
        q.rows.clear();
        q.next = None;
        q.open = None;
        let keep = q.cursor.selected;
        self.load_queue_page(service)?;
        while self.queue.rows.len() <= keep && self.queue.next.is_some() {
            self.load_queue_page(service)?;
        }
        let len = self.queue.rows.len();
        self.queue.cursor.select(keep, len);
        if let Answer::Counts(c) = service.query(Query::Counts)? {
            self.pending_reflections = c.pending_reflections;
        }
        Ok(())
    }

    fn load_queue_page(&mut self, service: &Service) -> ServiceResult<()> {
        let q = &self.queue;
        let after = if q.rows.is_empty() { None } else { q.next.clone() };
        let Answer::Queue { rows, next } = service.query(Query::ReflectionQueue {
            state: q.state,
            department: q.department.clone(),
            after,
            limit: PAGE,
        })?
        else {
            return Ok(());
        };
        let q = &mut self.queue;
        for r in &rows {
            if !q.departments.contains(&r.department) {
                q.departments.push(r.department.clone());
            }
        }
        q.rows.extend(rows);
        q.next = next;
        Ok(())
    }

    /// Idle-time work: the pool's submission rate walks every member, so it is read while
    /// the operator is not typing and shown once known.
    pub(super) fn prefetch_queue(&mut self, service: &Service) -> ServiceResult<()> {
        if self.queue.loaded && self.queue.submission.is_none() {
            if let Some(pool) = self.pool().map(|p| p.id) {
                if let Answer::SubmissionRate { submitted, expected } =
                    service.query(Query::SubmissionRate { pool })?
                {
                    self.queue.submission = Some((submitted, expected));
                }
            }
        }
        Ok(())
    }

    /// Before a draw: the next page when the cursor nears the end, and the open reflection.
    pub(super) fn prepare_queue(&mut self, service: &Service, height: usize) -> ServiceResult<()> {
        if !self.queue.loaded {
            self.queue.state = Some(ReflectionState::Pending);
            self.reload_queue(service)?;
        }
        let len = self.queue.rows.len();
        self.queue.cursor.set_height(height, len);
        if self.queue.cursor.selected + height >= len && self.queue.next.is_some() {
            self.load_queue_page(service)?;
        }
        let wanted = self.queue.rows.get(self.queue.cursor.selected).map(|r| r.id);
        if self.queue.open.as_ref().map(|r| r.id) != wanted {
            self.queue.scroll = 0;
            self.queue.open = match wanted {
                Some(id) => match service.query(Query::Reflection { id })? {
                    Answer::Reflection(r) => Some(*r),
                    _ => None,
                },
                None => None,
            };
        }
        Ok(())
    }

    pub(super) fn apply_queue(&mut self, service: &Service, action: Action) -> ServiceResult<()> {
        use Action::*;
        match action {
            Down | Up | PageDown | PageUp | Top | Bottom => {
                let len = self.queue.rows.len();
                self.queue.cursor.apply(action, len);
            }
            Review => {
                if self.queue.open.as_ref().is_some_and(|r| r.state == ReflectionState::Pending) {
                    self.mode = Mode::Score { digits: String::new() };
                } else if self.queue.open.is_some() {
                    self.warn(self.lang.t().only_pending);
                }
            }
            ToggleVersions => self.queue.show_previous = !self.queue.show_previous,
            ScrollDown => self.queue.scroll = self.queue.scroll.saturating_add(3),
            ScrollUp => self.queue.scroll = self.queue.scroll.saturating_sub(3),
            FilterState => {
                use ReflectionState::*;
                self.queue.state = match self.queue.state {
                    Some(Pending) => Some(Returned),
                    Some(Returned) => Some(Accepted),
                    Some(Accepted) => None,
                    None => Some(Pending),
                };
                self.queue.cursor = ListCursor::default();
                self.reload_queue(service)?;
            }
            FilterDepartment => {
                let mut ds = self.queue.departments.clone();
                ds.sort();
                self.queue.department = match &self.queue.department {
                    None => ds.first().cloned(),
                    Some(cur) => ds.iter().position(|d| d == cur).and_then(|i| ds.get(i + 1)).cloned(),
                };
                self.queue.cursor = ListCursor::default();
                self.reload_queue(service)?;
            }
            ClearFilters => {
                self.queue.state = Some(ReflectionState::Pending);
                self.queue.department = None;
                self.queue.cursor = ListCursor::default();
                self.reload_queue(service)?;
            }
            Accept | Return => self.warn(self.lang.t().review_first),
            other => self.warn(format!("{other}: {}", self.lang.t().tabs[self.panel.index()])),
        }
        Ok(())
    }

    /// Ctrl-A / Ctrl-R while scoring or commenting: records the review, then the next
    /// pending reflection opens in its place.
    pub(super) fn decide(&mut self, service: &Service, decision: Decision) {
        let (score_text, comment) = match &self.mode {
            Mode::Score { digits } => (digits.clone(), String::new()),
            Mode::Comment { score, input } => (score.to_string(), input.lines().join("\n")),
            _ => return,
        };
        let Ok(score) = score_text.parse::<u8>() else {
            self.warn(format!("{}: '{score_text}'", self.lang.t().score_range));
            return;
        };
        let Some(open) = self.queue.open.as_ref() else { return };
        let (id, name) = (
            open.id,
            self.queue.rows.get(self.queue.cursor.selected).map(|r| r.name.clone()).unwrap_or_default(),
        );
        match service.execute(Command::ReviewReflection { id, score, comment, decision, seen: None }) {
            Ok(_) => {
                self.mode = Mode::Normal;
                let verdict = match decision {
                    Decision::Accept => self.lang.t().accepted,
                    Decision::Return => self.lang.t().returned,
                };
                if let Err(e) = self.reload_queue(service) {
                    self.warn(e.to_string());
                    return;
                }
                self.tell(format!("{name}: {verdict} {score}"));
            }
            Err(e) => self.warn(e.to_string()),
        }
    }
}
