//! The matcher's view of one map version: checked entries, an inverted index by support area and a
//! spatial grid, built once per map load and shared by every match.

use crate::area::SupportArea;
use crate::date::Date;
use crate::geo::Point;
use crate::map::{validate, Entry, Issue, Level, MapStamp, SocialMap};
use std::collections::HashMap;

/// Grid cells of about 5 x 5 km at Dutch latitudes.
const CELL_LAT_DEG: f64 = 0.045;
const CELL_LON_DEG: f64 = 0.073;
const CELL_KM: f64 = 5.0;

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
    /// Warnings found while checking the map (errors prevent building an index).
    pub warnings: Vec<Issue>,
    /// Municipality CBS codes of the region.
    pub municipalities: Vec<String>,
    /// Per area: grid cell -> entries located there.
    by_area_cell: Vec<HashMap<Cell, Vec<u32>>>,
    /// Per area: entries serving several municipalities, candidates wherever the resident lives.
    regional_by_area: Vec<Vec<u32>>,
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
        entries.sort_by(|a, b| a.id.cmp(&b.id));
        let mut by_area_cell: Vec<HashMap<Cell, Vec<u32>>> = vec![HashMap::new(); 16];
        let mut regional_by_area: Vec<Vec<u32>> = vec![Vec::new(); 16];
        for (i, e) in entries.iter().enumerate() {
            for (area, _) in &e.areas {
                if e.serves.len() > 1 {
                    regional_by_area[area.index()].push(i as u32);
                } else {
                    by_area_cell[area.index()]
                        .entry(cell_of(e.point))
                        .or_default()
                        .push(i as u32);
                }
            }
        }
        let mut municipalities: Vec<String> = map
            .municipalities
            .iter()
            .map(|m| m.code.to_ascii_uppercase())
            .collect();
        municipalities.sort();
        Ok(MapIndex {
            stamp: map.stamp(),
            region_name: map.region.name.clone(),
            demo: map.demo,
            entries,
            warnings: checked.issues,
            municipalities,
            by_area_cell,
            regional_by_area,
        })
    }

    /// Entries serving any of `areas` near `at` (within about `radius_km`, or anywhere when `None`),
    /// plus regional services. Sorted, without duplicates.
    pub fn candidates(&self, areas: &[SupportArea], at: Point, radius_km: Option<f64>) -> Vec<u32> {
        let mut out = Vec::new();
        for area in areas {
            let cells = &self.by_area_cell[area.index()];
            match radius_km {
                None => cells.values().for_each(|v| out.extend_from_slice(v)),
                Some(r) => {
                    let (ci, cj) = cell_of(at);
                    let reach = (r / CELL_KM).ceil() as i32 + 1;
                    if ((2 * reach + 1) * (2 * reach + 1)) as usize > cells.len() {
                        // Sparse area: walking its cells is cheaper than walking the square.
                        for (&(i, j), v) in cells {
                            if (i - ci).abs() <= reach && (j - cj).abs() <= reach {
                                out.extend_from_slice(v);
                            }
                        }
                    } else {
                        for i in ci - reach..=ci + reach {
                            for j in cj - reach..=cj + reach {
                                if let Some(v) = cells.get(&(i, j)) {
                                    out.extend_from_slice(v);
                                }
                            }
                        }
                    }
                }
            }
            out.extend_from_slice(&self.regional_by_area[area.index()]);
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    pub fn covers_municipality(&self, code: &str) -> bool {
        self.municipalities
            .binary_search_by(|m| m.as_str().cmp(code))
            .is_ok()
    }
}
