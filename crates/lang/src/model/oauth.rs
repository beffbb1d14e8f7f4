//! The OAuth 2.0 part of the spec language: methods of `kind: oauth2`.
//!
//! An OAuth method keeps the shape of every other method (`fields` the end user fills
//! in, `base_url`, `allowed_hosts`, `send`, `connection_test`, `scopes`, `guide`) and
//! adds three things: the `grant`, the `setup_fields` the integrator registers once
//! (client id and secret), and the `oauth` block (endpoints, scopes asked, PKCE, how the
//! token endpoint is called and how its answer is read). In `send`, `base_url` and the
//! connection test, `{access_token}` and the keys of `token_response.capture` name
//! values of the token response.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Discovery;

/// The OAuth 2.0 grant a method uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Grant {
    /// The end user approves access at the provider; the code comes back to the
    /// redirect URI and is exchanged for tokens (RFC 6749 §4.1, with PKCE, RFC 7636).
    AuthorizationCode,
    /// The integrator's own credentials are exchanged for a token, with no end user
    /// (RFC 6749 §4.4; also server-to-server variants with another `grant_type`).
    ClientCredentials,
}

impl Grant {
    /// The grant's name in the spec language.
    pub fn as_str(self) -> &'static str {
        match self {
            Grant::AuthorizationCode => "authorization_code",
            Grant::ClientCredentials => "client_credentials",
        }
    }
}

/// Endpoints and token-exchange details of an OAuth 2.0 method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OAuth {
    /// Where the end user is sent to approve access (authorization code grant only);
    /// an https template over end-user `fields` (a subdomain, a tenant).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_url: Option<String>,
    /// The token endpoint: an https template over end-user `fields`. Required unless
    /// the endpoints are found by `discovery`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_url: Option<String>,
    /// Find the endpoints from the protected resource (an MCP server) instead of
    /// naming them: RFC 9728 resource metadata, then RFC 8414 server metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discovery: Option<Discovery>,
    /// Where the integrator registers the OAuth app (the provider's developer console
    /// or its guide to it), https; linked from the connector-profile page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_url: Option<String>,
    /// The endpoint that refreshes a token, when it is not `token_url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_url: Option<String>,
    /// The scopes asked for, and how they are written.
    #[serde(default)]
    pub scopes: ScopeRequest,
    /// PKCE with the S256 challenge (RFC 7636). On unless turned off, for providers
    /// that reject the parameters.
    #[serde(default = "yes")]
    pub pkce: bool,
    /// Extra parameters of the authorization URL (e.g. `access_type: offline`):
    /// templates over end-user `fields` and non-secret `setup_fields`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub authorization_params: BTreeMap<String, String>,
    /// Extra parameters of every token request (e.g. `account_id: "{account_id}"`):
    /// templates over end-user `fields` and `setup_fields`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub token_params: BTreeMap<String, String>,
    /// The `grant_type` sent by a client-credentials method, when the provider names it
    /// otherwise (Zoom: `account_credentials`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant_type: Option<String>,
    /// How the client authenticates at the token endpoint.
    #[serde(default)]
    pub client_auth: ClientAuth,
    /// How token requests are encoded.
    #[serde(default)]
    pub token_request: TokenRequestFormat,
    /// How the token response is read.
    #[serde(default)]
    pub token_response: TokenResponse,
    /// Whose OAuth client (the `setup_fields`) a connection uses: the integrator's,
    /// registered once and configured in the service; the end user's, registered at
    /// the provider by each end user and entered in the form; or either.
    #[serde(default, skip_serializing_if = "is_integrator")]
    pub client: ClientOwner,
}

fn is_integrator(c: &ClientOwner) -> bool {
    *c == ClientOwner::Integrator
}

