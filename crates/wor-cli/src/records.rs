//! Reading batches of records (JSONL or CSV) with line numbers, and writing output atomically.

use crate::csv_referrals::BadCells;
use crate::problems::Problems;
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
    let mut reader = LineReader::new(input);
    let mut out = Vec::new();
    while let Some(line) = reader.next_record()? {
        out.push(line);
    }
    Ok(out)
}

/// Non-empty lines one at a time, numbered from 1 (what [`read_lines`] collects; a batch reads them in
/// chunks so that memory does not grow with the input).
pub struct LineReader<R> {
    reader: BufReader<R>,
    line_no: usize,
    buf: Vec<u8>,
}

impl<R: Read> LineReader<R> {
    pub fn new(input: R) -> Self {
        LineReader {
            reader: BufReader::with_capacity(1 << 16, input),
            line_no: 0,
            buf: Vec::new(),
        }
    }

    /// The next non-empty line, or the problem of that line; `None` at the end.
    pub fn next_record(&mut self) -> Result<Option<NumberedLine>, String> {
        loop {
            self.buf.clear();
            self.line_no += 1;
            let line_no = self.line_no;
            let (read, too_long) =
                read_line_bounded(&mut self.reader, &mut self.buf).map_err(|e| e.to_string())?;
            if read == 0 {
                return Ok(None);
            }
            if too_long {
                return Ok(Some((
                    line_no,
                    Err(FieldError::new(
                        "",
                        Code::TooLong,
                        format!("line is longer than the limit of {MAX_RECORD_BYTES} bytes"),
                    )
                    .with("max", MAX_RECORD_BYTES)
                    .with("unit", "bytes")),
                )));
            }
            let buf = &mut self.buf;
            while matches!(buf.last(), Some(b'\n' | b'\r')) {
                buf.pop();
            }
            match std::str::from_utf8(buf) {
                Err(e) => {
                    return Ok(Some((
                        line_no,
                        Err(FieldError::new(
                            "",
                            Code::InvalidEncoding,
                            format!("not valid UTF-8 (byte {})", e.valid_up_to() + 1),
                        )
                        .with("byte", e.valid_up_to() + 1)),
                    )))
                }
                Ok(s) if s.trim().is_empty() => {}
                Ok(s) => return Ok(Some((line_no, Ok(s.to_string())))),
            }
        }
    }
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

/// A file format of a batch of records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Jsonl,
    Csv,
}

/// The format given, else the file's extension (`.csv`), else JSONL.
fn format_of(explicit: Option<Format>, path: Option<&Path>) -> Format {
    explicit.unwrap_or(match path.and_then(|p| p.extension()) {
        Some(ext) if ext.eq_ignore_ascii_case("csv") => Format::Csv,
        _ => Format::Jsonl,
    })
}

/// The output format: `--excel` always writes CSV, so it refuses JSONL and an output file whose
/// name does not end in `.csv` (Excel would not open it as columns). A usage error exits 2.
fn output_format(explicit: Option<Format>, path: Option<&Path>, excel: bool) -> Format {
    let to_file = path.filter(|p| *p != Path::new("-"));
    if !excel {
        return format_of(explicit, to_file);
    }
    let named_csv = to_file.is_none_or(|p| format_of(None, Some(p)) == Format::Csv);
    if explicit == Some(Format::Jsonl) || !named_csv {
        let refused = match to_file {
            Some(p) if !named_csv => format!("--output {}", p.display()),
            _ => "--output-format jsonl".to_string(),
        };
        clap::Error::raw(
            clap::error::ErrorKind::ArgumentConflict,
            format!(
                "--excel writes CSV, so it cannot go with {refused}; name the output file *.csv\n"
            ),
        )
        .exit();
    }
    Format::Csv
}

/// The files of a batch command (`wor triage`, `wor match`): referrals in, results out, and how.
#[derive(clap::Args)]
pub struct BatchFiles {
    /// Referrals: JSON lines, or CSV with a header row (see docs/referrals-and-csv.md); `-` or nothing
    /// reads standard input.
    pub input: Option<PathBuf>,
    /// Write here (atomically; not at all when a record fails) instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Input format; by default from the file extension (.csv), else JSONL.
    #[arg(long, value_enum)]
    pub input_format: Option<Format>,
    /// Output format; by default from the --output extension (.csv), else JSONL.
    #[arg(long, value_enum)]
    pub output_format: Option<Format>,
    /// CSV for Dutch Excel: a UTF-8 byte-order mark, `;` between cells and decimal commas, also on
    /// standard output; an --output name must end in .csv (CSV input is read either way: `;` or `,`
    /// is detected, a byte-order mark skipped).
    #[arg(long)]
    pub excel: bool,
    /// Unknown fields (JSONL) and unknown columns (CSV) are errors instead of warnings.
    #[arg(long)]
    pub strict: bool,
}

impl BatchFiles {
    pub fn mode(&self) -> Strictness {
        if self.strict {
            Strictness::Strict
        } else {
            Strictness::Lenient
        }
    }

