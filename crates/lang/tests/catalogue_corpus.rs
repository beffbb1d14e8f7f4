//! The broken-catalogue corpus: `tests/broken_catalogues/<case>/`, each a `locales/`
//! directory (English and German) with one mistake class, and its expected diagnostics
//! as an insta snapshot (`tests/broken_catalogues/snapshots/`). Also: the workspace's
//! own catalogues are clean.

use std::path::{Path, PathBuf};

use connectspec_i18n::Locale;
use connectspec_lang::{Code, catalogues};

fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("tests/broken_catalogues")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && !p.ends_with("snapshots"))
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_broken_catalogue_fails_with_its_snapshot() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("broken_catalogues/snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for dir in cases() {
            let diags = catalogues::check(&dir, &[Locale::De]);
            assert!(!diags.is_empty(), "{} has no problem", dir.display());
            for d in &diags.0 {
                if d.pos.line > 0 {
                    let loc = format!("{}:{}:{}", d.file.display(), d.pos.line, d.pos.column);
                    assert!(d.render().contains(&loc), "{}\nlacks {loc}", d.render());
                }
            }
            let name = dir.file_name().unwrap().to_str().unwrap().to_owned();
            let shown: Vec<String> = diags.0.iter().map(|d| d.render()).collect();
            insta::assert_snapshot!(name, shown.join("\n"));
        }
    });
}

#[test]
fn every_catalogue_code_has_a_corpus_case() {
    let mut shown = String::new();
    for e in std::fs::read_dir("tests/broken_catalogues/snapshots").unwrap() {
        shown.push_str(&std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    for code in [
        Code::CatalogueSyntax,
        Code::MissingMessage,
        Code::UnknownMessage,
        Code::ArgumentsChanged,
        Code::MissingPlural,
    ] {
        assert!(
            shown.contains(&format!("error[{}]", code.id())),
            "no corpus case shows {}",
            code.id()
        );
    }
}

/// A Japanese select needs only `other`; a French one needs `many` too (CLDR).
#[test]
fn plural_categories_follow_the_locale() {
    let dir = tempfile::tempdir().unwrap();
    let en = "n = { $n ->\n    [one] one\n   *[other] { $n } many\n}\n";
    for (locale, text) in [
        ("en", en),
        ("ja", "n = { $n ->\n   *[other] { $n } 件\n}\n"),
        (
            "fr",
            "n = { $n ->\n    [one] un\n   *[other] { $n } plusieurs\n}\n",
        ),
    ] {
        std::fs::create_dir_all(dir.path().join(locale)).unwrap();
        std::fs::write(dir.path().join(locale).join("validator.ftl"), text).unwrap();
    }
    let diags = catalogues::check(dir.path(), &[Locale::Ja, Locale::Fr]);
    assert_eq!(diags.len(), 1, "{diags}");
    assert_eq!(diags.0[0].code, Code::MissingPlural);
    assert!(diags.0[0].message.contains("`[many]`"), "{diags}");
    assert!(diags.0[0].file.ends_with("fr/validator.ftl"));
}

/// The workspace's catalogues: every locale has every English message, with the same
/// arguments and the plural categories it needs.
#[test]
fn the_workspace_catalogues_are_complete_and_faithful() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales");
    let diags = catalogues::check(&root, &Locale::TRANSLATED);
    assert!(diags.is_empty(), "{diags}");
}

/// A select on a kind of thing whose default is `[other]` is not a plural select.
#[test]
fn a_select_on_a_kind_is_not_held_to_plural_rules() {
    let dir = tempfile::tempdir().unwrap();
    let en = "why = { $kind ->\n    [timeout] it timed out\n   *[other] it failed\n}\n";
    for locale in ["en", "de"] {
        std::fs::create_dir_all(dir.path().join(locale)).unwrap();
        std::fs::write(dir.path().join(locale).join("service.ftl"), en).unwrap();
    }
    let diags = catalogues::check(dir.path(), &[Locale::De]);
    assert!(diags.is_empty(), "{diags}");
}
