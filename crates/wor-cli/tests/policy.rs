//! `wor policy validate|show` and `wor triage --policy`: a region's override tightens, a loosening one
//! is refused with its file and field and exit 1, and decisions carry the policy's id and version.
mod common;

use common::{repo, wor, wor_with_input};

fn temp_policy(name: &str, json: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("wor-policy-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, json).unwrap();
    path
}

#[test]
fn validate_accepts_the_repository_policies_and_refuses_a_loosening_one() {
    let default = repo().join("social-map/policy/default.json");
    let zhn = repo().join("social-map/zuid-holland-noord/policy.json");
    let out = wor(&[
        "policy",
        "validate",
        default.to_str().unwrap(),
        zhn.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let loose = temp_policy(
        "loose.json",
        r#"{"schema": "wor-policy/1", "id": "x", "version": "1", "extends": "default",
            "thresholds": {"depression_strong": {"value": 9, "basis": {"assumption": "x"}}},
            "vocabulary": {"cues": {"in_treatment": {"add": ["word therapie"]}}}}"#,
    );
    let out = wor(&["policy", "validate", loose.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("loose.json: thresholds.depression_strong.value: 9 loosens the default 6"),
        "{err}"
    );
    assert!(
        err.contains("loose.json: vocabulary.cues.in_treatment:"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    // triage refuses to run on it, without output.
    let out = wor_with_input(
        &["triage", "--policy", loose.to_str().unwrap()],
        "{\"id\":\"a\",\"age\":40,\"consent\":true,\"municipality\":\"Leiden\"}\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

#[test]
fn triage_with_a_tightening_policy_and_show_lists_every_basis() {
    let tight = temp_policy(
        "tight.json",
        r#"{"schema": "wor-policy/1", "id": "leiden-pilot", "version": "2026.2", "extends": "default",
            "thresholds": {"depression_moderate": {"value": 2, "basis": {"assumption": "pilot"}}}}"#,
    );
    let input = "{\"id\":\"a\",\"age\":40,\"consent\":true,\"municipality\":\"Leiden\",\"screening\":{\"4dkl\":{\"depression\":2}}}\n";
    let default = wor_with_input(&["triage"], input);
    let tightened = wor_with_input(&["triage", "--policy", tight.to_str().unwrap()], input);
    let route = |o: &std::process::Output| -> serde_json::Value {
        serde_json::from_slice(&o.stdout).unwrap()
    };
    assert_eq!(route(&default)["route"], "unclear");
    let t = route(&tightened);
    assert_eq!(t["route"], "mgn");
    assert_eq!(
        t["policy"],
        serde_json::json!({"id": "leiden-pilot", "version": "2026.2"})
    );
    let show = wor(&["policy", "show"]);
    assert!(show.status.success());
    let text = String::from_utf8_lossy(&show.stdout);
    assert!(text.contains("min_age\tplan\t"), "{text}");
    assert!(text.contains("depression_moderate\tassumption\t"), "{text}");
}
