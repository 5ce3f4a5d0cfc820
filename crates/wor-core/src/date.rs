//! Calendar dates (`YYYY-MM-DD`) without a clock: the caller always supplies "today".

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A proleptic Gregorian date, written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(as = "String", rename = "IsoDate")
)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1900..=2200).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// 1 (January) to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01; `None` outside the supported years.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        // Far outside 1900-2200; also keeps the arithmetic below from overflowing.
        if days.unsigned_abs() > 1_000_000 {
            return None;
        }
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month, day)
    }

    /// Whole months from `self` to `later` (negative when `later` is earlier), ignoring days.
    pub fn months_until(self, later: Date) -> i32 {
        (later.year - self.year) * 12 + i32::from(later.month) - i32::from(self.month)
    }

    /// Day of the week, 0 = Monday.
    pub fn weekday_index(self) -> u8 {
        // 1970-01-01 was a Thursday (index 3).
        ((self.days_since_epoch() + 3).rem_euclid(7)) as u8
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

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a valid date (expected YYYY-MM-DD)")]
pub struct BadDate(pub String);

impl FromStr for Date {
    type Err = BadDate;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadDate(s.to_string());
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| -> Result<u32, BadDate> {
            let part = &s[r];
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        Date::new(y as i32, m as u8, d as u8).ok_or_else(bad)
    }
}

impl Date {
    /// A date as a spreadsheet cell holds it: ISO `YYYY-MM-DD`, or Dutch `dd-mm-jjjj` / `d-m-jjjj`
    /// (what Dutch Excel writes for a date cell in CSV). `None` when it is neither, or no such day.
    pub fn parse_spreadsheet(s: &str) -> Option<Date> {
        let s = s.trim();
        if let Ok(d) = s.parse() {
            return Some(d);
        }
        let mut parts = s.split('-');
        let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
        let digits = |p: &str, len: std::ops::RangeInclusive<usize>| {
            (len.contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit()))
                .then(|| p.parse::<u32>().ok())
                .flatten()
        };
        if parts.next().is_some() {
            return None;
        }
        let (d, m, y) = (digits(d, 1..=2)?, digits(m, 1..=2)?, digits(y, 4..=4)?);
        Date::new(y as i32, m as u8, d as u8)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_dates_are_iso_or_dutch() {
        let d = |s: &str| Date::parse_spreadsheet(s).map(|d| d.to_string());
        assert_eq!(d("2026-11-23").as_deref(), Some("2026-11-23"));
        assert_eq!(d("23-11-2026").as_deref(), Some("2026-11-23"));
        assert_eq!(d(" 3-1-2026 ").as_deref(), Some("2026-01-03"));
        for bad in [
            "31-02-2026",
            "23-11-26",
            "123-1-2026",
            "23/11/2026",
            "1-1-2026-1",
            "a-1-2026",
            "",
        ] {
            assert_eq!(d(bad), None, "{bad}");
        }
    }

    #[test]
    fn parses_and_rejects() {
        assert_eq!(
            "2026-02-28".parse::<Date>().unwrap().to_string(),
            "2026-02-28"
        );
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "26-01-01",
            "2026/01/01",
            "2026-1-1",
            "+026-01-01",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        assert!("2024-02-29".parse::<Date>().is_ok());
    }

    #[test]
    fn epoch_days_round_trip() {
        for days in [-25_000, -1, 0, 1, 20_000, 20_415, 60_000] {
            let d = Date::from_days_since_epoch(days).unwrap();
            assert_eq!(d.days_since_epoch(), days);
        }
        for days in [i64::MIN, -1_000_001, -30_000, 90_000, i64::MAX] {
            assert_eq!(Date::from_days_since_epoch(days), None, "{days}");
        }
        assert_eq!("1970-01-01".parse::<Date>().unwrap().days_since_epoch(), 0);
        // 2026-11-23 is a Monday.
        assert_eq!("2026-11-23".parse::<Date>().unwrap().weekday_index(), 0);
    }

    #[test]
    fn months_between() {
        let a: Date = "2025-06-30".parse().unwrap();
        let b: Date = "2026-07-01".parse().unwrap();
        assert_eq!(a.months_until(b), 13);
    }
}
