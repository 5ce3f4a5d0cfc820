//! `wor match --map PATH [--top K] [FILE|-] [--output FILE]`: suggestions per referral.

use crate::batch::{BatchInput, FirstPass};
use crate::problems::Problems;
use crate::records::{BatchFiles, Format, LineError, Output};
use crate::triage_spill::SpillReader;
use crate::{maps, reference_date, Outcome};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;
use wor_core::matching::{MatchOptions, Triaged};
use wor_core::MapSet;
use wor_core::{Date, MatchResult, Referral};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    files: BatchFiles,
    /// Map file, region directory (latest version) or the social-map/ root (all regions).
    #[arg(long)]
    map: PathBuf,
    /// Number of suggestions per referral.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..=100))]
    top: u16,
    /// Reference date (YYYY-MM-DD) for the entries' validity; today by default.
    #[arg(long)]
    date: Option<Date>,
    /// Match each referral on its own: no "collective first" preference for group activities that
    /// several referrals of this batch could join together.
    #[arg(long)]
    no_collective: bool,
    /// Matching weights (`wor-weights/1`, written by `wor tune`) for the regions it covers; the
    /// output then carries `weights: {id, hash}`. Without it: the default weights.
    #[arg(long)]
    weights: Option<PathBuf>,
    /// Compact JSON lines: ids, scores, route, areas and codes, without the texts (names, addresses,
    /// the reasons in two languages); see docs/referrals-and-csv.md.
    #[arg(long)]
    compact: bool,
}

pub fn run(args: Args) -> Result<Outcome, String> {
    let date = reference_date(args.date);
    let mut set = maps::load_set(&args.map, date)?;
    if let Some(path) = &args.weights {
        maps::apply_weights(&mut set, path)?;
    }
    let format = args.files.output_format();
    if args.compact && format == Format::Csv {
        clap::Error::raw(
            clap::error::ErrorKind::ArgumentConflict,
            "--compact writes JSON lines, so it cannot go with CSV output\n",
        )
        .exit();
    }
    let mut input = BatchInput::open(&args.files)?;
    // The first pass reads the whole batch for its problems, repeated ids and "collective first"
    // counts; the second matches and writes chunk by chunk, so memory holds neither all referrals nor
    // all results (about 12 KB of JSON each with ten suggestions).
    let mut first = FirstPass::run(&mut input, (!args.no_collective).then_some(&set))?;
    let triaged = first.triaged.take();
    let opts = MatchOptions {
        top_k: usize::from(args.top),
        date,
    };
    let progress = progress_bar(first.usable_count());
    let mut out = Output::create(args.files.output.as_deref())?;
    if format == Format::Csv {
        let header = crate::csv_suggestions::Dialect {
            excel: args.files.excel,
        }
        .header()?;
        out.writer().write_all(&header).map_err(|e| e.to_string())?;
    }
    let render = Render {
        format,
        excel: args.files.excel,
        compact: args.compact,
    };
    let batch = Batch {
        set: &set,
        opts,
        first: &first,
        render,
    };
    let mut errors = Vec::new();
    let (matched, out) = batch.write(&mut input, triaged, out, &mut errors, &progress)?;
    progress.finish_and_clear();
    // The first pass's problems and the referrals that could not be matched, in line order.
    errors.extend(first.errors);
    errors.sort_by_key(|e| e.line);
    let mut problems = Problems::new(&input.wording);
    crate::records::report_lines(&mut problems, &first.warnings, &errors);
    problems.finish();
    out.finish(errors.len())?;
    eprintln!(
        "read {}, matched {matched}, rejected {}",
        first.read,
        errors.len()
    );
    Ok(if errors.is_empty() {
        Outcome::Ok
    } else {
        Outcome::InputErrors
    })
}

struct Batch<'a> {
    set: &'a MapSet,
    opts: MatchOptions,
    first: &'a FirstPass,
    render: Render,
}

