//! Each of the plan's tables recomputed from the defaults, to the euro; what-if, actuals and errors.

use super::*;
use wor_core::error::Code;

fn plan() -> BusinessCase {
    BusinessCase::compute(&Params::default(), &Actuals::new()).unwrap()
}

fn region<'a>(bc: &'a BusinessCase, id: &str) -> &'a RegionResult {
    &bc.regions[id]
}

fn years(m: &BTreeMap<String, i64>) -> Vec<i64> {
    m.values().copied().collect()
}

// Plan 7.1, "Opschaling verwijzingen" and "Besparingen Zvw".
#[test]
fn the_defaults_reproduce_plan_table_7_1_referrals_and_savings_to_the_euro() {
    let bc = plan();
    assert_eq!(bc.years, [2026, 2027, 2028, 2029, 2030]);
    let zhn = region(&bc, "zuid-holland-noord");
    assert_eq!(zhn.base_referrals, 1306);
    assert_eq!(zhn.referrals, [1959, 2939, 4408, 4408, 4408]);
    assert_eq!(
        zhn.savings_eur,
        [666_713, 1_666_783, 3_166_887, 3_166_887, 3_166_887]
    );
    assert_eq!(zhn.savings_total_eur, 11_834_156);
    let ams = region(&bc, "amstelland");
    assert_eq!(ams.base_referrals, 397);
    assert_eq!(ams.referrals, [596, 893, 1340, 1340, 1340]);
    assert_eq!(
        ams.savings_eur,
        [202_669, 506_671, 962_675, 962_675, 962_675]
    );
    assert_eq!(ams.savings_total_eur, 3_597_366);
    let hlm = region(&bc, "haarlemmermeer");
    assert_eq!(hlm.base_referrals, 383);
    assert_eq!(hlm.referrals, [479, 718, 1077, 1077, 1077]);
    assert_eq!(
        hlm.savings_eur,
        [97_761, 342_163, 708_765, 708_765, 708_765]
    );
    assert_eq!(hlm.savings_total_eur, 2_566_220);
    let t = &bc.totals;
    assert_eq!(t.referrals, [3033, 4550, 6825, 6825, 6825]);
    // The plan's "Totaal" cells include the base year (see the warning test).
    assert_eq!(zhn.referrals_total + zhn.base_referrals, 19_427);
    assert_eq!(ams.referrals_total + ams.base_referrals, 5_905);
    assert_eq!(hlm.referrals_total + hlm.base_referrals, 4_811);
    assert_eq!(t.referrals_total + 2086, 30_144);
    assert_eq!(
        t.savings_indexed_eur,
        [996_157, 2_668_817, 5_286_841, 5_445_538, 5_609_073]
    );
    assert_eq!(t.savings_indexed_total_eur, 20_006_425);
}

// Plan 7.2, "Inzet professionals sociaal domein voor WoR" (its header says 2025-2029; see warnings).
#[test]
fn the_defaults_reproduce_plan_table_7_2_social_worker_costs_to_the_euro() {
    let bc = plan();
    let zhn = region(&bc, "zuid-holland-noord");
    assert_eq!(
        zhn.social_worker_cost_eur,
        [496_280, 1_240_700, 2_357_330, 2_357_330, 2_357_330]
    );
    assert_eq!(zhn.social_worker_cost_total_eur, 8_808_970);
    let ams = region(&bc, "amstelland");
    assert_eq!(
        ams.social_worker_cost_eur,
        [150_860, 377_150, 716_585, 716_585, 716_585]
    );
    assert_eq!(ams.social_worker_cost_total_eur, 2_677_765);
    let hlm = region(&bc, "haarlemmermeer");
    assert_eq!(
        hlm.social_worker_cost_eur,
        [72_770, 254_695, 527_583, 527_583, 527_583]
    );
    assert_eq!(hlm.social_worker_cost_total_eur, 1_910_213);
    let t = &bc.totals;
    assert_eq!(
        t.social_worker_cost_eur,
        [719_910, 1_872_545, 3_601_498, 3_601_498, 3_601_498]
    );
    assert_eq!(t.social_worker_cost_total_eur, 13_396_948);
    assert_eq!(
        t.social_worker_cost_indexed_eur,
        [741_507, 1_986_583, 3_935_356, 4_053_485, 4_175_216]
    );
    assert_eq!(t.social_worker_cost_indexed_total_eur, 14_892_148);
}

