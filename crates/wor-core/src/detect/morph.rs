//! Dutch as written (issue 30.2): inflected forms and compounds, read with rules that are data.
//!
//! A Snowball stemmer crate would weigh on the main wasm module (it carries every language's
//! algorithm; the module has about 3 KB of its budget left), so the lexicon holds the few rules the
//! reader needs as `suffix` lines, and this module applies them:
//!
//! * an inflected token that is not in the vocabulary is looked up by its base forms: a listed suffix
//!   removed ("schulden" -> schuld, "zorgen" -> zorg, "buurtje" -> buurt), then Dutch spelling undone
//!   (a doubled consonant "katten" -> kat, a voiced v/z "brieven" -> brief, "huizen" -> huis, an open
//!   syllable's single vowel "problemen" -> probleem);
//! * a compound that matched nothing is read by its parts: a head word at its end
//!   ("wijkeenzaamheid") or a modifier word at its start ("mantelzorgtaken"), a head of at least
//!   seven letters, a modifier of at least [`COMPOUND_PART_MIN`], the rest at least three, with a linking s or e allowed after a
//!   modifier. Only support areas are read this way: a clinical cue is never guessed from part of a
//!   word.

use super::*;

/// Tokens shorter than this are never reduced to a base form (short words are too often others).
pub(super) const BASE_MIN_TOKEN: usize = 5;
/// A base form keeps at least this many letters.
const BASE_MIN_LEN: usize = 3;
/// A modifier word read at the start of a compound holds at least this many letters ...
pub(super) const COMPOUND_PART_MIN: usize = 5;
/// ... a head word read at its end at least this many ("roken" in "besproken" is no head) ...
const COMPOUND_HEAD_MIN: usize = 7;
/// ... and the rest at least this many ("wijk" in wijkeenzaamheid).
const COMPOUND_REST_MIN: usize = 3;

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The base forms of a token, most likely first: each listed suffix (longest first) removed, with
/// the spelling of the stem undone.
pub(super) fn base_forms(suffixes: &[Box<str>], t: &str, out: &mut Vec<String>) {
    out.clear();
    let b = t.as_bytes();
    if !(BASE_MIN_TOKEN..=40).contains(&b.len()) || !b.iter().all(u8::is_ascii_lowercase) {
        return;
    }
    for suf in suffixes {
        let Some(stem) = t.strip_suffix(&**suf) else {
            continue;
        };
        if stem.len() < BASE_MIN_LEN {
            continue;
        }
        out.push(stem.to_string());
        let s = stem.as_bytes();
        let n = s.len();
        let last = s[n - 1];
        // A doubled consonant after a short vowel: "katten" -> kat, "bellen" -> bel.
        if n >= 4 && s[n - 2] == last && !is_vowel(last) {
            out.push(stem[..n - 1].to_string());
        }
        // A voiced final consonant: "brieven" -> brief, "huizen" -> huis.
        if last == b'v' || last == b'z' {
            let mut v = stem[..n - 1].to_string();
            v.push(if last == b'v' { 'f' } else { 's' });
            out.push(v);
        }
        // An open syllable's single vowel: "problemen" -> probleem, "buren" -> buur.
        if n >= 3 && !is_vowel(last) && is_vowel(s[n - 2]) && !is_vowel(s[n - 3]) {
            let mut v = stem[..n - 1].to_string();
            v.push(char::from(s[n - 2]));
            v.push(char::from(last));
            out.push(v);
        }
    }
}

/// The support areas of a compound read by its parts (0 when no split reads one).
pub(super) fn compound_mask(lex: &Lexicon, t: &str) -> Mask {
    let b = t.as_bytes();
    // Longer tokens are no Dutch words (and would cost a lookup per letter).
    if !(COMPOUND_REST_MIN + COMPOUND_PART_MIN..=40).contains(&b.len())
        || !b.iter().all(u8::is_ascii_lowercase)
    {
        return 0;
    }
    let word = |part: &str| {
        lex.exact
            .get(part)
            .and_then(|&id| lex.entries[id as usize].word)
            .unwrap_or(0)
    };
    let mut mask = 0;
    // Head at the end: the longest head first; a linking s or e may precede it.
    for i in COMPOUND_REST_MIN..=b.len().saturating_sub(COMPOUND_HEAD_MIN) {
        let m = word(&t[i..]);
        if m & AREA_BITS != 0 {
            mask = m;
            break;
        }
    }
    // Modifier at the start: the longest modifier first.
    for i in (COMPOUND_PART_MIN..=b.len().saturating_sub(COMPOUND_REST_MIN)).rev() {
        let left = &t[..i];
        let m = word(left);
        let m = if m == 0 && matches!(b[i - 1], b's' | b'e') && i > COMPOUND_PART_MIN {
            word(&t[..i - 1])
        } else {
            m
        };
        if m & AREA_BITS != 0 {
            mask |= m;
            break;
        }
    }
    mask & AREA_BITS
}
