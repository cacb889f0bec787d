//! A whole pool judged: every ranked member's verdict, best first (on two threads for a
//! large pool), and who changes level between two judgements (a what-if).

use serde::{Deserialize, Serialize};

use super::org::EmployeeId;
use super::readiness::{evaluate, is_ranked, Context, Level, MemberFacts, Verdict};

/// Evaluates every ranked member and orders them: level first, then composite, best
/// first. Flags the top `priority_top_pct` by performance among members still in the pool.
pub fn evaluate_pool(facts: &[MemberFacts], cx: &Context) -> Vec<Verdict> {
    let ranked: Vec<&MemberFacts> = facts.iter().filter(|f| is_ranked(f.state)).collect();
    // Large pools are evaluated on two threads (a what-if re-evaluates the whole pool).
    let mut verdicts: Vec<Verdict> = if ranked.len() >= 1000 {
        crate::domain::halves::in_two_halves(&ranked, |chunk| {
            chunk.iter().map(|f| evaluate(f, cx)).collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect()
    } else {
        ranked.iter().map(|f| evaluate(f, cx)).collect()
    };
    let mut by_performance: Vec<(usize, f32)> = ranked
        .iter()
        .enumerate()
        .filter(|(i, _)| verdicts[*i].level != Level::Disqualified)
        .filter_map(|(i, f)| f.latest_performance().map(|p| (i, p.rank_pct)))
        .collect();
    by_performance.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let live = verdicts.iter().filter(|v| v.level != Level::Disqualified).count();
    let top = (live * usize::from(cx.policy.readiness.priority_top_pct)).div_ceil(100);
    for (i, _) in by_performance.into_iter().take(top) {
        verdicts[i].priority = true;
    }
    verdicts.sort_by(|a, b| {
        a.level
            .cmp(&b.level)
            .then(b.composite.total.total_cmp(&a.composite.total))
            .then(a.employee_id.cmp(&b.employee_id))
    });
    verdicts
}

/// A member whose level differs between two evaluations (a what-if).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelChange {
    pub employee_id: EmployeeId,
    pub from: Level,
    pub to: Level,
    pub composite_from: f32,
    pub composite_to: f32,
}

/// Who changes level from `before` to `after`, biggest moves first.
pub fn level_changes(before: &[Verdict], after: &[Verdict]) -> Vec<LevelChange> {
    let old: std::collections::HashMap<&str, &Verdict> =
        before.iter().map(|v| (v.employee_id.as_str(), v)).collect();
    let mut out: Vec<LevelChange> = after
        .iter()
        .filter_map(|n| {
            let o = old.get(n.employee_id.as_str())?;
            (o.level != n.level).then(|| LevelChange {
                employee_id: n.employee_id.clone(),
                from: o.level,
                to: n.level,
                composite_from: o.composite.total,
                composite_to: n.composite.total,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        let d = |c: &LevelChange| (c.from as i32 - c.to as i32).abs();
        d(b).cmp(&d(a)).then(a.to.cmp(&b.to)).then(a.employee_id.cmp(&b.employee_id))
    });
    out
}
