//! Free-text detection of support areas and clinical cues in Dutch and English GP referral notes.
//!
//! The area vocabulary lives in `data/lexicon.txt` (the header of that file documents the line format;
//! `build.rs` strips its comments); it is compiled into the binary with `include_str!`. The clinical cues
//! (risk, disorders, treatment, stress, and the contexts that set them aside) come from a triage policy's
//! vocabulary in the same line format ([`Vocabulary::with_cues`]). A vocabulary is parsed once (~3 ms)
//! into lookup tables:
//!
//! * a vocabulary map from every exact lexicon token to an id: words, blocking words, and the first token
//!   of phrases and blocking contexts hang off it, and note tokens are interned once so that phrase
//!   elements compare integers (binary search over sorted alternative ids);
//! * a prefix map keyed by the first three bytes of a token (stems and prefix-first patterns), each
//!   bucket sorted longest-first so that the longest stem wins (`schuldgevoel` beats `schuld`);
//! * typo candidates bucketed by (first letter, length) for words and by first letter for long stems.
//!
//! Matching is one left-to-right pass over the normalised tokens: lowercase, accents stripped, split on
//! every non-alphanumeric character, `'s nachts` / `s nachts` / `snachts` unified, hyphenated compounds
//! also looked up joined (`burn-out` -> `burnout`). Per token: exact word, else the longest stem, else a
//! typo match; plus every phrase or blocking context that starts there. Typo matching only considers
//! ASCII tokens of 5-40 letters that matched nothing and are not on the stop list; candidates share the
//! first letter, pass a letter-set filter and an allocation-free one-edit check, and are confirmed with
//! `strsim::osa_distance` (1 edit up to 8 letters, 2 from 9; a same-length match of 7 letters or fewer
//! must be a swap of adjacent letters, because a substituted letter is usually another real word).
//!
//! Then hits inside the scope of a blocking context are dropped (`not` / `not-around` / `not-list`
//! lines: negations such as "geen schulden" or "ontkent somberheid, angst en eenzaamheid", and contexts
//! such as "dochter is mantelzorger" or "haar man met dementie"); scopes never cross a clause boundary
//! (, ; . ! ? newline, "maar", "wel", "but"). Finally a hit contained in a longer hit of the same area is
//! dropped, so `matched` shows "s nachts wakker" rather than also "wakker". Everything is deterministic:
//! no hash-map iteration order reaches the output.

use crate::area::SupportArea;
use crate::cue::{Cue, CueFinding, SetAside, SetAsideWhy};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// One support area found in a referral note, with the words (as written in the note, lowercased) that triggered it.
///
/// For a phrase, `matched` holds the whole stretch of the note it covered, whitespace collapsed
/// (e.g. "kan niet goed lezen", "s nachts wakker", "burn-out").
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Detection {
    pub area: SupportArea,
    pub matched: Vec<String>,
}

/// Everything the detector reads in a note: support areas, clinical cues, and cues their context set
/// aside (denied, someone else's, history, mild). Each list is sorted by area or cue.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NoteReading {
    pub areas: Vec<Detection>,
    pub cues: Vec<CueFinding>,
    pub set_aside: Vec<SetAside>,
}

/// Detect support areas in a Dutch or English GP note. Deterministic; result sorted by area
/// (SupportArea::index()), `matched` deduplicated in order of first appearance. The areas never depend
/// on a policy's cue vocabulary, so this equals `read_note(policy.vocabulary(), text).areas`.
pub fn detect_areas(text: &str) -> Vec<Detection> {
    read_note(Vocabulary::areas_only(), text).areas
}

/// The words a note is read with: the support-area lexicon (`data/lexicon.txt`), plus the clinical cue
/// vocabulary of a triage policy (`crate::policy`).
#[derive(Debug)]
pub struct Vocabulary {
    lex: Lexicon,
}

impl Vocabulary {
    /// The area lexicon with `cue_lines` (`topic<TAB>kind<TAB>term`, the lexicon's line format); the
    /// problems of lines that do not parse, by line.
    pub fn with_cues(cue_lines: &[String]) -> Result<Vocabulary, Vec<String>> {
        let cues = cue_lines.join("\n");
        let parsed = parse_lexicon(&[("lexicon.txt", LEXICON_SRC), ("policy vocabulary", &cues)]);
        if parsed.errors.is_empty() {
            Ok(Vocabulary { lex: parsed.lex })
        } else {
            Err(parsed.errors)
        }
    }

    /// The support areas alone, without cues.
    pub fn areas_only() -> &'static Vocabulary {
        static AREAS: OnceLock<Vocabulary> = OnceLock::new();
        AREAS.get_or_init(|| Vocabulary {
            lex: parse_lexicon(&[("lexicon.txt", LEXICON_SRC)]).lex,
        })
    }
}

/// Bits 0..16 of a mask are the support areas, bits 16.. the clinical cues.
type Mask = u32;
const AREA_BITS: Mask = 0xFFFF;
const CUE_SHIFT: usize = 16;
const CUE_BITS: Mask = ((1 << Cue::ALL.len()) - 1) << CUE_SHIFT;
const TOPICS: usize = CUE_SHIFT + Cue::ALL.len();

