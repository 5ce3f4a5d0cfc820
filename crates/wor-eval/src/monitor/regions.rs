//! A region's years (with the month path to the target) and its learning groups.

use super::*;

pub(super) fn region_years(
    region: &str,
    members: &[&Seen],
    date: Date,
    show: Shown,
) -> BTreeMap<String, RegionYear> {
    let plan_region = plan::region(region);
    let mut years: BTreeSet<i32> = members.iter().map(|s| s.referred().year()).collect();
    if let Some(p) = plan_region {
        years.extend(
            [2026, 2027]
                .into_iter()
                .filter(|y| *y <= date.year() && p.successful_target(*y).is_some()),
        );
    }
    years
        .into_iter()
        .map(|year| {
            let in_year: Vec<&&Seen> = members
                .iter()
                .filter(|s| s.referred().year() == year)
                .collect();
            let n = |f: &dyn Fn(&Seen) -> bool| in_year.iter().filter(|s| f(s)).count() as u64;
            // The KPI through its one definition, shared with the evaluation report.
            let kpi =
                kpis::successful_referrals(members.iter().map(|s| &*s.case), region, year, date);
            let (successful, target) = (kpi.successful, kpi.target);
            let open = n(&|s| !s.closed());
            let closed: Vec<&HistoricCase> = in_year
                .iter()
                .filter(|s| s.closed())
                .map(|s| &*s.case)
                .collect();
            // Process and outcome only over closed cases: an open case's contact and outcome may still
            // change (contract: open cases are never used for outcome metrics).
            let contact = crate::report::contact_stats(closed.iter().copied());
            let talked = closed.iter().filter(|c| c.conversations >= 1).count() as u64;
            let one_to_four = closed
                .iter()
                .filter(|c| {
                    (plan::CONVERSATIONS.0..=plan::CONVERSATIONS.1).contains(&c.conversations)
                })
                .count() as u64;
            // Plan 6 (impact): "Er is verbetering op minimaal één van de dimensies van positieve
            // gezondheid", over cases measured before and after.
            let measured = closed
                .iter()
                .filter(|c| c.outcome.health_improved().is_some())
                .count() as u64;
            let improved = closed
                .iter()
                .filter(|c| c.outcome.health_improved() == Some(true))
                .count() as u64;
            let arrived = closed.iter().filter(|c| c.outcome.arrived).count() as u64;
            let still = closed
                .iter()
                .filter(|c| c.outcome.still_attending_3m)
                .count() as u64;
            let last_month = if year < date.year() { 12 } else { date.month() };
            let mut cumulative = 0u64;
            let months = (1..=last_month)
                .map(|m| {
                    let in_month: Vec<&&Seen> = in_year
                        .iter()
                        .copied()
                        .filter(|s| s.referred().month() == m)
                        .collect();
                    let refs = in_month.len() as u64;
                    let succ = in_month.iter().filter(|s| s.successful()).count() as u64;
                    cumulative += succ;
                    MonthPoint {
                        month: format!("{year:04}-{m:02}"),
                        referrals: show.count(refs),
                        successful: show.count(succ),
                        successful_cumulative: show.count(cumulative),
                        target_path: target
                            .map(|t| (f64::from(t) * f64::from(m) / 12.0 * 10.0).round() / 10.0),
                    }
                })
                .collect();
            (
                year.to_string(),
                RegionYear {
                    referrals: show.count(kpi.referrals),
                    successful: show.count(successful),
                    open: show.count(open),
                    closed: show.count(closed.len() as u64),
                    successful_target: target,
                    share_of_target: kpi
                        .share_of_target
                        .filter(|_| !(show.shared && small(successful))),
                    complete: kpi.complete,
                    first_contact_within_14_days: show
                        .share(contact.within_14_days as u64, contact.due as u64),
                    one_to_four_conversations: show.share(one_to_four, talked),
                    health_improved: show.share(improved, measured),
                    still_attending_3m: show.share(still, arrived),
                    months,
                },
            )
        })
        .collect()
}

pub(super) fn learning_groups(
    members: &[&Seen],
    maps: Option<&MapSet>,
    date: Date,
    show: Shown,
) -> LearningGroups {
    let mut municipalities: BTreeMap<&str, (u64, BTreeMap<String, u64>)> = BTreeMap::new();
    let mut areas: BTreeMap<SupportArea, u64> = BTreeMap::new();
    let mut quarters: BTreeMap<String, u64> = BTreeMap::new();
    let mut demand: BTreeMap<(&'static str, SupportArea), usize> = BTreeMap::new();
    for s in members {
        *quarters.entry(quarter_key(s.referred())).or_default() += 1;
        for a in &s.areas {
            *areas.entry(*a).or_default() += 1;
        }
        if let Some(m) = s.municipality {
            let e = municipalities.entry(m).or_default();
            e.0 += 1;
            *e.1.entry(quarter_key(s.referred())).or_default() += 1;
            for a in &s.areas {
                *demand.entry((m, *a)).or_default() += 1;
            }
        }
    }
    let mut municipality_areas: BTreeMap<&str, BTreeMap<String, Count>> = BTreeMap::new();
    for ((m, a), n) in &demand {
        municipality_areas
            .entry(m)
            .or_default()
            .insert(a.id().to_string(), show.count(*n as u64));
    }
    let missing_offer = maps.map(|maps| {
        crate::report::demand_against_supply(demand, maps, Some(date))
            .into_iter()
            .filter(|g| g.supply == 0)
            .map(|g| MissingOffer {
                demand: show.count(g.demand as u64),
                municipality_code: g.municipality_code,
                municipality: g.municipality,
                area: g.area,
                area_nl: g.area_nl,
            })
            .collect()
    });
    LearningGroups {
        municipalities: municipalities
            .into_iter()
            .map(|(code, (n, q))| {
                (
                    code.to_string(),
                    MunicipalityStats {
                        name: wor_core::geo::municipality(code)
                            .map_or_else(|| code.to_string(), |m| m.name.to_string()),
                        referrals: show.count(n),
                        quarters: q.into_iter().map(|(k, n)| (k, show.count(n))).collect(),
                        areas: municipality_areas.remove(code).unwrap_or_default(),
                    },
                )
            })
            .collect(),
        areas: areas
            .into_iter()
            .map(|(a, n)| (a.id().to_string(), show.count(n)))
            .collect(),
        quarters: quarters
            .into_iter()
            .map(|(k, n)| (k, show.count(n)))
            .collect(),
        missing_offer,
    }
}
