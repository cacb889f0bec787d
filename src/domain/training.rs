//! Courses, enrollments with exam attempts, and the append-only training-points ledger.

use serde::{Deserialize, Serialize};

use super::org::EmployeeId;
use super::{Date, DomainError, Timestamp};

/// The most hours a course or an enrollment may require.
pub const MAX_HOURS: f32 = 1000.0;
/// The most points one ledger event may carry, either way (a course, a grant, a rule).
pub const MAX_EVENT_POINTS: u32 = 1000;

/// What a course is about; strategy courses may earn more points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CourseCategory {
    Leadership,
    Strategy,
    Management,
    Professional,
    General,
}

impl CourseCategory {
    pub const ALL: [CourseCategory; 5] = [
        CourseCategory::Leadership,
        CourseCategory::Strategy,
        CourseCategory::Management,
        CourseCategory::Professional,
        CourseCategory::General,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CourseCategory::Leadership => "leadership",
            CourseCategory::Strategy => "strategy",
            CourseCategory::Management => "management",
            CourseCategory::Professional => "professional",
            CourseCategory::General => "general",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            CourseCategory::Leadership => "领导力",
            CourseCategory::Strategy => "战略",
            CourseCategory::Management => "管理",
            CourseCategory::Professional => "专业",
            CourseCategory::General => "通用",
        }
    }

    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let t = text.trim();
        CourseCategory::ALL
            .into_iter()
            .find(|c| t.eq_ignore_ascii_case(c.code()) || t == c.zh())
            .ok_or_else(|| {
                DomainError::from(super::msg::Msg::NotOneOf {
                    field: "category".into(),
                    value: t.into(),
                    allowed: "leadership / strategy / management / professional / general, 领导力 / 战略 / 管理 / 专业 / 通用"
                        .into(),
                })
            })
    }
}

/// A catalogue entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Course {
    pub code: String,
    pub title: String,
    pub category: CourseCategory,
    pub hours: f32,
    /// Every pool member must take it.
    pub required: bool,
    /// Required before promotion, with an exam score at the readiness threshold.
    pub core: bool,
    /// Strategic courses earn the policy's multiplier on completion points.
    pub strategic: bool,
    /// The exam's pass mark; `None` when the course has no exam.
    pub exam_pass_mark: Option<u8>,
    /// Completion points for this course instead of the policy default.
    pub completion_points: Option<u32>,
}

impl Course {
    pub fn validate(&self) -> Result<(), DomainError> {
        super::ids::check_code("course", &self.code)?;
        super::text::required_line("title", &self.title, super::text::TITLE_CHARS)?;
        super::text::positive("hours", self.hours, MAX_HOURS)?;
        if let Some(mark) = self.exam_pass_mark {
            super::text::range("exam_pass_mark", mark, 0, 100)?;
        }
        if let Some(points) = self.completion_points {
            super::text::range("completion_points", points, 0, MAX_EVENT_POINTS)?;
        }
        Ok(())
    }
}

/// One exam sitting; retakes are kept, never overwritten.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ExamAttempt {
    pub score: u8,
    pub on: Date,
}

/// One person's progress in one course.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Enrollment {
    pub employee_id: EmployeeId,
    pub course_code: String,
    pub hours_done: f32,
    pub hours_required: f32,
    pub due: Date,
    pub attempts: Vec<ExamAttempt>,
    pub completed_on: Option<Date>,
}

impl Enrollment {
    /// The best exam score so far.
    pub fn best_score(&self) -> Option<u8> {
        self.attempts.iter().map(|a| a.score).max()
    }

    /// Past the due date and not completed.
    pub fn days_overdue(&self, today: Date) -> Option<i64> {
        if self.completed_on.is_some() {
            return None;
        }
        let days = (today - self.due).num_days();
        (days > 0).then_some(days)
    }

    /// Where this enrollment stands on `today`: done, overdue, behind a straight-line
    /// schedule over the `schedule_days` before the due date, or on track.
    pub fn standing(&self, today: Date, schedule_days: u32, margin_pct: u8) -> Standing {
        if self.completed_on.is_some() {
            return Standing::Done;
        }
        Standing::of_unfinished(
            Progress { due: self.due, hours_done: self.hours_done, hours_required: self.hours_required },
            today,
            schedule_days,
            margin_pct,
        )
    }

    pub fn hours_left(&self) -> f32 {
        (self.hours_required - self.hours_done).max(0.0)
    }

    pub fn validate(&self) -> Result<(), DomainError> {
        use super::text;
        text::positive("hours_required", self.hours_required, MAX_HOURS)?;
        text::range("hours_done", self.hours_done, 0.0, self.hours_required.max(0.0) + 1e-3)?;
        text::date("due", self.due)?;
        for a in &self.attempts {
            text::range("exams", a.score, 0, 100)?;
            text::date("exams", a.on)?;
        }
        if let Some(done) = self.completed_on {
            text::date("completed_on", done)?;
            if self.hours_done + 1e-3 < self.hours_required {
                return Err(DomainError::from(super::msg::Msg::CompletedShort {
                    done: self.hours_done,
                    required: self.hours_required,
                }));
            }
        }
        Ok(())
    }
}

