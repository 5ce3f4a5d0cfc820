//! Matching the lexicon at a token: exact words, the longest stem, phrases and blocking contexts.

use super::*;

pub(super) fn try_pattern(
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
    let Some((end, gaps)) = match_rest(&p.elems, ti, ti, ti, toks, norm, 0) else {
        return;
    };
    // A pattern never spans a clause boundary ("ontvangt mantelzorg van dochter, maar is zelf mantelzorger").
    if toks[end].clause != toks[ti].clause {
        return;
    }
    match p.kind {
        PatKind::Phrase => {
            if p.mask != 0 {
                hits.push(Hit {
                    start: ti,
                    end,
                    mask: p.mask,
                    gaps,
                });
            }
        }
        kind => nots.push(NotScope {
            start: ti,
            end,
            mask: p.mask,
            around: matches!(
                kind,
                PatKind::NotAround
                    | PatKind::NotList
                    | PatKind::Denied
                    | PatKind::Other
                    | PatKind::Past
            ),
            list: matches!(kind, PatKind::NotList | PatKind::Deny),
            ends_history: kind == PatKind::Current,
            why: match kind {
                PatKind::Deny | PatKind::Denied => Some(SetAsideWhy::Denied),
                PatKind::Other => Some(SetAsideWhy::OtherPerson),
                PatKind::Past => Some(SetAsideWhy::History),
                PatKind::Mild => Some(SetAsideWhy::Mild),
                _ => None,
            },
        }),
    }
}

/// Match the remaining pattern elements from token `ti`; returns the index of the last matched token
/// and, as bits relative to the pattern's first token `start`, the tokens an optional gap (`~`) took.
pub(super) fn match_rest(
    elems: &[Elem],
    ti: usize,
    last: usize,
    start: usize,
    toks: &[Token],
    norm: &str,
    depth: u32,
) -> Option<(usize, u32)> {
    let Some(e) = elems.first() else {
        return Some((last, 0));
    };
    if depth > 32 {
        return None;
    }
    if e.gap {
        if let Some(r) = match_rest(&elems[1..], ti, last, start, toks, norm, depth + 1) {
            return Some(r);
        }
        if ti < toks.len() {
            let bit = 1u32.checked_shl((ti - start) as u32).unwrap_or(0);
            return match_rest(&elems[1..], ti + 1, ti, start, toks, norm, depth + 1)
                .map(|(end, gaps)| (end, gaps | bit));
        }
        return None;
    }
    if let Some(tk) = toks.get(ti) {
        if tk.id != NO_ID && e.ids.binary_search(&tk.id).is_ok() {
            if let Some(r) = match_rest(&elems[1..], ti + 1, ti, start, toks, norm, depth + 1) {
                return Some(r);
            }
        }
    }
    for alt in &e.others {
        let n = alt.parts.len();
        if n == 0 || ti + n > toks.len() {
            continue;
        }
        let all = alt
            .parts
            .iter()
            .zip(&toks[ti..ti + n])
            .all(|(p, tk)| p.matches(tk.id, &norm[tk.norm.0..tk.norm.1]));
        if all {
            if let Some(r) = match_rest(
                &elems[1..],
                ti + n,
                ti + n - 1,
                start,
                toks,
                norm,
                depth + 1,
            ) {
                return Some(r);
            }
        }
    }
    None
}

/// The single-token match of a token: per vocabulary (areas, cues, life events) the exact word beats
/// the longest stem, so a cue word ("verslaafd") never hides an area stem ("verslaaf") or the other way
/// round.
#[derive(Default)]
pub(super) struct Single {
    pub(super) area: Option<Mask>,
    pub(super) cue: Option<Mask>,
    pub(super) event: Option<Mask>,
}

impl Single {
    /// Offer a word's or stem's mask; offered in precedence order (word, then stems longest first).
    /// A blocking entry (0) belongs to the area vocabulary.
    pub(super) fn add(&mut self, m: Option<Mask>) {
        let Some(m) = m else { return };
        if m & CUE_BITS != 0 && self.cue.is_none() {
            self.cue = Some(m & CUE_BITS);
        }
        if m & EVENT_BITS != 0 && self.event.is_none() {
            self.event = Some(m & EVENT_BITS);
        }
        if (m & AREA_BITS != 0 || m == 0) && self.area.is_none() {
            self.area = Some(m & AREA_BITS);
        }
    }

    pub(super) fn mask(&self) -> Option<Mask> {
        match (self.area, self.cue, self.event) {
            (None, None, None) => None,
            (a, c, e) => Some(a.unwrap_or(0) | c.unwrap_or(0) | e.unwrap_or(0)),
        }
    }

    /// The match, with a typo match filling each vocabulary that matched nothing: so the areas found
    /// never depend on the cue vocabulary (a policy's added words cannot change them).
    pub(super) fn or_typo(&self, typo: impl FnOnce() -> Mask) -> Mask {
        if self.area.is_some() && self.cue.is_some() && self.event.is_some() {
            return self.mask().unwrap_or(0);
        }
        let typo = typo();
        self.area.unwrap_or(typo & AREA_BITS)
            | self.cue.unwrap_or(typo & CUE_BITS)
            | self.event.unwrap_or(typo & EVENT_BITS)
    }
}

/// Exact word, else longest stem (per vocabulary); 0 when nothing (or a blocking entry) matches.
pub(super) fn single_lookup(lex: &Lexicon, t: &str) -> Mask {
    let mut single = Single::default();
    if let Some(&id) = lex.exact.get(t) {
        single.add(lex.entries[id as usize].word);
    }
    if let Some(bucket) = prefix_key(t).and_then(|k| lex.prefix.get(&k)) {
        for pe in bucket {
            if t.starts_with(&*pe.text) {
                single.add(pe.stem);
            }
        }
    }
    single.mask().unwrap_or(0)
}
