//! A FHIR referral (a Bundle holding one ServiceRequest, or a bare ServiceRequest) back into the
//! referral contract, for the welzijn organisation's intake.
//!
//! The resulting referral goes through `Referral::from_json` in strict mode, so it meets exactly the
//! contract the CLI and the page check. What cannot be mapped is an error naming the FHIR element
//! (`entry[0].resource.subject`); what is merely not used (a SNOMED reason beside ours, an Organization
//! entry) is a warning, never silently dropped. Exporting and importing gives back the same referral.

use crate::codes::*;
use crate::model::*;
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};
use wor_core::referral::Parsed;
use wor_core::{Code, Date, FieldError, FieldErrors, Referral, Strictness};

/// Largest FHIR document `import_json` reads, in bytes (a whole JSON file; JSONL lines are records of
/// at most `wor_core::referral::limits::MAX_RECORD_BYTES` each).
pub const MAX_IMPORT_BYTES: usize = 10_000_000;

/// Intents that ask for the service to be done.
const ORDER_INTENTS: [&str; 6] = [
    "order",
    "original-order",
    "reflex-order",
    "filler-order",
    "instance-order",
    "plan",
];

/// One resource found in the document: where it is, how it is referred to, what it is.
struct Found<'a> {
    path: String,
    full_url: Option<&'a str>,
    kind: &'a str,
    value: &'a Value,
}

impl Found<'_> {
    fn id(&self) -> Option<&str> {
        self.value.get("id").and_then(Value::as_str)
    }
    /// Whether a reference (`urn:uuid:..`, `Patient/123`, an absolute URL) points here.
    fn is(&self, reference: &str) -> bool {
        if self.full_url == Some(reference) {
            return true;
        }
        if let (Some(local), true) = (
            reference.strip_prefix('#'),
            self.path.starts_with("contained"),
        ) {
            return self.id() == Some(local);
        }
        match self.id() {
            Some(id) => {
                let relative = format!("{}/{id}", self.kind);
                reference == relative || reference.ends_with(&format!("/{relative}"))
            }
            None => false,
        }
    }
}

fn problem(field: &str, code: Code, message: impl Into<String>) -> FieldError {
    FieldError::new(field, code, message)
}

fn join(prefix: &str, field: &str) -> String {
    match (prefix.is_empty(), field.is_empty()) {
        (true, _) => field.to_string(),
        (_, true) => prefix.to_string(),
        _ => format!("{prefix}.{field}"),
    }
}

/// Reads a typed resource, naming the element of a shape error.
fn typed<T: DeserializeOwned>(v: &Value, prefix: &str) -> Result<T, FieldError> {
    serde_path_to_error::deserialize(v).map_err(|e| {
        let path = e.path().to_string();
        let inner = if path == "." { String::new() } else { path };
        let msg = e.inner().to_string();
        let code = if msg.starts_with("invalid type") {
            Code::WrongType
        } else if msg.starts_with("missing field") {
            Code::Missing
        } else {
            Code::InvalidFormat
        };
        problem(&join(prefix, &inner), code, msg)
    })
}

/// A referral read from FHIR, and what was read but not used.
pub type Imported = Parsed<Referral>;

/// Reads one JSON document (Bundle or ServiceRequest) into a referral.
pub fn import_json(text: &str) -> Result<Imported, FieldErrors> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(vec![problem(
            "",
            Code::TooLong,
            format!(
                "document is {} bytes; the limit is {MAX_IMPORT_BYTES} bytes",
                text.len()
            ),
        )
        .with("max", MAX_IMPORT_BYTES)
        .with("got", text.len())
        .with("unit", "bytes")]);
    }
    // serde_json stops at 128 levels of nesting with an error: a deep document never overflows the stack.
    let root: Value = serde_json::from_str(text).map_err(|e| {
        vec![problem("", Code::InvalidJson, e.to_string())
            .with("line", e.line())
            .with("column", e.column())]
    })?;
    import_value(&root)
}

