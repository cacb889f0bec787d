//! The UI's words in Chinese and English, chosen from `--lang` or the locale.

use crate::domain::eligibility::RuleKind;
use crate::domain::org::Rank;
use crate::domain::pool::MemberState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// `--lang` first, then LC_ALL, LC_MESSAGES, LANG; Chinese when they say `zh`.
    pub fn detect(flag: Option<&str>) -> Lang {
        if let Some(f) = flag {
            return if f == "en" { Lang::En } else { Lang::Zh };
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if !v.is_empty() {
                    return if v.starts_with("zh") { Lang::Zh } else { Lang::En };
                }
            }
        }
        Lang::En
    }

    pub fn t(self) -> &'static Texts {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    pub fn rank(self, r: Rank) -> &'static str {
        match self {
            Lang::Zh => r.zh(),
            Lang::En => r.en(),
        }
    }

    pub fn state(self, s: MemberState) -> &'static str {
        match self {
            Lang::Zh => s.zh(),
            Lang::En => s.code(),
        }
    }

    pub fn rule(self, r: RuleKind) -> &'static str {
        let (zh, en) = match r {
            RuleKind::Active => ("在职", "active"),
            RuleKind::RankBelowTarget => ("职级", "rank"),
            RuleKind::Tenure => ("司龄", "tenure"),
            RuleKind::PerformanceRank => ("绩效排名", "performance rank"),
            RuleKind::TeamManagement => ("团队管理经验", "team management"),
            RuleKind::CareerPlan => ("职业规划", "career plan"),
        };
        if self == Lang::Zh {
            zh
        } else {
            en
        }
    }
}

