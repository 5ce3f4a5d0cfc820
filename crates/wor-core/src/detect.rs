//! Free-text support-area detection in Dutch and English GP referral notes.
//!
//! The vocabulary lives in `data/lexicon.txt` (see the header of that file for the line format); it is
//! compiled into the binary with `include_str!` and parsed once, on first use, into lookup tables:
//!
//! * an exact-token map (words, blocking words, and the first token of phrases / blocking contexts);
//! * a prefix map keyed by the first three bytes of a token (stems and prefix-first phrases), each bucket
//!   sorted longest-first so that the longest stem wins (`schuldgevoel` beats `schuld`);
//! * fuzzy candidates bucketed by (first letter, length) for words and by first letter for long stems,
//!   pre-filtered with a 26-bit letter-set mask before an optimal-string-alignment distance (`strsim`).
//!
//! Matching is a single left-to-right pass over the normalised tokens (lowercase, accents stripped,
//! `'s nachts` / `s nachts` / `snachts` unified, hyphenated compounds also looked up joined), followed by
//! suppression of hits that fall inside the scope of a blocking context (`not` / `not-around` lines:
//! negations such as "geen schulden", "ontkent", or contexts such as "dochter is mantelzorger") and by
//! removal of hits that are contained in a longer hit for the same area. Everything is deterministic:
//! no hash-map iteration order ever reaches the output.

use crate::area::SupportArea;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// One support area found in a referral note, with the words (as written in the note, lowercased) that triggered it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Detection {
    pub area: SupportArea,
    pub matched: Vec<String>,
}

/// Detect support areas in a Dutch or English GP note. Deterministic; result sorted by area
/// (SupportArea::index()), `matched` deduplicated in order of first appearance.
pub fn detect_areas(text: &str) -> Vec<Detection> {
    let lex = lexicon();
    let mut toks = Vec::new();
    let mut norm = String::with_capacity(text.len() + 8);
    tokenize(text, &mut norm, &mut toks);
    if toks.is_empty() {
        return Vec::new();
    }

    let mut hits: Vec<Hit> = Vec::new();
    let mut nots: Vec<NotScope> = Vec::new();
    let mut joined = String::new();

    for ti in 0..toks.len() {
        let t = &norm[toks[ti].norm.0..toks[ti].norm.1];

        // 1. Single-token lookups (exact word beats the longest stem) and pattern starts.
        let mut single: Option<u16> = None;
        if let Some(e) = lex.exact.get(t) {
            single = e.word;
            for &pid in &e.starts {
                try_pattern(lex, pid, ti, &toks, &norm, &mut hits, &mut nots);
            }
        }
        if let Some(bucket) = prefix_key(t).and_then(|k| lex.prefix.get(&k)) {
            for pe in bucket {
                if !t.starts_with(&*pe.text) {
                    continue;
                }
                if single.is_none() && pe.stem.is_some() {
                    single = pe.stem;
                }
                for &pid in &pe.starts {
                    try_pattern(lex, pid, ti, &toks, &norm, &mut hits, &mut nots);
                }
            }
        }

        // 2. Typo tolerance, only for tokens that matched nothing on their own.
        let mask = match single {
            Some(m) => m,
            None => fuzzy_mask(lex, t),
        };
        if mask != 0 {
            hits.push(Hit {
                start: ti,
                end: ti,
                mask,
            });
        }

        // 3. Hyphenated compounds ("burn-out", "re-integratie", "mantelzorg-taken") are also looked up
        //    joined, as one token spanning the whole compound.
        let g = toks[ti].group;
        let last_of_group = toks.get(ti + 1).map_or(true, |n| n.group != g);
        if last_of_group {
            let mut first = ti;
            while first > 0 && toks[first - 1].group == g {
                first -= 1;
            }
            if first < ti && ti - first < 8 {
                joined.clear();
                for tk in &toks[first..=ti] {
                    joined.push_str(&norm[tk.norm.0..tk.norm.1]);
                }
                let m = single_lookup(lex, &joined);
                if m != 0 {
                    hits.push(Hit {
                        start: first,
                        end: ti,
                        mask: m,
                    });
                }
            }
        }
    }

    if hits.is_empty() {
        return Vec::new();
    }

    // 4. Blocking contexts: negations and "not this area here" contexts.
    if !nots.is_empty() {
        for h in hits.iter_mut() {
            for n in &nots {
                if h.mask & n.mask != 0 && n.covers(h, &toks) {
                    h.mask &= !n.mask;
                }
            }
        }
        hits.retain(|h| h.mask != 0);
    }

    // 5. Drop hits contained in an earlier/longer hit of the same area; collect matched text.
    hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut max_end: [Option<usize>; 16] = [None; 16];
    let mut matched: [Vec<String>; 16] = Default::default();
    for h in &hits {
        let mut text_of_hit: Option<String> = None;
        for (a, slot) in matched.iter_mut().enumerate() {
            if h.mask & (1 << a) == 0 {
                continue;
            }
            if let Some(me) = max_end[a] {
                if h.end <= me {
                    continue;
                }
            }
            max_end[a] = Some(h.end);
            let s = text_of_hit.get_or_insert_with(|| {
                original_text(text, toks[h.start].orig.0, toks[h.end].orig.1)
            });
            if !slot.iter().any(|m| m == s) {
                slot.push(s.clone());
            }
        }
    }

    SupportArea::ALL
        .into_iter()
        .zip(matched)
        .filter(|(_, m)| !m.is_empty())
        .map(|(area, matched)| Detection { area, matched })
        .collect()
}

