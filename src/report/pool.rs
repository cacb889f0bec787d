//! The pool readiness report for leadership: Markdown, CSV, JSON or an Excel workbook.

use std::io::Write;

use crate::domain::readiness::{GateKind, Level};
use crate::locale::Lang;
use crate::service::readiness_views::ReadinessReport;

/// The formats `cadre report readiness` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Md,
    Csv,
    Json,
    Xlsx,
}

const GATES: [GateKind; 7] = [
    GateKind::Tenure,
    GateKind::ThreeSixty,
    GateKind::Theory,
    GateKind::CoreCourses,
    GateKind::Reflections,
    GateKind::ImprovementCase,
    GateKind::Points,
];

fn priority_word(lang: Lang, priority: bool) -> &'static str {
    match (priority, lang) {
        (false, _) => "",
        (true, Lang::Zh) => "是",
        (true, Lang::En) => "yes",
    }
}

fn failed(lang: Lang, row: &crate::service::readiness_views::ReadinessRow) -> String {
    row.gates
        .iter()
        .filter(|g| !g.passed)
        .map(|g| format!("{} {}", super::gate_name(lang, g.gate), super::gate_value(lang, g)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// `一年内任用率：3 / 32 = 9.4%（目标 60%）✗`.
fn rate_words(lang: Lang, rate: &crate::domain::forecast::AppointmentRate, target: u8) -> String {
    let value = rate.percent().map_or("—".to_string(), |p| format!("{p:.1}%"));
    let mark = match rate.percent() {
        Some(p) if p >= f64::from(target) => " ✓",
        Some(_) => " ✗",
        None => "",
    };
    let (n, of) = (rate.appointed_in_year, rate.base);
    lang.pick(
        format!("一年内任用率：{n} / {of} = {value}（目标 {target}%）{mark}"),
        format!("Appointed within a year: {n} of {of} = {value} (target {target}%){mark}"),
    )
}

pub fn markdown(report: &ReadinessReport, lang: Lang, out: &mut impl Write) -> std::io::Result<()> {
    let zh = lang == Lang::Zh;
    let title = if zh { "晋升准备度报告" } else { "Promotion readiness" };
    writeln!(out, "# {title}: {} ({})\n", report.pool.name, report.on)?;
    if report.what_if {
        writeln!(out, "> {}\n", if zh { "假设分析: 未保存的政策" } else { "What-if: an unsaved policy" })?;
    }
    let counts: Vec<String> = Level::ALL
        .iter()
        .map(|l| {
            format!("{} {}", super::level(lang, *l), report.rows.iter().filter(|r| r.level == *l).count())
        })
        .collect();
    writeln!(out, "{}: {}\n", if zh { "人数" } else { "Members" }, counts.join(", "))?;
    if let (Some(rate), Some(target)) = (report.appointment_rate, report.appointment_rate_target) {
        writeln!(out, "{}\n", rate_words(lang, &rate, target))?;
    }
    let header = if zh {
        "| 排名 | 工号 | 姓名 | 部门 | 等级 | 综合分 | 优先 | 未通过 | 剩余事项 |"
    } else {
        "| # | ID | Name | Department | Level | Composite | Priority | Failed gates | Still to do |"
    };
    writeln!(out, "{header}\n|---|---|---|---|---|---:|---|---|---|")?;
    for (i, r) in report.rows.iter().enumerate() {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {:.1} | {} | {} | {} |",
            i + 1,
            r.employee_id,
            r.name,
            r.department,
            super::level(lang, r.level),
            r.composite,
            priority_word(lang, r.priority),
            failed(lang, r).replace('|', "/"),
            super::left_summary(lang, &r.todo, r.weeks_left).replace('|', "/"),
        )?;
    }
    Ok(())
}

fn headers() -> Vec<String> {
    let mut h: Vec<String> = [
        "rank",
        "employee_id",
        "name",
        "department",
        "section",
        "level",
        "composite",
        "priority",
        "weeks_left",
        "cadre_component",
        "training_penalty",
        "nine_box_performance",
        "nine_box_potential",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for g in GATES {
        h.push(format!("{}_value", g.code()));
        h.push(format!("{}_passed", g.code()));
    }
    h.push("still_to_do".into());
    h
}

fn cells(lang: Lang, i: usize, r: &crate::service::readiness_views::ReadinessRow) -> Vec<String> {
    let mut c = vec![
        (i + 1).to_string(),
        r.employee_id.to_string(),
        r.name.clone(),
        r.department.clone(),
        r.section.clone(),
        r.level.code().to_string(),
        format!("{:.1}", r.composite),
        r.priority.to_string(),
        r.weeks_left.map(|w| w.to_string()).unwrap_or_default(),
        format!("{:.1}", r.cadre_component.score),
        r.cadre_component.penalty.to_string(),
        r.nine_box.performance.to_string(),
        r.nine_box.potential.to_string(),
    ];
    for kind in GATES {
        let g = r.gates.iter().find(|g| g.gate == kind);
        c.push(g.and_then(|g| g.value).map(|v| format!("{v}")).unwrap_or_default());
        c.push(g.map(|g| g.passed.to_string()).unwrap_or_default());
    }
    c.push(r.todo.iter().map(|t| super::todo(lang, t)).collect::<Vec<_>>().join("; "));
    c
}

pub fn csv(report: &ReadinessReport, lang: Lang, out: &mut impl Write) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(headers())?;
    for (i, r) in report.rows.iter().enumerate() {
        w.write_record(cells(lang, i, r))?;
    }
    w.flush()?;
    Ok(())
}

pub fn json(report: &ReadinessReport, out: &mut impl Write) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)?;
    Ok(())
}

