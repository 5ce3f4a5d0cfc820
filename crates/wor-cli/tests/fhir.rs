//! `wor fhir export|import|outcomes` from the user's side: what is written, refused and reported, the
//! round trip over every vignette, hostile imports, and validation by an independent FHIR library.

mod common;

use common::{repo, stderr, stdout, wor, wor_with_input, DATE};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;

const VIGNETTES: [&str; 4] = [
    "tests/fixtures/triage_vignettes.jsonl",
    "tests/fixtures/triage_plan_vignettes.jsonl",
    "tests/fixtures/triage_safety_vignettes.jsonl",
    "tests/fixtures/referrals.jsonl",
];

/// Every vignette's referral, one a line.
fn vignette_referrals() -> String {
    let mut out = String::new();
    for file in VIGNETTES {
        let text = std::fs::read_to_string(repo().join(file)).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: Value = serde_json::from_str(line).unwrap();
            out.push_str(&v.get("referral").cloned().unwrap_or(v).to_string());
            out.push('\n');
        }
    }
    out
}

fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn export_writes_a_bundle_per_wor_referral_and_refuses_the_rest_with_a_reason() {
    let export = [
        "fhir",
        "export",
        "--date",
        DATE,
        "--map",
        "social-map",
        "--top",
        "3",
        "tests/fixtures/referrals.jsonl",
    ];
    let out = wor(&export);
    assert_eq!(out.status.code(), Some(1), "refused records make exit 1");
    let bundles = lines(&stdout(&out));
    let ids: Vec<&str> = bundles
        .iter()
        .map(|b| {
            b["entry"][0]["resource"]["identifier"][0]["value"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(ids, ["r001", "r002", "r003", "r008"]);
    let err = stderr(&out);
    for (line, route) in [
        (4, "mgn"),
        (5, "urgent"),
        (6, "not_eligible"),
        (7, "medical"),
    ] {
        assert!(
            err.contains(&format!("line {line}: refused: route {route}")),
            "{err}"
        );
    }
    assert!(
        err.contains("read 8, exported 4, refused 4, rejected 0"),
        "{err}"
    );
    // The suggested activities and the map version travel as notes.
    let notes = bundles[0]["entry"][0]["resource"]["note"].to_string();
    assert!(notes.contains("Suggestie 3:"), "{notes}");
    assert!(
        notes.contains("Sociale kaart zuid-holland-noord"),
        "{notes}"
    );
    // Same input, same bytes.
    let again = wor(&export);
    assert_eq!(again.stdout, out.stdout);
}

#[test]
fn export_to_a_file_writes_the_accepted_referrals_even_when_some_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.jsonl");
    let out = wor(&[
        "fhir",
        "export",
        "--date",
        DATE,
        "-o",
        path.to_str().unwrap(),
        "tests/fixtures/referrals.jsonl",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(lines(&std::fs::read_to_string(&path).unwrap()).len(), 4);
}

#[test]
fn export_then_import_gives_the_same_triage_for_every_vignette() {
    let dir = tempfile::tempdir().unwrap();
    let referrals = write(dir.path(), "referrals.jsonl", &vignette_referrals());
    let exported = wor(&["fhir", "export", "--date", DATE, &referrals]);
    let bundles = write(dir.path(), "bundles.jsonl", &stdout(&exported));
    let imported = wor(&["fhir", "import", &bundles]);
    assert_eq!(imported.status.code(), Some(0), "{}", stderr(&imported));
    let back = write(dir.path(), "back.jsonl", &stdout(&imported));

    let before = lines(&stdout(&wor(&["triage", &referrals])));
    let after = lines(&stdout(&wor(&["triage", &back])));
    let wor_routes: Vec<&Value> = before
        .iter()
        .filter(|t| matches!(t["route"].as_str(), Some("wor" | "wor_and_mgn")))
        .collect();
    assert!(
        wor_routes.len() >= 40,
        "only {} WoR vignettes",
        wor_routes.len()
    );
    assert_eq!(after.len(), wor_routes.len());
    for (a, b) in wor_routes.iter().zip(&after) {
        assert_eq!(*a, b, "triage changed for {}", a["id"]);
    }
    // The referral itself comes back, with the referral date the export filled in.
    let originals = lines(&std::fs::read_to_string(&referrals).unwrap());
    let r001 = originals.iter().find(|r| r["id"] == "r001").unwrap();
    let r001_back = lines(&stdout(&imported))
        .into_iter()
        .find(|r| r["id"] == "r001")
        .unwrap();
    assert_eq!(r001_back["date"], DATE);
    for field in [
        "age",
        "consent",
        "municipality",
        "postcode",
        "areas",
        "text",
        "referrer",
    ] {
        assert_eq!(r001_back[field], r001[field], "{field}");
    }
}

#[test]
fn import_reads_one_pretty_printed_bundle() {
    let out = wor(&[
        "fhir",
        "export",
        "--date",
        DATE,
        "tests/fixtures/referrals.jsonl",
    ]);
    let first: Value = serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "one.json",
        &serde_json::to_string_pretty(&first).unwrap(),
    );
    let imported = wor(&["fhir", "import", &file]);
    assert_eq!(imported.status.code(), Some(0), "{}", stderr(&imported));
    assert_eq!(lines(&stdout(&imported))[0]["id"], "r001");
}

#[test]
fn hostile_imports_get_clear_errors_and_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!(
        r#"{{"resourceType": "Bundle", "entry": {}{}}}"#,
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    let big = format!(
        "{{\"resourceType\": \"Bundle\",\n \"pad\": \"{}\"}}",
        "x".repeat(10_000_001)
    );
    let cases: [(&str, String, &str); 6] = [
        ("patient.json", json!({"resourceType": "Patient"}).to_string(), "resourceType: 'Patient' is not a referral"),
        ("nosubject.json", json!({"resourceType": "ServiceRequest", "status": "active", "intent": "order", "identifier": [{"value": "x"}]}).to_string(), "subject: missing"),
        ("code.json", json!({"resourceType": "ServiceRequest", "status": "active", "intent": "order",
            "reasonCode": [{"coding": [{"system": "https://welzijn-op-recept.example.invalid/fhir/CodeSystem/support-area", "code": "flying"}]}]}).to_string(),
            "reasonCode[0].coding[0].code: unknown code 'flying'"),
        ("deep.json", deep, "recursion limit exceeded"),
        ("big.json", big, "longer than the limit of 10000000 bytes"),
        ("notjson.json", "{\"resourceType\": ".into(), "EOF while parsing"),
    ];
    for (name, text, expected) in cases {
        let file = write(dir.path(), name, &text);
        let out = wor(&["fhir", "import", &file]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(out.stdout.is_empty(), "{name}");
        assert!(err.contains(expected), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
}

#[test]
fn import_of_jsonl_reports_bad_lines_and_keeps_the_good_ones() {
    let out = wor(&[
        "fhir",
        "export",
        "--date",
        DATE,
        "tests/fixtures/referrals.jsonl",
    ]);
    let text = stdout(&out);
    let good: Vec<&str> = text.lines().take(2).collect();
    let input = format!("{}\n{{\"resourceType\": \"Task\"}}\n{}\n", good[0], good[1]);
    let imported = wor_with_input(&["fhir", "import", "-"], &input);
    assert_eq!(imported.status.code(), Some(1));
    assert_eq!(lines(&stdout(&imported)).len(), 2);
    let err = stderr(&imported);
    assert!(
        err.contains("line 2: resourceType: 'Task' is not a referral"),
        "{err}"
    );
    assert!(err.contains("imported 2, rejected 1"), "{err}");
}

fn case(id: &str, status: Option<&str>, outcome: Option<Value>) -> Value {
    let mut c = json!({
        "referral": {"id": id, "age": 70, "consent": true, "municipality": "Leiden"},
        "map": {"region": "zuid-holland-noord", "version": "2026.3.0"},
        "offered": ["zhn-wandelgroep-merenwijk"],
        "chosen": "zhn-wandelgroep-merenwijk",
        "dates": {"referred": "2026-09-01", "first_contact": "2026-09-08"},
        "conversations": 2
    });
    if let Some(s) = status {
        c["status"] = json!(s);
    }
    if let Some(o) = outcome {
        c["outcome"] = o;
    }
    c
}

fn outcome_cases() -> String {
    [
        case(
            "c1",
            None,
            Some(
                json!({"arrived": true, "taken_into_care": true, "still_attending_3m": false,
            "positive_health_before": {"meedoen": 3}, "positive_health_after": {"meedoen": 6}}),
            ),
        ),
        case("c2", Some("open"), None),
        case(
            "c3",
            None,
            Some(json!({"arrived": false, "taken_into_care": false, "still_attending_3m": false})),
        ),
    ]
    .iter()
    .map(|c| format!("{c}\n"))
    .collect()
}

#[test]
fn outcomes_writes_one_task_per_closed_case() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "cases.jsonl", &outcome_cases());
    let out = wor(&["fhir", "outcomes", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let tasks = lines(&stdout(&out));
    assert_eq!(tasks.len(), 2);
    assert_eq!(tasks[0]["resourceType"], "Task");
    assert_eq!(tasks[0]["status"], "completed");
    assert_eq!(tasks[0]["basedOn"][0]["identifier"]["value"], "c1");
    assert_eq!(tasks[1]["status"], "failed");
    let outputs = tasks[0]["output"].to_string();
    assert!(outputs.contains("positive_health_improved"), "{outputs}");
    assert!(stderr(&out).contains("line 2: skipped: the case is still open"));
}

/// fhir.resources (R4B) validates what export and outcomes write; see tests/fhir/validate.py.
#[test]
fn exported_resources_validate_with_an_independent_fhir_library() {
    let probe = Command::new("python3")
        .args(["-c", "import fhir.resources.R4B.bundle"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        welzijn_op_recept::skip(
            "fhir.resources is not installed (`pip install fhir.resources==8.3.0`, done by `make setup`)",
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let referrals = write(dir.path(), "referrals.jsonl", &vignette_referrals());
    let exported = wor(&[
        "fhir",
        "export",
        "--date",
        DATE,
        "--map",
        "social-map",
        &referrals,
    ]);
    let bundles = write(dir.path(), "bundles.jsonl", &stdout(&exported));
    let cases = write(dir.path(), "cases.jsonl", &outcome_cases());
    let tasks = write(
        dir.path(),
        "tasks.jsonl",
        &stdout(&wor(&["fhir", "outcomes", &cases])),
    );
    for (kind, file) in [("bundles", &bundles), ("tasks", &tasks)] {
        let out = Command::new("python3")
            .args(["tests/fhir/validate.py", kind, file])
            .current_dir(repo())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{kind} do not validate:\n{}{}",
            stdout(&out),
            stderr(&out)
        );
        eprintln!("{}", stdout(&out));
    }
}
