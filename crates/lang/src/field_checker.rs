//! Bridges the spec model to the runtime's checking tables.
//!
//! The checker tests every example through exactly the code path the generated
//! validators use ([`connectspec_runtime::check_field`], and for the pattern the same
//! lowering and matching function, [`connectspec_runtime::Pattern`]), built here from a
//! loaded [`Field`] instead of from generated statics.

use connectspec_runtime::{self as rt, FieldRules, OptionRule, Pattern};

use crate::model::Field;

/// A field's owned checking data: the compiled pattern and borrowed lists.
pub struct FieldChecker<'f> {
    field: &'f Field,
    pattern: Option<Pattern>,
    pattern_lengths: (u32, u32),
    prefixes: Vec<&'f str>,
    forbidden: Vec<&'f str>,
    options: Vec<OptionRule<'f>>,
    normalize: Vec<rt::Normalize<&'f str>>,
    key_members: Vec<&'f str>,
    key_equals: Vec<(&'f str, &'f str)>,
}

impl<'f> FieldChecker<'f> {
    /// Builds the checker. `Err` carries the regex crate's message when the pattern
    /// does not compile (the checker reports that separately). The pattern comes from
    /// the process's shared table ([`crate::patterns`]) when the regex crate compiles it.
    pub fn new(field: &'f Field) -> Result<FieldChecker<'f>, regex::Error> {
        let pattern = match field.pattern.as_deref() {
            Some(p) => Some(match crate::patterns::compile(p) {
                Ok(c) => (c.matcher.clone(), c.char_lengths),
                // A shape the runtime lowers needs no regex: only `Pattern` says whether
                // this one fails.
                Err(_) => (Pattern::new(p)?, rt::pattern_char_lengths(p)),
            }),
            None => None,
        };
        Ok(FieldChecker::with_pattern(field, pattern))
    }

    /// Builds the checker from the field's pattern compiled by the caller (the spec
    /// checker has parsed and compiled it already to report errors; doing that twice is
    /// a large share of loading a catalogue). `pattern` must be `field.pattern` compiled,
    /// with the character counts it admits ([`rt::hir_char_lengths`]).
    pub fn with_pattern(
        field: &'f Field,
        pattern: Option<(Pattern, (u32, u32))>,
    ) -> FieldChecker<'f> {
        debug_assert_eq!(
            pattern.is_some(),
            field.pattern.is_some(),
            "the pattern is the field's pattern"
        );
        let (pattern, pattern_lengths) = match pattern {
            Some((p, lengths)) => (Some(p), lengths),
            None => (None, (0, u32::MAX)),
        };
        FieldChecker {
            field,
            pattern,
            pattern_lengths,
            prefixes: field.prefixes.iter().map(String::as_str).collect(),
            forbidden: field
                .forbidden_prefixes
                .iter()
                .map(String::as_str)
                .collect(),
            options: field
                .options
                .iter()
                .map(|o| OptionRule {
                    value: &o.value,
                    label: &o.label,
                    // Parameters feed templates, not checks.
                    params: &[],
                })
                .collect(),
            normalize: field
                .normalize
                .iter()
                .map(rt::Normalize::as_deref)
                .collect(),
            key_members: field
                .private_key
                .iter()
                .flat_map(|k| k.members.iter().map(String::as_str))
                .collect(),
            key_equals: field
                .private_key
                .iter()
                .flat_map(|k| k.equals.iter().map(|(a, b)| (a.as_str(), b.as_str())))
                .collect(),
        }
    }

    /// The runtime rules, borrowed from this checker.
    pub fn rules(&self) -> FieldRules<'_> {
        let f = self.field;
        FieldRules {
            key: &f.key,
            label: &f.label,
            // Examples are judged in English: a message's language does not change
            // whether a value passes.
            text_key: "",
            hint: f.hint.as_deref(),
            secret: f.secret,
            optional: f.optional,
            default: f.default.as_deref(),
            min_length: f.min_length,
            max_length: f.max_length,
            prefixes: &self.prefixes,
            forbidden_prefixes: &self.forbidden,
            format: f.format,
            options: &self.options,
            normalize: &self.normalize,
            pattern: self.pattern.as_ref().map(|r| r as &dyn rt::Matcher),
            pattern_lengths: self.pattern_lengths,
            private_key: f.private_key.as_ref().map(|k| rt::PrivateKeyMeta {
                json: k.container == crate::model::KeyContainer::Json,
                members: &self.key_members,
                key_member: k.key_member.as_deref(),
                equals: &self.key_equals,
                algorithm: match k.algorithm {
                    crate::model::JwtAlgorithm::RS256 => rt::JwtAlg::RS256,
                    crate::model::JwtAlgorithm::ES256 => rt::JwtAlg::ES256,
                },
                min_bits: k.min_bits,
            }),
        }
    }

    /// Checks one value as the generated validator would.
    pub fn check(&self, value: &str) -> Result<String, rt::FieldError> {
        rt::check_field(&self.rules(), value).map(|v| v.into_owned())
    }
}
