//! Compiled credential validators for every provider spec, generated at build time.
//!
//! `build.rs` runs `connectspec-codegen` over `specs/` (or `CONNECTSPEC_SPECS`); adding
//! a spec file is all it takes to get a new validator. Per provider there is a module
//! (`oneflow`) with a typed struct per auth method (`oneflow::ApiToken`) and its static
//! tables (`oneflow::api_token::META`); at the root, the registry:
//!
//! - [`providers`], [`provider`], [`method`]: metadata for forms, guides and services;
//! - [`validate`] / [`validate_json`]: validate by ids into [`Credentials`], an enum of
//!   every method's typed credentials;
//! - [`ValidateError`]: unknown provider, unknown method, or every field error.
//!
//! ```
//! use std::collections::BTreeMap;
//! let mut fields = BTreeMap::new();
//! fields.insert("site_token".to_string(), "a".repeat(63));
//! let err = connectspec_providers::validate("webflow", "site_token", &fields).unwrap_err();
//! assert_eq!(err.to_string(), "Site Token must be 64 letters and digits (it has 63)");
//! ```

include!(concat!(env!("OUT_DIR"), "/providers.rs"));
