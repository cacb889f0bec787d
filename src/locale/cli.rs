//! The command line's own lines (what a command printed when it worked), in both languages.

use std::path::Path;

use super::{sanitize_line as clean, Lang};
use crate::domain::training::{PointsEvent, Redemption};

pub fn rows_read(lang: Lang, rows: u64) -> String {
    lang.pick(format!("已读取 {rows} 行…"), format!("read {rows} rows…"))
}

pub fn would_change(lang: Lang, key: &str) -> String {
    lang.pick(format!("  将修改 {key}"), format!("  would change {key}"))
}

pub fn records_written(lang: Lang, n: u64, path: &Path) -> String {
    lang.pick(
        format!("已写入 {n} 条记录到 {}", path.display()),
        format!("{n} records written to {}", path.display()),
    )
}

pub fn report_written(lang: Lang, path: &Path) -> String {
    lang.pick(format!("报告已写入 {}", path.display()), format!("report written to {}", path.display()))
}

pub fn no_problems(lang: Lang, db: &Path) -> String {
    lang.pick(format!("{}：未发现问题", db.display()), format!("{}: no problems found", db.display()))
}

pub fn problems_found(lang: Lang, n: usize, db: &Path) -> String {
    lang.pick(format!("{} 中发现 {n} 个问题", db.display()), format!("{n} problem(s) in {}", db.display()))
}

pub fn backed_up(lang: Lang, records: u64, bytes: u64, file: &Path) -> String {
    lang.pick(
        format!("已备份 {records} 条记录（{bytes} 字节）到 {}", file.display()),
        format!("{records} records ({bytes} bytes) backed up to {}", file.display()),
    )
}

pub fn store_created(lang: Lang, db: &Path, admin: &str) -> String {
    lang.pick(
        format!("已在 {} 新建存储；{admin} 是管理员", db.display()),
        format!("store created at {}; {admin} is its admin", db.display()),
    )
}

pub fn demo_loading(lang: Lang, done: usize, of: usize) -> String {
    lang.pick(format!("正在载入… {done}/{of} 名员工"), format!("loading… {done}/{of} employees"))
}

/// Counts of a demo load: employees, pool members, enrollments, reflections, evaluations.
pub fn demo_created(lang: Lang, db: &Path, counts: [usize; 5]) -> String {
    let [e, m, n, r, v] = counts;
    lang.pick(
        format!("演示库位于 {}：{e} 名员工，{m} 名人才池成员，{n} 条学习记录，{r} 篇心得，{v} 条测评", db.display()),
        format!(
            "demo store at {}: {e} employees, {m} pool members, {n} enrollments, {r} reflections, {v} evaluations",
            db.display()
        ),
    )
}

/// One overdue or behind-schedule course: who, where, which course, due, how far behind.
pub struct ReminderLine<'a> {
    pub employee_id: &'a str,
    pub name: &'a str,
    pub department: &'a str,
    pub section: &'a str,
    pub course: &'a str,
    pub title: &'a str,
    pub due: crate::domain::Date,
    pub days_overdue: i64,
    pub at_risk: bool,
    pub hours_left: f32,
    pub manager: Option<&'a str>,
}

pub fn reminder(lang: Lang, r: &ReminderLine) -> String {
    let standing = if r.at_risk {
        lang.pick("进度落后".to_string(), "behind schedule".to_string())
    } else {
        lang.pick(format!("逾期 {} 天", r.days_overdue), format!("{} days overdue", r.days_overdue))
    };
    let manager = r.manager.map(clean).unwrap_or_else(|| "-".into());
    let (due, left, mgr) = lang.pick(("截止", "剩余学时", "经理"), ("due", "h left", "manager"));
    let who = format!("{}\t{}\t{}/{}", r.employee_id, clean(r.name), clean(r.department), clean(r.section));
    let hours = match lang {
        Lang::Zh => format!("{left} {:.0}", r.hours_left),
        Lang::En => format!("{:.0} {left}", r.hours_left),
    };
    format!("{who}\t{} {}\t{due} {}\t{standing}\t{hours}\t{mgr} {manager}", r.course, clean(r.title), r.due)
}