// ---------------------------------------------------------------------------------------------------
// Matching internals
// ---------------------------------------------------------------------------------------------------

/// Tokens after the end of a blocking context that it still covers (same clause only).
const AFTER_WINDOW: usize = 4;
/// Tokens before the start of a `not-around` context that it still covers (same clause only).
const BEFORE_WINDOW: usize = 3;

#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    mask: u16,
}

#[derive(Debug, Clone, Copy)]
struct NotScope {
    start: usize,
    end: usize,
    mask: u16,
    around: bool,
}

impl NotScope {
    fn covers(&self, h: &Hit, toks: &[Token]) -> bool {
        if h.start <= self.end && h.end >= self.start {
            return true;
        }
        if h.start > self.end {
            return h.start - self.end <= AFTER_WINDOW
                && toks[h.start].clause == toks[self.end].clause;
        }
        // h.end < self.start
        self.around
            && self.start - h.end <= BEFORE_WINDOW
            && toks[h.end].clause == toks[self.start].clause
    }
}

fn try_pattern(
    lex: &Lexicon,
    pid: u32,
    ti: usize,
    toks: &[Token],
    norm: &str,
    hits: &mut Vec<Hit>,
    nots: &mut Vec<NotScope>,
) {
    let Some(p) = lex.patterns.get(pid as usize) else {
        return;
    };
    let Some(end) = match_rest(&p.elems, ti, ti, toks, norm, 0) else {
        return;
    };
    match p.kind {
        PatKind::Phrase => {
            if p.mask != 0 {
                hits.push(Hit {
                    start: ti,
                    end,
                    mask: p.mask,
                });
            }
        }
        PatKind::Not | PatKind::NotAround => nots.push(NotScope {
            start: ti,
            end,
            mask: p.mask,
            around: p.kind == PatKind::NotAround,
        }),
    }
}

/// Match the remaining pattern elements from token `ti`; returns the index of the last matched token.
fn match_rest(
    elems: &[Elem],
    ti: usize,
    last: usize,
    toks: &[Token],
    norm: &str,
    depth: u32,
) -> Option<usize> {
    let Some(e) = elems.first() else {
        return Some(last);
    };
    if depth > 32 {
        return None;
    }
    if e.gap {
        if let Some(r) = match_rest(&elems[1..], ti, last, toks, norm, depth + 1) {
            return Some(r);
        }
        if ti < toks.len() {
            return match_rest(&elems[1..], ti + 1, ti, toks, norm, depth + 1);
        }
        return None;
    }
    for alt in &e.alts {
        let n = alt.parts.len();
        if n == 0 || ti + n > toks.len() {
            continue;
        }
        let all = alt
            .parts
            .iter()
            .zip(&toks[ti..ti + n])
            .all(|(p, tk)| p.matches(&norm[tk.norm.0..tk.norm.1]));
        if all {
            if let Some(r) = match_rest(&elems[1..], ti + n, ti + n - 1, toks, norm, depth + 1) {
                return Some(r);
            }
        }
    }
    None
}

/// Exact word, else longest stem; 0 when nothing (or a blocking entry) matches.
fn single_lookup(lex: &Lexicon, t: &str) -> u16 {
    if let Some(m) = lex.exact.get(t).and_then(|e| e.word) {
        return m;
    }
    if let Some(bucket) = prefix_key(t).and_then(|k| lex.prefix.get(&k)) {
        for pe in bucket {
            if let Some(m) = pe.stem {
                if t.starts_with(&*pe.text) {
                    return m;
                }
            }
        }
    }
    0
}

