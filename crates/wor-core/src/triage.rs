//! Triage: Welzijn op Recept, Mentaal Gezondheidsnetwerk, both, urgent, medical or not eligible.
//!
//! Rules version 2: what the GP wrote counts as much as what the GP ticked. Risk words in the note
//! (suicidality, self-harm, psychosis, acute danger) make a referral urgent like the flags do; a
//! suspected disorder in the note is a mental-health signal like the flag; a denied risk, someone
//! else's history and mild wording are read as such and said in `warnings`. Thresholds live in
//! the policy file ([`Policy`]: thresholds, trigger words, pathway rules, each with its basis) so that
//! a region changes data, not code; what rests on an assumption says so. Every decision carries the
//! rules that fired, each with one Dutch and one English sentence a GP reads in seconds, and the note's
//! words that triggered it.

use crate::area::SupportArea;
use crate::cue::{Cue, CueFinding, SetAsideWhy};
// Re-exported: they were born here, and callers name them as `triage::Route` etc.
pub use crate::decision::{AreaFinding, AreaSource, Route, TriagePolicy};
use crate::detect::{read_note, Detection, NoteReading};
use crate::error::{FieldError, FieldErrors};
use crate::geo;
use crate::life_event::LifeEventSet;
use crate::pathways::{self, pathways, Pathway};
use crate::policy::{Basis, Policy};
use crate::referral::{Flag, Referral, Referrer};
use serde::Serialize;

/// A rule that fired, in both languages, with the note's words that triggered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reason {
    pub rule: &'static str,
    pub nl: String,
    pub en: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub matched: Vec<String>,
    /// The reason rests on an assumption of the policy, not on the plan.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub assumption: bool,
    /// The policy key it rests on (a rule, threshold or cue).
    #[serde(skip)]
    pub basis_key: &'static str,
    /// What it rests on, given where the text carries no caveat (an urgent decision: see
    /// [`mark_assumptions`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub basis: Option<Basis>,
}

/// A caution beside the decision: a risk asked about and denied, someone else's history, an earlier
/// risk. It never makes the route calmer; it says what the engine read and did not count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Warning {
    pub code: &'static str,
    pub nl: String,
    pub en: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub matched: Vec<String>,
    /// The caution rests on an assumption of the policy, not on the plan.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub assumption: bool,
}

/// A sentence in both languages (the decision's headline).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "Bilingual"))]
pub struct Text {
    pub nl: String,
    pub en: String,
}

/// Which policy decided: `{"id": "default", "version": "2"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyStamp {
    pub id: String,
    pub version: String,
}

/// An area suggested by a low Positive Health score; shown, never added to the referral's areas.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SuggestedArea {
    pub area: SupportArea,
    pub dimension: &'static str,
    pub score: f64,
}

/// How strongly the referral points to mental-health care. `Mild`: gloom or anxiety as a WoR area,
/// alongside therapy if needed; from `Moderate` on, the MGN is part of the route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Signal {
    None,
    Mild,
    Moderate,
    Strong,
}

/// The triage decision for one referral.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Triage {
    pub id: String,
    pub route: Route,
    /// What the GP reads first: the route, or the more precise heading of a not-eligible or
    /// in-treatment decision ("Eerst toestemming vragen").
    pub headline: Text,
    pub areas: Vec<AreaFinding>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<SuggestedArea>>", optional))]
    pub suggested_areas: Vec<SuggestedArea>,
    pub reasons: Vec<Reason>,
    pub warnings: Vec<Warning>,
    pub pathways: Vec<Pathway>,
    pub mental_health_signal: Signal,
    pub rules_version: u32,
    pub policy: PolicyStamp,
    /// What is wrong with the referral itself: present only when risk decided despite it
    /// ([`urgent_despite`]); every other invalid referral gets no decision, only its problems.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<FieldError>>", optional))]
    pub input_problems: Vec<FieldError>,
}

/// Merges the explicit areas with those detected in the free text, sorted by area.
pub fn referral_areas(referral: &Referral) -> Vec<AreaFinding> {
    merge_areas(
        referral,
        crate::detect::detect_areas(referral.text.as_deref().unwrap_or("")),
    )
}

