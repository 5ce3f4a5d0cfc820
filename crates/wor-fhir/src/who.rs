//! Who contacts the resident, and by when: the welzijnsrecept and the Task state both.
//!
//! The date is the plan's promise (§4.1: the social worker contacts the resident within two weeks; the
//! policy's `contact_within_days`). Who that is comes from the route the triage chose for the region
//! (`pathways`). The plan names roles, not organisations: the role names below are an assumption and
//! say so (`assumption: true`).

use crate::facts::TriageFacts;
use wor_core::{geo, Date, Referral};

/// Who calls the resident, by when, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "WhoCalls"))]
pub struct Contact {
    pub who_nl: String,
    pub who_en: String,
    /// The last day of the promise (`date` + `contact_within_days`).
    pub due: Date,
    pub sentence_nl: String,
    pub sentence_en: String,
    /// The role is named by this crate, not by the plan.
    pub assumption: bool,
}

/// The referral date plus the promised number of days.
pub fn due_date(date: Date, days: u32) -> Date {
    Date::from_days_since_epoch(date.days_since_epoch() + i64::from(days)).unwrap_or(date)
}

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "14 december 2026".
pub fn date_nl(d: Date) -> String {
    format!(
        "{} {} {}",
        d.day(),
        MONTHS_NL[usize::from(d.month() - 1)],
        d.year()
    )
}

/// "14 December 2026".
pub fn date_en(d: Date) -> String {
    format!(
        "{} {} {}",
        d.day(),
        MONTHS_EN[usize::from(d.month() - 1)],
        d.year()
    )
}

/// Who contacts the resident for this triage's regional route.
pub fn who_calls(r: &Referral, t: &TriageFacts, date: Date, days: u32) -> Contact {
    let town = r
        .pc4()
        .and_then(geo::pc4)
        .map(|a| a.municipality)
        .or_else(|| r.municipality.as_deref().and_then(geo::municipality))
        .map(|m| m.name);
    let has = |id: &str| t.has_pathway(id);
    let (who_nl, who_en) = if has("po_sociaal") {
        (
            "de PO-sociaal van de huisartsenpraktijk".to_string(),
            "the practice's PO-sociaal (social worker in the GP practice)".to_string(),
        )
    } else if has("zorgdomein_vip_live_welzijnscoach") {
        match town {
            Some(t) => (
                format!("de welzijnscoach van {t}"),
                format!("the welfare coach of {t}"),
            ),
            None => (
                "de welzijnscoach van de gemeente".into(),
                "the municipality's welfare coach".into(),
            ),
        }
    } else if has("zorgdomein_welzijn_op_recept") {
        (
            "de sociaal werker van Welzijn op Recept Amstelland".into(),
            "the Welzijn op Recept social worker of Amstelland".into(),
        )
    } else if has("social_worker_direct") {
        (
            "de sociaal werker in Haarlemmermeer".into(),
            "the social worker in Haarlemmermeer".into(),
        )
    } else {
        (
            "de welzijnsorganisatie van de gemeente".into(),
            "the municipality's welfare organisation".into(),
        )
    };
    let due = due_date(date, days);
    Contact {
        sentence_nl: format!(
            "Uiterlijk {} neemt {} contact op met de inwoner (binnen {} dagen na de verwijzing).",
            date_nl(due),
            who_nl,
            days
        ),
        sentence_en: format!(
            "By {} {} contacts the resident (within {} days of the referral).",
            date_en(due),
            who_en,
            days
        ),
        who_nl,
        who_en,
        due,
        assumption: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_date_crosses_months_and_years() {
        let d: Date = "2026-12-20".parse().unwrap();
        assert_eq!(due_date(d, 14).to_string(), "2027-01-03");
        assert_eq!(date_nl(due_date(d, 14)), "3 januari 2027");
    }
}
