//! Token exchanges, signed JWT assertions and private-key fields.
//!
//! A method of `kind: token_exchange` trades what the end user entered (a key and
//! secret, a user name and password, an API key, or a service-account key file) for a
//! short-lived access token at a token endpoint, then sends that token as `send` says,
//! like an OAuth method sends `{access_token}`. The `exchange` block is the request and
//! how its answer is read. With an `assertion`, the service first signs a JWT (RFC 7523)
//! with a private key the end user gave, usable as `{assertion}` in the request: the
//! `jwt-bearer` grant (Google service accounts, DocuSign, Salesforce) and `private_key_jwt`
//! client authentication are both that.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::request::ExpiryFormat;
use super::{BasicAuth, HttpMethod};

/// The name of the signed assertion in the templates of an exchange.
pub const ASSERTION: &str = "assertion";

/// The request that trades the end user's credentials for an access token, and how its
/// answer is read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exchange {
    /// The token endpoint: an https template over the fields (and the members of a
    /// key file: `{key_file.token_uri}`). Its host must be in `allowed_hosts`.
    pub url: String,
    /// The HTTP method (POST unless the provider takes GET).
    #[serde(default = "post", skip_serializing_if = "is_post")]
    pub method: HttpMethod,
    /// Request headers: templates over the fields.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    /// HTTP basic authentication of the request: templates over the fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basic: Option<BasicAuth>,
    /// The request body: `form` (`application/x-www-form-urlencoded`) or `json`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<ExchangeBody>,
    /// A JWT the service signs before the request, usable as `{assertion}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assertion: Option<Assertion>,
    /// Where the token and its lifetime are in the JSON answer.
    #[serde(default)]
    pub response: ExchangeResponse,
}

fn post() -> HttpMethod {
    HttpMethod::Post
}

fn is_post(m: &HttpMethod) -> bool {
    *m == HttpMethod::Post
}

/// The body of an exchange request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ExchangeBody {
    /// Form parameters, each a template (`grant_type: client_credentials`).
    Form(BTreeMap<String, String>),
    /// A JSON value sent as `application/json`; every string in it is a template.
    Json(serde_json::Value),
}

/// Where the values of the exchange's JSON answer are: RFC 6901 pointers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExchangeResponse {
    /// The access token (`/access_token` unless said otherwise), usable as
    /// `{access_token}` in `base_url`, `send` and the connection test.
    #[serde(default = "access_token_pointer")]
    pub access_token: String,
    /// The token's lifetime in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in: Option<String>,
    /// The token's expiry as a point in time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<ExchangeExpiry>,
    /// Other values of the answer kept with the token and usable as `{key}` (a site
    /// id, an instance host).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capture: Vec<ExchangeCapture>,
}

fn access_token_pointer() -> String {
    "/access_token".to_owned()
}

impl Default for ExchangeResponse {
    fn default() -> Self {
        ExchangeResponse {
            access_token: access_token_pointer(),
            expires_in: None,
            expires_at: None,
            capture: Vec::new(),
        }
    }
}

/// An expiry read from the exchange's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExchangeExpiry {
    /// RFC 6901 pointer to the value.
    pub pointer: String,
    /// How the value is written.
    pub format: ExpiryFormat,
}

/// A value kept from the exchange's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExchangeCapture {
    /// snake_case key, usable as `{key}`; must not clash with a field or derived key.
    pub key: String,
    /// Human label, e.g. "Site id".
    pub label: String,
    /// RFC 6901 pointer to the value (a string or a number).
    pub pointer: String,
    /// Anchored Rust regex the value must match; a named group `value` keeps only that
    /// part. The answer is refused when it does not match.
    pub pattern: String,
    /// A fake but format-true value, checked against `pattern` at load time.
    pub example: String,
}

/// A JWT the service signs with the end user's private key (RFC 7519, RFC 7523):
/// `iss`, `sub`, `aud`, `iat`, `exp`, `jti` and, with `scopes`, a `scope` claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assertion {
    /// The key of the field holding the private key (a field with `private_key`).
    pub key: String,
    /// The signature algorithm; the field's `private_key.algorithm` must be the same.
    #[serde(default)]
    pub algorithm: JwtAlgorithm,
    /// The `iss` claim: a template (`{key_file.client_email}`, `{integration_key}`).
    pub issuer: String,
    /// The `sub` claim, when there is one: a template. A template naming an optional
    /// field leaves the claim out when the field is empty (domain-wide delegation's
    /// user to act as).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The `aud` claim: a template (usually the token endpoint).
    pub audience: String,
    /// Scope ids (declared in the method's `scopes`) sent in the `scope` claim, joined
    /// by spaces.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
    /// Seconds between `iat` and `exp` (at most 3600).
    #[serde(default = "hour")]
    pub lifetime_seconds: u32,
    /// The `kid` header: a template (`{key_file.private_key_id}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
    /// Other string claims: templates.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub claims: BTreeMap<String, String>,
}

fn hour() -> u32 {
    3600
}

/// Signature algorithms of assertions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum JwtAlgorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-256: an RSA key.
    #[default]
    RS256,
    /// ECDSA over P-256 with SHA-256: a P-256 key.
    ES256,
}

impl JwtAlgorithm {
    /// The algorithm's JOSE name.
    pub fn as_str(self) -> &'static str {
        match self {
            JwtAlgorithm::RS256 => "RS256",
            JwtAlgorithm::ES256 => "ES256",
        }
    }
}

/// A field that holds a private key: a PEM key, or a JSON key file (a service account's)
/// whose members are named and whose private key is one of them. The value is
/// validated member by member and key by key, with a precise message for each fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrivateKey {
    /// `pem`: the value is a PEM private key; `json`: a JSON key file.
    #[serde(default)]
    pub container: KeyContainer,
    /// `json` only: the members the file must have (non-empty strings), usable in
    /// templates as `{field.member}`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// `json` only: the member holding the PEM private key (one of `members`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_member: Option<String>,
    /// `json` only: members whose value is fixed (`type: service_account`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub equals: BTreeMap<String, String>,
    /// The algorithm the key must serve: RS256 needs an RSA key, ES256 a P-256 key.
    #[serde(default)]
    pub algorithm: JwtAlgorithm,
    /// RS256 only: the smallest RSA modulus accepted, in bits (2048 unless said).
    #[serde(default = "min_bits")]
    pub min_bits: u32,
}

fn min_bits() -> u32 {
    2048
}

/// How a private key is given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum KeyContainer {
    /// A PEM private key (`-----BEGIN PRIVATE KEY-----`, PKCS#8; an RSA key may also be
    /// PKCS#1, `-----BEGIN RSA PRIVATE KEY-----`).
    #[default]
    Pem,
    /// A JSON key file with named members, one of which is the PEM private key.
    Json,
}

/// Discovery of an OAuth authorization server from the resource it protects, as MCP
/// servers publish it: the protected resource's metadata (RFC 9728) names the
/// authorization server, whose metadata (RFC 8414, or OpenID Connect discovery) gives
/// the authorization, token and registration endpoints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Discovery {
    /// The protected resource (an MCP server's URL): an https template over the fields.
    /// Sent as the `resource` parameter (RFC 8707) of the authorization and token
    /// requests.
    pub resource: String,
}
