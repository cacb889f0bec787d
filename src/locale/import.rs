//! The words of imports: cell problems, references, re-import regressions, and the
//! grouped report of a refused file ("rank: 'X' ×1,321 (lines 2, 3, 7, …)").

use std::collections::{BTreeMap, BTreeSet};

use super::Lang;
use crate::domain::import_msg::{Expected, ImportMsg};
use crate::domain::msg::Msg;

fn expected(e: Expected, zh: bool) -> &'static str {
    match (e, zh) {
        (Expected::Number, true) => "数字",
        (Expected::Number, false) => "a number",
        (Expected::Year, true) => "年份",
        (Expected::Year, false) => "a year",
        (Expected::Hours, true) => "学时数",
        (Expected::Hours, false) => "a number of hours",
        (Expected::Score, true) => "0–100 的分数",
        (Expected::Score, false) => "a score 0–100",
        (Expected::Percentage, true) => "0–100 的百分比",
        (Expected::Percentage, false) => "a percentage 0–100",
        (Expected::Stage, true) => "阶段序号",
        (Expected::Stage, false) => "a stage number",
        (Expected::Version, true) => "版本号",
        (Expected::Version, false) => "a version number",
        (Expected::Points, true) => "积分数",
        (Expected::Points, false) => "a number of points",
        (Expected::Mark, true) => "0–100 的及格线",
        (Expected::Mark, false) => "a mark 0–100",
        (Expected::YesNo, true) => "是/否（yes/no）",
        (Expected::YesNo, false) => "yes/no",
        (Expected::Decision, true) => "通过/退回（accept/return）",
        (Expected::Decision, false) => "accept / return",
        (Expected::EvaluationKind, true) => "360 / 上级评价 / 理论测试",
        (Expected::EvaluationKind, false) => "360 / superior / theory",
    }
}

