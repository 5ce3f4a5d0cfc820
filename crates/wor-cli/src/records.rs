//! Reading batches of records (JSONL or CSV) with line numbers, and writing output atomically.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use wor_core::referral::limits::MAX_RECORD_BYTES;
use wor_core::{FieldError, Referral, Strictness};

/// A problem with one input record, reported as `line N: field: problem`.
#[derive(Debug)]
pub struct LineError {
    pub line: usize,
    pub error: FieldError,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.error)
    }
}

/// One input record with its 1-based line number, or the problem that line has.
pub type NumberedLine = (usize, Result<String, FieldError>);

/// Opens a file, or standard input for `-` or no path.
pub fn open_input(path: Option<&Path>) -> Result<Box<dyn Read>, String> {
    match path {
        None => Ok(Box::new(io::stdin())),
        Some(p) if p == Path::new("-") => Ok(Box::new(io::stdin())),
        Some(p) => File::open(p)
            .map(|f| Box::new(f) as Box<dyn Read>)
            .map_err(|e| format!("{}: {e}", p.display())),
    }
}

/// Reads non-empty lines with their 1-based numbers. A line over the record limit or not valid UTF-8
/// becomes an error for that line; the rest of the input is still read (memory stays bounded).
pub fn read_lines(input: impl Read) -> Result<Vec<NumberedLine>, String> {
    let mut reader = BufReader::with_capacity(1 << 16, input);
    let mut out = Vec::new();
    let mut line_no = 0;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        line_no += 1;
        let (read, too_long) =
            read_line_bounded(&mut reader, &mut buf).map_err(|e| e.to_string())?;
        if read == 0 {
            break;
        }
        if too_long {
            out.push((
                line_no,
                Err(FieldError::new(
                    "",
                    format!("line is longer than the limit of {MAX_RECORD_BYTES} bytes"),
                )),
            ));
            continue;
        }
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        match std::str::from_utf8(&buf) {
            Err(e) => out.push((
                line_no,
                Err(FieldError::new(
                    "",
                    format!("not valid UTF-8 (byte {})", e.valid_up_to() + 1),
                )),
            )),
            Ok(s) if s.trim().is_empty() => {}
            Ok(s) => out.push((line_no, Ok(s.to_string()))),
        }
    }
    Ok(out)
}

/// Reads one line into `buf`, keeping at most MAX_RECORD_BYTES + 1 bytes. Returns (bytes read, too long).
fn read_line_bounded(reader: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<(usize, bool)> {
    let mut total = 0;
    let mut too_long = false;
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok((total, too_long));
        }
        let (chunk, done) = match available.iter().position(|b| *b == b'\n') {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        let n = chunk.len();
        if !too_long {
            if buf.len() + n > MAX_RECORD_BYTES + 2 {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        reader.consume(n);
        total += n;
        if done {
            return Ok((total, too_long));
        }
    }
}

/// Parses JSONL referrals. Each bad line, and each repeated id, is an error for that line.
pub fn parse_referrals(
    lines: Vec<NumberedLine>,
    mode: Strictness,
) -> (Vec<(usize, Referral)>, Vec<LineError>) {
    use rayon::prelude::*;
    use std::collections::HashMap;
    let mut ok = Vec::new();
    let mut errors = Vec::new();
    let mut first_line: HashMap<String, usize> = HashMap::new();
    // Parsing is a good share of a large batch: in parallel, then reported in line order.
    let parsed: Vec<_> = lines
        .into_par_iter()
        .map(|(line, text)| (line, text.and_then(|t| Referral::from_json(&t, mode))))
        .collect();
    for (line, parsed) in parsed {
        match parsed {
            Ok(p) => {
                for w in p.warnings {
                    eprintln!("line {line}: warning: {w}");
                }
                if let Some(first) = first_line.get(&p.value.id) {
                    errors.push(LineError {
                        line,
                        error: FieldError::new(
                            "id",
                            format!("duplicate id '{}' (first on line {first})", p.value.id),
                        ),
                    });
                    continue;
                }
                first_line.insert(p.value.id.clone(), line);
                ok.push((line, p.value));
            }
            Err(error) => errors.push(LineError { line, error }),
        }
    }
    (ok, errors)
}

/// Where output goes: standard output, or a file written atomically (temp file + rename) so that a
/// failed run never leaves a partial file.
pub enum Output {
    Stdout(io::BufWriter<io::Stdout>),
    File {
        tmp: tempfile::NamedTempFile,
        path: PathBuf,
    },
}

impl Output {
    pub fn create(path: Option<&Path>) -> Result<Output, String> {
        match path {
            None => Ok(Output::Stdout(io::BufWriter::new(io::stdout()))),
            Some(p) if p == Path::new("-") => Ok(Output::Stdout(io::BufWriter::new(io::stdout()))),
            Some(p) => {
                let dir = match p.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d,
                    _ => Path::new("."),
                };
                let tmp = tempfile::Builder::new()
                    .prefix(".wor-")
                    .suffix(".tmp")
                    .tempfile_in(dir)
                    .map_err(|e| format!("{}: cannot write here: {e}", p.display()))?;
                Ok(Output::File {
                    tmp,
                    path: p.to_path_buf(),
                })
            }
        }
    }

    pub fn writer(&mut self) -> &mut dyn Write {
        match self {
            Output::Stdout(w) => w,
            Output::File { tmp, .. } => tmp.as_file_mut(),
        }
    }

    /// Flushes and, for a file, moves it into place.
    pub fn commit(self) -> Result<(), String> {
        match self {
            Output::Stdout(mut w) => w.flush().map_err(|e| format!("stdout: {e}")),
            Output::File { tmp, path } => {
                tmp.as_file()
                    .sync_all()
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                tmp.persist(&path)
                    .map(|_| ())
                    .map_err(|e| format!("{}: {e}", path.display()))
            }
        }
    }
}

/// Writes a value as one JSON line.
pub fn write_json_line<T: serde::Serialize>(w: &mut dyn Write, value: &T) -> Result<(), String> {
    serde_json::to_writer(&mut *w, value).map_err(|e| e.to_string())?;
    w.write_all(b"\n").map_err(|e| e.to_string())
}
