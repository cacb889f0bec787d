//! The enums' words in both languages: states, ranks, kinds, as a person reads them.

use super::Lang;
use crate::domain::access::Role;
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

/// The management ranks a form offers: `室主任/部门经理`.
pub fn management_ranks(lang: Lang) -> String {
    format!("{}/{}", rank(lang, Rank::SectionChief), rank(lang, Rank::DepartmentManager))
}

/// A management rank as a form takes it: its code, its Chinese title, or its label in the
/// session's language; staff is not one.
pub fn management_rank(lang: Lang, text: &str) -> Option<Rank> {
    Rank::parse(text)
        .ok()
        .or_else(|| Rank::ALL.into_iter().find(|r| rank(lang, *r) == text))
        .filter(|r| *r != Rank::Staff)
}

pub fn role(lang: Lang, r: Role) -> &'static str {
    match (lang, r) {
        (Lang::Zh, Role::Admin) => "管理员",
        (Lang::Zh, Role::Hr) => "人力资源",
        (Lang::Zh, Role::Manager) => "部门经理",
        (Lang::En, r) => r.code(),
    }
}

pub fn rule(lang: Lang, r: crate::domain::eligibility::RuleKind) -> &'static str {
    use crate::domain::eligibility::RuleKind;
    let (zh, en) = match r {
        RuleKind::Active => ("在职", "active"),
        RuleKind::RankBelowTarget => ("职级", "rank"),
        RuleKind::Tenure => ("司龄", "tenure"),
        RuleKind::PerformanceRank => ("绩效排名", "performance rank"),
        RuleKind::TeamManagement => ("团队管理经验", "team management"),
        RuleKind::CareerPlan => ("职业规划", "career plan"),
    };
    lang.pick(zh, en)
}

/// A screening rule's value as a person reads it; `None` when the label says it all
/// (active, career plan).
pub fn rule_value(lang: Lang, r: crate::domain::eligibility::RuleKind, value: &str) -> Option<String> {
    use crate::domain::eligibility::RuleKind;
    match r {
        RuleKind::Active | RuleKind::CareerPlan => None,
        RuleKind::RankBelowTarget => Some(
            crate::domain::org::Rank::parse(value)
                .map_or_else(|_| value.to_string(), |rank| self::rank(lang, rank).into()),
        ),
        RuleKind::Tenure => Some(match lang {
            Lang::Zh => value.replace(" y", " 年"),
            Lang::En => value.replace(" y", " years"),
        }),
        RuleKind::PerformanceRank => Some(match (lang, value) {
            (Lang::Zh, "none") => "无记录".into(),
            (Lang::En, "none") => "no record".into(),
            (Lang::Zh, v) => format!("前 {v}"),
            (Lang::En, v) => format!("top {v}"),
        }),
        RuleKind::TeamManagement => Some(match lang {
            Lang::Zh => format!("{value} 次"),
            Lang::En => format!("{value}×"),
        }),
    }
}
