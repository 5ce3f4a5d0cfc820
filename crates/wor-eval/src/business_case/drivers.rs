//! The drivers table: every parameter the business case is computed with, its value, and where the
//! value comes from (the plan's section, or an assumption), with the plan's value beside an own one.

use super::Params;
use crate::numbers::{decimal, money, percent, plain_nl, whole};
use serde::Serialize;
use wor_core::Lang::{self, En, Nl};

/// One parameter as used.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Driver {
    /// Its path in a params file (`regions.amstelland.growth`).
    pub param: String,
    pub nl: String,
    pub en: String,
    /// The value as used, as the reader sees it ("€ 1.021", "50% / 50% / 50% / 0% / 0%").
    pub value_nl: String,
    pub value_en: String,
    /// `plan` (the plan states it) or `assumption` (it does not: recovered from its figures or chosen).
    pub basis: Basis,
    /// The plan's section the value comes from or is recovered from.
    pub section: String,
    /// The plan's value where this run uses another (what-if).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub plan_value_nl: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub plan_value_en: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    Plan,
    Assumption,
}

impl Driver {
    /// Where the value comes from, worded: "plan 7.1", "aanname (afgeleid uit 8.1)", or for an own
    /// value "eigen waarde (plan 7.1: € 1.021)".
    pub fn source(&self, lang: Lang) -> String {
        let nl = lang != En;
        let own = if nl {
            self.plan_value_nl.as_ref()
        } else {
            self.plan_value_en.as_ref()
        };
        match (own, self.basis) {
            (Some(v), _) => format!(
                "{} (plan {}: {v})",
                if nl { "eigen waarde" } else { "own value" },
                self.section
            ),
            (None, _) if self.section.is_empty() => {
                (if nl { "eigen waarde" } else { "own value" }).to_string()
            }
            (None, Basis::Plan) => format!("plan {}", self.section),
            (None, Basis::Assumption) => format!(
                "{} {}",
                if nl {
                    "aanname, afgeleid uit"
                } else {
                    "assumption, recovered from"
                },
                self.section
            ),
        }
    }
}

/// How a parameter's value is read from `Params` and shown; `None` when it is not there (a region or
/// item the plan does not have).
type Show = Box<dyn Fn(&Params, Lang) -> Option<String>>;

struct Spec {
    param: String,
    nl: String,
    en: String,
    basis: Basis,
    section: &'static str,
    show: Show,
}

fn spec(
    param: &str,
    nl: &str,
    en: &str,
    basis: Basis,
    section: &'static str,
    show: impl Fn(&Params, Lang) -> Option<String> + 'static,
) -> Spec {
    Spec {
        param: param.into(),
        nl: nl.into(),
        en: en.into(),
        basis,
        section,
        show: Box::new(show),
    }
}

fn share(lang: Lang, x: f64) -> String {
    percent(lang, Some(x))
}

/// A factor as written (1,069; English 1.069).
fn plain(lang: Lang, x: f64) -> String {
    if lang == En {
        x.to_string()
    } else {
        plain_nl(x)
    }
}

fn join(v: impl Iterator<Item = String>) -> String {
    v.collect::<Vec<_>>().join(" / ")
}

fn hours(lang: Lang, x: f64) -> String {
    format!(
        "{} {}",
        decimal(lang, x, if x.fract() == 0.0 { 0 } else { 1 }),
        if lang == En { "h" } else { "uur" }
    )
}

fn eur(lang: Lang, x: f64) -> String {
    money(lang, x.round() as i64)
}

/// The one-off items whose amounts rest on a rate or split the plan does not state (recovered from
/// table 8.1's amounts; see `params.rs`).
fn recovered_item(id: &str) -> bool {
    id == "project_lead_supra_regional"
        || id.starts_with("learning_")
        || id.starts_with("communication_internal_")
        || id.starts_with("ict_")
}

/// How a number parameter is shown.
#[derive(Clone, Copy)]
enum Unit {
    Year,
    Count,
    Eur,
    Hours,
    Share,
}

/// A parameter that is one number.
struct Scalar {
    param: &'static str,
    nl: &'static str,
    en: &'static str,
    basis: Basis,
    section: &'static str,
    unit: Unit,
    get: fn(&Params) -> f64,
}

