//! The lexicon: parsing `data/lexicon.txt` and a policy's cue lines into lookup tables.

use super::*;
use rustc_hash::{FxHashMap, FxHashSet};

/// Bucket key of the prefix map: the first three bytes of a (normalised) token.
pub(super) fn prefix_key(t: &str) -> Option<u32> {
    let b = t.as_bytes();
    if b.len() < 3 {
        return None;
    }
    Some(u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]))
}

// Comments and blank lines stripped and lines packed by build.rs. Compiled in where the default
// policy is (feature `embedded-policy`); the wasm module leaves it out and receives it as data with the
// compiled default policy ([`install_lexicon`]): words are data, and the module stays within its size
// budget.
#[cfg(feature = "embedded-policy")]
const LEXICON_PACKED: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon.txt"));

#[cfg(not(feature = "embedded-policy"))]
static INSTALLED: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// The packed lexicon: compiled in, or as installed (empty before that).
pub fn packed_lexicon() -> &'static str {
    #[cfg(feature = "embedded-policy")]
    {
        LEXICON_PACKED
    }
    #[cfg(not(feature = "embedded-policy"))]
    {
        INSTALLED.get().map_or("", String::as_str)
    }
}

/// Installs the packed lexicon where it is not compiled in (the first one installed stays; where it is
/// compiled in, nothing changes). Call it before anything reads a note: `Policy::from_compiled` does.
pub fn install_lexicon(packed: String) {
    #[cfg(not(feature = "embedded-policy"))]
    {
        let _ = INSTALLED.set(packed);
    }
    #[cfg(feature = "embedded-policy")]
    drop(packed);
}

