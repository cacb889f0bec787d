//! Reflections (心得) with every version kept, and the manager's reviews (点评).

use serde::{Deserialize, Serialize};

use super::org::EmployeeId;
pub use super::states::ReflectionState;
use super::{DomainError, Timestamp};

pub type ReflectionId = u64;

impl ReflectionState {
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        match text.trim() {
            "pending" | "待评" => Ok(ReflectionState::Pending),
            "accepted" | "通过" => Ok(ReflectionState::Accepted),
            "returned" | "退回" => Ok(ReflectionState::Returned),
            other => Err(DomainError::from(super::msg::Msg::NotOneOf {
                field: "state".into(),
                value: other.into(),
                allowed: "pending / accepted / returned, 待评 / 通过 / 退回".into(),
            })),
        }
    }
}

/// The reviewer's verdict on one version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Accept,
    Return,
}

/// A manager's score and comment on one version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub score: u8,
    pub comment: String,
    pub decision: Decision,
    pub reviewer: String,
    pub at: Timestamp,
}

/// One submitted text; a rewrite is a new version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReflectionVersion {
    pub title: String,
    pub body: String,
    pub submitted_at: Timestamp,
    pub review: Option<Review>,
}

/// The candidate's reply or objection to a review, and the reviewer's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    pub version: u32,
    pub author: String,
    pub text: String,
    pub at: Timestamp,
}

/// A review taken back (reopened by HR, or undone by its reviewer), kept with why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reopened {
    /// The version whose review it was.
    pub version: u32,
    pub review: Review,
    pub reason: String,
    pub by: String,
    pub at: Timestamp,
}

/// A candidate's reflection for one stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reflection {
    pub id: ReflectionId,
    pub employee_id: EmployeeId,
    pub stage: u8,
    pub versions: Vec<ReflectionVersion>,
    pub state: ReflectionState,
    pub replies: Vec<Reply>,
    /// Reviews taken back, oldest first.
    #[serde(default)]
    pub reopened: Vec<Reopened>,
}

/// Checks a handed-in text: a one-line title and a body within the limits.
pub fn check_submission(title: &str, body: &str) -> Result<(), DomainError> {
    super::text::line("title", title, super::text::TITLE_CHARS)?;
    if body.trim().is_empty() {
        return Err(DomainError::from(super::msg::Msg::FieldEmpty { field: "body".into() }));
    }
    super::text::text("body", body, super::text::TEXT_CHARS)
}

