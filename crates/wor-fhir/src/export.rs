//! A triaged WoR referral as a FHIR R4 `transaction` Bundle, shaped like the HL7 Gravity SDOH Clinical
//! Care referral: ServiceRequest (the referral), Patient (only what the referral holds), Consent, Task
//! (for the social worker's organisation, due within the policy's contact promise), Observations
//! (age, 4DKL, Positive Health) and Conditions (flags). docs/fhir.md documents every element.

use crate::codes::*;
use crate::facts::TriageFacts;
use crate::ids::urn_uuid;
use crate::model::*;
use crate::who::{due_date, who_calls, Contact};
use wor_core::decision::AreaSource;
use wor_core::{Date, Referral, Route};

/// What the engine found beyond the referral: a suggested activity, written as a note.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestionNote {
    pub activity_id: String,
    pub name: String,
    pub organisation: String,
    pub distance_km: f64,
}

/// The social map a suggestion came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapNote {
    pub region: String,
    pub version: String,
    pub hash: String,
}

/// Everything one exported referral is made of.
#[derive(Debug, Clone)]
pub struct ExportInput<'a> {
    pub referral: &'a Referral,
    /// The triage decision (or the main wasm module's, read as JSON).
    pub triage: &'a TriageFacts,
    /// The referral's `date`, or the run's reference date when it has none.
    pub date: Date,
    /// The policy's promise (plan §4.1: within two weeks).
    pub contact_within_days: u32,
    pub map: Option<MapNote>,
    pub suggestions: Vec<SuggestionNote>,
}

/// Why a referral is not exported: only routes that include WoR travel to the social worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub route: Route,
    pub nl: String,
    pub en: String,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "refused: route {}: {}", self.route.id(), self.en)
    }
}

/// Whether a route sends the referral to the social worker.
pub fn includes_wor(route: Route) -> bool {
    matches!(route, Route::Wor | Route::WorAndMgn)
}

/// The refusal for a route that does not include WoR, with the triage's own headline as the reason.
pub fn refusal(triage: &TriageFacts) -> Option<Refusal> {
    (!includes_wor(triage.route)).then(|| Refusal {
        route: triage.route,
        nl: format!(
            "Geen FHIR-verwijzing naar de sociaal werker: {}",
            triage.headline.nl
        ),
        en: format!(
            "no FHIR referral to the social worker: {}",
            triage.headline.en
        ),
    })
}

fn note(kind: &str, text: String) -> Annotation {
    Annotation {
        extension: vec![Extension::code(EXT_NOTE_KIND, kind)],
        text,
    }
}

fn entry(full_url: String, resource: Resource) -> BundleEntry {
    let url = resource.type_name();
    BundleEntry {
        full_url,
        resource,
        request: BundleRequest {
            method: "POST",
            url,
        },
    }
}

/// The practice as a reference: an AGB code (eight digits) as identifier, else its name.
fn practice_reference(practice: &str) -> Reference {
    let p = practice.trim();
    if p.len() == 8 && p.bytes().all(|b| b.is_ascii_digit()) {
        Reference {
            identifier: Some(Identifier {
                system: Some(AGB.into()),
                value: Some(p.into()),
            }),
            ..Reference::default()
        }
    } else {
        Reference::display(practice)
    }
}

/// What every resource of one Bundle refers to: the referral's id (for stable URNs), the Patient and
/// the date.
struct Context<'a> {
    id: &'a str,
    patient_url: String,
    date: String,
}

impl Context<'_> {
    fn urn(&self, role: &str) -> String {
        urn_uuid(self.id, role)
    }

    fn subject(&self) -> Option<Reference> {
        Some(Reference::to(&self.patient_url))
    }

    /// A final Observation about the subject on the referral's date.
    fn observation(&self, code: CodeableConcept, category: &str) -> Observation {
        Observation {
            status: "final".into(),
            category: vec![CodeableConcept::of(Coding::new(
                OBSERVATION_CATEGORY,
                category,
                "",
            ))],
            code,
            subject: self.subject(),
            effective_date_time: Some(self.date.clone()),
            ..Observation::default()
        }
    }
}

