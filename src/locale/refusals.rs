//! The wording of the service's refusals: what is not there, what the pipeline's rules
//! do not allow, who may not do what, and the store's own failures.

use super::labels::{member_state, reflection_state};
use super::words::field;
use super::Lang;
use crate::domain::msg::Msg;

/// The words of a refusal (`messages::render` hands these over).
pub fn render(msg: &Msg, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let w = |who| lang.who(who);
    let pick = |a: String, b: String| if zh { a } else { b };
    match msg {
        Msg::NoEmployee { id } => pick(format!("没有工号为 {id} 的员工"), format!("no employee {id}")),
        Msg::NoPool { id } => pick(format!("没有编号为 {id} 的人才池"), format!("no pool {id}")),
        Msg::PoolNameTaken { name, id } => pick(
            format!("人才池 {id} 已叫“{name}”：请换一个名称"),
            format!("pool {id} is already called '{name}': choose another name"),
        ),
        Msg::PoolClosed { id, name, on } => pick(
            format!("人才池 {id}“{name}”已于 {on} 结束，不再提名或入池"),
            format!("pool {id} '{name}' was closed on {on}: no more nominations or admissions"),
        ),
        Msg::NoPoolNamed { pool } => pick(
            format!("没有编号或名称为“{pool}”的人才池（`cadre pool list` 列出全部）"),
            format!("no pool numbered or named '{pool}' (`cadre pool list` shows them)"),
        ),
        Msg::NoCourse { course } => pick(format!("课程目录中没有 {course}"), format!("no course {course}")),
        Msg::NoReflection { id } => pick(format!("没有编号为 {id} 的心得"), format!("no reflection {id}")),
        Msg::NoVacancy { id } => pick(format!("没有编号为 {id} 的岗位空缺"), format!("no vacancy {id}")),
        Msg::NoDepartment { name } => pick(format!("没有名为“{name}”的部门"), format!("no department named '{name}'")),
        Msg::NotInPool { who, pool } => {
            pick(format!("{} 不在人才池 {pool} 中", w(who)), format!("{} is not in pool {pool}", w(who)))
        }
        Msg::NotEnrolled { who, course } => {
            pick(format!("{} 没有选修 {course}", w(who)), format!("{} is not enrolled in {course}", w(who)))
        }
        Msg::NoStageReview { who, kind, year } => pick(
            format!("{} 没有 {year} 年的{}", w(who), stage_review_kind(lang, kind)),
            format!("{} has no {} of {year}", w(who), stage_review_kind(lang, kind)),
        ),
        Msg::NoLedgerEntry { who, seq } => {
            pick(format!("{} 没有第 {seq} 条积分记录", w(who)), format!("{} has no points entry {seq}", w(who)))
        }
        Msg::AlreadyEnrolled { who, course } => {
            pick(format!("{} 已选修 {course}", w(who)), format!("{} is already enrolled in {course}", w(who)))
        }
        Msg::PersonLeft { who } => pick(format!("{} 已离职", w(who)), format!("{} has left the company", w(who))),
        Msg::AlreadyInPool { who, pool, state } => pick(
            format!("{} 已在人才池 {pool} 中（{}）", w(who), member_state(lang, *state)),
            format!("{} is already in pool {pool} ({})", w(who), member_state(lang, *state)),
        ),
        Msg::AppointThroughVacancy => {
            lang.pick("任用须通过岗位空缺（appoint）办理", "appointment goes through `appoint` with a vacancy").into()
        }
        Msg::StageOutOfRange { stage, max } => {
            pick(format!("第 {stage} 阶段超出 1–{max}"), format!("stage {stage} is outside 1–{max}"))
        }
        Msg::ReflectionExists { who, stage, state } => pick(
            format!(
                "{} 已有第 {stage} 阶段的心得（{}）；被退回的心得请提交重写稿",
                w(who),
                reflection_state(lang, *state)
            ),
            format!(
                "{} already has a stage {stage} reflection ({}); a returned one takes a rewrite",
                w(who),
                reflection_state(lang, *state)
            ),
        ),
        Msg::NothingToReplyTo { who, stage } => pick(
            format!("{} 第 {stage} 阶段的心得还没有点评，无可回复", w(who)),
            format!("the stage {stage} reflection of {} has no review to reply to", w(who)),
        ),
        Msg::NoOpenObjection { who, kind, year } => pick(
            format!("{} {year} 年的{}没有待答复的异议", w(who), stage_review_kind(lang, kind)),
            format!("the {} of {} in {year} has no open objection to answer", stage_review_kind(lang, kind), w(who)),
        ),
        Msg::EntryIsReversal { seq } => {
            pick(format!("第 {seq} 条本身就是冲销记录"), format!("entry {seq} is itself a reversal"))
        }
        Msg::AlreadyReversed { seq } => pick(format!("第 {seq} 条已被冲销"), format!("entry {seq} was already reversed")),
        Msg::VacancyFilled { id } => pick(format!("岗位空缺 {id} 已任用"), format!("vacancy {id} is already filled")),
        Msg::VacancyOtherRank { vacancy, rank, pool, pool_rank } => {
            let word = |code: &str| {
                crate::domain::org::Rank::parse(code).map_or(code.to_string(), |r| super::labels::rank(lang, r).to_string())
            };
            pick(
                format!("岗位空缺 {vacancy} 是{}岗位，人才池 {pool} 培养的是{}", word(rank), word(pool_rank)),
                format!("vacancy {vacancy} is a {} post; pool {pool} prepares {}", word(rank), word(pool_rank)),
            )
        }
        Msg::AppointNeedsReason { who, level } => {
            let level_word = match (level.as_str(), lang) {
                ("ready_in_1_2_years", Lang::Zh) => "1–2 年内可用",
                ("developing", Lang::Zh) => "培养中",
                ("disqualified", Lang::Zh) => "已取消资格",
                ("ready_in_1_2_years", Lang::En) => "ready in 1–2 years",
                (other, _) => other,
            };
            pick(
                format!("{} 目前是“{level_word}”，不是“可立即任用”：任用需写明理由（--reason）", lang.who(who)),
                format!("{} is {level_word}, not ready now: appointing needs a reason (--reason)", lang.who(who)),
            )
        }
        Msg::NotOnShortlist { who, vacancy } => pick(
            format!("{} 不在岗位空缺 {vacancy} 的候选名单上（须是对应职级人才池中已入池的成员；或用 --pool 指定人才池）", lang.who(who)),
            format!("{} is not on the shortlist of vacancy {vacancy} (an admitted member of a pool for its rank; or name the pool with --pool)", lang.who(who)),
        ),
        Msg::NoSection { department, section } => pick(
            format!("{department} 没有名为“{section}”的科室"),
            format!("{department} has no section named '{section}'"),
        ),
        Msg::CourseTwiceInPlan { course } => pick(
            format!("培养计划中课程 {course} 出现了两次（同一人只能有一个截止日期）"),
            format!("the plan names course {course} twice for the same people (one due date each)"),
        ),
        Msg::DueBeforeOpening { due, opens } => pick(
            format!("到岗日期 {due} 早于开放日期 {opens}"),
            format!("the due date {due} is before the opening date {opens}"),
        ),
        Msg::VacancyNotOpenYet { id, opens } => pick(
            format!("岗位空缺 {id} 是预计空缺，{opens} 才开放：开放后才能任用"),
            format!("vacancy {id} is a forecast, opening on {opens}: it is filled once it opens"),
        ),
        Msg::EffectiveDateOutside { on, from, to } => pick(
            format!("生效日期 {on} 须在 {from} 到 {to} 之间"),
            format!("the effective date {on} must be between {from} and {to}"),
        ),
        Msg::NoAppointment { vacancy } => pick(
            format!("岗位空缺 {vacancy} 没有可撤回的任用"),
            format!("vacancy {vacancy} has no appointment to take back"),
        ),
        Msg::NoExam { course } => pick(format!("课程 {course} 没有考试"), format!("course {course} has no exam")),
        Msg::NothingToRecord => {
            lang.pick("没有可录入的内容：既无学时也无考试成绩", "nothing to record: no hours and no exam score").into()
        }
        Msg::HoursTooMany { who, course, hours, left } => pick(
            format!("{} 的 {course} 只剩 {left} 学时，不能录入 {hours} 学时（可录入 0–{left}）", w(who)),
            format!("{hours} hours is more than the {left} hours {} has left in {course} (0–{left})", w(who)),
        ),
        Msg::AlreadyRedeemed { who, kind, on } => pick(
            format!("{} 已于 {on} 兑换过{}", w(who), redemption(lang, kind)),
            format!("{} already redeemed {} on {on}", w(who), redemption(lang, kind)),
        ),
        Msg::NotEnoughPoints { who, balance, kind, needed } => pick(
            format!("{} 有 {balance} 积分；兑换{}需要 {needed}", w(who), redemption(lang, kind)),
            format!("{} has {balance} points; {} needs {needed}", w(who), redemption(lang, kind)),
        ),
        Msg::PointsOverflow { who } => pick(
            format!("{} 的积分将超出可记录的范围；未写入", w(who)),
            format!("the points of {} would leave the range a balance can hold; nothing was written", w(who)),
        ),
        Msg::NotADimension { dimension, dimensions } => pick(
            format!("“{dimension}”不是政策中的 360 维度（{}）", dimensions.join("、")),
            format!("'{dimension}' is not a 360 dimension of the policy ({})", dimensions.join(", ")),
        ),
        Msg::LoadNotStarted => lang.pick("载入尚未开始（先执行 begin_load）", "load_chunk outside a load (begin_load first)").into(),
        Msg::NoLoad => lang.pick("没有正在进行的载入", "no load is under way").into(),
        Msg::StoreHasEmployees { path } => pick(
            format!("{path} 的存储中已有员工；批量载入需要空存储"),
            format!("the store at {path} already holds employees; a load needs an empty store"),
        ),
        Msg::PolicyInvalid { problem } => {
            let what = super::words::policy_problem(lang, problem);
            pick(format!("政策无效：{what}"), format!("the policy is invalid: {what}"))
        }
        Msg::PolicyUnusable { store, detail } => pick(
            format!("{store} 中保存的政策无法使用：{detail}"),
            format!("the policy stored at {store} is unusable: {detail}"),
        ),
        Msg::Denied { user, role, action } => pick(
            format!("{user}（{}）无权{}", role_word(lang, role), action_word(lang, action)),
            format!("{user} ({role}) may not {}", action_word(lang, action)),
        ),
        Msg::OutOfScope { action, user, who, department, own } => pick(
            format!("{user} 只负责{own}，无权{}：{} 属于{department}", action_word(lang, action), w(who)),
            format!("{user} may not {} of {}, who is in {department} (only {own})", action_word(lang, action), w(who)),
        ),
        Msg::StoreFailed { detail } => pick(format!("存储出错：{detail}"), format!("the store failed: {detail}")),
        Msg::StoreInUse { path } => pick(
            format!("{path} 的存储正被另一个 cadre 进程使用；请关闭它后重试"),
            format!("the store at {path} is in use by another cadre process; close it and try again"),
        ),
        Msg::StoreTooNew { path, found, newest } => pick(
            format!("{path} 的存储由更新版本的 cadre 写入（结构版本 {found}，本程序最高读取 {newest}）"),
            format!("the store at {path} was written by a newer cadre (schema {found}, this build reads up to {newest})"),
        ),
        Msg::StoreDamaged { path, detail } => {
            pick(format!("{path} 的存储已损坏：{detail}"), format!("the store at {path} is damaged: {detail}"))
        }
        Msg::Internal { what } => pick(format!("内部错误：{what}"), format!("internal error: {what}")),
        other => format!("{other:?}"),
    }
}

