//! The weights file (`wor-weights/2`): matching weights learned per region from its own outcomes, with
//! where they come from (map versions, date range, number of cases, cross-validated metrics) and what
//! was learned in plain Dutch.
//!
//! Version 2 added the log-linear form factors (`group_activity`, `one_to_one`, `paid`) and the Dutch
//! summary (`summary_nl`). A `wor-weights/1` file is still read: its weights are a subset of version
//! 2's and the new ones keep their defaults, which leave the ranking as version 1 made it. Any other
//! version is refused with an error naming it.
//!
//! ```json
//! {"schema": "wor-weights/2", "id": "zhn-2026", "synthetic": false,
//!  "regions": [{"region": "zuid-holland-noord", "map_versions": ["2026.3.0"],
//!               "from": "2026-01-01", "to": "2026-12-31", "cases": 4210,
//!               "cross_validation": {...}, "kept_defaults": null,
//!               "weights": {"decay_km_under_65": 6.1, ...}}]}
//! ```
//!
//! A region without its own entry uses [`Weights::DEFAULT`]; a weight a region leaves out keeps its
//! default. The file holds no referral data: only counts, dates, versions, metrics, weights, and
//! salted hashes of the learning cases' ids ([`LearningCases`]), so an evaluation can tell when it
//! scores the weights on the cases they were learned from.

use crate::error::{Code, FieldError, FieldErrors};
pub mod factors;

pub use factors::{Field, Weights, FIELDS};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

pub const SCHEMA: &str = "wor-weights/2";
/// Older versions still read (see the module documentation).
pub const READS: [&str; 2] = [SCHEMA, "wor-weights/1"];

/// One weights file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeightsFile {
    pub schema: String,
    pub id: String,
    /// Learned from synthetic cases (a demo), not from a region's real outcomes.
    #[serde(default)]
    pub synthetic: bool,
    pub regions: Vec<RegionWeights>,
}

/// The weights learned for one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionWeights {
    pub region: String,
    /// The map versions the cases were matched against.
    pub map_versions: Vec<String>,
    /// First and last referral date of the cases (YYYY-MM-DD).
    pub from: String,
    pub to: String,
    /// Closed cases learned from.
    pub cases: u32,
    /// How the defaults and the tuned weights did out of sample (written by `wor tune`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cross_validation: Option<serde_json::Value>,
    /// Why the defaults were kept, when they were (too few cases, no out-of-sample gain).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kept_defaults: Option<String>,
    /// What was learned and whether it was adopted, in plain Dutch (`wor tune` prints the same lines).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub summary_nl: Vec<String>,
    /// Weight name -> value; names and ranges as in [`FIELDS`].
    pub weights: BTreeMap<String, f64>,
    /// Which cases the weights were learned from, as salted hashes (absent in files written before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learning_cases: Option<LearningCases>,
}

/// The learning cases of one region: [`case_hash`] of each case id with the file's salt, sorted. A
/// hash names no referral; with the salt an evaluation can check whether one of its own cases is
/// among them, and a hash from one file cannot be matched against another file's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LearningCases {
    pub salt: String,
    pub hashes: Vec<String>,
}

impl LearningCases {
    /// The hashes of `ids` with a salt derived from what the file says about them (file id, region,
    /// period): deterministic, so the same learning run writes the same file.
    pub fn of<'a>(
        file_id: &str,
        region: &str,
        period: (&str, &str),
        ids: impl IntoIterator<Item = &'a str>,
    ) -> LearningCases {
        let salt = hex(&Sha256::digest(
            format!(
                "wor-weights salt\n{file_id}\n{region}\n{}\n{}",
                period.0, period.1
            )
            .as_bytes(),
        ))[..16]
            .to_string();
        let mut hashes: Vec<String> = ids.into_iter().map(|id| case_hash(&salt, id)).collect();
        crate::sort::sort(&mut hashes);
        hashes.dedup();
        LearningCases { salt, hashes }
    }

    /// True when case `id` is among the learning cases.
    pub fn contains(&self, id: &str) -> bool {
        let hash = case_hash(&self.salt, id);
        self.hashes.contains(&hash)
    }
}

