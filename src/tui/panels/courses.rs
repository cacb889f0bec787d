//! The courses panel, in three views (`V`): by member (the pool's members, and the
//! selected one's courses with progress, exam, points and the performance score they map
//! to), by course (the pool's per-course figures and the catalogue form), and overdue
//! (every overdue or behind-schedule course). Hours and exam scores are typed in a prompt
//! that states the range and refuses what is outside it.

use ratatui::layout::Rect;

use crate::domain::msg::Who;
use crate::domain::org::EmployeeId;
use crate::domain::pool::PoolId;
use crate::domain::training::{Course, CourseCategory};
use crate::service::changes::Topic;
use crate::service::command::Command;
use crate::service::query::{CourseStat, EnrollmentView, MemberRow, PointsSummary};
use crate::service::{Answer, Query};

use crate::tui::action::{Action, Panel};
use crate::tui::component::Component;
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Effects, Note, Reply, Step, Target, Want};
use crate::tui::fresh::Fetched;
use crate::tui::layers::{Form, FormField, Layer, Picker, Prompt, Value};
use crate::tui::list::ListCursor;
use crate::tui::search::Row;

const ME: Panel = Panel::Courses;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    ByMember,
    ByCourse,
    Overdue,
    Plan,
}

#[derive(Debug, Clone)]
enum Ask {
    Department,
    Hours { who: Who, course: String, left: f32 },
    Exam { who: Who, course: String },
    Course { editing: Option<String> },
}

pub struct CoursesPanel {
    pub(super) view: View,
    pool: Option<PoolId>,
    pub(super) members: Fetched<Vec<MemberRow>>,
    /// Indices into the members after the department filter.
    pub(super) visible: Vec<usize>,
    pub(super) department: Option<String>,
    pub(super) cursor: ListCursor,
    pub(super) person: Option<EmployeeId>,
    pub(super) enrollments: Fetched<Vec<EnrollmentView>>,
    pub(super) points: Fetched<PointsSummary>,
    /// The selected course of the person (J / K).
    pub(super) course: usize,
    /// The course to select once the person's courses arrive (from the overdue view).
    course_wanted: Option<String>,
    /// Came to the person from the overdue view: `Esc` goes back to it.
    from_overdue: bool,
    pub(super) stats: Fetched<(Vec<CourseStat>, u32, u32)>,
    pub(super) stats_cursor: ListCursor,
    pub(super) overdue: super::overdue::OverdueList,
    pub(super) plan: super::plan::PlanEditor,
    /// The by-course view opened on one course.
    pub(super) roster: super::roster::Roster,
    asking: Option<Ask>,
    pub(super) area: Rect,
}

impl Default for CoursesPanel {
    fn default() -> Self {
        CoursesPanel {
            view: View::ByMember,
            pool: None,
            members: Fetched::new(&[Topic::Members, Topic::People]),
            visible: Vec::new(),
            department: None,
            cursor: ListCursor::default(),
            person: None,
            enrollments: Fetched::new(&[Topic::Enrollments, Topic::Courses]),
            points: Fetched::new(&[Topic::Points, Topic::Policy]),
            course: 0,
            course_wanted: None,
            from_overdue: false,
            stats: Fetched::new(&[Topic::Enrollments, Topic::Courses, Topic::Members]),
            stats_cursor: ListCursor::default(),
            overdue: super::overdue::OverdueList::default(),
            plan: super::plan::PlanEditor::default(),
            roster: super::roster::Roster::default(),
            asking: None,
            area: Rect::default(),
        }
    }
}

fn say(text: impl Into<String>) -> Effects {
    vec![Effect::Say(Note::error(text))]
}

impl CoursesPanel {
    pub(super) fn selected_member(&self) -> Option<&MemberRow> {
        let rows = self.members.value()?;
        self.visible.get(self.cursor.selected).map(|&i| &rows[i])
    }

    pub(super) fn selected_enrollment(&self) -> Option<&EnrollmentView> {
        self.enrollments.value()?.get(self.course)
    }

    pub(super) fn selected_stat(&self) -> Option<&CourseStat> {
        self.stats.value()?.0.get(self.stats_cursor.selected)
    }

