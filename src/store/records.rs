//! What every key of the store holds: each key prefix with its record type, so a restore
//! (and `cadre check`) can decode and validate every record before trusting a file.

use serde::de::DeserializeOwned;

use super::{chain::ChainHead, codec, keys};
use crate::domain::access::Operator;
use crate::domain::assessment::{Evaluation, StageReview};
use crate::domain::audit::AuditEvent;
use crate::domain::org::{Department, Employee};
use crate::domain::policy::Policy;
use crate::domain::pool::{Member, Pool};
use crate::domain::readiness::MemberFacts;
use crate::domain::reflection::Reflection;
use crate::domain::training::{Course, Enrollment, Plan, PointsEvent, Redemption};
use crate::domain::vacancy::{Appointment, Vacancy};

/// Checks one value of a kind.
type Checker = fn(&[u8]) -> Result<(), String>;

fn decode<T: DeserializeOwned>(value: &[u8]) -> Result<T, String> {
    codec::decode::<T>(value).map_err(|e| format!("does not decode ({e})"))
}

fn plain<T: DeserializeOwned>(value: &[u8]) -> Result<(), String> {
    decode::<T>(value).map(|_| ())
}

fn valid<T: DeserializeOwned, E: std::fmt::Display>(
    value: &[u8],
    check: impl Fn(&T) -> Result<(), E>,
) -> Result<(), String> {
    let record = decode::<T>(value)?;
    check(&record).map_err(|e| e.to_string())
}

/// Checks one record of the current schema: its key is known, its value decodes as the
/// key's record type and passes that type's own checks.
pub fn check(key: &[u8], value: &[u8]) -> Result<(), String> {
    let Ok(k) = std::str::from_utf8(key) else { return Err("the key is not UTF-8".into()) };
    match k.as_bytes() {
        keys::SCHEMA => return plain::<u32>(value),
        keys::POLICY => {
            let text = decode::<String>(value)?;
            return Policy::from_toml(&text).map(|_| ()).map_err(|e| format!("an unusable policy: {e}"));
        }
        keys::DEMO | keys::LOADING => return plain::<String>(value),
        keys::PENDING_COUNT => return plain::<i64>(value),
        keys::CHAIN => return plain::<ChainHead>(value),
        _ => {}
    }
    if k.starts_with(keys::SEQUENCE) {
        return plain::<u64>(value);
    }
    // longest prefixes first: `refx/` and `refp/` before `ref/`
    let table: [(&str, Checker); 26] = [
        (keys::REFLECTION_INDEX, plain::<u64>),
        (keys::DUE, plain::<super::due_index::DueEntry>),
        (keys::MANAGER, plain::<String>),
        (keys::GAP, plain::<super::gap_index::ScoreSum>),
        (keys::REMINDER_SENT, plain::<crate::domain::reminder::SentReminder>),
        (keys::PENDING_REFLECTION, plain::<()>),
        (keys::PENDING_BY_DEPARTMENT, plain::<()>),
        (keys::REFLECTION, |v| {
            valid::<Reflection, String>(v, |r| {
                if r.is_consistent() {
                    Ok(())
                } else {
                    Err("a reflection without versions, or whose state does not match its reviews".into())
                }
            })
        }),
        (keys::DEPARTMENT, plain::<Department>),
        (keys::EMPLOYEE, |v| valid(v, Employee::validate)),
        (keys::POOL, plain::<Pool>),
        (keys::MEMBER, |v| {
            valid::<Member, String>(v, |m| {
                if m.history_is_consistent() {
                    Ok(())
                } else {
                    Err("a member whose state does not follow from its history".into())
                }
            })
        }),
        (keys::COURSE, |v| valid(v, Course::validate)),
        (keys::ENROLLMENT, |v| valid(v, Enrollment::validate)),
        (keys::EVALUATION, |v| valid(v, Evaluation::validate)),
        (keys::POINTS, plain::<PointsEvent>),
        (keys::BALANCE, plain::<i64>),
        (keys::REDEMPTION, plain::<Redemption>),
        (keys::PLAN, plain::<Plan>),
        (keys::VACANCY, plain::<Vacancy>),
        (keys::APPOINTMENT, plain::<Appointment>),
        (keys::OPERATOR, |v| valid(v, Operator::validate)),
        (keys::AUDIT, plain::<AuditEvent>),
        (keys::READINESS, plain::<MemberFacts>),
        (keys::STAGE_REVIEW, |v| valid(v, StageReview::validate)),
        ("m/journal", |_| Err("an interrupted command's journal".into())),
    ];
    for (prefix, check) in table {
        if k.starts_with(prefix) {
            return check(value);
        }
    }
    Err("an unknown kind of record".into())
}
