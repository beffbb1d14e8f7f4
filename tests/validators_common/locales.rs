//! The parity harness in every locale: what the Rust side answers in each, and the
//! pseudo-locales' catalogue and texts for the browser module, which never ships them.
//!
//! A case's line carries, besides the English answer, the messages of every other
//! locale (`loc`: `{tag: [[message, message_id, args], …]}`) when the input is invalid
//! (the verdict, values and error kinds do not depend on the language, and the English
//! answer already holds them). tests/js/parity.mjs validates the input again in each
//! locale and compares.

use connectspec_i18n::{Area, Locale, pseudo};
use connectspec_lang::ProviderSpec;
use connectspec_runtime::{Lang, ValidationErrors};
use serde_json::{Map, Value, json};

/// The locales besides English, shipped then pseudo.
pub const OTHER_LOCALES: [Locale; 6] = [
    Locale::De,
    Locale::Fr,
    Locale::Es,
    Locale::Ja,
    Locale::Pseudo,
    Locale::PseudoRtl,
];

/// `loc` of a case: each other locale's messages, from `errors_in(lang of the locale)`.
pub fn localized<'p>(
    lang_of: impl Fn(Locale) -> Lang<'p>,
    errors_in: impl Fn(&Lang<'p>) -> ValidationErrors,
) -> Value {
    let mut loc = Map::new();
    for locale in OTHER_LOCALES {
        let errors = errors_in(&lang_of(locale));
        let list: Vec<Value> = errors
            .errors()
            .iter()
            .map(|e| json!([e.message, e.message_id, e.args]))
            .collect();
        loc.insert(locale.tag().to_owned(), Value::Array(list));
    }
    Value::Object(loc)
}

/// What the harness needs to build the pseudo-locales: per tag, the catalogue generated
/// from English by `connectspec_i18n::pseudo` (the transform the Rust side applies) and
/// each provider's message texts transformed the same way.
pub fn pseudo_material(specs: &[&ProviderSpec]) -> Value {
    let mut out = Map::new();
    for locale in Locale::PSEUDO {
        let rtl = locale.is_rtl();
        let ftl = connectspec_i18n::source(locale, Area::Validator).into_owned();
        let mut texts = Map::new();
        for spec in specs {
            let of_spec: Map<String, Value> =
                connectspec_codegen::texts::message_texts(spec, false)
                    .into_iter()
                    .map(|(k, english)| (k, Value::String(pseudo::text(&english, rtl))))
                    .collect();
            texts.insert(spec.id.clone(), Value::Object(of_spec));
        }
        out.insert(
            locale.tag().to_owned(),
            json!({ "ftl": ftl, "pluralLocale": locale.plural_tag(), "texts": texts }),
        );
    }
    Value::Object(out)
}