    fn refilter(&mut self) {
        let department = self.department.clone();
        self.overdue.refilter(department.as_deref());
        let Some(rows) = self.members.value() else { return };
        let mut v: Vec<usize> = (0..rows.len())
            .filter(|&i| self.department.as_ref().is_none_or(|d| &rows[i].department == d))
            .collect();
        v.sort_by(|&a, &b| (&rows[a].department, &rows[a].name).cmp(&(&rows[b].department, &rows[b].name)));
        self.visible = v;
        let n = self.visible.len();
        self.cursor.clamp(n);
    }

    pub(super) fn list_height(&self) -> usize {
        list_height(self.area)
    }

    fn who(&self) -> Option<Who> {
        self.selected_member().map(|r| Who { id: r.member.employee_id.to_string(), name: r.name.clone() })
    }

    fn ask_progress(&mut self, ctx: &Ctx, exam: bool) -> Effects {
        let t = ctx.t();
        if self.view == View::Overdue && !exam {
            // the hours of the overdue course chosen
            let Some(r) = self.overdue.selected() else { return say(t.no_course_selected) };
            let who = Who { id: r.employee_id.to_string(), name: r.name.clone() };
            let (code, title, left) = (r.course.clone(), r.title.clone(), r.hours_left);
            return self.ask_hours(ctx, who, code, &title, left);
        }
        if self.view != View::ByMember {
            return say(t.progress_by_member);
        }
        let (Some(who), Some(v)) = (self.who(), self.selected_enrollment()) else {
            return say(t.no_course_selected);
        };
        let e = &v.enrollment;
        let course = format!("{} {}", v.course.code, v.course.title);
        if exam {
            if v.course.exam_pass_mark.is_none() {
                return say(t.course_has_no_exam(&course));
            }
            let prompt = t.exam_prompt(&ctx.lang.who(&who), &course);
            self.asking = Some(Ask::Exam { who, course: e.course_code.clone() });
            return vec![Effect::open(Layer::Prompt(Prompt::new(ME, prompt, "")))];
        }
        let left = (e.hours_required - e.hours_done).max(0.0);
        let (code, title) = (e.course_code.clone(), v.course.title.clone());
        self.ask_hours(ctx, who, code, &title, left)
    }

    /// The prompt for the hours of one course of one person, unless none are left.
    fn ask_hours(&mut self, ctx: &Ctx, who: Who, code: String, title: &str, left: f32) -> Effects {
        let t = ctx.t();
        let course = format!("{code} {title}");
        if left <= 0.0 {
            return say(t.course_complete(&course));
        }
        let prompt = t.hours_prompt(&ctx.lang.who(&who), &course, left);
        self.asking = Some(Ask::Hours { who, course: code, left });
        vec![Effect::open(Layer::Prompt(Prompt::new(ME, prompt, "")))]
    }

    fn course_form(&mut self, ctx: &Ctx, editing: Option<&Course>) -> Effects {
        let t = ctx.t();
        let lang = ctx.lang;
        let yes_no = |b: bool| if b { t.yes_word } else { t.no_word }.to_string();
        let category = |c: CourseCategory| if lang == crate::locale::Lang::Zh { c.zh() } else { c.code() };
        let categories: Vec<&str> = CourseCategory::ALL.iter().map(|c| category(*c)).collect();
        let flags = format!("{}/{}", t.yes_word, t.no_word);
        let f = &t.course_fields;
        let fields = match editing {
            Some(c) => vec![
                FormField::new(f[0], c.code.clone(), t.course_code_hint),
                FormField::new(f[1], c.title.clone(), ""),
                FormField::new(f[2], category(c.category), categories.join("/")),
                FormField::new(f[3], c.hours.to_string(), t.hours_range),
                FormField::new(f[4], yes_no(c.required), flags.clone()),
                FormField::new(f[5], yes_no(c.core), flags.clone()),
                FormField::new(f[6], yes_no(c.strategic), flags.clone()),
                FormField::new(
                    f[7],
                    c.exam_pass_mark.map(|m| m.to_string()).unwrap_or_default(),
                    t.pass_mark_hint,
                ),
                FormField::new(
                    f[8],
                    c.completion_points.map(|p| p.to_string()).unwrap_or_default(),
                    t.points_hint,
                ),
            ],
            None => vec![
                FormField::new(f[0], "", t.course_code_hint),
                FormField::new(f[1], "", ""),
                FormField::new(f[2], category(CourseCategory::General), categories.join("/")),
                FormField::new(f[3], "", t.hours_range),
                FormField::new(f[4], t.no_word, flags.clone()),
                FormField::new(f[5], t.no_word, flags.clone()),
                FormField::new(f[6], t.no_word, flags.clone()),
                FormField::new(f[7], "60", t.pass_mark_hint),
                FormField::new(f[8], "", t.points_hint),
            ],
        };
        let title = match editing {
            Some(c) => t.edit_course_title(&c.code),
            None => t.new_course_title.to_string(),
        };
        self.asking = Some(Ask::Course { editing: editing.map(|c| c.code.clone()) });
        vec![Effect::open(Layer::Form(Form::new(ME, title, fields, if editing.is_some() { 1 } else { 0 })))]
    }

