//! Reading the CSV tables of an HSDS export: rows by column name, tables by name.

use super::*;

#[derive(Debug, Default)]
pub(super) struct Table {
    pub(super) columns: HashMap<String, usize>,
    pub(super) rows: Vec<Vec<String>>,
}

impl Table {
    pub(super) fn parse(name: &str, text: &str) -> Result<Table, HsdsError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .from_reader(text.as_bytes());
        let err = |e: csv::Error| HsdsError::Csv {
            table: name.to_string(),
            line: e.position().map_or(0, |p| p.line()),
            message: match e.kind() {
                csv::ErrorKind::Utf8 { .. } => "invalid UTF-8".to_string(),
                _ => e.to_string(),
            },
        };
        let columns = reader
            .headers()
            .map_err(err)?
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim().to_ascii_lowercase(), i))
            .collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(err)?;
            rows.push(record.iter().map(str::to_string).collect());
        }
        Ok(Table { columns, rows })
    }

    /// The trimmed cell, `""` when the column or cell is missing.
    pub(super) fn get(&self, row: usize, column: &str) -> &str {
        self.columns
            .get(column)
            .and_then(|&c| self.rows[row].get(c))
            .map_or("", |s| s.trim())
    }

    /// Row numbers by the value of `column` (empty values skipped), in row order.
    pub(super) fn index(&self, column: &str) -> HashMap<&str, Vec<usize>> {
        let mut map: HashMap<&str, Vec<usize>> = HashMap::new();
        for row in 0..self.rows.len() {
            let key = self.get(row, column);
            if !key.is_empty() {
                map.entry(key).or_default().push(row);
            }
        }
        map
    }
}

pub(super) struct Tables {
    pub(super) t: HashMap<String, Table>,
    pub(super) empty: Table,
}

impl Tables {
    pub(super) fn get(&self, name: &str) -> &Table {
        self.t.get(name).unwrap_or(&self.empty)
    }
}
