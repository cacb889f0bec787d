//! The courses panel's model: the selected member's enrollments and points, the pool's
//! per-course figures (read at idle), and recording hours or an exam score in a few keys.

use crate::domain::org::EmployeeId;
use crate::domain::training::Course;
use crate::service::query::{CourseStat, EnrollmentView, PointsSummary};
use crate::service::{Answer, Command, Query, Service, ServiceResult};

use super::action::Action;
use super::app::{App, Mode};
use super::list::ListCursor;

#[derive(Debug, Default)]
pub struct Training {
    /// Showing courses (by course) instead of members (by member).
    pub by_course: bool,
    /// Whose enrollments are loaded.
    pub employee_id: Option<EmployeeId>,
    pub enrollments: Vec<EnrollmentView>,
    pub points: Option<PointsSummary>,
    /// The selected course of the member.
    pub course: usize,
    /// Per-course figures and (trained, members) of the pool, once read.
    pub stats: Option<(Vec<CourseStat>, u32, u32)>,
    pub stats_cursor: ListCursor,
}

impl App {
    pub(super) fn prepare_training(&mut self, service: &Service, height: usize) -> ServiceResult<()> {
        self.cursor.set_height(height, self.visible.len());
        let n = self.training.stats.as_ref().map_or(0, |s| s.0.len());
        self.training.stats_cursor.set_height(height, n);
        let wanted = self.selected_row().map(|r| r.member.employee_id.clone());
        if wanted != self.training.employee_id {
            self.load_member_training(service, wanted)?;
        }
        Ok(())
    }

    fn load_member_training(&mut self, service: &Service, who: Option<EmployeeId>) -> ServiceResult<()> {
        let t = &mut self.training;
        t.enrollments.clear();
        t.points = None;
        t.employee_id = who.clone();
        let Some(id) = who else { return Ok(()) };
        if let Answer::Enrollments(list) = service.query(Query::Enrollments { employee_id: id.clone() })? {
            self.training.enrollments = list;
        }
        if let Answer::Points(p) = service.query(Query::Points { employee_id: id })? {
            self.training.points = Some(p);
        }
        let len = self.training.enrollments.len();
        self.training.course = self.training.course.min(len.saturating_sub(1));
        Ok(())
    }

    /// Idle-time work: the pool's per-course figures walk every member's enrollments.
    pub(super) fn prefetch_training(&mut self, service: &Service) -> ServiceResult<()> {
        if self.training.stats.is_none() {
            if let Some(pool) = self.pool().map(|p| p.id) {
                if let Answer::CourseStats { courses, trained, members } =
                    service.query(Query::CourseStats { pool, on: self.today })?
                {
                    self.training.stats = Some((courses, trained, members));
                }
            }
        }
        Ok(())
    }

    pub(super) fn apply_training(&mut self, action: Action) {
        use Action::*;
        let len = self.training.enrollments.len();
        match action {
            Down | Up | PageDown | PageUp | Top | Bottom if self.training.by_course => {
                let n = self.training.stats.as_ref().map_or(0, |s| s.0.len());
                self.training.stats_cursor.apply(action, n);
            }
            Down | Up | PageDown | PageUp | Top | Bottom => {
                let n = self.visible.len();
                self.cursor.apply(action, n);
                self.training.course = 0;
            }
            ScrollDown => self.training.course = (self.training.course + 1).min(len.saturating_sub(1)),
            ScrollUp => self.training.course = self.training.course.saturating_sub(1),
            ToggleView => self.training.by_course = !self.training.by_course,
            EditCourse | NewCourse if self.training.by_course => {
                let course = (action == EditCourse)
                    .then(|| {
                        self.training
                            .stats
                            .as_ref()
                            .and_then(|s| s.0.get(self.training.stats_cursor.selected))
                    })
                    .flatten()
                    .map(|s| s.course.clone());
                self.mode = Mode::CourseForm { fields: form_fields(course.as_ref()), focus: 0 };
            }
            RecordHours | RecordExam if !self.training.by_course && len > 0 => {
                self.mode = Mode::Progress { exam: action == RecordExam, digits: String::new() };
            }
            other => self.warn(format!("{other}: {}", self.lang.t().tabs[self.panel.index()])),
        }
    }

