//! Simple rankers to compare the engine with: seeded random, nearest-first and a BM25 keyword search.
//! They see the same referral as the engine (areas = explicit ∪ detected in the note) and nothing more;
//! none of them applies the referral's hard filters or preferences.

use std::collections::HashMap;
use wor_core::area::SupportArea;
use wor_core::date::Date;
use wor_core::geo::{haversine_km, Point};
use wor_core::index::MapIndex;
use wor_core::random::{hash_str, Rng};

/// `k` activities of the region drawn uniformly (valid on `date`), seeded per case.
pub fn random(index: &MapIndex, date: Date, seed: u64, case_id: &str, k: usize) -> Vec<String> {
    let mut ids: Vec<&str> = index
        .entries
        .iter()
        .filter(|e| e.valid_on(date))
        .map(|e| e.id.as_str())
        .collect();
    Rng::keyed(seed, hash_str(case_id)).shuffle(&mut ids);
    ids.into_iter().take(k).map(str::to_string).collect()
}

/// The `k` nearest activities (valid on `date`) serving any of `areas` (all activities when `areas` is
/// empty); ties by id.
pub fn nearest(
    index: &MapIndex,
    areas: &[SupportArea],
    home: Point,
    date: Date,
    k: usize,
) -> Vec<String> {
    let mut pool: Vec<(f64, &str)> = index
        .entries
        .iter()
        .filter(|e| {
            e.valid_on(date) && (areas.is_empty() || areas.iter().any(|a| e.area_set.contains(*a)))
        })
        .map(|e| (haversine_km(home, e.point), e.id.as_str()))
        .collect();
    pool.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(b.1)));
    pool.into_iter()
        .take(k)
        .map(|(_, id)| id.to_string())
        .collect()
}

/// Dutch and English function words (and GP shorthand) left out of the keyword search.
const STOPWORDS: &[&str] = &[
    "aan", "al", "alle", "als", "bij", "dan", "dat", "de", "den", "der", "des", "die", "dit",
    "door", "dhr", "een", "en", "er", "geen", "graag", "haar", "heb", "hebben", "heeft", "het",
    "hij", "hem", "hun", "iets", "ik", "in", "is", "je", "kan", "kunnen", "maar", "meer", "met",
    "mevr", "mijn", "moet", "na", "naar", "niet", "nog", "nu", "of", "om", "onder", "ons", "ook",
    "op", "over", "pt", "pte", "sinds", "te", "tot", "u", "uit", "uw", "van", "veel", "voor",
    "want", "was", "wat", "we", "wel", "werd", "wij", "wil", "wordt", "worden", "zal", "ze",
    "zich", "zij", "zijn", "zo", "zou", "a", "an", "and", "are", "as", "at", "be", "by", "for",
    "from", "has", "have", "her", "his", "in", "is", "it", "of", "on", "or", "she", "the", "to",
    "with", "you", "your",
];

fn fold(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        _ => c,
    }
}

/// A crude Dutch stem: strip a common suffix, then undouble vowels ("eenzaamheid", "eenzame" → "enzam").
fn stem(word: &str) -> String {
    let mut w = word;
    for suffix in [
        "heden", "heid", "ingen", "ing", "tjes", "tje", "en", "s", "e",
    ] {
        if let Some(rest) = w.strip_suffix(suffix) {
            if rest.chars().count() >= 4 {
                w = rest;
                break;
            }
        }
    }
    let mut out = String::with_capacity(w.len());
    let mut prev = '\0';
    for c in w.chars() {
        if c == prev && matches!(c, 'a' | 'e' | 'o' | 'u') {
            continue;
        }
        out.push(c);
        prev = c;
    }
    out
}

/// Lowercase, fold accents, split on anything not alphanumeric, drop stop words and short tokens, stem.
pub fn tokenize(text: &str) -> Vec<String> {
    text.to_lowercase()
        .chars()
        .map(fold)
        .collect::<String>()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| t.chars().count() >= 3 && !STOPWORDS.contains(t))
        .map(stem)
        .collect()
}

/// Okapi BM25 over each entry's name, description and keywords (k1 = 1.2, b = 0.75).
#[derive(Debug, Clone)]
pub struct Bm25 {
    /// Per entry (index order): term -> frequency.
    docs: Vec<HashMap<String, u32>>,
    lengths: Vec<f64>,
    avg_len: f64,
    /// Term -> number of entries containing it.
    df: HashMap<String, u32>,
}

impl Bm25 {
    pub const K1: f64 = 1.2;
    pub const B: f64 = 0.75;

    pub fn build(index: &MapIndex) -> Bm25 {
        let mut docs = Vec::with_capacity(index.entries.len());
        let mut lengths = Vec::with_capacity(index.entries.len());
        let mut df: HashMap<String, u32> = HashMap::new();
        for e in &index.entries {
            let text = format!("{} {} {}", e.name, e.description, e.keywords.join(" "));
            let mut tf: HashMap<String, u32> = HashMap::new();
            let tokens = tokenize(&text);
            lengths.push(tokens.len() as f64);
            for t in tokens {
                *tf.entry(t).or_insert(0) += 1;
            }
            for t in tf.keys() {
                *df.entry(t.clone()).or_insert(0) += 1;
            }
            docs.push(tf);
        }
        let avg_len = if lengths.is_empty() {
            1.0
        } else {
            (lengths.iter().sum::<f64>() / lengths.len() as f64).max(1.0)
        };
        Bm25 {
            docs,
            lengths,
            avg_len,
            df,
        }
    }

    /// The `k` best-scoring entries (valid on `date`, score > 0) for `query`; ties by id.
    pub fn rank(&self, index: &MapIndex, query: &str, date: Date, k: usize) -> Vec<String> {
        let mut terms = tokenize(query);
        terms.sort();
        terms.dedup();
        let n = self.docs.len() as f64;
        let idf: Vec<(String, f64)> = terms
            .into_iter()
            .filter_map(|t| {
                let df = f64::from(*self.df.get(&t)?);
                Some((t, (1.0 + (n - df + 0.5) / (df + 0.5)).ln()))
            })
            .collect();
        let mut scored: Vec<(f64, usize)> = self
            .docs
            .iter()
            .enumerate()
            .filter(|(i, _)| index.entries[*i].valid_on(date))
            .filter_map(|(i, tf)| {
                let norm = Self::K1 * (1.0 - Self::B + Self::B * self.lengths[i] / self.avg_len);
                let s: f64 = idf
                    .iter()
                    .filter_map(|(t, w)| {
                        let f = f64::from(*tf.get(t)?);
                        Some(w * f * (Self::K1 + 1.0) / (f + norm))
                    })
                    .sum();
                (s > 0.0).then_some((s, i))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored
            .into_iter()
            .take(k)
            .map(|(_, i)| index.entries[i].id.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_folded_and_stemmed() {
        assert_eq!(tokenize("Eenzaamheid"), tokenize("eenzame"));
        assert_eq!(tokenize("financiële problemen"), ["financiel", "problem"]);
        assert!(tokenize("de en het van Mevr.").is_empty());
        assert_eq!(tokenize("schulden"), ["schuld"]);
    }
}
