//! Hostile input to the `wor` command: whatever it is fed, it gives a clear error with the right exit
//! code, keeps memory bounded, leaves no partial output file, still answers every valid record, and never
//! echoes referral content in its diagnostics.

use serde_json::Value;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ExitStatus};
use std::time::{Duration, Instant};

mod common;
use common::{spawn_wor, DATE};

const LIMIT: usize = 1_000_000;

/// What a run of `wor` produced, and the peak resident memory seen while it ran.
struct Run {
    status: ExitStatus,
    stdout: Vec<u8>,
    stderr: String,
    peak_rss_kb: u64,
}

impl Run {
    fn code(&self) -> Option<i32> {
        self.status.code()
    }
    fn json(&self) -> Vec<Value> {
        String::from_utf8(self.stdout.clone())
            .expect("stdout is UTF-8")
            .lines()
            .map(|l| serde_json::from_str(l).expect("each stdout line is JSON"))
            .collect()
    }
    fn ids(&self) -> Vec<String> {
        self.json()
            .iter()
            .map(|v| v["id"].as_str().unwrap().to_string())
            .collect()
    }
}

/// Peak resident set size of a running process (Linux; 0 where /proc is unavailable).
fn peak_rss_kb(child: &Child) -> u64 {
    std::fs::read_to_string(format!("/proc/{}/status", child.id()))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Runs `wor` with `args`; `feed` writes its standard input from another thread (so input can be far
/// larger than any buffer), while this thread drains stdout and stderr and samples memory.
fn wor_with(args: &[&str], feed: impl FnOnce(&mut ChildStdin) + Send + 'static) -> Run {
    let mut child = spawn_wor(args);
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        feed(&mut stdin);
        // A child that stopped reading early closes the pipe: that is fine.
        drop(stdin);
    });
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let stdout = std::thread::spawn(move || {
        let mut v = Vec::new();
        out.read_to_end(&mut v).unwrap();
        v
    });
    let stderr = std::thread::spawn(move || {
        let mut v = Vec::new();
        err.read_to_end(&mut v).unwrap();
        v
    });
    let mut peak = 0;
    let status = loop {
        peak = peak.max(peak_rss_kb(&child));
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    writer.join().unwrap();
    Run {
        status,
        stdout: stdout.join().unwrap(),
        stderr: String::from_utf8_lossy(&stderr.join().unwrap()).into_owned(),
        peak_rss_kb: peak,
    }
}

fn wor(args: &[&str], stdin: impl Into<Vec<u8>>) -> Run {
    let input: Vec<u8> = stdin.into();
    wor_with(args, move |w| {
        let _ = w.write_all(&input);
    })
}

fn valid(id: &str) -> String {
    format!(
        r#"{{"id":"{id}","age":70,"consent":true,"municipality":"Leiden","text":"voelt zich eenzaam"}}"#
    )
}

fn lines(v: &[String]) -> String {
    v.join("\n") + "\n"
}

fn no_temp_files(dir: &Path) {
    let left: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".wor-"))
        .collect();
    assert!(left.is_empty(), "temp files left behind: {left:?}");
}

