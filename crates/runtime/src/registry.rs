//! What the generated registry shares across providers: the error of a lookup-and-validate
//! call, the trait every generated credential type implements, and JSON input handling.
//!
//! These live here rather than in generated code so that the generated file stays a
//! list of tables and thin glue, whatever the number of specs.

use std::collections::BTreeMap;
use std::fmt;

use crate::error::{ErrorKind, FieldError, ValidationErrors};
use crate::meta::{MethodMeta, RequestAuth};
use crate::rules::FieldRules;

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
///
/// The trait holds only what differs per type (where the values live); everything built
/// from them (public values, normalised keys, request auth, Display) is written once, as
/// bodies behind [`CredentialExt`]. A catalogue of a thousand methods then compiles a
/// thousand small accessors, not a thousand copies of each body.
pub trait Credential: fmt::Debug + Send + Sync {
    /// The auth method's metadata.
    fn meta(&self) -> &'static MethodMeta;
    /// The value at `index`: field `index` of `meta().fields`, then derived value
    /// `index - fields.len()` of `meta().derived_keys`. Secrets are exposed, as with
    /// `expose_secret()`: for rendering request templates, never for display.
    fn expose_value(&self, index: usize) -> Option<&str>;
    /// Bit `i` is set when normalisation changed field `i`.
    fn normalized_bits(&self) -> u64;
}

/// What every credential offers beyond [`Credential`]'s accessors: public values,
/// normalised keys, the request auth. Bring it into scope (`use connectspec_runtime::CredentialExt`,
/// or the providers crate's prelude) to call these on a typed struct or on a
/// `dyn Credential`.
///
/// Each method is a one-line call into a body that takes `&dyn Credential`, so the
/// bodies are compiled once however many credential types there are.
pub trait CredentialExt: Credential {
    /// The value of a field or derived key, secrets exposed (see [`Credential::expose_value`]).
    fn expose_key(&self, key: &str) -> Option<&str>;
    /// Normalised values of the non-secret fields (and of values derived from them), by key.
    fn public_values(&self) -> BTreeMap<String, String>;
    /// Keys of the fields that normalisation changed, in form order.
    fn normalized_fields(&self) -> Vec<&'static str>;
    /// Headers, query parameters and basic auth as the spec's `send` declares them.
    fn request_auth(&self) -> RequestAuth;
}

macro_rules! credential_ext {
    () => {
        #[inline]
        fn expose_key(&self, key: &str) -> Option<&str> {
            dyn_expose_key(self, key)
        }
        #[inline]
        fn public_values(&self) -> BTreeMap<String, String> {
            dyn_public_values(self)
        }
        #[inline]
        fn normalized_fields(&self) -> Vec<&'static str> {
            normalized_keys(self.meta(), self.normalized_bits())
        }
        #[inline]
        fn request_auth(&self) -> RequestAuth {
            dyn_request_auth(self)
        }
    };
}

impl<T: Credential> CredentialExt for T {
    credential_ext!();
}

impl CredentialExt for dyn Credential + '_ {
    credential_ext!();
}

fn dyn_expose_key<'c>(c: &'c dyn Credential, key: &str) -> Option<&'c str> {
    let meta = c.meta();
    // `field.param`: a parameter of the option chosen in a choice field.
    if let Some((field, param)) = key.split_once('.') {
        let i = meta.fields.iter().position(|f| f.key == field)?;
        let chosen = c.expose_value(i)?;
        let rules = meta.rules.fields.get(i)?;
        return rules
            .options
            .iter()
            .find(|o| o.value == chosen)
            .and_then(|o| o.param(param));
    }
    let index = match meta.fields.iter().position(|f| f.key == key) {
        Some(i) => i,
        None => meta.fields.len() + meta.derived_keys.iter().position(|d| *d == key)?,
    };
    c.expose_value(index)
}

fn dyn_public_values(c: &dyn Credential) -> BTreeMap<String, String> {
    public_values(c.meta(), &|k| dyn_expose_key(c, k))
}

fn dyn_request_auth(c: &dyn Credential) -> RequestAuth {
    c.meta().request_auth_dyn(&|k| dyn_expose_key(c, k))
}

/// "Oneflow API Token (user_email: …, api_token: \[redacted\])": secrets never shown.
/// Generated types' `Display` forwards here.
pub fn display_dyn(c: &dyn Credential, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    display_credential(f, c.meta(), &dyn_public_values(c))
}

impl fmt::Display for dyn Credential + '_ {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        display_dyn(self, f)
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

impl fmt::Display for NotAnOption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} must be one of: ", self.field.label)?;
        for (i, o) in self.field.options.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{}` ({})", o.value, o.label)?;
        }
        Ok(())
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
/// secret values go into one [`TextValues`](crate::TextValues) instead; these read the
/// closed choices.
pub mod take {
    use crate::rules::{FieldRules, Value};

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

/// Display shared by generated types: "Oneflow API Token (user_email: …, api_token: \[redacted\])".
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
