//! What can be read of a referral that failed validation, so that risk decides first
//! ([`crate::triage::urgent_despite`]): a note saying "heeft pillen gespaard" is urgent whether or not
//! the age was filled in.
//!
//! Only the fields that can carry a risk signal or decide where it is handled are read (id, note,
//! flags, municipality, postcode, referrer), each leniently: a field of the wrong type is left out, an
//! unknown flag is skipped, and every other field (a missing or invalid age, consent, areas) is never
//! looked at. The salvaged referral is used for an urgent decision only, never to match.

use crate::referral::{limits, Flag, Referral, Referrer};
use serde::de::{Deserializer, IgnoredAny, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// A field read without failing: text, a list of texts, or something else (left out).
#[derive(Default)]
enum Loose {
    #[default]
    Absent,
    Text(String),
    Texts(Vec<String>),
    Other,
}

impl Loose {
    fn text(self) -> Option<String> {
        match self {
            Loose::Text(s) => Some(s),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Loose;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E>(self, s: &str) -> Result<Loose, E> {
                Ok(Loose::Text(s.to_string()))
            }
            fn visit_string<E>(self, s: String) -> Result<Loose, E> {
                Ok(Loose::Text(s))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Loose, E> {
                Ok(Loose::Other)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Loose, E> {
                Ok(Loose::Other)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Loose, E> {
                Ok(Loose::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Loose, E> {
                Ok(Loose::Other)
            }
            fn visit_unit<E>(self) -> Result<Loose, E> {
                Ok(Loose::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
                let mut texts = Vec::new();
                while let Some(item) = seq.next_element::<Loose>()? {
                    if let Loose::Text(s) = item {
                        texts.push(s);
                    }
                }
                Ok(Loose::Texts(texts))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Loose::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// The fields salvage reads; serde skips every other one.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Probe {
    id: Loose,
    text: Loose,
    flags: Loose,
    municipality: Loose,
    postcode: Loose,
    referrer: Loose,
}

/// A closed-list value by its contract id, through the type's own serde names.
fn by_id<'de, T: Deserialize<'de>>(id: &'de str) -> Option<T> {
    T::deserialize(IntoDeserializer::<serde::de::value::Error>::into_deserializer(id)).ok()
}

impl Referral {
    /// What can be read of an invalid referral: `None` when the record is not a JSON object within the
    /// size limit. Age and consent are not read (they are 0 and `false`), nor anything else that cannot
    /// make a decision urgent.
    pub fn salvage(json: &str) -> Option<Referral> {
        if json.len() > limits::MAX_RECORD_BYTES || !json.trim_start().starts_with('{') {
            return None;
        }
        let probe: Probe = serde_json::from_str(json).ok()?;
        let flags: Vec<Flag> = match probe.flags {
            Loose::Texts(ids) => {
                let mut flags: Vec<Flag> = ids.iter().filter_map(|id| by_id(id)).collect();
                crate::sort::sort(&mut flags);
                flags.dedup();
                flags
            }
            _ => Vec::new(),
        };
        Some(Referral {
            id: probe.id.text().unwrap_or_default(),
            age: 0,
            consent: false,
            municipality: probe.municipality.text(),
            postcode: probe.postcode.text(),
            areas: Vec::new(),
            text: probe.text.text(),
            screening: None,
            flags,
            preferences: Default::default(),
            referrer: probe.referrer.text().and_then(|id| by_id::<Referrer>(&id)),
            positive_health: None,
            date: None,
            practice: None,
            channel: None,
            audience: Vec::new(),
            life_events: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn salvage_reads_the_note_and_flags_whatever_else_is_wrong() {
        let r = Referral::salvage(
            r#"{"id": "x", "age": "oud", "consent": "misschien", "flags": ["suicidal_ideation", "bogus", 3],
                "text": "heeft pillen gespaard", "municipality": 546, "referrer": "gp", "areas": 7}"#,
        )
        .expect("an object");
        assert_eq!(r.id, "x");
        assert_eq!(r.flags, vec![Flag::SuicidalIdeation]);
        assert_eq!(r.text.as_deref(), Some("heeft pillen gespaard"));
        assert_eq!(r.municipality, None);
        assert_eq!(r.referrer, Some(Referrer::Gp));
    }

    #[test]
    fn salvage_refuses_what_is_not_an_object() {
        assert!(Referral::salvage("[1, 2]").is_none());
        assert!(Referral::salvage("{\"text\": ").is_none());
        assert!(Referral::salvage("").is_none());
    }
}