/// Typo-tolerant lookup. Only plain ASCII-letter tokens of at least 5 letters that are not on the stop
/// list; candidates share the first letter and have a compatible length and letter set.
fn fuzzy_mask(lex: &Lexicon, t: &str) -> u16 {
    let b = t.as_bytes();
    let len = b.len();
    if !(FUZZY_MIN_LEN..=40).contains(&len) || !b.iter().all(|c| c.is_ascii_lowercase()) {
        return 0;
    }
    if lex.stop.contains(t) {
        return 0;
    }
    let first = b[0];
    let tmask = letter_mask(b);
    let mut best_d = usize::MAX;
    let mut best_mask = 0u16;
    let mut consider = |d: usize, m: u16| {
        if d < best_d {
            best_d = d;
            best_mask = m;
        } else if d == best_d {
            best_mask |= m;
        }
    };

    let reach = if len >= 9 { 2 } else { 1 };
    for l in len.saturating_sub(reach)..=len + reach {
        let Some(bucket) = lex.fuzzy_words.get(&(first, l as u8)) else {
            continue;
        };
        let allowed = max_edits(len.min(l));
        if len.abs_diff(l) > allowed {
            continue;
        }
        for w in bucket {
            if (tmask ^ w.letters).count_ones() as usize > 2 * allowed {
                continue;
            }
            let d = strsim::osa_distance(t, &w.text);
            if d <= allowed {
                consider(d, w.mask);
            }
        }
    }

    if let Some(bucket) = lex.fuzzy_stems.get(&first) {
        for s in bucket {
            let sl = s.text.len();
            for pl in sl - 1..=sl + 1 {
                if pl > len {
                    break;
                }
                let p = &b[..pl];
                if (letter_mask(p) ^ s.letters).count_ones() > 2 {
                    continue;
                }
                // `p` is ASCII, so slicing `t` at `pl` is a char boundary.
                let d = strsim::osa_distance(&t[..pl], &s.text);
                if d <= 1 {
                    consider(d, s.mask);
                }
            }
        }
    }
    best_mask
}

const FUZZY_MIN_LEN: usize = 5;
const FUZZY_STEM_MIN_LEN: usize = 7;

fn max_edits(len: usize) -> usize {
    if len >= 9 {
        2
    } else {
        1
    }
}

fn letter_mask(b: &[u8]) -> u32 {
    b.iter()
        .filter(|c| c.is_ascii_lowercase())
        .fold(0u32, |m, c| m | 1 << (c - b'a'))
}

/// Bucket key of the prefix map: the first three bytes of a (normalised) token.
fn prefix_key(t: &str) -> Option<u32> {
    let b = t.as_bytes();
    if b.len() < 3 {
        return None;
    }
    Some(u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]))
}

/// The original text of a hit, lowercased, with runs of whitespace collapsed to one space.
fn original_text(text: &str, from: usize, to: usize) -> String {
    let slice = text.get(from..to).unwrap_or("");
    let mut out = String::with_capacity(slice.len());
    let mut space = false;
    for c in slice.chars() {
        if c.is_whitespace() || c.is_control() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    out
}

// ---------------------------------------------------------------------------------------------------
// Normalisation and tokenisation
// ---------------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy)]
struct Token {
    /// Byte range in the normalised buffer.
    norm: (usize, usize),
    /// Byte range in the original text (both tokens of an expanded "snachts" share it).
    orig: (usize, usize),
    /// Clause number: increases at sentence/clause punctuation and at contrast words ("maar", "but").
    clause: u32,
    /// Hyphen group: tokens joined by a single hyphen ("burn-out") share it.
    group: u32,
}

/// Tokens after which a '.' does not end a clause (GP abbreviations).
const ABBREVIATIONS: &[&str] = &[
    "mevr", "mw", "mr", "mrs", "ms", "dhr", "pt", "pte", "pat", "ca", "bijv", "evt", "resp", "dr",
    "nav", "ivm", "zgn", "jr", "jl", "mnd", "wk", "st", "vs", "etc", "oa", "nl", "zn", "mn", "dd",
    "tel", "vlgs", "volg", "incl", "excl", "ivf", "ggz", "poh", "nb",
];

/// Tokens that open a new clause: a negation before them does not reach past them.
const CLAUSE_WORDS: &[&str] = &[
    "maar", "wel", "echter", "doch", "behalve", "terwijl", "but", "however", "although", "though",
    "whereas", "except", "yet",
];

/// Dutch adverbs written with the genitive 's, which GPs write as "'s nachts", "s nachts" or "snachts".
const GENITIVE_S: &[&str] = &["snachts", "smorgens", "savonds", "smiddags", "sochtends"];

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Lowercase `c`, strip its accents and append it to `out` (alphanumeric input only).
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for lc in c.to_lowercase() {
        match lc {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => out.push('a'),
            'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => out.push('c'),
            'ď' | 'đ' => out.push('d'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => out.push('e'),
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => out.push('g'),
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => out.push('i'),
            'ñ' | 'ń' | 'ň' | 'ņ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => out.push('o'),
            'ŕ' | 'ř' => out.push('r'),
            'ś' | 'š' | 'ş' | 'ș' => out.push('s'),
            'ť' | 'ţ' | 'ț' => out.push('t'),
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'ź' | 'ż' | 'ž' => out.push('z'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ĳ' => out.push_str("ij"),
            c if is_combining(c) => {}
            c => out.push(c),
        }
    }
}

fn is_hyphen(s: &str) -> bool {
    matches!(s, "-" | "\u{2010}" | "\u{2011}")
}

/// Split `text` into normalised tokens. Linear in the input; never panics.
fn tokenize(text: &str, norm: &mut String, toks: &mut Vec<Token>) {
    let mut clause = 0u32;
    let mut group = 0u32;
    let mut prev_end: usize = 0; // end (orig) of the previous token
    let mut cur: Option<(usize, usize)> = None; // (orig start, norm start) of the open token

    let mut finish = |orig_start: usize,
                      norm_start: usize,
                      orig_end: usize,
                      norm: &mut String,
                      toks: &mut Vec<Token>,
                      prev_end: &mut usize| {
        // Boundaries in the gap between the previous token and this one.
        if let Some(prev) = toks.last() {
            let gap = text.get(*prev_end..orig_start).unwrap_or("");
            if is_hyphen(gap) {
                // same hyphen group
            } else {
                group += 1;
            }
            let prev_norm = &norm[prev.norm.0..prev.norm.1];
            if gap_ends_clause(gap, prev_norm) {
                clause += 1;
            }
        }
        let word = &norm[norm_start..];
        if CLAUSE_WORDS.contains(&word) {
            clause += 1;
        }
        if GENITIVE_S.contains(&word) {
            // "snachts" -> "s" + "nachts", both pointing at the same original text.
            let rest = word[1..].to_string();
            norm.truncate(norm_start);
            norm.push('s');
            let s_end = norm.len();
            norm.push(' ');
            let rest_start = norm.len();
            norm.push_str(&rest);
            toks.push(Token {
                norm: (norm_start, s_end),
                orig: (orig_start, orig_end),
                clause,
                group,
            });
            toks.push(Token {
                norm: (rest_start, norm.len()),
                orig: (orig_start, orig_end),
                clause,
                group,
            });
        } else {
            toks.push(Token {
                norm: (norm_start, norm.len()),
                orig: (orig_start, orig_end),
                clause,
                group,
            });
        }
        norm.push(' ');
        *prev_end = orig_end;
    };

    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if cur.is_none() {
                cur = Some((i, norm.len()));
            }
            fold_char(c, norm);
        } else if cur.is_some() && is_combining(c) {
            // decomposed accent inside a word: drop it, keep the word together
        } else if let Some((os, ns)) = cur.take() {
            if norm.len() == ns {
                // only combining marks were produced: not a token
                continue;
            }
            finish(os, ns, i, norm, toks, &mut prev_end);
        }
    }
    if let Some((os, ns)) = cur.take() {
        if norm.len() > ns {
            finish(os, ns, text.len(), norm, toks, &mut prev_end);
        }
    }
}

