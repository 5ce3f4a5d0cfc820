//! CSV as a Dutch spreadsheet writes it, for every file the tools read from Excel (referrals in the CLI,
//! the KPI register and the capacity file here): `;` or `,` between cells, an optional UTF-8 byte-order
//! mark, column names matched loosely, and dates as `dd-mm-jjjj` too ([`wor_core::Date::parse_spreadsheet`]).

/// The byte-order mark Excel writes at the start of a UTF-8 file ("CSV UTF-8").
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The cell separator of a file: `;` (Dutch Excel) when the header row has more semicolons than commas
/// outside quotes, else `,`.
pub fn delimiter(header: &[u8]) -> u8 {
    let (mut semicolons, mut commas, mut quoted) = (0, 0, false);
    for b in header {
        match b {
            b'"' => quoted = !quoted,
            b';' if !quoted => semicolons += 1,
            b',' if !quoted => commas += 1,
            _ => {}
        }
    }
    if semicolons > commas {
        b';'
    } else {
        b','
    }
}

/// A column name as compared: trimmed, lower case, spaces and hyphens as `_` ("Aantal deelnemers" ->
/// `aantal_deelnemers`).
pub fn column_key(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

/// A CSV text's header cells and its rows, each with its line.
pub type Table = (Vec<String>, Vec<(usize, Vec<String>)>);

/// The rows of a CSV text with their 1-based line numbers (a cell's line breaks counted, CRLF or LF),
/// after its header row. `Err` names the line of a row the reader cannot split (an unclosed quote).
pub fn rows(text: &str) -> Result<Table, (usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header_line = text.lines().next().unwrap_or("");
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter(header_line.as_bytes()))
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| (1, e.to_string()))?
        .iter()
        .map(str::to_string)
        .collect();
    // The line of a byte offset; the reader's own line count is off after blank lines and CRLF, so the
    // line is counted from the record's first byte (blank lines before it skipped).
    let line_at = |byte: u64| {
        let at = (byte as usize).min(text.len());
        let blank = text[at..]
            .bytes()
            .take_while(|b| *b == b'\r' || *b == b'\n')
            .filter(|b| *b == b'\n')
            .count();
        1 + text[..at].bytes().filter(|b| *b == b'\n').count() + blank
    };
    let mut out = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| line_at(p.byte()));
                if r.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                out.push((line, r.iter().map(str::to_string).collect()));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(p.byte()));
                return Err((line, e.to_string()));
            }
        }
    }
    Ok((header, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_line_numbers_with_crlf_and_a_byte_order_mark() {
        let text = "\u{feff}datum;soort\r\n1-3-2026;training\r\n\r\n\"2-3-2026\";\"a\r\nb\"\r\n3-3-2026;x\r\n";
        let (header, rows) = rows(text).unwrap();
        assert_eq!(header, ["datum", "soort"]);
        let lines: Vec<usize> = rows.iter().map(|r| r.0).collect();
        assert_eq!(lines, [2, 4, 6]);
    }

    #[test]
    fn the_separator_follows_the_header_outside_quotes() {
        assert_eq!(delimiter(b"a,\"b;c;d\",e"), b',');
        assert_eq!(delimiter(b"a;b;c,d"), b';');
    }
}
