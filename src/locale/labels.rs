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
