//! The register of evidence behind the plan's effort KPIs (`wor monitor --register`): one row per
//! piece of evidence (a needs overview, a working group started, a project plan, a training and its
//! participants, an intervision meeting, a learning-group meeting, and the supra-regional documents).
//! A CSV as a spreadsheet writes it (Dutch or English column names, `;` or `,`, dates as `dd-mm-jjjj`
//! too) or JSON lines with the same names. Problems name their line: an unknown kind or region is a
//! warning (an error when strict), the same row twice counts once with a warning.

use super::*;
use crate::spreadsheet;

/// What a register row is evidence of (Dutch ids; the English ids are accepted too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// x.1: the practices' needs identified.
    Behoeften,
    /// x.1: a local working group started.
    Werkgroep,
    /// x.2.
    Projectplan,
    /// x.3, with its participants.
    Training,
    /// x.6: an intervision meeting.
    Intervisie,
    /// A WelZo learning-group meeting: reported beside x.6, never counted for it.
    Leerbijeenkomst,
    /// Supra-regional KPI 1.
    Transformatieplan,
    /// Supra-regional KPI 2.
    PlanVanAanpak,
    /// Supra-regional KPI 3.
    ToolboxAfspraken,
    /// Supra-regional KPI 4.
    Evaluatierapport,
}

/// Every kind with its Dutch id, English id and Dutch label.
const KINDS: [(EvidenceKind, &str, &str, &str); 10] = [
    (
        EvidenceKind::Behoeften,
        "behoeften",
        "needs",
        "behoeften van praktijken",
    ),
    (
        EvidenceKind::Werkgroep,
        "werkgroep",
        "working_group",
        "lokale werkgroep",
    ),
    (
        EvidenceKind::Projectplan,
        "projectplan",
        "project_plan",
        "projectplan",
    ),
    (EvidenceKind::Training, "training", "training", "training"),
    (
        EvidenceKind::Intervisie,
        "intervisie",
        "intervision",
        "intervisie-overleg",
    ),
    (
        EvidenceKind::Leerbijeenkomst,
        "leerbijeenkomst",
        "learning_meeting",
        "leerbijeenkomst (WelZo)",
    ),
    (
        EvidenceKind::Transformatieplan,
        "transformatieplan",
        "transformation_plan",
        "transformatieplan",
    ),
    (
        EvidenceKind::PlanVanAanpak,
        "plan_van_aanpak",
        "plan_of_approach",
        "plan van aanpak",
    ),
    (
        EvidenceKind::ToolboxAfspraken,
        "toolbox_afspraken",
        "toolbox_agreements",
        "afspraken over de Toolbox",
    ),
    (
        EvidenceKind::Evaluatierapport,
        "evaluatierapport",
        "evaluation_report",
        "evaluatierapport",
    ),
];

impl EvidenceKind {
    /// The kind named by its Dutch or English id (any case, spaces or hyphens for `_`).
    pub fn from_id(id: &str) -> Option<EvidenceKind> {
        let key = spreadsheet::column_key(id);
        KINDS.iter().find(|k| k.1 == key || k.2 == key).map(|k| k.0)
    }

    pub fn id(self) -> &'static str {
        KINDS.iter().find(|k| k.0 == self).map_or("", |k| k.1)
    }

    /// The English label: the English id in words ("working group"), never the id itself.
    pub fn label_en(self) -> String {
        KINDS
            .iter()
            .find(|k| k.0 == self)
            .map_or(String::new(), |k| k.2.replace('_', " "))
    }

    /// The Dutch label a project lead reads.
    pub fn label_nl(self) -> &'static str {
        KINDS.iter().find(|k| k.0 == self).map_or("", |k| k.3)
    }

    /// Evidence for the supra-regional KPIs 1-4 (no region).
    pub fn supra_regional(self) -> bool {
        matches!(
            self,
            EvidenceKind::Transformatieplan
                | EvidenceKind::PlanVanAanpak
                | EvidenceKind::ToolboxAfspraken
                | EvidenceKind::Evaluatierapport
        )
    }
}

