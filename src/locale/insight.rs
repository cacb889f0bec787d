//! The words of the insight tab (人事大数据): the heatmap's headings, the ranked gaps, the
//! rates' labels.

use super::Lang;

pub struct Texts {
    zh: bool,
    pub department: &'static str,
    pub company: &'static str,
    pub ranked: &'static str,
    pub no_gap: &'static str,
    pub no_results: &'static str,
    pub views: [&'static str; 4],
    pub effects_title: &'static str,
}

impl Texts {
    pub fn no_course_for(&self, dimension: &str) -> String {
        if self.zh {
            format!("政策 [insight.recommend] 没有为“{dimension}”指定课程类别，或目录中没有这类课程")
        } else {
            format!("the policy's [insight.recommend] names no course category for '{dimension}', or the catalogue has none")
        }
    }

    pub fn pick_title(&self, department: &str, dimension: &str) -> String {
        let d = dimension_word(self.zh, dimension, false);
        if self.zh {
            format!("加入培养计划：{department}·{d}")
        } else {
            format!("Into the plan: {department} · {d}")
        }
    }

    pub fn gaps_summary(&self, n: usize) -> String {
        if self.zh {
            format!("低于全公司的部门指标 {n} 项")
        } else {
            format!("{n} department results below the company")
        }
    }

    pub fn rates_title(&self, first: &str, last: &str) -> String {
        if self.zh {
            format!("人才池各月末指标（{first} 至 {last}）")
        } else {
            format!("The pool at each month's end ({first} to {last})")
        }
    }
}

static ZH: Texts = Texts {
    zh: true,
    department: "部门",
    company: "全公司",
    ranked: "短板排序（低于全公司最多的在前）与推荐课程",
    no_gap: "没有低于全公司的部门指标",
    no_results: "还没有测评结果（360、理论测试、上级评价）",
    views: ["部门短板", "指标趋势", "课程效果", "积分与课程报表"],
    effects_title: "哪些课程带动绩效：完成者完成前一年与当年的公司排名（前 x%，越小越好）",
};

static EN: Texts = Texts {
    zh: false,
    department: "Department",
    company: "Company",
    ranked: "Gaps, largest first, with the courses that close them",
    no_gap: "No department result is below the company's",
    no_results: "No assessment results yet (360, theory, superior)",
    views: ["Gaps", "Rates", "Courses", "Reports"],
    effects_title: "Which courses move performance: completers' company ranking the year before and the year completed (top x %, lower is better)",
};

pub fn texts(lang: Lang) -> &'static Texts {
    lang.pick(&ZH, &EN)
}

fn dimension_word(zh: bool, d: &str, short: bool) -> String {
    match (d, zh, short) {
        ("theory", true, _) => "理论测试".into(),
        ("superior", true, _) => "上级评价".into(),
        ("theory", false, true) => "Theory".into(),
        ("superior", false, true) => "Superior".into(),
        ("theory", false, false) => "theory test".into(),
        ("superior", false, false) => "superior's evaluation".into(),
        (other, _, _) => other.to_string(),
    }
}

/// A dimension as a person reads it (360 dimensions are named by the policy).
pub fn dimension(lang: Lang, d: &str) -> String {
    dimension_word(lang == Lang::Zh, d, false)
}

/// A dimension as a column heading.
pub fn dimension_heading(lang: Lang, d: &str) -> String {
    dimension_word(lang == Lang::Zh, d, true)
}

/// `市场营销部 · 团队管理  68.0 / 全公司 80.5  −12.5  (n=24) → L101 L102`.
pub fn gap_line(
    lang: Lang,
    department: &str,
    dimension: &str,
    (avg, company, gap): (f64, f64, f64),
    n: u32,
    courses: &str,
) -> String {
    lang.pick(
        format!("{department} · {dimension}  {avg:.1} / 全公司 {company:.1}  {gap:+.1}（{n} 条）→ {courses}"),
        format!("{department} · {dimension}  {avg:.1} / company {company:.1}  {gap:+.1} (n={n}) → {courses}"),
    )
}

const RATES_ZH: [&str; 5] = ["培训覆盖率", "心得提交率", "参与度", "任用率", "平均积分"];
const RATES_EN: [&str; 5] =
    ["Training coverage", "Reflection submission", "Engagement", "Appointment rate", "Average points"];

/// `培训覆盖率 100.0%（目标 100%）`; average points without a percent sign.
pub fn rate_label(lang: Lang, i: usize, latest: Option<f64>, target: Option<u8>) -> String {
    let name = lang.pick(RATES_ZH[i], RATES_EN[i]);
    let unit = if i == 4 { "" } else { "%" };
    let value = latest.map_or("-".to_string(), |v| format!("{v:.1}{unit}"));
    match target {
        Some(t) => lang.pick(format!("{name} {value}（目标 {t}%）"), format!("{name} {value} (target {t}%)")),
        None => format!("{name} {value}"),
    }
}

/// `L101 领导力基础  前一年 前 32.0% → 当年 前 24.5%  (−7.5, 18 人)`, with a caution
/// when few completed it.
pub fn effect_line(
    lang: Lang,
    course: &str,
    title: &str,
    (before, after, change): (f64, f64, f64),
    n: u32,
    small: bool,
) -> String {
    let caution = if small {
        lang.pick("  ⚠ 样本少，仅供参考", "  ⚠ few completers, read with care")
    } else {
        ""
    };
    lang.pick(
        format!("{course} {title}  完成前一年 前 {before:.1}% → 完成当年 前 {after:.1}%（{change:+.1}，{n} 人）{caution}"),
        format!("{course} {title}  year before: top {before:.1}% → year completed: top {after:.1}%  ({change:+.1}, n={n}){caution}"),
    )
}

pub fn no_effects(lang: Lang) -> &'static str {
    lang.pick(
        "还没有可比较的数据（需要完成课程当年及前一年的绩效排名）",
        "nothing to compare yet (needs the ranking of the year a course was completed and the year before)",
    )
}

/// The reports' section headings: points ranking, course popularity, redemption.
pub fn report_heading(lang: Lang, i: usize) -> &'static str {
    const ZH: [&str; 3] = ["积分排行（前 20）", "课程热度与完成率", "积分兑换率"];
    const EN: [&str; 3] =
        ["Points ranking (top 20)", "Courses by popularity, with completion", "Redemption rate"];
    lang.pick(ZH[i], EN[i])
}

pub fn points_line(lang: Lang, rank: usize, who: &str, department: &str, points: i64) -> String {
    lang.pick(
        format!("{rank:>3}. {who}  {department}  {points} 分"),
        format!("{rank:>3}. {who}  {department}  {points} points"),
    )
}

pub fn course_line(lang: Lang, code: &str, title: &str, enrolled: u32, completed: u32) -> String {
    let pct = (f64::from(completed) * 1000.0 / f64::from(enrolled.max(1))).round() / 10.0;
    lang.pick(
        format!("{code} {title}：报名 {enrolled} 人，完成 {completed} 人（{pct:.1}%）"),
        format!("{code} {title}: {enrolled} enrolled, {completed} completed ({pct:.1}%)"),
    )
}

pub fn redemption_line(lang: Lang, redeemed: u32, eligible: u32) -> String {
    let pct = if eligible == 0 {
        "—".to_string()
    } else {
        format!("{:.1}%", f64::from(redeemed) * 100.0 / f64::from(eligible))
    };
    lang.pick(
        format!("可兑换（积分达到首个兑换档）的 {eligible} 人中已兑换 {redeemed} 人：{pct}"),
        format!("{redeemed} of the {eligible} who could redeem (balance at the first level) did: {pct}"),
    )
}
