//! The matcher's view of one map version: checked entries, an inverted index by support area and a
//! spatial grid, built once per map load and shared by every match.

use crate::area::{AreaSet, SupportArea};
use crate::audience::AudienceSet;
use crate::date::Date;
use crate::geo::{Located, Point, KM_PER_DEGREE};
use crate::life_event::LifeEventSet;
use crate::map::{validate, Entry, Issue, Level, MapStamp, SocialMap};
use crate::referral::{DayPart, Weekday};
use std::collections::HashMap;

/// Grid cells of about 2.5 x 2.5 km at Dutch latitudes.
const CELL_LAT_DEG: f64 = 0.0225;
const CELL_LON_DEG: f64 = 0.0365;

type Cell = (i32, i32);

fn cell_of(p: Point) -> Cell {
    (
        (p.lat / CELL_LAT_DEG).floor() as i32,
        (p.lon / CELL_LON_DEG).floor() as i32,
    )
}

/// One region's map, ready for matching.
#[derive(Debug, Clone)]
pub struct MapIndex {
    pub stamp: MapStamp,
    pub region_name: String,
    pub demo: bool,
    /// Entries sorted by id, so that index order is the tie-break order.
    pub entries: Vec<Entry>,
    /// Scoring fields of each entry, same order as `entries`.
    pub hot: Vec<Hot>,
    /// Organisation of each entry as a small number, for cheap similarity checks.
    pub org_ids: Vec<u32>,
    /// Warnings found while checking the map (errors prevent building an index).
    pub warnings: Vec<Issue>,
    /// Municipality CBS codes of the region, sorted.
    pub municipalities: Vec<String>,
    /// The map's languages (ISO 639-1), sorted; the first 64 are the bits of [`Hot::language_bits`].
    pub languages: Vec<String>,
    /// Per area: grid cells (sorted) with the entries located there.
    cells_by_area: Vec<Vec<GridCell>>,
    /// The region's triage policy, when it has its own (`social-map/<region>/policy.json`); matching
    /// decides the route with it.
    pub policy: Option<std::sync::Arc<crate::policy::Policy>>,
    /// The region's matching weights, when a weights file gives it its own; else the defaults.
    pub weights: Option<std::sync::Arc<crate::weights::AppliedWeights>>,
}

/// The fields scoring reads for every candidate, packed together so that scanning thousands of
/// candidates touches a couple of cache lines each instead of a whole [`Entry`] with its heap data.
#[derive(Debug, Clone, Copy)]
pub struct Hot {
    pub at: Located,
    pub cost_eur_per_month: f64,
    /// Weight per support area (0 when not served).
    pub weights: [f32; 16],
    pub area_set: AreaSet,
    /// The areas with the entry's highest weight: what it mainly does (see `matching::form_factor`).
    pub main_areas: AreaSet,
    /// Who the entry is meant for; empty: everyone.
    pub audience: AudienceSet,
    /// The kinds of life event the entry is for; empty: any.
    pub life_events: LifeEventSet,
    /// A service or provision (not an activity): help for a named need, whatever form a resident wishes.
    pub service: bool,
    pub min_age: u32,
    pub max_age: u32,
    /// Validity as days since 1970-01-01 (inclusive).
    pub valid_from: i64,
    pub valid_to: i64,
    pub wheelchair_accessible: bool,
    pub low_literacy_friendly: bool,
    pub group: bool,
    pub requires_indication: bool,
    pub by_appointment: bool,
    pub speaks_dutch: bool,
    /// Set when the entry speaks a language beyond the map's first 64 (no bit in `language_bits`).
    pub more_languages: bool,
    /// The (weekday, part of day) pairs of the schedule, as bits of [`slot_bit`].
    pub slot_bits: u32,
    /// The entry's languages as bits of their position in [`MapIndex::languages`].
    pub language_bits: u64,
}

/// Bit of a (weekday, part of day) pair: 7 x 3 bits.
pub fn slot_bit(day: Weekday, part: DayPart) -> u32 {
    1 << (day as u32 * 3 + part as u32)
}

/// Bits of `codes` among the map's `languages` (sorted); the second value is true when some code has no bit.
pub fn language_bits<'a>(
    languages: &[String],
    codes: impl IntoIterator<Item = &'a String>,
) -> (u64, bool) {
    codes.into_iter().fold((0, false), |(bits, more), code| {
        match languages.binary_search(code) {
            Ok(i) if i < 64 => (bits | 1 << i, more),
            _ => (bits, true),
        }
    })
}