fn cue_bit(c: Cue) -> Mask {
    1 << (CUE_SHIFT + c.index())
}

/// Read a note with a vocabulary: support areas, clinical cues and set-aside cues in one pass over its
/// tokens.
pub fn read_note(vocabulary: &Vocabulary, text: &str) -> NoteReading {
    let lex = &vocabulary.lex;
    let mut toks = Vec::new();
    let mut norm = String::with_capacity(text.len() + 8);
    tokenize(text, &mut norm, &mut toks);
    if toks.is_empty() {
        return NoteReading::default();
    }

    // Intern every token against the lexicon vocabulary once: pattern parts then compare integers.
    for tk in toks.iter_mut() {
        tk.id = lex
            .exact
            .get(&norm[tk.norm.0..tk.norm.1])
            .copied()
            .unwrap_or(NO_ID);
    }

    let mut hits: Vec<Hit> = Vec::new();
    let mut nots: Vec<NotScope> = Vec::new();
    let mut joined = String::new();

    for ti in 0..toks.len() {
        let t = &norm[toks[ti].norm.0..toks[ti].norm.1];

        // 1. Single-token lookups (exact word beats the longest stem) and pattern starts.
        let mut single = Single::default();
        if let Some(e) = lex.entries.get(toks[ti].id as usize) {
            single.add(e.word);
            for &pid in &e.starts {
                try_pattern(lex, pid, ti, &toks, &norm, &mut hits, &mut nots);
            }
        }
        if let Some(bucket) = prefix_key(t).and_then(|k| lex.prefix.get(&k)) {
            for pe in bucket {
                if !t.starts_with(&*pe.text) {
                    continue;
                }
                single.add(pe.stem);
                for &pid in &pe.starts {
                    try_pattern(lex, pid, ti, &toks, &norm, &mut hits, &mut nots);
                }
            }
        }

        // 2. Typo tolerance, only for tokens that matched nothing on their own.
        let mask = single.or_typo(|| fuzzy_mask(lex, t));
        if mask != 0 {
            hits.push(Hit {
                start: ti,
                end: ti,
                mask,
                gaps: 0,
            });
        }

        // 3. Hyphenated compounds ("burn-out", "re-integratie", "mantelzorg-taken") are also looked up
        //    joined, as one token spanning the whole compound.
        let g = toks[ti].group;
        let last_of_group = toks.get(ti + 1).is_none_or(|n| n.group != g);
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
                        gaps: 0,
                    });
                }
            }
        }
    }

    if hits.is_empty() {
        return NoteReading::default();
    }

    // 4. Blocking contexts: negations and "not this area here" contexts silently drop area hits;
    //    cue contexts (denied, someone else's, history, mild) set cues aside and keep a record.
    let mut set_aside: Vec<(Hit, SetAsideWhy)> = Vec::new();
    if !nots.is_empty() {
        let mut hit_start = vec![false; toks.len()];
        for h in &hits {
            hit_start[h.start] = true;
        }
        for n in &nots {
            let covered: Vec<bool> = if n.why == Some(SetAsideWhy::Denied) && n.list {
                deny_list_cover(n, &hits, &toks, &norm)
            } else {
                let reach = n.reach(&toks, &hit_start);
                hits.iter().map(|h| n.covers(h, &toks, reach)).collect()
            };
            for (h, covered) in hits.iter_mut().zip(covered) {
                if !covered || h.mask & n.mask == 0 {
                    continue;
                }
                let mut mask = n.mask;
                if let Some(why) = n.why {
                    // A risk phrase that names its own negation ("geen zin meer in het leven", "wil
                    // niet meer leven") is not denied by it; "hoort geen stemmen" is (a gap took "geen").
                    if h.names(n.start) {
                        mask &= !risk_bits();
                    }
                    if h.mask & mask != 0 {
                        set_aside.push((
                            Hit {
                                mask: h.mask & mask,
                                ..*h
                            },
                            why,
                        ));
                    }
                }
                h.mask &= !mask;
            }
        }
        // What is set aside takes the hits inside it along: a denied "suïcidale gedachten" also
        // denies the "suïcidale" within it.
        for (aside, _) in &set_aside {
            for h in hits.iter_mut() {
                if h.start >= aside.start && h.end <= aside.end {
                    h.mask &= !aside.mask;
                }
            }
        }
        hits.retain(|h| h.mask != 0);
    }

    let matched = collect_matched(text, &toks, &mut hits);
    let mut reading = NoteReading::default();
    for (i, m) in matched.into_iter().enumerate() {
        if m.is_empty() {
            continue;
        }
        match i.checked_sub(CUE_SHIFT) {
            None => reading.areas.push(Detection {
                area: SupportArea::ALL[i],
                matched: m,
            }),
            Some(c) => reading.cues.push(CueFinding {
                cue: Cue::ALL[c],
                matched: m,
            }),
        }
    }
    for why in [
        SetAsideWhy::Denied,
        SetAsideWhy::OtherPerson,
        SetAsideWhy::History,
        SetAsideWhy::Mild,
    ] {
        let mut of_why: Vec<Hit> = set_aside
            .iter()
            .filter(|(_, w)| *w == why)
            .map(|(h, _)| *h)
            .collect();
        let matched = collect_matched(text, &toks, &mut of_why);
        for (c, m) in matched.into_iter().skip(CUE_SHIFT).enumerate() {
            if !m.is_empty() {
                reading.set_aside.push(SetAside {
                    cue: Cue::ALL[c],
                    why,
                    matched: m,
                });
            }
        }
    }
    reading.set_aside.sort_by_key(|s| (s.cue, s.why));
    reading
}

