//! The vacancy forecast (岗位空缺预测): vacancies expected per quarter from the same quarter
//! of past years, the forecasts on record and known departures; the peak quarter, and the
//! month a department short of ready people must start its plan; the appointment rate.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::org::Rank;
use super::pool::{Member, MemberState};
use super::Date;

/// A calendar quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Quarter {
    pub year: i32,
    /// 1–4.
    pub q: u8,
}

impl Quarter {
    pub fn of(date: Date) -> Quarter {
        Quarter { year: date.year(), q: (date.month0() / 3 + 1) as u8 }
    }

    /// Its first day.
    pub fn start(self) -> Date {
        NaiveDate::from_ymd_opt(self.year, u32::from(self.q - 1) * 3 + 1, 1).expect("a quarter's first day")
    }

    pub fn next(self) -> Quarter {
        if self.q == 4 {
            Quarter { year: self.year + 1, q: 1 }
        } else {
            Quarter { year: self.year, q: self.q + 1 }
        }
    }
}

/// Where an expected vacancy comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// A vacancy filled (the history; those of past quarters are averaged).
    Past,
    /// A vacancy on record still to be filled (forecast or open), in the quarter it opens.
    Recorded,
    /// A holder of the rank known to leave (retirement, exit) on that day.
    Departure,
}

/// One fact the forecast is made of.
#[derive(Debug, Clone)]
pub struct Event {
    pub department: String,
    pub rank: Rank,
    pub on: Date,
    pub seen: Seen,
}

/// One quarter's expectation for a department and rank (or the company).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct QuarterCell {
    pub quarter: Quarter,
    /// Vacancies opened in the same quarter of past years, on average.
    pub history: f32,
    /// Vacancies on record opening in the quarter.
    pub recorded: u32,
    /// Holders of the rank known to leave in the quarter.
    pub departures: u32,
    /// The vacancies expected: for one department and rank the larger of the history and
    /// the record (a forecast on record is usually that history written down) plus the
    /// departures; for the company the departments' sum.
    pub expected: f32,
}

impl QuarterCell {
    fn empty(quarter: Quarter) -> QuarterCell {
        QuarterCell { quarter, history: 0.0, recorded: 0, departures: 0, expected: 0.0 }
    }

    pub fn expected(&self) -> f32 {
        self.expected
    }
}

/// Per department and rank, the `quarters` quarters from the one holding `today`.
pub type ByDepartment = BTreeMap<(String, Rank), Vec<QuarterCell>>;

/// Expected vacancies per department and rank for the next `quarters` quarters.
pub fn forecast(events: &[Event], today: Date, quarters: usize) -> ByDepartment {
    let now = Quarter::of(today);
    let horizon: Vec<Quarter> = std::iter::successors(Some(now), |q| Some(q.next())).take(quarters).collect();
    // how often each quarter of the year has been seen before now, from the first year of
    // history: a quarter with three past years averages over three
    let first_year = events.iter().filter(|e| e.seen == Seen::Past).map(|e| e.on.year()).min();
    let observed = |q: u8| -> f32 {
        let Some(first) = first_year else { return 0.0 };
        (first..=now.year).filter(|y| Quarter { year: *y, q } < now).count() as f32
    };
    let mut past: BTreeMap<(String, Rank, u8), u32> = BTreeMap::new();
    let mut out = ByDepartment::new();
    for e in events {
        let key = (e.department.clone(), e.rank);
        let cells =
            out.entry(key).or_insert_with(|| horizon.iter().map(|q| QuarterCell::empty(*q)).collect());
        let quarter = Quarter::of(e.on);
        match e.seen {
            Seen::Past => {
                if quarter < now {
                    *past.entry((e.department.clone(), e.rank, quarter.q)).or_default() += 1;
                }
            }
            Seen::Recorded | Seen::Departure => {
                // a vacancy still open from an earlier quarter is wanted now
                let quarter = if e.seen == Seen::Recorded { quarter.max(now) } else { quarter };
                if let Some(cell) = cells.iter_mut().find(|c| c.quarter == quarter) {
                    if e.seen == Seen::Recorded {
                        cell.recorded += 1;
                    } else {
                        cell.departures += 1;
                    }
                }
            }
        }
    }
    for ((department, rank, q), n) in past {
        let times = observed(q);
        if times == 0.0 {
            continue;
        }
        if let Some(cells) = out.get_mut(&(department, rank)) {
            for c in cells.iter_mut().filter(|c| c.quarter.q == q) {
                c.history = n as f32 / times;
            }
        }
    }
    for c in out.values_mut().flatten() {
        c.expected = c.history.max(c.recorded as f32) + c.departures as f32;
    }
    out
}