/// A points balance, the score it maps to, every ledger entry and redemption.
pub fn points(
    lang: Lang,
    employee_id: &str,
    balance: i64,
    (score, improvement_plan): (u8, bool),
    events: &[PointsEvent],
    redemptions: &[Redemption],
) -> Vec<String> {
    let mut lines = vec![match lang {
        Lang::Zh => format!(
            "{employee_id}：{balance} 积分 → 绩效得分 {score}{}",
            if improvement_plan { "（需要改进计划）" } else { "" }
        ),
        Lang::En => format!(
            "{employee_id}: {balance} points -> performance score {score}{}",
            if improvement_plan { " (improvement plan required)" } else { "" }
        ),
    }];
    for e in events {
        lines.push(format!(
            "  {:>5}  {:+4}  {:<26} {}  {}",
            e.seq,
            e.points,
            e.cause.code(),
            e.at.format("%Y-%m-%d"),
            clean(&e.reason)
        ));
    }
    for r in redemptions {
        lines.push(lang.pick(
            format!(
                "  已兑换 {}：当时 {} 积分，{}",
                r.kind.code(),
                r.balance_at_redemption,
                r.at.format("%Y-%m-%d")
            ),
            format!(
                "  redeemed {} at {} points on {}",
                r.kind.code(),
                r.balance_at_redemption,
                r.at.format("%Y-%m-%d")
            ),
        ));
    }
    lines
}

pub fn input_failed(lang: Lang, line: u64, error: &str) -> String {
    lang.pick(format!("读取第 {line} 行失败：{error}"), format!("reading line {line} failed: {error}"))
}

pub fn apply_line_too_long(lang: Lang, max: usize) -> String {
    lang.pick(
        format!("该行超过 {max} 字节，未执行"),
        format!("the line is longer than {max} bytes; not applied"),
    )
}

pub fn apply_not_utf8(lang: Lang) -> String {
    lang.pick("该行不是 UTF-8 文本，未执行", "the line is not UTF-8 text; not applied").to_string()
}

pub fn apply_not_a_command(lang: Lang, error: &str) -> String {
    lang.pick(format!("不是命令：{error}"), format!("not a command: {error}"))
}

pub fn apply_output_closed(lang: Lang, last: u64) -> String {
    lang.pick(
        format!("标准输出已关闭：第 {last} 行已执行但结果未能写出；后面的行没有执行"),
        format!("standard output closed: line {last} was applied but its result could not be written; the lines after it were not applied"),
    )
}

pub fn serving(lang: Lang, db: &Path, socket: &Path) -> String {
    lang.pick(
        format!("正在为 {} 提供服务，套接字 {}；Ctrl-C 或 SIGTERM 停止", db.display(), socket.display()),
        format!("serving {} on {}; stop with Ctrl-C or SIGTERM", db.display(), socket.display()),
    )
}

pub fn no_server(lang: Lang, db: &Path) -> String {
    lang.pick(
        format!("没有 cadre 服务在为 {} 提供服务；每个命令都在自己的进程中打开它", db.display()),
        format!("no cadre server serves {}; each command opens it in its own process", db.display()),
    )
}

/// The first lines of `cadre status`: the server process, its store, its socket, and the
/// count of connected clients (one line per client follows, without words to translate).
pub fn server_status(
    lang: Lang,
    (pid, program, uptime_secs, started): (u32, &str, u64, &str),
    (store, schema, seq): (&str, u32, u64),
    socket: &str,
    clients: usize,
) -> Vec<String> {
    vec![
        lang.pick(
            format!("cadre serve（进程 {pid}，{program}），已运行 {uptime_secs} 秒，自 {started} 起"),
            format!("cadre serve (pid {pid}, {program}), up {uptime_secs} s since {started}"),
        ),
        lang.pick(
            format!("存储 {store}（结构版本 {schema}），审计序号 {seq}"),
            format!("store {store} (schema {schema}), audit at {seq}"),
        ),
        lang.pick(format!("套接字 {socket}"), format!("socket {socket}")),
        lang.pick(format!("已连接 {clients} 个客户端："), format!("{clients} client(s) connected:")),
    ]
}

/// A connected client that receives change notices.
pub fn live(lang: Lang) -> &'static str {
    lang.pick("实时", "live")
}

pub fn needs_terminal(lang: Lang) -> String {
    lang.pick(
        "全屏界面需要在终端中运行（脚本请用 export、apply 等命令）".to_string(),
        "the TUI needs a terminal on standard input and output (for scripts: export, apply and the other commands)".to_string(),
    )
}

pub fn mapping_written(lang: Lang, path: &Path) -> String {
    lang.pick(
        format!("起始映射已写入 {}：请补全标有 TODO 的项，再用 --map 导入", path.display()),
        format!(
            "starter mapping written to {}: fill in the TODO entries, then import with --map",
            path.display()
        ),
    )
}

