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
fn table_7_1_referrals_and_savings() {
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
fn table_7_2_social_worker_costs() {
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
fn table_7_3_business_case() {
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
fn fte_tables() {
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
fn table_8_1_one_off_investments() {
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
fn table_8_3_funding_request() {
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
    // Plan-only warnings are not repeated for another case; the kept 2027 factor still is.
    assert_eq!(
        bc.warnings.iter().map(|w| w.code).collect::<Vec<_>>(),
        ["plan_one_off_2027_index"]
    );
}

#[test]
fn actuals_replace_whole_years_only_where_given() {
    let actuals = Actuals::from([("haarlemmermeer".to_string(), BTreeMap::from([(2026, 400)]))]);
    let bc = BusinessCase::compute(&Params::default(), &actuals).unwrap();
    let h = &bc.regions["haarlemmermeer"];
    assert_eq!(h.referrals, [400, 718, 1077, 1077, 1077]);
    assert_eq!(h.actual, [true, false, false, false, false]);
    // Fewer referrals than the base: the extra is negative and so are the savings.
    assert_eq!(h.extra_referrals[0], 17);
    assert_eq!(h.savings_eur[0], 17 * 1021);
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
    // A share of 60 meant as 60% is refused, naming the field and the range; 1 (all) is a share.
    let e = err(r#"{"follow_up_share": 60}"#);
    assert_eq!(
        (
            e.field.as_str(),
            e.code,
            e.params.get("max").map(ToString::to_string)
        ),
        ("follow_up_share", Code::OutOfRange, Some("1".to_string())),
        "{e}"
    );
    assert!(Params::from_json_overrides(r#"{"follow_up_share": 1}"#).is_ok());
    assert!(err(r#"{"regions": {"x": {"base_referrals": 1}}}"#)
        .field
        .starts_with("regions.x"));
    assert_eq!(err("[1]").code, Code::WrongType);
    assert_eq!(err("{").code, Code::InvalidJson);
}