/// One course of a development plan and when it is due.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanCourse {
    pub course: String,
    pub due: Date,
}

/// A pool's development plan (培养计划): general content from HR for every member, plus
/// personalised content per department (sales: negotiation; R&D: technology trends).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub pool_id: u32,
    pub general: Vec<PlanCourse>,
    pub by_department: std::collections::BTreeMap<String, Vec<PlanCourse>>,
}

impl Plan {
    /// The plan's courses for a member of `department`.
    pub fn courses_for<'a>(&'a self, department: &str) -> impl Iterator<Item = &'a PlanCourse> + 'a {
        self.general.iter().chain(self.by_department.get(department).into_iter().flatten())
    }
}

/// An enrollment's progress against its due date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Standing {
    Done,
    OnTrack,
    /// Behind the straight-line schedule: this many hours were expected by now.
    AtRisk {
        expected_hours: f32,
    },
    Overdue {
        days: i64,
    },
}

/// What the standing of an unfinished course depends on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub due: Date,
    pub hours_done: f32,
    pub hours_required: f32,
}

impl Standing {
    /// An unfinished course on `today`: overdue after its due date; behind schedule when
    /// fewer hours are done than a straight line over the `schedule_days` before the due
    /// date expects, less `margin_pct`; otherwise on track.
    pub fn of_unfinished(p: Progress, today: Date, schedule_days: u32, margin_pct: u8) -> Standing {
        let days = (today - p.due).num_days();
        if days > 0 {
            return Standing::Overdue { days };
        }
        let start = p.due - chrono::Days::new(u64::from(schedule_days));
        if today <= start {
            return Standing::OnTrack;
        }
        let elapsed = (today - start).num_days() as f32 / schedule_days as f32;
        let expected = p.hours_required * elapsed.min(1.0);
        if p.hours_done < expected * (1.0 - f32::from(margin_pct) / 100.0) {
            Standing::AtRisk { expected_hours: expected }
        } else {
            Standing::OnTrack
        }
    }
}

/// Why points were granted or taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PointsCause {
    CourseCompleted {
        course: String,
    },
    ExamPassed {
        course: String,
    },
    ReflectionShared {
        reflection: u64,
    },
    PracticeCase {
        with_result: bool,
    },
    Manual,
    /// Cancels the event with this sequence number (a correction is never an edit).
    Reversal {
        of: u64,
    },
}

impl PointsCause {
    pub fn code(&self) -> &'static str {
        match self {
            PointsCause::CourseCompleted { .. } => "course_completed",
            PointsCause::ExamPassed { .. } => "exam_passed",
            PointsCause::ReflectionShared { .. } => "reflection_shared",
            PointsCause::PracticeCase { with_result: false } => "practice_case",
            PointsCause::PracticeCase { with_result: true } => "practice_case_with_result",
            PointsCause::Manual => "manual",
            PointsCause::Reversal { .. } => "reversal",
        }
    }
}

/// One entry of the append-only points ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointsEvent {
    pub seq: u64,
    pub employee_id: EmployeeId,
    pub points: i32,
    pub cause: PointsCause,
    pub reason: String,
    pub operator: String,
    pub at: Timestamp,
}

/// What points can be exchanged for; each is granted once per person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RedemptionKind {
    PromotionApplication,
    Bonus,
}

impl RedemptionKind {
    pub fn code(self) -> &'static str {
        match self {
            RedemptionKind::PromotionApplication => "promotion_application",
            RedemptionKind::Bonus => "bonus",
        }
    }
}

/// A redemption recorded against a person's balance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Redemption {
    pub employee_id: EmployeeId,
    pub kind: RedemptionKind,
    pub balance_at_redemption: i64,
    pub operator: String,
    pub at: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enrollment(done: f32) -> Enrollment {
        Enrollment {
            employee_id: "E1".parse().unwrap(),
            course_code: "M301".into(),
            hours_done: done,
            hours_required: 24.0,
            due: "2026-09-30".parse().unwrap(),
            attempts: vec![],
            completed_on: None,
        }
    }

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn overdue_is_counted_against_a_fixed_date() {
        assert_eq!(enrollment(10.0).standing(day("2026-10-10"), 90, 10), Standing::Overdue { days: 10 });
        assert_eq!(
            enrollment(10.0).days_overdue(day("2026-09-30")),
            None,
            "the due day itself is not overdue"
        );
        let mut done = enrollment(24.0);
        done.completed_on = Some(day("2026-09-01"));
        assert_eq!(done.standing(day("2026-12-01"), 90, 10), Standing::Done);
    }

    #[test]
    fn behind_the_straight_line_schedule_is_at_risk() {
        // halfway through the 90 days before the due date: 12 of 24 hours expected
        let halfway = day("2026-08-16");
        assert_eq!(enrollment(12.0).standing(halfway, 90, 10), Standing::OnTrack);
        assert_eq!(enrollment(10.9).standing(halfway, 90, 10), Standing::OnTrack, "within the 10% margin");
        assert!(matches!(enrollment(10.7).standing(halfway, 90, 10), Standing::AtRisk { .. }));
        assert_eq!(
            enrollment(0.0).standing(day("2026-07-01"), 90, 10),
            Standing::OnTrack,
            "before the window"
        );
    }
}