/// One piece of evidence, as the register states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegisterRow {
    /// The register's line (1-based; the header is line 1 of a CSV).
    pub line: usize,
    pub date: Date,
    /// A map's region id; `None` for supra-regional evidence.
    pub region: Option<String>,
    pub kind: EvidenceKind,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub participants: Option<u32>,
}

/// A read register: the rows that count and the warnings (each naming its line).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Register {
    pub rows: Vec<RegisterRow>,
    pub warnings: Vec<LineError>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    Date,
    Region,
    Kind,
    Description,
    Participants,
}

const COLUMNS: [(&str, &str, Column); 5] = [
    ("datum", "date", Column::Date),
    ("regio", "region", Column::Region),
    ("soort", "kind", Column::Kind),
    ("omschrijving", "description", Column::Description),
    ("deelnemers", "participants", Column::Participants),
];

fn column(name: &str) -> Option<Column> {
    let key = spreadsheet::column_key(name);
    COLUMNS
        .iter()
        .find(|c| c.0 == key || c.1 == key)
        .map(|c| c.2)
}

fn column_name(c: Column) -> &'static str {
    COLUMNS.iter().find(|x| x.2 == c).map_or("", |x| x.0)
}

/// The region a cell names: a map region id or the region's name, any case; empty is supra-regional.
fn region_id(cell: &str) -> Result<Option<&'static str>, ()> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    plan::REGIONS
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(cell) || r.name.eq_ignore_ascii_case(cell))
        .map(|r| Some(r.id))
        .ok_or(())
}

/// Reads a register (CSV or JSON lines, told apart by the first non-blank character). `Err` holds every
/// error; with `strict` the warnings (unknown kind, region or column) are errors too.
pub fn parse_register(text: &str, strict: bool) -> Result<Register, Vec<LineError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut errors = Vec::new();
    let mut register = Register::default();
    let records = if text.trim_start().starts_with('{') {
        json_records(text, &mut errors, &mut register.warnings)
    } else {
        csv_records(text, &mut errors, &mut register.warnings)
    };
    // A row's identity (date, region, kind, description, participants) -> its first line.
    type Identity = (Date, Option<String>, EvidenceKind, String, Option<u32>);
    let mut seen: BTreeMap<Identity, usize> = BTreeMap::new();
    for (line, cells) in records {
        let Some(row) = row(line, &cells, &mut register.warnings, &mut errors) else {
            continue;
        };
        let key = (
            row.date,
            row.region.clone(),
            row.kind,
            row.description.trim().to_lowercase(),
            row.participants,
        );
        if let Some(first) = seen.get(&key) {
            register.warnings.push(LineError {
                line,
                error: FieldError::new(
                    "register",
                    Code::Duplicate,
                    format!("the same row as line {first}: counted once"),
                )
                .with("other", *first),
            });
            continue;
        }
        seen.insert(key, line);
        register.rows.push(row);
    }
    if strict {
        errors.append(&mut register.warnings);
    }
    if errors.is_empty() {
        Ok(register)
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

type Cells = BTreeMap<&'static str, String>;

fn csv_records(
    text: &str,
    errors: &mut Vec<LineError>,
    warnings: &mut Vec<LineError>,
) -> Vec<(usize, Cells)> {
    let (header, rows) = match spreadsheet::rows(text) {
        Ok(t) => t,
        Err((line, message)) => {
            errors.push(LineError {
                line,
                error: FieldError::new("register", Code::InvalidFormat, message),
            });
            return Vec::new();
        }
    };
    let columns: Vec<Option<Column>> = header.iter().map(|h| column(h)).collect();
    for (name, c) in header.iter().zip(&columns) {
        if c.is_none() && !name.trim().is_empty() {
            warnings.push(LineError {
                line: 1,
                error: FieldError::new(
                    name.trim(),
                    Code::UnknownField,
                    "unknown column, ignored (datum, regio, soort, omschrijving, deelnemers)",
                ),
            });
        }
    }
    for needed in [Column::Date, Column::Kind] {
        if !columns.contains(&Some(needed)) {
            errors.push(LineError {
                line: 1,
                error: FieldError::new(column_name(needed), Code::Missing, "missing column")
                    .with("name", column_name(needed)),
            });
        }
    }
    rows.into_iter()
        .map(|(line, cells)| {
            let map = columns
                .iter()
                .zip(cells)
                .filter_map(|(c, v)| c.map(|c| (column_name(c), v)))
                .collect();
            (line, map)
        })
        .collect()
}

fn json_records(
    text: &str,
    errors: &mut Vec<LineError>,
    warnings: &mut Vec<LineError>,
) -> Vec<(usize, Cells)> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let object = match serde_json::from_str::<serde_json::Value>(raw) {
            Ok(serde_json::Value::Object(o)) => o,
            _ => {
                errors.push(LineError {
                    line,
                    error: FieldError::new("register", Code::InvalidJson, "not a JSON object"),
                });
                continue;
            }
        };
        let mut cells = Cells::new();
        for (key, value) in object {
            let Some(c) = column(&key) else {
                warnings.push(LineError {
                    line,
                    error: FieldError::new(
                        key.as_str(),
                        Code::UnknownField,
                        "unknown field, ignored",
                    ),
                });
                continue;
            };
            let cell = match value {
                serde_json::Value::String(s) => s,
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            };
            cells.insert(column_name(c), cell);
        }
        out.push((line, cells));
    }
    out
}