fn merge_areas(referral: &Referral, detected: Vec<Detection>) -> Vec<AreaFinding> {
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
    for detection in detected {
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
    crate::sort::sort_by_key(&mut found, |f| f.area);
    found
}

/// The note read once: areas (explicit and detected) and clinical cues.
struct Reading {
    areas: Vec<AreaFinding>,
    note: NoteReading,
}

impl Reading {
    fn of(referral: &Referral, policy: &Policy) -> Reading {
        let mut note = read_note(policy.vocabulary(), referral.text.as_deref().unwrap_or(""));
        let areas = merge_areas(referral, std::mem::take(&mut note.areas));
        Reading { areas, note }
    }

    fn cues(&self, wanted: impl Fn(Cue) -> bool) -> impl Iterator<Item = &CueFinding> {
        self.note.cues.iter().filter(move |c| wanted(c.cue))
    }

    fn has(&self, cue: Cue) -> bool {
        self.note.cues.iter().any(|c| c.cue == cue)
    }

    /// Cues set aside for `why`, of the kinds `wanted`.
    fn set_aside(
        &self,
        why: SetAsideWhy,
        wanted: impl Fn(Cue) -> bool,
    ) -> Vec<&crate::cue::SetAside> {
        self.note
            .set_aside
            .iter()
            .filter(|s| s.why == why && wanted(s.cue))
            .collect()
    }
}

/// The version of the rules (the code that reads a policy); stamped on every decision.
pub const RULES_VERSION: u32 = 3;

/// Triage with the default policy.
#[cfg(feature = "embedded-policy")]
pub fn triage(referral: &Referral) -> Triage {
    triage_with(referral, Policy::default_policy())
}

/// The route and areas alone, as [`triage`] decides them, without wording reasons, warnings,
/// suggested areas or pathways: what matching needs, for every referral of a batch.
#[cfg(feature = "embedded-policy")]
pub fn route(referral: &Referral) -> (Route, Vec<AreaFinding>) {
    route_with(referral, Policy::default_policy())
}

/// [`route`] under a given policy.
pub fn route_with(referral: &Referral, policy: &Policy) -> (Route, Vec<AreaFinding>) {
    let (route, areas, _, _) = decide_quietly(referral, policy, false);
    (route, areas)
}

/// [`route_with`] plus the decision's cautions (risk denied, someone else's history, an earlier risk,
/// a postcode outside the municipality...), worded as [`triage_with`] words them: what a social worker
/// must see beside the suggestions.
pub fn route_and_cautions(
    referral: &Referral,
    policy: &Policy,
) -> (Route, Vec<AreaFinding>, Vec<Warning>) {
    let (route, areas, cautions, _) = decide_quietly(referral, policy, true);
    (route, areas, cautions)
}

/// [`route_and_cautions`] (cautions only when `with_cautions`), plus the kinds of life event the
/// resident went through: those the referral states and those the note names (read in the same pass).
pub fn route_and_life_events(
    referral: &Referral,
    policy: &Policy,
    with_cautions: bool,
) -> (Route, Vec<AreaFinding>, Vec<Warning>, LifeEventSet) {
    decide_quietly(referral, policy, with_cautions)
}

fn decide_quietly(
    referral: &Referral,
    policy: &Policy,
    with_cautions: bool,
) -> (Route, Vec<AreaFinding>, Vec<Warning>, LifeEventSet) {
    let reading = Reading::of(referral, policy);
    let mental = mental_health_signal(referral, &policy.thresholds, &reading, &mut Unexplained);
    let route = decide(referral, policy, &reading, mental, &mut Unexplained);
    let mut cautions = Vec::new();
    if with_cautions {
        cautions = warnings(referral, &reading);
        mark_assumptions(policy, route, &mut [], &mut cautions);
    }
    let events = referral
        .life_event_set()
        .union(reading.note.life_events.iter().map(|f| f.kind).collect());
    (route, reading.areas, cautions, events)
}

/// Risk decides first: a referral that failed validation with `problems` is still triaged when what can
/// be read of it (`salvaged`, from [`Referral::salvage`]: the note, the flags, the place, the referrer)
/// carries a risk signal. The urgent decision lists the problems as `input_problems`; nothing calmer
/// than urgent is decided on invalid input, and then the problems come back.
pub fn urgent_despite(
    salvaged: &Referral,
    problems: FieldErrors,
    policy: &Policy,
) -> Result<Triage, FieldErrors> {
    if route_with(salvaged, policy).0 != Route::Urgent {
        return Err(problems);
    }
    let mut decision = triage_with(salvaged, policy);
    // Salvage does not read the age: there is no age field to compare the note with.
    decision
        .warnings
        .retain(|w| w.code != "age_differs_from_note");
    decision.input_problems = problems;
    Ok(decision)
}

pub fn triage_with(referral: &Referral, policy: &Policy) -> Triage {
    let reading = Reading::of(referral, policy);
    let mut reasons = Vec::new();
    let mental = mental_health_signal(referral, &policy.thresholds, &reading, &mut reasons);
    let route = decide(referral, policy, &reading, mental, &mut reasons);
    let warnings = warnings(referral, &reading);
    let headline = headline(route, &reasons);
    let Reading { areas, .. } = reading;
    let suggested_areas = suggested_areas(referral, &policy.thresholds, &areas, &mut reasons);
    let pathways = pathways(referral, route, &areas, policy);
    let mut warnings = warnings;
    mark_assumptions(policy, route, &mut reasons, &mut warnings);
    Triage {
        id: referral.id.clone(),
        route,
        headline,
        areas,
        suggested_areas,
        reasons,
        warnings,
        pathways,
        mental_health_signal: mental,
        rules_version: RULES_VERSION,
        policy: PolicyStamp {
            id: policy.id.clone(),
            version: policy.version.clone(),
        },
        input_problems: Vec::new(),
    }
}

fn reason(rule: &'static str, nl: String, en: String) -> Reason {
    reason_with(rule, nl, en, Vec::new())
}

fn reason_with(rule: &'static str, nl: String, en: String, matched: Vec<String>) -> Reason {
    Reason {
        rule,
        nl,
        en,
        matched,
        assumption: false,
        basis_key: rule,
        basis: None,
    }
}

impl Reason {
    /// The policy key the reason rests on, when it is not the rule itself.
    fn on(mut self, basis: &'static str) -> Reason {
        self.basis_key = basis;
        self
    }
}

/// Reasons and cautions that rest on an assumption of the policy say so, in the field and the text. An
/// urgent decision carries no caveat in its text (a GP in a crisis must not read "still to be agreed"
/// into "act today"): its reasons carry their basis instead, which the page shows one click away.
fn mark_assumptions(
    policy: &Policy,
    route: Route,
    reasons: &mut [Reason],
    warnings: &mut [Warning],
) {
    const NL: &str = " (Aanname: nog af te stemmen met de regio.)";
    const EN: &str = " (Assumption: still to be agreed with the region.)";
    let urgent = route == Route::Urgent;
    for r in reasons.iter_mut() {
        r.assumption = policy.is_assumption(r.basis_key);
        if urgent {
            r.basis = policy.basis(r.basis_key).cloned();
        } else if r.assumption {
            r.nl.push_str(NL);
            r.en.push_str(EN);
        }
    }
    for w in warnings.iter_mut().filter(|w| policy.is_assumption(w.code)) {
        w.assumption = true;
        if !urgent {
            w.nl.push_str(NL);
            w.en.push_str(EN);
        }
    }
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

/// 'a', 'b' as the note wrote them.
fn quoted(words: &[String]) -> String {
    format!("'{}'", words.join("', '"))
}

fn all_matched<'a>(findings: impl Iterator<Item = &'a Vec<String>>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in findings.flatten() {
        if !out.contains(m) {
            out.push(m.clone());
        }
    }
    out
}

fn decide(
    r: &Referral,
    policy: &Policy,
    reading: &Reading,
    mental: Signal,
    reasons: &mut impl Explain,
) -> Route {
    if acute_risk(r, reading, reasons) {
        return Route::Urgent;
    }
    if minor(r, policy, reasons) {
        return Route::NotEligible;
    }
    let social = social_signal(r, policy, reading, mental, reasons);
    let needs_mgn = needs_mgn(reading, mental, social, reasons);
    if let Some(route) = consent_after_need(r, social, needs_mgn, reasons) {
        return route;
    }
    route_of(reading, mental, needs_mgn, social, reasons)
}

/// Rule 1: acute risk, ticked or written, precedes everything, whatever the age or consent (or whatever
/// else is wrong with the referral: [`urgent_despite`]).
fn acute_risk(r: &Referral, reading: &Reading, reasons: &mut impl Explain) -> bool {
    let acute_flags: Vec<Flag> = r.flags.iter().copied().filter(|f| f.is_acute()).collect();
    let written: Vec<&CueFinding> = reading.cues(Cue::is_risk).collect();
    if !acute_flags.is_empty() || !written.is_empty() {
        reasons.clear();
        if !acute_flags.is_empty() {
            reasons.explain(|| {
                let (nl, en): (Vec<&str>, Vec<&str>) = acute_flags
                    .iter()
                    .map(|f| match f {
                        Flag::SuicidalIdeation => ("suïcidale gedachten", "suicidal ideation"),
                        Flag::PsychosisSuspected => {
                            ("vermoeden van psychose", "suspected psychosis")
                        }
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
        }
        let (certain, ambiguous): (Vec<&CueFinding>, Vec<&CueFinding>) =
            written.iter().partition(|c| c.cue != Cue::RiskAmbiguous);
        if !certain.is_empty() {
            reasons.explain(|| {
                let matched = all_matched(certain.iter().map(|c| &c.matched));
                let nl: Vec<&str> = certain.iter().map(|c| c.cue.label_nl()).collect();
                let en: Vec<&str> = certain.iter().map(|c| c.cue.label_en()).collect();
                reason_with(
                    "acute_risk",
                    format!(
                        "Acuut risico in de notitie: {} ({}). Vandaag nog zorg, nooit alleen Welzijn op Recept.",
                        nl.join(", "),
                        quoted(&matched)
                    ),
                    format!(
                        "Acute risk in the note: {} ({}). Same-day care, never social prescribing alone.",
                        en.join(", "),
                        quoted(&matched)
                    ),
                    matched,
                )
            });
        }
        if !ambiguous.is_empty() {
            reasons.explain(|| {
                let matched = all_matched(ambiguous.iter().map(|c| &c.matched));
                reason_with(
                    "acute_risk",
                    format!(
                        "{} kan een doodswens betekenen: gelezen als risico (de veilige kant). Vraag vandaag naar suïcidale gedachten.",
                        quoted(&matched)
                    ),
                    format!(
                        "{} may mean a wish to die: read as a risk (the safe side). Ask about suicidal thoughts today.",
                        quoted(&matched)
                    ),
                    matched,
                )
                .on("risk_ambiguous")
            });
        }
        return true;
    }
    false
}

/// Rule 2: adults only. (Consent comes after the need: rule 5b.)
fn minor(r: &Referral, policy: &Policy, reasons: &mut impl Explain) -> bool {
    if r.age < policy.thresholds.min_age {
        reasons.explain(|| reason(
            "age",
            format!(
                "Leeftijd {} is onder de {}: Welzijn op Recept is voor volwassenen; verwijs naar jeugdhulp (CJG of jeugdteam).",
                r.age, policy.thresholds.min_age
            ),
            format!(
                "Age {} is under {}: social prescribing is for adults; refer to youth care.",
                r.age, policy.thresholds.min_age
            ),
        ));
        if !r.consent {
            reasons.explain(no_consent);
        }
        return true;
    }
    false
}

/// Rule 4: a social question (a support area, mild gloom or anxiety, 4DKL distress, stress without a
/// named cause); a chronic illness alone is its setting, not the question.
fn social_signal(
    r: &Referral,
    policy: &Policy,
    reading: &Reading,
    mental: Signal,
    reasons: &mut impl Explain,
) -> bool {
    let mut social_areas: Vec<&AreaFinding> = reading
        .areas
        .iter()
        .filter(|f| f.area != SupportArea::LowMoodAnxiety)
        .collect();
    let distress = r
        .screening
        .and_then(|s| s.four_dkl)
        .and_then(|d| d.distress)
        .filter(|d| *d >= policy.thresholds.distress_elevated);
    let mild_mood = reading
        .areas
        .iter()
        .find(|f| f.area == SupportArea::LowMoodAnxiety);
    // A chronic illness the note mentions is the setting, not the reason (the plan): alone, with
    // nothing psychosocial beside it, it is routine care. A ticked area is always taken as meant.
    if let [only] = social_areas[..] {
        if only.area == SupportArea::ChronicIllness
            && only.source == AreaSource::Detected
            && mild_mood.is_none()
            && distress.is_none()
            && !reading.has(Cue::Stress)
        {
            reasons.explain(|| {
                let (nl, en) = describe_areas(&[only]);
                reason_with(
                    "chronic_illness_context",
                    format!("Chronische ziekte zonder psychosociale hulpvraag ({nl}): routinezorg. Vraag naar de gevolgen voor het dagelijks leven; is daar een sociale vraag, dan past Welzijn op Recept."),
                    format!("Chronic illness without a psychosocial question ({en}): routine care. Ask about the consequences for daily life; a social question there fits social prescribing."),
                    only.matched.clone(),
                )
            });
            social_areas.clear();
        }
    }
    if !social_areas.is_empty() {
        reasons.explain(|| {
            let (nl, en) = describe_areas(&social_areas);
            reason(
                "social_signal",
                format!("Sociale hulpvraag: {nl}."),
                format!("Social support question: {en}."),
            )
        });
        true
    } else if mental <= Signal::Mild
        && (mild_mood.is_some() || distress.is_some() || reading.has(Cue::Stress))
    {
        if reading.has(Cue::Stress) {
            reasons.explain(|| {
                let matched = all_matched(reading.cues(|c| c == Cue::Stress).map(|c| &c.matched));
                reason_with(
                    "stress_complaint",
                    format!(
                        "Stress of overbelasting zonder genoemde oorzaak ({}): een psychosociale klacht. Welzijn op Recept; de sociaal werker zoekt de oorzaak (de vraag achter de vraag).",
                        quoted(&matched)
                    ),
                    format!(
                        "Stress or overload without a named cause ({}): a psychosocial complaint. Social prescribing; the social worker looks for the cause (the question behind the question).",
                        quoted(&matched)
                    ),
                    matched,
                )
            });
        }
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
                format!("4DKL distress {d} (vanaf {}): psychosociale stress zonder verhoogde depressie of angst.", policy.thresholds.distress_elevated),
                format!("4DKL distress {d} (from {}): psychosocial stress without elevated depression or anxiety.", policy.thresholds.distress_elevated),
            ).on("distress_elevated"));
        }
        true
    } else {
        false
    }
}

/// Rule 3b: the MGN from a moderate signal on, unless the resident is already in treatment (then WoR
/// alongside it).
fn needs_mgn(reading: &Reading, mental: Signal, social: bool, reasons: &mut impl Explain) -> bool {
    let mut needs_mgn = mental >= Signal::Moderate;
    if needs_mgn && reading.has(Cue::InTreatment) {
        needs_mgn = false;
        reasons.explain(|| {
            let matched = all_matched(reading.cues(|c| c == Cue::InTreatment).map(|c| &c.matched));
            let (nl, en) = if social {
                (
                    "Welzijn op Recept naast de behandeling",
                    "social prescribing alongside the treatment",
                )
            } else {
                (
                    "de behandeling loopt door; overleg zo nodig met de behandelaar",
                    "the treatment continues; consult the practitioner if needed",
                )
            };
            reason_with(
                "in_treatment",
                format!(
                    "Al in behandeling ({}): geen nieuwe verwijzing naar het Mentaal Gezondheidsnetwerk; {nl}.",
                    quoted(&matched)
                ),
                format!(
                    "Already in treatment ({}): no new referral to the Mental Health Network; {en}.",
                    quoted(&matched)
                ),
                matched,
            )
        });
    }
    needs_mgn
}

/// Rule 5b: consent after need. Consent is for the referral to the social domain: a note with routine
/// care or no social question has nothing to ask it for, and the MGN part of a route does not wait for it.
fn consent_after_need(
    r: &Referral,
    social: bool,
    needs_mgn: bool,
    reasons: &mut impl Explain,
) -> Option<Route> {
    if needs_mgn && !social && !r.consent {
        reasons.explain(|| reason(
            "no_consent",
            "Nog geen toestemming: bespreek de verwijzing naar het Mentaal Gezondheidsnetwerk met de inwoner; de psychische klachten blijven de reden.".into(),
            "No consent yet: discuss the referral to the Mental Health Network with the resident; the mental-health signs remain the reason.".into(),
        ));
    }
    if social && !r.consent {
        reasons.explain(no_consent);
        if !needs_mgn {
            return Some(Route::NotEligible);
        }
        reasons.explain(|| reason(
            "route",
            "Sociale hulpvraag én psychische klachten, nog zonder toestemming voor Welzijn op Recept: verkennend gesprek bij het Mentaal Gezondheidsnetwerk; verwijs naar Welzijn op Recept zodra de inwoner toestemt.".into(),
            "Social question and mental-health signs, without consent for social prescribing yet: exploratory talk with the Mental Health Network; refer to social prescribing once the resident consents.".into(),
        ));
        return Some(Route::Mgn);
    }
    None
}

/// Rule 5 (and 6): the route from the two signals, worded.
fn route_of(
    reading: &Reading,
    mental: Signal,
    needs_mgn: bool,
    social: bool,
    reasons: &mut impl Explain,
) -> Route {
    // Rule 5. Nothing social and nothing mental: the medical route only where the note names routine
    // care (or a chronic illness as its setting, or a treatment under way); a note the engine could not
    // read at all is a question to the GP, not a guess.
    // Routine care counts even where a denial's scope reached it ("geen klachten", "geen stress,
    // controle schildklier"): it is about medical care either way.
    let routine_care = reading.has(Cue::RoutineCare)
        || reading
            .note
            .set_aside
            .iter()
            .any(|s| s.cue == Cue::RoutineCare);
    let understood = routine_care
        || reading.has(Cue::InTreatment)
        || reading
            .areas
            .iter()
            .any(|f| f.area == SupportArea::ChronicIllness)
        || mental >= Signal::Moderate;
    let route = match (needs_mgn, social) {
        (true, true) => Route::WorAndMgn,
        (true, false) => Route::Mgn,
        (false, true) => Route::Wor,
        (false, false) if understood => Route::Medical,
        (false, false) => Route::Unclear,
    };
    if route == Route::Unclear {
        reasons.explain(|| reason(
            "no_area_found",
            "In de notitie is geen ondersteuningsgebied, psychische klacht of routinezorg herkend. Kies zelf een ondersteuningsgebied of beschrijf de hulpvraag; de software gokt niet.".into(),
            "The note names no support area, mental-health sign or routine care the engine recognises. Choose a support area or describe the question; the engine does not guess.".into(),
        ));
        return route;
    }
    let (nl, en) = match route {
        Route::WorAndMgn => (
            "Sociale hulpvraag én psychische klachten: Welzijn op Recept en een verkennend gesprek bij het Mentaal Gezondheidsnetwerk, naast elkaar.",
            "Social question and mental-health signs: social prescribing and an exploratory talk with the Mental Health Network, in parallel.",
        ),
        Route::Mgn => (
            "Psychische klachten zonder sociale hulpvraag: verkennend gesprek bij het Mentaal Gezondheidsnetwerk.",
            "Mental-health signs without a social question: exploratory talk with the Mental Health Network.",
        ),
        Route::Wor if mental >= Signal::Moderate => (
            "Sociale hulpvraag; de psychische klachten worden al behandeld: Welzijn op Recept.",
            "Social question; the mental-health complaints are already being treated: social prescribing.",
        ),
        Route::Wor => (
            "Sociale hulpvraag zonder aanwijzing voor GGZ: Welzijn op Recept.",
            "Social question without signs for mental-health care: social prescribing.",
        ),
        _ if mental >= Signal::Moderate => (
            "Geen sociale hulpvraag; de psychische klachten worden al behandeld: geen nieuwe verwijzing.",
            "No social question; the mental-health complaints are already being treated: no new referral.",
        ),
        _ => (
            "Geen sociale hulpvraag of psychische klachten gevonden: de huisarts vervolgt het medische traject.",
            "No social question or mental-health signs found: the GP continues the medical route.",
        ),
    };
    reasons.explain(|| reason("route", nl.into(), en.into()));
    route
}

fn no_consent() -> Reason {
    reason(
        "no_consent",
        "Nog geen toestemming: vraag de inwoner eerst of de verwijzing mag en of de contactgegevens met de sociaal werker gedeeld mogen worden. Met toestemming kan de verwijzing alsnog.".into(),
        "No consent yet: first ask the resident whether the referral may go ahead and whether their contact details may be shared with the social worker. With consent the referral can still be made.".into(),
    )
}

/// The heading a GP reads first. Missing consent is not unsuitability: the GP must ask first.
fn headline(route: Route, reasons: &[Reason]) -> Text {
    let fired = |rule: &str| reasons.iter().any(|r| r.rule == rule);
    let (nl, en) = match route {
        Route::NotEligible if fired("no_consent") && !fired("age") => {
            ("Eerst toestemming vragen", "Ask for consent first")
        }
        Route::Medical if fired("in_treatment") => (
            "Al in behandeling: geen nieuwe verwijzing",
            "Already in treatment: no new referral",
        ),
        _ => (route.label_nl(), route.label_en()),
    };
    Text {
        nl: nl.into(),
        en: en.into(),
    }
}

/// What the note says that the decision did not count, so the GP sees it was read; and what about the
/// referral itself needs a second look (who refers, where the resident lives).
fn warnings(r: &Referral, reading: &Reading) -> Vec<Warning> {
    let mut out = Vec::new();
    let warn = |code, nl: String, en: String| Warning {
        code,
        nl,
        en,
        matched: Vec::new(),
        assumption: false,
    };
    let postcode_place = r.pc4().and_then(geo::pc4);
    let chosen = r.municipality.as_deref().and_then(geo::municipality);
    let home = postcode_place.map(|p| p.municipality).or(chosen);
    // The plan (section 5.1, risk table): paramedics and pharmacists refer through the GP because of the AVG; the
    // hospital only in the Alrijne pilot in Alphen aan den Rijn.
    let through_gp = match r.referrer {
        Some(Referrer::Paramedic) => Some(("paramedici", "paramedics")),
        Some(Referrer::Pharmacist) => Some(("apothekers", "pharmacists")),
        Some(Referrer::Hospital)
            if home.map(|m| m.code) != Some(pathways::ALRIJNE_PILOT_MUNICIPALITY) =>
        {
            Some((
                "ziekenhuizen (behalve de Alrijne-pilot in Alphen aan den Rijn)",
                "hospitals (except the Alrijne pilot in Alphen aan den Rijn)",
            ))
        }
        _ => None,
    };
    if let Some((nl, en)) = through_gp {
        out.push(warn(
            "refer_via_gp",
            format!("Volgens het plan verwijzen {nl} (nog) via de huisarts, vanwege de AVG: overleg met de huisarts van de inwoner. De triage hieronder geldt wel."),
            format!("Under the plan, {en} refer through the GP (for now), because of the GDPR: consult the resident's GP. The triage below still applies."),
        ));
    }
    if let (Some(place), Some(chosen)) = (postcode_place, chosen) {
        let exception = r.pc4().and_then(pathways::primary_care_exception).is_some();
        if place.municipality.code != chosen.code && !exception {
            out.push(warn(
                "postcode_outside_municipality",
                format!(
                    "Postcodegebied {} ligt in {}, niet in de gekozen gemeente {}: controleer het adres. De route en het aanbod volgen de postcode.",
                    place.pc4, place.municipality.name, chosen.name
                ),
                format!(
                    "Postcode area {} lies in {}, not in the chosen municipality {}: check the address. The route and the offer follow the postcode.",
                    place.pc4, place.municipality.name, chosen.name
                ),
            ));
        }
    }
    if let Some(pc4) = r.pc4().filter(|_| postcode_place.is_none()) {
        out.push(warn(
            "postcode_outside_regions",
            format!("Postcodegebied {pc4} ligt in geen van de gemeenten van Zuid-Holland Noord, Amstelland of Haarlemmermeer: controleer de postcode. Woont de inwoner elders, dan verwijst u naar de welzijnsorganisatie van die gemeente."),
            format!("Postcode area {pc4} lies in none of the municipalities of Zuid-Holland Noord, Amstelland or Haarlemmermeer: check the postcode. If the resident lives elsewhere, refer to that municipality's welfare organisation."),
        ));
    }
    if let Some(stated) =
        age_in_note(r.text.as_deref().unwrap_or("")).filter(|n| n.abs_diff(r.age) > 1)
    {
        out.push(warn(
            "age_differs_from_note",
            format!(
                "De notitie noemt {stated} jaar, het leeftijdsveld {}: controleer de leeftijd.",
                r.age
            ),
            format!(
                "The note says {stated} years, the age field {}: check the age.",
                r.age
            ),
        ));
    }
    // What the note says and the decision set aside: (code, which cues, why, Dutch, English), the words
    // quoted where {} stands.
    type Caution = (
        &'static str,
        fn(Cue) -> bool,
        SetAsideWhy,
        &'static str,
        &'static str,
    );
    let set_aside: [Caution; 3] = [
        (
            "risk_denied",
            Cue::is_risk,
            SetAsideWhy::Denied,
            "Naar risico gevraagd en ontkend ({}): daarom geen spoed. Blijf alert en vraag opnieuw bij twijfel.",
            "Risk asked about and denied ({}): therefore not urgent. Stay alert and ask again when in doubt.",
        ),
        (
            "other_person",
            |c| !matches!(c, Cue::InTreatment | Cue::RoutineCare),
            SetAsideWhy::OtherPerson,
            "Gaat over iemand anders ({}): niet geteld als risico of stoornis van de inwoner. Vraag wel hoe het de inwoner raakt.",
            "About someone else ({}): not counted as the resident's risk or disorder. Do ask how it affects the resident.",
        ),
        (
            "risk_history",
            Cue::is_risk,
            SetAsideWhy::History,
            "Eerder risico genoemd ({}): geen spoed op grond daarvan. Vraag vandaag actief naar huidige gedachten en veiligheid.",
            "Earlier risk mentioned ({}): not urgent on that ground. Ask today about current thoughts and safety.",
        ),
    ];
    for (code, which, why, nl, en) in set_aside {
        let found = reading.set_aside(why, which);
        if found.is_empty() {
            continue;
        }
        let matched = all_matched(found.iter().map(|s| &s.matched));
        let words = quoted(&matched);
        out.push(Warning {
            code,
            nl: nl.replace("{}", &words),
            en: en.replace("{}", &words),
            matched,
            assumption: false,
        });
    }
    out
}

/// The resident's age as the note's opening states it ("Mevr. 81 jr", "Dhr 52 jaar", "74-jarige", "man,
/// 45 years old"): a number followed by a year word among the first eight words. Later ages are often
/// someone else's ("zorgt voor haar moeder van 88").
fn age_in_note(text: &str) -> Option<i64> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(9)
        .map(str::to_lowercase)
        .collect();
    words.windows(2).find_map(|pair| {
        let n: i64 = pair[0].parse().ok()?;
        let year_word = matches!(
            pair[1].as_str(),
            "jr" | "jaar" | "jarige" | "j" | "yr" | "yrs" | "years" | "year" | "yo" | "jaars"
        );
        (year_word && (1..=120).contains(&n)).then_some(n)
    })
}

/// Rule 3: the mental-health signal from the `mental_disorder_suspected` flag, a (suspected) disorder
/// or an earlier risk written in the note, 4DKL scores, and mild gloom or anxiety as a WoR area.
fn mental_health_signal(
    r: &Referral,
    p: &TriagePolicy,
    reading: &Reading,
    reasons: &mut impl Explain,
) -> Signal {
    let mut signal = Signal::None;
    let mut raise = |level: Signal, words: &dyn Fn() -> Reason| {
        signal = signal.max(level);
        reasons.explain(words);
    };
    if r.flags.contains(&Flag::MentalDisorderSuspected) {
        raise(Signal::Strong, &|| {
            reason(
                "mental_health_signal",
                "Vermoeden van een psychische stoornis (aangevinkt door verwijzer).".into(),
                "Suspected mental disorder (ticked by the referrer).".into(),
            )
        });
    }
    let disorders: Vec<&CueFinding> = reading
        .cues(|c| c.is_disorder() && c != Cue::PossibleDisorder)
        .collect();
    if !disorders.is_empty() {
        raise(Signal::Strong, &|| {
            let matched = all_matched(disorders.iter().map(|c| &c.matched));
            let nl: Vec<&str> = disorders.iter().map(|c| c.cue.label_nl()).collect();
            let en: Vec<&str> = disorders.iter().map(|c| c.cue.label_en()).collect();
            reason_with(
                "mental_health_signal",
                format!(
                    "(Vermoeden van) {} in de notitie ({}): telt als psychische klacht voor het Mentaal Gezondheidsnetwerk.",
                    nl.join(", "),
                    quoted(&matched)
                ),
                format!(
                    "(Suspected) {} in the note ({}): counts as a mental-health sign for the Mental Health Network.",
                    en.join(", "),
                    quoted(&matched)
                ),
                matched,
            )
        });
    }
    let earlier = reading.set_aside(SetAsideWhy::History, |c| {
        matches!(c, Cue::Suicidality | Cue::SelfHarm | Cue::Psychosis)
    });
    if !earlier.is_empty() {
        raise(Signal::Strong, &|| {
            let matched = all_matched(earlier.iter().map(|s| &s.matched));
            reason_with(
                "mental_health_signal",
                format!(
                    "Eerdere psychose, suïcidaliteit of zelfbeschadiging ({}): laat het Mentaal Gezondheidsnetwerk meekijken.",
                    quoted(&matched)
                ),
                format!(
                    "Earlier psychosis, suicidality or self-harm ({}): let the Mental Health Network take a look.",
                    quoted(&matched)
                ),
                matched,
            )
            .on("risk_history")
        });
    }
    let possible: Vec<&CueFinding> = reading.cues(|c| c == Cue::PossibleDisorder).collect();
    if !possible.is_empty() {
        raise(Signal::Moderate, &|| {
            let matched = all_matched(possible.iter().map(|c| &c.matched));
            reason_with(
                "mental_health_signal",
                format!(
                    "{} kan op een depressie of angststoornis wijzen: gelezen als psychische klacht (de veilige kant). Een 4DKL helpt kiezen.",
                    quoted(&matched)
                ),
                format!(
                    "{} may point to depression or an anxiety disorder: read as a mental-health sign (the safe side). A 4DKL helps decide.",
                    quoted(&matched)
                ),
                matched,
            )
            .on("possible_disorder")
        });
    }
    if let Some(dkl) = r.screening.and_then(|s| s.four_dkl) {
        let scales = [
            (
                "depressie",
                "depression",
                dkl.depression,
                (p.depression_moderate, "depression_moderate"),
                (p.depression_strong, "depression_strong"),
            ),
            (
                "angst",
                "anxiety",
                dkl.anxiety,
                (p.anxiety_moderate, "anxiety_moderate"),
                (p.anxiety_strong, "anxiety_strong"),
            ),
        ];
        for (nl_name, en_name, score, (moderate, moderate_key), (strong, strong_key)) in scales {
            let Some(score) = score else { continue };
            if score >= strong {
                raise(Signal::Strong, &|| {
                    reason(
                        "mental_health_signal",
                        format!("4DKL {nl_name} {score} (vanaf {strong}): sterk verhoogd."),
                        format!("4DKL {en_name} {score} (from {strong}): strongly elevated."),
                    )
                    .on(strong_key)
                });
            } else if score >= moderate {
                raise(Signal::Moderate, &|| {
                    reason(
                        "mental_health_signal",
                        format!(
                            "4DKL {nl_name} {score} ({moderate}-{}): matig verhoogd.",
                            strong - 1
                        ),
                        format!(
                            "4DKL {en_name} {score} ({moderate}-{}): moderately elevated.",
                            strong - 1
                        ),
                    )
                    .on(moderate_key)
                });
            }
        }
    }
    if signal == Signal::None
        && reading
            .areas
            .iter()
            .any(|f| f.area == SupportArea::LowMoodAnxiety)
    {
        // Worded by the social-signal rule: mild gloom is a WoR area, alongside therapy if needed.
        signal = Signal::Mild;
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
        reasons.push(
            reason(
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
            )
            .on("positive_health_low"),
        );
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

/// Triage many referrals under one policy (in parallel with the `parallel` feature); results in input
/// order.
pub fn triage_batch(referrals: &[Referral], policy: &Policy) -> Vec<Triage> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        referrals
            .par_iter()
            .map(|r| triage_with(r, policy))
            .collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        referrals.iter().map(|r| triage_with(r, policy)).collect()
    }
}
