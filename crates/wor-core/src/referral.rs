//! The referral input contract (one JSON object per referral) and its validation.
//!
//! Errors always name the field (`areas[2].severity`, `preferences.max_km`) so that a social worker or an
//! integrator can fix the record without reading code.

use crate::area::SupportArea;
use crate::audience::{Audience, AudienceSet};
use crate::life_event::{LifeEvent, LifeEventSet};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeSet;

/// Documented limits, enforced with a clear error.
pub mod limits {
    /// Maximum length of the free-text note, in characters.
    pub const MAX_TEXT_CHARS: usize = 10_000;
    /// Maximum length of a referral id, in characters.
    pub const MAX_ID_CHARS: usize = 128;
    /// Maximum size of one referral (one JSONL line), in bytes.
    pub use crate::json::MAX_RECORD_BYTES;
    /// Highest plausible age.
    pub const MAX_AGE: i64 = 120;
}

/// One referral as the engine reads it (docs/referrals-and-csv.md): who the resident is, what the referrer
/// wrote and ticked, and what the resident wishes. Optional fields may be left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Referral {
    pub id: String,
    pub age: i64,
    pub consent: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub municipality: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub postcode: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<AreaNeed>>", optional))]
    pub areas: Vec<AreaNeed>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub screening: Option<Screening>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Flag>>", optional))]
    pub flags: Vec<Flag>,
    #[serde(default, skip_serializing_if = "Preferences::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Preferences>", optional))]
    pub preferences: Preferences,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub referrer: Option<Referrer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub positive_health: Option<PositiveHealth>,
    /// The day of the referral (historic cases also record it as `dates.referred`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub date: Option<crate::date::Date>,
    /// The referring practice: AGB code or name (monitoring counts referrals per practice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub practice: Option<String>,
    /// How the referral arrived (KPI x.5 counts ZorgDomein and VIP Live).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub channel: Option<Channel>,
    /// Audience ids the referrer knows the resident belongs to, beyond what the engine derives
    /// ([`Referral::audiences`]). Text, checked by `validate` like the language codes: a typed list would
    /// compile one more sequence deserializer into the size-budgeted wasm module.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub audience: Vec<String>,
    /// Kinds of life event the referrer knows the resident went through ([`crate::life_event`]), beyond
    /// those the note names. Text, checked by `validate` (as `audience`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub life_events: Vec<String>,
}

/// The route a referral took to the social domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Channel {
    Zorgdomein,
    VipLive,
    PoSociaal,
    Direct,
    Other,
}

impl Channel {
    pub const ALL: [Channel; 5] = [
        Channel::Zorgdomein,
        Channel::VipLive,
        Channel::PoSociaal,
        Channel::Direct,
        Channel::Other,
    ];

    /// The contract id (`zorgdomein`, `vip_live`, ...).
    pub fn id(self) -> &'static str {
        match self {
            Channel::Zorgdomein => "zorgdomein",
            Channel::VipLive => "vip_live",
            Channel::PoSociaal => "po_sociaal",
            Channel::Direct => "direct",
            Channel::Other => "other",
        }
    }

    /// ZorgDomein or VIP Live: the electronic referral systems of KPIs 5.5, 6.5 and 7.5.
    pub fn is_electronic(self) -> bool {
        matches!(self, Channel::Zorgdomein | Channel::VipLive)
    }
}

/// An explicitly stated support area with its severity (1 mild .. 3 severe).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AreaNeed {
    pub area: SupportArea,
    /// 1-3; 2 when absent.
    #[serde(default = "default_severity")]
    #[cfg_attr(feature = "ts", ts(as = "Option<u8>", optional))]
    pub severity: u8,
}

fn default_severity() -> u8 {
    2
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Screening {
    #[serde(rename = "4dkl", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub four_dkl: Option<FourDkl>,
}

/// 4DKL (Vierdimensionale Klachtenlijst) sum scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FourDkl {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub distress: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub depression: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub anxiety: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub somatization: Option<u32>,
}

