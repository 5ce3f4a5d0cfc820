//! Reading batches of records (JSONL or CSV) with line numbers, and writing output atomically.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use wor_core::referral::limits::MAX_RECORD_BYTES;
use wor_core::{Code, FieldError, FieldErrors, Referral, Strictness};

/// The problems of one input record, reported one per line as `line N: field: problem`.
#[derive(Debug)]
pub struct LineError {
    pub line: usize,
    pub errors: FieldErrors,
    /// What could still be read of a rejected referral, so that risk decides first
    /// ([`wor_core::triage::urgent_despite`]).
    pub salvaged: Option<Box<Referral>>,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "line {}: {e}", self.line)?;
        }
        Ok(())
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
                    Code::TooLong,
                    format!("line is longer than the limit of {MAX_RECORD_BYTES} bytes"),
                )
                .with("max", MAX_RECORD_BYTES)
                .with("unit", "bytes")),
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
                    Code::InvalidEncoding,
                    format!("not valid UTF-8 (byte {})", e.valid_up_to() + 1),
                )
                .with("byte", e.valid_up_to() + 1)),
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

/// Parses JSONL referrals. Each bad line, and each repeated id, is an error for that line (in line order).
pub fn parse_referrals(
    lines: Vec<NumberedLine>,
    mode: Strictness,
) -> (Vec<(usize, Referral)>, Vec<LineError>) {
    use rayon::prelude::*;
    // Parsing is a good share of a large batch: in parallel, then reported in line order.
    let parsed: Vec<_> = lines
        .into_par_iter()
        .map(|(line, text)| match text {
            Err(e) => (line, Err((vec![e], None))),
            Ok(t) => {
                let parsed = Referral::from_json(&t, mode)
                    .map_err(|problems| (problems, Referral::salvage(&t).map(Box::new)));
                (line, parsed)
            }
        })
        .collect();
    let mut ok = Vec::with_capacity(parsed.len());
    let mut errors = Vec::new();
    for (line, parsed) in parsed {
        match parsed {
            Ok(p) => {
                for w in p.warnings {
                    eprintln!("line {line}: warning: {w}");
                }
                ok.push((line, p.value));
            }
            Err((problems, salvaged)) => errors.push(LineError {
                line,
                errors: problems,
                salvaged,
            }),
        }
    }
    // A repeated id keeps its first line. Sorting (in parallel) finds them without a million-entry map.
    let mut by_id: Vec<(&str, usize)> = ok.iter().map(|(line, r)| (r.id.as_str(), *line)).collect();
    by_id.par_sort_unstable();
    let mut repeated = Vec::new();
    for same in by_id.chunk_by(|a, b| a.0 == b.0).filter(|s| s.len() > 1) {
        let (id, first) = same[0];
        for &(_, line) in &same[1..] {
            repeated.push(line);
            errors.push(LineError {
                line,
                errors: vec![FieldError::new(
                    "id",
                    Code::Duplicate,
                    format!("duplicate id '{id}' (first on line {first})"),
                )
                .with("value", id)
                .with("first", first)],
                salvaged: None,
            });
        }
    }
    if !repeated.is_empty() {
        repeated.sort_unstable();
        ok.retain(|(line, _)| repeated.binary_search(line).is_err());
        errors.sort_by_key(|e| e.line);
    }
    (ok, errors)
}

/// Where output goes: standard output, or a file written atomically (temp file + rename) so that a
/// failed run never leaves a partial file. Buffered either way: results arrive as many small writes.
pub enum Output {
    Stdout(io::BufWriter<io::Stdout>),
    File {
        tmp: io::BufWriter<tempfile::NamedTempFile>,
        path: PathBuf,
    },
}

/// Large enough that a batch's output reaches the system in few calls.
const OUTPUT_BUFFER: usize = 256 * 1024;

impl Output {
    pub fn create(path: Option<&Path>) -> Result<Output, String> {
        let stdout = || Output::Stdout(io::BufWriter::with_capacity(OUTPUT_BUFFER, io::stdout()));
        match path {
            None => Ok(stdout()),
            Some(p) if p == Path::new("-") => Ok(stdout()),
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
                    tmp: io::BufWriter::with_capacity(OUTPUT_BUFFER, tmp),
                    path: p.to_path_buf(),
                })
            }
        }
    }

    pub fn writer(&mut self) -> &mut dyn Write {
        match self {
            Output::Stdout(w) => w,
            Output::File { tmp, .. } => tmp,
        }
    }

    /// Flushes and, for a file, moves it into place.
    pub fn commit(self) -> Result<(), String> {
        match self {
            Output::Stdout(mut w) => w.flush().map_err(|e| format!("stdout: {e}")),
            Output::File { tmp, path } => {
                let shown = |e: io::Error| format!("{}: {e}", path.display());
                let tmp = tmp.into_inner().map_err(|e| shown(e.into_error()))?;
                tmp.as_file().sync_all().map_err(shown)?;
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
