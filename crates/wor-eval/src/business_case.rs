//! The business case (plan chapter 7 and the one-off investments of 8.1/8.3): referrals per region from
//! the 2024 base with the plan's growth, avoided Zvw costs, social-worker and follow-up costs, the yearly
//! indexation, one-off investments, the net effect and the FTE tables.
//!
//! By default ([`Params::default`]) it reproduces the plan's published tables to the euro. The plan's
//! spreadsheet keeps full precision and shows whole euros; so does this module: every amount is computed
//! unrounded and rounded only for output. Two rules were recovered from the plan's own figures (they are
//! not written in its text, so they are listed as assumptions in the output):
//! * the indexation factors are 1.03^n rounded to four decimals (2028: 1.0927, not 1.092727);
//! * the FTE savings table uses whole euros per referral for the GP and POH-GGZ shares (EUR 510 and 408
//!   of EUR 1,021; with EUR 510.50 three cells of the plan would differ).
//!
//! Where the plan's published totals contradict its yearly figures, [`BusinessCase::warnings`] says so;
//! the yearly figures are kept and the totals here are always the sum of the years shown.

use crate::plan;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use wor_core::cases::HistoricCase;
use wor_core::error::{Code, FieldError, FieldErrors};
use wor_core::referral::parse_tracked;
use wor_core::{Date, Strictness};

/// Every input of the business case; a params file overrides any of them (what-if).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Params {
    /// Year of the base referral counts (plan 7.1: 2024).
    pub base_year: i32,
    /// First year of the one-off investments and of the indexation (plan 8.1: "jaarlijkse indexatie
    /// 3% vanaf 2025"); referrals stay at the base level until `first_year` (plan 7.3: 2025 saves
    /// nothing).
    pub start_year: i32,
    /// The years of structural effects (plan 7.1: 2026..=2030).
    pub first_year: i32,
    pub last_year: i32,
    /// Per region: base count and yearly growth (plan 7.1).
    pub regions: BTreeMap<String, RegionParams>,
    /// Avoided Zvw costs per extra referral (plan 7.1: EUR 1,021, Good2Consult).
    pub zvw_saving_per_extra_referral_eur: f64,
    /// Social-worker hours per extra referral and their rate (plan 7.2: 8 hours at EUR 95).
    pub social_worker_hours_per_referral: f64,
    pub social_worker_rate_eur: f64,
    /// Share of referrals with follow-up costs in the social domain, and the cost (plan 7.3: 60% at
    /// EUR 200).
    pub follow_up_share: f64,
    pub follow_up_cost_eur: f64,
    /// Yearly indexation (plan 7.2/8.1: 3%).
    pub indexation: f64,
    /// Decimals the plan's indexation factors are rounded to (recovered: 4); `null` keeps them exact.
    pub index_factor_decimals: Option<u32>,
    pub one_off: OneOffParams,
    pub fte: FteParams,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegionParams {
    pub name: String,
    /// Referrals in the base year.
    pub base_referrals: f64,
    /// Growth over the previous year, one per year `first_year..=last_year`.
    pub growth: Vec<f64>,
}

/// One-off investments (plan 8.1, explained in 8.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OneOffParams {
    /// The years with one-off investments (plan 8.1: 2025..=2027).
    pub first_year: i32,
    pub last_year: i32,
    /// VAT on the amounts (plan 8.1: "Bedragen zijn inclusief indexatie en btw"; 21%).
    pub vat: f64,
    /// Contingency margin over all items (plan 8.1: "Marge onvoorzien 1%").
    pub contingency: f64,
    /// Training and intervision: hours per social-worker FTE at a rate (plan 8.1/8.2: 20 hours per
    /// FTE at EUR 95), with the FTE of the FTE table rounded to one decimal as the plan shows it.
    pub training_hours_per_fte: f64,
    pub training_rate_eur: f64,
    /// Items with fixed amounts excluding VAT and indexation, one per one-off year.
    pub items: Vec<OneOffItem>,
    /// Indexation factors that replace the computed ones, by year (the plan's 2027: 1.069).
    #[serde(default)]
    pub index_factor_overrides: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OneOffItem {
    pub id: String,
    pub nl: String,
    pub en: String,
    /// Euros excluding VAT and indexation, one per one-off year.
    pub amounts_eur: Vec<f64>,
}

/// The FTE tables (plan 7.4, "Doorvertaling naar potentiële FTE inzet en besparing").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FteParams {
    /// The years of the tables (the plan: 2025..=2028, 2025 at the base level).
    pub first_year: i32,
    pub last_year: i32,
    /// Productive hours of a social worker per year (1,280).
    pub productive_hours: f64,
    /// Shares of the saving per referral attributed to GP consultations and POH-GGZ consultations,
    /// and the labour cost of one FTE of each (50% of EUR 202,000; 40% of EUR 87,400).
    pub gp_share: f64,
    pub gp_fte_cost_eur: f64,
    pub poh_share: f64,
    pub poh_fte_cost_eur: f64,
    /// Round the per-referral GP and POH amounts down to whole euros (recovered from the plan's table).
    pub whole_euro_shares: bool,
}

/// A fixed one-off item: euros per one-off year, excluding VAT and indexation (a row of plan 8.1).
fn item(id: &str, nl: &str, en: &str, amounts: [f64; 3]) -> OneOffItem {
    OneOffItem {
        id: id.into(),
        nl: nl.into(),
        en: en.into(),
        amounts_eur: amounts.to_vec(),
    }
}

