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

/// Every parameter of `p`, in the order of the plan's chapters.
pub(super) fn drivers(p: &Params) -> Vec<Driver> {
    use Basis::{Assumption, Plan};
    let mut specs = vec![
        spec(
            "base_year",
            "Basisjaar van de verwijzingen",
            "Base year of the referrals",
            Plan,
            "7.1",
            |p, _| Some(p.base_year.to_string()),
        ),
        spec(
            "start_year",
            "Eerste jaar (investeringen, indexatie)",
            "First year (investments, indexation)",
            Plan,
            "8.1",
            |p, _| Some(p.start_year.to_string()),
        ),
        spec(
            "first_year, last_year",
            "Jaren met structureel effect",
            "Years of structural effect",
            Plan,
            "7.1",
            |p, _| Some(format!("{}–{}", p.first_year, p.last_year)),
        ),
    ];
    let default = Params::default();
    let region_ids = default.regions.keys().chain(
        p.regions
            .keys()
            .filter(|k| !default.regions.contains_key(*k)),
    );
    let regions: Vec<String> = region_ids.cloned().collect();
    for id in regions {
        let name = p
            .regions
            .get(&id)
            .or(default.regions.get(&id))
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
                    .map(|r| whole(l, r.base_referrals.round() as i64))
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
    specs.extend([
        spec(
            "zvw_saving_per_extra_referral_eur",
            "Besparing Zvw per extra verwijzing (Good2Consult)",
            "Zvw saving per extra referral (Good2Consult)",
            Plan,
            "7.1",
            |p, l| Some(eur(l, p.zvw_saving_per_extra_referral_eur)),
        ),
        spec(
            "social_worker_hours_per_referral",
            "Uren sociaal werker per extra verwijzing",
            "Social-worker hours per extra referral",
            Plan,
            "7.2",
            |p, l| Some(hours(l, p.social_worker_hours_per_referral)),
        ),
        spec(
            "social_worker_rate_eur",
            "Uurtarief sociaal werker",
            "Social worker's hourly rate",
            Plan,
            "7.2",
            |p, l| Some(eur(l, p.social_worker_rate_eur)),
        ),
        spec(
            "follow_up_share",
            "Deel van de extra verwijzingen met vervolgkosten",
            "Share of extra referrals with follow-up costs",
            Plan,
            "7.3",
            |p, l| Some(share(l, p.follow_up_share)),
        ),
        spec(
            "follow_up_cost_eur",
            "Vervolgkosten per doorverwezen inwoner",
            "Follow-up cost per resident referred on",
            Plan,
            "7.3",
            |p, l| Some(eur(l, p.follow_up_cost_eur)),
        ),
        spec(
            "indexation",
            "Jaarlijkse indexatie",
            "Yearly indexation",
            Plan,
            "7.2, 8.1",
            |p, l| Some(share(l, p.indexation)),
        ),
        spec(
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
        ),
        spec(
            "one_off.first_year, one_off.last_year",
            "Jaren met eenmalige investeringen",
            "Years of one-off investments",
            Plan,
            "8.1",
            |p, _| Some(format!("{}–{}", p.one_off.first_year, p.one_off.last_year)),
        ),
        spec(
            "one_off.vat",
            "Btw op de eenmalige bedragen (het plan: \"inclusief btw\")",
            "VAT on the one-off amounts (the plan: \"inclusief btw\")",
            Assumption,
            "8.1",
            |p, l| Some(share(l, p.one_off.vat)),
        ),
        spec(
            "one_off.contingency",
            "Marge onvoorzien",
            "Contingency margin",
            Plan,
            "8.1",
            |p, l| Some(share(l, p.one_off.contingency)),
        ),
        spec(
            "one_off.training_hours_per_fte",
            "Scholing en intervisie: uren per FTE sociaal werker",
            "Training and intervision: hours per social-worker FTE",
            Plan,
            "8.2",
            |p, l| Some(hours(l, p.one_off.training_hours_per_fte)),
        ),
        spec(
            "one_off.training_rate_eur",
            "Scholing en intervisie: uurtarief",
            "Training and intervision: hourly rate",
            Plan,
            "8.1",
            |p, l| Some(eur(l, p.one_off.training_rate_eur)),
        ),
        spec(
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
        ),
    ]);
    let item_ids = default.one_off.items.iter().chain(
        p.one_off
            .items
            .iter()
            .filter(|i| default.one_off.items.iter().all(|d| d.id != i.id)),
    );
    let items: Vec<(String, String, String)> = item_ids
        .map(|i| (i.id.clone(), i.nl.clone(), i.en.clone()))
        .collect();
    for (id, nl, en) in items {
        let (basis, section) = if recovered_item(&id) {
            (Assumption, "8.1")
        } else {
            (Plan, "8.1, 8.2")
        };
        let key = id.clone();
        let param = match p.one_off.items.iter().position(|i| i.id == id) {
            Some(i) => format!("one_off.items[{i}] ({id})"),
            None => format!("one_off.items ({id})"),
        };
        specs.push(spec(
            &param,
            &format!("{nl} (excl. btw per jaar)"),
            &format!("{en} (excl. VAT, per year)"),
            basis,
            section,
            move |p, l| {
                p.one_off
                    .items
                    .iter()
                    .find(|i| i.id == key)
                    .map(|i| join(i.amounts_eur.iter().map(|a| eur(l, *a))))
            },
        ));
    }
    specs.extend([
        spec(
            "fte.first_year, fte.last_year",
            "Jaren van de FTE-tabel",
            "Years of the FTE table",
            Plan,
            "7.4",
            |p, _| Some(format!("{}–{}", p.fte.first_year, p.fte.last_year)),
        ),
        spec(
            "fte.productive_hours",
            "Productieve uren sociaal werker per jaar",
            "Productive hours of a social worker per year",
            Plan,
            "7.4",
            |p, l| Some(hours(l, p.fte.productive_hours)),
        ),
        spec(
            "fte.gp_share",
            "Deel van de besparing in huisartsconsulten",
            "Share of the saving in GP consultations",
            Plan,
            "7.4",
            |p, l| Some(share(l, p.fte.gp_share)),
        ),
        spec(
            "fte.gp_fte_cost_eur",
            "Loonkosten per FTE huisarts",
            "Labour cost per GP FTE",
            Plan,
            "7.4",
            |p, l| Some(eur(l, p.fte.gp_fte_cost_eur)),
        ),
        spec(
            "fte.poh_share",
            "Deel van de besparing in POH-GGZ-consulten",
            "Share of the saving in POH-GGZ consultations",
            Plan,
            "7.4",
            |p, l| Some(share(l, p.fte.poh_share)),
        ),
        spec(
            "fte.poh_fte_cost_eur",
            "Loonkosten per FTE POH-GGZ",
            "Labour cost per POH-GGZ FTE",
            Plan,
            "7.4",
            |p, l| Some(eur(l, p.fte.poh_fte_cost_eur)),
        ),
        spec(
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
        ),
    ]);
    specs
        .into_iter()
        .filter_map(|s| {
            let (value_nl, value_en) = ((s.show)(p, Nl)?, (s.show)(p, En)?);
            let plan =
                |l| (s.show)(&default, l).filter(|v| *v != (s.show)(p, l).unwrap_or_default());
            let own_region_or_item = (s.show)(&default, Nl).is_none();
            Some(Driver {
                param: s.param,
                nl: s.nl,
                en: s.en,
                value_nl,
                value_en,
                basis: if own_region_or_item {
                    Basis::Assumption
                } else {
                    s.basis
                },
                section: if own_region_or_item {
                    String::new()
                } else {
                    s.section.to_string()
                },
                plan_value_nl: plan(Nl),
                plan_value_en: plan(En),
            })
        })
        .collect()
}
