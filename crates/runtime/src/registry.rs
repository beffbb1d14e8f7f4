//! What the generated registry shares across providers: the error of a lookup-and-validate
//! call, the trait every generated credential type implements, and JSON input handling.
//!
//! These live here rather than in generated code so that the generated file stays a
//! list of tables and thin glue, whatever the number of specs.

use std::collections::BTreeMap;
use std::fmt;

use crate::error::{ErrorKind, FieldError, ValidationErrors};
use crate::meta::{MethodMeta, RequestAuth};

/// Why `validate(provider, method, fields)` failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValidateError {
    /// No spec has this provider id.
    UnknownProvider,
    /// The provider has no auth method with this id.
    UnknownMethod,
    /// The fields were checked and at least one is wrong.
    Invalid(ValidationErrors),
}

impl fmt::Display for ValidateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValidateError::UnknownProvider => f.write_str("unknown provider"),
            ValidateError::UnknownMethod => f.write_str("unknown auth method for this provider"),
            ValidateError::Invalid(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl std::error::Error for ValidateError {}

impl From<ValidationErrors> for ValidateError {
    fn from(e: ValidationErrors) -> Self {
        ValidateError::Invalid(e)
    }
}

/// Validated credentials of one auth method: implemented by every generated type, so
/// services can handle them without knowing the provider.
pub trait Credential: fmt::Debug + fmt::Display {
    /// The auth method's metadata.
    fn meta(&self) -> &'static MethodMeta;
    /// Normalised values of the non-secret fields (and of values derived from them), by key.
    fn public_values(&self) -> BTreeMap<String, String>;
    /// Keys of the fields that normalisation changed, in form order.
    fn normalized_fields(&self) -> Vec<&'static str>;
    /// Headers, query parameters and basic auth as the spec's `send` declares them.
    fn request_auth(&self) -> RequestAuth;
}

/// Normalised values of the non-secret fields and of the values derived from them, read
/// through `lookup`: one shared body instead of one per generated credential type.
pub fn public_values<'v>(
    meta: &MethodMeta,
    lookup: &dyn Fn(&str) -> Option<&'v str>,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let fields = meta.fields.iter().filter(|f| !f.secret).map(|f| f.key);
    let derived = meta
        .rules
        .derived
        .iter()
        .filter(|d| !meta.fields.get(d.from).is_some_and(|f| f.secret))
        .map(|d| d.key);
    for key in fields.chain(derived) {
        if let Some(v) = lookup(key) {
            out.insert(key.to_owned(), v.to_owned());
        }
    }
    out
}

/// Keys of the fields whose bit is set in `normalized` (bit `i` = field `i`).
pub fn normalized_keys(meta: &MethodMeta, normalized: u64) -> Vec<&'static str> {
    meta.fields
        .iter()
        .enumerate()
        .filter(|(i, _)| *i < 64 && normalized & (1 << i) != 0)
        .map(|(_, f)| f.key)
        .collect()
}

/// The object of a JSON body; anything else is one error with an empty field key.
pub fn json_object(
    value: &serde_json::Value,
) -> Result<&serde_json::Map<String, serde_json::Value>, ValidationErrors> {
    value.as_object().ok_or_else(|| {
        ValidationErrors(vec![FieldError {
            field: String::new(),
            kind: ErrorKind::NotAnObject,
            message: "the credentials must be a JSON object of field keys and string values"
                .to_owned(),
        }])
    })
}

/// Display shared by generated types: "Oneflow API Token (user_email: …, api_token: [redacted])".
pub fn display_credential(
    f: &mut fmt::Formatter<'_>,
    meta: &MethodMeta,
    public: &BTreeMap<String, String>,
) -> fmt::Result {
    write!(f, "{} {} (", meta.provider_name, meta.label)?;
    for (i, field) in meta.fields.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        match public.get(field.key) {
            _ if field.secret => write!(f, "{}: [redacted]", field.key)?,
            Some(v) => write!(f, "{}: {v}", field.key)?,
            None => write!(f, "{}: (absent)", field.key)?,
        }
    }
    f.write_str(")")
}
