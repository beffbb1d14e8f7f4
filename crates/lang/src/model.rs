//! The typed model of a provider spec.
//!
//! These types are the spec language: serde reads them, schemars turns them into
//! `schema/provider-spec.schema.json`, and every generator (validators, pages, form
//! schemas) consumes them. They hold no source positions; the loader keeps a separate
//! map from JSON pointers to YAML locations so diagnostics can still point at the file.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod category;
mod exchange;
mod guide;
mod oauth;
mod request;
pub use category::{CATEGORIES, category_label};
pub use connectspec_runtime::Format;
pub use exchange::{
    ASSERTION, Assertion, Discovery, Exchange, ExchangeBody, ExchangeCapture, ExchangeExpiry,
    ExchangeResponse, JwtAlgorithm, KeyContainer, PrivateKey,
};
pub use guide::{Bullet, Guide, Section, Step};
pub use oauth::{
    ACCESS_TOKEN, Capture, CaptureSource, ClientAuth, ClientOwner, Grant, OAuth, ScopeRequest,
    TokenRequestFormat, TokenResponse,
};
pub use request::{
    CanonicalPart, Computed, ExpiryFormat, GraphqlBody, HmacAlgorithm, Identity, LearnExpiry,
    LearnScopes, Learns, ResponseCheck, SignTimestamp, SignatureEncoding, Signing, TestBody,
    TimestampFormat,
};

/// One SaaS provider: `specs/<id>.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "connectspec provider spec")]
pub struct ProviderSpec {
    /// snake_case identifier; must equal the file stem.
    pub id: String,
    /// Display name, e.g. "Oneflow".
    pub name: String,
    /// The provider's public home page (https).
    pub homepage: String,
    /// Categories from the closed list [`CATEGORIES`] (`hr`, `crm`, `documents` …); the
    /// first is the one the catalogue index lists the provider under.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Public pages the facts of this spec come from (https). At least one.
    pub sources: Vec<String>,
    /// The ways an end user can link an account. At least one.
    pub auth_methods: Vec<AuthMethod>,
}

/// One way to authenticate against a provider, e.g. "API Token".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuthMethod {
    /// snake_case identifier, unique within the provider, e.g. `api_token`.
    pub id: String,
    /// Human label, e.g. "API Token". The page title is "Connect {name} with {label}".
    pub label: String,
    /// URL and file-name slug. Derived from the label when absent ("API Token" → `api-token`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// How the credential is presented to the provider.
    pub kind: AuthKind,
    /// The OAuth 2.0 grant; required with `kind: oauth2`, refused otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant: Option<Grant>,
    /// What the integrator registers once for an OAuth method (client id and secret),
    /// validated like form fields; never asked of the end user.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub setup_fields: Vec<Field>,
    /// Form fields, in form order. For an OAuth method, what the end user gives before
    /// being sent to the provider (a subdomain, a tenant); may be empty.
    pub fields: Vec<Field>,
    /// Values computed from a field with a capture group, usable as `{key}` in templates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub derived: Vec<Derived>,
    /// Cross-field rules: a choice in one field constrains another.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
    /// API base URL; may contain `{field}` placeholders (e.g. a subdomain).
    pub base_url: String,
    /// The hosts this method's requests may go to: exact host names
    /// (`api.oneflow.com`) and `*.suffix` patterns (`*.zendesk.com`, any host ending in
    /// `.zendesk.com`). The checker proves that every URL the templates can build from
    /// valid fields stays inside them; the service checks each host again before it
    /// sends anything.
    #[serde(default)]
    pub allowed_hosts: Vec<String>,
    /// How the credentials are sent with each request.
    pub send: Send,
    /// The request that proves the credentials work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_test: Option<ConnectionTest>,
    /// OAuth 2.0 endpoints and token exchange; required with `kind: oauth2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth: Option<OAuth>,
    /// The request that trades the fields for an access token (optionally signing a
    /// JWT assertion first); required with `kind: token_exchange`, refused otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchange: Option<Exchange>,
    /// Permissions the credential may carry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<Scope>,
    /// What an integration may do with the credential, each with the scopes it needs;
    /// the least-privilege scopes of a set of actions are the union of theirs, without
    /// the ones another of them `includes`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
    /// Structured facts: shown once, maximum count, expiry, rate limits.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limits: Vec<Limit>,
    /// The end-user guide rendered into the method's page.
    pub guide: Guide,
}

/// How a credential is presented. Informational for pages and clients; `send` says exactly how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuthKind {
    /// A key in a request header.
    ApiKeyHeader,
    /// A key in the query string.
    ApiKeyQuery,
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// HTTP basic authentication.
    Basic,
    /// Anything else `send` can express.
    Custom,
    /// OAuth 2.0: the token comes from the provider's token endpoint (see `grant`,
    /// `oauth` and `setup_fields`); `send` names it `{access_token}`.
    Oauth2,
    /// The fields (a key and secret, a password, a service-account key file) are
    /// traded for a short-lived access token by the `exchange` request; `send` names it
    /// `{access_token}`.
    TokenExchange,
}

