//! The first pass's triage of each referral, kept on disk for the second: a batch then reads each note
//! once (the first pass needs the areas for the "collective first" counts, the second the whole
//! reading), and memory does not grow with the batch. Records go to a temporary file in the order of the
//! referrals the second pass matches, and are read back in that order, chunk by chunk.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, Write};
use wor_core::life_event::{LifeEvent, LifeEventSet};
use wor_core::matching::Triaged;
use wor_core::triage::{AreaFinding, AreaSource, Route, Warning};
use wor_core::SupportArea;

/// A record's first byte when the first pass could not read the referral (it is read again).
const ABSENT: u8 = 0xFF;

/// The file being written in the first pass.
pub struct SpillWriter {
    out: BufWriter<File>,
    /// The cautions' codes by number: a code is a `&'static str`, written as its place in this list.
    codes: Vec<&'static str>,
    record: Vec<u8>,
}

/// The file read back in the second pass.
pub struct SpillReader {
    input: BufReader<File>,
    codes: Vec<&'static str>,
    record: Vec<u8>,
}

impl SpillWriter {
    pub fn new() -> Result<SpillWriter, String> {
        let file = tempfile::tempfile().map_err(|e| format!("no temporary file: {e}"))?;
        Ok(SpillWriter {
            out: BufWriter::with_capacity(1 << 20, file),
            codes: Vec::new(),
            record: Vec::new(),
        })
    }

    /// Appends the next referral's triage (`None`: the second pass reads it itself).
    pub fn push(&mut self, triaged: Option<&Triaged>) -> Result<(), String> {
        let r = &mut self.record;
        r.clear();
        match triaged {
            None => r.push(ABSENT),
            Some(t) => {
                r.push(Route::ALL.iter().position(|x| *x == t.route).unwrap_or(0) as u8);
                count(r, t.areas.len());
                for f in &t.areas {
                    r.push(f.area.index() as u8);
                    r.push(f.severity.map_or(0, |s| s.saturating_add(1)));
                    r.push(match f.source {
                        AreaSource::Explicit => 0,
                        AreaSource::Detected => 1,
                        AreaSource::Both => 2,
                    });
                    strings(r, &f.matched);
                }
                count(r, t.cautions.len());
                for w in &t.cautions {
                    let code = match self.codes.iter().position(|c| *c == w.code) {
                        Some(i) => i,
                        None => {
                            self.codes.push(w.code);
                            self.codes.len() - 1
                        }
                    };
                    count(r, code);
                    string(r, &w.nl);
                    string(r, &w.en);
                    strings(r, &w.matched);
                    r.push(u8::from(w.assumption));
                }
                let events = t
                    .life_events
                    .iter()
                    .fold(0u32, |bits, e| bits | 1 << e.index());
                count(r, events as usize);
            }
        }
        let len = u32::try_from(r.len()).map_err(|_| "a triage record over 4 GB".to_string())?;
        self.out
            .write_all(&len.to_le_bytes())
            .and_then(|()| self.out.write_all(r))
            .map_err(|e| format!("temporary file: {e}"))
    }

    /// The records written, to be read from the first.
    pub fn into_reader(self) -> Result<SpillReader, String> {
        let mut file = self
            .out
            .into_inner()
            .map_err(|e| format!("temporary file: {}", e.error()))?;
        file.rewind().map_err(|e| format!("temporary file: {e}"))?;
        Ok(SpillReader {
            input: BufReader::with_capacity(1 << 20, file),
            codes: self.codes,
            record: Vec::new(),
        })
    }
}

impl SpillReader {
    /// The next `n` referrals' triage, in order.
    pub fn take(&mut self, n: usize) -> Result<Vec<Option<Triaged>>, String> {
        let broken = || "temporary file: a triage record does not read back".to_string();
        (0..n)
            .map(|_| {
                let mut len = [0u8; 4];
                self.input
                    .read_exact(&mut len)
                    .map_err(|e| format!("temporary file: {e}"))?;
                self.record.resize(u32::from_le_bytes(len) as usize, 0);
                self.input
                    .read_exact(&mut self.record)
                    .map_err(|e| format!("temporary file: {e}"))?;
                decode(&self.record, &self.codes).ok_or_else(broken)
            })
            .collect()
    }
}

