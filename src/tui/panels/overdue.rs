//! The courses tab's overdue view as a list: every overdue or behind-schedule course of
//! the pool's current members (read member by member, never the whole company), filtered
//! by department, sorted by any of its columns.

use crate::service::changes::Topic;
use crate::service::query::Reminder;
use crate::tui::fresh::Fetched;
use crate::tui::list::ListCursor;

/// The columns, in `overdue_columns` order: name, department, course, due, standing,
/// hours left, manager.
pub const COLUMNS: usize = 7;
/// The standing column: the most overdue first by default.
const STANDING: usize = 4;

pub struct OverdueList {
    pub rows: Fetched<Vec<Reminder>>,
    /// Indices into `rows` after the department filter and the sort.
    pub shown: Vec<usize>,
    pub cursor: ListCursor,
    /// The column sorted on, and whether descending.
    pub sort: (usize, bool),
}

impl Default for OverdueList {
    fn default() -> Self {
        OverdueList {
            rows: Fetched::new(&[
                Topic::Enrollments,
                Topic::Courses,
                Topic::People,
                Topic::Members,
                Topic::Policy,
            ]),
            shown: Vec::new(),
            cursor: ListCursor::default(),
            sort: (STANDING, true),
        }
    }
}

impl OverdueList {
    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn get(&self, i: usize) -> Option<&Reminder> {
        self.rows.value()?.get(*self.shown.get(i)?)
    }

    pub fn selected(&self) -> Option<&Reminder> {
        self.get(self.cursor.selected)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Reminder> {
        (0..self.shown.len()).filter_map(|i| self.get(i))
    }

    /// Keeps the department's rows, in the sort order; the selection stays on the same row
    /// when it can.
    pub fn refilter(&mut self, department: Option<&str>) {
        let keep = self.selected().map(|r| (r.employee_id.clone(), r.course.clone()));
        let Some(rows) = self.rows.value() else { return };
        let mut shown: Vec<usize> =
            (0..rows.len()).filter(|&i| department.is_none_or(|d| rows[i].department == d)).collect();
        let (col, desc) = self.sort;
        shown.sort_by(|&a, &b| {
            let (x, y) = (&rows[a], &rows[b]);
            let order = match col {
                0 => x.name.cmp(&y.name),
                1 => x.department.cmp(&y.department),
                2 => x.course.cmp(&y.course),
                3 => x.due.cmp(&y.due),
                STANDING => (x.days_overdue, x.at_risk).cmp(&(y.days_overdue, y.at_risk)),
                5 => x.hours_left.total_cmp(&y.hours_left),
                _ => x.manager.cmp(&y.manager),
            };
            if desc {
                order.reverse()
            } else {
                order
            }
        });
        self.shown = shown;
        if let Some((id, course)) = keep {
            let found = self.iter().position(|r| r.employee_id == id && r.course == course);
            if let Some(pos) = found {
                self.cursor.selected = pos;
            }
        }
        let n = self.shown.len();
        self.cursor.clamp(n);
    }

    /// The next column to sort on (ascending; the standing column descending).
    pub fn sort_next(&mut self) {
        let next = (self.sort.0 + 1) % COLUMNS;
        self.sort = (next, next == STANDING);
    }

    pub fn sort_reverse(&mut self) {
        self.sort.1 = !self.sort.1;
    }
}
