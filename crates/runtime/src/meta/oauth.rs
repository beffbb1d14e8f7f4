//! OAuth 2.0 metadata of a `kind: oauth2` method, emitted by the generator, and what
//! the service builds from it: the endpoint URLs (rendered per component like every
//! other URL), the scope parameter, the extra parameters, and the typed token
//! response with its captured values. The exchanges themselves are the service's.

use std::collections::BTreeMap;

use secrecy::SecretString;

use super::MethodMeta;
use crate::matcher::LazyRegex;
use crate::request_url::{UrlPart, UrlValueError, render_url};
use crate::template::{Template, render_template};

/// The grant of an OAuth method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrantKind {
    /// Authorization code (with PKCE unless turned off).
    AuthorizationCode,
    /// Client credentials (or a server-to-server variant with another `grant_type`).
    ClientCredentials,
}

/// Who registers the OAuth client a connection uses (the spec's `oauth.client`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientOwner {
    /// The integrator's client, configured in the service.
    Integrator,
    /// The end user's own client, entered in the form with each connection.
    EndUser,
    /// The end user's when entered, else the integrator's.
    Either,
    /// Registered for each connection by dynamic client registration.
    Dynamic,
}

impl ClientOwner {
    /// The value's name in the spec language and the service's answers.
    pub fn as_str(self) -> &'static str {
        match self {
            ClientOwner::Integrator => "integrator",
            ClientOwner::EndUser => "end_user",
            ClientOwner::Either => "either",
            ClientOwner::Dynamic => "dynamic",
        }
    }
}

/// Where the values of the token response are found.
#[derive(Debug, Clone, Copy)]
pub struct TokenResponseMeta {
    /// Key of the access token.
    pub access_token: &'static str,
    /// Key of the refresh token.
    pub refresh_token: Option<&'static str>,
    /// Key of the lifetime in seconds.
    pub expires_in: Option<&'static str>,
    /// Key of the expiry as Unix seconds.
    pub expires_at: Option<&'static str>,
}

/// A value captured from the token response.
pub struct CaptureMeta {
    /// Key usable in templates.
    pub key: &'static str,
    /// Label.
    pub label: &'static str,
    /// Top-level key of the token response, or the callback's query parameter.
    pub from: &'static str,
    /// Anchored pattern; a group named `value` keeps only that part.
    pub pattern: &'static LazyRegex,
    /// Where the value is.
    pub source: CaptureSource,
}

/// Where a captured value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptureSource {
    /// The token response.
    TokenResponse,
    /// The query of the provider's redirect to the callback.
    Callback,
}

impl CaptureMeta {
    /// The part of `v` the capture keeps, or `None` when `v` does not match.
    pub fn keep(&self, v: &str) -> Option<String> {
        let caps = self.pattern.get().captures(v)?;
        Some(
            caps.name("value")
                .or_else(|| caps.get(0))
                .map_or("", |m| m.as_str())
                .to_owned(),
        )
    }
}

impl std::fmt::Debug for CaptureMeta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaptureMeta")
            .field("key", &self.key)
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

/// The OAuth part of a method.
#[derive(Debug)]
pub struct OAuthMeta {
    /// The grant.
    pub grant: GrantKind,
    /// The setup form (client id and secret …): its tables validate what the
    /// integrator configures, like any form (`setup.validate(values)`: the typed setup
    /// struct, secrets wrapped).
    pub setup: &'static MethodMeta,
    /// Authorization endpoint template (authorization code grant).
    pub authorization_url: Option<Template<'static>>,
    /// Token endpoint template (`None`: found by discovery).
    pub token_url: Option<Template<'static>>,
    /// Refresh endpoint template, when not the token endpoint.
    pub refresh_url: Option<Template<'static>>,
    /// Scopes asked for when the caller names none.
    pub default_scopes: &'static [&'static str],
    /// Scopes always asked for.
    pub required_scopes: &'static [&'static str],
    /// What joins scopes in the `scope` parameter.
    pub scope_separator: &'static str,
    /// PKCE with S256.
    pub pkce: bool,
    /// Extra authorization parameters: (name, template).
    pub authorization_params: &'static [(&'static str, Template<'static>)],
    /// Extra token request parameters: (name, template).
    pub token_params: &'static [(&'static str, Template<'static>)],
    /// `grant_type` of a client-credentials method when not `client_credentials`.
    pub grant_type: Option<&'static str>,
    /// Client id and secret in the body instead of HTTP basic authentication.
    pub client_secret_post: bool,
    /// Token requests as JSON instead of a form.
    pub json_requests: bool,
    /// How the token response is read.
    pub token_response: TokenResponseMeta,
    /// Values kept from the token response.
    pub captures: &'static [CaptureMeta],
    /// Whose client a connection uses.
    pub client: ClientOwner,
    /// Endpoints found from the protected resource instead of named.
    pub discovery: Option<super::exchange::DiscoveryMeta>,
}

