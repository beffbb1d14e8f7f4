//! Static metadata of providers and auth methods: what a front end needs to build the
//! link form, what a service needs to send credentials and run the connection test.
//!
//! The generator emits one [`ProviderMeta`] per spec and one [`MethodMeta`] per auth
//! method as `static` items; nothing here allocates until a request is built.

pub(crate) mod credential;
pub(crate) mod exchange;
pub(crate) mod oauth;
pub(crate) mod tables;

use std::collections::BTreeSet;

use connectspec_i18n::{Lang, Locale, NoTexts, TextTable};
use secrecy::{ExposeSecret, SecretString};

use crate::check::MethodRules;
use crate::error::ValidationErrors;
use crate::request_url::{UrlPart, UrlValueError, placeholder_parts, render_url};
use crate::response::{BodyMeta, CheckMeta, IdentityMeta};
use crate::sign::{ComputedMeta, RequestTarget, SignMeta, template_vars};
use crate::source::FieldSource;
use crate::template::{Template, render_template};
use credential::Credential;

/// A provider.
#[derive(Debug)]
pub struct ProviderMeta {
    /// Provider id.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Home page.
    pub homepage: &'static str,
    /// Categories.
    pub categories: &'static [&'static str],
    /// Auth methods, in spec order.
    pub methods: &'static [&'static MethodMeta],
    /// The translations of the texts its validators' messages name (field labels,
    /// hints, option labels, rule messages, derived labels), per locale, in
    /// `connectspec_i18n::Locale` order; a locale without any translation is left out.
    pub texts: &'static [(Locale, TextTable<'static>)],
}

impl ProviderMeta {
    /// The translated message texts in `locale`, if it has any.
    pub fn texts(&self, locale: Locale) -> Option<&'static TextTable<'static>> {
        self.texts
            .iter()
            .find(|(l, _)| *l == locale)
            .map(|(_, t)| t)
    }