/// Observations of the referral: age, the 4DKL scores, the Positive Health dimensions.
fn observations(ctx: &Context, r: &Referral) -> Vec<(String, Resource)> {
    let mut observations: Vec<(String, Resource)> = Vec::new();
    observations.push((
        ctx.urn("Observation/age"),
        Resource::Observation(Observation {
            value_quantity: Some(Quantity {
                value: Some(r.age as f64),
                unit: Some("jaar".into()),
                system: Some(UCUM.into()),
                code: Some("a".into()),
            }),
            ..ctx.observation(
                CodeableConcept::of(Coding::new(LOINC, LOINC_AGE, "Age")),
                "social-history",
            )
        }),
    ));
    if let Some(scores) = r.screening.and_then(|s| s.four_dkl) {
        let values = [
            scores.distress,
            scores.depression,
            scores.anxiety,
            scores.somatization,
        ];
        for ((code, display), value) in FOUR_DKL.iter().zip(values) {
            if let Some(v) = value {
                observations.push((
                    ctx.urn(&format!("Observation/4dkl-{code}")),
                    Resource::Observation(Observation {
                        value_integer: Some(i64::from(v)),
                        ..ctx.observation(
                            CodeableConcept::of(Coding::new(CS_4DKL, code, display)),
                            "survey",
                        )
                    }),
                ));
            }
        }
    }
    if let Some(ph) = &r.positive_health {
        for (code, score) in ph.dimensions() {
            let display = POSITIVE_HEALTH
                .iter()
                .find(|(c, _)| *c == code)
                .map_or("", |(_, d)| d);
            observations.push((
                ctx.urn(&format!("Observation/positive-health-{code}")),
                Resource::Observation(Observation {
                    value_quantity: Some(Quantity {
                        value: Some(score),
                        unit: Some("score 0-10".into()),
                        system: Some(UCUM.into()),
                        code: Some("{score}".into()),
                    }),
                    ..ctx.observation(
                        CodeableConcept::of(Coding::new(CS_POSITIVE_HEALTH, code, display)),
                        "survey",
                    )
                }),
            ));
        }
    }
    observations
}

/// The referrer's flags as provisional Conditions.
fn conditions(ctx: &Context, r: &Referral) -> Vec<(String, Resource)> {
    r.flags
        .iter()
        .map(|f| {
            let (code, display) = flag_code(*f);
            (
                ctx.urn(&format!("Condition/{code}")),
                Resource::Condition(Condition {
                    clinical_status: Some(CodeableConcept::of(Coding::new(
                        CONDITION_CLINICAL,
                        "active",
                        "",
                    ))),
                    // The referrer's flag is a suspicion, not a diagnosis.
                    verification_status: Some(CodeableConcept::of(Coding::new(
                        CONDITION_VERIFICATION,
                        "provisional",
                        "",
                    ))),
                    code: CodeableConcept::of(Coding::new(CS_FLAG, code, display)),
                    subject: ctx.subject(),
                    ..Condition::default()
                }),
            )
        })
        .collect()
}

/// The support areas as coded reasons: the explicit ones with their severity, then those only the note
/// names.
fn reasons(input: &ExportInput) -> Vec<CodeableConcept> {
    let r = input.referral;
    let mut reasons: Vec<CodeableConcept> = r
        .areas
        .iter()
        .map(|need| CodeableConcept {
            extension: vec![
                Extension::integer(EXT_SEVERITY, i64::from(need.severity)),
                Extension::code(EXT_AREA_SOURCE, "explicit"),
            ],
            ..CodeableConcept::of(Coding::new(
                CS_SUPPORT_AREA,
                need.area.id(),
                need.area.label_nl(),
            ))
        })
        .collect();
    // Areas only the note names: for the social worker to read; an import detects them again.
    for found in &input.triage.areas {
        if found.source == AreaSource::Detected {
            reasons.push(CodeableConcept {
                extension: vec![Extension::code(EXT_AREA_SOURCE, "text")],
                ..CodeableConcept::of(Coding::new(
                    CS_SUPPORT_AREA,
                    found.area.id(),
                    found.area.label_nl(),
                ))
            });
        }
    }

    reasons
}

