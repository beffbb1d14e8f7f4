//! The providers a service serves: the compiled catalogue, or specs loaded from a
//! directory at start (`serve --specs DIR`) and reloaded while it runs (`--watch`).
//!
//! Everything that looks a provider up goes through [`Catalogue`], held by the
//! [`crate::AppState`] behind a lock that a reload swaps whole: a request sees one
//! version of the catalogue from start to end, and tables of an older version stay
//! valid for as long as something holds them (they are `'static`, see
//! `connectspec-loader`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use axum::body::Bytes;
use connectspec_i18n::Locale;
use connectspec_runtime::{MethodMeta, ProviderMeta};

use crate::i18n::texts::{Texts, pseudo_guide};

/// Guides by `provider/method`, built from the specs at compile time (see build.rs).
static EMBEDDED_GUIDES: LazyLock<Arc<BTreeMap<String, serde_json::Value>>> = LazyLock::new(|| {
    Arc::new(
        serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/guides.json")))
            .expect("build.rs writes valid JSON"),
    )
});

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/validators_assets.rs"));
}

/// Where the providers come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `connectspec-providers`, compiled in.
    Compiled,
    /// A specs directory read at run time.
    Dir(PathBuf),
}

/// One version of the catalogue.
#[derive(Debug)]
pub struct Catalogue {
    source: Source,
    providers: Vec<&'static ProviderMeta>,
    guides: Arc<BTreeMap<String, serde_json::Value>>,
    /// The specs' translated texts and guides.
    texts: Arc<Texts>,
    /// The browser validators package: path → text.
    assets: Assets,
    problems: BTreeMap<String, Vec<String>>,
}

#[derive(Debug)]
enum Assets {
    Embedded,
    Loaded(BTreeMap<String, Bytes>),
}

impl Catalogue {
    /// The compiled catalogue with the guides and browser validators embedded at build time.
    pub fn compiled() -> Catalogue {
        Catalogue {
            source: Source::Compiled,
            providers: connectspec_providers::providers().to_vec(),
            guides: EMBEDDED_GUIDES.clone(),
            texts: Texts::embedded(),
            assets: Assets::Embedded,
            problems: BTreeMap::new(),
        }
    }

    /// The specs of `dir`, every one checked as `cargo xtask check` checks it; any
    /// problem is an error (all of them, rendered).
    pub fn load(dir: &Path) -> Result<Catalogue, connectspec_loader::LoadError> {
        connectspec_loader::Loader::load_strict(dir).map(|s| Catalogue::from_snapshot(dir, s))
    }

    /// A catalogue of a loader's snapshot of `dir`, with the translations under
    /// `dir/i18n/` (a translation with problems is left out, and said so in the log).
    pub fn from_snapshot(dir: &Path, s: connectspec_loader::Snapshot) -> Catalogue {
        let localised = crate::i18n::localised::load_dir(dir);
        for skipped in &localised.skipped {
            tracing::warn!(translation = %skipped, "translation not served");
        }
        Catalogue {
            source: Source::Dir(dir.to_owned()),
            providers: s.providers,
            guides: Arc::new(s.guides),
            texts: Arc::new(Texts::from_localised(localised)),
            assets: Assets::Loaded(
                s.assets
                    .into_iter()
                    .map(|f| (f.path, Bytes::from(f.contents)))
                    .collect(),
            ),
            problems: s.problems,
        }
    }

    /// Where the providers come from.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// Every provider, sorted by id.
    pub fn providers(&self) -> &[&'static ProviderMeta] {
        &self.providers
    }

    /// The provider with this id.
    pub fn provider(&self, id: &str) -> Option<&'static ProviderMeta> {
        ProviderMeta::find(&self.providers, id)
    }

    /// Auth method `method` of provider `provider`.
    pub fn method(&self, provider: &str, method: &str) -> Option<&'static MethodMeta> {
        self.provider(provider)?.method(method)
    }

    /// The guide of a method in `locale`, as structured JSON (see
    /// `connectspec_guides::guide`): its translation where the spec has one there, a
    /// pseudo-locale's made from the English, else the English.
    pub fn guide(
        &self,
        m: &MethodMeta,
        locale: Locale,
    ) -> Option<std::borrow::Cow<'_, serde_json::Value>> {
        let key = format!("{}/{}", m.provider_id, m.id);
        if let Some(g) = self.texts.guide(locale, &key) {
            return Some(std::borrow::Cow::Borrowed(g));
        }
        let english = self.guides.get(&key)?;
        Some(if locale.is_pseudo() {
            std::borrow::Cow::Owned(pseudo_guide(english, locale))
        } else {
            std::borrow::Cow::Borrowed(english)
        })
    }

    /// The specs' translations.
    pub fn texts(&self) -> &Texts {
        &self.texts
    }

    /// The specs' translations, shared (a request holds them for its whole life).
    pub fn texts_arc(&self) -> Arc<Texts> {
        self.texts.clone()
    }

    /// A file of the browser validators package.
    pub fn asset(&self, path: &str) -> Option<Bytes> {
        match &self.assets {
            Assets::Embedded => embedded::VALIDATOR_ASSETS
                .iter()
                .find(|(name, _)| *name == path)
                .map(|(_, body)| Bytes::from_static(body.as_bytes())),
            Assets::Loaded(files) => files.get(path).cloned(),
        }
    }

    /// The problems of a spec that does not load (watch mode: it is served in its last
    /// good version, if it has one), rendered as `cargo xtask check` prints them.
    pub fn problems(&self, provider: &str) -> &[String] {
        self.problems.get(provider).map_or(&[], Vec::as_slice)
    }

    /// Every spec's problems, by provider id.
    pub fn all_problems(&self) -> &BTreeMap<String, Vec<String>> {
        &self.problems
    }
}
