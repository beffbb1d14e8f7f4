//! Specs loaded at run time, served through the same tables as compiled validators.
//!
//! The compiled catalogue (`connectspec-providers`) is the typed API for Rust services;
//! this crate is for the loop of writing a spec: `connectspec serve --specs DIR --watch`
//! shows a spec in its form the moment it is saved, without a rebuild. A spec is loaded
//! and checked by `connectspec-lang` exactly as `cargo xtask check` does, then its
//! [`MethodMeta`] tables are built as values ([`tables`]) instead of as generated
//! statics, and validated by the runtime's generic checker
//! ([`connectspec_runtime::Validator::Tables`]). The parity test holds the two paths
//! to the same answers on every test vector and on random input.
//!
//! [`Loader`] keeps the last good version of each spec: a reload rebuilds only specs
//! whose model changed, and a spec that no longer loads keeps serving its last good
//! version while its diagnostics are reported.
//!
//! The translations beside the specs (`DIR/i18n/<locale>/<id>.yaml`) are read and
//! checked on every load as `cargo xtask check` checks them: each provider carries the
//! message texts of its faithful translations (`ProviderMeta::lang`), and the browser
//! package of the snapshot their modules; an unfaithful file is left out and its
//! diagnostics reported with the spec's.

mod exchange;
mod leak;
pub mod tables;
mod templates;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use connectspec_codegen::JsFile;
use connectspec_lang::translate::Translations;
use connectspec_lang::{Catalogue, Diagnostic, LoadedSpec, ProviderSpec};
use connectspec_runtime::{Locale, MethodMeta, ProviderMeta, TextTable};

/// What a load produced: the providers to serve and what the form needs besides them.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Providers sorted by id.
    pub providers: Vec<&'static ProviderMeta>,
    /// Each method's guide as the form embeds it, by `"provider/method"`.
    pub guides: BTreeMap<String, serde_json::Value>,
    /// The browser validators package of these specs (`packages/validators/` as
    /// `cargo xtask gen-js` would write it).
    pub assets: Vec<JsFile>,
    /// The diagnostics of specs that do not load, by provider id (the file stem), each
    /// rendered as `cargo xtask check` prints it. A provider listed here and in
    /// `providers` is served in its last good version.
    pub problems: BTreeMap<String, Vec<String>>,
}

impl Snapshot {
    /// The provider with this id.
    pub fn provider(&self, id: &str) -> Option<&'static ProviderMeta> {
        ProviderMeta::find(&self.providers, id)
    }

    /// The auth method `method` of provider `provider`.
    pub fn method(&self, provider: &str, method: &str) -> Option<&'static MethodMeta> {
        self.provider(provider)?.method(method)
    }
}

/// Why a specs directory could not be loaded at all.
#[derive(Debug)]
pub struct LoadError {
    /// Every diagnostic, rendered as `cargo xtask check` prints it.
    pub rendered: Vec<String>,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, d) in self.rendered.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            f.write_str(d)?;
        }
        write!(f, "\n{} problem(s)", self.rendered.len())
    }
}

impl std::error::Error for LoadError {}

struct Entry {
    spec: ProviderSpec,
    meta: &'static ProviderMeta,
    /// The message texts `meta` carries, per locale: a reload builds a new
    /// `ProviderMeta` (over the same methods) only when they change.
    texts: MessageTexts,
}

/// A provider's translated message texts per locale, `(key, text)` sorted by key.
type MessageTexts = Vec<(Locale, Vec<(String, String)>)>;

/// Loads a specs directory, again and again, keeping the last good version of each spec.
pub struct Loader {
    dir: PathBuf,
    /// The last good version of each spec, by file.
    good: BTreeMap<PathBuf, Entry>,
}

/// What changed in a reload.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Provider ids whose tables were (re)built.
    pub rebuilt: Vec<String>,
    /// Provider ids whose file is gone.
    pub removed: Vec<String>,
}

impl std::fmt::Debug for Loader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loader")
            .field("dir", &self.dir)
            .field("specs", &self.good.len())
            .finish()
    }
}

