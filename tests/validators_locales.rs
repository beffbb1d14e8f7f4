//! Validator messages in a locale through the Rust API: `MethodMeta::validate_in`, the
//! registry's `validate_in`/`validate_json_in`, the typed constructors' `_in` variants,
//! with the provider's translated texts (`connectspec_providers::lang`), English as the
//! default and the fallback, and the pseudo-locales with no English word of the engine
//! left. Compiled only when the providers crate is built from the workspace catalogue
//! (whose Oneflow spec has German and Japanese translations).
#![cfg(workspace_catalogue)]

mod validators_common;

use std::collections::BTreeMap;

use connectspec_providers::{Locale, ValidateError, lang, method, oneflow};
use connectspec_runtime::{ErrorKind, Lang, MessageArg, NoTexts, ValidationErrors};
use serde_json::json;
use validators_common::{catalogue, methods, valid_map};

/// A short token and an email without a top-level domain: two errors.
fn bad_oneflow() -> BTreeMap<String, String> {
    BTreeMap::from([
        ("api_token".to_owned(), "a".repeat(39)),
        ("user_email".to_owned(), "ada@example".to_owned()),
    ])
}

fn messages(e: &ValidationErrors) -> Vec<&str> {
    e.errors().iter().map(|e| e.message.as_str()).collect()
}

#[test]
fn a_german_message_names_the_field_with_its_german_texts() {
    let de = lang("oneflow", Locale::De);
    let meta = method("oneflow", "api_token").unwrap();
    let err = meta.validate_in(&bad_oneflow(), &de).unwrap_err();
    assert_eq!(
        messages(&err),
        [
            "API-Token muss folgendes Format haben: 40 Zeichen: Buchstaben, Ziffern und Bindestriche (aktuelle Länge: 39)",
            "Benutzer-E-Mail muss eine E-Mail-Adresse sein",
        ]
    );
    let first = &err.errors()[0];
    assert_eq!(first.message_id, Some("validator-length-hint"));
    assert_eq!(
        first.kind,
        ErrorKind::TooShort {
            min: 40,
            actual: 39
        }
    );
    assert_eq!(
        first.args.get("label"),
        Some(&MessageArg::Str("API-Token".into()))
    );
    assert_eq!(first.args.get("n"), Some(&MessageArg::Num(39)));
    // Serialised with its id and arguments, as the service answers.
    assert_eq!(
        serde_json::to_value(first).unwrap(),
        json!({
            "field": "api_token",
            "kind": "too_short",
            "min": 40,
            "actual": 39,
            "message": first.message,
            "message_id": "validator-length-hint",
            "args": {
                "label": "API-Token",
                "hint": "40 Zeichen: Buchstaben, Ziffern und Bindestriche",
                "n": 39
            }
        })
    );
    // Every entry point says the same.
    let by_id = connectspec_providers::validate_in("oneflow", "api_token", &bad_oneflow(), &de);
    match by_id {
        Err(ValidateError::Invalid(e)) => assert_eq!(e, err),
        other => panic!("{other:?}"),
    }
    let typed = oneflow::ApiToken::from_source_in(&bad_oneflow(), &de).unwrap_err();
    assert_eq!(typed, err);
    let json = serde_json::to_value(bad_oneflow()).unwrap();
    assert_eq!(
        oneflow::ApiToken::from_json_in(&json, &de).unwrap_err(),
        err
    );
    assert_eq!(meta.validate_json_in(&json, &de).unwrap_err(), err);
}

#[test]
fn english_stays_the_default_and_japanese_reads_as_japanese() {
    let meta = method("oneflow", "api_token").unwrap();
    let en = meta.validate(&bad_oneflow()).unwrap_err();
    assert_eq!(
        messages(&en),
        [
            "API Token must be 40 characters: letters, digits and hyphens (it has 39)",
            "User Email must be an email address",
        ]
    );
    assert_eq!(
        meta.validate_in(&bad_oneflow(), &Lang::ENGLISH)
            .unwrap_err(),
        en
    );
    let ja = meta
        .validate_in(&bad_oneflow(), &lang("oneflow", Locale::Ja))
        .unwrap_err();
    assert_eq!(
        messages(&ja),
        [
            "API トークンは40 文字：英字、数字、ハイフンで入力してください（現在 39 文字）",
            "ユーザーのメールアドレスはメールアドレスで入力してください",
        ]
    );
}

