//! Entering assessments and stage reviews from the readiness panel: a small form per
//! record (a 360 rating, the superior's evaluation or a theory sitting; a July or
//! year-end review), checked by the service, then the pool's readiness is read again.

use chrono::Datelike;

use crate::domain::assessment::{
    Evaluation, EvaluationKind, RaterRelation, Recommendation, StageReview, StageReviewKind,
};
use crate::domain::DomainError;
use crate::service::{Command, Service};

use super::app::{App, Mode};
use super::i18n::Lang;

/// What a readiness form records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormPurpose {
    Assessment,
    StageReview,
    /// The candidate's objection to a stage review, or the answer to it.
    ReviewReply,
}

impl FormPurpose {
    pub fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (FormPurpose::Assessment, Lang::Zh) => "录入测评",
            (FormPurpose::Assessment, Lang::En) => "Record an assessment",
            (FormPurpose::StageReview, Lang::Zh) => "阶段评估",
            (FormPurpose::StageReview, Lang::En) => "Stage review",
            (FormPurpose::ReviewReply, Lang::Zh) => "评估异议 / 答复",
            (FormPurpose::ReviewReply, Lang::En) => "Objection or answer",
        }
    }

    pub fn labels(self, lang: Lang) -> &'static [&'static str] {
        match (self, lang) {
            (FormPurpose::Assessment, Lang::Zh) => {
                &["类型 360/上级/理论", "评价人 上级/同级/下级", "维度 (360)", "分数 0-100", "年度", "日期"]
            }
            (FormPurpose::Assessment, Lang::En) => &[
                "kind 360/superior/theory",
                "rater superior/peer/subordinate",
                "dimension (360)",
                "score 0-100",
                "year",
                "date",
            ],
            (FormPurpose::StageReview, Lang::Zh) => {
                &["评估 初评/终评", "年度", "建议 晋升/继续培养/移出", "评语"]
            }
            (FormPurpose::StageReview, Lang::En) => {
                &["review july/final", "year", "promote/keep/remove", "comment"]
            }
            (FormPurpose::ReviewReply, Lang::Zh) => &["评估 初评/终评", "年度", "异议/答复", "内容"],
            (FormPurpose::ReviewReply, Lang::En) => {
                &["review july/final", "year", "objection/answer", "text"]
            }
        }
    }
}

fn field(value: String) -> tui_textarea::TextArea<'static> {
    let mut t = tui_textarea::TextArea::new(vec![value]);
    t.set_cursor_line_style(ratatui::style::Style::default());
    t.move_cursor(tui_textarea::CursorMove::End);
    t
}

fn value(fields: &[tui_textarea::TextArea<'static>], i: usize) -> String {
    fields[i].lines().join(" ").trim().to_string()
}

fn number<T: std::str::FromStr>(label: &str, text: &str) -> Result<T, DomainError> {
    text.parse().map_err(|_| DomainError::new(format!("{label}: '{text}' is not a number")))
}

fn kind_of(text: &str) -> Result<&'static str, DomainError> {
    match text {
        "360" => Ok("360"),
        "superior" | "上级" | "上级评价" => Ok("superior"),
        "theory" | "理论" | "理论测试" => Ok("theory"),
        other => Err(DomainError::new(format!("kind: '{other}' is not 360, superior or theory"))),
    }
}

impl App {
    /// Opens the form for the member selected in the readiness panel.
    pub(super) fn open_form(&mut self, purpose: FormPurpose) {
        let Some(v) = self.readiness.selected() else { return };
        let Some(f) = self.readiness.facts_of(&v.employee_id) else { return };
        let year = self.today.year().to_string();
        let values: Vec<String> = match purpose {
            FormPurpose::Assessment => {
                let dimension = self
                    .readiness
                    .policy()
                    .and_then(|p| p.assessment.dimensions.first().cloned())
                    .unwrap_or_default();
                vec!["360".into(), "peer".into(), dimension, String::new(), year, self.today.to_string()]
            }
            FormPurpose::StageReview => {
                let kind = if self.today.month() >= 10 { "final" } else { "july" };
                vec![kind.into(), year, "keep".into(), String::new()]
            }
            FormPurpose::ReviewReply => {
                // the latest review, and an answer when its objection is open
                let latest = self.readiness.reviews.as_ref().and_then(|(_, list)| list.last());
                let kind = latest.map_or("july", |r| r.kind.code());
                let year = latest.map_or(year, |r| r.year.to_string());
                let what = if latest.is_some_and(|r| r.objection_open()) { "answer" } else { "objection" };
                vec![kind.into(), year, what.into(), String::new()]
            }
        };
        self.mode = Mode::Form {
            purpose,
            employee_id: f.employee_id.clone(),
            name: f.name.clone(),
            fields: values.into_iter().map(field).collect(),
            focus: 3,
        };
    }

    fn command_from_form(&self) -> Result<Command, DomainError> {
        let Mode::Form { purpose, employee_id, fields, .. } = &self.mode else {
            return Err(DomainError::new("no form is open"));
        };
        let employee_id = employee_id.clone();
        match purpose {
            FormPurpose::Assessment => {
                let kind = match kind_of(&value(fields, 0))? {
                    "360" => EvaluationKind::ThreeSixty {
                        relation: RaterRelation::parse(&value(fields, 1))?,
                        dimension: value(fields, 2),
                    },
                    "superior" => EvaluationKind::Superior,
                    _ => EvaluationKind::Theory,
                };
                let on = value(fields, 5);
                let evaluation = Evaluation {
                    seq: 0,
                    employee_id,
                    year: number("year", &value(fields, 4))?,
                    kind,
                    score: number("score", &value(fields, 3))?,
                    on: on
                        .parse()
                        .map_err(|_| DomainError::new(format!("date: '{on}' is not YYYY-MM-DD")))?,
                };
                evaluation.validate()?;
                Ok(Command::RecordEvaluation(evaluation))
            }
            FormPurpose::ReviewReply => Ok(Command::ReplyStageReview {
                employee_id,
                kind: StageReviewKind::parse(&value(fields, 0))?,
                year: number("year", &value(fields, 1))?,
                objection: match value(fields, 2).as_str() {
                    "objection" | "异议" => true,
                    "answer" | "答复" => false,
                    other => {
                        return Err(DomainError::new(format!("'{other}' is neither objection nor answer")))
                    }
                },
                text: value(fields, 3),
            }),
            FormPurpose::StageReview => Ok(Command::RecordStageReview(StageReview {
                employee_id,
                kind: StageReviewKind::parse(&value(fields, 0))?,
                year: number("year", &value(fields, 1))?,
                recommendation: Recommendation::parse(&value(fields, 2))?,
                comment: value(fields, 3),
                reviewer: String::new(),
                on: self.today,
                replies: Vec::new(),
            })),
        }
    }

    /// Ctrl-S: the service checks and records; a problem keeps the form open with its message.
    pub(super) fn save_form(&mut self, service: &Service) {
        let command = match self.command_from_form() {
            Ok(c) => c,
            Err(e) => return self.warn(e.to_string()),
        };
        match service.execute(command) {
            Ok(outcome) => {
                self.mode = Mode::Normal;
                self.readiness.reviews = None;
                if let Err(e) = self.load_readiness(service) {
                    return self.warn(e.to_string());
                }
                self.tell(outcome.summary);
            }
            Err(e) => self.warn(e.to_string()),
        }
    }
}
