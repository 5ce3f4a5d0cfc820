//! What `wor tune` learned, in plain Dutch: one sentence per weight that moved, then whether the
//! weights are adopted and why, and where they were learned from. The weights file keeps the same
//! lines (`summary_nl`).

use super::{RegionResult, MIN_CASES, TUNED};
use crate::numbers::decimal;
use wor_core::matching::weights::FIELDS;
use wor_core::matching::Weights;
use wor_core::Lang;

/// A weight is reported when it moved by at least this share of its default.
const REPORTED: f64 = 0.1;

/// Two decimals at most, trailing zeros dropped ("0,5", "1"); whole numbers from 10.
fn num(x: f64) -> String {
    let s = decimal(Lang::Nl, x, if x >= 10.0 { 0 } else { 2 });
    if s.contains(',') {
        s.trim_end_matches('0').trim_end_matches(',').to_string()
    } else {
        s
    }
}

fn km(x: f64) -> String {
    decimal(Lang::Nl, x, 1)
}

/// One sentence for weight `name` learned as `v` against its default `d`; `who` names the residents.
fn sentence(name: &str, v: f64, d: f64, who: &str) -> String {
    let band = |b: &str| {
        let how = if v < d { "minder ver" } else { "verder" };
        format!("{who} van {b} reizen {how} dan de standaard aanneemt: afstandsschaal {} km in plaats van {} km", km(v), km(d))
    };
    let factor = |what: &str| {
        if v < d {
            format!(
                "{what} weegt zwaarder dan de standaard aanneemt: factor {} in plaats van {}",
                num(v),
                num(d)
            )
        } else {
            format!(
                "{what} weegt lichter dan de standaard aanneemt: factor {} in plaats van {}",
                num(v),
                num(d)
            )
        }
    };
    match name {
        "decay_km_under_65" => band("onder de 65"),
        "decay_km_65_74" => band("65 tot 75 jaar"),
        "decay_km_75_plus" => band("75 jaar en ouder"),
        "distance_floor" => format!(
            "een activiteit ver weg houdt {}% van haar waarde in plaats van {}%",
            num(v * 100.0),
            num(d * 100.0)
        ),
        "group_activity" => format!(
            "{who} kiezen liever één-op-één-hulp dan een groep: een groepsactiviteit weegt {} in plaats van {}",
            num(v),
            num(d)
        ),
        "one_to_one" => format!(
            "{who} kiezen liever een groep dan één-op-één-hulp: één-op-één-hulp weegt {} in plaats van {}",
            num(v),
            num(d)
        ),
        "paid" => format!(
            "een betaalde activiteit verliest {}% van de bewoners (factor {} in plaats van {})",
            num(((1.0 - v) * 100.0).round()),
            num(v),
            num(d)
        ),
        "cost" => format!(
            "de kosten wegen {} dan de standaard aanneemt: exponent {} in plaats van {}",
            if v > d { "zwaarder" } else { "lichter" },
            num(v),
            num(d)
        ),
        "need_fit" => format!(
            "hoe goed een activiteit bij de hulpvraag past weegt {}: exponent {} in plaats van {}",
            if v > d { "zwaarder" } else { "lichter" },
            num(v),
            num(d)
        ),
        "by_appointment" => factor("op afspraak (geen vaste tijd)"),
        "schedule_floor" => factor("geen tijdstip op een gewenste dag of dagdeel"),
        "paid_with_money_worries" => factor("betaald bij geldzorgen zonder budget"),
        "language_mismatch" => factor("geen van de gewenste talen"),
        "no_dutch" => factor("geen Nederlands"),
        "not_literacy_friendly" => factor("niet geschikt bij laaggeletterdheid"),
        "group_mismatch" => factor("tegen de gewenste vorm (groep of één-op-één)"),
        "audience_mismatch" => factor("voor een andere doelgroep"),
        "needs_indication" => factor("indicatie nodig"),
        other => format!("{other}: {} in plaats van {}", num(v), num(d)),
    }
}

/// What `learned` says against the defaults: one sentence per weight that moved by at least 10%.
pub fn learned(learned: &Weights, region: &str) -> Vec<String> {
    let who = crate::plan::region(region).map_or_else(
        || format!("bewoners van {region}"),
        |r| format!("bewoners van {}", r.name),
    );
    TUNED
        .iter()
        .filter_map(|name| FIELDS.iter().find(|f| f.name == *name))
        .filter_map(|f| {
            let (v, d) = ((f.get)(learned), (f.get)(&Weights::DEFAULT));
            ((v - d).abs() >= REPORTED * d.abs().max(0.05)).then(|| sentence(f.name, v, d, &who))
        })
        .map(|s| capitalised(&s))
        .collect()
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// The region's full summary: what was learned, adopted or kept and why, and from what.
pub fn summary(r: &RegionResult, synthetic: bool) -> Vec<String> {
    let mut lines = learned(&r.learned, &r.region);
    let nl = |x: f64| decimal(Lang::Nl, x, 3);
    lines.push(match (&r.kept_defaults, &r.cross_validation) {
        (None, Some(cv)) => format!(
            "Overgenomen: op latere verwijzingen rangschikken de geleerde gewichten beter (nDCG@10 {} tegen {} met de standaardgewichten).",
            nl(cv.tuned.ndcg_at_10),
            nl(cv.default.ndcg_at_10)
        ),
        (Some(_), None) => format!(
            "Standaardgewichten behouden: te weinig afgesloten verwijzingen ({}; minstens {MIN_CASES} nodig).",
            r.cases
        ),
        (_, Some(cv)) => format!(
            "Standaardgewichten behouden: op latere verwijzingen geen winst (nDCG@10 {} met de geleerde tegen {} met de standaardgewichten).",
            nl(cv.tuned.ndcg_at_10),
            nl(cv.default.ndcg_at_10)
        ),
        (None, None) => "Standaardgewichten behouden.".into(),
    });
    lines.push(format!(
        "Geleerd van {} afgesloten verwijzingen{}.",
        r.cases,
        if synthetic {
            " uit synthetische casussen (demo), niet van uitkomsten van echte bewoners"
        } else {
            ""
        }
    ));
    lines
}