fn gap_ends_clause(gap: &str, prev_norm: &str) -> bool {
    let mut saw_dot = false;
    for c in gap.chars() {
        match c {
            ',' | ';' | '!' | '?' | '\n' | '\r' | '\u{2022}' | '\u{00B7}' | '(' | ')' => {
                return true
            }
            '.' => saw_dot = true,
            c if saw_dot && c.is_whitespace() => {
                return !(prev_norm.chars().count() == 1 || ABBREVIATIONS.contains(&prev_norm));
            }
            _ => {}
        }
    }
    false
}

// ---------------------------------------------------------------------------------------------------
// Lexicon
// ---------------------------------------------------------------------------------------------------

const LEXICON_SRC: &str = include_str!("../data/lexicon.txt");

/// Small, fast, deterministic hasher (FxHash) for the lookup maps; keys are short tokens.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for ch in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(ch);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxBuild = BuildHasherDefault<FxHasher>;
type FxMap<K, V> = HashMap<K, V, FxBuild>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PatKind {
    Phrase,
    Not,
    NotAround,
}

/// One token of an alternative: exact, or a prefix (`*`).
#[derive(Debug)]
struct Part {
    text: Box<str>,
    prefix: bool,
}

impl Part {
    fn matches(&self, t: &str) -> bool {
        if self.prefix {
            t.starts_with(&*self.text)
        } else {
            t == &*self.text
        }
    }
}

/// One alternative of a pattern element: one or more consecutive tokens (`a_b` in the lexicon).
#[derive(Debug)]
struct Alt {
    parts: Vec<Part>,
}

#[derive(Debug)]
struct Elem {
    alts: Vec<Alt>,
    gap: bool,
}

#[derive(Debug)]
struct Pattern {
    kind: PatKind,
    /// Areas it detects (phrase) or suppresses (not); 0xFFFF for "*".
    mask: u16,
    elems: Vec<Elem>,
}

#[derive(Debug, Default)]
struct ExactEntry {
    /// Areas of an exact word (Some(0): a blocking word).
    word: Option<u16>,
    /// Multi-token patterns whose first element has this exact alternative.
    starts: Vec<u32>,
}

