//! Files in and out: CSV import with foreign-header mappings, CSV/JSON export.

mod builder;
pub mod derive;
pub mod export;
pub mod import;
pub mod init_map;
pub mod limits;
pub mod mapping;
pub mod parse;
pub mod private_file;
pub mod table;

/// The record kinds `cadre import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Employees,
    Performance,
    Courses,
    Enrollments,
    Reflections,
    Evaluations,
}

impl ImportKind {
    /// Our columns in file order, each with whether it is required. Imports read these,
    /// mappings may name only these, and exports write them in this order.
    pub fn columns(self) -> &'static [(&'static str, bool)] {
        match self {
            ImportKind::Employees => &[
                ("id", true),
                ("name", true),
                ("department", true),
                ("section", true),
                ("rank", true),
                ("hire_date", true),
                ("status", false),
                ("skills", false),
                ("certifications", false),
                ("projects", false),
                ("team_management", false),
                ("aspiration", false),
                ("wants_management", false),
                ("left_on", false),
            ],
            ImportKind::Performance => {
                &[("employee_id", true), ("year", true), ("grade", true), ("rank_pct", true)]
            }
            ImportKind::Courses => &[
                ("code", true),
                ("title", true),
                ("category", true),
                ("hours", true),
                ("required", false),
                ("core", false),
                ("strategic", false),
                ("exam_pass_mark", false),
                ("completion_points", false),
            ],
            ImportKind::Enrollments => &[
                ("employee_id", true),
                ("course", true),
                ("due", true),
                ("hours_done", false),
                ("hours_required", false),
                ("completed_on", false),
                ("exams", false),
            ],
            ImportKind::Reflections => &[
                ("employee_id", true),
                ("stage", true),
                ("version", false),
                ("title", true),
                ("body", true),
                ("submitted_at", false),
                ("score", false),
                ("comment", false),
                ("decision", false),
                ("reviewer", false),
                ("reviewed_at", false),
            ],
            ImportKind::Evaluations => &[
                ("employee_id", true),
                ("year", true),
                ("kind", true),
                ("relation", false),
                ("dimension", false),
                ("score", true),
                ("date", true),
            ],
        }
    }

    /// The column names in file order.
    pub fn column_names(self) -> Vec<&'static str> {
        self.columns().iter().map(|(name, _)| *name).collect()
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
