//! Monitoring: what a regional project lead reports to the steering group (plan "Monitoring en borging"
//! and the KPIs of 5.2), computed from historic cases up to a reference date.
//!
//! * Per region and calendar year: referrals, successful referrals (taken into care by the social
//!   domain: the plan's KPI), open cases, against the plan's targets; per month the cumulative
//!   successful referrals against a straight-line path to the year's target. A partial year is never
//!   annualised.
//! * Process and outcome over closed cases: first contact within two weeks, one to four conversations,
//!   at least one Positive Health dimension improved, still taking part after three months.
//! * Per practice: referrals per month and channels; starting practices (from a practices list) against
//!   the plan's 2 to 4 referrals a month; KPI x.5, the share of referring practices using ZorgDomein or
//!   VIP Live, against 75% by 1 July 2027.
//! * For the learning groups (WelZo): referrals per municipality and quarter, demand per support area,
//!   and with a map the offer that is missing (demand without supply).
//!
//! With `shared` every count from 1 to 4 is replaced by "<5", and a share from which such a count could
//! be derived is left out (null), for material that leaves the organisation.
//!
//! No I/O and no clock: the caller passes the cases, the reference date and (optionally) the maps.

use crate::plan;
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};
use wor_core::cases::{CaseStatus, HistoricCase};
use wor_core::error::{Code, FieldError};
use wor_core::geo::Municipality;
use wor_core::referral::Channel;
use wor_core::{Date, MapSet, SupportArea};

/// A count as shown: exact, or "<5" when suppressed for shared material.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "number | \"<5\""))]
pub enum Count {
    Exact(u64),
    Suppressed,
}

impl Serialize for Count {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Count::Exact(n) => s.serialize_u64(*n),
            Count::Suppressed => s.serialize_str("<5"),
        }
    }
}

impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Count::Exact(n) => write!(f, "{n}"),
            Count::Suppressed => f.write_str("<5"),
        }
    }
}

/// The suppression rule of one run.
#[derive(Debug, Clone, Copy)]
struct Shown {
    shared: bool,
}

/// Counts from 1 to 4 could identify residents in shared material.
fn small(n: u64) -> bool {
    (1..=4).contains(&n)
}

impl Shown {
    fn count(self, n: u64) -> Count {
        if self.shared && small(n) {
            Count::Suppressed
        } else {
            Count::Exact(n)
        }
    }

    /// `num / den`; `None` without a denominator, or in shared material when the numerator, the
    /// denominator or their difference is a suppressed count.
    fn share(self, num: u64, den: u64) -> Option<f64> {
        if den == 0 || (self.shared && (small(num) || small(den) || small(den - num.min(den)))) {
            return None;
        }
        Some(num as f64 / den as f64)
    }
}

/// A practice that starts with WoR on a date (the `--practices` list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartingPractice {
    pub practice: String,
    pub start: Date,
}

/// A problem in the practices list: its 1-based line and the coded, field-named problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub error: FieldError,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.error)
    }
}

