//! Static metadata of providers and auth methods: what a front end needs to build the
//! link form, what a service needs to send credentials and run the connection test.
//!
//! The generator emits one [`ProviderMeta`] per spec and one [`MethodMeta`] per auth
//! method as `static` items; nothing here allocates until a request is built.

use secrecy::SecretString;

use crate::error::ValidationErrors;
use crate::registry::Credential;
use crate::request_url::{UrlPart, UrlValueError, placeholder_parts, render_url};
use crate::rules::MethodRules;
use crate::source::FieldSource;
use crate::template::{Template, render_template};

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
    pub oauth: Option<&'static crate::oauth::OAuthMeta>,
}

/// A generated constructor: validates a field source into a boxed credential.
pub type Validator = fn(&dyn FieldSource) -> Result<Box<dyn Credential>, ValidationErrors>;

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
        &self,
        source: &(impl FieldSource + ?Sized),
    ) -> Result<Box<dyn Credential>, ValidationErrors> {
        (self.validator)(&source)
    }

    /// [`MethodMeta::validate`] for a JSON object of string values (`null` counts as absent).
    pub fn validate_json(
        &self,
        value: &serde_json::Value,
    ) -> Result<Box<dyn Credential>, ValidationErrors> {
        (self.validator)(crate::registry::json_object(value)?)
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
        let includes = |id: &str| -> &'static [&'static str] {
            self.scope_includes
                .iter()
                .find(|(s, _)| *s == id)
                .map_or(&[], |(_, inc)| *inc)
        };
        Ok(crate::least_privilege(&declared, needed, includes)
            .into_iter()
            .map(|id| (id, self.scope_label(id).unwrap_or(id)))
            .collect())
    }

    /// Builds the request authentication from a lookup of field/derived values.
    pub fn request_auth<'v>(&self, lookup: impl Fn(&str) -> Option<&'v str> + Copy) -> RequestAuth {
        self.request_auth_dyn(&lookup)
    }

    /// `request_auth` over a `dyn` lookup: compiled once here instead of once per
    /// generated credential type (what generated code calls).
    pub fn request_auth_dyn<'v>(&self, lookup: &dyn Fn(&str) -> Option<&'v str>) -> RequestAuth {
        let render = |t: &Template<'_>| render_template(t, lookup);
        let test = self.connection_test.as_ref();
        RequestAuth {
            test_url: match test {
                Some(t) => render_url(&[&self.base_url, &t.path], UrlPart::Scheme, lookup),
                None => Ok(None),
            },
            test_path: match test {
                Some(t) => render_url(&[&t.path], UrlPart::Path, lookup),
                None => Ok(None),
            },
            headers: self
                .send
                .headers
                .iter()
                .filter_map(|(n, t)| render(t).map(|v| (*n, SecretString::from(v))))
                .collect(),
            query: self
                .send
                .query
                .iter()
                .filter_map(|(n, t)| render(t).map(|v| (*n, SecretString::from(v))))
                .collect(),
            basic: self.send.basic.as_ref().and_then(|(u, p)| {
                Some((
                    SecretString::from(render(u)?),
                    SecretString::from(render(p).unwrap_or_default()),
                ))
            }),
        }
    }

    /// The form fields whose values decide the host of the method's URLs (a derived
    /// value counts as the field it is taken from), in form order: the fields to name
    /// when a host is refused.
    pub fn host_fields(&self) -> Vec<&'static str> {
        let mut keys: Vec<&'static str> = Vec::new();
        placeholder_parts(&[&self.base_url], UrlPart::Scheme, |k, part| {
            if part == UrlPart::Host {
                keys.push(k);
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
/// wrapped. URLs name non-secret values only (the spec checker enforces it).
#[derive(Debug)]
pub struct RequestAuth {
    /// The connection test's URL: the base URL and the test path with every value
    /// encoded for its URL component. `Ok(None)`: no test, or a value is absent.
    pub test_url: Result<Option<String>, UrlValueError>,
    /// The test path alone, encoded the same way, for a base URL given by the operator.
    pub test_path: Result<Option<String>, UrlValueError>,
    /// Headers to send.
    pub headers: Vec<(&'static str, SecretString)>,
    /// Query parameters to send.
    pub query: Vec<(&'static str, SecretString)>,
    /// Basic auth (username, password).
    pub basic: Option<(SecretString, SecretString)>,
}
