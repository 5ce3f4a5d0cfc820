//! The project's FHIR vocabulary: CodeSystem, extension and identifier URLs and their codes.
//!
//! The base URL is a placeholder (`.invalid`, like the workspace's repository URL) until a region
//! publishes these CodeSystems; the codes are the engine's contract ids, so a receiver maps them 1:1.
//! docs/fhir.md lists every code with its Dutch display.

use wor_core::referral::{DayPart, Flag, Weekday};

pub const BASE: &str = "https://welzijn-op-recept.example.invalid/fhir";

/// The referral's pseudonymous id (`Referral.id`) as a ServiceRequest identifier.
pub const REFERRAL_ID: &str =
    "https://welzijn-op-recept.example.invalid/fhir/NamingSystem/referral-id";

pub const CS_SUPPORT_AREA: &str =
    "https://welzijn-op-recept.example.invalid/fhir/CodeSystem/support-area";
pub const CS_SERVICE: &str = "https://welzijn-op-recept.example.invalid/fhir/CodeSystem/service";
pub const CS_4DKL: &str = "https://welzijn-op-recept.example.invalid/fhir/CodeSystem/4dkl";
pub const CS_POSITIVE_HEALTH: &str =
    "https://welzijn-op-recept.example.invalid/fhir/CodeSystem/positive-health";
pub const CS_FLAG: &str = "https://welzijn-op-recept.example.invalid/fhir/CodeSystem/flag";
pub const CS_OUTCOME: &str = "https://welzijn-op-recept.example.invalid/fhir/CodeSystem/outcome";

pub const EXT_SEVERITY: &str =
    "https://welzijn-op-recept.example.invalid/fhir/StructureDefinition/severity";
/// Where an area came from: `explicit` (the referrer listed it) or `text` (detected in the note).
pub const EXT_AREA_SOURCE: &str =
    "https://welzijn-op-recept.example.invalid/fhir/StructureDefinition/area-source";
pub const EXT_REFERRER: &str =
    "https://welzijn-op-recept.example.invalid/fhir/StructureDefinition/referrer";
pub const EXT_CHANNEL: &str =
    "https://welzijn-op-recept.example.invalid/fhir/StructureDefinition/channel";
pub const EXT_AUDIENCE: &str =
    "https://welzijn-op-recept.example.invalid/fhir/StructureDefinition/audience";
pub const EXT_ROUTE: &str =
    "https://welzijn-op-recept.example.invalid/fhir/StructureDefinition/route";
pub const EXT_PREFERENCES: &str =
    "https://welzijn-op-recept.example.invalid/fhir/StructureDefinition/preferences";
/// What a ServiceRequest note is: `referral_text` (the GP's note), `triage`, `map`, `suggestion`.
pub const EXT_NOTE_KIND: &str =
    "https://welzijn-op-recept.example.invalid/fhir/StructureDefinition/note-kind";

/// External code systems (HL7, LOINC, UCUM, BCP 47).
pub const LOINC: &str = "http://loinc.org";
pub const LOINC_AGE: &str = "30525-0";
pub const LOINC_CONSENT: &str = "59284-0";
pub const UCUM: &str = "http://unitsofmeasure.org";
pub const BCP47: &str = "urn:ietf:bcp:47";
pub const TASK_CODE: &str = "http://hl7.org/fhir/CodeSystem/task-code";
pub const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";
pub const CONSENT_SCOPE: &str = "http://terminology.hl7.org/CodeSystem/consentscope";
pub const ACT_CODE: &str = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
pub const CONDITION_CLINICAL: &str = "http://terminology.hl7.org/CodeSystem/condition-clinical";
pub const CONDITION_VERIFICATION: &str =
    "http://terminology.hl7.org/CodeSystem/condition-ver-status";
/// AGB-Z, the Dutch healthcare provider code (a practice's `practice` when it is eight digits).
pub const AGB: &str = "http://fhir.nl/fhir/NamingSystem/agb-z";

/// The service code of a WoR referral.
pub const SERVICE_WOR: &str = "welzijn_op_recept";

/// The 4DKL scales: (code, Dutch display).
pub const FOUR_DKL: [(&str, &str); 4] = [
    ("distress", "4DKL distress (somberheid en spanning)"),
    ("depression", "4DKL depressie"),
    ("anxiety", "4DKL angst"),
    ("somatization", "4DKL somatisatie"),
];

/// The six Positive Health dimensions: (code, Dutch display).
pub const POSITIVE_HEALTH: [(&str, &str); 6] = [
    ("lichaamsfuncties", "Lichaamsfuncties"),
    ("mentaal_welbevinden", "Mentaal welbevinden"),
    ("zingeving", "Zingeving"),
    ("kwaliteit_van_leven", "Kwaliteit van leven"),
    ("meedoen", "Meedoen"),
    ("dagelijks_functioneren", "Dagelijks functioneren"),
];

pub fn flag_code(f: Flag) -> (&'static str, &'static str) {
    match f {
        Flag::SuicidalIdeation => ("suicidal_ideation", "Suïcidale gedachten"),
        Flag::PsychosisSuspected => ("psychosis_suspected", "Vermoeden van psychose"),
        Flag::AcuteDanger => ("acute_danger", "Acuut gevaar"),
        Flag::MentalDisorderSuspected => (
            "mental_disorder_suspected",
            "Vermoeden van een psychische stoornis",
        ),
    }
}

pub const FLAGS: [Flag; 4] = [
    Flag::SuicidalIdeation,
    Flag::PsychosisSuspected,
    Flag::AcuteDanger,
    Flag::MentalDisorderSuspected,
];

pub fn weekday_code(d: Weekday) -> &'static str {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][d as usize]
}

pub fn day_part_code(t: DayPart) -> &'static str {
    ["morning", "afternoon", "evening"][t as usize]
}

/// Task output types of a case's outcome: (code, Dutch display).
pub const OUTCOME_FIRST_CONTACT: (&str, &str) = ("first_contact", "Eerste contact met de inwoner");
pub const OUTCOME_CONVERSATIONS: (&str, &str) = ("conversations", "Aantal gesprekken");
pub const OUTCOME_OFFERED: (&str, &str) = ("offered", "Aangeboden activiteit");
pub const OUTCOME_CHOSEN: (&str, &str) = ("chosen", "Gekozen activiteit");
pub const OUTCOME_TAKEN_INTO_CARE: (&str, &str) = ("taken_into_care", "In zorg genomen");
pub const OUTCOME_FIRST_ATTENDANCE: (&str, &str) =
    ("first_attendance", "Eerste keer bij de activiteit");
pub const OUTCOME_ARRIVED: (&str, &str) = ("arrived", "Aangekomen bij de activiteit");
pub const OUTCOME_STILL_ATTENDING_3M: (&str, &str) =
    ("still_attending_3m", "Doet na drie maanden nog mee");
pub const OUTCOME_HEALTH_IMPROVED: (&str, &str) = (
    "positive_health_improved",
    "Minstens één dimensie van Positieve Gezondheid verbeterd",
);
pub const OUTCOME_NEXT_REVIEW: (&str, &str) = ("next_review", "De sociaal werker kijkt opnieuw op");