/// Parses a practices list: one `practice,start` per line (start as YYYY-MM-DD or dd-mm-jjjj), an optional header
/// line `practice,start`, blank lines and `#` comments ignored. A semicolon also separates.
pub fn parse_practices(text: &str) -> Result<Vec<StartingPractice>, Vec<LineError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let sep = if line.contains(';') { ';' } else { ',' };
        let mut parts = line.splitn(2, sep).map(str::trim);
        let (practice, start) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        if out.is_empty() && errors.is_empty() && practice.eq_ignore_ascii_case("practice") {
            continue;
        }
        let mut err = |error: FieldError| errors.push(LineError { line: i + 1, error });
        if practice.is_empty() {
            err(FieldError::new("practice", Code::Missing, "missing").with("name", "practice"));
            continue;
        }
        // A spreadsheet's date (`1-3-2026`) as well as ISO.
        let parsed = Date::parse_spreadsheet(start).ok_or(());
        match parsed {
            Ok(start) if seen.insert(practice.to_string()) => out.push(StartingPractice {
                practice: practice.to_string(),
                start,
            }),
            Ok(_) => err(FieldError::new(
                "practice",
                Code::Duplicate,
                format!("{practice} is listed twice"),
            )
            .with("value", practice)),
            Err(_) if start.is_empty() => {
                err(FieldError::new("start", Code::Missing, "missing").with("name", "start"))
            }
            Err(()) => err(FieldError::new(
                "start",
                Code::InvalidFormat,
                format!("'{start}' is not a date (write jjjj-mm-dd, dd-mm-jjjj or d-m-jjjj)"),
            )
            .with("format", "date")),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

#[derive(Debug, Clone, Copy)]
pub struct MonitorOptions {
    /// The reference date: cases referred after it are left out; it ends the month paths.
    pub date: Date,
    /// Suppress counts 1..4 as "<5" (material that leaves the organisation).
    pub shared: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Monitor {
    pub date: Date,
    pub shared: bool,
    pub cases: CaseTotals,
    /// Region id -> year -> figures.
    pub regions: BTreeMap<String, BTreeMap<String, RegionYear>>,
    /// Practice -> referrals per month and channels.
    pub practices: BTreeMap<String, PracticeStats>,
    /// Only with a practices list.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub starting_practices: Option<StartingPractices>,
    /// KPIs 5.5/6.5/7.5 per region.
    pub electronic_channel: BTreeMap<String, ChannelKpi>,
    /// For the learning groups (WelZo), per region.
    pub learning_groups: BTreeMap<String, LearningGroups>,
    /// Rules the plan does not state, used here.
    pub assumptions: Vec<crate::business_case::Note>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaseTotals {
    pub total: Count,
    /// Referred after the reference date: left out.
    pub after_date: Count,
    pub open: Count,
    pub closed: Count,
    /// Without a practice: not in the practice figures.
    pub without_practice: Count,
    /// Some cases state that they are synthetic (`origin`): the figures are a demonstration.
    pub synthetic: bool,
    /// Cases per stated origin (`unknown` without one), named at the top of every rendering.
    pub origins: crate::case_file::Origins,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegionYear {
    pub referrals: Count,
    pub successful: Count,
    pub open: Count,
    pub closed: Count,
    pub successful_target: Option<u32>,
    /// successful / target, unannualised (a partial year is a partial year).
    pub share_of_target: Option<f64>,
    /// The year ended on or before the reference date.
    pub complete: bool,
    /// Over closed cases where contact was due (not labelled urgent or not eligible).
    pub first_contact_within_14_days: Option<f64>,
    /// Over closed cases with at least one conversation.
    pub one_to_four_conversations: Option<f64>,
    /// Over closed cases with Positive Health measured before and after.
    pub health_improved: Option<f64>,
    /// Over closed cases that arrived at an activity.
    pub still_attending_3m: Option<f64>,
    /// January up to the reference date's month (all twelve for past years).
    pub months: Vec<MonthPoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MonthPoint {
    /// YYYY-MM.
    pub month: String,
    pub referrals: Count,
    pub successful: Count,
    pub successful_cumulative: Count,
    /// The straight line from 0 on 1 January to the target on 31 December, at the month's end.
    pub target_path: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PracticeStats {
    /// The region most of its referrals came from.
    pub region: String,
    pub referrals: Count,
    /// YYYY-MM -> referrals.
    pub months: BTreeMap<String, Count>,
    /// Channel id (or `unknown`) -> referrals.
    pub channels: BTreeMap<String, Count>,
    /// At least one referral through ZorgDomein or VIP Live.
    pub electronic: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StartingPractices {
    /// The plan: "startende praktijken beginnen met 2-4 verwijzingen per maand".
    pub target_per_month: (u32, u32),
    pub practices: Vec<StartingPracticeStats>,
    /// Year -> practices starting that year (the plan: 6 to 12 a year can start).
    pub started_per_year: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StartingPracticeStats {
    pub practice: String,
    pub start: Date,
    /// YYYY-MM -> referrals, from the start month up to the reference date's month.
    pub months: BTreeMap<String, Count>,
    /// Months that ended on or before the reference date.
    pub complete_months: usize,
    /// Referrals in complete months / complete months.
    pub per_month: Option<f64>,
    /// Complete months below 2, within 2..4, above 4 referrals.
    pub months_below: usize,
    pub months_within: usize,
    pub months_above: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChannelKpi {
    /// Practices with at least one referral in the region up to the reference date.
    pub referring_practices: Count,
    /// Of those, practices with at least one referral through ZorgDomein or VIP Live.
    pub electronic: Count,
    /// Practices whose referrals carry no channel at all (counted as not electronic).
    pub without_channel: Count,
    pub share: Option<f64>,
    pub target: f64,
    /// YYYY-MM-DD.
    pub deadline: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LearningGroups {
    /// CBS code -> referrals and their trend by quarter.
    pub municipalities: BTreeMap<String, MunicipalityStats>,
    /// Support area -> referrals with that area.
    pub areas: BTreeMap<String, Count>,
    /// YYYY-Qn -> referrals in the region.
    pub quarters: BTreeMap<String, Count>,
    /// Demand without supply on the map (only when a map was given): municipality and area.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub missing_offer: Option<Vec<MissingOffer>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MunicipalityStats {
    pub name: String,
    pub referrals: Count,
    pub quarters: BTreeMap<String, Count>,
    /// Support area -> referrals with that area from this municipality.
    pub areas: BTreeMap<String, Count>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MissingOffer {
    pub municipality_code: String,
    pub municipality: String,
    pub area: SupportArea,
    pub area_nl: &'static str,
    pub demand: Count,
}

fn month_key(d: Date) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

fn quarter_key(d: Date) -> String {
    format!("{}-Q{}", d.year(), (d.month() - 1) / 3 + 1)
}

/// The region of a case: the resident's municipality decides, as in the evaluation report; the map the
/// social worker used is the fallback.
pub fn case_region(c: &HistoricCase) -> (String, Option<&'static Municipality>) {
    let municipality = wor_core::matching::resident_location(&c.referral)
        .ok()
        .map(|(_, m)| m);
    let region = municipality.map_or_else(|| c.map.region.clone(), |m| m.region.to_string());
    (region, municipality)
}

/// What monitoring needs of one case, computed once.
struct Seen<'c> {
    case: &'c HistoricCase,
    region: String,
    municipality: Option<&'static str>,
    areas: BTreeSet<SupportArea>,
}

impl Seen<'_> {
    fn referred(&self) -> Date {
        self.case.dates.referred
    }
    fn closed(&self) -> bool {
        self.case.status == CaseStatus::Closed
    }
    fn successful(&self) -> bool {
        self.case.outcome.taken_into_care
    }
}

/// Computes the monitoring over `cases` (in any order) up to `opts.date`.
pub fn monitor(
    cases: &[HistoricCase],
    practices: &[StartingPractice],
    maps: Option<&MapSet>,
    opts: MonitorOptions,
) -> Monitor {
    let show = Shown {
        shared: opts.shared,
    };
    let date = opts.date;
    let mut after = 0u64;
    let mut seen: Vec<Seen> = Vec::with_capacity(cases.len());
    for c in cases {
        if c.dates.referred > date {
            after += 1;
            continue;
        }
        let (region, municipality) = case_region(c);
        let (_, findings) = wor_core::triage::route(&c.referral);
        seen.push(Seen {
            case: c,
            region,
            municipality: municipality.map(|m| m.code),
            areas: findings.iter().map(|f| f.area).collect(),
        });
    }
    let open = seen.iter().filter(|s| !s.closed()).count() as u64;
    let without_practice = seen
        .iter()
        .filter(|s| s.case.referral.practice.is_none())
        .count() as u64;
    let origins = crate::case_file::Origins::of(cases);
    let totals = CaseTotals {
        total: show.count(cases.len() as u64),
        after_date: show.count(after),
        open: show.count(open),
        closed: show.count(seen.len() as u64 - open),
        without_practice: show.count(without_practice),
        synthetic: origins.count(wor_core::cases::CaseOrigin::Synthetic) > 0,
        origins,
    };

    let mut by_region: BTreeMap<&str, Vec<&Seen>> = BTreeMap::new();
    for s in &seen {
        by_region.entry(s.region.as_str()).or_default().push(s);
    }
    for r in &plan::REGIONS {
        by_region.entry(r.id).or_default();
    }

    let regions = by_region
        .iter()
        .map(|(region, members)| {
            (
                region.to_string(),
                region_years(region, members, date, show),
            )
        })
        .collect();
    let practice_stats = practice_stats(&seen, show);
    let electronic_channel = by_region
        .iter()
        .map(|(region, members)| (region.to_string(), channel_kpi(members, show)))
        .collect();
    let learning_groups = by_region
        .iter()
        .map(|(region, members)| {
            (
                region.to_string(),
                learning_groups(members, maps, date, show),
            )
        })
        .collect();
    let starting_practices =
        (!practices.is_empty()).then(|| starting(&seen, practices, date, show));
    Monitor {
        date,
        shared: opts.shared,
        cases: totals,
        regions,
        practices: practice_stats,
        starting_practices,
        electronic_channel,
        learning_groups,
        assumptions: assumptions(),
    }
}

fn region_years(
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
            let successful = n(&|s| s.successful());
            let open = n(&|s| !s.closed());
            let target = plan_region.and_then(|p| p.successful_target(year));
            let closed: Vec<&HistoricCase> = in_year
                .iter()
                .filter(|s| s.closed())
                .map(|s| s.case)
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
            let year_end = Date::new(year, 12, 31);
            (
                year.to_string(),
                RegionYear {
                    referrals: show.count(in_year.len() as u64),
                    successful: show.count(successful),
                    open: show.count(open),
                    closed: show.count(closed.len() as u64),
                    successful_target: target,
                    share_of_target: target.and_then(|t| {
                        if show.shared && small(successful) {
                            None
                        } else {
                            Some(successful as f64 / f64::from(t))
                        }
                    }),
                    complete: year_end.is_some_and(|e| e <= date),
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

fn is_electronic(c: Option<Channel>) -> bool {
    c.is_some_and(Channel::is_electronic)
}

fn practice_stats(seen: &[Seen], show: Shown) -> BTreeMap<String, PracticeStats> {
    /// Per practice: referrals per region, per month, per channel, and in all.
    #[derive(Default)]
    struct Tally<'a> {
        regions: BTreeMap<&'a str, u64>,
        months: BTreeMap<String, u64>,
        channels: BTreeMap<&'static str, u64>,
        total: u64,
    }
    let mut raw: BTreeMap<&str, Tally> = BTreeMap::new();
    for s in seen {
        let Some(p) = s.case.referral.practice.as_deref() else {
            continue;
        };
        let e = raw.entry(p).or_default();
        *e.regions.entry(s.region.as_str()).or_default() += 1;
        *e.months.entry(month_key(s.referred())).or_default() += 1;
        *e.channels
            .entry(s.case.referral.channel.map_or("unknown", Channel::id))
            .or_default() += 1;
        e.total += 1;
    }
    raw.into_iter()
        .map(|(p, t)| {
            let Tally {
                regions,
                months,
                channels,
                total: n,
            } = t;
            // The region with most referrals; ties go to the first id.
            let region = regions
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map_or_else(String::new, |(r, _)| r.to_string());
            let electronic = channels
                .keys()
                .any(|c| *c == "zorgdomein" || *c == "vip_live");
            (
                p.to_string(),
                PracticeStats {
                    region,
                    referrals: show.count(n),
                    months: months
                        .into_iter()
                        .map(|(m, n)| (m, show.count(n)))
                        .collect(),
                    channels: channels
                        .into_iter()
                        .map(|(c, n)| (c.to_string(), show.count(n)))
                        .collect(),
                    electronic,
                },
            )
        })
        .collect()
}

fn channel_kpi(members: &[&Seen], show: Shown) -> ChannelKpi {
    // Practice -> (any electronic referral, any referral with a channel).
    let mut practices: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
    for s in members {
        let Some(p) = s.case.referral.practice.as_deref() else {
            continue;
        };
        let e = practices.entry(p).or_default();
        e.0 |= is_electronic(s.case.referral.channel);
        e.1 |= s.case.referral.channel.is_some();
    }
    let n = practices.len() as u64;
    let electronic = practices.values().filter(|v| v.0).count() as u64;
    let (y, m, d) = plan::ELECTRONIC_CHANNEL_DEADLINE;
    ChannelKpi {
        referring_practices: show.count(n),
        electronic: show.count(electronic),
        without_channel: show.count(practices.values().filter(|v| !v.1).count() as u64),
        share: show.share(electronic, n),
        target: plan::ELECTRONIC_CHANNEL_SHARE,
        deadline: format!("{y:04}-{m:02}-{d:02}"),
    }
}

fn learning_groups(
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

/// The last day of a month.
fn month_end(year: i32, month: u8) -> Option<Date> {
    (28..=31).rev().find_map(|d| Date::new(year, month, d))
}

fn starting(
    seen: &[Seen],
    practices: &[StartingPractice],
    date: Date,
    show: Shown,
) -> StartingPractices {
    let (lo, hi) = plan::STARTING_PRACTICE_REFERRALS_PER_MONTH;
    let mut started_per_year: BTreeMap<String, usize> = BTreeMap::new();
    let stats = practices
        .iter()
        .map(|p| {
            *started_per_year
                .entry(p.start.year().to_string())
                .or_default() += 1;
            let mut months: BTreeMap<(i32, u8), u64> = BTreeMap::new();
            let (mut y, mut m) = (p.start.year(), p.start.month());
            while (y, m) <= (date.year(), date.month()) {
                months.insert((y, m), 0);
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
            for s in seen {
                if s.case.referral.practice.as_deref() == Some(p.practice.as_str())
                    && s.referred() >= p.start
                {
                    if let Some(n) = months.get_mut(&(s.referred().year(), s.referred().month())) {
                        *n += 1;
                    }
                }
            }
            let complete: Vec<u64> = months
                .iter()
                .filter(|((y, m), _)| month_end(*y, *m).is_some_and(|e| e <= date))
                .map(|(_, n)| *n)
                .collect();
            let total: u64 = complete.iter().sum();
            StartingPracticeStats {
                practice: p.practice.clone(),
                start: p.start,
                months: months
                    .into_iter()
                    .map(|((y, m), n)| (format!("{y:04}-{m:02}"), show.count(n)))
                    .collect(),
                complete_months: complete.len(),
                per_month: (!complete.is_empty()).then(|| total as f64 / complete.len() as f64),
                months_below: complete.iter().filter(|n| **n < u64::from(lo)).count(),
                months_within: complete
                    .iter()
                    .filter(|n| (u64::from(lo)..=u64::from(hi)).contains(n))
                    .count(),
                months_above: complete.iter().filter(|n| **n > u64::from(hi)).count(),
            }
        })
        .collect();
    StartingPractices {
        target_per_month: (lo, hi),
        practices: stats,
        started_per_year,
    }
}

fn assumptions() -> Vec<crate::business_case::Note> {
    use crate::business_case::Note;
    let n = |code: &'static str, nl: &str, en: &str| Note {
        code,
        nl: nl.to_string(),
        en: en.to_string(),
    };
    vec![
        n("region_from_residence", "Aanname: de regio van een casus is die van de woongemeente van de inwoner; onbekend: de regio van de gebruikte kaart.", "Assumption: a case's region is that of the resident's municipality; if unknown, the region of the map used."),
        n("successful_is_taken_into_care", "Een succesvolle verwijzing is een casus met outcome.taken_into_care (plan 5.4: aangekomen en in behandeling genomen), ook als de casus nog open is.", "A successful referral is a case with outcome.taken_into_care (plan 5.4: arrived and taken on), also while the case is open."),
        n("target_path_linear", "Aanname: het maandpad naar het jaardoel is een rechte lijn van 0 op 1 januari naar het doel op 31 december; een deeljaar wordt nooit naar een jaar omgerekend.", "Assumption: the monthly path to the year's target is a straight line from 0 on 1 January to the target on 31 December; a partial year is never annualised."),
        n("still_attending_of_arrived", "Aanname: 'na drie maanden nog actief' telt over gesloten casussen die bij een activiteit aankwamen.", "Assumption: 'still taking part after three months' is counted over closed cases that arrived at an activity."),
        n("channel_kpi_all_referrals", "Aanname: KPI x.5 telt praktijken met minstens één verwijzing tot de peildatum; een praktijk waarvan geen verwijzing een kanaal noemt, telt als niet via ZorgDomein of VIP Live.", "Assumption: KPI x.5 counts practices with at least one referral up to the reference date; a practice none of whose referrals names a channel counts as not using ZorgDomein or VIP Live."),
        n("shared_shares", "Met --shared worden aantallen 1 tot en met 4 als \"<5\" getoond en aandelen waaruit zo'n aantal volgt weggelaten (null).", "With --shared counts 1 to 4 are shown as \"<5\" and shares from which such a count follows are left out (null)."),
    ]
}

#[cfg(test)]
mod tests {
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
        let opts = MonitorOptions {
            date: date.parse().unwrap(),
            shared,
        };
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
        let opts = MonitorOptions {
            date: "2026-04-15".parse().unwrap(),
            shared: false,
        };
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
        let opts = MonitorOptions {
            date,
            shared: false,
        };
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
                e.area_set.contains(area)
                    && e.serves.iter().any(|s| s == "GM0394")
                    && e.valid_on(date)
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
        let m = monitor(
            &cases,
            &[],
            None,
            MonitorOptions {
                date,
                shared: false,
            },
        );
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
}
