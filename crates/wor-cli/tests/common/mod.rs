//! What every CLI test file needs: the repository root and the `wor` binary run from it.
// Each test file compiles this module on its own and uses a different part of it.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// The reference date the tests pass with `--date`.
pub const DATE: &str = "2026-11-23";

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `wor` with `args`, run from the repository root (so relative paths such as `social-map` work).
pub fn wor_command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wor"));
    command.args(args).current_dir(repo());
    command
}

/// Runs `wor` without standard input.
pub fn wor(args: &[&str]) -> Output {
    wor_command(args).output().expect("wor runs")
}

/// Starts `wor` with its standard input, output and error piped.
pub fn spawn_wor(args: &[&str]) -> Child {
    wor_command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("wor runs")
}

/// Runs `wor` with `stdin` as its standard input.
pub fn wor_with_input(args: &[&str], stdin: &str) -> Output {
    let mut child = spawn_wor(args);
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}
