//! The note reader's unit tests: areas, cues, contexts, tokens and typos.

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
    let p = parse_lexicon(&[("lexicon.txt", &lexicon_src()), ("policy", &cues)]);
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
    assert!(
        areas("Mevr. gisteren gevallen, knie gestoten, zwelling en pijn. Kan moeilijk lopen.")
            .is_empty()
    );
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
    let long: String = "Mevr. voelt zich eenzaam, heeft schulden en slaapt slecht. ".repeat(200);
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

/// The packed lexicon build.rs compiles in expands to the source file's lines, in order, comments and
/// blank lines left out (so line numbers in messages and every pattern stay as they were).
#[test]
fn packed_lexicon_expands_to_the_source_lines() {
    let source: Vec<String> = include_str!("../../data/lexicon.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut it = l.splitn(3, ['\t', ' ']);
            let mut f = || it.next().unwrap_or("").trim().to_string();
            format!("{}\t{}\t{}", f(), f(), f())
        })
        .collect();
    let expanded: Vec<String> = lexicon_src().lines().map(str::to_string).collect();
    assert_eq!(expanded, source);
}

#[test]
fn inflections_read_by_their_base_form() {
    let mut out = Vec::new();
    let suffixes: Vec<Box<str>> = ["en", "s", "je", "jes"].map(Box::from).to_vec();
    base_forms(&suffixes, "problemen", &mut out);
    assert!(out.iter().any(|b| b == "probleem"), "{out:?}");
    base_forms(&suffixes, "brieven", &mut out);
    assert!(out.iter().any(|b| b == "brief"), "{out:?}");
    base_forms(&suffixes, "katten", &mut out);
    assert!(out.iter().any(|b| b == "kat"), "{out:?}");
    base_forms(&suffixes, "huizen", &mut out);
    assert!(out.iter().any(|b| b == "huis"), "{out:?}");
    // Short tokens are never reduced: "alle" is no form of "al".
    base_forms(&suffixes, "alle", &mut out);
    assert!(out.is_empty());
    // A diminutive plural of a loneliness phrase word ("weinig bezoek").
    assert_has("Krijgt weinig bezoekjes.", Loneliness);
}

#[test]
fn compounds_read_by_their_parts() {
    assert_has("Mw. heeft schuldenproblematiek.", DebtPoverty);
    assert_has("Overbelast door mantelzorgtaken.", CarerStrain);
    // A head word at the end of a compound the lexicon does not hold.
    assert_has("Last van wijkeenzaamheid.", Loneliness);
    // Cues are never guessed from part of a word ("psychose" would be the head of this one).
    assert!(!cues("Bezoekt de wijkpsychose.").contains(&Cue::Psychosis));
}

#[test]
fn soep_labels_end_a_clause() {
    // Without the label boundary "neg" would deny across into the next section.
    let n =
        note("S: somber, suicidaliteit uitgevraagd O: rustig E: depressieve episode P: verwijzing");
    assert!(n.cues.iter().any(|c| c.cue == Cue::Depression), "{n:?}");
    // A label's colon is a boundary: the negation in S does not reach the area in E.
    assert_has("S: geen klachten E: eenzaamheid", Loneliness);
    assert_has("S: voelt zich alleen. P: WoR i.o.m. pte", Loneliness);
}

#[test]
fn psychosis_described_in_words() {
    for text in [
        "is ervan overtuigd dat de buren hem afluisteren",
        "denkt dat zijn eten wordt vergiftigd",
        "voelt zich gevolgd op straat",
        "believes she is being watched by the neighbours",
        "messages on the radio are meant for him",
    ] {
        assert!(
            cues(text).contains(&Cue::Psychosis),
            "{text}: {:?}",
            note(text)
        );
    }
    // Follow-up is not paranoia (it was read as psychosis before issue 30).
    assert!(!cues("is being followed up by the cardiologist").contains(&Cue::Psychosis));
}

#[test]
fn contextd_negation_of_non_risk_findings_and_current_again() {
    use SetAsideWhy::*;
    assert!(set_aside("geen klachten van depressie").contains(&(Cue::Depression, Denied)));
    assert!(set_aside("vrij van depressie").contains(&(Cue::Depression, Denied)));
    assert!(set_aside("depressie: nihil").contains(&(Cue::Depression, Denied)));
    // For a risk the narrow denial stays: ContextD's wider triggers do not set it aside.
    assert!(cues("geen klachten van suicidaliteit").contains(&Cue::Suicidality));
    assert!(set_aside("destijds psychose").contains(&(Cue::Psychosis, History)));
    // "eerder …, nu weer" is now.
    assert!(cues("vroeger en nu weer psychose").contains(&Cue::Psychosis));
    assert!(set_aside("vroeger psychose").contains(&(Cue::Psychosis, History)));
    // Relatives from ContextD's experiencer list.
    assert!(set_aside("stiefvader had een psychose").contains(&(Cue::Psychosis, OtherPerson)));
}
