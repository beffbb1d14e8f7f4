//! The spec translations a catalogue serves: every spec's translated texts and guides by
//! locale. The compiled catalogue's are built by `build.rs` from `specs/i18n/` and
//! embedded (like the English guides); a catalogue loaded from `--specs DIR` builds
//! them from `DIR/i18n/` at load ([`super::localised`]).
//!
//! The pseudo-locales have no translations: their spec texts are the English
//! transformed (`connectspec_i18n::Lang::spec_text`), and their guide is the English
//! guide with every text node transformed, code and link targets kept.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, LazyLock};

use connectspec_i18n::{Locale, NoTexts, SpecTexts};
use serde_json::Value;

use super::localised::{GuidesByLocale, Localised, TextsByLocale};

/// Translations embedded at build time (see build.rs).
static EMBEDDED: LazyLock<Arc<Texts>> = LazyLock::new(|| {
    #[derive(serde::Deserialize)]
    struct Embedded {
        texts: TextsByLocale,
        guides: GuidesByLocale,
    }
    let e: Embedded =
        serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/translations.json")))
            .expect("build.rs writes valid JSON");
    Arc::new(Texts::new(e.texts, e.guides))
});

/// The translations of one catalogue.
#[derive(Debug, Default)]
pub struct Texts {
    /// Texts by locale, then provider id.
    texts: HashMap<Locale, HashMap<String, BTreeMap<String, String>>>,
    /// Guides by locale, then `provider/method`.
    guides: HashMap<Locale, BTreeMap<String, Value>>,
}

impl Texts {
    fn new(texts: TextsByLocale, guides: GuidesByLocale) -> Texts {
        let locale = |code: &str| Locale::from_tag(code).filter(|l| !l.is_pseudo());
        Texts {
            texts: texts
                .into_iter()
                .filter_map(|(code, by_spec)| Some((locale(&code)?, by_spec.into_iter().collect())))
                .collect(),
            guides: guides
                .into_iter()
                .filter_map(|(code, g)| Some((locale(&code)?, g)))
                .collect(),
        }
    }

    /// The compiled catalogue's translations.
    pub fn embedded() -> Arc<Texts> {
        EMBEDDED.clone()
    }

    /// The translations [`super::localised::build`] gave.
    pub fn from_localised(l: Localised) -> Texts {
        Texts::new(l.texts, l.guides)
    }

    /// Provider `provider`'s translated texts in `locale` (none: every text English).
    pub fn of(&self, locale: Locale, provider: &str) -> &dyn SpecTexts {
        match self.texts.get(&locale).and_then(|t| t.get(provider)) {
            Some(t) => t,
            None => &NoTexts,
        }
    }

    /// The guide of `provider/method` in `locale`, when the spec translates a text of
    /// that method there.
    pub fn guide(&self, locale: Locale, key: &str) -> Option<&Value> {
        self.guides.get(&locale)?.get(key)
    }

    /// How many texts each locale has, for the start-up log.
    pub fn counts(&self) -> BTreeMap<&'static str, usize> {
        self.texts
            .iter()
            .map(|(l, by)| (l.tag(), by.values().map(BTreeMap::len).sum()))
            .collect()
    }
}

/// The English guide `g` in a pseudo-locale: every text node, title, limit and scope
/// label transformed; code spans and link targets kept.
pub fn pseudo_guide(g: &Value, locale: Locale) -> Value {
    fn walk(v: &mut Value, key: Option<&str>, rtl: bool) {
        match v {
            Value::String(s)
                if matches!(
                    key,
                    Some("text" | "bold" | "title" | "limits" | "scope_labels")
                ) =>
            {
                *s = connectspec_i18n::pseudo::text(s, rtl);
            }
            Value::Array(items) => items.iter_mut().for_each(|x| walk(x, key, rtl)),
            Value::Object(o) => o.iter_mut().for_each(|(k, x)| walk(x, Some(k), rtl)),
            _ => {}
        }
    }
    let mut out = g.clone();
    walk(&mut out, None, locale.is_rtl());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudo_guide_keeps_code_and_targets() {
        let g = serde_json::json!({
            "sections": [{"title": "Open", "steps": [{"title": "Copy", "text": [
                {"text": "Copy "}, {"code": "KEY"}, {"bold": "Save"},
                {"link": {"text": "docs", "href": "https://x.example/a", "external": true}}
            ]}]}],
            "limits": ["Expires after 1 day"]
        });
        let p = pseudo_guide(&g, Locale::Pseudo).to_string();
        for kept in ["\"KEY\"", "https://x.example/a", "\"external\":true"] {
            assert!(p.contains(kept), "{p}");
        }
        for gone in ["Open", "Copy", "Save", "docs", "Expires"] {
            assert!(!p.contains(gone), "{gone} in {p}");
        }
    }

    #[test]
    fn the_seeds_are_embedded() {
        let t = Texts::embedded();
        let de = t.of(Locale::De, "oneflow");
        assert!(de.text("auth_methods/api_token/label").is_some());
        assert!(t.guide(Locale::De, "oneflow/api_token").is_some());
        assert!(
            t.of(Locale::Pseudo, "oneflow")
                .text("auth_methods/api_token/label")
                .is_none()
        );
    }
}