impl Hot {
    fn of(e: &Entry, languages: &[String]) -> Hot {
        let (language_bits, more_languages) = language_bits(languages, &e.languages);
        let mut weights = [0.0; 16];
        for (area, w) in &e.areas {
            weights[area.index()] = *w;
        }
        Hot {
            at: Located::new(e.point),
            cost_eur_per_month: e.cost_eur_per_month,
            weights,
            area_set: e.area_set,
            main_areas: e.main_areas(),
            audience: e.audience,
            life_events: e.life_events,
            service: e.kind != crate::map::ActivityKind::Activity,
            min_age: e.min_age,
            max_age: e.max_age.unwrap_or(u32::MAX),
            valid_from: e.valid_from.map_or(i64::MIN, Date::days_since_epoch),
            valid_to: e.valid_to.map_or(i64::MAX, Date::days_since_epoch),
            wheelchair_accessible: e.wheelchair_accessible,
            low_literacy_friendly: e.low_literacy_friendly,
            group: e.group,
            requires_indication: e.requires_indication,
            by_appointment: e.by_appointment,
            speaks_dutch: e.languages.iter().any(|l| l == "nl"),
            more_languages,
            language_bits,
            slot_bits: e.slots.iter().fold(0, |bits, s| {
                bits | slot_bit(s.day, DayPart::of_minute(s.start))
            }),
        }
    }
}

/// The entries of one grid cell that serve one area.
#[derive(Debug, Clone)]
struct GridCell {
    cell: Cell,
    /// Cosine of the latitude of the cell's side farthest from the equator.
    cos_far: f64,
    /// Every area served by some entry of the cell.
    areas: AreaSet,
    /// The entries with a copy of their scoring fields: a visit reads them in sequence instead of
    /// jumping through the whole map, which is what the search spends its time waiting for.
    entries: Vec<(u32, Hot)>,
}

impl GridCell {
    fn new(cell: Cell, ids: Vec<u32>, hot: &[Hot]) -> GridCell {
        let lat0 = f64::from(cell.0) * CELL_LAT_DEG;
        let far = lat0.abs().max((lat0 + CELL_LAT_DEG).abs()).min(90.0);
        GridCell {
            cell,
            cos_far: far.to_radians().cos(),
            areas: ids.iter().fold(AreaSet::default(), |acc, &i| {
                acc.union(hot[i as usize].area_set)
            }),
            entries: ids.iter().map(|&i| (i, hot[i as usize])).collect(),
        }
    }

    /// A lower bound of the distance from `at` to any point of the cell (0 inside it), without
    /// trigonometry: the flat distance to the cell's box, east-west measured at the higher latitude of
    /// the two (meridians converge towards the pole). `cos_at` is the cosine of `at`'s latitude.
    fn min_km(&self, at: Point, cos_at: f64) -> f64 {
        let lat0 = f64::from(self.cell.0) * CELL_LAT_DEG;
        let lon0 = f64::from(self.cell.1) * CELL_LON_DEG;
        let gap = |x: f64, lo: f64, hi: f64| (lo - x).max(x - hi).max(0.0);
        let dy = gap(at.lat, lat0, lat0 + CELL_LAT_DEG) * KM_PER_DEGREE;
        let dx = gap(at.lon, lon0, lon0 + CELL_LON_DEG) * KM_PER_DEGREE * cos_at.min(self.cos_far);
        // 0.5% and 10 m of slack absorb the flat approximation (great circles bulge slightly poleward).
        ((dx * dx + dy * dy).sqrt() * 0.995 - 0.01).max(0.0)
    }
}

/// A grid cell of entries serving one area, with the smallest distance any point in it can have from
/// the resident: the matcher visits cells nearest first and stops when no farther entry can still rank.
#[derive(Debug, Clone, Copy)]
pub struct CellVisit<'a> {
    pub min_km: f64,
    /// Every area served by some entry of the cell.
    pub areas: AreaSet,
    pub entries: &'a [(u32, Hot)],
}