pub struct Texts {
    pub tabs: [&'static str; 4],
    pub placeholders: [&'static str; 4],
    pub columns: [&'static str; 11],
    pub store: &'static str,
    pub operator: &'static str,
    pub members: &'static str,
    pub shown: &'static str,
    pub no_pool: &'static str,
    pub help_title: &'static str,
    pub help_global: &'static str,
    pub help_close: &'static str,
    pub search: &'static str,
    pub no_match: &'static str,
    pub profile: &'static str,
    pub performance: &'static str,
    pub skills: &'static str,
    pub certifications: &'static str,
    pub projects: &'static str,
    pub team_management: &'static str,
    pub aspiration: &'static str,
    pub history: &'static str,
    pub hired: &'static str,
    pub years: &'static str,
    pub screening_title: &'static str,
    pub marked: &'static str,
    pub no_candidates: &'static str,
    pub reason_for: &'static str,
    pub reason_hint: &'static str,
    pub too_small: &'static str,
    pub filter: &'static str,
    pub sorted_by: &'static str,
    pub all: &'static str,
    pub nothing_marked: &'static str,
    pub nominated: &'static str,
    pub done: &'static str,
    pub none: &'static str,
    pub only_pending: &'static str,
    pub review_first: &'static str,
    pub score_range: &'static str,
    pub accepted: &'static str,
    pub returned: &'static str,
    pub queue_columns: [&'static str; 6],
    pub queue_title: &'static str,
    pub submission_rate: &'static str,
    pub target: &'static str,
    pub states: [&'static str; 4],
    pub stage: &'static str,
    pub version: &'static str,
    pub submitted: &'static str,
    pub previous_version: &'static str,
    pub reviews: &'static str,
    pub replies: &'static str,
    pub score_prompt: &'static str,
    pub comment_prompt: &'static str,
    pub empty_queue: &'static str,
    pub reflection_scores: &'static str,
    pub submit_title: &'static str,
    pub submit_hint: &'static str,
    pub hours_number: &'static str,
    pub coverage: &'static str,
    pub by_member: &'static str,
    pub by_course: &'static str,
    pub course_columns: [&'static str; 7],
    pub hours_prompt: &'static str,
    pub exam_prompt: &'static str,
    pub points_label: &'static str,
    pub performance_score: &'static str,
    pub improvement_plan: &'static str,
    pub overdue_days: &'static str,
    pub due: &'static str,
    pub exam: &'static str,
    pub no_enrollments: &'static str,
    pub loading: &'static str,
}

pub static ZH: Texts = Texts {
    tabs: ["后备人才池", "课程学习", "心得点评", "晋升准备度"],
    placeholders: [
        "",
        "课程学习面板将显示：课程目录、培养计划、学习进度与考试、逾期提醒、培训积分台账与覆盖率。",
        "心得点评面板将显示：待评心得队列（最早的在前）、全文阅读与前一版本对照、评分与点评、退回重写。",
        "晋升准备度面板将显示：按规则计算的准备度、逐项门槛说明、九宫格、假设分析与报告。",
    ],
    columns: [
        "姓名",
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
    store: "库",
    operator: "操作员",
    members: "成员",
    shown: "显示",
    no_pool: "尚无人才池",
    help_title: "帮助",
    help_global: "全局",
    help_close: "Esc / ? 关闭",
    search: "搜索",
    no_match: "没有匹配",
    profile: "员工全景档案",
    performance: "绩效",
    skills: "技能",
    certifications: "证书",
    projects: "项目",
    team_management: "团队管理经验",
    aspiration: "职业规划",
    history: "状态记录",
    hired: "入职",
    years: "年",
    screening_title: "资格审核：符合全部规则的候选人",
    marked: "已标记",
    no_candidates: "没有符合全部规则、且不在池中的员工",
    reason_for: "原因",
    reason_hint: "Enter 确认, Esc 取消",
    too_small: "终端太小：至少需要",
    filter: "筛选",
    sorted_by: "排序",
    all: "全部",
    nothing_marked: "请先用空格标记候选人",
    nominated: "已提名",
    done: "完成",
    none: "无",
    only_pending: "只有待评的心得可以评分",
    review_first: "先按 Enter 或 s 开始评分",
    score_range: "分数须为 0–100",
    accepted: "通过",
    returned: "退回",
    queue_columns: ["候选人", "部门", "阶段", "版本", "等待", "分数"],
    queue_title: "心得点评",
    submission_rate: "提交率",
    target: "目标",
    states: ["待评", "已退回", "已通过", "全部"],
    stage: "阶段",
    version: "版本",
    submitted: "提交于",
    previous_version: "上一版本",
    reviews: "点评记录",
    replies: "回复与异议",
    score_prompt: "分数（0–100），Enter 写点评，Ctrl-A 通过，Ctrl-R 退回，Esc 取消",
    comment_prompt: "点评：Ctrl-A 通过，Ctrl-R 退回，Esc 返回分数",
    empty_queue: "队列为空",
    reflection_scores: "心得得分",
    submit_title: "提交心得，阶段",
    submit_hint: "粘贴或输入正文（首行为标题），Ctrl-S 提交，Esc 取消",
    hours_number: "学时须为数字",
    coverage: "培训覆盖率",
    by_member: "按成员",
    by_course: "按课程",
    course_columns: ["课程", "类别", "学时", "报名", "完成率", "平均成绩", "逾期"],
    hours_prompt: "本次学时（Enter 确认，Esc 取消）",
    exam_prompt: "考试成绩 0–100（Enter 确认，Esc 取消）",
    points_label: "积分",
    performance_score: "绩效得分",
    improvement_plan: "需提交改进计划",
    overdue_days: "逾期",
    due: "截止",
    exam: "考试",
    no_enrollments: "没有学习记录",
    loading: "统计中…",
};

pub static EN: Texts = Texts {
    tabs: ["Talent pool", "Courses", "Reflections", "Readiness"],
    placeholders: [
        "",
        "The courses panel will hold the catalogue, development plans, progress and exams, overdue reminders, the training-points ledger and coverage.",
        "The reflections panel will hold the review queue (oldest first), the full text beside the previous version, scores and comments, returns for rewrite.",
        "The readiness panel will hold rule-based readiness, the gate-by-gate explanation, the 9-box grid, what-if and reports.",
    ],
    columns: ["Name", "Department/Section", "Rank", "Tenure", "Perf (3 y)", "State", "Training", "Refl.", "360", "Points", "Readiness"],
    store: "store",
    operator: "operator",
    members: "members",
    shown: "shown",
    no_pool: "no pool yet",
    help_title: "Help",
    help_global: "Global",
    help_close: "Esc / ? closes",
    search: "search",
    no_match: "no match",
    profile: "Employee profile",
    performance: "Performance",
    skills: "Skills",
    certifications: "Certifications",
    projects: "Projects",
    team_management: "Team management",
    aspiration: "Career plan",
    history: "History",
    hired: "hired",
    years: "y",
    screening_title: "Screening: employees passing every rule",
    marked: "marked",
    no_candidates: "No employee outside the pool passes every rule",
    reason_for: "Reason",
    reason_hint: "Enter confirms, Esc cancels",
    too_small: "Terminal too small: need at least",
    filter: "filter",
    sorted_by: "sort",
    all: "all",
    nothing_marked: "Mark candidates with Space first",
    nominated: "nominated",
    done: "done",
    none: "none",
    only_pending: "Only a pending reflection can be scored",
    review_first: "Press Enter or s to start a review first",
    score_range: "A score is 0–100",
    accepted: "accepted",
    returned: "returned",
    queue_columns: ["Candidate", "Department", "Stage", "Ver.", "Waiting", "Score"],
    queue_title: "Reflections",
    submission_rate: "submission rate",
    target: "target",
    states: ["pending", "returned", "accepted", "all"],
    stage: "stage",
    version: "version",
    submitted: "submitted",
    previous_version: "Previous version",
    reviews: "Reviews",
    replies: "Replies and objections",
    score_prompt: "Score (0–100), Enter to comment, Ctrl-A accept, Ctrl-R return, Esc cancel",
    comment_prompt: "Comment: Ctrl-A accept, Ctrl-R return, Esc back to the score",
    empty_queue: "The queue is empty",
    reflection_scores: "Reflection scores",
    submit_title: "hand in a reflection, stage",
    submit_hint: "Paste or type the text (first line is the title), Ctrl-S hands it in, Esc cancels",
    hours_number: "Hours are a number",
    coverage: "training coverage",
    by_member: "by member",
    by_course: "by course",
    course_columns: ["Course", "Category", "Hours", "Enrolled", "Done", "Avg exam", "Overdue"],
    hours_prompt: "Hours studied (Enter records, Esc cancels)",
    exam_prompt: "Exam score 0–100 (Enter records, Esc cancels)",
    points_label: "Points",
    performance_score: "performance score",
    improvement_plan: "improvement plan required",
    overdue_days: "overdue",
    due: "due",
    exam: "exam",
    no_enrollments: "No enrollments",
    loading: "counting...",
};