/// The company's quarters: every department's and rank's summed.
pub fn company(by: &ByDepartment, today: Date, quarters: usize) -> Vec<QuarterCell> {
    let now = Quarter::of(today);
    let mut out: Vec<QuarterCell> =
        std::iter::successors(Some(now), |q| Some(q.next())).take(quarters).map(QuarterCell::empty).collect();
    for cells in by.values() {
        for (sum, c) in out.iter_mut().zip(cells) {
            sum.history += c.history;
            sum.recorded += c.recorded;
            sum.departures += c.departures;
            sum.expected += c.expected;
        }
    }
    out
}

/// The quarter with the most vacancies expected (the earliest of equals), if any.
pub fn peak(cells: &[QuarterCell]) -> Option<QuarterCell> {
    cells.iter().copied().filter(|c| c.expected() > 0.0).fold(None, |best, c| match best {
        Some(b) if b.expected() >= c.expected() => Some(b),
        _ => Some(c),
    })
}

/// The first day of the month `lead_months` before the quarter begins: when the
/// training for its vacancies must start.
pub fn start_plan_by(peak: Quarter, lead_months: u8) -> Date {
    peak.start().checked_sub_months(Months::new(u32::from(lead_months))).unwrap_or(peak.start())
}

/// Whole months from `today` until `day` (none left: 0).
pub fn months_until(today: Date, day: Date) -> u32 {
    if day <= today {
        return 0;
    }
    let months = (day.year() - today.year()) * 12 + day.month() as i32 - today.month() as i32;
    let months = if day.day() < today.day() { months - 1 } else { months };
    months.max(0) as u32
}

/// A pool's appointment rate: members appointed within a year of their admission over
/// the admitted and appointed ones (the seed's 60–70 % within the year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AppointmentRate {
    pub appointed_in_year: u32,
    /// Admitted plus appointed members.
    pub base: u32,
}

impl AppointmentRate {
    pub fn of<'a>(members: impl IntoIterator<Item = &'a Member>) -> AppointmentRate {
        let mut rate = AppointmentRate::default();
        for m in members {
            match m.state {
                MemberState::Admitted => rate.base += 1,
                MemberState::Appointed => {
                    rate.base += 1;
                    let when = |to: MemberState| m.history.iter().rev().find(|c| c.to == to).map(|c| c.at);
                    // without an admission on record the appointment counts as in the year
                    let in_year = match (when(MemberState::Admitted), when(MemberState::Appointed)) {
                        (Some(admitted), Some(appointed)) => (appointed - admitted).num_days() <= 365,
                        _ => true,
                    };
                    rate.appointed_in_year += u32::from(in_year);
                }
                _ => {}
            }
        }
        rate
    }

    /// Percent with one decimal; none before anyone is admitted.
    pub fn percent(&self) -> Option<f64> {
        (self.base > 0).then(|| {
            super::text::one_decimal(f64::from(self.appointed_in_year) * 100.0 / f64::from(self.base))
        })
    }
}

/// A department and rank short of ready people, and when its plan must start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanStart {
    pub department: String,
    pub rank: Rank,
    /// Vacancies expected: those on record, or the forecast's sum if larger.
    pub expected: u32,
    pub ready_now: u32,
    /// The quarter with the most vacancies expected, if the forecast sees any.
    pub peak: Option<Quarter>,
    /// The first day of the month training must start (today when already late).
    pub start_by: Date,
    /// Whole months left until then (0: start now).
    pub months_left: u32,
}

