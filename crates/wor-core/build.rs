//! Strips comments and blank lines from the lexicon before it is compiled in: they document the file for
//! its editors but would only weigh on the wasm module (about 2 KB gzipped). It also packs the lines:
//! a run of lines with the same topic and kind becomes one header line `topic<TAB>kind` followed by
//! the terms, one a line (terms hold no tab), which `detect::lexicon` expands back to
//! `topic<TAB>kind<TAB>term` lines, the same lines in the same order (about 1.4 KB gzipped less).
use std::{env, fs, path::Path};

fn main() {
    let src = "data/lexicon.txt";
    println!("cargo:rerun-if-changed={src}");
    let text = fs::read_to_string(src).expect("data/lexicon.txt is readable");
    let mut lines = String::new();
    let mut head = String::new();
    for l in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        // The parser's own split: topic and kind end at a tab or a space; the term is the rest.
        let mut it = l.splitn(3, ['\t', ' ']);
        let (topic, kind, term) = (
            it.next().unwrap_or("").trim(),
            it.next().unwrap_or("").trim(),
            it.next().unwrap_or("").trim(),
        );
        assert!(
            !term.is_empty() && !term.contains('\t'),
            "data/lexicon.txt: a line needs a topic, a kind and a term without tabs: {l}"
        );
        let h = format!("{topic}\t{kind}");
        if h != head {
            lines.push_str(&h);
            lines.push('\n');
            head = h;
        }
        lines.push_str(term);
        lines.push('\n');
    }
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("lexicon.txt");
    fs::write(out, lines).expect("OUT_DIR is writable");
}
