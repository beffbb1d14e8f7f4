//! The synthetic catalogue: deterministic, the requested size, and clean under every
//! check of the loader.

use connectspec_synth::{DEFAULT_SEED, generate, write_dir};

#[test]
fn same_seed_gives_identical_bytes_and_other_seeds_differ() {
    let a = generate(40, DEFAULT_SEED);
    let b = generate(40, DEFAULT_SEED);
    assert_eq!(a, b);
    let c = generate(40, 7);
    assert_ne!(a, c);
}

#[test]
fn count_is_respected_and_ids_are_unique() {
    for n in [0, 1, 13, 250] {
        let files = generate(n, DEFAULT_SEED);
        assert_eq!(files.len(), n);
        let mut ids: Vec<&str> = files.iter().map(|f| f.id.as_str()).collect();
        ids.dedup();
        assert_eq!(ids.len(), n, "ids are unique and sorted");
    }
}

#[test]
fn a_smaller_catalogue_is_a_prefix_of_a_larger_one() {
    let small = generate(20, DEFAULT_SEED);
    let large = generate(60, DEFAULT_SEED);
    for f in &small {
        assert!(
            large.contains(f),
            "{} differs in the larger catalogue",
            f.file_name
        );
    }
}

#[test]
fn synthetic_specs_load_without_diagnostics() {
    for seed in [DEFAULT_SEED, 1, 2] {
        let dir = tempfile::tempdir().unwrap();
        let files = generate(150, seed);
        write_dir(dir.path(), &files).unwrap();
        let cat =
            connectspec_lang::load_dir(dir.path()).unwrap_or_else(|d| panic!("seed {seed}:\n{d}"));
        assert_eq!(cat.specs.len(), 150);
    }
}

#[test]
fn every_feature_of_the_spec_language_occurs() {
    let files = generate(150, DEFAULT_SEED);
    let all: String = files.iter().map(|f| f.contents.as_str()).collect();
    for needle in [
        "extract_subdomain:",
        "extract_host",
        "format: email",
        "format: https_url",
        "format: uuid",
        "format: integer",
        "format: hostname",
        "forbidden_prefixes:",
        "prefixes:",
        "options:",
        "optional: true",
        "derived:",
        "rules:",
        "basic:",
        "query:",
        "headers:",
        "connection_test:",
        "requires_scopes:",
        "missing_scopes: true",
        "scopes:",
        "limits:",
        "{limit: shown_once}",
        "{field_format: ",
        "display_scopes: true",
        "warning:",
        "min_length:",
        "max_length:",
        "(?:",
        r"\S+",
        "{64}",
        "(live|test)",
        "kind: api_key_query",
        "kind: custom",
        "body:",
        "graphql:",
        "json:",
        "checks:",
        "equals: true",
        "exists: false",
        "non_empty: true",
        "identity:",
        "sign:",
        "computed:",
        "base64:",
        "constant:",
        "public: true",
        "{?/{environment}}",
        "/bot{bot_token}",
    ] {
        assert!(all.contains(needle), "no synthetic spec uses `{needle}`");
    }
    // Several methods on some providers.
    assert!(
        files
            .iter()
            .any(|f| f.contents.matches("\n  - id: ").count() >= 2)
    );
}

#[test]
fn write_dir_replaces_a_larger_synthetic_set_but_never_a_hand_written_spec() {
    let dir = tempfile::tempdir().unwrap();
    write_dir(dir.path(), &generate(30, DEFAULT_SEED)).unwrap();
    write_dir(dir.path(), &generate(10, DEFAULT_SEED)).unwrap();
    assert_eq!(connectspec_lang::spec_files(dir.path()).unwrap().len(), 10);
    std::fs::write(dir.path().join("mine.yaml"), "id: mine\n").unwrap();
    let err = write_dir(dir.path(), &generate(5, DEFAULT_SEED)).unwrap_err();
    assert!(err.to_string().contains("mine.yaml"), "{err}");
}
