//! Shared helpers for the workspace-level tests (tests/) and benchmarks (benches/).
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A file under the repository root.
pub fn repo_path(relative: &str) -> PathBuf {
    repo_root().join(relative)
}

/// `../shared/data/<relative>` beside the checkout, where CI keeps the shared test data; `None` when
/// absent (tests that need it skip and say so).
pub fn shared_data(relative: &str) -> Option<PathBuf> {
    let p = repo_root().join("../shared/data").join(relative);
    p.exists().then_some(p)
}
