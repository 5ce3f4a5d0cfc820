//! The official Open Referral HSDS 3.0 sample (US data, in the shared data beside the checkout): it
//! imports with notes, and validation then rightly complains about the coordinates and the municipality.

use std::collections::BTreeMap;
use wor_core::map::model::Schedule;
use wor_core::map::validate;
use wor_core::Date;
use wor_map::hsds::{import, ImportOptions};

#[test]
fn imports_the_official_sample() {
    let Some(dir) = welzijn_op_recept::shared_data("hsds/examples/csv") else {
        return;
    };
    let mut tables = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "csv") {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            tables.insert(name, std::fs::read_to_string(&path).unwrap());
        }
    }
    let day: Date = "2026-06-01".parse().unwrap();
    let result = import(&tables, &ImportOptions::default(), day).unwrap();
    let map = &result.map;
    assert_eq!(map.activities.len(), 1);
    let a = &map.activities[0];
    assert_eq!(a.id, "ac148810-d857-441c-9679-408f346de14b");
    assert_eq!(a.name, "Community Counselling");
    assert_eq!(a.organisation, "Example Organization Inc.");
    assert_eq!(a.languages, ["ur"]);
    assert!(a.wheelchair_accessible);
    assert_eq!((a.min_age, a.max_age), (Some(12), Some(100)));
    assert_eq!(a.cost_eur_per_month, 35.0);
    assert_eq!(a.location.lat, 100.0);
    assert_eq!(a.municipality, "MyCity");
    assert_eq!(a.contact.phone.as_deref(), Some("+44 1234 234567"));
    assert!(
        !a.areas.is_empty(),
        "areas detected in the English description"
    );
    match &a.schedule {
        Schedule::Slots(s) => assert_eq!(
            s.iter().map(|s| s.day.as_str()).collect::<Vec<_>>(),
            ["thu", "fri"]
        ),
        other => panic!("{other:?}"),
    }
    assert!(map
        .municipalities
        .iter()
        .any(|m| m.name == "MyCity" && m.code == "XX0001"));
    let notes: String = result.notes.iter().map(|n| format!("{n}\n")).collect();
    assert!(
        notes.contains("latitude 100 is not a valid coordinate"),
        "{notes}"
    );
    assert!(notes.contains("gbp"), "{notes}");
    assert!(notes.contains("MyCity"), "{notes}");
    assert!(
        notes.contains("validity taken from the schedules"),
        "{notes}"
    );
    let checked = validate(map, day);
    let errors: String = checked.issues.iter().map(|i| format!("{i}\n")).collect();
    assert!(errors.contains("outside the Netherlands"), "{errors}");
    assert!(errors.contains("XX0001"), "{errors}");
}
