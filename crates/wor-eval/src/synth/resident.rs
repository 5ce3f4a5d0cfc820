//! Who a synthetic resident is (latent traits) and what the GP's referral reveals of it.

use super::notes::note;
use super::params;
use super::Region;
use wor_core::area::SupportArea;
use wor_core::geo::{self, Municipality, Point};
use wor_core::random::Rng;
use wor_core::referral::{
    AreaNeed, DayPart, Flag, FourDkl, Preferences, Referral, Referrer, Screening, Weekday,
};
use wor_core::triage::Route;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupPreference {
    Likes,
    Avoids,
    Indifferent,
}

/// What the generator knows about a resident and the referral only partly reveals.
#[derive(Debug, Clone)]
pub struct Resident {
    pub age: i64,
    pub municipality: &'static Municipality,
    pub home: Point,
    pub pc4: Option<u16>,
    pub main_area: SupportArea,
    pub other_areas: Vec<SupportArea>,
    pub tolerance_km: f64,
    pub days: Vec<Weekday>,
    pub parts: Vec<DayPart>,
    pub flexible: bool,
    pub cost_ceiling: f64,
    pub group: GroupPreference,
    pub language: &'static str,
    pub weak_dutch: bool,
    pub wheelchair: bool,
    pub low_literacy: bool,
}

pub(super) fn draw_resident(rng: &mut Rng, region: &Region, route: Route) -> Resident {
    let weights: Vec<f64> = region.municipalities.iter().map(|(_, p)| *p).collect();
    let municipality = region.municipalities[rng.weighted(&weights)].0;
    let pc4s = geo::pc4s_in(municipality.code);
    let (pc4, home) = if pc4s.is_empty() {
        (
            None,
            Point {
                lat: municipality.lat,
                lon: municipality.lon,
            },
        )
    } else {
        let a = rng.pick(&pc4s);
        (
            Some(a.pc4),
            Point {
                lat: a.lat,
                lon: a.lon,
            },
        )
    };
    let band = params::AGE_BANDS[rng.weighted(&params::AGE_BANDS.map(|b| b.2))];
    let mut age = band.0 + rng.below((band.1 - band.0 + 1) as usize) as i64;
    if route == Route::NotEligible && rng.chance(0.4) {
        age = 16 + rng.below(2) as i64;
    }
    let older = age >= 65;
    let area_weights: Vec<f64> = params::AREA_WEIGHTS
        .iter()
        .map(|(young, old)| if older { *old } else { *young })
        .collect();
    let mut main_area = SupportArea::ALL[rng.weighted(&area_weights)];
    // The Alphen aan den Rijn hospital pilot refers mostly for low literacy.
    if municipality.code == "GM0484" && rng.chance(0.05) {
        main_area = SupportArea::LowLiteracy;
    }
    let n_other = rng.weighted(&[0.4, 0.4, 0.2]);
    let mut other_areas = Vec::new();
    for _ in 0..n_other {
        let w: Vec<f64> = SupportArea::ALL
            .iter()
            .zip(&area_weights)
            .map(|(a, w)| {
                if *a == main_area || other_areas.contains(a) {
                    0.0
                } else if matches!(a, SupportArea::Loneliness | SupportArea::SleepWorry) {
                    w * 1.5 + 0.02
                } else {
                    *w + 0.005
                }
            })
            .collect();
        other_areas.push(SupportArea::ALL[rng.weighted(&w)]);
    }
    other_areas.sort();
    let has = |a: SupportArea| main_area == a || other_areas.contains(&a);
    let wheelchair = rng.chance(if age >= 75 { 0.08 } else { 0.02 });
    let band_tol = match age {
        ..65 => params::TOLERANCE_KM[0],
        65..75 => params::TOLERANCE_KM[1],
        _ => params::TOLERANCE_KM[2],
    };
    let mut tolerance_km = band_tol * (params::TOLERANCE_SIGMA * rng.normal()).exp();
    if wheelchair {
        tolerance_km *= params::WHEELCHAIR_TOLERANCE;
    }
    let mut days: Vec<Weekday> = Weekday::ALL
        .into_iter()
        .filter(|d| {
            let p = match d {
                Weekday::Sat => 0.4,
                Weekday::Sun => 0.25,
                _ if older => 0.7,
                _ => 0.55,
            };
            rng.chance(p)
        })
        .collect();
    if days.is_empty() {
        days.push(*rng.pick(&Weekday::ALL[..5]));
    }
    let part_p = if older {
        [0.8, 0.7, 0.2]
    } else {
        [0.45, 0.45, 0.7]
    };
    let all_parts = [DayPart::Morning, DayPart::Afternoon, DayPart::Evening];
    let mut parts: Vec<DayPart> = all_parts
        .into_iter()
        .zip(part_p)
        .filter(|(_, p)| rng.chance(*p))
        .map(|(d, _)| d)
        .collect();
    if parts.is_empty() {
        parts.push(*rng.pick(&all_parts));
    }
    let flexible = rng.chance(0.3);
    let cost_ceiling = if has(SupportArea::DebtPoverty) {
        if rng.chance(0.7) {
            0.0
        } else {
            5.0
        }
    } else {
        [0.0, 10.0, 20.0, 40.0][rng.weighted(&[0.2, 0.25, 0.3, 0.25])]
    };
    let likes = if has(SupportArea::Loneliness) || main_area == SupportArea::LeisureDaytime {
        [0.65, 0.10]
    } else {
        [0.35, 0.30]
    };
    let group = match rng.weighted(&[likes[0], likes[1], 1.0 - likes[0] - likes[1]]) {
        0 => GroupPreference::Likes,
        1 => GroupPreference::Avoids,
        _ => GroupPreference::Indifferent,
    };
    let lang_weights: Vec<f64> = params::LANGUAGES
        .iter()
        .map(|(l, w)| {
            if *l == "en" && municipality.code == "GM0362" {
                w * 4.0
            } else {
                *w
            }
        })
        .collect();
    let language = params::LANGUAGES[rng.weighted(&lang_weights)].0;
    let weak_dutch = language != "nl" && rng.chance(if language == "en" { 0.7 } else { 0.5 });
    let low_literacy = has(SupportArea::LowLiteracy) || rng.chance(0.12);
    Resident {
        age,
        municipality,
        home,
        pc4,
        main_area,
        other_areas,
        tolerance_km,
        days,
        parts,
        flexible,
        cost_ceiling,
        group,
        language,
        weak_dutch,
        wheelchair,
        low_literacy,
    }
}

