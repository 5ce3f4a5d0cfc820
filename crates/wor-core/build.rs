//! Strips comments and blank lines from the lexicon before it is compiled in: they document the file for
//! its editors but would only weigh on the wasm module (about 2 KB gzipped).
use std::{env, fs, path::Path};

fn main() {
    let src = "data/lexicon.txt";
    println!("cargo:rerun-if-changed={src}");
    let text = fs::read_to_string(src).expect("data/lexicon.txt is readable");
    let lines: String = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("lexicon.txt");
    fs::write(out, lines).expect("OUT_DIR is writable");
}
