//! `wor map ...`: tools to keep a social map correct and to publish it to the web page.

use crate::records::Output;
use crate::{maps, reference_date, Outcome};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::path::PathBuf;
use wor_core::map::{validate, Level};
use wor_core::{Date, SocialMap};
use wor_map::diff::{diff, render_text};
use wor_map::generate::generate;
use wor_map::hsds;
use wor_map::stats::{render_table, stats};

#[derive(clap::Subcommand)]
pub enum MapCommand {
    /// Check a map (file, region directory or social-map/ root): errors exit 1, warnings exit 0.
    Validate {
        /// Map file, region directory (its latest version) or the social-map/ root (all regions).
        path: PathBuf,
        /// Reference date for staleness warnings; today by default.
        #[arg(long)]
        date: Option<Date>,
        /// List every issue; by default at most 20 of each kind, then a count of the rest.
        #[arg(long)]
        all: bool,
    },
    /// Entries per support area and municipality, so a region sees its gaps at a glance.
    Stats {
        /// Map file, region directory (its latest version) or the social-map/ root (all regions).
        path: PathBuf,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
        /// Reference date (YYYY-MM-DD): entries with errors on this date are not counted; today by default.
        #[arg(long)]
        date: Option<Date>,
    },
    /// Added, removed and changed entries (field by field) between two map versions.
    Diff {
        /// The older map version (file or region directory).
        old: PathBuf,
        /// The newer map version (file or region directory).
        new: PathBuf,
        /// Machine-readable output: added, removed and changed entries with their fields.
        #[arg(long)]
        json: bool,
    },
    /// A synthetic map of any size on stdout (or --output), valid and reproducible for a seed.
    Generate {
        /// Number of activities (entries) in the generated map.
        #[arg(long, default_value_t = 10_000)]
        entries: usize,
        /// Seed of the generator: the same seed and size give the same map.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Publication date of the map; today by default.
        #[arg(long)]
        date: Option<Date>,
        /// Write the map here (atomically) instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Import an Open Referral HSDS 3.0 tabular export (a directory of CSV files) as a map.
    ImportHsds {
        /// Directory with the HSDS CSV tables (organizations.csv, services.csv, locations.csv, ...).
        dir: PathBuf,
        /// Take region, version, publication date, demo marking and municipalities from this existing map
        /// (e.g. to re-import an export). Without it the header comes from the source when it states it
        /// (an export of this tool does), else placeholders with a warning.
        #[arg(long)]
        like: Option<PathBuf>,
        /// Region id of the new map, over what --like or the source say (placeholder: hsds-import).
        #[arg(long)]
        region: Option<String>,
        /// Version of the new map, over what --like or the source say (placeholder: 0.1.0).
        #[arg(long)]
        version: Option<String>,
        /// Publication date of the new map (YYYY-MM-DD); today by default.
        #[arg(long)]
        date: Option<Date>,
        /// Write the map here (atomically) instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Export a map as Open Referral HSDS 3.0 CSV tables into a directory.
    ExportHsds {
        /// Map file or region directory (its latest version) to export.
        map: PathBuf,
        /// Directory to write the HSDS CSV tables into (created if missing).
        dir: PathBuf,
    },
    /// Copy the latest valid map of every region into a directory for the web page, with index.json.
    Bundle {
        /// The social-map/ root (or one region directory or file).
        path: PathBuf,
        /// Output directory, e.g. www/maps.
        out: PathBuf,
        /// Reference date (YYYY-MM-DD) for validating the maps; today by default.
        #[arg(long)]
        date: Option<Date>,
    },
}

pub fn run(cmd: MapCommand) -> Result<Outcome, String> {
    match cmd {
        MapCommand::Validate { path, date, all } => validate_cmd(&path, reference_date(date), all),
        MapCommand::Bundle { path, out, date } => bundle(&path, &out, reference_date(date)),
        MapCommand::Stats { path, json, date } => stats_cmd(&path, json, reference_date(date)),
        MapCommand::Diff { old, new, json } => diff_cmd(&old, &new, json),
        MapCommand::Generate {
            entries,
            seed,
            date,
            output,
        } => {
            let map = generate(entries, seed, reference_date(date));
            write_text(output.as_deref(), &map.to_json_pretty())?;
            Ok(Outcome::Ok)
        }
        MapCommand::ImportHsds {
            dir,
            like,
            region,
            version,
            date,
            output,
        } => import_hsds(
            &dir,
            like.as_deref(),
            region,
            version,
            reference_date(date),
            output.as_deref(),
        ),
        MapCommand::ExportHsds { map, dir } => export_hsds(&map, &dir),
    }
}

/// Writes text to a file atomically, or to standard output.
fn write_text(path: Option<&Path>, text: &str) -> Result<(), String> {
    let mut out = Output::create(path)?;
    out.writer()
        .write_all(text.as_bytes())
        .map_err(|e| e.to_string())?;
    out.commit()
}

/// The single map file a path stands for (a file, or a region directory's latest version).
fn single_map(path: &Path) -> Result<(PathBuf, SocialMap), String> {
    let files = maps::resolve(path)?;
    let [file] = files.as_slice() else {
        return Err(format!(
            "{}: stands for {} maps; give one map file or region directory",
            path.display(),
            files.len()
        ));
    };
    Ok((file.clone(), maps::read_map(file)?))
}

fn stats_cmd(path: &Path, json: bool, today: Date) -> Result<Outcome, String> {
    let mut all = Vec::new();
    for file in maps::resolve(path)? {
        let map = maps::read_map(&file)?;
        let checked = validate(&map, today);
        if checked.errors() > 0 {
            eprintln!(
                "{}: {} error(s); entries with errors are not counted (see `wor map validate`)",
                file.display(),
                checked.errors()
            );
        }
        all.push(stats(&map, &checked));
    }
    let text = if json {
        let mut s = serde_json::to_string_pretty(&all).map_err(|e| e.to_string())?;
        s.push('\n');
        s
    } else {
        all.iter().map(render_table).collect::<Vec<_>>().join("\n")
    };
    write_text(None, &text)?;
    Ok(Outcome::Ok)
}

fn diff_cmd(old: &Path, new: &Path, json: bool) -> Result<Outcome, String> {
    let (_, old) = single_map(old)?;
    let (_, new) = single_map(new)?;
    let d = diff(&old, &new);
    let text = if json {
        let mut s = serde_json::to_string_pretty(&d).map_err(|e| e.to_string())?;
        s.push('\n');
        s
    } else {
        render_text(&d)
    };
    write_text(None, &text)?;
    Ok(Outcome::Ok)
}

fn import_hsds(
    dir: &Path,
    like: Option<&Path>,
    region: Option<String>,
    version: Option<String>,
    today: Date,
    output: Option<&Path>,
) -> Result<Outcome, String> {
    let options = match like {
        Some(path) => hsds::ImportOptions::like(&single_map(path)?.1),
        None => hsds::ImportOptions::default(),
    };
    let mut tables = BTreeMap::new();
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        {
            let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            tables.insert(hsds::table_name(&path.to_string_lossy()), text);
        }
    }
    let mut import =
        hsds::import(&tables, &options, today).map_err(|e| format!("{}: {e}", dir.display()))?;
    if like.is_none() {
        let missing = import.source_header.apply(&mut import.map);
        let map = &import.map;
        if missing.is_empty() {
            eprintln!(
                "{}: no --like: the map header comes from the source: region '{}', version {}, published {}{}",
                dir.display(),
                map.region.id,
                map.version,
                map.published,
                if map.demo { ", demo data" } else { "" }
            );
        } else {
            eprintln!(
                "{}: warning: no --like, and the source does not state the map's {}: region '{}', version {}, \
                 published {}, {} are placeholders. Pass --like MAP (the region's current map) or --region and --version.",
                dir.display(),
                missing.join(", "),
                map.region.id,
                map.version,
                map.published,
                if map.demo { "demo data" } else { "not marked as demo data" }
            );
        }
    }
    if let Some(id) = region {
        import.map.region.name = id.clone();
        import.map.region.id = id;
    }
    if let Some(v) = version {
        import.map.version = v;
    }
    for note in &import.notes {
        eprintln!("{}: note: {note}", dir.display());
    }
    let checked = validate(&import.map, today);
    eprintln!(
        "imported {} entries; the map has {} validation error(s) and {} warning(s) (see `wor map validate`)",
        import.map.activities.len(),
        checked.errors(),
        checked.warnings()
    );
    write_text(output, &import.map.to_json_pretty())?;
    Ok(Outcome::Ok)
}

fn export_hsds(map: &Path, dir: &Path) -> Result<Outcome, String> {
    let (_, map) = single_map(map)?;
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let tables = hsds::export(&map);
    for (name, csv) in &tables {
        write_text(Some(&dir.join(format!("{name}.csv"))), csv)?;
    }
    eprintln!(
        "exported {} entries as {} HSDS tables into {}",
        map.activities.len(),
        tables.len(),
        dir.display()
    );
    Ok(Outcome::Ok)
}

fn validate_cmd(path: &std::path::Path, today: Date, all: bool) -> Result<Outcome, String> {
    let mut failed = false;
    for file in maps::resolve(path)? {
        let map = match maps::read_map(&file) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("{e}");
                failed = true;
                continue;
            }
        };
        let checked = validate(&map, today);
        let per_kind = (!all).then_some(maps::ISSUES_PER_KIND);
        maps::print_issues(&file, &checked.issues, per_kind);
        eprintln!(
            "{}: {} {} — {} entries, {} error(s), {} warning(s)",
            file.display(),
            map.region.id,
            map.version,
            map.activities.len(),
            checked.errors(),
            checked.warnings()
        );
        failed |= checked.issues.iter().any(|i| i.level == Level::Error);
    }
    Ok(if failed {
        Outcome::InputErrors
    } else {
        Outcome::Ok
    })
}

