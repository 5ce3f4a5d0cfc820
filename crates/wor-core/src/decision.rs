//! The vocabulary of a triage decision, shared by [`crate::triage`] and [`crate::pathways`]: the policy
//! thresholds, the route and the areas found. It lives apart from both so that triage depends on pathways
//! and pathways on this module, never the other way round.

use crate::area::SupportArea;
use serde::Serialize;

/// The thresholds of a triage policy; their values and bases live in the policy file
/// (`crate::policy`, `social-map/policy/default.json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TriagePolicy {
    /// WoR is for adults.
    pub min_age: i64,
    /// 4DKL depression: moderately elevated from here ...
    pub depression_moderate: u32,
    /// ... strongly elevated from here.
    pub depression_strong: u32,
    /// 4DKL anxiety: moderately elevated from here ...
    pub anxiety_moderate: u32,
    /// ... strongly elevated from here.
    pub anxiety_strong: u32,
    /// 4DKL distress from here signals psychosocial stress.
    pub distress_elevated: u32,
    /// A Positive Health dimension scored at or below this suggests support areas.
    pub positive_health_low: f64,
    /// From this age the regional pathways suggest advice for older residents.
    pub older_resident_age: i64,
}

impl TriagePolicy {
    /// From which score triage reads a 4DKL scale (a [`crate::referral::FourDkl::SCALES`] id) as
    /// elevated; `None` for a scale no rule reads (somatisation).
    pub fn elevated_from(&self, scale: &str) -> Option<u32> {
        match scale {
            "distress" => Some(self.distress_elevated),
            "depression" => Some(self.depression_moderate),
            "anxiety" => Some(self.anxiety_moderate),
            _ => None,
        }
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Route {
    Wor,
    Mgn,
    WorAndMgn,
    Urgent,
    Medical,
    NotEligible,
    /// Nothing the engine could read: no support area, no mental-health signal, no routine care named.
    /// The engine asks the GP to choose an area instead of guessing "medical".
    Unclear,
}

impl Route {
    pub const ALL: [Route; 7] = [
        Route::Wor,
        Route::Mgn,
        Route::WorAndMgn,
        Route::Urgent,
        Route::Medical,
        Route::NotEligible,
        Route::Unclear,
    ];
    pub fn id(self) -> &'static str {
        match self {
            Route::Wor => "wor",
            Route::Mgn => "mgn",
            Route::WorAndMgn => "wor_and_mgn",
            Route::Urgent => "urgent",
            Route::Medical => "medical",
            Route::NotEligible => "not_eligible",
            Route::Unclear => "unclear",
        }
    }
    pub fn label_nl(self) -> &'static str {
        match self {
            Route::Wor => "Welzijn op Recept",
            Route::Mgn => "Mentaal Gezondheidsnetwerk",
            Route::WorAndMgn => "Welzijn op Recept én Mentaal Gezondheidsnetwerk",
            Route::Urgent => "Spoed: vandaag nog zorg",
            Route::Medical => "Geen sociale hulpvraag gevonden: medisch traject",
            Route::NotEligible => "Niet geschikt voor Welzijn op Recept",
            Route::Unclear => "Geen hulpvraag herkend: kies een ondersteuningsgebied",
        }
    }
    /// The English label; Dutch institutions keep their Dutch name beside the translation, as an
    /// English-speaking professional in the Netherlands meets them.
    pub fn label_en(self) -> &'static str {
        match self {
            Route::Wor => "Welzijn op Recept (social prescribing)",
            Route::Mgn => "Mental Health Network (Mentaal Gezondheidsnetwerk, MGN)",
            Route::WorAndMgn => "Social prescribing (Welzijn op Recept) and Mental Health Network (Mentaal Gezondheidsnetwerk, MGN)",
            Route::Urgent => "Urgent: same-day care",
            Route::Medical => "No social support question found: medical route",
            Route::NotEligible => "Not eligible for social prescribing (Welzijn op Recept)",
            Route::Unclear => "No support question recognised: choose a support area",
        }
    }
}

/// Where an area came from. Read back by the FHIR module from the page's triage result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum AreaSource {
    Explicit,
    Detected,
    Both,
}

/// A support area of the referral, explicit and/or detected in the note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AreaFinding {
    pub area: SupportArea,
    /// Severity 1-3 as stated by the referrer; detected-only areas have none.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub severity: Option<u8>,
    pub source: AreaSource,
    /// Words in the note that triggered the detection.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub matched: Vec<String>,
}
