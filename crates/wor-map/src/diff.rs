//! What changed between two versions of a social map: header fields, added and removed entries, and
//! field-level changes per entry (for changelogs and review of a new map version).
//!
//! Entries are matched by id. Each entry is compared as its JSON value, field by field, recursing one
//! level into `location` and `contact` (so a moved entry shows `location.lat` and `location.lon`); arrays
//! such as `areas` or `schedule` are compared as whole values. Output is sorted by id and therefore
//! deterministic.

use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use wor_core::map::model::{Activity, SocialMap};

/// Identity of one side of the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MapRef {
    pub region: String,
    pub version: String,
    pub published: String,
}

/// One changed field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// Field path such as `name`, `location.lat` or `region.name`.
    pub field: String,
    /// `null` when the field was absent.
    pub old: Value,
    pub new: Value,
}

/// An added or removed entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryRef {
    pub id: String,
    pub name: String,
}

/// The changes of one entry present in both maps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryChanges {
    pub id: String,
    /// The entry's name in the new map.
    pub name: String,
    pub changes: Vec<FieldChange>,
}

/// The difference between two maps (serialised by `wor map diff --json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapDiff {
    pub old: MapRef,
    pub new: MapRef,
    /// Changes of the header: schema, region, version, published, demo, notice, municipalities.
    pub header: Vec<FieldChange>,
    pub added: Vec<EntryRef>,
    pub removed: Vec<EntryRef>,
    pub changed: Vec<EntryChanges>,
    /// Entries present in both maps without any change.
    pub unchanged: usize,
}

impl MapDiff {
    /// True when the maps are equal in everything compared.
    pub fn is_empty(&self) -> bool {
        self.header.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
    }
}

/// Field order of an entry in the output (the order of the file format); unknown fields follow,
/// alphabetically.
const ENTRY_FIELDS: [&str; 25] = [
    "id",
    "name",
    "organisation",
    "kind",
    "areas",
    "description",
    "keywords",
    "municipality",
    "serves_municipalities",
    "location",
    "schedule",
    "cost_eur_per_month",
    "languages",
    "wheelchair_accessible",
    "low_literacy_friendly",
    "group",
    "min_age",
    "max_age",
    "requires_indication",
    "valid_from",
    "valid_to",
    "last_verified",
    "contact",
    "audience",
    "life_events",
];
const LOCATION_FIELDS: [&str; 4] = ["address", "postcode", "lat", "lon"];
const CONTACT_FIELDS: [&str; 3] = ["phone", "email", "website"];

/// Compares two maps.
pub fn diff(old: &SocialMap, new: &SocialMap) -> MapDiff {
    let mut header = Vec::new();
    let mut field = |name: &str, a: Value, b: Value| {
        if a != b {
            header.push(FieldChange {
                field: name.to_string(),
                old: a,
                new: b,
            });
        }
    };
    field(
        "schema",
        old.schema.clone().into(),
        new.schema.clone().into(),
    );
    field(
        "region.id",
        old.region.id.clone().into(),
        new.region.id.clone().into(),
    );
    field(
        "region.name",
        old.region.name.clone().into(),
        new.region.name.clone().into(),
    );
    field(
        "version",
        old.version.clone().into(),
        new.version.clone().into(),
    );
    field(
        "published",
        old.published.clone().into(),
        new.published.clone().into(),
    );
    field("demo", old.demo.into(), new.demo.into());
    field(
        "notice",
        old.notice.clone().into(),
        new.notice.clone().into(),
    );
    field(
        "municipalities",
        serde_json::to_value(&old.municipalities).unwrap_or(Value::Null),
        serde_json::to_value(&new.municipalities).unwrap_or(Value::Null),
    );

    let old_entries = by_id(&old.activities);
    let new_entries = by_id(&new.activities);
    let mut added = Vec::new();
    let mut removed = Vec::new();
    let mut changed = Vec::new();
    let mut unchanged = 0;
    for (id, a) in &old_entries {
        match new_entries.get(id) {
            None => removed.push(EntryRef {
                id: id.clone(),
                name: a.name.clone(),
            }),
            Some(b) => {
                let changes = entry_changes(a, b);
                if changes.is_empty() {
                    unchanged += 1;
                } else {
                    changed.push(EntryChanges {
                        id: id.clone(),
                        name: b.name.clone(),
                        changes,
                    });
                }
            }
        }
    }
    for (id, b) in &new_entries {
        if !old_entries.contains_key(id) {
            added.push(EntryRef {
                id: id.clone(),
                name: b.name.clone(),
            });
        }
    }
    MapDiff {
        old: map_ref(old),
        new: map_ref(new),
        header,
        added,
        removed,
        changed,
        unchanged,
    }
}

fn map_ref(map: &SocialMap) -> MapRef {
    MapRef {
        region: map.region.id.clone(),
        version: map.version.clone(),
        published: map.published.clone(),
    }
}

