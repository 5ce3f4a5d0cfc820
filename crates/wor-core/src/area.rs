//! The sixteen support areas (ondersteuningsgebieden) of the Welzijn op Recept plan.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// A support area. The snake_case id is a public contract: referrals, maps and outputs use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SupportArea {
    Loneliness,
    LowMoodAnxiety,
    SleepWorry,
    Burnout,
    LifeEvent,
    Lifestyle,
    ChronicIllness,
    CarerStrain,
    LowLiteracy,
    HealthLiteracy,
    DebtPoverty,
    TransportHousingHousehold,
    LeisureDaytime,
    Parenting,
    WorkReintegration,
    HomeSupport,
}

impl SupportArea {
    pub const ALL: [SupportArea; 16] = [
        Self::Loneliness,
        Self::LowMoodAnxiety,
        Self::SleepWorry,
        Self::Burnout,
        Self::LifeEvent,
        Self::Lifestyle,
        Self::ChronicIllness,
        Self::CarerStrain,
        Self::LowLiteracy,
        Self::HealthLiteracy,
        Self::DebtPoverty,
        Self::TransportHousingHousehold,
        Self::LeisureDaytime,
        Self::Parenting,
        Self::WorkReintegration,
        Self::HomeSupport,
    ];

    /// Dense index 0..16, for per-area arrays and bitsets.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Nl => self.label_nl(),
            Lang::En => self.label_en(),
        }
    }

    /// A short label for explanations ("helpt bij eenzaamheid").
    pub fn short_nl(self) -> &'static str {
        SHORT[self.index()].0
    }

    pub fn short_en(self) -> &'static str {
        SHORT[self.index()].1
    }

    fn info(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Self::Loneliness => (
                "loneliness",
                "Eenzaamheid en een beperkt sociaal netwerk",
                "Loneliness and a small social network",
            ),
            Self::LowMoodAnxiety => (
                "low_mood_anxiety",
                "Somberheid en angst (lichte GGZ-problematiek, inzet naast therapie)",
                "Low mood and anxiety (mild mental-health problems, alongside therapy)",
            ),
            Self::SleepWorry => (
                "sleep_worry",
                "Slaapproblemen, piekeren",
                "Sleep problems, worrying",
            ),
            Self::Burnout => (
                "burnout",
                "Burn-out met een beperkt netwerk",
                "Burn-out with a small network",
            ),
            Self::LifeEvent => (
                "life_event",
                "Na life-changing event zoals scheiding, verhuizing, rouw en verlies",
                "After a life-changing event such as divorce, moving house, grief and loss",
            ),
            Self::Lifestyle => ("lifestyle", "Ongezonde leefstijl", "Unhealthy lifestyle"),
            Self::ChronicIllness => ("chronic_illness", "Chronische ziekten", "Chronic illness"),
            Self::CarerStrain => (
                "carer_strain",
                "Overbelaste mantelzorgers",
                "Overburdened informal carers",
            ),
            Self::LowLiteracy => ("low_literacy", "Laaggeletterdheid", "Low literacy"),
            Self::HealthLiteracy => (
                "health_literacy",
                "Beperkte gezondheidsvaardigheden",
                "Limited health literacy",
            ),
            Self::DebtPoverty => (
                "debt_poverty",
                "Schulden en financiële problemen / armoede",
                "Debts, money problems and poverty",
            ),
            Self::TransportHousingHousehold => (
                "transport_housing_household",
                "Vervoer, wonen en huishouden",
                "Transport, housing and household",
            ),
            Self::LeisureDaytime => (
                "leisure_daytime",
                "Vrije tijd en dagbesteding",
                "Leisure and daytime activities",
            ),
            Self::Parenting => (
                "parenting",
                "Opvoeden (ondersteuning ouders)",
                "Parenting (support for parents)",
            ),
            Self::WorkReintegration => (
                "work_reintegration",
                "(Vrijwilligers)werk en re-integratie",
                "(Volunteer) work and re-integration",
            ),
            Self::HomeSupport => ("home_support", "Begeleiding aan huis", "Support at home"),
        }
    }
}

const SHORT: [(&str, &str); 16] = [
    ("eenzaamheid", "loneliness"),
    ("somberheid en angst", "low mood and anxiety"),
    ("slapen en piekeren", "sleep and worrying"),
    ("burn-out", "burn-out"),
    ("ingrijpende gebeurtenis", "life event"),
    ("leefstijl", "lifestyle"),
    ("chronische ziekte", "chronic illness"),
    ("mantelzorg", "carer strain"),
    ("laaggeletterdheid", "low literacy"),
    ("gezondheidsvaardigheden", "health literacy"),
    ("geldzorgen", "money worries"),
    (
        "vervoer, wonen en huishouden",
        "transport, housing and household",
    ),
    (
        "vrije tijd en dagbesteding",
        "leisure and daytime activities",
    ),
    ("opvoeden", "parenting"),
    ("(vrijwilligers)werk", "(volunteer) work"),
    ("begeleiding thuis", "support at home"),
];

crate::labels::labelled!(SupportArea);

impl FromStr for SupportArea {
    type Err = UnknownArea;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_id(s).ok_or_else(|| UnknownArea(s.to_string()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown support area '{0}' (known: loneliness, low_mood_anxiety, sleep_worry, burnout, life_event, lifestyle, chronic_illness, carer_strain, low_literacy, health_literacy, debt_poverty, transport_housing_household, leisure_daytime, parenting, work_reintegration, home_support)")]
pub struct UnknownArea(pub String);

/// The two user-facing languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

/// A small set of support areas (a 16-bit mask): cheap to copy, compare and intersect.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct AreaSet(u16);

impl AreaSet {
    pub fn insert(&mut self, area: SupportArea) {
        self.0 |= 1 << area.index();
    }
    pub fn contains(self, area: SupportArea) -> bool {
        self.0 & (1 << area.index()) != 0
    }
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn intersection(self, other: AreaSet) -> AreaSet {
        AreaSet(self.0 & other.0)
    }
    pub fn union(self, other: AreaSet) -> AreaSet {
        AreaSet(self.0 | other.0)
    }
    pub fn iter(self) -> impl Iterator<Item = SupportArea> {
        SupportArea::ALL
            .into_iter()
            .filter(move |a| self.contains(*a))
    }
}

impl FromIterator<SupportArea> for AreaSet {
    fn from_iter<I: IntoIterator<Item = SupportArea>>(iter: I) -> Self {
        let mut set = AreaSet::default();
        for a in iter {
            set.insert(a);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for (i, a) in SupportArea::ALL.iter().enumerate() {
            assert_eq!(a.index(), i);
            assert_eq!(a.id().parse::<SupportArea>().unwrap(), *a);
            assert_eq!(serde_json::to_string(a).unwrap(), format!("\"{}\"", a.id()));
            assert!(seen.insert(a.id()));
            assert!(!a.label_nl().is_empty() && !a.label_en().is_empty());
        }
    }

    #[test]
    fn unknown_area_is_an_error_naming_it() {
        let err = "eenzaamheid".parse::<SupportArea>().unwrap_err();
        assert!(err.to_string().contains("'eenzaamheid'"));
    }
}
