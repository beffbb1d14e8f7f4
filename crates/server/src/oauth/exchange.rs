//! Token requests with the `oauth2` crate, over the service's own HTTP client.
//!
//! `oauth2` 5 ships an adapter for reqwest 0.12 only; the service uses reqwest 0.13
//! (rustls over ring, the outbound address policy in its resolver, no redirects, no
//! proxy), so [`Outbound`] implements the crate's `AsyncHttpClient` over it. The
//! adapter also does what the spec asks of the request and answer that the crate does
//! not model: a JSON body instead of a form, another `grant_type` for
//! server-to-server grants, an access token under another key.
//!
//! Nothing here logs or returns a URL, a request or a response body: errors are
//! classified ([`OutboundError`]) and provider errors are reduced to their code and
//! a cleaned description.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use axum::http::StatusCode;
use connectspec_runtime::{ExposeSecret, MethodMeta, OAuthMeta, SecretString, TokenSet};
use oauth2::basic::{
    BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenIntrospectionResponse,
    BasicTokenType,
};
use oauth2::{
    AsyncHttpClient, AuthType, AuthorizationCode, Client, ClientId, ClientSecret, ExtraTokenFields,
    HttpRequest, HttpResponse, PkceCodeVerifier, RedirectUrl, RefreshToken, RequestTokenError,
    Scope, StandardRevocableToken, StandardTokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::i18n::msg;
use crate::outbound::refused;
use crate::problem::{Problem, ProviderError};

/// Largest token response read, in bytes.
pub(crate) const MAX_ANSWER: usize = 64 * 1024;

/// Every member of the token response the crate does not name (`instance_url`, …).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Extra {
    #[serde(flatten)]
    rest: BTreeMap<String, serde_json::Value>,
}

impl ExtraTokenFields for Extra {}

type TokenResponse = StandardTokenResponse<Extra, BasicTokenType>;
type BaseClient = Client<
    BasicErrorResponse,
    TokenResponse,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
>;

/// Why a request to a token endpoint got no answer. No variant holds text from the
/// HTTP client, which could quote the URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboundError {
    /// No answer in time.
    Timeout,
    /// The host resolves only to internal addresses.
    Refused,
    /// The connection failed.
    Connect,
    /// The answer is over the size limit.
    TooLarge,
    /// Anything else.
    Other,
}

impl std::fmt::Display for OutboundError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            OutboundError::Timeout => "timeout",
            OutboundError::Refused => "refused address",
            OutboundError::Connect => "connect error",
            OutboundError::TooLarge => "answer too large",
            OutboundError::Other => "request error",
        })
    }
}

impl std::error::Error for OutboundError {}

impl OutboundError {
    /// The selector of the catalogue's sentences about it (`what` of
    /// `problem-provider-unreachable-token`).
    pub fn key(&self) -> &'static str {
        match self {
            OutboundError::Timeout => "timeout",
            OutboundError::Refused => "refused",
            OutboundError::Connect => "connect",
            OutboundError::TooLarge => "too-large",
            OutboundError::Other => "other",
        }
    }
}

/// The crate's HTTP client: the service's reqwest client, shaping the request and
/// answer as the spec says.
pub struct Outbound<'a> {
    client: &'a reqwest::Client,
    oauth: &'static OAuthMeta,
    /// Rename `grant_type` (client credentials only).
    grant_type: Option<&'static str>,
}

type Answer<'c> = Pin<Box<dyn Future<Output = Result<HttpResponse, OutboundError>> + Send + 'c>>;

impl<'c> AsyncHttpClient<'c> for Outbound<'_> {
    type Error = OutboundError;
    type Future = Answer<'c>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(self.send(request))
    }
}