/// Words that join the items of a denied list: "ontkent suïcidale gedachten of zelfbeschadiging".
const CONJUNCTIONS: &[&str] = &["en", "of", "noch", "and", "or", "nor"];

/// Which hits a denial before them covers: the first within [`DENY_WINDOW`] tokens in its clause, then
/// each next item that follows the last one directly after a comma or a conjunction.
fn deny_list_cover(n: &NotScope, hits: &[Hit], toks: &[Token], norm: &str) -> Vec<bool> {
    let mut covered: Vec<bool> = hits
        .iter()
        .map(|h| h.start <= n.end && h.end >= n.start)
        .collect();
    let mut anchor = n.end;
    let mut first = true;
    loop {
        let (from, to) = if first {
            (anchor + 1, anchor + 1 + DENY_WINDOW)
        } else {
            let next = anchor + 1;
            match toks.get(next) {
                Some(t) if t.comma_start => (next, next),
                Some(t)
                    if t.clause == toks[anchor].clause
                        && CONJUNCTIONS.contains(&&norm[t.norm.0..t.norm.1]) =>
                {
                    (next + 1, next + 1)
                }
                _ => break,
            }
        };
        let mut next_anchor: Option<usize> = None;
        for (i, h) in hits.iter().enumerate() {
            if h.mask & n.mask == 0 || h.start < from || h.start > to {
                continue;
            }
            if first && toks[h.start].clause != toks[n.end].clause {
                continue;
            }
            covered[i] = true;
            next_anchor = next_anchor.max(Some(h.end));
        }
        match next_anchor {
            Some(a) if a > anchor => anchor = a,
            _ => break,
        }
        first = false;
    }
    covered
}

/// The matched text per topic (area or cue bit), dropping hits contained in an earlier or longer hit
/// of the same topic, so `matched` shows "s nachts wakker" rather than also "wakker".
fn collect_matched(text: &str, toks: &[Token], hits: &mut [Hit]) -> Vec<Vec<String>> {
    hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut max_end: [Option<usize>; TOPICS] = [None; TOPICS];
    let mut matched: Vec<Vec<String>> = vec![Vec::new(); TOPICS];
    for h in hits.iter() {
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
    matched
}

// ---------------------------------------------------------------------------------------------------
// Matching internals
// ---------------------------------------------------------------------------------------------------

/// Tokens after the end of a blocking context that it still covers (same clause only).
const AFTER_WINDOW: usize = 4;
/// Tokens before the start of a `not-around` context that it still covers (same clause only).
const BEFORE_WINDOW: usize = 3;
/// Cue contexts reach less far: setting a risk aside by mistake is the costly error. A denial or a
/// mild word allows one token between it and the cue ("ontkent actuele suïcidaliteit"), the past two
/// ("eerdere ernstige psychose"), someone else three ("broer pleegde vorig jaar suïcide").
const DENY_WINDOW: usize = 1;
const PAST_WINDOW: usize = 2;
const OTHER_WINDOW: usize = 3;

#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    mask: Mask,
    /// Tokens that an optional gap of the phrase took, as bits from `start`.
    gaps: u32,
}

impl Hit {
    /// The token is one the phrase names itself (not one an optional gap took).
    fn names(&self, token: usize) -> bool {
        token >= self.start
            && token <= self.end
            && (token - self.start >= 32 || self.gaps & (1 << (token - self.start)) == 0)
    }
}

#[derive(Debug, Clone, Copy)]
struct NotScope {
    start: usize,
    end: usize,
    mask: Mask,
    /// Also covers a few tokens before it (`not-around`, `not-list`, `other`, `past`).
    around: bool,
    /// Carries on through a comma-separated list of terms (`not-list`, `deny`: "ontkent somberheid,
    /// angst en eenzaamheid"): a comma does not end the scope when the token right after it starts a hit.
    list: bool,
    /// A cue context: what it sets aside is recorded, with why.
    why: Option<SetAsideWhy>,
}

impl NotScope {
    fn after(&self) -> usize {
        match self.why {
            None => AFTER_WINDOW,
            Some(SetAsideWhy::Denied | SetAsideWhy::Mild) => DENY_WINDOW,
            Some(SetAsideWhy::History) => PAST_WINDOW,
            Some(SetAsideWhy::OtherPerson) => OTHER_WINDOW,
        }
    }

    fn before(&self) -> usize {
        match self.why {
            None => BEFORE_WINDOW,
            Some(SetAsideWhy::Denied | SetAsideWhy::Mild) => DENY_WINDOW,
            Some(SetAsideWhy::History | SetAsideWhy::OtherPerson) => PAST_WINDOW,
        }
    }

