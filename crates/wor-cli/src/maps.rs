//! Finding and loading social maps: a map file, a region directory (its latest version), or the
//! `social-map/` root (the latest version of every region).

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use wor_core::map::validate::parse_version;
use wor_core::map::{Issue, Level};
use wor_core::{Date, MapIndex, MapSet, SocialMap};

/// The map files a path stands for.
pub fn resolve(path: &Path) -> Result<Vec<PathBuf>, String> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    if !path.is_dir() {
        return Err(format!("{}: no such map file or directory", path.display()));
    }
    if let Some(latest) = latest_version(path)? {
        return Ok(vec![latest]);
    }
    let mut regions = Vec::new();
    for dir in sorted_entries(path)? {
        if dir.is_dir() {
            if let Some(latest) = latest_version(&dir)? {
                regions.push(latest);
            }
        }
    }
    if regions.is_empty() {
        return Err(format!(
            "{}: no map versions found (expected <version>.json files or region directories)",
            path.display()
        ));
    }
    Ok(regions)
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    Ok(entries)
}

/// The `<version>.json` file with the highest version in a region directory.
fn latest_version(dir: &Path) -> Result<Option<PathBuf>, String> {
    Ok(sorted_entries(dir)?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter_map(|p| {
            let version = parse_version(p.file_stem()?.to_str()?)?;
            Some((version, p))
        })
        .max()
        .map(|(_, p)| p))
}

/// Reads and parses one map file; errors name the file, entry and field.
pub fn read_map(path: &Path) -> Result<SocialMap, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let parsed = SocialMap::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    drop(text);
    let mut err = io::BufWriter::new(io::stderr().lock());
    for w in parsed.warnings.iter().take(ISSUES_PER_KIND) {
        let _ = writeln!(err, "{}: warning: {w}", path.display());
    }
    if parsed.warnings.len() > ISSUES_PER_KIND {
        let _ = writeln!(
            err,
            "{}: ... and {} more unknown field(s)",
            path.display(),
            parsed.warnings.len() - ISSUES_PER_KIND
        );
    }
    Ok(parsed.value)
}

/// How many issues of one kind (level and field, indices ignored) are printed before the rest are
/// summarised in one line: a map with a million bad entries gives a readable report in seconds.
pub const ISSUES_PER_KIND: usize = 20;

/// Prints issues as `file: issue`, at most `per_kind` of each kind (`None`: all of them), then one
/// `... and N more` line per kind that had more.
pub fn print_issues(file: &Path, issues: &[Issue], per_kind: Option<usize>) {
    let mut counts: BTreeMap<(Level, String), usize> = BTreeMap::new();
    let mut err = io::BufWriter::new(io::stderr().lock());
    for issue in issues {
        let n = counts
            .entry((issue.level, kind_of(&issue.field)))
            .or_default();
        *n += 1;
        if per_kind.is_none_or(|max| *n <= max) {
            let _ = writeln!(err, "{}: {issue}", file.display());
        }
    }
    let Some(max) = per_kind else { return };
    for ((level, kind), n) in counts {
        if n > max {
            let level = match level {
                Level::Error => "error",
                Level::Warning => "warning",
            };
            let _ = writeln!(
                err,
                "{}: ... and {} more {level}(s) in {kind} (--all lists every one)",
                file.display(),
                n - max
            );
        }
    }
}

/// `schedule[3].day` -> `schedule[].day`.
fn kind_of(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut in_index = false;
    for c in field.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}

/// Loads every map a path stands for into a matcher-ready set. Validation errors are all reported.
pub fn load_set(path: &Path, today: Date) -> Result<MapSet, String> {
    let mut maps = Vec::new();
    for file in resolve(path)? {
        let map = read_map(&file)?;
        let index = MapIndex::build(&map, today).map_err(|issues| {
            let lines: Vec<String> = issues
                .iter()
                .take(ISSUES_PER_KIND)
                .map(|i| format!("{}: {i}", file.display()))
                .collect();
            format!(
                "{}\n{}: {} error(s); run `wor map validate` for details",
                lines.join("\n"),
                file.display(),
                issues.len()
            )
        })?;
        maps.push(index);
    }
    Ok(MapSet::new(maps))
}

/// Reads and validates a weights file (`wor-weights/1`); every problem as `file: field: problem`.
pub fn read_weights(path: &Path) -> Result<wor_core::weights::WeightsFile, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    wor_core::weights::WeightsFile::from_json(&text).map_err(|errors| {
        errors
            .iter()
            .map(|e| format!("{}: {e}", path.display()))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// Reads a weights file (`wor-weights/1`) and gives each loaded region the weights the file has for
/// it; other regions keep the defaults. Every problem is reported as `file: field: problem`.
pub fn apply_weights(set: &mut MapSet, path: &Path) -> Result<(), String> {
    let file = read_weights(path)?;
    for index in &mut set.maps {
        index.weights = file
            .for_region(&index.stamp.region)
            .map(std::sync::Arc::new);
    }
    Ok(())
}
