//! The values both directions translate: kinds, entry ids, clock times, weekdays, languages.

use super::*;
use wor_core::language;

pub(super) fn parse_kind(code: &str) -> Option<ActivityKind> {
    match code.trim().to_ascii_lowercase().as_str() {
        "activity" => Some(ActivityKind::Activity),
        "service" => Some(ActivityKind::Service),
        "provision" => Some(ActivityKind::Provision),
        _ => None,
    }
}

pub(super) fn kind_id(kind: ActivityKind) -> &'static str {
    match kind {
        ActivityKind::Activity => "activity",
        ActivityKind::Service => "service",
        ActivityKind::Provision => "provision",
    }
}

pub(super) fn is_entry_id(id: &str) -> bool {
    (1..=100).contains(&id.len())
        && id.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        })
}

/// A valid entry id from an arbitrary HSDS id: lowercase, other characters -> '-', at most 100.
pub(super) fn entry_id_from(id: &str) -> String {
    let mut out = String::new();
    for c in id.trim().chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.') {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 100 {
            break;
        }
    }
    out
}

/// `10:00`, `10:00:00`, `9:30`, `10:00Z`, `10:00+01:00` -> `HH:MM`.
pub(super) fn clock(s: &str) -> Option<String> {
    let s = s.trim();
    let (h, rest) = s.split_once(':')?;
    let m = rest.get(..2)?;
    let h: u16 = h.parse().ok()?;
    let m: u16 = m.parse().ok()?;
    let text = format!("{h:02}:{m:02}");
    parse_hhmm(&text).map(format_hhmm)
}

pub(super) const DAYS: [(&str, &str); 7] = [
    ("MO", "mon"),
    ("TU", "tue"),
    ("WE", "wed"),
    ("TH", "thu"),
    ("FR", "fri"),
    ("SA", "sat"),
    ("SU", "sun"),
];

pub(super) fn weekday(ical: &str) -> Option<&'static str> {
    DAYS.iter()
        .find(|(i, _)| i.eq_ignore_ascii_case(ical))
        .map(|(_, d)| *d)
}

pub(super) fn ical_day(day: &str) -> &'static str {
    DAYS.iter().find(|(_, d)| *d == day).map_or("", |(i, _)| i)
}

/// ISO 639-1 code, 639-2 code, or English / Dutch name -> (ISO 639-1 code, Dutch name).
pub(super) fn language_code(s: &str) -> Option<&'static str> {
    if let Some(l) = language::find(s) {
        return Some(l.code);
    }
    let s = s.trim().to_lowercase();
    // Any other two-letter code is taken as ISO 639-1 (leaked as a static str via a lookup table).
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_lowercase()))
        .then(|| two_letter(&s))
        .flatten()
}

/// Interned two-letter codes without allocation: all 676 combinations as one static string.
pub(super) fn two_letter(code: &str) -> Option<&'static str> {
    static ALL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let all = ALL.get_or_init(|| {
        let mut s = String::with_capacity(26 * 26 * 2);
        for a in b'a'..=b'z' {
            for b in b'a'..=b'z' {
                s.push(a as char);
                s.push(b as char);
            }
        }
        s
    });
    let b = code.as_bytes();
    let i = (usize::from(b[0] - b'a') * 26 + usize::from(b[1] - b'a')) * 2;
    all.get(i..i + 2)
}

pub(super) fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}