impl Default for Params {
    fn default() -> Params {
        let regions = plan::REGIONS
            .iter()
            .map(|r| {
                (
                    r.id.to_string(),
                    RegionParams {
                        name: r.name.to_string(),
                        base_referrals: f64::from(r.base_2024),
                        growth: r.growth.to_vec(),
                    },
                )
            })
            .collect();
        Params {
            base_year: plan::BASE_YEAR,
            start_year: 2025,
            first_year: 2026,
            last_year: 2030,
            regions,
            zvw_saving_per_extra_referral_eur: 1021.0,
            social_worker_hours_per_referral: 8.0,
            social_worker_rate_eur: 95.0,
            follow_up_share: 0.6,
            follow_up_cost_eur: 200.0,
            indexation: 0.03,
            index_factor_decimals: Some(4),
            one_off: OneOffParams::default(),
            fte: FteParams {
                first_year: 2025,
                last_year: 2028,
                productive_hours: 1280.0,
                gp_share: 0.5,
                gp_fte_cost_eur: 202_000.0,
                poh_share: 0.4,
                poh_fte_cost_eur: 87_400.0,
                whole_euro_shares: true,
            },
        }
    }
}

impl Default for OneOffParams {
    fn default() -> OneOffParams {
        // Plan 8.2: an external project lead costs EUR 113,440 a year full-time; a quarter FTE in 2025
        // and half an FTE in 2026 and 2027 per subregion.
        let lead = [113_440.0 * 0.25, 113_440.0 * 0.5, 113_440.0 * 0.5];
        // Plan 8.2: the supra-regional lead at EUR 130 an hour, 16 hours a week. Assumption recovered
        // from 8.1's amounts: 48 working weeks a year, half a year in 2025.
        let supra = 130.0 * 16.0 * 48.0;
        let items = vec![
            item(
                "project_lead_zhn_leidse_regio",
                "Projectleiding ZHN subregio de Leidse Regio",
                "Project lead ZHN, Leiden region",
                lead,
            ),
            item(
                "project_lead_zhn_duin_bollenstreek",
                "Projectleiding ZHN subregio Duin- en Bollenstreek",
                "Project lead ZHN, Duin- en Bollenstreek",
                lead,
            ),
            item(
                "project_lead_zhn_rijnstreek",
                "Projectleiding ZHN subregio Rijnstreek",
                "Project lead ZHN, Rijnstreek",
                lead,
            ),
            item(
                "project_lead_amstelland",
                "Projectleiding Amstelland",
                "Project lead Amstelland",
                lead,
            ),
            item(
                "project_lead_haarlemmermeer",
                "Projectleiding Haarlemmermeer",
                "Project lead Haarlemmermeer",
                lead,
            ),
            item(
                "project_lead_supra_regional",
                "Projectleiding bovenregionaal",
                "Supra-regional project lead",
                [supra / 2.0, supra, supra],
            ),
            // Plan 8.2: EUR 185 an hour, 20 hours a week for half a year (26 weeks).
            item(
                "transformation_plan",
                "Ontwikkeling transformatieplan",
                "Writing the transformation plan",
                [185.0 * 20.0 * 26.0, 0.0, 0.0],
            ),
            // Plan 8.1/8.2: 2 hours a month of the project leads. Assumption recovered from the amounts:
            // EUR 100 an hour, six leads in ZHN and two elsewhere; half a year in 2025.
            item(
                "learning_internal_zhn",
                "Leerbijeenkomsten intern ZHN",
                "Learning meetings, internal, ZHN",
                [7_200.0, 14_400.0, 14_400.0],
            ),
            item(
                "learning_internal_amstelland",
                "Leerbijeenkomsten intern Amstelland",
                "Learning meetings, internal, Amstelland",
                [2_400.0, 4_800.0, 4_800.0],
            ),
            item(
                "learning_internal_haarlemmermeer",
                "Leerbijeenkomsten intern Haarlemmermeer",
                "Learning meetings, internal, Haarlemmermeer",
                [2_400.0, 4_800.0, 4_800.0],
            ),
            item(
                "learning_external_zhn",
                "Leerbijeenkomsten extern ZHN",
                "Learning meetings, external, ZHN",
                [3_600.0, 7_200.0, 7_200.0],
            ),
            item(
                "learning_external_amstelland",
                "Leerbijeenkomsten extern Amstelland",
                "Learning meetings, external, Amstelland",
                [1_200.0, 2_400.0, 2_400.0],
            ),
            item(
                "learning_external_haarlemmermeer",
                "Leerbijeenkomsten extern Haarlemmermeer",
                "Learning meetings, external, Haarlemmermeer",
                [1_200.0, 2_400.0, 2_400.0],
            ),
            // Plan 8.2: about EUR 60,000 per referral system (Amstelland's), three for ZHN; a quarter,
            // half and quarter over 2025-2027 (recovered from 8.1's amounts).
            item(
                "ict_zhn",
                "ICT-ontwikkelkosten ZHN",
                "ICT development ZHN",
                [45_000.0, 90_000.0, 45_000.0],
            ),
            item(
                "ict_haarlemmermeer",
                "ICT-ontwikkelkosten Haarlemmermeer",
                "ICT development Haarlemmermeer",
                [15_000.0, 30_000.0, 15_000.0],
            ),
            // Plan 8.1: communication, external (toolkit, materials) and internal (3 hours a month).
            item(
                "communication_external_zhn",
                "Communicatie- en voorlichtingskosten extern ZHN",
                "Communication, external, ZHN",
                [14_200.0, 53_400.0, 53_400.0],
            ),
            item(
                "communication_external_amstelland",
                "Communicatie- en voorlichtingskosten extern Amstelland",
                "Communication, external, Amstelland",
                [6_400.0, 17_800.0, 17_800.0],
            ),
            item(
                "communication_external_haarlemmermeer",
                "Communicatie- en voorlichtingskosten extern Haarlemmermeer",
                "Communication, external, Haarlemmermeer",
                [6_400.0, 17_800.0, 17_800.0],
            ),
            item(
                "communication_internal_zhn",
                "Communicatie- en voorlichtingskosten intern ZHN",
                "Communication, internal, ZHN",
                [10_800.0, 21_600.0, 21_600.0],
            ),
            item(
                "communication_internal_amstelland",
                "Communicatie- en voorlichtingskosten intern Amstelland",
                "Communication, internal, Amstelland",
                [3_600.0, 7_200.0, 7_200.0],
            ),
            item(
                "communication_internal_haarlemmermeer",
                "Communicatie- en voorlichtingskosten intern Haarlemmermeer",
                "Communication, internal, Haarlemmermeer",
                [3_600.0, 7_200.0, 7_200.0],
            ),
            // Plan 8.1: effect study, external.
            item(
                "effect_study",
                "Effectonderzoek",
                "Effect study",
                [15_000.0, 30_000.0, 30_000.0],
            ),
        ];
        OneOffParams {
            first_year: 2025,
            last_year: 2027,
            vat: 0.21,
            contingency: 0.01,
            training_hours_per_fte: 20.0,
            training_rate_eur: 95.0,
            items,
            // Plan 8.1: 2027's total excluding indexation (841,526) becomes 899,591 "inclusief btw en
            // jaarlijkse indexatie 3%": a factor 1.069, where 3% a year gives 1.0609. Kept as published;
            // a warning says so.
            index_factor_overrides: BTreeMap::from([("2027".to_string(), 1.069)]),
        }
    }
}

