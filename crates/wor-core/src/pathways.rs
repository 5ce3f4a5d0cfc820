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

fn step(id: &'static str, nl: &str, en: &str) -> Pathway {
    Pathway {
        id,
        nl: nl.to_string(),
        en: en.to_string(),
        assumption: false,
        basis: None,
    }
}

impl Pathway {
    fn resting_on(mut self, policy: &Policy, key: &str) -> Pathway {
        self.assumption = policy.is_assumption(key);
        self
    }
}

/// PC4 areas whose primary-care region differs from their municipality's (domain.md).
const PRIMARY_CARE_EXCEPTIONS: &[(u16, &str, &str)] = &[
    (2771, "Boskoop", "Midden-Holland"),
    (2772, "Boskoop", "Midden-Holland"),
    (2773, "Boskoop", "Midden-Holland"),
    (2731, "Benthuizen", "Midden-Holland"),
    (1115, "Duivendrecht", "Amsterdam-Diemen"),
    (1171, "Badhoevedorp", "Amsterdam-Nieuw-West"),
    (2064, "Spaarndam", "Kennemerland"),
    (2065, "Spaarndam", "Kennemerland"),
];

/// CBS code of Alphen aan den Rijn, where the Alrijne hospital pilot refers directly (plan section 4.2).
pub(crate) const ALRIJNE_PILOT_MUNICIPALITY: &str = "GM0484";

/// The place and primary-care region of a PC4 area whose primary-care region differs from its
/// municipality's.
pub(crate) fn primary_care_exception(
    pc4: u16,
) -> Option<&'static (u16, &'static str, &'static str)> {
    PRIMARY_CARE_EXCEPTIONS.iter().find(|(p, _, _)| *p == pc4)
}

