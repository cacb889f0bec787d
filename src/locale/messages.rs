//! The wording of every message code in both languages.

use super::Lang;
use crate::domain::msg::Msg;

/// `msg` worded for a person reading `lang`.
pub fn render(msg: &Msg, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match msg {
        Msg::Text { text } => text.clone(),
        Msg::Io { path, error } => format!("{path}: {error}"),
        Msg::IdEmpty { what } => {
            if zh {
                format!("{}为空", field(what, lang))
            } else {
                format!("{} is empty", field(what, lang))
            }
        }
        Msg::IdBadChar { what, id, ch } => {
            if zh {
                format!("{}“{id}”含有不允许的字符“{ch}”（只允许字母、数字和 - _ .）", field(what, lang))
            } else {
                format!(
                    "{} '{id}' has a character that is not allowed: '{ch}' (letters, digits, - _ . only)",
                    field(what, lang)
                )
            }
        }
        Msg::IdTooLong { what, chars, max } => {
            if zh {
                format!("{}有 {chars} 个字符，最多 {max} 个", field(what, lang))
            } else {
                format!("{} has {chars} characters, at most {max} are allowed", field(what, lang))
            }
        }
        Msg::FieldTooLong { field: f, chars, max } => {
            if zh {
                format!("{}有 {chars} 个字符，最多 {max} 个", field(f, lang))
            } else {
                format!("{} has {chars} characters, at most {max} are allowed", field(f, lang))
            }
        }
        Msg::FieldControlChar { field: f } => {
            if zh {
                format!("{}含有控制字符（如终端转义序列），不能保存", field(f, lang))
            } else {
                format!("{} holds control characters (such as terminal escape sequences)", field(f, lang))
            }
        }
        Msg::FieldEmpty { field: f } => {
            if zh {
                format!("{}为空", field(f, lang))
            } else {
                format!("{} is empty", field(f, lang))
            }
        }
        Msg::OutOfRange { field: f, value, min, max } => {
            if zh {
                format!("{}为 {value}，超出 {min}–{max} 的范围", field(f, lang))
            } else {
                format!("{} {value} is outside {min}–{max}", field(f, lang))
            }
        }
        Msg::NotANumber { field: f, value } => {
            if zh {
                format!("{}：“{value}”不是数字", field(f, lang))
            } else {
                format!("{}: '{value}' is not a number", field(f, lang))
            }
        }
        Msg::DateOutOfRange { field: f, date, min, max } => {
            if zh {
                format!("{}为 {date}，不在 {min} 至 {max} 之间", field(f, lang))
            } else {
                format!("{} {date} is not between {min} and {max}", field(f, lang))
            }
        }
        Msg::NoUserName { uid } => {
            if zh {
                format!("无法确认你的身份：uid {uid} 没有用户名（passwd 条目）；cadre 不会以未知身份操作")
            } else {
                format!("cannot tell who you are: uid {uid} has no user name (passwd entry); cadre does not act for an unknown user")
            }
        }
        Msg::NotAnOperator { user, store } => {
            if zh {
                format!("用户 {user} 不是 {store} 的操作员；管理员可以用 `cadre operator add {user} --role hr` 添加")
            } else {
                format!("user '{user}' is not an operator of the store at {store}; an admin can add it with `cadre operator add {user} --role hr`")
            }
        }
        Msg::LastAdmin { user } => {
            if zh {
                format!("{user} 是唯一的管理员，不能改为其他角色；请先添加另一位管理员")
            } else {
                format!("{user} is the only admin and cannot take another role; add another admin first")
            }
        }
    }
}

/// A field or column name as a person reads it.
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
        other => return other.to_string(),
    }
    .to_string()
}
