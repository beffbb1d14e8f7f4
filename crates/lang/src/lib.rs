//! The connectspec spec language: model, loader, checks and diagnostics.
//!
//! `specs/<id>.yaml` → [`load::load_dir`] → [`model::ProviderSpec`]s, or every
//! problem at once as [`diag::Diagnostics`]. Generators (validators, pages, form
//! schemas) consume the model; none of them re-validates it.

pub mod build_support;
pub mod catalogues;
mod check;
pub mod diag;
pub mod ecma;
pub mod examples;
pub mod field_checker;
pub mod files;
pub mod inline;
pub mod load;
pub mod model;
pub mod patterns;
pub mod pointer;
pub mod schema;
pub mod texts;
pub mod translate;
pub mod yaml;

pub use check::is_snake;
pub use diag::{Code, Diagnostic, Diagnostics};
pub use load::{Catalogue, LoadedSpec, load_dir, load_file, load_str, spec_files};
pub use model::{
    ACCESS_TOKEN, Action, AuthKind, AuthMethod, BasicAuth, Bullet, CATEGORIES, CanonicalPart,
    Capture, CaptureSource, ClientAuth, ClientOwner, Computed, Condition, ConnectionTest, Derived,
    EnumOption, Examples, ExpiryFormat, Field, Format, Grant, GraphqlBody, Guide, HmacAlgorithm,
    HttpMethod, Identity, InvalidExample, LearnExpiry, LearnScopes, Learns, Limit, LimitKind,
    LimitUnit, Normalize, OAuth, Outcome, ProviderSpec, Requirement, ResponseCheck, Rule, Scope,
    ScopeRequest, Section, Send, SignTimestamp, SignatureEncoding, Signing, Step, TestBody,
    TimestampFormat, TokenRequestFormat, TokenResponse, category_label, slugify,
};
pub use model::{
    ASSERTION, Assertion, Discovery, Exchange, ExchangeBody, ExchangeCapture, ExchangeExpiry,
    ExchangeResponse, JwtAlgorithm, KeyContainer, PrivateKey,
};
