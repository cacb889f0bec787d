//! Words and numbers of readiness for people: level and gate names, a gate's value
//! against its threshold, what is left to do with its estimate, in Chinese or English.
//! Shared by the TUI's readiness panel and the printed reports.

pub mod candidate;
pub mod insight;
pub mod pool;
pub mod sheets;

use crate::domain::readiness::{Gate, GateKind, Level, Todo};
use crate::domain::readiness_score::Component;
use crate::locale::Lang;

pub fn level(lang: Lang, level: Level) -> &'static str {
    match (lang, level) {
        (Lang::Zh, Level::ReadyNow) => "可立即任用",
        (Lang::Zh, Level::ReadySoon) => "1-2年内可任用",
        (Lang::Zh, Level::Developing) => "培养中",
        (Lang::Zh, Level::Disqualified) => "不合格",
        (Lang::En, Level::ReadyNow) => "ready now",
        (Lang::En, Level::ReadySoon) => "ready in 1-2 years",
        (Lang::En, Level::Developing) => "developing",
        (Lang::En, Level::Disqualified) => "disqualified",
    }
}

/// A short badge for narrow columns.
pub fn level_badge(lang: Lang, level: Level) -> &'static str {
    match (lang, level) {
        (Lang::Zh, Level::ReadyNow) => "可任用",
        (Lang::Zh, Level::ReadySoon) => "1-2年",
        (Lang::Zh, Level::Developing) => "培养中",
        (Lang::Zh, Level::Disqualified) => "不合格",
        (Lang::En, Level::ReadyNow) => "READY",
        (Lang::En, Level::ReadySoon) => "1-2 YRS",
        (Lang::En, Level::Developing) => "DEVELOP",
        (Lang::En, Level::Disqualified) => "OUT",
    }
}

/// The gates not passed, in words (`核心课程、阶段心得`); none when every gate passed.
pub fn failing_gates(lang: Lang, gates: &[GateKind]) -> Option<String> {
    (!gates.is_empty())
        .then(|| gates.iter().map(|g| gate_name(lang, *g)).collect::<Vec<_>>().join(lang.pick("、", ", ")))
}

pub fn gate_name(lang: Lang, gate: GateKind) -> &'static str {
    let (zh, en) = match gate {
        GateKind::Tenure => ("司龄", "tenure"),
        GateKind::ThreeSixty => ("360测评", "360"),
        GateKind::Theory => ("理论测试", "theory test"),
        GateKind::CoreCourses => ("核心课程", "core courses"),
        GateKind::Reflections => ("阶段心得", "reflections"),
        GateKind::ImprovementCase => ("改善案例", "improvement case"),
        GateKind::Points => ("培训积分", "points"),
    };
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}

pub fn component_name(lang: Lang, c: Component) -> &'static str {
    let (zh, en) = match c {
        Component::Training => ("培训完成", "training"),
        Component::Performance => ("绩效", "performance"),
        Component::Theory => ("理论测试", "theory"),
        Component::ThreeSixty => ("360测评", "360"),
        Component::Superior => ("上级评价", "superior"),
        Component::Reflections => ("心得", "reflections"),
    };
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}

