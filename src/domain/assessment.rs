//! Assessments: 360 evaluations by rater relation and dimension, superior evaluations,
//! theory tests, and the two stage reviews of a year.

use serde::{Deserialize, Serialize};

use super::org::EmployeeId;
use super::{Date, DomainError};

/// Who gave a 360 rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RaterRelation {
    Superior,
    Peer,
    Subordinate,
}

impl RaterRelation {
    pub fn code(self) -> &'static str {
        match self {
            RaterRelation::Superior => "superior",
            RaterRelation::Peer => "peer",
            RaterRelation::Subordinate => "subordinate",
        }
    }

    pub fn parse(text: &str) -> Result<Self, DomainError> {
        match text.trim() {
            "superior" | "上级" => Ok(RaterRelation::Superior),
            "peer" | "同级" | "同事" => Ok(RaterRelation::Peer),
            "subordinate" | "下级" => Ok(RaterRelation::Subordinate),
            other => Err(DomainError::from(super::msg::Msg::NotOneOf {
                field: "relation".into(),
                value: other.into(),
                allowed: "superior / peer / subordinate, 上级 / 同级 / 下级".into(),
            })),
        }
    }
}

/// What was assessed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvaluationKind {
    /// One rater group's score on one dimension (dimension names come from the policy).
    ThreeSixty {
        relation: RaterRelation,
        dimension: String,
    },
    Superior,
    Theory,
}

impl EvaluationKind {
    /// What the insight heatmap compares it on: the 360 dimension, `theory` or `superior`.
    pub fn dimension(&self) -> &str {
        match self {
            EvaluationKind::ThreeSixty { dimension, .. } => dimension,
            EvaluationKind::Theory => "theory",
            EvaluationKind::Superior => "superior",
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            EvaluationKind::ThreeSixty { .. } => "360",
            EvaluationKind::Superior => "superior",
            EvaluationKind::Theory => "theory",
        }
    }
}

/// One assessment result, 0–100.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub seq: u64,
    pub employee_id: EmployeeId,
    pub year: u16,
    pub kind: EvaluationKind,
    pub score: f32,
    pub on: Date,
}

impl Evaluation {
    pub fn validate(&self) -> Result<(), DomainError> {
        super::text::range("score", self.score, 0.0, 100.0)?;
        super::text::year("year", self.year)?;
        super::text::date("date", self.on)?;
        let y = i32::from(self.year);
        if !(y..=y + 1).contains(&chrono::Datelike::year(&self.on)) {
            return Err(DomainError::from(super::msg::Msg::EvaluationDate {
                year: self.year,
                date: self.on.to_string(),
            }));
        }
        if let EvaluationKind::ThreeSixty { dimension, .. } = &self.kind {
            super::text::required_line("dimension", dimension, super::text::NAME_CHARS)?;
        }
        Ok(())
    }
}

/// The overall 360 score: the mean over all rater groups and dimensions of a year.
pub fn overall_360<'a>(evaluations: impl IntoIterator<Item = &'a Evaluation>, year: u16) -> Option<f32> {
    let scores: Vec<f32> = evaluations
        .into_iter()
        .filter(|e| e.year == year && matches!(e.kind, EvaluationKind::ThreeSixty { .. }))
        .map(|e| e.score)
        .collect();
    (!scores.is_empty()).then(|| scores.iter().sum::<f32>() / scores.len() as f32)
}

/// Which of the year's two reviews (July initial, year-end final).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageReviewKind {
    JulyInitial,
    YearEndFinal,
}

impl StageReviewKind {
    pub fn code(self) -> &'static str {
        match self {
            StageReviewKind::JulyInitial => "july_initial",
            StageReviewKind::YearEndFinal => "year_end_final",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            StageReviewKind::JulyInitial => "7月初评",
            StageReviewKind::YearEndFinal => "年底终评",
        }
    }

    pub fn parse(text: &str) -> Result<Self, DomainError> {
        match text.trim() {
            "july_initial" | "july" | "initial" | "初评" => Ok(StageReviewKind::JulyInitial),
            "year_end_final" | "final" | "year_end" | "终评" => Ok(StageReviewKind::YearEndFinal),
            other => Err(DomainError::from(super::msg::Msg::NotOneOf {
                field: "kind".into(),
                value: other.into(),
                allowed: "july_initial / year_end_final, 初评 / 终评".into(),
            })),
        }
    }
}

/// A stage review's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    Promote,
    KeepDeveloping,
    Remove,
}

impl Recommendation {
    pub fn code(self) -> &'static str {
        match self {
            Recommendation::Promote => "promote",
            Recommendation::KeepDeveloping => "keep_developing",
            Recommendation::Remove => "remove",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Recommendation::Promote => "建议晋升",
            Recommendation::KeepDeveloping => "继续培养",
            Recommendation::Remove => "移出后备池",
        }
    }

    pub fn parse(text: &str) -> Result<Self, DomainError> {
        match text.trim() {
            "promote" | "晋升" | "建议晋升" => Ok(Recommendation::Promote),
            "keep_developing" | "keep" | "继续培养" => Ok(Recommendation::KeepDeveloping),
            "remove" | "移出" | "移出后备池" => Ok(Recommendation::Remove),
            other => Err(DomainError::from(super::msg::Msg::NotOneOf {
                field: "recommendation".into(),
                value: other.into(),
                allowed: "promote / keep_developing / remove, 建议晋升 / 继续培养 / 移出后备池".into(),
            })),
        }
    }
}

/// The candidate's objection to a stage review, or the reviewer's answer to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageReviewReply {
    pub author: String,
    pub text: String,
    /// True for the candidate's objection, false for the answer.
    pub objection: bool,
    pub at: super::Timestamp,
}

/// A stage review (阶段评估) of one member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageReview {
    pub employee_id: EmployeeId,
    pub year: u16,
    pub kind: StageReviewKind,
    pub recommendation: Recommendation,
    pub comment: String,
    pub reviewer: String,
    pub on: Date,
    #[serde(default)]
    pub replies: Vec<StageReviewReply>,
}

impl StageReview {
    pub fn validate(&self) -> Result<(), DomainError> {
        super::text::year("year", self.year)?;
        super::text::date("date", self.on)?;
        if self.comment.trim().is_empty() {
            return Err(DomainError::from(super::msg::Msg::FieldEmpty { field: "comment".into() }));
        }
        super::text::text("comment", &self.comment, super::text::NOTE_CHARS)?;
        for r in &self.replies {
            super::text::text("text", &r.text, super::text::NOTE_CHARS)?;
        }
        Ok(())
    }

    /// An objection with no answer after it.
    pub fn objection_open(&self) -> bool {
        self.replies.last().is_some_and(|r| r.objection)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overall_360_averages_the_year_only() {
        let e = |year, score| Evaluation {
            seq: 0,
            employee_id: "E".parse().unwrap(),
            year,
            kind: EvaluationKind::ThreeSixty {
                relation: RaterRelation::Peer,
                dimension: "communication".into(),
            },
            score,
            on: Date::default(),
        };
        let all = [e(2026, 60.0), e(2026, 76.0), e(2025, 10.0)];
        assert_eq!(overall_360(&all, 2026), Some(68.0));
        assert_eq!(overall_360(&all, 2024), None);
    }
}
