//! Triage: Welzijn op Recept, Mentaal Gezondheidsnetwerk, both, urgent, medical or not eligible.
//!
//! The policy (rules_version 1) is fixed by the regions; its thresholds live in [`TriagePolicy`] so that
//! a later rules version changes data, not code. Every decision carries the rules that fired, each with
//! one Dutch and one English sentence a GP reads in seconds.

use crate::area::SupportArea;
// Re-exported: they were born here, and callers name them as `triage::Route` etc.
pub use crate::decision::{AreaFinding, AreaSource, Route, TriagePolicy};
use crate::detect::detect_areas;
use crate::pathways::{pathways, Pathway};
use crate::referral::{Flag, Referral};
use serde::Serialize;

/// A rule that fired, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub rule: &'static str,
    pub nl: String,
    pub en: String,
}

/// An area suggested by a low Positive Health score; shown, never added to the referral's areas.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuggestedArea {
    pub area: SupportArea,
    pub dimension: &'static str,
    pub score: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    None,
    Moderate,
    Strong,
}

/// The triage decision for one referral.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Triage {
    pub id: String,
    pub route: Route,
    pub areas: Vec<AreaFinding>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggested_areas: Vec<SuggestedArea>,
    pub reasons: Vec<Reason>,
    pub pathways: Vec<Pathway>,
    pub mental_health_signal: Signal,
    pub rules_version: u32,
}

/// Merges the explicit areas with those detected in the free text, sorted by area.
pub fn referral_areas(referral: &Referral) -> Vec<AreaFinding> {
    let mut found: Vec<AreaFinding> = referral
        .areas
        .iter()
        .map(|need| AreaFinding {
            area: need.area,
            severity: Some(need.severity),
            source: AreaSource::Explicit,
            matched: Vec::new(),
        })
        .collect();
    for detection in detect_areas(referral.text.as_deref().unwrap_or("")) {
        match found.iter_mut().find(|f| f.area == detection.area) {
            Some(f) => {
                f.source = AreaSource::Both;
                f.matched = detection.matched;
            }
            None => found.push(AreaFinding {
                area: detection.area,
                severity: None,
                source: AreaSource::Detected,
                matched: detection.matched,
            }),
        }
    }
    found.sort_by_key(|f| f.area);
    found
}

/// Triage with the current policy.
pub fn triage(referral: &Referral) -> Triage {
    triage_with(referral, &TriagePolicy::V1)
}

/// The route and areas alone, as [`triage`] decides them, without wording reasons, suggested areas
/// or pathways: what matching needs, for every referral of a batch.
pub fn route(referral: &Referral) -> (Route, Vec<AreaFinding>) {
    let policy = &TriagePolicy::V1;
    let areas = referral_areas(referral);
    let mental = mental_health_signal(referral, policy, &mut Unexplained);
    let route = decide(referral, policy, &areas, mental, &mut Unexplained);
    (route, areas)
}

pub fn triage_with(referral: &Referral, policy: &TriagePolicy) -> Triage {
    let areas = referral_areas(referral);
    let mut reasons = Vec::new();
    let mental = mental_health_signal(referral, policy, &mut reasons);
    let route = decide(referral, policy, &areas, mental, &mut reasons);
    let suggested_areas = suggested_areas(referral, policy, &areas, &mut reasons);
    let pathways = pathways(referral, route, &areas, policy);
    Triage {
        id: referral.id.clone(),
        route,
        areas,
        suggested_areas,
        reasons,
        pathways,
        mental_health_signal: mental,
        rules_version: policy.rules_version,
    }
}

fn reason(rule: &'static str, nl: String, en: String) -> Reason {
    Reason { rule, nl, en }
}

/// Where the rules put the reasons they fire; worded only when someone reads them.
trait Explain {
    fn explain(&mut self, reason: impl FnOnce() -> Reason);
    fn clear(&mut self);
}

impl Explain for Vec<Reason> {
    fn explain(&mut self, reason: impl FnOnce() -> Reason) {
        self.push(reason());
    }
    fn clear(&mut self) {
        Vec::clear(self);
    }
}

/// Decides without wording.
struct Unexplained;

impl Explain for Unexplained {
    fn explain(&mut self, _: impl FnOnce() -> Reason) {}
    fn clear(&mut self) {}
}

