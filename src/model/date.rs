//! Calendar dates that know how precise they are.
//!
//! News text and curated records rarely agree on precision: a meeting happened
//! "on November 16, 2022", a visit "in September", an agreement "in 2021".
//! [`Date`] keeps exactly what is known — a year, a month or a day — and
//! orders and compares dates on that basis.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How much of a [`Date`] is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// Only the year is known (`2021`).
    Year,
    /// Year and month are known (`2022-09`).
    Month,
    /// The exact day is known (`2022-11-16`).
    Day,
}

impl Precision {
    /// The lowercase name used in exports (`year`, `month`, `day`).
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

/// A date with a precision of a year, a month or a day.
///
/// Dates are written and parsed as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
/// Ordering puts a coarser date before the finer dates it contains
/// (`2022` < `2022-01` < `2022-01-01`), which sorts timelines sensibly.
///
/// ```
/// use newsgraph::model::{Date, Precision};
///
/// let visit: Date = "2022-09".parse().unwrap();
/// assert_eq!(visit.precision(), Precision::Month);
/// assert!(visit.contains("2022-09-14".parse().unwrap()));
/// assert!("2022-02-30".parse::<Date>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

/// Why a date string could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date {text:?}: {reason} (expected YYYY, YYYY-MM or YYYY-MM-DD)")]
pub struct DateError {
    text: String,
    reason: &'static str,
}

impl Date {
    /// A date known to the day. Returns `None` when the day does not exist.
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        (valid_month(month) && day >= 1 && day <= days_in_month(year, month)).then_some(Date {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    /// A date known to the month. Returns `None` for a month outside 1–12.
    pub fn ym(year: i32, month: u8) -> Option<Date> {
        valid_month(month).then_some(Date {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A date known to the year.
    pub fn year_only(year: i32) -> Date {
        Date {
            year,
            month: None,
            day: None,
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month (1–12) when known.
    pub fn month(self) -> Option<u8> {
        self.month
    }

    /// The day of the month when known.
    pub fn day(self) -> Option<u8> {
        self.day
    }

    /// How precise this date is.
    pub fn precision(self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The first day this date covers (`2022-09` → `2022-09-01`).
    pub fn first_day(self) -> Date {
        let month = self.month.unwrap_or(1);
        Date {
            year: self.year,
            month: Some(month),
            day: Some(self.day.unwrap_or(1)),
        }
    }

    /// The last day this date covers (`2022-09` → `2022-09-30`).
    pub fn last_day(self) -> Date {
        let month = self.month.unwrap_or(12);
        Date {
            year: self.year,
            month: Some(month),
            day: Some(self.day.unwrap_or_else(|| days_in_month(self.year, month))),
        }
    }

    /// Whether `other` falls inside the period this date covers.
    pub fn contains(self, other: Date) -> bool {
        self.first_day() <= other.first_day() && other.last_day() <= self.last_day()
    }

    /// Whether the periods covered by the two dates share at least one day.
    pub fn overlaps(self, other: Date) -> bool {
        self.first_day() <= other.last_day() && other.first_day() <= self.last_day()
    }

    /// Days since 1970-01-01 of [`Date::first_day`], for date arithmetic.
    pub fn day_number(self) -> i64 {
        let d = self.first_day();
        days_from_civil(d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
    }

    /// The day-precise date with the given day number (inverse of [`Date::day_number`]).
    pub fn from_day_number(days: i64) -> Date {
        let (year, month, day) = civil_from_days(days);
        Date {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// The day of the week of [`Date::first_day`], 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        (self.day_number() + 3).rem_euclid(7) as u8
    }
}

fn valid_month(month: u8) -> bool {
    (1..=12).contains(&month)
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days.
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Date, DateError> {
        let fail = |reason| DateError {
            text: text.to_string(),
            reason,
        };
        let mut parts = text.split('-');
        let year =
            parse_part(parts.next(), 4).ok_or_else(|| fail("the year must have 4 digits"))?;
        let Some(month) = parts.next() else {
            return Ok(Date::year_only(year as i32));
        };
        let month =
            parse_part(Some(month), 2).ok_or_else(|| fail("the month must have 2 digits"))?;
        let month = u8::try_from(month).map_err(|_| fail("the month must be 01–12"))?;
        let Some(day) = parts.next() else {
            return Date::ym(year as i32, month).ok_or_else(|| fail("the month must be 01–12"));
        };
        let day = parse_part(Some(day), 2).ok_or_else(|| fail("the day must have 2 digits"))?;
        if parts.next().is_some() {
            return Err(fail("too many parts"));
        }
        let day = u8::try_from(day).map_err(|_| fail("no such day in that month"))?;
        if !valid_month(month) {
            return Err(fail("the month must be 01–12"));
        }
        Date::ymd(year as i32, month, day).ok_or_else(|| fail("no such day in that month"))
    }
}

fn parse_part(part: Option<&str>, digits: usize) -> Option<u32> {
    let part = part?;
    (part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()))
        .then(|| part.parse().ok())
        .flatten()
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        let cases = [
            ("2021", Precision::Year),
            ("2022-09", Precision::Month),
            ("2022-11-16", Precision::Day),
            ("2024-02-29", Precision::Day),
        ];
        for (text, precision) in cases {
            let date: Date = text.parse().unwrap();
            assert_eq!(date.precision(), precision, "{text}");
            assert_eq!(date.to_string(), text);
        }
    }

    #[test]
    fn rejects_malformed_dates() {
        for text in [
            "",
            "22",
            "2022-9",
            "2022-13",
            "2022-00",
            "2023-02-29",
            "2022-11-31",
            "2022/11/16",
            "2022-11-16-1",
            "twenty",
        ] {
            assert!(text.parse::<Date>().is_err(), "{text} should fail");
        }
    }

    #[test]
    fn coarse_dates_contain_fine_ones() {
        let month: Date = "2022-09".parse().unwrap();
        assert!(month.contains("2022-09-30".parse().unwrap()));
        assert!(!month.contains("2022-10-01".parse().unwrap()));
        assert!(Date::year_only(2022).contains(month));
        assert!(!month.contains(Date::year_only(2022)));
        assert!(month.overlaps(Date::year_only(2022)));
    }

    #[test]
    fn orders_coarse_before_fine() {
        let mut dates: Vec<Date> = ["2022-01-01", "2022", "2021-12-31", "2022-01"]
            .iter()
            .map(|d| d.parse().unwrap())
            .collect();
        dates.sort();
        let text: Vec<String> = dates.iter().map(Date::to_string).collect();
        assert_eq!(text, ["2021-12-31", "2022", "2022-01", "2022-01-01"]);
    }

    #[test]
    fn day_numbers_round_trip_and_give_weekdays() {
        let date = Date::ymd(2022, 1, 28).unwrap();
        assert_eq!(Date::from_day_number(date.day_number()), date);
        assert_eq!(date.weekday(), 4, "2022-01-28 was a Friday");
        assert_eq!(Date::ymd(2024, 1, 20).unwrap().weekday(), 5, "a Saturday");
        assert_eq!(Date::ymd(1970, 1, 1).unwrap().day_number(), 0);
    }
}