/// The lexicon's lines (`topic<TAB>kind<TAB>term`, comments and blank lines left out), expanded from
/// the packed form build.rs writes: a line with a tab starts a run of terms with that topic and kind.
pub(super) fn lexicon_src() -> String {
    let packed = packed_lexicon();
    let mut out = String::with_capacity(packed.len() * 2);
    let mut head = "";
    for l in packed.lines() {
        if l.contains('\t') {
            head = l;
        } else {
            out.push_str(head);
            out.push('\t');
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PatKind {
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
    /// Ends the scope of a `past` context for the cues after it ("eerder depressief, nu weer somber"):
    /// ConText's termination term.
    Current,
}

/// One token of an alternative: exact (compared by interned id), or a prefix (`*`).
#[derive(Debug)]
pub(super) struct Part {
    pub(super) text: Box<str>,
    pub(super) prefix: bool,
    /// Vocabulary id of an exact part.
    pub(super) id: u32,
}

impl Part {
    pub(super) fn matches(&self, tok_id: u32, t: &str) -> bool {
        if self.prefix {
            t.starts_with(&*self.text)
        } else {
            tok_id == self.id
        }
    }
}

/// Id of a token that is not in the lexicon vocabulary.
pub(super) const NO_ID: u32 = u32::MAX;

/// One alternative of a pattern element: one or more consecutive tokens (`a_b` in the lexicon).
#[derive(Debug)]
pub(super) struct Alt {
    pub(super) parts: Vec<Part>,
}

#[derive(Debug)]
pub(super) struct Elem {
    pub(super) alts: Vec<Alt>,
    pub(super) gap: bool,
    /// Sorted vocabulary ids of the single-token exact alternatives (binary-searched).
    pub(super) ids: Vec<u32>,
    /// The other alternatives: prefixes and multi-token sequences.
    pub(super) others: Vec<Alt>,
}

#[derive(Debug)]
pub(super) struct Pattern {
    pub(super) kind: PatKind,
    /// Areas and cues it detects (phrase) or suppresses (not, deny, ...); AREA_BITS for "*".
    pub(super) mask: Mask,
    pub(super) elems: Vec<Elem>,
}

#[derive(Debug, Default)]
pub(super) struct ExactEntry {
    /// Areas of an exact word (Some(0): a blocking word).
    pub(super) word: Option<Mask>,
    /// Multi-token patterns whose first element has this exact alternative.
    pub(super) starts: Vec<u32>,
}

#[derive(Debug)]
pub(super) struct PrefixEntry {
    pub(super) text: Box<str>,
    /// Areas of a stem (Some(0): a blocking stem).
    pub(super) stem: Option<Mask>,
    pub(super) starts: Vec<u32>,
}

#[derive(Debug)]
pub(super) struct FuzzyTarget {
    pub(super) text: Box<str>,
    pub(super) letters: u32,
    pub(super) mask: Mask,
}

#[derive(Debug, Default)]
pub(super) struct Lexicon {
    /// Vocabulary: every exact token of the lexicon -> index into `entries`.
    pub(super) exact: FxHashMap<Box<str>, u32>,
    pub(super) entries: Vec<ExactEntry>,
    /// Keyed by `prefix_key`; each bucket sorted longest text first.
    pub(super) prefix: FxHashMap<u32, Vec<PrefixEntry>>,
    pub(super) patterns: Vec<Pattern>,
    /// Words bucketed by (first letter, length); see `fuzzy_word_slot`.
    pub(super) fuzzy_words: Vec<Vec<FuzzyTarget>>,
    /// first byte -> stems of at least FUZZY_STEM_MIN_LEN bytes.
    pub(super) fuzzy_stems: Vec<Vec<FuzzyTarget>>,
    /// Tokens that must never be fuzzy-matched (common words close to a term).
    pub(super) stop: FxHashSet<Box<str>>,
    /// Inflectional endings (`suffix` lines), longest first: see `morph`.
    pub(super) suffixes: Vec<Box<str>>,
}

/// Result of parsing the lexicon sources: the tables, the problems found, and entries per area or cue
/// (the last two are only read by the tests).
#[cfg_attr(not(test), allow(dead_code))]
pub(super) struct Parsed {
    pub(super) lex: Lexicon,
    pub(super) errors: Vec<String>,
    pub(super) per_topic: [usize; TOPICS],
}

/// Normalise one lexicon token (no separators expected inside); keeps a trailing `*`.
pub(super) fn norm_term_token(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        if c.is_alphanumeric() {
            fold_char(c, &mut out);
        }
    }
    out
}

/// Parse one pattern element: `a|b*|c_d`, or `~` for an optional gap of one token.
pub(super) fn parse_elem(raw: &str) -> Option<Elem> {
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
    pub(super) fn entry(&mut self, text: &str) -> (u32, &mut ExactEntry) {
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
/// `|`-separated area, cue or life-event ids and cue groups (`risk`, `disorder`, `cues`).
pub(super) fn parse_topics(col: &str) -> Option<Mask> {
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
                _ => event_bit(LifeEvent::from_id(id)?),
            },
        };
    }
    Some(mask)
}

pub(super) fn risk_bits() -> Mask {
    cue_group(Cue::is_risk)
}

pub(super) fn cue_group(member: fn(Cue) -> bool) -> Mask {
    Cue::ALL
        .into_iter()
        .filter(|c| member(*c))
        .fold(0, |m, c| m | cue_bit(c))
}

/// The tables while they are built: words and stems wait until every line is read, so that the
/// typo targets and the prefix buckets are laid out once.
struct Builder {
    lex: Lexicon,
    errors: Vec<String>,
    per_topic: [usize; TOPICS],
    words: Vec<(String, Mask)>,
    stems: Vec<(String, Mask)>,
}

/// Parse the lexicon files (name, text) into one set of tables.
pub(super) fn parse_lexicon(sources: &[(&str, &str)]) -> Parsed {
    let mut b = Builder {
        lex: Lexicon::default(),
        errors: Vec::new(),
        per_topic: [0; TOPICS],
        words: Vec::new(),
        stems: Vec::new(),
    };
    for (ln, (file, line)) in sources
        .iter()
        .flat_map(|(file, src)| src.lines().map(move |l| (*file, l)))
        .enumerate()
    {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Err(m) = b.line(line) {
            b.errors
                .push(format!("{file} (line {} overall): {m}: {line}", ln + 1));
        }
    }
    let Builder {
        mut lex,
        errors,
        per_topic,
        words,
        stems,
    } = b;
    install_words(&mut lex, words);
    install_stems(&mut lex, stems);
    crate::sort::sort_by(&mut lex.suffixes, |a, b| {
        b.len().cmp(&a.len()).then(a.cmp(b))
    });
    for bucket in lex.prefix.values_mut() {
        crate::sort::sort_by(bucket, |a, b| {
            b.text.len().cmp(&a.text.len()).then(a.text.cmp(&b.text))
        });
    }
    Parsed {
        lex,
        errors,
        per_topic,
    }
}

impl Builder {
    /// One line `topic kind term`; the problem when it does not parse.
    fn line(&mut self, line: &str) -> Result<(), &'static str> {
        let mut it = line.splitn(3, ['\t', ' ']);
        let area_s = it.next().unwrap_or("").trim();
        let kind = it.next().unwrap_or("").trim();
        let term = it.next().unwrap_or("").trim();
        if term.is_empty() {
            return Err("missing term");
        }
        let mask = parse_topics(area_s).ok_or("unknown area or cue")?;
        let cue_kind = matches!(
            kind,
            "deny" | "denied" | "other" | "past" | "mild" | "current"
        );
        if cue_kind && (mask & (AREA_BITS | EVENT_BITS) != 0 || mask == 0) {
            return Err("deny/denied/other/past/mild/current lines take cues only");
        }
        if kind.starts_with("not") && mask & CUE_BITS != 0 {
            return Err(
                "cues are set aside by deny/denied/other/past/mild lines, not by not lines",
            );
        }
        match kind {
            "stop" => {
                for w in term.split_whitespace() {
                    let w = norm_term_token(w);
                    if !w.is_empty() {
                        self.lex.stop.insert(w.into());
                    }
                }
                Ok(())
            }
            "suffix" => {
                for w in term.split_whitespace() {
                    let w = norm_term_token(w);
                    if !w.is_empty() && !self.lex.suffixes.iter().any(|s| **s == *w) {
                        self.lex.suffixes.push(w.into());
                    }
                }
                Ok(())
            }
            "word" | "stem" => self.word_or_stem(kind == "word", term, mask),
            _ => {
                let pk = pattern_kind(kind).ok_or("unknown kind")?;
                self.pattern(pk, term, mask)
            }
        }
    }

    /// Count a line towards the areas, cues and life events it names (not the '*' of every area).
    fn count(&mut self, mask: Mask) {
        for (a, n) in self.per_topic.iter_mut().enumerate() {
            if mask != AREA_BITS && mask & (1 << a) != 0 {
                *n += 1;
            }
        }
    }

    fn word_or_stem(&mut self, word: bool, term: &str, mask: Mask) -> Result<(), &'static str> {
        if mask == AREA_BITS {
            return Err("'*' is only allowed on not lines");
        }
        if term.split_whitespace().count() != 1
            || term.contains(|c: char| !c.is_alphanumeric() && !is_combining(c))
        {
            return Err("word/stem must be a single token (use phrase)");
        }
        let t = norm_term_token(term);
        if !word && t.len() < 4 {
            return Err("stem shorter than 4 letters");
        }
        if word {
            self.words.push((t, mask));
        } else {
            self.stems.push((t, mask));
        }
        self.count(mask);
        Ok(())
    }

    /// A phrase or a blocking context: its elements, and the entries its first element starts from.
    fn pattern(&mut self, pk: PatKind, term: &str, mask: Mask) -> Result<(), &'static str> {
        let mut elems = term
            .split_whitespace()
            .map(parse_elem)
            .collect::<Option<Vec<Elem>>>()
            .ok_or("bad pattern")?;
        if elems.is_empty() || elems[0].gap || elems.last().is_some_and(|e| e.gap) {
            return Err("bad pattern");
        }
        if elems[0]
            .alts
            .iter()
            .any(|a| a.parts[0].prefix && a.parts[0].text.len() < 3)
        {
            return Err("first element prefix shorter than 3 letters");
        }
        if pk == PatKind::Phrase {
            if mask == AREA_BITS {
                return Err("'*' is only allowed on not lines");
            }
            self.count(mask);
        }
        let lex = &mut self.lex;
        let pid = lex.patterns.len() as u32;
        for a in &elems[0].alts {
            let first = &a.parts[0];
            let starts = if first.prefix {
                &mut prefix_entry(lex, &first.text).starts
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
            crate::sort::sort(&mut e.ids);
            e.ids.dedup();
        }
        lex.patterns.push(Pattern {
            kind: pk,
            mask,
            elems,
        });
        Ok(())
    }
}