/// One form field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// snake_case key used in field maps and `{placeholders}`.
    pub key: String,
    /// Form label, e.g. "API Token".
    pub label: String,
    /// Help text under the form field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Placeholder shown in the empty form field (never a real-looking secret).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
    /// Secret values are wrapped, redacted and never echoed.
    #[serde(default)]
    pub secret: bool,
    /// The value is a public identifier although its key reads like a credential
    /// (`board_token`, `organization_key`): no `secret: true` is asked for.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub public: bool,
    /// Optional fields may be left out.
    #[serde(default)]
    pub optional: bool,
    /// Rust `regex` syntax, anchored with `^` and `$`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// Human description of the format, shown in errors instead of the pattern,
    /// e.g. "40 characters: letters, digits and hyphens".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Minimum length in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u32>,
    /// Maximum length in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// The value must start with one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prefixes: Vec<String>,
    /// The value must not start with any of these (e.g. a publishable key pasted by mistake).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forbidden_prefixes: Vec<String>,
    /// A built-in format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// The value is a private key (PEM) or a key file holding one (JSON), for signing
    /// JWT assertions; validated precisely and always secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_key: Option<PrivateKey>,
    /// A closed choice; the value must be one of the option values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<EnumOption>,
    /// The option value an absent field takes (the form preselects it); only on a
    /// choice, and not together with `optional`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// Normalisation applied, in order, before the constraints are checked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub normalize: Vec<Normalize>,
    /// Test vectors; required on every constrained field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub examples: Option<Examples>,
}

impl Field {
    /// A plain, required, non-secret text field with no rule: the start of a field built
    /// in code (derived examples, synthetic specs), which sets what it needs.
    pub fn new(key: impl Into<String>, label: impl Into<String>) -> Field {
        Field {
            key: key.into(),
            label: label.into(),
            description: None,
            placeholder: None,
            secret: false,
            public: false,
            optional: false,
            pattern: None,
            hint: None,
            min_length: None,
            max_length: None,
            prefixes: Vec::new(),
            forbidden_prefixes: Vec::new(),
            format: None,
            private_key: None,
            options: Vec::new(),
            default: None,
            normalize: Vec::new(),
            examples: None,
        }
    }
}

/// One option of a closed choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumOption {
    /// The value sent and stored: a stable id such as `eu`, or the value the provider
    /// wants (`us3.datadoghq.com`).
    pub value: String,
    /// The label shown in the form, e.g. "Europe".
    pub label: String,
    /// Named values that templates use as `{field.name}`, e.g.
    /// `api_host: api.eu.intercom.io`; every option of a field names the same ones.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
}

/// Normalisation steps as the spec language writes them (the runtime's type, owning
/// its text).
pub type Normalize = connectspec_runtime::Normalize<String>;

/// Test vectors of a field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Derive valid and invalid vectors from the field's rules (`pattern`, `format`,
    /// `options`, `prefixes`, `forbidden_prefixes`, `min_length`, `max_length`); the
    /// loader checks each with the field's validator and adds them after the written
    /// ones (a written value wins), so every consumer sees one list.
    /// `cargo xtask examples` lists them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub derive: bool,
    /// Values the field accepts (after normalisation). Fake but format-true.
    #[serde(default)]
    pub valid: Vec<String>,
    /// Values the field rejects, with the reason.
    #[serde(default)]
    pub invalid: Vec<InvalidExample>,
}

/// A value the field must reject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InvalidExample {
    /// The rejected value.
    pub value: String,
    /// Why it is wrong, for the reader of the spec and of generated tests.
    pub reason: String,
}

/// A value derived from a field by a regex with a capture group named `value`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Derived {
    /// snake_case key, usable as `{key}` in templates; must not clash with a field key.
    pub key: String,
    /// Human label, e.g. "Data centre".
    pub label: String,
    /// The field it is computed from.
    pub from: String,
    /// Anchored Rust regex with a named capture group `value`.
    pub pattern: String,
    /// What each extracted text stands for, when the value is not the text itself: a
    /// token's prefix naming its environment's host (`{sk_test: api.sandbox.example.com}`),
    /// so the end user need not choose. A text the map does not name is an error.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub map: BTreeMap<String, String>,
}

/// A cross-field rule: when `when` holds, `then` constrains another field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The condition.
    pub when: Condition,
    /// The constraint that applies while the condition holds.
    pub then: Requirement,
    /// The error shown on the constrained field when the rule fails.
    pub message: String,
}