/// An Excel workbook: the ranked list, and one line per member and gate.
pub fn xlsx(
    report: &ReadinessReport,
    lang: Lang,
    extras: Option<&super::sheets::Extras>,
) -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let zh = lang == Lang::Zh;
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    // numbers as the report shows them: one decimal, never f32 widened (90.80000305…)
    let one_decimal = Format::new().set_num_format("0.0");
    let whole = Format::new().set_num_format("0");
    let shown = |x: f32| crate::domain::text::one_decimal(f64::from(x));
    let list = book.add_worksheet();
    list.set_name(if zh { "晋升准备度" } else { "Readiness" })?;
    let titles: Vec<&str> = if zh {
        vec![
            "排名",
            "工号",
            "姓名",
            "部门",
            "科室",
            "等级",
            "综合分",
            "优先",
            "预计周数",
            "后备干部考核分",
            "未通过门槛",
            "剩余事项",
        ]
    } else {
        vec![
            "Rank",
            "ID",
            "Name",
            "Department",
            "Section",
            "Level",
            "Composite",
            "Priority",
            "Weeks left",
            "Cadre component",
            "Failed gates",
            "Still to do",
        ]
    };
    for (c, t) in titles.iter().enumerate() {
        list.write_string_with_format(0, c as u16, *t, &bold)?;
    }
    for (i, r) in report.rows.iter().enumerate() {
        let row = i as u32 + 1;
        // a cell Excel refuses names the person whose row it is
        let whose = |e: rust_xlsxwriter::XlsxError| anyhow::anyhow!("{} ({}): {e}", r.name, r.employee_id);
        (|| -> Result<(), rust_xlsxwriter::XlsxError> {
            list.write_number_with_format(row, 0, (i + 1) as f64, &whole)?;
            list.write_string(row, 1, r.employee_id.as_str())?;
            list.write_string(row, 2, &r.name)?;
            list.write_string(row, 3, &r.department)?;
            list.write_string(row, 4, &r.section)?;
            list.write_string(row, 5, super::level(lang, r.level))?;
            list.write_number_with_format(row, 6, shown(r.composite), &one_decimal)?;
            list.write_string(row, 7, priority_word(lang, r.priority))?;
            if let Some(w) = r.weeks_left {
                list.write_number_with_format(row, 8, f64::from(w), &whole)?;
            }
            list.write_number_with_format(row, 9, shown(r.cadre_component.score), &one_decimal)?;
            list.write_string(row, 10, failed(lang, r))?;
            list.write_string(row, 11, super::left_summary(lang, &r.todo, r.weeks_left))?;
            Ok(())
        })()
        .map_err(whose)?;
    }
    list.set_freeze_panes(1, 0)?;
    for (c, width) in [6, 10, 10, 12, 10, 14, 8, 6, 8, 12, 40, 40].iter().enumerate() {
        list.set_column_width(c as u16, *width)?;
    }
    if let (Some(rate), Some(target)) = (report.appointment_rate, report.appointment_rate_target) {
        let sheet = book.add_worksheet();
        sheet.set_name(if zh { "任用率" } else { "Appointment rate" })?;
        let pct = Format::new().set_num_format("0.0\\%");
        let rows: [(&str, Option<f64>, &Format); 4] = if zh {
            [
                ("一年内任用", Some(f64::from(rate.appointed_in_year)), &whole),
                ("在池（已入池与已任用）", Some(f64::from(rate.base)), &whole),
                ("任用率 %", rate.percent(), &pct),
                ("目标 %", Some(f64::from(target)), &pct),
            ]
        } else {
            [
                ("Appointed within a year", Some(f64::from(rate.appointed_in_year)), &whole),
                ("Admitted and appointed", Some(f64::from(rate.base)), &whole),
                ("Rate %", rate.percent(), &pct),
                ("Target %", Some(f64::from(target)), &pct),
            ]
        };
        for (i, (label, value, format)) in rows.iter().enumerate() {
            sheet.write_string_with_format(i as u32, 0, *label, &bold)?;
            if let Some(v) = value {
                sheet.write_number_with_format(i as u32, 1, *v, format)?;
            }
        }
        sheet.set_column_width(0, 24)?;
    }
    let gates = book.add_worksheet();
    gates.set_name(if zh { "门槛明细" } else { "Gates" })?;
    let titles: [&str; 6] = if zh {
        ["工号", "姓名", "门槛", "数值", "标准", "通过"]
    } else {
        ["ID", "Name", "Gate", "Value", "Threshold", "Passed"]
    };
    for (c, t) in titles.iter().enumerate() {
        gates.write_string_with_format(0, c as u16, *t, &bold)?;
    }
    let mut row = 1u32;
    for r in &report.rows {
        for g in &r.gates {
            gates.write_string(row, 0, r.employee_id.as_str())?;
            gates.write_string(row, 1, &r.name)?;
            gates.write_string(row, 2, super::gate_name(lang, g.gate))?;
            gates.write_string(row, 3, super::gate_value(lang, g))?;
            gates.write_number_with_format(
                row,
                4,
                crate::domain::text::one_decimal(g.threshold),
                &one_decimal,
            )?;
            gates.write_string(row, 5, if g.passed { "✓" } else { "✗" })?;
            row += 1;
        }
    }
    gates.set_freeze_panes(1, 0)?;
    if let Some(extras) = extras {
        super::sheets::write(&mut book, extras, lang)?;
    }
    Ok(book.save_to_buffer()?)
}
