//! WebAssembly bindings over wor-core for the web page. Everything runs inside the browser: referral
//! data never leave it. Inputs are JSON strings (the same contract as the CLI, so results are identical);
//! outputs are plain JS objects. Every failure is a JS `Error` whose `message` is the engine's English
//! wording and whose `code`, `field` and `params` hold the first problem and `errors` all of them, so the
//! page words problems in its own language without parsing messages.
#![forbid(unsafe_code)]

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wor_core::matching::MatchOptions;
use wor_core::policy::Policy;
use wor_core::triage::Triage;
use wor_core::{
    Code, FieldError, MapIndex, MapSet, MatchResult, Params, Referral, SocialMap, SupportArea,
};
use wor_js::{js_error, parse_date, parse_referral, problems_error, to_js};

// The result types' declarations are generated from the Rust types (ts-rs, in `declarations.rs`'s test);
// the thrown error's is wor-js's, one for every module.
#[wasm_bindgen(typescript_custom_section)]
const RESULT_TYPES: &str = include_str!("../types.d.ts");

wor_js::declare_wor_error!("FieldError | Issue");

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
/// The engine's version and the triage rules' version, as every output of the CLI carries them.
struct EngineInfo {
    engine_version: &'static str,
    rules_version: u32,
}

/// Engine and triage-rules versions.
#[wasm_bindgen(js_name = engineInfo, unchecked_return_type = "EngineInfo")]
pub fn engine_info() -> Result<JsValue, JsValue> {
    to_js(&EngineInfo {
        engine_version: wor_core::ENGINE_VERSION,
        rules_version: wor_core::triage::RULES_VERSION,
    })
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SupportAreaInfo"))]
/// A support area with its full and short labels in both languages.
struct AreaInfo {
    id: SupportArea,
    nl: &'static str,
    en: &'static str,
    short_nl: &'static str,
    short_en: &'static str,
}

/// The sixteen support areas with Dutch and English labels.
#[wasm_bindgen(js_name = supportAreas, unchecked_return_type = "SupportAreaInfo[]")]
pub fn support_areas() -> Result<JsValue, JsValue> {
    let areas: Vec<AreaInfo> = SupportArea::ALL
        .iter()
        .map(|a| AreaInfo {
            id: *a,
            nl: a.label_nl(),
            en: a.label_en(),
            short_nl: a.short_nl(),
            short_en: a.short_en(),
        })
        .collect();
    to_js(&areas)
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
/// One value of a closed list with its Dutch and English label.
struct Label {
    id: &'static str,
    nl: &'static str,
    en: &'static str,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
/// The engine's closed lists with their labels, so the page repeats none of them.
struct Vocabulary {
    flags: Vec<Label>,
    days: Vec<Label>,
    times: Vec<Label>,
    languages: Vec<Label>,
    routes: Vec<Label>,
    audiences: Vec<Label>,
    /// Who may refer (contract ids; the page words them).
    referrers: Vec<&'static str>,
    /// How a referral reached the social domain (contract ids).
    channels: Vec<&'static str>,
    /// The Positive Health dimensions, each scored 0 to `positive_health_max`.
    positive_health: Vec<&'static str>,
    positive_health_max: u32,
    /// The 4DKL scales with their maxima and the default policy's thresholds.
    four_dkl: Vec<DklScale>,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
/// A 4DKL scale: its id, its maximum sum score and from which score triage reads it as elevated
/// (absent for a scale no rule reads).
struct DklScale {
    id: &'static str,
    max: u32,
    #[cfg_attr(test, ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    elevated_from: Option<u32>,
}

/// The closed lists of the referral contract and the triage routes, each with Dutch and English
/// labels: the page builds its checkboxes and words routes from these instead of keeping copies. The
/// 4DKL thresholds are the installed default policy's (an Error with code `missing` before it is set).
#[wasm_bindgen(unchecked_return_type = "Vocabulary")]
pub fn vocabulary() -> Result<JsValue, JsValue> {
    use wor_core::audience::Audience;
    use wor_core::decision::Route;
    use wor_core::referral::{Channel, DayPart, Flag, PositiveHealth, Referrer, Weekday};
    let thresholds = &default_policy()?.thresholds;
    let label = |id, nl, en| Label { id, nl, en };
    to_js(&Vocabulary {
        flags: Flag::ALL
            .map(|f| label(f.id(), f.label_nl(), f.label_en()))
            .into(),
        days: Weekday::ALL
            .map(|d| label(d.id(), d.label_nl(), d.label_en()))
            .into(),
        times: DayPart::ALL
            .map(|p| label(p.id(), p.label_nl(), p.label_en()))
            .into(),
        languages: wor_core::language::listed()
            .map(|l| label(l.code, l.label_nl, l.label_en))
            .collect(),
        routes: Route::ALL
            .map(|r| label(r.id(), r.label_nl(), r.label_en()))
            .into(),
        audiences: Audience::ALL
            .map(|a| label(a.id(), a.label_nl(), a.label_en()))
            .into(),
        referrers: Referrer::ALL.map(Referrer::id).into(),
        channels: Channel::ALL.map(Channel::id).into(),
        positive_health: PositiveHealth::DIMENSIONS.into(),
        positive_health_max: PositiveHealth::MAX,
        four_dkl: dkl_scales(thresholds),
    })
}

/// The 4DKL scales with their maxima and the thresholds of `thresholds`.
fn dkl_scales(thresholds: &wor_core::decision::TriagePolicy) -> Vec<DklScale> {
    wor_core::referral::FourDkl::SCALES
        .map(|(id, max)| DklScale {
            id,
            max,
            elevated_from: thresholds.elevated_from(id),
        })
        .into()
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
/// A municipality of the three regions: CBS code, name and region id.
struct MunicipalityInfo {
    code: &'static str,
    name: &'static str,
    region: &'static str,
}

/// The municipalities of the three regions.
#[wasm_bindgen(unchecked_return_type = "MunicipalityInfo[]")]
pub fn municipalities() -> Result<JsValue, JsValue> {
    let list: Vec<MunicipalityInfo> = wor_core::geo::MUNICIPALITIES
        .iter()
        .map(|m| MunicipalityInfo {
            code: m.code,
            name: m.name,
            region: m.region,
        })
        .collect();
    to_js(&list)
}

/// Installs the default triage policy (`social-map/policy/default.json`, compiled by `wor map bundle`
/// into `maps/policy.txt`): the module leaves it out to stay small. Call it once, before anything
/// triages.
#[wasm_bindgen(js_name = setDefaultPolicy, unchecked_return_type = "PolicyInfo")]
pub fn set_default_policy(policy_json: &str) -> Result<JsValue, JsValue> {
    let policy = Policy::install_default(policy_json).map_err(|e| {
        problems_error(
            "policy: ",
            &[FieldError::new("policy", Code::InvalidFormat, e)],
        )
    })?;
    to_js(&PolicyInfo {
        id: policy.id.clone(),
        version: policy.version.clone(),
        region: String::new(),
    })
}

/// The default policy, or a JS Error (`missing`, field `policy`) when the page has not installed it yet.
fn default_policy() -> Result<&'static Policy, JsValue> {
    Policy::installed_default().map_err(|e| problems_error("", &[e]))
}

/// Triage one referral (JSON text) with the default policy. Risk decides first: an invalid referral
/// whose note or flags carry a risk is triaged as urgent, its problems in `input_problems`; any other
/// invalid referral throws.
#[wasm_bindgen(unchecked_return_type = "Triage")]
pub fn triage(referral_json: &str) -> Result<JsValue, JsValue> {
    let policy = default_policy()?;
    let decision = match read(referral_json, |_| policy)? {
        Read::Valid(referral) => wor_core::triage::triage_with(&referral, policy),
        Read::UrgentDespite(decision) => *decision,
    };
    to_js(&decision)
}

/// A referral as the page sends it: valid, or invalid but urgent all the same. One lives per call, so
/// the size difference of the variants costs nothing worth an extra allocation.
#[allow(clippy::large_enum_variant)]
enum Read {
    Valid(Box<Referral>),
    UrgentDespite(Box<Triage>),
}

/// Reads a referral; an invalid one is salvaged and decided urgent when it carries a risk (under the
/// policy `policy_for` picks for it), else its problems are thrown.
fn read<'a>(json: &str, policy_for: impl FnOnce(&Referral) -> &'a Policy) -> Result<Read, JsValue> {
    match Referral::from_json_quiet(json) {
        Ok(referral) => Ok(Read::Valid(Box::new(referral))),
        Err(problems) => {
            let Some(salvaged) = Referral::salvage(json) else {
                return Err(problems_error("", &problems));
            };
            wor_core::triage::urgent_despite(&salvaged, problems, policy_for(&salvaged))
                .map(|d| Read::UrgentDespite(Box::new(d)))
                .map_err(|problems| problems_error("", &problems))
        }
    }
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
/// The triage policy a call installed, and the region it is for (empty for the default).
struct PolicyInfo {
    id: String,
    version: String,
    region: String,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
/// A loaded map: its stamp, region name, whether it is a demo, its entries and validation warnings.
struct MapInfo {
    region: String,
    region_name: String,
    version: String,
    published: String,
    hash: String,
    demo: bool,
    entries: usize,
    warnings: usize,
}

fn map_info(index: &MapIndex) -> MapInfo {
    MapInfo {
        region: index.stamp.region.clone(),
        region_name: index.region_name.clone(),
        version: index.stamp.version.clone(),
        published: index.stamp.published.clone(),
        hash: index.stamp.hash.clone(),
        demo: index.demo,
        entries: index.entries.len(),
        warnings: index.warnings.len(),
    }
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
/// One keystroke's answer: the decision, and the suggestions or why there are none.
struct Assessment<'a> {
    decision: Triage,
    /// Absent for a referral decided urgent despite its problems, and when matching failed.
    #[serde(rename = "match", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    suggestions: Option<MatchResult<'a>>,
    /// Why there are no suggestions for a valid referral (no map for the region, say).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    match_error: Option<FieldError>,
}

/// Loaded social maps, one per region.
#[wasm_bindgen]
#[derive(Default)]
pub struct Engine {
    maps: MapSet,
}

impl Engine {
    /// The policy that decides for `referral`: its region's own when loaded, else `default`.
    fn policy_for<'a>(&'a self, referral: &Referral, default: &'a Policy) -> &'a Policy {
        self.maps
            .for_referral(referral)
            .ok()
            .and_then(|index| index.policy().ok())
            .unwrap_or(default)
    }

    /// The decision for a referral under its region's policy, and the referral when it was valid.
    fn decide(&self, json: &str) -> Result<(Triage, Option<Referral>), JsValue> {
        let default = default_policy()?;
        let policy_for = |r: &Referral| self.policy_for(r, default);
        Ok(match read(json, policy_for)? {
            Read::Valid(referral) => (
                wor_core::triage::triage_with(&referral, policy_for(&referral)),
                Some(*referral),
            ),
            Read::UrgentDespite(decision) => (*decision, None),
        })
    }

    /// The loaded map of `region`, to attach its policy or weights to; an error naming the region else.
    fn loaded_region(&mut self, region: &str) -> Result<&mut MapIndex, JsValue> {
        self.maps
            .maps
            .iter_mut()
            .find(|m| m.stamp.region == region)
            .ok_or_else(|| {
                problems_error(
                    "",
                    &[FieldError::new(
                        "region",
                        Code::UnknownValue,
                        format!("no map of region '{region}' is loaded"),
                    )
                    .with("value", region)],
                )
            })
    }
}

#[wasm_bindgen]
impl Engine {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Engine {
        Engine::default()
    }

    /// Loads a map (JSON text), replacing an earlier map of the same region. `today` is YYYY-MM-DD.
    #[wasm_bindgen(js_name = loadMap, unchecked_return_type = "MapInfo")]
    pub fn load_map(&mut self, map_json: &str, today: &str) -> Result<JsValue, JsValue> {
        let today = parse_date("today", today)?;
        let map =
            SocialMap::from_json_quiet(map_json).map_err(|e| problems_error("map: ", &[e]))?;
        let index = MapIndex::build(&map, today).map_err(|issues| {
            let shown: Vec<String> = issues.iter().take(5).map(ToString::to_string).collect();
            let message = format!(
                "map {} {} has {} error(s): {}",
                map.region.id,
                map.version,
                issues.len(),
                shown.join("; ")
            );
            let no_params = Params::default();
            let first = issues
                .first()
                .map_or((Code::InvalidFormat, "", &no_params), |i| {
                    (i.code, i.field.as_str(), &i.params)
                });
            js_error(&message, first, &issues)
        })?;
        let info = map_info(&index);
        self.maps
            .maps
            .retain(|m| m.stamp.region != index.stamp.region);
        self.maps.maps.push(index);
        wor_core::sort::sort_by(&mut self.maps.maps, |a, b| {
            a.stamp.region.cmp(&b.stamp.region)
        });
        to_js(&info)
    }

    /// Loads a region's triage policy as `wor map bundle` writes it (`<region>.policy.txt`: the region's
    /// override validated, applied to the default and compiled); the region's map must be loaded first. Triage and suggestions for residents of that region then use it.
    #[wasm_bindgen(js_name = loadPolicy, unchecked_return_type = "PolicyInfo")]
    pub fn load_policy(&mut self, region: &str, policy_json: &str) -> Result<JsValue, JsValue> {
        default_policy()?;
        // `wor map bundle` validated the region's override and wrote it compiled: no override checks
        // and no JSON reading of policies (none of their code) in the module.
        let policy = Policy::from_compiled(policy_json).map_err(|e| {
            problems_error(
                "policy: ",
                &[FieldError::new("policy", Code::InvalidFormat, e)],
            )
        })?;
        let info = PolicyInfo {
            id: policy.id.clone(),
            version: policy.version.clone(),
            region: region.to_string(),
        };
        let index = self.loaded_region(region)?;
        index.policy = Some(std::sync::Arc::new(policy));
        to_js(&info)
    }

    /// Loads a region's matching weights as `wor map bundle` writes them (`<region>.weights.txt`: the
    /// region's `social-map/<region>/weights/` file validated and compiled); the region's map must be
    /// loaded first. Suggestions for residents of that region then use them and carry
    /// `weights: {id, hash}`; the returned info says how many cases and which period they were learned on.
    #[wasm_bindgen(js_name = loadWeights, unchecked_return_type = "WeightsInfo")]
    pub fn load_weights(&mut self, region: &str, compiled: &str) -> Result<JsValue, JsValue> {
        let (applied, info) = wor_core::weights::from_compiled(compiled).map_err(|e: &str| {
            problems_error(
                "weights: ",
                &[FieldError::new("weights", Code::InvalidFormat, e)],
            )
        })?;
        let index = self.loaded_region(region)?;
        index.weights = Some(std::sync::Arc::new(applied));
        to_js(&info)
    }

    /// Triage one referral (JSON text) with the policy of the resident's region (its own, if loaded,
    /// else the default). Risk decides first, as in [`triage`].
    #[wasm_bindgen(unchecked_return_type = "Triage")]
    pub fn triage(&self, referral_json: &str) -> Result<JsValue, JsValue> {
        let (decision, _) = self.decide(referral_json)?;
        to_js(&decision)
    }

    /// What the page needs per keystroke, in one call: the triage decision (risk first, as [`triage`])
    /// and, for a valid referral, the suggestions of the resident's region (`top_k`, validity on `today`)
    /// or the problem that kept them away (`match_error`).
    #[wasm_bindgen(unchecked_return_type = "Assessment")]
    pub fn assess(
        &self,
        referral_json: &str,
        top_k: usize,
        today: &str,
    ) -> Result<JsValue, JsValue> {
        let opts = MatchOptions {
            top_k: top_k.clamp(1, 50),
            date: parse_date("today", today)?,
        };
        let (decision, referral) = self.decide(referral_json)?;
        let (suggestions, match_error) = match &referral {
            None => (None, None),
            Some(r) => match self.maps.match_one(r, &opts, None) {
                Ok(m) => (Some(m), None),
                Err(e) => (None, Some(e)),
            },
        };
        to_js(&Assessment {
            decision,
            suggestions,
            match_error,
        })
    }

    /// The 4DKL scales with the thresholds of the policy that decides for this referral (JSON text,
    /// valid or not: its municipality or postcode is read as triage reads it): its region's own policy
    /// when loaded, else the default. The page words its 4DKL hints from these.
    #[wasm_bindgen(js_name = fourDkl, unchecked_return_type = "DklScale[]")]
    pub fn four_dkl(&self, referral_json: &str) -> Result<JsValue, JsValue> {
        let default = default_policy()?;
        let policy = Referral::from_json_quiet(referral_json)
            .ok()
            .or_else(|| Referral::salvage(referral_json))
            .map_or(default, |r| self.policy_for(&r, default));
        to_js(&dkl_scales(&policy.thresholds))
    }

    /// The loaded maps: region, version, publication date, content hash.
    #[wasm_bindgen(unchecked_return_type = "MapInfo[]")]
    pub fn maps(&self) -> Result<JsValue, JsValue> {
        let infos: Vec<MapInfo> = self.maps.maps.iter().map(map_info).collect();
        to_js(&infos)
    }

    /// Suggestions for one referral (JSON text) from the map of the resident's region.
    #[wasm_bindgen(unchecked_return_type = "MatchResult")]
    pub fn suggest(
        &self,
        referral_json: &str,
        top_k: usize,
        today: &str,
    ) -> Result<JsValue, JsValue> {
        default_policy()?;
        let referral = parse_referral(referral_json)?;
        let opts = MatchOptions {
            top_k: top_k.clamp(1, 50),
            date: parse_date("today", today)?,
        };
        let result = self
            .maps
            .match_one(&referral, &opts, None)
            .map_err(|e| problems_error("", &[e]))?;
        to_js(&result)
    }
}

#[cfg(test)]
mod declarations;
