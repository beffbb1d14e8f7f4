//! The redeemed fields, turned into the compiled validators' typed credentials before
//! anything is stored: proof that they are well-formed for the method, and the normalised
//! values the hub keeps.
//!
//! Any method goes through the registry (`connectspec_providers::method(..)` and
//! [`MethodMeta::validate`], a `Box<dyn Credential>`); Oneflow's API token also shows the
//! generated type itself, `connectspec_providers::oneflow::ApiToken`, as a hub would use
//! it for a provider it integrates with directly.

use std::collections::BTreeMap;

use connectspec_providers::prelude::*;
use connectspec_runtime::{MethodMeta, ValidationErrors};
use serde_json::{Map, Value};

use crate::secret::SecretMaterial;

/// Why redeemed fields were not stored.
#[derive(Debug)]
pub enum CheckError {
    /// The provider or method is not in this build's catalogue.
    UnknownMethod,
    /// The validator refused the fields: every error, by field (messages never hold a
    /// secret).
    Invalid(ValidationErrors),
}

impl std::fmt::Display for CheckError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CheckError::UnknownMethod => f.write_str("unknown provider or method"),
            CheckError::Invalid(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for CheckError {}

/// The checked credential's material: every field value, normalised (sealed at rest), and
/// the non-secret values (kept in clear).
#[derive(Debug)]
pub struct Checked {
    pub secret: SecretMaterial,
    pub values: Map<String, Value>,
}

/// Validates `fields` for `provider`/`method` with the compiled validator.
pub fn validate(
    provider: &str,
    method: &str,
    fields: &Map<String, Value>,
) -> Result<Box<dyn Credential>, CheckError> {
    let meta = connectspec_providers::method(provider, method).ok_or(CheckError::UnknownMethod)?;
    match (provider, method) {
        // The generated type: `from_source` takes the JSON object as it is (also there:
        // `from_json` and `TryFrom<&serde_json::Value>`, `from_fields` for a string map,
        // and `Deserialize`). Its accessors are typed: `api_token()` is a `SecretStr`,
        // `user_email()` a `&str`.
        ("oneflow", "api_token") => {
            let token = connectspec_providers::oneflow::ApiToken::from_source(fields)
                .map_err(CheckError::Invalid)?;
            tracing::debug!(
                user_email = token.user_email(),
                "a Oneflow API token checked"
            );
            Ok(Box::new(token))
        }
        _ => meta.validate(fields).map_err(CheckError::Invalid),
    }
}

/// What to store of a checked credential: every field's normalised value (sealed), and as
/// clear values the non-secret ones the service reported, less any key that names a
/// secret field of the method (never stored in clear, whatever the answer says).
pub fn checked(
    credential: &dyn Credential,
    reported_values: &Map<String, Value>,
    tokens: Option<&Value>,
) -> Checked {
    let meta: &MethodMeta = credential.meta();
    let mut fields = BTreeMap::new();
    for field in meta.fields {
        if let Some(v) = credential.expose_key(field.key) {
            fields.insert(field.key.to_owned(), v.to_owned());
        }
    }
    let secret_keys: Vec<&str> = meta
        .fields
        .iter()
        .filter(|f| f.secret)
        .map(|f| f.key)
        .collect();
    let mut values: Map<String, Value> = reported_values
        .iter()
        .filter(|(k, _)| !secret_keys.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    // The validator's own public values win: normalised as it normalises them.
    for (k, v) in credential.public_values() {
        values.insert(k, Value::String(v));
    }
    Checked {
        secret: SecretMaterial {
            fields,
            tokens: tokens.cloned(),
        },
        values,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "Kq7ZpR2mXv9LcT4nWb8YhJ3sDf6Gk1Na5Ue0OiPz";

    fn fields(token: &str, email: &str) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("api_token".into(), token.into());
        m.insert("user_email".into(), email.into());
        m
    }

    #[test]
    fn oneflow_fields_become_the_typed_credential_normalised() {
        let c = validate("oneflow", "api_token", &fields(TOKEN, "  ada@example.com ")).unwrap();
        assert_eq!(c.meta().provider_id, "oneflow");
        let mut reported = Map::new();
        reported.insert("user_email".into(), "ada@example.com".into());
        // A secret in the reported values is never kept in clear.
        reported.insert("api_token".into(), TOKEN.into());
        let checked = checked(c.as_ref(), &reported, None);
        assert_eq!(checked.secret.fields["api_token"], TOKEN);
        assert_eq!(checked.secret.fields["user_email"], "ada@example.com");
        assert_eq!(
            checked.values.get("user_email"),
            Some(&Value::from("ada@example.com"))
        );
        assert!(!checked.values.contains_key("api_token"));
    }

    #[test]
    fn malformed_fields_and_unknown_methods_are_refused() {
        let short = &TOKEN[..39];
        match validate("oneflow", "api_token", &fields(short, "ada@example.com")) {
            Err(CheckError::Invalid(e)) => {
                let text = e.to_string();
                assert!(text.contains("API Token"), "{text}");
                assert!(!text.contains(short), "the message repeats the secret");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            validate("oneflow", "nope", &Map::new()),
            Err(CheckError::UnknownMethod)
        ));
        // The generic path: another provider's method through the registry.
        let mut webflow = Map::new();
        webflow.insert("site_token".into(), "a".repeat(63).into());
        assert!(matches!(
            validate("webflow", "site_token", &webflow),
            Err(CheckError::Invalid(_))
        ));
        webflow.insert("site_token".into(), "a".repeat(64).into());
        assert!(validate("webflow", "site_token", &webflow).is_ok());
    }
}
