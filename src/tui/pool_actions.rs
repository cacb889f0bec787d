//! Talent-pool actions: screening and nominating, admitting, disqualifying, withdrawing,
//! marking as left, sorting, filtering, switching pools. All changes go through the service.

use crate::domain::org::EmployeeId;
use crate::domain::pool::MemberState;
use crate::service::{Answer, Command as ServiceCommand, Query, Service, ServiceResult};

use super::action::Action;
use super::app::{App, Column, Mode, Screening};

impl App {
    /// Moves to the next pool from any panel: its rows are read, the screening list and
    /// the figures of the previous pool are dropped.
    pub(super) fn next_pool(&mut self, service: &Service) -> ServiceResult<()> {
        if self.pools.is_empty() {
            return Ok(());
        }
        self.pool_index = (self.pool_index + 1) % self.pools.len();
        self.screening = None;
        self.cursor = Default::default();
        self.queue.submission = None;
        self.reload_pool(service)
    }

    pub(super) fn apply_pool(&mut self, service: &Service, action: Action) -> ServiceResult<()> {
        use Action::*;
        let t = self.lang.t();
        match action {
            Screen => {
                let Some(pool) = self.pool().map(|p| p.id) else {
                    self.warn(t.no_pool);
                    return Ok(());
                };
                if let Answer::Candidates(candidates) =
                    service.query(Query::Screen { pool, on: self.today })?
                {
                    let n = candidates.len();
                    let mut screening = Screening { candidates, ..Screening::default() };
                    screening.cursor.set_height(self.cursor.height, n);
                    self.screening = Some(screening);
                    self.tell(format!("{}: {n}", t.screening_title));
                }
            }
            Back => self.screening = None,
            Mark => {
                if let Some(s) = self.screening.as_mut() {
                    let i = s.cursor.selected;
                    if i < s.candidates.len() && !s.marked.remove(&i) {
                        s.marked.insert(i);
                    }
                    let len = s.candidates.len();
                    s.cursor.apply(Down, len);
                }
            }
            Nominate => self.nominate_marked(service)?,
            Admit => {
                if let Some(row) = self.selected_row() {
                    let (id, name) = (row.member.employee_id.clone(), row.name.clone());
                    self.transition(service, &id, &name, MemberState::Admitted, String::new())?;
                }
            }
            Disqualify | Withdraw => {
                if let Some(row) = self.selected_row() {
                    let mut input = tui_textarea::TextArea::default();
                    input.set_cursor_line_style(ratatui::style::Style::default());
                    self.mode = Mode::Reason {
                        action,
                        employee_id: row.member.employee_id.clone(),
                        name: row.name.clone(),
                        input: Box::new(input),
                    };
                }
            }
            MarkLeft => {
                if let Some(row) = self.selected_row() {
                    self.mode =
                        Mode::Confirm { employee_id: row.member.employee_id.clone(), name: row.name.clone() };
                }
            }
            SortNext => {
                let next = Column::ALL[(self.sort.0.header() + 1) % Column::ALL.len()];
                self.sort = (next, true);
                if next.needs_metrics() {
                    self.fetch_metrics(service, (0..self.rows.len()).collect())?;
                }
                self.refilter();
                self.tell(format!("{}: {}", t.sorted_by, t.columns[next.header()]));
            }
            SortReverse => {
                self.sort.1 = !self.sort.1;
                self.refilter();
            }
            FilterDepartment => {
                let mut departments: Vec<&String> = self.rows.iter().map(|r| &r.department).collect();
                departments.sort();
                departments.dedup();
                let next = match &self.department_filter {
                    None => departments.first().map(|d| (*d).clone()),
                    Some(cur) => departments
                        .iter()
                        .position(|d| *d == cur)
                        .and_then(|i| departments.get(i + 1))
                        .map(|d| (*d).clone()),
                };
                self.department_filter = next;
                self.refilter();
            }
            FilterState => {
                let states = MemberState::ALL;
                self.state_filter = match self.state_filter {
                    None => Some(states[0]),
                    Some(s) => states.iter().position(|x| *x == s).and_then(|i| states.get(i + 1)).copied(),
                };
                self.refilter();
            }
            ClearFilters => {
                self.department_filter = None;
                self.state_filter = None;
                self.refilter();
            }
            PoolNext => self.next_pool(service)?,
            ToggleDetail => self.show_detail = !self.show_detail,
            SubmitReflection => {
                if let Some(row) = self.selected_row() {
                    let (id, name) = (row.member.employee_id.clone(), row.name.clone());
                    self.fetch_metrics(service, vec![self.visible[self.cursor.selected]])?;
                    let submitted = self.metrics.get(&id).map_or(0, |m| m.reflections_submitted);
                    let stage = u8::try_from(submitted + 1).unwrap_or(u8::MAX);
                    let mut input = tui_textarea::TextArea::default();
                    input.set_cursor_line_style(ratatui::style::Style::default());
                    self.mode = Mode::Submit { employee_id: id, name, stage, input: Box::new(input) };
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn nominate_marked(&mut self, service: &Service) -> ServiceResult<()> {
        let t = self.lang.t();
        let (Some(pool), Some(s)) = (self.pool().map(|p| p.id), self.screening.as_ref()) else {
            return Ok(());
        };
        let mut marked: Vec<usize> = s.marked.iter().copied().collect();
        marked.sort_unstable();
        if marked.is_empty() {
            self.warn(t.nothing_marked);
            return Ok(());
        }
        let ids: Vec<EmployeeId> = marked.iter().map(|&i| s.candidates[i].employee_id.clone()).collect();
        let names: Vec<String> = marked.iter().map(|&i| s.candidates[i].name.clone()).collect();
        let reason = match self.lang {
            super::i18n::Lang::Zh => "资格审核：全部规则通过",
            super::i18n::Lang::En => "screening: every rule passed",
        };
        service.execute(ServiceCommand::Nominate {
            pool_id: pool,
            employee_ids: ids,
            reason: reason.into(),
        })?;
        self.screening = None;
        self.reload_pool(service)?;
        self.tell(format!("{} {}: {}", t.nominated, names.len(), names.join("、")));
        Ok(())
    }

    pub(super) fn transition(
        &mut self,
        service: &Service,
        id: &EmployeeId,
        name: &str,
        to: MemberState,
        reason: String,
    ) -> ServiceResult<()> {
        let Some(pool) = self.pool().map(|p| p.id) else { return Ok(()) };
        service.execute(ServiceCommand::TransitionMember {
            pool_id: pool,
            employee_id: id.clone(),
            to,
            reason,
            seen: None,
        })?;
        self.reload_pool(service)?;
        self.tell(format!("{name}: {}", self.lang.state(to)));
        Ok(())
    }

    /// Ctrl-S in the submit box: the text's first line is the title.
    pub(super) fn submit_pasted(&mut self, service: &Service) {
        let Mode::Submit { employee_id, name, stage, input } =
            std::mem::replace(&mut self.mode, Mode::Normal)
        else {
            return;
        };
        let body = input.lines().join("\n");
        let title = body
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim_start_matches('#')
            .trim()
            .to_string();
        let command =
            ServiceCommand::SubmitReflection { employee_id: employee_id.clone(), stage, title, body };
        match service.execute(command) {
            Ok(outcome) => {
                self.tell(outcome.summary);
                self.queue.loaded = false;
                self.metrics.remove(&employee_id);
                if let Ok(Answer::Counts(c)) = service.query(Query::Counts) {
                    self.pending_reflections = c.pending_reflections;
                }
            }
            Err(e) => {
                self.warn(e.to_string());
                self.mode = Mode::Submit { employee_id, name, stage, input };
            }
        }
    }

    /// `y` in the confirmation: the person has left the company, as of today.
    pub(super) fn confirm_left(&mut self, service: &Service, employee_id: EmployeeId) -> ServiceResult<()> {
        let outcome = service.execute(ServiceCommand::MarkLeft { employee_id, on: self.today })?;
        self.tell(outcome.summary);
        self.reload_pool(service)
    }

    /// Enter in the reason box: run the pending transition with the typed reason.
    pub(super) fn submit_reason(&mut self, service: &Service) {
        let Mode::Reason { action, employee_id, name, input } =
            std::mem::replace(&mut self.mode, Mode::Normal)
        else {
            return;
        };
        let reason = input.lines().join("\n");
        let to =
            if action == Action::Disqualify { MemberState::Disqualified } else { MemberState::Withdrawn };
        if let Err(e) = self.transition(service, &employee_id, &name, to, reason) {
            self.warn(e.to_string());
            self.mode = Mode::Reason { action, employee_id, name, input };
        }
    }
}