/// `field` equals one of `equals`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The field whose value is tested (usually a choice).
    pub field: String,
    /// The values that make the condition hold.
    pub equals: Vec<String>,
}

/// What the constrained field must satisfy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// The constrained field.
    pub field: String,
    /// It must start with one of these.
    pub prefixes: Vec<String>,
}

/// How credentials are sent. Values are templates: `{field}` is replaced by the field's
/// (normalised) value; a template naming an absent optional field is left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Send {
    /// Request headers, e.g. `Authorization: "Bearer {token}"`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    /// Query parameters.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub query: BTreeMap<String, String>,
    /// HTTP basic authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basic: Option<BasicAuth>,
    /// HMAC signing of each request; the signature is `{signature}` (or `key`) in
    /// `headers`, `basic` and `computed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign: Option<Signing>,
    /// Values computed from templates (base64) or constants, usable as `{key}` in
    /// `headers`, `query` and `basic`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub computed: Vec<Computed>,
}

/// HTTP basic authentication built from templates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BasicAuth {
    /// User name template, e.g. `{email}/token` or `{api_key}`.
    pub username: String,
    /// Password template; empty for providers that use the key as the user name.
    #[serde(default)]
    pub password: String,
}

/// A request that proves the credentials work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConnectionTest {
    /// HTTP method.
    #[serde(default)]
    pub method: HttpMethod,
    /// Path appended to `base_url`, starting with `/`; may contain `{placeholders}`.
    pub path: String,
    /// The status that means success.
    #[serde(default = "default_status")]
    pub expect_status: u16,
    /// Scopes the test request needs; named when the provider answers 403.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires_scopes: Vec<String>,
    /// What other statuses mean to the end user.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<Outcome>,
    /// What the test does not prove (e.g. "does not check the email").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The request body (POST only): `json` or `graphql`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<TestBody>,
    /// Checks on the JSON body of the success answer, in order; the first that fails
    /// decides the end user's message.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<ResponseCheck>,
    /// Where the account's identity is in the JSON answer of the success status, so a
    /// hub can tell that a reconnect links the same account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// What the answer says besides success: the scopes the credential holds and when
    /// it expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learns: Option<Learns>,
}

fn default_status() -> u16 {
    200
}

/// HTTP methods a connection test may use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    /// GET
    #[default]
    Get,
    /// POST
    Post,
    /// HEAD
    Head,
}

impl HttpMethod {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Head => "HEAD",
        }
    }
}

/// The meaning of a non-success status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// HTTP status, 100–599.
    pub status: u16,
    /// Message for the end user.
    pub meaning: String,
    /// When true, the message is followed by the labels of `requires_scopes`.
    #[serde(default)]
    pub missing_scopes: bool,
}

/// A permission a credential may carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// The provider's own scope string, exactly as the provider writes it: one token of
    /// printable characters without whitespace, e.g. `cms:read`, `authorized_user:read`,
    /// `crm.objects.contacts.read` or `resource:write.sub`.
    pub id: String,
    /// Label as the provider's UI shows it.
    pub label: String,
    /// What it grants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Scopes this one grants as well (Webflow's `cms:write` is "edit and read", so it
    /// includes `cms:read`): a least-privilege set that has this one drops them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub includes: Vec<String>,
}

/// Something an integration does with the credential, and the scopes it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// snake_case identifier, unique within the method, e.g. `read_cms`.
    pub id: String,
    /// Human label, e.g. "Read CMS collections and items".
    pub label: String,
    /// More about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The method's scope ids the action needs. At least one.
    pub scopes: Vec<String>,
}

/// A structured fact about the credential, so validators and pages agree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Limit {
    /// What kind of limit.
    pub kind: LimitKind,
    /// The number, for kinds that have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<u32>,
    /// The unit of `value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<LimitUnit>,
    /// What a count applies to, e.g. `site` for "at most 5 per site".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<String>,
    /// `expires_after` only: the fixed durations, in `unit`, the user picks from when
    /// creating the credential (e.g. `[7, 30, 60, 90]` days), instead of one `value`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<u32>,
    /// With `choices`: the user may also pick a date of their own.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub or_custom: bool,
    /// With `choices`: the user may also pick no expiry at all.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub or_never: bool,
    /// The key of the field the limit is about; its label names the credential in the
    /// sentence. Default: the method's only secret field, else the method's label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// Kinds of limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LimitKind {
    /// The credential is displayed only once, when created.
    ShownOnce,
    /// At most `value` credentials may exist `per` something.
    MaxCount,
    /// Expires `value` `unit` after creation.
    ExpiresAfter,
    /// Expires after `value` `unit` without use.
    ExpiresAfterInactivity,
    /// At most `value` requests per `unit`.
    RateLimit,
}

