use super::*;
use wor_core::Strictness;

/// A hand-made case: `extra` adds referral fields, `tail` case fields (status, outcome, ...).
fn case(
    id: &str,
    municipality: &str,
    referred: &str,
    referral_extra: &str,
    tail: &str,
) -> HistoricCase {
    let json = format!(
        r#"{{"referral":{{"id":"{id}","age":40,"consent":true,"municipality":"{municipality}"{referral_extra}}},"map":{{"region":"x","version":"1"}},"dates":{{"referred":"{referred}"}}{tail}}}"#
    );
    HistoricCase::from_json(&json, Strictness::Strict)
        .unwrap_or_else(|e| panic!("{json}: {e:?}"))
        .value
}

const TAKEN: &str =
    r#","outcome":{"arrived":false,"taken_into_care":true,"still_attending_3m":false}"#;
const NOT_TAKEN: &str =
    r#","outcome":{"arrived":false,"taken_into_care":false,"still_attending_3m":false}"#;

fn run(cases: &[HistoricCase], date: &str, shared: bool) -> Monitor {
    let opts = MonitorOptions::new(date.parse().unwrap(), shared);
    monitor(cases, &[], None, opts)
}

#[test]
fn calendar_years_split_at_new_year_and_stop_at_the_date() {
    let cases = [
        case("a", "Leiden", "2026-12-31", "", TAKEN),
        case("b", "Leiden", "2027-01-01", "", TAKEN),
        case("c", "Leiden", "2027-03-15", "", NOT_TAKEN),
        case("d", "Leiden", "2027-03-16", "", TAKEN),
    ];
    let m = run(&cases, "2027-03-15", false);
    assert_eq!(m.cases.after_date, Count::Exact(1));
    let zhn = &m.regions["zuid-holland-noord"];
    let (y26, y27) = (&zhn["2026"], &zhn["2027"]);
    assert_eq!(
        (y26.referrals, y26.successful),
        (Count::Exact(1), Count::Exact(1))
    );
    assert_eq!(
        (y27.referrals, y27.successful),
        (Count::Exact(2), Count::Exact(1))
    );
    assert!(y26.complete && !y27.complete);
    // Targets of plan KPIs 7.4 and 7.7, never annualised: 1 of 2,939 in March.
    assert_eq!(
        (y26.successful_target, y27.successful_target),
        (Some(1959), Some(2939))
    );
    assert_eq!(y27.share_of_target, Some(1.0 / 2939.0));
    assert_eq!(y26.months.len(), 12);
    assert_eq!(y26.months[11].successful_cumulative, Count::Exact(1));
    assert_eq!(y26.months[11].target_path, Some(1959.0));
    assert_eq!(
        y27.months
            .iter()
            .map(|p| p.month.as_str())
            .collect::<Vec<_>>(),
        ["2027-01", "2027-02", "2027-03"]
    );
    assert_eq!(y27.months[2].target_path, Some(734.8));
    assert_eq!(y27.months[2].referrals, Count::Exact(1));
    // The other plan regions appear with their targets and zero counts.
    assert_eq!(m.regions["amstelland"]["2027"].referrals, Count::Exact(0));
    assert_eq!(m.regions["amstelland"]["2027"].successful_target, Some(893));
}

