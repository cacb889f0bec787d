//! The enums' words in both languages: states, ranks, kinds, as a person reads them.

use super::Lang;
use crate::domain::org::Rank;
use crate::domain::pool::MemberState;
use crate::domain::reflection::ReflectionState;

pub fn member_state(lang: Lang, s: MemberState) -> &'static str {
    match lang {
        Lang::Zh => s.zh(),
        Lang::En => s.code(),
    }
}

pub fn reflection_state(lang: Lang, s: ReflectionState) -> &'static str {
    match (lang, s) {
        (Lang::Zh, ReflectionState::Pending) => "待评",
        (Lang::Zh, ReflectionState::Accepted) => "已通过",
        (Lang::Zh, ReflectionState::Returned) => "已退回",
        (Lang::En, s) => s.code(),
    }
}

pub fn rank(lang: Lang, r: Rank) -> &'static str {
    match lang {
        Lang::Zh => r.zh(),
        Lang::En => r.en(),
    }
}