impl Outbound<'_> {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, OutboundError> {
        let (mut parts, body) = request.into_parts();
        let mut body = body;
        let form_pairs =
            || -> Vec<(String, String)> { form_urlencoded::parse(&body).into_owned().collect() };
        if self.grant_type.is_some() || self.oauth.json_requests {
            let mut pairs = form_pairs();
            if let Some(g) = self.grant_type {
                for (k, v) in &mut pairs {
                    if k == "grant_type" {
                        *v = g.to_owned();
                    }
                }
            }
            let new_body = if self.oauth.json_requests {
                parts.headers.insert(
                    http::header::CONTENT_TYPE,
                    http::HeaderValue::from_static("application/json"),
                );
                let map: serde_json::Map<String, serde_json::Value> = pairs
                    .iter()
                    .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                    .collect();
                serde_json::to_vec(&map).map_err(|_| OutboundError::Other)?
            } else {
                let mut s = form_urlencoded::Serializer::new(String::new());
                for (k, v) in &pairs {
                    s.append_pair(k, v);
                }
                s.finish().into_bytes()
            };
            for (_, v) in &mut pairs {
                zeroize::Zeroize::zeroize(v);
            }
            zeroize::Zeroize::zeroize(&mut body);
            body = new_body;
        }
        if let Some(v) = parts.headers.get_mut(http::header::AUTHORIZATION) {
            v.set_sensitive(true);
        }
        let request = http::Request::from_parts(parts, body);
        let request = reqwest::Request::try_from(request).map_err(|_| OutboundError::Other)?;
        let mut response = self.client.execute(request).await.map_err(classify)?;
        let status = response.status();
        let headers = response.headers().clone();
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(classify)? {
            if bytes.len() + chunk.len() > MAX_ANSWER {
                return Err(OutboundError::TooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        let bytes = self.shape_answer(bytes);
        let mut out = http::Response::new(bytes);
        *out.status_mut() = status;
        *out.headers_mut() = headers;
        Ok(out)
    }

    /// The answer as the crate reads it: the access token under `access_token`, and
    /// `token_type` present (RFC 6749 requires it; the service sends the token the way
    /// the spec's `send` says, whatever the type).
    fn shape_answer(&self, bytes: Vec<u8>) -> Vec<u8> {
        let Ok(serde_json::Value::Object(mut obj)) = serde_json::from_slice(&bytes) else {
            return bytes;
        };
        if obj.contains_key("error") {
            return bytes;
        }
        let key = self.oauth.token_response.access_token;
        if key != "access_token"
            && let Some(v) = obj.remove(key)
        {
            obj.insert("access_token".into(), v);
        }
        obj.entry("token_type")
            .or_insert_with(|| serde_json::Value::String("bearer".into()));
        // The crate reads `expires_in` as an unsigned integer only, and fails the whole
        // answer on "3600", 3600.0 or 3.6e3. The spec's token mapping decides what an
        // expiry is; any other form is set aside for it (see `restore_expires_in`).
        if let Some(v) = obj.remove("expires_in") {
            let key = if v.is_u64() || v.is_null() {
                "expires_in"
            } else {
                SET_ASIDE_EXPIRES_IN
            };
            obj.insert(key.into(), v);
        }
        let mut bytes = bytes;
        zeroize::Zeroize::zeroize(&mut bytes);
        serde_json::to_vec(&obj).unwrap_or_default()
    }
}

/// Where [`Outbound::shape_answer`] keeps an `expires_in` the crate cannot read; not a
/// name a provider sends.
const SET_ASIDE_EXPIRES_IN: &str = "connectspec:expires_in";

/// The answer as the provider sent it again: an `expires_in` set aside goes back to
/// its name, for the token mapping to read.
fn restore_expires_in(answer: &mut serde_json::Value) {
    if let Some(obj) = answer.as_object_mut()
        && let Some(v) = obj.remove(SET_ASIDE_EXPIRES_IN)
    {
        obj.insert("expires_in".into(), v);
    }
}

pub(crate) fn classify(e: reqwest::Error) -> OutboundError {
    if e.is_timeout() {
        OutboundError::Timeout
    } else if refused(&e).is_some() {
        OutboundError::Refused
    } else if e.is_connect() {
        OutboundError::Connect
    } else {
        OutboundError::Other
    }
}

/// The client credentials of a method and where its token requests go.
pub struct Exchange<'a> {
    /// The method.
    pub meta: &'static MethodMeta,
    /// Its OAuth part.
    pub oauth: &'static OAuthMeta,
    /// The client id.
    pub client_id: &'a str,
    /// The client secret, for confidential clients.
    pub client_secret: Option<&'a SecretString>,
    /// The HTTP client to use.
    pub http: &'a reqwest::Client,
    /// The service's timeout for provider requests.
    pub timeout: Duration,
}

