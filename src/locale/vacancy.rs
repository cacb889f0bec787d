//! The words of the pipeline's last step in both languages: vacancy reasons and states,
//! quarters, the forecast and plan starts, appointment rates, and the vacancies tab.

use super::Lang;
use crate::domain::forecast::{PlanStart, PoolRate, Quarter, QuarterCell};
use crate::domain::vacancy::{VacancyReason, VacancyStatus};
use crate::domain::Date;

pub fn reason(lang: Lang, r: VacancyReason) -> &'static str {
    match lang {
        Lang::Zh => r.zh(),
        Lang::En => match r {
            VacancyReason::Retirement => "retirement",
            VacancyReason::Transfer => "transfer",
            VacancyReason::NewPost => "new post",
            VacancyReason::Promotion => "promotion",
        },
    }
}

pub fn status(lang: Lang, s: VacancyStatus) -> &'static str {
    match (lang, s) {
        (Lang::Zh, VacancyStatus::Forecast) => "预计",
        (Lang::Zh, VacancyStatus::Open) => "空缺中",
        (Lang::Zh, VacancyStatus::Filled) => "已任用",
        (Lang::En, s) => s.code(),
    }
}

/// `2027 Q3` / `2027年Q3`.
pub fn quarter(lang: Lang, q: Quarter) -> String {
    lang.pick(format!("{}年Q{}", q.year, q.q), format!("{} Q{}", q.year, q.q))
}

/// `2027-04` as a month to start by.
pub fn month(d: Date) -> String {
    d.format("%Y-%m").to_string()
}

/// How the forecast of a quarter is made up: `历史 1.3 · 已登记 2 · 离任 1`.
pub fn quarter_parts(lang: Lang, c: &QuarterCell) -> String {
    lang.pick(
        format!("历史同期 {:.1} · 已登记 {} · 已知离任 {}", c.history, c.recorded, c.departures),
        format!("history {:.1} · on record {} · known departures {}", c.history, c.recorded, c.departures),
    )
}

/// One line of the forecast: `2027 Q3  3.3  (history … )`, the peak marked.
pub fn quarter_line(lang: Lang, c: &QuarterCell, peak: bool) -> String {
    let mark = if peak { lang.pick("  ▲ 高峰", "  ▲ peak") } else { "" };
    format!("{}  {:>4.1}  ({}){mark}", quarter(lang, c.quarter), c.expected(), quarter_parts(lang, c))
}

/// When a short department must start: `市场营销部 科长：预计 2，可立即任用 0；高峰 2027年Q3，
/// 最迟 2027-04 启动培养（还有 4 个月）`.
pub fn plan_start(lang: Lang, s: &PlanStart) -> String {
    let rank = super::labels::rank(lang, s.rank);
    let peak = s.peak.map(|q| quarter(lang, q));
    let when = if s.months_left == 0 {
        lang.pick("立即启动培养".to_string(), "start the plan now".to_string())
    } else {
        lang.pick(
            format!("最迟 {} 启动培养（还有 {} 个月）", month(s.start_by), s.months_left),
            format!(
                "start the plan by {} ({} month{} left)",
                month(s.start_by),
                s.months_left,
                if s.months_left == 1 { "" } else { "s" }
            ),
        )
    };
    match (lang, peak) {
        (Lang::Zh, Some(p)) => {
            format!(
                "{} {rank}：预计空缺 {}，可立即任用 {}；高峰 {p}，{when}",
                s.department, s.expected, s.ready_now
            )
        }
        (Lang::Zh, None) => {
            format!("{} {rank}：预计空缺 {}，可立即任用 {}；{when}", s.department, s.expected, s.ready_now)
        }
        (Lang::En, Some(p)) => format!(
            "{} {rank}: {} expected, {} ready now; peak {p}, {when}",
            s.department, s.expected, s.ready_now
        ),
        (Lang::En, None) => {
            format!("{} {rank}: {} expected, {} ready now; {when}", s.department, s.expected, s.ready_now)
        }
    }
}

