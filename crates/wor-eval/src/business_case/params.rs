//! The business case's inputs: every parameter with its plan section, the plan's values as the default,
//! a what-if file laid over them, and the checks the types cannot make.

use crate::plan;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use wor_core::error::{Code, FieldError, FieldErrors};
use wor_core::referral::parse_tracked;
use wor_core::Strictness;

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
            social_worker_hours_per_referral: plan::HOURS_PER_REFERRAL,
            social_worker_rate_eur: 95.0,
            follow_up_share: 0.6,
            follow_up_cost_eur: 200.0,
            indexation: 0.03,
            index_factor_decimals: Some(4),
            one_off: OneOffParams::default(),
            fte: FteParams {
                first_year: 2025,
                last_year: 2028,
                productive_hours: plan::PRODUCTIVE_HOURS_PER_FTE,
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
        let mut items = project_leads();
        items.extend(meetings_ict_and_communication());
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
/// The project leads and the plan's writing (plan 8.1/8.2).
fn project_leads() -> Vec<OneOffItem> {
    // Plan 8.2: an external project lead costs EUR 113,440 a year full-time; a quarter FTE in 2025
    // and half an FTE in 2026 and 2027 per subregion.
    let lead = [113_440.0 * 0.25, 113_440.0 * 0.5, 113_440.0 * 0.5];
    // Plan 8.2: the supra-regional lead at EUR 130 an hour, 16 hours a week. Assumption recovered
    // from 8.1's amounts: 48 working weeks a year, half a year in 2025.
    let supra = 130.0 * 16.0 * 48.0;
    vec![
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
    ]
}

/// Learning meetings, ICT, communication and the effect study (plan 8.1/8.2).
fn meetings_ict_and_communication() -> Vec<OneOffItem> {
    vec![
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
    ]
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
        // Shares and rates: a share of 60 (meant as 60%) would turn the case around by hundreds of millions.
        for (name, v) in [
            ("follow_up_share", self.follow_up_share),
            ("indexation", self.indexation),
            ("one_off.vat", self.one_off.vat),
            ("one_off.contingency", self.one_off.contingency),
            ("fte.gp_share", self.fte.gp_share),
            ("fte.poh_share", self.fte.poh_share),
        ] {
            if v > 1.0 {
                return Err(perr(name, Code::OutOfRange, "must be a share from 0 to 1")
                    .with("min", 0)
                    .with("max", 1)
                    .with("got", v));
            }
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

    pub(super) fn one_off_index_factor(&self, year: i32) -> f64 {
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
        Err(
            perr(field, Code::OutOfRange, "must be a number of at least 0")
                .with("min", 0)
                .with("got", v),
        )
    }
}
