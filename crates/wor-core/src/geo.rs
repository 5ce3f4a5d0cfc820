//! Places: the municipalities of the three WoR regions, PC4 centroids, and distances.
//!
//! The PC4 table (`data/pc4.csv`) is compiled in: the engine never looks anything up elsewhere.

use std::collections::HashMap;
use std::sync::OnceLock;

/// A municipality of one of the WoR regions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Municipality {
    /// CBS code, e.g. `GM0546`.
    pub code: &'static str,
    pub name: &'static str,
    /// Region id as used by the social maps (`zuid-holland-noord`, `amstelland`, `haarlemmermeer`).
    pub region: &'static str,
    pub lat: f64,
    pub lon: f64,
    /// Inhabitants, rounded to thousands (assumption: CBS 2024 figures, rounded). The weight of a
    /// municipality in the synthetic maps and cases.
    pub population: u32,
}

const fn m(
    code: &'static str,
    name: &'static str,
    region: &'static str,
    lat: f64,
    lon: f64,
    population: u32,
) -> Municipality {
    Municipality {
        code,
        name,
        region,
        lat,
        lon,
        population,
    }
}

const ZHN: &str = "zuid-holland-noord";
const AMS: &str = "amstelland";
const HLM: &str = "haarlemmermeer";

/// All municipalities the engine knows, with approximate centroids of their main town.
pub const MUNICIPALITIES: &[Municipality] = &[
    m("GM0484", "Alphen aan den Rijn", ZHN, 52.129, 4.656, 115_000),
    m("GM0534", "Hillegom", ZHN, 52.291, 4.583, 23_000),
    m("GM1884", "Kaag en Braassem", ZHN, 52.205, 4.620, 29_000),
    m("GM0537", "Katwijk", ZHN, 52.203, 4.413, 68_000),
    m("GM0546", "Leiden", ZHN, 52.160, 4.495, 127_000),
    m("GM0547", "Leiderdorp", ZHN, 52.160, 4.535, 28_000),
    m("GM0553", "Lisse", ZHN, 52.258, 4.557, 24_000),
    m("GM0569", "Nieuwkoop", ZHN, 52.150, 4.780, 29_000),
    m("GM0575", "Noordwijk", ZHN, 52.240, 4.445, 45_000),
    m("GM0579", "Oegstgeest", ZHN, 52.182, 4.468, 26_000),
    m("GM1525", "Teylingen", ZHN, 52.220, 4.510, 38_000),
    m("GM0626", "Voorschoten", ZHN, 52.127, 4.448, 26_000),
    m("GM0638", "Zoeterwoude", ZHN, 52.120, 4.500, 9_000),
    m("GM0358", "Aalsmeer", AMS, 52.265, 4.760, 33_000),
    m("GM0362", "Amstelveen", AMS, 52.303, 4.860, 95_000),
    m("GM0437", "Ouder-Amstel", AMS, 52.300, 4.920, 15_000),
    m("GM0451", "Uithoorn", AMS, 52.237, 4.826, 32_000),
    m("GM0394", "Haarlemmermeer", HLM, 52.303, 4.690, 162_000),
];

/// Finds a municipality by CBS code (`GM0546`, case-insensitive) or by Dutch name (case- and
/// accent-insensitive; `Alphen a/d Rijn` style abbreviations are not guessed).
pub fn municipality(name_or_code: &str) -> Option<&'static Municipality> {
    let key = name_or_code.trim();
    MUNICIPALITIES
        .iter()
        .find(|m| m.code.eq_ignore_ascii_case(key) || m.name.eq_ignore_ascii_case(key))
}

/// The municipality a misspelled name most likely means: the nearest name by edits (one edit for
/// names up to 8 letters, two from 9, case-insensitive), the first of the list on a tie; none when no
/// name is that near.
pub fn closest_municipality(name: &str) -> Option<&'static Municipality> {
    let key = name.trim().to_lowercase();
    let allowed = if key.chars().count() >= 9 { 2 } else { 1 };
    MUNICIPALITIES
        .iter()
        .map(|m| (strsim::osa_distance(&key, &m.name.to_lowercase()), m))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, m)| m)
}

/// The centroid of a PC4 area and the municipality it lies in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pc4Area {
    pub pc4: u16,
    pub municipality: &'static Municipality,
    pub place: &'static str,
    pub lat: f64,
    pub lon: f64,
}

