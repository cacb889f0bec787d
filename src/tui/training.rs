//! The courses panel's model: the selected member's enrollments and points, the pool's
//! per-course figures (read at idle), and recording hours or an exam score in a few keys.

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
    pub employee_id: Option<String>,
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

    fn load_member_training(&mut self, service: &Service, who: Option<String>) -> ServiceResult<()> {
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
