//! The UI model: what is on screen and where the cursor is. `update` applies an action
//! through the service; it does no terminal I/O, so tests drive it directly.

use crate::domain::org::EmployeeId;
use std::collections::{HashMap, HashSet};

use crate::domain::org::Employee;
use crate::domain::pool::{MemberState, Pool};
use crate::domain::Date;
use crate::service::query::{Candidate, MemberMetrics, MemberRow, StoreInfo};
use crate::service::{Answer, Query, Service, ServiceResult};

use super::action::{Action, Panel};
use super::i18n::Lang;
use super::keymap::{Key, Keymap, Scope};
use super::list::ListCursor;

/// Sortable columns of the pool table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Name,
    Department,
    Rank,
    Tenure,
    Performance,
    State,
    Training,
    Reflections,
    Score360,
    Points,
}

impl Column {
    pub const ALL: [Column; 10] = [
        Column::Name,
        Column::Department,
        Column::Rank,
        Column::Tenure,
        Column::Performance,
        Column::State,
        Column::Training,
        Column::Reflections,
        Column::Score360,
        Column::Points,
    ];

    /// Columns whose values come from the member figures.
    pub fn needs_metrics(self) -> bool {
        matches!(self, Column::Training | Column::Reflections | Column::Score360 | Column::Points)
    }

    /// Its header index in `Texts::columns`.
    pub fn header(self) -> usize {
        Column::ALL.iter().position(|c| *c == self).expect("listed")
    }
}

/// What the keyboard is typing into.
#[derive(Debug)]
pub enum Mode {
    Normal,
    Help {
        scroll: usize,
    },
    Search {
        query: String,
        origin: usize,
    },
    Command {
        text: String,
        /// What was typed before Tab started cycling through completions.
        prefix: Option<String>,
    },
    Reason {
        action: Action,
        employee_id: EmployeeId,
        name: String,
        input: Box<tui_textarea::TextArea<'static>>,
    },
    /// Typing a reflection's score (digits).
    Score {
        digits: String,
    },
    /// Writing the review comment; Ctrl-A accepts, Ctrl-R returns.
    Comment {
        score: u8,
        input: Box<tui_textarea::TextArea<'static>>,
    },
    /// A reflection being pasted or typed for the selected member; Ctrl-S hands it in.
    Submit {
        employee_id: EmployeeId,
        name: String,
        stage: u8,
        input: Box<tui_textarea::TextArea<'static>>,
    },
    /// Hours (or an exam score) being typed for the selected course.
    Progress {
        exam: bool,
        digits: String,
    },
    /// The catalogue form: one single-line field per course attribute; Ctrl-S saves.
    CourseForm {
        fields: Vec<tui_textarea::TextArea<'static>>,
        focus: usize,
    },
    /// An assessment or stage-review form for one member; Ctrl-S records it.
    Form {
        purpose: super::assess::FormPurpose,
        employee_id: EmployeeId,
        name: String,
        fields: Vec<tui_textarea::TextArea<'static>>,
        focus: usize,
    },
    /// The what-if editor of the readiness panel: j/k choose a threshold, +/- move it.
    WhatIf,
    /// Making the what-if the policy waits for `y`.
    ConfirmPolicy,
    /// A change that cannot be undone from the UI waits for `y`.
    Confirm {
        employee_id: EmployeeId,
        name: String,
    },
}

/// The screening list shown in place of the pool table.
#[derive(Debug, Default)]
pub struct Screening {
    pub candidates: Vec<Candidate>,
    pub marked: HashSet<usize>,
    pub cursor: ListCursor,
}

pub struct App {
    pub lang: Lang,
    pub keymap: Keymap,
    pub color: bool,
    pub today: Date,
    pub info: StoreInfo,
    pub panel: Panel,
    pub pools: Vec<Pool>,
    pub pool_index: usize,
    pub rows: Vec<MemberRow>,
    /// Indices into `rows` after filter and sort.
    pub visible: Vec<usize>,
    pub cursor: ListCursor,
    pub sort: (Column, bool),
    pub department_filter: Option<String>,
    pub state_filter: Option<MemberState>,
    pub metrics: HashMap<EmployeeId, MemberMetrics>,
    pub show_detail: bool,
    pub profile: Option<Employee>,
    pub screening: Option<Screening>,
    pub mode: Mode,
    pub last_search: Option<String>,
    pub typed: Vec<Key>,
    pub message: Option<(String, bool)>,
    pub pending_reflections: usize,
    pub queue: super::queue::Queue,
    pub training: super::training::Training,
    pub readiness: super::readiness::Readiness,
    /// The policy's reflection submission target, percent.
    pub submission_target: u8,
    /// The policy's training coverage target, percent.
    pub training_target: u8,
    /// The policy's straight-line schedule: days before the due date, at-risk margin %.
    pub schedule: (u32, u8),
    pub quit: bool,
}