    /// Index of the last token after the context that it still covers.
    fn reach(&self, toks: &[Token], hit_start: &[bool]) -> usize {
        let mut limit = self.end + self.after();
        let mut k = self.end + 1;
        while k < toks.len() && k <= limit {
            if toks[k].clause != toks[k - 1].clause {
                if self.list && toks[k].comma_start && hit_start[k] {
                    limit = k + self.after();
                } else {
                    break;
                }
            }
            k += 1;
        }
        k - 1
    }

    fn covers(&self, h: &Hit, toks: &[Token], reach: usize) -> bool {
        if h.start <= self.end && h.end >= self.start {
            return true;
        }
        if h.start > self.end {
            return h.start <= reach;
        }
        // h.end < self.start
        self.around
            && self.start - h.end <= self.before()
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
fn match_rest(
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

/// The single-token match of a token: per vocabulary (areas, cues) the exact word beats the longest
/// stem, so a cue word ("verslaafd") never hides an area stem ("verslaaf") or the other way round.
#[derive(Default)]
struct Single {
    area: Option<Mask>,
    cue: Option<Mask>,
}

impl Single {
    /// Offer a word's or stem's mask; offered in precedence order (word, then stems longest first).
    /// A blocking entry (0) belongs to the area vocabulary.
    fn add(&mut self, m: Option<Mask>) {
        let Some(m) = m else { return };
        if m & CUE_BITS != 0 && self.cue.is_none() {
            self.cue = Some(m & CUE_BITS);
        }
        if (m & AREA_BITS != 0 || m == 0) && self.area.is_none() {
            self.area = Some(m & AREA_BITS);
        }
    }

    fn mask(&self) -> Option<Mask> {
        match (self.area, self.cue) {
            (None, None) => None,
            (a, c) => Some(a.unwrap_or(0) | c.unwrap_or(0)),
        }
    }

    /// The match, with a typo match filling each vocabulary that matched nothing: so the areas found
    /// never depend on the cue vocabulary (a policy's added words cannot change them).
    fn or_typo(&self, typo: impl FnOnce() -> Mask) -> Mask {
        if self.area.is_some() && self.cue.is_some() {
            return self.mask().unwrap_or(0);
        }
        let typo = typo();
        self.area.unwrap_or(typo & AREA_BITS) | self.cue.unwrap_or(typo & CUE_BITS)
    }
}

/// Exact word, else longest stem (per vocabulary); 0 when nothing (or a blocking entry) matches.
fn single_lookup(lex: &Lexicon, t: &str) -> Mask {
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

/// Typo-tolerant lookup. Only plain ASCII-letter tokens of at least 5 letters that are not on the stop
/// list; candidates share the first letter and have a compatible length and letter set.
fn fuzzy_mask(lex: &Lexicon, t: &str) -> Mask {
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

const FUZZY_MIN_LEN: usize = 5;
const FUZZY_STEM_MIN_LEN: usize = 8;
/// Up to this length, a same-length typo match must be a transposition of two adjacent letters.
const NO_SUBSTITUTION_MAX_LEN: usize = 7;

/// Cheap, allocation-free test for an optimal-string-alignment distance of at most 1 (one insertion,
/// deletion, substitution or adjacent transposition); `strsim` confirms the survivors.
fn within_one_edit(a: &[u8], b: &[u8]) -> bool {
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
fn is_transposition(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let Some(i) = a.iter().zip(b).position(|(x, y)| x != y) else {
        return false;
    };
    i + 1 < a.len() && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..]
}

/// Index of the (first letter, length) bucket of fuzzy word targets; `first` is an ASCII lowercase letter.
fn fuzzy_word_slot(first: u8, len: usize) -> usize {
    usize::from(first - b'a') * 64 + len.min(63)
}

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
    /// Vocabulary id (NO_ID when the token is not a lexicon token).
    id: u32,
    /// Starts a clause that only a comma separates from the previous one (a possible list item).
    comma_start: bool,
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
        let mut comma_start = false;
        if let Some(prev) = toks.last() {
            let gap = text.get(*prev_end..orig_start).unwrap_or("");
            if is_hyphen(gap) {
                // same hyphen group
            } else {
                group += 1;
            }
            let prev_norm = &norm[prev.norm.0..prev.norm.1];
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
enum Boundary {
    None,
    Comma,
    Hard,
}

/// The clause boundary in the text between two tokens.
fn gap_boundary(gap: &str, prev_norm: &str) -> Boundary {
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

// ---------------------------------------------------------------------------------------------------
// Lexicon
// ---------------------------------------------------------------------------------------------------

// Comments and blank lines stripped by build.rs.
const LEXICON_SRC: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon.txt"));

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
    NotList,
    /// Cue contexts (the policy's `vocabulary.contexts`): they set cues aside and say why. `Deny` stands before the
    /// cue ("geen doodswens"), `Denied` after it ("suïcidaliteit: neg").
    Deny,
    Denied,
    Other,
    Past,
    Mild,
}

/// One token of an alternative: exact (compared by interned id), or a prefix (`*`).
#[derive(Debug)]
struct Part {
    text: Box<str>,
    prefix: bool,
    /// Vocabulary id of an exact part.
    id: u32,
}

impl Part {
    fn matches(&self, tok_id: u32, t: &str) -> bool {
        if self.prefix {
            t.starts_with(&*self.text)
        } else {
            tok_id == self.id
        }
    }
}

/// Id of a token that is not in the lexicon vocabulary.
const NO_ID: u32 = u32::MAX;

/// One alternative of a pattern element: one or more consecutive tokens (`a_b` in the lexicon).
#[derive(Debug)]
struct Alt {
    parts: Vec<Part>,
}

#[derive(Debug)]
struct Elem {
    alts: Vec<Alt>,
    gap: bool,
    /// Sorted vocabulary ids of the single-token exact alternatives (binary-searched).
    ids: Vec<u32>,
    /// The other alternatives: prefixes and multi-token sequences.
    others: Vec<Alt>,
}

#[derive(Debug)]
struct Pattern {
    kind: PatKind,
    /// Areas and cues it detects (phrase) or suppresses (not, deny, ...); AREA_BITS for "*".
    mask: Mask,
    elems: Vec<Elem>,
}

#[derive(Debug, Default)]
struct ExactEntry {
    /// Areas of an exact word (Some(0): a blocking word).
    word: Option<Mask>,
    /// Multi-token patterns whose first element has this exact alternative.
    starts: Vec<u32>,
}

#[derive(Debug)]
struct PrefixEntry {
    text: Box<str>,
    /// Areas of a stem (Some(0): a blocking stem).
    stem: Option<Mask>,
    starts: Vec<u32>,
}

#[derive(Debug)]
struct FuzzyTarget {
    text: Box<str>,
    letters: u32,
    mask: Mask,
}

#[derive(Debug, Default)]
struct Lexicon {
    /// Vocabulary: every exact token of the lexicon -> index into `entries`.
    exact: FxMap<Box<str>, u32>,
    entries: Vec<ExactEntry>,
    /// Keyed by `prefix_key`; each bucket sorted longest text first.
    prefix: FxMap<u32, Vec<PrefixEntry>>,
    patterns: Vec<Pattern>,
    /// Words bucketed by (first letter, length); see `fuzzy_word_slot`.
    fuzzy_words: Vec<Vec<FuzzyTarget>>,
    /// first byte -> stems of at least FUZZY_STEM_MIN_LEN bytes.
    fuzzy_stems: Vec<Vec<FuzzyTarget>>,
    /// Tokens that must never be fuzzy-matched (common words close to a term).
    stop: HashSet<Box<str>, FxBuild>,
}

/// Result of parsing the lexicon sources: the tables, the problems found, and entries per area or cue
/// (the last two are only read by the tests).
#[cfg_attr(not(test), allow(dead_code))]
struct Parsed {
    lex: Lexicon,
    errors: Vec<String>,
    per_topic: [usize; TOPICS],
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
            ids: Vec::new(),
            others: Vec::new(),
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
                id: NO_ID,
            });
        }
        alts.push(Alt { parts });
    }
    (!alts.is_empty()).then_some(Elem {
        alts,
        gap: false,
        ids: Vec::new(),
        others: Vec::new(),
    })
}

impl Lexicon {
    /// The vocabulary entry of an exact token, created on first use.
    fn entry(&mut self, text: &str) -> (u32, &mut ExactEntry) {
        let id = match self.exact.get(text) {
            Some(&id) => id,
            None => {
                let id = self.entries.len() as u32;
                self.exact.insert(text.into(), id);
                self.entries.push(ExactEntry::default());
                id
            }
        };
        (id, &mut self.entries[id as usize])
    }
}

/// The mask of a lexicon line's first column: `*` (every area), `-` (none: a blocking word), or
/// `|`-separated area or cue ids and cue groups (`risk`, `disorder`, `cues`).
fn parse_topics(col: &str) -> Option<Mask> {
    match col {
        "*" => return Some(AREA_BITS),
        "-" => return Some(0),
        _ => {}
    }
    let mut mask = 0;
    for id in col.split('|') {
        mask |= match id {
            "risk" => cue_group(Cue::is_risk),
            "disorder" => cue_group(Cue::is_disorder),
            "cues" => CUE_BITS,
            id => match (id.parse::<SupportArea>(), Cue::from_id(id)) {
                (Ok(a), _) => 1 << a.index(),
                (_, Some(c)) => cue_bit(c),
                _ => return None,
            },
        };
    }
    Some(mask)
}

fn risk_bits() -> Mask {
    cue_group(Cue::is_risk)
}

fn cue_group(member: fn(Cue) -> bool) -> Mask {
    Cue::ALL
        .into_iter()
        .filter(|c| member(*c))
        .fold(0, |m, c| m | cue_bit(c))
}

/// Parse the lexicon files (name, text) into one set of tables.
fn parse_lexicon(sources: &[(&str, &str)]) -> Parsed {
    let mut lex = Lexicon::default();
    let mut errors = Vec::new();
    let mut per_topic = [0usize; TOPICS];
    let mut words: Vec<(String, Mask)> = Vec::new();
    let mut stems: Vec<(String, Mask)> = Vec::new();

    for (ln, (file, line)) in sources
        .iter()
        .flat_map(|(file, src)| src.lines().map(move |l| (*file, l)))
        .enumerate()
    {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut it = line.splitn(3, ['\t', ' ']);
        let area_s = it.next().unwrap_or("").trim();
        let kind = it.next().unwrap_or("").trim();
        let term = it.next().unwrap_or("").trim();
        let err = |m: &str| format!("{file} (line {} overall): {m}: {line}", ln + 1);
        if term.is_empty() {
            errors.push(err("missing term"));
            continue;
        }
        let Some(mask) = parse_topics(area_s) else {
            errors.push(err("unknown area or cue"));
            continue;
        };
        let cue_kind = matches!(kind, "deny" | "denied" | "other" | "past" | "mild");
        if cue_kind && (mask & AREA_BITS != 0 || mask == 0) {
            errors.push(err("deny/denied/other/past/mild lines take cues only"));
            continue;
        }
        if kind.starts_with("not") && mask & CUE_BITS != 0 {
            errors.push(err(
                "cues are set aside by deny/denied/other/past/mild lines, not by not lines",
            ));
            continue;
        }
        let count = |per_topic: &mut [usize; TOPICS]| {
            for (a, n) in per_topic.iter_mut().enumerate() {
                if mask != AREA_BITS && mask & (1 << a) != 0 {
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
                if mask == AREA_BITS {
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
                count(&mut per_topic);
            }
            "phrase" | "not" | "not-around" | "not-list" | "deny" | "denied" | "other" | "past"
            | "mild" => {
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
                    "not-list" => PatKind::NotList,
                    "not-around" => PatKind::NotAround,
                    "deny" => PatKind::Deny,
                    "denied" => PatKind::Denied,
                    "other" => PatKind::Other,
                    "past" => PatKind::Past,
                    _ => PatKind::Mild,
                };
                if pk == PatKind::Phrase && mask == AREA_BITS {
                    errors.push(err("'*' is only allowed on not lines"));
                    continue;
                }
                if pk == PatKind::Phrase {
                    count(&mut per_topic);
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
                        &mut lex.entry(&first.text).1.starts
                    };
                    if starts.last() != Some(&pid) {
                        starts.push(pid);
                    }
                }
                for e in elems.iter_mut() {
                    for part in e.alts.iter_mut().flat_map(|a| a.parts.iter_mut()) {
                        if !part.prefix {
                            part.id = lex.entry(&part.text).0;
                        }
                    }
                    for a in std::mem::take(&mut e.alts) {
                        if a.parts.len() == 1 && !a.parts[0].prefix {
                            e.ids.push(a.parts[0].id);
                        } else {
                            e.others.push(a);
                        }
                    }
                    e.ids.sort_unstable();
                    e.ids.dedup();
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
        let e = lex.entry(&t).1;
        e.word = Some(e.word.unwrap_or(0) | mask);
        if mask != 0 && t.len() >= FUZZY_MIN_LEN && t.bytes().all(|c| c.is_ascii_lowercase()) {
            let slot = fuzzy_word_slot(t.as_bytes()[0], t.len());
            if lex.fuzzy_words.len() <= slot {
                lex.fuzzy_words.resize_with(slot + 1, Vec::new);
            }
            lex.fuzzy_words[slot].push(FuzzyTarget {
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
            lex.fuzzy_stems.resize_with(26, Vec::new);
            let fb = &mut lex.fuzzy_stems[usize::from(t.as_bytes()[0] - b'a')];
            match fb.iter_mut().find(|f| *f.text == *t) {
                Some(f) => f.mask |= mask,
                None => fb.push(target),
            }
        }
    }
    // Merge duplicate fuzzy word targets, keep the buckets in a fixed order.
    for bucket in lex.fuzzy_words.iter_mut() {
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
    for bucket in lex.fuzzy_stems.iter_mut() {
        bucket.sort_by(|a, b| a.text.cmp(&b.text));
    }
    for bucket in lex.prefix.values_mut() {
        bucket.sort_by(|a, b| b.text.len().cmp(&a.text.len()).then(a.text.cmp(&b.text)));
    }
    Parsed {
        lex,
        errors,
        per_topic,
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
        let cues = crate::policy::Policy::default_policy()
            .cue_lines()
            .join("\n");
        let p = parse_lexicon(&[("lexicon.txt", LEXICON_SRC), ("policy", &cues)]);
        assert!(
            p.errors.is_empty(),
            "lexicon errors:\n{}",
            p.errors.join("\n")
        );
        let total: usize = p.per_topic[..CUE_SHIFT].iter().sum();
        assert!(total >= 16 * 25, "only {total} terms");
        for a in SupportArea::ALL {
            assert!(
                p.per_topic[a.index()] >= 20,
                "{a}: only {} terms",
                p.per_topic[a.index()]
            );
        }
        for c in Cue::ALL {
            let n = p.per_topic[CUE_SHIFT + c.index()];
            assert!(n >= 3, "{c:?}: only {n} terms");
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
    fn denial_lists_are_negated_as_a_whole() {
        let text = "Mevr ontkent somberheid, eenzaamheid en angst. Komt voor controle schildklier.";
        assert!(areas(text).is_empty(), "{:?}", detect_areas(text));
        assert!(areas("Denies low mood, loneliness or money worries.").is_empty());
        // ... but a comma followed by something else ends the denial.
        assert_has(
            "Ontkent suicidaliteit, erg eenzaam sinds overlijden man.",
            Loneliness,
        );
        // and "Schulden: nee, eenzaam: ja" keeps the second answer.
        assert_has("Schulden: nee, eenzaam: ja", Loneliness);
        assert_not("Schulden: nee, eenzaam: ja", DebtPoverty);
    }

    #[test]
    fn abbreviations_and_brackets_do_not_split_clauses() {
        assert_has("Zorgt al jaren voor haar zoon (28) met autisme.", Parenting);
        assert_not("Mevr. ontkent eenzaamheid", Loneliness);
        assert_has("Pt. i.v.m. schulden verwezen", DebtPoverty);
        // Rules v2: overload without a cause is the stress cue, not burn-out.
        assert!(cues("Z.i. sprake van overbelasting").contains(&Cue::Stress));
        assert_not("Z.i. sprake van overbelasting", Burnout);
    }

    #[test]
    fn hyphenated_and_split_spellings() {
        assert_has("burn-out", Burnout);
        assert_has("burnout", Burnout);
        assert_has("burn out", Burnout);
        assert_has("mantelzorg-taken", CarerStrain);
        assert_has("re-integratie", WorkReintegration);
        assert_has("reintegratie", WorkReintegration);
        assert_has("dag-nachtritme verstoord", SleepWorry);
        assert_has("hobby's", LeisureDaytime);
        assert_has("mz'er voor moeder", CarerStrain);
        assert_has("ligt s'nachts wakker", SleepWorry);
        assert_has("ligt \u{2019}s nachts wakker", SleepWorry);
    }

    #[test]
    fn gp_shorthand() {
        assert_has("pte is mz voor partner", CarerStrain);
        assert!(cues("dhr veel stres").contains(&Cue::Stress));
        assert_has("mw somber, i.v.m. rouw na overl. partner", LifeEvent);
        assert_has("pt ww-uitkering, solliciteert", WorkReintegration);
    }

    #[test]
    fn realistic_phrasings_with_word_order_variation() {
        assert_has(
            "Sinds de verhuizing kent mevr niemand en zit ze veel binnen.",
            Loneliness,
        );
        assert_has(
            "Mevr kan de brieven van de gemeente niet lezen.",
            LowLiteracy,
        );
        assert_has("Dhr drinkt 6 blikjes bier per dag.", Lifestyle);
        assert_has("Mevr slaapt sinds maanden slecht.", SleepWorry);
        assert_has("Maakt zich zorgen over geld.", DebtPoverty);
        assert_has(
            "Weet niet hoe ze haar inhalator moet gebruiken.",
            HealthLiteracy,
        );
        assert_has(
            "Worried about paying the rent, two months behind.",
            DebtPoverty,
        );
        assert_has(
            "Bored and lonely since moving into sheltered housing.",
            LifeEvent,
        );
    }

    #[test]
    fn routine_medical_notes_stay_empty() {
        for text in [
            "Hoesten sinds 2 weken, geen koorts, longen schoon. Afwachtend beleid.",
            "Keelpijn, geen koorts. Advies: paracetamol en veel drinken.",
            "Dhr 55 jr, controle hypertensie. Rookt niet, alcohol 1-2 E/week.",
            "Dhr 52 jr, verhoogd cholesterol, statine gestart, leefstijladvies gegeven.",
            "Mevr 82 jr, valt niet, loopt met rollator, redt zich goed.",
            "Verwijzing fysiotherapie i.v.m. schouderklachten na val op de schouder.",
            "Knee pain after twisting it playing football, full range of movement.",
            "Patient moved his arm awkwardly lifting boxes, shoulder strain.",
            "No history of depression or anxiety, sleeps well, denies money worries.",
            "Suspected eating disorder, restricted intake, BMI 16.5.",
            "Pt had vroeger schulden, inmiddels afgelost. Nu griepklachten.",
        ] {
            assert!(
                areas(text).is_empty(),
                "{text:?} -> {:?}",
                detect_areas(text)
            );
        }
    }

    #[test]
    fn one_edit_precheck_agrees_with_strsim() {
        // Exhaustive over short strings of a small alphabet: the allocation-free pre-check must accept
        // exactly the pairs that strsim's optimal string alignment distance puts within one edit.
        let alphabet = [b'a', b'b', b'c'];
        let mut words: Vec<Vec<u8>> = vec![Vec::new()];
        for len in 1..=4 {
            let mut next = Vec::new();
            for w in words.iter().filter(|w| w.len() == len - 1) {
                for &c in &alphabet {
                    let mut x = w.clone();
                    x.push(c);
                    next.push(x);
                }
            }
            words.extend(next);
        }
        for a in &words {
            for b in &words {
                let (sa, sb) = (
                    std::str::from_utf8(a).unwrap(),
                    std::str::from_utf8(b).unwrap(),
                );
                let d = strsim::osa_distance(sa, sb);
                assert_eq!(within_one_edit(a, b), d <= 1, "{sa} {sb}");
                let swapped = a.len() == b.len() && d == 1 && a != b && {
                    let mut x = a.clone();
                    let mut y = b.clone();
                    x.sort_unstable();
                    y.sort_unstable();
                    x == y
                };
                assert_eq!(is_transposition(a, b), swapped, "{sa} {sb}");
            }
        }
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

    fn note(text: &str) -> NoteReading {
        read_note(crate::policy::Policy::default_policy().vocabulary(), text)
    }

    fn cues(text: &str) -> Vec<Cue> {
        note(text).cues.into_iter().map(|c| c.cue).collect()
    }

    fn set_aside(text: &str) -> Vec<(Cue, SetAsideWhy)> {
        note(text)
            .set_aside
            .into_iter()
            .map(|s| (s.cue, s.why))
            .collect()
    }

    #[test]
    fn every_cue_is_found_in_dutch_and_english() {
        use Cue::*;
        for (text, cue) in [
            ("heeft zelfmoordgedachten", Suicidality),
            ("wants to end her life", Suicidality),
            ("krast zichzelf", SelfHarm),
            ("self-harm since march", SelfHarm),
            ("hoort stemmen", Psychosis),
            ("hears voices", Psychosis),
            ("huiselijk geweld", AcuteDanger),
            ("not safe at home", AcuteDanger),
            ("ziet het niet meer zitten", RiskAmbiguous),
            ("can't go on", RiskAmbiguous),
            ("depressieve stoornis", Depression),
            ("major depression", Depression),
            ("depressief", PossibleDisorder),
            ("al maanden somber", PossibleDisorder),
            ("paniekstoornis", AnxietyDisorder),
            ("panic disorder", AnxietyDisorder),
            ("ptss", Ptsd),
            ("eetstoornis", EatingDisorder),
            ("bipolaire stoornis", Bipolar),
            ("schizofrenie", PsychoticDisorder),
            ("alcoholverslaving", Addiction),
            ("borderline", OtherDisorder),
            ("loopt bij de psycholoog", InTreatment),
            ("sees a therapist", InTreatment),
        ] {
            assert!(
                cues(text).contains(&cue),
                "{cue:?} in {text:?}: {:?}",
                note(text)
            );
        }
    }

    #[test]
    fn cue_typos_inflections_and_compounds() {
        for text in [
            "suicdaal",
            "suïcidale",
            "suicidial",
            "zelfmoordgedachtes",
            "psychotische klachten",
        ] {
            assert!(
                cues(text).iter().any(|c| c.is_risk()),
                "{text}: {:?}",
                note(text)
            );
        }
    }

    #[test]
    fn cue_contexts_set_aside_and_say_why() {
        use Cue::*;
        use SetAsideWhy::*;
        for (text, cue, why) in [
            ("geen suicidale gedachten", Suicidality, Denied),
            ("ontkent actuele suicidaliteit", Suicidality, Denied),
            ("suicidaliteit: neg", Suicidality, Denied),
            ("denies suicidal ideation", Suicidality, Denied),
            ("hoort geen stemmen", Psychosis, Denied),
            ("moeder had een depressie", Depression, OtherPerson),
            ("broer pleegde suicide", Suicidality, OtherPerson),
            ("her son has psychosis", Psychosis, OtherPerson),
            ("eerdere psychose", Psychosis, History),
            ("suicidepoging in 2015", Suicidality, History),
            ("history of self-harm", SelfHarm, History),
            ("verslaafd geweest", Addiction, History),
            ("lichte depressieve klachten", PossibleDisorder, Mild),
            ("staat op de wachtlijst bij de ggz", InTreatment, Denied),
        ] {
            assert!(!cues(text).contains(&cue), "{text}: {:?}", note(text));
            assert!(
                set_aside(text).contains(&(cue, why)),
                "{text}: {:?}",
                note(text)
            );
        }
    }

    #[test]
    fn cue_contexts_stay_close_and_in_their_clause() {
        // The resident's own risk is never set aside by a denial, a relative or the past elsewhere.
        for text in [
            "geen schulden, wel suicidaal",
            "geen eetlust. suicidale gedachten",
            "ruzie met moeder, suicidale gedachten",
            "vader is overleden en zij is suicidaal",
            "eerder vandaag suicidale uitspraken",
            "geen hulp gezocht voor de suicidale gedachten",
            "heeft geen zin meer in het leven",
            "wil niet meer leven",
        ] {
            assert!(
                cues(text).iter().any(|c| c.is_risk()),
                "{text}: {:?}",
                note(text)
            );
        }
        // Areas are untouched by cue contexts, and cues by area negations.
        assert_has("geen suicidale gedachten, wel eenzaam", Loneliness);
        assert!(cues("geen schulden, suicidaal").contains(&Cue::Suicidality));
    }
}
