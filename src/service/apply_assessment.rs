//! Assessment commands: one 360 rating, superior evaluation or theory sitting at a time,
//! and the July / year-end stage reviews with objections and answers.

use super::command::Command;
use super::engine::{Applied, Engine};
use super::{ServiceError, ServiceResult};
use crate::domain::access::Operator;
use crate::domain::assessment::{EvaluationKind, StageReview, StageReviewReply};
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
                if !tx.exists(&keys::employee(&e.employee_id))? {
                    return Err(ServiceError::not_found(format!("no employee {}", e.employee_id)));
                }
                e.validate()?;
                if let EvaluationKind::ThreeSixty { dimension, .. } = &e.kind {
                    let dimensions = self.policy()?.assessment.dimensions;
                    if !dimensions.contains(dimension) {
                        return Err(ServiceError::invalid(format!(
                            "'{dimension}' is not a 360 dimension of the policy ({})",
                            dimensions.join(", ")
                        )));
                    }
                }
                e.seq = tx.next_seq("evaluation")?;
                tx.put(&keys::evaluation(&e.employee_id, e.seq), &e)?;
                let what = match &e.kind {
                    EvaluationKind::ThreeSixty { relation, dimension } => {
                        format!("360 {} {dimension}", relation.code())
                    }
                    other => other.code().to_string(),
                };
                Ok(Applied {
                    created: Some(e.seq),
                    ..Applied::summary(format!("{} {what} {} ({})", e.employee_id, e.score, e.year))
                })
            }
            Command::RecordStageReview(mut review) => {
                if !tx.exists(&keys::employee(&review.employee_id))? {
                    return Err(ServiceError::not_found(format!("no employee {}", review.employee_id)));
                }
                review.comment = review.comment.trim().to_string();
                review.validate()?;
                let key = keys::stage_review(&review.employee_id, review.year, review.kind.code());
                // Replacing a review keeps the conversation about it.
                if let Some(old) = tx.get::<StageReview>(&key)? {
                    review.replies = old.replies;
                }
                review.reviewer = op.user.clone();
                tx.put(&key, &review)?;
                Ok(Applied::summary(format!(
                    "{} {} {}: {}",
                    review.employee_id,
                    review.year,
                    review.kind.code(),
                    review.recommendation.code()
                )))
            }
            Command::ReplyStageReview { employee_id, year, kind, text, objection } => {
                let key = keys::stage_review(&employee_id, year, kind.code());
                let mut review = tx.get::<StageReview>(&key)?.ok_or_else(|| {
                    ServiceError::not_found(format!("no {} review of {employee_id} in {year}", kind.code()))
                })?;
                let text = text.trim().to_string();
                if text.is_empty() {
                    return Err(ServiceError::invalid("a reply needs some text"));
                }
                if !objection && !review.objection_open() {
                    return Err(ServiceError::invalid(format!(
                        "the {} review of {employee_id} in {year} has no open objection to answer",
                        kind.code()
                    )));
                }
                review.replies.push(StageReviewReply { author: op.user.clone(), text, objection, at });
                tx.put(&key, &review)?;
                Ok(Applied::summary(format!(
                    "{} {year} {}: {}",
                    employee_id,
                    kind.code(),
                    if objection { "objection recorded" } else { "objection answered" }
                )))
            }
            other => Err(ServiceError::invalid(format!("{} is not an assessment command", other.name()))),
        }
    }
}