impl App {
    /// Loads what the first frame needs: the store info, the pools, the first pool's rows.
    pub fn load(service: &Service, lang: Lang, keymap: Keymap, today: Date) -> ServiceResult<App> {
        let Answer::WhoAmI(info) = service.query(Query::WhoAmI)? else { unreachable!("who am i") };
        let Answer::Pools(pools) = service.query(Query::Pools)? else { unreachable!("pools") };
        let Answer::Counts(counts) = service.query(Query::Counts)? else { unreachable!("counts") };
        let Answer::Policy(policy) = service.query(Query::Policy)? else { unreachable!("policy") };
        let mut app = App {
            lang,
            keymap,
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            today,
            info,
            panel: Panel::Pool,
            pools,
            pool_index: 0,
            rows: Vec::new(),
            visible: Vec::new(),
            cursor: ListCursor::default(),
            sort: (Column::Department, true),
            department_filter: None,
            state_filter: None,
            metrics: HashMap::new(),
            show_detail: false,
            profile: None,
            screening: None,
            mode: Mode::Normal,
            last_search: None,
            typed: Vec::new(),
            message: None,
            pending_reflections: counts.pending_reflections,
            queue: Default::default(),
            training: Default::default(),
            readiness: Default::default(),
            submission_target: policy.targets.reflection_submission,
            training_target: policy.targets.training_coverage,
            schedule: (policy.training.schedule_days, policy.training.at_risk_margin_pct),
            quit: false,
        };
        app.reload_pool(service)?;
        Ok(app)
    }

    pub fn pool(&self) -> Option<&Pool> {
        self.pools.get(self.pool_index)
    }

    /// The key scope in force: screening when its list is open, else the panel.
    pub fn scope(&self) -> Scope {
        if self.panel == Panel::Pool && self.screening.is_some() {
            Scope::Screening
        } else {
            Scope::Panel(self.panel)
        }
    }

    pub fn selected_row(&self) -> Option<&MemberRow> {
        self.visible.get(self.cursor.selected).map(|&i| &self.rows[i])
    }