    /// The language to validate this provider's forms in: `locale`'s messages with the
    /// spec's texts translated into it (English where a text has no translation).
    pub fn lang(&self, locale: Locale) -> Lang<'static> {
        match self.texts(locale) {
            Some(t) => Lang::new(locale, t),
            None => Lang::new(locale, &NoTexts),
        }
    }

    /// The auth method with this id.
    pub fn method(&self, id: &str) -> Option<&'static MethodMeta> {
        self.methods.iter().copied().find(|m| m.id == id)
    }

    /// The provider with this id in `providers`, which is sorted by id (as every
    /// catalogue is: compiled, loaded at run time or selected).
    pub fn find(providers: &[&'static ProviderMeta], id: &str) -> Option<&'static ProviderMeta> {
        providers
            .binary_search_by(|p| p.id.cmp(id))
            .ok()
            .map(|i| providers[i])
    }
}

/// One form field, for building forms.
#[derive(Debug, Clone, Copy)]
pub struct FieldMeta {
    /// Key.
    pub key: &'static str,
    /// Label.
    pub label: &'static str,
    /// Help text.
    pub description: Option<&'static str>,
    /// Placeholder.
    pub placeholder: Option<&'static str>,
    /// Secret (write-only) field.
    pub secret: bool,
    /// May be left out.
    pub optional: bool,
    /// The option value an absent field takes.
    pub default: Option<&'static str>,
    /// Human format description.
    pub hint: Option<&'static str>,
    /// Options of a closed choice: (value, label).
    pub options: &'static [(&'static str, &'static str)],
}

/// A scope: (id, label).
pub type ScopeMeta = (&'static str, &'static str);

/// How credentials are sent: templates over field and derived keys.
#[derive(Debug)]
pub struct SendMeta {
    /// Headers: (name, value template).
    pub headers: &'static [(&'static str, Template<'static>)],
    /// Query parameters: (name, value template).
    pub query: &'static [(&'static str, Template<'static>)],
    /// Basic auth: (username template, password template).
    pub basic: Option<(Template<'static>, Template<'static>)>,
    /// Values computed from templates or constants, usable in the templates above.
    pub computed: &'static [ComputedMeta],
    /// HMAC signing: the signature and time stamp, usable in headers and basic auth.
    pub sign: Option<SignMeta>,
}

/// The meaning of a non-success status of the connection test.
#[derive(Debug, Clone, Copy)]
pub struct OutcomeMeta {
    /// HTTP status.
    pub status: u16,
    /// Message for the end user.
    pub meaning: &'static str,
    /// Append the labels of the test's required scopes.
    pub missing_scopes: bool,
}

/// The connection test.
#[derive(Debug)]
pub struct TestMeta {
    /// HTTP method name.
    pub method: &'static str,
    /// Path template, appended to the base URL.
    pub path: Template<'static>,
    /// The path as written in the spec (for display).
    pub path_source: &'static str,
    /// Success status.
    pub expect_status: u16,
    /// Scopes the request needs.
    pub requires_scopes: &'static [ScopeMeta],
    /// Meanings of other statuses.
    pub outcomes: &'static [OutcomeMeta],
    /// What the test does not prove.
    pub note: Option<&'static str>,
    /// The request body (POST).
    pub body: Option<BodyMeta>,
    /// Checks on the JSON answer of the success status.
    pub checks: &'static [CheckMeta],
    /// Where the account's identity is in the JSON answer of the success status.
    pub identity: Option<IdentityMeta>,
    /// What the answer says besides success: granted scopes and expiry.
    pub learns: Option<crate::LearnsMeta>,
}

/// An auth method.
pub struct MethodMeta {
    /// Provider id.
    pub provider_id: &'static str,
    /// Provider name.
    pub provider_name: &'static str,
    /// Method id.
    pub id: &'static str,
    /// Method label.
    pub label: &'static str,
    /// Page slug.
    pub slug: &'static str,
    /// Kind (`api_key_header`, `bearer`, `basic`, …).
    pub kind: &'static str,
    /// Fields in form order.
    pub fields: &'static [FieldMeta],
    /// Derived keys, in order of `Validated::derived`.
    pub derived_keys: &'static [&'static str],
    /// The checking tables.
    pub rules: &'static MethodRules<'static>,
    /// Base URL template.
    pub base_url: Template<'static>,
    /// Hosts requests may go to: exact names and `*.suffix` patterns
    /// ([`crate::host_allowed`]).
    pub allowed_hosts: &'static [&'static str],
    /// How credentials are sent.
    pub send: SendMeta,
    /// Connection test.
    pub connection_test: Option<TestMeta>,
    /// Declared scopes.
    pub scopes: &'static [ScopeMeta],
    /// The scopes each scope directly includes (only scopes with `includes`).
    pub scope_includes: &'static [(&'static str, &'static [&'static str])],
    /// What an integration may do, each with the scopes it needs.
    pub actions: &'static [crate::ActionMeta],
    /// The JSON Schema of the form (secret fields are `writeOnly`).
    pub json_schema: &'static str,
    /// The generated constructor of this method's credential type (behind
    /// [`MethodMeta::validate`]).
    pub validator: Validator,
    /// The OAuth 2.0 part of a `kind: oauth2` method.
    pub oauth: Option<&'static oauth::OAuthMeta>,
    /// The token exchange of a `kind: token_exchange` method.
    pub exchange: Option<&'static exchange::ExchangeMeta>,
}

/// A generated constructor: validates a field source into its typed struct, boxed, with
/// messages in the language given.
pub type Constructor =
    fn(&dyn FieldSource, &Lang<'_>) -> Result<Box<dyn Credential>, ValidationErrors>;

/// How a method's credentials are built from a field source.
#[derive(Clone, Copy)]
pub enum Validator {
    /// The generated constructor of the method's typed struct.
    Compiled(Constructor),
    /// No generated type: the tables are checked by the same generic checker into a
    /// [`tables::TableCredential`] (specs loaded at run time).
    Tables,
}

impl std::fmt::Debug for Validator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Validator::Compiled(_) => "Compiled",
            Validator::Tables => "Tables",
        })
    }
}