impl FourDkl {
    /// The scales (field id, maximum sum score), in the questionnaire's order: the one list the
    /// contract checks and the page builds its fields from.
    pub const SCALES: [(&'static str, u32); 4] = [
        ("distress", 32),
        ("depression", 12),
        ("anxiety", 24),
        ("somatization", 32),
    ];

    /// (field, value, maximum sum score) for each scale.
    fn scales(&self) -> impl Iterator<Item = (&'static str, Option<u32>, u32)> {
        let values = [
            self.distress,
            self.depression,
            self.anxiety,
            self.somatization,
        ];
        Self::SCALES
            .into_iter()
            .zip(values)
            .map(|((id, max), value)| (id, value, max))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Flag {
    SuicidalIdeation,
    PsychosisSuspected,
    AcuteDanger,
    MentalDisorderSuspected,
}

impl Flag {
    pub const ALL: [Flag; 4] = [
        Flag::SuicidalIdeation,
        Flag::PsychosisSuspected,
        Flag::AcuteDanger,
        Flag::MentalDisorderSuspected,
    ];
    pub fn id(self) -> &'static str {
        self.labels().0
    }
    pub fn label_nl(self) -> &'static str {
        self.labels().1
    }
    pub fn label_en(self) -> &'static str {
        self.labels().2
    }
    /// Id, Dutch and English label: what the GP ticks in the page.
    fn labels(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Flag::SuicidalIdeation => (
                "suicidal_ideation",
                "Suïcidale gedachten met plan of intentie",
                "Suicidal thoughts with plan or intent",
            ),
            Flag::PsychosisSuspected => (
                "psychosis_suspected",
                "Vermoeden van psychose",
                "Suspected psychosis",
            ),
            Flag::AcuteDanger => ("acute_danger", "Acuut gevaar", "Acute danger"),
            Flag::MentalDisorderSuspected => (
                "mental_disorder_suspected",
                "Vermoeden van een psychische stoornis",
                "Suspected mental disorder",
            ),
        }
    }
    pub fn is_acute(self) -> bool {
        !matches!(self, Flag::MentalDisorderSuspected)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Referrer {
    Gp,
    Poh,
    Paramedic,
    Pharmacist,
    Hospital,
    HomeCare,
}

impl Referrer {
    pub const ALL: [Referrer; 6] = [
        Referrer::Gp,
        Referrer::Poh,
        Referrer::Paramedic,
        Referrer::Pharmacist,
        Referrer::Hospital,
        Referrer::HomeCare,
    ];

    /// The contract id (`gp`, `poh`, ...).
    pub fn id(self) -> &'static str {
        [
            "gp",
            "poh",
            "paramedic",
            "pharmacist",
            "hospital",
            "home_care",
        ][self as usize]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Self::Mon,
        Self::Tue,
        Self::Wed,
        Self::Thu,
        Self::Fri,
        Self::Sat,
        Self::Sun,
    ];
    pub fn id(self) -> &'static str {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][self as usize]
    }
    pub fn label_nl(self) -> &'static str {
        [
            "maandag",
            "dinsdag",
            "woensdag",
            "donderdag",
            "vrijdag",
            "zaterdag",
            "zondag",
        ][self as usize]
    }
    pub fn label_en(self) -> &'static str {
        [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][self as usize]
    }
}

/// Part of the day: morning before 12:00, afternoon 12:00-17:00, evening from 17:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum DayPart {
    Morning,
    Afternoon,
    Evening,
}

impl DayPart {
    pub const ALL: [DayPart; 3] = [DayPart::Morning, DayPart::Afternoon, DayPart::Evening];
    pub fn id(self) -> &'static str {
        ["morning", "afternoon", "evening"][self as usize]
    }
    pub fn of_minute(minute_of_day: u16) -> DayPart {
        match minute_of_day {
            0..720 => DayPart::Morning,
            720..1020 => DayPart::Afternoon,
            _ => DayPart::Evening,
        }
    }
    pub fn label_nl(self) -> &'static str {
        ["ochtend", "middag", "avond"][self as usize]
    }
    pub fn label_en(self) -> &'static str {
        ["morning", "afternoon", "evening"][self as usize]
    }
}