#[derive(Serialize)]
struct BundledMap {
    region: String,
    name: String,
    demo: bool,
    version: String,
    published: String,
    hash: String,
    file: String,
    /// The region's own triage policy, bundled beside its map when the region has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    policy: Option<String>,
    /// The region's matching weights (`<region>/weights/`, the last file by name), compiled.
    #[serde(skip_serializing_if = "Option::is_none")]
    weights: Option<String>,
}

/// The region's bundled weights: the last `*.json` (by name) in `<region>/weights/`, validated and
/// compiled for the page; `None` when there is none or it has no set for this region.
fn region_weights(dir: &std::path::Path, region: &str) -> Result<Option<String>, String> {
    let dir = dir.join("weights");
    let Ok(entries) = fs::read_dir(&dir) else {
        return Ok(None);
    };
    let mut files: Vec<std::path::PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let Some(path) = files.pop() else {
        return Ok(None);
    };
    Ok(maps::read_weights(&path)?.to_compiled(region))
}

fn bundle(path: &std::path::Path, out: &std::path::Path, today: Date) -> Result<Outcome, String> {
    let mut index = Vec::new();
    let mut files = Vec::new();
    for file in maps::resolve(path)? {
        let map = maps::read_map(&file)?;
        let checked = validate(&map, today);
        if checked.errors() > 0 {
            return Err(format!(
                "{}: {} error(s); run `wor map validate {}`",
                file.display(),
                checked.errors(),
                file.display()
            ));
        }
        let stamp = map.stamp();
        let name = format!("{}.json", map.region.id);
        let policy = match file.parent().map(|dir| dir.join("policy.json")) {
            Some(path) if path.exists() => {
                // Validated here, handed to the page compiled (the module reads no overrides, no JSON).
                let policy = crate::policy_cmd::load(&path)?;
                let policy_name = format!("{}.policy.txt", map.region.id);
                files.push((policy_name.clone(), policy.to_compiled().into_bytes()));
                Some(policy_name)
            }
            _ => None,
        };
        let weights = match file.parent() {
            Some(dir) => region_weights(dir, &map.region.id)?,
            None => None,
        };
        let weights = weights.map(|compiled| {
            let weights_name = format!("{}.weights.txt", map.region.id);
            files.push((weights_name.clone(), compiled.into_bytes()));
            weights_name
        });
        files.push((
            name.clone(),
            fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?,
        ));
        index.push(BundledMap {
            region: stamp.region,
            name: map.region.name.clone(),
            demo: map.demo,
            version: stamp.version,
            published: stamp.published,
            hash: stamp.hash,
            file: name,
            policy,
            weights,
        });
    }
    fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut index_json = serde_json::to_string_pretty(&index).map_err(|e| e.to_string())?;
    index_json.push('\n');
    files.push(("index.json".into(), index_json.into_bytes()));
    // The default triage policy: the wasm module leaves it out and the page hands it over, compiled.
    files.push((
        "policy.txt".into(),
        wor_core::policy::Policy::default_policy()
            .to_compiled()
            .into_bytes(),
    ));
    for (name, bytes) in files {
        let target = out.join(&name);
        let mut writer = crate::records::Output::create(Some(&target))?;
        writer
            .writer()
            .write_all(&bytes)
            .map_err(|e| format!("{}: {e}", target.display()))?;
        writer.commit()?;
    }
    eprintln!("bundled {} map(s) into {}", index.len(), out.display());
    Ok(Outcome::Ok)
}
