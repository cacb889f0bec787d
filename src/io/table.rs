//! A list as a person saw it on screen, written to CSV or xlsx (by the file's extension):
//! numbers stay numbers in Excel, text stays text; the file is private and whole or absent.

use std::io::Write;
use std::path::Path;

use super::private_file::{write_private, FileError};

/// One cell of an exported list.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A number and the decimals it is shown with.
    Number(f64, u8),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    pub fn int(n: impl Into<i64>) -> Cell {
        Cell::Number(n.into() as f64, 0)
    }

    pub fn shown(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(n, d) => format!("{n:.*}", usize::from(*d)),
        }
    }
}

/// The formats a list is written in, from the path's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    Csv,
    Xlsx,
}

impl TableFormat {
    /// `None` for an extension that is neither `.csv` nor `.xlsx`.
    pub fn of(path: &Path) -> Option<TableFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" => Some(TableFormat::Csv),
            "xlsx" => Some(TableFormat::Xlsx),
            _ => None,
        }
    }
}

/// Writes `headings` and `rows` to `path` (CSV or xlsx by extension); returns the rows.
pub fn write_table(
    path: &Path,
    sheet: &str,
    headings: &[String],
    rows: &[Vec<Cell>],
) -> Result<u64, FileError> {
    let format = TableFormat::of(path).ok_or_else(|| {
        FileError::Content(anyhow::anyhow!("{}: the name ends in .csv or .xlsx", path.display()))
    })?;
    write_private(path, |out| {
        match format {
            TableFormat::Csv => {
                let mut w = csv::Writer::from_writer(&mut *out);
                w.write_record(headings)?;
                for r in rows {
                    w.write_record(r.iter().map(Cell::shown))?;
                }
                w.flush()?;
            }
            TableFormat::Xlsx => out.write_all(&xlsx(sheet, headings, rows)?)?,
        }
        Ok(rows.len() as u64)
    })
}

fn xlsx(sheet: &str, headings: &[String], rows: &[Vec<Cell>]) -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let formats: Vec<Format> = (0..=4).map(|d| Format::new().set_num_format(decimals(d))).collect();
    let page = book.add_worksheet();
    // a sheet name is at most 31 characters and has none of []:*?/\
    let name: String = sheet.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
    page.set_name(if name.is_empty() { "cadre" } else { &name })?;
    for (c, h) in headings.iter().enumerate() {
        page.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (i, r) in rows.iter().enumerate() {
        for (c, cell) in r.iter().enumerate() {
            let (row, col) = (i as u32 + 1, c as u16);
            match cell {
                Cell::Text(s) => page.write_string(row, col, s)?,
                Cell::Number(n, d) => {
                    page.write_number_with_format(row, col, *n, &formats[usize::from(*d).min(4)])?
                }
            };
        }
    }
    Ok(book.save_to_buffer()?)
}

fn decimals(d: u8) -> &'static str {
    match d {
        0 => "0",
        1 => "0.0",
        2 => "0.00",
        3 => "0.000",
        _ => "0.0000",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_list_goes_to_csv_or_xlsx_by_extension_and_stays_private() {
        let dir = tempfile::tempdir().unwrap();
        let headings = vec!["姓名".to_string(), "积分".to_string()];
        let rows = vec![vec![Cell::text("张伟"), Cell::Number(12.5, 1)]];
        let csv_path = dir.path().join("pool.csv");
        assert_eq!(write_table(&csv_path, "pool", &headings, &rows).unwrap(), 1);
        assert_eq!(std::fs::read_to_string(&csv_path).unwrap(), "姓名,积分\n张伟,12.5\n");
        assert_eq!(std::fs::metadata(&csv_path).unwrap().permissions().mode() & 0o777, 0o600);
        let xlsx_path = dir.path().join("pool.xlsx");
        write_table(&xlsx_path, "人才池", &headings, &rows).unwrap();
        assert!(std::fs::read(&xlsx_path).unwrap().starts_with(b"PK"));
        let err = write_table(&dir.path().join("pool.txt"), "pool", &headings, &rows).unwrap_err();
        assert!(err.to_string().contains(".csv or .xlsx"));
    }
}