/// The ServiceRequest's extensions: route, referrer, channel, audiences, preferences.
fn extensions(input: &ExportInput) -> Vec<Extension> {
    let r = input.referral;
    let mut extension = vec![Extension::code(EXT_ROUTE, input.triage.route.id())];
    if let Some(referrer) = r.referrer {
        extension.push(Extension::code(EXT_REFERRER, &enum_id(&referrer)));
    }
    if let Some(channel) = r.channel {
        extension.push(Extension::code(EXT_CHANNEL, channel.id()));
    }
    for a in &r.audience {
        extension.push(Extension::code(EXT_AUDIENCE, a));
    }
    let prefs = preferences_extension(r);
    if !prefs.is_empty() {
        extension.push(Extension::complex(EXT_PREFERENCES, prefs));
    }

    extension
}

/// The notes: the GP's text, the triage, the map and the suggestions (each marked with its kind).
fn notes(input: &ExportInput) -> Vec<Annotation> {
    let (r, t) = (input.referral, input.triage);
    let mut notes = Vec::new();
    if let Some(text) = &r.text {
        notes.push(note("referral_text", text.clone()));
    }
    notes.push(note(
        "triage",
        format!(
            "Triage: {} (route {}); beleid {} versie {}; regels versie {}; engine {}.",
            t.route.label_nl(),
            t.route.id(),
            t.policy.id,
            t.policy.version,
            t.rules_version,
            wor_core::ENGINE_VERSION
        ),
    ));
    if let Some(map) = &input.map {
        notes.push(note(
            "map",
            format!(
                "Sociale kaart {} versie {} (inhoud {}).",
                map.region, map.version, map.hash
            ),
        ));
    }
    for (i, s) in input.suggestions.iter().enumerate() {
        notes.push(note(
            "suggestion",
            format!(
                "Suggestie {}: {} ({}), {:.1} km [{}]",
                i + 1,
                s.name,
                s.organisation,
                s.distance_km,
                s.activity_id
            ),
        ));
    }

    notes
}

/// The Patient: only what the referral holds (postcode, municipality, languages).
fn patient(r: &Referral) -> Patient {
    Patient {
        address: if r.postcode.is_some() || r.municipality.is_some() {
            vec![Address {
                postal_code: r.postcode.clone(),
                city: r.municipality.clone(),
                country: Some("NL".into()),
            }]
        } else {
            Vec::new()
        },
        communication: r
            .preferences
            .languages
            .iter()
            .map(|l| Communication {
                language: CodeableConcept::of(Coding::new(BCP47, l, "")),
            })
            .collect(),
        ..Patient::default()
    }
}

/// The resident's consent, active and permitting, on the referral's date.
fn consent(ctx: &Context) -> Consent {
    Consent {
        status: "active".into(),
        scope: Some(CodeableConcept::of(Coding::new(
            CONSENT_SCOPE,
            "patient-privacy",
            "Privacy Consent",
        ))),
        category: vec![CodeableConcept::of(Coding::new(
            LOINC,
            LOINC_CONSENT,
            "Patient Consent",
        ))],
        patient: ctx.subject(),
        date_time: Some(ctx.date.clone()),
        policy_rule: Some(CodeableConcept::of(Coding::new(
            ACT_CODE, "OPTIN", "opt-in",
        ))),
        provision: Some(ConsentProvision {
            type_: Some("permit".into()),
        }),
        ..Consent::default()
    }
}

/// The social worker's task: who calls by when.
fn task(ctx: &Context, input: &ExportInput, sr_url: &str, contact: &Contact) -> Task {
    let r = input.referral;
    Task {
        based_on: vec![Reference::to(sr_url)],
        status: "requested".into(),
        intent: "order".into(),
        code: Some(CodeableConcept::of(Coding::new(
            TASK_CODE,
            "fulfill",
            "Fulfill the focal request",
        ))),
        description: Some(contact.sentence_nl.clone()),
        focus: Some(Reference::to(sr_url)),
        for_: ctx.subject(),
        authored_on: Some(ctx.date.clone()),
        requester: r.practice.as_deref().map(practice_reference),
        owner: Some(Reference::display(&contact.who_nl)),
        restriction: Some(TaskRestriction {
            period: Some(Period {
                start: None,
                end: Some(due_date(input.date, input.contact_within_days).to_string()),
            }),
        }),
        ..Task::default()
    }
}