impl std::fmt::Debug for MethodMeta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MethodMeta")
            .field("provider_id", &self.provider_id)
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl MethodMeta {
    /// Validates `source` into this method's credentials: the typed struct, boxed as the
    /// provider-independent trait. For callers that found the method by id (a service
    /// route) and want no second lookup.
    pub fn validate(
        &'static self,
        source: &(impl FieldSource + ?Sized),
    ) -> Result<Box<dyn Credential>, ValidationErrors> {
        self.validate_dyn(&source, &Lang::ENGLISH)
    }

    /// [`MethodMeta::validate`] with every message in `lang` (from
    /// [`ProviderMeta::lang`]: the locale's catalogue and the spec's texts in it).
    /// Valid input costs what it costs in English: messages are made only on failure.
    pub fn validate_in(
        &'static self,
        source: &(impl FieldSource + ?Sized),
        lang: &Lang<'_>,
    ) -> Result<Box<dyn Credential>, ValidationErrors> {
        self.validate_dyn(&source, lang)
    }

    fn validate_dyn(
        &'static self,
        source: &dyn FieldSource,
        lang: &Lang<'_>,
    ) -> Result<Box<dyn Credential>, ValidationErrors> {
        match self.validator {
            Validator::Compiled(f) => f(source, lang),
            Validator::Tables => {
                tables::TableCredential::validate_in(self, source, lang).map(|c| Box::new(c) as _)
            }
        }
    }

    /// [`MethodMeta::validate`] for a JSON object of string values (`null` counts as absent).
    pub fn validate_json(
        &'static self,
        value: &serde_json::Value,
    ) -> Result<Box<dyn Credential>, ValidationErrors> {
        self.validate_json_in(value, &Lang::ENGLISH)
    }

    /// [`MethodMeta::validate_json`] with every message in `lang`.
    pub fn validate_json_in(
        &'static self,
        value: &serde_json::Value,
        lang: &Lang<'_>,
    ) -> Result<Box<dyn Credential>, ValidationErrors> {
        self.validate_dyn(crate::source::json_object_in(value, lang)?, lang)
    }

    /// Guide page path relative to the docs root: `providers/<id>/<slug>` plus `.mdx`/`.md`.
    pub fn page_path(&self, ext: &str) -> String {
        format!("providers/{}/{}.{ext}", self.provider_id, self.slug)
    }

    /// The label of a scope id.
    pub fn scope_label(&self, id: &str) -> Option<&'static str> {
        self.scopes.iter().find(|(i, _)| *i == id).map(|(_, l)| *l)
    }

    /// The action with this id.
    pub fn action(&self, id: &str) -> Option<&'static crate::ActionMeta> {
        self.actions.iter().find(|a| a.id == id)
    }

    /// The scopes scope `id` directly includes.
    pub fn includes(&self, id: &str) -> &'static [&'static str] {
        self.scope_includes
            .iter()
            .find(|(s, _)| *s == id)
            .map_or(&[], |(_, inc)| *inc)
    }

    /// `ids` and every scope they include, directly or through a chain.
    pub fn with_included<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
        crate::scopes::with_included(ids, |id| self.includes(id))
    }

    /// The least-privilege scopes for a set of action ids: the union of their scopes,
    /// less those another of them includes, in declaration order, with labels.
    /// `Err` carries the ids that are not actions of this method.
    pub fn least_privilege_scopes(
        &self,
        actions: &[&str],
    ) -> Result<Vec<ScopeMeta>, crate::UnknownActions> {
        let unknown: Vec<String> = actions
            .iter()
            .filter(|a| self.action(a).is_none())
            .map(|a| (*a).to_owned())
            .collect();
        if !unknown.is_empty() {
            return Err(crate::UnknownActions(unknown));
        }
        let declared: Vec<&'static str> = self.scopes.iter().map(|(id, _)| *id).collect();
        let needed = actions
            .iter()
            .filter_map(|a| self.action(a))
            .flat_map(|a| a.scopes.iter().copied());
        Ok(
            crate::least_privilege(&declared, needed, |id| self.includes(id))
                .into_iter()
                .map(|id| (id, self.scope_label(id).unwrap_or(id)))
                .collect(),
        )
    }

    /// Builds the request authentication from a lookup of field/derived values.
    pub fn request_auth<'v>(
        &'static self,
        lookup: impl Fn(&str) -> Option<&'v str> + Copy,
    ) -> RequestAuth {
        self.request_auth_dyn(&lookup)
    }

    /// `request_auth` over a `dyn` lookup: compiled once here instead of once per
    /// generated credential type (what generated code calls).
    pub fn request_auth_dyn<'v>(
        &'static self,
        lookup: &dyn Fn(&str) -> Option<&'v str>,
    ) -> RequestAuth {
        let test = self.connection_test.as_ref();
        // Values computed from the fields alone are known now.
        let fixed: Vec<(&'static str, SecretString)> = self
            .send
            .computed
            .iter()
            .filter(|c| !c.per_request)
            .filter_map(|c| Some((c.key, c.render(lookup)?)))
            .collect();
        let full = |k: &str| -> Option<&str> {
            match fixed.iter().find(|(key, _)| *key == k) {
                Some((_, v)) => Some(v.expose_secret()),
                None => lookup(k),
            }
        };
        let render = |t: &Template<'_>| render_template(t, full);
        let mut auth = RequestAuth {
            lifetime_seconds: test
                .and_then(|t| t.learns)
                .and_then(|l| l.lifetime_seconds(lookup)),
            test_url: match test {
                Some(t) => render_url(&[&self.base_url, &t.path], UrlPart::Scheme, lookup),
                None => Ok(None),
            },
            test_path: match test {
                Some(t) => render_url(&[&t.path], UrlPart::Path, lookup),
                None => Ok(None),
            },
            headers: Vec::new(),
            query: self
                .send
                .query
                .iter()
                .filter_map(|(n, t)| render(t).map(|v| (*n, SecretString::from(v))))
                .collect(),
            basic: None,
            body: test
                .and_then(|t| t.body.as_ref())
                .map(|b| (BodyMeta::CONTENT_TYPE, b.render(lookup))),
            pending: None,
        };
        if self.send.sign.is_some() {
            // Headers and basic auth wait for the request: keep the values they need.
            let mut keys: Vec<&'static str> = Vec::new();
            for (_, t) in self.send.headers {
                keys.extend(template_vars(t));
            }
            if let Some((u, p)) = &self.send.basic {
                keys.extend(template_vars(u));
                keys.extend(template_vars(p));
            }
            for c in self.send.computed.iter().filter(|c| c.per_request) {
                keys.extend(c.vars());
            }
            if let Some(s) = &self.send.sign {
                keys.extend(template_vars(&s.secret));
            }
            keys.sort_unstable();
            keys.dedup();
            let values = keys
                .into_iter()
                .filter_map(|k| Some((k, SecretString::from(full(k)?))))
                .collect();
            auth.pending = Some(PendingSign {
                send: &self.send,
                values,
            });
            return auth;
        }
        auth.headers = render_headers(&self.send, &full);
        auth.basic = render_basic(&self.send, &full);
        auth
    }

    /// The form fields whose values decide the host of the method's URLs (a derived
    /// value counts as the field it is taken from), in form order: the fields to name
    /// when a host is refused.
    pub fn host_fields(&self) -> Vec<&'static str> {
        let mut keys: Vec<&'static str> = Vec::new();
        placeholder_parts(&[&self.base_url], UrlPart::Scheme, |k, part| {
            // A host placeholder, or a whole base URL (which holds the host); a choice's
            // parameter (`region.api_host`) counts as its field.
            if matches!(part, UrlPart::Host | UrlPart::Scheme) {
                keys.push(k.split('.').next().unwrap_or(k));
            }
        });
        let mut out: Vec<&'static str> = Vec::new();
        for (i, f) in self.fields.iter().enumerate() {
            let derived_from_it = self
                .rules
                .derived
                .iter()
                .filter(|d| d.from == i)
                .any(|d| keys.contains(&d.key));
            if keys.contains(&f.key) || derived_from_it {
                out.push(f.key);
            }
        }
        out
    }
}