/// Which OAuth endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// Where the end user approves.
    Authorization,
    /// Code exchange and client credentials.
    Token,
    /// Refresh (the token endpoint unless the spec names another).
    Refresh,
}

impl OAuthMeta {
    /// Renders an endpoint's URL from the end user's values; `Ok(None)` when the method
    /// has no such endpoint or a value is missing.
    pub fn endpoint<'v>(
        &self,
        which: Endpoint,
        lookup: &dyn Fn(&str) -> Option<&'v str>,
    ) -> Result<Option<String>, UrlValueError> {
        let t = match which {
            Endpoint::Authorization => self.authorization_url.as_ref(),
            Endpoint::Token => self.token_url.as_ref(),
            Endpoint::Refresh => self.refresh_url.as_ref().or(self.token_url.as_ref()),
        };
        match t {
            Some(t) => render_url(&[t], UrlPart::Scheme, lookup),
            None => Ok(None),
        }
    }

    /// The scope ids to ask for: the caller's (or the defaults), then the required
    /// ones, each once, in that order.
    pub fn scopes<'a>(&self, asked: Option<&'a [String]>) -> Vec<&'a str> {
        let mut out: Vec<&'a str> = Vec::new();
        let first: Vec<&'a str> = match asked {
            Some(a) => a.iter().map(String::as_str).collect(),
            None => self.default_scopes.to_vec(),
        };
        for s in first
            .into_iter()
            .chain(self.required_scopes.iter().copied())
        {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    /// Renders extra parameters; a parameter naming an absent value is left out.
    pub fn params<'v>(
        params: &[(&'static str, Template<'static>)],
        lookup: &dyn Fn(&str) -> Option<&'v str>,
    ) -> Vec<(&'static str, String)> {
        params
            .iter()
            .filter_map(|(n, t)| render_template(t, lookup).map(|v| (*n, v)))
            .collect()
    }

    /// The values captured from the provider's redirect to the callback (`param` gives a
    /// query parameter). A missing or unexpected one is an error naming the parameter.
    pub fn read_callback<'p>(
        &self,
        param: &dyn Fn(&str) -> Option<&'p str>,
    ) -> Result<BTreeMap<&'static str, String>, TokenResponseError> {
        let mut out = BTreeMap::new();
        for c in self
            .captures
            .iter()
            .filter(|c| c.source == CaptureSource::Callback)
        {
            let v = param(c.from).ok_or(TokenResponseError::Missing(c.from))?;
            let kept = c.keep(v).ok_or(TokenResponseError::Unexpected(c.from))?;
            out.insert(c.key, kept);
        }
        Ok(out)
    }

    /// Reads a token endpoint's JSON answer into a [`TokenSet`]. `now` is the current
    /// Unix time, for `expires_in`. Errors name what is wrong, never a value.
    pub fn read_token_response(
        &self,
        body: &serde_json::Value,
        now: u64,
    ) -> Result<TokenSet, TokenResponseError> {
        let obj = body.as_object().ok_or(TokenResponseError::NotAnObject)?;
        let text = |k: &str| obj.get(k).and_then(serde_json::Value::as_str);
        let tr = &self.token_response;
        let access = text(tr.access_token)
            .filter(|v| !v.is_empty())
            .ok_or(TokenResponseError::Missing(tr.access_token))?;
        let number = |k: &str| obj.get(k).and_then(whole_seconds);
        let expires_at = match (tr.expires_in, tr.expires_at) {
            (_, Some(k)) => number(k),
            (Some(k), None) => number(k).map(|s| now.saturating_add(s)),
            (None, None) => number("expires_in").map(|s| now.saturating_add(s)),
        };
        let mut captured = BTreeMap::new();
        for c in self
            .captures
            .iter()
            .filter(|c| c.source == CaptureSource::TokenResponse)
        {
            let v = text(c.from).ok_or(TokenResponseError::Missing(c.from))?;
            let kept = c.keep(v).ok_or(TokenResponseError::Unexpected(c.from))?;
            captured.insert(c.key, kept);
        }
        Ok(TokenSet {
            access_token: SecretString::from(access.to_owned()),
            refresh_token: tr
                .refresh_token
                .or(Some("refresh_token"))
                .and_then(text)
                .filter(|v| !v.is_empty())
                .map(|v| SecretString::from(v.to_owned())),
            token_type: text("token_type").map(str::to_owned),
            scope: text("scope").map(str::to_owned),
            expires_at,
            captured,
        })
    }
}