/// The referral as the GP wrote it: partial areas, a note, partial preferences, screening fitting the route.
pub(super) fn observe(
    rng: &mut Rng,
    id: &str,
    r: &Resident,
    route: Route,
    severity: u8,
) -> Referral {
    let female = rng.chance(0.6);
    let (areas, mentioned) = revealed_areas(rng, r, route, severity);
    let english = r.language == "en" && rng.chance(0.5);
    let text = note(rng, r, route, &mentioned, female, english);
    let (flags, dkl, consent) = screening(rng, r, route);
    let prefs = stated_preferences(rng, r);
    let (postcode, municipality) = residence(rng, r);
    // Weights in the order of `Referrer::ALL`.
    let referrer = Referrer::ALL[rng.weighted(&[0.78, 0.12, 0.03, 0.02, 0.03, 0.02])];
    Referral {
        id: id.to_string(),
        age: r.age,
        consent,
        municipality,
        postcode,
        areas,
        text: Some(text),
        screening: dkl.map(|d| Screening { four_dkl: Some(d) }),
        flags,
        preferences: prefs,
        referrer: Some(referrer),
        positive_health: None,
        date: None,
        practice: None,
        channel: None,
        audience: Vec::new(),
        life_events: Vec::new(),
    }
}

/// The areas the referral names (with severities) and the ones its note mentions.
fn revealed_areas(
    rng: &mut Rng,
    r: &Resident,
    route: Route,
    severity: u8,
) -> (Vec<AreaNeed>, Vec<SupportArea>) {
    let mut areas = Vec::new();
    let mut mentioned = Vec::new();
    let social = !matches!(route, Route::Mgn | Route::Medical);
    if social {
        let vague = rng.chance(0.05);
        let explicit_main = rng.chance(0.55);
        if explicit_main {
            areas.push(AreaNeed {
                area: r.main_area,
                severity,
            });
        }
        if !vague && (rng.chance(0.85) || !explicit_main) {
            mentioned.push(r.main_area);
        }
        for a in &r.other_areas {
            if rng.chance(0.3) {
                areas.push(AreaNeed {
                    area: *a,
                    severity: 1 + rng.below(3) as u8,
                });
            }
            if rng.chance(0.6) {
                mentioned.push(*a);
            }
        }
    }
    areas.sort_by_key(|n| n.area);
    (areas, mentioned)
}

