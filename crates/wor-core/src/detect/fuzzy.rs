//! Typo-tolerant lookup: one or two edits, the same first letter, a compatible letter set.

use super::*;

/// Typo-tolerant lookup. Only plain ASCII-letter tokens of at least 5 letters that are not on the stop
/// list; candidates share the first letter and have a compatible length and letter set.
pub(super) fn fuzzy_mask(lex: &Lexicon, t: &str) -> Mask {
    let b = t.as_bytes();
    let len = b.len();
    if !(FUZZY_MIN_LEN..=40).contains(&len) || !b.iter().all(|c| c.is_ascii_lowercase()) {
        return 0;
    }
    if lex.stop.contains(t) {
        return 0;
    }
    let first = b[0];
    // Letter-set masks of every prefix of the token (pmask[k] = letters of t[..k]).
    let mut pmask = [0u32; 41];
    for (k, c) in b.iter().enumerate() {
        pmask[k + 1] = pmask[k] | 1 << (c - b'a');
    }
    let tmask = pmask[len];
    let mut best_d = usize::MAX;
    let mut best_mask: Mask = 0;
    let mut consider = |d: usize, m: Mask| {
        if d < best_d {
            best_d = d;
            best_mask = m;
        } else if d == best_d {
            best_mask |= m;
        }
    };

    let reach = if len >= 9 { 2 } else { 1 };
    for l in len.saturating_sub(reach)..=len + reach {
        let Some(bucket) = lex.fuzzy_words.get(fuzzy_word_slot(first, l)) else {
            continue;
        };
        let allowed = max_edits(len.min(l));
        if len.abs_diff(l) > allowed {
            continue;
        }
        for w in bucket {
            // Letter-set filter: one edit changes at most two letters of the set; for two edits we
            // demand the same (real typos of long words rarely bring in two new letters).
            if (tmask ^ w.letters).count_ones() > 2 {
                continue;
            }
            if l == len && len <= NO_SUBSTITUTION_MAX_LEN && !is_transposition(b, w.text.as_bytes())
            {
                // Short words: a single substituted letter is usually another real word
                // (lovely/lonely, maakt/maalt, balls/bills); typos are dropped, doubled or swapped letters.
                continue;
            }
            if allowed == 1 && !within_one_edit(b, w.text.as_bytes()) {
                continue;
            }
            let d = strsim::osa_distance(t, &w.text);
            if d <= allowed {
                consider(d, w.mask);
            }
        }
    }

    if let Some(bucket) = lex.fuzzy_stems.get(usize::from(first - b'a')) {
        for s in bucket {
            let sl = s.text.len();
            for pl in sl - 1..=sl + 1 {
                if pl > len {
                    break;
                }
                let p = &b[..pl];
                if (pmask[pl] ^ s.letters).count_ones() > 2
                    || !within_one_edit(p, s.text.as_bytes())
                {
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

pub(super) const FUZZY_MIN_LEN: usize = 5;
pub(super) const FUZZY_STEM_MIN_LEN: usize = 8;
/// Up to this length, a same-length typo match must be a transposition of two adjacent letters.
pub(super) const NO_SUBSTITUTION_MAX_LEN: usize = 7;

/// Cheap, allocation-free test for an optimal-string-alignment distance of at most 1 (one insertion,
/// deletion, substitution or adjacent transposition); `strsim` confirms the survivors.
pub(super) fn within_one_edit(a: &[u8], b: &[u8]) -> bool {
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[pre..], &b[pre..]);
    let suf = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suf], &b[..b.len() - suf]);
    (a.len() <= 1 && b.len() <= 1) || (a.len() == 2 && b.len() == 2 && a[0] == b[1] && a[1] == b[0])
}

/// Same length, same letters, exactly one pair of adjacent letters swapped.
pub(super) fn is_transposition(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let Some(i) = a.iter().zip(b).position(|(x, y)| x != y) else {
        return false;
    };
    i + 1 < a.len() && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..]
}

/// Index of the (first letter, length) bucket of fuzzy word targets; `first` is an ASCII lowercase letter.
pub(super) fn fuzzy_word_slot(first: u8, len: usize) -> usize {
    usize::from(first - b'a') * 64 + len.min(63)
}

pub(super) fn max_edits(len: usize) -> usize {
    if len >= 9 {
        2
    } else {
        1
    }
}

pub(super) fn letter_mask(b: &[u8]) -> u32 {
    b.iter()
        .filter(|c| c.is_ascii_lowercase())
        .fold(0u32, |m, c| m | 1 << (c - b'a'))
}
