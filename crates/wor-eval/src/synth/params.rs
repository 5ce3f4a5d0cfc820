//! The generator's constants, kept together so they can be read and cited.

/// Age bands (from, to inclusive, share).
pub const AGE_BANDS: [(i64, i64, f64); 6] = [
    (18, 29, 0.07),
    (30, 44, 0.13),
    (45, 64, 0.27),
    (65, 74, 0.23),
    (75, 84, 0.20),
    (85, 95, 0.10),
];
/// Main-area weights (under 65, 65 and over), in `SupportArea::ALL` order.
pub const AREA_WEIGHTS: [(f64, f64); 16] = [
    (0.14, 0.30), // loneliness
    (0.09, 0.05), // low_mood_anxiety
    (0.06, 0.05), // sleep_worry
    (0.09, 0.01), // burnout
    (0.08, 0.12), // life_event
    (0.06, 0.04), // lifestyle
    (0.03, 0.07), // chronic_illness
    (0.06, 0.09), // carer_strain
    (0.04, 0.03), // low_literacy
    (0.02, 0.04), // health_literacy
    (0.14, 0.04), // debt_poverty
    (0.02, 0.05), // transport_housing_household
    (0.04, 0.06), // leisure_daytime
    (0.04, 0.00), // parenting
    (0.08, 0.00), // work_reintegration
    (0.01, 0.05), // home_support
];
/// Triage labels (route, share).
pub const ROUTES: [(&str, f64); 6] = [
    ("wor", 0.80),
    ("wor_and_mgn", 0.08),
    ("mgn", 0.05),
    ("medical", 0.03),
    ("not_eligible", 0.03),
    ("urgent", 0.01),
];
/// Home languages (ISO 639-1, share); Amstelveen has more English speakers (×4).
pub const LANGUAGES: [(&str, f64); 9] = [
    ("nl", 0.86),
    ("tr", 0.03),
    ("ar", 0.03),
    ("pl", 0.02),
    ("en", 0.02),
    ("uk", 0.015),
    ("ti", 0.01),
    ("fa", 0.01),
    ("so", 0.005),
];
/// Distance tolerance in km by age band (under 65, 65-74, 75+) and its log-normal spread.
pub const TOLERANCE_KM: [f64; 3] = [6.0, 4.0, 2.5];
pub const TOLERANCE_SIGMA: f64 = 0.45;
pub const WHEELCHAIR_TOLERANCE: f64 = 0.6;
/// Services by appointment count this share of the distance.
pub const APPOINTMENT_DISTANCE: f64 = 1.0 / 3.0;
pub const BASE_ARRIVE: f64 = 0.88;
pub const MAX_ARRIVE: f64 = 0.97;
pub const BASE_STAY: f64 = 0.72;
pub const MAX_STAY: f64 = 0.95;
/// Activities judged per case (by expected gain), besides the offered ones.
pub const JUDGED: usize = 30;
/// Median days to first contact per region, and the log-normal spread.
pub const FIRST_CONTACT_MEDIAN_DAYS: [(&str, f64); 3] = [
    ("zuid-holland-noord", 6.0),
    ("amstelland", 8.0),
    ("haarlemmermeer", 11.0),
];
pub const FIRST_CONTACT_SIGMA: f64 = 0.55;
pub const NOT_REACHED: f64 = 0.05;
/// Dropped out after the first conversation: not taken into care.
pub const DROPOUT: f64 = 0.05;
pub const DECLINES_OFFER: f64 = 0.08;
/// Conversations 1..=6.
pub const CONVERSATIONS: [f64; 6] = [0.30, 0.35, 0.20, 0.10, 0.03, 0.02];
/// Referring practices per region (assumption, for monitoring per practice).
pub const PRACTICES: [(&str, usize); 3] = [
    ("zuid-holland-noord", 60),
    ("amstelland", 20),
    ("haarlemmermeer", 20),
];
/// Each practice's usual channel: ZorgDomein, VIP Live, PO-sociaal, direct (assumption); a referral
/// takes the practice's usual channel with `USUAL_CHANNEL`, else it comes in directly.
pub const CHANNEL_SHARES: [f64; 4] = [0.5, 0.2, 0.15, 0.15];
pub const USUAL_CHANNEL: f64 = 0.85;
