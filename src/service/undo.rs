//! Taking things back, always as a command of its own in the audit, never by erasing:
//! reopening a review (with a reason kept beside it, and the points it earned reversed),
//! and undoing one's own last steps where the domain allows it.

use super::engine::{Applied, Engine};
use super::points::{self, Stamp};
use super::who::who;
use super::{ServiceError, ServiceResult};
use crate::domain::access::{Operator, Role};
use crate::domain::audit::AuditEvent;
use crate::domain::done::Done;
use crate::domain::msg::Msg;
use crate::domain::pool::Member;
use crate::domain::reflection::{Decision, Reflection};
use crate::domain::training::{Enrollment, PointsCause, PointsEvent};
use crate::domain::Timestamp;
use crate::store::{keys, Tx};

/// The JSON a record has now, as the audit writes records (to compare with an event's
/// `after`).
fn current_json(tx: &Tx, key: &str) -> ServiceResult<Option<String>> {
    let k = key.as_bytes();
    let json = |v: Option<serde_json::Value>| v.map(|v| v.to_string());
    Ok(if key.starts_with(keys::REFLECTION) && !key.starts_with(keys::REFLECTION_INDEX) {
        json(tx.get::<Reflection>(k)?.map(|r| serde_json::to_value(r).expect("json")))
    } else if key.starts_with(keys::MEMBER) {
        json(tx.get::<Member>(k)?.map(|r| serde_json::to_value(r).expect("json")))
    } else if key.starts_with(keys::ENROLLMENT) {
        json(tx.get::<Enrollment>(k)?.map(|r| serde_json::to_value(r).expect("json")))
    } else if key.starts_with(keys::POINTS) {
        json(tx.get::<PointsEvent>(k)?.map(|r| serde_json::to_value(r).expect("json")))
    } else if key.starts_with(keys::BALANCE) {
        json(tx.get::<i64>(k)?.map(|r| serde_json::to_value(r).expect("json")))
    } else {
        None
    })
}

/// The reversing ledger entries of `events`, dated `at`, with `reason`.
fn reverse_points(
    tx: &mut Tx,
    events: &[PointsEvent],
    op: &Operator,
    at: Timestamp,
    reason: &str,
) -> ServiceResult<i32> {
    let mut total = 0;
    for e in events {
        let stamp = Stamp { operator: &op.user, at, audited: true };
        points::append(
            tx,
            stamp,
            &e.employee_id,
            -e.points,
            PointsCause::Reversal { of: e.seq },
            reason.to_string(),
        )?;
        total -= e.points;
    }
    Ok(total)
}

impl Engine {
    /// Takes back a reflection's latest review.
    pub(super) fn reopen_review(
        &self,
        tx: &mut Tx,
        id: u64,
        reason: &str,
        op: &Operator,
        at: Timestamp,
    ) -> ServiceResult<Applied> {
        let key = keys::reflection(id);
        let mut r =
            tx.get::<Reflection>(&key)?.ok_or_else(|| ServiceError::not_found(Msg::NoReflection { id }))?;
        let before = r.clone();
        let review = r.reopen(reason, &op.user, at)?;
        let mut points = 0;
        if review.decision == Decision::Accept {
            let ledger = tx.scan_merged::<PointsEvent>(&keys::points_of(&r.employee_id))?;
            let earned: Vec<PointsEvent> = ledger
                .iter()
                .filter(|e| e.cause == PointsCause::ReflectionShared { reflection: id })
                .filter(|e| !ledger.iter().any(|x| x.cause == PointsCause::Reversal { of: e.seq }))
                .cloned()
                .collect();
            points = reverse_points(tx, &earned, op, at, reason)?;
        }
        tx.put(&key, &r)?;
        super::index::sync_pending(tx, Some(&before), &r)?;
        Ok(Applied::new(Done::ReviewReopened {
            who: who(&r.employee_id),
            stage: r.stage,
            score: review.score,
            points,
        }))
    }