#[test]
fn invalid_utf8_is_reported_per_line_and_the_rest_still_answered() {
    let mut input = Vec::new();
    input.extend_from_slice(valid("a").as_bytes());
    input.push(b'\n');
    // Latin-1 "café" and a lone continuation byte.
    input.extend_from_slice(b"{\"id\":\"x\",\"age\":40,\"consent\":true,\"municipality\":\"Leiden\",\"text\":\"caf\xe9 \x80\"}\n");
    input.extend_from_slice(valid("b").as_bytes());
    input.push(b'\n');
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("triage.jsonl");
    let run = wor(
        &["triage", "--output", out.to_str().unwrap()],
        input.clone(),
    );
    assert_eq!(run.code(), Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("line 2: not valid UTF-8 (byte 70)"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("caf"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "data goes to the file");
    // A run with a failed line writes no file (a file that is there is a whole result) ...
    assert!(!out.exists());
    no_temp_files(dir.path());
    // ... while standard output still gets the other lines' results.
    let run = wor(&["triage"], input.clone());
    assert_eq!(run.code(), Some(1));
    assert_eq!(run.ids(), ["a", "b"]);
    // The same through `wor match`.
    let run = wor(&["match", "--map", "social-map", "--date", DATE], input);
    assert_eq!(run.code(), Some(1));
    assert_eq!(run.ids(), ["a", "b"]);
    assert!(run.stderr.contains("line 2: not valid UTF-8"));
}

#[test]
fn a_100_mb_line_is_refused_with_bounded_memory() {
    let run = wor_with(&["triage"], |w| {
        let _ = writeln!(w, "{}", valid("a"));
        let _ =
            w.write_all(br#"{"id":"big","age":40,"consent":true,"municipality":"Leiden","text":""#);
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..100 {
            if w.write_all(&chunk).is_err() {
                return;
            }
        }
        let _ = w.write_all(b"\"}\n");
        let _ = writeln!(w, "{}", valid("c"));
    });
    assert_eq!(run.code(), Some(1), "{}", run.stderr);
    assert_eq!(run.ids(), ["a", "c"]);
    assert!(
        run.stderr.contains(&format!(
            "line 2: line is longer than the limit of {LIMIT} bytes"
        )),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("xxxx"));
    // The reader keeps at most ~1 MB of a line; the whole process stays far below the line's 100 MB.
    if run.peak_rss_kb > 0 {
        assert!(
            run.peak_rss_kb < 40 * 1024,
            "peak memory {} KB while reading a 100 MB line",
            run.peak_rss_kb
        );
    }
}

#[test]
fn a_million_areas_exceed_the_line_limit_and_duplicates_are_named() {
    let area = r#"{"area":"loneliness","severity":1}"#;
    let head = r#"{"id":"many","age":40,"consent":true,"municipality":"Leiden","areas":["#;
    let many = |n: usize| format!("{head}{}]}}", vec![area; n].join(","));
    // 10^6 areas: about 35 MB on one line.
    let run = wor(&["triage"], lines(&[many(1_000_000), valid("ok")]));
    assert_eq!(run.code(), Some(1));
    assert_eq!(run.ids(), ["ok"]);
    assert!(
        run.stderr.contains(&format!(
            "line 1: line is longer than the limit of {LIMIT} bytes"
        )),
        "{}",
        run.stderr
    );
    // Just under 1 MB: parsed, and the second entry for the same area is the error.
    let n = (LIMIT - head.len() - 2) / (area.len() + 1);
    let line = many(n);
    assert!(
        line.len() <= LIMIT && line.len() > LIMIT - 100,
        "{}",
        line.len()
    );
    let run = wor(&["triage"], lines(&[valid("ok"), line]));
    assert_eq!(run.code(), Some(1));
    assert_eq!(run.ids(), ["ok"]);
    assert!(
        run.stderr
            .contains("line 2: areas[1].area: 'loneliness' is listed more than once"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_record_limit_is_exact() {
    // Whitespace is valid JSON: pad a valid referral to exactly the limit, and one byte over.
    let body = r#"{"id":"edge","age":40,"consent":true,"municipality":"Leiden""#;
    let padded = |len: usize| format!("{body}{}}}", " ".repeat(len - body.len() - 1));
    let run = wor(&["triage"], lines(&[padded(LIMIT)]));
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    assert_eq!(run.ids(), ["edge"]);
    let run = wor(&["triage"], lines(&[padded(LIMIT + 1), valid("ok")]));
    assert_eq!(run.code(), Some(1));
    assert_eq!(run.ids(), ["ok"]);
    assert!(
        run.stderr.contains(&format!(
            "line 1: record is {} bytes; the limit is {LIMIT} bytes",
            LIMIT + 1
        )),
        "{}",
        run.stderr
    );
    // The text limit: 10,000 characters (not bytes: é is two bytes and one character).
    let text = |n: usize| {
        format!(
            r#"{{"id":"t{n}","age":40,"consent":true,"municipality":"Leiden","text":"{}"}}"#,
            "é".repeat(n)
        )
    };
    let run = wor(&["triage"], lines(&[text(10_000), text(10_001)]));
    assert_eq!(run.code(), Some(1));
    assert_eq!(run.ids(), ["t10000"]);
    assert!(
        run.stderr
            .contains("line 2: text: is 10001 characters; the limit is 10000"),
        "{}",
        run.stderr
    );
}

#[test]
fn nan_infinity_and_huge_numbers_name_their_field() {
    let with = |id: &str, field: &str| {
        format!(r#"{{"id":"{id}","age":40,"consent":true,"municipality":"Leiden",{field}}}"#)
    };
    let input = [
        with("n1", r#""preferences":{"max_km":NaN}"#),
        with("n2", r#""preferences":{"max_km":Infinity}"#),
        with("n3", r#""preferences":{"max_eur_per_month":-Infinity}"#),
        with("n4", r#""preferences":{"max_km":1e999}"#),
        with("n5", r#""positive_health":{"meedoen":1e999}"#),
        with("n6", r#""preferences":{"max_km":1e308}"#),
        with("n7", r#""preferences":{"max_eur_per_month":-0.01}"#),
        with("n8", r#""positive_health":{"zingeving":-1e300}"#),
        valid("ok"),
    ];
    let run = wor(&["triage"], lines(&input));
    assert_eq!(run.code(), Some(1));
    assert_eq!(run.ids(), ["ok"]);
    let not_json = "expected a valid JSON value (NaN and Infinity are not JSON)";
    for expected in [
        format!("line 1: preferences.max_km: {not_json}"),
        format!("line 2: preferences.max_km: {not_json}"),
        "line 3: preferences.max_eur_per_month: invalid number (NaN and Infinity are not JSON)"
            .into(),
        "line 4: preferences.max_km: number out of range".into(),
        "line 5: positive_health.meedoen: number out of range".into(),
        "line 6: preferences.max_km: must be a distance between 0 and 500 km, got 1e308".into(),
        "line 7: preferences.max_eur_per_month: must be an amount of at least 0, got -0.01".into(),
        "line 8: positive_health.zingeving: must be between 0 and 10, got -1e300".into(),
    ] {
        assert!(
            run.stderr.contains(&expected),
            "missing «{expected}» in\n{}",
            run.stderr
        );
    }
}

#[test]
fn negative_absurd_and_mistyped_ages() {
    let age = |id: &str, age: &str| {
        format!(r#"{{"id":"{id}","age":{age},"consent":true,"municipality":"Leiden"}}"#)
    };
    let input = [
        age("a1", "-1"),
        age("a2", "121"),
        age("a3", "99999999999999999999"),
        age("a4", "-9223372036854775808"),
        age("a5", "40.5"),
        age("a6", r#""40""#),
        age("a7", "null"),
        age("a8", "1e400"),
        age("young", "0"),
        age("old", "120"),
    ];
    let run = wor(&["triage"], lines(&input));
    assert_eq!(run.code(), Some(1));
    assert_eq!(run.ids(), ["young", "old"]);
    assert_eq!(run.json()[0]["route"], "not_eligible");
    for expected in [
        "line 1: age: must be between 0 and 120, got -1",
        "line 2: age: must be between 0 and 120, got 121",
        "line 3: age: wrong type: floating point `1e+20`, expected a whole number",
        "line 4: age: must be between 0 and 120, got -9223372036854775808",
        "line 5: age: wrong type: floating point `40.5`, expected a whole number",
        "line 6: age: wrong type: text '40', expected a whole number",
        "line 7: age: wrong type: null, expected a whole number",
        "line 8: age: number out of range",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing «{expected}» in\n{}",
            run.stderr
        );
    }
    // A missing age names the field too.
    let run = wor(
        &["triage"],
        r#"{"id":"m","consent":true,"municipality":"Leiden"}"#,
    );
    assert_eq!(run.code(), Some(1));
    assert!(
        run.stderr.contains("line 1: missing field `age`"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_fields_warn_when_lenient_and_fail_when_strict() {
    let input = lines(&[
        r#"{"id":"u","age":40,"consent":true,"municipality":"Leiden","shoe_size":44,"preferences":{"colour":"blue"},"na\nme":1}"#.into(),
        valid("ok"),
    ]);
    let lenient = wor(&["triage"], input.clone());
    assert_eq!(lenient.code(), Some(0), "{}", lenient.stderr);
    assert_eq!(lenient.ids(), ["u", "ok"]);
    for expected in [
        "line 1: warning: shoe_size: unknown field",
        "line 1: warning: preferences.colour: unknown field",
        "line 1: warning: na\\nme: unknown field",
    ] {
        assert!(
            lenient.stderr.contains(expected),
            "missing «{expected}» in\n{}",
            lenient.stderr
        );
    }
    assert!(!lenient.stderr.contains("blue"));
    let strict = wor(&["triage", "--strict"], input.clone());
    assert_eq!(strict.code(), Some(1));
    assert_eq!(strict.ids(), ["ok"]);
    assert!(
        strict
            .stderr
            .contains("line 1: shoe_size: unknown field (not allowed in strict mode)"),
        "{}",
        strict.stderr
    );
    let strict = wor(
        &["match", "--strict", "--map", "social-map", "--date", DATE],
        input,
    );
    assert_eq!(strict.code(), Some(1));
    assert_eq!(strict.ids(), ["ok"]);
}

#[test]
fn deep_nesting_is_skipped_or_refused_without_overflowing_the_stack() {
    let open = "[".repeat(200_000);
    let close = "]".repeat(200_000);
    let input = [
        // An unknown field is skipped whatever its depth.
        format!(
            r#"{{"id":"deep","age":40,"consent":true,"municipality":"Leiden","x":{open}{close}}}"#
        ),
        // A known field nested where a value belongs is an error naming it.
        format!(
            r#"{{"id":"bad","age":40,"consent":true,"municipality":"Leiden","areas":{open}{close}}}"#
        ),
        format!(r#"{{"id":"open","age":40,"consent":true,"municipality":"Leiden","x":{open}"#),
        valid("ok"),
    ];
    let run = wor(&["triage"], lines(&input));
    assert_eq!(run.code(), Some(1), "{}", run.stderr);
    assert_eq!(run.ids(), ["deep", "ok"]);
    assert!(
        run.stderr.contains("line 1: warning: x: unknown field"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("line 2: areas[0][0]: "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("line 3: "), "{}", run.stderr);
}

#[test]
fn duplicate_ids_keep_the_first_and_report_the_rest() {
    let input = lines(&[valid("a"), valid("b"), valid("a"), valid("a")]);
    for args in [
        vec!["triage"],
        vec!["match", "--map", "social-map", "--date", DATE],
    ] {
        let run = wor(&args, input.clone());
        assert_eq!(run.code(), Some(1));
        assert_eq!(run.ids(), ["a", "b"]);
        assert!(run
            .stderr
            .contains("line 3: id: duplicate id 'a' (first on line 1)"));
        assert!(run
            .stderr
            .contains("line 4: id: duplicate id 'a' (first on line 1)"));
    }
}

#[test]
fn empty_input_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    let blank = dir.path().join("blank.jsonl");
    std::fs::write(&blank, "\n  \n\r\n\t\n").unwrap();
    for input in [&empty, &blank] {
        let input = input.to_str().unwrap();
        for args in [
            vec!["triage", input],
            vec!["match", "--map", "social-map", "--date", DATE, input],
        ] {
            let run = wor(&args, "");
            assert_eq!(run.code(), Some(0), "{args:?}: {}", run.stderr);
            assert!(run.stdout.is_empty());
        }
    }
    // With --output: an empty (complete) file.
    let out = dir.path().join("out.jsonl");
    let run = wor(
        &[
            "triage",
            empty.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(run.code(), Some(0));
    assert_eq!(std::fs::read(&out).unwrap(), b"");
    no_temp_files(dir.path());
}

#[test]
fn a_failed_run_leaves_no_output_file_and_keeps_an_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, lines(&[valid("a")])).unwrap();
    let out = dir.path().join("out.jsonl");
    let input = input.to_str().unwrap();
    let out_s = out.to_str().unwrap();
    // A map that does not exist; an input that is a directory; an input that does not exist.
    let missing_input = dir.path().join("nope.jsonl");
    let dir_s = dir.path().to_str().unwrap();
    for args in [
        vec!["match", "--map", "no-such-map", input, "-o", out_s],
        vec!["match", "--map", "social-map", dir_s, "-o", out_s],
        vec!["triage", missing_input.to_str().unwrap(), "-o", out_s],
        vec!["triage", dir_s, "-o", out_s],
    ] {
        let run = wor(&args, "");
        assert_eq!(run.code(), Some(1), "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.starts_with("error: "),
            "{args:?}: {}",
            run.stderr
        );
        assert!(!out.exists(), "{args:?} left an output file");
        no_temp_files(dir.path());
    }
    // An existing output file is replaced only by a complete new one.
    std::fs::write(&out, "old\n").unwrap();
    let run = wor(&["match", "--map", "no-such-map", input, "-o", out_s], "");
    assert_eq!(run.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old\n");
    // An output directory that does not exist.
    let nowhere = dir.path().join("no/such/dir/out.jsonl");
    let run = wor(&["triage", input, "-o", nowhere.to_str().unwrap()], "");
    assert_eq!(run.code(), Some(1));
    assert!(!nowhere.exists());
    no_temp_files(dir.path());
}

/// A note put in the wrong field, an unknown value, or a mistyped CSV column must never appear in
/// diagnostics: those go to terminals and logs.
#[test]
fn diagnostics_never_echo_referral_content() {
    let note = "Mevr is somber sinds overlijden partner en heeft schulden";
    let with = |id: &str, field: &str| {
        format!(r#"{{"id":"{id}","age":40,"consent":true,"municipality":"Leiden",{field}}}"#)
    };
    let input = [
        format!(r#"{{"id":"p1","age":"{note}","consent":true,"municipality":"Leiden"}}"#),
        with("p2", &format!(r#""referrer":"{note}""#)),
        with("p3", &format!(r#""text":["{note}"]"#)),
        with("p4", &format!(r#""text":{{"note":"{note}"}}"#)),
        format!(r#"{{"id":"p5","age":40,"consent":true,"postcode":"{note}"}}"#),
        with("p6", &format!(r#""flags":["{note}"]"#)),
        with("p7", &format!(r#""areas":[{{"area":"{note}"}}]"#)),
        with(
            "p8",
            &format!(r#""preferences":{{"languages":["{note}"]}}"#),
        ),
        with("p9", &format!(r#""consent2":"{note}""#)),
        with("p10", &format!(r#""text":"{}""#, "a".repeat(10_001))),
        format!(r#"{{"id":"p11","age":40,"consent":"{note}","municipality":"Leiden"}}"#),
        with("p12", &format!(r#""referrer":"gp\nline 99: {note}""#)),
    ];
    for args in [
        vec!["triage"],
        vec!["match", "--map", "social-map", "--date", DATE],
        vec!["triage", "--strict"],
    ] {
        let run = wor(&args, lines(&input));
        assert_eq!(run.code(), Some(1));
        assert!(
            !run.stderr.contains("somber"),
            "{args:?} echoed the note:\n{}",
            run.stderr
        );
        assert!(!run.stderr.contains("aaaa"), "{}", run.stderr);
        assert!(
            !run.stderr.contains("line 99"),
            "a value forged a line:\n{}",
            run.stderr
        );
        // Every diagnostic line is `line N: ...` or the summary.
        for l in run.stderr.lines() {
            assert!(l.starts_with("line ") || l.starts_with("read "), "{l}");
        }
    }
    // Municipality names that are not known are not echoed when long.
    let run = wor(
        &["match", "--map", "social-map", "--date", DATE],
        format!(
            r#"{{"id":"m","age":40,"consent":true,"municipality":"{note}","areas":[{{"area":"loneliness"}}]}}"#
        ),
    );
    assert_eq!(run.code(), Some(1));
    assert!(
        run.stderr.contains("line 1: municipality: a value of"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("somber"), "{}", run.stderr);
    // CSV columns shifted by one put the note where the age should be.
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("in.csv");
    std::fs::write(
        &csv,
        format!("id,age,consent,municipality,text\nc1,\"{note}\",ja,Leiden,\nc2,ja,\"{note}\",Leiden,\nc3,40,ja,Leiden,ok\n"),
    )
    .unwrap();
    let run = wor(
        &[
            "match",
            "--map",
            "social-map",
            "--date",
            DATE,
            csv.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(run.code(), Some(1));
    assert_eq!(run.ids(), ["c3"]);
    assert!(!run.stderr.contains("somber"), "{}", run.stderr);
    assert!(
        run.stderr.contains("row 2, column 'age': a value of"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("row 3, column 'age': 'ja' is not a whole number"),
        "{}",
        run.stderr
    );
    // Without a header row the first record becomes the header: its values are not echoed either.
    let headerless = dir.path().join("noheader.csv");
    std::fs::write(
        &headerless,
        format!("\"{note}\",c1,40,ja,Leiden\nok,c2,41,ja,Leiden\n"),
    )
    .unwrap();
    let run = wor(
        &[
            "match",
            "--map",
            "social-map",
            "--date",
            DATE,
            headerless.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(run.code(), Some(1));
    assert!(
        run.stderr.contains("unknown CSV column a value of"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("somber"), "{}", run.stderr);
}

/// Writes a map whose `n` entries are well-formed but each fails validation (unknown support area).
fn write_invalid_map(path: &Path, n: usize) {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    w.write_all(
        br#"{"schema":"wor-social-map/1","region":{"id":"big","name":"Big"},"version":"2026.1.0","published":"2026-06-01","municipalities":[{"code":"GM0546","name":"Leiden"}],"activities":["#,
    )
    .unwrap();
    for i in 0..n {
        if i > 0 {
            w.write_all(b",").unwrap();
        }
        write!(
            w,
            r#"{{"id":"e{i:07}","name":"n","organisation":"o","kind":"activity","areas":["gardening"],"municipality":"GM0546","location":{{"lat":52.16,"lon":4.49}},"schedule":"by_appointment","cost_eur_per_month":0,"languages":["nl"],"last_verified":"2026-11-01"}}"#
        )
        .unwrap();
    }
    w.write_all(b"]}\n").unwrap();
    w.flush().unwrap();
}

/// A map of a million entries that all fail validation: every kind of error is shown with entry ids (a
/// sample of each kind, then a count), the summary counts all of them, exit 1, in bounded memory and time.
/// Debug builds parse several times slower, so they use a quarter of the entries (`cargo test --release`,
/// or `WOR_HOSTILE_MAP_ENTRIES=1000000`, runs the full million).
#[test]
fn a_million_invalid_entries_are_reported_in_bounded_memory() {
    let default = if cfg!(debug_assertions) {
        250_000
    } else {
        1_000_000
    };
    let n: usize = std::env::var("WOR_HOSTILE_MAP_ENTRIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
        .max(21);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2026.1.0.json");
    write_invalid_map(&path, n);
    let size_kb = std::fs::metadata(&path).unwrap().len() / 1024;
    let started = Instant::now();
    let run = wor(
        &["map", "validate", path.to_str().unwrap(), "--date", DATE],
        "",
    );
    let took = started.elapsed();
    assert_eq!(run.code(), Some(1), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let file = path.display().to_string();
    assert!(run.stderr.contains(&format!(
        "{file}: error: entry 'e0000000': areas[0].area: unknown support area 'gardening'"
    )));
    assert!(
        run.stderr.contains(&format!(
            "{file}: ... and {} more error(s) in areas[].area (--all lists every one)",
            n - 20
        )),
        "{}",
        &run.stderr[run.stderr.len().saturating_sub(2000)..]
    );
    assert!(run
        .stderr
        .contains(&format!("{n} entries, {n} error(s), 0 warning(s)")));
    assert!(
        run.stderr.lines().count() < 100,
        "a sample, not a million lines"
    );
    if run.peak_rss_kb > 0 {
        // The file, its parsed form and one issue per entry: a small multiple of the file size.
        assert!(
            run.peak_rss_kb < 8 * size_kb,
            "peak memory {} KB for a {size_kb} KB map",
            run.peak_rss_kb
        );
    }
    assert!(took < Duration::from_secs(120), "took {took:?}");
    // `--all` lists every issue; `wor match` refuses the map with a short report.
    let small = dir.path().join("small.json");
    write_invalid_map(&small, 50);
    let run = wor(&["map", "validate", "--all", small.to_str().unwrap()], "");
    assert_eq!(run.code(), Some(1));
    assert_eq!(run.stderr.matches("unknown support area").count(), 50);
    let run = wor(
        &["match", "--map", small.to_str().unwrap(), "--date", DATE],
        lines(&[valid("a")]),
    );
    assert_eq!(run.code(), Some(1));
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("50 error(s); run `wor map validate`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.lines().count() < 30, "{}", run.stderr);
}

/// Over the entry limit, parsing stops with a clear error. Costly (a 250 MB file), so run it on demand:
/// `cargo test --release -p wor-cli --test hostile -- --ignored`.
#[test]
#[ignore]
fn a_map_over_the_entry_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2026.1.0.json");
    write_invalid_map(&path, LIMIT + 1);
    let run = wor(&["map", "validate", path.to_str().unwrap()], "");
    assert_eq!(run.code(), Some(1));
    assert!(
        run.stderr.contains(&format!(
            "activities: more than {LIMIT} entries; a map holds at most {LIMIT}"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn a_map_that_is_not_a_map() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8]); 5] = [
        ("empty.json", b""),
        ("array.json", b"[1,2,3]"),
        ("binary.json", b"\x00\xff\xfe garbage"),
        ("deep.json", &[b'['; 100_000]),
        (
            "truncated.json",
            br#"{"schema":"wor-social-map/1","region":{"id":"x""#,
        ),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let run = wor(&["map", "validate", path.to_str().unwrap()], "");
        assert_eq!(run.code(), Some(1), "{name}: {}", run.stderr);
        assert!(run.stderr.contains(name), "{name}: {}", run.stderr);
        let run = wor(
            &["match", "--map", path.to_str().unwrap()],
            lines(&[valid("a")]),
        );
        assert_eq!(run.code(), Some(1), "{name}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
}
