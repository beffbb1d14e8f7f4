//! What the generated registry shares across providers: the error of a lookup-and-validate
//! call, a value that is no option of a closed choice, and the conversions generated
//! constructors use. (The credential trait is `meta::credential`, JSON input `source`.)
//!
//! These live here rather than in generated code so that the generated file stays a
//! list of tables and thin glue, whatever the number of specs.

use std::fmt;

use connectspec_i18n::{Lang, Locale};

use crate::check::{FieldRules, label, options};
use crate::error::ValidationErrors;
use crate::message::{MessageArgs, plain};

/// Why `validate(provider, method, fields)` failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValidateError {
    /// No spec has this provider id.
    UnknownProvider,
    /// The provider has no auth method with this id.
    UnknownMethod,
    /// The fields were checked and at least one is wrong.
    Invalid(ValidationErrors),
}

impl ValidateError {
    /// The message in `locale`; field errors are in the language they were made in.
    pub fn message_in(&self, locale: Locale) -> String {
        match self {
            ValidateError::UnknownProvider => plain(locale, "validator-unknown-provider"),
            ValidateError::UnknownMethod => plain(locale, "validator-unknown-method"),
            ValidateError::Invalid(e) => e.to_string(),
        }
    }
}

impl fmt::Display for ValidateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValidateError::Invalid(e) => fmt::Display::fmt(e, f),
            other => f.write_str(&other.message_in(Locale::En)),
        }
    }
}

impl std::error::Error for ValidateError {}

impl From<ValidationErrors> for ValidateError {
    fn from(e: ValidationErrors) -> Self {
        ValidateError::Invalid(e)
    }
}

/// A value that is not one of a closed choice's options (`FromStr` and `Deserialize` of
/// the generated choice enums). Its message lists the options, never the value.
#[derive(Clone, Copy)]
pub struct NotAnOption {
    field: &'static FieldRules<'static>,
}

impl NotAnOption {
    /// The error for the choice field `field`.
    pub fn of(field: &'static FieldRules<'static>) -> NotAnOption {
        NotAnOption { field }
    }
}

impl NotAnOption {
    /// The message in `lang`: the field's options, each with its label.
    pub fn message_in(&self, lang: &Lang<'_>) -> String {
        MessageArgs::new()
            .str("label", label(self.field, lang))
            .str("options", options(self.field, lang, true))
            .format(lang.locale, "validator-not-an-option")
    }
}

impl fmt::Display for NotAnOption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_in(&Lang::ENGLISH))
    }
}

impl fmt::Debug for NotAnOption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NotAnOption")
            .field("field", &self.field.key)
            .finish()
    }
}

impl std::error::Error for NotAnOption {}

impl PartialEq for NotAnOption {
    fn eq(&self, other: &NotAnOption) -> bool {
        std::ptr::eq(self.field, other.field)
    }
}

impl Eq for NotAnOption {}

/// Conversions from checked values to typed members, shared by every generated
/// constructor instead of being spelled out (and compiled) once per field. Text and
/// secret values go into one [`TextValues`](crate::values::TextValues) instead; these read the
/// closed choices.
pub mod take {
    use crate::check::{FieldRules, Value};

    /// The position of a required closed-choice value among the field's options (the
    /// generated enum's `ALL` order).
    ///
    /// # Panics
    /// When the value is not an option: the checker accepted it, so that is a bug.
    pub fn choice(field: &FieldRules<'_>, v: &mut Value<'_>) -> usize {
        opt_choice(field, v).expect("the checker accepted one of the options")
    }

    /// The position of an optional closed-choice value among the field's options.
    pub fn opt_choice(field: &FieldRules<'_>, v: &mut Value<'_>) -> Option<usize> {
        let i = option_index(field, v.as_deref()?);
        assert!(i.is_some(), "the checker accepted one of the options");
        i
    }

    /// The position of `value` among the field's options, if it is one.
    pub fn option_index(field: &FieldRules<'_>, value: &str) -> Option<usize> {
        field.options.iter().position(|o| o.value == value)
    }

    /// The stored value of option `index` of a closed-choice field.
    pub fn option_value(field: &FieldRules<'static>, index: usize) -> &'static str {
        field.options[index].value
    }
}
