//! The languages residents and activities name: one table for the engine, the map tools and the page.
//!
//! Referrals and maps use ISO 639-1 codes (`"tr"`). The table gives each the Dutch and English name and
//! the ISO 639-2 codes HSDS files may use instead (terminology `tur`, bibliographic `tur`).

/// One language: its ISO 639-1 code, ISO 639-2 codes, and names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Language {
    pub code: &'static str,
    #[serde(skip)]
    pub iso639_2t: &'static str,
    #[serde(skip)]
    pub iso639_2b: &'static str,
    pub label_nl: &'static str,
    pub label_en: &'static str,
}

const fn l(
    code: &'static str,
    iso639_2t: &'static str,
    iso639_2b: &'static str,
    label_nl: &'static str,
    label_en: &'static str,
) -> Language {
    Language {
        code,
        iso639_2t,
        iso639_2b,
        label_nl,
        label_en,
    }
}

/// The languages most spoken by residents of the demo regions, Dutch first (the order the page lists).
pub const LANGUAGES: &[Language] = &[
    l("nl", "nld", "dut", "Nederlands", "Dutch"),
    l("en", "eng", "eng", "Engels", "English"),
    l("tr", "tur", "tur", "Turks", "Turkish"),
    l("ar", "ara", "ara", "Arabisch", "Arabic"),
    l("pl", "pol", "pol", "Pools", "Polish"),
    l("uk", "ukr", "ukr", "Oekraïens", "Ukrainian"),
    l("ti", "tir", "tir", "Tigrinya", "Tigrinya"),
    l("de", "deu", "ger", "Duits", "German"),
    l("fr", "fra", "fre", "Frans", "French"),
    l("es", "spa", "spa", "Spaans", "Spanish"),
    l("pt", "por", "por", "Portugees", "Portuguese"),
    l("it", "ita", "ita", "Italiaans", "Italian"),
    l("ru", "rus", "rus", "Russisch", "Russian"),
    l("ro", "ron", "rum", "Roemeens", "Romanian"),
    l("bg", "bul", "bul", "Bulgaars", "Bulgarian"),
    l("so", "som", "som", "Somalisch", "Somali"),
    l("fa", "fas", "per", "Perzisch", "Persian"),
    l("ur", "urd", "urd", "Urdu", "Urdu"),
    l("zh", "zho", "chi", "Chinees", "Chinese"),
    l("hi", "hin", "hin", "Hindi", "Hindi"),
    l("sk", "slk", "slo", "Slowaaks", "Slovak"),
    l("ku", "kur", "kur", "Koerdisch", "Kurdish"),
];

/// The language with this ISO 639-1 code.
pub fn language(code: &str) -> Option<&'static Language> {
    LANGUAGES.iter().find(|l| l.code == code)
}

/// The language a person or a file names in any of the table's ways (code, ISO 639-2, Dutch or English
/// name), case-insensitively.
pub fn find(name: &str) -> Option<&'static Language> {
    let s = name.trim().to_lowercase();
    LANGUAGES.iter().find(|l| {
        l.code == s
            || l.iso639_2t == s
            || l.iso639_2b == s
            || l.label_nl.to_lowercase() == s
            || l.label_en.to_lowercase() == s
    })
}

/// The Dutch name of a language code; an unknown code as it is.
pub fn label_nl(code: &str) -> &str {
    language(code).map_or(code, |l| l.label_nl)
}

/// The English name of a language code; an unknown code as it is.
pub fn label_en(code: &str) -> &str {
    language(code).map_or(code, |l| l.label_en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_of_naming_finds_the_same_language() {
        for name in ["tr", "TUR", "Turks", "turkish", " Turkish "] {
            assert_eq!(find(name).map(|l| l.code), Some("tr"), "{name}");
        }
        assert_eq!(find("ger").map(|l| l.code), Some("de"));
        assert_eq!(find("klingon"), None);
    }

    #[test]
    fn codes_are_unique_iso_639_1() {
        let mut codes: Vec<&str> = LANGUAGES.iter().map(|l| l.code).collect();
        assert!(codes.iter().all(|c| c.len() == 2));
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), LANGUAGES.len());
    }

    #[test]
    fn unknown_codes_are_shown_as_they_are() {
        assert_eq!(label_nl("xx"), "xx");
        assert_eq!(label_en("fa"), "Persian");
    }
}