/// Entries by id; a repeated id (an error the validator reports) is keyed `id#2`, `id#3`, ...
fn by_id(activities: &[Activity]) -> BTreeMap<String, &Activity> {
    let mut map = BTreeMap::new();
    for a in activities {
        let mut key = a.id.clone();
        let mut n = 2;
        while map.contains_key(&key) {
            key = format!("{}#{n}", a.id);
            n += 1;
        }
        map.insert(key, a);
    }
    map
}

fn entry_changes(a: &Activity, b: &Activity) -> Vec<FieldChange> {
    if a == b {
        return Vec::new();
    }
    let to_object = |x: &Activity| match serde_json::to_value(x) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    let (a, b) = (to_object(a), to_object(b));
    let mut out = Vec::new();
    for key in ordered_keys(&a, &b, &ENTRY_FIELDS) {
        let (x, y) = (
            a.get(&key).cloned().unwrap_or(Value::Null),
            b.get(&key).cloned().unwrap_or(Value::Null),
        );
        if x == y {
            continue;
        }
        let nested = match key.as_str() {
            "location" => Some(&LOCATION_FIELDS[..]),
            "contact" => Some(&CONTACT_FIELDS[..]),
            _ => None,
        };
        match (nested, &x, &y) {
            (Some(order), Value::Object(xo), Value::Object(yo)) => {
                for sub in ordered_keys(xo, yo, order) {
                    let (xs, ys) = (
                        xo.get(&sub).cloned().unwrap_or(Value::Null),
                        yo.get(&sub).cloned().unwrap_or(Value::Null),
                    );
                    if xs != ys {
                        out.push(FieldChange {
                            field: format!("{key}.{sub}"),
                            old: xs,
                            new: ys,
                        });
                    }
                }
            }
            _ => out.push(FieldChange {
                field: key,
                old: x,
                new: y,
            }),
        }
    }
    out
}

/// The union of the keys of `a` and `b`: those in `order` first (in that order), then the rest sorted.
fn ordered_keys(a: &Map<String, Value>, b: &Map<String, Value>, order: &[&str]) -> Vec<String> {
    let all: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let mut keys: Vec<String> = order
        .iter()
        .filter(|k| all.iter().any(|x| x == *k))
        .map(|k| k.to_string())
        .collect();
    keys.extend(
        all.into_iter()
            .filter(|k| !order.contains(&k.as_str()))
            .cloned(),
    );
    keys
}

/// A compact JSON rendering, shortened to `max` characters.
fn show(v: &Value, max: usize) -> String {
    let s = match v {
        Value::Null => "(none)".to_string(),
        other => other.to_string(),
    };
    shorten(&s, 0, max)
}

/// `s` from character `from` on, at most `max` characters, with `…` where text was cut.
fn shorten(s: &str, from: usize, max: usize) -> String {
    let total = s.chars().count();
    if from == 0 && total <= max {
        return s.to_string();
    }
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(s.chars().skip(from).take(max.saturating_sub(2)));
    if from + max.saturating_sub(2) < total {
        out.push('…');
    }
    out
}

