//! `cadre import KIND FILE --init-map`: a commented starter mapping written from a foreign
//! file — our columns matched to its headers by name in both languages, date formats
//! detected from the values, and the distinct values of each translated column as keys.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;

use super::mapping::{is_ours, normal, vocabulary};
use super::{limits, ImportKind};
use crate::locale::Lang;
use crate::service::ServiceError;

/// Headers other systems use for each of our columns (compared without case, spaces,
/// `_` or `-`).
fn synonyms(kind: ImportKind, column: &str) -> &'static [&'static str] {
    match (kind, column) {
        (_, "id" | "employee_id") => &[
            "工号",
            "员工编号",
            "员工号",
            "人员编号",
            "职工号",
            "empno",
            "employeeid",
            "employeenumber",
            "employeeno",
            "staffid",
            "staffno",
            "personid",
            "personnelnumber",
            "workerid",
            "badge",
            "id",
        ],
        (_, "name") => &["姓名", "员工姓名", "name", "fullname", "employeename", "displayname"],
        (_, "department") => {
            &["部门", "部门名称", "所属部门", "department", "dept", "departmentname", "orgunit", "division"]
        }
        (_, "section") => &["科室", "处室", "班组", "section", "team", "unit", "subdepartment"],
        (_, "rank") => &["职级", "职务", "岗位", "rank", "jobtitle", "position", "joblevel", "title"],
        (_, "hire_date") => {
            &["入职日期", "入职时间", "hiredate", "dateofhire", "startdate", "joindate", "hired"]
        }
        (_, "status") => &["在职状态", "状态", "status", "employmentstatus"],
        (_, "skills") => &["技能", "skills"],
        (_, "certifications") => &["证书", "资格证书", "certifications", "certificates", "licenses"],
        (_, "projects") => &["项目", "项目经历", "projects"],
        (_, "team_management") => &["团队管理经历", "teammanagement"],
        (_, "aspiration") => &["职业规划", "aspiration", "careerplan", "careergoal"],
        (_, "wants_management") => &["意向管理岗", "wantsmanagement", "managementtrack"],
        (_, "year") => &["年度", "年份", "考核年度", "year", "reviewyear", "period", "fiscalyear"],
        (_, "grade") => {
            &["绩效等级", "等级", "考核结果", "grade", "performance", "performancerating", "ratinglabel"]
        }
        (_, "rank_pct") => &["排名百分位", "百分位", "rankpct", "percentile", "rankpercentile"],
        (ImportKind::Courses, "code") => &["课程代码", "课程编号", "code", "coursecode", "courseid"],
        (ImportKind::Courses, "title") => {
            &["课程名称", "课程", "title", "coursetitle", "coursename", "program", "programname"]
        }
        (_, "category") => &["类别", "课程类别", "category", "type"],
        (_, "hours") => &["学时", "课时", "hours", "durationhours", "credithours"],
        (_, "required") => &["必修", "required", "mandatory"],
        (_, "core") => &["核心", "core"],
        (_, "strategic") => &["战略", "strategic"],
        (_, "exam_pass_mark") => &["及格线", "exampassmark", "passmark", "passingscore"],
        (_, "completion_points") => &["完成积分", "completionpoints", "points"],
        (_, "course") => &[
            "课程",
            "课程代码",
            "课程名称",
            "course",
            "coursecode",
            "coursetitle",
            "coursename",
            "program",
            "programname",
            "training",
            "trainingname",
        ],
        (_, "due") => &["截止日期", "due", "duedate", "deadline"],
        (_, "hours_done") => &["已学学时", "hoursdone", "hourscompleted"],
        (_, "hours_required") => &["要求学时", "学时", "课时", "hoursrequired"],
        (_, "completed_on") => &["完成日期", "completedon", "completiondate", "datecompleted", "completed"],
        (_, "exams") => &["考试", "考试成绩", "exams", "examscores"],
        (_, "stage") => &["阶段", "stage"],
        (_, "version") => &["版本", "version"],
        (ImportKind::Reflections, "title") => &["标题", "title", "subject"],
        (_, "body") => &["正文", "内容", "心得", "body", "text", "content"],
        (_, "submitted_at") => &["提交时间", "submittedat", "submitted"],
        (_, "score") => &["分数", "得分", "成绩", "score"],
        (_, "comment") => &["评语", "comment", "comments"],
        (_, "decision") => &["结论", "decision"],
        (_, "reviewer") => &["评审人", "reviewer"],
        (_, "reviewed_at") => &["评审时间", "reviewedat", "reviewed"],
        (_, "kind") => &["类型", "测评类型", "kind", "evaluationtype"],
        (_, "relation") => &["评价关系", "relation", "rater", "ratergroup"],
        (_, "dimension") => &["维度", "dimension", "competency"],
        (_, "date") => &["日期", "date", "evaluationdate"],
        _ => &[],
    }
}

