//! Columns derived from the whole file: a percentile of a numeric column among the
//! file's rows (per year where the file has one), 0 being the best.

use std::collections::BTreeMap;

use super::parse::Layout;
use super::ImportKind;
use crate::domain::import_msg::ImportMsg;
use crate::service::RowProblem;

/// For each record, its derived cells as (column position, text); empty vectors when the
/// mapping derives nothing. A non-numeric source cell is a problem on its line.
pub fn percentiles(
    kind: ImportKind,
    layout: &Layout,
    records: &[(u64, csv::StringRecord)],
    problems: &mut Vec<RowProblem>,
) -> Vec<Vec<(usize, String)>> {
    let mut out = vec![Vec::new(); if layout.percentiles.is_empty() { 0 } else { records.len() }];
    let has_year = kind.column_names().contains(&"year");
    for &(pos, header, higher_is_better) in &layout.percentiles {
        // year → (record index, value)
        let mut groups: BTreeMap<String, Vec<(usize, f64)>> = BTreeMap::new();
        for (i, (line, record)) in records.iter().enumerate() {
            let text = layout.header_cell(header, record);
            if text.is_empty() {
                problems.push(RowProblem {
                    line: *line,
                    column: layout.header_name(header),
                    problem: ImportMsg::Empty.into(),
                });
                continue;
            }
            match text.trim_end_matches('%').trim().parse::<f64>() {
                Ok(v) if v.is_finite() => {
                    let year = if has_year { layout.column_text("year", record) } else { String::new() };
                    groups.entry(year).or_default().push((i, v));
                }
                _ => problems.push(RowProblem {
                    line: *line,
                    column: layout.header_name(header),
                    problem: ImportMsg::PercentileOfText {
                        value: text.to_string(),
                        header: layout.header_name(header),
                    }
                    .into(),
                }),
            }
        }
        for values in groups.values() {
            let n = values.len() as f64;
            let mut sorted: Vec<f64> = values.iter().map(|(_, v)| *v).collect();
            sorted.sort_by(f64::total_cmp);
            for &(i, v) in values {
                let below = sorted.partition_point(|x| *x < v) as f64;
                let equal = sorted.partition_point(|x| *x <= v) as f64 - below;
                let above = n - below - equal;
                let better = if higher_is_better { above } else { below };
                // the share of the file ranked better, ties counted half: 0 = the best
                let pct = 100.0 * (better + (equal - 1.0) / 2.0) / n;
                out[i].push((pos, format!("{:.1}", pct.clamp(0.0, 100.0))));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::mapping::Mapping;

    #[test]
    fn the_best_rating_is_near_zero_and_ties_share_a_percentile() {
        let mapping = Mapping::parse(
            "[derive]\nrank_pct = { percentile_of = \"Rating\", higher_is_better = true }\n",
            std::path::Path::new("m.toml"),
            ImportKind::Performance,
        )
        .unwrap();
        let headers: Vec<String> = ["employee_id", "year", "grade", "Rating"].map(String::from).to_vec();
        let (layout, problems) = Layout::new(ImportKind::Performance, &headers, &mapping);
        assert!(problems.is_empty(), "{problems:?}");
        let rows = [
            ("E1", "2025", "5"),
            ("E2", "2025", "3"),
            ("E3", "2025", "3"),
            ("E4", "2025", "1"),
            ("E5", "2024", "1"),
            ("E6", "2025", "x"),
        ];
        let records: Vec<(u64, csv::StringRecord)> = rows
            .iter()
            .enumerate()
            .map(|(i, (id, y, r))| (i as u64 + 2, csv::StringRecord::from(vec![*id, *y, "A", *r])))
            .collect();
        let mut problems = Vec::new();
        let out = percentiles(ImportKind::Performance, &layout, &records, &mut problems);
        let pct = |i: usize| out[i].first().map(|(_, v)| v.clone()).unwrap_or_default();
        assert_eq!(pct(0), "0.0");
        assert_eq!(pct(1), "37.5");
        assert_eq!(pct(2), "37.5");
        assert_eq!(pct(3), "75.0");
        assert_eq!(pct(4), "0.0", "alone in its year");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].column, "Rating");
        assert_eq!(problems[0].line, 7);
    }
}
