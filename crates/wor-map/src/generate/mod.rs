//! Synthetic social maps of any size, for load tests, benchmarks and demos.
//!
//! [`generate`] builds a map over all 18 WoR municipalities whose entries pass [`wor_core::map::validate()`] without
//! errors and whose distributions resemble a real regional map: municipalities weighted by population,
//! support areas skewed like real referrals (loneliness and leisure common, parenting and burn-out rare),
//! ~60% group activities / 30% services / 10% Wmo provisions, Dutch names and descriptions from per-area
//! templates (so text search has real words to find), realistic time slots, costs, languages and dates.
//!
//! Deterministic: the same `(entries, seed, published)` always gives a byte-identical
//! [`SocialMap::to_json_pretty`]. The random source is a self-contained SplitMix64 (no OS randomness, no
//! dependency); everything but the coordinates is integer or exactly rounded arithmetic, and the
//! coordinates are rounded to 5 decimals (~1 m), so a last-bit difference in a platform's `cos` does not
//! reach the output in practice.

mod texts;

use texts::{texts, Template};
use wor_core::area::SupportArea;
use wor_core::date::Date;
use wor_core::geo::{self, Municipality, Pc4Area};
use wor_core::map::model::{
    Activity, ActivityKind, AreaWeight, Contact, Location, MunicipalityRef, RegionInfo, Schedule,
    Slot, SocialMap, BY_APPOINTMENT, SCHEMA_ID,
};
use wor_core::random::Rng;

/// Region id of every synthetic map.
pub const SYNTHETIC_REGION_ID: &str = "synthetic";

/// Generates a synthetic map with `entries` activities (ids `syn-000001`, ...), published on `published`.
///
/// The version is `0.<seed>.<entries>` (numeric, so it passes the version check), `demo` is set and the
/// notice says the content is fictional.
/// Mixed into the seed so a map and a case set drawn with the same seed are not correlated.
const SEED_SALT: u64 = 0x5eed_0f5c_1a1e_d00d;

pub fn generate(entries: usize, seed: u64, published: Date) -> SocialMap {
    let mut rng = Rng::new(seed ^ SEED_SALT);
    let places: Vec<Vec<&'static Pc4Area>> = geo::MUNICIPALITIES
        .iter()
        .map(|m| geo::pc4s_in(m.code))
        .collect();
    let population: Vec<f64> = geo::MUNICIPALITIES
        .iter()
        .map(|m| f64::from(m.population))
        .collect();
    let area_weights: Vec<f64> = SupportArea::ALL
        .iter()
        .map(|a| f64::from(area_frequency(*a)))
        .collect();

    let mut activities = Vec::with_capacity(entries);
    for i in 0..entries {
        let mut m_index = rng.weighted(&population);
        // A municipality without compiled PC4 areas cannot host an entry (never the case for the 18).
        if places[m_index].is_empty() {
            m_index = places.iter().position(|p| !p.is_empty()).unwrap_or(0);
        }
        let municipality = &geo::MUNICIPALITIES[m_index];
        let area = SupportArea::ALL[rng.weighted(&area_weights)];
        let kind = match rng.below(10) {
            0..=5 => ActivityKind::Activity,
            6..=8 => ActivityKind::Service,
            _ => ActivityKind::Provision,
        };
        let template = pick_template(&mut rng, area, kind);
        let pc4 = places[m_index]
            .get(rng.below(places[m_index].len()))
            .copied();
        activities.push(entry(
            &mut rng,
            i + 1,
            municipality,
            pc4,
            template,
            published,
        ));
    }

    SocialMap {
        schema: SCHEMA_ID.to_string(),
        region: RegionInfo {
            id: SYNTHETIC_REGION_ID.to_string(),
            name: "Synthetische kaart (alle WoR-gemeenten)".to_string(),
        },
        version: format!("0.{seed}.{entries}"),
        published: published.to_string(),
        demo: true,
        notice: Some(
            "SYNTHETISCH: automatisch gegenereerde, fictieve sociale kaart voor test- en \
             prestatiemetingen; geen echte aanbieders, adressen of contactgegevens. / Synthetic: \
             generated, fictional social map for tests and benchmarks."
                .to_string(),
        ),
        municipalities: geo::MUNICIPALITIES
            .iter()
            .map(|m| MunicipalityRef {
                code: m.code.to_string(),
                name: m.name.to_string(),
            })
            .collect(),
        activities,
    }
}