    fn pick_department(&mut self, ctx: &Ctx) -> Effects {
        let t = ctx.t();
        let Some(rows) = self.members.value() else { return Vec::new() };
        let mut ds: Vec<&str> = rows.iter().map(|r| r.department.as_str()).collect();
        ds.sort_unstable();
        ds.dedup();
        let mut options = vec![(t.all.to_string(), String::new())];
        options.extend(ds.into_iter().map(|d| (d.to_string(), d.to_string())));
        self.asking = Some(Ask::Department);
        let current = self.department.clone().unwrap_or_default();
        vec![Effect::open(Layer::Picker(Picker::new(ME, t.pick_department, options, &current)))]
    }
}

/// A number typed for hours: positive, at most what is left.
pub fn parse_hours(text: &str, left: f32, lang: crate::locale::Lang) -> Result<f32, String> {
    let t = lang.tui();
    let h: f32 = text.trim().parse().map_err(|_| t.hours_not_a_number(text, left))?;
    if !h.is_finite() || h <= 0.0 || h > left {
        return Err(t.hours_out_of_range(h, left));
    }
    Ok(h)
}

/// An exam score typed: a whole number 0–100.
pub fn parse_score(text: &str, lang: crate::locale::Lang) -> Result<u8, String> {
    match text.trim().parse::<u16>() {
        Ok(s) if s <= 100 => Ok(s as u8),
        _ => Err(lang.tui().score_range(text)),
    }
}

/// Reads the catalogue form into a course, naming the field that is wrong.
fn course_from_form(values: &[String], lang: crate::locale::Lang) -> Result<Course, String> {
    let t = lang.tui();
    let f = &t.course_fields;
    let flag = |i: usize| -> Result<bool, String> {
        match values[i].as_str() {
            "yes" | "y" | "true" | "1" | "是" => Ok(true),
            "no" | "n" | "false" | "0" | "否" | "" => Ok(false),
            other => Err(t.field_problem(f[i], &t.yes_or_no(other))),
        }
    };
    let number = |i: usize| -> Result<Option<u32>, String> {
        if values[i].is_empty() {
            return Ok(None);
        }
        values[i].parse().map(Some).map_err(|_| t.field_problem(f[i], &t.not_whole_number(&values[i])))
    };
    let hours: f32 = values[3].parse().map_err(|_| t.field_problem(f[3], &t.not_a_number(&values[3])))?;
    let category = CourseCategory::ALL
        .into_iter()
        .find(|c| c.code() == values[2] || c.zh() == values[2])
        .ok_or_else(|| t.field_problem(f[2], &t.not_a_category(&values[2])))?;
    let pass = number(7)?;
    let exam_pass_mark = match pass {
        None => None,
        Some(p) if p <= 100 => Some(p as u8),
        Some(_) => return Err(t.field_problem(f[7], &t.score_range(&values[7]))),
    };
    let course = Course {
        code: values[0].clone(),
        title: values[1].clone(),
        category,
        hours,
        required: flag(4)?,
        core: flag(5)?,
        strategic: flag(6)?,
        exam_pass_mark,
        completion_points: number(8)?,
    };
    course.validate().map_err(|e| lang.say(&e.0))?;
    Ok(course)
}

impl Component for CoursesPanel {
    fn panel(&self) -> Panel {
        ME
    }

