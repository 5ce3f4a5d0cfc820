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
//!
//! One file per question: `count.rs` (a count as shown, suppression), `practices.rs` (practices,
//! starting practices, the electronic channel), `regions.rs` (years, months and the learning groups of a
//! region); this file holds the result types and runs them in order.

mod as_of;
mod capacity;
mod count;
pub mod kpis;
mod practices;
mod regions;
mod register;
#[cfg(test)]
mod tests;

pub use capacity::{parse_capacity, Capacity, CapacityRow};
pub use count::Count;
pub use practices::{parse_practices, LineError, StartingPractice};
pub use register::{parse_register, EvidenceKind, Register, RegisterRow};

use count::{small, Shown};
use practices::{channel_kpi, practice_stats, starting};
use regions::{learning_groups, region_years};

use crate::plan;
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};
use wor_core::cases::{CaseStatus, HistoricCase};
use wor_core::error::{Code, FieldError};
use wor_core::geo::Municipality;
use wor_core::referral::Channel;
use wor_core::{Date, MapSet, SupportArea};

#[derive(Debug, Clone, Copy)]
pub struct MonitorOptions<'a> {
    /// The reference date: cases referred after it are left out; it ends the month paths.
    pub date: Date,
    /// Suppress counts 1..4 as "<5" (material that leaves the organisation).
    pub shared: bool,
    /// The register of evidence for the effort KPIs (`--register`).
    pub register: Option<&'a Register>,
    /// FTE per municipality (`--capacity`).
    pub capacity: Option<&'a [CapacityRow]>,
}