fn num(v: f64) -> String {
    if v.fract().abs() < 1e-9 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// The gate's value against its threshold: "68 < 70", "3/4 >= 80", "11.7年 >= 3年".
pub fn gate_value(lang: Lang, g: &Gate) -> String {
    let zh = lang == Lang::Zh;
    let cmp = if g.passed { ">=" } else { "<" };
    match (g.gate, g.value) {
        (GateKind::ThreeSixty, None) => (if zh { "未测评" } else { "not assessed" }).into(),
        (GateKind::Theory, None) => (if zh { "未考试" } else { "not sat" }).into(),
        (GateKind::Tenure, Some(v)) => {
            let y = if zh { "年" } else { " y" };
            format!("{}{y} {cmp} {}{y}", num(v), num(g.threshold))
        }
        (GateKind::CoreCourses, Some(v)) => {
            let of = g.of.unwrap_or(0);
            if zh {
                format!("{}/{of} 门完成, 考试 >= {}", num(v), num(g.threshold))
            } else {
                format!("{}/{of} done, exam >= {}", num(v), num(g.threshold))
            }
        }
        (GateKind::Reflections, Some(v)) => {
            let of = g.of.unwrap_or(0);
            if zh {
                format!("{}/{of} 阶段 >= {}分", num(v), num(g.threshold))
            } else {
                format!("{}/{of} stages >= {}", num(v), num(g.threshold))
            }
        }
        (GateKind::ImprovementCase, _) => match (zh, g.passed) {
            (true, true) => "经理已认可".into(),
            (true, false) => "无".into(),
            (false, true) => "approved".into(),
            (false, false) => "none".into(),
        },
        (_, Some(v)) => format!("{} {cmp} {}", num(v), num(g.threshold)),
        (_, None) => "-".into(),
    }
}

/// "about 5 weeks" / "约 5 周"; months beyond 12 weeks.
pub fn duration(lang: Lang, weeks: u32) -> String {
    let zh = lang == Lang::Zh;
    if weeks > 12 {
        let months = (f64::from(weeks) / 4.35).round() as u32;
        if zh {
            format!("约 {months} 个月")
        } else {
            format!("about {months} months")
        }
    } else if zh {
        format!("约 {weeks} 周")
    } else {
        format!("about {weeks} week{}", if weeks == 1 { "" } else { "s" })
    }
}

/// One thing left to do, with its estimate.
pub fn todo(lang: Lang, t: &Todo) -> String {
    let zh = lang == Lang::Zh;
    let est = t.weeks().map(|w| duration(lang, w)).unwrap_or_default();
    match t {
        Todo::Courses { courses, hours, .. } => {
            let list = courses.join(", ");
            if zh {
                format!(
                    "完成 {} 门核心课程 ({list}), 剩 {} 学时, {est}",
                    courses.len(),
                    num(f64::from(*hours))
                )
            } else {
                format!(
                    "finish {} core course{} ({list}), {} h left, {est}",
                    courses.len(),
                    if courses.len() == 1 { "" } else { "s" },
                    num(f64::from(*hours))
                )
            }
        }
        Todo::Reflections { stages, .. } => {
            let list: Vec<String> = stages.iter().map(u8::to_string).collect();
            if zh {
                format!("第 {} 阶段心得提交或重写至合格, {est}", list.join("、"))
            } else {
                format!("stage {} reflection handed in or rewritten to the pass mark, {est}", list.join(", "))
            }
        }
        Todo::ImprovementCase { .. } => {
            if zh {
                format!("完成改善案例并经经理认可, {est}")
            } else {
                format!("an improvement case approved by the manager, {est}")
            }
        }
        Todo::Points { missing, .. } => {
            if zh {
                format!("还差 {missing} 积分, {est}")
            } else {
                format!("{missing} more points, {est}")
            }
        }
        Todo::Theory { .. } => {
            if zh {
                format!("重新培训后补考理论测试, {est}")
            } else {
                format!("retraining and a theory retake, {est}")
            }
        }
        Todo::Assess360 => (if zh { "尚无360测评, 需安排" } else { "no 360 yet: one must be run" }).into(),
        Todo::Tenure { years, .. } => {
            if zh {
                format!("司龄还差 {} 年, {est}", num(*years))
            } else {
                format!("{} more years of tenure, {est}", num(*years))
            }
        }
        Todo::Composite { missing } => {
            if zh {
                format!("综合分还差 {} 分", num(f64::from(*missing)))
            } else {
                format!("composite {} points short of ready now", num(f64::from(*missing)))
            }
        }
    }
}

/// The whole of what is left, in one line: "2 courses, about 5 weeks".
pub fn left_summary(lang: Lang, todos: &[Todo], weeks: Option<u32>) -> String {
    if todos.is_empty() {
        return (if lang == Lang::Zh { "无" } else { "nothing" }).into();
    }
    let zh = lang == Lang::Zh;
    let items: Vec<String> = todos
        .iter()
        .map(|t| match t {
            Todo::Courses { courses, .. } => {
                if zh {
                    format!("{}门课", courses.len())
                } else {
                    format!("{} course{}", courses.len(), if courses.len() == 1 { "" } else { "s" })
                }
            }
            Todo::Reflections { stages, .. } => {
                if zh {
                    format!("{}篇心得", stages.len())
                } else {
                    format!("{} reflection{}", stages.len(), if stages.len() == 1 { "" } else { "s" })
                }
            }
            Todo::ImprovementCase { .. } => (if zh { "改善案例" } else { "case" }).into(),
            Todo::Points { missing, .. } => {
                if zh {
                    format!("{missing}积分")
                } else {
                    format!("{missing} pts")
                }
            }
            Todo::Theory { .. } => (if zh { "理论补考" } else { "theory retake" }).into(),
            Todo::Assess360 => (if zh { "360待测" } else { "360 due" }).into(),
            Todo::Tenure { .. } => (if zh { "司龄" } else { "tenure" }).into(),
            Todo::Composite { missing } => {
                if zh {
                    format!("综合分差{}", num(f64::from(*missing)))
                } else {
                    format!("composite -{}", num(f64::from(*missing)))
                }
            }
        })
        .collect();
    let sep = if zh { "、" } else { ", " };
    match weeks {
        Some(w) => format!("{}, {}", items.join(sep), duration(lang, w)),
        None => items.join(sep),
    }
}