/// The first 16 hex digits of sha256(`salt` `:` `id`).
pub fn case_hash(salt: &str, id: &str) -> String {
    hex(&Sha256::digest(format!("{salt}:{id}").as_bytes()))[..16].to_string()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a match output is stamped with when a weights file is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WeightsStamp {
    pub id: String,
    /// `sha256:` + hex digest of the file's canonical JSON.
    pub hash: String,
}

/// One region's weights as matching uses them, with the stamp of the file they came from.
#[derive(Debug, Clone, PartialEq)]
pub struct AppliedWeights {
    pub weights: Weights,
    pub stamp: WeightsStamp,
    /// The period (from, to) and the cases the weights were learned from, when the file lists them.
    pub learned_from: Option<(String, String, LearningCases)>,
}

/// `weights` as a file's name -> value table (every weight, in name order).
pub fn to_table(weights: &Weights) -> BTreeMap<String, f64> {
    FIELDS
        .iter()
        .map(|f| (f.name.to_string(), (f.get)(weights)))
        .collect()
}

/// A table read back into weights: missing names keep their default; unknown names and values out of
/// range are errors naming `field.name`.
pub fn from_table(table: &BTreeMap<String, f64>, field: &str) -> Result<Weights, FieldErrors> {
    let mut weights = Weights::DEFAULT;
    let mut errors = Vec::new();
    for (name, &value) in table {
        let at = format!("{field}.{name}");
        match FIELDS.iter().find(|f| f.name == name) {
            None => errors.push(
                FieldError::new(at, Code::UnknownField, format!("{name} is not a weight"))
                    .with("strict", true),
            ),
            Some(f) if !(f.min..=f.max).contains(&value) => errors.push(
                FieldError::new(
                    at,
                    Code::OutOfRange,
                    format!("{value} is outside {}..={}", f.min, f.max),
                )
                .with("min", f.min)
                .with("max", f.max)
                .with("got", value),
            ),
            Some(f) => (f.set)(&mut weights, value),
        }
    }
    if errors.is_empty() {
        Ok(weights)
    } else {
        Err(errors)
    }
}

/// A weights file of a version this engine does not read, named in the error.
fn unsupported(version: &str) -> FieldError {
    FieldError::new(
        "schema",
        Code::UnknownValue,
        format!(
            "{version} is not a weights file version this engine reads ({}); learn the weights again with this version's wor tune",
            READS.join(", ")
        ),
    )
    .with("value", version)
    .with("expected", SCHEMA)
}

impl WeightsFile {
    /// Parses and validates a weights file; every problem names its field.
    pub fn from_json(json: &str) -> Result<WeightsFile, FieldErrors> {
        // The version first, so that a file of another version is refused by its version rather
        // than by the first field this one does not know.
        if let Ok(serde_json::Value::Object(o)) = serde_json::from_str::<serde_json::Value>(json) {
            if let Some(serde_json::Value::String(v)) = o.get("schema") {
                if !READS.contains(&v.as_str()) {
                    return Err(vec![unsupported(v)]);
                }
            }
        }
        let file: WeightsFile = serde_json::from_str(json).map_err(|e| {
            vec![FieldError::new(
                "",
                if e.is_syntax() || e.is_eof() {
                    Code::InvalidJson
                } else if e.to_string().starts_with("missing field") {
                    Code::Missing
                } else {
                    Code::WrongType
                },
                format!("not a {SCHEMA} file: {e}"),
            )]
        })?;
        file.validate()?;
        Ok(file)
    }

    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = Vec::new();
        if !READS.contains(&self.schema.as_str()) {
            errors.push(unsupported(&self.schema));
        }
        if self.id.trim().is_empty() {
            errors.push(FieldError::new("id", Code::Empty, "the file needs an id"));
        }
        for (i, r) in self.regions.iter().enumerate() {
            let at = format!("regions[{i}]");
            if self.regions[..i].iter().any(|o| o.region == r.region) {
                errors.push(
                    FieldError::new(
                        format!("{at}.region"),
                        Code::Duplicate,
                        format!("{} is listed twice", r.region),
                    )
                    .with("value", r.region.as_str()),
                );
            }
            for (name, date) in [("from", &r.from), ("to", &r.to)] {
                if date.parse::<crate::Date>().is_err() {
                    errors.push(
                        FieldError::new(
                            format!("{at}.{name}"),
                            Code::InvalidFormat,
                            format!("{date} is not a date (YYYY-MM-DD)"),
                        )
                        .with("format", "date"),
                    );
                }
            }
            if let Err(e) = from_table(&r.weights, &format!("{at}.weights")) {
                errors.extend(e);
            }
            if let Some(lc) = &r.learning_cases {
                let is_hash =
                    |h: &String| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit());
                if let Some(j) = lc.hashes.iter().position(|h| !is_hash(h)) {
                    errors.push(
                        FieldError::new(
                            format!("{at}.learning_cases.hashes[{j}]"),
                            Code::InvalidFormat,
                            "not a case hash (16 hex digits)",
                        )
                        .with("format", "hex16"),
                    );
                }
                if lc.salt.is_empty() {
                    errors.push(FieldError::new(
                        format!("{at}.learning_cases.salt"),
                        Code::Empty,
                        "a salt is needed to check cases against the hashes",
                    ));
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a weights file always serialises");
        s.push('\n');
        s
    }

    pub fn stamp(&self) -> WeightsStamp {
        let canonical = serde_json::to_vec(self).expect("a weights file always serialises");
        WeightsStamp {
            id: self.id.clone(),
            hash: format!("sha256:{}", hex(&Sha256::digest(&canonical))),
        }
    }

    /// The weights for `region`, if the file has its own set (validated: see [`WeightsFile::from_json`]).
    pub fn for_region(&self, region: &str) -> Option<AppliedWeights> {
        let r = self.regions.iter().find(|r| r.region == region)?;
        Some(AppliedWeights {
            weights: from_table(&r.weights, "weights").ok()?,
            stamp: self.stamp(),
            learned_from: r
                .learning_cases
                .clone()
                .map(|cases| (r.from.clone(), r.to.clone(), cases)),
        })
    }
}

/// Where a region's weights were learned, as the page states it ("afgestemd op N verwijzingen
/// (periode)").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "WeightsInfo"))]
pub struct Provenance {
    pub id: String,
    pub hash: String,
    pub region: String,
    pub cases: u32,
    pub from: String,
    pub to: String,
    pub synthetic: bool,
}

/// First line of the compiled form (version 1's is read too: its lines are a subset).
const COMPILED: &str = "wor-weights/2 compiled";
const COMPILED_V1: &str = "wor-weights/1 compiled";

impl WeightsFile {
    /// One region's weights in the line format the page hands to the wasm module (`wor map bundle`
    /// writes it after validating the file), so the module needs no JSON reading for weights:
    /// `key value` lines, then `w name bits` per weight, the value's IEEE bits in hex (exact, and
    /// cheaper to read in the module than a decimal number). `None` when the file has no such region.
    pub fn to_compiled(&self, region: &str) -> Option<String> {
        let r = self.regions.iter().find(|r| r.region == region)?;
        let stamp = self.stamp();
        let mut s = format!(
            "{COMPILED}\nid {}\nhash {}\nregion {}\ncases {}\nfrom {}\nto {}\nsynthetic {}\n",
            self.id, stamp.hash, r.region, r.cases, r.from, r.to, self.synthetic
        );
        let weights = from_table(&r.weights, "weights").ok()?;
        for f in FIELDS {
            s.push_str(&format!("w {} {:x}\n", f.name, (f.get)(&weights).to_bits()));
        }
        Some(s)
    }
}

/// Reads [`WeightsFile::to_compiled`]'s output back; ranges are checked again. Kept lean: it is the
/// only weights code in the page's wasm module.
pub fn from_compiled(text: &str) -> Result<(AppliedWeights, Provenance), &'static str> {
    let mut lines = text.lines();
    if !matches!(lines.next(), Some(COMPILED | COMPILED_V1)) {
        return Err("not compiled weights (wor map bundle writes them)");
    }
    let mut p = Provenance {
        id: String::new(),
        hash: String::new(),
        region: String::new(),
        cases: 0,
        from: String::new(),
        to: String::new(),
        synthetic: false,
    };
    let mut weights = Weights::DEFAULT;
    const BAD: &str = "a line of the compiled weights is not understood";
    for line in lines {
        let (key, value) = line.split_once(' ').ok_or(BAD)?;
        match key {
            "id" => p.id = value.into(),
            "hash" => p.hash = value.into(),
            "region" => p.region = value.into(),
            "cases" => p.cases = value.parse().map_err(|_| BAD)?,
            "from" => p.from = value.into(),
            "to" => p.to = value.into(),
            "synthetic" => p.synthetic = value == "true",
            "w" => {
                let (name, bits) = value.split_once(' ').ok_or(BAD)?;
                let f = FIELDS.iter().find(|f| f.name == name).ok_or(BAD)?;
                let v = f64::from_bits(u64::from_str_radix(bits, 16).map_err(|_| BAD)?);
                if !(f.min..=f.max).contains(&v) {
                    return Err("a compiled weight is out of range");
                }
                (f.set)(&mut weights, v);
            }
            _ => return Err(BAD),
        }
    }
    let stamp = WeightsStamp {
        id: p.id.clone(),
        hash: p.hash.clone(),
    };
    Ok((
        AppliedWeights {
            weights,
            stamp,
            learned_from: None,
        },
        p,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(weights: &str) -> String {
        format!(
            r#"{{"schema":"wor-weights/2","id":"t","regions":[{{"region":"zuid-holland-noord",
            "map_versions":["2026.3.0"],"from":"2026-01-01","to":"2026-12-31","cases":300,
            "weights":{{{weights}}}}}]}}"#
        )
    }

    #[test]
    fn the_defaults_round_trip_through_a_table() {
        assert_eq!(
            from_table(&to_table(&Weights::DEFAULT), "w").unwrap(),
            Weights::DEFAULT
        );
        for f in FIELDS {
            let v = (f.get)(&Weights::DEFAULT);
            assert!((f.min..=f.max).contains(&v), "{} default {v}", f.name);
        }
    }

    #[test]
    fn a_region_uses_its_weights_and_missing_ones_keep_the_default() {
        let f = WeightsFile::from_json(&file(r#""decay_km_under_65": 9.5"#)).unwrap();
        let w = f.for_region("zuid-holland-noord").unwrap();
        assert_eq!(w.weights.decay_km_under_65, 9.5);
        assert_eq!(w.weights.group_mismatch, Weights::DEFAULT.group_mismatch);
        assert_eq!(w.stamp.id, "t");
        assert!(w.stamp.hash.starts_with("sha256:"));
        assert!(f.for_region("amstelland").is_none());
    }

    #[test]
    fn the_compiled_form_round_trips() {
        let f = WeightsFile::from_json(&file(r#""decay_km_under_65": 9.123456789, "cost": 0.3"#))
            .unwrap();
        let text = f.to_compiled("zuid-holland-noord").unwrap();
        let (applied, p) = from_compiled(&text).unwrap();
        assert_eq!(applied, f.for_region("zuid-holland-noord").unwrap());
        assert_eq!(
            (p.cases, p.from.as_str(), p.synthetic),
            (300, "2026-01-01", false)
        );
        assert!(f.to_compiled("amstelland").is_none());
        let cost = format!("w cost {:x}", 0.3f64.to_bits());
        assert!(text.contains(&cost));
        let negative = format!("w cost {:x}", (-1.0f64).to_bits());
        assert!(from_compiled(&text.replace(&cost, &negative)).is_err());
        assert!(from_compiled("{}").is_err());
    }

    #[test]
    fn problems_name_their_field() {
        let errors =
            WeightsFile::from_json(&file(r#""group_mismatch": 0, "speed": 1"#)).unwrap_err();
        let fields: Vec<(&str, Code)> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            fields,
            [
                ("regions[0].weights.group_mismatch", Code::OutOfRange),
                ("regions[0].weights.speed", Code::UnknownField)
            ]
        );
        let errors = WeightsFile::from_json(&file("").replace("2026-12-31", "eind")).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["regions[0].to"]);
        assert_eq!(
            WeightsFile::from_json("{").unwrap_err()[0].code,
            Code::InvalidJson
        );
        assert_eq!(
            WeightsFile::from_json(r#"{"schema":"wor-weights/2"}"#).unwrap_err()[0].code,
            Code::Missing
        );
        assert_eq!(
            WeightsFile::from_json(r#"{"schema":"wor-weights/2","id":3}"#).unwrap_err()[0].code,
            Code::WrongType
        );
    }

    /// Version 1 files are read (the new form factors keep their defaults); a version this engine does
    /// not know is refused by its version, even when it has fields this one lacks.
    #[test]
    fn an_older_file_is_read_and_an_unknown_version_refused_by_name() {
        let v1 = file(r#""decay_km_65_74": 2.0"#).replace("wor-weights/2", "wor-weights/1");
        let w = WeightsFile::from_json(&v1).unwrap();
        let applied = w.for_region("zuid-holland-noord").unwrap().weights;
        assert_eq!(applied.decay_km_65_74, 2.0);
        assert_eq!(applied.group_activity, 1.0);
        let v1_compiled = w
            .to_compiled("zuid-holland-noord")
            .unwrap()
            .replace("wor-weights/2 compiled", "wor-weights/1 compiled");
        assert_eq!(from_compiled(&v1_compiled).unwrap().0.weights, applied);
        let v9 = file("")
            .replace("wor-weights/2", "wor-weights/9")
            .replace(r#""cases":300"#, r#""cases":300,"priors":{}"#);
        let errors = WeightsFile::from_json(&v9).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(
            (errors[0].field.as_str(), errors[0].code),
            ("schema", Code::UnknownValue)
        );
        assert!(
            errors[0].message.contains("wor-weights/9"),
            "{}",
            errors[0].message
        );
        assert!(errors[0].message.contains("wor-weights/2, wor-weights/1"));
    }
}