fn perr(field: impl Into<String>, code: Code, message: impl Into<String>) -> FieldError {
    FieldError::new(field, code, message)
}

/// Recursively lays `over` onto `base`: objects merge key by key, anything else replaces.
fn merge(base: &mut serde_json::Value, over: serde_json::Value) {
    match (base, over) {
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

impl Params {
    /// The plan's parameters overridden by a (partial) params file: objects merge key by key, so
    /// `{"regions": {"amstelland": {"growth": [0.2, 0.2, 0.2, 0, 0]}}}` changes only Amstelland's growth.
    pub fn from_json_overrides(json: &str) -> Result<Params, FieldErrors> {
        let over: serde_json::Value = serde_json::from_str(json)
            .map_err(|e| vec![perr("", Code::InvalidJson, e.to_string())])?;
        if !over.is_object() {
            return Err(vec![
                perr("", Code::WrongType, "must be a JSON object").with("expected", "object")
            ]);
        }
        let mut base = serde_json::to_value(Params::default())
            .map_err(|e| vec![perr("", Code::InvalidJson, e.to_string())])?;
        merge(&mut base, over);
        // Through the contract's record parser: field-named, coded problems; unknown fields are errors.
        let merged = base.to_string();
        parse_tracked::<Params>(&merged, Strictness::Strict, |p| {
            p.validate().map_err(|e| vec![e])
        })
        .map(|parsed| parsed.value)
    }

    /// Checks what the types cannot: year ranges, lengths and signs.
    pub fn validate(&self) -> Result<(), FieldError> {
        let years = |first: i32, last: i32, name: &str| -> Result<usize, FieldError> {
            if last < first || last - first > 50 {
                return Err(perr(
                    format!("{name}last_year"),
                    Code::OutOfRange,
                    format!("must be between {first} and {}", first + 50),
                )
                .with("min", first)
                .with("max", first + 50)
                .with("got", last));
            }
            Ok((last - first + 1) as usize)
        };
        let n = years(self.first_year, self.last_year, "")?;
        if !(self.base_year < self.start_year && self.start_year <= self.first_year) {
            return Err(perr(
                "start_year",
                Code::Inconsistent,
                "must satisfy base_year < start_year <= first_year",
            )
            .with("other", "base_year, first_year"));
        }
        for (id, r) in &self.regions {
            if r.growth.len() != n {
                return Err(perr(
                    format!("regions.{id}.growth"),
                    Code::Inconsistent,
                    format!(
                        "needs one value per year {}..{} ({n})",
                        self.first_year, self.last_year
                    ),
                )
                .with("other", "first_year, last_year")
                .with("got", r.growth.len()));
            }
            nonneg(&format!("regions.{id}.base_referrals"), r.base_referrals)?;
            for (i, g) in r.growth.iter().enumerate() {
                if !g.is_finite() || *g < -1.0 {
                    return Err(perr(
                        format!("regions.{id}.growth[{i}]"),
                        Code::OutOfRange,
                        "must be a number of at least -1",
                    )
                    .with("min", -1));
                }
            }
        }
        for (name, v) in [
            (
                "zvw_saving_per_extra_referral_eur",
                self.zvw_saving_per_extra_referral_eur,
            ),
            (
                "social_worker_hours_per_referral",
                self.social_worker_hours_per_referral,
            ),
            ("social_worker_rate_eur", self.social_worker_rate_eur),
            ("follow_up_share", self.follow_up_share),
            ("follow_up_cost_eur", self.follow_up_cost_eur),
            ("indexation", self.indexation),
            ("one_off.vat", self.one_off.vat),
            ("one_off.contingency", self.one_off.contingency),
            (
                "one_off.training_hours_per_fte",
                self.one_off.training_hours_per_fte,
            ),
            ("one_off.training_rate_eur", self.one_off.training_rate_eur),
            ("fte.gp_share", self.fte.gp_share),
            ("fte.poh_share", self.fte.poh_share),
        ] {
            nonneg(name, v)?;
        }
        for (name, v) in [
            ("fte.productive_hours", self.fte.productive_hours),
            ("fte.gp_fte_cost_eur", self.fte.gp_fte_cost_eur),
            ("fte.poh_fte_cost_eur", self.fte.poh_fte_cost_eur),
        ] {
            if !(v.is_finite() && v > 0.0) {
                return Err(
                    perr(name, Code::OutOfRange, "must be a positive number").with("min", 0)
                );
            }
        }
        if self.index_factor_decimals.is_some_and(|d| d > 10) {
            return Err(perr(
                "index_factor_decimals",
                Code::OutOfRange,
                "must be between 0 and 10",
            )
            .with("min", 0)
            .with("max", 10));
        }
        let m = years(self.one_off.first_year, self.one_off.last_year, "one_off.")?;
        for (i, it) in self.one_off.items.iter().enumerate() {
            if it.amounts_eur.len() != m {
                return Err(perr(
                    format!("one_off.items[{i}].amounts_eur"),
                    Code::Inconsistent,
                    format!("needs one amount per one-off year ({m})"),
                )
                .with("other", "one_off.first_year, one_off.last_year"));
            }
            for (j, a) in it.amounts_eur.iter().enumerate() {
                nonneg(&format!("one_off.items[{i}].amounts_eur[{j}]"), *a)?;
            }
        }
        for (y, f) in &self.one_off.index_factor_overrides {
            if y.parse::<i32>().is_err() {
                return Err(perr(
                    format!("one_off.index_factor_overrides.{y}"),
                    Code::InvalidFormat,
                    "key must be a year",
                )
                .with("format", "year"));
            }
            nonneg(&format!("one_off.index_factor_overrides.{y}"), *f)?;
        }
        years(self.fte.first_year, self.fte.last_year, "fte.")?;
        Ok(())
    }

    /// The indexation factor of `year` from `start_year` (factor 1), rounded as configured.
    pub fn index_factor(&self, year: i32) -> f64 {
        let f = (1.0 + self.indexation).powi(year - self.start_year);
        match self.index_factor_decimals {
            Some(d) => {
                let s = 10f64.powi(d as i32);
                (f * s).round() / s
            }
            None => f,
        }
    }

    fn one_off_index_factor(&self, year: i32) -> f64 {
        self.one_off
            .index_factor_overrides
            .get(&year.to_string())
            .copied()
            .unwrap_or_else(|| self.index_factor(year))
    }
}

fn nonneg(field: &str, v: f64) -> Result<(), FieldError> {
    if v.is_finite() && v >= 0.0 {
        Ok(())
    } else {
        Err(perr(field, Code::OutOfRange, "must be a number of at least 0").with("min", 0))
    }
}

/// Realised referral counts that replace the planned ones: region id -> year -> count.
pub type Actuals = BTreeMap<String, BTreeMap<i32, u64>>;

/// Successful referrals (the plan's KPI, which its business case counts as referrals) per region and
/// calendar year, for the years that ended on or before `date`; the other years that have cases are
/// returned apart: their planned counts stay (a partial year is never annualised).
pub fn actuals_from_cases(cases: &[HistoricCase], date: Date) -> (Actuals, Vec<i32>) {
    let mut actuals = Actuals::new();
    let mut partial = std::collections::BTreeSet::new();
    for c in cases {
        let year = c.dates.referred.year();
        if Date::new(year, 12, 31).is_none_or(|end| end > date) {
            partial.insert(year);
            continue;
        }
        let (region, _) = crate::monitor::case_region(c);
        let n = actuals.entry(region).or_default().entry(year).or_insert(0);
        *n += u64::from(c.outcome.taken_into_care);
    }
    (actuals, partial.into_iter().collect())
}

/// Whole euros (or whole referrals, hours) as the plan's spreadsheet shows them: half away from zero.
fn whole(x: f64) -> i64 {
    x.round() as i64
}

/// One decimal, as the plan's FTE tables show them.
fn tenth(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A note for the reader: a stable code and the text in Dutch and English.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Note {
    pub code: &'static str,
    pub nl: String,
    pub en: String,
}

fn note(code: &'static str, nl: String, en: String) -> Note {
    Note { code, nl, en }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegionResult {
    pub name: String,
    pub base_referrals: i64,
    /// One per year of [`BusinessCase::years`].
    pub referrals: Vec<i64>,
    /// Which of `referrals` are realised (from `--actuals`) rather than planned.
    pub actual: Vec<bool>,
    pub extra_referrals: Vec<i64>,
    pub savings_eur: Vec<i64>,
    pub social_worker_cost_eur: Vec<i64>,
    pub follow_up_cost_eur: Vec<i64>,
    pub referrals_total: i64,
    pub savings_total_eur: i64,
    pub social_worker_cost_total_eur: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OneOffRow {
    pub id: String,
    pub nl: String,
    pub en: String,
    /// Including VAT, excluding indexation, keyed by year (as plan 8.1's rows).
    pub amounts_eur: BTreeMap<String, i64>,
    pub total_eur: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FteTable {
    pub years: Vec<i32>,
    /// Region id (and `total`) -> one value per year.
    pub referrals: BTreeMap<String, Vec<i64>>,
    pub social_worker_hours: BTreeMap<String, Vec<i64>>,
    pub social_worker_fte: BTreeMap<String, Vec<f64>>,
    pub zvw_fte_saved: BTreeMap<String, Vec<f64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Totals {
    pub referrals: Vec<i64>,
    pub extra_referrals: Vec<i64>,
    pub savings_eur: Vec<i64>,
    pub savings_indexed_eur: Vec<i64>,
    pub social_worker_cost_eur: Vec<i64>,
    pub social_worker_cost_indexed_eur: Vec<i64>,
    pub follow_up_cost_eur: Vec<i64>,
    pub follow_up_cost_indexed_eur: Vec<i64>,
    pub referrals_total: i64,
    pub savings_total_eur: i64,
    pub savings_indexed_total_eur: i64,
    pub social_worker_cost_total_eur: i64,
    pub social_worker_cost_indexed_total_eur: i64,
    pub follow_up_cost_indexed_total_eur: i64,
    /// Excluding indexation (plan 8.1 "totaal excl. indexatie"), keyed by year.
    pub one_off_investment_eur: BTreeMap<String, i64>,
    /// Including the indexation (plan 8.1 and 7.3), keyed by year.
    pub one_off_investment_indexed_eur: BTreeMap<String, i64>,
    pub one_off_investment_total_eur: i64,
    pub one_off_investment_indexed_total_eur: i64,
    pub one_off_items: Vec<OneOffRow>,
    /// Contingency margin per year (plan 8.1 "Marge onvoorzien").
    pub one_off_contingency_eur: BTreeMap<String, i64>,
    /// Savings minus costs minus one-off investments, all indexed, keyed by year from `start_year`.
    pub net_effect_eur: BTreeMap<String, i64>,
    /// The running total of the net effect, keyed by year (the last equals `net_effect_total_eur`).
    pub net_effect_cumulative_eur: BTreeMap<String, i64>,
    pub net_effect_total_eur: i64,
    /// What the plan asks for over the one-off years (plan 8.3).
    pub funding_request_eur: FundingRequest,
    pub fte: FteTable,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FundingRequest {
    pub one_off_investment_eur: i64,
    pub social_worker_cost_eur: i64,
    pub follow_up_cost_eur: i64,
    /// Social-worker and follow-up costs together (plan 8.3's "Totaal" of the social domain).
    pub social_domain_eur: i64,
    pub total_eur: i64,
}

/// The computed business case.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BusinessCase {
    pub years: Vec<i32>,
    pub regions: BTreeMap<String, RegionResult>,
    pub totals: Totals,
    /// Where the plan's published totals contradict its yearly figures, and where a published
    /// figure was kept against the plan's own rule.
    pub warnings: Vec<Note>,
    /// Rules this computation uses that the plan does not state in words.
    pub assumptions: Vec<Note>,
    pub params: Params,
    /// The realised years come from cases that state they are synthetic; set by the caller that read
    /// them, and said at the top of every rendering.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub synthetic_actuals: bool,
    /// The stated origins of the cases behind the realised years (with `--actuals`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub actuals_origin: Option<crate::case_file::Origins>,
}

/// Unrounded per-year series, summed over regions or not.
struct Series {
    referrals: Vec<f64>,
    extra: Vec<f64>,
}

fn sum(v: &[f64]) -> f64 {
    v.iter().sum()
}

fn wholes(v: &[f64]) -> Vec<i64> {
    v.iter().map(|x| whole(*x)).collect()
}

fn by_year(first: i32, v: &[f64]) -> BTreeMap<String, i64> {
    v.iter()
        .enumerate()
        .map(|(i, x)| ((first + i as i32).to_string(), whole(*x)))
        .collect()
}

/// Dutch thousands separators: 1.234.567 (negative: -1.234.567).
pub fn eur_nl(x: i64) -> String {
    let digits = x.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if x < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A number with a Dutch decimal comma.
fn comma(x: f64) -> String {
    x.to_string().replace('.', ",")
}

/// English thousands separators: 1,234,567.
pub fn eur_en(x: i64) -> String {
    eur_nl(x).replace('.', ",")
}

impl BusinessCase {
    /// Records the stated origin of the cases behind the realised years (said in every rendering;
    /// synthetic ones also get the demonstration caution).
    pub fn set_actuals_origin(&mut self, origins: crate::case_file::Origins) {
        self.synthetic_actuals = origins.count(wor_core::cases::CaseOrigin::Synthetic) > 0;
        self.actuals_origin = Some(origins);
    }

    /// Computes the business case. `actuals` replace the planned referrals of whole calendar years
    /// (the caller decides which years are whole); later years keep the plan's counts.
    pub fn compute(params: &Params, actuals: &Actuals) -> Result<BusinessCase, FieldError> {
        params.validate()?;
        let p = params;
        let years: Vec<i32> = (p.first_year..=p.last_year).collect();
        let n = years.len();
        // Referrals in any year: base before first_year, then compounded growth (unrounded: the plan
        // compounds from the base, 397 x 1.5 x 1.5 = 893.25, and shows 893).
        let planned = |r: &RegionParams, year: i32| -> f64 {
            let mut x = r.base_referrals;
            for (i, g) in r.growth.iter().enumerate() {
                if p.first_year + i as i32 > year {
                    break;
                }
                x *= 1.0 + g;
            }
            x
        };
        let count = |id: &str, r: &RegionParams, year: i32| -> (f64, bool) {
            match actuals.get(id).and_then(|a| a.get(&year)) {
                Some(n) if year >= p.first_year => (*n as f64, true),
                _ => (planned(r, year), false),
            }
        };
        let mut regions = BTreeMap::new();
        let mut all = Series {
            referrals: vec![0.0; n],
            extra: vec![0.0; n],
        };
        let mut totals_unindexed = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
        for (id, r) in &p.regions {
            let mut s = Series {
                referrals: Vec::with_capacity(n),
                extra: Vec::with_capacity(n),
            };
            let mut actual = Vec::with_capacity(n);
            for y in &years {
                let (c, is_actual) = count(id, r, *y);
                s.referrals.push(c);
                s.extra.push(c - r.base_referrals);
                actual.push(is_actual);
            }
            let savings: Vec<f64> = s
                .extra
                .iter()
                .map(|e| e * p.zvw_saving_per_extra_referral_eur)
                .collect();
            let sw: Vec<f64> = s
                .extra
                .iter()
                .map(|e| e * p.social_worker_hours_per_referral * p.social_worker_rate_eur)
                .collect();
            let fu: Vec<f64> = s
                .extra
                .iter()
                .map(|e| e * p.follow_up_share * p.follow_up_cost_eur)
                .collect();
            for i in 0..n {
                all.referrals[i] += s.referrals[i];
                all.extra[i] += s.extra[i];
                totals_unindexed.0[i] += savings[i];
                totals_unindexed.1[i] += sw[i];
                totals_unindexed.2[i] += fu[i];
            }
            regions.insert(
                id.clone(),
                RegionResult {
                    name: r.name.clone(),
                    base_referrals: whole(r.base_referrals),
                    referrals: wholes(&s.referrals),
                    actual,
                    extra_referrals: wholes(&s.extra),
                    savings_eur: wholes(&savings),
                    social_worker_cost_eur: wholes(&sw),
                    follow_up_cost_eur: wholes(&fu),
                    referrals_total: whole(sum(&s.referrals)),
                    savings_total_eur: whole(sum(&savings)),
                    social_worker_cost_total_eur: whole(sum(&sw)),
                },
            );
        }
        let indexed = |v: &[f64]| -> Vec<f64> {
            v.iter()
                .zip(&years)
                .map(|(x, y)| x * p.index_factor(*y))
                .collect()
        };
        let (sav, sw, fu) = totals_unindexed;
        let (sav_i, sw_i, fu_i) = (indexed(&sav), indexed(&sw), indexed(&fu));

        // FTE tables (plan 7.4): referrals of each year (the base level before first_year).
        let fte_years: Vec<i32> = (p.fte.first_year..=p.fte.last_year).collect();
        let share_eur = |share: f64| {
            let x = share * p.zvw_saving_per_extra_referral_eur;
            if p.fte.whole_euro_shares {
                x.floor()
            } else {
                x
            }
        };
        let fte_per_referral = share_eur(p.fte.gp_share) / p.fte.gp_fte_cost_eur
            + share_eur(p.fte.poh_share) / p.fte.poh_fte_cost_eur;
        let mut fte = FteTable {
            years: fte_years.clone(),
            referrals: BTreeMap::new(),
            social_worker_hours: BTreeMap::new(),
            social_worker_fte: BTreeMap::new(),
            zvw_fte_saved: BTreeMap::new(),
        };
        let mut fte_total = vec![0.0; fte_years.len()];
        let mut add_fte_rows = |key: String, refs: &[f64]| {
            let hours: Vec<f64> = refs
                .iter()
                .map(|r| r * p.social_worker_hours_per_referral)
                .collect();
            fte.referrals.insert(key.clone(), wholes(refs));
            fte.social_worker_hours.insert(key.clone(), wholes(&hours));
            fte.social_worker_fte.insert(
                key.clone(),
                hours
                    .iter()
                    .map(|h| tenth(h / p.fte.productive_hours))
                    .collect(),
            );
            fte.zvw_fte_saved.insert(
                key,
                refs.iter().map(|r| tenth(r * fte_per_referral)).collect(),
            );
        };
        for (id, r) in &p.regions {
            let refs: Vec<f64> = fte_years.iter().map(|y| count(id, r, *y).0).collect();
            for (i, x) in refs.iter().enumerate() {
                fte_total[i] += x;
            }
            add_fte_rows(id.clone(), &refs);
        }
        add_fte_rows("total".into(), &fte_total);

        // One-off investments (plan 8.1).
        let oo = &p.one_off;
        let oo_years: Vec<i32> = (oo.first_year..=oo.last_year).collect();
        let vat = 1.0 + oo.vat;
        let mut rows: Vec<(OneOffRow, Vec<f64>)> = Vec::new();
        for it in &oo.items {
            let v: Vec<f64> = it.amounts_eur.iter().map(|a| a * vat).collect();
            rows.push((
                OneOffRow {
                    id: it.id.clone(),
                    nl: it.nl.clone(),
                    en: it.en.clone(),
                    amounts_eur: by_year(oo.first_year, &v),
                    total_eur: whole(sum(&v)),
                },
                v,
            ));
        }
        // Training: 20 hours per social-worker FTE (as the FTE table shows it, one decimal).
        for (id, r) in &p.regions {
            let v: Vec<f64> = oo_years
                .iter()
                .map(|y| {
                    let hours = count(id, r, *y).0 * p.social_worker_hours_per_referral;
                    tenth(hours / p.fte.productive_hours)
                        * oo.training_hours_per_fte
                        * oo.training_rate_eur
                        * vat
                })
                .collect();
            rows.push((
                OneOffRow {
                    id: format!("training_{id}"),
                    nl: format!("Scholings- en intervisiekosten professionals {}", r.name),
                    en: format!("Training and intervision, {}", r.name),
                    amounts_eur: by_year(oo.first_year, &v),
                    total_eur: whole(sum(&v)),
                },
                v,
            ));
        }
        let subtotal: Vec<f64> = (0..oo_years.len())
            .map(|i| rows.iter().map(|(_, v)| v[i]).sum())
            .collect();
        let contingency: Vec<f64> = subtotal.iter().map(|s| s * oo.contingency).collect();
        let oo_total: Vec<f64> = subtotal
            .iter()
            .zip(&contingency)
            .map(|(s, c)| s + c)
            .collect();
        let oo_indexed: Vec<f64> = oo_total
            .iter()
            .zip(&oo_years)
            .map(|(x, y)| x * p.one_off_index_factor(*y))
            .collect();

        // Net effect per year from the first of start_year and the one-off years.
        let net_first = p.start_year.min(oo.first_year);
        let net_last = p.last_year.max(oo.last_year);
        let at = |v: &[f64], first: i32, y: i32| -> f64 {
            usize::try_from(y - first)
                .ok()
                .and_then(|i| v.get(i))
                .copied()
                .unwrap_or(0.0)
        };
        let net: Vec<f64> = (net_first..=net_last)
            .map(|y| {
                at(&sav_i, p.first_year, y)
                    - at(&sw_i, p.first_year, y)
                    - at(&fu_i, p.first_year, y)
                    - at(&oo_indexed, oo.first_year, y)
            })
            .collect();
        let in_one_off =
            |v: &[f64]| -> f64 { oo_years.iter().map(|y| at(v, p.first_year, *y)).sum() };
        let (req_sw, req_fu) = (in_one_off(&sw_i), in_one_off(&fu_i));
        let funding = FundingRequest {
            one_off_investment_eur: whole(sum(&oo_indexed)),
            social_worker_cost_eur: whole(req_sw),
            follow_up_cost_eur: whole(req_fu),
            social_domain_eur: whole(req_sw + req_fu),
            total_eur: whole(sum(&oo_indexed) + req_sw + req_fu),
        };

        let totals = Totals {
            referrals: wholes(&all.referrals),
            extra_referrals: wholes(&all.extra),
            savings_eur: wholes(&sav),
            savings_indexed_eur: wholes(&sav_i),
            social_worker_cost_eur: wholes(&sw),
            social_worker_cost_indexed_eur: wholes(&sw_i),
            follow_up_cost_eur: wholes(&fu),
            follow_up_cost_indexed_eur: wholes(&fu_i),
            referrals_total: whole(sum(&all.referrals)),
            savings_total_eur: whole(sum(&sav)),
            savings_indexed_total_eur: whole(sum(&sav_i)),
            social_worker_cost_total_eur: whole(sum(&sw)),
            social_worker_cost_indexed_total_eur: whole(sum(&sw_i)),
            follow_up_cost_indexed_total_eur: whole(sum(&fu_i)),
            one_off_investment_eur: by_year(oo.first_year, &oo_total),
            one_off_investment_indexed_eur: by_year(oo.first_year, &oo_indexed),
            one_off_investment_total_eur: whole(sum(&oo_total)),
            one_off_investment_indexed_total_eur: whole(sum(&oo_indexed)),
            one_off_items: rows.into_iter().map(|(r, _)| r).collect(),
            one_off_contingency_eur: by_year(oo.first_year, &contingency),
            net_effect_eur: by_year(net_first, &net),
            net_effect_cumulative_eur: by_year(
                net_first,
                &net.iter()
                    .scan(0.0, |acc, x| {
                        *acc += x;
                        Some(*acc)
                    })
                    .collect::<Vec<f64>>(),
            ),
            net_effect_total_eur: whole(sum(&net)),
            funding_request_eur: funding,
            fte,
        };
        let mut bc = BusinessCase {
            years,
            regions,
            totals,
            warnings: Vec::new(),
            assumptions: Vec::new(),
            params: params.clone(),
            synthetic_actuals: false,
            actuals_origin: None,
        };
        bc.assumptions = assumptions(p);
        bc.warnings = warnings(
            p,
            &bc,
            PlanFigures {
                sav_i: &sav_i,
                sw_i: &sw_i,
                fu_i: &fu_i,
                oo_total: &oo_total,
            },
        );
        if !actuals.is_empty() {
            bc.assumptions.push(note(
                "actuals_replace_years",
                "Gerealiseerde aantallen (succesvolle verwijzingen) vervangen de geplande alleen voor hele kalenderjaren; latere jaren houden de aantallen van het plan.".into(),
                "Realised counts (successful referrals) replace the planned ones for whole calendar years only; later years keep the plan's counts.".into(),
            ));
        }
        Ok(bc)
    }
}

fn assumptions(p: &Params) -> Vec<Note> {
    let mut out = vec![note(
        "full_precision",
        "Bedragen worden onafgerond berekend en pas bij het tonen op hele euro's afgerond, zoals de rekensheet van het plan (397 × 1,5 × 1,5 = 893,25 verwijzingen, getoond als 893).".into(),
        "Amounts are computed unrounded and rounded to whole euros only for display, as the plan's spreadsheet does (397 × 1.5 × 1.5 = 893.25 referrals, shown as 893).".into(),
    ), note(
        "base_level_before_growth",
        format!("Aanname: tot {} blijft het aantal verwijzingen op het niveau van {} (het plan rekent voor {} geen besparing en zet in de FTE-tabel het basisaantal onder {}).", p.first_year, p.base_year, p.start_year, p.fte.first_year),
        format!("Assumption: until {} referrals stay at the {} level (the plan counts no savings for {} and puts the base count under {} in its FTE table).", p.first_year, p.base_year, p.start_year, p.fte.first_year),
    )];
    if let Some(d) = p.index_factor_decimals {
        out.push(note(
            "index_factor_rounded",
            format!("Aanname (afgeleid uit de cijfers van het plan): de indexatiefactoren zijn (1 + {}%)^n afgerond op {d} decimalen, bijvoorbeeld {} voor {}.", comma(p.indexation * 100.0), comma(p.index_factor(p.start_year + 3)), p.start_year + 3),
            format!("Assumption (recovered from the plan's figures): the indexation factors are (1 + {}%)^n rounded to {d} decimals, e.g. {} for {}.", p.indexation * 100.0, p.index_factor(p.start_year + 3), p.start_year + 3),
        ));
    }
    if p.fte.whole_euro_shares {
        out.push(note(
            "fte_whole_euro_shares",
            "Aanname (afgeleid uit de FTE-tabel van het plan): de besparing per verwijzing voor huisarts en POH-GGZ is naar beneden afgerond op hele euro's (€ 510 en € 408 van € 1.021).".into(),
            "Assumption (recovered from the plan's FTE table): the saving per referral for GP and POH-GGZ is rounded down to whole euros (EUR 510 and 408 of EUR 1,021).".into(),
        ));
    }
    out.push(note(
        "one_off_recovered_rates",
        "Aanname (afgeleid uit tabel 8.1): bovenregionale projectleiding 48 weken per jaar; leerbijeenkomsten en interne communicatie à € 100 per uur; ICT verdeeld 25/50/25% over 2025-2027.".into(),
        "Assumption (recovered from table 8.1): the supra-regional lead works 48 weeks a year; learning meetings and internal communication at EUR 100 an hour; ICT spread 25/50/25% over 2025-2027.".into(),
    ));
    out
}

struct PlanFigures<'a> {
    sav_i: &'a [f64],
    sw_i: &'a [f64],
    fu_i: &'a [f64],
    oo_total: &'a [f64],
}

/// The plan's contradictions, stated with the figures this computation gives for the plan's own
/// ranges. Only for the plan's own parameters: under a what-if they would describe another case.
fn warnings(p: &Params, bc: &BusinessCase, f: PlanFigures) -> Vec<Note> {
    let mut out = Vec::new();
    if let Some(fac) = p.one_off.index_factor_overrides.get("2027") {
        let rule = p.index_factor(2027);
        if (fac - rule).abs() > 1e-12 {
            if let Some(x) = f.oo_total.get((2027 - p.one_off.first_year) as usize) {
                let (published, ruled) = (whole(x * fac), whole(x * rule));
                out.push(note(
                    "plan_one_off_2027_index",
                    format!("Plan 8.1 indexeert de eenmalige investeringen van 2027 met factor {} (€ {}), terwijl 3% per jaar {} geeft (€ {}); het gepubliceerde bedrag is aangehouden.", comma(*fac), eur_nl(published), comma(rule), eur_nl(ruled)),
                    format!("Plan 8.1 indexes the one-off investments of 2027 by a factor {fac} (EUR {}), while 3% a year gives {rule} (EUR {}); the published amount is kept.", eur_en(published), eur_en(ruled)),
                ));
            }
        }
    }
    if *p != Params::default() {
        return out;
    }
    // Plan 7.1: the "Totaal" column of the referral table adds the base year to 2026-2030.
    let t = &bc.totals;
    let base: i64 = bc.regions.values().map(|r| r.base_referrals).sum();
    out.push(note(
        "plan_referral_total_includes_base",
        format!("De kolom Totaal van de verwijzingstabel in plan 7.1 ({}) telt het basisjaar {} ({}) mee; 2026-2030 samen is {}.", eur_nl(t.referrals_total + base), p.base_year, eur_nl(base), eur_nl(t.referrals_total)),
        format!("The Total column of the referral table in plan 7.1 ({}) includes the base year {} ({}); 2026-2030 together is {}.", eur_en(t.referrals_total + base), p.base_year, eur_en(base), eur_en(t.referrals_total)),
    ));
    out.push(note(
        "plan_table_7_2_years_shifted",
        "De kop van tabel 7.2 noemt 2025-2029, maar de bedragen zijn die van 2026-2030 (zoals tabel 7.3 ze plaatst).".into(),
        "The header of table 7.2 says 2025-2029, but its amounts are those of 2026-2030 (where table 7.3 puts them).".into(),
    ));
    // Plan 7.3: the Totaal column sums 2026-2029 for savings and costs, but all years for the net.
    let four = |v: &[f64]| whole(v.iter().take(4).sum::<f64>());
    let (s4, w4, f4) = (four(f.sav_i), four(f.sw_i), four(f.fu_i));
    let oo = t.one_off_investment_indexed_total_eur;
    out.push(note(
        "plan_table_7_3_totals_omit_2030",
        format!("De totalen in tabel 7.3 laten 2030 weg: besparingen € {} (met 2030: € {}), uitvoeringskosten € {} (€ {}), vervolgkosten € {} (€ {}).", eur_nl(s4), eur_nl(t.savings_indexed_total_eur), eur_nl(w4), eur_nl(t.social_worker_cost_indexed_total_eur), eur_nl(f4), eur_nl(t.follow_up_cost_indexed_total_eur)),
        format!("The totals in table 7.3 leave out 2030: savings EUR {} (with 2030: EUR {}), execution costs EUR {} (EUR {}), follow-up costs EUR {} (EUR {}).", eur_en(s4), eur_en(t.savings_indexed_total_eur), eur_en(w4), eur_en(t.social_worker_cost_indexed_total_eur), eur_en(f4), eur_en(t.follow_up_cost_indexed_total_eur)),
    ));
    out.push(note(
        "plan_net_total_inconsistent",
        format!("Het totale netto effect in tabel 7.3 (€ {}) is de som van de jaren 2025-2030, maar de totalen van die tabel geven € {} − € {} − € {} − € {} = € {}.", eur_nl(t.net_effect_total_eur), eur_nl(s4), eur_nl(w4), eur_nl(f4), eur_nl(oo), eur_nl(s4 - w4 - f4 - oo)),
        format!("The total net effect in table 7.3 (EUR {}) is the sum of the years 2025-2030, but that table's totals give EUR {} − {} − {} − {} = EUR {}.", eur_en(t.net_effect_total_eur), eur_en(s4), eur_en(w4), eur_en(f4), eur_en(oo), eur_en(s4 - w4 - f4 - oo)),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let p = Params::from_json_overrides(
            r#"{"regions": {"amstelland": {"growth": [0, 0, 0, 0, 0]}}}"#,
        )
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
        let actuals =
            Actuals::from([("haarlemmermeer".to_string(), BTreeMap::from([(2026, 400)]))]);
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
        assert!(err(r#"{"regions": {"x": {"base_referrals": 1}}}"#)
            .field
            .starts_with("regions.x"));
        assert_eq!(err("[1]").code, Code::WrongType);
        assert_eq!(err("{").code, Code::InvalidJson);
    }

    #[test]
    fn dutch_and_english_thousands() {
        assert_eq!(eur_nl(-1_234_567), "-1.234.567");
        assert_eq!(eur_nl(999), "999");
        assert_eq!(eur_en(20_006_425), "20,006,425");
    }
}
