//! A case as it stood on the reference date: what the file records after that date had not happened
//! yet, so monitoring at a past date reports what a project lead could have known then.

use super::*;
use std::borrow::Cow;

/// Whether three calendar months have passed from `start` by `date` (1 March -> 1 June).
pub(super) fn three_months_passed(start: Date, date: Date) -> bool {
    let months = start.months_until(date);
    months > 3 || (months == 3 && date.day() >= start.day())
}

/// `c` as known on `date`: a first contact or attendance after the date is not there yet; a referral
/// is taken into care only once contact was made by the date (when the file dates it); the three-month
/// outcome is known only when three months from the first attendance (else from the referral) have
/// passed. A case with anything still to happen on the date is open then, so its outcome is not
/// counted yet.
pub(super) fn as_of(case: &HistoricCase, date: Date) -> Cow<'_, HistoricCase> {
    let after = |d: Option<Date>| d.is_some_and(|d| d > date);
    let start = case.dates.first_attendance.unwrap_or(case.dates.referred);
    let unknown_3m = case.outcome.arrived && !three_months_passed(start, date);
    if !after(case.dates.first_contact) && !after(case.dates.first_attendance) && !unknown_3m {
        return Cow::Borrowed(case);
    }
    let mut c = case.clone();
    let mut pending = false;
    if c.dates.first_contact.is_some_and(|d| d > date) {
        c.dates.first_contact = None;
        c.outcome.taken_into_care = false;
        pending = true;
    }
    if c.dates.first_attendance.is_some_and(|d| d > date) {
        c.dates.first_attendance = None;
        c.outcome.arrived = false;
        pending = true;
    }
    let start = c.dates.first_attendance.unwrap_or(c.dates.referred);
    if c.outcome.arrived && !three_months_passed(start, date) {
        c.outcome.still_attending_3m = false;
        pending = true;
    }
    if pending {
        c.status = CaseStatus::Open;
    }
    Cow::Owned(c)
}