/// What the resident needs for an activity to be feasible. All optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Preferences {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub max_km: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub max_eur_per_month: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Weekday>>", optional))]
    pub days: Vec<Weekday>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<DayPart>>", optional))]
    pub times: Vec<DayPart>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub languages: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub group: Option<bool>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub wheelchair: bool,
    /// Only the stated days and parts of day ("alleen deze dagen"): entries with fixed slots at other
    /// moments are left out instead of ranked lower.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub strict_days: bool,
}

impl Preferences {
    fn is_empty(&self) -> bool {
        *self == Preferences::default()
    }
}

/// Positive Health (Positieve Gezondheid) spider web, each dimension scored 0-10 by the resident.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PositiveHealth {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub lichaamsfuncties: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub mentaal_welbevinden: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub zingeving: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub kwaliteit_van_leven: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub meedoen: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub dagelijks_functioneren: Option<f64>,
}

impl PositiveHealth {
    /// The six dimension ids, in the model's order.
    pub const DIMENSIONS: [&'static str; 6] = [
        "lichaamsfuncties",
        "mentaal_welbevinden",
        "zingeving",
        "kwaliteit_van_leven",
        "meedoen",
        "dagelijks_functioneren",
    ];
    /// Every dimension is scored 0 to this.
    pub const MAX: u32 = 10;

    /// (dimension id, score) for each filled-in dimension, in the model's order.
    pub fn dimensions(&self) -> impl Iterator<Item = (&'static str, f64)> {
        let values = [
            self.lichaamsfuncties,
            self.mentaal_welbevinden,
            self.zingeving,
            self.kwaliteit_van_leven,
            self.meedoen,
            self.dagelijks_functioneren,
        ];
        Self::DIMENSIONS
            .into_iter()
            .zip(values)
            .filter_map(|(name, v)| v.map(|v| (name, v)))
    }
}

pub use crate::error::{Code, FieldError, FieldErrors};
// Where callers have always found them; they live in `json`, which every record format shares.
use crate::json::{from_json_quiet, from_json_tracking, parse_record};
pub use crate::json::{parse_tracked, shown, shown_value, Parsed, Strictness, MAX_SHOWN_CHARS};