/// What a token endpoint answered, typed: secrets wrapped.
#[derive(Debug, Clone)]
pub struct TokenSet {
    /// The access token.
    pub access_token: SecretString,
    /// The refresh token, when one was issued.
    pub refresh_token: Option<SecretString>,
    /// `token_type`, as sent.
    pub token_type: Option<String>,
    /// The granted scopes, as sent.
    pub scope: Option<String>,
    /// Expiry as Unix seconds.
    pub expires_at: Option<u64>,
    /// Captured values by key.
    pub captured: BTreeMap<&'static str, String>,
}

/// Why a token response cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenResponseError {
    /// The body is not a JSON object.
    NotAnObject,
    /// A key the spec names is absent.
    Missing(&'static str),
    /// A captured value does not have the form the spec declares.
    Unexpected(&'static str),
}

impl std::fmt::Display for TokenResponseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TokenResponseError::NotAnObject => {
                f.write_str("the token response is not a JSON object")
            }
            TokenResponseError::Missing(k) => write!(f, "the token response has no `{k}`"),
            TokenResponseError::Unexpected(k) => {
                write!(
                    f,
                    "the token response's `{k}` does not have the declared form"
                )
            }
        }
    }
}

impl std::error::Error for TokenResponseError {}

/// A count of seconds as token endpoints write it: a JSON integer, a whole number written
/// as a float or with an exponent (`3600.0`, `3.6e3`), or a string of either. A fraction,
/// a negative or a value past 2^53 is no count (the token then has no known expiry).
pub(crate) fn whole_seconds(v: &serde_json::Value) -> Option<u64> {
    const MAX_EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    let whole = |f: f64| {
        (f.is_finite() && f >= 0.0 && f.fract() == 0.0 && f <= MAX_EXACT).then_some(f as u64)
    };
    match v {
        serde_json::Value::Number(n) => n.as_u64().or_else(|| n.as_f64().and_then(whole)),
        serde_json::Value::String(s) => {
            let s = s.trim();
            s.parse::<u64>()
                .ok()
                .or_else(|| s.parse::<f64>().ok().and_then(whole))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::whole_seconds;
    use serde_json::json;

    #[test]
    fn seconds_in_every_json_form() {
        for v in [
            json!(3600),
            json!(3600.0),
            json!(3.6e3),
            json!("3600"),
            json!(" 3600.0 "),
            json!("3.6e3"),
        ] {
            assert_eq!(whole_seconds(&v), Some(3600), "{v}");
        }
        for v in [
            json!(-1),
            json!(1.5),
            json!("1.5"),
            json!("soon"),
            json!(null),
            json!(1e300),
            json!("NaN"),
        ] {
            assert_eq!(whole_seconds(&v), None, "{v}");
        }
    }
}