/// A pool's appointment rate in full.
pub fn rate_line(lang: Lang, r: &PoolRate, target: u8) -> String {
    let mark = match r.rate.percent() {
        Some(p) if p >= f64::from(target) => " ✓",
        Some(_) => " ✗",
        None => "",
    };
    let value = r.rate.percent().map_or("—".to_string(), |p| format!("{p:.1}%"));
    lang.pick(
        format!(
            "人才池 {} “{}”：一年内任用 {} / 在池 {} = {value}（目标 {target}%）{mark}",
            r.pool_id, r.name, r.rate.appointed_in_year, r.rate.base
        ),
        format!(
            "pool {} '{}': appointed within a year {} of {} = {value} (target {target}%){mark}",
            r.pool_id, r.name, r.rate.appointed_in_year, r.rate.base
        ),
    )
}

/// Bench months left: `，还有 3 个月（最迟 2027-02-28）`.
pub fn act_by(lang: Lang, months_left: u32, by: Date) -> String {
    if months_left == 0 {
        return lang.pick(format!("，须立即行动（{by}）"), format!(", act now (by {by})"));
    }
    lang.pick(
        format!("，还有 {months_left} 个月（最迟 {by}）"),
        format!(", {months_left} month{} left (by {by})", if months_left == 1 { "" } else { "s" }),
    )
}

pub fn forecast_heading(lang: Lang, lead: u8) -> String {
    lang.pick(
        format!("岗位空缺预测（按季度；储备不足的部门在高峰前 {lead} 个月启动培养）"),
        format!("Vacancy forecast per quarter (short departments start {lead} months before the peak)"),
    )
}

pub fn nobody_short(lang: Lang) -> &'static str {
    lang.pick("各部门的可立即任用人数都够用", "no department is short of people ready now")
}