/// A pool's appointment rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoolRate {
    pub pool_id: super::pool::PoolId,
    pub name: String,
    pub rate: AppointmentRate,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Date {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn event(department: &str, on: Date, seen: Seen) -> Event {
        Event { department: department.into(), rank: Rank::SectionChief, on, seen }
    }

    #[test]
    fn quarters_and_months() {
        assert_eq!(Quarter::of(day(2026, 11, 20)), Quarter { year: 2026, q: 4 });
        assert_eq!(Quarter { year: 2026, q: 4 }.next(), Quarter { year: 2027, q: 1 });
        assert_eq!(Quarter { year: 2027, q: 3 }.start(), day(2027, 7, 1));
        assert_eq!(start_plan_by(Quarter { year: 2027, q: 3 }, 3), day(2027, 4, 1));
        assert_eq!(start_plan_by(Quarter { year: 2027, q: 1 }, 3), day(2026, 10, 1));
        assert_eq!(months_until(day(2026, 11, 20), day(2027, 4, 1)), 4);
        assert_eq!(months_until(day(2026, 11, 20), day(2027, 4, 20)), 5);
        assert_eq!(months_until(day(2026, 11, 20), day(2026, 10, 1)), 0);
    }

    #[test]
    fn the_same_quarter_of_past_years_is_averaged_and_departures_add() {
        let today = day(2026, 11, 20);
        let events = vec![
            // Q3 of 2024 and 2025: three vacancies, then one; Q1 2025 one
            event("财务部", day(2024, 7, 10), Seen::Past),
            event("财务部", day(2024, 8, 10), Seen::Past),
            event("财务部", day(2024, 9, 1), Seen::Past),
            event("财务部", day(2025, 8, 1), Seen::Past),
            event("财务部", day(2025, 2, 1), Seen::Past),
            // 2026 Q3 had none: Q3 was seen three times (2024, 2025, 2026)
            event("财务部", day(2027, 5, 1), Seen::Departure),
            event("人力资源部", day(2027, 7, 1), Seen::Recorded),
            event("人力资源部", day(2027, 7, 2), Seen::Recorded),
        ];
        let by = forecast(&events, today, 4);
        let fin = &by[&("财务部".to_string(), Rank::SectionChief)];
        let quarters: Vec<(i32, u8)> = fin.iter().map(|c| (c.quarter.year, c.quarter.q)).collect();
        assert_eq!(quarters, vec![(2026, 4), (2027, 1), (2027, 2), (2027, 3)]);
        assert!((fin[3].history - 4.0 / 3.0).abs() < 1e-6, "{:?}", fin[3]);
        // Q1 was seen in 2024, 2025 and 2026
        assert!((fin[1].history - 1.0 / 3.0).abs() < 1e-6);
        assert_eq!(fin[2].departures, 1);
        assert_eq!(peak(fin).unwrap().quarter, Quarter { year: 2027, q: 3 });
        let hr = &by[&("人力资源部".to_string(), Rank::SectionChief)];
        assert_eq!(hr[3].recorded, 2);
        let all = company(&by, today, 4);
        assert!((all[3].expected() - (2.0 + 4.0 / 3.0)).abs() < 1e-5, "{:?}", all[3]);
        assert_eq!(peak(&all).unwrap().quarter.q, 3);
    }

    #[test]
    fn a_forecast_on_record_is_not_counted_twice_with_its_history() {
        let today = day(2026, 11, 20);
        let events = vec![
            event("财务部", day(2025, 7, 1), Seen::Past),
            event("财务部", day(2027, 7, 1), Seen::Recorded),
        ];
        let by = forecast(&events, today, 4);
        let fin = &by[&("财务部".to_string(), Rank::SectionChief)];
        // Q3 seen in 2025 and 2026: history 0.5, one on record
        assert_eq!(fin[3].expected(), 1.0);
        assert_eq!(peak(&[]), None);
    }
}
