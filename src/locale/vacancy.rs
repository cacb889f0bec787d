//! The words of the pipeline's last step in both languages: vacancy reasons and states,
//! quarters, the forecast and plan starts, appointment rates, and the vacancies tab.

use super::Lang;
use crate::domain::forecast::{AppointmentRate, Quarter, QuarterCell};
use crate::domain::vacancy::{VacancyReason, VacancyStatus};
use crate::domain::Date;
use crate::service::vacancy_types::{PlanStart, PoolRate};

pub fn reason(lang: Lang, r: VacancyReason) -> &'static str {
    match lang {
        Lang::Zh => r.zh(),
        Lang::En => match r {
            VacancyReason::Retirement => "retirement",
            VacancyReason::Transfer => "transfer",
            VacancyReason::NewPost => "new post",
            VacancyReason::Promotion => "promotion",
        },
    }
}

pub fn status(lang: Lang, s: VacancyStatus) -> &'static str {
    match (lang, s) {
        (Lang::Zh, VacancyStatus::Forecast) => "预计",
        (Lang::Zh, VacancyStatus::Open) => "空缺中",
        (Lang::Zh, VacancyStatus::Filled) => "已任用",
        (Lang::En, s) => s.code(),
    }
}

/// `2027 Q3` / `2027年Q3`.
pub fn quarter(lang: Lang, q: Quarter) -> String {
    lang.pick(format!("{}年Q{}", q.year, q.q), format!("{} Q{}", q.year, q.q))
}

/// `2027-04` as a month to start by.
pub fn month(d: Date) -> String {
    d.format("%Y-%m").to_string()
}

/// How the forecast of a quarter is made up: `历史 1.3 · 已登记 2 · 离任 1`.
pub fn quarter_parts(lang: Lang, c: &QuarterCell) -> String {
    lang.pick(
        format!("历史同期 {:.1} · 已登记 {} · 已知离任 {}", c.history, c.recorded, c.departures),
        format!("history {:.1} · on record {} · known departures {}", c.history, c.recorded, c.departures),
    )
}

/// One line of the forecast: `2027 Q3  3.3  (history … )`, the peak marked.
pub fn quarter_line(lang: Lang, c: &QuarterCell, peak: bool) -> String {
    let mark = if peak { lang.pick("  ▲ 高峰", "  ▲ peak") } else { "" };
    format!("{}  {:>4.1}  ({}){mark}", quarter(lang, c.quarter), c.expected(), quarter_parts(lang, c))
}

/// When a short department must start: `市场营销部 科长：预计 2，可立即任用 0；高峰 2027年Q3，
/// 最迟 2027-04 启动培养（还有 4 个月）`.
pub fn plan_start(lang: Lang, s: &PlanStart) -> String {
    let rank = super::labels::rank(lang, s.rank);
    let peak = s.peak.map(|q| quarter(lang, q));
    let when = if s.months_left == 0 {
        lang.pick("立即启动培养".to_string(), "start the plan now".to_string())
    } else {
        lang.pick(
            format!("最迟 {} 启动培养（还有 {} 个月）", month(s.start_by), s.months_left),
            format!(
                "start the plan by {} ({} month{} left)",
                month(s.start_by),
                s.months_left,
                if s.months_left == 1 { "" } else { "s" }
            ),
        )
    };
    match (lang, peak) {
        (Lang::Zh, Some(p)) => {
            format!(
                "{} {rank}：预计空缺 {}，可立即任用 {}；高峰 {p}，{when}",
                s.department, s.expected, s.ready_now
            )
        }
        (Lang::Zh, None) => {
            format!("{} {rank}：预计空缺 {}，可立即任用 {}；{when}", s.department, s.expected, s.ready_now)
        }
        (Lang::En, Some(p)) => format!(
            "{} {rank}: {} expected, {} ready now; peak {p}, {when}",
            s.department, s.expected, s.ready_now
        ),
        (Lang::En, None) => {
            format!("{} {rank}: {} expected, {} ready now; {when}", s.department, s.expected, s.ready_now)
        }
    }
}

/// `任用率 33.3%/60%`, or `任用率 —/60%` before anyone is admitted.
pub fn rate_short(lang: Lang, rate: &AppointmentRate, target: u8) -> String {
    let value = rate.percent().map_or("—".to_string(), |p| format!("{p:.0}%"));
    lang.pick(format!("任用率 {value}/{target}%"), format!("appointed {value}/{target}%"))
}

/// A pool's appointment rate in full.
pub fn rate_line(lang: Lang, r: &PoolRate, target: u8) -> String {
    let mark = match r.rate.percent() {
        Some(p) if p >= f64::from(target) => " ✓",
        Some(_) => " ✗",
        None => "",
    };
    let value = r.rate.percent().map_or("—".to_string(), |p| format!("{p:.1}%"));
    lang.pick(
        format!(
            "人才池 {} “{}”：一年内任用 {} / 在池 {} = {value}（目标 {target}%）{mark}",
            r.pool_id, r.name, r.rate.appointed_in_year, r.rate.base
        ),
        format!(
            "pool {} '{}': appointed within a year {} of {} = {value} (target {target}%){mark}",
            r.pool_id, r.name, r.rate.appointed_in_year, r.rate.base
        ),
    )
}

/// Bench months left: `，还有 3 个月（最迟 2027-02-28）`.
pub fn act_by(lang: Lang, months_left: u32, by: Date) -> String {
    if months_left == 0 {
        return lang.pick(format!("，须立即行动（{by}）"), format!(", act now (by {by})"));
    }
    lang.pick(
        format!("，还有 {months_left} 个月（最迟 {by}）"),
        format!(", {months_left} month{} left (by {by})", if months_left == 1 { "" } else { "s" }),
    )
}

pub fn forecast_heading(lang: Lang, lead: u8) -> String {
    lang.pick(
        format!("岗位空缺预测（按季度；储备不足的部门在高峰前 {lead} 个月启动培养）"),
        format!("Vacancy forecast per quarter (short departments start {lead} months before the peak)"),
    )
}

pub fn nobody_short(lang: Lang) -> &'static str {
    lang.pick("各部门的可立即任用人数都够用", "no department is short of people ready now")
}
