//! ARCHITECTURE.md's code map stays true (issue 28): every file or folder it names exists, and every
//! crate and every folder of a crate's sources is named in it, so a new module cannot hide from it.
//!
//! A row's first path sets where its short names live (`labels.rs` under the row above's
//! `crates/wor-core/src`, `hsds/` under `crates/wor-map`); a short name is found when a file or folder
//! of that name exists below that place. `*` in a name stands for any part of one path segment.

use std::fs;
use std::path::{Path, PathBuf};
use welzijn_op_recept::repo_path;

/// What a backticked code-map token names when it ends like a file or a folder.
const SUFFIXES: [&str; 11] = [
    ".rs", ".json", ".txt", ".html", ".js", ".mjs", ".csv", ".toml", ".ts", ".css", "/",
];

/// The code map section: the table rows between "## Code map" and the next heading.
fn code_map_rows() -> Vec<String> {
    let text = fs::read_to_string(repo_path("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let start = text.find("## Code map").expect("a Code map section");
    let section = &text[start + "## Code map".len()..];
    let end = section.find("\n## ").unwrap_or(section.len());
    section[..end]
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(str::to_string)
        .collect()
}

/// The backticked tokens of a text that name a file or a folder.
fn paths(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|t| !t.contains(' ') && !t.contains("::") && !t.starts_with('.'))
        .filter(|t| SUFFIXES.iter().any(|s| t.ends_with(s)) || t.starts_with("crates/"))
        .map(str::to_string)
        .collect()
}

/// `*` matches any run of characters within one segment.
fn glob_match(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == name,
        Some((head, tail)) => {
            name.starts_with(head)
                && (head.len()..=name.len())
                    .any(|i| name.is_char_boundary(i) && glob_match(tail, &name[i..]))
        }
    }
}

/// Every file and folder below `dir` (target/ and node_modules/ left out), relative to the repository.
fn everything_below(dir: &Path, root: &Path, out: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if name == "target" || name == "node_modules" || name.starts_with('.') {
            continue;
        }
        let rel = p.strip_prefix(root).unwrap_or(&p).display().to_string();
        if p.is_dir() {
            out.push(format!("{rel}/"));
            everything_below(&p, root, out);
        } else {
            out.push(rel);
        }
    }
}

/// Whether `name` (a path, maybe with `*`; a folder when it ends in `/` or has no extension) is the end
/// of one of `all` below `base` (maybe with `*`).
fn found(name: &str, base: &str, all: &[String]) -> bool {
    let segments = |p: &str| -> Vec<String> {
        p.trim_end_matches('/')
            .split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    let want = segments(name);
    let below = segments(base);
    let is_dir = name.ends_with('/') || !want.last().is_some_and(|l| l.contains('.'));
    all.iter().any(|p| {
        if p.ends_with('/') != is_dir {
            return false;
        }
        let have = segments(p);
        have.len() >= want.len().max(below.len())
            && have.iter().zip(&below).all(|(h, b)| glob_match(b, h))
            && have[have.len() - want.len()..]
                .iter()
                .zip(&want)
                .all(|(h, w)| glob_match(w, h))
    })
}

/// Build outputs (`.gitignore`d: the wasm packages, the bundled maps) that the code map may name.
fn built(name: &str) -> bool {
    let ignored = fs::read_to_string(repo_path(".gitignore")).unwrap_or_default();
    ignored
        .lines()
        .filter_map(|l| l.strip_prefix('/'))
        .any(|l| name.trim_end_matches('/') == l || name.starts_with(&format!("{l}/")))
}

/// Names that start at the repository's root.
fn rooted(name: &str) -> bool {
    [
        "crates/",
        "www/",
        "tests/",
        "social-map/",
        "docs/",
        "fuzz/",
        "benches/",
    ]
    .iter()
    .any(|d| name.starts_with(d))
}

/// The place a rooted name's short neighbours live: its crate (`crates/wor-map`), else its top folder.
fn base_of(name: &str) -> String {
    let mut parts = name.split('/');
    match (parts.next(), parts.next()) {
        (Some("crates"), Some(krate)) => format!("crates/{krate}"),
        (Some(top), _) => top.to_string(),
        _ => String::new(),
    }
}

#[test]
fn every_path_in_the_code_map_exists() {
    let root = repo_path("");
    let mut all = Vec::new();
    everything_below(&root, &root, &mut all);
    let rows = code_map_rows();
    assert!(rows.len() > 20, "the code map has {} rows", rows.len());
    // Short names live below a rooted name of their row or of a row above (`labels.rs` below the
    // `crates/wor-core/src/area.rs` of the first row).
    let mut inherited: Vec<String> = Vec::new();
    let mut missing = Vec::new();
    for row in &rows {
        let names = paths(row);
        let here: Vec<String> = names
            .iter()
            .filter(|n| rooted(n))
            .map(|n| base_of(n))
            .collect();
        for base in here {
            if !inherited.contains(&base) {
                inherited.push(base);
            }
        }
        for name in names {
            let ok = if built(&name) {
                true
            } else if rooted(&name) {
                found(&name, "", &all)
            } else {
                inherited.iter().any(|base| found(&name, base, &all))
            };
            if !ok {
                missing.push(format!("{name} (looked below {})", inherited.join(", ")));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md's code map names what does not exist:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_crate_and_source_folder_is_in_the_code_map() {
    let rows = code_map_rows().join("\n");
    let named = paths(&rows);
    let crates_dir = repo_path("crates");
    let mut crates: Vec<PathBuf> = fs::read_dir(&crates_dir)
        .expect("crates/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("Cargo.toml").exists())
        .collect();
    crates.sort();
    let mut absent = Vec::new();
    for krate in crates {
        let name = krate.file_name().unwrap().to_string_lossy().into_owned();
        let mentioned = |needle: &str| {
            named.iter().any(|n| {
                n.split('/')
                    .any(|seg| glob_match(seg, needle.trim_end_matches('/')))
            })
        };
        if !mentioned(&name) {
            absent.push(format!("crates/{name}"));
        }
        let Ok(entries) = fs::read_dir(krate.join("src")) else {
            continue;
        };
        for dir in entries.flatten().filter(|e| e.path().is_dir()) {
            let folder = dir.file_name().to_string_lossy().into_owned();
            if !named.iter().any(|n| n.contains(&format!("{folder}/"))) {
                absent.push(format!("crates/{name}/src/{folder}/"));
            }
        }
    }
    assert!(
        absent.is_empty(),
        "not in ARCHITECTURE.md's code map:\n{}",
        absent.join("\n")
    );
}

#[test]
fn the_check_sees_a_missing_name() {
    let all = vec![
        "crates/wor-core/src/detect/".to_string(),
        "crates/wor-core/src/detect/scope.rs".to_string(),
        "crates/wor-eval/templates/regio-monitor.html".to_string(),
    ];
    assert!(found("scope.rs", "crates/wor-core", &all));
    assert!(found("detect/", "crates/wor-core", &all));
    assert!(!found("scope.rs", "crates/wor-eval", &all));
    assert!(!found("tokens.rs", "crates/wor-core", &all));
    assert!(found("templates/regio-*.html", "crates/wor-eval", &all));
    assert!(found("regio-monitor.html", "crates/*-eval", &all));
    assert!(built("www/pkg-fhir/") && !built("www/app.js"));
    assert_eq!(
        paths("`a.rs` + `MapIndex::x` `hsds/` `wor-policy/1` `Hot`"),
        ["a.rs", "hsds/"]
    );
}