/// [`import_json`] for an already parsed document.
pub fn import_value(root: &Value) -> Result<Imported, FieldErrors> {
    let kind = match root.get("resourceType") {
        Some(Value::String(s)) => s.as_str(),
        Some(_) => {
            return Err(vec![problem(
                "resourceType",
                Code::WrongType,
                "must be text",
            )
            .with("expected", "string")])
        }
        None if root.is_object() => {
            return Err(vec![problem(
                "resourceType",
                Code::Missing,
                "missing: not a FHIR resource",
            )
            .with("name", "resourceType")])
        }
        None => {
            return Err(vec![problem(
                "",
                Code::WrongType,
                "a FHIR resource must be a JSON object",
            )
            .with("expected", "object")])
        }
    };
    let mut warnings = Vec::new();
    let resources: Vec<Found> = match kind {
        "ServiceRequest" => contained_resources(root),
        "Bundle" => bundle_resources(root, &mut warnings)?,
        other => {
            return Err(vec![problem(
                "resourceType",
                Code::UnknownValue,
                format!(
                    "{} is not a referral: expected a Bundle or a ServiceRequest",
                    wor_core::referral::shown(other)
                ),
            )
            .with("value", wor_core::referral::shown_value(other))
            .with("expected", json!(["Bundle", "ServiceRequest"]))])
        }
    };
    Reader {
        resources,
        warnings,
        errors: Vec::new(),
    }
    .read()
}

/// A bare ServiceRequest and the resources it contains (`contained`, referred to as `#id`).
fn contained_resources(root: &Value) -> Vec<Found<'_>> {
    let mut out = vec![Found {
        path: String::new(),
        full_url: None,
        kind: "ServiceRequest",
        value: root,
    }];
    if let Some(Value::Array(contained)) = root.get("contained") {
        for (i, c) in contained.iter().enumerate() {
            let kind = c.get("resourceType").and_then(Value::as_str).unwrap_or("");
            // A contained ServiceRequest would be a second referral; it is not read.
            if matches!(kind, "Patient" | "Observation" | "Condition" | "Consent") {
                out.push(Found {
                    path: format!("contained[{i}]"),
                    full_url: None,
                    kind,
                    value: c,
                });
            }
        }
    }
    out
}