/// The Bundle for one referral, or why it is refused.
pub fn export_bundle(input: &ExportInput) -> Result<Bundle, Refusal> {
    if let Some(refused) = refusal(input.triage) {
        return Err(refused);
    }
    let r = input.referral;
    let ctx = Context {
        id: &r.id,
        patient_url: urn_uuid(&r.id, "Patient"),
        date: input.date.to_string(),
    };
    let (sr_url, consent_url, task_url) = (
        ctx.urn("ServiceRequest"),
        ctx.urn("Consent"),
        ctx.urn("Task"),
    );
    let observations = observations(&ctx, r);
    let conditions = conditions(&ctx, r);
    let t = input.triage;
    let contact: Contact = who_calls(r, t, input.date, input.contact_within_days);
    let mut supporting: Vec<Reference> = vec![Reference::to(&consent_url)];
    supporting.extend(observations.iter().map(|(u, _)| Reference::to(u)));
    supporting.extend(conditions.iter().map(|(u, _)| Reference::to(u)));

    let service_request = ServiceRequest {
        extension: extensions(input),
        identifier: vec![Identifier {
            system: Some(REFERRAL_ID.into()),
            value: Some(r.id.clone()),
        }],
        status: "active".into(),
        intent: "order".into(),
        category: vec![CodeableConcept::of(Coding::new(
            CS_SERVICE,
            SERVICE_WOR,
            "Welzijn op Recept",
        ))],
        code: Some(CodeableConcept::of(Coding::new(
            CS_SERVICE,
            SERVICE_WOR,
            "Welzijn op Recept: verwijzing naar de sociaal werker",
        ))),
        subject: ctx.subject(),
        authored_on: Some(ctx.date.clone()),
        requester: r.practice.as_deref().map(practice_reference),
        performer: vec![Reference::display(&contact.who_nl)],
        reason_code: reasons(input),
        supporting_info: supporting,
        note: notes(input),
        ..ServiceRequest::default()
    };
    let task = task(&ctx, input, &sr_url, &contact);
    let mut entries = vec![
        entry(sr_url, Resource::ServiceRequest(service_request)),
        entry(ctx.patient_url.clone(), Resource::Patient(patient(r))),
        entry(consent_url, Resource::Consent(consent(&ctx))),
        entry(task_url, Resource::Task(task)),
    ];
    entries.extend(observations.into_iter().map(|(u, res)| entry(u, res)));
    entries.extend(conditions.into_iter().map(|(u, res)| entry(u, res)));
    Ok(Bundle {
        id: crate::ids::uuid(&r.id, "Bundle"),
        type_: "transaction",
        entry: entries,
    })
}

/// The snake_case id serde gives a unit enum variant (referrer).
fn enum_id<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The resident's activity wishes, which FHIR has no element for, as one complex extension.
fn preferences_extension(r: &Referral) -> Vec<Extension> {
    let p = &r.preferences;
    let mut out = Vec::new();
    if let Some(km) = p.max_km {
        out.push(Extension::decimal("max_km", km));
    }
    if let Some(eur) = p.max_eur_per_month {
        out.push(Extension::decimal("max_eur_per_month", eur));
    }
    for d in &p.days {
        out.push(Extension::code("day", weekday_code(*d)));
    }
    for t in &p.times {
        out.push(Extension::code("time", day_part_code(*t)));
    }
    if let Some(g) = p.group {
        out.push(Extension::boolean("group", g));
    }
    if p.wheelchair {
        out.push(Extension::boolean("wheelchair", true));
    }
    if p.strict_days {
        out.push(Extension::boolean("strict_days", true));
    }
    out
}