// Plan 7.3, "Positieve businesscase".
#[test]
fn the_defaults_reproduce_plan_table_7_3_to_the_euro() {
    let bc = plan();
    let t = &bc.totals;
    assert_eq!(
        t.follow_up_cost_indexed_eur,
        [117_080, 313_671, 621_372, 640_024, 659_245]
    );
    assert_eq!(
        years(&t.one_off_investment_indexed_eur),
        [550_935, 919_338, 899_591]
    );
    assert_eq!(t.one_off_investment_indexed_total_eur, 2_369_864);
    assert_eq!(
        t.net_effect_eur
            .keys()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        ["2025", "2026", "2027", "2028", "2029", "2030"]
    );
    assert_eq!(
        years(&t.net_effect_eur),
        [-550_935, -781_768, -531_028, 730_112, 752_028, 774_612]
    );
    assert_eq!(t.net_effect_total_eur, 393_022);
    assert_eq!(t.net_effect_cumulative_eur["2030"], 393_022);
    assert_eq!(t.net_effect_cumulative_eur["2026"], -1_332_703);
}

// Plan 7.4, "Doorvertaling naar potentiële FTE inzet en besparing".
#[test]
fn the_defaults_reproduce_plan_table_7_4_fte_to_the_tenth() {
    let f = plan().totals.fte;
    assert_eq!(f.years, [2025, 2026, 2027, 2028]);
    fn rows<T: Clone>(m: &BTreeMap<String, Vec<T>>) -> [Vec<T>; 4] {
        [
            "zuid-holland-noord",
            "amstelland",
            "haarlemmermeer",
            "total",
        ]
        .map(|k| m[k].clone())
    }
    assert_eq!(
        rows(&f.referrals),
        [
            vec![1306, 1959, 2939, 4408],
            vec![397, 596, 893, 1340],
            vec![383, 479, 718, 1077],
            vec![2086, 3033, 4550, 6825]
        ]
    );
    assert_eq!(
        rows(&f.social_worker_hours),
        [
            vec![10448, 15672, 23508, 35262],
            vec![3176, 4764, 7146, 10719],
            vec![3064, 3830, 5745, 8618],
            vec![16688, 24266, 36399, 54599]
        ]
    );
    assert_eq!(
        rows(&f.social_worker_fte),
        [
            vec![8.2, 12.2, 18.4, 27.5],
            vec![2.5, 3.7, 5.6, 8.4],
            vec![2.4, 3.0, 4.5, 6.7],
            vec![13.0, 19.0, 28.4, 42.7]
        ]
    );
    assert_eq!(
        rows(&f.zvw_fte_saved),
        [
            vec![9.4, 14.1, 21.1, 31.7],
            vec![2.9, 4.3, 6.4, 9.6],
            vec![2.8, 3.4, 5.2, 7.7],
            vec![15.0, 21.8, 32.7, 49.1]
        ]
    );
}

