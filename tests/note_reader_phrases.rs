//! The note reader's coverage, measured honestly (issue 30): `tests/fixtures/phrases/phrases.jsonl` holds
//! short phrases per support area, written by someone who had not read the lexicon, split in halves. The
//! `guide` half may guide the lexicon; the `heldout` half is only measured. Recall (the phrase's area is
//! among the areas read) on the held-out half may never fall below today's per area; the target,
//! 90% per area, is not reached everywhere yet, and the run says where. `cargo test --test
//! note_reader_phrases -- --nocapture` prints the table the README quotes.

use serde_json::Value;
use std::collections::BTreeMap;
use wor_core::detect::detect_areas;
use wor_core::SupportArea;

/// The target per area on the held-out half (not reached yet in every area: the table says where).
const TARGET_HELDOUT_RECALL: f64 = 0.90;

/// Held-out phrases read per area on 2026-12-07: a ratchet. An area may never read fewer than this; raise a
/// figure when the reader improves. Below the target in five areas (README).
const HELDOUT_FLOOR: [(&str, usize); 16] = [
    ("loneliness", 12),
    ("low_mood_anxiety", 11),
    ("sleep_worry", 11),
    ("burnout", 10),
    ("life_event", 11),
    ("lifestyle", 12),
    ("chronic_illness", 11),
    ("carer_strain", 10),
    ("low_literacy", 11),
    ("health_literacy", 7),
    ("debt_poverty", 11),
    ("transport_housing_household", 11),
    ("leisure_daytime", 11),
    ("parenting", 10),
    ("work_reintegration", 11),
    ("home_support", 11),
];

struct Phrase {
    area: SupportArea,
    heldout: bool,
    text: String,
}

fn phrases() -> Vec<Phrase> {
    let path = welzijn_op_recept::repo_path("tests/fixtures/phrases/phrases.jsonl");
    let text = std::fs::read_to_string(&path).expect("phrase set");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, line)| {
            let v: Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}", i + 1));
            let area = v["area"].as_str().and_then(SupportArea::from_id);
            Phrase {
                area: area.unwrap_or_else(|| panic!("line {}: unknown area", i + 1)),
                heldout: v["half"] == "heldout",
                text: v["text"].as_str().expect("text").to_string(),
            }
        })
        .collect()
}

/// Per area: (recalled, total) for the guide and the held-out half.
type Counts = BTreeMap<SupportArea, [(usize, usize); 2]>;

fn measure() -> (Counts, Vec<String>) {
    let mut counts = Counts::new();
    let mut missed = Vec::new();
    for p in phrases() {
        let read = detect_areas(&p.text).iter().any(|d| d.area == p.area);
        let c = &mut counts.entry(p.area).or_default()[usize::from(p.heldout)];
        c.1 += 1;
        if read {
            c.0 += 1;
        } else if !p.heldout {
            missed.push(format!("{}: {}", p.area.id(), p.text));
        }
    }
    (counts, missed)
}

fn pct((hit, n): (usize, usize)) -> f64 {
    if n == 0 {
        1.0
    } else {
        hit as f64 / n as f64
    }
}

#[test]
fn held_out_recall_never_falls_below_todays_and_the_90_percent_target_is_reported() {
    let (counts, missed) = measure();
    assert_eq!(counts.len(), 16, "every support area has phrases");
    println!("| area | guide | held out |\n|---|---|---|");
    let mut below = Vec::new();
    let mut total = [(0, 0); 2];
    for (area, [guide, heldout]) in &counts {
        println!(
            "| `{}` | {}/{} ({:.0}%) | {}/{} ({:.0}%) |",
            area.id(),
            guide.0,
            guide.1,
            100.0 * pct(*guide),
            heldout.0,
            heldout.1,
            100.0 * pct(*heldout)
        );
        for (t, c) in total.iter_mut().zip([guide, heldout]) {
            t.0 += c.0;
            t.1 += c.1;
        }
        let floor = HELDOUT_FLOOR
            .iter()
            .find(|(id, _)| *id == area.id())
            .map_or(0, |(_, n)| *n);
        if heldout.0 < floor {
            below.push(format!(
                "{} {}/{} (floor {floor})",
                area.id(),
                heldout.0,
                heldout.1
            ));
        }
        if pct(*heldout) < TARGET_HELDOUT_RECALL {
            println!("below the 90% target: {}", area.id());
        }
    }
    println!(
        "| all | {}/{} ({:.1}%) | {}/{} ({:.1}%) |",
        total[0].0,
        total[0].1,
        100.0 * pct(total[0]),
        total[1].0,
        total[1].1,
        100.0 * pct(total[1])
    );
    // Only the guide half's misses are listed: the held-out phrases are measured, never read.
    for m in &missed {
        println!("guide miss: {m}");
    }
    assert!(below.is_empty(), "held-out recall fell: {below:?}");
}
