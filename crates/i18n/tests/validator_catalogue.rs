//! The validator catalogue (`locales/<locale>/validator.ftl`) in every locale: the same
//! messages with the same arguments as English, every plural category the locale needs
//! where a count selects, the same variants where a word selects, and a pseudo-locale
//! with no English word left outside its arguments (what the browser tests look for).

use std::collections::{BTreeMap, BTreeSet};

use connectspec_i18n::{Area, Arg, Locale, message, message_ids, plurals, source};
use fluent_syntax::ast::{
    Entry, Expression, InlineExpression, Pattern, PatternElement, Variant, VariantKey,
};

/// What a message uses: its variables, per selector its variant keys, and per count
/// selector its variants' texts (serialised) by key.
#[derive(Debug, Default, PartialEq, Eq)]
struct Shape {
    variables: BTreeSet<String>,
    selects: BTreeMap<String, Vec<BTreeSet<String>>>,
    texts: BTreeMap<String, Vec<BTreeMap<String, String>>>,
}

fn shape_of(p: &Pattern<&str>, out: &mut Shape) {
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            expression_shape(expression, out);
        }
    }
}

fn expression_shape(e: &Expression<&str>, out: &mut Shape) {
    match e {
        Expression::Select { selector, variants } => {
            if let InlineExpression::VariableReference { id } = selector {
                out.variables.insert(id.name.to_owned());
                out.selects
                    .entry(id.name.to_owned())
                    .or_default()
                    .push(variants.iter().map(key).collect());
                out.texts.entry(id.name.to_owned()).or_default().push(
                    variants
                        .iter()
                        .map(|v| (key(v), format!("{:?}", v.value)))
                        .collect(),
                );
            }
            for v in variants {
                shape_of(&v.value, out);
            }
        }
        Expression::Inline(InlineExpression::VariableReference { id }) => {
            out.variables.insert(id.name.to_owned());
        }
        Expression::Inline(InlineExpression::Placeable { expression }) => {
            expression_shape(expression, out)
        }
        Expression::Inline(_) => {}
    }
}

fn key(v: &Variant<&str>) -> String {
    match &v.key {
        VariantKey::Identifier { name } => (*name).to_owned(),
        VariantKey::NumberLiteral { value } => (*value).to_owned(),
    }
}

/// Every message of the validator catalogue in `locale`, by id.
fn shapes(locale: Locale) -> BTreeMap<String, Shape> {
    let src = source(locale, Area::Validator);
    let resource = fluent_syntax::parser::parse(src.as_ref())
        .unwrap_or_else(|(_, e)| panic!("{locale}: {e:?}"));
    resource
        .body
        .iter()
        .filter_map(|e| match e {
            Entry::Message(m) => {
                let mut s = Shape::default();
                if let Some(v) = &m.value {
                    shape_of(v, &mut s);
                }
                Some((m.id.name.to_owned(), s))
            }
            _ => None,
        })
        .collect()
}

/// Arguments that are counts: their selects are plural selects.
const COUNTS: [&str; 4] = ["n", "min", "max", "bits"];

#[test]
fn every_locale_has_the_english_messages_and_arguments() {
    let english = shapes(Locale::En);
    assert!(english.len() > 40, "{}", english.len());
    for locale in Locale::TRANSLATED {
        let translated = shapes(locale);
        assert_eq!(
            translated.keys().collect::<Vec<_>>(),
            english.keys().collect::<Vec<_>>(),
            "{locale}: the ids differ"
        );
        let categories: BTreeSet<String> = plurals::categories(locale)
            .iter()
            .map(|c| (*c).to_owned())
            .collect();
        // Categories the browser's (newer) CLDR rules select but fluent-bundle's do not
        // (French and Spanish `many`, for a million and its multiples): their text must
        // be the `other` text Rust prints for the same count, or the two would differ.
        let rust_only_other: Vec<&str> = plurals::categories(locale)
            .iter()
            .copied()
            .filter(|c| !plurals::rust_categories(locale).contains(c))
            .collect();
        for (id, en) in &english {
            let t = &translated[id];
            assert_eq!(
                t.variables, en.variables,
                "{locale} {id}: the arguments differ"
            );
            for (var, selects) in &t.selects {
                for keys in selects {
                    if COUNTS.contains(&var.as_str()) {
                        // A count selects a plural category: every one the locale needs
                        // (CLDR 44, what `cargo xtask check` holds, E110), and no other.
                        assert_eq!(keys, &categories, "{locale} {id}: ${var}'s categories");
                        for texts in &t.texts[var] {
                            for c in &rust_only_other {
                                assert_eq!(
                                    texts.get(*c),
                                    texts.get("other"),
                                    "{locale} {id}: ${var}'s `{c}` must read as `other`"
                                );
                            }
                        }
                    } else {
                        // A word selects one of the same values as in English.
                        assert_eq!(
                            Some(keys),
                            en.selects.get(var).and_then(|s| s.first()),
                            "{locale} {id}: ${var}'s variants"
                        );
                    }
                }
            }
            // A word English selects on is selected on in every locale (the variants
            // say different things); a count need not be where the words do not change.
            for var in en.selects.keys() {
                if !COUNTS.contains(&var.as_str()) {
                    assert!(
                        t.selects.contains_key(var),
                        "{locale} {id}: no select on ${var}"
                    );
                }
            }
        }
    }
}

