//! A count as shown: exact, or "<5" when suppressed for shared material.

use super::*;

/// A count as shown: exact, or "<5" when suppressed for shared material.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "number | \"<5\""))]
pub enum Count {
    Exact(u64),
    Suppressed,
}

impl Serialize for Count {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Count::Exact(n) => s.serialize_u64(*n),
            Count::Suppressed => s.serialize_str("<5"),
        }
    }
}

impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Count::Exact(n) => write!(f, "{n}"),
            Count::Suppressed => f.write_str("<5"),
        }
    }
}

/// The suppression rule of one run.
#[derive(Debug, Clone, Copy)]
pub(super) struct Shown {
    pub(super) shared: bool,
}

/// Counts from 1 to 4 could identify residents in shared material.
pub(super) fn small(n: u64) -> bool {
    (1..=4).contains(&n)
}

impl Shown {
    pub(super) fn count(self, n: u64) -> Count {
        if self.shared && small(n) {
            Count::Suppressed
        } else {
            Count::Exact(n)
        }
    }

    /// `num / den`; `None` without a denominator, or in shared material when the numerator, the
    /// denominator or their difference is a suppressed count.
    pub(super) fn share(self, num: u64, den: u64) -> Option<f64> {
        if den == 0 || (self.shared && (small(num) || small(den) || small(den - num.min(den)))) {
            return None;
        }
        Some(num as f64 / den as f64)
    }
}
