//! Calendar dates as analysts write them: a year, a month of a year, or a day.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A date that may be known only to the year or month (`2017`, `2017-06`,
/// `2017-06-05`). Partial dates sort before full dates of the same period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD")]
pub struct DateError {
    pub text: String,
}

impl Date {
    pub fn ymd(year: i32, month: u8, day: u8) -> Self {
        Self {
            year,
            month: Some(month),
            day: Some(day),
        }
    }
}

impl Date {
    /// The days the date covers, as a half-open range of days since 1970-01-01:
    /// one day, a whole month, or a whole year.
    pub fn day_range(self) -> (i64, i64) {
        match (self.month, self.day) {
            (Some(m), Some(d)) => {
                let day = days_from_civil(self.year, m, d);
                (day, day + 1)
            }
            (Some(m), None) => {
                let first = days_from_civil(self.year, m, 1);
                (first, first + i64::from(days_in_month(self.year, m)))
            }
            _ => (
                days_from_civil(self.year, 1, 1),
                days_from_civil(self.year + 1, 1, 1),
            ),
        }
    }

    /// The full date of a day counted from 1970-01-01.
    pub fn from_day(day: i64) -> Self {
        // Howard Hinnant's civil-from-days, in the proleptic Gregorian calendar.
        let z = day + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "year, month and day of a civil date computed from a day count within the calendar's range"
        )]
        Self::ymd(y as i32, m as u8, d as u8)
    }
}

fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || DateError {
            text: text.to_owned(),
        };
        let mut parts = text.split('-');
        let year_text = parts.next().ok_or_else(error)?;
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(error());
        }
        let year: i32 = year_text.parse().map_err(|_| error())?;
        let mut two_digits = |max: u8| -> Result<Option<u8>, DateError> {
            match parts.next() {
                None => Ok(None),
                Some(p) if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) => {
                    let value: u8 = p.parse().map_err(|_| error())?;
                    if (1..=max).contains(&value) {
                        Ok(Some(value))
                    } else {
                        Err(error())
                    }
                }
                Some(_) => Err(error()),
            }
        };
        let month = two_digits(12)?;
        let day = match month {
            Some(m) => two_digits(days_in_month(year, m))?,
            None => None,
        };
        if parts.next().is_some() {
            return Err(error());
        }
        Ok(Self { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
            if let Some(day) = self.day {
                write!(f, "-{day:02}")?;
            }
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
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip_and_cover_partial_dates() {
        assert_eq!(Date::ymd(1970, 1, 1).day_range(), (0, 1));
        assert_eq!(Date::ymd(2017, 11, 20).day_range().0, 17_490);
        for day in [-1000, 0, 59, 17_490, 18_469, 20_000] {
            assert_eq!(Date::from_day(day).day_range().0, day);
        }
        let june: Date = "2017-06".parse().unwrap();
        let (start, end) = june.day_range();
        assert_eq!(end - start, 30);
        assert_eq!(Date::from_day(start), Date::ymd(2017, 6, 1));
        let leap: Date = "2020".parse().unwrap();
        let (start, end) = leap.day_range();
        assert_eq!(end - start, 366);
    }

    #[test]
    fn parses_full_and_partial_dates() {
        assert_eq!("2017-11-20".parse(), Ok(Date::ymd(2017, 11, 20)));
        let june = "2017-06".parse::<Date>().unwrap();
        assert_eq!((june.month, june.day), (Some(6), None));
        assert_eq!("2020".parse::<Date>().unwrap().to_string(), "2020");
        assert!(june < Date::ymd(2017, 6, 1));
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2017-02-30",
            "2017-13",
            "17-01-01",
            "2017-1-1",
            "",
            "2017-06-05-01",
            "2017-06-05x",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad} accepted");
        }
        assert!("2020-02-29".parse::<Date>().is_ok());
        assert!("2019-02-29".parse::<Date>().is_err());
    }
}
