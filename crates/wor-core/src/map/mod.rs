//! The versioned regional social map: file format, validation, identity (version + content hash).

pub mod model;
pub mod validate;

pub use model::{Activity, ActivityKind, SocialMap, SCHEMA_ID};
pub use validate::{validate, Checked, Entry, Issue, Level, TimeSlot};

use serde::Serialize;
use sha2::{Digest, Sha256};

/// What every output is stamped with, so a suggestion can be traced to the exact map it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MapStamp {
    pub region: String,
    pub version: String,
    pub published: String,
    /// `sha256:` + hex digest of the map's canonical JSON (independent of whitespace and key order).
    pub hash: String,
}

impl SocialMap {
    pub fn stamp(&self) -> MapStamp {
        let canonical = serde_json::to_vec(self).expect("a map always serialises");
        let digest = Sha256::digest(&canonical);
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        MapStamp {
            region: self.region.id.clone(),
            version: self.version.clone(),
            published: self.published.clone(),
            hash: format!("sha256:{hex}"),
        }
    }
}