fn entry(
    rng: &mut Rng,
    number: usize,
    municipality: &'static Municipality,
    pc4: Option<&'static Pc4Area>,
    t: &'static Template,
    published: Date,
) -> Activity {
    let place = pc4.map_or(municipality.name, |p| p.place);
    let fill = |s: &str| {
        s.replace("{place}", place)
            .replace("{gemeente}", municipality.name)
    };
    let texts = texts();
    let name = fill(&t.name);
    let organisation = fill(&texts.organisations[t.organisation]);

    let areas = areas_for(rng, t);

    // Description: the template sentence, a closing sentence by kind, and sometimes a practical note.
    let mut description = fill(&t.description);
    let closing = match t.kind {
        ActivityKind::Activity => &texts.closing.activity,
        ActivityKind::Service => &texts.closing.service,
        ActivityKind::Provision => &texts.closing.provision,
    };
    description.push(' ');
    description.push_str(&closing[rng.below(closing.len())]);

    let mut keywords: Vec<String> = t.keywords.iter().map(|k| k.to_string()).collect();
    keywords.push(t.area.short_nl().to_string());
    keywords.push(place.to_lowercase());
    keywords.dedup();

    // Location: a PC4 of the municipality, jittered by at most 1 km, with a plausible full postcode.
    let (base_lat, base_lon, pc) = match pc4 {
        Some(p) => (p.lat, p.lon, p.pc4),
        None => (municipality.lat, municipality.lon, 0),
    };
    let (lat, lon) = jitter(rng, base_lat, base_lon, 0.99);
    let postcode = if pc == 0 {
        String::new()
    } else {
        format!("{pc} {}", postcode_letters(rng))
    };
    let street = &texts.streets[rng.below(texts.streets.len())];
    let address = format!("{street} {}, {place}", 1 + rng.below(180));

    // Region-wide services sometimes serve every municipality of their region.
    let serves_municipalities = if t.kind != ActivityKind::Activity && rng.chance(0.12) {
        geo::MUNICIPALITIES
            .iter()
            .filter(|m| m.region == municipality.region && m.code != municipality.code)
            .map(|m| m.code.to_string())
            .collect()
    } else {
        Vec::new()
    };

    let schedule = schedule_for(rng, t);
    let cost_eur_per_month = cost_for(rng, t.kind);

    let mut languages = vec!["nl".to_string()];
    if rng.chance(0.2) {
        const SECOND: [&str; 6] = ["en", "tr", "ar", "pl", "uk", "ti"];
        languages.push(SECOND[rng.weighted(&[8.0, 4.0, 4.0, 3.0, 3.0, 1.0])].to_string());
    }

    let wheelchair_accessible = rng.chance(0.7);
    let low_literacy_friendly = t.area == SupportArea::LowLiteracy || rng.chance(0.5);
    let (min_age, max_age) = ages_for(rng, t);

    let (valid_from, valid_to, last_verified) = dates_for(rng, published);

    let slug = slugify(&organisation);
    let phone = format!(
        "{}-000 {}",
        area_code(municipality.code),
        digits(rng, 10 - area_code(municipality.code).len() - 3)
    );
    let website = rng
        .chance(0.6)
        .then(|| format!("https://{slug}.example.org"));

    Activity {
        id: format!("syn-{number:06}"),
        name,
        organisation,
        kind: t.kind,
        areas,
        description,
        keywords,
        municipality: municipality.code.to_string(),
        serves_municipalities,
        location: Location {
            address,
            postcode,
            lat,
            lon,
        },
        schedule,
        cost_eur_per_month,
        languages,
        wheelchair_accessible,
        low_literacy_friendly,
        group: t.group,
        min_age: Some(min_age),
        max_age,
        requires_indication: t.kind == ActivityKind::Provision,
        valid_from: valid_from.map(|d| d.to_string()),
        valid_to: valid_to.map(|d| d.to_string()),
        last_verified: Some(last_verified.to_string()),
        contact: Contact {
            phone: Some(phone),
            email: Some(format!("{slug}@example.org")),
            website,
        },
        audience: Vec::new(),
        life_events: Vec::new(),
    }
}