    pub fn tell(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), false));
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), true));
    }

    /// Re-reads the current pool's members, keeping the selection on the same person.
    pub fn reload_pool(&mut self, service: &Service) -> ServiceResult<()> {
        let keep = self.selected_row().map(|r| r.member.employee_id.clone());
        self.rows = match self.pool() {
            Some(p) => match service.query(Query::Members { pool: p.id })? {
                Answer::Members(rows) => rows,
                _ => unreachable!("members"),
            },
            None => Vec::new(),
        };
        self.refilter();
        if let Some(id) = keep {
            if let Some(pos) = self.visible.iter().position(|&i| self.rows[i].member.employee_id == id) {
                self.cursor.select(pos, self.visible.len());
            }
        }
        self.metrics.clear();
        if self.sort.0.needs_metrics() {
            self.fetch_metrics(service, (0..self.rows.len()).collect())?;
            self.refilter();
        }
        Ok(())
    }

    /// Applies filters and sort to `rows`.
    pub fn refilter(&mut self) {
        let mut visible: Vec<usize> = (0..self.rows.len())
            .filter(|&i| {
                let r = &self.rows[i];
                self.department_filter.as_ref().is_none_or(|d| &r.department == d)
                    && self.state_filter.is_none_or(|s| r.member.state == s)
            })
            .collect();
        let (column, ascending) = self.sort;
        let metric = |r: &MemberRow| self.metrics.get(&r.member.employee_id);
        visible.sort_by(|&a, &b| {
            let (x, y) = (&self.rows[a], &self.rows[b]);
            let ord = match column {
                Column::Name => x.name.cmp(&y.name),
                Column::Department => (&x.department, &x.section).cmp(&(&y.department, &y.section)),
                Column::Rank => x.rank.cmp(&y.rank),
                Column::Tenure => y.hire_date.cmp(&x.hire_date),
                Column::Performance => x.grades.last().map(|g| g.1).cmp(&y.grades.last().map(|g| g.1)),
                Column::State => x.member.state.cmp(&y.member.state),
                Column::Training => {
                    let pct = |m: Option<&MemberMetrics>| {
                        m.map(|m| (m.courses_completed * 1000) / m.courses_enrolled.max(1))
                    };
                    pct(metric(x)).cmp(&pct(metric(y)))
                }
                Column::Reflections => {
                    metric(x).map(|m| m.reflections_accepted).cmp(&metric(y).map(|m| m.reflections_accepted))
                }
                Column::Score360 => {
                    let s =
                        |m: Option<&MemberMetrics>| m.and_then(|m| m.overall_360).map(|v| (v * 10.0) as i64);
                    s(metric(x)).cmp(&s(metric(y)))
                }
                Column::Points => metric(x).map(|m| m.points).cmp(&metric(y).map(|m| m.points)),
            };
            let ord = if ascending { ord } else { ord.reverse() };
            ord.then_with(|| x.member.employee_id.cmp(&y.member.employee_id))
        });
        self.visible = visible;
        let len = self.visible.len();
        self.cursor.clamp(len);
    }

    /// Fetches figures for the given rows that are not cached yet.
    pub fn fetch_metrics(&mut self, service: &Service, rows: Vec<usize>) -> ServiceResult<()> {
        let missing: Vec<EmployeeId> = rows
            .into_iter()
            .map(|i| self.rows[i].member.employee_id.clone())
            .filter(|id| !self.metrics.contains_key(id))
            .collect();
        let pool = self.pool().map(|p| p.id);
        for chunk in missing.chunks(500) {
            if let Answer::MemberMetrics(ms) = service.query(Query::MemberMetrics {
                employee_ids: chunk.to_vec(),
                pool,
                on: Some(self.today),
            })? {
                for m in ms {
                    self.metrics.insert(m.employee_id.clone(), m);
                }
            }
        }
        Ok(())
    }

    /// Before a draw: figures for the rows in view and the selected person's profile.
    /// Only the visible window is read, never the whole store.
    pub fn prepare(&mut self, service: &Service, size: ratatui::layout::Rect) -> ServiceResult<()> {
        if self.panel == Panel::Reflections {
            return self.prepare_queue(service, super::view::queue_rows(size));
        }
        if self.panel == Panel::Courses {
            return self.prepare_training(service, super::view::list_rows(size));
        }
        if self.panel == Panel::Readiness {
            return self.prepare_readiness(service, super::view::list_rows(size).saturating_sub(1));
        }
        let table_height = super::view::list_rows(size);
        self.cursor.set_height(table_height, self.visible.len());
        if let Some(s) = self.screening.as_mut() {
            let n = s.candidates.len();
            s.cursor.set_height(table_height, n);
        }
        let window: Vec<usize> =
            self.visible.iter().skip(self.cursor.offset).take(table_height).copied().collect();
        self.fetch_metrics(service, window)?;
        let wanted = self.selected_row().map(|r| r.member.employee_id.clone());
        if self.profile.as_ref().map(|p| &p.id) != wanted.as_ref() {
            self.profile = match wanted {
                Some(id) => match service.query(Query::Employee { id }) {
                    Ok(Answer::Employee(e)) => Some(*e),
                    _ => None,
                },
                None => None,
            };
        }
        Ok(())
    }

    /// While the operator is not typing: figures for the pages above and below the window,
    /// so that paging does not wait for them.
    pub fn prefetch(&mut self, service: &Service) -> ServiceResult<()> {
        if self.panel == Panel::Reflections {
            return self.prefetch_queue(service);
        }
        if self.panel == Panel::Courses {
            return self.prefetch_training(service);
        }
        let h = self.cursor.height.max(1);
        let from = self.cursor.offset.saturating_sub(h);
        let rows: Vec<usize> = self.visible.iter().skip(from).take(h * 3).copied().collect();
        self.fetch_metrics(service, rows)
    }

    /// Applies one action. Errors from the service become the status message.
    pub fn update(&mut self, service: &Service, action: Action) {
        if let Err(e) = self.apply(service, action) {
            self.warn(e.to_string());
        }
    }

    fn apply(&mut self, service: &Service, action: Action) -> ServiceResult<()> {
        use Action::*;
        match action {
            Quit => self.quit = true,
            Help => self.mode = Mode::Help { scroll: 0 },
            Search => {
                let origin = self.active_cursor().selected;
                self.mode = Mode::Search { query: String::new(), origin };
            }
            SearchNext | SearchPrev => match self.last_search.clone() {
                Some(q) => {
                    let from = self.active_cursor().selected;
                    if !self.jump_to_match(&q, from, action == SearchNext, true) {
                        self.warn(format!("{}: {q}", self.lang.t().no_match));
                    }
                }
                None => self.warn(format!("{}: /", self.lang.t().search)),
            },
            Command => self.mode = Mode::Command { text: String::new(), prefix: None },
            TabNext => self.switch_to(service, Panel::ALL[(self.panel.index() + 1) % 4])?,
            TabPrev => self.switch_to(service, Panel::ALL[(self.panel.index() + 3) % 4])?,
            Tab(p) => self.switch_to(service, p)?,
            Down | Up | PageDown | PageUp | Top | Bottom if self.panel == Panel::Pool => {
                let len = self.active_len();
                self.active_cursor_mut().apply(action, len);
            }
            other if self.panel == Panel::Reflections => self.apply_queue(service, other)?,
            other if self.panel == Panel::Courses => self.apply_training(other),
            other if self.panel == Panel::Readiness => self.apply_readiness(service, other)?,
            Down | Up | PageDown | PageUp | Top | Bottom => {}
            other if self.panel != Panel::Pool => {
                self.warn(format!("{other}: {}", self.lang.t().tabs[self.panel.index()]));
            }
            other => self.apply_pool(service, other)?,
        }
        Ok(())
    }

    pub fn active_len(&self) -> usize {
        match (&self.screening, self.panel) {
            (_, Panel::Reflections) => self.queue.rows.len(),
            (_, Panel::Readiness) => self.readiness.verdicts.len(),
            (Some(s), _) => s.candidates.len(),
            (None, _) => self.visible.len(),
        }
    }

    pub fn active_cursor(&self) -> &ListCursor {
        match (&self.screening, self.panel) {
            (_, Panel::Reflections) => &self.queue.cursor,
            (_, Panel::Readiness) => &self.readiness.cursor,
            (Some(s), _) => &s.cursor,
            (None, _) => &self.cursor,
        }
    }

    pub fn active_cursor_mut(&mut self) -> &mut ListCursor {
        match (&mut self.screening, self.panel) {
            (_, Panel::Reflections) => &mut self.queue.cursor,
            (_, Panel::Readiness) => &mut self.readiness.cursor,
            (Some(s), _) => &mut s.cursor,
            (None, _) => &mut self.cursor,
        }
    }

    /// The searchable text of row `i` of the active list: name, 工号, department.
    fn haystack(&self, i: usize) -> (String, String, String) {
        match (&self.screening, self.panel) {
            (_, Panel::Reflections) => {
                let r = &self.queue.rows[i];
                (r.name.clone(), r.employee_id.to_string(), r.department.clone())
            }
            (_, Panel::Readiness) => {
                let id = &self.readiness.verdicts[i].employee_id;
                let f = self.readiness.facts_of(id);
                (
                    f.map_or(String::new(), |f| f.name.clone()),
                    id.to_string(),
                    f.map_or(String::new(), |f| f.department.clone()),
                )
            }
            (Some(s), _) => {
                let c = &s.candidates[i];
                (c.name.clone(), c.employee_id.to_string(), c.department.clone())
            }
            (None, _) => {
                let r = &self.rows[self.visible[i]];
                (r.name.clone(), r.member.employee_id.to_string(), r.department.clone())
            }
        }
    }

    /// Moves to the next (or previous) row matching `query`, starting at `from`
    /// (after it when `skip_current`). Returns whether one was found.
    pub fn jump_to_match(&mut self, query: &str, from: usize, forward: bool, skip_current: bool) -> bool {
        let len = self.active_len();
        if len == 0 || query.is_empty() {
            return false;
        }
        let q = query.to_lowercase();
        let start = if skip_current { 1 } else { 0 };
        for step in start..len + start {
            let i = if forward { (from + step) % len } else { (from + len * 2 - step) % len };
            let (name, id, dept) = self.haystack(i);
            if name.to_lowercase().contains(&q) || id.to_lowercase().contains(&q) || dept.contains(&q) {
                self.active_cursor_mut().select(i, len);
                return true;
            }
        }
        false
    }
}
