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
