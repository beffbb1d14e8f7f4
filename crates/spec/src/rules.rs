//! Bridges the spec model to the runtime's checking tables.
//!
//! The checker tests every example through exactly the code path the generated
//! validators use ([`connectspec_runtime::check_field`]), built here from a loaded
//! [`Field`] instead of from generated statics.

use connectspec_runtime::{self as rt, FieldRules, OptionRule};
use regex::Regex;

use crate::model::{Field, Format, Normalize};

/// The spec's format as the runtime's.
pub fn runtime_format(f: Format) -> rt::Format {
    match f {
        Format::Email => rt::Format::Email,
        Format::Url => rt::Format::Url,
        Format::HttpsUrl => rt::Format::HttpsUrl,
        Format::Hostname => rt::Format::Hostname,
        Format::Uuid => rt::Format::Uuid,
        Format::Integer => rt::Format::Integer,
    }
}

/// A field's owned checking data: the compiled pattern and borrowed lists.
pub struct FieldChecker<'f> {
    field: &'f Field,
    regex: Option<Regex>,
    prefixes: Vec<&'f str>,
    forbidden: Vec<&'f str>,
    options: Vec<OptionRule<'f>>,
    normalize: Vec<rt::Normalize<'f>>,
}

impl<'f> FieldChecker<'f> {
    /// Builds the checker. `Err` carries the regex crate's message when the pattern
    /// does not compile (the checker reports that separately).
    pub fn new(field: &'f Field) -> Result<FieldChecker<'f>, regex::Error> {
        let regex = field.pattern.as_deref().map(Regex::new).transpose()?;
        Ok(FieldChecker::with_regex(field, regex))
    }

    /// Builds the checker from the field's pattern compiled by the caller (the spec
    /// checker has compiled it already to report errors; compiling twice is a large
    /// share of loading a catalogue). `regex` must be `field.pattern` compiled.
    pub fn with_regex(field: &'f Field, regex: Option<Regex>) -> FieldChecker<'f> {
        debug_assert_eq!(
            regex.as_ref().map(Regex::as_str),
            field.pattern.as_deref(),
            "the regex is the field's pattern"
        );
        FieldChecker {
            field,
            regex,
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
                .map(|n| match n {
                    Normalize::Trim => rt::Normalize::Trim,
                    Normalize::Lowercase => rt::Normalize::Lowercase,
                    Normalize::ExtractSubdomain(d) => rt::Normalize::ExtractSubdomain(d),
                    Normalize::ExtractHost => rt::Normalize::ExtractHost,
                    Normalize::ExtractFromUrl(t) => rt::Normalize::ExtractFromUrl(t),
                })
                .collect(),
        }
    }

    /// The runtime rules, borrowed from this checker.
    pub fn rules(&self) -> FieldRules<'_> {
        let f = self.field;
        FieldRules {
            key: &f.key,
            label: &f.label,
            hint: f.hint.as_deref(),
            secret: f.secret,
            optional: f.optional,
            default: f.default.as_deref(),
            min_length: f.min_length,
            max_length: f.max_length,
            prefixes: &self.prefixes,
            forbidden_prefixes: &self.forbidden,
            format: f.format.map(runtime_format),
            options: &self.options,
            normalize: &self.normalize,
            pattern: self.regex.as_ref().map(|r| r as &dyn rt::Matcher),
        }
    }

    /// Checks one value as the generated validator would.
    pub fn check(&self, value: &str) -> Result<String, rt::FieldError> {
        rt::check_field(&self.rules(), value).map(|v| v.into_owned())
    }
}
