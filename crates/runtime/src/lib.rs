//! Runtime support shared by connectspec's generated validators and its spec checker.
//!
//! Generated code is deliberately thin: each field becomes a static [`FieldRules`] table
//! and checking runs through the generic functions here. That keeps the generated code
//! small as the catalogue grows, and guarantees that the spec checker (which runs the
//! same functions over a spec's examples at load time) and the compiled validators agree.

mod check;
#[doc(hidden)]
pub mod de;
mod error;
mod format;
mod hosts;
mod learn;
mod lower;
mod matcher;
mod message;
mod meta;
mod normalize;
mod private_key;
mod registry;
mod request_url;
mod response;
mod scopes;
mod secret;
mod sign;
mod source;
mod template;
mod values;

pub use check::{
    CrossRule, DerivedRule, Extract, FieldRules, MethodRules, OptionRule, Value, check_field,
    check_field_in, validate,
};
/// The language of messages: re-exported so that a caller of the validators needs no
/// other crate to ask for German.
pub use connectspec_i18n::{Lang, Locale, NoTexts, SpecTexts, TextTable};
pub use error::{ErrorKind, FieldError, KeyFault, ValidationErrors};
pub use format::Format;
pub use hosts::{host_allowed, is_allowed_host_entry};
pub use learn::{
    ExpiryFormat, LearnFrom, Learned, LearnsMeta, parse_expiry, rfc3339, split_scopes,
};
pub use lower::{
    Lowered, LoweredPiece, Pattern, hir_char_lengths, lower_hir, lower_pattern,
    pattern_char_lengths,
};
pub use matcher::{ByteClass, Matcher};
pub use message::{MessageArg, MessageArgs};
pub use meta::credential::{Credential, CredentialExt, RESERVED_FIELD_KEYS};
pub use meta::exchange::{
    AssertionMeta, DiscoveryMeta, ExchangeAnswerError, ExchangeBodyMeta, ExchangeCaptureMeta,
    ExchangeMeta, ExchangedToken,
};
pub use meta::oauth::{
    CaptureMeta, CaptureSource, ClientOwner, Endpoint, GrantKind, OAuthMeta, TokenResponseError,
    TokenResponseMeta, TokenSet,
};
pub use meta::tables::TableCredential;
pub use meta::{
    Constructor, FieldMeta, MethodMeta, OutcomeMeta, ProviderMeta, RequestAuth, ScopeMeta,
    SendMeta, TestMeta, Validator,
};
pub use normalize::{Normalize, normalize};
pub use private_key::{JwtAlg, PrivateKeyMeta};
pub use registry::{NotAnOption, ValidateError};
pub use request_url::{
    UrlPart, UrlRefusal, UrlValueError, base_url, placeholder_parts, render_url, url_pieces,
};
pub use response::{
    AnswerReading, BodyMeta, CheckKind, CheckMeta, ChecksOutcome, IdentityMeta, identity_at,
    read_answer, run_checks,
};
pub use scopes::{ActionMeta, UnknownActions, least_privilege};
pub use secret::{ExposeSecret, SecretStr, SecretString};
pub use sign::{
    ComputedKind, ComputedMeta, HmacAlgorithm, MessagePart, RequestTarget, SignMeta,
    SignatureEncoding, TimestampFormat, canonical_query, format_timestamp, hmac_bytes,
};
pub use source::{FieldSource, Raw};
pub use template::{
    Part, Placeholder, Segment, Template, TemplateError, parse_template, render_template,
};

/// What only generated code calls: checking into the constructor's frame, the wiped
/// value buffer, the conversions of closed choices, deserialisation, JSON input, the
/// shared trait bodies and the static matcher pieces. Not part of the API: it changes
/// with the generator, and nothing else should name it.
#[doc(hidden)]
pub mod __private {
    pub use crate::check::{Validated, validate_into};
    pub use crate::de;
    pub use crate::matcher::{LazyRegex, Piece, PieceMatcher};
    pub use crate::meta::credential::{
        display_credential, display_dyn, normalized_keys, public_values,
    };
    pub use crate::registry::take;
    pub use crate::source::{json_object, json_object_in};
    pub use crate::values::TextValues;
    pub use regex;
    pub use serde;
}
