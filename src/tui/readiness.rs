//! The readiness panel's model: the pool's facts read once per visit, verdicts computed
//! locally under the stored policy or an unsaved what-if one, the 9-box, and applying a
//! what-if as the policy through the audited `set_policy` command.

use crate::domain::org::EmployeeId;
use crate::domain::policy::Policy;
use crate::domain::readiness::Verdict;
use crate::domain::readiness_score::{level_changes, nine_box, LevelChange, NineBox};
use crate::service::readiness_views::ReadinessFacts;
use crate::service::{Answer, Command, Query, Service, ServiceResult};

use super::action::Action;
use super::app::{App, Mode};
use super::list::ListCursor;

/// One adjustable threshold or weight of the what-if editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Knob {
    ReflectionPass,
    Min360,
    MinTheory,
    CoreExam,
    MinPoints,
    ReadyNow,
    ReadySoon,
    Quantitative,
    TrainingWeight,
    PriorityTop,
}

impl Knob {
    pub const ALL: [Knob; 10] = [
        Knob::ReflectionPass,
        Knob::Min360,
        Knob::MinTheory,
        Knob::CoreExam,
        Knob::MinPoints,
        Knob::ReadyNow,
        Knob::ReadySoon,
        Knob::Quantitative,
        Knob::TrainingWeight,
        Knob::PriorityTop,
    ];

    /// The policy key it changes.
    pub fn key(self) -> &'static str {
        match self {
            Knob::ReflectionPass => "reflection.pass_score",
            Knob::Min360 => "assessment.min_360",
            Knob::MinTheory => "assessment.min_theory",
            Knob::CoreExam => "readiness.core_exam_min",
            Knob::MinPoints => "readiness.min_points",
            Knob::ReadyNow => "readiness.levels.ready_now_min",
            Knob::ReadySoon => "readiness.levels.ready_soon_min",
            Knob::Quantitative => "readiness.weights.quantitative",
            Knob::TrainingWeight => "readiness.training_weight",
            Knob::PriorityTop => "readiness.priority_top_pct",
        }
    }

    pub fn get(self, p: &Policy) -> i64 {
        match self {
            Knob::ReflectionPass => p.reflection.pass_score.into(),
            Knob::Min360 => p.assessment.min_360.into(),
            Knob::MinTheory => p.assessment.min_theory.into(),
            Knob::CoreExam => p.readiness.core_exam_min.into(),
            Knob::MinPoints => p.readiness.min_points.into(),
            Knob::ReadyNow => p.readiness.levels.ready_now_min.into(),
            Knob::ReadySoon => p.readiness.levels.ready_soon_min.into(),
            Knob::Quantitative => p.readiness.weights.quantitative.into(),
            Knob::TrainingWeight => p.readiness.training_weight.into(),
            Knob::PriorityTop => p.readiness.priority_top_pct.into(),
        }
    }

    fn step(self) -> i64 {
        match self {
            Knob::MinPoints | Knob::Quantitative | Knob::TrainingWeight | Knob::PriorityTop => 5,
            _ => 1,
        }
    }

    /// The policy with this knob moved by `steps`; `None` when out of range.
    fn moved(self, p: &Policy, steps: i64) -> Option<Policy> {
        let v = self.get(p) + steps * self.step();
        let pct = u8::try_from(v).ok().filter(|v| *v <= 100);
        let mut q = p.clone();
        match self {
            Knob::ReflectionPass => q.reflection.pass_score = pct?,
            Knob::Min360 => q.assessment.min_360 = pct?,
            Knob::MinTheory => q.assessment.min_theory = pct?,
            Knob::CoreExam => q.readiness.core_exam_min = pct?,
            Knob::MinPoints => q.readiness.min_points = u32::try_from(v).ok()?,
            Knob::ReadyNow => q.readiness.levels.ready_now_min = pct?,
            Knob::ReadySoon => q.readiness.levels.ready_soon_min = pct?,
            Knob::Quantitative => {
                q.readiness.weights.quantitative = pct?;
                q.readiness.weights.qualitative = 100 - pct?;
            }
            Knob::TrainingWeight => q.readiness.training_weight = pct?,
            Knob::PriorityTop => q.readiness.priority_top_pct = pct?,
        }
        Some(q)
    }
}

