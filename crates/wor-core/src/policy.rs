//! The triage policy as data (`wor-policy/1`): every threshold, trigger word list and pathway rule,
//! each with its basis: the plan (with the section) or an assumption still to be agreed with the region.
//!
//! The default lives in `social-map/policy/default.json` (compiled in); a region or a run may override
//! it with a file that `extends` the default (`social-map/<region>/policy.json`, `wor triage --policy`).
//! An override may add risk and disorder words and tighten thresholds towards safety; it can never
//! remove a word, add a context that sets a risk aside, or loosen an urgent or MGN threshold: such a file
//! is refused with errors naming the field.

use crate::decision::TriagePolicy;
use crate::detect::Vocabulary;
use crate::error::{Code, FieldError};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// The default policy file, compiled in (feature `embedded-policy`, on everywhere but in the wasm module,
/// which the page hands the same file with [`Policy::install_default`] to keep the module small).
#[cfg(feature = "embedded-policy")]
pub const DEFAULT_POLICY_JSON: &str = include_str!("../../../social-map/policy/default.json");

/// The default policy and the JSON it was read from (to recognise the default file itself).
static DEFAULT: OnceLock<(Policy, Value)> = OnceLock::new();

/// The `schema` every policy file declares.
pub const SCHEMA_ID: &str = "wor-policy/1";

/// The first line of the compiled form the page hands to the wasm module.
pub const COMPILED_ID: &str = "wor-policy-compiled/1";

/// The contact promise when a compiled policy names none (plan §4.1: within two weeks).
const DEFAULT_CONTACT_WITHIN_DAYS: u32 = 14;

/// The numbered lines after the [`COMPILED_ID`] line of [`Policy::to_compiled`]'s form.
fn compiled_lines(text: &str) -> Result<impl Iterator<Item = (usize, &str)>, String> {
    let mut lines = text.lines().enumerate();
    if lines.next().map(|(_, l)| l) != Some(COMPILED_ID) {
        return Err(format!("line 1: expected {COMPILED_ID}"));
    }
    Ok(lines)
}

/// Only the contact promise of a compiled policy, as [`Policy::from_compiled`] reads it, without
/// compiling the rest: the FHIR wasm module needs no more, and compiling links the text detection.
pub fn contact_within_days(text: &str) -> Result<u32, String> {
    for (i, line) in compiled_lines(text)? {
        if let Some(days) = line.strip_prefix("contact_within_days\t") {
            return days.parse().map_err(|_| format!("line {}: {line}", i + 1));
        }
    }
    Ok(DEFAULT_CONTACT_WITHIN_DAYS)
}

/// Why a rule is what it is: serialised as the policy file writes it, `{"plan": "§4.1 ..."}` or
/// `{"assumption": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Basis {
    /// The plan says so; the text names the section.
    Plan(String),
    /// Not in the plan: to be agreed with the region.
    Assumption(String),
}

impl Basis {
    pub fn is_assumption(&self) -> bool {
        matches!(self, Basis::Assumption(_))
    }

    fn kind(&self) -> &'static str {
        if self.is_assumption() {
            "assumption"
        } else {
            "plan"
        }
    }

    fn text(&self) -> &str {
        match self {
            Basis::Plan(t) | Basis::Assumption(t) => t,
        }
    }
}

/// The keys of the urgent advice, in the order the GP reads them: what the GP does today, then what the
/// resident can do. A region may reword a line (its own crisis service), never drop one.
pub const URGENT_ADVICE: [&str; 2] = ["assess_today", "crisis_line"];

/// One line of advice in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    pub key: &'static str,
    pub nl: String,
    pub en: String,
}

/// A loaded, validated policy.
#[derive(Debug, Clone)]
pub struct Policy {
    pub id: String,
    pub version: String,
    pub thresholds: TriagePolicy,
    /// Zuid-Holland Noord practices with a PO-sociaal (AGB code or name, compared case-insensitively).
    pub po_sociaal_practices: Vec<String>,
    /// The social worker contacts the resident within this many days.
    pub contact_within_days: u32,
    /// What an urgent decision tells the GP to do, line by line ([`URGENT_ADVICE`] order); each line's
    /// basis is under its key.
    pub urgent_advice: Vec<Advice>,
    /// Basis of every threshold, rule, cue, pathway setting and urgent advice line, by key.
    basis: BTreeMap<String, Basis>,
    /// The cue vocabulary as lexicon lines (`topic<TAB>kind<TAB>term`).
    cue_lines: Vec<String>,
    /// Shared: regional overrides without added words read with the default's tables.
    vocabulary: Arc<Vocabulary>,
}