    fn refresh(&mut self, ctx: &Ctx) -> Effects {
        let mut effects = Vec::new();
        if self.pool != ctx.pool {
            self.pool = ctx.pool;
            self.members.reset();
            self.stats.reset();
            self.overdue = super::overdue::OverdueList { sort: self.overdue.sort, ..Default::default() };
            self.visible.clear();
            self.cursor = ListCursor::default();
        }
        let Some(pool) = self.pool else { return effects };
        match self.view {
            View::ByMember => {
                if self.members.ask(&ctx.clock) {
                    effects.push(Effect::query(
                        Target::Panel(ME),
                        Want::Members(pool),
                        Query::Members { pool },
                    ));
                }
                let wanted = self.selected_member().map(|r| r.member.employee_id.clone());
                if wanted != self.person {
                    self.person = wanted;
                    self.enrollments.reset();
                    self.points.reset();
                    self.course = 0;
                }
                if let Some(id) = self.person.clone() {
                    if self.enrollments.ask(&ctx.clock) {
                        effects.push(Effect::query(
                            Target::Panel(ME),
                            Want::Enrollments(id.clone()),
                            Query::Enrollments { employee_id: id.clone() },
                        ));
                    }
                    if self.points.ask(&ctx.clock) {
                        effects.push(Effect::query(
                            Target::Panel(ME),
                            Want::Points(id.clone()),
                            Query::Points { employee_id: id },
                        ));
                    }
                }
            }
            View::ByCourse => effects.extend(self.roster.refresh(ctx, Some(pool))),
            View::Plan => effects.extend(self.plan.refresh(ctx, pool)),
            View::Overdue => {
                // the members too, to go from a row to the person's courses
                if self.members.ask(&ctx.clock) {
                    effects.push(Effect::query(
                        Target::Panel(ME),
                        Want::Members(pool),
                        Query::Members { pool },
                    ));
                }
                if self.overdue.rows.ask(&ctx.clock) {
                    effects.push(Effect::query(
                        Target::Panel(ME),
                        Want::Overdue(pool),
                        Query::Remind { on: ctx.today, pool: Some(pool) },
                    ));
                }
            }
        }
        // the coverage in the summary is shown in every view
        if self.stats.ask(&ctx.clock) {
            effects.push(Effect::query(
                Target::Panel(ME),
                Want::CourseStats(pool),
                Query::CourseStats { pool, on: ctx.today },
            ));
        }
        effects
    }

    fn update(&mut self, ctx: &Ctx, action: Action) -> Effects {
        use Action::*;
        let t = ctx.t();
        let h = self.list_height();
        if self.view == View::Plan {
            if let Some(effects) = self.plan.update(ctx, action, h) {
                return effects;
            }
        } else if matches!(action, PlanAdd | PlanRemove) {
            return say(crate::locale::vacancy::plan_texts(ctx.lang).elsewhere);
        }
        if self.view == View::ByCourse && self.roster.is_open() {
            match action {
                Down | Up | PageDown | PageUp | Top | Bottom => {
                    self.roster.moved(action, h.saturating_sub(1));
                    return Vec::new();
                }
                Back => {
                    self.roster.close();
                    return Vec::new();
                }
                Open => return Vec::new(),
                _ => {}
            }
        }
        match action {
            Down | Up | PageDown | PageUp | Top | Bottom => match self.view {
                View::Plan => {}
                View::ByMember => {
                    let n = self.visible.len();
                    self.cursor.set_height(h, n);
                    self.cursor.apply(action, n);
                }
                View::ByCourse => {
                    let n = self.stats.value().map_or(0, |s| s.0.len());
                    self.stats_cursor.set_height(h, n);
                    self.stats_cursor.apply(action, n);
                }
                View::Overdue => {
                    let n = self.overdue.len();
                    self.overdue.cursor.set_height(h, n);
                    self.overdue.cursor.apply(action, n);
                }
            },
            PaneDown => {
                let n = self.enrollments.value().map_or(0, Vec::len);
                self.course = (self.course + 1).min(n.saturating_sub(1));
            }
            PaneUp => self.course = self.course.saturating_sub(1),
            CycleView => {
                self.from_overdue = false;
                self.view = match self.view {
                    View::ByMember => View::ByCourse,
                    View::ByCourse => View::Overdue,
                    View::Overdue => View::Plan,
                    View::Plan => View::ByMember,
                };
            }
            Open => match self.view {
                View::Plan => {}
                View::ByMember => return self.ask_progress(ctx, false),
                View::ByCourse => {
                    // the course's people
                    let (Some(pool), Some(stat)) = (self.pool, self.selected_stat()) else {
                        return Vec::new();
                    };
                    let (code, title) = (stat.course.code.clone(), stat.course.title.clone());
                    self.roster.open(pool, code, title);
                }
                View::Overdue => {
                    // to the person's courses, on the overdue course
                    let picked = self.overdue.selected().map(|r| (r.employee_id.clone(), r.course.clone()));
                    let rows = self.members.value();
                    if let (Some((id, course)), Some(rows)) = (picked, rows) {
                        match self.visible.iter().position(|&i| rows[i].member.employee_id == id) {
                            Some(pos) => {
                                let n = self.visible.len();
                                // the member list's own window, full from the top when it can be
                                self.cursor.set_height(h, n);
                                self.cursor.select(pos, n);
                                self.view = View::ByMember;
                                self.from_overdue = true;
                                let loaded =
                                    self.enrollments.value().filter(|_| self.person.as_ref() == Some(&id));
                                match loaded
                                    .and_then(|list| list.iter().position(|v| v.course.code == course))
                                {
                                    Some(at) => self.course = at,
                                    None => self.course_wanted = Some(course),
                                }
                            }
                            None => return say(t.not_in_this_pool),
                        }
                    }
                }
            },
            Back => {
                if self.view != View::ByMember {
                    self.view = View::ByMember;
                } else if std::mem::take(&mut self.from_overdue) {
                    self.view = View::Overdue;
                }
            }
            RecordHours => return self.ask_progress(ctx, false),
            RecordExam => return self.ask_progress(ctx, true),
            EditCourse => {
                if self.view != View::ByCourse {
                    return say(t.edit_by_course);
                }
                let course = self.selected_stat().map(|s| s.course.clone());
                return match course {
                    Some(c) => self.course_form(ctx, Some(&c)),
                    None => say(t.no_course_selected),
                };
            }
            NewCourse => return self.course_form(ctx, None),
            SortNext | SortReverse if self.view == View::Overdue => {
                if action == SortNext {
                    self.overdue.sort_next();
                } else {
                    self.overdue.sort_reverse();
                }
                self.refilter();
                let col = t.overdue_columns[self.overdue.sort.0];
                return vec![Effect::Say(Note::info(format!("{}: {col}", t.sorted_by)))];
            }
            FilterDepartment => return self.pick_department(ctx),
            ClearFilters => {
                self.department = None;
                self.refilter();
                return vec![Effect::Say(Note::info(t.filters_cleared))];
            }
            _ => return say(t.not_on_tab(t.tabs[ME.index()])),
        }
        Vec::new()
    }