#[derive(Debug)]
struct PrefixEntry {
    text: Box<str>,
    /// Areas of a stem (Some(0): a blocking stem).
    stem: Option<u16>,
    starts: Vec<u32>,
}

#[derive(Debug)]
struct FuzzyTarget {
    text: Box<str>,
    letters: u32,
    mask: u16,
}

#[derive(Debug, Default)]
struct Lexicon {
    exact: FxMap<Box<str>, ExactEntry>,
    /// Keyed by `prefix_key`; each bucket sorted longest text first.
    prefix: FxMap<u32, Vec<PrefixEntry>>,
    patterns: Vec<Pattern>,
    /// (first byte, length) -> words.
    fuzzy_words: FxMap<(u8, u8), Vec<FuzzyTarget>>,
    /// first byte -> stems of at least FUZZY_STEM_MIN_LEN bytes.
    fuzzy_stems: FxMap<u8, Vec<FuzzyTarget>>,
    /// Tokens that must never be fuzzy-matched (common words close to a term).
    stop: HashSet<Box<str>, FxBuild>,
}

/// Result of parsing the lexicon source: the tables, the problems found, and entries per area.
struct Parsed {
    lex: Lexicon,
    errors: Vec<String>,
    per_area: [usize; 16],
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| parse_lexicon(LEXICON_SRC).lex)
}

/// Normalise one lexicon token (no separators expected inside); keeps a trailing `*`.
fn norm_term_token(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        if c.is_alphanumeric() {
            fold_char(c, &mut out);
        }
    }
    out
}

/// Parse one pattern element: `a|b*|c_d`, or `~` for an optional gap of one token.
fn parse_elem(raw: &str) -> Option<Elem> {
    if raw == "~" {
        return Some(Elem {
            alts: Vec::new(),
            gap: true,
        });
    }
    let mut alts = Vec::new();
    for a in raw.split('|') {
        let mut parts = Vec::new();
        for p in a.split('_') {
            let prefix = p.ends_with('*');
            let text = norm_term_token(p.trim_end_matches('*'));
            if text.is_empty() || (prefix && text.len() < 2) {
                return None;
            }
            parts.push(Part {
                text: text.into(),
                prefix,
            });
        }
        alts.push(Alt { parts });
    }
    (!alts.is_empty()).then_some(Elem { alts, gap: false })
}