/// One import message.
pub fn render(m: &ImportMsg, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match m {
        ImportMsg::Empty => lang.pick("为空", "is empty").into(),
        ImportMsg::NotValid { value, expected: e } => {
            if zh {
                format!("“{value}”不是{}", expected(*e, zh))
            } else {
                format!("'{value}' is not {}", expected(*e, zh))
            }
        }
        ImportMsg::NotADate { value, formats, reads_as } => match (reads_as, zh) {
            (Some(f), true) => format!(
                "“{value}”不是日期（已试格式：{formats}）；按 {f} 可以读出——日和月的顺序可能反了，请检查映射的 [dates]"
            ),
            (Some(f), false) => format!(
                "'{value}' is not a date (formats tried: {formats}); it reads as {f}: day and month may be the other way round, check [dates] in the mapping"
            ),
            (None, true) => format!("“{value}”不是日期（已试格式：{formats}）"),
            (None, false) => format!("'{value}' is not a date (formats tried: {formats})"),
        },
        ImportMsg::DatesMixed { formats, lines } => {
            if zh {
                format!("同一列的日期按不同格式读出（{formats}；行 {lines}）：日和月可能被调换，请在 [dates] 中只保留一种格式")
            } else {
                format!("dates in this column were read with different formats ({formats}; lines {lines}): days and months may be swapped; keep one format in [dates]")
            }
        }
        ImportMsg::FieldCount { found, expected } => {
            if zh {
                format!("有 {found} 个字段，表头有 {expected} 个")
            } else {
                format!("{found} fields where the header has {expected}")
            }
        }
        ImportMsg::Unmapped { value, column, map, keys, nearest } => {
            let near = match (nearest, zh) {
                (Some(n), true) => format!("；最接近的是“{n}”"),
                (Some(n), false) => format!("; nearest: '{n}'"),
                (None, _) => String::new(),
            };
            if zh {
                format!("“{value}”不在 {map} 的 [values.{column}] 中（已有：{keys}）{near}")
            } else {
                format!("'{value}' is not in [values.{column}] of {map} (keys: {keys}){near}")
            }
        }
        ImportMsg::ColumnLeftOut { header } => {
            if zh {
                format!("未读取列“{header}”（--allow-extra）")
            } else {
                format!("column '{header}' left out (--allow-extra)")
            }
        }
        ImportMsg::MappedHeaderMissing { header, map } => {
            if zh {
                format!("{map} 读取的列“{header}”不在文件的表头中")
            } else {
                format!("{map} reads a column '{header}' that the file's header does not have")
            }
        }
        ImportMsg::Twice { key, first } => {
            if zh {
                format!("{key} 重复（第 {first} 行已有）")
            } else {
                format!("{key} twice (also on line {first})")
            }
        }
        ImportMsg::NoEmployee { id } => {
            if zh {
                format!("没有工号为 {id} 的员工")
            } else {
                format!("no employee {id}")
            }
        }
        ImportMsg::NoCourse { course } => {
            if zh {
                format!("课程目录中没有“{course}”（编号或名称）")
            } else {
                format!("no course '{course}' in the catalogue (by code or title)")
            }
        }
        ImportMsg::VersionGap { id, stage, found, expected } => {
            if zh {
                format!("{id} 第 {stage} 阶段：应为第 {expected} 版，文件中是第 {found} 版")
            } else {
                format!("{id} stage {stage}: version {found} where {expected} was expected")
            }
        }
        ImportMsg::EarlierNotReturned { id, stage } => {
            if zh {
                format!("{id} 第 {stage} 阶段：除最后一版外，每一版都应是被退回的")
            } else {
                format!("{id} stage {stage}: every version but the last must have been returned")
            }
        }
        ImportMsg::NeedScoreAndDecision => {
            lang.pick("评审需要同时有分数和结论", "a review needs both a score and a decision").into()
        }
        ImportMsg::AcceptedBelowPass { score, pass } => {
            if zh {
                format!("{score} 分却标为通过，及格线是 {pass}")
            } else {
                format!("accepted with {score} but the pass score is {pass}")
            }
        }
        ImportMsg::StageOutside { stage, stages } => {
            if zh {
                format!("第 {stage} 阶段不在 1–{stages} 之内")
            } else {
                format!("stage {stage} is outside 1–{stages}")
            }
        }
        ImportMsg::PercentileOfText { value, header } => {
            if zh {
                format!("百分位由“{header}”推算，但“{value}”不是数字")
            } else {
                format!("the percentile is derived from '{header}', but '{value}' is not a number")
            }
        }
        ImportMsg::GradeDisagrees { count, lines } => {
            if zh {
                format!("注意：{count} 行的绩效等级与推算的百分位明显不符（行 {lines}）")
            } else {
                format!("note: on {count} rows the grade and the derived percentile disagree strongly (lines {lines})")
            }
        }
        ImportMsg::Uncompleted { who, course, on } => {
            let who = lang.who(who);
            if zh {
                format!("{who} 已于 {on} 完成的课程“{course}”会变为未完成")
            } else {
                format!("{who}: course '{course}', completed on {on}, would become uncompleted")
            }
        }
        ImportMsg::ExamRemoved { who, course, score, on } => {
            let who = lang.who(who);
            if zh {
                format!("{who} 在“{course}”{on} 的考试成绩 {score} 会被删除")
            } else {
                format!("{who}: the exam of '{course}' on {on} ({score}) would be removed")
            }
        }
        ImportMsg::HoursLowered { who, course, from, to } => {
            let who = lang.who(who);
            if zh {
                format!("{who} 在“{course}”已学 {from} 学时，会降为 {to}")
            } else {
                format!("{who}: hours done in '{course}' would go down from {from} to {to}")
            }
        }
        ImportMsg::Unaccepted { who, stage } => {
            let who = lang.who(who);
            if zh {
                format!("{who} 第 {stage} 阶段已通过的心得会变为未通过")
            } else {
                format!("{who}: the accepted reflection of stage {stage} would no longer be accepted")
            }
        }
        ImportMsg::VersionsDropped { who, stage, from, to } => {
            let who = lang.who(who);
            if zh {
                format!("{who} 第 {stage} 阶段的心得会从 {from} 版减为 {to} 版")
            } else {
                format!("{who}: stage {stage} would go from {from} versions to {to}")
            }
        }
        ImportMsg::RegressionsRefused { count } => {
            if zh {
                format!("这次导入会撤销 {count} 项已有的进度，未写入任何内容；确需如此请加 --allow-regress（相应积分会被冲销）")
            } else {
                format!("this import would undo {count} recorded step{}; nothing was written. Add --allow-regress if that is meant (the points they earned are reversed)", plural(*count))
            }
        }
        ImportMsg::PointsReversed { count, points } => {
            if zh {
                format!("冲销 {count} 笔积分（共 {points} 分），其依据已不成立")
            } else {
                format!("{count} points event{} reversed ({points} points): their cause no longer holds", plural(*count))
            }
        }
        ImportMsg::MapSyntax { map, syntax } => {
            let detail = super::words::policy_problem(lang, syntax);
            if zh {
                format!("{map} 写法有误：{detail}")
            } else {
                format!("{map}: {detail}")
            }
        }
        ImportMsg::MapUnknownColumn { map, column, kind, columns } => {
            if zh {
                format!("{map}：“{column}”不是 {kind} 导入的列（可用的列：{columns}）")
            } else {
                format!("{map}: '{column}' is not a column of {kind} (columns: {columns})")
            }
        }
        ImportMsg::MapDeriveShape { map, column, want } => {
            if zh {
                format!("{map}：[derive] {column} 应写作 {column} = {want}")
            } else {
                format!("{map}: [derive] {column}: write {column} = {want}")
            }
        }
        ImportMsg::MapTwice { map, column } => {
            if zh {
                format!("{map}：“{column}”在 [columns] 与 [constants] 或 [derive] 中重复给出")
            } else {
                format!("{map}: '{column}' is given twice ([columns] and [constants] or [derive])")
            }
        }
        ImportMsg::MapDateFormat { map, format } => {
            if zh {
                format!("{map}：“{format}”不是日期格式（strftime 写法，如 %m/%d/%Y）")
            } else {
                format!("{map}: '{format}' is not a date format (strftime, e.g. %m/%d/%Y)")
            }
        }
        ImportMsg::MapSameKey { map, column, first, second } => {
            if zh {
                format!("{map}：[values.{column}] 中“{first}”与“{second}”忽略大小写和空格后相同")
            } else {
                format!("{map}: [values.{column}] has '{first}' and '{second}', the same value ignoring case and spaces")
            }
        }
        ImportMsg::MapBadTarget { map, column, key, value, allowed } => {
            if zh {
                format!("{map}：[values.{column}] 把“{key}”译为“{value}”，但这不是我们的取值（{allowed}）")
            } else {
                format!("{map}: [values.{column}] turns '{key}' into '{value}', which is not one of ours ({allowed})")
            }
        }
        ImportMsg::KeysUnused { map, column, keys, defaulted } => {
            if zh {
                format!("注意：{map} 的 [values.{column}] 中 {keys} 没有匹配任何一行；走了 \"*\" 默认值的有：{defaulted}（是否拼错？）")
            } else {
                format!("note: {keys} in [values.{column}] of {map} matched no row; values that took the \"*\" default: {defaulted} (a typo?)")
            }
        }
        ImportMsg::WhenMatchedNothing { column, header, want, seen } => {
            if zh {
                format!("注意：{column} 的条件（“{header}”为 {want}）没有一行满足，{column} 全部为空；文件中“{header}”的取值有：{seen}")
            } else {
                format!("note: the condition of {column} ('{header}' in {want}) held on no row, so {column} is blank everywhere; '{header}' has: {seen}")
            }
        }
        ImportMsg::FutureExits { count, lines } => {
            if zh {
                format!("注意：{count} 行的离职日期晚于今天，按在职导入，离职日期计入空缺预测（行 {lines}）")
            } else {
                format!("note: {count} exit date{} after today, kept as active with the date counted in the vacancy forecast (lines {lines})", plural(*count))
            }
        }
        ImportMsg::RetakesMerged { count } => {
            if zh {
                format!("{count} 行是同一人同一课程的重复记录（补考、重修），已合并：取最后的完成日期，保留全部考试")
            } else {
                format!("{count} row{} of the same person and course merged as retakes: the latest completion kept, every exam kept", plural(*count))
            }
        }
        ImportMsg::CoursesCreated { count, list } => {
            if zh {
                format!("新建 {count} 门课程：{list}")
            } else {
                format!("{count} course{} created: {list}", plural(*count))
            }
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// One problem found in a file: where, which column, what.
pub struct Problem<'a> {
    pub line: u64,
    pub column: &'a str,
    pub problem: &'a Msg,
}

/// The most groups a refused file's report shows.
pub const MAX_GROUPS: usize = 20;

/// A refused file: problems grouped by column and wording with a count and the first
/// lines, at most `MAX_GROUPS` groups, hints on what to do, the true number of bad rows.
pub fn grouped(source: &str, problems: &[Problem], lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut groups: BTreeMap<(String, String), Vec<u64>> = BTreeMap::new();
    let mut order: Vec<(String, String)> = Vec::new();
    let mut lines: BTreeSet<u64> = BTreeSet::new();
    let mut hints: Vec<String> = Vec::new();
    let regressions = problems
        .iter()
        .filter(|p| {
            matches!(
                p.problem,
                Msg::Import(m) if matches!(
                    **m,
                    ImportMsg::Uncompleted { .. }
                        | ImportMsg::ExamRemoved { .. }
                        | ImportMsg::HoursLowered { .. }
                        | ImportMsg::Unaccepted { .. }
                        | ImportMsg::VersionsDropped { .. }
                )
            )
        })
        .count();
    let mut examples: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    let mut single: BTreeMap<(String, String), String> = BTreeMap::new();
    for p in problems {
        let (text, example) = group_text(p.problem, lang);
        let key = (p.column.to_string(), text);
        let entry = groups.entry(key.clone()).or_default();
        if entry.is_empty() {
            order.push(key.clone());
            single.insert(key.clone(), super::render(p.problem, lang));
            if let Some(h) = hint(p, regressions, lang) {
                if !hints.contains(&h) {
                    hints.push(h);
                }
            }
        }
        if let Some(e) = example {
            let list = examples.entry(key).or_default();
            if list.len() < 3 && !list.contains(&e) {
                list.push(e);
            }
        }
        entry.push(p.line);
        lines.insert(p.line);
    }
    // the largest groups first; ties in file order
    order.sort_by_key(|k| std::cmp::Reverse(groups[k].len()));
    let mut out = Vec::new();
    for key in order.iter().take(MAX_GROUPS) {
        let at = &groups[key];
        let column = &key.0;
        let text = match (at.len(), examples.get(key)) {
            (1, _) => single[key].clone(),
            (_, Some(e)) if zh => format!("{}（如 {}）", key.1, e.join("、")),
            (_, Some(e)) => format!("{} (e.g. {})", key.1, e.join(", ")),
            _ => key.1.clone(),
        };
        let count = if at.len() > 1 { format!(" ×{}", thousands(at.len())) } else { String::new() };
        let column = if zh { super::words::field(column, lang) } else { column.clone() };
        out.push(if at.len() == 1 {
            // one place: FILE:LINE, as compilers say it (editors jump there)
            if zh {
                format!("{source}:{}：{column}：{text}", at[0])
            } else {
                format!("{source}:{}: {column}: {text}", at[0])
            }
        } else {
            let lines = crate::domain::import_msg::first_lines(at);
            if zh {
                format!("{source}：{column}：{text}{count}（行 {lines}）")
            } else {
                format!("{source}: {column}: {text}{count} (lines {lines})")
            }
        });
    }
    if order.len() > MAX_GROUPS {
        let rest: usize = order[MAX_GROUPS..].iter().map(|k| groups[k].len()).sum();
        out.push(if zh {
            format!("……另有 {} 类问题，共 {} 处", order.len() - MAX_GROUPS, thousands(rest))
        } else {
            format!(
                "… and {} more kinds of problem, {} problems between them",
                order.len() - MAX_GROUPS,
                thousands(rest)
            )
        });
    }
    out.extend(hints.into_iter().take(3));
    let bad = lines.iter().filter(|l| **l > 1).count();
    out.push(if zh {
        if bad == 0 {
            format!("{source} 的表头有问题；未写入任何内容")
        } else {
            format!("{source} 中有 {} 行有问题；未写入任何内容", thousands(bad))
        }
    } else if bad == 0 {
        format!("the header of {source} has problems; nothing was written")
    } else {
        format!("{} bad row{} in {source}; nothing was written", thousands(bad), plural(bad))
    });
    out.join("\n")
}

/// How problems group: the wording with the varying part (a date, an id) left out, and
/// that part as an example.
fn group_text(m: &Msg, lang: Lang) -> (String, Option<String>) {
    if let Msg::Import(b) = m {
        match b.as_ref() {
            ImportMsg::NotADate { value, formats, reads_as } => {
                let general = ImportMsg::NotADate {
                    value: "…".into(),
                    formats: formats.clone(),
                    reads_as: reads_as.clone(),
                };
                return (render(&general, lang), Some(value.clone()));
            }
            ImportMsg::NoEmployee { id } => {
                return (render(&ImportMsg::NoEmployee { id: "…".into() }, lang), Some(id.clone()));
            }
            _ => {}
        }
    }
    (super::render(m, lang), None)
}

/// What to do about a kind of problem, when there is something to say.
fn hint(p: &Problem, regressions: usize, lang: Lang) -> Option<String> {
    let zh = lang == Lang::Zh;
    if let Msg::NotOneOf { field, .. } = p.problem {
        if matches!(field.as_str(), "rank" | "status" | "grade" | "category" | "relation") {
            return Some(if zh {
                format!("  → 对方的取值要在映射的 [values.{field}] 中译成我们的（--map；用 --init-map 生成起始映射）")
            } else {
                format!("  → translate their values under [values.{field}] of a mapping (--map; --init-map starts one)")
            });
        }
    }
    let Msg::Import(m) = p.problem else { return None };
    match m.as_ref() {
        ImportMsg::Unmapped { column, map, .. } => Some(if zh {
            format!("  → 在 {map} 的 [values.{column}] 中加上这些值，或加一个 \"*\" 默认值")
        } else {
            format!("  → add them under [values.{column}] in {map}, or a \"*\" default")
        }),
        ImportMsg::NoEmployee { .. } => Some(
            lang.pick(
                "  → 员工要先导入：`cadre import employees FILE`",
                "  → employees are imported first: `cadre import employees FILE`",
            )
            .into(),
        ),
        ImportMsg::NoCourse { .. } => Some(
            lang.pick(
                "  → 课程要先导入（`cadre import courses FILE`），或加 `--create-courses` 按名称新建",
                "  → courses are imported first (`cadre import courses FILE`), or add `--create-courses` to create them by title",
            )
            .into(),
        ),
        ImportMsg::Uncompleted { .. }
        | ImportMsg::ExamRemoved { .. }
        | ImportMsg::HoursLowered { .. }
        | ImportMsg::Unaccepted { .. }
        | ImportMsg::VersionsDropped { .. } => Some(format!(
            "  → {}",
            render(&ImportMsg::RegressionsRefused { count: regressions }, lang)
        )),
        ImportMsg::NotADate { .. } | ImportMsg::DatesMixed { .. } => Some(if zh {
            "  → 在映射的 [dates] formats 中写明文件用的日期格式（如 \"%m/%d/%Y\"）".into()
        } else {
            "  → give the file's date format under [dates] formats of the mapping (e.g. \"%m/%d/%Y\")".into()
        }),
        _ => None,
    }
}

/// 1321 → "1,321".
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The heading of the regressions an allowed import made.
pub fn regressions_made(lang: Lang, n: usize) -> String {
    if lang == Lang::Zh {
        format!("撤销 {n} 项已有进度（--allow-regress）：")
    } else {
        format!("{n} recorded step{} undone (--allow-regress):", plural(n))
    }
}

/// How many records changed each field: "fields changed: due ×2".
pub fn fields_changed(lang: Lang, counts: &[(&str, usize)]) -> String {
    let zh = lang == Lang::Zh;
    let parts: Vec<String> =
        counts.iter().map(|(f, n)| format!("{} ×{}", super::words::field(f, lang), thousands(*n))).collect();
    if zh {
        format!("修改的字段：{}", parts.join("，"))
    } else {
        format!("fields changed: {}", parts.join(", "))
    }
}

/// One changed record of a dry run, field by field: (field, before, after).
pub fn record_changed(lang: Lang, line: u64, key: &str, fields: &[(&str, &str, &str)]) -> String {
    let zh = lang == Lang::Zh;
    let parts: Vec<String> =
        fields.iter().map(|(f, b, a)| format!("{} {b} → {a}", super::words::field(f, lang))).collect();
    if zh {
        format!("  第 {line} 行 {key}：{}", parts.join("；"))
    } else {
        format!("  line {line} {key}: {}", parts.join("; "))
    }
}

/// After the records shown: how many more changed.
pub fn more_changed(lang: Lang, n: usize) -> String {
    if lang == Lang::Zh {
        format!("  ……另有 {} 条记录有修改", thousands(n))
    } else {
        format!("  … and {} more changed", thousands(n))
    }
}