    fn on_reply(&mut self, ctx: &Ctx, want: Want, reply: Reply) -> Effects {
        if matches!(want, Want::Roster(_)) {
            self.roster.on_reply(ctx, &want, reply);
            return Vec::new();
        }
        if matches!(want, Want::Plan(_) | Want::PlanPreview) {
            return self.plan.on_reply(ctx, &want, reply).unwrap_or_default();
        }
        match (want, reply) {
            (Want::Members(pool), Reply::Answer(Answer::Members(rows), seq)) if Some(pool) == self.pool => {
                self.members.set(rows, seq);
                self.refilter();
            }
            (Want::Members(_), Reply::Failed(_)) => self.members.failed(&ctx.clock),
            (Want::Enrollments(id), Reply::Answer(Answer::Enrollments(list), seq))
                if Some(&id) == self.person.as_ref() =>
            {
                let n = list.len();
                if let Some(code) = self.course_wanted.take() {
                    self.course = list.iter().position(|v| v.course.code == code).unwrap_or(0);
                }
                self.enrollments.set(list, seq);
                self.course = self.course.min(n.saturating_sub(1));
            }
            (Want::Enrollments(_), Reply::Failed(_)) => self.enrollments.failed(&ctx.clock),
            (Want::Points(id), Reply::Answer(Answer::Points(p), seq))
                if Some(&id) == self.person.as_ref() =>
            {
                self.points.set(p, seq)
            }
            (Want::Points(_), Reply::Failed(_)) => self.points.failed(&ctx.clock),
            (
                Want::CourseStats(pool),
                Reply::Answer(Answer::CourseStats { courses, trained, members }, seq),
            ) if Some(pool) == self.pool => {
                let n = courses.len();
                self.stats.set((courses, trained, members), seq);
                self.stats_cursor.clamp(n);
            }
            (Want::CourseStats(_), Reply::Failed(_)) => self.stats.failed(&ctx.clock),
            (Want::Overdue(pool), Reply::Answer(Answer::Reminders(list), seq)) if Some(pool) == self.pool => {
                self.overdue.rows.set(list.to_vec(), seq);
                self.refilter();
            }
            (Want::Overdue(pool), Reply::Failed(_)) if Some(pool) == self.pool => {
                self.overdue.rows.failed(&ctx.clock)
            }
            _ => {}
        }
        Vec::new()
    }

