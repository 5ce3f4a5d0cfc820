//! `wor <command> --help` describes every argument of every subcommand, so no user meets an
//! undescribed `<PATH>` or flag (`-h` puts each description on its argument's line).

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

#[test]
fn every_argument_of_every_subcommand_is_described() {
    let mut all = Vec::new();
    commands(Vec::new(), &mut all);
    assert!(all.len() >= 15, "{all:?}");
    let mut missing = Vec::new();
    for path in &all {
        let text = help(path);
        for line in section(&text, "Arguments:")
            .into_iter()
            .chain(section(&text, "Options:"))
        {
            // "  -o, --output <OUTPUT>  Write here ..." : the argument, two spaces, its description.
            let parts: Vec<&str> = line
                .trim()
                .split("  ")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            let described = parts.len() >= 2 && !parts[1].starts_with("[default");
            if !described {
                missing.push(format!("wor {}: {}", path.join(" "), line.trim()));
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
