//! Locales and message catalogues of connectspec.
//!
//! Every sentence the engine writes for an end user or integrator (validator messages,
//! problem details, the form's chrome, the generated sentences of guide pages) is a
//! message in a Fluent catalogue, `locales/<locale>/<area>.ftl` at the workspace root.
//! The Rust side formats them with `fluent-bundle`; the browser module and the form read
//! the same files with `@fluent/bundle`, so one catalogue drives both.
//!
//! - [`Locale`]: the locales connectspec ships, and the two pseudo-locales the tests use.
//! - [`negotiate`]: RFC 4647 lookup over an `Accept-Language` header.
//! - [`message`]: one message of the catalogue, formatted in a locale.
//! - [`Lang`]: a locale and one spec's translated texts ([`SpecTexts`]).
//! - [`pseudo`]: the pseudo-locales, generated from English, never shipped.
//! - [`plurals`]: which plural categories (CLDR) a locale needs.

mod catalogue;
mod lang;
mod locale;
mod negotiate;
pub mod plurals;
pub mod pseudo;

pub use catalogue::{
    AREAS, Area, Arg, message, message_ids, message_with, source, without_comments,
};
pub use lang::{Lang, NoTexts, SpecTexts, TextTable};
pub use locale::Locale;
pub use negotiate::{lookup, negotiate};
