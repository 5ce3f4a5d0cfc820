//! Regional referral pathways that follow a triage route (domain.md: regions and referral routes).

use crate::area::SupportArea;
use crate::decision::{AreaFinding, Route};
use crate::geo;
use crate::policy::{Basis, Policy};
use crate::referral::{Referral, Referrer};
use serde::Serialize;

/// A concrete next step for the referrer, with why it fits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Pathway {
    pub id: &'static str,
    pub nl: String,
    pub en: String,
    /// The step rests on an assumption of the policy (which practices have a PO-sociaal, from which
    /// age ouderenadvies fits), not on the plan.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub assumption: bool,
    /// What the step rests on, for steps whose text carries no caveat (the urgent advice: a GP in a
    /// crisis reads the step; the basis is one click away).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub basis: Option<Basis>,
}

/// Every step a pathway can take. Each has its basis in the policy's `steps` (a plan section, or an
/// assumption that says what the plan does not state); the step is marked an assumption when its basis
/// is one (test `every_pathway_step_rests_on_a_plan_section_or_an_assumption`).
pub const STEPS: [&str; 18] = [
    "youth_care",
    "ask_consent",
    "gp_continues",
    "choose_area",
    "mgn_exploratory_talk",
    "zorgdomein_welzijn_op_recept",
    "zorgdomein_bewegen_op_recept",
    "zorgdomein_ouderenadvies",
    "zorgdomein_maatschappelijk_werk",
    "po_sociaal",
    "zorgdomein_vip_live_welzijnscoach",
    "bewegen_op_recept",
    "alrijne_literacy_pilot",
    "social_worker_direct",
    "local_welfare",
    "direct_referral_assumed",
    "primary_care_region_differs",
    "primary_care_region_assumed",
];

/// A step worded in both languages, an assumption when its own basis in the policy is one.
fn step(
    policy: &Policy,
    id: &'static str,
    nl: impl Into<String>,
    en: impl Into<String>,
) -> Pathway {
    Pathway {
        id,
        nl: nl.into(),
        en: en.into(),
        assumption: policy.is_assumption(id),
        basis: None,
    }
}

impl Pathway {
    /// Also an assumption when the setting it uses (`key`) is one.
    fn resting_on(mut self, policy: &Policy, key: &str) -> Pathway {
        self.assumption |= policy.is_assumption(key);
        self
    }
}

/// A PC4 area whose primary-care region differs from its municipality's (plan section 4.2.3).
pub(crate) struct PrimaryCareException {
    pub pc4: u16,
    pub place: &'static str,
    pub region: &'static str,
    /// The plan names this region (Midden-Holland for Boskoop and Benthuizen); for the other places it
    /// names only the place, so their region is an assumption.
    pub region_in_plan: bool,
}

const fn exception(
    pc4: u16,
    place: &'static str,
    region: &'static str,
    region_in_plan: bool,
) -> PrimaryCareException {
    PrimaryCareException {
        pc4,
        place,
        region,
        region_in_plan,
    }
}

/// PC4 areas whose primary-care region differs from their municipality's (domain.md, plan section 4.2.3).
const PRIMARY_CARE_EXCEPTIONS: &[PrimaryCareException] = &[
    exception(2771, "Boskoop", "Midden-Holland", true),
    exception(2772, "Boskoop", "Midden-Holland", true),
    exception(2773, "Boskoop", "Midden-Holland", true),
    exception(2731, "Benthuizen", "Midden-Holland", true),
    exception(1115, "Duivendrecht", "Amsterdam-Diemen", false),
    exception(1171, "Badhoevedorp", "Amsterdam-Nieuw-West", false),
    exception(2064, "Spaarndam", "Kennemerland", false),
    exception(2065, "Spaarndam", "Kennemerland", false),
];

/// CBS code of Alphen aan den Rijn, where the Alrijne hospital pilot refers directly (plan section 5.1).
pub(crate) const ALRIJNE_PILOT_MUNICIPALITY: &str = "GM0484";

/// The place and primary-care region of a PC4 area whose primary-care region differs from its
/// municipality's.
pub(crate) fn primary_care_exception(pc4: u16) -> Option<&'static PrimaryCareException> {
    PRIMARY_CARE_EXCEPTIONS.iter().find(|e| e.pc4 == pc4)
}

/// What a pathway step needs to know about the referral.
struct Ask<'a> {
    r: &'a Referral,
    areas: &'a [AreaFinding],
    policy: &'a Policy,
    place: Option<&'static geo::Municipality>,
}

impl Ask<'_> {
    fn has(&self, wanted: &[SupportArea]) -> bool {
        self.areas.iter().any(|f| wanted.contains(&f.area))
    }

    /// Lifestyle or a chronic illness: what the software reads as a reason for Bewegen op Recept.
    fn movement(&self) -> bool {
        self.has(&[SupportArea::Lifestyle, SupportArea::ChronicIllness])
    }

    fn step(&self, id: &'static str, nl: impl Into<String>, en: impl Into<String>) -> Pathway {
        step(self.policy, id, nl, en)
    }
}