/// Old and new value for the text output; long values are cut around their first difference so that
/// the change stays visible.
fn show_pair(old: &Value, new: &Value, max: usize) -> (String, String) {
    let (a, b) = (show(old, usize::MAX), show(new, usize::MAX));
    if a.chars().count() <= max && b.chars().count() <= max {
        return (a, b);
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let from = common.saturating_sub(max / 4);
    (shorten(&a, from, max), shorten(&b, from, max))
}

/// The diff as text: `+ id name`, `- id name`, `~ id field: old -> new`, then a summary line.
pub fn render_text(d: &MapDiff) -> String {
    const MAX: usize = 100;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} ({}) -> {} {} ({})",
        d.old.region, d.old.version, d.old.published, d.new.region, d.new.version, d.new.published
    );
    for c in &d.header {
        let (old, new) = show_pair(&c.old, &c.new, MAX);
        let _ = writeln!(out, "~ [map] {}: {old} -> {new}", c.field);
    }
    for e in &d.added {
        let _ = writeln!(out, "+ {} {}", e.id, e.name);
    }
    for e in &d.removed {
        let _ = writeln!(out, "- {} {}", e.id, e.name);
    }
    for e in &d.changed {
        for c in &e.changes {
            let (old, new) = show_pair(&c.old, &c.new, MAX);
            let _ = writeln!(out, "~ {} {}: {old} -> {new}", e.id, c.field);
        }
    }
    let _ = writeln!(
        out,
        "{} added, {} removed, {} changed, {} unchanged",
        d.added.len(),
        d.removed.len(),
        d.changed.len(),
        d.unchanged
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::generate;
    use wor_core::date::Date;
    use wor_core::map::model::{AreaWeight, Schedule};

    fn base() -> SocialMap {
        generate(20, 4, Date::new(2026, 1, 15).unwrap())
    }

    #[test]
    fn identical_maps_have_no_diff() {
        let d = diff(&base(), &base());
        assert!(d.is_empty());
        assert_eq!(d.unchanged, 20);
        assert!(render_text(&d).ends_with("0 added, 0 removed, 0 changed, 20 unchanged\n"));
    }

    #[test]
    fn finds_added_removed_and_field_changes() {
        let old = base();
        let mut new = old.clone();
        new.version = "0.4.21".into();
        new.published = "2026-04-01".into();
        let removed = new.activities.remove(3);
        let changed_id = new.activities[5].id.clone();
        let old_changed = old.activities.iter().find(|a| a.id == changed_id).unwrap();
        let mut extra = new.activities[0].clone();
        extra.id = "syn-999999".into();
        extra.name = "Nieuw aanbod".into();
        new.activities.push(extra);
        {
            let a = &mut new.activities[5];
            a.name = "Hernoemd".into();
            a.location.lat += 0.01;
            a.contact.website = None;
            a.cost_eur_per_month = 12.5;
            a.areas.push(AreaWeight::Plain("parenting".into()));
            a.schedule = Schedule::Text("by_appointment".into());
        }
        let d = diff(&old, &new);
        assert_eq!(
            d.header
                .iter()
                .map(|c| c.field.as_str())
                .collect::<Vec<_>>(),
            ["version", "published"]
        );
        assert_eq!(
            d.added,
            [EntryRef {
                id: "syn-999999".into(),
                name: "Nieuw aanbod".into()
            }]
        );
        assert_eq!(
            d.removed,
            [EntryRef {
                id: removed.id.clone(),
                name: removed.name.clone()
            }]
        );
        assert_eq!(d.changed.len(), 1);
        let c = &d.changed[0];
        assert_eq!(c.id, changed_id);
        assert_eq!(c.name, "Hernoemd");
        let fields: Vec<&str> = c.changes.iter().map(|f| f.field.as_str()).collect();
        let mut expected = vec![
            "name",
            "areas",
            "location.lat",
            "schedule",
            "cost_eur_per_month",
        ];
        if old_changed.contact.website.is_some() {
            expected.push("contact.website");
        }
        assert_eq!(fields, expected);
        let cost = c
            .changes
            .iter()
            .find(|f| f.field == "cost_eur_per_month")
            .unwrap();
        assert_eq!(cost.new, serde_json::json!(12.5));
        assert_eq!(d.unchanged, 18);

        let text = render_text(&d);
        assert!(
            text.contains("~ [map] version: \"0.4.20\" -> \"0.4.21\""),
            "{text}"
        );
        assert!(text.contains("+ syn-999999 Nieuw aanbod"));
        assert!(text.contains(&format!("- {} {}", removed.id, removed.name)));
        assert!(text.contains(&format!("~ {changed_id} name: ")));
        assert!(text.contains("-> \"by_appointment\""));
        assert!(text.ends_with("1 added, 1 removed, 1 changed, 18 unchanged\n"));
        // JSON form.
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["changed"][0]["changes"][0]["field"], "name");
    }

    #[test]
    fn output_is_sorted_by_id_and_handles_duplicates() {
        let old = base();
        let mut new = old.clone();
        new.activities.reverse();
        assert!(diff(&old, &new).is_empty(), "order alone is no change");
        let mut dup = new.activities[0].clone();
        dup.name = "Dubbel".into();
        new.activities.push(dup.clone());
        let d = diff(&old, &new);
        assert_eq!(d.added.len(), 1);
        assert_eq!(d.added[0].id, format!("{}#2", dup.id));
        let mut renamed = new.clone();
        for a in renamed.activities.iter_mut() {
            a.description.push('!');
        }
        let d = diff(&old, &renamed);
        let ids: Vec<&str> = d.changed.iter().map(|c| c.id.as_str()).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
    }

    #[test]
    fn long_values_are_shortened_in_text() {
        let old = base();
        let mut new = old.clone();
        new.activities[0].description = "x".repeat(500);
        let text = render_text(&diff(&old, &new));
        let line = text.lines().find(|l| l.contains("description")).unwrap();
        assert!(line.chars().count() < 260, "{line}");
        assert!(line.contains('…'));
        // A change at the end of a long text stays visible.
        let mut newer = old.clone();
        newer.activities[0].description = format!("{} Nu ook op zaterdag.", "y".repeat(300));
        let mut older = old.clone();
        older.activities[0].description = format!("{} Alleen op vrijdag.", "y".repeat(300));
        let text = render_text(&diff(&older, &newer));
        let line = text.lines().find(|l| l.contains("description")).unwrap();
        assert!(
            line.contains("Alleen op vrijdag") && line.contains("Nu ook op zaterdag"),
            "{line}"
        );
    }
}
