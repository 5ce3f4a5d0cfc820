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

use wor_core::area::SupportArea;
use wor_core::date::Date;
use wor_core::geo::{self, Municipality, Pc4Area};
use wor_core::map::model::{
    Activity, ActivityKind, AreaWeight, Contact, Location, MunicipalityRef, RegionInfo, Schedule,
    Slot, SocialMap, BY_APPOINTMENT, SCHEMA_ID,
};

/// Region id of every synthetic map.
pub const SYNTHETIC_REGION_ID: &str = "synthetic";

/// Generates a synthetic map with `entries` activities (ids `syn-000001`, ...), published on `published`.
///
/// The version is `0.<seed>.<entries>` (numeric, so it passes the version check), `demo` is set and the
/// notice says the content is fictional.
pub fn generate(entries: usize, seed: u64, published: Date) -> SocialMap {
    let mut rng = Rng::new(seed);
    let places: Vec<Vec<&'static Pc4Area>> = geo::MUNICIPALITIES
        .iter()
        .map(|m| geo::pc4s_in(m.code))
        .collect();
    let population: Vec<u32> = geo::MUNICIPALITIES
        .iter()
        .map(|m| population_thousands(m.code))
        .collect();
    let area_weights: Vec<u32> = SupportArea::ALL
        .iter()
        .map(|a| area_frequency(*a))
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
            .get(rng.below(places[m_index].len() as u64) as usize)
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
    let name = fill(t.name);
    let organisation = fill(ORGANISATIONS[t.org]);

    // Areas: the template's main area at weight 1, plus 0-2 plausible secondary areas.
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
        let candidate = pool.remove(rng.below(pool.len() as u64) as usize);
        if areas.iter().any(|a| a.area() == candidate.id()) {
            continue;
        }
        const SECONDARY: [f64; 5] = [0.3, 0.4, 0.5, 0.6, 0.7];
        areas.push(AreaWeight::Weighted {
            area: candidate.id().to_string(),
            weight: SECONDARY[rng.below(5) as usize],
        });
    }

    // Description: the template sentence, a closing sentence by kind, and sometimes a practical note.
    let mut description = fill(t.description);
    let closing = match t.kind {
        ActivityKind::Activity => ACTIVITY_CLOSING,
        ActivityKind::Service => SERVICE_CLOSING,
        ActivityKind::Provision => PROVISION_CLOSING,
    };
    description.push(' ');
    description.push_str(closing[rng.below(closing.len() as u64) as usize]);

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
    let street = STREETS[rng.below(STREETS.len() as u64) as usize];
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
        languages.push(SECOND[rng.weighted(&[8, 4, 4, 3, 3, 1])].to_string());
    }

    let wheelchair_accessible = rng.chance(0.7);
    let low_literacy_friendly = t.area == SupportArea::LowLiteracy || rng.chance(0.5);
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

    // Dates: valid_from in 2024-2026 (not after publication where possible), ~5% with an end date,
    // last verified within 18 months before publication.
    let lo = Date::new(2024, 1, 1).map_or(0, |d| d.days_since_epoch());
    let hi = Date::new(2026, 12, 31)
        .map_or(lo, |d| d.days_since_epoch())
        .min(published.days_since_epoch())
        .max(lo);
    let from_days = lo + rng.below((hi - lo + 1) as u64) as i64;
    let valid_from = Date::from_days_since_epoch(from_days);
    let valid_to = if rng.chance(0.05) {
        Date::from_days_since_epoch(from_days + 30 + rng.below(700) as i64)
    } else {
        None
    };
    let verified_days = published.days_since_epoch() - rng.below(548) as i64;
    let last_verified = Date::from_days_since_epoch(verified_days).unwrap_or(published);

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
    }
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
    let start = STARTS[rng.weighted(&STARTS.map(|s| s.1))].0;
    let duration = DURATIONS[rng.weighted(&DURATIONS.map(|d| d.1))].0;
    let first_day = rng.weighted(&DAY_WEIGHTS);
    let mut out = vec![Slot {
        day: DAYS[first_day].to_string(),
        start: hhmm(start),
        end: hhmm(start + duration),
    }];
    if slots == 2 {
        let mut second = rng.weighted(&DAY_WEIGHTS);
        if second == first_day {
            second = (first_day + 2 + rng.below(3) as usize) % 5;
        }
        let (start2, end2) = if rng.chance(0.7) {
            (start, start + duration)
        } else {
            let s = STARTS[rng.weighted(&STARTS.map(|s| s.1))].0;
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
    let u = rng.unit();
    let amount = 2.0 + 38.0 * u * u * u;
    (amount * 2.0).round() / 2.0
}

/// A point within `max_km` of (lat, lon), uniform over the disc, rounded to 5 decimals (~1 m).
fn jitter(rng: &mut Rng, lat: f64, lon: f64, max_km: f64) -> (f64, f64) {
    let (dx, dy) = loop {
        let dx = rng.unit() * 2.0 - 1.0;
        let dy = rng.unit() * 2.0 - 1.0;
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
        let a = LETTERS[rng.below(LETTERS.len() as u64) as usize] as char;
        let b = LETTERS[rng.below(LETTERS.len() as u64) as usize] as char;
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

/// Approximate population in thousands (CBS, 2024), the weight of a municipality.
fn population_thousands(code: &str) -> u32 {
    match code {
        "GM0484" => 115, // Alphen aan den Rijn
        "GM0534" => 23,  // Hillegom
        "GM1884" => 28,  // Kaag en Braassem
        "GM0537" => 68,  // Katwijk
        "GM0546" => 127, // Leiden
        "GM0547" => 28,  // Leiderdorp
        "GM0553" => 23,  // Lisse
        "GM0569" => 29,  // Nieuwkoop
        "GM0575" => 44,  // Noordwijk
        "GM0579" => 26,  // Oegstgeest
        "GM1525" => 38,  // Teylingen
        "GM0626" => 26,  // Voorschoten
        "GM0638" => 9,   // Zoeterwoude
        "GM0358" => 33,  // Aalsmeer
        "GM0362" => 96,  // Amstelveen
        "GM0437" => 15,  // Ouder-Amstel
        "GM0451" => 31,  // Uithoorn
        "GM0394" => 162, // Haarlemmermeer
        _ => 20,
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
    let count = TEMPLATES
        .iter()
        .filter(|t| t.area == area && t.kind == kind)
        .count();
    if count == 0 {
        let generic = match kind {
            ActivityKind::Activity => &GENERIC[0],
            ActivityKind::Service => &GENERIC[1],
            ActivityKind::Provision => &GENERIC[2],
        };
        return generic.for_area(area);
    }
    let n = rng.below(count as u64) as usize;
    TEMPLATES
        .iter()
        .filter(|t| t.area == area && t.kind == kind)
        .nth(n)
        .expect("n < count")
}

/// A generic template per kind, used for (area, kind) pairs without a specific one.
struct Generic([Template; 16]);

impl Generic {
    fn for_area(&self, area: SupportArea) -> &Template {
        &self.0[area.index()]
    }
}

/// A text template for one kind of offer.
struct Template {
    area: SupportArea,
    kind: ActivityKind,
    group: bool,
    /// `{place}` is the PC4 place name, `{gemeente}` the municipality.
    name: &'static str,
    description: &'static str,
    keywords: &'static [&'static str],
    /// Plausible secondary areas.
    also: &'static [SupportArea],
    /// Index into [`ORGANISATIONS`].
    org: usize,
}

#[allow(clippy::too_many_arguments)]
const fn t(
    area: SupportArea,
    kind: ActivityKind,
    group: bool,
    name: &'static str,
    description: &'static str,
    keywords: &'static [&'static str],
    also: &'static [SupportArea],
    org: usize,
) -> Template {
    Template {
        area,
        kind,
        group,
        name,
        description,
        keywords,
        also,
        org,
    }
}

#[rustfmt::skip]
const ORGANISATIONS: [&str; 16] = [
    "Welzijnspunt {gemeente}",                   // 0
    "Buurtwerk {place}",                         // 1
    "Sportvereniging Vitaal {place}",            // 2
    "Bibliotheek {gemeente}",                    // 3
    "Stichting Geldmaatje {gemeente}",           // 4
    "Gemeente {gemeente}, Wmo-loket",            // 5
    "Steunpunt Mantelzorg {gemeente}",           // 6
    "Stichting Samen {place}",                   // 7
    "Vrijwilligerscentrale {gemeente}",          // 8
    "Zorgcoöperatie {place}",                    // 9
    "Stichting Thuis in {gemeente}",             // 10
    "Maatschappelijk werk {gemeente}",           // 11
    "Gezondheidscentrum {place}",                // 12
    "Stichting Gezinssteun {gemeente}",          // 13
    "Werkplaats {gemeente}",                     // 14
    "Stichting Ouderenwerk {gemeente}",          // 15
];

use ActivityKind::{Activity as A, Provision as P, Service as S};
use SupportArea::*;

#[rustfmt::skip]
const TEMPLATES: &[Template] = &[
    // Loneliness and a small social network.
    t(Loneliness, A, true, "Wandelgroep {place}",
      "Elke week wandelen we samen een uur in een rustig tempo door {place}, met na afloop koffie. Je hoeft niemand te kennen om mee te doen.",
      &["wandelen", "samen", "buiten", "koffie", "ontmoeten"], &[Lifestyle, LeisureDaytime], 1),
    t(Loneliness, A, true, "Koffieochtend buurthuis {place}",
      "Een gezellige inloop met koffie, thee en een praatje in het buurthuis van {place}. Gastvrouwen heten nieuwe bezoekers welkom.",
      &["koffie", "inloop", "buurthuis", "praatje", "ontmoeting"], &[LeisureDaytime], 1),
    t(Loneliness, A, true, "Samen eten in {place}",
      "Twee keer per maand koken vrijwilligers een driegangenmaaltijd voor buurtbewoners. Samen aan tafel, voor een kleine bijdrage.",
      &["eten", "maaltijd", "samen", "buurt", "tafel"], &[Lifestyle, DebtPoverty], 7),
    t(Loneliness, A, true, "Huiskamer van de wijk {place}",
      "Een open huiskamer waar je kunt binnenlopen voor een spelletje, de krant of een goed gesprek. Er is altijd een vrijwilliger aanwezig.",
      &["huiskamer", "inloop", "ontmoeten", "spelletjes", "gesprek"], &[LeisureDaytime, LifeEvent], 1),
    t(Loneliness, S, false, "Maatjesproject {gemeente}",
      "Een vrijwillig maatje komt regelmatig bij je langs voor een wandeling, een kop koffie of een uitje. We zoeken samen een maatje dat bij je past.",
      &["maatje", "vrijwilliger", "bezoek", "contact", "eenzaam"], &[LifeEvent, LeisureDaytime], 0),
    t(Loneliness, S, false, "Ouderenadviseur {gemeente}",
      "De ouderenadviseur denkt mee over wonen, geld, zorg en contact met anderen en kijkt samen met u wat er in de buurt te doen is.",
      &["ouderenadvies", "senioren", "advies", "netwerk", "thuis"], &[TransportHousingHousehold, HomeSupport], 15),
    // Low mood and anxiety.
    t(LowMoodAnxiety, A, true, "Cursus Grip op je dip {gemeente}",
      "Een groepscursus van acht bijeenkomsten voor mensen die zich somber voelen. Je leert anders omgaan met negatieve gedachten, naast eventuele therapie.",
      &["somber", "cursus", "gedachten", "stemming", "groep"], &[SleepWorry, Loneliness], 0),
    t(LowMoodAnxiety, A, true, "Mindfulness voor beginners {place}",
      "In zes lessen oefen je met aandacht en ademhaling om rust te vinden bij spanning en onrust.",
      &["mindfulness", "ontspanning", "ademhaling", "rust", "stress"], &[SleepWorry, Burnout], 12),
    t(LowMoodAnxiety, S, false, "Welzijnscoach mentaal welbevinden {gemeente}",
      "Een welzijnscoach voert een paar gesprekken met u over wat u bezighoudt en zoekt samen met u naar wat u weer energie geeft.",
      &["welzijnscoach", "gesprek", "somberheid", "angst", "energie"], &[LifeEvent, Loneliness], 0),
    // Sleep problems, worrying.
    t(SleepWorry, A, true, "Cursus Beter slapen {gemeente}",
      "Vier avonden over slaap: wat houdt je wakker, hoe doorbreek je het piekeren en welke gewoontes helpen om beter te slapen.",
      &["slapen", "slaap", "piekeren", "nacht", "cursus"], &[LowMoodAnxiety, Lifestyle], 12),
    t(SleepWorry, A, true, "Piekeren de baas {place}",
      "Een kleine groep leert technieken om minder te piekeren en meer ontspanning te vinden in het dagelijks leven.",
      &["piekeren", "zorgen", "ontspanning", "groep", "rust"], &[LowMoodAnxiety], 0),
    t(SleepWorry, S, false, "Slaapspreekuur {gemeente}",
      "Op het spreekuur bespreekt een leefstijlcoach uw slaappatroon en geeft praktische tips voor een betere nachtrust.",
      &["slaap", "spreekuur", "nachtrust", "tips", "leefstijl"], &[Lifestyle], 12),
    // Burn-out.
    t(Burnout, A, true, "Herstelgroep burn-out {gemeente}",
      "Lotgenoten helpen elkaar op weg na een burn-out: grenzen stellen, rust en activiteit in balans, en stap voor stap weer meedoen.",
      &["burn-out", "herstel", "lotgenoten", "stress", "balans"], &[WorkReintegration, LowMoodAnxiety], 0),
    t(Burnout, S, false, "Coaching bij overbelasting {gemeente}",
      "Een coach helpt je overzicht te krijgen als werk, zorg en gezin je te veel worden, en zoekt samen met je naar steun in je omgeving.",
      &["coaching", "overbelast", "stress", "werk", "grenzen"], &[CarerStrain, WorkReintegration], 11),
    // Life events.
    t(LifeEvent, A, true, "Rouwgroep {gemeente}",
      "In een kleine groep praten mensen die een dierbare hebben verloren over hun verdriet en over hoe het leven verdergaat.",
      &["rouw", "verlies", "verdriet", "overlijden", "lotgenoten"], &[Loneliness, LowMoodAnxiety], 0),
    t(LifeEvent, A, true, "Nieuw in {place}: kennismakingsmiddag",
      "Voor iedereen die net verhuisd is: maak kennis met buren, verenigingen en voorzieningen in {place}.",
      &["verhuizing", "nieuw", "kennismaken", "buurt", "wegwijs"], &[Loneliness, LeisureDaytime], 1),
    t(LifeEvent, S, false, "Scheidingsspreekuur {gemeente}",
      "Een maatschappelijk werker helpt bij vragen rond scheiding: wonen, geld, de kinderen en je eigen verwerking.",
      &["scheiding", "relatie", "kinderen", "spreekuur", "advies"], &[Parenting, DebtPoverty], 11),
    // Lifestyle.
    t(Lifestyle, A, true, "Beweeggroep 55+ {place}",
      "Oefeningen voor kracht, balans en conditie onder begeleiding van een beweegcoach, in een rustig tempo en met veel gezelligheid.",
      &["bewegen", "sport", "conditie", "balans", "senioren"], &[Loneliness, ChronicIllness], 2),
    t(Lifestyle, A, true, "Gezond koken {place}",
      "Samen goedkope, gezonde maaltijden leren koken en daarna samen eten.",
      &["koken", "gezond", "eten", "voeding", "samen"], &[DebtPoverty, Loneliness], 7),
    t(Lifestyle, A, true, "Stoelyoga {place}",
      "Rustige yoga op en naast de stoel, geschikt voor iedereen, ook als bewegen wat moeilijker gaat.",
      &["yoga", "bewegen", "ontspanning", "stoel", "soepel"], &[ChronicIllness, SleepWorry], 2),
    t(Lifestyle, A, true, "Fietsgroep {place}",
      "Elke week een fietstocht van 25 tot 40 km door de omgeving, met een koffiestop onderweg.",
      &["fietsen", "buiten", "bewegen", "samen", "tocht"], &[Loneliness, LeisureDaytime], 2),
    t(Lifestyle, S, false, "Leefstijlcoach (GLI) {gemeente}",
      "Gecombineerde leefstijlinterventie: twee jaar begeleiding bij gezonder eten, meer bewegen en beter slapen, vergoed vanuit de basisverzekering.",
      &["leefstijl", "gewicht", "voeding", "bewegen", "coach"], &[ChronicIllness, SleepWorry], 12),
    t(Lifestyle, S, false, "Bewegen op Recept {gemeente}",
      "Een beweegmakelaar zoekt samen met u een sport- of beweegactiviteit die past bij uw gezondheid en wensen.",
      &["bewegen", "sport", "beweegmakelaar", "recept", "advies"], &[ChronicIllness, Loneliness], 2),
    // Chronic illness.
    t(ChronicIllness, A, true, "Bewegen met reuma en artrose {place}",
      "Aangepaste beweeglessen in kleine groepen, begeleid door een fysiotherapeut.",
      &["reuma", "artrose", "bewegen", "pijn", "fysiotherapie"], &[Lifestyle], 12),
    t(ChronicIllness, A, true, "Lotgenotengroep diabetes {gemeente}",
      "Ervaringen delen over leven met diabetes, met af en toe een gastspreker over voeding of medicatie.",
      &["diabetes", "lotgenoten", "suiker", "voeding", "ervaringen"], &[HealthLiteracy, Lifestyle], 12),
    t(ChronicIllness, S, false, "Ontmoetingscentrum geheugenproblemen {place}",
      "Voor thuiswonende mensen met geheugenproblemen en hun mantelzorgers: activiteiten, advies en contact met lotgenoten.",
      &["dementie", "geheugen", "ontmoeting", "mantelzorg", "advies"], &[CarerStrain, Loneliness], 9),
    t(ChronicIllness, P, true, "Dagbesteding chronisch zieken {place}",
      "Dagbesteding met structuur en zinvolle activiteiten voor volwassenen met een chronische aandoening; een Wmo-indicatie is nodig.",
      &["dagbesteding", "structuur", "chronisch", "wmo", "activiteiten"], &[LeisureDaytime, HomeSupport], 9),
    // Carer strain.
    t(CarerStrain, A, true, "Mantelzorgcafé {place}",
      "Maandelijks ontmoeten mantelzorgers elkaar, wisselen ervaringen uit en horen over ondersteuning en respijt.",
      &["mantelzorg", "mantelzorger", "ontmoeting", "ervaringen", "café"], &[Loneliness], 6),
    t(CarerStrain, S, false, "Mantelzorgconsulent {gemeente}",
      "Een consulent luistert naar uw situatie als mantelzorger, helpt met regelzaken en zoekt samen met u naar tijd voor uzelf.",
      &["mantelzorg", "consulent", "overbelast", "advies", "regelzaken"], &[Burnout, HomeSupport], 6),
    t(CarerStrain, S, false, "Vrijwillige thuishulp voor mantelzorgers {gemeente}",
      "Een vrijwilliger neemt een dagdeel per week de zorg over, zodat de mantelzorger even op adem kan komen.",
      &["respijt", "vrijwilliger", "thuis", "mantelzorg", "ontlasten"], &[HomeSupport], 6),
    t(CarerStrain, P, false, "Respijtzorg {gemeente}",
      "Tijdelijke opvang of logeerzorg voor uw naaste, zodat u de zorg even kunt overdragen; een Wmo-indicatie is nodig.",
      &["respijtzorg", "logeren", "wmo", "ontlasten", "mantelzorg"], &[HomeSupport], 5),
    // Low literacy.
    t(LowLiteracy, A, true, "Taalcafé {place}",
      "Oefen Nederlands praten in een ontspannen sfeer met vrijwilligers en andere deelnemers, iedere week een ander onderwerp.",
      &["taal", "nederlands", "praten", "oefenen", "taalcafé"], &[Loneliness, WorkReintegration], 3),
    t(LowLiteracy, A, true, "Klik & Tik digitale vaardigheden {place}",
      "Leer stap voor stap werken met de computer, e-mail en DigiD, in je eigen tempo en met hulp van een vrijwilliger.",
      &["computer", "digitaal", "digid", "internet", "cursus"], &[HealthLiteracy], 3),
    t(LowLiteracy, S, false, "Taalhuis {gemeente}",
      "Het Taalhuis helpt volwassenen die beter willen lezen, schrijven of rekenen, en zoekt samen een passende cursus of taalmaatje.",
      &["lezen", "schrijven", "rekenen", "taalhuis", "taalmaatje"], &[HealthLiteracy, WorkReintegration], 3),
    // Health literacy.
    t(HealthLiteracy, A, true, "Gezondheidsvoorlichting in de wijk {place}",
      "Korte bijeenkomsten in eenvoudige taal over medicijnen, de huisarts en gezond leven, met ruimte voor vragen.",
      &["gezondheid", "voorlichting", "medicijnen", "huisarts", "eenvoudig"], &[LowLiteracy, ChronicIllness], 12),
    t(HealthLiteracy, S, false, "Samen naar de dokter (maatje) {gemeente}",
      "Een vrijwilliger gaat mee naar afspraken bij de huisarts of het ziekenhuis en helpt de informatie te begrijpen.",
      &["maatje", "huisarts", "ziekenhuis", "begrijpen", "afspraak"], &[LowLiteracy], 0),
    // Debts and money worries.
    t(DebtPoverty, A, true, "Cursus Geldzaken op orde {gemeente}",
      "In vier bijeenkomsten leer je je administratie bijhouden, een budget maken en grip krijgen op je uitgaven.",
      &["geld", "budget", "administratie", "cursus", "geldzaken"], &[LowLiteracy], 4),
    t(DebtPoverty, S, false, "Schuldhulpmaatje {gemeente}",
      "Een getraind vrijwilliger helpt je om overzicht te krijgen in je geldzaken en schulden, en gaat mee naar instanties.",
      &["schulden", "geldzorgen", "maatje", "administratie", "rekeningen"], &[LowLiteracy, LowMoodAnxiety], 4),
    t(DebtPoverty, S, false, "Formulierenbrigade {place}",
      "Hulp bij het invullen van formulieren en aanvragen voor toeslagen, kwijtschelding en regelingen.",
      &["formulieren", "toeslagen", "aanvragen", "regelingen", "hulp"], &[LowLiteracy, HealthLiteracy], 11),
    t(DebtPoverty, S, false, "Voedselbank uitgiftepunt {place}",
      "Wekelijks een voedselpakket voor huishoudens die tijdelijk niet rond kunnen komen, na een intakegesprek.",
      &["voedselbank", "voedsel", "armoede", "pakket", "rondkomen"], &[], 7),
    t(DebtPoverty, S, false, "Schuldhulpverlening gemeente {gemeente}",
      "De gemeente helpt inwoners met problematische schulden met een gratis adviesgesprek en zo nodig een schuldregeling.",
      &["schuldhulpverlening", "schuldregeling", "gemeente", "schulden", "advies"], &[], 5),
    // Transport, housing and household.
    t(TransportHousingHousehold, A, true, "Klusgroep {place}",
      "Vrijwilligers met twee rechterhanden helpen bij kleine klussen in huis en leren je zelf eenvoudige reparaties te doen.",
      &["klussen", "huis", "reparatie", "vrijwilligers", "wonen"], &[HomeSupport], 9),
    t(TransportHousingHousehold, S, false, "Vrijwillige vervoersdienst {gemeente}",
      "Vrijwilligers rijden u tegen een kleine kilometervergoeding naar de huisarts, het ziekenhuis of een activiteit.",
      &["vervoer", "rijden", "chauffeur", "ziekenhuis", "vrijwilligers"], &[Loneliness, ChronicIllness], 15),
    t(TransportHousingHousehold, S, false, "Woonadvies senioren {gemeente}",
      "Advies over langer zelfstandig wonen: aanpassingen in huis, verhuizen en hulpmiddelen.",
      &["wonen", "woonadvies", "senioren", "aanpassingen", "verhuizen"], &[HomeSupport], 15),
    t(TransportHousingHousehold, P, false, "Huishoudelijke hulp (Wmo) {gemeente}",
      "Hulp bij het schoonhouden van uw huis als u dat zelf niet meer kunt; een Wmo-indicatie is nodig.",
      &["huishouden", "schoonmaken", "wmo", "thuis", "hulp"], &[HomeSupport], 5),
    t(TransportHousingHousehold, P, false, "Regiotaxi en Wmo-vervoer {gemeente}",
      "Vervoer van deur tot deur voor mensen die niet zelfstandig kunnen reizen; een Wmo-pas is nodig.",
      &["vervoer", "taxi", "wmo", "reizen", "deur-tot-deur"], &[Loneliness], 5),
    // Leisure and daytime activities.
    t(LeisureDaytime, A, true, "Creatief atelier {place}",
      "Schilderen, tekenen en handwerken onder begeleiding, met koffie en aandacht voor elkaar.",
      &["creatief", "schilderen", "tekenen", "handwerken", "atelier"], &[Loneliness], 1),
    t(LeisureDaytime, A, true, "Buurtmoestuin {place}",
      "Samen zaaien, wieden en oogsten in de moestuin van de wijk, ook zonder ervaring.",
      &["tuinieren", "moestuin", "buiten", "groente", "samen"], &[Loneliness, Lifestyle], 7),
    t(LeisureDaytime, A, true, "Repair Café {place}",
      "Breng kapotte spullen mee en repareer ze samen met vrijwillige reparateurs, met een kop koffie erbij.",
      &["repareren", "repair", "vrijwilligers", "techniek", "duurzaam"], &[Loneliness, WorkReintegration], 7),
    t(LeisureDaytime, A, true, "Buurtkoor {place}",
      "Samen zingen in een laagdrempelig koor, notenlezen is niet nodig.",
      &["zingen", "koor", "muziek", "samen", "cultuur"], &[Loneliness, LowMoodAnxiety], 7),
    t(LeisureDaytime, A, true, "Biljart- en kaartclub {place}",
      "Iedere week biljarten, klaverjassen of sjoelen in het wijkcentrum.",
      &["biljart", "kaarten", "klaverjassen", "spelletjes", "wijkcentrum"], &[Loneliness], 1),
    t(LeisureDaytime, S, false, "Activiteitenwijzer {gemeente}",
      "Een vrijwilliger helpt u bij het vinden van een leuke activiteit, vereniging of cursus in de buurt en gaat de eerste keer mee.",
      &["activiteiten", "vereniging", "hobby", "meegaan", "vrije tijd"], &[Loneliness], 0),
    t(LeisureDaytime, P, true, "Dagbesteding {place}",
      "Dagbesteding met een vast programma, zinvolle activiteiten en begeleiding; een Wmo-indicatie is nodig.",
      &["dagbesteding", "structuur", "wmo", "activiteiten", "begeleiding"], &[Loneliness, HomeSupport], 9),
    // Parenting.
    t(Parenting, A, true, "Oudercafé {place}",
      "Ouders ontmoeten elkaar en praten over opvoeden, met af en toe een gastspreker van het jeugdteam.",
      &["ouders", "opvoeden", "kinderen", "ontmoeting", "café"], &[Loneliness], 13),
    t(Parenting, S, false, "Opvoedspreekuur {gemeente}",
      "Een pedagoog beantwoordt vragen over opvoeden, slapen, eten en gedrag van kinderen.",
      &["opvoeden", "pedagoog", "kinderen", "gedrag", "spreekuur"], &[], 13),
    t(Parenting, S, false, "Gezinsmaatje {gemeente}",
      "Een ervaren vrijwilliger ondersteunt een gezin met jonge kinderen een paar uur per week, thuis.",
      &["gezin", "ouders", "vrijwilliger", "kinderen", "thuis"], &[Loneliness, CarerStrain], 13),
    // (Volunteer) work and re-integration.
    t(WorkReintegration, A, true, "Werkplaats {place}",
      "Houtbewerking en fietsreparatie in een werkplaats met vaste tijden, om ritme op te doen en weer mee te doen.",
      &["werkplaats", "ritme", "houtbewerking", "fietsen", "meedoen"], &[LeisureDaytime], 14),
    t(WorkReintegration, A, true, "Sollicitatiecafé {gemeente}",
      "Samen werken aan je cv, sollicitatiebrieven en gesprekken, met hulp van vrijwilligers met werkervaring.",
      &["solliciteren", "werk", "cv", "vacatures", "baan"], &[LowLiteracy], 8),
    t(WorkReintegration, S, false, "Vrijwilligerscentrale {gemeente}",
      "Advies en bemiddeling naar vrijwilligerswerk dat past bij je interesses en mogelijkheden.",
      &["vrijwilligerswerk", "vrijwilliger", "bemiddeling", "meedoen", "zinvol"], &[Loneliness, LeisureDaytime], 8),
    t(WorkReintegration, P, false, "Participatiecoach {gemeente}",
      "Begeleiding op weg naar werk, opleiding of vrijwilligerswerk voor inwoners met een uitkering; aanmelding via de gemeente.",
      &["participatie", "werk", "uitkering", "coach", "re-integratie"], &[DebtPoverty], 14),
    // Support at home.
    t(HomeSupport, A, false, "Thuisadministratie {gemeente}",
      "Een vrijwilliger komt regelmatig langs om samen de post en administratie bij te houden.",
      &["administratie", "post", "thuis", "vrijwilliger", "overzicht"], &[DebtPoverty, LowLiteracy], 15),
    t(HomeSupport, S, false, "Vriendschappelijk huisbezoek {place}",
      "Vrijwilligers bezoeken ouderen thuis voor een praatje, een wandeling of een boodschap.",
      &["huisbezoek", "bezoek", "ouderen", "praatje", "thuis"], &[Loneliness], 15),
    t(HomeSupport, P, false, "Begeleiding aan huis (Wmo) {gemeente}",
      "Een begeleider helpt thuis bij het structureren van de dag, het huishouden en contacten; een Wmo-indicatie is nodig.",
      &["begeleiding", "thuis", "wmo", "structuur", "ambulant"], &[TransportHousingHousehold, DebtPoverty], 10),
];

macro_rules! generic {
    ($kind:expr, $group:expr, $name:literal, $desc:literal, $org:expr) => {
        Generic([
            generic!(@one Loneliness, $kind, $group, $name, "eenzaamheid", $desc, $org),
            generic!(@one LowMoodAnxiety, $kind, $group, $name, "somberheid en angst", $desc, $org),
            generic!(@one SleepWorry, $kind, $group, $name, "slapen en piekeren", $desc, $org),
            generic!(@one Burnout, $kind, $group, $name, "burn-out", $desc, $org),
            generic!(@one LifeEvent, $kind, $group, $name, "ingrijpende gebeurtenissen", $desc, $org),
            generic!(@one Lifestyle, $kind, $group, $name, "leefstijl", $desc, $org),
            generic!(@one ChronicIllness, $kind, $group, $name, "chronische ziekte", $desc, $org),
            generic!(@one CarerStrain, $kind, $group, $name, "mantelzorg", $desc, $org),
            generic!(@one LowLiteracy, $kind, $group, $name, "laaggeletterdheid", $desc, $org),
            generic!(@one HealthLiteracy, $kind, $group, $name, "gezondheidsvaardigheden", $desc, $org),
            generic!(@one DebtPoverty, $kind, $group, $name, "geldzorgen", $desc, $org),
            generic!(@one TransportHousingHousehold, $kind, $group, $name, "wonen en huishouden", $desc, $org),
            generic!(@one LeisureDaytime, $kind, $group, $name, "vrije tijd", $desc, $org),
            generic!(@one Parenting, $kind, $group, $name, "opvoeden", $desc, $org),
            generic!(@one WorkReintegration, $kind, $group, $name, "werk en meedoen", $desc, $org),
            generic!(@one HomeSupport, $kind, $group, $name, "ondersteuning thuis", $desc, $org),
        ])
    };
    (@one $area:expr, $kind:expr, $group:expr, $name:literal, $topic:literal, $desc:literal, $org:expr) => {
        t($area, $kind, $group,
          concat!($name, " ", $topic, " {gemeente}"),
          concat!($desc, " ", $topic, "."),
          &[$topic], &[], $org)
    };
}

#[rustfmt::skip]
const GENERIC: [Generic; 3] = [
    generic!(A, true, "Gespreksgroep",
        "Een laagdrempelige groep waar deelnemers ervaringen delen en elkaar verder helpen rond", 0),
    generic!(S, false, "Spreekuur",
        "Een welzijnswerker denkt met u mee en zoekt samen met u naar passende hulp bij", 0),
    generic!(P, false, "Individuele begeleiding",
        "Individuele begeleiding met een Wmo-indicatie voor inwoners die vastlopen rond", 5),
];

const ACTIVITY_CLOSING: &[&str] = &[
    "Nieuwe deelnemers zijn van harte welkom; je mag eerst een keer komen kijken.",
    "Aanmelden is niet nodig, kom gewoon langs.",
    "Meld je aan via de welzijnscoach of bel even van tevoren.",
    "De groep is klein, zodat er aandacht is voor iedereen.",
    "Een vrijwilliger vangt je de eerste keer op.",
];
const SERVICE_CLOSING: &[&str] = &[
    "U kunt zelf contact opnemen of u laten aanmelden door de huisarts of welzijnscoach.",
    "Een eerste gesprek is gratis en kan ook bij u thuis.",
    "Bel of mail voor een afspraak.",
    "Aanmelden kan ook via de praktijkondersteuner van de huisarts.",
];
const PROVISION_CLOSING: &[&str] = &[
    "Vraag een keukentafelgesprek aan bij het Wmo-loket van de gemeente.",
    "De indicatie wordt afgegeven na een gesprek met een consulent van de gemeente.",
    "De eigen bijdrage is het Wmo-abonnementstarief.",
];

const STREETS: &[&str] = &[
    "Dorpsstraat",
    "Kerkstraat",
    "Molenweg",
    "Julianalaan",
    "Stationsweg",
    "Wilhelminastraat",
    "Hoofdstraat",
    "Schoolstraat",
    "Beatrixlaan",
    "Oranjestraat",
    "Rijnstraat",
    "Zuidweg",
    "Noordeinde",
    "Parklaan",
    "Sportlaan",
    "Tulpstraat",
    "Lindelaan",
    "Marktplein",
    "Prinses Irenestraat",
    "Havenstraat",
];

/// SplitMix64: a tiny, fast, well-distributed generator; ample for synthetic data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5eed_0f5c_1a1e_d00d)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// An index drawn with probability proportional to `weights`.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|w| u64::from(*w)).sum();
        let mut r = self.below(total);
        for (i, w) in weights.iter().enumerate() {
            let w = u64::from(*w);
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len().saturating_sub(1)
    }
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
        let text = include_str!("../../../social-map/schema/wor-social-map-1.schema.json");
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
