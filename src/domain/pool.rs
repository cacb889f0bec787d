//! Talent pools (后备人才池) and their members, with the checked member state machine.

use serde::{Deserialize, Serialize};

use super::org::{EmployeeId, Rank};
pub use super::states::MemberState;
use super::{DomainError, Timestamp};
use crate::domain::policy::EligibilityRules;

pub type PoolId = u32;

/// A cohort per year and target rank, e.g. "2026 reserve section chiefs".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pool {
    pub id: PoolId,
    pub name: String,
    pub year: u16,
    pub target_rank: Rank,
    /// Copied from the policy when the pool is created; the pool keeps its own.
    pub rules: EligibilityRules,
    /// The day the cohort was closed: no one is nominated or admitted any more; its
    /// members stay, and may still be appointed.
    #[serde(default)]
    pub closed: Option<super::Date>,
}

impl MemberState {
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let t = text.trim();
        MemberState::ALL.into_iter().find(|s| t == s.code() || t == s.zh()).ok_or_else(|| {
            DomainError::from(super::msg::Msg::NotOneOf {
                field: "state".into(),
                value: t.into(),
                allowed: "nominated / admitted / disqualified / withdrawn / left / appointed".into(),
            })
        })
    }
}

/// One step in a member's history: who moved them, when and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateChange {
    pub from: Option<MemberState>,
    pub to: MemberState,
    pub reason: String,
    pub operator: String,
    pub at: Timestamp,
}

/// One person in one pool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub pool_id: PoolId,
    pub employee_id: EmployeeId,
    pub state: MemberState,
    pub history: Vec<StateChange>,
}

impl Member {
    /// A freshly nominated member.
    pub fn nominate(
        pool_id: PoolId,
        employee_id: EmployeeId,
        reason: String,
        operator: String,
        at: Timestamp,
    ) -> Member {
        Member {
            pool_id,
            employee_id,
            state: MemberState::Nominated,
            history: vec![StateChange { from: None, to: MemberState::Nominated, reason, operator, at }],
        }
    }

    /// Moves the member to `to`, or says why that is not allowed. Never a silent no-op.
    pub fn transition(
        &mut self,
        to: MemberState,
        reason: &str,
        operator: &str,
        at: Timestamp,
    ) -> Result<(), DomainError> {
        use super::msg::{Msg, Who};
        let from = self.state;
        let who = Who::id(self.employee_id.as_str());
        if from == to {
            return Err(DomainError::from(Msg::AlreadyInState { who, state: to, pool: self.pool_id }));
        }
        if !from.next_states().contains(&to) {
            return Err(DomainError::from(if from.is_final() {
                Msg::FinalState { who, from, to }
            } else if to == MemberState::Appointed {
                Msg::OnlyAdmittedAppointed { who }
            } else {
                Msg::BadTransition { who, from, to, next: from.next_states().to_vec() }
            }));
        }
        if MemberState::needs_reason(to) && reason.trim().is_empty() {
            return Err(DomainError::from(Msg::NeedsReason { who, to }));
        }
        super::text::text("reason", reason, super::text::NOTE_CHARS)?;
        self.history.push(StateChange {
            from: Some(from),
            to,
            reason: reason.trim().to_string(),
            operator: operator.to_string(),
            at,
        });
        self.state = to;
        Ok(())
    }

    /// Takes an admission back (an undo): the member is nominated again, and the history
    /// says so. Any other state cannot be undone this way.
    pub fn undo_admission(&mut self, reason: &str, operator: &str, at: Timestamp) -> Result<(), DomainError> {
        if self.state != MemberState::Admitted {
            return Err(DomainError::from(super::msg::Msg::FinalCannotUndo {
                who: super::msg::Who::id(self.employee_id.as_str()),
                state: self.state,
            }));
        }
        self.history.push(StateChange {
            from: Some(MemberState::Admitted),
            to: MemberState::Nominated,
            reason: reason.to_string(),
            operator: operator.to_string(),
            at,
        });
        self.state = MemberState::Nominated;
        Ok(())
    }

    /// Takes an appointment back (an audited reversal): the member is admitted again.
    pub fn reverse_appointment(
        &mut self,
        reason: &str,
        operator: &str,
        at: Timestamp,
    ) -> Result<(), DomainError> {
        if self.state != MemberState::Appointed {
            return Err(DomainError::from(super::msg::Msg::BadTransition {
                who: super::msg::Who::id(self.employee_id.as_str()),
                from: self.state,
                to: MemberState::Admitted,
                next: self.state.next_states().to_vec(),
            }));
        }
        self.history.push(StateChange {
            from: Some(MemberState::Appointed),
            to: MemberState::Admitted,
            reason: reason.to_string(),
            operator: operator.to_string(),
            at,
        });
        self.state = MemberState::Admitted;
        Ok(())
    }

    /// The history agrees with the current state: checked by `cadre check`.
    pub fn history_is_consistent(&self) -> bool {
        let mut state: Option<MemberState> = None;
        for change in &self.history {
            if change.from != state {
                return false;
            }
            if let Some(prev) = state {
                let undone_admission = prev == MemberState::Admitted && change.to == MemberState::Nominated;
                let reversed_appointment =
                    prev == MemberState::Appointed && change.to == MemberState::Admitted;
                if !prev.next_states().contains(&change.to) && !undone_admission && !reversed_appointment {
                    return false;
                }
            }
            state = Some(change.to);
        }
        state == Some(self.state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MemberState::*;

    fn member() -> Member {
        Member::nominate(1, "E1".parse().unwrap(), "screened".into(), "hr".into(), Timestamp::default())
    }

    fn at(states: &[MemberState]) -> Member {
        let mut m = member();
        for s in states {
            m.transition(*s, "why", "hr", Timestamp::default()).unwrap();
        }
        m
    }

    #[test]
    fn every_legal_transition_is_allowed_and_recorded() {
        for from_path in [&[][..], &[Admitted][..]] {
            let from = at(from_path);
            for to in from.state.next_states() {
                let mut m = from.clone();
                m.transition(*to, "reason", "op", Timestamp::default())
                    .unwrap_or_else(|e| panic!("{:?} -> {:?}: {e}", from.state, to));
                assert_eq!(m.state, *to);
                let last = m.history.last().unwrap();
                assert_eq!(last.from, Some(from.state));
                assert_eq!(last.operator, "op");
                assert!(m.history_is_consistent());
            }
        }
    }

    #[test]
    fn every_illegal_transition_is_an_error_that_says_why() {
        let paths: [&[MemberState]; 6] =
            [&[], &[Admitted], &[Disqualified], &[Withdrawn], &[Left], &[Admitted, Appointed]];
        for path in paths {
            let from = at(path);
            for to in MemberState::ALL {
                if from.state.next_states().contains(&to) {
                    continue;
                }
                let mut m = from.clone();
                let before = m.clone();
                let err = m
                    .transition(to, "reason", "op", Timestamp::default())
                    .expect_err("illegal transition accepted");
                assert!(err.to_string().contains(to.code()), "{err}");
                assert_eq!(m, before, "a refused transition changed the member");
            }
        }
    }

    #[test]
    fn nominated_cannot_be_appointed_directly() {
        let err = member().transition(Appointed, "", "op", Timestamp::default()).unwrap_err();
        assert!(err.to_string().contains("only an admitted member can be appointed"));
    }

    #[test]
    fn disqualify_and_withdraw_need_a_reason() {
        for to in [Disqualified, Withdrawn] {
            let err = member().transition(to, "  ", "op", Timestamp::default()).unwrap_err();
            assert!(err.to_string().contains("needs a reason"), "{err}");
        }
    }
}
