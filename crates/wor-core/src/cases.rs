//! The historic-case format (`wor-historic-case/1`, one JSON object per line).
//!
//! A case records what happened to one referral: the referral itself (the normal referral contract), the
//! map version the social worker used, what was offered and chosen, the dates and number of conversations,
//! and the outcome. Synthetic cases (see `wor_eval::synth`) also carry `judgements`: the outcome the
//! resident *would* have had with each of the most plausible activities of the region, so that any
//! ranking can be scored. Real cases usually have only `chosen` and its outcome.
//!
//! ```json
//! {"referral": {"id": "hc000001", "age": 71, "consent": true, "municipality": "Leiden", ...},
//!  "map": {"region": "zuid-holland-noord", "version": "2026.1.0"},
//!  "offered": ["zhn-wandelgroep-merenwijk", "zhn-huiskamer-zuidwest"],
//!  "chosen": "zhn-wandelgroep-merenwijk",
//!  "dates": {"referred": "2026-02-03", "first_contact": "2026-02-10", "first_attendance": "2026-02-24"},
//!  "conversations": 2,
//!  "outcome": {"arrived": true, "taken_into_care": true, "still_attending_3m": true,
//!              "positive_health_before": {"meedoen": 3, ...}, "positive_health_after": {"meedoen": 6, ...}},
//!  "triage_label": "wor",
//!  "judgements": {"zhn-wandelgroep-merenwijk": 2, "zhn-huiskamer-zuidwest": 1, "zhn-taalhuis-leiden": 0}}
//! ```
//!
//! Gains: 2 = still attending after three months, 1 = arrived (but stopped), 0 = did not arrive.
//! `taken_into_care` is the plan's KPI "successful referral": the referral arrived at the social domain
//! and the social worker took it on (it says nothing about the activity).

use crate::date::Date;
use crate::error::{Code, FieldError, FieldErrors};
use crate::json::{from_json_tracking, parse_record, Parsed, Strictness};
use crate::referral::{out_of_range, PositiveHealth, Referral};
use crate::triage::Route;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Highest plausible number of conversations with the social worker.
pub const MAX_CONVERSATIONS: u32 = 50;

/// One historic case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoricCase {
    pub referral: Referral,
    /// The map version the social worker worked with.
    pub map: MapRef,
    /// Activity ids offered to the resident, in the order offered.
    #[serde(default)]
    pub offered: Vec<String>,
    /// The activity the resident chose, if any.
    #[serde(default)]
    pub chosen: Option<String>,
    pub dates: CaseDates,
    /// Conversations with the social worker (the plan: one to four); 0 when the resident was not reached.
    #[serde(default)]
    pub conversations: u32,
    /// `closed` (the default) or `open`: an open case may lack its outcome; monitoring counts it as
    /// open, and it is never used for learning or outcome metrics.
    #[serde(default, skip_serializing_if = "CaseStatus::is_closed")]
    pub status: CaseStatus,
    /// Required for closed cases; an open case without one gets [`CaseOutcome::absent`].
    #[serde(
        default = "CaseOutcome::absent",
        skip_serializing_if = "CaseOutcome::is_absent"
    )]
    pub outcome: CaseOutcome,
    /// The route a professional judged right afterwards (for triage accuracy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub triage_label: Option<Route>,
    /// Activity id -> gain (0, 1, 2) the resident would have had; synthetic data only.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub judgements: BTreeMap<String, u8>,
}

/// Whether the case is finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Open,
    #[default]
    Closed,
}

