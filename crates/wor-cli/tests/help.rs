//! `wor <command> --help` describes every argument of every subcommand, so no user meets an
//! undescribed `<PATH>` or flag (`-h` puts each description on its argument's line, or on the next lines when it is long).

mod common;
use common::wor;

fn help(path: &[&str]) -> String {
    let mut args: Vec<&str> = path.to_vec();
    args.push("-h");
    let out = wor(&args);
    assert_eq!(out.status.code(), Some(0), "{path:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The lines of one section ("Commands:", "Arguments:", "Options:") of a help text.
fn section<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| *l != name)
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect()
}

/// Every subcommand path, depth first, from the top-level help.
fn commands(path: Vec<&'static str>, out: &mut Vec<Vec<&'static str>>) {
    let text = help(&path);
    out.push(path.clone());
    for line in section(&text, "Commands:") {
        let name = line.split_whitespace().next().unwrap();
        if name != "help" {
            let mut sub = path.clone();
            sub.push(Box::leak(name.to_string().into_boxed_str()));
            commands(sub, out);
        }
    }
}

/// (argument, description) pairs of help lines in either of clap's layouts: "  --output <OUTPUT>  Write
/// here ..." on one line, or, when a description is too long for that, the argument alone and its
/// description indented on the next lines.
fn arguments<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in lines {
        let indent = line.len() - line.trim_start().len();
        let text = line.trim();
        if indent < 8 && text.starts_with(['-', '<', '[']) {
            let (argument, description) = text.split_once("  ").unwrap_or((text, ""));
            out.push((argument.to_string(), description.trim().to_string()));
        } else if let Some((_, description)) = out.last_mut() {
            if !description.is_empty() {
                description.push(' ');
            }
            description.push_str(text);
        }
    }
    out
}

#[test]
fn every_argument_of_every_subcommand_is_described() {
    let mut all = Vec::new();
    commands(Vec::new(), &mut all);
    assert!(all.len() >= 15, "{all:?}");
    let mut missing = Vec::new();
    for path in &all {
        let text = help(path);
        let lines = section(&text, "Arguments:")
            .into_iter()
            .chain(section(&text, "Options:"));
        for (argument, description) in arguments(lines) {
            if description.is_empty() || description.starts_with("[default") {
                missing.push(format!("wor {}: {argument}", path.join(" ")));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "undescribed arguments:\n{}",
        missing.join("\n")
    );
}

#[test]
fn cases_is_a_count_when_generating_and_a_file_when_evaluating() {
    let text = help(&["evaluate", "generate-cases"]);
    assert!(
        text.contains("--count <CASES>") || text.contains("--count <"),
        "{text}"
    );
    let out = wor(&["evaluate", "--map", "social-map", "--cases", "500"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--cases 500: no such file"), "{err}");
    assert!(
        err.contains("generate-cases --map social-map --count 500"),
        "{err}"
    );
}
