//! Translations of spec texts: `specs/i18n/<locale>/<spec id>.yaml`, one file per spec
//! and locale, keyed by the stable keys of [`crate::texts`].
//!
//! English in the spec stays the source. Each entry records the fingerprint of the
//! English it was made from, so editing the English marks its translations stale; the
//! checks of [`faithful`] hold every translation to the facts of its English. A spec is
//! rendered in a locale only when it is [complete](Translations::is_complete) there.

mod coverage;
mod faithful;
mod file;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic, Diagnostics, Reporter, shown};
use crate::load::Catalogue;
use crate::model::ProviderSpec;
use crate::texts::{texts, visit_texts_mut};
use crate::yaml::Pos;

pub use coverage::Coverage;
pub use file::Entry;

/// The directory of translations inside a specs directory. The spec loader reads only
/// `*.yaml`/`*.yml` entries of the specs directory itself, so it never sees this one.
pub const I18N_DIR: &str = "i18n";

/// A locale of connectspec: its BCP 47 code and its own name (for language menus).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locale {
    /// `de`, `fr`, `es`, `ja`.
    pub code: &'static str,
    /// The language's name in itself ("Deutsch").
    pub name: &'static str,
}

/// The locales translations may be written in, besides the English source: the one
/// list the checks, the coverage lines and the pages follow, derived from
/// [`connectspec_i18n::Locale::TRANSLATED`]. Adding a locale is adding it there (with its
/// catalogues under `locales/` and its directory under `specs/i18n/`).
pub const LOCALES: [Locale; 4] = {
    let t = connectspec_i18n::Locale::TRANSLATED;
    [
        Locale::of(t[0]),
        Locale::of(t[1]),
        Locale::of(t[2]),
        Locale::of(t[3]),
    ]
};

impl Locale {
    const fn of(l: connectspec_i18n::Locale) -> Locale {
        Locale {
            code: l.tag(),
            name: l.name(),
        }
    }
}

/// The locale with this code.
pub fn locale(code: &str) -> Option<Locale> {
    LOCALES.into_iter().find(|l| l.code == code)
}

/// The translation of one spec into one locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecTranslation {
    /// The file it was read from.
    pub path: PathBuf,
    /// Its entries by text key.
    pub entries: BTreeMap<String, Entry>,
}

/// Every translation of a specs directory.
#[derive(Debug, Clone, Default)]
pub struct Translations {
    /// By locale code, then by spec id.
    pub by_locale: BTreeMap<&'static str, BTreeMap<String, SpecTranslation>>,
}

impl Translations {
    /// The translation of `spec_id` into `locale`, if there is a file.
    pub fn get(&self, locale: &str, spec_id: &str) -> Option<&SpecTranslation> {
        self.by_locale.get(locale)?.get(spec_id)
    }

    /// Whether every text of `spec` is translated into `locale` from its English as it
    /// is now: only then are its pages rendered in that locale.
    pub fn is_complete(&self, locale: &str, spec: &ProviderSpec) -> bool {
        let Some(t) = self.get(locale, &spec.id) else {
            return false;
        };
        texts(spec).iter().all(|text| {
            t.entries
                .get(&text.key)
                .is_some_and(|e| e.source == crate::texts::fingerprint(&text.english))
        })
    }

    /// The locales `spec` is complete in, in [`LOCALES`] order.
    pub fn complete_locales(&self, spec: &ProviderSpec) -> Vec<Locale> {
        LOCALES
            .into_iter()
            .filter(|l| self.is_complete(l.code, spec))
            .collect()
    }
}

/// `spec` with every text it has a translation of replaced by it. Slugs derived from
/// the English label are fixed first, so a translated page keeps the English page's
/// file name.
pub fn localize(spec: &ProviderSpec, t: &SpecTranslation) -> ProviderSpec {
    let mut out = spec.clone();
    for m in &mut out.auth_methods {
        m.slug = Some(m.slug());
    }
    visit_texts_mut(&mut out, &mut |key, _, text| {
        if let Some(e) = t.entries.get(key) {
            text.clone_from(&e.text);
        }
    });
    out
}

/// What [`load`] found: the translations, and every problem of every file.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The translations read (entries with a structural problem left out).
    pub translations: Translations,
    /// Every problem, sorted; empty when all are faithful.
    pub diagnostics: Diagnostics,
}

