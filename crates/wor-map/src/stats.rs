//! Coverage statistics of a social map: what is offered per support area and municipality, and where
//! the gaps are (the "which offer is missing" question of the quarterly learning groups).
//!
//! Counts are over the entries that passed validation ([`Checked::entries`]). A region-wide entry counts
//! in every municipality it serves (`serves_municipalities` plus its own municipality); the per-area
//! totals count each entry once.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use wor_core::area::SupportArea;
use wor_core::audience::Audience;
use wor_core::geo;
use wor_core::life_event::LifeEvent;
use wor_core::map::model::{ActivityKind, SocialMap};
use wor_core::map::validate::Checked;

/// The statistics of one map (serialised by `wor map stats --json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapStats {
    pub region: String,
    pub version: String,
    pub published: String,
    /// Entries in the file.
    pub entries: usize,
    /// Entries without errors: the ones counted below.
    pub valid_entries: usize,
    pub errors: usize,
    pub warnings: usize,
    /// The municipalities of the map, in map order.
    pub municipalities: Vec<MunicipalityStats>,
    /// All 16 support areas, in their canonical order.
    pub areas: Vec<AreaStats>,
    pub kinds: KindCounts,
    /// Entries meant for each audience (all nine, in their canonical order; an entry for two counts in
    /// both) and entries open to everyone.
    pub audiences: Vec<AudienceCount>,
    pub open_to_everyone: usize,
    /// Entries for each kind of life event (all eight, in their canonical order; an entry for two
    /// counts in both). Entries for no kind in particular are not counted.
    pub life_events: Vec<LifeEventCount>,
    /// Shares of the valid entries, 0..=1 (0 for an empty map).
    pub share_free: f64,
    pub share_wheelchair_accessible: f64,
    pub share_low_literacy_friendly: f64,
    pub share_by_appointment: f64,
    /// (municipality, area) pairs without any entry, municipality-major in map order.
    pub gaps: Vec<Gap>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MunicipalityStats {
    /// CBS code as listed in the map (upper case).
    pub code: String,
    pub name: String,
    /// A short column label such as `LEI` for Leiden.
    pub abbreviation: String,
    /// Entries that take place in the municipality.
    pub located: usize,
    /// Entries available to its residents (located there or serving it).
    pub served: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaStats {
    pub area: SupportArea,
    /// Short Dutch label ([`SupportArea::short_nl`]).
    pub label: String,
    /// Entries serving the area (each entry once).
    pub entries: usize,
    /// Entries serving the area per municipality code (counting `serves_municipalities`).
    pub per_municipality: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AudienceCount {
    pub audience: Audience,
    /// Dutch label ([`Audience::label_nl`]).
    pub label: String,
    pub entries: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LifeEventCount {
    pub life_event: LifeEvent,
    /// Dutch label ([`LifeEvent::label_nl`]).
    pub label: String,
    pub entries: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct KindCounts {
    pub activity: usize,
    pub service: usize,
    pub provision: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub municipality: String,
    pub municipality_name: String,
    pub area: SupportArea,
}

/// Computes the statistics of `map`, whose validation result is `checked`.
pub fn stats(map: &SocialMap, checked: &Checked) -> MapStats {
    // The map's municipalities, de-duplicated by code, with unique abbreviations.
    let mut municipalities: Vec<MunicipalityStats> = Vec::new();
    for m in &map.municipalities {
        let code = m.code.to_ascii_uppercase();
        if municipalities.iter().any(|x| x.code == code) {
            continue;
        }
        let mut abbreviation = abbreviate(&code, &m.name);
        let mut n = 2;
        while municipalities
            .iter()
            .any(|x| x.abbreviation == abbreviation)
        {
            abbreviation = format!("{}{n}", abbreviation.chars().take(2).collect::<String>());
            n += 1;
        }
        municipalities.push(MunicipalityStats {
            code,
            name: m.name.clone(),
            abbreviation,
            located: 0,
            served: 0,
        });
    }
    let column: BTreeMap<String, usize> = municipalities
        .iter()
        .enumerate()
        .map(|(i, m)| (m.code.clone(), i))
        .collect();

    let mut matrix = vec![[0usize; 16]; municipalities.len()];
    let mut area_totals = [0usize; 16];
    let mut kinds = KindCounts::default();
    let (mut free, mut wheelchair, mut literacy, mut appointment) = (0, 0, 0, 0);
    let mut audience_totals = [0usize; Audience::ALL.len()];
    let mut open_to_everyone = 0;
    let mut life_event_totals = [0usize; LifeEvent::ALL.len()];
    for e in &checked.entries {
        for k in e.life_events.iter() {
            life_event_totals[k.index()] += 1;
        }
        open_to_everyone += usize::from(e.audience.is_empty());
        for a in e.audience.iter() {
            audience_totals[a as usize] += 1;
        }
        match e.kind {
            ActivityKind::Activity => kinds.activity += 1,
            ActivityKind::Service => kinds.service += 1,
            ActivityKind::Provision => kinds.provision += 1,
        }
        free += usize::from(e.cost_eur_per_month == 0.0);
        wheelchair += usize::from(e.wheelchair_accessible);
        literacy += usize::from(e.low_literacy_friendly);
        appointment += usize::from(e.by_appointment);
        for (area, _) in &e.areas {
            area_totals[area.index()] += 1;
        }
        if let Some(&i) = column.get(&e.municipality) {
            municipalities[i].located += 1;
        }
        for code in &e.serves {
            let Some(&i) = column.get(code) else { continue };
            municipalities[i].served += 1;
            for (area, _) in &e.areas {
                matrix[i][area.index()] += 1;
            }
        }
    }

    let areas = SupportArea::ALL
        .iter()
        .map(|&area| AreaStats {
            area,
            label: area.short_nl().to_string(),
            entries: area_totals[area.index()],
            per_municipality: municipalities
                .iter()
                .enumerate()
                .map(|(i, m)| (m.code.clone(), matrix[i][area.index()]))
                .collect(),
        })
        .collect();
    let mut gaps = Vec::new();
    for (i, m) in municipalities.iter().enumerate() {
        for area in SupportArea::ALL {
            if matrix[i][area.index()] == 0 {
                gaps.push(Gap {
                    municipality: m.code.clone(),
                    municipality_name: m.name.clone(),
                    area,
                });
            }
        }
    }
    let valid = checked.entries.len();
    let share = |n: usize| {
        if valid == 0 {
            0.0
        } else {
            n as f64 / valid as f64
        }
    };
    MapStats {
        region: map.region.id.clone(),
        version: map.version.clone(),
        published: map.published.clone(),
        entries: map.activities.len(),
        valid_entries: valid,
        errors: checked.errors(),
        warnings: checked.warnings(),
        municipalities,
        areas,
        kinds,
        audiences: Audience::ALL
            .iter()
            .map(|&audience| AudienceCount {
                audience,
                label: audience.label_nl().to_string(),
                entries: audience_totals[audience as usize],
            })
            .collect(),
        open_to_everyone,
        life_events: LifeEvent::ALL
            .iter()
            .map(|&life_event| LifeEventCount {
                life_event,
                label: life_event.label_nl().to_string(),
                entries: life_event_totals[life_event.index()],
            })
            .collect(),
        share_free: share(free),
        share_wheelchair_accessible: share(wheelchair),
        share_low_literacy_friendly: share(literacy),
        share_by_appointment: share(appointment),
        gaps,
    }
}

/// Column label of a municipality: a fixed one for the WoR municipalities, else the first three letters.
fn abbreviate(code: &str, name: &str) -> String {
    let fixed = match code {
        "GM0484" => "ALP",
        "GM0534" => "HIL",
        "GM1884" => "KAB",
        "GM0537" => "KAT",
        "GM0546" => "LEI",
        "GM0547" => "LDP",
        "GM0553" => "LIS",
        "GM0569" => "NKP",
        "GM0575" => "NWK",
        "GM0579" => "OEG",
        "GM1525" => "TEY",
        "GM0626" => "VST",
        "GM0638" => "ZTW",
        "GM0358" => "AAL",
        "GM0362" => "AMV",
        "GM0437" => "OAM",
        "GM0451" => "UIT",
        "GM0394" => "HMM",
        _ => "",
    };
    if !fixed.is_empty() {
        return fixed.to_string();
    }
    let name = geo::municipality(code).map_or(name, |m| m.name);
    let letters: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .take(3)
        .collect::<String>()
        .to_uppercase();
    if letters.is_empty() {
        "???".to_string()
    } else {
        letters
    }
}

/// A fixed-width text table for the terminal: rows are support areas, columns municipalities, then a
/// legend and the summary figures. A `-` marks a gap (no entry for that area in that municipality).
pub fn render_table(s: &MapStats) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Sociale kaart {} {} (gepubliceerd {})",
        s.region, s.version, s.published
    );
    let _ = writeln!(
        out,
        "{} regels, {} zonder fouten ({} fouten, {} waarschuwingen)",
        s.entries, s.valid_entries, s.errors, s.warnings
    );
    out.push('\n');

    let max_count = s
        .areas
        .iter()
        .flat_map(|a| a.per_municipality.values().copied())
        .chain(s.municipalities.iter().map(|m| m.served))
        .max()
        .unwrap_or(0);
    let width = s
        .municipalities
        .iter()
        .map(|m| m.abbreviation.chars().count())
        .chain([max_count.to_string().len(), 3])
        .max()
        .unwrap_or(3);
    let total_width = s
        .areas
        .iter()
        .map(|a| a.entries)
        .chain([s.valid_entries])
        .max()
        .unwrap_or(0)
        .to_string()
        .len()
        .max("totaal".len());
    let label_width = s
        .areas
        .iter()
        .map(|a| a.label.chars().count())
        .chain(["gebied \\ gemeente".len(), "totaal (bereikbaar)".len()])
        .max()
        .unwrap_or(20);

    let _ = write!(out, "{:<label_width$}", "gebied \\ gemeente");
    for m in &s.municipalities {
        let _ = write!(out, " {:>width$}", m.abbreviation);
    }
    let _ = writeln!(out, " {:>total_width$}", "totaal");
    let rule = label_width + (width + 1) * s.municipalities.len() + total_width + 1;
    let _ = writeln!(out, "{}", "-".repeat(rule));
    for a in &s.areas {
        let _ = write!(out, "{:<label_width$}", a.label);
        for m in &s.municipalities {
            match a.per_municipality.get(&m.code).copied().unwrap_or(0) {
                0 => {
                    let _ = write!(out, " {:>width$}", "-");
                }
                n => {
                    let _ = write!(out, " {n:>width$}");
                }
            }
        }
        let _ = writeln!(out, " {:>total_width$}", a.entries);
    }
    let _ = writeln!(out, "{}", "-".repeat(rule));
    let _ = write!(out, "{:<label_width$}", "totaal (bereikbaar)");
    for m in &s.municipalities {
        let _ = write!(out, " {:>width$}", m.served);
    }
    let _ = writeln!(out, " {:>total_width$}", s.valid_entries);
    out.push('\n');

    // Legend, wrapped.
    let mut legend: Vec<String> = s
        .municipalities
        .iter()
        .map(|m| format!("{} = {}", m.abbreviation, m.name))
        .collect();
    legend.push("- = geen aanbod (gat)".to_string());
    let mut line = String::from("legenda:");
    for item in legend {
        if line.chars().count() + item.chars().count() + 2 > 100 {
            let _ = writeln!(out, "{line}");
            line = String::from("        ");
        }
        line.push(' ');
        line.push_str(&item);
        line.push(';');
    }
    line.pop();
    let _ = writeln!(out, "{line}");
    let _ = writeln!(
        out,
        "Regionaal aanbod telt mee in elke gemeente die het bedient; de kolom totaal telt elke regel één keer."
    );
    out.push('\n');

    let _ = writeln!(
        out,
        "soort: {} activiteit, {} dienst, {} voorziening",
        s.kinds.activity, s.kinds.service, s.kinds.provision
    );
    let meant_for = counted(s.audiences.iter().map(|a| (&a.label, a.entries)));
    let _ = writeln!(
        out,
        "doelgroep: {} voor iedereen{}{}",
        s.open_to_everyone,
        if meant_for.is_empty() {
            ""
        } else {
            "; bedoeld voor "
        },
        meant_for.join(", ")
    );
    let for_events = counted(s.life_events.iter().map(|k| (&k.label, k.entries)));
    if !for_events.is_empty() {
        let _ = writeln!(out, "levensgebeurtenis: {}", for_events.join(", "));
    }
    let pct = |x: f64| format!("{:.0}%", x * 100.0);
    let _ = writeln!(
        out,
        "gratis {}, rolstoeltoegankelijk {}, geschikt bij laaggeletterdheid {}, op afspraak {}",
        pct(s.share_free),
        pct(s.share_wheelchair_accessible),
        pct(s.share_low_literacy_friendly),
        pct(s.share_by_appointment)
    );
    let cells = s.municipalities.len() * s.areas.len();
    let _ = writeln!(
        out,
        "gaten: {} van {} combinaties gemeente x gebied zonder aanbod",
        s.gaps.len(),
        cells
    );
    out
}

/// "label n" for each label with entries.
fn counted<'a>(counts: impl Iterator<Item = (&'a String, usize)>) -> Vec<String> {
    counts
        .filter(|(_, n)| *n > 0)
        .map(|(label, n)| format!("{label} {n}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::generate;
    use wor_core::date::Date;
    use wor_core::map::validate::validate;

    fn day() -> Date {
        Date::new(2026, 6, 1).unwrap()
    }

    fn small_map() -> SocialMap {
        let json = r#"{
          "schema": "wor-social-map/1",
          "region": {"id": "amstelland", "name": "Amstelland"},
          "version": "2026.1.0",
          "published": "2026-01-15",
          "municipalities": [
            {"code": "GM0362", "name": "Amstelveen"}, {"code": "GM0358", "name": "Aalsmeer"},
            {"code": "GM0437", "name": "Ouder-Amstel"}, {"code": "GM0451", "name": "Uithoorn"}
          ],
          "activities": [
            {"id": "a", "name": "Wandelen", "organisation": "X", "kind": "activity",
             "areas": ["loneliness", {"area": "lifestyle", "weight": 0.5}], "municipality": "Amstelveen",
             "audience": ["older_adults", "men"],
             "location": {"lat": 52.3, "lon": 4.86}, "schedule": [{"day": "mon", "start": "10:00", "end": "11:00"}],
             "cost_eur_per_month": 0, "wheelchair_accessible": true, "last_verified": "2026-01-01"},
            {"id": "b", "name": "Schuldhulp", "organisation": "Y", "kind": "service",
             "areas": ["debt_poverty"], "municipality": "GM0358", "serves_municipalities": ["GM0362", "Uithoorn"],
             "location": {"lat": 52.26, "lon": 4.76}, "schedule": "by_appointment",
             "cost_eur_per_month": 5, "low_literacy_friendly": true, "last_verified": "2026-01-01"},
            {"id": "c", "name": "Kapot", "organisation": "Z", "kind": "provision",
             "areas": ["nonsense"], "municipality": "GM0358",
             "location": {"lat": 52.26, "lon": 4.76}, "schedule": "by_appointment", "cost_eur_per_month": 0}
          ]
        }"#;
        SocialMap::from_json(json).unwrap().value
    }

    #[test]
    fn counts_areas_municipalities_and_gaps() {
        let map = small_map();
        let checked = validate(&map, day());
        let s = stats(&map, &checked);
        assert_eq!((s.entries, s.valid_entries), (3, 2));
        assert!(s.errors >= 1);
        assert_eq!(
            s.kinds,
            KindCounts {
                activity: 1,
                service: 1,
                provision: 0
            }
        );
        assert_eq!(s.open_to_everyone, 1);
        let meant_for = |a: Audience| s.audiences[a as usize].entries;
        assert_eq!(meant_for(Audience::OlderAdults), 1);
        assert_eq!(meant_for(Audience::Men), 1);
        assert_eq!(meant_for(Audience::Newcomers), 0);
        assert_eq!(s.audiences.len(), 9);
        assert_eq!(s.share_free, 0.5);
        assert_eq!(s.share_wheelchair_accessible, 0.5);
        assert_eq!(s.share_low_literacy_friendly, 0.5);
        assert_eq!(s.share_by_appointment, 0.5);
        let area = |a: SupportArea| &s.areas[a.index()];
        assert_eq!(area(SupportArea::Loneliness).entries, 1);
        assert_eq!(area(SupportArea::DebtPoverty).entries, 1);
        // Debt help is located in Aalsmeer and serves Amstelveen and Uithoorn too.
        let debt = &area(SupportArea::DebtPoverty).per_municipality;
        assert_eq!(debt["GM0358"], 1);
        assert_eq!(debt["GM0362"], 1);
        assert_eq!(debt["GM0451"], 1);
        assert_eq!(debt["GM0437"], 0);
        let amstelveen = &s.municipalities[0];
        assert_eq!((amstelveen.located, amstelveen.served), (1, 2));
        assert_eq!(amstelveen.abbreviation, "AMV");
        // Ouder-Amstel has nothing at all: 16 gaps; Amstelveen misses 13 areas.
        assert_eq!(
            s.gaps.iter().filter(|g| g.municipality == "GM0437").count(),
            16
        );
        assert_eq!(
            s.gaps.iter().filter(|g| g.municipality == "GM0362").count(),
            13
        );
        assert!(!s
            .gaps
            .iter()
            .any(|g| g.municipality == "GM0451" && g.area == SupportArea::DebtPoverty));
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["gaps"][0]["area"], "low_mood_anxiety");
        assert_eq!(json["kinds"]["service"], 1);
    }

    #[test]
    fn table_is_readable_and_aligned() {
        let map = small_map();
        let s = stats(&map, &validate(&map, day()));
        let table = render_table(&s);
        let lines: Vec<&str> = table.lines().collect();
        let header = lines.iter().find(|l| l.starts_with("gebied")).unwrap();
        assert!(header.contains("AMV") && header.contains("AAL") && header.ends_with("totaal"));
        let row = lines.iter().find(|l| l.starts_with("geldzorgen")).unwrap();
        assert_eq!(row.chars().count(), header.chars().count());
        assert!(
            row.split_whitespace().collect::<Vec<_>>() == ["geldzorgen", "1", "1", "-", "1", "1"]
        );
        assert!(table.contains("AMV = Amstelveen"));
        assert!(table.contains("- = geen aanbod (gat)"));
        assert!(table.contains("gaten: 59 van 64"));
        assert!(
            table.contains("doelgroep: 1 voor iedereen; bedoeld voor ouderen 1, mannen 1"),
            "{table}"
        );
        for a in SupportArea::ALL {
            assert!(table.contains(a.short_nl()), "{a}");
        }
    }

    #[test]
    fn synthetic_map_covers_all_municipalities() {
        let map = generate(3000, 2, day());
        let checked = validate(&map, day());
        let s = stats(&map, &checked);
        assert_eq!(s.municipalities.len(), 18);
        assert_eq!(s.valid_entries, 3000);
        let abbreviations: std::collections::BTreeSet<_> =
            s.municipalities.iter().map(|m| &m.abbreviation).collect();
        assert_eq!(abbreviations.len(), 18);
        assert_eq!(s.kinds.activity + s.kinds.service + s.kinds.provision, 3000);
        // Large municipalities have (nearly) everything; gaps concentrate in small ones.
        assert!(!s.gaps.iter().any(|g| g.municipality == "GM0546"));
        let table = render_table(&s);
        let widths: std::collections::BTreeSet<usize> = table
            .lines()
            .skip_while(|l| !l.starts_with("gebied"))
            .take(20)
            .map(|l| l.chars().count())
            .collect();
        assert_eq!(widths.len(), 1, "{table}");
    }

    #[test]
    fn empty_map_has_no_nan() {
        let mut map = small_map();
        map.activities.clear();
        let s = stats(&map, &validate(&map, day()));
        assert_eq!(s.share_free, 0.0);
        assert_eq!(s.gaps.len(), 64);
        assert!(render_table(&s).contains("0 regels"));
    }
}
