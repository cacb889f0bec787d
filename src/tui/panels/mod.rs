//! The six panels, and what they share: fitting a table's columns to the width there is
//! (every column at its natural width first, the least needed dropped last), and drawing
//! a window of rows under a header.

pub mod courses;
mod courses_view;
pub mod insight;
mod insight_view;
mod overdue;
mod plan;
pub mod pool;
mod pool_cohort;
mod pool_view;
mod profile;
pub mod queue;
mod queue_view;
pub mod readiness;
mod readiness_view;
mod roster;
pub mod vacancies;
mod vacancies_view;
mod what_if;

use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};
use ratatui::Frame;

use super::ctx::Ctx;
use super::text;

/// One column a table may show.
#[derive(Debug, Clone)]
pub struct Column {
    pub heading: String,
    /// The width its values need.
    pub width: usize,
    /// Lower is kept longer when the screen is narrow.
    pub priority: u8,
    /// Takes the room left over.
    pub grows: bool,
}

impl Column {
    pub fn new(heading: impl Into<String>, width: usize, priority: u8) -> Column {
        let heading = heading.into();
        let width = width.max(text::width(&heading));
        Column { heading, width, priority, grows: false }
    }

    pub fn growing(mut self) -> Column {
        self.grows = true;
        self
    }
}

/// The columns shown in `width` cells and their widths, in display order: by priority
/// while they fit at their natural width; what is left goes to the growing column.
pub fn fit_columns(columns: &[Column], width: usize) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..columns.len()).collect();
    order.sort_by_key(|&i| columns[i].priority);
    let mut keep = Vec::new();
    let mut used = 0;
    for i in order {
        let need = columns[i].width + usize::from(!keep.is_empty());
        if used + need <= width {
            used += need;
            keep.push(i);
        } else if keep.is_empty() {
            keep.push(i);
            used = width;
        }
    }
    keep.sort_unstable();
    let mut shown: Vec<(usize, usize)> = keep.iter().map(|&i| (i, columns[i].width)).collect();
    let spare = width.saturating_sub(used);
    if let Some(g) = shown.iter_mut().find(|(i, _)| columns[*i].grows) {
        g.1 += spare;
    }
    // the first column absorbs a shortfall (a single column wider than the screen)
    let total: usize = shown.iter().map(|(_, w)| w).sum::<usize>() + shown.len().saturating_sub(1);
    if total > width {
        if let Some(first) = shown.first_mut() {
            first.1 = first.1.saturating_sub(total - width);
        }
    }
    shown
}

/// A styled cell.
pub type Styled = (String, Style);

/// Draws a header and rows (already the visible window) as a table; `selected` is the
/// index within `rows`.
pub fn draw_table(
    frame: &mut Frame,
    area: Rect,
    ctx: &Ctx,
    columns: &[Column],
    shown: &[(usize, usize)],
    rows: Vec<Vec<Styled>>,
    selected: Option<usize>,
) {
    let header = Row::new(shown.iter().map(|(i, w)| Cell::from(text::fit(&columns[*i].heading, *w))))
        .style(ctx.theme.header());
    let body: Vec<Row> = rows
        .into_iter()
        .enumerate()
        .map(|(n, cells)| {
            let row = Row::new(
                shown
                    .iter()
                    .map(|(i, w)| {
                        let (t, s) = cells.get(*i).cloned().unwrap_or_default();
                        Cell::from(Span::styled(text::fit(&t, *w), s))
                    })
                    .collect::<Vec<_>>(),
            );
            if Some(n) == selected {
                row.style(ctx.theme.selected())
            } else {
                row
            }
        })
        .collect();
    let widths: Vec<Constraint> = shown.iter().map(|(_, w)| Constraint::Length(*w as u16)).collect();
    frame.render_widget(Table::new(body, widths).header(header).column_spacing(1), area);
}

/// A one-line title in the accent style, cut to the width.
pub fn title_line(text_: &str, width: u16, ctx: &Ctx) -> Line<'static> {
    Line::from(Span::styled(text::truncate(text_, width as usize), ctx.theme.accent()))
}

/// A line saying there is nothing to show (or that it is being read).
pub fn placeholder(frame: &mut Frame, area: Rect, ctx: &Ctx, what: &str) {
    frame.render_widget(
        ratatui::widgets::Paragraph::new(Span::styled(what.to_string(), ctx.theme.dim())),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fit_by_priority_and_the_growing_one_takes_the_rest() {
        let cols = vec![
            Column::new("name", 8, 0),
            Column::new("department", 12, 2).growing(),
            Column::new("rank", 6, 5),
            Column::new("points", 6, 1),
        ];
        // all fit: 8+12+6+6 + 3 gaps = 35
        let shown = fit_columns(&cols, 40);
        assert_eq!(shown, vec![(0, 8), (1, 17), (2, 6), (3, 6)]);
        // rank goes first
        let shown = fit_columns(&cols, 30);
        assert_eq!(shown, vec![(0, 8), (1, 14), (3, 6)]);
        let shown = fit_columns(&cols, 5);
        assert_eq!(shown, vec![(0, 5)]);
    }
}
