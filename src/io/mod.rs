//! Files in and out: CSV import with foreign-header mappings, CSV/JSON export.

pub mod export;
pub mod import;
pub mod mapping;
mod parse;

/// The record kinds `cadre import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportKind {
    Employees,
    Performance,
    Courses,
    Enrollments,
    Reflections,
    Evaluations,
}

impl ImportKind {
    /// Our column names, required first; a mapping may only name these.
    pub fn columns(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            ImportKind::Employees => (
                &["id", "name", "department", "section", "rank", "hire_date"],
                &[
                    "status",
                    "skills",
                    "certifications",
                    "projects",
                    "team_management",
                    "aspiration",
                    "wants_management",
                ],
            ),
            ImportKind::Performance => (&["employee_id", "year", "grade", "rank_pct"], &[]),
            ImportKind::Courses => (
                &["code", "title", "category", "hours"],
                &["required", "core", "strategic", "exam_pass_mark", "completion_points"],
            ),
            ImportKind::Enrollments => (
                &["employee_id", "course", "due"],
                &["hours_done", "hours_required", "completed_on", "exams"],
            ),
            ImportKind::Reflections => (
                &["employee_id", "stage", "title", "body"],
                &["version", "submitted_at", "score", "comment", "decision", "reviewer", "reviewed_at"],
            ),
            ImportKind::Evaluations => {
                (&["employee_id", "year", "kind", "score", "date"], &["relation", "dimension"])
            }
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ImportKind::Employees => "employees",
            ImportKind::Performance => "performance",
            ImportKind::Courses => "courses",
            ImportKind::Enrollments => "enrollments",
            ImportKind::Reflections => "reflections",
            ImportKind::Evaluations => "evaluations",
        }
    }
}
