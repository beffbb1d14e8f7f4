//! The broken-spec corpus: `tests/broken/*.yaml`, one mistake class per file, each
//! with its expected diagnostics as an insta snapshot (`tests/broken/snapshots/`).
//!
//! Every file must fail to load, every diagnostic must name `file:line:column`, and the
//! rendered report must match its snapshot exactly.

use std::path::{Path, PathBuf};

use connectspec_lang::{Code, Diagnostics, load_dir, load_file};

fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("tests/broken")
        .expect("tests/broken exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

fn assert_located(diags: &Diagnostics, file: &Path) {
    assert!(
        !diags.is_empty(),
        "{} loaded without errors",
        file.display()
    );
    for d in &diags.0 {
        assert_eq!(d.file, file);
        assert!(
            d.pos.line > 0 && d.pos.column > 0,
            "unlocated: {}",
            d.render()
        );
        let loc = format!("{}:{}:{}", file.display(), d.pos.line, d.pos.column);
        let text = d.render();
        assert!(
            text.contains(&loc) || text.contains(&format!("at {loc}")),
            "{text}\nlacks {loc}"
        );
    }
}

/// Every mistake a spec file can hold has a corpus file whose snapshot shows its code.
/// The codes no single spec file can cause are proved where named.
#[test]
fn every_error_code_has_a_corpus_file() {
    let elsewhere = [
        (Code::Io, "spec_files.rs: an unreadable file"),
        (
            Code::NotAFile,
            "spec_files.rs: directories, FIFOs and dangling links",
        ),
        (Code::Stale, "xtask's check: a stale spec schema"),
        (Code::StalePages, "xtask's README-steps test: stale pages"),
        (
            Code::StalePackage,
            "xtask's README-steps test: a stale browser package",
        ),
    ];
    let mut shown = String::new();
    // Translation mistakes are shown by the broken-translation corpus
    // (translation_corpus.rs), catalogue mistakes by the broken-catalogue corpus
    // (catalogue_corpus.rs).
    for dir in [
        "tests/broken/snapshots",
        "tests/broken_translations/snapshots",
        "tests/broken_catalogues/snapshots",
    ] {
        for entry in std::fs::read_dir(dir).expect("snapshots exist") {
            shown.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
    }
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| !elsewhere.iter().any(|(e, _)| e == *c))
        .map(|c| c.id())
        .filter(|id| !shown.contains(&format!("error[{id}]")))
        .collect();
    assert!(
        missing.is_empty(),
        "no broken spec in tests/broken/ (or translation in tests/broken_translations/, or catalogue in tests/broken_catalogues/) shows {missing:?}: add one per code"
    );
}

#[test]
fn every_broken_spec_fails_with_its_snapshot() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("broken/snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for file in corpus() {
            let diags = load_file(&file).expect_err("a broken spec must not load");
            assert_located(&diags, &file);
            let name = file.file_stem().unwrap().to_str().unwrap().to_owned();
            insta::assert_snapshot!(name, diags.to_string());
        }
    });
}

#[test]
fn duplicate_provider_ids_across_files() {
    let dir = Path::new("tests/broken/duplicate_provider");
    let diags = load_dir(dir).expect_err("two files declare the same provider");
    assert_eq!(diags.len(), 1, "{diags}");
    assert_eq!(diags.0[0].code, Code::DuplicateId);
    assert_located(&diags, &dir.join("acme.yml"));
    assert!(
        diags.0[0].message.contains("acme.yaml"),
        "{}",
        diags.0[0].message
    );
}

#[test]
fn secret_examples_are_never_shown() {
    let file = Path::new("tests/broken/secret_example_redacted.yaml");
    let diags = load_file(file).unwrap_err();
    let text = diags.to_string();
    assert!(!text.contains("ak_0a1b2c3dX"), "{text}");
    assert!(text.contains("not shown: the field is secret"), "{text}");
}

#[test]
fn several_errors_are_reported_at_once_and_sorted() {
    let diags = load_file(Path::new("tests/broken/several_errors.yaml")).unwrap_err();
    assert!(diags.len() >= 3, "{diags}");
    let lines: Vec<u32> = diags.0.iter().map(|d| d.pos.line).collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted);
}

/// No message shows the YAML library's configuration or type names, in any corpus file.
#[test]
fn messages_never_show_the_parser_internals() {
    for file in corpus() {
        let text = load_file(&file).unwrap_err().to_string();
        for internal in [
            "Options", "Policy", "Budget", "budget", "Nodes {", "Depth {", "Error {", "os error",
        ] {
            assert!(
                !text.contains(internal),
                "{}: `{internal}` in\n{text}",
                file.display()
            );
        }
    }
}

#[test]
fn file_content_problems_are_located_with_their_codes() {
    let codes = |name: &str| -> Vec<(Code, u32, u32)> {
        let file = PathBuf::from(format!("tests/broken/{name}.yaml"));
        let diags = load_file(&file).unwrap_err();
        diags
            .0
            .iter()
            .map(|d| (d.code, d.pos.line, d.pos.column))
            .collect()
    };
    // The first bad byte: `    label: Cl` is 13 characters.
    assert_eq!(codes("invalid_utf8"), [(Code::NotUtf8, 9, 14)]);
    // Every duplicate at once, each at its repetition.
    assert_eq!(
        codes("duplicate_yaml_key"),
        [(Code::DuplicateKey, 4, 1), (Code::DuplicateKey, 16, 9)]
    );
    let dup = load_file(Path::new("tests/broken/duplicate_yaml_key.yaml")).unwrap_err();
    assert!(
        dup.0[0].message.contains("`name`") && dup.0[0].message.contains("line 3, column 1"),
        "{dup}"
    );
    // The byte order mark takes no column: `nmae` is at 4:1 as an editor shows it.
    assert_eq!(codes("bom_then_error"), [(Code::UnknownKey, 4, 1)]);
    assert_eq!(codes("too_deep")[0].0, Code::TooLarge);
    assert_eq!(codes("alias_bomb")[0].0, Code::TooLarge);
}
