//! A catalogue's spec texts and guides in every locale it has translations in, built
//! from the specs' models and `specs/i18n/<locale>/<id>.yaml`.
//!
//! One function for both ways the service gets its providers: the build script embeds
//! its output for the compiled catalogue (this file is `#[path]`-included by
//! `build.rs`, so it uses only the build script's crates: connectspec-lang,
//! connectspec-guides, serde_json), and `serve --specs DIR` builds it at load.
//!
//! Only what is faithful is served: an entry translated from an older English (stale)
//! is left out, so the English shows instead of a sentence that may say something
//! else, and a file with any problem `cargo xtask check` reports is left out whole.
//! The guides are built by `connectspec-guides`, its sentences from `guides.ftl`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use connectspec_i18n::{Lang, Locale};
use connectspec_lang::Catalogue;
use connectspec_lang::texts::{fingerprint, texts};
use connectspec_lang::translate::{self, Loaded, SpecTranslation};

/// Translated texts by locale code, provider id and text key.
pub type TextsByLocale = BTreeMap<String, BTreeMap<String, BTreeMap<String, String>>>;

/// Guides (as the form embeds them) by locale code and `provider/method`, every method
/// in every locale (the engine's sentences are translated even where the spec is not).
pub type GuidesByLocale = BTreeMap<String, BTreeMap<String, serde_json::Value>>;

/// What [`build`] gives.
#[derive(Debug, Default)]
pub struct Localised {
    /// The texts.
    pub texts: TextsByLocale,
    /// The guides.
    pub guides: GuidesByLocale,
    /// The translation files left out, each with why (for the build's warnings and the
    /// service's log).
    pub skipped: Vec<String>,
}

/// Builds the texts and guides of `catalogue` from its translations: for every shipped
/// locale but English, each spec's faithful texts, and each method's guide with its texts
/// as the locale gives them (translated, else English) and the engine's sentences from
/// the locale's catalogue (`connectspec_guides::guide::method_guide_in`).
pub fn build(catalogue: &Catalogue, loaded: &Loaded) -> Localised {
    let mut out = Localised::default();
    let broken: BTreeSet<&Path> = loaded
        .diagnostics
        .0
        .iter()
        .map(|d| d.file.as_path())
        .collect();
    for locale in Locale::TRANSLATED {
        let code = locale.tag();
        for spec in catalogue.iter() {
            let t = loaded.translations.get(code, &spec.id);
            let fresh = match t {
                Some(t) if broken.contains(t.path.as_path()) => {
                    out.skipped.push(format!(
                        "{}: left out, `cargo xtask check` reports problems in it",
                        t.path.display()
                    ));
                    BTreeMap::new()
                }
                Some(t) => fresh_entries(spec, t),
                None => BTreeMap::new(),
            };
            let lang = Lang::new(locale, &fresh);
            for m in &spec.auth_methods {
                match connectspec_guides::guide::method_guide_in(m, None, lang) {
                    Ok(g) => {
                        let value = serde_json::to_value(g).expect("a guide serializes");
                        out.guides
                            .entry(code.to_owned())
                            .or_default()
                            .insert(format!("{}/{}", spec.id, m.id), value);
                    }
                    Err(e) => out.skipped.push(format!(
                        "the guide of {} {} in `{code}` is left out: {e}",
                        spec.id, m.id
                    )),
                }
            }
            if !fresh.is_empty() {
                out.texts
                    .entry(code.to_owned())
                    .or_default()
                    .insert(spec.id.clone(), fresh);
            }
        }
    }
    out
}

/// The texts of `t` translated from the spec's English as it is now, by key.
fn fresh_entries(
    spec: &connectspec_lang::ProviderSpec,
    t: &SpecTranslation,
) -> BTreeMap<String, String> {
    let now: BTreeMap<String, String> = texts(spec)
        .into_iter()
        .map(|x| (x.key, fingerprint(&x.english)))
        .collect();
    t.entries
        .iter()
        .filter(|(k, e)| now.get(*k).is_some_and(|f| *f == e.source))
        .map(|(k, e)| (k.clone(), e.text.clone()))
        .collect()
}

/// The texts and guides of the specs directory `dir` (`serve --specs DIR`): each spec
/// that loads, with its translations under `dir/i18n/`.
pub fn load_dir(dir: &Path) -> Localised {
    let specs = connectspec_lang::spec_files(dir)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|path| connectspec_lang::load_file(&path).ok())
        .collect();
    let catalogue = Catalogue { specs };
    let loaded = translate::load(dir, &catalogue);
    build(&catalogue, &loaded)
}