/// The vacancies tab's words.
pub struct PanelTexts {
    pub tab: &'static str,
    pub list_columns: [&'static str; 10],
    pub shortlist_columns: [&'static str; 8],
    pub bench_columns: [&'static str; 7],
    pub views: [&'static str; 3],
    pub no_vacancies: &'static str,
    pub nobody_on_shortlist: &'static str,
    pub no_bench: &'static str,
    pub open_shortlist_first: &'static str,
    pub not_filled: &'static str,
    pub filled_already: &'static str,
    pub appoint_title: &'static str,
    pub appoint_fields: [&'static str; 2],
    pub reason_needed: &'static str,
    pub reverse_title: &'static str,
    pub open_title: &'static str,
    pub open_fields: [&'static str; 7],
    pub open_statuses: &'static str,
    pub leaves_pools: &'static str,
    pub priority: &'static str,
    pub every_gate: &'static str,
    pub short: &'static str,
    pub plan_starts: &'static str,
    pub rates: &'static str,
    pub unknown_rank: &'static str,
}

pub static ZH: PanelTexts = PanelTexts {
    tab: "岗位任用",
    list_columns: ["编号", "部门", "科室", "职级", "原因", "状态", "开放", "到岗期限", "天数", "任用人"],
    shortlist_columns: ["序", "准备度", "前20%", "姓名", "工号", "部门", "综合分", "未过门槛"],
    bench_columns: ["部门", "职级", "预计空缺", "可立即任用", "1-2年", "培养中", "储备"],
    views: ["空缺", "储备强度", "空缺预测"],
    no_vacancies: "还没有岗位空缺：用“新增空缺”登记，或 `cadre vacancy open`",
    nobody_on_shortlist: "人才池中没有该职级的在池成员",
    no_bench: "没有在池成员，也没有预计空缺",
    open_shortlist_first: "先打开该空缺的候选人名单，再选择任命人选",
    not_filled: "该空缺尚未任用，没有可撤销的任命",
    filled_already: "该空缺已任用",
    appoint_title: "任命",
    appoint_fields: ["理由", "生效日期"],
    reason_needed: "此人尚未达到可立即任用，任命须写明理由",
    reverse_title: "撤销任命（填写理由）",
    open_title: "新增岗位空缺",
    open_fields: ["部门", "科室", "职级", "原因", "到岗期限", "状态", "开放日期"],
    open_statuses: "空缺中/预计",
    leaves_pools: "任命后，此人在其他人才池中的成员资格将自动退出",
    priority: "★",
    every_gate: "各项门槛均已通过",
    short: "⚠ 储备不足",
    plan_starts: "储备不足的部门何时启动培养",
    rates: "一年内任用率",
    unknown_rank: "职级应为 室主任/科长 或 部门经理",
};

pub static EN: PanelTexts = PanelTexts {
    tab: "Vacancies",
    list_columns: [
        "No.",
        "Department",
        "Section",
        "Rank",
        "Reason",
        "Status",
        "Opened",
        "Due",
        "Days",
        "Filled by",
    ],
    shortlist_columns: ["#", "Level", "Top 20%", "Name", "ID", "Department", "Composite", "Failing gates"],
    bench_columns: ["Department", "Rank", "Expected", "Ready now", "1-2 yrs", "Developing", "Bench"],
    views: ["Vacancies", "Bench strength", "Forecast"],
    no_vacancies: "No vacancies yet: open one with “Open a vacancy”, or `cadre vacancy open`",
    nobody_on_shortlist: "No admitted pool member holds a pool for this rank",
    no_bench: "No pool members and no vacancies expected",
    open_shortlist_first: "Open the vacancy's shortlist first, then choose whom to appoint",
    not_filled: "This vacancy is not filled: there is no appointment to reverse",
    filled_already: "This vacancy is already filled",
    appoint_title: "Appoint",
    appoint_fields: ["Reason", "Effective"],
    reason_needed: "Not ready now: an appointment needs a reason",
    reverse_title: "Reverse the appointment (reason)",
    open_title: "Open a vacancy",
    open_fields: ["Department", "Section", "Rank", "Reason", "Due", "Status", "Opens"],
    open_statuses: "open/forecast",
    leaves_pools: "Once appointed, the person leaves every other live pool",
    priority: "★",
    every_gate: "every gate passed",
    short: "⚠ short",
    plan_starts: "When short departments must start training",
    rates: "Appointed within a year",
    unknown_rank: "rank: section_chief or department_manager",
};

pub fn texts(lang: Lang) -> &'static PanelTexts {
    lang.pick(&ZH, &EN)
}

/// `任命 黄红（E000244）为 人力资源部 招聘配置室 室主任（空缺 3）`.
pub fn appoint_line(lang: Lang, who: &str, post: &str, vacancy: u32) -> String {
    lang.pick(
        format!("任命 {who} 为 {post}（空缺 {vacancy}）"),
        format!("Appoint {who} to {post} (vacancy {vacancy})"),
    )
}

/// The reason field's hint when the person is not ready now: `必填：1-2年内可任用`.
pub fn reason_hint(lang: Lang, level: &str) -> String {
    lang.pick(format!("必填：{level}"), format!("required: {level}"))
}

/// `准备度：可立即任用 · 综合分 93.5 · 生效 2026-11-20`.
pub fn appoint_facts(lang: Lang, level: &str, composite: f32, effective: Date) -> String {
    lang.pick(
        format!("准备度：{level} · 综合分 {composite:.1} · {effective} 生效"),
        format!("Level: {level} · composite {composite:.1} · effective {effective}"),
    )
}

/// `空缺 3 · 人力资源部 招聘配置室 室主任 · 候选人 12，可立即任用 5`.
pub fn shortlist_title(lang: Lang, vacancy: u32, post: &str, n: usize, ready: usize) -> String {
    lang.pick(
        format!("空缺 {vacancy} · {post} · 候选人 {n}，可立即任用 {ready}"),
        format!("Vacancy {vacancy} · {post} · {n} candidates, {ready} ready now"),
    )
}

/// The status line of the list: `空缺中 3 · 预计 2 · 已任用 30`.
pub fn list_summary(lang: Lang, open: usize, forecast: usize, filled: usize) -> String {
    lang.pick(
        format!("空缺中 {open} · 预计 {forecast} · 已任用 {filled}"),
        format!("{open} open · {forecast} forecast · {filled} filled"),
    )
}

pub fn bench_summary(lang: Lang, short: usize, rows: usize) -> String {
    lang.pick(
        format!("{rows} 个部门职级，储备不足 {short} 个"),
        format!("{rows} department ranks, {short} short"),
    )
}

pub fn days(lang: Lang, n: i64) -> String {
    lang.pick(format!("{n} 天"), format!("{n} d"))
}

pub fn months_left(lang: Lang, n: u32) -> String {
    if n == 0 {
        return lang.pick("须立即行动", "act now").to_string();
    }
    lang.pick(format!("还有 {n} 个月"), format!("{n} mo left"))
}

/// The words of a pool's lifecycle in the pool tab.
pub struct CohortTexts {
    zh: bool,
    pub fields: [&'static str; 3],
    pub new_title: &'static str,
    pub close_title: &'static str,
    pub close_explained: &'static str,
    pub closed_mark: &'static str,
}

impl CohortTexts {
    /// `2027年后备室主任`.
    pub fn default_name(&self, year: i32) -> String {
        if self.zh {
            format!("{year}年后备室主任")
        } else {
            format!("{year} reserve section chiefs")
        }
    }

    pub fn rename_title(&self, name: &str) -> String {
        if self.zh {
            format!("人才池“{name}”改名为")
        } else {
            format!("Rename pool '{name}' to")
        }
    }

    pub fn close_question(&self, name: &str, on: Date) -> String {
        if self.zh {
            format!("于 {on} 结束人才池“{name}”？")
        } else {
            format!("Close pool '{name}' on {on}?")
        }
    }
}

static COHORT_ZH: CohortTexts = CohortTexts {
    zh: true,
    fields: ["名称", "年度", "目标职级"],
    new_title: "新建人才池（资格规则取自当前政策）",
    close_title: "结束人才池",
    close_explained: "此后不再提名或入池；成员与记录保留，仍可任用",
    closed_mark: "（已结束）",
};

static COHORT_EN: CohortTexts = CohortTexts {
    zh: false,
    fields: ["Name", "Year", "Target rank"],
    new_title: "New pool (eligibility rules from the current policy)",
    close_title: "Close the pool",
    close_explained:
        "No more nominations or admissions; members and records stay, and may still be appointed",
    closed_mark: " (closed)",
};

pub fn cohort(lang: Lang) -> &'static CohortTexts {
    lang.pick(&COHORT_ZH, &COHORT_EN)
}

/// The words of the plan view in the courses tab.
pub struct PlanTexts {
    zh: bool,
    pub view: &'static str,
    pub columns: [&'static str; 4],
    pub fields: [&'static str; 3],
    pub everyone: &'static str,
    pub scope_hint: &'static str,
    pub course_hint: &'static str,
    pub add_title: &'static str,
    pub confirm_title: &'static str,
    pub removal_keeps: &'static str,
    pub empty: &'static str,
    pub elsewhere: &'static str,
}

impl PlanTexts {
    fn scope(&self, department: Option<&str>) -> String {
        department.map_or(self.everyone.to_string(), str::to_string)
    }

    pub fn added(&self, department: Option<&str>, course: &str, due: Date) -> String {
        let scope = self.scope(department);
        if self.zh {
            format!("加入培养计划：{scope} · {course}，{due} 前完成")
        } else {
            format!("Add to the plan: {scope} · {course}, due {due}")
        }
    }

    pub fn removed(&self, department: Option<&str>, course: &str) -> String {
        let scope = self.scope(department);
        if self.zh {
            format!("从培养计划中移除：{scope} · {course}")
        } else {
            format!("Remove from the plan: {scope} · {course}")
        }
    }

    pub fn enrolls(&self, n: usize) -> String {
        match (self.zh, n) {
            (true, 0) => "不会新增报名（相关成员均已报名）".into(),
            (true, n) => format!("将为以下 {n} 人次新增报名："),
            (false, 0) => "Enrolls nobody new (everyone concerned is enrolled)".into(),
            (false, n) => format!("Enrolls {n} new course place{}:", if n == 1 { "" } else { "s" }),
        }
    }

    pub fn and_more(&self, n: usize) -> String {
        if self.zh {
            format!(" 等另外 {n} 人次")
        } else {
            format!(" and {n} more")
        }
    }
}

static PLAN_ZH: PlanTexts = PlanTexts {
    zh: true,
    view: "培养计划",
    columns: ["范围", "课程", "名称", "截止日期"],
    fields: ["范围", "课程编号", "截止日期"],
    everyone: "通用",
    scope_hint: "通用，或部门名称",
    course_hint: "课程目录中的编号",
    add_title: "加入培养计划",
    confirm_title: "更新培养计划",
    removal_keeps: "已有的报名和学时保留",
    empty: "该人才池还没有培养计划：用“加入培养计划”添加课程，或 `cadre plan set`",
    elsewhere: "培养计划在“培养计划”视图中修改（切换视图）",
};

static PLAN_EN: PlanTexts = PlanTexts {
    zh: false,
    view: "Development plan",
    columns: ["For", "Course", "Title", "Due"],
    fields: ["For", "Course code", "Due"],
    everyone: "everyone",
    scope_hint: "everyone, or a department",
    course_hint: "a code from the catalogue",
    add_title: "Add to the development plan",
    confirm_title: "Change the development plan",
    removal_keeps: "Enrollments and hours already recorded stay",
    empty: "This pool has no development plan yet: add a course with “Add to the plan”, or `cadre plan set`",
    elsewhere: "The plan is changed in the plan view (switch views)",
};

pub fn plan_texts(lang: Lang) -> &'static PlanTexts {
    lang.pick(&PLAN_ZH, &PLAN_EN)
}

/// The words of a course's roster in the courses tab.
pub struct RosterTexts {
    zh: bool,
    pub columns: [&'static str; 6],
    pub nobody: &'static str,
    pub on_track: &'static str,
}

impl RosterTexts {
    pub fn summary(&self, code: &str, title: &str, n: usize, done: usize, overdue: usize) -> String {
        if self.zh {
            format!("{code} {title} · 报名 {n} 人，已完成 {done}，逾期 {overdue}")
        } else {
            format!("{code} {title} · {n} enrolled, {done} done, {overdue} overdue")
        }
    }

    pub fn done_on(&self, d: Date) -> String {
        if self.zh {
            format!("{d} 完成")
        } else {
            format!("done {d}")
        }
    }
}

static ROSTER_ZH: RosterTexts = RosterTexts {
    zh: true,
    columns: ["姓名", "部门", "学时", "截止", "情况", "最高成绩"],
    nobody: "该人才池没有人报名这门课程",
    on_track: "按计划进行",
};

static ROSTER_EN: RosterTexts = RosterTexts {
    zh: false,
    columns: ["Name", "Department", "Hours", "Due", "Standing", "Best exam"],
    nobody: "Nobody in this pool is enrolled in this course",
    on_track: "on track",
};

pub fn roster_texts(lang: Lang) -> &'static RosterTexts {
    lang.pick(&ROSTER_ZH, &ROSTER_EN)
}
