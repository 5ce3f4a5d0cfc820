//! `wor map ...`: tools to keep a social map correct and to publish it to the web page.

use crate::{maps, reference_date, Outcome};
use serde::Serialize;
use std::fs;
use std::path::PathBuf;
use wor_core::map::{validate, Level};
use wor_core::Date;

#[derive(clap::Subcommand)]
pub enum MapCommand {
    /// Check a map (file, region directory or social-map/ root): errors exit 1, warnings exit 0.
    Validate {
        path: PathBuf,
        /// Reference date for staleness warnings; today by default.
        #[arg(long)]
        date: Option<Date>,
    },
    /// Copy the latest valid map of every region into a directory for the web page, with index.json.
    Bundle {
        /// The social-map/ root (or one region directory or file).
        path: PathBuf,
        /// Output directory, e.g. www/maps.
        out: PathBuf,
        #[arg(long)]
        date: Option<Date>,
    },
}

pub fn run(cmd: MapCommand) -> Result<Outcome, String> {
    match cmd {
        MapCommand::Validate { path, date } => validate_cmd(&path, reference_date(date)),
        MapCommand::Bundle { path, out, date } => bundle(&path, &out, reference_date(date)),
    }
}

fn validate_cmd(path: &std::path::Path, today: Date) -> Result<Outcome, String> {
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
        for issue in &checked.issues {
            eprintln!("{}: {issue}", file.display());
        }
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
    version: String,
    published: String,
    hash: String,
    file: String,
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
        files.push((
            name.clone(),
            fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?,
        ));
        index.push(BundledMap {
            region: stamp.region,
            name: map.region.name.clone(),
            version: stamp.version,
            published: stamp.published,
            hash: stamp.hash,
            file: name,
        });
    }
    fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut index_json = serde_json::to_string_pretty(&index).map_err(|e| e.to_string())?;
    index_json.push('\n');
    files.push(("index.json".into(), index_json.into_bytes()));
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
