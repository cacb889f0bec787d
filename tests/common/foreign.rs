//! Exports of other HR systems, generated (fictional people): a US-style one with CRLF, a
//! byte-order mark, first and last names, M/D/YYYY dates, job titles, padded department
//! names, performance words with a 1–5 rating, exit dates and a training log of program
//! names with outcomes; and a Chinese one with its own headers, titles and dates.
#![allow(dead_code)]

/// A small deterministic generator (no dependency, same files on every machine).
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Dice {
        Dice(seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407))
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const FIRST: [&str; 12] = [
    "Avery", "Blake", "Casey", "Devon", "Emery", "Finley", "Harper", "Jordan", "Kendall", "Logan", "Morgan",
    "Quinn",
];
const LAST: [&str; 10] = [
    "Abbott",
    "Brennan",
    "Calder",
    "Dunmore",
    "Ellery",
    "Fairweather",
    "Galloway",
    "Hartwell",
    "Ingram",
    "Jessup",
];
pub const TITLES: [&str; 8] = [
    "Production Technician I",
    "Production Technician II",
    "Unit Manager",
    "Senior Analyst",
    "Analyst",
    "Team Lead",
    "Shift Supervisor",
    "Department Manager",
];
const DEPARTMENTS: [&str; 4] = ["Sales ", "Operations", " Finance", "Research & Development"];
pub const PROGRAMS: [&str; 4] =
    ["Leading Teams", "Strategic Thinking", "Finance for Managers", "Coaching Basics"];
pub const GRADES: [&str; 5] = ["Exceeds", "Fully Meets", "Partially Meets", "Needs Improvement", "PIP"];

/// The US-style export: `rows` employees, CRLF and a BOM. Every 40th person has left
/// (an exit date in 2024); ids are 20000, 20001, …
pub fn us_employees(rows: usize) -> String {
    let mut d = Dice::new(11);
    let mut out = String::from("\u{feff}Emp No,First Name,Last Name,Dept,Team,Job Title,Hire Date,Exit Date,Career Goal,Leadership Experience\r\n");
    for i in 0..rows {
        let exit = if i % 40 == 39 {
            format!("{}/{}/2024", 1 + d.below(12), 1 + d.below(28))
        } else {
            String::new()
        };
        let title = if i % 3 == 0 { "Unit Manager" } else { d.pick(&TITLES) };
        out.push_str(&format!(
            "{},{},{},{},Team {},{},{}/{}/{},{},{},{}\r\n",
            20000 + i,
            d.pick(&FIRST),
            d.pick(&LAST),
            d.pick(&DEPARTMENTS),
            i % 7,
            title,
            1 + d.below(12),
            1 + d.below(28),
            2005 + d.below(15),
            exit,
            if i % 2 == 0 { "Lead a team" } else { "" },
            if i % 3 == 0 { "Led a project team of 6" } else { "" },
        ));
    }
    out
}

/// Performance of the same people for 2023–2025: a word and a 1–5 rating, no percentile.
pub fn us_performance(rows: usize) -> String {
    let mut d = Dice::new(12);
    let mut out = String::from("Employee ID,Review Year,Performance,Rating\r\n");
    for year in 2023..=2025 {
        for i in 0..rows {
            let rating = if i % 3 == 0 { 5 } else { 1 + d.below(5) };
            let word = GRADES[(5 - rating) as usize];
            out.push_str(&format!("{},{year},{word},{rating}\r\n", 20000 + i));
        }
    }
    out
}

/// A training log: two programs for every third person, with an outcome and a date.
pub fn us_training(rows: usize) -> String {
    let mut d = Dice::new(13);
    let mut out = String::from("Employee ID,Program,Outcome,Date,Duration (days),Due Date\r\n");
    for i in (0..rows).step_by(3) {
        for p in 0..2 {
            let program = PROGRAMS[(i / 3 + p) % PROGRAMS.len()];
            let outcome = d.pick(&["Completed", "Passed", "Failed", "Incomplete"]);
            out.push_str(&format!(
                "{},{program},{outcome},{}/{}/2025,{},12/31/2025\r\n",
                20000 + i,
                1 + d.below(12),
                1 + d.below(28),
                1 + d.below(3)
            ));
        }
    }
    out
}

/// The mapping a person writes for `us_employees` after `--init-map`.
pub const US_EMPLOYEES_MAP: &str = r#"
[columns]
id = "Emp No"
name = "{First Name} {Last Name}"
department = "Dept"
section = "Team"
rank = "Job Title"
hire_date = "Hire Date"
aspiration = "Career Goal"
team_management = "Leadership Experience"

[derive]
left_on = "Exit Date"

[values.rank]
"unit manager" = "室主任"
"Department Manager" = "部门经理"
"*" = "普通员工"

[dates]
formats = ["%m/%d/%Y"]
"#;

pub const US_PERFORMANCE_MAP: &str = r#"
[columns]
employee_id = "Employee ID"
year = "Review Year"
grade = "Performance"

[derive]
rank_pct = { percentile_of = "Rating", higher_is_better = true }

[values.grade]
exceeds = "A"
"fully meets" = "B"
"partially meets" = "C"
"needs improvement" = "D"
pip = "D"
"#;

pub const US_TRAINING_MAP: &str = r#"
[columns]
employee_id = "Employee ID"
course = "Program"
due = "Due Date"
completed_on = { from = "Date", when = { Outcome = ["Completed", "Passed"] } }

[dates]
formats = ["%m/%d/%Y"]
"#;

/// A Chinese export: its own headers, titles (职务), 2020年3月1日 dates, one year of
/// grades given as a constant.
pub fn zh_employees(rows: usize) -> String {
    let mut d = Dice::new(21);
    let mut out = String::from("\u{feff}员工编号,姓,名,所属部门,班组,职务,入职时间\r\n");
    for i in 0..rows {
        out.push_str(&format!(
            "Z{:04},{},{},{},{}组,{},{}年{}月{}日\r\n",
            i,
            d.pick(&["赵", "钱", "孙", "李", "周", "吴"]),
            d.pick(&["一鸣", "二亮", "三川", "思远", "五岳", "六合"]),
            d.pick(&["生产部", "销售部 "]),
            1 + i % 4,
            d.pick(&["科长", "主管", "技术员", "操作工"]),
            2008 + d.below(12),
            1 + d.below(12),
            1 + d.below(28)
        ));
    }
    out
}

pub const ZH_EMPLOYEES_MAP: &str = r#"
[columns]
id = "员工编号"
name = "{姓}{名}"
department = "所属部门"
section = "班组"
rank = "职务"
hire_date = "入职时间"

[values.rank]
"科长" = "室主任"
"*" = "普通员工"

[dates]
formats = ["%Y年%m月%d日"]
"#;