/// The template's main area at weight 1, plus 0-2 plausible secondary areas.
fn areas_for(rng: &mut Rng, t: &Template) -> Vec<AreaWeight> {
    let mut areas = vec![AreaWeight::Weighted {
        area: t.area.id().to_string(),
        weight: 1.0,
    }];
    let extra = match rng.below(10) {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    };
    let mut pool: Vec<SupportArea> = t.also.to_vec();
    for _ in 0..extra {
        if pool.is_empty() {
            pool.extend(
                SupportArea::ALL
                    .iter()
                    .filter(|a| **a != t.area && area_frequency(**a) >= 6),
            );
        }
        let candidate = pool.remove(rng.below(pool.len()));
        if areas.iter().any(|a| a.area() == candidate.id()) {
            continue;
        }
        const SECONDARY: [f64; 5] = [0.3, 0.4, 0.5, 0.6, 0.7];
        areas.push(AreaWeight::Weighted {
            area: candidate.id().to_string(),
            weight: SECONDARY[rng.below(5)],
        });
    }

    areas
}

/// Age limits: mostly 18+, some 55+ or 65+; work reintegration sometimes up to 67, a few youth offers.
fn ages_for(rng: &mut Rng, t: &Template) -> (u32, Option<u32>) {
    let min_age = match rng.below(20) {
        0..=1 => 55,
        2 => 65,
        _ => 18,
    };
    let max_age = if t.area == SupportArea::WorkReintegration && rng.chance(0.5) {
        Some(67)
    } else if min_age == 18 && rng.chance(0.03) {
        Some(27)
    } else {
        None
    };

    (min_age, max_age)
}

/// valid_from in 2024-2026 (not after publication where possible), ~5% with an end date, last verified
/// within 18 months before publication.
fn dates_for(rng: &mut Rng, published: Date) -> (Option<Date>, Option<Date>, Date) {
    let lo = Date::new(2024, 1, 1).map_or(0, |d| d.days_since_epoch());
    let hi = Date::new(2026, 12, 31)
        .map_or(lo, |d| d.days_since_epoch())
        .min(published.days_since_epoch())
        .max(lo);
    let from_days = lo + rng.below((hi - lo + 1) as usize) as i64;
    let valid_from = Date::from_days_since_epoch(from_days);
    let valid_to = if rng.chance(0.05) {
        Date::from_days_since_epoch(from_days + 30 + rng.below(700) as i64)
    } else {
        None
    };
    let verified_days = published.days_since_epoch() - rng.below(548) as i64;
    let last_verified = Date::from_days_since_epoch(verified_days).unwrap_or(published);

    (valid_from, valid_to, last_verified)
}

