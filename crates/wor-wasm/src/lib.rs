//! WebAssembly bindings over wor-core for the web page. Everything runs inside the browser: referral
//! data never leave it. Inputs are JSON strings (the same contract as the CLI, so results are identical);
//! outputs are plain JS objects; every failure is a JS `Error` carrying the engine's message.
#![forbid(unsafe_code)]

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wor_core::matching::MatchOptions;
use wor_core::{Date, MapIndex, MapSet, Referral, SocialMap, Strictness, SupportArea};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
export type SupportAreaId = "loneliness" | "low_mood_anxiety" | "sleep_worry" | "burnout" | "life_event"
  | "lifestyle" | "chronic_illness" | "carer_strain" | "low_literacy" | "health_literacy" | "debt_poverty"
  | "transport_housing_household" | "leisure_daytime" | "parenting" | "work_reintegration" | "home_support";
export type Route = "wor" | "mgn" | "wor_and_mgn" | "urgent" | "medical" | "not_eligible";
export interface EngineInfo { engine_version: string; rules_version: number }
export interface SupportAreaInfo { id: SupportAreaId; nl: string; en: string; short_nl: string; short_en: string }
export interface MunicipalityInfo { code: string; name: string; region: string }
export interface Bilingual { nl: string; en: string }
export interface Reason extends Bilingual { rule: string; matched?: string[] }
export interface Warning extends Bilingual { code: "risk_denied" | "other_person" | "risk_history" | string; matched?: string[] }
export interface Pathway extends Bilingual { id: string }
export interface Why extends Bilingual { code: string }
export interface AreaFinding { area: SupportAreaId; severity?: 1 | 2 | 3; source: "explicit" | "detected" | "both"; matched?: string[] }
export interface Triage {
  id: string; route: Route; headline: Bilingual; areas: AreaFinding[];
  suggested_areas?: { area: SupportAreaId; dimension: string; score: number }[];
  reasons: Reason[]; warnings: Warning[]; pathways: Pathway[];
  mental_health_signal: "none" | "mild" | "moderate" | "strong"; rules_version: number;
  policy: { id: string; version: string };
}
export interface MapInfo { region: string; region_name: string; version: string; published: string; hash: string; demo: boolean; entries: number; warnings: number }
export interface MapStamp { region: string; version: string; published: string; hash: string }
export interface Suggestion {
  activity_id: string; name: string; organisation: string; description: string; kind: "activity" | "service" | "provision"; group: boolean; score: number;
  areas: SupportAreaId[]; distance_km: number; schedule: { day: string; start: string; end: string }[];
  by_appointment: boolean; cost_eur_per_month: number; requires_indication: boolean; address: string; postcode: string;
  contact: { phone?: string; email?: string; website?: string }; why: Why[];
}
export interface Origin extends Bilingual { pc4?: number; municipality: string }
export interface MatchResult {
  id: string; map: MapStamp; route: Route; areas: AreaFinding[]; origin: Origin; suggestions: Suggestion[];
  filtered?: { filter: "strict_days"; entries: number }[]; notes?: Why[];
}
"#;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

fn parse_date(field: &str, s: &str) -> Result<Date, JsError> {
    s.parse::<Date>()
        .map_err(|e| JsError::new(&format!("{field}: {e}")))
}

fn parse_referral(json: &str) -> Result<Referral, JsError> {
    Referral::from_json(json, Strictness::Lenient)
        .map(|p| p.value)
        .map_err(|e| JsError::new(&e.to_string()))
}

#[derive(Serialize)]
struct EngineInfo {
    engine_version: &'static str,
    rules_version: u32,
}

/// Engine and triage-rules versions.
#[wasm_bindgen(js_name = engineInfo, unchecked_return_type = "EngineInfo")]
pub fn engine_info() -> Result<JsValue, JsError> {
    to_js(&EngineInfo {
        engine_version: wor_core::ENGINE_VERSION,
        rules_version: wor_core::triage::TriagePolicy::V2.rules_version,
    })
}

#[derive(Serialize)]
struct AreaInfo {
    id: &'static str,
    nl: &'static str,
    en: &'static str,
    short_nl: &'static str,
    short_en: &'static str,
}

/// The sixteen support areas with Dutch and English labels.
#[wasm_bindgen(js_name = supportAreas, unchecked_return_type = "SupportAreaInfo[]")]
pub fn support_areas() -> Result<JsValue, JsError> {
    let areas: Vec<AreaInfo> = SupportArea::ALL
        .iter()
        .map(|a| AreaInfo {
            id: a.id(),
            nl: a.label_nl(),
            en: a.label_en(),
            short_nl: a.short_nl(),
            short_en: a.short_en(),
        })
        .collect();
    to_js(&areas)
}

#[derive(Serialize)]
struct MunicipalityInfo {
    code: &'static str,
    name: &'static str,
    region: &'static str,
}

/// The municipalities of the three regions.
#[wasm_bindgen(unchecked_return_type = "MunicipalityInfo[]")]
pub fn municipalities() -> Result<JsValue, JsError> {
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

/// Triage one referral (JSON text).
#[wasm_bindgen(unchecked_return_type = "Triage")]
pub fn triage(referral_json: &str) -> Result<JsValue, JsError> {
    to_js(&wor_core::triage(&parse_referral(referral_json)?))
}

#[derive(Serialize)]
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

/// Loaded social maps, one per region.
#[wasm_bindgen]
#[derive(Default)]
pub struct Engine {
    maps: MapSet,
}

#[wasm_bindgen]
impl Engine {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Engine {
        Engine::default()
    }

    /// Loads a map (JSON text), replacing an earlier map of the same region. `today` is YYYY-MM-DD.
    #[wasm_bindgen(js_name = loadMap, unchecked_return_type = "MapInfo")]
    pub fn load_map(&mut self, map_json: &str, today: &str) -> Result<JsValue, JsError> {
        let today = parse_date("today", today)?;
        let map = SocialMap::from_json(map_json)
            .map_err(|e| JsError::new(&format!("map: {e}")))?
            .value;
        let index = MapIndex::build(&map, today).map_err(|issues| {
            let shown: Vec<String> = issues.iter().take(5).map(ToString::to_string).collect();
            JsError::new(&format!(
                "map {} {} has {} error(s): {}",
                map.region.id,
                map.version,
                issues.len(),
                shown.join("; ")
            ))
        })?;
        let info = map_info(&index);
        self.maps
            .maps
            .retain(|m| m.stamp.region != index.stamp.region);
        self.maps.maps.push(index);
        self.maps
            .maps
            .sort_by(|a, b| a.stamp.region.cmp(&b.stamp.region));
        to_js(&info)
    }

    /// The loaded maps: region, version, publication date, content hash.
    #[wasm_bindgen(unchecked_return_type = "MapInfo[]")]
    pub fn maps(&self) -> Result<JsValue, JsError> {
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
    ) -> Result<JsValue, JsError> {
        let referral = parse_referral(referral_json)?;
        let opts = MatchOptions {
            top_k: top_k.clamp(1, 50),
            date: parse_date("today", today)?,
        };
        let result = self
            .maps
            .match_one(&referral, &opts, None)
            .map_err(|e| JsError::new(&e.to_string()))?;
        to_js(&result)
    }
}