    /// Enter in the progress prompt: hours add to the course, a score is an exam sitting.
    pub(super) fn submit_progress(&mut self, service: &Service) {
        let Mode::Progress { exam, digits } = std::mem::replace(&mut self.mode, Mode::Normal) else { return };
        let (Some(id), Some(view)) =
            (self.training.employee_id.clone(), self.training.enrollments.get(self.training.course))
        else {
            return;
        };
        let course = view.enrollment.course_code.clone();
        let command = if exam {
            match digits.parse::<u8>() {
                Ok(score) => Command::RecordProgress {
                    employee_id: id.clone(),
                    course,
                    hours: 0.0,
                    exam_score: Some(score),
                    on: self.today,
                },
                Err(_) => return self.warn(format!("{}: '{digits}'", self.lang.t().score_range)),
            }
        } else {
            match digits.parse::<f32>() {
                Ok(hours) => Command::RecordProgress {
                    employee_id: id.clone(),
                    course,
                    hours,
                    exam_score: None,
                    on: self.today,
                },
                Err(_) => return self.warn(format!("{}: '{digits}'", self.lang.t().hours_number)),
            }
        };
        match service.execute(command) {
            Ok(outcome) => {
                self.tell(outcome.summary);
                self.training.stats = None;
                self.metrics.remove(&id);
                if let Err(e) = self.load_member_training(service, Some(id)) {
                    self.warn(e.to_string());
                }
            }
            Err(e) => self.warn(e.to_string()),
        }
    }
}

/// The catalogue form's fields, in order: code, title, category, hours, required, core,
/// strategic, exam pass mark, completion points.
fn form_fields(course: Option<&Course>) -> Vec<tui_textarea::TextArea<'static>> {
    let values = match course {
        Some(c) => crate::io::export::course_row(c),
        None => vec![
            String::new(),
            String::new(),
            "general".into(),
            String::new(),
            "no".into(),
            "no".into(),
            "no".into(),
            "60".into(),
            String::new(),
        ],
    };
    values
        .into_iter()
        .map(|v| {
            let mut t = tui_textarea::TextArea::new(vec![v]);
            t.set_cursor_line_style(ratatui::style::Style::default());
            t.move_cursor(tui_textarea::CursorMove::End);
            t
        })
        .collect()
}

/// Reads the form into a course, naming the field that is wrong.
fn course_from_form(fields: &[tui_textarea::TextArea<'static>]) -> Result<Course, String> {
    use crate::domain::training::CourseCategory;
    use crate::io::parse::parse_flag;
    let v = |i: usize| fields[i].lines().join("").trim().to_string();
    let number = |i: usize, name: &str| -> Result<Option<u32>, String> {
        let t = v(i);
        if t.is_empty() {
            Ok(None)
        } else {
            t.parse().map(Some).map_err(|_| format!("{name}: '{t}' is not a whole number"))
        }
    };
    let hours: f32 = v(3).parse().map_err(|_| format!("hours: '{}' is not a number", v(3)))?;
    let pass = number(7, "exam pass mark")?;
    let course = Course {
        code: v(0),
        title: v(1),
        category: CourseCategory::parse(&v(2)).map_err(|e| format!("category: {e}"))?,
        hours,
        required: parse_flag(&v(4)).map_err(|e| format!("required: {e}"))?,
        core: parse_flag(&v(5)).map_err(|e| format!("core: {e}"))?,
        strategic: parse_flag(&v(6)).map_err(|e| format!("strategic: {e}"))?,
        exam_pass_mark: pass.map(|p| u8::try_from(p).unwrap_or(u8::MAX)),
        completion_points: number(8, "completion points")?,
    };
    course.validate().map_err(|e| e.to_string())?;
    Ok(course)
}

impl App {
    /// Ctrl-S in the catalogue form.
    pub(super) fn save_course(&mut self, service: &Service) {
        let Mode::CourseForm { fields, .. } = &self.mode else { return };
        match course_from_form(fields) {
            Err(e) => self.warn(e),
            Ok(course) => match service.execute(Command::UpsertCourse(course)) {
                Ok(outcome) => {
                    self.mode = Mode::Normal;
                    self.tell(outcome.summary);
                    self.training.stats = None;
                    if let Err(e) = self.prefetch_training(service) {
                        self.warn(e.to_string());
                    }
                }
                Err(e) => self.warn(e.to_string()),
            },
        }
    }
}