/// The fields of a compiled policy while it is read.
#[derive(Default)]
struct Compiled {
    id: String,
    version: String,
    thresholds: TriagePolicy,
    po_sociaal_practices: Vec<String>,
    contact_within_days: u32,
    urgent_advice: Vec<Advice>,
    basis: BTreeMap<String, Basis>,
    cue_lines: Vec<String>,
}

/// Which way a threshold may move in an override: towards more care, never less.
#[derive(Clone, Copy)]
enum Safer {
    /// Only down (more residents reach the MGN, WoR or advice).
    Lower,
    /// Only up (fewer minors, more suggestions).
    Higher,
}

/// The thresholds: key, the 4DKL-or-other maximum, and the safe direction.
const THRESHOLDS: [(&str, f64, Safer); 8] = [
    ("min_age", 120.0, Safer::Higher),
    ("depression_moderate", 12.0, Safer::Lower),
    ("depression_strong", 12.0, Safer::Lower),
    ("anxiety_moderate", 24.0, Safer::Lower),
    ("anxiety_strong", 24.0, Safer::Lower),
    ("distress_elevated", 32.0, Safer::Lower),
    ("positive_health_low", 10.0, Safer::Higher),
    ("older_resident_age", 120.0, Safer::Lower),
];

impl Policy {
    /// The default policy, compiled in. (The wasm module, which installs it, asks
    /// [`Policy::installed_default`] instead: a missing default is an error there, never a panic.)
    #[cfg(feature = "embedded-policy")]
    pub fn default_policy() -> &'static Policy {
        &default_entry().0
    }

    /// The default policy: compiled in, or installed by [`Policy::install_default`]; else an error
    /// with the code `missing` on the field `policy`.
    pub fn installed_default() -> Result<&'static Policy, FieldError> {
        #[cfg(feature = "embedded-policy")]
        return Ok(Policy::default_policy());
        #[cfg(not(feature = "embedded-policy"))]
        DEFAULT.get().map(|(p, _)| p).ok_or_else(|| {
            FieldError::new(
                "policy",
                Code::Missing,
                "no default triage policy: call setDefaultPolicy first",
            )
            .with("name", "policy")
        })
    }

    /// Installs the default policy, in compiled form ([`Policy::to_compiled`]), where it is not
    /// compiled in (the wasm module); a no-op returning the default when one is already there.
    pub fn install_default(compiled: &str) -> Result<&'static Policy, String> {
        if let Some((p, _)) = DEFAULT.get() {
            return Ok(p);
        }
        let parsed = Policy::from_compiled(compiled)?;
        Ok(&DEFAULT.get_or_init(|| (parsed, Value::Null)).0)
    }

    /// A policy file: the default itself, or an override that `extends` it.
    pub fn from_json(json: &str) -> Result<Policy, Vec<FieldError>> {
        let value: Value = serde_json::from_str(json).map_err(|e| {
            vec![FieldError::new(
                "",
                Code::InvalidJson,
                format!("not valid JSON: {e}"),
            )]
        })?;
        let Some(obj) = value.as_object() else {
            return Err(vec![FieldError::new(
                "",
                Code::WrongType,
                "a policy must be a JSON object",
            )
            .with("expected", "object")]);
        };
        if obj.get("extends").is_none() {
            #[cfg(feature = "embedded-policy")]
            {
                let (default, source) = default_entry();
                if &value == source {
                    return Ok(default.clone());
                }
            }
            return Err(vec![FieldError::new(
                "extends",
                Code::Missing,
                "missing: a policy builds on the default (\"extends\": \"default\")",
            )]);
        }
        Policy::installed_default()
            .map_err(|e| vec![e])?
            .with_override(obj)
    }

    /// The policy as `wor map bundle` hands it to the page (`wor-policy-compiled/1`): tab-separated
    /// lines of thresholds, every key's basis (kind and text), the pathway settings, the urgent advice and
    /// the vocabulary. Validated by the bundler, read by the wasm module without serde (it keeps the
    /// module small).
    pub fn to_compiled(&self) -> String {
        // Texts are one field of a tab-separated line.
        let field = |s: &str| s.replace(['\t', '\n', '\r'], " ");
        let mut out = format!(
            "{COMPILED_ID}\nid\t{}\nversion\t{}\ncontact_within_days\t{}\n",
            self.id, self.version, self.contact_within_days
        );
        for (key, _, _) in THRESHOLDS {
            out.push_str(&format!("threshold\t{key}\t{}\n", self.thresholds.get(key)));
        }
        for (key, basis) in &self.basis {
            out.push_str(&format!(
                "basis\t{key}\t{}\t{}\n",
                basis.kind(),
                field(basis.text())
            ));
        }
        for a in &self.urgent_advice {
            out.push_str(&format!(
                "urgent\t{}\t{}\t{}\n",
                a.key,
                field(&a.nl),
                field(&a.en)
            ));
        }
        for practice in &self.po_sociaal_practices {
            out.push_str(&format!("practice\t{practice}\n"));
        }
        for line in &self.cue_lines {
            out.push_str(&format!("cue\t{line}\n"));
        }
        // The area lexicon travels with the policy: the wasm module does not carry it.
        for line in crate::detect::packed_lexicon().lines() {
            out.push_str(&format!("lexicon\t{line}\n"));
        }
        out
    }

    /// Reads [`Policy::to_compiled`]'s form; the problem names its line.
    pub fn from_compiled(text: &str) -> Result<Policy, String> {
        let lines = compiled_lines(text)?;
        let mut p = Compiled {
            contact_within_days: DEFAULT_CONTACT_WITHIN_DAYS,
            ..Compiled::default()
        };
        let mut lexicon = String::new();
        for (i, line) in lines {
            let bad = || format!("line {}: {line}", i + 1);
            let (tag, rest) = line.split_once('\t').ok_or_else(bad)?;
            match tag {
                "id" => p.id = rest.to_string(),
                "version" => p.version = rest.to_string(),
                "contact_within_days" => p.contact_within_days = rest.parse().map_err(|_| bad())?,
                "threshold" => {
                    let (key, v) = rest.split_once('\t').ok_or_else(bad)?;
                    p.thresholds.set(key, v.parse().map_err(|_| bad())?);
                }
                "basis" => {
                    let (key, rest) = rest.split_once('\t').ok_or_else(bad)?;
                    let (kind, text) = rest.split_once('\t').unwrap_or((rest, ""));
                    let b = match kind {
                        "plan" => Basis::Plan(text.to_string()),
                        "assumption" => Basis::Assumption(text.to_string()),
                        _ => return Err(bad()),
                    };
                    p.basis.insert(key.to_string(), b);
                }
                "urgent" => {
                    let mut parts = rest.split('\t');
                    let (Some(key), Some(nl), Some(en), None) =
                        (parts.next(), parts.next(), parts.next(), parts.next())
                    else {
                        return Err(bad());
                    };
                    let key = URGENT_ADVICE
                        .into_iter()
                        .find(|k| *k == key)
                        .ok_or_else(bad)?;
                    p.urgent_advice.push(Advice {
                        key,
                        nl: nl.to_string(),
                        en: en.to_string(),
                    });
                }
                "practice" => p.po_sociaal_practices.push(rest.to_string()),
                "cue" => p.cue_lines.push(rest.to_string()),
                "lexicon" => {
                    lexicon.push_str(rest);
                    lexicon.push('\n');
                }
                _ => return Err(bad()),
            }
        }
        if p.id.is_empty() || p.cue_lines.is_empty() || p.urgent_advice.len() != URGENT_ADVICE.len()
        {
            return Err("incomplete: no id, no vocabulary or not every urgent advice line".into());
        }
        if lexicon.is_empty() && crate::detect::packed_lexicon().is_empty() {
            return Err("incomplete: no area lexicon".into());
        }
        crate::detect::install_lexicon(lexicon);
        let vocabulary = Vocabulary::with_cues(&p.cue_lines).map_err(|e| e.join("; "))?;
        Ok(Policy {
            id: p.id,
            version: p.version,
            thresholds: p.thresholds,
            po_sociaal_practices: p.po_sociaal_practices,
            contact_within_days: p.contact_within_days,
            urgent_advice: p.urgent_advice,
            basis: p.basis,
            cue_lines: p.cue_lines,
            vocabulary: Arc::new(vocabulary),
        })
    }

    /// The basis of a threshold, rule, cue or pathway setting.
    pub fn basis(&self, key: &str) -> Option<&Basis> {
        self.basis.get(key)
    }

    /// Whether a decision part resting on `key` is an assumption (unknown keys are not).
    pub fn is_assumption(&self, key: &str) -> bool {
        self.basis.get(key).is_some_and(Basis::is_assumption)
    }

    /// Every basis, by key (for the README table and `wor policy validate`).
    pub fn bases(&self) -> impl Iterator<Item = (&str, &Basis)> {
        self.basis.iter().map(|(k, b)| (k.as_str(), b))
    }

    /// The cue vocabulary as lexicon lines.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn cue_lines(&self) -> &[String] {
        &self.cue_lines
    }

    /// The words this policy reads in a note (support areas and clinical cues).
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    fn with_override(&self, obj: &Map<String, Value>) -> Result<Policy, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut out = self.clone();
        check_keys(
            obj,
            "",
            &[
                "schema",
                "id",
                "version",
                "extends",
                "title",
                "thresholds",
                "vocabulary",
                "pathways",
                "urgent",
            ],
            &mut errors,
        );
        header(obj, &mut out, &mut errors);
        if obj.get("extends").and_then(Value::as_str) != Some("default") {
            errors.push(
                FieldError::new(
                    "extends",
                    Code::UnknownValue,
                    "must be \"default\" (the only policy to build on)",
                )
                .with("expected", "default"),
            );
        }
        if let Some(t) = obj.get("thresholds") {
            out.override_thresholds(t, &mut errors);
        }
        let mut added = 0;
        if let Some(v) = obj.get("vocabulary") {
            added = out.add_words(v, &mut errors);
        }
        if let Some(p) = obj.get("pathways") {
            out.override_pathways(p, &mut errors);
        }
        if let Some(u) = obj.get("urgent") {
            out.override_urgent(u, &mut errors);
        }
        if errors.is_empty() && added > 0 {
            match Vocabulary::with_cues(&out.cue_lines) {
                Ok(v) => out.vocabulary = Arc::new(v),
                Err(problems) => errors.extend(
                    problems
                        .into_iter()
                        .map(|p| FieldError::new("vocabulary", Code::InvalidFormat, p)),
                ),
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    fn override_thresholds(&mut self, value: &Value, errors: &mut Vec<FieldError>) {
        let Some(obj) = object(value, "thresholds", errors) else {
            return;
        };
        for (key, entry) in obj {
            let field = format!("thresholds.{key}");
            let Some(&(_, max, safer)) = THRESHOLDS.iter().find(|(k, _, _)| k == key) else {
                errors.push(FieldError::new(
                    &field,
                    Code::UnknownField,
                    "unknown threshold",
                ));
                continue;
            };
            let Some((value, basis)) = setting(entry, &field, errors) else {
                continue;
            };
            let Some(new) = value.as_f64().filter(|v| (0.0..=max).contains(v)) else {
                errors.push(
                    FieldError::new(
                        format!("{field}.value"),
                        Code::OutOfRange,
                        format!("must be a number from 0 to {max}"),
                    )
                    .with("min", 0)
                    .with("max", max),
                );
                continue;
            };
            let old = self.thresholds.get(key);
            let loosens = match safer {
                Safer::Lower => new > old,
                Safer::Higher => new < old,
            };
            if loosens {
                errors.push(
                    FieldError::new(
                        format!("{field}.value"),
                        Code::Loosens,
                        format!(
                            "{new} loosens the default {old}: an override may only move it {}",
                            match safer {
                                Safer::Lower => "down (towards more care)",
                                Safer::Higher => "up (towards more care)",
                            }
                        ),
                    )
                    .with("got", new)
                    .with("default", old),
                );
                continue;
            }
            self.thresholds.set(key, new);
            self.basis.insert(key.clone(), basis);
        }
        let t = &self.thresholds;
        for (moderate, strong, a, b) in [
            (
                t.depression_moderate,
                t.depression_strong,
                "depression_moderate",
                "depression_strong",
            ),
            (
                t.anxiety_moderate,
                t.anxiety_strong,
                "anxiety_moderate",
                "anxiety_strong",
            ),
        ] {
            if moderate >= strong {
                errors.push(
                    FieldError::new(
                        format!("thresholds.{a}"),
                        Code::Inconsistent,
                        format!("must stay below thresholds.{b} ({strong})"),
                    )
                    .with("other", format!("thresholds.{b}")),
                );
            }
        }
    }

    /// Adds words to risk and disorder cues; returns how many.
    fn add_words(&mut self, value: &Value, errors: &mut Vec<FieldError>) -> usize {
        let Some(obj) = object(value, "vocabulary", errors) else {
            return 0;
        };
        check_keys(obj, "vocabulary", &["cues"], errors);
        let Some(cues) = obj
            .get("cues")
            .and_then(|c| object(c, "vocabulary.cues", errors))
        else {
            return 0;
        };
        let mut added = 0;
        for (id, entry) in cues {
            let field = format!("vocabulary.cues.{id}");
            let Some(cue) = crate::cue::Cue::from_id(id) else {
                errors.push(
                    FieldError::new(&field, Code::UnknownValue, "unknown cue")
                        .with("value", id.as_str()),
                );
                continue;
            };
            if !(cue.is_risk() || cue.is_disorder()) {
                errors.push(FieldError::new(
                    &field,
                    Code::Loosens,
                    "an override may add words to risk and disorder cues only (other words could set a risk or a referral aside)",
                ));
                continue;
            }
            let Some(entry) = object(entry, &field, errors) else {
                continue;
            };
            check_keys(entry, &field, &["add"], errors);
            let Some(terms) = entry.get("add").and_then(Value::as_array) else {
                errors.push(FieldError::new(
                    format!("{field}.add"),
                    Code::Missing,
                    "missing: a list of terms to add (\"word x\", \"stem x\", \"phrase x y\")",
                ));
                continue;
            };
            for (i, term) in terms.iter().enumerate() {
                let tf = format!("{field}.add[{i}]");
                match term.as_str().map(|t| term_line(id, t)) {
                    Some(Ok(line)) => match Vocabulary::with_cues(std::slice::from_ref(&line)) {
                        Ok(_) => {
                            self.cue_lines.push(line);
                            added += 1;
                        }
                        Err(p) => {
                            errors.push(FieldError::new(tf, Code::InvalidFormat, p.join("; ")))
                        }
                    },
                    Some(Err(p)) => errors.push(FieldError::new(tf, Code::InvalidFormat, p)),
                    None => errors.push(
                        FieldError::new(tf, Code::WrongType, "must be a string")
                            .with("expected", "string"),
                    ),
                }
            }
        }
        added
    }

    fn override_pathways(&mut self, value: &Value, errors: &mut Vec<FieldError>) {
        let Some(obj) = object(value, "pathways", errors) else {
            return;
        };
        for (key, entry) in obj {
            let field = format!("pathways.{key}");
            let Some((value, basis)) = setting(entry, &field, errors) else {
                continue;
            };
            match key.as_str() {
                "po_sociaal_practices" => match strings(value) {
                    Some(list) => self.po_sociaal_practices = list,
                    None => {
                        errors.push(
                            FieldError::new(
                                format!("{field}.value"),
                                Code::WrongType,
                                "must be a list of practice names or AGB codes",
                            )
                            .with("expected", "list"),
                        );
                        continue;
                    }
                },
                "contact_within_days" => {
                    // Sooner is allowed; later would break the plan's promise.
                    match value.as_u64().filter(|d| (1..=14).contains(d)) {
                        Some(d) => self.contact_within_days = d as u32,
                        None => {
                            errors.push(
                                FieldError::new(
                                    format!("{field}.value"),
                                    Code::OutOfRange,
                                    "must be a whole number of days from 1 to 14 (the plan: within two weeks)",
                                )
                                .with("min", 1)
                                .with("max", 14),
                            );
                            continue;
                        }
                    }
                }
                _ => {
                    errors.push(FieldError::new(
                        &field,
                        Code::UnknownField,
                        "unknown pathway setting",
                    ));
                    continue;
                }
            }
            self.basis.insert(key.clone(), basis);
        }
    }
}

impl Policy {
    /// A region rewords urgent advice lines (its own crisis service, its own out-of-hours number); every
    /// line stays, each with its basis.
    fn override_urgent(&mut self, value: &Value, errors: &mut Vec<FieldError>) {
        let Some(obj) = object(value, "urgent", errors) else {
            return;
        };
        for (key, entry) in obj {
            let field = format!("urgent.{key}");
            let Some(line) = self.urgent_advice.iter_mut().find(|a| a.key == key) else {
                errors.push(FieldError::new(
                    &field,
                    Code::UnknownField,
                    format!(
                        "unknown urgent advice line (known: {})",
                        URGENT_ADVICE.join(", ")
                    ),
                ));
                continue;
            };
            let Some((value, basis)) = setting(entry, &field, errors) else {
                continue;
            };
            let Some((nl, en)) = bilingual(value, &format!("{field}.value"), errors) else {
                continue;
            };
            (line.nl, line.en) = (nl, en);
            self.basis.insert(key.clone(), basis);
        }
    }
}

/// `{"nl": "...", "en": "..."}`, both non-empty.
fn bilingual(value: &Value, field: &str, errors: &mut Vec<FieldError>) -> Option<(String, String)> {
    let text = |lang: &str| {
        value
            .get(lang)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    match (text("nl"), text("en")) {
        (Some(nl), Some(en)) => Some((nl, en)),
        _ => {
            errors.push(
                FieldError::new(
                    field,
                    Code::InvalidFormat,
                    "must be {\"nl\": \"...\", \"en\": \"...\"}, both non-empty",
                )
                .with("format", "bilingual"),
            );
            None
        }
    }
}

impl Default for TriagePolicy {
    /// Zeros: only a start for reading a policy, which sets every threshold.
    fn default() -> Self {
        TriagePolicy {
            min_age: 0,
            depression_moderate: 0,
            depression_strong: 0,
            anxiety_moderate: 0,
            anxiety_strong: 0,
            distress_elevated: 0,
            positive_health_low: 0.0,
            older_resident_age: 0,
        }
    }
}

impl TriagePolicy {
    fn get(&self, key: &str) -> f64 {
        match key {
            "min_age" => self.min_age as f64,
            "depression_moderate" => f64::from(self.depression_moderate),
            "depression_strong" => f64::from(self.depression_strong),
            "anxiety_moderate" => f64::from(self.anxiety_moderate),
            "anxiety_strong" => f64::from(self.anxiety_strong),
            "distress_elevated" => f64::from(self.distress_elevated),
            "positive_health_low" => self.positive_health_low,
            _ => self.older_resident_age as f64,
        }
    }

    fn set(&mut self, key: &str, v: f64) {
        // Callers checked the range; scores and ages are whole numbers.
        let whole = v.round();
        match key {
            "min_age" => self.min_age = whole as i64,
            "depression_moderate" => self.depression_moderate = whole as u32,
            "depression_strong" => self.depression_strong = whole as u32,
            "anxiety_moderate" => self.anxiety_moderate = whole as u32,
            "anxiety_strong" => self.anxiety_strong = whole as u32,
            "distress_elevated" => self.distress_elevated = whole as u32,
            "positive_health_low" => self.positive_health_low = v,
            _ => self.older_resident_age = whole as i64,
        }
    }
}

/// The default policy file: every threshold, rule and cue with its basis, and the full vocabulary;
/// returned with its JSON. (Only where it is compiled in: the wasm module reads the compiled form.)
#[cfg(feature = "embedded-policy")]
fn parse_default(json: &str) -> Result<(Policy, Value), String> {
    let v: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let obj = v.as_object().ok_or("not an object")?;
    let mut errors = Vec::new();
    let mut basis = BTreeMap::new();
    let mut thresholds = TriagePolicy::default();
    let t = obj.get("thresholds").and_then(Value::as_object);
    for (key, _, _) in THRESHOLDS {
        let entry = t
            .and_then(|t| t.get(key))
            .ok_or(format!("thresholds.{key}"))?;
        let (value, b) = setting(entry, key, &mut errors).ok_or(format!("thresholds.{key}"))?;
        thresholds.set(key, value.as_f64().ok_or(format!("thresholds.{key}"))?);
        basis.insert(key.to_string(), b);
    }
    // Rules and pathway steps: a basis each (the steps' ids are `pathways::STEPS`).
    for section in ["rules", "steps"] {
        for (key, entry) in obj.get(section).and_then(Value::as_object).ok_or(section)? {
            let b = entry
                .get("basis")
                .and_then(|b| parse_basis(b, key, &mut errors))
                .ok_or(format!("{section}.{key}.basis"))?;
            basis.insert(key.clone(), b);
        }
    }
    let vocabulary = obj.get("vocabulary").ok_or("vocabulary")?;
    let mut cue_lines = Vec::new();
    // Clinical cues and kinds of life event: each with its basis and words, in the lexicon's format.
    for list in ["cues", "life_events"] {
        for (id, entry) in vocabulary
            .get(list)
            .and_then(Value::as_object)
            .ok_or(format!("vocabulary.{list}"))?
        {
            let b = entry
                .get("basis")
                .and_then(|b| parse_basis(b, id, &mut errors))
                .ok_or(format!("vocabulary.{list}.{id}.basis"))?;
            basis.insert(id.clone(), b);
            for term in entry
                .get("terms")
                .and_then(strings)
                .ok_or(format!("vocabulary.{list}.{id}.terms"))?
            {
                cue_lines.push(term_line(id, &term)?);
            }
        }
    }
    for (i, ctx) in vocabulary
        .get("contexts")
        .and_then(Value::as_array)
        .ok_or("vocabulary.contexts")?
        .iter()
        .enumerate()
    {
        let field = format!("vocabulary.contexts[{i}]");
        let get = |k: &str| {
            ctx.get(k)
                .and_then(Value::as_str)
                .ok_or(format!("{field}.{k}"))
        };
        let (applies_to, kind) = (get("applies_to")?, get("kind")?);
        for term in ctx.get("terms").and_then(strings).ok_or(field.clone())? {
            cue_lines.push(format!("{applies_to}\t{kind}\t{term}"));
        }
    }
    let pathways = obj
        .get("pathways")
        .and_then(Value::as_object)
        .ok_or("pathways")?;
    let mut practices = Vec::new();
    let mut contact = 0;
    for (key, entry) in pathways {
        let (value, b) = setting(entry, key, &mut errors).ok_or(format!("pathways.{key}"))?;
        match key.as_str() {
            "po_sociaal_practices" => practices = strings(value).ok_or("po_sociaal_practices")?,
            "contact_within_days" => {
                contact = value.as_u64().ok_or("contact_within_days")? as u32;
            }
            _ => return Err(format!("pathways.{key}")),
        }
        basis.insert(key.clone(), b);
    }
    let urgent = obj
        .get("urgent")
        .and_then(Value::as_object)
        .ok_or("urgent")?;
    let mut urgent_advice = Vec::new();
    for key in URGENT_ADVICE {
        let entry = urgent.get(key).ok_or(format!("urgent.{key}"))?;
        let (value, b) = setting(entry, key, &mut errors).ok_or(format!("urgent.{key}"))?;
        let (nl, en) = bilingual(value, key, &mut errors).ok_or(format!("urgent.{key}"))?;
        urgent_advice.push(Advice { key, nl, en });
        basis.insert(key.to_string(), b);
    }
    if urgent.len() != URGENT_ADVICE.len() {
        return Err(format!("urgent: exactly {}", URGENT_ADVICE.join(", ")));
    }
    if !errors.is_empty() {
        return Err(join(&errors));
    }
    let vocabulary = Vocabulary::with_cues(&cue_lines).map_err(|e| e.join("; "))?;
    let mut policy = Policy {
        id: String::new(),
        version: String::new(),
        thresholds,
        po_sociaal_practices: practices,
        contact_within_days: contact,
        urgent_advice,
        basis,
        cue_lines,
        vocabulary: Arc::new(vocabulary),
    };
    header(obj, &mut policy, &mut errors);
    if errors.is_empty() {
        Ok((policy, v.clone()))
    } else {
        Err(join(&errors))
    }
}

/// `schema`, `id`, `version` (and an optional bilingual `title`).
fn header(obj: &Map<String, Value>, policy: &mut Policy, errors: &mut Vec<FieldError>) {
    if obj.get("schema").and_then(Value::as_str) != Some(SCHEMA_ID) {
        errors.push(
            FieldError::new(
                "schema",
                Code::UnknownValue,
                format!("must be \"{SCHEMA_ID}\""),
            )
            .with("expected", SCHEMA_ID),
        );
    }
    for (field, target) in [("id", &mut policy.id), ("version", &mut policy.version)] {
        match obj.get(field).and_then(Value::as_str) {
            Some(s) if !s.trim().is_empty() && s.len() <= 64 && !s.contains(char::is_control) => {
                *target = s.to_string()
            }
            _ => errors.push(FieldError::new(
                field,
                Code::Missing,
                "missing: a non-empty name of at most 64 characters",
            )),
        }
    }
}

/// `{"value": ..., "basis": {...}}`.
fn setting<'a>(
    entry: &'a Value,
    field: &str,
    errors: &mut Vec<FieldError>,
) -> Option<(&'a Value, Basis)> {
    let obj = object(entry, field, errors)?;
    check_keys(obj, field, &["value", "basis"], errors);
    let Some(value) = obj.get("value") else {
        errors.push(FieldError::new(
            format!("{field}.value"),
            Code::Missing,
            "missing",
        ));
        return None;
    };
    let Some(basis) = obj.get("basis") else {
        errors.push(FieldError::new(
            format!("{field}.basis"),
            Code::Missing,
            "missing: {\"plan\": \"section ...\"} or {\"assumption\": \"why\"}",
        ));
        return None;
    };
    Some((value, parse_basis(basis, field, errors)?))
}

fn parse_basis(value: &Value, field: &str, errors: &mut Vec<FieldError>) -> Option<Basis> {
    let field = format!("{field}.basis");
    let obj = object(value, &field, errors)?;
    let text = |k: &str| {
        obj.get(k)
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
    };
    match (obj.len(), text("plan"), text("assumption")) {
        (1, Some(p), None) => Some(Basis::Plan(p.to_string())),
        (1, None, Some(a)) => Some(Basis::Assumption(a.to_string())),
        _ => {
            errors.push(FieldError::new(
                field,
                Code::InvalidFormat,
                "must be {\"plan\": \"section ...\"} or {\"assumption\": \"why\"}",
            ));
            None
        }
    }
}

/// A cue term ("stem suicid", "phrase wil ~ dood") as a lexicon line for `cue`.
fn term_line(cue: &str, term: &str) -> Result<String, String> {
    let (kind, rest) = term
        .trim()
        .split_once(' ')
        .ok_or("must be \"word x\", \"stem x\" or \"phrase x y\"")?;
    if !matches!(kind, "word" | "stem" | "phrase") {
        return Err(format!("unknown kind '{kind}': use word, stem or phrase"));
    }
    Ok(format!("{cue}\t{kind}\t{}", rest.trim()))
}

fn object<'a>(
    value: &'a Value,
    field: &str,
    errors: &mut Vec<FieldError>,
) -> Option<&'a Map<String, Value>> {
    let obj = value.as_object();
    if obj.is_none() {
        errors.push(
            FieldError::new(field, Code::WrongType, "must be an object").with("expected", "object"),
        );
    }
    obj
}

fn check_keys(obj: &Map<String, Value>, field: &str, known: &[&str], errors: &mut Vec<FieldError>) {
    for key in obj.keys().filter(|k| !known.contains(&k.as_str())) {
        let f = if field.is_empty() {
            key.clone()
        } else {
            format!("{field}.{key}")
        };
        errors.push(FieldError::new(f, Code::UnknownField, "unknown field"));
    }
}

fn strings(value: &Value) -> Option<Vec<String>> {
    value
        .as_array()?
        .iter()
        .map(|s| s.as_str().map(str::to_string))
        .collect()
}

/// The compiled-in default (a file in this repository, read by every test: never invalid in a build).
#[cfg(feature = "embedded-policy")]
fn default_entry() -> &'static (Policy, Value) {
    DEFAULT.get_or_init(|| {
        parse_default(DEFAULT_POLICY_JSON)
            .unwrap_or_else(|e| unreachable!("the compiled-in default policy is valid: {e}"))
    })
}

#[cfg(feature = "embedded-policy")]
fn join(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}