impl Loader {
    /// A loader of `dir`; nothing is read until [`Loader::load`].
    pub fn new(dir: impl Into<PathBuf>) -> Loader {
        Loader {
            dir: dir.into(),
            good: BTreeMap::new(),
        }
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Loads and checks every spec of the directory. Each spec that loads replaces its
    /// last good version (tables rebuilt only when its model changed); each that does
    /// not keeps its last good version, if it had one, and its diagnostics go to
    /// [`Snapshot::problems`]. A spec whose file is gone is dropped. `Err` only when
    /// the directory cannot be listed.
    pub fn load(&mut self) -> Result<(Snapshot, Changes), LoadError> {
        let files = connectspec_lang::spec_files(&self.dir).map_err(|e| LoadError {
            rendered: vec![format!(
                "{}: cannot be listed: {e}; check that the specs directory exists and is readable",
                self.dir.display()
            )],
        })?;
        let mut changes = Changes::default();
        let mut problems: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let removed: Vec<PathBuf> = self
            .good
            .keys()
            .filter(|p| !files.contains(p))
            .cloned()
            .collect();
        for path in removed {
            if let Some(e) = self.good.remove(&path) {
                changes.removed.push(e.spec.id);
            }
        }
        for path in &files {
            let id = file_id(path);
            match connectspec_lang::load_file(path) {
                Ok(LoadedSpec { spec, .. }) => {
                    if self.good.get(path).is_some_and(|e| e.spec == spec) {
                        continue;
                    }
                    match tables::provider(&spec) {
                        Ok(meta) => {
                            changes.rebuilt.push(spec.id.clone());
                            let texts = Vec::new();
                            self.good.insert(path.clone(), Entry { spec, meta, texts });
                        }
                        Err(e) => {
                            problems.entry(id).or_default().extend(e);
                        }
                    }
                }
                Err(diags) => {
                    let list = problems.entry(id).or_default();
                    list.extend(diags.0.iter().map(Diagnostic::render));
                }
            }
        }
        Ok((self.snapshot(problems), changes))
    }

    /// Like [`Loader::load`] on a fresh loader, but every problem is an error: what a
    /// service started with `--specs DIR` and no `--watch` wants.
    pub fn load_strict(dir: impl Into<PathBuf>) -> Result<Snapshot, LoadError> {
        let mut loader = Loader::new(dir);
        let (snapshot, _) = loader.load()?;
        if snapshot.problems.is_empty() {
            Ok(snapshot)
        } else {
            Err(LoadError {
                rendered: snapshot.problems.into_values().flatten().collect(),
            })
        }
    }

    /// Reads and checks the translations of the good specs, and gives each provider the
    /// message texts of its faithful ones. A translation file with a problem is left
    /// out, its diagnostics reported with its spec's.
    fn translations(
        &mut self,
        catalogue: &Catalogue,
        problems: &mut BTreeMap<String, Vec<String>>,
    ) -> Translations {
        let mut loaded = connectspec_lang::translate::load(&self.dir, catalogue);
        for d in &loaded.diagnostics.0 {
            let (locale, id) = translation_of(&d.file);
            problems.entry(id.clone()).or_default().push(d.render());
            if let Some(by_spec) = loaded.translations.by_locale.get_mut(locale.as_str()) {
                by_spec.remove(&id);
            }
        }
        for e in self.good.values_mut() {
            let texts = connectspec_codegen::texts::provider_message_texts(
                &e.spec,
                &loaded.translations,
                true,
            );
            if texts != e.texts {
                e.meta = with_texts(e.meta, &texts);
                e.texts = texts;
            }
        }
        loaded.translations
    }

    fn snapshot(&mut self, problems: BTreeMap<String, Vec<String>>) -> Snapshot {
        let mut problems = problems;
        // The good specs, by id: what the translations are checked against and the
        // browser package is generated from.
        let mut catalogue = Catalogue {
            specs: self
                .good
                .iter()
                .map(|(path, e)| LoadedSpec {
                    path: path.clone(),
                    spec: e.spec.clone(),
                })
                .collect(),
        };
        catalogue.specs.sort_by(|a, b| a.spec.id.cmp(&b.spec.id));
        let translations = self.translations(&catalogue, &mut problems);
        let mut specs: Vec<&Entry> = self.good.values().collect();
        specs.sort_by(|a, b| a.spec.id.cmp(&b.spec.id));
        let mut guides = BTreeMap::new();
        for e in &specs {
            for m in &e.spec.auth_methods {
                match connectspec_guides::guide::method_guide(m, None) {
                    Ok(g) => {
                        let value = serde_json::to_value(g).expect("a guide serializes");
                        guides.insert(format!("{}/{}", e.spec.id, m.id), value);
                    }
                    Err(err) => problems
                        .entry(e.spec.id.clone())
                        .or_default()
                        .push(format!("guide of {} {}: {err}", e.spec.id, m.id)),
                }
            }
        }
        Snapshot {
            providers: specs.iter().map(|e| e.meta).collect(),
            guides,
            assets: connectspec_codegen::js_package_with(&catalogue, &translations),
            problems,
        }
    }
}

/// The same provider with other message texts (its methods are shared, not rebuilt).
fn with_texts(meta: &'static ProviderMeta, texts: &MessageTexts) -> &'static ProviderMeta {
    let tables: Vec<(Locale, TextTable<'static>)> = texts
        .iter()
        .map(|(locale, pairs)| {
            let pairs: Vec<(&'static str, &'static str)> = pairs
                .iter()
                .map(|(k, v)| (leak::str(k), leak::str(v)))
                .collect();
            (*locale, TextTable(leak::slice(pairs)))
        })
        .collect();
    leak::value(ProviderMeta {
        id: meta.id,
        name: meta.name,
        homepage: meta.homepage,
        categories: meta.categories,
        methods: meta.methods,
        texts: leak::slice(tables),
    })
}

/// The locale and spec id of a translation file (`i18n/<locale>/<id>.yaml`).
fn translation_of(file: &Path) -> (String, String) {
    let id = file_id(file);
    let locale = file
        .parent()
        .and_then(Path::file_name)
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    (locale, id)
}

/// The provider id a spec file declares by its name (the checker holds `id` to it).
fn file_id(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
