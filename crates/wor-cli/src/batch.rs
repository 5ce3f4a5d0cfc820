//! A batch of referrals read twice, chunk by chunk, so that memory does not grow with its size: a first
//! pass for what the whole batch decides before any result is written (every problem, repeated ids,
//! the "collective first" demand), then a second that turns each chunk into output, in input order.

use crate::csv_referrals::BadCells;
use crate::problems::Wording;
use crate::records::{
    parse_records, BatchFiles, Format, LineError, LineReader, NumberedLine, ParsedReferrals,
    RepeatedIds,
};
use crate::triage_spill::{SpillReader, SpillWriter};
use rayon::prelude::*;
use std::fs::File;
use std::io::Seek;
use wor_core::matching::{resident_location, Demand, Triaged};
use wor_core::triage::referral_areas;
use wor_core::{MapSet, Referral, Strictness};

/// Records per chunk: enough to keep both cores busy, few enough that a chunk's results (about 6 KB of
/// JSON per referral with ten suggestions) stay a few megabytes.
pub const CHUNK: usize = 2048;

/// The referrals of a batch command, ready to be read (and parsed) more than once.
pub struct BatchInput {
    records: Records,
    pub wording: Wording,
    bad_cells: BadCells,
    mode: Strictness,
}

enum Records {
    /// JSON lines in a file; standard input is first copied to a temporary file.
    Jsonl(File),
    /// A CSV file's rows turned into the JSON contract, read once: its layout (which rows span several
    /// lines) is only known at the end, and problems are worded with it.
    Csv(Vec<NumberedLine>),
}

impl BatchInput {
    pub fn open(files: &BatchFiles) -> Result<BatchInput, String> {
        let mode = files.mode();
        let path = files.input.as_deref();
        let input = crate::records::open_input(path)?;
        let (records, wording, bad_cells) = match files.input_format() {
            Format::Csv => {
                let file = crate::csv_referrals::read(input, mode)?;
                let wording = Wording::Csv(file.layout);
                (Records::Csv(file.rows), wording, file.bad_cells)
            }
            Format::Jsonl => {
                let file = match path {
                    Some(p) if p != std::path::Path::new("-") => {
                        File::open(p).map_err(|e| format!("{}: {e}", p.display()))?
                    }
                    _ => {
                        let mut tmp = tempfile::tempfile()
                            .map_err(|e| format!("standard input: no temporary file: {e}"))?;
                        std::io::copy(&mut std::io::stdin().lock(), &mut tmp)
                            .map_err(|e| format!("standard input: {e}"))?;
                        tmp
                    }
                };
                (Records::Jsonl(file), Wording::Jsonl, BadCells::new())
            }
        };
        Ok(BatchInput {
            records,
            wording,
            bad_cells,
            mode,
        })
    }

    /// Reads the records from the start and hands them to `each` parsed, chunk by chunk in input order.
    pub fn parse_chunks(
        &mut self,
        mut each: impl FnMut(ParsedReferrals) -> Result<(), String>,
    ) -> Result<(), String> {
        let BatchInput {
            records,
            bad_cells,
            mode,
            ..
        } = self;
        match records {
            Records::Jsonl(file) => {
                file.rewind().map_err(|e| e.to_string())?;
                let mut reader = LineReader::new(&*file);
                loop {
                    let mut chunk = Vec::with_capacity(CHUNK);
                    while chunk.len() < CHUNK {
                        match reader.next_record()? {
                            Some(line) => chunk.push(line),
                            None => break,
                        }
                    }
                    let last = chunk.len() < CHUNK;
                    if !chunk.is_empty() {
                        each(parse_records(chunk, bad_cells, *mode))?;
                    }
                    if last {
                        return Ok(());
                    }
                }
            }
            Records::Csv(rows) => rows
                .chunks(CHUNK)
                .try_for_each(|chunk| each(parse_records(chunk.to_vec(), bad_cells, *mode))),
        }
    }
}

/// What the whole batch decides, from the first pass.
pub struct FirstPass {
    /// Records read (blank lines not counted).
    pub read: usize,
    /// Problems of the records that cannot be used, repeated ids among them, in line order.
    pub errors: Vec<LineError>,
    pub warnings: Vec<LineError>,
    /// Lines whose id came on an earlier line, in order: the second pass leaves them out.
    repeated: Vec<usize>,
    /// "Collective first": the batch's referrals per area and municipality, when asked for.
    pub demand: Option<Demand>,
    /// With the demand: each used referral's triage, read for the counts, so that the second pass
    /// does not read the note again.
    pub triaged: Option<SpillReader>,
}

impl FirstPass {
    /// `collective`: the maps to count "collective first" demand for (and read each referral's note
    /// under its region's policy); `None` when the batch does not count it.
    pub fn run(input: &mut BatchInput, collective: Option<&MapSet>) -> Result<FirstPass, String> {
        let mut ids = RepeatedIds::default();
        let mut pass = FirstPass {
            read: 0,
            errors: Vec::new(),
            warnings: Vec::new(),
            repeated: Vec::new(),
            demand: collective.map(|_| Demand::default()),
            triaged: None,
        };
        let mut spill = collective.map(|_| SpillWriter::new()).transpose()?;
        input.parse_chunks(|mut parsed| {
            pass.read += parsed.ok.len() + parsed.errors.len();
            pass.repeated.extend(ids.reject(&mut parsed));
            if let (Some(demand), Some(spill), Some(set)) =
                (&mut pass.demand, &mut spill, collective)
            {
                for (place, triaged, areas) in read_notes(set, &parsed.ok) {
                    if let Some(municipality) = place {
                        demand.add(municipality, triaged.as_ref().map_or(&areas, |t| &t.areas));
                    }
                    spill.push(triaged.as_ref())?;
                }
            }
            // The second pass salvages again where it needs to; the first keeps only the problems.
            let errors = parsed.errors.into_iter().map(|e| LineError {
                salvaged: None,
                ..e
            });
            pass.errors.extend(errors);
            pass.warnings.extend(parsed.warnings);
            Ok(())
        })?;
        pass.triaged = spill.map(SpillWriter::into_reader).transpose()?;
        Ok(pass)
    }