    /// The output format (a usage error, exit 2, when `--excel` cannot be honoured).
    pub fn output_format(&self) -> Format {
        output_format(self.output_format, self.output.as_deref(), self.excel)
    }

    /// The input format: the one given, else from the file's extension.
    pub fn input_format(&self) -> Format {
        format_of(self.input_format, self.input.as_deref())
    }
}

/// Referrals that parsed, with their line; the problems of those that did not; warnings of both.
pub struct ParsedReferrals {
    pub ok: Vec<(usize, Referral)>,
    pub errors: Vec<LineError>,
    pub warnings: Vec<LineError>,
}

impl ParsedReferrals {
    /// Prints warnings and errors (capped, see [`Problems`]) in line order.
    pub fn report(&self, problems: &mut Problems) {
        report_lines(problems, &self.warnings, &self.errors);
    }
}

/// Prints warnings and errors of numbered records in line order, warnings of a line first.
pub fn report_lines(problems: &mut Problems, warnings: &[LineError], errors: &[LineError]) {
    let (mut w, mut e) = (warnings.iter().peekable(), errors.iter().peekable());
    loop {
        let warning_first = match (w.peek(), e.peek()) {
            (Some(a), Some(b)) => a.line <= b.line,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        if warning_first {
            let x = w.next().expect("peeked");
            x.errors.iter().for_each(|f| problems.warning(x.line, f));
        } else {
            let x = e.next().expect("peeked");
            x.errors.iter().for_each(|f| problems.error(x.line, f));
        }
    }
}

/// Parses referrals. Each bad record, and each repeated id, is an error for its line (in line order).
pub fn parse_referrals(
    lines: Vec<NumberedLine>,
    bad_cells: &BadCells,
    mode: Strictness,
) -> ParsedReferrals {
    let mut parsed = parse_records(lines, bad_cells, mode);
    RepeatedIds::default().reject(&mut parsed);
    parsed
}

/// Parses records (in parallel), without looking across them: see [`RepeatedIds`] for that.
pub fn parse_records(
    lines: Vec<NumberedLine>,
    bad_cells: &BadCells,
    mode: Strictness,
) -> ParsedReferrals {
    use rayon::prelude::*;
    // Parsing is a good share of a large batch: in parallel, then reported in line order.
    let parsed: Vec<_> = lines
        .into_par_iter()
        .map(|(line, text)| match text {
            Err(e) => match bad_cells.get(&line) {
                // A CSV row with bad cells: all of them, and what the other cells say (risk first).
                Some((errors, rest)) => {
                    let salvaged = Referral::salvage(rest).map(Box::new);
                    (line, Err((errors.clone(), salvaged)))
                }
                None => (line, Err((vec![e], None))),
            },
            Ok(t) => {
                let parsed = Referral::from_json(&t, mode)
                    .map_err(|problems| (problems, Referral::salvage(&t).map(Box::new)));
                (line, parsed)
            }
        })
        .collect();
    let mut ok = Vec::with_capacity(parsed.len());
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for (line, parsed) in parsed {
        match parsed {
            Ok(p) => {
                if !p.warnings.is_empty() {
                    warnings.push(LineError {
                        line,
                        errors: p.warnings,
                        salvaged: None,
                    });
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
    ParsedReferrals {
        ok,
        errors,
        warnings,
    }
}

/// The ids of a batch read so far, each with its first line: a record repeating one is an error for
/// its line. Fed in line order, chunk by chunk, so that a batch need not be in memory at once; it holds
/// one short entry per referral.
#[derive(Default)]
pub struct RepeatedIds {
    first: std::collections::HashMap<Box<str>, usize>,
}

impl RepeatedIds {
    /// Moves the records of `parsed` whose id came before (in this chunk or an earlier one) from `ok` to
    /// `errors`, keeping `errors` in line order; returns their lines, in order.
    pub fn reject(&mut self, parsed: &mut ParsedReferrals) -> Vec<usize> {
        let mut repeated = Vec::new();
        parsed.ok.retain(|(line, r)| {
            let first = *self.first.entry(r.id.as_str().into()).or_insert(*line);
            if first == *line {
                return true;
            }
            repeated.push(*line);
            parsed.errors.push(LineError {
                line: *line,
                errors: vec![FieldError::new(
                    "id",
                    Code::Duplicate,
                    format!("duplicate id '{}' (first on line {first})", r.id),
                )
                .with("value", r.id.as_str())
                .with("first", first)],
                salvaged: None,
            });
            false
        });
        if !repeated.is_empty() {
            parsed.errors.sort_by_key(|e| e.line);
        }
        repeated
    }
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

    /// Commits a run without failures. After a failed one (`failed` records or items) a file is not
    /// written at all, empty or not: a file that is there is then always a whole result.
    pub fn finish(self, failed: usize) -> Result<(), String> {
        match self {
            Output::File { path, .. } if failed > 0 => {
                eprintln!(
                    "{}: not written, because {failed} record(s) failed (see above); fix them and run again",
                    path.display()
                );
                Ok(())
            }
            out => out.commit(),
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