    fn on_input(&mut self, ctx: &Ctx, value: Value) -> Effects {
        if let Some(effects) = self.plan.on_input(ctx, &value) {
            return effects;
        }
        match (self.asking.clone(), value) {
            (Some(Ask::Department), Value::Picked(d)) => {
                self.department = (!d.is_empty()).then_some(d);
                self.refilter();
                Vec::new()
            }
            (Some(Ask::Hours { who, course, left }), Value::Text(text)) => {
                match parse_hours(&text, left, ctx.lang) {
                    Ok(hours) => {
                        let Ok(employee_id) = who.id.parse() else { return Vec::new() };
                        let command = Command::RecordProgress {
                            employee_id,
                            course,
                            hours,
                            exam_score: None,
                            on: ctx.today,
                        };
                        vec![Effect::command(ME, Step::Progress, command)]
                    }
                    Err(problem) => say(problem),
                }
            }
            (Some(Ask::Exam { who, course }), Value::Text(text)) => match parse_score(&text, ctx.lang) {
                Ok(score) => {
                    let Ok(employee_id) = who.id.parse() else { return Vec::new() };
                    let command = Command::RecordProgress {
                        employee_id,
                        course,
                        hours: 0.0,
                        exam_score: Some(score),
                        on: ctx.today,
                    };
                    vec![Effect::command(ME, Step::Progress, command)]
                }
                Err(problem) => say(problem),
            },
            (Some(Ask::Course { editing }), Value::Form(values)) => match course_from_form(&values, ctx.lang)
            {
                // the code names the course: a changed code would make a second one
                Ok(course) if editing.as_ref().is_some_and(|old| *old != course.code) => {
                    say(ctx.t().field_problem(ctx.t().course_fields[0], ctx.t().code_fixed))
                }
                Ok(course) => vec![Effect::command(ME, Step::Course, Command::UpsertCourse(course))],
                Err(problem) => say(problem),
            },
            _ => Vec::new(),
        }
    }

    fn on_closed(&mut self, _draft: Option<Value>) {
        self.asking = None;
        self.plan.on_closed();
    }

    fn resize(&mut self, area: Rect) {
        self.area = area;
        let h = self.list_height();
        let n = self.visible.len();
        self.cursor.set_height(h, n);
        let n = self.stats.value().map_or(0, |s| s.0.len());
        self.stats_cursor.set_height(h, n);
        let n = self.overdue.len();
        self.overdue.cursor.set_height(h, n);
    }

    fn search_rows(&self) -> Vec<Row<'_>> {
        match self.view {
            View::ByMember => {
                let Some(rows) = self.members.value() else { return Vec::new() };
                self.visible
                    .iter()
                    .map(|&i| Row {
                        name: &rows[i].name,
                        id: rows[i].member.employee_id.as_str(),
                        department: &rows[i].department,
                    })
                    .collect()
            }
            View::ByCourse => self
                .stats
                .value()
                .map(|s| {
                    s.0.iter()
                        .map(|c| Row { name: &c.course.title, id: &c.course.code, department: "" })
                        .collect()
                })
                .unwrap_or_default(),
            View::Overdue => self
                .overdue
                .iter()
                .map(|r| Row { name: &r.name, id: r.employee_id.as_str(), department: &r.department })
                .collect(),
            View::Plan => Vec::new(),
        }
    }

    fn selected(&self) -> usize {
        match self.view {
            View::ByMember => self.cursor.selected,
            View::ByCourse => self.stats_cursor.selected,
            View::Overdue => self.overdue.cursor.selected,
            View::Plan => self.plan.cursor.selected,
        }
    }

    fn select(&mut self, _ctx: &Ctx, index: usize) -> Effects {
        match self.view {
            View::ByMember => {
                let n = self.visible.len();
                self.cursor.select(index, n);
            }
            View::ByCourse => {
                let n = self.stats.value().map_or(0, |s| s.0.len());
                self.stats_cursor.select(index, n);
            }
            View::Overdue => {
                let n = self.overdue.len();
                self.overdue.cursor.select(index, n);
            }
            View::Plan => {}
        }
        Vec::new()
    }
}

/// Rows of a list that fit under its header.
pub(super) fn list_height(area: Rect) -> usize {
    area.height.saturating_sub(1) as usize
}
