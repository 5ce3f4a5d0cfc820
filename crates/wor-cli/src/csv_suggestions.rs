//! `wor match` results as CSV: one row per suggestion, and one row for a referral without any (not
//! eligible, urgent, medical, or nothing fits) that says which route it got and why, so no referral is
//! missing from the file. With `--excel`: a UTF-8 byte-order mark, `;` between cells and decimal
//! commas, which Dutch Excel opens as columns. The columns are documented in docs/referrals-and-csv.md.

use wor_core::referral::Weekday;
use wor_core::{MatchResult, Referral};

/// How the CSV is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    /// Dutch Excel: BOM, `;` and decimal commas.
    pub excel: bool,
}

/// The columns, in order. The first thirteen are the original contract; the rest were added after
/// them so that existing readers keep their positions.
pub const COLUMNS: [&str; 33] = [
    "id",
    "rank",
    "activity_id",
    "name",
    "organisation",
    "score",
    "distance_km",
    "areas",
    "why_nl",
    "why_en",
    "map_region",
    "map_version",
    "map_hash",
    "route",
    "route_nl",
    "note_nl",
    "note_en",
    "reason_nl",
    "reason_en",
    "kind",
    "group",
    "address",
    "postcode",
    "phone",
    "email",
    "website",
    "cost_eur_per_month",
    "schedule",
    "by_appointment",
    "requires_indication",
    "warning_codes",
    "warnings_nl",
    "warnings_en",
];

impl Dialect {
    fn writer(self) -> csv::Writer<Vec<u8>> {
        csv::WriterBuilder::new()
            .has_headers(false)
            .delimiter(if self.excel { b';' } else { b',' })
            .from_writer(Vec::new())
    }

    /// The header row (with the byte-order mark for Excel).
    pub fn header(self) -> Result<Vec<u8>, String> {
        let mut w = self.writer();
        w.write_record(COLUMNS).map_err(|e| e.to_string())?;
        let mut bytes = if self.excel {
            crate::csv_referrals::UTF8_BOM.to_vec()
        } else {
            Vec::new()
        };
        bytes.extend(w.into_inner().map_err(|e| e.to_string())?);
        Ok(bytes)
    }

    /// A number as the reader's spreadsheet expects it: `2.5`, or `2,5` for Dutch Excel.
    fn number(self, x: f64) -> String {
        let s = x.to_string();
        if self.excel {
            s.replace('.', ",")
        } else {
            s
        }
    }

    /// One result's rows (without the header). A result without suggestions gets one row whose
    /// `reason_nl`/`reason_en` are the triage reasons of its `referral` (the route's "why").
    pub fn rows(self, r: &MatchResult, referral: Option<&Referral>) -> Result<Vec<u8>, String> {
        let mut csv = self.writer();
        let notes_nl: Vec<&str> = r.notes.iter().map(|w| w.nl.as_ref()).collect();
        let notes_en: Vec<&str> = r.notes.iter().map(|w| w.en.as_ref()).collect();
        let (notes_nl, notes_en) = (notes_nl.join("; "), notes_en.join("; "));
        let route = [r.route.id(), r.route.label_nl(), &notes_nl, &notes_en];
        // The triage's cautions, on every row of the referral: a row read alone must not lose them.
        let joined = |text: fn(&wor_core::triage::Warning) -> &str| {
            r.warnings.iter().map(text).collect::<Vec<_>>().join("; ")
        };
        let cautions = [
            joined(|w| w.code),
            joined(|w| w.nl.as_str()),
            joined(|w| w.en.as_str()),
        ];
        if r.suggestions.is_empty() {
            let reasons = referral.map(wor_core::triage::triage);
            let (reason_nl, reason_en) = reasons.map_or_else(Default::default, |t| {
                let nl: Vec<&str> = t.reasons.iter().map(|x| x.nl.as_str()).collect();
                let en: Vec<&str> = t.reasons.iter().map(|x| x.en.as_str()).collect();
                (nl.join("; "), en.join("; "))
            });
            let mut row: Vec<&str> = vec![r.id];
            row.extend([""; 9]);
            row.extend([r.map.region.as_str(), &r.map.version, &r.map.hash]);
            row.extend(route);
            row.extend([reason_nl.as_str(), &reason_en]);
            row.extend([""; 11]);
            row.extend(cautions.iter().map(String::as_str));
            csv.write_record(&row).map_err(|e| e.to_string())?;
        }
        for (rank, s) in r.suggestions.iter().enumerate() {
            let areas: Vec<&str> = s.areas.iter().map(|a| a.id()).collect();
            let why_nl: Vec<&str> = s.why.iter().map(|w| w.nl.as_ref()).collect();
            let why_en: Vec<&str> = s.why.iter().map(|w| w.en.as_ref()).collect();
            let schedule: Vec<String> = s
                .schedule
                .0
                .iter()
                .map(|t| format!("{} {}-{}", day_nl(t.day), hhmm(t.start), hhmm(t.end)))
                .collect();
            let yes_no = |b: bool| if b { "ja" } else { "nee" };
            let kind = serde_json::to_value(s.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            csv.write_record([
                r.id,
                &(rank + 1).to_string(),
                s.activity_id,
                s.name,
                s.organisation,
                &self.number(s.score),
                &self.number(s.distance_km),
                &areas.join(";"),
                &why_nl.join("; "),
                &why_en.join("; "),
                &r.map.region,
                &r.map.version,
                &r.map.hash,
                route[0],
                route[1],
                route[2],
                route[3],
                "",
                "",
                &kind,
                yes_no(s.group),
                s.address,
                s.postcode,
                s.contact.phone.as_deref().unwrap_or(""),
                s.contact.email.as_deref().unwrap_or(""),
                s.contact.website.as_deref().unwrap_or(""),
                &self.number(s.cost_eur_per_month),
                &schedule.join("; "),
                yes_no(s.by_appointment),
                yes_no(s.requires_indication),
                &cautions[0],
                &cautions[1],
                &cautions[2],
            ])
            .map_err(|e| e.to_string())?;
        }
        csv.into_inner().map_err(|e| e.to_string())
    }
}

fn day_nl(day: Weekday) -> &'static str {
    ["ma", "di", "wo", "do", "vr", "za", "zo"][day as usize]
}

fn hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}