impl Reflection {
    /// Every version's text and review within the limits, reviews after submissions,
    /// and the state matching the reviews.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.versions.is_empty() {
            return Err(DomainError::from(super::msg::Msg::NoVersions));
        }
        for v in &self.versions {
            check_submission(&v.title, &v.body)?;
            if let Some(r) = &v.review {
                super::text::range("score", r.score, 0, 100)?;
                super::text::text("comment", &r.comment, super::text::NOTE_CHARS)?;
                if r.at < v.submitted_at {
                    return Err(DomainError::from(super::msg::Msg::ReviewBeforeSubmission));
                }
            }
        }
        for r in &self.replies {
            super::text::text("text", &r.text, super::text::NOTE_CHARS)?;
        }
        if !self.is_consistent() {
            return Err(DomainError::from(super::msg::Msg::ReflectionInconsistent));
        }
        Ok(())
    }

    pub fn latest(&self) -> &ReflectionVersion {
        self.versions.last().expect("a reflection has at least one version")
    }

    /// Records a review of the latest version under the policy's pass score.
    pub fn review(
        &mut self,
        score: u8,
        comment: &str,
        decision: Decision,
        pass_score: u8,
        reviewer: &str,
        at: Timestamp,
    ) -> Result<(), DomainError> {
        use super::msg::{Msg, Who};
        super::text::range("score", score, 0, 100)?;
        if self.state != ReflectionState::Pending {
            return Err(DomainError::from(Msg::NotPending {
                who: Who::id(self.employee_id.as_str()),
                stage: self.stage,
                state: self.state,
            }));
        }
        if decision == Decision::Accept && score < pass_score {
            return Err(DomainError::from(Msg::BelowPassScore { score, pass: pass_score }));
        }
        super::text::text("comment", comment, super::text::NOTE_CHARS)?;
        if decision == Decision::Return && comment.trim().is_empty() {
            return Err(DomainError::from(super::msg::Msg::ReturnNeedsComment));
        }
        self.state = match decision {
            Decision::Accept => ReflectionState::Accepted,
            Decision::Return => ReflectionState::Returned,
        };
        let version = self.versions.last_mut().expect("at least one version");
        version.review = Some(Review {
            score,
            comment: comment.trim().to_string(),
            decision,
            reviewer: reviewer.to_string(),
            at,
        });
        Ok(())
    }

    /// A rewrite after a return: a new pending version; earlier ones are kept.
    pub fn resubmit(&mut self, title: String, body: String, at: Timestamp) -> Result<(), DomainError> {
        if self.state != ReflectionState::Returned {
            return Err(DomainError::from(super::msg::Msg::NotReturned {
                who: super::msg::Who::id(self.employee_id.as_str()),
                stage: self.stage,
                state: self.state,
            }));
        }
        check_submission(&title, &body)?;
        self.versions.push(ReflectionVersion { title, body, submitted_at: at, review: None });
        self.state = ReflectionState::Pending;
        Ok(())
    }

    /// Takes back the latest version's review: the reflection is pending again and the
    /// review is kept in `reopened` with the reason. Only a reviewed reflection whose
    /// author has not handed in a rewrite since can be reopened.
    pub fn reopen(&mut self, reason: &str, by: &str, at: Timestamp) -> Result<Review, DomainError> {
        use super::msg::{Msg, Who};
        if reason.trim().is_empty() {
            return Err(DomainError::from(Msg::FieldEmpty { field: "reason".into() }));
        }
        super::text::text("reason", reason, super::text::NOTE_CHARS)?;
        let version = self.versions.len() as u32;
        let latest = self.versions.last_mut().ok_or_else(|| DomainError::from(Msg::NoVersions))?;
        let Some(review) = latest.review.take() else {
            return Err(DomainError::from(Msg::NotReviewed {
                who: Who::id(self.employee_id.as_str()),
                stage: self.stage,
            }));
        };
        self.reopened.push(Reopened {
            version,
            review: review.clone(),
            reason: reason.trim().to_string(),
            by: by.to_string(),
            at,
        });
        self.state = ReflectionState::Pending;
        Ok(review)
    }

    /// The state agrees with the latest version's review.
    pub fn is_consistent(&self) -> bool {
        let Some(last) = self.versions.last() else {
            return false;
        };
        let earlier_reviewed = self.versions[..self.versions.len() - 1]
            .iter()
            .all(|v| matches!(&v.review, Some(r) if r.decision == Decision::Return));
        let latest_ok = match (&last.review, self.state) {
            (None, ReflectionState::Pending) => true,
            (Some(r), ReflectionState::Accepted) => r.decision == Decision::Accept,
            (Some(r), ReflectionState::Returned) => r.decision == Decision::Return,
            _ => false,
        };
        earlier_reviewed && latest_ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending() -> Reflection {
        Reflection {
            id: 1,
            employee_id: "E1".parse().unwrap(),
            stage: 1,
            versions: vec![ReflectionVersion {
                title: "t".into(),
                body: "b".into(),
                submitted_at: Timestamp::default(),
                review: None,
            }],
            state: ReflectionState::Pending,
            replies: vec![],
            reopened: vec![],
        }
    }

    #[test]
    fn seventy_five_returned_rewritten_then_eighty_five_accepted() {
        let mut r = pending();
        let t = Timestamp::default();
        r.review(75, "缺乏团队管理的实际案例", Decision::Return, 80, "mgr", t).unwrap();
        assert_eq!(r.state, ReflectionState::Returned);
        r.resubmit("t2".into(), "b2".into(), t).unwrap();
        assert_eq!(r.state, ReflectionState::Pending);
        r.review(85, "", Decision::Accept, 80, "mgr", t).unwrap();
        assert_eq!(r.state, ReflectionState::Accepted);
        assert_eq!(r.versions.len(), 2, "every version kept");
        assert!(r.is_consistent());
    }

    #[test]
    fn seventy_nine_cannot_be_accepted_eighty_can() {
        let t = Timestamp::default();
        let err = pending().review(79, "ok", Decision::Accept, 80, "m", t).unwrap_err();
        assert!(err.to_string().contains("below 80"), "{err}");
        pending().review(80, "", Decision::Accept, 80, "m", t).unwrap();
    }

    #[test]
    fn returning_needs_a_comment_and_scores_stay_in_range() {
        let t = Timestamp::default();
        assert!(pending().review(60, " ", Decision::Return, 80, "m", t).is_err());
        assert!(pending().review(101, "x", Decision::Return, 80, "m", t).is_err());
    }
}