impl MonitorOptions<'_> {
    /// Options without a register or capacity file.
    pub fn new(date: Date, shared: bool) -> MonitorOptions<'static> {
        MonitorOptions {
            date,
            shared,
            register: None,
            capacity: None,
        }
    }
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
    /// The plan's KPI table on the reference date (effort KPIs only with a register).
    pub kpis: Vec<kpis::Kpi>,
    /// The register's rows: those that count and those dated after the reference date (not yet).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub register: Option<RegisterSummary>,
    /// Municipality name -> capacity (only with a capacity file).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub capacity: Option<BTreeMap<String, Capacity>>,
    /// Warnings for the reader (a municipality whose inflow exceeds its capacity).
    pub warnings: Vec<crate::note::Note>,
    /// Rules the plan does not state, used here.
    pub assumptions: Vec<crate::note::Note>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegisterSummary {
    /// Rows dated on or before the reference date.
    pub counted: usize,
    /// Rows dated after it: they do not count yet.
    pub after_date: usize,
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

pub(super) fn month_key(d: Date) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

pub(super) fn quarter_key(d: Date) -> String {
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
pub(super) struct Seen<'c> {
    /// The case as known on the reference date ([`as_of::as_of`]).
    case: std::borrow::Cow<'c, HistoricCase>,
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
            case: as_of::as_of(c, date),
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
    let case_refs: Vec<&HistoricCase> = seen.iter().map(|s| &*s.case).collect();
    let kpis = kpis::kpi_table(
        opts.register,
        &kpis::TableInputs {
            cases: &case_refs,
            channels: &electronic_channel,
            date,
            show,
        },
    );
    let register = opts.register.map(|r| {
        let after_date = r.rows.iter().filter(|row| row.date > date).count();
        RegisterSummary {
            counted: r.rows.len() - after_date,
            after_date,
        }
    });
    let (capacity, warnings) = match opts.capacity {
        Some(rows) => {
            let (c, w) = capacity::capacity(rows, &seen, date, show);
            (Some(c), w)
        }
        None => (None, Vec::new()),
    };
    Monitor {
        date,
        shared: opts.shared,
        cases: totals,
        regions,
        practices: practice_stats,
        starting_practices,
        electronic_channel,
        learning_groups,
        kpis,
        register,
        capacity,
        warnings,
        assumptions: assumptions(opts.capacity.is_some()),
    }
}

fn assumptions(capacity: bool) -> Vec<crate::note::Note> {
    use crate::note::Note;
    let n = |code: &'static str, nl: &str, en: &str| Note {
        code,
        nl: nl.to_string(),
        en: en.to_string(),
    };
    let mut list = vec![
        n("region_from_residence", "Aanname: de regio van een casus is die van de woongemeente van de inwoner; onbekend: de regio van de gebruikte kaart.", "Assumption: a case's region is that of the resident's municipality; if unknown, the region of the map used."),
        n("successful_is_taken_into_care", "Een succesvolle verwijzing is een casus waarin de inwoner is aangekomen en in behandeling genomen (plan 5.4), ook als de casus nog open is.", "A successful referral is a case in which the resident arrived and was taken on (plan 5.4), also while the case is open."),
        n("target_path_linear", "Aanname: het maandpad naar het jaardoel is een rechte lijn van 0 op 1 januari naar het doel op 31 december; een deeljaar wordt nooit naar een jaar omgerekend.", "Assumption: the monthly path to the year's target is a straight line from 0 on 1 January to the target on 31 December; a partial year is never annualised."),
        n("still_attending_of_arrived", "Aanname: 'na drie maanden nog actief' telt over gesloten casussen die bij een activiteit aankwamen.", "Assumption: 'still taking part after three months' is counted over closed cases that arrived at an activity."),
        n("channel_kpi_all_referrals", "Aanname: het elektronisch verwijzen (KPI 5.5, 6.5 en 7.5) telt praktijken met minstens één verwijzing tot de peildatum; een praktijk waarvan geen verwijzing een kanaal noemt, telt als niet via ZorgDomein of VIP Live.", "Assumption: electronic referral (KPIs 5.5, 6.5 and 7.5) counts practices with at least one referral up to the reference date; a practice none of whose referrals names a channel counts as not using ZorgDomein or VIP Live."),
        n("shared_shares", "In de gedeelde versie staan aantallen 1 tot en met 4 als \"<5\" en ontbreken aandelen waaruit zo'n aantal volgt.", "In the shared version counts 1 to 4 show as \"<5\" and shares from which such a count follows are left out."),
    ];
    list.extend([
        n("as_of_reference_date", "Op de peildatum telt alleen wat er toen al was gebeurd: een eerste contact of deelname na de peildatum telt nog niet, een verwijzing is pas in zorg genomen na een eerste contact op of voor de peildatum, en 'na drie maanden nog actief' telt pas als die drie maanden voorbij zijn; tot dan is de casus open.", "On the reference date only what had happened by then counts: a first contact or attendance after it does not count yet, a referral is taken into care only after a first contact on or before the date, and 'still taking part after three months' counts only once those three months have passed; until then the case is open."),
        n("approval_date", "Aanname: 'goedkeuring' van het transformatieplan is 24 november 2025, de datum van de aankondiging; het plan noemt geen datum. De streefdata zijn die van de kolom '(Streef) datum' van het plan (5.2).", "Assumption: 'approval' of the transformation plan is 24 November 2025, the date of its announcement; the plan names no date. The due dates are the plan's '(Streef) datum' column (5.2)."),
        n("kpi_status_rule", kpis::STATUS_RULE.0, kpis::STATUS_RULE.1),
        n("effort_kpis_from_register", "Inspanningskpi's komen uit het KPI-register: x.1 vraagt zowel behoeften als een werkgroep, x.3 telt trainingen (met hun deelnemers), x.6 telt intervisie-overleggen; leerbijeenkomsten (WelZo) staan ernaast en tellen niet mee. Een rij na de peildatum telt nog niet. Zonder register staan alleen de resultaatkpi's in de tabel.", "Effort KPIs come from the register (--register): x.1 needs both needs and a working group, x.3 counts trainings (with their participants), x.6 counts intervision meetings; learning-group meetings (WelZo) are shown beside and do not count. A row after the reference date does not count yet. Without a register the table holds the result KPIs only."),
    ]);
    if capacity {
        list.push(n("capacity_is_fte", "Aanname: de capaciteit is de fte sociaal werkers voor WoR per gemeente; een fte neemt 1.280 productieve uren per jaar (plan 7.4) / 8 uur per verwijzing (plan 7.2) = 160 verwijzingen per jaar, naar rato van de dagen tot de peildatum in dat kalenderjaar. Vrijwilligers en wachttijden zijn niet meegeteld.", "Assumption: capacity is the FTE of social workers for WoR per municipality; an FTE takes 1,280 productive hours a year (plan 7.4) / 8 hours per referral (plan 7.2) = 160 referrals a year, pro rata to the days up to the reference date in its calendar year. Volunteers and waiting times are not counted."));
    }
    list
}
