//! Loading the real catalogue: valid, deterministic, and mutations of a reference spec
//! are reported at the right line of `oneflow.yaml`.

use std::path::Path;

use connectspec_lang::{load_dir, load_str};

#[test]
fn catalogue_loads() {
    let cat = load_dir(Path::new("../../specs")).unwrap_or_else(|d| panic!("{d}"));
    assert!(cat.provider("oneflow").is_some());
    assert!(cat.provider("webflow").is_some());
}

/// Specs are loaded in parallel, yet what comes out does not depend on the schedule:
/// a directory of broken specs reports the same diagnostics, file by file in name order,
/// on every load.
#[test]
fn loading_in_parallel_reports_in_a_fixed_order() {
    let report = || load_dir(Path::new("tests/broken")).unwrap_err().to_string();
    let first = report();
    let files: Vec<&str> = first
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .map(|at| at.split(':').next().unwrap())
        .collect();
    assert!(files.len() > 50, "{} located diagnostics", files.len());
    assert!(
        files.windows(2).all(|w| w[0] <= w[1]),
        "diagnostics are grouped by file, in name order"
    );
    for _ in 0..3 {
        assert_eq!(report(), first);
    }
}

fn oneflow() -> String {
    std::fs::read_to_string("../../specs/oneflow.yaml").unwrap()
}

/// The 1-based line on which `needle` starts.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).expect("needle present");
    text[..at].matches('\n').count() + 1
}

/// Loads a mutated Oneflow spec and returns the rendered diagnostics.
fn mutated(from: &str, to: &str) -> (String, usize) {
    let text = oneflow();
    assert!(text.contains(from));
    let line = line_of(&text, from);
    let text = text.replacen(from, to, 1);
    let err =
        load_str(Path::new("../../specs/oneflow.yaml"), &text).expect_err("mutation must fail");
    (err.to_string(), line)
}

#[test]
fn invalid_regex_names_the_line() {
    let (out, line) = mutated(
        "pattern: '^[A-Za-z0-9-]{40}$'",
        "pattern: '^[A-Za-z0-9-{40}$'",
    );
    assert!(out.contains(&format!("oneflow.yaml:{line}:")), "{out}");
    assert!(out.contains("E020"), "{out}");
}

#[test]
fn unknown_key_names_the_line() {
    let (out, line) = mutated(
        "        secret: true\n",
        "        secret: true\n        secert: true\n",
    );
    assert!(
        out.contains(&format!("oneflow.yaml:{}:9", line + 1)),
        "{out}"
    );
    assert!(out.contains("did you mean `secret`"), "{out}");
}

#[test]
fn yaml_syntax_error_names_the_line() {
    let (out, line) = mutated("categories: [documents]", "categories: [documents");
    let found = (line..line + 3).any(|l| out.contains(&format!("oneflow.yaml:{l}:")));
    assert!(found, "{out}");
    assert!(out.contains("E001"), "{out}");
}