impl Batch<'_> {
    /// The second pass: matches and renders chunk by chunk in parallel while a writer thread writes the
    /// previous chunk; returns how many were matched and the output to commit. Referrals that cannot be
    /// matched become `errors` with their line. `triaged`: the first pass's triage of each referral.
    fn write(
        &self,
        input: &mut BatchInput,
        mut triaged: Option<SpillReader>,
        mut out: Output,
        errors: &mut Vec<LineError>,
        progress: &ProgressBar,
    ) -> Result<(usize, Output), String> {
        std::thread::scope(|scope| {
            let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Vec<u8>>>(1);
            let writer = scope.spawn(move || -> Result<Output, String> {
                for chunk in receive {
                    for bytes in chunk {
                        out.writer().write_all(&bytes).map_err(|e| e.to_string())?;
                    }
                }
                Ok(out)
            });
            let mut matched = 0;
            let read = input.parse_chunks(|parsed| {
                let (lines, chunk): (Vec<usize>, Vec<Referral>) =
                    self.first.usable(parsed.ok).unzip();
                let read = match &mut triaged {
                    Some(spill) => spill.take(chunk.len())?,
                    None => Vec::new(),
                };
                let output = self.chunk(&lines, &chunk, read, errors)?;
                matched += output.len();
                send.send(output)
                    .map_err(|_| "the output writer stopped".to_string())?;
                progress.inc(chunk.len() as u64);
                Ok(())
            });
            drop(send);
            // The writer's own error says more than the stopped channel.
            let out = writer
                .join()
                .map_err(|_| "the output writer failed".to_string())??;
            read?;
            Ok((matched, out))
        })
    }

    /// One chunk's output, in its order.
    fn chunk(
        &self,
        lines: &[usize],
        chunk: &[Referral],
        triaged: Vec<Option<Triaged>>,
        errors: &mut Vec<LineError>,
    ) -> Result<Vec<Vec<u8>>, String> {
        // CSV rows of a referral without suggestions give its triage reasons.
        let by_id: std::collections::HashMap<&str, &Referral> = match self.render.format {
            Format::Csv => chunk.iter().map(|r| (r.id.as_str(), r)).collect(),
            Format::Jsonl => Default::default(),
        };
        let rendered = self.set.match_each_triaged(
            chunk,
            triaged,
            &self.opts,
            self.first.demand.as_ref(),
            |result| result.map(|m| self.render.bytes(&m, by_id.get(m.id))),
        );
        let mut output = Vec::with_capacity(rendered.len());
        for (&line, result) in lines.iter().zip(rendered) {
            match result {
                Ok(bytes) => output.push(bytes?),
                Err(error) => errors.push(LineError {
                    line,
                    errors: vec![error],
                    salvaged: None,
                }),
            }
        }
        Ok(output)
    }
}

fn progress_bar(len: usize) -> ProgressBar {
    // Short runs finish before a bar helps; indicatif hides itself when stderr is not a terminal.
    if len < 10_000 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} matching {pos}/{len} referrals {elapsed} (eta {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// How a result is written.
#[derive(Clone, Copy)]
struct Render {
    format: Format,
    excel: bool,
    compact: bool,
}

impl Render {
    /// One result as output bytes: a JSON line, or its CSV rows (without the header).
    fn bytes(&self, r: &MatchResult, referral: Option<&&Referral>) -> Result<Vec<u8>, String> {
        if self.format == Format::Csv {
            return crate::csv_suggestions::Dialect { excel: self.excel }
                .rows(r, referral.copied());
        }
        // About 1.2 KB per suggestion: sized once instead of grown by repeated reallocation. sonic-rs
        // writes the same bytes as serde_json (tested) with faster string escaping.
        let mut line = Vec::with_capacity(512 + 1280 * r.suggestions.len());
        if self.compact {
            sonic_rs::to_writer(&mut line, &crate::compact::Compact::of(r))
        } else {
            sonic_rs::to_writer(&mut line, r)
        }
        .map_err(|e| e.to_string())?;
        line.push(b'\n');
        Ok(line)
    }
}
