//! Clinical cues: what a GP's note says beyond the support areas, and what triage weighs first.
//!
//! A cue is risk (suicidality, self-harm, psychosis, acute danger), a suspected or diagnosed disorder,
//! or a treatment already under way. Cues are found by the same detector as the support areas
//! (`detect/`, vocabulary in the triage policy), but a cue can also be *set aside* by its context:
//! denied ("ontkent suïcidaliteit"), someone else's ("moeder had een depressie"), history ("eerdere
//! psychose") or mild wording ("lichte depressieve klachten"). Set-aside cues are reported too, because
//! triage turns some of them into warnings or into a mental-health signal.

use serde::Serialize;

/// One kind of clinical cue. The snake_case id appears in outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cue {
    /// Suicidal thoughts, plans or a wish to die.
    Suicidality,
    SelfHarm,
    /// Current signs of psychosis: voices, delusions.
    Psychosis,
    /// Violence at home, not safe to go home.
    AcuteDanger,
    /// Despair that may be a wish to die ("ziet het niet meer zitten"): read the safe way.
    RiskAmbiguous,
    /// Depression as a disorder (suspected or diagnosed).
    Depression,
    /// Wording between mild gloom and a disorder ("depressief", "al maanden somber"): read the safe way.
    PossibleDisorder,
    /// Anxiety or panic disorder, OCD, phobia.
    AnxietyDisorder,
    Ptsd,
    EatingDisorder,
    Bipolar,
    /// Earlier psychosis, schizophrenia: a disorder, not acute by itself.
    PsychoticDisorder,
    Addiction,
    /// Personality disorder and other named psychiatric diagnoses.
    OtherDisorder,
    /// Already in mental-health treatment (psycholoog, GGZ, POH-GGZ, psychiater).
    InTreatment,
    /// Stress, overload or exhaustion without a named cause: a psychosocial complaint (a WoR case),
    /// not burn-out and not an area.
    Stress,
    /// Routine medical care named in the note (a check-up, a repeat prescription, a complaint examined
    /// and treated): what makes a note without a social question the medical route rather than a
    /// question the engine could not read.
    RoutineCare,
}

impl Cue {
    pub const ALL: [Cue; 17] = [
        Cue::Suicidality,
        Cue::SelfHarm,
        Cue::Psychosis,
        Cue::AcuteDanger,
        Cue::RiskAmbiguous,
        Cue::Depression,
        Cue::PossibleDisorder,
        Cue::AnxietyDisorder,
        Cue::Ptsd,
        Cue::EatingDisorder,
        Cue::Bipolar,
        Cue::PsychoticDisorder,
        Cue::Addiction,
        Cue::OtherDisorder,
        Cue::InTreatment,
        Cue::Stress,
        Cue::RoutineCare,
    ];

    /// Dense index 0..17, for bitsets.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Risk that makes a referral urgent (same-day care).
    pub fn is_risk(self) -> bool {
        matches!(
            self,
            Cue::Suicidality
                | Cue::SelfHarm
                | Cue::Psychosis
                | Cue::AcuteDanger
                | Cue::RiskAmbiguous
        )
    }

    /// A (suspected) disorder: a mental-health signal.
    pub fn is_disorder(self) -> bool {
        !self.is_risk() && !matches!(self, Cue::InTreatment | Cue::Stress | Cue::RoutineCare)
    }

    fn info(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Cue::Suicidality => (
                "suicidality",
                "suïcidale gedachten of doodswens",
                "suicidal thoughts or wish to die",
            ),
            Cue::SelfHarm => ("self_harm", "zelfbeschadiging", "self-harm"),
            Cue::Psychosis => (
                "psychosis",
                "tekenen van psychose",
                "signs of psychosis",
            ),
            Cue::AcuteDanger => (
                "acute_danger",
                "acuut gevaar (geweld, niet veilig thuis)",
                "acute danger (violence, not safe at home)",
            ),
            Cue::RiskAmbiguous => (
                "risk_ambiguous",
                "mogelijk een doodswens",
                "a possible wish to die",
            ),
            Cue::Depression => ("depression", "depressie", "depression"),
            Cue::PossibleDisorder => (
                "possible_disorder",
                "mogelijk een depressie of angststoornis",
                "possibly depression or an anxiety disorder",
            ),
            Cue::AnxietyDisorder => (
                "anxiety_disorder",
                "angst- of paniekstoornis",
                "anxiety or panic disorder",
            ),
            Cue::Ptsd => ("ptsd", "PTSS", "PTSD"),
            Cue::EatingDisorder => ("eating_disorder", "eetstoornis", "eating disorder"),
            Cue::Bipolar => ("bipolar", "bipolaire stoornis", "bipolar disorder"),
            Cue::PsychoticDisorder => (
                "psychotic_disorder",
                "psychotische stoornis of eerdere psychose",
                "psychotic disorder or earlier psychosis",
            ),
            Cue::Addiction => ("addiction", "verslaving", "addiction"),
            Cue::OtherDisorder => (
                "other_disorder",
                "psychiatrische stoornis",
                "psychiatric disorder",
            ),
            Cue::Stress => (
                "stress",
                "stress of overbelasting zonder genoemde oorzaak",
                "stress or overload without a named cause",
            ),
            Cue::RoutineCare => (
                "routine_care",
                "routinezorg (controle, herhaalrecept, een onderzochte en behandelde klacht)",
                "routine care (a check-up, a repeat prescription, a complaint examined and treated)",
            ),
            Cue::InTreatment => (
                "in_treatment",
                "al in behandeling (psycholoog, GGZ, POH-GGZ, psychiater)",
                "already in treatment (psychologist, mental-health care, practice nurse, psychiatrist)",
            ),
        }
    }
}

crate::labels::labelled!(Cue);

/// Why a cue in the note does not count as the resident's present state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SetAsideWhy {
    /// Asked about and denied: "ontkent suïcidaliteit", "no self-harm".
    Denied,
    /// Someone else's: "moeder had een depressie", "broer pleegde suïcide".
    OtherPerson,
    /// In the past: "eerdere psychose", "suïcidepoging in het verleden".
    History,
    /// Mild wording: "lichte depressieve klachten".
    Mild,
}

/// A cue found in the note, with the words (lowercased, as written) that triggered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CueFinding {
    pub cue: Cue,
    pub matched: Vec<String>,
}

/// A cue whose words are in the note but that its context set aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SetAside {
    pub cue: Cue,
    pub why: SetAsideWhy,
    pub matched: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_groups_partition_the_cues() {
        for c in Cue::ALL {
            assert_eq!(Cue::from_id(c.id()), Some(c));
            assert_eq!(c.index(), Cue::ALL.iter().position(|x| *x == c).unwrap());
            let groups = [
                c.is_risk(),
                c.is_disorder(),
                c == Cue::InTreatment,
                c == Cue::Stress,
                c == Cue::RoutineCare,
            ];
            assert_eq!(groups.iter().filter(|g| **g).count(), 1, "{c:?}");
        }
    }
}