/// Units of limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LimitUnit {
    /// Seconds.
    Seconds,
    /// Minutes.
    Minutes,
    /// Hours.
    Hours,
    /// Days.
    Days,
    /// Requests per second.
    RequestsPerSecond,
    /// Requests per minute.
    RequestsPerMinute,
    /// Requests per hour.
    RequestsPerHour,
}

impl ProviderSpec {
    /// The method with this id.
    pub fn method(&self, id: &str) -> Option<&AuthMethod> {
        self.auth_methods.iter().find(|m| m.id == id)
    }
}

impl AuthMethod {
    /// The URL slug: the explicit `slug`, else derived from the label.
    pub fn slug(&self) -> String {
        self.slug.clone().unwrap_or_else(|| slugify(&self.label))
    }

    /// The field with this key.
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// True for `kind: oauth2`.
    pub fn is_oauth(&self) -> bool {
        self.kind == AuthKind::Oauth2
    }

    /// The setup field with this key (OAuth methods).
    pub fn setup_field(&self, key: &str) -> Option<&Field> {
        self.setup_fields.iter().find(|f| f.key == key)
    }

    /// The token-response capture with this key (OAuth methods).
    pub fn capture(&self, key: &str) -> Option<&Capture> {
        self.oauth
            .as_ref()
            .and_then(|o| o.token_response.capture.iter().find(|c| c.key == key))
    }

    /// The limit of this kind.
    pub fn limit(&self, kind: LimitKind) -> Option<&Limit> {
        self.limits.iter().find(|l| l.kind == kind)
    }

    /// The scope with this id.
    pub fn scope(&self, id: &str) -> Option<&Scope> {
        self.scopes.iter().find(|s| s.id == id)
    }

    /// The action with this id.
    pub fn action(&self, id: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.id == id)
    }

    /// The scopes `id` grants besides itself, following `includes` transitively.
    pub fn implied_scopes(&self, id: &str) -> BTreeSet<&str> {
        let mut out = BTreeSet::new();
        let mut todo: Vec<&str> = self.scope(id).map_or(Vec::new(), |s| {
            s.includes.iter().map(String::as_str).collect()
        });
        while let Some(next) = todo.pop() {
            if next != id
                && out.insert(next)
                && let Some(s) = self.scope(next)
            {
                todo.extend(s.includes.iter().map(String::as_str));
            }
        }
        out
    }

    /// The least-privilege scope ids of a set of action ids, in the order the method
    /// declares its scopes: the union of the actions' scopes, less those another
    /// scope of the union includes. `Err` lists the ids that are not actions.
    ///
    /// The computation is the runtime's [`connectspec_runtime::least_privilege`], the
    /// one `MethodMeta::least_privilege_scopes` runs over the generated tables.
    pub fn least_privilege_scopes<'a>(
        &'a self,
        actions: &[&str],
    ) -> Result<Vec<&'a str>, Vec<String>> {
        let unknown: Vec<String> = actions
            .iter()
            .filter(|a| self.action(a).is_none())
            .map(|a| (*a).to_owned())
            .collect();
        if !unknown.is_empty() {
            return Err(unknown);
        }
        let declared: Vec<&str> = self.scopes.iter().map(|s| s.id.as_str()).collect();
        let needed = actions
            .iter()
            .filter_map(|a| self.action(a))
            .flat_map(|a| a.scopes.iter().map(String::as_str));
        let includes = |id: &str| self.scope(id).map_or(&[][..], |s| s.includes.as_slice());
        Ok(connectspec_runtime::least_privilege(
            &declared, needed, includes,
        ))
    }
}

impl Field {
    /// True when the field carries any constraint that examples must exercise.
    pub fn is_constrained(&self) -> bool {
        self.pattern.is_some()
            || self.min_length.is_some()
            || self.max_length.is_some()
            || !self.prefixes.is_empty()
            || !self.forbidden_prefixes.is_empty()
            || self.format.is_some()
            || !self.options.is_empty()
    }
}

impl LimitKind {
    /// The kind as the spec writes it (`expires_after`).
    pub fn name(self) -> &'static str {
        match self {
            LimitKind::ShownOnce => "shown_once",
            LimitKind::MaxCount => "max_count",
            LimitKind::ExpiresAfter => "expires_after",
            LimitKind::ExpiresAfterInactivity => "expires_after_inactivity",
            LimitKind::RateLimit => "rate_limit",
        }
    }
}

impl LimitUnit {
    /// Whether the unit is a duration (as opposed to a rate).
    pub fn is_duration(self) -> bool {
        matches!(
            self,
            LimitUnit::Seconds | LimitUnit::Minutes | LimitUnit::Hours | LimitUnit::Days
        )
    }
}

/// "API Token" → `api-token`: lower-case ASCII alphanumerics separated by single hyphens.
pub fn slugify(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for c in label.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}