#[test]
fn without_a_translation_the_locale_speaks_with_the_english_texts() {
    // French without Oneflow's texts: French messages, English labels and hints.
    let fr = Lang::new(Locale::Fr, &NoTexts);
    let err = method("oneflow", "api_token")
        .unwrap()
        .validate_in(&bad_oneflow(), &fr)
        .unwrap_err();
    assert_eq!(
        messages(&err)[0],
        "API Token doit respecter ce format\u{a0}: 40 characters: letters, digits and hyphens (longueur actuelle\u{a0}: 39)"
    );
    // A text the table lacks stays English.
    let some = connectspec_runtime::TextTable(&[(
        "auth_methods/api_token/fields/api_token/label",
        "Jeton",
    )]);
    let partial = method("oneflow", "api_token")
        .unwrap()
        .validate_in(&bad_oneflow(), &Lang::new(Locale::Fr, &some))
        .unwrap_err();
    assert!(
        messages(&partial)[0].starts_with("Jeton doit respecter ce format\u{a0}: 40 characters:"),
        "{}",
        messages(&partial)[0]
    );
    assert!(connectspec_providers::texts("oneflow", Locale::Fr).is_some());
    // An unknown provider's language is the locale's messages alone.
    let unknown = lang("nosuch", Locale::De);
    assert_eq!(unknown.locale, Locale::De);
    assert_eq!(unknown.spec_text("x/label", "X"), "X");
    // Whole-form errors and lookups in the locale too.
    let not_an_object = connectspec_providers::validate_json_in(
        "oneflow",
        "api_token",
        &json!([1]),
        &lang("oneflow", Locale::Es),
    )
    .unwrap_err();
    assert_eq!(
        not_an_object.to_string(),
        "las credenciales deben ser un objeto JSON de claves de campo y valores de cadena"
    );
    assert_eq!(
        ValidateError::UnknownProvider.message_in(Locale::De),
        "unbekannter Anbieter"
    );
    assert_eq!(
        ValidateError::UnknownMethod.to_string(),
        "unknown auth method for this provider"
    );
}

#[test]
fn a_choice_lists_its_options_with_their_labels_in_the_locale() {
    // Intercom's region is a closed choice; its option labels are spec texts.
    let p = connectspec_providers::provider("intercom").unwrap();
    let m = p.method("access_token").unwrap();
    let fields = BTreeMap::from([
        ("access_token".to_owned(), "x".repeat(60)),
        ("region".to_owned(), "mars".to_owned()),
    ]);
    let de = Lang::new(Locale::De, &NoTexts);
    let err = m.validate_in(&fields, &de).unwrap_err();
    let e = err.for_field("region").unwrap();
    assert_eq!(e.message_id, Some("validator-not-an-option"));
    assert!(
        e.message.ends_with(
            "muss einer dieser Werte sein: `us` (United States), `eu` (Europe), `au` (Australia)"
        ),
        "{}",
        e.message
    );
    // The same options in the pseudo-locale: the labels transformed, the values not.
    let pseudo = Lang::new(Locale::Pseudo, &NoTexts);
    let e = m.validate_in(&fields, &pseudo).unwrap_err();
    let message = &e.for_field("region").unwrap().message;
    assert!(message.contains("`us` (ŬŬƞīīŧḗḗḓ Şŧȧȧŧḗḗş)"), "{message}");
}

/// Every method's invalid examples, a missing field and an unknown key, in both
/// pseudo-locales: outside code spans, no run of three ASCII letters is left (every
/// word came from a catalogue or a spec text, both transformed).
#[test]
fn the_pseudo_locales_leave_no_english_word_in_any_message() {
    let cat = catalogue();
    let mut checked = 0;
    for (p, m) in methods(&cat) {
        let Some(base) = valid_map(p, m, None) else {
            continue;
        };
        let mut inputs: Vec<BTreeMap<String, String>> = Vec::new();
        for f in &m.fields {
            for bad in f.examples.iter().flat_map(|e| &e.invalid) {
                let mut map = base.clone();
                map.insert(f.key.clone(), bad.value.clone());
                inputs.push(map);
            }
            let mut missing = base.clone();
            missing.remove(&f.key);
            inputs.push(missing);
        }
        let mut extra = base.clone();
        extra.insert("not_a_field".into(), "x".into());
        inputs.push(extra);
        let meta = method(&p.id, &m.id).unwrap();
        for locale in Locale::PSEUDO {
            let lang = meta_lang(&p.id, locale);
            for input in &inputs {
                let Err(errors) = meta.validate_in(input, &lang) else {
                    continue;
                };
                for e in errors.errors() {
                    let prose = outside_code(&e.message);
                    assert!(
                        ascii_word(&prose).is_none(),
                        "{} {}/{} {}: `{}` in {:?}",
                        locale,
                        p.id,
                        m.id,
                        e.field,
                        ascii_word(&prose).unwrap_or_default(),
                        e.message
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 500, "{checked} messages");
}

fn meta_lang(provider: &str, locale: Locale) -> Lang<'static> {
    lang(provider, locale)
}

/// The message without its code spans and, in `ar-XB`, the runs the transform wrapped
/// in right-to-left overrides (letters such as `S` and `O` read the same upside down).
fn outside_code(message: &str) -> String {
    let (mut out, mut code, mut rtl) = (String::new(), false, false);
    for c in message.chars() {
        match c {
            '`' => code = !code,
            '\u{202e}' => rtl = true,
            '\u{202c}' => rtl = false,
            _ if !code && !rtl => out.push(c),
            _ => {}
        }
    }
    out
}

fn ascii_word(s: &str) -> Option<String> {
    let mut run = String::new();
    for c in s.chars().chain([' ']) {
        if c.is_ascii_alphabetic() {
            run.push(c);
        } else if run.len() >= 3 {
            return Some(run);
        } else {
            run.clear();
        }
    }
    None
}
