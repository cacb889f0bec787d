//! The seeds' reports of a pool as lines of text, for the command line and the insight tab:
//! the points ranking, courses by popularity with their completion, the redemption rate.

use crate::domain::msg::Who;
use crate::locale::{insight as words, Lang};
use crate::service::vacancy_types::PoolReports;

pub fn lines(lang: Lang, r: &PoolReports) -> Vec<String> {
    let mut out = vec![words::report_heading(lang, 0).to_string()];
    for (i, p) in r.points.iter().enumerate() {
        let who = lang.who(&Who::new(p.employee_id.as_str(), p.name.clone()));
        out.push(words::points_line(lang, i + 1, &who, &p.department, p.points));
    }
    out.push(String::new());
    out.push(words::report_heading(lang, 1).to_string());
    for c in &r.courses {
        out.push(words::course_line(lang, &c.course, &c.title, c.enrolled, c.completed));
    }
    out.push(String::new());
    out.push(words::report_heading(lang, 2).to_string());
    out.push(words::redemption_line(lang, r.redeemed, r.eligible));
    out
}