/// One record; the outer `None` when it does not read back.
fn decode(record: &[u8], codes: &[&'static str]) -> Option<Option<Triaged>> {
    let mut r = Cursor(record);
    let route = r.byte()?;
    if route == ABSENT {
        return Some(None);
    }
    let route = *Route::ALL.get(usize::from(route))?;
    let areas = (0..r.count()?)
        .map(|_| {
            Some(AreaFinding {
                area: *SupportArea::ALL.get(usize::from(r.byte()?))?,
                severity: r.byte()?.checked_sub(1),
                source: match r.byte()? {
                    0 => AreaSource::Explicit,
                    1 => AreaSource::Detected,
                    2 => AreaSource::Both,
                    _ => return None,
                },
                matched: r.strings()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let cautions = (0..r.count()?)
        .map(|_| {
            Some(Warning {
                code: codes.get(r.count()?)?,
                nl: r.string()?,
                en: r.string()?,
                matched: r.strings()?,
                assumption: r.byte()? != 0,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let events = r.count()?;
    let life_events: LifeEventSet = LifeEvent::ALL
        .into_iter()
        .filter(|e| events & 1 << e.index() != 0)
        .collect();
    Some(Some(Triaged {
        route,
        areas,
        cautions,
        life_events,
    }))
}

fn count(r: &mut Vec<u8>, n: usize) {
    r.extend_from_slice(&(n as u32).to_le_bytes());
}

fn string(r: &mut Vec<u8>, s: &str) {
    count(r, s.len());
    r.extend_from_slice(s.as_bytes());
}

fn strings(r: &mut Vec<u8>, list: &[String]) {
    count(r, list.len());
    for s in list {
        string(r, s);
    }
}

/// Reads a record front to back; `None` past its end.
struct Cursor<'a>(&'a [u8]);

impl Cursor<'_> {
    fn bytes(&mut self, n: usize) -> Option<&[u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn byte(&mut self) -> Option<u8> {
        self.bytes(1).map(|b| b[0])
    }

    fn count(&mut self) -> Option<usize> {
        let b = self.bytes(4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    fn string(&mut self) -> Option<String> {
        let n = self.count()?;
        String::from_utf8(self.bytes(n)?.to_vec()).ok()
    }

    fn strings(&mut self) -> Option<Vec<String>> {
        (0..self.count()?).map(|_| self.string()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field of a triage comes back as it went in, including a caution's code and an absent record.
    #[test]
    fn records_read_back_as_written() {
        let first = Triaged {
            route: Route::WorAndMgn,
            areas: vec![
                AreaFinding {
                    area: SupportArea::Loneliness,
                    severity: Some(3),
                    source: AreaSource::Both,
                    matched: vec!["eenzaam".into(), "alleen".into()],
                },
                AreaFinding {
                    area: SupportArea::DebtPoverty,
                    severity: None,
                    source: AreaSource::Detected,
                    matched: Vec::new(),
                },
            ],
            cautions: vec![Warning {
                code: "refer_via_gp",
                nl: "Via de huisarts ë".into(),
                en: "Through the GP".into(),
                matched: vec!["apotheek".into()],
                assumption: true,
            }],
            life_events: [LifeEvent::Bereavement, LifeEvent::Migration]
                .into_iter()
                .collect(),
        };
        let second = Triaged {
            route: Route::Unclear,
            areas: Vec::new(),
            cautions: vec![first.cautions[0].clone(), {
                let mut w = first.cautions[0].clone();
                w.code = "postcode_outside_municipality";
                w.assumption = false;
                w
            }],
            life_events: LifeEventSet::default(),
        };
        let mut out = SpillWriter::new().expect("a temporary file");
        for t in [Some(&first), None, Some(&second)] {
            out.push(t).expect("written");
        }
        let mut back = out.into_reader().expect("read back");
        assert_eq!(back.take(2).expect("two"), vec![Some(first), None]);
        assert_eq!(back.take(1).expect("one"), vec![Some(second)]);
        assert!(back.take(1).is_err(), "no fourth record");
    }
}
