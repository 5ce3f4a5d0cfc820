//! The generator's Dutch texts, kept as data in `data/generator-texts.json` (like the lexicon): names
//! and descriptions per support area and kind, organisations, closing sentences and street names.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use wor_core::area::SupportArea;
use wor_core::map::model::ActivityKind;

const SOURCE: &str = include_str!("../../data/generator-texts.json");

/// A text template for one kind of offer. `{place}` is the PC4 place name, `{gemeente}` the municipality.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Template {
    pub area: SupportArea,
    pub kind: ActivityKind,
    pub group: bool,
    pub name: String,
    pub description: String,
    pub keywords: Vec<String>,
    /// Plausible secondary areas.
    pub also: Vec<SupportArea>,
    /// Index into [`Texts::organisations`].
    pub organisation: usize,
}

/// The fallback for an (area, kind) pair without a template: name and description end with the area's topic.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Generic {
    kind: ActivityKind,
    group: bool,
    name: String,
    description: String,
    organisation: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Closing {
    pub activity: Vec<String>,
    pub service: Vec<String>,
    pub provision: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    /// What the file is, for its readers.
    #[serde(rename = "about")]
    _about: String,
    organisations: Vec<String>,
    templates: Vec<Template>,
    generic: Vec<Generic>,
    generic_topics: BTreeMap<String, String>,
    closing: Closing,
    streets: Vec<String>,
}

#[derive(Debug)]
pub(super) struct Texts {
    pub organisations: Vec<String>,
    pub templates: Vec<Template>,
    /// Per kind (activity, service, provision) one template per support area, in `SupportArea::ALL` order.
    generic: [Vec<Template>; 3],
    pub closing: Closing,
    pub streets: Vec<String>,
}

impl Texts {
    pub fn generic(&self, kind: ActivityKind, area: SupportArea) -> &Template {
        &self.generic[kind_index(kind)][area.index()]
    }
}

fn kind_index(kind: ActivityKind) -> usize {
    match kind {
        ActivityKind::Activity => 0,
        ActivityKind::Service => 1,
        ActivityKind::Provision => 2,
    }
}

/// The bundled texts, parsed once. The file is part of the build and checked by the tests below, so a
/// failure here is a broken build, not bad input.
pub(super) fn texts() -> &'static Texts {
    static TEXTS: OnceLock<Texts> = OnceLock::new();
    TEXTS.get_or_init(|| parse(SOURCE).expect("data/generator-texts.json is valid (tested)"))
}

fn parse(source: &str) -> Result<Texts, String> {
    let s: Source = serde_json::from_str(source).map_err(|e| e.to_string())?;
    let mut generic: [Vec<Template>; 3] = Default::default();
    for g in &s.generic {
        let slot = &mut generic[kind_index(g.kind)];
        for area in SupportArea::ALL {
            let topic = s
                .generic_topics
                .get(area.id())
                .ok_or_else(|| format!("generic_topics: no topic for '{}'", area.id()))?;
            slot.push(Template {
                area,
                kind: g.kind,
                group: g.group,
                name: format!("{} {topic} {{gemeente}}", g.name),
                description: format!("{} {topic}.", g.description),
                keywords: vec![topic.clone()],
                also: Vec::new(),
                organisation: g.organisation,
            });
        }
    }
    if let Some(kind) = generic.iter().position(Vec::is_empty) {
        return Err(format!("generic: no template for kind {kind}"));
    }
    let organisations = s.organisations.len();
    let bad = |t: &Template| t.organisation >= organisations;
    if let Some(t) = s
        .templates
        .iter()
        .chain(generic.iter().flatten())
        .find(|t| bad(t))
    {
        return Err(format!(
            "{}: organisation {} out of range",
            t.name, t.organisation
        ));
    }
    if [
        &s.closing.activity,
        &s.closing.service,
        &s.closing.provision,
        &s.streets,
    ]
    .iter()
    .any(|v| v.is_empty())
    {
        return Err("closing sentences and streets must not be empty".into());
    }
    Ok(Texts {
        organisations: s.organisations,
        templates: s.templates,
        generic,
        closing: s.closing,
        streets: s.streets,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_texts_parse_and_cover_every_area_and_kind() {
        let t = parse(SOURCE).unwrap();
        for g in &t.generic {
            assert_eq!(g.len(), SupportArea::ALL.len());
        }
        assert_eq!(
            t.generic(ActivityKind::Service, SupportArea::DebtPoverty)
                .name,
            "Spreekuur geldzorgen {gemeente}"
        );
        assert!(t.templates.len() > 50);
    }

    #[test]
    fn a_broken_file_names_the_problem() {
        let e = parse(&SOURCE.replace("\"organisation\": 1", "\"organisation\": 99")).unwrap_err();
        assert!(e.contains("organisation 99 out of range"), "{e}");
        assert!(parse("{}").is_err());
    }
}
