//! Where a member and a reflection stand: the two state enums that messages name too
//! (their parsing, which can fail with a message, lives beside the records).

use serde::{Deserialize, Serialize};

/// Where a member stands. Nominated and admitted are live; the rest are final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberState {
    Nominated,
    Admitted,
    Disqualified,
    Withdrawn,
    Left,
    Appointed,
}

impl MemberState {
    pub const ALL: [MemberState; 6] = [
        MemberState::Nominated,
        MemberState::Admitted,
        MemberState::Disqualified,
        MemberState::Withdrawn,
        MemberState::Left,
        MemberState::Appointed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MemberState::Nominated => "nominated",
            MemberState::Admitted => "admitted",
            MemberState::Disqualified => "disqualified",
            MemberState::Withdrawn => "withdrawn",
            MemberState::Left => "left",
            MemberState::Appointed => "appointed",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            MemberState::Nominated => "已提名",
            MemberState::Admitted => "已入池",
            MemberState::Disqualified => "已取消资格",
            MemberState::Withdrawn => "已退出",
            MemberState::Left => "已离职",
            MemberState::Appointed => "已任用",
        }
    }

    /// Final states admit no further transition.
    pub fn is_final(self) -> bool {
        !matches!(self, MemberState::Nominated | MemberState::Admitted)
    }

    /// The states reachable from this one.
    pub fn next_states(self) -> &'static [MemberState] {
        use MemberState::*;
        match self {
            Nominated => &[Admitted, Disqualified, Withdrawn, Left],
            Admitted => &[Disqualified, Withdrawn, Left, Appointed],
            Disqualified | Withdrawn | Left | Appointed => &[],
        }
    }

    /// Whether moving to `to` needs a written reason.
    pub fn needs_reason(to: MemberState) -> bool {
        matches!(to, MemberState::Disqualified | MemberState::Withdrawn)
    }
}

/// Where a reflection stands: pending review, accepted, or returned for a rewrite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReflectionState {
    Pending,
    Accepted,
    Returned,
}

impl ReflectionState {
    pub fn code(self) -> &'static str {
        match self {
            ReflectionState::Pending => "pending",
            ReflectionState::Accepted => "accepted",
            ReflectionState::Returned => "returned",
        }
    }
}