    /// The referrals of a chunk of the second pass that are used: not those with a repeated id.
    pub fn usable(
        &self,
        ok: Vec<(usize, Referral)>,
    ) -> impl Iterator<Item = (usize, Referral)> + '_ {
        ok.into_iter()
            .filter(|(line, _)| self.repeated.binary_search(line).is_err())
    }

    /// How many referrals the second pass uses.
    pub fn usable_count(&self) -> usize {
        self.read - self.errors.len()
    }
}

/// Each referral's municipality code (`None` when its place is unknown: it is not counted), its triage
/// under its region's policy (`None` when no loaded map covers it: matching reports that), and, without a
/// triage, the areas counted for it: what [`Demand::of`] counts, in parallel.
fn read_notes(
    set: &MapSet,
    ok: &[(usize, Referral)],
) -> Vec<(
    Option<&'static str>,
    Option<Triaged>,
    Vec<wor_core::triage::AreaFinding>,
)> {
    ok.par_iter()
        .map(|(_, r)| {
            let Ok((_, m)) = resident_location(r) else {
                return (None, None, Vec::new());
            };
            match set.for_referral(r).and_then(|index| Triaged::of(index, r)) {
                Ok(t) => (Some(m.code), Some(t), Vec::new()),
                Err(_) => (Some(m.code), None, referral_areas(r)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::BatchFiles;
    use std::path::Path;
    use wor_core::matching::MatchOptions;

    /// The first pass keeps each used referral's own triage, in the second pass's order (broken lines
    /// and repeated ids left out, across chunks; `None` for a place no map covers), and matching with it
    /// and the first pass's counts gives what reading every note again gives.
    #[test]
    fn the_first_pass_keeps_each_used_referrals_own_triage() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let date: wor_core::Date = "2026-06-01".parse().expect("a date");
        // Two of the three demo regions: referrals in Haarlemmermeer are not covered.
        let region = |name: &str| {
            crate::maps::load_set(&repo.join("social-map").join(name), date)
                .expect("a demo map")
                .maps
        };
        let set = MapSet::new([region("amstelland"), region("zuid-holland-noord")].concat());
        let mut notes: Vec<serde_json::Value> = Vec::new();
        for file in ["referrals.jsonl", "match_vignettes.jsonl"] {
            let text =
                std::fs::read_to_string(repo.join("tests/fixtures").join(file)).expect("a fixture");
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let v: serde_json::Value = serde_json::from_str(line).expect("JSON");
                notes.push(v.get("referral").cloned().unwrap_or(v));
            }
        }
        let mut lines: Vec<String> = (0..CHUNK + 300)
            .map(|i| {
                let mut r = notes[i % notes.len()].clone();
                r["id"] = format!("t{i}").into();
                r.to_string()
            })
            .collect();
        lines.insert(7, "not json".into());
        lines.insert(CHUNK + 100, lines[3].clone()); // a repeated id, in the second chunk
        lines.push(
            r#"{"id":"away","age":70,"consent":true,"municipality":"Haarlemmermeer","text":"eenzaam"}"#
                .into(),
        );
        let dir = tempfile::tempdir().expect("a directory");
        let path = dir.path().join("in.jsonl");
        std::fs::write(&path, lines.join("\n")).expect("written");
        let files = BatchFiles {
            input: Some(path),
            output: None,
            input_format: None,
            output_format: None,
            excel: false,
            strict: false,
        };
        let mut input = BatchInput::open(&files).expect("opened");
        let mut first = FirstPass::run(&mut input, Some(&set)).expect("first pass");
        let mut spill = first.triaged.take().expect("kept with the counts");
        let (mut used, mut kept) = (Vec::new(), Vec::new());
        input
            .parse_chunks(|parsed| {
                let chunk: Vec<Referral> = first.usable(parsed.ok).map(|(_, r)| r).collect();
                kept.extend(spill.take(chunk.len())?);
                used.extend(chunk);
                Ok(())
            })
            .expect("second pass");
        assert!(spill.take(1).is_err(), "one record per used referral");
        assert_eq!(
            used.len(),
            CHUNK + 301,
            "all but the broken line and the repeat"
        );
        assert!(kept[CHUNK + 300].is_none(), "no map covers Haarlemmermeer");
        for (r, t) in used.iter().zip(&kept) {
            let own = set.for_referral(r).and_then(|index| Triaged::of(index, r));
            assert_eq!(t.as_ref(), own.as_ref().ok(), "{}", r.id);
        }
        let opts = MatchOptions { top_k: 10, date };
        let json = |r: Result<wor_core::MatchResult, wor_core::FieldError>| {
            serde_json::to_string(&r.map_err(|e| e.message)).expect("JSON")
        };
        let read_again = set.match_batch(&used, &opts);
        let read_once = set.match_each_triaged(&used, kept, &opts, first.demand.as_ref(), json);
        assert_eq!(
            read_once,
            read_again.into_iter().map(json).collect::<Vec<_>>()
        );
    }
}