/// The pathways that fit a route, region, age and the areas found.
pub fn pathways(
    r: &Referral,
    route: Route,
    areas: &[AreaFinding],
    policy: &Policy,
) -> Vec<Pathway> {
    let place = r
        .pc4()
        .and_then(geo::pc4)
        .map(|a| a.municipality)
        .or_else(|| r.municipality.as_deref().and_then(geo::municipality));
    let ask = Ask {
        r,
        areas,
        policy,
        place,
    };
    let mut out = outside_wor(&ask, route);
    if matches!(route, Route::Mgn | Route::WorAndMgn) {
        out.push(ask.step(
            "mgn_exploratory_talk",
            "Mentaal Gezondheidsnetwerk: aanmelden voor een verkennend gesprek.",
            "Mental Health Network: book an exploratory conversation.",
        ));
    }
    if !matches!(route, Route::Wor | Route::WorAndMgn) {
        return out;
    }
    match place.map(|m| m.region) {
        Some("amstelland") => amstelland(&ask, &mut out),
        Some("zuid-holland-noord") => zuid_holland_noord(&ask, &mut out),
        Some("haarlemmermeer") => out.push(ask.step(
            "social_worker_direct",
            "Rechtstreeks naar de sociaal werker (Haarlemmermeer heeft nog geen gedeeld verwijssysteem).",
            "Directly to the social worker (Haarlemmermeer has no shared referral system yet).",
        )),
        _ => out.push(ask.step(
            "local_welfare",
            "Welzijnsorganisatie van de eigen gemeente (buiten de drie WoR-regio's).",
            "The municipality's own welfare organisation (outside the three WoR regions).",
        )),
    }
    out.extend(direct_referrer(&ask));
    out.extend(primary_care_region(&ask));
    out
}

/// The step of a route that is no referral to the social domain: urgent advice, youth care, consent
/// first, the medical route, or choosing an area.
fn outside_wor(ask: &Ask, route: Route) -> Vec<Pathway> {
    let policy = ask.policy;
    match route {
        Route::Urgent => policy
            .urgent_advice
            .iter()
            .map(|a| Pathway {
                id: a.key,
                nl: a.nl.clone(),
                en: a.en.clone(),
                assumption: policy.is_assumption(a.key),
                basis: policy.basis(a.key).cloned(),
            })
            .collect(),
        Route::NotEligible if ask.r.age < policy.thresholds.min_age => vec![ask.step(
            "youth_care",
            "Jeugdhulp: het Centrum voor Jeugd en Gezin of het jeugd- en gezinsteam van de gemeente.",
            "Youth care: the municipality's youth and family centre or youth team.",
        )],
        Route::NotEligible => vec![ask.step(
            "ask_consent",
            "Bespreek de verwijzing opnieuw met de inwoner; verwijs pas na toestemming.",
            "Discuss the referral with the resident again; refer only after consent.",
        )],
        Route::Medical => vec![ask.step(
            "gp_continues",
            "De huisarts vervolgt het medische traject; verwijs alsnog als er een sociale hulpvraag blijkt.",
            "The GP continues the medical route; refer later if a social question emerges.",
        )],
        Route::Unclear => vec![ask.step(
            "choose_area",
            "Kies een ondersteuningsgebied of beschrijf de hulpvraag in de notitie; gaat het om routinezorg, dan vervolgt de huisarts het medische traject.",
            "Choose a support area or describe the question in the note; if it is routine care, the GP continues the medical route.",
        )],
        Route::Mgn | Route::WorAndMgn | Route::Wor => Vec::new(),
    }
}

/// Amstelland: four ZorgDomein routes (plan section 4.2.1); which areas call for which is the software's.
fn amstelland(ask: &Ask, out: &mut Vec<Pathway>) {
    let older = ask.policy.thresholds.older_resident_age;
    out.push(ask.step(
        "zorgdomein_welzijn_op_recept",
        "ZorgDomein, route Welzijn op Recept (Amstelland).",
        "ZorgDomein, route Welzijn op Recept (Amstelland).",
    ));
    if ask.movement() {
        out.push(ask.step(
            "zorgdomein_bewegen_op_recept",
            "ZorgDomein, route Bewegen op Recept: leefstijl of chronische ziekte speelt mee.",
            "ZorgDomein, route Bewegen op Recept: lifestyle or chronic illness is involved.",
        ));
    }
    if ask.r.age >= older {
        out.push(
            ask.step(
                "zorgdomein_ouderenadvies",
                format!("ZorgDomein, route ouderenadvies: de inwoner is {older} jaar of ouder."),
                format!(
                    "ZorgDomein, route advice for older residents: the resident is {older} or older."
                ),
            )
            .resting_on(ask.policy, "older_resident_age"),
        );
    }
    if ask.has(&[
        SupportArea::DebtPoverty,
        SupportArea::Parenting,
        SupportArea::HomeSupport,
        SupportArea::TransportHousingHousehold,
    ]) {
        out.push(ask.step(
            "zorgdomein_maatschappelijk_werk",
            "ZorgDomein, route maatschappelijk werk: geldzaken, opvoeding, wonen of hulp thuis.",
            "ZorgDomein, route social work: money, parenting, housing or help at home.",
        ));
    }
}

