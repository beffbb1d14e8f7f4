//! The spec texts the validators' messages name, and their translations.
//!
//! A message names a field by its label, states its hint, lists a choice's option
//! labels, and shows a rule's message or a derived value's label: those texts, and no
//! other (descriptions, guides and outcomes are the service's and the pages'), go into
//! the compiled validators and the browser module per locale. The tables name each
//! field's texts by the key prefix of [`connectspec_lang::texts`] (`text_key`), so a
//! message in another language looks them up there.

use connectspec_lang::translate::{SpecTranslation, Translations};
use connectspec_lang::{AuthMethod, Field, ProviderSpec};
use connectspec_runtime::Locale;

/// Where a method's texts are among the spec's text keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBase {
    /// The method's own prefix: `auth_methods/api_token` (rules, derived values).
    pub method: String,
    /// The prefix of its fields: `auth_methods/api_token/fields`, or
    /// `auth_methods/oauth/setup_fields` for an OAuth method's setup form.
    pub fields: String,
}

impl TextBase {
    /// The texts of a method's form.
    pub fn of(m: &AuthMethod) -> TextBase {
        let method = format!("auth_methods/{}", m.id);
        TextBase {
            fields: format!("{method}/fields"),
            method,
        }
    }

    /// The texts of an OAuth method's setup form (`setup_fields`).
    pub fn setup_of(m: &AuthMethod) -> TextBase {
        let method = format!("auth_methods/{}", m.id);
        TextBase {
            fields: format!("{method}/setup_fields"),
            method,
        }
    }

    /// The prefix of one field's texts: `auth_methods/api_token/fields/api_token`.
    pub fn field(&self, key: &str) -> String {
        format!("{}/{key}", self.fields)
    }

    /// The key of rule `i`'s message.
    pub fn rule(&self, i: usize) -> String {
        format!("{}/rules/{i}/message", self.method)
    }

    /// The key of a derived value's label.
    pub fn derived(&self, key: &str) -> String {
        format!("{}/derived/{key}/label", self.method)
    }
}

/// Every text of `spec` a message may name, `(key, English)`, sorted by key; the setup
/// forms' too with `setup` (the browser module has no setup forms).
pub fn message_texts(spec: &ProviderSpec, setup: bool) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let field = |base: &TextBase, f: &Field, out: &mut Vec<(String, String)>| {
        let at = base.field(&f.key);
        out.push((format!("{at}/label"), f.label.clone()));
        if let Some(h) = &f.hint {
            out.push((format!("{at}/hint"), h.clone()));
        }
        for o in &f.options {
            out.push((format!("{at}/options/{}/label", o.value), o.label.clone()));
        }
    };
    for m in &spec.auth_methods {
        let base = TextBase::of(m);
        for f in &m.fields {
            field(&base, f, &mut out);
        }
        if setup {
            let base = TextBase::setup_of(m);
            for f in &m.setup_fields {
                field(&base, f, &mut out);
            }
        }
        for d in &m.derived {
            out.push((base.derived(&d.key), d.label.clone()));
        }
        for (i, r) in m.rules.iter().enumerate() {
            out.push((base.rule(i), r.message.clone()));
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// The message texts `t` translates from their English as it is now, `(key, text)`
/// sorted by key (a stale entry is left out: the English is shown until it is redone).
pub fn translated_message_texts(
    spec: &ProviderSpec,
    t: &SpecTranslation,
    setup: bool,
) -> Vec<(String, String)> {
    message_texts(spec, setup)
        .into_iter()
        .filter_map(|(key, english)| {
            let e = t.entries.get(&key)?;
            (e.source == connectspec_lang::texts::fingerprint(&english))
                .then(|| (key, e.text.clone()))
        })
        .collect()
}

/// The translated message texts of `spec` per locale, in [`Locale`] order, leaving out
/// the locales without any.
pub fn provider_message_texts(
    spec: &ProviderSpec,
    translations: &Translations,
    setup: bool,
) -> Vec<(Locale, Vec<(String, String)>)> {
    let mut out: Vec<(Locale, Vec<(String, String)>)> = translations
        .by_locale
        .iter()
        .filter_map(|(code, by_spec)| {
            let locale = Locale::from_tag(code)?;
            let texts = translated_message_texts(spec, by_spec.get(&spec.id)?, setup);
            (!texts.is_empty()).then_some((locale, texts))
        })
        .collect();
    out.sort_by_key(|(l, _)| *l);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys the tables name are keys of the spec's texts, with the same English.
    #[test]
    fn message_texts_are_spec_texts() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs");
        let cat = connectspec_lang::load_dir(&dir).unwrap();
        let mut n = 0;
        for spec in cat.iter() {
            let all = connectspec_lang::texts::texts(spec);
            for (key, english) in message_texts(spec, true) {
                let t = all.iter().find(|t| t.key == key);
                assert_eq!(t.map(|t| &t.english), Some(&english), "{} {key}", spec.id);
                n += 1;
            }
        }
        assert!(n > 300, "{n}");
    }
}
