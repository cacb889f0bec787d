//! `cadre insight rates`: a pool's headline rates month by month, as a table with a
//! sparkline per rate against its target, or JSON for scripts.

use std::io::Write;

use chrono::Datelike;

use super::out::Out;
use crate::domain::Date;
use crate::locale::{rates as say, Lang};
use crate::service::rates::MonthRates;
use crate::service::Service;

/// `▁▃▅▇█` of the values (none: a space), scaled 0–100 (average points to the span's largest).
fn sparkline(values: &[Option<f64>], top: f64) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .iter()
        .map(|v| match v {
            Some(v) if top > 0.0 => BARS[((v / top).clamp(0.0, 1.0) * 7.0).round() as usize],
            Some(_) => BARS[0],
            None => ' ',
        })
        .collect()
}

fn cell(v: Option<f64>, unit: &str) -> String {
    v.map_or("-".to_string(), |v| format!("{v:.1}{unit}"))
}

pub fn print(
    service: &Service,
    lang: Lang,
    pool: u32,
    (from, to): (Option<Date>, Date),
    json: bool,
    out: &mut Out,
) -> anyhow::Result<()> {
    let p =
        service.pools()?.into_iter().find(|p| p.id == pool).ok_or_else(|| anyhow::anyhow!("pool {pool}"))?;
    let from = from.unwrap_or_else(|| {
        chrono::NaiveDate::from_ymd_opt(i32::from(p.year), 1, 1)
            .unwrap_or_else(|| to.with_day(1).unwrap_or(to))
    });
    let rates = service.rates(pool, from, to)?;
    if json {
        serde_json::to_writer(&mut *out, &rates)?;
        writeln!(out)?;
        return Ok(());
    }
    out.line(say::heading(
        lang,
        &p.name,
        [rates.training_coverage_target, rates.reflection_submission_target, rates.appointment_rate_target],
    ))?;
    out.line(say::columns(lang))?;
    for m in &rates.months {
        out.line(format!(
            "{:<8} {:>5} {:>10} {:>10} {:>8} {:>8} {:>8}",
            m.month,
            m.live,
            cell(m.training_coverage, "%"),
            cell(m.reflection_submission, "%"),
            cell(m.engagement, "%"),
            cell(m.appointment_rate, "%"),
            cell(m.average_points, ""),
        ))?;
    }
    let series = |f: fn(&MonthRates) -> Option<f64>| rates.months.iter().map(f).collect::<Vec<_>>();
    let points = series(|m| m.average_points);
    let top_points = points.iter().flatten().fold(0.0f64, |a, b| a.max(*b));
    let lines = [
        (
            say::name(lang, 0),
            sparkline(&series(|m| m.training_coverage), 100.0),
            Some(rates.training_coverage_target),
        ),
        (
            say::name(lang, 1),
            sparkline(&series(|m| m.reflection_submission), 100.0),
            Some(rates.reflection_submission_target),
        ),
        (say::name(lang, 2), sparkline(&series(|m| m.engagement), 100.0), None),
        (
            say::name(lang, 3),
            sparkline(&series(|m| m.appointment_rate), 100.0),
            Some(rates.appointment_rate_target),
        ),
        (say::name(lang, 4), sparkline(&points, top_points), None),
    ];
    for (name, spark, target) in lines {
        out.line(say::sparkline_line(lang, name, &spark, target))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines_scale_to_the_top_and_leave_gaps() {
        assert_eq!(sparkline(&[Some(0.0), Some(50.0), Some(100.0), None], 100.0), "▁▅█ ");
        assert_eq!(sparkline(&[Some(3.0)], 0.0), "▁");
    }
}