/// The pathways that fit a route, region, age and the areas found.
pub fn pathways(
    r: &Referral,
    route: Route,
    areas: &[AreaFinding],
    policy: &Policy,
) -> Vec<Pathway> {
    let thresholds = &policy.thresholds;
    let has = |wanted: &[SupportArea]| areas.iter().any(|f| wanted.contains(&f.area));
    let place = r
        .pc4()
        .and_then(geo::pc4)
        .map(|a| a.municipality)
        .or_else(|| r.municipality.as_deref().and_then(geo::municipality));
    let mut out = Vec::new();
    match route {
        Route::Urgent => out.extend(policy.urgent_advice.iter().map(|a| Pathway {
            id: a.key,
            nl: a.nl.clone(),
            en: a.en.clone(),
            assumption: policy.is_assumption(a.key),
            basis: policy.basis(a.key).cloned(),
        })),
        Route::NotEligible if r.age < thresholds.min_age => out.push(step(
            "youth_care",
            "Jeugdhulp: het Centrum voor Jeugd en Gezin of het jeugd- en gezinsteam van de gemeente.",
            "Youth care: the municipality's youth and family centre or youth team.",
        )),
        Route::NotEligible => out.push(step(
            "ask_consent",
            "Bespreek de verwijzing opnieuw met de inwoner; verwijs pas na toestemming.",
            "Discuss the referral with the resident again; refer only after consent.",
        )),
        Route::Medical => out.push(step(
            "gp_continues",
            "De huisarts vervolgt het medische traject; verwijs alsnog als er een sociale hulpvraag blijkt.",
            "The GP continues the medical route; refer later if a social question emerges.",
        )),
        Route::Unclear => out.push(step(
            "choose_area",
            "Kies een ondersteuningsgebied of beschrijf de hulpvraag in de notitie; gaat het om routinezorg, dan vervolgt de huisarts het medische traject.",
            "Choose a support area or describe the question in the note; if it is routine care, the GP continues the medical route.",
        )),
        Route::Mgn | Route::WorAndMgn | Route::Wor => {}
    }
    if matches!(route, Route::Mgn | Route::WorAndMgn) {
        out.push(step(
            "mgn_exploratory_talk",
            "Mentaal Gezondheidsnetwerk: aanmelden voor een verkennend gesprek.",
            "Mental Health Network: book an exploratory conversation.",
        ));
    }
    if !matches!(route, Route::Wor | Route::WorAndMgn) {
        return out;
    }
    let region = place.map(|m| m.region);
    let movement = has(&[SupportArea::Lifestyle, SupportArea::ChronicIllness]);
    match region {
        Some("amstelland") => {
            out.push(step(
                "zorgdomein_welzijn_op_recept",
                "ZorgDomein, route Welzijn op Recept (Amstelland).",
                "ZorgDomein, route Welzijn op Recept (Amstelland).",
            ));
            if movement {
                out.push(step(
                    "zorgdomein_bewegen_op_recept",
                    "ZorgDomein, route Bewegen op Recept: leefstijl of chronische ziekte speelt mee.",
                    "ZorgDomein, route Bewegen op Recept: lifestyle or chronic illness is involved.",
                ));
            }
            if r.age >= thresholds.older_resident_age {
                out.push(
                    Pathway {
                        id: "zorgdomein_ouderenadvies",
                        nl: format!(
                            "ZorgDomein, route ouderenadvies: de inwoner is {} jaar of ouder.",
                            thresholds.older_resident_age
                        ),
                        en: format!(
                            "ZorgDomein, route advice for older residents: the resident is {} or older.",
                            thresholds.older_resident_age
                        ),
                        assumption: false,
                        basis: None,
                    }
                    .resting_on(policy, "older_resident_age"),
                );
            }
            if has(&[
                SupportArea::DebtPoverty,
                SupportArea::Parenting,
                SupportArea::HomeSupport,
                SupportArea::TransportHousingHousehold,
            ]) {
                out.push(step(
                    "zorgdomein_maatschappelijk_werk",
                    "ZorgDomein, route maatschappelijk werk: geldzaken, opvoeding, wonen of hulp thuis.",
                    "ZorgDomein, route social work: money, parenting, housing or help at home.",
                ));
            }
        }
        Some("zuid-holland-noord") => {
            // The plan grows towards a PO-sociaal in 63 practices (section 5.1) of the 159 (chapter 3); the others refer
            // through ZorgDomein or VIP Live. Which practice has one is the policy's list.
            let days = policy.contact_within_days;
            let with_po = r.practice.as_deref().map(str::trim).filter(|p| {
                policy
                    .po_sociaal_practices
                    .iter()
                    .any(|q| q.trim().eq_ignore_ascii_case(p))
            });
            let town = place.map_or("de gemeente", |m| m.name);
            let town_en = place.map_or("the municipality", |m| m.name);
            out.push(
                match with_po {
                    Some(practice) => Pathway {
                        id: "po_sociaal",
                        nl: format!("PO-sociaal in de praktijk ({practice}): het spreekuur van de sociaal werker in de huisartsenpraktijk; contact met de inwoner binnen {days} dagen."),
                        en: format!("The practice's PO-sociaal ({practice}): the social worker's consultation hours in the GP practice; contact with the resident within {days} days."),
                        assumption: false,
                        basis: None,
                    },
                    None => Pathway {
                        id: "zorgdomein_vip_live_welzijnscoach",
                        nl: format!("Via ZorgDomein of VIP Live naar de welzijnscoach van {town}: die neemt binnen {days} dagen contact op met de inwoner."),
                        en: format!("Through ZorgDomein or VIP Live to the welfare coach of {town_en}, who contacts the resident within {days} days."),
                        assumption: false,
                        basis: None,
                    },
                }
                .resting_on(policy, "po_sociaal_practices"),
            );
            let code = place.map(|m| m.code);
            if movement && code == Some("GM1884") {
                out.push(step(
                    "bewegen_op_recept",
                    "Bewegen op Recept (Kaag en Braassem): leefstijl of chronische ziekte speelt mee.",
                    "Bewegen op Recept (Kaag en Braassem): lifestyle or chronic illness is involved.",
                ));
            }
            if code == Some(ALRIJNE_PILOT_MUNICIPALITY)
                && r.referrer == Some(Referrer::Hospital)
                && has(&[SupportArea::LowLiteracy, SupportArea::HealthLiteracy])
            {
                out.push(step(
                    "alrijne_literacy_pilot",
                    "Pilot Alrijne ziekenhuis (Alphen aan den Rijn): directe verwijzing bij laaggeletterdheid.",
                    "Alrijne hospital pilot (Alphen aan den Rijn): direct referral for low literacy.",
                ));
            }
        }
        Some("haarlemmermeer") => out.push(step(
            "social_worker_direct",
            "Rechtstreeks naar de sociaal werker (Haarlemmermeer heeft nog geen gedeeld verwijssysteem).",
            "Directly to the social worker (Haarlemmermeer has no shared referral system yet).",
        )),
        _ => out.push(step(
            "local_welfare",
            "Welzijnsorganisatie van de eigen gemeente (buiten de drie WoR-regio's).",
            "The municipality's own welfare organisation (outside the three WoR regions).",
        )),
    }
    if let Some((_, place, region)) = r.pc4().and_then(primary_care_exception) {
        out.push(Pathway {
            id: "primary_care_region_differs",
            nl: format!("Let op: {place} hoort voor de eerstelijnszorg bij regio {region}; check welke route de praktijk volgt."),
            en: format!("Note: for primary care {place} belongs to the {region} region; check which route the practice follows."),
            assumption: false,
            basis: None,
        });
    }
    out
}
