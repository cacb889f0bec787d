//! Single words the messages share: a field's name and a command's name.

use super::Lang;

/// A record field as a person calls it.
pub fn field(code: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return code.replace('_', " ");
    }
    match code {
        "employee_id" | "id" => "工号",
        "name" => "姓名",
        "department" => "部门",
        "section" => "科室",
        "rank" => "职级",
        "hire_date" => "入职日期",
        "course" | "code" => "课程代码",
        "title" => "标题",
        "body" => "正文",
        "comment" => "评语",
        "reason" => "原因",
        "score" => "分数",
        "hours" => "学时",
        "hours_done" => "已学学时",
        "hours_required" => "要求学时",
        "due" => "截止日期",
        "year" => "年份",
        "date" => "日期",
        "operator" | "user" => "操作员",
        "status" => "在职状态",
        "left_on" => "离职日期",
        "skills" => "技能",
        "certifications" => "证书",
        "projects" => "项目经历",
        "team_management" => "团队管理经历",
        "aspiration" => "职业规划",
        "wants_management" => "意向管理岗",
        "performance" => "绩效",
        "grade" => "绩效等级",
        "rank_pct" => "排名百分位",
        "category" => "类别",
        "required" => "必修",
        "core" => "核心",
        "strategic" => "战略",
        "exam_pass_mark" => "考试及格线",
        "completion_points" => "完成积分",
        "completed_on" => "完成日期",
        "exams" | "attempts" => "考试",
        "kind" => "类型",
        "relation" => "评价关系",
        "dimension" => "维度",
        "stage" => "阶段",
        "version" | "versions" => "版本",
        "decision" => "结论",
        "reviewer" => "评审人",
        "submitted_at" => "提交时间",
        "reviewed_at" => "评审时间",
        "state" => "状态",
        "employees" => "员工",
        "performance records" => "绩效记录",
        "courses" => "课程",
        "enrollments" => "学习记录",
        "reflections" => "心得",
        "evaluations" => "测评",
        other => return other.to_string(),
    }
    .to_string()
}

/// A command as a person calls it.
pub fn command_word(lang: Lang, command: &str) -> String {
    let (zh, en) = match command {
        "transition_member" => ("成员状态变更", "a member's state change"),
        "review_reflection" => ("心得点评", "a reflection review"),
        "grant_points" => ("积分发放", "a points grant"),
        "record_progress" => ("学时或考试录入", "recorded hours or an exam"),
        "nominate" => ("提名", "a nomination"),
        "appoint" => ("任用", "an appointment"),
        "add_vacancy" => ("登记岗位空缺", "an opened vacancy"),
        "reverse_appointment" => ("撤回任用", "a reversed appointment"),
        "set_plan" => ("设定培养计划", "a plan set"),
        "record_reminder" => ("发送提醒", "a reminder sent"),
        "create_pool" => ("新建人才池", "a pool created"),
        "rename_pool" => ("人才池改名", "a pool renamed"),
        "close_pool" => ("结束人才池", "a pool closed"),
        other => return other.replace('_', " "),
    };
    lang.pick(zh, en).to_string()
}

/// What is wrong with a policy file.
pub fn policy_problem(lang: Lang, p: &crate::domain::policy::PolicyError) -> String {
    use crate::domain::policy::{PolicyError as P, SyntaxKind as K};
    if lang == Lang::En {
        return p.to_string();
    }
    match p {
        P::Syntax { line, column, kind, .. } => {
            let what = match kind {
                K::NumberRange => "数值超出该设置允许的范围",
                K::WrongType => "值的类型不对（例如应为数字却写了文字）",
                K::UnknownKey => "没有这个设置项",
                K::MissingKey => "缺少必需的设置项",
                K::Grammar => "不是合法的 TOML 写法",
            };
            format!("第 {line} 行第 {column} 列：{what}")
        }
        P::OutOfRange { key, value, range } => format!("{key} = {value} 超出范围 {range}"),
        P::AtLeastOne { key } => format!("{key} 至少要有一项（或至少为 1）"),
        P::NoZeroBand => "points.bands 需要一档 min = 0".to_string(),
        P::Twice { key, name } => format!("{key} 中「{name}」出现了两次"),
        P::NotAName { key, name } => {
            format!("{key} 中「{name}」不是合法名称（最多 64 个字符，不含控制字符）")
        }
        P::NotADimension { key, name } => {
            format!("{key} 中「{name}」既不是 360 测评维度，也不是 theory 或 superior")
        }
        P::Below { key, value, other, other_value } => {
            format!("{key} = {value} 低于 {other} = {other_value}")
        }
        P::Above { key, value, other, other_value } => {
            format!("{key} = {value} 高于 {other} = {other_value}")
        }
        P::NotHundred { key, parts, sum } => format!("{key}：{parts} 合计 {sum}，应为 100"),
    }
}
