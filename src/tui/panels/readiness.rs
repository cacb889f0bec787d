//! The readiness panel: the pool's facts read once and judged here under the stored
//! policy or an unsaved what-if one; the ranked list or the 9-box; the selected member's
//! gate checklist and stage reviews; forms for assessments, stage reviews and replies;
//! the candidate report; and making a what-if the policy (confirmed, naming what moves
//! and who changes level).

use std::collections::HashMap;

use chrono::Datelike;
use ratatui::layout::Rect;

use crate::domain::assessment::{
    Evaluation, EvaluationKind, RaterRelation, Recommendation, StageReview, StageReviewKind,
};
use crate::domain::msg::Who;
use crate::domain::org::EmployeeId;
use crate::domain::policy::Policy;
use crate::domain::pool::PoolId;
use crate::domain::readiness::{MemberFacts, Verdict};
use crate::domain::readiness_score::{level_changes, nine_box, LevelChange, NineBox};
use crate::service::changes::Topic;
use crate::service::command::Command;
use crate::service::readiness_views::ReadinessFacts;
use crate::service::{Answer, Query};

use super::what_if::Knob;
use crate::tui::action::{Action, Panel};
use crate::tui::component::Component;
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Effects, Note, Reply, Step, Target, Want};
use crate::tui::fresh::Fetched;
use crate::tui::keymap::Section;
use crate::tui::layers::{Confirm, Form, FormField, Layer, Prompt, Value};
use crate::tui::list::ListCursor;
use crate::tui::search::Row;

const ME: Panel = Panel::Readiness;
const FACT_TOPICS: &[Topic] = &[
    Topic::Members,
    Topic::People,
    Topic::Enrollments,
    Topic::Courses,
    Topic::Reflections,
    Topic::Evaluations,
    Topic::Points,
    Topic::StageReviews,
    Topic::Pools,
];

#[derive(Debug, Clone)]
enum Ask {
    Assessment { who: Who },
    StageReview { who: Who },
    Reply { who: Who },
    Report { who: Who },
}

pub struct ReadinessPanel {
    pool: Option<PoolId>,
    pub(super) facts: Fetched<ReadinessFacts>,
    index: HashMap<EmployeeId, usize>,
    /// An unsaved what-if policy, while one is open.
    pub(super) draft: Option<Policy>,
    /// Verdicts under the draft (or the stored policy), best first.
    pub(super) verdicts: Vec<Verdict>,
    /// Verdicts under the stored policy (kept while a what-if is open).
    baseline: Vec<Verdict>,
    /// What the verdicts were judged from: the facts' and the policy's sequences.
    judged: Option<(u64, u64)>,
    pub(super) changes: Vec<LevelChange>,
    pub(super) cursor: ListCursor,
    pub(super) nine_box: bool,
    /// The selected 9-box cell, best first (0 = high potential, high performance).
    pub(super) cell: usize,
    pub(super) cell_cursor: ListCursor,
    pub(super) detail: bool,
    pub(super) detail_scroll: u16,
    pub(super) reviews: Fetched<Vec<StageReview>>,
    reviews_of: Option<EmployeeId>,
    /// The what-if editor is open, on this knob.
    pub(super) knob: Option<usize>,
    asking: Option<Ask>,
    pub(super) area: Rect,
}

impl Default for ReadinessPanel {
    fn default() -> Self {
        ReadinessPanel {
            pool: None,
            facts: Fetched::new(FACT_TOPICS),
            index: HashMap::new(),
            draft: None,
            verdicts: Vec::new(),
            baseline: Vec::new(),
            judged: None,
            changes: Vec::new(),
            cursor: ListCursor::default(),
            nine_box: false,
            cell: 0,
            cell_cursor: ListCursor::default(),
            detail: false,
            detail_scroll: 0,
            reviews: Fetched::new(&[Topic::StageReviews]),
            reviews_of: None,
            knob: None,
            asking: None,
            area: Rect::default(),
        }
    }
}

/// The 9-box cells in reading order: high potential first, high performance first.
pub fn cell_at(index: usize) -> NineBox {
    NineBox { potential: 2 - (index / 3) as u8, performance: 2 - (index % 3) as u8 }
}

fn say(text: impl Into<String>) -> Effects {
    vec![Effect::Say(Note::error(text))]
}

impl ReadinessPanel {
    pub fn facts_of(&self, id: &EmployeeId) -> Option<&MemberFacts> {
        self.facts.value()?.members.get(*self.index.get(id)?)
    }