/// Every message formatted with `args`, each variant of each word select reached.
fn every_rendering(locale: Locale, mark: &dyn Fn(&str) -> String) -> Vec<(String, String)> {
    let english = shapes(Locale::En);
    let mut out = Vec::new();
    for id in message_ids(Locale::En, Area::Validator) {
        let shape = &english[&id];
        // One rendering per variant of each of the message's word selects.
        let mut choices: Vec<Option<(String, String)>> = vec![None];
        for (var, keys) in &shape.selects {
            if !COUNTS.contains(&var.as_str()) {
                choices.extend(keys[0].iter().map(|k| Some((var.clone(), k.clone()))));
            }
        }
        for choice in choices {
            for n in [1u64, 2, 40, 1_000_000] {
                let marks: Vec<(String, String)> = shape
                    .variables
                    .iter()
                    .filter(|v| !COUNTS.contains(&v.as_str()))
                    .map(|v| match &choice {
                        Some((var, k)) if var == v => (v.clone(), k.clone()),
                        _ => (v.clone(), mark(v)),
                    })
                    .collect();
                let mut args: Vec<(&str, Arg<'_>)> = marks
                    .iter()
                    .map(|(v, s)| (v.as_str(), Arg::Str(s)))
                    .collect();
                for c in COUNTS {
                    if shape.variables.contains(c) {
                        args.push((c, Arg::Num(n)));
                    }
                }
                out.push((id.clone(), message(locale, &id, &args)));
            }
        }
    }
    out
}

#[test]
fn every_message_formats_without_fluent_errors_in_every_locale() {
    for locale in Locale::ALL {
        for (id, text) in every_rendering(locale, &|v| format!("⟦{v}⟧")) {
            // A missing argument or a bad reference shows as `{$name}` or `{name}`.
            assert!(
                !text.contains("{$") && !text.contains('{'),
                "{locale} {id}: {text}"
            );
            assert!(!text.trim().is_empty(), "{locale} {id}");
        }
    }
}

#[test]
fn the_pseudo_locales_leave_no_english_word_outside_arguments() {
    let word = regex_lite_ascii_word;
    for locale in Locale::PSEUDO {
        for (id, text) in every_rendering(locale, &|v| format!("⟦{v}⟧")) {
            let stripped = strip_marks(&text);
            assert!(
                word(&stripped).is_none(),
                "{locale} {id}: `{}` in {text}",
                word(&stripped).unwrap_or_default()
            );
        }
    }
}

/// The text without the argument marks `⟦…⟧`, code spans and, in `ar-XB`, the runs
/// the transform wrapped in right-to-left overrides (letters such as `S`, `O` and `N`
/// read the same upside down, so a transformed run may still hold them).
fn strip_marks(text: &str) -> String {
    let mut out = String::new();
    let (mut depth, mut code, mut rtl) = (0, false, false);
    for c in text.chars() {
        match c {
            '⟦' => depth += 1,
            '⟧' => depth -= 1,
            '`' => code = !code,
            '\u{202e}' => rtl = true,
            '\u{202c}' => rtl = false,
            _ if depth == 0 && !code && !rtl => out.push(c),
            _ => {}
        }
    }
    out
}

/// The first run of three or more plain ASCII letters, if any.
fn regex_lite_ascii_word(s: &str) -> Option<String> {
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
