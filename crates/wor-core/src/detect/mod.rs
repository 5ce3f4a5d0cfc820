//! Free-text detection of support areas, clinical cues and kinds of life event in Dutch and English GP
//! referral notes.
//!
//! The area vocabulary lives in `data/lexicon.txt` (the header of that file documents the line format;
//! `build.rs` strips its comments); it is compiled into the binary with `include_str!`. The clinical cues
//! (risk, disorders, treatment, stress, and the contexts that set them aside) and the kinds of life
//! event come from a triage policy's vocabulary in the same line format ([`Vocabulary::with_cues`]). A
//! vocabulary is parsed once (~3 ms) into lookup tables:
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
//!
//! Dutch as written (issue 30): a token the vocabulary does not hold is looked up by its base forms
//! (the lexicon's `suffix` lines: plurals, diminutives, verb endings, with Dutch spelling undone), and a
//! compound that matched nothing by its parts (areas only). A SOEP section label ("S:", "E:", "P:")
//! starts and ends a clause. Context follows ConText/ContextD (Afzal et al. 2014): negation, history and
//! someone else as data (the policy's `vocabulary.contexts`, the lexicon's `not` lines), with `current`
//! lines that end a history scope ("eerder …, nu weer").
//!
//! Files: `tokenize.rs` (normalisation, tokens, clause boundaries, SOEP labels), `lexicon.rs` (parsing
//! the line format into lookup tables), `morph.rs` (base forms and compounds), `pattern.rs` (words,
//! stems, phrases and contexts at a token), `fuzzy.rs` (typo matching), `scope.rs` (what a blocking
//! context covers); this file reads a note with them.

use crate::area::SupportArea;
use crate::cue::{Cue, CueFinding, SetAside, SetAsideWhy};
use crate::life_event::LifeEvent;
use std::sync::OnceLock;

mod fuzzy;
mod lexicon;
mod morph;
mod pattern;
mod scope;
mod tokenize;

use fuzzy::*;
use lexicon::*;
pub use lexicon::{install_lexicon, packed_lexicon};
use morph::*;
use pattern::*;
use scope::*;
use tokenize::*;

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
    /// Kinds of life event the note names (policy vocabulary `life_events`), sorted by kind.
    pub life_events: Vec<LifeEventFinding>,
}

/// One kind of life event found in a note, with the words that named it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LifeEventFinding {
    pub kind: LifeEvent,
    pub matched: Vec<String>,
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
        let parsed = parse_lexicon(&[
            ("lexicon.txt", &lexicon_src()),
            ("policy vocabulary", &cues),
        ]);
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
            lex: parse_lexicon(&[("lexicon.txt", &lexicon_src())]).lex,
        })
    }
}

/// Bits 0..16 of a mask are the support areas, then one per clinical cue, then one per kind of life
/// event.
type Mask = u64;
const AREA_BITS: Mask = 0xFFFF;
const CUE_SHIFT: usize = 16;
const CUE_BITS: Mask = ((1 << Cue::ALL.len()) - 1) << CUE_SHIFT;
const EVENT_SHIFT: usize = CUE_SHIFT + Cue::ALL.len();
const EVENT_BITS: Mask = ((1 << LifeEvent::ALL.len()) - 1) << EVENT_SHIFT;
const TOPICS: usize = EVENT_SHIFT + LifeEvent::ALL.len();

fn cue_bit(c: Cue) -> Mask {
    1 << (CUE_SHIFT + c.index())
}

fn event_bit(e: LifeEvent) -> Mask {
    1 << (EVENT_SHIFT + e.index())
}

/// Read a note with a vocabulary: support areas, clinical cues and set-aside cues in one pass over its
/// tokens.
pub fn read_note(vocabulary: &Vocabulary, text: &str) -> NoteReading {
    let lex = &vocabulary.lex;
    let mut toks = Vec::new();
    let mut norm = String::with_capacity(text.len() + 8);
    tokenize(text, &mut norm, &mut toks);
    intern(lex, &norm, &mut toks);
    let (mut hits, nots) = find_hits(lex, &toks, &norm);
    if hits.is_empty() {
        return NoteReading::default();
    }
    let set_aside = apply_contexts(&nots, &mut hits, &toks, &norm);
    reading_of(text, &toks, &mut hits, &set_aside)
}

/// Intern every token against the lexicon vocabulary once: pattern parts then compare integers. A
/// token the vocabulary does not hold and no stem covers takes the id of its first base form that it
/// does hold ("schulden" reads as schuld, "problemen" as probleem).
fn intern(lex: &Lexicon, norm: &str, toks: &mut [Token]) {
    let mut bases = Vec::new();
    for tk in toks.iter_mut() {
        let t = &norm[tk.norm.0..tk.norm.1];
        tk.id = lex.exact.get(t).copied().unwrap_or(NO_ID);
        if tk.id != NO_ID || lex.stop.contains(t) || has_stem(lex, t) {
            continue;
        }
        base_forms(&lex.suffixes, t, &mut bases);
        if let Some(&id) = bases.iter().find_map(|b| lex.exact.get(b.as_str())) {
            tk.id = id;
        }
    }
}

/// Some stem (of any vocabulary, or a blocking one) covers the token.
fn has_stem(lex: &Lexicon, t: &str) -> bool {
    prefix_key(t)
        .and_then(|k| lex.prefix.get(&k))
        .is_some_and(|bucket| {
            bucket
                .iter()
                .any(|pe| pe.stem.is_some() && t.starts_with(&*pe.text))
        })
}

