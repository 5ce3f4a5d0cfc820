//! The languages a resident can ask for (`preferences.languages`, ISO 639-1) with their Dutch and
//! English names: the one list the engine's explanations and the page's checkboxes both read.

/// ISO 639-1 code, Dutch name, English name; in the order the page offers them.
pub const LANGUAGES: &[(&str, &str, &str)] = &[
    ("nl", "Nederlands", "Dutch"),
    ("en", "Engels", "English"),
    ("tr", "Turks", "Turkish"),
    ("ar", "Arabisch", "Arabic"),
    ("pl", "Pools", "Polish"),
    ("uk", "Oekraïens", "Ukrainian"),
    ("ti", "Tigrinya", "Tigrinya"),
    ("so", "Somalisch", "Somali"),
    ("fa", "Perzisch", "Persian"),
    ("de", "Duits", "German"),
    ("fr", "Frans", "French"),
    ("es", "Spaans", "Spanish"),
    ("zh", "Chinees", "Chinese"),
];

/// The Dutch name of a language code; the code itself when it is not in the list.
pub fn name_nl(code: &str) -> &str {
    LANGUAGES.iter().find(|l| l.0 == code).map_or(code, |l| l.1)
}

/// The English name of a language code; the code itself when it is not in the list.
pub fn name_en(code: &str) -> &str {
    LANGUAGES.iter().find(|l| l.0 == code).map_or(code, |l| l.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_two_letter_codes_and_unknown_codes_stay_as_written() {
        let mut codes: Vec<_> = LANGUAGES.iter().map(|l| l.0).collect();
        assert!(codes.iter().all(|c| c.len() == 2));
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), LANGUAGES.len());
        assert_eq!(name_nl("uk"), "Oekraïens");
        assert_eq!(name_en("uk"), "Ukrainian");
        assert_eq!(name_nl("xx"), "xx");
    }
}
