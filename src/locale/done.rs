//! The wording of what a command did, in both languages.

use super::labels::{member_state, reflection_state};
use super::words::command_word;
use super::Lang;
use crate::domain::done::Done;

/// `done` worded for a person reading `lang`.
pub fn render(done: &Done, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let w = |who| lang.who(who);
    let pick = |a: String, b: String| if zh { a } else { b };
    match done {
        Done::StoreCreated { path, admin } => {
            pick(format!("已在 {path} 新建存储；{admin} 是管理员"), format!("store created at {path}; {admin} is its admin"))
        }
        Done::OperatorSet { user, role, department } => {
            let dept = department.as_deref().unwrap_or("");
            match (zh, department.is_some()) {
                (true, true) => format!("操作员 {user}：{role}（{dept}）"),
                (true, false) => format!("操作员 {user}：{role}"),
                (false, true) => format!("operator {user} is {role} of {dept}"),
                (false, false) => format!("operator {user} is {role}"),
            }
        }
        Done::PolicyReplaced => lang.pick("政策已更新", "policy replaced").into(),
        Done::PoolCreated { pool, name } => {
            pick(format!("已新建人才池 {pool}“{name}”"), format!("pool {pool} '{name}' created"))
        }
        Done::ReminderRecorded { channel, recipient, people, items, failure } => match failure {
            None => pick(
                format!("提醒已发送：{channel} → {recipient}（{people} 人，{items} 项）"),
                format!("reminder sent: {channel} → {recipient} ({people} people, {items} items)"),
            ),
            Some(f) => pick(
                format!("提醒发送失败：{channel} → {recipient}：{f}"),
                format!("reminder failed: {channel} → {recipient}: {f}"),
            ),
        },
        Done::PoolRenamed { pool, from, name } => pick(
            format!("人才池 {pool}“{from}”已改名为“{name}”"),
            format!("pool {pool} '{from}' renamed '{name}'"),
        ),
        Done::PoolClosed { pool, name, on } => pick(
            format!("人才池 {pool}“{name}”已于 {on} 结束：不再提名或入池，成员仍可任用"),
            format!("pool {pool} '{name}' closed on {on}: no more nominations or admissions; its members may still be appointed"),
        ),
        Done::Nominated { pool, people } => {
            let names: Vec<String> = people.iter().take(10).map(w).collect();
            let more = people.len().saturating_sub(10);
            pick(
                format!(
                    "已提名 {} 人进入人才池 {pool}：{}{}",
                    people.len(),
                    names.join("、"),
                    if more > 0 { " 等".to_string() } else { String::new() }
                ),
                format!(
                    "nominated {} to pool {pool}: {}{}",
                    people.len(),
                    names.join(", "),
                    if more > 0 { format!(" and {more} more") } else { String::new() }
                ),
            )
        }
        Done::MemberMoved { who, pool, state, enrolled } => {
            let state = member_state(lang, *state);
            let extra = match (*enrolled, zh) {
                (0, _) => String::new(),
                (n, true) => format!("，已按培养计划安排 {n} 门课程"),
                (n, false) => format!("; enrolled in {n} courses of the plan"),
            };
            pick(format!("{} 在人才池 {pool}：{state}{extra}", w(who)), format!("{} in pool {pool}: {state}{extra}", w(who)))
        }
        Done::MarkedLeft { who, on, pools } => pick(
            format!("{} 于 {on} 离职；已从 {pools} 个人才池标记离开", w(who)),
            format!("{} left on {on}; left {pools} pool(s)", w(who)),
        ),
        Done::ReflectionSubmitted { who, stage, reflection } => pick(
            format!("已提交 {} 第 {stage} 阶段的心得（编号 {reflection}）", w(who)),
            format!("reflection {reflection} of {}, stage {stage}, submitted", w(who)),
        ),
        Done::ReflectionReviewed { who, stage, score, state, points } => {
            let state = reflection_state(lang, *state);
            let extra = match (*points, zh) {
                (0, _) => String::new(),
                (p, true) => format!("，积分 {p:+}"),
                (p, false) => format!(", {p:+} points"),
            };
            pick(
                format!("{} 第 {stage} 阶段心得：{score} 分，{state}{extra}", w(who)),
                format!("stage {stage} reflection of {}: {score}, {state}{extra}", w(who)),
            )
        }
        Done::ReflectionRewritten { who, stage, version } => pick(
            format!("{} 第 {stage} 阶段心得已重写：第 {version} 稿", w(who)),
            format!("stage {stage} reflection of {} rewritten: version {version}", w(who)),
        ),
        Done::ReplyRecorded { who, stage } => pick(
            format!("已记录对 {} 第 {stage} 阶段心得点评的回复", w(who)),
            format!("reply on the stage {stage} reflection of {}", w(who)),
        ),
        Done::PointsGranted { who, points, reason } => pick(
            format!("{} 积分 {points:+}：{reason}", w(who)),
            format!("points granted to {}: {points:+}, {reason}", w(who)),
        ),
        Done::PointsReversed { who, seq } => {
            pick(format!("{} 的第 {seq} 条积分已冲销", w(who)), format!("points entry {seq} of {} reversed", w(who)))
        }
        Done::Redeemed { who, kind } => pick(format!("{} 已兑换 {kind}", w(who)), format!("{} redeemed {kind}", w(who))),
        Done::VacancyAdded { vacancy, department, section } if section.is_empty() => pick(
            format!("已登记岗位空缺 {vacancy}：{department}"),
            format!("vacancy {vacancy} in {department}"),
        ),
        Done::VacancyAdded { vacancy, department, section } => pick(
            format!("已登记岗位空缺 {vacancy}：{department} / {section}"),
            format!("vacancy {vacancy} in {department} / {section}"),
        ),
        Done::Appointed { who, vacancy } => {
            pick(format!("{} 已任用到岗位空缺 {vacancy}", w(who)), format!("{} appointed to vacancy {vacancy}", w(who)))
        }
        Done::AppointmentReversed { who, vacancy } => pick(
            format!("已撤回 {} 对岗位空缺 {vacancy} 的任用；原职级和岗位已恢复，岗位空缺重新开放", w(who)),
            format!("appointment of {} to vacancy {vacancy} taken back; the former rank and post restored, the vacancy open again", w(who)),
        ),
        Done::PlanSet { pool, enrolled } => pick(
            format!("人才池 {pool} 的培养计划已设定；新增 {enrolled} 条学习记录"),
            format!("plan of pool {pool} set; {enrolled} enrollments added"),
        ),
        Done::CourseSaved { course, added: true } => pick(format!("已新增课程 {course}"), format!("course {course} added")),
        Done::CourseSaved { course, added: false } => {
            pick(format!("已更新课程 {course}"), format!("course {course} updated"))
        }
        Done::Enrolled { who, course, due } => pick(
            format!("{} 已选修 {course}，截止 {due}", w(who)),
            format!("{} enrolled in {course}, due {due}", w(who)),
        ),
        Done::ProgressRecorded { who, course, done, required, exam, completed } => {
            let exam = match (exam, zh) {
                (None, _) => String::new(),
                (Some(s), true) => format!("，考试 {s} 分"),
                (Some(s), false) => format!(", exam {s}"),
            };
            let completed = match (completed, zh) {
                (false, _) => "",
                (true, true) => "，已完成",
                (true, false) => ", completed",
            };
            pick(
                format!("{} {course}：{done} / {required} 学时{exam}{completed}", w(who)),
                format!("{} {course}: {done} of {required} hours{exam}{completed}", w(who)),
            )
        }
        Done::EvaluationRecorded { who, kind, dimension, score, year } => {
            let what = match dimension {
                Some(d) => format!("{kind} {d}"),
                None => kind.clone(),
            };
            pick(format!("{} {year} 年 {what}：{score}", w(who)), format!("{} {what} {score} ({year})", w(who)))
        }
        Done::StageReviewRecorded { who, year, kind, recommendation } => {
            pick(format!("{} {year} {kind}：{recommendation}", w(who)), format!("{} {year} {kind}: {recommendation}", w(who)))
        }
        Done::StageReviewReplied { who, year, kind, objection } => {
            let what = match (objection, zh) {
                (true, true) => "已记录异议",
                (false, true) => "已答复异议",
                (true, false) => "objection recorded",
                (false, false) => "objection answered",
            };
            pick(format!("{} {year} {kind}：{what}", w(who)), format!("{} {year} {kind}: {what}", w(who)))
        }
        Done::Imported { what, source, added, changed, unchanged, dry_run } => {
            if zh {
                format!(
                    "{}{source} 的{}：新增 {added}，修改 {changed}，未变 {unchanged}",
                    if *dry_run { "试运行，未写入——" } else { "" },
                    super::words::field(what, lang)
                )
            } else {
                format!(
                    "{}{what}: {added} added, {changed} changed, {unchanged} unchanged from {source}",
                    if *dry_run { "dry run, nothing written — " } else { "" }
                )
            }
        }
        Done::LoadStarted { demo: true } => lang.pick("演示数据载入开始", "demo load started").into(),
        Done::LoadStarted { demo: false } => lang.pick("载入开始", "load started").into(),
        Done::Loaded { employees, enrollments, reflections, evaluations } => pick(
            format!("已载入 {employees} 名员工、{enrollments} 条学习记录、{reflections} 篇心得、{evaluations} 条测评"),
            format!("loaded {employees} employees, {enrollments} enrollments, {reflections} reflections, {evaluations} evaluations"),
        ),
        Done::LoadFinished => lang.pick("载入完成", "load finished").into(),
        Done::DemoCleared { records } => pick(
            format!("演示库已清空（{records} 条记录），准备重新载入"),
            format!("demo store cleared for a new load ({records} records)"),
        ),
        Done::ReviewReopened { who, stage, score, points } => {
            let extra = match (*points, zh) {
                (0, _) => String::new(),
                (p, true) => format!("，积分 {p:+}"),
                (p, false) => format!(", {p:+} points"),
            };
            pick(
                format!("{} 第 {stage} 阶段心得的点评（{score} 分）已撤回，重新待评{extra}", w(who)),
                format!("the review ({score}) of the stage {stage} reflection of {} was taken back; pending again{extra}", w(who)),
            )
        }
        Done::Undone { seq, what, who } => match who {
            Some(who) => pick(
                format!("已撤销第 {seq} 条操作（{}：{}）", command_word(lang, what), w(who)),
                format!("undone: event {seq} ({} of {})", command_word(lang, what), w(who)),
            ),
            None => pick(
                format!("已撤销第 {seq} 条操作（{}）", command_word(lang, what)),
                format!("undone: event {seq} ({})", command_word(lang, what)),
            ),
        },
        Done::Restored { records, format } => pick(
            format!("已从备份恢复 {records} 条记录（备份格式 {format}）"),
            format!("restored {records} records (backup format {format})"),
        ),
    }
}
