//! The trait every generated credential type implements, and the bodies built on it
//! (public values, normalised keys, request auth, `Display`), written once for
//! `&dyn Credential` rather than once per type.

use std::collections::BTreeMap;
use std::fmt;

use super::{MethodMeta, RequestAuth};

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

/// Names a field key may not have: every generated credential type has these methods
/// besides its field accessors (its constructors, the [`Credential`] and
/// [`CredentialExt`] methods, and those of the standard traits it implements), and an
/// accessor of the same name would be a compile error or would silently hide the method
/// (`creds.meta()` answering the field). The spec checker refuses such a key (E013); the
/// codegen tests hold this list to what the generator really emits.
pub const RESERVED_FIELD_KEYS: &[&str] = &[
    "deserialize",
    "expose_key",
    "expose_value",
    "fmt",
    "from",
    "from_fields",
    "from_json",
    "from_json_in",
    "from_source",
    "from_source_in",
    "into",
    "meta",
    "normalized_bits",
    "normalized_fields",
    "public_values",
    "request_auth",
    "to_string",
    "try_from",
    "try_into",
];