impl MapIndex {
    /// Checks the map and builds the index. Refuses a map with validation errors, listing them all.
    pub fn build(map: &SocialMap, today: Date) -> Result<MapIndex, Vec<Issue>> {
        let checked = validate(map, today);
        if checked.errors() > 0 {
            return Err(checked
                .issues
                .into_iter()
                .filter(|i| i.level == Level::Error)
                .collect());
        }
        let mut entries = checked.entries;
        crate::sort::sort_by(&mut entries, |a, b| a.id.cmp(&b.id));
        let mut cells: Vec<HashMap<Cell, Vec<u32>>> = vec![HashMap::new(); 16];
        let mut orgs: HashMap<String, u32> = HashMap::new();
        let mut org_ids = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let next = orgs.len() as u32;
            org_ids.push(*orgs.entry(e.organisation.to_lowercase()).or_insert(next));
            for (area, _) in &e.areas {
                cells[area.index()]
                    .entry(cell_of(e.point))
                    .or_default()
                    .push(i as u32);
            }
        }
        let mut languages: Vec<String> = entries.iter().flat_map(|e| e.languages.clone()).collect();
        crate::sort::sort(&mut languages);
        languages.dedup();
        let hot: Vec<Hot> = entries.iter().map(|e| Hot::of(e, &languages)).collect();
        let cells_by_area = cells
            .into_iter()
            .map(|m| {
                let mut v: Vec<GridCell> = m
                    .into_iter()
                    .map(|(cell, ids)| GridCell::new(cell, ids, &hot))
                    .collect();
                crate::sort::sort_by_key(&mut v, |c| c.cell);
                v
            })
            .collect();
        let mut municipalities: Vec<String> = map
            .municipalities
            .iter()
            .map(|m| m.code.to_ascii_uppercase())
            .collect();
        crate::sort::sort(&mut municipalities);
        Ok(MapIndex {
            stamp: map.stamp(),
            region_name: map.region.name.clone(),
            demo: map.demo,
            hot,
            entries,
            org_ids,
            warnings: checked.issues,
            municipalities,
            languages,
            cells_by_area,
            policy: None,
            weights: None,
        })
    }

    /// The policy that decides routes in this region: its own, else the default (an error where no
    /// default is installed yet: the wasm module before `setDefaultPolicy`).
    pub fn policy(&self) -> Result<&crate::policy::Policy, crate::FieldError> {
        match self.policy.as_deref() {
            Some(own) => Ok(own),
            None => crate::policy::Policy::installed_default(),
        }
    }

    /// The weights matching scores with in this region: its own, else the defaults.
    pub fn weights(&self) -> &crate::weights::Weights {
        self.weights
            .as_deref()
            .map_or(&crate::weights::Weights::DEFAULT, |w| &w.weights)
    }

    /// The cells holding entries for any of `areas`, nearest to `at` first (ties in a fixed order).
    /// Lazy: callers stop early, so only the cells actually visited are ordered.
    pub fn cells_near<'a>(
        &'a self,
        areas: &[SupportArea],
        at: Point,
    ) -> impl Iterator<Item = CellVisit<'a>> + 'a {
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;
        let cos_at = at.lat.abs().min(90.0).to_radians().cos();
        let cells = || areas.iter().map(|a| &self.cells_by_area[a.index()]);
        let mut visits: Vec<CellVisit<'a>> = Vec::with_capacity(cells().map(Vec::len).sum());
        visits.extend(cells().flatten().map(|c| CellVisit {
            min_km: c.min_km(at, cos_at),
            areas: c.areas,
            entries: &c.entries,
        }));
        // Distances are >= 0, so their IEEE bits order like the numbers.
        let mut nearest: BinaryHeap<Reverse<(u64, u32)>> = visits
            .iter()
            .enumerate()
            .map(|(i, v)| Reverse((v.min_km.to_bits(), i as u32)))
            .collect();
        std::iter::from_fn(move || nearest.pop().map(|Reverse((_, i))| visits[i as usize]))
    }

    pub fn covers_municipality(&self, code: &str) -> bool {
        self.municipalities
            .binary_search_by(|m| m.as_str().cmp(code))
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::haversine_km;

    /// The pruned search is exact only if a cell's bound never exceeds a real distance into it.
    #[test]
    fn cell_bound_never_exceeds_a_real_distance() {
        for step in 0..400 {
            let at = Point {
                lat: 50.7 + f64::from(step % 20) * 0.145,
                lon: 3.3 + f64::from(step / 20) * 0.2,
            };
            let home = cell_of(at);
            let cos_at = at.lat.to_radians().cos();
            for di in -30..=30 {
                for dj in -30..=30 {
                    let cell = (home.0 + di, home.1 + dj);
                    let bound = GridCell::new(cell, Vec::new(), &[]).min_km(at, cos_at);
                    let (lat0, lon0) = (
                        f64::from(cell.0) * CELL_LAT_DEG,
                        f64::from(cell.1) * CELL_LON_DEG,
                    );
                    let nearest_in_box = Point {
                        lat: at.lat.clamp(lat0, lat0 + CELL_LAT_DEG),
                        lon: at.lon.clamp(lon0, lon0 + CELL_LON_DEG),
                    };
                    let corners = [(0.0, 0.0), (0.5, 0.5), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)];
                    let points = corners.iter().map(|(fi, fj)| Point {
                        lat: lat0 + fi * CELL_LAT_DEG,
                        lon: lon0 + fj * CELL_LON_DEG,
                    });
                    for p in points.chain([nearest_in_box]) {
                        let real = haversine_km(at, p);
                        assert!(
                            bound <= real,
                            "cell {cell:?} from {at:?}: bound {bound} > {real}"
                        );
                    }
                }
            }
        }
    }
}