fn parse_lexicon(src: &str) -> Parsed {
    let mut lex = Lexicon::default();
    let mut errors = Vec::new();
    let mut per_area = [0usize; 16];
    let mut words: Vec<(String, u16)> = Vec::new();
    let mut stems: Vec<(String, u16)> = Vec::new();

    for (ln, line) in src.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut it = line.splitn(3, |c: char| c == '\t' || c == ' ');
        let area_s = it.next().unwrap_or("").trim();
        let kind = it.next().unwrap_or("").trim();
        let term = it.next().unwrap_or("").trim();
        let err = |m: &str| format!("line {}: {m}: {line}", ln + 1);
        if term.is_empty() {
            errors.push(err("missing term"));
            continue;
        }
        let mask: u16 = match area_s {
            "*" => u16::MAX,
            "-" => 0,
            s => match s.parse::<SupportArea>() {
                Ok(a) => 1 << a.index(),
                Err(_) => {
                    errors.push(err("unknown area"));
                    continue;
                }
            },
        };
        let count = |per_area: &mut [usize; 16]| {
            for (a, n) in per_area.iter_mut().enumerate() {
                if mask != u16::MAX && mask & (1 << a) != 0 {
                    *n += 1;
                }
            }
        };
        match kind {
            "stop" => {
                for w in term.split_whitespace() {
                    let w = norm_term_token(w);
                    if !w.is_empty() {
                        lex.stop.insert(w.into());
                    }
                }
            }
            "word" | "stem" => {
                if mask == u16::MAX {
                    errors.push(err("'*' is only allowed on not lines"));
                    continue;
                }
                let parts: Vec<&str> = term.split_whitespace().collect();
                if parts.len() != 1
                    || term.contains(|c: char| !c.is_alphanumeric() && !is_combining(c))
                {
                    errors.push(err("word/stem must be a single token (use phrase)"));
                    continue;
                }
                let t = norm_term_token(term);
                if kind == "stem" && t.len() < 4 {
                    errors.push(err("stem shorter than 4 letters"));
                    continue;
                }
                if kind == "word" {
                    words.push((t, mask));
                } else {
                    stems.push((t, mask));
                }
                count(&mut per_area);
            }
            "phrase" | "not" | "not-around" => {
                let mut elems = Vec::new();
                let mut bad = false;
                for raw in term.split_whitespace() {
                    match parse_elem(raw) {
                        Some(e) => elems.push(e),
                        None => bad = true,
                    }
                }
                if bad || elems.is_empty() || elems[0].gap || elems.last().is_some_and(|e| e.gap) {
                    errors.push(err("bad pattern"));
                    continue;
                }
                if elems[0]
                    .alts
                    .iter()
                    .any(|a| a.parts[0].prefix && a.parts[0].text.len() < 3)
                {
                    errors.push(err("first element prefix shorter than 3 letters"));
                    continue;
                }
                let pk = match kind {
                    "phrase" => PatKind::Phrase,
                    "not" => PatKind::Not,
                    _ => PatKind::NotAround,
                };
                if pk == PatKind::Phrase && mask == u16::MAX {
                    errors.push(err("'*' is only allowed on not lines"));
                    continue;
                }
                if pk == PatKind::Phrase {
                    count(&mut per_area);
                }
                let pid = lex.patterns.len() as u32;
                for a in &elems[0].alts {
                    let first = &a.parts[0];
                    let starts = if first.prefix {
                        let key = prefix_key(&first.text).unwrap_or(0);
                        let bucket = lex.prefix.entry(key).or_default();
                        let i = match bucket.iter().position(|p| p.text == first.text) {
                            Some(i) => i,
                            None => {
                                bucket.push(PrefixEntry {
                                    text: first.text.clone(),
                                    stem: None,
                                    starts: Vec::new(),
                                });
                                bucket.len() - 1
                            }
                        };
                        &mut bucket[i].starts
                    } else {
                        &mut lex.exact.entry(first.text.clone()).or_default().starts
                    };
                    if starts.last() != Some(&pid) {
                        starts.push(pid);
                    }
                }
                lex.patterns.push(Pattern {
                    kind: pk,
                    mask,
                    elems,
                });
            }
            _ => errors.push(err("unknown kind")),
        }
    }

    for (t, mask) in words {
        let e = lex.exact.entry(t.clone().into()).or_default();
        e.word = Some(e.word.unwrap_or(0) | mask);
        if mask != 0 && t.len() >= FUZZY_MIN_LEN && t.bytes().all(|c| c.is_ascii_lowercase()) {
            let key = (t.as_bytes()[0], t.len().min(255) as u8);
            lex.fuzzy_words.entry(key).or_default().push(FuzzyTarget {
                letters: letter_mask(t.as_bytes()),
                text: t.into(),
                mask,
            });
        }
    }
    for (t, mask) in stems {
        let key = prefix_key(&t).unwrap_or(0);
        let bucket = lex.prefix.entry(key).or_default();
        match bucket.iter_mut().find(|p| *p.text == *t) {
            Some(p) => p.stem = Some(p.stem.unwrap_or(0) | mask),
            None => bucket.push(PrefixEntry {
                text: t.clone().into(),
                stem: Some(mask),
                starts: Vec::new(),
            }),
        }
        if mask != 0 && t.len() >= FUZZY_STEM_MIN_LEN && t.bytes().all(|c| c.is_ascii_lowercase()) {
            let target = FuzzyTarget {
                letters: letter_mask(t.as_bytes()),
                text: t.clone().into(),
                mask,
            };
            let fb = lex.fuzzy_stems.entry(t.as_bytes()[0]).or_default();
            match fb.iter_mut().find(|f| *f.text == *t) {
                Some(f) => f.mask |= mask,
                None => fb.push(target),
            }
        }
    }
    // Merge duplicate fuzzy word targets, keep the buckets in a fixed order.
    for bucket in lex.fuzzy_words.values_mut() {
        bucket.sort_by(|a, b| a.text.cmp(&b.text));
        bucket.dedup_by(|b, a| {
            if a.text == b.text {
                a.mask |= b.mask;
                true
            } else {
                false
            }
        });
    }
    for bucket in lex.fuzzy_stems.values_mut() {
        bucket.sort_by(|a, b| a.text.cmp(&b.text));
    }
    for bucket in lex.prefix.values_mut() {
        bucket.sort_by(|a, b| b.text.len().cmp(&a.text.len()).then(a.text.cmp(&b.text)));
    }
    Parsed {
        lex,
        errors,
        per_area,
    }
}