pub fn no_pools(lang: Lang) -> String {
    lang.pick(
        "还没有人才池：cadre pool create NAME --year Y --rank section_chief",
        "no pools yet: cadre pool create NAME --year Y --rank section_chief",
    )
    .into()
}

pub fn pool_line(lang: Lang, pool: &crate::domain::pool::Pool, members: &str) -> String {
    let rank = super::labels::rank(lang, pool.target_rank);
    let closed =
        pool.closed.map_or(String::new(), |d| lang.pick(format!("（{d} 已结束）"), format!(" (closed {d})")));
    lang.pick(
        format!("{} “{}”{closed} {} 年，目标职级 {rank}：{members}", pool.id, pool.name, pool.year),
        format!("{} '{}'{closed} {}, target rank {rank}: {members}", pool.id, pool.name, pool.year),
    )
}

pub fn screened(lang: Lang, pool: &crate::domain::pool::Pool, n: usize) -> String {
    lang.pick(
        format!("人才池 {} “{}”：{n} 人符合全部条件（尚未在池中）", pool.id, pool.name),
        format!("pool {} '{}': {n} people pass every rule (not yet in the pool)", pool.id, pool.name),
    )
}

pub fn nobody_named(lang: Lang) -> String {
    lang.pick(
        "没有指定任何人：列出工号，或用 --eligible / --all-nominated",
        "nobody named: list employee ids, or use --eligible / --all-nominated",
    )
    .into()
}

pub fn admitted(lang: Lang, pool: &crate::domain::pool::Pool, n: usize) -> String {
    lang.pick(
        format!("已将 {n} 人纳入人才池 {} “{}”", pool.id, pool.name),
        format!("{n} admitted to pool {} '{}'", pool.id, pool.name),
    )
}

pub fn nobody_nominated(lang: Lang, pool: &crate::domain::pool::Pool) -> String {
    lang.pick(
        format!("人才池 {} “{}”中没有待纳入的提名人选", pool.id, pool.name),
        format!("nobody is nominated in pool {} '{}'", pool.id, pool.name),
    )
}

pub fn nobody_eligible(lang: Lang, pool: &crate::domain::pool::Pool) -> String {
    lang.pick(
        format!(
            "人才池 {} “{}”的筛选没有找到符合全部条件的人（`cadre pool screen` 查看）",
            pool.id, pool.name
        ),
        format!(
            "the screening of pool {} '{}' finds nobody who passes every rule (see `cadre pool screen`)",
            pool.id, pool.name
        ),
    )
}

/// A vacancy as `cadre vacancy list` shows it.
pub struct VacancyLine<'a> {
    pub id: u32,
    pub department: &'a str,
    pub section: &'a str,
    pub rank: crate::domain::org::Rank,
    pub reason: crate::domain::vacancy::VacancyReason,
    pub status: crate::domain::vacancy::VacancyStatus,
    pub opened: crate::domain::Date,
    pub due: Option<crate::domain::Date>,
}

/// One line of `cadre vacancy list`.
pub fn vacancy_line(lang: Lang, v: &VacancyLine, on: crate::domain::Date, filled_by: Option<&str>) -> String {
    let rank = super::labels::rank(lang, v.rank);
    let reason = match lang {
        Lang::Zh => v.reason.zh().to_string(),
        Lang::En => v.reason.code().replace('_', " "),
    };
    let status = match (v.status, lang) {
        (crate::domain::vacancy::VacancyStatus::Open, Lang::Zh) => "空缺中",
        (crate::domain::vacancy::VacancyStatus::Forecast, Lang::Zh) => "预计",
        (crate::domain::vacancy::VacancyStatus::Filled, Lang::Zh) => "已任用",
        (s, Lang::En) => s.code(),
    };
    let days = (on - v.opened).num_days().max(0);
    let due = v.due.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
    let place = if v.section.is_empty() {
        v.department.to_string()
    } else {
        format!("{} {}", v.department, v.section)
    };
    match (filled_by, lang) {
        (Some(who), Lang::Zh) => format!("{:>4}  {place}  {rank}  {reason}  {status}：{who}", v.id),
        (Some(who), Lang::En) => format!("{:>4}  {place}  {rank}  {reason}  {status}: {who}", v.id),
        (None, Lang::Zh) => format!(
            "{:>4}  {place}  {rank}  {reason}  {status}  {} 开放，{due} 前到岗（已 {days} 天）",
            v.id, v.opened
        ),
        (None, Lang::En) => format!(
            "{:>4}  {place}  {rank}  {reason}  {status}  opened {}, due {due} ({days} days)",
            v.id, v.opened
        ),
    }
}