fn decide(
    r: &Referral,
    policy: &TriagePolicy,
    areas: &[AreaFinding],
    mental: Signal,
    reasons: &mut impl Explain,
) -> Route {
    // Rule 1: acute risk precedes everything, whatever the age or consent.
    let acute: Vec<Flag> = r.flags.iter().copied().filter(|f| f.is_acute()).collect();
    if !acute.is_empty() {
        reasons.clear();
        reasons.explain(|| {
            let (nl, en): (Vec<&str>, Vec<&str>) = acute
                .iter()
                .map(|f| match f {
                    Flag::SuicidalIdeation => ("suïcidale gedachten", "suicidal ideation"),
                    Flag::PsychosisSuspected => ("vermoeden van psychose", "suspected psychosis"),
                    _ => ("acuut gevaar", "acute danger"),
                })
                .unzip();
            reason(
                "acute_risk",
                format!(
                    "Acuut risico ({}): vandaag nog zorg, nooit alleen Welzijn op Recept.",
                    nl.join(", ")
                ),
                format!(
                    "Acute risk ({}): same-day care, never social prescribing alone.",
                    en.join(", ")
                ),
            )
        });
        return Route::Urgent;
    }
    // Rule 2: adults who consent.
    let mut eligible = true;
    if r.age < policy.min_age {
        eligible = false;
        reasons.explain(|| reason(
            "age",
            format!(
                "Leeftijd {} is onder de {}: Welzijn op Recept is voor volwassenen; verwijs naar jeugdhulp (CJG of jeugdteam).",
                r.age, policy.min_age
            ),
            format!(
                "Age {} is under {}: social prescribing is for adults; refer to youth care.",
                r.age, policy.min_age
            ),
        ));
    }
    if !r.consent {
        eligible = false;
        reasons.explain(|| reason(
            "consent",
            "Geen toestemming: zonder toestemming voor verwijzing en het delen van contactgegevens kan het niet.".into(),
            "No consent: a referral needs consent to refer and to share contact details.".into(),
        ));
    }
    if !eligible {
        return Route::NotEligible;
    }
    // Rule 4: social signal.
    let social_areas: Vec<&AreaFinding> = areas
        .iter()
        .filter(|f| f.area != SupportArea::LowMoodAnxiety)
        .collect();
    let distress = r
        .screening
        .and_then(|s| s.four_dkl)
        .and_then(|d| d.distress)
        .filter(|d| *d >= policy.distress_elevated);
    let mild_mood = areas.iter().find(|f| f.area == SupportArea::LowMoodAnxiety);
    let social = if !social_areas.is_empty() {
        reasons.explain(|| {
            let (nl, en) = describe_areas(&social_areas);
            reason(
                "social_signal",
                format!("Sociale hulpvraag: {nl}."),
                format!("Social support question: {en}."),
            )
        });
        true
    } else if mental == Signal::None && (mild_mood.is_some() || distress.is_some()) {
        if let Some(f) = mild_mood {
            reasons.explain(|| {
                let (nl, en) = describe_areas(&[f]);
                reason(
                    "social_signal",
                    format!("Lichte somberheid of angst zonder aanwijzing voor een stoornis ({nl}): Welzijn op Recept, eventueel naast therapie."),
                    format!("Mild low mood or anxiety without signs of a disorder ({en}): social prescribing, alongside therapy if needed."),
                )
            });
        }
        if let Some(d) = distress {
            reasons.explain(|| reason(
                "social_signal",
                format!("4DKL distress {d} (vanaf {}): psychosociale stress zonder verhoogde depressie of angst.", policy.distress_elevated),
                format!("4DKL distress {d} (from {}): psychosocial stress without elevated depression or anxiety.", policy.distress_elevated),
            ));
        }
        true
    } else {
        false
    };
    // Rule 5.
    let route = match (mental != Signal::None, social) {
        (true, true) => Route::WorAndMgn,
        (true, false) => Route::Mgn,
        (false, true) => Route::Wor,
        (false, false) => Route::Medical,
    };
    let (nl, en) = match route {
        Route::WorAndMgn => (
            "Sociale hulpvraag én psychische klachten: Welzijn op Recept en een verkennend gesprek bij het Mentaal Gezondheidsnetwerk, naast elkaar.",
            "Social question and mental-health signs: social prescribing and an exploratory talk with the Mental Health Network, in parallel.",
        ),
        Route::Mgn => (
            "Psychische klachten zonder sociale hulpvraag: verkennend gesprek bij het Mentaal Gezondheidsnetwerk.",
            "Mental-health signs without a social question: exploratory talk with the Mental Health Network.",
        ),
        Route::Wor => (
            "Sociale hulpvraag zonder aanwijzing voor GGZ: Welzijn op Recept.",
            "Social question without signs for mental-health care: social prescribing.",
        ),
        _ => (
            "Geen sociale hulpvraag of psychische klachten gevonden: de huisarts vervolgt het medische traject.",
            "No social question or mental-health signs found: the GP continues the medical route.",
        ),
    };
    reasons.explain(|| reason("route", nl.into(), en.into()));
    route
}