fn stage_review_kind(lang: Lang, code: &str) -> String {
    match (lang, code) {
        (Lang::Zh, "july_initial") => "7月初评".into(),
        (Lang::Zh, "year_end_final") => "年底终评".into(),
        (Lang::En, "july_initial") => "July initial review".into(),
        (Lang::En, "year_end_final") => "year-end final review".into(),
        (_, other) => other.into(),
    }
}

fn redemption(lang: Lang, code: &str) -> String {
    match (lang, code) {
        (Lang::Zh, "promotion_application") => "晋升申请资格".into(),
        (Lang::Zh, "bonus") => "奖金".into(),
        (_, other) => other.replace('_', " "),
    }
}

fn role_word(lang: Lang, role: &str) -> String {
    match (lang, role) {
        (Lang::Zh, "admin") => "管理员".into(),
        (Lang::Zh, "hr") => "人力资源".into(),
        (Lang::Zh, "manager") => "部门经理".into(),
        (_, other) => other.into(),
    }
}

/// What an operator was refused, by its code.
pub fn action_word(lang: Lang, action: &str) -> String {
    let (zh, en) = match action {
        "manage_operators" => ("管理操作员", "manage operators"),
        "restore" => ("恢复备份", "restore a backup"),
        "back_up" => ("备份存储", "back up the store"),
        "clear_demo" => ("清空演示库", "clear a demo store"),
        "review_reflections" => ("点评心得", "review reflections"),
        "read_reflections" => ("查看心得", "read reflections"),
        "record_assessments" => ("录入测评", "record assessments"),
        "record_stage_reviews" => ("录入阶段评估", "record stage reviews"),
        "answer_stage_reviews" => ("答复阶段评估", "answer stage reviews"),
        "read_stage_reviews" => ("查看阶段评估", "read the stage reviews"),
        "read_audit" => ("查看审计、岗位空缺或任用", "read the audit, vacancies or appointments"),
        "read_person" => ("查看此人", "read this person"),
        "read_figures" => ("查看这些数据", "read the figures"),
        other => return field(other, lang),
    };
    lang.pick(zh, en).to_string()
}
