//! The plan's KPI table at a date (plan 5.2): the supra-regional KPIs 1-4 and per region x.1-x.7, each
//! with its due date, status and evidence. Effort KPIs come from the register (`register.rs`), result
//! KPIs from the cases: x.4 and x.7 through [`successful_referrals`], the one definition of "successful
//! referrals in a calendar year against the target" that monitoring, the evaluation report and the
//! Regio view share; x.5 from the electronic channel.

use super::*;

/// KPIs x.4 and x.7 for one region and calendar year, as known on the reference date.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SuccessfulReferrals {
    pub year: i32,
    /// Referred in the year, up to the reference date.
    pub referrals: u64,
    /// Of those, taken into care by the social domain by the reference date (plan 5.4: "aangekomen en
    /// in behandeling genomen").
    pub successful: u64,
    /// The plan's target for the year (2026 and 2027 only).
    pub target: Option<u32>,
    /// successful / target, never annualised: a partial year is a partial year.
    pub share_of_target: Option<f64>,
    /// The year ended on or before the reference date.
    pub complete: bool,
}

/// Successful referrals of `region` in calendar `year` against the plan's target, as known on `date`:
/// cases referred in the year up to the date (each in the region of [`case_region`]) that were taken
/// into care by then ([`as_of::as_of`]: not before a first contact dated after the date). The one
/// definition of the KPI: monitoring, the evaluation report and the Regio view all count through it.
pub fn successful_referrals<'c>(
    cases: impl IntoIterator<Item = &'c HistoricCase>,
    region: &str,
    year: i32,
    date: Date,
) -> SuccessfulReferrals {
    let (mut referrals, mut successful) = (0u64, 0u64);
    for c in cases {
        let referred = c.dates.referred;
        if referred.year() != year || referred > date || case_region(c).0 != region {
            continue;
        }
        referrals += 1;
        successful += u64::from(as_of::as_of(c, date).outcome.taken_into_care);
    }
    let target = plan::region(region).and_then(|p| p.successful_target(year));
    SuccessfulReferrals {
        year,
        referrals,
        successful,
        target,
        share_of_target: target.map(|t| successful as f64 / f64::from(t)),
        complete: Date::new(year, 12, 31).is_some_and(|end| end <= date),
    }
}

/// A KPI's state on the reference date (the rule is an assumption: [`STATUS_RULE`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum KpiStatus {
    Met,
    OnTrack,
    AtRisk,
    Missed,
    Open,
}

impl KpiStatus {
    pub fn label(self, lang: wor_core::Lang) -> &'static str {
        let en = lang == wor_core::Lang::En;
        match self {
            KpiStatus::Met => {
                if en {
                    "met"
                } else {
                    "behaald"
                }
            }
            KpiStatus::OnTrack => {
                if en {
                    "on track"
                } else {
                    "op koers"
                }
            }
            KpiStatus::AtRisk => {
                if en {
                    "at risk"
                } else {
                    "risico"
                }
            }
            KpiStatus::Missed => {
                if en {
                    "missed"
                } else {
                    "niet behaald"
                }
            }
            KpiStatus::Open => {
                if en {
                    "open"
                } else {
                    "nog open"
                }
            }
        }
    }
}

/// Days before the due date from which a KPI without any evidence is at risk (assumption).
pub const AT_RISK_DAYS: i64 = 91;

/// The status rule, an assumption the plan leaves open (shown with the assumptions).
pub const STATUS_RULE: (&str, &str) = (
    "Aanname (status van een KPI op de peildatum): behaald als het doel op of voor de streefdatum is bereikt; niet behaald als de streefdatum voorbij is zonder dat; nog open zolang er geen bewijs is en de streefdatum meer dan 91 dagen weg is; risico als er binnen 91 dagen van de streefdatum nog geen bewijs is, of als de voortgang achterblijft bij een rechte lijn van de start (goedkeuring, of 1 januari van het KPI-jaar) naar het doel op de streefdatum; anders op koers.",
    "Assumption (a KPI's status on the reference date): met when the target is reached on or before the due date; missed when the due date has passed without that; open while there is no evidence and the due date is more than 91 days away; at risk when there is still no evidence within 91 days of the due date, or progress lags a straight line from the start (approval, or 1 January of the KPI's year) to the target on the due date; otherwise on track.",
);

impl Kpi {
    /// The class of its table row: `kpi-` and the status id (the page colours by it).
    pub fn status_class(&self) -> &'static str {
        match self.status {
            KpiStatus::Met => "kpi-met",
            KpiStatus::OnTrack => "kpi-on_track",
            KpiStatus::AtRisk => "kpi-at_risk",
            KpiStatus::Missed => "kpi-missed",
            KpiStatus::Open => "kpi-open",
        }
    }
}