    /// Reverses audit event `seq` where the domain allows it.
    pub(super) fn undo(&self, tx: &mut Tx, seq: u64, op: &Operator, at: Timestamp) -> ServiceResult<Applied> {
        let event = tx
            .get::<AuditEvent>(&keys::audit(seq))?
            .ok_or_else(|| ServiceError::not_found(Msg::NoAuditEvent { seq }))?;
        if event.operator != op.user && op.role != Role::Admin {
            return Err(ServiceError::denied(Msg::UndoOthers { seq, operator: event.operator }));
        }
        // what the event wrote must still be there as it wrote it
        for change in &event.changes {
            if let Some(after) = &change.after {
                if let Some(now) = current_json(tx, &change.key)? {
                    let same = serde_json::from_str::<serde_json::Value>(after).ok()
                        == serde_json::from_str::<serde_json::Value>(&now).ok();
                    if !same {
                        return Err(ServiceError::conflict(Msg::ChangedSince { seq }));
                    }
                }
            }
        }
        let reason = format!("undo #{seq}");
        let added_points: Vec<PointsEvent> = event
            .changes
            .iter()
            .filter(|c| c.key.starts_with(keys::POINTS) && c.before.is_none())
            .filter_map(|c| c.after.as_deref().and_then(|a| serde_json::from_str(a).ok()))
            .collect();
        let mut person: Option<crate::domain::org::EmployeeId> =
            added_points.first().map(|p| p.employee_id.clone());
        match event.command.as_str() {
            "review_reflection" => {
                let id = event
                    .changes
                    .iter()
                    .find_map(|c| {
                        c.key.strip_prefix(keys::REFLECTION).and_then(|rest| rest.parse::<u64>().ok())
                    })
                    .ok_or_else(|| {
                        ServiceError::invalid(Msg::CannotUndo { command: event.command.clone() })
                    })?;
                person = tx
                    .get::<crate::domain::reflection::Reflection>(&keys::reflection(id))?
                    .map(|r| r.employee_id);
                self.reopen_review(tx, id, &reason, op, at)?;
            }
            "transition_member" => {
                let change =
                    event.changes.iter().find(|c| c.key.starts_with(keys::MEMBER)).ok_or_else(|| {
                        ServiceError::invalid(Msg::CannotUndo { command: event.command.clone() })
                    })?;
                let key = change.key.as_bytes().to_vec();
                let mut member = tx
                    .get::<Member>(&key)?
                    .ok_or_else(|| ServiceError::invalid(Msg::ChangedSince { seq }))?;
                member.undo_admission(&reason, &op.user, at)?;
                person = Some(member.employee_id.clone());
                tx.put(&key, &member)?;
            }
            "grant_points" => {
                reverse_points(tx, &added_points, op, at, &reason)?;
            }
            "record_progress" => {
                let change =
                    event.changes.iter().find(|c| c.key.starts_with(keys::ENROLLMENT)).ok_or_else(|| {
                        ServiceError::invalid(Msg::CannotUndo { command: event.command.clone() })
                    })?;
                let before: Enrollment =
                    change.before.as_deref().and_then(|b| serde_json::from_str(b).ok()).ok_or_else(|| {
                        ServiceError::invalid(Msg::CannotUndo { command: event.command.clone() })
                    })?;
                tx.put(change.key.as_bytes(), &before)?;
                person = Some(before.employee_id.clone());
                reverse_points(tx, &added_points, op, at, &reason)?;
            }
            other => return Err(ServiceError::invalid(Msg::CannotUndo { command: other.to_string() })),
        }
        Ok(Applied::new(Done::Undone { seq, what: event.command, who: person.as_ref().map(super::who::who) }))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_members_who_can_be_undone_are_the_admitted() {
        use crate::domain::pool::{Member, MemberState};
        let mut m = Member::nominate(1, "E1".parse().unwrap(), "x".into(), "hr".into(), Default::default());
        assert!(m.undo_admission("undo", "hr", Default::default()).is_err());
        m.transition(MemberState::Admitted, "", "hr", Default::default()).unwrap();
        m.undo_admission("undo #3", "hr", Default::default()).unwrap();
        assert_eq!(m.state, MemberState::Nominated);
        assert!(m.history_is_consistent());
    }
}