/// Everything needed to authenticate a request; every value that may carry a secret is
/// wrapped. A URL may name a secret in a path segment (a bot token), so the URLs are
/// redacted in `Debug` and the service never logs them.
pub struct RequestAuth {
    /// The connection test's URL: the base URL and the test path with every value
    /// encoded for its URL component. `Ok(None)`: no test, or a value is absent.
    pub test_url: Result<Option<String>, UrlValueError>,
    /// The test path alone, encoded the same way, for a base URL given by the operator.
    pub test_path: Result<Option<String>, UrlValueError>,
    /// Headers to send (for a signed method: once [`RequestAuth::sign`] ran).
    pub headers: Vec<(&'static str, SecretString)>,
    /// Query parameters to send.
    pub query: Vec<(&'static str, SecretString)>,
    /// Basic auth (username, password) (for a signed method: once signed).
    pub basic: Option<(SecretString, SecretString)>,
    /// The connection test's body: (content type, text).
    pub body: Option<(&'static str, SecretString)>,
    /// The credential's lifetime as the end user chose it (`learns.expires_at.lifetime`),
    /// in seconds: the expiry is at the latest this long after linking.
    pub lifetime_seconds: Option<u64>,
    pending: Option<PendingSign>,
}

/// A signed method's values, kept until the request is known.
struct PendingSign {
    send: &'static SendMeta,
    values: Vec<(&'static str, SecretString)>,
}

impl std::fmt::Debug for RequestAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let url = |u: &Result<Option<String>, UrlValueError>| match u {
            Ok(Some(_)) => "Ok(Some([REDACTED]))".to_owned(),
            other => format!("{other:?}"),
        };
        f.debug_struct("RequestAuth")
            .field("test_url", &url(&self.test_url))
            .field("test_path", &url(&self.test_path))
            .field("headers", &self.headers)
            .field("query", &self.query)
            .field("basic", &self.basic)
            .field("body", &self.body)
            .field("needs_signing", &self.pending.is_some())
            .finish()
    }
}

impl RequestAuth {
    /// Whether headers and basic auth still wait for [`RequestAuth::sign`].
    pub fn needs_signing(&self) -> bool {
        self.pending.is_some()
    }

    /// Signs the request `target` at `unix_seconds` and renders the headers and basic
    /// auth, which may name the signature and the time stamp. Nothing happens for a
    /// method without `sign` (its headers are rendered already) or a second time.
    pub fn sign(&mut self, target: &RequestTarget<'_>, unix_seconds: i64) {
        let Some(p) = self.pending.take() else {
            return;
        };
        let Some(sign) = &p.send.sign else {
            return;
        };
        let base = |k: &str| -> Option<&str> {
            p.values
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.expose_secret())
        };
        let ts = sign.timestamp(unix_seconds);
        let Some(key) = render_template(&sign.secret, base).map(SecretString::from) else {
            return; // the signing secret is absent: nothing can be signed
        };
        let message = sign.message(target, ts.as_ref().map(|(_, t)| t.as_str()));
        let signature = sign.signature(key.expose_secret().as_bytes(), message.as_bytes());
        let with_sig = |k: &str| -> Option<&str> {
            if k == sign.key {
                return Some(signature.expose_secret());
            }
            match &ts {
                Some((tk, t)) if *tk == k => Some(t.as_str()),
                _ => base(k),
            }
        };
        let per_request: Vec<(&'static str, SecretString)> = p
            .send
            .computed
            .iter()
            .filter(|c| c.per_request)
            .filter_map(|c| Some((c.key, c.render(&with_sig)?)))
            .collect();
        let all = |k: &str| -> Option<&str> {
            match per_request.iter().find(|(key, _)| *key == k) {
                Some((_, v)) => Some(v.expose_secret()),
                None => with_sig(k),
            }
        };
        self.headers = render_headers(p.send, &all);
        self.basic = render_basic(p.send, &all);
    }
}

fn render_headers<'v>(
    send: &SendMeta,
    lookup: &dyn Fn(&str) -> Option<&'v str>,
) -> Vec<(&'static str, SecretString)> {
    send.headers
        .iter()
        .filter_map(|(n, t)| render_template(t, lookup).map(|v| (*n, SecretString::from(v))))
        .collect()
}

fn render_basic<'v>(
    send: &SendMeta,
    lookup: &dyn Fn(&str) -> Option<&'v str>,
) -> Option<(SecretString, SecretString)> {
    send.basic.as_ref().and_then(|(u, p)| {
        Some((
            SecretString::from(render_template(u, lookup)?),
            SecretString::from(render_template(p, lookup).unwrap_or_default()),
        ))
    })
}
