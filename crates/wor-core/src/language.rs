//! The languages residents and activities name: one table for the engine, the map tools and the page.
//!
//! Referrals and maps use ISO 639-1 codes (`"tr"`). The table gives each the Dutch and English name and
//! the ISO 639-2 codes HSDS files may use instead (terminology `tur`, bibliographic `tur`).

/// One language: its ISO 639-1 code, ISO 639-2 codes, and names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    pub code: &'static str,
    pub iso639_2t: &'static str,
    pub iso639_2b: &'static str,
    pub label_nl: &'static str,
    pub label_en: &'static str,
    /// The page offers it as a checkbox.
    pub listed: bool,
}

const fn l(
    code: &'static str,
    iso639_2t: &'static str,
    iso639_2b: &'static str,
    label_nl: &'static str,
    label_en: &'static str,
    listed: bool,
) -> Language {
    Language {
        code,
        iso639_2t,
        iso639_2b,
        label_nl,
        label_en,
        listed,
    }
}

/// The languages the engine names. The first ones, `listed`, are the page's checkboxes for a resident's
/// languages (the languages most spoken by residents of the demo regions, Dutch first); every code is
/// accepted everywhere.
pub const LANGUAGES: &[Language] = &[
    l("nl", "nld", "dut", "Nederlands", "Dutch", true),
    l("en", "eng", "eng", "Engels", "English", true),
    l("tr", "tur", "tur", "Turks", "Turkish", true),
    l("ar", "ara", "ara", "Arabisch", "Arabic", true),
    l("pl", "pol", "pol", "Pools", "Polish", true),
    l("uk", "ukr", "ukr", "Oekraïens", "Ukrainian", true),
    l("ti", "tir", "tir", "Tigrinya", "Tigrinya", true),
    l("so", "som", "som", "Somalisch", "Somali", true),
    l("fa", "fas", "per", "Perzisch", "Persian", true),
    l("de", "deu", "ger", "Duits", "German", true),
    l("fr", "fra", "fre", "Frans", "French", true),
    l("es", "spa", "spa", "Spaans", "Spanish", true),
    l("zh", "zho", "chi", "Chinees", "Chinese", true),
    l("pt", "por", "por", "Portugees", "Portuguese", false),
    l("it", "ita", "ita", "Italiaans", "Italian", false),
    l("ru", "rus", "rus", "Russisch", "Russian", false),
    l("ro", "ron", "rum", "Roemeens", "Romanian", false),
    l("bg", "bul", "bul", "Bulgaars", "Bulgarian", false),
    l("ur", "urd", "urd", "Urdu", "Urdu", false),
    l("hi", "hin", "hin", "Hindi", "Hindi", false),
    l("sk", "slk", "slo", "Slowaaks", "Slovak", false),
    l("ku", "kur", "kur", "Koerdisch", "Kurdish", false),
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

/// The languages the page offers as checkboxes.
pub fn listed() -> impl Iterator<Item = &'static Language> {
    LANGUAGES.iter().filter(|l| l.listed)
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