/// Flags, 4DKL scores and consent that fit the triage label (with some noise).
fn screening(rng: &mut Rng, r: &Resident, route: Route) -> (Vec<Flag>, Option<FourDkl>, bool) {
    let mut flags = Vec::new();
    let mut dkl: Option<FourDkl> = None;
    let mut consent = true;
    let draw = |lo: u32, hi: u32, rng: &mut Rng| lo + rng.below((hi - lo + 1) as usize) as u32;
    match route {
        Route::Urgent => flags.push(
            [
                Flag::SuicidalIdeation,
                Flag::AcuteDanger,
                Flag::PsychosisSuspected,
            ][rng.weighted(&[0.6, 0.2, 0.2])],
        ),
        Route::NotEligible if r.age >= 18 => consent = false,
        Route::Mgn | Route::WorAndMgn => {
            let x = rng.f64();
            if x < 0.7 {
                let strong = route == Route::Mgn;
                dkl = Some(FourDkl {
                    distress: Some(draw(14, 30, rng)),
                    depression: Some(if strong {
                        draw(6, 12, rng)
                    } else {
                        draw(3, 7, rng)
                    }),
                    anxiety: Some(if strong {
                        draw(4, 16, rng)
                    } else {
                        draw(2, 9, rng)
                    }),
                    somatization: Some(draw(4, 20, rng)),
                });
            } else if x < 0.92 {
                flags.push(Flag::MentalDisorderSuspected);
            }
        }
        // A purely medical consultation: no screening for psychosocial stress.
        Route::Medical => {}
        _ => {
            if rng.chance(0.35) {
                let noisy = rng.chance(0.05);
                dkl = Some(FourDkl {
                    distress: Some(draw(8, 28, rng)),
                    depression: Some(if noisy {
                        draw(3, 4, rng)
                    } else {
                        draw(0, 2, rng)
                    }),
                    anxiety: Some(draw(0, 3, rng)),
                    somatization: Some(draw(2, 18, rng)),
                });
            }
        }
    }
    (flags, dkl, consent)
}

/// The preferences the referral states: part of the resident's latent wishes.
fn stated_preferences(rng: &mut Rng, r: &Resident) -> Preferences {
    let mut prefs = Preferences::default();
    if rng.chance(0.3) {
        prefs.max_km = Some((r.tolerance_km * 1.25).ceil().max(1.0));
    }
    let debts = r.main_area == SupportArea::DebtPoverty
        || r.other_areas.contains(&SupportArea::DebtPoverty);
    if rng.chance(if debts { 0.6 } else { 0.35 }) {
        prefs.max_eur_per_month = Some(r.cost_ceiling);
    }
    if rng.chance(0.4) {
        prefs.days = r.days.clone();
        prefs.times = r.parts.clone();
    }
    if r.weak_dutch && rng.chance(0.85) {
        prefs.languages = vec![r.language.to_string()];
        if rng.chance(0.3) {
            prefs.languages.push("nl".into());
        }
    } else if r.language != "nl" && rng.chance(0.2) {
        prefs.languages = vec!["nl".into(), r.language.to_string()];
    }
    if r.group != GroupPreference::Indifferent && rng.chance(0.35) {
        prefs.group = Some(r.group == GroupPreference::Likes);
    }
    prefs.wheelchair = r.wheelchair && rng.chance(0.9);
    prefs
}

/// Where the resident lives: postcode and/or municipality (name or CBS code).
fn residence(rng: &mut Rng, r: &Resident) -> (Option<String>, Option<String>) {
    let postcode = r.pc4.map(|pc| {
        let letters = [b'A' + rng.below(26) as u8, b'A' + rng.below(26) as u8];
        format!("{pc} {}", std::str::from_utf8(&letters).unwrap_or("AA"))
    });
    let (postcode, municipality) = match (postcode, rng.weighted(&[0.3, 0.25, 0.45])) {
        (Some(pc), 0) => (Some(pc), None),
        (Some(pc), 2) => (Some(pc), Some(())),
        _ => (None, Some(())),
    };
    let municipality = municipality.map(|()| {
        if rng.chance(0.1) {
            r.municipality.code.to_string()
        } else {
            r.municipality.name.to_string()
        }
    });
    (postcode, municipality)
}