    /// The policy the verdicts are judged by: the draft, or the stored one.
    pub fn policy<'a>(&'a self, ctx: &'a Ctx) -> Option<&'a Policy> {
        self.draft.as_ref().or(ctx.policy())
    }

    pub fn nine_box_of(&self, ctx: &Ctx, v: &Verdict) -> NineBox {
        self.policy(ctx)
            .map(|p| nine_box(&v.composite, p))
            .unwrap_or(NineBox { performance: 0, potential: 0 })
    }

    pub fn in_cell(&self, ctx: &Ctx) -> Vec<&Verdict> {
        let cell = cell_at(self.cell);
        self.verdicts.iter().filter(|v| self.nine_box_of(ctx, v) == cell).collect()
    }

    pub fn selected<'a>(&'a self, ctx: &Ctx) -> Option<&'a Verdict> {
        if self.nine_box {
            let cell = cell_at(self.cell);
            self.verdicts.iter().filter(|v| self.nine_box_of(ctx, v) == cell).nth(self.cell_cursor.selected)
        } else {
            self.verdicts.get(self.cursor.selected)
        }
    }

    fn selected_who(&self, ctx: &Ctx) -> Option<Who> {
        let v = self.selected(ctx)?;
        let f = self.facts_of(&v.employee_id)?;
        Some(Who { id: f.employee_id.to_string(), name: f.name.clone() })
    }

    /// Judges the pool again when the facts, the stored policy or the draft changed.
    fn judge(&mut self, ctx: &Ctx, force: bool) {
        let (Some(facts), Some(stored)) = (self.facts.got.as_ref(), ctx.policy.got.as_ref()) else { return };
        let key = (facts.at, stored.at);
        if !force && self.judged == Some(key) {
            return;
        }
        let keep = self.verdicts.get(self.cursor.selected).map(|v| v.employee_id.clone());
        if self.judged != Some(key) || self.baseline.is_empty() {
            self.baseline = facts.value.evaluate(&stored.value, ctx.today);
        }
        self.judged = Some(key);
        match &self.draft {
            Some(draft) => {
                self.verdicts = facts.value.evaluate(draft, ctx.today);
                self.changes = level_changes(&self.baseline, &self.verdicts);
            }
            None => {
                self.verdicts = self.baseline.clone();
                self.changes.clear();
            }
        }
        if let Some(id) = keep {
            if let Some(pos) = self.verdicts.iter().position(|v| v.employee_id == id) {
                self.cursor.selected = pos;
            }
        }
        let n = self.verdicts.len();
        self.cursor.clamp(n);
    }

    pub(super) fn list_height(&self) -> usize {
        list_height(self.area)
    }

    fn what_if_key(&mut self, ctx: &Ctx, action: Action) -> Effects {
        let t = ctx.t();
        let Some(k) = self.knob else { return Vec::new() };
        let n = Knob::ALL.len();
        let steps = match action {
            Action::Down => {
                self.knob = Some((k + 1) % n);
                return Vec::new();
            }
            Action::Up => {
                self.knob = Some((k + n - 1) % n);
                return Vec::new();
            }
            Action::Back | Action::Cancel => {
                self.knob = None;
                return Vec::new();
            }
            Action::Discard => {
                self.knob = None;
                self.draft = None;
                self.judge(ctx, true);
                return vec![Effect::Say(Note::info(t.what_if_discarded))];
            }
            Action::ApplyPolicy => return self.ask_apply(ctx),
            Action::Increase => 1,
            Action::Decrease => -1,
            _ => return Vec::new(),
        };
        let knob = Knob::ALL[k];
        let Some(draft) = self.draft.as_ref() else { return Vec::new() };
        match knob.moved(draft, steps).map(|p| p.validate().map(|_| p)) {
            Some(Ok(p)) => {
                self.draft = Some(p);
                self.judge(ctx, true);
                Vec::new()
            }
            Some(Err(_)) => say(t.knob_conflict(t.knob(knob.key()))),
            None => {
                let (lo, hi) = knob.range();
                say(t.knob_range(t.knob(knob.key()), lo, hi))
            }
        }
    }

    fn ask_apply(&mut self, ctx: &Ctx) -> Effects {
        let t = ctx.t();
        let (Some(draft), Some(stored)) = (self.draft.clone(), ctx.policy()) else {
            return say(t.no_what_if);
        };
        if &draft == stored {
            return say(t.what_if_unchanged);
        }
        let mut lines: Vec<String> = Knob::ALL
            .iter()
            .filter(|k| k.get(&draft) != k.get(stored))
            .map(|k| format!("{}: {} → {}", t.knob(k.key()), k.get(stored), k.get(&draft)))
            .collect();
        lines.push(t.level_changes(self.changes.len()));
        let seen = crate::service::engine::policy_digest(&stored.to_toml());
        let command = Command::SetPolicy { toml: draft.to_toml(), seen: Some(seen) };
        let confirm = Confirm::new(
            t.apply_policy_title,
            lines,
            vec![crate::tui::job::command(ME, Step::Policy, command)],
        );
        vec![Effect::open(Layer::Confirm(confirm))]
    }

    fn assessment_form(&mut self, ctx: &Ctx) -> Effects {
        let t = ctx.t();
        let Some(who) = self.selected_who(ctx) else { return Vec::new() };
        let dims = ctx.policy().map(|p| p.assessment.dimensions.clone()).unwrap_or_default();
        let f = &t.assessment_fields;
        let fields = vec![
            FormField::new(f[0], t.kind_360, t.assessment_kinds),
            FormField::new(f[1], t.relation_word(RaterRelation::Peer), t.relations),
            FormField::new(f[2], dims.first().cloned().unwrap_or_default(), dims.join("/")),
            FormField::new(f[3], "", "0-100"),
            FormField::new(f[4], ctx.today.year().to_string(), ""),
            FormField::new(f[5], ctx.today.to_string(), "YYYY-MM-DD"),
        ];
        let title = t.assessment_title(&ctx.lang.who(&who));
        self.asking = Some(Ask::Assessment { who });
        vec![Effect::open(Layer::Form(Form::new(ME, title, fields, 3)))]
    }

    fn stage_review_form(&mut self, ctx: &Ctx) -> Effects {
        let t = ctx.t();
        let Some(who) = self.selected_who(ctx) else { return Vec::new() };
        let kind = if ctx.today.month() >= 10 {
            StageReviewKind::YearEndFinal
        } else {
            StageReviewKind::JulyInitial
        };
        let f = &t.stage_review_fields;
        let fields = vec![
            FormField::new(f[0], t.review_kind(kind), t.review_kinds),
            FormField::new(f[1], ctx.today.year().to_string(), ""),
            FormField::new(f[2], t.recommendation(Recommendation::KeepDeveloping), t.recommendations),
            FormField::new(f[3], "", ""),
        ];
        let title = t.stage_review_title(&ctx.lang.who(&who));
        self.asking = Some(Ask::StageReview { who });
        vec![Effect::open(Layer::Form(Form::new(ME, title, fields, 2)))]
    }

    fn reply_form(&mut self, ctx: &Ctx) -> Effects {
        let t = ctx.t();
        let Some(who) = self.selected_who(ctx) else { return Vec::new() };
        if self.reviews_of.as_ref().map(|id| id.as_str()) != Some(who.id.as_str())
            || self.reviews.value().is_none()
        {
            return say(t.loading);
        }
        let latest = self.reviews.value().and_then(|l| l.last());
        let Some(latest) = latest else { return say(t.no_stage_review) };
        let objection = !latest.objection_open();
        let f = &t.reply_fields;
        let fields = vec![
            FormField::new(f[0], t.review_kind(latest.kind), t.review_kinds),
            FormField::new(f[1], latest.year.to_string(), ""),
            FormField::new(f[2], if objection { t.objection_word } else { t.answer_word }, t.reply_kinds),
            FormField::new(f[3], "", ""),
        ];
        let title = t.reply_title(&ctx.lang.who(&who));
        self.asking = Some(Ask::Reply { who });
        vec![Effect::open(Layer::Form(Form::new(ME, title, fields, 3)))]
    }

    fn ask_report(&mut self, ctx: &Ctx) -> Effects {
        let t = ctx.t();
        let Some(who) = self.selected_who(ctx) else { return Vec::new() };
        let name = format!("{}-{}-{}.md", t.report_file, who.name, who.id);
        self.asking = Some(Ask::Report { who });
        vec![Effect::open(Layer::Prompt(Prompt::new(ME, t.report_to, &name)))]
    }

    fn form_command(&self, ctx: &Ctx, values: &[String]) -> Result<Command, String> {
        let t = ctx.t();
        let lang = ctx.lang;
        let say = |e: crate::domain::DomainError| lang.say(&e.0);
        let number = |label: &str, text: &str| -> Result<u16, String> {
            text.parse().map_err(|_| t.field_problem(label, &t.not_whole_number(text)))
        };
        match &self.asking {
            Some(Ask::Assessment { who }) => {
                let f = &t.assessment_fields;
                let employee_id: EmployeeId = who.id.parse().map_err(|_| who.id.clone())?;
                let kind = match values[0].as_str() {
                    "360" => EvaluationKind::ThreeSixty {
                        relation: RaterRelation::parse(&values[1]).map_err(say)?,
                        dimension: values[2].clone(),
                    },
                    "superior" | "上级" | "上级评价" => EvaluationKind::Superior,
                    "theory" | "理论" | "理论测试" => EvaluationKind::Theory,
                    other => {
                        return Err(t.field_problem(f[0], &format!("'{other}' ({})", t.assessment_kinds)))
                    }
                };
                let score = number(f[3], &values[3])?;
                let score = u8::try_from(score)
                    .ok()
                    .filter(|s| *s <= 100)
                    .ok_or_else(|| t.field_problem(f[3], &t.score_range(&values[3])))?;
                let on = values[5].parse().map_err(|_| t.field_problem(f[5], &t.not_a_date(&values[5])))?;
                let e = Evaluation {
                    seq: 0,
                    employee_id,
                    year: number(f[4], &values[4])?,
                    kind,
                    score: f32::from(score),
                    on,
                };
                e.validate().map_err(say)?;
                Ok(Command::RecordEvaluation(e))
            }
            Some(Ask::StageReview { who }) => {
                let f = &t.stage_review_fields;
                let review = StageReview {
                    employee_id: who.id.parse().map_err(|_| who.id.clone())?,
                    kind: StageReviewKind::parse(&values[0]).map_err(say)?,
                    year: number(f[1], &values[1])?,
                    recommendation: Recommendation::parse(&values[2]).map_err(say)?,
                    comment: values[3].clone(),
                    reviewer: String::new(),
                    on: ctx.today,
                    replies: Vec::new(),
                };
                review.validate().map_err(say)?;
                Ok(Command::RecordStageReview(review))
            }
            Some(Ask::Reply { who }) => {
                let f = &t.reply_fields;
                let objection = match values[2].as_str() {
                    "objection" | "异议" => true,
                    "answer" | "答复" => false,
                    other => return Err(t.field_problem(f[2], &format!("'{other}' ({})", t.reply_kinds))),
                };
                Ok(Command::ReplyStageReview {
                    employee_id: who.id.parse().map_err(|_| who.id.clone())?,
                    kind: StageReviewKind::parse(&values[0]).map_err(say)?,
                    year: number(f[1], &values[1])?,
                    objection,
                    text: values[3].clone(),
                })
            }
            _ => Err(String::new()),
        }
    }
}