impl CaseStatus {
    pub fn is_closed(&self) -> bool {
        *self == CaseStatus::Closed
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapRef {
    pub region: String,
    pub version: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDates {
    pub referred: Date,
    /// First contact by the social worker (the plan promises within two weeks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_contact: Option<Date>,
    /// First attendance of the chosen activity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_attendance: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct CaseOutcome {
    /// The resident arrived at the chosen activity.
    pub arrived: bool,
    /// KPI "successful referral": arrived at the social domain and taken into care.
    pub taken_into_care: bool,
    /// Still taking part three months later.
    pub still_attending_3m: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub positive_health_before: Option<PositiveHealth>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub positive_health_after: Option<PositiveHealth>,
    /// The case had no `outcome` (allowed for open cases only); never set by the JSON itself.
    #[serde(skip)]
    pub absent: bool,
}

impl CaseOutcome {
    /// The outcome of a case that has none yet (all false).
    pub fn absent() -> CaseOutcome {
        CaseOutcome {
            absent: true,
            ..CaseOutcome::default()
        }
    }

    pub fn is_absent(&self) -> bool {
        self.absent
    }

    /// 2 still attending after three months, 1 arrived, 0 otherwise.
    pub fn gain(&self) -> u8 {
        if self.still_attending_3m {
            2
        } else {
            u8::from(self.arrived)
        }
    }

    /// At least one Positive Health dimension scored in both measurements improved (the plan's outcome).
    pub fn health_improved(&self) -> Option<bool> {
        let (before, after) = (self.positive_health_before?, self.positive_health_after?);
        let after: BTreeMap<&str, f64> = after.dimensions().collect();
        let mut any_pair = false;
        let mut improved = false;
        for (dim, b) in before.dimensions() {
            if let Some(a) = after.get(dim) {
                any_pair = true;
                improved |= *a > b;
            }
        }
        any_pair.then_some(improved)
    }
}

impl HistoricCase {
    /// Parses and validates one case; errors name the field (`referral.age`, `dates.first_contact`).
    pub fn from_json(json: &str, mode: Strictness) -> Result<Parsed<HistoricCase>, FieldErrors> {
        parse_record(json, mode, from_json_tracking, HistoricCase::validate)
    }

    /// Checks the rules beyond the JSON shape, collecting all problems.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors: FieldErrors = match self.referral.validate() {
            Ok(()) => Vec::new(),
            Err(e) => e.into_iter().map(|e| e.within("referral")).collect(),
        };
        let d = &self.dates;
        for (name, date) in [
            ("first_contact", d.first_contact),
            ("first_attendance", d.first_attendance),
        ] {
            if let Some(date) = date.filter(|x| *x < d.referred) {
                errors.push(
                    FieldError::new(
                        format!("dates.{name}"),
                        Code::OutOfRange,
                        format!("{date} is before the referral date {}", d.referred),
                    )
                    .with("min", d.referred.to_string())
                    .with("got", date.to_string()),
                );
            }
        }
        if self.conversations > MAX_CONVERSATIONS {
            errors.push(out_of_range(
                "conversations",
                format!(
                    "must be between 0 and {MAX_CONVERSATIONS}, got {}",
                    self.conversations
                ),
                0,
                MAX_CONVERSATIONS,
                self.conversations,
            ));
        }
        let o = &self.outcome;
        if o.absent && self.status.is_closed() {
            errors.push(
                FieldError::new(
                    "outcome",
                    Code::Missing,
                    "missing: a closed case (the default status) needs its outcome; mark unfinished cases \"status\": \"open\"",
                )
                .with("name", "outcome"),
            );
        }
        if o.still_attending_3m && !o.arrived {
            errors.push(
                FieldError::new(
                    "outcome.still_attending_3m",
                    Code::Inconsistent,
                    "true requires outcome.arrived to be true",
                )
                .with("other", "outcome.arrived"),
            );
        }
        if o.arrived && self.chosen.is_none() {
            errors.push(
                FieldError::new(
                    "outcome.arrived",
                    Code::Inconsistent,
                    "true requires a chosen activity (chosen)",
                )
                .with("other", "chosen"),
            );
        }
        for (name, ph) in [
            ("positive_health_before", o.positive_health_before),
            ("positive_health_after", o.positive_health_after),
        ] {
            for (dim, v) in ph.iter().flat_map(|p| p.dimensions()) {
                if !(0.0..=10.0).contains(&v) {
                    errors.push(out_of_range(
                        format!("outcome.{name}.{dim}"),
                        format!("must be between 0 and 10, got {v}"),
                        0,
                        10,
                        v,
                    ));
                }
            }
        }
        for (id, gain) in &self.judgements {
            if *gain > 2 {
                errors.push(out_of_range(
                    format!("judgements.{id}"),
                    format!("gain must be 0, 1 or 2, got {gain}"),
                    0,
                    2,
                    *gain,
                ));
            }
        }
        if let Some(chosen) = &self.chosen {
            if chosen.trim().is_empty() {
                errors.push(FieldError::new("chosen", Code::Empty, "must not be empty"));
            }
            if let Some(g) = self.judgements.get(chosen).filter(|g| **g != o.gain()) {
                errors.push(
                    FieldError::new(
                        format!("judgements.{chosen}"),
                        Code::Inconsistent,
                        format!(
                            "gain {g} disagrees with the outcome of the chosen activity (gain {})",
                            o.gain()
                        ),
                    )
                    .with("other", "outcome"),
                );
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The relevance judgements of this case: `judgements` plus the chosen activity's actual outcome.
    /// Open cases have none: their outcome is not known yet.
    pub fn qrels(&self) -> BTreeMap<String, u32> {
        if !self.status.is_closed() {
            return BTreeMap::new();
        }
        let mut q: BTreeMap<String, u32> = self
            .judgements
            .iter()
            .map(|(id, g)| (id.clone(), u32::from(*g)))
            .collect();
        if let Some(chosen) = &self.chosen {
            q.insert(chosen.clone(), u32::from(self.outcome.gain()));
        }
        q
    }

    /// Days from referral to first contact.
    pub fn days_to_first_contact(&self) -> Option<i64> {
        self.dates
            .first_contact
            .map(|c| c.days_since_epoch() - self.dates.referred.days_since_epoch())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASE: &str = r#"{"referral":{"id":"c1","age":70,"consent":true,"municipality":"Leiden"},"map":{"region":"zuid-holland-noord","version":"2026.1.0"},"offered":["a","b"],"chosen":"a","dates":{"referred":"2026-02-03","first_contact":"2026-02-10"},"conversations":2,"outcome":{"arrived":true,"taken_into_care":true,"still_attending_3m":false},"triage_label":"wor","judgements":{"a":1,"b":2}}"#;

    #[test]
    fn parses_and_builds_qrels() {
        let c = HistoricCase::from_json(CASE, Strictness::Strict)
            .unwrap()
            .value;
        assert_eq!(c.outcome.gain(), 1);
        assert_eq!(c.days_to_first_contact(), Some(7));
        assert_eq!(c.triage_label, Some(Route::Wor));
        let q = c.qrels();
        assert_eq!((q["a"], q["b"]), (1, 2));
        // Round trip.
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(
            HistoricCase::from_json(&json, Strictness::Strict)
                .unwrap()
                .value,
            c
        );
    }

    #[test]
    fn errors_name_the_field() {
        let bad = |from: &str, to: &str| {
            HistoricCase::from_json(&CASE.replace(from, to), Strictness::Strict).unwrap_err()[0]
                .to_string()
        };
        assert!(bad(r#""age":70"#, r#""age":"x""#).starts_with("referral.age: wrong type"));
        assert!(bad(r#""age":70"#, r#""age":170"#).starts_with("referral.age: must be"));
        assert!(bad(
            r#""first_contact":"2026-02-10""#,
            r#""first_contact":"2026-01-10""#
        )
        .starts_with("dates.first_contact: 2026-01-10 is before"));
        assert!(bad(
            r#""still_attending_3m":false"#,
            r#""still_attending_3m":true"#
        )
        .starts_with("judgements.a: gain 1 disagrees"));
        assert!(bad(r#""arrived":true"#, r#""arrived":false"#).starts_with("judgements.a"));
        assert!(bad(r#""b":2"#, r#""b":3"#).starts_with("judgements.b: gain must be"));
        assert!(bad(r#""triage_label":"wor""#, r#""triage_label":"ggz""#)
            .starts_with("triage_label: unknown variant"));
        assert!(bad(r#""conversations":2"#, r#""conversations":2,"x":1"#)
            .starts_with("x: unknown field"));
    }

    #[test]
    fn open_cases_may_lack_their_outcome_closed_ones_may_not() {
        let no_outcome = CASE.replace(
            r#","outcome":{"arrived":true,"taken_into_care":true,"still_attending_3m":false}"#,
            "",
        );
        let err =
            HistoricCase::from_json(&no_outcome, Strictness::Strict).unwrap_err()[0].to_string();
        assert!(err.starts_with("outcome: missing"), "{err}");
        // An open case without an outcome: no qrels (never used for learning), and a round trip.
        let open = no_outcome
            .replace(r#""chosen":"a","#, "")
            .replace(r#","judgements":{"a":1,"b":2}"#, "")
            .replace(
                r#""conversations":2"#,
                r#""conversations":2,"status":"open""#,
            );
        let c = HistoricCase::from_json(&open, Strictness::Strict)
            .unwrap()
            .value;
        assert_eq!(c.status, CaseStatus::Open);
        assert!(c.outcome.is_absent() && !c.outcome.taken_into_care);
        assert!(c.qrels().is_empty());
        let json = serde_json::to_string(&c).unwrap();
        assert!(!json.contains("outcome") && json.contains(r#""status":"open""#));
        assert_eq!(
            HistoricCase::from_json(&json, Strictness::Strict)
                .unwrap()
                .value,
            c
        );
        // Closed is the default and is not written out.
        let closed = HistoricCase::from_json(CASE, Strictness::Strict)
            .unwrap()
            .value;
        assert_eq!(closed.status, CaseStatus::Closed);
        assert!(!serde_json::to_string(&closed).unwrap().contains("status"));
        let bad = CASE.replace(
            r#""conversations":2"#,
            r#""conversations":2,"status":"done""#,
        );
        let err = HistoricCase::from_json(&bad, Strictness::Strict).unwrap_err()[0].to_string();
        assert!(err.starts_with("status: unknown variant"), "{err}");
    }

    #[test]
    fn referrals_carry_practice_and_channel() {
        let with = CASE.replace(
            r#""municipality":"Leiden""#,
            r#""municipality":"Leiden","date":"2026-02-03","practice":"01234567","channel":"vip_live""#,
        );
        let c = HistoricCase::from_json(&with, Strictness::Strict)
            .unwrap()
            .value;
        assert_eq!(c.referral.practice.as_deref(), Some("01234567"));
        assert!(c
            .referral
            .channel
            .is_some_and(crate::referral::Channel::is_electronic));
        let bad = |from: &str| {
            HistoricCase::from_json(
                &with.replace(r#""channel":"vip_live""#, from),
                Strictness::Strict,
            )
            .unwrap_err()[0]
                .to_string()
        };
        assert!(bad(r#""channel":"fax""#).starts_with("referral.channel: unknown variant"));
        let blank = with.replace(r#""practice":"01234567""#, r#""practice":" ""#);
        let err = HistoricCase::from_json(&blank, Strictness::Strict).unwrap_err()[0].to_string();
        assert!(
            err.starts_with("referral.practice: must not be empty"),
            "{err}"
        );
    }

    #[test]
    fn health_improvement_needs_both_measurements() {
        let mut o = CaseOutcome::default();
        assert_eq!(o.health_improved(), None);
        o.positive_health_before = Some(PositiveHealth {
            meedoen: Some(4.0),
            zingeving: Some(6.0),
            ..Default::default()
        });
        o.positive_health_after = Some(PositiveHealth {
            meedoen: Some(4.0),
            zingeving: Some(5.0),
            ..Default::default()
        });
        assert_eq!(o.health_improved(), Some(false));
        o.positive_health_after.as_mut().unwrap().meedoen = Some(5.0);
        assert_eq!(o.health_improved(), Some(true));
    }
}
