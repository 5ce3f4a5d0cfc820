//! What the FHIR resources need from a triage decision, and nothing more. Its JSON shape is a subset of
//! the engine's triage output (`wor triage`, the main wasm module's `Triage`), so the page hands the
//! main module's decision to the FHIR module, which then carries no triage or text detection of its own.

use serde::Deserialize;
use wor_core::decision::AreaSource;
use wor_core::{Route, SupportArea, Triage};

/// The decision's route, headline, areas, pathways and stamps, as read from a `Triage`'s JSON (other
/// fields are ignored) or taken from a `Triage`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TriageFacts {
    pub route: Route,
    pub headline: Headline,
    pub areas: Vec<AreaFact>,
    /// The next steps' ids: who calls depends on which regional pathway the triage chose.
    pub pathways: Vec<PathwayId>,
    pub rules_version: u32,
    pub policy: Stamp,
}

/// The decision's headline in both languages (the reason of a refusal).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Headline {
    pub nl: String,
    pub en: String,
}

/// A support area and where it came from (areas only the note names are written apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct AreaFact {
    pub area: SupportArea,
    pub source: AreaSource,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PathwayId {
    pub id: String,
}

/// Which policy decided.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Stamp {
    pub id: String,
    pub version: String,
}

impl TriageFacts {
    /// Whether the triage chose the pathway `id`.
    pub fn has_pathway(&self, id: &str) -> bool {
        self.pathways.iter().any(|p| p.id == id)
    }
}

impl From<&Triage> for TriageFacts {
    fn from(t: &Triage) -> Self {
        TriageFacts {
            route: t.route,
            headline: Headline {
                nl: t.headline.nl.clone(),
                en: t.headline.en.clone(),
            },
            areas: t
                .areas
                .iter()
                .map(|a| AreaFact {
                    area: a.area,
                    source: a.source,
                })
                .collect(),
            pathways: t
                .pathways
                .iter()
                .map(|p| PathwayId { id: p.id.into() })
                .collect(),
            rules_version: t.rules_version,
            policy: Stamp {
                id: t.policy.id.clone(),
                version: t.policy.version.clone(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wor_core::policy::Policy;
    use wor_core::triage::triage_with;
    use wor_core::{Referral, Strictness};

    /// The engine's triage JSON reads back as the facts taken from the triage itself: the page may hand
    /// the main module's decision over instead of the FHIR module triaging again.
    #[test]
    fn the_triage_json_reads_as_the_facts_of_the_triage() {
        let line = r#"{"id": "f1", "age": 70, "consent": true, "postcode": "2311AB",
            "areas": [{"area": "loneliness", "severity": 2}],
            "text": "Sinds het overlijden van haar man eenzaam, ook geldzorgen."}"#;
        let r = Referral::from_json(line, Strictness::Strict).unwrap().value;
        let t = triage_with(&r, Policy::default_policy());
        let read: TriageFacts = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        assert_eq!(read, TriageFacts::from(&t));
        assert!(read.areas.iter().any(|a| a.source == AreaSource::Detected));
        assert!(!read.pathways.is_empty());
    }
}
