//! The organisation: departments with their sections, employees and their history.

use serde::{Deserialize, Serialize};

use super::{Date, DomainError};

pub use super::ids::EmployeeId;

/// A department (部门) and the names of its sections (科室).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    pub name: String,
    pub sections: Vec<String>,
}

/// Position in the hierarchy: department manager › section chief › staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rank {
    DepartmentManager,
    SectionChief,
    Staff,
}

impl Rank {
    pub const ALL: [Rank; 3] = [Rank::DepartmentManager, Rank::SectionChief, Rank::Staff];

    /// The Chinese title used in HR files and in the UI.
    pub fn zh(self) -> &'static str {
        match self {
            Rank::DepartmentManager => "部门经理",
            Rank::SectionChief => "室主任",
            Rank::Staff => "普通员工",
        }
    }

    /// The English title used in the UI.
    pub fn en(self) -> &'static str {
        match self {
            Rank::DepartmentManager => "department manager",
            Rank::SectionChief => "section chief",
            Rank::Staff => "staff",
        }
    }

    /// Stable code used in files and policy keys.
    pub fn code(self) -> &'static str {
        match self {
            Rank::DepartmentManager => "department_manager",
            Rank::SectionChief => "section_chief",
            Rank::Staff => "staff",
        }
    }

    /// Accepts the Chinese title, the English title or the code.
    pub fn parse(text: &str) -> Result<Rank, DomainError> {
        let t = text.trim();
        Rank::ALL
            .into_iter()
            .find(|r| t == r.zh() || t.eq_ignore_ascii_case(r.en()) || t == r.code())
            .or(match t {
                "科长" | "室经理" => Some(Rank::SectionChief),
                "员工" => Some(Rank::Staff),
                _ => None,
            })
            .ok_or_else(|| {
                DomainError::from(super::msg::Msg::NotOneOf {
                    field: "rank".into(),
                    value: t.into(),
                    allowed: "部门经理 / 室主任 / 普通员工, department_manager / section_chief / staff"
                        .into(),
                })
            })
    }
}

/// Whether the person still works here. Records stay after a person leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmploymentStatus {
    Active,
    Left,
}

impl EmploymentStatus {
    pub fn code(self) -> &'static str {
        match self {
            EmploymentStatus::Active => "active",
            EmploymentStatus::Left => "left",
        }
    }

    pub fn parse(text: &str) -> Result<Self, DomainError> {
        match text.trim() {
            "active" | "在职" | "" => Ok(EmploymentStatus::Active),
            "left" | "离职" => Ok(EmploymentStatus::Left),
            other => Err(DomainError::from(super::msg::Msg::NotOneOf {
                field: "status".into(),
                value: other.into(),
                allowed: "active / left, 在职 / 离职".into(),
            })),
        }
    }
}

/// Annual performance grade, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    S,
    A,
    B,
    C,
    D,
}

impl Grade {
    pub const ALL: [Grade; 5] = [Grade::S, Grade::A, Grade::B, Grade::C, Grade::D];

    pub fn letter(self) -> &'static str {
        match self {
            Grade::S => "S",
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
        }
    }

    pub fn parse(text: &str) -> Result<Grade, DomainError> {
        let t = text.trim();
        Grade::ALL.into_iter().find(|g| t.eq_ignore_ascii_case(g.letter())).ok_or_else(|| {
            DomainError::from(super::msg::Msg::NotOneOf {
                field: "grade".into(),
                value: t.into(),
                allowed: "S, A, B, C, D".into(),
            })
        })
    }
}

/// One year's performance: the grade and the rank as a percentile (top x %).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PerformanceRecord {
    pub year: u16,
    pub grade: Grade,
    /// Position in the company ranking as "top x %": 5.0 means among the best 5 %.
    pub rank_pct: f32,
}

impl PerformanceRecord {
    pub fn new(year: u16, grade: Grade, rank_pct: f32) -> Result<Self, DomainError> {
        super::text::range("rank_pct", rank_pct, 0.0, 100.0)?;
        super::text::year("year", year)?;
        Ok(PerformanceRecord { year, grade, rank_pct })
    }
}

/// A person with their profile (员工全景档案).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Employee {
    pub id: EmployeeId,
    pub name: String,
    pub department: String,
    pub section: String,
    pub rank: Rank,
    pub hire_date: Date,
    pub status: EmploymentStatus,
    /// Performance by year, oldest first, one record a year.
    pub performance: Vec<PerformanceRecord>,
    pub skills: Vec<String>,
    pub certifications: Vec<String>,
    pub projects: Vec<String>,
    /// Team-management experiences, one line each.
    pub team_management: Vec<String>,
    /// The career plan on file (职业规划), empty when none.
    pub aspiration: String,
    /// The plan says the person wants a management career.
    pub wants_management: bool,
    /// The day the person left (status `left`), or a known exit or retirement date still
    /// ahead (status `active`; the vacancy forecast counts it).
    #[serde(default)]
    pub left_on: Option<Date>,
}

impl Employee {
    /// Years of service on the given day, with fractions.
    pub fn tenure_years(&self, on: Date) -> f64 {
        let days = (on - self.hire_date).num_days().max(0) as f64;
        days / 365.25
    }

    /// The most recent performance record.
    pub fn latest_performance(&self) -> Option<&PerformanceRecord> {
        self.performance.iter().max_by_key(|p| p.year)
    }

    /// Adds or replaces the record of that year, keeping years in order.
    pub fn set_performance(&mut self, record: PerformanceRecord) {
        match self.performance.iter_mut().find(|p| p.year == record.year) {
            Some(existing) => *existing = record,
            None => {
                self.performance.push(record);
                self.performance.sort_by_key(|p| p.year);
            }
        }
    }

    /// The last `n` years' grades, oldest first.
    pub fn recent_grades(&self, n: usize) -> Vec<(u16, Grade)> {
        let skip = self.performance.len().saturating_sub(n);
        self.performance.iter().skip(skip).map(|p| (p.year, p.grade)).collect()
    }

    /// Checks the fields a record must have before it is stored.
    pub fn validate(&self) -> Result<(), DomainError> {
        use super::text::{self, NAME_CHARS, NOTE_CHARS};
        super::ids::check_code("employee_id", &self.id)?;
        text::required_line("name", &self.name, NAME_CHARS)?;
        text::required_line("department", &self.department, NAME_CHARS)?;
        text::line("section", &self.section, NAME_CHARS)?;
        text::date("hire_date", self.hire_date)?;
        for (field, items) in [
            ("skills", &self.skills),
            ("certifications", &self.certifications),
            ("projects", &self.projects),
            ("team_management", &self.team_management),
        ] {
            text::list(field, items)?;
        }
        text::text("aspiration", &self.aspiration, NOTE_CHARS)?;
        for p in &self.performance {
            text::year("year", p.year)?;
            text::range("rank_pct", p.rank_pct, 0.0, 100.0)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_parses_both_languages_and_codes() {
        assert_eq!(Rank::parse("室主任").unwrap(), Rank::SectionChief);
        assert_eq!(Rank::parse("Section Chief").unwrap(), Rank::SectionChief);
        assert_eq!(Rank::parse("staff").unwrap(), Rank::Staff);
        let err = Rank::parse("boss").unwrap_err();
        assert!(err.to_string().contains("'boss' is not a rank"), "{err}");
    }

    #[test]
    fn rank_percentile_outside_range_is_refused() {
        assert!(PerformanceRecord::new(2025, Grade::A, 101.0).is_err());
        assert!(PerformanceRecord::new(2025, Grade::A, 100.0).is_ok());
    }
}