impl Exchange<'_> {
    fn client(&self, redirect: Option<&str>) -> Result<BaseClient, Problem> {
        let mut c = BaseClient::new(ClientId::new(self.client_id.to_owned()));
        if let Some(s) = self.client_secret {
            c = c.set_client_secret(ClientSecret::new(s.expose_secret().to_owned()));
        }
        if self.oauth.client_secret_post || self.client_secret.is_none() {
            c = c.set_auth_type(AuthType::RequestBody);
        }
        if let Some(r) = redirect {
            let r = RedirectUrl::new(r.to_owned()).map_err(|_| {
                crate::connection_test::internal(msg!("problem-internal-redirect-uri"))
            })?;
            c = c.set_redirect_uri(r);
        }
        Ok(c)
    }

    fn outbound(&self, grant_type: Option<&'static str>) -> Outbound<'_> {
        Outbound {
            client: self.http,
            oauth: self.oauth,
            grant_type,
        }
    }

    /// Exchanges an authorization code.
    pub async fn code(
        &self,
        token_url: &Url,
        redirect: &str,
        code: SecretString,
        verifier: Option<SecretString>,
        extra: &[(&'static str, String)],
    ) -> Result<TokenSet, Problem> {
        let client = self
            .client(Some(redirect))?
            .set_token_uri(TokenUrl::from_url(token_url.clone()));
        let mut req = client.exchange_code(AuthorizationCode::new(code.expose_secret().to_owned()));
        if let Some(v) = verifier {
            req = req.set_pkce_verifier(PkceCodeVerifier::new(v.expose_secret().to_owned()));
        }
        for (k, v) in extra {
            req = req.add_extra_param(*k, v.clone());
        }
        let http = self.outbound(None);
        let answer = self.timed(req.request_async(&http)).await;
        self.finish(answer)
    }

    /// Refreshes an access token.
    pub async fn refresh(
        &self,
        url: &Url,
        refresh_token: SecretString,
        extra: &[(&'static str, String)],
    ) -> Result<TokenSet, Problem> {
        let client = self
            .client(None)?
            .set_token_uri(TokenUrl::from_url(url.clone()));
        let token = RefreshToken::new(refresh_token.expose_secret().to_owned());
        let mut req = client.exchange_refresh_token(&token);
        for (k, v) in extra {
            req = req.add_extra_param(*k, v.clone());
        }
        let http = self.outbound(None);
        let answer = self.timed(req.request_async(&http)).await;
        self.finish(answer)
    }

    /// Fetches a token with the client's own credentials.
    pub async fn client_credentials(
        &self,
        url: &Url,
        scope: Option<String>,
        extra: &[(&'static str, String)],
    ) -> Result<TokenSet, Problem> {
        let client = self
            .client(None)?
            .set_token_uri(TokenUrl::from_url(url.clone()));
        let mut req = client.exchange_client_credentials();
        if let Some(s) = scope {
            req = req.add_scope(Scope::new(s));
        }
        for (k, v) in extra {
            req = req.add_extra_param(*k, v.clone());
        }
        let http = self.outbound(self.oauth.grant_type);
        let answer = self.timed(req.request_async(&http)).await;
        self.finish(answer)
    }

    async fn timed<F, T>(
        &self,
        f: F,
    ) -> Result<T, RequestTokenError<OutboundError, BasicErrorResponse>>
    where
        F: Future<Output = Result<T, RequestTokenError<OutboundError, BasicErrorResponse>>>,
    {
        match tokio::time::timeout(self.timeout, f).await {
            Ok(r) => r,
            Err(_) => Err(RequestTokenError::Request(OutboundError::Timeout)),
        }
    }

    fn finish(
        &self,
        answer: Result<TokenResponse, RequestTokenError<OutboundError, BasicErrorResponse>>,
    ) -> Result<TokenSet, Problem> {
        let name = self.meta.provider_name;
        match answer {
            Ok(tokens) => {
                let mut value = serde_json::to_value(&tokens).map_err(|_| bad_answer(name))?;
                restore_expires_in(&mut value);
                let set = self
                    .oauth
                    .read_token_response(&value, crate::state::now())
                    .map_err(|e| {
                        tracing::warn!(provider = self.meta.provider_id, method = self.meta.id, problem = %e, "token response refused");
                        bad_answer(name)
                    })?;
                // Tokens and captured values go into later requests' headers and URLs.
                if let Some(member) = super::clean::control_in(&set) {
                    tracing::warn!(
                        provider = self.meta.provider_id,
                        method = self.meta.id,
                        member,
                        "token response refused: a control character in a value"
                    );
                    return Err(bad_answer(name));
                }
                Ok(set)
            }
            Err(RequestTokenError::ServerResponse(e)) => {
                let code = e.error().as_ref().to_owned();
                tracing::info!(
                    provider = self.meta.provider_id,
                    method = self.meta.id,
                    error = clean_code(&code).as_str(),
                    "token endpoint refused"
                );
                Err(token_error(
                    self.meta,
                    &code,
                    e.error_description().map(String::as_str),
                ))
            }
            Err(RequestTokenError::Request(e)) => {
                tracing::warn!(provider = self.meta.provider_id, method = self.meta.id, error_kind = %e, "token endpoint not reached");
                Err(match e {
                    OutboundError::Timeout => Problem::new(
                        StatusCode::GATEWAY_TIMEOUT,
                        "provider-timeout",
                        msg!("problem-provider-timeout-token", provider = name),
                    ),
                    OutboundError::Refused => {
                        crate::connection_test::host_problem(self.meta, "internal-only")
                    }
                    _ => Problem::new(
                        StatusCode::BAD_GATEWAY,
                        "provider-unreachable",
                        msg!(
                            "problem-provider-unreachable-token",
                            provider = name,
                            what = e.key()
                        ),
                    ),
                })
            }
            Err(RequestTokenError::Parse(..) | RequestTokenError::Other(_)) => {
                tracing::warn!(
                    provider = self.meta.provider_id,
                    method = self.meta.id,
                    "token response unreadable"
                );
                Err(bad_answer(name))
            }
        }
    }
}

fn bad_answer(name: &str) -> Problem {
    Problem::new(
        StatusCode::BAD_GATEWAY,
        "provider-bad-answer",
        msg!("problem-provider-bad-answer-tokens", provider = name),
    )
}

/// An error code as sent when it has the RFC 6749 form, else a placeholder.
pub fn clean_code(code: &str) -> String {
    let ok = !code.is_empty()
        && code.len() <= 64
        && code
            .bytes()
            .all(|b| (0x20..=0x7e).contains(&b) && b != b'"' && b != b'\\');
    if ok {
        code.to_owned()
    } else {
        "unrecognised".to_owned()
    }
}

/// A provider's description without control characters, cut to 300 characters.
pub fn clean_description(text: &str) -> String {
    let mut out: String = text.chars().filter(|c| !c.is_control()).take(300).collect();
    if text.chars().count() > 300 {
        out.push('…');
    }
    out
}

/// The problem of a token endpoint's error answer (RFC 6749 §5.2).
pub fn token_error(meta: &MethodMeta, code: &str, description: Option<&str>) -> Problem {
    let name = meta.provider_name;
    let (status, type_code, detail) = match code {
        "invalid_grant" => (
            StatusCode::BAD_REQUEST,
            "oauth-invalid-grant",
            "problem-oauth-invalid-grant-detail",
        ),
        "invalid_client" | "unauthorized_client" => (
            StatusCode::BAD_GATEWAY,
            "oauth-client-rejected",
            "problem-oauth-client-rejected-detail",
        ),
        "invalid_scope" => (
            StatusCode::BAD_REQUEST,
            "oauth-invalid-scope",
            "problem-oauth-invalid-scope-token",
        ),
        _ => (
            StatusCode::BAD_GATEWAY,
            "oauth-token-error",
            "problem-oauth-token-error-detail",
        ),
    };
    let mut p = Problem::new(status, type_code, msg!(detail, provider = name));
    p.provider_error = Some(Box::new(ProviderError {
        error: clean_code(code),
        error_description: description.map(clean_description),
    }));
    p
}
