//! Every word of the full-screen UI in Chinese and English: fixed texts as fields, texts
//! with values as methods; people are named by name with 工号 in brackets (`Lang::who`).

use super::Lang;
use crate::domain::assessment::{RaterRelation, Recommendation, StageReviewKind};
use crate::domain::eligibility::RuleKind;
use crate::domain::training::{CourseCategory, PointsCause};

impl Lang {
    /// The UI's texts in this language.
    pub fn tui(self) -> &'static Texts {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

pub struct Texts {
    pub lang: Lang,
    pub tabs: [&'static str; 6],
    /// The tabs' names when the screen is narrow.
    pub tabs_short: [&'static str; 6],
    pub pool_columns: [&'static str; 12],
    pub queue_columns: [&'static str; 6],
    pub course_columns: [&'static str; 7],
    pub overdue_columns: [&'static str; 7],
    pub enrollment_columns: [&'static str; 7],
    pub readiness_columns: [&'static str; 7],
    pub readiness_export_columns: [&'static str; 9],
    pub course_fields: [&'static str; 9],
    pub assessment_fields: [&'static str; 6],
    pub stage_review_fields: [&'static str; 4],
    pub reply_fields: [&'static str; 4],
    pub accept: &'static str,
    pub accepted: &'static str,
    pub returned: &'static str,
    pub admit_title: &'static str,
    pub all: &'static str,
    pub answer_word: &'static str,
    pub objection_word: &'static str,
    pub apply: &'static str,
    pub apply_policy_title: &'static str,
    pub aspiration: &'static str,
    pub assessment_kinds: &'static str,
    pub back: &'static str,
    pub behind_schedule: &'static str,
    pub by_course: &'static str,
    pub by_member: &'static str,
    pub overdue_view: &'static str,
    pub cadre_component: &'static str,
    pub cancel: &'static str,
    pub cannot_undo: &'static str,
    pub certifications: &'static str,
    pub choose: &'static str,
    pub close: &'static str,
    pub comment_placeholder: &'static str,
    pub completed: &'static str,
    pub composite: &'static str,
    pub composite_parts: &'static str,
    pub counting: &'static str,
    pub course_code_hint: &'static str,
    pub code_fixed: &'static str,
    pub discard: &'static str,
    pub disqualify_title: &'static str,
    pub due: &'static str,
    pub edit_by_course: &'static str,
    pub empty_queue: &'static str,
    pub exam: &'static str,
    pub export_extension: &'static str,
    pub export_id: &'static str,
    pub export_state: &'static str,
    pub export_submitted: &'static str,
    pub export_to: &'static str,
    pub filter: &'static str,
    pub filter_empty: &'static str,
    pub filters_cleared: &'static str,
    pub gates: &'static str,
    pub help_global: &'static str,
    pub help_mode: &'static str,
    pub help_title: &'static str,
    pub hired: &'static str,
    pub history: &'static str,
    pub hours_range: &'static str,
    pub hours_unit: &'static str,
    pub improvement_plan: &'static str,
    pub kind_360: &'static str,
    pub leave_screening_first: &'static str,
    pub left_title: &'static str,
    pub level_label: &'static str,
    pub list_sep: &'static str,
    pub loading: &'static str,
    pub log_empty: &'static str,
    pub log_title: &'static str,
    pub lower: &'static str,
    pub raise: &'static str,
    pub mark_heading: &'static str,
    pub mark_on_screening: &'static str,
    pub more_in_log: &'static str,
    pub new_course_title: &'static str,
    pub next_field: &'static str,
    pub no: &'static str,
    pub yes: &'static str,
    pub no_candidates: &'static str,
    pub no_course_selected: &'static str,
    pub no_enrollments: &'static str,
    pub no_match: &'static str,
    pub no_pool: &'static str,
    pub no_pool_yet: &'static str,
    pub no_stage_review: &'static str,
    pub no_what_if: &'static str,
    pub no_word: &'static str,
    pub yes_word: &'static str,
    pub nobody_ranked: &'static str,
    pub nominate_reason: &'static str,
    pub nominate_title: &'static str,
    pub none: &'static str,
    pub not_for_role: &'static str,
    pub not_in_this_pool: &'static str,
    pub not_on_screening: &'static str,
    pub nothing_marked: &'static str,
    pub nothing_overdue: &'static str,
    pub nothing_to_export: &'static str,
    pub nothing_to_reopen: &'static str,
    pub nothing_to_undo: &'static str,
    pub ok: &'static str,
    pub only_pending: &'static str,
    pub pass_mark_hint: &'static str,
    pub performance: &'static str,
    pub performance_axis: &'static str,
    pub potential_axis: &'static str,
    pub pick_department: &'static str,
    pub pick_state: &'static str,
    pub points_hint: &'static str,
    pub points_label: &'static str,
    pub pool_empty: &'static str,
    pub pool_label: &'static str,
    pub priority: &'static str,
    pub profile: &'static str,
    pub progress_by_member: &'static str,
    pub projects: &'static str,
    pub reason_needed: &'static str,
    pub recommendations: &'static str,
    pub reflection_needs_title_and_body: &'static str,
    pub reflection_scores: &'static str,
    pub relations: &'static str,
    pub reopen_explained: &'static str,
    pub replies: &'static str,
    pub reply_kinds: &'static str,
    pub report_file: &'static str,
    pub report_to: &'static str,
    pub return_for_rewrite: &'static str,
    pub review_kinds: &'static str,
    pub reviews: &'static str,
    pub rewrite_only_returned: &'static str,
    pub save: &'static str,
    pub score_digits: &'static str,
    pub score_label: &'static str,
    pub score_or_comment: &'static str,
    pub screening_rules: &'static str,
    pub screening_running: &'static str,
    pub search_first: &'static str,
    pub search_hint: &'static str,
    pub server_back: &'static str,
    pub skills: &'static str,
    pub sorted_by: &'static str,
    pub stage: &'static str,
    pub stage_reviews: &'static str,
    pub still_to_do: &'static str,
    pub submit_hint: &'static str,
    pub team_management: &'static str,
    pub threshold: &'static str,
    pub undo_explained: &'static str,
    pub undo_title: &'static str,
    pub unit: &'static str,
    pub unknown_command: &'static str,
    pub what_if_discarded: &'static str,
    pub what_if_title: &'static str,
    pub what_if_unchanged: &'static str,
    pub withdraw_title: &'static str,
    pub working: &'static str,
    pub years: &'static str,
}

pub static ZH: Texts = Texts {
    lang: Lang::Zh,
    tabs: ["后备人才池", "课程学习", "心得点评", "晋升准备度", "岗位任用", "人事大数据"],
    tabs_short: ["人才池", "课程", "心得", "准备度", "任用", "数据"],
    pool_columns: [
        "姓名",
        "工号",
        "部门/科室",
        "职级",
        "司龄",
        "近三年绩效",
        "状态",
        "培训",
        "心得",
        "360",
        "积分",
        "准备度",
    ],
    queue_columns: ["候选人", "部门", "阶段", "版本", "等待", "分数"],
    course_columns: ["课程", "类别", "学时", "报名", "完成率", "平均成绩", "逾期"],
    overdue_columns: ["姓名", "部门", "课程", "截止", "情况", "剩余学时", "部门经理"],
    enrollment_columns: ["工号", "课程", "已学学时", "要求学时", "最高成绩", "截止", "完成日期"],
    readiness_columns: ["排名", "等级", "综合分", "姓名", "部门", "预计", "剩余事项"],
    readiness_export_columns: [
        "排名",
        "工号",
        "姓名",
        "部门",
        "等级",
        "综合分",
        "预计周数",
        "未通过门槛",
        "剩余事项",
    ],
    course_fields: ["代码", "名称", "类别", "学时", "必修", "晋升核心", "战略", "考试及格线", "完成积分"],
    assessment_fields: ["类型", "评价人", "维度", "分数", "年度", "日期"],
    stage_review_fields: ["评估", "年度", "建议", "评语"],
    reply_fields: ["评估", "年度", "异议/答复", "内容"],
    accept: "通过",
    accepted: "通过",
    returned: "退回",
    admit_title: "入池",
    all: "全部",
    answer_word: "答复",
    objection_word: "异议",
    apply: "应用为政策",
    apply_policy_title: "将假设分析保存为政策（记入审计）",
    aspiration: "职业规划",
    assessment_kinds: "360/上级/理论",
    back: "返回",
    behind_schedule: "进度落后",
    by_course: "按课程",
    by_member: "按成员",
    overdue_view: "逾期与落后",
    cadre_component: "后备干部考核",
    cancel: "取消",
    cannot_undo: "此操作不可撤销。",
    certifications: "证书",
    choose: "选择",
    close: "关闭",
    comment_placeholder: "点评（可不填；退回时请写明要修改什么）",
    completed: "已完成",
    composite: "综合分",
    composite_parts: "综合分构成",
    counting: "统计中…",
    course_code_hint: "字母、数字",
    code_fixed: "编辑时不能修改代码（新课程请用新增）",
    discard: "放弃",
    disqualify_title: "取消后备资格",
    due: "截止",
    edit_by_course: "课程在「按课程」视图中编辑",
    empty_queue: "队列为空",
    exam: "考试",
    export_extension: "文件名须以 .csv 或 .xlsx 结尾",
    export_id: "工号",
    export_state: "状态",
    export_submitted: "提交时间",
    export_to: "导出到",
    filter: "筛选",
    filter_empty: "没有符合筛选条件的成员",
    filters_cleared: "已清除筛选",
    gates: "门槛",
    help_global: "所有页签",
    help_mode: "当前操作",
    help_title: "按键",
    hired: "入职",
    history: "状态记录",
    hours_range: "学时数",
    hours_unit: "学时",
    improvement_plan: "需提交改进计划",
    kind_360: "360",
    leave_screening_first: "请先返回人才池列表",
    left_title: "标记离职",
    level_label: "等级",
    list_sep: "、",
    loading: "读取中…",
    log_empty: "还没有消息",
    log_title: "消息记录（最近 100 条）",
    lower: "调低",
    raise: "调高",
    mark_heading: "标记",
    mark_on_screening: "标记用于资格审核名单",
    more_in_log: "全文见消息记录",
    new_course_title: "新增课程",
    next_field: "下一项",
    no: "取消",
    yes: "确认",
    no_candidates: "没有符合全部规则、且不在池中的员工",
    no_course_selected: "没有选中的课程",
    no_enrollments: "没有学习记录",
    no_match: "没有匹配",
    no_pool: "尚无人才池",
    no_pool_yet: "尚无人才池",
    no_stage_review: "尚无阶段评估",
    no_what_if: "没有待应用的假设分析",
    no_word: "否",
    yes_word: "是",
    nobody_ranked: "本池没有在池或不合格的成员",
    nominate_reason: "资格审核：全部规则通过",
    nominate_title: "提名进入人才池",
    none: "无",
    not_for_role: "您的角色不能执行此操作",
    not_in_this_pool: "此人不在当前人才池",
    not_on_screening: "资格审核名单不能排序或筛选",
    nothing_marked: "请先标记候选人",
    nothing_overdue: "没有逾期或进度落后的课程",
    nothing_to_export: "这里没有可导出的列表",
    nothing_to_reopen: "待评的心得没有可重新打开的评审",
    nothing_to_undo: "本次会话还没有可撤销的操作",
    ok: "确定",
    only_pending: "只有待评的心得可以评分",
    pass_mark_hint: "0-100，空=无考试",
    performance: "绩效",
    performance_axis: "绩效",
    potential_axis: "潜力",
    pick_department: "选择部门（输入可筛选）",
    pick_state: "选择状态",
    points_hint: "空=按政策默认",
    points_label: "积分",
    pool_empty: "本池还没有成员",
    pool_label: "人才池",
    priority: "绩效前列优先",
    profile: "员工全景档案",
    progress_by_member: "学时和成绩在「按成员」视图中录入",
    projects: "项目",
    reason_needed: "请写明原因",
    recommendations: "建议晋升/继续培养/移出后备池",
    reflection_needs_title_and_body: "第一行是标题，其后是正文：两者都不能为空",
    reflection_scores: "心得得分",
    relations: "上级/同级/下级",
    reopen_explained: "重新打开后，该版本回到待评，已发放的积分冲回；原评审和原因都保留在记录中。",
    replies: "回复与异议",
    reply_kinds: "异议/答复",
    report_file: "综合考核报告",
    report_to: "报告保存到",
    return_for_rewrite: "退回重写",
    review_kinds: "初评/终评",
    reviews: "点评记录",
    rewrite_only_returned: "只有已退回的心得可以提交重写",
    save: "保存",
    score_digits: "分数只能输入数字",
    score_label: "分数",
    score_or_comment: "分数/点评",
    screening_rules: "规则核对",
    screening_running: "资格审核中…",
    search_first: "还没有搜索过",
    search_hint: "姓名、拼音、工号或部门",
    server_back: "已重新连接服务器",
    skills: "技能",
    sorted_by: "排序",
    stage: "阶段",
    stage_reviews: "阶段评估",
    still_to_do: "剩余事项",
    submit_hint: "第一行为标题，其后为正文；可以直接粘贴",
    team_management: "团队管理经验",
    threshold: "要求",
    undo_explained: "撤销记入审计：原记录保留，另记一笔反向操作。",
    undo_title: "撤销我的上一步",
    unit: "部门",
    unknown_command: "未知命令",
    what_if_discarded: "已放弃假设分析，政策未改变",
    what_if_title: "假设分析（不保存）",
    what_if_unchanged: "假设分析与现行政策相同",
    withdraw_title: "退出人才池",
    working: "处理中…",
    years: "年",
};

pub static EN: Texts = Texts {
    lang: Lang::En,
    tabs: ["Talent pool", "Courses", "Reflections", "Readiness", "Vacancies", "Insight"],
    tabs_short: ["Pool", "Courses", "Reflect", "Ready", "Posts", "Insight"],
    pool_columns: [
        "Name",
        "ID",
        "Department/Section",
        "Rank",
        "Tenure",
        "Perf (3 y)",
        "State",
        "Training",
        "Refl.",
        "360",
        "Points",
        "Readiness",
    ],
    queue_columns: ["Candidate", "Department", "Stage", "Ver.", "Waiting", "Score"],
    course_columns: ["Course", "Category", "Hours", "Enrolled", "Done", "Avg exam", "Overdue"],
    overdue_columns: ["Name", "Department", "Course", "Due", "Standing", "Hours left", "Manager"],
    enrollment_columns: ["ID", "Course", "Hours done", "Hours required", "Best exam", "Due", "Completed"],
    readiness_columns: ["Rank", "Level", "Score", "Name", "Department", "Time", "Still to do"],
    readiness_export_columns: [
        "Rank",
        "ID",
        "Name",
        "Department",
        "Level",
        "Composite",
        "Weeks left",
        "Failed gates",
        "Still to do",
    ],
    course_fields: ["Code", "Title", "Category", "Hours", "Required", "Core", "Strategic", "Exam pass mark", "Points"],
    assessment_fields: ["Kind", "Rater", "Dimension", "Score", "Year", "Date"],
    stage_review_fields: ["Review", "Year", "Recommendation", "Comment"],
    reply_fields: ["Review", "Year", "Objection/answer", "Text"],
    accept: "accept",
    accepted: "accepted",
    returned: "returned",
    admit_title: "Admit",
    all: "all",
    answer_word: "answer",
    objection_word: "objection",
    apply: "make it the policy",
    apply_policy_title: "Make the what-if the policy (audited)",
    aspiration: "Career plan",
    assessment_kinds: "360/superior/theory",
    back: "back",
    behind_schedule: "behind schedule",
    by_course: "by course",
    by_member: "by member",
    overdue_view: "overdue & behind",
    cadre_component: "Cadre component",
    cancel: "cancel",
    cannot_undo: "This cannot be undone.",
    certifications: "Certifications",
    choose: "choose",
    close: "close",
    comment_placeholder: "Comment (optional; when returning, say what to change)",
    completed: "completed",
    composite: "composite",
    composite_parts: "Composite",
    counting: "Counting…",
    course_code_hint: "letters, digits",
    code_fixed: "the code of a course being edited stays (add a new course instead)",
    discard: "discard",
    disqualify_title: "Disqualify",
    due: "due",
    edit_by_course: "Courses are edited in the by-course view",
    empty_queue: "The queue is empty",
    exam: "exam",
    export_extension: "The file name ends in .csv or .xlsx",
    export_id: "ID",
    export_state: "State",
    export_submitted: "Submitted",
    export_to: "Export to",
    filter: "filter",
    filter_empty: "No member matches the filter",
    filters_cleared: "Filters cleared",
    gates: "Gates",
    help_global: "Every tab",
    help_mode: "What you are doing",
    help_title: "Keys",
    hired: "Hired",
    history: "History",
    hours_range: "hours",
    hours_unit: "h",
    improvement_plan: "improvement plan required",
    kind_360: "360",
    leave_screening_first: "Go back to the pool list first",
    left_title: "Left the company",
    level_label: "Level",
    list_sep: ", ",
    loading: "Loading…",
    log_empty: "No messages yet",
    log_title: "Messages (last 100)",
    lower: "lower",
    raise: "raise",
    mark_heading: "Mark",
    mark_on_screening: "Marking is for the screening list",
    more_in_log: "full text in messages",
    new_course_title: "New course",
    next_field: "next field",
    no: "no",
    yes: "yes",
    no_candidates: "No employee outside the pool passes every rule",
    no_course_selected: "No course selected",
    no_enrollments: "No enrollments",
    no_match: "no match",
    no_pool: "No pool yet",
    no_pool_yet: "No pool yet",
    no_stage_review: "No stage review yet",
    no_what_if: "No what-if to apply",
    no_word: "no",
    yes_word: "yes",
    nobody_ranked: "No admitted or disqualified members in this pool",
    nominate_reason: "screening: every rule passed",
    nominate_title: "Nominate to the pool",
    none: "none",
    not_for_role: "Your role cannot do this",
    not_in_this_pool: "Not in this pool",
    not_on_screening: "The screening list is not sorted or filtered",
    nothing_marked: "Mark candidates first",
    nothing_overdue: "Nothing overdue or behind schedule",
    nothing_to_export: "Nothing to export here",
    nothing_to_reopen: "A pending reflection has no review to reopen",
    nothing_to_undo: "Nothing of yours to undo in this session",
    ok: "OK",
    only_pending: "Only a pending reflection can be scored",
    pass_mark_hint: "0-100, empty: no exam",
    performance: "Performance",
    performance_axis: "perf",
    potential_axis: "pot",
    pick_department: "Department (type to filter)",
    pick_state: "State",
    points_hint: "empty: the policy's",
    points_label: "Points",
    pool_empty: "No members in this pool yet",
    pool_label: "Pool",
    priority: "priority",
    profile: "Employee profile",
    progress_by_member: "Hours and scores are recorded in the by-member view",
    projects: "Projects",
    reason_needed: "A reason is needed",
    recommendations: "promote/keep_developing/remove",
    reflection_needs_title_and_body: "The first line is the title, the rest the text: both are needed",
    reflection_scores: "Reflection scores",
    relations: "superior/peer/subordinate",
    reopen_explained: "Reopening puts the version back to pending and reverses its points; the old review and the reason stay on record.",
    replies: "Replies and objections",
    reply_kinds: "objection/answer",
    report_file: "candidate-report",
    report_to: "Save the report to",
    return_for_rewrite: "return for a rewrite",
    review_kinds: "july/final",
    reviews: "Reviews",
    rewrite_only_returned: "Only a returned reflection takes a rewrite",
    save: "save",
    score_digits: "A score is digits only",
    score_label: "Score",
    score_or_comment: "score/comment",
    screening_rules: "Rules",
    screening_running: "Screening…",
    search_first: "No search yet",
    search_hint: "name, pinyin, ID or department",
    server_back: "Reconnected to the server",
    skills: "Skills",
    sorted_by: "sorted by",
    stage: "stage",
    stage_reviews: "Stage reviews",
    still_to_do: "Still to do",
    submit_hint: "First line: the title; then the text. Pasting works",
    team_management: "Team management",
    threshold: "needs",
    undo_explained: "The undo is audited: the record stays and a reversal is written.",
    undo_title: "Undo my last step",
    unit: "Unit",
    unknown_command: "Unknown command",
    what_if_discarded: "What-if discarded; the policy is unchanged",
    what_if_title: "What-if (not saved)",
    what_if_unchanged: "The what-if is the same as the policy",
    withdraw_title: "Withdraw from the pool",
    working: "Working…",
    years: "y",
};

impl Texts {
    fn zh(&self) -> bool {
        self.lang == Lang::Zh
    }

    pub fn admit_question(&self, who: &str, pool: &str) -> String {
        if self.zh() {
            format!("将 {who} 入池「{pool}」？")
        } else {
            format!("Admit {who} to {pool}?")
        }
    }

    pub fn assessment_title(&self, who: &str) -> String {
        if self.zh() {
            format!("录入测评：{who}")
        } else {
            format!("Record an assessment: {who}")
        }
    }

    pub fn band(&self, b: u8) -> &'static str {
        match (self.zh(), b) {
            (true, 2) => "高",
            (true, 1) => "中",
            (true, _) => "低",
            (false, 2) => "high",
            (false, 1) => "mid",
            (false, _) => "low",
        }
    }

    pub fn cannot_admit(&self, who: &str, state: &str) -> String {
        if self.zh() {
            format!("{who} 当前为「{state}」：只有已提名的人可以入池")
        } else {
            format!("{who} is {state}: only a nominee can be admitted")
        }
    }

    pub fn category(&self, c: CourseCategory) -> &'static str {
        if self.zh() {
            c.zh()
        } else {
            c.code()
        }
    }

    pub fn cell_title(&self, performance: &str, potential: &str, n: usize) -> String {
        if self.zh() {
            format!(" 绩效{performance} / 潜力{potential}：{n} 人 ")
        } else {
            format!(" performance {performance}, potential {potential}: {n} ")
        }
    }

    pub fn characters(&self, n: usize) -> String {
        if self.zh() {
            format!("{n} 字")
        } else {
            format!("{n} characters")
        }
    }

    /// A screening value or threshold as stored (`4.2 y`, `>= 3 y`, `yes`).
    pub fn check_value(&self, v: &str) -> String {
        if !self.zh() {
            return v.replace(">=", "≥").replace("<=", "≤");
        }
        match v {
            "yes" => "是".into(),
            "no" => "否".into(),
            "none" => "无".into(),
            "wants management" => "有意向管理岗".into(),
            other => other.replace(" y", "年").replace(">=", "≥").replace("<=", "≤"),
        }
    }

    pub fn core_exam_failed(&self, best: u8, need: u8) -> String {
        if self.zh() {
            format!("核心考试未通过 {best}<{need}")
        } else {
            format!("core exam failed {best}<{need}")
        }
    }

    pub fn course_complete(&self, course: &str) -> String {
        if self.zh() {
            format!("{course} 已学满学时")
        } else {
            format!("{course} has all its hours")
        }
    }

    pub fn course_has_no_exam(&self, course: &str) -> String {
        if self.zh() {
            format!("{course} 没有考试")
        } else {
            format!("{course} has no exam")
        }
    }

    pub fn coverage(&self, trained: u32, members: u32, target: u8) -> String {
        let pct = trained * 100 / members.max(1);
        if self.zh() {
            format!("培训覆盖率 {trained}/{members} = {pct}%（目标 {target}%）")
        } else {
            format!("training coverage {trained}/{members} = {pct}% (target {target}%)")
        }
    }

    pub fn days(&self, d: i64) -> String {
        if self.zh() {
            format!("{d}天")
        } else {
            format!("{d}d")
        }
    }

    pub fn disqualify_question(&self, who: &str) -> String {
        if self.zh() {
            format!("取消 {who} 的后备资格？")
        } else {
            format!("Disqualify {who}?")
        }
    }

    pub fn edit_course_title(&self, code: &str) -> String {
        if self.zh() {
            format!("编辑课程 {code}")
        } else {
            format!("Edit course {code}")
        }
    }

    pub fn exam_prompt(&self, who: &str, course: &str) -> String {
        if self.zh() {
            format!("考试成绩 0–100：{who} — {course}")
        } else {
            format!("Exam score 0–100: {who} — {course}")
        }
    }

    pub fn field_problem(&self, label: &str, problem: &str) -> String {
        if self.zh() {
            format!("{label}：{problem}")
        } else {
            format!("{label}: {problem}")
        }
    }

    pub fn hours_not_a_number(&self, text: &str, left: f32) -> String {
        if self.zh() {
            format!("「{}」不是数字：请输入 0 到 {left} 之间的学时", text.trim())
        } else {
            format!("'{}' is not a number: type hours between 0 and {left}", text.trim())
        }
    }

    pub fn hours_out_of_range(&self, hours: f32, left: f32) -> String {
        if self.zh() {
            format!("{hours} 学时超出范围：须大于 0，且不超过剩余的 {left} 学时")
        } else {
            format!("{hours} hours is out of range: more than 0 and at most the {left} left")
        }
    }

    pub fn hours_prompt(&self, who: &str, course: &str, left: f32) -> String {
        if self.zh() {
            format!("本次学时（剩余 {left}）：{who} — {course}")
        } else {
            format!("Hours studied ({left} left): {who} — {course}")
        }
    }

    /// A what-if threshold's name, by its policy key.
    pub fn knob(&self, key: &str) -> &'static str {
        let (zh, en) = match key {
            "reflection.pass_score" => ("心得及格分", "reflection pass score"),
            "assessment.min_360" => ("360 最低分", "lowest 360 score"),
            "assessment.min_theory" => ("理论测试最低分", "lowest theory score"),
            "readiness.core_exam_min" => ("核心课程考试最低分", "lowest core exam score"),
            "readiness.min_points" => ("最低培训积分", "fewest points"),
            "readiness.levels.ready_now_min" => ("可立即任用线", "ready-now line"),
            "readiness.levels.ready_soon_min" => ("1-2年可任用线", "ready-in-1-2-years line"),
            "readiness.weights.quantitative" => ("定量指标权重 %", "quantitative weight %"),
            "readiness.training_weight" => ("培训权重 %", "training weight %"),
            "readiness.priority_top_pct" => ("绩效优先前 %", "priority: top % by performance"),
            _ => ("?", "?"),
        };
        if self.zh() {
            zh
        } else {
            en
        }
    }

    pub fn knob_range(&self, name: &str, lo: i64, hi: i64) -> String {
        if self.zh() {
            format!("{name} 须在 {lo}–{hi} 之间")
        } else {
            format!("{name} stays within {lo}–{hi}")
        }
    }

    pub fn knob_conflict(&self, name: &str) -> String {
        if self.zh() {
            format!("「{name}」不能再调：会与其他阈值冲突（例如可立即任用线须高于 1-2 年线）")
        } else {
            format!("{name} cannot move further: it would contradict another threshold (the ready-now line stays above the 1-2-year line)")
        }
    }

    pub fn left_question(&self, who: &str, date: &str) -> String {
        if self.zh() {
            format!("标记 {who} 已于 {date} 离职？其所在的全部人才池资格随之结束。")
        } else {
            format!("Mark {who} as having left on {date}? Every pool membership ends with it.")
        }
    }

    pub fn level_changes(&self, n: usize) -> String {
        if self.zh() {
            format!("{n} 人等级变化")
        } else {
            format!("{n} change level")
        }
    }

    pub fn no_longer_live(&self, who: &str, state: &str) -> String {
        if self.zh() {
            format!("{who} 已是「{state}」，不能再变动")
        } else {
            format!("{who} is {state} and cannot move any more")
        }
    }

    pub fn nominate_question(&self, n: usize, pool: &str) -> String {
        if self.zh() {
            format!("提名以下 {n} 人进入「{pool}」？")
        } else {
            format!("Nominate these {n} to {pool}?")
        }
    }

    pub fn not_a_category(&self, v: &str) -> String {
        let all: Vec<&str> = CourseCategory::ALL.iter().map(|c| self.category(*c)).collect();
        if self.zh() {
            format!("「{v}」不是课程类别（{}）", all.join("/"))
        } else {
            format!("'{v}' is not a category ({})", all.join("/"))
        }
    }

    pub fn not_a_date(&self, v: &str) -> String {
        if self.zh() {
            format!("「{v}」不是日期（YYYY-MM-DD）")
        } else {
            format!("'{v}' is not a date (YYYY-MM-DD)")
        }
    }

    pub fn not_a_number(&self, v: &str) -> String {
        if self.zh() {
            format!("「{v}」不是数字")
        } else {
            format!("'{v}' is not a number")
        }
    }

    pub fn not_whole_number(&self, v: &str) -> String {
        if self.zh() {
            format!("「{v}」不是整数")
        } else {
            format!("'{v}' is not a whole number")
        }
    }

    pub fn not_on_tab(&self, tab: &str) -> String {
        if self.zh() {
            format!("此键在「{tab}」页签没有作用")
        } else {
            format!("That key does nothing on the {tab} tab")
        }
    }

    pub fn overdue_by(&self, days: i64) -> String {
        if self.zh() {
            format!("逾期{days}天")
        } else {
            format!("{days}d overdue")
        }
    }

    pub fn points_cause(&self, cause: &PointsCause) -> String {
        let zh = self.zh();
        match cause {
            PointsCause::CourseCompleted { course } => {
                if zh {
                    format!("完成课程 {course}")
                } else {
                    format!("completed {course}")
                }
            }
            PointsCause::ExamPassed { course } => {
                if zh {
                    format!("通过考试 {course}")
                } else {
                    format!("passed the exam of {course}")
                }
            }
            PointsCause::ReflectionShared { reflection } => {
                if zh {
                    format!("心得通过 #{reflection}")
                } else {
                    format!("reflection #{reflection} accepted")
                }
            }
            PointsCause::PracticeCase { with_result } => match (zh, with_result) {
                (true, true) => "改善案例（有成果）".into(),
                (true, false) => "改善案例".into(),
                (false, true) => "improvement case with results".into(),
                (false, false) => "improvement case".into(),
            },
            PointsCause::Manual => (if zh { "人工调整" } else { "manual" }).into(),
            PointsCause::Reversal { of } => {
                if zh {
                    format!("冲回 #{of}")
                } else {
                    format!("reversal of #{of}")
                }
            }
        }
    }

    pub fn points_line(&self, balance: i64, score: u8) -> String {
        if self.zh() {
            format!("积分 {balance} → 绩效得分 {score}")
        } else {
            format!("Points {balance} → performance score {score}")
        }
    }

    pub fn pool_summary(&self, pool: &str, total: usize, shown: usize) -> String {
        if self.zh() {
            format!("{pool} | 成员 {total}，显示 {shown}")
        } else {
            format!("{pool} | {total} members, {shown} shown")
        }
    }

    pub fn previous_version(&self, v: usize) -> String {
        if self.zh() {
            format!("—— 上一版本（v{v}）——")
        } else {
            format!("—— Previous version (v{v}) ——")
        }
    }

    pub fn queue_summary(&self, state: &str, department: &str, n: usize, more: bool) -> String {
        let plus = if more { "+" } else { "" };
        if self.zh() {
            format!("{state} | {department} | {n}{plus} 篇")
        } else {
            format!("{state} | {department} | {n}{plus} shown")
        }
    }

    pub fn reason_is(&self, reason: &str) -> String {
        if self.zh() {
            format!("原因：{reason}")
        } else {
            format!("Reason: {reason}")
        }
    }

    pub fn reason_title(&self, disqualify: bool, who: &str) -> String {
        match (self.zh(), disqualify) {
            (true, true) => format!("取消后备资格：{who} — 原因"),
            (true, false) => format!("退出人才池：{who} — 原因"),
            (false, true) => format!("Disqualify {who}: the reason"),
            (false, false) => format!("Withdraw {who}: the reason"),
        }
    }

    pub fn recommendation(&self, r: Recommendation) -> &'static str {
        if self.zh() {
            r.zh()
        } else {
            r.code()
        }
    }

    pub fn reflection_meta(&self, who: &str, dept: &str, stage: u8, versions: usize, date: &str) -> String {
        if self.zh() {
            format!("{who}，{dept}，阶段 {stage}，第 {versions} 版，提交于 {date}")
        } else {
            format!("{who}, {dept}, stage {stage}, version {versions}, handed in {date}")
        }
    }

    pub fn relation_word(&self, r: RaterRelation) -> &'static str {
        match (self.zh(), r) {
            (true, RaterRelation::Superior) => "上级",
            (true, RaterRelation::Peer) => "同级",
            (true, RaterRelation::Subordinate) => "下级",
            (false, r) => r.code(),
        }
    }

    pub fn reopen_title(&self, who: &str, stage: u8) -> String {
        if self.zh() {
            format!("重新打开评审：{who} 阶段 {stage} — 原因")
        } else {
            format!("Reopen the review of {who}, stage {stage}: the reason")
        }
    }

    pub fn reopened_line(&self, version: u32, by: &str, at: &str, reason: &str, review: &str) -> String {
        if self.zh() {
            format!("v{version} 的评审已由 {by} 于 {at} 重新打开：{reason}（原评审：{review}）")
        } else {
            format!("The review of v{version} was reopened by {by} on {at}: {reason} (it was: {review})")
        }
    }

    pub fn reply_title(&self, who: &str) -> String {
        if self.zh() {
            format!("评估异议 / 答复：{who}")
        } else {
            format!("Objection or answer: {who}")
        }
    }

    pub fn returned_with(&self, reviewer: &str, score: u8, comment: &str) -> String {
        let comment = super::sanitize_line(comment);
        if self.zh() {
            format!("退回意见（{reviewer}，{score} 分）：{comment}")
        } else {
            format!("Returned by {reviewer} with {score}: {comment}")
        }
    }

    pub fn review_kind(&self, k: StageReviewKind) -> &'static str {
        match (self.zh(), k) {
            (true, k) => k.zh(),
            (false, StageReviewKind::JulyInitial) => "july",
            (false, StageReviewKind::YearEndFinal) => "final",
        }
    }

    pub fn review_title(&self, who: &str, stage: u8) -> String {
        if self.zh() {
            format!("评审：{who} 阶段 {stage}")
        } else {
            format!("Review: {who}, stage {stage}")
        }
    }

    pub fn rewrite_of(&self, stage: u8, version: u32) -> String {
        if self.zh() {
            format!("这是阶段 {stage} 的第 {version} 版（重写），回应下面的退回意见。")
        } else {
            format!("This is version {version} of stage {stage} (a rewrite), answering the comment below.")
        }
    }

    pub fn rewrite_title(&self, who: &str, stage: u8) -> String {
        if self.zh() {
            format!("提交重写：{who} 阶段 {stage}")
        } else {
            format!("Hand in the rewrite: {who}, stage {stage}")
        }
    }

    pub fn rule(&self, r: RuleKind) -> &'static str {
        super::labels::rule(self.lang, r)
    }

    pub fn score_hint(&self, pass: u8) -> String {
        if self.zh() {
            format!("0–100，及格 {pass}")
        } else {
            format!("0–100, pass {pass}")
        }
    }

    pub fn score_range(&self, typed: &str) -> String {
        if self.zh() {
            format!("分数须为 0–100 的整数（输入的是「{}」）", typed.trim())
        } else {
            format!("A score is a whole number 0–100 (typed: '{}')", typed.trim())
        }
    }

    /// `，已标记 3` after the pool's summary.
    pub fn marked_count(&self, n: usize) -> String {
        if self.zh() {
            format!("，已标记 {n}")
        } else {
            format!(", {n} marked")
        }
    }

    pub fn admit_many_question(&self, n: usize, pool: &str) -> String {
        if self.zh() {
            format!("将以下 {n} 人正式纳入「{pool}」？")
        } else {
            format!("Admit these {n} people to {pool}?")
        }
    }

    pub fn marked_not_nominated(&self, names: &str) -> String {
        if self.zh() {
            format!("只有已提名的成员可以入池；请取消标记：{names}")
        } else {
            format!("Only nominated members can be admitted; unmark: {names}")
        }
    }

    pub fn screening_summary(&self, pool: &str, n: usize, marked: usize) -> String {
        if self.zh() {
            format!("资格审核「{pool}」：{n} 人符合全部规则，已标记 {marked}")
        } else {
            format!("Screening for {pool}: {n} pass every rule, {marked} marked")
        }
    }

    pub fn search_matches(&self, at: usize, of: usize) -> String {
        if self.zh() {
            format!("匹配 {at}/{of}")
        } else {
            format!("match {at}/{of}")
        }
    }

    pub fn server_gone(&self, socket: &str) -> String {
        if self.zh() {
            format!("与服务器的连接已断开（{socket}），正在重连；已输入的内容会保留")
        } else {
            format!("The server went away ({socket}); reconnecting. What you typed is kept")
        }
    }

    pub fn stage_review_title(&self, who: &str) -> String {
        if self.zh() {
            format!("阶段评估：{who}")
        } else {
            format!("Stage review: {who}")
        }
    }

    pub fn submission_rate(&self, done: u32, expected: u32, target: u8) -> String {
        let pct = done * 100 / expected.max(1);
        if self.zh() {
            format!("提交率 {done}/{expected} = {pct}%（目标 {target}%）")
        } else {
            format!("submission rate {done}/{expected} = {pct}% (target {target}%)")
        }
    }

    pub fn submit_title(&self, who: &str, stage: u8) -> String {
        if self.zh() {
            format!("提交心得：{who} 阶段 {stage}")
        } else {
            format!("Hand in a reflection: {who}, stage {stage}")
        }
    }

    pub fn too_small(&self, w: u16, h: u16, have_w: u16, have_h: u16) -> String {
        if self.zh() {
            format!("终端太小：至少需要 {w}×{h}（现在 {have_w}×{have_h}）")
        } else {
            format!("The terminal is too small: at least {w}×{h} (now {have_w}×{have_h})")
        }
    }

    pub fn what_if_unsaved(&self, n: usize) -> String {
        if self.zh() {
            format!("假设分析（未保存）：{n} 人等级变化")
        } else {
            format!("WHAT-IF (not saved): {n} change level")
        }
    }

    pub fn withdraw_question(&self, who: &str) -> String {
        if self.zh() {
            format!("让 {who} 退出人才池？")
        } else {
            format!("Withdraw {who} from the pool?")
        }
    }

    pub fn wrote(&self, rows: u64, path: &str) -> String {
        if self.zh() {
            format!("已写入 {rows} 行：{path}")
        } else {
            format!("Wrote {rows} rows: {path}")
        }
    }

    pub fn yes_or_no(&self, v: &str) -> String {
        if self.zh() {
            format!("「{v}」应为 是 或 否")
        } else {
            format!("'{v}' is yes or no")
        }
    }
}