/// Who registers the OAuth client a connection uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClientOwner {
    /// The integrator registers one app for every end user; the service is configured
    /// with its client id and secret.
    #[default]
    Integrator,
    /// Each end user registers their own app at the provider and enters its client id
    /// and secret in the form.
    EndUser,
    /// The end user may enter their own app's client; without one, the integrator's
    /// configured client is used.
    Either,
    /// A client registered for each connection by dynamic client registration
    /// (RFC 7591) at the endpoint `discovery` finds; the registration is sealed into
    /// the connection's result, never stored by the service.
    Dynamic,
}

impl ClientOwner {
    /// The value's name in the spec language.
    pub fn as_str(self) -> &'static str {
        match self {
            ClientOwner::Integrator => "integrator",
            ClientOwner::EndUser => "end_user",
            ClientOwner::Either => "either",
            ClientOwner::Dynamic => "dynamic",
        }
    }
}

fn yes() -> bool {
    true
}

/// The scopes an OAuth method asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeRequest {
    /// Scope ids asked for when the caller names none; each is declared in the
    /// method's `scopes`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub default: Vec<String>,
    /// Scope ids always asked for, whatever the caller names (the connection test's
    /// scopes, `offline_access` for a refresh token).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    /// What joins the scopes in the `scope` parameter (RFC 6749: a space).
    #[serde(default = "space")]
    pub separator: String,
}

fn space() -> String {
    " ".to_owned()
}

impl Default for ScopeRequest {
    fn default() -> Self {
        ScopeRequest {
            default: Vec::new(),
            required: Vec::new(),
            separator: space(),
        }
    }
}

/// Client authentication at the token endpoint (RFC 6749 §2.3.1).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClientAuth {
    /// HTTP basic authentication with the client id and secret.
    #[default]
    ClientSecretBasic,
    /// `client_id` and `client_secret` in the request body.
    ClientSecretPost,
}

/// The encoding of token requests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TokenRequestFormat {
    /// `application/x-www-form-urlencoded` (RFC 6749).
    #[default]
    Form,
    /// A JSON object (Notion, Airtable accept it; some providers require it).
    Json,
}

/// Where the values of the token response are found (top-level JSON keys).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenResponse {
    /// The key of the access token.
    #[serde(default = "access_token")]
    pub access_token: String,
    /// The key of the refresh token, for providers that issue one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// The key of the lifetime in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in: Option<String>,
    /// The key of the expiry as a Unix time in seconds, for providers that send that.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    /// Values of the response kept with the tokens and usable as `{key}` in
    /// `base_url`, `send` and the connection test (Salesforce's `instance_url`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capture: Vec<Capture>,
}

fn access_token() -> String {
    "access_token".to_owned()
}

impl Default for TokenResponse {
    fn default() -> Self {
        TokenResponse {
            access_token: access_token(),
            refresh_token: None,
            expires_in: None,
            expires_at: None,
            capture: Vec::new(),
        }
    }
}

/// A value taken from the token response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Capture {
    /// snake_case key, usable as `{key}`; must not clash with a field or derived key.
    pub key: String,
    /// Human label, e.g. "Instance host".
    pub label: String,
    /// The top-level key of the token response it is read from, or (with
    /// `source: callback`) the query parameter of the provider's redirect.
    pub from: String,
    /// Where the value is: the token response (the default) or the query of the
    /// provider's redirect back to the service (an account id, a shop, a realm).
    #[serde(default, skip_serializing_if = "is_token_response")]
    pub source: CaptureSource,
    /// Anchored Rust regex the value must match; a named group `value` keeps only that
    /// part (e.g. the host of an URL). The response is refused when it does not match.
    pub pattern: String,
    /// A fake but format-true value of the response member; checked against `pattern`
    /// at load time (a test vector, like a field's examples).
    pub example: String,
}

fn is_token_response(s: &CaptureSource) -> bool {
    *s == CaptureSource::TokenResponse
}

/// Where a captured value comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CaptureSource {
    /// A top-level member of the token response.
    #[default]
    TokenResponse,
    /// A query parameter of the provider's redirect to the callback (authorization code
    /// grant only).
    Callback,
}

/// The name of the access token in templates of an OAuth method.
pub const ACCESS_TOKEN: &str = "access_token";