// Plan 8.1, "Eenmalige investeringsmiddelen", row by row (incl. VAT, excl. indexation).
#[test]
fn the_defaults_reproduce_plan_table_8_1_one_off_investments_to_the_euro() {
    let t = plan().totals;
    let row = |id: &str| {
        let r = t.one_off_items.iter().find(|r| r.id == id).unwrap();
        let mut v = years(&r.amounts_eur);
        v.push(r.total_eur);
        v
    };
    for id in [
        "project_lead_zhn_leidse_regio",
        "project_lead_zhn_duin_bollenstreek",
        "project_lead_zhn_rijnstreek",
        "project_lead_amstelland",
        "project_lead_haarlemmermeer",
    ] {
        assert_eq!(row(id), [34_316, 68_631, 68_631, 171_578], "{id}");
    }
    assert_eq!(
        row("project_lead_supra_regional"),
        [60_403, 120_806, 120_806, 302_016]
    );
    assert_eq!(row("transformation_plan"), [116_402, 0, 0, 116_402]);
    assert_eq!(
        row("training_zuid-holland-noord"),
        [18_852, 28_048, 42_302, 89_201]
    );
    assert_eq!(row("training_amstelland"), [5_748, 8_506, 12_874, 27_128]);
    assert_eq!(
        row("training_haarlemmermeer"),
        [5_518, 6_897, 10_346, 22_760]
    );
    assert_eq!(
        row("learning_internal_zhn"),
        [8_712, 17_424, 17_424, 43_560]
    );
    assert_eq!(
        row("learning_internal_amstelland"),
        [2_904, 5_808, 5_808, 14_520]
    );
    assert_eq!(
        row("learning_internal_haarlemmermeer"),
        [2_904, 5_808, 5_808, 14_520]
    );
    assert_eq!(row("learning_external_zhn"), [4_356, 8_712, 8_712, 21_780]);
    assert_eq!(
        row("learning_external_amstelland"),
        [1_452, 2_904, 2_904, 7_260]
    );
    assert_eq!(
        row("learning_external_haarlemmermeer"),
        [1_452, 2_904, 2_904, 7_260]
    );
    assert_eq!(row("ict_zhn"), [54_450, 108_900, 54_450, 217_800]);
    assert_eq!(row("ict_haarlemmermeer"), [18_150, 36_300, 18_150, 72_600]);
    assert_eq!(
        row("communication_external_zhn"),
        [17_182, 64_614, 64_614, 146_410]
    );
    assert_eq!(
        row("communication_external_amstelland"),
        [7_744, 21_538, 21_538, 50_820]
    );
    assert_eq!(
        row("communication_external_haarlemmermeer"),
        [7_744, 21_538, 21_538, 50_820]
    );
    assert_eq!(
        row("communication_internal_zhn"),
        [13_068, 26_136, 26_136, 65_340]
    );
    assert_eq!(
        row("communication_internal_amstelland"),
        [4_356, 8_712, 8_712, 21_780]
    );
    assert_eq!(
        row("communication_internal_haarlemmermeer"),
        [4_356, 8_712, 8_712, 21_780]
    );
    assert_eq!(row("effect_study"), [18_150, 36_300, 36_300, 90_750]);
    assert_eq!(years(&t.one_off_contingency_eur), [5_455, 8_837, 8_332]);
    assert_eq!(
        years(&t.one_off_investment_eur),
        [550_935, 892_561, 841_526]
    );
    assert_eq!(t.one_off_investment_total_eur, 2_285_021);
    assert_eq!(
        years(&t.one_off_investment_indexed_eur),
        [550_935, 919_338, 899_591]
    );
    assert_eq!(t.one_off_investment_indexed_total_eur, 2_369_864);
}

// Plan 8.3, "Totale aanvraag".
#[test]
fn the_defaults_reproduce_plan_table_8_3_funding_request_to_the_euro() {
    let f = plan().totals.funding_request_eur;
    assert_eq!(f.one_off_investment_eur, 2_369_864);
    assert_eq!(f.social_worker_cost_eur, 2_728_090);
    assert_eq!(f.follow_up_cost_eur, 430_751);
    assert_eq!(f.social_domain_eur, 3_158_841);
    assert_eq!(f.total_eur, 5_528_705);
}

