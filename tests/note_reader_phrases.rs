//! The note reader's coverage, measured honestly (issue 30): `tests/fixtures/phrases/` holds short phrases
//! per support area, written by someone who had not read the lexicon, split in halves. The `guide` half
//! may guide the lexicon; the `heldout` half is only measured. Two sets: set 1 (`phrases.jsonl`, each line
//! with its `half`) and set 2 (`phrases-2-guide.jsonl`, written later by another helper who had not read
//! the lexicon either; its held-out twin `phrases-2-heldout.jsonl` is added by the lead and measured once
//! present; added on 2026-12-08). Recall (the phrase's area is among the areas read) on set 1's held-out
//! half may never fall below today's per area, nor set 2's below today's in all; the target, 90%
//! per area, is reported where it is not reached.
//! `cargo test --test note_reader_phrases -- --nocapture` prints the tables the README quotes.
//!
//! While the lexicon is being edited, run with `PHRASES_GUIDE_ONLY=1`: the held-out halves are then not
//! read at all (no figures, no ratchet), so their results cannot steer the edits.
//!
//! `negatives.jsonl` is the precision guard: phrases that must not give a named area (negations, things
//! going well, someone else's problem).

use serde_json::Value;
use std::collections::BTreeMap;
use wor_core::detect::detect_areas;
use wor_core::SupportArea;

/// The target per area on the held-out half (not reached yet in every area: the table says where).
const TARGET_HELDOUT_RECALL: f64 = 0.90;

/// Set 1's held-out phrases read per area (measured once on 2026-12-08, 175/195): a ratchet. An area may never read fewer than this; raise a
/// figure when the reader improves.
const HELDOUT_FLOOR: [(&str, usize); 16] = [
    ("loneliness", 12),
    ("low_mood_anxiety", 12),
    ("sleep_worry", 11),
    ("burnout", 10),
    ("life_event", 11),
    ("lifestyle", 12),
    ("chronic_illness", 12),
    ("carer_strain", 10),
    ("low_literacy", 11),
    ("health_literacy", 7),
    ("debt_poverty", 11),
    ("transport_housing_household", 12),
    ("leisure_daytime", 11),
    ("parenting", 11),
    ("work_reintegration", 11),
    ("home_support", 11),
];

/// Set 2's guide phrases read in all: a ratchet like the one above (its misses are printed).
const SET2_GUIDE_FLOOR: usize = 239;

/// Set 2's held-out phrases read in all, measured once when the lead added them on 2026-12-08 after the
/// lexicon's authors had finished (200/240; 194 with the lexicon before their pass): a ratchet.
const SET2_HELDOUT_FLOOR: usize = 200;

/// A phrase set's files: path under `tests/fixtures/phrases/`, and the half every line has (`None`: the
/// line's own `half` field). A missing file is skipped (set 2's held-out half until the lead adds it).
const SETS: [(&str, &str, Option<bool>); 3] = [
    ("1", "phrases.jsonl", None),
    ("2", "phrases-2-guide.jsonl", Some(false)),
    ("2", "phrases-2-heldout.jsonl", Some(true)),
];

fn guide_only() -> bool {
    std::env::var_os("PHRASES_GUIDE_ONLY").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Per line of a JSONL fixture: (line number, parsed object); blank lines skipped. `keep` sees the raw
/// line first, so a held-out line can be left unread.
fn jsonl(file: &str, keep: impl Fn(&str) -> bool) -> Option<Vec<(usize, Value)>> {
    let path = welzijn_op_recept::repo_path(&format!("tests/fixtures/phrases/{file}"));
    let text = std::fs::read_to_string(&path).ok()?;
    let rows = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && keep(l))
        .map(|(i, line)| {
            let v: Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{file} line {}: {e}", i + 1));
            (i + 1, v)
        })
        .collect();
    Some(rows)
}

fn area_of(file: &str, line: usize, v: &Value, field: &str) -> SupportArea {
    v[field]
        .as_str()
        .and_then(SupportArea::from_id)
        .unwrap_or_else(|| panic!("{file} line {line}: unknown {field}"))
}

/// Per area: (recalled, total) for the guide and the held-out half.
type Counts = BTreeMap<SupportArea, [(usize, usize); 2]>;

