//! The broken-translation corpus: `tests/broken_translations/*.yaml`, each a German
//! translation of `tests/broken_translations/spec/oneflow.yaml` with one mistake
//! class, and its expected diagnostics as an insta snapshot
//! (`tests/broken_translations/snapshots/`). Also: a faithful translation loads clean,
//! a stale one blocks its locale's pages, and the seeds are complete.

use std::path::{Path, PathBuf};

use connectspec_lang::texts::{fingerprint, texts};
use connectspec_lang::translate::{self, LOCALES};
use connectspec_lang::{Code, load_dir, load_file};

fn spec() -> connectspec_lang::ProviderSpec {
    load_file(Path::new("tests/broken_translations/spec/oneflow.yaml"))
        .expect("the corpus spec loads")
        .spec
}

fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("tests/broken_translations")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_broken_translation_fails_with_its_snapshot() {
    let spec = spec();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("broken_translations/snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for file in corpus() {
            let (_, diags) = translate::load_file(&file, &spec);
            assert!(!diags.is_empty(), "{} has no problem", file.display());
            for d in &diags.0 {
                assert!(d.pos.line > 0 && d.pos.column > 0, "{}", d.render());
                let loc = format!("{}:{}:{}", file.display(), d.pos.line, d.pos.column);
                assert!(d.render().contains(&loc), "{}\nlacks {loc}", d.render());
            }
            let name = file.file_stem().unwrap().to_str().unwrap().to_owned();
            insta::assert_snapshot!(name, diags.to_string());
        }
    });
}

/// Every translation code is shown by a corpus snapshot.
#[test]
fn every_translation_code_has_a_corpus_file() {
    let mut shown = String::new();
    for e in std::fs::read_dir("tests/broken_translations/snapshots").unwrap() {
        shown.push_str(&std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    for code in [
        Code::UnknownTextKey,
        Code::PlaceholderChanged,
        Code::LinkChanged,
        Code::UiLabelChanged,
        Code::NumberChanged,
        Code::StaleTranslation,
        Code::UnsupportedMarkup,
    ] {
        assert!(
            shown.contains(&format!("error[{}]", code.id())),
            "no corpus file shows {}",
            code.id()
        );
    }
}

/// A translation of every text, each the English itself with its fingerprint: faithful
/// by construction, complete, and made stale by one edit of the English.
#[test]
fn a_complete_translation_is_clean_and_an_edit_of_the_english_makes_it_stale() {
    let spec = spec();
    let dir = tempfile::tempdir().unwrap();
    let mut yaml = String::from("texts:\n");
    for t in texts(&spec) {
        yaml.push_str(&format!(
            "  {}: {{text: {}, source: \"{}\"}}\n",
            t.key,
            serde_json::to_string(&t.english).unwrap(),
            fingerprint(&t.english)
        ));
    }
    let path = dir.path().join("oneflow.yaml");
    std::fs::write(&path, &yaml).unwrap();
    let (read, diags) = translate::load_file(&path, &spec);
    assert!(diags.is_empty(), "{diags}");
    let mut all = translate::Translations::default();
    all.by_locale
        .entry("de")
        .or_default()
        .insert("oneflow".into(), read.unwrap());
    assert!(all.is_complete("de", &spec));

    let mut edited = spec.clone();
    edited.auth_methods[0].label = "API key".into();
    assert!(!all.is_complete("de", &edited), "stale is not complete");
    let (_, diags) = translate::load_file(&path, &edited);
    assert_eq!(diags.len(), 1, "{diags}");
    assert_eq!(diags.0[0].code, Code::StaleTranslation);
}

/// Keys are unique and their order is the spec's; a spec's texts are all listed.
#[test]
fn keys_are_unique_and_stable() {
    let list = texts(&spec());
    let mut keys: Vec<&str> = list.iter().map(|t| t.key.as_str()).collect();
    assert_eq!(keys[0], "auth_methods/api_token/label");
    assert!(keys.contains(&"auth_methods/api_token/guide/sections/1/steps/2/bullets/2"));
    // Bullets that are facts (a field's format, a limit) are not texts.
    assert!(!keys.contains(&"auth_methods/api_token/guide/sections/1/steps/2/bullets/0"));
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n);
}

/// The workspace's translations are faithful, the spec loader skips `specs/i18n`, and
/// the seeds are complete in German and Japanese.
#[test]
fn the_workspace_translations_are_faithful_and_the_seeds_complete() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs");
    let cat = load_dir(&specs).expect("the workspace's specs load beside specs/i18n");
    let loaded = translate::load(&specs, &cat);
    assert!(loaded.diagnostics.is_empty(), "{}", loaded.diagnostics);
    for id in ["oneflow", "webflow"] {
        let spec = cat.provider(id).unwrap();
        for locale in ["de", "ja"] {
            assert!(
                loaded.translations.is_complete(locale, spec),
                "{id} in {locale}"
            );
        }
    }
    assert_eq!(
        LOCALES.map(|l| l.code),
        ["de", "fr", "es", "ja"],
        "the locales of issue 32"
    );
}

/// A directory under `specs/i18n` that is no locale, and a file of no spec, are reported.
#[test]
fn unknown_locales_and_specs_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let specs = dir.path();
    std::fs::copy(
        "tests/broken_translations/spec/oneflow.yaml",
        specs.join("oneflow.yaml"),
    )
    .unwrap();
    std::fs::create_dir_all(specs.join("i18n/xx")).unwrap();
    std::fs::create_dir_all(specs.join("i18n/de")).unwrap();
    std::fs::write(specs.join("i18n/de/acme.yaml"), "texts: {}\n").unwrap();
    let cat = load_dir(specs).unwrap();
    let loaded = translate::load(specs, &cat);
    let text = loaded.diagnostics.to_string();
    assert_eq!(loaded.diagnostics.len(), 2, "{text}");
    assert!(text.contains("`xx` is not a locale directory"), "{text}");
    assert!(text.contains("there is no spec `acme`"), "{text}");
}