fn schedule_for(rng: &mut Rng, t: &Template) -> Schedule {
    let weekly = match t.kind {
        ActivityKind::Activity => t.group || rng.chance(0.5),
        ActivityKind::Service => rng.chance(0.2),
        ActivityKind::Provision => false,
    };
    if !weekly {
        return Schedule::Text(BY_APPOINTMENT.to_string());
    }
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    const DAY_WEIGHTS: [u32; 7] = [10, 11, 11, 11, 9, 4, 1];
    // Start times 09:00-20:00 in minutes, weighted towards mornings, early afternoons and evenings.
    const STARTS: [(u16, u32); 14] = [
        (540, 6),
        (570, 5),
        (600, 9),
        (630, 4),
        (660, 2),
        (780, 3),
        (810, 5),
        (840, 7),
        (870, 3),
        (900, 2),
        (960, 1),
        (1140, 4),
        (1170, 5),
        (1200, 3),
    ];
    const DURATIONS: [(u16, u32); 4] = [(60, 3), (90, 4), (120, 4), (180, 1)];
    let slots = if t.kind == ActivityKind::Service || rng.chance(0.65) {
        1
    } else {
        2
    };
    let start = STARTS[rng.weighted(&STARTS.map(|s| f64::from(s.1)))].0;
    let duration = DURATIONS[rng.weighted(&DURATIONS.map(|d| f64::from(d.1)))].0;
    let first_day = rng.weighted(&DAY_WEIGHTS.map(f64::from));
    let mut out = vec![Slot {
        day: DAYS[first_day].to_string(),
        start: hhmm(start),
        end: hhmm(start + duration),
    }];
    if slots == 2 {
        let mut second = rng.weighted(&DAY_WEIGHTS.map(f64::from));
        if second == first_day {
            second = (first_day + 2 + rng.below(3)) % 5;
        }
        let (start2, end2) = if rng.chance(0.7) {
            (start, start + duration)
        } else {
            let s = STARTS[rng.weighted(&STARTS.map(|s| f64::from(s.1)))].0;
            (s, s + duration)
        };
        out.push(Slot {
            day: DAYS[second].to_string(),
            start: hhmm(start2),
            end: hhmm(end2),
        });
        out.sort_by_key(|s| DAYS.iter().position(|d| *d == s.day));
    }
    Schedule::Slots(out)
}

fn cost_for(rng: &mut Rng, kind: ActivityKind) -> f64 {
    if kind == ActivityKind::Provision {
        // The Wmo monthly contribution (abonnementstarief) or nothing.
        return if rng.chance(0.5) { 0.0 } else { 21.6 };
    }
    if rng.chance(0.55) {
        return 0.0;
    }
    // EUR 2-40, skewed low, rounded to 50 cents.
    let u = rng.f64();
    let amount = 2.0 + 38.0 * u * u * u;
    (amount * 2.0).round() / 2.0
}

/// A point within `max_km` of (lat, lon), uniform over the disc, rounded to 5 decimals (~1 m).
fn jitter(rng: &mut Rng, lat: f64, lon: f64, max_km: f64) -> (f64, f64) {
    let (dx, dy) = loop {
        let dx = rng.f64() * 2.0 - 1.0;
        let dy = rng.f64() * 2.0 - 1.0;
        if dx * dx + dy * dy <= 1.0 {
            break (dx, dy);
        }
    };
    const KM_PER_DEGREE: f64 = 111.32;
    let new_lat = lat + dy * max_km / KM_PER_DEGREE;
    let new_lon = lon + dx * max_km / (KM_PER_DEGREE * lat.to_radians().cos());
    let round = |x: f64| (x * 1e5).round() / 1e5;
    (round(new_lat), round(new_lon))
}

/// Two postcode letters; Dutch postcodes never use SA, SD or SS.
fn postcode_letters(rng: &mut Rng) -> String {
    const LETTERS: &[u8] = b"ABCDEGHJKLMNPRSTVWXZ";
    loop {
        let a = LETTERS[rng.below(LETTERS.len())] as char;
        let b = LETTERS[rng.below(LETTERS.len())] as char;
        if !(a == 'S' && matches!(b, 'A' | 'D' | 'S')) {
            return format!("{a}{b}");
        }
    }
}

fn digits(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + rng.below(10) as u8))
        .collect()
}

fn hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Lowercase ASCII slug: letters and digits, words joined by '-', at most 40 characters.
fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = match c {
            'à'..='å' => 'a',
            'è'..='ë' => 'e',
            'ì'..='ï' => 'i',
            'ò'..='ö' => 'o',
            'ù'..='ü' => 'u',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out: String = out.chars().take(40).collect();
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("info");
    }
    out
}