/// The pattern kind of a lexicon line's kind column (None for word, stem, stop and unknown kinds).
fn pattern_kind(kind: &str) -> Option<PatKind> {
    Some(match kind {
        "phrase" => PatKind::Phrase,
        "not" => PatKind::Not,
        "not-list" => PatKind::NotList,
        "not-around" => PatKind::NotAround,
        "deny" => PatKind::Deny,
        "denied" => PatKind::Denied,
        "other" => PatKind::Other,
        "past" => PatKind::Past,
        "mild" => PatKind::Mild,
        "current" => PatKind::Current,
        _ => return None,
    })
}

/// The prefix-map entry of a stem or a prefix pattern start, created on first use.
fn prefix_entry<'a>(lex: &'a mut Lexicon, text: &str) -> &'a mut PrefixEntry {
    let bucket = lex.prefix.entry(prefix_key(text).unwrap_or(0)).or_default();
    let i = match bucket.iter().position(|p| *p.text == *text) {
        Some(i) => i,
        None => {
            bucket.push(PrefixEntry {
                text: text.into(),
                stem: None,
                starts: Vec::new(),
            });
            bucket.len() - 1
        }
    };
    &mut bucket[i]
}

/// Exact words into the vocabulary, and into the typo buckets (duplicates merged, fixed order).
fn install_words(lex: &mut Lexicon, words: Vec<(String, Mask)>) {
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
    for bucket in lex.fuzzy_words.iter_mut() {
        crate::sort::sort_by(bucket, |a, b| a.text.cmp(&b.text));
        bucket.dedup_by(|b, a| {
            if a.text == b.text {
                a.mask |= b.mask;
                true
            } else {
                false
            }
        });
    }
}

/// Stems into the prefix map, and the long ones into the typo buckets by first letter.
fn install_stems(lex: &mut Lexicon, stems: Vec<(String, Mask)>) {
    for (t, mask) in stems {
        let p = prefix_entry(lex, &t);
        p.stem = Some(p.stem.unwrap_or(0) | mask);
        if mask != 0 && t.len() >= FUZZY_STEM_MIN_LEN && t.bytes().all(|c| c.is_ascii_lowercase()) {
            lex.fuzzy_stems.resize_with(26, Vec::new);
            let fb = &mut lex.fuzzy_stems[usize::from(t.as_bytes()[0] - b'a')];
            match fb.iter_mut().find(|f| *f.text == *t) {
                Some(f) => f.mask |= mask,
                None => fb.push(FuzzyTarget {
                    letters: letter_mask(t.as_bytes()),
                    text: t.into(),
                    mask,
                }),
            }
        }
    }
    for bucket in lex.fuzzy_stems.iter_mut() {
        crate::sort::sort_by(bucket, |a, b| a.text.cmp(&b.text));
    }
}
