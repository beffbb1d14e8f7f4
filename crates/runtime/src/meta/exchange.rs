//! Metadata of token exchanges (`kind: token_exchange`), JWT assertions, private-key
//! fields and OAuth discovery, emitted by the generator (and built by the loader). The
//! requests themselves are the service's; this module says what they are and reads
//! their answers.

use std::collections::BTreeMap;

use secrecy::SecretString;

use crate::learn::ExpiryFormat;
use crate::matcher::LazyRegex;
use crate::private_key::JwtAlg;
use crate::template::Template;

/// The body of an exchange request.
#[derive(Debug, Clone, Copy)]
pub enum ExchangeBodyMeta {
    /// Form parameters: (name, template).
    Form(&'static [(&'static str, Template<'static>)]),
    /// JSON text whose strings are templates.
    Json(&'static str),
}

/// A value kept from an exchange's answer.
pub struct ExchangeCaptureMeta {
    /// Key usable in templates.
    pub key: &'static str,
    /// Label.
    pub label: &'static str,
    /// RFC 6901 pointer into the answer.
    pub pointer: &'static str,
    /// Anchored pattern; a group named `value` keeps only that part.
    pub pattern: &'static LazyRegex,
}

impl std::fmt::Debug for ExchangeCaptureMeta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExchangeCaptureMeta")
            .field("key", &self.key)
            .field("pointer", &self.pointer)
            .finish_non_exhaustive()
    }
}

/// A JWT assertion the service signs before the exchange.
#[derive(Debug)]
pub struct AssertionMeta {
    /// The key of the private-key field.
    pub key_field: &'static str,
    /// The signature algorithm.
    pub algorithm: JwtAlg,
    /// `iss`.
    pub issuer: Template<'static>,
    /// `sub`, when given (left out when a value it names is absent).
    pub subject: Option<Template<'static>>,
    /// `aud`.
    pub audience: Template<'static>,
    /// Scopes of the `scope` claim, joined by spaces.
    pub scopes: &'static [&'static str],
    /// Seconds from `iat` to `exp`.
    pub lifetime_seconds: u32,
    /// The `kid` header.
    pub key_id: Option<Template<'static>>,
    /// Other string claims.
    pub claims: &'static [(&'static str, Template<'static>)],
}

/// A token exchange: the request, and where the answer's values are.
#[derive(Debug)]
pub struct ExchangeMeta {
    /// The token endpoint.
    pub url: Template<'static>,
    /// `GET` or `POST`.
    pub method: &'static str,
    /// Request headers.
    pub headers: &'static [(&'static str, Template<'static>)],
    /// Basic authentication: (user, password).
    pub basic: Option<(Template<'static>, Template<'static>)>,
    /// The body.
    pub body: Option<ExchangeBodyMeta>,
    /// The assertion signed first, usable as `{assertion}`.
    pub assertion: Option<AssertionMeta>,
    /// Pointer to the access token.
    pub access_token: &'static str,
    /// Pointer to the lifetime in seconds.
    pub expires_in: Option<&'static str>,
    /// Pointer to the expiry, and how it is written.
    pub expires_at: Option<(&'static str, ExpiryFormat)>,
    /// Values kept from the answer.
    pub captures: &'static [ExchangeCaptureMeta],
}

/// What an exchange answered, typed: the token wrapped.
#[derive(Debug, Clone)]
pub struct ExchangedToken {
    /// The access token.
    pub access_token: SecretString,
    /// Expiry as Unix seconds, when the answer says.
    pub expires_at: Option<u64>,
    /// Captured values by key.
    pub captured: BTreeMap<&'static str, String>,
}

/// Why an exchange's answer cannot be read. Names what is wrong, never a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExchangeAnswerError {
    /// Nothing (or an empty string) at the token's pointer.
    NoToken(&'static str),
    /// A captured value is absent or not of the declared form.
    Capture(&'static str),
}

impl std::fmt::Display for ExchangeAnswerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExchangeAnswerError::NoToken(p) => {
                write!(
                    f,
                    "the token endpoint's answer has no access token at `{p}`"
                )
            }
            ExchangeAnswerError::Capture(p) => write!(
                f,
                "the token endpoint's answer has no value of the declared form at `{p}`"
            ),
        }
    }
}

impl std::error::Error for ExchangeAnswerError {}

impl ExchangeMeta {
    /// Reads the exchange's JSON answer. `now` is the current Unix time.
    pub fn read_answer(
        &self,
        body: &serde_json::Value,
        now: u64,
    ) -> Result<ExchangedToken, ExchangeAnswerError> {
        let token = body
            .pointer(self.access_token)
            .and_then(serde_json::Value::as_str)
            .filter(|s| !s.is_empty())
            .ok_or(ExchangeAnswerError::NoToken(self.access_token))?;
        let expires_at = match (self.expires_in, self.expires_at) {
            (Some(p), _) => body
                .pointer(p)
                .and_then(super::oauth::whole_seconds)
                .map(|s| now.saturating_add(s)),
            (None, Some((p, format))) => match body.pointer(p) {
                Some(serde_json::Value::String(s)) => crate::learn::parse_expiry(s, format),
                Some(serde_json::Value::Number(n)) if format == ExpiryFormat::UnixSeconds => {
                    n.as_i64()
                }
                _ => None,
            }
            .and_then(|t| u64::try_from(t).ok()),
            (None, None) => None,
        };
        let mut captured = BTreeMap::new();
        for c in self.captures {
            let text = match body.pointer(c.pointer) {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Number(n)) => n.to_string(),
                _ => return Err(ExchangeAnswerError::Capture(c.pointer)),
            };
            let caps = c
                .pattern
                .get()
                .captures(&text)
                .ok_or(ExchangeAnswerError::Capture(c.pointer))?;
            let kept = caps
                .name("value")
                .or_else(|| caps.get(0))
                .map_or("", |m| m.as_str())
                .to_owned();
            captured.insert(c.key, kept);
        }
        Ok(ExchangedToken {
            access_token: SecretString::from(token.to_owned()),
            expires_at,
            captured,
        })
    }
}

/// OAuth discovery from a protected resource (RFC 9728, RFC 8414).
#[derive(Debug)]
pub struct DiscoveryMeta {
    /// The protected resource's URL template.
    pub resource: Template<'static>,
}
