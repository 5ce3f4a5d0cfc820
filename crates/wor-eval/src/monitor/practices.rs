//! Practices: the starting-practices list, referrals per practice, starting practices against their
//! monthly target, and KPI x.5 (the electronic channel).

use super::*;

/// A practice that starts with WoR on a date (the `--practices` list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartingPractice {
    pub practice: String,
    pub start: Date,
}

/// A problem in the practices list: its 1-based line and the coded, field-named problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub error: FieldError,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.error)
    }
}

/// Parses a practices list: one `practice,start` per line (start as YYYY-MM-DD), an optional header
/// line `practice,start`, blank lines and `#` comments ignored. A semicolon also separates.
pub fn parse_practices(text: &str) -> Result<Vec<StartingPractice>, Vec<LineError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let sep = if line.contains(';') { ';' } else { ',' };
        let mut parts = line.splitn(2, sep).map(str::trim);
        let (practice, start) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        if out.is_empty() && errors.is_empty() && practice.eq_ignore_ascii_case("practice") {
            continue;
        }
        let mut err = |error: FieldError| errors.push(LineError { line: i + 1, error });
        if practice.is_empty() {
            err(FieldError::new("practice", Code::Missing, "missing").with("name", "practice"));
            continue;
        }
        match start.parse::<Date>() {
            Ok(start) if seen.insert(practice.to_string()) => out.push(StartingPractice {
                practice: practice.to_string(),
                start,
            }),
            Ok(_) => err(FieldError::new(
                "practice",
                Code::Duplicate,
                format!("{practice} is listed twice"),
            )
            .with("value", practice)),
            Err(_) if start.is_empty() => {
                err(FieldError::new("start", Code::Missing, "missing").with("name", "start"))
            }
            Err(e) => {
                err(FieldError::new("start", Code::InvalidFormat, e.to_string())
                    .with("format", "date"))
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

pub(super) fn is_electronic(c: Option<Channel>) -> bool {
    c.is_some_and(Channel::is_electronic)
}

pub(super) fn practice_stats(seen: &[Seen], show: Shown) -> BTreeMap<String, PracticeStats> {
    /// Per practice: referrals per region, per month, per channel, and in all.
    #[derive(Default)]
    struct Tally<'a> {
        regions: BTreeMap<&'a str, u64>,
        months: BTreeMap<String, u64>,
        channels: BTreeMap<&'static str, u64>,
        total: u64,
    }
    let mut raw: BTreeMap<&str, Tally> = BTreeMap::new();
    for s in seen {
        let Some(p) = s.case.referral.practice.as_deref() else {
            continue;
        };
        let e = raw.entry(p).or_default();
        *e.regions.entry(s.region.as_str()).or_default() += 1;
        *e.months.entry(month_key(s.referred())).or_default() += 1;
        *e.channels
            .entry(s.case.referral.channel.map_or("unknown", Channel::id))
            .or_default() += 1;
        e.total += 1;
    }
    raw.into_iter()
        .map(|(p, t)| {
            let Tally {
                regions,
                months,
                channels,
                total: n,
            } = t;
            // The region with most referrals; ties go to the first id.
            let region = regions
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map_or_else(String::new, |(r, _)| r.to_string());
            let electronic = channels
                .keys()
                .any(|c| *c == "zorgdomein" || *c == "vip_live");
            (
                p.to_string(),
                PracticeStats {
                    region,
                    referrals: show.count(n),
                    months: months
                        .into_iter()
                        .map(|(m, n)| (m, show.count(n)))
                        .collect(),
                    channels: channels
                        .into_iter()
                        .map(|(c, n)| (c.to_string(), show.count(n)))
                        .collect(),
                    electronic,
                },
            )
        })
        .collect()
}

pub(super) fn channel_kpi(members: &[&Seen], show: Shown) -> ChannelKpi {
    // Practice -> (any electronic referral, any referral with a channel).
    let mut practices: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
    for s in members {
        let Some(p) = s.case.referral.practice.as_deref() else {
            continue;
        };
        let e = practices.entry(p).or_default();
        e.0 |= is_electronic(s.case.referral.channel);
        e.1 |= s.case.referral.channel.is_some();
    }
    let n = practices.len() as u64;
    let electronic = practices.values().filter(|v| v.0).count() as u64;
    let (y, m, d) = plan::ELECTRONIC_CHANNEL_DEADLINE;
    ChannelKpi {
        referring_practices: show.count(n),
        electronic: show.count(electronic),
        without_channel: show.count(practices.values().filter(|v| !v.1).count() as u64),
        share: show.share(electronic, n),
        target: plan::ELECTRONIC_CHANNEL_SHARE,
        deadline: format!("{y:04}-{m:02}-{d:02}"),
    }
}

/// The last day of a month.
pub(super) fn month_end(year: i32, month: u8) -> Option<Date> {
    (28..=31).rev().find_map(|d| Date::new(year, month, d))
}

pub(super) fn starting(
    seen: &[Seen],
    practices: &[StartingPractice],
    date: Date,
    show: Shown,
) -> StartingPractices {
    let (lo, hi) = plan::STARTING_PRACTICE_REFERRALS_PER_MONTH;
    let mut started_per_year: BTreeMap<String, usize> = BTreeMap::new();
    let stats = practices
        .iter()
        .map(|p| {
            *started_per_year
                .entry(p.start.year().to_string())
                .or_default() += 1;
            let mut months: BTreeMap<(i32, u8), u64> = BTreeMap::new();
            let (mut y, mut m) = (p.start.year(), p.start.month());
            while (y, m) <= (date.year(), date.month()) {
                months.insert((y, m), 0);
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
            for s in seen {
                if s.case.referral.practice.as_deref() == Some(p.practice.as_str())
                    && s.referred() >= p.start
                {
                    if let Some(n) = months.get_mut(&(s.referred().year(), s.referred().month())) {
                        *n += 1;
                    }
                }
            }
            let complete: Vec<u64> = months
                .iter()
                .filter(|((y, m), _)| month_end(*y, *m).is_some_and(|e| e <= date))
                .map(|(_, n)| *n)
                .collect();
            let total: u64 = complete.iter().sum();
            StartingPracticeStats {
                practice: p.practice.clone(),
                start: p.start,
                months: months
                    .into_iter()
                    .map(|((y, m), n)| (format!("{y:04}-{m:02}"), show.count(n)))
                    .collect(),
                complete_months: complete.len(),
                per_month: (!complete.is_empty()).then(|| total as f64 / complete.len() as f64),
                months_below: complete.iter().filter(|n| **n < u64::from(lo)).count(),
                months_within: complete
                    .iter()
                    .filter(|n| (u64::from(lo)..=u64::from(hi)).contains(n))
                    .count(),
                months_above: complete.iter().filter(|n| **n > u64::from(hi)).count(),
            }
        })
        .collect();
    StartingPractices {
        target_per_month: (lo, hi),
        practices: stats,
        started_per_year,
    }
}