fn bundle_resources<'a>(
    root: &'a Value,
    warnings: &mut Vec<FieldError>,
) -> Result<Vec<Found<'a>>, FieldErrors> {
    let entries = match root.get("entry") {
        None => {
            return Err(vec![problem(
                "entry",
                Code::Missing,
                "missing: the Bundle holds no resources",
            )
            .with("name", "entry")])
        }
        Some(Value::Array(a)) => a,
        Some(_) => {
            return Err(vec![
                problem("entry", Code::WrongType, "must be a list").with("expected", "list")
            ])
        }
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let path = format!("entry[{i}].resource");
        let Some(resource) = e.get("resource") else {
            errors.push(problem(&path, Code::Missing, "missing").with("name", "resource"));
            continue;
        };
        let Some(kind) = resource.get("resourceType").and_then(Value::as_str) else {
            errors.push(
                problem(
                    &join(&path, "resourceType"),
                    Code::Missing,
                    "missing or not text",
                )
                .with("name", "resourceType"),
            );
            continue;
        };
        match kind {
            "ServiceRequest" | "Patient" | "Observation" | "Condition" | "Consent" | "Task" => {}
            other => {
                warnings.push(problem(
                    &path,
                    Code::UnknownValue,
                    format!(
                        "a {} is not part of the referral mapping; not used",
                        wor_core::referral::shown(other)
                    ),
                ));
                continue;
            }
        }
        out.push(Found {
            path,
            full_url: e.get("fullUrl").and_then(Value::as_str),
            kind,
            value: resource,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

struct Reader<'a> {
    resources: Vec<Found<'a>>,
    warnings: Vec<FieldError>,
    errors: Vec<FieldError>,
}

impl Reader<'_> {
    fn not_used(&mut self, field: String, what: String) {
        self.warnings.push(problem(
            &field,
            Code::UnknownValue,
            format!("{what}; not used"),
        ));
    }

    /// The Bundle's one ServiceRequest, and its path.
    fn service_request(&self) -> Result<(ServiceRequest, String), FieldErrors> {
        let requests: Vec<usize> = (0..self.resources.len())
            .filter(|&i| self.resources[i].kind == "ServiceRequest")
            .collect();
        let sr_index = match requests.as_slice() {
            [] => {
                return Err(vec![problem(
                    "entry",
                    Code::Missing,
                    "no ServiceRequest: the Bundle holds no referral",
                )
                .with("name", "ServiceRequest")])
            }
            [one] => *one,
            [_, second, ..] => {
                return Err(vec![problem(
                    &self.resources[*second].path,
                    Code::Duplicate,
                    "a second ServiceRequest: one referral per Bundle (use JSONL, one Bundle a line, for batches)",
                )
                .with("value", "ServiceRequest")])
            }
        };
        let sr_path = self.resources[sr_index].path.clone();
        let sr: ServiceRequest =
            typed(self.resources[sr_index].value, &sr_path).map_err(|e| vec![e])?;
        Ok((sr, sr_path))
    }

    /// The referral as the Bundle holds it, resource by resource, then through the contract's parser.
    fn read(mut self) -> Result<Imported, FieldErrors> {
        let (sr, sr_path) = self.service_request()?;
        let at = |f: &str| join(&sr_path, f);
        let mut referral = Map::new();
        self.request_header(&sr, &sr_path, &mut referral);
        let patient_index = self.subject(&sr, &sr_path);
        let date = self.authored_on(&sr, &sr_path, &mut referral);
        let mut age: Option<i64> = None;
        let mut languages: Vec<String> = Vec::new();
        if let Some(pi) = patient_index {
            self.patient(pi, date, &mut referral, &mut age, &mut languages);
        }
        let clinical = self.clinical(patient_index, &mut age);
        match age {
            Some(a) => {
                referral.insert("age".into(), json!(a));
            }
            None => self.errors.push(
                problem(
                    "age",
                    Code::Missing,
                    format!("missing: no Observation with LOINC {LOINC_AGE} (age) and no Patient.birthDate for the subject"),
                )
                .with("name", "age"),
            ),
        }
        if !clinical.consent {
            self.warnings.push(problem(
                "consent",
                Code::Missing,
                "no active permitting Consent for the subject: the referral is imported without consent (not eligible until the resident agrees)",
            ));
        }
        referral.insert("consent".into(), json!(clinical.consent));
        if !clinical.four_dkl.is_empty() {
            referral.insert("screening".into(), json!({ "4dkl": clinical.four_dkl }));
        }
        if !clinical.health.is_empty() {
            referral.insert("positive_health".into(), Value::Object(clinical.health));
        }
        if !clinical.flags.is_empty() {
            referral.insert("flags".into(), json!(clinical.flags));
        }

        let areas = self.areas(&sr, &sr_path);
        if !areas.is_empty() {
            referral.insert("areas".into(), Value::Array(areas));
        }
        if let Some(text) = note_text(&sr) {
            referral.insert("text".into(), json!(text));
        }
        if let Some(req) = &sr.requester {
            let practice = req
                .identifier
                .as_ref()
                .and_then(|i| i.value.clone())
                .or_else(|| req.display.clone());
            if let Some(p) = practice {
                referral.insert("practice".into(), json!(p));
            }
        }
        let mut audience = Vec::new();
        let mut preferences = Map::new();
        for (i, e) in sr.extension.iter().enumerate() {
            let field = at(&format!("extension[{i}]"));
            match e.url.as_str() {
                EXT_REFERRER => {
                    referral.insert("referrer".into(), json!(e.value_code));
                }
                EXT_CHANNEL => {
                    referral.insert("channel".into(), json!(e.value_code));
                }
                EXT_AUDIENCE => audience.push(json!(e.value_code)),
                EXT_ROUTE => {} // triage is run again on import
                EXT_PREFERENCES => read_preferences(e, &mut preferences),
                other => self.not_used(
                    field,
                    format!("extension {}", wor_core::referral::shown(other)),
                ),
            }
        }
        if !audience.is_empty() {
            referral.insert("audience".into(), Value::Array(audience));
        }
        if !languages.is_empty() {
            preferences.insert("languages".into(), json!(languages));
        }
        if !preferences.is_empty() {
            referral.insert("preferences".into(), Value::Object(preferences));
        }

        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        let text = Value::Object(referral).to_string();
        match Referral::from_json(&text, Strictness::Strict) {
            Ok(parsed) => Ok(Parsed {
                value: parsed.value,
                warnings: self.warnings,
            }),
            Err(errors) => Err(errors.into_iter().map(|e| e.within("referral")).collect()),
        }
    }

    /// Status and intent (an active order), and the referral's pseudonymous id.
    fn request_header(
        &mut self,
        sr: &ServiceRequest,
        sr_path: &str,
        referral: &mut Map<String, Value>,
    ) {
        let at = |f: &str| join(sr_path, f);
        if sr.status != "active" {
            self.errors.push(
                problem(
                    &at("status"),
                    Code::UnknownValue,
                    format!(
                        "{}: only an active referral is taken into intake",
                        wor_core::referral::shown(&sr.status)
                    ),
                )
                .with("value", wor_core::referral::shown_value(&sr.status))
                .with("expected", json!(["active"])),
            );
        }
        if !ORDER_INTENTS.contains(&sr.intent.as_str()) {
            self.errors.push(
                problem(
                    &at("intent"),
                    Code::UnknownValue,
                    format!(
                        "{}: expected an order",
                        wor_core::referral::shown(&sr.intent)
                    ),
                )
                .with("value", wor_core::referral::shown_value(&sr.intent))
                .with("expected", json!(ORDER_INTENTS)),
            );
        }
        let id = sr
            .identifier
            .iter()
            .find(|i| i.system.as_deref() == Some(REFERRAL_ID))
            .or_else(|| sr.identifier.first())
            .and_then(|i| i.value.clone());
        match id {
            Some(id) => {
                referral.insert("id".into(), json!(id));
            }
            None => self.errors.push(
                problem(
                    &at("identifier"),
                    Code::Missing,
                    "missing: the referral needs an identifier (its pseudonymous id)",
                )
                .with("name", "identifier"),
            ),
        }
    }

    /// The resident the request is about: the index of its Patient in the Bundle.
    fn subject(&mut self, sr: &ServiceRequest, sr_path: &str) -> Option<usize> {
        let at = |f: &str| join(sr_path, f);
        match sr.subject.as_ref().and_then(|s| s.reference.as_deref()) {
            None => {
                self.errors.push(
                    problem(
                        &at("subject"),
                        Code::Missing,
                        "missing: the referral names no resident",
                    )
                    .with("name", "subject"),
                );
                None
            }
            Some(reference) => {
                let found = self
                    .resources
                    .iter()
                    .position(|f| f.kind == "Patient" && f.is(reference));
                if found.is_none() {
                    self.errors.push(
                        problem(
                            &at("subject.reference"),
                            Code::UnknownValue,
                            "points to no Patient in this Bundle",
                        )
                        .with("value", wor_core::referral::shown_value(reference)),
                    );
                }
                found
            }
        }
    }

    /// The referral's date (`authoredOn`).
    fn authored_on(
        &mut self,
        sr: &ServiceRequest,
        sr_path: &str,
        referral: &mut Map<String, Value>,
    ) -> Option<Date> {
        let at = |f: &str| join(sr_path, f);
        match &sr.authored_on {
            Some(d) => match d.get(..10).and_then(|s| s.parse::<Date>().ok()) {
                Some(date) => {
                    referral.insert("date".into(), json!(date.to_string()));
                    Some(date)
                }
                None => {
                    self.errors.push(
                        problem(&at("authoredOn"), Code::InvalidFormat, "not a date")
                            .with("format", "date"),
                    );
                    None
                }
            },
            None => None,
        }
    }

    /// The Patient: postcode and municipality, languages, and the age from the birth date.
    fn patient(
        &mut self,
        pi: usize,
        date: Option<Date>,
        referral: &mut Map<String, Value>,
        age: &mut Option<i64>,
        languages: &mut Vec<String>,
    ) {
        let path = self.resources[pi].path.clone();
        match typed::<Patient>(self.resources[pi].value, &path) {
            Err(e) => self.errors.push(e),
            Ok(p) => {
                if let Some(a) = p.address.first() {
                    if let Some(pc) = &a.postal_code {
                        referral.insert("postcode".into(), json!(pc));
                    }
                    if let Some(city) = &a.city {
                        referral.insert("municipality".into(), json!(city));
                    }
                }
                for (i, c) in p.communication.iter().enumerate() {
                    for (j, coding) in c.language.coding.iter().enumerate() {
                        match (&coding.system, &coding.code) {
                            (Some(s), Some(code)) if s == BCP47 => languages.push(code.clone()),
                            (None, Some(code)) => languages.push(code.clone()),
                            _ => self.not_used(
                                join(&path, &format!("communication[{i}].language.coding[{j}]")),
                                "a language outside BCP 47".into(),
                            ),
                        }
                    }
                }
                if let (Some(b), Some(on)) = (&p.birth_date, date) {
                    *age = age_from_birth_date(b, on);
                    if age.is_none() {
                        self.errors.push(
                            problem(
                                &join(&path, "birthDate"),
                                Code::InvalidFormat,
                                "not a full date (YYYY-MM-DD) on or before the referral",
                            )
                            .with("format", "date"),
                        );
                    }
                }
            }
        }
    }

    /// Observations (age, 4DKL, Positive Health), Conditions (flags) and Consent about the subject;
    /// their problems follow the Patient's.
    fn clinical(&mut self, patient_index: Option<usize>, age: &mut Option<i64>) -> Clinical {
        let mut out = Clinical::default();
        let mut pending_errors = Vec::new();
        let mut pending_warnings = Vec::new();
        let is_subject = |_: &Found, subject: Option<&Reference>| -> bool {
            match (patient_index, subject.and_then(|s| s.reference.as_deref())) {
                (Some(pi), Some(r)) => self.resources[pi].is(r),
                _ => false,
            }
        };
        for f in &self.resources {
            match f.kind {
                "Observation" => {
                    let o: Observation = match typed(f.value, &f.path) {
                        Ok(o) => o,
                        Err(e) => {
                            pending_errors.push(e);
                            continue;
                        }
                    };
                    if !is_subject(f, o.subject.as_ref()) {
                        pending_warnings.push(problem(
                            &join(&f.path, "subject"),
                            Code::Inconsistent,
                            "an Observation about someone else than the referral's subject; not used",
                        ));
                        continue;
                    }
                    read_observation(
                        &o,
                        &f.path,
                        age,
                        &mut out.four_dkl,
                        &mut out.health,
                        &mut pending_errors,
                        &mut pending_warnings,
                    );
                }
                "Condition" => {
                    let c: Condition = match typed(f.value, &f.path) {
                        Ok(c) => c,
                        Err(e) => {
                            pending_errors.push(e);
                            continue;
                        }
                    };
                    if !is_subject(f, c.subject.as_ref()) {
                        pending_warnings.push(problem(
                            &join(&f.path, "subject"),
                            Code::Inconsistent,
                            "a Condition about someone else than the referral's subject; not used",
                        ));
                        continue;
                    }
                    let refuted = c.verification_status.as_ref().is_some_and(|v| {
                        v.coding.iter().any(|c| {
                            matches!(c.code.as_deref(), Some("refuted" | "entered-in-error"))
                        })
                    });
                    for (j, coding) in c.code.coding.iter().enumerate() {
                        let field = join(&f.path, &format!("code.coding[{j}].code"));
                        if coding.system.as_deref() != Some(CS_FLAG) {
                            pending_warnings.push(problem(
                                &field,
                                Code::UnknownValue,
                                "a condition outside the project's flag codes; not used",
                            ));
                            continue;
                        }
                        let code = coding.code.as_deref().unwrap_or("");
                        if !FLAGS.iter().any(|fl| flag_code(*fl).0 == code) {
                            pending_errors.push(unknown_code(&field, code, CS_FLAG));
                        } else if refuted {
                            pending_warnings.push(problem(
                                &field,
                                Code::Inconsistent,
                                "a refuted flag; not used",
                            ));
                        } else if !out.flags.iter().any(|x| x == code) {
                            out.flags.push(code.to_string());
                        }
                    }
                }
                "Consent" => {
                    let c: Consent = match typed(f.value, &f.path) {
                        Ok(c) => c,
                        Err(e) => {
                            pending_errors.push(e);
                            continue;
                        }
                    };
                    let permits = c.status == "active"
                        && c.provision
                            .as_ref()
                            .and_then(|p| p.type_.as_deref())
                            .is_none_or(|t| t == "permit");
                    if permits && is_subject(f, c.patient.as_ref()) {
                        out.consent = true;
                    }
                }
                _ => {}
            }
        }
        self.errors.extend(pending_errors);
        self.warnings.extend(pending_warnings);
        out
    }

    /// The explicit support areas with their severity; those detected in the note are detected again
    /// from the note.
    fn areas(&mut self, sr: &ServiceRequest, sr_path: &str) -> Vec<Value> {
        let at = |f: &str| join(sr_path, f);
        let mut areas = Vec::new();
        for (i, reason) in sr.reason_code.iter().enumerate() {
            let source = reason
                .extension
                .iter()
                .find(|e| e.url == EXT_AREA_SOURCE)
                .and_then(|e| e.value_code.as_deref());
            let severity = reason
                .extension
                .iter()
                .find(|e| e.url == EXT_SEVERITY)
                .and_then(|e| e.value_integer);
            for (j, coding) in reason.coding.iter().enumerate() {
                let field = at(&format!("reasonCode[{i}].coding[{j}].code"));
                if coding.system.as_deref() != Some(CS_SUPPORT_AREA) {
                    self.not_used(
                        field,
                        "a reason outside the project's support-area codes".into(),
                    );
                    continue;
                }
                let code = coding.code.as_deref().unwrap_or("");
                if code.parse::<wor_core::SupportArea>().is_err() {
                    self.errors
                        .push(unknown_code(&field, code, CS_SUPPORT_AREA));
                    continue;
                }
                if source == Some("text") {
                    continue;
                }
                let mut need = Map::new();
                need.insert("area".into(), json!(code));
                if let Some(s) = severity {
                    need.insert("severity".into(), json!(s));
                }
                areas.push(Value::Object(need));
            }
        }
        areas
    }
}

/// What the clinical resources say about the subject.
#[derive(Default)]
struct Clinical {
    four_dkl: Map<String, Value>,
    health: Map<String, Value>,
    flags: Vec<String>,
    consent: bool,
}

/// The GP's note; notes this crate marked as engine output are not part of the referral.
fn note_text(sr: &ServiceRequest) -> Option<String> {
    let texts: Vec<&str> = sr
        .note
        .iter()
        .filter(|n| {
            let kind = n
                .extension
                .iter()
                .find(|e| e.url == EXT_NOTE_KIND)
                .and_then(|e| e.value_code.as_deref());
            matches!(kind, None | Some("referral_text"))
        })
        .map(|n| n.text.as_str())
        .collect();
    (!texts.is_empty()).then(|| texts.join("\n"))
}

fn unknown_code(field: &str, code: &str, system: &str) -> FieldError {
    problem(
        field,
        Code::UnknownValue,
        format!(
            "unknown code {} in {system}",
            wor_core::referral::shown(code)
        ),
    )
    .with("value", wor_core::referral::shown_value(code))
    .with("system", system)
}

#[allow(clippy::too_many_arguments)]
fn read_observation(
    o: &Observation,
    path: &str,
    age: &mut Option<i64>,
    four_dkl: &mut Map<String, Value>,
    health: &mut Map<String, Value>,
    errors: &mut Vec<FieldError>,
    warnings: &mut Vec<FieldError>,
) {
    let quantity = o.value_quantity.as_ref().and_then(|q| q.value);
    for (j, coding) in o.code.coding.iter().enumerate() {
        let field = join(path, &format!("code.coding[{j}].code"));
        let code = coding.code.as_deref().unwrap_or("");
        match coding.system.as_deref() {
            Some(LOINC) if code == LOINC_AGE => match quantity {
                Some(v) if v.fract() == 0.0 && (0.0..=1000.0).contains(&v) => *age = Some(v as i64),
                _ => errors.push(
                    problem(
                        &join(path, "valueQuantity.value"),
                        Code::InvalidFormat,
                        "the age must be a whole number of years",
                    )
                    .with("format", "integer"),
                ),
            },
            Some(CS_4DKL) => {
                if !FOUR_DKL.iter().any(|(c, _)| *c == code) {
                    errors.push(unknown_code(&field, code, CS_4DKL));
                } else {
                    match o.value_integer {
                        Some(v) => {
                            four_dkl.insert(code.into(), json!(v));
                        }
                        None => errors.push(
                            problem(&join(path, "valueInteger"), Code::Missing, "missing")
                                .with("name", "valueInteger"),
                        ),
                    }
                }
            }
            Some(CS_POSITIVE_HEALTH) => {
                if !POSITIVE_HEALTH.iter().any(|(c, _)| *c == code) {
                    errors.push(unknown_code(&field, code, CS_POSITIVE_HEALTH));
                } else {
                    match quantity {
                        Some(v) => {
                            health.insert(code.into(), json!(v));
                        }
                        None => errors.push(
                            problem(&join(path, "valueQuantity.value"), Code::Missing, "missing")
                                .with("name", "valueQuantity"),
                        ),
                    }
                }
            }
            _ => warnings.push(problem(
                &field,
                Code::UnknownValue,
                "an observation the referral has no field for; not used",
            )),
        }
    }
}

fn read_preferences(e: &Extension, out: &mut Map<String, Value>) {
    let mut days = Vec::new();
    let mut times = Vec::new();
    for part in &e.extension {
        match part.url.as_str() {
            "max_km" => {
                out.insert("max_km".into(), json!(part.value_decimal));
            }
            "max_eur_per_month" => {
                out.insert("max_eur_per_month".into(), json!(part.value_decimal));
            }
            "day" => days.push(json!(part.value_code)),
            "time" => times.push(json!(part.value_code)),
            "group" | "wheelchair" | "strict_days" => {
                out.insert(part.url.clone(), json!(part.value_boolean));
            }
            // An unknown part goes into the referral, whose strict parse names it.
            other => {
                out.insert(other.to_string(), Value::Null);
            }
        }
    }
    if !days.is_empty() {
        out.insert("days".into(), Value::Array(days));
    }
    if !times.is_empty() {
        out.insert("times".into(), Value::Array(times));
    }
}

/// Whole years from a full birth date to the referral date.
fn age_from_birth_date(birth: &str, on: Date) -> Option<i64> {
    let b: Date = birth.get(..10)?.parse().ok()?;
    if b > on {
        return None;
    }
    let mut years = i64::from(on.year() - b.year());
    if (on.month(), on.day()) < (b.month(), b.day()) {
        years -= 1;
    }
    Some(years)
}