impl Component for ReadinessPanel {
    fn panel(&self) -> Panel {
        ME
    }

    fn refresh(&mut self, ctx: &Ctx) -> Effects {
        let mut effects = Vec::new();
        if self.pool != ctx.pool {
            self.pool = ctx.pool;
            self.facts.reset();
            self.verdicts.clear();
            self.baseline.clear();
            self.judged = None;
            self.cursor = ListCursor::default();
        }
        let Some(pool) = self.pool else { return effects };
        if self.facts.ask(&ctx.clock) {
            effects.push(Effect::query(Target::Panel(ME), Want::Facts(pool), Query::ReadinessFacts { pool }));
        }
        self.judge(ctx, false);
        let wanted = self.selected(ctx).map(|v| v.employee_id.clone());
        if wanted != self.reviews_of {
            self.reviews_of = wanted;
            self.reviews.reset();
            self.detail_scroll = 0;
        }
        if let Some(id) = self.reviews_of.clone() {
            if self.reviews.ask(&ctx.clock) {
                effects.push(Effect::query(
                    Target::Panel(ME),
                    Want::Reviews(id.clone()),
                    Query::StageReviews { employee_id: id },
                ));
            }
        }
        effects
    }

    fn mode(&self) -> Option<Vec<Section>> {
        self.knob.map(|_| vec![Section::WhatIf])
    }