// ---------------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use SupportArea::*;

    fn areas(text: &str) -> Vec<SupportArea> {
        detect_areas(text).into_iter().map(|d| d.area).collect()
    }

    fn has(text: &str, a: SupportArea) -> bool {
        areas(text).contains(&a)
    }

    #[track_caller]
    fn assert_has(text: &str, a: SupportArea) {
        assert!(
            has(text, a),
            "expected {a} in {text:?}, got {:?}",
            detect_areas(text)
        );
    }

    #[track_caller]
    fn assert_not(text: &str, a: SupportArea) {
        assert!(
            !has(text, a),
            "did not expect {a} in {text:?}, got {:?}",
            detect_areas(text)
        );
    }

    #[test]
    fn lexicon_parses_cleanly_and_covers_every_area() {
        let p = parse_lexicon(LEXICON_SRC);
        assert!(
            p.errors.is_empty(),
            "lexicon errors:\n{}",
            p.errors.join("\n")
        );
        let total: usize = p.per_area.iter().sum();
        assert!(total >= 16 * 25, "only {total} terms");
        for a in SupportArea::ALL {
            assert!(
                p.per_area[a.index()] >= 20,
                "{a}: only {} terms",
                p.per_area[a.index()]
            );
        }
    }

    #[test]
    fn brief_examples_dutch() {
        assert_has("mevr voelt zich eenzam", Loneliness);
        assert_has("veel schulde", DebtPoverty);
        assert_has("ligt s nachts wakker te piekeren", SleepWorry);
        assert_has("ligt 's nachts wakker", SleepWorry);
        assert_has("ligt snachts wakker", SleepWorry);
        assert_has("mantelzorger voor haar man met dementie", CarerStrain);
        assert_has("sinds overlijden echtgenoot", LifeEvent);
        assert_has("kan niet goed lezen en schrijven", LowLiteracy);
    }

    #[test]
    fn brief_examples_english() {
        assert_has("lonely since moving", Loneliness);
        assert_has("lonely since moving", LifeEvent);
        assert_has("struggling with bills", DebtPoverty);
        assert_has("caring for her mother with Parkinson's", CarerStrain);
    }

    #[test]
    fn matched_words_are_reported_as_written() {
        let d = detect_areas("Mevr. is EENZAAM en ligt 's nachts wakker; burn-out");
        let lone = d.iter().find(|d| d.area == Loneliness).unwrap();
        assert_eq!(lone.matched, vec!["eenzaam".to_string()]);
        let sleep = d.iter().find(|d| d.area == SleepWorry).unwrap();
        assert_eq!(sleep.matched, vec!["s nachts wakker".to_string()]);
        let burn = d.iter().find(|d| d.area == Burnout).unwrap();
        assert_eq!(burn.matched, vec!["burn-out".to_string()]);
    }

    #[test]
    fn accents_and_case_are_normalised() {
        assert_has("FINANCIËLE PROBLEMEN", DebtPoverty);
        assert_has("financiele problemen", DebtPoverty);
        assert_has("financie\u{0308}le problemen", DebtPoverty); // decomposed diaeresis
        assert_has("Neerslachtig en ANGSTIG", LowMoodAnxiety);
    }

    #[test]
    fn inflections() {
        assert_has("eenzaamheid", Loneliness);
        assert_has("vereenzaming", Loneliness);
        assert_has("betalingsachterstanden", DebtPoverty);
        assert_has("mantelzorgtaken", CarerStrain);
        assert_has("piekert veel", SleepWorry);
        assert_has("overspannenheid", Burnout);
        assert_has("laaggeletterdheid", LowLiteracy);
        assert_has("re-integratie loopt moeizaam", WorkReintegration);
        assert_has("somberheidsklachten", LowMoodAnxiety);
    }

    #[test]
    fn typos_are_tolerated() {
        assert_has("eenzaamhied", Loneliness);
        assert_has("mantelzrogster", CarerStrain);
        assert_has("neerslachting", LowMoodAnxiety);
        assert_has("slaapproblmen", SleepWorry);
        assert_has("laaggeletterdhied", LowLiteracy);
        assert_has("schuldhulpverleninng", DebtPoverty);
        assert_has("dagbestedin", LeisureDaytime);
        assert_has("loneliess", Loneliness);
    }

    #[test]
    fn common_words_do_not_fuzzy_match() {
        for w in [
            "sinds",
            "klachten",
            "gesprek",
            "patient",
            "mevrouw",
            "huisarts",
            "verwijzing",
            "afspraak",
            "dochter",
            "kinderen",
            "echtgenoot",
            "should",
            "because",
            "people",
            "morning",
            "problemen",
            "verwijzen",
            "opvolging",
            "schending",
            "slapen",
            "allen",
            "alleen",
            "werken",
        ] {
            assert!(detect_areas(w).is_empty(), "{w} -> {:?}", detect_areas(w));
        }
    }

    #[test]
    fn false_positives_are_avoided() {
        assert!(areas(
            "Mevr. gisteren gevallen, knie gestoten, zwelling en pijn. Kan moeilijk lopen."
        )
        .is_empty());
        assert!(areas("Pt fell off his bike, knee injury, swelling. Ice and rest.").is_empty());
        assert!(areas("Keelpijn sinds 3 dagen, geen koorts.").is_empty());
        assert_not("geen schulden", DebtPoverty);
        assert_not("Heeft geen schulden of geldzorgen.", DebtPoverty);
        assert_not("no debt problems", DebtPoverty);
        assert_not("No debts.", DebtPoverty);
        assert_not("ontkent eenzaamheid", Loneliness);
        assert_not("eenzaamheid wordt ontkend", Loneliness);
        assert_not("denies loneliness", Loneliness);
        assert_not("voelt zich niet eenzaam", Loneliness);
        assert_not("geen slaapproblemen", SleepWorry);
        assert_not("ontvangt mantelzorg van haar dochter", CarerStrain);
        assert_not("dochter is mantelzorger", CarerStrain);
        assert_not("zich schuldig voelen", DebtPoverty);
        assert_not("rookt niet, alcohol: geen", Lifestyle);
    }

    #[test]
    fn negation_does_not_leak_into_the_next_clause() {
        assert_has(
            "Ontkent suicidale gedachten, wel erg eenzaam sinds overlijden man.",
            Loneliness,
        );
        assert_has("Geen schulden maar wel eenzaam.", Loneliness);
        assert_has("Geen schulden. Voelt zich eenzaam.", Loneliness);
        assert_has("geen vrienden", Loneliness);
        assert_has("no friends", Loneliness);
        assert_has(
            "ontvangt mantelzorg van dochter, maar is zelf mantelzorger voor haar zus",
            CarerStrain,
        );
    }

    #[test]
    fn care_receivers_illness_is_not_the_residents_chronic_illness() {
        assert_not("mantelzorger voor haar man met dementie", ChronicIllness);
        assert_not("caring for her mother with Parkinson's", ChronicIllness);
        assert_has("Pte heeft zelf diabetes en COPD", ChronicIllness);
    }

    #[test]
    fn english_notes() {
        assert_has("Feels isolated, no one to talk to", Loneliness);
        assert_has("Has been very anxious and low", LowMoodAnxiety);
        assert_has("insomnia, lies awake worrying", SleepWorry);
        assert_has("burnt out at work, exhausted", Burnout);
        assert_has("recently widowed", LifeEvent);
        assert_has("overweight smoker, little exercise", Lifestyle);
        assert_has("type 2 diabetes and COPD", ChronicIllness);
        assert_has("main carer for his wife", CarerStrain);
        assert_has("cannot read letters from the council", LowLiteracy);
        assert_has("rent arrears and a bailiff at the door", DebtPoverty);
        assert_has("damp and mould in the flat", TransportHousingHousehold);
        assert_has("bored, no daily structure", LeisureDaytime);
        assert_has("single mother struggling with her teenage son", Parenting);
        assert_has("unemployed since last year", WorkReintegration);
        assert_has("needs help with washing and dressing", HomeSupport);
        assert_has(
            "poor medication adherence, does not understand instructions",
            HealthLiteracy,
        );
    }

    #[test]
    fn results_are_sorted_and_deduplicated() {
        let d = detect_areas("schulden, schulden en nog eens schulden; eenzaam, eenzaam");
        let idx: Vec<usize> = d.iter().map(|d| d.area.index()).collect();
        let mut sorted = idx.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(idx, sorted);
        let debt = d.iter().find(|d| d.area == DebtPoverty).unwrap();
        assert_eq!(debt.matched, vec!["schulden".to_string()]);
    }

    #[test]
    fn deterministic() {
        let text = "Mevr. 78 jr, weduwe sinds 2023, eenzaam, mantelzorger voor zus, schulden, \
                    slaapt slecht, piekert, kan niet goed lezen. Overgewicht, rookt.";
        let first = detect_areas(text);
        assert!(first.len() >= 6);
        for _ in 0..50 {
            assert_eq!(detect_areas(text), first);
        }
    }

    #[test]
    fn robust_on_odd_input() {
        assert!(detect_areas("").is_empty());
        assert!(detect_areas("   \n\t ").is_empty());
        assert!(detect_areas("😀😀😀 🙈").is_empty());
        let _ = detect_areas("\u{0}\u{1}\u{7f}\u{202e}eenzaam\u{feff}");
        let _ = detect_areas("\u{0301}\u{0301}a\u{0301}");
        let _ = detect_areas("İstanbul ǅ ﬁnanciële ΣΊΣΥΦΟΣ 東京 ١٢٣");
        let _ = detect_areas("'s'''s s s s nachts nachts ~ | * - -- - -");
        let _ = detect_areas(&"a".repeat(100_000));
        let _ = detect_areas(&"eenzaam ".repeat(5_000));
        let _ = detect_areas(&"geen schulden ".repeat(2_000));
        let _ = detect_areas(&"x-".repeat(10_000));
        let long: String =
            "Mevr. voelt zich eenzaam, heeft schulden en slaapt slecht. ".repeat(200);
        let d = detect_areas(&long);
        assert!(d.iter().any(|d| d.area == Loneliness));
        // every char boundary of a mixed text
        let mixed = "Dhr. (é😀) ’s nachts wakker—burn‑out; schulden!";
        for (i, _) in mixed.char_indices() {
            let _ = detect_areas(&mixed[i..]);
            let _ = detect_areas(&mixed[..i]);
        }
    }
}
