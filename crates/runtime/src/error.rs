//! Field errors: typed (field, kind) with a message built from the spec's label and hint.
//!
//! No error ever holds the offending value: messages say what is wrong and how long
//! the value was, which is all an end user needs and all that is safe for a secret.

use std::fmt;

use serde::Serialize;

use crate::Format;
use crate::message::MessageArgs;

/// What is wrong with a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// A required field is absent or empty.
    Missing,
    /// The value holds a line break or another control character (U+0000–U+001F,
    /// U+007F): never part of a credential, and unsafe in a header or URL.
    ControlCharacter,
    /// The field is not part of the form.
    Unknown,
    /// The value is not a string (JSON input).
    NotAString,
    /// The credentials are not a JSON object (JSON input; the field key is empty).
    NotAnObject,
    /// Shorter than the minimum (characters).
    TooShort {
        /// Minimum length.
        min: u32,
        /// Actual length.
        actual: u32,
    },
    /// Longer than the maximum (characters).
    TooLong {
        /// Maximum length.
        max: u32,
        /// Actual length.
        actual: u32,
    },
    /// Does not start with an allowed prefix.
    Prefix,
    /// Starts with a forbidden prefix.
    ForbiddenPrefix,
    /// Does not match the field's pattern.
    Pattern,
    /// Not in the field's built-in format.
    Format {
        /// The expected format.
        format: Format,
    },
    /// Not one of the field's options.
    NotAnOption,
    /// A cross-field rule failed.
    Rule,
    /// A derived value could not be computed.
    Derive,
    /// The service refused the provider host built from this field (not one of the
    /// spec's allowed hosts, or an internal address).
    HostNotAllowed,
    /// The value cannot be put into the URL where the spec places it.
    UnsafeInUrl,
    /// A private-key field's value is not a usable private key or key file.
    PrivateKey {
        /// What is wrong, as a stable code (`not_json`, `member_missing`, …).
        fault: KeyFault,
    },
}

impl ErrorKind {
    /// Stable snake_case code, as serialized.
    pub fn code(&self) -> &'static str {
        match self {
            ErrorKind::Missing => "missing",
            ErrorKind::ControlCharacter => "control_character",
            ErrorKind::Unknown => "unknown",
            ErrorKind::NotAString => "not_a_string",
            ErrorKind::NotAnObject => "not_an_object",
            ErrorKind::TooShort { .. } => "too_short",
            ErrorKind::TooLong { .. } => "too_long",
            ErrorKind::Prefix => "prefix",
            ErrorKind::ForbiddenPrefix => "forbidden_prefix",
            ErrorKind::Pattern => "pattern",
            ErrorKind::Format { .. } => "format",
            ErrorKind::NotAnOption => "not_an_option",
            ErrorKind::Rule => "rule",
            ErrorKind::Derive => "derive",
            ErrorKind::HostNotAllowed => "host_not_allowed",
            ErrorKind::UnsafeInUrl => "unsafe_in_url",
            ErrorKind::PrivateKey { .. } => "private_key",
        }
    }
}

/// What is wrong with a private-key field (checked in `private_key.rs`; defined here so
/// that errors do not depend on the checker): the `fault` of
/// [`ErrorKind::PrivateKey`], serialised as its
/// [`code`](KeyFault::code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum KeyFault {
    /// A key file that is not JSON.
    NotJson,
    /// A key file that is JSON but not an object.
    NotAJsonObject,
    /// A required member of the key file is absent.
    MemberMissing,
    /// A member of the key file is not a non-empty string.
    MemberNotAString,
    /// A member with a fixed value (`type: service_account`) has another.
    MemberValue,
    /// The key is not in PEM form (`-----BEGIN PRIVATE KEY-----` … `-----END …`).
    NotPem,
    /// A PEM public key or certificate where the private key belongs.
    NotAPrivateKey,
    /// An encrypted private key (`ENCRYPTED PRIVATE KEY`, or a legacy `Proc-Type`).
    Encrypted,
    /// The PEM body is not base64 of a PKCS#8, PKCS#1 or SEC1 structure.
    Malformed,
    /// A key of another type than the algorithm needs.
    WrongAlgorithm,
    /// An RSA modulus below the field's `min_bits`.
    TooSmall,
}

impl KeyFault {
    /// Stable snake_case code, as serialised.
    pub fn code(self) -> &'static str {
        match self {
            KeyFault::NotJson => "not_json",
            KeyFault::NotAJsonObject => "not_a_json_object",
            KeyFault::MemberMissing => "member_missing",
            KeyFault::MemberNotAString => "member_not_a_string",
            KeyFault::MemberValue => "member_value",
            KeyFault::NotPem => "not_pem",
            KeyFault::NotAPrivateKey => "not_a_private_key",
            KeyFault::Encrypted => "encrypted",
            KeyFault::Malformed => "malformed",
            KeyFault::WrongAlgorithm => "wrong_algorithm",
            KeyFault::TooSmall => "too_small",
        }
    }
}

/// One field's error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field key (for `Unknown`, the key the caller sent, which is never a value).
    pub field: String,
    /// What is wrong.
    #[serde(flatten)]
    pub kind: ErrorKind,
    /// End-user message, e.g. "API Token must be 40 characters: letters, digits and hyphens (it has 39)".
    pub message: String,
    /// The message of the validator catalogue (`locales/<locale>/validator.ftl`) that
    /// `message` was formatted from, e.g. `validator-length-hint`; `None` for a message
    /// its maker wrote itself ([`FieldError::new`]). With `args`, what a front end needs
    /// to say the same in its own words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_id: Option<&'static str>,
    /// The arguments `message` was formatted with, as they appear in it (labels and hints
    /// in the message's language, lengths as numbers); never a field's value.
    #[serde(skip_serializing_if = "MessageArgs::is_empty")]
    pub args: MessageArgs,
}

impl FieldError {
    /// An error with a message its maker wrote (a service's own check), outside the
    /// validator catalogue.
    pub fn new(
        field: impl Into<String>,
        kind: ErrorKind,
        message: impl Into<String>,
    ) -> FieldError {
        FieldError {
            field: field.into(),
            kind,
            message: message.into(),
            message_id: None,
            args: MessageArgs::new(),
        }
    }

    /// The error with message `id` of the validator catalogue, formatted in `locale`.
    pub(crate) fn catalogued(
        field: impl Into<String>,
        kind: ErrorKind,
        locale: connectspec_i18n::Locale,
        id: &'static str,
        args: MessageArgs,
    ) -> FieldError {
        FieldError {
            field: field.into(),
            kind,
            message: args.format(locale, id),
            message_id: Some(id),
            args,
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FieldError {}

/// Every field error of one validation, in form order (unknown fields last, sorted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ValidationErrors(Vec<FieldError>);

impl ValidationErrors {
    /// The errors of one validation (the runtime's checks make them).
    pub(crate) fn new(errors: Vec<FieldError>) -> ValidationErrors {
        ValidationErrors(errors)
    }

    /// The one error of input that is not an object of fields (a JSON array, a string),
    /// with an empty field key.
    pub(crate) fn not_an_object(locale: connectspec_i18n::Locale) -> ValidationErrors {
        ValidationErrors(vec![FieldError::catalogued(
            "",
            ErrorKind::NotAnObject,
            locale,
            "validator-not-an-object",
            MessageArgs::new(),
        )])
    }

    /// The errors.
    pub fn errors(&self) -> &[FieldError] {
        &self.0
    }

    /// The error of one field, if any.
    pub fn for_field(&self, key: &str) -> Option<&FieldError> {
        self.0.iter().find(|e| e.field == key)
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            f.write_str(&e.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}
