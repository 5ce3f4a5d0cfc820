//! Normalisation and tokenisation: lowercase, accents stripped, clause boundaries, genitive s.

use super::*;

/// The original text of a hit, lowercased, with runs of whitespace collapsed to one space.
pub(super) fn original_text(text: &str, from: usize, to: usize) -> String {
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

#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    /// Byte range in the normalised buffer.
    pub(super) norm: (usize, usize),
    /// Byte range in the original text (both tokens of an expanded "snachts" share it).
    pub(super) orig: (usize, usize),
    /// Clause number: increases at sentence/clause punctuation and at contrast words ("maar", "but").
    pub(super) clause: u32,
    /// Hyphen group: tokens joined by a single hyphen ("burn-out") share it.
    pub(super) group: u32,
    /// Vocabulary id (NO_ID when the token is not a lexicon token).
    pub(super) id: u32,
    /// Starts a clause that only a comma separates from the previous one (a possible list item).
    pub(super) comma_start: bool,
}

/// Tokens after which a '.' does not end a clause (GP abbreviations).
pub(super) const ABBREVIATIONS: &[&str] = &[
    "mevr", "mw", "mr", "mrs", "ms", "dhr", "pt", "pte", "pat", "ca", "bijv", "evt", "resp", "dr",
    "nav", "ivm", "zgn", "jr", "jl", "mnd", "wk", "st", "vs", "etc", "oa", "nl", "zn", "mn", "dd",
    "tel", "vlgs", "volg", "incl", "excl", "ivf", "ggz", "poh", "nb",
];

/// Section labels of a SOEP note ("S:", "O:", "E:", "A:", "P:" and their spelled-out variants, and the
/// NHG's "LO:" / "AO:" for physical and further examinations): with the colon after them they start
/// a new clause and end it, so a finding never reaches across a label into the next section.
pub(super) const SOEP_LABELS: &[&str] = &[
    "s",
    "o",
    "e",
    "a",
    "p",
    "subj",
    "subjectief",
    "obj",
    "objectief",
    "eval",
    "evaluatie",
    "plan",
    "beleid",
    "conclusie",
    "anamnese",
    "lo",
    "ao",
    "soep",
    "soap",
];

/// Tokens that open a new clause: a negation before them does not reach past them.
pub(super) const CLAUSE_WORDS: &[&str] = &[
    "maar", "wel", "echter", "doch", "behalve", "terwijl", "but", "however", "although", "though",
    "whereas", "except", "yet",
];

/// Dutch adverbs written with the genitive 's, which GPs write as "'s nachts", "s nachts" or "snachts".
pub(super) const GENITIVE_S: &[&str] = &["snachts", "smorgens", "savonds", "smiddags", "sochtends"];

pub(super) fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Lowercase `c`, strip its accents and append it to `out` (alphanumeric input only).
pub(super) fn fold_char(c: char, out: &mut String) {
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

pub(super) fn is_hyphen(s: &str) -> bool {
    matches!(s, "-" | "\u{2010}" | "\u{2011}")
}

/// Split `text` into normalised tokens. Linear in the input; never panics.
pub(super) fn tokenize(text: &str, norm: &mut String, toks: &mut Vec<Token>) {
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
        let mut comma_start = false;
        if let Some(&prev) = toks.last() {
            let gap = text.get(*prev_end..orig_start).unwrap_or("");
            if is_hyphen(gap) {
                // same hyphen group
            } else {
                group += 1;
            }
            let prev_norm = &norm[prev.norm.0..prev.norm.1];
            if gap.trim_start().starts_with(':') && SOEP_LABELS.contains(&prev_norm) {
                // The label is a clause of its own, and what follows it starts the next.
                if let Some(label) = toks.last_mut() {
                    label.clause = clause + 1;
                    label.comma_start = false;
                }
                clause += 2;
            }
            match gap_boundary(gap, prev_norm) {
                Boundary::None => {}
                Boundary::Comma => {
                    clause += 1;
                    comma_start = true;
                }
                Boundary::Hard => clause += 1,
            }
        }
        let word = &norm[norm_start..];
        if CLAUSE_WORDS.contains(&word) {
            clause += 1;
            comma_start = false;
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
                id: NO_ID,
                comma_start,
            });
            toks.push(Token {
                norm: (rest_start, norm.len()),
                orig: (orig_start, orig_end),
                clause,
                group,
                id: NO_ID,
                comma_start: false,
            });
        } else {
            toks.push(Token {
                norm: (norm_start, norm.len()),
                orig: (orig_start, orig_end),
                clause,
                group,
                id: NO_ID,
                comma_start,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Boundary {
    None,
    Comma,
    Hard,
}

/// The clause boundary in the text between two tokens.
pub(super) fn gap_boundary(gap: &str, prev_norm: &str) -> Boundary {
    let mut saw_dot = false;
    let mut comma = false;
    for c in gap.chars() {
        match c {
            ',' => comma = true,
            ';' | '!' | '?' | '\n' | '\r' | '\u{2022}' | '\u{00B7}' => return Boundary::Hard,
            '.' => saw_dot = true,
            c if saw_dot && c.is_whitespace() => {
                if !(prev_norm.chars().count() == 1 || ABBREVIATIONS.contains(&prev_norm)) {
                    return Boundary::Hard;
                }
                saw_dot = false;
            }
            _ => {}
        }
    }
    if comma {
        Boundary::Comma
    } else {
        Boundary::None
    }
}
