//! The wording of every message code in both languages.

use super::labels::{member_state, reflection_state};
use super::words::field;
use super::Lang;
use crate::domain::msg::Msg;

/// `msg` worded for a person reading `lang`.
pub fn render(msg: &Msg, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match msg {
        Msg::Text { text } => text.clone(),
        Msg::Import(m) => super::import::render(m, lang),
        Msg::Io { path, error, kind } => {
            let what = match (kind.as_str(), zh) {
                ("not_found", true) => "找不到此文件或目录".to_string(),
                ("permission_denied", true) => "没有权限".to_string(),
                ("already_exists", true) => "已存在".to_string(),
                ("invalid_data", true) => "内容无法读取（不是 UTF-8 文本？）".to_string(),
                ("storage_full", true) => "磁盘已满".to_string(),
                ("read_only", true) => "文件系统只读".to_string(),
                ("is_a_directory", true) => "这是一个目录".to_string(),
                ("not_a_directory", true) => "路径中有一段不是目录".to_string(),
                ("connection", true) => "连接中断".to_string(),
                (_, true) => format!("读写失败（系统信息：{error}）"),
                (_, false) => error.clone(),
            };
            format!("{path}: {what}")
        }
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
        Msg::NoStore { path } => {
            if zh {
                format!("{path} 没有存储：用 `cadre init` 新建一个，或用 `cadre demo` 建演示库，或用 --db / CADRE_DB 指向你的存储")
            } else {
                format!("no store at {path}: create one with `cadre init` (or `cadre demo`), or point --db / CADRE_DB at yours")
            }
        }
        Msg::NotAStore { path } => {
            if zh {
                format!("{path} 不是 cadre 存储（里面有别的文件）；cadre 不会改动它。请用 --db 指向你的存储，或指定一个空目录")
            } else {
                format!("{path} is not a cadre store (it holds other files); cadre leaves it alone. Point --db at your store, or at an empty directory")
            }
        }
        Msg::StoreExists { path } => {
            if zh {
                format!("{path} 已经是一个 cadre 存储；不会覆盖")
            } else {
                format!("{path} is a cadre store already; it is left as it is")
            }
        }
        Msg::NotADemo { path } => {
            if zh {
                format!("{path} 存放的是你的组织数据，不是演示库；请用 --db 在别处运行演示")
            } else {
                format!("the store at {path} holds your organisation, not a demo; run the demo elsewhere with --db DIR")
            }
        }
        Msg::BinaryToTerminal => lang
            .pick(
                "xlsx 报告是二进制文件：请用 -o 文件.xlsx 指定输出文件",
                "an .xlsx report is binary: give -o FILE.xlsx",
            )
            .to_string(),
        Msg::HeaderTwice { header, first, again } => {
            if zh {
                format!("表头“{header}”出现了两次（第 {first} 列和第 {again} 列）")
            } else {
                format!("the header '{header}' appears twice (columns {first} and {again})")
            }
        }
        Msg::ColumnMissing { headers } => {
            if zh {
                format!("缺少此列（表头有：{headers}）")
            } else {
                format!("missing (header row has: {headers})")
            }
        }
        Msg::MappedColumnMissing { header } => {
            if zh {
                format!("缺少此列：映射文件从“{header}”读取它，但表头中没有")
            } else {
                format!("missing: the mapping reads it from '{header}', which the header row lacks")
            }
        }
        Msg::HeaderUnknown { header, columns } => {
            if zh {
                format!("未知的列“{header}”：本导入的列为 {columns}；请在映射文件的 [columns] 中对应，或加 --allow-extra 忽略它")
            } else {
                format!("unknown column '{header}': this import's columns are {columns}; map it under [columns], or give --allow-extra to leave it out")
            }
        }
        Msg::NoPools => lang
            .pick(
                "存储中还没有人才池；用 `cadre pool create` 新建",
                "the store has no pool; create one with `cadre pool create`",
            )
            .to_string(),
        Msg::LineTooLong { what, line, max } => {
            if zh {
                format!("{what} 第 {line} 行超过 {max} 字节")
            } else {
                format!("{what}: line {line} is longer than {max} bytes")
            }
        }
        Msg::NotUtf8 { path } => {
            if zh {
                format!("{path} 不是 UTF-8 文本；请另存为 UTF-8")
            } else {
                format!("{path} is not UTF-8 text; save it as UTF-8")
            }
        }
        Msg::FileRefused { path, why } => {
            let reason = match (why.as_str(), zh) {
                ("directory", true) => "这是一个目录；请给出文件名",
                ("directory", false) => "it is a directory; name a file",
                ("symlink", true) => "这是一个符号链接；请直接给出文件本身",
                ("symlink", false) => "it is a symbolic link; name the file itself",
                ("not_regular", true) => "这不是普通文件（设备、管道或套接字）",
                ("not_regular", false) => "it is not a regular file (a device, pipe or socket)",
                ("read_only", true) => "文件是只读的；不会覆盖",
                ("read_only", false) => "the file is read-only; it is not replaced",
                ("no_name", true) => "没有文件名",
                ("no_name", false) => "it names no file",
                (_, true) => "无法在旁边创建临时文件",
                (_, false) => "no temporary file could be made beside it",
            };
            if zh {
                format!("不能写入 {path}：{reason}；什么都没有写入")
            } else {
                format!("cannot write {path}: {reason}; nothing was written")
            }
        }
        Msg::BackupUnusable { why } => {
            let why = render(why, lang);
            if zh {
                format!("这不是可用的 cadre 备份：{why}；什么都没有恢复")
            } else {
                format!("this is not a usable cadre backup: {why}; nothing was restored")
            }
        }
        Msg::TooLarge { what, max } => {
            if zh {
                format!("{} 超过 {} 字节的上限", field(what, lang), max)
            } else {
                format!("the {} is larger than {max} bytes", field(what, lang))
            }
        }
        Msg::RestoreNeedsForce { store } => {
            if zh {
                format!("{store} 的存储中已有数据；确认要替换时请加 --force")
            } else {
                format!("the store at {store} is not empty; restore with --force to replace it")
            }
        }
        Msg::BackupSchema { found, newest } => {
            if zh {
                format!("它的结构版本是 {found}，本程序能读取 1 到 {newest}")
            } else {
                format!("it was written with schema {found}; this build reads schemas 1 to {newest}")
            }
        }
        Msg::BackupRecord { key, problem } => {
            if zh {
                format!("记录 {key} 无法使用：{problem}")
            } else {
                format!("record {key} is unusable: {problem}")
            }
        }
        Msg::BackupHistory { seq } => {
            if zh {
                format!("它的审计链在第 {seq} 条与本存储不同：备份在写出后被改动过，或来自另一段历史")
            } else {
                format!("its audit chain differs from this store's at event {seq}: it was altered after it was written, or comes from another history")
            }
        }
        Msg::ChainLink { seq, at, command, operator } => {
            if zh {
                format!("审计链在第 {seq} 条断开（{at}，{operator} 执行 {command}）：该记录与其哈希不符，写入后被改动过")
            } else {
                format!("audit chain broken at event {seq} ({at}, {command} by {operator}): it does not match its hash; it was changed after it was written")
            }
        }
        Msg::ChainGap { after, next } => {
            if zh {
                format!("审计链在第 {after} 条之后断开：下一条是第 {next} 条")
            } else {
                format!("audit chain broken after event {after}: the next one is {next}")
            }
        }
        Msg::ChainUnreadable { seq, why } => {
            if zh {
                format!("审计链在第 {seq} 条断开：无法读取（{why}）")
            } else {
                format!("audit chain broken at event {seq}: unreadable ({why})")
            }
        }
        Msg::ChainHead { head_seq, last_seq } => {
            if zh {
                format!("审计链头记录为第 {head_seq} 条，但最后一条是第 {last_seq} 条")
            } else {
                format!("the audit chain head names event {head_seq} but the last event is {last_seq}")
            }
        }
        Msg::ChainState { seq } => {
            if zh {
                format!("数据与第 {seq} 条审计记录登记的状态不符：有记录在 cadre 之外被修改、添加或删除")
            } else {
                format!("the records do not add up to the state recorded by audit event {seq}: a record was changed, added or removed outside cadre")
            }
        }
        Msg::CompletedShort { done, required } => {
            if zh {
                format!("标记为已完成，但只学了 {done} / {required} 学时")
            } else {
                format!("completed with {done} of {required} hours")
            }
        }
        Msg::ManagerNeedsDepartment { user } => {
            if zh {
                format!("操作员 {user}：部门经理需要 --department")
            } else {
                format!("operator {user}: a manager needs --department")
            }
        }
        Msg::EvaluationDate { year, date } => {
            if zh {
                format!("{year} 年度的测评日期 {date} 不在 {year} 年或次年")
            } else {
                format!(
                    "an assessment for {year} dated {date}: the date must fall in {year} or the year after"
                )
            }
        }
        Msg::ReviewBeforeSubmission => {
            lang.pick("点评时间早于提交时间", "the review is dated before the submission").to_string()
        }
        Msg::NoVersions => lang.pick("心得没有任何版本", "a reflection without any version").to_string(),
        Msg::NotOneOf { field: f, value, allowed } => {
            if zh {
                format!("“{value}”不是有效的{}（可选：{allowed}）", field(f, lang))
            } else {
                format!("'{value}' is not a {} (one of: {allowed})", field(f, lang))
            }
        }
        Msg::AlreadyInState { who, state, pool } => {
            let state = member_state(lang, *state);
            if zh {
                format!("{} 在人才池 {pool} 中已经是“{state}”", lang.who(who))
            } else {
                format!("{} is already {state} in pool {pool}", lang.who(who))
            }
        }
        Msg::FinalState { who, from, to } => {
            let (from, to) = (member_state(lang, *from), member_state(lang, *to));
            if zh {
                format!("{} 已是“{from}”，这是最终状态，不能再改为“{to}”", lang.who(who))
            } else {
                format!("{} cannot go from {from} to {to}: {from} is a final state", lang.who(who))
            }
        }
        Msg::OnlyAdmittedAppointed { who } => {
            if zh {
                format!("{} 尚未入池：只有已入池的成员才能任用", lang.who(who))
            } else {
                format!("{} is not admitted: only an admitted member can be appointed", lang.who(who))
            }
        }
        Msg::BadTransition { who, from, to, next } => {
            let next: Vec<&str> = next.iter().map(|s| member_state(lang, *s)).collect();
            let (from, to) = (member_state(lang, *from), member_state(lang, *to));
            if zh {
                format!("{} 不能从“{from}”改为“{to}”；可改为：{}", lang.who(who), next.join("、"))
            } else {
                format!(
                    "{} cannot go from {from} to {to}: from {from} the next states are {}",
                    lang.who(who),
                    next.join(", ")
                )
            }
        }
        Msg::NeedsReason { who, to } => {
            let to = member_state(lang, *to);
            if zh {
                format!("将 {} 改为“{to}”需要填写原因", lang.who(who))
            } else {
                format!("moving {} to {to} needs a reason", lang.who(who))
            }
        }
        Msg::NotPending { who, stage, state } => {
            let state = reflection_state(lang, *state);
            if zh {
                format!("{} 第 {stage} 阶段的心得{state}，只有待评的心得可以评分", lang.who(who))
            } else {
                format!(
                    "the stage {stage} reflection of {} is {state}; only a pending one can be reviewed",
                    lang.who(who)
                )
            }
        }
        Msg::NotReturned { who, stage, state } => {
            let state = reflection_state(lang, *state);
            if zh {
                format!("{} 第 {stage} 阶段的心得{state}，只有被退回的心得可以重写", lang.who(who))
            } else {
                format!(
                    "the stage {stage} reflection of {} is {state}; only a returned one can be rewritten",
                    lang.who(who)
                )
            }
        }
        Msg::ReviewedMeanwhile { who, stage, reviewer, at, score, state } => {
            let state = reflection_state(lang, *state);
            if zh {
                format!(
                    "{} 第 {stage} 阶段的心得已由 {reviewer} 于 {at} 点评：{score} 分，{state}",
                    lang.who(who)
                )
            } else {
                format!("the stage {stage} reflection of {} was already reviewed by {reviewer} at {at}: {score}, {state}", lang.who(who))
            }
        }
        Msg::RewrittenMeanwhile { who, stage, version } => {
            if zh {
                format!("{} 在你打开后交了第 {stage} 阶段心得的第 {version} 稿；请先阅读新稿", lang.who(who))
            } else {
                format!("{} handed in version {version} of the stage {stage} reflection since you opened it; read it first", lang.who(who))
            }
        }
        Msg::MemberChangedMeanwhile { who, operator, at, state } => {
            let state = member_state(lang, *state);
            if zh {
                format!("{} 已由 {operator} 于 {at} 改为“{state}”；请看当前状态再决定", lang.who(who))
            } else {
                format!(
                    "{} was changed by {operator} at {at} and is now {state}; decide on what it is now",
                    lang.who(who)
                )
            }
        }
        Msg::PolicyChangedMeanwhile { operator, at } => {
            if zh {
                format!("政策已由 {operator} 于 {at} 修改；你的假设分析基于旧政策，未保存")
            } else {
                format!("the policy was changed by {operator} at {at}; your what-if was based on the old one and was not saved")
            }
        }
        Msg::BelowPassScore { score, pass } => {
            if zh {
                format!("{score} 分低于及格线 {pass} 分：只能退回重写")
            } else {
                format!("a score of {score} is below {pass}: the reflection can only be returned")
            }
        }
        Msg::FinalCannotUndo { who, state } => {
            let state = member_state(lang, *state);
            if zh {
                format!("{} 已是“{state}”，这是最终状态，不能撤销", lang.who(who))
            } else {
                format!("{} is {state}, a final state: it cannot be undone", lang.who(who))
            }
        }
        Msg::CannotUndo { command } => {
            let what = super::words::command_word(lang, command);
            if zh {
                format!("{what}不能撤销")
            } else {
                format!("{what} cannot be undone")
            }
        }
        Msg::NoAuditEvent { seq } => {
            lang.pick(format!("没有第 {seq} 条审计记录"), format!("no audit event {seq}"))
        }
        Msg::UndoOthers { seq, operator } => {
            if zh {
                format!("第 {seq} 条操作由 {operator} 执行；只能撤销自己的操作")
            } else {
                format!("event {seq} was {operator}'s; you can undo only your own")
            }
        }
        Msg::ChangedSince { seq } => {
            if zh {
                format!("第 {seq} 条操作涉及的记录此后又有变动；不能撤销")
            } else {
                format!("what event {seq} changed has changed again since; it cannot be undone")
            }
        }
        Msg::NotReviewed { who, stage } => {
            if zh {
                format!("{} 第 {stage} 阶段的心得还没有点评，无可撤回", lang.who(who))
            } else {
                format!("the stage {stage} reflection of {} has no review to take back", lang.who(who))
            }
        }
        Msg::ReturnNeedsComment => lang
            .pick("退回心得需要写明原因（评语）", "returning a reflection needs a comment saying why")
            .to_string(),
        Msg::ReflectionInconsistent => lang
            .pick("心得的状态与其点评不符", "the reflection's state does not match its reviews")
            .to_string(),
        Msg::NoEmployee { .. }
        | Msg::NoPool { .. }
        | Msg::NoPoolNamed { .. }
        | Msg::PoolNameTaken { .. }
        | Msg::PoolClosed { .. }
        | Msg::NoCourse { .. }
        | Msg::NoReflection { .. }
        | Msg::NoVacancy { .. }
        | Msg::NoDepartment { .. }
        | Msg::NotInPool { .. }
        | Msg::NotEnrolled { .. }
        | Msg::NoStageReview { .. }
        | Msg::NoLedgerEntry { .. }
        | Msg::AlreadyEnrolled { .. }
        | Msg::PersonLeft { .. }
        | Msg::AlreadyInPool { .. }
        | Msg::AppointThroughVacancy
        | Msg::StageOutOfRange { .. }
        | Msg::ReflectionExists { .. }
        | Msg::NothingToReplyTo { .. }
        | Msg::NoOpenObjection { .. }
        | Msg::EntryIsReversal { .. }
        | Msg::AlreadyReversed { .. }
        | Msg::VacancyFilled { .. }
        | Msg::VacancyOtherRank { .. }
        | Msg::AppointNeedsReason { .. }
        | Msg::NoAppointment { .. }
        | Msg::NoSection { .. }
        | Msg::CourseTwiceInPlan { .. }
        | Msg::DueBeforeOpening { .. }
        | Msg::VacancyNotOpenYet { .. }
        | Msg::EffectiveDateOutside { .. }
        | Msg::NotOnShortlist { .. }
        | Msg::NoExam { .. }
        | Msg::NothingToRecord
        | Msg::HoursTooMany { .. }
        | Msg::AlreadyRedeemed { .. }
        | Msg::NotEnoughPoints { .. }
        | Msg::PointsOverflow { .. }
        | Msg::NotADimension { .. }
        | Msg::LoadNotStarted
        | Msg::NoLoad
        | Msg::StoreHasEmployees { .. }
        | Msg::PolicyInvalid { .. }
        | Msg::PolicyUnusable { .. }
        | Msg::Denied { .. }
        | Msg::OutOfScope { .. }
        | Msg::StoreFailed { .. }
        | Msg::StoreInUse { .. }
        | Msg::StoreTooNew { .. }
        | Msg::StoreDamaged { .. }
        | Msg::Internal { .. } => super::refusals::render(msg, lang),
        Msg::ProtocolMismatch { theirs, ours } => {
            if zh {
                format!("版本不匹配：客户端是 {theirs}，服务端是 {ours}；请让双方使用同一版本的 cadre")
            } else {
                format!("versions differ: the client is {theirs}, the server {ours}; run the same cadre on both sides")
            }
        }
        Msg::SocketInUse { socket } => {
            if zh {
                format!("{socket} 上已有 cadre 服务在运行")
            } else {
                format!("a cadre server already answers on {socket}")
            }
        }
        Msg::AlreadyServed { store, pid, socket } => {
            if zh {
                format!("{store} 已由 cadre serve（进程 {pid}）在 {socket} 上提供服务")
            } else {
                format!("the store at {store} is already served by cadre serve (pid {pid}) on {socket}")
            }
        }
        Msg::NoServer { socket, error } => {
            if zh {
                format!("{socket} 上没有 cadre 服务（{error}）；请先运行 `cadre serve`，或检查 --socket / CADRE_SOCKET")
            } else {
                format!("no cadre server on {socket} ({error}); start `cadre serve`, or check --socket / CADRE_SOCKET")
            }
        }
        Msg::ServerGone { socket } => {
            if zh {
                format!("与 {socket} 上的 cadre 服务的连接已断开")
            } else {
                format!("the connection to the cadre server on {socket} was lost")
            }
        }
        Msg::ServedElsewhere { store, pid, socket } => {
            if zh {
                format!("{store} 由 cadre serve（进程 {pid}）提供服务，但无法连接 {socket}；请用 --socket 指定它的套接字")
            } else {
                format!("the store at {store} is served by cadre serve (pid {pid}), but {socket} does not answer; give its socket with --socket")
            }
        }
        Msg::WrongStore { socket, serves, asked } => {
            if zh {
                format!("{socket} 上的服务提供的是 {serves}，不是 {asked}")
            } else {
                format!("the server on {socket} serves {serves}, not {asked}")
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