/// A number for a message: plain when reasonable, scientific when huge.
fn number(v: f64) -> String {
    if v.abs() < 1e9 {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

impl Referral {
    /// Parses and validates one referral from JSON; on failure, every problem found.
    /// A postcode in none of the regions' municipalities is a warning (an error in strict mode).
    pub fn from_json(json: &str, mode: Strictness) -> Result<Parsed<Referral>, FieldErrors> {
        let parse = |json: &str| {
            from_json_tracking(json).map(|mut parsed: Parsed<Referral>| {
                parsed
                    .warnings
                    .extend(parsed.value.postcode_outside_regions());
                parsed
            })
        };
        parse_record(json, mode, parse, Referral::validate)
    }

    /// The warning for a well-formed postcode whose PC4 area lies in none of the regions'
    /// municipalities (the route is then the municipality's own welfare organisation).
    pub fn postcode_outside_regions(&self) -> Option<FieldError> {
        let pc4 = self.pc4()?;
        if crate::geo::pc4(pc4).is_some() {
            return None;
        }
        Some(
            FieldError::new(
                "postcode",
                Code::NotCovered,
                format!("postcode area {pc4} lies in none of the municipalities of Zuid-Holland Noord, Amstelland or Haarlemmermeer"),
            )
            .with("value", pc4),
        )
    }

    /// [`Referral::from_json`] in lenient mode without its warnings, for the page, which shows none:
    /// not looking for unknown fields keeps the wasm module smaller. Same referral, same errors.
    pub fn from_json_quiet(json: &str) -> Result<Referral, FieldErrors> {
        parse_record(
            json,
            Strictness::Lenient,
            from_json_quiet,
            Referral::validate,
        )
        .map(|p| p.value)
    }

    /// Checks every rule of the contract beyond the JSON shape, collecting all problems (in the
    /// contract's field order).
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = Vec::new();
        let mut push = |e: FieldError| errors.push(e);
        self.check_id_and_age(&mut push);
        self.check_place(&mut push);
        self.check_practice(&mut push);
        self.check_needs(&mut push);
        self.check_flags(&mut push);
        self.preferences.validate(&mut push);
        check_ids::<Audience>(&self.audience, "audience", &mut push);
        check_ids::<LifeEvent>(&self.life_events, "life_events", &mut push);
        self.check_positive_health(&mut push);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The id (non-empty, short, printable) and the age.
    fn check_id_and_age(&self, push: &mut impl FnMut(FieldError)) {
        let id_chars = self.id.chars().count();
        if self.id.trim().is_empty() {
            push(FieldError::new("id", Code::Empty, "must not be empty"));
        } else if id_chars > limits::MAX_ID_CHARS {
            push(
                FieldError::new(
                    "id",
                    Code::TooLong,
                    format!("longer than {} characters", limits::MAX_ID_CHARS),
                )
                .with("max", limits::MAX_ID_CHARS)
                .with("got", id_chars)
                .with("unit", "characters"),
            );
        } else if self.id.chars().any(char::is_control) {
            push(
                FieldError::new("id", Code::InvalidFormat, "contains control characters")
                    .with("format", "id"),
            );
        }
        if !(0..=limits::MAX_AGE).contains(&self.age) {
            push(out_of_range(
                "age",
                format!(
                    "must be between 0 and {}, got {}",
                    limits::MAX_AGE,
                    self.age
                ),
                0,
                limits::MAX_AGE,
                self.age,
            ));
        }
    }

    /// Where the resident lives: a municipality or a postcode, the postcode well-formed.
    fn check_place(&self, push: &mut impl FnMut(FieldError)) {
        let municipality = self.municipality.as_deref().map(str::trim);
        let postcode = self.postcode.as_deref().map(str::trim);
        if municipality.is_none_or(str::is_empty) && postcode.is_none_or(str::is_empty) {
            push(
                FieldError::new(
                    "municipality",
                    Code::Missing,
                    "give a municipality (name or CBS code) or a postcode",
                )
                .with("one_of", ["municipality", "postcode"].as_slice()),
            );
        }
        // A misspelled municipality is the same error with a postcode as without one (the postcode
        // would otherwise decide silently), with the name it most likely means.
        if let Some(name) = municipality.filter(|m| !m.is_empty()) {
            if crate::geo::municipality(name).is_none() {
                push(unknown_municipality(name));
            }
        }
        if let Some(pc) = postcode.filter(|pc| pc4_of(pc).is_none()) {
            push(
                FieldError::new(
                    "postcode",
                    Code::InvalidFormat,
                    format!(
                        "{} is not a Dutch postcode (expected 1234 or 1234 AB)",
                        shown(pc)
                    ),
                )
                .with("format", "postcode")
                .with("value", shown_value(pc)),
            );
        }
    }

    /// The practice, when given: non-empty, short, printable.
    fn check_practice(&self, push: &mut impl FnMut(FieldError)) {
        if let Some(practice) = &self.practice {
            let chars = practice.chars().count();
            if practice.trim().is_empty() {
                push(FieldError::new(
                    "practice",
                    Code::Empty,
                    "must not be empty",
                ));
            } else if chars > limits::MAX_ID_CHARS {
                push(
                    FieldError::new(
                        "practice",
                        Code::TooLong,
                        format!("longer than {} characters", limits::MAX_ID_CHARS),
                    )
                    .with("max", limits::MAX_ID_CHARS)
                    .with("got", chars)
                    .with("unit", "characters"),
                );
            } else if practice.chars().any(char::is_control) {
                push(
                    FieldError::new(
                        "practice",
                        Code::InvalidFormat,
                        "contains control characters",
                    )
                    .with("format", "id"),
                );
            }
        }
    }

    /// The support areas, the note and the 4DKL scores.
    fn check_needs(&self, push: &mut impl FnMut(FieldError)) {
        let mut seen = BTreeSet::new();
        for (i, need) in self.areas.iter().enumerate() {
            if !(1..=3).contains(&need.severity) {
                push(out_of_range(
                    format!("areas[{i}].severity"),
                    format!("must be 1, 2 or 3, got {}", need.severity),
                    1,
                    3,
                    need.severity,
                ));
            }
            if !seen.insert(need.area) {
                push(
                    FieldError::new(
                        format!("areas[{i}].area"),
                        Code::Duplicate,
                        format!("'{}' is listed more than once", need.area),
                    )
                    .with("value", need.area.id()),
                );
            }
        }
        if let Some(text) = &self.text {
            let n = text.chars().count();
            if n > limits::MAX_TEXT_CHARS {
                push(
                    FieldError::new(
                        "text",
                        Code::TooLong,
                        format!("is {n} characters; the limit is {}", limits::MAX_TEXT_CHARS),
                    )
                    .with("max", limits::MAX_TEXT_CHARS)
                    .with("got", n)
                    .with("unit", "characters"),
                );
            }
        }
        if let Some(dkl) = self.screening.and_then(|s| s.four_dkl) {
            for (name, value, max) in dkl.scales() {
                if let Some(v) = value.filter(|v| *v > max) {
                    push(out_of_range(
                        format!("screening.4dkl.{name}"),
                        format!("must be between 0 and {max}, got {v}"),
                        0,
                        max,
                        v,
                    ));
                }
            }
        }
    }

    /// Each risk flag once.
    fn check_flags(&self, push: &mut impl FnMut(FieldError)) {
        let mut flags = BTreeSet::new();
        for (i, flag) in self.flags.iter().enumerate() {
            if !flags.insert(*flag) {
                push(
                    FieldError::new(
                        format!("flags[{i}]"),
                        Code::Duplicate,
                        "listed more than once",
                    )
                    .with("value", serde_json::to_value(flag).unwrap_or(Value::Null)),
                );
            }
        }
    }

    /// The Positive Health scores within 0-10.
    fn check_positive_health(&self, push: &mut impl FnMut(FieldError)) {
        if let Some(ph) = &self.positive_health {
            for (name, v) in ph.dimensions() {
                let max = PositiveHealth::MAX;
                if !(0.0..=f64::from(max)).contains(&v) {
                    push(out_of_range(
                        format!("positive_health.{name}"),
                        format!("must be between 0 and {max}, got {}", number(v)),
                        0,
                        max,
                        v,
                    ));
                }
            }
        }
    }

    pub fn audiences(&self) -> AudienceSet {
        self.audience
            .iter()
            .filter_map(|id| id.parse().ok())
            .collect()
    }

    /// The kinds of life event the referral states (ids that do not parse are skipped: `validate`
    /// refuses them).
    pub fn life_event_set(&self) -> LifeEventSet {
        self.life_events
            .iter()
            .filter_map(|id| id.parse().ok())
            .collect()
    }

    /// The 4-digit PC4 of the postcode, when given.
    pub fn pc4(&self) -> Option<u16> {
        self.postcode.as_deref().and_then(pc4_of)
    }

    pub fn has_acute_flag(&self) -> bool {
        self.flags.iter().any(|f| f.is_acute())
    }
}

/// A value outside `min..=max` (either bound may be absent from the message, never from `params`).
pub(crate) fn out_of_range(
    field: impl Into<String>,
    message: String,
    min: impl Into<Value>,
    max: impl Into<Value>,
    got: impl Into<Value>,
) -> FieldError {
    FieldError::new(field, Code::OutOfRange, message)
        .with("min", min)
        .with("max", max)
        .with("got", got)
}

impl Preferences {
    fn validate(&self, push: &mut impl FnMut(FieldError)) {
        if let Some(km) = self.max_km {
            if !(km.is_finite() && km > 0.0 && km <= 500.0) {
                push(
                    FieldError::new(
                        "preferences.max_km",
                        Code::OutOfRange,
                        format!(
                            "must be a distance between 0 and 500 km, got {}",
                            number(km)
                        ),
                    )
                    .with("min", 0)
                    .with("max", 500)
                    .with("got", finite(km))
                    .with("unit", "km"),
                );
            }
        }
        if let Some(eur) = self.max_eur_per_month {
            if !(eur.is_finite() && eur >= 0.0) {
                push(
                    FieldError::new(
                        "preferences.max_eur_per_month",
                        Code::OutOfRange,
                        format!("must be an amount of at least 0, got {}", number(eur)),
                    )
                    .with("min", 0)
                    .with("got", finite(eur))
                    .with("unit", "eur"),
                );
            }
        }
        if self.strict_days && self.days.is_empty() && self.times.is_empty() {
            push(
                FieldError::new(
                    "preferences.strict_days",
                    Code::Inconsistent,
                    "needs preferences.days or preferences.times",
                )
                .with("other", "preferences.days"),
            );
        }
        for (i, lang) in self.languages.iter().enumerate() {
            if !is_iso639_1(lang) {
                push(
                    FieldError::new(
                        format!("preferences.languages[{i}]"),
                        Code::InvalidFormat,
                        format!(
                            "{} is not a two-letter ISO 639-1 code (e.g. nl, en, tr, ar)",
                            shown(lang)
                        ),
                    )
                    .with("format", "language")
                    .with("value", shown_value(lang)),
                );
            }
        }
    }
}

/// A number for `params`; JSON has no NaN or infinity, so those become null.
fn finite(v: f64) -> Value {
    serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
}

pub(crate) fn is_iso639_1(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// A municipality name that is none of the regions' (a CBS code or a name), with the name it most likely
/// means as `suggestion` when one is near.
pub(crate) fn unknown_municipality(name: &str) -> FieldError {
    let near = crate::geo::closest_municipality(name);
    let hint = near.map_or(
        "; for a resident outside the regions give the postcode alone".to_string(),
        |m| format!("; did you mean {}?", m.name),
    );
    let e = FieldError::new(
        "municipality",
        Code::UnknownValue,
        format!(
            "{} is not a municipality of Zuid-Holland Noord, Amstelland or Haarlemmermeer{hint}",
            shown(name)
        ),
    )
    .with("value", shown_value(name));
    match near {
        Some(m) => e.with("suggestion", m.name),
        None => e,
    }
}

/// Parses "1234", "1234AB" or "1234 AB" into the numeric PC4 (1000-9999).
pub fn pc4_of(postcode: &str) -> Option<u16> {
    let pc = postcode.trim();
    let digits = pc.get(..4)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) || digits.starts_with('0') {
        return None;
    }
    let rest = pc[4..].trim_start();
    let letters_ok =
        rest.is_empty() || (rest.len() == 2 && rest.bytes().all(|b| b.is_ascii_alphabetic()));
    letters_ok.then(|| digits.parse().ok()).flatten()
}

/// Checks a list of closed-list ids (`audience`, `life_events` of referrals and map entries): each
/// known, none twice. Returns the valid values.
pub(crate) fn check_ids<T>(ids: &[String], name: &str, push: &mut impl FnMut(FieldError)) -> Vec<T>
where
    T: std::str::FromStr + PartialEq + std::fmt::Display,
    T::Err: std::fmt::Display,
{
    let mut seen: Vec<T> = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let field = format!("{name}[{i}]");
        match id.parse::<T>() {
            Err(e) => push(
                FieldError::new(field, Code::UnknownValue, e.to_string())
                    .with("value", shown_value(id)),
            ),
            Ok(a) if seen.contains(&a) => push(
                FieldError::new(
                    field,
                    Code::Duplicate,
                    format!("'{a}' is listed more than once"),
                )
                .with("value", shown_value(id)),
            ),
            Ok(a) => seen.push(a),
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page builds its checkboxes from these ids and sends them back in referrals: they must be
    /// the serde names the parser accepts.
    #[test]
    fn list_ids_are_the_contract_names() {
        let name = |v: serde_json::Value| v.as_str().unwrap().to_owned();
        for f in Flag::ALL {
            assert_eq!(name(serde_json::to_value(f).unwrap()), f.id());
        }
        for d in Weekday::ALL {
            assert_eq!(name(serde_json::to_value(d).unwrap()), d.id());
        }
        for p in DayPart::ALL {
            assert_eq!(name(serde_json::to_value(p).unwrap()), p.id());
        }
    }
}