#[derive(Debug, Default)]
pub struct Readiness {
    pub facts: Option<ReadinessFacts>,
    /// Position in `facts.members` by employee id: rows and search look people up per key.
    index: std::collections::HashMap<EmployeeId, usize>,
    /// The pool whose facts are loaded.
    pub pool: Option<u32>,
    /// The policy in the store.
    pub stored: Option<Policy>,
    /// An unsaved what-if policy, while one is open.
    pub draft: Option<Policy>,
    /// Verdicts under the draft (or the stored policy), best first.
    pub verdicts: Vec<Verdict>,
    /// Verdicts under the stored policy, kept while a what-if is open so that each step
    /// evaluates the pool once; emptied when the facts or the stored policy change.
    baseline: Vec<Verdict>,
    /// Who changes level under the draft.
    pub changes: Vec<LevelChange>,
    pub cursor: ListCursor,
    /// Showing the 9-box grid; the selected cell, best first (0 = high/high).
    pub nine_box: bool,
    pub cell: usize,
    pub cell_cursor: ListCursor,
    /// The selected member's stage reviews, read when the selection changes.
    pub reviews: Option<(EmployeeId, Vec<crate::domain::assessment::StageReview>)>,
    /// The what-if editor's selected knob.
    pub knob: usize,
    pub detail: bool,
}

/// The 9-box cells in reading order: high potential first, high performance first.
pub fn cell_at(index: usize) -> NineBox {
    NineBox { potential: 2 - (index / 3) as u8, performance: 2 - (index % 3) as u8 }
}

impl Readiness {
    pub fn policy(&self) -> Option<&Policy> {
        self.draft.as_ref().or(self.stored.as_ref())
    }

    pub fn facts_of(&self, employee_id: &str) -> Option<&crate::domain::readiness::MemberFacts> {
        self.facts.as_ref()?.members.get(*self.index.get(employee_id)?)
    }

    pub fn nine_box_of(&self, v: &Verdict) -> NineBox {
        self.policy().map(|p| nine_box(&v.composite, p)).unwrap_or(NineBox { performance: 0, potential: 0 })
    }

    /// Verdicts in the selected 9-box cell.
    pub fn in_cell(&self) -> Vec<&Verdict> {
        let cell = cell_at(self.cell);
        self.verdicts.iter().filter(|v| self.nine_box_of(v) == cell).collect()
    }

    /// The verdict under the cursor (of the list, or of the selected cell's members).
    pub fn selected(&self) -> Option<&Verdict> {
        if self.nine_box {
            self.in_cell().get(self.cell_cursor.selected).copied()
        } else {
            self.verdicts.get(self.cursor.selected)
        }
    }

    fn evaluate(&mut self, on: crate::domain::Date) {
        let (Some(facts), Some(stored)) = (&self.facts, &self.stored) else { return };
        if self.draft.is_none() || self.baseline.is_empty() {
            self.baseline = facts.evaluate(stored, on);
        }
        match &self.draft {
            Some(draft) => {
                self.verdicts = facts.evaluate(draft, on);
                self.changes = level_changes(&self.baseline, &self.verdicts);
            }
            None => {
                self.verdicts = self.baseline.clone();
                self.changes.clear();
            }
        }
        let len = self.verdicts.len();
        self.cursor.clamp(len);
    }
}

impl App {
    /// Reads the pool's facts and the stored policy; done on entering the panel, so what
    /// changed elsewhere shows.
    pub(super) fn load_readiness(&mut self, service: &Service) -> ServiceResult<()> {
        let Some(pool) = self.pool().map(|p| p.id) else { return Ok(()) };
        if let Answer::ReadinessFacts(f) = service.query(Query::ReadinessFacts { pool })? {
            self.readiness.index =
                f.members.iter().enumerate().map(|(i, m)| (m.employee_id.clone(), i)).collect();
            self.readiness.facts = Some(*f);
        }
        if let Answer::Policy(p) = service.query(Query::Policy)? {
            self.readiness.stored = Some(*p);
        }
        self.readiness.pool = Some(pool);
        self.readiness.baseline.clear();
        self.readiness.reviews = None;
        self.readiness.evaluate(self.today);
        Ok(())
    }

    pub(super) fn prepare_readiness(&mut self, service: &Service, height: usize) -> ServiceResult<()> {
        if self.readiness.pool != self.pool().map(|p| p.id) {
            self.load_readiness(service)?;
        }
        let r = &mut self.readiness;
        let len = r.verdicts.len();
        r.cursor.set_height(height, len);
        let n = r.in_cell().len();
        r.cell_cursor.set_height(height.saturating_sub(8), n);
        self.load_reviews(service)
    }

    /// The selected member's stage reviews, read when the selection has changed.
    fn load_reviews(&mut self, service: &Service) -> ServiceResult<()> {
        let r = &mut self.readiness;
        let wanted = r.selected().map(|v| v.employee_id.clone());
        if wanted.as_ref() != r.reviews.as_ref().map(|(id, _)| id) {
            r.reviews = match wanted {
                Some(id) => match service.query(Query::StageReviews { employee_id: id.clone() })? {
                    Answer::StageReviews(list) => Some((id, list)),
                    _ => None,
                },
                None => None,
            };
        }
        Ok(())
    }

