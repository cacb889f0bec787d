//! Eligibility screening (资格审核): a pool's rules applied to one employee, rule by rule.

use serde::{Deserialize, Serialize};

use super::org::{Employee, EmploymentStatus, Rank};
use super::Date;
use crate::domain::policy::EligibilityRules;

/// Which rule a check is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    Active,
    RankBelowTarget,
    Tenure,
    PerformanceRank,
    TeamManagement,
    CareerPlan,
}

impl RuleKind {
    pub fn code(self) -> &'static str {
        match self {
            RuleKind::Active => "active",
            RuleKind::RankBelowTarget => "rank_below_target",
            RuleKind::Tenure => "tenure",
            RuleKind::PerformanceRank => "performance_rank",
            RuleKind::TeamManagement => "team_management",
            RuleKind::CareerPlan => "career_plan",
        }
    }
}

/// One rule's verdict with the person's value and the threshold, for display.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleCheck {
    pub rule: RuleKind,
    pub value: String,
    pub threshold: String,
    pub passed: bool,
}

/// Every rule's verdict for one employee; eligible when all pass.
pub fn screen(employee: &Employee, target: Rank, rules: &EligibilityRules, on: Date) -> Vec<RuleCheck> {
    let mut checks = vec![
        RuleCheck {
            rule: RuleKind::Active,
            value: employee.status.code().to_string(),
            threshold: "active".to_string(),
            passed: employee.status == EmploymentStatus::Active,
        },
        RuleCheck {
            rule: RuleKind::RankBelowTarget,
            value: employee.rank.code().to_string(),
            threshold: format!("below {}", target.code()),
            passed: employee.rank > target,
        },
    ];
    let tenure = employee.tenure_years(on);
    checks.push(RuleCheck {
        rule: RuleKind::Tenure,
        value: format!("{tenure:.1} y"),
        threshold: format!(">= {} y", rules.min_tenure_years),
        passed: tenure >= rules.min_tenure_years,
    });
    let latest = employee.latest_performance();
    checks.push(RuleCheck {
        rule: RuleKind::PerformanceRank,
        value: latest.map_or("none".to_string(), |p| format!("{}%", p.rank_pct)),
        threshold: format!("<= {}%", rules.max_performance_rank_pct),
        passed: latest.is_some_and(|p| p.rank_pct <= rules.max_performance_rank_pct),
    });
    if rules.min_team_management > 0 {
        let n = employee.team_management.len() as u32;
        checks.push(RuleCheck {
            rule: RuleKind::TeamManagement,
            value: n.to_string(),
            threshold: format!(">= {}", rules.min_team_management),
            passed: n >= rules.min_team_management,
        });
    }
    if rules.require_career_plan {
        checks.push(RuleCheck {
            rule: RuleKind::CareerPlan,
            value: if employee.wants_management { "yes" } else { "no" }.to_string(),
            threshold: "wants management".to_string(),
            passed: employee.wants_management && !employee.aspiration.trim().is_empty(),
        });
    }
    checks
}

/// True when every check passed.
pub fn is_eligible(checks: &[RuleCheck]) -> bool {
    checks.iter().all(|c| c.passed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::org::{Grade, PerformanceRecord};
    use crate::domain::policy::Policy;

    fn employee(hired: &str, rank_pct: f32) -> Employee {
        Employee {
            id: "E1".parse().unwrap(),
            name: "测试".into(),
            department: "市场部".into(),
            section: "一室".into(),
            rank: Rank::Staff,
            hire_date: hired.parse().unwrap(),
            status: EmploymentStatus::Active,
            performance: vec![PerformanceRecord::new(2025, Grade::A, rank_pct).unwrap()],
            skills: vec![],
            certifications: vec![],
            projects: vec![],
            team_management: vec![],
            aspiration: String::new(),
            wants_management: false,
            left_on: None,
        }
    }

    #[test]
    fn section_chief_rules_at_their_boundaries() {
        let policy = Policy::default();
        let rules = &policy.eligibility.section_chief;
        let on: Date = "2026-06-30".parse().unwrap();
        let ok = screen(&employee("2023-06-30", 30.0), Rank::SectionChief, rules, on);
        assert!(is_eligible(&ok), "{ok:?}");
        let short = screen(&employee("2023-07-15", 30.0), Rank::SectionChief, rules, on);
        assert!(!short.iter().find(|c| c.rule == RuleKind::Tenure).unwrap().passed);
        let low = screen(&employee("2020-01-01", 30.5), Rank::SectionChief, rules, on);
        let perf = low.iter().find(|c| c.rule == RuleKind::PerformanceRank).unwrap();
        assert!(!perf.passed);
        assert_eq!(perf.value, "30.5%");
    }

    #[test]
    fn manager_pool_needs_team_experience_and_a_career_plan() {
        let policy = Policy::default();
        let rules = &policy.eligibility.department_manager;
        let on: Date = "2026-06-30".parse().unwrap();
        let mut e = employee("2015-01-01", 10.0);
        e.rank = Rank::SectionChief;
        assert!(!is_eligible(&screen(&e, Rank::DepartmentManager, rules, on)));
        e.team_management.push("带领 6 人项目组".into());
        e.wants_management = true;
        e.aspiration = "三年内走向部门管理岗位".into();
        assert!(is_eligible(&screen(&e, Rank::DepartmentManager, rules, on)));
    }
}