fn pc4_table() -> &'static HashMap<u16, Pc4Area> {
    static TABLE: OnceLock<HashMap<u16, Pc4Area>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = HashMap::new();
        for line in include_str!("../data/pc4.csv").lines().skip(1) {
            let cols: Vec<&'static str> = line.split(',').collect();
            let [pc4, code, place, lat, lon] = cols[..] else {
                continue;
            };
            let (Ok(pc4), Some(municipality), Ok(lat), Ok(lon)) = (
                pc4.parse::<u16>(),
                municipality(code),
                lat.parse::<f64>(),
                lon.parse::<f64>(),
            ) else {
                continue;
            };
            table.insert(
                pc4,
                Pc4Area {
                    pc4,
                    municipality,
                    place,
                    lat,
                    lon,
                },
            );
        }
        table
    })
}

/// Looks up a PC4 area.
pub fn pc4(pc4: u16) -> Option<&'static Pc4Area> {
    pc4_table().get(&pc4)
}

/// Number of PC4 areas compiled in.
pub fn pc4_count() -> usize {
    pc4_table().len()
}

/// All PC4 areas of a municipality, sorted by PC4 (for generators and tests).
pub fn pc4s_in(municipality_code: &str) -> Vec<&'static Pc4Area> {
    let mut v: Vec<_> = pc4_table()
        .values()
        .filter(|a| a.municipality.code == municipality_code)
        .collect();
    crate::sort::sort_by_key(&mut v, |a| a.pc4);
    v
}

/// A point on the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
}

const EARTH_RADIUS_KM: f64 = 6371.0;
/// Kilometres per degree of latitude (and of longitude at the equator).
pub const KM_PER_DEGREE: f64 = EARTH_RADIUS_KM * std::f64::consts::PI / 180.0;

/// Great-circle distance in kilometres.
pub fn haversine_km(a: Point, b: Point) -> f64 {
    Located::new(a).km_to(&Located::new(b))
}

/// A point with its latitude in radians and that latitude's cosine computed once: the matcher measures
/// thousands of distances from one home, and this halves the trigonometry of each.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Located {
    pub point: Point,
    lat_rad: f64,
    cos_lat: f64,
}

impl Located {
    pub fn new(point: Point) -> Located {
        let lat_rad = point.lat.to_radians();
        Located {
            point,
            lat_rad,
            cos_lat: lat_rad.cos(),
        }
    }

    /// Great-circle distance in kilometres (haversine).
    pub fn km_to(&self, other: &Located) -> f64 {
        let dlat = other.lat_rad - self.lat_rad;
        let dlon = (other.point.lon - self.point.lon).to_radians();
        let h =
            (dlat / 2.0).sin().powi(2) + self.cos_lat * other.cos_lat * (dlon / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
    }
}

/// True when a coordinate lies within the bounding box of the European Netherlands.
pub fn in_netherlands(lat: f64, lon: f64) -> bool {
    (50.7..=53.6).contains(&lat) && (3.3..=7.3).contains(&lon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_municipalities_by_code_and_name() {
        assert_eq!(municipality("gm0546").unwrap().name, "Leiden");
        assert_eq!(municipality("alphen aan den rijn").unwrap().code, "GM0484");
        assert!(municipality("Amsterdam").is_none());
        assert_eq!(
            MUNICIPALITIES.iter().filter(|m| m.region == ZHN).count(),
            13
        );
    }

    #[test]
    fn pc4_table_is_consistent() {
        assert!(pc4_count() > 50, "pc4 table has {} rows", pc4_count());
        for m in MUNICIPALITIES {
            let areas = pc4s_in(m.code);
            assert!(!areas.is_empty(), "no PC4 for {}", m.name);
            for a in areas {
                assert!(in_netherlands(a.lat, a.lon));
                let d = haversine_km(
                    Point {
                        lat: a.lat,
                        lon: a.lon,
                    },
                    Point {
                        lat: m.lat,
                        lon: m.lon,
                    },
                );
                assert!(d < 25.0, "PC4 {} is {d:.1} km from {}", a.pc4, m.name);
            }
        }
    }

    #[test]
    fn haversine_leiden_amstelveen() {
        let leiden = municipality("Leiden").unwrap();
        let amstelveen = municipality("Amstelveen").unwrap();
        let d = haversine_km(
            Point {
                lat: leiden.lat,
                lon: leiden.lon,
            },
            Point {
                lat: amstelveen.lat,
                lon: amstelveen.lon,
            },
        );
        assert!((d - 32.0).abs() < 3.0, "{d}");
    }
}