/// Telephone area code of a municipality's main town.
fn area_code(code: &str) -> &'static str {
    match code {
        "GM0484" | "GM0569" => "0172",
        "GM0534" | "GM0553" | "GM1525" => "0252",
        "GM0358" | "GM0451" => "0297",
        "GM0362" | "GM0437" => "020",
        "GM0394" => "023",
        _ => "071",
    }
}

/// Relative frequency of a support area as the main area of an entry.
fn area_frequency(area: SupportArea) -> u32 {
    use SupportArea::*;
    match area {
        Loneliness => 16,
        LeisureDaytime => 14,
        DebtPoverty => 11,
        Lifestyle => 11,
        CarerStrain => 9,
        LowMoodAnxiety => 7,
        LifeEvent => 6,
        ChronicIllness => 6,
        WorkReintegration => 6,
        HomeSupport => 5,
        TransportHousingHousehold => 5,
        LowLiteracy => 5,
        HealthLiteracy => 4,
        SleepWorry => 4,
        Parenting => 2,
        Burnout => 2,
    }
}

fn pick_template(rng: &mut Rng, area: SupportArea, kind: ActivityKind) -> &'static Template {
    let texts = texts();
    let fitting = || {
        texts
            .templates
            .iter()
            .filter(move |t| t.area == area && t.kind == kind)
    };
    let count = fitting().count();
    if count == 0 {
        return texts.generic(kind, area);
    }
    let n = rng.below(count);
    fitting().nth(n).expect("n < count")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use wor_core::map::validate::{validate, Level};

    fn published() -> Date {
        Date::new(2026, 6, 1).unwrap()
    }

    fn assert_valid(map: &SocialMap) {
        let checked = validate(map, published());
        let errors: Vec<_> = checked
            .issues
            .iter()
            .filter(|i| i.level == Level::Error)
            .take(10)
            .map(|i| i.to_string())
            .collect();
        assert!(errors.is_empty(), "errors: {errors:#?}");
        assert_eq!(checked.entries.len(), map.activities.len());
    }

    #[test]
    fn valid_for_small_and_large_sizes() {
        for n in [0, 1, 1000, 20_000] {
            let map = generate(n, 42, published());
            assert_eq!(map.activities.len(), n);
            assert_valid(&map);
        }
    }

    #[test]
    fn header_is_as_documented() {
        let map = generate(3, 9, published());
        assert_eq!(map.region.id, "synthetic");
        assert_eq!(map.version, "0.9.3");
        assert!(wor_core::map::validate::parse_version(&map.version).is_some());
        assert!(map.demo && map.notice.is_some());
        assert_eq!(map.municipalities.len(), 18);
        assert_eq!(map.published, "2026-06-01");
        assert_eq!(map.activities[0].id, "syn-000001");
        assert_eq!(map.activities[2].id, "syn-000003");
    }

    #[test]
    fn deterministic_per_seed() {
        let a = generate(500, 7, published()).to_json_pretty();
        let b = generate(500, 7, published()).to_json_pretty();
        assert_eq!(a, b);
        let c = generate(500, 8, published()).to_json_pretty();
        assert_ne!(a, c);
        // A prefix of a larger map is not required, but the same seed must not depend on call history.
        let _ = generate(10, 1, published());
        assert_eq!(generate(500, 7, published()).to_json_pretty(), a);
    }

    #[test]
    fn distributions_are_realistic() {
        let n = 20_000;
        let map = generate(n, 1, published());
        let share = |count: usize| count as f64 / n as f64;
        let kind = |k: ActivityKind| map.activities.iter().filter(|a| a.kind == k).count();
        assert!((share(kind(ActivityKind::Activity)) - 0.6).abs() < 0.03);
        assert!((share(kind(ActivityKind::Service)) - 0.3).abs() < 0.03);
        assert!((share(kind(ActivityKind::Provision)) - 0.1).abs() < 0.02);
        for a in &map.activities {
            assert_eq!(a.requires_indication, a.kind == ActivityKind::Provision);
            assert!((1..=3).contains(&a.areas.len()));
            assert_eq!(a.areas[0].weight(), 1.0);
            assert!(a.languages[0] == "nl" && a.languages.len() <= 2);
            assert!(a.cost_eur_per_month >= 0.0 && a.cost_eur_per_month <= 40.0);
            assert!(a
                .contact
                .email
                .as_deref()
                .unwrap()
                .ends_with("@example.org"));
            let phone = a.contact.phone.as_deref().unwrap();
            assert!(phone.starts_with('0') && phone.contains("-000 "), "{phone}");
            assert_eq!(
                phone.chars().filter(char::is_ascii_digit).count(),
                10,
                "{phone}"
            );
        }
        let free = map
            .activities
            .iter()
            .filter(|a| a.cost_eur_per_month == 0.0)
            .count();
        assert!(
            (share(free) - 0.55).abs() < 0.05,
            "free share {}",
            share(free)
        );
        let wheel = map
            .activities
            .iter()
            .filter(|a| a.wheelchair_accessible)
            .count();
        assert!((share(wheel) - 0.7).abs() < 0.03);
        let bilingual = map
            .activities
            .iter()
            .filter(|a| a.languages.len() == 2)
            .count();
        assert!((share(bilingual) - 0.2).abs() < 0.03);
        let ended = map
            .activities
            .iter()
            .filter(|a| a.valid_to.is_some())
            .count();
        assert!((share(ended) - 0.05).abs() < 0.02);

        let mut per_municipality: BTreeMap<&str, usize> = BTreeMap::new();
        let mut per_area: BTreeMap<&str, usize> = BTreeMap::new();
        for a in &map.activities {
            *per_municipality.entry(&a.municipality).or_default() += 1;
            *per_area.entry(a.areas[0].area()).or_default() += 1;
        }
        assert!(per_municipality["GM0394"] > 5 * per_municipality["GM0638"]);
        assert!(per_municipality["GM0546"] > per_municipality["GM0579"]);
        assert!(per_area["loneliness"] > 4 * per_area["parenting"]);
        assert!(per_area["leisure_daytime"] > 4 * per_area["burnout"]);

        // Group activities have 1-2 weekly slots within 09:00-23:00; provisions are by appointment.
        for a in &map.activities {
            match (&a.schedule, a.kind) {
                (Schedule::Slots(s), _) => {
                    assert!((1..=2).contains(&s.len()));
                    assert!(s
                        .iter()
                        .all(|s| s.start.as_str() >= "09:00" && s.start.as_str() <= "20:00"));
                }
                (Schedule::Text(t), ActivityKind::Activity) if a.group => panic!("{t}"),
                (Schedule::Text(t), _) => assert_eq!(t, BY_APPOINTMENT),
            }
        }
    }

    #[test]
    fn locations_lie_near_their_pc4() {
        let map = generate(2000, 3, published());
        for a in &map.activities {
            let pc4: u16 = a.location.postcode[..4].parse().unwrap();
            let area = geo::pc4(pc4).unwrap();
            assert_eq!(area.municipality.code, a.municipality);
            let d = geo::haversine_km(
                geo::Point {
                    lat: a.location.lat,
                    lon: a.location.lon,
                },
                geo::Point {
                    lat: area.lat,
                    lon: area.lon,
                },
            );
            assert!(d <= 1.0, "{} is {d} km from PC4 {pc4}", a.id);
            let letters = &a.location.postcode[5..];
            assert_eq!(letters.len(), 2);
            assert!(!["SA", "SD", "SS"].contains(&letters));
        }
    }

    #[test]
    fn dates_are_plausible() {
        let map = generate(3000, 5, published());
        let p = published();
        for a in &map.activities {
            let from: Date = a.valid_from.as_deref().unwrap().parse().unwrap();
            assert!(from.year() >= 2024 && from.year() <= 2026 && from <= p);
            if let Some(to) = &a.valid_to {
                assert!(to.parse::<Date>().unwrap() > from);
            }
            let verified: Date = a.last_verified.as_deref().unwrap().parse().unwrap();
            assert!(verified <= p && verified.months_until(p) <= 18);
        }
    }

    #[test]
    fn texts_are_searchable_dutch() {
        let map = generate(3000, 11, published());
        let all: String = map
            .activities
            .iter()
            .map(|a| format!("{} {} ", a.name, a.description))
            .collect();
        for word in [
            "Wandelgroep",
            "Taalcafé",
            "Schuldhulpmaatje",
            "Mantelzorg",
            "Dagbesteding",
        ] {
            assert!(all.contains(word), "{word}");
        }
        assert!(!all.contains('{'), "unfilled placeholder");
        for a in &map.activities {
            assert!(!a.keywords.is_empty());
            assert!(!a.organisation.contains('{'));
        }
    }

    /// The JSON Schema in `social-map/schema/` must know every field the model writes and the same
    /// area ids, kinds and days as the engine.
    #[test]
    fn json_schema_matches_the_model() {
        let text = include_str!("../../../../social-map/schema/wor-social-map-1.schema.json");
        let schema: serde_json::Value = serde_json::from_str(text).unwrap();
        let defs = &schema["$defs"];
        let areas: Vec<&str> = defs["area_id"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let ids: Vec<&str> = SupportArea::ALL.iter().map(|a| a.id()).collect();
        assert_eq!(areas, ids);
        let audiences: Vec<&str> = wor_core::audience::Audience::ALL
            .iter()
            .map(|a| a.id())
            .collect();
        assert_eq!(defs["audience_id"]["enum"], serde_json::json!(audiences));
        assert_eq!(
            defs["activity"]["properties"]["kind"]["enum"],
            serde_json::json!(["activity", "service", "provision"])
        );
        assert_eq!(
            defs["slot"]["properties"]["day"]["enum"],
            serde_json::json!(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
        );
        let mut map = generate(50, 1, published());
        map.activities[0].contact.website = Some("https://x.example.org".into());
        map.activities[0].audience = vec!["carers".into()];
        let json = serde_json::to_value(&map).unwrap();
        let keys = |v: &serde_json::Value| -> Vec<String> {
            v.as_object().unwrap().keys().cloned().collect()
        };
        for (value, props) in [
            (&json, &schema["properties"]),
            (&json["activities"][0], &defs["activity"]["properties"]),
            (
                &json["activities"][0]["location"],
                &defs["location"]["properties"],
            ),
            (
                &json["activities"][0]["contact"],
                &defs["contact"]["properties"],
            ),
        ] {
            for k in keys(value) {
                assert!(
                    props.get(&k).is_some(),
                    "field '{k}' is missing in the schema"
                );
            }
        }
    }

    /// `WOR_SYNTHETIC_OUT=/tmp/syn.json cargo test -p wor-core write_synthetic_map -- --ignored` writes
    /// a 1000-entry map, e.g. to check it against the JSON Schema with Python `jsonschema`.
    #[test]
    #[ignore]
    fn write_synthetic_map() {
        let path = std::env::var("WOR_SYNTHETIC_OUT").unwrap_or("/tmp/wor-synthetic.json".into());
        std::fs::write(&path, generate(1000, 1, published()).to_json_pretty()).unwrap();
        eprintln!("wrote {path}");
    }

    #[test]
    fn slugs_are_safe() {
        assert_eq!(
            slugify("Zorgcoöperatie Sassenheim"),
            "zorgcooperatie-sassenheim"
        );
        assert_eq!(
            slugify("Gemeente Leiden, Wmo-loket"),
            "gemeente-leiden-wmo-loket"
        );
        assert_eq!(slugify("!!!"), "info");
    }
}