/// What a KPI's figure rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum Evidence {
    /// Effort KPIs: the register's rows up to the reference date.
    Register(Vec<RegisterRow>),
    /// x.4 and x.7: counted from the cases.
    Cases { referrals: Count, successful: Count },
    /// x.5: referring practices and those using ZorgDomein or VIP Live.
    Practices {
        referring_practices: Count,
        electronic: Count,
    },
}

/// One row of the plan's KPI table on the reference date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Kpi {
    /// As the plan numbers it: "1".."4" supra-regional, "7.6" for Zuid-Holland Noord's sixth.
    pub id: String,
    /// The map region id; `None` for the supra-regional KPIs.
    pub region: Option<String>,
    pub kind: plan::KpiKind,
    /// The plan's "(Streef) datum".
    pub due: Date,
    pub status: KpiStatus,
    /// Progress on the reference date: documents, kinds or meetings (effort), successful referrals
    /// (x.4, x.7), the share of practices (x.5); null when suppressed in shared material.
    pub value: Option<f64>,
    pub target: f64,
    /// What the KPI asks, in Dutch and English.
    pub nl: String,
    pub en: String,
    pub evidence: Evidence,
    /// x.6 only (else empty): WelZo learning-group meetings, reported beside the KPI and never counted
    /// for it.
    pub beside: Vec<RegisterRow>,
}

/// A plan date; the plan's dates are valid (a test in `plan.rs`), `fallback` only keeps this total.
fn date_of((y, m, d): (i32, u8, u8), fallback: Date) -> Date {
    Date::new(y, m, d).unwrap_or(fallback)
}

/// The status of a KPI with `value` of `target` on `date` (`reached` by the due date), progressing from
/// `start` to `due` ([`STATUS_RULE`]).
fn status(value: f64, target: f64, reached: bool, start: Date, due: Date, date: Date) -> KpiStatus {
    if reached {
        return KpiStatus::Met;
    }
    if date > due {
        return KpiStatus::Missed;
    }
    let days_left = due.days_since_epoch() - date.days_since_epoch();
    if value <= 0.0 {
        return if days_left <= AT_RISK_DAYS {
            KpiStatus::AtRisk
        } else {
            KpiStatus::Open
        };
    }
    let span = (due.days_since_epoch() - start.days_since_epoch()).max(1) as f64;
    let elapsed =
        ((date.days_since_epoch() - start.days_since_epoch()) as f64 / span).clamp(0.0, 1.0);
    if value / target >= elapsed {
        KpiStatus::OnTrack
    } else {
        KpiStatus::AtRisk
    }
}

/// The register's measure for an effort KPI: rows that count (up to `until`) and the value they give.
fn effort_value(number: &str, supra: bool, rows: &[&RegisterRow]) -> (f64, f64) {
    use EvidenceKind as K;
    let has = |k: K| rows.iter().any(|r| r.kind == k);
    let count = |k: K| rows.iter().filter(|r| r.kind == k).count() as f64;
    match (supra, number) {
        (true, "1") => (count(K::Transformatieplan).min(1.0), 1.0),
        (true, "2") => (count(K::PlanVanAanpak).min(1.0), 1.0),
        (true, "3") => (count(K::ToolboxAfspraken).min(1.0), 1.0),
        (true, _) => (count(K::Evaluatierapport).min(1.0), 1.0),
        // x.1 needs both: the needs identified and working groups started.
        (false, "1") => (
            f64::from(u8::from(has(K::Behoeften)) + u8::from(has(K::Werkgroep))),
            2.0,
        ),
        (false, "2") => (count(K::Projectplan).min(1.0), 1.0),
        (false, "3") => (count(K::Training), 1.0),
        _ => (count(K::Intervisie), f64::from(plan::INTERVISION_MEETINGS)),
    }
}

/// The kinds of evidence an effort KPI rests on.
fn effort_kinds(number: &str, supra: bool) -> &'static [EvidenceKind] {
    use EvidenceKind as K;
    match (supra, number) {
        (true, "1") => &[K::Transformatieplan],
        (true, "2") => &[K::PlanVanAanpak],
        (true, "3") => &[K::ToolboxAfspraken],
        (true, _) => &[K::Evaluatierapport],
        (false, "1") => &[K::Behoeften, K::Werkgroep],
        (false, "2") => &[K::Projectplan],
        (false, "3") => &[K::Training],
        _ => &[K::Intervisie],
    }
}

/// The inputs of the KPI table besides the register.
pub(super) struct TableInputs<'a> {
    pub cases: &'a [&'a HistoricCase],
    pub channels: &'a BTreeMap<String, ChannelKpi>,
    pub date: Date,
    pub show: Shown,
}

