//! Finding and loading social maps: a map file, a region directory (its latest version), or the
//! `social-map/` root (the latest version of every region).

use std::fs;
use std::path::{Path, PathBuf};
use wor_core::map::validate::parse_version;
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
    for w in parsed.warnings {
        eprintln!("{}: warning: {w}", path.display());
    }
    Ok(parsed.value)
}

/// Loads every map a path stands for into a matcher-ready set. Validation errors are all reported.
pub fn load_set(path: &Path, today: Date) -> Result<MapSet, String> {
    let mut maps = Vec::new();
    for file in resolve(path)? {
        let map = read_map(&file)?;
        let index = MapIndex::build(&map, today).map_err(|issues| {
            let lines: Vec<String> = issues
                .iter()
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
