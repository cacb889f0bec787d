//! Assessment commands: one 360 rating, superior evaluation or theory sitting at a time,
//! and the July / year-end stage reviews with objections and answers.

use super::command::Command;
use super::engine::{Applied, Engine};
use super::who::who;
use super::{ServiceError, ServiceResult};
use crate::domain::access::Operator;
use crate::domain::assessment::{EvaluationKind, StageReview, StageReviewReply};
use crate::domain::done::Done;
use crate::domain::msg::Msg;
use crate::domain::Timestamp;
use crate::store::{keys, Tx};

impl Engine {
    pub(super) fn apply_assessment(
        &self,
        tx: &mut Tx,
        command: Command,
        op: &Operator,
        at: Timestamp,
    ) -> ServiceResult<Applied> {
        match command {
            Command::RecordEvaluation(mut e) => {
                self.employee(tx, &e.employee_id)?;
                e.validate()?;
                if let EvaluationKind::ThreeSixty { dimension, .. } = &e.kind {
                    let dimensions = self.policy()?.assessment.dimensions;
                    if !dimensions.contains(dimension) {
                        return Err(ServiceError::invalid(Msg::NotADimension {
                            dimension: dimension.clone(),
                            dimensions,
                        }));
                    }
                }
                e.seq = tx.next_seq("evaluation")?;
                tx.put(&keys::evaluation(&e.employee_id, e.seq), &e)?;
                let (kind, dimension) = match &e.kind {
                    EvaluationKind::ThreeSixty { relation, dimension } => {
                        (format!("360 {}", relation.code()), Some(dimension.clone()))
                    }
                    other => (other.code().to_string(), None),
                };
                Ok(Applied {
                    created: Some(e.seq),
                    ..Applied::new(Done::EvaluationRecorded {
                        who: who(&e.employee_id),
                        kind,
                        dimension,
                        score: e.score,
                        year: e.year,
                    })
                })
            }
            Command::RecordStageReview(mut review) => {
                self.employee(tx, &review.employee_id)?;
                review.comment = review.comment.trim().to_string();
                review.validate()?;
                let key = keys::stage_review(&review.employee_id, review.year, review.kind.code());
                // Replacing a review keeps the conversation about it.
                if let Some(old) = tx.get::<StageReview>(&key)? {
                    review.replies = old.replies;
                }
                review.reviewer = op.user.clone();
                tx.put(&key, &review)?;
                Ok(Applied::new(Done::StageReviewRecorded {
                    who: who(&review.employee_id),
                    year: review.year,
                    kind: review.kind.code().to_string(),
                    recommendation: review.recommendation.code().to_string(),
                }))
            }
            Command::ReplyStageReview { employee_id, year, kind, text, objection } => {
                let key = keys::stage_review(&employee_id, year, kind.code());
                let mut review = tx.get::<StageReview>(&key)?.ok_or_else(|| {
                    ServiceError::not_found(Msg::NoStageReview {
                        who: who(&employee_id),
                        kind: kind.code().to_string(),
                        year,
                    })
                })?;
                let text = text.trim().to_string();
                if text.is_empty() {
                    return Err(ServiceError::invalid(Msg::FieldEmpty { field: "text".into() }));
                }
                crate::domain::text::text("text", &text, crate::domain::text::NOTE_CHARS)?;
                if !objection && !review.objection_open() {
                    return Err(ServiceError::invalid(Msg::NoOpenObjection {
                        who: who(&employee_id),
                        kind: kind.code().to_string(),
                        year,
                    }));
                }
                review.replies.push(StageReviewReply { author: op.user.clone(), text, objection, at });
                tx.put(&key, &review)?;
                Ok(Applied::new(Done::StageReviewReplied {
                    who: who(&employee_id),
                    year,
                    kind: kind.code().to_string(),
                    objection,
                }))
            }
            other => Err(ServiceError::invalid(Msg::Internal {
                what: format!("{} is not an assessment command", other.name()),
            })),
        }
    }
}
