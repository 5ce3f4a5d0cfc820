//! Audiences (doelgroepen): who a map entry is meant for, and to whom a resident belongs.
//!
//! One closed list for map entries (`audience`: who it is for) and referrals (`audience`: what the
//! referrer knows). The engine derives what it can from age and support areas ([`derived`]); the rest
//! (newcomers, men, women, ...) only the referral can say.

use crate::area::SupportArea;
use crate::json::shown;
use serde::Serialize;
use std::str::FromStr;

/// An audience id; the snake_case id is a public contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Newcomers,
    OlderAdults,
    YoungAdults,
    Parents,
    Carers,
    Men,
    Women,
    PeopleWithChronicIllness,
    LowIncome,
}

impl Audience {
    pub const ALL: [Audience; 9] = [
        Self::Newcomers,
        Self::OlderAdults,
        Self::YoungAdults,
        Self::Parents,
        Self::Carers,
        Self::Men,
        Self::Women,
        Self::PeopleWithChronicIllness,
        Self::LowIncome,
    ];

    /// (id, Dutch label, English label); the labels complete "voor ..." / "for ...".
    fn info(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Self::Newcomers => ("newcomers", "nieuwkomers", "newcomers"),
            Self::OlderAdults => ("older_adults", "ouderen", "older adults"),
            Self::YoungAdults => ("young_adults", "jongvolwassenen", "young adults"),
            Self::Parents => ("parents", "ouders", "parents"),
            Self::Carers => ("carers", "mantelzorgers", "carers"),
            Self::Men => ("men", "mannen", "men"),
            Self::Women => ("women", "vrouwen", "women"),
            Self::PeopleWithChronicIllness => (
                "people_with_chronic_illness",
                "mensen met een chronische ziekte",
                "people with a chronic illness",
            ),
            Self::LowIncome => (
                "low_income",
                "mensen met een laag inkomen",
                "people on a low income",
            ),
        }
    }
}

crate::labels::labelled!(Audience);

impl FromStr for Audience {
    type Err = UnknownAudience;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_id(s).ok_or_else(|| UnknownAudience(shown(s)))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown audience {0} (known: newcomers, older_adults, young_adults, parents, carers, men, women, people_with_chronic_illness, low_income)")]
pub struct UnknownAudience(pub String);

crate::labels::bit_set!(
    /// A set of audiences as a bit mask: packed into the matcher's hot entry fields.
    AudienceSet of Audience
);

/// The audiences the engine can tell from age and support areas (design.md, "Contract additions"):
/// 65+ older adults, 18-27 young adults, and one audience per area that names a group of people.
pub fn derived(age: i64, areas: impl IntoIterator<Item = SupportArea>) -> AudienceSet {
    let mut set = AudienceSet::default();
    if age >= 65 {
        set.insert(Audience::OlderAdults);
    }
    if (18..=27).contains(&age) {
        set.insert(Audience::YoungAdults);
    }
    for area in areas {
        let audience = match area {
            SupportArea::CarerStrain => Audience::Carers,
            SupportArea::Parenting => Audience::Parents,
            SupportArea::ChronicIllness => Audience::PeopleWithChronicIllness,
            SupportArea::DebtPoverty => Audience::LowIncome,
            _ => continue,
        };
        set.insert(audience);
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_match_serde() {
        for (i, a) in Audience::ALL.into_iter().enumerate() {
            assert_eq!(a as usize, i);
            assert_eq!(a.id().parse::<Audience>().unwrap(), a);
            assert_eq!(
                serde_json::to_string(&a).unwrap(),
                format!("\"{}\"", a.id())
            );
        }
        let err = "nieuwkomers".parse::<Audience>().unwrap_err().to_string();
        assert!(
            err.contains("'nieuwkomers'") && err.contains("low_income"),
            "{err}"
        );
    }

    #[test]
    fn derivation_follows_the_contract() {
        use SupportArea::*;
        let set = |age, areas: &[SupportArea]| derived(age, areas.iter().copied());
        assert_eq!(
            set(74, &[Loneliness]).iter().collect::<Vec<_>>(),
            [Audience::OlderAdults]
        );
        assert!(!set(64, &[]).contains(Audience::OlderAdults));
        assert!(set(65, &[]).contains(Audience::OlderAdults));
        assert!(set(18, &[]).contains(Audience::YoungAdults));
        assert!(set(27, &[]).contains(Audience::YoungAdults));
        assert!(set(28, &[]).is_empty());
        assert!(set(17, &[]).is_empty());
        assert_eq!(
            set(
                40,
                &[
                    CarerStrain,
                    Parenting,
                    ChronicIllness,
                    DebtPoverty,
                    Loneliness
                ]
            )
            .iter()
            .collect::<Vec<_>>(),
            [
                Audience::Parents,
                Audience::Carers,
                Audience::PeopleWithChronicIllness,
                Audience::LowIncome
            ]
        );
        // Nothing derives newcomers, men or women: only the referral can say.
        let all = set(70, &SupportArea::ALL);
        for a in [Audience::Newcomers, Audience::Men, Audience::Women] {
            assert!(!all.contains(a));
        }
    }
}
