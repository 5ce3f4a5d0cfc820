//! The short summary for a terminal (the Dutch forms of the HTML page are in [`crate::numbers`]).

use super::{Report, FIRST_CONTACT_DAYS};
use crate::trec::Metrics;
use std::fmt::Write as _;

pub(super) fn f3(x: f64) -> String {
    format!("{x:.3}")
}

pub(super) fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

pub(super) fn signed(x: f64) -> String {
    format!("{x:+.3}")
}

/// A short, readable summary for a terminal.
pub fn render_text(r: &Report) -> String {
    let mut s = String::new();
    let maps: Vec<String> = r
        .maps
        .iter()
        .map(|m| format!("{} {}", m.region, m.version))
        .collect();
    let _ = writeln!(s, "maps: {}", maps.join(", "));
    let _ = writeln!(s, "{}", r.origin.case_origins.describe_both());
    let _ = writeln!(
        s,
        "cases: {} total, {} covered, {} evaluated (with an activity that would have worked), {} without; k = {}",
        r.cases.total, r.cases.covered, r.cases.evaluated, r.cases.no_relevant, r.k
    );
    let names = Metrics::names(r.k);
    let _ = write!(s, "\n{:<26}", "system");
    for n in &names {
        let _ = write!(s, "{n:>13}");
    }
    let _ = writeln!(s, "{:>13}", "judged");
    for sys in &r.systems {
        let _ = write!(s, "{:<26}", sys.label_en);
        for v in sys.mean.values() {
            let _ = write!(s, "{:>13}", f3(v));
        }
        let _ = writeln!(s, "{:>13}", pct(sys.judged_share));
    }
    if let Some(c) = &r.compare {
        compare_text(&mut s, r.k, c);
    }
    let t = &r.triage;
    let _ = writeln!(
        s,
        "\ntriage: {} of {} labelled cases correct ({})",
        t.correct,
        t.labelled,
        pct(t.accuracy)
    );
    let fc = &r.process.first_contact;
    let _ = writeln!(
        s,
        "first contact within {FIRST_CONTACT_DAYS} days: {} ({} of {}), median {} days; 1-4 conversations: {}",
        pct(fc.share_within_14_days),
        fc.within_14_days,
        fc.due,
        fc.median_days.map_or("-".into(), |d| format!("{d:.1}")),
        pct(r.process.share_1_to_4)
    );
    for k in &r.kpi {
        let _ = writeln!(
            s,
            "{}: {} cases, {} successful referrals ({}){}",
            k.name,
            k.cases,
            k.taken_into_care,
            pct(k.success_rate),
            k.years
                .iter()
                .filter_map(|y| Some(format!(
                    "; {}{}: {} of target {} ({})",
                    y.year,
                    if y.complete { "" } else { " to date" },
                    y.successful,
                    y.target?,
                    y.share_of_target.map_or("-".into(), pct)
                )))
                .collect::<String>()
        );
    }
    s
}

/// The comparison of two map versions or of two sets of weights on the same cases.
fn compare_text(s: &mut String, k: usize, c: &super::Comparison) {
    let (old, new) = if c.new_side == "compare" {
        (&c.primary, &c.compare)
    } else {
        (&c.compare, &c.primary)
    };
    let weights = c.subject == "weights";
    let (old_row, new_row, gain_row) = if weights {
        (
            format!("engine, {}", c.old_label),
            format!("engine, {}", c.new_label),
            format!("gain (file - {})", c.old_label),
        )
    } else {
        (
            "engine, old map".to_string(),
            "engine, new map".to_string(),
            "gain (new - old)".to_string(),
        )
    };
    let _ = if weights {
        writeln!(
            s,
            "weights compared: {} against {}",
            c.new_label, c.old_label
        )
    } else {
        writeln!(
            s,
            "versions compared: old {}, new {}",
            c.old_label, c.new_label
        )
    };
    let show: [fn(f64) -> String; 2] = [f3, signed];
    // The measures' columns stay under the header's; a weights file's id may be longer.
    let width = [&old_row, &new_row, &gain_row]
        .iter()
        .map(|l| l.chars().count() + 1)
        .max()
        .unwrap_or(0)
        .max(26);
    for (label, m, i) in [(old_row, old, 0), (new_row, new, 0), (gain_row, &c.gain, 1)] {
        let _ = write!(s, "{label:<width$}");
        for v in m.values() {
            let _ = write!(s, "{:>13}", show[i](v));
        }
        let _ = writeln!(s);
    }
    let (better, worse) = if weights {
        (
            "the weights file ranks better",
            "the weights file ranks worse",
        )
    } else {
        (
            "the new version ranks better",
            "the new version ranks worse",
        )
    };
    let _ = writeln!(
        s,
        "ndcg@{k} gain {} (95% paired bootstrap interval {} to {}): {}",
        signed(c.gain.ndcg),
        signed(c.gain_low.ndcg),
        signed(c.gain_high.ndcg),
        if c.within_noise {
            "within noise"
        } else if c.gain.ndcg > 0.0 {
            better
        } else {
            worse
        }
    );
    if let Some(with_new) = c.cases_recorded_with_new.filter(|n| *n < c.queries) {
        let _ = writeln!(
            s,
            "note: {} of {} cases were recorded with another map version than the new one; activities only in the new version are mostly unjudged and count as 0",
            c.queries - with_new,
            c.queries
        );
    }
    if let Some(l) = &c.learning {
        if l.overlapping > 0 {
            let _ = writeln!(
                s,
                "warning: {} of {} cases are among the cases the weights were learned from ({}): on them the weights look better than they are",
                l.overlapping,
                c.queries,
                l.periods.join(", ")
            );
        }
        if !l.unlisted.is_empty() {
            let _ = writeln!(
                s,
                "note: the weights for {} do not list their learning cases: overlap with these cases unknown",
                l.unlisted.join(", ")
            );
        }
    }
}