fn effort_kpi(
    def: &plan::PlanKpi,
    region: Option<&str>,
    id: String,
    register: &Register,
    date: Date,
) -> Kpi {
    let due = date_of(def.due, date);
    let kinds = effort_kinds(def.number, region.is_none());
    let rows: Vec<&RegisterRow> = register
        .rows
        .iter()
        .filter(|r| r.date <= date && r.region.as_deref() == region && kinds.contains(&r.kind))
        .collect();
    let by_due: Vec<&RegisterRow> = rows.iter().copied().filter(|r| r.date <= due).collect();
    let (value, target) = effort_value(def.number, region.is_none(), &rows);
    let reached = effort_value(def.number, region.is_none(), &by_due).0 >= target;
    let beside = if region.is_some() && def.number == "6" {
        register
            .rows
            .iter()
            .filter(|r| {
                r.date <= date
                    && r.region.as_deref() == region
                    && r.kind == EvidenceKind::Leerbijeenkomst
            })
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    Kpi {
        id,
        region: region.map(str::to_string),
        kind: def.kind,
        due,
        status: status(
            value,
            target,
            reached,
            date_of(plan::APPROVAL, date),
            due,
            date,
        ),
        value: Some(value),
        target,
        nl: def.nl.to_string(),
        en: def.en.to_string(),
        evidence: Evidence::Register(rows.into_iter().cloned().collect()),
        beside,
    }
}

fn result_kpi(def: &plan::PlanKpi, region: &str, id: String, inputs: &TableInputs) -> Kpi {
    let (date, show) = (inputs.date, inputs.show);
    let due = date_of(def.due, date);
    let (value, target, start, evidence, shown) = if def.number == "5" {
        let channel = inputs.channels.get(region);
        let share = channel.and_then(|c| c.share);
        let evidence = Evidence::Practices {
            referring_practices: channel.map_or(Count::Exact(0), |c| c.referring_practices),
            electronic: channel.map_or(Count::Exact(0), |c| c.electronic),
        };
        (
            share.unwrap_or(0.0),
            plan::ELECTRONIC_CHANNEL_SHARE,
            date_of(plan::APPROVAL, date),
            evidence,
            share,
        )
    } else {
        let k = successful_referrals(inputs.cases.iter().copied(), region, due.year(), date);
        let evidence = Evidence::Cases {
            referrals: show.count(k.referrals),
            successful: show.count(k.successful),
        };
        let shown = (!(show.shared && small(k.successful))).then_some(k.successful as f64);
        let start = Date::new(due.year(), 1, 1).unwrap_or(due);
        (
            k.successful as f64,
            f64::from(k.target.unwrap_or(0)),
            start,
            evidence,
            shown,
        )
    };
    // A result before its year has begun is open, whatever the path says.
    let reached = target > 0.0 && value >= target;
    let status = if date < start && !reached {
        KpiStatus::Open
    } else {
        status(value, target, reached, start, due, date)
    };
    Kpi {
        id,
        region: Some(region.to_string()),
        kind: def.kind,
        due,
        status,
        value: shown,
        target,
        nl: def.nl.to_string(),
        en: def.en.to_string(),
        evidence,
        beside: Vec::new(),
    }
}

/// The plan's KPI table on the reference date: supra-regional 1-4, then each region's x.1-x.7 in the
/// plan's order (Amstelland 5.x, Haarlemmermeer 6.x, Zuid-Holland Noord 7.x). Effort KPIs only with a
/// register: without one nothing is known about them, and "missed" would be a guess.
pub(super) fn kpi_table(register: Option<&Register>, inputs: &TableInputs) -> Vec<Kpi> {
    let mut out = Vec::new();
    if let Some(register) = register {
        for def in &plan::SUPRA_REGIONAL_KPIS {
            out.push(effort_kpi(
                def,
                None,
                def.number.to_string(),
                register,
                inputs.date,
            ));
        }
    }
    let mut regions: Vec<&plan::PlanRegion> = plan::REGIONS.iter().collect();
    regions.sort_by_key(|r| r.kpi_number);
    for r in regions {
        for def in &plan::REGIONAL_KPIS {
            let id = format!("{}.{}", r.kpi_number, def.number);
            match (def.kind, register) {
                (plan::KpiKind::Result, _) => out.push(result_kpi(def, r.id, id, inputs)),
                (plan::KpiKind::Effort, Some(register)) => {
                    out.push(effort_kpi(def, Some(r.id), id, register, inputs.date))
                }
                (plan::KpiKind::Effort, None) => {}
            }
        }
    }
    out
}
