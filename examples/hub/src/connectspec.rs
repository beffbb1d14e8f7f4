//! The hub's calls to the connectspec service, with the operator API key: creating a
//! link session for a signed-in user, and redeeming the sealed result the form hands the
//! page. Only the hub's back end holds the key; the browser sees the session token and the
//! opaque result, never the key or a secret.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use url::Url;
use zeroize::{Zeroize, Zeroizing};

use crate::secret::{wipe_map, wipe_value};

/// One provider and method the form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Offer {
    pub provider: String,
    pub method: String,
}

/// The account a reconnect must be the same as.
#[derive(Debug, Clone, Serialize)]
pub struct Reconnect {
    /// The hub's connection id (handed back by the exchange).
    pub connection: String,
    pub provider: String,
    pub method: String,
    /// The identity the connection test found when the account was linked (without one,
    /// connectspec cannot tell accounts apart and does not check).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<String>,
}

/// `POST /v1/link/sessions`.
#[derive(Debug, Serialize)]
pub struct SessionRequest {
    pub end_user: String,
    pub offers: Vec<Offer>,
    /// Pre-filled values: non-secret form fields of the offered methods only (connectspec
    /// refuses any other key).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, String>,
    pub expires_in: u64,
    /// The hub page's origin, which embeds the form element.
    pub origin: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reconnect: Option<Reconnect>,
}

/// Its answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionAnswer {
    pub session_token: String,
    pub url: String,
    pub expires_at: i64,
}

/// `POST /v1/link/exchange`: what the end user linked. The fields (secrets included) and
/// tokens are wiped on drop.
#[derive(Deserialize)]
pub struct Exchange {
    pub provider: String,
    pub method: String,
    pub end_user: String,
    pub session: String,
    #[serde(default)]
    pub connection: Option<String>,
    #[serde(default)]
    pub identity: Option<String>,
    #[serde(default)]
    pub fields: Map<String, Value>,
    #[serde(default)]
    pub values: Map<String, Value>,
    #[serde(default)]
    pub tokens: Option<Value>,
}

impl std::fmt::Debug for Exchange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Exchange")
            .field("provider", &self.provider)
            .field("method", &self.method)
            .field("end_user", &self.end_user)
            .field("connection", &self.connection)
            .field("identity", &self.identity)
            .field("fields", &self.fields.keys().collect::<Vec<_>>())
            .field("tokens", &self.tokens.as_ref().map(|_| "[redacted]"))
            .finish_non_exhaustive()
    }
}

impl Drop for Exchange {
    fn drop(&mut self) {
        wipe_map(&mut self.fields);
        if let Some(t) = self.tokens.as_mut() {
            wipe_value(t);
        }
    }
}

/// A call to the service failed.
#[derive(Debug)]
pub enum ServiceError {
    /// The service answered with a problem: its status and `detail` (or `title`).
    Refused { status: u16, detail: String },
    /// No usable answer: unreachable, timed out, or not the JSON the contract promises.
    Unavailable(String),
}

impl std::fmt::Display for ServiceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServiceError::Refused { status, detail } => {
                write!(f, "the connectspec service answered {status}: {detail}")
            }
            ServiceError::Unavailable(why) => {
                write!(f, "the connectspec service could not be reached: {why}")
            }
        }
    }
}

impl std::error::Error for ServiceError {}

/// The service's client.
pub struct Client {
    http: reqwest::Client,
    base: Url,
    api_key: Zeroizing<String>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base.as_str())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client of the service at `base` (its root URL) with the operator key `api_key`.
    pub fn new(base: Url, api_key: Zeroizing<String>) -> Client {
        // reqwest is built without a default TLS crypto provider (as the service's own
        // client is): install ring's, once per process.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .build()
            .expect("an HTTP client with rustls over ring");
        Client {
            http,
            base,
            api_key,
        }
    }

    /// The service's root URL, as configured.
    pub fn base(&self) -> &Url {
        &self.base
    }

    /// Creates a link session.
    pub async fn create_session(
        &self,
        req: &SessionRequest,
    ) -> Result<SessionAnswer, ServiceError> {
        let body = serde_json::to_vec(req).expect("serialising to memory cannot fail");
        let answer = self.post("v1/link/sessions", body).await?;
        serde_json::from_slice(&answer).map_err(|_| {
            ServiceError::Unavailable("the session answer is not the expected JSON".into())
        })
    }

    /// Redeems a sealed result. The answer holds the end user's secrets: its buffer is
    /// wiped once parsed, and the [`Exchange`] wipes its own on drop.
    pub async fn exchange(&self, result: &str) -> Result<Exchange, ServiceError> {
        #[derive(Serialize)]
        struct Body<'a> {
            result: &'a str,
        }
        let body = serde_json::to_vec(&Body { result }).expect("serialising to memory cannot fail");
        let answer = self.post("v1/link/exchange", body).await?;
        serde_json::from_slice(&answer).map_err(|_| {
            ServiceError::Unavailable("the exchange answer is not the expected JSON".into())
        })
    }

    /// POSTs JSON with the operator key; the body of a 2xx answer, in a buffer wiped on
    /// drop.
    async fn post(&self, path: &str, body: Vec<u8>) -> Result<Zeroizing<Vec<u8>>, ServiceError> {
        let url = self
            .base
            .join(path)
            .map_err(|e| ServiceError::Unavailable(e.to_string()))?;
        let mut auth = Zeroizing::new(format!("Bearer {}", self.api_key.as_str()));
        let mut value = reqwest::header::HeaderValue::from_str(&auth).map_err(|_| {
            ServiceError::Unavailable("the API key is not a valid header value".into())
        })?;
        auth.zeroize();
        value.set_sensitive(true);
        let res = self
            .http
            .post(url)
            .header(reqwest::header::AUTHORIZATION, value)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(
                reqwest::header::ACCEPT,
                "application/json, application/problem+json",
            )
            .body(body)
            .send()
            .await
            .map_err(|e| ServiceError::Unavailable(e.without_url().to_string()))?;
        let status = res.status();
        // `Vec::from(Bytes)` takes the buffer over without a copy when it is unshared.
        let bytes = Zeroizing::new(Vec::from(
            res.bytes()
                .await
                .map_err(|e| ServiceError::Unavailable(e.without_url().to_string()))?,
        ));
        if status.is_success() {
            return Ok(bytes);
        }
        // A problem: its detail is for the end user (it never repeats a secret).
        let detail = serde_json::from_slice::<Value>(&bytes)
            .ok()
            .and_then(|p| {
                p.get("detail")
                    .or_else(|| p.get("title"))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            })
            .unwrap_or_else(|| status.canonical_reason().unwrap_or("error").to_owned());
        Err(ServiceError::Refused {
            status: status.as_u16(),
            detail,
        })
    }
}
