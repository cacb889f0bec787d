//! The words of `cadre insight rates`: the heading with the targets, the columns, and the
//! sparkline lines.

use super::Lang;

/// `targets`: training coverage, reflection submission, appointment rate.
pub fn heading(lang: Lang, pool: &str, targets: [u8; 3]) -> String {
    let [coverage, submission, appointment] = targets;
    lang.pick(
        format!(
            "人才池“{pool}”各月末指标（目标：培训覆盖率 {coverage}%，心得提交率 {submission}%，任用率 {appointment}%）"
        ),
        format!(
            "Pool '{pool}' at each month's end (targets: training coverage {coverage}%, reflection submission {submission}%, appointment rate {appointment}%)"
        ),
    )
}

pub fn columns(lang: Lang) -> String {
    lang.pick(
        "月份      在池  培训覆盖率 心得提交率   参与度   任用率 平均积分".to_string(),
        "month     live   coverage reflections engaged appointed   points".to_string(),
    )
}

const NAMES_ZH: [&str; 5] = ["培训覆盖率", "心得提交率", "参与度", "任用率", "平均积分"];
const NAMES_EN: [&str; 5] =
    ["training coverage", "reflection submission", "engagement", "appointment rate", "average points"];

pub fn name(lang: Lang, i: usize) -> &'static str {
    lang.pick(NAMES_ZH[i], NAMES_EN[i])
}

pub fn sparkline_line(lang: Lang, name: &str, spark: &str, target: Option<u8>) -> String {
    match target {
        Some(t) => {
            lang.pick(format!("{name:<10} {spark}  目标 {t}%"), format!("{name:<22} {spark}  target {t}%"))
        }
        None => lang.pick(format!("{name:<10} {spark}"), format!("{name:<22} {spark}")),
    }
}
