//! The readiness workbook's leadership sheets: the headline rates by month, bench strength
//! per department and rank, and the department gaps with their courses — numbers written
//! as numbers with the precision shown, headers frozen.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::locale::Lang;
use crate::service::vacancy_types::{BenchRow, GapRow, Rates};

/// What the workbook adds after the ranked list.
pub struct Extras {
    pub rates: Option<Rates>,
    pub bench: Vec<BenchRow>,
    pub gaps: Vec<GapRow>,
}

fn header(sheet: &mut rust_xlsxwriter::Worksheet, titles: &[&str], bold: &Format) -> Result<(), XlsxError> {
    for (c, t) in titles.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *t, bold)?;
        sheet.set_column_width(c as u16, 14)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

pub fn write(book: &mut Workbook, extras: &Extras, lang: Lang) -> Result<(), XlsxError> {
    let zh = lang == Lang::Zh;
    let bold = Format::new().set_bold();
    let one = Format::new().set_num_format("0.0");
    let whole = Format::new().set_num_format("0");
    if let Some(r) = &extras.rates {
        let sheet = book.add_worksheet();
        sheet.set_name(if zh { "月度指标" } else { "Rates" })?;
        let titles: [&str; 7] = if zh {
            ["月份", "在池", "培训覆盖率%", "心得提交率%", "参与度%", "任用率%", "平均积分"]
        } else {
            ["Month", "Live", "Coverage %", "Reflections %", "Engagement %", "Appointed %", "Avg points"]
        };
        header(sheet, &titles, &bold)?;
        for (i, m) in r.months.iter().enumerate() {
            let row = i as u32 + 1;
            sheet.write_string(row, 0, &m.month)?;
            sheet.write_number_with_format(row, 1, f64::from(m.live), &whole)?;
            for (c, v) in [
                m.training_coverage,
                m.reflection_submission,
                m.engagement,
                m.appointment_rate,
                m.average_points,
            ]
            .iter()
            .enumerate()
            {
                if let Some(v) = v {
                    sheet.write_number_with_format(row, c as u16 + 2, *v, &one)?;
                }
            }
        }
        let row = r.months.len() as u32 + 2;
        sheet.write_string_with_format(row, 0, if zh { "目标" } else { "Target" }, &bold)?;
        for (c, t) in [
            (2, r.training_coverage_target),
            (3, r.reflection_submission_target),
            (5, r.appointment_rate_target),
        ] {
            sheet.write_number_with_format(row, c, f64::from(t), &whole)?;
        }
    }
    let sheet = book.add_worksheet();
    sheet.set_name(if zh { "储备强度" } else { "Bench" })?;
    let titles: [&str; 8] = if zh {
        ["部门", "职级", "预计空缺", "可立即任用", "1-2年", "培养中", "储备不足", "还有月数"]
    } else {
        ["Department", "Rank", "Expected", "Ready now", "1-2 yrs", "Developing", "Short", "Months left"]
    };
    header(sheet, &titles, &bold)?;
    for (i, b) in extras.bench.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &b.department)?;
        sheet.write_string(row, 1, crate::locale::labels::rank(lang, b.rank))?;
        for (c, v) in [b.expected_vacancies, b.ready_now, b.ready_1_2, b.developing].iter().enumerate() {
            sheet.write_number_with_format(row, c as u16 + 2, f64::from(*v), &whole)?;
        }
        sheet.write_string(
            row,
            6,
            if b.short {
                if zh {
                    "是"
                } else {
                    "yes"
                }
            } else {
                ""
            },
        )?;
        if let (true, Some(m)) = (b.short, b.months_left) {
            sheet.write_number_with_format(row, 7, f64::from(m), &whole)?;
        }
    }
    let sheet = book.add_worksheet();
    sheet.set_name(if zh { "部门短板" } else { "Gaps" })?;
    let titles: [&str; 7] = if zh {
        ["部门", "维度", "部门均分", "全公司均分", "差距", "样本数", "推荐课程"]
    } else {
        ["Department", "Dimension", "Department avg", "Company avg", "Gap", "n", "Recommended courses"]
    };
    header(sheet, &titles, &bold)?;
    for (i, g) in extras.gaps.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &g.department)?;
        sheet.write_string(row, 1, crate::locale::insight::dimension(lang, &g.dimension))?;
        sheet.write_number_with_format(row, 2, g.department_avg, &one)?;
        sheet.write_number_with_format(row, 3, g.company_avg, &one)?;
        sheet.write_number_with_format(row, 4, g.gap, &one)?;
        sheet.write_number_with_format(row, 5, f64::from(g.n), &whole)?;
        sheet.write_string(row, 6, g.recommended_courses.join(" "))?;
    }
    Ok(())
}