/// Measures one set; returns its counts and the guide half's misses (the held-out misses are counted,
/// never listed). `None` when none of its files exist.
fn measure(set: &str) -> Option<(Counts, Vec<String>)> {
    let skip_heldout = guide_only();
    let mut counts = Counts::new();
    let mut missed = Vec::new();
    let mut found = false;
    for (_, file, half) in SETS.iter().filter(|(s, _, _)| *s == set) {
        if skip_heldout && *half == Some(true) {
            continue;
        }
        // A held-out line is not even parsed when only the guide half may be read.
        let keep = |l: &str| !(skip_heldout && l.contains("\"heldout\""));
        let Some(rows) = jsonl(file, keep) else {
            continue;
        };
        found = true;
        for (line, v) in rows {
            let area = area_of(file, line, &v, "area");
            let heldout = half.unwrap_or(v["half"] == "heldout");
            let text = v["text"].as_str().expect("text");
            let read = detect_areas(text).iter().any(|d| d.area == area);
            let c = &mut counts.entry(area).or_default()[usize::from(heldout)];
            c.1 += 1;
            if read {
                c.0 += 1;
            } else if !heldout {
                missed.push(format!("set {set}, {}: {text}", area.id()));
            }
        }
    }
    found.then_some((counts, missed))
}

fn pct((hit, n): (usize, usize)) -> f64 {
    if n == 0 {
        1.0
    } else {
        hit as f64 / n as f64
    }
}

/// A table cell: "hit/n (pct%)" with `decimals` after the point, or "-" for no phrases.
fn cell(c: (usize, usize), decimals: usize) -> String {
    if c.1 == 0 {
        "-".to_string()
    } else {
        format!("{}/{} ({:.decimals$}%)", c.0, c.1, 100.0 * pct(c))
    }
}

/// Prints a set's table; returns the totals (guide, held out).
fn print_table(set: &str, counts: &Counts) -> [(usize, usize); 2] {
    println!("set {set}\n| area | guide | held out |\n|---|---|---|");
    let mut total = [(0, 0); 2];
    for (area, [guide, heldout]) in counts {
        println!(
            "| `{}` | {} | {} |",
            area.id(),
            cell(*guide, 0),
            cell(*heldout, 0)
        );
        for (t, c) in total.iter_mut().zip([guide, heldout]) {
            t.0 += c.0;
            t.1 += c.1;
        }
        if heldout.1 > 0 && pct(*heldout) < TARGET_HELDOUT_RECALL {
            println!("below the 90% target: {}", area.id());
        }
    }
    println!("| all | {} | {} |", cell(total[0], 1), cell(total[1], 1));
    total
}

#[test]
fn held_out_recall_never_falls_below_todays_and_the_90_percent_target_is_reported() {
    let (counts, missed) = measure("1").expect("phrase set 1");
    assert_eq!(counts.len(), 16, "every support area has phrases");
    print_table("1", &counts);
    for m in &missed {
        println!("guide miss: {m}");
    }
    if guide_only() {
        return;
    }
    let below: Vec<String> = counts
        .iter()
        .filter_map(|(area, [_, heldout])| {
            let floor = HELDOUT_FLOOR
                .iter()
                .find(|(id, _)| *id == area.id())
                .map_or(0, |(_, n)| *n);
            (heldout.0 < floor)
                .then(|| format!("{} {}/{} (floor {floor})", area.id(), heldout.0, heldout.1))
        })
        .collect();
    assert!(below.is_empty(), "held-out recall fell: {below:?}");
}

#[test]
fn the_second_set_is_measured_and_its_guide_half_never_falls() {
    let Some((counts, missed)) = measure("2") else {
        panic!("phrase set 2 (phrases-2-guide.jsonl) is missing");
    };
    let total = print_table("2", &counts);
    for m in &missed {
        println!("guide miss: {m}");
    }
    assert!(
        total[0].0 >= SET2_GUIDE_FLOOR,
        "set 2 guide recall fell: {}/{} (floor {SET2_GUIDE_FLOOR})",
        total[0].0,
        total[0].1
    );
    if guide_only() {
        return;
    }
    assert_eq!(
        total[1].1, 240,
        "set 2's held-out half (phrases-2-heldout.jsonl) is read whole"
    );
    assert!(
        total[1].0 >= SET2_HELDOUT_FLOOR,
        "set 2 held-out recall fell: {}/{} (floor {SET2_HELDOUT_FLOOR})",
        total[1].0,
        total[1].1
    );
}

#[test]
fn negative_phrases_do_not_give_the_area_they_deny() {
    let rows = jsonl("negatives.jsonl", |_| true).expect("negatives.jsonl");
    assert!(rows.len() >= 30, "only {} negative phrases", rows.len());
    let wrong: Vec<String> = rows
        .iter()
        .filter_map(|(line, v)| {
            let area = area_of("negatives.jsonl", *line, v, "not_area");
            let text = v["text"].as_str().expect("text");
            let read = detect_areas(text);
            read.iter().find(|d| d.area == area).map(|d| {
                format!(
                    "line {line}: {text:?} reads {} from {:?}",
                    area.id(),
                    d.matched
                )
            })
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