/// Reads and checks every translation under `<specs>/i18n/` against `catalogue` (the
/// specs of the same directory). A missing `i18n` directory is no translation at all.
pub fn load(specs: &Path, catalogue: &Catalogue) -> Loaded {
    let mut loaded = Loaded::default();
    let root = specs.join(I18N_DIR);
    let mut out: Vec<Diagnostic> = Vec::new();
    let Ok(dirs) = sorted_entries(&root) else {
        return loaded;
    };
    let by_id: BTreeMap<&str, &ProviderSpec> =
        catalogue.iter().map(|s| (s.id.as_str(), s)).collect();
    for dir in dirs {
        let name = file_name(&dir);
        let Some(loc) = locale(&name).filter(|_| dir.is_dir()) else {
            out.push(whole_file(
                &dir,
                format!("`{name}` is not a locale directory of connectspec"),
                format!(
                    "translations live in `i18n/<locale>/` with a locale of {}; add a locale to `connectspec_i18n::Locale` first",
                    LOCALES.map(|l| l.code).join(", ")
                ),
            ));
            continue;
        };
        let files = match sorted_entries(&dir) {
            Ok(f) => f,
            Err(e) => {
                out.push(whole_file(
                    &dir,
                    format!("cannot be listed: {e}"),
                    "check its permissions".into(),
                ));
                continue;
            }
        };
        for path in files {
            let ext = path.extension().and_then(|e| e.to_str());
            if !matches!(ext, Some("yaml" | "yml")) {
                continue;
            }
            let id = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_owned();
            let Some(spec) = by_id.get(id.as_str()) else {
                out.push(whole_file(
                    &path,
                    format!("translates `{id}`, but there is no spec `{id}`"),
                    "name the file after the spec it translates (`<spec id>.yaml`), or remove it with its spec".into(),
                ));
                continue;
            };
            let (read, diags) = load_file(&path, spec);
            out.extend(diags.0);
            if let Some(t) = read {
                loaded
                    .translations
                    .by_locale
                    .entry(loc.code)
                    .or_default()
                    .insert(id, t);
            }
        }
    }
    loaded.diagnostics = Diagnostics(out);
    loaded.diagnostics.sort();
    loaded
}

/// Reads one translation file of `spec` and checks it: the translation (`None` when the
/// file does not parse) and every problem, sorted.
pub fn load_file(path: &Path, spec: &ProviderSpec) -> (Option<SpecTranslation>, Diagnostics) {
    let mut out = Vec::new();
    let read = file::read(path, &mut out).map(|parsed| {
        let mut rep = Reporter {
            file: path,
            source: parsed.source.clone(),
            locs: &parsed.locs,
            out: Vec::new(),
        };
        check_file(spec, &parsed.entries, &mut rep);
        out.extend(rep.out);
        SpecTranslation {
            path: path.to_owned(),
            entries: parsed.entries,
        }
    });
    let mut diags = Diagnostics(out);
    diags.sort();
    (read, diags)
}

/// The keys that name nothing, and the faithfulness of every other entry.
fn check_file(spec: &ProviderSpec, entries: &BTreeMap<String, Entry>, rep: &mut Reporter<'_>) {
    let all = texts(spec);
    let known: BTreeMap<&str, &crate::texts::Text> =
        all.iter().map(|t| (t.key.as_str(), t)).collect();
    for (key, entry) in entries {
        match known.get(key.as_str()) {
            Some(text) => faithful::check(text, entry, rep),
            None => {
                let near = all
                    .iter()
                    .map(|t| (strsim_distance(&t.key, key), &t.key))
                    .min()
                    .filter(|(d, _)| *d <= 3)
                    .map(|(_, k)| format!("; did you mean `{k}`?"))
                    .unwrap_or_default();
                rep.key(
                    &file::entry_ptr(key, ""),
                    Code::UnknownTextKey,
                    format!("`{key}` names no text of spec `{}`", spec.id),
                    shown(key),
                    format!(
                        "keys are the paths `cargo xtask translate {} <locale>` lists{near}",
                        spec.id
                    ),
                );
            }
        }
    }
}

/// Levenshtein distance, for a "did you mean" (keys are short).
fn strsim_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    v.sort();
    Ok(v)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn whole_file(path: &Path, message: String, help: String) -> Diagnostic {
    Diagnostic {
        code: Code::UnknownTextKey,
        file: path.to_owned(),
        pos: Pos::default(),
        message: format!("{} {message}", path.display()),
        label: String::new(),
        help: Some(help),
        source: None,
    }
}