/// One record as a row; `None` when it does not count (its problem pushed as an error or a warning).
fn row(
    line: usize,
    cells: &Cells,
    warnings: &mut Vec<LineError>,
    errors: &mut Vec<LineError>,
) -> Option<RegisterRow> {
    let cell = |c: Column| cells.get(column_name(c)).map_or("", |s| s.trim());
    let bad = |list: &mut Vec<LineError>, error: FieldError| list.push(LineError { line, error });
    let date_cell = cell(Column::Date);
    let date = Date::parse_spreadsheet(date_cell);
    if date.is_none() {
        let error = if date_cell.is_empty() {
            FieldError::new("datum", Code::Missing, "missing").with("name", "datum")
        } else {
            FieldError::new(
                "datum",
                Code::InvalidFormat,
                format!("'{date_cell}' is not a date (write dd-mm-jjjj, d-m-jjjj or jjjj-mm-dd)"),
            )
            .with("format", "date")
        };
        bad(errors, error);
    }
    let participants_cell = cell(Column::Participants);
    let participants = if participants_cell.is_empty() {
        Ok(None)
    } else {
        participants_cell.parse::<u32>().map(Some).map_err(|_| {
            bad(
                errors,
                FieldError::new(
                    "deelnemers",
                    Code::InvalidFormat,
                    format!("'{participants_cell}' is not a whole number"),
                ),
            )
        })
    };
    let kind_cell = cell(Column::Kind);
    let kind = EvidenceKind::from_id(kind_cell);
    if kind.is_none() {
        bad(
            warnings,
            FieldError::new(
                "soort",
                Code::UnknownValue,
                format!(
                    "unknown kind '{kind_cell}' (one of {}): not counted",
                    KINDS.map(|k| k.1).join(", ")
                ),
            )
            .with("value", kind_cell),
        );
    }
    let region_cell = cell(Column::Region);
    let region = region_id(region_cell);
    if region.is_err() {
        bad(
            warnings,
            FieldError::new(
                "regio",
                Code::UnknownValue,
                format!(
                    "unknown region '{region_cell}' (one of {}, or empty for supra-regional): not counted",
                    plan::REGIONS.map(|r| r.id).join(", ")
                ),
            )
            .with("value", region_cell),
        );
    }
    let (date, kind, region, participants) = (date?, kind?, region.ok()?, participants.ok()?);
    if kind.supra_regional() != region.is_none() {
        let message = if region.is_none() {
            format!("{} needs a region: not counted", kind.id())
        } else {
            format!(
                "{} is supra-regional: leave the region empty; not counted",
                kind.id()
            )
        };
        bad(
            warnings,
            FieldError::new("regio", Code::Inconsistent, message),
        );
        return None;
    }
    Some(RegisterRow {
        line,
        date,
        region: region.map(str::to_string),
        kind,
        description: cell(Column::Description).to_string(),
        participants,
    })
}
