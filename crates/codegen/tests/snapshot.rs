//! Golden snapshot: the generated code of the two reference providers.
//!
//! `tests/snapshots/reference.rs` is checked in and compiled by `reference_compiles.rs`;
//! this test fails when the generator's output for the reference specs changes.
//! Update it deliberately with `INSTA_UPDATE=always cargo test -p connectspec-codegen --test snapshot`
//! (the same switch that updates the workspace's insta snapshots; the file stays plain
//! Rust, without a snapshot header, because it is compiled).

use std::path::Path;

use connectspec_lang::files::{compare, write_if_changed};
use connectspec_lang::{Catalogue, load_file};

/// The catalogue of these workspace specs.
fn catalogue_of(files: &[&str]) -> Catalogue {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs");
    let specs = files
        .iter()
        .map(|f| load_file(&dir.join(f)).unwrap_or_else(|d| panic!("{d}")))
        .collect();
    Catalogue { specs }
}

fn reference_catalogue() -> Catalogue {
    catalogue_of(&["oneflow.yaml", "webflow.yaml"])
}

/// One golden per language feature, each from the workspace spec that shows it best, so a
/// generator change shows up in the file of the feature it touches (and each compiles,
/// see `reference_compiles.rs`).
#[test]
fn feature_snapshots() {
    for (golden, spec) in [
        ("choices.rs", "intercom.yaml"),
        ("oauth_setup.rs", "zoom.yaml"),
        ("signing.rs", "duo.yaml"),
        ("derived.rs", "mailchimp.yaml"),
    ] {
        let source =
            connectspec_codegen::generate_source(&catalogue_of(&[spec])).expect("generates");
        ensure_file_contents(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/snapshots")
                .join(golden),
            &source,
        );
    }
}

#[test]
fn reference_snapshot() {
    let source = connectspec_codegen::generate_source(&reference_catalogue()).expect("generates");
    ensure_file_contents(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/reference.rs"),
        &source,
    );
}

/// Fails when `path` does not hold `contents`, naming the command that rewrites it;
/// with `INSTA_UPDATE=always` (or `UPDATE_EXPECT=1`) rewrites it instead. The comparison
/// and the write are the workspace's own (`connectspec_lang::files`).
fn ensure_file_contents(path: &Path, contents: &str) {
    let (dir, name) = (
        path.parent().unwrap(),
        path.file_name().unwrap().to_str().unwrap(),
    );
    let Some(drift) = compare(dir, name, contents).expect("the golden is readable") else {
        return;
    };
    let update = std::env::var("INSTA_UPDATE").is_ok_and(|v| v == "always")
        || std::env::var_os("UPDATE_EXPECT").is_some();
    if update {
        write_if_changed(path, contents).expect("write the snapshot");
        return;
    }
    let old = std::fs::read_to_string(path).unwrap_or_default();
    let first = old
        .lines()
        .zip(contents.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(old.lines().count().min(contents.lines().count()));
    panic!(
        "{drift} (first difference at line {}); run `INSTA_UPDATE=always cargo test -p connectspec-codegen --test snapshot` and review the diff",
        first + 1
    );
}

#[test]
fn output_is_deterministic() {
    let a = connectspec_codegen::generate_source(&reference_catalogue()).expect("generates");
    let mut reversed = reference_catalogue();
    reversed.specs.reverse();
    let b = connectspec_codegen::generate_source(&reversed).expect("generates");
    assert_eq!(a, b, "input order must not change the output");
}

#[test]
fn compact_output_is_the_same_code() {
    // The build script writes the unformatted form; it must be the snapshot's code.
    let catalogue = reference_catalogue();
    let compact = connectspec_codegen::generate_compact(&catalogue).expect("generates");
    let formatted = connectspec_codegen::generate_source(&catalogue).expect("generates");
    let body = compact
        .strip_prefix(connectspec_codegen::HEADER)
        .expect("starts with the header");
    assert_eq!(
        body.lines().count(),
        3,
        "one line per provider module and one for the registry"
    );
    let reparsed = syn::parse_file(body).expect("compact output parses");
    assert_eq!(
        format!(
            "{}\n{}",
            connectspec_codegen::HEADER,
            prettyplease::unparse(&reparsed)
        ),
        formatted
    );
}
