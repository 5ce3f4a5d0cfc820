//! Batches read in two passes and chunk by chunk (issue 37), from the user's side: what the whole batch
//! decides (repeated ids, "collective first") still spans every chunk, standard input gives the same
//! bytes as a file, and `--compact` is the default result without its texts.

use serde_json::{json, Value};

mod common;
use common::{
    json_lines, lonely_in_uithoorn, reasons_with_code, stderr, wor_match, wor_with_input as wor,
};

/// More referrals than one chunk (2,048) of the CLI holds.
const BATCH: usize = 2_500;

#[test]
fn repeated_ids_and_collective_counts_span_the_whole_batch() {
    let mut lines: Vec<String> = (0..BATCH)
        .map(|i| lonely_in_uithoorn(&format!("g{i}")))
        .collect();
    lines.push(lonely_in_uithoorn("g0")); // in another chunk than its first line
    let out = wor_match(&["--top", "10"], &lines.join("\n"));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "line {}: id: duplicate id 'g0' (first on line 1)",
            BATCH + 1
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("read {}, matched {BATCH}, rejected 1", BATCH + 1)),
        "{err}"
    );
    let results = json_lines(&out);
    assert_eq!(results.len(), BATCH);
    assert_eq!(results[BATCH - 1]["id"], format!("g{}", BATCH - 1));
    // The first referral's group activities count every other one of the batch, the repeat not among
    // them: the counts of all chunks, taken before the first is matched.
    let others = format!("{} andere", BATCH - 1);
    let collective = reasons_with_code(&results[0], "collective");
    assert!(!collective.is_empty(), "{}", results[0]);
    let text = collective[0]["nl"].as_str().unwrap();
    let digits: String = text.chars().filter(|c| *c != '.').collect();
    assert!(digits.contains(&others), "{text}");
}

#[test]
fn standard_input_gives_the_bytes_a_file_gives() {
    let file = "tests/fixtures/referrals.jsonl";
    let text = std::fs::read_to_string(common::repo().join(file)).unwrap();
    // A broken line and a repeated id, so that the problems and the exit code are compared too.
    let input = format!("{text}not json\n{}\n", text.lines().next().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.jsonl");
    std::fs::write(&path, &input).unwrap();
    let path = path.to_str().unwrap();
    for command in [
        vec!["match", "--map", "social-map", "--date", common::DATE],
        vec!["triage"],
        vec!["triage", "--output-format", "csv"],
    ] {
        let from_stdin = wor(&command, &input);
        let from_file = wor(&[command.as_slice(), &[path]].concat(), "");
        assert_eq!(from_stdin.status.code(), Some(1), "{}", stderr(&from_stdin));
        assert_eq!(from_stdin.status.code(), from_file.status.code());
        assert!(!from_stdin.stdout.is_empty());
        assert_eq!(from_stdin.stdout, from_file.stdout, "{command:?}");
        assert_eq!(from_stdin.stderr, from_file.stderr, "{command:?}");
    }
}

/// What `--compact` should write for one default result: its ids, scores, route, areas and codes.
fn without_texts(r: &Value) -> Value {
    let codes = |list: &Value| -> Vec<Value> {
        list.as_array()
            .map(|l| l.iter().map(|w| w["code"].clone()).collect())
            .unwrap_or_default()
    };
    let mut out = json!({
        "id": r["id"],
        "map": r["map"],
        "route": r["route"],
        "areas": r["areas"].as_array().unwrap().iter().map(|a| a["area"].clone()).collect::<Vec<_>>(),
    });
    let o = out.as_object_mut().unwrap();
    if !codes(&r["warnings"]).is_empty() {
        o.insert("warnings".into(), codes(&r["warnings"]).into());
    }
    if let Some(events) = r.get("life_events") {
        o.insert("life_events".into(), events.clone());
    }
    let mut origin = json!({"municipality": r["origin"]["municipality"]});
    if let Some(pc4) = r["origin"].get("pc4") {
        origin["pc4"] = pc4.clone();
    }
    o.insert("origin".into(), origin);
    let suggestions: Vec<Value> = r["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            json!({
                "activity_id": s["activity_id"], "score": s["score"], "relevance": s["relevance"],
                "areas": s["areas"], "distance_km": s["distance_km"], "why": codes(&s["why"]),
            })
        })
        .collect();
    o.insert("suggestions".into(), suggestions.into());
    if let Some(filtered) = r.get("filtered") {
        o.insert("filtered".into(), filtered.clone());
    }
    if !codes(&r["notes"]).is_empty() {
        o.insert("notes".into(), codes(&r["notes"]).into());
    }
    out
}

#[test]
fn compact_lines_are_the_default_results_without_their_texts() {
    let args = ["--top", "10", "tests/fixtures/referrals.jsonl"];
    let full = wor_match(&args, "");
    let compact = wor_match(&[&args[..], &["--compact"]].concat(), "");
    assert_eq!(compact.status.code(), Some(0), "{}", stderr(&compact));
    let (full_lines, compact_lines) = (json_lines(&full), json_lines(&compact));
    assert_eq!(full_lines.len(), compact_lines.len());
    for (f, c) in full_lines.iter().zip(&compact_lines) {
        assert_eq!(c, &without_texts(f));
    }
    assert!(
        compact.stdout.len() * 4 < full.stdout.len(),
        "compact {} bytes, default {}",
        compact.stdout.len(),
        full.stdout.len()
    );
    let refused = wor_match(&["--compact", "--output-format", "csv"], "");
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
}