/// Rule 3: the mental-health signal from 4DKL scores and the `mental_disorder_suspected` flag.
fn mental_health_signal(r: &Referral, p: &TriagePolicy, reasons: &mut impl Explain) -> Signal {
    let mut signal = Signal::None;
    let mut raise = |level: Signal, words: &dyn Fn() -> (String, String)| {
        signal = signal.max(level);
        reasons.explain(|| {
            let (nl, en) = words();
            reason("mental_health_signal", nl, en)
        });
    };
    if r.flags.contains(&Flag::MentalDisorderSuspected) {
        raise(Signal::Strong, &|| {
            (
                "Vermoeden van een psychische stoornis (aangegeven door verwijzer).".into(),
                "Suspected mental disorder (stated by the referrer).".into(),
            )
        });
    }
    let Some(dkl) = r.screening.and_then(|s| s.four_dkl) else {
        return signal;
    };
    let scales = [
        (
            "depressie",
            "depression",
            dkl.depression,
            p.depression_moderate,
            p.depression_strong,
        ),
        (
            "angst",
            "anxiety",
            dkl.anxiety,
            p.anxiety_moderate,
            p.anxiety_strong,
        ),
    ];
    for (nl_name, en_name, score, moderate, strong) in scales {
        let Some(score) = score else { continue };
        if score >= strong {
            raise(Signal::Strong, &|| {
                (
                    format!("4DKL {nl_name} {score} (vanaf {strong}): sterk verhoogd."),
                    format!("4DKL {en_name} {score} (from {strong}): strongly elevated."),
                )
            });
        } else if score >= moderate {
            raise(Signal::Moderate, &|| {
                (
                    format!(
                        "4DKL {nl_name} {score} ({moderate}-{}): matig verhoogd.",
                        strong - 1
                    ),
                    format!(
                        "4DKL {en_name} {score} ({moderate}-{}): moderately elevated.",
                        strong - 1
                    ),
                )
            });
        }
    }
    signal
}

/// Low Positive Health scores suggest areas the conversation could explore.
fn suggested_areas(
    r: &Referral,
    p: &TriagePolicy,
    areas: &[AreaFinding],
    reasons: &mut Vec<Reason>,
) -> Vec<SuggestedArea> {
    use SupportArea::*;
    let Some(ph) = &r.positive_health else {
        return Vec::new();
    };
    let mut out: Vec<SuggestedArea> = Vec::new();
    for (dimension, score) in ph.dimensions() {
        if score > p.positive_health_low {
            continue;
        }
        let suggests: &[SupportArea] = match dimension {
            "meedoen" => &[Loneliness, LeisureDaytime],
            "dagelijks_functioneren" => &[HomeSupport, TransportHousingHousehold],
            "zingeving" => &[WorkReintegration, LeisureDaytime],
            "lichaamsfuncties" => &[Lifestyle, ChronicIllness],
            _ => &[],
        };
        let new: Vec<SupportArea> = suggests
            .iter()
            .copied()
            .filter(|a| !areas.iter().any(|f| f.area == *a) && !out.iter().any(|s| s.area == *a))
            .collect();
        if new.is_empty() {
            continue;
        }
        let nl: Vec<&str> = new.iter().map(|a| a.label_nl()).collect();
        let en: Vec<&str> = new.iter().map(|a| a.label_en()).collect();
        reasons.push(reason(
            "positive_health",
            format!(
                "Positieve Gezondheid: {} scoort {score} (laag); bespreek ook: {}.",
                dimension.replace('_', " "),
                nl.join("; ")
            ),
            format!(
                "Positive Health: {} scores {score} (low); also discuss: {}.",
                dimension.replace('_', " "),
                en.join("; ")
            ),
        ));
        out.extend(new.into_iter().map(|area| SuggestedArea {
            area,
            dimension,
            score,
        }));
    }
    out
}

/// "Eenzaamheid ('eenzam'); Schulden" in both languages.
fn describe_areas(areas: &[&AreaFinding]) -> (String, String) {
    let words = |f: &AreaFinding| {
        if f.matched.is_empty() {
            String::new()
        } else {
            format!(" ('{}')", f.matched.join("', '"))
        }
    };
    let nl: Vec<String> = areas
        .iter()
        .map(|f| format!("{}{}", f.area.label_nl().to_lowercase(), words(f)))
        .collect();
    let en: Vec<String> = areas
        .iter()
        .map(|f| format!("{}{}", f.area.label_en().to_lowercase(), words(f)))
        .collect();
    (nl.join("; "), en.join("; "))
}

/// Triage many referrals (in parallel with the `parallel` feature); results in input order.
pub fn triage_batch(referrals: &[Referral]) -> Vec<Triage> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        referrals.par_iter().map(triage).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        referrals.iter().map(triage).collect()
    }
}