/// Zuid-Holland Noord (plan section 4.2.3): the practice's PO-sociaal, whose consultation hours the GP may
/// book straight into, or ZorgDomein / VIP Live to a social worker; Bewegen op Recept in Kaag en
/// Braassem; the Alrijne hospital pilot in Alphen aan den Rijn.
fn zuid_holland_noord(ask: &Ask, out: &mut Vec<Pathway>) {
    // The plan grows towards a PO-sociaal in 63 practices (section 5.1) of the 159 (chapter 3); which
    // practice has one is the policy's list.
    let policy = ask.policy;
    let days = policy.contact_within_days;
    let with_po = ask.r.practice.as_deref().map(str::trim).filter(|p| {
        policy
            .po_sociaal_practices
            .iter()
            .any(|q| q.trim().eq_ignore_ascii_case(p))
    });
    let town = ask.place.map_or("de gemeente", |m| m.name);
    let town_en = ask.place.map_or("the municipality", |m| m.name);
    out.push(
        match with_po {
            Some(practice) => ask.step(
                "po_sociaal",
                format!("PO-sociaal in de praktijk ({practice}): plan de inwoner direct in op het spreekuur van de sociaal werker in de huisartsenpraktijk."),
                format!("The practice's PO-sociaal ({practice}): book the resident straight into the social worker's consultation hours in the GP practice."),
            ),
            None => ask.step(
                "zorgdomein_vip_live_welzijnscoach",
                format!("Via ZorgDomein of VIP Live naar de welzijnscoach van {town}: die neemt binnen {days} dagen contact op met de inwoner."),
                format!("Through ZorgDomein or VIP Live to the welfare coach of {town_en}, who contacts the resident within {days} days."),
            ),
        }
        .resting_on(policy, "po_sociaal_practices"),
    );
    let code = ask.place.map(|m| m.code);
    if ask.movement() && code == Some("GM1884") {
        out.push(ask.step(
            "bewegen_op_recept",
            "Bewegen op Recept (Kaag en Braassem): leefstijl of chronische ziekte speelt mee.",
            "Bewegen op Recept (Kaag en Braassem): lifestyle or chronic illness is involved.",
        ));
    }
    if code == Some(ALRIJNE_PILOT_MUNICIPALITY)
        && ask.r.referrer == Some(Referrer::Hospital)
        && ask.has(&[SupportArea::LowLiteracy, SupportArea::HealthLiteracy])
    {
        out.push(ask.step(
            "alrijne_literacy_pilot",
            "Pilot Alrijne ziekenhuis (Alphen aan den Rijn): directe verwijzing, met de focus op laaggeletterdheid.",
            "Alrijne hospital pilot (Alphen aan den Rijn): direct referral, focused on low literacy.",
        ));
    }
}

/// A practice nurse (POH) or home care referring straight to the social domain: the plan leaves who may
/// refer to each region and municipality (section 4.4), so the step says it is an assumption.
fn direct_referrer(ask: &Ask) -> Option<Pathway> {
    let (nl, en) = match ask.r.referrer? {
        Referrer::Poh => ("de praktijkondersteuner (POH)", "the practice nurse (POH)"),
        Referrer::HomeCare => ("de thuiszorg", "home care"),
        _ => return None,
    };
    Some(ask.step(
        "direct_referral_assumed",
        format!("Verwijst {nl} hier rechtstreeks? Wie mag verwijzen verschilt per regio en gemeente: check het bij de welzijnsorganisatie."),
        format!("May {en} refer directly here? Who may refer differs by region and municipality: check with the welfare organisation."),
    ))
}

/// A place whose primary-care region differs from its municipality's; where the plan does not name that
/// region, the step says so.
fn primary_care_region(ask: &Ask) -> Option<Pathway> {
    let e = ask.r.pc4().and_then(primary_care_exception)?;
    let (place, region) = (e.place, e.region);
    Some(if e.region_in_plan {
        ask.step(
            "primary_care_region_differs",
            format!("Let op: {place} hoort voor de eerstelijnszorg bij regio {region}; check welke route de praktijk volgt."),
            format!("Note: for primary care {place} belongs to the {region} region; check which route the practice follows."),
        )
    } else {
        ask.step(
            "primary_care_region_assumed",
            format!("Let op: {place} hoort voor de eerstelijnszorg waarschijnlijk bij regio {region} (het plan noemt de plaats, niet de regio); check welke route de praktijk volgt."),
            format!("Note: for primary care {place} probably belongs to the {region} region (the plan names the place, not the region); check which route the practice follows."),
        )
    })
}