    fn update(&mut self, ctx: &Ctx, action: Action) -> Effects {
        use Action::*;
        if self.knob.is_some() {
            return self.what_if_key(ctx, action);
        }
        let t = ctx.t();
        let h = self.list_height();
        match action {
            Down | Up | PageDown | PageUp | Top | Bottom if self.nine_box => {
                let n = self.in_cell(ctx).len();
                self.cell_cursor.set_height(h.saturating_sub(8), n);
                self.cell_cursor.apply(action, n);
            }
            Down | Up | PageDown | PageUp | Top | Bottom => {
                let n = self.verdicts.len();
                self.cursor.set_height(h, n);
                self.cursor.apply(action, n);
            }
            PaneDown if self.nine_box => {
                self.cell = (self.cell + 1) % 9;
                self.cell_cursor = ListCursor::default();
            }
            PaneUp if self.nine_box => {
                self.cell = (self.cell + 8) % 9;
                self.cell_cursor = ListCursor::default();
            }
            PaneDown => self.detail_scroll = self.detail_scroll.saturating_add(3),
            PaneUp => self.detail_scroll = self.detail_scroll.saturating_sub(3),
            ToggleNineBox => {
                self.nine_box = !self.nine_box;
                self.cell_cursor = ListCursor::default();
            }
            Open => self.detail = !self.detail,
            Back if self.detail => self.detail = false,
            Back if self.nine_box => self.nine_box = false,
            Back => {}
            WhatIf => {
                let Some(stored) = ctx.policy() else { return say(t.loading) };
                if self.draft.is_none() {
                    self.draft = Some(stored.clone());
                }
                self.knob = Some(0);
            }
            RecordAssessment => return self.assessment_form(ctx),
            RecordStageReview => return self.stage_review_form(ctx),
            ReplyStageReview => return self.reply_form(ctx),
            CandidateReport => return self.ask_report(ctx),
            _ => return say(t.not_on_tab(t.tabs[ME.index()])),
        }
        Vec::new()
    }