pub fn nobody_for_vacancy(lang: Lang, vacancy: u32) -> String {
    lang.pick(
        format!("岗位空缺 {vacancy} 没有候选人：对应职级的人才池中没有已入池的成员"),
        format!("vacancy {vacancy} has no candidates: no admitted member in a pool for its rank"),
    )
}

/// Bench strength of one department and rank, as `cadre bench` shows it.
pub struct BenchLine<'a> {
    pub department: &'a str,
    pub expected_vacancies: u32,
    pub ready_now: u32,
    pub ready_1_2: u32,
    pub developing: u32,
    pub short: bool,
    /// Months left to act and by when, for a short department.
    pub act_by: Option<(u32, crate::domain::Date)>,
}

/// One line of `cadre bench`.
pub fn bench_line(lang: Lang, r: &BenchLine, rank: &str) -> String {
    let short = match (r.short, r.act_by) {
        (true, Some((months, by))) => {
            format!("{}{}", lang.pick("  ⚠ 储备不足", "  ⚠ short"), super::vacancy::act_by(lang, months, by))
        }
        (true, None) => lang.pick("  ⚠ 储备不足", "  ⚠ short").to_string(),
        (false, _) => String::new(),
    };
    lang.pick(
        format!(
            "{}  {rank}：预计空缺 {}，可立即任用 {}，1–2 年内 {}，培养中 {}{short}",
            r.department, r.expected_vacancies, r.ready_now, r.ready_1_2, r.developing
        ),
        format!(
            "{}  {rank}: {} expected vacanc{}, {} ready now, {} ready in 1–2 years, {} developing{short}",
            r.department,
            r.expected_vacancies,
            if r.expected_vacancies == 1 { "y" } else { "ies" },
            r.ready_now,
            r.ready_1_2,
            r.developing
        ),
    )
}

pub fn no_plan(lang: Lang, pool: &crate::domain::pool::Pool) -> String {
    lang.pick(
        format!("人才池 {} “{}”还没有培养计划（`cadre plan set`）", pool.id, pool.name),
        format!("pool {} '{}' has no development plan yet (`cadre plan set`)", pool.id, pool.name),
    )
}

pub fn plan_heading(lang: Lang, pool: &crate::domain::pool::Pool, department: Option<&str>) -> String {
    match (department, lang) {
        (None, Lang::Zh) => format!("人才池 {} “{}”培养计划 — 通用课程：", pool.id, pool.name),
        (None, Lang::En) => format!("pool {} '{}' development plan — for everyone:", pool.id, pool.name),
        (Some(d), Lang::Zh) => format!("{d}："),
        (Some(d), Lang::En) => format!("{d}:"),
    }
}

pub fn due(lang: Lang, day: crate::domain::Date) -> String {
    lang.pick(format!("截止 {day}"), format!("due {day}"))
}

/// A department's gap as `cadre insight gaps` shows it.
pub struct GapLine<'a> {
    pub department: &'a str,
    pub dimension: &'a str,
    pub department_avg: f64,
    pub company_avg: f64,
    pub gap: f64,
    pub n: u32,
    pub courses: &'a [String],
}

pub fn gap_line(lang: Lang, g: &GapLine) -> String {
    let dimension = super::insight::dimension(lang, g.dimension);
    let courses = if g.courses.is_empty() { "—".to_string() } else { g.courses.join(", ") };
    lang.pick(
        format!(
            "{}  {dimension}：{:.1}，公司 {:.1}，差距 {:+.1}（{} 条）  推荐课程：{courses}",
            g.department, g.department_avg, g.company_avg, g.gap, g.n
        ),
        format!(
            "{}  {dimension}: {:.1} against the company's {:.1}, gap {:+.1} (n = {})  courses: {courses}",
            g.department, g.department_avg, g.company_avg, g.gap, g.n
        ),
    )
}

pub fn appointment_rate(lang: Lang, rate: f64, target: u8) -> String {
    let mark = if rate >= f64::from(target) { "✓" } else { "✗" };
    lang.pick(
        format!("    一年内任用率 {rate:.1}%（目标 {target}%）{mark}"),
        format!("    appointed within a year {rate:.1}% (target {target}%) {mark}"),
    )
}

pub fn nominated_outside_rules(lang: Lang, n: usize, names: &str) -> String {
    lang.pick(
        format!("注意：其中 {n} 人未通过全部筛选条件（`cadre pool screen` 查看）：{names}"),
        format!("note: {n} of them do not pass every screening rule (see `cadre pool screen`): {names}"),
    )
}