    pub(super) fn apply_readiness(&mut self, service: &Service, action: Action) -> ServiceResult<()> {
        use Action::*;
        let r = &mut self.readiness;
        match action {
            Down | Up | PageDown | PageUp | Top | Bottom if r.nine_box => {
                let n = r.in_cell().len();
                r.cell_cursor.apply(action, n);
            }
            Down | Up | PageDown | PageUp | Top | Bottom => {
                let n = r.verdicts.len();
                r.cursor.apply(action, n);
            }
            ScrollDown | ScrollUp if r.nine_box => {
                r.cell = if action == ScrollDown { (r.cell + 1) % 9 } else { (r.cell + 8) % 9 };
                r.cell_cursor = ListCursor::default();
            }
            ToggleNineBox => {
                r.nine_box = !r.nine_box;
                r.cell_cursor = ListCursor::default();
            }
            ToggleDetail => r.detail = !r.detail,
            WhatIf => {
                if r.stored.is_none() {
                    return Ok(());
                }
                if r.draft.is_none() {
                    r.draft = r.stored.clone();
                }
                self.mode = Mode::WhatIf;
            }
            DiscardWhatIf => {
                if r.draft.take().is_some() {
                    r.evaluate(self.today);
                    let msg = if self.lang == super::i18n::Lang::Zh {
                        "已放弃假设分析, 政策未改变"
                    } else {
                        "what-if discarded; the policy is unchanged"
                    };
                    self.tell(msg);
                }
            }
            ApplyWhatIf => {
                if r.draft.is_some() && r.draft != r.stored {
                    self.mode = Mode::ConfirmPolicy;
                } else {
                    let msg = if self.lang == super::i18n::Lang::Zh {
                        "没有待应用的假设分析 (按 w 开始)"
                    } else {
                        "no what-if to apply (w starts one)"
                    };
                    self.warn(msg);
                }
            }
            RecordAssessment => self.open_form(super::assess::FormPurpose::Assessment),
            RecordStageReview => self.open_form(super::assess::FormPurpose::StageReview),
            ReplyStageReview => {
                // the form starts from the latest review, so it must be the selected member's
                self.load_reviews(service)?;
                self.open_form(super::assess::FormPurpose::ReviewReply)
            }
            PoolNext => {
                self.next_pool(service)?;
                self.load_readiness(service)?;
            }
            other => self.warn(format!("{other}: {}", self.lang.t().tabs[self.panel.index()])),
        }
        Ok(())
    }

    /// A key in the what-if editor: choose a knob, move it, leave.
    pub(super) fn what_if_key(&mut self, key: crossterm::event::KeyEvent) {
        use crossterm::event::KeyCode;
        let r = &mut self.readiness;
        let steps = match key.code {
            KeyCode::Esc | KeyCode::Enter | KeyCode::Char('w') => {
                self.mode = Mode::Normal;
                return;
            }
            KeyCode::Char('j') | KeyCode::Down => {
                r.knob = (r.knob + 1) % Knob::ALL.len();
                return;
            }
            KeyCode::Char('k') | KeyCode::Up => {
                r.knob = (r.knob + Knob::ALL.len() - 1) % Knob::ALL.len();
                return;
            }
            KeyCode::Char('+') | KeyCode::Char('l') | KeyCode::Right => 1,
            KeyCode::Char('-') | KeyCode::Char('h') | KeyCode::Left => -1,
            _ => return,
        };
        let knob = Knob::ALL[r.knob];
        let Some(draft) = r.draft.as_ref() else { return };
        match knob.moved(draft, steps).map(|p| p.validate().map(|_| p)) {
            Some(Ok(p)) => {
                r.draft = Some(p);
                r.evaluate(self.today);
                self.message = None;
            }
            Some(Err(e)) => self.warn(e.0),
            None => self.warn(format!("{}: 0-100", knob.key())),
        }
    }

    /// `y` makes the what-if the policy, through the audited command.
    pub(super) fn confirm_policy(&mut self, service: &Service, yes: bool) {
        self.mode = Mode::Normal;
        if !yes {
            return;
        }
        let Some(draft) = self.readiness.draft.clone() else { return };
        match service.execute(Command::SetPolicy { toml: draft.to_toml(), seen: None }) {
            Ok(outcome) => {
                self.readiness.stored = Some(draft);
                self.readiness.draft = None;
                self.readiness.baseline.clear();
                self.readiness.evaluate(self.today);
                self.tell(outcome.summary);
            }
            Err(e) => self.warn(e.to_string()),
        }
    }
}
