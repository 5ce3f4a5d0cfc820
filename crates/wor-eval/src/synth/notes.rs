//! The GP's free-text note of a synthetic referral, built from the sentences in
//! `data/note-templates.json` (kept as data, like the map generator's texts): an opener, the route's
//! own sentence, a sentence per mentioned area, negations that must not add an area, a closer.

use super::resident::Resident;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use wor_core::area::SupportArea;
use wor_core::random::Rng;
use wor_core::triage::Route;

const SOURCE: &str = include_str!("../../data/note-templates.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    /// What the file is, for its readers.
    #[serde(rename = "about")]
    _about: String,
    /// Dutch sentences per area, with `{pos}` (haar/zijn), `{partner}` (man/vrouw) and `{zij}`.
    areas: BTreeMap<SupportArea, Vec<String>>,
    /// English sentences for some areas (expats; the rest falls back to Dutch).
    areas_en: BTreeMap<SupportArea, String>,
    openers: Vec<String>,
    closers: Vec<String>,
    medical: Vec<String>,
    mgn: Vec<String>,
    urgent: Vec<String>,
    /// Added to half the notes of a WoR-and-MGN referral.
    mgn_too: String,
    /// The note of a referral that mentions no area.
    unclear: String,
    negations: Vec<String>,
}

/// The templates, read once; every area has at least one sentence (a unit test reads the file).
fn texts() -> &'static Source {
    static TEXTS: OnceLock<Source> = OnceLock::new();
    TEXTS.get_or_init(|| {
        // The file is part of the crate and checked by `note_templates_cover_every_area`.
        serde_json::from_str(SOURCE).unwrap_or_else(|e| panic!("data/note-templates.json: {e}"))
    })
}

/// A Dutch sentence for `area` drawn by `rng`.
fn sentence_nl<'a>(rng: &mut Rng, t: &'a Source, area: SupportArea) -> &'a str {
    t.areas
        .get(&area)
        .map_or("", |list| rng.pick(list).as_str())
}

pub(super) fn note(
    rng: &mut Rng,
    r: &Resident,
    route: Route,
    mentioned: &[SupportArea],
    female: bool,
    english: bool,
) -> String {
    let t = texts();
    let mut parts: Vec<String> = Vec::new();
    let subject = if female { "Mevr." } else { "Dhr." };
    if rng.chance(0.5) {
        parts.push(format!(
            "{subject} {}",
            lower_first(rng.pick::<String>(&t.openers))
        ));
    }
    let fill = |s: &str| {
        s.replace("{pos}", if female { "haar" } else { "zijn" })
            .replace("{partner}", if female { "man" } else { "vrouw" })
            .replace("{zij}", if female { "zij" } else { "hij" })
    };
    match route {
        Route::Medical => parts.push(rng.pick(&t.medical).clone()),
        Route::Mgn => parts.push(rng.pick(&t.mgn).clone()),
        Route::Urgent => parts.push(rng.pick(&t.urgent).clone()),
        _ => {}
    }
    let mut sentences: Vec<String> = mentioned
        .iter()
        .map(|a| match (english, t.areas_en.get(a)) {
            (true, Some(en)) => en.clone(),
            _ => fill(sentence_nl(rng, t, *a)),
        })
        .collect();
    rng.shuffle(&mut sentences);
    parts.extend(sentences);
    if route == Route::WorAndMgn && rng.chance(0.5) {
        parts.push(t.mgn_too.clone());
    }
    if mentioned.is_empty() && !matches!(route, Route::Medical | Route::Mgn | Route::Urgent) {
        parts.push(t.unclear.clone());
    }
    // Negations exercise the detector: they must not add an area.
    if rng.chance(0.15) {
        let debts = r.main_area == SupportArea::DebtPoverty
            || r.other_areas.contains(&SupportArea::DebtPoverty);
        if !debts {
            parts.push(rng.pick(&t.negations).clone());
        }
    }
    if rng.chance(0.4) {
        parts.push(rng.pick(&t.closers).clone());
    }
    parts.join(" ")
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wor_core::detect::detect_areas;

    fn areas_of(text: &str) -> Vec<SupportArea> {
        detect_areas(text).iter().map(|d| d.area).collect()
    }

    #[test]
    fn every_note_template_is_detected_as_its_area() {
        let t = texts();
        for area in SupportArea::ALL {
            let dutch = t.areas.get(&area).map_or(&[][..], Vec::as_slice);
            assert!(!dutch.is_empty(), "{area:?} has no sentence");
            for s in dutch {
                let text = s
                    .replace("{pos}", "haar")
                    .replace("{partner}", "man")
                    .replace("{zij}", "zij");
                let found = areas_of(&text);
                assert!(found.contains(&area), "{area}: «{text}» gives {found:?}");
            }
            if let Some(en) = t.areas_en.get(&area) {
                let found = areas_of(en);
                assert!(found.contains(&area), "{area}: «{en}» gives {found:?}");
            }
        }
        for neutral in t
            .openers
            .iter()
            .chain(&t.closers)
            .chain(&t.medical)
            .chain(&t.urgent)
        {
            assert!(areas_of(neutral).is_empty(), "«{neutral}»");
        }
        for neg in &t.negations {
            assert!(areas_of(neg).is_empty(), "«{neg}»");
        }
    }
}
