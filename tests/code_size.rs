//! Functions a reader can hold (issue 28): no non-test function over 150 lines and no non-test source file
//! over 1,200 lines in the crates this rule covers. Test code (`#[cfg(test)]` items, `tests.rs`,
//! `test_support.rs`) is left out. `PENDING` names what is still over and waits for its split: it may
//! only shrink (an entry that no longer needs to be there fails the test too).

use std::fs;
use std::path::{Path, PathBuf};
use welzijn_op_recept::repo_path;

const MAX_FN_LINES: usize = 150;
const MAX_FILE_LINES: usize = 1200;

/// The crates the rule covers: all of them.
const CRATES: [&str; 9] = [
    "wor-core",
    "wor-wasm",
    "wor-js",
    "wor-eval",
    "wor-map",
    "wor-fhir",
    "wor-eval-wasm",
    "wor-fhir-wasm",
    "wor-cli",
];

/// `file:function` (or `file` alone for a file) still over the limit.
const PENDING: &[&str] = &[];

/// The source with comments, string and char literals blanked (newlines kept), so braces count.
fn code_only(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let blank = |out: &mut Vec<u8>, c: u8| out.push(if c == b'\n' { b'\n' } else { b' ' });
    while i < b.len() {
        let c = b[i];
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                out.push(b' ');
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                    depth += 1;
                    out.extend_from_slice(b"  ");
                    i += 2;
                } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                    depth -= 1;
                    out.extend_from_slice(b"  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, b[i]);
                    i += 1;
                }
            }
        } else if c == b'r'
            && (b.get(i + 1) == Some(&b'"') || b.get(i + 1) == Some(&b'#'))
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
        {
            // A raw string r"..." or r#"..."#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&b'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&b'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let end: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            out.extend(std::iter::repeat_n(b' ', j + 1 - i));
            i = j + 1;
            while i < b.len() && !b[i..].starts_with(&end) {
                blank(&mut out, b[i]);
                i += 1;
            }
            out.extend(std::iter::repeat_n(b' ', end.len().min(b.len() - i)));
            i += end.len();
        } else if c == b'"' {
            out.push(b' ');
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    out.push(b' ');
                    i += 1;
                }
                if i < b.len() {
                    blank(&mut out, b[i]);
                    i += 1;
                }
            }
            out.push(b' ');
            i += 1;
        } else if c == b'\'' {
            // A char literal ('x', '\n', '\u{1F}'), not a lifetime ('a).
            let close = if b.get(i + 1) == Some(&b'\\') {
                b[i + 2..]
                    .iter()
                    .position(|&x| x == b'\'')
                    .map(|p| i + 2 + p)
            } else {
                let len = src[i + 1..].chars().next().map_or(1, char::len_utf8);
                (b.get(i + 1 + len) == Some(&b'\'')).then_some(i + 1 + len)
            };
            match close {
                Some(end) => {
                    out.extend(std::iter::repeat_n(b' ', end + 1 - i));
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The line (0-based) of the `}` closing the first `{` at or after line `from`, if the item has a body
/// (a `;` before any `{` means none).
fn body_end(lines: &[&str], from: usize) -> Option<usize> {
    let mut depth = 0i64;
    let mut opened = false;
    for (n, line) in lines.iter().enumerate().skip(from) {
        for ch in line.chars() {
            match ch {
                '{' => {
                    depth += 1;
                    opened = true;
                }
                '}' => {
                    depth -= 1;
                    if opened && depth == 0 {
                        return Some(n);
                    }
                }
                ';' if !opened => return None,
                _ => {}
            }
        }
    }
    None
}

/// Per file: its non-test line count and its non-test functions with their lengths in lines.
fn measure(path: &Path) -> (usize, Vec<(String, usize)>) {
    let src = fs::read_to_string(path).unwrap_or_default();
    let code = code_only(&src);
    let lines: Vec<&str> = code.lines().collect();
    let mut test_lines = 0;
    let mut fns = Vec::new();
    let mut n = 0;
    while n < lines.len() {
        let t = lines[n].trim_start();
        if t.starts_with("#[cfg(test)]") {
            let end = body_end(&lines, n + 1).unwrap_or(n + 1);
            test_lines += end + 1 - n;
            n = end + 1;
            continue;
        }
        if let Some(name) = fn_name(t) {
            if let Some(end) = body_end(&lines, n) {
                fns.push((name, end + 1 - n));
            }
        }
        n += 1;
    }
    (lines.len() - test_lines, fns)
}

/// The name of a function declared on this (trimmed) line.
fn fn_name(t: &str) -> Option<String> {
    let mut words = t.split_whitespace();
    let mut w = words.next()?;
    loop {
        if w.starts_with("pub") || matches!(w, "const" | "async" | "unsafe" | "extern") {
            w = words.next()?;
        } else if w == "fn" {
            let name: String = words
                .next()?
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            return Some(name);
        } else {
            return None;
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name != "tests.rs" && name != "test_support.rs" {
                out.push(p);
            }
        }
    }
}

/// Everything over the limits, as `crates/...rs:function (N lines)` or `crates/...rs (N lines)`.
fn over_limits() -> Vec<(String, usize)> {
    let root = repo_path("");
    let mut over = Vec::new();
    for krate in CRATES {
        let mut files = Vec::new();
        rust_files(&repo_path(&format!("crates/{krate}/src")), &mut files);
        assert!(!files.is_empty(), "no sources in crates/{krate}/src");
        for f in files {
            let rel = f.strip_prefix(&root).unwrap_or(&f).display().to_string();
            let (lines, fns) = measure(&f);
            if lines > MAX_FILE_LINES {
                over.push((rel.clone(), lines));
            }
            for (name, len) in fns {
                if len > MAX_FN_LINES {
                    over.push((format!("{rel}:{name}"), len));
                }
            }
        }
    }
    over
}

#[test]
fn functions_and_files_stay_readable() {
    let over = over_limits();
    let new: Vec<String> = over
        .iter()
        .filter(|(what, _)| !PENDING.contains(&what.as_str()))
        .map(|(what, n)| format!("{what} ({n} lines)"))
        .collect();
    assert!(
        new.is_empty(),
        "over {MAX_FN_LINES} lines per function or {MAX_FILE_LINES} per file; split by question:\n{}",
        new.join("\n")
    );
    let done: Vec<&&str> = PENDING
        .iter()
        .filter(|p| !over.iter().any(|(what, _)| what == **p))
        .collect();
    assert!(
        done.is_empty(),
        "no longer over the limit, remove from PENDING: {done:?}"
    );
}

#[test]
fn the_measure_sees_long_functions_and_skips_tests_and_literals() {
    let dir = std::env::temp_dir().join(format!("wor-code-size-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let body = "    let _x = 1;\n".repeat(160);
    let src = format!(
        "pub fn long() {{\n{body}}}\n\nfn short() -> char {{ let _s = \"{{ \\\" {{\"; let _r = r#\"}}\"#; '{{' }}\n\n#[cfg(test)]\nmod tests {{\n    fn long_test() {{\n{body}    }}\n}}\n"
    );
    let file = dir.join("sample.rs");
    fs::write(&file, &src).unwrap();
    let (lines, fns) = measure(&file);
    fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        fns,
        vec![("long".to_string(), 162), ("short".to_string(), 1)]
    );
    assert_eq!(lines, 162 + 1 + 1 + 1);
}
