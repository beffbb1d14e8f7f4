//! The request parts of the language beyond templates: the connection test's body,
//! response checks and identity, HMAC request signing and computed values in `send`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The body of the connection test request (POST only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum TestBody {
    /// A JSON value sent as `application/json`; every string in it is a `{field}`
    /// template (`{{` and `}}` for literal braces).
    Json(serde_json::Value),
    /// A GraphQL request sent as `application/json` (`{"query": …, "variables": …}`).
    Graphql(GraphqlBody),
}

/// A GraphQL request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GraphqlBody {
    /// The GraphQL document, sent as written (it is not a template: GraphQL uses braces),
    /// e.g. `query { me { id } }`.
    pub query: String,
    /// Variables: a JSON object whose strings are `{field}` templates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variables: Option<serde_json::Value>,
}

/// A check on the JSON body of the success answer: the member at `pointer` must meet
/// exactly one of `equals`, `exists` or `non_empty`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseCheck {
    /// An RFC 6901 JSON pointer into the answer, e.g. `/ok` or `/data/me/id` (`""` is
    /// the whole document).
    pub pointer: String,
    /// The member must equal this JSON value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<serde_json::Value>,
    /// `true`: the member must be present; `false`: it must be absent (an `errors`
    /// member, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exists: Option<bool>,
    /// `true`: the member must be a non-empty array, object or string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_empty: Option<bool>,
    /// Message for the end user when the check fails (e.g. "The token sees no
    /// projects: grant it access to at least one").
    pub meaning: String,
}

/// Where the account's identity is in the connection test's JSON answer: the value a
/// hub compares to tell that a reconnect links the same account (a user or account id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    /// An RFC 6901 JSON pointer into the answer of the success status, e.g. `/id` or
    /// `/data/me/id`. A string there is the identity as is, a number or boolean its JSON
    /// text; anything else (or nothing) gives no identity.
    pub pointer: String,
    /// What the value is, for docs and listings (e.g. "User id").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// HMAC signing of each request: the signature (and the timestamp it covers) become
/// values usable in `send.headers`, `send.basic` and `computed` templates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signing {
    /// The name of the signature in templates (`{signature}` by default).
    #[serde(default = "default_signature_key")]
    pub key: String,
    /// The HMAC hash function.
    pub algorithm: HmacAlgorithm,
    /// The HMAC key: a template naming the secret field(s), e.g. `{secret_key}`.
    pub secret: String,
    /// How the signature is written.
    #[serde(default)]
    pub encoding: SignatureEncoding,
    /// The signed message: these parts of the request, joined by newlines. `[query]`
    /// alone signs the query string.
    pub message: Vec<CanonicalPart>,
    /// The time stamp the message covers, when `message` has `timestamp`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<SignTimestamp>,
}

fn default_signature_key() -> String {
    "signature".to_owned()
}

fn default_timestamp_key() -> String {
    "timestamp".to_owned()
}

/// The request time, in a stated format, usable as `{timestamp}` (e.g. a `Date` header).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignTimestamp {
    /// The name of the time stamp in templates (`{timestamp}` by default).
    #[serde(default = "default_timestamp_key")]
    pub key: String,
    /// How it is written.
    pub format: TimestampFormat,
}

/// HMAC hash functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HmacAlgorithm {
    /// HMAC-SHA-1.
    HmacSha1,
    /// HMAC-SHA-256.
    HmacSha256,
    /// HMAC-SHA-512.
    HmacSha512,
}

/// How a signature is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SignatureEncoding {
    /// Lower-case hexadecimal.
    #[default]
    Hex,
    /// Standard base64 with padding.
    Base64,
}

/// Time stamp formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TimestampFormat {
    /// RFC 2822, e.g. `Tue, 21 Aug 2012 17:29:18 +0000`.
    Rfc2822,
    /// RFC 3339 in UTC, e.g. `2012-08-21T17:29:18Z`.
    Rfc3339,
    /// Seconds since 1970-01-01 UTC, e.g. `1345570158`.
    UnixSeconds,
}

/// One line of the signed message.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CanonicalPart {
    /// The time stamp, as sent.
    Timestamp,
    /// The HTTP method, upper case.
    Method,
    /// The host name, lower case, without port.
    Host,
    /// The URL path, as sent (percent-encoded).
    Path,
    /// The query string exactly as sent, byte for byte (what a provider that signs "the
    /// query string" recomputes); empty when there is none.
    Query,
    /// The query parameters sorted by name (then value), each name and value
    /// percent-encoded (RFC 3986 unreserved characters kept, upper-case hex), as
    /// `a=1&b=2`: the canonical form of providers that re-sort the query before checking.
    SortedQuery,
}