/// Every hit of a word, stem, phrase or hyphenated compound, and every blocking context, in one
/// left-to-right pass.
fn find_hits(lex: &Lexicon, toks: &[Token], norm: &str) -> (Vec<Hit>, Vec<NotScope>) {
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
                try_pattern(lex, pid, ti, toks, norm, &mut hits, &mut nots);
            }
        }
        if let Some(bucket) = prefix_key(t).and_then(|k| lex.prefix.get(&k)) {
            for pe in bucket {
                if !t.starts_with(&*pe.text) {
                    continue;
                }
                single.add(pe.stem);
                for &pid in &pe.starts {
                    try_pattern(lex, pid, ti, toks, norm, &mut hits, &mut nots);
                }
            }
        }

        // 2. Typo tolerance, only for tokens that matched nothing on their own.
        let mut mask = single.or_typo(|| fuzzy_mask(lex, t));
        // 3. A compound no word, stem or typo reads as an area is read by its parts.
        if mask & AREA_BITS == 0 && single.area.is_none() {
            mask |= compound_mask(lex, t);
        }
        if mask != 0 {
            hits.push(Hit {
                start: ti,
                end: ti,
                mask,
                gaps: 0,
            });
        }

        // 4. Hyphenated compounds ("burn-out", "re-integratie", "mantelzorg-taken") are also looked up
        //    joined, as one token spanning the whole compound.
        if let Some(h) = joined_compound(lex, ti, toks, norm, &mut joined) {
            hits.push(h);
        }
    }
    (hits, nots)
}

/// At the last token of a hyphen group, the whole group looked up joined.
fn joined_compound(
    lex: &Lexicon,
    ti: usize,
    toks: &[Token],
    norm: &str,
    joined: &mut String,
) -> Option<Hit> {
    let g = toks[ti].group;
    if toks.get(ti + 1).is_some_and(|n| n.group == g) {
        return None;
    }
    let mut first = ti;
    while first > 0 && toks[first - 1].group == g {
        first -= 1;
    }
    if first == ti || ti - first >= 8 {
        return None;
    }
    joined.clear();
    for tk in &toks[first..=ti] {
        joined.push_str(&norm[tk.norm.0..tk.norm.1]);
    }
    let mask = single_lookup(lex, joined);
    (mask != 0).then_some(Hit {
        start: first,
        end: ti,
        mask,
        gaps: 0,
    })
}

/// Blocking contexts (step 5): negations and "not this area here" contexts silently drop area hits;
/// cue contexts (denied, someone else's, history, mild) set cues aside and return them with why.
fn apply_contexts(
    nots: &[NotScope],
    hits: &mut Vec<Hit>,
    toks: &[Token],
    norm: &str,
) -> Vec<(Hit, SetAsideWhy)> {
    let mut set_aside: Vec<(Hit, SetAsideWhy)> = Vec::new();
    if nots.is_empty() {
        return set_aside;
    }
    let mut hit_start = vec![false; toks.len()];
    for h in hits.iter() {
        hit_start[h.start] = true;
    }
    let (currents, blocking): (Vec<NotScope>, Vec<NotScope>) =
        nots.iter().partition(|n| n.ends_history);
    for n in &blocking {
        let covered: Vec<bool> = if n.why == Some(SetAsideWhy::Denied) && n.list {
            deny_list_cover(n, hits, toks, norm)
        } else {
            let reach = n.reach(toks, &hit_start);
            hits.iter()
                .map(|h| n.covers(h, toks, reach) && !n.ended_before(h, &currents))
                .collect()
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
    set_aside
}

/// The reading: areas, cues and life events from the hits that stand, set-aside cues by why.
fn reading_of(
    text: &str,
    toks: &[Token],
    hits: &mut [Hit],
    set_aside: &[(Hit, SetAsideWhy)],
) -> NoteReading {
    let matched = collect_matched(text, toks, hits);
    let mut reading = NoteReading::default();
    for (i, m) in matched.into_iter().enumerate() {
        if m.is_empty() {
            continue;
        }
        if let Some(e) = i.checked_sub(EVENT_SHIFT) {
            reading.life_events.push(LifeEventFinding {
                kind: LifeEvent::ALL[e],
                matched: m,
            });
        } else if let Some(c) = i.checked_sub(CUE_SHIFT) {
            reading.cues.push(CueFinding {
                cue: Cue::ALL[c],
                matched: m,
            });
        } else {
            reading.areas.push(Detection {
                area: SupportArea::ALL[i],
                matched: m,
            });
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
        let matched = collect_matched(text, toks, &mut of_why);
        for (c, m) in matched
            .into_iter()
            .skip(CUE_SHIFT)
            .take(Cue::ALL.len())
            .enumerate()
        {
            if !m.is_empty() {
                reading.set_aside.push(SetAside {
                    cue: Cue::ALL[c],
                    why,
                    matched: m,
                });
            }
        }
    }
    crate::sort::sort_by_key(&mut reading.set_aside, |s| (s.cue, s.why));
    reading
}

/// The matched text per topic (area or cue bit), dropping hits contained in an earlier or longer hit
/// of the same topic, so `matched` shows "s nachts wakker" rather than also "wakker".
fn collect_matched(text: &str, toks: &[Token], hits: &mut [Hit]) -> Vec<Vec<String>> {
    crate::sort::sort_by(hits, |a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
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

#[cfg(test)]
mod tests;