const fn scalar(
    param: &'static str,
    [nl, en]: [&'static str; 2],
    basis: Basis,
    section: &'static str,
    unit: Unit,
    get: fn(&Params) -> f64,
) -> Scalar {
    Scalar {
        param,
        nl,
        en,
        basis,
        section,
        unit,
        get,
    }
}

use Basis::{Assumption, Plan};

const YEARS: [Scalar; 2] = [
    scalar(
        "base_year",
        [
            "Basisjaar van de verwijzingen",
            "Base year of the referrals",
        ],
        Plan,
        "7.1",
        Unit::Year,
        |p| f64::from(p.base_year),
    ),
    scalar(
        "start_year",
        [
            "Eerste jaar (investeringen, indexatie)",
            "First year (investments, indexation)",
        ],
        Plan,
        "8.1",
        Unit::Year,
        |p| f64::from(p.start_year),
    ),
];

/// A parameter that is a range of years.
type Range = (
    &'static str,
    [&'static str; 2],
    &'static str,
    fn(&Params) -> (i32, i32),
);

const STRUCTURAL_YEARS: Range = (
    "first_year, last_year",
    ["Jaren met structureel effect", "Years of structural effect"],
    "7.1",
    |p| (p.first_year, p.last_year),
);
const ONE_OFF_YEARS: Range = (
    "one_off.first_year, one_off.last_year",
    [
        "Jaren met eenmalige investeringen",
        "Years of one-off investments",
    ],
    "8.1",
    |p| (p.one_off.first_year, p.one_off.last_year),
);
const FTE_YEARS: Range = (
    "fte.first_year, fte.last_year",
    ["Jaren van de FTE-tabel", "Years of the FTE table"],
    "7.4",
    |p| (p.fte.first_year, p.fte.last_year),
);

const RATES: [Scalar; 6] = [
    scalar(
        "zvw_saving_per_extra_referral_eur",
        [
            "Besparing Zvw per extra verwijzing (Good2Consult)",
            "Zvw saving per extra referral (Good2Consult)",
        ],
        Plan,
        "7.1",
        Unit::Eur,
        |p| p.zvw_saving_per_extra_referral_eur,
    ),
    scalar(
        "social_worker_hours_per_referral",
        [
            "Uren sociaal werker per extra verwijzing",
            "Social-worker hours per extra referral",
        ],
        Plan,
        "7.2",
        Unit::Hours,
        |p| p.social_worker_hours_per_referral,
    ),
    scalar(
        "social_worker_rate_eur",
        ["Uurtarief sociaal werker", "Social worker's hourly rate"],
        Plan,
        "7.2",
        Unit::Eur,
        |p| p.social_worker_rate_eur,
    ),
    scalar(
        "follow_up_share",
        [
            "Deel van de extra verwijzingen met vervolgkosten",
            "Share of extra referrals with follow-up costs",
        ],
        Plan,
        "7.3",
        Unit::Share,
        |p| p.follow_up_share,
    ),
    scalar(
        "follow_up_cost_eur",
        [
            "Vervolgkosten per doorverwezen inwoner",
            "Follow-up cost per resident referred on",
        ],
        Plan,
        "7.3",
        Unit::Eur,
        |p| p.follow_up_cost_eur,
    ),
    scalar(
        "indexation",
        ["Jaarlijkse indexatie", "Yearly indexation"],
        Plan,
        "7.2, 8.1",
        Unit::Share,
        |p| p.indexation,
    ),
];

const ONE_OFF: [Scalar; 4] = [
    scalar(
        "one_off.vat",
        [
            "Btw op de eenmalige bedragen (het plan: \"inclusief btw\")",
            "VAT on the one-off amounts (the plan: \"inclusief btw\")",
        ],
        Assumption,
        "8.1",
        Unit::Share,
        |p| p.one_off.vat,
    ),
    scalar(
        "one_off.contingency",
        ["Marge onvoorzien", "Contingency margin"],
        Plan,
        "8.1",
        Unit::Share,
        |p| p.one_off.contingency,
    ),
    scalar(
        "one_off.training_hours_per_fte",
        [
            "Scholing en intervisie: uren per FTE sociaal werker",
            "Training and intervision: hours per social-worker FTE",
        ],
        Plan,
        "8.2",
        Unit::Hours,
        |p| p.one_off.training_hours_per_fte,
    ),
    scalar(
        "one_off.training_rate_eur",
        [
            "Scholing en intervisie: uurtarief",
            "Training and intervision: hourly rate",
        ],
        Plan,
        "8.1",
        Unit::Eur,
        |p| p.one_off.training_rate_eur,
    ),
];

const FTE: [Scalar; 5] = [
    scalar(
        "fte.productive_hours",
        [
            "Productieve uren sociaal werker per jaar",
            "Productive hours of a social worker per year",
        ],
        Plan,
        "7.4",
        Unit::Hours,
        |p| p.fte.productive_hours,
    ),
    scalar(
        "fte.gp_share",
        [
            "Deel van de besparing in huisartsconsulten",
            "Share of the saving in GP consultations",
        ],
        Plan,
        "7.4",
        Unit::Share,
        |p| p.fte.gp_share,
    ),
    scalar(
        "fte.gp_fte_cost_eur",
        ["Loonkosten per FTE huisarts", "Labour cost per GP FTE"],
        Plan,
        "7.4",
        Unit::Eur,
        |p| p.fte.gp_fte_cost_eur,
    ),
    scalar(
        "fte.poh_share",
        [
            "Deel van de besparing in POH-GGZ-consulten",
            "Share of the saving in POH-GGZ consultations",
        ],
        Plan,
        "7.4",
        Unit::Share,
        |p| p.fte.poh_share,
    ),
    scalar(
        "fte.poh_fte_cost_eur",
        ["Loonkosten per FTE POH-GGZ", "Labour cost per POH-GGZ FTE"],
        Plan,
        "7.4",
        Unit::Eur,
        |p| p.fte.poh_fte_cost_eur,
    ),
];

fn shown(unit: Unit, lang: Lang, x: f64) -> String {
    match unit {
        Unit::Year => format!("{x}"),
        Unit::Count => whole(lang, x.round() as i64),
        Unit::Eur => eur(lang, x),
        Unit::Hours => hours(lang, x),
        Unit::Share => share(lang, x),
    }
}

fn from_scalars(list: &[Scalar]) -> impl Iterator<Item = Spec> + '_ {
    list.iter().map(|s| {
        let (get, unit) = (s.get, s.unit);
        spec(s.param, s.nl, s.en, s.basis, s.section, move |p, l| {
            Some(shown(unit, l, get(p)))
        })
    })
}

fn from_range((param, [nl, en], section, get): Range) -> Spec {
    spec(param, nl, en, Plan, section, move |p, _| {
        let (a, b) = get(p);
        Some(format!("{a}–{b}"))
    })
}

/// Each region's base and growth, the plan's regions first, then any a params file adds.
fn regions(p: &Params, default: &Params) -> Vec<Spec> {
    let ids = default.regions.keys().chain(
        p.regions
            .keys()
            .filter(|k| !default.regions.contains_key(*k)),
    );
    let mut specs = Vec::new();
    for id in ids {
        let name = p
            .regions
            .get(id)
            .or(default.regions.get(id))
            .map_or(id.clone(), |r| r.name.clone());
        let key = id.clone();
        specs.push(spec(
            &format!("regions.{id}.base_referrals"),
            &format!("{name}: verwijzingen in het basisjaar"),
            &format!("{name}: referrals in the base year"),
            Plan,
            "7.1",
            move |p, l| {
                p.regions
                    .get(&key)
                    .map(|r| shown(Unit::Count, l, r.base_referrals))
            },
        ));
        let key = id.clone();
        specs.push(spec(
            &format!("regions.{id}.growth"),
            &format!("{name}: groei per jaar"),
            &format!("{name}: growth per year"),
            Plan,
            "7.1",
            move |p, l| {
                p.regions
                    .get(&key)
                    .map(|r| join(r.growth.iter().map(|g| share(l, *g))))
            },
        ));
    }
    specs
}

/// Each one-off item's amounts, the plan's items first, then any a params file adds.
fn items(p: &Params, default: &Params) -> Vec<Spec> {
    let ids = default.one_off.items.iter().chain(
        p.one_off
            .items
            .iter()
            .filter(|i| default.one_off.items.iter().all(|d| d.id != i.id)),
    );
    ids.map(|it| {
        let (basis, section) = if recovered_item(&it.id) {
            (Assumption, "8.1")
        } else {
            (Plan, "8.1, 8.2")
        };
        let param = match p.one_off.items.iter().position(|i| i.id == it.id) {
            Some(i) => format!("one_off.items[{i}] ({})", it.id),
            None => format!("one_off.items ({})", it.id),
        };
        let key = it.id.clone();
        spec(
            &param,
            &format!("{} (excl. btw per jaar)", it.nl),
            &format!("{} (excl. VAT, per year)", it.en),
            basis,
            section,
            move |p, l| {
                p.one_off
                    .items
                    .iter()
                    .find(|i| i.id == key)
                    .map(|i| join(i.amounts_eur.iter().map(|a| eur(l, *a))))
            },
        )
    })
    .collect()
}

/// Every parameter of `p`, in the order of the plan's chapters.
pub(super) fn drivers(p: &Params) -> Vec<Driver> {
    let default = Params::default();
    let mut specs: Vec<Spec> = from_scalars(&YEARS).collect();
    specs.push(from_range(STRUCTURAL_YEARS));
    specs.extend(regions(p, &default));
    specs.extend(from_scalars(&RATES));
    specs.push(spec(
        "index_factor_decimals",
        "Decimalen van de indexatiefactoren",
        "Decimals of the indexation factors",
        Assumption,
        "7.1 en 7.3",
        |p, l| {
            Some(p.index_factor_decimals.map_or_else(
                || {
                    if l == En {
                        "exact".into()
                    } else {
                        "onafgerond".into()
                    }
                },
                |d| d.to_string(),
            ))
        },
    ));
    specs.push(from_range(ONE_OFF_YEARS));
    specs.extend(from_scalars(&ONE_OFF));
    specs.push(spec(
        "one_off.index_factor_overrides",
        "Indexatiefactoren eenmalige investeringen zoals gepubliceerd",
        "Indexation factors of the one-off investments as published",
        Plan,
        "8.1",
        |p, l| {
            Some(join(
                p.one_off
                    .index_factor_overrides
                    .iter()
                    .map(|(y, f)| format!("{y}: {}", plain(l, *f))),
            ))
        },
    ));
    specs.extend(items(p, &default));
    specs.push(from_range(FTE_YEARS));
    specs.extend(from_scalars(&FTE));
    specs.push(spec(
        "fte.whole_euro_shares",
        "Besparing per verwijzing voor huisarts en POH-GGZ in hele euro's",
        "Saving per referral for GP and POH-GGZ in whole euros",
        Assumption,
        "7.4",
        |p, l| {
            Some(
                match (p.fte.whole_euro_shares, l) {
                    (true, En) => "yes",
                    (false, En) => "no",
                    (true, _) => "ja",
                    (false, _) => "nee",
                }
                .into(),
            )
        },
    ));
    specs
        .into_iter()
        .filter_map(|s| driver(s, p, &default))
        .collect()
}

/// A spec's driver for `p`: its value, and the plan's where it differs; `None` when `p` lacks it.
fn driver(s: Spec, p: &Params, default: &Params) -> Option<Driver> {
    let (value_nl, value_en) = ((s.show)(p, Nl)?, (s.show)(p, En)?);
    let plan = |l| (s.show)(default, l).filter(|v| *v != (s.show)(p, l).unwrap_or_default());
    // A region or item the plan does not have is the reader's own.
    let own = (s.show)(default, Nl).is_none();
    Some(Driver {
        param: s.param,
        nl: s.nl,
        en: s.en,
        value_nl,
        value_en,
        basis: if own { Basis::Assumption } else { s.basis },
        section: if own {
            String::new()
        } else {
            s.section.to_string()
        },
        plan_value_nl: plan(Nl),
        plan_value_en: plan(En),
    })
}