/// A value computed from a template or given as a constant, usable as `{key}` in
/// `send` templates. A value computed from a secret is a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Computed {
    /// snake_case key; must not clash with a field, derived, signature or time-stamp key.
    pub key: String,
    /// Standard base64 of this template, e.g. `{integration_key}:{signature}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base64: Option<String>,
    /// A fixed text, e.g. the password `X` a provider wants beside an API key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constant: Option<String>,
}

/// What a successful connection test learns from its answer besides success: the
/// scopes the credential really holds and when it expires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Learns {
    /// Where the granted scopes are: a response header (GitHub's `X-OAuth-Scopes`) or a
    /// JSON pointer (a string, split at `separator`, or an array of strings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scopes: Option<LearnScopes>,
    /// Where the credential's expiry is, and how it is written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<LearnExpiry>,
}

/// Where the granted scopes are in the answer: exactly one of `header` or `pointer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LearnScopes {
    /// A response header, e.g. `X-OAuth-Scopes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// An RFC 6901 pointer into the JSON answer, e.g. `/scopes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// What separates scopes in a string: `,` by default for a header, a space for a
    /// string at a pointer (a JSON array of strings needs none). Spaces around each
    /// scope are dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub separator: Option<String>,
}

/// Where the credential's expiry is in the answer: exactly one of `header` or
/// `pointer`, and its format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LearnExpiry {
    /// A response header, e.g. `GitHub-Authentication-Token-Expiration`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// An RFC 6901 pointer into the JSON answer, e.g. `/expires_at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// The key of a choice field in which the end user says which lifetime they chose
    /// when creating the credential: its option values are the method's `expires_after`
    /// `choices` (in that limit's unit), plus `never` (with `or_never`) and `custom` (with
    /// `or_custom`, no expiry known). The expiry is then the link time plus that
    /// lifetime: the latest the credential can expire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifetime: Option<String>,
    /// How the expiry is written (with `header` or `pointer`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<ExpiryFormat>,
}

/// How an expiry is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExpiryFormat {
    /// RFC 3339, e.g. `2021-10-07T19:07:53Z` or `2021-10-07T21:07:53+02:00`.
    Rfc3339,
    /// A calendar date, e.g. `2021-10-07`: the credential works through that day (UTC)
    /// and stops at the end of it.
    Date,
    /// Seconds since 1970-01-01 UTC, e.g. `1633633673` (a JSON number or a string).
    UnixSeconds,
    /// A UTC date and time with a space and `UTC`, e.g. `2021-10-07 19:07:53 UTC`.
    DatetimeUtc,
}

impl LearnScopes {
    /// The separator in use: the given one, else `,` for a header and a space for a
    /// string at a pointer.
    pub fn separator_or_default(&self) -> &str {
        match (&self.separator, &self.header) {
            (Some(s), _) => s,
            (None, Some(_)) => ",",
            (None, None) => " ",
        }
    }
}

impl super::AuthMethod {
    /// Whether a computed value is made anew for each request (it names the signature or
    /// the time stamp) and whether it is secret (it names a secret field or the
    /// signature): `(per_request, secret)`. Decided here once, for the generator and the
    /// loader alike. `Err` when a `base64` template does not parse (the checker reports it).
    pub fn computed_flags(&self, c: &Computed) -> Result<(bool, bool), String> {
        let Some(t) = &c.base64 else {
            return Ok((false, false));
        };
        let parts = connectspec_runtime::parse_template(t).map_err(|(_, e)| e)?;
        let vars: Vec<String> = connectspec_runtime::Part::placeholders(&parts)
            .into_iter()
            .map(|(v, _)| v.key.clone())
            .collect();
        let sign = self.send.sign.as_ref();
        let per_request = |v: &str| {
            sign.is_some_and(|g| g.key == v || g.timestamp.as_ref().is_some_and(|t| t.key == v))
        };
        let secret =
            |v: &str| sign.is_some_and(|g| g.key == v) || self.field(v).is_some_and(|f| f.secret);
        Ok((
            vars.iter().any(|v| per_request(v)),
            vars.iter().any(|v| secret(v)),
        ))
    }
}