#[test]
fn warnings_cite_the_plans_contradicting_totals() {
    let bc = plan();
    let w = |code: &str| {
        bc.warnings
            .iter()
            .find(|w| w.code == code)
            .unwrap()
            .nl
            .clone()
    };
    let t = w("plan_referral_total_includes_base");
    assert!(t.contains("30.144") && t.contains("28.058"), "{t}");
    // Plan 7.3's published totals, reproduced from the years they actually sum.
    let t = w("plan_table_7_3_totals_omit_2030");
    for published in [
        "14.397.352",
        "10.716.932",
        "1.692.147",
        "20.006.425",
        "14.892.148",
    ] {
        assert!(t.contains(published), "{published} in {t}");
    }
    let t = w("plan_net_total_inconsistent");
    assert!(
        t.contains("393.022") && t.contains("2.369.864") && t.contains("-381.591"),
        "{t}"
    );
    let t = w("plan_one_off_2027_index");
    assert!(t.contains("899.591") && t.contains("892.775"), "{t}");
    assert!(w("plan_table_7_2_years_shifted").contains("2026-2030"));
}

#[test]
fn what_if_changes_only_what_it_names() {
    let p =
        Params::from_json_overrides(r#"{"regions": {"amstelland": {"growth": [0, 0, 0, 0, 0]}}}"#)
            .unwrap();
    let bc = BusinessCase::compute(&p, &Actuals::new()).unwrap();
    assert_eq!(bc.regions["amstelland"].savings_eur, [0; 5]);
    assert_eq!(
        bc.regions["zuid-holland-noord"].savings_eur,
        plan().regions["zuid-holland-noord"].savings_eur
    );
    // The plan's contradictions are the plan's: stated in every run, with the plan's figures.
    assert_eq!(
        bc.warnings.iter().map(|w| w.code).collect::<Vec<_>>(),
        plan().warnings.iter().map(|w| w.code).collect::<Vec<_>>()
    );
}

#[test]
fn actuals_replace_whole_years_only_where_given() {
    let actuals = Actuals::from([("haarlemmermeer".to_string(), BTreeMap::from([(2026, 400)]))]);
    let bc = BusinessCase::compute(&Params::default(), &actuals).unwrap();
    let h = &bc.regions["haarlemmermeer"];
    assert_eq!(h.referrals, [400, 718, 1077, 1077, 1077]);
    assert_eq!(h.actual, [true, false, false, false, false]);
    assert_eq!(h.extra_referrals[0], 400 - 383);
    assert_eq!(h.savings_eur[0], 17 * 1021);
    assert_eq!(bc.scenario, Scenario::Actuals);
}

#[test]
fn params_errors_name_the_field() {
    let err = |j: &str| Params::from_json_overrides(j).unwrap_err()[0].clone();
    let e = err(r#"{"indexation": "x"}"#);
    assert_eq!(
        (e.field.as_str(), e.code),
        ("indexation", Code::WrongType),
        "{e}"
    );
    let e = err(r#"{"indexaton": 0.02}"#);
    assert_eq!(
        (e.field.as_str(), e.code),
        ("indexaton", Code::UnknownField),
        "{e}"
    );
    let e = err(r#"{"regions": {"amstelland": {"growth": [0.5]}}}"#);
    assert_eq!(
        (e.field.as_str(), e.code),
        ("regions.amstelland.growth", Code::Inconsistent),
        "{e}"
    );
    let e = err(r#"{"follow_up_share": -1}"#);
    assert_eq!(
        (e.field.as_str(), e.code),
        ("follow_up_share", Code::OutOfRange),
        "{e}"
    );
    assert!(err(r#"{"regions": {"x": {"base_referrals": 1}}}"#)
        .field
        .starts_with("regions.x"));
    assert_eq!(err("[1]").code, Code::WrongType);
    assert_eq!(err("{").code, Code::InvalidJson);
}

/// The plan's parameters with realised counts for 2026: Amstelland far below its base of 397 (a file of
/// one part of the region), Zuid-Holland Noord above its base.
fn part_of_a_region() -> BusinessCase {
    let actuals = Actuals::from([
        ("amstelland".to_string(), BTreeMap::from([(2026, 120)])),
        (
            "zuid-holland-noord".to_string(),
            BTreeMap::from([(2026, 1500)]),
        ),
    ]);
    BusinessCase::compute(&Params::default(), &actuals).unwrap()
}

fn warning(bc: &BusinessCase, code: &str) -> Note {
    bc.warnings
        .iter()
        .find(|w| w.code == code)
        .cloned()
        .unwrap_or_else(|| panic!("no warning {code}"))
}

#[test]
fn realised_referrals_below_the_2024_base_give_0_extra_referrals_never_negative_money() {
    let bc = part_of_a_region();
    let a = &bc.regions["amstelland"];
    assert_eq!((a.referrals[0], a.actual[0]), (120, true));
    assert_eq!(a.extra_referrals[0], 0);
    assert_eq!(a.savings_eur[0], 0);
    assert_eq!(a.social_worker_cost_eur[0], 0);
    assert_eq!(a.follow_up_cost_eur[0], 0);
    // Zuid-Holland Noord above its base still counts its extra referrals.
    let z = &bc.regions["zuid-holland-noord"];
    assert_eq!(z.extra_referrals[0], 1500 - 1306);
    assert_eq!(z.savings_eur[0], (1500 - 1306) * 1021);
    for r in bc.regions.values() {
        for v in [
            &r.extra_referrals,
            &r.savings_eur,
            &r.social_worker_cost_eur,
            &r.follow_up_cost_eur,
        ] {
            assert!(v.iter().all(|x| *x >= 0), "{}: {v:?}", r.name);
        }
    }
    let t = &bc.totals;
    for v in [
        &t.extra_referrals,
        &t.savings_eur,
        &t.social_worker_cost_eur,
        &t.follow_up_cost_eur,
    ] {
        assert!(v.iter().all(|x| *x >= 0), "{v:?}");
    }
    // A what-if that shrinks a region below its base gives no negative money either.
    let p = Params::from_json_overrides(
        r#"{"regions": {"haarlemmermeer": {"growth": [-0.5, 0, 0, 0, 0]}}}"#,
    )
    .unwrap();
    let h = BusinessCase::compute(&p, &Actuals::new()).unwrap();
    assert_eq!(h.regions["haarlemmermeer"].savings_eur, [0; 5]);
    assert!(warning(&h, "below_base")
        .nl
        .contains("geplande verwijzingen"));
}

#[test]
fn a_count_below_the_base_warns_naming_the_base_and_asks_whether_the_file_covers_the_whole_region()
{
    let bc = part_of_a_region();
    let below: Vec<&Note> = bc
        .warnings
        .iter()
        .filter(|w| w.code == "below_base")
        .collect();
    assert_eq!(below.len(), 1, "only Amstelland is below its base");
    let w = below[0];
    assert!(
        w.nl.contains("Amstelland 2026: 120 gerealiseerde succesvolle verwijzingen")
            && w.nl.contains("basisniveau 2024 van 397 (plan 7.1)")
            && w.nl.contains("0 extra verwijzingen")
            && w.nl
                .contains("Bevat het bestand de casussen van de hele regio?"),
        "{}",
        w.nl
    );
    assert!(
        w.en.contains("Does the file hold the cases of the whole region?"),
        "{}",
        w.en
    );
    assert!(!plan().warnings.iter().any(|w| w.code == "below_base"));
}

#[test]
fn every_warning_quotes_the_plans_own_figure_beside_the_recomputed_one() {
    // Realised counts change the recomputed figures; the plan's printed ones stay the plan's.
    let bc = part_of_a_region();
    let t = &bc.totals;
    let n = |x: i64| crate::numbers::whole(wor_core::Lang::Nl, x);
    assert_ne!(t.referrals_total, 28_058);
    let w = &warning(&bc, "plan_referral_total_includes_base").nl;
    assert!(
        w.contains("plan 7.1 (30.144)") && w.contains("28.058"),
        "{w}"
    );
    assert!(w.contains(&n(t.referrals_total)), "{w}");
    let w = &warning(&bc, "plan_table_7_3_totals_omit_2030").nl;
    assert!(
        w.contains("besparingen €\u{a0}14.397.352 (deze berekening: 2026-2029"),
        "{w}"
    );
    assert!(w.contains(&n(t.savings_indexed_total_eur)), "{w}");
    assert!(
        !w.contains("€\u{a0}14.397.352 (deze berekening: 2026-2029 €\u{a0}14.397.352"),
        "{w}"
    );
    let w = &warning(&bc, "plan_net_total_inconsistent").nl;
    assert!(
        w.contains("(€\u{a0}393.022)") && w.contains(&n(t.net_effect_total_eur)),
        "{w}"
    );
    assert_ne!(t.net_effect_total_eur, 393_022);
    let w = &warning(&bc, "plan_one_off_2027_index").nl;
    assert!(w.contains("€\u{a0}899.591 in het plan"), "{w}");
    let w = &warning(&bc, "plan_kpi_targets_assume_every_referral_succeeds").nl;
    assert!(
        w.contains("Amstelland 596 / 893 (KPI 5.4 / 5.7)") && w.contains("Amstelland 120 / 893"),
        "{w}"
    );
    for (code, plans) in [
        (
            "plan_fte_savings_count_all_referrals",
            "15,0 / 21,8 / 32,7 / 49,1 FTE in 2025-2028",
        ),
        (
            "plan_haarlemmermeer_2025_amounts",
            "in 2025 samen €\u{a0}74.440",
        ),
        (
            "plan_split_8_4_not_from_amounts",
            "19,5% / 16,3% / 64,2% (deze berekening",
        ),
    ] {
        let w = warning(&bc, code).nl;
        assert!(w.contains(plans), "{plans} in {w}");
    }
}

#[test]
fn the_heading_positieve_businesscase_is_only_for_the_plans_own_scenario() {
    use wor_core::Lang;
    assert_eq!(plan().scenario, Scenario::Plan);
    assert_eq!(
        plan().heading(Lang::Nl),
        "Positieve businesscase (plan 7.3)"
    );
    // A what-if with a negative net effect says so.
    let p = Params::from_json_overrides(r#"{"zvw_saving_per_extra_referral_eur": 0}"#).unwrap();
    let bc = BusinessCase::compute(&p, &Actuals::new()).unwrap();
    assert!(bc.totals.net_effect_total_eur < 0);
    assert_eq!(bc.scenario, Scenario::WhatIf);
    let h = bc.heading(Lang::Nl);
    assert!(
        h.starts_with("Businesscase met eigen parameters (wat-als): netto effect negatief (€"),
        "{h}"
    );
    assert!(!h.contains("Positieve"), "{h}");
    assert!(bc.heading(Lang::En).contains("net effect negative"));
    // Realised years with the plan's parameters are not the plan's scenario either.
    let bc = part_of_a_region();
    assert_eq!(bc.scenario, Scenario::Actuals);
    let h = bc.heading(Lang::Nl);
    assert!(
        h.starts_with("Businesscase met gerealiseerde jaren: netto effect "),
        "{h}"
    );
    // A what-if that happens to be positive is still not the plan's heading.
    let p = Params::from_json_overrides(r#"{"follow_up_cost_eur": 100}"#).unwrap();
    let bc = BusinessCase::compute(&p, &Actuals::new()).unwrap();
    assert!(bc.heading(Lang::Nl).contains("netto effect positief"));
    assert!(!bc.heading(Lang::Nl).contains("plan 7.3"));
}

/// Every leaf of the params file's JSON, as a path ("regions.amstelland.growth", "one_off.vat");
/// arrays and the items are leaves.
fn leaves(prefix: &str, v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) if prefix != "one_off.index_factor_overrides" => {
            for (k, x) in m {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                leaves(&path, x, out);
            }
        }
        _ => out.push(prefix.to_string()),
    }
}

#[test]
fn a_drivers_table_lists_every_parameter_its_value_and_plan_section_or_aanname() {
    let bc = plan();
    let mut params = Vec::new();
    leaves("", &serde_json::to_value(&bc.params).unwrap(), &mut params);
    let named = |path: &str| {
        bc.drivers.iter().any(|d| {
            d.param
                .split(", ")
                .any(|p| p == path || p.starts_with(&format!("{path}[")))
                || d.param.starts_with(&format!("{path} ("))
        })
    };
    for path in &params {
        if path.ends_with(".name") {
            continue; // a region's name labels its rows; it drives no figure
        }
        assert!(named(path), "no driver for {path}");
    }
    assert_eq!(
        bc.drivers
            .iter()
            .filter(|d| d.param.starts_with("one_off.items["))
            .count(),
        bc.params.one_off.items.len()
    );
    let d = |param: &str| bc.drivers.iter().find(|d| d.param == param).unwrap();
    let z = d("zvw_saving_per_extra_referral_eur");
    assert_eq!(
        (z.value_nl.as_str(), z.source(wor_core::Lang::Nl).as_str()),
        ("€\u{a0}1.021", "plan 7.1")
    );
    assert_eq!(d("social_worker_hours_per_referral").value_nl, "8 uur");
    assert_eq!(d("follow_up_share").source(wor_core::Lang::Nl), "plan 7.3");
    assert_eq!(
        d("regions.haarlemmermeer.growth").value_nl,
        "25,0% / 50,0% / 50,0% / 0,0% / 0,0%"
    );
    assert_eq!(d("fte.whole_euro_shares").basis, Basis::Assumption);
    assert!(d("fte.whole_euro_shares")
        .source(wor_core::Lang::Nl)
        .starts_with("aanname"));
    // An own value names the plan's beside it.
    let p = Params::from_json_overrides(r#"{"social_worker_rate_eur": 80}"#).unwrap();
    let bc = BusinessCase::compute(&p, &Actuals::new()).unwrap();
    let r = bc
        .drivers
        .iter()
        .find(|d| d.param == "social_worker_rate_eur")
        .unwrap();
    assert_eq!(r.value_nl, "€\u{a0}80");
    assert_eq!(
        r.source(wor_core::Lang::Nl),
        "eigen waarde (plan 7.2: €\u{a0}95)"
    );
}

#[test]
fn totals_equal_the_sum_of_the_shown_rounded_columns_or_a_footnote_says_why_not() {
    for bc in [plan(), part_of_a_region()] {
        let noted = |table: &str, row: &str, column: &str, parts: &[i64], total: i64| {
            let sum: i64 = parts.iter().sum();
            let note = bc
                .sum_notes
                .iter()
                .find(|n| n.table == table && n.row == row && n.column == column);
            match note {
                None => assert_eq!(sum, total, "{table} {row} {column}: no footnote"),
                Some(n) => {
                    assert_ne!(
                        sum, total,
                        "{table} {row} {column}: a footnote for a sum that adds up"
                    );
                    assert_eq!((n.sum, n.total, n.parts.as_slice()), (sum, total, parts));
                }
            }
        };
        let t = &bc.totals;
        for (id, r) in &bc.regions {
            noted(
                "7.1",
                &format!("{id}.referrals"),
                "total",
                &r.referrals,
                r.referrals_total,
            );
            noted(
                "7.1",
                &format!("{id}.savings"),
                "total",
                &r.savings_eur,
                r.savings_total_eur,
            );
        }
        for (i, y) in bc.years.iter().enumerate() {
            let parts: Vec<i64> = bc.regions.values().map(|r| r.referrals[i]).collect();
            noted(
                "7.1",
                "total.referrals",
                &y.to_string(),
                &parts,
                t.referrals[i],
            );
        }
        let net: Vec<i64> = t.net_effect_eur.values().copied().collect();
        noted("7.3", "net", "total", &net, t.net_effect_total_eur);
        let items = |y: &str| -> Vec<i64> {
            t.one_off_items
                .iter()
                .filter_map(|i| i.amounts_eur.get(y).copied())
                .chain(t.one_off_contingency_eur.get(y).copied())
                .collect()
        };
        for (y, total) in &t.one_off_investment_eur {
            noted("8.1", "total", y, &items(y), *total);
        }
    }
    // The plan's own rounding is reproduced and footnoted: 596 + 479 + 1.959 = 3.034, the plan says 3.033.
    let bc = plan();
    let n = bc
        .sum_notes
        .iter()
        .find(|n| n.table == "7.1" && n.row == "total.referrals" && n.column == "2026")
        .unwrap();
    assert_eq!(
        (n.parts.as_slice(), n.sum, n.total),
        (&[596, 479, 1959][..], 3034, 3033)
    );
    assert!(n
        .describe(wor_core::Lang::Nl)
        .starts_with("596 + 479 + 1.959 = 3.034; het totaal 3.033"));
}

#[test]
fn the_fte_savings_counting_all_referrals_while_the_euro_savings_count_extra_ones_is_flagged() {
    let w = &warning(&plan(), "plan_fte_savings_count_all_referrals").nl;
    for quoted in [
        "15,0 / 21,8 / 32,7 / 49,1 FTE",
        "2.086 verwijzingen",
        "947 extra van 3.033",
    ] {
        assert!(w.contains(quoted), "{quoted} in {w}");
    }
    // Over the extra referrals alone: 947 × (510 / 202.000 + 408 / 87.400) = 6,8 FTE in 2026.
    assert!(w.contains("alleen zou het 0,0 / 6,8 /"), "{w}");
}

#[test]
fn haarlemmermeer_having_2025_amounts_though_it_starts_in_2026_is_flagged() {
    let bc = plan();
    let w = &warning(&bc, "plan_haarlemmermeer_2025_amounts").nl;
    assert!(
        w.contains("per 2026") && w.contains("in 2025 samen €\u{a0}74.440"),
        "{w}"
    );
    assert!(
        w.contains("Projectleiding Haarlemmermeer €\u{a0}34.316"),
        "{w}"
    );
    // The plan's amounts are the ones this computation reproduces.
    let h2025: i64 = bc
        .totals
        .one_off_items
        .iter()
        .filter(|i| i.id.ends_with("haarlemmermeer"))
        .map(|i| i.amounts_eur["2025"])
        .sum();
    assert_eq!(h2025, 74_440);
}

#[test]
fn the_8_4_split_percentages_that_do_not_follow_from_its_amounts_are_flagged() {
    let w = &warning(&plan(), "plan_split_8_4_not_from_amounts").nl;
    assert!(w.contains("19,5% / 16,3% / 64,2%"), "{w}");
    assert!(
        w.contains("€\u{a0}45.278 / €\u{a0}40.910 / €\u{a0}143.651 van €\u{a0}229.839 is 19,7% / 17,8% / 62,5%"),
        "{w}"
    );
}

#[test]
fn the_kpi_counts_implying_that_every_referral_succeeds_are_flagged() {
    let w = &warning(&plan(), "plan_kpi_targets_assume_every_referral_succeeds").nl;
    for quoted in [
        "Zuid-Holland Noord 1.959 / 2.939 (KPI 7.4 / 7.7)",
        "Amstelland 596 / 893 (KPI 5.4 / 5.7)",
        "Haarlemmermeer 479 / 718 (KPI 6.4 / 6.7)",
        "elke verwijzing slaagt",
    ] {
        assert!(w.contains(quoted), "{quoted} in {w}");
    }
}
