//! The connectspec spec language: model, loader, checks and diagnostics.
//!
//! `specs/<id>.yaml` → [`load::load_dir`] → [`model::ProviderSpec`]s, or every
//! problem at once as [`diag::Diagnostics`]. Generators (validators, pages, form
//! schemas) consume the model; none of them re-validates it.

mod check;
mod choices;
pub mod diag;
pub mod ecma;
pub mod examples;
mod host_limits;
mod hosts;
pub mod inline;
pub mod load;
pub mod model;
mod oauth;
pub mod pointer;
mod request;
pub mod rules;
pub mod schema;
pub mod scopes;
pub mod yaml;

pub use check::is_snake;
pub use diag::{Code, Diagnostic, Diagnostics};
pub use load::{Catalogue, LoadedSpec, load_dir, load_file, load_str, spec_files};
pub use model::*;