    fn on_reply(&mut self, ctx: &Ctx, want: Want, reply: Reply) -> Effects {
        match (want, reply) {
            (Want::Facts(pool), Reply::Answer(Answer::ReadinessFacts(f), seq)) if Some(pool) == self.pool => {
                self.index = f.members.iter().enumerate().map(|(i, m)| (m.employee_id.clone(), i)).collect();
                self.facts.set(*f, seq);
                self.judge(ctx, true);
            }
            (Want::Facts(_), Reply::Failed(_)) => self.facts.failed(&ctx.clock),
            (Want::Reviews(id), Reply::Answer(Answer::StageReviews(list), seq))
                if Some(&id) == self.reviews_of.as_ref() =>
            {
                self.reviews.set(list, seq)
            }
            (Want::Reviews(_), Reply::Failed(_)) => self.reviews.failed(&ctx.clock),
            (Want::Step(Step::Policy), Reply::Done(_)) => {
                self.draft = None;
                self.knob = None;
                self.changes.clear();
            }
            _ => {}
        }
        Vec::new()
    }

    fn on_input(&mut self, ctx: &Ctx, value: Value) -> Effects {
        let t = ctx.t();
        match (self.asking.clone(), value) {
            (Some(Ask::Report { who }), Value::Text(path)) => {
                let path = std::path::PathBuf::from(path);
                let (Some(pool), Ok(id)) = (self.pool, who.id.parse::<EmployeeId>()) else {
                    return Vec::new();
                };
                let (lang, today) = (ctx.lang, ctx.today);
                let task: crate::tui::effect::Task = Box::new(move |service| {
                    let report = service.candidate_report(pool, id, today).map_err(|e| e.say(lang))?;
                    crate::io::private_file::write_private(&path, |out| {
                        crate::report::candidate::markdown(&report, lang, out)?;
                        Ok(())
                    })
                    .map_err(|e| lang.say(&e.msg()))?;
                    Ok((path, 1))
                });
                let _ = t;
                vec![Effect::Send(
                    crate::tui::effect::Ticket::new(Target::Panel(ME), Want::File),
                    crate::tui::effect::Job::Task(task),
                )]
            }
            (Some(_), Value::Form(values)) => match self.form_command(ctx, &values) {
                Ok(command) => vec![Effect::command(ME, Step::Assessment, command)],
                Err(problem) => say(problem),
            },
            _ => Vec::new(),
        }
    }

    fn on_closed(&mut self, _draft: Option<Value>) {
        self.asking = None;
    }

    fn resize(&mut self, area: Rect) {
        self.area = area;
        let h = self.list_height();
        let n = self.verdicts.len();
        self.cursor.set_height(h, n);
    }

    fn search_rows(&self) -> Vec<Row<'_>> {
        self.verdicts
            .iter()
            .map(|v| match self.facts_of(&v.employee_id) {
                Some(f) => Row { name: &f.name, id: f.employee_id.as_str(), department: &f.department },
                None => Row { name: "", id: v.employee_id.as_str(), department: "" },
            })
            .collect()
    }

    fn selected(&self) -> usize {
        self.cursor.selected
    }

    fn select(&mut self, _ctx: &Ctx, index: usize) -> Effects {
        self.nine_box = false;
        let n = self.verdicts.len();
        self.cursor.select(index, n);
        Vec::new()
    }
}

/// Rows of a list that fit under its header.
pub(super) fn list_height(area: Rect) -> usize {
    area.height.saturating_sub(1) as usize
}
