//! The error of a failed check, in the caller's language: the message of the validator
//! catalogue for the failure, with the field's texts (label, hint, option labels) in
//! that language. Only ever called once a check failed.

use connectspec_i18n::Lang;

use super::{CrossRule, DerivedRule, Failure, FieldRules, char_len};
use crate::error::{ErrorKind, FieldError};
use crate::message::{ListKind, MessageArgs, code, list, spec_text};

/// The field's label in `lang`.
pub(crate) fn label(rules: &FieldRules<'_>, lang: &Lang<'_>) -> String {
    spec_text(lang, rules.text_key, "label", rules.label).into_owned()
}

fn hint(rules: &FieldRules<'_>, lang: &Lang<'_>) -> Option<String> {
    rules
        .hint
        .map(|h| spec_text(lang, rules.text_key, "hint", h).into_owned())
}

/// An error of field `rules` from message `id`, whose arguments start with its label.
fn error(
    rules: &FieldRules<'_>,
    kind: ErrorKind,
    lang: &Lang<'_>,
    id: &'static str,
    args: MessageArgs,
) -> FieldError {
    FieldError::catalogued(rules.key, kind, lang.locale, id, args)
}

/// The error for a failed check: kind and message from the field's label and hint,
/// never the value itself (only its length).
#[cold]
#[inline(never)]
pub(super) fn describe(
    rules: &FieldRules<'_>,
    failure: Failure,
    v: &str,
    lang: &Lang<'_>,
) -> FieldError {
    let locale = lang.locale;
    let with_label = || MessageArgs::new().str("label", label(rules, lang));
    match failure {
        Failure::Missing => error(
            rules,
            ErrorKind::Missing,
            lang,
            "validator-missing",
            with_label(),
        ),
        Failure::ControlCharacter => error(
            rules,
            ErrorKind::ControlCharacter,
            lang,
            "validator-control-character",
            with_label(),
        ),
        Failure::ForbiddenPrefix(i) => {
            let args = with_label().str("prefix", rules.forbidden_prefixes[i]);
            let (id, args) = match hint(rules, lang) {
                Some(h) => ("validator-forbidden-prefix-hint", args.str("hint", h)),
                None => ("validator-forbidden-prefix", args),
            };
            error(rules, ErrorKind::ForbiddenPrefix, lang, id, args)
        }
        Failure::Prefix => {
            let items: Vec<String> = rules.prefixes.iter().map(|p| code(locale, p)).collect();
            let args = with_label().str("prefixes", list(locale, ListKind::Or, &items));
            error(rules, ErrorKind::Prefix, lang, "validator-prefix", args)
        }
        Failure::Length(n) => {
            let (min, max) = (
                rules.min_length.unwrap_or(0),
                rules.max_length.unwrap_or(u32::MAX),
            );
            let args = with_label();
            let (id, args) = match hint(rules, lang) {
                Some(h) => ("validator-length-hint", args.str("hint", h)),
                None if min == max => ("validator-length-exact", args.num("min", min.into())),
                None if n < min => ("validator-length-min", args.num("min", min.into())),
                None => ("validator-length-max", args.num("max", max.into())),
            };
            let kind = if n < min {
                ErrorKind::TooShort { min, actual: n }
            } else {
                ErrorKind::TooLong { max, actual: n }
            };
            error(rules, kind, lang, id, args.num("n", n.into()))
        }
        Failure::Format(format) => {
            let args = with_label().str("format", format.name());
            error(
                rules,
                ErrorKind::Format { format },
                lang,
                "validator-format",
                args,
            )
        }
        Failure::Pattern => {
            let n = char_len(v);
            let (lo, hi) = rules.pattern_lengths;
            let (id, args) = match hint(rules, lang) {
                Some(h) if n < lo || n > hi => (
                    "validator-pattern-hint-length",
                    with_label().str("hint", h).num("n", n.into()),
                ),
                Some(h) => ("validator-pattern-hint", with_label().str("hint", h)),
                None => ("validator-pattern", with_label()),
            };
            error(rules, ErrorKind::Pattern, lang, id, args)
        }
        Failure::NotAnOption => {
            // The values, which is what the field takes, each with its label.
            let args = with_label().str("options", options(rules, lang, false));
            error(
                rules,
                ErrorKind::NotAnOption,
                lang,
                "validator-not-an-option",
                args,
            )
        }
        Failure::PrivateKey(f) => {
            let k = rules
                .private_key
                .as_ref()
                .expect("only private-key fields fail so");
            let (fault, id, args) = crate::private_key::describe(k, &label(rules, lang), f, locale);
            error(rules, ErrorKind::PrivateKey { fault }, lang, id, args)
        }
    }
}

/// The options of a choice as a list: each value in backticks, with its label in `lang`
/// when that differs from the value (or always, `labelled`).
pub(crate) fn options(rules: &FieldRules<'_>, lang: &Lang<'_>, labelled: bool) -> String {
    let locale = lang.locale;
    let items: Vec<String> = rules
        .options
        .iter()
        .map(|o| {
            if o.value == o.label && !labelled {
                code(locale, o.value)
            } else {
                let suffix = format!("options/{}/label", o.value);
                let label = spec_text(lang, rules.text_key, &suffix, o.label);
                MessageArgs::new()
                    .str("value", o.value)
                    .str("label", label)
                    .format(locale, "validator-option-labelled")
            }
        })
        .collect();
    list(locale, ListKind::Plain, &items)
}

/// A value that is not a string (JSON input).
#[cold]
#[inline(never)]
pub(super) fn not_a_string(rules: &FieldRules<'_>, lang: &Lang<'_>) -> FieldError {
    let args = MessageArgs::new().str("label", label(rules, lang));
    error(
        rules,
        ErrorKind::NotAString,
        lang,
        "validator-not-a-string",
        args,
    )
}

/// A key that names no field of the form (shown printable and short).
#[cold]
#[inline(never)]
pub(super) fn unknown(key: String, shown: &str, lang: &Lang<'_>) -> FieldError {
    let args = MessageArgs::new().str("key", shown);
    FieldError::catalogued(
        key,
        ErrorKind::Unknown,
        lang.locale,
        "validator-unknown-field",
        args,
    )
}

/// A failed cross-field rule: its own message, in `lang`, on the constrained field.
#[cold]
#[inline(never)]
pub(super) fn rule(field: &FieldRules<'_>, rule: &CrossRule<'_>, lang: &Lang<'_>) -> FieldError {
    let message = if rule.text_key.is_empty() {
        rule.message.to_owned()
    } else {
        lang.spec_text(rule.text_key, rule.message).into_owned()
    };
    let args = MessageArgs::new().str("message", message);
    error(field, ErrorKind::Rule, lang, "validator-rule", args)
}

/// A derived value that could not be read from its field.
#[cold]
#[inline(never)]
pub(super) fn derive(field: &FieldRules<'_>, d: &DerivedRule<'_>, lang: &Lang<'_>) -> FieldError {
    let derived = if d.text_key.is_empty() {
        d.label.to_owned()
    } else {
        lang.spec_text(d.text_key, d.label).into_owned()
    };
    let args = MessageArgs::new()
        .str("derived", derived)
        .str("label", label(field, lang));
    error(field, ErrorKind::Derive, lang, "validator-derive", args)
}