#[test]
fn open_cases_count_as_referrals_and_open_but_not_in_closed_outcomes() {
    let mut fast = case(
        "a",
        "Amstelveen",
        "2026-03-02",
        "",
        &format!(r#","conversations":2{TAKEN}"#),
    );
    fast.dates.first_contact = "2026-03-09".parse().ok();
    let mut slow = case(
        "b",
        "Amstelveen",
        "2026-03-02",
        "",
        &format!(r#","conversations":6{NOT_TAKEN}"#),
    );
    slow.dates.first_contact = "2026-03-22".parse().ok();
    let mut open = case("c", "Amstelveen", "2026-03-05", "", r#","status":"open""#);
    open.dates.first_contact = "2026-03-06".parse().ok();
    let m = run(&[fast, slow, open], "2026-06-30", false);
    let y = &m.regions["amstelland"]["2026"];
    assert_eq!(
        (y.referrals, y.open, y.closed, y.successful),
        (
            Count::Exact(3),
            Count::Exact(1),
            Count::Exact(2),
            Count::Exact(1)
        )
    );
    assert_eq!(y.first_contact_within_14_days, Some(0.5));
    assert_eq!(y.one_to_four_conversations, Some(0.5));
    assert_eq!(y.health_improved, None);
    assert_eq!(m.cases.open, Count::Exact(1));
}

#[test]
fn shared_material_suppresses_one_to_four_but_not_zero_or_five() {
    let four: Vec<HistoricCase> = (0..4)
        .map(|i| case(&format!("h{i}"), "Haarlemmermeer", "2026-05-04", "", TAKEN))
        .collect();
    let mut five = four.clone();
    five.push(case("h9", "Haarlemmermeer", "2026-05-05", "", NOT_TAKEN));
    let y = |m: &Monitor| m.regions["haarlemmermeer"]["2026"].clone();
    let m4 = run(&four, "2026-12-31", true);
    assert_eq!(y(&m4).referrals, Count::Suppressed);
    assert_eq!(y(&m4).share_of_target, None);
    assert_eq!(y(&m4).open, Count::Exact(0));
    let m5 = run(&five, "2026-12-31", true);
    assert_eq!(y(&m5).referrals, Count::Exact(5));
    assert_eq!(y(&m5).successful, Count::Suppressed);
    let json = serde_json::to_value(&m4).unwrap();
    assert_eq!(json["regions"]["haarlemmermeer"]["2026"]["referrals"], "<5");
    assert_eq!(json["regions"]["haarlemmermeer"]["2026"]["open"], 0);
    assert_eq!(
        serde_json::to_value(&m5).unwrap()["regions"]["haarlemmermeer"]["2026"]["referrals"],
        5
    );
    // Learning groups: per municipality and quarter, suppressed alike.
    let lg = &m4.learning_groups["haarlemmermeer"];
    assert_eq!(
        lg.municipalities["GM0394"].quarters["2026-Q2"],
        Count::Suppressed
    );
    assert_eq!(
        m5.learning_groups["haarlemmermeer"].quarters["2026-Q2"],
        Count::Exact(5)
    );
    // Without --shared the counts are exact.
    assert_eq!(
        y(&run(&four, "2026-12-31", false)).referrals,
        Count::Exact(4)
    );
}

#[test]
fn channel_kpi_counts_practices_without_a_channel_as_not_electronic() {
    let cases = [
        case(
            "a",
            "Leiden",
            "2026-02-02",
            r#","practice":"P1","channel":"zorgdomein""#,
            TAKEN,
        ),
        case("b", "Leiden", "2026-02-03", r#","practice":"P1""#, TAKEN),
        case("c", "Leiden", "2026-02-04", r#","practice":"P2""#, TAKEN),
        case(
            "d",
            "Leiden",
            "2026-02-05",
            r#","practice":"P3","channel":"direct""#,
            TAKEN,
        ),
        case(
            "e",
            "Leiden",
            "2026-02-06",
            r#","practice":"P4","channel":"vip_live""#,
            TAKEN,
        ),
        case("f", "Leiden", "2026-02-07", "", TAKEN),
    ];
    let m = run(&cases, "2026-12-31", false);
    let k = &m.electronic_channel["zuid-holland-noord"];
    assert_eq!(
        (k.referring_practices, k.electronic, k.without_channel),
        (Count::Exact(4), Count::Exact(2), Count::Exact(1))
    );
    assert_eq!(k.share, Some(0.5));
    assert_eq!(k.target, 0.75);
    assert_eq!(m.cases.without_practice, Count::Exact(1));
    let p1 = &m.practices["P1"];
    assert!(p1.electronic && !m.practices["P2"].electronic);
    assert_eq!(p1.channels["zorgdomein"], Count::Exact(1));
    assert_eq!(p1.channels["unknown"], Count::Exact(1));
    assert_eq!(p1.months["2026-02"], Count::Exact(2));
}

#[test]
fn starting_practices_against_two_to_four_a_month() {
    let mut cases = Vec::new();
    for (i, d) in [
        "2026-02-10",
        "2026-02-11",
        "2026-03-01",
        "2026-03-02",
        "2026-03-03",
        "2026-03-04",
        "2026-03-05",
        "2026-04-01",
        "2026-02-09",
    ]
    .iter()
    .enumerate()
    {
        cases.push(case(
            &format!("s{i}"),
            "Leiden",
            d,
            r#","practice":"Nieuw""#,
            TAKEN,
        ));
    }
    let practices = parse_practices("practice,start\nNieuw,2026-02-10\n").unwrap();
    let opts = MonitorOptions::new("2026-04-15".parse().unwrap(), false);
    let m = monitor(&cases, &practices, None, opts);
    let s = &m.starting_practices.as_ref().unwrap().practices[0];
    // The referral of 9 February precedes the start; April is not complete.
    assert_eq!(
        s.months.keys().map(String::as_str).collect::<Vec<_>>(),
        ["2026-02", "2026-03", "2026-04"]
    );
    assert_eq!(s.months["2026-02"], Count::Exact(2));
    assert_eq!(s.complete_months, 2);
    assert_eq!(s.per_month, Some(3.5));
    assert_eq!((s.months_below, s.months_within, s.months_above), (0, 1, 1));
    assert_eq!(
        m.starting_practices.as_ref().unwrap().started_per_year["2026"],
        1
    );
}

#[test]
fn learning_groups_count_areas_per_municipality_and_the_missing_offer() {
    let date: Date = "2026-06-30".parse().unwrap();
    let maps = crate::test_support::haarlemmermeer("2026-06-30");
    let areas = |list: &[&str]| {
        let v: Vec<String> = list
            .iter()
            .map(|a| format!(r#"{{"area":"{a}","severity":2}}"#))
            .collect();
        format!(r#","areas":[{}]"#, v.join(","))
    };
    let cases: Vec<HistoricCase> = (0..6)
        .map(|i| {
            let a = if i < 4 {
                areas(&["loneliness"])
            } else {
                areas(&["loneliness", "parenting"])
            };
            case(&format!("l{i}"), "Haarlemmermeer", "2026-04-01", &a, TAKEN)
        })
        .collect();
    let opts = MonitorOptions::new(date, false);
    let m = monitor(&cases, &[], Some(&maps), opts);
    let lg = &m.learning_groups["haarlemmermeer"];
    let hlm = &lg.municipalities["GM0394"];
    assert_eq!(hlm.areas["loneliness"], Count::Exact(6));
    assert_eq!(hlm.areas["parenting"], Count::Exact(2));
    assert_eq!(lg.areas["loneliness"], Count::Exact(6));
    // Missing offer lists exactly the demanded areas the map does not serve in the municipality.
    let missing = lg.missing_offer.as_ref().unwrap();
    let served = |area: SupportArea| {
        maps.maps[0].entries.iter().any(|e| {
            e.area_set.contains(area) && e.serves.iter().any(|s| s == "GM0394") && e.valid_on(date)
        })
    };
    for (area, n) in [(SupportArea::Loneliness, 6), (SupportArea::Parenting, 2)] {
        let listed = missing.iter().find(|x| x.area == area);
        assert_eq!(listed.is_some(), !served(area), "{area:?}");
        if let Some(x) = listed {
            assert_eq!(x.demand, Count::Exact(n));
        }
    }
    // Without a map there is no missing-offer list.
    assert!(
        monitor(&cases, &[], None, opts).learning_groups["haarlemmermeer"]
            .missing_offer
            .is_none()
    );
}

#[test]
fn synthetic_cases_carry_practices_and_channels() {
    use crate::test_support::{cases, generator, haarlemmermeer};
    let date: Date = "2026-12-31".parse().unwrap();
    let maps = haarlemmermeer("2026-12-31");
    let cases = cases(&generator(&maps, 5, "2026-12-31"), 300);
    let m = monitor(&cases, &[], None, MonitorOptions::new(date, false));
    let k = &m.electronic_channel["haarlemmermeer"];
    let Count::Exact(n) = k.referring_practices else {
        panic!("exact counts without --shared")
    };
    // 300 referrals over the region's 20 practices (synth::params::PRACTICES): nearly all refer.
    assert!((15..=20).contains(&n), "{n}");
    let share = k.share.unwrap();
    assert!(share > 0.3 && share < 1.0, "{share}");
    assert_eq!(m.cases.without_practice, Count::Exact(0));
}

#[test]
fn practices_list_errors_name_line_and_field() {
    let errs = parse_practices(
        "practice,start\nA,2026-01-01\n,2026-01-01\nB,2026-13-01\nA,2026-02-01\nC\n",
    )
    .unwrap_err();
    let shown: Vec<String> = errs.iter().map(ToString::to_string).collect();
    assert_eq!(shown.len(), 4, "{shown:?}");
    assert!(shown[0].starts_with("line 3: practice: missing"));
    assert!(shown[1].starts_with("line 4: start:"));
    assert!(shown[2].starts_with("line 5: practice: A is listed twice"));
    assert!(shown[3].starts_with("line 6: start: missing"));
    let codes: Vec<Code> = errs.iter().map(|e| e.error.code).collect();
    assert_eq!(
        codes,
        [
            Code::Missing,
            Code::InvalidFormat,
            Code::Duplicate,
            Code::Missing
        ]
    );
}

/// A case referred 2026-01-05 in Leiden, contacted and attending on the given dates, still taking part.
fn attending(contact: &str, attendance: &str) -> HistoricCase {
    let json = format!(
        r#"{{"referral":{{"id":"a","age":40,"consent":true,"municipality":"Leiden"}},"map":{{"region":"x","version":"1"}},"offered":["x"],"chosen":"x","dates":{{"referred":"2026-01-05","first_contact":"{contact}","first_attendance":"{attendance}"}},"conversations":2,"outcome":{{"arrived":true,"taken_into_care":true,"still_attending_3m":true}}}}"#
    );
    HistoricCase::from_json(&json, Strictness::Strict)
        .unwrap_or_else(|e| panic!("{json}: {e:?}"))
        .value
}

#[test]
fn a_first_contact_or_attendance_after_the_date_does_not_count_yet() {
    let case = attending("2026-01-20", "2026-02-01");
    let y = |date| {
        run(std::slice::from_ref(&case), date, false).regions["zuid-holland-noord"]["2026"].clone()
    };
    let before_contact = y("2026-01-19");
    assert_eq!(
        (
            before_contact.successful,
            before_contact.open,
            before_contact.first_contact_within_14_days
        ),
        (Count::Exact(0), Count::Exact(1), None)
    );
    let contacted = y("2026-01-25");
    assert_eq!(
        (contacted.successful, contacted.open),
        (Count::Exact(1), Count::Exact(1))
    );
}

#[test]
fn still_taking_part_after_three_months_counts_only_once_three_months_have_passed() {
    let case = attending("2026-01-10", "2026-02-01");
    let y = |date| {
        run(std::slice::from_ref(&case), date, false).regions["zuid-holland-noord"]["2026"].clone()
    };
    // 1 February + 3 months = 1 May: on 30 April the outcome is not known and the case still open.
    let early = y("2026-04-30");
    assert_eq!(
        (early.closed, early.still_attending_3m),
        (Count::Exact(0), None)
    );
    let late = y("2026-05-01");
    assert_eq!(
        (late.closed, late.still_attending_3m),
        (Count::Exact(1), Some(1.0))
    );
}