const EXIT_DATE: [&str; 7] =
    ["离职日期", "exitdate", "terminationdate", "termdate", "leavedate", "separationdate", "enddate"];

const DATE_COLUMNS: [&str; 6] = ["hire_date", "due", "completed_on", "date", "submitted_at", "reviewed_at"];
const CANDIDATE_FORMATS: [&str; 9] = [
    "%m/%d/%Y",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%m-%d-%Y",
    "%d-%m-%Y",
    "%Y年%m月%d日",
    "%Y%m%d",
    "%m/%d/%y",
    "%d/%m/%y",
];

fn squash(text: &str) -> String {
    normal(text).chars().filter(|c| !matches!(c, ' ' | '_' | '-' | '.')).collect()
}

/// The most rows read for values and dates.
const SAMPLE_ROWS: usize = 100_000;

/// The starter mapping's text for `file`.
pub fn starter(kind: ImportKind, file: &Path, lang: Lang) -> anyhow::Result<String> {
    let zh = lang == Lang::Zh;
    let source = file.display().to_string();
    let input = limits::open_input(file, limits::MAX_CSV_FILE)?;
    let (mut reader, _, headers) = super::import::open_csv(input, &source)?;
    let mut rows: Vec<csv::StringRecord> = Vec::new();
    for record in reader.records().take(SAMPLE_ROWS) {
        // a file that is not UTF-8 is said as the import says it
        rows.push(record.map_err(|e| ServiceError::Rows {
            file: source.clone(),
            problems: vec![super::import::csv_error(&source, e.position().map_or(0, |p| p.line()), &e)],
        })?);
    }
    let mut used = vec![false; headers.len()];
    let mut matched: Vec<(&'static str, bool, Option<usize>)> = Vec::new();
    for &(column, required) in kind.columns() {
        let found = synonyms(kind, column)
            .iter()
            .find_map(|s| headers.iter().enumerate().position(|(i, h)| !used[i] && squash(h) == squash(s)));
        if let Some(i) = found {
            used[i] = true;
        }
        matched.push((column, required, found));
    }
    let values = |i: usize| -> Vec<String> {
        let set: BTreeSet<String> = rows
            .iter()
            .filter_map(|r| r.get(i))
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        set.into_iter().collect()
    };
    let q = |s: &str| toml_string(s);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        if zh {
            format!("# cadre 导入映射（{}），由 {} 生成。\n# 每项写法见 README 的“Importing another system's export”一节。标 TODO 的项需要补全。", kind.name(), file.display())
        } else {
            format!("# cadre import mapping ({}), started from {}.\n# Each feature is shown in the README (\"Importing another system's export\"). Fill in what says TODO.", kind.name(), file.display())
        }
    );
    let _ = writeln!(out, "\n[columns]");
    let mut first_last = None;
    if kind == ImportKind::Employees && matched.iter().any(|(c, _, f)| *c == "name" && f.is_none()) {
        let first = headers
            .iter()
            .enumerate()
            .find(|(i, h)| !used[*i] && ["firstname", "givenname", "名"].contains(&squash(h).as_str()));
        let last = headers.iter().enumerate().find(|(i, h)| {
            !used[*i] && ["lastname", "surname", "familyname", "姓"].contains(&squash(h).as_str())
        });
        if let (Some((fi, f)), Some((li, l))) = (first, last) {
            used[fi] = true;
            used[li] = true;
            let chinese = f.chars().any(|c| c > '\u{2e80}');
            first_last = Some(if chinese { format!("{{{l}}}{{{f}}}") } else { format!("{{{f}}} {{{l}}}") });
        }
    }
    let pct_missing =
        kind == ImportKind::Performance && matched.iter().any(|(c, _, f)| *c == "rank_pct" && f.is_none());
    let rating = if pct_missing {
        headers.iter().enumerate().find(|(i, _)| {
            !used[*i]
                && squash(&headers[*i]) != "employeeid"
                && rows
                    .iter()
                    .filter_map(|r| r.get(*i))
                    .filter(|v| !v.trim().is_empty())
                    .all(|v| v.trim().parse::<f64>().is_ok())
                && rows.iter().any(|r| r.get(*i).is_some_and(|v| !v.trim().is_empty()))
        })
    } else {
        None
    }
    .map(|(i, h)| (i, h.clone()));
    if let Some((i, _)) = &rating {
        used[*i] = true;
    }
    let mut date_columns: Vec<(&'static str, usize)> = Vec::new();
    for (column, required, found) in &matched {
        match (found, *column == "name" && first_last.is_some()) {
            (_, true) => {
                let _ = writeln!(out, "name = {}", q(first_last.as_deref().unwrap_or_default()));
            }
            (Some(i), _) => {
                let header = &headers[*i];
                if header == column {
                    let _ = writeln!(
                        out,
                        "# {column} = {}    # {}",
                        q(header),
                        if zh { "同名，可省略" } else { "same name, may be left out" }
                    );
                } else {
                    let _ = writeln!(out, "{column} = {}", q(header));
                }
                if DATE_COLUMNS.contains(column) {
                    date_columns.push((column, *i));
                }
            }
            (None, _) if *column == "rank_pct" && rating.is_some() => {}
            (None, _) => {
                let what = match (required, zh) {
                    (true, true) => "TODO：必需，哪一列？也可以用 [constants]",
                    (true, false) => "TODO: required: which header? or a [constants] value",
                    (false, true) => "可选",
                    (false, false) => "optional",
                };
                let _ = writeln!(out, "# {column} = \"\"    # {what}");
            }
        }
    }
    let exit = if kind == ImportKind::Employees {
        headers
            .iter()
            .enumerate()
            .find(|(i, h)| !used[*i] && EXIT_DATE.contains(&squash(h).as_str()))
            .map(|(i, _)| i)
    } else {
        None
    };
    if let Some(i) = exit {
        used[i] = true;
        date_columns.push(("left_on", i));
    }
    if exit.is_some() || rating.is_some() {
        let _ = writeln!(out, "\n[derive]");
        if let Some(i) = exit {
            let _ = writeln!(
                out,
                "left_on = {}    # {}",
                q(&headers[i]),
                if zh {
                    "有日期且不晚于今天：离职"
                } else {
                    "a date not after today: the person has left"
                }
            );
        }
        if let Some((_, h)) = &rating {
            let _ = writeln!(
                out,
                "rank_pct = {{ percentile_of = {}, higher_is_better = true }}    # {}",
                q(h),
                if zh { "TODO：分数越高越好吗？" } else { "TODO: is a higher value better?" }
            );
        }
    }
    if kind == ImportKind::Performance && !matched.iter().any(|(c, _, f)| *c == "year" && f.is_some()) {
        let _ = writeln!(
            out,
            "\n[constants]\nyear = \"{}\"    # {}",
            chrono::Local::now().date_naive().format("%Y").to_string().parse::<i32>().unwrap_or(2025) - 1,
            if zh {
                "TODO：文件没有年度列，是哪一年？"
            } else {
                "TODO: the file has no year: which year is it?"
            }
        );
    }
    for (column, _, found) in &matched {
        let (Some(i), Some(ours)) = (found, vocabulary(column)) else { continue };
        let all = values(*i);
        let foreign = all.iter().filter(|v| !is_ours(column, v)).count();
        if foreign == 0 {
            continue;
        }
        let _ = writeln!(out, "\n[values.{column}]    # {}: {ours}", if zh { "我们的取值" } else { "ours" });
        for v in all.iter().take(60) {
            if is_ours(column, v) {
                let _ = writeln!(
                    out,
                    "{} = {}    # {}",
                    q(v),
                    q(v),
                    if zh { "已是我们的取值" } else { "already ours" }
                );
            } else {
                let _ = writeln!(out, "{} = \"TODO\"", q(v));
            }
        }
        if all.len() > 60 {
            let _ = writeln!(
                out,
                "# … {} {}",
                all.len() - 60,
                if zh {
                    "个其他取值：可用 \"*\" 默认值"
                } else {
                    "more values: a \"*\" default covers them"
                }
            );
        }
        let _ =
            writeln!(out, "# \"*\" = \"\"    # {}", if zh { "其他所有取值" } else { "every other value" });
    }
    let mut formats: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for (column, i) in &date_columns {
        let sample: Vec<String> = values(*i);
        if sample.is_empty() || sample.iter().all(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok()) {
            continue;
        }
        let fits: Vec<&str> = CANDIDATE_FORMATS
            .iter()
            .copied()
            .filter(|f| sample.iter().all(|v| NaiveDate::parse_from_str(v, f).is_ok()))
            .collect();
        match fits.as_slice() {
            [] => notes.push(if zh {
                format!("# TODO：{column} 列（“{}”）的日期格式未能识别", headers[*i])
            } else {
                format!("# TODO: the dates of {column} ('{}') match no usual format", headers[*i])
            }),
            [f, rest @ ..] => {
                if rest.iter().any(|r| super::parse::swapped(f, r)) {
                    notes.push(if zh {
                        format!("# 注意：{column} 列每个日都 ≤ 12，分不出日/月顺序；已选 {f}，请核对")
                    } else {
                        format!("# note: every day in {column} is ≤ 12, so day/month order cannot be told; {f} chosen, check it")
                    });
                }
                if !formats.iter().any(|x| x == f) {
                    formats.push(f.to_string());
                }
            }
        }
    }
    if !formats.is_empty() || !notes.is_empty() {
        let _ = writeln!(out, "\n[dates]");
        let list: Vec<String> = formats.iter().map(|f| q(f)).collect();
        let _ = writeln!(out, "formats = [{}]", list.join(", "));
        for n in notes {
            let _ = writeln!(out, "{n}");
        }
    }
    let unread: Vec<&String> =
        headers.iter().enumerate().filter(|(i, h)| !used[*i] && !h.is_empty()).map(|(_, h)| h).collect();
    if !unread.is_empty() {
        let list: Vec<&str> = unread.iter().map(|h| h.as_str()).collect();
        let _ = writeln!(
            out,
            "\n# {}: {}",
            if zh {
                "未读取的列（导入时用 --allow-extra 忽略，或在上面使用）"
            } else {
                "headers not read (use them above, or import with --allow-extra)"
            },
            list.join(", ")
        );
    }
    Ok(out)
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_us_export_gets_matched_columns_dates_values_and_a_template() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("hr.csv");
        std::fs::write(
            &file,
            "\u{feff}Emp No,First Name,Last Name,Dept,Section,Job Title,Hire Date,Exit Date\r\n\
             1001,Ann,Lee,Sales ,East,Unit Manager,3/14/2015,\r\n\
             1002,Bo,Chan,Sales,East,Production Technician I,12/1/2019,6/30/2024\r\n",
        )
        .unwrap();
        let text = starter(ImportKind::Employees, &file, Lang::En).unwrap();
        assert!(text.contains("id = \"Emp No\""), "{text}");
        assert!(text.contains("name = \"{First Name} {Last Name}\""), "{text}");
        assert!(text.contains("department = \"Dept\""), "{text}");
        assert!(text.contains("rank = \"Job Title\""), "{text}");
        assert!(text.contains("left_on = \"Exit Date\""), "{text}");
        assert!(text.contains("\"Unit Manager\" = \"TODO\""), "{text}");
        assert!(text.contains("formats = [\"%m/%d/%Y\"]"), "{text}");
        // the starter reads as TOML; its TODOs are refused until filled in
        let err = super::super::mapping::Mapping::parse(&text, Path::new("m.toml"), ImportKind::Employees)
            .unwrap_err();
        assert!(err.to_string().contains("into 'TODO'"), "{err}");
        let filled = text.replace("\"TODO\"", "\"普通员工\"");
        let mapping =
            super::super::mapping::Mapping::parse(&filled, Path::new("m.toml"), ImportKind::Employees);
        assert!(mapping.is_ok(), "{:?}\n{filled}", mapping.err());
    }
}
