//! What every CLI test file needs: the repository root and the `wor` binary run from it.
// Each test file compiles this module on its own and uses a different part of it.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// The reference date the tests pass with `--date`.
pub const DATE: &str = "2026-11-23";

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `wor` with `args`, run from the repository root (so relative paths such as `social-map` work).
pub fn wor_command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wor"));
    command.args(args).current_dir(repo());
    command
}

/// Runs `wor` without standard input.
pub fn wor(args: &[&str]) -> Output {
    wor_command(args).output().expect("wor runs")
}

/// Starts `wor` with its standard input, output and error piped.
pub fn spawn_wor(args: &[&str]) -> Child {
    wor_command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("wor runs")
}

/// Runs `wor` with `stdin` as its standard input.
pub fn wor_with_input(args: &[&str], stdin: &str) -> Output {
    let mut child = spawn_wor(args);
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// `wor match` on the bundled demo maps (`--map social-map`) with the tests' `--date`, then `args`,
/// with `stdin` as its standard input.
pub fn wor_match(args: &[&str], stdin: &str) -> Output {
    let mut all = vec!["match", "--map", "social-map", "--date", DATE];
    all.extend_from_slice(args);
    wor_with_input(&all, stdin)
}

/// Standard output as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Standard output as one JSON document, after checking that `wor` succeeded.
pub fn json(out: &Output) -> serde_json::Value {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// Standard output's lines, each a JSON document.
pub fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each stdout line is JSON"))
        .collect()
}

/// One referral matched on its own (`--top 5`): its JSON result.
pub fn match_one(referral: &str) -> serde_json::Value {
    let out = wor_match(&["--top", "5"], referral);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("one JSON line")
}

/// The activity ids of a match result's suggestions, in order.
pub fn suggestion_ids(r: &serde_json::Value) -> Vec<&str> {
    r["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["activity_id"].as_str().unwrap())
        .collect()
}

/// A lonely 72-year-old in Uithoorn: referrals that share an area and a municipality ("collective first").
pub fn lonely_in_uithoorn(id: &str) -> String {
    format!(
        r#"{{"id":"{id}","age":72,"consent":true,"municipality":"Uithoorn","areas":[{{"area":"loneliness","severity":3}}]}}"#
    )
}

/// The "why" lines with `code` of all of a match result's suggestions.
pub fn reasons_with_code<'a>(r: &'a serde_json::Value, code: &str) -> Vec<&'a serde_json::Value> {
    r["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["why"].as_array().unwrap())
        .filter(|w| w["code"] == code)
        .collect()
}
